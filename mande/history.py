"""The history of a data folder: every version of each table's file, from which any state returns, and the
journal of the update under way.

Storage, under `<data>/.mande/history/` (`.mande/` is ignored by git): `log.csv`, one row per version
(`history` shows it); `files/<version>.<table>.csv`, each version's file as it was applied or found;
`pending.json`, the journal, naming the records an update is adding, written before its file is renamed into
place and removed once the log holds them. An update (`updates.py`) is the only writer, one at a time under
the update lock; `recover` finishes or undoes what a killed one left, and the listing (`history`) runs it first.
"""

from __future__ import annotations

import csv
import io
import json
import os
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from mande import changes, files, ingest
from mande.contract import Contract
from mande.contracts import contract_for
from mande.ingest import ValidationError

HISTORY_COLUMNS = ["version", "when", "who", "action", "table", "file_name", "sha256", "added", "changed",
                   "removed", "restored_version"]
LOG_COLUMNS = [*HISTORY_COLUMNS, "stored_sha256"]  # stored_sha256: of the version's file as kept


class UnknownVersion(ValueError):
    """A version number the history does not hold."""


def history(data: Path) -> pd.DataFrame:
    """One row per version, newest first: version, when (UTC), who, action ("import", "restore", or "found": the
    file as it was in the data folder before an update, when no version held it), table, file_name, sha256,
    added, changed, removed (empty for a table's first "found"), restored_version (empty unless a restore)."""
    if _home(data).exists():
        try:
            with update_lock(data, wait=False):
                recover(data)
        except BlockingIOError:
            pass  # an update is under way: the log shows the versions before it
        except OSError:
            pass  # a folder that cannot be written (read-only): nothing to recover there, the log is shown
    frame = pd.DataFrame(read_log(data), columns=LOG_COLUMNS)[HISTORY_COLUMNS]
    for column in ("version", "added", "changed", "removed", "restored_version"):
        frame[column] = pd.array([int(v) if v != "" else None for v in frame[column]], dtype="Int64")
    return frame.iloc[::-1].reset_index(drop=True)


def version_rows(data: Path, version: int) -> tuple[str, pd.DataFrame]:
    """The table of `version` and its rows (as text) right after that version; UnknownVersion if there is none."""
    contract = contract_for(record(data, version)["table"])
    rows = ingest.read_csv(version_file(data, version, contract), contract)
    return contract.table, rows.select(contract.column_names).to_pandas()


def record(data: Path, version: int) -> dict[str, str]:
    """The log's record of `version`; UnknownVersion, naming the versions there are, if it holds none."""
    log = read_log(data)
    for entry in log:
        if entry["version"] == str(version):
            return entry
    known = f"the versions are 1 to {len(log) and max(int(r['version']) for r in log)}" if log else "it is empty"
    raise UnknownVersion(f"no version {version} in the history ({known}; see `mande history`)")


def update_lock(data: Path, wait: bool = True) -> AbstractContextManager[None]:
    """One update (or recovery) at a time per data folder; `db.build` takes the build lock inside it."""
    return files.lock(data / ".mande" / "update.lock", wait)


def version_file(data: Path, version: int, contract: Contract) -> Path:
    """Where the history keeps the file of `version`."""
    return _home(data) / "files" / f"{version}.{contract.file_name}"


def staged_file(data: Path, contract: Contract) -> Path:
    """The new file of an update, written beside its destination and renamed onto it (`recover` removes a
    killed update's)."""
    return data / f".{contract.file_name}.{os.getpid()}.new"


def journal(data: Path) -> Path:
    """The journal: the records an update is adding, until the log holds them."""
    return _home(data) / "pending.json"


def read_log(data: Path) -> list[dict[str, str]]:
    """Every record of the log, oldest first, each value as text."""
    path = _home(data) / "log.csv"
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_log(data: Path, records: list[dict]) -> None:
    """The log replaced by `records`, atomically."""
    out = io.StringIO()
    writer = csv.DictWriter(out, LOG_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    files.write(_home(data) / "log.csv", out.getvalue().encode("utf-8"))


def new_record(version: int, action: str, contract: Contract, file_name: str, sha256: str, counts: dict,
               who: str = "", restored_version: int | None = None, stored_sha256: str | None = None) -> dict:
    """A row of the log, made now."""
    return {"version": version, "when": datetime.now(UTC).isoformat(timespec="seconds"), "who": who,
            "action": action, "table": contract.table, "file_name": file_name, "sha256": sha256, **counts,
            "restored_version": "" if restored_version is None else restored_version,
            "stored_sha256": stored_sha256 or sha256}


def unrecorded(current: Path, last: dict[str, str] | None) -> str | None:
    """The SHA-256 of the table's current file, unless the history's last version of the table holds it."""
    if not current.exists():
        return None
    sha256 = files.sha256(current)
    return None if last and last["stored_sha256"] == sha256 else sha256


def found(data: Path, contract: Contract, last: dict[str, str] | None, version: int, sha256: str) -> dict:
    """The table's current file kept as `version`, "found": with what changed since `last` (by hand) if known."""
    kept = version_file(data, version, contract)
    files.copy(data / contract.file_name, kept)
    counts = {"added": "", "changed": "", "removed": ""}
    if last:
        try:
            before = ingest.read_csv(version_file(data, int(last["version"]), contract), contract)
            counts = changes.counts(contract, before, ingest.read_csv(kept, contract))
        except (OSError, ValidationError):
            pass  # a file that cannot be read is kept all the same; what changed stays empty
    return new_record(version, "found", contract, contract.file_name, sha256, counts)


def discard(data: Path, records: list[dict]) -> None:
    """Remove the version files of `records` and the journal that named them."""
    for each in records:
        version_file(data, int(each["version"]), contract_for(each["table"])).unlink(missing_ok=True)
    journal(data).unlink(missing_ok=True)


def recover(data: Path, database: Path | None = None) -> None:
    """Finish or undo what a killed update left (under the update lock): its journal is completed into the log
    when the data folder holds the journal's new version, else discarded; its staged file, version files no
    record names, and the half-written file of a killed build of `database`, are removed."""
    pending = journal(data)
    if pending.exists():
        records = json.loads(pending.read_text())["records"]
        log = read_log(data)
        last = records[-1]
        current = data / contract_for(last["table"]).file_name
        if str(last["version"]) in {r["version"] for r in log}:
            pending.unlink()
        elif current.exists() and files.sha256(current) == last["stored_sha256"]:
            write_log(data, log + records)
            pending.unlink()
        else:
            discard(data, records)
    # Updates, one at a time, are the only writers of these: what is left now was left by a killed one.
    kept = {version_file(data, int(r["version"]), contract_for(r["table"])).name for r in read_log(data)}
    for orphan in (_home(data) / "files").glob("*"):
        if orphan.name not in kept:
            orphan.unlink(missing_ok=True)
    for stale in data.glob(".*.csv.*.new"):  # (staged_file's)
        stale.unlink(missing_ok=True)
    if database is not None:
        for stale in database.parent.glob(f".{database.name}.*.building*"):
            if not _alive(stale.name[len(database.name) + 2:].split(".")[0]):
                stale.unlink(missing_ok=True)


def _home(data: Path) -> Path:
    return data / ".mande" / "history"


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
