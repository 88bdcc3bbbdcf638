"""Spatial phrases without a distance ("near X", "outside X") and grammar fixes of
gazetteer.spatial (anchors never cross a conjunction or a line break). Sentences are made up."""
from __future__ import annotations

import pytest

from gazetteer import spatial as sp
from gazetteer.model import Place

PALMYRA = Place(id="p", name="Palmyra", lat=34.56, lon=38.285, kind="city", population=50_000)


@pytest.mark.parametrize("phrase,qualifier,anchor", [
    ("near Palmyra", "near", "Palmyra"),
    ("close to Palmyra", "near", "Palmyra"),
    ("in the vicinity of Palmyra", "near", "Palmyra"),
    ("outside Palmyra", "outside", "Palmyra"),
    ("on the edge of Palmyra", "outside", "Palmyra"),
    ("near the ISIS-held town of Palmyra", "near", "Palmyra"),
])
def test_near_phrases_parse(phrase, qualifier, anchor):
    e = sp.parse(phrase)
    assert (e.kind, e.qualifier, e.anchor_text) == (sp.KIND_DISTANCE, qualifier, anchor)


@pytest.mark.parametrize("phrase,inner_km,outer_km", [
    ("near Palmyra", 0.0, 2.5 + sp.NEAR_REACH_KM),      # R = 2.5 km (population 50k)
    ("outside Palmyra", 2.5, 2.5 + sp.NEAR_REACH_KM),
])
def test_near_locates_a_ring_around_the_anchor(phrase, inner_km, outer_km):
    import math
    loc = sp.locate(sp.parse(phrase), PALMYRA)
    assert loc.method == "distance" and not loc.is_point
    assert (loc.lat, loc.lon) == (PALMYRA.lat, PALMYRA.lon)
    expected = math.sqrt(outer_km ** 2 - inner_km ** 2)   # equal-area radius of the ring
    assert loc.uncertainty_km == pytest.approx(expected, rel=0.02)


def test_named_place_before_near_is_kept():
    f = sp.find_expressions("rebels captured Qarfa Hill near Palmyra on Monday")
    assert [x.text for x in f] == ["near Palmyra"]
    assert f[0].expr.named_text == "Qarfa Hill"


def test_named_place_with_a_gloss_before_outside():
    f = sp.find_expressions("the army retook Zorba Hill (Tal Zorba), outside Palmyra, on Monday")
    assert f[0].expr.qualifier == "outside"
    assert f[0].expr.named_text == "Zorba Hill"


def test_nearby_is_an_adjective_not_a_phrase():
    f = sp.find_expressions("the resident said from the nearby town of Qaryatayn, 31km east of Palmyra")
    assert [x.text for x in f] == ["31km east of Palmyra"]


@pytest.mark.parametrize("text,anchor", [
    # the town-of prefix never swallows a conjunction and a second verb phrase
    ("the army pushed south of Palmyra and captured the village of Qarfa", "Palmyra"),
    ("west of the ISIS-held town of Palmyra", "Palmyra"),
    # a name never continues across a line break or into a new "Tal X" name
    ("in the western countryside of Palmyra\nZorba fell", "Palmyra"),
    ("in the western countryside of Palmyra Tal Zorba and Qarfa", "Palmyra"),
])
def test_anchor_boundaries(text, anchor):
    f = sp.find_expressions(text)
    assert f and f[0].expr.anchor_text == anchor


@pytest.mark.parametrize("text,anchor,is_ref", [
    ("the village of Qarfa north of second city Palmyra", "Palmyra", False),
    ("fighting west of the border town Palmyra", "Palmyra", False),
    ("fighting west of the town", "the town", True),
    ("fighting west of the town on Sunday", "the town", True),
])
def test_appositive_anchor(text, anchor, is_ref):
    f = sp.find_expressions(text)
    assert (f[0].expr.anchor_text, f[0].expr.anchor_is_reference) == (anchor, is_ref)


def test_entrance_to_the_city_is_an_edge_part_with_its_named_place():
    f = sp.find_expressions("On Monday, the Qarfa Silos at the southern entrance to the city were taken")
    assert f[0].expr.kind == sp.KIND_PART and f[0].expr.part == "edge"
    assert f[0].expr.bearing_deg == 180.0
    assert f[0].expr.named_text == "Qarfa Silos"


def test_public_names_still_importable():
    from gazetteer.spatial import (SPATIAL_RE, Disagreement, FoundExpression, Reconciled,  # noqa: F401
                                   SpatialExpression, compare, find_expressions, locate, parse,
                                   parse_direction, reconcile, region_place, resolve)
    assert SPATIAL_RE.search("4 km west of Palmyra")
