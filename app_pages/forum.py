"""The Annual Forum, where the Group of Friends reviews progress: year over year, and one Forum in detail."""

import streamlit as st

from mande import charts, events, forums, ui
from mande.i18n import _
from mande.tables import escape

st.title(_("Annual Forum"))
found = ui.query(forums.year_by_year)
if found.empty:
    st.info(_("There is no Annual Forum in the data yet."))
    st.stop()
st.caption(_("Each Forum's figures as its sources state them. Where a source gives no figure the page says "
             "“not recorded”, never 0. The States named are those a source names, so at least that many took "
             "part."))

latest = found.iloc[-1]
st.subheader(_("The latest Forum: {forum}").format(forum=escape(latest.forum)))
figures = st.columns(4)
figures[0].metric(_("Participants"), events.recorded(latest.participants), border=True)
figures[1].metric(_("States represented"), events.recorded(latest.states_represented), border=True)
figures[2].metric(_("States named in the sources"), events.recorded(latest.states_named), border=True)
figures[3].metric(_("Senior level (named)"), events.recorded(latest.senior_named), border=True,
                  help=_("Governments a source names as represented at senior level."))

st.header(_("Year over year"))
if gaps := forums.gaps(found):
    st.markdown(gaps)
measures = list(forums.FIGURES.items())
for row in (measures[:2], measures[2:]):
    for column, (measure, title) in zip(st.columns(2), row, strict=True):
        with column:
            ui.chart(charts.forum_figure, _(title), data=found[["forum"]].assign(value=found[measure]))

by_group = ui.query(events.forum_states_by_group).merge(found[["event_id", "forum"]], on="event_id")
ui.chart_with_data(charts.forum_states_by_group, (), by_group[["forum", "group", "states"]],
                   forums.states_by_group(by_group), "cti_forum_states_by_regional_group.csv", key="groups_csv")

st.subheader(_("By gender and by online or in person"))
for column, word in (("gender", "gender"), ("mode", "online or in-person attendance")):
    counted = ui.query(events.forum_people_by, column)
    wide, not_recorded = forums.people_by(counted, found) if not counted.empty else (None, None)
    st.markdown("- " + forums.people_by_heading(word, not_recorded))
    if wide is None:
        continue
    if counted.illustrative.any():
        st.warning(_("The figures by {word} include illustrative sample data, not real records.").format(word=_(word)))
    ui.table(wide)

with st.expander(_("The Forums' figures as a table")):
    ui.table(forums.figures(found))
    ui.download(found.drop(columns=["note"]), "cti_forums.csv", key="forums_csv")

st.header(_("A Forum in detail"))
chosen = ui.chosen_id(_("Forum"), dict(zip(found.event_id, found.forum, strict=True)), key="forum",
                      default=latest.event_id)
ui.event_detail(chosen)
