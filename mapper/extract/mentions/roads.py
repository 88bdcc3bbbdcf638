"""Roads named by their two ends (one job: "the A-B road" is a line, never B).

"the Aleppo-Raqqa road", "the Homs–Palmyra highway", "the A to B road", "the
road between A and B", "the highway linking A to B", "the supply route from A
to B": one mention of kind unknown with reason :data:`ROAD_REASON` that
absorbs the mentions of its two ends (so neither end is a place slot of its
own); the ends' places (None when the gazetteer does not hold one) are kept in
:attr:`mapper.extract.mentions.scan.MentionScan.roads` for
:mod:`mapper.extract.locate.roads` (a corridor between the ends).

>>> m = ROAD_DASH_RE.search("a checkpoint on the Deir ez-Zor–Palmyra highway")
>>> (m.group("a"), m.group("b"), m.group("head"))
('Deir ez-Zor', 'Palmyra', 'highway')
>>> m = ROAD_BETWEEN_RE.search("they cut the road between Manbij and Jarablus")
>>> (m.group("a"), m.group("b"))
('Manbij', 'Jarablus')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from gazetteer.model import Place
from mapper.extract.mentions.patterns import _UP, _blocked_kind
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Article, Mention

__all__ = ["ROAD_REASON", "ROAD_DASH_RE", "ROAD_BETWEEN_RE", "RoadEnds", "road_mentions"]

#: reason prefix of a road mention (mapper.extract.locate.roads places it)
ROAD_REASON = "road"

_ART = r"(?:al|el|as|ash|ad|ar|at|az|an|ed|es|ez|Al|El)[\-\u2010]"
#: one name word without inner hyphens (so "Aleppo-Raqqa" splits), an article prefix allowed
_WORD = r"(?:" + _ART + r")?[" + _UP + r"][a-z’'\u00e0-\u017f]{1,30}"
#: a road end: one to three words ("Deir ez-Zor", "Ras al-Ain", "Tell Abyad")
_END = _WORD + r"(?:[ \u00a0]" + _WORD + r"|[ \u00a0](?:al|el|as|ash|ad|ar|at|az|an|ed|es|ez)[\-\u2010 ][" + _UP + \
    r"][a-z’']{1,30}){0,2}"
_HEAD = (r"(?P<head>(?:[Rr]oad|[Hh]ighway|[Mm]otorway|[Ee]xpressway|[Rr]oute|[Ss]upply\s+(?:[Rr]oute|[Ll]ine|[Rr]oad)|"
         r"[Rr]ailway|[Rr]ailroad)s?)")
#: "the A-B road", "the A–B highway", "the A to B road", "A — B international highway"
ROAD_DASH_RE = re.compile(
    r"(?<![\w\-\u2010])(?P<a>" + _END + r")(?:[ \u00a0]?[–—][ \u00a0]?|[\-\u2010]|\s+to\s+)(?P<b>" + _END + r")"
    r"(?:\s+(?:international|main|strategic|old|new|[Ii]nternational))?\s+" + _HEAD + r"(?![\w\-])")
#: "the road between A and B", "the highway linking A to B", "the supply route from A to B"
ROAD_BETWEEN_RE = re.compile(
    r"\b" + _HEAD + r"\s+(?:between|linking|connecting|joining|from)\s+(?:the\s+(?:towns?|city|cities)\s+(?:of\s+)?)?"
    r"(?P<a>" + _END + r")\s+(?:and|to|with)\s+(?:the\s+(?:town|city)\s+of\s+)?(?P<b>" + _END + r")(?![\w\-\u2010])")
#: words that are no road end ("the Syrian-Turkish road", "the Government-held road")
_NOT_END = frozenset("""The A An Syrian Turkish Iraqi Kurdish Russian Government Regime Rebel Opposition Army
North South East West Northern Southern Eastern Western Central Main Old New International Coastal
Desert Border Military Strategic Key Vital Major""".split())


@dataclass(frozen=True)
class RoadEnds:
    """The two ends of a road mention: surfaces and gazetteer places (None when unknown)."""

    a: str
    b: str
    a_place: Optional[Place] = None
    b_place: Optional[Place] = None
    head: str = "road"


def _end_place(name: str, s: int, e: int, inside: list[Mention], gaz: Any, context: Any) -> Optional[Place]:
    """The place of one road end: the toponym mention covering it, else a strong
    gazetteer settlement (a look-alike or a weak match stays unknown)."""
    from mapper.extract.mentions.filters import lookalike
    from mapper.extract.mentions.patterns import NON_SETTLEMENT_KINDS

    for x in inside:
        if x.kind == MENTION_TOPONYM and x.place is not None and x.start <= s and e <= x.end + 2 \
                and x.end > s:
            return x.place
    if any(x.start < e and s < x.end for x in inside):
        return None        # the end is an unknown / rejected name: never a look-alike
    cand = gaz.resolve(name, context=context) if hasattr(gaz, "resolve") else None
    if cand is None or cand.score < 0.6 or cand.method in ("fuzzy", "core-kind") or \
            (cand.place.kind or "settlement") in NON_SETTLEMENT_KINDS or lookalike(name, cand) is not None:
        return None
    return cand.place


def _strip_lead(text: str, start: int, name: str) -> tuple[int, str]:
    """Leading sentence / side words are no road end ("The Aleppo-Raqqa road", "Syrian
    Aleppo-..."): (start, name) without them; name "" when nothing is left."""
    from mapper.extract.mentions.patterns import _STOP_NAMES

    words = name.split(" ")
    while words and (words[0] in _STOP_NAMES or words[0] in _NOT_END):
        start += len(words[0]) + 1
        words = words[1:]
    return start, " ".join(words)


def road_mentions(article: Article, gaz: Any, text: str, body_end: int, blocked: list[tuple[int, int, str]],
                  index: Any, context: Any) -> dict[int, RoadEnds]:
    """Replace the mentions of a road's two ends by one road mention; returns the
    road ends by mention start. A road crossing another mention is left alone."""
    body = text[:body_end]
    roads: dict[int, RoadEnds] = {}
    found = [(m.start("a"), m.end("head"), m) for m in ROAD_DASH_RE.finditer(body)]
    found += [(m.start("head"), m.end("b"), m) for m in ROAD_BETWEEN_RE.finditer(body)]
    for s, e, m in sorted(found, key=lambda t: (t[0], -t[1])):
        a_start, a = _strip_lead(text, m.start("a"), m.group("a"))
        b = m.group("b")
        if not a or b.split(" ")[0] in _NOT_END or a == b:
            continue
        s = min(s, a_start) if m.re is ROAD_BETWEEN_RE else a_start
        if _blocked_kind(blocked, s, e) is not None or index.crosses(s, e) or \
                any(x.start == s and x.end == e for x in index.inside(s, e)):
            continue
        inside = index.inside(s, e)
        if any(x.start in roads for x in inside):
            continue      # a road inside a longer road phrase: keep the first
        ends = RoadEnds(a, b, _end_place(a, a_start, m.end("a"), inside, gaz, context),
                        _end_place(b, m.start("b"), m.end("b"), inside, gaz, context),
                        re.sub(r"\s+", " ", m.group("head")).lower())
        index.remove(inside)
        surface = re.sub(r"\s+", " ", text[s:e])
        index.add(Mention(article.id, surface, s, e, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"{ROAD_REASON}: a line between {a!r} and {b!r}, neither end alone"))
        roads[s] = ends
    return roads
