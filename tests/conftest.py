"""Shared fixtures: a real DuckDB database built from the embedded data, and copies of the data folder."""

import os
import shutil
from pathlib import Path

import pytest

from mande import db

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
BAD = Path(__file__).resolve().parent / "data" / "bad"


@pytest.fixture(scope="session", autouse=True)
def private_database(tmp_path_factory):
    """Every test (and the app under AppTest) uses its own database file, never the one in data/.mande."""
    path = tmp_path_factory.mktemp("db") / "mande.duckdb"
    os.environ["MANDE_DB"] = str(path)
    yield path
    os.environ.pop("MANDE_DB", None)


@pytest.fixture(scope="session", autouse=True)
def private_static_files():
    """The deployment tests' static files (mande/web_assets.py) are prepared once in the user's cache, never in a
    folder a developer's $MANDE_STATIC names (a server's /srv/mande-static)."""
    before = os.environ.get("MANDE_STATIC")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    os.environ["MANDE_STATIC"] = str(cache / "mande" / "web-assets-tests")
    yield
    os.environ.pop("MANDE_STATIC") if before is None else os.environ.update(MANDE_STATIC=before)


@pytest.fixture(scope="session")
def built_db(private_database) -> Path:
    db.build(DATA, private_database)
    return private_database


@pytest.fixture
def con(built_db):
    connection = db.connect(built_db)
    yield connection
    connection.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the embedded data folder."""
    copy = tmp_path / "data"
    copy.mkdir()
    for csv_file in DATA.glob("*.csv"):
        shutil.copy(csv_file, copy / csv_file.name)
    return copy


def append(path: Path, *lines: str) -> None:
    """Add rows (CSV lines, without their line ends) to a data file."""
    with open(path, "a", encoding="utf-8") as rows:
        rows.writelines(line + "\n" for line in lines)
