"""Dates as people read them, saying how much of a date the sources confirm."""

from __future__ import annotations

from datetime import date

import pandas as pd


def describe(when: date | None, precision: str | None = "day", earliest: date | None = None) -> str:
    """E.g. '28 March 2019', 'March 2018 (day not confirmed)', '2019 (month and day not confirmed)'."""
    if when is None or pd.isna(when):
        return ""
    if precision == "month":
        return f"{when:%B %Y} (day not confirmed)"
    if precision == "year":
        return f"{when.year} (month and day not confirmed)"
    if precision == "range" and earliest is not None and not pd.isna(earliest):
        return f"between {earliest:%B %Y} and {when:%B %Y} (exact date not found)"
    return f"{when.day} {when:%B %Y}"
