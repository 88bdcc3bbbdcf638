"""Control areas and front lines per date; net movement per side."""
from __future__ import annotations

from datetime import date

import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point, box
from shapely.ops import unary_union

from gazetteer.model import Place
from mapper.history.control import ControlTimeline
from mapper.history.front import BASE_KM, FRONT_COLUMNS, K_KM_PER_DAY, R_MAX_KM, fronts_for_dates, labels_oppose
from mapper.history.fusion import fuse
from mapper.history.movement_stats import compass_word, net_movement
from tests.test_control import PLACES, UNDATED, day, ev, seed_events

GEOD = Geod(ellps="WGS84")
D_2015 = date(2015, 6, 15)
D_FALL = date(2016, 12, 11)
D_TRIANGLE = date(2017, 3, 1)


def pt(pid: str) -> Point:
    return Point(PLACES[pid].lon, PLACES[pid].lat)


def seg(a: str, b: str) -> LineString:
    return LineString([(PLACES[a].lon, PLACES[a].lat), (PLACES[b].lon, PLACES[b].lat)])


def km(p: Point, q: Point) -> float:
    return GEOD.inv(p.x, p.y, q.x, q.y)[2] / 1000.0


@pytest.fixture(scope="module")
def seed_fronts():
    tl = ControlTimeline.from_events(fuse(seed_events()).events, places=PLACES)
    return fronts_for_dates(tl, PLACES, [D_2015, D_FALL, D_TRIANGLE, date(2014, 1, 1)])


def rows(frame, when: date, layer: str, side: str | None = None):
    sel = frame[(frame.date == when.isoformat()) & (frame.layer_type == layer)]
    if side is not None:
        sel = sel[sel.side == side]
    return sel


def test_columns_and_crs(seed_fronts):
    assert list(seed_fronts.columns[:-1]) == FRONT_COLUMNS
    assert seed_fronts.crs.to_epsg() == 4326
    assert set(seed_fronts.method) == {"voronoi-clipped-25km"}
    # a date before any known control gives no rows
    assert "2014-01-01" not in set(seed_fronts.date)


@pytest.mark.parametrize("when, side, place", [
    (D_2015, "islamic_state", "palmyra"),
    (D_FALL, "islamic_state", "palmyra"),
    (D_FALL, "government", "t4"),
    (D_FALL, "government", "dawah"),
    (D_FALL, "government", "qadri"),
    (D_TRIANGLE, "government", "triangle"),
    (D_TRIANGLE, "islamic_state", "palmyra"),
])
def test_place_inside_its_sides_area(seed_fronts, when, side, place):
    area = rows(seed_fronts, when, "control", side)
    assert len(area) == 1
    assert area.geometry.iloc[0].contains(pt(place))
    others = rows(seed_fronts, when, "control")
    others = others[others.side != side]
    assert not any(g.contains(pt(place)) for g in others.geometry)


@pytest.mark.parametrize("when, a, b", [
    (D_FALL, "palmyra", "t4"),
    (D_FALL, "palmyra", "dawah"),
    (D_TRIANGLE, "triangle", "palmyra"),
])
def test_front_lies_between(seed_fronts, when, a, b):
    fronts = rows(seed_fronts, when, "front", "government|islamic_state")
    assert len(fronts) >= 1
    line = unary_union(list(fronts.geometry))
    assert line.geom_type in ("LineString", "MultiLineString")
    hit = line.intersection(seg(a, b))
    assert not hit.is_empty
    c = hit.centroid
    assert km(c, pt(a)) > 1.0 and km(c, pt(b)) > 1.0  # strictly between, not on a place


def test_no_front_when_one_side(seed_fronts):
    assert rows(seed_fronts, D_2015, "front").empty
    area = rows(seed_fronts, D_2015, "control", "islamic_state").iloc[0]
    # a lone place: its disc of R_MAX_KM
    metric = rows(seed_fronts, D_2015, "control").to_crs("EPSG:32637").geometry.iloc[0]
    assert metric.area / 1e6 == pytest.approx(3.14159 * R_MAX_KM ** 2, rel=0.02)
    assert area.n_places == 1 and area.event_ids == "000-3"


@pytest.mark.parametrize("when, layer, side, place_ids, age", [
    (D_2015, "control", "islamic_state", "palmyra", 45),
    (D_FALL, "control", "islamic_state", "palmyra", 0),
    (D_TRIANGLE, "control", "islamic_state", "palmyra", 80),
    (D_TRIANGLE, "control", "government", "dawah,hayyal,qadri,t4,tar,triangle", 0),
    (D_TRIANGLE, "front", "government|islamic_state", "dawah,palmyra,triangle", 80),
])
def test_uncertainty_grows_with_age(seed_fronts, when, layer, side, place_ids, age):
    sel = rows(seed_fronts, when, layer, side)
    row = sel[sel.evidence_age_days == age]
    assert len(row) == 1
    r = row.iloc[0]
    assert r.place_ids == place_ids
    assert r.uncertainty_km == pytest.approx(min(R_MAX_KM, BASE_KM + K_KM_PER_DAY * age))
    assert 0.05 <= r.confidence <= 1.0


def test_stale_front_is_more_uncertain(seed_fronts):
    fronts = rows(seed_fronts, D_TRIANGLE, "front")
    assert fronts.uncertainty_km.max() > fronts.uncertainty_km.min()
    tar = fronts[fronts.place_ids.str.contains("tar")].iloc[0]
    assert tar.evidence_age_days == (D_TRIANGLE - date(2016, 3, 24)).days


def test_interval_of_estimate(seed_fronts):
    r = rows(seed_fronts, D_FALL, "control").iloc[0]
    assert (r.date_start, r.date_end) == ("2016-12-11", "2017-03-01")
    r = rows(seed_fronts, D_2015, "control").iloc[0]
    assert (r.date_start, r.date_end) == ("2015-05-01", "2015-11-23")


def test_undated_capture_does_not_move_the_front():
    base = [e for e in seed_events() if e.id != "003-1"]
    undated = ev("003-9", "capture", "government", "palmyra", UNDATED)
    dates = [D_FALL, D_TRIANGLE]
    f1 = fronts_for_dates(ControlTimeline.from_events(base, places=PLACES), PLACES, dates)
    f2 = fronts_for_dates(ControlTimeline.from_events(base + [undated], places=PLACES), PLACES, dates)
    assert f1.drop(columns="geometry").equals(f2.drop(columns="geometry"))
    assert all(a.equals(b) for a, b in zip(f1.geometry, f2.geometry))


def test_contested_cell():
    events = [ev("a-1", "capture", "islamic_state", "palmyra", day("2016-01-01")),
              ev("b-1", "capture", "government", "triangle", day("2016-03-01")),
              ev("b-2", "entry", "government", "palmyra", day("2016-03-24"))]
    tl = ControlTimeline.from_events(events, places=PLACES)
    f = fronts_for_dates(tl, PLACES, [date(2016, 3, 25)])
    contested = f[(f.layer_type == "control") & (f.side == "contested")]
    assert len(contested) == 1 and contested.geometry.iloc[0].contains(pt("palmyra"))
    front = f[f.layer_type == "front"]
    assert list(front.side) == ["contested|government"]
    assert not front.geometry.iloc[0].intersection(seg("triangle", "palmyra")).is_empty


def test_aoi_clips():
    tl = ControlTimeline.from_events(seed_events(), places=PLACES)
    aoi = box(37.0, 34.0, 38.0, 35.0)  # lon/lat: west of 38 E only
    f = fronts_for_dates(tl, PLACES, [D_FALL], aoi=aoi)
    assert set(f.side) == {"government"}  # Palmyra's cell lies east of 38 E
    assert all(aoi.buffer(1e-6).contains(g) for g in f.geometry)


def test_far_places_have_no_front():
    # 65 km apart (> 2 * 25 km): no shared edge inside both discs
    events = [ev("a-1", "capture", "islamic_state", "sukhnah", day("2016-01-01")),
              ev("b-1", "capture", "government", "palmyra", day("2016-01-01"))]
    tl = ControlTimeline.from_events(events, places=PLACES)
    f = fronts_for_dates(tl, PLACES, [date(2016, 1, 2)])
    assert set(f.layer_type) == {"control"} and len(f) == 2


@pytest.mark.parametrize("a, b, oppose", [
    ("government", "islamic_state", True),
    ("opposition", "opposition+jabhat_al_nusra", False),
    ("government+sdf", "islamic_state", True),
    ("contested", "sdf", True),
    ("sdf", "sdf", False),
])
def test_labels_oppose(a, b, oppose):
    assert labels_oppose(a, b) is oppose


# -- net movement --------------------------------------------------------
LINE = {
    "a": Place("a", "A", 34.5, 38.0), "b": Place("b", "B", 34.5, 38.1),
    "c": Place("c", "C", 34.5, 38.2), "n": Place("n", "N", 34.6, 38.05),
}


def _line_event(eid, kind, side, pid, when):
    from gazetteer.model import Location
    from mapper.model import Event

    p = LINE[pid]
    return Event(id=eid, kind=kind, side=side, actor=side, article_id="x", quote=eid,
                 char_start=0, char_end=1, place_name=p.name, location=Location.of_place(p),
                 time=day(when))


@pytest.fixture(scope="module")
def movement():
    events = [_line_event("1", "capture", "government", "a", "2016-01-01"),
              _line_event("2", "capture", "government", "b", "2016-01-01"),
              _line_event("3", "capture", "islamic_state", "c", "2016-01-01"),
              _line_event("4", "capture", "government", "c", "2016-02-01"),
              _line_event("5", "capture", "government", "n", "2016-03-01")]
    tl = ControlTimeline.from_events(events, places=LINE)
    return net_movement(tl, LINE, [date(2016, 1, 15), date(2016, 2, 1), date(2016, 3, 1)])


@pytest.mark.parametrize("when, side, gained, lost, dist, bearing, direction", [
    ("2016-02-01", "government", ["c"], [], 4.59, 90.0, "east"),
    ("2016-02-01", "islamic_state", [], ["c"], None, None, None),
    # centroid (38.1, 34.5) -> (38.0875, 34.525): 2.9 km to the north-northwest
    ("2016-03-01", "government", ["n"], [], 2.95, 337.0, "north"),
])
def test_net_movement(movement, when, side, gained, lost, dist, bearing, direction):
    row = next(r for r in movement if r["date"] == when and r["side"] == side)
    assert (row["places_gained"], row["places_lost"]) == (gained, lost)
    if dist is None:
        assert row["distance_km"] is None and row["bearing_deg"] is None
    else:
        assert row["distance_km"] == pytest.approx(dist, abs=0.1)
        assert row["bearing_deg"] == pytest.approx(bearing, abs=3.0)
    assert row["direction"] == direction


def test_net_movement_quiet_dates_have_no_rows(movement):
    assert not [r for r in movement if r["date"] == "2016-01-15"]


def test_seed_movement_after_the_fall():
    tl = ControlTimeline.from_events(seed_events(), places=PLACES)
    out = net_movement(tl, PLACES, [date(2016, 12, 10), D_FALL])
    gov = next(r for r in out if r["date"] == "2016-12-11" and r["side"] == "government")
    assert gov["places_lost"] == ["palmyra"] and gov["direction"] == "west"


@pytest.mark.parametrize("bearing, word", [(0, "north"), (44, "northeast"), (91, "east"),
                                           (180, "south"), (269, "west"), (350, "north")])
def test_compass_word(bearing, word):
    assert compass_word(bearing) == word


# -- dissolved areas, continuous fronts, evidence-age classes ------------------------------------

@pytest.mark.parametrize("age, cls", [
    (0, "fresh"), (30, "fresh"), (31, "recent"), (180, "recent"), (181, "old"), (730, "old"),
    (731, "stale"), (1800, "stale"), (None, "unknown"),
])
def test_age_class(age, cls):
    from mapper.history.front import age_class

    assert age_class(age) == cls


def _grid_places():
    """Six government places 8-10 km apart in a 2 x 3 grid, and two Islamic State places east of them."""
    ps = {}
    for i, lat in enumerate((34.50, 34.58)):
        for j, lon in enumerate((38.00, 38.09, 38.18)):
            ps[f"g{i}{j}"] = Place(f"g{i}{j}", f"G{i}{j}", lat, lon)
    ps["s0"], ps["s1"] = Place("s0", "S0", 34.50, 38.30), Place("s1", "S1", 34.58, 38.30)
    return ps


def test_areas_are_dissolved_per_side_and_fronts_continuous():
    ps = _grid_places()
    evs = [_grid_event(f"e{n}", "islamic_state" if pid.startswith("s") else "government", ps[pid], "2016-01-01")
           for n, pid in enumerate(sorted(ps))]
    f = fronts_for_dates(ControlTimeline.from_events(evs, places=ps), ps, [date(2016, 1, 10)])
    gov = f[(f.layer_type == "control") & (f.side == "government")].geometry
    assert len(gov) == 1 and gov.iloc[0].geom_type == "Polygon"   # one polygon: no inner cell edges
    assert len(gov.iloc[0].interiors) == 0
    front = f[f.layer_type == "front"]
    assert list(front.side) == ["government|islamic_state"] and list(front.age_class) == ["fresh"]
    assert front.geometry.iloc[0].geom_type == "LineString"       # one continuous line, not fragments
    assert front.geometry.iloc[0].length > 0.1                     # degrees: spans both cell pairs


def test_fronts_of_one_pair_merge_per_age_class(seed_fronts):
    fr = seed_fronts[seed_fronts.layer_type == "front"]
    assert set(fr.age_class) <= {"fresh", "recent", "old", "stale", "unknown"}
    for (d, side), grp in fr.groupby(["date", "side"]):
        assert grp.age_class.is_unique, (d, side)   # one row per (date, pair, class)


def _grid_event(eid, side, place, when):
    from gazetteer.model import Location
    from mapper.model import Event

    return Event(id=eid, kind="capture", side=side, actor=side, article_id="x", quote=eid,
                 char_start=0, char_end=1, place_name=place.name, location=Location.of_place(place),
                 time=day(when))


def _random_timeline(seed: int, n_places: int = 30, n_events: int = 90):
    """Seeded random captures over many places and dates (a timeline that changes often)."""
    import random

    from gazetteer.model import Place as _Place
    from tests.test_control import ev as _ev  # noqa: F401 - same Event shape as the seeds

    rnd = random.Random(seed)
    places = {f"p{i}": _Place(f"p{i}", f"P{i}", 34.0 + rnd.uniform(0, 1.2), 37.5 + rnd.uniform(0, 1.5))
              for i in range(n_places)}
    from gazetteer.model import Location
    from mapper.model import Event, TimeSpan

    events = []
    for k in range(n_events):
        pid = rnd.choice(sorted(places))
        d = date(2016, 1, 1).toordinal() + rnd.randrange(0, 300)
        when = date.fromordinal(d)
        side = rnd.choice(["government", "islamic_state", "opposition", "sdf"])
        events.append(Event(id=f"e{k}", kind="capture", side=side, actor=side, article_id=f"a{k}",
                            quote="q", char_start=0, char_end=1, place_name=places[pid].name,
                            location=Location.of_place(places[pid]),
                            time=TimeSpan(when, when, "day", when.isoformat())))
    tl = ControlTimeline.from_events(events, places=places)
    days = [date.fromordinal(date(2016, 1, 1).toordinal() + i) for i in range(0, 320, 8)]
    return tl, places, days


@pytest.mark.parametrize("seed", [1, 7])
def test_bounded_geometry_cache_gives_the_same_frame(seed, monkeypatch):
    """Keeping one Voronoi diagram (instead of all) changes nothing in the output:
    same rows, same attributes, same geometry bytes (WKB)."""
    import shapely

    import mapper.history.front as front

    made = []

    class Spy(front._GeometryCache):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            made.append(self)

    monkeypatch.setattr(front, "_GeometryCache", Spy)
    tl, places, days = _random_timeline(seed)
    monkeypatch.setattr(front, "KEEP_DIAGRAMS", 10_000)
    full = fronts_for_dates(tl, places, days)
    monkeypatch.setattr(front, "KEEP_DIAGRAMS", 1)
    small = fronts_for_dates(tl, places, days)
    big_cache, small_cache = made
    assert len(small_cache.diagrams) == 1 and len(big_cache.diagrams) > 1
    assert small_cache.computed >= big_cache.computed
    assert len(full) > 20
    cols = [c for c in FRONT_COLUMNS]
    assert full[cols].astype(str).values.tolist() == small[cols].astype(str).values.tolist()
    assert [shapely.to_wkb(g) for g in full.geometry] == [shapely.to_wkb(g) for g in small.geometry]


def test_unchanged_dates_share_geometry_and_id_strings():
    """Rows of dates with the same control reuse the very id strings (memory stays
    flat over many dates)."""
    tl, places, days = _random_timeline(3)
    frame = fronts_for_dates(tl, places, days)
    by_key: dict[tuple, list[int]] = {}
    for i, (lt, side, pids) in enumerate(zip(frame.layer_type, frame.side, frame.place_ids)):
        if lt == "control":
            by_key.setdefault((side, pids, frame.event_ids.iat[i]), []).append(i)
    shared = [ix for ix in by_key.values() if len(ix) > 1]
    assert shared
    for ix in shared:
        first = ix[0]
        for i in ix[1:]:
            assert frame.event_ids.iat[i] is frame.event_ids.iat[first]
            assert frame.place_ids.iat[i] is frame.place_ids.iat[first]


# -- --workers: the dates cut into runs computed by several processes (issue 13 item 3) --

@pytest.mark.parametrize("seed, workers", [(2, 2), (5, 3)])
def test_fronts_over_helper_processes_equal_a_serial_run(seed, workers):
    """fronts_for_dates(workers=N) computes runs of dates in N processes: the frame is the
    same rows, attributes, geometry bytes and missing places as a single run's."""
    import shapely

    from mapper.history.front import _date_parts

    tl, places, days = _random_timeline(seed)
    places = dict(places)
    places.pop("p3")   # a known place without coordinates: listed as missing by every run
    assert len(_date_parts(tl, days, workers)) == workers
    serial = fronts_for_dates(tl, places, days)
    parallel = fronts_for_dates(tl, places, days, workers=workers)
    assert len(serial) > 20
    assert serial.to_json() == parallel.to_json()
    assert [shapely.to_wkb(g) for g in serial.geometry] == [shapely.to_wkb(g) for g in parallel.geometry]
    assert serial.attrs["missing_places"] == parallel.attrs["missing_places"]


@pytest.mark.parametrize("n_days, workers, parts", [(0, 2, 0), (1, 2, 1), (3, 2, 1), (4, 2, 2), (40, 3, 3),
                                                    (40, 1, 1), (5, 8, 2)])
def test_date_parts_cover_every_date_once_in_order(n_days, workers, parts):
    from mapper.history.front import MIN_DATES_PER_PART, _date_parts

    tl, _places, days = _random_timeline(4)
    days = days[:n_days]
    got = _date_parts(tl, days, workers)
    assert len(got) == parts
    assert [d for part in got for d in part] == days
    assert all(len(p) >= 1 for p in got)
    if len(got) > 1:
        assert len(days) >= MIN_DATES_PER_PART * len(got)


def test_date_parts_balance_by_known_places():
    """Later dates know more places (cost more): the later runs are shorter."""
    from mapper.history.front import _date_parts

    tl, _places, days = _random_timeline(6)
    first, second = _date_parts(tl, days, 2)
    assert len(first) > len(second)
