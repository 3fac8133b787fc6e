"""Results against targets: every indicator's figure for every year of its period, its target, its status.

A derived figure is computed from the records by its measure (mande/measures.py declares each); a manual one
is read from outputs.csv with its evidence. `judge` applies the rules of "Reading a target" (RESULTS_FRAMEWORK.md)
and is the only place that decides a status, for the app, the command line and the exports alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from mande import db, sql
from mande.dates import describe
from mande.measures import MEASURES, Figure

# Every status a figure can have, as the app, the command line and the exports say it.
STATUSES = ("met", "partly met", "not met", "on track", "behind", "pending", "done", "overdue", "no data")


@dataclass(frozen=True)
class Judgement:
    status: str
    why: str  # the status in plain words, for the page and the command line


def judge(kind: str, year: int, figure: Figure, target_min: int | None, target_max: int | None,
          due_date: date | None, done_date: date | None, on: date, today: date,
          period: tuple[int, int] | None = None, done_precision: str = "day") -> Judgement:
    """The status of one indicator in one year, judged on the day `on` (the day its data is confirmed to,
    at the latest today).

    N a year (also N–M, up to N, and a total over a period): met at N or more; partly met above 0; not met at
    0 once the year (or period) has ended; while it runs, on track or behind against the part of it gone by.
    A milestone: done when done (late if after its due date; `done_precision` "year" when only the year is
    known); overdue once due without it; else pending.
    A yes/no target: met when recorded done. No figure: pending for a year not yet begun or still running,
    no data for one that has ended (unknown is not 0).
    """
    if kind == "milestone":
        return _judge_milestone(figure, due_date, done_date, on, done_precision)
    first, last = period if kind == "period_total" and period else (year, year)
    begins, ends = date(first, 1, 1), date(last, 12, 31)
    if begins > on:
        return Judgement("pending", "Not begun yet.") if begins > today else Judgement(
            "no data", f"The data is confirmed only to {describe(on)}.")
    ended = ends <= on
    if figure.between is not None:  # a suppressed count: judged if both ends of its range agree
        low, high = (judge(kind, year, Figure(v), target_min, target_max, due_date, done_date, on, today, period)
                     for v in figure.between)
        if low.status == high.status:  # no figure in the words: either end could be the true count
            return Judgement(low.status, f"Fewer than {figure.between[1] + 1} (the exact count is confidential): "
                             f"{low.status}.")
        return Judgement("no data", "The count is confidential and too small to show.")
    if figure.value is None:
        return Judgement("no data", "No figure recorded.") if ended else Judgement("pending", "No figure yet.")

    if kind == "qualitative":
        if figure.value >= 1:
            return Judgement("met", "Recorded as done.")
        return Judgement("not met", "Recorded as not done.") if ended else Judgement("pending", "Not done yet.")

    goal = target_min if target_min is not None else target_max
    if goal is None:
        return Judgement("no data", "No target set for this year.")
    aim = f"a target of {goal}" + (f" to {target_max}" if target_max is not None and target_max != goal else "")
    if figure.value >= goal:
        return Judgement("met", f"{figure.value} against {aim}; met.")
    if ended:
        if figure.value == 0:
            return Judgement("not met", f"None recorded against {aim}.")
        return Judgement("partly met", f"{figure.value} against {aim}; partly met.")
    gone = ((on - begins).days + 1) / ((ends - begins).days + 1)
    expected = goal * gone
    pace = f"{figure.value} so far against {aim}, with {gone:.0%} of the {'period' if first != last else 'year'} gone"
    if figure.value >= expected:
        return Judgement("on track", f"{pace}: on track.")
    return Judgement("behind", f"{pace} ({expected:.1f} expected by now): behind.")


def _judge_milestone(figure: Figure, due_date: date | None, done_date: date | None, on: date,
                     done_precision: str) -> Judgement:
    if done_date is not None:
        late = due_date is not None and (done_date.year > due_date.year if done_precision == "year"
                                         else done_date > due_date)
        when = f"in {done_date.year}" if done_precision == "year" else f"on {describe(done_date)}"
        return Judgement("done", f"Done {when}" + (f", after its due date of {describe(due_date)}." if late else "."))
    if due_date is not None and on > due_date:
        if figure.value is None:
            return Judgement("no data", f"Due by {describe(due_date)}; no record says whether it was done.")
        return Judgement("overdue", f"Due by {describe(due_date)} and not recorded as done.")
    return Judgement("pending", f"Due by {describe(due_date)}." if due_date else "Not yet recorded as done.")


# --- What the data files can know -------------------------------------------------------------------------

def coverage(con: duckdb.DuckDBPyConnection, today: date) -> dict[str, tuple[date | None, date]]:
    """For each data file a measure can be bounded by: the first day it has records for (None if none), and
    the day its facts are confirmed to (at most today)."""
    return {table: (first, min(as_of, today) if as_of else today)
            for table, first, as_of in sql.rows(con, "coverage")}


# --- Every indicator, every year --------------------------------------------------------------------------

COLUMNS = ["indicator_id", "year", "value", "target_min", "target_max", "status", "due_date", "done_date",
           "source", "illustrative", "why", "evidence", "result_id", "result", "indicator", "kind", "measure",
           "period_start", "period_end"]


# `mande results --format csv`: the first six columns are fixed by the data contract.
CSV_COLUMNS = ["indicator_id", "year", "value", "target_min", "target_max", "status", "due_date", "done_date",
               "source", "illustrative", "why"]


def periods(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    """The strategy periods of the framework, latest first."""
    return sql.rows(con, "periods")


@db.for_everyone
def results(con: duckdb.DuckDBPyConnection, first_year: int | None = None, last_year: int | None = None,
            today: date | None = None) -> pd.DataFrame:
    """One row per indicator and year of its period (within first_year..last_year): COLUMNS.

    `value` is the figure (missing when unknown or confidential); for a total over a period (R3.0) it is the
    total from the period's start to the end of the year, judged against the period's target.
    """
    today = today or date.today()
    framework = sql.df(con, "indicator_years", first_year=first_year, last_year=last_year)
    targets = {(r[0], r[1]): r[2:] for r in sql.rows(con, "targets")}
    outputs = {(r[0], r[1]): r[2:] for r in sql.rows(con, "manual_figures")}
    bounds = coverage(con, today)
    rows = []
    for f in framework.itertuples(index=False):
        year = int(f.year)
        period = (int(f.period_start), int(f.period_end))
        target_min, target_max, due_date = _target(f, year, period, targets)
        evidence = None
        if f.source == "derived":
            measure = MEASURES[f.measure]
            first, on = bounds[measure.bounded_by]
            start = period[0] if f.kind == "period_total" else year
            known = first is not None and start >= first.year and date(year, 1, 1) <= on
            figure = measure.figure(con, year, period[0]) if known else Figure(None)
        else:  # a record, not a count from records: its absence is "no data" whatever the date
            on = today
            value, _, illustrative, evidence = outputs.get((f.indicator_id, year), (None, None, False, None))
            figure = Figure(value, bool(illustrative))
        done_date, done_precision = None, "day"
        if f.kind == "milestone":  # done by the end of its year; judged the morning after it
            done = _milestone_done(con, f, period, year, min(on, date(year, 12, 31)), outputs)
            if done is not None:
                done_date, done_precision, illustrative = done
                figure = Figure(1, illustrative)
            on = min(on, date(year + 1, 1, 1))
        elif f.kind == "period_total":  # the total so far, judged at the end of its year
            on = min(on, date(year, 12, 31))
        judged = judge(f.kind, year, figure, target_min, target_max, due_date, done_date, on, today,
                       period if f.kind == "period_total" else None, done_precision)
        rows.append({
            "indicator_id": f.indicator_id, "year": year, "value": figure.value, "target_min": target_min,
            "target_max": target_max, "status": judged.status, "due_date": due_date, "done_date": done_date,
            "source": f.source, "illustrative": figure.illustrative, "why": judged.why, "evidence": evidence,
            "result_id": f.result_id, "result": f.result, "indicator": f.indicator, "kind": f.kind,
            "measure": f.measure, "period_start": period[0], "period_end": period[1],
        })
    return pd.DataFrame(rows, columns=COLUMNS).astype({"value": "Int64", "target_min": "Int64", "target_max": "Int64"})


def _target(f, year: int, period: tuple[int, int], targets: dict) -> tuple[int | None, int | None, date | None]:
    """The year's target; a total over a period is held to the period's target in every year of it, and a
    milestone to its due date in every year until then."""
    if f.kind == "period_total":
        return targets.get((f.indicator_id, period[1]), (None, None, None))
    if f.kind == "milestone":
        due = [t for (i, y), t in targets.items() if i == f.indicator_id and t[2] is not None]
        return (None, None, min(t[2] for t in due)) if due else (None, None, None)
    return targets.get((f.indicator_id, year), (None, None, None))


def _milestone_done(con: duckdb.DuckDBPyConnection, f, period: tuple[int, int], year: int, by: date,
                    outputs: dict) -> tuple[date, str, bool] | None:
    """When a milestone was first done within its period, on or before `by` (and by the end of `year`): the
    date, its precision ("day", or "year" when only the year is known) and whether the record is illustrative.

    A derived milestone is done in the first year its measure counts something (on the first such event's
    day, for a measure of events); a manual one where outputs.csv records it done (value 1).
    """
    if f.source == "derived":
        measure = MEASURES[f.measure]
        for y in range(period[0], year + 1):
            figure = measure.figure(con, y, period[0])
            if figure.value:
                first = measure.done_on(con, y)
                if first is None:  # only the year is known
                    return (date(y, 12, 31), "year", figure.illustrative) if date(y, 12, 31) <= by else None
                return (first, "day", False) if first <= by else None
        return None
    done = sorted(
        (row[1] or date(y, 12, 31), "day" if row[1] else "year", bool(row[2]))
        for (indicator, y), row in outputs.items()
        if indicator == f.indicator_id and period[0] <= y <= year and row[0] and (row[1] or date(y, 12, 31)) <= by
    )
    return done[0] if done else None


# --- The records behind a derived figure -------------------------------------------------------------------

@db.for_everyone
def records(con: duckdb.DuckDBPyConnection, measure: str, year: int, period_start: int) -> pd.DataFrame:
    """What a derived figure counts, as people read it: the States that joined, the events held, the States
    met or represented. Empty for a confidential measure, whose records the public view never lists."""
    declared = MEASURES[measure]
    return pd.DataFrame() if declared.confidential else declared.records(con, year, period_start)


# --- What the Results page shows -------------------------------------------------------------------------

HIDDEN = "Illustrative figure hidden."  # the why of a figure hidden by without_illustrative


def without_illustrative(found: pd.DataFrame) -> pd.DataFrame:
    """The results with every illustrative figure hidden: no value or done date, the status "no data", HIDDEN
    as its why, and nothing left marked illustrative."""
    hide = found.illustrative
    return found.assign(value=found.value.mask(hide), status=found.status.mask(hide, "no data"),
                        why=found.why.mask(hide, HIDDEN), done_date=found.done_date.mask(hide), illustrative=False)


# Every status in one of four groups, so that a summary of them counts each figure once.
STATUS_GROUPS = {
    "Met or done": ("met", "done"),
    "Partly met, on track or behind": ("partly met", "on track", "behind"),
    "Not met or overdue": ("not met", "overdue"),
    "No data or pending": ("no data", "pending"),
}


def status_summary(found: pd.DataFrame) -> dict[str, int]:
    """How many of the results fall in each of STATUS_GROUPS."""
    return {group: int(found.status.isin(statuses).sum()) for group, statuses in STATUS_GROUPS.items()}


def scorecard_cells(found: pd.DataFrame) -> pd.DataFrame:
    """The results with what a scorecard's cell shows of each: `label` (the indicator's id and its words, cut
    to 60 characters), `figure` (figure_text) and `shown_status` (the status, "· illustrative" where it is)."""
    words = found.indicator.str.slice(0, 60).where(found.indicator.str.len() <= 60,
                                                   found.indicator.str.slice(0, 58) + "…")
    return found.assign(label=found.indicator_id + "  " + words,
                        figure=[figure_text(row) for row in found.itertuples()],
                        shown_status=found.status + found.illustrative.map({True: " · illustrative", False: ""}))


def running_total(rows: pd.DataFrame) -> pd.DataFrame | None:
    """year, actual, target: one indicator's figures and targets summed year by year from its period's start (a
    year with no figure stays unknown), for a measure declared with a running total (R1.1); else None."""
    measure = MEASURES.get(rows.measure.iloc[0])
    if measure is None or not measure.running_total:
        return None
    return pd.DataFrame({"year": rows.year, "actual": rows.value.cumsum(),
                         "target": rows.target_min.fillna(0).cumsum()})


def figure_text(row) -> str:
    """A result row's figure against its target, short enough for a cell: '3 / 3', '1 / 2–3', '2 / up to 3',
    '14 / 30 in 2018–2020', 'yes', 'done June 2019', 'due June 2019', '— / 3' (no figure)."""
    if row.kind == "milestone":
        if row.status == "done" and row.done_date is not None:
            return f"done {row.done_date:%b %Y}"
        return f"due {row.due_date:%b %Y}" if row.due_date is not None else "—"
    if row.kind == "qualitative":
        return {None: "—", 0: "no"}.get(None if pd.isna(row.value) else int(row.value), "yes")
    value = "—" if pd.isna(row.value) else f"{row.value}"
    low, high = (None if pd.isna(t) else int(t) for t in (row.target_min, row.target_max))
    if low is None and high is None:
        return value
    target = (f"up to {high}" if low is None else f"{low}–{high}" if high not in (None, low) else f"{low}")
    if row.kind == "period_total":
        target += f" in {row.period_start}–{row.period_end}"
    return f"{value} / {target}"
