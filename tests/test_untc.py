"""The UN Treaty Collection's status pages: read, compared with the data, applied as an update; bad pages refused.

The pages are the depositary's own, saved on 3 February 2026 (../shared/reference/untc/); the edited ones are
made here from them, so that each case differs from a real page in one known way.
"""

import contextlib
import csv
import functools
import http.server
import os
import re
import threading
from datetime import date
from pathlib import Path

import pytest

from mande import cli, db, history, untc, untc_page, updates
from tests.conftest import REPO

# The project's shared reference folder, beside the repository (its README describes the pages); or elsewhere.
PAGES = Path(os.environ.get("MANDE_UNTC_PAGES") or REPO.parent / "shared" / "reference" / "untc")
UNCAT_PAGE, OPCAT_PAGE = PAGES / "IV-9.html", PAGES / "IV-9-b.html"
needs_pages = pytest.mark.skipif(not UNCAT_PAGE.exists(), reason=f"the saved UNTC pages are not in {PAGES}")
pytestmark = needs_pages
# treaty_actions.csv as it was before the reconciliation with these pages (commit 973eb96)
BEFORE = Path(__file__).resolve().parent / "data" / "treaty_actions_before_untc.csv"


@functools.cache
def _page(path: Path) -> bytes:
    return path.read_bytes()


@functools.cache
def _read(path: Path) -> untc_page.Page:
    return untc_page.read_page(_page(path), path.name)


def _by_name(page: untc_page.Page) -> dict[str, untc_page.Participant]:
    return {p.name: p for p in page.participants}


def _edited(content: bytes, *replacements: tuple[str, str]) -> bytes:
    text = content.decode("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text.encode("utf-8")


def _row_of(content: bytes, participant: str) -> str:
    """The participant's whole <tr> in the grid, as the page writes it."""
    found = re.search(r"<tr class=\"trB(?:White|GGrey)\">\s*<td>(?:(?!</tr>).)*?>?" + re.escape(participant)
                      + r"(?:<|\s)(?:(?!</tr>).)*</tr>", content.decode("utf-8"), re.S)
    assert found, participant
    return found[0]


def _counts(content: bytes, signatories: int, parties: int) -> tuple[str, str]:
    """A replacement of the page's counts."""
    text = content.decode("utf-8")
    old = re.search(r"Signatories :\s+\d+\.\s+Parties :\s+\d+", text)[0]
    return old, f"Signatories : {signatories}. Parties : {parties}"


@pytest.fixture
def data(data_copy, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MANDE_DB", str(tmp_path / "untc.duckdb"))
    db.build(data_copy, tmp_path / "untc.duckdb")
    return data_copy


# ------------------------------------------------------------------------------------------------ the pages


@pytest.mark.parametrize(("path", "chapter", "treaty", "participants", "signatories", "parties"), [
    (UNCAT_PAGE, "IV-9", "UNCAT", 179, 83, 175),
    (OPCAT_PAGE, "IV-9-b", "OPCAT", 107, 76, 96),
])
def test_each_real_page_is_read_whole(path, chapter, treaty, participants, signatories, parties):
    page = _read(path)
    assert (page.chapter, page.treaty, page.status_as_at) == (chapter, treaty, date(2026, 2, 3))
    assert (page.signatories, page.parties) == (signatories, parties)  # the page's own counts
    assert len(page.participants) == participants
    assert sum(p.signature is not None for p in page.participants) == signatories
    assert sum(p.consent is not None for p in page.participants) == parties
    # Only the grid: "Yugoslavia (former)" is in the table of article 21/22 declarations, not a participant.
    assert "Yugoslavia (former)" not in _by_name(page)
    assert all(not re.search(r"\d$", p.name) for p in page.participants)  # footnote numbers left out


def test_every_participant_is_matched_to_a_state(data):
    names = untc.un_names(data)
    for path in (UNCAT_PAGE, OPCAT_PAGE):
        assert [p.name for p in _read(path).participants if p.name not in names] == []
    assert names["St. Kitts and Nevis"] == "KNA"
    assert names["Bolivia (Plurinational State of)"] == "BOL"
    assert names["Türkiye"] == "TUR"


def test_the_actions_the_issue_names_are_read_right():
    uncat, opcat = _by_name(_read(UNCAT_PAGE)), _by_name(_read(OPCAT_PAGE))
    assert (uncat["Dominica"].consent, uncat["Dominica"].consent_action) == (date(2024, 12, 5), "accession")
    assert (uncat["Tuvalu"].consent, uncat["Tuvalu"].consent_action) == (date(2024, 3, 25), "accession")
    assert (uncat["Afghanistan"].signature, uncat["Afghanistan"].consent) == (date(1985, 2, 4), date(1987, 4, 1))
    assert uncat["China"].consent_action == "ratification"
    assert (opcat["Colombia"].consent, opcat["Colombia"].consent_action) == (date(2025, 11, 10), "accession")
    assert (opcat["Bangladesh"].consent, opcat["Bangladesh"].consent_action) == (date(2025, 7, 17), "accession")
    slovakia = opcat["Slovakia"]
    assert (slovakia.signature, slovakia.consent, slovakia.consent_action) == (
        date(2018, 12, 14), date(2023, 9, 19), "ratification")
    montenegro = opcat["Montenegro"]
    assert (montenegro.signature, montenegro.succession_to_signature) == (date(2006, 10, 23), True)
    assert (montenegro.consent, montenegro.consent_action) == (date(2009, 3, 6), "ratification")
    assert uncat["Montenegro"].consent_action == "succession"


def test_the_reconciled_data_agrees_with_both_pages(data, capsys):
    for path in (UNCAT_PAGE, OPCAT_PAGE):
        comparison = untc.compare(data, _read(path))
        assert (comparison.added, comparison.changed, comparison.not_on_page) == ([], [], [])
        assert cli.main(["untc", str(path), "--data", str(data)]) == 0
        assert "The data agrees with the page: no change is proposed." in capsys.readouterr().out


# ----------------------------------------------------------------------------------------------- comparing


def test_an_edited_page_gives_an_addition_a_change_and_a_row_not_on_the_page(data):
    content = _page(UNCAT_PAGE)
    dominica = _row_of(content, "Dominica")
    india = _row_of(content, "India")
    edited = _edited(
        content,
        (india, india.replace("<td>&nbsp;</td>", "<td>10 Nov\t 2026 <br></td>")),  # India ratifies
        ("25 Mar\t 2024 a", "26 Mar\t 2024 a"),  # Tuvalu's date changed
        (dominica, ""),  # Dominica's row removed
        _counts(content, 83, 175),  # one more consent, one fewer: the same count
    )
    comparison = untc.compare(data, untc_page.read_page(edited, "edited.html"))
    assert [(r["iso3"], r["action"], r["date"]) for r in comparison.added] == [("IND", "ratification", "2026-11-10")]
    assert [(old["date"], new["iso3"], new["date"]) for old, new in comparison.changed] == [
        ("2024-03-25", "TUV", "2024-03-26")]
    assert [(r["iso3"], r["action"]) for r in comparison.not_on_page] == [("DMA", "accession")]
    assert comparison.added[0]["source"] == (
        "UN Treaty Collection, status as at 3 Feb 2026 "
        "(https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-9&chapter=4&clang=_en)")
    # Dominica is kept in the rows an update would write: the page is never a reason to delete a row.
    assert ("DMA", "UNCAT", "accession") in {(r["iso3"], r["treaty"], r["action"]) for r in comparison.rows}
    assert len(comparison.rows) == len(list(csv.DictReader(open(data / "treaty_actions.csv")))) + 1


def test_apply_then_run_again_proposes_no_change(data, capsys):
    old = BEFORE.read_bytes()
    (data / "treaty_actions.csv").write_bytes(old)
    kept = next(r for r in csv.DictReader(open(data / "treaty_actions.csv")) if r["iso3"] == "AFG"
                and r["treaty"] == "OPCAT")

    assert cli.main(["untc", str(OPCAT_PAGE), "--data", str(data)]) == 0
    shown = capsys.readouterr().out
    assert "3 actions to add, 6 to change." in shown
    assert "Slovakia (SVK): Ratification 2023-09-19 (was Accession 2023-01-01 (year))" in shown
    assert (data / "treaty_actions.csv").read_bytes() == old  # without --apply nothing changes

    assert cli.main(["untc", str(OPCAT_PAGE), "--data", str(data), "--apply", "--who", "tester"]) == 0
    assert "This is version" in capsys.readouterr().out
    log = history.history(data)
    assert (log.iloc[0].who, log.iloc[0].table, log.iloc[0].added, log.iloc[0].removed) == (
        "tester", "treaty_actions", 9, 6)  # a change of key (action, date) is a row removed and one added
    rows = list(csv.DictReader(open(data / "treaty_actions.csv")))
    slovakia = [(r["action"], r["date"], r["date_precision"]) for r in rows
                if r["iso3"] == "SVK" and r["treaty"] == "OPCAT"]
    assert slovakia == [("signature", "2018-12-14", "day"), ("ratification", "2023-09-19", "day")]
    assert kept in rows  # a row the page confirms unchanged keeps its own source and note

    assert untc.compare(data, _read(OPCAT_PAGE)).proposes_change is False
    assert cli.main(["untc", str(OPCAT_PAGE), "--data", str(data), "--apply"]) == 0
    assert "Nothing to apply." in capsys.readouterr().out
    assert len(history.history(data)) == len(log)  # no empty version

    updates.restore(data, int(log.iloc[0].version) - 1, "tester")  # restorable like any update
    assert (data / "treaty_actions.csv").read_bytes() == old


def test_page_counts_that_disagree_with_its_rows_propose_nothing(data):
    content = _page(OPCAT_PAGE)
    with pytest.raises(untc_page.PageError) as refused:
        untc_page.read_page(_edited(content, _counts(content, 76, 97)), "IV-9-b.html")
    assert str(refused.value) == (
        "IV-9-b.html: the page says Signatories 76, Parties 97, but its table of participants holds 76 "
        "signatures and 96 consents (107 participants); nothing is proposed. Save the page again, whole, and "
        "try once more.")


def test_a_name_that_matches_no_state_is_an_error_that_names_it(data):
    content = _page(UNCAT_PAGE)
    page = untc_page.read_page(_edited(content, (">Dominica<", ">Commonwealth of Dominica<")), "IV-9.html")
    with pytest.raises(untc_page.PageError) as refused:
        untc.compare(data, page)
    assert "1 participant of the IV-9 page matches no State's un_name in states.csv: Commonwealth of Dominica." in str(
        refused.value)


# ----------------------------------------------------------------------------------------------- bad pages


def _not_untc() -> bytes:
    return b"<!DOCTYPE html><html lang='en'><head><title>News</title></head><body><p>Hello</p></body></html>"


def _other_treaty() -> bytes:
    return _edited(_page(OPCAT_PAGE), ("9. b\r\n", "11. \r\n"),
                   ("Optional Protocol to the Convention against Torture", "Convention on the Rights of the Child"))


def _french() -> bytes:
    return _edited(_page(UNCAT_PAGE), ('lang="en"', 'lang="fr"'), ("STATUS AS AT :", "ETAT AU :"))


def _truncated() -> bytes:
    content = _page(UNCAT_PAGE)
    return content[: content.index(b"Montenegro")]


def _no_participants() -> bytes:
    text = _page(OPCAT_PAGE).decode("utf-8")
    start = text.index('<tr class="trBWhite">')
    end = text.index("</table>", start)
    return (text[:start] + text[end:]).encode("utf-8")


@pytest.mark.parametrize(("content", "said"), [
    (lambda: b"iso3,treaty,action\nFJI,UNCAT,signature\n", "page.html: not a web page; expected"),
    (_not_untc, "a web page, but not a UN Treaty Collection status page"),
    (_other_treaty, "the status page of another treaty (IV-11: 11. Convention on the Rights of the Child"),
    (_french, 'a UN Treaty Collection page in another language (lang "fr"'),
    (_truncated, "a truncated page (it stops before its end; save the page again, whole)"),
    (_no_participants, "the IV-9-b status page with no table of participants"),
    (lambda: b"<html><body>\xe9t\xe9</body></html>", "not UTF-8 text, so not a page saved from the UN Treaty"),
])
def test_a_bad_page_is_refused_saying_what_it_is_and_changes_nothing(data, tmp_path, capsys, content, said):
    path = tmp_path / "page.html"
    path.write_bytes(content())
    before = (data / "treaty_actions.csv").read_bytes()
    assert cli.main(["untc", str(path), "--data", str(data), "--apply"]) == 1
    message = capsys.readouterr().err
    assert said in message
    assert "expected a UN Treaty Collection status page of UNCAT (IV-9) or OPCAT (IV-9-b) in English" in message
    assert "Nothing was changed." in message
    assert (data / "treaty_actions.csv").read_bytes() == before
    assert history.history(data).empty


# ---------------------------------------------------------------------------------------------- fetching


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serving_the_pages(monkeypatch):
    """A local web server serving the saved pages as /IV-9.html and /IV-9-b.html; MANDE_UNTC_URL points at it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(PAGES)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv(untc_page.URL_SETTING, f"http://127.0.0.1:{server.server_port}/{{chapter}}.html")
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def untc_site(monkeypatch):
    with serving_the_pages(monkeypatch) as server:
        yield server


def test_the_page_is_fetched_from_the_address_set(untc_site, data, capsys):
    assert untc_page.fetch("IV-9-b") == _page(OPCAT_PAGE)
    assert cli.main(["untc", "--fetch", "IV-9", "--data", str(data)]) == 0
    assert "IV-9 (fetched): UN Treaty Collection status page of UNCAT (IV-9)" in capsys.readouterr().out


def test_an_answer_larger_than_any_status_page_is_not_read(untc_site):
    with pytest.raises(untc_page.PageError, match="more than 100,000 bytes, so not a status page"):
        untc_page.fetch("IV-9", max_bytes=100_000)  # the saved IV-9 page is about 1 MB


def test_an_unreachable_site_is_said_in_words(monkeypatch, data, capsys):
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    port = server.server_port
    server.server_close()  # nothing listens there now
    monkeypatch.setenv(untc_page.URL_SETTING, f"http://127.0.0.1:{port}/{{chapter}}")
    with pytest.raises(untc_page.Unreachable) as refused:
        untc_page.fetch("IV-9", timeout=2)
    assert str(refused.value).startswith(f"The UN Treaty Collection could not be reached (http://127.0.0.1:{port}/IV-9")
    assert str(refused.value).endswith("Save the page from a browser instead and upload it.")
    assert cli.main(["untc", "--fetch", "IV-9", "--data", str(data)]) == 1
    assert "could not be reached" in capsys.readouterr().err


def test_a_name_with_control_characters_is_refused_before_anything_is_read():
    with pytest.raises(SystemExit) as refused:
        cli.main(["untc", "page.html", "--who", "Ana\x1b[2J"])
    assert refused.value.code == 2


def test_the_preview_and_its_refusals_speak_the_secretariats_language(data):
    """The Secretariat page says what an update would do, and why a page is refused, in its own language; the
    command line, which speaks English, says it as before."""
    from mande import i18n

    (data / "treaty_actions.csv").write_bytes(BEFORE.read_bytes())
    comparison = untc.compare(data, _read(OPCAT_PAGE))
    with i18n.using("fr"):
        said = comparison.summary()
        found = comparison.table(untc.state_names(data))
        with pytest.raises(untc_page.PageError) as refused:
            untc_page.read_page(b"plain text", "notes.txt")
    assert "état au 3 février 2026" in said and "3 actes à ajouter, 6 à modifier." in said
    assert set(found.what) <= {"ajouté", "modifié", "absent de la page"}
    assert "Adhésion 2023-01-01 (année)" in set(found.before)  # Slovakia's action as held before, to the year
    assert str(refused.value).startswith("notes.txt\u00a0: pas une page web\u00a0; attendu\u00a0: une page d'état")
    assert "3 actions to add, 6 to change." in comparison.summary()
