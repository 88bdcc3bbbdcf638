"""Filters of a trigger in its clause: negation, modal / forecast / objective, bare
infinitive, hedges (:func:`blocked_reason`, :func:`is_hedged`) and :func:`mask_dates`.

>>> blocked_reason("Russian forces will enter Palmyra", 21)
'modal'
"""
from __future__ import annotations

import re
from typing import Optional



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
