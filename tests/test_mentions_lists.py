"""Lists of places after "including:", "among them", "such as" get their mentions;
an unknown name is reported as unresolved, never placed on a look-alike. Sentences
are made up (real villages, invented names)."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.extract.article import extract_article
from mapper.model import MENTION_UNKNOWN, Article


def _res(text):
    return extract_article(Article("t", text, date(2016, 6, 1)))


@pytest.mark.parametrize("intro", ["including:", "including", "among them", "such as"])
def test_unknown_names_of_a_list_are_reported(intro):
    res = _res(f"On 3 June ISIL captured four villages, {intro} Kafr Naya, Zarqoshiyeh and Umm Batnawi.")
    unknown = {m.surface for m in res.mentions if m.kind == MENTION_UNKNOWN and "list of places" in m.reason}
    assert unknown == {"Zarqoshiyeh", "Umm Batnawi"}
    reported = {u["mention"] for u in res.unresolved}
    assert {"Zarqoshiyeh", "Umm Batnawi"} <= reported
    # known names keep their gazetteer places; unknown ones never get a place (no look-alike),
    # only the wide area around the known member of their list (reported as placed vaguely)
    assert any(m.place is not None and m.surface == "Kafr Naya" for m in res.mentions)
    for m in res.mentions:
        if m.surface in ("Zarqoshiyeh", "Umm Batnawi"):
            assert m.place is None and m.location.place is None and not m.location.is_point
            assert m.location.anchor.name.startswith("Kafr") and m.location.uncertainty_km >= 10
    assert all(u.get("placed", "").startswith("placed vaguely") for u in res.unresolved
               if u["mention"] in ("Zarqoshiyeh", "Umm Batnawi"))


@pytest.mark.parametrize("text", [
    "On 3 June several commanders were killed, including Zarqoshiyeh Abdo.",
    "On 3 June rebel groups, including Ahrar al-Sham, attacked.",
])
def test_lists_without_places_add_nothing(text):
    res = _res(text)
    assert not [m for m in res.mentions if "list of places" in m.reason]



@pytest.mark.parametrize("where, method", [("near Manbij", "distance"), ("south of Manbij", "direction")])
def test_appositive_list_members_share_the_stated_position(where, method):
    res = _res(f"On 3 June the SDF captured three villages {where}, Zarqoshiyeh, Umm Batnawi and Tal Rafi'i.")
    events = {e.place_name: e for e in res.events}
    for name in ("Zarqoshiyeh", "Umm Batnawi"):
        loc = events[name].location
        assert loc.method == method and loc.anchor.name == "Manbij" and loc.place is None
    assert "Manbij" not in events


def test_appositive_list_without_a_stated_position_is_reported():
    res = _res("On 3 June the SDF captured three villages, Zarqoshiyeh, Umm Batnawi and Kafr Naya.")
    assert {"Zarqoshiyeh", "Umm Batnawi"} <= {u["mention"] for u in res.unresolved}
    # their events are kept, on the wide area of the known list member (never a point of their own)
    for e in res.events:
        if e.place_name in ("Zarqoshiyeh", "Umm Batnawi"):
            assert e.location.place is None and not e.location.is_point and e.location.method == "distance"
