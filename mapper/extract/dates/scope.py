"""The scope of a time expression: what it governs, and the time of a clause.

* :class:`TimeMention` - one resolved expression with the facts about its
  place in the sentence (clause, fronted or trailing, in a relative / before
  clause, in an attribution, how far it carries over);
* :func:`make_mention` - those facts from the :class:`~mapper.extract.layout.Layout`;
* :func:`time_for_span` - the time of one event's clause (rules in its
  docstring and docs/TIME.md, "Time of a clause").

    >>> from datetime import date
    >>> time_for_span([], 0, 5, 0, 20, date(2016, 3, 24)).text
    'published'
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from mapper.extract.layout import Heading, Layout
from mapper.model import TimeSpan, UNKNOWN_TIME

__all__ = ["TimeMention", "make_mention", "time_for_span"]


@dataclass(frozen=True)
class TimeMention:
    """One time expression of an article.

    ``start``/``end`` index into ``Article.text``; ``span`` is the resolved
    time (precision "unknown" when it cannot be resolved, e.g. "on Tuesday" in
    an undated article). ``clause_start``/``clause_end`` delimit the text the
    expression governs (the whole sentence for a sentence-initial "In March,"),
    ``reporting`` is True when the clause is an attribution ("..., activists said
    on Monday"), ``carry_end`` is the offset up to which the time may be inherited
    by later sentences (end of the next paragraph; equal to ``end`` for month /
    year precision, which is background and never inherited; the end of the
    section for a time in a heading); ``initial`` is True for a sentence-initial
    expression ("On 5 June, ..."), which governs its sentence; ``relative`` is
    True in a relative clause (", which they breached the previous day"),
    whose date is its own event's, never lent to the main clause; ``fronted`` is
    True when the expression opens its phrase ("..., and on 16 November the SDF
    captured ..."): it governs what follows, while a trailing one ("they
    infiltrated on 24 June") belongs to the verb before it; ``later_clause`` is
    True in a "before ..." / "until ..." clause, whose date is after the main
    clause's event ("took three villages before the SDF retook them the
    following day"); ``opener_before`` is the offset of the last word opening
    another clause (which, who, that, after, to ..., and, but ...) between the
    sentence start and the expression, -1 if none: a trailing date belongs to
    an event only when no such word stands between them; ``rel_opener_before``
    the offset of the last word opening a relative or later clause (which,
    who, that, before, until, or a bare relative's subject pronoun: "a village
    they lost the previous day"), -1 if none: a date behind such a word dates
    only that clause's own verb, never an event whose trigger stands before it.
    """

    start: int
    end: int
    text: str
    span: TimeSpan
    clause_start: int = 0
    clause_end: int = 0
    sentence_start: int = 0
    sentence_end: int = 0
    reporting: bool = False
    carry_end: int = 0
    initial: bool = False
    relative: bool = False
    fronted: bool = False
    later_clause: bool = False
    opener_before: int = -1
    rel_opener_before: int = -1


_REPORTING = re.compile(r"\b(?:said|says|say|reported|reports|report|told|tells|announced|claimed|"
                        r"confirmed|according\s+to|stated|added|quoted|wrote|tweeted|posted)\b", re.I)
#: what may stand before a fronted time expression in its phrase
_FRONT_LEAD = re.compile(r"[\s\"“‘'(]*(?:(?:and|but|then|and\s+then|while|whereas|so|yet|or|however|meanwhile|"
                         r"also|later|subsequently|eventually|finally|thereafter)\s+)*", re.I)
_RELATIVE_LEADS = frozenset({"which", "who", "whom", "whose"})
_LATER_LEADS = frozenset({"before", "until"})
#: words that open another clause between an event and a trailing date
_OPENER_RE = re.compile(r"\b(?:which|who|whom|whose|that|where|when|after|before|while|since|until|because|"
                        r"and|but|to\s+(?!the\b|a\b|an\b|its\b|their\b|within\b)[a-z]+)\b", re.I)
#: words opening a relative (or before/until) clause: its date is its own verb's
_REL_OPENER_RE = re.compile(r"\b(?:which|who|whom|whose|before|until|they|we|he|she|"
                            r"that(?!\s+(?:day|night|morning|evening|afternoon|week|weekend|month|year|time)\b))\b",
                            re.I)
_RELATIVE_RE = re.compile(r"\b(?:which|who|whom|whose|before|until)\b", re.I)


def make_mention(lay: Layout, start: int, end: int, span: TimeSpan, heading: Optional[Heading],
                 section_end: int, undated: bool) -> TimeMention:
    """The :class:`TimeMention` of ``text[start:end]`` resolved to ``span``.

    ``heading``: the last heading before it (its section ends at ``section_end``);
    ``undated``: the article has no publication date (a narrative).
    """
    text = lay.text
    s0, s1 = lay.sentence_bounds(start)
    c0, c1 = lay.phrase(start, end, s0, s1)
    initial = not text[s0:start].strip(" \t\"“‘'(")
    fronted = initial or bool(_FRONT_LEAD.fullmatch(text, c0, start))
    if initial:  # sentence-initial "In March," governs the whole sentence
        c0, c1 = s0, s1
    reporting = bool(_REPORTING.search(text, c0, c1))
    relative, later_clause = _clause_lead(lay, start, s0)
    opener = -1
    for o in _OPENER_RE.finditer(text, s0, start):
        opener = o.start()
    rel_opener = -1
    for o in _REL_OPENER_RE.finditer(text, s0, start):
        rel_opener = o.start()
    if heading is not None and heading.start <= start < heading.end:
        carry = section_end      # a heading's time is the time of its section
    elif span.precision in ("day", "week"):
        carry = lay.paragraph_end(lay.paragraph_index(start) + 1)
    elif initial and undated and span.precision == "month":
        # a narrative's "During May 2015, ..." dates the rest of its paragraph
        carry = lay.paragraph_end(lay.paragraph_index(start))
    else:
        carry = end
    return TimeMention(start, end, text[start:end], span, c0, c1, s0, s1, reporting, carry, initial,
                       relative, fronted, later_clause, opener, rel_opener)


def _clause_lead(lay: Layout, start: int, s0: int) -> tuple[bool, bool]:
    """(in a which/who clause, in a before/until clause) for a mention at ``start``."""
    if not _RELATIVE_RE.search(lay.text, s0, start):
        return False, False
    sent = lay.sentence_at(start)
    if sent is None:
        return False, False
    lead = next((c.lead.lower() for c in lay.clauses_of(sent) if c.start <= start < c.end), "")
    return lead in _RELATIVE_LEADS, lead in _LATER_LEADS


def time_for_span(times: list[TimeMention], start: int, end: int, sentence_start: int, sentence_end: int,
                  published: Optional[date], anchor: Optional[tuple[int, int]] = None) -> TimeSpan:
    """The time of the clause ``text[start:end]`` (an event's clause).

    ``anchor`` = (a0, a1), optional: the event's own words (its verb and place,
    e.g. "captured Arima"), clipped to the clause; with it, a clause that holds
    two dates gives each event the date that governs it ("On 13 November, the
    SDF captured A, and on 16 November, B" -> A 13 November, B 16 November).

    Order of preference:

    1. a time mention whose own phrase holds the anchor (or, without an
       anchor, whose phrase overlaps the clause; a sentence-initial "In March,"
       counts last); nearest first; with an anchor, one inside the event's
       words, else the first trailing one with no clause opener (which, that,
       and, "to retake" ...) in between, else the last fronted one before;
       a mention behind a relative / before / until opener that stands after
       the start of the event's words never dates the event ("captured A and
       retook a village they lost the previous day": A keeps the main date;
       "recaptured 9 villages that they had lost the previous day, including
       B": B too), in any step (:func:`_foreign`);
    2. with an anchor: the last mention of the clause before the anchor (a
       date governs what follows it; a sentence-initial one included), else the
       first one after it within the clause;
    3. a mention in an attribution clause of the same sentence ("..., activists
       said on Monday");
    4. in an undated text (a narrative), a day/week mention anywhere in the
       same sentence but not in a which/who, before or until clause, nearest
       first ("The SDF took the village, after an assault on 5 June"): the
       sentence's own date beats one carried over from
       earlier sentences (a news report instead dates such a main clause by its
       publication: "troops entered the city after advancing on Wednesday");
    5. the latest day/week-precision mention before the sentence in the same or
       the previous paragraph (narrative carry-over: "On Saturday, ..." then
       "The jihadists then shelled ..."; after "By 20 October, ..." the day
       itself; in an undated text a sentence-initial month, "During May 2015,
       ...", for the rest of its paragraph), or a time in the heading of the
       section;
    6. the publication date: ``TimeSpan(published, published, "day", "published")``;
    7. unknown (``UNKNOWN_TIME``) for an undated article.

    ``times`` must be in text order (as :func:`mapper.extract.dates.resolve_times`
    returns them): the sentence's mentions are found by bisection, so a long
    article with thousands of events and times stays near-linear.

    >>> from datetime import date
    >>> time_for_span([], 0, 5, 0, 20, date(2016, 3, 24)).text
    'published'
    """
    a0, a1 = anchor if anchor is not None else (start, end)
    if anchor is not None:
        # words of the event outside its clause (a place named earlier: "lost
        # Palmyra in December, having recaptured it last March") do not count
        a0, a1 = max(a0, start), min(a1, end)
        if a0 >= a1:
            a0, a1 = start, end
    lo = bisect.bisect_left(times, sentence_start, key=lambda t: t.start)
    hi = bisect.bisect_right(times, sentence_end, key=lambda t: t.start)
    in_sentence = [t for t in times[lo:hi] if t.end <= sentence_end]
    if in_sentence:
        found = _in_sentence(in_sentence, start, end, a0, a1, anchor is not None, published)
        if found is not None:
            return found
    carried = _carried(times[:lo], sentence_start)
    if carried is not None:
        return carried
    if published is not None:
        return TimeSpan(published, published, "day", "published")
    return UNKNOWN_TIME


def _distance(t: TimeMention, a0: int, a1: int) -> int:
    """Characters between a mention and the anchor ``a0..a1`` (0 when they overlap)."""
    if t.end <= a0:
        return a0 - t.end
    if t.start >= a1:
        return t.start - a1
    return 0


def _in_sentence(in_sentence: list[TimeMention], start: int, end: int, a0: int, a1: int, anchored: bool,
                 published: Optional[date]) -> Optional[TimeSpan]:
    """Steps 1-4 of :func:`time_for_span`: a mention of the event's own sentence."""
    dist = lambda t: _distance(t, a0, a1)  # noqa: E731
    own = [t for t in in_sentence if t.clause_start < a1 and t.clause_end > a0]
    if own:
        found = _own_phrase(own, start, end, a0, a1, anchored)
        if found is not None:
            return found
    if anchored:
        before = [t for t in in_sentence if t.end <= a0 and (t.start >= start or t.initial)]
        if before:
            return before[-1].span
        after = [t for t in in_sentence if t.start >= a1 and t.end <= end and not _foreign(t, a0, a1)]
        if after:
            return after[0].span
    reporting = [t for t in in_sentence if t.reporting]
    if reporting:
        return min(reporting, key=dist).span
    near = [t for t in in_sentence if t.span.precision in ("day", "week")
            and not t.relative and not t.later_clause
            and not (anchored and _foreign(t, a0, a1))] if published is None else []
    if near:
        return min(near, key=dist).span
    return None


def _own_phrase(own: list[TimeMention], start: int, end: int, a0: int, a1: int, anchored: bool
                ) -> Optional[TimeSpan]:
    """Step 1: a mention whose phrase holds the anchor (see :func:`time_for_span`)."""
    dist = lambda t: _distance(t, a0, a1)  # noqa: E731
    # a mention in the span's own phrase beats a sentence-initial one
    narrow = [t for t in own if not t.initial]
    if anchored:
        # with an anchor, only the clause's own mentions ("entered X after
        # advancing on Wednesday": Wednesday is the after-clause's)
        narrow = [t for t in narrow if start <= t.start < end]
    if anchored and narrow:
        inside = [t for t in narrow if dist(t) == 0 and not _foreign(t, a0, a1)]
        trailing = [t for t in narrow if t.start >= a1 and not t.fronted and t.opener_before < a1]
        fronted = [t for t in narrow if t.end <= a0 and t.fronted]
        if inside or trailing or fronted:
            # inside the event's words; else the first trailing one after
            # them ("took X on 5 June"); else the last fronted one before
            # them ("and on 16 November the SDF took X")
            return (inside or trailing[:1] or fronted[-1:])[0].span
    if anchored:
        # a date of another clause nested in or after the event's words is not its own
        narrow = [t for t in narrow if not _foreign(t, a0, a1)]
    if narrow or not anchored:
        return min(narrow or own, key=dist).span
    return None


def _foreign(t: TimeMention, a0: int, a1: int) -> bool:
    """True when mention ``t`` stands in a relative / later clause that opens
    after the start of the event's words ``a0..a1`` and so dates only that
    clause's verb: "recaptured 9 villages that they had lost the previous day,
    including X" (inside the words), "captured X and retook a village they lost
    the previous day" (after them). A relative clause that the words end in
    ("X, which rebels captured last Friday") keeps its trailing date."""
    r = t.rel_opener_before
    if t.start >= a1:
        return r >= a1
    return t.end <= a1 and r > a0 and t.start > a0


def _carried(earlier: list[TimeMention], sentence_start: int) -> Optional[TimeSpan]:
    """Step 5: the last earlier mention that carries over to ``sentence_start``."""
    for t in reversed(earlier):
        if t.end <= sentence_start and t.carry_end > sentence_start:
            sp = t.span
            if sp.start is None and sp.end is not None and sp.precision == "day":
                # after "By 20 October, ..." the story goes on at 20 October
                return TimeSpan(sp.end, sp.end, "day", sp.text)
            return sp
    return None
