"""Figures computed from the events and who took part in them, for the results framework and the pages.

Every function reads the public views (no confidential event) unless `confidential=True`, which only the
Secretariat's view may pass.
"""

from __future__ import annotations

import duckdb
import pandas as pd

# The results framework counts a regional seminar as a regional dialogue (R3.1).
REGIONAL_DIALOGUES = ("regional_dialogue", "regional_seminar")
VISITS = ("country_visit", "study_visit")


def _events(confidential: bool) -> str:
    return "events" if confidential else "public_events"


def _participation(confidential: bool) -> str:
    return "participation" if confidential else "public_participation"


def events_per_type_and_year(con: duckdb.DuckDBPyConnection, confidential: bool = False) -> pd.DataFrame:
    """year, type, events: how many events of each type began in each year."""
    return con.execute(
        f"""SELECT year(start_date) AS year, type, count(*) AS events FROM {_events(confidential)}
            GROUP BY ALL ORDER BY year, type"""  # noqa: S608 (a view's name, not input)
    ).df()


def event_count(con: duckdb.DuckDBPyConnection, types: tuple[str, ...], year: int, confidential: bool = False) -> int:
    """How many events of `types` began in `year`."""
    return con.execute(
        f"SELECT count(*) FROM {_events(confidential)} WHERE list_contains(?, type) AND year(start_date) = ?",  # noqa: S608
        [list(types), year],
    ).fetchall()[0][0]


def events_of(con: duckdb.DuckDBPyConnection, types: tuple[str, ...], year: int,
              confidential: bool = False) -> pd.DataFrame:
    """The events of `types` that began in `year` (the records behind event_count), in date order."""
    return con.execute(
        f"""SELECT event_id, title, type, start_date, date_precision, end_date, city, format, source
            FROM {_events(confidential)} WHERE list_contains(?, type) AND year(start_date) = ?
            ORDER BY start_date, event_id""",  # noqa: S608
        [list(types), year],
    ).df()


def states_taking_part(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int,
                       types: tuple[str, ...] | None = None, level: str | None = None,
                       roles: tuple[str, ...] = ("host", "speaker", "participant"),
                       confidential: bool = False) -> list[str]:
    """The distinct States (iso3) recorded at events of `types` (any, if None) that began between the two
    years, at `level` (any, if None) and in `roles`, sorted."""
    rows = con.execute(
        f"""SELECT DISTINCT p.iso3 FROM {_participation(confidential)} p JOIN {_events(confidential)} e
            USING (event_id)
            WHERE p.iso3 IS NOT NULL AND year(e.start_date) BETWEEN ? AND ?
              AND (? OR list_contains(?, e.type)) AND (? OR p.level = ?) AND list_contains(?, p.role)
            ORDER BY p.iso3""",  # noqa: S608
        [first_year, last_year, types is None, list(types or []), level is None, level or "", list(roles)],
    ).fetchall()
    return [r[0] for r in rows]


def senior_level_states(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int,
                        confidential: bool = False) -> list[str]:
    """Governments represented at senior level in CTI events over the years (R3.0)."""
    return states_taking_part(con, first_year, last_year, level="senior", confidential=confidential)


def states_met_bilaterally(con: duckdb.DuckDBPyConnection, year: int, confidential: bool = False) -> list[str]:
    """The States met in bilateral meetings in the year, the hosts left out (R2.1)."""
    return states_taking_part(con, year, year, types=("bilateral_meeting",), roles=("speaker", "participant"),
                              confidential=confidential)
