"""Which places a trigger governs: the objects after an active verb (coordinated
lists, "from X toward Y", counted objects with a list), the subject place of "X fell to",
the antecedent of "which", the place of a cut road.

E.g. in "captured A and B, then shelled C" the capture governs A and B, not C.
"""
from __future__ import annotations

import re
from typing import Optional

from mapper.model import Slot
from mapper.extract.events.triggers import (
    Trigger, find_triggers
)
from mapper.extract.events.patterns import (
    _CAPTURE_GAP_BLOCK, _COORD_RE, _PLACE_REQUIRED_GAP, _POSS_BEFORE_RE, _TOWARD_RE,
    _MODIFIER_GAP_RE, _COUNT_OBJ_RE, _LIST_LEAD_RE, _LOC_TAIL_RE, _COORD_GLOSS_RE, _PART_OF_RE,
    _NONPLACE_OBJ_RE, _ROAD_GAP_RE, _NEW_PREDICATE_GAP_RE
)
from mapper.extract.events.base import BuilderBase

__all__ = ["PlaceMixin"]

#: "the hospital area of the town, as well as X": a reference after "of" only locates the item
_OF_GAP_RE = re.compile(r"^\s*of\s+(?:the\s+)?$", re.IGNORECASE)
#: a list item located by a name that is no slot: "A west of B and C", "A near B, and C"
_LOCATED_COORD_RE = re.compile(
    _MODIFIER_GAP_RE.pattern[:-1] + r"(?-i:[A-Z][\w’'\-]*)(?:\s+(?-i:[A-Z][\w’'\-]*)){0,2}\s*,?\s*"
    r"(?:and|as\s+well\s+as|along\s+with|together\s+with)\s+(?:the\s+)?(?:(?:towns?|villages?|hills?)\s+of\s+)?$",
    re.IGNORECASE)
#: an Arabic article left outside a slot: "and al-" before "Danaji"
_ARTICLE_TAIL_RE = re.compile(r"(?<=\s)(?:al|el|ad|ar|as|ash|at|az|an|ad|ed|es|et)-$", re.IGNORECASE)
#: "from (the town of)" right before a place
_FROM_TAIL_RE = re.compile(r"\b(?:from|out\s+of)\s+(?:the\s+)?(?:(?:town|city|village|area)\s+of\s+)?$", re.IGNORECASE)
#: an offset that is an origin: "southwards from X"
_FROM_LEAD_RE = re.compile(r"(?:[\w\-]+\s+){0,2}?(?:from|out\s+of)\s", re.IGNORECASE)
#: between a place and its relative pronoun: nothing, or an apposition "the key border town"
_APPOSITION_GAP_RE = re.compile(r"[\s,(]*(?:(?:the|a|an|its)\s+(?:[\w’'\-]+\s+){0,4}?(?:town|city|village|hill|"
                                r"hilltop|district|neighbou?rhood|base|airbase|stronghold|area|crossing|dam)[\s,]*)?",
                                re.IGNORECASE)
#: one unnamed item before an offset: " a village ", " another hill "
_ONE_ITEM_GAP_RE = re.compile(r"\s+(?:a|an|one|another)\s+(?:small\s+|strategic\s+|nearby\s+)?(?:village|town|hill|"
                              r"hilltop|farm|position|point)\s+", re.IGNORECASE)
_DISTANCE_RE = re.compile(r"\d|kilomet|\bkm\b|\bmiles?\b|\bmet(?:er|re)s\b", re.IGNORECASE)
#: only feature words between a list item and an offset: " villages ", " "
_FEATURE_ONLY_GAP_RE = re.compile(r"\s*(?:(?:towns?|villages?|hills?|farms?|areas?|positions?|districts?|"
                                  r"neighbou?rhoods?)\s*)?", re.IGNORECASE)
#: the locating preposition an offset slot starts with ("near X", "around X")
_LOCATIVE_LEAD_RE = re.compile(r"(?:near|around|outside|close\s+to|in\s+the\s+vicinity\s+of|"
                               r"(?:to\s+the\s+)?(?:north|south|east|west)\w*\s+of)\s+", re.IGNORECASE)

#: the gap before a place that only locates the previous list item: "X village in " (+ "Y's outskirts")
_IN_GAP_RE = re.compile(r"^\s*(?:[a-z]+\s+)?(?:in|inside|on)\s+$")


#: withdrawal verbs that take the place left as their object ("evacuated / abandoned / left / vacated X")
_LEAVE_VERB_RE = re.compile(r"(?:evacuat|abandon|left\b|leav|vacat|quit|pull)", re.IGNORECASE)
#: an installation of the mover in a place, as the object of a leave verb: "its headquarters in",
#: "their remaining positions inside the town of", "the army base at"
_INSTALLATION_GAP_RE = re.compile(
    r"\s+(?:out\s+of\s+)?(?:(?:its|their|his|her|the|all|all\s+of\s+(?:its|their|the)|remaining|last|main|former|"
    r"military|army|local|regional|forward|front-?line|command|[A-Z][\w\-’']*|[\w\-]+-held)\s+){0,3}"
    r"(?:headquarters|HQs?|bases?|positions?|barracks|posts?|outposts?|garrisons?|strongholds?|checkpoints?|"
    r"offices?|command\s+cent(?:er|re)s?)\s+(?:in|at|inside)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?",
    re.IGNORECASE)
#: the installation is relocated, not given up: "evacuated its headquarters in X and (the convoys)
#: moved / drove to the town of Y" (the mover keeps X; the headquarters moved)
_RELOCATED_RE = re.compile(r"[^.;]{0,160}?\b(?:moved|drove|relocated|transferred|headed|went|travell?ed)\s+"
                           r"(?:(?:it|them|back|east|west|north|south)\s+)?to\s+(?:the\s+(?:town|city|village)\s+of\s+)?"
                           r"(?-i:[A-Z])", re.IGNORECASE)

class PlaceMixin(BuilderBase):
    """Place collection for a trigger (needs :class:`BuilderBase` state)."""

    def forward_places(self, trig: Trigger, clause_end: int) -> tuple[list[Slot], list[Slot]]:
        """(object places, toward places) governed by a forward-looking trigger."""
        text = self.text
        objs: list[Slot] = []
        toward: list[Slot] = []
        cur: Optional[list[Slot]] = None
        last_end = trig.end
        counted = self._counted_object(trig)
        skipped_any = False
        glossed = False
        for s in self.slots_in(trig.end, clause_end):
            if s.start < last_end:
                continue           # a slot nested in the previous one ("al-Tal neighborhoods in the city")
            if not self._usable(s, trig.kind):
                last_end = s.end
                continue
            gap = _ARTICLE_TAIL_RE.sub("", text[last_end:s.start])   # "A and al-B" with the slot on "B"
            gap_from_trigger = text[trig.end:s.start]
            if counted and cur is None and s.kind == "offset" and _ONE_ITEM_GAP_RE.fullmatch(gap_from_trigger) \
                    and _DISTANCE_RE.search(text, s.start, s.end):
                objs.append(s)     # "captured a village three kilometers from X": one place, located by distance
                break
            if counted and cur is None:
                if len(gap_from_trigger) > 2 * _PLACE_REQUIRED_GAP or _PART_OF_RE.search(gap) or \
                        _ROAD_GAP_RE.search(gap):
                    break
                if self._counted_list_opens(s, gap, gap_from_trigger, skipped_any):
                    cur = objs
                    cur.append(s)
                else:
                    skipped_any = True
                last_end = s.end
                continue
            if cur is not None:
                step = self._list_step(trig, s, gap, glossed)
                if step != "locate":
                    glossed = step == "gloss"
                if step == "stop":
                    break                  # another phrase: not governed by the trigger
                if step == "toward":
                    cur = toward           # "from X toward Y"
                if step != "locate":
                    cur.append(s)
                last_end = s.end
                continue
            step = self._first_object_step(trig, s, gap_from_trigger)
            if step == "stop":
                break
            if step == "skip":
                last_end = s.end
                continue
            cur = toward if step == "toward" else objs
            cur.append(s)
            last_end = s.end
        return objs, toward

    def _counted_object(self, trig: Trigger) -> bool:
        """True when the trigger's object is counted ("captured 10 more villages near X, including
        A, B and C", "withdrew from six villages near X"): places before the named list only
        locate it, the names of the list are the objects."""
        text = self.text
        counted = trig.kind in ("capture", "control") and trig.form not in ("lost",) and \
            _COUNT_OBJ_RE.match(text, trig.end) is not None
        if trig.kind == "withdrawal" and not counted:
            fm = re.match(r"\s+(?:from|out\s+of)(?=\s)", text[trig.end:trig.end + 12])
            counted = fm is not None and _COUNT_OBJ_RE.match(text, trig.end + fm.end()) is not None
        return counted

    def _counted_list_opens(self, s: Slot, gap: str, gap_from_trigger: str, skipped_any: bool) -> bool:
        """True when slot ``s`` opens the named list after a counted object (", including A"),
        not after a second verb or a locating place ("captured 8 villages, and cut the road
        between X and Y", "captured 2 villages near X and Y")."""
        lead = _LIST_LEAD_RE.search(gap)
        if s.kind == "offset" and _LOCATIVE_LEAD_RE.match(self.text, s.start):
            lead = None    # "captured two villages, near X": X only locates them
        return bool(lead) and not _MODIFIER_GAP_RE.match(gap) and \
            not re.search(r"\b(?!(?:including|during|following|according|regarding|concerning|"
                          r"surrounding|neighbou?ring|remaining|adjoining|bordering)\b)\w{3,}(?:ed|ing)\b",
                          gap_from_trigger) and \
            not (skipped_any and re.match(r"\s*(?:and|as\s+well\s+as|along\s+with|together\s+with)\b",
                                          gap, re.IGNORECASE))

    def _list_step(self, trig: Trigger, s: Slot, gap: str, glossed: bool) -> str:
        """What slot ``s`` is after a list item: "locate" (it only locates the previous item:
        "X, outside Y, and Z"), "item" (coordinated: "X and Y"), "gloss" (an item after an
        unknown one: "A, B (B')"), "toward" ("from X toward Y") or "stop" (another phrase)."""
        text = self.text
        if _MODIFIER_GAP_RE.match(gap) or _OF_GAP_RE.match(gap) or (
                _IN_GAP_RE.match(gap) and (s.kind == "offset" or (
                    _LOC_TAIL_RE.match(text[s.end:s.end + 60]) and text[s.end:s.end + 1] in ("'", "’")))):
            return "locate"        # "X, outside Y, and Z" / "X in Y's outskirts, and Z": Y only locates X
        if s.kind == "offset" and _FEATURE_ONLY_GAP_RE.fullmatch(gap):
            return "locate"        # "A and B villages north of X": the offset only locates the list
        if glossed and gap.startswith(")"):
            gap = gap[1:]          # after "B (B')": the list goes on
        tail = _LOC_TAIL_RE.match(gap)
        if _COORD_RE.match(gap) or (tail is not None and _COORD_RE.match(gap[tail.end():])) or \
                _LOCATED_COORD_RE.match(gap):   # "A west of B and C" (B no slot): B only locates A
            return "item"          # "X and Y", "X in the city centre, and Y": same role as X
        if _COORD_GLOSS_RE.match(gap):
            return "gloss"         # "A, B (B'), C" with B unknown: B' is the item
        if trig.kind in ("withdrawal", "advance") and len(gap) < 60 and _TOWARD_RE.search(gap):
            return "toward"
        return "stop"

    def _first_object_step(self, trig: Trigger, s: Slot, gap_from_trigger: str) -> str:
        """What slot ``s`` is as the trigger's first object: "obj", "toward" (a withdrawal's
        destination), "skip" (the start of an advance: "advanced southwards from X") or "stop"
        (not governed: a part of it, a person near it, another predicate before it)."""
        text = self.text
        if len(gap_from_trigger) > _PLACE_REQUIRED_GAP:
            return "stop"
        loc = _LOCATIVE_LEAD_RE.match(text, s.start) if s.kind == "offset" else None
        if loc is not None:   # "overran positions near X": the offset's own preposition counts
            gap_from_trigger = gap_from_trigger + loc.group(0)
        if trig.kind == "advance" and trig.form == "v" and (
                _FROM_TAIL_RE.search(gap_from_trigger) or
                (s.kind == "offset" and _FROM_LEAD_RE.match(text, s.start, s.end))):
            return "skip"      # "advanced southwards from X, ...": X is where the advance starts
        if trig.kind == "advance" and trig.form == "v" and (
                _ROAD_GAP_RE.search(gap_from_trigger) or
                any(t.kind in ("capture", "entry", "control") for t in find_triggers(text, trig.end, s.start, scan=self.trigger_scan))):
            return "stop"      # "reaching the road between X and Y", "advancing from the north seized X"
        if trig.form not in ("within", "cut") and _NEW_PREDICATE_GAP_RE.search(gap_from_trigger):
            return "stop"      # "advanced, taking control of four villages west of X": X is the gerund's
        if trig.kind == "withdrawal" and trig.form in ("v",) and \
                (_PART_OF_RE.search(gap_from_trigger) or _NONPLACE_OBJ_RE.search(gap_from_trigger)) and \
                not re.search(r"\b(?:from|out\s+of)\s+(?:the\s+)?(?:[\w’'\-]+\s+){0,3}$", gap_from_trigger) and \
                not (_LEAVE_VERB_RE.match(trig.surface) and _INSTALLATION_GAP_RE.fullmatch(gap_from_trigger)
                     and not _RELOCATED_RE.match(text, s.end)):
            # (but "evacuated / abandoned / left its headquarters in X" is a withdrawal from X,
            # whatever governs the verb: "had to evacuate their base in X")
            return "stop"      # "withdrew its fighters near X", "evacuated wounded in X": not X itself
        if trig.kind == "advance" and trig.form == "v" and _PART_OF_RE.search(gap_from_trigger):
            return "stop"      # "reached YPG positions in X", "advancing in several areas in X"
        if trig.kind in ("capture", "entry", "control") and trig.form != "lost" and \
                (_PART_OF_RE.search(gap_from_trigger) or _NONPLACE_OBJ_RE.search(gap_from_trigger) or
                 re.match(r"['’]s\s+(?!(?:and|or|as)\b)[a-z]", text[s.end:s.end + 12])):
            return "stop"      # "seized buildings in X", "captured two soldiers near X": not X itself
        if trig.kind == "withdrawal" and _TOWARD_RE.search(gap_from_trigger):
            return "toward"
        if trig.kind in ("capture", "entry", "destruction", "control") and trig.form != "lost" \
                and _CAPTURE_GAP_BLOCK.search(gap_from_trigger):
            return "stop"
        return "obj"

    def place_before(self, trig: Trigger, clause_start: int, sent_start: int) -> Optional[Slot]:
        """The subject place of "X fell to" / "X was captured by" / "its fall to"."""
        pre = self.text[clause_start:trig.start]
        cands = [s for s in self.slots_in(clause_start, trig.start) if self._usable(s, trig.kind)]
        if cands and len(self.text[cands[-1].end:trig.start]) < 60:
            return cands[-1]
        if _POSS_BEFORE_RE.search(pre) or re.search(r"\b(?:it|the\s+(?:city|town|village))\s+(?:was\s+|were\s+)?$", pre,
                                                   re.IGNORECASE):
            earlier = [s for s in self.slots_in(sent_start, trig.start) if self._usable(s, trig.kind)]
            if earlier:
                return earlier[-1]
            for d in reversed(self._drafts_log):   # "regained the village two days after it was seized"
                if d.sentence[0] == sent_start and d.trigger.start < trig.start and d.slot.kind == "place":
                    return d.slot
                if d.sentence[0] != sent_start:
                    break
            return self.focus_at(trig.start)
        return None

    def _coordinated_before(self, last: Slot, clause_start: int) -> list[Slot]:
        """``last`` and the places coordinated with it before it in its clause: the subject list
        of "A, the nearby town of B and C were seized by X" (in text order)."""
        out = [last]
        for s in reversed(self.slots_in(clause_start, last.start)):
            if s.end > out[0].start or not self._usable(s, "capture"):
                continue
            if not _COORD_RE.match(_ARTICLE_TAIL_RE.sub("", self.text[s.end:out[0].start])):
                break
            out.insert(0, s)
        return out

    def _antecedent(self, cl, kind: str, trig: Optional[Trigger] = None) -> Optional[Slot]:
        """The place a relative clause refers back to: "Palmyra, which IS recaptured in May",
        "the city of Palmyra which it had lost in March to the army"."""
        text = self.text
        pos = None
        if trig is not None:
            for m in re.finditer(r"\b(?:which|that)\b", text[cl.start:trig.start], re.IGNORECASE):
                pos = cl.start + m.start()
        if pos is None:
            if cl.lead not in ("which", "that") and \
                    not re.match(r"\s*(?:which|that)\b", text[cl.start:cl.start + 8], re.IGNORECASE):
                return None
            pos = cl.start
        for sl in reversed(self.slots_in(max(0, pos - 120), pos)):
            if self._usable(sl, kind) and _APPOSITION_GAP_RE.fullmatch(text, sl.end, pos):
                return sl
            break
        return None

    def _road_places(self, trig: Trigger, clause_end: int) -> list[Slot]:
        """The place of "cut the X-Y road" / "severed the road between X and Y": the place the
        paragraph is about when the road names it, else the first place the road names."""
        text = self.text
        # names inside the trigger ("the X-Y road"), or a road mention that starts inside it
        # ("the road between X and Y" as one slot of mentions)
        names = [s for s in self.slots_in(trig.start, clause_end) if s.start < trig.end and self._usable(s, "advance")]
        after = re.match(r"\s*(?:[\w\-–]+\s+){0,2}?(?:between|to|from|linking|connecting|leading\s+to|of|"
                         r"into|towards?)\s+", text[trig.end:clause_end])
        if after:
            objs, _ = self.forward_places(Trigger(trig.end + after.end(), trig.end + after.end(), "advance", "v", ""),
                                          clause_end)
            names += objs
        if not names:
            return []
        focus = self.focus_at(trig.start)
        for s in names:
            if focus is not None and (s.key or s.name) == (focus.key or focus.name):
                return [s]
        return names[:1]
