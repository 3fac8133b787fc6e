"""The SQL of the dashboard, one file per question, loaded by name: `sql.df(con, "forums")` runs forums.sql.

A query names its parameters (`$year`), so a file reads on its own. The views every query builds on are in
views.sql, and what the public may read of the records in public.sql (db.py creates both when it builds).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import duckdb
import pandas as pd


@cache
def text(name: str) -> str:
    """The SQL of mande/sql/<name>.sql."""
    return files(__package__).joinpath(f"{name}.sql").read_text(encoding="utf-8")


def df(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """The answer of the query <name>.sql, its $parameters given by name."""
    return con.execute(text(name), params).df()


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[tuple]:
    """The answer of the query <name>.sql as tuples."""
    return con.execute(text(name), params).fetchall()
