"""The deployment on loopback: `deploy/serve` starts Caddy in front of two public replicas and the Secretariat's
instance on one data folder, and Chromium visits it as the Group of Friends would.

Needs Debian's `caddy` and `chromium` (`.ci/run` installs both; without them these tests are skipped with a
one-line reason, or fail where MANDE_REQUIRE_BROWSER is set).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mande import auth, web_assets
from tests import serve
from tests.conftest import DATA
from tests.serve import REPO_DIR, browser, chromium_path, wait_until_rendered

if chromium_path() is None or shutil.which("caddy") is None:
    if os.environ.get("MANDE_REQUIRE_BROWSER"):
        raise RuntimeError("MANDE_REQUIRE_BROWSER is set but Chromium or Caddy is not installed")
    pytest.skip("Chromium or Caddy is not installed (apt-get install chromium caddy); deployment tests skipped",
                allow_module_level=True)

METRIC = '[data-testid="stMetric"]'
DRAWN_CHART = '[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas'


class Deployment:
    def __init__(self, parts: dict, data: Path, env: dict[str, str]) -> None:
        self.process, self.public, self.secretariat = parts["process"], parts["public"], parts["secretariat"]
        self.replicas, self.data, self.env, self.output = parts["replicas"], data, env, parts["output"]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deploy")
    data = folder / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(".mande"))
    env = {"MANDE_DATA": str(data), "MANDE_DB": str(folder / "shared.duckdb"),
           auth.ENV_HASH: auth.hash_password("correct horse battery staple")}
    with serve.deployment(data, env, replicas=2) as parts:
        yield Deployment(parts, data, {**os.environ, **env})


@pytest.fixture(scope="module")
def chromium():
    with browser() as launched:
        yield launched


def _visit(chromium, url: str, ready: str = METRIC):
    """A first visit in a fresh browser (no cookie, nothing cached); returns the page and the responses seen."""
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(60_000)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    wait_until_rendered(page, ready)
    return context, page, responses


def test_the_friends_link_renders_the_overview_compressed_through_caddy(deployment, chromium):
    context, page, responses = _visit(chromium, deployment.public + "/")
    try:
        parties = page.locator(METRIC).filter(has_text="States parties").first
        parties.wait_for(state="visible")
        assert "175 of 195" in parties.inner_text(), page.locator(METRIC).all_inner_texts()
        scripts = [r for r in responses if r.url.endswith(".js") and r.status == 200]
        assert scripts, [r.url for r in responses]
        # Every script of 512 bytes or more comes compressed ahead with Brotli from the prepared folder; smaller
        # ones as they are (compressing them would save nothing).
        plain = [(r.url, r.headers.get("content-length")) for r in scripts if not r.headers.get("content-encoding")]
        assert all(int(size) < 512 for _, size in plain), plain
        assert {r.headers.get("content-encoding") for r in scripts} <= {"br", None}
        headers = next(r.headers for r in scripts if r.headers.get("content-encoding") == "br")
        assert headers["x-content-type-options"] == "nosniff" and "server" not in headers
        assert headers["content-type"].startswith("text/javascript") and headers["vary"] == "Accept-Encoding"
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        # The fonts are the cut ones (mande/web_assets.py), the icon font among them: they keep the whole fonts'
        # names, so a browser keeps them a day, not a year (the dashboard may name another icon).
        fonts = {r.url.rsplit("/", 1)[1]: r for r in responses if r.url.endswith(".woff2")}
        icons = next(name for name in fonts if name.startswith(web_assets.ICON_FONT))
        served = web_assets.served(web_assets.default_folder()) / "static" / "media" / icons
        assert len(fonts[icons].body()) == served.stat().st_size
        assert served.stat().st_size < (web_assets.STREAMLIT_STATIC / "static" / "media" / icons).stat().st_size / 4
        cut = [r for name, r in fonts.items() if name.startswith((web_assets.ICON_FONT, *web_assets.TEXT_FONTS))]
        assert {r.headers["cache-control"] for r in cut} == {"public, max-age=86400"}
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/map", "/secretariat"])
def test_every_icon_is_drawn_as_an_icon_not_as_its_name(deployment, chromium, path):
    """An icon the cut font lacked would show as its name in letters ("keyboard_double_arrow_left"): a word
    much wider than it is high. The sidebar's icons, its collapse button, the menu's, each page's own."""
    site = deployment.secretariat if path == "/secretariat" else deployment.public
    context, page, _ = _visit(chromium, site + path, ready="[data-testid='stSidebarNav']")
    try:
        page.locator("[data-testid='stSidebar']").hover()  # its collapse button shows on hover
        page.evaluate("document.fonts.ready")
        icons = page.evaluate("""() => Array.from(document.querySelectorAll('body *'))
            .filter(e => getComputedStyle(e).fontFamily.includes('Material Symbols') && e.childElementCount === 0
                         && e.textContent.trim() && e.getClientRects().length)
            .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.width, r.height]; })""")
        assert len(icons) >= 9, icons  # one for each page in the sidebar at least
        words = [(name, width, height) for name, width, height in icons if width > 1.5 * height]
        assert not words, words
    finally:
        context.close()


def test_a_public_replica_has_no_secretariat_page_and_takes_no_upload(deployment, chromium):
    context, page, _ = _visit(chromium, deployment.public + "/secretariat")
    try:
        assert page.locator('input[type="password"]').count() == 0
        assert page.get_by_role("link", name="Secretariat").count() == 0  # not in the navigation either
        assert page.get_by_role("heading", name="Where the world stands on UNCAT").is_visible()  # the Overview
    finally:
        context.close()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(deployment.public + "/_stcore/upload_file/x/y", data=b"x",
                                                      method="PUT"), timeout=10)
    assert refused.value.code == 403
    context, page, _ = _visit(chromium, deployment.secretariat + "/secretariat", 'input[type="password"]')
    context.close()  # ...while the Secretariat's own site has its sign-in


def test_a_dead_replica_is_taken_out_and_visits_go_on(deployment, chromium):
    victim = deployment.replicas[0].rsplit(":", 1)[1]
    pids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _has_port(p, victim)]
    assert pids, f"no process serves port {victim}"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    for _ in range(4):  # fresh visitors, some of whom the proxy would have sent to the dead replica
        context, page, _ = _visit(chromium, deployment.public + "/")
        try:  # the figure itself, not just its box: a visit that lands on the dead replica reconnects and redraws
            page.locator(METRIC).filter(has_text="of 195").first.wait_for(state="visible")
        finally:
            context.close()


def _has_port(proc: Path, port: str) -> bool:
    try:
        arguments = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"streamlit" in b" ".join(arguments) and port.encode() in arguments


def test_an_update_reaches_every_public_replica_at_the_next_load_and_replicas_never_write(deployment, chromium):
    database = Path(deployment.env["MANDE_DB"])
    built = database.stat().st_mtime_ns
    events = deployment.data / "events.csv"
    new = deployment.data.parent / "new_events.csv"
    new.write_text(events.read_text() + "2025-05-online-new-webinar,A new webinar,webinar,2025-05-06,day,,,,Global,"
                   "online,,,,no,https://example.org/webinar,\n")
    done = subprocess.run([sys.executable, "-m", "mande", "import", str(new), "--table", "events", "--who", "test"],
                          env=deployment.env, cwd=REPO_DIR, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for _ in range(3):  # whichever replica a fresh visitor lands on
        context, page, _ = _visit(chromium, deployment.public + "/events", DRAWN_CHART)
        try:
            assert page.get_by_text("65 events", exact=True).is_visible()
        finally:
            context.close()

    # A file edited by hand: the public replicas keep serving the database as built, and never rebuild it.
    rebuilt = database.stat().st_mtime_ns
    assert rebuilt > built
    events.write_text(events.read_text() + "2025-06-online-second-webinar,A second webinar,webinar,2025-06-06,day,,,,"
                      "Global,online,,,,no,https://example.org/webinar,\n")
    context, page, _ = _visit(chromium, deployment.public + "/events", DRAWN_CHART)
    try:
        assert page.get_by_text("65 events", exact=True).is_visible()
    finally:
        context.close()
    assert database.stat().st_mtime_ns == rebuilt
    context, page, _ = _visit(chromium, deployment.secretariat + "/events", DRAWN_CHART)  # the Secretariat's does
    context.close()
    assert database.stat().st_mtime_ns > rebuilt


def test_ctrl_c_stops_everything(deployment):
    """Last in this file: it stops the deployment the others used."""
    children = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _child_of(p, deployment)]
    assert children
    os.killpg(deployment.process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    assert deployment.process.wait(timeout=60) == 0
    time.sleep(0.5)  # the last lines reach the reader thread
    assert "".join(deployment.output).rstrip().endswith("Stopped.")
    time.sleep(1)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()
                and "(Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3]]


def _child_of(proc: Path, deployment: Deployment) -> bool:
    try:
        return int((proc / "stat").read_text().split(")")[-1].split()[1]) == deployment.process.pid
    except (OSError, ValueError, IndexError):
        return False
