"""GeoJSON (RFC 7946) and GeoPackage exports: structure, types, determinism, styles."""
from __future__ import annotations

import json
import sqlite3

import pyogrio
import pytest
from shapely.geometry import shape

from mapper.publish.export import write_geojson, write_gpkg
from mapper.publish.layers import build_layers

NAMES = ["events", "movements", "areas", "places"]


@pytest.fixture
def written(synthetic_layers, tmp_path):
    write_geojson(synthetic_layers, tmp_path / "data")
    write_gpkg(synthetic_layers, tmp_path / "frontline.gpkg")
    return tmp_path


@pytest.mark.parametrize("name, n", [("events", 7), ("movements", 2), ("areas", 5), ("places", 5)])
def test_geojson_is_rfc7946(written, name, n):
    fc = json.loads((written / "data" / f"{name}.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert len(fc["features"]) == n
    for f in fc["features"]:
        g = f["geometry"]

        def coords(c):
            if isinstance(c[0], (int, float)):
                yield c
            else:
                for x in c:
                    yield from coords(x)
        for lon, lat in coords(g["coordinates"]):
            assert 35 < lon < 42 and 32 < lat < 37  # lon/lat order (Syria)
            assert len(repr(lon).split(".")[-1]) <= 7 and len(repr(lat).split(".")[-1]) <= 7
        if g["type"] == "Polygon":
            from shapely.geometry import LinearRing
            assert LinearRing(g["coordinates"][0]).is_ccw  # right-hand rule exterior
            assert all(not LinearRing(h).is_ccw for h in g["coordinates"][1:])
            assert shape(g).is_valid
    assert (written / "data" / f"{name}.qml").exists()


def test_geojson_values(written):
    fc = json.loads((written / "data" / "events.geojson").read_text(encoding="utf-8"))
    p = {f["properties"]["id"]: f["properties"] for f in fc["features"]}
    assert p["a1-e1"]["date"] == "2016-12-11" and p["a1-e1"]["published"] == "2016-12-11"
    assert p["a3-e1"]["date"] is None and p["a3-e1"]["published"] is None
    assert p["a2-e1"]["quote"].startswith("Residents said <script>")  # data unchanged, pages escape
    assert isinstance(p["a1-e1"]["char_start"], int) and p["a1-e1"]["confidence"] == 0.9


def test_geojson_byte_identical(synthetic_build, tmp_path):
    from tests.conftest import make_synthetic_build, make_synthetic_fronts

    write_geojson(build_layers(synthetic_build), tmp_path / "a")
    b2 = make_synthetic_build()
    b2.fronts = make_synthetic_fronts()
    b2.events.reverse()
    write_geojson(build_layers(b2), tmp_path / "b")
    for name in NAMES:
        assert (tmp_path / "a" / f"{name}.geojson").read_bytes() == (tmp_path / "b" / f"{name}.geojson").read_bytes()


def test_gpkg_byte_identical(synthetic_layers, tmp_path):
    write_gpkg(synthetic_layers, tmp_path / "a.gpkg")
    write_gpkg(synthetic_layers, tmp_path / "b.gpkg")
    assert (tmp_path / "a.gpkg").read_bytes() == (tmp_path / "b.gpkg").read_bytes()


def test_gpkg_version_layers_and_date_fields(written):
    gpkg = written / "frontline.gpkg"
    con = sqlite3.connect(gpkg)
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
        assert con.execute("PRAGMA user_version").fetchone()[0] == 10200       # GeoPackage 1.2
        geoms = dict(con.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
        assert geoms == {"events": "POINT", "movements": "LINESTRING", "areas": "MULTIPOLYGON",
                         "front_lines": "MULTILINESTRING", "places": "POINT"}
        cols = {r[1]: r[2] for r in con.execute("PRAGMA table_info(events)")}
        for c in ("date", "date_start", "date_end", "published"):
            assert cols[c] == "DATE", c
        assert con.execute("SELECT date, published FROM events WHERE id='a1-e1'").fetchone() == (
            "2016-12-11", "2016-12-11")
        assert con.execute("SELECT date, published FROM events WHERE id='a3-e1'").fetchone() == (None, None)
        styles = con.execute("SELECT f_table_name, f_geometry_column, useAsDefault FROM layer_styles "
                             "ORDER BY f_table_name").fetchall()
        assert styles == [(n, "geom", 1) for n in ("areas", "events", "front_lines", "movements", "places")]
    finally:
        con.close()
    info = pyogrio.read_info(gpkg, layer="events")
    assert info["features"] == 7 and info["crs"] == "EPSG:4326"
    assert dict(zip(info["fields"], info["dtypes"]))["date"] == "datetime64[D]"


def test_empty_layers_export(tmp_path):
    from mapper.result import BuildResult

    layers = build_layers(BuildResult())
    write_geojson(layers, tmp_path / "data")
    write_gpkg(layers, tmp_path / "x.gpkg")
    assert json.loads((tmp_path / "data" / "events.geojson").read_text())["features"] == []
    assert pyogrio.read_info(tmp_path / "x.gpkg", layer="events")["features"] == 0


def test_unwritable_target_raises_export_error(synthetic_layers, tmp_path):
    from mapper.errors import ExportError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        write_geojson(synthetic_layers, blocker / "data")
