"""Clause-level event extraction: triggers, the negation / forecast filter,
actors, governed places, times and confidence.

How an event comes to exist (all rule based, compiled regexes):

1. :data:`TRIGGER_RE` (one regex) finds trigger words in a sentence; the named
   group says the kind and the grammatical form (active verb, "fell to",
   "lost ... to", passive "was captured by", nominal "its fall to").
2. The trigger's clause (:func:`mapper.extract.sentences.clauses`) is checked BEFORE an
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
from datetime import timedelta
from typing import Callable, Optional, Sequence

from gazetteer.model import Location
from mapper.model import Event, Movement, TimeSpan, UNKNOWN_TIME

__all__ = ["Trigger", "TRIGGER_RE", "find_triggers", "blocked_reason", "is_hedged",
           "EventBuilder", "BASE_CONFIDENCE", "Slot"]

# --------------------------------------------------------------------------- triggers

_CTRL = r"(?:full\s+|complete\s+|total\s+|back\s+|partial\s+)?control\s+(?:of|over)"
_TRIGGERS: list[tuple[str, str]] = [
    # passive / inverted captures first (they contain verb words of other kinds)
    ("capture_fell", r"(?:fell|falls|falling|fallen)\s+(?:in)?to(?!\s+the\s+ground)"),
    ("capture_falln", r"fall\s+(?:in)?to(?!\s+the\s+ground)"),
    ("capture_lost", r"(?:lost|loses|lose|losing|ceded|surrendered)(?:\s+" + _CTRL + r")?"),
    ("capture_pass", r"(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:re-?)?(?:captured|seized|taken(?:\s+over)?|"
                     r"retaken|overrun|liberated|recaptured|conquered)(?=\s+by\b)"),
    # loss verbs in the passive: the subject LOSES the place ("were ousted two weeks ago from
    # Raqqa", "has been beaten back", "was expelled by the army from Zuhur"); a "by X" agent
    # makes it a capture by X (see EventBuilder._draft)
    ("withdrawal_pass", r"(?:was|were|been|being|is|are|got|get|gets)\s+(?:\w+ly\s+)?(?:driven|pushed|forced|"
                        r"expelled|ousted|dislodged|kicked|chased|routed|evicted|flushed|cleared|beaten|"
                        r"thrown|swept|purged)"
                        r"(?:\s+(?:out|back|away|off))?(?=(?:\s+[\w’'\-]+){0,8}?\s+(?:out\s+of|from)\b|\s+back\b)"
                        r"|(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:beaten|pushed|driven|forced)\s+back"),
    # active loss verbs with the victim as object: "drove IS out of X", "pushed the rebels out of X"
    ("capture_expel", r"(?:expell?(?:ed|ing|s)?|drove|driving|drives|ousted|ousting|dislodg(?:ed|ing|es)"
                      r"|evicted|routed|flushed)"
                      r"|(?:pushed|pushing|kicked|kicking|chased|chasing|forced|forcing|threw|throwing|"
                      r"cleared|clearing)(?=(?:\s+[\w’'\-]+){1,6}?\s+(?:out\s+of|from)\b)"),
    ("control_v", r"(?:(?:remains?|remained|is|are|was|were|now|firmly|still)\s+)+in\s+(?:full\s+|complete\s+|total\s+)?"
                  r"control\s+of|controls"),
    ("capture_n", r"(?:re)?capture\s+of|fall\s+of|takeover\s+of|seizure\s+of"),
    ("capture_v", r"(?:re-?)?captur(?:ed|es|e|ing)|seiz(?:ed|es|e|ing)(?:\s+control\s+(?:of|over))?"
                  r"|(?:re-?)?(?:took|tak(?:en|es|e|ing))\s+(?:" + _CTRL + r"|over|back)"
                  r"|retook|retaken|retakes?|retaking|re-took"
                  r"|(?:won|wins?|winning)(?:\s+back)?(?:\s+(?:parts|most|much|some|all)\s+of)?(?:\s+" + _CTRL + r")?"
                  r"|overr(?:an|un|uns|unning)|liberat(?:ed|es|ing)"
                  r"|regain(?:ed|s|ing)?(?:\s+" + _CTRL + r")?|gain(?:ed|s|ing)?\s+" + _CTRL +
                  r"|reassert(?:ed|s|ing)?\s+" + _CTRL + r"|wrest(?:ed|s|ing)?(?:\s+control\s+of)?"
                  r"|conquer(?:ed|s|ing)?|captures?"),
    ("entry_v", r"enter(?:ed|s|ing)?(?!\s+(?:(?:a|an|its|the|their|his|her)\s+)?(?:[\w\-]+\s+)?(?:day|week|month|year|"
                r"phase|stage|round|talks|negotiations|agreement|deal|truce|ceasefire|service|force|politics|"
                r"office|war|fray|conflict|race)s?\b)|(?:stormed|storms?|storming|broke|break|breaking|pushed|moved|swept|rolled|"
                r"poured|marched|advanced)\s+into|made\s+(?:their|its)\s+way\s+into"),
    ("withdrawal_v", r"withdr(?:ew|awn|awing|aws|aw)|retreat(?:ed|s|ing)?|pull(?:ed|s|ing)?\s+(?:out|back)"
                     r"|f(?:e|a)ll(?:ing|s)?\s+back|fled|flee(?:ing|s)?|evacuat(?:ed|es|e|ing)"
                     r"|abandon(?:ed|s|ing)?"),
    ("withdrawal_n", r"withdrawal\s+(?:of|from)|retreat\s+from|pull-?out\s+from|loss\s+of"),
    ("advance_v", r"advanc(?:ed|es|e|ing)|clos(?:ed|es|ing|e)\s+in(?:\s+on)?|approach(?:ed|es|ing)"
                  r"|push(?:ed|es|ing)?\s+(?:on\s+)?(?:to|toward|towards|into|on|deeper)"
                  r"|mov(?:ed|es|ing)\s+(?:closer\s+)?(?:toward|towards|closer)|march(?:ed|es|ing)?\s+(?:on|toward|towards)"
                  r"|reach(?:ed|es|ing)|gain(?:ed|s|ing)\s+ground|encircl(?:ed|es|e)|surround(?:ed|s)"),
    ("advance_n", r"march\s+on|advance\s+(?:on|toward|towards|to)|drive\s+(?:on|toward|towards)"),
    ("position_v", r"(?:kilomet(?:er|re)s?|km|miles?)\s+(?:away\s+)?from|(?:stationed|positioned|deployed|massed|massing|"
                   r"amassed|amassing)\s+(?:in|at|near|around|outside|on)|(?:on|at)\s+the\s+(?:outskirts|gates|edge)\s+of"),
    ("airstrike_n", r"air\s*-?\s*strikes?|air\s+raids?|air\s+attacks?|drone\s+strikes?|barrel\s+bombs?|"
                    r"(?:warplanes|jets|aircraft|helicopters)\s+(?:struck|hit|pounded|bombed|targeted|attacked|raided)"
                    r"|aerial\s+bombardment|air\s+bombardment"),
    ("destruction_v", r"destroy(?:ed|s|ing)?|raz(?:ed|es|ing|e)|demolish(?:ed|es|ing)?|(?:blew|blow(?:ing|s)?)\s+up"
                      r"|levell?ed"),
    ("attack_v", r"attack(?:ed|s|ing)?(?!\s+(?:helicopters?|aircraft|jets?|planes?|drones?|choppers?|"
                 r"boats?|dogs?|submarines?))|assault(?:ed|s|ing)?|storm(?:ed|s|ing)|shell(?:ed|s|ing)"
                 r"|bombard(?:ed|s|ing|ment)|pound(?:ed|s|ing)|offensive\s+(?:on|against)|raid(?:ed|s|ing)"
                 r"|bomb(?:ed|ing)"),
    ("clash_n", r"clash(?:es|ed|ing)?|fighting(?!\s+(?:positions?|season|vehicles?|force|age|units?|men))|fought|battl(?:es|ed|ing|e)|skirmish(?:es|ed)?|firefights?"),
]
#: One regex for every trigger; the named group is "<kind>_<form>".
TRIGGER_RE = re.compile(
    r"(?<![\w\-])(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _TRIGGERS) + r")(?![\w\-])",
    re.IGNORECASE)

BASE_CONFIDENCE = {"capture": 0.8, "entry": 0.8, "withdrawal": 0.75, "control": 0.7,
                   "advance": 0.65, "position": 0.6, "clash": 0.6, "attack": 0.6,
                   "airstrike": 0.6, "destruction": 0.6}


@dataclass(frozen=True)
class Trigger:
    """A trigger word/phrase ``text[start:end]`` of ``kind`` in ``form``
    (v: active verb, pass: passive, fell: "fell to", falln: nominal "its fall to",
    lost: "lost ... to",
    expel: "drove X out of", n: nominal)."""

    start: int
    end: int
    kind: str
    form: str
    surface: str


def find_triggers(text: str, start: int = 0, end: Optional[int] = None) -> list[Trigger]:
    """Every trigger in ``text[start:end]`` (offsets into ``text``).

    >>> [(t.kind, t.form) for t in find_triggers("ISIS recaptured Palmyra after its fall to IS")]
    [('capture', 'v'), ('capture', 'falln')]
    """
    end = len(text) if end is None else end
    out = []
    for m in TRIGGER_RE.finditer(text, start, end):
        kind, _, form = m.lastgroup.rpartition("_")
        out.append(Trigger(m.start(), m.end(), kind, form, m.group(0)))
    return out


# --------------------------------------------------------------------------- filters

_NEGATION_RE = re.compile(
    r"\b(?:not|never|no|n[o']t|cannot|neither|nor|without|failed|fail|fails|failing|unable|denied|denies|"
    r"deny|denying|refuted|rejected\s+(?:claims|reports)|dismissed\s+(?:claims|reports)|false|falsely|"
    r"prevented|prevent|stopped\s+\w+\s+from|thwarted|foiled|repelled|repulsed|"
    r"(?:barred|banned|blocked|kept|stopped|prohibited|restrained|precluded|deterred|held\s+back)\s+"
    r"(?:[\w’'\-]+\s+){0,3}?from|refus(?:ed|es|e|ing)|declin(?:ed|es|e|ing)\s+to|denied\s+access|"
    r"disallowed|forbidden|forbade|rejected|rejects|reject|rejecting|impossible|in\s+vain)\b|n[’']t\b",
    re.IGNORECASE)
_MODAL_RE = re.compile(
    r"\b(?:will|would|could|may|might|should|must|shall|can|going\s+to|about\s+to|set\s+to|likely|unlikely|"
    r"expected|expect|expects|expecting|expectation|plan|plans|planned|planning|aim|aims|aimed|aiming|"
    r"seek|seeks|sought|seeking|intend|intends|intended|intending|objectives?|goals?|targets?\s+(?:is|are)|"
    r"threat|threats|threaten|threatened|threatens|threatening|vow|vowed|vows|vowing|pledged|promised|"
    r"warn|warned|warns|hope|hopes|hoped|hoping|want|wants|wanted|attempt|attempts|attempted|attempting|"
    r"tried|try|tries|trying|prepare|prepares|prepared|preparing|poised|ready|readying|if|unless|whether|"
    r"whoever|in\s+order\s+to|bid\s+to|efforts?\s+to|possible|possibly|potential|potentially|"
    r"would-be|order(?:ed|s)?\s+to|called\s+on|urged|calls?\s+for|as\s+long\s+as|bound\s+to|"
    r"soon|imminent|imminently|next\s+(?:few\s+)?(?:days|weeks|hours)|coming\s+(?:days|weeks|hours)|"
    r"demand|demands|demanded|demanding|ultimatum|allow(?:ed|s|ing)?\s+for|provid(?:ed|es|ing|e)\s+for|"
    r"paved?\s+the\s+way|paving\s+the\s+way|"
    # nominal objectives: "launched the offensive to retake", "a push to capture", "the battle for"
    r"(?:offensive|operation|campaign|push|drive|battle|fight|assault|mission|race|bid|struggle|"
    r"preparations?|plans?|deal|agreement|order)s?\s+(?:[\w’'\-]+\s+){0,2}?to)\b"
    r"|['’]ll\b|['’]d\b",
    re.IGNORECASE)
# a bare infinitive right before the trigger: "to enter", "to further advance"
_INFINITIVE_RE = re.compile(r"\bto\s+(?:\w+ly\s+)?(?:\w+\s+)?$", re.IGNORECASE)
# ... that is factual when a control verb governs it: "forced to", "forcing its defenders to"
_FACTUAL_INF_RE = re.compile(
    r"\b(?:forced|forcing|obliged|compelled|able|managed|manages|began|begun|begins|started|"
    r"continued|continue|continues|continuing|went\s+on|had|helped|enabled|allowed|succeeded|moved)"
    r"\s+(?:[\w’'\-]+\s+){0,3}?to\s+(?:\w+ly\s+)?$",
    re.IGNORECASE)
_QUESTION_RE = re.compile(r"\?\s*[”\"’']?\s*$")
_HEDGE_RE = re.compile(
    r"\b(?:reportedly|reported|reports|allegedly|alleged|claimed|claims|claiming|apparently|unconfirmed|"
    r"purportedly|said\s+to\s+have|rumou?red|unverified|could\s+not\s+(?:be\s+)?verif(?:y|ied))\b",
    re.IGNORECASE)
# a gerund trigger governed by a preposition / noun is an objective, not an event:
# "focusing its efforts on capturing", "operation on liberating", "the aim of retaking"
_GERUND_OBJ_RE = re.compile(r"\b(?:on|for|of|at|from|against|toward|towards|about|aimed\s+at|with\s+a\s+view\s+to|"
                            r"the|a|an|its|their|his|her|\d+|some|hundreds|dozens|thousands|many)\s+$",
                            re.IGNORECASE)
# words that make a following -ed trigger an adjective: "the captured soldiers"
_ADJ_BEFORE_RE = re.compile(r"\b(?:the|a|an|of|its|their|his|her|newly|recently|freshly)\s+$", re.IGNORECASE)


def blocked_reason(clause_text: str, trigger_offset: int) -> Optional[str]:
    """Why the trigger at ``clause_text[trigger_offset:]`` is not an event, or None.

    Looks at the clause text before the trigger: "negation", "modal" (future,
    forecast, objective, conditional, attempt), "infinitive" (a bare "to"
    before the trigger that no factual verb governs).
    """
    pre = clause_text[:trigger_offset]
    if _NEGATION_RE.search(pre):
        return "negation"
    if _MODAL_RE.search(pre):
        return "modal"
    if _INFINITIVE_RE.search(pre) and not _FACTUAL_INF_RE.search(pre):
        return "infinitive"

    return None


def is_hedged(sentence_text: str) -> bool:
    """True when the sentence carries a hedge ("reportedly", "claimed", ...)."""
    return bool(_HEDGE_RE.search(sentence_text))


# --------------------------------------------------------------------------- slots


@dataclass(frozen=True)
class Slot:
    """A place-like span an event can be placed at (built by mapper.extract.locate).

    kind: "place" (gazetteer place), "offset" (a spatial phrase with an
    anchor), "reference" ("the city" -> the place the paragraph is about),
    "region" (province / governorate / country: never places a capture),
    "unknown" (a toponym the gazetteer does not know; location from a spatial
    phrase when there is one, else None). ``key`` goes into event ids.
    """

    start: int
    end: int
    name: str
    kind: str
    location: Optional[Location] = None
    key: str = ""
    surface: str = ""
    settlement: bool = False


# --------------------------------------------------------------------------- event building

# words between a trigger and its object that end the object search
_CAPTURE_GAP_BLOCK = re.compile(r"\b(?:by|with|against|after|before|since|while|during|following|than|"
                                r"leading|linking|connecting|through|between|roads?\s+to|highway\s+to|"
                                r"said|says|told|from|under|amid)\b|[;:()]", re.IGNORECASE)
_TOWARD_RE = re.compile(r"\b(?:toward|towards|to|into|in\s+the\s+direction\s+of|for)\s+(?:the\s+)?"
                        r"(?:\w+\s+){0,3}$", re.IGNORECASE)
_FROM_RE = re.compile(r"\b(?:from|out\s+of|of|in|inside|at)\s+(?:[\w’'\-]+\s+){0,4}$", re.IGNORECASE)
_COORD_RE = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+|&\s*)(?:the\s+)?"
                       r"(?:(?:town|city|village|district|area)s?\s+of\s+)?$", re.IGNORECASE)
_BEARING_WORDS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
                  "southwest": 225.0, "west": 270.0, "northwest": 315.0}
_BEARING_RE = re.compile(r"\b(north|south|east|west|northeast|northwest|southeast|southwest|"
                         r"north-east|north-west|south-east|south-west)(?:ward|wards)?\b", re.IGNORECASE)
_REPORT_FRAME_RE = re.compile(r"^.*\b(?:that|said|says|told\s+[\w\s]{1,40}?|reported|according\s+to\s+[^,]{1,60},)\s+",
                              re.IGNORECASE | re.DOTALL)
_CIVILIAN_RE = re.compile(r"\b(?:civilians?|residents?|people|famil(?:y|ies)|inhabitants|refugees|children|"
                          r"women|displaced|locals|thousands|hundreds|dozens|majority|many|most|those|"
                          r"others|population)\b", re.IGNORECASE)
_FIGHTING_SUBJ_RE = re.compile(r"\b(?:fighting|clashes|battles?|violence)\s*$", re.IGNORECASE)
_BACKGROUND_RE = re.compile(r"\b(?:first|previously|originally|earlier\s+in\s+the\s+war|last\s+year|"
                            r"years?\s+ago)\b", re.IGNORECASE)
# a trigger inside a backer phrase: "Backed by Russian air strikes, the army ..."
_BACKER_PRE_RE = re.compile(r"\b(?:backed|supported|aided|covered)\s+(?:by|with)\s+(?:[\w\-’']+\s+){0,3}$",
                            re.IGNORECASE)
_FORCING_RE = re.compile(r"\b(?:forcing|forced|compelling|obliging)\s+((?:[\w’'\-]+\s+){0,4}?)to\s+$", re.IGNORECASE)
_BY_AGENT_RE = re.compile(r"\s+(?:carried\s+out\s+|launched\s+)?by\s+([^,;.]{1,60}?)(?=\s+(?:on|in|near|against|at|targeting)\b|[,;.]|$)",
                          re.IGNORECASE)
_PRONOUN_RE = re.compile(r"(?:^|[\s,“\"])(?:they|it|its\s+\w+|their\s+\w+|the\s+latter|these\s+forces)$",
                         re.IGNORECASE)
_IT_OBJ_RE = re.compile(r"\s+(?:it|them)\b", re.IGNORECASE)
_POSS_BEFORE_RE = re.compile(r"\b(?:its|it|the\s+city['’]s|the\s+town['’]s)\s+$", re.IGNORECASE)

#: movement / control verbs whose -ing forms are checked for objectives and adjectives
_MOVE_KINDS = {"capture", "entry", "withdrawal", "advance"}
#: "lost X" / "lost the town of X" (the place is the direct object, no "in", "near" ...)
_LOST_OBJ_GAP_RE = re.compile(r"\s+(?:(?:the|its|their|his|her|key|strategic|town|city|village|district|"
                              r"neighbou?rhood|area|base|airbase|air\s+base|oil|gas|field|hill|mountain|"
                              r"of)\s+)*$", re.IGNORECASE)
#: "lost (control of / most of / the town of) X to Y"
_LOST_TO_GAP_RE = re.compile(r"\s+(?:(?:the|its|their|his|her|key|strategic|town|city|village|district|"
                             r"neighbou?rhood|areas?|base|airbase|air\s+base|oil|gas|field|hill|mountain|most|"
                             r"much|parts?|some|all|large|swathes?|positions?|control|full|complete|total|"
                             r"over|of|in|around|the\s+\w+\s+of)\s+)*$", re.IGNORECASE)
#: kinds whose place must be a real place (no region)
_CONTROL_KINDS = {"capture", "entry", "withdrawal", "control"}
_PLACE_REQUIRED_GAP = 90  # characters between trigger and object at most


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


#: at most this many words of subject phrase are kept as the actor
ACTOR_MAX_WORDS = 12
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: time words and datelines glued in front of a subject
_ACTOR_LEAD_RE = re.compile(
    r"^(?:(?:also|earlier|later|meanwhile|but|and|then|on|since|by|in|at|last|this|early|late|after|"
    r"most|recently|"
    r"overnight|today|yesterday|" + _WEEKDAY + r"|" + _MONTH + r"|\d{1,4}(?:st|nd|rd|th)?)[\s,]+){1,8}",
    re.IGNORECASE)
#: "AMMAN:" / "BEIRUT (Reuters) -" in front of a subject
_ACTOR_DATELINE_RE = re.compile(r"^[A-Z][A-Z'’.\- ]{2,30}(?:\s*\([^)]{1,30}\))?\s*[:–—-]\s+")
#: "Backed by Russian air strikes, " / "With Russian air support, " before a subject
_ACTOR_BACKED_RE = re.compile(r"^(?:backed|supported|aided|helped|with)\b[^,]{0,80},\s*", re.IGNORECASE)
#: the first finite verb after a subject: the actor ends before it
_ACTOR_VERB_RE = re.compile(
    r"\s(?:are|is|was|were|had|has|have|said|says|say|initiated|continued?|continues|stepped|"
    r"confirmed|lost|obliged|forced|managed|began|reportedly|claimed|announced|launched|entered|"
    r"captured|seized|took|recaptured|retook|withdrew|advanced|attacked|shelled|stormed|killed)\b"
    r"|\s(?!(?:armed|backed|led|based|allied)\b)[a-z]{3,}ed\s+(?:their|its|the|a|an|his|her)\b",
    re.IGNORECASE)
#: auxiliaries and catenative verbs at the end of a subject phrase
_ACTOR_TAIL_RE = re.compile(
    r"(?:\s+(?:have|has|had|been|were|was|are|is|then|also|now|in\s+fact|reportedly|first|later|"
    r"finally|eventually|again|already|managed|began|begun|started|tried|continued|attempted|sought|"
    r"able|to|\w+ly))+$", re.IGNORECASE)


#: what may stand between a subject side phrase and its verb: auxiliaries, adverbs,
#: time words, head nouns ("IS fighters", "the army on Tuesday", "rebels have since")
_IMMEDIATE_GAP_RE = re.compile(
    r"(?:['’]s)?(?:\s+(?:have|has|had|been|were|was|are|is|then|also|now|in\s+fact|first|later|finally|"
    r"eventually|again|already|since|once|quickly|managed\s+to|began|begun|started|went\s+on\s+to|"
    r"continued\s+to|(?:on|early|late|last|this|since)\s+" + _WEEKDAY + r"|" + _WEEKDAY + r"|"
    r"(?:on|in|by|since)\s+" + _MONTH + r"(?:\s+\d{1,2})?|(?:this|last|earlier\s+this)\s+(?:week|month|year)|"
    r"fighters|militants|terrorists|forces|troops|units|soldiers|jihadists|gunmen|militias?|group|members|"
    r"men|army|backed|allied|\w+ly|\d{1,2})){0,6}\s*(?:\(\w{2,6}\)\s*)?$",
    re.IGNORECASE)
#: a side phrase that is the object of a preposition is not a subject ("backed by Turkey")
_PREP_BEFORE_RE = re.compile(r"\b(?:by|with|of|against|from|to|for|on|at|in|into|toward|towards|under|"
                             r"between|among|including|than|fighting|attacking|battling|backing)\s+(?:the\s+)?$",
                             re.IGNORECASE)
#: coordinated subjects "Syrian troops and Kurdish fighters": walk back to the first one
_SUBJ_COORD_RE = re.compile(r"^\s*(?:,|and|&|as\s+well\s+as|along\s+with|together\s+with)\s*(?:the\s+)?"
                            r"(?:(?:allied|other|local|pro-\w+|foreign|Shiite|Iraqi|Iranian|Afghan|Lebanese)\s+)?$",
                            re.IGNORECASE)
#: "with Iraqi forces aided by coalition airstrikes having retaken X"
_WITH_HAVING_RE = re.compile(r"\bwith\s+((?:[\w’'.\-]+\s+){1,10}?)having\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: subordinators that open a clause with its own subject (commas are often missing in the corpus)
_SUBORDINATOR_RE = re.compile(
    r"\b(?:(?P<rel>which|who|whom|that)|since|after|when|whenever|until|till|because|while|before|once|"
    r"whereas|although|though|where|but|(?<!such\s)(?<!well\s)(?<!known\s)(?<!so\s)as(?!\s+(?:well|part|a|an|"
    r"of|for|to|such|if|long|far|much|many|soon|they|it)\b))\b",
    re.IGNORECASE)
#: a verb between a side phrase and "which"/"who": the phrase is no antecedent
_APPOSITION_VERB_RE = re.compile(r"(?<![\-\w])(?:is|are|was|were|has|have|had|\w{2,}ing|\w{3,}ed)\b", re.IGNORECASE)
#: only time words / adverbs between a relative pronoun and its verb ("which on Friday took")
_REL_GAP_RE = re.compile(r"^(?:\s*(?:had|has|have|was|were|then|later|also|now|\w+ly|on|in|last|this|early|"
                         r"late|" + _WEEKDAY + r"|" + _MONTH + r"|\d{1,4}|week|month|year|ago|two|three|days?))*\s*$",
                         re.IGNORECASE)
#: a finite verb inside a subordinate clause before the trigger (the clause has its own subject)
_OWN_VERB_RE = re.compile(r"^\s*\S+.*?\s(?:(?!(?:armed|backed|led|based|allied|besieged|held|controlled)\b)[a-z]{3,}ed|"
                          r"was|were|has|had|have|began|took|came|went|made|left|fled|won|lost|hit|struck)\b",
                          re.IGNORECASE | re.DOTALL)
#: a determiner subject right before the trigger: "while the others", "after some units"
_DET_SUBJECT_RE = re.compile(r"\s*(?:the|a|an|some|many|most|other|others|those|these|several|dozens|hundreds)\b"
                             r"(?:\s+(?!(?:of|in|on|at|from|with|by|and|to)\b)[\w’'\-]+){0,3}\s*", re.IGNORECASE)
#: non-combatants right before a movement verb: "civilians fleeing", "people who fled",
#: "an aid convoy ... entered", "residents have long fled"
_NONCOMBATANT_RE = re.compile(
    r"\b(?:civilians?|residents?|people|famil(?:y|ies)|inhabitants|refugees|children|women|displaced|"
    r"locals|villagers|population|syrians|convoys?|aid|trucks|buses|ambulances|talks|negotiations|"
    r"delegations?|teams?|journalists|reporters|patients|wounded|injured|workers|staff|agencies|"
    r"monitors|observers|inspectors|officials|diplomats|envoys?|detainees|prisoners|hostages|"
    r"students|worshippers|pilgrims|migrants|tourists|doctors|volunteers|rescuers|activists?|girls?|"
    r"boys?|bab(?:y|ies)|child|toddlers?|man|woman|victims|survivors|administration|president|diplomacy|"
    r"investors|companies|firms)\b",
    re.IGNORECASE)
#: companions and disguises of fighters are no non-combatant subject
_WITH_FAMILIES_RE = re.compile(r"\b(?:and|with|along\s+with)\s+(?:their|its|his)\s+(?:famil(?:y|ies)|wives|"
                               r"children|relatives|dependents|wounded)\b|\bcivilian\s+(?:clothes|clothing|dress|"
                               r"cars?|vehicles?|disguise)\b", re.IGNORECASE)
#: "evacuated civilians from X": the object is not an armed side
_NONCOMBATANT_OBJ_RE = re.compile(r"\s+(?:[\w’'\-]+\s+){0,3}?(?:civilians?|residents?|people|famil(?:y|ies)|"
                                  r"inhabitants|children|women|wounded|injured|sick|patients|villagers|"
                                  r"staff|workers|embassy|diplomats|nationals|citizens)\b", re.IGNORECASE)


class EventBuilder:
    """Builds events for one article from its sentences, slots and times.

    Parameters are prepared by :func:`mapper.extract.extract_article`:
    ``text`` the article text, ``sentences`` (mapper.extract.sentences.Sentence list
    of the body), ``slots`` sorted by start, ``side_table``, ``time_of``
    (clause start, clause end, sentence start, sentence end) -> (TimeSpan,
    own: bool), ``focus_at(pos)`` -> Slot of the place the paragraph is about.
    """

    def __init__(self, article, sentences, slots: Sequence[Slot], side_table,
                 time_of: Callable[[int, int, int, int], tuple[TimeSpan, bool]],
                 focus_at: Callable[[int], Optional[Slot]], clauses_of) -> None:
        self.article = article
        self.text = article.text
        self.sentences = sentences
        self.slots = list(slots)
        self.sides = side_table
        self.time_of = time_of
        self.focus_at = focus_at
        self.clauses_of = clauses_of
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
        self.skipped: list[dict] = []  # triggers with no usable place: {"trigger", "char_start", "reason"}

    # -- helpers ----------------------------------------------------------
    def topic_at(self, pos: int) -> Optional[str]:
        """The last explicitly named non-government side before ``pos`` (for "the group")."""
        k = bisect_left(self._side_starts, pos)
        return self._topics[k - 1] if k > 0 else None

    def side_of(self, phrase: str, pos: int) -> str:
        return self.sides.side_of(phrase, topic=self.topic_at(pos))

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
        for s in self.slots_in(trig.end, clause_end):
            if not self._usable(s, trig.kind):
                last_end = s.end
                continue
            gap = text[last_end:s.start]
            gap_from_trigger = text[trig.end:s.start]
            if cur is not None:
                if _COORD_RE.match(gap):
                    cur.append(s)          # "X and Y": same role as X
                elif trig.kind in ("withdrawal", "advance") and len(gap) < 60 and _TOWARD_RE.search(gap):
                    cur = toward           # "from X toward Y"
                    cur.append(s)
                else:
                    break                  # another phrase: not governed by the trigger
                last_end = s.end
                continue
            if len(gap_from_trigger) > _PLACE_REQUIRED_GAP:
                break
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
        clist = self.clauses_of(text, s0, s1)
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
        text = self.text
        reason = blocked_reason(text[cl.start:cl.end], trig.start - cl.start)
        if reason is None and cl.lead in ("and", "then", "forcing", "heading", "moving", "having") and ci > 0:
            # a clause without its own subject inherits the modality of the previous one
            prev = clist[ci - 1]
            reason = blocked_reason(text[prev.start:prev.end], prev.end - prev.start)
            if reason == "infinitive":
                reason = None
        if reason is None and trig.surface.lower().endswith("ing") and \
                not text[cl.start:trig.start].strip(" \"“‘'(") and _MODAL_RE.search(text, trig.end, cl.end):
            reason = "modal"       # "Capturing Manbij would be its biggest victory"
        if reason is not None:
            self._skip(trig, reason)
            return None
        if trig.form == "v" and trig.surface.lower().endswith("ed") and \
                _ADJ_BEFORE_RE.search(text, max(s0, trig.start - 12), trig.start):
            self._skip(trig, "adjective")
            return None
        low = trig.surface.lower()
        if trig.kind == "capture" and trig.form == "v" and \
                re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", text[max(cl.start, trig.start - 20):trig.start]):
            self._skip(trig, "passive without agent")    # the subject is the place, not the winner
            return None
        if trig.kind in _MOVE_KINDS and trig.form in ("v", "expel") and re.search(r"ing\b", low):
            if _GERUND_OBJ_RE.search(text, max(cl.start, trig.start - 30), trig.start):
                # "efforts on capturing X", "150 retreating soldiers", "the fleeing militants"
                self._skip(trig, "gerund objective or adjective")
                return None
            if re.search(r"(?:^|\b(?:and|but|or)\s*|[,;“\"(]\s*)$", text[max(cl.start, trig.start - 8):trig.start]) \
                    and _MODAL_RE.search(text, trig.end, min(cl.end, trig.end + 80)):
                self._skip(trig, "modal")     # "... and recapturing it would sever the road"
                return None
        if (trig.kind == "airstrike" or trig.form == "n") and \
                _BACKER_PRE_RE.search(text, max(cl.start, trig.start - 60), trig.start):
            self._skip(trig, "inside a backer phrase")
            return None
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
            self.last_side = side
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
        losing: Optional[str] = None
        toward: list[Slot] = []
        fallback = False
        places: list[Slot] = []
        if form in ("fell", "falln") or (form == "pass" and kind == "capture"):
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
        elif form == "lost":
            objs, _ = self.forward_places(trig, cl.end)
            if not objs or not _LOST_TO_GAP_RE.match(text[trig.end:objs[0].start]):
                self._skip(trig, "no place")
                return None
            m = re.match(r"[^,;.]*?\bto\s+([^,;.]{1,80})", text[objs[0].end:cl.end])
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
        elif form == "pass" and kind == "withdrawal":
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
        elif form == "n" and kind in ("capture", "withdrawal", "advance"):
            objs, toward = self.forward_places(trig, cl.end)
            places = objs
        else:
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
                if losing is not None and side in ("unknown", losing) and places:
                    # "heavy shelling had forced the FSA from the town": the FSA withdraws
                    named = self.sides.find(victim)
                    return [EventDraft("withdrawal", form, trig, named[0].surface if named else victim.strip(),
                                       losing, None, places[0], [], None, (s0, s1), (cl.start, cl.end),
                                       hedged, False)]
            else:
                if _IT_OBJ_RE.match(text, trig.end) and kind in _CONTROL_KINDS:
                    earlier = [s for s in self.slots_in(s0, trig.start) if self._usable(s, kind)]
                    ref = earlier[-1] if earlier else self.focus_at(trig.start)
                    places = [ref] if ref is not None else []
                    objs, toward = [], []
                else:
                    objs, toward = self.forward_places(trig, cl.end)
                    places = objs
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
            if not places and kind == "withdrawal":
                # origin implicit: the last place before the trigger in the paragraph, else the focus
                para = self._para_of(trig.start)
                origin = self._last_slot_before(trig.start, para, toward) or self.focus_at(trig.start)
                if origin is not None:
                    places = [origin]
                    fallback = True
            if not places and kind in ("advance", "position"):
                # the trigger inside a spatial phrase: "are four kilometers away from Palmyra"
                around = [s for s in self.slots if s.start <= trig.start < s.end and s.kind == "offset"]
                places = around[:1]
            if not places and kind in ("advance", "position"):
                # a spatial phrase without anchor in the clause ("advancing to within two kilometres")
                offs = [s for s in self.slots_in(trig.end, cl.end) if s.kind == "offset"]
                places = offs[:1]
            if kind in ("withdrawal", "advance"):
                d = [EventDraft(kind, form, trig, actor, side, losing, p, list(toward), bearing,
                                (s0, s1), (cl.start, cl.end), hedged, fallback) for p in places]
                if not d:
                    self._skip(trig, "no place")
                return d or None
        if not places:
            self._skip(trig, "no place")
            return None
        return [EventDraft(kind, form, trig, actor, side, losing, p, list(toward), None,
                           (s0, s1), (cl.start, cl.end), hedged, fallback) for p in places]

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
                warnings.append({"article": art.id, "kind": "event_unplaced", "event_kind": d.kind,
                                 "mention": d.slot.surface or d.slot.name, "char_start": d.slot.start,
                                 "message": f"{d.kind} by {d.side} at {d.slot.name!r} not mapped: "
                                            f"the place is not in the gazetteer"})
                continue
            time, own = self.time_of(d.clause[0], d.clause[1], d.sentence[0], d.sentence[1])
            if d.form in ("n", "falln") and not own:
                continue   # nominal history ("Palmyra's fall to IS") without its own date
            flags: list[str] = []
            clause_text = self.text[d.clause[0]:d.clause[1]]
            background = False
            if art.published is not None and time.end is not None and \
                    time.end < art.published - timedelta(days=30):
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
            if d.form in ("n", "pass", "fell", "falln", "lost"):
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
