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


def datasets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per data file: its rows, the date it was checked to, sources, notes. The rows are those the
    cursor's audience may read: in the public view the public events' for events, and none (missing, not 0) for
    advice, which does not exist for the public (public.sql). Its total less the yearly counts the public view
    shows would give away a count suppressed as too small."""
    readable = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = current_schema()").fetchall()}

    def rows(table: str) -> int | None:
        if table not in readable:
            return None
        return con.execute(f"SELECT count(*) FROM {quoted(table)}").fetchall()[0][0]  # noqa: S608 (a contract's name)

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
