"""Every page of the app in every language, through AppTest: it runs without an error, and nothing it says is
the catalog's English where the language says it otherwise."""

import csv
import re
from functools import cache

import pytest

from mande import catalogs, db, i18n
from tests.test_app import NO_SIDEBAR, PAGES, _app, _open

TRANSLATED = [code for code in i18n.OFFERED if code != i18n.ENGLISH]  # the languages a visitor may choose


def english_of_the_catalog(code: str) -> tuple[set[str], set[str]]:
    """What of the catalog's English a page in `code` must not show: whole messages (a label, a title) and the
    phrases of three words or more of every message between its placeholders, where the translation differs."""
    whole, phrases = set(), set()
    for message in catalogs.read(code):
        english = [message.id] if isinstance(message.id, str) else list(message.id or [])
        forms = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
        if not message.id or set(forms) <= set(english):
            continue  # the same in both languages ('OPCAT', 'CSV')
        for text in english:
            if not i18n.placeholders(text) and "\n" not in text:
                whole.add(text.strip())
            for phrase in re.split(r"\{[^}]*\}|\*\*|`|\[|\]\([^)]*\)|\n|[:;.?!]\s", text):
                phrase = phrase.strip(" ,.()–-")
                if len(phrase.split()) >= 3:
                    phrases.add(phrase)
    # What the data files also say may be shown as written (a chart can cut a data text short, so that it is not
    # found whole): "became party to" is in the results framework's indicators.
    quoted = "\n".join(_written_in_the_data())
    return {w for w in whole if w not in quoted}, {p for p in phrases if p not in quoted}


@cache
def _written_in_the_data() -> tuple[str, ...]:
    """Every text of the data files (titles, sources, notes, the results framework): the Secretariat's words,
    shown as written in every language; longest first."""
    found = set()
    for path in (db.REPO_DIR / "data").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            found |= {cell.strip() for row in csv.reader(f) for cell in row if len(cell.strip()) >= 8}
    return tuple(sorted(found, key=len, reverse=True))


def without_the_data(text: str) -> str:
    """`text` without the words it quotes from the data files."""
    for written in _written_in_the_data():
        if written in text:
            text = text.replace(written, " ")
    return text


def _said(at) -> list[str]:
    """Every text the page's elements say, labels and helps of widgets and figures included."""
    said = [str(e.value) for kind in ("markdown", "title", "header", "subheader", "caption", "info", "warning",
                                      "error", "success") for e in getattr(at, kind)]
    said += [e.label for kind in ("selectbox", "multiselect", "button", "radio", "toggle", "slider",
                                  "date_input", "text_input", "checkbox", "metric", "expander", "tabs")
             for e in getattr(at, kind) if getattr(e, "label", None)]
    return said


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_every_language_and_says_none_of_its_english(built_db, page, code):
    at = _open(_app(), page, lang=code)
    assert at.query_params["lang"] == code
    if page not in NO_SIDEBAR:
        with i18n.using(code):
            label = i18n._("Language")
        assert [box for box in at.sidebar.selectbox if box.label == label and box.value == code]
    whole, phrases = english_of_the_catalog(code)
    said = [without_the_data(text) for text in _said(at)]
    assert not [text for text in said if text.strip() in whole]
    everything = "\n".join(said)
    assert not [phrase for phrase in phrases if phrase in everything]
