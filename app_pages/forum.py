"""The Annual Forum, where the Group of Friends reviews progress: year over year, and one Forum in detail."""

import pandas as pd
import streamlit as st

from mande import charts, events, ui
from mande.tables import escape

st.title("Annual Forum")
forums = ui.query(events.forums)
if forums.empty:
    st.info("There is no Annual Forum in the data yet.")
    st.stop()


def _label(year: int, city: object, kind: str) -> str:
    place = city.split(" (")[0] if isinstance(city, str) else "online"
    return f"{year} {place}" + (" (global forum)" if kind == "global_forum" else "")


forums["forum"] = [_label(*row) for row in zip(forums.year, forums.city, forums.type, strict=True)]
st.caption("Each Forum's figures as its sources state them. Where a source gives no figure the page says "
           "“not recorded”, never 0. The States named are those a source names, so at least that many took part.")

latest = forums.iloc[-1]
st.subheader(f"The latest Forum: {escape(latest.forum)}")
figures = st.columns(4)
figures[0].metric("Participants", events.recorded(latest.participants), border=True)
figures[1].metric("States represented", events.recorded(latest.states_represented), border=True)
figures[2].metric("States named in the sources", events.recorded(latest.states_named), border=True)
figures[3].metric("Senior level (named)", events.recorded(latest.senior_named), border=True,
                  help="Governments a source names as represented at senior level.")

st.header("Year over year")
annual_years = set(forums.year[forums.type == "annual_forum"])
missing = [y for y in range(forums.year.min(), forums.year.max() + 1) if y not in annual_years]
if missing:
    instead = forums[(forums.type == "global_forum") & forums.year.isin(missing)]
    st.markdown(f"No Annual Forum was found in the sources for {', '.join(map(str, missing))}"
                + "".join(f"; in {row.year} the CTI held its global forum in {escape(row.city)}"
                          for row in instead.itertuples() if isinstance(row.city, str)) + ".")
measures = {
    "participants": "Participants",
    "states_represented": "States represented",
    "states_named": "States named in the sources",
    "senior_named": "Governments at senior level (named)",
}
for row in (list(measures.items())[:2], list(measures.items())[2:]):
    for column, (measure, title) in zip(st.columns(2), row, strict=True):
        with column:
            ui.chart(charts.forum_figure, title, data=forums[["forum"]].assign(value=forums[measure]))

by_group = ui.query(events.forum_states_by_group).merge(forums[["event_id", "forum"]], on="event_id")
ui.chart_with_data(charts.forum_states_by_group, (), by_group[["forum", "group", "states"]],
                   by_group.pivot_table(index="forum", columns="group", values="states", aggfunc="sum",
                                        fill_value=0, sort=False)
                   .reset_index().rename(columns={"forum": "Forum"}),
                   "cti_forum_states_by_regional_group.csv", key="groups_csv")

st.subheader("By gender and by online or in person")
for column, word in (("gender", "gender"), ("mode", "online or in-person attendance")):
    counted = ui.query(events.forum_people_by, column).merge(forums[["event_id", "forum"]], on="event_id")
    if counted.empty:
        st.markdown(f"- **{word.capitalize()}:** not recorded for any Forum.")
        continue
    wide = counted.pivot(index="forum", columns="value", values="people").map(events.recorded).reset_index()
    gaps = [f for f in forums.forum if f not in set(wide.forum)]
    st.markdown(f"- **{word.capitalize()}** (people counted)"
                + (f"; not recorded for {', '.join(escape(g) for g in gaps)}" if gaps else "") + ":")
    if counted.illustrative.any():
        st.warning(f"The figures by {word} include illustrative sample data, not real records.")
    ui.table(wide.rename(columns={"forum": "Forum", **{v: str(v).replace("_", " ").capitalize()
                                                       for v in counted.value.unique()}}))

with st.expander("The Forums' figures as a table"):
    shown = pd.DataFrame({
        "Forum": forums.forum, "Title": forums.title,
        "Format": forums.format.map(events.FORMAT_WORDS).fillna(events.NOT_RECORDED),
        **{title: forums[measure].map(events.recorded) for measure, title in measures.items()},
    })
    ui.table(shown)
    ui.download(forums.drop(columns=["note"]), "cti_forums.csv", key="forums_csv")

st.header("A Forum in detail")
labels = dict(zip(forums.event_id, forums.forum, strict=True))
if "forum" not in st.session_state:
    asked = st.query_params.get("forum")
    st.session_state["forum"] = asked if asked in labels else latest.event_id
chosen = st.selectbox("Forum", list(labels), format_func=labels.get, key="forum")
st.query_params["forum"] = chosen
ui.event_detail(chosen)
