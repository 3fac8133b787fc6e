"""Chart builders, checked through their validated Vega-Lite specification and what they draw."""

import re
from datetime import date

import pandas as pd
import vl_convert

from mande import charts, geo, status

HISTORY = pd.DataFrame({"year": [2013, 2014, 2015], "joined": [1, 2, 2], "parties": [154, 156, 158]})


def test_parties_over_time_marks_the_launch_and_the_universal_target():
    spec = charts.parties_over_time("UNCAT", 195, date(2014, 3, 3)).to_dict()  # to_dict validates
    assert spec["title"] == "UNCAT States parties at the end of each year"
    line = spec["layer"][0]
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 195]
    assert {t["title"] for t in line["encoding"]["tooltip"]} == {
        "Year", "States parties at the end of the year", "Became party in the year"}
    labels = {row["label"] for rows in spec["datasets"].values() for row in rows if "label" in row}
    assert labels == {"All 195 States", "CTI launched (March 2014)"}


def test_a_template_draws_the_data_given_to_it():
    svg = vl_convert.vegalite_to_svg(charts.complete(charts.template(
        charts.parties_over_time("UNCAT", 195, None, among="Pacific")), HISTORY))
    assert "UNCAT States parties among Pacific at the end of each year" in svg
    assert len(re.findall(r'<path[^>]*aria-roledescription="point"', svg)) == len(HISTORY)


def test_status_by_group_stacks_the_three_statuses_of_each_group(con):
    counts = status.status_counts(con, "UNCAT", date(2024, 5, 10), "sids_region")
    charts.status_by_group("UNCAT").to_dict()
    svg = vl_convert.vegalite_to_svg(charts.complete(charts.template(charts.status_by_group("UNCAT")), counts))
    bars = re.findall(r'aria-label="States: (\d+); group: ([^;]+);[^"]*Status: ([^";]+)"', svg)
    assert ("8", "Pacific", "Party") in bars and ("5", "Caribbean", "No action") in bars


def test_the_map_draws_every_state_and_counts_in_its_legend(con):
    charts.status_map("UNCAT").to_dict()  # validates the map's specification
    states = status.status_for_map(con, "UNCAT", date(2024, 5, 10)).assign(selected=True)
    counts = states.status.value_counts().to_dict()
    spec = charts.complete(geo.map_template("UNCAT", tuple(states.iso_numeric), width=800), geo.with_markers(states),
                           {charts.LEGEND_LABELS: charts.legend_labels(counts)})
    svg = vl_convert.vegalite_to_svg(spec)
    assert "Party (174)" in svg and "Signatory (4)" in svg and "No action (17)" in svg
    drawn = dict(re.findall(r'aria-label="([^":]+): (Party|Signatory|No action)"', svg))
    assert drawn == dict(zip(states["name"], states.status_word, strict=True))  # all 195, as a shape or circle
    assert re.search(r'aria-label="Tuvalu: Party"[^>]*aria-roledescription="circle"', svg)


def test_states_outside_the_chosen_group_are_grey(con):
    states = status.status_for_map(con, "UNCAT", date(2024, 5, 10))
    pacific = states.iso3.map(status.group_of_each_state(con, "sids_region", date(2024, 5, 10))).eq("Pacific")
    template = geo.map_template("UNCAT", tuple(states.iso_numeric), width=800)
    spec = charts.complete(template, geo.with_markers(states.assign(selected=pacific)),
                           {charts.LEGEND_LABELS: charts.legend_labels({})})
    svg = vl_convert.vegalite_to_svg(spec)
    marks = re.findall(r'<path aria-label="([^":]+): [^"]*"[^>]*fill="(#[0-9A-Fa-f]{6})"', svg)
    assert {name for name, _ in marks} == set(states.name)  # 16 small States have a shape and a circle
    assert {name for name, fill in marks if fill != charts.OUTSIDE} == set(states.name[pacific])


def test_every_chart_is_read_out_by_its_title_and_description():
    """A screen reader reads the chart by its description (the chart's label in the page: see
    tests/test_accessibility.py), and each mark by its tooltip; marks with no tooltip are left out."""
    built = [charts.parties_over_time("UNCAT", 195, date(2014, 3, 3)), charts.status_map("UNCAT"),
             charts.status_by_group("UNCAT"), charts.events_by_type_and_year(), charts.forum_figure("Participants"),
             charts.forum_states_by_group(), charts.reached_over_time(), charts.reach_by_group("SIDS"),
             charts.scorecard(), charts.against_target("R1.1 year by year"),
             charts.cumulative_against_target("R1.1 over the period")]
    for chart in built:
        spec = charts.template(chart)
        assert spec["description"].endswith(".") and len(spec["description"]) > 40, spec.get("title")
        for layer in _marks(spec):
            assert layer["mark"].get("aria") is (False if "tooltip" not in layer.get("encoding", {}) else None)


def _marks(spec: dict):
    """Every single-mark view of a specification, inside layers at any depth."""
    if "mark" in spec:
        yield spec
    for layer in spec.get("layer", []):
        yield from _marks(layer)
