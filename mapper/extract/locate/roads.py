"""Where a road named by its two ends lies (one job: "the A-B road" -> a corridor).

The Location of a road mention (:mod:`mapper.extract.mentions.roads`) is the
corridor of :data:`ROAD_CORRIDOR_KM` either side of the straight segment
between its two ends' gazetteer points (the road's own course is unknown),
point at the segment's geodesic midpoint, ``is_point`` False, method "region",
precision "line", no anchor (maps draw an area-only Location at its anchor:
the road is drawn at its midpoint, never at one end), uncertainty = equal-area
radius of the corridor (km); no Location when either end is unknown (never
one end alone).

One exception, a verb class: a road that is cut / severed / blocked / reached
(:data:`CUT_BEFORE_RE`) while one of its ends is the place the text is about
isolates that place: the slot is that end (an advance on it), the road stays
the mention's Location (:func:`mapper.extract.locate.run._road_slot`).

>>> a = Place("p:a", "A", 36.0, 37.0)
>>> b = Place("p:b", "B", 36.0, 38.0)
>>> loc = road_location(a, b, "the A-B road")
>>> (loc.precision, loc.is_point, round(loc.lat, 2), round(loc.lon, 2), round(loc.uncertainty_km))
('line', False, 36.0, 37.5, 13)
"""
from __future__ import annotations

import re
from typing import Optional

from gazetteer import geometry as geo
from gazetteer.model import METHOD_REGION, Location, Place

__all__ = ["ROAD_CORRIDOR_KM", "CUT_BEFORE_RE", "road_location", "road_name"]

#: a verb that cuts or reaches a road right before its mention ("severing the A-B road", "cut
#: another key supply route between A and B", "reached the A-B road"); applied to the 60
#: characters before the road (an advance on the end the text is about)
CUT_BEFORE_RE = re.compile(
    r"\b(?:cut|cuts|cutting|sever|severs|severed|severing|block|blocks|blocked|blocking|interdict\w*|"
    r"reach|reaches|reached|reaching)\s+"
    r"(?:off\s+)?(?:(?:the|a|an|another|one|two|both)\s+)?(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)

#: half-width (km) of the corridor of a road between two places
ROAD_CORRIDOR_KM = 3.0


def road_name(a: str, b: str, a_place: Optional[Place], b_place: Optional[Place], head: str = "road") -> str:
    """The shown name of a road: its ends' gazetteer names (else their surfaces) and its head.

    >>> road_name("Manbij", "Jarablus", None, None)
    'Manbij–Jarablus road'
    """
    left = a_place.name if a_place is not None else a
    right = b_place.name if b_place is not None else b
    return f"{left}–{right} {head}"


def road_location(a: Place, b: Place, phrase: str) -> Location:
    """The corridor Location of the road between places ``a`` and ``b`` (see module docstring)."""
    import numpy as np
    import shapely
    from pyproj import Transformer
    from shapely.geometry import LineString
    from shapely.geometry.polygon import orient


    dist_km, bearing = geo.inverse(a.lat, a.lon, b.lat, b.lon)
    mid_lat, mid_lon = geo.destination(a.lat, a.lon, bearing, dist_km / 2.0) if dist_km > 0 else (a.lat, a.lon)
    aeqd = f"+proj=aeqd +lat_0={mid_lat} +lon_0={mid_lon} +datum=WGS84 +units=m"
    fwd = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    inv = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)

    def through(tr: Transformer):
        return lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1]))

    line = shapely.transform(LineString([(a.lon, a.lat), (b.lon, b.lat)]), through(fwd))
    corridor = orient(shapely.transform(line.buffer(ROAD_CORRIDOR_KM * 1000.0, quad_segs=16), through(inv)),
                      sign=1.0)
    radius = geo.equal_area_radius_km(geo.area_km2(corridor))
    return Location(lat=mid_lat, lon=mid_lon, method=METHOD_REGION, precision="line", uncertainty_km=radius,
                    area=corridor, anchor=None, phrase=phrase, is_point=False,
                    notes=(f"{phrase!r}: the road between {a.name} and {b.name} "
                           f"({dist_km:.0f} km, a {2 * ROAD_CORRIDOR_KM:g} km wide corridor)",))
