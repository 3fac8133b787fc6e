"""One event in detail: the component the Events and Annual Forum pages share."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mande import charts, event_list, events, geo, status
from mande.dates import describe, span
from mande.i18n import N_, _
from mande.names import group_name
from mande.tables import escape, links
from mande.ui.data import query
from mande.ui.widgets import download, state_map, table
from mande.words import counted


def event_detail(event_id: str) -> None:
    """One event in detail: when, where and how; who took part (a list and a small map); its sources."""
    event = query(events.event, event_id)
    if event is None:
        st.info(_("There is no such event in the records this view shows."))
        return
    place = event_list.place(event["city"], event["country"])
    st.subheader(escape(event["title"]))
    if event["confidential"] == "yes":
        st.warning(_("Confidential: the public view counts this event but never shows it."))
    how = events.FORMAT_WORDS.get(event["format"],
                                  _("format {not_recorded}").format(not_recorded=_(events.NOT_RECORDED)))
    st.markdown(f"**{events.TYPE_WORDS.get(event['type'], escape(event['type']))}** · "
                f"{span(event['start_date'], event['end_date'], event['date_precision'])}"
                + (f" · {place}" if place else "") + f" · {how}")
    named = query(events.states_named, event_id)
    figures = st.columns(3)
    figures[0].metric(_("Participants"), events.recorded(event["participants"]), border=True)
    figures[1].metric(_("States represented"), events.recorded(event["states_represented"]), border=True,
                      help=_("As the source states it."))
    figures[2].metric(_("States named in the sources"), len(named), border=True,
                      help=_("The States a source names as taking part: at least this many were there."))
    if isinstance(event["partners"], str):
        st.markdown(_("**Partners:** {partners}").format(partners=escape(event["partners"])))
    if isinstance(event["note"], str):
        st.caption(_("What the sources say and leave open: {note}").format(note=escape(event["note"])))
    st.markdown(_("**Sources:** {sources}").format(sources=links(event["source"])))

    if named.empty:
        st.info(_("No source names the States that took part."))
        return
    listed, drawn = st.columns(2)
    with listed:
        shown = pd.DataFrame({N_("State"): named["name"],
                              N_("UN regional group"): named.un_regional_group.map(group_name, na_action="ignore"),
                              N_("Role"): named.role.map(events.code_word, na_action="ignore"),
                              N_("Level"): named.level.map(events.code_word, na_action="ignore")})
        table(shown)
        download(shown, f"{event_id}_states.csv", key=f"states_{event_id}")
    with drawn:
        on = event["start_date"]
        states = query(status.status_for_map, "UNCAT", on)
        at_event = states.iso3.isin(named.iso3)
        state_map(geo.map_template, "UNCAT", tuple(states.iso_numeric), None,
                  counted(len(named), "The {n} State named, by UNCAT status on {date}",
                          "The {n} States named, by UNCAT status on {date}",
                          date=describe(on, event["date_precision"])),
                  data=geo.with_markers(states.assign(selected=at_event)),
                  params={charts.LEGEND_LABELS: charts.legend_labels(states[at_event].status.value_counts().to_dict())},
                  key=f"map_pick_{event_id}")
    recorded = query(events.participants_recorded, event_id)
    st.markdown(_("**Participants as recorded** (entries are groups of participants; people where counted)"))
    if recorded.illustrative.any():
        st.warning(_("Some of these entries are illustrative sample data, not real records."))
    table(pd.DataFrame({
        N_("Type"): recorded.participant_type.map(events.code_word, na_action="ignore"),
        N_("Level"): recorded.level.map(events.code_word, na_action="ignore"),
        N_("Gender"): recorded.gender.map(events.code_word, na_action="ignore"),
        N_("Mode"): recorded["mode"].map(lambda m: events.FORMAT_WORDS.get(m, m)),
        N_("Entries"): recorded.entries, N_("People"): recorded.people.map(events.recorded),
        N_("Illustrative"): recorded.illustrative.map({True: _("yes (sample data)"), False: _("no")}),
    }))
