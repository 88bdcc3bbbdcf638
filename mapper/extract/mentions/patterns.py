"""Compiled patterns of the mention scan (one job: what a place-like span looks like).

Datelines / bylines, capitalised toponyms with a geographic head (:data:`TOPONYM_RE`),
region words, settlement and verb slots, unnamed facilities, and the kind sets
that say which places are regions / non-settlements. Re-exported by
:mod:`mapper.extract.mentions`.

>>> DATELINE_RE.match("AMMAN: Syrian forces are").group("name")
'AMMAN'
"""
from __future__ import annotations

import re
from typing import Optional

from gazetteer.model import Place
from mapper.model import MENTION_BYLINE, MENTION_DATELINE

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

def _blocked_kind(spans: list[tuple[int, int, str]], start: int, end: int) -> Optional[str]:
    for s, e, k in spans:
        if s <= start and end <= e:
            return k
    return None
