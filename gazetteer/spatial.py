"""Relative and vague location phrases -> geometry with honest uncertainty.

"4km west of Palmyra" becomes a point 4 km due west of Palmyra (geodesic) with
an annular-sector uncertainty area; "within two kilometres" becomes a ring
around the place under discussion; "the western suburb of Palmyra" a sector
of Palmyra's nominal disc. Everything is parsed by ONE compiled regex grammar
(:data:`SPATIAL_RE`), never by loops over place names.

>>> e = parse("al-Qadri Farms 4km west of Palmyra")
>>> e.kind, e.distance_km, e.bearing_deg, e.anchor_text, e.named_text
('offset', 4.0, 270.0, 'Palmyra', 'al-Qadri Farms')
>>> palmyra = Place(id="p", name="Palmyra", lat=34.56, lon=38.285)
>>> loc = locate(e, palmyra)
>>> round(loc.lat, 3), round(loc.lon, 3), round(loc.uncertainty_km, 1)
(34.56, 38.241, 2.0)

Conventions: distances in km, bearings in degrees clockwise from true north,
positions (lat, lon) in arguments / attributes, polygons lon/lat (shapely,
EPSG:4326). Geometry comes from :mod:`gazetteer.geometry`.

Spreads (also in docs/SPATIAL.md)
---------------------------------
Direction: ±45° for N/E/S/W, ±22.5° for NE/SE/SW/NW, ±11.25° for the
16-point NNE-style directions.

Distance (the stated number N, converted to km):

* plain "N km": N ± max(25 % of N, 1 km), floored at 0;
* "about / around / roughly / approximately / some / nearly / almost N":
  N ± max(30 % of N, 1 km);
* "between A and B", "A–B", "A to B": [A, B]; a range narrower than 2 km is
  widened symmetrically to 2 km (floored at 0); the representative distance is
  the midpoint;
* "within / less than / under / up to / no more than N": [0, N], midpoint N/2;
* "more than / over / at least / beyond N": [N, N + max(50 % of N, 2 km)];
* vague: "a couple of" 1.5–3, "a few" 2–5, "several" 3–9 (in the stated unit);
* "N km (M miles)": the first figure is used, the parenthesis ignored;
* a distance of 0 or above :data:`MAX_OFFSET_KM` (500 km), or a negative one,
  is an error.

Direction-only phrases ("west of Palmyra") use a wedge out to
``max(DIRECTION_REACH_KM = 15 km, 3·R)`` (R = nominal radius of the anchor,
:func:`gazetteer.geometry.nominal_radius_km`; regions: 1.5·R); the
representative point is half-way out along the bearing, ``is_point`` False.
"overlooking/facing X to the east" means X lies east of the subject, so the
subject is WEST of X (bearing reversed).

Parts of a place (multiples of the place's nominal radius R):

* suburb / neighbourhood / district / quarter: 0.3R–1.2R
  ("the western suburb" = sector W ±45° between 0.3R and 1.2R);
* "western Palmyra", part / side / half / "in the west of the city": 0–1.0R;
* outskirts / periphery / edge / fringes / environs / gates: 0.8R–1.5R;
* centre / center / heart / downtown / core / old city: disc 0–0.4R
  (direction ignored).

Regions ("eastern Homs Governorate", "the eastern countryside of Homs",
"rural Idlib"): when the anchor names a Syrian governorate
(data/spatial_words.yaml) the region is a disc of the governorate's
equal-area radius Rg around its approximate centroid; a direction takes the
sector ±spread of it (0–Rg), point half-way out. Countryside of a place that
is not a governorate: 1.2R to 1.2R + 30 km.

Anchors by reference ("the city", "the town", "the ancient city", "the
village") and anchorless rings ("within two kilometres") mean the place the
text is about: pass it as ``context_anchor``; without one
:class:`SpatialExpressionError` is raised.

Which position the map uses (ONE rule, :func:`reconcile`): the gazetteer
position of a named place wins when it is known (it is a surveyed point);
the stated offset position is kept as ``alt`` and the :class:`Disagreement` is
reported (a conflict when the gazetteer point is outside the uncertainty area

Modules (one job each): :mod:`gazetteer.spatial_grammar` (vocabulary and the
compiled regex), :mod:`gazetteer.spatial_parse` (phrase -> SpatialExpression),
:mod:`gazetteer.spatial_locate` (expression + anchor -> Location, regions,
resolve), :mod:`gazetteer.spatial_check` (compare / reconcile). This module
re-exports their public names.
"""
from __future__ import annotations

from gazetteer.model import Location, Place  # noqa: F401  (doctests, old imports)
from gazetteer.spatial_check import Disagreement, Reconciled, compare, reconcile
from gazetteer.spatial_grammar import (COUNTRYSIDE_REACH_KM, DIRECTION_REACH_KM, KIND_DIRECTION,
                                       KIND_DISTANCE, KIND_OFFSET, KIND_PART, KIND_REGION,
                                       MAX_OFFSET_KM, NAMED_RE, NEAR_REACH_KM, SPATIAL_RE)
from gazetteer.spatial_locate import _default_gazetteer, locate, region_place, resolve  # noqa: F401
from gazetteer.spatial_parse import (FoundExpression, SpatialExpression, find_expressions, parse,
                                     parse_direction)

__all__ = [
    "KIND_OFFSET", "KIND_DISTANCE", "KIND_DIRECTION", "KIND_PART", "KIND_REGION",
    "MAX_OFFSET_KM", "DIRECTION_REACH_KM", "COUNTRYSIDE_REACH_KM", "NEAR_REACH_KM", "SPATIAL_RE", "NAMED_RE",
    "SpatialExpression", "FoundExpression", "Disagreement", "Reconciled",
    "parse", "parse_direction", "find_expressions", "locate", "resolve", "compare",
    "reconcile", "region_place",
]
