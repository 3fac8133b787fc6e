"""Streamlit's static files as the web server gives them to the Friends: its fonts cut to what the dashboard
draws, and every file that compresses stored compressed ahead of time, at the highest levels.

Through Caddy, a first visit of the Overview received 1.8 MB, 0.7 MB of it fonts: Streamlit's icon font (375 KB
for 4,309 icons, of which its frontend and the dashboard name about 500) and Source Sans (Latin, Greek, Cyrillic
and Vietnamese, upright and italic). The rest was JavaScript, compressed on the fly at zstd's fast level.
`prepare(folder)` writes a copy of Streamlit's `static/` folder in which:

- the icon font keeps only the icons whose names Streamlit's JavaScript or the dashboard's code spells out;
- Source Sans and Source Code keep the scripts of the dashboard's Latin languages (English, French, Spanish),
  with every typographic sign; Arabic is drawn in the system's font, as before;
- each file that compresses is stored beside itself as `.br` (Brotli, quality 11) and `.gz` (gzip, level 9).

`deploy/Caddyfile` serves `/static/*` from that folder (a file it does not hold goes on to the replicas, so a
folder prepared for another version of Streamlit costs only speed). The file names are Streamlit's own, with
their hashes: each is served as immutable.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli
from fontTools import subset
from fontTools.ttLib import TTFont

from mande.db import REPO_DIR

# Found, not imported: only the pages and mande.ui import Streamlit (tests/test_app.py).
STREAMLIT_STATIC = Path(importlib.util.find_spec("streamlit").origin).parent / "static"
ICON_FONT = "MaterialSymbols-Rounded"
TEXT_FONTS = ("SourceSansVF-", "SourceCodeVF-")
# Latin and its extensions A and B (every State's name in English, French and Spanish), and the typographic
# signs: punctuation and spaces (French's narrow no-break space), currencies, letter-like signs, arrows,
# mathematical signs (≤, −, ×) and geometric shapes (▲, ●). Vietnamese's letters and the combining accents
# (a third of the font) go: a character the cut font lacks is drawn in the system's font, as Arabic is.
TEXT_RANGES = ((0x0000, 0x024F), (0x2000, 0x214F), (0x2190, 0x22FF), (0x25A0, 0x25FF))
COMPRESSIBLE = {".js", ".css", ".json", ".svg", ".html", ".txt", ".map", ".ttf", ".otf", ".wasm"}
SMALLEST = 512  # bytes: a smaller file gains less than the header that says it is compressed
STAMP = "PREPARED.json"


@dataclass(frozen=True)
class Prepared:
    folder: Path
    fonts: dict[str, tuple[int, int]]  # font file: bytes before, after
    compressed: int  # files stored compressed
    reused: bool  # the folder was already prepared for this Streamlit and this module


def default_folder() -> Path:
    """Where `deploy/serve` keeps the prepared files: $MANDE_STATIC, else the user's cache."""
    if os.environ.get("MANDE_STATIC"):
        return Path(os.environ["MANDE_STATIC"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mande" / "web-assets"


def prepare(folder: Path, say: Callable[[str], None] = lambda _: None) -> Prepared:
    """Write the prepared copy of Streamlit's static files into `folder` (created or replaced, atomically);
    nothing is rewritten when it was prepared already for the same Streamlit and the same code. `say` hears
    that the work begins, when it does (it takes about a minute)."""
    folder = folder.resolve()
    names = icon_names()
    stamp = _stamp(names)
    done = _done(folder)
    if done and done["stamp"] == stamp:
        return Prepared(folder, {name: tuple(sizes) for name, sizes in done["fonts"].items()},
                        done["compressed"], reused=True)
    say(f"Preparing Streamlit's static files in {folder} (once for each version of Streamlit; about a minute)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    # A folder of its own to build in: two preparations at once (a trial and a test) never share one.
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.building.", dir=folder.parent))
    building.chmod(0o755)  # the web server runs as another user: it reads what this one writes
    shutil.copytree(STREAMLIT_STATIC / "static", building / "static", dirs_exist_ok=True)
    fonts = {}
    for font in sorted((building / "static" / "media").glob("*.woff2")):
        if font.name.startswith(ICON_FONT):
            fonts[font.name] = _cut(font, lambda f: _keep_icons(f, names))
        elif font.name.startswith(TEXT_FONTS):
            fonts[font.name] = _cut(font, _keep_text)
    with ProcessPoolExecutor(os.cpu_count()) as pool:  # Brotli's highest quality is slow: every core
        compressed = sum(pool.map(_compress, sorted(p for p in building.rglob("*") if p.is_file())))
    (building / STAMP).write_text(json.dumps({"stamp": stamp, "fonts": fonts, "compressed": compressed}))
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent)) / "old"
    if folder.exists():
        folder.rename(old)
    building.rename(folder)
    shutil.rmtree(old.parent, ignore_errors=True)
    return Prepared(folder, fonts, compressed, reused=False)


def _done(folder: Path) -> dict | None:
    try:
        done = json.loads((folder / STAMP).read_text())
        return done if {"stamp", "fonts", "compressed"} <= set(done) else None
    except (OSError, ValueError, TypeError):
        return None


def icon_names() -> set[str]:
    """Every icon name that Streamlit's JavaScript or the dashboard's code writes: `:material/name:`, and any
    quoted word, which the icon font keeps only if it is an icon's name (Streamlit's own buttons name theirs
    both ways)."""
    names: set[str] = set()
    for script in (STREAMLIT_STATIC / "static" / "js").glob("*.js"):
        text = script.read_text(errors="ignore")
        names |= set(re.findall(r":material/([a-z0-9_]+):", text))
        names |= set(re.findall(r"[\"'`]([a-z0-9_]+)[\"'`]", text))
    for source in [REPO_DIR / "app.py", *(REPO_DIR / "app_pages").glob("*.py"), *(REPO_DIR / "mande").rglob("*.py")]:
        if source.is_file():
            names |= set(re.findall(r":material/([a-z0-9_]+):", source.read_text()))
    return names


def ligatures(font: TTFont) -> dict[str, str]:
    """The icon font's icons: the name typed, to the glyph it becomes."""
    letters = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    found = {}
    for table in _ligature_tables(font):
        for first, sets in table.ligatures.items():
            for ligature in sets:
                found["".join(letters.get(g, "?") for g in [first, *ligature.Component])] = ligature.LigGlyph
    return found


def covered(font: TTFont) -> set[int]:
    return set(font.getBestCmap())


def _ligature_tables(font: TTFont):
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:  # an extension: the real table inside
                kind, table = table.ExtensionLookupType, table.ExtSubTable
            if kind == 4:
                yield table


def _keep_icons(font: TTFont, names: set[str]) -> None:
    """Only the ligatures of `names` stay; the subsetter then keeps their glyphs and the letters they are typed in."""
    kept = {glyph for name, glyph in ligatures(font).items() if name in names}
    for table in _ligature_tables(font):
        table.ligatures = {first: [lig for lig in sets if lig.LigGlyph in kept]
                           for first, sets in table.ligatures.items()}
        table.ligatures = {first: sets for first, sets in table.ligatures.items() if sets}
    letters = [code for code in font.getBestCmap() if code < 0xE000]  # not the icons' private code points
    _subset(font, unicodes=letters, glyphs=sorted(kept))


def _keep_text(font: TTFont) -> None:
    _subset(font, unicodes=[c for c in covered(font) if any(low <= c <= high for low, high in TEXT_RANGES)])


def _subset(font: TTFont, unicodes: list[int], glyphs: list[str] = ()) -> None:
    options = subset.Options()
    options.layout_features = ["*"]  # kerning, ligatures, figures: the font's typography as it was
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=unicodes, glyphs=glyphs)
    cutter.subset(font)


def _cut(path: Path, keep) -> tuple[int, int]:
    before = path.stat().st_size
    font = TTFont(path, recalcTimestamp=False)  # the same files from the same Streamlit, byte for byte
    keep(font)
    font.flavor = "woff2"
    font.save(path)
    return before, path.stat().st_size


def _compress(path: Path) -> bool:
    if path.suffix not in COMPRESSIBLE or path.stat().st_size < SMALLEST:
        return False
    content = path.read_bytes()
    path.with_name(path.name + ".br").write_bytes(brotli.compress(content, quality=11))
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(content, compresslevel=9, mtime=0))
    return True


def _stamp(names: set[str]) -> str:
    """What the prepared folder depends on: Streamlit's version, this module, and the icons named."""
    this = hashlib.sha256(Path(__file__).read_bytes())
    this.update(" ".join(sorted(names)).encode())
    return f"streamlit {importlib.metadata.version('streamlit')}, {this.hexdigest()[:16]}"
