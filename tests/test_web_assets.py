"""Streamlit's static files as Caddy serves them (mande/web_assets.py): fonts cut to what the dashboard draws,
every file that compresses stored compressed beside itself, and nothing lost on the way.

The folder is prepared once, where `deploy/serve` keeps it (about a minute on 2 cores the first time; the
deployment tests then find it ready).
"""

from __future__ import annotations

import csv
import gzip
import re

import brotli
import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from mande import cli, i18n, names, web_assets
from tests.conftest import DATA


@pytest.fixture(scope="module")
def prepared():
    return web_assets.prepare(web_assets.default_folder())


def _font(folder, prefix: str) -> TTFont:
    (path,) = (folder / "static" / "media").glob(prefix + "*.woff2")
    return TTFont(path)


def test_the_icon_font_keeps_every_icon_streamlit_or_the_dashboard_names(prepared):
    original = web_assets.ligatures(_font(web_assets.STREAMLIT_STATIC, web_assets.ICON_FONT))
    cut = web_assets.ligatures(_font(prepared.folder, web_assets.ICON_FONT))
    spelled = set()
    for script in (web_assets.STREAMLIT_STATIC / "static" / "js").glob("*.js"):
        spelled |= set(re.findall(r":material/([a-z0-9_]+):", script.read_text(errors="ignore")))
    ours = set(re.findall(r":material/([a-z0-9_]+):", (web_assets.REPO_DIR / "app.py").read_text()))
    assert {"dashboard", "public", "lock", "slideshow"} <= ours  # the sidebar's icons
    needed = (spelled | ours) & set(original)
    assert len(needed) > 60 and needed <= set(cut), sorted(needed - set(cut))
    assert len(cut) < len(original) / 4  # and most of the 4,309 icons are gone
    before, after = prepared.fonts[next(n for n in prepared.fonts if n.startswith(web_assets.ICON_FONT))]
    assert after < before / 4


def _latin_text() -> set[str]:
    """Every character the dashboard writes in its Latin languages: the States' names, every message, and
    numbers as each language writes them (French groups digits with a narrow no-break space)."""
    with (DATA / "states.csv").open(encoding="utf-8") as f:
        states = [(row["iso3"], row["name"]) for row in csv.DictReader(f)]
    text = {name for _, code, name in names.state_names(states) if code != "ar"}
    for code in ("fr", "es"):
        with i18n.using(code):
            text |= {i18n.number(1234567), i18n.number(0.5, 1), i18n.percent(0.25)}
        with i18n.catalog_path(code).open("rb") as f:
            for message in read_po(f):
                for words in (message.id, message.string):
                    text |= set(words) if isinstance(words, tuple) else {words}
    return set("".join(text))


@pytest.mark.parametrize("prefix", ["SourceSansVF-Upright", "SourceSansVF-Italic"])
def test_the_text_font_still_draws_every_character_of_the_latin_languages(prepared, prefix):
    original = web_assets.covered(_font(web_assets.STREAMLIT_STATIC, prefix))
    cut = web_assets.covered(_font(prepared.folder, prefix))
    written = {ord(c) for c in _latin_text()}
    assert {ord("é"), ord("ô"), ord("ñ"), 0xA0, 0x202F, ord("’")} <= written
    assert (written & original) <= cut, sorted(chr(c) for c in (written & original) - cut)
    assert ord("Ж") in original and ord("Ж") not in cut  # Cyrillic is what went
    assert len(cut) < len(original) * 3 / 4


def test_every_file_that_compresses_is_stored_compressed_and_unchanged(prepared):
    files = [p for p in prepared.folder.rglob("*") if p.is_file() and p.suffix in web_assets.COMPRESSIBLE]
    large = [p for p in files if p.stat().st_size >= web_assets.SMALLEST]
    assert len(large) == prepared.compressed > 200
    for path in large:
        content = path.read_bytes()
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == content, path.name
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == content, path.name
    # Streamlit's files are there, each as it was but the cut fonts.
    original = web_assets.STREAMLIT_STATIC / "static"
    for path in original.rglob("*"):
        if path.is_file() and path.parent.name != "media":
            assert (prepared.folder / "static" / path.relative_to(original)).read_bytes() == path.read_bytes()


def test_a_folder_prepared_already_is_taken_as_it_is(prepared):
    again = web_assets.prepare(prepared.folder)
    assert again.reused and again.fonts == prepared.fonts and again.compressed == prepared.compressed


def test_a_folder_prepared_for_another_streamlit_is_prepared_again(tmp_path, prepared):
    stale = tmp_path / "web-assets"
    (stale / "static").mkdir(parents=True)
    (stale / "static" / "left-over.js").write_text("from an earlier version")
    (stale / web_assets.STAMP).write_text('{"stamp": "streamlit 0.1", "fonts": {}, "compressed": 0}')
    fresh = web_assets.prepare(stale)
    assert not fresh.reused and fresh.fonts == prepared.fonts
    assert not (stale / "static" / "left-over.js").exists()
    assert not list(tmp_path.glob(".web-assets.*"))  # no half-built folder left beside it


def test_the_command_says_what_it_prepared(prepared, capsys):
    assert cli.main(["web-assets", "--out", str(prepared.folder)]) == 0
    said = capsys.readouterr().out
    assert f"{prepared.folder}: already prepared; 5 fonts cut from 848 KB to" in said
    assert f"{prepared.compressed:,} files compressed ahead" in said
