"""All place mentions of one article (gazetteer names, spatial phrases,
unknown toponyms, datelines and bylines).

Sources, each a single compiled pass over ``article.body`` (never past
``body_end``: web debris yields no places):

1. the gazetteer's :class:`~gazetteer.matcher.TextMatcher` (one automaton /
   regex over every known name), disambiguated with a
   :class:`~gazetteer.disambiguate.DocumentContext` built from the article's
   own hits (country focus, centroid for proximity; Syria as a weak default);
2. :func:`gazetteer.spatial.find_expressions` ("4km west of Palmyra");
3. :data:`TOPONYM_RE`: capitalised names with a geographic head noun ("Hayy
   al-Gharf neighbourhood", "Ertiwaziyah District") or prefix ("Jabal X"),
   so an unknown place becomes ``Mention(kind="unknown_toponym", reason=...)``
   instead of being lost;
   Names with a feature word are checked against look-alikes (:func:`lookalike`):
   a weak fuzzy spelling match or a candidate with another feature class is
   rejected ("Hazawna district" is not the village Khazanah) and the name stays
   unknown, to be placed in its town or reported;
   :data:`PLACE_OF_RE` ("the villages of A, B and C") and :data:`VERB_SLOT_RE`
   ("captured Duwaybiq") add unknown names in settlement / object slots;
   :data:`GENERIC_FACILITY_RE` ("the hospital", "the central market") adds
   unnamed facilities of the town the text is about (reason :data:`FACILITY_REASON`);
4. :data:`DATELINE_RE` / :data:`BYLINE_RE`: "AMMAN:", "QAMISHLI –", "Homs –"
   at a paragraph start, "BEIRUT (Reuters) -", "(Reporting by ... in Beirut;
   Editing by ...)". Names inside them become dateline / byline mentions that
   never place events.

A name followed by "province", "governorate", "countryside"... (or preceded
by "rural") is a region: its ``reason`` says so and it never places a
capture.

>>> DATELINE_RE.match("AMMAN: Syrian forces are").group("name")
'AMMAN'
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from typing import Any, Optional

from gazetteer.model import Place
from mapper.model import (MENTION_BYLINE, MENTION_DATELINE, MENTION_OFFSET, MENTION_TOPONYM,
                          MENTION_UNKNOWN, Article, Mention)

__all__ = ["DATELINE_RE", "BYLINE_RE", "TOPONYM_RE", "REGION_AFTER_RE", "MentionScan",
           "scan_mentions", "article_mentions", "matcher_hits", "dateline_spans", "lookalike", "LOOKALIKE_MIN_SCORE",
           "FACILITY_REASON", "GENERIC_FACILITY_RE", "PLACE_OF_RE", "VERB_SLOT_RE",
           "NON_SETTLEMENT_KINDS", "is_region_place"]

_NBSP = "\u00a0"
_DASH = r"[–—\-]"
#: A dateline at a paragraph start: ALL-CAPS names followed by ":" or a dash,
#: optional "(Reuters)"; or a Title-case name followed by a spaced dash.
DATELINE_RE = re.compile(
    r"(?m)^[ \t\u00a0\"“]*(?P<name>(?:[A-Z][A-Z'’.\-]+(?:[ \u00a0]+[A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,[ \u00a0]+[A-Z][A-Za-z]+)?|[A-Z][a-z'’.\-]+(?:[ \u00a0]+[A-Z][a-z'’.\-]+){0,2}(?=[ \u00a0]*"
    r"(?:\([^)]{1,30}\)[ \u00a0]*)?[–—]|[ \u00a0]+\([A-Z][A-Za-z ]{1,20}\)[ \u00a0]*[:–—\-]))"
    r"[ \u00a0]*(?:\([^)\n]{1,30}\)[ \u00a0]*)?(?::|[ \u00a0]*[–—]|[ \u00a0]+-)[ \u00a0]")
#: A dateline in running text: "... 2016 BEIRUT (Reuters) - ..."
DATELINE_INLINE_RE = re.compile(
    r"\b(?P<name>[A-Z]{3,}(?:[ \u00a0]+[A-Z]{3,}){0,2})(?:,[ \u00a0]+[A-Z][a-z]+)?[ \u00a0]*"
    r"\((?:Reuters|AFP|AP|Anadolu|dpa|Xinhua|SANA|IANS|UPI|CNN|ANI)\)[ \u00a0]*[:–—\-]")
#: Bylines / credit lines: "(Reporting by Tom Perry in Beirut; Editing by ...)"
BYLINE_RE = re.compile(
    r"\(?\b(?:Additional\s+reporting|Reporting|Writing|Editing|Compiled|Written|Reported|Produced)"
    r"\s+by\b\s*:?\s*[^\n)]{0,300}\)?")
_GEO_HEADS = (r"Farms?|Hills?|Heights|Airbase|Air\s+Base|Airport|Airfield|air\s+base|airbase|oil\s?field|"
              r"gas\s?field|oil\s+fields|District|district|Sub-?district|sub-?districts?|[Nn]eighbou?rhoods?|"
              r"[Vv]illage|[Cc]rossroads?|Governorate|governorate|Province|province|Mountains?|Mount|Dam|dam|"
              r"Bridge|Base|Camp|camp|Checkpoint|checkpoint|[Hh]illtop|[Tt]riangle|Square|Highway|highway|"
              r"Valley|Plain|Desert|[Cc]ountryside|Quarter|quarter|Suburb|suburb|Junction|Station|Prison|"
              r"Hospital|Citadel|Castle|Gate|Road|Lake|River|Oasis|Pocket|pocket|Barracks|Academy|"
              r"Brigade|Battalion|Regiment|Division|Factory|Plant|Complex|Field|Range|Ridge|Mountain|Heights|"
              # places inside a town ("the Bujiya roundabout", "the al-Thor school", "the Manbij Silos")
              r"Silos|[Ss]chool|[Mm]osque|[Mm]arket|[Rr]oundabout|[Bb]akery|[Cc]emetery|University|"
              r"College|Stadium|[Hh]ospital|[Pp]rison|"
              # lowercase feature heads after a capitalised name ("the Jabisah oil field", "the Hassin
              # farms", "the al-Rai grain silos", "the Shaalah radar base", "Asfar Tepe")
              r"[Ff]arms?|[Hh]ills?|[Hh]illtops?|[Mm]ountains?|Tepe|"
              # (a government department is no place: "the US State Department said")
              r"(?<!State\s)(?<!Defense\s)(?<!Defence\s)(?<!Justice\s)(?<!Treasury\s)[Dd]epartment|[Oo]il\s+[Ff]ields?|"
              r"[Gg]as\s+[Ff]ields?|[Gg]rain\s+[Ss]ilos?|[Rr]adar\s+[Bb]ase|[Mm]ilitary\s+[Bb]ase|[Aa]rmy\s+[Bb]ase|"
              r"[Bb]order\s+[Cc]rossing|[Cc]rossing(?!\s+(?:the|a|an|into|over|from|through|back|towards?)\b)|[Pp]ower\s+(?:[Pp]lant|[Ss]tation)|[Ff]actory|"
              r"[Ww]ater\s+(?:[Tt]reatment\s+)?(?:[Pp]lant|[Ss]tation)|[Rr]esidential\s+(?:[Pp]roject|[Aa]rea|[Cc]omplex)|"
              r"[Hh]ousing\s+(?:[Pp]roject|[Aa]rea)|[Ii]ndustrial\s+(?:[Zz]one|[Aa]rea|[Cc]ity)")
#: capital letters of names, Latin-1 and Latin Extended-A included ("İhyati", "Şehit", "Öncüpınar")
_UP = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x180)) if c.isupper())
# (a name word is at most 40 characters: a try that starts inside a run like
# "Al'Al'Al'..." - apostrophes do not block the start - then costs O(1), not O(run))
_NAME_WORD = (r"(?:(?:al|el|a|as|ash|ad|ar|at|az|an|ed|es|ez|Al|El|Ad|As|Ash|Ar|At|Az)[\-‐][" + _UP +
              r"][\w’'\-]{0,40}|[" + _UP + r"][\w’'\-]{0,40})")
#: Capitalised toponym with a geographic head noun, or with a geographic prefix.
TOPONYM_RE = re.compile(
    r"(?<![\w\-])(?P<name>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3}?\s+(?P<head>" + _GEO_HEADS + r")"
    r"|(?:Hayy|Jabal|Jebel|Tal|Tell|Wadi|Mount|Khirbet|Khirbat|Kherbet|Kherbat|Qasr|Tall|Sabkhat|Talat|Tallat)"
    r"[ \-](?:al[\-‐]|el[\-‐]|as[\-‐]|ash[\-‐]|ad[\-‐])?[" + _UP + r"][\w’'\-]{0,40})(?![\w\-])")
#: Words after a name that make it a region, not a point.
REGION_AFTER_RE = re.compile(
    r"(?:['’]s?)?(?:\s+(?:north|south|east|west|central|northern|southern|eastern|western)[a-z]*)?\s+(?:province|Province|governorate|Governorate|countryside|desert|Desert|region|"
    r"area\s+of\s+operations|provincial|countrysides)\b")
_REGION_BEFORE_RE = re.compile(r"(?:\b(?:rural|province\s+of|governorate\s+of|countryside\s+of|"
                               r"eastern|western|northern|southern|central|northeastern|northwestern|"
                               r"southeastern|southwestern|north|south|east|west)\s+)$", re.IGNORECASE)
_STRONG_REGION_BEFORE_RE = re.compile(r"\b(?:rural|province\s+of|governorate\s+of|countryside\s+of)\s+$",
                                      re.IGNORECASE)
_STOP_NAMES = frozenset("""The A An In On At By For With From To Of And But Or As After Before While When
Where Which Who What This That These Those It Its Their There Here He She They We I Our His Her
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Syrian Syria Russian Islamic State Government Army
Reuters Observatory UN UNESCO Photo Source Related Share Reporting Editing Writing Kurdish Turkish Iraqi
Iranian American Lebanese Arab Rebel Rebels Regime Opposition Coalition Both Several Many Other Two Three
Some Most All Each Every Another Nearby Local Central Main""".split())

#: Facilities named after a place are not that place ("the Manbij Silos", "al-Mamoun University"):
#: they become unknown toponyms that locate.py places inside the town they stand in.
_FACILITY_HEAD_RE = re.compile(r"Silos|[Ss]chool|[Mm]osque|[Mm]arket|[Rr]oundabout|[Bb]akery|[Cc]emetery|"
                               r"University|College|Stadium|[Hh]ospital|[Pp]rison|grain\s+silos?|radar\s+base|"
                               r"border\s+crossing|crossing|department|power\s+(?:plant|station)|"
                               r"water\s+(?:treatment\s+)?(?:plant|station)|residential\s+(?:project|area|complex)|"
                               r"housing\s+(?:project|area)|industrial\s+(?:zone|area|city)", re.IGNORECASE)

#: The reason (prefix) of the mention of an unnamed facility of the town a text is about
#: ("captured the hospital", "the central market", "the city's cemetery"): locate.py places it
#: in that town, or on the named facility it refers back to ("the grain silos").
FACILITY_REASON = "facility"
#: "the (city's) (nearby) central market", "the hospital hill", "the grain silos": an unnamed
#: facility of a town (never with a capitalised name before the head: those are TOPONYM_RE's)
GENERIC_FACILITY_RE = re.compile(
    r"\bthe\s+(?:(?:city|town)['’]s\s+)?(?:(?:nearby|local)\s+)?"
    r"(?P<name>(?:(?:central|main|old|new|national|municipal|provincial|grain|power|water|cement|sugar|"
    r"military|general|big|great|vegetable|livestock)\s+){0,2}"
    r"(?P<head>hospital|market|bazaar|souk|cemetery|silos|power\s+(?:plant|station)|"
    r"water\s+(?:treatment\s+)?(?:plant|station)|(?:train|railway|bus)\s+station|stadium|university|"
    r"prison|bakery|roundabout|citadel|castle|industrial\s+(?:zone|area|city)|factory|sports\s+city)"
    r"(?:\s+(?:hill|area|district|complex|compound|neighbou?rhood))?)(?![\w\-‐])")

_ONE_NAME = _NAME_WORD + r"(?:[ \u00a0]" + _NAME_WORD + r"){0,2}"
#: "the village of X", "the town of X", "the villages of X, Y and Z": capitalised names in a
#: settlement slot become mentions even when the gazetteer does not hold them
PLACE_OF_RE = re.compile(
    r"\b(?:villages?|towns?|hamlets?|city|settlements?)\s+of\s+(?P<names>" + _ONE_NAME +
    r"(?:\s*,\s*" + _ONE_NAME + r"){0,8}(?:\s*,?\s+and\s+" + _ONE_NAME + r")?)(?![\w\-])")
#: a capitalised name right after a verb of territorial change ("the rebels captured Duwaybiq",
#: "storming Dadat"): a place slot; an unknown name there is reported, not lost
VERB_SLOT_RE = re.compile(
    r"\b(?:captured|recaptured|seized|took|retook|capturing|recapturing|seizing|retaking|entered|entering|"
    r"stormed|storming|liberated|liberating|overran|overrunning|besieged|besieging)\s+(?:control\s+of\s+)?"
    r"(?P<name>" + _ONE_NAME + r")(?![\w\-‐])(?!\s+(?:fighters|forces|militants|troops|rebels|positions|"
    r"members|units|commanders?|soldiers|group|[A-Z][\w\-]*\s+(?:said|told)))")
_LIST_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")

#: Place kinds that are not settlements (never "the place a paragraph is about").
NON_SETTLEMENT_KINDS = frozenset({
    "hill", "airbase", "military base", "oil or gas field", "industrial site", "dam",
    "border crossing", "heliport", "naval base", "crossroads", "country", "region",
    "admin1", "admin2", "governorate", "province", "district", "mountain",
})
_REGION_KINDS = frozenset({"country", "region", "admin1", "admin2", "governorate", "province"})


def is_region_place(place: Optional[Place]) -> bool:
    """True for countries / provinces (areas that never place a capture)."""
    return place is not None and (place.kind or "") in _REGION_KINDS


@dataclass
class MentionScan:
    """What :func:`scan_mentions` found, with the raw pieces extract needs.

    ``mentions`` (sorted by start) are the public result; ``expressions`` the
    spatial phrases (gazetteer.spatial.FoundExpression) inside the body;
    ``blocked`` the dateline / byline spans; ``region`` the ids (start) of
    toponym mentions used as regions; ``context`` the DocumentContext.
    """

    mentions: list[Mention]
    expressions: list[Any]
    blocked: list[tuple[int, int, str]]
    regions: set[int]
    context: Any = None


def dateline_spans(text: str, end: Optional[int] = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of datelines and bylines in ``text[:end]``.

    >>> t = "Homs – IS took it.\\n(Reporting by Tom Perry in Beirut; Editing by X)"
    >>> [(t[s:e], k) for s, e, k in dateline_spans(t)]
    [('Homs – ', 'dateline'), ('(Reporting by Tom Perry in Beirut; Editing by X)', 'byline')]
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int, str]] = []
    for m in DATELINE_RE.finditer(text, 0, end):
        out.append((m.start("name"), m.end(), MENTION_DATELINE))
    for m in DATELINE_INLINE_RE.finditer(text, 0, end):
        out.append((m.start("name"), m.end(), MENTION_DATELINE))
    for m in BYLINE_RE.finditer(text, 0, end):
        out.append((m.start(), m.end(), MENTION_BYLINE))
    out.sort()
    return out


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


def _quarter_ok(text: str, surface: str, end: int, place: Optional[Place], context: Any) -> bool:
    """False when the hit names a city quarter but ``place`` is a place of the same
    name (a village, a foreign city) far from every city the article names (al-Hamadaniyeh of Aleppo is not the
    Hamadaniyah of Hasakah)."""
    if place is None:
        return True
    if not (_QUARTER_IN_RE.search(surface) or _QUARTER_AFTER_RE.match(text, end)):
        return True
    if place.kind == "district":
        return True
    from gazetteer.disambiguate import haversine_km
    cities = [p for p in getattr(context, "places", ()) or ()
              if (p.population or 0) >= QUARTER_CITY_MIN_POPULATION and p.id != place.id]
    return any(haversine_km(p.latlon, place.latlon) <= QUARTER_CITY_KM for p in cities)


#: a spelling-similarity ("fuzzy") candidate of a name with a feature word is taken only
#: from this score up: "Hazawna district" is not the village Khazanah, "the Hassin farms"
#: not Hassoun (score 0..1, gazetteer.store scores)
LOOKALIKE_MIN_SCORE = 0.75


def lookalike(name: str, cand: Any) -> Optional[str]:
    """Why gazetteer candidate ``cand`` for ``name`` (a name with a feature word) is a
    look-alike, not the place (None when it may be the place): a weak fuzzy spelling
    match, or a candidate whose own name carries a feature word of another class
    ("Akhdar farms" is not "Tall Akhdar", a hill).

    >>> from types import SimpleNamespace as N
    >>> lookalike("Akhdar farms", N(method="core+kind", score=0.78, matched_name="Tall Akhdar",
    ...                             place=N(name="Tall Akhdar")))
    "feature word 'settlement' vs 'hill' of 'Tall Akhdar'"
    """
    from gazetteer.normalize import strip_feature_words

    if cand is None:
        return None
    mine = strip_feature_words(name)[1]
    if mine is None:
        return None
    if getattr(cand, "method", "") == "fuzzy" and float(getattr(cand, "score", 0.0)) < LOOKALIKE_MIN_SCORE:
        return f"fuzzy spelling match {cand.score:.2f} < {LOOKALIKE_MIN_SCORE}"
    other = getattr(cand, "matched_name", None) or cand.place.name
    theirs = strip_feature_words(other)[1]
    if mine and theirs and mine != theirs:
        return f"feature word {mine!r} vs {theirs!r} of {other!r}"
    core = strip_feature_words(name)[0]
    if mine not in ("settlement", "region") and name.startswith(core) and \
            (cand.place.kind or "settlement") in _PLAIN_SETTLEMENT_KINDS and \
            getattr(cand, "method", "") not in ("name", "alias", "exact"):
        # "al-Gharra Mountain" (a hill: the feature word follows the name) is not the village Gharrah
        return f"a {mine} is not the {cand.place.kind or 'settlement'} {cand.place.name!r}"
    return None


_PLAIN_SETTLEMENT_KINDS = frozenset({"settlement", "village", "town", "city", "hamlet"})


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


def _blocked_kind(spans: list[tuple[int, int, str]], start: int, end: int) -> Optional[str]:
    for s, e, k in spans:
        if s <= start and end <= e:
            return k
    return None


def matcher_hits(gaz: Any, text: str) -> list[Any]:
    """NameHits of the gazetteer's compiled matcher over ``text`` (adapter:
    accepts ``.matcher().find(text)``; returns [] when the gazetteer has none)."""
    matcher = getattr(gaz, "matcher", None)
    if matcher is None:
        return []
    return list(matcher().find(text))


def _best(gaz: Any, hit: Any, context: Any) -> Optional[Any]:
    from gazetteer.disambiguate import rescore

    cands = list(getattr(hit, "candidates", ()) or ())
    if not cands:
        return None
    hint = getattr(hit, "kind_hint", None)
    ranked = sorted((rescore(c, context, kind_hint=hint) for c in cands),
                    key=lambda c: (-c.score, c.place.id))
    top = ranked[0]
    if top.method == "core-kind":      # "al-Burj Hill" is not the village al-Burj
        return None
    from gazetteer import store as _store
    floor = getattr(_store, "MIN_RESOLVE_SCORE", 0.3)
    return top if top.score >= floor else None


class _SpanIndex:
    """Non-overlapping mentions indexed by start (internal to scan_mentions)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._by_start = {x.start: x for x in mentions}
        if len(self._by_start) != len(mentions):
            raise ValueError("scan_mentions: two mentions start at the same offset")   # invariant
        self._starts = sorted(self._by_start)

    def inside(self, s: int, e: int) -> list[Mention]:
        """Mentions with s <= start and end <= e, by start."""
        out = []
        for i in range(bisect_left(self._starts, s), len(self._starts)):
            x = self._by_start[self._starts[i]]
            if x.start >= e:
                break
            if x.end <= e:
                out.append(x)
        return out

    def crosses(self, s: int, e: int) -> bool:
        """True when a mention overlaps [s, e) without lying inside it."""
        i = bisect_left(self._starts, s)
        if i > 0 and self._by_start[self._starts[i - 1]].end > s:
            return True
        for j in range(i, len(self._starts)):
            x = self._by_start[self._starts[j]]
            if x.start >= e:
                return False
            if x.end > e:
                return True
        return False

    def remove(self, items: list[Mention]) -> None:
        for x in items:
            del self._by_start[x.start]
            del self._starts[bisect_left(self._starts, x.start)]

    def add(self, x: Mention) -> None:
        self._by_start[x.start] = x
        insort(self._starts, x.start)

    def mentions(self) -> list[Mention]:
        return [self._by_start[s] for s in self._starts]


def scan_mentions(article: Article, gaz: Any) -> MentionScan:
    """Every place-like span of the article body, resolved where possible."""
    from gazetteer.disambiguate import DocumentContext
    from gazetteer.spatial import find_expressions

    text = article.text
    body_end = len(text) if article.body_end is None else min(article.body_end, len(text))
    body = text[:body_end]
    blocked = dateline_spans(text, body_end)
    hits = sorted(matcher_hits(gaz, body), key=lambda h: (h.start, -(h.end - h.start)))
    usable = [h for h in hits if _blocked_kind(blocked, h.start, h.end) is None]
    context = DocumentContext.from_hits(usable, default_countries=("SY",)) if usable else \
        DocumentContext.for_country("SY")
    mentions: list[Mention] = []
    regions: set[int] = set()
    covered: list[tuple[int, int]] = []
    last_end = -1
    for h in hits:
        if h.start < last_end:       # overlapping shorter hit
            continue
        last_end = h.end
        bk = _blocked_kind(blocked, h.start, h.end)
        if bk is None and _not_a_place(text, h.start, h.end):
            continue
        best = _best(gaz, h, context)
        if bk is None and best is not None and not _quarter_ok(text, h.surface, h.end, best.place, context):
            mentions.append(Mention(article.id, h.surface, h.start, h.end, MENTION_UNKNOWN, None, 0.0, None,
                                    reason=f"a city quarter, not the {best.place.kind} {best.place.name!r} "
                                           f"({best.place.id}) far from the cities of this article"))
            covered.append((h.start, h.end))
            continue
        if bk is None and best is not None and lookalike(h.surface, best) is not None:
            mentions.append(Mention(article.id, h.surface, h.start, h.end, MENTION_UNKNOWN, None, 0.0, None,
                                    reason=f"not in the gazetteer; look-alike {best.place.name!r} "
                                           f"({best.place.kind}) rejected: {lookalike(h.surface, best)}"))
            covered.append((h.start, h.end))
            continue
        place = best.place if best is not None else None
        if bk is not None:
            mentions.append(Mention(article.id, h.surface, h.start, h.end, bk, place,
                                    best.score if best else 0.0, None,
                                    reason=f"{bk}: where the report was filed, not where events happened"))
            covered.append((h.start, h.end))
            continue
        reason = ""
        is_region = is_region_place(place) or bool(REGION_AFTER_RE.match(text, h.end)) or \
            getattr(h, "kind_hint", None) == "region" or \
            bool(re.search(r"\s(?:province|governorate|countryside)$", h.surface, re.IGNORECASE)) or \
            bool(_STRONG_REGION_BEFORE_RE.search(text, max(0, h.start - 25), h.start))
        if is_region:
            regions.add(h.start)
            reason = "region: an area, not a point"
        if place is None:
            n = len(getattr(h, "candidates", ()) or ())
            reason = (f"ambiguous, weak or wrong-kind match among {n} candidates" if n else
                      "name matched but no candidate place")
            mentions.append(Mention(article.id, h.surface, h.start, h.end, MENTION_UNKNOWN, None, 0.0,
                                    None, reason=reason))
        else:
            mentions.append(Mention(article.id, h.surface, h.start, h.end, MENTION_TOPONYM, place,
                                    best.score, None, reason=reason))
        covered.append((h.start, h.end))
    # capitalised toponyms with a geographic head noun: resolve the full name, else unknown
    # (the mentions so far never overlap: an index by start finds those inside /
    # crossing a name by bisection instead of a scan per name - no O(names x mentions))
    index = _SpanIndex(mentions)
    for m in TOPONYM_RE.finditer(body):
        s, e = m.span("name")
        name = m.group("name")
        # leading function / calendar words are not part of the name: "In Homs Governorate"
        while True:
            first, _, rest = name.partition(" ")
            if first.strip() in _STOP_NAMES and rest.strip():
                s += len(first) + 1
                while s < e and text[s].isspace():
                    s += 1
                name = text[s:e]
            else:
                break
        head = (m.group("head") or "").lower()
        if head and name.lower() == head:
            continue
        if _blocked_kind(blocked, s, e) is not None or _not_a_place(text, s, e):
            continue
        inside = index.inside(s, e)
        if any(x.start == s and x.end == e for x in inside):
            continue
        if index.crosses(s, e):
            continue   # crosses an existing mention: leave it
        cand = gaz.resolve(name, context=context) if hasattr(gaz, "resolve") else None
        weak = cand is None or cand.method == "core-kind" or cand.score < 0.5 or \
            not _quarter_ok(text, name, e, cand.place, context) or lookalike(name, cand) is not None
        if cand is not None and not weak:
            # the full name wins over the shorter hits inside it ("Palmyra triangle")
            index.remove(inside)
            index.add(Mention(article.id, name, s, e, MENTION_TOPONYM, cand.place, cand.score,
                                    None, reason="region: an area, not a point"
                                    if head in ("governorate", "province", "countryside") else ""))
            if head in ("governorate", "province", "countryside") or is_region_place(cand.place):
                regions.add(s)
            continue
        if head in ("governorate", "province", "countryside", "sub-districts", "subdistricts",
                    "neighbourhoods", "neighborhoods") and any(x.place is not None for x in inside):
            for x in inside:
                regions.add(x.start)
            continue
        if inside and not head:
            continue
        if inside and head and m.start("head") > s and not _FACILITY_HEAD_RE.fullmatch(head) and any(
                x.place is not None and x.start == s
                and not text[x.end:m.start("head")].strip() for x in inside):
            # "Deir ez-Zor pocket": the known place plus a generic head noun is that place
            continue
        index.remove(inside)
        why = "not in the gazetteer"
        if cand is not None:
            why = (f"not in the gazetteer (closest: {cand.place.name!r}, {cand.place.kind}, "
                   f"score {cand.score:.2f}, rejected: kind or score)")
        index.add(Mention(article.id, name, s, e, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"{why}; looks like a place ('{head or first}')"))
    _coordinated_names(article, text, body_end, blocked, index)
    for m in PLACE_OF_RE.finditer(body):
        pos = m.start("names")
        for part in _LIST_SPLIT_RE.split(m.group("names")):
            ps = text.find(part, pos, m.end("names"))
            if ps < 0 or not part:
                continue
            part = _trim_name(part)
            pe = pos = ps + len(part)
            if part.split(" ")[0] in _STOP_NAMES or _blocked_kind(blocked, ps, pe) is not None or \
                    index.crosses(ps, pe) or index.inside(ps, pe) or _not_a_place(text, ps, pe):
                continue
            index.add(Mention(article.id, part, ps, pe, MENTION_UNKNOWN, None, 0.0, None,
                              reason=f"not in the gazetteer; named as a settlement "
                                     f"({text[m.start():m.start('names')].strip()!r})"))
    for m in VERB_SLOT_RE.finditer(body):
        vs, ve = m.span("name")
        name = _trim_name(m.group("name"))
        ve = vs + len(name)
        if name.split(" ")[0] in _STOP_NAMES or _blocked_kind(blocked, vs, ve) is not None or \
                index.crosses(vs, ve) or index.inside(vs, ve) or _not_a_place(text, vs, ve) or _is_actor(name):
            continue
        index.add(Mention(article.id, name, vs, ve, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"not in the gazetteer; the object of {text[m.start():vs].strip()!r}"))
    for m in GENERIC_FACILITY_RE.finditer(body):
        s, e = m.span("name")
        if _blocked_kind(blocked, s, e) is not None or index.crosses(s, e) or index.inside(s, e):
            continue
        index.add(Mention(article.id, m.group("name"), s, e, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"{FACILITY_REASON}: an unnamed {m.group('head')} of the town the text is about"))
    mentions = index.mentions()
    # spatial phrases
    expressions = [f for f in find_expressions(body) if _blocked_kind(blocked, f.start, f.end) is None]
    for f in expressions:
        mentions.append(Mention(article.id, f.text, f.start, f.end, MENTION_OFFSET, None, 0.0, None,
                                reason=f.error or ""))
    # datelines / bylines without a known place still get a mention (so they are visible)
    for s, e, k in blocked:
        if not any(x.start >= s and x.end <= e for x in mentions):
            mentions.append(Mention(article.id, text[s:e].strip(), s, e, k, None, 0.0, None,
                                    reason=f"{k}: not an event place"))
    mentions.sort(key=lambda x: (x.start, -x.end, x.kind))
    return MentionScan(mentions, expressions, blocked, regions, context)


_PLURAL_HEAD_RE = re.compile(r"\s+(?:neighbou?rhoods|districts|quarters|villages|towns|hills|farms|"
                             r"suburbs|markets|schools|roundabouts|(?:oil\s+|gas\s+)?fields|mountains|"
                             r"hilltops|bases|silos|factories|camps)\b")
#: the names coordinated before a name with a plural head: "the Hawatimah and Qurbati neighbourhoods"
_COORD_BEFORE_RE = re.compile(
    r"(?<![\w\-])(?P<names>" + _NAME_WORD + r"(?:[ \-]" + _NAME_WORD + r"){0,2}"
    r"(?:\s*,\s*" + _NAME_WORD + r"(?:[ \-]" + _NAME_WORD + r"){0,2}){0,4})\s*,?\s+(?:and|&)\s+$")
_NAME_SPLIT_RE = re.compile(r"\s*,\s*")


def _coordinated_names(article: Article, text: str, body_end: int, blocked: list[tuple[int, int, str]],
                       index: "_SpanIndex") -> None:
    """Add the unknown names coordinated before a place with a plural head ("the
    Hawatimah and Qurbati neighbourhoods": Hawatimah is a neighbourhood too) as
    unknown toponyms. One bounded look-back (150 characters) per plural head."""
    for x in index.mentions():
        if x.kind not in (MENTION_TOPONYM, MENTION_UNKNOWN):
            continue
        if not (_PLURAL_HEAD_RE.match(text, x.end) or
                re.search(r"\s(?:neighbou?rhoods|districts|quarters|villages|farms|hills|fields|mountains|"
                          r"hilltops|bases)$", x.surface)):
            continue
        lo = max(0, x.start - 150)
        m = _COORD_BEFORE_RE.search(text, lo, x.start)
        if m is None:
            continue
        pos = m.start("names")
        for part in _NAME_SPLIT_RE.split(m.group("names")):
            start = text.find(part, pos, x.start)
            if start < 0:
                continue
            end = start + len(part)
            pos = end
            first = part.split(" ")[0]
            if first in _STOP_NAMES or part in _STOP_NAMES or _blocked_kind(blocked, start, end) is not None:
                continue
            if index.crosses(start, end) or index.inside(start, end) or _not_a_place(text, start, end):
                continue
            index.add(Mention(article.id, part, start, end, MENTION_UNKNOWN, None, 0.0, None,
                              reason=f"not in the gazetteer; looks like a place (coordinated with "
                                     f"{text[x.start:x.end + 15].strip()!r})"))


def article_mentions(article: Article, gaz: Any = None) -> list[Mention]:
    """The article's mentions (toponyms, unknown toponyms, spatial phrases,
    datelines, bylines), sorted by start; locations are set by mapper.extract.locate.

    >>> from mapper.model import Article   # doctest: +SKIP
    >>> [m.kind for m in article_mentions(Article("x", "AMMAN: IS left Palmyra."))]  # doctest: +SKIP
    ['dateline', 'toponym']
    """
    if gaz is None:
        from gazetteer.store import Gazetteer
        gaz = Gazetteer.default()
    return scan_mentions(article, gaz).mentions
