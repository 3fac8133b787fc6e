"""The message catalogs, kept with Babel: `python -m mande.catalogs` extracts every message from the code
(babel.cfg says where) into mande/locale/mande.pot and updates each language's .po file from it; a translator
then fills the new entries (README, "Languages"). The tests check that every catalog is complete."""

from __future__ import annotations

from datetime import UTC, datetime

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from mande.i18n import DOMAIN, ENGLISH, LANGUAGES, LOCALE_DIR, catalog_path

ROOT = LOCALE_DIR.parent.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# gettext's own keywords, and words.counted, whose second and third arguments are a message's two forms.
KEYWORDS = {**DEFAULT_KEYWORDS, "counted": (2, 3)}
COMMENT_TAG = "TRANSLATORS:"  # a comment so marked, just above a message, reaches the translator


def extracted() -> Catalog:
    """Every message of the code as it is now, with the comments left for translators."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    template = Catalog(project="CTI monitoring and evaluation dashboard", domain=DOMAIN, charset="utf-8",
                       creation_date=datetime(2026, 12, 1, tzinfo=UTC))
    for path, line, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS, comment_tags=(COMMENT_TAG,),
            strip_comment_tags=True):
        template.add(message, None, [(path, line)], auto_comments=comments, context=context)
    return template


def read(code: str) -> Catalog:
    """The language's catalog as its .po file holds it."""
    with catalog_path(code).open("rb") as po:
        return read_po(po, locale=code, domain=DOMAIN)


def update() -> None:
    """Write the template from the code, and bring every language's catalog up to it: new messages are added
    empty, messages gone from the code are dropped."""
    template = extracted()
    with TEMPLATE.open("wb") as pot:
        write_po(pot, template, width=120, omit_header=False, no_location=True)
    for code in LANGUAGES:
        if code == ENGLISH:
            continue
        path = catalog_path(code)
        if path.exists():
            catalog = read(code)
            # No guesses from similar messages: Babel's close matches are mostly wrong, and a translator then has
            # to find what to undo.
            catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=code, domain=DOMAIN, project=template.project, charset="utf-8",
                              creation_date=template.creation_date)
            catalog.update(template)
        catalog.obsolete.clear()
        catalog.fuzzy = False  # the header: Babel marks a new catalog's header fuzzy, which gettext tools refuse
        with path.open("wb") as po:
            write_po(po, catalog, width=120, no_location=True, ignore_obsolete=True)
        print(f"{path.relative_to(ROOT)}: {sum(1 for m in catalog if m.id)} messages, "
              f"{sum(1 for m in catalog if m.id and not _done(m))} to translate")


def _done(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return not message.fuzzy and all(strings)


if __name__ == "__main__":
    update()
