"""Technical advice to States, as the public view may see it: counts per year, never a State.

Advice is confidential ("no name, no shame"). The public reads only the view `advice_per_year` (views.sql),
which holds only counts and suppresses (NULL) any small count; the requests themselves are in the table
`advice`, which exists only in the Secretariat's view.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from mande import confidential, sql
from mande.i18n import N_, _, number

# Said with _() where shown.
ILLUSTRATIVE = N_("Illustrative sample data: these figures are not real requests. They stand in until the "
                  "Secretariat enters its records.")
NONE_RECORDED = N_("No request for technical advice is recorded.")
SHOWN_BY = (N_("the dashboard"), N_("the edition"))  # what in_confidence's callers name


def in_confidence(shown_by: str) -> str:
    """Why advice shows only as counts, for `shown_by` ("the dashboard", "the edition"), in the page's language."""
    return _("Governments ask the CTI for technical advice in confidence, so {shown_by} shows only how many requests "
             "and States there were each year, never which; a count below {small} shows as “{suppressed}”.").format(
        shown_by=_(shown_by), small=number(confidential.SMALL), suppressed=confidential.suppressed())


def advice_per_year(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int) -> pd.DataFrame:
    """year, requests, states, illustrative for the years with advice records; a suppressed count is NA."""
    return sql.df(con, "advice_per_year", first_year=first_year, last_year=last_year)


def requests_with_states(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every request with the State that made it, newest first: for the Secretariat's view only, never public."""
    return sql.df(con, "requests_with_states")


def shown_per_year(found: pd.DataFrame) -> pd.DataFrame:
    """The counts of advice_per_year for people: a small or suppressed count as confidential.SUPPRESSED."""
    return pd.DataFrame({
        N_("Year"): found.year.astype(str),
        N_("Requests"): found.requests.map(confidential.shown_count),
        N_("States advised"): found.states.map(confidential.shown_count),
        N_("Illustrative"): found.illustrative.map({True: _("yes (sample data)"), False: _("no")}),
    })
