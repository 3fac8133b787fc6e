"""The Friends' link as they receive it: bytes of a first visit, and the first figure on a slow line.

    python bench/friends_link.py [--runs 3]

Starts `deploy/serve` (Caddy in front of two public replicas) on a copy of the embedded data, and, in the same
run, the app alone under `streamlit run` (no Caddy: the baseline). In headless Chromium, through the DevTools
protocol:

- bytes: everything a first visit of the Overview receives (every response as encoded on the wire, headers
  included, plus the WebSocket frames' payload) until its metrics and a chart are drawn and the script has
  finished; through Caddy and direct.
- first figure on an emulated line (`Network.emulateNetworkConditions`): fast 3G (1.6 Mbit/s down, 750 kbit/s
  up, 150 ms latency) and slow 3G (400 kbit/s, 400 ms), from `goto` until the first "States parties" figure is
  visible; a first visit (a fresh context) and a returning one (the same context again: the static files in
  the browser's cache, a new session).

Prints the medians against the bars (1.2 MB; fast 3G first visit 8 s, returning 3 s). A measurement, not a
test: it always exits 0.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from tests.serve import (  # noqa: E402
    browser,
    chromium_path,
    deployment,
    streamlit_server,
    wait_until_rendered,
)

METRIC = '[data-testid="stMetric"]'
CHART = '[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas'
BYTES_BAR, FIRST_BAR, RETURNING_BAR = 1_200_000, 8.0, 3.0
LINES = {  # bytes per second down, up; latency in ms
    "fast 3G": (1_600_000 / 8, 750_000 / 8, 150),
    "slow 3G": (400_000 / 8, 400_000 / 8, 400),
}


def first_visit_bytes(chromium, url: str) -> int:
    """Bytes received by a first visit of `url` until its metrics and a chart are drawn."""
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received = {"http": 0, "ws": 0}
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__("http", received["http"] + e["encodedDataLength"]))
    cdp.on("Network.webSocketFrameReceived",
           lambda e: received.__setitem__("ws", received["ws"] + len(e["response"]["payloadData"])))
    page.goto(url)
    wait_until_rendered(page, METRIC)
    wait_until_rendered(page, CHART)
    context.close()
    return received["http"] + received["ws"]


def on_line(context, line: str):
    """A new page of the browser context, its network emulated as `line` (one of LINES)."""
    down, up, latency = LINES[line]
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency,
                                                  "downloadThroughput": down, "uploadThroughput": up})
    return page


def first_figure(chromium, url: str, line: str, runs: int) -> tuple[list[float], list[float]]:
    """Seconds until the first figure, on `line`: first visits (fresh contexts) and returning visits."""
    first, returning = [], []
    for _ in range(runs):
        context = chromium.new_context(viewport={"width": 1280, "height": 720})
        for visits in (first, returning):
            page = on_line(context, line)
            start = time.perf_counter()
            page.goto(url, timeout=300_000)
            page.locator(METRIC).filter(has_text="States parties").first.wait_for(state="visible", timeout=300_000)
            visits.append(time.perf_counter() - start)
            wait_until_rendered(page, CHART, timeout=300_000)  # let it finish before the next visit
            page.close()
        context.close()
    return first, returning


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if chromium_path() is None or shutil.which("caddy") is None:
        print("Chromium or Caddy is not installed (apt-get install chromium caddy); nothing measured.")
        return 0
    with tempfile.TemporaryDirectory(prefix="mande-bench-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(REPO_DIR / "data", data, ignore=shutil.ignore_patterns(".mande"))
        env = {"MANDE_DATA": str(data), "MANDE_DB": str(Path(tmp) / "mande.duckdb")}
        with deployment(data, env) as parts, streamlit_server(REPO_DIR / "app.py", env=env) as direct, \
                browser() as chromium:
            public = parts["public"] + "/"
            first_visit_bytes(chromium, public)  # warm-up: the replicas' caches
            first_visit_bytes(chromium, direct + "/")
            through = statistics.median(first_visit_bytes(chromium, public) for _ in range(args.runs))
            alone = statistics.median(first_visit_bytes(chromium, direct + "/") for _ in range(args.runs))
            print(f"Overview, first visit: {through / 1e6:.2f} MB through Caddy, {alone / 1e6:.2f} MB from "
                  f"Streamlit alone ({through / alone:.2f}x); bar {BYTES_BAR / 1e6:.1f} MB: "
                  f"{'PASS' if through <= BYTES_BAR else 'FAIL'}")
            for line in LINES:
                for name, url in (("through Caddy", public), ("Streamlit alone", direct + "/")):
                    first, returning = first_figure(chromium, url, line, args.runs)
                    verdict = ""
                    if line == "fast 3G" and name == "through Caddy":
                        verdict = (f"; bars {FIRST_BAR:.0f} s / {RETURNING_BAR:.0f} s: "
                                   f"{'PASS' if statistics.median(first) <= FIRST_BAR else 'FAIL'} / "
                                   f"{'PASS' if statistics.median(returning) <= RETURNING_BAR else 'FAIL'}")
                    print(f"{line}, {name}: first figure {statistics.median(first):.1f} s on a first visit, "
                          f"{statistics.median(returning):.1f} s returning (medians of {args.runs}){verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
