"""One event in detail: the component the Events and Annual Forum pages share."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mande import charts, event_list, events, geo, status
from mande.dates import describe, span
from mande.tables import escape, links
from mande.ui.data import query
from mande.ui.widgets import download, state_map, table


def event_detail(event_id: str) -> None:
    """One event in detail: when, where and how; who took part (a list and a small map); its sources."""
    event = query(events.event, event_id)
    if event is None:
        st.info("There is no such event in the records this view shows.")
        return
    place = event_list.place(event["city"], event["country"])
    st.subheader(escape(event["title"]))
    if event["confidential"] == "yes":
        st.warning("Confidential: the public view counts this event but never shows it.")
    how = events.FORMAT_WORDS.get(event["format"], f"format {events.NOT_RECORDED}")
    st.markdown(f"**{events.TYPE_WORDS.get(event['type'], escape(event['type']))}** · "
                f"{span(event['start_date'], event['end_date'], event['date_precision'])}"
                + (f" · {place}" if place else "") + f" · {how}")
    named = query(events.states_named, event_id)
    figures = st.columns(3)
    figures[0].metric("Participants", events.recorded(event["participants"]), border=True)
    figures[1].metric("States represented", events.recorded(event["states_represented"]), border=True,
                      help="As the source states it.")
    figures[2].metric("States named in the sources", len(named), border=True,
                      help="The States a source names as taking part: at least this many were there.")
    if isinstance(event["partners"], str):
        st.markdown(f"**Partners:** {escape(event['partners'])}")
    if isinstance(event["note"], str):
        st.caption(f"What the sources say and leave open: {escape(event['note'])}")
    st.markdown(f"**Sources:** {links(event['source'])}")

    if named.empty:
        st.info("No source names the States that took part.")
        return
    listed, drawn = st.columns(2)
    with listed:
        shown = pd.DataFrame({"State": named["name"], "UN regional group": named.un_regional_group,
                              "Role": named.role.str.capitalize(), "Level": named.level.str.capitalize()})
        table(shown)
        download(shown, f"{event_id}_states.csv", key=f"states_{event_id}")
    with drawn:
        on = event["start_date"]
        states = query(status.status_for_map, "UNCAT", on)
        at_event = states.iso3.isin(named.iso3)
        state_map(geo.map_template, "UNCAT", tuple(states.iso_numeric), None,
                  f"The {len(named)} States named, by UNCAT status on {describe(on, event['date_precision'])}",
                  data=geo.with_markers(states.assign(selected=at_event)),
                  params={charts.LEGEND_LABELS: charts.legend_labels(states[at_event].status.value_counts().to_dict())},
                  key=f"map_pick_{event_id}")
    recorded = query(events.participants_recorded, event_id)
    st.markdown("**Participants as recorded** (entries are groups of participants; people where counted)")
    if recorded.illustrative.any():
        st.warning("Some of these entries are illustrative sample data, not real records.")
    table(pd.DataFrame({
        "Type": recorded.participant_type.str.replace("_", " ").str.capitalize(),
        "Level": recorded.level.str.capitalize(), "Gender": recorded.gender.str.capitalize(),
        "Mode": recorded["mode"].map(lambda m: events.FORMAT_WORDS.get(m, m)),
        "Entries": recorded.entries, "People": recorded.people.map(events.recorded),
        "Illustrative": recorded.illustrative.map({True: "yes (sample data)", False: "no"}),
    }))
