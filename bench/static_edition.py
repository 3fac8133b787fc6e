"""The Friends' edition against the app: build time, page weight, and the first figure on a slow line.

    python bench/static_edition.py [--runs 3]

Builds the edition of the embedded data (timed: the whole site, 195 State pages included; wall and CPU time),
then, in the same run:

- page weight: each page with everything it loads (the page and the shared style sheet; its SVG is inline),
  gzip-compressed, against the bar of 250 KB: the largest page, the median, and the map page.
- first figure on an emulated line (Chromium's `Network.emulateNetworkConditions`, as bench/friends_link.py):
  fast 3G (1.6 Mbit/s, 150 ms) and slow 3G (400 kbit/s, 400 ms), from `goto` until the first figure is visible
  (for the map page: until the whole page has loaded, the map drawn), on a first visit (a fresh context): the
  edition's Overview and map page through a local web server that
  compresses (gzip, as Caddy would), and the Streamlit app's Overview (its first "States parties" figure) served
  by `streamlit run`. Bars for the edition: 2 s on fast 3G, 6 s on slow 3G.

A measurement, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from bench.friends_link import LINES, on_line  # noqa: E402
from mande import db, edition  # noqa: E402
from tests.serve import browser, chromium_path, streamlit_server  # noqa: E402

WEIGHT_BAR, BARS = 250_000, {"fast 3G": 2.0, "slow 3G": 6.0}
EDITION_FIGURE = "figure.chart svg, ul.figures"
APP_FIGURE = '[data-testid="stMetric"]'
MAP = "figure.chart svg"  # the map, timed until the whole page has loaded


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as Caddy's `encode gzip`)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


def weight(files: dict[str, bytes], page: str) -> int:
    """The page and its style sheet, each gzip-compressed (its charts are inline SVG: nothing else loads)."""
    return len(gzip.compress(files[page], mtime=0)) + len(gzip.compress(files["edition.css"], mtime=0))


def first_figure(chromium, url: str, selector: str, line: str, runs: int, loaded: str = "commit") -> float:
    """The median seconds until `selector` is visible (and the page has reached `loaded`: "load" for all of it),
    first visits on `line`."""
    found = []
    for _ in range(runs):
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        page = on_line(context, line)
        start = time.perf_counter()
        page.goto(url, timeout=300_000, wait_until=loaded)
        page.locator(selector).first.wait_for(state="visible", timeout=300_000)
        found.append(time.perf_counter() - start)
        context.close()
    return statistics.median(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mande-bench-") as tmp:
        path = Path(tmp) / "mande.duckdb"
        db.build(REPO_DIR / "data", path)
        con = db.connect(path)
        wall, cpu = time.perf_counter(), time.process_time()
        files = edition.build(con, date.today(), date.today())
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        con.close()
        pages = [p for p in files if p.endswith(".html")]
        print(f"Build: {len(files)} files ({len(pages)} pages) in {wall:.1f} s wall, {cpu:.1f} s CPU "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); bar 60 s: "
              f"{'PASS' if wall <= 60 else 'FAIL'}")
        weights = {p: weight(files, p) for p in pages}
        largest = max(weights, key=weights.get)
        print(f"Page weight, compressed, with all it loads: largest {largest} {weights[largest] / 1000:.0f} KB, "
              f"median {statistics.median(weights.values()) / 1000:.1f} KB, map.html {weights['map.html'] / 1000:.0f} "
              f"KB; bar {WEIGHT_BAR / 1000:.0f} KB: {'PASS' if weights[largest] <= WEIGHT_BAR else 'FAIL'}")
        if chromium_path() is None:
            print("Chromium is not installed (apt-get install chromium); no time on an emulated line measured.")
            return 0
        site = Path(tmp) / "site"
        edition.write(files, site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzipped, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        static = f"http://127.0.0.1:{server.server_address[1]}"
        env = {"MANDE_DB": str(Path(tmp) / "app.duckdb")}
        try:
            with streamlit_server(REPO_DIR / "app.py", env=env) as app, browser() as chromium:
                first_figure(chromium, app + "/", APP_FIGURE, "fast 3G", 1)  # warm-up: the app's caches
                for line in LINES:
                    overview = first_figure(chromium, static + "/index.html", EDITION_FIGURE, line, args.runs)
                    map_page = first_figure(chromium, static + "/map.html", MAP, line, args.runs, "load")
                    streamlit = first_figure(chromium, app + "/", APP_FIGURE, line, args.runs)
                    worst = max(overview, map_page)
                    print(f"{line}, first figure (median of {args.runs} first visits): edition Overview "
                          f"{overview:.1f} s, map page loaded {map_page:.1f} s; the Streamlit app's Overview "
                          f"{streamlit:.1f} s "
                          f"({streamlit / overview:.0f}x); bar {BARS[line]:.0f} s: "
                          f"{'PASS' if worst <= BARS[line] else 'FAIL'}")
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
