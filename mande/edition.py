"""The Friends' edition: the public view as a static site, every chart drawn in advance, that works offline, from
a folder or a ZIP, on any web host and any phone.

Built only from a public cursor (db.connect's default audience): what it can read is all the public may see.
The same data, status date and build date give the same files, byte for byte. It is in every language asked for
(site.py: English at its root, each other language in its folder), each page as the app's page says it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import cache
from html import escape
from pathlib import Path

import duckdb
import pandas as pd

from mande import (
    advice,
    charts,
    db,
    event_list,
    events,
    forums,
    geo,
    i18n,
    pace,
    profiles,
    provenance,
    reach,
    results,
    sources,
    status,
)
from mande.dates import describe, describe_each, month
from mande.i18n import N_, _, number
from mande.names import group_name
from mande.site import STYLE_SHEET, Site, download, figure, figures, inline, markdown, table
from mande.tables import escape as markdown_escape
from mande.tables import links
from mande.words import counted

SCORECARD_WIDTH = 860  # room for the indicators' names and three years of cells


def build(con: duckdb.DuckDBPyConnection, as_of: date, built: date,
          progress: Callable[[str, float], None] | None = None,
          languages: tuple[str, ...] = i18n.OFFERED) -> dict[str, bytes]:
    """Every file of the edition (path -> bytes) from the public cursor `con`: the pages and their CSV files in
    English and in each of `languages`, and the style sheet. `progress(step, done)` hears of each step before it
    starts, in the language being spoken (done: the share of the work done)."""
    db.require_public(con)
    languages = (i18n.ENGLISH, *(code for code in languages if code != i18n.ENGLISH))
    files = {"edition.css": STYLE_SHEET.read_bytes()}
    caller = i18n.current()

    def said(language: str, i: int) -> Callable[[str, float], None] | None:
        """The progress of the pages in `language`, said in the caller's language."""
        if progress is None:
            return None
        def say(step: str, done: float) -> None:
            with i18n.using(caller):
                progress(f"{i18n.LANGUAGES[language]}: {_(step)}", (i + done) / len(languages))
        return say

    for i, language in enumerate(languages):
        with i18n.using(language):
            cursor = db.cursor(con)  # the States named in the language
            try:
                files |= _in_language(cursor, as_of, built, languages, said(language, i))
            finally:
                cursor.close()
    return dict(sorted(files.items()))


def _in_language(con: duckdb.DuckDBPyConnection, as_of: date, built: date, languages: tuple[str, ...],
                 progress: Callable[[str, float], None] | None) -> dict[str, bytes]:
    """The edition's pages and CSV files in the language being spoken, in its folder; `progress` hears each step's
    English (N_)."""
    checked, _source, _note = provenance.data_as_of(con)  # its source is on the About page
    site = Site(describe(as_of), describe(checked) if checked else _("no date recorded"), describe(built), languages)
    names = profiles.state_names(con)
    states = profiles.iso3_by_name(con)
    steps = [  # (what, its share of the time: the States' pages take most)
        (N_("The Overview"), 0.05, lambda: overview(site, con, as_of, states)),
        (N_("The maps"), 0.1, lambda: [ratification_map(site, con, t, as_of, states) for t in ("UNCAT", "OPCAT")]),
        (N_("The results"), 0.05, lambda: results_page(site, con, built)),
        (N_("The events, the Forum and the reach"), 0.05,
         lambda: (events_page(site, con), forum_page(site, con), reach_page(site, con, as_of, states))),
        (N_("The sources"), 0.05, lambda: about(site, con)),
        (N_("The States' pages"), 0.7, lambda: state_pages(site, con, as_of, built, names)),
    ]
    done = 0.0
    for step, share, run in steps:
        if progress:
            progress(step, done)
        run()
        done += share
    return site.files


def write(files: dict[str, bytes], out: Path) -> None:
    """The files into the folder `out`: a new or empty one, or one holding an earlier edition, whose files this
    edition no longer has are removed (an out-of-date page or CSV file must not stay published). Any other
    folder with something in it is refused (ValueError), and nothing is written."""
    if out.is_dir() and any(out.iterdir()):
        if not all((out / mark).is_file() for mark in ("index.html", "edition.css")):
            raise ValueError(f"{out} is not empty and holds no earlier edition: choose a new or empty folder")
        for old in sorted(out.rglob("*"), reverse=True):  # a folder's files before the folder
            if old.is_file() and old.relative_to(out).as_posix() not in files:
                old.unlink()
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
    for path, content in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def zipped(files: dict[str, bytes], built: date) -> bytes:
    """The files as a ZIP archive in a folder of its own, in the order of their paths, every entry dated `built`:
    the same files, the same bytes."""
    folder = f"cti-friends-edition-{built.isoformat()}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in sorted(files.items()):
            entry = zipfile.ZipInfo(f"{folder}/{path}", date_time=(built.year, built.month, built.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, content)
    return buffer.getvalue()


# --- The pages ------------------------------------------------------------------------------------------------
# Each page says what the app's page says, in the same messages where the words are the same.

def overview(site: Site, con: duckdb.DuckDBPyConnection, as_of: date, states: dict[str, str]) -> None:
    total, launch = status.state_count(con), status.cti_launch(con)
    body = []
    for treaty, name in status.TREATY_NAMES.items():
        counts = status.status_counts(con, treaty, as_of).iloc[0]
        parties = _("{parties} of {total}").format(parties=number(counts.parties), total=number(total))
        if launch and launch <= as_of:
            change = f"{counts.parties - status.status_counts(con, treaty, launch).parties.iloc[0]:+d}"
            parties += " (" + _("{change} since {month}").format(change=change, month=month(launch)) + ")"
        body.append(f"<h2>{escape(name)}</h2>\n" + figures({
            _("States parties"): parties, _("Signatories"): number(counts.signatories),
            _("No action"): number(counts.no_action), _("Still to join"): number(total - counts.parties)}))
    body.append('<p class="note">' + inline(_(status.SIGNATORIES_NOTE).format(total=number(total))) + "</p>")
    history = status.parties_by_year(con, "UNCAT", 1985, as_of.year)
    body.append(_heading(2, _("Towards universal ratification of UNCAT")) + site.chart(
        charts.template(charts.parties_over_time("UNCAT", total, launch)), history, "data/uncat_parties_by_year.csv",
        history.rename(columns=status.PARTIES_BY_YEAR_WORDS)))
    recent = status.recent_parties(con, "UNCAT", as_of, 10)
    recent_table = pd.DataFrame({
        N_("State"): recent["name"],
        N_("Became party"): describe_each(recent.consent_date, recent.consent_precision, recent.consent_earliest),
        N_("By"): recent["consent_type"].map(status.ACTION_WORDS)})
    site.csv("data/uncat_recent_parties.csv", recent_table)
    body.append(_heading(3, _("The States that joined most recently"))
                + table(recent_table, states=states) + download("data/uncat_recent_parties.csv"))
    found = status.status_for_map(con, "UNCAT", as_of)
    not_party = found[found.status != "party"]
    regions = status.group_of_each_state(con, "un_regional_group", as_of)
    sids = status.group_of_each_state(con, "sids_region", as_of)
    gap = pd.DataFrame({
        N_("State"): not_party["name"], N_("Status"): not_party.status_word, N_("Signed"): not_party.signed,
        N_("UN regional group"): not_party["iso3"].map(regions).map(group_name).fillna(_("none")),
        N_("Small Island Developing State"): not_party["iso3"].map(sids).map(
            lambda r: _("yes ({region})").format(region=group_name(r)), na_action="ignore").fillna(_("no"))})
    site.csv("data/uncat_not_yet_party.csv", gap)
    in_sids = int(not_party["iso3"].map(sids).notna().sum())
    body.append(_heading(3, counted(len(not_party), "The {n} State not yet party to UNCAT",
                                    "The {n} States not yet party to UNCAT"))
                + "<p>" + escape(counted(in_sids, "{n} of them is a Small Island Developing State.",
                                         "{n} of them are Small Island Developing States.")) + "</p>\n"
                + table(gap, states=states) + download("data/uncat_not_yet_party.csv"))
    body.append('<p class="note">' + escape(_(status.DEPOSIT_NOTE)) + "</p>")
    site.page("index.html", _("Where the world stands on UNCAT"), "\n".join(body))


def _heading(level: int, text: str) -> str:
    return f"<h{level}>{escape(text)}</h{level}>\n"


def ratification_map(site: Site, con: duckdb.DuckDBPyConnection, treaty: str, as_of: date,
                     states: dict[str, str]) -> None:
    """map.html for UNCAT, map-opcat.html for OPCAT: the map, the status of every State, by group, over time."""
    path = "map.html" if treaty == "UNCAT" else f"map-{treaty.lower()}.html"
    other = "OPCAT" if treaty == "UNCAT" else "UNCAT"
    found = status.status_for_map(con, treaty, as_of)
    counts = found.status.value_counts().to_dict()
    other_path = "map.html" if other == "UNCAT" else f"map-{other.lower()}.html"
    this_map = escape(_("This map: {treaty}. Also: {other}.")).format(
        treaty=f"<strong>{treaty}</strong>",
        other=f'<a href="{other_path}">' + escape(_("the {treaty} map").format(treaty=other)) + "</a>")
    body = [f"<p>{this_map}</p>",
            figures({_("States parties"): _("{parties} of {total}").format(parties=number(counts.get("party", 0)),
                                                                           total=number(len(found))),
                     _("Signatories"): number(counts.get("signatory", 0)),
                     _("No action"): number(counts.get("no action", 0))})]
    spec = geo.map_template(treaty, tuple(found.iso_numeric), width=900)
    status_of, other_status_of = (_("{treaty} status").format(treaty=t) for t in (treaty, other))
    shown = found.drop(columns=["iso_numeric", "status"]).rename(columns={
        "iso3": "ISO3", "name": N_("State"), "status_word": status_of, "signed": N_("Signed"),
        "became_party": N_("Became party"), "by": N_("By"), "other_status": other_status_of})
    body.append(site.chart(spec, geo.with_markers(found.assign(selected=True)),
                           f"data/{treaty.lower()}_status_{as_of.isoformat()}.csv",
                           shown[["State", status_of, "Signed", "Became party", "By", other_status_of, "ISO3"]],
                           params={charts.LEGEND_LABELS: charts.legend_labels(counts)}))
    body.append('<p class="note">' + escape(_("Hover over a State for its name and status. States too small to see at "
                                              "this scale are drawn as circles.") + " " + _(geo.BOUNDARIES_NOTE))
                + "</p>")
    group_counts = status.status_counts(con, treaty, as_of, "un_regional_group")
    body.append(_heading(2, _("By UN regional group")) + site.chart(
        charts.template(charts.status_by_group(treaty)), group_counts,
        f"data/{treaty.lower()}_by_un_regional_group.csv",
        status.counts_shown(group_counts)))
    not_party = found[found.status != "party"]
    not_party_table = pd.DataFrame({N_("State"): not_party["name"], N_("Status"): not_party.status_word,
                                    N_("Signed"): not_party.signed})
    site.csv(f"data/{treaty.lower()}_not_yet_party.csv", not_party_table)
    body.append(_heading(2, _("Not yet party: {n}").format(n=number(len(not_party))))
                + table(not_party_table, states=states) + download(f"data/{treaty.lower()}_not_yet_party.csv"))
    history = status.parties_by_year(con, treaty, 1985, as_of.year)
    body.append(_heading(2, _("How it got there")) + site.chart(
        charts.template(charts.parties_over_time(treaty, len(found), status.cti_launch(con))), history,
        f"data/{treaty.lower()}_parties_by_year.csv", history.rename(columns=status.PARTIES_BY_YEAR_WORDS)))
    recent = pace.pace(as_of, counts.get("party", 0),
                       status.parties_count(con, treaty, pace.window_start(as_of, pace.WINDOW_YEARS)),
                       len(found), pace.WINDOW_YEARS, pace.TARGET_YEAR)
    every_state = counted(len(found), "the {n} State", "the {n} States")
    body.append(_heading(3, _("The pace of ratification"))
                + markdown(pace.in_words(recent, as_of, treaty, every_state, len(found))))
    site.page(path, _("Ratification map: {treaty}").format(treaty=treaty), "\n".join(body))


def results_page(site: Site, con: duckdb.DuckDBPyConnection, built: date) -> None:
    periods = results.periods(con)
    if not periods:
        site.page("results.html", _("Results against targets"), "<p>" + escape(_("The results framework is empty."))
                  + "</p>")
        return
    period = periods[0]
    found = results.results(con, period[0], period[1], built)
    found = found[(found.period_start == period[0]) & (found.period_end == period[1])]
    cells = results.scorecard_cells(found)
    said = results.figures_in_words(len(found), period)
    body = [figures(results.status_summary(found)),
            "<p>" + escape(said + " " + _("Judged on {date}. A dashed border and the word “illustrative” mark sample "
                                           "figures that stand in for missing records.").format(date=describe(built)))
            + "</p>",
            "<details><summary>" + escape(_("How a status is decided")) + "</summary>\n"
            + markdown(_(results.HOW_A_STATUS_IS_DECIDED)) + "</details>\n"]
    names = dict(zip(found.result_id, found.result, strict=False))
    scorecard = {**charts.template(charts.scorecard()), "width": SCORECARD_WIDTH}
    columns = ["label", "year", "figure", "status", "shown_status", "illustrative", "why"]
    for result_id, rows in cells.groupby("result_id", sort=False):
        heading = _("Result {number}: {name}").format(number=result_id.removeprefix("R"), name=names[result_id])
        body.append(_heading(2, heading) + figure(scorecard, rows[columns],
                                                  title=_("{result}, year by year").format(result=heading)))
    evidence = pd.DataFrame({N_("Indicator"): found.indicator_id, N_("Year"): found.year.astype(str),
                             N_("Figure / target"): cells.figure, N_("Status"): cells.shown_status,
                             N_("Why"): found.why, N_("Evidence"): found.evidence.map(links)})
    site.csv(f"data/cti_results_{period[0]}_{period[1]}.csv", found.drop(columns=["why"]).assign(explanation=found.why))
    body.append(_heading(2, _("The figures as a table, with their evidence"))
                + table(evidence, _("Every figure with its status and evidence"), markdown=("Evidence",))
                + download(f"data/cti_results_{period[0]}_{period[1]}.csv"))
    site.page("results.html", _("Results against targets"), "\n".join(body))


def events_page(site: Site, con: duckdb.DuckDBPyConnection) -> None:
    first, last = events.event_years(con) or (2014, 2014)
    found = events.events_matching(con, (), (first, last), (), ())
    hidden = events.confidential_per_year(con, (first, last))
    body = ["<p>" + escape(_("The CTI events found in the CTI's own news pages and other public sources, each with "
                             "its source. An event the sources do not mention is not here, so every count on this "
                             "page is a floor.")) + "</p>",
            f"<p>{inline(events.count_in_words(len(found), (first, last), hidden))}</p>"]
    if not found.empty:
        grid = event_list.by_type_and_year(found)
        body.append(site.chart(charts.template(charts.events_by_type_and_year()), grid,
                               "data/cti_events_by_type_and_year.csv",
                               grid.rename(columns={"year": N_("Year"), "type": N_("Type"), "events": N_("Events")})))
        site.csv("data/cti_events.csv", found.drop(columns=["note", "confidential"]))
        body.append(_heading(2, counted(len(found), "The {n} event, with its sources",
                                        "The {n} events, with their sources"))
                    + table(event_list.listed(found), _("The events"), markdown=event_list.MARKDOWN)
                    + download("data/cti_events.csv"))
    site.page("events.html", _("Events"), "\n".join(body))


def forum_page(site: Site, con: duckdb.DuckDBPyConnection) -> None:
    found = forums.year_by_year(con)
    if found.empty:
        site.page("forum.html", _("Annual Forum"), "<p>" + escape(_("There is no Annual Forum in the data yet."))
                  + "</p>")
        return
    latest = found.iloc[-1]
    body = ["<p>" + escape(_("Each Forum's figures as its sources state them. Where a source gives no figure the page "
                             "says “not recorded”, never 0. The States named are those a source names, so at least "
                             "that many took part.")) + "</p>",
            _heading(2, _("The latest Forum: {forum}").format(forum=latest.forum)) + figures({
                _("Participants"): events.recorded(latest.participants),
                _("States represented"): events.recorded(latest.states_represented),
                _("States named in the sources"): events.recorded(latest.states_named),
                _("Senior level (named)"): events.recorded(latest.senior_named)}),
            _heading(2, _("Year over year"))]
    if gaps := forums.gaps(found):
        body.append(markdown(gaps))
    for measure, title in forums.FIGURES.items():
        body.append(figure(charts.template(charts.forum_figure(_(title))),
                           found[["forum"]].assign(value=found[measure])))
    by_group = events.forum_states_by_group(con).merge(found[["event_id", "forum"]], on="event_id")
    body.append(site.chart(charts.template(charts.forum_states_by_group()), by_group[["forum", "group", "states"]],
                           "data/cti_forum_states_by_regional_group.csv", forums.states_by_group(by_group)))
    body.append(_heading(3, _("By gender and by online or in person")))
    for column, word in (("gender", N_("gender")), ("mode", N_("online or in-person attendance"))):
        people = events.forum_people_by(con, column)
        wide, not_recorded = forums.people_by(people, found) if not people.empty else (None, None)
        body.append(f"<p>{inline(forums.people_by_heading(word, not_recorded))}</p>")
        if wide is None:
            continue
        if people.illustrative.any():
            body.append('<p class="warning">' + escape(_("The figures by {word} include illustrative sample data, not "
                                                         "real records.").format(word=_(word))) + "</p>")
        body.append(table(wide, _("People counted by {word}").format(word=_(word))))
    site.csv("data/cti_forums.csv", found.drop(columns=["note"]))
    body.append(_heading(2, _("The Forums' figures as a table")) + table(forums.figures(found), _("The Forums"))
                + download("data/cti_forums.csv"))
    site.page("forum.html", _("Annual Forum"), "\n".join(body))


def reach_page(site: Site, con: duckdb.DuckDBPyConnection, as_of: date, states: dict[str, str]) -> None:
    found = reach.reach(con, "UNCAT", as_of)
    body = ["<p>" + escape(_("A State counts here once a source names it at a CTI event (as host, speaker or "
                             "participant). Sources name only some of those present, so these are floors. Taking "
                             "part is engagement: it is not offered as the cause of any State's decision to join the "
                             "Convention.")) + "</p>",
            figures({_("States named at a CTI event"): _("{parties} of {total}").format(
                         parties=number(len(found.taking_part)), total=number(len(found.states))),
                     _("Not party when they first took part"): number(len(found.not_party_then)),
                     _("Of them, party since"): number(len(found.joined_since)),
                     _("Not yet party to UNCAT today"): number(len(found.not_party)),
                     _("Of them, named at a CTI event"): number(len(found.reached_not_party))})]
    first, last = events.event_years(con) or (as_of.year, as_of.year)
    over_time = events.reached_by_year(con, first, last)
    body.append(site.chart(charts.template(charts.reached_over_time()), over_time,
                           "data/cti_states_reached_by_year.csv",
                           over_time.rename(columns={"year": N_("Year"), "new": N_("Named for the first time"),
                                                     "reached": N_("Named so far")})))
    by_group = events.reach_by_group(con, "un_regional_group", as_of)
    body.append(site.chart(charts.template(charts.reach_by_group(status.grouping_name("un_regional_group"))), by_group,
                           "data/cti_reach_by_un_regional_group.csv",
                           reach.by_group_shown(by_group)))
    everyone, reached = found.states, found.reached
    body.append(figure(geo.map_template("UNCAT", tuple(everyone.iso_numeric), 900, counted(
                           int(reached.sum()), "The {n} State named at a CTI event, by UNCAT status",
                           "The {n} States named at a CTI event, by UNCAT status")),
                       geo.with_markers(everyone.assign(selected=reached)),
                       {charts.LEGEND_LABELS: charts.legend_labels(everyone[reached].status.value_counts().to_dict())}))
    body.append('<p class="note">' + escape(_("States grey on the map are not named at any CTI event in the sources. "
                                              "Small States are circles.")) + "</p>")
    not_party = reach.not_party_engagement(found)
    site.csv("data/uncat_not_yet_party_cti_events.csv", not_party)
    body.append(_heading(2, _("The States not yet party")) + table(not_party, states=states)
                + download("data/uncat_not_yet_party_cti_events.csv"))
    body.append(_heading(2, _("States that joined after taking part"))
                + f"<p>{inline(reach.joined_after_words(found))}</p>\n"
                + table(reach.joined_after_taking_part(found), states=states))
    advice_years = advice.advice_per_year(con, 1984, as_of.year)
    body.append(_heading(2, _("Technical advice")) + f"<p>{inline(advice.in_confidence('the edition'))}</p>")
    if advice_years.empty:
        body.append("<p>" + escape(_(advice.NONE_RECORDED)) + "</p>")
    else:
        if advice_years.illustrative.any():
            body.append('<p class="warning">' + escape(_(advice.ILLUSTRATIVE)) + "</p>")
        body.append(table(advice.shown_per_year(advice_years), _("Requests for technical advice per year")))
    site.page("reach.html", _("Reach"), "\n".join(body))


def about(site: Site, con: duckdb.DuckDBPyConnection) -> None:
    checked, _source, _note = provenance.data_as_of(con, "treaty_actions")
    body = [markdown(_(sources.ABOUT_THE_CTI)),
            "<p>" + escape(_("It is the Friends' edition of the dashboard: the public view, drawn in advance as pages "
                             "that need no server and no script, for reading offline, on a phone or on a slow line."))
            + "</p>",
            _heading(2, _("How treaty status is computed")) + markdown(_(sources.HOW_STATUS_IS_COMPUTED)),
            _heading(2, _("Sources of every data file"))
            + table(sources.files(provenance.datasets(con), public=True), _("The data files and their sources"))]
    if checked:
        uncat, opcat = (status.status_counts(con, t, checked).parties.iloc[0] for t in ("UNCAT", "OPCAT"))
        body.append(markdown(_(sources.TREATY_DATA_CONFIRMED).format(date=describe(checked), uncat=uncat,
                                                                     opcat=opcat)))
    body.append(markdown(_(sources.MAP_BOUNDARIES)))
    unconfirmed = sources.unconfirmed(provenance.unconfirmed_dates(con))
    body.append(_heading(2, _("Dates that the sources do not fully confirm")))
    if unconfirmed.empty:
        body.append("<p>" + escape(_(sources.EVERY_DATE_CONFIRMED)) + "</p>")
    else:
        site.csv("data/unconfirmed_dates.csv", unconfirmed)
        body.append(table(unconfirmed, _("Treaty actions whose date is not confirmed to the day"))
                    + download("data/unconfirmed_dates.csv"))
    body.append(_heading(2, _("Real and illustrative figures"))
                + markdown(sources.illustrative_in_words(sources.illustrative_rows(con)))
                + markdown(_(sources.KNOWN_GAPS)))
    site.page("about.html", _("About the data"), "\n".join(body))


# --- One page per State -------------------------------------------------------------------------------------

def state_pages(site: Site, con: duckdb.DuckDBPyConnection, as_of: date, built: date,
                names: dict[str, str]) -> None:
    """states.html, every State with its status, and states/ISO3.html, each State's profile, two at a time
    (vl-convert takes a tenth of a second for each time line)."""
    uncat = status.status_for_map(con, "UNCAT", as_of).set_index("iso3")
    listed = pd.DataFrame({N_("State"): list(names.values()),
                           N_("UNCAT status"): [uncat.status_word[i] for i in names],
                           N_("OPCAT status"): [uncat.other_status[i] for i in names]})
    site.csv("data/states.csv", listed.assign(ISO3=list(names)))
    every_one = counted(len(names), "The {n} State, with its status on {date}; each links to its profile: its "
                        "treaty actions with their dates and sources, its groups and peers, its CTI events.",
                        "Every one of the {n} States, with its status on {date}; each links to its profile: its "
                        "treaty actions with their dates and sources, its groups and peers, its CTI events.",
                        date=describe(as_of))
    site.page("states.html", counted(len(names), "The {n} State", "The {n} States"),
              f"<p>{escape(every_one)}</p>\n"
              + table(listed, _("Every State"), states={n: i for i, n in names.items()}) + download("data/states.csv"))
    language = i18n.current()

    def page_of(item: tuple[str, str]) -> dict:
        with i18n.using(language):  # a worker thread does not inherit the language being spoken
            cur = db.cursor(con)  # one cursor for each thread, on the public view as `con`, in the language
            try:
                profile = _profile(cur, *item, as_of, built)
            finally:
                cur.close()
            return {**profile, "timeline": figure(*profile["timeline"]) if profile["timeline"] else ""}

    with ThreadPoolExecutor(max_workers=2) as pool:  # DuckDB and vl-convert let go of Python's lock
        drawn = list(pool.map(page_of, names.items()))
    for profile in drawn:
        iso3 = profile["iso3"]
        site.csv(f"states/{iso3}.csv", profile["csv"])
        body = profile["body"].replace("<!--timeline-->", profile["timeline"])
        site.page(f"states/{iso3}.html", profile["name"], body + download(f"{iso3}.csv", _("This profile as CSV")))


@cache
def _timeline(kinds: tuple[str, ...], language: str) -> dict:
    """The time line's template for the kinds of record a State has, in `language` (its titles and legend)."""
    with i18n.using(language):
        return charts.template(charts.profile_timeline(profiles.TIMELINE_LANES, kinds))


def _profile(con: duckdb.DuckDBPyConnection, iso3: str, name: str, as_of: date, built: date) -> dict:
    """One State's page without its time line (drawn later, in parallel): its body, its CSV, the time line's
    specification and data. On a status date before the build day, where it stands on that day beside it."""
    statuses = profiles.status_of(con, iso3, as_of)
    body = [_heading(2, _("UNCAT and OPCAT"))]
    body += ["<p>" + inline(_("**{treaty}** on {date}: {status}").format(
                 treaty=row["treaty"], date=describe(as_of), status=markdown_escape(profiles.status_sentence(row))))
             + "</p>" for _row, row in statuses.iterrows()]
    if as_of != built:
        body.append("<p>" + escape(_("On {date}: {statuses}").format(date=describe(built), statuses=" ".join(
            f"{row['treaty']}: {profiles.status_sentence(row)}"
            for _row, row in profiles.status_of(con, iso3, built).iterrows()))) + "</p>")
    actions = profiles.actions_of(con, iso3)
    if actions.empty:
        body.append("<p>" + escape(_("No treaty action of UNCAT or OPCAT is recorded for this State.")) + "</p>")
    else:
        body.append("<p>" + escape(_("Every treaty action on record, with its date as precisely as the sources give "
                                     "it (the date of deposit), and its source:")) + "</p>\n"
                    + table(profiles.actions_shown(actions), _("Treaty actions"), markdown=("Source",)))
    body.append(_heading(2, _("Groups and peers")))
    groups = profiles.groups_of(con, iso3, as_of)
    body.append("<p>" + escape(_("It belongs to no group of the data on the chosen date.")) + "</p>" if groups.empty
                else table(profiles.groups_shown(groups), _("Groups")))
    peers = profiles.peers_sentences(profiles.peers_of(con, iso3, as_of), name, as_of)
    body += [f"<p>{escape(sentence)}</p>" for sentence in peers]
    found = profiles.events_of(con, iso3)
    lines = profiles.engagement(found, name)
    body.append(_heading(2, _("Engagement with the CTI")) + f"<p>{inline(lines[0])}</p>"
                + ("<ul>" + "".join(f"<li>{inline(line)}</li>" for line in lines[1:]) + "</ul>" if lines[1:] else "")
                + '<p class="note">' + escape(_(profiles.ENGAGEMENT_NOTE)) + "</p>")
    record = profiles.record(actions, found)
    timeline = None
    if not record.empty:
        timeline = (_timeline(tuple(record.Kind.unique()), i18n.current()), profiles.timeline(record))
        body.append(_heading(2, _("On a time line")) + "<!--timeline-->")
    return {"iso3": iso3, "name": name, "body": "\n".join(body), "timeline": timeline,
            "csv": profiles.profile_csv(statuses, groups, peers, record, as_of)}
