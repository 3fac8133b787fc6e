"""Counting in words (mande.words), in every language's plural forms."""

import pytest

from mande import i18n
from mande.words import counted


def test_one_is_singular_and_every_other_number_plural():
    assert counted(1, "{n} CTI event", "{n} CTI events") == "1 CTI event"
    assert [counted(n, "{n} State", "{n} States") for n in (0, 2, 1234)] == ["0 States", "2 States", "1,234 States"]
    assert counted(3, "{n} entry in {year}", "{n} entries in {year}", year=2024) == "3 entries in 2024"


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_each_language_counts_with_its_own_plural_rule(code):
    plural = i18n.translations(code).plural  # the catalog's rule: which of its forms a number takes
    forms = {plural(n) for n in (0, 1, 2, 3, 11, 100, 1_000_000)}
    # Arabic: zero, one, two, few (3-10), many (11-99), other; French and Spanish: one, many (millions), other
    assert len(forms) == {"fr": 3, "es": 3, "ar": 6}[code]
    assert (plural(0) == plural(1)) == (code == "fr")  # '0 État', but '0 Estados'
