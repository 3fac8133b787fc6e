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


def describe_each(whens, precisions, earliest=None) -> list[str]:
    """describe() of each date of a column, with the precision (and earliest date) of the same row."""
    earliest = [None] * len(whens) if earliest is None else earliest
    return [describe(w, p, e) for w, p, e in zip(whens, precisions, earliest, strict=True)]


def span(start: date | None, end: date | None, precision: str | None = "day") -> str:
    """An event's dates: '20–22 April 2022', '30 November – 2 December 2016', or describe() of its start."""
    if start is None or pd.isna(start):
        return ""
    if precision != "day" or end is None or pd.isna(end) or end == start:
        return describe(start, precision)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{describe(start)} – {describe(end)}"


def short(when: date, precision: str | None = "day") -> str:
    """A date in a list, as far as it is known: '2022-04-20', '2015-05' (month only), '2015' (year only)."""
    return {"month": f"{when:%Y-%m}", "year": f"{when:%Y}"}.get(precision or "day", f"{when:%Y-%m-%d}")
