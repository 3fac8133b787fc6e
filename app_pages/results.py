"""Results against targets: every output of the results framework, every year, with its status in words."""

from datetime import date

import pandas as pd
import streamlit as st

from mande import charts, measures, results, ui
from mande.tables import escape, links

st.title("Results against targets")
periods = ui.query(results.periods)
if not periods:
    st.info("The results framework is empty: add its indicators to framework.csv.")
    st.stop()
controls = st.columns([1, 2, 1.5], vertical_alignment="bottom")
period = controls[0].selectbox("Strategy period", periods, format_func=lambda p: f"{p[0]}–{p[1]}", key="period",
                               bind="query-params")
found = ui.query(results.results, period[0], period[1], date.today())  # today: a running year is judged on pace
found = found[(found.period_start == period[0]) & (found.period_end == period[1])]
names = dict(zip(found.result_id, found.result, strict=False))
chosen = controls[1].pills("Results", list(names), selection_mode="multi", key="result", bind="query-params",
                           format_func=lambda r: f"Result {r.removeprefix('R')}", help="None picked: all four.")
show_illustrative = controls[2].toggle("Show illustrative figures", value=True, key="illustrative",
                                       bind="query-params",
                                       help="Sample figures stand in where no record exists yet; they are marked "
                                            "with a dashed border and the word illustrative.")
if chosen:
    found = found[found.result_id.isin(chosen)]
if not show_illustrative:
    found = results.without_illustrative(found)
cells = results.scorecard_cells(found)

for column, (group, count) in zip(st.columns(4), results.status_summary(found).items(), strict=True):
    column.metric(group, count, border=True)
st.caption(f"{len(found)} figures: each indicator in each year of {period[0]}–{period[1]}. Derived figures are "
           "counted from the records (treaty actions, events, participation, advice), so an event the records "
           "lack is not counted; manual figures come from the Secretariat with their evidence.")

with st.expander("How a status is decided"):
    st.markdown(
        "- **met**: the figure reached the target (for “2–3 a year”, 2; above the upper aim is still met).\n"
        "- **partly met**: the year ended above 0 but below the target. **not met**: the year ended with none "
        "recorded.\n"
        "- **on track / behind**: a year (or, for a total over the period, the period) still running is judged "
        "against the part of it gone by, never as not met before it ends.\n"
        "- **done / overdue / pending**: a milestone is done when done (late if after its due date), overdue when "
        "recorded as not done after its due date, pending before it.\n"
        "- **no data**: no figure for a year that has ended, or a year beyond the date the data is confirmed to. "
        "Unknown is never counted as 0.\n"
        "- A **dashed border** and the word *illustrative* mark sample figures that stand in for missing records."
    )

for result_id, rows in cells.groupby("result_id", sort=False):
    st.subheader(f"Result {escape(result_id.removeprefix('R'))}: {escape(names[result_id])}")
    ui.chart(charts.scorecard, data=rows[["label", "year", "figure", "status", "shown_status", "illustrative",
                                          "why"]])

with st.expander("The figures as a table, with their evidence"):
    ui.table(pd.DataFrame({"Indicator": found.indicator_id, "Year": found.year.astype(str),
                           "Figure / target": cells.figure, "Status": cells.shown_status, "Why": found.why,
                           "Evidence": found.evidence.map(links)}), markdown=("Evidence",))
    ui.download(found.drop(columns=["why"]).assign(explanation=found.why), f"cti_results_{period[0]}_{period[1]}.csv",
                key="results_csv")

st.header("A result in detail")
st.caption("Each year's figure is a bar (dashed where illustrative), coloured by its status; the target is the "
           "black tick, with a grey band up to the upper aim where there is one.")
detail = st.selectbox("Result", list(names), format_func=lambda r: f"Result {r.removeprefix('R')}: {names[r]}",
                      key="detail", bind="query-params")
for indicator_id, rows in found[found.result_id == detail].groupby("indicator_id", sort=False):
    first = rows.iloc[0]
    st.markdown(f"#### {escape(indicator_id)} {escape(first.indicator)}")
    if first.kind in ("milestone", "qualitative"):
        ui.table(pd.DataFrame({"Year": rows.year.astype(str), "Status": rows.status, "Why": rows.why}))
    else:
        ui.chart(charts.against_target, f"{indicator_id} year by year",
                 data=rows[["year", "value", "target_min", "target_max", "status", "illustrative"]])
        st.caption(" ".join(f"**{year}**: {escape(why)}" for year, why in zip(rows.year, rows.why, strict=True)))
    running = results.running_total(rows)
    if running is not None:
        ui.chart(charts.cumulative_against_target, f"{indicator_id} over the period: running total against the "
                 "running target", data=running)
    with st.expander(f"The records behind {indicator_id}"):
        if first.source == "manual":
            ui.table(pd.DataFrame({"Year": rows.year.astype(str), "Figure": rows.value.astype("string").fillna("—"),
                                   "Evidence": rows.evidence.map(links)}), markdown=("Evidence",))
        elif measures.MEASURES[first.measure].confidential:
            st.markdown("Requests for technical advice are confidential: the public view shows only how many "
                        "States were advised, never which.")
        else:
            for year in rows.year:
                behind = ui.query(results.records, first.measure, int(year), int(first.period_start))
                st.markdown(f"**{year}**: " + ("nothing recorded." if behind.empty else f"{len(behind)} counted."))
                if not behind.empty:
                    ui.table(behind)
