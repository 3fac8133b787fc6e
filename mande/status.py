"""Treaty status of every State on a date, counted by group, and its history since 1984."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande.contracts import other_treaty
from mande.dates import describe

STATUS_WORDS = {"party": "Party", "signatory": "Signatory", "no action": "No action"}
NOT_IN_A_GROUP = "(not in any group)"
COUNT_COLUMNS = ["group", "parties", "signatories", "no_action", "total"]


def status_as_of(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date) -> pd.DataFrame:
    """One row per State: status, signature and consent dates with their precision, sorted by name."""
    return con.execute(
        "SELECT * FROM status_as_of(?, ?) ORDER BY name", [treaty, as_of]
    ).df()


GROUPING_NAMES = {
    "un_regional_group": "UN regional groups",
    "m49_region": "Regions (UN M49)",
    "m49_subregion": "Sub-regions (UN M49)",
    "m49_intermediate_region": "Intermediate regions (UN M49)",
    "sids_region": "Small Island Developing States",
    "commonwealth": "Commonwealth",
    "cti": "CTI core States",
}


def grouping_name(grouping: str) -> str:
    """A grouping as people name it; one the Secretariat added reads as its code with spaces."""
    return GROUPING_NAMES.get(grouping, grouping.replace("_", " ").capitalize())


def groups(con: duckdb.DuckDBPyConnection, grouping: str) -> list[str]:
    """The groups of a grouping, in alphabetical order."""
    return [r[0] for r in con.execute(
        'SELECT DISTINCT "group" FROM groups WHERE grouping = ? ORDER BY "group"', [grouping]).fetchall()]


def groupings(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The groupings in the data, in alphabetical order."""
    return [r[0] for r in con.execute('SELECT DISTINCT grouping FROM groups ORDER BY grouping').fetchall()]


def status_counts(
    con: duckdb.DuckDBPyConnection, treaty: str, as_of: date, grouping: str | None = None
) -> pd.DataFrame:
    """Parties, signatories and States with no action: one row `All`, or one per group of `grouping`.

    A State belongs to the groups it is a member of on `as_of`; States in none of the grouping's groups are
    counted in a last row, so that every State is counted.
    """
    counts = """
        count(*) FILTER (WHERE status = 'party') AS parties,
        count(*) FILTER (WHERE status = 'signatory') AS signatories,
        count(*) FILTER (WHERE status = 'no action') AS no_action,
        count(*) AS total
    """
    if grouping is None:
        return con.execute(f"SELECT 'All' AS \"group\", {counts} FROM status_as_of(?, ?)",  # noqa: S608
                           [treaty, as_of]).df()
    return con.execute(
        f"""
        WITH members AS (SELECT * FROM memberships_as_of(?) WHERE grouping = ?),
        placed AS (
            SELECT coalesce(m."group", ?) AS "group", s.status
            FROM status_as_of(?, ?) s LEFT JOIN members m USING (iso3)
        )
        SELECT "group", {counts} FROM placed
        GROUP BY "group"
        ORDER BY "group" = ?, "group"
        """,  # noqa: S608 (the interpolated text is a constant above)
        [as_of, grouping, NOT_IN_A_GROUP, treaty, as_of, NOT_IN_A_GROUP],
    ).df()


def parties_by_year(
    con: duckdb.DuckDBPyConnection, treaty: str, first_year: int, last_year: int, states: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """For each year: States that became party in it (`joined`), and parties at its end (`parties`).

    With `states` (iso3 codes), only those States are counted.
    """
    return con.execute(
        """
        WITH years AS (SELECT range AS year FROM range($first, $last + 1)),
        changes AS (
            SELECT * FROM party_changes
            WHERE treaty = $treaty AND ($all OR list_contains($states, iso3))
        ),
        yearly AS (
            SELECT year("date") AS year,
                   sum(change) FILTER (WHERE change > 0) AS joined,
                   sum(change) AS net
            FROM changes GROUP BY ALL
        ),
        before AS (SELECT coalesce(sum(change), 0) AS n FROM changes WHERE year("date") < $first)
        SELECT years.year::INTEGER AS year,
               coalesce(yearly.joined, 0)::INTEGER AS joined,
               ((SELECT n FROM before) + sum(coalesce(yearly.net, 0)) OVER (ORDER BY years.year))::INTEGER
                   AS parties
        FROM years LEFT JOIN yearly USING (year)
        ORDER BY year
        """,
        {"first": first_year, "last": last_year, "treaty": treaty, "all": states is None,
         "states": list(states or [])},
    ).df()


def status_for_map(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date) -> pd.DataFrame:
    """One row per State, for a map's tooltips: status, dates as people read them, the other treaty's status."""
    other = other_treaty(treaty)
    rows = con.execute(
        """
        SELECT t.iso3, s.iso_numeric, t.name, t.status, t.signature_date, t.signature_precision,
               t.consent_type, t.consent_date, t.consent_precision, t.consent_earliest, o.status
        FROM status_as_of(?, ?) t JOIN states s USING (iso3) JOIN status_as_of(?, ?) o USING (iso3)
        ORDER BY t.name
        """,
        [treaty, as_of, other, as_of],
    ).fetchall()  # plain rows: 195 of them read faster in Python than through pandas columns
    return pd.DataFrame(
        [
            (iso3, numeric, name, status, STATUS_WORDS[status], describe(signed, signed_precision),
             describe(consent, consent_precision, earliest), (how or "").capitalize(), STATUS_WORDS[other_status])
            for (iso3, numeric, name, status, signed, signed_precision, how, consent, consent_precision, earliest,
                 other_status) in rows
        ],
        columns=["iso3", "iso_numeric", "name", "status", "status_word", "signed", "became_party", "by",
                 "other_status"],
    )


def parties_count(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date,
                  states: tuple[str, ...] | None = None) -> int:
    """How many States (of `states`, if given) were party on `as_of`."""
    return con.execute(
        'SELECT coalesce(sum(change), 0)::INTEGER FROM party_changes WHERE treaty = ? AND "date" <= ? '
        "AND (? OR list_contains(?, iso3))",
        [treaty, as_of, states is None, list(states or [])],
    ).fetchall()[0][0]


def recent_parties(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date, limit: int = 10) -> pd.DataFrame:
    """The States that became party most recently on or before `as_of`, newest first."""
    return con.execute(
        """
        SELECT name, iso3, consent_type, consent_date, consent_precision, consent_earliest
        FROM status_as_of(?, ?) WHERE status = 'party'
        ORDER BY consent_date DESC, name LIMIT ?
        """,
        [treaty, as_of, limit],
    ).df()


def group_of_each_state(con: duckdb.DuckDBPyConnection, grouping: str, as_of: date) -> dict[str, str]:
    """iso3 -> the State's group in `grouping` on `as_of` (States in no group are left out)."""
    rows = con.execute(
        'SELECT iso3, min("group") FROM memberships_as_of(?) WHERE grouping = ? GROUP BY iso3', [as_of, grouping]
    ).fetchall()
    return dict(rows)


def state_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many States the data holds (195 in the embedded data)."""
    return con.execute("SELECT count(*) FROM states").fetchall()[0][0]


def cti_launch(con: duckdb.DuckDBPyConnection) -> date | None:
    """When the CTI was launched: the earliest start of a core State's membership."""
    return con.execute(
        "SELECT min(start_date) FROM groups WHERE grouping = 'cti' AND \"group\" = 'Core State'"
    ).fetchall()[0][0]
