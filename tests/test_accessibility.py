"""Every page passes axe-core's WCAG 2.1 AA rules in Chromium, signed out and signed in.

axe-playwright-python runs the axe-core script it ships inside the page as the browser drew it.
"""

from __future__ import annotations

import os

import pytest

from tests.serve import app_page, chromium_path, sign_in, wait_until_rendered

if chromium_path() is None:
    if os.environ.get("MANDE_REQUIRE_BROWSER"):
        raise RuntimeError("MANDE_REQUIRE_BROWSER is set but Chromium is not installed")
    pytest.skip("Chromium is not installed (apt-get install chromium); accessibility tests skipped",
                allow_module_level=True)

PASSWORD = "correct horse battery staple"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# Each page by its name in the navigation, and its address (one event and one Forum shown in detail).
PAGES = {
    "Overview": "/", "Ratification map": "/map", "Results": "/results",
    "Events": "/events?event=2021-09-geneva-hrc48-ldc-sids-briefing",
    "Annual Forum": "/forum?forum=2022-12-geneva-annual-forum", "Reach": "/reach",
    "State profile": "/state?iso3=FJI", "About the data": "/about",
    "Secretariat": "/secretariat", "Presentation": "/present?slide=3",
}
LAST = "Presentation"  # it hides the sidebar, so its link is followed last


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from mande import auth

    env = {"MANDE_DB": str(tmp_path_factory.mktemp("a11y") / "mande.duckdb"),
           auth.ENV_HASH: auth.hash_password(PASSWORD)}
    with app_page(env) as (url, page):
        yield url, page


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    wait_until_rendered(page, "h1")
    page.wait_for_timeout(800)  # charts are drawn just after the run ends
    found = Axe().run(page, options=WCAG_21_AA).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][0]['target']}" for v in found]


def test_every_page_passes_wcag_21_aa_signed_out(app):
    url, page = app
    failed = {}
    for name, path in PAGES.items():
        page.goto(url + path)
        if found := _violations(page):
            failed[name] = found
        if name == "Ratification map":  # a chart is named by its description
            label = page.locator('[data-testid="stVegaLiteChart"]').first.get_attribute("aria-label")
            assert label.startswith("A world map with each State coloured by its UNCAT status")
    assert not failed, failed


def test_every_page_passes_wcag_21_aa_signed_in(app):
    url, page = app
    sign_in(page, url, PASSWORD, "Accessibility Test")
    failed = {}
    for tab in ("Update a table", "From the UN Treaty Collection", "History", "Export everything",
                "Annual report"):
        page.get_by_role("tab", name=tab).click()
        if found := _violations(page):
            failed[f"Secretariat: {tab}"] = found
    for name in [*(n for n in PAGES if n != LAST), LAST]:  # through the navigation, which keeps the session
        if name == LAST:  # (a new page load would sign out)
            assert page.get_by_text("Secretariat view").first.is_visible()  # still signed in
        page.get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(lambda address, name=name: name == "Overview" or PAGES[name].split("?")[0] in address)
        if found := _violations(page):
            failed[name] = found
    assert not failed, failed
