"""Clause-level event extraction: the builder (actors, governed places, times and
confidence); the trigger tables, filters and patterns are in
:mod:`mapper.extract.events.triggers`.

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
from typing import Optional

from mapper.model import Slot
from mapper.extract.events.patterns import (  # noqa: F401
    ACTOR_MAX_WORDS, _ACTOR_BACKED_RE, _ACTOR_DATELINE_RE, _ACTOR_LEAD_RE, _ACTOR_TAIL_RE,
    _ACTOR_VERB_RE, _APPOSITION_VERB_RE, _BACKER_PRE_RE, _BACKGROUND_RE, _BEARING_RE,
    _BEARING_WORDS, _BY_AGENT_RE, _CAPTURE_GAP_BLOCK, _CIVILIAN_RE, _CONTROL_KINDS, _COORD_RE,
    _DET_SUBJECT_RE, _FIGHTING_SUBJ_RE, _FORCING_RE, _IMMEDIATE_GAP_RE, _IT_OBJ_RE,
    _LOST_OBJ_GAP_RE, _LOST_TO_GAP_RE, _MOVE_KINDS, _NONCOMBATANT_OBJ_RE, _NONCOMBATANT_RE,
    _OWN_VERB_RE, _PLACE_REQUIRED_GAP, _POSS_BEFORE_RE, _PREP_BEFORE_RE, _PRONOUN_RE, _REL_GAP_RE,
    _REPORT_FRAME_RE, _SUBJ_COORD_RE, _SUBORDINATOR_RE, _TOWARD_RE, _WITH_FAMILIES_RE,
    _WITH_HAVING_RE, _MODIFIER_GAP_RE, _COUNT_OBJ_RE, _LIST_LEAD_RE, _GERUND_MODAL_RE, _LOC_TAIL_RE,
    _COORD_GLOSS_RE, _PART_OF_RE, _NONPLACE_OBJ_RE, _NOMINAL_ADVANCE_PRE_RE, _ADVANCE_PREP_AFTER_RE,
    _ALMOST_RE, _NO_ORIGIN_RE, _WITH_FAMILIES_AFTER_RE, _OBJECT_AFTER_RE, _SIEGE_STATE_RE,
    _PASSIVE_STATE_PRE_RE, _DENIAL_AFTER_RE, _DESPITE_REPORTS_RE, _STILL_PRESENT_RE,
    _HPASS_SUBJECT_RE, _LOST_IN_ATTACK_RE, _NOMINAL_AFTER_RE, _ROAD_GAP_RE, _NEW_PREDICATE_GAP_RE,
    _PLURAL_OBJ_RE
)
from mapper.extract.events.triggers import (  # noqa: F401
    BASE_CONFIDENCE, TRIGGER_RE, Trigger, find_triggers
)
from mapper.extract.events.blocking import (  # noqa: F401
    _ADJ_BEFORE_RE, _GERUND_OBJ_RE, _MODAL_RE, _QUESTION_RE, blocked_reason, is_hedged, mask_dates
)
from mapper.extract.events.active import ActiveMixin
from mapper.extract.events.actors import ActorMixin
from mapper.extract.events.base import BuilderBase, EventDraft, bearing_of  # noqa: F401  (re-exported)
from mapper.extract.events.filters import FilterMixin
from mapper.extract.events.finish import FinishMixin
from mapper.extract.events.passives import PassiveMixin
from mapper.extract.events.places import PlaceMixin

#: a headline "pushed from X toward Y" is a movement of the subject, not its loss of X
_HPASS_TOWARD_RE = re.compile(r"\s+(?:out\s+of|from)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"
                              r"[\w’'\-]+(?:\s+[A-Z][\w’'\-]*){0,3}\s+(?:toward|towards|into|to)\s+(?:the\s+)?"
                              r"(?:[A-Z]|(?:north|south|east|west)\w*\b)")

#: "surrounded by the following day": a time after "by", not an agent
_BY_TIME_RE = re.compile(r"\s+(?:\w+ly\s+)?by\s+(?:the\s+)?(?:following|next|same|end|time|then|now|nightfall|dawn|"
                         r"morning|evening|afternoon|midnight|noon|early|late|mid|\d|(?:mon|tues|wednes|thurs|fri|satur|"
                         r"sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)

__all__ = ["Trigger", "TRIGGER_RE", "find_triggers", "blocked_reason", "is_hedged",
           "EventBuilder", "BASE_CONFIDENCE", "Slot", "EventDraft", "bearing_of"]


class EventBuilder(ActorMixin, PlaceMixin, FilterMixin, PassiveMixin, ActiveMixin, FinishMixin, BuilderBase):
    """Builds events for one article: ``drafts_for_sentence`` per sentence, then ``finish``.

    The constructor is :class:`~mapper.extract.events.base.BuilderBase`'s:
    ``EventBuilder(article, layout, sentences, slots, side_table, time_of, focus_at)``.
    Each job is its own module: actors (events.actors), governed places (events.places),
    blocking rules (events.filters), passive shapes (events.passives), active / nominal
    shapes (events.active), events and movements (events.finish).
    """

    def drafts_for_sentence(self, sent) -> list[EventDraft]:
        text = self.text
        s0, s1 = sent.start, sent.end
        if _QUESTION_RE.search(text, s0, s1):
            return []
        clist = self.layout.clauses_of(sent)
        hedged = is_hedged(text[s0:s1])
        out: list[EventDraft] = []
        for ci, cl in enumerate(clist):
            for trig in find_triggers(text, cl.start, cl.end, scan=self.trigger_scan):
                d = self._draft(trig, cl, clist, ci, s0, s1, hedged)
                if d is not None:
                    out.extend(d)
                    self._drafts_log.extend(d)
        return out

    def _draft(self, trig, cl, clist, ci, s0, s1, hedged) -> Optional[list[EventDraft]]:
        """The drafts of one trigger of clause ``cl`` (number ``ci`` of ``clist``) of the
        sentence ``[s0, s1)``, or None (the reason is recorded in ``self.skipped``)."""
        reason = self._blocked(trig, cl, clist, ci, s0)
        if reason is not None:
            self._skip(trig, reason)
            return None
        if self._agentless_passive(trig, cl):
            return self._drafts_agentless(trig, cl, s0, s1, hedged)
        if trig.form in ("taken", "fallen"):
            return None    # "taken" without a passive auxiliary ("have taken part"): not this shape
        if trig.form == "ctrl":
            return self._drafts_ctrl(trig, cl, s0, s1, hedged)
        if trig.kind == "advance" and trig.form == "v" and trig.surface.lower().endswith("ed") and \
                re.match(r"\s+(?:\w+ly\s+)?by\b", self.text[trig.end:cl.end]) and \
                not _BY_TIME_RE.match(self.text, trig.end, cl.end):
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
        if form in ("fell", "falln", "rpass") or (form == "pass" and kind == "capture"):
            return self._drafts_fell(*args)
        if form == "lost":
            return self._drafts_lost(*args)
        if form == "hpass" and not self._hpass_subject(trig, cl):
            return None                                # "the army pushed from the north": no passive
        if form == "hpass" and _HPASS_TOWARD_RE.match(self.text, trig.end, cl.end):
            self._skip(trig, "movement from X toward Y")   # "SDF forces pushed from X toward Y"
            return None
        if form == "pass" and kind == "withdrawal" and side == "unknown" and \
                re.search(r"(?:cleared|swept|purged)", trig.surface, re.IGNORECASE):
            self._skip(trig, "cleared of no armed side")   # "mines were cleared from the city"
            return None
        if form in ("pass", "hpass") and kind == "withdrawal":
            return self._coordinated_sides(self._drafts_driven_out(*args))
        if kind == "withdrawal" and form in ("v", "passage"):
            return self._coordinated_sides(self._drafts_active(*args))
        if form == "n" and kind in ("capture", "withdrawal", "advance"):
            return self._drafts_nominal(*args)
        return self._drafts_active(*args)
