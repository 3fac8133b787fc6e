"""Technical advice to States, as the public view may see it: counts per year, never a State.

Advice is confidential ("no name, no shame"). The public reads only the view `advice_per_year` (views.sql),
which holds only counts and suppresses (NULL) any small count; the requests themselves are in the table
`advice`, which exists only in the Secretariat's view.
"""

from __future__ import annotations

import duckdb
import pandas as pd


def advice_per_year(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int) -> pd.DataFrame:
    """year, requests, states, illustrative for the years with advice records; a suppressed count is NA."""
    return con.execute(
        "SELECT year, requests, states, illustrative FROM advice_per_year "
        "WHERE year BETWEEN ? AND ? ORDER BY year",
        [first_year, last_year],
    ).df()


def requests_with_states(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every request with the State that made it, newest first: for the Secretariat's view only, never public."""
    return con.execute(
        """SELECT a.request_id, a."date", s.name AS state, a.topic, a.confidential, a.illustrative, a.note
           FROM advice a JOIN states s USING (iso3) ORDER BY a."date" DESC, a.request_id"""
    ).df()
