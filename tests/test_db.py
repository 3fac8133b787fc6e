"""The database is built on first use, rebuilt when the data changes, and replaced atomically."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from mande import db, status
from mande.ingest import ValidationError
from tests.conftest import BAD, DATA


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


# --- A rebuild that fails for a reason other than the files: the last good database stays in use -------------

def _unwritable_build(path):
    """Make this process's next build of `path` fail as a full or broken disk would: its temporary file's name
    is taken by a folder, so the build cannot create it (a real OSError from the file system, not a stand-in)."""
    blocker = path.with_name(f".{path.name}.{os.getpid()}.building")
    blocker.mkdir()
    (blocker / "keep").write_text("a folder cannot be unlinked as a file")
    return blocker


def test_a_rebuild_that_cannot_be_written_keeps_the_last_good_database_and_says_why(data_copy, tmp_path):
    path = tmp_path / "kept.duckdb"
    db.ensure_current(path, data_copy)
    (data_copy / "states.csv").write_text((data_copy / "states.csv").read_text())
    _touch_later(data_copy / "states.csv")
    blocker = _unwritable_build(path)

    problem = db.ensure_current(path, data_copy)

    assert isinstance(problem, db.BuildFailed)
    assert str(problem).startswith(f"the database {path} could not be written (")
    assert _count_states(path) == 195  # still served
    assert db.ensure_current(path, data_copy) is problem  # not retried on every page load...
    shutil.rmtree(blocker)
    db._failed_builds.clear()  # ...but after a while (RETRY_FAILED_WRITE_AFTER): here, at once
    assert db.ensure_current(path, data_copy) is None


def test_with_no_database_a_build_that_cannot_be_written_is_said_in_words(data_copy, tmp_path):
    path = tmp_path / "never.duckdb"
    _unwritable_build(path)
    with pytest.raises(db.BuildFailed, match="could not be written"):
        db.ensure_current(path, data_copy)


@pytest.mark.parametrize("damage", ["truncated", "not a database", "empty"])
def test_a_damaged_database_file_is_rebuilt_from_the_csv_files(data_copy, tmp_path, damage):
    path = tmp_path / "damaged.duckdb"
    db.ensure_current(path, data_copy)
    whole = path.read_bytes()
    path.write_bytes({"truncated": whole[: len(whole) // 3], "not a database": b"state,count\nFJI,1\n",
                      "empty": b""}[damage])

    assert db.ensure_current(path, data_copy) is None
    assert _count_states(path) == 195


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB tmpfs mounted for the test (root may mount one here), unmounted afterwards."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; test_a_rebuild_that_cannot_be_written... covers the same path")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_keeps_the_dashboard_on_its_last_good_data(small_disk):
    data = small_disk / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(".mande"))
    path = data / ".mande" / "mande.duckdb"
    db.ensure_current(path, data)
    with open(small_disk / "filler", "wb") as filler:  # fill the disk to the last byte
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    with open(data / "treaty_actions.csv", "r+b") as actions:  # an edit that needs no new space
        first = actions.read(1)
        actions.seek(0)
        actions.write(first)
    _touch_later(data / "treaty_actions.csv")

    problem = db.ensure_current(path, data)

    assert isinstance(problem, db.BuildFailed) and "No space left on device" in str(problem), problem
    assert _count_states(path) == 195
    env = {**os.environ, "MANDE_DATA": str(data), "MANDE_DB": str(path)}
    done = subprocess.run([sys.executable, "-m", "mande", "status", "--as-of", "2024-05-10"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "could not be written (" in done.stderr
    assert "No space left on device); using the database built at" in done.stderr
    assert "174" in done.stdout


# --- A database belongs to the data folder it sits in -----------------------------------------------------

def test_a_copied_data_folder_serves_its_own_data_not_the_original(data_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("MANDE_DB", raising=False)
    monkeypatch.delenv("MANDE_DATA", raising=False)
    original = data_copy / ".mande" / "mande.duckdb"
    db.ensure_current(original, data_copy)
    copy = tmp_path / "copy"
    shutil.copytree(data_copy, copy)  # with its .mande/, the files' times kept (as cp -a or a checkout copy)
    shutil.rmtree(data_copy)  # the original is gone
    moved = copy / ".mande" / "mande.duckdb"
    assert db.built_from(moved)["data_dir"] == str(data_copy.resolve())  # as copied: built from the original

    assert db.ensure_current(moved) is None
    assert db.built_from(moved)["data_dir"] == str(copy.resolve())
    assert _count_states(moved) == 195

    states = copy / "states.csv"
    states.write_text(states.read_text().replace(",Fiji,", ",Fiji (edited in the copy),"))
    _touch_later(states)
    assert db.ensure_current(moved) is None
    con = db.connect(moved)
    try:
        assert con.execute("SELECT name FROM states WHERE iso3 = 'FJI'").fetchall() == [("Fiji (edited in the copy)",)]
    finally:
        con.close()
