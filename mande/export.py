"""Tables and query results written out as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from mande.contract import CONTROL_CHARACTERS
from mande.contracts import CONTRACTS
from mande.sqlnames import quoted

_CONTROL = re.compile(CONTROL_CHARACTERS)


def safe_cell(value: object) -> str:
    """The value as CSV text, without control characters (validation refuses them, but a database built before
    may hold them, and Excel cannot store them); one a spreadsheet would run as a formula gets a leading
    apostrophe."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = _CONTROL.sub("", value.isoformat() if isinstance(value, date) else str(value))
    # OWASP's triggers: =, +, -, @, and a leading tab or carriage return; a spreadsheet skips the white space
    # before them.
    if (text[:1] in ("\t", "\r") or text.lstrip()[:1] in ("=", "+", "-", "@")) and not _is_number(text):
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


def _rows(con: duckdb.DuckDBPyConnection, contract) -> list[tuple]:
    """A table's rows, its columns in the contract's order."""
    columns = ", ".join(quoted(c) for c in contract.column_names)
    return con.execute(f"SELECT {columns} FROM {quoted(contract.table)}").fetchall()  # noqa: S608 (names from contracts)


def write_tables(con: duckdb.DuckDBPyConnection, out: Path) -> dict[Path, int]:
    """Every table as `<table>.csv` in `out`, in the data folder's format; returns rows per file."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for contract in CONTRACTS.values():
        rows = _rows(con, contract)
        path = out / contract.file_name
        with open(path, "w", newline="", encoding="utf-8") as handle:
            _write(handle, contract.column_names, rows)
        written[path] = len(rows)
    return written


def tables_zip(con: duckdb.DuckDBPyConnection) -> bytes:
    """Every table as a CSV file (the data folder's format) in one ZIP archive."""
    import tempfile
    import zipfile

    with tempfile.TemporaryDirectory() as folder:
        written = write_tables(con, Path(folder))
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, path.name)
    return packed.getvalue()


def tables_workbook(con: duckdb.DuckDBPyConnection) -> bytes:
    """Every table as a sheet of one Excel workbook, each cell as text, formulas neutralised (`safe_cell`)."""
    book = io.BytesIO()
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        for contract in CONTRACTS.values():
            sheet = pd.DataFrame([[safe_cell(v) for v in row] for row in _rows(con, contract)],
                                 columns=contract.column_names)
            sheet.to_excel(writer, sheet_name=contract.table[:31], index=False)
    return book.getvalue()


def template(contract) -> bytes:
    """A file to start from: the contract's header and one example row (a column's first allowed value
    where it has no example)."""
    handle = io.StringIO()
    example = [c.example or (c.allowed[0] if c.allowed else "") for c in contract.columns]
    _write(handle, contract.column_names, [example])
    return handle.getvalue().encode()


# --- Charts as pictures: the same specification as on the page -------------------------------------------

EXPORT_WIDTH = 800  # px: a chart that fills its column on a page gets this width as a picture


def _sized(spec: dict) -> dict:
    """`spec` with a fixed width where it has none (on a page it takes its column's)."""
    return spec if isinstance(spec.get("width"), int | float) else {**spec, "width": EXPORT_WIDTH}


def chart_svg(spec: dict) -> str:
    """A complete chart specification (charts.complete) as SVG text (svg.to_svg): vectors, the same text for the
    same specification (Vega's renderer gives no random ids)."""
    from mande.svg import to_svg

    return to_svg(_sized(spec))


def chart_png(spec: dict) -> bytes:
    """A complete chart specification as a PNG image, at twice its size in pixels, sharp on a slide."""
    import vl_convert

    return vl_convert.vegalite_to_png(_sized(spec), scale=2)
