"""Draft builders for active verbs and nominal triggers: "drove IS out of A",
"captured A and B", "capturing both", "recaptured it", "withdrew from A toward B", "cut
the X-Y road", "the capture of X by Y", "within 5 km of X".

E.g. "The rebels withdrew from A toward B" -> withdrawal from A with a movement toward B.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from mapper.model import Slot
from mapper.extract.events.triggers import (
    Trigger, _CONTROL_KINDS, _IT_OBJ_RE, _NONCOMBATANT_RE, _NO_ORIGIN_RE, _WITH_FAMILIES_AFTER_RE,
    _OBJECT_AFTER_RE, _NOMINAL_AFTER_RE, _NEW_PREDICATE_GAP_RE, _PLURAL_OBJ_RE,
)
from mapper.extract.events.base import BuilderBase, EventDraft, bearing_of

__all__ = ["ActiveMixin"]

#: an offset that is an origin: "southwards from X"
_FROM_LEAD_RE = re.compile(r"(?:[\w\-]+\s+){0,2}?(?:from|out\s+of)\s", re.IGNORECASE)
#: a deictic object of a withdrawal: "left the area", "evacuated the two villages"
_DEICTIC_OBJ_RE = re.compile(r"\s+(?:from\s+|out\s+of\s+)?the\s+(?:two\s+|three\s+|besieged\s+)?(?:area|town|city|"
                             r"villages?|towns|region|district|enclave|pocket)\b(?!\s+of\b)", re.IGNORECASE)
#: the origin phrase of a subject: "fighters from the villages of A and B"
_FROM_OF_BEFORE_RE = re.compile(r"\b(?:from|of|in)\s+(?:the\s+)?(?:[\w’'\-]+\s+){0,4}?$", re.IGNORECASE)
#: advance verbs of movement (not "reached", "besieged")
_ADVANCE_MOVE_RE = re.compile(r"(?:advanc|push|mov|march)", re.IGNORECASE)
#: the ground beside a place: "south of X", "further west of X", "in the southern countryside of X"
_DIRECTION_OF_RE = re.compile(
    r"\s+(?:(?:further|farther|deeper|more|also|slowly|quickly|rapidly|then)\s+)*"
    r"(?:(?:to|in|into|on|through)\s+the\s+)?(?:(?:far|further|immediate)\s+)?"
    r"(?:north|south|east|west)\w*\s+(?:and\s+(?:the\s+)?(?:north|south|east|west)\w*\s+)?(?:(?:countryside|outskirts|parts?|sides?|suburbs|flank|areas?|bank|"
    r"approaches)\s+)?of\b", re.IGNORECASE)


class ActiveMixin(BuilderBase):
    """Active and nominal draft builders (needs :class:`BuilderBase` state)."""

    def _drafts_active(self, trig, cl, clist, ci, s0, s1, hedged, kind, actor, side) -> Optional[list[EventDraft]]:
        """Active verbs: "drove IS out of A", "captured A and B", "withdrew from A toward B"."""
        text = self.text
        form = trig.form
        losing: Optional[str] = None
        toward: list[Slot] = []
        fallback = False
        places: list[Slot] = []
        if kind == "capture" and form == "expel":
            # "drove IS out of X": the place after "out of"/"from"
            tail = text[trig.end:cl.end]
            m = re.search(r"\b(?:out\s+of|from)\b", tail)
            if not m:
                self._skip(trig, "expel without place")
                return None
            objs, _ = self.forward_places(Trigger(trig.end + m.end(), trig.end + m.end(), "withdrawal", "v", ""),
                                          cl.end)
            victim = tail[:m.start()]
            if _NONCOMBATANT_RE.search(victim):
                self._skip(trig, "civilians displaced")   # "forced 33000 residents out of their homes"
                return None
            losing = self.side_of(victim, trig.start)
            losing = None if losing == "unknown" else losing
            places = objs[:1]
            pushed_back = bool(re.search(r"\sback$", trig.surface, re.IGNORECASE))
            if losing is not None and (side in ("unknown", losing) or pushed_back) and places:
                # "heavy shelling had forced the FSA from the town": the FSA withdraws;
                # "pushed back the army from X": the army withdraws, X is not said to be taken
                named = self.sides.find(victim)
                return [EventDraft("withdrawal", form, trig, named[0].surface if named else victim.strip(),
                                   losing, None, places[0], [], None, (s0, s1), (cl.start, cl.end),
                                   hedged, False)]
        else:
            both = re.match(r"\s+both\b(?!\s+(?:of\s+)?(?:the\s+)?[\w’'\-]+\s+and\b)(?!\s+[A-Z])", text[trig.end:trig.end + 60])
            if both and kind in _CONTROL_KINDS:
                # "shelled A and the town of B, capturing both": the last two places before it
                earlier = [s for s in self.slots_in(s0, trig.start) if self._usable(s, kind)]
                places = earlier[-2:] if len(earlier) >= 2 else []
                objs, toward = [], []
            elif _IT_OBJ_RE.match(text, trig.end) and kind in _CONTROL_KINDS:
                earlier = [s for s in self.slots_in(s0, trig.start) if self._usable(s, kind)]
                ref = earlier[-1] if earlier else self.focus_at(trig.start)
                if re.match(r"\s+them\b", text[trig.end:trig.end + 6], re.IGNORECASE) and \
                        _PLURAL_OBJ_RE.search(text, s0, trig.start):
                    ref = None     # "captured three villages from X before the SDF recaptured them"
                places = [ref] if ref is not None else []
                objs, toward = [], []
            elif form == "cut":
                places = self._road_places(trig, cl.end)
            else:
                objs, toward = self.forward_places(trig, cl.end)
                places = objs
                if not places and kind == "capture" and form == "v":
                    ante = self._antecedent(cl, kind, trig)   # "..., which rebel forces recaptured last Friday"
                    places = [ante] if ante is not None else []
        # the next clause continues a movement: "..., heading westward toward X and Y"
        bearing = bearing_of(text[trig.end:cl.end]) if kind in ("withdrawal", "advance") else None
        if kind in ("withdrawal", "advance") and ci + 1 < len(clist) and \
                clist[ci + 1].lead in ("heading", "moving", "fleeing", "retreating", "pushing"):
            nxt = clist[ci + 1]
            toward = toward + [s for s in self.slots_in(nxt.start, nxt.end) if s.kind != "region"]
            bearing = bearing_of(text[nxt.start:nxt.end]) if bearing is None else bearing
        if kind == "capture" and losing is None:
            m = re.search(r"\bfrom\s+([^,;.]{1,80})", text[trig.end:cl.end])
            if m:
                ls = self.side_of(m.group(1), trig.start)
                losing = ls if ls not in ("unknown", side) else None
        if kind == "withdrawal" and trig.surface.lower().startswith("fle") and \
                _WITH_FAMILIES_AFTER_RE.match(text, trig.end, cl.end):
            self._skip(trig, "fleeing with families")   # people leave; the side is not said to give X up
            return None
        if not places and kind == "withdrawal" and _DEICTIC_OBJ_RE.match(text, trig.end, cl.end):
            # "fighters from the villages of A and B have left the area": the places named before it
            before = [sl for sl in self.slots_in(s0, trig.start) if sl.kind in ("place", "reference")]
            for last in reversed(before):
                group = self._coordinated_before(last, s0)
                if _FROM_OF_BEFORE_RE.search(text, max(s0, group[0].start - 60), group[0].start):
                    places, fallback = group, True
                    break
        if not places and kind == "withdrawal" and not _OBJECT_AFTER_RE.match(text, trig.end, cl.end):
            # origin implicit: the last place before the trigger in the paragraph, else the focus;
            # with a destination only ("retreated east", "withdrew to X") the origin must be named
            # in this sentence or the one before (never the paragraph's focus)
            para = self._para_of(trig.start)
            origin = self._last_slot_before(trig.start, para, toward)
            taken = self._recently_taken(trig, side, s0, toward)
            if taken:
                # "captured A and B ..., before retreating back to X": it leaves what it took
                places, origin, fallback = taken, None, True
            elif toward or bearing is not None or _NO_ORIGIN_RE.match(text, trig.end, cl.end):
                i = bisect_left(self._sent_starts, s0) - 1 if self._sents_sorted else -1
                prev = self.sentences[i] if i >= 0 else None
                lo = prev.start if prev is not None and prev.paragraph == self._para_of(s0) else s0
                if origin is not None and origin.start < lo:
                    origin = None
            else:
                origin = origin or self.focus_at(trig.start)
            if origin is not None:
                places = [origin]
                fallback = True
        if kind == "advance" and form == "v" and places and _ADVANCE_MOVE_RE.match(trig.surface):
            # "advanced south of X", "advanced in the southern countryside of X": ground near X, no advance on X
            places = [p for p in places if not _DIRECTION_OF_RE.match(text[trig.end:p.start] + text[p.start:p.end])]
            if not places:
                self._skip(trig, "advance beside a place")
                return None
        if not places and kind in ("advance", "position"):
            # the trigger inside a spatial phrase: "are four kilometers away from Palmyra"
            around = [s for s in self.slots if s.start <= trig.start < s.end and s.kind == "offset"]
            if not around and form == "within":   # "within 5 km of X" inside an offset phrase
                around = [s for s in self.slots_in(max(cl.start, trig.start - 10), min(cl.end, trig.end + 80))
                          if s.kind == "offset" and s.start < trig.end]
            places = around[:1]
        if not places and kind in ("advance", "position"):
            # a spatial phrase without anchor in the clause ("advancing to within two kilometres")
            np_ = _NEW_PREDICATE_GAP_RE.search(text, trig.end, cl.end)
            offs = [s for s in self.slots_in(trig.end, np_.start() if np_ else cl.end) if s.kind == "offset"
                    and not _FROM_LEAD_RE.match(text, s.start, s.end)]   # not "southwards from X" (an origin)
            places = offs[:1]
        return self._finish_drafts(trig, cl, s0, s1, hedged, kind, actor, side, losing, places, toward,
                                   bearing, fallback)

    def _recently_taken(self, trig, side: str, s0: int, toward: list[Slot]) -> list[Slot]:
        """The places ``side`` captured or entered earlier in this sentence or the one before
        it (same paragraph), or another side captured earlier in this sentence: the origin of a
        withdrawal that names none (most recent trigger)."""
        if side == "unknown" or not self._drafts_log:
            return []
        i = bisect_left(self._sent_starts, s0) - 1 if self._sents_sorted else -1
        prev = self.sentences[i] if i >= 0 else None
        lo = prev.start if prev is not None and prev.paragraph == self._para_of(s0) else s0
        log = self._drafts_log
        for k in range(len(log) - 1, -1, -1):
            d = log[k]
            if d.sentence[0] < lo:
                break
            other = d.kind == "capture" and d.side not in ("unknown", side) and d.sentence[0] == s0
            if d.kind in ("capture", "entry") and (d.side == side or other) and d.trigger.start < trig.start \
                    and not d.fallback_place:
                # (another side's capture earlier in the same sentence: "capturing both after the
                # army evacuated" -- the army leaves what the other side took)
                same = []
                while k >= 0 and log[k].trigger == d.trigger:   # one trigger's drafts are contiguous
                    if log[k].kind == d.kind:
                        same.insert(0, log[k].slot)
                    k -= 1
                out: list[Slot] = []
                for sl in same:
                    if sl not in out and sl not in toward and sl.kind in ("place", "reference"):
                        out.append(sl)
                return out
        return []

    def _drafts_nominal(self, trig, cl, clist, ci, s0, s1, hedged, kind, actor, side) -> Optional[list[EventDraft]]:
        """Nominal triggers: "the capture of X by Y", "After the capture of A and B, the rebels ..."."""
        objs, toward = self.forward_places(trig, cl.end)
        if objs and kind == "capture":
            # "the capture of X by Y": the agent after the place wins it
            by = re.match(r"\s*,?\s*by\s+([^,;.]{1,60})", self.text[objs[-1].end:cl.end])
            if by is None and re.match(r"fall\b", trig.surface, re.IGNORECASE):
                by = re.match(r"\s*,?\s*(?:in)?to\s+([^,;.]{1,60})", self.text[objs[-1].end:cl.end])   # "the fall of X to Y"
            agent = self.side_of(by.group(1), trig.start) if by else "unknown"
            if agent != "unknown":
                named = self.sides.find(by.group(1))
                actor, side = (named[0].surface if named else by.group(1).strip()), agent
            lead = _NOMINAL_AFTER_RE.search(self.text, max(s0, trig.start - 30), trig.start)
            if lead and re.search(r"\b(?:days?|weeks?|months?|hours?|years?|shortly|soon|long|just)\s+"
                                  r"(?:after|following)\s+(?:the\s+)?$", self.text[max(s0, trig.start - 40):trig.start],
                                  re.IGNORECASE):
                self._skip(trig, "reference back with an offset")   # "two days after the capture of X"
                return None
            if lead and agent == "unknown":
                # "After the capture of A and B, the rebels turned to ...": the main clause's
                # subject took them, at the main clause's time
                comma = self.text.find(",", objs[-1].end, s1)
                head = self.text[comma + 1:min(s1, comma + 90)] if comma >= 0 else ""
                hs = self.side_of(head, trig.start) if head else "unknown"
                if hs != "unknown":
                    actor, side = self._actor_text(head), hs
                    return [EventDraft("capture", "nsub", trig, actor, side, None, p, [], None, (s0, s1),
                                       (cl.start, cl.end), hedged, False) for p in objs]
        return self._finish_drafts(trig, cl, s0, s1, hedged, kind, actor, side, None, objs, toward)
