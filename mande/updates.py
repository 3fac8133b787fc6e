"""Update one table's CSV file in the data folder, safely, and keep a history from which any state returns.

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
2. **comparing** - rows are compared with the current file's by the table's key (`Change`). An update that
   would remove more than half of the rows is refused (ShrinkRefused) unless `allow_shrink`.
3. **saving history** - when the current file is not the state the history last recorded for its table (the
   table's first update, or an edit made by hand since), it is kept as a version of its own, action `found`;
   the new file is kept as the next version; then a journal (`pending.json`) names the records to add.
4. **writing** - `os.replace` moves the temporary file onto `<table>.csv`: atomic.
5. **rebuilding** - `db.build` loads the rows read and checked in step 1 into a new database file and
   renames it into place: readers keep the old database until the new one is complete.
6. **recording** - the log (`log.csv`) is rewritten with the new records (temporary file, `os.replace`),
   then the journal is removed.

All of it runs under an update lock (`<data>/.mande/update.lock`, an flock, apart from the build lock of
`db.py`, which `db.build` takes inside it): two updates at once run one after the other, and the second is
checked and compared against the data the first left. The system releases the lock of a killed process.
Every file is written durably (fsync before the rename that publishes it).

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

Storage, under `<data>/.mande/history/` (`.mande/` is ignored by git): `log.csv`, one row per version
(`history` shows it); `files/<version>.<table>.csv`, each version's file as it was applied or found.

`MANDE_TEST_PAUSE_AFTER=<step>` (with `MANDE_TEST_PAUSE_SECONDS`, default 60) makes an update print
`mande: paused after <step>` to standard error and sleep after that step: for tests that kill an update at
a chosen moment (tests/test_updates.py). It is never set otherwise.
"""

from __future__ import annotations

import codecs
import csv
import fcntl
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from mande import db, ingest
from mande.contracts import CONTRACTS, Contract, contract_for
from mande.ingest import ROW, ValidationError
from mande.sqlnames import quoted

Progress = Callable[[str, float], None]

STEPS = {  # step -> the fraction of the update done when it starts
    "validating": 0.0,
    "comparing": 0.35,
    "saving history": 0.45,
    "writing": 0.55,
    "rebuilding": 0.6,
    "recording": 0.95,
}
HISTORY_COLUMNS = ["version", "when", "who", "action", "table", "file_name", "sha256", "added", "changed",
                   "removed", "restored_version"]
_LOG_COLUMNS = [*HISTORY_COLUMNS, "stored_sha256"]  # stored_sha256: of the version's file as kept
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


class UnknownVersion(ValueError):
    """A version number the history does not hold."""


@dataclass(frozen=True)
class Change:
    """What an update would do to a table: rows compared by the table's key, every value as text as in the CSV."""

    table: str
    file_name: str
    sha256: str  # of the file's bytes as given
    added: pd.DataFrame  # rows whose key the table does not have
    changed: pd.DataFrame  # the new versions of rows whose key it has, with a value changed
    removed: pd.DataFrame  # rows of the table whose key the file does not have
    rows_before: int
    rows_after: int

    @property
    def shrinks(self) -> bool:
        """True when the update would remove more than half of the table's rows."""
        return _shrinks(len(self.removed), self.rows_before)


def _shrinks(removed: int, rows_before: int) -> bool:
    return 2 * removed > rows_before


# ---------------------------------------------------------------------------------------------- public API


def preview(data: Path, table: str, file: Path, file_name: str | None = None) -> Change:
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
        checked = _check(data, contract, staged, name)
        with _comparison(data, contract, checked.tables[table][1]) as (con, old):
            frames = {what: con.execute(sql).df() for what, sql in _change_sql(contract).items()}
    return Change(table, file_name or file.name, hashlib.sha256(raw).hexdigest(), frames["added"],
                  frames["changed"], frames["removed"], old, checked.tables[table][1].num_rows)


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
    record = _record(data, version)
    contract = contract_for(record["table"])
    stored = _version_file(data, version, contract)
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


def history(data: Path) -> pd.DataFrame:
    """One row per version, newest first: version, when (UTC), who, action ("import", "restore", or "found": the
    file as it was in the data folder before an update, when no version held it), table, file_name, sha256,
    added, changed, removed (empty for a table's first "found"), restored_version (empty unless a restore)."""
    if _home(data).exists():
        try:
            with _update_lock(data, wait=False):
                _recover(data)
        except BlockingIOError:
            pass  # an update is under way: the log shows the versions before it
        except OSError:
            pass  # a folder that cannot be written (read-only): nothing to recover there, the log is shown
    log = _read_log(data)
    frame = pd.DataFrame(log, columns=_LOG_COLUMNS)[HISTORY_COLUMNS]
    for column in ("version", "added", "changed", "removed", "restored_version"):
        frame[column] = pd.array([int(v) if v != "" else None for v in frame[column]], dtype="Int64")
    return frame.iloc[::-1].reset_index(drop=True)


def version_rows(data: Path, version: int) -> tuple[str, pd.DataFrame]:
    """The table of `version` and its rows (as text) right after that version; UnknownVersion if there is none."""
    record = _record(data, version)
    contract = contract_for(record["table"])
    rows = ingest.read_csv(_version_file(data, version, contract), contract)
    return contract.table, rows.select(contract.column_names).to_pandas()


# ------------------------------------------------------------------------------------------------- the update


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
    with _update_lock(data), ThreadPoolExecutor(max_workers=1) as io_thread:
        _recover(data, database)
        _step(progress, "validating")
        raw = source.read_bytes()
        normalised = _normalised(raw)
        log = _read_log(data)
        last = next((r for r in reversed(log) if r["table"] == contract.table), None)
        found_sha256 = _unrecorded(current, last)
        version = max((int(r["version"]) for r in log), default=0) + 1 + (found_sha256 is not None)
        stored = _version_file(data, version, contract)
        staged = data / f".{contract.file_name}.{os.getpid()}.new"
        saving: Future | None = None
        records: list[dict] = []
        journaled = False
        try:
            _write(staged, normalised, atomic=False, sync=False)  # itself the temporary file, renamed in "writing"
            # Meanwhile, on another thread, the disk work: the hashes, the new file made durable, its history copy.
            saving = io_thread.submit(_save, raw, normalised, staged, stored)
            checked = _check(data, contract, staged, name)
            new_rows = checked.tables[contract.table][1]
            _paused("validating")

            _step(progress, "comparing")
            with _comparison(data, contract, new_rows) as (con, rows_before):
                counts = _counts(con, contract)
            if _shrinks(counts["removed"], rows_before) and not allow_shrink:
                raise ShrinkRefused(contract.table, rows_before, new_rows.num_rows, counts["removed"])
            _paused("comparing")

            _step(progress, "saving history")
            sha256, stored_sha256 = saving.result()
            if found_sha256 is not None:
                records.append(_found(data, contract, last, version - 1, found_sha256))
            records.append({
                "version": version, "when": _now(), "who": who, "action": action, "table": contract.table,
                "file_name": file_name, "sha256": sha256, **counts,
                "restored_version": "" if restored_version is None else restored_version,
                "stored_sha256": stored_sha256,
            })
            before = _version_file(data, int(records[0]["version"]), contract) if found_sha256 else (
                last and _version_file(data, int(last["version"]), contract))
            _write(_journal(data), json.dumps({"records": records}).encode())
            journaled = True
            _paused("saving history")

            _step(progress, "writing")
            os.replace(staged, current)
            _sync_folder(data)
            _paused("writing")

            _step(progress, "rebuilding")
            try:
                if _stats(data, checked.stats) == checked.stats:
                    db.build(data, database, checked=checked.tables)
                else:  # a file was edited meanwhile, outside mande: read and check everything again
                    db.build(data, database)
            except BaseException:
                _put_back(current, before)
                _discard(data, records)
                raise
            _paused("rebuilding")

            _step(progress, "recording")
            _write_log(data, log + records)
            _journal(data).unlink()
            _paused("recording")
        except BaseException:
            if not journaled:  # nothing refers to the history copies yet
                if saving is not None:
                    wait([saving])
                stored.unlink(missing_ok=True)
                if found_sha256 is not None:
                    _version_file(data, version - 1, contract).unlink(missing_ok=True)
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
    _write(stored, normalised)
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


@contextmanager
def _comparison(data: Path, contract: Contract, new_rows: pa.Table) -> Iterator[tuple[duckdb.DuckDBPyConnection, int]]:
    """A connection holding `new_rows` and `old_rows` (the current file's; none if it cannot be read)."""
    try:
        old_rows = ingest.read_csv(data / contract.file_name, contract)
    except (OSError, ValidationError):
        old_rows = new_rows.slice(0, 0)
    con = duckdb.connect()
    try:
        con.register("new_rows", new_rows)
        con.register("old_rows", old_rows)
        yield con, old_rows.num_rows
    finally:
        con.close()


def _change_sql(contract: Contract) -> dict[str, str]:
    """SQL for the rows added, changed and removed from `old_rows` to `new_rows`, by the contract's key."""
    def columns(alias: str) -> str:
        return ", ".join(f"{alias}.{quoted(c)}" for c in contract.column_names)

    same_key = " AND ".join(f"n.{quoted(k)} = o.{quoted(k)}" for k in contract.key)
    differs = " OR ".join(f"n.{quoted(c)} IS DISTINCT FROM o.{quoted(c)}"
                          for c in contract.column_names if c not in contract.key) or "false"
    new, old = "new_rows n", "old_rows o"
    return {
        "added": f"SELECT {columns('n')} FROM {new} ANTI JOIN {old} ON {same_key} ORDER BY n.{ROW}",  # noqa: S608
        "changed": f"SELECT {columns('n')} FROM {new} JOIN {old} ON {same_key} WHERE {differs} "  # noqa: S608
                   f"ORDER BY n.{ROW}",
        "removed": f"SELECT {columns('o')} FROM {old} ANTI JOIN {new} ON {same_key} ORDER BY o.{ROW}",  # noqa: S608
    }


def _counts(con: duckdb.DuckDBPyConnection, contract: Contract) -> dict[str, int]:
    """How many rows `_change_sql` would give for each, in one join."""
    same_key = " AND ".join(f"n.{quoted(k)} = o.{quoted(k)}" for k in contract.key)
    differs = " OR ".join(f"n.{quoted(c)} IS DISTINCT FROM o.{quoted(c)}"
                          for c in contract.column_names if c not in contract.key) or "false"
    added, changed, removed = con.execute(
        f"SELECT count(*) FILTER (WHERE o.{ROW} IS NULL), "  # noqa: S608 (names from the contracts)
        f"count(*) FILTER (WHERE n.{ROW} IS NOT NULL AND o.{ROW} IS NOT NULL AND ({differs})), "
        f"count(*) FILTER (WHERE n.{ROW} IS NULL) FROM new_rows n FULL JOIN old_rows o ON {same_key}"
    ).fetchall()[0]
    return {"added": added, "changed": changed, "removed": removed}


def _unrecorded(current: Path, last: dict[str, str] | None) -> str | None:
    """The SHA-256 of the table's current file, unless the history's last version of the table holds it."""
    if not current.exists():
        return None
    sha256 = _sha256(current)
    return None if last and last["stored_sha256"] == sha256 else sha256


def _found(data: Path, contract: Contract, last: dict[str, str] | None, version: int, sha256: str) -> dict:
    """The table's current file kept as `version`, "found": with what changed since `last` (by hand) if known."""
    kept = _version_file(data, version, contract)
    _copy(data / contract.file_name, kept)
    counts = {"added": "", "changed": "", "removed": ""}
    if last:
        try:
            before = ingest.read_csv(_version_file(data, int(last["version"]), contract), contract)
            now = ingest.read_csv(kept, contract)
            with duckdb.connect() as con:
                con.register("old_rows", before)
                con.register("new_rows", now)
                counts = _counts(con, contract)
        except (OSError, ValidationError):
            pass  # a file that cannot be read is kept all the same; what changed stays empty
    return {"version": version, "when": _now(), "who": "", "action": "found", "table": contract.table,
            "file_name": contract.file_name, "sha256": sha256, **counts, "restored_version": "",
            "stored_sha256": sha256}


def _put_back(current: Path, before: Path | None) -> None:
    """The table's file as it was before the update (none if there was none)."""
    if before is None:
        current.unlink(missing_ok=True)
    else:
        _copy(before, current)


def _discard(data: Path, records: list[dict]) -> None:
    for record in records:
        _version_file(data, int(record["version"]), contract_for(record["table"])).unlink(missing_ok=True)
    _journal(data).unlink(missing_ok=True)


def _recover(data: Path, database: Path | None = None) -> None:
    """Finish or undo what a killed update left (under the update lock): see the module's docstring."""
    journal = _journal(data)
    if journal.exists():
        records = json.loads(journal.read_text())["records"]
        log = _read_log(data)
        last = records[-1]
        current = data / contract_for(last["table"]).file_name
        if str(last["version"]) in {r["version"] for r in log}:
            journal.unlink()
        elif current.exists() and _sha256(current) == last["stored_sha256"]:
            _write_log(data, log + records)
            journal.unlink()
        else:
            _discard(data, records)
    # Updates, one at a time, are the only writers of these: what is left now was left by a killed one.
    kept = {_version_file(data, int(r["version"]), contract_for(r["table"])).name for r in _read_log(data)}
    for orphan in (_home(data) / "files").glob("*"):
        if orphan.name not in kept:
            orphan.unlink(missing_ok=True)
    for stale in data.glob(".*.csv.*.new"):
        stale.unlink(missing_ok=True)
    if database is not None:  # a database file a killed build left half-written
        for stale in database.parent.glob(f".{database.name}.*.building*"):
            if not _alive(stale.name[len(database.name) + 2:].split(".")[0]):
                stale.unlink(missing_ok=True)


def _alive(pid: str) -> bool:
    """Whether the process that named a temporary file after its id may still be using it."""
    if not pid.isdigit() or int(pid) == os.getpid():
        return True  # (another thread of this process may be building)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -------------------------------------------------------------------------------------------- the history


def _home(data: Path) -> Path:
    return data / ".mande" / "history"


def _journal(data: Path) -> Path:
    return _home(data) / "pending.json"


def _version_file(data: Path, version: int, contract: Contract) -> Path:
    return _home(data) / "files" / f"{version}.{contract.file_name}"


def _read_log(data: Path) -> list[dict[str, str]]:
    path = _home(data) / "log.csv"
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_log(data: Path, records: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, _LOG_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    _write(_home(data) / "log.csv", out.getvalue().encode("utf-8"))


def _record(data: Path, version: int) -> dict[str, str]:
    log = _read_log(data)
    for record in log:
        if record["version"] == str(version):
            return record
    known = f"the versions are 1 to {len(log) and max(int(r['version']) for r in log)}" if log else "it is empty"
    raise UnknownVersion(f"no version {version} in the history ({known}; see `mande history`)")


# ------------------------------------------------------------------------------------------------ helpers


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


def _write(path: Path, content: bytes, atomic: bool = True, sync: bool = True) -> None:
    """Write a file, durably unless told not (fsync), atomically unless told not (a temporary file in the same
    folder, then os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp") if atomic else path
    try:
        with open(tmp, "wb") as handle:
            handle.write(content)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        if atomic:
            os.replace(tmp, path)
    finally:
        if atomic:
            tmp.unlink(missing_ok=True)


def _copy(source: Path, path: Path) -> None:
    """Copy a file atomically (and durably) to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _stats(data: Path, files: dict[str, object]) -> dict[str, tuple[int, int, int] | None]:
    """Size, modification time and inode of each file (None if missing): changes when a file is written."""
    stats: dict[str, tuple[int, int, int] | None] = {}
    for file_name in files:
        try:
            stat = (data / file_name).stat()
            stats[file_name] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        except FileNotFoundError:
            stats[file_name] = None
    return stats


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def _update_lock(data: Path, wait: bool = True) -> Iterator[None]:
    """One update at a time per data folder (a lock of its own: db.build takes the build lock inside it)."""
    path = data / ".mande" / "update.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _step(progress: Progress | None, step: str, fraction: float | None = None) -> None:
    if progress is not None:
        progress(step, STEPS[step] if fraction is None else fraction)


def _paused(step: str) -> None:
    """For tests only: stop after `step` when MANDE_TEST_PAUSE_AFTER names it (see the module's docstring)."""
    if os.environ.get(PAUSE_AFTER) == step:
        print(f"mande: paused after {step}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get(PAUSE_SECONDS, "60")))
