"""How the dashboard counts things in words: one place for the plural, so that no page says "1 CTI events"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 CTI event', '2 CTI events', '1,234 rows': the number, then the noun in the singular or the plural (the
    noun plus 's' unless `plural` is given)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
