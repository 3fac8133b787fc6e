"""Every page through Streamlit's AppTest: the real app, on the embedded data.

Elements are found by what they say (a table by its headers, a row by its first cell, a cell by its column's
header, a text by its words), never by where they stand on the page."""

import re
import tomllib
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from mande import ui
from mande.tables import WORD_JOINER, escape
from tests.conftest import DATA, REPO, append
from tests.test_untc import needs_pages

# Every page of the app, by its file in app_pages/.
PAGES = ("overview", "map", "results", "events", "forum", "reach", "state", "about", "secretariat", "present")
NO_SIDEBAR = {"present"}  # the projector's slides fill the screen: they state the data's date themselves
STALE = "Newer data files could not be taken in yet: the dashboard shows the data as last checked."


def _app() -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


@pytest.fixture
def app(built_db) -> AppTest:
    return _app()


def _open(app: AppTest, page: str, **query: str | list[str]) -> AppTest:
    """The app run, then `page` (a file of app_pages/, without .py) opened with `query` in its URL; no exception."""
    app.query_params.update(query)
    at = app.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, page
    return at


def _metrics(at: AppTest) -> dict[str, list[str]]:
    """Each metric's label -> its values, in the order the page shows them."""
    values: dict[str, list[str]] = {}
    for metric in at.metric:
        values.setdefault(metric.label, []).append(metric.value)
    return values


def _plain(markdown: str) -> str:
    """Text made safe for Markdown by tables.escape, as a reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


def _read(cell: str) -> str:
    """A table's cell as a reader sees it: a State's name, linked to its profile, as the name."""
    return _plain(re.sub(r"^\[(.*)\]\(state\?iso3=[A-Z]{3}&lang=[a-z]{2}\)$", r"\1", cell.strip()))


def _tables(at: AppTest, *first_headers: str) -> list[list[dict[str, str]]]:
    """Every Markdown table whose first columns are `first_headers`, in the order shown: its rows, each a cell
    per header, as a reader sees them (a State's name without its link to the profile; a Markdown column keeps
    its links and bold)."""
    found = []
    for markdown in at.markdown:
        lines = markdown.value.splitlines()
        if not lines or not lines[0].startswith("| "):
            continue
        headers = [_plain(cell.strip()) for cell in lines[0].strip("|").split(" | ")]
        if headers[:len(first_headers)] == list(first_headers):
            found.append([dict(zip(headers, (_read(cell) for cell in line.strip("|").split(" | ")),
                                   strict=True)) for line in lines[2:]])
    return found


def _table(at: AppTest, *first_headers: str) -> list[dict[str, str]]:
    """The rows of the one Markdown table whose first columns are `first_headers` (see _tables)."""
    found = _tables(at, *first_headers)
    assert found, f"no table starting with columns {first_headers!r}"
    return found[0]


def _by(rows: list[dict[str, str]], *columns: str) -> dict:
    """The rows by their value in `columns` (one column: the value; several: a tuple of them)."""
    return {(row[columns[0]] if len(columns) == 1 else tuple(row[c] for c in columns)): row for row in rows}


def _said(elements, words: str) -> str:
    """The first of `elements` (at.markdown, at.caption, at.error ...) whose text holds `words`."""
    for element in elements:
        if words in element.value:
            return element.value
    raise AssertionError(f"nothing says {words!r} among {[e.value for e in elements]!r}")


def _everything_shown(at: AppTest) -> bytes:
    """Every element the page sent, serialised: texts, tables, dataframes, metrics, expanders, chart data, widget
    options, the sidebar; but the sidebar's search box, whose options are every State by design."""
    def walk(node):
        if getattr(node, "key", None) == "find_state":
            return
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)
    return b"".join(n.proto.SerializeToString() for n in walk(at._tree) if getattr(n, "proto", None) is not None)


def _csv(name: str):
    import pandas as pd

    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def test_only_the_ui_package_and_the_pages_import_streamlit_and_only_its_public_api():
    """mande/ui/ and the pages use Streamlit, through `import streamlit` alone (no streamlit.runtime or any other
    private module); the rest of the library never imports it. And no folder pages/ beside app.py."""
    app_files = [REPO / "app.py", *(REPO / "app_pages").glob("*.py"), *(REPO / "mande" / "ui").glob("*.py")]
    for path in [*app_files, *(REPO / "mande").glob("*.py")]:
        imported = re.findall(r"^\s*(?:import|from) (streamlit\S*)", path.read_text(), re.M)
        assert set(imported) <= ({"streamlit"} if path in app_files else set()), (path, imported)
    assert not (REPO / "pages").exists()


def test_overview_shows_the_headline_figures_from_the_data(app):
    at = _open(app, "overview")
    metrics = _metrics(at)
    assert metrics["States parties"] == ["175 of 195", "96 of 195"]  # UNCAT, then OPCAT (UNTC, 3 Feb 2026)
    assert metrics["Signatories"] == ["4", "11"]
    assert metrics["No action"] == ["16", "88"]
    assert metrics["Still to join"] == ["20", "99"]
    assert _said(at.sidebar.markdown, "Treaty data as of 3 February 2026")
    assert _said(at.caption, "confirmed to 3 February 2026: treaty actions after that date")
    assert [s.value for s in at.subheader if s.value.startswith("The 20 States")] == [
        "The 20 States not yet party to UNCAT"
    ]


def test_moving_the_date_changes_the_figures(app):
    at = _open(app, "overview")
    at.date_input(key="as_of").set_value(date(2014, 3, 3)).run()
    assert not at.exception
    assert _metrics(at)["States parties"] == ["154 of 195", "72 of 195"]
    assert "The 41 States not yet party to UNCAT" in [s.value for s in at.subheader]


def test_a_shared_link_opens_the_same_date(app):
    at = _open(app, "overview", as_of="2019-10-02")
    assert _metrics(at)["States parties"] == ["169 of 195", "90 of 195"]
    assert not [c for c in at.caption if "confirmed to 3 February 2026" in c.value]  # said only for later dates


def test_a_page_run_reads_the_data_version_once(app, monkeypatch):
    """Every query of a run asks the version app.py opened at its top: one run never mixes two versions."""
    from mande import db

    checked = []
    ensure_current = db.ensure_current
    monkeypatch.setattr(db, "ensure_current", lambda *a, **k: checked.append(1) or ensure_current(*a, **k))
    at = _open(app, "overview")
    assert len(checked) == 1  # the Overview asks a dozen queries
    at.switch_page("app_pages/map.py").run()
    assert not at.exception and len(checked) == 2


def test_recent_parties_show_how_sure_their_dates_are(app):
    recent = _table(_open(app, "overview"), "State", "Became party")
    assert [row["State"] for row in recent][:2] == ["Dominica", "Tuvalu"]  # the most recent first
    assert _by(recent, "State")["Dominica"] == {"State": "Dominica", "Became party": "5 December 2024",
                                                "By": "Accession"}
    assert _by(recent, "State")["Tuvalu"]["Became party"] == "25 March 2024"
    assert len(recent) == 10


def test_about_page_names_the_sources_and_the_unconfirmed_dates(app):
    at = _open(app, "about")
    headers = [h.value for h in at.header]
    assert "How treaty status is computed" in headers
    assert "Dates that the sources do not fully confirm" in headers
    files = _by(_table(at, "File"), "File")
    assert files["treaty_actions.csv"]["Rows shown publicly"] == "430"
    assert files["treaty_actions.csv"]["Checked to"] == "3 February 2026"
    # The UN Treaty Collection confirms every date to the day: none is left unconfirmed.
    assert _said(at.markdown, "Every treaty action's date is confirmed to the day")
    assert _said(at.markdown, "German Democratic Republic")
    # What it says of illustrative rows comes from the data: outputs.csv and advice.csv hold some.
    said = _said(at.markdown, "**Illustrative sample data**")
    assert "`outputs.csv` (" in said and "`advice.csv` (how many is confidential)" in said
    assert not any("Everything this dashboard shows" in m.value for m in at.markdown)
    assert "175 UNCAT and 96 OPCAT" in _said(at.markdown, "**confirmed to 3 February 2026**")


def test_map_page_shows_every_state_and_moves_with_the_year(app):
    at = _open(app, "map")
    assert _metrics(at) == {"States parties": ["175 of 195"], "Signatories": ["4"], "No action": ["16"]}
    assert len(at.get("vega_lite_chart")) >= 3  # the map, the groups, the history

    at.slider(key="year").set_value(2014).run()
    assert not at.exception
    assert at.date_input(key="as_of").value == date(2014, 12, 31)
    assert _metrics(at) == {"States parties": ["156 of 195"], "Signatories": ["10"], "No action": ["29"]}


def test_map_page_opens_a_shared_view(app):
    at = _open(app, "map", treaty="OPCAT", as_of="2024-05-10", grouping="Small Island Developing States",
               group="Pacific")
    assert _metrics(at) == {"States parties": ["1 of 13"], "Signatories": ["1"], "No action": ["11"]}
    not_party = _by(_table(at, "State", "Status"), "State")
    assert "Tuvalu" in not_party and "Nauru" not in not_party  # Nauru is party to OPCAT


def test_map_page_explains_the_pace(app):
    at = _open(app, "map", as_of="2024-05-10", window="10", target="2030")
    pace_text = _said(at.markdown, "a year needed")
    # Eritrea (Sep 2014) to Tuvalu (by Apr 2024): 19 States in the ten years, 1.9 a year; 21 / 1.9 = 11 years.
    assert "In the 10 years to 10 May 2024, 19 of the 195 States became party to UNCAT." in pace_text
    assert "the 21 States still to join would all be party by 2035" in pace_text


def test_bad_data_files_are_explained_and_the_last_good_data_stays(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "kept.duckdb"))
    _open(_app(), "overview")  # builds from the copy

    with open(data_copy / "states.csv", "a") as states:
        states.write("FJI,242,Fiji,Fiji,member\n")  # a second Fiji: one problem
    at = _open(_app(), "overview")

    assert [w.value for w in at.warning] == [STALE]
    assert not at.code  # the problems are the Secretariat's to see...
    assert _metrics(at)["States parties"] == ["175 of 195", "96 of 195"]

    at.session_state[ui.SIGNED_IN] = "Test Secretariat"
    at.run()
    assert "duplicate of row" in _said(at.code, "states.csv:")  # ...signed in


def test_a_rebuild_that_cannot_be_written_keeps_every_page_on_the_last_good_data(data_copy, tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    database = tmp_path / "kept.duckdb"
    monkeypatch.setenv("MANDE_DB", str(database))
    _open(_app(), "overview")
    with open(data_copy / "states.csv", "a") as states:
        states.write("\n")  # a change (a blank line), so that the next page load rebuilds
    # The rebuild's temporary file cannot be created: its name is taken by a folder (a real OSError).
    (database.with_name(f".{database.name}.{os.getpid()}.building") / "blocked").mkdir(parents=True)

    for page in ("overview", "map", "results", "events", "about"):
        assert STALE in [w.value for w in _open(_app(), page).warning], page


def test_with_no_good_data_the_problems_are_listed_in_words(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "none.duckdb"))
    (data_copy / "states.csv").write_bytes(b"")
    at = _open(_app(), "overview")
    assert _said(at.error, "The data cannot be shown at the moment.")
    assert not at.code and "states.csv" not in "".join(e.value for e in at.error)  # for the public: only that

    at.session_state[ui.SIGNED_IN] = "Test Secretariat"
    at.run()
    assert _said(at.code, "states.csv:1: header: the file is empty")


def test_text_from_the_data_files_is_shown_as_written_never_as_markup(data_copy, tmp_path, monkeypatch):
    hostile = "<b>Bold</b> [link](javascript:alert(1)) *x*"
    with open(data_copy / "groups.csv", "a") as groups:
        groups.write(f'test_grouping,"{hostile}",FJI,,,a test source,\n')
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "hostile.duckdb"))
    at = _open(_app(), "map", grouping="Test grouping", group=hostile)
    assert _metrics(at) == {"States parties": ["1 of 1"], "Signatories": ["0"], "No action": ["0"]}
    shown = [c.value for c in at.caption] + [m.value for m in at.markdown]
    assert any(escape(hostile) in text for text in shown)
    assert not any(hostile in text for text in shown)


def test_events_page_lists_the_events_and_filters_them(app):
    at = _open(app, "events")
    assert _said(at.markdown, " events** from ") == f"**{len(_csv('events.csv'))} events** from 2014 to 2024."
    assert len(at.get("vega_lite_chart")) == 1
    listed = _table(at, "Dates", "Event")
    assert len(listed) == len(_csv("events.csv"))
    assert any("[cti2024.org](https://cti2024.org/" in row["Sources"] for row in listed)  # sources are links
    assert listed[0]["Event"].startswith("**Launch of the Convention against Torture Initiative")  # date order

    at.button_group(key="type").set_value(["regional_seminar"]).run()
    at.slider(key="years").set_value((2015, 2015)).run()
    assert not at.exception
    assert _said(at.markdown, " events** from ") == "**4 events** from 2015 to 2015."  # as the Annual Report 2015 says


def test_events_page_opens_an_event_from_a_shared_link(app):
    at = _open(app, "events", event="2016-10-natadola-pacific-seminar")
    assert _metrics(at) == {"Participants": ["not recorded"], "States represented": ["10"],
                            "States named in the sources": ["10"]}
    named = _by(_table(at, "State", "UN regional group"), "State")
    assert {"Tuvalu", "Palau", "Fiji"} <= set(named) and len(named) == 10
    assert _said(at.markdown, "27–28 October 2016 · Natadola, Fiji · In person")
    assert len(at.get("vega_lite_chart")) == 2  # the grid of events, and the map of the States named
    assert _table(at, "Type", "Level") == [{"Type": "Government", "Level": "Unknown", "Gender": "Not recorded",
                                            "Mode": "not recorded", "Entries": "10", "People": "not recorded",
                                            "Illustrative": "no"}]


def test_events_page_says_when_nothing_matches(app):
    at = _open(app, "events", type=["Webinar"], years=["2014", "2015"])
    assert _said(at.markdown, " events** from ") == "**0 events** from 2014 to 2015."
    assert _said(at.info, "No event matches these filters")


def test_forum_page_shows_the_forums_year_over_year_with_gaps(app):
    at = _open(app, "forum")
    latest = _metrics(at)  # the latest Forum, then the same Forum, chosen by default, in detail
    assert latest["Participants"] == ["46", "46"] and latest["States represented"] == ["26", "26"]
    assert _said(at.markdown, "No Annual Forum was found in the sources for 2019, 2020")
    assert len(at.get("vega_lite_chart")) >= 6  # four figures, the groups, the chosen Forum's map
    forums = _by(_table(at, "Forum", "Title"), "Forum")
    assert forums["2014 Chavannes-de-Bogis"]["Participants"] == "not recorded"  # never 0
    assert [forums["2016 Satigny"][c] for c in ("Participants", "States represented")] == ["70", "27"]
    assert [forums["2018 Geneva"][c] for c in ("States named in the sources",  # no State named: unknown, not 0
                                               "Governments at senior level (named)")] == ["not recorded"] * 2
    assert _said(at.markdown, "Gender:** not recorded for any Forum")
    assert at.selectbox(key="forum").value == "2022-12-geneva-annual-forum"


def test_forum_page_opens_a_chosen_forum(app):
    at = _open(app, "forum", forum="2016-12-satigny-annual-forum-3")
    assert _metrics(at)["Participants"] == ["46", "70"]  # the latest Forum, then the chosen one
    assert "Third CTI Annual Forum" in [s.value for s in at.subheader]


def test_reach_page_counts_the_states_taking_part(app):
    at = _open(app, "reach")
    people = _csv("participation.csv")
    named = people.iso3[people.iso3 != ""].nunique()
    metrics = _metrics(at)
    assert metrics["States named at a CTI event"] == [f"{named} of 195"]
    assert metrics["Not yet party to UNCAT today"] == ["20"]
    not_party = _by(_table(at, "State", "UNCAT status"), "State")
    assert len(not_party) == 20
    assert not_party["Tonga"]["CTI events on record"] == "2" and not_party["Bhutan"]["CTI events on record"] == "none"
    joined = _by(_table(at, "State", "First CTI event on record"), "State")
    assert joined["Tuvalu"]["Became party"] == "25 March 2024"
    assert _said(at.warning, "Illustrative sample data: these figures are not real requests.")
    advice = _table(at, "Year", "Requests")
    assert [row["Year"] for row in advice] == ["2018", "2019", "2020"]
    assert all(row["Illustrative"] == "yes (sample data)" for row in advice)


def test_the_public_pages_never_show_a_confidential_record(data_copy, tmp_path, monkeypatch):
    append(data_copy / "events.csv",
           "2019-06-closed-session,MARKER-closed-session,annual_forum,2019-06-02,day,,MARKER-city,,Global,"
           "in_person,12,3,MARKER-partner,yes,https://example.org/MARKER,MARKER-note")
    append(data_copy / "participation.csv",
           "2019-06-closed-session,BTN,government,participant,senior,,,,no,MARKER-source,MARKER-note")
    append(data_copy / "advice.csv", "marker-request-1,2019-05-05,BTN,ratification,yes,no,MARKER-advice")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "confidential.duckdb"))
    for page, query in [("events", {"event": "2019-06-closed-session"}),
                        ("forum", {"forum": "2019-06-closed-session"}),
                        ("reach", {}), ("about", {}), ("overview", {})]:
        at = _open(_app(), page, **query)
        shown = _everything_shown(at)
        assert b"MARKER" not in shown and b"marker-request" not in shown and b"closed-session" not in shown, page
        if page == "events":
            assert _said(at.markdown, " events** from ").endswith(
                "which the public view counts by year but does not list: 2019: fewer than 3.")
        if page == "reach":
            assert _by(_table(at, "State", "UNCAT status"), "State")["Bhutan"]["CTI events on record"] == "none"


def test_illustrative_participation_is_labelled_wherever_it_shows(data_copy, tmp_path, monkeypatch):
    with open(data_copy / "participation.csv", "a") as rows:
        for gender, count in (("women", 21), ("men", 19)):
            rows.write(f"2022-12-geneva-annual-forum,,other,participant,unknown,{gender},in_person,{count},yes,"
                       "sample,\n")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "illustrative.duckdb"))
    at = _open(_app(), "forum")
    warnings = [w.value for w in at.warning]
    assert "The figures by gender include illustrative sample data, not real records." in warnings
    assert "Some of these entries are illustrative sample data, not real records." in warnings
    assert _table(at, "Forum", "Men") == [{"Forum": "2022 Geneva", "Men": "19", "Women": "21"}]
    assert "not recorded for 2014 Chavannes-de-Bogis" in _plain(_said(at.markdown, "- **Gender**"))
    assert {"Type": "Other", "Level": "Unknown", "Gender": "Women", "Mode": "In person", "Entries": "1", "People": "21",
            "Illustrative": "yes (sample data)"} in _table(at, "Type", "Level")


def _results(at: AppTest) -> dict[tuple[str, str], dict[str, str]]:
    """The Results page's table of figures, by indicator and year."""
    return _by(_table(at, "Indicator", "Year"), "Indicator", "Year")


def _judged(row: dict[str, str]) -> list[str]:
    return [row["Figure / target"], row["Status"]]


def test_results_page_shows_every_indicator_every_year(app):
    at = _open(app, "results")
    framework = _csv("framework.csv")
    years = framework.period_end.astype(int) - framework.period_start.astype(int) + 1
    assert sum(int(m.value) for m in at.metric) == years.sum()  # every indicator-year counted once
    assert [s.value for s in at.subheader if s.value.startswith("Result ")] == [
        f"Result {escape(r.removeprefix('R'))}: {escape(name)}"
        for r, name in framework.drop_duplicates("result_id")[["result_id", "result"]].itertuples(index=False)]
    assert len(at.get("vega_lite_chart")) >= 4  # a scorecard per result, then the details
    rows = _results(at)
    assert len(rows) == years.sum()
    assert _judged(rows[("R1.1", "2019")]) == ["4 / 4", "met"]  # Samoa, Kiribati, Grenada, Angola
    assert rows[("R4.8", "2019")]["Status"] == "done"
    assert rows[("R4.5", "2018")]["Status"] == "met · illustrative"  # no source: a sample figure, so marked


def test_results_page_can_hide_the_illustrative_figures(app):
    at = _open(app, "results", illustrative="false", result=["Result 4"])
    rows = _results(at)
    assert {indicator for indicator, _ in rows} == {f"R4.{i}" for i in range(1, 9)}
    assert _judged(rows[("R4.5", "2018")]) == ["— / 3", "no data"]
    assert not any("illustrative" in row["Status"] for row in rows.values())


def test_results_page_shows_the_records_behind_a_figure(app):
    at = _open(app, "results", detail="Result 1: Increased UNCAT ratifications/accessions")
    said = [m.value for m in at.markdown]
    counted = [text.split("**")[1] for text in said if re.fullmatch(r"\*\*\d{4}\*\*: \d+ counted\.", text)]
    assert counted == ["2018", "2019", "2020"]
    behind_2019 = said[said.index("**2019**: 4 counted.") + 1]  # the table under what it counts
    assert behind_2019.startswith("| State | Became party |")
    assert {_read(line.split(" | ")[0].strip("| ")) for line in behind_2019.splitlines()[2:]} == {
        "Samoa", "Kiribati", "Grenada", "Angola"}
    assert len(at.get("vega_lite_chart")) >= 6  # 4 scorecards, R1.1 by year, R1.1 running total


def test_advice_records_are_never_listed_on_the_results_page(data_copy, tmp_path, monkeypatch):
    with open(data_copy / "advice.csv", "a") as rows:  # Bhutan appears nowhere else in the data
        for i in range(3):
            rows.write(f"2019-bhutan-{i},2019-0{i + 4}-01,BTN,reporting,yes,no,MARKER-advice-note\n")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "advice.duckdb"))
    at = _open(_app(), "results", detail="Result 2: Increased awareness of benefits of UNCAT")
    assert _said(at.markdown, "never which")
    advised_2019 = _csv("advice.csv").query("date.str.startswith('2019')").iso3.nunique() + 1
    assert _results(at)[("R2.5", "2019")]["Figure / target"].startswith(f"{advised_2019} / 10")  # Bhutan counted ...
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
    at = _open(_app(), "results")
    assert at.selectbox(key="period").value == (2021, 2024)  # the latest period comes first
    rows = _results(at)
    assert set(rows) == {(f"P3-R{i}", str(y)) for i in ("1.1", "4.6") for y in range(2021, 2025)}
    # Sudan (Aug 2021) and Suriname (Nov 2021) joined in 2021; Tuvalu and Dominica in 2024, a year the treaty
    # data (confirmed to 3 Feb 2026) covers whole. (A year it covers only in part: tests/test_results.py.)
    assert _judged(rows[("P3-R1.1", "2021")]) == ["2 / 2", "met"]
    assert _judged(rows[("P3-R1.1", "2024")]) == ["2 / 2", "met"]
    assert _judged(rows[("P3-R4.6", "2022")]) == ["— / 1", "no data"]  # nothing recorded: unknown, not 0


# --- The Secretariat's view ------------------------------------------------------------------------------

PASSWORD = "correct horse battery staple"
CLOSED = "MARKER-closed-session"  # the confidential event's title


@pytest.fixture
def secretariat(data_copy, tmp_path, monkeypatch):
    """The app's data: a copy holding a confidential event, with sign-in by password set up."""
    from mande import auth

    append(data_copy / "events.csv",
           f"2019-06-closed-session,{CLOSED},side_event,2019-06-02,day,,Geneva,CHE,Global,"
           "in_person,12,3,,yes,https://example.org/closed,")
    append(data_copy / "participation.csv",  # Switzerland named at it: the State page lists it, signed in only
           "2019-06-closed-session,CHE,government,host,senior,,,,no,https://example.org/closed,")
    append(data_copy / "advice.csv", "marker-advice-1,2019-05-05,CHE,ratification,yes,no,")  # on CHE's profile
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "secretariat.duckdb"))
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle())  # a fresh sign-in throttle for each test


def _labelled(elements, label: str):
    """The one of `elements` (at.text_input, at.button, at.checkbox ...) whose label is `label`."""
    found = [e for e in elements if e.label == label]
    assert len(found) == 1, f"{len(found)} elements labelled {label!r} among {[e.label for e in elements]!r}"
    return found[0]


def _sign_in(password: str = PASSWORD, name: str = "Test Secretariat") -> AppTest:
    # The page on its own: AppTest does not submit a form in a page reached through st.navigation.
    at = AppTest.from_file("../app_pages/secretariat.py", default_timeout=60).run()
    _labelled(at.text_input, "Your name (recorded with your updates)").set_value(name)
    _labelled(at.text_input, "Password").set_value(password)
    _labelled(at.button, "Sign in").click()
    return at.run()


def test_a_name_with_a_control_character_is_refused_at_sign_in(secretariat):
    at = _sign_in(name="Ana\x1b[31m")  # it would reach the terminal of whoever reads `mande history`
    assert [e.value for e in at.error] == ["Give your name as plain text: it holds a control character."]
    assert not at.tabs


def test_sign_in_is_explained_when_it_is_not_set_up(app, monkeypatch):
    from mande import auth

    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    at = _open(app, "secretariat")
    assert _said(at.info, "Sign-in is not set up on this server")
    assert not at.tabs  # no data pages without signing in


def test_a_wrong_password_is_refused_and_the_next_try_must_wait(secretariat):
    at = _sign_in(password="wrong")
    assert [e.value for e in at.error] == ["That password is not right."]
    _labelled(at.button, "Sign in").click()
    _labelled(at.text_input, "Password").set_value(PASSWORD)  # even the right password, straight after a failure
    at.run()
    assert _said(at.error, "Too many failed attempts: wait")
    assert not at.tabs


def test_the_secretariat_signs_in_to_the_data_pages(secretariat):
    at = _sign_in()
    assert not at.exception and not at.error
    assert [t.label for t in at.tabs] == ["Update a table", "From the UN Treaty Collection", "History",
                                         "Export everything", "Annual report"]
    limit = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    uploads = [u.label for u in at.get("file_uploader")]
    assert any(label.endswith(f"(CSV, UTF-8, at most {limit} MB)") for label in uploads)  # app and config agree
    assert _said(at.markdown, "No update has been made")


def test_a_data_folder_that_cannot_be_written_is_said_in_words_on_the_secretariat_page(secretariat, data_copy):
    from mande import updates

    updates.apply(data_copy, "advice", DATA / "advice.csv", "Ana")  # versions 1 (found) and 2, to restore
    # A folder where the update lock's file goes: it cannot be opened for writing, even by root (whom a chmod'd
    # read-only folder would not stop), as in a read-only data folder.
    (data_copy / ".mande" / "update.lock").unlink()
    (data_copy / ".mande" / "update.lock").mkdir()
    at = _sign_in()
    assert not at.exception
    _labelled(at.checkbox, "Yes, replace the current advice.csv with this version").check().run()
    at.button(key="restore").click().run()
    assert not at.exception
    said = _said(at.error, f"The data folder {escape(str(data_copy))} could not be updated \\(")
    assert said.startswith("The data folder") and said.endswith(escape("`mande history` says which."))


def test_every_page_shows_the_confidential_event_only_signed_in(secretariat):
    """Signed out, no page shows anything of the confidential event, in any element (texts, tables, dataframes,
    metrics, expanders, charts' data, widget options, the sidebar), even asked for it by its id; signed in, the
    pages that list events show it."""
    lists_events = {"events", "state"}
    for page in PAGES:
        at = _open(_app(), page, event="2019-06-closed-session", forum="2019-06-closed-session", iso3="CHE")
        assert _everything_shown(at).count(b"MARKER") == 0, f"{page}, signed out"
        assert b"marker-advice" not in _everything_shown(at), f"{page}, signed out"
        at.session_state[ui.SIGNED_IN] = "Test Secretariat"  # as the sign-in form does (tested above)
        at.run()
        assert not at.exception, f"{page}, signed in"
        if page in NO_SIDEBAR:
            assert _everything_shown(at).count(b"MARKER") == 0, f"{page}, signed in: slides are public"
        else:
            assert _said(at.sidebar.markdown, "**Secretariat view**")
        if page in lists_events:
            assert _everything_shown(at).count(b"MARKER") > 0, f"{page}, signed in"
            assert f"**Confidential** · **{CLOSED}**" in _plain("".join(m.value for m in at.markdown))
        if page == "state":  # the profile adds the State's advice requests, marked, for the Secretariat only
            assert "**Confidential** · **Request for technical advice** marker-advice-1" in _plain(
                "".join(m.value for m in at.markdown))


def test_the_secretariat_view_shows_confidential_records(secretariat):
    at = _open(_app(), "events")
    assert "MARKER" not in "".join(m.value for m in at.markdown)  # the public view: counted only
    assert _said(at.markdown, "the public view counts by year but does not list: 2019: fewer than 3")
    at.session_state[ui.SIGNED_IN] = "Test Secretariat"  # as the sign-in form does (tested above)
    at.run()
    assert _said(at.sidebar.markdown, "Secretariat view") and _said(at.sidebar.markdown, "Test Secretariat")
    assert f"**Confidential** · **{escape(CLOSED)}**" in "".join(m.value for m in at.markdown)
    assert "does not list" not in _said(at.markdown, " events** from ")  # listed, so not merely counted
    at.switch_page("app_pages/reach.py").run()
    assert any(e.label.startswith("The requests, with their States") for e in at.expander)


def test_the_about_page_counts_only_what_the_public_view_holds(secretariat):
    """events.csv holds a confidential event: the public About page must not count it (65 rows against the 64
    events listed would tell there is one); the Secretariat's counts every row."""
    def rows(at: AppTest) -> dict[str, str]:
        return {row["File"]: next(cell for header, cell in row.items() if header.startswith("Rows"))
                for row in _table(at, "File")}

    at = _open(_app(), "about")
    public = rows(at)
    assert public["events.csv"] == "64" and public["advice.csv"] == "confidential"
    assert "| File | What one row is | Rows shown publicly |" in "".join(m.value for m in at.markdown)
    at.session_state[ui.SIGNED_IN] = "Test Secretariat"
    at.run()
    assert rows(at)["events.csv"] == "65" and rows(at)["advice.csv"] == "32"  # the fixture's one request added
    assert "`advice.csv` (31 of its 32 rows)" in _said(at.markdown, "**Illustrative sample data**")


def test_a_public_replica_never_shows_the_secretariat_view(secretariat, monkeypatch):
    """MANDE_ROLE=public: no Secretariat page, and no way to the Secretariat's view even with its session key."""
    from mande import roles

    monkeypatch.setenv(roles.ENV, "public")
    at = _open(_app(), "overview")
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
    from mande import history, untc, untc_page
    from tests.test_untc import BEFORE, OPCAT_PAGE, serving_the_pages

    old = BEFORE.read_bytes()
    (data_copy / "treaty_actions.csv").write_bytes(old)
    with serving_the_pages(monkeypatch):
        at = AppTest.from_file("../app_pages/secretariat.py", default_timeout=60)
        at.session_state[ui.SIGNED_IN] = "Test Secretariat"
        at.run()
        assert "From the UN Treaty Collection" in [t.label for t in at.tabs]
        at.selectbox(key="untc_chapter").set_value("IV-9-b")
        at.button(key="untc_fetch").click().run()
        assert not at.exception and not at.error
        assert {m.label: m.value for m in at.metric if m.label.startswith(("Actions", "Not on"))} == {
            "Actions to add": "3", "Actions to change": "6", "Not on the page (kept)": "0"}
        assert _said(at.success, escape("status as at 3 February 2026: 107 participants, 76 signatories and 96 "
                                        "parties"))
        table = _plain("".join(m.value for m in at.markdown))
        assert "Slovakia (SVK)" in table and "Ratification 2023-09-19" in table
        assert (data_copy / "treaty_actions.csv").read_bytes() == old  # nothing changes before "Apply"

        at.button(key="untc_apply").click().run()
        assert not at.exception
        assert _said(at.success, "Update ").startswith("Update ")
        assert history.history(data_copy).iloc[0].who == "Test Secretariat"
        assert untc.compare(data_copy, untc_page.read_page(OPCAT_PAGE.read_bytes())).proposes_change is False

        monkeypatch.setenv(untc_page.URL_SETTING, "http://127.0.0.1:9/{chapter}")  # nothing listens on port 9
        at.button(key="untc_fetch").click().run()
        assert _said(at.error, "The UN Treaty Collection could not be reached")
