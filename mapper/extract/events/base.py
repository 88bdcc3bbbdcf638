"""The state every part of the event builder shares: the article, its slots and
sentences with their bisection indexes, the side look-ups, the draft record.

:class:`BuilderBase` holds what :class:`mapper.extract.events.EventBuilder` is built
from; the mixins (actors, places, filters, passives, active verbs, finishing) read it.
:class:`EventDraft` is an event before ids and confidence are fixed.

>>> bearing_of("retreated north-east toward X")
45.0
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from mapper.model import Slot, TimeSpan
from mapper.extract.events.trigger_scan import (
    TriggerScan
)
from mapper.extract.events.triggers import (
    Trigger
)
from mapper.extract.events.patterns import (
    _BEARING_RE, _BEARING_WORDS, _CONTROL_KINDS
)

__all__ = ["BuilderBase", "EventDraft", "bearing_of"]


@dataclass
class EventDraft:
    """An event before ids and confidence are fixed (internal)."""

    kind: str
    form: str
    trigger: Trigger
    actor: str
    side: str
    losing_side: Optional[str]
    slot: Slot
    toward: list[Slot] = field(default_factory=list)
    bearing_deg: Optional[float] = None
    sentence: tuple[int, int] = (0, 0)
    clause: tuple[int, int] = (0, 0)
    hedged: bool = False
    fallback_place: bool = False



def bearing_of(text: str) -> Optional[float]:
    """Bearing (degrees clockwise from north) of a direction word in ``text``."""
    m = _BEARING_RE.search(text)
    if not m:
        return None
    return _BEARING_WORDS.get(m.group(1).lower().replace("-", ""))


class BuilderBase:
    """Builds events for one article from its sentences, slots and times.

    Parameters are prepared by :func:`mapper.extract.article.extract_article`:
    ``layout`` the article's :class:`~mapper.extract.layout.Layout` (clauses),
    ``sentences`` (the layout's sentences of the body that are not datelines /
    bylines), ``slots`` sorted by start, ``side_table``, ``time_of``
    (clause start, clause end, sentence start, sentence end) -> (TimeSpan,
    own: bool), ``focus_at(pos)`` -> Slot of the place the paragraph is about.
    """

    def __init__(self, article, layout, sentences, slots: Sequence[Slot], side_table,
                 time_of: Callable[..., tuple[TimeSpan, bool]],
                 focus_at: Callable[[int], Optional[Slot]]) -> None:
        self.article = article
        self.text = article.text
        self.layout = layout
        self.sentences = sentences
        self.slots = list(slots)
        self.sides = side_table
        self.time_of = time_of
        self.focus_at = focus_at
        self.side_mentions = side_table.find(self.text, 0, article.body_end or len(self.text))
        # where a trigger can start, found once per article (find_triggers(..., scan=...))
        self.trigger_scan = TriggerScan(self.text)
        # indexes so per-trigger look-ups are O(log n), not a scan of the article
        # (a long article with thousands of triggers stays near-linear)
        self._side_starts = [m.start for m in self.side_mentions]
        self._topics: list[Optional[str]] = []
        topic: Optional[str] = None
        for m in self.side_mentions:
            if m.side not in ("contextual", "government"):
                topic = m.side
            self._topics.append(topic)
        self._slot_starts = [s.start for s in self.slots]
        self._slots_sorted = all(a <= b for a, b in zip(self._slot_starts, self._slot_starts[1:]))
        self._sent_starts = [s.start for s in sentences]
        self._sents_sorted = all(a <= b for a, b in zip(self._sent_starts, self._sent_starts[1:]))
        self.last_side: Optional[str] = None   # side of the last actor (for "they", "it")
        self.last_actor: str = ""              # ... its phrase, and where it was named
        self.last_side_pos: int = -1
        self._drafts_log: list[EventDraft] = []   # drafts so far, in text order (origins of withdrawals)
        self.skipped: list[dict] = []  # triggers with no usable place: {"trigger", "char_start", "reason"}

    def mentions_in(self, start: int, end: int) -> list:
        """The article's side mentions inside ``[start, end)`` (precomputed, bisection)."""
        lo = bisect_left(self._side_starts, start)
        out = []
        for m in self.side_mentions[lo:]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out

    def topic_at(self, pos: int) -> Optional[str]:
        """The last explicitly named non-government side before ``pos`` (for "the group")."""
        k = bisect_left(self._side_starts, pos)
        return self._topics[k - 1] if k > 0 else None

    def side_of(self, phrase: str, pos: int) -> str:
        return self.sides.side_of(phrase, topic=self.topic_at(pos), pos=pos)   # pos: article context (sides.py)

    def slots_in(self, start: int, end: int) -> list[Slot]:
        if not self._slots_sorted:
            return [s for s in self.slots if s.start >= start and s.end <= end]
        out = []
        for i in range(bisect_left(self._slot_starts, start), len(self.slots)):
            s = self.slots[i]
            if s.start > end:
                break
            if s.end <= end:
                out.append(s)
        return out

    def _side_at(self, m) -> str:
        return m.side if m.side != "contextual" else (self.topic_at(m.start) or "unknown")

    def _usable(self, slot: Slot, kind: str) -> bool:
        if slot.kind == "region":
            return kind not in _CONTROL_KINDS and slot.location is not None
        return True

    def _skip(self, trig: Trigger, reason: str) -> None:
        self.skipped.append({"trigger": trig.surface, "char_start": trig.start, "kind": trig.kind,
                             "reason": reason})

    def _finish_drafts(self, trig, cl, s0, s1, hedged, kind, actor, side, losing, places, toward,
                       bearing=None, fallback=False) -> Optional[list[EventDraft]]:
        """One draft per place, or None ("no place" recorded) when there is none."""
        if not places:
            self._skip(trig, "no place")
            return None
        return [EventDraft(kind, trig.form, trig, actor, side, losing, p, list(toward), bearing,
                           (s0, s1), (cl.start, cl.end), hedged, fallback) for p in places]

    def _context_side(self, pos: int) -> tuple[str, str]:
        """(actor, side) that acts at ``pos`` by context: the last actor of the same
        paragraph (or of the previous 600 characters), else the side the text is about."""
        if self.last_side is not None and self.last_side_pos >= 0 and \
                (pos - self.last_side_pos < 600 or self._para_of(pos) == self._para_of(self.last_side_pos)):
            return self.last_actor, self.last_side
        topic = self.topic_at(pos)
        return ("", topic) if topic else ("", "unknown")

    def _last_slot_before(self, pos: int, para: Optional[int], toward: list[Slot]) -> Optional[Slot]:
        """The last place / reference / offset slot ending before ``pos`` in paragraph ``para``
        (any paragraph when None), not in ``toward``; scans back from ``pos`` only."""
        def ok(s: Slot) -> bool:
            return s.end <= pos and s.kind in ("place", "reference", "offset") and s not in toward \
                and (para is None or self._para_of(s.start) == para)
        if not self._slots_sorted:
            earlier = [s for s in self.slots if ok(s)]
            return earlier[-1] if earlier else None
        for i in range(bisect_left(self._slot_starts, pos) - 1, -1, -1):
            s = self.slots[i]
            if ok(s):
                return s
            p = self._para_of(s.start)
            if para is not None and p is not None and p < para:
                break   # slots are sorted by start: everything earlier is in an earlier paragraph
        return None

    def _sentence_at(self, pos: int):
        if self._sents_sorted:   # sentences do not overlap: the last one starting at or before pos
            i = bisect_right(self._sent_starts, pos) - 1
            s = self.sentences[i] if i >= 0 else None
            return s if s is not None and s.start <= pos < s.end else None
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def _para_of(self, pos: int) -> Optional[int]:
        s = self._sentence_at(pos)
        return s.paragraph if s else None
