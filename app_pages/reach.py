"""Reach: which States have taken part in CTI events, over time and by group, and those not yet party."""

from datetime import date

import streamlit as st

from mande import advice, charts, events, geo, reach, status, ui
from mande.i18n import N_, _, number
from mande.words import counted

TODAY = date.today()

st.title(_("Reach"))
st.caption(_("A State counts here once a source names it at a CTI event (as host, speaker or participant). "
             "Sources name only some of those present, so these are floors. Taking part is engagement: it is not "
             "offered as the cause of any State's decision to join the Convention."))

found = ui.query(reach.reach, "UNCAT", TODAY)
first_time = _("Not party when they first took part")
ui.figures({_("States named at a CTI event"): _("{parties} of {total}").format(parties=number(len(found.taking_part)),
                                                                            total=number(len(found.states))),
            first_time: len(found.not_party_then),
            _("Of them, party since"): len(found.joined_since)},
           helps={first_time: _("Not party to UNCAT on the day of their first CTI event on record.")})
ui.figures({_("Not yet party to UNCAT today"): len(found.not_party),
            _("Of them, named at a CTI event"): len(found.reached_not_party),
            _("Of them, not in the records"): len(found.not_party) - len(found.reached_not_party)})

first, last = ui.query(events.event_years) or (TODAY.year, TODAY.year)
over_time = ui.query(events.reached_by_year, first, last)
ui.chart_with_data(charts.reached_over_time, (), over_time,
                   over_time.rename(columns={"year": N_("Year"), "new": N_("Named for the first time"),
                                             "reached": N_("Named so far")}),
                   "cti_states_reached_by_year.csv", key="over_time_csv")

grouping = ui.grouping_input()
by_group = ui.query(events.reach_by_group, grouping, TODAY)
ui.chart_with_data(charts.reach_by_group, (status.grouping_name(grouping),), by_group,
                   reach.by_group_shown(by_group),
                   f"cti_reach_by_{grouping}.csv", key="groups_csv")

states, reached = found.states, found.reached
ui.chart(geo.map_template, "UNCAT", tuple(states.iso_numeric), None,
         counted(int(reached.sum()), "The {n} State named at a CTI event, by UNCAT status today",
                 "The {n} States named at a CTI event, by UNCAT status today"),
         data=geo.with_markers(states.assign(selected=reached)),
         params={charts.LEGEND_LABELS: charts.legend_labels(states[reached].status.value_counts().to_dict())})
st.caption(_("States grey on the map are not named at any CTI event in the sources. Small States are circles."))

st.header(_("The States not yet party"))
not_party = reach.not_party_engagement(found)
ui.table(not_party)
ui.download(not_party, "uncat_not_yet_party_cti_events.csv", key="not_party_csv")

st.header(_("States that joined after taking part"))
st.markdown(reach.joined_after_words(found))
ui.table(reach.joined_after_taking_part(found))

st.header(_("Technical advice"))
advice_years = ui.query(advice.advice_per_year, 1984, TODAY.year)
st.markdown(advice.in_confidence("the dashboard"))
if advice_years.empty:
    st.markdown(_(advice.NONE_RECORDED))
else:
    if advice_years.illustrative.any():
        st.warning(_(advice.ILLUSTRATIVE))
    ui.table(advice.shown_per_year(advice_years))
    if ui.secretariat_user():  # the Secretariat's view: the requests themselves
        with st.expander(_("The requests, with their States (Secretariat's view only)")):
            ui.table(ui.query(advice.requests_with_states))
