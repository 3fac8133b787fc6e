"""First render of each dashboard page in headless Chromium, against a one-line Streamlit page.

    python bench/page_render.py [--runs 5]

Serves app.py (with a fresh private database, $MANDE_DB, built by an uncounted warm-up load) and a baseline
page (`st.write("baseline")`) the same way, in the same run. A timed run measures from page.goto until the
page's main elements are visible and Streamlit reports that the script is no longer running, both as a first
visit (a fresh browser context) and as a returning visit (Streamlit's static files in the browser's cache).
Prints the median per page, the baseline's median, their ratio against a bar of 1.5x, and the WebSocket
bytes the page received. A measurement, not a test: always exits 0.
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
BYTES_BAR = {"Map /map": 250_000}  # WebSocket bytes received by the map page, all 195 States drawable
BASELINE_SCRIPT = 'import streamlit as st\n\nst.write("baseline")\n'
# Not a bar, a reference: the floor for any page with a chart (Streamlit loads Vega only for a chart).
ONE_CHART_SCRIPT = (
    "import altair as alt\nimport pandas as pd\nimport streamlit as st\n\nst.write('baseline')\n"
    "st.altair_chart(alt.Chart(pd.DataFrame({'x': [1, 2, 3], 'y': [1, 3, 2]})).mark_line().encode(x='x:Q', y='y:Q'))\n"
)
DRAWN_CHART = '[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas'
VIEWPORT = {"width": 1400, "height": 1000}
# page name -> (server, path, selectors that must all be visible)
PAGES = {
    "baseline": ("baseline", "/", ['[data-testid="stMain"] [data-testid="stMarkdownContainer"]:has-text("baseline")']),
    "one chart": ("one_chart", "/", [DRAWN_CHART]),
    "Overview /": ("app", "/", ['[data-testid="stMetric"]', DRAWN_CHART]),
    "Map /map": ("app", "/map", ['[data-testid="stMetric"]', DRAWN_CHART]),
    "About /about": ("app", "/about", ['[data-testid="stMarkdown"] table']),
    "Results /results": ("app", "/results", ['[data-testid="stMetric"]', DRAWN_CHART]),
    "Events /events": ("app", "/events", [DRAWN_CHART]),
    "Annual Forum /forum": ("app", "/forum", ['[data-testid="stMetric"]', DRAWN_CHART]),
    "Reach /reach": ("app", "/reach", ['[data-testid="stMetric"]', DRAWN_CHART]),
}


def render_once(context, url: str, selectors: list[str]) -> tuple[float, int]:
    """Seconds from goto until rendered, and WebSocket bytes received by then, in a new page of `context`."""
    page = context.new_page()
    try:
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
        page.close()


def measure(chromium, servers: dict[str, str], runs: int, cached: bool) -> dict[str, list[tuple[float, int]]]:
    """Per page, `runs` (seconds, bytes). Uncached: a fresh browser context each run (a first visit).
    Cached: one context per page, warmed once, so Streamlit's static files come from the browser's cache
    and only the session is new (a returning visitor)."""
    contexts = {name: chromium.new_context(viewport=VIEWPORT) for name in PAGES} if cached else {}
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in PAGES}
    try:
        for name, (server, path, selectors) in PAGES.items():
            if cached:
                render_once(contexts[name], servers[server] + path, selectors)
        for _ in range(runs):  # the pages take turns, so a slow spell hits them all alike
            for name, (server, path, selectors) in PAGES.items():
                context = contexts[name] if cached else chromium.new_context(viewport=VIEWPORT)
                try:
                    results[name].append(render_once(context, servers[server] + path, selectors))
                finally:
                    if not cached:
                        context.close()
    finally:
        for context in contexts.values():
            context.close()
    return results


def report(title: str, results: dict[str, list[tuple[float, int]]]) -> None:
    base = statistics.median(seconds for seconds, _ in results["baseline"])
    print(title)
    print(f"{'page':<20} {'median s':>9} {'baseline s':>11} {'ratio':>6} {'bar':>5}  result  {'ws bytes':>9}  "
          "bytes bar")
    for name, runs in results.items():
        median = statistics.median(seconds for seconds, _ in runs)
        ratio = median / base
        result = "-" if name in ("baseline", "one chart") else ("PASS" if ratio <= BAR else "FAIL")
        ws_bytes = int(statistics.median(size for _, size in runs))
        bytes_bar = (f"{BYTES_BAR[name]:,} {'PASS' if ws_bytes <= BYTES_BAR[name] else 'FAIL'}"
                     if name in BYTES_BAR else "")
        print(f"{name:<20} {median:>9.3f} {base:>11.3f} {ratio:>5.2f}x {BAR:>4.1f}x  {result:<6}  {ws_bytes:>9,}  "
              f"{bytes_bar}")
    print()


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
        one_chart = Path(tmp) / "one_chart.py"
        one_chart.write_text(ONE_CHART_SCRIPT)
        app_env = {"MANDE_DB": str(Path(tmp) / "mande.duckdb")}
        with (
            streamlit_server(REPO_DIR / "app.py", env=app_env) as app_url,
            streamlit_server(baseline) as baseline_url,
            streamlit_server(one_chart) as one_chart_url,
            browser() as chromium,
        ):
            servers = {"app": app_url, "baseline": baseline_url, "one_chart": one_chart_url}
            measure(chromium, servers, 1, cached=False)  # warm-up, not counted: builds the database, fills caches
            first_visit = measure(chromium, servers, args.runs, cached=False)
            returning = measure(chromium, servers, args.runs, cached=True)

    report(f"First visit (empty browser cache), median of {args.runs} runs", first_visit)
    report(f"Returning visit (browser cache warm, new session), median of {args.runs} runs", returning)
    return 0


if __name__ == "__main__":
    sys.exit(main())
