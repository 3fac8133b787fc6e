"""The pace of ratification: how fast States have been joining, and what universal ratification needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Pace:
    window_years: int
    joined_in_window: int
    per_year: float  # States joining per year over the window
    remaining: int  # States not yet party
    universal_year: int | None  # the year all would be party at this pace; None at a pace of zero
    target_year: int
    needed_per_year: float | None  # the pace that reaches all by the end of target_year; None if it has passed


def pace(as_of: date, parties_now: int, parties_window_start: int, total: int, window_years: int,
         target_year: int) -> Pace:
    """The pace over the `window_years` before `as_of`, and what reaching all `total` States needs."""
    joined = parties_now - parties_window_start
    per_year = joined / window_years
    remaining = total - parties_now
    if remaining <= 0:
        universal = as_of.year
    elif per_year > 0:
        universal = (as_of + timedelta(days=remaining / per_year * DAYS_PER_YEAR)).year
    else:
        universal = None
    years_left = (date(target_year, 12, 31) - as_of).days / DAYS_PER_YEAR
    needed = remaining / years_left if years_left > 0 else None
    return Pace(window_years, joined, per_year, remaining, universal, target_year, needed)


def window_start(as_of: date, window_years: int) -> date:
    """The same day `window_years` earlier (28 February for 29 February)."""
    try:
        return as_of.replace(year=as_of.year - window_years)
    except ValueError:
        return as_of.replace(year=as_of.year - window_years, day=28)
