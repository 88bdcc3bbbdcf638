"""Why a trigger is no event: negation, modality, objectives, adjectives
("besieged IS fighters"), nominal advances ("the SDF advance"), denials in the next
sentence, gerund objectives; :func:`mapper.extract.events.triggers.blocked_reason` on the clause
plus the builder's context rules.

E.g. "The army did not capture X" -> "negation"; "the SDF advance in the area" -> "nominal advance".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional

from mapper.extract.events.triggers import (
    Trigger
)
from mapper.extract.events.blocking import (
    _ADJ_BEFORE_RE, _GERUND_OBJ_RE, blocked_reason, mask_dates
)
from mapper.extract.events.patterns import (
    _BACKER_PRE_RE, _MOVE_KINDS, _GERUND_MODAL_RE, _NOMINAL_ADVANCE_PRE_RE, _ADVANCE_PREP_AFTER_RE,
    _ALMOST_RE, _DENIAL_AFTER_RE, _DESPITE_REPORTS_RE, _STILL_PRESENT_RE, _NONCOMBATANT_RE
)
from mapper.extract.events.base import BuilderBase

__all__ = ["FilterMixin"]

#: siege verbs, and "still" / "remained" before them (a state)
_SIEGE_VERB_RE = re.compile(r"(?:besieg|encircl|surround)", re.IGNORECASE)
_STILL_RE = re.compile(r"\b(?:still|remain(?:s|ed)?|continu(?:es|ed)\s+to)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: "advances" followed by what only a noun takes: "advances in X by the army", "advances made"
_ADVANCES_NOUN_AFTER_RE = re.compile(r"\s+(?:in\s+[^,;]{1,60}?\s+by\b|by\b|of\b|made\b|were\b|have\b|had\b)",
                                     re.IGNORECASE)
#: "approach(es)" as a noun: "the approaches to X", "its western approaches"
_APPROACH_NOUN_PRE_RE = re.compile(r"\b(?:the|its|their|his|her|this|these|those|all|main|key|(?:north|south|east|west)"
                                   r"(?:ern)?)\s+$", re.IGNORECASE)

#: a troops noun phrase right after a clause-initial participle: "besieged IS fighters", "trapped government troops"
_TROOPS_AFTER_RE = re.compile(r"\s+(?:(?:[A-Z][\w’'\-]*|pro-[\w\-]+|government|rebel|regime|remaining|surviving)\s+){0,3}"
                              r"(?:forces|fighters|troops|garrisons?|militants|soldiers|defenders|units|rebels|jihadists|"
                              r"gunmen|militiamen)\b")
#: a sentence start or a comma right before a word: the word opens its clause
_CLAUSE_OPEN_RE = re.compile(r"(?:^|[,;:]\s*)$")


class FilterMixin(BuilderBase):
    """Blocking rules of a trigger (needs :class:`BuilderBase` state)."""

    def _blocked(self, trig, cl, clist, ci, s0) -> Optional[str]:
        """Why the trigger is not an event (negation, modal, adjective, ...), or None."""
        text = self.text
        reason = blocked_reason(text[cl.start:cl.end], trig.start - cl.start)
        if reason is None and cl.lead in ("and", "then", "forcing", "heading", "moving", "having") and ci > 0:
            # a clause without its own subject inherits the modality of the previous one
            prev = clist[ci - 1]
            reason = blocked_reason(text[prev.start:prev.end], prev.end - prev.start)
            part = None
            if reason == "modal" and trig.surface.lower().endswith("ing"):
                for part in re.finditer(r",\s*(?:\w+ly\s+)?([\w\-]+ing)\b", text[prev.start:prev.end]):
                    pass
            if part is not None:
                # "..., re-entering A, and recapturing B": coordinated participles share one scope
                reason = blocked_reason(text[prev.start:prev.end], part.start(1))
            if reason == "infinitive":
                reason = None
        if reason is None and trig.surface.lower().endswith("ing") and \
                not text[cl.start:trig.start].strip(" \"“‘'(") and \
                _GERUND_MODAL_RE.match(mask_dates(text[trig.end:cl.end])):
            reason = "modal"       # "Capturing Manbij would be its biggest victory"
        if reason is not None:
            return reason
        if trig.kind == "capture" and trig.form == "v" and trig.surface.lower() in ("took", "taken"):
            # bare "took X from Y": ground taken from an armed side (not "took refugees from Aleppo")
            m = re.search(r"\bfrom\s+([^,;.()]{1,50})", text[trig.end:cl.end])
            if m is None or self.side_of(m.group(1), trig.start) == "unknown" or \
                    _NONCOMBATANT_RE.search(text, trig.end, trig.end + m.start()):
                return "took from no armed side"
        if trig.kind in ("capture", "entry") and self._denied(trig, s0):
            return "denied"        # "... had captured A, but ... never captured it"
        if trig.kind in ("capture", "entry", "control") and \
                _ALMOST_RE.search(text, max(cl.start, trig.start - 30), trig.start):
            return "negation"      # "almost captured" (but "nearly encircling X" is an advance)
        if trig.kind == "advance" and trig.form == "v" and trig.surface.lower() in ("advance", "advances") and \
                _NOMINAL_ADVANCE_PRE_RE.search(text, max(cl.start, trig.start - 40), trig.start) and \
                not _ADVANCE_PREP_AFTER_RE.match(text, trig.end, cl.end):
            return "nominal advance"   # "the SDF advance", "recent advances in the countryside"
        if trig.kind == "advance" and trig.form == "v" and trig.surface.lower() in ("approach", "approaches") and \
                _APPROACH_NOUN_PRE_RE.search(text, max(cl.start, trig.start - 30), trig.start):
            return "nominal advance"   # "reinforcing the approaches to X", "the western approaches from Y"
        if trig.kind == "withdrawal" and trig.form == "v" and trig.surface.lower() in ("retreat", "retreats") and \
                _NOMINAL_ADVANCE_PRE_RE.search(text, max(cl.start, trig.start - 40), trig.start) and \
                not re.match(r"\s+(?:from|out\s+of)\b", text[trig.end:cl.end]):
            return "nominal retreat"   # "in the course of their retreat into the pocket", "the only retreat route"
        if trig.form == "v" and trig.surface.lower().endswith("ed") and \
                _ADJ_BEFORE_RE.search(text, max(s0, trig.start - 12), trig.start):
            return "adjective"
        if trig.form == "v" and trig.surface.lower().endswith(("ed", "ing")) and \
                _CLAUSE_OPEN_RE.search(text[max(s0, trig.start - 3):trig.start]) and \
                _TROOPS_AFTER_RE.match(text, trig.end, cl.end):
            return "adjective"     # "At the same time, besieged IS fighters in X launched ..."
        if trig.kind == "advance" and trig.form == "v" and _SIEGE_VERB_RE.match(trig.surface) and \
                _STILL_RE.search(text, max(cl.start, trig.start - 30), trig.start):
            return "siege state"   # "the army was still besieging the city": no change
        if trig.kind == "advance" and trig.form == "v" and trig.surface.lower() == "advances" and \
                _ADVANCES_NOUN_AFTER_RE.match(text, trig.end, cl.end):
            return "nominal advance"   # "advances in the province by the army had led to ..."
        if (trig.form == "within" and re.match(r"\s*(?:\w+ing)\b", text[trig.end:cl.end])) or \
                (trig.form == "cut" and re.search(r"\bwithin\b[^,;]{0,50}\bof\s+$", text[cl.start:trig.start])):
            return "distance to an act"   # "within two kilometres of cutting the road": no place
        low = trig.surface.lower()
        if trig.kind in _MOVE_KINDS and trig.form in ("v", "expel") and re.search(r"ing\b", low):
            if _GERUND_OBJ_RE.search(text, max(cl.start, trig.start - 30), trig.start):
                # "efforts on capturing X", "150 retreating soldiers", "the fleeing militants"
                return "gerund objective or adjective"
            if re.search(r"(?:^|\b(?:and|but|or|that)\s*|[,;“\"(]\s*)$", text[max(cl.start, trig.start - 8):trig.start]) \
                    and _GERUND_MODAL_RE.match(mask_dates(text[trig.end:min(cl.end, trig.end + 80)])):
                return "modal"     # "... and recapturing it would sever the road" (not "..., paving the way")
        if (trig.kind == "airstrike" or trig.form == "n") and \
                _BACKER_PRE_RE.search(text, max(cl.start, trig.start - 60), trig.start):
            return "inside a backer phrase"
        return None

    def _denied(self, trig: Trigger, s0: int) -> bool:
        """True when the text denies the claim right after it: the rest of the sentence or
        the first 200 characters of the next one ("... but Y had not been entered"), or
        the claim stands in a "despite reports that ..." phrase."""
        text = self.text
        if _DESPITE_REPORTS_RE.search(text, max(s0, trig.start - 80), trig.start):
            return True
        sent = self._sentence_at(trig.start)
        end = sent.end if sent is not None else min(len(text), trig.end + 300)
        if _DENIAL_AFTER_RE.search(text, trig.end, end):
            return True
        if trig.kind == "capture" and _STILL_PRESENT_RE.search(text, trig.end, end):
            return True
        i = bisect_right(self._sent_starts, trig.start) if self._sents_sorted else len(self.sentences)
        if sent is not None and i < len(self.sentences) and self.sentences[i].paragraph == sent.paragraph:
            # the next sentence denies it only when it names the same place ("... but Y had not been entered")
            nxt = self.sentences[i]
            if not _DENIAL_AFTER_RE.search(text, nxt.start, min(nxt.end, nxt.start + 200)):
                return False
            here = {sl.key or sl.name for sl in self.slots_in(trig.end, end)}
            there = {sl.key or sl.name for sl in self.slots_in(nxt.start, nxt.end)}
            return bool(here & there)
        return False
