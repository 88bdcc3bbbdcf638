"""Fusion of events across sources: one event per real-world claim.

:func:`fuse` merges the reports of the same event by several articles (or the
same article twice) and flags contradictions between reports, which are kept,
never averaged away. The rules (also in docs/CONTROL.md):

*Same event* — two events are reports of the same event when all hold:

- same ``kind`` and same ``side``;
- same place: the same named place (``location.place.id``), or, when one of
  them has no named place of its own (an offset "4km west of Palmyra"), their
  points are at most :data:`SAME_PLACE_KM` (2 km) apart (geodesic); two
  different named places are fused only when their points are at most 2 km
  apart too (one place under two gazetteer ids). Two events without any
  location are the same place when their ``place_name`` is equal
  (case-insensitive);
- both dated with overlapping inclusive spans (a month-precision span
  overlaps every day of that month; a span with only an end, "by 23
  November", reaches back indefinitely; one with only a start is that day),
  or both undated *and* from the same article (an undated event is never
  fused with a dated one, and undated reports of different articles are kept
  apart: nothing says they describe the same moment).

A cluster is built greedily in a fixed order (most precise first: precision
day < week < month < year < unknown, then narrower span, earlier start,
higher confidence, article id, event id); an event joins the first cluster
whose *every* member it matches (complete linkage, so two different days are
never chained through a month-precision report). An event that matches more
than one cluster joins the first and gets the flag ``fusion_ambiguous``.

*The fused event* is the most precise report (its id, time span, quote and
char span, location), with ``sources`` = the sorted distinct article ids,
``corroboration`` = len(sources), ``other_quotes`` = (article, quote,
char_start, char_end) of the other reports, flags merged (``background``
only when every report is background; ``corroborated`` when 2+ articles) and
confidence = ``1 - (1 - c_max) * 0.8 ** (n - 1)`` capped at 0.99 (each extra
independent article removes 20 % of the remaining doubt; ``n`` =
corroboration; ``c_max`` the highest confidence among the reports; articles
already counted in an input's ``sources`` are not counted twice, so fusing
fused events again changes nothing). Example: two reports at 0.7 give 0.76.

*Contradictions* (checked after fusion, between dated events on the same
named place with overlapping spans): a capture/control claim by side A
against a capture/control claim by side B != A, or a capture and a withdrawal
by the same side. Both events are kept and flagged ``contradicted``; one
record per pair is returned (see :class:`FusionResult`).

>>> result = fuse([])
>>> result.events, result.contradictions
([], [])
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Optional, Sequence

from gazetteer.disambiguate import haversine_km
from gazetteer.normalize import name_key
from mapper.model import Event

__all__ = ["FusionResult", "fuse", "SAME_PLACE_KM", "CORROBORATION_FACTOR",
           "MAX_FUSED_CONFIDENCE", "PRECISION_RANK", "own_place_id", "is_dated",
           "span_bounds", "distance_km", "HOLDING_KINDS", "grid_cell", "overlapping_pairs",
           "GRID_CELL_KM"]

#: Two reports whose points are at most this far apart are at the same place (km).
SAME_PLACE_KM = 2.0
#: Each extra independent article multiplies the remaining doubt by this factor.
CORROBORATION_FACTOR = 0.8
#: Fused confidence never exceeds this.
MAX_FUSED_CONFIDENCE = 0.99
#: Order of time precisions, most precise first.
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
#: Kinds that claim a side holds a place (used by the contradiction check).
HOLDING_KINDS = ("capture", "control")

_EARTH_RADIUS_KM = 6371.0088


@dataclass
class FusionResult:
    """What :func:`fuse` returns.

    ``events``: the fused events, sorted (dated first by start, end, article,
    char_start, id; then undated). ``contradictions``: one dict per
    contradicting pair: ``{"place_id", "place", "date", "date_end",
    "event_ids", "kinds", "sides", "articles", "message"}`` (dates ISO
    strings; lists in event-id order). ``merged``: fused event id -> the ids
    of every report merged into it (itself included), for each fused event.
    """

    events: list[Event] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    merged: dict[str, tuple[str, ...]] = field(default_factory=dict)


def own_place_id(ev: Event) -> Optional[str]:
    """The id of the named place the event is *at* (not an offset's anchor), or None."""
    loc = ev.location
    if loc is None or loc.place is None:
        return None
    return loc.place.id


def is_dated(ev: Event) -> bool:
    """True when the event's time span has a start or an end."""
    return ev.time.start is not None or ev.time.end is not None


def span_bounds(ev: Event) -> tuple[date, date]:
    """Inclusive (first, last) day of a dated event's span.

    A missing start ("by 23 November") reaches back to ``date.min``; a
    missing end is the start itself.
    """
    start, end = ev.time.start, ev.time.end
    if start is None and end is None:
        raise ValueError(f"event {ev.id!r} is undated; check is_dated() first")
    lo = start if start is not None else date.min
    hi = end if end is not None else start
    assert hi is not None
    return lo, hi


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees.

    >>> round(distance_km(34.56, 38.285, 34.519, 38.216), 1)
    7.8
    """
    return haversine_km((lat1, lon1), (lat2, lon2))   # the one haversine, in gazetteer/


def _names_agree(a: Event, b: Event) -> bool:
    """Whether two events' place names can name one place: equal transliteration
    keys, or one name's words inside the other's ("Manbij" / "Manbij city").
    A neighbourhood, school or hill placed on its town's point keeps its own name,
    so it never fuses with an event at the town itself."""
    ka, kb = name_key(a.place_name), name_key(b.place_name)
    if not ka or not kb or ka == kb:
        return True
    ta, tb = f" {ka} ", f" {kb} "
    return ta in tb or tb in ta


def _same_place(a: Event, b: Event) -> bool:
    pa, pb = own_place_id(a), own_place_id(b)
    if pa is not None and pa == pb:
        return True
    la, lb = a.location, b.location
    if la is None or lb is None:
        return la is None and lb is None and a.place_name.strip().lower() == b.place_name.strip().lower()
    return distance_km(la.lat, la.lon, lb.lat, lb.lon) <= SAME_PLACE_KM and _names_agree(a, b)


def _sort_key(ev: Event) -> tuple:
    rank = PRECISION_RANK.get(ev.time.precision, len(PRECISION_RANK))
    if is_dated(ev):
        lo, hi = span_bounds(ev)
        width = (hi - lo).days
        start = lo.toordinal()
    else:
        width, start = 10**7, 10**7
    return (rank, width, start, -ev.confidence, ev.article_id, ev.char_start, ev.id)


@dataclass
class _Cluster:
    members: list[Event]
    lo: Optional[date]
    hi: Optional[date]
    ambiguous: bool = False

    def accepts(self, ev: Event) -> bool:
        if self.lo is not None and self.hi is not None:
            lo, hi = span_bounds(ev)
            if lo > self.hi or hi < self.lo:
                return False
        return all(_same_place(ev, m) for m in self.members)

    def add(self, ev: Event) -> None:
        self.members.append(ev)
        if self.lo is not None and self.hi is not None:
            lo, hi = span_bounds(ev)
            self.lo, self.hi = max(self.lo, lo), min(self.hi, hi)


#: Edge (km) of the cells of the spatial grid of :class:`_ClusterIndex` (> SAME_PLACE_KM).
GRID_CELL_KM = 2.5
#: Time buckets of :class:`_ClusterIndex` (days); spans over WIDE_BUCKETS buckets are scanned.
TIME_BUCKET_DAYS = 7
WIDE_BUCKETS = 8
_NEIGHBOURS = tuple((dx, dy, dz) for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1))


def grid_cell(lat: float, lon: float, cell_km: float = GRID_CELL_KM) -> tuple[int, int, int]:
    """The cell of a (lat, lon) point (degrees) in a 3-D grid of ``cell_km`` cubes.

    The point is placed on the sphere of radius 6371.0088 km (earth-centred
    x, y, z in km). The straight chord between two points is never longer than
    their great-circle distance, so two points at most ``cell_km`` apart (great
    circle) lie in the same or adjacent cells (all 27 neighbours checked), at
    every latitude, the poles and the antimeridian included.

    >>> grid_cell(34.56, 38.285) == grid_cell(34.561, 38.2851)
    True
    """
    la, lo = math.radians(lat), math.radians(lon)
    c = math.cos(la)
    r = _EARTH_RADIUS_KM / cell_km
    return (math.floor(r * c * math.cos(lo)), math.floor(r * c * math.sin(lo)), math.floor(r * math.sin(la)))


class _ClusterIndex:
    """Where the clusters of one bucket (kind, side, dated) are, in place and time.

    A cluster can accept an event only if the event is at the same place as
    the cluster's first member (same place id, or points <= 2 km apart, or no
    location and the same place name) and the spans overlap. Each cluster is
    filed under its first member's place id, grid cell (:func:`grid_cell`) or
    place name, and under the time buckets (:data:`TIME_BUCKET_DAYS` days) of
    its initial span (a cluster's span only narrows, so this stays a
    superset); a span over :data:`WIDE_BUCKETS` buckets (a month, a year, "by
    23 November") goes to a per-place list that every query scans.
    :meth:`candidates` returns a superset of the accepting clusters, sorted by
    creation: the caller still applies the exact test. Cost per event: the
    clusters at the same place and weeks, instead of every cluster.
    """

    def __init__(self) -> None:
        self.narrow: dict[tuple, dict[int, list[int]]] = {}
        self.wide: dict[tuple, list[int]] = {}
        self.every: dict[tuple, list[int]] = {}

    @staticmethod
    def _file_keys(ev: Event) -> list[tuple]:
        loc = ev.location
        if loc is None:
            return [("name", ev.place_name.strip().lower())]
        keys: list[tuple] = [("cell",) + grid_cell(loc.lat, loc.lon)]
        pid = own_place_id(ev)
        if pid is not None:
            keys.append(("id", pid))
        return keys

    @staticmethod
    def _query_keys(ev: Event) -> list[tuple]:
        loc = ev.location
        if loc is None:
            return [("name", ev.place_name.strip().lower())]
        x, y, z = grid_cell(loc.lat, loc.lon)
        keys: list[tuple] = [("cell", x + dx, y + dy, z + dz) for dx, dy, dz in _NEIGHBOURS]
        pid = own_place_id(ev)
        if pid is not None:
            keys.append(("id", pid))
        return keys

    @staticmethod
    def _buckets(lo: Optional[date], hi: Optional[date]) -> Optional[range]:
        if lo is None or hi is None:
            return None
        b0, b1 = lo.toordinal() // TIME_BUCKET_DAYS, hi.toordinal() // TIME_BUCKET_DAYS
        return range(b0, b1 + 1) if b1 - b0 < WIDE_BUCKETS else None

    def add(self, i: int, ev: Event, lo: Optional[date], hi: Optional[date]) -> None:
        """File cluster number ``i`` (created by ``ev``, span lo..hi or undated)."""
        weeks = self._buckets(lo, hi)
        for key in self._file_keys(ev):
            self.every.setdefault(key, []).append(i)
            if weeks is None:
                self.wide.setdefault(key, []).append(i)
            else:
                per_week = self.narrow.setdefault(key, {})
                for w in weeks:
                    per_week.setdefault(w, []).append(i)

    def candidates(self, ev: Event) -> list[int]:
        """Numbers (creation order) of the clusters that may accept ``ev``."""
        weeks = self._buckets(*span_bounds(ev)) if is_dated(ev) else None
        found: set[int] = set()
        for key in self._query_keys(ev):
            if weeks is None:
                found.update(self.every.get(key, ()))
                continue
            found.update(self.wide.get(key, ()))
            per_week = self.narrow.get(key)
            if per_week:
                for w in weeks:
                    found.update(per_week.get(w, ()))
        return sorted(found)


def _bucket_key(ev: Event) -> tuple:
    if is_dated(ev):
        return (ev.kind, ev.side, True, "")
    return (ev.kind, ev.side, False, ev.article_id)


def _merge(cluster: _Cluster) -> Event:
    members = cluster.members
    rep = members[0]
    sources = sorted({s for m in members for s in ((m.article_id,) + tuple(m.sources)) if s})
    n = max(1, len(sources))
    best = max(members, key=lambda m: m.confidence)
    c_max = best.confidence
    # boost only for articles the most confident report does not already count
    # (re-fusing fused events does not boost twice)
    extra = n - len(set(best.sources) | {best.article_id})
    conf = c_max
    if extra > 0:
        conf = max(c_max, min(MAX_FUSED_CONFIDENCE, 1 - (1 - c_max) * CORROBORATION_FACTOR ** extra))
    quotes: dict[tuple[str, str, int, int], None] = {}
    for q in rep.other_quotes:
        quotes[tuple(q)] = None  # type: ignore[index]
    for m in members[1:]:
        quotes[(m.article_id, m.quote, m.char_start, m.char_end)] = None
        for q in m.other_quotes:
            quotes[tuple(q)] = None  # type: ignore[index]
    rep_q = (rep.article_id, rep.quote, rep.char_start, rep.char_end)
    other = tuple(sorted((q for q in quotes if q != rep_q), key=lambda q: (q[0], q[2], q[3], q[1])))
    flags: list[str] = []
    for m in members:
        for f in m.flags:
            if f not in flags:
                flags.append(f)
    if "background" in flags and not all("background" in m.flags for m in members):
        flags.remove("background")
    if n > 1 and "corroborated" not in flags:
        flags.append("corroborated")
    if cluster.ambiguous and "fusion_ambiguous" not in flags:
        flags.append("fusion_ambiguous")
    losing = rep.losing_side
    if losing is None:
        losing = next((m.losing_side for m in members if m.losing_side is not None), None)
    toward, toward_names = rep.toward, rep.toward_names
    if not toward:
        donor = next((m for m in members if m.toward), None)
        if donor is not None:
            toward, toward_names = donor.toward, donor.toward_names
    return replace(rep, sources=tuple(sources), corroboration=n, other_quotes=other,
                   confidence=round(conf, 4), flags=tuple(flags), losing_side=losing,
                   toward=toward, toward_names=toward_names)


def _output_key(ev: Event) -> tuple:
    if is_dated(ev):
        lo, hi = span_bounds(ev)
        return (0, lo.toordinal(), hi.toordinal(), ev.article_id, ev.char_start, ev.id)
    return (1, 0, 0, ev.article_id, ev.char_start, ev.id)


def _contradiction(a: Event, b: Event) -> Optional[str]:
    if a.kind in HOLDING_KINDS and b.kind in HOLDING_KINDS:
        if a.side != b.side and "unknown" not in (a.side, b.side) and a.side and b.side:
            return (f"{a.side} {a.kind} vs {b.side} {b.kind} of the same place on overlapping "
                    f"dates: reports disagree on who holds it")
        return None
    kinds = {a.kind, b.kind}
    if kinds == {"capture", "withdrawal"} and a.side == b.side and a.side not in ("", "unknown"):
        return (f"{a.side} both captured and withdrew from the same place on overlapping dates")
    return None


def overlapping_pairs(spans: Sequence[tuple[date, date]]) -> list[tuple[int, int]]:
    """Every pair (i, j), i < j, of inclusive spans (first, last day) that overlap,
    sorted; a sweep in start order, so the cost is n log n plus the pairs found.

    >>> d = date.fromisoformat
    >>> overlapping_pairs([(d("2016-03-01"), d("2016-03-31")), (d("2016-05-01"), d("2016-05-01")),
    ...                    (d("2016-03-27"), d("2016-03-27"))])
    [(0, 2)]
    """
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    pairs: list[tuple[int, int]] = []
    for n, i in enumerate(order):
        hi = spans[i][1]
        for m in range(n + 1, len(order)):
            j = order[m]
            if spans[j][0] > hi:
                break
            # spans[j] starts within i (it starts no earlier than i): they overlap
            pairs.append((i, j) if i < j else (j, i))
    pairs.sort()
    return pairs


def _find_contradictions(events: list[Event]) -> tuple[list[dict[str, Any]], set[str]]:
    relevant = [e for e in events if is_dated(e) and own_place_id(e) is not None
                and e.kind in HOLDING_KINDS + ("withdrawal",)]
    by_place: dict[str, list[Event]] = {}
    for e in relevant:
        by_place.setdefault(own_place_id(e), []).append(e)  # type: ignore[arg-type]
    records: list[dict[str, Any]] = []
    flagged: set[str] = set()
    for pid in sorted(by_place):
        group = sorted(by_place[pid], key=lambda e: e.id)
        for i, j in overlapping_pairs([span_bounds(e) for e in group]):
            a, b = group[i], group[j]
            a_lo, a_hi = span_bounds(a)
            b_lo, b_hi = span_bounds(b)
            msg = _contradiction(a, b)
            if msg is None:
                continue
            lo, hi = max(a_lo, b_lo), min(a_hi, b_hi)
            place = a.location.place.name if a.location and a.location.place else a.place_name
            records.append({
                "place_id": pid, "place": place,
                "date": lo.isoformat() if lo != date.min else None,
                "date_end": hi.isoformat(),
                "event_ids": [a.id, b.id], "kinds": [a.kind, b.kind],
                "sides": [a.side, b.side],
                "articles": [list(a.sources or (a.article_id,)), list(b.sources or (b.article_id,))],
                "message": f"{place}: {msg} (events {a.id!r} and {b.id!r}); both kept",
            })
            flagged.update((a.id, b.id))
    return records, flagged


def fuse(events: Sequence[Event]) -> FusionResult:
    """Merge reports of the same event and flag contradictions (rules: module doc).

    Deterministic: the result does not depend on the order of ``events``.

    >>> from mapper.model import TimeSpan
    >>> from datetime import date
    >>> d = TimeSpan(date(2016, 12, 11), date(2016, 12, 11), "day")
    >>> a = Event("a1", "capture", "islamic_state", "IS", "001", "q1", 0, 2, "Palmyra", None, d)
    >>> b = Event("b1", "capture", "islamic_state", "IS", "007", "q2", 5, 7, "Palmyra", None, d)
    >>> [(e.sources, e.corroboration) for e in fuse([b, a]).events]
    [(('001', '007'), 2)]
    """
    ordered = sorted(events, key=_sort_key)
    buckets: dict[tuple, list[_Cluster]] = {}
    indexes: dict[tuple, _ClusterIndex] = {}
    for ev in ordered:
        bkey = _bucket_key(ev)
        clusters = buckets.setdefault(bkey, [])
        index = indexes.setdefault(bkey, _ClusterIndex())
        # the index gives a superset of the clusters that can accept ev, in creation
        # order: the same first match and the same ambiguity as a scan of all clusters
        matches = [clusters[i] for i in index.candidates(ev) if clusters[i].accepts(ev)]
        if matches:
            matches[0].add(ev)
            if len(matches) > 1:
                matches[0].ambiguous = True
        else:
            lo, hi = span_bounds(ev) if is_dated(ev) else (None, None)
            index.add(len(clusters), ev, lo, hi)
            clusters.append(_Cluster([ev], lo, hi))
    fused: list[Event] = []
    merged: dict[str, tuple[str, ...]] = {}
    for key in sorted(buckets, key=lambda k: (k[0], k[1], k[2], k[3])):
        for cluster in buckets[key]:
            ev = _merge(cluster)
            fused.append(ev)
            merged[ev.id] = tuple(sorted(m.id for m in cluster.members))
    fused.sort(key=_output_key)
    records, flagged = _find_contradictions(fused)
    if flagged:
        fused = [replace(e, flags=e.flags + ("contradicted",))
                 if e.id in flagged and "contradicted" not in e.flags else e for e in fused]
    return FusionResult(events=fused, contradictions=records,
                        merged={k: merged[k] for k in sorted(merged)})
