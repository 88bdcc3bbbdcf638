"""Governorates: the phrases that name them, the codes, the derived admin1 of the pack."""
from __future__ import annotations

import pytest

from gazetteer.disambiguate import DocumentContext
from gazetteer.regions import GOVERNORATES, derive_admin1, governorate_code, load_admin1, region_hints

HINTS = [
    ("Clashes were reported in Kafr Nabl in Idlib province.", ["12"]),
    ("shelling in the Homs countryside", ["11"]),
    ("in Idlib's southern countryside", ["12"]),
    ("the regime bombed eastern Aleppo", ["09"]),
    ("in rural Hama and the province of Raqqa", ["10", "04"]),
    ("Deir ez-Zor Governorate", ["07"]),
    ("in Deir ez Zor province", ["07"]),
    ("in Dayr az Zawr governorate", ["07"]),
    ("in the Damascus countryside", ["08"]),
    ("in Damascus province", ["08"]),
    ("fighting in Rif Dimashq", ["08"]),
    ("in Eastern Ghouta", ["08"]),
    ("in Al Hasakah province", ["01"]),
    ("Hasakeh countryside", ["01"]),
    ("in As Suwayda province", ["05"]),
    ("in Sweida province", ["05"]),
    ("in Daraa province", ["06"]),
    ("in Deraa's countryside", ["06"]),
    ("in Quneitra province", ["03"]),
    ("in Latakia province", ["02"]),
    ("in Lattakia countryside", ["02"]),
    ("Tartous province", ["14"]),
    ("in Hamah province", ["10"]),
    ("in Ar Raqqah province", ["04"]),
    # no governorate named: a city alone is a place, not a region phrase
    ("Government forces entered Homs.", []),
    ("Hamas and Hama", []),
    ("the Aleppo International Airport", []),
]


@pytest.mark.parametrize("text,codes", HINTS, ids=[t for t, _ in HINTS])
def test_region_hints(text, codes):
    assert [h.code for h in region_hints(text)] == codes


def test_region_hint_spans_point_into_the_text():
    text = "Clashes in Kafr Nabl in Idlib's southern countryside."
    (h,) = region_hints(text)
    assert text[h.start:h.end] == h.text == "Idlib's southern countryside"
    assert h.name == "Idlib"


@pytest.mark.parametrize("name,code", [
    ("Hamah Governorate", "10"), ("Rif Dimashq Governorate", "08"), ("Deir ez Zor Governorate", "07"),
    ("Al Hasakah Governorate", "01"), ("As Suwayda Governorate", "05"), ("Damascus Governorate", "13"),
    ("Ar Raqqah", "04"), ("09", "09"), ("Narnia", None), ("", None),
])
def test_governorate_code(name, code):
    assert governorate_code(name) == code


def test_codes_are_the_baseline_admin1_of_the_capitals():
    """The table's codes are GeoNames admin1 codes: each capital's baseline record carries its code."""
    from gazetteer.store import Gazetteer
    gaz = Gazetteer.default()
    capitals = {"01": "Al Hasakah", "02": "Latakia", "04": "Ar Raqqah", "06": "Daraa", "07": "Deir ez-Zor",
                "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus"}
    for code, city in capitals.items():
        from gazetteer.normalize import name_key
        admin1s = {p.admin1 for p, *_ in gaz.baseline.lookup(name_key(city)) if p.country == "SY"}
        assert code in admin1s, (city, admin1s)
    assert set(GOVERNORATES) == {f"{i:02d}" for i in range(1, 15)}


def test_every_pack_record_has_a_governorate():
    from gazetteer.regional import load_regional_pack
    pack = load_regional_pack()
    missing = [p.id for p in pack.places.values() if p.admin1 not in GOVERNORATES]
    assert missing == []
    assert len(load_admin1()) >= 6000


@pytest.mark.parametrize("pid,code", [
    ("syria:palmyra", "11"), ("syria:tiyas-t-4-airbase", "11"), ("syria:kafriya", "12"),
    ("syria:hitash", "04"), ("syria:simlin", "06"), ("syria:buqayn", "08"),
])
def test_derived_admin1_of_known_places(pid, code):
    from gazetteer.store import Gazetteer
    assert Gazetteer.default().get(pid).admin1 == code


def test_derive_admin1_votes_by_nearest_reference():
    ref = [(36.2, 37.15, "09"), (36.3, 37.0, "09"), (35.93, 36.63, "12"), (35.95, 36.6, "12")]
    (code, share, second, s2), = derive_admin1([(36.25, 37.1)], ref, k=4)
    assert code == "09" and share > 0.9 and second == "12" and s2 < 0.1


def test_context_region_factor_penalises_other_governorates():
    from gazetteer.disambiguate import OUTSIDE_REGION_FACTOR
    from gazetteer.model import Place
    ctx = DocumentContext.for_region("Idlib Governorate")
    inside = Place(id="a", name="A", lat=35.6, lon=36.6, country="SY", admin1="12")
    outside = Place(id="b", name="B", lat=33.0, lon=36.0, country="SY", admin1="06")
    border = Place(id="c", name="C", lat=35.3, lon=36.7, country="SY", admin1="10", admin1_near=("10", "12"))
    abroad = Place(id="d", name="D", lat=30.0, lon=31.0, country="EG")
    assert ctx.region_factor(inside) == 1.0
    assert ctx.region_factor(outside) == OUTSIDE_REGION_FACTOR
    assert OUTSIDE_REGION_FACTOR < ctx.region_factor(border) < 1.0
    assert ctx.region_factor(abroad) < OUTSIDE_REGION_FACTOR
    assert DocumentContext.for_country("SY").region_factor(outside) == 1.0
