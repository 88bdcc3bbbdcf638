"""build_layers: columns, dates, area-only locations, movements, fronts, ordering."""
from __future__ import annotations

import pytest

from mapper.publish.layers import EVENT_SCHEMA, build_layers

REQUIRED = ["id", "date", "date_start", "date_end", "date_precision", "kind", "side", "actor", "place",
            "place_id", "location_method", "anchor", "offset_km", "bearing_deg", "uncertainty_km", "article",
            "outlet", "published", "quote", "char_start", "char_end", "confidence", "losing_side", "sources",
            "corroboration", "flags", "location_precision", "notes"]


def test_required_event_columns(synthetic_layers):
    assert [c for c in REQUIRED if c not in synthetic_layers.events.columns] == []
    assert list(synthetic_layers.events.columns[:-1]) == [c for c, _ in EVENT_SCHEMA]


def test_crs_and_geometry_types(synthetic_layers):
    for name, gdf in synthetic_layers.items():
        assert gdf.crs.to_epsg() == 4326, name
    assert set(synthetic_layers.events.geom_type) == {"Point"}
    assert set(synthetic_layers.movements.geom_type) == {"LineString"}
    assert set(synthetic_layers.areas.geom_type) == {"Polygon", "LineString"}


@pytest.mark.parametrize("eid, date, start, end, precision, published", [
    ("a1-e1", "2016-12-11", "2016-12-11", "2016-12-11", "day", "2016-12-11"),
    ("a1-e3", "2016-12-10", "2016-12-10", "2016-12-10", "day", "2016-12-11"),
    ("a2-e3", None, "2016-12-05", "2016-12-11", "week", "2016-12-12"),
    ("a3-e1", None, None, None, "unknown", None),
])
def test_event_dates(synthetic_layers, eid, date, start, end, precision, published):
    row = synthetic_layers.events.set_index("id").loc[eid]
    assert (row["date"], row["date_start"], row["date_end"], row["date_precision"], row["published"]) == (
        date, start, end, precision, published)


@pytest.mark.parametrize("eid, method, precision, anchor, offset_km, bearing, lon, lat", [
    ("a1-e1", "gazetteer", "exact", None, None, None, 38.285, 34.56),
    ("a1-e2", "offset", "offset", "Palmyra", 4.0, 270.0, 38.241, 34.5603),
    # area-only location (a ring): still a point, at the anchor, flagged "area"
    ("a2-e2", "distance", "area", "Tiyas Airbase", 2.0, None, 37.63, 34.522),
])
def test_event_locations(synthetic_layers, eid, method, precision, anchor, offset_km, bearing, lon, lat):
    ev = synthetic_layers.events.set_index("id")
    row = ev.loc[eid]
    assert (row["location_method"], row["location_precision"], row["anchor"]) == (method, precision, anchor)
    assert row["offset_km"] == offset_km and row["bearing_deg"] == bearing
    assert ev.geometry[eid].x == pytest.approx(lon, abs=1e-9)
    assert ev.geometry[eid].y == pytest.approx(lat, abs=1e-9)


def test_uncertainty_areas_for_offset_and_ring(synthetic_layers):
    a = synthetic_layers.areas
    unc = a[a.layer_type == "uncertainty"].set_index("event_id")
    assert set(unc.index) == {"a1-e2", "a2-e2"}
    # the ring contains the airbase; the west sector lies west of Palmyra
    from shapely.geometry import Point
    assert unc.geometry["a2-e2"].contains(Point(37.63, 34.522))
    assert unc.geometry["a1-e2"].centroid.x < 38.285
    assert sorted(a.layer_type) == ["control", "control", "front", "uncertainty", "uncertainty"]


def test_offset_conflict_note_and_sources(synthetic_layers):
    ev = synthetic_layers.events.set_index("id")
    assert "lands 1.2 km" in ev.loc["a1-e2", "notes"]
    assert ev.loc["a1-e1", "notes"] is None
    assert (ev.loc["a1-e1", "sources"], ev.loc["a1-e1", "corroboration"]) == ("a1; a2", 2)
    assert ev.loc["a3-e1", "flags"] == "undated"


@pytest.mark.parametrize("mid, how, length_km, end_lon_lt", [
    ("a1-m1", "destination", 6.8, None),   # gas fields -> Palmyra
    ("a1-m2", "bearing", 5.0, 38.285),      # west along 270°: ends west of Palmyra
])
def test_movements(synthetic_layers, mid, how, length_km, end_lon_lt):
    mv = synthetic_layers.movements.set_index("id")
    assert mv.loc[mid, "geometry_from"] == how
    assert mv.loc[mid, "length_km"] == pytest.approx(length_km, abs=0.1)
    if end_lon_lt is not None:
        assert mv.geometry[mid].coords[-1][0] < end_lon_lt


def test_places_counts(synthetic_layers):
    pl = synthetic_layers.places.set_index("id")
    # Palmyra: 2 events placed at it + 1 event anchored on it
    assert pl.loc["sy:palmyra", "n_events"] == 3
    assert pl.loc["sy:palmyra", "n_quotes"] == 1
    assert pl.loc["sy:palmyra", "first_date"] == "2016-12-11"


def test_ordering_is_by_date_then_id(synthetic_layers):
    assert list(synthetic_layers.events.id) == ["a2-e3", "a1-e3", "a1-e1", "a1-e2", "a2-e1", "a2-e2", "a3-e1"]
    assert synthetic_layers.dates == ("2016-12-10", "2016-12-11", "2016-12-12")


def test_input_order_does_not_matter(synthetic_build):
    a = build_layers(synthetic_build)
    synthetic_build.events.reverse()
    synthetic_build.movements.reverse()
    b = build_layers(synthetic_build)
    assert list(a.events.id) == list(b.events.id)
    assert list(a.movements.id) == list(b.movements.id)


def test_unlocated_event_is_reported_not_dropped(synthetic_build):
    from dataclasses import replace

    synthetic_build.events.append(replace(synthetic_build.events[0], id="a1-e9", location=None))
    layers = build_layers(synthetic_build)
    assert "a1-e9" not in set(layers.events.id)
    assert any(w.get("kind") == "layer_skipped" and "a1-e9" in w["message"] for w in synthetic_build.warnings)


# ----------------------------------------------------------------------------
# time_start / time_end (QGIS Temporal Controller) and control validity
# ----------------------------------------------------------------------------

@pytest.mark.parametrize("start, end, want", [
    ("2016-12-11", "2016-12-11", ("2016-12-11T00:00:00", "2016-12-12T00:00:00")),
    ("2016-12-05", "2016-12-11", ("2016-12-05T00:00:00", "2016-12-12T00:00:00")),
    ("2016-02-01", "2016-02-29", ("2016-02-01T00:00:00", "2016-03-01T00:00:00")),   # leap month
    ("2016-12-31", "2016-12-31", ("2016-12-31T00:00:00", "2017-01-01T00:00:00")),   # year end
    (None, "2015-11-23", (None, None)),      # "by 23 November": no interval -> undated layer
    ("2015-11-23", None, (None, None)),
    (None, None, (None, None)),
])
def test_frame_times(start, end, want):
    from mapper.publish.layers import frame_times

    assert frame_times(start, end) == want


@pytest.mark.parametrize("layer, rid, start, end", [
    ("events", "a1-e1", "2016-12-11T00:00:00", "2016-12-12T00:00:00"),
    ("events", "a2-e3", "2016-12-05T00:00:00", "2016-12-12T00:00:00"),
    ("events", "a3-e1", None, None),
    ("movements", "a1-m1", "2016-12-10T00:00:00", "2016-12-11T00:00:00"),
    ("areas", "uncertainty:a1-e2", "2016-12-11T00:00:00", "2016-12-12T00:00:00"),
])
def test_time_fields(synthetic_layers, layer, rid, start, end):
    row = getattr(synthetic_layers, layer).set_index("id").loc[rid]
    assert (row["time_start"], row["time_end"]) == (start, end)


def _fronts(rows):
    import geopandas as gpd
    from shapely.geometry import box

    return gpd.GeoDataFrame([{**r, "layer_type": "control", "geometry": box(38, 34, 38.1 + i / 100, 34.1)}
                             for i, r in enumerate(rows)], geometry="geometry", crs="EPSG:4326")


def test_control_validity_tiles_build_dates(synthetic_build):
    """mapper.history.front gives every build date the stretch between change dates; the
    layer gives each build date's estimate the days up to the next build date, so no day has
    two estimates (QGIS would stack them) and no day inside the material is left empty."""
    synthetic_build.fronts = _fronts([
        {"date": "2016-03-23", "date_start": "2016-03-01", "date_end": "2016-12-11", "side": "government"},
        {"date": "2016-03-24", "date_start": "2016-03-01", "date_end": "2016-12-11", "side": "government"},
        {"date": "2016-12-11", "date_start": "2016-12-11", "date_end": None, "side": "islamic_state"},
    ])
    ar = build_layers(synthetic_build).areas
    ctl = ar[ar.layer_type == "control"].set_index("date")
    assert list(zip(ctl.date_start, ctl.date_end)) == [
        ("2016-03-01", "2016-03-24"), ("2016-03-24", "2016-12-11"), ("2016-12-11", None)]
    assert list(ctl.time_end)[:2] == ["2016-03-24T00:00:00", "2016-12-11T00:00:00"]
    # the open estimate ends after the build's last date (2016-12-12), not null
    assert list(ctl.time_end)[2] == "2016-12-13T00:00:00"


def test_merge_validity_keeps_changes_apart(synthetic_build):
    from mapper.publish.layers import merge_validity

    synthetic_build.fronts = _fronts([
        {"date": "2016-12-10", "date_start": "2016-12-10", "date_end": None, "side": "government"},
        {"date": "2016-12-11", "date_start": "2016-12-10", "date_end": None, "side": "government"},
    ])
    ar = build_layers(synthetic_build).areas
    merged = merge_validity(ar)
    # different geometries (the area grew): two rows, one after the other
    ctl = merged[merged.layer_type == "control"]
    assert list(zip(ctl.date_start, ctl.date_end)) == [("2016-12-10", "2016-12-11"), ("2016-12-11", None)]


@pytest.mark.parametrize("precision, end, want_date", [
    ("day", "2015-11-23", "2015-11-23"),     # "By November 23"
    ("month", "2016-03-31", None),           # "by the end of March": on the maps at its end, no exact day
])
def test_end_only_event_is_placed_by_its_end(synthetic_build, tmp_path, precision, end, want_date):
    """An event with only a date_end goes onto the maps (the dated layer, a QGIS
    frame on its end day) with its precision kept, not into events_undated."""
    import json
    from dataclasses import replace
    from datetime import date

    from mapper.model import TimeSpan
    from mapper.publish.export import write_geojson

    base = next(e for e in synthetic_build.events if e.id == "a1-e1")
    span = TimeSpan(None, date.fromisoformat(end), precision, f"by {end}")
    synthetic_build.events.append(replace(base, id="a1-by", time=span))
    layers = build_layers(synthetic_build)
    row = layers.events.set_index("id").loc["a1-by"]
    assert (row["date"], row["date_start"], row["date_end"], row["date_precision"], row["time_text"]) == (
        want_date, end, end, precision, f"by {end}")
    assert row["time_start"] == f"{end}T00:00:00"
    write_geojson(layers, tmp_path)
    dated = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    undated = json.loads((tmp_path / "events_undated.geojson").read_text(encoding="utf-8"))
    assert "a1-by" in {f["properties"]["id"] for f in dated["features"]}
    assert "a1-by" not in {f["properties"]["id"] for f in undated["features"]}


def _merge_validity_reference(areas):
    """merge_validity as it was (per-row .iat): the reference of the list-based version."""
    import shapely

    lt = areas["layer_type"].tolist()
    keep = [i for i, t in enumerate(lt) if t not in ("control", "front")]
    groups = {}
    geoms = areas.geometry.tolist()
    for i, t in enumerate(lt):
        if t in ("control", "front") and geoms[i] is not None:
            groups.setdefault((t, areas["side"].iat[i], shapely.to_wkb(geoms[i])), []).append(i)
    ds, de, te = areas["date_start"].tolist(), areas["date_end"].tolist(), areas["time_end"].tolist()
    merged, new_end = [], {}
    for idx in groups.values():
        idx.sort(key=lambda i: (ds[i] or "", str(areas["id"].iat[i])))
        head = idx[0]
        merged.append(head)
        for i in idx[1:]:
            cur_end = new_end.get(head, (de[head], te[head]))[0]
            if cur_end is not None and ds[i] == cur_end:
                new_end[head] = (de[i], te[i])
            else:
                head = i
                merged.append(head)
    order = keep + sorted(merged, key=lambda i: (lt[i], areas["date"].iat[i] or "", str(areas["id"].iat[i])))
    out = areas.iloc[order].copy()
    out.index = range(len(out))
    pos = {i: k for k, i in enumerate(order)}
    for head, (d_end, t_end) in new_end.items():
        out.iat[pos[head], out.columns.get_loc("date_end")] = d_end
        out.iat[pos[head], out.columns.get_loc("time_end")] = t_end
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_merge_validity_matches_the_row_by_row_version(synthetic_build, seed):
    """Seeded random control/front rows (shared and changing geometries, gaps):
    the same rows, values and order as the per-row reference."""
    import random
    from datetime import date, timedelta

    import geopandas as gpd
    from shapely.geometry import box

    from mapper.publish.layers import merge_validity

    rnd = random.Random(seed)
    shapes = [box(38, 34, 38.1 + k / 100, 34.1) for k in range(4)]
    rows, d0 = [], date(2016, 1, 1)
    for k in range(60):
        d = (d0 + timedelta(days=k)).isoformat()
        for side in ("government", "islamic_state"):
            if rnd.random() < 0.8:
                rows.append({"date": d, "date_start": d, "date_end": (d0 + timedelta(days=k + 1)).isoformat()
                             if rnd.random() < 0.9 else None, "side": side,
                             "geom": shapes[rnd.randrange(len(shapes))]})
    synthetic_build.fronts = gpd.GeoDataFrame(
        [{**{k: v for k, v in r.items() if k != "geom"}, "layer_type": "control", "geometry": r["geom"]}
         for r in rows], geometry="geometry", crs="EPSG:4326")
    ar = build_layers(synthetic_build).areas
    got, want = merge_validity(ar), _merge_validity_reference(ar)
    assert len(got) < len(ar)
    assert got.drop(columns="geometry").astype(str).values.tolist() == \
        want.drop(columns="geometry").astype(str).values.tolist()
    assert got.geometry.to_wkb().tolist() == want.geometry.to_wkb().tolist()
    assert list(got.dtypes) == list(want.dtypes)
