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
    Trigger
)
from mapper.extract.events.patterns import (
    _CONTROL_KINDS, _IT_OBJ_RE, _NONCOMBATANT_RE, _NO_ORIGIN_RE, _WITH_FAMILIES_AFTER_RE,
    _OBJECT_AFTER_RE, _NOMINAL_AFTER_RE, _NEW_PREDICATE_GAP_RE, _PLURAL_OBJ_RE
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


#: the object refers back to the last N places: "capturing both", "seized the two villages", "took them both"
_NUMBER_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4}
_BACK_LIST_RE = re.compile(
    r"\s+(?:(?P<both>both)\b(?!\s+(?:of\s+)?(?:the\s+)?[\w’'\-]+\s+and\b)(?!\s+(?-i:[A-Z]))"
    r"(?:\s+(?:of\s+)?(?:them|the\s+(?:villages|towns|hills|places|areas|positions|bases|cities)))?"
    r"|them\s+(?P<both2>both)|(?:all\s+)?the\s+(?P<n>two|three|four)\s+(?:villages|towns|hills|hilltops|places|areas|"
    r"positions|bases|cities|neighbou?rhoods|districts|settlements)\b)", re.IGNORECASE)
#: a deictic object: "recaptured the village" = the last place named before it
_DEICTIC_PLACE_RE = re.compile(r"\s+the\s+(?:besieged\s+|nearby\s+|same\s+|strategic\s+|contested\s+|embattled\s+)?"
                               r"(village|town|city|hill|hilltop|base|airbase|airport|dam|district|neighbou?rhood)\b"
                               r"(?!\s+(?:of|centre|center|outskirts|itself)\b)(?!['’])(?!\s+(?-i:[A-Z]))", re.IGNORECASE)
#: "recaptured all the points it lost": the places another side took from this one
_LOST_BACK_RE = re.compile(r"\s+(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:[\w\-]+\s+)?(?:points|positions|villages|areas|"
                           r"ground|territory|territories|sites|towns|hills|locations|places)\s+(?:that\s+|which\s+)?"
                           r"(?:[\w\-]+\s+){0,2}?(?:had\s+|has\s+|have\s+)?(?:previously\s+|earlier\s+|just\s+)?lost\b",
                           re.IGNORECASE)
#: what may stand between "stormed" and the place it enters: "stormed X", "stormed into the town of X"
_STORM_OBJ_GAP_RE = re.compile(r"\s+(?:into\s+)?(?:the\s+)?(?:(?:besieged\s+|rebel-held\s+|nearby\s+)?(?:town|city|village|"
                               r"base|airbase|air\s+base|airport|district|neighbou?rhood|hill|hilltop|camp|prison)\s+(?:of\s+)?)?"
                               r"(?:(?:[\w\-]+\s+)?(?:village|town)\s+of\s+)?", re.IGNORECASE)
#: a part of a place's defences inside the object slot: "the eastern gates of the base"
_STORM_PART_RE = re.compile(r"\b(?:gates?|defen[cs]es|axis|walls?|perimeter|entrances?|outskirts|edges?|positions?|lines?|"
                            r"fortifications|frontlines?|checkpoints?|outposts?)\s+(?:of|at|to)\b", re.IGNORECASE)
#: a proper noun that is no slot: the pronoun may refer to it ("attacked Dadat again, storming it")
_PROPER_RE = re.compile(r"(?<![.!?:]\s)(?<!^)\b(?!(?:On|In|At|By|The|After|Before|During|Later|Monday|Tuesday|Wednesday|"
                        r"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)\b)[A-Z][a-z’'\-]+")
#: a counted deictic origin: "out of the two Shiite villages", "from the three besieged towns"
_COUNTED_BACK_RE = re.compile(r"\s+(?:from\s+|out\s+of\s+)?the\s+(two|three|four)\s+(?:(?-i:[A-Z])[\w\-]+\s+|besieged\s+|"
                              r"encircled\s+|rebel-held\s+|government-held\s+|regime-held\s+|nearby\s+)?"
                              r"(?:villages|towns|cities|neighbou?rhoods|districts|areas|enclaves)\b", re.IGNORECASE)
#: coordination after a pronoun object: "seized it in addition to X", "took it and X"
_IT_COORD_RE = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as|in\s+addition\s+to|along\s+with|together\s+with|plus)\s",
                          re.IGNORECASE)


class ActiveMixin(BuilderBase):
    """Active and nominal draft builders (needs :class:`BuilderBase` state)."""

    def _drafts_active(self, trig, cl, clist, ci, s0, s1, hedged, kind, actor, side) -> Optional[list[EventDraft]]:
        """Active verbs: "drove IS out of A", "captured A and B", "withdrew from A toward B"."""
        text = self.text
        losing: Optional[str] = None
        toward: list[Slot] = []
        fallback = False
        if kind == "capture" and trig.form == "expel":
            done, places, losing = self._expel_objects(trig, cl, s0, s1, hedged, side)
            if places is None:
                return done        # the victim's withdrawal, or None (skipped)
        else:
            places, toward = self._active_objects(trig, cl, s0, kind, side)
        if kind == "entry" and trig.surface.lower().startswith("storm") and places:
            # "stormed X" / "stormed the town of X" is an entry; "stormed the army defenses at X",
            # "stormed the eastern gates of the base" is an attack on it (no claim of being inside)
            entered = [p for p in places if p.start < trig.end or (
                _STORM_OBJ_GAP_RE.fullmatch(text, trig.end, p.start) and not _STORM_PART_RE.search(p.surface or ""))]
            if not entered:
                kind = "attack"     # an attack on the place, as before "stormed" became an entry
            places = entered or places
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
        if not places and kind == "withdrawal":
            places, fallback = self._withdrawal_origin(trig, cl, s0, side, toward, bearing)
        if kind == "advance" and trig.form == "v" and places and _ADVANCE_MOVE_RE.match(trig.surface):
            # "advanced south of X", "advanced in the southern countryside of X": ground near X, no advance on X
            places = [p for p in places if not _DIRECTION_OF_RE.match(text[trig.end:p.start] + text[p.start:p.end])]
            if not places:
                self._skip(trig, "advance beside a place")
                return None
        if not places and kind in ("advance", "position"):
            places = self._spatial_places(trig, cl)
        return self._finish_drafts(trig, cl, s0, s1, hedged, kind, actor, side, losing, places, toward,
                                   bearing, fallback)

    def _expel_objects(self, trig, cl, s0, s1, hedged, side):
        """ "drove IS out of X": (drafts, None, None) when the victim only withdraws or the
        trigger is skipped (drafts None), else (None, places, losing side)."""
        text = self.text
        tail = text[trig.end:cl.end]
        m = re.search(r"\b(?:out\s+of|from)\b", tail)
        if not m:
            self._skip(trig, "expel without place")
            return None, None, None
        objs, _ = self.forward_places(Trigger(trig.end + m.end(), trig.end + m.end(), "withdrawal", "v", ""),
                                      cl.end)
        victim = tail[:m.start()]
        if _NONCOMBATANT_RE.search(victim):
            self._skip(trig, "civilians displaced")   # "forced 33000 residents out of their homes"
            return None, None, None
        losing = self.side_of(victim, trig.start)
        losing = None if losing == "unknown" else losing
        places = objs[:1]
        pushed_back = bool(re.search(r"\sback$", trig.surface, re.IGNORECASE))
        if losing is not None and (side in ("unknown", losing) or pushed_back) and places:
            # "heavy shelling had forced the FSA from the town": the FSA withdraws;
            # "pushed back the army from X": the army withdraws, X is not said to be taken
            named = self.sides.find(victim)
            return [EventDraft("withdrawal", trig.form, trig, named[0].surface if named else victim.strip(),
                               losing, None, places[0], [], None, (s0, s1), (cl.start, cl.end),
                               hedged, False)], None, None
        return None, places, losing

    def _active_objects(self, trig, cl, s0: int, kind: str, side: str) -> tuple[list[Slot], list[Slot]]:
        """(places, toward places) of an active verb: references back ("capturing both", "seized
        it", "all the points it lost"), a cut road, the objects after it, the antecedent of
        "which", a deictic "the village"."""
        text = self.text
        both = _BACK_LIST_RE.match(text, trig.end, min(cl.end, trig.end + 60))
        it = _IT_OBJ_RE.match(text, trig.end)
        if both and kind in _CONTROL_KINDS:
            # "shelled A and the town of B, capturing both": the last two places before it
            n = _NUMBER_WORDS[(both.group("n") or "both").lower()]
            earlier = [s for s in self.slots_in(s0, trig.start) if self._usable(s, kind)]
            return (earlier[-n:] if len(earlier) >= n else []), []
        if it and kind in _CONTROL_KINDS:
            return self._it_places(trig, it.end(), cl, s0, kind), []
        if kind in ("capture", "control") and _LOST_BACK_RE.match(text, trig.end, cl.end):
            return self._lost_back(trig, side, s0), []   # "recaptured all the points it lost"
        if trig.form == "cut":
            return self._road_places(trig, cl.end), []
        places, toward = self.forward_places(trig, cl.end)
        if not places and kind == "capture" and trig.form == "v":
            ante = self._antecedent(cl, kind, trig)   # "..., which rebel forces recaptured last Friday"
            places = [ante] if ante is not None else []
        if not places and kind in ("capture", "entry"):
            places = self._deictic_place(trig, cl.end, s0)   # "recaptured the village"
        return places, toward

    def _withdrawal_origin(self, trig, cl, s0: int, side: str, toward: list[Slot],
                           bearing: Optional[float]) -> tuple[list[Slot], bool]:
        """(places, fallback) of a withdrawal that names no origin: the places named before a
        deictic object ("left the area"), what the side just took, the last place of the
        paragraph or its focus (with a destination only, a place of this or the last sentence)."""
        text = self.text
        if _DEICTIC_OBJ_RE.match(text, trig.end, cl.end):
            # "fighters from the villages of A and B have left the area": the places named before it
            before = [sl for sl in self.slots_in(s0, trig.start) if sl.kind in ("place", "reference")]
            for last in reversed(before):
                group = self._coordinated_before(last, s0)
                if _FROM_OF_BEFORE_RE.search(text, max(s0, group[0].start - 60), group[0].start):
                    return group, True
        counted = _COUNTED_BACK_RE.match(text, trig.end, cl.end)
        if counted:
            n = _NUMBER_WORDS[counted.group(1).lower()]
            para = self._para_of(trig.start)
            lo = max(0, trig.start - 600)
            named = [s for s in self.slots_in(lo, trig.start) if s.kind == "place" and self._para_of(s.start) == para]
            group = self._coordinated_before(named[-1], lo) if named else []
            # the places of one list ("A and B"), never places picked from separate phrases
            return (group[-n:], True) if len(group) >= n else ([], False)
        if _OBJECT_AFTER_RE.match(text, trig.end, cl.end):
            return [], False
        # origin implicit: the last place before the trigger in the paragraph, else the focus;
        # with a destination only ("retreated east", "withdrew to X") the origin must be named
        # in this sentence or the one before (never the paragraph's focus)
        para = self._para_of(trig.start)
        origin = self._last_slot_before(trig.start, para, toward)
        taken = self._recently_taken(trig, side, s0, toward)
        if taken:
            return taken, True     # "captured A and B ..., before retreating back to X": it leaves what it took
        if toward or bearing is not None or _NO_ORIGIN_RE.match(text, trig.end, cl.end):
            i = bisect_left(self._sent_starts, s0) - 1 if self._sents_sorted else -1
            prev = self.sentences[i] if i >= 0 else None
            lo = prev.start if prev is not None and prev.paragraph == self._para_of(s0) else s0
            if origin is not None and origin.start < lo:
                origin = None
        else:
            origin = origin or self.focus_at(trig.start)
        return ([origin], True) if origin is not None else ([], False)

    def _spatial_places(self, trig, cl) -> list[Slot]:
        """The offset slot of an advance / position with no place: the trigger inside a spatial
        phrase ("are four kilometers away from Palmyra"), or an offset with no anchor in the
        clause ("advancing to within two kilometres")."""
        text = self.text
        around = [s for s in self.slots if s.start <= trig.start < s.end and s.kind == "offset"]
        if not around and trig.form == "within":   # "within 5 km of X" inside an offset phrase
            around = [s for s in self.slots_in(max(cl.start, trig.start - 10), min(cl.end, trig.end + 80))
                      if s.kind == "offset" and s.start < trig.end]
        if around:
            return around[:1]
        np_ = _NEW_PREDICATE_GAP_RE.search(text, trig.end, cl.end)
        offs = [s for s in self.slots_in(trig.end, np_.start() if np_ else cl.end) if s.kind == "offset"
                and not _FROM_LEAD_RE.match(text, s.start, s.end)]   # not "southwards from X" (an origin)
        return offs[:1]

    def _it_places(self, trig, it_end: int, cl, s0: int, kind: str) -> list[Slot]:
        """The places of "seized it" / "recaptured them": the last place before the trigger in
        the sentence, else the paragraph's focus; plus the places coordinated after the
        pronoun ("seized it in addition to X")."""
        text = self.text
        earlier = [s for s in self.slots_in(s0, trig.start) if self._usable(s, kind)]
        ref = earlier[-1] if earlier else None
        if ref is None and self._unknown_name_before(s0, trig.start):
            return []      # "ISIL attacked Dadat again, storming it": "it" is a name the gazetteer lacks
        if ref is None:
            prev = self._last_slot_before(trig.start, self._para_of(trig.start), [])
            ref = prev if prev is not None and prev.kind == "place" else self.focus_at(trig.start)
        if re.match(r"\s+them\b", text[trig.end:trig.end + 6], re.IGNORECASE) and \
                _PLURAL_OBJ_RE.search(text, s0, trig.start):
            ref = None     # "captured three villages from X before the SDF recaptured them"
        places = [ref] if ref is not None else []
        if places and _IT_COORD_RE.match(text, it_end, cl.end):
            objs, _ = self.forward_places(Trigger(it_end, it_end, trig.kind, trig.form, ""), cl.end)
            places += [o for o in objs if o not in places and o.kind != "offset"]
        return places

    def _unknown_name_before(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` holds a capitalised word (not at the sentence start) that
        is neither a slot nor inside a side phrase: a place the gazetteer does not know."""
        spans = [(m.start, m.end) for m in self.mentions_in(start, end)]
        for m in _PROPER_RE.finditer(self.text, start, end):
            if m.start() == start or any(a <= m.start() < b for a, b in spans):
                continue
            return True
        return False

    def _deictic_place(self, trig, clause_end: int, s0: int) -> list[Slot]:
        """ "recaptured the village", "managing to seize the town": the last place of the same
        paragraph named with that noun ("the village of X", "X village"), else the last place
        slot of this sentence or the one before."""
        m = _DEICTIC_PLACE_RE.match(self.text, trig.end, clause_end)
        if m is None:
            return []
        noun = m.group(1).lower()
        para = self._para_of(trig.start)
        i = bisect_left(self._sent_starts, s0) - 1 if self._sents_sorted else -1
        prev = self.sentences[i] if i >= 0 else None
        lo = prev.start if prev is not None and prev.paragraph == para else s0
        cands = [s for s in self.slots_in(lo, trig.start) if s.kind == "place" and s.location is not None]
        for s in reversed(cands):
            before = self.text[max(0, s.start - 25):s.start].lower()
            after = self.text[s.end:s.end + 12].lower()
            if re.search(noun + r"s?\s+of\s+(?:the\s+)?$", before) or after.lstrip().startswith(noun):
                return [s]
        return cands[-1:] if noun in ("village", "town", "city") else []

    def _lost_back(self, trig, side: str, s0: int) -> list[Slot]:
        """ "recaptured all the points it lost": the places the most recent capture by another
        side took in this paragraph (or the last 600 characters)."""
        if side == "unknown":
            return []
        para = self._para_of(trig.start)
        log = self._drafts_log
        for k in range(len(log) - 1, -1, -1):
            d = log[k]
            if d.trigger.start >= trig.start:
                continue
            if self._para_of(d.trigger.start) != para and trig.start - d.trigger.start > 600:
                break
            if d.kind == "capture" and d.side not in ("unknown", side) and not d.fallback_place:
                return [x.slot for x in log if x.trigger == d.trigger and x.kind == "capture"
                        and x.slot.kind in ("place", "reference")]
        return []

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
