"""Mentions from name slots that the gazetteer may not hold (one job: unknown names
in a place slot are reported, never lost).

:class:`_SpanIndex` keeps the non-overlapping mentions of a scan by start;
:func:`slot_mentions` adds "the villages of A, B and C" (:data:`PLACE_OF_RE`),
"captured Duwaybiq" (:data:`VERB_SLOT_RE`), unnamed facilities
(:data:`GENERIC_FACILITY_RE`) and names coordinated before a plural head
("the Hawatimah and Qurbati neighbourhoods").
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort

from mapper.extract.mentions.filters import _is_actor, _not_a_place, _trim_name
from mapper.extract.mentions.patterns import (
    _LIST_SPLIT_RE,
    _NAME_WORD,
    _ONE_NAME,
    _STOP_NAMES,
    FACILITY_REASON,
    GENERIC_FACILITY_RE,
    PLACE_OF_RE,
    VERB_SLOT_RE,
    _blocked_kind,
)
from mapper.extract.mentions.facilities import TOWN_FACILITY_BEFORE_RE
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Article, Mention

Spans = list[tuple[int, int, str]]

#: "the electrical grid of Weqfan": facility words, "of / in", a capitalised name
FACILITY_OF_NAME_RE = re.compile(TOWN_FACILITY_BEFORE_RE.pattern[:-1] + r"(?P<town>(?-i:" + _ONE_NAME + r"))(?![\w\-\u2010])",
                                 re.IGNORECASE)


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


def _free(index: _SpanIndex, text: str, blocked: Spans, s: int, e: int) -> bool:
    """True when [s, e) is no dateline, overlaps no mention and is no organisation / person."""
    return _blocked_kind(blocked, s, e) is None and not index.crosses(s, e) and not index.inside(s, e) \
        and not _not_a_place(text, s, e)


def _list_names(text: str, m: re.Match[str], index: _SpanIndex, blocked: Spans, *, actors: bool = True):
    """(name, start, end) of each free name in group ``names`` of ``m`` ("A, B and C"),
    trimmed of calendar words; no stop word, mention, dateline or (``actors=False``) armed group."""
    pos = m.start("names")
    for part in _LIST_SPLIT_RE.split(m.group("names")):
        ps = text.find(part, pos, m.end("names"))
        if ps < 0 or not part:
            continue
        part = _trim_name(part)
        pe = pos = ps + len(part)
        if part.split(" ")[0] in _STOP_NAMES or not _free(index, text, blocked, ps, pe) \
                or (not actors and _is_actor(part)):
            continue
        yield part, ps, pe


def _place_of_mentions(article: Article, text: str, body: str, blocked: Spans, index: _SpanIndex) -> None:
    """"the villages of A, B and C": each name in the settlement slot."""
    for m in PLACE_OF_RE.finditer(body):
        for part, ps, pe in _list_names(text, m, index, blocked):
            index.add(Mention(article.id, part, ps, pe, MENTION_UNKNOWN, None, 0.0, None,
                              reason=f"not in the gazetteer; named as a settlement "
                                     f"({text[m.start():m.start('names')].strip()!r})"))


#: a list of places introduced by "including(:)", "among them", "such as": its capitalised names
LIST_SLOT_RE = re.compile(
    r"\b(?:including|among\s+them|among\s+which|among\s+those|such\s+as|namely)\s*:?\s+(?P<names>" + _ONE_NAME +
    r"(?:\s*,\s*" + _ONE_NAME + r"){0,12}(?:\s*,?\s+and\s+" + _ONE_NAME + r")?)(?![\w\-\u2010])")
#: the list counts only after a plural place noun in the same sentence ("seized five villages, including:")
_LIST_NOUN_BEFORE_RE = re.compile(
    r"\b(?:villages|towns|hamlets|settlements|areas|localities|positions|hills|hilltops|farms|points|sites|"
    r"neighbou?rhoods|districts|places|cities|mountains|heights|checkpoints|bases|fields|outposts|"
    r"locations|quarters|suburbs)\b[^.;!?\n]{0,120}$", re.IGNORECASE)


#: an appositive list right after a plural place noun (and where they are): "captured two
#: villages near X, A and B" (two names at least, the last after "and")
APPOSITIVE_LIST_RE = re.compile(
    r"\b(?:villages|towns|hamlets|settlements|hills|hilltops|farms|localities)(?P<where>[ \u00a0][^,.;:\n]{1,60})?"
    r",[ \u00a0]+(?P<names>" + _ONE_NAME + r"(?:\s*,\s*" + _ONE_NAME + r"){0,12}\s*,?\s+and\s+" + _ONE_NAME +
    r")(?![\w\-\u2010])")


def _list_mentions(article: Article, text: str, body: str, blocked: Spans, index: _SpanIndex) -> None:
    """"seized five villages, including: A, B and C": each unknown name of the list
    (known names are gazetteer mentions already; an unknown one is reported, never
    placed on a look-alike)."""
    found = [m for m in LIST_SLOT_RE.finditer(body)
             if _LIST_NOUN_BEFORE_RE.search(text, max(0, m.start() - 160), m.start()) is not None]
    found += list(APPOSITIVE_LIST_RE.finditer(body))
    for m in found:
        intro = re.sub(r"\s+", " ", text[m.start():m.start("names")]).strip(" :,")
        for part, ps, pe in _list_names(text, m, index, blocked, actors=False):
            index.add(Mention(article.id, part, ps, pe, MENTION_UNKNOWN, None, 0.0, None,
                              reason=f"not in the gazetteer; named in a list of places ({intro!r})"))


def _verb_slot_mentions(article: Article, text: str, body: str, blocked: Spans, index: _SpanIndex) -> None:
    """"the rebels captured Duwaybiq": the object of a verb of territorial change."""
    for m in VERB_SLOT_RE.finditer(body):
        vs, ve = m.span("name")
        name = _trim_name(m.group("name"))
        ve = vs + len(name)
        if name.split(" ")[0] in _STOP_NAMES or not _free(index, text, blocked, vs, ve) or _is_actor(name):
            continue
        index.add(Mention(article.id, name, vs, ve, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"not in the gazetteer; the object of {text[m.start():vs].strip()!r}"))


def _facility_mentions(article: Article, body: str, blocked: Spans, index: _SpanIndex) -> None:
    """"the hospital", "the central market": unnamed facilities of the town the text is about."""
    for m in GENERIC_FACILITY_RE.finditer(body):
        s, e = m.span("name")
        if _blocked_kind(blocked, s, e) is not None or index.crosses(s, e) or index.inside(s, e):
            continue
        index.add(Mention(article.id, m.group("name"), s, e, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"{FACILITY_REASON}: an unnamed {m.group('head')} of the town the text is about"))


def _facility_of_mentions(article: Article, text: str, body: str, blocked: Spans, index: _SpanIndex) -> None:
    """"the electrical grid of Weqfan" with a town the gazetteer lacks: one unknown name (the
    locate pass places it by its list, the town after it or the text's area)."""
    for m in FACILITY_OF_NAME_RE.finditer(body):
        s, e = m.start("head"), m.end("town")
        town = _trim_name(m.group("town"))
        e = m.start("town") + len(town)
        if town.split(" ")[0] in _STOP_NAMES or not _free(index, text, blocked, s, e) or _is_actor(town):
            continue
        index.add(Mention(article.id, re.sub(r"\s+", " ", text[s:e]), s, e, MENTION_UNKNOWN, None, 0.0, None,
                          reason=f"not in the gazetteer; the {m.group('head')} of {town!r} (a place it also lacks)"))


def slot_mentions(article: Article, text: str, body_end: int, blocked: Spans, index: _SpanIndex) -> None:
    """Add the slot mentions (coordinated names, settlement slots, verb objects,
    unnamed facilities) to ``index``, in that order (earlier ones win)."""
    body = text[:body_end]
    _coordinated_names(article, text, body_end, blocked, index)
    _place_of_mentions(article, text, body, blocked, index)
    _list_mentions(article, text, body, blocked, index)
    _verb_slot_mentions(article, text, body, blocked, index)
    _facility_of_mentions(article, text, body, blocked, index)
    _facility_mentions(article, body, blocked, index)


_PLURAL_HEAD_RE = re.compile(r"\s+(?:neighbou?rhoods|districts|quarters|villages|towns|hills|farms|"
                             r"suburbs|markets|schools|roundabouts|(?:oil\s+|gas\s+)?fields|mountains|"
                             r"hilltops|bases|silos|factories|camps)\b")
#: the names coordinated before a name with a plural head: "the Hawatimah and Qurbati neighbourhoods"
_COORD_BEFORE_RE = re.compile(
    r"(?<![\w\-])(?P<names>" + _NAME_WORD + r"(?:[ \-]" + _NAME_WORD + r"){0,2}"
    r"(?:\s*,\s*" + _NAME_WORD + r"(?:[ \-]" + _NAME_WORD + r"){0,2}){0,4})\s*,?\s+(?:and|&)\s+$")
_NAME_SPLIT_RE = re.compile(r"\s*,\s*")


def _coordinated_names(article: Article, text: str, body_end: int, blocked: list[tuple[int, int, str]],
                       index: _SpanIndex) -> None:
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
