"""The public annual report (`mande report`): its figures as the pages show them, its pages, its accessibility,
no confidential record in it, text from the data files shown as written, and the same file for the same data."""

from __future__ import annotations

import io
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from mande import cli, db, i18n, profiles, report, results, status, typeset
from mande.ui import widgets
from tests.conftest import append
from tests.serve import browser, chromium_path
from tests.test_app import _labelled, _sign_in, secretariat  # noqa: F401 (secretariat: a fixture)

BUILT = date(2026, 3, 1)


def _text(pdf: bytes) -> str:
    """The PDF's text, one line per line of the page, white space made single."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"[ \t\u2060]+", " ", text)


@pytest.fixture(scope="module")
def reports(built_db) -> dict[int, tuple[bytes, str]]:
    """The reports of 2024 and 2020 on the embedded data: PDF bytes and HTML text, from `mande report`."""
    made = {}
    for year in (2024, 2020):
        con = db.connect(built_db)
        try:
            built = report.build(con, year, BUILT)
        finally:
            con.close()
        made[year] = (typeset.pdf(built), typeset.html_page(built))
    return made


def _overview(as_of: date) -> dict[str, list[str]]:
    """The Overview's figures on `as_of`, as the page shows them: each metric's label -> its values."""
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["as_of"] = as_of.isoformat()
    at.run()
    assert not at.exception
    values: dict[str, list[str]] = {}
    for metric in at.metric:
        values.setdefault(metric.label, []).append(metric.value)
    return values


@pytest.mark.parametrize("year", [2024, 2020])
def test_the_report_holds_the_years_figures_as_the_overview_shows_them(reports, year):
    pdf, page = reports[year]
    text = _text(pdf)
    assert text.startswith(f"Convention against Torture Initiative\nAnnual report {year}")
    shown = _overview(date(year, 12, 31))
    for i, treaty in enumerate(("UNCAT", "OPCAT")):
        parties = shown["States parties"][i]  # "175 of 195"
        assert re.search(rf"{treaty} States parties \d+ {parties} [+-]\d+", text), (treaty, parties)
        for label in ("Signatories", "No action", "Still to join"):
            assert re.search(rf"{treaty} {label} \d+ {shown[label][i]} [+-]\d+", text), (treaty, label)
        assert f"{parties.split(' of ')[0]} of the 195 States were party to {treaty}" in page


@pytest.mark.parametrize("year", [2024, 2020])
def test_the_report_names_every_indicator_of_the_year(reports, built_db, year):
    con = db.connect(built_db)
    expected = set(results.results(con, year, year, BUILT).indicator_id)
    con.close()
    pdf, page = reports[year]
    text = _text(pdf)
    assert all(i in text and i in page for i in expected), expected
    if year == 2024:  # the framework in the data runs 2018-2020: said in words
        assert not expected and "The results framework sets no target for 2024" in text
    else:
        assert expected and "illustrative" in text  # sample figures are labelled as such


def test_every_page_of_the_report_is_numbered_and_drawn(reports, tmp_path):
    pdf, _ = reports[2024]
    (tmp_path / "report.pdf").write_bytes(pdf)
    pages = PdfReader(tmp_path / "report.pdf").pages
    assert len(pages) >= 5 and all(abs(float(p.mediabox.width) - 595.3) < 1 for p in pages)  # A4
    text = _text(pdf)
    assert "Contents" in text and f"2 / {len(pages) - 1}" in text  # the cover has no number
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(tmp_path / "report.pdf"), str(tmp_path / "page")], check=True)
    from PIL import Image

    drawn = sorted(tmp_path.glob("page-*.png"))
    assert len(drawn) == len(pages)
    for png in drawn:
        darkest, _ = Image.open(png).convert("L").getextrema()
        assert darkest < 200, f"{png.name} is blank"  # at least some grey text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "report.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded


def test_two_builds_of_the_same_data_on_the_same_day_are_the_same_file(reports, built_db):
    con = db.connect(built_db)
    again = report.build(con, 2024, BUILT)
    con.close()
    assert typeset.pdf(again) == reports[2024][0]
    assert typeset.html_page(again) == reports[2024][1]


def test_since_the_last_forum_stays_within_the_reports_year(built_db):
    """The 2020 report counts from the last Annual Forum over before its last day, up to 31 December 2020: none
    of the actions after it (Tuvalu's of 2024, say) is in it."""
    from mande import forums

    con = db.connect(built_db)
    try:
        last = forums.last_before(forums.year_by_year(con), date(2020, 12, 31))
        since = last.start_date.date()
        expected = status.actions_since(con, since, date(2020, 12, 31))
        html = typeset.html_page(report.build(con, 2020, BUILT))
    finally:
        con.close()
    assert since.year < 2021 and not expected.empty
    assert f"Since {since.day} {since:%B %Y}" in html
    assert "up to 31 December 2020, the report" in html
    section = html[html.rindex(f"Since {since.day} {since:%B %Y}"):html.rindex("Indicators whose status changed")]
    assert all(name in section for name in expected["name"])
    assert "Tuvalu" not in section


def test_a_year_with_no_data_says_so(built_db):
    con = db.connect(built_db)
    built = report.build(con, 2035, BUILT)
    con.close()
    text = _text(typeset.pdf(built))
    assert "There is no data for 2035 yet: the treaty data is confirmed only to" in text
    assert "Sources and notes" in text


def test_the_report_holds_no_confidential_record_and_shows_data_as_written(data_copy, tmp_path):
    hostile = '#text(red)[x] <script>alert(1)</script> *bold* \\" $1$ @ref'
    append(data_copy / "events.csv",
           "2019-06-closed-session,MARKER-closed-session,side_event,2019-06-02,day,,MARKER-city,CHE,Global,"
           "in_person,12,3,MARKER-partner,yes,https://example.org/MARKER,MARKER-note",
           f'2019-07-hostile,"{hostile.replace(chr(34), chr(34) * 2)}",side_event,2019-07-02,day,,Geneva,CHE,Global,'
           "in_person,,,,no,https://example.org/hostile,")
    append(data_copy / "participation.csv",
           "2019-06-closed-session,BTN,government,participant,senior,,,,no,MARKER-source,MARKER-note")
    append(data_copy / "advice.csv", "marker-request-1,2019-05-05,BTN,ratification,yes,no,MARKER-advice")
    path = tmp_path / "confidential.duckdb"
    db.build(data_copy, path)
    con = db.connect(path)
    built = report.build(con, 2019, BUILT, since=date(2019, 1, 1))
    con.close()
    text, page = _text(typeset.pdf(built)), typeset.html_page(built)
    for shown in (text, page):
        assert "MARKER" not in shown and "closed-session" not in shown and "marker-request" not in shown
    one_line = " ".join(text.split())
    assert "which the public view counts by year but does not list: 2019: fewer than 3." in one_line
    assert "#text(red)[x] <script>alert(1)</script> *bold*" in one_line
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page


def test_mande_report_writes_the_pdf_and_the_html(built_db, tmp_path, capsys):
    assert cli.main(["report", "--year", "2024", "--out", str(tmp_path / "r.html")]) == 0
    assert "the annual report of 2024" in capsys.readouterr().out
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert cli.main(["report", "--year", "2024", "--out", str(tmp_path / "r.txt")]) == 2
    assert "name the file .pdf or .html" in capsys.readouterr().err


def test_the_html_report_passes_wcag_21_aa(reports):
    if chromium_path() is None:
        if os.environ.get("MANDE_REQUIRE_BROWSER"):
            raise RuntimeError("MANDE_REQUIRE_BROWSER is set but Chromium is not installed")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_accessibility import WCAG_21_AA

    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        for year in (2024, 2020):
            page.set_content(reports[year][1])
            found = Axe().run(page, options=WCAG_21_AA).response["violations"]
            assert not found, [f"{v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in found]
        page.close()


def test_the_secretariat_page_offers_the_public_report(secretariat):  # noqa: F811 (the fixture)
    at = _sign_in()
    assert "Annual report" in [t.label for t in at.tabs]
    _labelled(at.number_input, "Year").set_value(2019)
    _labelled(at.button, "Prepare the report").click()
    at.run()
    assert not at.exception and not at.error
    name, content, mime = at.session_state["annual_report"]
    assert name == "cti_annual_report_2019_en.pdf" and mime == "application/pdf"
    assert "Annual report 2019" in _text(content) and "MARKER" not in _text(content)  # signed in, still public
    assert any(b.label == f"Download {name}" for b in at.get("download_button"))


def test_a_chart_downloads_as_png_and_svg(built_db):
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Download PNG") == labels.count("Download SVG") >= 1
    con = db.connect(built_db)
    history = status.parties_by_year(con, "UNCAT", 1985, 2024)
    con.close()
    spec = widgets._spec(__import__("mande.charts").charts.parties_over_time, ("UNCAT", 195, None), None)
    assert widgets.picture(spec, history, "png").startswith(b"\x89PNG")
    svg = widgets.picture(spec, history, "svg").decode()
    assert svg.startswith("<svg") and "UNCAT States parties at the end of each year" in svg


def test_the_report_is_written_by_path(built_db, tmp_path):
    con = db.connect(built_db)
    built = report.build(con, 2024, BUILT)
    con.close()
    with pytest.raises(ValueError, match="name the file .pdf or .html"):
        typeset.write(built, Path(tmp_path / "r.docx"))


def test_a_published_document_refuses_the_secretariats_cursor(built_db):
    """The report and the Friends' edition are built from the public view only: handed the Secretariat's cursor
    (by a mistake in a caller), they refuse instead of publishing what it sees."""
    from mande import edition

    with db.connect(built_db, db.SECRETARIAT) as everything:
        with pytest.raises(ValueError, match="public view only"):
            report.build(everything, 2024, BUILT)
        with pytest.raises(ValueError, match="public view only"):
            edition.build(everything, BUILT, BUILT)


# --- In the CTI's four languages -------------------------------------------------------------------------

def _report_in(built_db: Path, code: str, year: int = 2025) -> report.Report:
    with i18n.using(code):
        con = db.connect(built_db)  # the States named in the language being spoken
        try:
            return report.build(con, year, BUILT)
        finally:
            con.close()


def _page_text(page: str) -> str:
    """What an HTML page says: its text and its charts' text, without the markup."""
    import html

    return html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S))


@pytest.mark.parametrize("code", [c for c in i18n.OFFERED if c != i18n.ENGLISH])
def test_the_report_speaks_each_language_with_its_states_names(built_db, code):
    from tests.test_languages import english_of_the_catalog, without_the_data

    built = _report_in(built_db, code)
    page = typeset.html_page(built)  # in the report's language, though the test speaks English
    with i18n.using(code):
        con = db.connect(built_db)
        names = profiles.state_names(con)
        con.close()
    assert f'<html lang="{code}" dir="{i18n.direction(code)}">' in page
    said = without_the_data(_page_text(page))
    whole, phrases = english_of_the_catalog(code)
    lines = {line.strip() for line in re.split(r"\s{2,}", said)}
    assert not (lines & whole), lines & whole
    assert not [phrase for phrase in phrases if phrase in said]
    with db.connect(built_db, language=i18n.ENGLISH) as con:
        english = profiles.state_names(con)
    joined = [iso3 for iso3 in names if f">{names[iso3]}<" in page and names[iso3] != english[iso3]]
    assert joined, "no State is named in the report's language"  # the States that joined in 2025, by name


def test_the_arabic_report_is_typeset_right_to_left_in_an_arabic_font(built_db, tmp_path):
    built = _report_in(built_db, "ar")
    pdf = typeset.pdf(built)  # in the report's own language, whatever the caller speaks
    assert built.title.startswith("مبادرة اتفاقية مناهضة التعذيب") and built.language == "ar"
    (tmp_path / "ar.pdf").write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "ar.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "NotoNaskhArabic" in fonts and "LibertinusSerif" in fonts  # Arabic letters, and Latin ones
    assert not re.search(r"NotoKufi|NotoSans|Syriac", fonts), fonts  # no other Arabic font standing in
    text = _text(pdf)
    assert len(re.findall(r"[\u0600-\u06ff\ufb50-\ufeff]", text)) > 1000  # Arabic, not missing glyphs
    assert "Annual report" not in text and "The year in figures" not in text


def test_the_report_says_which_font_is_missing_and_writes_nothing(built_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(typeset, "ARABIC_FONT_FILES", (tmp_path / "NotoNaskhArabic-Regular.ttf",))
    out = tmp_path / "ar.pdf"
    assert cli.main(["report", "--year", "2024", "--lang", "ar", "--out", str(out)]) == 2
    assert "fonts-noto-core" in capsys.readouterr().err and not out.exists()
    assert cli.main(["report", "--year", "2024", "--lang", "ar", "--out", str(tmp_path / "ar.html")]) == 0


def test_mande_report_writes_the_language_asked_for(built_db, tmp_path, capsys):
    assert cli.main(["report", "--year", "2024", "--lang", "es", "--out", str(tmp_path / "r.html")]) == 0
    page = (tmp_path / "r.html").read_text()
    assert '<html lang="es" dir="ltr">' in page and "Informe anual 2024" in page and "Índice" in page


def test_the_secretariat_prepares_the_report_in_the_language_chosen(secretariat):  # noqa: F811 (the fixture)
    at = _sign_in()
    _labelled(at.number_input, "Year").set_value(2025)
    _labelled(at.selectbox, "Language of the report").set_value("fr")
    _labelled(at.button, "Prepare the report").click()
    at.run()
    assert not at.exception and not at.error
    name, content, _mime = at.session_state["annual_report"]
    text = _text(content)
    assert name == "cti_annual_report_2025_fr.pdf" and "Rapport annuel 2025" in text
    assert "Sommaire" in text and "MARKER" not in text
    assert _labelled(at.button, "Prepare the report")  # the page itself stays in its own language
