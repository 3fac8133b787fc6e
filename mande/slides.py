"""The presentation for the Annual Forum's projector: which slides, in which order (slides.csv), what the slides
that are not a page's figures compute, and the page's charts restyled to be read from the back of a room.

Every figure comes from the function the pages use (status, pace, results, events, forums, profiles). A slide is
public, whoever is signed in when it is projected: the page asks every question inside ui.public_view().
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande import charts, events, geo, results, sql
from mande.contracts import STANDARD_SLIDES
from mande.dates import describe
from mande.i18n import _
from mande.tables import escape

# What a slide's text may not go below at 1280 x 720 (QUALITY.md), and a headline figure's size.
SMALLEST_TEXT = 28
HEADLINE = 72
# The pace as the Ratification map opens it: the trailing window, and the year universal ratification is aimed at.
EVENTS_LISTED = 4  # the most events a slide lists (at 28 px, more would not fit 720 px)
FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize")
DATA_KEYS = ("datasets", "values")  # data, never styling: the map's boundaries alone are 108 KB to walk through
TITLE_SIZE = 30
INK = "#000000"


def sequence(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The slides in order: kind, iso3, event_id (slides.csv; the standard sequence when it lists none the
    audience may see)."""
    found = sql.df(con, "slides")
    if found.empty:
        return pd.DataFrame({"kind": STANDARD_SLIDES, "iso3": None, "event_id": None})
    return found


def chosen(asked: object, count: int) -> int:
    """The slide asked for in the URL (?slide=N, 1-based), within 1..count; 1 when it is not a number."""
    try:
        number = int(str(asked))
    except ValueError:
        return 1
    return min(max(number, 1), count)


def as_of_line(checked: date | None, source: str) -> str:
    """The treaty data's date and source, as the sidebar states them, in Markdown made safe."""
    return _("**Treaty data as of {date}.** Source: {source}.").format(date=describe(checked), source=escape(source))


# --- Charts for a projector ---------------------------------------------------------------------------------

def for_projector(spec: dict, height: int, axes: dict[str, dict] | None = None) -> dict:
    """`spec` (a chart's template) with every text at least SMALLEST_TEXT px, its title larger, a `height`
    that fits a 720 px high screen, and `axes` (field -> axis properties) changed where a page's axis would
    crowd its labels at that size."""
    projected = _larger(spec, axes or {})
    if isinstance(projected.get("height"), (int, float)):
        projected["height"] = height
    elif isinstance(projected.get("height"), dict):  # a step per row: room for a row of large text
        projected["height"] = {"step": max(projected["height"]["step"], SMALLEST_TEXT + 12)}
    else:
        projected["height"] = height
    # Black on white: the app's chart theme draws axes and legends in a grey too faint for a projector.
    big = {"labelFontSize": SMALLEST_TEXT, "titleFontSize": SMALLEST_TEXT, "labelColor": INK, "titleColor": INK}
    projected["config"] = {
        **projected.get("config", {}),
        "axis": {**big, "labelOverlap": "greedy", "labelPadding": 6, "tickColor": INK, "domainColor": INK},
        "legend": {**big, "symbolSize": 400, "labelLimit": 0},
        "title": {"fontSize": TITLE_SIZE, "anchor": "start", "color": INK, "offset": 12},
        "text": {"fontSize": SMALLEST_TEXT},
        "header": big,
    }
    return projected


def _larger(node, axes: dict[str, dict]):
    """A copy of `node` with every font size below SMALLEST_TEXT raised to it, and `axes` applied."""
    if isinstance(node, list):
        return [_larger(item, axes) for item in node]
    if not isinstance(node, dict):
        return node
    copied = {key: (max(value, SMALLEST_TEXT) if key in FONT_KEYS and isinstance(value, (int, float))
                    else value if key in DATA_KEYS else _larger(value, axes)) for key, value in node.items()}
    if copied.get("field") in axes and isinstance(copied.get("axis"), dict):
        copied["axis"] = {**copied["axis"], **axes[copied["field"]]}
    return copied


def map_chart(treaty: str, state_ids: tuple[str, ...]) -> dict:
    """The ratification map (geo.map_template) for a projector."""
    return for_projector(geo.map_template(treaty, state_ids), height=470)


def parties_chart(treaty: str, total: int, launch: date | None) -> dict:
    """The parties over time (charts.parties_over_time) for a projector: a label every ten years, and the
    launch's label at the foot of its rule (at the top, in large type, it would run into the universal line's)."""
    spec = for_projector(charts.template(charts.parties_over_time(treaty, total, launch)), height=420,
                         axes={"date": {"tickCount": {"interval": "year", "step": 10}, "title": None},
                               "parties": {"tickCount": 4, "title": None}})
    for layer in _units(spec):
        if layer.get("encoding", {}).get("y") == {"value": 0}:
            layer["encoding"]["y"] = {"value": "height"}
            layer["mark"] = {**layer["mark"], "baseline": "bottom", "dy": -8}
    return spec


def _units(spec: dict):
    """Every single-mark chart of a layered chart, at every level of layers."""
    for layer in spec.get("layer", []):
        yield from _units(layer) if "layer" in layer else (layer,)


def forum_chart(measure: str) -> dict:
    """One figure of the Forums year over year (charts.forum_figure) for a projector: each Forum by its year."""
    return for_projector(charts.template(charts.forum_figure(measure)), height=360,
                         axes={"forum": {"labelExpr": "slice(datum.label, 0, 4)", "labelLimit": 0},
                               "shown": {"tickCount": 3}})


# --- What a slide shows that no page does ---------------------------------------------------------------

def named(actions: pd.DataFrame) -> str:
    """The States of `actions` (actions_since) by name, each with its date, or "none"."""
    if actions.empty:
        return _("none")
    return ", ".join(f"{escape(name)} ({describe(when, precision, earliest)})" for name, when, precision, earliest
                     in zip(actions.name, actions.date, actions.date_precision, actions.date_earliest, strict=True))


def by_type(found: pd.DataFrame) -> str:
    """How many of the events `found` are of each type, in words: 'Briefing (3), Side event (1)'; most first."""
    counted = found.type.map(events.TYPE_WORDS).value_counts()
    return ", ".join(f"{word} ({n})" for word, n in counted.items())


def by_result(found: pd.DataFrame) -> list[tuple[str, str, dict[str, int]]]:
    """For each result of `found` (results.results): its id, its words, and its figures' results.status_summary."""
    return [(result_id, rows.result.iloc[0], results.status_summary(rows))
            for result_id, rows in found.groupby("result_id", sort=False)]
