"""Chart builders: a DataFrame in, an Altair chart out. No Streamlit here, so they test through to_dict()."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

# Okabe-Ito colours, safe for the common forms of colour blindness; every mark also carries a text label.
STATUS_COLOURS = {"party": "#0072B2", "signatory": "#E69F00", "no action": "#999999"}
ACCENT = "#D55E00"


def _launch_rule(launch: date, label: str) -> alt.LayerChart:
    marker = pd.DataFrame({"date": [pd.Timestamp(launch)], "label": [label]})
    rule = alt.Chart(marker).mark_rule(color=ACCENT, strokeDash=[6, 3], strokeWidth=2).encode(
        x="date:T", tooltip=[alt.Tooltip("label:N", title="Event")]
    )
    text = alt.Chart(marker).mark_text(align="right", dx=-6, dy=-8, color=ACCENT, fontSize=14, baseline="top").encode(
        x="date:T", y=alt.value(0), text="label:N"
    )
    return rule + text


def parties_over_time(history: pd.DataFrame, treaty: str, total_states: int, launch: date | None) -> alt.LayerChart:
    """States parties at the end of each year (a step line), the universal target, and the CTI's launch."""
    data = history.assign(date=pd.to_datetime(history["year"].astype(str) + "-12-31"))
    line = alt.Chart(data).mark_line(interpolate="step-after", color=STATUS_COLOURS["party"], strokeWidth=3).encode(
        x=alt.X("date:T", title="Year", axis=alt.Axis(format="%Y", labelFontSize=14, titleFontSize=14)),
        y=alt.Y("parties:Q", title=f"{treaty} States parties", scale=alt.Scale(domain=[0, total_states]),
                axis=alt.Axis(labelFontSize=14, titleFontSize=14)),
        tooltip=[
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip("parties:Q", title="States parties at the end of the year"),
            alt.Tooltip("joined:Q", title="Became party in the year"),
        ],
    )
    points = line.mark_point(filled=True, size=40, color=STATUS_COLOURS["party"])
    universal = pd.DataFrame({"parties": [total_states], "label": [f"All {total_states} States"]})
    target = alt.Chart(universal).mark_rule(color="#444444", strokeDash=[2, 2]).encode(y="parties:Q")
    target_text = alt.Chart(universal).mark_text(align="left", dx=4, dy=-8, fontSize=14).encode(
        y="parties:Q", x=alt.value(0), text="label:N"
    )
    layers = [line, points, target, target_text]
    if launch:
        layers.append(_launch_rule(launch, f"CTI launched ({launch:%B %Y})"))
    return alt.layer(*layers).properties(
        title=f"{treaty} States parties at the end of each year", height=360
    )


def joined_per_year(history: pd.DataFrame, treaty: str, launch: date | None) -> alt.LayerChart:
    """A bar per year: the States that became party to the treaty in it; the CTI's launch marked."""
    data = history.assign(date=pd.to_datetime(history["year"].astype(str) + "-07-01"))
    bars = alt.Chart(data).mark_bar(color=STATUS_COLOURS["party"], width=8).encode(
        x=alt.X("date:T", title="Year", axis=alt.Axis(format="%Y", labelFontSize=14)),
        y=alt.Y("joined:Q", title="States that became party", axis=alt.Axis(tickMinStep=1, labelFontSize=14)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("joined:Q", title="Became party")],
    )
    layers = [bars]
    if launch:
        layers.append(_launch_rule(launch, f"CTI launched ({launch:%B %Y})"))
    return alt.layer(*layers).properties(title=f"States that became party to {treaty}, by year", height=260)
