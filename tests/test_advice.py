"""Technical advice: confidential records that reach the public view only as counts, small counts suppressed."""

import csv

import pandas as pd
import pytest

from mande import advice, db
from mande.ingest import ValidationError
from tests.conftest import DATA

HEADER = "request_id,date,iso3,topic,confidential,illustrative,note"


def _embedded() -> pd.DataFrame:
    return pd.read_csv(DATA / "advice.csv", dtype=str, keep_default_na=False)


def _build_with(data_copy, tmp_path, extra_rows: list[str]):
    """A database built from the embedded data plus some advice rows; a read connection to it."""
    path = data_copy / "advice.csv"
    path.write_text(path.read_text() + "".join(row + "\n" for row in extra_rows))
    database = tmp_path / "advice.duckdb"
    db.build(data_copy, database)
    return db.connect(database)


def test_the_embedded_requests_are_all_illustrative_and_confidential():
    rows = _embedded()
    assert len(rows) > 0
    assert set(rows["illustrative"]) == {"yes"}
    assert set(rows["note"]) == {"Illustrative sample row: not a real request"}
    assert set(rows["confidential"]) == {"yes"}
    with open(DATA / "datasets.csv", encoding="utf-8") as handle:
        described = {row["table"]: row for row in csv.DictReader(handle)}
    assert "illustrative" in described["advice"]["source"].lower()
    assert "not real requests" in described["advice"]["source"]


def test_the_public_view_has_no_column_that_could_name_a_state(con):
    columns = con.execute("DESCRIBE advice_per_year").fetchall()
    assert [(name, kind) for name, kind, *_ in columns] == [
        ("year", "BIGINT"), ("requests", "BIGINT"), ("states", "BIGINT"), ("illustrative", "BOOLEAN"),
    ]
    # Numbers and true/false only: no text at all, so no name, code or note can pass through it.
    assert list(advice.advice_per_year(con, 1984, 2100).columns) == ["year", "requests", "states", "illustrative"]


def test_counts_of_three_or_more_are_exact(con):
    rows = _embedded()
    year = pd.to_datetime(rows["date"]).dt.year
    expected = pd.DataFrame({"requests": rows.groupby(year).size(), "states": rows.groupby(year)["iso3"].nunique()})
    assert (expected >= 3).all().all()  # the embedded figures are all large enough to be shown

    shown = advice.advice_per_year(con, 2018, 2020).set_index("year")

    assert list(shown.index) == [2018, 2019, 2020] == list(expected.index)
    assert shown["requests"].tolist() == expected["requests"].tolist()
    assert shown["states"].tolist() == expected["states"].tolist()
    assert shown["illustrative"].tolist() == [True, True, True]


def test_r2_5_has_a_figure_for_every_year_of_its_target(con):
    years = [y for (y,) in con.execute("SELECT year FROM targets WHERE indicator_id = 'R2.5' ORDER BY year")
             .fetchall()]
    assert years == [2018, 2019, 2020]
    assert set(advice.advice_per_year(con, 2018, 2020).dropna().year) == set(years)


def test_a_year_with_one_or_two_requests_or_states_is_suppressed(data_copy, tmp_path):
    con = _build_with(data_copy, tmp_path, [
        "r-2021-1,2021-03-01,TON,ratification,yes,no,",
        "r-2022-1,2022-03-01,TON,ratification,yes,no,",
        "r-2022-2,2022-06-01,FSM,reporting,no,no,",
        # three requests, but all from one State: the requests are shown, the States are not
        "r-2023-1,2023-02-01,PLW,legislation,yes,no,",
        "r-2023-2,2023-05-01,PLW,legislation,yes,no,",
        "r-2023-3,2023-09-01,PLW,prevention,yes,no,",
    ])
    try:
        shown = advice.advice_per_year(con, 2021, 2024).set_index("year")
        assert list(shown.index) == [2021, 2022, 2023]  # 2024: no records, no row
        assert shown.loc[[2021, 2022], ["requests", "states"]].isna().all().all()
        assert shown.loc[2023, "requests"] == 3
        assert pd.isna(shown.loc[2023, "states"])
        assert shown["illustrative"].tolist() == [False, False, False]
        assert advice.advice_per_year(con, 2019, 2019).states.tolist() == [10]  # the embedded years unchanged
    finally:
        con.close()


def test_an_illustrative_row_marks_its_year_illustrative(data_copy, tmp_path):
    con = _build_with(data_copy, tmp_path, [
        "r-2021-1,2021-03-01,TON,ratification,yes,no,",
        "r-2021-2,2021-04-01,FSM,ratification,yes,yes,",
        "r-2021-3,2021-05-01,PLW,ratification,yes,no,",
    ])
    try:
        assert advice.advice_per_year(con, 2021, 2021).to_dict("records") == [
            {"year": 2021, "requests": 3, "states": 3, "illustrative": True}
        ]
    finally:
        con.close()


@pytest.mark.parametrize(("row", "problem"), [
    ("r-1,2019-01-11,XKX,ratification,yes,no,",
     'iso3: not found in states.csv (got "XKX"; expected a value of states.csv column iso3, e.g. TUV)'),
    ("r-1,2019-01-11,TON,treaty,yes,no,",
     'topic: not an allowed value (got "treaty"; '
     "expected one of ratification, legislation, reporting, prevention, other)"),
    ("r-1,2019-01-11,,ratification,yes,no,",
     'iso3: missing value (got ""; expected a value of states.csv column iso3, e.g. TUV)'),
    ("R 1,2019-01-11,TON,ratification,yes,no,",
     'request_id: not in the expected form (got "R 1"; expected lower case letters, digits and hyphens, '
     "e.g. 2019-004)"),
    ("r-1,2019-01-11,TON,ratification,secret,no,",
     'confidential: not an allowed value (got "secret"; expected one of yes, no)'),
])
def test_a_bad_advice_row_is_refused_with_its_place(data_copy, tmp_path, row, problem):
    (data_copy / "advice.csv").write_text(f"{HEADER}\n{row}\n")
    with pytest.raises(ValidationError) as refused:
        db.build(data_copy, tmp_path / "new.duckdb")
    (found,) = refused.value.problems
    assert found.file.endswith("advice.csv")
    assert str(found) == f"{found.file}:2: {problem}"  # FILE:ROW: column: problem (got VALUE; expected ...)
    assert not (tmp_path / "new.duckdb").exists()
