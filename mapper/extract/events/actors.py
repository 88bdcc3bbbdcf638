"""Who acts: the subject phrase of a trigger and its side (reporting frames, "forcing
X to", relative clauses, gerund clauses, coordinated subjects, pronouns), and the
skip rules for civilian or unknown movers.

The side of a phrase comes from the article's :class:`~mapper.extract.sides.ArticleSides`
(``BuilderBase.side_of``); e.g. in "Kurdish fighters, who on Friday took X" the actor is
"Kurdish fighters" (the antecedent of "who").
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from mapper.extract.events.patterns import (
    ACTOR_MAX_WORDS, _ACTOR_BACKED_RE, _ACTOR_DATELINE_RE, _ACTOR_LEAD_RE, _ACTOR_TAIL_RE,
    _ACTOR_VERB_RE, _APPOSITION_VERB_RE, _BY_AGENT_RE, _CIVILIAN_RE, _DET_SUBJECT_RE,
    _FIGHTING_SUBJ_RE, _FORCING_RE, _IMMEDIATE_GAP_RE, _NONCOMBATANT_OBJ_RE, _NONCOMBATANT_RE,
    _OWN_VERB_RE, _PREP_BEFORE_RE, _PRONOUN_RE, _REL_GAP_RE, _REPORT_FRAME_RE, _SUBJ_COORD_RE,
    _SUBORDINATOR_RE, _WITH_FAMILIES_RE, _WITH_HAVING_RE
)
from mapper.extract.events.triggers import (
    Trigger
)
from mapper.extract.events.base import BuilderBase, EventDraft

__all__ = ["ActorMixin"]

#: a sentence-initial gerund clause: "After capturing X, the SDF ..."
_LEAD_GERUND_RE = re.compile(r"\s*(?:after|before|upon|on|while|since|following)\s+$", re.IGNORECASE)
#: a subordinate clause at the start of a sentence, closed by a comma: "As rebels overran X, "
_LEAD_SUBORDINATE_RE = re.compile(r"^\s*(?:as|when|while|whilst|although|though|because|since|whereas|once|until)\b"
                                  r"[^,;]{3,200},\s*", re.IGNORECASE)
#: a comma right before a side phrase, and a finite verb right after it: "..., ISIL used"
_COMMA_BEFORE_RE = re.compile(r",\s*(?:the\s+)?$", re.IGNORECASE)
_FINITE_AFTER_RE = re.compile(r"(?:\s+(?:fighters|forces|troops|militants|units))?\s+(?:\w+ly\s+)?(?:had\s+|has\s+|have\s+)?"
                              r"(?-i:[a-z]{2,}ed|took|began|launched|made|went|came|sent|won|lost|fought|struck|broke|"
                              r"drove|overran|retook|swept|seized|captured)\b", re.IGNORECASE)
#: a reporting frame at the start of a sentence: "According to pro-government sources, "
_ACCORDING_RE = re.compile(r"^\s*according\s+to\s+[^,]{1,80},\s*", re.IGNORECASE)
#: a pronoun subject at the start of a clause head: "Later, they managed to seize X, while advancing ..."
_PRONOUN_SUBJ_RE = re.compile(r"^\s*(?:(?:later|then|meanwhile|subsequently|afterwards|eventually|finally)\s*,?\s*)?"
                              r"(they|it)\b", re.IGNORECASE)
#: a clause that starts with an auxiliary or adverb has no subject of its own ("but were forced to")
_AUX_LEAD_RE = re.compile(r"\s*(?:(?:then|also|later|eventually|finally|soon|quickly)\s+)?"
                          r"(?:were|was|had|has|have|is|are|been)\b", re.IGNORECASE)
#: "with the IS militants retreating": the phrase after "with" is the subject of the gerund
_WITH_ABSOLUTE_RE = re.compile(r"\bwith\s+(?:the\s+)?(?:remaining\s+|surviving\s+)?$", re.IGNORECASE)
#: "the latter" / "the former" as a subject right before the trigger
_LATTER_RE = re.compile(r"\bthe\s+(latter|former)\s+(?:(?:had|has|have|was|were|then|also|later|\w+ly|continued|began|started|managed|went\s+on|tried)\s+(?:to\s+)?){0,3}$", re.IGNORECASE)


class ActorMixin(BuilderBase):
    """Actor and side resolution of a trigger (needs :class:`BuilderBase` state)."""

    def actor_for(self, trig: Trigger, clause_start: int, sent_start: int) -> tuple[str, str]:
        """(actor phrase, side) of the trigger's clause subject."""
        text = self.text
        pre = text[clause_start:trig.start]
        fm = _FORCING_RE.search(pre)
        if fm and fm.group(1).strip():
            phrase = fm.group(1).strip()
            side = self.side_of(phrase, trig.start)
            if side == "unknown":
                # "The jihadists shelled the army's HQ, forcing its defenders to withdraw":
                # the defenders are the other side named in the sentence.
                subj = self.side_of(text[sent_start:clause_start], trig.start)
                for m in self.sides.find(text, sent_start, trig.start):
                    s = m.side if m.side != "contextual" else (self.topic_at(m.start) or "unknown")
                    if s not in ("unknown", subj):
                        return phrase, s
            return phrase, side
        near = self._near_subject(trig, clause_start, sent_start)
        if near is not None:
            return near
        lead = _LEAD_GERUND_RE.match(pre) if clause_start == sent_start or not text[sent_start:clause_start].strip() \
            else None
        if lead and trig.surface.lower().endswith("ing"):
            # "After capturing X on 12 May, the SDF announced ...": the main clause's subject acts
            sent = self._sentence_at(trig.start)
            comma = text.find(",", trig.end, sent.end if sent is not None else trig.end + 200)
            if comma >= 0:
                main = self._first_subject(comma + 1, min(comma + 90, sent.end if sent is not None else comma + 90))
                if main is not None:
                    return main
        if clause_start > sent_start and re.match(r"\s*(?:after|before|while|since|when|upon|by|on|without)\s+"
                                                  r"(?!during|including|according)\w+ing\b", pre, re.IGNORECASE):
            # "X launched an assault, after targeting IS positions ... and re-entering the town":
            # a gerund clause has no subject of its own; the main clause's subject acts
            head = text[sent_start:clause_start]
            side = self.side_of(head, trig.start)
            if side != "unknown":
                return self._actor_text(head), side
        core = _REPORT_FRAME_RE.sub("", pre) if len(pre) < 400 else pre[-200:]
        lead_sub = _LEAD_SUBORDINATE_RE.match(core)
        if lead_sub and self.sides.find(core[lead_sub.end():]):
            core = core[lead_sub.end():]   # "As rebels overran X, ISIL launched ..., retaking Y": ISIL acts
        for cand in (core, pre):
            cand = cand.strip(" ,“”\"'‘’")
            if cand:
                # the first side phrase that is no prepositional object ("given to rebels", "backed by X")
                c0 = text.rfind(cand, clause_start, trig.start)
                main = self._first_subject(c0, c0 + len(cand)) if c0 >= 0 else None
                side = main[1] if main is not None else self.side_of(cand, trig.start)
                if side != "unknown":
                    return self._actor_text(cand), side
        # subject carried from the start of the sentence ("X entered A after advancing ...")
        if clause_start > sent_start:
            head = _ACCORDING_RE.sub("", text[sent_start:clause_start])   # "According to pro-government sources, ..."
            main = self._first_subject(clause_start - len(head), clause_start)
            side = main[1] if main is not None else self.side_of(head, trig.start)
            if side != "unknown":
                return self._actor_text(head), side
            if _PRONOUN_SUBJ_RE.match(head):
                return _PRONOUN_SUBJ_RE.match(head).group(1), "unknown"   # "they" (resolved by _who)
        phrase = self._actor_text(pre)
        return phrase, "unknown"

    def _first_subject(self, start: int, end: int) -> Optional[tuple[str, str]]:
        """(actor, side) of the first side phrase in ``text[start:end]`` that is no prepositional
        object ("backed by Turkey", "according to pro-government sources"), or None."""
        text = self.text
        for f in self.mentions_in(start, end):
            if _PREP_BEFORE_RE.search(text, max(start, f.start - 40), f.start):
                continue
            side = self._side_at(f)
            return (f.surface, side) if side != "unknown" else None
        return None

    def _noncombatant_mover(self, trig: Trigger, clause_start: int) -> bool:
        """True when non-combatants move: a civilian / aid word is the nearest noun before
        the trigger (after the last side phrase), or the object of "evacuated"."""
        text = self.text
        a = max(clause_start, trig.start - 80)
        found = self.sides.find(text, a, trig.start)
        b = found[-1].end if found else a
        window = _WITH_FAMILIES_RE.sub(" ", text[b:trig.start])   # "rebels and their families evacuated"
        if _NONCOMBATANT_RE.search(window):
            return True
        if found and re.fullmatch(r"\s*(?:(?:who|that|which|had|have|has|been|were|was)\s+)*", window) \
                and self._side_at(found[-1]) != "unknown":
            return False
        if re.search(r"\b(?:they|who)\s+(?:\w+\s+){0,2}$", text[max(a - 40, 0):trig.start], re.IGNORECASE) and \
                _NONCOMBATANT_RE.search(text, max(0, trig.start - 45), trig.start):
            return True      # "convoys before they entered", "displaced people who fled"
        low = trig.surface.lower()
        return low.startswith("evacuat") and bool(_NONCOMBATANT_OBJ_RE.match(text, trig.end))

    def _near_subject(self, trig: Trigger, clause_start: int, sent_start: int) -> Optional[tuple[str, str]]:
        """(actor, side) of the nearest subject of the trigger, or None to use the clause subject.

        In order: "with X having <verb>"; a side phrase right before the trigger
        (only auxiliaries, adverbs, time words between: "ever since rebels seized
        it", "Sputnik ... Syrian Democratic Forces Recapture"); the subject of
        the subordinate clause the trigger is in ("after the jihadists planted
        their flags and entered"), or the antecedent of "which"/"who" ("the SDF,
        an Arab-Kurdish alliance which on Friday took").
        """
        text = self.text
        a = max(clause_start, trig.start - 300)
        pre = text[a:trig.start]
        wh = _WITH_HAVING_RE.search(pre)
        if wh:
            side = self.side_of(wh.group(1), trig.start)
            if side != "unknown":
                return self._actor_text(wh.group(1)), side
        latter = self._latter_subject(trig, a, pre)
        if latter is not None:
            return latter
        found = self.sides.find(text, a, trig.start)
        adjacent = self._adjacent_subject(trig, a, found)
        if adjacent is not None:
            return adjacent
        return self._subordinate_subject(trig, clause_start, sent_start, a, pre, found)

    def _latter_subject(self, trig: Trigger, a: int, pre: str) -> Optional[tuple[str, str]]:
        """ "..., while the latter continued to advance": the last (the first) side named before
        "the latter" ("the former") in the sentence, or None."""
        text = self.text
        lf = _LATTER_RE.search(pre)
        if lf:
            # "..., while the latter continued to advance": the last (first) side named before it
            s_start = self._sentence_at(trig.start)
            lo = s_start.start if s_start is not None else a
            named = [f for f in self.sides.find(text, lo, a + lf.start()) if self._side_at(f) != "unknown"]
            sides_in_order: list = []
            for f in named:
                if self._side_at(f) not in [self._side_at(x) for x in sides_in_order]:
                    sides_in_order.append(f)
            if len(sides_in_order) >= 2:
                f = sides_in_order[-1] if lf.group(1).lower() == "latter" else sides_in_order[0]
                return f.surface, self._side_at(f)
        return None

    def _adjacent_subject(self, trig: Trigger, a: int, found: list) -> Optional[tuple[str, str]]:
        """A side phrase right before the trigger (only auxiliaries, adverbs, time words, head
        nouns between; coordinated phrases walked back to the first), or None."""
        text = self.text
        if found:
            last = len(found) - 1
            m = found[last]
            first = m
            for j in range(last - 1, -1, -1):
                # "ISIL terrorists", "Syrian troops and Kurdish fighters": one subject phrase
                gap = text[found[j].end:first.start]
                if not gap.strip() or _SUBJ_COORD_RE.match(gap):
                    first = found[j]
                else:
                    break
            if _IMMEDIATE_GAP_RE.match(text, m.end, trig.start) and \
                    (not _PREP_BEFORE_RE.search(text, max(a, first.start - 40), first.start) or
                     (trig.surface.lower().endswith("ing") and
                      _WITH_ABSOLUTE_RE.search(text, max(a, first.start - 20), first.start))):
                side = self._side_at(first)
                if side != "unknown":
                    return self._actor_text(text[first.start:m.end]), side
        return None

    def _subordinate_subject(self, trig: Trigger, clause_start: int, sent_start: int, a: int, pre: str,
                             found: list) -> Optional[tuple[str, str]]:
        """The subject of the subordinate clause the trigger is in ("after the jihadists planted
        their flags and entered"), the antecedent of "which" / "who", or None (the main subject)."""
        text = self.text
        sub = None
        for sub in _SUBORDINATOR_RE.finditer(pre):
            pass
        if sub is None:
            return None
        local = pre[sub.end():]
        la = a + sub.end()
        if not sub.group("rel") and _AUX_LEAD_RE.match(local):
            return None   # "X captured A, but were forced to retreat": no subject of its own
        if not sub.group("rel") and re.match(r"\s*(?:\w+ing|having\s+\w+ed)\b", local, re.IGNORECASE) and \
                not re.match(r"\s*(?:during|including|according|regarding|concerning)\b", local, re.IGNORECASE):
            return None   # "after targeting IS positions, ... re-entering": the side phrases are objects
        if not sub.group("rel"):
            main = self._main_after_comma(found, la, trig.start)
            if main is not None:
                return main   # "As rebels overran X, ISIL launched ..., retaking Y": the main clause's subject
        heads = [f for i, f in enumerate(found) if f.start >= la and
                 (i == 0 or text[found[i - 1].end:f.start].strip())]   # "ISIL terrorists": one phrase
        subj = [f for f in heads if not _PREP_BEFORE_RE.search(text, max(la, f.start - 40), f.start)]
        side = self._side_at(subj[0]) if subj else "unknown"
        if side != "unknown":    # the first side phrase of the clause that is no prepositional object
            return self._actor_text(local), side
        if heads and not subj and not sub.group("rel") and clause_start > sent_start:
            # "the SDF after days of battle and heavy losses on the ISIL terrorists won back X":
            # the side phrases of the clause are prepositional objects; the sentence subject acts
            head = text[sent_start:clause_start]
            hs = [f for f in self.sides.find(text, sent_start, clause_start)
                  if not _PREP_BEFORE_RE.search(text, max(sent_start, f.start - 40), f.start)]
            if hs and self._side_at(hs[0]) != "unknown":
                return self._actor_text(head), self._side_at(hs[0])
        if sub.group("rel") and _REL_GAP_RE.match(local):
            # the antecedent of the relative pronoun: the last side phrase shortly before it
            ante = [f for f in found if f.end <= a + sub.start() and a + sub.start() - f.end <= 60
                    and not _APPOSITION_VERB_RE.search(text, f.end, a + sub.start())]
            if ante:
                head = ante[-1]
                k = len(ante) - 2
                while head.side == "contextual" and k >= 0 and not text[ante[k].end:head.start].strip(" -"):
                    head = ante[k]     # "pro-government fighters who": the named side, not "fighters"
                    k -= 1
                side = self._side_at(head)
                if side != "unknown":
                    return text[head.start:ante[-1].end], side
            # "the remaining terrorists who fled": a subject that names no side
            before = re.search(r"((?:[\w’'\-]+\s+){1,3})$", pre[:sub.start()])
            if before and not re.search(r"\b(?:it|its|they|them|the\s+(?:town|city|village))\s*$",
                                        before.group(1), re.IGNORECASE):
                return self._actor_text(before.group(1)), "unknown"
            return None
        if sub.group("rel") or sub.group(0).lower() == "as" or not local.strip() or \
                re.match(r"\s*(?:\w+ing|being|having|\w+ed)\b", local, re.IGNORECASE):
            return None      # "after advancing", "which had": the main subject acts
        if _OWN_VERB_RE.search(local) or _DET_SUBJECT_RE.fullmatch(local):
            # "after the jihadists planted their flags and entered": the clause has its own
            # subject, which names no side: do not borrow the main clause's subject
            return self._actor_text(local), "unknown"
        return None

    def _main_after_comma(self, found: list, start: int, end: int) -> Optional[tuple[str, str]]:
        """(actor, side) of a main clause that follows a closed subordinate clause in
        ``text[start:end]``: a side phrase right after a comma and right before a finite verb
        ("..., ISIL used the infighting"), when the subordinate clause has a subject of its own."""
        text = self.text
        inside = [f for f in found if start <= f.start and f.end <= end]
        for f in inside[1:]:
            if _COMMA_BEFORE_RE.search(text, max(start, f.start - 8), f.start) and \
                    _FINITE_AFTER_RE.match(text, f.end, end) and self._side_at(f) != "unknown":
                return f.surface, self._side_at(f)
        return None

    @staticmethod
    def _actor_text(pre: str) -> str:
        """The subject phrase before a trigger, without time words in front
        ("Also Monday", "On June 23", "15 Aug 2016") and auxiliaries or
        catenative verbs behind ("have", "managed to", "began")."""
        s = pre.strip(" ,;:“”\"'‘’—–-")
        s = re.sub(r"\s+", " ", s)
        s = _ACTOR_DATELINE_RE.sub("", s)
        s = _ACTOR_LEAD_RE.sub("", s)
        s = _ACTOR_BACKED_RE.sub("", s)
        verb = _ACTOR_VERB_RE.search(s)
        if verb and verb.start() > 0:   # "ISIS jihadists initiated the clashes by" -> "ISIS jihadists"
            s = s[:verb.start()]
        s = _ACTOR_TAIL_RE.sub("", s)
        s = s.strip(" ,;:“”\"'‘’—–-")
        words = s.split(" ")
        if len(words) > ACTOR_MAX_WORDS:   # the subject is at the end of a long lead-in
            s = " ".join(words[-ACTOR_MAX_WORDS:])
        return s

    def _who(self, trig, cl, s0) -> Optional[tuple[str, str, str]]:
        """(kind, actor, side) of the trigger, or None when it is skipped (unknown or
        civilian actor); an advance / entry whose subject is "fighting" becomes a clash."""
        text = self.text
        kind, form = trig.kind, trig.form
        actor, side = self.actor_for(trig, cl.start, s0)
        if kind in ("attack", "airstrike", "clash"):
            by = _BY_AGENT_RE.match(text, trig.end, cl.end)
            if by:       # "an attack by rebel fighters on X": the agent acts
                agent_side = self.side_of(by.group(1), trig.start)
                if agent_side != "unknown":
                    actor, side = by.group(1).strip(), agent_side
        if side == "unknown" and self.last_side is not None and _PRONOUN_RE.search(actor):
            side = self.last_side       # "they captured ...": the last actor's side
        elif side != "unknown":
            self.last_side, self.last_actor, self.last_side_pos = side, actor, trig.start
        if _FIGHTING_SUBJ_RE.search(text[cl.start:trig.start]) and kind in ("advance", "entry"):
            kind, side = "clash", "unknown"
        if side == "unknown" and (kind == "position" or trig.surface.lower().startswith(("fle", "left", "leav", "escap"))):
            self._skip(trig, "unknown actor")
            return None
        if kind in ("withdrawal", "advance", "entry", "capture") and side == "unknown" and \
                _CIVILIAN_RE.search(actor[-40:]):
            self._skip(trig, "civilian actor")
            return None
        if kind == "withdrawal" and form == "v" and \
                re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$",
                          text[max(cl.start, trig.start - 20):trig.start]):   # lower case: "IS" is a side
            by = re.match(r"\s+(?:\w+ly\s+)?by\s+([^,;.]{1,60})", text[trig.end:cl.end])
            if by and self.side_of(by.group(1), trig.start) != "unknown":
                actor, side = by.group(1).strip(), self.side_of(by.group(1), trig.start)
        if kind in ("withdrawal", "advance", "entry") and self._noncombatant_mover(trig, cl.start):
            self._skip(trig, "civilian actor")
            return None
        return kind, actor, side

    def _coordinated_sides(self, drafts: Optional[list[EventDraft]]) -> Optional[list[EventDraft]]:
        """ "FSA and Nusra Front fighters withdrew from X": one withdrawal per side of a
        coordinated subject (withdrawals only; a joint capture keeps the first side)."""
        if not drafts:
            return drafts
        out = list(drafts)
        for d in drafts:
            if d.kind != "withdrawal" or not d.actor:
                continue
            found = self.sides.find(d.actor)
            for a, b in zip(found, found[1:]):
                if not _SUBJ_COORD_RE.match(d.actor[a.end:b.start]):
                    continue
                sb = self._side_at(b)
                if sb not in ("unknown", d.side) and all(x.side != sb or x.slot is not d.slot for x in out):
                    out.append(replace(d, side=sb, actor=b.surface))
        return out
