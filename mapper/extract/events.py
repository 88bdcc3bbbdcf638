"""Clause-level event extraction: the builder (actors, governed places, times and
confidence); the trigger tables, filters and patterns are in
:mod:`mapper.extract.triggers`.

How an event comes to exist (all rule based, compiled regexes):

1. :data:`TRIGGER_RE` (one regex) finds trigger words in a sentence; the named
   group says the kind and the grammatical form (active verb, "fell to",
   "lost ... to", passive "was captured by", nominal "its fall to").
2. The trigger's clause (:meth:`mapper.extract.layout.Layout.clauses_of`) is checked BEFORE an
   event exists (:func:`blocked_reason`): negations ("did not", "denied"),
   modals and futures ("will", "may", "would likely"), forecasts / objectives /
   conditionals ("we expect", "objectives are to", "If", "seek to"), and bare
   infinitives ("to enter") are not events. Factual infinitives ("forced to
   withdraw", "were able to reassert control") are kept.
3. The actor is the subject phrase before the trigger in its clause (reporting
   frames "X said that ..." skipped, backers "backed by ..." ignored); its side
   comes from the :class:`~mapper.extract.sides.SideTable`. Passives take the agent
   after "to"/"by" as the side and the subject as the losing side.
4. The places are the ones the trigger governs: the object / prepositional
   phrase in the same clause (coordinated "X and Y" give one event each), not
   every place in the sentence; a withdrawal without a place starts from the
   place the paragraph is about; "toward X and Y" gives a movement.
5. The time comes from :func:`mapper.extract.dates.time_for_span` on the clause.
   Nominal triggers ("its fall to IS late May") need their own time in the
   sentence (else they are history without a date and are skipped).

Confidence (0..1) = base of the kind (capture/entry 0.8, withdrawal 0.75,
control 0.7, advance 0.65, others 0.6)
x 0.75 if the sentence is hedged ("reportedly", "allegedly", "claimed", ...)
x 0.8 if the side is unknown
x 0.85 if the place is not a gazetteer point (offset, reference, area)
x 0.9 for nominal / passive forms and x 0.9 for background history.

>>> blocked_reason("Russian forces will enter Palmyra", 21)
'modal'
>>> blocked_reason("The army did not capture Palmyra", 17)
'negation'
>>> blocked_reason("forcing its defenders to withdraw", 25) is None
True
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Callable, Optional, Sequence

from mapper.model import BuildWarning, Event, Movement, Slot, TimeSpan, UNKNOWN_TIME
from mapper.extract.triggers import (  # noqa: F401  (tables and patterns; TRIGGER_RE re-exported)
    ACTOR_MAX_WORDS, BASE_CONFIDENCE, TRIGGER_RE, Trigger, _ACTOR_BACKED_RE, _ACTOR_DATELINE_RE,
    _ACTOR_LEAD_RE, _ACTOR_TAIL_RE, _ACTOR_VERB_RE, _ADJ_BEFORE_RE, _APPOSITION_VERB_RE,
    _BACKER_PRE_RE, _BACKGROUND_RE, _BEARING_RE, _BEARING_WORDS, _BY_AGENT_RE,
    _CAPTURE_GAP_BLOCK, _CIVILIAN_RE, _CONTROL_KINDS, _COORD_RE, _DET_SUBJECT_RE,
    _FIGHTING_SUBJ_RE, _FORCING_RE, _GERUND_OBJ_RE, _IMMEDIATE_GAP_RE, _IT_OBJ_RE,
    _LOST_OBJ_GAP_RE, _LOST_TO_GAP_RE, _MODAL_RE, _MOVE_KINDS, _NONCOMBATANT_OBJ_RE,
    _NONCOMBATANT_RE, _OWN_VERB_RE, _PLACE_REQUIRED_GAP, _POSS_BEFORE_RE, _PREP_BEFORE_RE,
    _PRONOUN_RE, _QUESTION_RE, _REL_GAP_RE, _REPORT_FRAME_RE, _SUBJ_COORD_RE,
    _SUBORDINATOR_RE, _TOWARD_RE, _WITH_FAMILIES_RE, _WITH_HAVING_RE, blocked_reason,
    find_triggers, is_hedged, _MODIFIER_GAP_RE, _COUNT_OBJ_RE, _LIST_LEAD_RE, _GERUND_MODAL_RE,
    _LOC_TAIL_RE, _COORD_GLOSS_RE,
    mask_dates, _PART_OF_RE, _NONPLACE_OBJ_RE, _NOMINAL_ADVANCE_PRE_RE, _ADVANCE_PREP_AFTER_RE, _ALMOST_RE,
    _NO_ORIGIN_RE, _WITH_FAMILIES_AFTER_RE, _OBJECT_AFTER_RE, _SIEGE_STATE_RE, _PASSIVE_STATE_PRE_RE,
    _DENIAL_AFTER_RE, _DESPITE_REPORTS_RE, _STILL_PRESENT_RE, _HPASS_SUBJECT_RE, _LOST_IN_ATTACK_RE, _NOMINAL_AFTER_RE, _ROAD_GAP_RE, _NEW_PREDICATE_GAP_RE, _PLURAL_OBJ_RE,
)

__all__ = ["Trigger", "TRIGGER_RE", "find_triggers", "blocked_reason", "is_hedged",
           "EventBuilder", "BASE_CONFIDENCE", "Slot"]


#: a troops noun phrase right after a clause-initial participle: "besieged IS fighters", "trapped government troops"
_TROOPS_AFTER_RE = re.compile(r"\s+(?:(?:[A-Z][\w’'\-]*|pro-[\w\-]+|government|rebel|regime|remaining|surviving)\s+){0,3}"
                              r"(?:forces|fighters|troops|garrisons?|militants|soldiers|defenders|units|rebels|jihadists|"
                              r"gunmen|militiamen)\b")
#: a sentence start or a comma right before a word: the word opens its clause
_CLAUSE_OPEN_RE = re.compile(r"(?:^|[,;:]\s*)$")
#: the gap before a place that only locates the previous list item: "X village in " (+ "Y's outskirts")
_IN_GAP_RE = re.compile(r"^\s*(?:[a-z]+\s+)?(?:in|inside|on)\s+$")


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


class EventBuilder:
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
        self.skipped: list[dict] = []  # triggers with no usable place: {"trigger", "char_start", "reason"}

    # -- helpers ----------------------------------------------------------
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

    # -- actor ------------------------------------------------------------
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
        if clause_start > sent_start and re.match(r"\s*(?:after|before|while|since|when|upon|by|on|without)\s+"
                                                  r"(?!during|including|according)\w+ing\b", pre, re.IGNORECASE):
            # "X launched an assault, after targeting IS positions ... and re-entering the town":
            # a gerund clause has no subject of its own; the main clause's subject acts
            head = text[sent_start:clause_start]
            side = self.side_of(head, trig.start)
            if side != "unknown":
                return self._actor_text(head), side
        core = _REPORT_FRAME_RE.sub("", pre) if len(pre) < 400 else pre[-200:]
        for cand in (core, pre):
            cand = cand.strip(" ,“”\"'‘’")
            if cand:
                side = self.side_of(cand, trig.start)
                if side != "unknown":
                    return self._actor_text(cand), side
        # subject carried from the start of the sentence ("X entered A after advancing ...")
        if clause_start > sent_start:
            head = text[sent_start:clause_start]
            side = self.side_of(head, trig.start)
            if side != "unknown":
                return self._actor_text(head), side
        phrase = self._actor_text(pre)
        return phrase, "unknown"

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

    def _side_at(self, m) -> str:
        return m.side if m.side != "contextual" else (self.topic_at(m.start) or "unknown")

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
        found = self.sides.find(text, a, trig.start)
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
                    not _PREP_BEFORE_RE.search(text, max(a, first.start - 40), first.start):
                side = self._side_at(first)
                if side != "unknown":
                    return self._actor_text(text[first.start:m.end]), side
        sub = None
        for sub in _SUBORDINATOR_RE.finditer(pre):
            pass
        if sub is None:
            return None
        local = pre[sub.end():]
        la = a + sub.end()
        if not sub.group("rel") and re.match(r"\s*(?:\w+ing|having\s+\w+ed)\b", local, re.IGNORECASE) and \
                not re.match(r"\s*(?:during|including|according|regarding|concerning)\b", local, re.IGNORECASE):
            return None   # "after targeting IS positions, ... re-entering": the side phrases are objects
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
                side = self._side_at(ante[-1])
                if side != "unknown":
                    return ante[-1].surface, side
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

    # -- places -----------------------------------------------------------
    def _usable(self, slot: Slot, kind: str) -> bool:
        if slot.kind == "region":
            return kind not in _CONTROL_KINDS and slot.location is not None
        return True

    def forward_places(self, trig: Trigger, clause_end: int) -> tuple[list[Slot], list[Slot]]:
        """(object places, toward places) governed by a forward-looking trigger."""
        text = self.text
        objs: list[Slot] = []
        toward: list[Slot] = []
        cur: Optional[list[Slot]] = None
        last_end = trig.end
        # "captured 10 more villages near X, including A, B and C": the counted object is no
        # place; places before the list only locate it, the names of the list are the objects
        counted = trig.kind in ("capture", "control") and trig.form not in ("lost",) and \
            _COUNT_OBJ_RE.match(text, trig.end) is not None
        if trig.kind == "withdrawal" and not counted:
            fm = re.match(r"\s+(?:from|out\s+of)(?=\s)", text[trig.end:trig.end + 12])
            counted = fm is not None and _COUNT_OBJ_RE.match(text, trig.end + fm.end()) is not None
            # "withdrew from six villages near X": X only locates them
        skipped_any = False
        glossed = False
        for s in self.slots_in(trig.end, clause_end):
            if s.start < last_end:
                continue           # a slot nested in the previous one ("al-Tal neighborhoods in the city")
            if not self._usable(s, trig.kind):
                last_end = s.end
                continue
            gap = text[last_end:s.start]
            gap_from_trigger = text[trig.end:s.start]
            if counted and cur is None:
                if len(gap_from_trigger) > 2 * _PLACE_REQUIRED_GAP or _PART_OF_RE.search(gap) or \
                        _ROAD_GAP_RE.search(gap):
                    break
                lead = _LIST_LEAD_RE.search(gap)
                if lead and not _MODIFIER_GAP_RE.match(gap) and \
                        not re.search(r"\b(?!(?:including|during|following|according|regarding|concerning|"
                                      r"surrounding|neighbou?ring|remaining|adjoining|bordering)\b)\w{3,}(?:ed|ing)\b",
                                      gap_from_trigger) and \
                        not (skipped_any and re.match(r"\s*(?:and|as\s+well\s+as|along\s+with|together\s+with)\b",
                                                      gap, re.IGNORECASE)):
                    # (not after a second verb or a locating place: "captured 8 villages, and cut
                    # the road between X and Y", "captured 2 villages near X and Y")
                    cur = objs
                    cur.append(s)
                else:
                    skipped_any = True
                last_end = s.end
                continue
            if cur is not None:
                if _MODIFIER_GAP_RE.match(gap) or (
                        _IN_GAP_RE.match(gap) and (s.kind == "offset" or (
                            _LOC_TAIL_RE.match(text[s.end:s.end + 60]) and text[s.end:s.end + 1] in ("'", "’")))):
                    last_end = s.end       # "X, outside Y, and Z" / "X in Y's outskirts, and Z": Y only locates X
                    continue
                if glossed and gap.startswith(")"):
                    gap = gap[1:]          # after "B (B')": the list goes on
                glossed = False
                tail = _LOC_TAIL_RE.match(gap)
                if _COORD_RE.match(gap) or (tail is not None and _COORD_RE.match(gap[tail.end():])):
                    cur.append(s)          # "X and Y", "X in the city centre, and Y": same role as X
                elif _COORD_GLOSS_RE.match(gap):
                    glossed = True         # "A, B (B'), C" with B unknown: B' is the item
                    cur.append(s)
                elif trig.kind in ("withdrawal", "advance") and len(gap) < 60 and _TOWARD_RE.search(gap):
                    cur = toward           # "from X toward Y"
                    cur.append(s)
                else:
                    break                  # another phrase: not governed by the trigger
                last_end = s.end
                continue
            if len(gap_from_trigger) > _PLACE_REQUIRED_GAP:
                break
            if trig.form not in ("within", "cut") and _NEW_PREDICATE_GAP_RE.search(gap_from_trigger):
                break              # "advanced, taking control of four villages west of X": X is the gerund's
            if trig.kind == "withdrawal" and trig.form in ("v",) and \
                    (_PART_OF_RE.search(gap_from_trigger) or _NONPLACE_OBJ_RE.search(gap_from_trigger)) and \
                    not re.search(r"\b(?:from|out\s+of)\s+(?:the\s+)?(?:[\w’'\-]+\s+){0,3}$", gap_from_trigger) and \
                    not re.search(r"\b(?:forced|obliged|compelled|ordered)\s+to\s+$", text[max(0, trig.start - 30):trig.start]):
                # (but "were obliged to evacuate their headquarters in X" is a withdrawal from X)
                break              # "evacuated its headquarters in X" (but "withdrew its fighters from X")
            if trig.kind == "advance" and trig.form == "v" and _PART_OF_RE.search(gap_from_trigger):
                break              # "reached YPG positions in X", "advancing in several areas in X"
            if trig.kind in ("capture", "entry", "control") and trig.form != "lost" and \
                    (_PART_OF_RE.search(gap_from_trigger) or _NONPLACE_OBJ_RE.search(gap_from_trigger) or
                     re.match(r"['’]s\s+(?!(?:and|or|as)\b)[a-z]", text[s.end:s.end + 12])):
                break              # "seized buildings in X", "captured two soldiers near X": not X itself
            if trig.kind == "withdrawal" and _TOWARD_RE.search(gap_from_trigger):
                cur = toward
            else:
                if trig.kind in ("capture", "entry", "destruction", "control") and trig.form != "lost" \
                        and _CAPTURE_GAP_BLOCK.search(gap_from_trigger):
                    break
                cur = objs
            cur.append(s)
            last_end = s.end
        return objs, toward

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
            return self.focus_at(trig.start)
        return None

    # -- main -------------------------------------------------------------
    def drafts_for_sentence(self, sent) -> list[EventDraft]:
        text = self.text
        s0, s1 = sent.start, sent.end
        if _QUESTION_RE.search(text, s0, s1):
            return []
        clist = self.layout.clauses_of(sent)
        hedged = is_hedged(text[s0:s1])
        out: list[EventDraft] = []
        for ci, cl in enumerate(clist):
            for trig in find_triggers(text, cl.start, cl.end):
                d = self._draft(trig, cl, clist, ci, s0, s1, hedged)
                if d is not None:
                    out.extend(d)
        return out

    def _skip(self, trig: Trigger, reason: str) -> None:
        self.skipped.append({"trigger": trig.surface, "char_start": trig.start, "kind": trig.kind,
                             "reason": reason})

    def _draft(self, trig, cl, clist, ci, s0, s1, hedged) -> Optional[list[EventDraft]]:
        """The drafts of one trigger of clause ``cl`` (number ``ci`` of ``clist``) of the
        sentence ``[s0, s1)``, or None (the reason is recorded in ``self.skipped``)."""
        reason = self._blocked(trig, cl, clist, ci, s0)
        if reason is not None:
            self._skip(trig, reason)
            return None
        if self._agentless_passive(trig, cl):
            return self._drafts_agentless(trig, cl, s0, s1, hedged)
        if trig.kind == "advance" and trig.form == "v" and trig.surface.lower().endswith("ed") and \
                re.match(r"\s+(?:\w+ly\s+)?by\b", self.text[trig.end:cl.end]):
            return self._drafts_passive_advance(trig, cl, s0, s1, hedged)
        if trig.kind == "advance" and trig.form == "v" and _SIEGE_STATE_RE.match(trig.surface) and \
                _PASSIVE_STATE_PRE_RE.search(self.text, max(cl.start, trig.start - 60), trig.start):
            return self._drafts_siege_state(trig, cl, s0, s1, hedged)
        who = self._who(trig, cl, s0)
        if who is None:
            return None
        kind, actor, side = who
        form = trig.form
        args = (trig, cl, clist, ci, s0, s1, hedged, kind, actor, side)
        if form in ("fell", "falln") or (form == "pass" and kind == "capture"):
            return self._drafts_fell(*args)
        if form == "lost":
            return self._drafts_lost(*args)
        if form == "hpass" and not _HPASS_SUBJECT_RE.search(self.text, max(0, trig.start - 6), trig.start):
            return None                                # "the army pushed from the north": no passive
        if form == "hpass" and re.search(r"\b(?:toward|towards|into|to)\b", self.text[trig.end:cl.end], re.IGNORECASE):
            self._skip(trig, "movement from X toward Y")   # "SDF forces pushed from X toward Y"
            return None
        if form in ("pass", "hpass") and kind == "withdrawal":
            return self._coordinated_sides(self._drafts_driven_out(*args))
        if kind == "withdrawal" and form in ("v", "passage"):
            return self._coordinated_sides(self._drafts_active(*args))
        if form == "n" and kind in ("capture", "withdrawal", "advance"):
            objs, toward = self.forward_places(trig, cl.end)
            if objs and kind == "capture":
                # "the capture of X by Y": the agent after the place wins it
                by = re.match(r"\s*,?\s*by\s+([^,;.]{1,60})", self.text[objs[-1].end:cl.end])
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
        return self._drafts_active(*args)

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

    def _finish_drafts(self, trig, cl, s0, s1, hedged, kind, actor, side, losing, places, toward,
                       bearing=None, fallback=False) -> Optional[list[EventDraft]]:
        """One draft per place, or None ("no place" recorded) when there is none."""
        if not places:
            self._skip(trig, "no place")
            return None
        return [EventDraft(kind, trig.form, trig, actor, side, losing, p, list(toward), bearing,
                           (s0, s1), (cl.start, cl.end), hedged, fallback) for p in places]

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
        if trig.kind in ("capture", "entry") and self._denied(trig, s0):
            return "denied"        # "... had captured A, but ... never captured it"
        if trig.kind in ("capture", "entry", "control") and \
                _ALMOST_RE.search(text, max(cl.start, trig.start - 30), trig.start):
            return "negation"      # "almost captured" (but "nearly encircling X" is an advance)
        if trig.kind == "advance" and trig.form == "v" and trig.surface.lower() in ("advance", "advances") and \
                _NOMINAL_ADVANCE_PRE_RE.search(text, max(cl.start, trig.start - 40), trig.start) and \
                not _ADVANCE_PREP_AFTER_RE.match(text, trig.end, cl.end):
            return "nominal advance"   # "the SDF advance", "recent advances in the countryside"
        if trig.kind == "withdrawal" and trig.form == "v" and trig.surface.lower() in ("retreat", "retreats") and \
                _NOMINAL_ADVANCE_PRE_RE.search(text, max(cl.start, trig.start - 40), trig.start) and \
                not re.match(r"\s+(?:from|out\s+of)\b", text[trig.end:cl.end]):
            return "nominal retreat"   # "in the course of their retreat into the pocket", "the only retreat route"
        if trig.form == "v" and trig.surface.lower().endswith("ed") and \
                _ADJ_BEFORE_RE.search(text, max(s0, trig.start - 12), trig.start):
            return "adjective"
        if trig.form == "v" and trig.surface.lower().endswith("ed") and \
                _CLAUSE_OPEN_RE.search(text[max(s0, trig.start - 3):trig.start]) and \
                _TROOPS_AFTER_RE.match(text, trig.end, cl.end):
            return "adjective"     # "At the same time, besieged IS fighters in X launched ..."
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
        if side == "unknown" and (kind == "position" or trig.surface.lower().startswith("fle")):
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

    def _drafts_fell(self, trig, cl, clist, ci, s0, s1, hedged, kind, actor, side) -> Optional[list[EventDraft]]:
        """Form "X fell to Y", "its fall to Y", "X was captured by Y": the agent wins the place before the trigger."""
        text = self.text
        losing: Optional[str] = None
        toward: list[Slot] = []
        fallback = False
        places: list[Slot] = []
        p = self.place_before(trig, cl.start, s0)
        after = text[trig.end:cl.end]
        agent = re.match(r"\s*(?:by\s+)?([^,;.–—]{1,80})", after)
        winner = self.side_of(agent.group(1), trig.start) if agent else "unknown"
        if p is None or winner == "unknown":
            self._skip(trig, "no place or winner")
            return None
        places = [p]
        losing = side if side not in ("unknown", winner) else None
        named = self.sides.find(agent.group(1))
        side, actor = winner, (named[0].surface if named else agent.group(1).strip())
        if kind == "withdrawal":   # "were driven from X": side = subject
            side, actor, losing = self.actor_for(trig, cl.start, s0)[1], self.actor_for(trig, cl.start, s0)[0], None
        return self._finish_drafts(trig, cl, s0, s1, hedged, kind, actor, side, losing, places, toward,
                                   None, fallback)

    def _agentless_passive(self, trig: Trigger, cl) -> bool:
        """ "the bridge was captured", "X had been cleared of ISIL": the subject is the place."""
        if trig.form == "clearedof":
            return True
        return trig.kind == "capture" and trig.form == "v" and re.search(
            r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$",
            self.text[max(cl.start, trig.start - 20):trig.start]) is not None

    def _context_side(self, pos: int) -> tuple[str, str]:
        """(actor, side) that acts at ``pos`` by context: the last actor of the same
        paragraph (or of the previous 600 characters), else the side the text is about."""
        if self.last_side is not None and self.last_side_pos >= 0 and \
                (pos - self.last_side_pos < 600 or self._para_of(pos) == self._para_of(self.last_side_pos)):
            return self.last_actor, self.last_side
        topic = self.topic_at(pos)
        return ("", topic) if topic else ("", "unknown")

    def _drafts_agentless(self, trig, cl, s0, s1, hedged) -> Optional[list[EventDraft]]:
        """A capture in the passive with no agent: "the bridge was captured, as well as the
        nearby depot", "X had been cleared of ISIL", "X was captured on Monday by the army".
        The winner is the agent when one follows, else the actor of the context; the side
        named in the subject ("the IS-held town") or after "cleared of" loses the place."""
        text = self.text
        place = self.place_before(trig, cl.start, s0)
        places = [place] if place is not None else []
        if trig.form != "clearedof":
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
            if self._usable(sl, kind) and re.fullmatch(r"[\s,]*", text[sl.end:pos]):
                return sl
            break
        return None

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
        if not places and kind == "withdrawal" and not _OBJECT_AFTER_RE.match(text, trig.end, cl.end):
            # origin implicit: the last place before the trigger in the paragraph, else the focus;
            # with a destination only ("retreated east", "withdrew to X") the origin must be named
            # in this sentence or the one before (never the paragraph's focus)
            para = self._para_of(trig.start)
            origin = self._last_slot_before(trig.start, para, toward)
            if toward or bearing is not None or _NO_ORIGIN_RE.match(text, trig.end, cl.end):
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
            offs = [s for s in self.slots_in(trig.end, np_.start() if np_ else cl.end) if s.kind == "offset"]
            places = offs[:1]
        return self._finish_drafts(trig, cl, s0, s1, hedged, kind, actor, side, losing, places, toward,
                                   bearing, fallback)

    def _road_places(self, trig: Trigger, clause_end: int) -> list[Slot]:
        """The place of "cut the X-Y road" / "severed the road between X and Y": the place the
        paragraph is about when the road names it, else the first place the road names."""
        text = self.text
        names = [s for s in self.slots_in(trig.start, trig.end) if self._usable(s, "advance")]
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

    # -- finishing ---------------------------------------------------------
    def finish(self, drafts: list[EventDraft]) -> tuple[list[Event], list[Movement], list[dict]]:
        """Events (deduplicated by id), movements and warnings for unplaced drafts."""
        art = self.article
        events: dict[str, Event] = {}
        movements: list[Movement] = []
        warnings: list[dict] = []
        for d in drafts:
            if d.slot.location is None:
                warnings.append(BuildWarning(
                    "event_unplaced", f"{d.kind} by {d.side} at {d.slot.name!r} not mapped: "
                                      f"the place is not in the gazetteer",
                    art.id, char_start=d.slot.start, char_end=d.slot.end,
                    details=(("event_kind", d.kind), ("mention", d.slot.surface or d.slot.name))).as_dict())
                continue
            time, own = self.time_of(d.clause[0], d.clause[1], d.sentence[0], d.sentence[1],
                                     anchor=(min(d.trigger.start, d.slot.start), max(d.trigger.end, d.slot.end)))
            if d.form in ("n", "falln") and not own:
                continue   # nominal history ("Palmyra's fall to IS") without its own date
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
            key = d.slot.key or d.slot.name
            s0, s1 = d.sentence
            eid = f"{art.id}:{s0}:{d.kind}:{key}"
            ev = Event(id=eid, kind=d.kind, side=d.side, actor=d.actor, article_id=art.id,
                       quote=self.text[s0:s1], char_start=s0, char_end=s1, place_name=d.slot.name,
                       location=d.slot.location, time=time, losing_side=d.losing_side,
                       confidence=round(conf, 3), outlet=art.outlet, published=art.published,
                       toward=tuple(t.location for t in d.toward if t.location is not None),
                       toward_names=tuple(t.name for t in d.toward if t.location is not None),
                       flags=tuple(flags))
            old = events.get(eid)
            n = 1
            while old is not None and (old.side, old.time.start, old.time.end) != (ev.side, time.start, time.end):
                # a different claim about the same place in the same sentence: its own id
                n += 1
                eid = f"{art.id}:{s0}:{d.kind}:{key}:{n}"
                old = events.get(eid)
            ev = replace(ev, id=eid)
            if old is not None and (old.confidence > ev.confidence or
                                    (old.confidence == ev.confidence and len(old.toward) >= len(ev.toward))):
                continue
            events[eid] = ev
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
        return sorted(events.values(), key=lambda e: (e.char_start, e.id)), movements, warnings
