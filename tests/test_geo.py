"""Boundaries and map exports: every State drawable, the smallest as points, exports as the map shows."""

import json
from datetime import date

import pandas as pd
import pytest

from mande import cli, geo, status
from tests.conftest import DATA


@pytest.fixture(scope="module")
def states() -> pd.DataFrame:
    return pd.read_csv(DATA / "states.csv", dtype=str)


def test_every_state_has_a_drawable_geometry(states):
    geometries = geo.state_geometries(states)
    assert len(geometries) == 195
    assert not geometries.geometry.is_empty.any() and geometries.geometry.is_valid.all()


def test_states_absent_or_tiny_at_the_map_scale_are_markers(states):
    shapes = {g["id"] for g in geo.topology()["objects"]["countries"]["geometries"] if "id" in g}
    markers = geo.markers()
    absent = set(states.iso3[~states.iso_numeric.isin(shapes)])
    assert len(absent) == 29
    assert absent <= set(markers.iso3)
    assert {"TUV", "NRU", "PLW", "LCA", "VAT", "MCO", "SGP", "KIR", "MHL", "TON"} <= set(markers.iso3)
    assert markers.lon.between(-180, 180).all() and markers.lat.between(-60, 75).all()


def test_every_small_island_developing_state_is_drawn(con, states):
    sids = set(status.group_of_each_state(con, "sids_region", date(2024, 5, 10)))
    assert len(sids) == 38
    shapes = {g["id"] for g in geo.topology()["objects"]["countries"]["geometries"] if "id" in g}
    drawable = set(geo.markers().iso3) | set(states.iso3[states.iso_numeric.isin(shapes)])
    assert sids <= drawable


def test_markers_stand_where_their_states_are():
    at = geo.markers().set_index("iso3")
    assert at.loc["TUV"].lat == pytest.approx(-8.5, abs=1) and abs(at.loc["TUV"].lon) > 175
    assert at.loc["VAT"].lat == pytest.approx(41.9, abs=0.1) and at.loc["VAT"].lon == pytest.approx(12.45, abs=0.1)
    assert at.loc["LCA"].lat == pytest.approx(13.9, abs=0.5) and at.loc["LCA"].lon == pytest.approx(-61, abs=0.5)


def test_map_rows_carry_the_status_on_dates_the_sources_fix(con):
    at_launch = status.status_for_map(con, "UNCAT", date(2014, 3, 3))
    assert len(at_launch) == 195 and (at_launch.status == "party").sum() == 154
    samoa = status.status_for_map(con, "UNCAT", date(2019, 3, 28)).set_index("iso3").loc["WSM"]
    assert (samoa.status, samoa.became_party, samoa.by) == ("party", "28 March 2019", "Accession")
    assert status.status_for_map(con, "UNCAT", date(2019, 3, 27)).set_index("iso3").loc["WSM"].status == "no action"
    fiji = status.status_for_map(con, "OPCAT", date(2024, 5, 10)).set_index("iso3").loc["FJI"]
    assert (fiji.status, fiji.other_status) == ("no action", "Party")


def test_mande_map_writes_geojson_with_a_feature_per_state(built_db, tmp_path):
    out = tmp_path / "uncat.geojson"
    assert cli.main(["map", "--as-of", "2014-03-03", "--out", str(out), "--db", str(built_db)]) == 0
    features = json.loads(out.read_text())["features"]
    assert len(features) == 195
    by_state = {f["properties"]["iso3"]: f for f in features}
    assert sum(f["properties"]["status"] == "party" for f in features) == 154
    assert by_state["TUV"]["geometry"]["type"] == "Point"
    assert by_state["FJI"]["geometry"]["type"] == "MultiPolygon"
    assert by_state["IND"]["properties"]["status"] == "signatory"
    assert by_state["BRN"]["properties"]["status"] == "no action"  # it signed in September 2015
    assert {"iso3", "name", "status"} <= set(by_state["TUV"]["properties"])


def test_mande_map_writes_the_map_as_drawn(built_db, tmp_path):
    svg, png = tmp_path / "opcat.svg", tmp_path / "opcat.png"
    opcat = ["map", "--treaty", "OPCAT", "--as-of", "2024-05-10", "--out", str(svg), "--db", str(built_db)]
    assert cli.main(opcat) == 0
    text = svg.read_text()
    assert "OPCAT status of the 195 States, 10 May 2024" in text
    assert "Party (94)" in text and "Signatory (11)" in text and "Treaty data confirmed to 2026-02-03" in text
    assert cli.main(["map", "--out", str(png), "--db", str(built_db)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_mande_map_names_the_formats_it_writes(built_db, tmp_path, capsys):
    assert cli.main(["map", "--out", str(tmp_path / "map.jpg"), "--db", str(built_db)]) == 2
    assert "name the file .png, .svg or .geojson" in capsys.readouterr().err
