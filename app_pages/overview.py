"""Overview: where UNCAT and OPCAT stand, how UNCAT got there, and who is still to join."""

import pandas as pd
import streamlit as st

from mande import charts, status, ui
from mande.dates import describe_each, month
from mande.i18n import N_, _, number
from mande.names import group_name
from mande.words import counted

st.title(_("Where the world stands on UNCAT"))
as_of = ui.as_of_input(_("Status as of"))
total = ui.query(status.state_count)
launch = ui.query(status.cti_launch)

for treaty, name in status.TREATY_NAMES.items():
    counts = ui.query(status.status_counts, treaty, as_of).iloc[0]
    st.subheader(name)
    columns = st.columns([1.3, 1, 1, 1])  # the first wider: "175 of 195" and its change, in any language
    at_launch = ui.query(status.status_counts, treaty, launch).iloc[0] if launch and launch <= as_of else None
    columns[0].metric(
        _("States parties"), _("{parties} of {total}").format(parties=number(counts.parties), total=number(total)),
        delta=_("{change} since {month}").format(change=f"{counts.parties - at_launch.parties:+d}", month=month(launch))
        if at_launch is not None else None,
        delta_color="off" if at_launch is None or counts.parties == at_launch.parties else "normal",
        border=True,
    )
    columns[1].metric(_("Signatories"), counts.signatories, border=True)
    columns[2].metric(_("No action"), counts.no_action, border=True)
    columns[3].metric(_("Still to join"), total - counts.parties, border=True)
st.caption(_(status.SIGNATORIES_NOTE).format(total=number(total)))

st.divider()
st.header(_("Towards universal ratification of UNCAT"))
history = ui.query(status.parties_by_year, "UNCAT", 1985, as_of.year)
chart_column, recent_column = st.columns([3, 2])
with chart_column:
    ui.chart_with_data(
        charts.parties_over_time, ("UNCAT", total, launch), history,
        history.rename(columns=status.PARTIES_BY_YEAR_WORDS),
        "uncat_parties_by_year.csv",
        key="history_csv",
    )
with recent_column:
    st.subheader(_("The States that joined most recently"))
    recent = ui.query(status.recent_parties, "UNCAT", as_of, 10)
    recent_table = pd.DataFrame(
        {
            N_("State"): recent["name"],
            N_("Became party"): describe_each(recent.consent_date, recent.consent_precision, recent.consent_earliest),
            N_("By"): recent["consent_type"].map(status.ACTION_WORDS),
        }
    )
    ui.table(recent_table)
    ui.download(recent_table, "uncat_recent_parties.csv", key="recent_csv")

states = ui.query(status.status_for_map, "UNCAT", as_of)
not_party = states[states.status != "party"]
st.subheader(counted(len(not_party), "The {n} State not yet party to UNCAT", "The {n} States not yet party to UNCAT"))
if not_party.empty:
    st.success(_("Every State is party to UNCAT."))
else:
    regions = ui.query(status.group_of_each_state, "un_regional_group", as_of)
    sids = ui.query(status.group_of_each_state, "sids_region", as_of)
    gap_table = pd.DataFrame(
        {
            N_("State"): not_party["name"],
            N_("Status"): not_party.status_word,
            N_("Signed"): not_party.signed,
            N_("UN regional group"): not_party["iso3"].map(regions).map(group_name).fillna(_("none")),
            N_("Small Island Developing State"): not_party["iso3"].map(sids).map(
                lambda r: _("yes ({region})").format(region=group_name(r)), na_action="ignore").fillna(_("no")),
        }
    )
    in_sids = int(not_party["iso3"].map(sids).notna().sum())
    st.caption(counted(in_sids, "{n} of them is a Small Island Developing State.",
                       "{n} of them are Small Island Developing States."))
    ui.table(gap_table)
    ui.download(gap_table, "uncat_not_yet_party.csv", key="gap_csv")
st.caption(_(status.DEPOSIT_NOTE))
