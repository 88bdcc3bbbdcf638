"""The mention scan of one article (one job: run the passes in order and keep the
mentions non-overlapping).

Passes: gazetteer hits (:func:`_gazetteer_mentions`), capitalised toponyms
with a geographic head (:func:`_toponym_mentions`), slot names
(:func:`mapper.extract.mentions.slots.slot_mentions`), spatial phrases, then
datelines / bylines without a known place. See :mod:`mapper.extract.mentions`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from gazetteer import store as _store
from gazetteer.disambiguate import DocumentContext, rescore
from gazetteer.spatial import find_expressions
from mapper.extract.mentions.facilities import town_facility_mentions
from mapper.extract.mentions.filters import _not_a_place, _quarter_ok, lookalike
from mapper.extract.mentions.patterns import (
    _FACILITY_HEAD_RE,
    _STOP_NAMES,
    _STRONG_REGION_BEFORE_RE,
    REGION_AFTER_RE,
    TOPONYM_RE,
    _blocked_kind,
    dateline_spans,
    is_region_place,
)
from mapper.extract.mentions.roads import RoadEnds, road_mentions
from mapper.extract.mentions.slots import Spans, _SpanIndex, slot_mentions
from mapper.model import (
    MENTION_OFFSET,
    MENTION_TOPONYM,
    MENTION_UNKNOWN,
    Article,
    Mention,
)


@dataclass
class MentionScan:
    """What :func:`scan_mentions` found, with the raw pieces extract needs.

    ``mentions`` (sorted by start) are the public result; ``expressions`` the
    spatial phrases (gazetteer.spatial.FoundExpression) inside the body;
    ``blocked`` the dateline / byline spans; ``region`` the ids (start) of
    toponym mentions used as regions; ``context`` the DocumentContext;
    ``roads`` the two ends of each road mention ("the A-B road") by start;
    ``facility_towns`` the town of each "X's train station" mention by start.
    """

    mentions: list[Mention]
    expressions: list[Any]
    blocked: list[tuple[int, int, str]]
    regions: set[int]
    context: Any = None
    roads: dict[int, RoadEnds] = field(default_factory=dict)
    facility_towns: dict[int, Any] = field(default_factory=dict)


def matcher_hits(gaz: Any, text: str) -> list[Any]:
    """NameHits of the gazetteer's compiled matcher over ``text`` (adapter:
    accepts ``.matcher().find(text)``; returns [] when the gazetteer has none)."""
    matcher = getattr(gaz, "matcher", None)
    if matcher is None:
        return []
    return list(matcher().find(text))


def _best(gaz: Any, hit: Any, context: Any) -> Optional[Any]:

    cands = list(getattr(hit, "candidates", ()) or ())
    if not cands:
        return None
    hint = getattr(hit, "kind_hint", None)
    ranked = sorted((rescore(c, context, kind_hint=hint) for c in cands),
                    key=lambda c: (-c.score, c.place.id))
    top = ranked[0]
    if top.method == "core-kind":      # "al-Burj Hill" is not the village al-Burj
        return None
    floor = getattr(_store, "MIN_RESOLVE_SCORE", 0.3)
    return top if top.score >= floor else None


def _unknown(article: Article, h: Any, reason: str) -> Mention:
    return Mention(article.id, h.surface, h.start, h.end, MENTION_UNKNOWN, None, 0.0, None, reason=reason)


def _hit_is_region(text: str, h: Any, place: Any) -> bool:
    return is_region_place(place) or bool(REGION_AFTER_RE.match(text, h.end)) or \
        getattr(h, "kind_hint", None) == "region" or \
        bool(re.search(r"\s(?:province|governorate|countryside)$", h.surface, re.IGNORECASE)) or \
        bool(_STRONG_REGION_BEFORE_RE.search(text, max(0, h.start - 25), h.start))


def _hit_mention(article: Article, text: str, h: Any, best: Any, bk: Optional[str],
                 context: Any, regions: set[int]) -> Mention:
    """The mention of one gazetteer hit (``best`` its candidate, ``bk`` its dateline kind)."""
    if bk is None and best is not None and not _quarter_ok(text, h.surface, h.end, best.place, context):
        return _unknown(article, h, f"a city quarter, not the {best.place.kind} {best.place.name!r} "
                                    f"({best.place.id}) far from the cities of this article")
    if bk is None and best is not None and lookalike(h.surface, best) is not None:
        return _unknown(article, h, f"not in the gazetteer; look-alike {best.place.name!r} "
                                    f"({best.place.kind}) rejected: {lookalike(h.surface, best)}")
    place = best.place if best is not None else None
    if bk is not None:
        return Mention(article.id, h.surface, h.start, h.end, bk, place, best.score if best else 0.0, None,
                       reason=f"{bk}: where the report was filed, not where events happened")
    reason = ""
    if _hit_is_region(text, h, place):
        regions.add(h.start)
        reason = "region: an area, not a point"
    if place is None:
        n = len(getattr(h, "candidates", ()) or ())
        return _unknown(article, h, f"ambiguous, weak or wrong-kind match among {n} candidates" if n else
                        "name matched but no candidate place")
    return Mention(article.id, h.surface, h.start, h.end, MENTION_TOPONYM, place, best.score, None, reason=reason)


def _gazetteer_mentions(article: Article, gaz: Any, text: str, body: str, blocked: Spans,
                        regions: set[int]) -> tuple[list[Mention], Any]:
    """Mentions of the gazetteer matcher's hits (longest first at a start, never
    overlapping) and the DocumentContext built from the usable hits."""

    hits = sorted(matcher_hits(gaz, body), key=lambda h: (h.start, -(h.end - h.start)))
    usable = [h for h in hits if _blocked_kind(blocked, h.start, h.end) is None]
    context = DocumentContext.from_hits(usable, default_countries=("SY",)) if usable else \
        DocumentContext.for_country("SY")
    mentions: list[Mention] = []
    last_end = -1
    for h in hits:
        if h.start < last_end:       # overlapping shorter hit
            continue
        last_end = h.end
        bk = _blocked_kind(blocked, h.start, h.end)
        if bk is None and _not_a_place(text, h.start, h.end):
            continue
        found = _hit_mention(article, text, h, _best(gaz, h, context), bk, context, regions)
        if found.kind == MENTION_UNKNOWN and _institution_only(found.surface):
            continue   # "the Syrian Air Force base": no name of its own (a kind reference)
        mentions.append(found)
    return mentions, context


def _institution_only(surface: str) -> bool:
    """True when ``surface`` is a base named only by an institution's words ("Air Force
    base", "Army barracks"; not "Military Hospital", a name)."""
    words = surface.split()
    return len(words) > 1 and words[-1].lower() in _BASE_HEADS and all(w in _INSTITUTION_WORDS for w in words[:-1])


_REGION_HEADS = ("governorate", "province", "countryside")
_AREA_HEADS = _REGION_HEADS + ("sub-districts", "subdistricts", "neighbourhoods", "neighborhoods")


#: a leading word that says who holds a place, not its name: "the SDF-held village of X",
#: "ISIL-held Duwaybiq village", "the rebel-controlled Y district"
_HELD_WORD_RE = re.compile(r"[\w’']+[\-\u2010](?:held|controlled|run|occupied|besieged|dominated|led|backed|"
                           r"allied|affiliated)", re.IGNORECASE)
#: words of an institution, never a place's own name: "the Syrian Air Force base" (a base the
#: text names elsewhere), "the Army base"
_INSTITUTION_WORDS = frozenset("""Air Force Forces Army Armed Military Navy Naval Regime Government
Rebel Rebels Opposition Syrian Russian Turkish Iranian American Iraqi Kurdish Coalition""".split())
#: heads of the bases an institution's words may stand before
_BASE_HEADS = frozenset({"base", "airbase", "barracks", "airport", "airfield"})


def _strip_stop_words(text: str, s: int, e: int, name: str) -> tuple[int, str, str]:
    """Leading function / calendar words and holder adjectives are not part of the name
    ("In Homs Governorate", "ISIL-held Duwaybiq village"): (start, name, first word)."""
    while True:
        first, _, rest = name.partition(" ")
        if (first.strip() in _STOP_NAMES or _HELD_WORD_RE.fullmatch(first.strip())) and rest.strip():
            s += len(first) + 1
            while s < e and text[s].isspace():
                s += 1
            name = text[s:e]
        else:
            return s, name, first


def _toponym_mentions(article: Article, gaz: Any, text: str, body: str, blocked: Spans,
                      index: _SpanIndex, context: Any, regions: set[int]) -> None:
    """Capitalised toponyms with a geographic head noun: the full name when the
    gazetteer resolves it (it wins over the shorter hits inside it), else an
    unknown toponym. The index finds mentions inside / crossing a name by
    bisection (no O(names x mentions))."""
    for m in TOPONYM_RE.finditer(body):
        s, e = m.span("name")
        s, name, first = _strip_stop_words(text, s, e, m.group("name"))
        head = (m.group("head") or "").lower()
        if head and name.lower() == head:
            continue
        if head and _institution_only(name):
            continue   # "the Syrian Air Force base": an institution's, not a name
        if _blocked_kind(blocked, s, e) is not None or _not_a_place(text, s, e):
            continue
        inside = index.inside(s, e)
        if any(x.start == s and x.end == e for x in inside) or index.crosses(s, e):
            continue   # the same span, or crosses an existing mention: leave it
        cand = gaz.resolve(name, context=context) if hasattr(gaz, "resolve") else None
        weak = cand is None or cand.method == "core-kind" or cand.score < 0.5 or \
            not _quarter_ok(text, name, e, cand.place, context) or lookalike(name, cand) is not None
        if cand is not None and not weak:
            # the full name wins over the shorter hits inside it ("Palmyra triangle")
            index.remove(inside)
            index.add(Mention(article.id, name, s, e, MENTION_TOPONYM, cand.place, cand.score, None,
                              reason="region: an area, not a point" if head in _REGION_HEADS else ""))
            if head in _REGION_HEADS or is_region_place(cand.place):
                regions.add(s)
            continue
        if head in _AREA_HEADS and any(x.place is not None for x in inside):
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


def scan_mentions(article: Article, gaz: Any) -> MentionScan:
    """Every place-like span of the article body, resolved where possible."""

    text = article.text
    body_end = len(text) if article.body_end is None else min(article.body_end, len(text))
    body = text[:body_end]
    blocked = dateline_spans(text, body_end)
    regions: set[int] = set()
    found, context = _gazetteer_mentions(article, gaz, text, body, blocked, regions)
    index = _SpanIndex(found)
    _toponym_mentions(article, gaz, text, body, blocked, index, context, regions)
    roads = road_mentions(article, gaz, text, body_end, blocked, index, context)
    towns = town_facility_mentions(article, gaz, text, body_end, blocked, index, context)
    slot_mentions(article, text, body_end, blocked, index)
    mentions = index.mentions()
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
    return MentionScan(mentions, expressions, blocked, regions, context, roads, towns)
