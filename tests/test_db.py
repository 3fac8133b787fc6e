"""The database is built on first use, rebuilt when the data changes, and replaced atomically."""

import os
import time

from mande import db, status
from mande.ingest import ValidationError
from tests.conftest import BAD


def _touch_later(path):
    later = time.time_ns() + 5_000_000_000
    os.utime(path, ns=(later, later))


def _count_states(path) -> int:
    con = db.connect(path)
    try:
        return status.state_count(con)
    finally:
        con.close()


def test_built_on_first_use(data_copy, tmp_path):
    path = tmp_path / "first.duckdb"
    assert db.ensure_current(path, data_copy) is None
    assert _count_states(path) == 195
    assert db.built_from(path)["data_dir"] == str(data_copy.resolve())


def test_rebuilt_when_a_file_changes_and_readers_keep_the_old_data(data_copy, tmp_path):
    path = tmp_path / "current.duckdb"
    db.ensure_current(path, data_copy)
    reader = db.connect(path)  # opened before the update

    states = data_copy / "states.csv"
    states.write_text("\n".join(line for line in states.read_text().splitlines() if not line.startswith("NRU,"))
                      + "\n")
    actions = data_copy / "treaty_actions.csv"
    actions.write_text("\n".join(line for line in actions.read_text().splitlines() if not line.startswith("NRU,"))
                       + "\n")
    groups = data_copy / "groups.csv"
    groups.write_text("\n".join(line for line in groups.read_text().splitlines() if ",NRU," not in line) + "\n")
    _touch_later(states)

    assert db.ensure_current(path, data_copy) is None
    assert _count_states(path) == 194
    assert status.state_count(reader) == 195  # never half an update: the old file is still whole
    reader.close()
    assert [p.name for p in tmp_path.iterdir() if ".building" in p.name] == []


def test_a_bad_update_keeps_the_last_good_database(data_copy, tmp_path):
    path = tmp_path / "kept.duckdb"
    db.ensure_current(path, data_copy)
    (data_copy / "states.csv").write_bytes((BAD / "duplicate_key.states.csv").read_bytes())
    _touch_later(data_copy / "states.csv")

    problem = db.ensure_current(path, data_copy)

    assert isinstance(problem, ValidationError)
    assert "duplicate of row 2" in str(problem)
    assert _count_states(path) == 195


def test_with_no_database_to_fall_back_on_the_problems_are_raised(data_copy, tmp_path):
    (data_copy / "states.csv").write_bytes(b"")
    try:
        db.ensure_current(tmp_path / "none.duckdb", data_copy)
    except ValidationError as error:
        assert "the file is empty" in str(error)
    else:
        raise AssertionError("an empty states.csv was accepted")


def test_the_default_database_lives_beside_the_data_and_outside_git(monkeypatch, tmp_path):
    monkeypatch.delenv("MANDE_DB", raising=False)
    monkeypatch.setenv("MANDE_DATA", str(tmp_path))
    assert db.db_path() == tmp_path / ".mande" / "mande.duckdb"
    assert ".mande/" in (db.REPO_DIR / ".gitignore").read_text().splitlines()
