"""Server-side script time of a rerun after an interaction, on the embedded data.

    python bench/rerun.py [--runs 15] [--lang ar]

Runs the real app under Streamlit's AppTest, timing each script run around Streamlit's own call that executes
the script (so AppTest's bookkeeping is not counted), then makes the interactions of
QUALITY.md: on the Ratification map, move the year slider to a new year, and change the grouping; on the
Overview, change the date; on the presentation, go to the next slide. Each timed rerun uses a date or grouping
not seen before, so its queries are not already cached; a slide's are once it has been shown (a presenter
going over the slides again), so the next slide is measured both the first time and after. Prints the median
against the bar (100 ms); with --lang, the pages in that language (its names, collation and catalog). A
measurement, not a test: exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

BAR_MS = 100


def _time_script_runs() -> list[float]:
    """Seconds of every script run from now on, timed around Streamlit's own call that executes the script
    (so AppTest's bookkeeping around a run is not counted)."""
    from streamlit.runtime.scriptrunner import script_runner

    timings: list[float] = []
    execute = script_runner.exec_func_with_error_handling

    def timed_execute(func, ctx):
        start = time.perf_counter()
        try:
            return execute(func, ctx)
        finally:
            timings.append(time.perf_counter() - start)

    script_runner.exec_func_with_error_handling = timed_execute
    return timings


def timed(timings: list[float], run) -> float:
    """Milliseconds of the script run through app.py that `run()` triggers (the last one, should there be
    more: the one a user's interaction costs)."""
    before = len(timings)
    run()
    assert len(timings) > before, "expected a script run"
    return timings[-1] * 1000


def _choose(at, key: str, value) -> None:
    # AppTest's selectbox cannot set a value shown through format_func; Session State is the same input.
    at.session_state[key] = value
    at.run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed reruns per interaction (default 15)")
    parser.add_argument("--lang", default="en", help="the pages' language (default en)")
    args = parser.parse_args(argv)
    from streamlit.testing.v1 import AppTest

    timings = _time_script_runs()
    with tempfile.TemporaryDirectory(prefix="mande-bench-") as tmp:
        os.environ["MANDE_DB"] = str(Path(tmp) / "mande.duckdb")
        os.chdir(REPO_DIR)
        at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
        at.query_params["lang"] = args.lang
        from mande import i18n

        with i18n.using(args.lang):  # AppTest formats a selectbox's options here, outside the script's thread
            results = _measure(at, timings, args.runs)

    print(f"Server-side script time of a rerun in {args.lang}, median of {args.runs} (bar {BAR_MS} ms)")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:<34} {median:7.1f} ms  (n {len(times)}, min {min(times):.1f}, max {max(times):.1f})  "
              f"{'PASS' if median <= BAR_MS else 'FAIL'}")
    return 0


def _measure(at, timings: list[float], runs: int) -> dict[str, list[float]]:
    at.run()  # builds the database
    at.switch_page("app_pages/map.py").run()
    results: dict[str, list[float]] = {"map: move the year": [], "map: change the grouping": [],
                                       "overview: change the date": [], "events: change the years": [],
                                       "results: pick the results": [],
                                       "present: next slide (first time)": [], "present: next slide": []}
    years = list(range(2023, 2023 - runs, -1))
    for year in years:
        results["map: move the year"].append(timed(timings, lambda y=year: at.slider(key="year").set_value(y).run()))
    from mande import db, status

    groupings = status.groupings(db.connect(db.db_path()))
    for i in range(runs):
        pick = groupings[i % len(groupings)]
        at.slider(key="year").set_value(1990 + i).run()  # a new date, so the grouping's figures are new too
        results["map: change the grouping"].append(
            timed(timings, lambda p=pick: _choose(at, "grouping", p)))
    at.switch_page("app_pages/overview.py").run()
    for i in range(runs):
        day = date(2000 + i, 6, 30)
        results["overview: change the date"].append(
            timed(timings, lambda d=day: at.date_input(key="as_of").set_value(d).run()))
    at.switch_page("app_pages/events.py").run()
    spans = [(first, last) for first in range(2014, 2020) for last in range(2024, 2018, -1) if first <= last]
    for span in spans[:runs]:
        results["events: change the years"].append(
            timed(timings, lambda s=span: at.slider(key="years").set_value(s).run()))
    at.switch_page("app_pages/results.py").run()
    picks = [["R1"], ["R2"], ["R3"], ["R4"], ["R1", "R2"], ["R3", "R4"], []]
    for pick in (picks * runs)[:runs]:
        results["results: pick the results"].append(
            timed(timings, lambda p=pick: at.button_group(key="result").set_value(p).run()))
    _next_slides(at, timings, results, runs)
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception}")
    return results


def _next_slides(at, timings: list[float], results: dict[str, list[float]], runs: int) -> None:
    """Next slide on /present, from the first slide to the last and again from the first: the first round with
    each slide's queries new, the rounds after it as a presenter going over the slides again."""
    first, again = results["present: next slide (first time)"], results["present: next slide"]
    while len(again) < runs:
        at.query_params["slide"] = "1"
        at.switch_page("app_pages/present.py").run()
        count = int(next(m.value for m in at.markdown if m.value.startswith("**1 / ")).strip("*").split(" / ")[1])
        into = again if first else first
        for _ in range(count - 1):
            into.append(timed(timings, lambda: at.button(key="next").click().run()))


if __name__ == "__main__":
    sys.exit(main())
