"""The results framework's charts: the scorecard, an indicator against its target, a running total.

Pure functions from options to an Altair chart, as in `charts` (which names each of them too).
"""

from __future__ import annotations

import json

import altair as alt

from mande.chart_theme import BIG, NOT_RECORDED_COLOUR, STATUS_COLOURS, illustrative_border, years
from mande.i18n import _
from mande.results import STATUS_WORDS

# A colour for each status, with the text colour that reads on it; every cell also says its status in words.
STATUS_FILLS = {
    "met": ("#009E73", "white"), "done": ("#009E73", "white"), "partly met": ("#F0E442", "black"),
    "on track": ("#56B4E9", "black"), "behind": ("#E69F00", "black"), "not met": ("#D55E00", "white"),
    "overdue": ("#D55E00", "white"), "pending": ("#EEEEEE", "black"), "no data": ("#FFFFFF", "black"),
}
_STATUS_SCALE = alt.Scale(domain=list(STATUS_FILLS), range=[fill for fill, _ in STATUS_FILLS.values()])
_TEXT_ON = json.dumps({status: text for status, (_, text) in STATUS_FILLS.items()})


def _said_with_value(message: str) -> str:
    """A message with a {value} placeholder, as a Vega string (replace() puts the datum's value in)."""
    return json.dumps(message, ensure_ascii=False)


def scorecard() -> alt.LayerChart:
    """Indicators by year: each cell coloured by its status, with the figure against the target and the status
    in words; a dashed border marks a figure that rests on illustrative data.

    Data: one row per indicator and year with `label` (the indicator as the rows read it, in order), `year`,
    `figure` (e.g. "3 / 3"), `status`, `shown_status` (the status, plus "illustrative" where so), `why` and
    `illustrative`.
    """
    x = alt.X("year:O", title=None, axis=alt.Axis(orient="top", labelAngle=0, **BIG))
    # A fixed width for the labels, so that the years line up from one result's scorecard to the next; on a
    # narrow screen (a phone) only the indicator's id, so that the cells keep their room.
    narrow = "containerSize()[0] < 640"
    extent = alt.ExprRef(f"{narrow} ? 48 : 300")
    y = alt.Y("label:N", title=None, sort=None,
              axis=alt.Axis(labelLimit=extent, minExtent=extent, maxExtent=extent,
                            labelExpr=f"{narrow} ? split(datum.label, ' ')[0] : datum.label", **BIG))
    cells = alt.Chart().mark_rect(stroke="#555555", strokeWidth=1).encode(
        x=x, y=y,
        color=alt.Color("status:N", title=_("Status"), scale=_STATUS_SCALE, legend=None),
        tooltip=[alt.Tooltip("label:N", title=_("Indicator")), alt.Tooltip("year:O", title=_("Year")),
                 alt.Tooltip("figure:N", title=_("Figure / target")),
                 alt.Tooltip("shown_status:N", title=_("Status")), alt.Tooltip("why:N", title=_("Why"))],
    )
    # Vega-Lite draws no strokeDash encoding on a rect: the dashed border is a frame of its own, over the cell.
    dashed = alt.Chart().transform_filter("datum.illustrative").mark_rect(
        fill=None, stroke="#111111", strokeWidth=2.5, strokeDash=[5, 3], aria=False).encode(x=x, y=y)
    text = alt.Chart().transform_calculate(ink=f"{_TEXT_ON}[datum.status]")
    figures = text.mark_text(fontSize=15, fontWeight="bold", dy=-9).encode(
        x=x, y=y, text="figure:N", color=alt.Color("ink:N", scale=None))
    words = text.mark_text(fontSize=13, dy=10).encode(
        x=x, y=y, text="shown_status:N", color=alt.Color("ink:N", scale=None))
    return alt.layer(cells, dashed, figures, words).properties(
        height=alt.Step(52),
        description=_("A grid of indicators by year, each cell giving the figure against its target and the status "
                      "in words; a dashed border marks an illustrative figure."))


def against_target(title: str) -> alt.LayerChart:
    """An indicator year by year: a bar for the figure (coloured by status, dashed where illustrative, the
    words "no data" where there is none), and the target as a black tick with its band up to the upper aim.

    Data: one row per year with `year`, `value` (missing when unknown), `target_min`, `target_max`, `status`,
    `illustrative`.
    """
    x = years()
    base = alt.Chart().transform_calculate(
        goal="isValid(datum.target_min) ? datum.target_min : datum.target_max",
        top="isValid(datum.target_max) ? datum.target_max : datum.target_min",
    )
    band = base.transform_filter("datum.top > datum.goal").mark_bar(color="#000000", opacity=0.12, size=56).encode(
        x=x, y="goal:Q", y2="top:Q")
    # The status in the page's language, for the tooltip (the colour goes by the English status of the data).
    bars = alt.Chart().transform_filter("isValid(datum.value)").transform_calculate(
        status_word=f"{json.dumps(dict(STATUS_WORDS.items()), ensure_ascii=False)}[datum.status] || datum.status"
    ).mark_bar(size=36).encode(
        x=x, y=alt.Y("value:Q", title=None, axis=alt.Axis(tickMinStep=1, **BIG)),
        color=alt.Color("status:N", scale=_STATUS_SCALE, legend=None),
        stroke=alt.value("#333333"),
        **illustrative_border(2, plain_width=0.5),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("value:Q", title=_("Figure")),
                 alt.Tooltip("target_min:Q", title=_("Target")), alt.Tooltip("target_max:Q", title=_("Upper aim")),
                 alt.Tooltip("status_word:N", title=_("Status"))],
    )
    illustrative = _said_with_value(_("{value} (illustrative)"))
    values = alt.Chart().transform_filter("isValid(datum.value)").transform_calculate(
        label=f"datum.illustrative ? replace({illustrative}, '{{value}}', "
              "'' + datum.value) : '' + datum.value"
    ).mark_text(dy=-10, fontSize=15, fontWeight="bold", color="black").encode(x=x, y="value:Q", text="label:N")
    goal = base.transform_filter("isValid(datum.goal)").mark_tick(color="black", thickness=3, size=60).encode(
        x=x, y="goal:Q")
    missing = alt.Chart().transform_filter("!isValid(datum.value)").mark_text(
        fontSize=14, fontStyle="italic", color=NOT_RECORDED_COLOUR, baseline="bottom").encode(
        x=x, y=alt.value(150), text=alt.value(STATUS_WORDS["no data"]))
    return alt.layer(band, bars, goal, values, missing).properties(
        title=title, height=240,
        description=_("A bar per year for the figure, coloured by its status, against the target drawn as a tick."))


def cumulative_against_target(title: str) -> alt.LayerChart:
    """Running totals over a period: the figure (bars) against the target (a stepped line with points).

    Data: one row per year with `year`, `actual` and `target` (running totals).
    """
    x = years()
    bars = alt.Chart().mark_bar(size=40, color=STATUS_COLOURS["party"]).encode(
        x=x, y=alt.Y("actual:Q", title=_("Running total"), axis=alt.Axis(tickMinStep=1, **BIG)),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("actual:Q", title=_("So far")),
                 alt.Tooltip("target:Q", title=_("Target so far"))])
    values = bars.mark_text(dy=-10, fontSize=15, fontWeight="bold", color="black").encode(text="actual:Q")
    target = alt.Chart().mark_line(color="black", strokeDash=[6, 3], point=alt.OverlayMarkDef(color="black", size=60)
                                   ).encode(x=x, y="target:Q")
    # TRANSLATORS: drawn on a chart of running totals, beside each year's target so far: "target 12".
    target_word = _said_with_value(_("target {value}"))
    target_text = alt.Chart().mark_text(dx=10, dy=-10, align="left", fontSize=13).transform_calculate(
        label=f"replace({target_word}, '{{value}}', '' + datum.target)").encode(
        x=x, y="target:Q", text="label:N")
    return alt.layer(bars, values, target, target_text).properties(
        title=title, height=220,
        description=_("A bar per year for the running total, against the running target drawn as a dashed line."))
