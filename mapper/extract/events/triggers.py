"""Trigger tables and compiled patterns of event extraction (no logic beyond matching).

- :data:`TRIGGER_RE`: one regex with a named group per "<kind>_<form>" (active
  verb, passive, "fell to", "lost ... to", "drove X out of", nominal), built
  from the ``_TRIGGERS`` table; :func:`find_triggers` runs it.
- the filter patterns (negation, modal / forecast / objective, bare infinitive,
  hedges) and :func:`blocked_reason` / :func:`is_hedged`;
- the patterns :class:`mapper.extract.events.EventBuilder` uses to find objects,
  actors, bearings and background clauses.

>>> [(t.kind, t.form) for t in find_triggers("ISIS recaptured Palmyra after its fall to IS")]
[('capture', 'v'), ('capture', 'falln')]
>>> blocked_reason("Russian forces will enter Palmyra", 21)
'modal'
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Optional

from mapper.extract.sides import CIVILIAN_WORDS
from mapper.extract.tries import trie_regex

__all__ = ["Trigger", "TRIGGER_RE", "TriggerScan", "find_triggers", "blocked_reason", "is_hedged", "BASE_CONFIDENCE"]

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


# ------------------------------------------------------------- where a trigger can start
#: how many leading characters of a trigger the start filter knows (5..8 are all about as fast)
_PREFIX_CHARS = 6


def _seq_prefixes(seq: list, k: int) -> set[tuple[str, bool]]:
    """(prefix, closed) pairs: every string the parsed regex sequence ``seq`` matches begins
    with one of the prefixes (at most ``k`` characters); ``closed`` marks a prefix that cannot
    be extended (``k`` reached, or an item with no literal first characters such as ``\\w``)."""
    result = {("", False)}
    for op, av in seq:
        if all(closed for _, closed in result):
            break
        nxt: set[tuple[str, bool]] = set()
        cache: dict[int, set[tuple[str, bool]]] = {}
        for got, closed in result:
            if closed:
                nxt.add((got, True))
                continue
            room = k - len(got)
            if room not in cache:
                cache[room] = _item_prefixes(op, av, room)
            for tail, tail_closed in cache[room]:
                u = got + tail
                nxt.add((u, tail_closed or len(u) >= k))
        result = nxt
    return result


def _item_prefixes(op, av, k: int) -> set[tuple[str, bool]]:
    """The (prefix, closed) pairs of one parsed regex item (see :func:`_seq_prefixes`)."""
    from re import _constants as C     # noqa: N812  (the parser's opcode names)
    if op is C.LITERAL:
        return {(chr(av), k <= 1)}
    if op is C.IN:
        chars = set()
        for o, a in av:
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE and a[1] - a[0] < 64:
                chars.update(chr(c) for c in range(a[0], a[1] + 1))
            else:
                return {("", True)}          # a category or negated class: any character
        return {(c, k <= 1) for c in chars}
    if op is C.BRANCH:
        out: set[tuple[str, bool]] = set()
        for sub in av[1]:
            out |= _seq_prefixes(list(sub), k)
        return out
    if op is C.SUBPATTERN:
        return _seq_prefixes(list(av[3]), k)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        out = set()
        for n in range(lo, min(hi, lo + k) + 1):   # more turns add no new first k characters
            out |= _seq_prefixes(list(sub) * n, k)
        return out
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return {("", False)}                 # zero width: transparent (a superset)
    return {("", True)}                      # anything else: no constraint


def _start_regex() -> "re.Pattern[str]":
    """Zero-width regex at every position where a :data:`TRIGGER_RE` match can start: a word
    start (the same look-behind as TRIGGER_RE) followed by one of the first
    :data:`_PREFIX_CHARS` characters of some trigger, read from the parsed TRIGGER_RE (so
    the set is a superset by construction; case-insensitive like TRIGGER_RE). Falls back to
    every word start when the regex parser is not available."""
    word_start = r"(?<![\w\-])"
    try:
        from re import _parser
        parsed = _parser.parse(TRIGGER_RE.pattern, TRIGGER_RE.flags)
        prefixes = _seq_prefixes(list(parsed), _PREFIX_CHARS)
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return re.compile(word_start)
    words = {w.lower() for w, _ in prefixes}
    if "" in words:
        return re.compile(word_start)
    return re.compile(word_start + "(?=" + trie_regex(words, longest=False) + ")", re.IGNORECASE)


#: where a trigger can start (see :func:`_start_regex`)
TRIGGER_START_RE = _start_regex()


class TriggerScan:
    """The positions of one text where a trigger can start, found once (one pass of
    :data:`TRIGGER_START_RE`); :meth:`find` tries :data:`TRIGGER_RE` only there, skipping
    positions inside the previous match, which is exactly what ``TRIGGER_RE.finditer``
    over the range returns (every trigger starts at a word start with a known prefix).

    >>> scan = TriggerScan("ISIS recaptured Palmyra after its fall to IS")
    >>> [(t.kind, t.form) for t in scan.find(0, 44)]
    [('capture', 'v'), ('capture', 'falln')]
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.start() for m in TRIGGER_START_RE.finditer(text)]

    def find(self, start: int, end: int) -> list[Trigger]:
        """The triggers of ``text[start:end]`` (offsets into the text)."""
        text, starts, match = self.text, self.starts, TRIGGER_RE.match
        out: list[Trigger] = []
        last = start
        for i in range(bisect_left(starts, start), len(starts)):
            p = starts[i]
            if p >= end:
                break
            if p < last:
                continue
            m = match(text, p, end)
            if m is not None:
                kind, _, form = m.lastgroup.rpartition("_")
                out.append(Trigger(p, m.end(), kind, form, m.group(0)))
                last = m.end()
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
    r"(?:determined|resolved|committed|keen|eager|willing|vowing)\s+to|letting|in\s+exchange\s+for|"
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
    r"preparations?|plans?|deal|agreement|order)s?\s+(?:(?!(?:from|on|against|in|at|near)\b)[\w’'\-]+\s+){0,2}?to"
    r"(?!\s+(?:the|a|an|its|their|his|her|this|that|these|those)\b))\b"
    r"|['’]ll\b|['’]d\b",
    re.IGNORECASE)
# a bare infinitive right before the trigger: "to enter", "to further advance"
_INFINITIVE_RE = re.compile(r"\bto\s+(?:\w+ly\s+)?(?:\w+\s+)?$", re.IGNORECASE)
# ... that is factual when a control verb governs it: "forced to", "forcing its defenders to"
_FACTUAL_INF_RE = re.compile(
    r"\b(?:forced|forcing|obliged|compelled|able|managed|manages|began|begun|begins|started|"
    r"continued|continue|continues|continuing|went\s+on|had|helped|helping|enabled|enabling|allowed|succeeded|moved|"
    r"managing|succeeding|proceeded|proceeding|going\s+on|"
    # reported facts keep their event (the sentence is hedged): "were reported to have captured"
    r"reported|said|claimed|claims|claiming|believed|confirmed|thought|understood|appeared|appears|"
    r"seemed|seems|known|alleged|rumou?red)"
    r"\s+(?:[\w’'\-]+\s+){0,3}?to\s+(?:\w+ly\s+)?(?:have\s+(?:\w+ly\s+)?(?:been\s+)?)?$",
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
_ADJ_BEFORE_RE = re.compile(r"\b(?:the|a|an|of|its|their|his|her|all|newly|recently|freshly|from|into|inside|in|"
                            r"for|near|towards?)\s+$", re.IGNORECASE)


#: the month "May" in a date ("12 May", "May 2016", "in late May"): never the modal verb
_MAY_DATE_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?May\b|\bMay\s+(?:\d{1,4}\b|of\b)"
                          r"|\b(?i:in|on|of|by|since|until|till|from|during|early|late|mid|mid-|last|next|this|"
                          r"through|between)\s*May\b(?!\s+(?:be|have|not|never|also|well|still|soon|yet|"
                          r"take|fall|enter|advance|capture|seize|withdraw|retake|recapture|push|move|launch|try|"
                          r"attempt|seek|need|lose|win|come|go|reach|soon|even|already)\b)")


def mask_dates(s: str) -> str:
    """``s`` with every month-name "May" of a date blanked (same length), so the
    modal filter never reads "On 12 May, troops captured" as a modal.

    >>> mask_dates("Late on 12 May, troops")
    'Late on       , troops'
    """
    if "ay" not in s:
        return s
    return _MAY_DATE_RE.sub(lambda m: " " * len(m.group(0)), s)


#: a participle clause after a comma: "..., (reportedly) recapturing X"
_COMMA_PARTICIPLE_PRE_RE = re.compile(r",\s*(?:(?:then|thus|also|eventually|finally|again|\w+ly)\s+)?$", re.IGNORECASE)
#: an earlier comma participle that the trigger is coordinated with: ", re-entering A, and "
_PARTICIPLE_CHAIN_RE = re.compile(r",\s*(?:\w+ly\s+)?([\w\-]+ing)\b[^;,]*(?:,[^;,]*)?,?\s+and\s+(?:(?:then|also|\w+ly)\s+)?",
                                  re.IGNORECASE)
#: a finite modal or condition: it governs a participle that follows ("will attack, capturing X")
_FINITE_MODAL_RE = re.compile(r"\b(?:will|would|could|may|might|should|must|shall|can|going\s+to|about\s+to|set\s+to|"
                              r"if|unless|whether|likely|expected|plans?|planned|planning|intend\w*|hop\w+|"
                              r"vow\w*|threat\w*|warn\w*)\b|['’](?:ll|d)\b", re.IGNORECASE)
#: an attempt named by a noun ("in an attempt to retake X", "launched an outbreak attempt"),
#: the last modal word before a comma participle
_ATTEMPT_NOUN_RE = re.compile(r"\b(?:attempts?|bids?|efforts?|counter-?attacks?|counter-?offensives?|offensives?|"
                              r"operations?|campaigns?|push|drive|assaults?|in\s+order)\b(?:\s+to\s+[^,]*)?,\s*"
                              r"(?:(?:then|thus|also|eventually|finally|again|\w+ly)\s+)?$", re.IGNORECASE)


def _participle_after_attempt(pre: str, rest: str) -> bool:
    """True when the trigger is a comma participle ("..., re-entering X") after an attempt
    named by a noun phrase ("launched a counterattack, in an attempt to retake the city,
    re-entering X"): the participle reports what the attempt achieved, it is not its aim.
    A finite modal before it ("will attack, capturing X") still governs it.
    """
    if not re.match(r"[\w’'\-]*ing\b", rest, re.IGNORECASE):
        return False
    if not _COMMA_PARTICIPLE_PRE_RE.search(pre):
        # "..., re-entering A, and recapturing B": the coordinated participle shares the first one's scope
        prev = None
        for prev in _PARTICIPLE_CHAIN_RE.finditer(pre):
            pass
        return prev is not None and prev.end() == len(pre) and \
            _participle_after_attempt(pre[:prev.start(1)], pre[prev.start(1):])
    if _FINITE_MODAL_RE.search(pre):
        return False
    # the modal words of the clause must all sit in the attempt phrase right before the comma
    last = None
    for last in _MODAL_RE.finditer(pre):
        pass
    m = _ATTEMPT_NOUN_RE.search(pre)
    return m is not None and last is not None and last.start() >= m.start() - 2 and \
        not _MODAL_RE.search(pre[:m.start()])


#: a finite past clause with a pronoun subject: "the neighborhoods they infiltrated", "which it took"
_OWN_PAST_CLAUSE_RE = re.compile(r"\b(?:they|it|he|she|we|which|who)\s+(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?"
                                 r"(?:\w+ed|took|retook|overran|won|seized|captured|entered|fled|left)\b", re.IGNORECASE)


def _past_clause_after_modal(pre: str) -> bool:
    """True when a finite past clause with its own subject stands between the last modal /
    objective word and the trigger ("operations to expel IS from the areas they infiltrated on
    24 June, re-establishing control over X"), or right before it ("... they infiltrated"):
    the modal's scope ended there."""
    last = None
    for last in _MODAL_RE.finditer(pre):
        pass
    if last is None:
        return False
    rest = pre[last.end():]
    if re.search(r"\b(?:they|it|he|she|we)\s+(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?$", rest, re.IGNORECASE):
        return True      # the trigger is the finite verb of its own subject: "the neighborhoods they infiltrated"
    return _OWN_PAST_CLAUSE_RE.search(rest) is not None


def blocked_reason(clause_text: str, trigger_offset: int) -> Optional[str]:
    """Why the trigger at ``clause_text[trigger_offset:]`` is not an event, or None.

    Looks at the clause text before the trigger: "negation", "modal" (future,
    forecast, objective, conditional, attempt), "infinitive" (a bare "to"
    before the trigger that no factual verb governs).
    """
    pre = mask_dates(clause_text[:trigger_offset])
    if _NEGATION_RE.search(pre):
        return "negation"
    if _MODAL_RE.search(pre) and not _participle_after_attempt(pre, clause_text[trigger_offset:]) and \
            not _past_clause_after_modal(pre):
        return "modal"
    if _INFINITIVE_RE.search(pre) and not _FACTUAL_INF_RE.search(pre):
        return "infinitive"
    if _SIEGE_PARTICIPLE_RE.match(clause_text, trigger_offset) and _NOUN_BEFORE_RE.search(pre):
        return "adjectival"   # "the fields surrounding the city": a description, not a siege
    return None


#: siege participles that also describe where a thing lies ("the villages surrounding X")
_SIEGE_PARTICIPLE_RE = re.compile(r"(?:surrounding|encircling|ringing)\b", re.IGNORECASE)
#: a lower-case word right before the participle that is not an auxiliary, an adverb in
#: -ly or a clause opener: the participle modifies that noun ("fields surrounding X")
_NOUN_BEFORE_RE = re.compile(
    r"(?<![\w-])(?!(?:is|are|was|were|be|been|being|am|after|before|while|when|by|of|in|on|for|from|"
    r"and|or|but|then|also|now|still|thus|again|continued|began|started|kept|finished|without)\b)"
    r"[a-z][a-z'-]*(?<!ly)\s+$")


def is_hedged(sentence_text: str) -> bool:
    """True when the sentence carries a hedge ("reportedly", "claimed", ...)."""
    return bool(_HEDGE_RE.search(sentence_text))



# --------------------------------------------------------------------------- event building

# words between a trigger and its object that end the object search
_CAPTURE_GAP_BLOCK = re.compile(r"\b(?:by|with|against|after|before|since|while|during|following|than|"
                                r"leading|linking|connecting|through|between|roads?\s+to|highway\s+to|"
                                r"said|says|told|from|under|amid)\b|[;:()]", re.IGNORECASE)
_TOWARD_RE = re.compile(r"\b(?:toward|towards|to|into|in\s+the\s+direction\s+of|for)\s+(?:the\s+)?"
                        r"(?:\w+\s+){0,3}$", re.IGNORECASE)
_FROM_RE = re.compile(r"\b(?:from|out\s+of|of|in|inside|at)\s+(?:[\w’'\-]+\s+){0,4}$", re.IGNORECASE)
_FEATURE_WORDS = (r"(?:towns?|city|cities|villages?|districts?|areas?|neighbou?rhoods?|quarters?|suburbs?|hills?|"
                  r"hilltops?|mountains?|farms?|bases?|fields?|oil\s+fields?|positions?|dams?|settlements?|"
                  r"localities|locality|hamlets?|heights?|crossroads?|roundabouts?|schools?|factories|factory)")
#: what may stand between two coordinated objects of one verb ("X and Y", "X, Y, and Z",
#: "X, as well as the villages of Y", "X (alt. name), Y", "X and Y neighbourhoods"); list
#: items the gazetteer does not know ("A, B, C and D" with B unknown) are skipped over
_COORD_RE = re.compile(
    r"^\s*(?:\([^()]{1,60}\)\s*)?(?:" + _FEATURE_WORDS + r"\b\s*)?"
    r"(?:,\s*(?:and\s+|or\s+)?(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}\s*(?:\([^()]{1,60}\)\s*)?)*"
    r"(?:,\s*|\s+)?(?:(?:and|as\s+well\s+as|along\s+with|together\s+with|plus|in\s+addition\s+to|"
    r"including|&)\s*:?\s+)?(?:(?:the|a|an)\s+)?(?:(?:nearby|strategic|key|important|local|large|small|main|"
    r"whole|entire|adjacent|neighbouring|neighboring)\s+|[a-z][\w\-]*\s+(?=" + _FEATURE_WORDS + r"\s+of\s+$))?"
    r"(?:" + _FEATURE_WORDS + r"\s+of\s+)?"
    # unknown items before the next known one: "the villages of A and B" with A unknown
    r"(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}\s*(?:\([^()]{1,60}\)\s*)?(?:,\s*and\s+|,\s*|\s+and\s+))*$")
#: a locative modifier inside a list: "X, outside Y, and Z" / "X near Y and Z": Y only locates X
_MODIFIER_GAP_RE = re.compile(
    r"^\s*(?:\([^()]{1,60}\)\s*)?(?:" + _FEATURE_WORDS + r"\b\s*)?,?\s*(?:just\s+|about\s+|some\s+)?"
    r"(?:outside|near|around|close\s+to|in\s+the\s+(?:\w+\s+)?(?:countryside|outskirts|vicinity)\s+of|"
    r"(?:\w+\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+(?:of|part\s+of|side\s+of|outskirts\s+of)|on\s+the\s+outskirts\s+of|"
    r"at\s+the\s+(?:\w+\s+)?(?:entrance|edge|gates?)\s+(?:to|of))\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE)
_DIRECTION = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
              r"south-east|south-west)(?:ern)?")
#: a locating tail after a list item, before the list goes on: "X in the city centre, and Y",
#: "the A and B neighbourhoods in the northern and the C neighbourhood", "X to the south, Y",
#: "X in Z's northern outskirts, as well as Y" (the gap starts after Z)
_LOC_TAIL_RE = re.compile(
    r"^\s*(?:" + _FEATURE_WORDS + r"\b\s*)?(?:"
    r"['’]s\s+(?:(?:" + _DIRECTION + r"|eastern|western|inner|outer|rural|northern|southern)\s+)?"
    r"(?:outskirts|countryside|suburbs?|parts?|sides?|edges?|districts?|cent(?:er|re)|periphery)"
    r"|,?\s*(?:in|on|at|to|inside)\s+the\s+(?:(?:city|town|village)\s+)?(?:(?:far|" + _DIRECTION + r")\s+)?"
    r"(?:" + _DIRECTION + r"|cent(?:er|re)|outskirts|suburbs?|parts?|sides?|edges?|periphery|(?:city|town|village)\s+itself)"
    r"(?:\s+(?:and\s+(?:the\s+)?)?" + _DIRECTION + r")?"
    r"(?:\s+(?:parts?|sides?|outskirts|suburbs?|edges?|periphery))?(?:\s+of\s+the\s+(?:city|town|village))?"
    r")(?=\s*(?:,|and\b|as\s+well\s+as\b|along\s+with\b|together\s+with\b|plus\b))",
    re.IGNORECASE)
#: a list item the gazetteer does not know, glossed by a name it knows: "A, B (B'), C" with B
#: unknown: the gap before B' ends in "B (", B' is the list item
_COORD_GLOSS_RE = re.compile(
    r"^\s*(?:\)\s*)?(?:,\s*(?:and\s+|or\s+)?(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}\s*)+\($")
#: a counted object ("captured 10 more villages", "several other sites"): names follow in a list
_NUM = (r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)")
_COUNT_OBJ_RE = re.compile(
    r"\s+(?:(?:at\s+least|some|about|around|over|more\s+than|nearly|almost|another|a\s+further|a\s+total\s+of|"
    r"the\s+remaining|all(?:\s+of)?(?:\s+the)?|most(?:\s+of)?(?:\s+the)?)\s+(?:(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|several|many|other|more)\s+)?|(?:the\s+)?(?:" + _NUM + r"(?:\s*(?:to|or|-|–)\s*" + _NUM + r")?|"
    r"several|multiple|many|numerous|dozens\s+of|a\s+number\s+of|a\s+series\s+of|other|more|(?:half\s+)?a\s+dozen|"
    r"a\s+handful\s+of|a\s+couple\s+of|scores\s+of|tens\s+of|a\s+string\s+of|a\s+few)\s+)(?:(?:more|other|new|further|"
    r"additional|nearby|small|strategic|surrounding|neighbouring|neighboring)\s+)*(?:[\w’'\-]+\s+)?"
    r"(?:villages|towns|areas|hills|hilltops|positions|sites|points|neighbou?rhoods|districts|farms|settlements|"
    r"localities|checkpoints|hamlets|mountains|heights|outposts|bases|oil\s+fields|fields|quarters|buildings|"
    r"locations|strongholds)\b"
    # an unnamed single object: "captured a village / another hill to the south of X"
    r"|\s+(?:a|an|another|one\s+more|one\s+other|one)\s+(?:(?:more|other|new|further|nearby|small|large|"
    r"strategic|key|important|second|third|fourth|fifth)\s+)*(?:village|town|hill|hilltop|position|site|point|"
    r"neighbou?rhood|district|farm|settlement|locality|checkpoint|hamlet|mountain|height|outpost|base|area|"
    r"building|location|stronghold)\b(?!\s+(?:of|called|named|known)\b)", re.IGNORECASE)
#: the opening of the named list after a counted object: ", including", ":", "such as", ", A ..."
_LIST_LEAD_RE = re.compile(
    r"(?:,|:|\(|\bincluding|\bnamely|\bsuch\s+as|\bamong\s+them|\bamong\s+which|\bas\s+well\s+as|"
    r"\balong\s+with|\btogether\s+with|\band)\s*:?\s*(?:the\s+)?(?:(?:large|small|strategic|nearby|key|"
    r"important)\s+|[a-z][\w\-]*\s+(?=" + _FEATURE_WORDS + r"\s+of\s+$))?(?:" + _FEATURE_WORDS + r"\s+of\s+)?$",
    re.IGNORECASE)
#: a gerund subject governed by a modal: "capturing it would sever the road" (not "..., paving the way")
_GERUND_MODAL_RE = re.compile(r"[^,;]{0,80}?\s(?:will|would|could|may|might|should|must|can|is\s+(?:expected|likely|"
                              r"set)|was\s+(?:expected|likely)|(?:is|was|would\s+be)\s+(?:only\s+)?(?:a|just\s+a)\s+[\"“‘']?(?:matter|question)\s+of)\b",
                              re.IGNORECASE)

_BEARING_WORDS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
                  "southwest": 225.0, "west": 270.0, "northwest": 315.0}
_BEARING_RE = re.compile(r"\b(north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest|"
                         r"north|south|east|west)(?:ward|wards)?\b", re.IGNORECASE)   # longest first: "north-east" = 45
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
                             r"between|among|including|than|fighting|attacking|battling|backing)\s+(?:the\s+)?$"
                             # the agent of a participle with a place name before it: "surrounded by Idlib rebels"
                             r"|\bby\s+(?:the\s+)?(?:(?-i:[A-Z])[\w’'\-]*\s+){1,2}$",
                             re.IGNORECASE)
#: coordinated subjects "Syrian troops and Kurdish fighters": walk back to the first one
_SUBJ_COORD_RE = re.compile(r"^\s*(?:,|and|&|as\s+well\s+as|along\s+with|together\s+with)\s*(?:the\s+)?"
                            r"(?:(?:allied|other|local|pro-\w+|foreign|Shiite|Iraqi|Iranian|Afghan|Lebanese|"
                            r"[\w\-]+-(?:linked|backed|led|allied|affiliated|aligned))\s+)?$",
                            re.IGNORECASE)
#: "with Iraqi forces aided by coalition airstrikes having retaken X"
_WITH_HAVING_RE = re.compile(r"\bwith\s+((?:[\w’'.\-]+\s+){1,10}?)having\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: subordinators that open a clause with its own subject (commas are often missing in the corpus)
_SUBORDINATOR_RE = re.compile(
    r"\b(?:(?P<rel>which|who|whom|that)|since|after|when|whenever|until|till|because|while|before|(?<!\bat\s)once(?!\s+(?:again|more|and\s+for\s+all)\b)|"
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
    r"\b(?:" + CIVILIAN_WORDS + r"|population|syrians|convoys?|aid|trucks|buses|ambulances|talks|negotiations|"
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


# ----------------------------------------------------------------- round 2 (events): object classes
#: the object before the place is a PART of it or something located in it: "seized buildings in
#: the northern part of X", "took control of parts of X", "overran positions in X", "90% of X",
#: "broke into the prison in X": no event at X (the part itself is the place when named)
_PART_OF_RE = re.compile(
    r"\b(?:(?:parts?|portions?|sections?|sectors?|percent|per\s+cent|half|thirds?|quarters|neighbou?rhoods|"
    r"districts|areas|outskirts|suburbs|edges?|perimeter|centre|center|downtown)\s+(?:of|in|inside|within)"
    r"|(?:territory|territories|ground|headquarters|HQ|offices?|positions?|posts?|buildings?|bases?|neighbou?rhoods?|districts?|quarters?|blocks?|streets?|"
    r"schools?|hospitals?|prisons?|departments?|factor(?:y|ies)|stations?|roundabouts?|squares?|markets?|"
    r"hills?|hilltops?|mountains?|farms?|silos?|checkpoints?)\s+(?:in|inside|within|near|around|outside|at)"
    r"|\d+\s*%\s+of)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|old|[\w\-]+ern)\s+)?"
    r"(?:(?:city|town|village|part|parts)\s+(?:of\s+)?)?$",
    re.IGNORECASE)
#: people or materiel taken "near X" / "in X": a capture of persons or things, not of the place
_NONPLACE_OBJ_RE = re.compile(
    r"\b(?:soldiers?|troops|fighters?|militants?|prisoners?|hostages?|civilians?|members?|commanders?|"
    r"officers?|pilots?|journalists?|translators?|interpreters?|men|women|children|people|jihadists?|"
    r"weapons?|arms|ammunition|munitions|vehicles?|tanks?|documents?|leaflets|equipment|trucks?|cars?|"
    r"drones?|rockets?|missiles?|supplies|caches?|cellphones|phones|maps)\b"
    r"[^,;]{0,50}?\b(?:near|in|at|around|outside|inside|within|on|from|close\s+to)\s+(?:the\s+)?"
    r"(?:[\w’'\-]+\s+){0,3}$",
    re.IGNORECASE)
#: "advance(s)" as a noun: "the SDF advance", "recent advances in X", "As a result of the advance"
_NOMINAL_ADVANCE_PRE_RE = re.compile(
    r"(?:\b(?i:the|a|an|its|their|his|her|this|that|these|those|recent|latest|new|further|rapid|swift|major|"
    r"sudden|continued|ongoing|initial|first|last|government|army|rebel|kurdish|ground|military|such|any|"
    r"whose|of|nearby|significant|slow|steady|quick|big|large|government|regime|opposition|kurdish|turkish|"
    r"syrian|russian|iranian|coalition|pro-government|rebel|jihadist|only|main|possible|general|full)|['’]s?|\b[A-Z]{2,}[a-z]?)\s+$")
_ADVANCE_PREP_AFTER_RE = re.compile(r"\s+(?:on|toward|towards|to|into|against|closer|upon)\b", re.IGNORECASE)
#: "nearly besieged", "almost captured": it did not happen
_ALMOST_RE = re.compile(r"\b(?:nearly|almost|all\s+but)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: a withdrawal with an object or a destination but no origin: "withdrew its fighters to defend X",
#: "retreated east", "retreat back to the west bank", "their retreat into the pocket"
_OBJECT_AFTER_RE = re.compile(r"\s+(?:its|their|his|her|the(?!\s+(?:next|following|same|previous|day|night)\b)"
                              r"|a(?!\s+(?:day|week|few|couple)\b)|an|some|all|most|many)\b"
                              r"|\s+(?:from|out\s+of)\s+(?:those|these|all|several|many|most|some|rural|\w+\s+(?:areas|"
                              r"villages|positions|regions)|the\s+(?:region|areas|countryside|positions|villages))\b",
                              re.IGNORECASE)
_NO_ORIGIN_RE = re.compile(
    r"\s+(?:to|into|towards?|back|further|deeper|across|over|"
    r"behind|inside|(?:north|south|east|west)(?:ern|ward|wards)?|(?:north|south)(?:east|west)(?:ern|ward|wards)?)\b",
    re.IGNORECASE)
#: fighters "fleeing X with their families": people leave, the side is not said to give X up
_WITH_FAMILIES_AFTER_RE = re.compile(r"[^,;]{0,60}?\b(?:with|along\s+with|and)\s+(?:their|its|his)\s+"
                                     r"(?:famil(?:y|ies)|wives|children|relatives)\b", re.IGNORECASE)
#: siege verbs as a passive state: "with the city surrounded", "X being almost fully surrounded"
_SIEGE_STATE_RE = re.compile(r"(?:surrounded|besieged|encircled)$", re.IGNORECASE)
_PASSIVE_STATE_PRE_RE = re.compile(
    r"(?:\b(?-i:was|were|is|are|been|being|remained|remains|now|left|Now)|\bwith\s+(?:[\w’'\-]+\s+){0,7}?[\w’'\-]+)"
    r"\s+(?:(?:\w+ly|completely|fully|almost|nearly|partially|partly|effectively|virtually)\s+){0,3}$",
    re.IGNORECASE)
#: "losing it in an SDF counter-attack": the side of the attack wins the place
_LOST_IN_ATTACK_RE = re.compile(
    r"\s*(?:,\s*)?(?:in|during|after|following|to)\s+(?:an?|the|a\s+subsequent|their)\s+([^,;.]{0,50}?)"
    r"(?:counter-?attacks?|counter-?offensives?|attacks?|offensives?|assaults?|raids?|advances?)\b",
    re.IGNORECASE)
#: "After the capture of A and B, the rebels ...": a nominal capture as the time of the main clause
_NOMINAL_AFTER_RE = re.compile(r"(?:^|[,;]\s*|\b)(?:after|following|upon|with)\s+(?:the\s+)?$", re.IGNORECASE)
#: a road between places: "part of the highway between X and Y" names no captured place
_ROAD_GAP_RE = re.compile(r"\b(?:road|roads|highway|route|motorway|supply\s+lines?)\s+(?:between|from|to|linking|"
                          r"connecting|leading\s+to)\b", re.IGNORECASE)
#: a new predicate between a trigger and a place: ", taking control of", ", capturing", ", and captured"
_NEW_PREDICATE_GAP_RE = re.compile(
    r"(?:,|\band)\s+(?:then\s+|also\s+|later\s+)?(?!(?:including|according|during|following|regarding|"
    r"concerning|surrounding|neighbou?ring|remaining|adjoining|bordering|overlooking|facing|along)\b)"
    r"[a-z]{3,}ing\b"
    # an infinitive of movement or capture: "captured crossroads to advance to X"
    r"|\bto\s+(?:further\s+)?(?:advance|push|move|reach|capture|take|seize|cut|open|secure|attack|enter|retake|"
    r"recapture|besiege|encircle|link|approach|defend|reinforce|protect|relieve|break|storm)\b", re.IGNORECASE)
#: a plural object that "them" refers to: "captured three villages ... recaptured them"
_PLURAL_OBJ_RE = re.compile(r"\b(?:villages|towns|hills|hilltops|areas|positions|points|neighbou?rhoods|districts|"
                            r"farms|settlements|checkpoints|bases|outposts)\b", re.IGNORECASE)
#: a plural combatant noun right before a headline passive ("Jihadists pushed from X", "Nusra
#: Front fighters pushed from X"); a side phrase of the article's side table also counts
#: (:meth:`mapper.extract.events.passives.PassiveMixin._hpass_subject`)
_COMBATANT_HEADS = (r"fighters|troops|forces|militants|units|militias?|jihadists|rebels|insurgents|soldiers|"
                    r"gunmen|terrorists|brigades|battalions")
_HPASS_SUBJECT_RE = re.compile(
    r"(?<![\w\-])(?:" + _COMBATANT_HEADS + r"|extremists|loyalists|guerrill?as|paramilitar(?:y|ies)|mercenaries|"
    r"defenders|divisions|regiments|guards|commandos|factions|groups|holdouts|remnants)\s+$", re.IGNORECASE)
#: what may stand between a subject side phrase and a headline passive: a head noun
#: ("SDF fighters", "Kurdish militia units"), nothing else
_HPASS_GAP_RE = re.compile(r"(?:\s+(?:" + _COMBATANT_HEADS + r"|members))?\s+", re.IGNORECASE)
#: a claim denied right after it (same or next sentence): "X said IS had captured A, but ...
#: IS never captured it", "despite reports that they had captured the town", "A had not been entered"
_DENIAL_AFTER_RE = re.compile(
    r"\b(?:never|did\s+not|didn['’]t|had\s+not|hadn['’]t|has\s+not|hasn['’]t|was\s+not|were\s+not|wasn['’]t|"
    r"weren['’]t)\s+(?:\w+\s+){0,2}?(?:captured|taken|entered|seized|retaken|recaptured|fallen|fall|capture|take|"
    r"enter|seize|lost|lose)\b|\b(?:denied|denies|refuted|dismissed)\s+(?:the\s+|these\s+|this\s+|such\s+)?"
    r"(?:reports?|claims?|\w+\s+(?:reports?|claims?))\b",
    re.IGNORECASE)
#: the losing side is still inside: denies a capture (not an entry)
_STILL_PRESENT_RE = re.compile(r"\b(?:were|was|are|is|remained|remain)\s+still\s+(?:present|inside|holding\s+out)\b"
                               r"|\bstill\s+(?:present|held\s+out)\s+in\b", re.IGNORECASE)
_DESPITE_REPORTS_RE = re.compile(r"\bdespite\s+(?:\w+\s+){0,2}?(?:reports|claims|rumou?rs)\b", re.IGNORECASE)
