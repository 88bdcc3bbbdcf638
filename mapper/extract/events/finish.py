"""Finishing drafts into :class:`mapper.model.Event` objects: ids, times, background /
undated flags, confidence, deduplication, movements, warnings for unplaced drafts.

Confidence (0..1) = base of the kind x 0.75 hedged x 0.8 unknown side x 0.85 not a
gazetteer point x 0.9 nominal / passive x 0.9 background; e.g. a hedged capture by a
known side at a gazetteer place: 0.8 x 0.75 = 0.6.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from mapper.model import BuildWarning, Event, Movement, UNKNOWN_TIME
from mapper.extract.events.triggers import (
    BASE_CONFIDENCE
)
from mapper.extract.events.patterns import (
    _BACKGROUND_RE
)
from mapper.extract.events.base import BuilderBase, EventDraft

__all__ = ["FinishMixin"]


class FinishMixin(BuilderBase):
    """Drafts -> events, movements, warnings (needs :class:`BuilderBase` state)."""

    def _anchor(self, d: EventDraft, span: dict, first_place: dict) -> tuple[int, int]:
        """The words that date draft ``d``: the trigger and all its places, unless the list
        itself carries numbers ("A on 3 May and B on 5 May": each place its own date)."""
        first = first_place[id(d.trigger)]
        a, b = span[id(d.trigger)]
        if any(c.isdigit() for c in self.text[first.end:b]) and d.sentence[0] <= d.slot.start < d.sentence[1]:
            return min(d.trigger.start, d.slot.start), max(d.trigger.end, d.slot.end)
        return a, b

    def finish(self, drafts: list[EventDraft]) -> tuple[list[Event], list[Movement], list[dict]]:
        """Events (deduplicated by id), movements and warnings for unplaced drafts."""
        events: dict[str, Event] = {}
        warnings: list[dict] = []
        span, first_place = self._trigger_spans(drafts)
        for d in drafts:
            ev = self._event_of(d, span, first_place, warnings)
            if ev is not None:
                self._keep_event(events, ev)
        self._drop_repeats(events)
        movements = self._movements(events, drafts)
        return sorted(events.values(), key=lambda e: (e.char_start, e.id)), movements, warnings

    @staticmethod
    def _trigger_spans(drafts: list[EventDraft]) -> tuple[dict, dict]:
        """Per trigger: the span of the trigger and all its places, and its first place.
        The objects of one trigger share one time: "re-established control over A and B last
        week" (the anchor spans the trigger and all its places, not only the nearest one)."""
        span: dict[int, tuple[int, int]] = {}
        for d in drafts:
            k = id(d.trigger)
            a, b = span.get(k, (d.trigger.start, d.trigger.end))
            if d.sentence[0] <= d.slot.start < d.sentence[1]:   # a place named earlier ("the village") dates nothing
                a, b = min(a, d.slot.start), max(b, d.slot.end)
            span[k] = (a, b)
        first_place: dict = {}
        for d in drafts:
            first_place.setdefault(id(d.trigger), d.slot)
        return span, first_place

    def _event_of(self, d: EventDraft, span: dict, first_place: dict, warnings: list[dict]) -> Optional[Event]:
        """The event of draft ``d`` (time, flags, confidence), or None: an unplaced draft
        (a warning), nominal history without its own date."""
        art = self.article
        if d.slot.location is None:
            warnings.append(BuildWarning(
                "event_unplaced", f"{d.kind} by {d.side} at {d.slot.name!r} not mapped: "
                                  f"the place is not in the gazetteer",
                art.id, char_start=d.slot.start, char_end=d.slot.end,
                details=(("event_kind", d.kind), ("mention", d.slot.surface or d.slot.name))).as_dict())
            return None
        time, own = self.time_of(d.clause[0], d.clause[1], d.sentence[0], d.sentence[1],
                                 anchor=self._anchor(d, span, first_place))
        if d.form in ("n", "falln") and not own:
            return None   # nominal history ("Palmyra's fall to IS") without its own date
        flags: list[str] = []
        clause_text = self.text[d.clause[0]:d.clause[1]]
        background = False
        if art.published is not None and time.end is not None and \
                (art.published - time.end).days > 30:   # no date arithmetic near year 1
            background = True
        if _BACKGROUND_RE.search(clause_text):
            background = True
            if not own:       # history without its own date: never the publication date
                time = UNKNOWN_TIME
        if background:
            flags.append("background")
        if time.start is None and time.end is None:
            flags.append("undated")
        key = d.slot.key or d.slot.name
        s0, s1 = d.sentence
        return Event(id=f"{art.id}:{s0}:{d.kind}:{key}", kind=d.kind, side=d.side, actor=d.actor,
                     article_id=art.id, quote=self.text[s0:s1], char_start=s0, char_end=s1,
                     place_name=d.slot.name, location=d.slot.location, time=time, losing_side=d.losing_side,
                     confidence=self._confidence(d, background), outlet=art.outlet, published=art.published,
                     toward=tuple(t.location for t in d.toward if t.location is not None),
                     toward_names=tuple(t.name for t in d.toward if t.location is not None),
                     flags=tuple(flags))

    @staticmethod
    def _confidence(d: EventDraft, background: bool) -> float:
        """Base of the kind x 0.75 hedged x 0.8 unknown side x 0.85 not a gazetteer point
        x 0.9 nominal / passive x 0.9 background (0..1, three decimals)."""
        conf = BASE_CONFIDENCE.get(d.kind, 0.6)
        if d.hedged:
            conf *= 0.75
        if d.side == "unknown":
            conf *= 0.8
        if d.slot.kind != "place" or d.fallback_place:
            conf *= 0.85
        if d.form in ("n", "nsub", "pass", "fell", "falln", "lost"):
            conf *= 0.9
        if background:
            conf *= 0.9
        return round(conf, 3)

    @staticmethod
    def _keep_event(events: dict[str, Event], ev: Event) -> None:
        """Add ``ev`` to ``events``: a different claim about the same place in the same sentence
        gets its own id; the same claim keeps the more confident (or more detailed) copy."""
        eid = ev.id
        old = events.get(eid)
        n = 1
        while old is not None and (old.side, old.time.start, old.time.end) != (ev.side, ev.time.start, ev.time.end):
            n += 1
            eid = f"{ev.id}:{n}"
            old = events.get(eid)
        ev = replace(ev, id=eid)
        if old is not None and (old.confidence > ev.confidence or
                                (old.confidence == ev.confidence and len(old.toward) >= len(ev.toward))):
            return
        events[eid] = ev

    def _drop_repeats(self, events: dict[str, Event]) -> None:
        """Drop an entry with a capture of the same place in the same sentence ("entered X and
        took control of the town": the capture says it all), and an undated recap of a dated
        event ("By the end of the battle, X had captured A, B and C")."""
        taken = {(e.char_start, e.side, e.place_name) for e in events.values() if e.kind in ("capture", "control")}
        for eid in [k for k, e in events.items() if e.kind == "entry" and (e.char_start, e.side, e.place_name) in taken]:
            ev = events.pop(eid)
            self.skipped.append({"trigger": ev.kind, "char_start": ev.char_start, "kind": ev.kind,
                                 "reason": "entry with a capture of the same place"})
        dated = {(e.kind, e.side, e.place_name) for e in events.values() if "undated" not in e.flags}
        for eid in [k for k, e in events.items() if "undated" in e.flags and (e.kind, e.side, e.place_name) in dated]:
            ev = events.pop(eid)
            self.skipped.append({"trigger": ev.kind, "char_start": ev.char_start, "kind": ev.kind,
                                 "reason": "undated repeat of a dated event"})

    @staticmethod
    def _movements(events: dict[str, Event], drafts: list[EventDraft]) -> list[Movement]:
        """Movements of the withdrawals and advances that have a destination or a bearing."""
        movements: list[Movement] = []
        first_draft: dict[tuple[int, str, int], EventDraft] = {}
        for x in drafts:   # the first draft per (location, kind, sentence): one pass, not one per event
            first_draft.setdefault((id(x.slot.location), x.kind, x.sentence[0]), x)
        for ev in events.values():
            if ev.kind not in ("withdrawal", "advance") or ev.location is None:
                continue
            dests = list(zip(ev.toward, ev.toward_names))
            bearing = None
            d = first_draft.get((id(ev.location), ev.kind, ev.char_start))
            if d is not None:
                bearing = d.bearing_deg
            if not dests and bearing is None:
                continue
            for i, (loc, name) in enumerate(dests or [(None, "")]):
                movements.append(Movement(id=f"{ev.id}:m{i}", event_id=ev.id, kind=ev.kind, side=ev.side,
                                          origin=ev.location, destination=loc, destination_name=name,
                                          bearing_deg=bearing, time=ev.time, article_id=ev.article_id,
                                          quote=ev.quote))
        return movements
