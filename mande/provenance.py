"""Where the data comes from, how current it is, and which facts are not fully confirmed."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande import sql
from mande.contracts import CONTRACTS


def data_as_of(con: duckdb.DuckDBPyConnection, table: str = "treaty_actions") -> tuple[date | None, str, str | None]:
    """The date a data file's facts were last checked, with the source and note it gives."""
    rows = sql.rows(con, "data_as_of", table=table)
    return rows[0] if rows else (None, "", None)


def datasets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per data file: its rows, the date it was checked to, sources, notes. The rows are those the
    cursor's audience may read: in the public view the public events' for events, and none (missing, not 0) for
    advice, which does not exist for the public (public.sql). Its total less the yearly counts the public view
    shows would give away a count suppressed as too small."""
    readable = {table for (table,) in sql.rows(con, "readable_tables")}
    sizes = {table: sql.rows(con, "table_rows", table=table)[0][0] if table in readable else None
             for table in CONTRACTS}
    files = pd.DataFrame({"table": list(sizes), "rows": list(sizes.values()),
                          "description": [c.description for c in CONTRACTS.values()]})
    return files.merge(sql.df(con, "datasets"), on="table", how="left")


def unconfirmed_dates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Treaty actions whose date is confirmed only to the month or year, or lies in a range."""
    return sql.df(con, "unconfirmed_dates")
