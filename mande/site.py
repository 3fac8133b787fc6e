"""The static edition's HTML: a page in its frame, a table, a chart drawn in advance with its data, and the
library's Markdown (made safe by tables.escape and tables.links) as HTML.

Every text from the data reaches the page through html.escape; a link only to an http(s) address, as
tables.links decides, or to a page of the edition itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pandas as pd

from mande import charts, export
from mande.confidential import SMALL, SUPPRESSED
from mande.svg import to_svg
from mande.tables import WORD_JOINER, as_text, is_web_address

STYLE_SHEET = Path(__file__).with_name("edition.css")
CHART_WIDTH = 640  # the app's charts fill their column; here they scale down to a phone's width (edition.css)
# The pages every page links to, in the order of the app's navigation: file, name.
NAVIGATION = {"index.html": "Overview", "map.html": "Ratification map", "results.html": "Results",
              "events.html": "Events", "forum.html": "Annual Forum", "reach.html": "Reach",
              "states.html": "States", "about.html": "About the data"}


@dataclass
class Site:
    """What every page says (the dates) and the files written so far: path -> bytes."""

    as_of: str  # the status date, in words
    confirmed: str  # the date the treaty data is confirmed to, in words, with its source
    built: str  # the build date, in words
    files: dict[str, bytes] = field(default_factory=dict)

    def page(self, path: str, title: str, body: str) -> None:
        """Write the page `path` (e.g. "states/TUV.html"): `body` (HTML) under its title, in the shared frame."""
        root = "../" * path.count("/")
        nav = "".join(f'<li><a href="{root}{href}"' + (' aria-current="page"' if href == path else "")
                      + f">{name}</a></li>" for href, name in NAVIGATION.items())
        self.files[path] = (
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)} · CTI dashboard, Friends' edition</title>\n"
            f'<link rel="stylesheet" href="{root}edition.css">\n</head>\n<body>\n'
            '<a class="skip" href="#main">Skip to the content</a>\n'
            f'<header>\n<p class="brand"><a href="{root}index.html">Convention against Torture Initiative: '
            "monitoring and evaluation</a> · the Friends' edition</p>\n"
            f'<nav aria-label="Pages"><ul>{nav}</ul></nav>\n'
            f'<p class="dates">Status as of <strong>{escape(self.as_of)}</strong> · treaty data confirmed to '
            f"<strong>{escape(self.confirmed)}</strong> · edition built on {escape(self.built)}</p>\n</header>\n"
            f'<main id="main">\n<h1>{escape(title)}</h1>\n{body}\n</main>\n'
            f"<footer><p>Public view: confidential records appear only as counts, and a count below {SMALL} as "
            f'“{SUPPRESSED}”. Sources of every figure: <a href="{root}about.html">About the data</a>.</p></footer>\n'
            "</body>\n</html>\n").encode()

    def csv(self, path: str, data: pd.DataFrame) -> None:
        """Write `data` as the CSV file `path` (cells that look like formulas neutralised, as every export)."""
        self.files[path] = export.dataframe_csv(data)

    def chart(self, spec: dict, data: pd.DataFrame, csv_path: str, shown: pd.DataFrame | None = None,
              params: dict | None = None, root: str = "", title: str | None = None) -> str:
        """The chart (a template of mande.charts) drawing `data`, as inline SVG with its title and description,
        then its data for people (`shown`, else `data`) as a table and the CSV file `csv_path`."""
        shown = data if shown is None else shown
        self.csv(csv_path, shown)
        return figure(spec, data, params, title) + (
            "<details><summary>Data behind this chart</summary>\n" + table(shown, root=root)
            + download(root + csv_path) + "</details>\n")


def figure(spec: dict, data: pd.DataFrame, params: dict | None = None, title: str | None = None) -> str:
    """The chart drawn in advance, named by its title and its one-sentence description (the builder's)."""
    spec = charts.complete({"width": CHART_WIDTH, **spec}, data, params)
    named = title or _title(spec)
    alternative = f"{named}. {spec.get('description', '')}".strip()
    drawn = to_svg(spec).replace(
        ' class="marks"', f' class="marks" role="graphics-document" aria-roledescription="visualization" '
                          f'aria-label="{escape(alternative)}"', 1)
    return f'<figure class="chart">{drawn}<figcaption>{escape(alternative)}</figcaption></figure>\n'


def _title(spec: dict) -> str:
    title = spec.get("title", "")
    return title.get("text", "") if isinstance(title, dict) else title


def download(href: str, label: str = "Download CSV") -> str:
    return f'<p><a class="download" href="{escape(href)}" download>{escape(label)}</a></p>\n'


def table(data: pd.DataFrame, caption: str | None = None, markdown: tuple[str, ...] = (), root: str = "",
          states: dict[str, str] | None = None) -> str:
    """The DataFrame as an HTML table in a box that scrolls sideways on a phone: headers as <th scope="col">,
    every cell escaped, but the `markdown` columns (Markdown made safe by tables.links), rendered. With
    `states` (name -> iso3), a State in the "State" column links to its page."""
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in data.columns)
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
    named = escape(caption or "Table")
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
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append("<ul>" + "".join(f"<li>{inline(line[2:])}</li>" for line in lines) + "</ul>")
        elif block:
            blocks.append(f"<p>{inline(' '.join(lines))}</p>")
    return "\n".join(blocks) + "\n"
