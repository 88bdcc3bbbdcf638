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
    ("geojson:events", 6, "Point", "categorizedSymbol"),          # the undated a3-e1 is in events_undated
    ("geojson:events_undated", 1, "Point", "categorizedSymbol"),
    ("geojson:movements", 2, "LineString", "categorizedSymbol"),
    ("geojson:areas", 5, "Polygon", "categorizedSymbol"),  # 4 polygons + 1 front line (mixed file)
    ("geojson:places", 5, "Point", "singleSymbol"),
    ("gpkg:events", 6, "Point", "categorizedSymbol"),
    ("gpkg:events_undated", 1, "Point", "categorizedSymbol"),
    ("gpkg:movements", 2, "LineString", "categorizedSymbol"),
    ("gpkg:movements_undated", 0, "LineString", "categorizedSymbol"),
    ("gpkg:areas", 4, "MultiPolygon", "categorizedSymbol"),
    ("gpkg:areas_undated", 0, "MultiPolygon", "categorizedSymbol"),
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


@pytest.mark.parametrize("key", [k for k, n, *_ in EXPECTED
                                 if k.split(":")[1] in ("events", "movements", "areas") or (
                                     k.startswith("gpkg:") and k.endswith("_undated"))])
def test_date_fields_are_dates(qgis_report, key):
    fields = qgis_report["layers"][key]["fields"]
    names = ["date", "date_start", "date_end", "published"]
    for f in names:
        # GPKG: DATE columns; GeoJSON: the OGR driver types YYYY-MM-DD strings as Date
        assert fields[f] == "Date", (key, f, fields[f])
    assert fields["quote"] == "String"
    # the Temporal Controller's fields: DateTime, so a frame [D 00:00, D+1 00:00) compares exactly
    assert fields["time_start"] == fields["time_end"] == "DateTime", (key, fields["time_start"])
    if key.endswith(":events"):
        assert fields["char_start"] in ("Integer", "Integer64")
        assert fields["confidence"] == "Real"


GPKG_LAYERS = ["areas", "areas_undated", "events", "events_undated", "front_lines", "movements",
               "movements_undated", "places"]


def test_gpkg_styles_come_from_layer_styles_table(qgis_report):
    subs = [n for n in qgis_report["gpkg_sublayers"] if n != "layer_styles"]
    assert subs == GPKG_LAYERS
    for name in GPKG_LAYERS:
        styles = qgis_report["layers"][f"gpkg:{name}"]["db_styles"]
        assert styles and styles[0] == f"frontline {name}", (name, styles)




# ----------------------------------------------------------------------------
# Temporal Controller: frames walked by QGIS itself (tests/qgis_check.py walk_frames)
# ----------------------------------------------------------------------------

def _days(start: str, end: str) -> list[str]:
    from datetime import date, timedelta

    d, e = date.fromisoformat(start), date.fromisoformat(end)
    out = []
    while d <= e:
        out.append(d.isoformat())
        d += timedelta(days=1)
    return out


def expected_frames(fc: dict) -> dict[str, list[str]]:
    """Day -> ids whose closed interval date_start..date_end contains the day (from a GeoJSON file)."""
    by_day: dict[str, list[str]] = {}
    for f in fc["features"]:
        p = f["properties"]
        if p["date_start"] and p["date_end"]:
            for d in _days(p["date_start"], p["date_end"]):
                by_day.setdefault(d, []).append(p["id"])
    return {d: sorted(ids) for d, ids in sorted(by_day.items())}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", ["gpkg:events", "geojson:events", "gpkg:movements", "geojson:movements"])
def test_synthetic_frames_show_exactly_the_days_events(qgis_report, synthetic_output, key):
    name = key.split(":")[1]
    want = expected_frames(_load(synthetic_output / "data" / f"{name}.geojson"))
    assert qgis_report["frames"][key]["days"] == want
    if name == "events":
        # the week-precision event (5..11 Dec) is on each of its 7 frames, not on the 4th or the 12th
        assert qgis_report["frames"][key]["days"]["2016-12-05"] == ["a2-e3"]
        assert "a2-e3" not in qgis_report["frames"][key]["days"].get("2016-12-12", [])
        assert "2016-12-04" not in qgis_report["frames"][key]["days"]


def test_synthetic_undated_never_on_a_frame(qgis_report):
    for key in ("gpkg:events_undated", "geojson:events_undated"):
        assert qgis_report["frames"][key]["days"] == {}
    for key in ("gpkg:events", "geojson:events"):
        assert all("a3-e1" not in ids for ids in qgis_report["frames"][key]["days"].values())


def test_style_turns_the_temporal_controller_on(qgis_report):
    """Loading data/events.qml (Layer Properties > Style > Load Style) sets the recipe's fields."""
    t = qgis_report["layers"]["geojson:events"]["qml_temporal"]
    assert t == {"active": True, "mode": 2, "start": "time_start", "end": "time_end", "limit_mode": 0}


@pytest.fixture(scope="module")
def seeds_qgis(seeds_output):
    return run_qgis_check(seeds_output)


def test_seeds_exports_in_qgis(seeds_qgis):
    rep = seeds_qgis
    for key in ("geojson:events", "gpkg:events"):
        info = rep["layers"][key]
        assert info["valid"] and info["crs"] == "EPSG:4326" and info["features"] > 0
        assert info["renderer"] == "categorizedSymbol"
        assert info["fields"]["date"] == "Date"
        assert info["fields"]["time_start"] == "DateTime"


@pytest.mark.parametrize("key", ["gpkg:events", "geojson:events", "gpkg:movements"])
def test_seeds_frames_match_events_geojson(seeds_qgis, seeds_output, key):
    """Every frame of the seeds shows exactly the features whose interval contains that day."""
    name = key.split(":")[1]
    want = expected_frames(_load(seeds_output / "data" / f"{name}.geojson"))
    assert want, "the seeds build has dated features"
    assert seeds_qgis["frames"][key]["days"] == want


@pytest.mark.parametrize("day, place, event_day", [
    # the README recipe used to show 2015-11-24's events on the 23rd and hide the 23rd's capture
    # of al-Qadri Farms, and show none of 2016-12-11's events on the 11th
    ("2015-11-23", "Al-Qadri Farms", "2015-11-23"),
    ("2015-11-22", "Al-Qadri Farms", "2015-11-23"),
    ("2015-11-24", "Al-Qadri Farms", "2015-11-23"),
    ("2016-12-11", "Palmyra", "2016-12-11"),
    ("2016-12-10", "Palmyra", "2016-12-11"),
    ("2016-12-12", "Palmyra", "2016-12-11"),
])
def test_seeds_named_frames(seeds_qgis, seeds_output, day, place, event_day):
    from datetime import date, timedelta

    feats = [f["properties"] for f in _load(seeds_output / "data" / "events.geojson")["features"]]
    ids = {p["id"] for p in feats if p["place"] == place and p["date"] == event_day}
    assert ids, (place, event_day)
    on_frame = set(seeds_qgis["frames"]["gpkg:events"]["days"].get(day, []))
    if day == event_day:
        assert ids <= on_frame, (day, place, sorted(on_frame))
    else:
        assert not ids & on_frame, (day, place)
    nxt = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    assert not {p["id"] for p in feats if p["date_start"] == nxt} & on_frame   # nothing from the next day


def test_seeds_undated_events_on_no_frame(seeds_qgis, seeds_output):
    undated = {f["properties"]["id"] for f in _load(seeds_output / "data" / "events_undated.geojson")["features"]}
    assert undated, "the seeds have undated events (one undated article)"
    for key in ("gpkg:events", "geojson:events"):
        assert not undated & {i for ids in seeds_qgis["frames"][key]["days"].values() for i in ids}
    assert seeds_qgis["frames"]["gpkg:events_undated"]["days"] == {}


@pytest.mark.parametrize("key", ["gpkg:areas", "gpkg:front_lines"])
def test_seeds_one_control_estimate_per_frame(seeds_qgis, seeds_output, key):
    """Control areas and fronts: each frame shows one control row per side (no stack of
    repeated rows per build date), and every day between the first and the last control
    estimate has one."""
    fc = _load(seeds_output / "data" / "areas.geojson")
    rows = {f["properties"]["id"]: f["properties"] for f in fc["features"]}
    lt = "control" if key.endswith("areas") else "front"
    days = seeds_qgis["frames"][key]["days"]
    shown_days = []
    for day, ids in days.items():
        ctl = [rows[i] for i in ids if rows[i]["layer_type"] == lt]
        if not ctl:
            continue
        shown_days.append(day)
        # merged rows of one estimate may start on different build dates (a side whose
        # area did not change keeps its earlier row), but a frame never stacks two
        # rows of one side
        if lt == "control":
            sides = [r["side"] for r in ctl]
            assert len(sides) == len(set(sides)), (day, sides)       # one row per side
    assert shown_days
    if lt == "control":   # a front exists only while two sides face each other; control has no gaps
        assert shown_days == _days(shown_days[0], shown_days[-1])
    # merged: one control row per side and validity interval (fronts are split by evidence age)
    ctl_rows = [r for r in rows.values() if r["layer_type"] == lt]
    if lt == "control":
        assert len({(r["side"], r["date_start"]) for r in ctl_rows}) == len(ctl_rows)
    assert len({r["id"] for r in ctl_rows}) == len(ctl_rows)
