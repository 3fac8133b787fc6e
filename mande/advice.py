"""Technical advice to States, as the public view may see it: counts per year, never a State.

Advice is confidential ("no name, no shame"). The public reads only the view `advice_per_year` (views.sql),
which holds only counts and suppresses (NULL) any small count; the requests themselves are in the table
`advice`, which exists only in the Secretariat's view.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from mande import confidential, sql

ILLUSTRATIVE = ("Illustrative sample data: these figures are not real requests. They stand in until the Secretariat "
                "enters its records.")
NONE_RECORDED = "No request for technical advice is recorded."


def in_confidence(shown_by: str) -> str:
    """Why advice shows only as counts, for `shown_by` ("the dashboard", "the edition")."""
    return (f"Governments ask the CTI for technical advice in confidence, so {shown_by} shows only how many requests "
            f"and States there were each year, never which; a count below {confidential.SMALL} shows as "
            f"“{confidential.SUPPRESSED}”.")


def advice_per_year(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int) -> pd.DataFrame:
    """year, requests, states, illustrative for the years with advice records; a suppressed count is NA."""
    return sql.df(con, "advice_per_year", first_year=first_year, last_year=last_year)


def requests_with_states(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every request with the State that made it, newest first: for the Secretariat's view only, never public."""
    return sql.df(con, "requests_with_states")


def shown_per_year(found: pd.DataFrame) -> pd.DataFrame:
    """The counts of advice_per_year for people: a small or suppressed count as confidential.SUPPRESSED."""
    return pd.DataFrame({
        "Year": found.year.astype(str),
        "Requests": found.requests.map(confidential.shown_count),
        "States advised": found.states.map(confidential.shown_count),
        "Illustrative": found.illustrative.map({True: "yes (sample data)", False: "no"}),
    })
