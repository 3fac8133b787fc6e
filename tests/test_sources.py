"""What the About page says of the data files, from the data, for each audience."""

import pandas as pd

from mande import db, sources
from tests.conftest import DATA


def _illustrative(name: str) -> tuple[int, int]:
    rows = pd.read_csv(DATA / name, dtype=str)
    return len(rows), int((rows.illustrative == "yes").sum())


def test_the_files_that_hold_illustrative_rows_as_the_public_may_count_them(con):
    found = sources.illustrative_rows(con).set_index("table")
    assert set(found.index) == {"participation", "advice", "outputs"}
    assert tuple(found.loc["outputs", ["rows", "illustrative"]]) == _illustrative("outputs.csv")
    assert found.loc["outputs", "any"] and not found.loc["participation", "any"]
    assert pd.isna(found.loc["advice", "rows"]) and found.loc["advice", "any"]  # counted, never read


def test_the_secretariat_counts_the_illustrative_advice(built_db):
    con = db.connect(built_db, db.SECRETARIAT)
    try:
        found = sources.illustrative_rows(con).set_index("table")
    finally:
        con.close()
    assert tuple(found.loc["advice", ["rows", "illustrative"]]) == _illustrative("advice.csv")
    rows, illustrative = _illustrative("advice.csv")
    said = sources.illustrative_in_words(found.reset_index())
    share = f"all {rows} rows" if rows == illustrative else f"{illustrative} of its {rows} rows"
    assert f"`advice.csv` ({share})" in said


def test_what_the_about_page_says_of_them(con):
    said = sources.illustrative_in_words(sources.illustrative_rows(con))
    rows, illustrative = _illustrative("outputs.csv")
    assert f"`outputs.csv` ({illustrative} of its {rows} rows)" in said
    assert "and `advice.csv` (how many is confidential)." in said
    assert "`treaty_actions.csv`" in said.split("Everything else")[1] and "`outputs.csv`" not in said.split(
        "Everything else")[1]
    none = pd.DataFrame({"table": ["outputs"], "rows": [3], "illustrative": [0], "any": [False]})
    assert sources.illustrative_in_words(none) == ("Everything this dashboard shows is **real and sourced**: no data "
                                                   "file holds an illustrative row.")
