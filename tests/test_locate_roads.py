"""Roads named by their two ends are a line or their own place, never one end alone
("the A-B road", "the road between A and B", "the A–B highway"); a checkpoint on
the road is not A or B. Sentences are made up (real towns as ends, invented names)."""
from __future__ import annotations

from datetime import date

import pytest

from gazetteer.disambiguate import haversine_km
from gazetteer.model import Place
from mapper.extract.article import extract_article
from mapper.extract.locate.roads import road_location
from mapper.extract.mentions.roads import ROAD_BETWEEN_RE, ROAD_DASH_RE
from mapper.model import MENTION_UNKNOWN, Article


def _res(text):
    return extract_article(Article("t", text, date(2016, 6, 1)))


@pytest.mark.parametrize("phrase, a, b", [
    ("on the Aleppo-Raqqa road", "Aleppo", "Raqqa"),
    ("the Deir ez-Zor–Palmyra highway", "Deir ez-Zor", "Palmyra"),
    ("the Ras al-Ain—Tell Tamer road", "Ras al-Ain", "Tell Tamer"),
    ("the Salamiyah to Ithriya road", "Salamiyah", "Ithriya"),
    ("The Homs-Palmyra highway", "Homs", "Palmyra"),
])
def test_dash_form_ends(phrase, a, b):
    m = ROAD_DASH_RE.search(phrase)
    assert m is not None
    assert m.group("b") == b and m.group("a").endswith(a)


@pytest.mark.parametrize("phrase, a, b", [
    ("cut the road between Manbij and Jarablus", "Manbij", "Jarablus"),
    ("the highway linking Salamiyah to Palmyra", "Salamiyah", "Palmyra"),
    ("a supply route from Tabqa to Raqqa", "Tabqa", "Raqqa"),
    ("the main road connecting the town of al-Bab with Manbij", "al-Bab", "Manbij"),
])
def test_between_form_ends(phrase, a, b):
    m = ROAD_BETWEEN_RE.search(phrase)
    assert m is not None and (m.group("a"), m.group("b")) == (a, b)


@pytest.mark.parametrize("text", [
    "On 3 June ISIL seized the Salamiyah-Palmyra road.",
    "On 3 June ISIL seized the road between Salamiyah and Palmyra.",
    "On 3 June ISIL seized a checkpoint on the Salamiyah-Palmyra road.",
])
def test_a_road_is_its_own_place_never_an_end(text):
    res = _res(text)
    names = {e.place_name for e in res.events}
    assert not names & {"Palmyra", "Salamiyah", "Salamīyah"}
    roads = [m for m in res.mentions if m.reason.startswith("road")]
    assert len(roads) == 1 and roads[0].kind == MENTION_UNKNOWN
    # the ends are absorbed: no toponym mention of either end remains
    assert not [m for m in res.mentions if m.place is not None]


def test_a_captured_road_is_a_corridor_event():
    res = _res("On 3 June ISIL seized the Salamiyah-Palmyra road.")
    [ev] = [e for e in res.events if e.kind == "capture"]
    assert ev.place_name.endswith("road") and "Palmyra" in ev.place_name
    loc = ev.location
    assert loc.precision == "line" and not loc.is_point and loc.anchor is None
    # the point is the segment's midpoint, far from both ends
    roads = [m for m in res.mentions if m.reason.startswith("road")]
    assert roads[0].location is loc or roads[0].location == loc


def test_road_location_midpoint_and_corridor():
    a, b = Place("p:a", "A", 35.0, 37.0), Place("p:b", "B", 35.0, 38.0)
    loc = road_location(a, b, "the A-B road")
    assert abs(loc.lat - 35.0) < 0.01 and abs(loc.lon - 37.5) < 0.01
    assert loc.area.contains(loc.area.representative_point())
    assert haversine_km((loc.lat, loc.lon), (35.0, 37.0)) == pytest.approx(45.6, abs=1.0)
    assert loc.area.exterior.is_ccw


def test_road_with_an_unknown_end_is_reported_not_placed_on_the_known_end():
    res = _res("On 3 June ISIL seized the Qarzabiyah-Palmyra road.")
    assert not [e for e in res.events if e.place_name in ("Palmyra",)]
    roads = [m for m in res.mentions if m.reason.startswith("road")]
    assert len(roads) == 1 and roads[0].location is None
    assert any(u["mention"] == roads[0].surface for u in res.unresolved)


@pytest.mark.parametrize("verb", ["severing", "cutting", "reached"])
def test_cutting_the_road_of_the_town_the_text_is_about_is_an_advance_on_it(verb):
    res = _res(f"On 3 June the SDF besieged Manbij from the south. On 4 June the SDF advanced, {verb} "
               f"the Jarablus-Manbij road.")
    assert any(e.place_name == "Manbij" and e.kind == "advance" and "road" in e.quote for e in res.events)
    assert not any("road" in (e.place_name or "") for e in res.events)


def test_seizing_the_road_of_the_town_is_still_the_road():
    res = _res("On 3 June the SDF besieged Manbij from the south. On 4 June the SDF seized the "
               "Jarablus-Manbij road.")
    caps = [e for e in res.events if e.kind == "capture"]
    assert caps and all(e.place_name != "Manbij" for e in caps)
