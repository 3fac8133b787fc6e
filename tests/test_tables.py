"""Markdown tables show text from the CSV files exactly as it is, never as formatting."""

import pandas as pd

from mande.tables import escape, markdown_table


def test_markdown_syntax_in_a_cell_is_shown_not_obeyed():
    hostile = "a|b *bold* [link](javascript:alert(1)) <img src=x> $x^2$ :red[red] # h"
    cell = escape(hostile)
    assert "|" not in cell.replace("\\|", "")
    for character in "*[]()<>$:#^":
        assert character not in cell.replace("\\" + character, ""), character


def test_a_table_has_one_line_per_row_and_empty_cells_for_missing_values():
    table = markdown_table(pd.DataFrame({"State": ["Fiji", "Côte d'Ivoire\nline two"], "Signed": ["2016", None]}))
    assert table.splitlines() == [
        "| State | Signed |",
        "| --- | --- |",
        "| Fiji | 2016 |",
        "| Côte d'Ivoire line two |  |",
    ]
