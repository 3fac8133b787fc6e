"""Exports of every table for the Secretariat: CSV files in a ZIP and an Excel workbook, safe to open."""

import csv
import io
import zipfile

import duckdb
import openpyxl
import pytest

from mande import db, export
from mande.contracts import CONTRACTS
from tests.conftest import append

FORMULA = '=HYPERLINK("https://example.org","click")'


def _exports_with_a_title(data_copy, tmp_path, event_id: str, title: str):
    """The ZIP and the workbook of a database holding an event titled `title`: text that validation refuses in
    the files, put straight into the database (as one built before the check could hold it)."""
    append(data_copy / "events.csv", f"{event_id},A title,other,2099-01-01,day,,,,,,,,,no,src,")
    db.build(data_copy, tmp_path / "export.duckdb")
    with duckdb.connect(str(tmp_path / "export.duckdb")) as writable:
        writable.execute("UPDATE secretariat.events SET title = ? WHERE event_id = ?", [title, event_id])
    con = db.connect(tmp_path / "export.duckdb", db.SECRETARIAT)
    try:
        return (zipfile.ZipFile(io.BytesIO(export.tables_zip(con))),
                openpyxl.load_workbook(io.BytesIO(export.tables_workbook(con))))
    finally:
        con.close()


def test_every_table_is_exported_and_formula_cells_are_neutralised(data_copy, tmp_path):
    # Validation refuses such text in the files; the export neutralises it all the same (defence in depth).
    archive, book = _exports_with_a_title(data_copy, tmp_path, "2099-01-formula", FORMULA)
    assert sorted(archive.namelist()) == sorted(c.file_name for c in CONTRACTS.values())
    assert book.sheetnames == [c.table for c in CONTRACTS.values()]
    events = list(csv.DictReader(io.StringIO(archive.read("events.csv").decode())))
    assert next(e["title"] for e in events if e["event_id"] == "2099-01-formula") == "'" + FORMULA
    sheet = book["events"]
    titles = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert titles["2099-01-formula"].value == "'" + FORMULA and titles["2099-01-formula"].data_type == "s"
    assert sheet.max_row - 1 == len(events)  # the same rows in both


def test_control_characters_held_by_the_database_are_left_out_of_the_exports(data_copy, tmp_path):
    # Validation refuses them now; a database built before may hold them, and Excel cannot store them at all.
    archive, book = _exports_with_a_title(data_copy, tmp_path, "2099-01-control",
                                          "Bell\x07 escape\x1b[31m null\x00 kept:\ttab\nline")
    titles = {row[0].value: row[1].value for row in book["events"].iter_rows(min_row=2)}
    assert titles["2099-01-control"] == "Bell escape[31m null kept:\ttab\nline"
    events = list(csv.DictReader(io.StringIO(archive.read("events.csv").decode())))
    assert next(e["title"] for e in events if e["event_id"] == "2099-01-control") == titles["2099-01-control"]


@pytest.mark.parametrize("cell", ["=1+1", "+1 2", "-x", "@SUM(A1)", "\t=1+1", "\r=1+1", "\x00=1+1", " =1+1",
                                  "\n@x"])
def test_a_cell_a_spreadsheet_would_run_is_neutralised_whatever_comes_first(cell):
    # OWASP's advice: a leading =, +, -, @, tab or carriage return; and what hides before them
    assert export.safe_cell(cell).startswith("'")


@pytest.mark.parametrize("cell", ["-3", "+3", "2.5", "text = fine", "a\tb", ""])
def test_numbers_and_ordinary_text_are_written_as_they_are(cell):
    assert export.safe_cell(cell) == cell


def test_a_template_has_the_header_and_one_example_row():
    for contract in CONTRACTS.values():
        rows = list(csv.reader(io.StringIO(export.template(contract).decode())))
        assert rows[0] == contract.column_names and len(rows) == 2
        for column, value in zip(contract.columns, rows[1], strict=True):
            assert not column.allowed or value in column.allowed
