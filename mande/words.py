"""How the dashboard counts things in words: one place for the plural, so that no page says "1 CTI events", in
any language (the catalog holds each language's forms: English has two, Arabic six)."""

from __future__ import annotations

from mande.i18n import ngettext, number


def counted(n: int, singular: str, plural: str, **values: object) -> str:
    """ngettext's form of the message for `n`, with {n} the number as the language writes it and the other
    placeholders filled from `values`: counted(2, "{n} CTI event", "{n} CTI events") -> '2 CTI events'.
    The catalogs' extraction reads its second and third arguments as the message (babel.cfg: counted:2,3)."""
    return ngettext(singular, plural, n).format(n=number(n), **values)
