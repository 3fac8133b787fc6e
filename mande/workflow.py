"""The Secretariat's data workflow as its page shows it, without Streamlit: a file received, its problems, the
history of updates, and every table for export."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from mande import db
from mande.ingest import ValidationError


@contextmanager
def received(content: bytes, file_name: str) -> Iterator[Path]:
    """An uploaded file's content as a file named `file_name` in a folder of its own, removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / file_name
        path.write_bytes(content)
        yield path


def problems(error: ValidationError) -> pd.DataFrame:
    """Every problem of a file, one a row, as the Secretariat fixes them: row, column, value, problem, fix."""
    return pd.DataFrame([(p.row, p.column, p.value if p.value is not None else "", p.problem, p.expected)
                         for p in error.problems], columns=["Row", "Column", "Value", "Problem", "How to fix"])


def _when(stamp: str) -> str:
    """'2024-05-10T12:34:56+00:00' as '2024-05-10 12:34' (UTC, to the minute)."""
    return stamp[:16].replace("T", " ")


def history(log: pd.DataFrame) -> pd.DataFrame:
    """The history of updates (history.history) for people, newest first."""
    return pd.DataFrame({
        "Version": log.version.astype(str),
        "When (UTC)": log.when.map(_when),
        "Who": log.who.fillna(""),
        "What": [f"{action} of {table}.csv" + (f" (version {int(back)})" if pd.notna(back) else "")
                 for action, table, back in zip(log.action, log.table, log.restored_version, strict=True)],
        "File": log.file_name.fillna(""),
        "SHA-256": log.sha256.str.slice(0, 12) + "…",
        "Added, changed, removed": [", ".join("–" if pd.isna(n) else str(n) for n in counts)
                                    for counts in zip(log.added, log.changed, log.removed, strict=True)],
    })


def versions(log: pd.DataFrame) -> dict[int, str]:
    """Each version of the history, newest first, as a choice reads it: '3: states.csv, 2024-05-10 12:34 UTC'."""
    return {int(v): f"{v}: {table}.csv, {_when(when)} UTC"
            for v, table, when in zip(log.version, log.table, log.when, strict=True)}


def every_table(write: Callable[[duckdb.DuckDBPyConnection], bytes]) -> bytes:
    """`write` (export.tables_zip, export.tables_workbook) over every table, confidential records included."""
    con = db.connect(db.db_path(), db.SECRETARIAT)
    try:
        return write(con)
    finally:
        con.close()
