"""Results against targets: every output of the results framework, every year, with its status in words."""

from datetime import date

import pandas as pd
import streamlit as st

from mande import charts, measures, results, ui
from mande.i18n import N_, _
from mande.tables import escape, links
from mande.words import counted

st.title(_("Results against targets"))
periods = ui.query(results.periods)
if not periods:
    st.info(_("The results framework is empty: add its indicators to framework.csv."))
    st.stop()
controls = st.columns([1, 2, 1.5], vertical_alignment="bottom")
period = controls[0].selectbox(_("Strategy period"), periods, format_func=lambda p: f"{p[0]}–{p[1]}", key="period",
                               bind="query-params")
found = ui.query(results.results, period[0], period[1], date.today())  # today: a running year is judged on pace
found = found[(found.period_start == period[0]) & (found.period_end == period[1])]
names = dict(zip(found.result_id, found.result, strict=False))
chosen = controls[1].pills(_("Results"), list(names), selection_mode="multi", key="result", bind="query-params",
                           format_func=lambda r: _("Result {number}").format(number=r.removeprefix("R")),
                           help=_("None picked: all four."))
show_illustrative = controls[2].toggle(_("Show illustrative figures"), value=True, key="illustrative",
                                       bind="query-params",
                                       help=_("Sample figures stand in where no record exists yet; they are marked "
                                              "with a dashed border and the word illustrative."))
if chosen:
    found = found[found.result_id.isin(chosen)]
if not show_illustrative:
    found = results.without_illustrative(found)
cells = results.scorecard_cells(found)

for column, (group, count) in zip(st.columns(4), results.status_summary(found).items(), strict=True):
    column.metric(group, count, border=True)
st.caption(results.figures_in_words(len(found), period))

with st.expander(_("How a status is decided")):
    st.markdown(_(results.HOW_A_STATUS_IS_DECIDED))

for result_id, rows in cells.groupby("result_id", sort=False):
    st.subheader(_("Result {number}: {name}").format(number=escape(result_id.removeprefix("R")),
                                                      name=escape(names[result_id])))
    ui.chart(charts.scorecard, data=rows[["label", "year", "figure", "status", "shown_status", "illustrative",
                                          "why"]])

with st.expander(_("The figures as a table, with their evidence")):
    ui.table(pd.DataFrame({N_("Indicator"): found.indicator_id, N_("Year"): found.year.astype(str),
                           N_("Figure / target"): cells.figure, N_("Status"): cells.shown_status, N_("Why"): found.why,
                           N_("Evidence"): found.evidence.map(links)}), markdown=("Evidence",))
    ui.download(found.drop(columns=["why"]).assign(explanation=found.why), f"cti_results_{period[0]}_{period[1]}.csv",
                key="results_csv")

st.header(_("A result in detail"))
st.caption(_("Each year's figure is a bar (dashed where illustrative), coloured by its status; the target is the "
             "black tick, with a grey band up to the upper aim where there is one."))
detail = st.selectbox(_("Result"), list(names),
                      format_func=lambda r: _("Result {number}: {name}").format(number=r.removeprefix("R"),
                                                                                name=names[r]),
                      key="detail", bind="query-params")
for indicator_id, rows in found[found.result_id == detail].groupby("indicator_id", sort=False):
    first = rows.iloc[0]
    st.markdown(f"#### {escape(indicator_id)} {escape(first.indicator)}")
    if first.kind in ("milestone", "qualitative"):
        ui.table(pd.DataFrame({N_("Year"): rows.year.astype(str), N_("Status"): rows.status.map(results.status_word),
                               N_("Why"): rows.why}))
    else:
        ui.chart(charts.against_target, _("{indicator} year by year").format(indicator=indicator_id),
                 data=rows[["year", "value", "target_min", "target_max", "status", "illustrative"]])
        st.caption(" ".join(f"**{year}**: {escape(why)}" for year, why in zip(rows.year, rows.why, strict=True)))
    running = results.running_total(rows)
    if running is not None:
        ui.chart(charts.cumulative_against_target, _("{indicator} over the period: running total against the "
                                                       "running target").format(indicator=indicator_id), data=running)
    with st.expander(_("The records behind {indicator}").format(indicator=indicator_id)):
        if first.source == "manual":
            ui.table(pd.DataFrame({N_("Year"): rows.year.astype(str),
                                   N_("Figure"): rows.value.astype("string").fillna("—"),
                                   N_("Evidence"): rows.evidence.map(links)}), markdown=("Evidence",))
        elif measures.MEASURES[first.measure].confidential:
            st.markdown(_("Requests for technical advice are confidential: the public view shows only how many "
                          "States were advised, never which."))
        else:
            for year in rows.year:
                behind = ui.query(results.records, first.measure, int(year), int(first.period_start))
                st.markdown(f"**{year}**: " + (_("nothing recorded.") if behind.empty else
                                               counted(len(behind), "{n} counted.", "{n} counted.")))
                if not behind.empty:
                    ui.table(behind)
