"""Every page through Streamlit's AppTest: the real app, on the embedded data."""

import tomllib
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from mande.tables import escape
from tests.conftest import DATA, REPO, append
from tests.test_untc import needs_pages


@pytest.fixture
def app(built_db) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def _metrics(at: AppTest) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for metric in at.metric:
        values.setdefault(metric.label, []).append(metric.value)
    return values


def _table_rows(at: AppTest, *first_headers: str) -> list[list[str]]:
    """The rows of the first Markdown table whose first columns are `first_headers`, as the escaped cells."""
    start = "| " + " | ".join(escape(h) for h in first_headers) + " |"
    for markdown in at.markdown:
        lines = markdown.value.splitlines()
        if lines and lines[0].startswith(start):
            return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]
    raise AssertionError(f"no table starting with columns {first_headers!r}")


def test_overview_shows_the_headline_figures_from_the_data(app):
    at = app.run()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["States parties"] == ["175 of 195", "96 of 195"]  # UNCAT, then OPCAT (UNTC, 3 Feb 2026)
    assert metrics["Signatories"] == ["4", "11"]
    assert metrics["No action"] == ["16", "88"]
    assert metrics["Still to join"] == ["20", "99"]
    assert any("Treaty data as of 3 February 2026" in m.value for m in at.sidebar.markdown)
    assert [c for c in at.caption if "confirmed to 3 February 2026: treaty actions after that date" in c.value]
    assert [s.value for s in at.subheader if s.value.startswith("The 20 States")] == [
        "The 20 States not yet party to UNCAT"
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
    assert not [c for c in at.caption if "confirmed to 3 February 2026" in c.value]  # said only for later dates


def test_a_page_run_reads_the_data_version_once(app, monkeypatch):
    """Every query of a run asks the version app.py opened at its top: one run never mixes two versions."""
    from mande import db

    checked = []
    ensure_current = db.ensure_current
    monkeypatch.setattr(db, "ensure_current", lambda *a, **k: checked.append(1) or ensure_current(*a, **k))
    at = app.run()
    assert not at.exception and len(checked) == 1  # the Overview asks a dozen queries
    at.switch_page("app_pages/map.py").run()
    assert not at.exception and len(checked) == 2


def test_recent_parties_show_how_sure_their_dates_are(app):
    at = app.run()
    recent = _table_rows(at, "State")
    assert recent[0] == [escape("Dominica"), escape("5 December 2024"), escape("Accession")]
    assert recent[1] == [escape("Tuvalu"), escape("25 March 2024"), escape("Accession")]
    assert len(recent) == 10


def test_about_page_names_the_sources_and_the_unconfirmed_dates(app):
    at = app.run()
    at.switch_page("app_pages/about.py").run()
    assert not at.exception
    headers = [h.value for h in at.header]
    assert "How treaty status is computed" in headers
    assert "Dates that the sources do not fully confirm" in headers
    files = {row[0]: row for row in _table_rows(at, "File")}
    assert files[escape("treaty_actions.csv")][2] == "430"
    assert files[escape("treaty_actions.csv")][3] == "3 February 2026"
    # The UN Treaty Collection confirms every date to the day: none is left unconfirmed.
    assert any("Every treaty action's date is confirmed to the day" in m.value for m in at.markdown)
    assert any("German Democratic Republic" in m.value for m in at.markdown)
    # What it says of illustrative rows comes from the data: outputs.csv and advice.csv hold some.
    said = next(m.value for m in at.markdown if m.value.startswith("**Illustrative sample data**"))
    assert "`outputs.csv` (" in said and "`advice.csv` (how many of its rows: confidential)" in said
    assert not any("Everything this dashboard shows" in m.value for m in at.markdown)
    assert any("**confirmed to 3 February 2026**" in m.value and "175 UNCAT and 96 OPCAT" in m.value
               for m in at.markdown)


def test_map_page_shows_every_state_and_moves_with_the_year(app):
    at = app.run()
    at.switch_page("app_pages/map.py").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["175 of 195", "4", "16"]
    assert len(at.get("vega_lite_chart")) >= 3  # the map, the groups, the history

    at.slider(key="year").set_value(2014).run()
    assert not at.exception
    assert at.date_input(key="as_of").value == date(2014, 12, 31)
    assert [m.value for m in at.metric] == ["156 of 195", "10", "29"]


def test_map_page_opens_a_shared_view(app):
    app.query_params.update({"treaty": "OPCAT", "as_of": "2024-05-10",
                             "grouping": "Small Island Developing States", "group": "Pacific"})
    at = app.run()
    at.switch_page("app_pages/map.py").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["1 of 13", "1", "11"]
    not_party = {row[0] for row in _table_rows(at, "State")}
    assert "Tuvalu" in not_party and "Nauru" not in not_party  # Nauru is party to OPCAT


def test_map_page_explains_the_pace(app):
    app.query_params.update({"as_of": "2024-05-10", "window": "10", "target": "2030"})
    at = app.run()
    at.switch_page("app_pages/map.py").run()
    pace_text = next(m.value for m in at.markdown if "a year needed" in m.value)
    # Eritrea (Sep 2014) to Tuvalu (by Apr 2024): 19 States in the ten years, 1.9 a year; 21 / 1.9 = 11 years.
    assert "In the 10 years to 10 May 2024, 19 of the 195 States became party to UNCAT." in pace_text
    assert "the 21 States still to join would all be party by 2035" in pace_text


def test_bad_data_files_are_explained_and_the_last_good_data_stays(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "kept.duckdb"))
    assert not AppTest.from_file("../app.py", default_timeout=60).run().exception  # builds from the copy

    with open(data_copy / "states.csv", "a") as states:
        states.write("FJI,242,Fiji,Fiji,member\n")  # a second Fiji: one problem
    at = AppTest.from_file("../app.py", default_timeout=60).run()

    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Newer data files could not be taken in yet: the dashboard shows the data as last checked."
    ]
    assert not at.code  # the problems are the Secretariat's to see...
    assert _metrics(at)["States parties"][0] == "175 of 195"
    from mande import ui

    at.session_state[ui.SIGNED_IN] = "Test Secretariat"
    at.run()
    assert "states.csv:" in at.code[0].value and "duplicate of row" in at.code[0].value  # ...signed in


def test_a_rebuild_that_cannot_be_written_keeps_every_page_on_the_last_good_data(data_copy, tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    database = tmp_path / "kept.duckdb"
    monkeypatch.setenv("MANDE_DB", str(database))
    assert not AppTest.from_file("../app.py", default_timeout=60).run().exception
    with open(data_copy / "states.csv", "a") as states:
        states.write("\n")  # a change (a blank line), so that the next page load rebuilds
    # The rebuild's temporary file cannot be created: its name is taken by a folder (a real OSError).
    (database.with_name(f".{database.name}.{os.getpid()}.building") / "blocked").mkdir(parents=True)

    for page in ("overview", "map", "results", "events", "about"):
        page = f"app_pages/{page}.py"
        at = AppTest.from_file("../app.py", default_timeout=60).run()
        at.switch_page(page).run()
        assert not at.exception, page
        assert [w.value for w in at.warning][:1] == [
            "Newer data files could not be taken in yet: the dashboard shows the data as last checked."], page


def test_with_no_good_data_the_problems_are_listed_in_words(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "none.duckdb"))
    (data_copy / "states.csv").write_bytes(b"")
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert at.error[0].value.startswith("The data cannot be shown at the moment.")
    assert not at.code and "states.csv" not in "".join(e.value for e in at.error)  # for the public: only that
    from mande import ui

    at.session_state[ui.SIGNED_IN] = "Test Secretariat"
    at.run()
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
    at.switch_page("app_pages/map.py").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["1 of 1", "0", "0"]
    shown = [c.value for c in at.caption] + [m.value for m in at.markdown]
    assert any(escape(hostile) in text for text in shown)
    assert not any(hostile in text for text in shown)


def _csv(name: str):
    import pandas as pd

    from tests.conftest import DATA

    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def _everything_shown(at: AppTest) -> bytes:
    """Every element the page sent, serialised: texts, tables, chart data, widget options."""
    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)
    return b"".join(n.proto.SerializeToString() for n in walk(at._tree) if getattr(n, "proto", None) is not None)


def test_events_page_lists_the_events_and_filters_them(app):
    at = app.run()
    at.switch_page("app_pages/events.py").run()
    assert not at.exception
    assert at.markdown[0].value == f"**{len(_csv('events.csv'))} events** from 2014 to 2024."
    assert len(at.get("vega_lite_chart")) == 1
    listed = _table_rows(at, "Dates")
    assert len(listed) == len(_csv("events.csv"))
    assert any("[cti2024\\.org](https://cti2024.org/" in row[-1] for row in listed)  # sources are links
    assert listed[0][1].startswith(f"**{escape('Launch of the Convention against Torture Initiative')}")

    at.button_group(key="type").set_value(["regional_seminar"]).run()
    at.slider(key="years").set_value((2015, 2015)).run()
    assert not at.exception
    assert at.markdown[0].value == "**4 events** from 2015 to 2015."  # as the Annual Report 2015 says


def test_events_page_opens_an_event_from_a_shared_link(app):
    app.query_params["event"] = "2016-10-natadola-pacific-seminar"
    at = app.run()
    at.switch_page("app_pages/events.py").run()
    assert not at.exception
    assert _metrics(at) == {"Participants": ["not recorded"], "States represented": ["10"],
                            "States named in the sources": ["10"]}
    named = {row[0] for row in _table_rows(at, "State")}
    assert {"Tuvalu", "Palau", "Fiji"} <= named and len(named) == 10
    assert any("27–28 October 2016 · Natadola, Fiji · In person" in m.value for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == 2  # the grid of events, and the map of the States named
    people = _table_rows(at, "Type")
    assert people == [["Government", "Unknown", "Not recorded", "not recorded", "10", "not recorded", "no"]]


def test_events_page_says_when_nothing_matches(app):
    app.query_params.update({"type": ["Webinar"], "years": ["2014", "2015"]})
    at = app.run()
    at.switch_page("app_pages/events.py").run()
    assert not at.exception
    assert at.markdown[0].value == "**0 events** from 2014 to 2015."
    assert at.info[0].value.startswith("No event matches these filters")


def test_forum_page_shows_the_forums_year_over_year_with_gaps(app):
    at = app.run()
    at.switch_page("app_pages/forum.py").run()
    assert not at.exception
    latest = _metrics(at)
    assert latest["Participants"][0] == "46" and latest["States represented"][0] == "26"
    assert any(m.value.startswith("No Annual Forum was found in the sources for 2019, 2020") for m in at.markdown)
    assert len(at.get("vega_lite_chart")) >= 6  # four figures, the groups, the chosen Forum's map
    table = {row[0]: row for row in _table_rows(at, "Forum", "Title")}
    assert table["2014 Chavannes\\-de\\-Bogis"][3] == "not recorded"  # participants: never 0
    assert table["2016 Satigny"][3:5] == ["70", "27"]
    assert table["2018 Geneva"][5:7] == ["not recorded", "not recorded"]  # no State named: unknown, not 0
    assert any("Gender:** not recorded for any Forum" in m.value for m in at.markdown)
    assert at.selectbox(key="forum").value == "2022-12-geneva-annual-forum"


def test_forum_page_opens_a_chosen_forum(app):
    app.query_params["forum"] = "2016-12-satigny-annual-forum-3"
    at = app.run()
    at.switch_page("app_pages/forum.py").run()
    assert not at.exception
    assert _metrics(at)["Participants"] == ["46", "70"]  # the latest Forum, then the chosen one
    assert [s.value for s in at.subheader][-1] == "Third CTI Annual Forum"


def test_reach_page_counts_the_states_taking_part(app):
    at = app.run()
    at.switch_page("app_pages/reach.py").run()
    assert not at.exception
    people = _csv("participation.csv")
    named = people.iso3[people.iso3 != ""].nunique()
    metrics = _metrics(at)
    assert metrics["States named at a CTI event"] == [f"{named} of 195"]
    assert metrics["Not yet party to UNCAT today"] == ["20"]
    not_party = {row[0]: row for row in _table_rows(at, "State")}
    assert len(not_party) == 20
    assert not_party["Tonga"][3] == "2" and not_party["Bhutan"][3] == "none"
    joined = {row[0]: row for row in _table_rows(at, "State", "First CTI event on record")}
    assert joined["Tuvalu"][2] == "25 March 2024"
    assert at.warning[0].value.startswith("Illustrative sample data")
    advice = _table_rows(at, "Year", "Requests")
    assert [row[0] for row in advice] == ["2018", "2019", "2020"]
    assert all(row[3] == escape("yes (sample data)") for row in advice)


def test_the_public_pages_never_show_a_confidential_record(data_copy, tmp_path, monkeypatch):
    append(data_copy / "events.csv",
           "2019-06-closed-session,MARKER-closed-session,annual_forum,2019-06-02,day,,MARKER-city,,Global,"
           "in_person,12,3,MARKER-partner,yes,https://example.org/MARKER,MARKER-note")
    append(data_copy / "participation.csv",
           "2019-06-closed-session,BTN,government,participant,senior,,,,no,MARKER-source,MARKER-note")
    append(data_copy / "advice.csv", "marker-request-1,2019-05-05,BTN,ratification,yes,no,MARKER-advice")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "confidential.duckdb"))
    for page, query in [("app_pages/events.py", {"event": "2019-06-closed-session"}),
                        ("app_pages/forum.py", {"forum": "2019-06-closed-session"}),
                        ("app_pages/reach.py", {}), ("app_pages/about.py", {}), ("app_pages/overview.py", {})]:
        app = AppTest.from_file("../app.py", default_timeout=60)
        app.query_params.update(query)
        at = app.run()
        at.switch_page(page).run()
        assert not at.exception, page
        shown = _everything_shown(at)
        assert b"MARKER" not in shown and b"marker-request" not in shown and b"closed-session" not in shown, page
        if page == "app_pages/events.py":
            assert at.markdown[0].value.endswith("which the public view counts by year but does not list: "
                                                 "2019: fewer than 3.")
        if page == "app_pages/reach.py":
            assert {row[0]: row for row in _table_rows(at, "State")}["Bhutan"][3] == "none"


def test_illustrative_participation_is_labelled_wherever_it_shows(data_copy, tmp_path, monkeypatch):
    with open(data_copy / "participation.csv", "a") as rows:
        for gender, count in (("women", 21), ("men", 19)):
            rows.write(f"2022-12-geneva-annual-forum,,other,participant,unknown,{gender},in_person,{count},yes,"
                       "sample,\n")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "illustrative.duckdb"))
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    at.switch_page("app_pages/forum.py").run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert "The figures by gender include illustrative sample data, not real records." in warnings
    assert "Some of these entries are illustrative sample data, not real records." in warnings
    assert _table_rows(at, "Forum", "Men") == [["2022 Geneva", "19", "21"]]
    gender = next(m.value for m in at.markdown if m.value.startswith("- **Gender**"))
    assert f"not recorded for {escape('2014 Chavannes-de-Bogis')}" in gender
    recorded = _table_rows(at, "Type", "Level")
    assert ["Other", "Unknown", "Women", "In person", "1", "21", escape("yes (sample data)")] in recorded


def test_results_page_shows_every_indicator_every_year(app):
    at = app.run()
    at.switch_page("app_pages/results.py").run()
    assert not at.exception
    framework = _csv("framework.csv")
    years = framework.period_end.astype(int) - framework.period_start.astype(int) + 1
    assert sum(int(m.value) for m in at.metric) == years.sum()  # every indicator-year counted once
    assert [s.value for s in at.subheader][:4] == [
        f"Result {escape(r.removeprefix('R'))}: {escape(name)}"
        for r, name in framework.drop_duplicates("result_id")[["result_id", "result"]].itertuples(index=False)]
    assert len(at.get("vega_lite_chart")) >= 4  # a scorecard per result, then the details
    rows = {(row[0], row[1]): row for row in _table_rows(at, "Indicator", "Year")}
    assert len(rows) == years.sum()
    assert rows[("R1\\.1", "2019")][2:4] == ["4 / 4", "met"]  # Samoa, Kiribati, Grenada, Angola
    assert rows[("R4\\.8", "2019")][3] == "done"
    assert rows[("R4\\.5", "2018")][3] == escape("met · illustrative")  # no source: a sample figure, so marked


def test_results_page_can_hide_the_illustrative_figures(app):
    app.query_params.update({"illustrative": "false", "result": ["Result 4"]})
    at = app.run()
    at.switch_page("app_pages/results.py").run()
    assert not at.exception
    rows = {(row[0], row[1]): row for row in _table_rows(at, "Indicator", "Year")}
    assert {indicator for indicator, _ in rows} == {f"R4\\.{i}" for i in range(1, 9)}
    assert rows[("R4\\.5", "2018")][2:4] == ["— / 3", "no data"]
    assert not any("illustrative" in row[3] for row in rows.values())


def test_results_page_shows_the_records_behind_a_figure(app):
    app.query_params["detail"] = "Result 1: Increased UNCAT ratifications/accessions"
    at = app.run()
    at.switch_page("app_pages/results.py").run()
    assert not at.exception
    tables = [m.value for m in at.markdown if m.value.startswith("| State | Became party |")]
    assert len(tables) == 3  # 2018, 2019, 2020
    joined_2019 = {line.split(" | ")[0].strip("| ") for line in tables[1].splitlines()[2:]}
    assert joined_2019 == {"Samoa", "Kiribati", "Grenada", "Angola"}
    assert len(at.get("vega_lite_chart")) >= 6  # 4 scorecards, R1.1 by year, R1.1 running total


def test_advice_records_are_never_listed_on_the_results_page(data_copy, tmp_path, monkeypatch):
    with open(data_copy / "advice.csv", "a") as rows:  # Bhutan appears nowhere else in the data
        for i in range(3):
            rows.write(f"2019-bhutan-{i},2019-0{i + 4}-01,BTN,reporting,yes,no,MARKER-advice-note\n")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "advice.duckdb"))
    app = AppTest.from_file("../app.py", default_timeout=60)
    app.query_params["detail"] = "Result 2: Increased awareness of benefits of UNCAT"
    at = app.run()
    at.switch_page("app_pages/results.py").run()
    assert not at.exception
    assert any("never which" in m.value for m in at.markdown)
    rows = {(row[0], row[1]): row for row in _table_rows(at, "Indicator", "Year")}
    advised_2019 = _csv("advice.csv").query("date.str.startswith('2019')").iso3.nunique() + 1
    assert rows[("R2\\.5", "2019")][2].startswith(f"{advised_2019} / 10")  # Bhutan is counted ...
    shown = _everything_shown(at)
    assert b"Bhutan" not in shown and b"BTN" not in shown and b"MARKER" not in shown  # ... and never named


def test_a_new_strategy_period_added_in_the_csv_files_shows_in_the_app(data_copy, tmp_path, monkeypatch):
    append(data_copy / "framework.csv",
           "R1,Increased UNCAT ratifications/accessions,P3-R1.1,States that became party to UNCAT in the "
           "year,at_least,derived,uncat_new_parties,2021,2024,",
           "R4,Increased awareness of good States' practices,P3-R4.6,Annual report published,at_least,"
           "manual,,2021,2024,")
    with open(data_copy / "targets.csv", "a") as rows:
        for year in range(2021, 2025):
            rows.write(f"P3-R1.1,{year},2,,,\nP3-R4.6,{year},1,,,\n")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "period.duckdb"))
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    at.switch_page("app_pages/results.py").run()
    assert not at.exception
    assert at.selectbox(key="period").value == (2021, 2024)  # the latest period comes first
    rows = {(row[0], row[1]): row for row in _table_rows(at, "Indicator", "Year")}
    assert set(rows) == {(f"P3\\-R{i}", str(y)) for i in ("1\\.1", "4\\.6") for y in range(2021, 2025)}
    # Sudan (Aug 2021) and Suriname (Nov 2021) joined in 2021; Tuvalu and Dominica in 2024, a year the treaty
    # data (confirmed to 3 Feb 2026) covers whole. (A year it covers only in part: tests/test_results.py.)
    assert rows[("P3\\-R1\\.1", "2021")][2:4] == ["2 / 2", "met"]
    assert rows[("P3\\-R1\\.1", "2024")][2:4] == ["2 / 2", "met"]
    assert rows[("P3\\-R4\\.6", "2022")][2:4] == ["— / 1", "no data"]  # nothing recorded: unknown, not 0


# --- The Secretariat's view ------------------------------------------------------------------------------

PASSWORD = "correct horse battery staple"


@pytest.fixture
def secretariat(data_copy, tmp_path, monkeypatch):
    """The app's data: a copy holding a confidential event, with sign-in by password set up."""
    from mande import auth

    append(data_copy / "events.csv",
           "2019-06-closed-session,MARKER-closed-session,side_event,2019-06-02,day,,Geneva,CHE,Global,"
           "in_person,12,3,,yes,https://example.org/closed,")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "secretariat.duckdb"))
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle())  # a fresh sign-in throttle for each test


def _sign_in(password: str = PASSWORD, name: str = "Test Secretariat") -> AppTest:
    # The page on its own: AppTest does not submit a form in a page reached through st.navigation.
    at = AppTest.from_file("../app_pages/secretariat.py", default_timeout=60).run()
    at.text_input[0].set_value(name)
    at.text_input[1].set_value(password)
    at.button[0].click()
    return at.run()


def test_a_name_with_a_control_character_is_refused_at_sign_in(secretariat):
    at = _sign_in(name="Ana\x1b[31m")  # it would reach the terminal of whoever reads `mande history`
    assert [e.value for e in at.error] == ["Give your name as plain text: it holds a control character."]
    assert not at.tabs


def test_sign_in_is_explained_when_it_is_not_set_up(app, monkeypatch):
    from mande import auth

    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    at = app.run()
    at.switch_page("app_pages/secretariat.py").run()
    assert not at.exception
    assert at.info[0].value.startswith("Sign-in is not set up on this server")
    assert not at.tabs  # no data pages without signing in


def test_a_wrong_password_is_refused_and_the_next_try_must_wait(secretariat):
    at = _sign_in(password="wrong")
    assert [e.value for e in at.error] == ["That password is not right."]
    at.button[0].click()
    at.text_input[1].set_value(PASSWORD)  # even the right password, straight after a failure, waits
    at.run()
    assert at.error[0].value.startswith("Too many failed attempts: wait")
    assert not at.tabs


def test_the_secretariat_signs_in_to_the_data_pages(secretariat):
    at = _sign_in()
    assert not at.exception and not at.error
    assert [t.label for t in at.tabs] == ["Update a table", "From the UN Treaty Collection", "History",
                                         "Export everything"]
    limit = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert at.get("file_uploader")[0].label.endswith(f"(CSV, UTF-8, at most {limit} MB)")  # app and config agree
    assert "No update has been made" in "".join(m.value for m in at.markdown)


def test_a_data_folder_that_cannot_be_written_is_said_in_words_on_the_secretariat_page(secretariat, data_copy):
    from mande import updates

    updates.apply(data_copy, "advice", DATA / "advice.csv", "Ana")  # versions 1 (found) and 2, to restore
    # A folder where the update lock's file goes: it cannot be opened for writing, even by root (whom a chmod'd
    # read-only folder would not stop), as in a read-only data folder.
    (data_copy / ".mande" / "update.lock").unlink()
    (data_copy / ".mande" / "update.lock").mkdir()
    at = _sign_in()
    assert not at.exception
    at.checkbox[0].check().run()
    at.button(key="restore").click().run()
    assert not at.exception
    assert at.error[0].value.startswith(f"The data folder {escape(str(data_copy))} could not be updated \\(")
    assert at.error[0].value.endswith(escape("`mande history` says which."))


def test_the_secretariat_view_shows_confidential_records(secretariat):
    from mande import ui

    at = AppTest.from_file("../app.py", default_timeout=60).run()
    at.switch_page("app_pages/events.py").run()
    assert "MARKER" not in "".join(m.value for m in at.markdown)  # the public view: counted only
    assert "the public view counts by year but does not list: 2019: fewer than 3" in at.markdown[0].value
    at.session_state[ui.SIGNED_IN] = "Test Secretariat"  # as the sign-in form does (tested above)
    at.run()
    assert any("Secretariat view" in m.value and "Test Secretariat" in m.value for m in at.sidebar.markdown)
    assert "**Confidential** · **MARKER\\-closed\\-session**" in "".join(m.value for m in at.markdown)
    assert "does not list" not in at.markdown[0].value  # listed, so not merely counted
    at.switch_page("app_pages/reach.py").run()
    assert any(e.label.startswith("The requests, with their States") for e in at.expander)


def test_the_about_page_counts_only_what_the_public_view_holds(secretariat):
    """events.csv holds a confidential event: the public About page must not count it (65 rows against the 64
    events listed would tell there is one); the Secretariat's counts every row."""
    from mande import ui

    def rows(at: AppTest) -> dict[str, str]:
        return {row[0]: row[2] for row in _table_rows(at, "File")}

    at = AppTest.from_file("../app.py", default_timeout=60).run()
    at.switch_page("app_pages/about.py").run()
    public = rows(at)
    assert public["events\\.csv"] == "64" and public["advice\\.csv"] == "confidential"
    assert "| File | What one row is | Rows shown publicly |" in "".join(m.value for m in at.markdown)
    at.session_state[ui.SIGNED_IN] = "Test Secretariat"
    at.run()
    assert rows(at)["events\\.csv"] == "65" and rows(at)["advice\\.csv"] == "31"


def test_a_public_replica_never_shows_the_secretariat_view(secretariat, monkeypatch):
    """MANDE_ROLE=public: no Secretariat page, and no way to the Secretariat's view even with its session key."""
    from mande import roles, ui

    monkeypatch.setenv(roles.ENV, "public")
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    at.session_state[ui.SIGNED_IN] = "Someone"  # as if a sign-in had happened
    at.switch_page("app_pages/events.py").run()
    assert "MARKER" not in "".join(m.value for m in at.markdown)
    assert not any("Secretariat view" in m.value for m in at.sidebar.markdown)
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not among the router's pages
        at.switch_page("app_pages/secretariat.py").run()
    monkeypatch.setenv(roles.ENV, "everything")
    with pytest.raises(ValueError, match="MANDE_ROLE is 'everything'; expected one of: all, public, secretariat"):
        roles.role()


@needs_pages
def test_the_secretariat_updates_the_treaty_actions_from_the_un_treaty_collection(secretariat, data_copy,
                                                                                 monkeypatch):
    """The page fetched from a local web server standing in for the UN Treaty Collection: preview, then apply."""
    from mande import ui, untc, updates
    from tests.test_untc import BEFORE, OPCAT_PAGE, serving_the_pages

    old = BEFORE.read_bytes()
    (data_copy / "treaty_actions.csv").write_bytes(old)
    with serving_the_pages(monkeypatch):
        at = AppTest.from_file("../app_pages/secretariat.py", default_timeout=60)
        at.session_state[ui.SIGNED_IN] = "Test Secretariat"
        at.run()
        assert [t.label for t in at.tabs][1] == "From the UN Treaty Collection"
        at.selectbox(key="untc_chapter").set_value("IV-9-b")
        at.button(key="untc_fetch").click().run()
        assert not at.exception and not at.error
        assert {m.label: m.value for m in at.metric if m.label.startswith(("Actions", "Not on"))} == {
            "Actions to add": "3", "Actions to change": "6", "Not on the page (kept)": "0"}
        assert escape("status as at 3 February 2026: 107 participants, 76 signatories and 96 parties") in (
            at.success[0].value)
        table = "".join(m.value for m in at.markdown)
        assert escape("Slovakia (SVK)") in table and escape("ratification 2023-09-19") in table
        assert (data_copy / "treaty_actions.csv").read_bytes() == old  # nothing changes before "Apply"

        at.button(key="untc_apply").click().run()
        assert not at.exception
        assert at.success[0].value.startswith("Update ")
        assert updates.history(data_copy).iloc[0].who == "Test Secretariat"
        assert untc.compare(data_copy, untc.read_page(OPCAT_PAGE.read_bytes())).proposes_change is False

        monkeypatch.setenv(untc.URL_SETTING, "http://127.0.0.1:9/{chapter}")  # nothing listens on port 9
        at.button(key="untc_fetch").click().run()
        assert any("The UN Treaty Collection could not be reached" in e.value for e in at.error)
