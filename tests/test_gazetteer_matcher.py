"""TextMatcher: spans in the seed articles, offsets into the original text, longest match."""
from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import DocumentContext, Gazetteer, TextMatcher

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def matcher() -> TextMatcher:
    return Gazetteer.default().matcher()


# (seed article, surface that must be one hit, expected place name, kind hint)
EXPECTED_HITS = [
    ("000", "al-Qadri Farms", "Al-Qadri Farms", "settlement"),
    ("000", "al-Hayal Heights", "Jabal Hayyal", "hill"),
    ("000", "a-Sukhna", "Al-Sukhnah", None),
    ("000", "Palmyra", "Palmyra", None),
    ("001", "Doua District", "Al Dawah", "settlement"),
    ("001", "Tiyas Airbase", "Tiyas T-4 Airbase", "airbase"),
    ("001", "al-Mahr oilfield", "Al Mahr oil/gas fields", "oil or gas field"),
    ("001", "Deir ez-Zor", "Deir ez-Zor", None),
    ("001", "Homs", "Homs", None),
    ("002", "Al-Tar hilltop", "Jabal Al-Tar", "hill"),
    ("004", "Palmyra triangle", "Palmyra Triangle crossroad", None),
    ("004", "Tadmur", "Palmyra", None),
    ("004", "Aleppo", "Aleppo", None),
]


@pytest.mark.parametrize("article,surface,place,hint", EXPECTED_HITS,
                         ids=[f"{a}:{s}" for a, s, _, _ in EXPECTED_HITS])
def test_expected_hits_in_seeds(matcher, article, surface, place, hint):
    text = seed_text(article)
    hits = matcher.find(text)
    mine = [h for h in hits if h.surface == surface]
    assert mine, f"{surface!r} not found; hits: {[h.surface for h in hits]}"
    gaz = Gazetteer.default()
    ctx = DocumentContext.from_hits(hits)
    for h in mine:
        assert text[h.start:h.end] == h.surface
        assert h.kind_hint == hint
        best = gaz.resolve_hits([h], ctx)[0]
        assert best is not None and best.place.name == place


@pytest.mark.parametrize("article", ["000", "001", "002", "003", "004"])
def test_offsets_point_into_the_original_text(matcher, article):
    text = seed_text(article)
    hits = matcher.find(text)
    assert hits
    for h in hits:
        assert text[h.start:h.end] == h.surface
    # sorted, non-overlapping
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))


@pytest.mark.parametrize("text,surfaces", [
    ("The Palmyra triangle fell.", ["Palmyra triangle"]),                 # longest match
    ("They took Palmyra Airport and Palmyra.", ["Palmyra Airport", "Palmyra"]),
    ("near Deir ez-Zor and Dayr az Zawr and Deir al-Zour", ["Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour"]),
    ("the al-Qadri Farms–the closest", ["al-Qadri Farms"]),
    ("Palmyra’s outskirts", ["Palmyra"]),
    ("forces reached Jabal al-Tar.", ["Jabal al-Tar"]),
    ("at T4 and T-4 airbase", ["T4", "T-4 airbase"]),
])
def test_longest_match_and_boundaries(matcher, text, surfaces):
    hits = matcher.find(text)
    assert [h.surface for h in hits] == surfaces
    for h in hits:
        assert text[h.start:h.end] == h.surface


@pytest.mark.parametrize("text", [
    "Many people left in May and March; Sunday was calm.",
    "He said they are the best homes. But the army moved.",
    "Ahrar al-Sham and Jaish al-Islam fighters, SANA reported.",
    "Palmyrasomething is not a word boundary match",
    "the human rights observatory",      # lower-case: no capital, no hit
])
def test_no_false_positives(matcher, text):
    assert [h.surface for h in matcher.find(text)] == []


def test_spring_lower_case_elsewhere_means_common_word(matcher):
    assert [h.surface for h in matcher.find("Spring came early; in spring the army moved.")] == []


def test_hits_carry_candidates_and_context(matcher):
    text = seed_text("000")
    hits = matcher.find(text)
    ctx = DocumentContext.from_hits(hits)
    assert ctx.countries[0] == "SY"
    assert ctx.centroid is not None
    palmyra = [h for h in hits if h.surface == "Palmyra"][0]
    assert palmyra.candidates and palmyra.best.place.country == "SY"


def test_matcher_is_cached():
    gaz = Gazetteer.default()
    assert gaz.matcher() is gaz.matcher()


def test_from_keys_matcher_without_gazetteer():
    m = TextMatcher.from_keys(["Jabal Al-Tar", "Homs"], stopwords=frozenset())
    hits = m.find("From Homs to Jabal al-Tar.")
    assert [(h.surface, h.candidates) for h in hits] == [("Homs", ()), ("Jabal al-Tar", ())]
