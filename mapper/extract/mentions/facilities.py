"""Facilities named by their town (one job: "X's train station" is a place in X, not X).

"Manbij's train station", "Jarablus' railway station", "the Manbij bus station",
"Deir ez-Zor's airport": the town's mention and the facility words become one
mention. When the gazetteer holds the facility itself ("Deir ez-Zor Airport", an
airbase) the mention is that place; otherwise an unknown mention with reason
:data:`TOWN_FACILITY_REASON` whose town is kept in
:attr:`mapper.extract.mentions.scan.MentionScan.facility_towns`, so that
:mod:`mapper.extract.locate.run` places it in the town's disc (the town's
uncertainty, method "part"), never as the town itself.

>>> m = TOWN_FACILITY_AFTER_RE.match("'s main train station was taken")
>>> m.group("head")
'train station'
"""
from __future__ import annotations

import re
from typing import Any, Optional

from gazetteer.model import Place
from mapper.extract.mentions.patterns import NON_SETTLEMENT_KINDS, _blocked_kind, is_region_place
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Article, Mention

__all__ = ["TOWN_FACILITY_REASON", "TOWN_FACILITY_AFTER_RE", "town_facility_mentions", "town_facility_name"]

#: reason prefix of a facility named by its town and not in the gazetteer
TOWN_FACILITY_REASON = "town facility"
#: right after a town's mention: possessive (optional) + facility words
TOWN_FACILITY_AFTER_RE = re.compile(
    r"(?:['’]s?)?[ \u00a0]+(?:(?:main|central|old|new|international|military|civilian|civil|national|"
    r"municipal|general)[ \u00a0]+){0,2}"
    r"(?P<head>(?:train|railway|rail|bus|coach|police|fire)[ \u00a0]+station|airport|air[ \u00a0]?base|airfield|"
    r"military[ \u00a0]+airport|hospital|prison|university|stadium|citadel|castle|(?:grain[ \u00a0]+)?silos|"
    r"power[ \u00a0]+(?:plant|station)|water[ \u00a0]+(?:treatment[ \u00a0]+)?(?:plant|station)|"
    r"industrial[ \u00a0]+(?:zone|area|city)|cement[ \u00a0]+(?:factory|plant)|sugar[ \u00a0]+factory)"
    r"(?![\w\-])")
#: right before a town's mention: "the electrical grid of X", "the water treatment station in the
#: town of X", "the cement factory of X" (a facility named by "of / in" its town)
TOWN_FACILITY_BEFORE_RE = re.compile(
    r"\bthe[ \u00a0]+(?:(?:main|central|old|new|military|civilian|national|municipal|general|big|large|"
    r"strategic)[ \u00a0]+){0,2}"
    r"(?P<head>(?:electrical|electricity|power)[ \u00a0]+(?:grid|plant|station|substation)|"
    r"(?:train|railway|bus|police|fire|pumping|radar|relay)[ \u00a0]+station|"
    r"water[ \u00a0]+(?:treatment[ \u00a0]+|pumping[ \u00a0]+)?(?:plant|station|tower)|"
    r"(?:grain[ \u00a0]+)?silos|(?:cement|sugar|textile|fertili[sz]er)[ \u00a0]+(?:factory|plant)|"
    r"industrial[ \u00a0]+(?:zone|area|city)|hospital|prison|stadium|citadel|castle|university|college|"
    r"(?:oil|gas)[ \u00a0]+(?:field|station)|airport|air[ \u00a0]?base|airfield|military[ \u00a0]+base)"
    r"[ \u00a0]+(?:of|in|at)[ \u00a0]+(?:the[ \u00a0]+(?:town|city|village)[ \u00a0]+of[ \u00a0]+)?$", re.IGNORECASE)
#: facility heads that the gazetteer may hold as places of their own ("Deir ez-Zor Airport")
_OWN_PLACE_HEADS = {"airport": ("airbase",), "air base": ("airbase",), "airbase": ("airbase",),
                    "airfield": ("airbase",), "military airport": ("airbase",)}


def town_facility_name(surface: str) -> str:
    """The shown name of a facility named by its town: no article, no possessive.

    >>> town_facility_name("Jarablus'  railway station"), town_facility_name("the Manbij bus station")
    ('Jarablus railway station', 'Manbij bus station')
    """
    name = re.sub(r"\s+", " ", surface).strip()
    name = re.sub(r"^the ", "", name, flags=re.IGNORECASE)
    return re.sub(r"['’]s?(?= )", "", name, count=1)


def _own_place(gaz: Any, town: str, head: str, context: Any) -> Optional[Place]:
    """The gazetteer's place for "<town> <head>" when it is a facility of the right kind."""
    from mapper.extract.mentions.filters import lookalike

    kinds = _OWN_PLACE_HEADS.get(re.sub(r"\s+", " ", head.lower()))
    if not kinds or not hasattr(gaz, "resolve"):
        return None
    cand = gaz.resolve(f"{town} {head}", context=context)
    if cand is None or cand.score < 0.5 or cand.method in ("fuzzy", "core-kind") or \
            (cand.place.kind or "") not in kinds or lookalike(f"{town} {head}", cand) is not None:
        return None
    return cand.place


#: a possessive inside an unknown name ("Manbij's power plant" read whole by TOPONYM_RE)
_POSSESSIVE_RE = re.compile(r"['’]s?(?=[ \u00a0])")
#: the town before a possessive counts when the gazetteer resolves it this strongly
TOWN_MIN_SCORE = 0.7


def _possessive_town(gaz: Any, x: Mention, context: Any) -> Optional[tuple[Place, str]]:
    """(town, head) of an unknown name "X's <facility>" whose X is a known settlement."""
    from mapper.extract.mentions.filters import lookalike

    p = _POSSESSIVE_RE.search(x.surface)
    m = TOWN_FACILITY_AFTER_RE.fullmatch(x.surface, p.start()) if p else None
    if m is None or not hasattr(gaz, "resolve"):
        return None
    town = x.surface[:p.start()].strip()
    cand = gaz.resolve(town, context=context)
    if cand is None or cand.score < TOWN_MIN_SCORE or cand.method in ("fuzzy", "core-kind") or \
            (cand.place.kind or "settlement") in NON_SETTLEMENT_KINDS or is_region_place(cand.place) or \
            lookalike(town, cand) is not None:
        return None
    return cand.place, re.sub(r"\s+", " ", m.group("head"))


def town_facility_mentions(article: Article, gaz: Any, text: str, body_end: int,
                           blocked: list[tuple[int, int, str]], index: Any, context: Any) -> dict[int, Place]:
    """Join a town mention and the facility words after it into one mention; returns
    the towns of the unknown facilities by mention start."""
    towns: dict[int, Place] = {}
    for x in index.mentions():
        if x.kind == MENTION_UNKNOWN and ("'" in x.surface or "’" in x.surface):
            found = _possessive_town(gaz, x, context)
            if found is not None:
                index.remove([x])
                index.add(Mention(article.id, x.surface, x.start, x.end, MENTION_UNKNOWN, None, 0.0, None,
                                  reason=f"{TOWN_FACILITY_REASON}: the {found[1]} of {found[0].name}, placed in "
                                         f"the town (not the whole town)"))
                towns[x.start] = found[0]
            continue
        if x.kind == MENTION_UNKNOWN and x.start not in towns and not x.reason.startswith(("road", "facility")):
            _facility_of(article, text, blocked, index, x, None)     # "the electrical grid of <unknown>"
            continue
        if x.kind != MENTION_TOPONYM or x.place is None or is_region_place(x.place) or \
                (x.place.kind or "settlement") in NON_SETTLEMENT_KINDS or x.reason.startswith("region"):
            continue
        s = _facility_of(article, text, blocked, index, x, x.place)
        if s is not None:
            towns[s] = x.place
            continue
        m = TOWN_FACILITY_AFTER_RE.match(text, x.end, body_end)
        if m is None:
            continue
        s, e = x.start, m.end()
        if _blocked_kind(blocked, s, e) is not None or index.crosses(s, e) or \
                any(y.start != x.start for y in index.inside(s, e)):
            continue
        head = re.sub(r"\s+", " ", m.group("head"))
        surface = re.sub(r"\s+", " ", text[s:e])
        own = _own_place(gaz, x.surface, head, context)
        index.remove([x])
        if own is not None:
            index.add(Mention(article.id, surface, s, e, MENTION_TOPONYM, own, x.score, None,
                              reason=f"the {head} of {x.place.name}: a place of its own"))
            continue
        index.add(Mention(article.id, surface, s, e, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"{TOWN_FACILITY_REASON}: the {head} of {x.place.name}, placed in the town "
                                 f"(not the whole town)"))
        towns[s] = x.place
    return towns


def _facility_of(article: Article, text: str, blocked: list[tuple[int, int, str]], index: Any, x: Mention,
                 town: Optional[Place]) -> Optional[int]:
    """"the electrical grid of X": one mention from the facility words to the town's name
    (an unnamed facility mention in between is absorbed); its start, or None. A known town
    (``town``) places it in the town (reason :data:`TOWN_FACILITY_REASON`); an unknown one
    leaves an unknown name ("electrical grid of Weqfan") for the locate pass."""
    m = TOWN_FACILITY_BEFORE_RE.search(text, max(0, x.start - 80), x.start)
    if m is None:
        return None
    s, e = m.start("head"), x.end
    inside = [y for y in index.inside(s, e) if y.start != x.start]
    if _blocked_kind(blocked, s, e) is not None or index.crosses(s, e) or \
            any(not y.reason.startswith("facility") for y in inside):
        return None
    head = re.sub(r"\s+", " ", m.group("head"))
    surface = re.sub(r"\s+", " ", text[s:e])
    index.remove(inside + [x])
    if town is None:
        index.add(Mention(article.id, surface, s, e, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"not in the gazetteer; the {head} of {x.surface!r} (a place it also lacks)"))
        return None
    index.add(Mention(article.id, surface, s, e, MENTION_UNKNOWN, None, 0.0, None,
                      reason=f"{TOWN_FACILITY_REASON}: the {head} of {town.name}, placed in the town "
                             f"(not the whole town)"))
    return s
