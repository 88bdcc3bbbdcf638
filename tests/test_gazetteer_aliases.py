"""Curated aliases (data/aliases.tsv) and the regional pack's own names."""
from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from gazetteer.disambiguate import haversine_km
from gazetteer.regional import load_aliases, load_regional_pack

ALIASES = load_aliases()


def test_every_alias_line_resolves():
    gaz = Gazetteer.default()
    assert gaz.alias_errors == []


@pytest.mark.parametrize("rec", ALIASES, ids=[a.alias for a in ALIASES])
def test_alias_points_at_its_target(rec):
    gaz = Gazetteer.default()
    c = gaz.resolve(rec.alias)
    assert c is not None
    if rec.lat is not None:
        assert haversine_km(c.place.latlon, (rec.lat, rec.lon)) <= 5.0, (rec, c.place)


def test_regional_pack_size_and_ids():
    pack = load_regional_pack()
    assert len(pack.places) > 6000
    assert len({p.id for p in pack.places.values()}) == len(pack.places)
    assert all(p.country == "SY" and p.source == "syria_places" for p in pack.places.values())
    kinds = {p.kind for p in pack.places.values()}
    assert {"settlement", "hill", "airbase", "oil or gas field", "military base"} <= kinds


def test_locator_parentheses_are_not_aliases():
    # "Tombs Valley (Palmyra)": "(Palmyra)" locates the valley, it is not its name
    gaz = Gazetteer.default()
    assert [c.place.name for c in gaz.search("Palmyra", limit=3)][0] == "Palmyra"
    assert "Tombs Valley (Palmyra)" not in [c.place.name for c in gaz.search("Palmyra", limit=3)
                                            if c.method in ("name", "alt")]
