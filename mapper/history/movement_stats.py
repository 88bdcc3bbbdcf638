"""Net movement per date and side: how far and which way a side's ground moved.

For each date of ``dates`` (sorted; the first is compared with the day
before it, every other one with the previous date of the list), each side's
*held* places (status held; contested places count for nobody) are compared:
``places_gained`` / ``places_lost`` are the place ids held on the date and not
on the previous one / the reverse. Where at least one place was gained or lost
and the side held located places on both dates, the movement is the shift of
the centroid of its held places (mean position in a local azimuthal-equidistant
projection, metres): ``distance_km`` (km) and ``bearing_deg`` (degrees clockwise
from north, geodesic from the old centroid to the new one, WGS84) with the
8-point ``direction`` word. When the side held nothing on one of the two dates
``distance_km``/``bearing_deg``/``direction`` are None and ``basis`` says why.

Joint holds ("a+b") count as their own label. Places without coordinates are
counted in gained/lost but not in centroids.

>>> net_movement(ControlTimeline.from_events([]), {}, [date(2016, 1, 1)])
[]
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Mapping, Optional, Sequence

import numpy as np
from pyproj import Geod

from gazetteer.model import Place
from mapper.history.control import STATUS_HELD, ControlTimeline
from mapper.history.front import LocalProjection

__all__ = ["net_movement", "compass_word", "COMPASS_8", "MIN_MOVE_KM"]

COMPASS_8 = ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")
#: A centroid shift below this (km) has no bearing (direction "none").
MIN_MOVE_KM = 0.01
_GEOD = Geod(ellps="WGS84")


def compass_word(bearing_deg: float) -> str:
    """The 8-point compass word of a bearing in degrees clockwise from north.

    >>> compass_word(0), compass_word(100), compass_word(250), compass_word(337.6)
    ('north', 'east', 'west', 'north')
    """
    return COMPASS_8[int(((bearing_deg % 360) + 22.5) // 45) % 8]


def _held(timeline: ControlTimeline, day: date) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for pid, st in timeline.known_on(day).items():
        if st.status == STATUS_HELD and st.side:
            out.setdefault(st.side, set()).add(pid)
    return out


def net_movement(timeline: ControlTimeline, places: Optional[Mapping[str, Place]],
                 dates: Sequence[date]) -> list[dict[str, Any]]:
    """Per date and side: places gained/lost and the move of the side's centroid.

    Returns dicts ``{"date" (YYYY-MM-DD), "previous" (YYYY-MM-DD), "side",
    "places_gained" (sorted ids), "places_lost" (sorted ids), "n_places"
    (held on the date), "distance_km", "bearing_deg", "direction", "basis"}``
    for every (date, side) with at least one place gained or lost, sorted by
    date then side.
    """
    lookup: dict[str, Place] = dict(timeline.places_by_id)
    lookup.update(places or {})
    located = [p for p in timeline.places() if p in lookup]
    if not located:
        return []
    lonlat = np.array([[lookup[p].lon, lookup[p].lat] for p in located], dtype=float)
    proj = LocalProjection(float(lonlat[:, 1].mean()), float(lonlat[:, 0].mean()))
    xy = dict(zip(located, proj.forward(lonlat)))

    def centroid(pids: set[str]) -> Optional[np.ndarray]:
        pts = [xy[p] for p in sorted(pids) if p in xy]
        return np.mean(pts, axis=0) if pts else None

    days = sorted(set(dates))
    out: list[dict[str, Any]] = []
    after: dict[str, set[str]] = {}
    for n, day in enumerate(days):
        prev = days[n - 1] if n else day - timedelta(days=1)
        # the previous date's holdings were computed in the previous iteration
        before, after = (after if n else _held(timeline, prev)), _held(timeline, day)
        for side in sorted(set(before) | set(after)):
            b, a = before.get(side, set()), after.get(side, set())
            gained, lost = sorted(a - b), sorted(b - a)
            if not gained and not lost:
                continue
            row: dict[str, Any] = {"date": day.isoformat(), "previous": prev.isoformat(),
                                   "side": side, "places_gained": gained, "places_lost": lost,
                                   "n_places": len(a), "distance_km": None, "bearing_deg": None,
                                   "direction": None}
            c0, c1 = centroid(b), centroid(a)
            if c0 is None:
                row["basis"] = "no located place held before: first appearance"
            elif c1 is None:
                row["basis"] = "no located place held any more"
            else:
                dist = float(np.hypot(*(c1 - c0))) / 1000.0
                row["distance_km"] = round(dist, 3)
                row["basis"] = f"centroid of held places ({len(b)} -> {len(a)})"
                if dist >= MIN_MOVE_KM:
                    (lon0, lat0), (lon1, lat1) = proj.inverse(np.array([c0, c1]))
                    az, _, _ = _GEOD.inv(lon0, lat0, lon1, lat1)
                    bearing = round(float(az) % 360.0, 1)
                    row["bearing_deg"] = bearing
                    row["direction"] = compass_word(bearing)
                else:
                    row["direction"] = "none"
            out.append(row)
    return out
