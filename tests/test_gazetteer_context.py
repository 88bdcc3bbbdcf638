"""Issue 10 (third pass): qualifiers, feature words of stored names, Turkish
spellings, alternative spellings in text, and what a governorate phrase says.

Made-up places in a small regional pack (tmp file) and hand-made candidates;
no development name appears here.
"""
from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from gazetteer.disambiguate import Candidate, DocumentContext, rescore
from gazetteer.hits import NameHit
from gazetteer.model import Place
from gazetteer.normalize import skeleton_variants
from gazetteer.qualifiers import qualifier_agrees, qualifier_variants, strip_qualifier

PACK = """name\tlat\tlon\tkind\tcontrol_2017\tmark\twikipedia
Tall Zarqun\t35.10\t37.10\tsettlement\t\t\t
Dabbat al-Gharbi\t35.20\t37.20\tsettlement\t\t\t
al-Ghadirah\t35.90\t38.90\tsettlement\t\t\t
Ghadirat al-Sharqiyah\t33.10\t36.10\tsettlement\t\t\t
Ghadirat al-Gharbiyah\t33.12\t36.05\tsettlement\t\t\t
Radar Base (Tall Humeira)\t33.30\t36.30\tmilitary base\t\t\t
Jabirqli Fawqani\t36.50\t37.50\tsettlement\t\t\t
Nabbar Crossing\t32.50\t36.20\tsettlement\t\t\t
Nabbar\t32.52\t36.21\tsettlement\t\t\t
Offensive 2016#Kafr Dumiq\t35.30\t36.80\tsettlement\t\t\tOffensive 2016#Kafr Dumiq
Daraa\t32.62\t36.10\tcity\t\t\t
Khan al-Sibal\t35.70\t36.70\tsettlement\t\t\t
Tanuk processing plant\t35.00\t40.50\toil or gas field\t\t\t
"""


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    p = tmp_path_factory.mktemp("pack") / "pack.tsv"
    p.write_text(PACK, encoding="utf-8")
    return Gazetteer(regional=p, aliases=False, baseline=False, include_user=False)


@pytest.mark.parametrize("query, expected, method", [
    ("Dabbat village", "Dabbat al-Gharbi", "qualified"),        # a twin's name without its qualifier
    ("Eastern Ghadirah town", "Ghadirat al-Sharqiyah", None),    # English qualifier = Arabic word after
    ("Western Ghadirah", "Ghadirat al-Gharbiyah", None),
    ("Cabirqli village", "Jabirqli Fawqani", None),              # Turkish c = j, and the qualifier
    ("Kafr Dumiq village", "Kafr Dumiq", None),                  # a wiki section label: the name after '#'
    ("Nabar border crossing", "Nabbar Crossing", "core+kind"),   # the stored name's feature word agrees
    ("Tall Humeira Radar Base", "Radar Base (Tall Humeira)", None),
    ("Tanuk oil field", "Tanuk processing plant", None),           # "processing plant" is a feature word
])
def test_search_finds_the_spelling(gaz, query, expected, method):
    top = gaz.search(query, limit=1, country="SY")
    assert top and top[0].place.name == expected, [(c.place.name, c.method) for c in top]
    if method:
        assert top[0].method == method


def test_qualified_entry_ranks_below_an_exact_name(gaz):
    # "Nabbar" exactly names a place: the crossing (core of "Nabbar Crossing") is second
    names = [c.place.name for c in gaz.search("Nabbar", limit=2, country="SY")]
    assert names[0] == "Nabbar"


@pytest.mark.parametrize("name, bare", [
    ("Qastun al Gharbi town", "Qastun town"), ("Upper Rasm", "Rasm"), ("Mehmo Xerbi", "Mehmo"),
    ("Palmyra", None),
])
def test_strip_qualifier(name, bare):
    assert strip_qualifier(name) == bare


@pytest.mark.parametrize("name, variants", [
    ("Eastern Dabiq village", ["Dabiq al-Sharqi", "Dabiq al-Sharqiyah"]),
    ("Upper Rasm", ["Rasm Fawqani"]),
    ("Dabiq", []),
])
def test_qualifier_variants(name, variants):
    assert qualifier_variants(name) == variants


@pytest.mark.parametrize("name, place, agrees", [
    ("Eastern Dabiq", "Dabiqat al-Sharqiyah", True), ("Western Dabiq", "Dabiq Gharbi", True),
    ("Eastern Dabiq", "Dabiq", False), ("Dabiq", "Dabiq al-Sharqi", False),
])
def test_qualifier_agrees(name, place, agrees):
    assert qualifier_agrees(name, place) is agrees


@pytest.mark.parametrize("key, has", [("cariqli", "jrkl"), ("chaman", None), ("sabkha", "sbk")])
def test_skeleton_variants_turkish_c(key, has):
    vs = skeleton_variants(key)
    if has:
        assert has in vs
    else:
        assert len(vs) == 1


@pytest.mark.parametrize("text, surface, place", [
    ("Clashes in Blue Hills (Tall Zarqun) on Monday.", "Blue Hills (Tall Zarqun)", "Tall Zarqun"),
    ("Clashes in Tall Zarqun (Blue Hills) on Monday.", "Tall Zarqun (Blue Hills)", "Tall Zarqun"),
    ("Clashes in Qarmo/Tall Zarqun village on Monday.", "Qarmo/Tall Zarqun village", "Tall Zarqun"),
    ("Clashes in Eastern Ghadirah on Monday.", "Eastern Ghadirah", "Ghadirat al-Sharqiyah"),
    # a lower-case assimilated article inside a look-alike ("as" for "al-")
    ("Clashes in Khan as Subal village on Monday.", "Khan as Subal village", "Khan al-Sibal"),
])
def test_matcher_widens_over_the_other_spelling(gaz, text, surface, place):
    hits = gaz.matcher().find(text)
    assert [h.surface for h in hits] == [surface]
    assert hits[0].candidates[0].place.name == place


def test_matcher_keeps_an_acronym_apart(gaz):
    hits = gaz.matcher().find("Troops entered Tall Zarqun (SANA) on Monday.")
    assert [h.surface for h in hits] == ["Tall Zarqun"]


@pytest.mark.parametrize("text, bound", [
    ("Clashes in Tall Zarqun in Daraa province.", "06"),
    ("Clashes in Tall Zarqun, Daraa province.", "06"),
    ("Clashes in Tall Zarqun in the Daraa countryside.", "06"),
    ("Clashes in Tall Zarqun and later in Daraa province.", None),
])
def test_governorate_phrase_attached_to_a_name(gaz, text, bound):
    hits = gaz.matcher().find(text)
    assert hits[0].surface == "Tall Zarqun" and hits[0].bound_region == bound


# -- the context: shadowed big cities, names bound to a governorate -------------------------
def _place(pid, name, admin1, pop=None, country="SY", near=()):
    return Place(id=pid, name=name, lat=33.0, lon=36.0, kind="settlement", country=country,
                 source="syria_places", population=pop, admin1=admin1, admin1_near=near)


def _cand(place, key="dumar", q=0.92, method="core+kind"):
    return Candidate(place, 0.0, place.name, method, q, "settlement", key)


def test_big_city_outside_is_shadowed_by_a_namesake_inside():
    city = _cand(_place("a", "Dumar", "08", pop=110_000))
    village = _cand(_place("b", "Dumar", "05"))
    gov = NameHit(40, 54, "Suwayda province", "suwada", (_cand(_place("c", "Suwayda", "05"), "suwada"),),
                  region="05")
    hit = NameHit(10, 23, "Dumar village", "dumar", (city, village))
    ctx = DocumentContext.from_hits([hit, gov], default_countries=("SY",))
    assert ("dumar", "a") in ctx.shadowed
    ranked = sorted((rescore(c, ctx) for c in hit.candidates), key=lambda c: -c.score)
    assert ranked[0].place.id == "b"
    # without a namesake inside, the big city keeps its exemption
    ctx2 = DocumentContext.from_hits([NameHit(10, 23, "Dumar", "dumar", (city,)), gov])
    assert not ctx2.shadowed and rescore(city, ctx2).score == pytest.approx(rescore(city, DocumentContext(
        countries=ctx2.countries, centroid=ctx2.centroid, admin1=("08",))).score, abs=0.2)


def test_name_bound_to_a_governorate_rules_out_places_elsewhere():
    far = _cand(_place("a", "Ghazo", "01"), key="ghazu")
    border = _cand(_place("b", "Ghazo", "09", near=("02",)), key="ghazu")
    hit = NameHit(10, 15, "Ghazo", "ghazu", (far, border), bound_region="02")
    ctx = DocumentContext.from_hits([hit], default_countries=("SY",)).with_regions(["02"])
    assert ("ghazu", "a") in ctx.unbound and ("ghazu", "b") not in ctx.unbound
    assert rescore(far, ctx).score < 0.3 <= rescore(border, ctx).score


@pytest.mark.parametrize("text, surfaces", [
    ("Fighting in Aleppo (Syria) continued.", ["Aleppo", "Syria"]),     # a country locates, no spelling
    ("Fighting in Raqqa (Northern Syria) continued.", ["Raqqa (Northern Syria)"]),
    ("Rebels in Eastern Aleppo said.", ["Aleppo"]),                      # a big city takes no qualifier
    ("DAMASCUS (Reuters) - troops advanced.", ["DAMASCUS"]),
])
def test_alternatives_guards_on_news_text(text, surfaces):
    hits = Gazetteer.default().matcher().find(text)
    assert [h.surface for h in hits] == surfaces
