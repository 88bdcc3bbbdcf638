"""End to end: `frontline build seeds/` writes the output contract."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from geopy.distance import geodesic

ROOT = Path(__file__).resolve().parents[1]
from tests.shared_paths import SEEDS_EXPECTED

EXPECTED = yaml.safe_load(SEEDS_EXPECTED.read_text(encoding="utf-8"))

EVENT_FIELDS = ["id", "date", "date_start", "date_end", "date_precision", "kind", "side", "actor",
                "place", "place_id", "location_method", "anchor", "offset_km", "bearing_deg",
                "uncertainty_km", "article", "outlet", "published", "quote", "char_start",
                "char_end", "confidence"]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_output_contract_files(seeds_build: Path) -> None:
    for rel in ["index.html", "data/events.geojson", "data/movements.geojson", "data/areas.geojson",
                "data/places.geojson", "frontline.gpkg", "report.json"]:
        assert (seeds_build / rel).is_file(), rel
    pages = sorted(p.name for p in (seeds_build / "maps").glob("????-??-??.html"))
    for d in ["2015-11-24", "2016-03-24", "2016-12-11", "2017-03-01"]:
        assert f"{d}.html" in pages


def test_report_counts(seeds_build: Path) -> None:
    rep = _load(seeds_build / "report.json")
    assert rep["articles"] == {"total": 5, "processed": 5, "failed": 0, "undated": 1}
    assert set(rep["timings_s"]) >= {"read", "extract", "total"}
    assert isinstance(rep["unresolved"], list) and isinstance(rep["warnings"], list)
    for u in rep["unresolved"]:
        assert set(u) >= {"article", "mention", "char_start", "reason"}
    kinds = {w.get("kind") for w in rep["warnings"]}
    assert "undated_article" in kinds


@pytest.mark.parametrize("mention,lat,lon,within_km",
                         [(p["mention"], p["lat"], p["lon"], p["within_km"]) for p in (EXPECTED or {}).get("places", [])])
def test_expected_places_in_places_geojson(seeds_build: Path, mention: str, lat: float, lon: float,
                                           within_km: float) -> None:
    fc = _load(seeds_build / "data" / "places.geojson")
    dists = [geodesic((lat, lon), (f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0])).km
             for f in fc["features"]]
    assert dists and min(dists) <= within_km, f"{mention}: nearest place {min(dists):.1f} km away"


def test_events_geojson_contract(seeds_build: Path) -> None:
    fc = _load(seeds_build / "data" / "events.geojson")
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert fc["features"], "no events"
    for f in fc["features"]:
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert 30 < lat < 40 and 33 < lon < 45, "lon/lat order"
        missing = [k for k in EVENT_FIELDS if k not in f["properties"]]
        assert not missing, missing


def test_palmyra_not_in_usa(seeds_build: Path) -> None:
    fc = _load(seeds_build / "data" / "places.geojson")
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert lon > 0, f"{f['properties']} placed in the Americas"


def test_rebuild_is_byte_identical(seeds_build: Path, tmp_path: Path) -> None:
    from mapper.pipeline import build

    build([ROOT / "seeds"], tmp_path, write_pages=False, write_gpkg=False, progress=False)
    for name in ["events.geojson", "movements.geojson", "areas.geojson", "places.geojson"]:
        assert (tmp_path / "data" / name).read_bytes() == (seeds_build / "data" / name).read_bytes(), name


def test_bad_inputs_do_not_sink_the_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mapper.cli import main

    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Syrian government forces captured the town of Palmyra on Sunday.\n",
                                  encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "bytes.txt").write_bytes(b"\xff\xfe\x00\xd8garbage\x00\x81\x8d\x8f" * 10)
    rc = main(["build", str(src), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"),
               "--no-pages", "--no-gpkg", "-q"])
    err = capsys.readouterr().err
    assert rc == 1   # some articles failed, the others were built (README "Exit codes")
    rep = _load(tmp_path / "out" / "report.json")
    assert rep["articles"]["processed"] >= 1
    paths = " ".join(f["message"] for f in rep["failures"])
    assert "missing.txt" in paths and "empty.txt" in paths
    for line in err.splitlines():
        if line.startswith("frontline: skipped:"):
            assert "\n" not in line
    assert "missing.txt" in err


@pytest.mark.parametrize("mention,gazetteer_km,stated_km", [
    ("al-Qadri Farms", 8.8, 4.0),
    ("a-Sukhna", 64.8, 31.0),
])
def test_offset_conflicts_reported_with_distances(seeds_build: Path, mention: str, gazetteer_km: float,
                                                  stated_km: float) -> None:
    rep = _load(seeds_build / "report.json")
    found = [w for w in rep["warnings"] if w.get("kind") == "offset_conflict" and w.get("mention") == mention]
    assert found, f"no offset conflict reported for {mention}"
    w = found[0]
    assert w["stated_km"] == pytest.approx(stated_km)
    assert w["gazetteer_km"] == pytest.approx(gazetteer_km, abs=0.3)
    assert w["disagreement_km"] > 2 and mention in w["message"]


@pytest.mark.parametrize("name,intervals", [
    ("Palmyra", [("islamic_state", "2015-05-01"), ("government", "2016-03-01"),
                 ("islamic_state", "2016-12-11")]),
    ("Palmyra Triangle crossroad", [("government", "2017-03-01")]),
])
def test_places_layer_carries_quote_and_control_history(seeds_build: Path, name: str,
                                                        intervals: list[tuple[str, str]]) -> None:
    fc = _load(seeds_build / "data" / "places.geojson")
    props = next(f["properties"] for f in fc["features"] if f["properties"]["name"] == name)
    assert props["quote"] and props["article"]
    text = (ROOT / "seeds" / f"{props['article']}.txt").read_text(encoding="utf-8")
    assert text[props["char_start"]:props["char_end"]] == props["quote"]
    history = json.loads(props["control_history"])
    assert [(h["side"], h["date_start"]) for h in history if h["status"] == "held"] == intervals
    for a, b in zip(history, history[1:]):
        assert a["date_end"] == b["date_start"], "an interval is valid until the next change"


@pytest.mark.parametrize("day", ["2016-12-11", "2017-03-01"])
def test_front_line_exported_for_day(seeds_build: Path, day: str) -> None:
    from shapely.geometry import LineString, Point, shape

    fc = _load(seeds_build / "data" / "areas.geojson")
    fronts = [f for f in fc["features"] if f["properties"]["layer_type"] == "front"
              and f["properties"]["date"] == day]
    controls = [f for f in fc["features"] if f["properties"]["layer_type"] == "control"
                and f["properties"]["date"] == day]
    assert fronts and controls
    palmyra = Point(38.285, 34.56)
    gov_point = Point(37.6312, 34.517) if day == "2016-12-11" else Point(38.216, 34.519)  # T-4 / triangle
    seg = LineString([gov_point, palmyra])
    assert any(shape(f["geometry"]).intersects(seg) for f in fronts)
    is_area = [f for f in controls if shape(f["geometry"]).contains(palmyra)]
    assert is_area and is_area[0]["properties"]["side"] in ("islamic_state", "contested")
    for f in fronts + controls:
        assert f["properties"]["date_start"] <= day
        assert f["properties"]["date_end"] is None or f["properties"]["date_end"] > day


def test_fakes_corpus_builds_with_no_flags(tmp_path: Path) -> None:
    """All 804 FA-KES articles (latin-1 CSV, m/d/yy dates) are processed; report.json says so."""
    from tests.shared_paths import FAKES

    from mapper.pipeline import build

    build([FAKES], tmp_path, write_pages=False, write_gpkg=False, progress=False)
    rep = _load(tmp_path / "report.json")
    assert rep["articles"] == {"total": 804, "processed": 804, "failed": 0, "undated": 0}
    assert rep["counts"]["events"] > 500
    fc = _load(tmp_path / "data" / "events.geojson")
    undated = _load(tmp_path / "data" / "events_undated.geojson")   # no closed date interval
    assert len(fc["features"]) + len(undated["features"]) == \
        rep["counts"]["events"] - rep["counts"]["events_without_location"]


@pytest.mark.parametrize("as_of,expect_aleppo_area", [(None, False), ("2015-01-01", True)])
def test_prior_snapshot(tmp_path: Path, as_of: str | None, expect_aleppo_area: bool) -> None:
    """--prior syria-2017 is an observation on its own date (2017-06-01): it does
    not colour 2015; with --prior-as-of 2015-01-01 it is the starting state."""
    from shapely.geometry import Point, shape

    from mapper.cli import main

    args = ["build", str(ROOT / "seeds"), "--out", str(tmp_path), "--prior", "syria-2017",
            "--no-pages", "--no-gpkg", "-q"]
    if as_of:
        args += ["--prior-as-of", as_of]
    assert main(args) == 0
    fc = _load(tmp_path / "data" / "areas.geojson")
    day = "2015-11-24"   # one row per validity interval: the rows valid on that day
    areas = [f for f in fc["features"] if f["properties"]["layer_type"] == "control"
             and f["properties"]["date_start"] <= day
             and (f["properties"]["date_end"] is None or day < f["properties"]["date_end"])]
    near_aleppo = Point(37.30, 36.15)    # government-held airport area in the 2017 marks
    assert any(shape(f["geometry"]).contains(near_aleppo) for f in areas) == expect_aleppo_area
    places = _load(tmp_path / "data" / "places.geojson")
    assert len(places["features"]) > 6000   # the prior's places are on the places layer


def test_prior_as_of_needs_prior(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mapper.cli import main

    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp_path), "--prior-as-of", "2015-01-01"]) == 2
    assert "--prior-as-of needs --prior" in capsys.readouterr().err


def test_both_positions_kept_for_a_conflict(seeds_build: Path) -> None:
    """al-Qadri Farms: the map uses the gazetteer point, the stated '4km west of Palmyra' stays."""
    from geopy.distance import geodesic

    fc = _load(seeds_build / "data" / "events.geojson")
    ev = next(f for f in fc["features"] if f["properties"]["place"] == "al-Qadri Farms"
              or "Qadri" in (f["properties"]["place"] or ""))
    lon, lat = ev["geometry"]["coordinates"]
    p = ev["properties"]
    assert geodesic((lat, lon), (34.526, 38.198)).km < 0.5            # gazetteer position
    assert geodesic((p["stated_lat"], p["stated_lon"]), (34.56, 38.285)).km == pytest.approx(4.0, abs=0.01)
    assert "al-Qadri" in (p["notes"] or "") or "Qadri" in (p["notes"] or "")
