"""Chart builders, checked through what they draw: each template filled with rows and rendered to SVG."""

import re
from datetime import date

import pandas as pd
import pytest
import vl_convert

from mande import charts, geo, status

HISTORY = pd.DataFrame({"year": [2013, 2014, 2015], "joined": [1, 2, 2], "parties": [154, 156, 158]})
# Rows for every builder but the map (which needs the boundaries: see the map's tests below).
SAMPLES = {
    "parties_over_time": (lambda: charts.parties_over_time("UNCAT", 195, date(2014, 3, 3)), HISTORY),
    "status_by_group": (lambda: charts.status_by_group("UNCAT"), pd.DataFrame(
        {"group": ["Pacific", "Caribbean"], "parties": [8, 11], "signatories": [1, 0], "no_action": [3, 5],
         "total": [12, 16]})),
    "events_by_type_and_year": (charts.events_by_type_and_year, pd.DataFrame(
        {"year": [2015, 2015, 2016], "type": ["Regional seminar", "Side event", "Side event"], "events": [4, 1, 2]})),
    "forum_figure": (lambda: charts.forum_figure("Participants"), pd.DataFrame(
        {"forum": ["2017 Geneva", "2018 Bangkok", "2019 Geneva"], "value": [120, None, 95]})),
    "forum_states_by_group": (charts.forum_states_by_group, pd.DataFrame(
        {"forum": ["2017 Geneva", "2017 Geneva", "2019 Geneva"], "group": ["African", "Asia-Pacific", "African"],
         "states": [5, 3, 7]})),
    "reached_over_time": (charts.reached_over_time, pd.DataFrame(
        {"year": [2015, 2016, 2017], "new": [10, 0, 4], "reached": [10, 10, 14]})),
    "reach_by_group": (lambda: charts.reach_by_group("SIDS"), pd.DataFrame(
        {"group": ["Pacific", "Caribbean"], "states": [12, 16], "reached": [9, 4]})),
    "scorecard": (charts.scorecard, pd.DataFrame(
        {"label": ["R1.1 New parties", "R1.1 New parties", "R4.5 Newsletters"], "year": [2018, 2019, 2018],
         "figure": ["3 / 3", "1 / 3", "4 / 4"], "status": ["met", "partly met", "met"],
         "shown_status": ["met", "partly met", "met, illustrative"], "illustrative": [False, False, True],
         "why": ["Three joined.", "One joined.", "Four sent."]})),
    "against_target": (lambda: charts.against_target("R4.5 year by year"), pd.DataFrame(
        {"year": [2018, 2019, 2020], "value": [4, None, 2], "target_min": [4, 4, 4], "target_max": [6, 6, 6],
         "status": ["met", "no data", "partly met"], "illustrative": [True, False, False]})),
    "cumulative_against_target": (lambda: charts.cumulative_against_target("R3.0 over the period"), pd.DataFrame(
        {"year": [2018, 2019, 2020], "actual": [5, 12, 20], "target": [7, 14, 21]})),
}


def _drawn(name: str) -> str:
    """The SVG of a sample chart, drawn from its template and rows as the app draws it."""
    build, rows = SAMPLES[name]
    return vl_convert.vegalite_to_svg(charts.complete(charts.template(build()), rows))


def _words(svg: str) -> list[str]:
    """The words drawn as text, in the order they are drawn (hidden tick labels left out)."""
    drawn = re.findall(r"<text([^>]*)>([^<]*)</text>", svg)
    return [text for attributes, text in drawn if 'opacity="0"' not in attributes]


def _read_out(svg: str) -> list[str]:
    """What a screen reader says of each mark it reaches, axes, legends and titles aside ("" for no name)."""
    items = re.findall(r"<\w+ ([^>]*role=\"graphics-symbol\"[^>]*)>", svg)
    marks = [item for item in items if not re.search(r'aria-roledescription="(axis|legend|title)"', item)]
    return [(re.search(r'aria-label="([^"]*)"', mark) or re.search("()", "")).group(1) for mark in marks]


def test_parties_over_time_steps_up_to_the_universal_target_and_marks_the_launch():
    svg = _drawn("parties_over_time")
    assert "UNCAT States parties at the end of each year" in _words(svg)
    assert "X-axis titled 'Year'" in svg and "Y-axis titled 'UNCAT States parties'" in svg
    assert "All 195 States" in _words(svg) and "CTI launched (March 2014)" in _words(svg)
    # A stepped line: it runs flat through each year and rises at the year's end, never on a slant.
    line = re.search(r'aria-roledescription="line mark" d="M([^"]+)"', svg).group(1)
    points = [tuple(map(float, p.split(","))) for p in line.split("L")]
    assert len(points) == 2 * len(HISTORY) - 1
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:], strict=False))
    assert ("Year: 2014; UNCAT States parties: 156; States parties at the end of the year: 156; "
            "Became party in the year: 2") in _read_out(svg)


def test_a_template_draws_the_data_given_to_it():
    svg = vl_convert.vegalite_to_svg(charts.complete(charts.template(
        charts.parties_over_time("UNCAT", 195, None, among="Pacific")), HISTORY))
    assert "UNCAT States parties among Pacific at the end of each year" in svg
    assert len(re.findall(r'<path[^>]*aria-roledescription="point"', svg)) == len(HISTORY)
    assert not any("CTI launched" in words for words in _words(svg))


def test_status_by_group_stacks_the_three_statuses_of_each_group(con):
    counts = status.status_counts(con, "UNCAT", date(2024, 5, 10), "sids_region")
    svg = vl_convert.vegalite_to_svg(charts.complete(charts.template(charts.status_by_group("UNCAT")), counts))
    bars = re.findall(r'aria-label="States: (\d+); group: ([^;]+);[^"]*Status: ([^";]+)"', svg)
    assert ("8", "Pacific", "Party") in bars and ("5", "Caribbean", "No action") in bars
    assert "UNCAT status by group" in _words(svg)


def test_an_illustrative_figure_is_marked_by_its_border_and_in_words():
    bars = re.findall(r'aria-label="year: (\d+); value[^"]*"[^>]*stroke-width="([\d.]+)" stroke-dasharray="([^"]*)"',
                      _drawn("against_target"))
    assert bars == [("2018", "2", "5,3"), ("2020", "0.5", "1,0")]  # 2018 illustrative: dashed; 2020 plain
    assert "4 (illustrative)" in _words(_drawn("against_target"))
    assert "no data" in _words(_drawn("against_target"))  # 2019 has no figure
    assert len(re.findall(r'stroke-dasharray="5,3"', _drawn("scorecard"))) == 1  # the one illustrative cell, framed
    assert "met, illustrative" in _words(_drawn("scorecard"))


def test_a_forum_without_a_figure_keeps_its_place_and_says_not_recorded():
    svg = _drawn("forum_figure")
    assert "X-axis for a discrete scale with 3 values: 2017 Geneva, 2018 Bangkok, 2019 Geneva" in svg  # date order
    assert "not recorded" in _words(svg) and "120" in _words(svg) and "95" in _words(svg)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_chart_is_read_out_by_its_title_description_and_tooltips(name):
    """A screen reader reads the chart by its description (the chart's label in the page: see
    tests/test_accessibility.py), and each mark by what its tooltip says; marks with no tooltip (labels, bands,
    the target lines) are left out, where they would be read as bare field names."""
    build, _ = SAMPLES[name]
    spec = build().to_dict()  # validates the builder's specification
    assert spec["description"].endswith(".") and len(spec["description"]) > 40
    tooltips = [[t.get("title", t["field"]) for t in layer["encoding"]["tooltip"]] for layer in _layers(spec)
                if "tooltip" in layer.get("encoding", {})]
    said = _read_out(_drawn(name))
    assert said
    unnamed = [words for words in said if not any(all(f"{title}: " in words for title in tip) for tip in tooltips)]
    assert unnamed == []


def _layers(spec: dict):
    """Every single-mark view of a specification, inside layers at any depth."""
    if "mark" in spec:
        yield spec
    for layer in spec.get("layer", []):
        yield from _layers(layer)


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
    # A screen reader names each State and its status, and nothing else: the grey land behind is left out.
    assert all(re.fullmatch(r"[^:]+: (Party|Signatory|No action)", words) for words in _read_out(svg))


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
