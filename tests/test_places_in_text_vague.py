"""Places of events on unseen text (issue 9): a place the gazetteer lacks, an unnamed place
given by an anchor, a facility "of" a town. The event is kept with its sentence and an
honest area; never a same-named look-alike, never the anchor's own point. Sentences are
made up (real towns, invented village names)."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.extract.article import extract_article
from mapper.extract.locate.vague import FOCUS_AREA_KM, LIST_NEIGHBOUR_KM
from mapper.model import Article


def _res(text):
    return extract_article(Article("t", text, date(2016, 6, 10)))


def _events(text, kind=None):
    return {e.place_name: e for e in _res(text).events if kind is None or e.kind == kind}


# ---------------------------------------------------------------- unknown names, no position
@pytest.mark.parametrize("text,name,method,anchor,min_km", [
    # a known member of the same list anchors the unknown one (never its own point)
    ("Manbij offensive\n\nOn 3 June ISIL recaptured the villages of Zarqoshiyeh and Kafr Naya.",
     "Zarqoshiyeh", "distance", "Kafr", LIST_NEIGHBOUR_KM),
    # "A in B": the town the text names
    ("Manbij offensive\n\nOn 3 June the SDF captured the village of Umm Zarub in Manbij.",
     "Umm Zarub", "distance", "Manbij", 5.0),
    # nothing but the paragraph's town, and the text calls it a village: the town's wide area
    ("Manbij offensive\n\nOn 2 June the SDF entered Manbij. On 3 June ISIL captured the village of Duwayrat.",
     "Duwayrat", "region", "Manbij", FOCUS_AREA_KM),
    # a name with a feature word the gazetteer lacks
    ("Palmyra offensive\n\nOn 2 June the army entered Palmyra. On 3 June it captured the Zarqun Oil Field.",
     "Zarqun Oil Field", "region", "Palmyra", FOCUS_AREA_KM),
])
def test_unknown_place_gets_an_honest_area(text, name, method, anchor, min_km):
    ev = _events(text, "capture")
    assert name in ev, f"no capture at {name!r}: {sorted(ev)}"
    loc = ev[name].location
    assert loc.method == method and loc.place is None and not loc.is_point
    assert loc.anchor is not None and loc.anchor.name.startswith(anchor)
    assert loc.uncertainty_km >= min_km


def test_vaguely_placed_name_stays_reported():
    res = _res("Manbij offensive\n\nOn 2 June the SDF entered Manbij. On 3 June ISIL captured the village "
               "of Duwayrat.")
    rep = [u for u in res.unresolved if u["mention"] == "Duwayrat"]
    assert rep and rep[0]["placed"].startswith("placed vaguely") and "Manbij" in rep[0]["placed"]


def test_bare_name_is_not_placed_by_the_article_alone():
    # no feature word, no settlement slot, no list: the focus is no evidence (reported, unmapped)
    res = _res("Manbij offensive\n\nOn 2 June the SDF entered Manbij. On 3 June ISIL captured Duwayrat.")
    assert all(m.location is None for m in res.mentions if m.surface == "Duwayrat")
    assert any(u["mention"] == "Duwayrat" and "placed" not in u for u in res.unresolved)


@pytest.mark.parametrize("text,name", [
    # lines and regions get no point-like area: the event stays unmapped (a warning says so)
    ("Manbij offensive\n\nOn 2 June the SDF entered Manbij. On 3 June they reached the Zarqun River.",
     "Zarqun River"),
    ("Manbij offensive\n\nOn 2 June the SDF entered Manbij. On 3 June they captured the Zarqun Highway.",
     "Zarqun Highway"),
])
def test_lines_are_not_put_on_an_area(text, name):
    res = _res(text)
    assert name not in {e.place_name for e in res.events}
    assert all(m.location is None for m in res.mentions if m.surface == name)


def test_holder_adjective_is_no_name():
    res = _res("Manbij offensive\n\nOn 3 June ISIL attacked the SDF-held village of Zarqoshiyeh near Manbij.")
    surfaces = {m.surface for m in res.mentions}
    assert "SDF-held village" not in surfaces and "Zarqoshiyeh" in surfaces


def test_institution_base_is_the_airbase_named_before():
    ev = _events("Kuweires siege\n\nThe rebels attacked Kuweires Airbase in May. By September, the Syrian "
                 "Air Force base was besieged by rebel fighters.", "advance")
    assert "Kuweires Airbase" in ev and "Air Force base" not in ev


# ---------------------------------------------------------------- unnamed places by an anchor
@pytest.mark.parametrize("text,name,method,anchor", [
    ("Khanasir offensive\n\nOn 14 April ISIL attacked Khanasir and by the next day captured hills near the town.",
     "hills near Khanasir", "distance", "Khanasir"),
    ("Palmyra offensive\n\nOn 3 June the army overran large areas east of Palmyra.",
     "large areas east of Palmyra", "direction", "Palmyra"),
    ("Palmyra offensive\n\nOn 3 June the army captured the countryside south of Palmyra.",
     "the countryside south of Palmyra", "direction", "Palmyra"),
])
def test_unnamed_place_in_a_sector_is_the_event_place(text, name, method, anchor):
    ev = _events(text, "capture")
    assert name in ev, f"no capture at {name!r}: {sorted(ev)}"
    loc = ev[name].location
    assert loc.method == method and loc.anchor.name == anchor and loc.place is None
    assert anchor not in {e.place_name for e in _res(text).events if e.kind == "capture"}


@pytest.mark.parametrize("text,needle,name,method,anchor", [
    ("Kuweires siege\n\nThe army reached Kuweires Airbase. ISIL then advanced in areas around the airbase.",
     "areas around the airbase", "areas around Kuweires Airbase", "distance", "Kuweires Airbase"),
    ("Manbij offensive\n\nThe SDF reached Manbij. ISIL withdrew from areas near it on 3 June.",
     "areas near it", "areas near Manbij", "distance", "Manbij"),
    ("Palmyra offensive\n\nThe army reached Palmyra. On 3 June it captured hills overlooking the town.",
     "hills overlooking the town", "hills overlooking Palmyra", "distance", "Palmyra"),
    # no unnamed place before it: the anchor is the objective ("reached the northern shore of X")
    ("Tishrin offensive\n\nOn 3 June the SDF reached the northern shore of the Tishrin Dam.",
     "the northern shore of the Tishrin Dam", "Tishrin Dam", "direction", "Tishrin Dam"),
])
def test_relations_the_spatial_grammar_lacks(text, needle, name, method, anchor):
    from gazetteer.store import Gazetteer
    from mapper.extract.layout import Layout
    from mapper.extract.locate import locate_article
    from mapper.extract.mentions import scan_mentions

    gaz = Gazetteer.default()
    art = Article("t", text)
    slots = locate_article(art, scan_mentions(art, gaz), gaz, Layout.of(art)).slots
    start = text.index(needle)
    hits = [s for s in slots if s.start <= start + len(needle) - 1 and s.end >= start + len(needle) - 2
            and s.location is not None and s.location.anchor is not None]
    assert hits, [(s.surface, s.name) for s in slots]
    s = hits[-1]
    assert s.name == name and s.location.method == method and s.location.anchor.name == anchor
    assert s.location.place is None


def test_road_near_it_is_no_capture_of_the_anchor():
    ev = _events("Kuweires siege\n\nThe army reached Kuweires Airbase. On 3 June it captured Zarqun "
                 "and secured the road near it.", "capture")
    assert "Kuweires Airbase" not in ev


def test_the_village_by_an_offset_refers_back():
    ev = _events("Manbij offensive\n\nThe SDF attacked Kafr Naya on 2 June. The SDF is now in control of "
                 "the village about 16 kilometres from Manbij.")
    assert not any(n.startswith("the village") for n in ev)


# ---------------------------------------------------------------- facilities of a town
@pytest.mark.parametrize("text,name,anchor,method", [
    ("Aleppo offensive\n\nOn 3 June the rebels seized the electrical grid of Zarqoshiyeh.",
     "electrical grid of Zarqoshiyeh", None, "region"),
    ("Manbij offensive\n\nOn 3 June the SDF seized the water treatment station of Manbij.",
     "water treatment station of Manbij", "Manbij", "part"),
])
def test_facility_of_a_town_is_one_place(text, name, anchor, method):
    res = _res(text)
    ms = [m for m in res.mentions if m.surface == name]
    assert ms, [m.surface for m in res.mentions]
    if anchor is not None:
        assert ms[0].location.anchor.name == anchor and ms[0].location.method == method
        assert anchor not in {e.place_name for e in res.events if e.kind == "capture"}
