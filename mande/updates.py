"""Update one table's CSV file in the data folder, safely: checked, written, the database rebuilt, in the history.

The CSV files in the data folder are the truth; the database is derived from them (`db.py`). An update
(`apply`, or `restore` of an earlier version) replaces one table's file:

1. **validating** - the new file is normalised (UTF-8 without BOM, `\\n` line ends), written beside its
   destination as a hidden temporary file (`.<table>.csv.<pid>.new`) and read; the other tables are read from
   their files in the data folder; every table is checked together, as a build would, so that a reference
   (`participation.event_id` -> `events`) holds both ways. Problems of the new file itself are reported
   alone; when it has none, the other files' problems are (a removed event still named in
   `participation.csv`, or a file broken by hand). On any problem, ValidationError and nothing changes.
   Meanwhile another thread does the disk work: the SHA-256, the temporary file made durable (fsync), and
   the new version's copy written into the history (removed again if the update goes no further).
2. **comparing** - rows are compared with the current file's by the table's key (`changes.py`). An update that
   would remove more than half of the rows is refused (ShrinkRefused) unless `allow_shrink`.
3. **saving history** - when the current file is not the state the history last recorded for its table (the
   table's first update, or an edit made by hand since), it is kept as a version of its own, action `found`;
   the new file is kept as the next version; then a journal (`pending.json`) names the records to add
   (`history.py` keeps the versions, the log and the journal).
4. **writing** - `os.replace` moves the temporary file onto `<table>.csv`: atomic.
5. **rebuilding** - `db.build` loads the rows read and checked in step 1 into a new database file and
   renames it into place: readers keep the old database until the new one is complete.
6. **recording** - the log (`log.csv`) is rewritten with the new records (temporary file, `os.replace`),
   then the journal is removed.

All of it runs under an update lock (`<data>/.mande/update.lock`, apart from the build lock of `db.py`, which
`db.build` takes inside it): two updates at once run one after the other, and the second is checked and
compared against the data the first left. The system releases the lock of a killed process. Every file is
written durably (`files.py`: fsync before the rename that publishes it).

What a crash (`kill -9`) at each step leaves: the database always opens and holds the old data or the new;
the data folder holds the old file or the new; the history records the new version exactly when the data
folder holds it:

- in 1-2: the data folder, database and history are unchanged (a stale temporary file, which builds ignore,
  and perhaps the new version's copy, not yet in the log: the next update removes both);
- in 3, or in 4 before the rename: unchanged, plus version files and a journal; the next update (or
  `history`) sees that the data file is not the journal's new version and discards them;
- after the rename, in 5 or 6: the data folder holds the new file, the database the old data (a killed
  build leaves the old database file in place). The database is rebuilt from the new file on its next
  use (`db.ensure_current` sees the changed file), and the next update (or `history`) finds the journal's
  new version in the data folder and completes the log. (Were the file edited by hand before that, the
  journal would be discarded and the edit recorded as `found` by the next update.)

`MANDE_TEST_PAUSE_AFTER=<step>` (with `MANDE_TEST_PAUSE_SECONDS`, default 60) makes an update print
`mande: paused after <step>` to standard error and sleep after that step: for tests that kill an update at
a chosen moment (tests/test_updates.py). It is never set otherwise.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from mande import changes, db, files, history, ingest
from mande.contract import Contract
from mande.contracts import CONTRACTS, contract_for
from mande.ingest import ValidationError

Progress = Callable[[str, float], None]

STEPS = {  # step -> the fraction of the update done when it starts
    "validating": 0.0,
    "comparing": 0.35,
    "saving history": 0.45,
    "writing": 0.55,
    "rebuilding": 0.6,
    "recording": 0.95,
}
PAUSE_AFTER = "MANDE_TEST_PAUSE_AFTER"
PAUSE_SECONDS = "MANDE_TEST_PAUSE_SECONDS"


class ShrinkRefused(Exception):
    """An update that would remove more than half of a table's rows, without `allow_shrink`."""

    def __init__(self, table: str, rows_before: int, rows_after: int, removed: int):
        self.table, self.rows_before, self.rows_after, self.removed = table, rows_before, rows_after, removed
        super().__init__(
            f"{table}.csv: this update would remove {removed:,} of its {rows_before:,} rows "
            f"({rows_after:,} rows after it); nothing was changed. If that is intended, run it again with "
            "--allow-shrink (in the app, tick the box confirming the removal)."
        )


class FolderNotWritable(Exception):
    """The data folder or its history could not be written (read-only, full, or not a folder)."""

    def __init__(self, data: Path, error: OSError):
        self.data, self.error = data, error
        where = f": {error.filename}" if error.filename else ""
        super().__init__(
            f"The data folder {ingest.display_name(data)} could not be updated ({error.strerror or error}{where}). "
            "The data is as it was before, or fully updated: `mande history` says which."
        )



def preview(data: Path, table: str, file: Path, file_name: str | None = None) -> changes.Change:
    """What replacing `table`'s file with `file` would change; ValidationError listing every problem.

    `file_name` names the file in problems and the history (an upload's original name); by default, the path.
    Changes nothing.
    """
    contract = contract_for(table)
    raw = file.read_bytes()
    name = file_name or ingest.display_name(file)
    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder) / contract.file_name
        staged.write_bytes(_normalised(raw))
        new_rows = _check(data, contract, staged, name).tables[table][1]
        old_rows = _current_rows(data, contract, new_rows)
    return changes.Change(table, file_name or file.name, hashlib.sha256(raw).hexdigest(),
                          **changes.rows(contract, old_rows, new_rows), rows_before=old_rows.num_rows,
                          rows_after=new_rows.num_rows)


def apply(data: Path, table: str, file: Path, who: str, file_name: str | None = None, allow_shrink: bool = False,
          progress: Progress | None = None, database: Path | None = None) -> int:
    """Replace `table`'s file in the data folder with `file` and rebuild the database; returns the new version.

    ValidationError (every problem) or ShrinkRefused, and nothing changes, when the file cannot be applied.
    `database`: the database to rebuild (default: `db.db_path(data)`, so $MANDE_DB where set).
    """
    contract = contract_for(table)
    name = file_name or ingest.display_name(file)
    with _said_if_unwritable(data):
        return _update(data, contract, file, name, file_name or file.name, who, "import", None, allow_shrink,
                       progress, database)


def restore(data: Path, version: int, who: str, allow_shrink: bool = False, progress: Progress | None = None,
            database: Path | None = None) -> int:
    """Make the table of `version` hold what it held right after that version, as a new version ("restore").

    The file is checked again against the current data of the other tables. UnknownVersion (a ValueError)
    for a version the history does not hold.
    """
    record = history.record(data, version)
    contract = contract_for(record["table"])
    stored = history.version_file(data, version, contract)
    with _said_if_unwritable(data):
        return _update(data, contract, stored, ingest.display_name(stored), record["file_name"], who, "restore",
                       version, allow_shrink, progress, database)


@contextmanager
def _said_if_unwritable(data: Path) -> Iterator[None]:
    """FolderNotWritable for an OSError on a file of the data folder (a read-only folder: a sentence, not a
    traceback); any other OSError as it is."""
    try:
        yield
    except OSError as error:
        inside = error.filename is not None and Path(os.fsdecode(error.filename)).resolve().is_relative_to(
            data.resolve())
        if not inside:
            raise
        raise FolderNotWritable(data, error) from error


@dataclass(frozen=True)
class _Checked:
    tables: dict[str, tuple[str, pa.Table]]  # every table: (display name, rows), the new one included
    stats: dict[str, tuple[int, int, int] | None]  # the other tables' files as they were when read


def _update(data: Path, contract: Contract, source: Path, name: str, file_name: str, who: str, action: str,
            restored_version: int | None, allow_shrink: bool, progress: Progress | None,
            database: Path | None) -> int:
    data = data.resolve()
    database = database or db.db_path(data)
    current = data / contract.file_name
    with history.update_lock(data), ThreadPoolExecutor(max_workers=1) as io_thread:
        history.recover(data, database)
        _step(progress, "validating")
        raw = source.read_bytes()
        normalised = _normalised(raw)
        log = history.read_log(data)
        last = next((r for r in reversed(log) if r["table"] == contract.table), None)
        found_sha256 = history.unrecorded(current, last)
        version = max((int(r["version"]) for r in log), default=0) + 1 + (found_sha256 is not None)
        stored = history.version_file(data, version, contract)
        staged = history.staged_file(data, contract)
        saving: Future | None = None
        records: list[dict] = []
        journaled = False
        try:
            files.write(staged, normalised, atomic=False, sync=False)  # itself the temporary file, renamed below
            # Meanwhile, on another thread, the disk work: the hashes, the new file made durable, its history copy.
            saving = io_thread.submit(_save, raw, normalised, staged, stored)
            checked = _check(data, contract, staged, name)
            new_rows = checked.tables[contract.table][1]
            _paused("validating")

            _step(progress, "comparing")
            old_rows = _current_rows(data, contract, new_rows)
            counts = changes.counts(contract, old_rows, new_rows)
            if changes.shrinks(counts["removed"], old_rows.num_rows) and not allow_shrink:
                raise ShrinkRefused(contract.table, old_rows.num_rows, new_rows.num_rows, counts["removed"])
            _paused("comparing")

            _step(progress, "saving history")
            sha256, stored_sha256 = saving.result()
            if found_sha256 is not None:
                records.append(history.found(data, contract, last, version - 1, found_sha256))
            records.append(history.new_record(version, action, contract, file_name, sha256, counts, who,
                                              restored_version, stored_sha256))
            before = history.version_file(data, int(records[0]["version"]), contract) if found_sha256 else (
                last and history.version_file(data, int(last["version"]), contract))
            files.write(history.journal(data), json.dumps({"records": records}).encode())
            journaled = True
            _paused("saving history")

            _step(progress, "writing")
            os.replace(staged, current)
            files.sync_folder(data)
            _paused("writing")

            _step(progress, "rebuilding")
            try:
                if _stats(data, checked.stats) == checked.stats:
                    db.build(data, database, checked=checked.tables)
                else:  # a file was edited meanwhile, outside mande: read and check everything again
                    db.build(data, database)
            except BaseException:
                _put_back(current, before)
                history.discard(data, records)
                raise
            _paused("rebuilding")

            _step(progress, "recording")
            history.write_log(data, log + records)
            history.journal(data).unlink()
            _paused("recording")
        except BaseException:
            if not journaled:  # nothing refers to the history copies yet
                if saving is not None:
                    wait([saving])
                stored.unlink(missing_ok=True)
                if found_sha256 is not None:
                    history.version_file(data, version - 1, contract).unlink(missing_ok=True)
            raise
        finally:
            staged.unlink(missing_ok=True)
    _step(progress, "done", 1.0)
    return version


def _save(raw: bytes, normalised: bytes, staged: Path, stored: Path) -> tuple[str, str]:
    """The SHA-256 of the file as given and as kept; the staged file made durable; the history's copy written."""
    sha256 = hashlib.sha256(raw).hexdigest()
    stored_sha256 = sha256 if normalised is raw else hashlib.sha256(normalised).hexdigest()
    with open(staged, "rb") as handle:
        os.fsync(handle.fileno())
    files.write(stored, normalised)
    return sha256, stored_sha256


def _check(data: Path, contract: Contract, path: Path, name: str) -> _Checked:
    """Every table, the new file for `contract` and the data folder's files for the others, checked together."""
    new_rows = ingest.read_csv(path, contract, name)
    stats = _stats(data, {c.file_name: None for c in CONTRACTS.values() if c is not contract})
    others, unreadable = db.read_files(data, leave_out=contract.table)
    tables = {contract.table: (name, new_rows), **others}
    con = duckdb.connect()
    try:
        relations = db.register(con, tables)
        # The new file's own problems first and alone; then those it makes in the others (or they had).
        own = db.problems_of(con, tables, relations, only=(contract.table,))
        if own:
            raise ValidationError(own)
        if unreadable:
            raise ValidationError(unreadable)
        others = db.problems_of(con, tables, relations, only=tuple(t for t in tables if t != contract.table))
        if others:
            raise ValidationError(others)
    finally:
        con.close()
    return _Checked(tables, stats)


def _current_rows(data: Path, contract: Contract, new_rows: pa.Table) -> pa.Table:
    """The rows of the table's current file, to compare `new_rows` with; none if it cannot be read."""
    try:
        return ingest.read_csv(data / contract.file_name, contract)
    except (OSError, ValidationError):
        return new_rows.slice(0, 0)


def _put_back(current: Path, before: Path | None) -> None:
    """The table's file as it was before the update (none if there was none)."""
    if before is None:
        current.unlink(missing_ok=True)
    else:
        files.copy(before, current)


def _normalised(raw: bytes) -> bytes:
    """UTF-8 without BOM, `\\n` line ends; bytes that are not UTF-8 as they are, for the validator to refuse."""
    body = raw[len(codecs.BOM_UTF8):] if raw.startswith(codecs.BOM_UTF8) else raw
    if b"\r" not in body:
        return body
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    return text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")


def _stats(data: Path, file_names: dict[str, object]) -> dict[str, tuple[int, int, int] | None]:
    """Size, modification time and inode of each file (None if missing): changes when a file is written."""
    stats: dict[str, tuple[int, int, int] | None] = {}
    for file_name in file_names:
        try:
            stat = (data / file_name).stat()
            stats[file_name] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        except FileNotFoundError:
            stats[file_name] = None
    return stats


def _step(progress: Progress | None, step: str, fraction: float | None = None) -> None:
    if progress is not None:
        progress(step, STEPS[step] if fraction is None else fraction)


def _paused(step: str) -> None:
    """For tests only: stop after `step` when MANDE_TEST_PAUSE_AFTER names it (see the module's docstring)."""
    if os.environ.get(PAUSE_AFTER) == step:
        print(f"mande: paused after {step}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get(PAUSE_SECONDS, "60")))
