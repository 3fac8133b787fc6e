"""The documentation keeps up with the code: every data file and column is described, the commands work."""

import csv
import re
import subprocess
from pathlib import Path

import pytest

from mande.contracts import CONTRACTS
from tests.conftest import DATA, REPO


def _section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"data/README.md has no section '## {heading}'"
    return match.group(1)


@pytest.mark.parametrize("contract", CONTRACTS.values(), ids=lambda c: c.table)
def test_every_column_of_every_file_is_documented(contract):
    section = _section((DATA / "README.md").read_text(), contract.file_name)
    missing = [c for c in contract.column_names if f"`{c}`" not in section]
    assert not missing, f"{contract.file_name}: columns not described in data/README.md: {missing}"


@pytest.mark.parametrize("contract", CONTRACTS.values(), ids=lambda c: c.table)
def test_every_embedded_file_has_the_contract_header(contract):
    with open(DATA / contract.file_name, encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == contract.column_names


def test_the_boundary_markers_are_documented():
    section = _section((DATA / "README.md").read_text(), "boundaries/")
    with open(DATA / "boundaries" / "markers.csv", encoding="utf-8") as handle:
        columns = next(csv.reader(handle))
    assert all(f"`{c}`" in section for c in columns), columns


def test_the_readme_gives_the_two_commands():
    readme = (REPO / "README.md").read_text()
    assert "pip install -e . && streamlit run app.py" in readme
    assert 'pip install -e ".[test]" && pytest' in readme


def test_ci_runs_the_readme_test_command():
    assert 'pip install -e ".[test]" && pytest' in (REPO / ".ci" / "run").read_text()


def test_no_path_of_a_developer_machine_in_the_repo():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    texts = [REPO / p for p in tracked if Path(p).suffix in {".py", ".md", ".toml", ".csv", ".sql", ""}]
    machine_path = re.compile(r"/r[o]ot/|/h[o]me/\w+/|/w[o]rk/")  # the brackets keep this line from matching itself
    offenders = [str(p) for p in texts if p.is_file() and machine_path.search(p.read_text(errors="replace"))]
    assert offenders == []
