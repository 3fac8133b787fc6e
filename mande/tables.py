"""Small tables as Markdown: no extra component to load, and text from the CSV files cannot format itself."""

from __future__ import annotations

import re

import pandas as pd

# Every character that Markdown (with Streamlit's extensions: LaTeX, emoji shortcodes, colours) could read
# as syntax. Escaped, a cell shows exactly its text.
_SYNTAX = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:^=])")


def escape(value: object) -> str:
    """The cell's text, escaped so that Markdown shows it as it is; empty for missing values."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return _SYNTAX.sub(r"\\\1", str(value)).replace("\r", " ").replace("\n", " ")


def markdown_table(df: pd.DataFrame) -> str:
    """The DataFrame as a Markdown table, every header and cell escaped."""
    header = "| " + " | ".join(escape(c) for c in df.columns) + " |"
    rule = "|" + "|".join(" --- " for _ in df.columns) + "|"
    rows = ["| " + " | ".join(escape(v) for v in row) + " |" for row in df.itertuples(index=False, name=None)]
    return "\n".join([header, rule, *rows])
