"""Chart builders: pure functions from options to an Altair chart. No Streamlit here; tests use to_dict().

Each chart is a template without data (see `chart_templates`); the results framework's charts are in
`results_charts`, and this module names them too, so that a page finds every chart as `charts.<name>`.
"""

from __future__ import annotations

import json
from datetime import date

import altair as alt
import pandas as pd

# The pages, mande/ui/ and geo.py find the template functions and every chart here, as charts.<name> (so: noqa).
from mande.chart_templates import boundaries, complete, template, with_boundaries, with_params  # noqa: F401
from mande.chart_theme import ACCENT, BIG, NOT_RECORDED_COLOUR, OUTSIDE, REGIONAL_GROUP_COLOURS, STATUS_COLOURS, years
from mande.contracts import other_treaty
from mande.dates import month
from mande.events import NOT_RECORDED
from mande.i18n import N_, _, number
from mande.names import GROUP_NAMES
from mande.results_charts import STATUS_FILLS, against_target, cumulative_against_target, scorecard  # noqa: F401
from mande.status import ALL_STATES, NOT_IN_A_GROUP, STATUS_WORDS

LEGEND_LABELS = "legend_labels"
# The maps' selections: the State clicked, by its iso3, on its shape or its circle (one selection over both
# layers would be simpler, but Vega-Lite then declares its signal twice).
PICKED_STATE = {"state_shapes": "picked_shape", "state_circles": "picked_circle"}


def _said(field: str, words) -> str:
    """A Vega expression giving `field`'s value in the page's language: `words` (English -> said) where it has
    it, else the value as it is (a value the data gives already said, or one the catalogs do not know)."""
    return f"{json.dumps(dict(words), ensure_ascii=False)}[datum.{field}] || datum.{field}"


def _group_names() -> dict[str, str]:
    """Every group's name the catalogs know, English -> as the page's language says it (names.group_name)."""
    return {name: _(name) for name in (*GROUP_NAMES, NOT_IN_A_GROUP, ALL_STATES)}


def _launch_rule(launch: date, label: str) -> alt.LayerChart:
    marker = pd.DataFrame({"date": [pd.Timestamp(launch).isoformat()], "label": [label]})
    rule = alt.Chart(marker).mark_rule(color=ACCENT, strokeDash=[6, 3], strokeWidth=2).encode(
        x="date:T", tooltip=[alt.Tooltip("label:N", title=_("Event"))]
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
        x=alt.X("date:T", title=_("Year"), axis=alt.Axis(format="%Y", labelFontSize=14, titleFontSize=14)),
        y=alt.Y("parties:Q", title=_("{treaty} States parties").format(treaty=treaty),
                scale=alt.Scale(domain=[0, total_states]), axis=alt.Axis(labelFontSize=14, titleFontSize=14)),
        tooltip=[
            alt.Tooltip("year:O", title=_("Year")),
            alt.Tooltip("parties:Q", title=_("States parties at the end of the year")),
            alt.Tooltip("joined:Q", title=_("Became party in the year")),
        ],
    )
    points = line.mark_point(filled=True, size=40, color=STATUS_COLOURS["party"])
    universal = pd.DataFrame({"parties": [total_states], "label": [_("All {n} States").format(n=number(total_states))]})
    target = alt.Chart(universal).mark_rule(color="#444444", strokeDash=[2, 2]).encode(y="parties:Q")
    target_text = alt.Chart(universal).mark_text(align="left", dx=4, dy=-8, fontSize=14).encode(
        y="parties:Q", x=alt.value(0), text="label:N"
    )
    layers = [line, points, target, target_text]
    if launch:
        layers.append(_launch_rule(launch, _("CTI launched ({month})").format(month=month(launch))))
    title = (_("{treaty} States parties among {among} at the end of each year").format(treaty=treaty, among=among)
             if among else _("{treaty} States parties at the end of each year").format(treaty=treaty))
    said = {"treaty": treaty, "total": number(total_states)}
    description = (_("A stepped line of the number of {treaty} States parties at the end of each year, out of "
                     "{total}, with the CTI's launch marked.") if launch else
                   _("A stepped line of the number of {treaty} States parties at the end of each year, out of "
                     "{total}."))
    return alt.layer(*layers).properties(title=title, height=360, description=description.format(**said))


def legend_labels(counts: dict[str, int]) -> dict[str, str]:
    """The legend's label for each status, with its count: {'party': 'Party (175)', ...}."""
    # TRANSLATORS: a map's legend: a status and how many States have it, "Party (175)".
    return {status: _("{status} ({n})").format(status=word, n=number(counts.get(status, 0)))
            for status, word in STATUS_WORDS.items()}


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
            title=_("{treaty} status").format(treaty=treaty),
            scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
            legend=alt.Legend(orient="bottom", labelFontSize=14, titleFontSize=14, symbolSize=200,
                              titleLimit=0, labelExpr=f"{LEGEND_LABELS}[datum.label]"),  # (its words whole)
        ),
        alt.value(OUTSIDE),
    )
    tooltip = [
        alt.Tooltip("name:N", title=_("State")),
        alt.Tooltip("status_word:N", title=_("{treaty} status").format(treaty=treaty)),
        alt.Tooltip("signed:N", title=_("Signed")),
        alt.Tooltip("became_party:N", title=_("Became party")),
        alt.Tooltip("by:N", title=_("By")),
        alt.Tooltip("other_status:N", title=_("{treaty} status").format(treaty=other)),
    ]
    drawn_elsewhere = ", ".join(f"'{i}'" for i in ("010", *state_ids))  # 010, Antarctica: a third of the height
    world = alt.Chart(boundaries()).mark_geoshape(fill=OUTSIDE, stroke="white", strokeWidth=0.5).transform_filter(
        f"indexof([{drawn_elsewhere}], datum.id) < 0"
    )
    # What a screen reader says of a State: "Tuvalu: Party" (the words of status_for_map, in the page's language).
    described = alt.Chart().transform_calculate(description="datum.name + ': ' + datum.status_word")
    shapes = (
        described.transform_lookup(lookup="iso_numeric", from_=alt.LookupData(boundaries(), key="id"), as_="geo")
        .transform_filter("isValid(datum.geo)")
        .mark_geoshape(stroke="white", strokeWidth=0.5, cursor="pointer")
        .encode(shape="geo:G", color=colour, tooltip=tooltip, description="description:N")
        .properties(name="state_shapes")
    )
    circles = (
        described.transform_filter("isValid(datum.lon)")
        .mark_circle(size=90, stroke="#333333", strokeWidth=0.8, opacity=1, cursor="pointer")
        .encode(longitude="lon:Q", latitude="lat:Q", color=colour, tooltip=tooltip, description="description:N")
        .properties(name="state_circles")
    )
    drawn = (
        alt.layer(world, shapes, circles)
        .add_params(alt.param(name=LEGEND_LABELS, value=legend_labels({})))
        .project("equalEarth")
        .properties(title=title or _("{treaty} status of the 195 States").format(treaty=treaty), height=420,
                    description=_("A world map with each State coloured by its {treaty} status: party, signatory or "
                                  "no action; the smallest States are circles.").format(treaty=treaty))
    )
    # Clicking a State, its shape or its circle, selects it (a page opens its profile).
    drawn.params = [*drawn.params, *(alt.TopLevelSelectionParameter(
        name=name, select=alt.PointSelectionConfig(type="point", fields=["iso3"], on="click"), views=[view])
        for view, name in PICKED_STATE.items())]
    return drawn


def _a_row_per_part(chart: alt.Chart, parts: dict[str, str], key: str, word: str) -> alt.Chart:
    """`chart` with a row per part of each group (the columns named in `parts`): the part in `key`, its States,
    its name in words in `word`, and its `rank` in the order of `parts`, for a stacked bar."""
    return chart.transform_fold(list(parts), as_=[key, "States"]).transform_calculate(
        **{word: f"{json.dumps(parts)}[datum.{key}]", "rank": f"indexof({json.dumps(list(parts))}, datum.{key})"})


def status_by_group(treaty: str) -> alt.LayerChart:
    """A stacked bar per group: its parties, signatories and States with no action, each with its count.

    Data: status.status_counts by a grouping (group, parties, signatories, no_action, total), in the
    order the groups are to be shown.
    """
    # The legend's domain and the data's labels, both from STATUS_WORDS: in the same language.
    words = {"parties": STATUS_WORDS["party"], "signatories": STATUS_WORDS["signatory"],
             "no_action": STATUS_WORDS["no action"]}
    long = _a_row_per_part(alt.Chart().transform_calculate(group=_said("group", _group_names())), words,
                           "measure", "Status")
    y = alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelFontSize=14, labelLimit=260))
    x = alt.X("States:Q", title=_("States"), stack="zero", axis=alt.Axis(tickMinStep=1, labelFontSize=13))
    bars = long.mark_bar().encode(
        y=y,
        x=x,
        color=alt.Color("Status:N", title=_("{treaty} status").format(treaty=treaty),
                        scale=alt.Scale(domain=list(words.values()), range=list(STATUS_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", labelFontSize=14)),
        order=alt.Order("rank:O"),
        tooltip=[alt.Tooltip("group:N", title=_("Group")), alt.Tooltip("Status:N", title=_("Status")),
                 alt.Tooltip("States:Q", title=_("States"))],
    )
    labels = long.transform_filter("datum.States >= 3").mark_text(  # narrower segments run into their neighbours
        color="white", fontSize=13, fontWeight="bold", dx=-2, align="right"
    ).encode(y=y, x=x, detail="Status:N", text="States:Q", order=alt.Order("rank:O"))
    return alt.layer(bars, labels).properties(
        title=_("{treaty} status by group").format(treaty=treaty), height=alt.Step(34),
        description=_("A bar per group, split into its {treaty} States parties, signatories and States with no "
                      "action.").format(treaty=treaty))


def events_by_type_and_year() -> alt.LayerChart:
    """A grid of event types by year, each cell with its count: readable without colour.

    Data: one row per type and year with `year`, `type` (as people read it) and `events` (more than 0).
    """
    x = years(_("Year the event began"))
    y = alt.Y("type:N", title=None, axis=alt.Axis(labelLimit=220, **BIG))
    cells = alt.Chart().mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y,
        color=alt.Color("events:Q", title=_("Events"), scale=alt.Scale(scheme="blues", domainMin=0), legend=None),
        tooltip=[alt.Tooltip("type:N", title=_("Type")), alt.Tooltip("year:O", title=_("Year")),
                 alt.Tooltip("events:Q", title=_("Events"))],
    )
    counts = alt.Chart().mark_text(fontSize=15, fontWeight="bold").encode(
        x=x, y=y, text="events:Q",
        color=alt.condition("datum.events >= 3", alt.value("white"), alt.value("black")),
    )
    return alt.layer(cells, counts).properties(
        title=_("CTI events found in the sources, by type and year"), height=alt.Step(30),
        description=_("A grid of event types by year, each cell giving the number of CTI events of that type begun "
                      "that year."))


def forum_figure(measure: str) -> alt.LayerChart:
    """One figure for each Forum: a bar with its value, or the words "not recorded" where the sources give none.

    Data: one row per Forum with `forum` (its label, "YEAR PLACE", in date order) and `value` (missing when
    not recorded).
    """
    x = alt.X("forum:N", title=None, sort=None,
              axis=alt.Axis(labelAngle=0, labelLimit=80, labelExpr="[slice(datum.label, 0, 4), slice(datum.label, 5)]",
                            **BIG))  # the year above the place
    # A missing value is drawn as a bar of height 0, so that every Forum keeps its place in date order.
    drawn = alt.Chart().transform_calculate(shown="isValid(datum.value) ? datum.value : 0")
    bars = drawn.mark_bar(color=STATUS_COLOURS["party"]).encode(
        x=x, y=alt.Y("shown:Q", title=None, axis=alt.Axis(tickMinStep=1, **BIG)),
        tooltip=[alt.Tooltip("forum:N", title=_("Forum")), alt.Tooltip("value:Q", title=_(measure))],
    )
    values = bars.transform_filter("isValid(datum.value)").mark_text(
        dy=-10, fontSize=16, fontWeight="bold", color="black").encode(text="value:Q")
    gaps = drawn.transform_filter("!isValid(datum.value)").mark_text(
        angle=270, align="left", baseline="middle", dy=0, fontSize=14, fontStyle="italic", color=NOT_RECORDED_COLOUR
    ).encode(x=x, y=alt.Y("shown:Q"), text=alt.value(_(NOT_RECORDED)))
    return alt.layer(bars, values, gaps).properties(
        title=_(measure), height=220,
        description=_("A bar per Forum, in date order, giving its {measure}, or the words not recorded.").format(
            measure=_(measure).lower()))


def forum_states_by_group() -> alt.LayerChart:
    """A stacked bar per Forum: the States named there, by UN regional group, each segment labelled.

    Data: one row per Forum and group with `forum`, `group` and `states`.
    """
    y = alt.Y("forum:N", title=None, sort=None, axis=alt.Axis(labelLimit=200, **BIG))
    x = alt.X("states:Q", title=_("States named in the sources"), stack="zero", axis=alt.Axis(tickMinStep=1, **BIG))
    # The groups' names in the page's language.
    named = alt.Chart().transform_calculate(group=_said("group", _group_names()))
    bars = named.mark_bar().encode(
        y=y, x=x,
        color=alt.Color("group:N", title=_("UN regional group"), scale=alt.Scale(range=REGIONAL_GROUP_COLOURS),
                        legend=alt.Legend(orient="bottom", columns=3, labelFontSize=14, titleFontSize=14,
                                          labelLimit=260)),
        order=alt.Order("group:N"),
        tooltip=[alt.Tooltip("forum:N", title=_("Forum")), alt.Tooltip("group:N", title=_("UN regional group")),
                 alt.Tooltip("states:Q", title=_("States named"))],
    )
    labels = alt.Chart().mark_text(color="white", fontSize=14, fontWeight="bold", dx=-4, align="right").encode(
        y=y, x=x, detail="group:N", text="states:Q", order=alt.Order("group:N"))
    return alt.layer(bars, labels).properties(
        title=_("States named at each Forum, by UN regional group"), height=alt.Step(36),
        description=_("A bar per Forum, split by UN regional group into the States a source names as taking part."))


def reached_over_time() -> alt.LayerChart:
    """A bar per year: the States named at a CTI event so far, labelled with how many were new that year.

    Data: events.reached_by_year (year, new, reached).
    """
    x = years(_("Year"))
    bars = alt.Chart().mark_bar(color=STATUS_COLOURS["party"]).encode(
        x=x, y=alt.Y("reached:Q", title=_("States named at a CTI event so far"), axis=alt.Axis(**BIG)),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("reached:Q", title=_("States so far")),
                 alt.Tooltip("new:Q", title=_("Named for the first time"))],
    )
    labels = bars.mark_text(dy=-10, fontSize=14, fontWeight="bold", color="black").transform_calculate(
        label="datum.new > 0 ? '+' + datum.new : ''").encode(text="label:N")
    return alt.layer(bars, labels).properties(
        title=_("States taking part in CTI events, cumulative"), height=320,
        description=_("A bar per year: the States named at a CTI event so far, labelled with those new that year."))


def reach_by_group(grouping_name: str) -> alt.LayerChart:
    """A stacked bar per group: its States named at a CTI event, and the rest, each segment labelled.

    Data: events.reach_by_group (group, states, reached).
    """
    parts = {"reached": _("Named at a CTI event"), "rest": _("Not in the records")}
    long = _a_row_per_part(alt.Chart().transform_calculate(rest="datum.states - datum.reached",
                                                           group=_said("group", _group_names())),
                           parts, "part", "Part")
    y = alt.Y("group:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, **BIG))
    x = alt.X("States:Q", stack="zero", axis=alt.Axis(tickMinStep=1, **BIG))
    bars = long.mark_bar().encode(
        y=y, x=x, order=alt.Order("rank:O"),
        color=alt.Color("Part:N", title=None, scale=alt.Scale(domain=list(parts.values()),
                                                              range=[STATUS_COLOURS["party"], OUTSIDE]),
                        legend=alt.Legend(orient="bottom", labelFontSize=14)),
        tooltip=[alt.Tooltip("group:N", title=_("Group")), alt.Tooltip("Part:N", title=" "),
                 alt.Tooltip("States:Q", title=_("States"))],
    )
    labels = long.transform_filter("datum.States >= 2").mark_text(fontSize=13, fontWeight="bold", dx=-4,
                                                                   align="right").encode(
        y=y, x=x, detail="Part:N", text="States:Q", order=alt.Order("rank:O"),
        color=alt.condition("datum.part == 'reached'", alt.value("white"), alt.value("black")))
    return alt.layer(bars, labels).properties(
        title=_("States taking part in CTI events: {grouping}").format(grouping=grouping_name), height=alt.Step(34),
        description=_("A bar per group, split into its States named at a CTI event and the rest."))


TIMELINE_KINDS = {N_("Signature"): ("#E69F00", "triangle-up"), N_("Ratification"): ("#0072B2", "circle"),
                  N_("Accession"): ("#0072B2", "square"), N_("Succession"): ("#0072B2", "diamond"),
                  N_("Withdrawal"): (ACCENT, "cross"), N_("CTI event"): ("#009E73", "circle"),
                  N_("Confidential CTI event"): ("#CC79A7", "triangle-down"),
                  N_("Advice request"): ("#CC79A7", "diamond")}


def profile_timeline(lanes: tuple[str, ...], kinds: tuple[str, ...]) -> alt.Chart:
    """One State's record on a time line: a row for each of `lanes` (UNCAT, OPCAT, CTI events and, in the
    Secretariat's view, advice requests), a point per record, its shape and colour saying which of `kinds`
    (of TIMELINE_KINDS: the legend names only those the State has) it is.

    Data: profiles.timeline (lane, date, when, kind, what, description).
    """
    # `kinds` and the data's `kind` may be in English or said already: the legend says them in the page's language.
    known = [kind for kind in TIMELINE_KINDS if kind in kinds or _(kind) in kinds]
    said = {kind: _(kind) for kind in TIMELINE_KINDS}
    return alt.Chart().transform_calculate(
        kind=_said("kind", said), lane=_said("lane", {lane: _(lane) for lane in lanes})).mark_point(
        filled=True, size=260, opacity=0.9, stroke="black", strokeWidth=0.6).encode(
        x=alt.X("date:T", title=None, scale=alt.Scale(padding=20),
                axis=alt.Axis(format="%Y", tickCount=8, labelColor="black", **BIG)),
        y=alt.Y("lane:N", title=None, scale=alt.Scale(domain=[_(lane) for lane in lanes]),
                axis=alt.Axis(labelColor="black", labelLimit=200, **BIG)),
        color=alt.Color("kind:N", title=None,
                        scale=alt.Scale(domain=[said[k] for k in known], range=[TIMELINE_KINDS[k][0] for k in known]),
                        legend=alt.Legend(orient="bottom", labelFontSize=14, labelColor="black")),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=[said[k] for k in known],
                                                       range=[TIMELINE_KINDS[k][1] for k in known])),
        tooltip=[alt.Tooltip("when:N", title=_("Date")), alt.Tooltip("kind:N", title=_("Record")),
                 alt.Tooltip("what:N", title=_("What"))],
        description="description:N",
    ).properties(
        title=_("Treaty actions and CTI events on record"), height=alt.Step(48),
        description=_("A time line with a row for each of {lanes}: a point on the date of each of the State's "
                      "records there.").format(lanes=", ".join(_(lane) for lane in lanes)))
