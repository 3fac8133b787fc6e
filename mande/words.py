"""How the dashboard counts things in words: one place for the plural, so that no page says "1 CTI events", in
any language (the catalog holds each language's forms: English has two, Arabic six)."""

from __future__ import annotations

from mande.i18n import _, ngettext, number


def counted(n: int, singular: str, plural: str, **values: object) -> str:
    """ngettext's form of the message for `n`, with {n} the number as the language writes it and the other
    placeholders filled from `values`: counted(2, "{n} CTI event", "{n} CTI events") -> '2 CTI events'.
    The catalogs' extraction reads its second and third arguments as the message (babel.cfg: counted:2,3)."""
    return ngettext(singular, plural, n).format(n=number(n), **values)


class Words(dict):
    """English words by key (each marked with N_ where written), said in the current language when read: `[key]`,
    `get`, `values` and `items` give the translation, so that `series.map(words)` and `format_func=words.get`
    speak the page's language. The keys stay English (the data's values). An unknown key reads as missing (NaN),
    as pandas' `map` gives it."""

    def __getitem__(self, key):
        if dict.__contains__(self, key):
            return _(dict.__getitem__(self, key))
        return self.__missing__(key)

    def __missing__(self, key):
        return float("nan")

    def get(self, key, default=None):
        return self[key] if dict.__contains__(self, key) else default

    def english(self, key):
        """The word as written, in English (for the command line, or a comparison)."""
        return dict.__getitem__(self, key)

    def values(self):
        return [self[key] for key in self]

    def items(self):
        return [(key, self[key]) for key in self]
