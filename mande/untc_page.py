"""The UN Treaty Collection's status page of UNCAT (IV-9) or OPCAT (IV-9-b): fetched or saved, read, checked.

The Secretary-General is the depositary of both treaties, so the page is the authority on who signed and who
consented to be bound, and when. `read_page` reads the page's table of participants (only that table: the
page also holds declarations, objections, article 21/22 declarations, footnotes and territorial application,
none of them participants) and checks it against the page's own counts. `untc.py` sets it beside
`treaty_actions.csv`.
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from mande.i18n import N_, _, number

CHAPTERS = {"IV-9": "UNCAT", "IV-9-b": "OPCAT"}
PAGE_URL = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={chapter}&chapter=4&clang=_en"
URL_SETTING = "MANDE_UNTC_URL"  # "{chapter}" in it stands for IV-9 or IV-9-b (tests point it at a local server)
FETCH_TIMEOUT = 20  # seconds
FETCH_MAX_BYTES = 20_000_000  # a status page is about 1 MB; no answer, however large, is read past this
MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                      "Nov", "Dec"), start=1)}
KINDS = {"": "ratification", "a": "accession", "d": "succession"}  # the letter after a consent's date
_DATE = re.compile(r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?: ([ad]))?")
_EXPECTED = N_("a UN Treaty Collection status page of UNCAT (IV-9) or OPCAT (IV-9-b) in English, saved whole from "
               "the browser (File > Save page as, 'Web page, HTML only')")


class PageError(ValueError):
    """The file is not a page this module can read; the message says what it is and what was expected."""


class Unreachable(Exception):
    """The UN Treaty Collection could not be reached; the message says what to do instead."""


@dataclass(frozen=True)
class Participant:
    name: str  # as the UN writes it, footnote numbers left out
    signature: date | None
    succession_to_signature: bool  # a "d" in the signature column (IV-9-b: Montenegro)
    consent: date | None
    consent_action: str | None  # ratification, accession or succession


@dataclass(frozen=True)
class Page:
    chapter: str  # IV-9 or IV-9-b
    status_as_at: date
    signatories: int  # as the page states them
    parties: int
    participants: tuple[Participant, ...]

    @property
    def treaty(self) -> str:
        return CHAPTERS[self.chapter]

    @property
    def url(self) -> str:
        return PAGE_URL.format(chapter=self.chapter)

    @property
    def citation(self) -> str:
        """What a row taken from the page names as its source."""
        return f"UN Treaty Collection, status as at {self.status_as_at.day} {self.status_as_at:%b %Y} ({self.url})"


class _Reader(HTMLParser):
    """Collects the few parts of the page that matter: language, treaty, time stamp, counts, the participants."""

    WANTED = {"div3": "stamp", "rptStatus_ctl00_tcText": "counts", "rptTreaty_ctl00_tcTreaty": "treaty",
              "rptHead_ctl00_tcHead": "chapter"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.texts: dict[str, str] = {}
        self.closed = False  # the page's </html> was seen
        self.grid_found = self.grid_closed = False
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self._div: tuple[str, int] | None = None  # (what, nesting depth) of the div being read
        self._parts: list[str] = []
        self._table_depth = 0  # tables open inside the grid (the grid itself is 1)
        self._row: list[str] | None = None
        self._row_is_header = False
        self._cell: list[str] | None = None
        self._in_sup = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = (attributes.get("lang") or "").lower()
        element_id = attributes.get("id") or ""
        if tag == "div":
            if self._div is not None:
                self._div = (self._div[0], self._div[1] + 1)
            else:
                what = next((w for suffix, w in self.WANTED.items() if element_id.endswith("_" + suffix)), None)
                if what and what not in self.texts:
                    self._div, self._parts = (what, 1), []
        if tag == "table":
            if self._table_depth:
                self._table_depth += 1
            elif element_id.endswith("_tblgrid") and not self.grid_found:
                self.grid_found, self._table_depth = True, 1
        if self._table_depth != 1:  # outside the grid, or in a table nested in it
            return
        if tag == "tr":
            self._row, self._row_is_header = [], "thead-one" in (attributes.get("class") or "")
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif tag == "sup" and self._cell is not None:
            self._in_sup += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "html":
            self.closed = True
        if tag == "div" and self._div is not None:
            what, depth = self._div
            if depth == 1:
                self.texts[what] = " ".join("".join(self._parts).split())
                self._div = None
            else:
                self._div = (what, depth - 1)
        if not self._table_depth:
            return
        if tag == "sup" and self._in_sup:
            self._in_sup -= 1
        elif tag == "td" and self._cell is not None and self._table_depth == 1:
            self._row.append(" ".join("".join(self._cell).replace("\xa0", " ").split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table_depth == 1:
            if self._row_is_header:
                self.header = self._row
            elif self._row:
                self.rows.append(self._row)
            self._row = None
        elif tag == "table":
            self._table_depth -= 1
            if not self._table_depth:
                self.grid_closed = True

    def handle_data(self, data: str) -> None:
        if self._div is not None:
            self._parts.append(data)
        if self._cell is not None and not self._in_sup:
            self._cell.append(data)


def read_page(content: bytes, name: str = "the page") -> Page:
    """The page's participants and its own counts; PageError saying what the file is when it cannot be read."""
    def refuse(what: str) -> PageError:
        return PageError(_("{file}: {what}; expected {expected}. Nothing was changed.").format(
            file=name, what=what, expected=_(_EXPECTED)))

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse(_("not UTF-8 text, so not a page saved from the UN Treaty Collection")) from None
    reader = _Reader()
    reader.feed(text)
    reader.close()
    if "treaty" not in reader.texts or "stamp" not in reader.texts:
        if "<html" not in text[:5000].lower():
            raise refuse(_("not a web page"))
        raise refuse(_("a web page, but not a UN Treaty Collection status page (no treaty title or 'STATUS AS AT')"))
    if reader.lang and reader.lang != "en" or not reader.texts["stamp"].startswith("STATUS AS AT"):
        raise refuse(_("a UN Treaty Collection page in another language (lang \"{lang}\", \"{stamp}\")").format(
            lang=reader.lang, stamp=reader.texts["stamp"][:40]))
    chapter = _chapter(reader.texts.get("chapter", ""), reader.texts["treaty"])
    if chapter not in CHAPTERS:
        raise refuse(_("the status page of another treaty ({chapter}: {treaty})").format(
            chapter=chapter, treaty=reader.texts["treaty"][:80]))
    if not reader.closed or not reader.grid_closed:
        raise refuse(_("a truncated page (it stops before its end; save the page again, whole)"))
    if not reader.grid_found or not reader.rows:
        raise refuse(_("the {chapter} status page with no table of participants").format(chapter=chapter))
    stamp = re.search(r"(\d{2})-(\d{2})-(\d{4})", reader.texts["stamp"])
    counts = re.fullmatch(r"Signatories : (\d+)\. Parties : (\d+)", reader.texts.get("counts", ""))
    if not stamp or not counts:
        raise refuse(_("the {chapter} status page, but its time stamp or counts are not where a status page has "
                       "them (got \"{stamp}\" and \"{counts}\")").format(
            chapter=chapter, stamp=reader.texts["stamp"], counts=reader.texts.get("counts", "")))
    if len(reader.header) != 3 or reader.header[0].split()[0] != "Participant":
        raise refuse(_("the {chapter} status page, but its table of participants has the header {header} instead "
                       "of Participant, Signature, Ratification").format(chapter=chapter, header=repr(reader.header)))
    participants = tuple(_participant(row, i, name) for i, row in enumerate(reader.rows, start=2))
    page = Page(chapter, date(int(stamp[3]), int(stamp[2]), int(stamp[1])), int(counts[1]), int(counts[2]),
                participants)
    signed = sum(p.signature is not None for p in participants)
    bound = sum(p.consent is not None for p in participants)
    if (signed, bound) != (page.signatories, page.parties):
        raise PageError(_(
            "{file}: the page says Signatories {signatories}, Parties {parties}, but its table of participants holds "
            "{signed} signatures and {bound} consents ({participants} participants); nothing is proposed. Save the "
            "page again, whole, and try once more.").format(
                file=name, signatories=page.signatories, parties=page.parties, signed=signed, bound=bound,
                participants=len(participants)))
    return page


def _chapter(chapter_text: str, treaty_text: str) -> str:
    """IV-9 from "CHAPTER IV" and "9. Convention against Torture ..."; IV-9-b from "9. b Optional ..."."""
    roman = chapter_text.removeprefix("CHAPTER ").strip() or "?"
    number = re.match(r"(\d+)\.\s*([a-z])?\b", treaty_text)
    if not number:
        return f"{roman}-?"
    return f"{roman}-{number[1]}" + (f"-{number[2]}" if number[2] else "")


def _participant(cells: list[str], row: int, name: str) -> Participant:
    if len(cells) != 3:
        raise PageError(_("{file}: participants' table, row {row}: {n} cells instead of 3 (participant, signature, "
                          "consent): {cells}. Nothing was changed.").format(file=name, row=row, n=len(cells),
                                                                             cells=repr(cells)))
    participant = re.sub(r"(\s+\d+(,\s*\d+)*)+$", "", cells[0]).strip()  # footnote numbers outside <SUP>
    signature, signature_mark = _date(cells[1], row, name, participant)
    consent, consent_mark = _date(cells[2], row, name, participant)
    if signature_mark == "a":
        raise PageError(_("{file}: {participant}: an accession mark in the signature column ({cell})").format(
            file=name, participant=participant, cell=repr(cells[1])))
    return Participant(participant, signature, signature_mark == "d", consent,
                       KINDS[consent_mark] if consent else None)


def _date(cell: str, row: int, name: str, participant: str) -> tuple[date | None, str]:
    if not cell:
        return None, ""
    found = _DATE.fullmatch(cell)
    if not found or found[2] not in MONTHS:
        raise PageError(_("{file}: participants' table, row {row} ({participant}): not a date as the UN writes them "
                          "(got {cell}; expected e.g. '10 Dec 1985', '11 May 1994 a'). Nothing was changed.").format(
            file=name, row=row, participant=participant, cell=repr(cell)))
    try:
        return date(int(found[3]), MONTHS[found[2]], int(found[1])), found[4] or ""
    except ValueError:
        raise PageError(_("{file}: {participant}: no such date {cell}").format(
            file=name, participant=participant, cell=repr(cell))) from None


def fetch(chapter: str, timeout: float = FETCH_TIMEOUT, max_bytes: int = FETCH_MAX_BYTES) -> bytes:
    """The current status page from the UN Treaty Collection (address: $MANDE_UNTC_URL, else the UN's own).

    Unreachable, with a sentence a person can act on, when the site cannot be reached in `timeout` seconds;
    PageError when it sends more than `max_bytes`.
    """
    url = os.environ.get(URL_SETTING) or PAGE_URL
    url = url.format(chapter=chapter)
    request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (CTI M&E dashboard)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (an http(s) setting)
            content = response.read(max_bytes + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise Unreachable(_("The UN Treaty Collection could not be reached ({url}: {reason}). Save the page from a "
                            "browser instead and upload it.").format(url=url, reason=reason)) from None
    if len(content) > max_bytes:
        raise PageError(_("{url}: more than {n} bytes, so not a status page (about 1 MB); nothing was read further "
                          "and nothing was changed.").format(url=url, n=number(max_bytes)))
    return content
