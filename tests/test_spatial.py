"""gazetteer.spatial: relative / vague phrases -> Location with honest uncertainty.

Anchors come from a tiny in-test lookup table so these tests do not depend on
the gazetteer core; a few tests at the end use ``Gazetteer.default()`` when
it exists.
"""
from __future__ import annotations

import math
from dataclasses import FrozenInstanceError, dataclass

import pytest
from pyproj import Geod

from gazetteer import geometry as geo
from gazetteer import spatial as sp
from gazetteer.errors import GazetteerError, SpatialExpressionError
from gazetteer.model import Location, Place

WGS84 = Geod(ellps="WGS84")


def _p(name: str, lat: float, lon: float, kind: str = "settlement", **kw) -> Place:
    return Place(id=f"test:{name.lower()}", name=name, lat=lat, lon=lon, kind=kind,
                 source="test", **kw)


PLACES = {p.name: p for p in [
    _p("Palmyra", 34.56, 38.285),
    _p("Homs", 34.727, 36.724),
    _p("Damascus", 33.5102, 36.29128),
    _p("Resafa", 35.6309, 38.7568),
    _p("Deir ez-Zor", 35.336, 40.141),
    _p("Sirte", 31.2089, 16.5887),
    _p("Al-Qadri Farms", 34.526, 38.198),
    _p("Al-Sukhnah", 34.887, 38.871),
    _p("Al-Dawah", 34.561, 38.217),
]}
PALMYRA = PLACES["Palmyra"]
lookup = PLACES.get          # the Callable[[str], Place | None] protocol


def _delta(a: float, b: float) -> float:
    return (a - b + 180.0) % 360.0 - 180.0


# phrase, context anchor, anchor_text, is_ref, distance, dmin, dmax, bearing, spread
OFFSETS = [
    ("4km west of Palmyra", None, "Palmyra", False, 4.0, 3.0, 5.0, 270.0, 45.0),
    ("31km northeast of Palmyra", None, "Palmyra", False, 31.0, 23.25, 38.75, 45.0, 22.5),
    ("a few kilometers west of the city", "Palmyra", "the city", True, 3.5, 2.0, 5.0, 270.0, 45.0),
    ("25 miles west of Palmyra", None, "Palmyra", False, 40.2336, 30.1752, 50.292, 270.0, 45.0),
    ("3 kilometers (1.8 miles) north of the town", "Palmyra", "the town", True, 3.0, 2.0, 4.0,
     0.0, 45.0),
    ("40 km north-east of Damascus", None, "Damascus", False, 40.0, 30.0, 50.0, 45.0, 22.5),
    ("between 30 and 35 kilometers east of Resafa", None, "Resafa", False, 32.5, 30.0, 35.0,
     90.0, 45.0),
    ("10–20 kilometers south of Sirte's center", None, "Sirte", False, 15.0, 10.0, 20.0,
     180.0, 45.0),
    ("five kilometres south of Deir ez-Zor", None, "Deir ez-Zor", False, 5.0, 3.75, 6.25,
     180.0, 45.0),
    ("2 km NNE of Homs", None, "Homs", False, 2.0, 1.0, 3.0, 22.5, 11.25),
    ("about 10 km north east of Homs", None, "Homs", False, 10.0, 7.0, 13.0, 45.0, 22.5),
    ("two and a half miles WSW of Homs", None, "Homs", False, 4.02336, 3.01752, 5.0292,
     247.5, 11.25),
    ("less than 3 km northwest of Homs", None, "Homs", False, 1.5, 0.0, 3.0, 315.0, 22.5),
    ("some 20 km to the south-west of Homs", None, "Homs", False, 20.0, 14.0, 26.0, 225.0, 22.5),
    ("more than 10 km east of Homs", None, "Homs", False, 12.5, 10.0, 15.0, 90.0, 45.0),
    ("500m north of Homs", None, "Homs", False, 0.5, 0.0, 1.5, 0.0, 45.0),
    ("between 1 and 2 km east of Homs", None, "Homs", False, 1.5, 0.5, 2.5, 90.0, 45.0),
    ("twenty-five km south of Homs", None, "Homs", False, 25.0, 18.75, 31.25, 180.0, 45.0),
    ("1.5 kilometres north-northwest of Homs", None, "Homs", False, 1.5, 0.5, 2.5, 337.5, 11.25),
    ("5 km southeast of IS-held Palmyra", None, "Palmyra", False, 5.0, 3.75, 6.25, 135.0, 22.5),
]


@pytest.mark.parametrize("phrase, ctx, a_text, is_ref, dist, dmin, dmax, bearing, spread", OFFSETS)
def test_offset_parse_and_locate(phrase, ctx, a_text, is_ref, dist, dmin, dmax, bearing, spread):
    e = sp.parse(phrase)
    assert e.kind == sp.KIND_OFFSET
    assert (e.anchor_text, e.anchor_is_reference) == (a_text, is_ref)
    assert e.distance_km == pytest.approx(dist, abs=1e-9)
    assert (e.distance_km_min, e.distance_km_max) == (pytest.approx(dmin), pytest.approx(dmax))
    assert (e.bearing_deg, e.bearing_spread_deg) == (bearing, spread)

    anchor = PLACES[ctx or a_text]
    loc = sp.resolve(phrase, lookup, PLACES[ctx] if ctx else None)
    assert isinstance(loc, Location)
    assert loc.method == "offset" and loc.is_point and loc.anchor == anchor
    az, _, d_m = WGS84.inv(anchor.lon, anchor.lat, loc.lon, loc.lat)
    assert d_m == pytest.approx(dist * 1000.0, abs=1.0)               # within 1 m
    assert abs(_delta(az, bearing)) < 0.01                              # within 0.01°
    assert loc.area.is_valid and loc.area.exterior.is_ccw
    assert geo.contains(loc.area, loc.lat, loc.lon)
    analytic = geo.analytic_area_km2(dmin, dmax, spread)
    assert geo.area_km2(loc.area) == pytest.approx(analytic, rel=0.01)
    assert loc.uncertainty_km == pytest.approx(math.sqrt(analytic / math.pi), rel=0.01)
    assert (loc.offset_km, loc.bearing_deg) == (pytest.approx(dist), bearing)
    assert (loc.offset_km_min, loc.offset_km_max) == (pytest.approx(dmin), pytest.approx(dmax))


@pytest.mark.parametrize("word, bearing, spread", [
    ("north-east", 45.0, 22.5), ("northeast", 45.0, 22.5), ("north east", 45.0, 22.5),
    ("NE", 45.0, 22.5), ("northeastern", 45.0, 22.5), ("north-eastern", 45.0, 22.5),
    ("westward", 270.0, 45.0), ("westwards", 270.0, 45.0), ("southerly", 180.0, 45.0),
    ("W", 270.0, 45.0), ("NNE", 22.5, 11.25), ("north-northeast", 22.5, 11.25),
    ("east-south-east", 112.5, 11.25), ("south western", 225.0, 22.5), ("western", 270.0, 45.0),
])
def test_direction_words(word, bearing, spread):
    assert sp.parse_direction(word) == (bearing, spread)


@pytest.mark.parametrize("word", ["eastwest", "northsouth", "up"])
def test_bad_direction_words(word):
    with pytest.raises(SpatialExpressionError, match=repr(word)):
        sp.parse_direction(word)


# phrase, context anchor, anchor text, dmin, dmax, part
DISTANCES = [
    ("within two kilometres", "Palmyra", None, 0.0, 2.0, None),
    ("less than a mile from the heart of the city", "Palmyra", "the city", 0.0, 1.609344,
     "center"),
    ("within 24 km of Palmyra", None, "Palmyra", 0.0, 24.0, None),
    ("roughly four kilometers away from the UNESCO World Heritage town of Palmyra", None,
     "Palmyra", 2.8, 5.2, None),
    ("2 km away", "Homs", None, 1.0, 3.0, None),
    ("some 40 kilometers (25 miles) away from Homs", None, "Homs", 28.0, 52.0, None),
]


@pytest.mark.parametrize("phrase, ctx, a_text, dmin, dmax, part", DISTANCES)
def test_distance_only_is_a_ring(phrase, ctx, a_text, dmin, dmax, part):
    e = sp.parse(phrase)
    assert e.kind == sp.KIND_DISTANCE and e.anchor_text == a_text and e.part == part
    assert (e.distance_km_min, e.distance_km_max) == (pytest.approx(dmin), pytest.approx(dmax))
    anchor = PLACES[ctx or a_text]
    loc = sp.resolve(phrase, lookup, PLACES[ctx] if ctx else None)
    assert loc.method == "distance" and not loc.is_point and loc.precision == "area"
    assert loc.latlon == anchor.latlon          # the point is unknown: maps draw the area
    assert geo.area_km2(loc.area) == pytest.approx(math.pi * (dmax ** 2 - dmin ** 2), rel=0.01)
    assert geo.contains(loc.area, anchor.lat, anchor.lon) == (dmin == 0)
    on_ring = geo.destination(anchor.lat, anchor.lon, 123.0, (dmin + dmax) / 2)
    assert geo.contains(loc.area, *on_ring)


# phrase, context, anchor text, is_ref, bearing, spread, named
DIRECTIONS = [
    ("to the west of the city", "Palmyra", "the city", True, 270.0, 45.0, None),
    ("Al-Dawah, west of Palmyra", None, "Palmyra", False, 270.0, 45.0, "Al-Dawah"),
    ("fire positions to the city's northwest", "Palmyra", "the city", True, 315.0, 22.5, None),
    ("overlooking Palmyra to the east", None, "Palmyra", False, 270.0, 45.0, None),
    ("north of Homs", None, "Homs", False, 0.0, 45.0, None),
    ("south-southeast of the ancient city", "Palmyra", "the ancient city", True, 157.5, 11.25,
     None),
]


@pytest.mark.parametrize("phrase, ctx, a_text, is_ref, bearing, spread, named", DIRECTIONS)
def test_direction_only_is_a_sector(phrase, ctx, a_text, is_ref, bearing, spread, named):
    e = sp.parse(phrase)
    assert e.kind == sp.KIND_DIRECTION
    assert (e.anchor_text, e.anchor_is_reference, e.named_text) == (a_text, is_ref, named)
    assert (e.bearing_deg, e.bearing_spread_deg) == (bearing, spread)
    anchor = PLACES[ctx or a_text]
    loc = sp.resolve(phrase, lookup, PLACES[ctx] if ctx else None)
    assert loc.method == "direction" and not loc.is_point
    reach = max(sp.DIRECTION_REACH_KM, 3 * geo.nominal_radius_km(anchor.kind))
    assert geo.area_km2(loc.area) == pytest.approx(geo.analytic_area_km2(0, reach, spread),
                                                   rel=0.01)
    assert geo.contains(loc.area, loc.lat, loc.lon)
    d, b = geo.inverse(anchor.lat, anchor.lon, loc.lat, loc.lon)
    assert d == pytest.approx(reach / 2, abs=1e-3) and abs(_delta(b, bearing)) < 0.01


def test_al_dawah_lies_in_its_stated_sector():
    loc = sp.resolve("Al-Dawah, west of Palmyra", lookup)
    dawah = PLACES["Al-Dawah"]
    d = sp.compare(dawah, loc)
    assert d.inside_area and not d.is_conflict


R_PALMYRA = geo.nominal_radius_km("settlement")
# phrase, context, anchor text, part, bearing, spread, (inner, outer) in R, is_point, named
PARTS = [
    ("the western suburb of Palmyra", None, "Palmyra", "inner", 270.0, 45.0, (0.3, 1.2), True,
     None),
    ("several neighborhoods in western Palmyra", None, "Palmyra", "side", 270.0, 45.0, (0.0, 1.0),
     True, None),
    ("the edge of the Hayy al-Gharf neighbourhood in the southwest of the city", "Palmyra",
     "the city", "side", 225.0, 22.5, (0.0, 1.0), True, "Hayy al-Gharf neighbourhood"),
    ("Palmyra's outskirts", None, "Palmyra", "edge", None, None, (0.8, 1.5), False, None),
    ("Palmyra’s outskirts", None, "Palmyra", "edge", None, None, (0.8, 1.5), False, None),
    ("the city center", "Palmyra", "the city", "center", None, None, (0.0, 0.4), True, None),
    ("the city's eastern periphery", "Palmyra", "the city", "edge", 90.0, 45.0, (0.8, 1.5), True,
     None),
    ("the outskirts of the town", "Palmyra", "the town", "edge", None, None, (0.8, 1.5), False,
     None),
    ("the heart of Homs", None, "Homs", "center", None, None, (0.0, 0.4), True, None),
    ("Palmyra’s downtown neighborhoods", None, "Palmyra", "center", None, None, (0.0, 0.4), True,
     None),
]


@pytest.mark.parametrize("phrase, ctx, a_text, part, bearing, spread, radii, is_point, named",
                         PARTS)
def test_parts_of_a_place(phrase, ctx, a_text, part, bearing, spread, radii, is_point, named):
    e = sp.parse(phrase)
    assert e.kind == sp.KIND_PART
    assert (e.anchor_text, e.part, e.bearing_deg, e.bearing_spread_deg, e.named_text) == (
        a_text, part, bearing, spread, named)
    anchor = PLACES[ctx or a_text]
    loc = sp.resolve(phrase, lookup, PLACES[ctx] if ctx else None)
    assert loc.method == "part" and loc.is_point == is_point
    r = geo.nominal_radius_km(anchor.kind)
    inner, outer = radii
    assert geo.area_km2(loc.area) == pytest.approx(
        geo.analytic_area_km2(inner * r, outer * r, spread or 180.0), rel=0.01)
    # within the place's neighbourhood: inside a disc of 1.5 R (+1 %) around the anchor
    assert loc.area.within(geo.disc(anchor.lat, anchor.lon, 1.51 * r))
    if is_point:
        assert geo.contains(loc.area, loc.lat, loc.lon)


# phrase, region name, bearing, area fraction of the governorate
REGIONS = [
    ("eastern Homs Governorate", "Homs Governorate", 90.0, 0.25),
    ("the eastern countryside of Homs", "Homs Governorate", 90.0, 0.25),
    ("Homs’ eastern countryside", "Homs Governorate", 90.0, 0.25),
    ("eastern Homs province", "Homs Governorate", 90.0, 0.25),
    ("rural Idlib", "Idlib Governorate", None, 1.0),
    ("the northern countryside of Aleppo", "Aleppo Governorate", 0.0, 0.25),
]
GOV_AREA = {"Homs Governorate": 42223.0, "Idlib Governorate": 6097.0,
            "Aleppo Governorate": 18482.0}


@pytest.mark.parametrize("phrase, region, bearing, fraction", REGIONS)
def test_regions(phrase, region, bearing, fraction):
    e = sp.parse(phrase)
    assert e.kind == sp.KIND_REGION and e.bearing_deg == bearing
    loc = sp.resolve(phrase, lookup)        # governorates come from spatial_words.yaml
    assert loc.method == "region" and loc.precision == "region" and not loc.is_point
    assert loc.anchor.name == region
    assert geo.area_km2(loc.area) == pytest.approx(GOV_AREA[region] * fraction, rel=0.01)


def test_countryside_of_a_town_that_is_not_a_region():
    loc = sp.locate(sp.parse("the eastern countryside of Palmyra"), PALMYRA)
    r = geo.nominal_radius_km("settlement")
    assert loc.method == "region"
    assert geo.area_km2(loc.area) == pytest.approx(
        geo.analytic_area_km2(1.2 * r, 1.2 * r + sp.COUNTRYSIDE_REACH_KM, 45.0), rel=0.01)


@pytest.mark.parametrize("phrase, named", [
    ("al-Qadri Farms 4km west of Palmyra", "al-Qadri Farms"),
    ("a-Sukhna, 31km northeast of Palmyra", "a-Sukhna"),
    ("the nearby town of a-Sukhna, 31km northeast of Palmyra", "a-Sukhna"),
    ('an area known as the "Palmyra triangle" a few kilometers west of the city',
     "Palmyra triangle"),
    ("Al-Tar hilltop to the west of the city", "Al-Tar hilltop"),
    ("On Monday 4km west of Palmyra", None),
    ("regime forces, reportedly 4km west of IS-held Palmyra", None),
])
def test_named_text(phrase, named):
    assert sp.parse(phrase).named_text == named


# --------------------------------------------------------------------------- references
@pytest.mark.parametrize("phrase", [
    "to the west of the city", "a few kilometers west of the city", "within two kilometres",
    "the city center", "the western suburb of the village",
])
def test_reference_anchor_without_context_is_an_error(phrase):
    with pytest.raises(SpatialExpressionError, match="anchor by reference but no place under "
                                                     "discussion") as info:
        sp.resolve(phrase, lookup)
    assert repr(phrase) in str(info.value) and "context_anchor" in str(info.value)


def test_context_may_be_given_as_context_keyword():
    loc = sp.resolve("within two kilometres", lookup, context=PALMYRA)
    assert loc.anchor == PALMYRA


# --------------------------------------------------------------------------- garbage
@pytest.mark.parametrize("phrase, fragment", [
    ("4000 km west of Palmyra", "implausible distance"),
    ("99999999999999999999 km west of Palmyra", "implausible distance"),
    ("1234567 kilometres west of Palmyra", "implausible distance"),
    ("-3 km north of Homs", "negative distance"),
    ("0 km north of Homs", "zero distance"),
    ("west of", "no anchor place"),
    ("5 km west of Atlantis", "unknown anchor 'Atlantis'"),
    ("the weather was fine", "no spatial expression"),
    ("", "empty spatial phrase"),
])
def test_garbage_is_an_error(phrase, fragment):
    with pytest.raises(SpatialExpressionError) as info:
        sp.resolve(phrase, lookup)
    assert fragment in str(info.value)
    assert repr(phrase) in str(info.value)
    assert isinstance(info.value, (GazetteerError, ValueError))


def test_huge_number_in_a_text_is_reported_not_read_as_direction_only():
    found = sp.find_expressions("The convoy was 99999999999999 km west of Palmyra, they said.")
    assert len(found) == 1 and found[0].expr is None and "implausible distance" in found[0].error


def test_garbage_in_a_text_is_reported_not_dropped():
    found = sp.find_expressions("The convoy was 4000 km west of Palmyra, they said.")
    assert len(found) == 1 and found[0].expr is None
    assert "implausible distance" in found[0].error and "4000 km west of Palmyra" in found[0].error


@pytest.mark.parametrize("hostile", [
    "of " * 35000, "1" * 100_000, "4 km west of " * 8000, "West of " * 13000,
    ("A" * 30 + " ") * 3300, "1 1 1 1 " * 13000, " " * 100_000, "al-" * 33000,
    "the city's " * 10000, "between 1 and " * 7000,
])
def test_no_catastrophic_backtracking(hostile):
    # not timed: a quadratic or exponential regex would never finish on 100 kB
    found = sp.find_expressions(hostile)
    assert all(f.expr is not None or f.error for f in found)
    try:
        sp.parse(hostile)
    except SpatialExpressionError as exc:
        assert "…" in str(exc) or len(str(exc)) < 1000     # the message stays readable


# --------------------------------------------------------------------------- find_expressions
SEED = ("A combined regime army force captured the al-Qadri Farms 4km west of Palmyra on Monday. "
        "With regime forces at Palmyra’s outskirts, the resident said from the nearby town of "
        "a-Sukhna, 31km northeast of Palmyra. By November 23, forces had won parts of the "
        "al-Hayal Heights, overlooking Palmyra to the east, in addition to fire positions to the "
        "city’s northwest. Troops advanced to within two kilometres on Wednesday. ISIS has been on "
        "the offensive in eastern Homs Governorate.")
SEED_EXPECTED = [
    ("4km west of Palmyra", "offset", "Palmyra", "al-Qadri Farms"),
    ("Palmyra’s outskirts", "part", "Palmyra", None),
    ("31km northeast of Palmyra", "offset", "Palmyra", "a-Sukhna"),
    ("overlooking Palmyra to the east", "direction", "Palmyra", "al-Hayal Heights"),
    ("to the city’s northwest", "direction", "the city", None),
    ("within two kilometres", "distance", None, None),
    ("eastern Homs Governorate", "region", "Homs Governorate", None),
]


def test_find_expressions_on_seed_text():
    found = sp.find_expressions(SEED)
    got = [(f.text, f.expr.kind, f.expr.anchor_text, f.expr.named_text) for f in found]
    assert got == SEED_EXPECTED
    for f in found:
        assert SEED[f.start:f.end] == f.text
        if f.anchor_start is not None:
            assert SEED[f.anchor_start:f.anchor_end] == f.expr.anchor_text
        if f.named_start is not None:
            assert SEED[f.named_start:f.named_end] == f.expr.named_text
    with pytest.raises(FrozenInstanceError):
        found[0].start = 3  # type: ignore[misc]


@pytest.mark.parametrize("text", [
    "The western media reported it.", "He walked 4 km.", "the neighborhood of Tareeq al-Bab",
    "Part of Operation Euphrates Shield", "about 4 km long", "Middle East Eye",
])
def test_find_expressions_ignores_non_spatial_text(text):
    assert sp.find_expressions(text) == []


# --------------------------------------------------------------------------- consistency
@pytest.mark.parametrize("phrase, place, conflict, actual_km, actual_bearing", [
    ("al-Qadri Farms 4km west of Palmyra", "Al-Qadri Farms", True, 8.8, 244.0),
    ("a-Sukhna, 31km northeast of Palmyra", "Al-Sukhnah", True, 64.8, 55.0),
    ("Al-Dawah, west of Palmyra", "Al-Dawah", False, 6.2, 271.0),
    ("6 km west of Palmyra", "Al-Dawah", False, 6.2, 271.0),
])
def test_compare_seeds(phrase, place, conflict, actual_km, actual_bearing):
    loc = sp.resolve(phrase, lookup)
    p = PLACES[place]
    d = sp.compare(p, loc)
    assert d.is_conflict is conflict
    assert d.anchor_distance_km == pytest.approx(actual_km, abs=0.3)
    assert d.anchor_bearing_deg == pytest.approx(actual_bearing, abs=2.0)
    assert d.stated_distance_km == loc.offset_km and d.stated_bearing_deg == loc.bearing_deg
    dist, bearing = geo.inverse(loc.lat, loc.lon, p.lat, p.lon)
    assert (d.distance_km, d.bearing_deg) == (pytest.approx(dist), pytest.approx(bearing))
    assert ("conflict" if conflict else "consistent") in d.message and place in d.message


def test_reconcile_gazetteer_position_wins_and_keeps_alt():
    stated = sp.resolve("al-Qadri Farms 4km west of Palmyra", lookup)
    qadri = PLACES["Al-Qadri Farms"]
    r = sp.reconcile(qadri, stated)
    assert r.location.latlon == qadri.latlon and r.location.method == "gazetteer"
    assert r.alt is stated and r.disagreement.is_conflict
    assert r.location.notes and "conflict" in r.location.notes[0]
    unknown = sp.reconcile(None, stated)
    assert unknown.location is stated and unknown.alt is None


# --------------------------------------------------------------------------- lookup protocols
@dataclass(frozen=True)
class _Candidate:
    place: Place
    score: float = 1.0
    matched_name: str = ""
    method: str = "exact"


class _FakeGazetteer:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def resolve(self, name, context=None, kind_hint=None):
        self.calls.append((name, context))
        p = PLACES.get(name)
        return _Candidate(p, matched_name=name) if p else None


def test_gazetteer_object_protocol():
    gaz = _FakeGazetteer()
    loc = sp.resolve("5 km north of Homs", gaz, context="doc-context")
    assert loc.anchor == PLACES["Homs"] and gaz.calls == [("Homs", "doc-context")]


def test_gazetteer_errors_become_spatial_errors():
    def broken(name):
        raise LookupError(name)
    with pytest.raises(SpatialExpressionError, match="unknown anchor 'Homs'"):
        sp.resolve("5 km north of Homs", broken)


def test_locate_needs_a_place():
    with pytest.raises(SpatialExpressionError, match="not a Place"):
        sp.locate(sp.parse("5 km north of Homs"), (34.7, 36.7))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- default gazetteer
def _default_gazetteer():
    return sp._default_gazetteer()


@pytest.mark.parametrize("phrase, anchor_lat, anchor_lon", [
    ("4km west of Palmyra", 34.56, 38.285),
    ("40 km north-east of Homs", 34.727, 36.724),
])
def test_resolve_with_default_gazetteer(phrase, anchor_lat, anchor_lon):
    _default_gazetteer()
    loc = sp.resolve(phrase)
    assert geo.inverse(loc.anchor.lat, loc.anchor.lon, anchor_lat, anchor_lon)[0] < 5.0
    d, _ = geo.inverse(loc.anchor.lat, loc.anchor.lon, loc.lat, loc.lon)
    assert d == pytest.approx(loc.offset_km, abs=1e-3)


def test_default_gazetteer_seed_conflict():
    gaz = _default_gazetteer()
    loc = sp.resolve("a-Sukhna, 31km northeast of Palmyra", gaz)
    hit = gaz.resolve("a-Sukhna")
    assert hit is not None
    assert sp.compare(hit.place, loc).is_conflict


def test_part_of_a_country_is_a_region():
    syria = Place(id="country:SY", name="Syria", lat=35.07, lon=36.57, kind="country",
                  population=16_906_283)
    loc = sp.locate(sp.parse("northern Syria"), syria)
    assert loc.method == "region" and not loc.is_point
    r = geo.KIND_RADIUS_KM["country"]
    assert geo.area_km2(loc.area) == pytest.approx(geo.analytic_area_km2(0, r, 45.0), rel=0.01)


@pytest.mark.parametrize("text", ["approaching the rural Homs town", "a western Palmyra town"])
def test_adjective_before_a_town_noun_is_not_a_part(text):
    assert sp.find_expressions(text) == []
