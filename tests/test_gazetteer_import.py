"""Importers: GeoNames dumps (with a malformed row), CSV and GeoJSON user places."""
from __future__ import annotations

import json

import pytest
from geopy.distance import geodesic

from gazetteer import (DocumentContext, Gazetteer, ImportFormatError, PlaceIndex, import_file,
                       import_geonames, import_user_places, name_key)


def geonames_row(gid, name, ascii_, alts, lat, lon, fclass="P", fcode="PPL", cc="SY", pop="0"):
    cols = [str(gid), name, ascii_, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "",
            "11", "", "", "", pop, "", "400", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


ROWS = [
    geonames_row(9000001, "Qasr Wadi Tarfawi", "Qasr Wadi Tarfawi", ["Qasr el-Wadi Tarfaawi"],
                 34.399, 37.905, "S", "RUIN"),
    geonames_row(9000002, "Khirbat Zuwwar", "Khirbat Zuwwar", ["Kherbet Zouar", "Zuwar"], 35.1, 38.2),
    "9000003\tBroken Row\tonly six columns\t\t34.0",                       # malformed (line 3)
    geonames_row(9000004, "Jabal Bishri", "Jabal Bishri", ["Bishri Mountains"], 35.35, 39.3, "T", "MTS"),
    geonames_row(9000005, "Bad Latitude", "Bad Latitude", [], "north", 38.0),   # malformed (line 5)
]


@pytest.fixture()
def geonames_file(tmp_path):
    p = tmp_path / "SY.txt"
    p.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return p


def test_geonames_import_reports_bad_rows_and_continues(tmp_path, geonames_file):
    idx = PlaceIndex(tmp_path / "g.sqlite")
    seen = []
    stats = import_geonames(geonames_file, idx, progress=seen.append)
    assert stats.imported == 3 and stats.rows == 5
    assert stats.error_count == 2
    assert stats.errors[0].startswith("SY.txt:3:") and "19" in stats.errors[0]
    assert stats.errors[1].startswith("SY.txt:5:")
    assert all("\n" not in e for e in stats.errors)
    assert seen and seen[-1] == 5
    assert idx.count() == 3
    # kinds from feature codes
    assert idx.get("geonames:9000004").kind == "hill"
    assert idx.get("geonames:9000001").kind == "place"


@pytest.mark.parametrize("query,place", [
    ("Qasr al-Wadi Tarfawi", "Qasr Wadi Tarfawi"),
    ("Kherbet Zouar", "Khirbat Zuwwar"),
    ("Khirbet Zuwar", "Khirbat Zuwwar"),
    ("Jabal Bishri", "Jabal Bishri"),
    ("Bishri mountains", "Jabal Bishri"),
])
def test_imported_names_resolve_through_the_gazetteer(tmp_path, geonames_file, query, place):
    path = tmp_path / "user.sqlite"
    import_geonames(geonames_file, PlaceIndex(path))
    gaz = Gazetteer(index_path=path, include_user=True)
    c = gaz.resolve(query, DocumentContext.for_country("SY"))
    assert c is not None and c.place.name == place and c.place.source == "geonames"


def test_user_index_is_ignored_when_asked(tmp_path, geonames_file):
    path = tmp_path / "user.sqlite"
    import_geonames(geonames_file, PlaceIndex(path))
    assert Gazetteer(index_path=path, include_user=False).search("Khirbat Zuwwar", fuzzy=False) == []


def test_reimport_is_idempotent(tmp_path, geonames_file):
    idx = PlaceIndex(tmp_path / "g.sqlite")
    import_geonames(geonames_file, idx)
    import_geonames(geonames_file, idx)
    assert idx.count() == 3
    assert len(idx.lookup(name_key("Zuwar"))) == 1


@pytest.mark.parametrize("content,fragment", [
    ("name,lat,lon\nx,1,2\n", "not a GeoNames dump"),
    ("just\nsome\ntext\nlines\n", "not a GeoNames dump"),
])
def test_not_geonames_at_all_raises(tmp_path, content, fragment):
    p = tmp_path / "places.txt"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError, match=fragment) as e:
        import_geonames(p, PlaceIndex(":memory:"))
    assert str(p) in str(e.value)


def test_missing_file_raises_with_path(tmp_path):
    p = tmp_path / "nope.txt"
    with pytest.raises(ImportFormatError, match="does not exist") as e:
        import_geonames(p, PlaceIndex(":memory:"))
    assert "nope.txt" in str(e.value)
    with pytest.raises(ValueError):           # ImportFormatError is a ValueError too
        import_user_places(tmp_path / "nope.csv", PlaceIndex(":memory:"))


def test_csv_user_places(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("name,lat,lon,kind,aliases,country\n"
                 "Checkpoint Zulu,34.50,38.10,military base,CP Zulu;Zulu checkpoint,SY\n"
                 "Wadi Abyad Camp,34.61,38.40,,,SY\n"
                 "Broken,abc,38.4,,,SY\n", encoding="utf-8")
    idx = PlaceIndex(tmp_path / "u.sqlite")
    stats = import_user_places(p, idx)
    assert stats.imported == 2 and stats.error_count == 1
    assert stats.errors[0].startswith("mine.csv:4:")
    gaz = Gazetteer(index_path=tmp_path / "u.sqlite")
    c = gaz.resolve("CP Zulu")
    assert c.place.name == "Checkpoint Zulu" and c.place.kind == "military base"
    assert c.place.source == "user" and c.place.id.startswith("user:")
    assert geodesic(c.place.latlon, (34.5, 38.1)).km < 0.1


def test_geojson_user_places(tmp_path):
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [38.30, 34.58]},   # lon, lat
         "properties": {"name": "Observation Post Seven", "kind": "hill", "aliases": ["OP7"]}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
         "properties": {"name": "A road"}},
    ]}
    p = tmp_path / "mine.geojson"
    p.write_text(json.dumps(doc), encoding="utf-8")
    idx = PlaceIndex(tmp_path / "u.sqlite")
    stats = import_file(p, idx)
    assert stats.format == "geojson" and stats.imported == 1 and stats.error_count == 1
    gaz = Gazetteer(index_path=tmp_path / "u.sqlite")
    c = gaz.resolve("Observation Post Seven")
    assert (round(c.place.lat, 2), round(c.place.lon, 2)) == (34.58, 38.30)
    # user places are matched in text too
    hits = gaz.matcher().find("Fighting near Observation Post Seven and OP7.")
    assert [h.surface for h in hits] == ["Observation Post Seven", "OP7"]


def test_csv_without_required_columns(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("title,x,y\na,1,2\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="name, lat, lon"):
        import_user_places(p, PlaceIndex(":memory:"))


def test_lookup_uses_the_key_index(tmp_path, geonames_file):
    idx = PlaceIndex(tmp_path / "g.sqlite")
    import_geonames(geonames_file, idx)
    plan = idx.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM names WHERE key=?", ("x",)).fetchall()
    assert any("PRIMARY KEY" in str(r) or "INDEX" in str(r) for r in plan)


@pytest.mark.parametrize("suffix,fmt,content", [
    (".txt", "auto", "\n".join(ROWS[:2]) + "\n"),
    (".dat", "geonames", "\n".join(ROWS[:2]) + "\n"),
    (".csv", "auto", "name,lat,lon\nPost Alpha,34.1,38.1\nPost Beta,34.2,38.2\n"),
])
def test_import_file_dispatch(tmp_path, suffix, fmt, content):
    p = tmp_path / f"places{suffix}"
    p.write_text(content, encoding="utf-8")
    stats = import_file(p, fmt=fmt, index_path=tmp_path / "x.sqlite")
    assert stats.imported == 2 and stats.index_path == str(tmp_path / "x.sqlite")


def test_import_file_unknown_suffix(tmp_path):
    p = tmp_path / "places.xlsx"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="places.xlsx"):
        import_file(p, index_path=tmp_path / "x.sqlite")
