"""The dashboard in a real browser: Streamlit serves app.py, Debian's Chromium renders it.

Each test opens a page, waits until Streamlit has finished the script run and the page's elements are drawn,
and checks what a reader sees. The server uses a private database ($MANDE_DB) built from data/ on first use.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

from mande import i18n
from tests.serve import REPO_DIR, browser, chromium_path, sign_in, streamlit_server, wait_until_rendered
from tests.test_languages import english_of_the_catalog, without_the_data
from tests.test_untc import needs_pages

if chromium_path() is None:
    if os.environ.get("MANDE_REQUIRE_BROWSER"):  # set by .ci/run: there, a missing browser is a failure
        raise RuntimeError("MANDE_REQUIRE_BROWSER is set but Chromium is not installed")
    pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped", allow_module_level=True)

METRIC = '[data-testid="stMetric"]'
# Streamlit 1.67 draws st.altair_chart in a stVegaLiteChart element, as an <svg class="marks"> (or a canvas).
DRAWN_CHART = '[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas'
EXCEPTION = '[data-testid="stException"]'


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("browser") / "mande.duckdb"
    with streamlit_server(REPO_DIR / "app.py", env={"MANDE_DB": str(db)}) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with browser() as launched:
        yield launched


@contextmanager
def _new_page(chromium, width: int, height: int):
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.fixture
def page(chromium):
    with _new_page(chromium, 1400, 1000) as opened:
        yield opened


@pytest.fixture
def projector(chromium):
    """A page as wide as a common projector's screen, 1280 x 720."""
    with _new_page(chromium, 1280, 720) as opened:
        yield opened


def parties_metrics(page) -> list[str]:
    return [text for text in page.locator(METRIC).all_inner_texts() if "States parties" in text]


def test_overview_shows_uncat_parties_and_a_chart(app_url, page):
    page.goto(f"{app_url}/")
    wait_until_rendered(page, METRIC)
    wait_until_rendered(page, DRAWN_CHART)
    uncat = parties_metrics(page)
    assert uncat, page.locator(METRIC).all_inner_texts()
    assert "175 of 195" in uncat[0]  # the UN Treaty Collection, 3 Feb 2026
    assert page.locator(DRAWN_CHART).count() >= 1
    assert page.locator(EXCEPTION).count() == 0


def test_overview_keeps_the_date_in_the_url(app_url, page):
    page.goto(f"{app_url}/?as_of=2014-03-03")
    wait_until_rendered(page, METRIC)
    # Once drawn for the date of the link (a loaded machine has shown a run still catching up with the URL).
    page.locator(METRIC).filter(has_text="States parties").first.filter(has_text="154 of 195").wait_for(timeout=30_000)
    uncat = parties_metrics(page)
    assert uncat and "154 of 195" in uncat[0], uncat
    assert "as_of=2014-03-03" in page.url
    assert page.locator(EXCEPTION).count() == 0


def test_about_explains_how_status_is_computed(app_url, page):
    page.goto(f"{app_url}/about")
    wait_until_rendered(page, '[data-testid="stMarkdown"] table')
    heading = page.get_by_role("heading", name="How treaty status is computed")
    assert heading.is_visible()
    assert page.locator(EXCEPTION).count() == 0


MAP_MARKS = ", ".join(f'[data-testid="stVegaLiteChart"] path[aria-roledescription="{mark}"]'
                      for mark in ("geoshape", "circle"))


def test_a_shared_map_link_opened_first_after_a_restart_keeps_the_app_and_the_view(tmp_path, chromium):
    """A shared link to /map, the first request of a fresh process, runs through app.py: its sidebar and its
    navigation (a folder named pages/ would have Streamlit run the page's file on its own instead)."""
    fresh = {"MANDE_DB": str(tmp_path / "fresh.duckdb")}
    with streamlit_server(REPO_DIR / "app.py", env=fresh) as url, _new_page(chromium, 1400, 1000) as page:
        page.goto(f"{url}/map?treaty=OPCAT&as_of=2024-05-10&grouping=Small+Island+Developing+States&group=Pacific")
        wait_until_rendered(page, METRIC)
        wait_until_rendered(page, DRAWN_CHART)
        navigation = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Ratification map" in navigation and "Overview" in navigation
        assert "Treaty data as of" in page.locator('[data-testid="stSidebar"]').inner_text()  # app.py's sidebar
        assert page.get_by_text("Page not found").count() == 0
        assert "1 of 13" in page.locator(METRIC).first.inner_text()
        assert page.locator(EXCEPTION).count() == 0


def test_the_map_draws_all_195_states(app_url, page):
    page.goto(f"{app_url}/map?as_of=2024-05-10")
    wait_until_rendered(page, DRAWN_CHART)
    page.wait_for_function(f"document.querySelectorAll('{MAP_MARKS}').length >= 195")
    described = page.eval_on_selector_all(MAP_MARKS, "marks => marks.map(m => m.getAttribute('aria-label'))")
    names = {label.split(": ")[0] for label in described if label}
    assert len(names) == 195
    assert "Tuvalu" in names and "Holy See" in names and "Saint Lucia" in names


PROFILE = "h2"  # the State's name heads its profile


@pytest.mark.parametrize(("iso3", "name", "shown"), [
    ("DMA", "Dominica", ("5 December 2024", "Party since 5 December 2024 (accession).")),
    ("TUV", "Tuvalu", ("25 March 2024", "Party since 25 March 2024 (accession).")),
    ("PLW", "Palau", ("20 September 2011", "Signatory since 20 September 2011, not party.")),
])
def test_a_state_profile_shows_its_treaty_actions_on_a_time_line(app_url, page, iso3, name, shown):
    page.goto(f"{app_url}/state?iso3={iso3}")
    wait_until_rendered(page, DRAWN_CHART)
    assert page.locator(PROFILE).first.inner_text() == name
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert all(words in text for words in shown), text[:2000]
    points = page.eval_on_selector_all('[data-testid="stVegaLiteChart"] path[aria-roledescription="point"]',
                                       "marks => marks.map(m => m.getAttribute('aria-label'))")
    assert any(shown[0] in (label or "") for label in points), points  # the action, on the time line
    assert page.locator(EXCEPTION).count() == 0


def test_any_state_is_found_by_part_of_its_name_from_any_page(app_url, page):
    page.goto(f"{app_url}/events")
    wait_until_rendered(page, DRAWN_CHART)
    search = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Find a State")
    search.click()
    page.keyboard.type("tuv")
    options = page.get_by_role("option")
    assert options.all_inner_texts() == ["Tuvalu"]
    options.first.click()
    _is_profile_of(page, "TUV", "Tuvalu")


def test_clicking_a_state_on_the_map_opens_its_profile(app_url, page):
    page.goto(f"{app_url}/map")
    wait_until_rendered(page, DRAWN_CHART)
    brazil = page.locator('[data-testid="stVegaLiteChart"] path[aria-label="Brazil: Party"]')
    brazil.click()
    _is_profile_of(page, "BRA", "Brazil")


def test_a_state_named_in_a_table_links_to_its_profile(app_url, page):
    page.goto(f"{app_url}/")
    wait_until_rendered(page, METRIC)
    link = page.get_by_role("link", name="Dominica", exact=True).first
    assert link.get_attribute("href") == "state?iso3=DMA&lang=en"
    with page.context.expect_page() as opened:  # Streamlit opens a Markdown link in a new tab
        link.click()
    _is_profile_of(opened.value, "DMA", "Dominica")
    opened.value.close()


def _is_profile_of(page, iso3: str, name: str) -> None:
    page.wait_for_url(f"**/state?iso3={iso3}**")
    wait_until_rendered(page, PROFILE)
    assert page.locator(PROFILE).first.inner_text() == name


# Visible elements drawn wider than their room (a metric's label is cut with an ellipsis, by design).
OVERFLOWING = """() => [document.documentElement, ...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .filter(e => e.clientWidth > 0 && !e.closest('[data-testid="stMetric"]') && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.innerText.slice(0, 80))"""


def test_a_profile_fits_a_phone_its_wide_tables_scrolling_in_their_own_box(app_url, chromium):
    with _new_page(chromium, 390, 844) as phone:
        phone.goto(f"{app_url}/state?iso3=TUV")  # its Source cell holds a long address
        wait_until_rendered(phone, DRAWN_CHART)
        assert phone.evaluate(OVERFLOWING) == []
        tables = phone.eval_on_selector_all('[data-testid="stMarkdownContainer"] table',
                                            "ts => ts.map(t => [t.scrollWidth > t.clientWidth, "
                                            "getComputedStyle(t).overflowX])")
        assert [True, "auto"] in tables  # the actions' table is wider than the phone, and scrolls


def test_the_annual_forum_page_on_a_projector(app_url, projector):
    """At a projector's 1280 x 720, the Forum page draws its figures, shows gaps as gaps, and fits the width."""
    page = projector
    page.goto(f"{app_url}/forum")
    wait_until_rendered(page, METRIC)
    wait_until_rendered(page, DRAWN_CHART)
    page.wait_for_function(f"document.querySelectorAll('{DRAWN_CHART}').length >= 6")
    assert page.get_by_role("heading", name="Annual Forum", exact=True).is_visible()
    assert "46" in page.locator(METRIC).first.inner_text()  # the 2022 Forum's participants
    gaps = page.locator('[data-testid="stVegaLiteChart"] text').filter(has_text="not recorded")
    assert gaps.count() >= 4, "a Forum without a figure must say so in the chart"
    assert not page.evaluate(OVERFLOWING), "text or tables wider than the projector's screen"
    assert page.locator(EXCEPTION).count() == 0


def test_the_events_page_filters_and_opens_an_event_from_a_link(app_url, projector):
    page = projector
    page.goto(f"{app_url}/events?type=Regional+seminar&years=2016&years=2016&event=2016-10-natadola-pacific-seminar")
    wait_until_rendered(page, METRIC)
    page.wait_for_function(f"document.querySelectorAll('{DRAWN_CHART}').length >= 2")  # the grid and the map
    assert page.get_by_text("3 events", exact=True).is_visible()
    assert page.get_by_role("heading", name="Pacific regional seminar", exact=False).is_visible()
    assert "not recorded" in page.locator(METRIC).first.inner_text()
    assert page.locator('[data-testid="stMarkdown"] table').filter(has_text="Tuvalu").count() == 1
    assert page.locator('a[href^="https://cti2024.org/"]').count() >= 1
    assert not page.evaluate(OVERFLOWING), "text or tables wider than the screen"
    assert page.locator(EXCEPTION).count() == 0


def test_the_results_scorecard(app_url, projector):
    page = projector
    page.goto(f"{app_url}/results")
    wait_until_rendered(page, METRIC)
    page.wait_for_function(f"document.querySelectorAll('{DRAWN_CHART}').length >= 4")  # a scorecard per result
    assert page.get_by_role("heading", name="Results against targets").is_visible()
    texts = page.eval_on_selector_all('[data-testid="stVegaLiteChart"] text', "marks => marks.map(m => m.textContent)")
    assert "4 / 4" in texts and "met" in texts  # R1.1 in 2019, its status in words
    assert any(t.endswith("· illustrative") for t in texts)  # sample figures say so on the chart itself
    assert not page.evaluate(OVERFLOWING), "text or tables wider than the projector's screen"
    assert page.locator(EXCEPTION).count() == 0


# --- The Secretariat's workflow, and what the public view never shows -----------------------------------

PASSWORD = "correct horse battery staple"
CLOSED_EVENT = ("2019-06-closed-session,MARKER-closed-session,side_event,2019-06-02,day,,MARKER-city,CHE,Global,"
                "in_person,12,3,MARKER-partner,yes,https://example.org/MARKER,MARKER-note")


@pytest.fixture
def secretariat_app(tmp_path):
    """The app on a copy of the data holding confidential records marked MARKER, with a Secretariat password."""
    import shutil

    from mande import auth
    from tests.conftest import DATA, append

    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(".mande"))
    append(data / "events.csv", CLOSED_EVENT)
    append(data / "participation.csv", "2019-06-closed-session,BTN,government,participant,senior,,,,no,MARKER-src,")
    append(data / "advice.csv", "marker-request-1,2019-05-05,BTN,ratification,yes,no,MARKER-advice")
    env = {"MANDE_DATA": str(data), "MANDE_DB": str(tmp_path / "app.duckdb"),
           auth.ENV_HASH: auth.hash_password(PASSWORD)}
    with streamlit_server(REPO_DIR / "app.py", env=env) as url:
        yield url, data


def _sign_in(page, url: str) -> None:
    sign_in(page, url, PASSWORD)


def test_the_secretariat_updates_a_table_and_the_dashboard_changes(secretariat_app, page, tmp_path):
    url, data = secretariat_app
    page.goto(f"{url}/events")
    wait_until_rendered(page, DRAWN_CHART)
    assert page.get_by_text("64 events", exact=True).is_visible()

    _sign_in(page, url)
    table = page.locator('[data-testid="stSelectbox"]').filter(has_text="Table")
    table.click()
    page.keyboard.type("events.csv")
    page.keyboard.press("Enter")
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Upload a new events.csv")
    uploader.wait_for()
    bad = tmp_path / "bad" / "events.csv"
    bad.parent.mkdir()
    bad.write_text((data / "events.csv").read_text() + "2099-bad,A bad row,seminar,31/12/2099,day,,,,,,,,,no,src,\n")
    uploader.locator('input[type="file"]').set_input_files(str(bad))
    page.get_by_text("Fix these in the file and upload it again").wait_for()
    problems = page.locator('[data-testid="stMarkdown"] table').filter(has_text="How to fix").inner_text()
    assert "type" in problems and "start_date" in problems and "31/12/2099" in problems

    good = tmp_path / "good" / "events.csv"
    good.parent.mkdir()
    good.write_text((data / "events.csv").read_text()
                    + "2025-03-geneva-new-seminar,A new seminar,regional_seminar,2025-03-04,day,,Geneva,CHE,Global,"
                      "in_person,40,12,,no,https://example.org/new,\n")
    uploader.locator('input[type="file"]').set_input_files(str(good))
    page.get_by_text("Here is what it would change").wait_for()
    assert "1" in page.locator(METRIC).filter(has_text="Rows added").inner_text()
    page.get_by_role("button", name="Apply this update").click()
    page.get_by_text("applied: every page shows the new data now").wait_for()

    page.goto(f"{url}/events")
    wait_until_rendered(page, DRAWN_CHART)
    assert page.get_by_text("65 events", exact=False).first.is_visible()  # the Secretariat also sees the closed one
    assert page.locator(EXCEPTION).count() == 0


@needs_pages
def test_the_secretariat_uploads_a_saved_un_treaty_collection_page(secretariat_app, page, tmp_path):
    """The depositary's page, saved from a browser and uploaded: the preview, then the update, then the map."""
    from tests.test_untc import BEFORE, OPCAT_PAGE

    url, data = secretariat_app
    old = BEFORE.read_bytes()
    (data / "treaty_actions.csv").write_bytes(old)
    _sign_in(page, url)
    page.get_by_role("tab", name="From the UN Treaty Collection").click()
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Upload the saved status page")
    uploader.wait_for()
    uploader.locator('input[type="file"]').set_input_files(str(OPCAT_PAGE))
    page.get_by_text("3 actions to add, 6 to change.", exact=False).wait_for()
    assert "3" in page.locator(METRIC).filter(has_text="Actions to add").inner_text()
    assert page.get_by_text("Slovakia (SVK)").count() >= 1
    page.get_by_role("button", name="Apply these changes").click()
    page.get_by_text("applied from the UN Treaty Collection").wait_for()

    page.goto(f"{url}/map?treaty=OPCAT&as_of=2025-11-10")
    wait_until_rendered(page, METRIC)
    assert "96 of 195" in page.locator(METRIC).first.inner_text()
    assert page.locator(EXCEPTION).count() == 0


def test_the_public_view_never_holds_a_confidential_record(secretariat_app, page):
    url, _ = secretariat_app
    for path in ("/", "/map", "/results", "/events?event=2019-06-closed-session", "/forum", "/reach", "/about",
                 "/state?iso3=BTN", "/secretariat", "/present?slide=4"):
        page.goto(url + path)
        wait_until_rendered(page, "h1")
        page.wait_for_timeout(500)  # charts' data arrive with the page; give them a moment to be drawn
        html = page.content()
        assert "MARKER" not in html and "marker-request" not in html and "closed-session" not in html, path
        assert page.locator(EXCEPTION).count() == 0, path
    page.goto(f"{url}/events")
    wait_until_rendered(page, DRAWN_CHART)
    page.get_by_text("The 64 events, with their sources").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").last.click()
    listed = open(download.value.path(), encoding="utf-8").read()
    assert "2022-04-bali-asia-pacific-seminar" in listed and "MARKER" not in listed


def test_an_import_from_the_command_line_reaches_the_running_dashboard(secretariat_app, page, tmp_path):
    """`mande import` while the app serves: the next page load shows the new data, with no restart."""
    import subprocess
    import sys

    url, data = secretariat_app
    page.goto(f"{url}/events")
    wait_until_rendered(page, DRAWN_CHART)
    assert page.get_by_text("64 events", exact=True).is_visible()
    new = tmp_path / "new" / "events.csv"
    new.parent.mkdir()
    new.write_text((data / "events.csv").read_text()
                   + "2025-05-online-new-webinar,A new webinar,webinar,2025-05-06,day,,,,Global,online,,,,no,"
                     "https://example.org/webinar,\n")
    env = {**os.environ, "MANDE_DATA": str(data), "MANDE_DB": str(tmp_path / "app.duckdb")}
    done = subprocess.run([sys.executable, "-m", "mande", "import", str(new), "--table", "events", "--who", "script"],
                          env=env, cwd=REPO_DIR, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page.reload()
    wait_until_rendered(page, DRAWN_CHART)
    assert page.get_by_text("65 events", exact=True).is_visible()


HOSTILE = ("See www.un.org, mail user@example.org, open <https://evil.example/a> or https://evil.example/b; "
           "&lt;b&gt;not bold&lt;/b&gt; &amp; *x* <b>y</b>")
MARKDOWN_PAGE = '''
import pandas as pd
import streamlit as st

from mande.tables import escape, links, markdown_table

HOSTILE = {hostile!r}
st.markdown(escape(HOSTILE))
rows = pd.DataFrame({{"Event": [HOSTILE], "Sources": [links({sources!r})]}})
st.markdown(markdown_table(rows, markdown=("Sources",)))
'''


def test_text_from_files_is_shown_as_text_and_a_link_is_labelled_by_its_real_host(tmp_path, chromium):
    """Streamlit's Markdown makes links of bare addresses and decodes entities; only AppTest's view of the
    Markdown source is not enough: this is the HTML that Chromium draws."""
    sources = "https://www.apt.ch/en/news ; https://www.un.org@evil.example/ ; https://user:pw@evil.example:8443/"
    script = tmp_path / "markdown_page.py"
    script.write_text(MARKDOWN_PAGE.format(hostile=HOSTILE, sources=sources))
    with streamlit_server(script, env={"PYTHONPATH": str(REPO_DIR)}) as url, _new_page(chromium, 1400, 1000) as page:
        page.goto(url)
        wait_until_rendered(page, '[data-testid="stMarkdown"] table')
        assert page.locator(EXCEPTION).count() == 0
        shown = page.locator('[data-testid="stMarkdown"]')
        paragraph, table = shown.nth(0), shown.nth(1)
        assert paragraph.inner_text().replace("\u2060", "") == HOSTILE
        assert paragraph.locator("a, b, em").count() == 0
        cells = table.locator("td")
        assert cells.nth(0).inner_text().replace("\u2060", "") == HOSTILE
        assert cells.nth(0).locator("a, b, em").count() == 0
        # The one real source is a link named by its site; an address with a user name before its host (which
        # shows un.org but goes to evil.example) is shown as text, never linked.
        linked = cells.nth(1).locator("a")
        assert linked.count() == 1
        assert linked.inner_text() == "apt.ch"
        assert linked.get_attribute("href") == "https://www.apt.ch/en/news"
        assert "evil.example" in cells.nth(1).inner_text()


_TEXTS_JS = """() => [...document.querySelectorAll('[data-testid="stApp"] *')]
    .filter(e => e.children.length === 0 && e.offsetParent !== null)
    .map(e => e.textContent.trim()).filter(t => t)"""


@pytest.mark.parametrize("code", [code for code in i18n.OFFERED if code != i18n.ENGLISH])
@pytest.mark.parametrize("path", ["/", "/map", "/results", "/forum", "/reach"])
def test_a_page_in_another_language_holds_none_of_the_catalogs_english(app_url, page, code, path):
    page.set_viewport_size({"width": 1280, "height": 720})  # a laptop's screen, where a long figure is cut first
    page.goto(f"{app_url}{path}?lang={code}")
    wait_until_rendered(page, DRAWN_CHART)
    whole, phrases = english_of_the_catalog(code)
    texts = [without_the_data(text) for text in page.evaluate(_TEXTS_JS)]  # the data's words stay as written
    shown = "\n".join(texts)
    assert not [t for t in texts if t in whole], [t for t in texts if t in whole]
    assert not [p for p in phrases if p in shown], [p for p in phrases if p in shown]
    assert page.locator(EXCEPTION).count() == 0
    direction = page.evaluate("""getComputedStyle(document.querySelector('[data-testid="stMain"]')).direction""")
    assert direction == ("rtl" if code == "ar" else "ltr")
    cut = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)""")
    assert not cut, cut  # no figure cut short ("175 من …")


def test_the_french_map_names_the_states_in_french(app_url, page):
    page.goto(f"{app_url}/map?lang=fr")
    wait_until_rendered(page, DRAWN_CHART)
    page.wait_for_function(f"document.querySelectorAll('{MAP_MARKS}').length >= 195")
    described = page.eval_on_selector_all(MAP_MARKS, "marks => marks.map(m => m.getAttribute('aria-label'))")
    named = " ".join(label for label in described if label)
    assert "Allemagne" in named and "Îles Marshall" in named and "Germany" not in named


def test_the_language_chosen_in_the_sidebar_stays_in_the_address(app_url, page):
    page.goto(f"{app_url}/map")
    wait_until_rendered(page, DRAWN_CHART)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Language").click()
    page.get_by_role("option", name="Français").click()
    page.wait_for_url("**lang=fr**")
    wait_until_rendered(page, DRAWN_CHART)
    assert "Carte des ratifications" in page.locator('[data-testid="stSidebarNav"]').inner_text()
