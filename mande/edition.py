"""The Friends' edition: the public view as a static site, every chart drawn in advance, that works offline, from
a folder or a ZIP, on any web host and any phone.

Built only from a public cursor (db.connect's default audience): what it can read is all the public may see.
The same data, status date and build date give the same files, byte for byte.
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
    confidential,
    db,
    event_list,
    events,
    forums,
    geo,
    pace,
    profiles,
    provenance,
    reach,
    results,
    sources,
    status,
)
from mande.dates import describe, describe_each
from mande.site import STYLE_SHEET, Site, download, figure, figures, inline, markdown, table
from mande.tables import links

SCORECARD_WIDTH = 860  # room for the indicators' names and three years of cells


def build(con: duckdb.DuckDBPyConnection, as_of: date, built: date,
          progress: Callable[[str, float], None] | None = None) -> dict[str, bytes]:
    """Every file of the edition (path -> bytes) from the public cursor `con`: the pages, their CSV files and the
    style sheet. `progress(step, done)` hears of each step before it starts (done: the share of the work done)."""
    db.require_public(con)
    checked, _, _ = provenance.data_as_of(con)  # its source is on the About page
    site = Site(describe(as_of), describe(checked) if checked else "no date recorded", describe(built))
    site.files["edition.css"] = STYLE_SHEET.read_bytes()
    names = profiles.state_names(con)
    states = profiles.iso3_by_name(con)
    steps = [  # (what, its share of the time: the States' pages take most)
        ("The Overview", 0.05, lambda: overview(site, con, as_of, states)),
        ("The maps", 0.1, lambda: [ratification_map(site, con, t, as_of, states) for t in ("UNCAT", "OPCAT")]),
        ("The results", 0.05, lambda: results_page(site, con, built)),
        ("The events, the Forum and the reach", 0.05,
         lambda: (events_page(site, con), forum_page(site, con), reach_page(site, con, as_of, states))),
        ("The sources", 0.05, lambda: about(site, con)),
        (f"The {len(names)} States' pages", 0.7, lambda: state_pages(site, con, as_of, built, names)),
    ]
    done = 0.0
    for step, share, run in steps:
        if progress:
            progress(step, done)
        run()
        done += share
    return dict(sorted(site.files.items()))


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

def overview(site: Site, con: duckdb.DuckDBPyConnection, as_of: date, states: dict[str, str]) -> None:
    total, launch = status.state_count(con), status.cti_launch(con)
    body = []
    for treaty, name in status.TREATY_NAMES.items():
        counts = status.status_counts(con, treaty, as_of).iloc[0]
        since = ""
        if launch and launch <= as_of:
            since = f" ({counts.parties - status.status_counts(con, treaty, launch).parties.iloc[0]:+d} since " \
                    f"{launch:%b %Y})"
        body.append(f"<h2>{name}</h2>\n" + figures({
            "States parties": f"{counts.parties} of {total}{since}", "Signatories": counts.signatories,
            "No action": counts.no_action, "Still to join": total - counts.parties}))
    body.append(f'<p class="note">Signatories have signed but are not yet party; no action: neither signed nor '
                f"party; still to join: the gap to universal ratification, {total} States less the parties.</p>")
    history = status.parties_by_year(con, "UNCAT", 1985, as_of.year)
    body.append("<h2>Towards universal ratification of UNCAT</h2>\n" + site.chart(
        charts.template(charts.parties_over_time("UNCAT", total, launch)), history, "data/uncat_parties_by_year.csv",
        history.rename(columns=status.PARTIES_BY_YEAR_WORDS)))
    recent = status.recent_parties(con, "UNCAT", as_of, 10)
    recent_table = pd.DataFrame({
        "State": recent["name"],
        "Became party": describe_each(recent.consent_date, recent.consent_precision, recent.consent_earliest),
        "By": recent["consent_type"].map(status.ACTION_WORDS)})
    site.csv("data/uncat_recent_parties.csv", recent_table)
    body.append("<h3>The States that joined most recently</h3>\n"
                + table(recent_table, states=states) + download("data/uncat_recent_parties.csv"))
    found = status.status_for_map(con, "UNCAT", as_of)
    not_party = found[found.status != "party"]
    regions = status.group_of_each_state(con, "un_regional_group", as_of)
    sids = status.group_of_each_state(con, "sids_region", as_of)
    gap = pd.DataFrame({
        "State": not_party["name"], "Status": not_party.status_word, "Signed": not_party.signed,
        "UN regional group": not_party["iso3"].map(regions).fillna("none"),
        "Small Island Developing State": not_party["iso3"].map(sids).map(lambda r: f"yes ({r})", na_action="ignore")
        .fillna("no")})
    site.csv("data/uncat_not_yet_party.csv", gap)
    in_sids = int((gap["Small Island Developing State"] != "no").sum())
    body.append(f"<h3>The {len(not_party)} States not yet party to UNCAT</h3>\n"
                f"<p>{in_sids} of them are Small Island Developing States.</p>\n"
                + table(gap, states=states) + download("data/uncat_not_yet_party.csv"))
    body.append('<p class="note">Status counts by date of deposit of the instrument with the UN Secretary-General '
                '(not entry into force). Sources: see <a href="about.html">About the data</a>.</p>')
    site.page("index.html", "Where the world stands on UNCAT", "\n".join(body))


def ratification_map(site: Site, con: duckdb.DuckDBPyConnection, treaty: str, as_of: date,
                     states: dict[str, str]) -> None:
    """map.html for UNCAT, map-opcat.html for OPCAT: the map, the status of every State, by group, over time."""
    path = "map.html" if treaty == "UNCAT" else f"map-{treaty.lower()}.html"
    other = "OPCAT" if treaty == "UNCAT" else "UNCAT"
    found = status.status_for_map(con, treaty, as_of)
    counts = found.status.value_counts().to_dict()
    other_path = "map.html" if other == "UNCAT" else f"map-{other.lower()}.html"
    body = [f'<p>This map: <strong>{treaty}</strong>. Also: <a href="{other_path}">the {other} map</a>.</p>',
            figures({"States parties": f"{counts.get('party', 0)} of {len(found)}",
                     "Signatories": counts.get("signatory", 0), "No action": counts.get("no action", 0)})]
    spec = geo.map_template(treaty, tuple(found.iso_numeric), width=900)
    shown = found.drop(columns=["iso_numeric", "status"]).rename(columns={
        "iso3": "ISO3", "name": "State", "status_word": f"{treaty} status", "signed": "Signed",
        "became_party": "Became party", "by": "By", "other_status": f"{other} status"})
    body.append(site.chart(spec, geo.with_markers(found.assign(selected=True)),
                           f"data/{treaty.lower()}_status_{as_of.isoformat()}.csv",
                           shown[["State", f"{treaty} status", "Signed", "Became party", "By", f"{other} status",
                                  "ISO3"]],
                           params={charts.LEGEND_LABELS: charts.legend_labels(counts)}))
    body.append('<p class="note">Hover over a State for its name and status. States too small to see at this scale '
                "are drawn as circles. Boundaries: Natural Earth; they imply no endorsement or acceptance by the CTI "
                "or the United Nations.</p>")
    group_counts = status.status_counts(con, treaty, as_of, "un_regional_group")
    body.append("<h2>By UN regional group</h2>\n" + site.chart(
        charts.template(charts.status_by_group(treaty)), group_counts,
        f"data/{treaty.lower()}_by_un_regional_group.csv"))
    not_party = found[found.status != "party"]
    not_party_table = pd.DataFrame({"State": not_party["name"], "Status": not_party.status_word,
                                    "Signed": not_party.signed})
    site.csv(f"data/{treaty.lower()}_not_yet_party.csv", not_party_table)
    body.append(f"<h2>Not yet party: {len(not_party)}</h2>\n" + table(not_party_table, states=states)
                + download(f"data/{treaty.lower()}_not_yet_party.csv"))
    history = status.parties_by_year(con, treaty, 1985, as_of.year)
    body.append("<h2>How it got there</h2>\n" + site.chart(
        charts.template(charts.parties_over_time(treaty, len(found), status.cti_launch(con))), history,
        f"data/{treaty.lower()}_parties_by_year.csv", history.rename(columns=status.PARTIES_BY_YEAR_WORDS)))
    recent = pace.pace(as_of, counts.get("party", 0),
                       status.parties_count(con, treaty, pace.window_start(as_of, pace.WINDOW_YEARS)),
                       len(found), pace.WINDOW_YEARS, pace.TARGET_YEAR)
    body.append("<h3>The pace of ratification</h3>\n"
                + markdown(pace.in_words(recent, as_of, treaty, f"the {len(found)} States", len(found))))
    site.page(path, f"Ratification map: {treaty}", "\n".join(body))


def results_page(site: Site, con: duckdb.DuckDBPyConnection, built: date) -> None:
    periods = results.periods(con)
    if not periods:
        site.page("results.html", "Results against targets", "<p>The results framework is empty.</p>")
        return
    period = periods[0]
    found = results.results(con, period[0], period[1], built)
    found = found[(found.period_start == period[0]) & (found.period_end == period[1])]
    cells = results.scorecard_cells(found)
    body = [figures(results.status_summary(found)),
            f"<p>{len(found)} figures: each indicator in each year of {period[0]}–{period[1]}, judged on "
            f"{describe(built)}. Derived figures are counted from the records (treaty actions, events, participation, "
            "advice), so an event the records lack is not counted; manual figures come from the Secretariat with "
            "their evidence. A dashed border and the word <em>illustrative</em> mark sample figures that stand in "
            "for missing records.</p>"]
    names = dict(zip(found.result_id, found.result, strict=False))
    scorecard = {**charts.template(charts.scorecard()), "width": SCORECARD_WIDTH}
    columns = ["label", "year", "figure", "status", "shown_status", "illustrative", "why"]
    for result_id, rows in cells.groupby("result_id", sort=False):
        heading = f"Result {result_id.removeprefix('R')}: {names[result_id]}"
        body.append(f"<h2>{escape(heading)}</h2>\n"
                    + figure(scorecard, rows[columns], title=f"{heading}, year by year"))
    evidence = pd.DataFrame({"Indicator": found.indicator_id, "Year": found.year.astype(str),
                             "Figure / target": cells.figure, "Status": cells.shown_status, "Why": found.why,
                             "Evidence": found.evidence.map(links)})
    site.csv(f"data/cti_results_{period[0]}_{period[1]}.csv", found.drop(columns=["why"]).assign(explanation=found.why))
    body.append("<h2>The figures as a table, with their evidence</h2>\n"
                + table(evidence, "Every figure with its status and evidence", markdown=("Evidence",))
                + download(f"data/cti_results_{period[0]}_{period[1]}.csv"))
    site.page("results.html", "Results against targets", "\n".join(body))


def events_page(site: Site, con: duckdb.DuckDBPyConnection) -> None:
    first, last = events.event_years(con) or (2014, 2014)
    found = events.events_matching(con, (), (first, last), (), ())
    hidden = events.confidential_per_year(con, (first, last))
    body = ["<p>The CTI events found in the CTI's own news pages and other public sources, each with its source. An "
            "event the sources do not mention is not here, so every count on this page is a floor.</p>",
            f"<p><strong>{len(found)} events</strong> from {first} to {last}."
            + (" Confidential events as well, which the public view counts by year but does not list: "
               f"{escape(confidential.shown_per_year(hidden, 'events'))}." if len(hidden) else "") + "</p>"]
    if not found.empty:
        grid = event_list.by_type_and_year(found)
        body.append(site.chart(charts.template(charts.events_by_type_and_year()), grid,
                               "data/cti_events_by_type_and_year.csv",
                               grid.rename(columns={"year": "Year", "type": "Type", "events": "Events"})))
        site.csv("data/cti_events.csv", found.drop(columns=["note", "confidential"]))
        body.append(f"<h2>The {len(found)} events, with their sources</h2>\n"
                    + table(event_list.listed(found), "The events", markdown=event_list.MARKDOWN)
                    + download("data/cti_events.csv"))
    site.page("events.html", "Events", "\n".join(body))


def forum_page(site: Site, con: duckdb.DuckDBPyConnection) -> None:
    found = forums.year_by_year(con)
    if found.empty:
        site.page("forum.html", "Annual Forum", "<p>There is no Annual Forum in the data yet.</p>")
        return
    latest = found.iloc[-1]
    body = ["<p>Each Forum's figures as its sources state them. Where a source gives no figure the page says “not "
            "recorded”, never 0. The States named are those a source names, so at least that many took part.</p>",
            f"<h2>The latest Forum: {escape(latest.forum)}</h2>\n" + figures({
                "Participants": events.recorded(latest.participants),
                "States represented": events.recorded(latest.states_represented),
                "States named in the sources": events.recorded(latest.states_named),
                "Senior level (named)": events.recorded(latest.senior_named)}),
            "<h2>Year over year</h2>"]
    if gaps := forums.gaps(found):
        body.append(markdown(gaps))
    for measure, title in forums.FIGURES.items():
        body.append(figure(charts.template(charts.forum_figure(title)), found[["forum"]].assign(value=found[measure])))
    by_group = events.forum_states_by_group(con).merge(found[["event_id", "forum"]], on="event_id")
    body.append(site.chart(charts.template(charts.forum_states_by_group()), by_group[["forum", "group", "states"]],
                           "data/cti_forum_states_by_regional_group.csv", forums.states_by_group(by_group)))
    body.append("<h3>By gender and by online or in person</h3>")
    for column, word in (("gender", "gender"), ("mode", "online or in-person attendance")):
        counted = events.forum_people_by(con, column)
        wide, not_recorded = forums.people_by(counted, found) if not counted.empty else (None, None)
        body.append(f"<p>{inline(forums.people_by_heading(word, not_recorded))}</p>")
        if wide is None:
            continue
        if counted.illustrative.any():
            body.append(f'<p class="warning">The figures by {word} include illustrative sample data, not real '
                        "records.</p>")
        body.append(table(wide, f"People counted by {word}"))
    site.csv("data/cti_forums.csv", found.drop(columns=["note"]))
    body.append("<h2>The Forums' figures as a table</h2>\n" + table(forums.figures(found), "The Forums")
                + download("data/cti_forums.csv"))
    site.page("forum.html", "Annual Forum", "\n".join(body))


def reach_page(site: Site, con: duckdb.DuckDBPyConnection, as_of: date, states: dict[str, str]) -> None:
    found = reach.reach(con, "UNCAT", as_of)
    body = ["<p>A State counts here once a source names it at a CTI event (as host, speaker or participant). Sources "
            "name only some of those present, so these are floors. Taking part is engagement: it is not offered as "
            "the cause of any State's decision to join the Convention.</p>",
            figures({"States named at a CTI event": f"{len(found.taking_part)} of {len(found.states)}",
                     "Not party when they first took part": len(found.not_party_then),
                     "Of them, party since": len(found.joined_since),
                     "Not yet party to UNCAT": len(found.not_party),
                     "Of them, named at a CTI event": len(found.reached_not_party)})]
    first, last = events.event_years(con) or (as_of.year, as_of.year)
    over_time = events.reached_by_year(con, first, last)
    body.append(site.chart(charts.template(charts.reached_over_time()), over_time,
                           "data/cti_states_reached_by_year.csv",
                           over_time.rename(columns={"year": "Year", "new": "Named for the first time",
                                                     "reached": "Named so far"})))
    by_group = events.reach_by_group(con, "un_regional_group", as_of)
    body.append(site.chart(charts.template(charts.reach_by_group(status.grouping_name("un_regional_group"))), by_group,
                           "data/cti_reach_by_un_regional_group.csv",
                           by_group.rename(columns={"group": "Group", "states": "States",
                                                    "reached": "Named at a CTI event"})))
    everyone, reached = found.states, found.reached
    body.append(figure(geo.map_template("UNCAT", tuple(everyone.iso_numeric), 900,
                                        f"The {reached.sum()} States named at a CTI event, by UNCAT status"),
                       geo.with_markers(everyone.assign(selected=reached)),
                       {charts.LEGEND_LABELS: charts.legend_labels(everyone[reached].status.value_counts().to_dict())}))
    body.append('<p class="note">States grey on the map are not named at any CTI event in the sources. Small States '
                "are circles.</p>")
    not_party = reach.not_party_engagement(found)
    site.csv("data/uncat_not_yet_party_cti_events.csv", not_party)
    body.append("<h2>The States not yet party</h2>\n" + table(not_party, states=states)
                + download("data/uncat_not_yet_party_cti_events.csv"))
    body.append(f"<h2>States that joined after taking part</h2>\n<p>{reach.joined_after_words(found)}</p>\n"
                + table(reach.joined_after_taking_part(found), states=states))
    advice_years = advice.advice_per_year(con, 1984, as_of.year)
    body.append(f"<h2>Technical advice</h2>\n<p>{advice.in_confidence('the edition')}</p>")
    if advice_years.empty:
        body.append(f"<p>{advice.NONE_RECORDED}</p>")
    else:
        if advice_years.illustrative.any():
            body.append(f'<p class="warning">{escape(advice.ILLUSTRATIVE)}</p>')
        body.append(table(advice.shown_per_year(advice_years), "Requests for technical advice per year"))
    site.page("reach.html", "Reach", "\n".join(body))


ABOUT = """
<p>The <strong>Convention against Torture Initiative (CTI)</strong> is an initiative by States, for States, that
works for the universal ratification and better implementation of the UN Convention against Torture and Other
Cruel, Inhuman or Degrading Treatment or Punishment (<strong>UNCAT</strong>, adopted in 1984). This edition shows
how far the CTI is from universal ratification and from the targets of its results framework. It counts
<strong>195 States</strong>: the 193 UN Member States, the Holy See and the State of Palestine.</p>
<p>It is the Friends' edition of the dashboard: the public view, drawn in advance as pages that need no
server and no script, for reading offline, on a phone or on a slow line.</p>
<h2>How treaty status is computed</h2>
<p>For a treaty (UNCAT, or its Optional Protocol OPCAT) and a date, each State is:</p>
<ul><li><strong>party</strong> if it deposited a ratification, accession or succession on or before that date and
has not withdrawn since, counted from the <strong>date of deposit</strong> with the UN Secretary-General, not from
the treaty's entry into force for it (30 days later);</li>
<li>else <strong>signatory</strong> if it signed on or before that date;</li><li>else <strong>no action</strong>.
</li></ul>
<p>Where a source confirms only the month or the year of an action, the date shown says so, and the action counts
from the day given by the source (or the first day of the month or year). Where only a range is known, the action
counts from the latest possible date.</p>
"""


def about(site: Site, con: duckdb.DuckDBPyConnection) -> None:
    checked, _, _ = provenance.data_as_of(con, "treaty_actions")
    body = [ABOUT, "<h2>Sources of every data file</h2>\n"
            + table(sources.files(provenance.datasets(con), public=True), "The data files and their sources")]
    if checked:
        uncat, opcat = (status.status_counts(con, t, checked).parties.iloc[0] for t in ("UNCAT", "OPCAT"))
        body.append(f"<p>Every treaty action carries its own source in the data. The treaty data is <strong>confirmed "
                    f"to {describe(checked)}</strong> against the depositary itself: the UN Treaty Collection's status "
                    f"pages (chapter IV-9 for UNCAT, IV-9-b for OPCAT), which then counted {uncat} UNCAT and {opcat} "
                    "OPCAT States parties.</p>")
    body.append("<p>The map's boundaries are Natural Earth's countries at 1:110m (public domain, through the "
                "<code>world-atlas</code> package); the States absent or smaller than 20,000 km² at that scale are "
                "drawn as circles. Boundaries and names on the map imply no endorsement or acceptance by the CTI or "
                "the United Nations.</p>")
    unconfirmed = sources.unconfirmed(provenance.unconfirmed_dates(con))
    body.append("<h2>Dates that the sources do not fully confirm</h2>")
    if unconfirmed.empty:
        body.append("<p>Every treaty action's date is confirmed to the day.</p>")
    else:
        site.csv("data/unconfirmed_dates.csv", unconfirmed)
        body.append(table(unconfirmed, "Treaty actions whose date is not confirmed to the day")
                    + download("data/unconfirmed_dates.csv"))
    body.append("<h2>Real and illustrative figures</h2>\n"
                + markdown(sources.illustrative_in_words(sources.illustrative_rows(con))))
    site.page("about.html", "About the data", "\n".join(body))


# --- One page per State -------------------------------------------------------------------------------------

def state_pages(site: Site, con: duckdb.DuckDBPyConnection, as_of: date, built: date,
                names: dict[str, str]) -> None:
    """states.html, every State with its status, and states/ISO3.html, each State's profile, two at a time
    (vl-convert takes a tenth of a second for each time line)."""
    uncat = status.status_for_map(con, "UNCAT", as_of).set_index("iso3")
    listed = pd.DataFrame({"State": list(names.values()),
                           "UNCAT status": [uncat.status_word[i] for i in names],
                           "OPCAT status": [uncat.other_status[i] for i in names]})
    site.csv("data/states.csv", listed.assign(ISO3=list(names)))
    site.page("states.html", "The 195 States",
              f"<p>Every one of the {len(names)} States, with its status on {describe(as_of)}; each links to its "
              "profile: its treaty actions with their dates and sources, its groups and peers, its CTI events.</p>\n"
              + table(listed, "Every State", states={n: i for i, n in names.items()}) + download("data/states.csv"))
    def page_of(item: tuple[str, str]) -> dict:
        cur = db.cursor(con)  # one cursor for each thread, on the public view as `con`
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
        site.page(f"states/{iso3}.html", profile["name"], body + download(f"{iso3}.csv", "This profile as CSV"))


@cache
def _timeline(kinds: tuple[str, ...]) -> dict:
    return charts.template(charts.profile_timeline(profiles.TIMELINE_LANES, kinds))


def _profile(con: duckdb.DuckDBPyConnection, iso3: str, name: str, as_of: date, built: date) -> dict:
    """One State's page without its time line (drawn later, in parallel): its body, its CSV, the time line's
    specification and data. On a status date before the build day, where it stands on that day beside it."""
    statuses = profiles.status_of(con, iso3, as_of)
    body = ["<h2>UNCAT and OPCAT</h2>"]
    body += [f"<p><strong>{row['treaty']}</strong> on {describe(as_of)}: {escape(profiles.status_sentence(row))}</p>"
             for _, row in statuses.iterrows()]
    if as_of != built:
        body.append(f"<p>On {describe(built)}: " + " ".join(
            f"{row['treaty']}: {escape(profiles.status_sentence(row))}"
            for _, row in profiles.status_of(con, iso3, built).iterrows()) + "</p>")
    actions = profiles.actions_of(con, iso3)
    if actions.empty:
        body.append("<p>No treaty action of UNCAT or OPCAT is recorded for this State.</p>")
    else:
        body.append("<p>Every treaty action on record, with its date as precisely as the sources give it (the date "
                    "of deposit), and its source:</p>\n"
                    + table(profiles.actions_shown(actions), "Treaty actions", markdown=("Source",)))
    body.append("<h2>Groups and peers</h2>")
    groups = profiles.groups_of(con, iso3, as_of)
    body.append("<p>It belongs to no group of the data on the chosen date.</p>" if groups.empty
                else table(profiles.groups_shown(groups), "Groups"))
    peers = profiles.peers_sentences(profiles.peers_of(con, iso3, as_of), name, as_of)
    body += [f"<p>{escape(sentence)}</p>" for sentence in peers]
    found = profiles.events_of(con, iso3)
    lines = profiles.engagement(found, name)
    body.append("<h2>Engagement with the CTI</h2>\n" + f"<p>{inline(lines[0])}</p>"
                + ("<ul>" + "".join(f"<li>{inline(line)}</li>" for line in lines[1:]) + "</ul>" if lines[1:] else "")
                + '<p class="note">Sources name only some of those present at an event, so this record is a floor. '
                  "Taking part is engagement: it is not offered as the cause of any decision of the State.</p>")
    record = profiles.record(actions, found)
    timeline = None
    if not record.empty:
        timeline = (_timeline(tuple(record.Kind.unique())), profiles.timeline(record))
        body.append("<h2>On a time line</h2>\n<!--timeline-->")
    return {"iso3": iso3, "name": name, "body": "\n".join(body), "timeline": timeline,
            "csv": profiles.profile_csv(statuses, groups, peers, record, as_of)}
