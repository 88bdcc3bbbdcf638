"""Trigger tables and compiled patterns of event extraction (no logic beyond matching).

- :data:`TRIGGER_RE`: one regex with a named group per "<kind>_<form>" (active
  verb, passive, "fell to", "lost ... to", "drove X out of", nominal), built
  from the ``_TRIGGERS`` table; :func:`find_triggers` runs it.
- the filters of a trigger in its clause live in :mod:`.blocking`, where a trigger can
  start in :mod:`.trigger_scan`, the builder's other patterns in :mod:`.patterns`.

>>> [(t.kind, t.form) for t in find_triggers("ISIS recaptured Palmyra after its fall to IS")]
[('capture', 'v'), ('capture', 'falln')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from mapper.extract.events.trigger_scan import TriggerScan

__all__ = ["Trigger", "TRIGGER_RE", "find_triggers", "BASE_CONFIDENCE"]

# --------------------------------------------------------------------------- triggers

#: a distance written in words: "within seven kilometres of X"
_DIST_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
               r"a\s+(?:few|couple\s+of)|several|a|an)")

_CTRL = r"(?:full\s+|complete\s+|total\s+|back\s+|partial\s+)?control\s+(?:of|over)"
# an abstract object after withdraw / abandon / reach: "withdrew its support", "abandoned
# attempts to capture X", "reached an agreement" (no ground is left or reached)
_ABSTRACT_OBJ = (r"(?!\s+(?:(?:its|their|his|her|the|a|an|all|any|some|further|earlier|previous|several|"
                 r"these|those|this|that)\s+)?(?:[\w\-]+\s+)?(?:support|backing|recognition|attempts?|efforts?|"
                 r"plans?|hopes?|bids?|idea|demands?|requests?|offers?|proposals?|objections?|candidacy|"
                 r"ambassadors?|funding|aid|claims?|agreements?|deals?|accords?|truce|ceasefire|settlement|"
                 r"understanding|consensus|conclusion|compromise|decision|stage|point|level|record|peak|"
                 r"total|number|figure|milestone|threshold|verdict|membership|nomination|application|"
                 r"complaint|lawsuit|invitation|participation|cooperation|target|destination|goal|objective)s?\b)")
#: the control state a change ends in: "under rebel control", "in rebel hands", "in the hands of
#: IS", "under the control of the SDF" (the side phrase inside or after it)
_CTRL_STATE_IN = (r"(?:under\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|firm\s+)?control\s+of|in\s+the\s+hands\s+of"
                  r"|(?:in|under)\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|firm\s+)?"
                  r"(?:[\w\-’']+\s+){1,3}?(?:control|hands)\b(?!\s+of\b))")
#: a change marker inside a control state: "was again / back / once more / now under X control"
_CHANGE_MARK = r"(?:(?:once\s+)?(?:again|back|now)|once\s+more)"
_TRIGGERS: list[tuple[str, str]] = [
    # passive / inverted captures first (they contain verb words of other kinds)
    ("capture_fell", r"(?:fell|falls|falling|fallen)\s+(?:in)?to(?!\s+the\s+ground)"
                     r"|(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:handed|turned)\s+(?:back\s+|over\s+){1,2}to"),
    ("capture_falln", r"fall\s+(?:in)?to(?!\s+the\s+ground)"),
    ("capture_lost", r"(?:lost|loses|lose|losing|ceded|surrendered)(?:\s+" + _CTRL + r")?"),
    # a change told as the control it ends in: "X returned to regime control", "came under SDF control",
    # "changed hands twice and was under rebel control", "was once again reported to be rebel-held",
    # "was back in rebel hands"; a bare "X changed hands" finds its end state later in the sentence
    # ("... before rebels finally held it"). The builder needs the place right before it (or the
    # subject after "After changing hands, ") and, for a state with a copula, a change marker.
    ("capture_ctrl", r"(?:returned|returning|returns|reverted|reverting|came|comes|coming|passed|brought|handed\s+back)"
                     r"\s+(?:back\s+)?(?:under|(?:in)?to)\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+)?"
                     r"(?:(?:control|hands)\s+of|(?:[\w\-’']+\s+){1,3}?(?:control|hands)\b(?!\s+of\b))"
                     r"|chang(?:ed|ing)\s+hands\b(?:(?!\b(?:while|whereas|but|although|though)\b)[^.;]){0,80}?"
                     + _CTRL_STATE_IN +
                     r"|chang(?:ed|ing)\s+hands\b"
                     r"|(?:was|were|is|are|(?:has|have|had)\s+been|ended\s+(?:up|the\s+(?:day|week|month|year|battle|fighting)))"
                     r"\s+(?:" + _CHANGE_MARK + r"\s+)?"
                     r"(?:(?:reported|said|confirmed|believed|thought|understood|known)\s+to\s+be\s+)?"
                     r"(?:" + _CHANGE_MARK + r"\s+)?(?:" + _CTRL_STATE_IN + r"|(?:[\w\-’']+\s+)?[\w’']+-(?:held|controlled)\b)"),
    # agentless "X had (by then) fallen" (the builder needs the place right before it)
    ("capture_fallen", r"(?:had|has|have)\s+(?:(?:\w+ly|also|by\s+then|already|now|since|finally|eventually)\s+){0,3}fallen"
                       r"(?!\s+(?:(?:in)?to|silent|ill|victim|short|apart|behind|back|below|off|in|out|under|asleep|from|down|"
                       r"by\s+\d|sharply|steadily|significantly)\b)"),
    ("capture_pass", r"(?:was|were|been|being|is|are)\s+(?:(?:\w+ly|also|again|later|then|soon|once\s+again)\s+)?(?:re-?)?(?:captured|seized|taken(?:\s+over)?|"
                     r"retaken|overrun|liberated|recaptured|conquered)(?=\s+by\b)"),
    # agentless "X was taken on Tuesday" (not "taken to hospital", "taken prisoner", "measures were taken")
    # reduced passive after a place: "the village taken by the SDF" (adjacency checked by the builder)
    ("capture_rpass", r"(?:re-?)?(?:taken|captured|seized|retaken|recaptured|overrun|liberated)(?=\s+by\b)"),
    # agentless "X was taken on Tuesday" (not "taken to hospital", "taken prisoner", "measures were taken");
    # the builder requires the auxiliary before it (a literal start keeps the one regex fast)
    ("capture_taken", r"taken(?!\s+(?:to|into|in|prisoners?|captives?|hostages?|away|out|aback|ill|over|off|"
                      r"up|down|seriously|care|place|part|back|from|for|as|with|under|steps|measures|action|"
                      r"advantage|note|notice|control|full|complete|total|partial|effective)\b)"),
    # "X had been cleared of ISIL": X is captured (agent from context), the side after "of" loses it
    ("capture_clearedof", r"(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:cleared|purged)\s+of"),
    # loss verbs in the passive: the subject LOSES the place ("were ousted two weeks ago from
    # Raqqa", "has been beaten back", "was expelled by the army from Zuhur"); a "by X" agent
    # makes it a capture by X (see EventBuilder._draft)
    ("withdrawal_pass", r"(?:was|were|been|being|is|are|got|get|gets)\s+(?:\w+ly\s+)?(?:driven|pushed|forced|"
                        r"expelled|ousted|dislodged|kicked|chased|routed|evicted|flushed|cleared|beaten|"
                        r"thrown|swept|purged)"
                        r"(?:\s+(?:out|back|away|off))?(?=(?:\s+[\w’'\-]+){0,8}?\s+(?:out\s+of|from)\b|\s+back\b)"
                        r"|(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:beaten|pushed|driven|forced)\s+back"
                        r"|(?:was|were|been|being|is|are|got|get|gets)\s+(?:\w+ly\s+)?(?:driven|pushed|forced|kicked|chased|"
                        r"thrown|flushed)\s+out(?!\s+(?:of|from)\b)"),
    # active loss verbs with the victim as object: "drove IS out of X", "pushed the rebels out of X"
    ("capture_expel", r"(?:expell?(?:ed|ing|s)?|drove|driving|drives|oust(?:ed|ing|s)?|dislodg(?:ed|ing|es|e)"
                      r"|evict(?:ed|ing|s)?|rout(?:ed|ing)|flush(?:ed|ing|es)?)(?:\s+back)?"
                      # no object: "FSA expelled from town of X" is a headline passive (withdrawal_hpass)
                      r"(?!\s+(?:out\s+of|from)\b)"
                      r"|(?<!\ba\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bnew\s)"
                      r"(?:push(?:ed|ing|es)?|kick(?:ed|ing|s)?|chas(?:ed|ing|es|e)|forc(?:ed|ing)|threw|throw(?:ing|s)?|"
                      r"clear(?:ed|ing|s)?|drive|beat(?:ing|s)?)(?:\s+back)?"
                      r"(?!\s+(?:on|into|in|toward|towards|to|through|deeper|forward|ahead|further|past|across)\b)"
                      r"(?=(?:\s+[\w’'\-]+){1,6}?\s+(?:out\s+of|from)\b)"
                      # present "forces"/"force" only with "out of" ("forces" is mostly the noun)
                      r"|forces?(?=(?:\s+[\w’'\-]+){1,3}?\s+out\s+of\b)"),
    ("control_v", r"(?:(?:remains?|remained|is|are|was|were|now|firmly|still)\s+)+in\s+(?:full\s+|complete\s+|total\s+)?"
                  r"control\s+of|controls"),
    ("capture_n", r"(?:re)?capture\s+of|fall\s+of|takeover\s+of|seizure\s+of"),
    ("capture_v", r"(?:re-?)?captur(?:ed|es|e|ing)|seiz(?:ed|es|e|ing)(?:\s+control\s+(?:of|over))?"
                  r"|(?:re-?)?(?:took|tak(?:en|es|e|ing))\s+(?:" + _CTRL + r"|over|back)"
                  r"|retook|retaken|retakes?|retaking|re-took"
                  # bare "took/taken X from Y": a capture only when Y is an armed side (checked by the builder)
                  r"|(?:took|taken)(?=\s+(?:[\w’'\-]+\s+){0,6}?from\s)"
                  r"|(?:won|wins?|winning)(?:\s+back)?(?:\s+(?:parts|most|much|some|all)\s+of)?(?:\s+" + _CTRL + r")?"
                  r"|overr(?:an|un|uns|unning)|liberat(?:ed|es|ing)|sw(?:ept|eeps|eeping)\s+through"
                  r"|(?:was|were|been|is|are)\s+(?:handed|given|granted)\s+(?:full\s+|complete\s+)?control\s+(?:of|over)"
                  r"|regain(?:ed|s|ing)?(?:\s+" + _CTRL + r")?|gain(?:ed|s|ing)?\s+" + _CTRL +
                  r"|reassert(?:ed|s|ing)?\s+" + _CTRL + r"|wrest(?:ed|s|ing)?(?:\s+control\s+of)?"
                  r"|conquer(?:ed|s|ing)?|captures?"
                  r"|(?:managed|manages|managing|able|succeeded|succeeds)\s+to\s+(?:\w+ly\s+)?(?:re-?)?control(?!\s+(?:the\s+)?"
                  r"(?:fires?|blazes?|situation|crowds?|damage|spread|outbreak)\b)"
                  r"|extend(?:ed|s|ing)?\s+(?:(?:their|its|his|the)\s+)?" + _CTRL +
                  r"|(?:re-?)?secur(?:ed|es|e|ing)(?!\s+(?:the\s+|a\s+|an\s+)?(?:release|deal|agreement|funding|funds|"
                  r"support|votes?|passage|ceasefire|truce|evacuation|a\s+deal|approval|backing|loans?|aid|its\s+release|"
                  r"(?:water|power|electricity|fuel|food|aid)\s+suppl(?:y|ies)|suppl(?:y|ies)|access))"
                  r"|(?:re-?)?(?:assert|establish|restor|impos)(?:ed|es|e|ing|s)?\s+[\"“‘']?(?:" + _CTRL + r"|"
                  r"(?:security|stability|order|calm)[\"”’']?\s+(?:to|in|over))"),
    ("entry_v", r"(?:re-?)?enter(?:ed|s|ing)?(?!\s+(?:(?:a|an|its|the|their|his|her)\s+)?(?:[\w\-]+\s+)?(?:day|week|month|year|"
                r"phase|stage|round|talks|negotiations|agreement|deal|truce|ceasefire|service|force|politics|"
                r"office|war|fray|conflict|race)s?\b)|(?:storm(?:ed|ing)|storms?(?=\s+(?:the\s+|(?-i:[A-Z]))))(?!\s+(?:of|troops|units|forces)\b)|(?:broke|break|breaking|pushed|moved|swept|rolled|"
                r"poured|marched|advanced)\s+into|(?:advanced|pushed|moved|broke)\s+inside(?=\s+(?:the|a|an|[A-Z]))|made\s+(?:their|its)\s+way\s+into"
                r"|infiltrat(?:ed|es|e|ing)(?:\s+into)?"),
    ("withdrawal_v", r"(?:(?:left|leaving)(?=\s+(?:the\s+(?:town|city|village|villages|area|region|district|"
                     r"neighbou?rhood|base|airbase|pocket|enclave)\b|(?-i:[A-Z][a-z])"
                     r"|(?:its|their|his|her|all|all\s+of\s+(?:its|their))\s+(?:remaining\s+|last\s+|main\s+|military\s+)?"
                     r"(?:headquarters|bases?|positions|barracks|posts|outposts|strongholds?)\b))"
                     r"|quit(?:s|ting)?(?=\s+(?:the\s+(?:town|city|village|area|base|airbase)\b|(?:its|their|his|her)\s+"
                     r"(?:remaining\s+|last\s+|main\s+|military\s+)?(?:headquarters|bases?|positions|barracks|posts|outposts)\b))"
                     r"|vacat(?:ed|es|e|ing)"
                     r"|escap(?:ed|es|ing)\s+(?:from|out\s+of)"
                     r"|withdr(?:ew|awn|awing|aws|aw)|retreat(?:ed|s|ing)?|pull(?:ed|s|ing)?\s+(?:out|back)"
                     r"|f(?:e|a)ll(?:ing|s)?\s+back|fled|flee(?:ing|s)?|evacuat(?:ed|es|e|ing)"
                     r"|abandon(?:ed|s|ing)?)" + _ABSTRACT_OBJ),
    # evacuation deals (a withdrawal of the subject's side; the builder wants an armed side):
    # "fighters were granted safe passage out of X", "were allowed / permitted / able to leave X",
    # "agreed to evacuate X", "were bussed / transported / ferried out of X"
    ("withdrawal_passage", r"(?:granted|given|gets|got|receiv(?:ed|es|ing)|guaranteed)\s+(?:a\s+)?safe\s+"
                           r"(?:passage|conduct|exit)\s+(?:out\s+of|from)"
                           r"|(?:allowed|permitted|agreed|able|authori[sz]ed|cleared)\s+to\s+(?:safely\s+)?"
                           r"(?:leave|exit|depart(?:\s+from)?|evacuate|vacate|quit)(?=\s+(?:the\s+|(?-i:[A-Z])))"
                           r"|(?:bus(?:s)?ed|transported|ferried|trucked|shuttled)\s+(?:\w+\s+)?(?:out\s+of|from)"),
    # headline passives without an auxiliary: "Nusra fighters pushed from town of X"
    # (the subject noun before it is checked by the builder: _HPASS_SUBJECT_RE)
    ("withdrawal_hpass", r"(?:pushed|driven|forced|ousted|expelled|kicked|chased|routed|evicted|dislodged)"
                         r"(?:\s+(?:out|back|away))?(?=\s+(?:out\s+of|from)\b)"),
    ("withdrawal_n", r"withdrawal\s+(?:of|from)|retreat\s+from|pull-?out\s+from|loss\s+of"),
    ("advance_within", r"(?:to\s+)?within\s+(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|almost\s+|only\s+|"
                       r"just\s+|less\s+than\s+|a\s+few\s+)?(?:[\d.,]+|" + _DIST_WORDS + r")(?:\s+and\s+a\s+half)?"
                       r"\s*(?:-\s*|\s+)?(?:km|kilomet(?:er|re)s?|miles?|"
                       r"meters|metres|m)(?:\s*\([^)]{1,30}\))?\s+(?:of|from)"
                       r"|(?<=\s)(?:to|at)\s+(?:about\s+|around\s+|only\s+|just\s+)?(?:[\d.,]+|" + _DIST_WORDS + r")\s*(?:-\s*|\s+)?"
                       r"(?:km|kilomet(?:er|re)s?|miles?)(?:\s*\([^)]{1,30}\))?\s+(?:of|from)"),
    ("advance_cut", r"(?:cut|cutting|cuts|sever(?:ed|ing|s)?)(?:\s+off)?\s+(?:[\w\-–’']+\s+){0,4}?(?:road|roads|highway|route|routes|supply\s+lines?|lines?|"
                    r"corridor)"),
    ("advance_v", r"advanc(?:ed|es|e|ing)|clos(?:ed|es|ing|e)\s+in(?:\s+on)?|approach(?:ed|es|ing)"
                  r"|push(?:ed|es|ing)?\s+(?:on\s+)?(?:to(?!\s+(?:re-?)?(?:captur|tak|seiz|enter|reach|cut|encircl|besieg|"
                  r"storm|drive|expel|oust|clear|break|lift|link|secure|advance|push|move|liberat|control|regain)\w*\b)"
                  r"|toward|towards|into|on|deeper)"
                  r"|mov(?:ed|es|ing)\s+(?:closer\s+)?(?:toward|towards|closer)|march(?:ed|es|ing)?\s+(?:on|toward|towards)"
                  r"|reach(?:ed|es|ing)" + _ABSTRACT_OBJ + r"|gain(?:ed|s|ing)\s+ground|encircl(?:ed|es|e|ing)|surround(?:ed|s|ing)"
                  r"|besieg(?:ed|es|e|ing)|(?:laid|lay|laying|lays)\s+siege\s+to"
                  r"|link(?:ed|s|ing)?\s+up(?=\s+(?:at|in|near|around)\b)"),
    ("advance_n", r"march\s+on|advance\s+(?:on|toward|towards|to)|drive\s+(?:on|toward|towards)"),
    ("position_v", r"(?:kilomet(?:er|re)s?|km|miles?)\s+(?:away\s+)?from|(?:stationed|positioned|deployed|massed|massing|"
                   r"amassed|amassing)\s+(?:in|at|near|around|outside|on)|(?:on|at)\s+the\s+(?:outskirts|gates|edge)\s+of"),
    ("airstrike_n", r"air\s*-?\s*strikes?|air\s+raids?|air\s+attacks?|drone\s+strikes?|barrel\s+bombs?|"
                    r"(?:warplanes|jets|aircraft|helicopters)\s+(?:struck|hit|pounded|bombed|targeted|attacked|raided)"
                    r"|aerial\s+bombardment|air\s+bombardment"),
    ("destruction_v", r"destroy(?:ed|s|ing)?|raz(?:ed|es|ing|e)|demolish(?:ed|es|ing)?|(?:blew|blow(?:ing|s)?)\s+up"
                      r"|levell?ed"),
    ("attack_v", r"attack(?:ed|s|ing)?(?!\s+(?:helicopters?|aircraft|jets?|planes?|drones?|choppers?|"
                 r"boats?|dogs?|submarines?))|assault(?:ed|s|ing)?|shell(?:ed|s|ing)"
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
    expel: "drove X out of", n: nominal, ctrl: "X returned to regime control" / "X changed hands ...,
    remaining under IS control" / "X was again rebel-held", fallen: agentless "X had fallen")."""

    start: int
    end: int
    kind: str
    form: str
    surface: str


def find_triggers(text: str, start: int = 0, end: Optional[int] = None,
                  scan: Optional["TriggerScan"] = None) -> list[Trigger]:
    """Every trigger in ``text[start:end]`` (offsets into ``text``): exactly the matches of
    ``TRIGGER_RE.finditer(text, start, end)``. With ``scan`` (a :class:`TriggerScan` of
    ``text``, built once per article) the regex is tried only where a trigger can start.

    >>> [(t.kind, t.form) for t in find_triggers("ISIS recaptured Palmyra after its fall to IS")]
    [('capture', 'v'), ('capture', 'falln')]
    """
    end = len(text) if end is None else end
    if scan is not None:
        return scan.find(start, end)
    out = []
    for m in TRIGGER_RE.finditer(text, start, end):
        kind, _, form = m.lastgroup.rpartition("_")
        out.append(Trigger(m.start(), m.end(), kind, form, m.group(0)))
    return out
