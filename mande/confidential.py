"""What the public view may show of confidential records (advice requests, confidential events): counts only,
and no count so small that it could point at a State ("no name, no shame")."""

import pandas as pd

from mande.i18n import _, number

SMALL = 3  # a count below this could identify a State; views.sql reads it as small_count() (db.py)
SUPPRESSED = f"fewer than {SMALL}"  # in English; suppressed() says it in the page's language


def suppressed() -> str:
    """SUPPRESSED in the page's language."""
    # TRANSLATORS: a confidential count too small to show, "fewer than 3".
    return _("fewer than {n}").format(n=number(SMALL))


def shown_count(count: int | None) -> str:
    """A count of confidential records as the public view shows it: exact from SMALL up, else SUPPRESSED
    (also for a count the database already suppressed, None)."""
    if pd.isna(count):  # suppressed already where it was queried
        return suppressed()
    return suppressed() if 0 < count < SMALL else number(int(count))


def shown_per_year(counts: pd.DataFrame, column: str) -> str:
    """'2016: 4 · 2018: fewer than 3': each year's count of confidential records as the public view shows it."""
    return " · ".join(f"{int(year)}: {shown_count(n)}" for year, n in zip(counts.year, counts[column], strict=True))
