"""The dashboard in a real browser: Streamlit serves app.py, Debian's Chromium renders it.

Each test opens a page, waits until Streamlit has finished the script run and the page's elements are drawn,
and checks what a reader sees. The server uses a private database ($MANDE_DB) built from data/ on first use.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

from tests.serve import REPO_DIR, browser, chromium_path, streamlit_server, wait_until_rendered

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
    assert "174 of 195" in uncat[0]
    assert page.locator(DRAWN_CHART).count() >= 1
    assert page.locator(EXCEPTION).count() == 0


def test_overview_keeps_the_date_in_the_url(app_url, page):
    page.goto(f"{app_url}/?as_of=2014-03-03")
    wait_until_rendered(page, METRIC)
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
    """Streamlit runs pages/map.py on its own for the first request of a process; the page must re-route."""
    fresh = {"MANDE_DB": str(tmp_path / "fresh.duckdb")}
    with streamlit_server(REPO_DIR / "app.py", env=fresh) as url, _new_page(chromium, 1400, 1000) as page:
        page.goto(f"{url}/map?treaty=OPCAT&as_of=2024-05-10&grouping=Small+Island+Developing+States&group=Pacific")
        wait_until_rendered(page, METRIC)
        wait_until_rendered(page, DRAWN_CHART)
        navigation = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Ratification map" in navigation and "Overview" in navigation
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


# Visible elements drawn wider than their room (a metric's label is cut with an ellipsis, by design).
OVERFLOWING = """() => [document.documentElement, ...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .filter(e => e.clientWidth > 0 && !e.closest('[data-testid="stMetric"]') && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.innerText.slice(0, 80))"""


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
