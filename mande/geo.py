"""Boundaries and map layers: Natural Earth's countries at 1:110m, and a marker for every small State.

At 1:110m, 29 of the 195 States are absent (most Pacific and Caribbean SIDS, the Holy See, Monaco,
Singapore ...) and others are a few pixels wide on a world map. Each of them gets a marker: a point inside
its largest island or territory, taken once from the 1:10m boundaries, where every State is present.
`prepare` writes the files under data/boundaries/; the app and `mande map` only read them.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from mande import charts, export
from mande.dates import describe
from mande.db import REPO_DIR
from mande.i18n import N_, _

BOUNDARIES_DIR = REPO_DIR / "data" / "boundaries"
TOPOLOGY_FILE = "countries-110m.json"  # world-atlas 2.0.2, verbatim: Natural Earth 1:110m, TopoJSON
MARKERS_FILE = "markers.csv"
# Natural Earth's 1:10m polygon of the Holy See is empty; its marker stands at Vatican City (41°54′N 12°27′E).
KNOWN_POINTS = {"VAT": (12.453, 41.904)}
SMALL_KM2 = 20_000  # below this area at 1:110m a State is a few pixels wide on a world map
EQUAL_AREA_CRS = "EPSG:6933"
BOUNDARIES_NOTE = N_("Boundaries: Natural Earth; they imply no endorsement or acceptance by the CTI or the United "
                     "Nations.")


@lru_cache(maxsize=2)
def topology(boundaries: Path = BOUNDARIES_DIR) -> dict:
    """The TopoJSON topology of the 1:110m countries (features carry the ISO 3166-1 numeric code as `id`)."""
    return json.loads((boundaries / TOPOLOGY_FILE).read_text())


@lru_cache(maxsize=2)
def markers(boundaries: Path = BOUNDARIES_DIR) -> pd.DataFrame:
    """iso3, lon, lat and why of every State drawn as a marker."""
    return pd.read_csv(boundaries / MARKERS_FILE, dtype={"iso3": str, "why": str})


def with_markers(states: pd.DataFrame) -> pd.DataFrame:
    """`states` (with iso3) plus lon and lat where the State is drawn as a marker."""
    return states.merge(markers()[["iso3", "lon", "lat"]], on="iso3", how="left")


def map_template(treaty: str, state_ids: tuple[str, ...], width: int | None = None, title: str | None = None) -> dict:
    """The status map's Vega-Lite specification without data (see charts.status_map), boundaries included."""
    chart = charts.status_map(treaty, state_ids, title)
    if width:  # exports have a fixed size; the app's map fills its column
        chart = chart.properties(width=width, height=int(width * 0.5))
    return charts.with_boundaries(charts.template(chart), topology())


def state_geometries(states: pd.DataFrame, boundaries: Path = BOUNDARIES_DIR) -> gpd.GeoDataFrame:
    """One geometry per State (EPSG:4326): its 1:110m shape, or its marker's point where it has no shape."""
    shapes = gpd.read_file(boundaries / TOPOLOGY_FILE, layer="countries").set_crs(4326, allow_override=True)
    shapes = shapes.dropna(subset=["id"]).drop_duplicates("id").set_index("id").geometry.make_valid()
    # (make_valid: a few 1:110m outlines cross themselves, e.g. Fiji's at the antimeridian)
    points = markers(boundaries).set_index("iso3")
    geometries = [
        shapes[numeric] if numeric in shapes.index else Point(points.lon[iso3], points.lat[iso3])
        for iso3, numeric in zip(states.iso3, states.iso_numeric, strict=True)
    ]
    return gpd.GeoDataFrame(states.reset_index(drop=True), geometry=geometries, crs=4326)


def map_spec(states: pd.DataFrame, treaty: str, as_of: date, source: str, width: int = 1200) -> dict:
    """The status map of `states` (status.status_for_map) as a complete specification, titled with its date and
    `source`, every State drawn: for a picture of it."""
    spec = charts.complete(
        map_template(treaty, tuple(states.iso_numeric), width=width),
        with_markers(states.assign(selected=True)),
        {charts.LEGEND_LABELS: charts.legend_labels(states.status.value_counts().to_dict())},
    )
    spec["title"] = {"text": _("{treaty} status of the 195 States, {date}").format(treaty=treaty, date=describe(as_of)),
                     "subtitle": source,
                     "fontSize": 20, "subtitleFontSize": 12, "anchor": "start"}
    return spec


def write_map(states: pd.DataFrame, treaty: str, as_of: date, source: str, out: Path) -> None:
    """The status map of `states` (status.status_for_map) as `out`: .png or .svg as drawn, .geojson as data."""
    suffix = out.suffix.lower()
    if suffix == ".geojson":
        features = state_geometries(states[["iso3", "iso_numeric", "name", "status", "signed", "became_party", "by"]])
        out.write_text(features.drop(columns=["iso_numeric"]).to_json(drop_id=True, ensure_ascii=False))
        return
    spec = map_spec(states, treaty, as_of, source)
    if suffix == ".svg":
        out.write_text(export.chart_svg(spec))
    else:
        out.write_bytes(export.chart_png(spec))


def prepare(world_atlas: Path, states: pd.DataFrame, out: Path = BOUNDARIES_DIR) -> pd.DataFrame:
    """Write the 1:110m topology and the markers of the small States into `out`; returns the markers.

    `world_atlas` is the unpacked npm package world-atlas 2.0.2 (`npm pack world-atlas@2.0.2`).
    """
    coarse = gpd.read_file(world_atlas / "countries-110m.json", layer="countries").set_crs(4326)
    fine = gpd.read_file(world_atlas / "countries-10m.json", layer="countries").set_crs(4326)
    coarse_area = dict(zip(coarse.id, coarse.to_crs(EQUAL_AREA_CRS).area / 1e6, strict=True))
    rows = []
    for iso3, numeric in zip(states.iso3, states.iso_numeric, strict=True):
        if numeric in coarse_area and coarse_area[numeric] >= SMALL_KM2:
            continue
        why = "absent at 1:110m" if numeric not in coarse_area else f"under {SMALL_KM2:,} km2 at 1:110m"
        if iso3 in KNOWN_POINTS:
            lon, lat = KNOWN_POINTS[iso3]
        else:
            # The largest part, so that a State spread over many islands (Kiribati) gets a point on land.
            parts = fine.loc[fine.id == numeric].geometry.explode(index_parts=False)
            point = parts.iloc[parts.to_crs(EQUAL_AREA_CRS).area.argmax()].representative_point()
            lon, lat = round(point.x, 3), round(point.y, 3)
        rows.append({"iso3": iso3, "lon": lon, "lat": lat, "why": why})
    out.mkdir(parents=True, exist_ok=True)
    (out / TOPOLOGY_FILE).write_bytes((world_atlas / "countries-110m.json").read_bytes())
    found = pd.DataFrame(rows)
    found.to_csv(out / MARKERS_FILE, index=False, lineterminator="\n")
    return found


if __name__ == "__main__":  # python -m mande.geo PATH/TO/world-atlas/package
    import sys

    prepared = prepare(Path(sys.argv[1]), pd.read_csv(REPO_DIR / "data" / "states.csv", dtype=str))
    print(f"{len(prepared)} markers written to {BOUNDARIES_DIR}")
