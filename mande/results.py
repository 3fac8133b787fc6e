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
from babel.dates import format_skeleton

from mande import db, sql
from mande.dates import describe
from mande.i18n import ENGLISH, N_, _, current, locale, number, percent
from mande.measures import MEASURES, Figure
from mande.words import Words, counted

# Every status a figure can have, as the app, the command line and the exports say it (the keys of the data).
STATUSES = ("met", "partly met", "not met", "on track", "behind", "pending", "done", "overdue", "no data")
# Each status as the page's language says it (the data keeps the English status).
STATUS_WORDS = Words({"met": N_("met"), "partly met": N_("partly met"), "not met": N_("not met"),
                      "on track": N_("on track"), "behind": N_("behind"), "pending": N_("pending"),
                      "done": N_("done"), "overdue": N_("overdue"), "no data": N_("no data")})


# How the Results page explains a status (judge decides it), in Markdown.
HOW_A_STATUS_IS_DECIDED = N_(
    "- **met**: the figure reached the target (for “2–3 a year”, 2; above the upper aim is still met).\n"
    "- **partly met**: the year ended above 0 but below the target. **not met**: the year ended with none "
    "recorded.\n"
    "- **on track / behind**: a year (or, for a total over the period, the period) still running is judged "
    "against the part of it gone by, never as not met before it ends.\n"
    "- **done / overdue / pending**: a milestone is done when done (late if after its due date), overdue when "
    "recorded as not done after its due date, pending before it.\n"
    "- **no data**: no figure for a year that has ended, or a year beyond the date the data is confirmed to. "
    "Unknown is never counted as 0.\n"
    "- A **dashed border** and the word *illustrative* mark sample figures that stand in for missing records."
)


def status_word(status: str) -> str:
    """A status ('partly met') as the page's language says it."""
    return STATUS_WORDS.get(status, status)


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
        return Judgement("pending", _("Not begun yet.")) if begins > today else Judgement(
            "no data", _("The data is confirmed only to {date}.").format(date=describe(on)))
    ended = ends <= on
    if figure.between is not None:  # a suppressed count: judged if both ends of its range agree
        low, high = (judge(kind, year, Figure(v), target_min, target_max, due_date, done_date, on, today, period)
                     for v in figure.between)
        if low.status == high.status:  # no figure in the words: either end could be the true count
            return Judgement(low.status, _("Fewer than {n} (the exact count is confidential): {status}.").format(
                n=number(figure.between[1] + 1), status=status_word(low.status)))
        return Judgement("no data", _("The count is confidential and too small to show."))
    if figure.value is None:
        return Judgement("no data", _("No figure recorded.")) if ended else Judgement("pending", _("No figure yet."))

    if kind == "qualitative":
        if figure.value >= 1:
            return Judgement("met", _("Recorded as done."))
        return (Judgement("not met", _("Recorded as not done.")) if ended
                else Judgement("pending", _("Not done yet.")))

    goal = target_min if target_min is not None else target_max
    if goal is None:
        return Judgement("no data", _("No target set for this year."))
    if target_max is not None and target_max != goal:
        # TRANSLATORS: {aim} of the sentences that judge a figure ("3 against a target of 2 to 4; met.").
        aim = _("a target of {low} to {high}").format(low=number(goal), high=number(target_max))
    else:
        # TRANSLATORS: {aim} of the sentences that judge a figure ("3 against a target of 2; met.").
        aim = _("a target of {goal}").format(goal=number(goal))
    value = number(figure.value)
    if figure.value >= goal:
        return Judgement("met", _("{value} against {aim}; met.").format(value=value, aim=aim))
    if ended:
        if figure.value == 0:
            return Judgement("not met", _("None recorded against {aim}.").format(aim=aim))
        return Judgement("partly met", _("{value} against {aim}; partly met.").format(value=value, aim=aim))
    gone = ((on - begins).days + 1) / ((ends - begins).days + 1)
    expected = goal * gone
    said = {"value": value, "aim": aim, "share": percent(gone), "expected": number(expected, 1)}
    if figure.value >= expected:
        sentence = (_("{value} so far against {aim}, with {share} of the period gone: on track.") if first != last
                    else _("{value} so far against {aim}, with {share} of the year gone: on track."))
        return Judgement("on track", sentence.format(**said))
    sentence = (_("{value} so far against {aim}, with {share} of the period gone ({expected} expected by now): "
                  "behind.") if first != last
                else _("{value} so far against {aim}, with {share} of the year gone ({expected} expected by now): "
                       "behind."))
    return Judgement("behind", sentence.format(**said))


def _judge_milestone(figure: Figure, due_date: date | None, done_date: date | None, on: date,
                     done_precision: str) -> Judgement:
    if done_date is not None:
        late = due_date is not None and (done_date.year > due_date.year if done_precision == "year"
                                         else done_date > due_date)
        said = {"year": done_date.year, "date": describe(done_date), "due": describe(due_date)}
        if done_precision == "year":
            sentence = _("Done in {year}, after its due date of {due}.") if late else _("Done in {year}.")
        else:
            sentence = _("Done on {date}, after its due date of {due}.") if late else _("Done on {date}.")
        return Judgement("done", sentence.format(**said))
    if due_date is not None and on > due_date:
        if figure.value is None:
            return Judgement("no data", _("Due by {date}; no record says whether it was done.").format(
                date=describe(due_date)))
        return Judgement("overdue", _("Due by {date} and not recorded as done.").format(date=describe(due_date)))
    return Judgement("pending", _("Due by {date}.").format(date=describe(due_date)) if due_date
                     else _("Not yet recorded as done."))


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


def figures_in_words(n: int, period: tuple[int, int]) -> str:
    """How many figures a period's scorecard holds, and how they are counted."""
    return counted(n, "{n} figure: each indicator in each year of {period}. Derived figures are counted from the "
                   "records (treaty actions, events, participation, advice), so an event the records lack is not "
                   "counted; manual figures come from the Secretariat with their evidence.",
                   "{n} figures: each indicator in each year of {period}. Derived figures are counted from the "
                   "records (treaty actions, events, participation, advice), so an event the records lack is not "
                   "counted; manual figures come from the Secretariat with their evidence.",
                   period="–".join(map(str, period)))


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

HIDDEN = N_("Illustrative figure hidden.")  # the why of a figure hidden by without_illustrative


def without_illustrative(found: pd.DataFrame) -> pd.DataFrame:
    """The results with every illustrative figure hidden: no value or done date, the status "no data", HIDDEN
    as its why, and nothing left marked illustrative."""
    hide = found.illustrative
    return found.assign(value=found.value.mask(hide), status=found.status.mask(hide, "no data"),
                        why=found.why.mask(hide, _(HIDDEN)), done_date=found.done_date.mask(hide), illustrative=False)


# Every status in one of four groups, so that a summary of them counts each figure once.
STATUS_GROUPS = {
    N_("Met or done"): ("met", "done"),
    N_("Partly met, on track or behind"): ("partly met", "on track", "behind"),
    N_("Not met or overdue"): ("not met", "overdue"),
    N_("No data or pending"): ("no data", "pending"),
}


def status_summary(found: pd.DataFrame) -> dict[str, int]:
    """How many of the results fall in each of STATUS_GROUPS, each group named in the page's language."""
    return {_(group): int(found.status.isin(statuses).sum()) for group, statuses in STATUS_GROUPS.items()}


def scorecard_cells(found: pd.DataFrame) -> pd.DataFrame:
    """The results with what a scorecard's cell shows of each: `label` (the indicator's id and its words, cut
    to 60 characters), `figure` (figure_text) and `shown_status` (the status, "· illustrative" where it is)."""
    words = found.indicator.str.slice(0, 60).where(found.indicator.str.len() <= 60,
                                                   found.indicator.str.slice(0, 58) + "…")
    return found.assign(label=found.indicator_id + "  " + words,
                        figure=[figure_text(row) for row in found.itertuples()],
                        shown_status=[_("{status} · illustrative").format(status=status_word(status)) if illustrative
                                      else status_word(status)
                                      for status, illustrative in zip(found.status, found.illustrative, strict=True)])


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
            # TRANSLATORS: a milestone's cell in the scorecard: "done Jun 2019".
            return _("done {month}").format(month=_short_month(row.done_date))
        # TRANSLATORS: a milestone's cell in the scorecard: "due Jun 2019".
        return _("due {month}").format(month=_short_month(row.due_date)) if row.due_date is not None else "—"
    if row.kind == "qualitative":
        # TRANSLATORS: a yes/no target's cell in the scorecard.
        return {None: "—", 0: _("no")}.get(None if pd.isna(row.value) else int(row.value), _("yes"))
    value = "—" if pd.isna(row.value) else number(row.value)
    low, high = (None if pd.isna(t) else int(t) for t in (row.target_min, row.target_max))
    if low is None and high is None:
        return value
    target = (_("up to {high}").format(high=number(high)) if low is None
              else f"{number(low)}–{number(high)}" if high not in (None, low) else number(low))
    if row.kind == "period_total":
        # TRANSLATORS: a target over a period, in a scorecard's cell: "30 in 2018–2020".
        target = _("{target} in {first}–{last}").format(target=target, first=row.period_start, last=row.period_end)
    return f"{value} / {target}"


def _short_month(when: date) -> str:
    """'Jun 2019': a month, short, as the language writes it."""
    return f"{when:%b %Y}" if current() == ENGLISH else format_skeleton("yMMM", when, locale=locale())
