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
