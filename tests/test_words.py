"""Counting in words (mande.words)."""

from mande.words import counted


def test_one_is_singular_and_every_other_number_plural():
    assert counted(1, "CTI event") == "1 CTI event"
    assert [counted(n, "State") for n in (0, 2, 1234)] == ["0 States", "2 States", "1,234 States"]
    assert counted(3, "entry", "entries") == "3 entries"
