"""Facilities named by their town ("X's train station", "X's airport", "the X bus
station") are places in X with X's uncertainty, never X itself. Sentences are made
up (real towns, invented facilities)."""
from __future__ import annotations

from datetime import date

import pytest

from gazetteer.disambiguate import haversine_km
from gazetteer.geometry import nominal_radius_km
from mapper.extract.article import extract_article
from mapper.extract.locate import OUTSIDE_FACILITY_EXTRA_KM
from mapper.extract.mentions.facilities import TOWN_FACILITY_AFTER_RE, town_facility_name
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Article

MANBIJ = (36.528, 37.954)


def _res(text):
    return extract_article(Article("t", text, date(2016, 6, 1)))


@pytest.mark.parametrize("text, name, extra_km", [
    ("On 3 June the rebels captured Manbij's train station.", "Manbij train station", 0.0),
    ("On 3 June ISIL captured the Manbij bus station.", "Manbij bus station", 0.0),
    ("On 3 June the rebels captured Manbij’s main railway station after clashes.", "Manbij main railway station", 0.0),
    ("On 3 June the SDF seized Manbij's hospital.", "Manbij hospital", 0.0),
    # a power plant often stands outside the built-up area: the town's disc widened
    ("On 3 June the SDF seized Manbij's power plant.", "Manbij power plant", OUTSIDE_FACILITY_EXTRA_KM),
])
def test_town_facility_is_placed_in_the_town_not_the_town(text, name, extra_km):
    res = _res(text)
    events = {e.place_name: e for e in res.events}
    assert "Manbij" not in events
    ev = events[name]
    loc = ev.location
    assert loc.method == "part" and loc.anchor.name == "Manbij" and loc.place is None
    assert haversine_km((loc.lat, loc.lon), MANBIJ) < 1.0
    assert loc.uncertainty_km == pytest.approx(nominal_radius_km(loc.anchor.kind, loc.anchor.population) + extra_km)
    [m] = [m for m in res.mentions if m.reason.startswith("town facility")]
    assert m.kind == MENTION_UNKNOWN and m.location == loc
    assert not any(u["mention"] == m.surface for u in res.unresolved)


def test_town_airport_in_the_gazetteer_is_that_place():
    res = _res("On 3 June government forces seized Deir ez-Zor's airport.")
    [m] = [m for m in res.mentions if "airport" in m.surface]
    assert m.kind == MENTION_TOPONYM and m.place.kind == "airbase"
    assert {e.place_name for e in res.events} == {m.place.name}


@pytest.mark.parametrize("after", ["'s countryside", " and its people", "'s governor said", " city"])
def test_no_facility_words_no_facility(after):
    assert TOWN_FACILITY_AFTER_RE.match(after) is None


@pytest.mark.parametrize("surface, shown", [
    ("Manbij's train station", "Manbij train station"),
    ("Jarablus' railway station", "Jarablus railway station"),
    ("the Manbij  bus station", "Manbij bus station"),
])
def test_shown_name(surface, shown):
    assert town_facility_name(surface) == shown
