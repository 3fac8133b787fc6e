"""First render of each dashboard page in headless Chromium, against a one-line Streamlit page.

    python bench/page_render.py [--runs 5]

Serves app.py (with a fresh private database, $MANDE_DB, built by an uncounted warm-up load) and a baseline
page (`st.write("baseline")`) the same way, in the same run. Each timed run opens the page in a fresh browser
context and measures from page.goto until the page's main elements are visible and Streamlit reports that
the script is no longer running. Prints the median per page, the baseline's median, their ratio against a
bar of 1.5x, and the WebSocket bytes the page received. A measurement, not a test: always exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from tests.serve import browser, chromium_path, streamlit_server, wait_until_rendered  # noqa: E402

BAR = 1.5
BASELINE_SCRIPT = 'import streamlit as st\n\nst.write("baseline")\n'
DRAWN_CHART = '[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas'
# page name -> (server, path, selectors that must all be visible)
PAGES = {
    "baseline": ("baseline", "/", ['[data-testid="stMain"] [data-testid="stMarkdownContainer"]:has-text("baseline")']),
    "Overview /": ("app", "/", ['[data-testid="stMetric"]', DRAWN_CHART]),
    "About /about": ("app", "/about", ['[data-testid="stDataFrame"]']),
}


def render_once(chromium, url: str, selectors: list[str]) -> tuple[float, int]:
    """Seconds from goto until rendered, and WebSocket bytes received by then, in a fresh context."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        received = [0]

        def count(payload: str | bytes) -> None:
            received[0] += len(payload.encode() if isinstance(payload, str) else payload)

        page.on("websocket", lambda ws: ws.on("framereceived", count))
        start = time.perf_counter()
        page.goto(url)
        for selector in selectors:
            wait_until_rendered(page, selector, timeout=120_000)
        return time.perf_counter() - start, received[0]
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page (default 5)")
    args = parser.parse_args(argv)
    if chromium_path() is None:
        print("Chromium is not installed (apt-get install chromium); nothing measured.")
        return 0

    with tempfile.TemporaryDirectory(prefix="mande-bench-") as tmp:
        baseline = Path(tmp) / "baseline.py"
        baseline.write_text(BASELINE_SCRIPT)
        app_env = {"MANDE_DB": str(Path(tmp) / "mande.duckdb")}
        with (
            streamlit_server(REPO_DIR / "app.py", env=app_env) as app_url,
            streamlit_server(baseline) as baseline_url,
            browser() as chromium,
        ):
            servers = {"app": app_url, "baseline": baseline_url}
            # Warm-up, not counted: builds the database and fills the servers' caches.
            for server, path, selectors in PAGES.values():
                render_once(chromium, servers[server] + path, selectors)
            times: dict[str, list[float]] = {name: [] for name in PAGES}
            sizes: dict[str, list[int]] = {name: [] for name in PAGES}
            for _ in range(args.runs):  # the pages take turns, so a slow spell hits them all alike
                for name, (server, path, selectors) in PAGES.items():
                    seconds, size = render_once(chromium, servers[server] + path, selectors)
                    times[name].append(seconds)
                    sizes[name].append(size)

    base = statistics.median(times["baseline"])
    print(f"First render in headless Chromium, median of {args.runs} runs (fresh browser context each)")
    print(f"{'page':<14} {'median s':>9} {'baseline s':>11} {'ratio':>6} {'bar':>5}  result  {'ws bytes':>9}")
    for name in PAGES:
        median = statistics.median(times[name])
        ratio = median / base
        result = "-" if name == "baseline" else ("PASS" if ratio <= BAR else "FAIL")
        ws_bytes = int(statistics.median(sizes[name]))
        print(f"{name:<14} {median:>9.3f} {base:>11.3f} {ratio:>5.2f}x {BAR:>4.1f}x  {result:<6}  {ws_bytes:>9,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
