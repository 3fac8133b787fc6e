"""Streamlit's static files as Caddy serves them (mande/web_assets.py): fonts cut to what the dashboard draws,
every file that compresses stored compressed beside itself, and nothing lost on the way.

The folder is prepared once, where `deploy/serve` keeps it for the tests (tests/conftest.py; about a minute on
2 cores the first time; the deployment tests then find it ready).
"""

from __future__ import annotations

import csv
import gzip
import re
import subprocess
import sys

import brotli
import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from mande import cli, i18n, names, web_assets
from tests.conftest import DATA, REPO


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
    assert {"check", "error"} <= set(cut)  # st.status's, which only Streamlit's Python names
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
    again = web_assets.prepare(web_assets.default_folder())
    assert again.reused and again.fonts == prepared.fonts and again.compressed == prepared.compressed


def _prepare_in_a_process(root, *limits: str) -> subprocess.Popen:
    command = f"raise SystemExit(cli.main(['web-assets', '--out', {str(root)!r}]))"
    code = "\n".join([*limits, "from mande import cli", command])
    return subprocess.Popen([sys.executable, "-c", code], cwd=REPO, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def test_two_preparations_at_once_of_a_stale_folder_build_it_once_and_keep_nothing_else(tmp_path, prepared):
    root = tmp_path / "web-assets"
    # What earlier preparations left: the layout before `current` (files in the folder itself), another
    # version, a build that was stopped. And a file of someone else's, which stays.
    (root / "static").mkdir(parents=True)
    (root / "static" / "left-over.js").write_text("from an earlier version")
    (root / web_assets.STAMP).write_text('{"stamp": "streamlit 0.1", "fonts": {}, "compressed": 0}')
    (root / "streamlit-0.1-0123456789abcdef" / "static").mkdir(parents=True)
    (root / ".building.x1y2z3" / "static").mkdir(parents=True)
    (root / "notes.txt").write_text("kept")
    first, second = _prepare_in_a_process(root), _prepare_in_a_process(root)
    said = [process.communicate(timeout=600)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], said
    # They took turns: one prepared it, the other found it prepared.
    assert sorted(": prepared;" in words for words in said) == [False, True], said
    assert sorted(p.name for p in root.iterdir()) == sorted(
        [web_assets.CURRENT, web_assets.LOCK, "notes.txt", prepared.folder.name])
    assert web_assets.served(root).resolve() == root / prepared.folder.name
    fresh = web_assets.prepare(root)
    assert fresh.reused and fresh.fonts == prepared.fonts


def test_a_preparation_that_fails_leaves_nothing_and_points_caddy_at_the_replicas(tmp_path):
    """A disk that fills up half-way (here, a limit on the size of a file the process writes)."""
    root = tmp_path / "web-assets"
    (root / "streamlit-0.1-0123456789abcdef" / "static").mkdir(parents=True)
    web_assets.served(root).symlink_to("streamlit-0.1-0123456789abcdef")  # prepared for another Streamlit
    failing = _prepare_in_a_process(root, "import resource, signal", "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)",
                                    "resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))")
    said = failing.communicate(timeout=600)[0]
    assert failing.returncode != 0 and "File too large" in said, said
    assert not web_assets.served(root).is_symlink()  # its fonts are not this Streamlit's: the replicas serve
    assert not list(root.glob(".building.*")) and not list(root.glob("streamlit-1*")), list(root.iterdir())


def test_the_command_says_what_it_prepared(prepared, capsys):
    assert cli.main(["web-assets", "--out", str(web_assets.default_folder())]) == 0
    said = capsys.readouterr().out
    before, after = (sum(sizes[i] for sizes in prepared.fonts.values()) / 1000 for i in (0, 1))
    assert len(prepared.fonts) == 5 and after < before / 3
    assert (f"{prepared.folder}: already prepared; 5 fonts cut from {before:,.0f} KB to {after:,.0f} KB, "
            f"{prepared.compressed:,} files compressed ahead") in said
    assert f"{prepared.compressed:,} files compressed ahead" in said
