"""Chart builders: pure functions from options to an Altair chart. No Streamlit here; tests use to_dict().

A chart carries no data: its specification is built once per set of options (building and checking an
Altair chart takes tens of milliseconds, too slow for every move of a slider), and the rows it draws are
given at drawing time, by `st.vega_lite_chart(data, spec)` in the app or by `complete` for an export.
Figures that change with the data but are not rows, like the counts in a legend, are Vega-Lite params.
"""

from __future__ import annotations

import copy
from datetime import date

import altair as alt
import pandas as pd

from mande.contracts import other_treaty
from mande.status import STATUS_WORDS

# Okabe-Ito colours, safe for the common forms of colour blindness; every mark also carries a text label.
STATUS_COLOURS = {"party": "#0072B2", "signatory": "#E69F00", "no action": "#999999"}
ACCENT = "#D55E00"
OUTSIDE = "#E8E8E8"  # the rest of the world: territories, and States outside the chosen group
LEGEND_LABELS = "legend_labels"
# Altair copies inline data slowly (the 108 KB topology took 170 ms), so the map is built with this
# placeholder, and `with_boundaries` puts the topology into the finished specification.
BOUNDARIES = "__boundaries__"


def template(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite specification without data, ready for `st.vega_lite_chart(data, spec)`.

    Not validated here: validation is most of the build time, and the tests validate every builder.
    """
    spec = _without_empty_data(chart.to_dict(validate=False))
    spec.get("datasets", {}).pop(_EMPTY, None)
    # Read out by its title and description (every builder gives one), and each mark with a tooltip by what the
    # tooltip says; marks with none (the land behind the map, labels, bands) are left out of the accessibility
    # tree, where they would be shapes without a name.
    _hide_undescribed_marks(spec)
    return spec


def _hide_undescribed_marks(spec) -> None:
    """Set `aria: false` on every mark without a tooltip, at every level of layers."""
    if isinstance(spec, dict):
        if "mark" in spec and "tooltip" not in spec.get("encoding", {}):
            mark = spec["mark"] if isinstance(spec["mark"], dict) else {"type": spec["mark"]}
            spec["mark"] = {**mark, "aria": False}
        for value in spec.values():
            _hide_undescribed_marks(value)
    elif isinstance(spec, list):
        for value in spec:
            _hide_undescribed_marks(value)


_EMPTY = "empty"  # the dataset Altair names for a chart or layer without data


def _without_empty_data(spec):
    """`spec` without Altair's stand-in data, at every level, so that each layer draws the chart's data."""
    if isinstance(spec, dict):
        return {key: _without_empty_data(value) for key, value in spec.items()
                if not (key == "data" and value == {"name": _EMPTY})}
    if isinstance(spec, list):
        return [_without_empty_data(item) for item in spec]
    return spec


def with_params(spec: dict, values: dict[str, object]) -> dict:
    """`spec` with new values for its top-level params (e.g. a legend's labels with their counts)."""
    params = [{**p, "value": values[p["name"]]} if p.get("name") in values else p for p in spec.get("params", [])]
    return {**spec, "params": params}


def complete(spec: dict, data: pd.DataFrame, params: dict[str, object] | None = None) -> dict:
    """A standalone specification (for an export or a test): `spec` with its rows and param values."""
    rows = data.astype(object).where(data.notna(), None).to_dict("records")
    filled = {**copy.deepcopy(spec), "data": {"values": _json_ready(rows)}}
    return with_params(filled, params) if params else filled


def _json_ready(rows: list[dict]) -> list[dict]:
    return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()} for row in rows]


def _launch_rule(launch: date, label: str) -> alt.LayerChart:
    marker = pd.DataFrame({"date": [pd.Timestamp(launch).isoformat()], "label": [label]})
    rule = alt.Chart(marker).mark_rule(color=ACCENT, strokeDash=[6, 3], strokeWidth=2).encode(
        x="date:T", tooltip=[alt.Tooltip("label:N", title="Event")]
    )
    text = alt.Chart(marker).mark_text(align="right", dx=-6, dy=-8, color=ACCENT, fontSize=14, baseline="top").encode(
        x="date:T", y=alt.value(0), text="label:N"
    )
    return rule + text


def parties_over_time(treaty: str, total_states: int, launch: date | None, among: str | None = None) -> alt.LayerChart:
    """States parties at the end of each year (a step line), the universal target, and the CTI's launch.

    Data: one row per year with `year`, `joined` and `parties` (status.parties_by_year). `among` names the
    group the States are counted in, when not all of them.
    """
    at_year_end = alt.Chart().transform_calculate(date="datetime(datum.year, 11, 31)")
    line = at_year_end.mark_line(interpolate="step-after", color=STATUS_COLOURS["party"], strokeWidth=3).encode(
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
    title = f"{treaty} States parties" + (f" among {among}" if among else "") + " at the end of each year"
    return alt.layer(*layers).properties(
        title=title, height=360,
        description=f"A stepped line of the number of {treaty} States parties at the end of each year, out of "
                    f"{total_states}" + (", with the CTI's launch marked" if launch else "") + ".")


def _boundaries() -> alt.InlineData:
    return alt.InlineData(values=BOUNDARIES, format=alt.DataFormat(type="topojson", feature="countries"))


def legend_labels(counts: dict[str, int]) -> dict[str, str]:
    """The legend's label for each status, with its count: {'party': 'Party (175)', ...}."""
    return {status: f"{word} ({counts.get(status, 0)})" for status, word in STATUS_WORDS.items()}


def status_map(treaty: str, state_ids: tuple[str, ...] = (), title: str | None = None) -> alt.LayerChart:
    """A world map of treaty status: a shape per State, a circle for each small one, the rest of the world grey.

    Data: one row per State (status.status_for_map with geo.with_markers): iso_numeric, name, status,
    status_word, signed, became_party, by, other_treaty, other_status; `selected` (in the chosen group);
    lon and lat for the States drawn as circles. Param `legend_labels`: see legend_labels(). `state_ids`
    (the States' ISO numeric codes) keeps the grey background from drawing the States' outlines a second time.
    `title` replaces the title, for a map of some of the States (those at an event).
    """
    other = other_treaty(treaty)
    colour = alt.condition(
        "datum.selected",
        alt.Color(
            "status:N",
            title=f"{treaty} status",
            scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
            legend=alt.Legend(orient="bottom", labelFontSize=14, titleFontSize=14, symbolSize=200,
                              labelExpr=f"{LEGEND_LABELS}[datum.label]"),
        ),
        alt.value(OUTSIDE),
    )
    tooltip = [
        alt.Tooltip("name:N", title="State"),
        alt.Tooltip("status_word:N", title=f"{treaty} status"),
        alt.Tooltip("signed:N", title="Signed"),
        alt.Tooltip("became_party:N", title="Became party"),
        alt.Tooltip("by:N", title="By"),
        alt.Tooltip("other_status:N", title=f"{other} status"),
    ]
    drawn_elsewhere = ", ".join(f"'{i}'" for i in ("010", *state_ids))  # 010, Antarctica: a third of the height
    world = alt.Chart(_boundaries()).mark_geoshape(fill=OUTSIDE, stroke="white", strokeWidth=0.5).transform_filter(
        f"indexof([{drawn_elsewhere}], datum.id) < 0"
    )
    # What a screen reader says of a State: "Tuvalu: Party".
    described = alt.Chart().transform_calculate(description="datum.name + ': ' + datum.status_word")
    shapes = (
        described.transform_lookup(lookup="iso_numeric", from_=alt.LookupData(_boundaries(), key="id"), as_="geo")
        .transform_filter("isValid(datum.geo)")
        .mark_geoshape(stroke="white", strokeWidth=0.5)
        .encode(shape="geo:G", color=colour, tooltip=tooltip, description="description:N")
    )
    circles = (
        described.transform_filter("isValid(datum.lon)")
        .mark_circle(size=90, stroke="#333333", strokeWidth=0.8, opacity=1)
        .encode(longitude="lon:Q", latitude="lat:Q", color=colour, tooltip=tooltip, description="description:N")
    )
    return (
        alt.layer(world, shapes, circles)
        .add_params(alt.param(name=LEGEND_LABELS, value=legend_labels({})))
        .project("equalEarth")
        .properties(title=title or f"{treaty} status of the 195 States", height=420,
                    description=f"A world map with each State coloured by its {treaty} status: party, signatory or "
                                "no action; the smallest States are circles.")
    )


def with_boundaries(spec: dict, topology: dict) -> dict:
    """The map's specification with the boundaries in place of their placeholder (Altair moves inline data
    into the top-level `datasets`, so the placeholder is found wherever it stands)."""
    if isinstance(spec, dict):
        return {key: with_boundaries(value, topology) for key, value in spec.items()}
    if isinstance(spec, list):
        return [with_boundaries(item, topology) for item in spec]
    return topology if spec == BOUNDARIES else spec


def status_by_group(treaty: str) -> alt.LayerChart:
    """A stacked bar per group: its parties, signatories and States with no action, each with its count.

    Data: status.status_counts by a grouping (group, parties, signatories, no_action, total), in the
    order the groups are to be shown.
    """
    words = {"parties": "Party", "signatories": "Signatory", "no_action": "No action"}
    long = (
        alt.Chart()
        .transform_fold(list(words), as_=["measure", "States"])
        .transform_calculate(
            Status=f"{words}[datum.measure]".replace("'", '"'),
            rank=f"indexof({list(words)}, datum.measure)".replace("'", '"'),
        )
    )
    y = alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelFontSize=14, labelLimit=260))
    x = alt.X("States:Q", title="States", stack="zero", axis=alt.Axis(tickMinStep=1, labelFontSize=13))
    bars = long.mark_bar().encode(
        y=y,
        x=x,
        color=alt.Color("Status:N", title=f"{treaty} status",
                        scale=alt.Scale(domain=list(STATUS_WORDS.values()), range=list(STATUS_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", labelFontSize=14)),
        order=alt.Order("rank:O"),
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("Status:N"), alt.Tooltip("States:Q")],
    )
    labels = long.transform_filter("datum.States >= 3").mark_text(  # narrower segments run into their neighbours
        color="white", fontSize=13, fontWeight="bold", dx=-2, align="right"
    ).encode(y=y, x=x, detail="Status:N", text="States:Q", order=alt.Order("rank:O"))
    return alt.layer(bars, labels).properties(
        title=f"{treaty} status by group", height=alt.Step(34),
        description=f"A bar per group, split into its {treaty} States parties, signatories and States with no action.")


# Large enough to read from the back of a room when a delegate shows the page on a projector.
_BIG = {"labelFontSize": 15, "titleFontSize": 15}
NOT_RECORDED_COLOUR = "#666666"


def events_by_type_and_year() -> alt.LayerChart:
    """A grid of event types by year, each cell with its count: readable without colour.

    Data: one row per type and year with `year`, `type` (as people read it) and `events` (more than 0).
    """
    x = alt.X("year:O", title="Year the event began", axis=alt.Axis(labelAngle=0, **_BIG))
    y = alt.Y("type:N", title=None, axis=alt.Axis(labelLimit=220, **_BIG))
    cells = alt.Chart().mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y,
        color=alt.Color("events:Q", title="Events", scale=alt.Scale(scheme="blues", domainMin=0), legend=None),
        tooltip=[alt.Tooltip("type:N", title="Type"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("events:Q", title="Events")],
    )
    counts = alt.Chart().mark_text(fontSize=15, fontWeight="bold").encode(
        x=x, y=y, text="events:Q",
        color=alt.condition("datum.events >= 3", alt.value("white"), alt.value("black")),
    )
    return alt.layer(cells, counts).properties(title="CTI events found in the sources, by type and year",
                                               description="A grid of event types by year, each cell giving the "
                                                           "number of CTI events of that type begun that year.",
                                               height=alt.Step(30))


def forum_figure(measure: str) -> alt.LayerChart:
    """One figure for each Forum: a bar with its value, or the words "not recorded" where the sources give none.

    Data: one row per Forum with `forum` (its label, "YEAR PLACE", in date order) and `value` (missing when
    not recorded).
    """
    x = alt.X("forum:N", title=None, sort=None,
              axis=alt.Axis(labelAngle=0, labelLimit=80, labelExpr="[slice(datum.label, 0, 4), slice(datum.label, 5)]",
                            **_BIG))  # the year above the place
    # A missing value is drawn as a bar of height 0, so that every Forum keeps its place in date order.
    drawn = alt.Chart().transform_calculate(shown="isValid(datum.value) ? datum.value : 0")
    bars = drawn.mark_bar(color=STATUS_COLOURS["party"]).encode(
        x=x, y=alt.Y("shown:Q", title=None, axis=alt.Axis(tickMinStep=1, **_BIG)),
        tooltip=[alt.Tooltip("forum:N", title="Forum"), alt.Tooltip("value:Q", title=measure)],
    )
    values = bars.transform_filter("isValid(datum.value)").mark_text(
        dy=-10, fontSize=16, fontWeight="bold", color="black").encode(text="value:Q")
    gaps = drawn.transform_filter("!isValid(datum.value)").mark_text(
        angle=270, align="left", baseline="middle", dy=0, fontSize=14, fontStyle="italic", color=NOT_RECORDED_COLOUR
    ).encode(x=x, y=alt.Y("shown:Q"), text=alt.value("not recorded"))
    return alt.layer(bars, values, gaps).properties(
        title=measure, height=220,
        description=f"A bar per Forum, in date order, giving its {measure.lower()}, or the words not recorded.")


REGIONAL_GROUP_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#999999"]


def forum_states_by_group() -> alt.LayerChart:
    """A stacked bar per Forum: the States named there, by UN regional group, each segment labelled.

    Data: one row per Forum and group with `forum`, `group` and `states`.
    """
    y = alt.Y("forum:N", title=None, sort=None, axis=alt.Axis(labelLimit=200, **_BIG))
    x = alt.X("states:Q", title="States named in the sources", stack="zero", axis=alt.Axis(tickMinStep=1, **_BIG))
    bars = alt.Chart().mark_bar().encode(
        y=y, x=x,
        color=alt.Color("group:N", title="UN regional group", scale=alt.Scale(range=REGIONAL_GROUP_COLOURS),
                        legend=alt.Legend(orient="bottom", columns=3, labelFontSize=14, titleFontSize=14,
                                          labelLimit=260)),
        order=alt.Order("group:N"),
        tooltip=[alt.Tooltip("forum:N", title="Forum"), alt.Tooltip("group:N", title="UN regional group"),
                 alt.Tooltip("states:Q", title="States named")],
    )
    labels = alt.Chart().mark_text(color="white", fontSize=14, fontWeight="bold", dx=-4, align="right").encode(
        y=y, x=x, detail="group:N", text="states:Q", order=alt.Order("group:N"))
    return alt.layer(bars, labels).properties(title="States named at each Forum, by UN regional group",
                                              description="A bar per Forum, split by UN regional group into the "
                                                          "States a source names as taking part.",
                                              height=alt.Step(36))


def reached_over_time() -> alt.LayerChart:
    """A bar per year: the States named at a CTI event so far, labelled with how many were new that year.

    Data: events.reached_by_year (year, new, reached).
    """
    x = alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0, **_BIG))
    bars = alt.Chart().mark_bar(color=STATUS_COLOURS["party"]).encode(
        x=x, y=alt.Y("reached:Q", title="States named at a CTI event so far", axis=alt.Axis(**_BIG)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("reached:Q", title="States so far"),
                 alt.Tooltip("new:Q", title="Named for the first time")],
    )
    labels = bars.mark_text(dy=-10, fontSize=14, fontWeight="bold", color="black").transform_calculate(
        label="datum.new > 0 ? '+' + datum.new : ''").encode(text="label:N")
    return alt.layer(bars, labels).properties(
        title="States taking part in CTI events, cumulative", height=320,
        description="A bar per year: the States named at a CTI event so far, labelled with those new that year.")


def reach_by_group(grouping_name: str) -> alt.LayerChart:
    """A stacked bar per group: its States named at a CTI event, and the rest, each segment labelled.

    Data: events.reach_by_group (group, states, reached).
    """
    parts = {"reached": "Named at a CTI event", "rest": "Not in the records"}
    long = alt.Chart().transform_calculate(rest="datum.states - datum.reached").transform_fold(
        list(parts), as_=["part", "States"]
    ).transform_calculate(Part=f"{parts}[datum.part]".replace("'", '"'),
                          rank=f"indexof({list(parts)}, datum.part)".replace("'", '"'))
    y = alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, **_BIG))
    x = alt.X("States:Q", stack="zero", axis=alt.Axis(tickMinStep=1, **_BIG))
    bars = long.mark_bar().encode(
        y=y, x=x, order=alt.Order("rank:O"),
        color=alt.Color("Part:N", title=None, scale=alt.Scale(domain=list(parts.values()),
                                                              range=[STATUS_COLOURS["party"], OUTSIDE]),
                        legend=alt.Legend(orient="bottom", labelFontSize=14)),
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("Part:N", title=" "), alt.Tooltip("States:Q")],
    )
    labels = long.transform_filter("datum.States >= 2").mark_text(fontSize=13, fontWeight="bold", dx=-4,
                                                                   align="right").encode(
        y=y, x=x, detail="Part:N", text="States:Q", order=alt.Order("rank:O"),
        color=alt.condition("datum.part == 'reached'", alt.value("white"), alt.value("black")))
    return alt.layer(bars, labels).properties(title=f"States taking part in CTI events: {grouping_name}",
                                              description="A bar per group, split into its States named at a CTI "
                                                          "event and the rest.",
                                              height=alt.Step(34))


# A colour for each status, with the text colour that reads on it; every cell also says its status in words.
STATUS_FILLS = {
    "met": ("#009E73", "white"), "done": ("#009E73", "white"), "partly met": ("#F0E442", "black"),
    "on track": ("#56B4E9", "black"), "behind": ("#E69F00", "black"), "not met": ("#D55E00", "white"),
    "overdue": ("#D55E00", "white"), "pending": ("#EEEEEE", "black"), "no data": ("#FFFFFF", "black"),
}
_STATUS_SCALE = alt.Scale(domain=list(STATUS_FILLS), range=[fill for fill, _ in STATUS_FILLS.values()])
_TEXT_ON = "{" + ", ".join(f'"{s}": "{text}"' for s, (_, text) in STATUS_FILLS.items()) + "}"


def scorecard() -> alt.LayerChart:
    """Indicators by year: each cell coloured by its status, with the figure against the target and the status
    in words; a dashed border marks a figure that rests on illustrative data.

    Data: one row per indicator and year with `label` (the indicator as the rows read it, in order), `year`,
    `figure` (e.g. "3 / 3"), `status`, `shown_status` (the status, plus "illustrative" where so) and `why`.
    """
    x = alt.X("year:O", title=None, axis=alt.Axis(orient="top", labelAngle=0, **_BIG))
    # A fixed width for the labels, so that the years line up from one result's scorecard to the next; on a
    # narrow screen (a phone) only the indicator's id, so that the cells keep their room.
    narrow = "containerSize()[0] < 640"
    extent = alt.ExprRef(f"{narrow} ? 48 : 300")
    y = alt.Y("label:N", title=None, sort=None,
              axis=alt.Axis(labelLimit=extent, minExtent=extent, maxExtent=extent,
                            labelExpr=f"{narrow} ? split(datum.label, ' ')[0] : datum.label", **_BIG))
    cells = alt.Chart().mark_rect(stroke="#555555", strokeWidth=1).encode(
        x=x, y=y,
        color=alt.Color("status:N", title="Status",
                        scale=_STATUS_SCALE,
                        legend=None),
        strokeDash=alt.condition("datum.illustrative", alt.value([5, 3]), alt.value([1, 0])),
        strokeWidth=alt.condition("datum.illustrative", alt.value(2.5), alt.value(1)),
        tooltip=[alt.Tooltip("label:N", title="Indicator"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("figure:N", title="Figure / target"), alt.Tooltip("shown_status:N", title="Status"),
                 alt.Tooltip("why:N", title="Why")],
    )
    text = alt.Chart().transform_calculate(ink=f"{_TEXT_ON}[datum.status]")
    figures = text.mark_text(fontSize=15, fontWeight="bold", dy=-9).encode(
        x=x, y=y, text="figure:N", color=alt.Color("ink:N", scale=None))
    words = text.mark_text(fontSize=13, dy=10).encode(
        x=x, y=y, text="shown_status:N", color=alt.Color("ink:N", scale=None))
    return alt.layer(cells, figures, words).properties(
        height=alt.Step(52),
        description="A grid of indicators by year, each cell giving the figure against its target and the status "
                    "in words; a dashed border marks an illustrative figure.")


def against_target(title: str) -> alt.LayerChart:
    """An indicator year by year: a bar for the figure (coloured by status, dashed where illustrative, the
    words "no data" where there is none), and the target as a black tick with its band up to the upper aim.

    Data: one row per year with `year`, `value` (missing when unknown), `target_min`, `target_max`, `status`,
    `illustrative`.
    """
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, **_BIG))
    base = alt.Chart().transform_calculate(
        goal="isValid(datum.target_min) ? datum.target_min : datum.target_max",
        top="isValid(datum.target_max) ? datum.target_max : datum.target_min",
    )
    band = base.transform_filter("datum.top > datum.goal").mark_bar(color="#000000", opacity=0.12, size=56).encode(
        x=x, y="goal:Q", y2="top:Q")
    bars = alt.Chart().transform_filter("isValid(datum.value)").mark_bar(size=36).encode(
        x=x, y=alt.Y("value:Q", title=None, axis=alt.Axis(tickMinStep=1, **_BIG)),
        color=alt.Color("status:N", scale=_STATUS_SCALE, legend=None),
        stroke=alt.value("#333333"),
        strokeDash=alt.condition("datum.illustrative", alt.value([5, 3]), alt.value([1, 0])),
        strokeWidth=alt.condition("datum.illustrative", alt.value(2), alt.value(0.5)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("value:Q", title="Figure"),
                 alt.Tooltip("target_min:Q", title="Target"), alt.Tooltip("target_max:Q", title="Upper aim"),
                 alt.Tooltip("status:N", title="Status")],
    )
    values = alt.Chart().transform_filter("isValid(datum.value)").transform_calculate(
        label="datum.illustrative ? datum.value + ' (illustrative)' : '' + datum.value"
    ).mark_text(dy=-10, fontSize=15, fontWeight="bold", color="black").encode(x=x, y="value:Q", text="label:N")
    goal = base.transform_filter("isValid(datum.goal)").mark_tick(color="black", thickness=3, size=60).encode(
        x=x, y="goal:Q")
    missing = alt.Chart().transform_filter("!isValid(datum.value)").mark_text(
        fontSize=14, fontStyle="italic", color=NOT_RECORDED_COLOUR, baseline="bottom").encode(
        x=x, y=alt.value(150), text=alt.value("no data"))
    return alt.layer(band, bars, goal, values, missing).properties(
        title=title, height=240,
        description="A bar per year for the figure, coloured by its status, against the target drawn as a tick.")


def cumulative_against_target(title: str) -> alt.LayerChart:
    """Running totals over a period: the figure (bars) against the target (a stepped line with points).

    Data: one row per year with `year`, `actual` and `target` (running totals).
    """
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, **_BIG))
    bars = alt.Chart().mark_bar(size=40, color=STATUS_COLOURS["party"]).encode(
        x=x, y=alt.Y("actual:Q", title="Running total", axis=alt.Axis(tickMinStep=1, **_BIG)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("actual:Q", title="So far"),
                 alt.Tooltip("target:Q", title="Target so far")])
    values = bars.mark_text(dy=-10, fontSize=15, fontWeight="bold", color="black").encode(text="actual:Q")
    target = alt.Chart().mark_line(color="black", strokeDash=[6, 3], point=alt.OverlayMarkDef(color="black", size=60)
                                   ).encode(x=x, y="target:Q")
    target_text = alt.Chart().mark_text(dx=10, dy=-10, align="left", fontSize=13).transform_calculate(
        label="'target ' + datum.target").encode(x=x, y="target:Q", text="label:N")
    return alt.layer(bars, values, target, target_text).properties(
        title=title, height=220,
        description="A bar per year for the running total, against the running target drawn as a dashed line.")
