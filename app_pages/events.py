"""Events: what the CTI held, year by year and type by type, and each event in detail."""

import streamlit as st

from mande import charts, event_list, events, ui
from mande.i18n import N_, _
from mande.words import counted

st.title(_("Events"))
st.caption(_("The CTI events found in the CTI's own news pages and other public sources, each with its source. "
             "An event the sources do not mention is not here, so every count on this page is a floor."))

secretariat = ui.secretariat_user() is not None  # the Secretariat's view lists confidential events too, marked so
first, last = ui.query(events.event_years) or (2014, 2014)
types = st.pills(_("Type"), list(events.TYPE_WORDS), selection_mode="multi", key="type",
                 format_func=events.TYPE_WORDS.get, bind="query-params", help=_("None picked: every type."))
controls = st.columns(3)
years = controls[0].slider(_("Years"), first, max(last, first + 1), (first, last), key="years", bind="query-params")
regions = controls[1].multiselect(_("Region"), ui.query(events.event_regions), key="region",
                                  bind="query-params", placeholder=_("Every region"),
                                  help=_("The region as recorded, without its detail in brackets: Africa includes "
                                         "Africa (common law)."))
formats = controls[2].pills(_("Format"), [*events.FORMAT_WORDS, events.NOT_RECORDED], selection_mode="multi",
                            key="format", format_func=lambda f: events.FORMAT_WORDS.get(f, _(f).capitalize()),
                            bind="query-params", help=_("None picked: every format."))
filters = (tuple(types), tuple(years), tuple(regions), tuple(formats))

found = ui.query(events.events_matching, *filters)
hidden = ui.query(events.confidential_per_year, tuple(years)) if not secretariat else None
st.markdown(events.count_in_words(len(found), years, hidden))
if found.empty:
    st.info(_("No event matches these filters. Pick fewer filters, or a wider range of years."))
    st.stop()

grid = event_list.by_type_and_year(found)
ui.chart_with_data(charts.events_by_type_and_year, (), grid,
                   grid.rename(columns={"year": N_("Year"), "type": N_("Type"), "events": N_("Events")}),
                   "cti_events_by_type_and_year.csv", key="grid_csv")

with st.expander(counted(len(found), "The {n} event, with its sources", "The {n} events, with their sources"),
                 expanded=len(found) <= 15):
    ui.table(event_list.listed(found), markdown=event_list.MARKDOWN)
    ui.download(found.drop(columns=["note"] if secretariat else ["note", "confidential"]), "cti_events.csv",
                key="events_csv")

st.header(_("An event in detail"))
chosen = ui.chosen_id(_("Event"), event_list.labels(found), key="event", placeholder=_("Choose an event"))
if chosen:
    ui.event_detail(chosen)
