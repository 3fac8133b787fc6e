"""The presentation for the Annual Forum's projector (/present): every slide through AppTest, the slides.csv the
Secretariat writes, and in real Chromium the clicker's keys and what a room reads at 1280 x 720 and 1920 x 1080."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from mande import db, events, forums, slides, ui
from mande.contracts import STANDARD_SLIDES
from mande.ingest import ValidationError
from tests.conftest import DATA, append
from tests.serve import app_page, chromium_path, wait_until_rendered
from tests.test_app import _everything_shown, _plain

# The title of each slide of the standard sequence (data/slides.csv), in its order.
TITLES = {
    "headline": "Where the world stands on UNCAT",
    "map": "The ratification map",
    "parties_over_time": "Towards universal ratification of UNCAT",
    "since_last_forum": "Since the last Forum, 15 December 2022",
    "results": "Results against targets, 2018–2020",
    "events": "CTI events of 2024",
    "forums": "The Annual Forum, year over year",
}
AS_OF = "**Treaty data as of 3 February 2026.** Source: UN Treaty Collection"
FORUM = "2022-12-geneva-annual-forum"
EXTRA_SLIDES = ("8,state,TUV,,", f"9,forum,,{FORUM},for the Friends")  # a State's slide and a Forum's


def _present(**query: str) -> AppTest:
    """The app opened on the presentation with `query` in its URL; no exception."""
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page("app_pages/present.py").run()
    assert not at.exception
    return at


def _title(at: AppTest) -> str:
    return at.title[0].value


def _said(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture
def with_state_and_forum(data_copy, tmp_path, monkeypatch):
    """The app's data: a copy whose slides.csv adds a slide for Tuvalu and one for the 2022 Forum."""
    append(data_copy / "slides.csv", *EXTRA_SLIDES)
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "slides.duckdb"))
    return data_copy


def test_the_embedded_slides_are_the_standard_sequence():
    with open(DATA / "slides.csv", encoding="utf-8") as rows:
        assert tuple(row["kind"] for row in csv.DictReader(rows)) == STANDARD_SLIDES == tuple(TITLES)


def test_the_public_sees_the_slides_but_not_the_secretariats_notes_on_them(built_db):
    with db.connect(built_db) as public, db.connect(built_db, db.SECRETARIAT) as secretariat:
        columns = {table: [c[0] for c in con.execute("SELECT * FROM slides LIMIT 0").description]
                   for table, con in (("public", public), ("secretariat", secretariat))}
    assert columns == {"public": ["position", "kind", "iso3", "event_id"],
                       "secretariat": ["position", "kind", "iso3", "event_id", "note"]}


def test_a_data_folder_from_before_slides_csv_shows_the_standard_sequence(data_copy, tmp_path):
    """A deployment's data folder kept from an earlier version has no slides.csv: it still builds, as if the file
    listed no slide, so the standard sequence shows; any other missing file is still refused."""
    (data_copy / "slides.csv").unlink()
    built = tmp_path / "older.duckdb"
    db.build(data_copy, built)
    with db.connect(built) as con:
        assert list(slides.sequence(con).kind) == list(STANDARD_SLIDES)
    (data_copy / "targets.csv").unlink()
    with pytest.raises(ValidationError, match=r"targets.csv:0: file: missing"):
        db.build(data_copy, tmp_path / "broken.duckdb")


def test_the_secretariat_updates_the_slides_with_a_history_and_an_export(data_copy, tmp_path):
    """slides.csv goes through the update workflow like every file: checked, applied, kept in the history,
    exported; a slide for a confidential or unknown event is refused and nothing changes."""
    from mande import export, history, updates

    before = (data_copy / "slides.csv").read_bytes()
    bad = tmp_path / "bad" / "slides.csv"
    bad.parent.mkdir()
    bad.write_bytes(before + b"8,forum,,2099-no-such-forum,\n")
    with pytest.raises(ValidationError, match=r"slides.csv:9: event_id: not found in events.csv"):
        updates.apply(data_copy, "slides", bad, who="Test Secretariat", database=tmp_path / "x.duckdb")
    assert (data_copy / "slides.csv").read_bytes() == before

    good = tmp_path / "good" / "slides.csv"
    good.parent.mkdir()
    good.write_bytes(before + b"8,state,TUV,,\n")
    version = updates.apply(data_copy, "slides", good, who="Test Secretariat", database=tmp_path / "x.duckdb")
    logged = history.history(data_copy)
    kept = logged[logged.version.astype(int) == version].iloc[0]
    assert (kept.table, int(kept.added)) == ("slides", 1)
    con = db.connect(tmp_path / "x.duckdb")
    assert slides.sequence(con).kind.tolist() == [*STANDARD_SLIDES, "state"]
    with zipfile.ZipFile(io.BytesIO(export.tables_zip(db.connect(tmp_path / "x.duckdb", db.SECRETARIAT)))) as archive:
        assert "8,state,TUV" in archive.read("slides.csv").decode()


@pytest.mark.parametrize("number", range(1, len(TITLES) + 1))
def test_every_slide_renders_with_its_date_and_source_and_no_sidebar(built_db, number):
    at = _present(slide=str(number))
    assert _title(at) == list(TITLES.values())[number - 1]
    assert f"**{number} / {len(TITLES)}**" in _said(at)
    assert AS_OF in _said(at)
    assert not at.sidebar.markdown and not at.sidebar.caption  # the sidebar's contents are not drawn
    assert at.query_params["slide"] == str(number)


def test_the_headline_slide_shows_the_overviews_figures(built_db):
    figures = [(m.label, m.value) for m in _present(slide="1").metric]
    assert figures[:4] == [("States parties", "175 of 195"), ("Signatories", "4"), ("No action", "16"),
                           ("Still to join", "20")]
    assert figures[4] == ("States parties", "96 of 195")  # OPCAT


def test_since_the_last_forum_names_the_new_parties(built_db):
    at = _present(slide="4")
    assert {m.label: m.value for m in at.metric} == {"Joined UNCAT": "2", "Joined OPCAT": "5",
                                                     "Public CTI events": "6"}
    assert "**Became party to UNCAT:** Tuvalu (25 March 2024), Dominica (5 December 2024)." in _said(at)


@pytest.mark.parametrize(("asked", "opened"), [("3", 3), ("99", 7), ("0", 1), ("three", 1)])
def test_a_link_opens_its_slide_and_a_wrong_number_the_nearest(built_db, asked, opened):
    at = _present(slide=asked)
    assert _title(at) == list(TITLES.values())[opened - 1]
    assert at.query_params["slide"] == str(opened)


def test_next_and_previous_move_and_stop_at_the_ends(built_db):
    at = _present()
    assert _title(at) == TITLES["headline"] and at.button(key="previous").disabled
    at.button(key="next").click().run()
    assert _title(at) == TITLES["map"] and at.query_params["slide"] == "2"
    at.button(key="page_down").click().run()
    at.button(key="space").click().run()
    assert _title(at) == TITLES["since_last_forum"]
    at.button(key="page_up").click().run()
    at.button(key="previous").click().run()
    assert _title(at) == TITLES["map"] and at.query_params["slide"] == "2"
    last = _present(slide="7")
    assert last.button(key="next").disabled and last.button(key="space").disabled


def test_a_state_and_a_forum_slide_from_slides_csv(with_state_and_forum):
    state = _present(slide="8")
    assert _title(state) == "Tuvalu" and "**8 / 9**" in _plain(_said(state))
    assert "**UNCAT:** Party since 25 March 2024 (accession)." in _plain(_said(state))
    assert "Tuvalu's UN regional group, Asia-Pacific: of its 54 States on " in _plain(_said(state))
    assert "Tuvalu's Small Island Developing States region, Pacific: of its 13 States on " in _plain(_said(state))
    assert "| UNCAT | 25 March 2024 | Accession |" in _plain(_said(state))
    forum = _present(slide="9")
    assert _title(forum) == "Annual Forum 2022 Geneva"
    assert {m.label: m.value for m in forum.metric}["Participants"] == "46"
    assert "for the Friends" not in _said(forum)  # the note is the Secretariat's


def test_a_forum_made_confidential_while_on_a_slide_is_refused_naming_the_slide(data_copy, tmp_path):
    append(data_copy / "slides.csv", f"8,forum,,{FORUM},")
    events = (data_copy / "events.csv").read_text()
    line = next(row for row in events.splitlines() if row.startswith(FORUM + ","))
    (data_copy / "events.csv").write_text(events.replace(line, line.replace(",no,", ",yes,", 1)))
    with pytest.raises(ValidationError) as refused:
        db.build(data_copy, tmp_path / "new.duckdb")
    assert [(p.file.rsplit("/", 1)[-1], p.row, p.column, p.problem) for p in refused.value.problems] == [
        ("slides.csv", 9, "event_id", "an event that is not a public Forum")]


def test_a_slide_never_shows_a_confidential_record_even_signed_in(data_copy, tmp_path, monkeypatch):
    """Slides are public: a confidential event after the last Forum, in the latest year, is on none of them,
    whoever is signed in when the slides are projected."""
    append(data_copy / "events.csv", "2024-05-closed-session,MARKER closed session,side_event,2024-05-02,day,,"
                                     "MARKER-city,CHE,Global,in_person,12,3,,yes,https://example.org/MARKER,")
    append(data_copy / "participation.csv", "2024-05-closed-session,BTN,government,participant,senior,,,,no,"
                                            "MARKER-source,")
    monkeypatch.setenv("MANDE_DATA", str(data_copy))
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "marked.duckdb"))
    for number in range(1, len(TITLES) + 1):
        at = _present(slide=str(number))
        at.session_state[ui.SIGNED_IN] = "Test Secretariat"
        at.run()
        assert not at.exception
        shown = _everything_shown(at)
        assert b"MARKER" not in shown and b"closed-session" not in shown, number
        if number == 4:
            held = at.metric
    with db.connect(tmp_path / "marked.duckdb") as con:  # the public view's count of the events since the Forum
        today = date.today()
        since = forums.last_before(forums.year_by_year(con), today).start_date.date()
        public = events.held_between(events.events_matching(con, (), (since.year, today.year)), since, today)
    assert {m.label: m.value for m in held}["Public CTI events"] == str(len(public))
    at.switch_page("app_pages/events.py").run()  # the same session, signed in: the Events page lists it
    assert b"MARKER" in _everything_shown(at)


def test_the_projectors_charts_have_no_text_below_28_px():
    """Every font size in each slide's chart specification (and the config under it) is at least 28 px."""
    from datetime import date

    def sizes(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in slides.FONT_KEYS and isinstance(value, (int, float)):
                    yield value
                yield from sizes(value)
        elif isinstance(node, list):
            for item in node:
                yield from sizes(item)

    for spec in (slides.map_chart("UNCAT", ()), slides.parties_chart("UNCAT", 195, date(2014, 3, 1)),
                 slides.forum_chart("Participants")):
        found = list(sizes(spec))
        assert found and min(found) >= slides.SMALLEST_TEXT


# --- In Chromium ---------------------------------------------------------------------------------------

needs_browser = pytest.mark.skipif(chromium_path() is None and not os.environ.get("MANDE_REQUIRE_BROWSER"),
                                   reason="Chromium is not installed (apt-get install chromium); browser tests skipped")
if chromium_path() is None and os.environ.get("MANDE_REQUIRE_BROWSER"):
    raise RuntimeError("MANDE_REQUIRE_BROWSER is set but Chromium is not installed")

# Every chart on the slide drawn (an SVG with its text), so that its text can be measured.
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .every(chart => chart.querySelector('svg.marks text'))"""
# What a room reads: the smallest font of every visible text node (HTML, and the SVG text of charts), the
# smallest of the headline figures, the document's size, and whether the sidebar or the header shows.
MEASURED = """() => {
    const shown = (el) => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth
            && r.top < innerHeight && s.visibility !== "hidden" && parseFloat(s.opacity) > 0; };
    let smallest = Infinity, what = "", headline = Infinity;
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
        const el = texts.currentNode.parentElement;
        if (!texts.currentNode.textContent.trim() || !el || el.closest("style, script") || !shown(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < smallest) { smallest = size; what = texts.currentNode.textContent.trim().slice(0, 40); }
        if (el.closest('[data-testid="stMetricValue"]')) headline = Math.min(headline, size);
    }
    const visible = (selector) => [...document.querySelectorAll(selector)].some(shown);
    return {smallest, what, headline: headline === Infinity ? null : headline,
            width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight,
            chrome: visible('[data-testid="stSidebar"], header[data-testid="stHeader"], [data-testid="stToolbar"], '
                            + '[data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"]')};
}"""
HEADLINE_SLIDES = {1, 4, 5}  # the slides whose figures are headline figures


@pytest.fixture(scope="module")
def presentation(tmp_path_factory):
    """The app served once for the module, on a copy of the data whose slides.csv adds EXTRA_SLIDES, and a
    Chromium page on it (resized per test)."""
    import shutil

    folder = tmp_path_factory.mktemp("present")
    shutil.copytree(DATA, folder / "data", ignore=shutil.ignore_patterns(".mande"))
    append(folder / "data" / "slides.csv", *EXTRA_SLIDES)
    env = {"MANDE_DATA": str(folder / "data"), "MANDE_DB": str(folder / "mande.duckdb")}
    with app_page(env) as (url, page):
        yield url, page


def _open(page, url: str, number: int) -> None:
    page.goto(f"{url}/present?slide={number}")
    _drawn(page)


def _drawn(page) -> None:
    wait_until_rendered(page, ".st-key-as_of p")  # the line every slide ends with: drawn last
    page.wait_for_function(CHARTS_DRAWN)


@needs_browser
def test_a_clickers_keys_move_the_slides(presentation):
    url, page = presentation
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, url, 3)
    assert page.locator("h1").first.inner_text() == TITLES["parties_over_time"]
    # Right, Page Down and space forward; Left and Page Up back (the last three through hidden buttons).
    for key, expected in (("ArrowRight", 4), ("PageDown", 5), ("Space", 6), ("ArrowLeft", 5), ("PageUp", 4)):
        page.keyboard.press(key)
        page.wait_for_url(re.compile(rf"/present\?slide={expected}&lang=en$"))
        _drawn(page)
        assert page.locator("h1").first.inner_text() == list(TITLES.values())[expected - 1], key
    page.get_by_role("button", name="Next →").click()
    page.wait_for_url(re.compile(r"/present\?slide=5&lang=en$"))


@needs_browser
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_slide_fits_the_screen_in_type_a_room_reads(presentation, size):
    url, page = presentation
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    measured = {}
    for number in range(1, len(TITLES) + len(EXTRA_SLIDES) + 1):
        _open(page, url, number)
        if number in HEADLINE_SLIDES:  # its figures shown too (once, under load in CI, not yet when measured)
            page.wait_for_function(f"() => ({MEASURED})().headline !== null")
        measured[number] = page.evaluate(MEASURED)
    for number, found in measured.items():
        assert found["width"] <= width and found["height"] <= height, (number, found)
        assert found["smallest"] >= slides.SMALLEST_TEXT, (number, found)
        assert not found["chrome"], (number, found)
        if number in HEADLINE_SLIDES:
            assert found["headline"] >= 64, (number, found)
