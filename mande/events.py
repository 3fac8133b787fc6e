"""Figures computed from the events and who took part in them, for the results framework and the pages.

Every function answers for the audience of the cursor it is given (db.cursor): on a public one, confidential
events and who took part in them do not exist. Each one's query is mande/sql/<its name>.sql.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande import confidential, sql
from mande.i18n import N_, _, number
from mande.status import NOT_IN_A_GROUP
from mande.words import Words, counted


def event_count(con: duckdb.DuckDBPyConnection, types: tuple[str, ...], year: int) -> int:
    """How many events of `types` began in `year`."""
    return sql.rows(con, "event_count", types=types, year=year)[0][0]


def events_of(con: duckdb.DuckDBPyConnection, types: tuple[str, ...], year: int) -> pd.DataFrame:
    """The events of `types` that began in `year` (the records behind event_count), in date order."""
    return sql.df(con, "events_of", types=types, year=year)


ROLES = ("host", "speaker", "participant")
MET = ("speaker", "participant")  # a bilateral meeting's States met: its hosts, the core States, left out


def taking_part(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int,
                types: tuple[str, ...] | None = None, level: str | None = None,
                roles: tuple[str, ...] = ROLES) -> pd.DataFrame:
    """The States recorded at events of `types` (any, if None) that began between the two years, at `level`
    (any, if None) and in `roles`, sorted by iso3: iso3, name, first_event, first_date, first_precision,
    events, illustrative (a row counted is illustrative sample data)."""
    return sql.df(con, "taking_part", first_year=first_year, last_year=last_year, types=types, level=level,
                  roles=roles)


# --- The Events page: which events, filtered as the page's controls say ---------------------------------

# Said in the page's language when read (words.Words); the keys are the data's.
TYPE_WORDS = Words({
    "regional_seminar": N_("Regional seminar"), "regional_dialogue": N_("Regional dialogue"),
    "technical_workshop": N_("Technical workshop"), "side_event": N_("Side event"),
    "bilateral_meeting": N_("Bilateral meeting"), "country_visit": N_("Country visit"),
    "study_visit": N_("Study visit"), "annual_forum": N_("Annual Forum"), "global_forum": N_("Global forum"),
    "briefing": N_("Briefing"), "webinar": N_("Webinar"), "other": N_("Other"),
})
FORMAT_WORDS = Words({"in_person": N_("In person"), "online": N_("Online"), "hybrid": N_("Hybrid")})
# A value of the data's (a region or a format not recorded) and the words shown for it: say it with _().
NOT_RECORDED = N_("not recorded")
# participation.csv's codes (role, level, participant_type, gender, mode) as people read them: code_word says them.
CODE_WORDS = (N_("Host"), N_("Speaker"), N_("Participant"), N_("Senior"), N_("Technical"), N_("Other"),
              N_("Unknown"), N_("Government"), N_("International organisation"), N_("Ngo"), N_("Nhri"), N_("Expert"),
              N_("Women"), N_("Men"), N_("In person"), N_("Online"))


def code_word(code: object) -> str:
    """A code of participation.csv ('technical', 'in_person') as the page's language says it ('Technical')."""
    return _(str(code).replace("_", " ").capitalize())


def event_years(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """The first and last years in which an event began, or None when there is no event."""
    first, last = sql.rows(con, "event_years")[0]
    return None if first is None else (first, last)


def event_regions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The broad regions of the events (the recorded region without its detail in brackets), sorted."""
    return [region for (region,) in sql.rows(con, "event_regions", not_recorded=NOT_RECORDED)]


def events_matching(con: duckdb.DuckDBPyConnection, types: tuple[str, ...], years: tuple[int, int],
                    regions: tuple[str, ...] = (), formats: tuple[str, ...] = ()) -> pd.DataFrame:
    """The events of `types` that began in `years` (first, last), in `regions` and `formats`, in date order; an
    empty choice means every value.

    Columns: event_id, title, type, start_date, date_precision, end_date, city, country, region, format,
    participants, states_represented, partners, source, note, confidential.
    """
    return sql.df(con, "events_matching", types=types, first_year=years[0], last_year=years[1],
                  regions=regions, formats=formats, not_recorded=NOT_RECORDED)


def confidential_per_year(con: duckdb.DuckDBPyConnection, years: tuple[int, int]) -> pd.DataFrame:
    """year, events: how many confidential events began in each year of `years` (first, last) that had any; all
    the public view may know of them.

    By calendar year, never summed over several: each figure is a fixed period's, the same under every filter,
    so no two of them can be subtracted to single out a count suppressed as small (type or region would single
    out one event; a sum over 2018-2019 less 2018 alone would give 2019's). A count small enough to point at a
    State is missing already (views.sql); `confidential.shown_count` says it in words.
    """
    return sql.df(con, "confidential_per_year", first_year=years[0], last_year=years[1])


def confidential_in_words(hidden: pd.DataFrame | None) -> str:
    """The sentence that says the confidential events of confidential_per_year by year, or "" when there are none
    (or, None, when the view lists them itself)."""
    if hidden is None or hidden.empty:
        return ""
    return _("Confidential events as well, which the public view counts by year but does not list: {counts}.").format(
        counts=confidential.shown_per_year(hidden, "events"))


def count_in_words(n: int, years: tuple[int, int], hidden: pd.DataFrame | None) -> str:
    """'**12 events** from 2014 to 2024.', and the confidential ones by year (confidential_in_words), as Markdown
    (the library's words and counts only)."""
    said = counted(n, "**{n} event** from {first} to {last}.", "**{n} events** from {first} to {last}.",
                   first=years[0], last=years[1])
    hidden_said = confidential_in_words(hidden)
    return said + (" " + hidden_said if hidden_said else "")


def states_named(con: duckdb.DuckDBPyConnection, event_id: str) -> pd.DataFrame:
    """The States a source names at the event: iso3, name, UN regional group (on the event's date), role,
    level; one row per State, with its highest role and level."""
    return sql.df(con, "states_named", event_id=event_id)


def participants_recorded(con: duckdb.DuckDBPyConnection, event_id: str) -> pd.DataFrame:
    """What is recorded of the event's participants: entries and people by type, level, gender and mode.

    `people` is the sum of the entries' counts, or missing when any entry has no count (unknown, not 0);
    `illustrative` is true when an entry is illustrative sample data.
    """
    return sql.df(con, "participants_recorded", event_id=event_id, not_recorded=NOT_RECORDED)


# --- The Annual Forum ----------------------------------------------------------------------------------

FORUMS = ("annual_forum", "global_forum")


def forums(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The Annual Forums (and the global forum) year by year, with what their sources record.

    participants and states_represented as the sources state them (missing when they do not: unknown, not
    0); states_named and senior_named are the States a source names, a floor of the States there (missing
    when no source names any, or gives no State's level).
    """
    return sql.df(con, "forums", forums=FORUMS)


def forum_states_by_group(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """event_id, group, states: the States named at each forum, by UN regional group on the forum's date."""
    return sql.df(con, "forum_states_by_group", forums=FORUMS, not_in_a_group=NOT_IN_A_GROUP)


def forum_people_by(con: duckdb.DuckDBPyConnection, column: str) -> pd.DataFrame:
    """event_id, value, people, illustrative: participants at each forum by `column` (gender or mode), where
    the value is recorded; people is missing when an entry has no count (unknown, not 0)."""
    if column not in ("gender", "mode"):
        raise ValueError(f"forum_people_by counts by gender or mode, not {column!r}")
    return sql.df(con, "forum_people_by", forums=FORUMS, by=column)


# --- Reach: which States the CTI's events have brought in ----------------------------------------------

def first_taking_part(con: duckdb.DuckDBPyConnection, treaty: str = "UNCAT") -> pd.DataFrame:
    """Every State a source names at a CTI event: its first such event, how many events, and its `treaty`
    status then and now.

    Columns: iso3, name, first_date, first_precision, first_event, events, party_then (party on the day of
    its first event), became_party (the date it became party, if after that day).
    """
    return sql.df(con, "first_taking_part", treaty=treaty)


def reached_by_year(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int) -> pd.DataFrame:
    """year, new, reached: States named at a CTI event for the first time in the year, and all so far."""
    return sql.df(con, "reached_by_year", first_year=first_year, last_year=last_year)


def reach_by_group(con: duckdb.DuckDBPyConnection, grouping: str, as_of: date) -> pd.DataFrame:
    """group, states, reached: the States of each group on `as_of` (those in none in a last row), and how
    many a source names at a CTI event up to that day."""
    return sql.df(con, "reach_by_group", grouping=grouping, as_of=as_of, not_in_a_group=NOT_IN_A_GROUP)


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict | None:
    """One event's row (as events_matching gives it), or None when there is none the view may show."""
    found = sql.df(con, "event", event_id=event_id)
    return None if found.empty else found.iloc[0].to_dict()


def recorded(value: object) -> str:
    """A figure as the pages show it: its number, or "not recorded" when the sources give none (never 0)."""
    return _(NOT_RECORDED) if value is None or pd.isna(value) else number(int(value))


def held_between(found: pd.DataFrame, since: date, until: date) -> pd.DataFrame:
    """The events of `found` (events_matching) that began after `since` and by `until`: those held since a date,
    not those planned after the day."""
    return found[(found.start_date > pd.Timestamp(since)) & (found.start_date <= pd.Timestamp(until))]
