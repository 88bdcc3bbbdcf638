"""The exports in real QGIS (PyQGIS 3.22 under the system python3, offscreen)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SETUP_HINT

pytestmark = pytest.mark.qgis

SYSTEM_PY = "/usr/bin/python3"
CHECK = Path(__file__).with_name("qgis_check.py")
SIDES = {"government": "#d62728", "islamic_state": "#222222", "opposition": "#2ca02c", "sdf": "#e6b800"}


def run_qgis_check(out_dir: Path) -> dict:
    if not os.path.exists(SYSTEM_PY):
        pytest.fail(f"{SYSTEM_PY} not found: {SETUP_HINT}")
    probe = subprocess.run([SYSTEM_PY, "-c", "import qgis.core"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.fail(f"PyQGIS is not importable by {SYSTEM_PY} ({probe.stderr.strip()[-200:]}): {SETUP_HINT}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("XDG_RUNTIME_DIR", str(out_dir))
    p = subprocess.run([SYSTEM_PY, str(CHECK), str(out_dir)], capture_output=True, text=True, env=env,
                       timeout=240)
    assert p.returncode == 0, f"qgis_check failed ({p.returncode}): {p.stderr[-2000:]}"
    return json.loads(p.stdout)


@pytest.fixture(scope="module")
def qgis_report(synthetic_output):
    return run_qgis_check(synthetic_output)


EXPECTED = [  # key, features, geometry, renderer
    ("geojson:events", 7, "Point", "categorizedSymbol"),
    ("geojson:movements", 2, "LineString", "categorizedSymbol"),
    ("geojson:areas", 5, "Polygon", "categorizedSymbol"),  # 4 polygons + 1 front line (mixed file)
    ("geojson:places", 5, "Point", "singleSymbol"),
    ("gpkg:events", 7, "Point", "categorizedSymbol"),
    ("gpkg:movements", 2, "LineString", "categorizedSymbol"),
    ("gpkg:areas", 4, "MultiPolygon", "categorizedSymbol"),
    ("gpkg:front_lines", 1, "MultiLineString", "singleSymbol"),
    ("gpkg:places", 5, "Point", "singleSymbol"),
]


@pytest.mark.parametrize("key, n, geom, renderer", EXPECTED)
def test_layer_loads_valid_with_style(qgis_report, key, n, geom, renderer):
    info = qgis_report["layers"][key]
    assert info["valid"], info
    assert info["features"] == n
    assert info["crs"] == "EPSG:4326"
    assert info["geometry"] == geom
    # QGIS applied our style on load (data/<name>.qml beside the GeoJSON, layer_styles in the GPKG);
    # a layer without a style would get QGIS's default singleSymbol renderer with a random colour
    assert info["renderer"] == renderer
    if renderer == "categorizedSymbol":
        assert info["attr"] == "side"
        cats = dict(info["categories"])
        for side, colour in SIDES.items():
            assert cats[side] == colour
        assert "" in cats  # all other sides


@pytest.mark.parametrize("key", ["geojson:events", "gpkg:events"])
def test_event_symbol_by_kind(qgis_report, key):
    assert {"name", "size"} <= set(qgis_report["layers"][key]["data_defined"])


@pytest.mark.parametrize("key", [k for k, *_ in EXPECTED if k.split(":")[1] in ("events", "movements", "areas")])
def test_date_fields_are_dates(qgis_report, key):
    fields = qgis_report["layers"][key]["fields"]
    names = ["date", "date_start", "date_end", "published"]
    for f in names:
        # GPKG: DATE columns; GeoJSON: the OGR driver types YYYY-MM-DD strings as Date
        assert fields[f] == "Date", (key, f, fields[f])
    assert fields["quote"] == "String"
    if key.endswith(":events"):
        assert fields["char_start"] in ("Integer", "Integer64")
        assert fields["confidence"] == "Real"


def test_gpkg_styles_come_from_layer_styles_table(qgis_report):
    assert qgis_report["gpkg_sublayers"] == ["areas", "events", "front_lines", "layer_styles", "movements",
                                             "places"] or "layer_styles" not in qgis_report["gpkg_sublayers"]
    for name in ("events", "movements", "areas", "front_lines", "places"):
        styles = qgis_report["layers"][f"gpkg:{name}"]["db_styles"]
        assert styles and styles[0] == f"frontline {name}", (name, styles)


def test_seeds_exports_in_qgis(seeds_output):
    rep = run_qgis_check(seeds_output)
    for key in ("geojson:events", "gpkg:events"):
        info = rep["layers"][key]
        assert info["valid"] and info["crs"] == "EPSG:4326" and info["features"] > 0
        assert info["renderer"] == "categorizedSymbol"
        assert info["fields"]["date"] == "Date"
