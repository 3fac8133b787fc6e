"""Tables and query results written out as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from mande.contracts import CONTRACTS


def safe_cell(value: object) -> str:
    """The value as CSV text; one a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _write(handle, header: list[str], rows) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)


def dataframe_csv(df: pd.DataFrame) -> bytes:
    """A DataFrame as UTF-8 CSV bytes for a download button."""
    out = io.StringIO()
    _write(out, [str(c) for c in df.columns], df.itertuples(index=False, name=None))
    return out.getvalue().encode("utf-8")


def write_tables(con: duckdb.DuckDBPyConnection, out: Path) -> dict[Path, int]:
    """Every table as `<table>.csv` in `out`, in the data folder's format; returns rows per file."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for table, contract in CONTRACTS.items():
        columns = ", ".join(f'"{c}"' for c in contract.column_names)
        rows = con.execute(f'SELECT {columns} FROM "{table}"').fetchall()  # noqa: S608 (names from contracts)
        path = out / contract.file_name
        with open(path, "w", newline="", encoding="utf-8") as handle:
            _write(handle, contract.column_names, rows)
        written[path] = len(rows)
    return written
