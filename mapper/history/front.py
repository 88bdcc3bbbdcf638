"""Estimated control areas and front lines for every date.

For each requested date, the places whose control is known on that date
(held or contested, from a :class:`mapper.history.control.ControlTimeline`) are turned
into areas and lines (rules and numbers also in docs/CONTROL.md):

1. Project the places to a local azimuthal-equidistant projection (pyproj
   AEQD, metres) centred on the mean lon/lat of every place of the timeline
   (the same projection for all dates, so geometry is comparable across
   dates).
2. Voronoi cells of the known places (``shapely.voronoi_polygons``), each cell
   clipped to a disc of radius :data:`R_MAX_KM` (25 km) around its place (so
   control never extends to infinity; beyond 25 km from any reported place
   nothing is claimed) and to the optional AOI.
3. Cells are labelled by the place's holder (joint holds "a+b"), or
   "contested"; several places at one point share a cell (label contested
   when they disagree). Cells are dissolved by label -> one ``control`` row per
   label.
4. Front lines: for every pair of neighbouring cells whose labels have no side
   in common ("government" vs "islamic_state", "contested" vs anything; not
   "opposition" vs "opposition+jabhat_al_nusra"), the shared Voronoi edge,
   clipped to both discs and the AOI; the segments of one label pair in the
   same evidence-age class (:func:`age_class`: fresh <= 30 d, recent <= 180 d,
   old <= 730 d, stale) are merged into continuous lines -> ``front`` rows
   (LineString / MultiLineString) whose age is the oldest of their segments.
   Cells of one label are dissolved on a 1 cm grid, so an area is one polygon
   without inner cell edges.

Uncertainty: ``evidence_age_days`` is the age, on the date, of the newest
evidence (event or prior) behind the row: for an area the newest among its
places; for a front segment the older of its two places' newest evidence (a
line needs both sides). ``uncertainty_km = min(R_MAX_KM, BASE_KM + K_KM_PER_DAY
* evidence_age_days)`` = 2 km + 0.05 km per day (1.5 km per month, ~18 km
per year); ``confidence = max(0.05, 1 - evidence_age_days / 730)`` (linear
decay to the floor over two years).

Columns: id ("control:<date>:<side>", "front:<date>:<a|b>:<age>d"), date
(YYYY-MM-DD), date_start, date_end (the stretch during which
the estimate holds: from the last change date <= date to the next change date,
exclusive; None when open), side (label; "a|b" sorted for a front), layer_type
("control" | "front"), method ("voronoi-clipped-25km"), uncertainty_km,
evidence_age_days, n_places, confidence, event_ids (comma joined),
place_ids (comma joined), label (one line for map tooltips), age_class
(fresh / recent / old / stale / unknown), geometry (EPSG:4326, lon/lat).
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Optional, Sequence

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import LineString, MultiLineString, MultiPoint, box
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Place
from mapper.history.control import STATUS_HELD, ControlState, ControlTimeline

__all__ = ["fronts_for_dates", "R_MAX_KM", "BASE_KM", "K_KM_PER_DAY", "CONFIDENCE_HORIZON_DAYS",
           "METHOD", "FRONT_COLUMNS", "LocalProjection", "label_of", "labels_oppose", "AGE_CLASSES",
           "age_class"]

#: Radius (km) of the disc each Voronoi cell is clipped to.
R_MAX_KM = 25.0
#: Uncertainty (km) of a front or area backed by evidence of the same day.
BASE_KM = 2.0
#: Growth of the uncertainty (km) per day of evidence age.
K_KM_PER_DAY = 0.05
#: Evidence older than this (days) has the floor confidence 0.05.
CONFIDENCE_HORIZON_DAYS = 730
#: ``method`` column value (with the default radius; else "voronoi-clipped-<R>km").
METHOD = "voronoi-clipped-25km"
FRONT_COLUMNS = ["id", "date", "date_start", "date_end", "side", "layer_type", "method",
                 "uncertainty_km", "evidence_age_days", "n_places", "confidence",
                 "event_ids", "place_ids", "label", "age_class"]
#: evidence-age classes (upper bound in days, name): fronts are merged per side pair and
#: class into continuous lines, and maps fade them by class
AGE_CLASSES: tuple[tuple[int, str], ...] = ((30, "fresh"), (180, "recent"), (730, "old"))
#: class of evidence older than the last bound of :data:`AGE_CLASSES` (days)
STALE = "stale"
#: snapping grid (metres) of the dissolve, so cells of one side merge without slivers
GRID_M = 0.01
_CONTESTED = "contested"


class LocalProjection:
    """A local azimuthal-equidistant projection (metres) centred on (lat, lon) degrees.

    >>> p = LocalProjection(34.5, 38.0)
    >>> [round(v) for v in p.forward(np.array([[38.0, 34.5]]))[0]]
    [0, 0]
    """

    def __init__(self, lat: float, lon: float) -> None:
        self.lat, self.lon = lat, lon
        crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat:.6f} +lon_0={lon:.6f} +datum=WGS84 +units=m")
        self._fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        self._inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    def forward(self, lonlat: np.ndarray) -> np.ndarray:
        """(N, 2) lon/lat degrees -> (N, 2) x/y metres."""
        x, y = self._fwd.transform(lonlat[:, 0], lonlat[:, 1])
        return np.column_stack([x, y])

    def inverse(self, xy: np.ndarray) -> np.ndarray:
        """(N, 2) x/y metres -> (N, 2) lon/lat degrees."""
        lon, lat = self._inv.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    def to_local(self, geom: BaseGeometry) -> BaseGeometry:
        """A lon/lat geometry in the local metric projection."""
        return shapely.transform(geom, self.forward)

    def to_lonlat(self, geom: BaseGeometry) -> BaseGeometry:
        """A local geometry back to lon/lat (EPSG:4326)."""
        return shapely.transform(geom, self.inverse)


def label_of(state: ControlState) -> str:
    """The area label of a known state: the holder ("a+b" when joint) or "contested"."""
    if state.status == STATUS_HELD and state.side:
        return state.side
    return _CONTESTED


def labels_oppose(a: str, b: str) -> bool:
    """True when a front runs between areas labelled ``a`` and ``b``.

    >>> labels_oppose("government", "islamic_state"), labels_oppose("opposition", "opposition+jabhat_al_nusra")
    (True, False)
    """
    if a == b:
        return False
    if _CONTESTED in (a, b):
        return True
    return not (set(a.split("+")) & set(b.split("+")))


def age_class(age: Optional[int]) -> str:
    """The evidence-age class of an age in days: fresh (<= 30), recent (<= 180),
    old (<= 730), stale (older) or unknown (None).

    >>> age_class(3), age_class(200), age_class(1800), age_class(None)
    ('fresh', 'old', 'stale', 'unknown')
    """
    if age is None:
        return "unknown"
    for bound, name in AGE_CLASSES:
        if age <= bound:
            return name
    return STALE


def _age(day: date, st: ControlState) -> Optional[int]:
    last = st.last_evidence or st.since
    if last is None or last == date.min:
        return None
    return max(0, (day - last).days)


def _uncertainty(age: Optional[int], r_max_km: float) -> tuple[float, float]:
    if age is None:
        return r_max_km, 0.05
    unc = min(r_max_km, BASE_KM + K_KM_PER_DAY * age)
    conf = max(0.05, 1.0 - age / CONFIDENCE_HORIZON_DAYS)
    return round(unc, 3), round(conf, 3)


def _lines_only(geom: BaseGeometry) -> Optional[BaseGeometry]:
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, (LineString, MultiLineString))
             and not g.is_empty and g.length > 0]
    if not parts:
        return None
    merged = shapely.line_merge(shapely.union_all(parts))
    return merged if merged.length > 0 else None


def _interval(day: date, changes: list[date]) -> tuple[Optional[str], Optional[str]]:
    import bisect

    i = bisect.bisect_right(changes, day)
    start = changes[i - 1].isoformat() if i > 0 else None
    end = changes[i].isoformat() if i < len(changes) else None
    return start, end


#: Voronoi diagrams (with their areas, lines and lon/lat copies) the geometry cache
#: keeps: dates are processed in order and control changes on few dates, so the
#: diagram of the previous dates is what the next date reuses; older ones are dropped
#: (a diagram met again is recomputed: the same inputs give the same geometry)
KEEP_DIAGRAMS = 4


class _Diagram:
    """Everything computed from one set of grid points (one Voronoi diagram)."""

    __slots__ = ("cells", "structures", "unions", "lines", "merged", "lonlat")

    def __init__(self) -> None:
        self.cells: Optional[tuple] = None
        self.structures: dict[tuple, tuple] = {}
        self.unions: dict[tuple[int, ...], BaseGeometry] = {}   # dissolved cells by cell indices
        self.lines: dict[tuple[int, int], Optional[BaseGeometry]] = {}
        self.merged: dict[tuple, BaseGeometry] = {}
        self.lonlat: dict[int, tuple[BaseGeometry, BaseGeometry]] = {}


class _GeometryCache:
    """Geometry shared by the dates whose known places (and labels) are the same.

    Control only changes on a timeline's change dates, so consecutive dates
    usually have the same Voronoi cells, the same areas and the same front
    segments; only the evidence ages (attributes) move. Everything here is
    keyed by the exact inputs of the computation (grid keys of the points,
    their labels, the pairs merged into one front row), so a cached geometry
    is the very value a fresh computation would give. Only the last
    :data:`KEEP_DIAGRAMS` diagrams are kept (memory stays flat over thousands
    of dates). The comma-joined id strings of rows are shared too
    (:meth:`joined`), so rows of unchanged dates hold one string, not a copy each.
    """

    def __init__(self, proj: Optional["LocalProjection"], aoi_local: Optional[BaseGeometry], r_m: float,
                 keep: Optional[int] = None) -> None:
        from collections import OrderedDict

        self.proj, self.aoi_local, self.r_m = proj, aoi_local, r_m
        self.keep = max(1, KEEP_DIAGRAMS if keep is None else keep)
        self.diagrams: "OrderedDict[tuple, _Diagram]" = OrderedDict()
        self._last: tuple[Any, Optional[_Diagram]] = (None, None)   # (keys object, its bucket)
        self.strings: "OrderedDict[tuple, tuple[Any, str]]" = OrderedDict()
        self.computed = 0   # Voronoi diagrams computed (tests: the cache is used)

    def diagram(self, keys: tuple) -> _Diagram:
        """The bucket of ``keys`` (most recently used last; the oldest beyond ``keep`` dropped)."""
        last_keys, last = self._last
        if keys is last_keys and last is not None:   # the same date asking again: no tuple hashing
            return last
        d = self.diagrams.get(keys)
        if d is None:
            d = self.diagrams[keys] = _Diagram()
            while len(self.diagrams) > self.keep:
                self.diagrams.popitem(last=False)
        else:
            self.diagrams.move_to_end(keys)
        self._last = (keys, d)
        return d

    def joined(self, tag: str, parts: Sequence[str], refs: Sequence[Any], make) -> str:
        """``make()`` (a string), shared between calls with the same ``tag``, ``parts``
        (place ids) and ``refs`` objects (compared by identity and kept alive here)."""
        key = (tag, tuple(parts), tuple(id(r) for r in refs))
        hit = self.strings.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], refs)):
            self.strings.move_to_end(key)
            return hit[1]
        value = make()
        self.strings[key] = (tuple(refs), value)
        while len(self.strings) > 64 * self.keep:
            self.strings.popitem(last=False)
        return value

    def to_lonlat(self, geom: BaseGeometry, keys: tuple = ()) -> BaseGeometry:
        """``proj.to_lonlat(geom)`` once per cached local geometry of the diagram of
        ``keys`` (identity as key; the local geometry is kept alive with the result,
        so the id is never reused)."""
        if self.proj is None:
            return geom
        cache = self.diagram(keys).lonlat
        hit = cache.get(id(geom))
        if hit is None or hit[0] is not geom:
            hit = cache[id(geom)] = (geom, self.proj.to_lonlat(geom))
        return hit[1]

    def voronoi(self, keys: tuple) -> tuple:
        """(discs, raw cells, clipped cells, touching pairs i < j) of the grid points ``keys``."""
        bucket = self.diagram(keys)
        if bucket.cells is not None:
            return bucket.cells
        self.computed += 1
        r_m, aoi_local = self.r_m, self.aoi_local
        pts = np.array([[k[0], k[1]] for k in keys], dtype=float)
        points = shapely.points(pts)
        discs = shapely.buffer(points, r_m, quad_segs=32)
        if len(keys) == 1:
            raw = np.array([discs[0]], dtype=object)
        else:
            env = box(*MultiPoint(pts).bounds).buffer(4 * r_m)
            vor = shapely.voronoi_polygons(MultiPoint(pts), extend_to=env, ordered=True)
            raw = np.array(list(shapely.get_parts(vor)), dtype=object)
            if len(raw) != len(keys):  # defensive: match cells to points by containment
                cells = list(raw)
                raw = np.array([next(c for c in cells if c.covers(p)) for p in points], dtype=object)
        cells = shapely.intersection(raw, discs)
        if aoi_local is not None:
            cells = shapely.intersection(cells, aoi_local)
        touching: list[tuple[int, int]] = []
        if len(keys) >= 2:
            tree = shapely.STRtree(raw)
            left, right = tree.query(raw, predicate="intersects")
            touching = sorted({(int(i), int(j)) for i, j in zip(left, right) if i < j})
        hit = bucket.cells = (discs, raw, cells, touching)
        return hit

    def structure(self, keys: tuple, labels: tuple) -> tuple:
        """(areas [(label, cell indices, local geometry)], fronts [(pair, local line)])."""
        hit = self.diagram(keys).structures.get(labels)
        if hit is not None:
            return hit
        discs, raw, cells, touching = self.voronoi(keys)
        unions = self.diagram(keys).unions
        areas = []
        for lab in sorted(set(labels)):
            idx = [i for i, l in enumerate(labels) if l == lab]
            # one side's cells are dissolved once per diagram: when another place changes
            # hands, the sides it does not touch keep their very geometry
            geom = unions.get(tuple(idx))
            if geom is None:
                parts = [cells[i] for i in idx if not cells[i].is_empty]
                # snapped to a 1 cm grid: neighbouring cells of one side dissolve into one
                # polygon without slivers (no inner cell edges on the map)
                geom = shapely.union_all(parts, grid_size=GRID_M) if parts else shapely.Polygon()
                unions[tuple(idx)] = geom
            if geom.is_empty:
                continue
            areas.append((lab, idx, geom))
        fronts: list[tuple[tuple[int, int], BaseGeometry]] = []
        pairs = [(i, j) for i, j in touching if labels_oppose(labels[i], labels[j])]
        lines = self.pair_lines(keys, pairs)
        for pair in pairs:
            line = lines[pair]
            if line is not None:
                fronts.append((pair, line))
        hit = self.diagram(keys).structures[labels] = (areas, fronts)
        return hit

    def pair_lines(self, keys: tuple, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], Optional[BaseGeometry]]:
        """The shared edge of each pair of cells, clipped to both discs and the AOI
        (None: no line); computed once per pair of a Voronoi diagram."""
        discs, raw, _cells, _touching = self.voronoi(keys)
        done = self.diagram(keys).lines
        todo = [p for p in pairs if p not in done]
        if todo:
            ii = np.array([p[0] for p in todo])
            jj = np.array([p[1] for p in todo])
            shared = shapely.intersection(shapely.boundary(raw[ii]), shapely.boundary(raw[jj]))
            clip = shapely.intersection(discs[ii], discs[jj])
            if self.aoi_local is not None:
                clip = shapely.intersection(clip, self.aoi_local)
            clipped = shapely.intersection(shared, clip)
            for n, pair in enumerate(todo):
                done[pair] = _lines_only(clipped[n])
        return done

    def merge(self, keys: tuple, pairs: tuple[tuple[int, int], ...], lines: list[BaseGeometry]) -> BaseGeometry:
        """The merged line of the front segments of ``pairs`` (cell index pairs of the
        diagram of ``keys``; ``lines`` their segments, in the same order)."""
        merged = self.diagram(keys).merged
        hit = merged.get(pairs)
        if hit is None:
            hit = merged[pairs] = shapely.line_merge(shapely.union_all(lines, grid_size=GRID_M))
        return hit


class _Evidence:
    """The evidence behind one date's rows: the age (days) of each place's newest
    evidence and the comma-joined id strings (shared through the cache)."""

    def __init__(self, day: date, known: dict[str, ControlState], pids: Sequence[str],
                 cache: _GeometryCache) -> None:
        self.known, self.cache = known, cache
        self.ages = {p: _age(day, known[p]) for p in pids}

    def newest(self, pids: Sequence[str]) -> Optional[int]:
        """Age (days) of the newest evidence among ``pids`` (None: none dated)."""
        vals = [self.ages[p] for p in pids if self.ages[p] is not None]
        return min(vals) if vals else None

    def event_ids(self, pids: Sequence[str]) -> str:
        """The sorted event ids behind ``pids``, comma joined (the same places with the same
        states' event ids on many dates: one shared string)."""
        known = self.known
        return self.cache.joined("event_ids", pids, [known[p].event_ids for p in pids],
                                 lambda: ",".join(sorted({e for p in pids for e in known[p].event_ids})))

    def place_ids(self, pids: Sequence[str]) -> str:
        """``pids`` comma joined (shared string)."""
        return self.cache.joined("place_ids", pids, (), lambda: ",".join(pids))


def _point_groups(known: dict[str, ControlState], coords: dict[str, np.ndarray]) -> dict[tuple[int, int], list[str]]:
    """The known places with coordinates grouped by point (1 m grid key -> sorted place ids)."""
    groups: dict[tuple[int, int], list[str]] = {}
    for pid in sorted(known):
        if pid in coords:
            xy = coords[pid]
            groups.setdefault((int(round(xy[0])), int(round(xy[1]))), []).append(pid)
    return groups


def _cell_labels(keys: tuple, groups: dict[tuple[int, int], list[str]],
                 known: dict[str, ControlState]) -> tuple[str, ...]:
    """The label of each point's cell: its places' common label, else contested."""
    labels = []
    for k in keys:
        labs = {label_of(known[p]) for p in groups[k]}
        labels.append(labs.pop() if len(labs) == 1 else _CONTESTED)
    return tuple(labels)


def _control_rows(areas: list, keys: tuple, groups: dict[tuple[int, int], list[str]], ev: _Evidence,
                  r_max_km: float, cache: _GeometryCache) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """One ``control`` row per label (its dissolved cells)."""
    rows = []
    for lab, idx, geom in areas:
        pids = [p for i in idx for p in groups[keys[i]]]
        age = ev.newest(pids)
        unc, conf = _uncertainty(age, r_max_km)
        rows.append(({"side": lab, "layer_type": "control", "uncertainty_km": unc, "age_class": age_class(age),
                      "evidence_age_days": age, "n_places": len(pids), "confidence": conf,
                      "event_ids": ev.event_ids(pids), "place_ids": ev.place_ids(sorted(pids))},
                     cache.to_lonlat(geom, keys)))
    return rows


def _segment_buckets(fronts: list, keys: tuple, labels: tuple[str, ...], groups: dict[tuple[int, int], list[str]],
                     ev: _Evidence) -> dict[tuple[str, str], tuple[list[int], set[str], list[Optional[int]]]]:
    """Front segments by (side pair, age class): (segment numbers, place ids, segment ages).
    A segment's age is the older of its two places' newest evidence (a line needs both sides)."""
    merged: dict[tuple[str, str], tuple[list[int], set[str], list[Optional[int]]]] = {}
    for n, ((i, j), _line) in enumerate(fronts):
        pi, pj = groups[keys[i]], groups[keys[j]]
        ai, aj = ev.newest(pi), ev.newest(pj)
        age = None if ai is None or aj is None else max(ai, aj)
        side = "|".join(sorted((labels[i], labels[j])))
        bucket = merged.setdefault((side, age_class(age)), ([], set(), []))
        bucket[0].append(n)
        bucket[1].update(pi + pj)
        bucket[2].append(age)
    return merged


def _front_rows(fronts: list, keys: tuple, labels: tuple[str, ...], groups: dict[tuple[int, int], list[str]],
                ev: _Evidence, r_max_km: float, cache: _GeometryCache) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """One ``front`` row per side pair and age class: its segments merged into continuous
    lines; its age is the oldest of its segments (a line is no fresher than its weakest part)."""
    order = {name: k for k, name in enumerate([c for _, c in AGE_CLASSES] + [STALE, "unknown"])}
    buckets = _segment_buckets(fronts, keys, labels, groups, ev)
    rows = []
    for (side, cls), (members, pids_set, ages_l) in sorted(buckets.items(),
                                                           key=lambda kv: (kv[0][0], order[kv[0][1]])):
        pids = sorted(pids_set)
        age = None if any(a is None for a in ages_l) else max(a for a in ages_l if a is not None)
        unc, conf = _uncertainty(age, r_max_km)
        geom = cache.merge(keys, tuple(fronts[n][0] for n in members), [fronts[n][1] for n in members])
        rows.append(({"side": side, "layer_type": "front", "uncertainty_km": unc, "age_class": cls,
                      "evidence_age_days": age, "n_places": len(pids),
                      "confidence": conf, "event_ids": ev.event_ids(pids),
                      "place_ids": ev.place_ids(pids)}, cache.to_lonlat(geom, keys)))
    return rows


def _estimate(day: date, known: dict[str, ControlState], coords: dict[str, np.ndarray],
              aoi_local: Optional[BaseGeometry], r_m: float, r_max_km: float,
              cache: Optional[_GeometryCache] = None) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """Rows (attributes, geometry) for one date: local geometry, or lon/lat when
    ``cache`` carries a projection. Steps: group the places by point, label each
    point's cell, build (or reuse) the diagram's areas and front segments, then one
    control row per label and one front row per side pair and age class."""
    if cache is None:
        cache = _GeometryCache(None, aoi_local, r_m)
    groups = _point_groups(known, coords)
    if not groups:
        return []
    keys = tuple(sorted(groups))
    labels = _cell_labels(keys, groups, known)
    areas, fronts = cache.structure(keys, labels)
    ev = _Evidence(day, known, [p for k in keys for p in groups[k]], cache)
    rows = _control_rows(areas, keys, groups, ev, r_max_km, cache)
    if fronts:
        rows += _front_rows(fronts, keys, labels, groups, ev, r_max_km, cache)
    return rows


def _row_id(day: date, attrs: dict[str, Any]) -> str:
    base = f"{attrs['layer_type']}:{day.isoformat()}:{attrs['side']}"
    if attrs["layer_type"] == "front":
        age = attrs["evidence_age_days"]
        base += f":{'na' if age is None else age}d"
    return base


def _label(attrs: dict[str, Any]) -> str:
    age = attrs["evidence_age_days"]
    age_s = "evidence age unknown" if age is None else f"newest evidence {age} d old"
    if attrs["layer_type"] == "front":
        age_s = age_s.replace("newest evidence", "evidence")
        a, b = attrs["side"].split("|")
        return f"front {a} / {b} (±{attrs['uncertainty_km']:g} km, {age_s})"
    return f"{attrs['side']}: {attrs['n_places']} place(s) (±{attrs['uncertainty_km']:g} km, {age_s})"


#: a build with --workers splits its dates into parts of at least this many dates
MIN_DATES_PER_PART = 2


def fronts_for_dates(timeline: ControlTimeline, places: Optional[Mapping[str, Place]],
                     dates: Sequence[date], aoi: Optional[BaseGeometry] = None, *,
                     r_max_km: float = R_MAX_KM, workers: int = 1):
    """Control areas and front lines for every date (rules: module docstring).

    ``places``: place id -> Place (coordinates; the timeline's own places are
    used for ids missing here). ``aoi``: optional shapely (Multi)Polygon in
    EPSG:4326 (lon/lat) everything is clipped to. ``r_max_km``: radius (km)
    of the disc a place's cell is clipped to. ``workers`` > 1: the dates are
    cut into ``workers`` runs of consecutive dates of about equal cost, computed
    by this process and the build's helper processes (mapper.engine.helpers); every
    date's rows are the same as a serial run's. Returns a GeoDataFrame
    (EPSG:4326) with :data:`FRONT_COLUMNS`; dates without a known place give
    no rows. Places known on some date but without coordinates are listed in
    ``frame.attrs["missing_places"]``.

    >>> fronts_for_dates(ControlTimeline.from_events([]), {}, [date(2016, 1, 1)]).empty
    True
    """
    import geopandas as gpd

    if r_max_km <= 0:
        from mapper.errors import ConfigError

        raise ConfigError(f"r_max_km must be > 0 km, got {r_max_km!r}; try 25")
    parts = _date_parts(timeline, sorted(set(dates)), workers)
    if len(parts) > 1:
        from mapper.engine.helpers import Helpers, current

        helpers = current()
        own = None if helpers is not None else Helpers(len(parts) - 1)
        try:
            jobs = [(helpers or own).submit(_rows_for_dates, timeline, places, part, aoi, r_max_km)
                    for part in parts[1:]]
            done = [_rows_for_dates(timeline, places, parts[0], aoi, r_max_km)] + [j.result() for j in jobs]
        finally:
            if own is not None:
                own.close()
    else:
        done = [_rows_for_dates(timeline, places, parts[0] if parts else [], aoi, r_max_km)]
    rows = [r for part_rows, _, _ in done for r in part_rows]
    geoms = [g for _, part_geoms, _ in done for g in part_geoms]
    frame = gpd.GeoDataFrame(rows, columns=FRONT_COLUMNS, geometry=geoms, crs="EPSG:4326")
    frame.attrs["missing_places"] = sorted(set().union(*(m for _, _, m in done)))
    return frame


def _date_parts(timeline: ControlTimeline, days: list[date], workers: int) -> list[list[date]]:
    """``days`` (sorted) cut into at most ``workers`` runs of consecutive dates of about
    equal cost: a date costs about the number of places known by then (places whose
    first interval has started), so the later, fuller dates make shorter runs."""
    n = max(1, min(int(workers or 1), len(days) // MIN_DATES_PER_PART))
    if n == 1:
        return [days] if days else []
    import bisect

    firsts = sorted(iv[0].date_start for iv in (timeline.history(p) for p in timeline.places()) if iv)
    cum = np.cumsum([1 + bisect.bisect_right(firsts, d) for d in days])
    cuts = [int(np.searchsorted(cum, cum[-1] * k / n)) for k in range(1, n)]
    bounds = [0] + [min(max(c, 1), len(days) - 1) for c in cuts] + [len(days)]
    return [days[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _rows_for_dates(timeline: ControlTimeline, places: Optional[Mapping[str, Place]], days: Sequence[date],
                    aoi: Optional[BaseGeometry], r_max_km: float) -> tuple[list[dict[str, Any]], list[BaseGeometry], set[str]]:
    """(rows, geometries, places missing coordinates) of ``days`` (sorted); a module-level
    function, so a helper process can compute a run of dates. The projection is centred
    on every located place of the timeline, whatever the dates: each run gives the rows
    a single run over all dates gives."""
    method = METHOD if r_max_km == R_MAX_KM else f"voronoi-clipped-{r_max_km:g}km"
    lookup: dict[str, Place] = dict(timeline.places_by_id)
    lookup.update(places or {})
    located = [pid for pid in timeline.places() if pid in lookup]
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry] = []
    if not located:
        return rows, geoms, set(timeline.places())
    missing: set[str] = set()
    lonlat = np.array([[lookup[p].lon, lookup[p].lat] for p in located], dtype=float)
    proj = LocalProjection(float(lonlat[:, 1].mean()), float(lonlat[:, 0].mean()))
    xy = proj.forward(lonlat)
    coords = {p: xy[i] for i, p in enumerate(located)}
    # densify (0.01 degree, ~1 km) so straight lon/lat edges stay put when projected
    aoi_local = proj.to_local(shapely.segmentize(aoi, 0.01)) if aoi is not None else None
    changes = timeline.change_dates()
    cache = _GeometryCache(proj, aoi_local, r_max_km * 1000.0)
    for day in days:
        known = timeline.known_on(day)
        missing.update(p for p in known if p not in coords)
        start, end = _interval(day, changes)
        for attrs, geom in _estimate(day, known, coords, aoi_local, r_max_km * 1000.0, r_max_km, cache):
            rows.append({"id": _row_id(day, attrs), "date": day.isoformat(),
                         "date_start": start, "date_end": end, "method": method,
                         "label": _label(attrs), **attrs})
            geoms.append(geom)
    return rows, geoms, missing
