"""Small tables as Markdown: no extra component to load, and text from the CSV files cannot format itself."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit

import pandas as pd

from mande.i18n import _, current

# Every character that Markdown (with Streamlit's extensions: LaTeX, emoji shortcodes, colours) could read
# as syntax, `&` included (`&lt;` would show as `<`). Escaped, a cell shows exactly its text.
_SYNTAX = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:^=&])")
# Streamlit's Markdown also links addresses in plain text (GFM's autolink literals: `www.`, `http://`,
# `user@host`), looking for them in the text after its escapes are read, so escaping cannot stop it. An
# invisible word joiner after `www`, `://` and `@` breaks every such address and changes nothing shown.
_AUTOLINK = re.compile(r"(www(?=\.)|://|@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def escape(value: object) -> str:
    """The cell's text, escaped so that Markdown shows it as it is, never as formatting or a link; empty for
    missing values."""
    text = _AUTOLINK.sub(r"\1" + WORD_JOINER, as_text(value))
    return _SYNTAX.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def links(sources: object) -> str:
    """Markdown links to the web addresses in `sources` (several are separated by ';'), each named by its
    site; anything that is not an http(s) address is shown as plain, escaped text, and so is an address with
    a user name before its host (`https://www.un.org@evil.example/` goes to evil.example: no source needs one,
    and a label could only mislead)."""
    shown = []
    for source in as_text(sources).split(";"):
        source = source.strip()
        if is_web_address(source):
            # Brackets, bars, spaces and angle brackets would end the link or the table cell: percent-encode them.
            shown.append(f"[{escape(_site(urlsplit(source).hostname))}]({quote(source, safe=_URL_SAFE)})")
        elif source:
            shown.append(escape(source))
    return " · ".join(shown)


def sites(sources: object) -> str:
    """The sources as plain text that fits a printed table: each web address by its site ('apt.ch · un.org'),
    anything else as written."""
    shown = []
    for source in as_text(sources).split(";"):
        source = source.strip()
        try:
            host = urlsplit(source).hostname if urlsplit(source).scheme in ("http", "https") else None
        except ValueError:
            host = None
        if host or source:
            shown.append(_site(host) if host else source)
    return " · ".join(shown)


_URL_SAFE = ":/?#@!$&'*+,;=%~"


def is_web_address(address: str) -> bool:
    """Whether `address` may be linked: http(s), with a host and no user name before it."""
    try:
        parts = urlsplit(address)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and "@" not in parts.netloc
    except ValueError:  # not an address at all (e.g. "https://[x": an unclosed IPv6 bracket)
        return False


def state_link(name: object, iso3: str | None) -> str:
    """The State's name as a Markdown link to its profile (relative, so it works under any base path; it opens in
    a new tab, as every Markdown link in Streamlit does), or as escaped text where it is no known State."""
    if not iso3:
        return escape(name)
    return f"[{escape(name)}](state?{urlencode({'iso3': iso3, 'lang': current()})})"


def _site(host: str) -> str:
    """A web host (its name only: no user name, no port) as a short name that fits a narrow column: 'apt.ch'
    for www.apt.ch, 'cloudfront.net' for d2joq6sj09wk6y.cloudfront.net, and at most 20 characters."""
    host = host.removeprefix("www.")
    if len(host) > 20:
        host = ".".join(host.split(".")[-2:])
    return host if len(host) <= 20 else host[:19] + "…"


def as_text(value: object) -> str:
    """The value as text; empty for missing values."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def markdown_table(df: pd.DataFrame, markdown: tuple[str, ...] = ()) -> str:
    """The DataFrame as a Markdown table, every header and cell escaped except in the `markdown` columns,
    whose cells are Markdown already made safe (by `links`, or built from `escape`d text)."""
    header = "| " + " | ".join(escape(_(c)) for c in df.columns) + " |"  # in the language being spoken
    rule = "|" + "|".join(" --- " for _column in df.columns) + "|"
    as_is = [c in markdown for c in df.columns]
    rows = ["| " + " | ".join(as_text(v) if keep else escape(v) for v, keep in zip(row, as_is, strict=True))
            + " |" for row in df.itertuples(index=False, name=None)]
    return "\n".join([header, rule, *rows])
