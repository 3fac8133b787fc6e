"""Figures computed from the events and who took part in them, for the results framework and the pages.

Every function answers for the audience of the cursor it is given (db.cursor): on a public one, confidential
events and who took part in them do not exist.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande.status import NOT_IN_A_GROUP

# The results framework counts a regional seminar as a regional dialogue (R3.1).
REGIONAL_DIALOGUES = ("regional_dialogue", "regional_seminar")
VISITS = ("country_visit", "study_visit")


def event_count(con: duckdb.DuckDBPyConnection, types: tuple[str, ...], year: int) -> int:
    """How many events of `types` began in `year`."""
    return con.execute(
        "SELECT count(*) FROM events WHERE list_contains(?, type) AND year(start_date) = ?",
        [list(types), year],
    ).fetchall()[0][0]


def events_of(con: duckdb.DuckDBPyConnection, types: tuple[str, ...], year: int) -> pd.DataFrame:
    """The events of `types` that began in `year` (the records behind event_count), in date order."""
    return con.execute(
        """SELECT event_id, title, type, start_date, date_precision, end_date, city, format, source
            FROM events WHERE list_contains(?, type) AND year(start_date) = ?
            ORDER BY start_date, event_id""",
        [list(types), year],
    ).df()


ROLES = ("host", "speaker", "participant")
MET = ("speaker", "participant")  # a bilateral meeting's States met: its hosts, the core States, left out


def taking_part(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int,
                types: tuple[str, ...] | None = None, level: str | None = None,
                roles: tuple[str, ...] = ROLES) -> pd.DataFrame:
    """The States recorded at events of `types` (any, if None) that began between the two years, at `level`
    (any, if None) and in `roles`, sorted by iso3: iso3, name, first_event, first_date, first_precision,
    events, illustrative (a row counted is illustrative sample data)."""
    return con.execute(
        """SELECT p.iso3, s.name, arg_min(e.title, e.start_date) AS first_event,
                   min(e.start_date) AS first_date, arg_min(e.date_precision, e.start_date) AS first_precision,
                   count(DISTINCT e.event_id) AS events, bool_or(p.illustrative = 'yes') AS illustrative
            FROM participation p JOIN events e USING (event_id)
            JOIN states s USING (iso3)
            WHERE year(e.start_date) BETWEEN ? AND ?
              AND (? OR list_contains(?, e.type)) AND (? OR p.level = ?) AND list_contains(?, p.role)
            GROUP BY p.iso3, s.name ORDER BY p.iso3""",
        [first_year, last_year, types is None, list(types or []), level is None, level or "", list(roles)],
    ).df()


def states_taking_part(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int,
                       types: tuple[str, ...] | None = None, level: str | None = None,
                       roles: tuple[str, ...] = ROLES) -> list[str]:
    """The iso3 codes of `taking_part`, sorted."""
    return list(taking_part(con, first_year, last_year, types, level, roles).iso3)


def states_met_bilaterally(con: duckdb.DuckDBPyConnection, year: int) -> list[str]:
    """The States met in bilateral meetings in the year, the hosts left out (R2.1)."""
    return states_taking_part(con, year, year, types=("bilateral_meeting",), roles=MET)


# --- The Events page: which events, filtered as the page's controls say ---------------------------------

TYPE_WORDS = {
    "regional_seminar": "Regional seminar", "regional_dialogue": "Regional dialogue",
    "technical_workshop": "Technical workshop", "side_event": "Side event", "bilateral_meeting": "Bilateral meeting",
    "country_visit": "Country visit", "study_visit": "Study visit", "annual_forum": "Annual Forum",
    "global_forum": "Global forum", "briefing": "Briefing", "webinar": "Webinar", "other": "Other",
}
FORMAT_WORDS = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"}
NOT_RECORDED = "not recorded"
# An event's region as a filter knows it: the recorded region without its detail in brackets, so that
# "Africa (common law)" and "Africa (sub-Saharan)" are both Africa.
_BROAD_REGION = f"coalesce(nullif(trim(split_part(region, ' (', 1)), ''), '{NOT_RECORDED}')"
_FORMAT = f"coalesce(format, '{NOT_RECORDED}')"


def event_years(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """The first and last years in which an event began, or None when there is no event."""
    first, last = con.execute(
        "SELECT min(year(start_date)), max(year(start_date)) FROM events"
    ).fetchall()[0]
    return None if first is None else (first, last)


def event_regions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The broad regions of the events (the recorded region without its detail in brackets), sorted."""
    return [r[0] for r in con.execute(
        f"SELECT DISTINCT {_BROAD_REGION} AS r FROM events ORDER BY r = ?, r",  # noqa: S608
        [NOT_RECORDED]).fetchall()]


def _matching(types: tuple[str, ...], years: tuple[int, int], regions: tuple[str, ...],
              formats: tuple[str, ...]) -> tuple[str, list]:
    """The WHERE clause and its parameters for the page's filters; an empty choice means every value."""
    return (
        f"""(? OR list_contains(?, type)) AND year(start_date) BETWEEN ? AND ?
            AND (? OR list_contains(?, {_BROAD_REGION})) AND (? OR list_contains(?, {_FORMAT}))""",
        [not types, list(types), years[0], years[1], not regions, list(regions), not formats, list(formats)],
    )


def events_matching(con: duckdb.DuckDBPyConnection, types: tuple[str, ...], years: tuple[int, int],
                    regions: tuple[str, ...] = (), formats: tuple[str, ...] = ()) -> pd.DataFrame:
    """The events of `types` that began in `years` (first, last), in `regions` and `formats`, in date order.

    Columns: event_id, title, type, start_date, date_precision, end_date, city, country, region, format,
    participants, states_represented, partners, source, note, confidential.
    """
    where, params = _matching(types, years, regions, formats)
    return con.execute(
        f"""SELECT e.event_id, e.title, e.type, e.start_date, e.date_precision, e.end_date, e.city,
                   s.name AS country, e.region, e.format, e.participants, e.states_represented, e.partners,
                   e.source, e.note, e.confidential = 'yes' AS confidential
            FROM events e LEFT JOIN states s ON s.iso3 = e.country_iso3
            WHERE {where} ORDER BY e.start_date, e.event_id""",  # noqa: S608 (constants above)
        params,
    ).df()


def confidential_per_year(con: duckdb.DuckDBPyConnection, years: tuple[int, int]) -> pd.DataFrame:
    """year, events: how many confidential events began in each year of `years` (first, last) that had any; all
    the public view may know of them.

    By calendar year, never summed over several: each figure is a fixed period's, the same under every filter,
    so no two of them can be subtracted to single out a count suppressed as small (type or region would single
    out one event; a sum over 2018-2019 less 2018 alone would give 2019's). Show each figure through
    `confidential.shown_count`, which hides a count small enough to point at a State.
    """
    return con.execute(
        "SELECT year, events FROM confidential_events_per_year WHERE year BETWEEN ? AND ? ORDER BY year",
        list(years),
    ).df()


# A State's UN regional group on the day an event began (p: participation, e: events, g: the group found).
_REGIONAL_GROUP_ON_THE_DAY = """LEFT JOIN groups g ON g.iso3 = p.iso3 AND g.grouping = 'un_regional_group'
                 AND (g.start_date IS NULL OR g.start_date <= e.start_date)
                 AND (g.end_date IS NULL OR g.end_date > e.start_date)"""
# Highest first: a State that hosted and spoke is shown as host, one at senior and technical level as senior.
_ROLE_RANK = "CASE p.role WHEN 'host' THEN 3 WHEN 'speaker' THEN 2 ELSE 1 END"
_LEVEL_RANK = "CASE p.level WHEN 'senior' THEN 4 WHEN 'technical' THEN 3 WHEN 'other' THEN 2 ELSE 1 END"


def states_named(con: duckdb.DuckDBPyConnection, event_id: str) -> pd.DataFrame:
    """The States a source names at the event: iso3, name, UN regional group (on the event's date), role,
    level; one row per State, with its highest role and level."""
    return con.execute(
        f"""SELECT p.iso3, s.name, any_value(g."group") AS un_regional_group,
                   arg_max(p.role, {_ROLE_RANK}) AS role, arg_max(p.level, {_LEVEL_RANK}) AS level
            FROM participation p JOIN states s USING (iso3)
            JOIN events e USING (event_id) {_REGIONAL_GROUP_ON_THE_DAY}
            WHERE p.event_id = ? GROUP BY p.iso3, s.name ORDER BY s.name""",  # noqa: S608
        [event_id],
    ).df()


def participants_recorded(con: duckdb.DuckDBPyConnection, event_id: str) -> pd.DataFrame:
    """What is recorded of the event's participants: entries and people by type, level, gender and mode.

    `people` is the sum of the entries' counts, or missing when any entry has no count (unknown, not 0);
    `illustrative` is true when an entry is illustrative sample data.
    """
    return con.execute(
        """SELECT participant_type, level, coalesce(gender, ?) AS gender, coalesce(mode, ?) AS mode,
                   count(*) AS entries,
                   CASE WHEN count("count") = count(*) THEN sum("count")::INTEGER END AS people,
                   bool_or(illustrative = 'yes') AS illustrative
            FROM participation WHERE event_id = ?
            GROUP BY ALL ORDER BY ALL""",
        [NOT_RECORDED, NOT_RECORDED, event_id],
    ).df()


# --- The Annual Forum ----------------------------------------------------------------------------------

FORUMS = ("annual_forum", "global_forum")


def forums(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The Annual Forums (and the global forum) year by year, with what their sources record.

    participants and states_represented as the sources state them (missing when they do not: unknown, not
    0); states_named and senior_named are the States a source names, a floor of the States there (missing
    when no source names any, or gives no State's level).
    """
    return con.execute(
        """SELECT e.event_id, e.title, e.type, year(e.start_date) AS year, e.start_date, e.date_precision,
                   e.city, e.format, e.participants, e.states_represented,
                   nullif(count(DISTINCT p.iso3), 0) AS states_named,
                   CASE WHEN bool_or(p.level <> 'unknown')
                        THEN count(DISTINCT p.iso3) FILTER (WHERE p.level = 'senior') END AS senior_named,
                   coalesce(bool_or(p.illustrative = 'yes'), false) AS illustrative,
                   e.source, e.note
            FROM events e LEFT JOIN participation p USING (event_id)
            WHERE list_contains(?, e.type)
            GROUP BY ALL ORDER BY e.start_date""",
        [list(FORUMS)],
    ).df()


def forum_states_by_group(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """event_id, group, states: the States named at each forum, by UN regional group on the forum's date."""
    return con.execute(
        f"""SELECT e.event_id, coalesce(g."group", ?) AS "group", count(DISTINCT p.iso3) AS states
            FROM events e JOIN participation p USING (event_id)
            {_REGIONAL_GROUP_ON_THE_DAY}
            WHERE list_contains(?, e.type) AND p.iso3 IS NOT NULL
            GROUP BY ALL ORDER BY e.event_id, "group" """,  # noqa: S608
        [NOT_IN_A_GROUP, list(FORUMS)],
    ).df()


def forum_people_by(con: duckdb.DuckDBPyConnection, column: str) -> pd.DataFrame:
    """event_id, value, people, illustrative: participants at each forum by `column` (gender or mode), where
    the value is recorded; people is missing when an entry has no count (unknown, not 0)."""
    if column not in ("gender", "mode"):
        raise ValueError(f"forum_people_by counts by gender or mode, not {column!r}")
    return con.execute(
        f"""SELECT p.event_id, p.{column} AS value,
                   CASE WHEN count(p."count") = count(*) THEN sum(p."count")::INTEGER END AS people,
                   bool_or(p.illustrative = 'yes') AS illustrative
            FROM participation p JOIN events e USING (event_id)
            WHERE list_contains(?, e.type) AND p.{column} IS NOT NULL
            GROUP BY ALL ORDER BY ALL""",  # noqa: S608 (column checked above)
        [list(FORUMS)],
    ).df()


# --- Reach: which States the CTI's events have brought in ----------------------------------------------

def first_taking_part(con: duckdb.DuckDBPyConnection, treaty: str = "UNCAT") -> pd.DataFrame:
    """Every State a source names at a CTI event: its first such event, how many events, and its `treaty`
    status then and now.

    Columns: iso3, name, first_date, first_precision, first_event, events, party_then (party on the day of
    its first event), became_party (the date it became party, if after that day).
    """
    return con.execute(
        """WITH taking_part AS (
                SELECT p.iso3, min(e.start_date) AS first_date,
                       arg_min(e.date_precision, e.start_date) AS first_precision,
                       arg_min(e.title, e.start_date) AS first_event, count(DISTINCT e.event_id) AS events
                FROM participation p JOIN events e USING (event_id)
                WHERE p.iso3 IS NOT NULL GROUP BY p.iso3
            ),
            changes AS (SELECT * FROM party_changes WHERE treaty = ?)
            SELECT t.iso3, s.name, t.first_date, t.first_precision, t.first_event, t.events,
                   coalesce((SELECT sum(change) FROM changes c WHERE c.iso3 = t.iso3
                             AND c."date" <= t.first_date), 0) > 0 AS party_then,
                   (SELECT min("date") FROM changes c WHERE c.iso3 = t.iso3 AND c.change > 0
                    AND c."date" > t.first_date) AS became_party
            FROM taking_part t JOIN states s USING (iso3)
            ORDER BY t.first_date, s.name""",
        [treaty],
    ).df()


def reached_by_year(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int) -> pd.DataFrame:
    """year, new, reached: States named at a CTI event for the first time in the year, and all so far."""
    return con.execute(
        """WITH years AS (SELECT range AS year FROM range(?, ? + 1)),
            firsts AS (
                SELECT p.iso3, min(year(e.start_date)) AS year
                FROM participation p JOIN events e USING (event_id)
                WHERE p.iso3 IS NOT NULL GROUP BY p.iso3
            ),
            per_year AS (SELECT year, count(*) AS new FROM firsts GROUP BY year)
            SELECT years.year::INTEGER AS year, coalesce(new, 0)::INTEGER AS new,
                   (sum(coalesce(new, 0)) OVER (ORDER BY years.year)
                    + (SELECT count(*) FROM firsts WHERE year < ?))::INTEGER AS reached
            FROM years LEFT JOIN per_year USING (year) ORDER BY year""",
        [first_year, last_year, first_year],
    ).df()


def reach_by_group(con: duckdb.DuckDBPyConnection, grouping: str, as_of: date) -> pd.DataFrame:
    """group, states, reached: the States of each group on `as_of` (those in none in a last row), and how
    many a source names at a CTI event up to that day."""
    return con.execute(
        """WITH reached AS (
                SELECT DISTINCT p.iso3
                FROM participation p JOIN events e USING (event_id)
                WHERE p.iso3 IS NOT NULL AND e.start_date <= ?
            ),
            members AS (SELECT * FROM memberships_as_of(?) WHERE grouping = ?),
            counted AS (
                SELECT coalesce(m."group", ?) AS "group", count(*) AS states, count(r.iso3) AS reached
                FROM states s LEFT JOIN members m USING (iso3) LEFT JOIN reached r USING (iso3) GROUP BY 1
            )
            SELECT * FROM counted ORDER BY "group" = ?, "group" """,
        [as_of, as_of, grouping, NOT_IN_A_GROUP, NOT_IN_A_GROUP],
    ).df()


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict | None:
    """One event's row (as events_matching gives it), or None when there is none the view may show."""
    found = con.execute(
        """SELECT e.*, s.name AS country FROM events e
            LEFT JOIN states s ON s.iso3 = e.country_iso3 WHERE e.event_id = ?""",
        [event_id],
    ).df()
    return None if found.empty else found.iloc[0].to_dict()


def recorded(value: object) -> str:
    """A figure as the pages show it: its number, or "not recorded" when the sources give none (never 0)."""
    return NOT_RECORDED if value is None or pd.isna(value) else f"{int(value):,}"
