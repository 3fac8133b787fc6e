"""The Friends' edition (`mande publish`): a static site of the public view that opens from a folder or any web
host, with every link whole, the right status on the map, no confidential record anywhere, the same bytes for the
same data, and no WCAG 2.1 AA violation."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from mande import db, edition, i18n
from tests.conftest import append
from tests.serve import browser, chromium_path
from tests.test_app import secretariat  # noqa: F401 (a fixture)

AS_OF, BUILT = date(2024, 5, 10), date(2026, 2, 4)
MARKER = "MARKER"
HOSTILE = '<img src=x onerror="alert(1)">'  # an event title that must show as text, never become markup
# A page of each kind, for the browser and axe-core.
KINDS = ("index.html", "map.html", "map-opcat.html", "results.html", "events.html", "forum.html", "reach.html",
         "about.html", "states.html", "states/TUV.html", "states/DMA.html")
LANGUAGES = ("en", "fr", "ar")  # the site's: English at its root, a language written left to right, and Arabic


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory) -> Path:
    """The edition of the embedded data, as of AS_OF, in LANGUAGES, written into a folder."""
    out = tmp_path_factory.mktemp("edition")
    con = db.connect(built_db)
    try:
        edition.write(edition.build(con, AS_OF, BUILT, languages=LANGUAGES), out)
    finally:
        con.close()
    return out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def _links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def test_every_internal_link_of_every_page_finds_its_file(site):
    pages = sorted(site.rglob("*.html"))
    assert len(list((site / "states").glob("*.html"))) == 195
    broken = []
    for page in pages:
        for link in _links(page):
            address = urlsplit(link)
            if address.scheme in ("http", "https"):
                continue
            assert not address.scheme and not address.netloc and not link.startswith("/"), (page, link)  # relative
            if address.path and not (page.parent / unquote(address.path)).resolve().is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
    assert not broken, broken[:20]


def test_every_page_says_the_dates_in_its_language_and_links_to_itself_in_the_others(site):
    dates = {"en": ("Status as of <strong>10 May 2024</strong>", "confirmed to <strong>3 February 2026</strong>",
                    "edition built on 4 February 2026"),
             "fr": ("Statut au <strong>10 mai 2024</strong>", "confirmées au <strong>3 février 2026</strong>",
                    "édition établie le 4 février 2026"),
             "ar": ("الوضع في <strong>10 مايو 2024</strong>", "حتى <strong>3 فبراير 2026</strong>",
                    "أُعِدّت الطبعة في 4 فبراير 2026")}
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == len(LANGUAGES) * len(list(site.glob("*.html")) + list(site.glob("states/*.html")))
    for page in pages:
        path = page.relative_to(site).as_posix()
        code = path.split("/")[0] if path.split("/")[0] in LANGUAGES else "en"
        own = path.removeprefix(f"{code}/")  # the page's path within its language
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{code}" dir="{i18n.direction(code)}">' in text, path
        assert all(said in text for said in dates[code]), path
        up = "../" * path.count("/")
        for other in LANGUAGES:  # the same page in each language, named in its own
            href = f"{up}{'' if other == 'en' else other + '/'}{own}"
            assert f'href="{href}" hreflang="{other}" lang="{other}"' in text, (path, other)


def test_the_pages_in_french_and_arabic_say_none_of_the_catalogs_english(site):
    from tests.test_languages import english_of_the_catalog, without_the_data
    from tests.test_report import _page_text

    for code in ("fr", "ar"):
        whole, phrases = english_of_the_catalog(code)
        for name in KINDS:
            said = without_the_data(_page_text((site / code / name).read_text(encoding="utf-8")))
            lines = {line.strip() for line in re.split(r"\s{2,}", said)}
            assert not (lines & whole), (code, name, lines & whole)
            assert not [phrase for phrase in phrases if phrase in said], (code, name)
    french_map = (site / "fr" / "map.html").read_text(encoding="utf-8")
    titles = dict(re.findall(r"<title>([^<:]+) ?: ([^<]+)</title>", french_map))
    assert titles["Allemagne"] == titles["Îles Marshall"] == "Partie" and titles["Dominique"] == "Aucune action"
    assert (site / "fr" / "data" / "uncat_parties_by_year.csv").read_text().startswith("Année,")
    assert "Allemagne" in (site / "fr" / "states.html").read_text(encoding="utf-8")


def test_the_map_holds_every_state_with_its_status_on_the_day(site):
    page = (site / "map.html").read_text(encoding="utf-8")
    drawn = page[page.index("<svg"):page.index("</svg>")]  # the map, the page's first figure
    titles = dict(re.findall(r"<title>([^<:]+): ([^<]+)</title>", drawn))
    assert len(titles) == 195
    assert titles["Tuvalu"] == "Party"  # acceded on 25 March 2024
    assert titles["Dominica"] == "No action"
    tuvalu = (site / "states" / "TUV.html").read_text(encoding="utf-8")
    assert "<strong>UNCAT</strong> on 10 May 2024: Party since 25 March 2024 (accession)." in tuvalu


def test_every_chart_has_a_text_alternative_and_its_data(site):
    for name in KINDS:
        text = (site / name).read_text(encoding="utf-8")
        for svg in re.findall(r"<svg [^>]*>", text):
            assert re.search(r'role="graphics-document"[^>]* aria-label="[^"]{20,}"', svg), (name, svg)
        assert "<script" not in text
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/uncat_parties_by_year.csv"' in overview
    assert (site / "data" / "uncat_parties_by_year.csv").read_text().startswith("Year,Became party,")


@pytest.fixture
def hostile_site(data_copy, tmp_path) -> dict[str, bytes]:
    """The edition of a data copy holding confidential records marked MARKER, and a public event whose title is
    markup."""
    append(data_copy / "events.csv",
           "2019-06-closed-session,MARKER-closed-session,annual_forum,2019-06-02,day,,MARKER-city,,Global,"
           "in_person,12,3,MARKER-partner,yes,https://example.org/MARKER,MARKER-note",
           f'2019-07-open,"{HOSTILE.replace(chr(34), chr(34) * 2)}",side_event,2019-07-02,day,,Geneva,CHE,Global,'
           "in_person,,,,no,javascript:alert(1),")
    append(data_copy / "participation.csv",
           "2019-06-closed-session,BTN,government,participant,senior,,,,no,MARKER-source,MARKER-note",
           "2019-07-open,CHE,government,host,senior,,,,no,javascript:alert(1),")
    append(data_copy / "advice.csv", "marker-request-1,2019-05-05,BTN,ratification,yes,no,MARKER-advice")
    path = tmp_path / "hostile.duckdb"
    db.build(data_copy, path)
    con = db.connect(path)
    try:
        return edition.build(con, date(2019, 12, 31), BUILT, languages=("en", "fr"))
    finally:
        con.close()


def test_no_confidential_record_reaches_any_file(hostile_site):
    for path, content in hostile_site.items():
        assert MARKER.encode() not in content, path
        assert b"marker-request" not in content and b"2019-06-closed-session" not in content, path


def test_text_from_the_data_never_becomes_markup_or_a_script_link(hostile_site):
    events_page = hostile_site["events.html"].decode()
    assert HOSTILE not in events_page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in events_page
    for path, content in hostile_site.items():
        assert b'href="javascript:' not in content, path
    assert "&lt;img src=x" in hostile_site["states/CHE.html"].decode()


def test_a_new_edition_over_an_earlier_one_leaves_none_of_its_files_behind(tmp_path):
    """Written over an earlier edition, the files the new one no longer has are gone (an out-of-date CSV file
    must not stay published); any other folder with something in it is refused, untouched."""
    earlier = {"index.html": b"old", "edition.css": b"old", "data/gone.csv": b"old", "states/OLD.html": b"old"}
    edition.write(earlier, tmp_path / "site")
    edition.write({"index.html": b"new", "edition.css": b"new", "states/TUV.html": b"new"}, tmp_path / "site")
    assert sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")) == [
        "edition.css", "index.html", "states", "states/TUV.html"]
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "letter.txt").write_text("mine")
    with pytest.raises(ValueError, match="holds no earlier edition"):
        edition.write({"index.html": b"new", "edition.css": b"new"}, tmp_path / "documents")
    assert [p.name for p in (tmp_path / "documents").iterdir()] == ["letter.txt"]


def test_two_builds_of_the_same_data_are_the_same_bytes(site, built_db):
    con = db.connect(built_db)
    try:
        again = edition.build(con, AS_OF, BUILT, languages=LANGUAGES)
    finally:
        con.close()
    written = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    assert again == written
    assert edition.zipped(again, BUILT) == edition.zipped(written, BUILT)


# --- In Chromium --------------------------------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(
    chromium_path() is None and not os.environ.get("MANDE_REQUIRE_BROWSER"),
    reason="Chromium is not installed (apt-get install chromium); browser tests skipped")


@pytest.fixture(scope="module")
def served(site):
    """The edition through a local web server (Python's http.server, in a thread)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def chromium():
    with browser() as launched:
        yield launched


def _opened(chromium, url: str) -> tuple[list[str], list[str]]:
    """The page at `url` opened, then every link of it followed: the files that failed, and the links broken."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(url)
    assert page.locator("h1").first.is_visible()
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    page.close()
    pages = [link.split("#")[0] for link in links if link.split("#")[0].endswith(".html")]  # a CSV file downloads
    return failed, [link for link in pages if not link.startswith(("http://", "https://")) or "127.0.0.1" in link]


@needs_chromium
@pytest.mark.parametrize("via", ["file", "http"])
def test_every_kind_of_page_opens_with_every_file_it_loads(site, served, chromium, via):
    base = site.as_uri() if via == "file" else served
    for name in KINDS:
        failed, internal = _opened(chromium, f"{base}/{name}")
        assert not failed, (name, failed)
        page = chromium.new_page()
        for link in internal[:12]:  # a sample of its links to pages, followed
            response = page.goto(link)
            assert response is None or response.ok, (name, link)
        page.close()


@needs_chromium
def test_every_kind_of_page_passes_wcag_21_aa(site, chromium):
    from axe_playwright_python.sync_playwright import Axe

    failed = {}
    for viewport in ({"width": 1280, "height": 720}, {"width": 390, "height": 844}):
        page = chromium.new_page(viewport=viewport)
        for name in (*KINDS, "ar/index.html", "ar/map.html", "ar/states/TUV.html", "fr/results.html"):
            page.goto(f"{site.as_uri()}/{name}")
            found = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).response["violations"]
            if found:
                failed[f"{name} at {viewport['width']}"] = [
                    f"{v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in found]
        page.close()
    assert not failed, failed


@needs_chromium
def test_a_right_to_left_page_reads_from_the_right_and_fits_a_phone(site, chromium):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    measured = """() => { const title = document.createRange(), main = document.querySelector("main");
        title.selectNodeContents(document.querySelector("h1"));
        return {direction: getComputedStyle(document.body).direction, wide: document.documentElement.scrollWidth,
                gap: main.getBoundingClientRect().right - title.getBoundingClientRect().right,
                charts: [...document.querySelectorAll("figure.chart svg")].map(svg => getComputedStyle(svg).direction)};
    }"""
    for name in ("index.html", "map.html", "states/MAR.html"):
        page.goto(f"{site.as_uri()}/ar/{name}")
        found = page.evaluate(measured)
        assert found["direction"] == "rtl" and found["wide"] <= 390, (name, found)  # nothing off the page's side
        assert found["gap"] <= 24, (name, found)  # the title's text starts at the right (main's padding: 16 px)
        assert set(found["charts"]) <= {"ltr"}, (name, found)  # a chart keeps its layout (its labels' anchors)
    page.goto(f"{site.as_uri()}/states/MAR.html")
    assert page.evaluate(measured)["gap"] > 100  # in English, "Morocco" ends far from the right
    page.close()


def test_the_secretariat_prepares_the_edition_from_the_public_view(secretariat):  # noqa: F811 (the fixture)
    """Signed in, the Secretariat page builds the edition with a progress bar; the ZIP holds the pages and none
    of the confidential records the signed-in view shows."""
    import io
    import zipfile

    from tests.test_app import _labelled, _sign_in

    at = _sign_in()
    _labelled(at.multiselect, "Also in").set_value(["ar"])
    _labelled(at.button, "Prepare the Friends' edition").click()
    at.run(timeout=240)
    assert not at.exception and not at.error
    name, content = at.session_state["friends_edition_zip"]
    assert any(b.label == f"Download {name}" for b in at.get("download_button"))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        folder = name.removesuffix(".zip")
        assert f"{folder}/index.html" in names and f"{folder}/ar/index.html" in names and len(names) > 800
        assert not any(name.startswith(f"{folder}/fr/") for name in names)  # only the languages chosen
        assert not any(b"MARKER" in archive.read(n) for n in names)
