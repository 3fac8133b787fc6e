"""The public annual report: what it says for a year, as one content model (sections of paragraphs, lists,
tables and figures), which mande/typeset.py writes both as a PDF (through Typst) and as one HTML file, so that
the two cannot say different things.

Everything comes from a public cursor (db.connect's default audience) and from the functions the pages use, in
their words: a confidential record cannot reach the report, and a small count is suppressed as the public view
suppresses it. Text from the data files stays text here; each writer escapes it for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from mande import (
    charts,
    confidential,
    db,
    events,
    export,
    forums,
    geo,
    i18n,
    pace,
    provenance,
    results,
    sources,
    status,
)
from mande.contracts import TREATIES
from mande.dates import describe, describe_each, span
from mande.i18n import N_, _, number, series
from mande.measures import MEASURES
from mande.tables import as_text, sites
from mande.words import counted

NAME = N_("Convention against Torture Initiative")
ANNUAL_REPORT = N_("Annual report {year}")


# --- The content model ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    """A piece of text in one style: "" (plain), "strong", "em" or "code"."""

    text: str
    style: str = ""


Text = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Bullets:
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Heading:
    """A heading within a section."""

    text: str


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """A chart as SVG, with its title and one sentence saying what it shows (its text alternative)."""

    svg: str
    title: str
    description: str

    @property
    def alternative(self) -> str:
        """What a reader who cannot see the chart is told: its title and what it shows."""
        return _("{title}. {description}").format(title=self.title, description=self.description)


Block = Paragraph | Bullets | Heading | Table | Figure


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    source: str  # where its facts come from and the date they are confirmed to


@dataclass(frozen=True)
class Report:
    year: int
    on: date  # the day the year's figures are for: its last day, or the as-of date for a year in progress
    as_of: date | None  # the day the treaty data is confirmed to
    built: date
    sections: tuple[Section, ...]
    language: str = i18n.ENGLISH  # the language it was built in: what its writers speak (typeset.py)

    @property
    def name(self) -> str:
        with i18n.using(self.language):
            return _(NAME)

    @property
    def subtitle(self) -> str:
        with i18n.using(self.language):
            return _(ANNUAL_REPORT).format(year=self.year)

    @property
    def title(self) -> str:
        return f"{self.name} — {self.subtitle}"


def plain(value: object) -> Text:
    """Text from the data (or any value) as it is: never read as formatting."""
    return (Run(as_text(value)),)


_MARK = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`")


def marked(markdown: str) -> Text:
    """The library's own Markdown sentences (pace.in_words, sources.illustrative_in_words: bold, italic, code)
    as runs. Only for text the code writes, never for text from the data files."""
    runs, at = [], 0
    for found in _MARK.finditer(markdown):
        if found.start() > at:
            runs.append(Run(markdown[at:found.start()]))
        style = "strong" if found.group(1) else "em" if found.group(2) else "code"
        runs.append(Run(next(g for g in found.groups() if g is not None), style))
        at = found.end()
    if at < len(markdown):
        runs.append(Run(markdown[at:]))
    return tuple(runs)


def table(data: pd.DataFrame, caption: str) -> Table:
    """A table for people (its columns named as a page names them, in the language being spoken: each column's
    name marked with N_ where it is written), every cell as text."""
    return Table(caption, tuple(_(str(c)) for c in data.columns),
                 tuple(tuple(as_text(v) for v in row) for row in data.itertuples(index=False, name=None)))


def _said(*sentences: str) -> Paragraph:
    return Paragraph(plain(" ".join(sentence for sentence in sentences if sentence)))


# --- The report -----------------------------------------------------------------------------------------

Progress = Callable[[str, float], None]


def build(con: duckdb.DuckDBPyConnection, year: int, built: date, since: date | None = None,
          progress: Progress | None = None, language: str | None = None) -> Report:
    """The annual report of `year` from the cursor `con` (a public one), built on `built`: its figures at the end
    of the year (on the date the treaty data is confirmed to, for a year in progress), and what changed from
    `since` (default: the previous Annual Forum) to that date, in `language` (default: the language being spoken),
    the States named in it. `progress(step, done)` hears each step before it starts, in the caller's language."""
    db.require_public(con)
    caller = i18n.current()

    def say(step: str, done: float) -> None:
        if progress:
            with i18n.using(caller):
                progress(_(step), done)

    with i18n.using(language or caller):
        cursor = db.cursor(con)  # the States named in the report's language
        try:
            return _built(cursor, year, built, since, say)
        finally:
            cursor.close()


def _built(con: duckdb.DuckDBPyConnection, year: int, built: date, since: date | None, say: Progress) -> Report:
    """The report (build) in the language being spoken; `say` hears each step's English (N_)."""
    as_of, _source_name, _note = provenance.data_as_of(con)
    on = min(date(year, 12, 31), as_of or built)
    total = status.state_count(con)
    steps: list[tuple[str, Callable[[], Section]]] = [
        (N_("The year in figures"), lambda: _in_figures(con, year, on, total)),
        (N_("The map"), lambda: _map(con, year, on)),
        (N_("Parties over time"), lambda: _over_time(con, on, total)),
        (N_("Results against targets"), lambda: _results(con, year, built)),
        (N_("Events"), lambda: _events(con, year)),
        (N_("Since the last Forum"), lambda: _since(con, since, on)),
    ]
    if date(year, 1, 1) > on:  # nothing of the year is known yet
        steps = [(N_("The year"), lambda: _no_data(con, year, as_of))]
    made = []
    for i, (step, section) in enumerate(steps):
        say(step, i / (len(steps) + 1))
        made.append(section())
    say(N_("Sources and notes"), len(steps) / (len(steps) + 1))
    made.append(_sources(con))
    return Report(year, on, as_of, built, tuple(made), i18n.current())


def _source(con: duckdb.DuckDBPyConnection, *tables: str) -> str:
    """Where the facts of `tables` come from, each with the date it is confirmed to."""
    said = []
    for name in tables:
        checked, source, _note = provenance.data_as_of(con, name)
        source = source or f"{name}.csv"
        said.append(_("{source}, confirmed to {date}").format(source=source, date=describe(checked)) if checked
                    else source)
    return _("Source: {sources}.").format(sources=series(said))


def _when(year: int, on: date, starts: bool = False) -> str:
    """'at the end of 2025', or 'on 3 February 2026' for a year in progress; capitalized where it `starts` a
    sentence or names a column (each its own message: languages capitalize differently)."""
    if on == date(year, 12, 31):
        return (_("At the end of {year}") if starts else _("at the end of {year}")).format(year=year)
    return (_("On {date}") if starts else _("on {date}")).format(date=describe(on))


def _no_data(con: duckdb.DuckDBPyConnection, year: int, as_of: date | None) -> Section:
    return Section(f"{year}", (_said(_(
        "There is no data for {year} yet: the treaty data is confirmed only to {date}, before the year began, so "
        "this report has no figures, events or results for it.").format(year=year, date=describe(as_of))),),
        _source(con, "treaty_actions"))


def _in_figures(con: duckdb.DuckDBPyConnection, year: int, on: date, total: int) -> Section:
    before = date(year - 1, 12, 31)
    when = _when(year, on, starts=True)
    rows, said = [], []
    for treaty in TREATIES:
        now, then = (status.status_counts(con, treaty, day).iloc[0] for day in (on, before))
        for label, column in ((N_("States parties"), "parties"), (N_("Signatories"), "signatories"),
                              (N_("No action"), "no_action")):
            shown = (_("{parties} of {total}").format(parties=number(now[column]), total=number(total))
                     if column == "parties" else number(now[column]))
            rows.append((treaty, _(label), number(then[column]), shown, f"{now[column] - then[column]:+d}"))
        rows.append((treaty, _("Still to join"), number(total - then.parties), number(total - now.parties),
                     f"{then.parties - now.parties:+d}"))
        change = f"{now.parties - then.parties:+d}"
        said.append(counted(total, "{parties} of the {n} State was party to {treaty} ({change} over the year)",
                            "{parties} of the {n} States were party to {treaty} ({change} over the year)",
                            parties=number(now.parties), treaty=treaty, change=change))
    figures = Table(counted(total, "UNCAT and OPCAT status of the {n} State, {when}, against the end of {year}",
                            "UNCAT and OPCAT status of the {n} States, {when}, against the end of {year}",
                            when=_when(year, on), year=year - 1),
                    (_("Treaty"), _("Status"), _("End of {year}").format(year=year - 1), when, _("Change")),
                    tuple(rows))
    return Section(_("The year in figures"), (
        _said(_("{when}: {figures}.").format(when=when, figures=series(said))),
        figures,
        Paragraph(marked(_(status.SIGNATORIES_NOTE).format(total=number(total)))),
    ), _source(con, "treaty_actions", "states"))


def _map(con: duckdb.DuckDBPyConnection, year: int, on: date) -> Section:
    states = status.status_for_map(con, "UNCAT", on)
    checked, source, _note = provenance.data_as_of(con)
    spec = geo.map_spec(states, "UNCAT", on, _("Source: {sources}.").format(sources=source) if source else "",
                        width=900)
    title = counted(len(states), "UNCAT status of the {n} State, {date}", "UNCAT status of the {n} States, {date}",
                    date=describe(on))
    blocks: list[Block] = [Figure(
        export.chart_svg(spec), title,
        _("A world map with each State coloured by its UNCAT status on {date}: party, signatory or no action; the "
          "smallest States are circles.").format(date=describe(on)) + " " + _(geo.BOUNDARIES_NOTE))]
    for treaty in TREATIES:
        joined = MEASURES[f"{treaty.lower()}_new_parties"].records(con, year, year)
        blocks.append(Heading(_("The States that became party to {treaty} in {year}").format(treaty=treaty,
                                                                                             year=year)))
        if joined.empty:
            blocks.append(_said(_("No State became party to {treaty} in {year}.").format(treaty=treaty, year=year)))
        else:
            blocks.append(table(joined, counted(
                len(joined), "The {n} State that became party to {treaty} in {year}, by date of deposit",
                "The {n} States that became party to {treaty} in {year}, by date of deposit", treaty=treaty,
                year=year)))
    return Section(_("UNCAT status on {date}").format(date=describe(on)), tuple(blocks),
                   _source(con, "treaty_actions"))


def _over_time(con: duckdb.DuckDBPyConnection, on: date, total: int) -> Section:
    launch = status.cti_launch(con)
    history = status.parties_by_year(con, "UNCAT", 1985, on.year)
    chart = charts.parties_over_time("UNCAT", total, launch)
    spec = charts.complete(charts.template(chart), history)
    parties = status.parties_count(con, "UNCAT", on)
    recent = pace.pace(on, parties, status.parties_count(con, "UNCAT", pace.window_start(on, pace.WINDOW_YEARS)), total,
                       pace.WINDOW_YEARS, max(pace.TARGET_YEAR, on.year + 1))
    states = counted(total, "the {n} State", "the {n} States")
    lines = pace.in_words(recent, on, "UNCAT", states, total).splitlines()
    return Section(_("Towards universal ratification"), (
        Figure(export.chart_svg(spec), chart.title, chart.description),
        Heading(_("The pace of ratification")),
        Bullets(tuple(marked(line.removeprefix("- ")) for line in lines)),
    ), _source(con, "treaty_actions", "groups"))


def _results(con: duckdb.DuckDBPyConnection, year: int, built: date) -> Section:
    found = results.results(con, year, year, built)
    source = _source(con, "framework", "targets", "outputs", "events", "participation")
    if found.empty:
        periods = ", ".join(f"{first}–{last}" for first, last in results.periods(con)) or _("none")
        return Section(_("Results against targets"), (_said(_(
            "The results framework sets no target for {year}: no indicator has a year in it (the strategy periods "
            "in the data: {periods}).").format(year=year, periods=periods)),), source)
    cells = results.scorecard_cells(found)
    summary = series(_("{group}: {n}").format(group=group.lower(), n=number(n))
                        for group, n in results.status_summary(found).items())
    blocks: list[Block] = [
        _said(counted(len(found), "{n} indicator of the results framework has a target for {year}.",
                      "{n} indicators of the results framework have a target for {year}.", year=year),
              summary[:1].upper() + summary[1:] + ".",
              _("Derived figures are counted from the records (treaty actions, events, participation, advice), so "
                "an event the records lack is not counted; manual figures come from the Secretariat with their "
                "evidence. A figure marked illustrative is sample data standing in for a missing record.")),
        table(pd.DataFrame({N_("Indicator"): found.indicator_id, N_("What it measures"): found.indicator,
                            N_("Figure / target"): cells.figure, N_("Status"): cells.shown_status,
                            N_("Why"): found.why}),
              _("The scorecard of {year}: every indicator's figure against its target, and its status").format(
                  year=year)),
    ]
    for result_id, rows in found.groupby("result_id", sort=False):
        blocks.append(Heading(_("Result {number}: {name}").format(number=result_id.removeprefix("R"),
                                                                  name=rows.result.iloc[0])))
        for row in rows.itertuples():
            blocks.append(Paragraph((Run(f"{row.indicator_id} {row.indicator}", "strong"),
                                     Run(f" {row.why}" + (" " + _("Illustrative: sample data, not a real record.")
                                                          if row.illustrative else "")))))
            blocks.extend(_evidence(con, row, year))
    return Section(_("Results against targets"), tuple(blocks), source)


def _evidence(con: duckdb.DuckDBPyConnection, row, year: int) -> list[Block]:
    """What stands behind an indicator's figure: the Secretariat's evidence, or the records counted."""
    if row.source == "manual":
        evidence = row.evidence if as_text(row.evidence) else _("none recorded.")
        return [Paragraph((Run(_("Evidence:") + " ", "em"), *plain(evidence)))]
    if MEASURES[row.measure].confidential:
        return [_said(_("Requests for technical advice are confidential: the public view shows only how many "
                        "States were advised, never which."))]
    behind = results.records(con, row.measure, year, int(row.period_start))
    if behind.empty:
        return [_said(_("Nothing recorded."))]
    return [table(behind, _("The records behind {indicator} in {year}").format(indicator=row.indicator_id,
                                                                                year=year))]


def _event_table(found: pd.DataFrame, caption: str) -> Table:
    return table(pd.DataFrame({
        N_("Dates"): [span(s, e, p) for s, e, p in zip(found.start_date, found.end_date, found.date_precision,
                                                       strict=True)],
        N_("Event"): found.title,
        N_("Type"): found.type.map(events.TYPE_WORDS).fillna(found.type),
        N_("Format"): found.format.map(events.FORMAT_WORDS).astype(object).fillna(_(events.NOT_RECORDED)),
        N_("Place"): [", ".join(p for p in (c, k) if isinstance(p, str)) for c, k in zip(found.city, found.country,
                                                                                        strict=True)],
        N_("Participants"): found.participants.map(events.recorded),
        N_("Source"): found.source.map(sites),
    }), caption)


def _events(con: duckdb.DuckDBPyConnection, year: int) -> Section:
    found = events.events_matching(con, (), (year, year))
    hidden = events.confidential_per_year(con, (year, year))
    said = [counted(len(found), "{n} CTI event of {year} is found in the CTI's own news pages and other public "
                    "sources; an event the sources do not mention is not here, so the count is a floor.",
                    "{n} CTI events of {year} are found in the CTI's own news pages and other public sources; an "
                    "event the sources do not mention is not here, so the count is a floor.", year=year)]
    blocks: list[Block] = [_said(*said, events.confidential_in_words(hidden))]
    if not found.empty:
        blocks.append(_event_table(found, _("The CTI events of {year}").format(year=year)))
    blocks += _forum(con, year)
    return Section(_("The events of {year}").format(year=year), tuple(blocks), _source(con, "events", "participation"))


def _forum(con: duckdb.DuckDBPyConnection, year: int) -> list[Block]:
    found = forums.year_by_year(con)
    found = found[found.year == year]
    blocks: list[Block] = [Heading(_("The Annual Forum of {year}").format(year=year))]
    if found.empty:
        return [*blocks, _said(_("No Annual Forum of {year} was found in the sources.").format(year=year))]
    for forum, figures in zip(found.itertuples(), forums.figures(found).itertuples(index=False), strict=True):
        shown = pd.DataFrame({N_("Figure"): [_("Title"), _("Format"), *map(_, forums.FIGURES.values())],
                              N_("As the sources record it"): [figures[1], figures[2], *figures[3:]]})
        blocks.append(table(shown, _("The {forum} Forum's figures ({not_recorded} where a source gives none, never "
                                     "0)").format(forum=forum.forum, not_recorded=_(events.NOT_RECORDED))))
        if forum.illustrative:
            blocks.append(_said(_("Its participation figures include illustrative sample data, not real records.")))
    by_group = events.forum_states_by_group(con).merge(found[["event_id", "forum"]], on="event_id")
    if not by_group.empty:
        blocks.append(table(forums.states_by_group(by_group),
                            _("The States a source names at the Forum, by UN regional group")))
    return blocks


def previous_forum(con: duckdb.DuckDBPyConnection, on: date) -> date | None:
    """The day the last Annual Forum before `on` began (forums.last_before), or None when there was none."""
    last = forums.last_before(forums.year_by_year(con), on)
    return None if last is None else last.start_date.date()


def _since(con: duckdb.DuckDBPyConnection, since: date | None, until: date) -> Section:
    since = since or previous_forum(con, until)
    source = _source(con, "treaty_actions", "events", "outputs")
    if since is None or since >= until:
        return Section(_("Since the last Forum"), (_said(
            _("There is no earlier Annual Forum in the data to compare with.") if since is None else
            _("{since} is not before {until}, the report's date: nothing to compare.").format(
                since=describe(since), until=describe(until))),), source)
    actions = status.actions_since(con, since, until)
    held = events.held_between(events.events_matching(con, (), (since.year, until.year)), since, until)
    blocks: list[Block] = [_said(_("What changed after {since} up to {until}, the report's date.").format(
        since=describe(since), until=describe(until)))]
    blocks.append(Heading(_("New parties and signatures")))
    if actions.empty:
        blocks.append(_said(_("No State signed or became party to UNCAT or OPCAT in that time.")))
    else:
        blocks.append(table(pd.DataFrame({
            N_("State"): actions["name"], N_("Treaty"): actions.treaty,
            N_("Action"): actions.action.map(status.ACTION_WORDS),
            N_("Date"): describe_each(actions["date"], actions.date_precision, actions.date_earliest),
        }), _("The treaty actions in that time")))
    blocks.append(Heading(_("Events held")))
    blocks.append(_event_table(held, _("The CTI events held in that time")) if len(held) else
                  _said(_("No CTI event of that time is found in the sources.")))
    blocks.append(Heading(_("Indicators whose status changed")))
    blocks.append(_status_changes(con, since, until))
    return Section(_("Since {date}").format(date=describe(since)), tuple(blocks), source)


def _status_changes(con: duckdb.DuckDBPyConnection, since: date, until: date) -> Block:
    before, after = (results.results(con, since.year, until.year, day) for day in (since, until))
    keys = ["indicator_id", "year"]
    both = before[[*keys, "status"]].merge(after[[*keys, "indicator", "status", "why"]], on=keys,
                                           suffixes=("_before", "_after"))
    changed = both[both.status_before != both.status_after]
    if changed.empty:
        years = ", ".join(map(str, sorted(set(after.year)))) or _("none in it")
        return _said(_("No indicator's status changed in that time (the framework's years: {years}).").format(
            years=years))
    return table(pd.DataFrame({
        N_("Indicator"): changed.indicator_id, N_("Year"): changed.year.astype(str),
        N_("What it measures"): changed.indicator,
        _("Status on {date}").format(date=describe(since)): changed.status_before.map(results.status_word),
        _("Status on {date}").format(date=describe(until)): changed.status_after.map(results.status_word),
        N_("Why"): changed.why,
    }), _("The indicators whose status changed, each judged on both dates from the records held now"))


def _sources(con: duckdb.DuckDBPyConnection) -> Section:
    checked, _source_name, _note = provenance.data_as_of(con)
    files = sources.files(provenance.datasets(con), public=True)
    blocks: list[Block] = [
        _said(_("Every treaty action carries its own source in the data. The treaty data is confirmed to {date} "
                "against the depositary itself, the UN Treaty Collection's status pages (chapter IV-9 for UNCAT, "
                "IV-9-b for OPCAT). A State is party from the date of deposit of its ratification, accession or "
                "succession with the UN Secretary-General, signatory if it signed, else no action. Confidential "
                "records are never shown: they are only counted, and a count below {small} reads “{suppressed}”.")
              .format(date=describe(checked), small=number(confidential.SMALL),
                      suppressed=confidential.suppressed())),
        table(files.drop(columns=["Note"]), _("Every data file, its source and the date it is checked to")),
        Heading(_("Real and illustrative figures")),
        Paragraph(marked(sources.illustrative_in_words(sources.illustrative_rows(con)))),
        Heading(_("Dates that the sources do not fully confirm")),
    ]
    unconfirmed = sources.unconfirmed(provenance.unconfirmed_dates(con))
    blocks.append(table(unconfirmed.drop(columns=["Source"]),
                        _("The treaty actions whose date is not confirmed to the day")) if len(unconfirmed) else
                  _said(_(sources.EVERY_DATE_CONFIRMED)))
    blocks.append(Paragraph(marked(_(sources.MAP_BOUNDARIES))))
    return Section(_("Sources and notes"), tuple(blocks), _source(con, "treaty_actions", "events", "outputs"))
