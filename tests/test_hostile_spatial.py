"""Hostile spatial phrases and anchors (issue 11): absurd distances are
errors, chained offsets are refused explicitly, shapes near the antimeridian
or a pole never wrap the globe and contain their point; property tests
(hypothesis) for the offset parser.
"""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Polygon

from gazetteer import geometry as geo
from gazetteer import spatial
from gazetteer.errors import GazetteerError, SpatialExpressionError
from gazetteer.model import Place

PALMYRA = Place(id="p", name="Palmyra", lat=34.56, lon=38.285)
LOOKUP = {"Palmyra": PALMYRA}.get


# --------------------------------------------------------------------------- absurd distances

@pytest.mark.parametrize("number", ["1e308", "NaN", "nan", "inf", "Infinity", "-inf", "1e3", "2.5E+2",
                                    "99999999"])
def test_absurd_distances_are_implausible_distance_errors(number):
    phrase = f"{number} km west of Palmyra"
    with pytest.raises(SpatialExpressionError, match="implausible distance"):
        spatial.parse(phrase)
    found = spatial.find_expressions(f"Clashes were reported {phrase} on Monday.")
    assert len(found) == 1 and found[0].expr is None and "implausible distance" in found[0].error
    assert number.lstrip("-") in found[0].text


@pytest.mark.parametrize("phrase", ["1e308 km west of Palmyra", "NaN km west of Palmyra",
                                    "inf km west of Palmyra"])
def test_absurd_distance_is_unresolved_not_direction_only(phrase):
    from mapper.extract.article import extract_article
    from mapper.model import Article

    text = f"Syrian troops captured a hill {phrase} on Monday, the army said."
    res = extract_article(Article(id="a", text=text))
    assert not any(e.location is not None and e.location.method == "direction" for e in res.events)
    assert any("implausible distance" in u["reason"] for u in res.unresolved), res.unresolved


# --------------------------------------------------------------------------- chained offsets

@pytest.mark.parametrize("phrase", ["4 km west of 5 km north of Palmyra",
                                    "4 km to the west of about 5 km north of Palmyra",
                                    "3 miles NE of 10 km south of Palmyra"])
def test_chained_offsets_are_an_explicit_error(phrase):
    with pytest.raises(SpatialExpressionError, match="chained offsets"):
        spatial.parse(phrase)
    with pytest.raises(SpatialExpressionError, match="chained offsets"):
        spatial.resolve(phrase, LOOKUP)
    found = spatial.find_expressions(f"Fighting raged {phrase} today.")
    assert len(found) == 1 and found[0].expr is None and "chained offsets" in found[0].error
    assert found[0].text == phrase


def test_single_offsets_still_parse():
    e = spatial.parse("4 km west of Palmyra")
    assert (e.kind, e.distance_km, e.bearing_deg) == ("offset", 4.0, 270.0)
    found = spatial.find_expressions("They moved 4 km west of Palmyra and then 5 km north of Homs.")
    assert [f.expr.kind for f in found] == ["offset", "offset"]


# --------------------------------------------------------------------------- antimeridian and poles

ANCHORS = [(0.0, 179.999), (0.0, -179.999), (60.0, 179.9), (-45.0, -179.95), (89.99, 179.99),
           (89.9999, 0.0), (-89.9, -179.9), (90.0, 0.0), (-90.0, 45.0), (85.0, 170.0)]
PHRASES = ["40 km east of the town", "40 km north of the town", "40 km west of the town",
           "within 30 km", "about 20 km from the town", "west of the town", "the western suburb of the town",
           "the outskirts of the town", "between 100 and 120 km south of the town"]


def _polys(area):
    return list(area.geoms) if isinstance(area, MultiPolygon) else [area]


@pytest.mark.parametrize("lat,lon", ANCHORS, ids=[f"{a},{b}" for a, b in ANCHORS])
@pytest.mark.parametrize("phrase", PHRASES)
def test_shapes_near_antimeridian_and_poles(lat, lon, phrase):
    anchor = Place(id="x", name="X", lat=lat, lon=lon)
    loc = spatial.resolve(phrase, LOOKUP, anchor)
    area = loc.area
    assert isinstance(area, (Polygon, MultiPolygon)) and area.is_valid and not area.is_empty
    minx, miny, maxx, maxy = area.bounds
    assert -180.0 <= minx and maxx <= 180.0 and -90.0 <= miny and maxy <= 90.0
    ok = geo.contains(area, loc.lat, loc.lon)
    if loc.is_point or (loc.lat, loc.lon) != (lat, lon):   # ring areas keep their centre as indicative point
        assert ok, (phrase, lat, lon, loc.lat, loc.lon, area.bounds)
    # the area has the size of the same shape far from poles and antimeridian
    # (a shape wrapped around the globe would be millions of km²)
    same = spatial.resolve(phrase, LOOKUP, Place(id="y", name="Y", lat=10.0, lon=20.0)).area
    assert geo.area_km2(area) == pytest.approx(geo.area_km2(same), rel=0.01)
    if phrase == "within 30 km":
        assert geo.area_km2(area) == pytest.approx(math.pi * 30 ** 2, rel=0.01)
    # every vertex is within the shape's reach of the anchor
    reach = max(geo.inverse(10.0, 20.0, y, x)[0] for x, y in
                (c for p in _polys(same) for c in p.exterior.coords))
    for p in _polys(area):
        for x, y in p.exterior.coords:
            if abs(y) < 90.0 - 1e-9:      # the pole edge of a polar cap has arbitrary longitudes
                assert geo.inverse(lat, lon, y, x)[0] <= reach * 1.01 + 0.01


def test_far_from_poles_and_antimeridian_shapes_are_unchanged():
    """The careful path only kicks in where needed: ordinary shapes stay single polygons."""
    loc = spatial.resolve("4km west of Palmyra", LOOKUP)
    assert isinstance(loc.area, Polygon)
    assert geo.area_km2(loc.area) == pytest.approx(geo.analytic_area_km2(3.0, 5.0, 45.0), rel=0.002)


# --------------------------------------------------------------------------- property tests

_WORDS = ["4", "12", "3.5", "1,000", "0", "999999", "1e308", "nan", "inf", "a", "an", "one", "a few", "several",
          "twenty-two", "half an", "km", "kilometres", "miles", "m", "west", "north-east", "NNE", "S", "of",
          "from", "the", "town", "city", "Palmyra", "within", "about", "more than", "between", "and", "to", "-",
          "–", "outskirts", "suburb", "western", "rural", "countryside", "'s", "away", "(", ")", ",", ".",
          "overlooking", "facing", "heart", "center", "Governorate", "Homs", "eastern", "\u200f", "\x00"]
_PHRASES = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10).map(" ".join))
_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@_SETTINGS
@given(_PHRASES)
def test_parse_raises_only_its_own_error(phrase):
    try:
        spatial.parse(phrase)
    except SpatialExpressionError:
        pass
    for f in spatial.find_expressions(phrase):
        assert 0 <= f.start <= f.end <= len(phrase)
        assert (f.expr is None) == bool(f.error)


@_SETTINGS
@given(_PHRASES, st.floats(-90, 90), st.floats(-180, 180))
def test_every_resolved_point_lies_in_its_area(phrase, lat, lon):
    anchor = Place(id="x", name="Palmyra", lat=lat, lon=lon)
    try:
        loc = spatial.resolve(phrase, {"Palmyra": anchor}.get, anchor)
    except GazetteerError as exc:
        assert isinstance(exc, SpatialExpressionError)
        return
    inside = geo.contains(loc.area, loc.lat, loc.lon)
    if not inside:
        # only an area-only location whose indicative point is the centre of a ring
        # (e.g. "about 20 km from X", "rural X", "the outskirts of X") may sit outside its annulus
        assert not loc.is_point, (phrase, loc.method)
        centre = loc.anchor
        assert (loc.lat, loc.lon) == (centre.lat, centre.lon)


@_SETTINGS
@given(st.floats(0.1, 500), st.sampled_from(["west", "north", "south-east", "NNW", "E"]),
       st.floats(-90, 90), st.floats(-180, 180))
def test_offsets_anywhere_contain_their_point(km, direction, lat, lon):
    anchor = Place(id="x", name="X", lat=lat, lon=lon)
    try:
        loc = spatial.resolve(f"{km:.2f} km {direction} of the town", LOOKUP, anchor)
    except SpatialExpressionError as exc:       # a distance rounding to 0.00 / above 500 km
        assert "distance" in str(exc)
        return
    assert loc.is_point and geo.contains(loc.area, loc.lat, loc.lon)
    assert loc.area.is_valid and -180 <= loc.area.bounds[0] and loc.area.bounds[2] <= 180
