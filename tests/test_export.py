"""GeoJSON (RFC 7946) and GeoPackage exports: structure, types, determinism, styles."""
from __future__ import annotations

import json
import sqlite3

import pyogrio
import pytest
from shapely.geometry import shape

from mapper.publish.export import write_geojson, write_gpkg
from mapper.publish.layers import build_layers

NAMES = ["events", "events_undated", "movements", "movements_undated", "areas", "areas_undated", "places"]


@pytest.fixture
def written(synthetic_layers, tmp_path):
    write_geojson(synthetic_layers, tmp_path / "data")
    write_gpkg(synthetic_layers, tmp_path / "frontline.gpkg")
    return tmp_path


@pytest.mark.parametrize("name, n", [("events", 6), ("events_undated", 1), ("movements", 2),
                                     ("movements_undated", 0), ("areas", 5), ("areas_undated", 0), ("places", 5)])
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
    und = json.loads((written / "data" / "events_undated.geojson").read_text(encoding="utf-8"))
    q = {f["properties"]["id"]: f["properties"] for f in und["features"]}
    assert set(q) == {"a3-e1"} and "a3-e1" not in p
    assert q["a3-e1"]["date"] is None and q["a3-e1"]["published"] is None
    assert q["a3-e1"]["time_start"] is None and q["a3-e1"]["time_end"] is None
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
        assert geoms == {"events": "POINT", "events_undated": "POINT", "movements": "LINESTRING",
                         "movements_undated": "LINESTRING", "areas": "MULTIPOLYGON",
                         "areas_undated": "MULTIPOLYGON", "front_lines": "MULTILINESTRING", "places": "POINT"}
        cols = {r[1]: r[2] for r in con.execute("PRAGMA table_info(events)")}
        for c in ("date", "date_start", "date_end", "published"):
            assert cols[c] == "DATE", c
        assert cols["time_start"] == cols["time_end"] == "DATETIME"
        assert con.execute("SELECT time_start, time_end FROM events WHERE id='a1-e1'").fetchone() == (
            "2016-12-11T00:00:00.000Z", "2016-12-12T00:00:00.000Z") or con.execute(
            "SELECT time_start, time_end FROM events WHERE id='a1-e1'").fetchone() == (
            "2016-12-11T00:00:00.000", "2016-12-12T00:00:00.000")
        assert con.execute("SELECT date, published FROM events WHERE id='a1-e1'").fetchone() == (
            "2016-12-11", "2016-12-11")
        assert con.execute("SELECT date, published FROM events_undated WHERE id='a3-e1'").fetchone() == (None, None)
        assert con.execute("SELECT count(*) FROM events WHERE id='a3-e1'").fetchone() == (0,)
        styles = con.execute("SELECT f_table_name, f_geometry_column, useAsDefault FROM layer_styles "
                             "ORDER BY f_table_name").fetchall()
        assert styles == [(n, "geom", 1) for n in ("areas", "areas_undated", "events", "events_undated",
                                                   "front_lines", "movements", "movements_undated", "places")]
        qml = dict(con.execute("SELECT f_table_name, styleQML FROM layer_styles"))
        assert 'startField="time_start"' in qml["events"] and "<temporal" not in qml["events_undated"]
    finally:
        con.close()
    info = pyogrio.read_info(gpkg, layer="events")
    assert info["features"] == 6 and info["crs"] == "EPSG:4326"
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


@pytest.mark.parametrize("eid, start, end", [
    ("a1-e1", "2016-12-11T00:00:00", "2016-12-12T00:00:00"),   # one day: [D 00:00, D+1 00:00)
    ("a2-e3", "2016-12-05T00:00:00", "2016-12-12T00:00:00"),   # week 5..11 Dec: end is the 12th, exclusive
])
def test_geojson_time_fields(written, eid, start, end):
    fc = json.loads((written / "data" / "events.geojson").read_text(encoding="utf-8"))
    p = {f["properties"]["id"]: f["properties"] for f in fc["features"]}[eid]
    assert (p["time_start"], p["time_end"]) == (start, end)


def test_qml_carries_the_temporal_settings(written):
    qml = (written / "data" / "events.qml").read_text(encoding="utf-8")
    assert '<temporal enabled="1" mode="2" startField="time_start" endField="time_end" limitMode="0"' in qml
    assert "<temporal" not in (written / "data" / "events_undated.qml").read_text(encoding="utf-8")
    assert "<temporal" not in (written / "data" / "places.qml").read_text(encoding="utf-8")


def test_control_rows_merged_per_validity_interval(tmp_path):
    """Three build dates with the same government area: one row [first date, open)."""
    import geopandas as gpd
    from shapely.geometry import Polygon

    from tests.conftest import make_synthetic_build

    b = make_synthetic_build()
    poly = Polygon([(37.55, 34.45), (38.25, 34.45), (38.25, 34.65), (37.55, 34.65)])
    other = Polygon([(38.25, 34.50), (38.40, 34.50), (38.40, 34.65), (38.25, 34.65)])
    rows = [{"date": d, "date_start": "2016-12-10", "date_end": None, "layer_type": "control",
             "side": "government", "geometry": poly} for d in ("2016-12-10", "2016-12-11", "2016-12-12")]
    rows.append({"date": "2016-12-12", "date_start": "2016-12-12", "date_end": None, "layer_type": "control",
                 "side": "islamic_state", "geometry": other})
    b.fronts = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    layers = build_layers(b)
    write_geojson(layers, tmp_path / "data")
    fc = json.loads((tmp_path / "data" / "areas.geojson").read_text(encoding="utf-8"))
    ctl = [f["properties"] for f in fc["features"] if f["properties"]["layer_type"] == "control"]
    gov = [p for p in ctl if p["side"] == "government"]
    assert len(gov) == 1
    assert (gov[0]["date"], gov[0]["date_start"], gov[0]["date_end"]) == ("2016-12-10", "2016-12-10", None)
    assert (gov[0]["time_start"], gov[0]["time_end"]) == ("2016-12-10T00:00:00", "2016-12-13T00:00:00")
    isl = [p for p in ctl if p["side"] == "islamic_state"]
    assert [(p["date_start"], p["time_end"]) for p in isl] == [("2016-12-12", "2016-12-13T00:00:00")]
    # the layers themselves keep one row per build date (the pages pick "as of" a date)
    assert (layers.areas.layer_type == "control").sum() == 4
