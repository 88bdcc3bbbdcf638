"""Why a name is not a place, or not the gazetteer place it looks like.

Organisations / persons / metonyms (:func:`_not_a_place`), city quarters far
from the article's cities (:func:`_quarter_ok`), look-alike candidates of names
with a feature word (:func:`lookalike`), trimming trailing calendar words and
actor names. Re-exported by :mod:`mapper.extract.mentions`.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from gazetteer.disambiguate import haversine_km
from gazetteer.model import Place
from gazetteer.normalize import (
    KIND_CLASS_BLOCKS,
    kind_agrees,
    leading_hint,
    name_key,
    strip_feature_words,
    strip_suffix_word,
)
from mapper.extract.mentions.patterns import _STOP_NAMES

_ORG_AFTER_RE = re.compile(r"\s+(?:News|Media|Agency|TV|Television|Network|Observatory|Press|Times|Post|Today|"
                           r"Radio|Coordination|Council|Brigades?|Front|Eye|Daily|Monitor|Institute|"
                           # armed groups named after a place: "X Operations Room", "X Military Council"
                           r"Operations?\s+(?:Room|Cent(?:er|re)|Command)|Military\s+Council|Revolutionaries|"
                           r"Legion|Corps|Battalion|Shield\s+Forces)\b"
                           r"|\s+(?:al|el|bin|ibn|abu|Abu)[\-\s‐][A-Z]|\s+[A-Z][a-z]+\s+(?:said|told)\b")
_PERSON_BEFORE_RE = re.compile(r"(?:activist|spokesman|spokesperson|journalist|director|commander|analyst|leader|"
                               r"General|Gen\.|minister|President|Mr\.|Ms\.|Dr\.|Sheikh|named|resident)\s+"
                               r"(?:[A-Z][\w\-]+\s+){0,2}$")


#: "London-based", "Ankara says", "Moscow and Beijing have vetoed": a capital
#: standing for its government or an organisation's seat, not where things happen.
_METONYM_AFTER_RE = re.compile(
    r"[\-\u2010\u2011](?:based|backed|led|sponsored|brokered|run)\b"
    r"|(?:\s*(?:,|and)\s+[A-Z][\w\-]+){0,3}\s+(?:has\s+|have\s+|had\s+|also\s+|has\s+also\s+)?"
    r"(?:says|said|claims|claimed|announced|denied|denies|vetoed|veto|accused|accuses|warned|warns|"
    r"insists|insisted|urged|urges|demanded|demands|rejected|rejects|blamed|blames|condemned|condemns)\b")
#: A capitalised word glued before an article-led hit: "Samir al-Asmar", "Nabil
#: al-Arabi", "Bustan al-Basha", "Aqareb es Safi" - the hit is the tail of a longer
#: name (a person's or an unknown place's), not the place of that name.
_LONGER_NAME_BEFORE_RE = re.compile(r"(?<![\w\-])([A-Z][a-z][\w’'\-]{0,40})[ \u00a0]"
                                    r"(?P<art>(?:al|el|es|as|ash|ad|ar|at|az|ed|ez)[ \u00a0])?$")
_ARTICLE_START_RE = re.compile(r"(?:al|el|as|ash|ad|ar|at|az|an|es|ez|ed)[\-\u2010 ]", re.IGNORECASE)
_NAME_PARTICLE_BEFORE_RE = re.compile(r"\b(?:Abu|Abo|Abou|Umm|Um|bin|ibn|Bin|Ibn|Bint)[ \u00a0]$")
#: "al-Hamadaniyeh neighbourhood", "Seif al-Dawla and Zubdiya neighbourhoods": a city quarter
_QUARTER_AFTER_RE = re.compile(
    r"(?:(?:\s*,\s*|\s+and\s+)(?:(?:al|el|as|ash|ad|ar|at|az)[\-\u2010])?[A-Z][\w’'\-]*"
    r"(?:[ \-](?:(?:al|el|as|ash|ad|ar|at|az)[\-\u2010])?[A-Z][\w’'\-]*){0,2}){0,4}"
    r"\s+(?:neighbou?rhoods?|quarters?)\b")
_QUARTER_IN_RE = re.compile(r"[\s\-](?:neighbou?rhoods?|quarters?)$", re.IGNORECASE)
#: A city quarter must lie within this distance (km) of a city (population >=
#: QUARTER_CITY_MIN_POPULATION) the article names, unless it is a curated quarter.
QUARTER_CITY_KM = 15.0
QUARTER_CITY_MIN_POPULATION = 100_000


def _not_a_place(text: str, start: int, end: int) -> Optional[str]:
    """Why a name hit is an organisation or a person, not a place (or None).

    >>> _not_a_place("the London-based Observatory", 4, 10)
    'an organisation seat or a government (metonymy)'
    """
    if _ORG_AFTER_RE.match(text, end):
        return "part of an organisation or person name"
    if _PERSON_BEFORE_RE.search(text, max(0, start - 60), start):
        return "a person's name"
    if _METONYM_AFTER_RE.match(text, end):
        return "an organisation seat or a government (metonymy)"
    if _NAME_PARTICLE_BEFORE_RE.search(text, max(0, start - 6), start):
        return "a person's name (Abu / bin ...)"
    m = _LONGER_NAME_BEFORE_RE.search(text, max(0, start - 46), start)
    if m and (m.group("art") or _ARTICLE_START_RE.match(text, start)) and \
            m.group(1) not in _STOP_NAMES and m.group(1) not in _LONGER_NAME_OK:
        return "the tail of a longer name"
    return None


#: Capitalised words that may stand before "al-X" without making it a longer name
#: ("Eastern al-Bab" no; "Syrian al-Raqqa" rarely; places are matched whole anyway).
_LONGER_NAME_OK = frozenset("""Syrian Syrias Kurdish Turkish Iraqi Lebanese Russian Rebel Rebels Regime Army Daesh ISIS
ISIL IS Nusra Islamic Also Meanwhile Then Today Yesterday Earlier Later Near Outside Inside Around Across North
South East West Northern Southern Eastern Western Central Into Onto Toward Towards Between Across Via Like Including
Besieged Opposition Government Coalition Jihadists Militants Terrorists Also""".split())


_DISTRICT_IN_RE = re.compile(r"[\s\-]districts?$", re.IGNORECASE)
_CITY_AFTER_RE = re.compile(r"\s*,?\s+(?i:of|in)\s+(?:the\s+city\s+of\s+)?([A-Z][\w'’\-]+)\b"
                            r"(?!\s+(?i:province|governorate|countryside)\b)")
_GOVERNORATE_PHRASE_RE = re.compile(r"[A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*)?\s+(?:province|governorate|countryside)\b",
                                    re.IGNORECASE)


def _sentence_key(text: str, start: int, end: int) -> str:
    """The name key of what names a city for the quarter ``text[start:end]``: its
    sentence up to the quarter, and "of / in <City>" right after it ("In Aleppo, ...
    the X district", "the X district of Aleppo"); governorate phrases left out
    ("in Aleppo province" names no city; "X district, Y district in Suwayda" is a
    list of administrative districts)."""
    lo = max(text.rfind(".", 0, max(0, start - 1)), text.rfind("\n", 0, max(0, start - 1))) + 1
    part = text[lo:start]
    m = _CITY_AFTER_RE.match(text, end)
    if m:
        part += " " + m.group(1)
    return name_key(_GOVERNORATE_PHRASE_RE.sub(" ", part))


def _quarter_ok(text: str, surface: str, end: int, place: Optional[Place], context: Any) -> bool:
    """False when the hit names a city quarter but ``place`` is a place of the same
    name (a village, a foreign city) far from every city the article names (al-Hamadaniyeh of Aleppo is not the
    Hamadaniyah of Hasakah). "X district" is a quarter only when a city (>= QUARTER_CITY_MIN_POPULATION)
    is named in the same sentence ("Manbij district" alone may be the administrative district)."""
    if place is None:
        return True
    district = False
    if not (_QUARTER_IN_RE.search(surface) or _QUARTER_AFTER_RE.match(text, end)):
        # "In Aleppo, rebels captured the X district": a quarter when a city is named
        # in the same sentence (alone, "district" is also an administrative district)
        if not _DISTRICT_IN_RE.search(surface):
            return True
        district = True
    if place.kind == "district":
        return True
    cities = [p for p in getattr(context, "places", ()) or ()
              if (p.population or 0) >= QUARTER_CITY_MIN_POPULATION and p.id != place.id]
    if district:
        sentence = _sentence_key(text, max(0, end - len(surface)), end)
        cities = [p for p in cities if name_key(p.name) and name_key(p.name) in sentence]
        if not cities:
            return True
    return any(haversine_km(p.latlon, place.latlon) <= QUARTER_CITY_KM for p in cities)


#: a spelling-similarity ("fuzzy") candidate of a name with a feature word is taken only
#: from this score up: "Hazawna district" is not the village Khazanah, "the Hassin farms"
#: not Hassoun (score 0..1, gazetteer.store scores)
LOOKALIKE_MIN_SCORE = 0.75
#: ... but a name the text calls a village, town or city is a settlement, and the pack's
#: settlement spelled alike is taken from this spelling closeness up (0..1,
#: gazetteer Candidate.fuzzy_score: the spelling alone, not the context): "Samlin village"
#: is the village Simlin
SETTLEMENT_MIN_CLOSENESS = 0.80
#: ... and a name with a strong feature word (airbase, checkpoint, hill, oil field: not
#: village, farms, district, area) takes a look-alike whose own kind agrees with it from
#: this spelling closeness up: "Qwaris Military Air Base" is the airbase Kuweires
KIND_AGREES_MIN_CLOSENESS = 0.85
#: kind hints of feature words too weak to vouch for a look-alike (gazetteer.normalize)
_WEAK_KIND_HINTS = frozenset({"settlement", "region", "industrial site"})
#: the feature words that call a name a settlement
_SETTLEMENT_WORD_RE = re.compile(r"\b(?:village|town|city|hamlet)s?\s*$", re.IGNORECASE)


def lookalike(name: str, cand: Any) -> Optional[str]:
    """Why gazetteer candidate ``cand`` for ``name`` (a name with a feature word) is a
    look-alike, not the place (None when it may be the place): a weak fuzzy spelling
    match, or a candidate whose own name carries a feature word of another class
    ("Akhdar farms" is not "Tall Akhdar", a hill). A name the text calls a village,
    town or city may be a settlement whose own name carries a feature word ("Tall X
    village" is the village "Tell X"), and its spelling is judged by closeness alone.

    >>> from types import SimpleNamespace as N
    >>> lookalike("Akhdar farms", N(method="core+kind", score=0.78, matched_name="Tall Akhdar",
    ...                             place=N(name="Tall Akhdar", kind="hill")))
    "feature word 'settlement' vs 'hill' of 'Tall Akhdar'"
    >>> lookalike("Tall Qarah village", N(method="core+kind", score=0.8, matched_name="Tell Qarah",
    ...                                   place=N(name="Tell Qarah", kind="settlement"))) is None
    True
    >>> lookalike("Samlin village", N(method="fuzzy", score=0.62, fuzzy_score=0.88, matched_name="Simlin",
    ...                               place=N(name="Simlin", kind="settlement"))) is None
    True
    """

    if cand is None:
        return None
    mine = strip_feature_words(name)[1]
    if mine is None:
        return None
    settlement = (_SETTLEMENT_WORD_RE.search(name) is not None
                  and (cand.place.kind or "settlement") in _PLAIN_SETTLEMENT_KINDS)
    if getattr(cand, "method", "") == "fuzzy":
        if settlement:
            closeness = float(getattr(cand, "fuzzy_score", None) or 0.0)
            if closeness < SETTLEMENT_MIN_CLOSENESS:
                return f"fuzzy spelling closeness {closeness:.2f} < {SETTLEMENT_MIN_CLOSENESS}"
        elif (kind_agrees(mine, cand.place.kind or "") and mine not in _WEAK_KIND_HINTS) or \
                _same_leading_word(name, getattr(cand, "matched_name", None) or cand.place.name):
            # "Qwaris Military Air Base" / the airbase "Kuweires": a strong feature word
            # (airbase, checkpoint, hill, oil field ...) that the place's own kind agrees
            # with, and a close spelling, name the place, whatever the context scores
            closeness = _core_closeness(name, getattr(cand, "matched_name", None) or cand.place.name,
                                        float(getattr(cand, "fuzzy_score", None) or 0.0))
            if closeness < KIND_AGREES_MIN_CLOSENESS:
                return f"fuzzy spelling closeness {closeness:.2f} < {KIND_AGREES_MIN_CLOSENESS}"
        elif float(getattr(cand, "score", 0.0)) < LOOKALIKE_MIN_SCORE:
            return f"fuzzy spelling match {cand.score:.2f} < {LOOKALIKE_MIN_SCORE}"
    other = getattr(cand, "matched_name", None) or cand.place.name
    theirs = strip_feature_words(other)[1]
    if mine and theirs and mine != theirs and not settlement and \
            not (kind_agrees(mine, theirs) and mine not in KIND_CLASS_BLOCKS) and \
            strip_feature_words(strip_suffix_word(name))[1] != theirs:
        # ("Tall Dahmer village" names the hill "Tal Dahmer" by its own "Tall"; "Tanak oil
        # field" the "Tanak processing plant": an industrial site agrees with an oil field)
        # (a settlement named "Tell X" is the village the text calls "Tall X village")
        return f"feature word {mine!r} vs {theirs!r} of {other!r}"
    core = strip_feature_words(name)[0]
    if mine not in ("settlement", "region") and name.startswith(core) and \
            (cand.place.kind or "settlement") in _PLAIN_SETTLEMENT_KINDS and \
            getattr(cand, "method", "") not in ("name", "alias", "exact"):
        # "al-Gharra Mountain" (a hill: the feature word follows the name) is not the village Gharrah
        return f"a {mine} is not the {cand.place.kind or 'settlement'} {cand.place.name!r}"
    return None


_PLAIN_SETTLEMENT_KINDS = frozenset({"settlement", "village", "town", "city", "hamlet"})


def _same_leading_word(name: str, other: str) -> bool:
    """Are both names led by a feature word of one kind ("Tall Bajir" / "Tel-Bajer")?"""
    lead = leading_hint(name)
    return lead is not None and lead == leading_hint(other)


def _core_closeness(name: str, other: str, closeness: float) -> float:
    """The spelling closeness (0..1) that vouches for a look-alike: for a name led by
    its feature word ("Jabal al Hass", "Tall Bajir") that of the cores after it (the
    shared "Jabal" says nothing: "Jabal al Hass" is not "Jabal Al-Eis"), else the
    gazetteer's closeness of the whole names.

    >>> round(_core_closeness("Jabal al Hass", "Jabal Al-Eis", 0.93), 2)
    0.8
    """
    from gazetteer.lookalikes import closeness as key_closeness
    from gazetteer.normalize import glued_article_variants, name_key
    from gazetteer.ranking import alternatives
    theirs = name_key(strip_feature_words(other)[0])
    best = 0.0
    for part in alternatives(name):          # "Tall Alkarama/Tall Aqibrin": each spelling
        core = strip_feature_words(part)[0]
        if part.strip().startswith(core):
            best = max(best, closeness)
            continue
        # ("Tall Alkarama": the core read with its glued article split too)
        for c in (core, *(strip_feature_words(v)[0] for v in glued_article_variants(part))):
            if theirs and name_key(c):
                best = max(best, key_closeness(name_key(c), theirs))
    return best


def _trim_name(name: str) -> str:
    """``name`` up to its first calendar / function word ("Qarfa Sunday" -> "Qarfa")."""
    words = name.split(" ")
    for k, w in enumerate(words[1:], 1):
        if w in _STOP_NAMES:
            return " ".join(words[:k])
    return name


def _is_actor(name: str) -> bool:
    """True when ``name`` is an armed group, a state or a side (mapper.extract.sides table)."""
    from mapper.extract.sides import SideTable

    return bool(SideTable.default().find(name))
