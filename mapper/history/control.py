"""Control of places over time, derived from (fused) events.

:class:`ControlTimeline` turns dated events into, for every named place, a
list of :class:`ControlInterval` (who held it from when to when and which
events say so). The rules, precisely (also in docs/CONTROL.md):

*Which events count.* Only dated events (a start or an end) whose location
is a named place (``location.place``; an offset "4km west of Palmyra", a
distance ring, a direction sector or a region is not a place and never moves
control) and whose kind is one of
capture, control, entry, position, withdrawal, clash. Everything else
(advance, attack, airstrike, destruction, undated events, unknown sides where
a side is needed) is listed in :attr:`ControlTimeline.ignored` with a reason;
nothing is dropped silently. A part of a place ("Palmyra triangle",
"Palmyra Castle") is its own gazetteer place and changes only itself.

*When.* A change takes effect on the event's ``time.start`` (a
month-precision "captured in March 2016" from 2016-03-01; the span's end is
kept as ``since_latest`` and the precision as ``precision``); with only an
end ("by 23 November") on that end. Events of the same day are applied in
the order clash, withdrawal, entry/position, capture/control (then by id), and
all of one day's changes collapse into one interval whose ``event_ids`` lists
every event behind it.

*What* (``S`` = the event's side, "held by X" = status held, side X):

- capture / control by S: held by S. When the location is only a *part* of
  the place (method "part": "western neighbourhoods of Palmyra") and S does
  not already hold it: contested between the holder and S.
- entry by S: held by S already -> unchanged (a confirmation); otherwise
  contested (parties: the previous holder, if any, and S) until a capture.
- position by S: held by S if the place was unknown or S held it; contested
  if another side held it.
- withdrawal by S from a place S held (or unknown / contested): held by the
  opposing side when the event names one (``losing_side`` set and != S);
  otherwise unknown (side None, note "withdrawn by S"). A withdrawal by S
  from a place another side holds changes nothing. Each destination of the
  withdrawal (``toward``, named places) is held by S when it was unknown
  (a retreat goes to one's own lines), confirmed when S held it, unchanged
  otherwise.
- clash: contested between the holder (if any) and the sides named.
- A change that yields the state already in force is a *confirmation*: it
  adds ``(day, event id)`` to the interval's ``evidence`` (and its id to
  ``event_ids`` when on the interval's first day) and starts no interval.

Events flagged "contradicted" by fusion are applied like any other.

*Prior.* ``prior`` maps place id -> :class:`ControlState` observed on
``state.since`` (None: from the beginning of time). It is applied as one
more observation on that day, before that day's events; events before and
after it apply as usual. See mapper/history/prior.py.

*Intervals.* ``date_start`` is inclusive, ``date_end`` exclusive (the day
the next interval starts); the last interval is open (``date_end`` None).
Before a place's first interval its state is unknown.

>>> tl = ControlTimeline.from_events([])
>>> tl.places(), tl.change_dates()
([], [])
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping, Optional, Sequence

from gazetteer.model import METHOD_DIRECTION, METHOD_DISTANCE, METHOD_PART, METHOD_REGION, Place
from mapper.history.fusion import PRECISION_RANK, is_dated
from mapper.model import Event

__all__ = ["ControlState", "ControlInterval", "ControlTimeline", "intervals_frame",
           "STATUS_HELD", "STATUS_CONTESTED", "STATUS_UNKNOWN", "CONTROL_KINDS",
           "control_place"]

STATUS_HELD = "held"
STATUS_CONTESTED = "contested"
STATUS_UNKNOWN = "unknown"
#: Event kinds that can move control.
CONTROL_KINDS = ("capture", "control", "entry", "position", "withdrawal", "clash")
_RANK = {"prior": -1, "clash": 0, "withdrawal": 1, "entry": 2, "position": 2,
         "capture": 3, "control": 3}


def _known(side: Optional[str]) -> bool:
    return bool(side) and side != "unknown"


@dataclass(frozen=True)
class ControlState:
    """The control of one place on one day.

    ``status``: held | contested | unknown. ``side``: the holder when held
    (a joint hold is written "a+b"), else None. ``parties``: the sides
    involved (the holder(s), or the sides fighting over a contested place).
    ``since``: first day of this state (inclusive; None = unknown since the
    beginning); ``until``: first day of the next state (exclusive; None =
    open). ``since_latest``: the last day the change may have happened (end
    of a month-precision span). ``precision``: precision of the change date
    (day, week, month, year, unknown). ``event_ids``: events behind the
    change. ``last_evidence``: newest day (<= the day asked about) an event
    confirmed this state. ``source``: "events" or "prior".

    >>> ControlState("government", "held", date(2016, 3, 1)).status
    'held'
    """

    side: Optional[str]
    status: str
    since: Optional[date] = None
    until: Optional[date] = None
    event_ids: tuple[str, ...] = ()
    precision: str = "unknown"
    parties: tuple[str, ...] = ()
    since_latest: Optional[date] = None
    last_evidence: Optional[date] = None
    notes: tuple[str, ...] = ()
    source: str = "events"


@dataclass(frozen=True)
class ControlInterval:
    """One stretch of unchanged control of a place.

    ``date_start`` inclusive, ``date_end`` exclusive (None: still in force).
    ``evidence``: (day, event id) of every event that made or confirmed this
    state, sorted by day.
    """

    place_id: str
    date_start: date
    date_end: Optional[date]
    side: Optional[str]
    status: str
    event_ids: tuple[str, ...] = ()
    precision: str = "unknown"
    parties: tuple[str, ...] = ()
    since_latest: Optional[date] = None
    evidence: tuple[tuple[date, str], ...] = ()
    notes: tuple[str, ...] = ()
    source: str = "events"

    def covers(self, day: date) -> bool:
        """True when ``day`` falls in [date_start, date_end)."""
        return self.date_start <= day and (self.date_end is None or day < self.date_end)

    def last_evidence(self, day: date) -> Optional[date]:
        """Newest evidence day <= ``day`` (the start itself at least)."""
        # evidence is sorted by day: bisection, not a scan (fronts ask once per date)
        i = bisect.bisect_right(self.evidence, day, key=_evidence_day)
        return self.evidence[i - 1][0] if i else self.date_start

    def state(self, day: Optional[date] = None) -> ControlState:
        """This interval as a :class:`ControlState` (evidence counted up to ``day``)."""
        return ControlState(side=self.side, status=self.status, since=self.date_start,
                            until=self.date_end, event_ids=self.event_ids,
                            precision=self.precision, parties=self.parties,
                            since_latest=self.since_latest,
                            last_evidence=self.last_evidence(day) if day else None,
                            notes=self.notes, source=self.source)


def _evidence_day(item: tuple[date, str]) -> date:
    return item[0]


#: Location methods that never name a place whose control changes (areas, not places).
_AREA_METHODS = (METHOD_REGION, METHOD_DISTANCE, METHOD_DIRECTION)


def control_place(ev: Event) -> Optional[Place]:
    """The named place whose control the event is about, or None.

    None for an event without a location, for a location that is not a named
    place itself (``location.place`` None: an offset from an anchor) and for
    an area (methods region, distance ring, direction sector).
    """
    loc = ev.location
    if loc is None or loc.method in _AREA_METHODS:
        return None
    return loc.place


@dataclass
class _Open:
    """The interval being built for one place (mutable while building)."""

    start: date
    side: Optional[str]
    status: str
    parties: tuple[str, ...]
    event_ids: list[str]
    precision: str
    since_latest: Optional[date]
    evidence: list[tuple[date, str]]
    notes: tuple[str, ...]
    source: str

    def key(self) -> tuple:
        return (self.side, self.status, tuple(sorted(self.parties)))


@dataclass(frozen=True)
class _Change:
    day: date
    rank: int
    event_id: str
    place_id: str
    side: Optional[str]
    status: str
    parties: tuple[str, ...]
    precision: str
    since_latest: Optional[date]
    notes: tuple[str, ...] = ()
    source: str = "events"
    # "set": impose the state; otherwise a rule name evaluated against the current state
    rule: str = "set"
    actor_side: Optional[str] = None
    other_side: Optional[str] = None
    partial: bool = False


def _parties(*sides: Optional[str]) -> tuple[str, ...]:
    out: list[str] = []
    for s in sides:
        if not _known(s):
            continue
        for part in str(s).split("+"):
            if part and part not in out:
                out.append(part)
    return tuple(sorted(out))


def _resolve(cur: Optional[_Open], ch: _Change) -> Optional[tuple[Optional[str], str, tuple[str, ...], tuple[str, ...]]]:
    """New (side, status, parties, notes) for a change against the current state; None: no change."""
    cur_side = cur.side if cur else None
    cur_status = cur.status if cur else STATUS_UNKNOWN
    cur_parties = cur.parties if cur else ()
    s = ch.actor_side
    if ch.rule == "set":
        return ch.side, ch.status, ch.parties, ch.notes
    if ch.rule == "capture":
        if ch.partial and not (cur_status == STATUS_HELD and cur_side == s):
            return None, STATUS_CONTESTED, _parties(*cur_parties, s), ("partial capture",)
        return s, STATUS_HELD, _parties(s), ()
    if ch.rule in ("entry", "position"):
        if cur_status == STATUS_HELD and cur_side == s:
            return cur_side, cur_status, cur_parties, ()
        if cur_status == STATUS_UNKNOWN and ch.rule == "position":
            return s, STATUS_HELD, _parties(s), ()
        return None, STATUS_CONTESTED, _parties(*cur_parties, s), ((f"entered by {s}",) if ch.rule == "entry" else ())
    if ch.rule == "withdrawal":
        if cur_status == STATUS_HELD and cur_side != s:
            return None
        if _known(ch.other_side) and ch.other_side != s:
            return ch.other_side, STATUS_HELD, _parties(ch.other_side), (f"withdrawn by {s}",)
        return None, STATUS_UNKNOWN, (), (f"withdrawn by {s}",)
    if ch.rule == "destination":
        if cur_status == STATUS_UNKNOWN:
            return s, STATUS_HELD, _parties(s), ("withdrawal destination",)
        if cur_status == STATUS_HELD and cur_side == s:
            return cur_side, cur_status, cur_parties, ()
        return None
    if ch.rule == "clash":
        return None, STATUS_CONTESTED, _parties(*cur_parties, s, ch.other_side), ()
    raise AssertionError(f"unknown rule {ch.rule!r}")


def _prior_changes(prior: Optional[Mapping[str, ControlState]]) -> list[_Change]:
    """One imposed change per place of the prior, on its ``since`` day (date.min: always)."""
    changes = []
    for pid, st in sorted((prior or {}).items()):
        day = st.since or date.min
        changes.append(_Change(day, _RANK["prior"], "", pid, st.side, st.status,
                               st.parties or _parties(st.side), st.precision,
                               st.since_latest, st.notes or ("prior",), source="prior"))
    return changes


def _skip_reason(ev: Event) -> Optional[str]:
    """Why ``ev`` moves no control at all (its kind, no date, not a named place), or None."""
    if ev.kind not in CONTROL_KINDS:
        return f"kind {ev.kind!r} does not move control"
    if not is_dated(ev):
        return "undated: never moves control"
    if control_place(ev) is None:
        return "not at a named place (offset, ring or region location)"
    return None


def _event_changes(ev: Event, place_map: dict[str, Place], ignored: list[dict[str, Any]]) -> list[_Change]:
    """The changes ``ev`` asks for: one at its place and, for a withdrawal, one per named
    destination. The places are added to ``place_map``; an event that moves nothing is
    added to ``ignored`` with its reason (nothing dropped silently)."""
    def skip(reason: str) -> list[_Change]:
        ignored.append({"event_id": ev.id, "article": ev.article_id, "kind": ev.kind, "reason": reason})
        return []

    reason = _skip_reason(ev)
    if reason is not None:
        return skip(reason)
    place = control_place(ev)
    assert place is not None
    place_map.setdefault(place.id, place)
    if ev.kind != "clash" and not _known(ev.side):
        return skip(f"side {ev.side!r} unknown: cannot say who holds {place.name!r}")
    day = ev.time.start if ev.time.start is not None else ev.time.end
    assert day is not None
    rule = "capture" if ev.kind in ("capture", "control") else ev.kind
    partial = ev.location is not None and ev.location.method == METHOD_PART
    notes: tuple[str, ...] = () if ev.time.start is not None else ("by this date",)
    changes = [_Change(day, _RANK[ev.kind], ev.id, place.id, None, "", (),
                       ev.time.precision, ev.time.end, notes, rule=rule,
                       actor_side=ev.side if _known(ev.side) else None,
                       other_side=ev.losing_side, partial=partial)]
    if ev.kind == "withdrawal":
        for loc in ev.toward:
            if loc is None or loc.place is None:
                continue
            place_map.setdefault(loc.place.id, loc.place)
            changes.append(_Change(day, _RANK["position"], ev.id, loc.place.id, None, "",
                                   (), ev.time.precision, ev.time.end, notes,
                                   rule="destination", actor_side=ev.side))
    return changes


class ControlTimeline:
    """Control of every place over time (rules: module docstring).

    Build with :meth:`from_events`; query with :meth:`state`,
    :meth:`history`, :meth:`places`, :meth:`change_dates`, :meth:`known_on`.
    ``places_by_id`` maps place id -> Place for every place in the timeline
    (from the ``places`` argument and the events' locations); ``ignored`` lists
    ``{"event_id", "article", "kind", "reason"}`` for events that move no control.
    """

    def __init__(self, intervals: Mapping[str, Sequence[ControlInterval]],
                 places: Optional[Mapping[str, Place]] = None,
                 ignored: Optional[list[dict[str, Any]]] = None) -> None:
        self._intervals: dict[str, list[ControlInterval]] = {
            pid: list(iv) for pid, iv in sorted(intervals.items()) if iv}
        self._starts = {pid: [i.date_start for i in iv] for pid, iv in self._intervals.items()}
        # (place id, interval number, newest evidence day) -> its state: a state only
        # changes on an evidence day, so the dates in between share one frozen object
        self._states: dict[tuple[str, int, date], ControlState] = {}
        self.places_by_id: dict[str, Place] = dict(places or {})
        self.ignored: list[dict[str, Any]] = list(ignored or [])

    # -- construction -------------------------------------------------
    @classmethod
    def from_events(cls, events: Iterable[Event], prior: Optional[Mapping[str, ControlState]] = None,
                    places: Optional[Mapping[str, Place]] = None) -> "ControlTimeline":
        """Build the timeline from events (ideally fused) and an optional prior.

        ``places``: place id -> Place (coordinates for maps; places named by
        events are added from their locations). ``prior``: place id ->
        ControlState observed on its ``since`` day (see mapper/history/prior.py).

        >>> ControlTimeline.from_events([], prior={"p": ControlState("sdf", "held", date(2017, 6, 1))}
        ...     ).state("p", date(2017, 7, 1)).side
        'sdf'
        """
        place_map: dict[str, Place] = dict(places or {})
        ignored: list[dict[str, Any]] = []
        changes = _prior_changes(prior)
        for ev in events:
            changes.extend(_event_changes(ev, place_map, ignored))
        intervals = cls._intervals_by_place(changes, ignored)
        ignored.sort(key=lambda r: (r["event_id"], r["reason"]))
        return cls(intervals, place_map, ignored)

    @classmethod
    def _intervals_by_place(cls, changes: list[_Change], ignored: list[dict[str, Any]]) -> dict[str, list[ControlInterval]]:
        """The intervals of every place from all changes (sorted here by place, day, rank, event);
        the events of a place whose changes yield no interval are added to ``ignored``."""
        changes.sort(key=lambda c: (c.place_id, c.day, c.rank, c.event_id))
        by_place: dict[str, list[_Change]] = {}
        for ch in changes:
            by_place.setdefault(ch.place_id, []).append(ch)
        intervals: dict[str, list[ControlInterval]] = {}
        for pid, chs in by_place.items():
            built = cls._build_place(pid, chs)
            if built:
                intervals[pid] = built
            else:
                for ch in chs:
                    if ch.event_id:
                        ignored.append({"event_id": ch.event_id, "article": None, "kind": ch.rule,
                                        "reason": f"changed nothing at {pid!r}"})
        return intervals

    @staticmethod
    def _build_place(pid: str, chs: list[_Change]) -> list[ControlInterval]:
        done: list[_Open] = []
        cur: Optional[_Open] = None
        for ch in chs:
            new = _resolve(cur, ch)
            if new is None:
                continue
            side, status, parties, notes = new
            ev = [ch.event_id] if ch.event_id else []
            if cur is not None and cur.key() == (side, status, tuple(sorted(parties))):
                if ch.event_id:
                    cur.evidence.append((ch.day, ch.event_id))
                    if ch.day == cur.start and ch.event_id not in cur.event_ids:
                        cur.event_ids.append(ch.event_id)
                continue
            if cur is not None and cur.start == ch.day:
                # one day, one interval: the later rule wins, the ids accumulate
                cur.side, cur.status, cur.parties = side, status, parties
                cur.event_ids.extend(e for e in ev if e not in cur.event_ids)
                cur.evidence.extend((ch.day, e) for e in ev)
                if PRECISION_RANK.get(ch.precision, 9) < PRECISION_RANK.get(cur.precision, 9):
                    cur.precision, cur.since_latest = ch.precision, ch.since_latest
                cur.notes = tuple(dict.fromkeys(cur.notes + notes))
                cur.source = ch.source if ch.source == "events" else cur.source
                continue
            if cur is not None:
                done.append(cur)
            cur = _Open(ch.day, side, status, parties, ev, ch.precision, ch.since_latest,
                        [(ch.day, e) for e in ev], notes, ch.source)
        if cur is not None:
            done.append(cur)
        out: list[ControlInterval] = []
        for i, o in enumerate(done):
            end = done[i + 1].start if i + 1 < len(done) else None
            out.append(ControlInterval(pid, o.start, end, o.side, o.status, tuple(o.event_ids),
                                       o.precision, o.parties, o.since_latest,
                                       tuple(sorted(o.evidence)), o.notes, o.source))
        return out

    # -- queries ------------------------------------------------------
    def places(self) -> list[str]:
        """Sorted ids of the places that have at least one interval."""
        return list(self._intervals)

    def history(self, place_id: str) -> list[ControlInterval]:
        """The intervals of a place in date order ([] for a place never reported)."""
        return list(self._intervals.get(place_id, ()))

    def change_dates(self) -> list[date]:
        """Sorted distinct days on which some place's control changed."""
        return sorted({iv.date_start for ivs in self._intervals.values() for iv in ivs})

    def interval(self, place_id: str, day: date) -> Optional[ControlInterval]:
        """The interval in force at ``place_id`` on ``day``, or None."""
        starts = self._starts.get(place_id)
        if not starts:
            return None
        i = bisect.bisect_right(starts, day) - 1
        if i < 0:
            return None
        iv = self._intervals[place_id][i]
        return iv if iv.covers(day) else None

    def state(self, place_id: str, day: date) -> ControlState:
        """Control of ``place_id`` on ``day``.

        Unknown (side None, status "unknown") before the place's first
        interval (``until`` = that interval's start) or for a place never
        reported (``since`` and ``until`` None).
        """
        iv = self.interval(place_id, day)
        if iv is not None:
            return iv.state(day)
        starts = self._starts.get(place_id)
        until = starts[0] if starts and day < starts[0] else None
        return ControlState(None, STATUS_UNKNOWN, None, until)

    def known_on(self, day: date) -> dict[str, ControlState]:
        """place id -> state for every place held or contested on ``day`` (sorted by id)."""
        out: dict[str, ControlState] = {}
        starts, states = self._starts, self._states
        for pid, ivs in self._intervals.items():
            # = self.state(pid, day), skipping the unknown states before building them
            i = bisect.bisect_right(starts[pid], day) - 1
            if i < 0:
                continue
            iv = ivs[i]
            if iv.status != STATUS_UNKNOWN and iv.covers(day):
                key = (pid, i, iv.last_evidence(day))
                st = states.get(key)
                if st is None:
                    st = states[key] = iv.state(day)
                out[pid] = st
        return out

    def __repr__(self) -> str:
        n = sum(len(v) for v in self._intervals.values())
        return f"ControlTimeline({len(self._intervals)} places, {n} intervals, {len(self.ignored)} ignored)"


def intervals_frame(timeline: ControlTimeline, places: Optional[Mapping[str, Place]] = None):
    """The history of every place as a GeoDataFrame (EPSG:4326, one row per interval).

    Columns: place_id, place, side ("" when none), status, date_start,
    date_end (ISO strings, end exclusive, None when open), event_ids (comma
    joined), precision, parties (comma joined), notes, source, layer_type
    ("control"); geometry: the place's Point (lon, lat). Places without
    coordinates (neither in ``places`` nor in the timeline) are left out and
    listed in ``frame.attrs["missing_places"]``.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    lookup: dict[str, Place] = dict(timeline.places_by_id)
    lookup.update(places or {})
    rows: list[dict[str, Any]] = []
    geoms = []
    missing: list[str] = []
    for pid in timeline.places():
        place = lookup.get(pid)
        if place is None:
            missing.append(pid)
            continue
        for iv in timeline.history(pid):
            rows.append({
                "place_id": pid, "place": place.name, "side": iv.side or "",
                "status": iv.status, "date_start": iv.date_start.isoformat(),
                "date_end": iv.date_end.isoformat() if iv.date_end else None,
                "event_ids": ",".join(iv.event_ids), "precision": iv.precision,
                "parties": ",".join(iv.parties), "notes": "; ".join(iv.notes),
                "source": iv.source, "layer_type": "control",
            })
            geoms.append(Point(place.lon, place.lat))
    columns = ["place_id", "place", "side", "status", "date_start", "date_end", "event_ids",
               "precision", "parties", "notes", "source", "layer_type"]
    frame = gpd.GeoDataFrame(rows, columns=columns, geometry=geoms, crs="EPSG:4326")
    frame.attrs["missing_places"] = missing
    return frame
