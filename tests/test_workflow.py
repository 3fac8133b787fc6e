"""The Secretariat's data workflow as its page shows it: problems, the history of updates, every table."""

import io
import zipfile

from mande import export, history, updates, workflow
from mande.ingest import Problem, ValidationError
from tests.conftest import DATA


def test_a_received_file_is_named_as_uploaded_and_removed_afterwards():
    with workflow.received(b"iso3\n", "states.csv") as path:
        assert path.name == "states.csv" and path.read_bytes() == b"iso3\n"
    assert not path.exists()


def test_every_problem_is_a_row_with_how_to_fix_it():
    error = ValidationError([Problem("states.csv", 3, "iso3", "not a code", "fj", "3 capital letters, e.g. FJI"),
                             Problem("states.csv", 0, "file", "missing")])
    shown = workflow.problems(error)
    assert list(shown.columns) == ["Row", "Column", "Value", "Problem", "How to fix"]
    assert shown.values.tolist() == [[3, "iso3", "fj", "not a code", "3 capital letters, e.g. FJI"],
                                     [0, "file", "", "missing", ""]]


def test_the_history_for_people(data_copy):
    updates.apply(data_copy, "advice", DATA / "advice.csv", "Ana")  # versions 1 (the file found) and 2
    log = history.history(data_copy)
    shown = workflow.history(log)
    assert list(shown.Version) == ["2", "1"] and list(shown.Who) == ["Ana", ""]
    assert shown.What.tolist() == ["import of advice.csv", "found of advice.csv"]
    assert shown["When (UTC)"].str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d").all()
    assert shown["SHA-256"].str.fullmatch(r"[0-9a-f]{12}…").all()
    assert list(workflow.versions(log)) == [2, 1]
    assert workflow.versions(log)[2] == f"2: advice.csv, {shown['When (UTC)'][0]} UTC"


def test_every_table_is_exported_confidential_records_included(built_db):
    archive = zipfile.ZipFile(io.BytesIO(workflow.every_table(export.tables_zip)))
    assert "advice.csv" in archive.namelist()  # the Secretariat's view: advice exists
