"""The four languages: the catalogs are complete and agree with the code, States are named and sorted as each
language writes them, and a page's language is chosen from its address, the visit, then the browser."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from mande import catalogs, dates, db, i18n, names, sql
from mande.i18n import LANGUAGES

TRANSLATED = [code for code in LANGUAGES if code != i18n.ENGLISH]
OFFERED = [code for code in i18n.OFFERED if code != i18n.ENGLISH]  # complete: a visitor may choose them


@pytest.fixture(scope="module")
def template():
    return catalogs.extracted()


@pytest.fixture(scope="module", params=TRANSLATED)
def catalog(request):
    return request.param, catalogs.read(request.param)


@pytest.fixture(scope="module", params=OFFERED)
def offered(request):
    return request.param, catalogs.read(request.param)


def test_every_language_has_a_catalog_and_english_is_offered():
    assert i18n.ENGLISH in i18n.OFFERED and set(i18n.OFFERED) <= set(LANGUAGES)
    assert all(i18n.catalog_path(code).exists() for code in TRANSLATED)


def _forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def test_every_message_of_the_code_is_in_every_offered_catalog(template, offered):
    code, found = offered
    missing = [m.id for m in template if m.id and found.get(m.id, context=m.context) is None]
    assert not missing, (f"{len(missing)} messages of the code are not in the {code} catalog: run "
                         f"`python -m mande.catalogs` and translate them; the first: {missing[:5]}")


def test_the_template_is_the_code_as_it_is(template):
    with catalogs.TEMPLATE.open("rb") as pot:
        committed = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id))
                     for m in read_po(pot) if m.id}
    extracted = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in template if m.id}
    assert committed == extracted, "run `python -m mande.catalogs` to bring mande/locale/mande.pot up to date"


def test_every_entry_of_an_offered_catalog_is_translated_and_confirmed(offered):
    code, found = offered
    undone = [m.id for m in found if m.id and (m.fuzzy or not all(_forms(m)))]
    assert not undone, f"{len(undone)} entries of the {code} catalog are empty or fuzzy: {undone[:5]}"


def test_every_translation_has_the_placeholders_of_its_english(catalog):
    code, found = catalog
    wrong = []
    for message in found:
        if not message.id or message.fuzzy:  # a fuzzy entry is never used (i18n.translations)
            continue
        english = [message.id] if isinstance(message.id, str) else list(message.id)
        expected = set().union(*(i18n.placeholders(e) for e in english))
        wrong += [(message.id, form) for form in _forms(message) if form and i18n.placeholders(form) != expected]
    assert not wrong, f"{code}: translations whose {{placeholders}} differ from the English: {wrong[:5]}"


def test_every_plural_has_the_forms_of_its_language(catalog):
    code, found = catalog
    # CLDR's forms, 'other' and the tags: Arabic zero, one, two, few, many, other; French one, many, other
    assert found.num_plurals == len(Locale.parse(code).plural_form.tags) + 1 == {"fr": 3, "es": 3, "ar": 6}[code]
    wrong = [m.id for m in found if m.id and m.pluralizable and len(_forms(m)) != found.num_plurals]
    assert not wrong, wrong[:5]


def test_the_un_names_each_name_a_state_in_a_language_with_its_source():
    with open(db.REPO_DIR / "data" / "states.csv", encoding="utf-8") as f:
        states = {row["iso3"] for row in csv.DictReader(f)}
    with names.UN_NAMES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        assert row["iso3"] in states and row["language"] in TRANSLATED and row["name"].strip(), row
        assert "https://unstats.un.org/" in row["source"], row
        assert row["name"] != i18n.territory(names._alpha2(row["iso3"]), row["language"]), (
            f"{row}: CLDR already gives this name; the override is not needed")


@pytest.mark.parametrize(("code", "iso3", "name"), [
    ("fr", "DEU", "Allemagne"), ("fr", "MHL", "Îles Marshall"), ("es", "DEU", "Alemania"),
    ("ar", "DEU", "ألمانيا"), ("en", "DEU", "Germany"),
    # the UN's short names where CLDR's differ
    ("fr", "BOL", "Bolivie (État plurinational de)"), ("es", "KOR", "República de Corea"),
    ("ar", "GBR", "المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية"), ("fr", "TUR", "Türkiye"),
])
def test_the_database_names_each_state_in_the_cursor_language(built_db, code, iso3, name):
    con = db.connect(built_db, language=code)
    try:
        assert dict(sql.rows(con, "state_names"))[iso3] == name
    finally:
        con.close()


def test_an_english_cursor_sees_the_names_as_recorded_whatever_is_spoken(built_db):
    with i18n.using("fr"):
        con = db.connect(built_db, language="en")
    try:
        assert dict(sql.rows(con, "state_names"))["DEU"] == "Germany"
    finally:
        con.close()


def test_states_are_listed_in_the_alphabetical_order_of_the_language(built_db):
    con = db.connect(built_db, language="fr")
    try:
        listed = [name for _, name in sql.rows(con, "state_names")]
    finally:
        con.close()
    # 'Égypte' among the E, not after 'Zimbabwe' as the characters' codes would put it
    assert listed.index("Égypte") < listed.index("Érythrée") < listed.index("Espagne") < listed.index("Zimbabwe")
    spanish = db.connect(built_db, language="es")  # the same macro orders any name in SQL: Ñ after N
    try:
        (ordered,), = spanish.execute("SELECT list(w ORDER BY collated(w)) FROM unnest(?) t(w)",
                                      [["Ñandú", "Nauru", "Oman", "Níger"]]).fetchall()
    finally:
        spanish.close()
    assert ordered == ["Nauru", "Níger", "Ñandú", "Oman"]


def test_dates_are_written_as_each_language_writes_them():
    day = date(2019, 3, 28)
    written = {}
    for code in LANGUAGES:
        with i18n.using(code):
            written[code] = dates.describe(day), dates.span(date(2016, 11, 30), date(2016, 12, 2))
    assert written["en"] == ("28 March 2019", "30 November – 2 December 2016")
    assert written["fr"] == ("28 mars 2019", "30 novembre – 2 décembre 2016")
    assert written["es"] == ("28 de marzo de 2019", "30 de noviembre – 2 de diciembre de 2016")
    assert "مارس" in written["ar"][0]


@pytest.mark.parametrize(("asked", "remembered", "browser", "chosen"), [
    ("fr", "en", "en-GB", "fr"),     # the address first: a shared link opens in its language
    (None, "fr", "en-US", "fr"),     # then what this visit chose
    (None, None, "fr-CH", "fr"),     # then the browser's language
    (None, None, "de-DE", "en"),     # else English
    ("xx", None, None, "en"),        # an unknown code is no language
    (None, None, None, "en"),
])
def test_the_language_of_a_page(asked, remembered, browser, chosen):
    assert i18n.choose(asked, remembered, browser) == chosen


def test_a_language_still_being_translated_is_not_offered():
    for code in set(LANGUAGES) - set(i18n.OFFERED):
        assert i18n.choose(code, None, code) == i18n.ENGLISH


def test_arabic_reads_right_to_left():
    assert i18n.direction("ar") == "rtl" and {i18n.direction(c) for c in ("en", "fr", "es")} == {"ltr"}
