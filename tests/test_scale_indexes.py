"""The indexes behind linear-cost fusion and control give the answers of brute-force scans.

Each index (the cluster index of fusion, the sweep of overlapping spans of the
contradiction check, the bisection of control evidence, the grid cells of
points) is checked against a pairwise reference on seeded random inputs.
"""
from __future__ import annotations

import math
import random
from datetime import date, timedelta
from typing import Any, Optional

import pytest

from gazetteer.model import Location, Place
from mapper.history import fusion as F
from mapper.history.control import ControlInterval, ControlTimeline
from mapper.model import Event, TimeSpan

# -- brute-force references (the pairwise scans the indexes replaced) ----------


def brute_clusters(events: list[Event]) -> list[tuple[tuple[str, ...], bool]]:
    """Clustering by scanning every cluster of the bucket: (member ids, ambiguous)."""
    buckets: dict[tuple, list[F._Cluster]] = {}
    for e in sorted(events, key=F._sort_key):
        clusters = buckets.setdefault(F._bucket_key(e), [])
        matches = [c for c in clusters if c.accepts(e)]
        if matches:
            matches[0].add(e)
            if len(matches) > 1:
                matches[0].ambiguous = True
        else:
            lo, hi = F.span_bounds(e) if F.is_dated(e) else (None, None)
            clusters.append(F._Cluster([e], lo, hi))
    return [(tuple(sorted(m.id for m in c.members)), c.ambiguous)
            for k in sorted(buckets) for c in buckets[k]]


def brute_contradictions(events: list[Event]) -> list[dict[str, Any]]:
    """The contradiction records by comparing every pair of a place's events."""
    relevant = [e for e in events if F.is_dated(e) and F.own_place_id(e) is not None
                and e.kind in F.HOLDING_KINDS + ("withdrawal",)]
    by_place: dict[str, list[Event]] = {}
    for e in relevant:
        by_place.setdefault(F.own_place_id(e), []).append(e)  # type: ignore[arg-type]
    out = []
    for pid in sorted(by_place):
        group = sorted(by_place[pid], key=lambda e: e.id)
        for i, a in enumerate(group):
            a_lo, a_hi = F.span_bounds(a)
            for b in group[i + 1:]:
                b_lo, b_hi = F.span_bounds(b)
                if a_lo > b_hi or b_lo > a_hi:
                    continue
                if F._contradiction(a, b) is not None:
                    out.append({"place_id": pid, "event_ids": [a.id, b.id]})
    return out


# -- random inputs --------------------------------------------------------------

_BASE = [("p0", 34.56, 38.285), ("p1", 34.519, 38.216), ("p2", 34.526, 38.198),
         ("p3", 34.561, 38.217), ("p4", 35.0, 38.5), ("p5", 34.565, 38.29)]   # p5 ~0.7 km from p0


def _places(rng: random.Random) -> list[Place]:
    out = [Place(pid, pid.upper(), lat, lon) for pid, lat, lon in _BASE]
    # a cloud of places around Palmyra, some closer than 2 km to each other, one near the pole
    # and two astride the antimeridian
    for k in range(10):
        out.append(Place(f"q{k}", f"Q{k}", 34.56 + rng.uniform(-0.03, 0.03), 38.285 + rng.uniform(-0.03, 0.03)))
    out += [Place("pole", "Pole", 89.999, 10.0), Place("pole2", "Pole2", 89.9995, -170.0),
            Place("am1", "Am1", 10.0, 179.995), Place("am2", "Am2", 10.0, -179.995)]
    return out


def _span(rng: random.Random) -> TimeSpan:
    d0 = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 90))
    r = rng.random()
    if r < 0.55:
        return TimeSpan(d0, d0, "day")
    if r < 0.7:
        return TimeSpan(d0.replace(day=1), d0.replace(day=28), "month")
    if r < 0.78:
        return TimeSpan(d0, d0 + timedelta(days=rng.randrange(1, 12)), "week")
    if r < 0.84:
        return TimeSpan(date(d0.year, 1, 1), date(d0.year, 12, 31), "year")
    if r < 0.9:
        return TimeSpan(None, d0, "day")       # "by d0"
    if r < 0.95:
        return TimeSpan(d0, None, "day")       # a start only
    return TimeSpan()                          # undated


def random_events(seed: int, n: int) -> list[Event]:
    rng = random.Random(seed)
    places = _places(rng)
    out = []
    for i in range(n):
        p = rng.choice(places)
        r = rng.random()
        if r < 0.7:
            loc: Optional[Location] = Location.of_place(p)
        elif r < 0.85:   # an offset: a point with no place of its own
            loc = Location(p.lat + rng.uniform(-0.02, 0.02), p.lon + rng.uniform(-0.02, 0.02),
                           "offset", "offset", 2.0, anchor=p)
        else:
            loc = None
        out.append(Event(id=f"e{i:04d}", kind=rng.choice(["capture", "control", "withdrawal", "entry"]),
                         side=rng.choice(["government", "islamic_state", "unknown"]), actor="x",
                         article_id=f"a{rng.randrange(12)}", quote=f"q{i}", char_start=i, char_end=i + 5,
                         place_name=rng.choice([p.name, p.name.lower() + " ", "Elsewhere"]),
                         location=loc, time=_span(rng), confidence=round(rng.uniform(0.3, 0.9), 2)))
    return out


# -- fusion ---------------------------------------------------------------------

@pytest.mark.parametrize("seed, n", [(1, 60), (2, 200), (3, 400), (4, 400), (5, 30)])
def test_fusion_index_gives_the_brute_force_clusters(seed, n):
    events = random_events(seed, n)
    res = F.fuse(events)
    got = sorted((tuple(ids), "fusion_ambiguous" in next(e for e in res.events if e.id == fid).flags)
                 for fid, ids in res.merged.items())
    want = sorted(brute_clusters(events))
    assert [g[0] for g in got] == [w[0] for w in want]
    # an ambiguous cluster is flagged (a flag may also come from a member's own flags: none here)
    assert [g[1] for g in got] == [w[1] for w in want]
    assert any(len(ids) > 1 for ids, _ in want)   # the inputs do fuse


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_contradiction_sweep_gives_the_pairwise_records(seed):
    events = random_events(seed, 300)
    got = [{"place_id": r["place_id"], "event_ids": r["event_ids"]} for r in F._find_contradictions(events)[0]]
    want = brute_contradictions(events)
    assert got == want and want


@pytest.mark.parametrize("seed", [21, 22, 23, 24])
def test_overlapping_pairs_match_all_pairs(seed):
    rng = random.Random(seed)
    spans = []
    for _ in range(150):
        lo = date(2016, 1, 1) + timedelta(days=rng.randrange(200))
        if rng.random() < 0.05:
            lo = date.min
        spans.append((lo, lo + timedelta(days=rng.choice([0, 0, 0, 3, 30, 365]))
                      if lo != date.min else date(2016, 3, 1)))
    want = [(i, j) for i in range(len(spans)) for j in range(i + 1, len(spans))
            if not (spans[i][0] > spans[j][1] or spans[j][0] > spans[i][1])]
    assert F.overlapping_pairs(spans) == want


@pytest.mark.parametrize("seed", [31, 32])
def test_grid_cells_find_every_point_within_2_km(seed):
    rng = random.Random(seed)
    pts = []
    for _ in range(300):
        lat0, lon0 = rng.choice([(34.5, 38.2), (89.99, 0.0), (-89.99, 45.0), (0.0, 179.99), (60.0, -179.99)])
        pts.append((lat0 + rng.uniform(-0.05, 0.05), ((lon0 + rng.uniform(-0.05, 0.05) + 180) % 360) - 180))
        pts[-1] = (max(-90.0, min(90.0, pts[-1][0])), pts[-1][1])
    cells = [F.grid_cell(lat, lon) for lat, lon in pts]
    for i, (la, lo) in enumerate(pts):
        for j, (lb, lob) in enumerate(pts):
            if F.distance_km(la, lo, lb, lob) <= F.SAME_PLACE_KM:
                assert all(abs(a - b) <= 1 for a, b in zip(cells[i], cells[j])), (pts[i], pts[j])


# -- control ----------------------------------------------------------------------

def _brute_last_evidence(iv: ControlInterval, day: date) -> date:
    best = None
    for d, _ in iv.evidence:
        if d <= day:
            best = d
    return best if best is not None else iv.date_start


@pytest.mark.parametrize("seed", [41, 42])
def test_control_evidence_bisection_matches_a_scan(seed):
    events = [e for e in random_events(seed, 400) if e.side != "unknown"]
    tl = ControlTimeline.from_events(F.fuse(events).events)
    days = [date(2015, 12, 1) + timedelta(days=k) for k in range(0, 420, 3)]
    n = 0
    for pid in tl.places():
        for iv in tl.history(pid):
            for d in days:
                assert iv.last_evidence(d) == _brute_last_evidence(iv, d)
                n += len(iv.evidence) > 1
    assert n > 0
    # known_on agrees with state() place by place
    for d in days[::10]:
        known = tl.known_on(d)
        for pid in tl.places():
            st = tl.state(pid, d)
            if st.status == "unknown":
                assert pid not in known
            else:
                assert known[pid] == st


def test_grid_cell_is_in_km_cubes():
    # 0.01 degree of latitude is 1.1 km: at most one cell apart
    a, b = F.grid_cell(34.0, 38.0), F.grid_cell(34.01, 38.0)
    assert all(abs(x - y) <= 1 for x, y in zip(a, b))
    assert F.grid_cell(34.0, 38.0) != F.grid_cell(34.1, 38.0)
    assert math.isclose(F.GRID_CELL_KM, 2.5)
