"""Every page through Streamlit's AppTest: the real app, on the embedded data."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(built_db) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def _metrics(at: AppTest) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for metric in at.metric:
        values.setdefault(metric.label, []).append(metric.value)
    return values


def test_overview_shows_the_headline_figures_from_the_data(app):
    at = app.run()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["States parties"] == ["174 of 195", "94 of 195"]  # UNCAT, then OPCAT
    assert metrics["Signatories"] == ["4", "11"]
    assert metrics["No action"] == ["17", "90"]
    assert metrics["Still to join"] == ["21", "101"]
    assert any("Treaty data as of 10 May 2024" in m.value for m in at.sidebar.markdown)
    assert [s.value for s in at.subheader if s.value.startswith("The 21 States")] == [
        "The 21 States not yet party to UNCAT"
    ]


def test_moving_the_date_changes_the_figures(app):
    at = app.run()
    at.date_input(key="as_of").set_value(date(2014, 3, 3)).run()
    assert not at.exception
    assert _metrics(at)["States parties"][0] == "154 of 195"
    assert "The 41 States not yet party to UNCAT" in [s.value for s in at.subheader]


def test_a_shared_link_opens_the_same_date(app):
    app.query_params["as_of"] = "2019-10-02"
    at = app.run()
    assert _metrics(at)["States parties"][0] == "169 of 195"


def test_recent_parties_show_how_sure_their_dates_are(app):
    at = app.run()
    recent = next(df.value for df in at.dataframe if "By" in df.value.columns)
    assert recent.iloc[0].to_dict() == {
        "State": "Tuvalu",
        "Became party": "between July 2023 and April 2024 (exact date not found)",
        "By": "Accession",
    }


def test_about_page_names_the_sources_and_the_unconfirmed_dates(app):
    at = app.run()
    at.switch_page("pages/about.py").run()
    assert not at.exception
    headers = [h.value for h in at.header]
    assert "How treaty status is computed" in headers
    assert "Dates that the sources do not fully confirm" in headers
    tables = [df.value for df in at.dataframe]
    files = next(t for t in tables if "File" in t.columns)
    assert files.set_index("File").loc["treaty_actions.csv", "Rows"] == 426
    unconfirmed = next(t for t in tables if "Treaty" in t.columns)
    assert "2019 (month and day not confirmed)" in unconfirmed.set_index("State").loc["Kiribati", "Date"]
