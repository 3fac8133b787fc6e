"""Chart builders, checked through their Vega-Lite specification."""

from datetime import date

import pandas as pd

from mande import charts

HISTORY = pd.DataFrame({"year": [2013, 2014, 2015], "joined": [1, 2, 2], "parties": [154, 156, 158]})


def test_parties_over_time_marks_the_launch_and_the_universal_target():
    spec = charts.parties_over_time(HISTORY, "UNCAT", 195, date(2014, 3, 3)).to_dict()
    assert spec["title"] == "UNCAT States parties at the end of each year"
    line = spec["layer"][0]
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 195]
    assert {t["title"] for t in line["encoding"]["tooltip"]} == {
        "Year", "States parties at the end of the year", "Became party in the year"}
    labels = {row["label"] for rows in spec["datasets"].values() for row in rows if "label" in row}
    assert labels == {"All 195 States", "CTI launched (March 2014)"}
    launch = next(rows for rows in spec["datasets"].values() if rows[0].get("label", "").startswith("CTI"))
    assert launch[0]["date"].startswith("2014-03-03")


def test_joined_per_year_has_a_bar_per_year_without_launch_when_unknown():
    spec = charts.joined_per_year(HISTORY, "OPCAT", None).to_dict()
    assert len(spec["layer"]) == 1
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert spec["title"] == "States that became party to OPCAT, by year"
