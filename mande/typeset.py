"""The annual report (mande.report) written out: as Typst markup compiled to an A4 PDF by the `typst` package (the
compiler and its fonts come with it, so nothing is installed beside pip's packages, and the same fonts give the
same file on every machine), or as one self-contained HTML file (its CSS and charts inline).

Both writers walk the same content model. Every piece of text reaches Typst as a string literal, never as
markup, and HTML escaped, so a data file's cell can never become formatting or code.
"""

from __future__ import annotations

import functools
import html
import re
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from mande import i18n
from mande.dates import describe
from mande.i18n import N_, _
from mande.report import Bullets, Figure, Heading, Paragraph, Report, Section, Table, Text

FONT = "Libertinus Serif"  # one of the fonts the typst package carries: its Latin letters serve every language
# The typst package carries no Arabic letters: an Arabic report takes Noto Naskh Arabic from Debian's
# fonts-noto-core, and only it (Typst reads fonts by folder: its two files are copied into a folder of their own,
# so that no other Noto font stands in for a letter), so the PDF is the same wherever that font is.
ARABIC_FONT = "Noto Naskh Arabic"
ARABIC_FONT_FILES = tuple(Path("/usr/share/fonts/truetype/noto") / f"NotoNaskhArabic-{weight}.ttf"
                          for weight in ("Regular", "Bold"))


CONTENTS = N_("Contents")


class MissingFont(RuntimeError):
    """A language's font is not on this machine: the message says which, and how to install it."""


def _fonts() -> tuple[tuple[str, ...], list[str]]:
    """The font families of the report's language (the first found for each letter), and the font folders read
    beside the typst package's own."""
    if i18n.current() != "ar":
        return (FONT,), []
    missing = [path for path in ARABIC_FONT_FILES if not path.is_file()]
    if missing:
        raise MissingFont(f"the Arabic report needs the font {ARABIC_FONT}, which is not installed ({missing[0]} "
                          "is missing): install Debian's package fonts-noto-core (apt-get install fonts-noto-core)")
    return (FONT, ARABIC_FONT), [_folder_of(ARABIC_FONT_FILES)]


@functools.cache
def _folder_of(files: tuple[Path, ...]) -> str:
    """A folder of this process holding only `files`."""
    folder = Path(tempfile.mkdtemp(prefix="mande-fonts-"))
    for path in files:
        shutil.copyfile(path, folder / path.name)
    return str(folder)


def _in_its_language(write: Callable) -> Callable:
    """A writer that speaks the report's own language (Report.language), whatever the caller speaks."""
    @functools.wraps(write)
    def written(report: Report, *args):
        with i18n.using(report.language):
            return write(report, *args)
    return written


@_in_its_language
def cover(report: Report) -> tuple[str, ...]:
    """The cover's lines after the title: the date the figures are for, the as-of date, the build date."""
    if report.on < date(report.year, 1, 1):
        first = _("There is no data for {year} yet.").format(year=report.year)
    elif report.on == date(report.year, 12, 31):
        first = _("The year's figures are for {date}, the end of the year.").format(date=describe(report.on))
    else:
        first = _("The year's figures are for {date}, the date the data is confirmed to: the year is not "
                  "over.").format(date=describe(report.on))
    return (
        first,
        _("Treaty data confirmed to {date}.").format(date=describe(report.as_of)) if report.as_of
        else _("Treaty data: no as-of date."),
        _("Built on {date} from the public view of the CTI's monitoring-and-evaluation data: no confidential record "
          "is in it.").format(date=describe(report.built)),
    )


# --- Typst ---------------------------------------------------------------------------------------------

def _string(text: str) -> str:
    """`text` as a Typst string literal: it is shown as written, whatever it holds."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{{{ord(m.group()):x}}}", escaped) + '"'


_STYLE_FUNCTIONS = {"": "", "strong": "strong", "em": "emph", "code": "raw"}


def _typst_text(text: Text) -> str:
    """Runs of text as Typst content, each run a string literal."""
    return "[" + "".join(f"#{_STYLE_FUNCTIONS[run.style]}({_string(run.text)})" if run.style
                         else f"#{_string(run.text)}" for run in text) + "]"


def _typst_block(block) -> str:
    if isinstance(block, Paragraph):
        return f"#par({_typst_text(block.text)})"
    if isinstance(block, Bullets):
        return "#list(" + ", ".join(_typst_text(item) for item in block.items) + ")"
    if isinstance(block, Heading):
        return f"#heading(level: 2, {_string(block.text)})"
    if isinstance(block, Table):
        header = ", ".join(_string(c) for c in block.columns)
        cells = ",\n  ".join(", ".join(_string(v) for v in row) for row in block.rows)
        return (f"#block(breakable: false, below: 0.5em, text(weight: \"bold\", size: 9pt, {_string(block.caption)}))\n"
                f"#table(columns: {_widths(block)}, table.header({header}),\n  {cells})")
    if isinstance(block, Figure):
        return (f"#figure(image(bytes({_string(block.svg)}), format: \"svg\", width: 100%,\n"
                f"  alt: {_string(block.alternative)}), caption: {_string(block.title)})")
    raise TypeError(f"no Typst for {type(block).__name__}")


LINE = 110  # characters of a table's 8.5 pt type across the page
SHORT = 14  # characters: a column no wider than this keeps its width when a table is too wide for the line


def _widths(block: Table) -> str:
    """Each column as wide as its text where the table fits the line; else the short columns as wide as their
    text and the long ones sharing the rest of the line by how much they hold (at most 50 characters' worth)."""
    longest = [max(len(t) for t in [c, *(row[i] for row in block.rows)]) for i, c in enumerate(block.columns)]
    if sum(longest) + 2 * len(longest) <= LINE:
        return "(" + "auto, " * len(longest) + ")"
    return "(" + ", ".join("auto" if n <= SHORT else f"{min(n, 50)}fr" for n in longest) + ",)"


def _typst_section(section: Section) -> str:
    blocks = [_typst_block(b) for b in section.blocks]
    source = f"#par(text(size: 8.5pt, fill: luma(70), {_string(section.source)}))"
    if section.blocks and isinstance(section.blocks[-1], Paragraph | Bullets):  # never a source line on its own page
        blocks[-1] = f"#block(breakable: false)[\n{blocks[-1]}\n\n{source}\n]"
    else:
        blocks.append(f"#block(breakable: false, {source.removeprefix('#')})")
    return f"#heading(level: 1, {_string(section.title)})\n\n" + "\n\n".join(blocks) + "\n"


_PREAMBLE = """#set document(title: {title}, author: "Convention against Torture Initiative", date: {date})
#set page(paper: "a4", margin: (x: 2cm, top: 2cm, bottom: 2.5cm))
#set text(font: {fonts}, size: 10.5pt, lang: "{language}")
#set par(spacing: 0.9em)
#set heading(numbering: (..n) => if n.pos().len() == 1 {{ numbering("1.", ..n) }})
#show heading.where(level: 1): it => {{ v(0.6em); text(size: 16pt, it); v(0.3em) }}
#show heading.where(level: 2): set text(size: 12pt)
#set table(stroke: 0.4pt + luma(160), inset: (x: 4pt, y: 3pt), fill: (_, y) => if y == 0 {{ luma(235) }})
#set table.cell(breakable: false)
#show table: set text(size: 8.5pt)
#show table: set par(justify: false)
#show table.cell.where(y: 0): set text(weight: "bold")
#show figure: set block(breakable: false)
"""


@_in_its_language
def typst_markup(report: Report) -> str:
    """The report as one Typst document: a cover, the contents, the sections, the pages numbered."""
    built = report.built
    lines = cover(report)
    fonts, _files = _fonts()
    return (
        _PREAMBLE.format(title=_string(report.title), fonts="(" + "".join(f"{_string(f)}, " for f in fonts) + ")",
                         language=i18n.current(),  # Typst sets the direction by it: Arabic right to left
                         date=f"datetime(year: {built.year}, month: {built.month}, day: {built.day})")
        + "#page(numbering: none)[\n#v(5cm)\n"
        + f"#text(size: 24pt, weight: \"bold\", {_string(report.name)})\n\n"
        + f"#text(size: 20pt, {_string(report.subtitle)})\n\n#v(1.5cm)\n"
        + "".join(f"#par(text(size: 12pt, {_string(line)}))\n" for line in lines)
        + "]\n"
        + "#set page(numbering: \"1 / 1\")\n#counter(page).update(1)\n"
        + f"#outline(title: {_string(_(CONTENTS))}, depth: 2)\n#pagebreak()\n\n"
        + "\n".join(_typst_section(s) for s in report.sections)
    )


@_in_its_language
def pdf(report: Report) -> bytes:
    """The report as a tagged A4 PDF, its fonts embedded; the same bytes for the same report (its creation date
    is the build date, and only the fonts of the typst package are used)."""
    import typst  # only the report needs it

    built = datetime(report.built.year, report.built.month, report.built.day, tzinfo=UTC)
    _families, files = _fonts()
    return typst.compile(typst_markup(report).encode("utf-8"), format="pdf", ignore_system_fonts=True,
                         font_paths=files, timestamp=int(built.timestamp()))


# --- HTML ----------------------------------------------------------------------------------------------

_CSS = """
body { font-family: Georgia, "Libertinus Serif", serif; color: #1a1a1a; max-width: 60rem; margin: 0 auto;
       padding: 1rem 1.5rem 3rem; line-height: 1.45; }
header.cover { border-bottom: 2px solid #0072B2; padding: 2rem 0 1rem; margin-bottom: 1rem; }
h1 { font-size: 2rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.15rem; margin-top: 1.5rem; }
.wide { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; font-size: 0.9rem; }
caption { text-align: start; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #aaa; padding: 0.2rem 0.45rem; text-align: start; vertical-align: top; }
th { background: #ececec; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; direction: ltr; }  /* its layout kept on a right-to-left page */
figcaption { font-style: italic; }
p.source { font-size: 0.85rem; color: #444; }
code { font-family: "DejaVu Sans Mono", monospace; }
"""
_TAGS = {"strong": "strong", "em": "em", "code": "code"}


def _html_text(text: Text) -> str:
    return "".join(f"<{_TAGS[r.style]}>{html.escape(r.text)}</{_TAGS[r.style]}>" if r.style else html.escape(r.text)
                   for r in text)


def _inline_svg(svg: str, label: str, number: int) -> str:
    """The chart's SVG for a page: one image named by its text alternative (its parts' roles and labels
    removed, since an image's parts are not read out), its ids made unique on the page."""
    svg = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", svg)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="f{number}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#f{number}-\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#f{number}-\1"', svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def _html_block(block, number: int) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_html_text(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_html_text(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Heading):
        return f"<h3>{html.escape(block.text)}</h3>"
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in block.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in block.rows)
        return (f'<div class="wide" role="region" tabindex="0" aria-label="{html.escape(block.caption)}"><table>'
                f"<caption>{html.escape(block.caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table></div>")
    if isinstance(block, Figure):
        return (f"<figure>{_inline_svg(block.svg, block.alternative, number)}"
                f"<figcaption>{html.escape(block.title)}</figcaption></figure>")
    raise TypeError(f"no HTML for {type(block).__name__}")


@_in_its_language
def html_page(report: Report) -> str:
    """The report as one accessible HTML page: its style and charts inline, nothing to fetch."""
    contents = "".join(f'<li><a href="#section-{i}">{html.escape(s.title)}</a></li>'
                       for i, s in enumerate(report.sections, 1))
    sections, figures = [], 0
    for i, section in enumerate(report.sections, 1):
        blocks = []
        for block in section.blocks:
            figures += isinstance(block, Figure)
            blocks.append(_html_block(block, figures))
        sections.append(f'<section aria-labelledby="section-{i}"><h2 id="section-{i}">{i}. '
                        f"{html.escape(section.title)}</h2>{''.join(blocks)}"
                        f'<p class="source">{html.escape(section.source)}</p></section>')
    return (f"<!DOCTYPE html>\n<html lang=\"{i18n.current()}\" dir=\"{i18n.direction()}\">"
            "<head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(report.title)}</title><style>{_CSS}</style></head><body>"
            f"<header class=\"cover\"><h1>{html.escape(report.title)}</h1>"
            + "".join(f"<p>{html.escape(line)}</p>" for line in cover(report))
            + f"</header><nav aria-label=\"{html.escape(_(CONTENTS))}\"><h2>{html.escape(_(CONTENTS))}</h2>"
            f"<ol>{contents}</ol></nav>"
            f"<main>{''.join(sections)}</main></body></html>\n")


def write(report: Report, out: Path) -> None:
    """The report as `out`: a PDF for .pdf, one HTML file for .html."""
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        out.write_bytes(pdf(report))
    elif suffix in (".html", ".htm"):
        out.write_text(html_page(report), encoding="utf-8")
    else:
        raise ValueError(f"cannot write the report as {out.name}; name the file .pdf or .html")
