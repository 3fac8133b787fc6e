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

`deploy/Caddyfile` serves `/static/*` from that folder, through the link `current` (a file it does not hold goes
on to the replicas: slower, never broken). The file names are Streamlit's own, with their hashes: each is served
as immutable but the cut fonts, which keep the names of the whole fonts and change when the dashboard names
another icon (a day in the browser's cache).
"""

from __future__ import annotations

import fcntl
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
from contextlib import contextmanager
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
CURRENT = "current"
LOCK = ".lock"


@dataclass(frozen=True)
class Prepared:
    folder: Path
    fonts: dict[str, tuple[int, int]]  # font file: bytes before, after
    compressed: int  # files stored compressed
    reused: bool  # it was already prepared for this Streamlit and this code


def default_folder() -> Path:
    """Where `deploy/serve` keeps the prepared files: $MANDE_STATIC, else the user's cache."""
    if os.environ.get("MANDE_STATIC"):
        return Path(os.environ["MANDE_STATIC"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mande" / "web-assets"


def served(root: Path) -> Path:
    """The folder Caddy serves: a link, inside `root`, to the one prepared for this Streamlit and this code."""
    return root / CURRENT


def prepare(root: Path, say: Callable[[str], None] = lambda _: None) -> Prepared:
    """Prepare Streamlit's static files in a folder of their own inside `root`, named for what they depend on,
    and point `root/current` at it; nothing is rewritten when it was prepared already. Until it is ready, and
    if it fails, `current` points nowhere and Caddy asks the replicas: slower, never a font cut for another
    version. `say` hears that the work begins, when it does (it takes about a minute)."""
    root = root.resolve()
    names = icon_names()
    stamp = _stamp(names)
    version = root / re.sub(r"[^A-Za-z0-9.]+", "-", stamp)
    root.mkdir(parents=True, exist_ok=True)
    with _taking_turns(root):  # two preparations at once (a trial beside a test): the second finds it done
        done = _done(version)
        reused = bool(done) and done["stamp"] == stamp
        if not reused:
            served(root).unlink(missing_ok=True)
            say(f"Preparing Streamlit's static files in {version} (once for each version of Streamlit; about a minute)")
            done = _build(version, names, stamp)
        link = root / f".{CURRENT}.{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(version.name)
        os.replace(link, served(root))  # atomic: Caddy never finds a link half-made
        _sweep(root, keep=version)
    return Prepared(version, {name: tuple(sizes) for name, sizes in done["fonts"].items()}, done["compressed"],
                    reused)


def _build(version: Path, names: set[str], stamp: str) -> dict:
    building = Path(tempfile.mkdtemp(prefix=".building.", dir=version.parent))
    try:
        shutil.copytree(STREAMLIT_STATIC / "static", building / "static", dirs_exist_ok=True)
        fonts = {}
        for font in sorted((building / "static" / "media").glob("*.woff2")):
            if font.name.startswith(ICON_FONT):
                fonts[font.name] = _cut(font, lambda f: _keep_icons(f, names))
            elif font.name.startswith(TEXT_FONTS):
                fonts[font.name] = _cut(font, _keep_text)
        with ProcessPoolExecutor(os.cpu_count()) as pool:  # Brotli's highest quality is slow: every core
            compressed = sum(pool.map(_compress, sorted(p for p in building.rglob("*") if p.is_file())))
        done = {"stamp": stamp, "fonts": fonts, "compressed": compressed}
        (building / STAMP).write_text(json.dumps(done))
        # The web server runs as another user: it reads everything, whatever the modes in site-packages.
        for path in [building, *building.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(version, ignore_errors=True)  # one left half-written by a build that was stopped
        building.rename(version)
        return done
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _sweep(root: Path, keep: Path) -> None:
    """Remove what earlier preparations left in `root`: other versions, stopped builds, the folder's old layout.
    Only names this module writes: `--out` given a folder with other things in it loses none of them."""
    old_layout = (root / STAMP).exists()  # before 2026-12-04 the files lay in `root` itself
    for entry in root.iterdir():
        if entry == keep or entry.name in (CURRENT, LOCK):
            continue
        if entry.name.startswith(("streamlit-", ".building.", f".{CURRENT}.")) or (
                entry.name in ("static", STAMP) and old_layout):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


@contextmanager
def _taking_turns(root: Path):
    with (root / LOCK).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


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
    if not (REPO_DIR / "app.py").is_file():  # an install without the pages would lose the sidebar's icons
        raise FileNotFoundError(f"{REPO_DIR / 'app.py'}: prepare the static files from the dashboard's checkout")
    # Streamlit's Python names icons too (st.status: check, error), and so do the dashboard's pages.
    sources = [*STREAMLIT_STATIC.parent.rglob("*.py"), REPO_DIR / "app.py", *(REPO_DIR / "app_pages").glob("*.py"),
               *(REPO_DIR / "mande").rglob("*.py")]
    for source in sources:
        names |= set(re.findall(r":material/([a-z0-9_]+):", source.read_text(errors="ignore")))
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
