"""Dates as people read them, saying how much of a date the sources confirm."""

from __future__ import annotations

from datetime import date

import pandas as pd
from babel.dates import format_skeleton

from mande.i18n import _, locale


def day(when: date) -> str:
    """'28 March 2019', '28 mars 2019', '28 de marzo de 2019': a day as the language writes it."""
    return format_skeleton("yMMMMd", when, locale=locale())


def month(when: date) -> str:
    """'March 2019', 'mars 2019', 'marzo de 2019'."""
    return format_skeleton("yMMMM", when, locale=locale())


def describe(when: date | None, precision: str | None = "day", earliest: date | None = None) -> str:
    """E.g. '28 March 2019', 'March 2018 (day not confirmed)', '2019 (month and day not confirmed)'."""
    if when is None or pd.isna(when):
        return ""
    if precision == "month":
        return _("{month} (day not confirmed)").format(month=month(when))
    if precision == "year":
        return _("{year} (month and day not confirmed)").format(year=when.year)
    if precision == "range" and earliest is not None and not pd.isna(earliest):
        return _("between {earliest} and {latest} (exact date not found)").format(
            earliest=month(earliest), latest=month(when))
    return day(when)


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
    if (start.year, start.month) == (end.year, end.month):  # the first day's number before the last day
        return f"{format_skeleton('d', start, locale=locale())}–{day(end)}"
    if start.year == end.year:
        return f"{format_skeleton('MMMMd', start, locale=locale())} – {day(end)}"
    return f"{day(start)} – {day(end)}"


def short(when: date, precision: str | None = "day") -> str:
    """A date in a list, as far as it is known: '2022-04-20', '2015-05' (month only), '2015' (year only)."""
    return {"month": f"{when:%Y-%m}", "year": f"{when:%Y}"}.get(precision or "day", f"{when:%Y-%m-%d}")
