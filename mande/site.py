"""The static edition's HTML: a page in its frame, a table, a chart drawn in advance with its data, and the
library's Markdown (made safe by tables.escape and tables.links) as HTML.

Every text from the data reaches the page through html.escape; a link only to an http(s) address, as
tables.links decides, or to a page of the edition itself.

The edition is in every language asked for: English at its root, each other language in a folder of its own
(fr/, es/, ar/) with the same pages, so that a page's address in another language is the same path under that
folder; every page links to itself in the others. A page speaks the language being spoken when it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pandas as pd

from mande import charts, export, i18n
from mande.confidential import SMALL, suppressed
from mande.i18n import N_, _, number
from mande.svg import to_svg, without_vegas_english
from mande.tables import WORD_JOINER, as_text, is_web_address

STYLE_SHEET = Path(__file__).with_name("edition.css")
CHART_WIDTH = 640  # the app's charts fill their column; here they scale down to a phone's width (edition.css)
# The pages every page links to, in the order of the app's navigation: file, name.
NAVIGATION = {"index.html": N_("Overview"), "map.html": N_("Ratification map"), "results.html": N_("Results"),
              "events.html": N_("Events"), "forum.html": N_("Annual Forum"), "reach.html": N_("Reach"),
              "states.html": N_("States"), "about.html": N_("About the data")}


def folder(language: str) -> str:
    """Where a language's pages are in the edition: English at its root, any other in its own folder."""
    return "" if language == i18n.ENGLISH else f"{language}/"


@dataclass
class Site:
    """What every page says (the dates), the edition's languages, and the files written so far: path -> bytes.
    Its pages and files are written in the language being spoken, into that language's folder."""

    as_of: str  # the status date, in words
    confirmed: str  # the date the treaty data is confirmed to, in words
    built: str  # the build date, in words
    languages: tuple[str, ...] = (i18n.ENGLISH,)
    files: dict[str, bytes] = field(default_factory=dict)

    def page(self, path: str, title: str, body: str) -> None:
        """Write the page `path` (e.g. "states/TUV.html"): `body` (HTML) under its title, in the shared frame."""
        language = i18n.current()
        root = "../" * path.count("/")  # the language's own root
        top = root + ("../" if folder(language) else "")  # the edition's root, where the style sheet is
        nav = "".join(f'<li><a href="{root}{href}"' + (' aria-current="page"' if href == path else "")
                      + f">{escape(_(name))}</a></li>" for href, name in NAVIGATION.items())
        # (every message said before the frame: gettext's extraction does not look inside f-strings)
        said = {key: escape(text) for key, text in {
            "title": _("{page} · CTI dashboard, Friends' edition").format(page=title), "skip": _("Skip to the content"),
            "brand": _("Convention against Torture Initiative: monitoring and evaluation"),
            "edition": _("the Friends' edition"), "pages": _("Pages")}.items()}
        alternates = "".join(f'<link rel="alternate" hreflang="{code}" href="{top}{folder(code)}{path}">\n'
                             for code in self.languages) if len(self.languages) > 1 else ""  # itself among them
        self.files[folder(language) + path] = (
            f'<!doctype html>\n<html lang="{language}" dir="{i18n.direction()}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{said['title']}</title>\n{alternates}"
            f'<link rel="stylesheet" href="{top}edition.css">\n</head>\n<body>\n'
            f'<a class="skip" href="#main">{said["skip"]}</a>\n'
            f'<header>\n<p class="brand"><a href="{root}index.html">{said["brand"]}</a> · {said["edition"]}</p>\n'
            + self._languages(path, top)
            + f'<nav aria-label="{said["pages"]}"><ul>{nav}</ul></nav>\n'
            f'<p class="dates">{self._dates()}</p>\n</header>\n'
            f'<main id="main">\n<h1>{escape(title)}</h1>\n{body}\n</main>\n'
            f"<footer><p>{self._footer(root)}</p></footer>\n"
            "</body>\n</html>\n").encode()

    def _languages(self, path: str, top: str) -> str:
        """The page in each of the edition's languages, each named in its own (none when there is one)."""
        if len(self.languages) < 2:
            return ""
        here = i18n.current()
        links = "".join(
            f'<li><a href="{top}{folder(code)}{path}" hreflang="{code}" lang="{code}"'
            + (' aria-current="true"' if code == here else "") + f">{escape(i18n.LANGUAGES[code])}</a></li>"
            for code in self.languages)
        label = escape(_("Language"))
        return f'<nav class="languages" aria-label="{label}"><ul>{links}</ul></nav>\n'

    # (a message with HTML in its placeholders: the message escaped first, then filled with what is HTML already)
    def _dates(self) -> str:
        said = _("Status as of {as_of} · treaty data confirmed to {confirmed} · edition built on {built}")
        return escape(said).format(
            as_of=f"<strong>{escape(self.as_of)}</strong>", confirmed=f"<strong>{escape(self.confirmed)}</strong>",
            built=escape(self.built))

    def _footer(self, root: str) -> str:
        return escape(_("Public view: confidential records appear only as counts, and a count below {small} as "
                        "“{fewer}”. Sources of every figure: {about}.")).format(
            small=number(SMALL), fewer=escape(suppressed()),
            about=f'<a href="{root}about.html">' + escape(_("About the data")) + "</a>")

    def csv(self, path: str, data: pd.DataFrame) -> None:
        """Write `data` as the CSV file `path` of the language being spoken (cells that look like formulas
        neutralised, as every export): a table for people with its columns named in the language, a file of the
        data's own columns (snake_case, as `mande export` writes them) with those names, the same in every one."""
        named = data.rename(columns=lambda c: str(c) if re.fullmatch(r"[a-z0-9_]+", str(c)) else _(str(c)))
        self.files[folder(i18n.current()) + path] = export.dataframe_csv(named)

    def chart(self, spec: dict, data: pd.DataFrame, csv_path: str, shown: pd.DataFrame | None = None,
              params: dict | None = None, root: str = "", title: str | None = None) -> str:
        """The chart (a template of mande.charts) drawing `data`, as inline SVG with its title and description,
        then its data for people (`shown`, else `data`) as a table and the CSV file `csv_path`."""
        shown = data if shown is None else shown
        self.csv(csv_path, shown)
        return figure(spec, data, params, title) + (
            "<details><summary>" + escape(_("Data behind this chart")) + "</summary>\n" + table(shown, root=root)
            + download(root + csv_path) + "</details>\n")


def figure(spec: dict, data: pd.DataFrame, params: dict | None = None, title: str | None = None) -> str:
    """The chart drawn in advance, named by its title and its one-sentence description (the builder's)."""
    spec = charts.complete({"width": CHART_WIDTH, **spec}, data, params)
    named = title or _title(spec)
    alternative = _("{title}. {description}").format(title=named, description=spec.get("description", "")).strip()
    drawn = without_vegas_english(to_svg(spec)).replace(
        ' class="marks"', f' class="marks" role="graphics-document" aria-label="{escape(alternative)}"', 1)
    return f'<figure class="chart">{drawn}<figcaption>{escape(alternative)}</figcaption></figure>\n'


def _title(spec: dict) -> str:
    title = spec.get("title", "")
    return title.get("text", "") if isinstance(title, dict) else title


def download(href: str, label: str | None = None) -> str:
    label = label or _("Download CSV")
    return f'<p><a class="download" href="{escape(href)}" download>{escape(label)}</a></p>\n'


def table(data: pd.DataFrame, caption: str | None = None, markdown: tuple[str, ...] = (), root: str = "",
          states: dict[str, str] | None = None) -> str:
    """The DataFrame as an HTML table in a box that scrolls sideways on a phone: headers as <th scope="col">,
    every cell escaped, but the `markdown` columns (Markdown made safe by tables.links), rendered. With
    `states` (name -> iso3), a State in the "State" column links to its page. The columns are named in the
    language being spoken (each name marked with N_ where it is written)."""
    head = "".join(f'<th scope="col">{escape(_(str(c)))}</th>' for c in data.columns)
    rows = []
    for row in data.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(data.columns, row, strict=True):
            if column in markdown:
                cells.append(f"<td>{inline(as_text(value))}</td>")
            elif column == "State" and states and as_text(value) in states:
                cells.append(f'<td><a href="{root}states/{states[value]}.html">{escape(value)}</a></td>')
            else:
                cells.append(f"<td>{escape(as_text(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    named = escape(caption or _("Table"))
    return (f'<div class="scroll" role="region" aria-label="{named}" tabindex="0"><table>'
            + (f"<caption>{escape(caption)}</caption>" if caption else "")
            + f"<thead><tr>{head}</tr></thead><tbody>" + "\n".join(rows) + "</tbody></table></div>\n")


def figures(values: dict[str, object]) -> str:
    """A row of figures, each in a box: label -> value (the app's metrics)."""
    return '<ul class="figures">' + "".join(
        f'<li><span class="label">{escape(label)}</span> <span class="value">{escape(str(value))}</span></li>'
        for label, value in values.items()) + "</ul>\n"


# --- The library's Markdown as HTML ---------------------------------------------------------------------
# Only what the library writes: escapes (\*), **strong**, *emphasis*, `code`, [label](address), and lists of
# "- " lines. Any other character is text, escaped.

_INLINE = re.compile(r"\\(.)|(\*\*|\*|`)|\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)", re.DOTALL)
_TAGS = {"**": "strong", "*": "em", "`": "code"}


def inline(text: str) -> str:
    """One line of the library's Markdown as HTML."""
    text = text.replace(WORD_JOINER, "")  # it breaks addresses only for Streamlit's Markdown
    out, open_tags, at = [], [], 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[at:match.start()]))
        at = match.end()
        escaped, marker, label, address = match.groups()
        if escaped is not None:
            out.append(escape(escaped))
        elif marker:
            tag = _TAGS[marker]
            if tag in open_tags:
                while open_tags:  # close it, and anything opened inside it
                    closed = open_tags.pop()
                    out.append(f"</{closed}>")
                    if closed == tag:
                        break
            else:
                open_tags.append(tag)
                out.append(f"<{tag}>")
        elif is_web_address(address):
            out.append(f'<a href="{escape(address)}">{inline(label)}</a>')
        else:
            out.append(inline(label))
    out.append(escape(text[at:]))
    out.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(out)


def markdown(text: str) -> str:
    """Paragraphs and "- " lists of the library's Markdown as HTML."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if lines and lines[0].startswith("- "):  # a list: each item a "- " line and the indented lines after it
            items: list[str] = []
            for line in lines:
                if line.startswith("- ") or not items:
                    items.append(line.removeprefix("- "))
                else:
                    items[-1] += " " + line.strip()
            blocks.append("<ul>" + "".join(f"<li>{inline(item)}</li>" for item in items) + "</ul>")
        elif block:
            blocks.append(f"<p>{inline(' '.join(line.strip() for line in lines))}</p>")
    return "\n".join(blocks) + "\n"
