"""The dashboard in the CTI's four languages: the language of this page run, its message catalogs, and words,
numbers and dates as that language writes them.

Every message is written in English in the code, marked for gettext (`_`, `ngettext`, `N_`), and translated by
the catalogs in mande/locale/<language>/LC_MESSAGES/mande.po, which Babel extracts and updates (README,
"Languages"). The catalogs are compiled by Babel when first used, so what is served is always what is written.
The language is a context variable: a page run sets it once (the ui package), a document being built sets it for
its own language (`using`), and everything said inside speaks it.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

ENGLISH = "en"
# Each language by its code, named as its own speakers write it (the selector shows these).
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
# The languages a visitor may choose: those whose catalog is complete (tests/test_i18n.py holds each to it). A
# catalog being translated is kept beside them, and offered once it is whole: a page is never half in English.
OFFERED = ("en", "fr", "es", "ar")
RIGHT_TO_LEFT = frozenset({"ar"})
# The locale whose dates and numbers each language writes: English as the UN writes it ('28 March 2019').
_FORMATS = {"en": "en_GB", "fr": "fr", "es": "es", "ar": "ar"}
DOMAIN = "mande"
LOCALE_DIR = Path(__file__).with_name("locale")

_language: ContextVar[str] = ContextVar("mande_language", default=ENGLISH)


def current() -> str:
    """The code of the language everything is said in now."""
    return _language.get()


def set_language(code: str) -> None:
    """Speak `code` from now on in this context (a page run sets it once, at its top)."""
    _language.set(code if code in OFFERED else ENGLISH)


@contextmanager
def using(code: str) -> Iterator[None]:
    """Speak `code` inside (a document built in a language other than the page's)."""
    token = _language.set(code if code in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        _language.reset(token)


def language_of(tag: str | None) -> str | None:
    """The dashboard's language for a browser's language tag ('fr-CH' -> 'fr'), or None if it has none."""
    if not tag:
        return None
    code = tag.replace("_", "-").split("-")[0].lower()
    return code if code in OFFERED else None


def choose(asked: str | None, remembered: str | None = None, browser: str | None = None) -> str:
    """The language of a page: the one its address asks for, else the one this visit chose, else the browser's,
    else English."""
    for candidate in (asked, remembered):
        if candidate in OFFERED:
            return candidate
    return language_of(browser) or ENGLISH


def direction(code: str | None = None) -> str:
    """'rtl' or 'ltr': how the language reads."""
    return "rtl" if (code or current()) in RIGHT_TO_LEFT else "ltr"


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(code: str) -> _gettext.NullTranslations:
    """The language's compiled catalog (English, the language of the code, needs none). Fuzzy entries are left
    out: a message whose translation is not confirmed is said in English, never half-translated."""
    if code == ENGLISH or code not in LANGUAGES:
        return _gettext.NullTranslations()
    with catalog_path(code).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of the message for the number `n`, in the current language (Arabic has six)."""
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is written (a constant), to be translated where it is said."""
    return message


# TRANSLATORS: what stands between the items of a list inside a sentence ("UNCAT: 175; OPCAT: 96").
SEPARATOR = N_("; ")


def series(items) -> str:
    """The items as a list inside a sentence, separated as the language separates them (French " ; ", Arabic "؛ ")."""
    return _(SEPARATOR).join(items)


def placeholders(message: str) -> set[str]:
    """The names of a message's {placeholders}: a translation must have the same."""
    return {field for _text, field, _spec, _conv in string.Formatter().parse(message) if field is not None}


def locale(code: str | None = None) -> Locale:
    """Babel's locale for the language's dates and numbers."""
    return Locale.parse(_FORMATS[code or current()])


def number(n: float | int, digits: int = 0) -> str:
    """'1,234' / '1 234' / '1.234': a number as the language writes it."""
    return format_decimal(n, format=f"#,##0{'.' + '0' * digits if digits else ''}", locale=locale())


def percent(share: float) -> str:
    """'42%' / '42 %'."""
    return format_percent(share, locale=locale())


def territory(alpha2: str, code: str) -> str | None:
    """A country's name in CLDR (through Babel) in the language `code`, or None."""
    try:
        return Locale.parse(code).territories.get(alpha2)
    except UnknownLocaleError:
        return None

