"""Draft builders for the passive and inverted shapes: "X fell to Y", "X was captured
(by Y)", "X had been cleared of IS", "X was besieged by Y", "X lost A (to Y)", "IS was
driven out of A (by Y)".

E.g. "Tal Abyad fell to the YPG" -> capture by sdf of Tal Abyad, losing side from the subject.
"""
from __future__ import annotations

import re
from typing import Optional

from mapper.model import Slot
from mapper.extract.events.triggers import (
    Trigger, _CTRL_STATE_IN
)
from mapper.extract.events.patterns import (
    _COORD_RE, _HPASS_GAP_RE, _HPASS_SUBJECT_RE, _IT_OBJ_RE, _LOST_OBJ_GAP_RE, _LOST_TO_GAP_RE,
    _LOST_IN_ATTACK_RE, _PART_OF_RE
)
from mapper.extract.events.base import BuilderBase, EventDraft, bearing_of

__all__ = ["PassiveMixin"]

#: a passive auxiliary right before a participle: "was taken", "had been reportedly taken"
_BE_AUX_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:(?:\w+ly|also|again|later|then|soon)\s+){0,2}$",
                               re.IGNORECASE)
#: a passive auxiliary (lower case: "IS" is a side) right before a participle trigger
_LOWER_AUX_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:(?:\w+ly|also|again|later|then|soon)\s+){0,2}$")
#: only auxiliaries and adverbs between a subject place and "had fallen" / "returned to X control"
_ADJACENT_GAP_RE = re.compile(r"[\s,]*(?:(?:\w+ly|also|then|later|finally|eventually|soon|itself|too|again|once|"
                              r"had|has|have|was|were|is|are|by\s+then|already|now|ultimately)[\s,]+)*", re.IGNORECASE)
#: an exception inside a subject: "the city except the district of X"
_EXCEPT_RE = re.compile(r"\b(?:except|excluding|apart\s+from|other\s+than|save\s+for|but\s+for)\b", re.IGNORECASE)
#: the side phrase inside a control phrase: "to regime control", "under IS control", "rebel-held"
_CTRL_SIDE_RE = re.compile(r"\b(?:under|to|be|in|again|back|now|more|are|is|was|were|been)\s+(?:the\s+)?"
                           r"(?:full\s+|complete\s+|total\s+|firm\s+)?"
                           r"((?:[\w\-’']+\s+){0,2}?[\w\-’']+?)(?:-(?:held|controlled)|\s+control|\s+hands)$", re.IGNORECASE)
#: a change marker in a control state phrase: "was again / back / once more / now under X control", "ended up in"
_CTRL_MARK_RE = re.compile(r"\b(?:again|back|now|once\s+more|ended\s+up)\b", re.IGNORECASE)
#: a change of hands before the state in the same sentence: "X changed hands twice; by Friday it was ..."
_CHANGED_HANDS_RE = re.compile(r"\bchang(?:ed|ing|es)\s+hands\b", re.IGNORECASE)
#: "by <time>" right after a control state or opening the sentence: the state was reached by then
_BY_TIME_PHRASE = (r"by\s+(?:the\s+)?(?:(?:end|middle)\s+of\s+(?:the\s+)?\w+|(?:following|next|same|early|late)\s+\w+|"
                   r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                   r"\d|nightfall|dawn|morning|evening|afternoon|midnight|noon|today|tonight)")
_BY_TIME_AFTER_RE = re.compile(r"\s*,?\s*(?:\w+ly\s+)?" + _BY_TIME_PHRASE, re.IGNORECASE)
_BY_TIME_LEAD_RE = re.compile(r"\s*(?:and\s+|but\s+|then\s+)?" + _BY_TIME_PHRASE + r"[^,;]{0,30},", re.IGNORECASE)
#: the end state of a bare "X changed hands" later in its sentence: "... before rebels finally held
#: it", "... until it ended up under IS control" (no "while / but" clause of another subject between)
_CTRL_LATER_RE = re.compile(
    r"(?:(?!\b(?:while|whereas|but|although|though)\b)[^.;]){0,80}?\b(?:before|until|till|when|and|with|as)\s+"
    r"(?:(?P<holder>(?:the\s+)?(?:[\w\-’']+\s+){1,3}?)(?:(?:finally|eventually|ultimately|firmly|again|\w+ly)\s+)?"
    r"(?:held|kept|retained|controlled)\s+(?:it|the\s+(?:town|city|village|area|hill|base))\b"
    r"|(?:it\s+)?(?:(?:was|were|is|had\s+been|has\s+been|finally|eventually|ultimately|ending\s+up|ended\s+up|"
    r"remaining|staying|left)\s+)*(?P<state>" + _CTRL_STATE_IN + r"))", re.IGNORECASE)
#: "After / Following changing hands three times, X ...": X (after the comma) is the subject
_CHANGE_LEAD_RE = re.compile(r"\b(?:after|following|despite|having)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


class PassiveMixin(BuilderBase):
    """Passive / inverted draft builders (needs :class:`BuilderBase` state)."""

    def _drafts_fell(self, trig, cl, clist, ci, s0, s1, hedged, kind, actor, side) -> Optional[list[EventDraft]]:
        """Form "X fell to Y", "its fall to Y", "X was captured by Y": the agent wins the place before the trigger."""
        text = self.text
        losing: Optional[str] = None
        toward: list[Slot] = []
        fallback = False
        places: list[Slot] = []
        p = self.place_before(trig, cl.start, s0)
        if trig.form == "rpass" and (p is None or not re.fullmatch(r"[\s,]{0,3}", text[p.end:trig.start])):
            self._skip(trig, "reduced passive without a place right before")   # "rebels captured by the army"
            return None
        after = text[trig.end:cl.end]
        agent = re.match(r"\s*(?:by\s+)?([^,;.–—]{1,80})", after)
        winner = self.side_of(agent.group(1), trig.start) if agent else "unknown"
        if p is None or winner == "unknown":
            self._skip(trig, "no place or winner")
            return None
        if _PART_OF_RE.search(text, max(cl.start, p.start - 30), p.start):
            self._skip(trig, "a part of the place fell")   # "70% of the city had fallen to the SDF"
            return None
        places = self._coordinated_before(p, cl.start) if trig.form in ("pass", "fell") else [p]
        if re.search(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|cities|villages?)\s+of\s+)?$",
                     text[max(cl.start, places[0].start - 30):places[0].start], re.IGNORECASE):
            self._skip(trig, "land between places")   # "the land between A and B was captured"
            return None
        losing = side if side not in ("unknown", winner) else None
        named = self.sides.find(agent.group(1))
        side, actor = winner, (named[0].surface if named else agent.group(1).strip())
        if kind == "withdrawal":   # "were driven from X": side = subject
            side, actor, losing = self.actor_for(trig, cl.start, s0)[1], self.actor_for(trig, cl.start, s0)[0], None
        return self._finish_drafts(trig, cl, s0, s1, hedged, kind, actor, side, losing, places, toward,
                                   None, fallback)

    def _hpass_subject(self, trig: Trigger, cl) -> bool:
        """True when a headline passive without auxiliary ("SDF pushed from village of X") has a
        combatant subject right before it: a named side phrase of the article's side table
        ("SDF", "Kurdish militia", "Hezbollah", "Nusra Front fighters"; a reference class such
        as "the army" is prose: "the army pushed from the north") or a plural combatant noun
        ("Jihadists pushed from X")."""
        text = self.text
        lo = max(cl.start, trig.start - 80)
        if _HPASS_SUBJECT_RE.search(text, lo, trig.start):
            return True
        found = self.sides.find(text, lo, trig.start)
        if not found or found[-1].phrase_class:
            return False
        return _HPASS_GAP_RE.fullmatch(text, found[-1].end, trig.start) is not None

    def _agentless_passive(self, trig: Trigger, cl) -> bool:
        """ "the bridge was captured", "X had been cleared of ISIL": the subject is the place."""
        if trig.form == "clearedof":
            return True
        if trig.form == "taken":   # the auxiliary stands before the trigger: "X was (reportedly) taken"
            return _BE_AUX_BEFORE_RE.search(self.text, max(cl.start, trig.start - 30), trig.start) is not None
        if trig.form == "fallen":  # "X had (by then) fallen": the place right before it
            return self._adjacent_place(trig, cl) is not None
        return trig.kind == "capture" and trig.form == "v" and _LOWER_AUX_BEFORE_RE.search(
            self.text, max(cl.start, trig.start - 30), trig.start) is not None

    def _adjacent_place(self, trig: Trigger, cl) -> Optional[Slot]:
        """The place slot right before the trigger (only auxiliaries / adverbs between), or None."""
        before = [s for s in self.slots_in(cl.start, trig.start) if self._usable(s, "capture")]
        if before and _ADJACENT_GAP_RE.fullmatch(self.text, before[-1].end, trig.start):
            return before[-1]
        return None

    def _drafts_ctrl(self, trig, cl, s0, s1, hedged) -> Optional[list[EventDraft]]:
        """ "X returned to regime control", "X came under SDF control", "X changed hands twice and
        was under rebel control by Friday", "X changed hands several times before rebels finally
        held it", "After changing hands, X ended the week in rebel hands", "X was once again
        reported to be rebel-held": a capture of X by the side named in the control phrase (or
        after "control of" / "the hands of"). A state with a copula ("X is under rebel control")
        is a change only with a change marker: again / back / once more / now / ended up, a
        change of hands earlier in the sentence, or "by <time>"."""
        text = self.text
        place = self._ctrl_place(trig, cl, s1)
        if place is None:
            self._skip(trig, "control phrase without a place right before")
            return None
        if _PART_OF_RE.search(text, max(cl.start, place.start - 30), place.start):
            self._skip(trig, "a part of the place")      # "70% of the city returned to regime control"
            return None
        if not self._ctrl_changed(trig, place, s0, s1):
            self._skip(trig, "control state without a change")   # "X is under rebel control"
            return None
        phrase = self._ctrl_phrase(trig, cl, s1)
        side = self.side_of(phrase, trig.start) if phrase else "unknown"
        if side == "unknown" and phrase and not phrase.lower().startswith("the "):
            side = self.side_of("the " + phrase, trig.start)    # "under army control": "the army"
        if side == "unknown":
            self._skip(trig, "control phrase without a side")
            return None
        named = self.sides.find(phrase)
        actor = named[0].surface if named else phrase.strip()
        places = self._coordinated_before(place, cl.start) if place.end <= trig.start else [place]
        return [EventDraft("capture", "pass", trig, actor, side, None, p, [], None, (s0, s1),
                           (cl.start, cl.end), hedged, False) for p in places]

    def _ctrl_place(self, trig, cl, s1) -> Optional[Slot]:
        """The place of a control phrase: right before it ("X changed hands"), the subject after
        "After changing hands three times, X ...", or the paragraph's place for "the city except
        the district of X" (X is the exception)."""
        text = self.text
        place = self._adjacent_place(trig, cl)
        if place is None and trig.surface[:5].lower() == "chang" and \
                _CHANGE_LEAD_RE.search(text, max(cl.start, trig.start - 30), trig.start):
            # "After changing hands three times, X ended the week in rebel hands"
            limit = min(s1, max(trig.end, trig.start + 120))
            bare = re.fullmatch(r"chang(?:ed|ing)\s+hands", trig.surface, re.IGNORECASE) is not None
            for sl in self.slots_in(trig.end if bare else trig.start, limit):
                if self._usable(sl, "capture"):
                    if re.search(r",\s*(?:the\s+(?:town|city|village)\s+of\s+)?$", text[max(trig.start, sl.start - 40):sl.start]):
                        place = sl
                    break
        if place is not None and place.end <= trig.start and \
                _EXCEPT_RE.search(text, max(cl.start, place.start - 60), place.start):
            # "Most of the city except the district of X has returned ...": X is the exception
            head = re.match(r"\s*(?:(?:most|all|much|the\s+rest)\s+of\s+)?the\s+(?:city|town|village)\b",
                            text[cl.start:place.start], re.IGNORECASE)
            place = (self._last_slot_before(cl.start, self._para_of(trig.start), []) or
                     self.focus_at(trig.start)) if head else None
        return place

    def _ctrl_changed(self, trig, place, s0, s1) -> bool:
        """True when the control phrase tells a change, not a state (see :meth:`_drafts_ctrl`)."""
        low = trig.surface.lower()
        if not re.match(r"(?:was|were|is|are|has|have|had|ended)\b", low) or _CTRL_MARK_RE.search(low):
            return True           # a change verb ("returned to", "changed hands") or a marker
        text = self.text
        lead = min(place.start, trig.start)
        return bool(_CHANGED_HANDS_RE.search(text, s0, lead) or _BY_TIME_AFTER_RE.match(text, trig.end, s1)
                    or _BY_TIME_LEAD_RE.match(text, s0, lead))

    def _ctrl_phrase(self, trig, cl, s1) -> str:
        """The side phrase of a control phrase: inside it ("rebel control", "IS-held"), after
        "control of" / "the hands of", or the holder / state later in the sentence of a bare
        "X changed hands" ("... before rebels finally held it")."""
        text = self.text
        low = trig.surface.lower()
        if re.fullmatch(r"chang(?:ed|ing)\s+hands", low):
            m = _CTRL_LATER_RE.match(text, trig.end, s1)
            if m is None:
                return ""
            if m.group("holder"):
                return m.group("holder")
            state = m.group("state")
            if state.lower().endswith(" of"):
                m2 = re.match(r"\s*([^,;.]{1,60})", text[m.end():s1])
                return m2.group(1) if m2 else ""
            m2 = _CTRL_SIDE_RE.search(state)
            return m2.group(1) if m2 else ""
        if low.endswith(" of"):
            m = re.match(r"\s*([^,;.]{1,60})", text[trig.end:cl.end])
            return m.group(1) if m else ""
        m = _CTRL_SIDE_RE.search(trig.surface)
        return m.group(1) if m else ""

    def _drafts_agentless(self, trig, cl, s0, s1, hedged) -> Optional[list[EventDraft]]:
        """A capture in the passive with no agent: "the bridge was captured, as well as the
        nearby depot", "X had been cleared of ISIL", "X was captured on Monday by the army".
        The winner is the agent when one follows, else the actor of the context; the side
        named in the subject ("the IS-held town") or after "cleared of" loses the place."""
        text = self.text
        place = self._adjacent_place(trig, cl) if trig.form == "fallen" else self.place_before(trig, cl.start, s0)
        places = [place] if place is not None else []
        if trig.form not in ("clearedof", "fallen"):
            objs, _ = self.forward_places(trig, cl.end)
            if objs and _COORD_RE.match(text[trig.end:objs[0].start]) and \
                    re.match(r"\s*,?\s*(?:and|as\s+well\s+as|along\s+with|together\s+with)\b",
                             text[trig.end:objs[0].start]):
                places += objs       # "..., as well as the nearby depot"
        if not places:
            self._skip(trig, "no place")
            return None
        tail = text[trig.end:cl.end]
        losing: Optional[str] = None
        if trig.form == "clearedof":
            ls = self.side_of(tail[:80], trig.start)
            if ls == "unknown":   # "roads are being cleared of mines": not a loss of ground
                self._skip(trig, "cleared of no armed side")
                return None
            losing = ls
        else:
            subj = self.sides.find(text, cl.start, trig.start)
            if subj:
                ls = self._side_at(subj[-1])
                losing = ls if ls != "unknown" else None
        by = re.search(r"\bby\s+([^,;.]{1,60})", tail)
        side, actor = "unknown", ""
        if by:
            side = self.side_of(by.group(1), trig.start)
            named = self.sides.find(by.group(1))
            actor = named[0].surface if named else by.group(1).strip()
        if side == "unknown":
            actor, side = self._context_side(trig.start)
        if side == "unknown" or side == losing:
            self._skip(trig, "passive without agent")
            return None
        return [EventDraft("capture", "pass", trig, actor, side, losing, p, [], None, (s0, s1),
                           (cl.start, cl.end), hedged, False) for p in places]

    def _drafts_passive_advance(self, trig, cl, s0, s1, hedged) -> Optional[list[EventDraft]]:
        """ "X was besieged / surrounded / encircled by Y": an advance of Y on X; "troops
        surrounded by IS" with no place before is a state of the troops, no event."""
        text = self.text
        by = re.match(r"\s+(?:\w+ly\s+)?by\s+([^,;.]{1,60})", text[trig.end:cl.end])
        side = self.side_of(by.group(1), trig.start) if by else "unknown"
        aux = re.search(r"\b(?:was|were|been|being|is|are|got|get|gets)\s+(?:\w+ly\s+){0,2}$",
                        text[max(cl.start, trig.start - 30):trig.start])
        place = self.place_before(trig, cl.start, s0) if aux else None
        if side == "unknown" or place is None:
            self._skip(trig, "passive advance without place or agent")
            return None
        named = self.sides.find(by.group(1))
        actor = named[0].surface if named else by.group(1).strip()
        return [EventDraft("advance", "pass", trig, actor, side, None, place, [], None, (s0, s1),
                           (cl.start, cl.end), hedged, False)]

    def _drafts_siege_state(self, trig, cl, s0, s1, hedged) -> Optional[list[EventDraft]]:
        """ "with the city surrounded", "X being almost fully surrounded", "X was besieged"
        (no agent): an advance on X by the side of the context; a side phrase as the
        subject ("ISIL forces were encircled") is a state of those forces, no event."""
        text = self.text
        place = self.place_before(trig, cl.start, s0)
        if place is None or self.sides.find(text, place.end, trig.start):
            self._skip(trig, "siege state without place")
            return None
        actor, side = self._context_side(trig.start)
        subj = self.sides.find(text, max(s0, place.start - 80), place.start)
        named = {self._side_at(m) for m in subj} - {"unknown"}
        if side == "unknown" or (named and side in named and len(named) == 1 and
                                 re.search(r"-?(?:held|controlled)\b", text[subj[-1].end:place.start])):
            self._skip(trig, "siege state without side")
            return None
        return [EventDraft("advance", "pass", trig, actor, side, None, place, [], None, (s0, s1),
                           (cl.start, cl.end), hedged, False)]

    def _drafts_lost(self, trig, cl, clist, ci, s0, s1, hedged, kind, actor, side) -> Optional[list[EventDraft]]:
        """Form "X lost A to Y": Y captures A; "the rebels lost A": the rebels withdraw."""
        text = self.text
        losing: Optional[str] = None
        toward: list[Slot] = []
        fallback = False
        places: list[Slot] = []
        objs, _ = self.forward_places(trig, cl.end)
        ante = None
        if _IT_OBJ_RE.match(text, trig.end):
            # "captured X, but losing it in an SDF counter-attack": it = the last place before
            earlier = [sl for sl in self.slots_in(s0, trig.start) if self._usable(sl, kind)]
            objs = earlier[-1:]
            att = _LOST_IN_ATTACK_RE.match(text, _IT_OBJ_RE.match(text, trig.end).end(), cl.end)
            winner = self.side_of(att.group(1), trig.start) if att else "unknown"
            if objs and att and winner != "unknown":
                out = [EventDraft("capture", "lost", trig, att.group(1).strip(), winner,
                                  side if side not in ("unknown", winner) else None, objs[0], [], None,
                                  (s0, s1), (cl.start, cl.end), hedged, False)]
                if side not in ("unknown", winner):   # the subject loses it: its withdrawal
                    out.append(EventDraft("withdrawal", "lost", trig, actor, side, None, objs[0], [], None,
                                          (s0, s1), (cl.start, cl.end), hedged, False))
                return out
        if not objs or not _LOST_TO_GAP_RE.match(text[trig.end:objs[0].start]):
            ante = self._antecedent(cl, kind, trig)   # "Palmyra, which it had lost in March to the army"
            if ante is None:
                self._skip(trig, "no place")
                return None
            objs = [ante]
        m = re.match(r"[^,;.]*?\bto\s+([^,;.]{1,80})", text[max(objs[0].end, trig.end):cl.end])
        winner = self.side_of(m.group(1), trig.start) if m else "unknown"
        if winner == "unknown":
            if side != "unknown" and _LOST_OBJ_GAP_RE.match(text[trig.end:objs[0].start]):
                # "the rebels lost Kafr Nabudah": the loser withdraws from the place
                return [EventDraft("withdrawal", "lost", trig, actor, side, None, objs[0], [], None,
                                   (s0, s1), (cl.start, cl.end), hedged, False)]
            self._skip(trig, "lost without winner")
            return None
        named = self.sides.find(m.group(1))
        places, losing = objs[:1], (side if side != "unknown" else None)
        actor = named[0].surface if named else m.group(1).strip()
        side = winner
        return self._finish_drafts(trig, cl, s0, s1, hedged, kind, actor, side, losing, places, toward,
                                   None, fallback)

    def _drafts_driven_out(self, trig, cl, clist, ci, s0, s1, hedged, kind, actor, side) -> Optional[list[EventDraft]]:
        """Form "X were driven out of A" (withdrawal of X); "... by Y": a capture by Y."""
        text = self.text
        form = trig.form
        losing: Optional[str] = None
        toward: list[Slot] = []
        places: list[Slot] = []
        tail = text[trig.end:cl.end]
        fm = re.search(r"\b(?:out\s+of|from)\b", tail)
        objs = []
        if fm:
            objs, toward = self.forward_places(
                Trigger(trig.end + fm.end(), trig.end + fm.end(), "withdrawal", "v", ""), cl.end)
        if not objs and fm is None and side != "unknown":
            # "entered X for a few hours before being driven out": it leaves what it took or entered
            objs = self._recently_taken(trig, side, s0, [])
        if not objs:
            self._skip(trig, "no place")
            return None
        by = re.search(r"\bby\s+((?:(?!\b(?:from|out|in|on|after|during|and)\b)[^,;.])+)", tail)
        agent = self.side_of(by.group(1), trig.start) if by else "unknown"
        if agent != "unknown" and agent != side:
            # "IS was expelled by the army from Zuhur": a capture by the army
            named = self.sides.find(by.group(1))
            kind, losing = "capture", (side if side != "unknown" else None)
            side, actor = agent, (named[0].surface if named else by.group(1).strip())
            toward = []
        places = objs[:1] if kind == "capture" else objs
        return [EventDraft(kind, form, trig, actor, side, losing, p, list(toward), bearing_of(tail),
                           (s0, s1), (cl.start, cl.end), hedged, False) for p in places]
