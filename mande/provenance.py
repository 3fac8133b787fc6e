"""Where the data comes from, how current it is, and which facts are not fully confirmed."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande.contracts import CONTRACTS
from mande.sqlnames import quoted


def data_as_of(con: duckdb.DuckDBPyConnection, table: str = "treaty_actions") -> tuple[date | None, str, str | None]:
    """The date a data file's facts were last checked, with the source and note it gives."""
    rows = con.execute('SELECT as_of, source, note FROM datasets WHERE "table" = ?', [table]).fetchall()
    return rows[0] if rows else (None, "", None)


# What the public view counts of each file: the rows of a table, of its public view for a file that holds
# confidential records, or nothing for advice, whose total less the yearly counts the public view shows would
# give away a count suppressed as too small. (The whole events.csv, less the events the Events page lists,
# would tell how many confidential events there are, in years the Events page never counts.) Every file is
# listed: a new one is counted nowhere until it is added here.
PUBLIC_ROWS = {"states": "states", "groups": "groups", "treaty_actions": "treaty_actions", "framework": "framework",
               "targets": "targets", "outputs": "outputs", "events": "public_events",
               "participation": "public_participation", "advice": None, "datasets": "datasets"}


def datasets(con: duckdb.DuckDBPyConnection, confidential: bool = False) -> pd.DataFrame:
    """One row per data file: its rows, the date it was checked to, sources, notes. In the public view (unless
    `confidential`) the rows are those the public may see: missing for advice, the public events' for events."""
    def rows(table: str) -> int | None:
        relation = table if confidential else PUBLIC_ROWS.get(table)
        if relation is None:
            return None
        return con.execute(f"SELECT count(*) FROM {quoted(relation)}").fetchall()[0][0]  # noqa: S608 (names above)

    sizes = {table: rows(table) for table in CONTRACTS}
    described = con.execute('SELECT "table", as_of, source, note FROM datasets').df()
    files = pd.DataFrame({"table": list(sizes), "rows": list(sizes.values()),
                          "description": [c.description for c in CONTRACTS.values()]})
    return files.merge(described, on="table", how="left")


def unconfirmed_dates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Treaty actions whose date is confirmed only to the month or year, or lies in a range."""
    return con.execute(
        """
        SELECT s.name, a.iso3, a.treaty, a.action, a."date", a.date_precision, a.date_earliest, a.source, a.note
        FROM treaty_actions a JOIN states s USING (iso3)
        WHERE a.date_precision <> 'day'
        ORDER BY a.treaty DESC, s.name, a."date"
        """
    ).df()
