"""Every page through Streamlit's AppTest: the real app, on the embedded data."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from mande.tables import escape


@pytest.fixture
def app(built_db) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def _metrics(at: AppTest) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for metric in at.metric:
        values.setdefault(metric.label, []).append(metric.value)
    return values


def _table_rows(at: AppTest, first_header: str) -> list[list[str]]:
    """The rows of the Markdown table whose first column is `first_header`, as the escaped cells."""
    for markdown in at.markdown:
        lines = markdown.value.splitlines()
        if lines and lines[0].startswith(f"| {escape(first_header)} |"):
            return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]
    raise AssertionError(f"no table starting with column {first_header!r}")


def test_overview_shows_the_headline_figures_from_the_data(app):
    at = app.run()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["States parties"] == ["174 of 195", "94 of 195"]  # UNCAT, then OPCAT
    assert metrics["Signatories"] == ["4", "11"]
    assert metrics["No action"] == ["17", "90"]
    assert metrics["Still to join"] == ["21", "101"]
    assert any("Treaty data as of 10 May 2024" in m.value for m in at.sidebar.markdown)
    assert [c for c in at.caption if "confirmed to 10 May 2024: treaty actions after that date" in c.value]
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
    assert not [c for c in at.caption if "confirmed to 10 May 2024" in c.value]  # said only for later dates


def test_recent_parties_show_how_sure_their_dates_are(app):
    at = app.run()
    recent = _table_rows(at, "State")
    assert recent[0] == [escape("Tuvalu"), escape("between July 2023 and April 2024 (exact date not found)"),
                         escape("Accession")]
    assert len(recent) == 10


def test_about_page_names_the_sources_and_the_unconfirmed_dates(app):
    at = app.run()
    at.switch_page("pages/about.py").run()
    assert not at.exception
    headers = [h.value for h in at.header]
    assert "How treaty status is computed" in headers
    assert "Dates that the sources do not fully confirm" in headers
    files = {row[0]: row for row in _table_rows(at, "File")}
    assert files[escape("treaty_actions.csv")][2] == "426"
    unconfirmed = {row[0]: row for row in _table_rows(at, "State")}
    assert unconfirmed["Kiribati"][3] == escape("2019 (month and day not confirmed)")


def test_map_page_shows_every_state_and_moves_with_the_year(app):
    at = app.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["174 of 195", "4", "17"]
    assert len(at.get("vega_lite_chart")) >= 3  # the map, the groups, the history

    at.slider(key="year").set_value(2014).run()
    assert not at.exception
    assert at.date_input(key="as_of").value == date(2014, 12, 31)
    assert [m.value for m in at.metric] == ["156 of 195", "10", "29"]


def test_map_page_opens_a_shared_view(app):
    app.query_params.update({"treaty": "OPCAT", "as_of": "2024-05-10",
                             "grouping": "Small Island Developing States", "group": "Pacific"})
    at = app.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["1 of 13", "1", "11"]
    not_party = {row[0] for row in _table_rows(at, "State")}
    assert "Tuvalu" in not_party and "Nauru" not in not_party  # Nauru is party to OPCAT


def test_map_page_explains_the_pace(app):
    app.query_params.update({"as_of": "2024-05-10", "window": "10", "target": "2030"})
    at = app.run()
    at.switch_page("pages/map.py").run()
    pace_text = next(m.value for m in at.markdown if "a year needed" in m.value)
    # Eritrea (Sep 2014) to Tuvalu (by Apr 2024): 19 States in the ten years, 1.9 a year; 21 / 1.9 = 11 years.
    assert "In the 10 years to 10 May 2024, 19 of the 195 States became party to UNCAT." in pace_text
    assert "the 21 States still to join would all be party by 2035" in pace_text


def test_bad_data_files_are_explained_and_the_last_good_data_stays(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "kept.duckdb"))
    assert not AppTest.from_file("../app.py", default_timeout=60).run().exception  # builds from the copy

    with open(data_copy / "states.csv", "a") as states:
        states.write("FJI,242,Fiji,member\n")  # a second Fiji: one problem
    at = AppTest.from_file("../app.py", default_timeout=60).run()

    assert not at.exception
    assert [w.value for w in at.warning] == [
        "The data files have 1 problem(s); the dashboard shows the last good data until they are fixed "
        "(`mande validate` or `mande build` lists them)."
    ]
    assert _metrics(at)["States parties"][0] == "174 of 195"


def test_with_no_good_data_the_problems_are_listed_in_words(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "none.duckdb"))
    (data_copy / "states.csv").write_bytes(b"")
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert at.error[0].value.startswith("The data files have problems")
    assert "states.csv:1: header: the file is empty" in at.code[0].value


def test_text_from_the_data_files_is_shown_as_written_never_as_markup(data_copy, tmp_path, monkeypatch):
    hostile = "<b>Bold</b> [link](javascript:alert(1)) *x*"
    with open(data_copy / "groups.csv", "a") as groups:
        groups.write(f'test_grouping,"{hostile}",FJI,,,a test source,\n')
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "hostile.duckdb"))
    app = AppTest.from_file("../app.py", default_timeout=60)
    app.query_params.update({"grouping": "Test grouping", "group": hostile})
    at = app.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["1 of 1", "0", "0"]
    shown = [c.value for c in at.caption] + [m.value for m in at.markdown]
    assert any(escape(hostile) in text for text in shown)
    assert not any(hostile in text for text in shown)
