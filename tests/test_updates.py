"""Updating a table's file with a history: preview, apply, restore, refusals, kill -9, two updates at once, the CLI."""

import csv
import getpass
import hashlib
import io
import itertools
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from mande import cli, db, history, updates
from mande.contracts import CONTRACTS
from mande.ingest import ValidationError
from tests.conftest import BAD, DATA, REPO
from tests.test_ingest import CORPUS

UNUSED_EVENT = "2015-costarica-regional-meeting"  # an event no participation row names


@pytest.fixture
def data(data_copy, tmp_path, monkeypatch) -> Path:
    """A copy of the data folder, with its own database (MANDE_DB) built from it."""
    database = tmp_path / "updates.duckdb"
    monkeypatch.setenv("MANDE_DB", str(database))
    db.build(data_copy, database)
    return data_copy


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], line_end: str = "\n", bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator=line_end)
    writer.writeheader()
    writer.writerows(rows)
    content = ("\ufeff" if bom else "") + out.getvalue()
    path.write_bytes(content.encode("utf-8"))
    return path.read_bytes()


def _edited_events(folder: Path, out: Path, **kwargs) -> bytes:
    """events.csv with one title changed, one unused event removed and one event added."""
    rows = _read(folder / "events.csv")
    rows[0] = {**rows[0], "title": rows[0]["title"] + " (edited)"}
    rows = [r for r in rows if r["event_id"] != UNUSED_EVENT]
    rows.append({**rows[1], "event_id": "2099-01-new-test-event", "title": "A new event"})
    return _write(out, rows, **kwargs)


def _database() -> Path:
    return Path(os.environ["MANDE_DB"])


def _digest(table: str, database: Path | None = None) -> tuple:
    """The table's row count and an order-free checksum of all its values, from the database as it is now."""
    con = db.connect(database or _database(), db.SECRETARIAT)
    try:
        columns = ", ".join(f'"{c}"' for c in CONTRACTS[table].column_names)
        return tuple(con.execute(f'SELECT count(*), sum(hash({columns})) FROM "{table}"').fetchall()[0])
    finally:
        con.close()


def _snapshot(data: Path) -> dict[str, bytes]:
    """Every file of the data folder (hidden ones too, outside .mande/) and the database's bytes."""
    files = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    files["(database)"] = _database().read_bytes()
    return files


def _keyed(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    return {r[key]: r for r in rows}


def _records(frame) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in r.items()} for r in frame.to_dict("records")]


# ------------------------------------------------------------------------------------------------------ preview


def test_preview_shows_exactly_the_rows_added_changed_and_removed(data, tmp_path):
    upload = tmp_path / "upload.csv"
    _edited_events(data, upload)
    before = _snapshot(data)

    change = updates.preview(data, "events", upload, "my events.csv")

    old, new = _keyed(_read(data / "events.csv"), "event_id"), _keyed(_read(upload), "event_id")
    assert _records(change.added) == [new[k] for k in new if k not in old]
    assert _records(change.removed) == [old[k] for k in old if k not in new]
    assert _records(change.changed) == [new[k] for k in new if k in old and new[k] != old[k]]
    assert [r["event_id"] for r in _records(change.added)] == ["2099-01-new-test-event"]
    assert [r["event_id"] for r in _records(change.removed)] == [UNUSED_EVENT]
    assert len(change.changed) == 1
    assert list(change.added.columns) == CONTRACTS["events"].column_names
    assert (change.table, change.file_name) == ("events", "my events.csv")
    assert change.sha256 == hashlib.sha256(upload.read_bytes()).hexdigest()
    assert (change.rows_before, change.rows_after, change.shrinks) == (len(old), len(new), False)
    assert _snapshot(data) == before
    assert not (data / ".mande").exists()


def test_preview_names_the_upload_in_every_problem(data):
    with pytest.raises(ValidationError) as refused:
        updates.preview(data, "treaty_actions", BAD / "slash_date.treaty_actions.csv", "from Excel.csv")
    assert [str(p) for p in refused.value.problems] == [
        'from Excel.csv:2: date: not a date (got "14/03/2016"; expected a date as YYYY-MM-DD, e.g. 2019-03-28)'
    ]


def test_a_new_file_is_checked_against_the_other_tables_both_ways(data, tmp_path):
    """An event still named in participation.csv cannot be removed; an unknown State cannot be named."""
    rows = [r for r in _read(data / "events.csv") if r["event_id"] != "2014-03-geneva-hrc25-cti-launch"]
    _write(tmp_path / "events.csv", rows)
    before = _snapshot(data)
    with pytest.raises(ValidationError) as refused:
        updates.apply(data, "events", tmp_path / "events.csv", "tester")
    problems = refused.value.problems
    assert {(Path(p.file).name, p.column, p.problem, p.value) for p in problems} == {
        ("participation.csv", "event_id", "not found in events.csv", "2014-03-geneva-hrc25-cti-launch")
    }
    assert _snapshot(data) == before

    rows = _read(data / "participation.csv")
    rows.append({**rows[0], "iso3": "XKX"})
    _write(tmp_path / "participation.csv", rows)
    with pytest.raises(ValidationError, match=r'participation.csv:229: iso3: not found in states.csv \(got "XKX"'):
        updates.preview(data, "participation", tmp_path / "participation.csv")


# -------------------------------------------------------------------------------------------- apply, restore


def test_apply_changes_the_data_and_the_database_and_restore_brings_the_old_rows_back(data, tmp_path):
    original = (data / "events.csv").read_bytes()
    old_digest = _digest("events")
    upload = tmp_path / "events from Excel.csv"
    uploaded = _edited_events(data, upload, line_end="\r\n", bom=True)  # as Excel saves "CSV UTF-8"
    reader = db.connect(_database())  # opened before the update

    steps = []
    version = updates.apply(data, "events", upload, "Ana", progress=lambda step, done: steps.append((step, done)))

    assert version == 2  # version 1 keeps the file as it was found
    normalised = uploaded.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    assert (data / "events.csv").read_bytes() == normalised
    assert reader.execute("SELECT count(*) FROM events").fetchall() == [(64,)]  # never half an update
    reader.close()
    con = db.connect(_database())
    assert con.execute("SELECT count(*) FROM events WHERE event_id = '2099-01-new-test-event'").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM events WHERE event_id = ?", [UNUSED_EVENT]).fetchall() == [(0,)]
    con.close()
    assert [s for s, _ in steps] == ["validating", "comparing", "saving history", "writing", "rebuilding",
                                     "recording", "done"]
    assert [f for _, f in steps] == sorted(f for _, f in steps) and steps[-1][1] == 1.0

    log = history.history(data)
    assert list(log.columns) == ["version", "when", "who", "action", "table", "file_name", "sha256", "added",
                                 "changed", "removed", "restored_version"]
    newest, found = log.to_dict("records")
    assert {k: newest[k] for k in ("version", "who", "action", "table", "file_name", "added", "changed",
                                   "removed")} == {
        "version": 2, "who": "Ana", "action": "import", "table": "events", "file_name": "events from Excel.csv",
        "added": 1, "changed": 1, "removed": 1}
    assert newest["sha256"] == hashlib.sha256(uploaded).hexdigest()
    assert newest["when"].endswith("+00:00") and pd.isna(newest["restored_version"])
    assert (found["version"], found["action"], found["sha256"]) == (1, "found", hashlib.sha256(original).hexdigest())

    table, rows = history.version_rows(data, 1)
    assert table == "events" and _records(rows) == _read(DATA / "events.csv")
    assert _records(history.version_rows(data, 2)[1]) == _read(upload)

    assert updates.restore(data, 1, "Ben") == 3
    assert (data / "events.csv").read_bytes() == original
    assert _digest("events") == old_digest
    restored = history.history(data).iloc[0]
    assert (restored.version, restored.action, restored.who, restored.restored_version) == (3, "restore", "Ben", 1)
    assert (restored.added, restored.changed, restored.removed) == (1, 1, 1)
    assert restored.sha256 == hashlib.sha256(original).hexdigest()


def test_an_edit_by_hand_between_updates_is_kept_and_can_be_restored(data, tmp_path):
    upload = tmp_path / "advice.csv"
    shutil.copy(data / "advice.csv", upload)
    updates.apply(data, "advice", upload, "Ana")  # versions 1 (found) and 2
    by_hand = (data / "advice.csv").read_text().replace(",prevention,", ",reporting,", 1)
    (data / "advice.csv").write_text(by_hand)

    updates.apply(data, "advice", upload, "Ana")  # undoes the edit: version 3 keeps it, version 4 is the upload

    log = history.history(data)
    assert list(log.action) == ["import", "found", "import", "found"]
    assert (log.iloc[1].version, log.iloc[1].changed, log.iloc[1].added) == (3, 1, 0)
    assert (log.iloc[0].changed, log.iloc[0].added, log.iloc[0].removed) == (1, 0, 0)
    updates.restore(data, 3, "Ana")
    assert (data / "advice.csv").read_text() == by_hand


def test_restoring_an_unknown_version_is_refused(data):
    with pytest.raises(ValueError, match=r"no version 7 in the history \(it is empty; see `mande history`\)"):
        updates.restore(data, 7, "Ana")
    with pytest.raises(ValueError, match="no version 7"):
        history.version_rows(data, 7)


def test_a_restore_is_checked_against_the_current_data(data, tmp_path):
    """An event's participants cannot come back once the event is gone (and the refusal changes nothing)."""
    participation = _read(data / "participation.csv")
    updates.apply(data, "participation", data / "participation.csv", "Ana")  # version 1 found, 2
    kept = [r for r in participation if r["event_id"] != "2014-03-geneva-hrc25-cti-launch"]
    _write(tmp_path / "participation.csv", kept)
    updates.apply(data, "participation", tmp_path / "participation.csv", "Ana")  # version 3
    events = [r for r in _read(data / "events.csv") if r["event_id"] != "2014-03-geneva-hrc25-cti-launch"]
    _write(tmp_path / "events.csv", events)
    updates.apply(data, "events", tmp_path / "events.csv", "Ana")  # versions 4 (found) and 5
    before = _snapshot(data)

    with pytest.raises(ValidationError, match='event_id: not found in events.csv .got "2014-03-geneva-hrc25-cti-'):
        updates.restore(data, 2, "Ana")
    assert _snapshot(data) == before
    assert len(history.history(data)) == 5


# ---------------------------------------------------------------------------------------------- bad files


@pytest.fixture(scope="module")
def untouched(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    """One data folder and database for the whole corpus: each bad file must leave them exactly as they are."""
    root = tmp_path_factory.mktemp("corpus")
    data = root / "data"
    data.mkdir()
    for path in DATA.glob("*.csv"):
        shutil.copy(path, data / path.name)
    database = root / "corpus.duckdb"
    db.build(data, database)
    digests = {table: _digest(table, database) for table in CONTRACTS}
    return data, database, digests


@pytest.mark.parametrize("file_name", sorted(CORPUS))
def test_a_bad_file_is_refused_by_apply_and_changes_nothing(untouched, monkeypatch, file_name):
    data, database, digests = untouched
    monkeypatch.setenv("MANDE_DB", str(database))
    before = _snapshot(data)
    table = file_name.split(".")[1]

    with pytest.raises(ValidationError) as refused:
        updates.apply(data, table, BAD / file_name, "tester", file_name=file_name)

    assert [str(p) for p in refused.value.problems] == [f"{file_name}:{line}" for line in CORPUS[file_name]]
    assert _snapshot(data) == before
    assert {t: _digest(t, database) for t in CONTRACTS} == digests
    assert history.history(data).empty
    assert not list((data / ".mande" / "history").glob("**/*.csv"))


def test_a_huge_bad_file_is_refused_and_changes_nothing(data, tmp_path):
    lines = ["iso3,treaty,action,date,date_precision,date_earliest,source,note"]
    lines += [f"FJI,UNCAT,signature,{1 + i % 28:02d}/{1 + i // 28 % 12:02d}/{1950 + i // 336},day,,src,"
              for i in range(20_000)]
    (tmp_path / "big.csv").write_text("\n".join(lines) + "\n")
    before = _snapshot(data)
    with pytest.raises(ValidationError) as refused:
        updates.apply(data, "treaty_actions", tmp_path / "big.csv", "tester")
    assert len(refused.value.problems) == 51
    assert refused.value.problems[-1].problem == "not a date: 19,950 more rows like this not listed"
    assert _snapshot(data) == before


# ----------------------------------------------------------------------------------------------- shrinking


def test_a_shrinking_update_is_refused_unless_allowed(data, tmp_path):
    rows = _read(data / "advice.csv")
    _write(tmp_path / "advice.csv", rows[:4])
    assert updates.preview(data, "advice", tmp_path / "advice.csv").shrinks
    before = _snapshot(data)

    with pytest.raises(updates.ShrinkRefused) as refused:
        updates.apply(data, "advice", tmp_path / "advice.csv", "Ana")
    assert str(refused.value) == (
        "advice.csv: this update would remove 27 of its 31 rows (4 rows after it); nothing was changed. If that is "
        "intended, run it again with --allow-shrink (in the app, tick the box confirming the removal)."
    )
    assert _snapshot(data) == before
    assert history.history(data).empty

    assert updates.apply(data, "advice", tmp_path / "advice.csv", "Ana", allow_shrink=True) == 2
    assert _digest("advice")[0] == 4
    assert updates.restore(data, 1, "Ana") == 3  # back to the 31 rows: nothing removed
    with pytest.raises(updates.ShrinkRefused, match="would remove 27 of its 31 rows"):
        updates.restore(data, 2, "Ana")
    assert updates.restore(data, 2, "Ana", allow_shrink=True) == 4


def test_half_is_not_more_than_half(data, tmp_path):
    rows = _read(data / "datasets.csv")  # 9 rows
    _write(tmp_path / "datasets.csv", rows[:5])
    assert not updates.preview(data, "datasets", tmp_path / "datasets.csv").shrinks  # 4 of 9 removed
    _write(tmp_path / "datasets.csv", rows[:4])
    assert updates.preview(data, "datasets", tmp_path / "datasets.csv").shrinks  # 5 of 9


# ----------------------------------------------------------------------------------------------- kill -9


def _mande(*args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mande", *args], cwd=REPO, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_line(process: subprocess.Popen, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 0.5)
        if ready:
            line = process.stderr.readline()
            seen += line
            if text in line:
                return
            if not line and process.poll() is not None:
                break
    process.kill()
    raise AssertionError(f"never saw {text!r}; stderr: {seen}")


def _state_after_a_kill(data: Path, table: str) -> tuple:
    """The database, as the next reader opens it, and the data file: each must be old or new, never a mix."""
    db.ensure_current(_database(), data)
    return _digest(table), (data / CONTRACTS[table].file_name).read_bytes()


def _expected_digest(data: Path, table: str, file: Path, tmp_path: Path) -> tuple:
    """The table's digest in a database built from the data folder with `file` in place of the table's."""
    folder = tmp_path / f"expected-{file.stem}"
    shutil.copytree(data, folder, ignore=shutil.ignore_patterns(".mande"))
    shutil.copy(file, folder / CONTRACTS[table].file_name)
    db.build(folder, tmp_path / f"expected-{file.stem}.duckdb")
    return _digest(table, tmp_path / f"expected-{file.stem}.duckdb")


@pytest.mark.parametrize("step", list(updates.STEPS))
def test_killed_after_any_step_the_data_is_old_or_new_and_the_history_says_which(data, tmp_path, step):
    upload = tmp_path / "events.csv"
    new_bytes = _edited_events(data, upload)
    old_bytes = (data / "events.csv").read_bytes()
    old, new = _digest("events"), _expected_digest(data, "events", upload, tmp_path)

    update = _mande("import", str(upload), "--table", "events", "--data", str(data),
                    MANDE_TEST_PAUSE_AFTER=step)
    _wait_for_line(update, f"mande: paused after {step}")
    update.send_signal(signal.SIGKILL)
    update.wait()

    landed = step in ("writing", "rebuilding", "recording")  # the file was renamed into place
    assert _state_after_a_kill(data, "events") == ((new, new_bytes) if landed else (old, old_bytes))
    log = history.history(data)  # completes or undoes what the killed update left
    assert list(log.action) == (["import", "found"] if landed else [])
    assert not list(data.glob(".*.new"))
    assert sorted(p.name for p in (data / ".mande" / "history" / "files").glob("*")) == (
        ["1.events.csv", "2.events.csv"] if landed else [])
    # and the next update runs: the lock was released with the process
    assert updates.apply(data, "events", DATA / "events.csv", "tester") == (3 if landed else 2)
    assert _digest("events") == old


def _big_participation(path: Path, rows: int) -> None:
    """The embedded participation rows, then more with unique keys for the embedded events and States."""
    contract = CONTRACTS["participation"]
    embedded = _read(DATA / "participation.csv")
    taken = {tuple(r[k] for k in contract.key) for r in embedded}
    events = [r["event_id"] for r in _read(DATA / "events.csv")]
    states = [r["iso3"] for r in _read(DATA / "states.csv")]
    keys = (k for k in itertools.product(events, states, ("government", "ngo", "expert"), ("speaker", "participant"),
                                         ("senior", "technical"), ("", "women", "men"), ("", "online"))
            if k not in taken)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(contract.column_names)
        writer.writerows([r[c] for c in contract.column_names] for r in embedded)
        for i, key in enumerate(itertools.islice(keys, rows - len(embedded))):
            writer.writerow((*key, 1 + i % 9, "yes", "https://example.org/test", ""))


def _started(data: Path, process: subprocess.Popen, timeout: float = 60) -> float:
    """When the update began its work (after Python's start-up): its temporary file appears in the data folder."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if list(data.glob(f".*.csv.{process.pid}.new")):
            return time.monotonic()
        time.sleep(0.002)
    raise AssertionError("the update never started")


def test_killed_at_any_moment_of_a_large_import_the_data_is_old_or_new(data, tmp_path):
    """A 200,000-row participation.csv, killed at moments spread over the import's work."""
    upload = tmp_path / "participation.csv"
    _big_participation(upload, 200_000)
    pristine = tmp_path / "pristine"
    shutil.copytree(data, pristine, ignore=shutil.ignore_patterns(".mande"))
    old_bytes, new_bytes = (data / "participation.csv").read_bytes(), upload.read_bytes()
    old, new = _digest("participation"), _expected_digest(data, "participation", upload, tmp_path)

    full = _mande("import", str(upload), "--table", "participation", "--data", str(data))
    began = _started(data, full)
    assert full.wait() == 0, full.stderr.read()
    work = time.monotonic() - began
    assert _state_after_a_kill(data, "participation") == (new, new_bytes)

    outcomes = []
    for fraction in (0.05, 0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9):
        shutil.rmtree(data)
        shutil.copytree(pristine, data)
        db.build(data, _database())
        update = _mande("import", str(upload), "--table", "participation", "--data", str(data))
        time.sleep(max(0.0, _started(data, update) + work * fraction - time.monotonic()))
        update.send_signal(signal.SIGKILL)
        update.wait()
        state = _state_after_a_kill(data, "participation")
        assert state in ((old, old_bytes), (new, new_bytes)), f"killed {work * fraction:.2f} s into the import"
        landed = state == (new, new_bytes)
        assert list(history.history(data).action) == (["import", "found"] if landed else [])
        outcomes.append("new" if landed else "old")
    print(f"import of 200,000 rows: {work:.2f} s of work; killed 5% to 90% of the way in: {', '.join(outcomes)}")


# ------------------------------------------------------------------------------------------- two at once


def test_two_imports_of_different_tables_at_once_are_serialized_and_both_kept(data, tmp_path):
    _edited_events(data, tmp_path / "events.csv")
    advice = _read(data / "advice.csv")
    _write(tmp_path / "advice.csv", [*advice, {**advice[0], "request_id": "2099-001"}])

    first = _mande("import", str(tmp_path / "events.csv"), "--table", "events", "--data", str(data), "--who", "A",
                   MANDE_TEST_PAUSE_AFTER="validating", MANDE_TEST_PAUSE_SECONDS="1.5")
    _wait_for_line(first, "paused after validating")  # holds the update lock for 1.5 s
    second = _mande("import", str(tmp_path / "advice.csv"), "--table", "advice", "--data", str(data), "--who", "B")
    assert first.wait() == 0 and second.wait() == 0, second.stderr.read()

    log = history.history(data)
    assert list(zip(log.version, log.who, log.table, log.action, strict=True)) == [
        (4, "B", "advice", "import"), (3, "", "advice", "found"), (2, "A", "events", "import"),
        (1, "", "events", "found")]
    assert (data / "events.csv").read_bytes() == (tmp_path / "events.csv").read_bytes()
    assert (data / "advice.csv").read_bytes() == (tmp_path / "advice.csv").read_bytes()
    assert _digest("events")[0] == 64 and _digest("advice")[0] == 32


def test_two_imports_of_the_same_table_at_once_the_second_compares_with_the_first(data, tmp_path):
    advice = _read(data / "advice.csv")
    _write(tmp_path / "a.csv", [*advice, {**advice[0], "request_id": "2099-00a"}])
    _write(tmp_path / "b.csv", [*advice, {**advice[0], "request_id": "2099-00b"}])

    first = _mande("import", str(tmp_path / "a.csv"), "--table", "advice", "--data", str(data), "--who", "A",
                   MANDE_TEST_PAUSE_AFTER="comparing", MANDE_TEST_PAUSE_SECONDS="1.5")
    _wait_for_line(first, "paused after comparing")
    second = _mande("import", str(tmp_path / "b.csv"), "--table", "advice", "--data", str(data), "--who", "B")
    assert first.wait() == 0 and second.wait() == 0, second.stderr.read()

    log = history.history(data)
    assert [(r.version, r.who, r.added, r.removed) for r in log.itertuples()][:2] == [(3, "B", 1, 1), (2, "A", 1, 0)]
    assert (data / "advice.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    con = db.connect(_database(), db.SECRETARIAT)
    assert con.execute("SELECT request_id FROM advice WHERE request_id LIKE '2099%'").fetchall() == [("2099-00b",)]
    con.close()


# -------------------------------------------------------------------------------------------------- the CLI


def test_import_history_and_restore_on_the_command_line(data, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MANDE_DATA", str(data))
    _edited_events(data, tmp_path / "events.csv")

    assert cli.main(["import", str(tmp_path / "events.csv"), "--table", "events"]) == 0
    assert capsys.readouterr().out == (
        "Imported events.csv into events: 1 added, 1 changed, 1 removed. "
        "This is version 2 (`mande restore` with an earlier version undoes it).\n"
    )
    assert cli.main(["history", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "version,when,who,action,table,file_name,sha256,added,changed,removed,restored_version"
    sha = hashlib.sha256((tmp_path / "events.csv").read_bytes()).hexdigest()
    assert lines[1].split(",")[2:] == [getpass.getuser(), "import", "events", "events.csv", sha, "1", "1", "1", ""]
    assert lines[2].split(",")[2:6] == ["", "found", "events", "events.csv"]

    assert cli.main(["restore", "1", "--who", "Ben", "--data", str(data)]) == 0
    assert capsys.readouterr().out.startswith("Restored events to version 1: 1 added, 1 changed, 1 removed. "
                                              "This is version 3")
    assert cli.main(["history"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["version", "when", "who", "action", "table", "file_name", "added", "changed",
                              "removed", "restores"]
    assert out[1].split()[2:] == ["Ben", "restore", "events", "events.csv", "1", "1", "1", "1"]
    assert (data / "events.csv").read_bytes() == (DATA / "events.csv").read_bytes()


def test_the_command_line_refuses_bad_input_with_exit_1_and_wrong_usage_with_2(data, tmp_path, capsys):
    before = _snapshot(data)
    bad = BAD / "unknown_state.advice.csv"
    assert cli.main(["import", str(bad), "--table", "advice", "--data", str(data)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith('unknown_state.advice.csv:2: iso3: not found in states.csv (got "XKX"; expected a value '
                           "of states.csv column iso3, e.g. TUV)")
    assert err[-1].endswith("unknown_state.advice.csv; nothing was changed.")

    _write(tmp_path / "advice.csv", _read(data / "advice.csv")[:3])
    assert cli.main(["import", str(tmp_path / "advice.csv"), "--table", "advice", "--data", str(data)]) == 1
    assert "would remove 28 of its 31 rows" in capsys.readouterr().err
    assert _snapshot(data) == before

    assert cli.main(["restore", "99", "--data", str(data)]) == 2
    assert "mande: error: no version 99 in the history (it is empty; see `mande history`)" in capsys.readouterr().err
    assert cli.main(["import", str(tmp_path / "nothing.csv"), "--table", "advice", "--data", str(data)]) == 2
    assert "no file" in capsys.readouterr().err
    assert cli.main(["history", "--data", str(tmp_path / "nowhere")]) == 2
    with pytest.raises(SystemExit) as usage:
        cli.main(["import", str(tmp_path / "advice.csv"), "--data", str(data)])  # no --table
    assert usage.value.code == 2
    assert _snapshot(data) == before

    assert cli.main(["import", str(tmp_path / "advice.csv"), "--table", "advice", "--data", str(data),
                     "--allow-shrink"]) == 0
    assert "28 removed" in capsys.readouterr().out
    assert cli.main(["history", "--data", str(data)]) == 0


def test_the_history_as_csv_neutralises_a_name_that_looks_like_a_formula(data, tmp_path, capsys):
    shutil.copy(data / "advice.csv", tmp_path / "=advice.csv")
    assert cli.main(["import", str(tmp_path / "=advice.csv"), "--table", "advice", "--data", str(data),
                     "--who", "@Ana"]) == 0
    capsys.readouterr()
    assert cli.main(["history", "--format", "csv", "--data", str(data)]) == 0
    newest = capsys.readouterr().out.splitlines()[1].split(",")
    assert newest[2:6] == ["'@Ana", "import", "advice", "'=advice.csv"]
    assert history.history(data).who[0] == "@Ana"  # as given, for the app to show as text


def test_the_history_shows_control_characters_written_out_never_sent_to_the_terminal(data, tmp_path, capsys):
    # An upload's own name reaches the history as it is (the app passes it); the terminal must not obey it.
    shutil.copy(data / "advice.csv", tmp_path / "advice.csv")
    updates.apply(data, "advice", tmp_path / "advice.csv", "Ana\x1b]0;owned\x07", file_name="a\x1b[2J.csv")
    assert cli.main(["history", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "a\\x1b[2J.csv" in out and "Ana\\x1b]0;owned\\x07" in out


def test_import_refuses_a_name_with_control_characters(data, tmp_path, capsys):
    shutil.copy(data / "advice.csv", tmp_path / "advice.csv")
    with pytest.raises(SystemExit) as usage:
        cli.main(["import", str(tmp_path / "advice.csv"), "--table", "advice", "--data", str(data),
                  "--who", "Ana\x1b[2J"])
    assert usage.value.code == 2
    assert '--who: a name without control characters (got "Ana\\x1b[2J")' in capsys.readouterr().err
    assert history.history(data).empty


def _cannot_write(data: Path, how: str):
    """Make the data folder impossible to update, as a read-only folder is: the tests run as root, whom
    permissions (chmod) do not stop, so a folder is put where the update lock's file goes (it cannot be opened
    for writing), or the folder is mounted read-only where this machine allows mounts."""
    if how == "a folder in place of the lock file":
        (data / ".mande" / "update.lock").unlink(missing_ok=True)
        (data / ".mande" / "update.lock").mkdir(parents=True)
        return None
    mounted = subprocess.run(["mount", "--bind", str(data), str(data)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount here: {mounted.stderr.decode().strip()}")
    if subprocess.run(["mount", "-o", "remount,bind,ro", str(data)], check=False).returncode != 0:
        subprocess.run(["umount", str(data)], check=False)  # never leave the bind mount behind
        raise RuntimeError(f"could not make the bind mount of {data} read-only")
    return data


@pytest.mark.parametrize("how", ["a folder in place of the lock file", "a read-only mount"])
@pytest.mark.parametrize("command", ["import", "restore"])
def test_a_data_folder_that_cannot_be_written_is_said_in_a_sentence(data, tmp_path, capsys, how, command):
    shutil.copy(data / "advice.csv", tmp_path / "advice.csv")
    if command == "restore":
        assert cli.main(["import", str(tmp_path / "advice.csv"), "--table", "advice", "--data", str(data)]) == 0
    before = (data / "advice.csv").read_bytes()
    capsys.readouterr()
    mount = _cannot_write(data, how)
    try:
        arguments = (["import", str(tmp_path / "advice.csv"), "--table", "advice"] if command == "import"
                     else ["restore", "1", "--allow-shrink"])
        assert cli.main([*arguments, "--data", str(data), "--db", str(tmp_path / "other.duckdb")]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"The data folder {data} could not be updated (")
        assert err.rstrip().endswith("The data is as it was before, or fully updated: `mande history` says which.")
        assert (data / "advice.csv").read_bytes() == before
    finally:
        if mount is not None:
            subprocess.run(["umount", str(mount)], check=True)
