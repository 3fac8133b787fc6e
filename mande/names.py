"""The names of States and of their groups in each language.

A State's name is the one its row in states.csv gives, in English (the Secretariat writes the UN's short name);
in another language, the UN's official short name where it differs from CLDR's (mande/locale/un_names.csv, each
with its source), else CLDR's name through Babel, else the English one. Groups' names (regions, regional groups)
are messages of the catalogs: a group the catalogs do not know keeps the name the Secretariat gave it.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from pathlib import Path

from babel.core import get_global

from mande.i18n import LANGUAGES, N_, _, territory

UN_NAMES = Path(__file__).with_name("locale") / "un_names.csv"

# The names of groups that groups.csv gives, for the catalogs: each is said in the page's language.
GROUP_NAMES = (
    N_("African"), N_("Asia-Pacific"), N_("Eastern European"), N_("Latin American and Caribbean"),
    N_("Western European and others"),
    N_("Africa"), N_("Americas"), N_("Asia"), N_("Europe"), N_("Oceania"),
    N_("Australia and New Zealand"), N_("Central Asia"), N_("Eastern Asia"), N_("Eastern Europe"),
    N_("Latin America and the Caribbean"), N_("Melanesia"), N_("Micronesia"), N_("Northern Africa"),
    N_("Northern America"), N_("Northern Europe"), N_("Polynesia"), N_("South-eastern Asia"), N_("Southern Asia"),
    N_("Southern Europe"), N_("Sub-Saharan Africa"), N_("Western Asia"), N_("Western Europe"),
    N_("Caribbean"), N_("Central America"), N_("Eastern Africa"), N_("Middle Africa"), N_("South America"),
    N_("Southern Africa"), N_("Western Africa"),
    N_("AIS"), N_("Pacific"), N_("Commonwealth"), N_("Core State"),
)


def group_name(name: str) -> str:
    """A group's name as the page's language says it; a name the catalogs do not know, as written."""
    return _(name) if name else name


@functools.cache
def _un_names() -> dict[tuple[str, str], str]:
    with UN_NAMES.open(encoding="utf-8", newline="") as f:
        return {(row["iso3"], row["language"]): row["name"] for row in csv.DictReader(f)}


def _alpha2(iso3: str) -> str | None:
    """The ISO 3166 two-letter code CLDR names a country by, from its three-letter code (CLDR's aliases)."""
    codes = get_global("territory_aliases").get(iso3)
    return codes[0] if codes else None


def state_names(states: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(iso3, language, name) of each State (iso3, English name) in every language of the dashboard."""
    rows = []
    for iso3, english in states:
        alpha2 = _alpha2(iso3)
        for code in LANGUAGES:
            name = english if code == "en" else (
                _un_names().get((iso3, code)) or (alpha2 and territory(alpha2, code)) or english)
            rows.append((iso3, code, name))
    return rows
