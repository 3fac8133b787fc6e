"""The dashboard in a real browser: Streamlit serves app.py, Debian's Chromium renders it.

Each test opens a page, waits until Streamlit has finished the script run and the page's elements are drawn,
and checks what a reader sees. The server uses a private database ($MANDE_DB) built from data/ on first use.
"""

from __future__ import annotations

import os

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


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


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
    with streamlit_server(REPO_DIR / "app.py", env={"MANDE_DB": str(tmp_path / "fresh.duckdb")}) as url:
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{url}/map?treaty=OPCAT&as_of=2024-05-10&grouping=Small+Island+Developing+States&group=Pacific")
        wait_until_rendered(page, METRIC)
        wait_until_rendered(page, DRAWN_CHART)
        navigation = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Ratification map" in navigation and "Overview" in navigation
        assert page.get_by_text("Page not found").count() == 0
        assert "1 of 13" in page.locator(METRIC).first.inner_text()
        assert page.locator(EXCEPTION).count() == 0
        context.close()


def test_the_map_draws_all_195_states(app_url, page):
    page.goto(f"{app_url}/map?as_of=2024-05-10")
    wait_until_rendered(page, DRAWN_CHART)
    page.wait_for_function(f"document.querySelectorAll('{MAP_MARKS}').length >= 195")
    described = page.eval_on_selector_all(MAP_MARKS, "marks => marks.map(m => m.getAttribute('aria-label'))")
    names = {label.split(": ")[0] for label in described if label}
    assert len(names) == 195
    assert "Tuvalu" in names and "Holy See" in names and "Saint Lucia" in names
