"""A chart as a template: its Vega-Lite specification without data, and the data put in at drawing time.

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

# Altair copies inline data slowly (the 108 KB topology took 170 ms), so the map is built with this
# placeholder, and `with_boundaries` puts the topology into the finished specification.
BOUNDARIES = "__boundaries__"
_EMPTY = "empty"  # the dataset Altair names for a chart or layer without data


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
    """Set `aria: false` on every mark without a tooltip, and on the points drawn over it, at every level of layers."""
    if isinstance(spec, dict):
        if "mark" in spec and "tooltip" not in spec.get("encoding", {}):
            mark = spec["mark"] if isinstance(spec["mark"], dict) else {"type": spec["mark"]}
            spec["mark"] = {**mark, "aria": False}
            if isinstance(mark.get("point"), dict):  # Vega-Lite draws them as a mark of their own
                spec["mark"]["point"] = {**mark["point"], "aria": False}
        for value in spec.values():
            _hide_undescribed_marks(value)
    elif isinstance(spec, list):
        for value in spec:
            _hide_undescribed_marks(value)


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


def boundaries() -> alt.InlineData:
    """The map's boundaries as Altair data: the placeholder, until `with_boundaries` puts the topology in."""
    return alt.InlineData(values=BOUNDARIES, format=alt.DataFormat(type="topojson", feature="countries"))


def with_boundaries(spec: dict, topology: dict) -> dict:
    """The map's specification with the boundaries in place of their placeholder (Altair moves inline data
    into the top-level `datasets`, so the placeholder is found wherever it stands)."""
    if isinstance(spec, dict):
        return {key: with_boundaries(value, topology) for key, value in spec.items()}
    if isinstance(spec, list):
        return [with_boundaries(item, topology) for item in spec]
    return topology if spec == BOUNDARIES else spec
