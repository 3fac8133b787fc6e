"""One slide of the presentation (/present) drawn: its title in the placeholder the page gives, its figures, in
type a room reads (STYLE). Every figure comes from the function the pages use; a slide asks the public view."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from mande import charts, event_list, events, forums, geo, pace, profiles, results, slides, status
from mande.dates import describe, span
from mande.i18n import _, number
from mande.tables import escape
from mande.ui.data import query
from mande.ui.widgets import chart, figures, table
from mande.words import counted

# No Streamlit chrome on a projector: no header, toolbar or sidebar; type that reads from the back of a room.
# The shortcuts of the buttons hidden here still work (Streamlit listens for them on the whole page).
STYLE = f"""<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
.st-key-page_down, .st-key-page_up, .st-key-space {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 20px 40px 0 !important; max-width: none !important; }}
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] td, [data-testid="stMain"] th,
[data-testid="stMain"] button, [data-testid="stMetricLabel"] p {{
  font-size: {slides.SMALLEST_TEXT}px !important; line-height: 1.25 !important; color: #000000; }}
[data-testid="stMain"] h1 {{ font-size: 44px !important; padding: 0 !important; line-height: 1.2 !important; }}
[data-testid="stMain"] h3 {{ font-size: 36px !important; padding: 0 !important; }}
[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricValue"] * {{
  font-size: {slides.HEADLINE}px !important; line-height: 1.1 !important; font-weight: 700; }}
[data-testid="stMain"] button kbd {{ display: none; }}
[data-testid="stMain"] button:disabled p {{ color: #595959 !important; }}  /* at the first or last slide */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
[data-testid="stMain"] li {{ margin-bottom: 4px; }}
.st-key-mande_language_selector, .st-key-mande_language_selector * {{ font-size: {slides.SMALLEST_TEXT}px !important; }}
.st-key-as_of p {{ border-top: 2px solid #000000; padding-top: 6px; }}
</style>"""


def headline(title, slide: pd.Series, today: date) -> None:
    title.title(_("Where the world stands on UNCAT"))
    total = query(status.state_count)
    for treaty, name in status.TREATY_NAMES.items():
        counts = query(status.status_counts, treaty, today).iloc[0]
        st.subheader(name)
        shown = {_("States parties"): _("{parties} of {total}").format(parties=number(counts.parties),
                                                                        total=number(total)),
                 _("Signatories"): counts.signatories, _("No action"): counts.no_action,
                 _("Still to join"): total - counts.parties}
        for column, (label, value) in zip(st.columns([1.7, 1, 1, 1]), shown.items(), strict=True):
            column.metric(label, value, border=True)  # (the first wider: "175 of 195" in headline type)


def ratification_map(title, slide: pd.Series, today: date) -> None:
    title.title(_("The ratification map"))
    states = query(status.status_for_map, "UNCAT", today)
    chart(slides.map_chart, "UNCAT", tuple(states.iso_numeric), data=geo.with_markers(states.assign(selected=True)),
          params={charts.LEGEND_LABELS: charts.legend_labels(states.status.value_counts().to_dict())}, downloads=False)


def parties_over_time(title, slide: pd.Series, today: date) -> None:
    title.title(_("Towards universal ratification of UNCAT"))
    total = query(status.state_count)
    chart_column, pace_column = st.columns([11, 9])
    with chart_column:
        chart(slides.parties_chart, "UNCAT", total, query(status.cti_launch),
              data=query(status.parties_by_year, "UNCAT", 1985, today.year), downloads=False)
    parties = query(status.parties_count, "UNCAT", today)
    recent = pace.pace(today, parties, query(status.parties_count, "UNCAT", pace.window_start(today,
                       pace.WINDOW_YEARS)), total, pace.WINDOW_YEARS, pace.TARGET_YEAR)
    states = counted(total, "the {n} State", "the {n} States")
    pace_column.markdown(pace.in_words(recent, today, "UNCAT", states, total))


def since_last_forum(title, slide: pd.Series, today: date) -> None:
    last = forums.last_before(query(forums.year_by_year), today)
    if last is None:
        title.title(_("Since the last Forum"))
        st.markdown(_("There is no earlier Annual Forum in the data."))
        return
    since = last.start_date.date()
    title.title(_("Since the last Forum, {date}").format(date=describe(since, last.date_precision)))
    actions = query(status.actions_since, since, today)
    joined = actions[actions.action != "signature"]
    held = events.held_between(query(events.events_matching, (), (since.year, today.year)), since, today)
    figures({_("Joined UNCAT"): int((joined.treaty == "UNCAT").sum()),
             _("Joined OPCAT"): int((joined.treaty == "OPCAT").sum()), _("Public CTI events"): len(held)})
    signed = actions[actions.action == "signature"]
    st.markdown("\n".join([*(_("- **Became party to {treaty}:** {states}.").format(
                                 treaty=treaty, states=slides.named(joined[joined.treaty == treaty]))
                             for treaty in status.TREATY_NAMES),
                           _("- **Signed:** {states}.").format(
                               states=slides.named(signed.assign(name=signed.name + ", " + signed.treaty))),
                           _("- **Events:** {events}.").format(events=slides.by_type(held) or _("none"))]))


def scorecard(title, slide: pd.Series, today: date) -> None:
    periods = query(results.periods)
    if not periods:
        title.title(_("Results against targets"))
        st.markdown(_("The results framework is empty."))
        return
    first, last = periods[0]
    title.title(_("Results against targets, {period}").format(period=f"{first}–{last}"))
    found = query(results.results, first, last, today)
    found = found[(found.period_start == first) & (found.period_end == last)]
    figures(results.status_summary(found))
    st.markdown("\n".join(_("- **Result {number}** ({name}): ").format(number=escape(result_id.removeprefix("R")),
                                                                        name=escape(words))
                          + ", ".join(f"{n} {group.lower()}" for group, n in summary.items() if n) + "."
                          for result_id, words, summary in slides.by_result(found)))


def year_events(title, slide: pd.Series, today: date) -> None:
    years = query(events.event_years)
    if years is None:
        title.title(_("The year's events"))
        st.markdown(_("There is no public CTI event in the data."))
        return
    year = years[1]
    found = query(events.events_matching, (), (year, year))
    title.title(_("CTI events of {year}").format(year=year))
    listed = event_list.listed(found.head(slides.EVENTS_LISTED))
    table(listed[["Dates", "Event"]], markdown=("Event",))
    more = len(found) - len(listed)
    said = (counted(len(found), "{n} public event in {year}", "{n} public events in {year}", year=year)
            if year == today.year else
            counted(len(found), "{n} public event in {year}, the latest year on record",
                    "{n} public events in {year}, the latest year on record", year=year))
    st.markdown(said + (_("; {n} more on the Events page.").format(n=number(more)) if more > 0 else "."))


def forum_years(title, slide: pd.Series, today: date) -> None:
    title.title(_("The Annual Forum, year over year"))
    found = query(forums.year_by_year)
    if found.empty:
        st.markdown(_("There is no Annual Forum in the data yet."))
        return
    for column, measure in zip(st.columns(2), ("participants", "states_represented"), strict=True):
        with column:
            chart(slides.forum_chart, _(forums.FIGURES[measure]), data=found[["forum"]].assign(value=found[measure]),
                  downloads=False)
    if gaps := forums.gaps(found):
        st.markdown(gaps)


def state(title, slide: pd.Series, today: date) -> None:
    iso3 = slide.iso3
    name = query(profiles.state_names)[iso3]
    title.title(escape(name))
    left, right = st.columns([3, 2])
    with left:
        st.markdown("\n".join(f"- **{row['treaty']}:** {profiles.status_sentence(row)}"
                              for _, row in query(profiles.status_of, iso3, today).iterrows()))
        peers = profiles.peers_sentences(query(profiles.peers_of, iso3, today), name, today)
        st.markdown("\n\n".join(escape(sentence) for sentence in peers))
    with right:
        actions = query(profiles.actions_of, iso3)
        if actions.empty:
            st.markdown(_("No treaty action of UNCAT or OPCAT is recorded for this State."))
        else:
            table(profiles.actions_shown(actions)[["Treaty", "Date", "Action"]])


def forum(title, slide: pd.Series, today: date) -> None:
    found = query(forums.year_by_year)
    chosen = found[found.event_id == slide.event_id].iloc[0]
    title.title(_("Annual Forum {forum}").format(forum=escape(chosen.forum)))
    st.markdown(f"**{escape(chosen.title)}**, {span(chosen.start_date.date(), None, chosen.date_precision)}")
    figures({_(words): events.recorded(chosen[measure]) for measure, words in forums.FIGURES.items()})


# Each kind of slide (contracts.SLIDE_KINDS), drawn: title(title placeholder, its row of slides.csv, today).
DRAW = {"headline": headline, "map": ratification_map, "parties_over_time": parties_over_time,
        "since_last_forum": since_last_forum, "results": scorecard, "events": year_events, "forums": forum_years,
        "state": state, "forum": forum}
