"""The derived measures of the results framework, each declared once in MEASURES: what it computes for a year,
the records behind it, what it counts, the data file whose dates bound what it can know, and whether its
records are confidential.

A derived indicator of framework.csv names one of them (its `measure`): the contract allows exactly the names
registered here, and results.py judges the figures they give. A new measure is one declaration below (of a
kind here, or of a new kind) and its test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import duckdb
import pandas as pd

from mande import advice, confidential, sql
from mande.dates import describe, describe_each
from mande.i18n import N_

# contracts.py takes the allowed names of framework.csv's `measure` from NAMES, and events.py imports
# status.py, which imports contracts.py: so this module never imports contracts, and imports events only
# inside the kinds that read events, when they compute (at the top it would be a cycle).


@dataclass(frozen=True)
class Figure:
    """A year's figure: `value` (None when unknown), whether it rests on illustrative data, and, for a count
    suppressed in the public view, the range it lies in."""

    value: int | None
    illustrative: bool = False
    between: tuple[int, int] | None = None


@dataclass(frozen=True, kw_only=True)
class Measure:
    """A figure computed from the records, for each year of an indicator's period."""

    bounded_by: str  # the data file whose dates bound what the figure can know (results.coverage)
    confidential: bool = False  # only its count is public: no record behind it is ever listed
    running_total: bool = False  # also shown as its total so far against the target so far
    columns: ClassVar[tuple[str, ...]] = ()  # the records behind a figure, as a page lists them

    def figure(self, con: duckdb.DuckDBPyConnection, year: int, period_start: int) -> Figure:
        """The figure for `year` (for a total over a period, from `period_start` to `year`)."""
        raise NotImplementedError

    def records(self, con: duckdb.DuckDBPyConnection, year: int, period_start: int) -> pd.DataFrame:
        """What the figure for `year` counts, as people read it: `columns`."""
        raise NotImplementedError

    def done_on(self, con: duckdb.DuckDBPyConnection, year: int) -> date | None:
        """For a milestone, the day in `year` that it counted something first; None when only the year is known."""
        return None


@dataclass(frozen=True, kw_only=True)
class NewParties(Measure):
    """States that became party to `treaty` in the year: ratifications, accessions and successions, by the year
    of their date of deposit."""

    treaty: str
    columns: ClassVar = (N_("State"), N_("Became party"), N_("By"))

    def figure(self, con, year, period_start):
        return Figure(len(self._joined(con, year)))

    def records(self, con, year, period_start):
        from mande.status import ACTION_WORDS  # (status imports contracts: see the top of the module)

        return pd.DataFrame([(name, describe(when, precision, earliest), ACTION_WORDS.get(action, action.capitalize()))
                             for name, when, precision, earliest, action in self._joined(con, year)],
                            columns=list(self.columns))

    def _joined(self, con: duckdb.DuckDBPyConnection, year: int) -> list[tuple]:
        return sql.rows(con, "new_parties", treaty=self.treaty, year=year)


@dataclass(frozen=True, kw_only=True)
class EventsOfTypes(Measure):
    """Events of `types` that began in the year."""

    types: tuple[str, ...]
    columns: ClassVar = (N_("Event"), N_("Type"), N_("Began"), N_("Place"))

    def figure(self, con, year, period_start):
        from mande import events  # see the top of the module

        return Figure(events.event_count(con, self.types, year))

    def records(self, con, year, period_start):
        from mande import events

        found = events.events_of(con, self.types, year)
        return pd.DataFrame({"Event": found.title, "Type": found.type.map(events.TYPE_WORDS),
                             "Began": describe_each(found.start_date, found.date_precision),
                             "Place": found.city.fillna("")})

    def done_on(self, con, year):
        """The day the year's first event began."""
        return sql.rows(con, "first_event_day", types=list(self.types), year=year)[0][0]


@dataclass(frozen=True, kw_only=True)
class StatesTakingPart(Measure):
    """Distinct States recorded at events (as `taking_part` finds them), each with its first event."""

    columns: ClassVar = (N_("State"), N_("First event"), N_("On"), N_("Events"))

    def taking_part(self, con: duckdb.DuckDBPyConnection, year: int, period_start: int) -> pd.DataFrame:
        """The States counted, as events.taking_part gives them."""
        raise NotImplementedError

    def figure(self, con, year, period_start):
        found = self.taking_part(con, year, period_start)
        return Figure(len(found), bool(found.illustrative.any()))  # illustrative where a State counted is

    def records(self, con, year, period_start):
        found = self.taking_part(con, year, period_start).sort_values("name")
        return pd.DataFrame({
            "State": found["name"], "First event": found.first_event,
            "On": describe_each(found.first_date, found.first_precision),
            "Events": found.events,
        })


@dataclass(frozen=True, kw_only=True)
class StatesMet(StatesTakingPart):
    """States met at events of `types` that began in the year: speakers and participants, the hosts (the core
    States) left out."""

    types: tuple[str, ...]

    def taking_part(self, con, year, period_start):
        from mande import events

        return events.taking_part(con, year, year, types=self.types, roles=events.MET)


@dataclass(frozen=True, kw_only=True)
class StatesRepresented(StatesTakingPart):
    """States represented at `level` (any role) at events that began from the period's first year to the year:
    a total so far, for a target over the period."""

    level: str

    def taking_part(self, con, year, period_start):
        from mande import events

        return events.taking_part(con, period_start, year, level=self.level)


@dataclass(frozen=True, kw_only=True)
class AdvisedStates(Measure):
    """Distinct States given technical advice in the year, from the public counts (advice_per_year, views.sql):
    a count too small to show lies between 1 and confidential.SMALL - 1."""

    def figure(self, con, year, period_start):
        counted = advice.advice_per_year(con, year, year)
        if counted.empty:
            return Figure(0)  # within the advice data's years (see coverage), no request is a true 0
        row = counted.iloc[0]
        if pd.isna(row.states):
            return Figure(None, bool(row.illustrative), between=(1, confidential.SMALL - 1))
        return Figure(int(row.states), bool(row.illustrative))


# Each measure by its name in framework.csv (a name given twice is a lint error, ruff's F601).
MEASURES: dict[str, Measure] = {
    "uncat_new_parties": NewParties(bounded_by="treaty_actions", treaty="UNCAT", running_total=True),
    "opcat_new_parties": NewParties(bounded_by="treaty_actions", treaty="OPCAT"),
    "bilateral_meeting_states": StatesMet(bounded_by="events", types=("bilateral_meeting",)),
    "country_and_study_visits": EventsOfTypes(bounded_by="events", types=("country_visit", "study_visit")),
    "advised_states": AdvisedStates(bounded_by="advice", confidential=True),
    "senior_level_states": StatesRepresented(bounded_by="participation", level="senior"),
    # The results framework counts a regional seminar as a regional dialogue (R3.1).
    "regional_dialogues": EventsOfTypes(bounded_by="events", types=("regional_dialogue", "regional_seminar")),
    "technical_workshops": EventsOfTypes(bounded_by="events", types=("technical_workshop",)),
    "side_events": EventsOfTypes(bounded_by="events", types=("side_event",)),
    "annual_forums": EventsOfTypes(bounded_by="events", types=("annual_forum",)),
    "global_forums": EventsOfTypes(bounded_by="events", types=("global_forum",)),
}
NAMES = tuple(MEASURES)  # the allowed values of framework.csv's `measure` (contracts.FRAMEWORK)
