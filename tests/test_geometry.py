"""gazetteer.geometry: geodesic offsets and uncertainty polygons (areas within 1 %)."""
from __future__ import annotations

import math

import pytest
from pyproj import Geod
from shapely.geometry import Point

from gazetteer import geometry as geo
from gazetteer.errors import SpatialExpressionError

WGS84 = Geod(ellps="WGS84")
PALMYRA = (34.56, 38.285)      # (lat, lon)
SIRTE = (31.2089, 16.5887)


@pytest.mark.parametrize("lat, lon, bearing, km", [
    (34.56, 38.285, 270.0, 4.0),
    (34.56, 38.285, 45.0, 31.0),
    (33.5102, 36.29128, 45.0, 40.0),
    (31.2089, 16.5887, 180.0, 15.0),
    (35.336, 40.141, 202.5, 0.5),
    (60.0, 10.0, 300.0, 480.0),
])
def test_destination_is_geodesic(lat, lon, bearing, km):
    lat2, lon2 = geo.destination(lat, lon, bearing, km)
    az, _, dist = WGS84.inv(lon, lat, lon2, lat2)
    assert dist == pytest.approx(km * 1000.0, abs=1e-3)
    assert (az - bearing + 180) % 360 - 180 == pytest.approx(0.0, abs=1e-6)
    d, b = geo.inverse(lat, lon, lat2, lon2)
    assert d == pytest.approx(km, abs=1e-6)
    assert (b - bearing + 180) % 360 - 180 == pytest.approx(0.0, abs=1e-6)


def test_destination_order_is_lat_lon():
    lat, lon = geo.destination(0.0, 0.0, 90.0, 111.319491)
    assert lat == pytest.approx(0.0, abs=1e-9)
    assert lon == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize("centre, r1, r2, bearing, spread", [
    (PALMYRA, 3.0, 5.0, 270.0, 45.0),
    (PALMYRA, 23.25, 38.75, 45.0, 22.5),
    (PALMYRA, 0.0, 15.0, 315.0, 22.5),
    (SIRTE, 10.0, 20.0, 180.0, 45.0),
    (PALMYRA, 3.01752, 5.0292, 247.5, 11.25),
    (PALMYRA, 0.6, 2.4, 270.0, 45.0),
    (PALMYRA, 300.0, 500.0, 90.0, 45.0),
])
def test_annular_sector_area_orientation_validity(centre, r1, r2, bearing, spread):
    lat, lon = centre
    poly = geo.annular_sector(lat, lon, r1, r2, bearing, spread)
    assert poly.is_valid
    assert poly.exterior.is_ccw                       # RFC 7946 right-hand rule
    expected = geo.analytic_area_km2(r1, r2, spread)
    assert geo.area_km2(poly) == pytest.approx(expected, rel=0.01)
    # the mid point of the sector is inside, points beyond the edges are not
    mid = geo.destination(lat, lon, bearing, (r1 + r2) / 2)
    assert geo.contains(poly, *mid)
    assert not geo.contains(poly, *geo.destination(lat, lon, bearing, r2 * 1.05))
    assert not geo.contains(poly, *geo.destination(lat, lon, bearing + spread + 3, (r1 + r2) / 2))
    if r1 > 0:
        assert not geo.contains(poly, *geo.destination(lat, lon, bearing, r1 * 0.9))


@pytest.mark.parametrize("r1, r2", [(0.0, 2.0), (1.0, 2.0), (2.8, 5.2), (0.0, 24.0)])
def test_ring_and_disc(r1, r2):
    poly = geo.ring(*PALMYRA, r1, r2)
    assert poly.is_valid and poly.exterior.is_ccw
    assert all(not h.is_ccw for h in poly.interiors)
    assert len(poly.interiors) == (1 if r1 > 0 else 0)
    assert geo.area_km2(poly) == pytest.approx(math.pi * (r2 ** 2 - r1 ** 2), rel=0.01)
    assert geo.contains(poly, *PALMYRA) == (r1 == 0)
    assert geo.equal_area_radius_km(geo.area_km2(poly)) == pytest.approx(
        math.sqrt(r2 ** 2 - r1 ** 2), rel=0.005)


def test_disc_and_sector_helpers():
    assert geo.area_km2(geo.disc(*PALMYRA, 3.0)) == pytest.approx(math.pi * 9, rel=0.01)
    wedge = geo.sector(*PALMYRA, 90.0, 45.0, 10.0)
    assert geo.area_km2(wedge) == pytest.approx(math.pi * 100 / 4, rel=0.01)
    assert wedge.covers(Point(PALMYRA[1], PALMYRA[0]))     # lon/lat: the apex


def test_place_part_western_suburb():
    r = geo.nominal_radius_km("settlement")
    poly = geo.place_part(*PALMYRA, r, 270.0, 45.0, 0.3, 1.2)
    assert geo.area_km2(poly) == pytest.approx(geo.analytic_area_km2(0.3 * r, 1.2 * r, 45), rel=0.01)
    assert geo.contains(poly, *geo.destination(*PALMYRA, 270.0, 0.75 * r))
    assert not geo.contains(poly, *geo.destination(*PALMYRA, 90.0, 0.75 * r))


@pytest.mark.parametrize("kind, population, radius", [
    ("settlement", None, 2.0), ("village", None, 0.8), ("city", None, 4.0),
    ("settlement", 1_500_000, 10.0), ("settlement", 50_000, 2.5), ("hill", None, 0.5),
    (None, None, 2.0), ("unknown kind", None, 2.0),
])
def test_nominal_radius(kind, population, radius):
    assert geo.nominal_radius_km(kind, population) == radius


@pytest.mark.parametrize("call", [
    lambda: geo.annular_sector(34.0, 38.0, 5.0, 3.0, 90.0, 45.0),
    lambda: geo.annular_sector(34.0, 38.0, 1.0, 3.0, 90.0, 0.0),
    lambda: geo.ring(34.0, 38.0, -1.0, 3.0),
    lambda: geo.destination(95.0, 38.0, 90.0, 3.0),
    lambda: geo.destination(34.0, 38.0, 90.0, float("nan")),
])
def test_bad_geometry_arguments(call):
    with pytest.raises(SpatialExpressionError):
        call()


@pytest.mark.parametrize("lat, lon", [
    (34.56, 38.285), (0.0, 0.0), (60.0, 30.0), (85.5, 10.0), (-89.0, -20.0),
    (36.2, 179.99), (-45.0, -179.9),
])
def test_local_projection_matches_proj_aeqd(lat, lon):
    """The Geod-based inverse AEQD gives PROJ's ``+proj=aeqd`` inverse within 1 mm
    (shapes keep their vertices when no Transformer is built per anchor)."""
    import numpy as np
    from pyproj import CRS, Transformer

    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat!r} +lon_0={lon!r} +datum=WGS84 +units=m")
    ref = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    rng = np.random.default_rng(13)
    x, y = rng.uniform(-500e3, 500e3, 300), rng.uniform(-500e3, 500e3, 300)
    x[0] = y[0] = 0.0   # the centre itself
    a_lon, a_lat = ref.transform(x, y)
    b_lon, b_lat = geo._aeqd_to_wgs84(lat, lon).transform(x, y)
    _, _, dist_m = WGS84.inv(a_lon, a_lat, b_lon, b_lat)
    assert float(np.max(dist_m)) < 1e-3


def test_sector_vertices_are_geodesic_offsets():
    """Every vertex of the outer arc of a sector is r_max km from the anchor."""
    import shapely

    p = geo.annular_sector(PALMYRA[0], PALMYRA[1], 3.0, 5.0, 270.0, 45.0)
    xy = shapely.get_coordinates(p.exterior)
    _, _, d = WGS84.inv([PALMYRA[1]] * len(xy), [PALMYRA[0]] * len(xy), xy[:, 0], xy[:, 1])
    far = [v for v in d if v > 4500.0]
    assert far and max(abs(v - 5000.0) for v in far) < 1e-3
