"""The pace of ratification: how fast States have been joining, and what universal ratification needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mande.dates import day
from mande.i18n import ENGLISH, _, current, ngettext, number

DAYS_PER_YEAR = 365.25
# What the pace is measured over and aimed at unless someone chooses otherwise (the map page's controls): the
# slides, the annual report and the Friends' edition use these.
WINDOW_YEARS = 10
TARGET_YEAR = 2030


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


def _day(when: date) -> str:
    """'10 May 2024': the day as the language writes it (English keeps the two-digit day it has always had)."""
    return f"{when:%d %B %Y}" if current() == ENGLISH else day(when)


def in_words(recent: Pace, as_of: date, treaty: str, states: str, total: int) -> str:
    """The pace as a Markdown list: over the window, when all would be party at it, and what the target year
    needs. `states` names the `total` States counted, as Markdown ("the 195 States")."""
    rate = number(recent.per_year, 1)
    lines = [ngettext(
        "**{rate} a year.** In the {years} year to {day}, {joined} of {states} became party to {treaty}.",
        "**{rate} a year.** In the {years} years to {day}, {joined} of {states} became party to {treaty}.",
        recent.window_years).format(rate=rate, years=number(recent.window_years), day=_day(as_of),
                                    joined=number(recent.joined_in_window), states=states, treaty=treaty)]
    if recent.remaining <= 0:
        lines.append(_("**All party.** Every one of {states} is party to {treaty}.").format(states=states,
                                                                                          treaty=treaty))
    elif recent.universal_year:
        lines.append(ngettext(
            "**{year} at this pace.** At {rate} a year, the {n} State still to join would be party by {year}.",
            "**{year} at this pace.** At {rate} a year, the {n} States still to join would all be party by {year}.",
            recent.remaining).format(year=recent.universal_year, rate=rate, n=number(recent.remaining)))
    else:
        lines.append(ngettext(
            "**Not at this pace.** No State joined in the window, so at this pace the {n} State still to join "
            "never would.",
            "**Not at this pace.** No State joined in the window, so at this pace the {n} States still to join "
            "never would.", recent.remaining).format(n=number(recent.remaining)))
    if recent.needed_per_year and recent.remaining > 0:
        needed = number(recent.needed_per_year, 1)
        lines.append(ngettext(
            "**{needed} a year needed.** For all {total} to be party by the end of {year}, {needed} States a year "
            "would have to join.",
            "**{needed} a year needed.** For all {total} to be party by the end of {year}, {needed} States a year "
            "would have to join.", total).format(needed=needed, total=number(total), year=recent.target_year))
    return "".join(f"- {line}\n" for line in lines)
