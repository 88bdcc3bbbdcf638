"""Hostile gazetteer imports (issue 11): malformed GeoJSON never crashes
`gazetteer import`; out-of-range, NaN, inf and text coordinates are skipped
with a file:line message in every importer, so no invalid coordinate ever
reaches the index (and the front code).
"""
from __future__ import annotations

import json
import math

import pytest

from gazetteer.errors import ImportFormatError
from gazetteer.index import PlaceIndex
from gazetteer.importers import import_file
from mapper.cli import main

POINT = {"type": "Point", "coordinates": [38.2, 34.5]}


def _fc(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _feat(geometry=POINT, properties=None) -> dict:
    return {"type": "Feature", "geometry": geometry,
            "properties": {"name": "Good Place"} if properties is None else properties}


MALFORMED = [
    ("feature a string", "abc", "expected a Feature object, got str"),
    ("feature a number", 5, "expected a Feature object, got int"),
    ("feature null", None, "expected a Feature object, got NoneType"),
    ("geometry a string", _feat(geometry="POINT(38 34)"), "geometry is str"),
    ("geometry null", _feat(geometry=None), "geometry is NoneType"),
    ("coordinates a number", _feat(geometry={"type": "Point", "coordinates": 5}), "not a [lon, lat] list"),
    ("coordinates nested", _feat(geometry={"type": "Point", "coordinates": [[[38, 34]], [1]]}),
     "not two numbers"),
    ("coordinates bools", _feat(geometry={"type": "Point", "coordinates": [True, False]}), "not two numbers"),
    ("coordinates text", _feat(geometry={"type": "Point", "coordinates": ["x", "y"]}), "not numbers"),
    ("properties a list", _feat(properties=["name", "x"]), "properties is list"),
    ("name an object", _feat(properties={"name": {"en": "x"}}), "non-text name"),
    ("line string", _feat(geometry={"type": "LineString", "coordinates": [[1, 2], [3, 4]]}), "not a Point"),
    ("latitude out of range", _feat(geometry={"type": "Point", "coordinates": [38.2, 95.0]}),
     "latitude 95.0 outside -90..90"),
    ("longitude out of range", _feat(geometry={"type": "Point", "coordinates": [181.0, 34.0]}),
     "longitude 181.0 outside"),
]


@pytest.mark.parametrize("name,feature,message", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_geojson_feature_is_one_error_line(tmp_path, name, feature, message):
    p = tmp_path / "places.geojson"
    p.write_text(json.dumps(_fc(_feat(), feature), indent=1), encoding="utf-8")
    stats = import_file(p, PlaceIndex(":memory:"))
    assert stats.imported == 1                       # the good feature still comes in
    assert len(stats.errors) == 1
    err = stats.errors[0]
    assert err.startswith("places.geojson:") and "feature 2" in err and message in err, err
    assert int(err.split(":")[1]) > 1                # the line of the feature, not of the file start


def test_geojson_error_lines_point_at_the_feature(tmp_path):
    p = tmp_path / "places.geojson"
    feats = [_feat(), "oops", _feat(geometry="POINT(1 2)")]
    p.write_text('{"type": "FeatureCollection", "features": [\n' + ",\n".join(json.dumps(f) for f in feats)
                 + "\n]}\n", encoding="utf-8")
    stats = import_file(p, PlaceIndex(":memory:"))
    assert [e.split(": feature")[0] for e in stats.errors] == ["places.geojson:3", "places.geojson:4"]


@pytest.mark.parametrize("doc,message", [
    ({"type": "FeatureCollection", "features": {"a": 1}}, '"features" is a dict'),
    ([1, 2, 3], "not a GeoJSON FeatureCollection"),
    ("just text", "not a GeoJSON FeatureCollection"),
])
def test_wrong_geojson_document_is_a_format_error(tmp_path, doc, message):
    p = tmp_path / "places.geojson"
    p.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=message):
        import_file(p, PlaceIndex(":memory:"))


def test_deeply_nested_geojson_is_a_format_error(tmp_path):
    p = tmp_path / "deep.geojson"
    p.write_text('{"type": "FeatureCollection", "features": [' + "[" * 100_000 + "]" * 100_000 + "]}",
                 encoding="utf-8")
    with pytest.raises(ImportFormatError, match="nested too deeply"):
        import_file(p, PlaceIndex(":memory:"))


@pytest.mark.parametrize("doc", [
    _fc("abc", 5), _fc(_feat(geometry="x")), {"type": "FeatureCollection", "features": 7},
    '{"type": "FeatureCollection", "features": [' + "[" * 50_000 + "]" * 50_000 + "]}",
])
def test_cli_import_of_malformed_geojson_exits_2_without_traceback(tmp_path, capsys, doc):
    p = tmp_path / "bad.geojson"
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    rc = main(["gazetteer", "import", str(p), "--index", str(tmp_path / "idx.sqlite")])
    err = capsys.readouterr().err
    assert rc == 2
    assert "Traceback" not in err and "bad.geojson" in err


BAD_COORDS = [("91", "10", "latitude 91.0 outside"), ("nan", "10", "not finite"), ("inf", "3", "not finite"),
              ("-inf", "3", "not finite"), ("1e400", "3", "not finite"), ("abc", "3", "not numbers"),
              ("", "3", "not numbers"), ("34", "181", "longitude 181.0 outside"),
              ("34", "NaN", "not finite")]


@pytest.mark.parametrize("lat,lon,message", BAD_COORDS, ids=[f"{a}/{b}" for a, b, _ in BAD_COORDS])
def test_csv_bad_coordinates_are_skipped_with_line(tmp_path, lat, lon, message):
    p = tmp_path / "places.csv"
    p.write_text(f"name,lat,lon\nGood,34.5,38.2\nBad,{lat},{lon}\n", encoding="utf-8")
    idx = PlaceIndex(":memory:")
    stats = import_file(p, idx)
    assert stats.imported == 1
    assert len(stats.errors) == 1 and stats.errors[0].startswith("places.csv:3: ") and message in stats.errors[0]


@pytest.mark.parametrize("lat,lon,message", BAD_COORDS, ids=[f"{a}/{b}" for a, b, _ in BAD_COORDS])
def test_geonames_bad_coordinates_are_skipped_with_line(tmp_path, lat, lon, message):
    def row(gid, la, lo):
        return "\t".join([str(gid), f"Place {gid}", "Place", "", la, lo, "P", "PPL", "SY", "", "", "", "",
                          "", "100", "", "", "", "2020-01-01"])

    p = tmp_path / "XX.txt"
    p.write_text(row(1, "34.5", "38.2") + "\n" + row(2, lat, lon) + "\n", encoding="utf-8")
    stats = import_file(p, PlaceIndex(":memory:"))
    assert stats.imported == 1 and len(stats.errors) == 1
    assert stats.errors[0].startswith("XX.txt:2: ")
    assert message in stats.errors[0] or "bad geonameid/latitude/longitude" in stats.errors[0]


@pytest.mark.parametrize("lat,lon,message", [(95.0, 10.0, "latitude 95.0 outside"),
                                              (10.0, -200.0, "longitude -200.0 outside"),
                                              ("NaN", 10.0, "not finite"), ("north", 10.0, "not numbers")])
def test_geojson_bad_coordinates_are_skipped(tmp_path, lat, lon, message):
    p = tmp_path / "p.geojson"
    p.write_text(json.dumps(_fc(_feat(), _feat(geometry={"type": "Point", "coordinates": [lon, lat]}))),
                 encoding="utf-8")
    stats = import_file(p, PlaceIndex(":memory:"))
    assert stats.imported == 1 and len(stats.errors) == 1 and message in stats.errors[0]


def test_no_invalid_coordinate_reaches_the_index_or_a_build(tmp_path):
    """Bad rows never enter the index; a build that mentions their names completes."""
    from mapper.pipeline import build

    p = tmp_path / "places.csv"
    p.write_text("name,lat,lon\nQaryat Goodplace,34.9,37.9\nQaryat Nanplace,nan,38\n"
                 "Qaryat Farplace,1e308,38\nQaryat Textplace,north,38\nQaryat Swapplace,138.2,34.5\n",
                 encoding="utf-8")
    index = tmp_path / "user.sqlite"
    idx = PlaceIndex(index)
    stats = import_file(p, idx)
    assert stats.imported == 1 and stats.error_count == 4
    rows = idx.conn.execute("SELECT lat, lon FROM places").fetchall() if hasattr(idx, "conn") else []
    for lat, lon in rows:
        assert math.isfinite(lat) and -90 <= lat <= 90 and -180 <= lon <= 180
    art = tmp_path / "a.txt"
    art.write_text("Government forces captured Qaryat Goodplace, Qaryat Nanplace, Qaryat Farplace and "
                   "Qaryat Textplace on 3 May 2016.\n", encoding="utf-8")
    res = build([art], tmp_path / "out", gazetteer_index=index, write_pages=False, write_gpkg=False,
                progress=False)
    assert len(res.results) == 1 and not res.failures
    for place in res.places.values():
        assert math.isfinite(place.lat) and -90 <= place.lat <= 90 and -180 <= place.lon <= 180
