"""The named queries of mande/sql/: each says what it answers, and each name the library asks for exists."""

import re
from importlib.resources import files
from pathlib import Path

QUERIES = files("mande.sql")
MANDE = Path(__file__).resolve().parent.parent / "mande"


def test_every_query_file_says_first_what_it_answers():
    for query in QUERIES.iterdir():
        if query.name.endswith(".sql"):
            assert query.read_text(encoding="utf-8").startswith("-- "), query.name


def test_every_query_asked_for_by_name_is_a_file_and_every_file_is_asked_for():
    asked = {name for module in MANDE.glob("*.py")
             for name in re.findall(r"sql\.(?:df|rows|text)\(\s*(?:\w+,\s*)?\"(\w+)\"", module.read_text())}
    assert {"views", "public", "taking_part", "status_for_map"} <= asked
    assert {name for name in asked if not QUERIES.joinpath(f"{name}.sql").is_file()} == set()
    stored = {query.name.removesuffix(".sql") for query in QUERIES.iterdir() if query.name.endswith(".sql")}
    assert stored - asked == set()  # a query no function asks for is dead


def test_only_the_audience_views_read_the_records_whole():
    """Every query names tables the cursor's audience resolves (db.py), never the schema of every record: only
    public.sql, which says what the public may read, and the two count views of views.sql name it."""
    naming = {query.name for query in QUERIES.iterdir() if "secretariat." in query.read_text(encoding="utf-8")}
    assert naming == {"public.sql", "views.sql"}
    views = QUERIES.joinpath("views.sql").read_text(encoding="utf-8")
    reading = {name for name, body in re.findall(r"CREATE (?:VIEW|MACRO) (\w+)(.*?)(?=CREATE |\Z)", views, re.S)
               if "secretariat." in body}
    assert reading == {"advice_per_year", "confidential_events_per_year"}  # counts only, small ones suppressed
