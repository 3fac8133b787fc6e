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
    with i18n.using(code):
        forms = {counted(n, "{n} State", "{n} States") for n in (0, 1, 2, 3, 11, 100)}
    # every form of the catalog is reached by some number, and the number is in each (Arabic: six forms)
    assert len(forms) == {"fr": 2, "es": 2, "ar": 6}[code]
