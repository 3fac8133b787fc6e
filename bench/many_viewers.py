"""Many viewers at once: 20 browser sessions opening the Overview together, against a single session.

    python bench/many_viewers.py [--sessions 20] [--runs 3]

Serves app.py (a private database, built by an uncounted warm-up load) with `streamlit run`, and opens the
Overview in headless Chromium: first one session alone (`--runs` times), then `--sessions` sessions at once
(each a fresh browser context, all started together, `--runs` rounds). A session is timed from goto until
its metrics and a chart are drawn and Streamlit reports the script has finished (as in page_render.py).
Prints the median single-session time, the median time of the concurrent sessions, and their ratio against
the bar of 2x. A measurement, not a test: always exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from tests.serve import (  # noqa: E402
    _NOT_RUNNING_JS,
    APP,
    CHROMIUM_ARGS,
    STATUS_WIDGET,
    chromium_path,
    streamlit_server,
)

BAR = 2.0
SELECTORS = ['[data-testid="stMetric"]', '[data-testid="stVegaLiteChart"] svg.marks, '
                                         '[data-testid="stVegaLiteChart"] canvas']


async def _open(chromium, url: str) -> float:
    """Seconds from goto until the Overview is drawn, in a fresh browser context."""
    context = await chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = await context.new_page()
        start = time.perf_counter()
        await page.goto(url, timeout=300_000)
        for selector in SELECTORS:
            await page.locator(selector).first.wait_for(state="visible", timeout=300_000)
        await page.wait_for_function(_NOT_RUNNING_JS, arg=[APP, STATUS_WIDGET], timeout=300_000)
        return time.perf_counter() - start
    finally:
        await context.close()


async def _measure(url: str, sessions: int, runs: int) -> tuple[list[float], list[float]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            await _open(chromium, url)  # warm-up: builds the database, fills the server's caches
            alone = [await _open(chromium, url) for _ in range(runs)]
            together: list[float] = []
            for _ in range(runs):
                together += await asyncio.gather(*(_open(chromium, url) for _ in range(sessions)))
            return alone, together
        finally:
            await chromium.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="sessions opened at once (default 20)")
    parser.add_argument("--runs", type=int, default=3, help="rounds (default 3)")
    args = parser.parse_args(argv)
    if chromium_path() is None:
        print("Chromium is not installed (apt-get install chromium); nothing measured.")
        return 0
    with tempfile.TemporaryDirectory(prefix="mande-bench-") as tmp:
        env = {"MANDE_DB": str(Path(tmp) / "mande.duckdb")}
        with streamlit_server(REPO_DIR / "app.py", env=env, timeout=120) as url:
            alone, together = asyncio.run(_measure(url + "/", args.sessions, args.runs))
    single, concurrent = statistics.median(alone), statistics.median(together)
    ratio = concurrent / single
    print(f"Overview, first render: one session {single:.2f} s (median of {len(alone)}); "
          f"{args.sessions} at once {concurrent:.2f} s (median of {len(together)}, slowest {max(together):.2f} s)")
    print(f"ratio {ratio:.2f}x against a bar of {BAR:.1f}x: {'PASS' if ratio <= BAR else 'FAIL'}")
    print("Note: the browser runs on the same 2 cores as the server, so this also measures 20 Chromium pages "
          "rendering at once.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
