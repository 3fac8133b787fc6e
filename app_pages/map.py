"""Ratification map: where UNCAT and OPCAT stand, State by State and group by group, and how they got there."""

from datetime import date

import pandas as pd
import streamlit as st

from mande import charts, geo, status, ui
from mande.contracts import TREATIES
from mande.i18n import N_, _, number
from mande.pace import TARGET_YEAR, WINDOW_YEARS, in_words, pace, window_start
from mande.tables import escape
from mande.words import counted

ALL = N_("All States")
TODAY = date.today()


def _move_to_year() -> None:
    """The year slider moves the date to the end of that year (or to today, for this year)."""
    year = st.session_state["year"]
    st.session_state["as_of"] = date(year, 12, 31) if year < TODAY.year else TODAY


st.title(_("Ratification map"))
controls = st.columns([2, 3, 2], vertical_alignment="bottom")
with controls[0]:
    treaty = st.segmented_control(_("Treaty"), TREATIES, default="UNCAT", required=True, key="treaty",
                                  bind="query-params")
with controls[2]:
    as_of = ui.as_of_input(_("Precise date"))
st.session_state["year"] = as_of.year
with controls[1]:
    st.slider(_("Year"), 1985, TODAY.year, key="year", on_change=_move_to_year,
              help=_("Moves the date to the end of the year (today for this year)."))

grouping = ui.grouping_input((pick := st.columns(2))[0])
group = pick[1].selectbox(_("Group"), [ALL, *ui.query(status.groups, grouping)], key="group", bind="query-params",
                          format_func=lambda g: _(ALL) if g == ALL else status.group_label(g))

states = ui.query(status.status_for_map, treaty, as_of)
membership = ui.query(status.group_of_each_state, grouping, as_of)
chosen = states.iso3.map(membership).eq(group) if group != ALL else pd.Series(True, index=states.index)
selection = states[chosen]
counts = selection.status.value_counts().to_dict()
group_text = escape(status.group_label(group))  # a name from groups.csv, in the language where the catalog has it
where = (counted(len(selection), "the {n} State", "the {n} States") if group == ALL else
         counted(len(selection), "the {n} State in “{group}”", "the {n} States in “{group}”", group=group_text))

metrics = st.columns(3)
parties = _("{parties} of {total}").format(parties=number(counts.get("party", 0)), total=number(len(selection)))
metrics[0].metric(_("States parties"), parties, border=True)
for column, label, key in ((1, N_("Signatories"), "signatory"), (2, N_("No action"), "no action")):
    metrics[column].metric(_(label), counts.get(key, 0), border=True)

ui.state_map(geo.map_template, treaty, tuple(states.iso_numeric),
             data=geo.with_markers(states.assign(selected=chosen)),
             params={charts.LEGEND_LABELS: charts.legend_labels(counts)}, key="map_pick")
outside = "" if group == ALL else " " + _("States outside {group} are grey.").format(group=group_text)
st.caption(_("Hover over a State for its dates; click it for its profile. States too small to see at this scale "
             "are drawn as circles.") + outside + " " + _(geo.BOUNDARIES_NOTE))
ui.download(selection.drop(columns=["status_word"]), f"{treaty.lower()}_status_{as_of.isoformat()}.csv",
            key="map_csv")

by_group, not_party_column = st.columns([3, 2])
with by_group:
    group_counts = ui.query(status.status_counts, treaty, as_of, grouping)
    ui.chart_with_data(charts.status_by_group, (treaty,), group_counts,
                       status.counts_shown(group_counts),
                       f"{treaty.lower()}_by_{grouping}.csv", key="groups_csv")
with not_party_column:
    not_party = selection[selection.status != "party"]
    st.subheader(_("Not yet party: {n}").format(n=number(len(not_party))))
    if not_party.empty:
        st.success(_("All of {states} are party to {treaty}.").format(states=where, treaty=treaty))
    else:
        not_party_table = pd.DataFrame({N_("State"): not_party["name"], N_("Status"): not_party.status_word,
                                        N_("Signed"): not_party.signed})
        ui.table(not_party_table)
        ui.download(not_party_table, f"{treaty.lower()}_not_yet_party.csv", key="not_party_csv")

st.header(_("How it got there"))
members = None if group == ALL else tuple(selection.iso3)
history = ui.query(status.parties_by_year, treaty, 1985, as_of.year, members)
ui.chart_with_data(
    charts.parties_over_time, (treaty, len(selection), ui.query(status.cti_launch), None if group == ALL else group),
    history,
    history.rename(columns=status.PARTIES_BY_YEAR_WORDS),
    f"{treaty.lower()}_parties_by_year.csv", key="history_csv",
)

st.subheader(_("The pace of ratification"))
pace_controls = st.columns(2)
window = pace_controls[0].slider(_("Trailing window (years)"), 1, 20, WINDOW_YEARS, key="window", bind="query-params")
target = pace_controls[1].number_input(_("Universal ratification by"), min_value=TODAY.year, max_value=2100,
                                       value=TARGET_YEAR, step=1, key="target", bind="query-params")
recent = pace(as_of, counts.get("party", 0),
              ui.query(status.parties_count, treaty, window_start(as_of, window), members),
              len(selection), window, int(target))
st.markdown(in_words(recent, as_of, treaty, where, len(selection)))
