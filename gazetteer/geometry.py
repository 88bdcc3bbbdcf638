"""Geodesic offsets and uncertainty polygons (WGS84).

Order conventions, stated at every boundary:

* function arguments are ``lat, lon`` in degrees (geopy order) unless named
  ``lonlat``;
* returned shapely polygons are EPSG:4326 in **lon/lat** order (GeoJSON /
  shapely order), exterior ring counter-clockwise (RFC 7946 right-hand rule,
  ``shapely.geometry.polygon.orient(p, 1.0)``), holes clockwise;
* distances are kilometres, bearings are degrees clockwise from true north
  in ``[0, 360)``; areas are km² computed geodesically on the WGS84 ellipsoid
  (``pyproj.Geod.geometry_area_perimeter``).

Shapes are built in a local azimuthal-equidistant projection centred on the
anchor (``+proj=aeqd +lat_0=.. +lon_0=.. +datum=WGS84 +units=m``), where the
distance and the bearing from the anchor are exact, then mapped back to
EPSG:4326 point by point with the geodesic ``Geod.fwd`` (what PROJ's
ellipsoidal aeqd inverse computes, without building a pyproj Transformer per
anchor). Arcs use :data:`VERTICES_PER_CIRCLE` vertices
per full turn (at least :data:`MIN_ARC_SEGMENTS` per arc), so the polygon
area is within 0.1 % of the analytic area ``(θ/360)·π·(r2² − r1²)`` for the
offsets this project meets (< 500 km).

>>> lat, lon = destination(34.56, 38.285, 270.0, 4.0)   # 4 km west of Palmyra
>>> round(lat, 3), round(lon, 3)
(34.56, 38.241)
>>> p = annular_sector(34.56, 38.285, 3.0, 5.0, 270.0, 45.0)
>>> round(area_km2(p), 1)     # (90/360)·π·(5² − 3²) = 12.57
12.6

Nominal settlement radii (``nominal_radius_km``) used for "parts of a place"
are documented in docs/SPATIAL.md and in :data:`KIND_RADIUS_KM`.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np
import shapely
import shapely.affinity
from pyproj import Geod
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from gazetteer.errors import SpatialExpressionError

__all__ = [
    "GEOD", "VERTICES_PER_CIRCLE", "MIN_ARC_SEGMENTS", "KIND_RADIUS_KM",
    "destination", "inverse", "annular_sector", "ring", "disc", "sector",
    "place_part", "area_km2", "equal_area_radius_km", "analytic_area_km2",
    "nominal_radius_km", "contains",
]

#: The WGS84 ellipsoid used for every geodesic computation.
GEOD = Geod(ellps="WGS84")

#: Vertices on a full circle; arcs get a proportional share.
VERTICES_PER_CIRCLE = 128
#: Fewest segments on any arc, however narrow.
MIN_ARC_SEGMENTS = 8

#: Nominal radius (km) of a place by feature kind, used when the population
#: is unknown. A settlement of unknown size is a small town (~2 km radius,
#: the size of modern Tadmur/Palmyra); big cities come from the population.
KIND_RADIUS_KM: dict[str, float] = {
    "city": 4.0,
    "settlement": 2.0,
    "town": 2.0,
    "village": 0.8,
    "neighbourhood": 0.5,
    "neighborhood": 0.5,
    "district": 1.5,
    "hill": 0.5,
    "crossroads": 0.3,
    "airbase": 2.0,
    "military base": 1.0,
    "heliport": 0.5,
    "naval base": 1.0,
    "oil or gas field": 3.0,
    "industrial site": 1.0,
    "dam": 1.0,
    "border crossing": 0.5,
    "region": 50.0,
    "governorate": 80.0,
    "province": 80.0,
    "country": 250.0,
}
_AREA_KINDS = {"region", "governorate", "province", "country"}
#: Radius (km) by population, checked top-down: (minimum population, radius).
POPULATION_RADIUS_KM: tuple[tuple[int, float], ...] = (
    (1_000_000, 10.0),
    (300_000, 6.0),
    (100_000, 4.0),
    (30_000, 2.5),
    (5_000, 1.5),
    (0, 0.8),
)


def _check_latlon(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon)) or not -90.0 <= lat <= 90.0 \
            or not -180.0 <= lon <= 180.0:
        raise SpatialExpressionError(
            f"bad anchor coordinates lat={lat!r}, lon={lon!r}: pass WGS84 degrees in "
            "(lat, lon) order, lat in [-90, 90], lon in [-180, 180]")


def _check_km(name: str, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise SpatialExpressionError(
            f"bad {name} {value!r} km: distances must be finite and >= 0")


def destination(lat: float, lon: float, bearing_deg: float, distance_km: float
                ) -> tuple[float, float]:
    """Point ``distance_km`` from (lat, lon) along ``bearing_deg``; returns (lat, lon).

    Geodesic on WGS84 (pyproj ``Geod.fwd``).

    >>> destination(0.0, 0.0, 90.0, 111.319)[1].__round__(3)
    1.0
    """
    _check_latlon(lat, lon)
    _check_km("distance", distance_km)
    lon2, lat2, _ = GEOD.fwd(lon, lat, bearing_deg, distance_km * 1000.0)
    return (lat2, lon2)


def inverse(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """(distance_km, bearing_deg) from point 1 to point 2, both given as (lat, lon).

    The bearing is the forward azimuth at point 1 in ``[0, 360)``.

    >>> d, b = inverse(34.56, 38.285, 34.56, 38.241)
    >>> round(d, 1), round(b)
    (4.0, 270)
    """
    az, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    return (dist / 1000.0, az % 360.0)


class _AeqdInverse:
    """Inverse of the local azimuthal-equidistant projection centred on (lat, lon) degrees.

    A planar point (x east, y north, metres) lies ``hypot(x, y)`` metres from
    the centre along the azimuth ``atan2(x, y)``: that is what PROJ's
    ellipsoidal ``+proj=aeqd`` means, and it is one vectorised geodesic
    ``Geod.fwd`` call, so no pyproj ``Transformer`` (about 14 ms to build per
    anchor) is needed. Same results as the PROJ transformer within
    millimetres (tests/test_geometry.py compares them).

    >>> lons, lats = _AeqdInverse(34.56, 38.285).transform(np.array([-4000.0]), np.array([0.0]))
    >>> round(float(lons[0]), 3), round(float(lats[0]), 3)
    (38.241, 34.56)
    """

    __slots__ = ("lat", "lon")

    def __init__(self, lat: float, lon: float) -> None:
        self.lat, self.lon = float(lat), float(lon)

    def transform(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Planar x, y (metres) -> (lons, lats) in degrees (the ``always_xy`` order)."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        dist = np.hypot(x, y)
        az = np.degrees(np.arctan2(x, y))
        lons, lats, _ = GEOD.fwd(np.full(dist.shape, self.lon), np.full(dist.shape, self.lat), az, dist)
        return np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)


def _aeqd_to_wgs84(lat: float, lon: float) -> _AeqdInverse:
    """The inverse local projection around (lat, lon) (see :class:`_AeqdInverse`)."""
    return _AeqdInverse(lat, lon)


def _arc(r_m: float, start_deg: float, sweep_deg: float) -> np.ndarray:
    """Planar (x, y) points (N×2, metres) of an arc of radius r_m, bearings clockwise from north."""
    n = max(MIN_ARC_SEGMENTS, int(math.ceil(VERTICES_PER_CIRCLE * abs(sweep_deg) / 360.0)))
    b = np.radians(start_deg + sweep_deg * np.arange(n + 1) / n)
    return np.column_stack((r_m * np.sin(b), r_m * np.cos(b)))


#: Above this |latitude| (degrees) of the anchor a shape may contain a pole:
#: the careful path of :func:`_to_wgs84` is taken.
POLAR_LAT = 80.0
#: Planar rings are densified to segments of at most this fraction of their
#: extent before a careful (pole / antimeridian) projection.
_DENSIFY_FRACTION = 1.0 / 256


def _to_wgs84(lat: float, lon: float, shell: np.ndarray,
              holes: Optional[list[np.ndarray]] = None) -> BaseGeometry:
    """Planar AEQD rings (metres) around (lat, lon) -> a lon/lat (Multi)Polygon.

    Usual case: the rings map vertex by vertex. Near the antimeridian or a
    pole (:func:`_careful_wgs84`) the shape is never wrapped around the globe:
    it is split at ±180° longitude into a MultiPolygon (RFC 7946 §3.1.9), and
    a shape that contains a pole is closed along that pole.
    """
    tr = _aeqd_to_wgs84(lat, lon)

    def conv(ring_xy: np.ndarray) -> np.ndarray:
        lons, lats = tr.transform(ring_xy[:, 0], ring_xy[:, 1])
        return np.column_stack((lons, lats))

    rings = [conv(shell)] + [conv(h) for h in holes or []]
    if abs(lat) >= POLAR_LAT or any(_jumps(r[:, 0]) for r in rings):
        return _careful_wgs84(tr, shell, holes or [])
    poly = Polygon(rings[0], rings[1:])
    if not poly.is_valid:
        poly = poly.buffer(0)
    return orient(poly, 1.0)


def _jumps(lons: np.ndarray) -> bool:
    """True when consecutive longitudes (ring closed) jump by more than 180°."""
    closed = np.append(lons, lons[:1])
    return bool(np.any(np.abs(np.diff(closed)) > 180.0))


def _careful_wgs84(tr: _AeqdInverse, shell: np.ndarray, holes: list[np.ndarray]) -> BaseGeometry:
    """Pole- and antimeridian-safe version of the ring mapping (see :func:`_to_wgs84`)."""
    shape = _lonlat_ring(tr, shell)
    for h in holes:
        shape = shape.difference(_lonlat_ring(tr, h))
    parts = []
    for k in (-1, 0, 1):
        window = shapely.box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        piece = shape.intersection(window)
        if not piece.is_empty:
            parts.append(shapely.affinity.translate(piece, xoff=-360.0 * k))
    out = shapely.unary_union(parts)
    polys = [g for g in getattr(out, "geoms", [out]) if isinstance(g, Polygon) and not g.is_empty]
    polys = [orient(g if g.is_valid else g.buffer(0), 1.0) for g in polys]
    polys = [g for g in polys if isinstance(g, Polygon) and not g.is_empty]
    if len(polys) == 1:
        return polys[0]
    return shapely.MultiPolygon(sorted(polys, key=lambda g: g.bounds))


def _lonlat_ring(tr: _AeqdInverse, ring_xy: np.ndarray) -> Polygon:
    """One planar ring as a lon/lat polygon with continuous (unwrapped) longitudes,
    closed along the pole when it winds around one."""
    closed = np.vstack((ring_xy, ring_xy[:1]))
    extent = float(np.max(np.hypot(closed[:, 0], closed[:, 1]))) or 1.0
    dense = shapely.get_coordinates(shapely.segmentize(shapely.LineString(closed),
                                                       max(extent * _DENSIFY_FRACTION, 1.0)))
    lons, lats = tr.transform(dense[:, 0], dense[:, 1])
    lons = np.unwrap(np.asarray(lons, dtype=float), period=360.0)
    lats = np.asarray(lats, dtype=float)
    winding = round((lons[-1] - lons[0]) / 360.0)
    pts = np.column_stack((lons, lats))
    if winding:
        pole = 90.0 if float(np.mean(lats)) > 0 else -90.0
        pts = np.vstack((pts, [[lons[-1], pole], [lons[0], pole]]))
    poly = Polygon(pts)
    return poly if poly.is_valid else poly.buffer(0)


def _check_radii(lat: float, lon: float, r_min_km: float, r_max_km: float) -> None:
    _check_latlon(lat, lon)
    _check_km("inner radius", r_min_km)
    _check_km("outer radius", r_max_km)
    if r_max_km <= r_min_km:
        raise SpatialExpressionError(
            f"empty distance range {r_min_km!r}..{r_max_km!r} km: the outer radius must "
            "exceed the inner radius")


def annular_sector(lat: float, lon: float, r_min_km: float, r_max_km: float,
                   bearing_deg: float, spread_deg: float) -> Polygon:
    """Area between ``r_min_km`` and ``r_max_km`` from (lat, lon) within ``bearing_deg ± spread_deg``.

    Returns a lon/lat polygon (EPSG:4326, CCW exterior). ``spread_deg >= 180``
    gives a full ring (:func:`ring`), ``r_min_km == 0`` a wedge (:func:`sector`).

    >>> p = annular_sector(34.56, 38.285, 3.0, 5.0, 270.0, 45.0)
    >>> p.contains(Point(38.241, 34.56))     # lon/lat: 4 km west
    True
    """
    _check_radii(lat, lon, r_min_km, r_max_km)
    if not math.isfinite(spread_deg) or spread_deg <= 0:
        raise SpatialExpressionError(f"bad bearing spread {spread_deg!r}°: use a value in (0, 180]")
    if spread_deg >= 180.0:
        return ring(lat, lon, r_min_km, r_max_km)
    start, sweep = bearing_deg - spread_deg, 2.0 * spread_deg
    outer = _arc(r_max_km * 1000.0, start, sweep)
    if r_min_km > 0:
        inner = _arc(r_min_km * 1000.0, start + sweep, -sweep)
    else:
        inner = np.zeros((1, 2))
    return _to_wgs84(lat, lon, np.vstack((outer, inner)))


def ring(lat: float, lon: float, r_min_km: float, r_max_km: float) -> Polygon:
    """Annulus between ``r_min_km`` and ``r_max_km`` around (lat, lon); a disc when r_min is 0.

    >>> round(area_km2(ring(34.56, 38.285, 1.0, 2.0)), 2)    # π·(4 − 1) = 9.42
    9.42
    """
    _check_radii(lat, lon, r_min_km, r_max_km)
    shell = _arc(r_max_km * 1000.0, 0.0, 360.0)[:-1]
    holes = [_arc(r_min_km * 1000.0, 0.0, 360.0)[:-1]] if r_min_km > 0 else None
    return _to_wgs84(lat, lon, shell, holes)


def disc(lat: float, lon: float, r_km: float) -> Polygon:
    """Disc of radius ``r_km`` around (lat, lon) (lon/lat polygon)."""
    return ring(lat, lon, 0.0, r_km)


def sector(lat: float, lon: float, bearing_deg: float, spread_deg: float,
           reach_km: float) -> Polygon:
    """Wedge from (lat, lon) out to ``reach_km`` within ``bearing_deg ± spread_deg``."""
    return annular_sector(lat, lon, 0.0, reach_km, bearing_deg, spread_deg)


def place_part(lat: float, lon: float, radius_km: float, bearing_deg: Optional[float],
               spread_deg: float = 45.0, inner: float = 0.3, outer: float = 1.2) -> Polygon:
    """Part of a place of nominal radius ``radius_km`` centred at (lat, lon).

    The part lies between ``inner·R`` and ``outer·R``; with a bearing it is the
    sector ``bearing ± spread``, without one a ring (or a disc when inner is 0).
    "The western suburb" = ``place_part(lat, lon, R, 270, 45, 0.3, 1.2)``.
    """
    _check_km("place radius", radius_km)
    if bearing_deg is None:
        return ring(lat, lon, inner * radius_km, outer * radius_km)
    return annular_sector(lat, lon, inner * radius_km, outer * radius_km, bearing_deg, spread_deg)


def area_km2(geom: BaseGeometry) -> float:
    """Geodesic area (km², WGS84) of a lon/lat geometry; holes are subtracted.

    Polygons are summed ring by ring with ``Geod.polygon_area_perimeter``
    (the same computation as ``Geod.geometry_area_perimeter``, without the
    per-vertex Python overhead); other geometries go through the latter.
    """
    if isinstance(geom, Polygon):
        total = 0.0
        for i, ring_ in enumerate([geom.exterior, *geom.interiors]):
            xy = shapely.get_coordinates(ring_)
            a, _ = GEOD.polygon_area_perimeter(xy[:, 0], xy[:, 1])
            total += abs(a) if i == 0 else -abs(a)
        return total / 1e6
    area, _ = GEOD.geometry_area_perimeter(geom)
    return abs(area) / 1e6


def equal_area_radius_km(area: float) -> float:
    """Radius (km) of the circle whose area is ``area`` km² (the ``uncertainty_km``)."""
    return math.sqrt(max(area, 0.0) / math.pi)


def analytic_area_km2(r_min_km: float, r_max_km: float, spread_deg: float = 180.0) -> float:
    """Area (km²) of the annular sector ``(θ/360)·π·(r2² − r1²)`` with θ = 2·spread (≤ 360)."""
    theta = min(2.0 * spread_deg, 360.0)
    return theta / 360.0 * math.pi * (r_max_km ** 2 - r_min_km ** 2)


def nominal_radius_km(kind: Optional[str], population: Optional[int] = None) -> float:
    """Nominal radius (km) of a place: from population when known, else :data:`KIND_RADIUS_KM`.

    Regions, governorates, provinces and countries always use the kind table
    (their population says nothing about a settlement's size).

    >>> nominal_radius_km("settlement"), nominal_radius_km("settlement", 1_500_000)
    (2.0, 10.0)
    """
    k = (kind or "settlement").lower()
    if population and k not in _AREA_KINDS:
        for minimum, radius in POPULATION_RADIUS_KM:
            if population >= minimum:
                return radius
    return KIND_RADIUS_KM.get(k, KIND_RADIUS_KM["settlement"])


def contains(area: BaseGeometry, lat: float, lon: float) -> bool:
    """True when the point (lat, lon) lies in or on the lon/lat ``area``."""
    return bool(area.covers(Point(lon, lat)))
