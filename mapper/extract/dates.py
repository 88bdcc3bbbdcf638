"""Publication dates and time expressions: text -> :class:`TimeSpan`.

Three jobs:

* :func:`find_dateline` - the publication date printed as a standalone date
  line near the top of an article ("24 November 2015", "Nov. 24, 2015",
  "2015-11-24", "Wed 05 Apr 2017 ..." at the very start); dates inside the
  narrative or in photo captions are never datelines.
* :func:`resolve_times` - every time expression of an article body as a
  :class:`TimeMention` (character offsets into ``Article.text``) resolved to a
  :class:`~mapper.model.TimeSpan` against the publication date and the
  narrative.
* :func:`time_for_span` - the time of one clause (used by the event extractor).

Resolution rules (the reference-time logic is ours; dateutil only parses
metadata values in :func:`parse_date_value`):

* Weekdays ("on Monday", "Monday", "Saturday's offensive", "early Thursday"):
  the last such weekday on or before publication (a Tuesday article's "on
  Tuesday" is the same day). "last"/"this past" Monday: strictly before
  publication; "next Monday" or a "will ... on Monday" clause: the first one on
  or after publication.
* "over/at/during the weekend", "last weekend": the Saturday-Sunday before
  publication (the most recent Saturday on or before the day before
  publication; Sunday clipped to publication), precision ``week``.
* "earlier this week": Monday of the publication week .. the day before
  publication, precision ``week``; "this week": Monday .. publication;
  "last week": Monday .. Sunday of the previous week.
* "By November 23" / "until ...": an open start: ``TimeSpan(None, 2015-11-23,
  "day")``; the end bound is the stated day.
* Months: "late May", "early January", "mid-March" keep the whole month with
  precision ``month`` (ACLED codes month-level events the same way).
  A year-less month or day ("In March", "On 14 January", "from 8 to 11
  December") takes its year from the *story* when there is one, else from
  publication (full rules in docs/TIME.md):

  - the story = the text's current period, set by an explicit year ("On 31
    May 2016", "In early January 2017", a heading "== 2016 ==", in an undated
    text a sentence-initial "In 2016,"); "since 2014" is background, and a
    past-perfect explicit date before the story does not move it back.
  - a year-less date keeps the story's year: a flashback ("On 18 June ... On
    16 June", "As of 9 June") stays in it; the story crosses into the next
    year only when a narrating clause's month is >= 5 months earlier in the
    calendar ("On 28 December 2016 ... On 3 January" = 2017); a past-perfect
    clause >= 5 months later is the previous year ("In early January 2017 ...
    had retaken the hill from 8 to 11 December" = December 2016). The story
    moves forward to each resolved date, never backward.
  - an undated text whose first dates come before any explicit year takes
    the first explicit date that follows, or a year naming the subject ("The
    2016 Khanasir offensive"), or the title's / file name's year.
  - dated texts: deictic expressions (weekdays, "yesterday", "last week",
    "last March") bring the story back to publication; a year-only "in 2015"
    holds for its paragraph; a result after publication falls back to the
    publication rule: the most recent such month (or day) on or before
    publication ("In March" in a December 2016 article = March 2016).
  - "last March" is strictly before the publication month; "May last year",
    "last year", "this year", "last month" are relative to publication.
* "the next day|morning", "the following day", "the same day", "later that
  day", "at the same time", "the day before", "two days later", "the
  following week", "over the following days": relative to the previous
  day-precision time in the text ("the previous day" looks back without
  moving it).
* Undated articles (``published is None``): every publication-relative
  expression resolves to ``TimeSpan(None, None, "unknown", text)`` (the text
  is kept, nothing is invented); absolute ones ("May 18, 2015", "In August
  2015") and expressions resolved from the story still resolve.
* Publication dates at the ends of the calendar (years 1 / 9999) never raise:
  an expression that would leave the calendar is ``unknown``.

Precision codes (see docs/TIME.md):

============  ==========================  ===============================
precision     ACLED ``time_precision``    UCDP GED ``date_prec``
============  ==========================  ===============================
day           1 (exact day)               1 (exact day); 2 for a 2-6 day
                                          range ("from 8 to 11 December")
week          2 (within a week / a few    2 if the range is 2-6 days,
              days)                       3 if 7 days or "a week"
month         3 (month known)             4 (within a month)
year          3 (coarser than a month:    5 (more than a month / the year)
              ACLED would not code it)
unknown       3 (flag the event undated)  5
============  ==========================  ===============================

Example::

    >>> from datetime import date
    >>> from mapper.model import Article
    >>> art = Article(id="a", text="Forces captured the farms on Monday.",
    ...               published=date(2015, 11, 24))
    >>> [(m.text, m.span.start) for m in resolve_times(art)]
    [('on Monday', datetime.date(2015, 11, 23))]
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional, Union

from mapper.extract.layout import Layout, build_layout
from mapper.model import Article, TimeSpan, UNKNOWN_TIME

__all__ = [
    "TimeMention", "find_dateline", "resolve_times", "time_for_span", "parse_date_value",
    "acled_time_precision", "ucdp_date_prec", "month_span", "sentence_bounds",
]


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
    an event only when no such word stands between them.
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


# --------------------------------------------------------------------------- lexicon

_MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAY_NUM = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WORD_NUM = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": 3, "few": 3, "couple of": 2,
}

# Month names: full or abbreviated ("Nov.", "Sept"); capitalised only ("may" is a verb).
_MON = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
        r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
        r"(?![a-z])")
_MONFULL = (r"(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)(?![a-z])")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
_WDABBR = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?|" + _WD + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)(?![\d:])"
_NUMW = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple\s+of)"
_LEAD = r"(?i:in|on|during|since|by|until|till|throughout|from|at|of|as\s+of)"
_QUAL = r"(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|end\s+of|beginning\s+of)"
_BY = r"(?:(?P<by>(?i:by|until|till|as\s+of))\s+)?"

# (kind, pattern) in priority order: longer forms first. Group names are made
# unique per alternative by _build().
_ALTERNATIVES: list[tuple[str, str]] = [
    ("range_dmdm", r"(?:(?i:from|between|on|by|until)\s+)?(?:the\s+)?(?P<d1>" + _DAY + r")\s+(?:of\s+)?(?P<mon1>" + _MON
     + r")\s*(?:-|–|(?i:to|and|until))\s*(?P<d2>" + _DAY + r")\s+(?:of\s+)?(?P<mon>" + _MON
     + r")(?:,?\s+(?P<year>" + _YEAR + "))?"),
    ("range_mdmd", r"(?:(?i:from|between|on|by|until)\s+)?(?P<mon1>" + _MON + r")\s+(?P<d1>" + _DAY
     + r")\s*(?:-|–|(?i:to|and|until))\s*(?P<mon>" + _MON + r")\s+(?P<d2>" + _DAY
     + r")(?:,?\s+(?P<year>" + _YEAR + "))?"),
    ("range_dm", r"(?:(?i:from|between|on|by|until)\s+)?(?P<d1>" + _DAY + r")\s*(?:-|–|(?i:to|and|until))\s*(?P<d2>"
     + _DAY + r")\s+(?:of\s+)?(?P<mon>" + _MON + r")(?:,?\s+(?P<year>" + _YEAR + "))?"),
    ("range_md", r"(?:(?i:from|between|on|by|until)\s+)?(?P<mon>" + _MON + r")\s+(?P<d1>" + _DAY
     + r")\s*(?:-|–|(?i:to|and|until))\s*(?P<d2>" + _DAY + r")(?:,?\s+(?P<year>" + _YEAR + "))?"),
    ("dmy", _BY + r"(?:(?i:on)\s+)?(?:" + _WDABBR + r",?\s+)?(?:the\s+)?(?P<day>" + _DAY
     + r")\s+(?:of\s+)?(?P<mon>" + _MON + r"),?\s+(?P<year>" + _YEAR + ")"),
    ("mdy", _BY + r"(?:(?i:on)\s+)?(?:" + _WDABBR + r",?\s+)?(?P<mon>" + _MON + r")\s+(?P<day>"
     + _DAY + r"),?\s+(?P<year>" + _YEAR + ")"),
    ("iso", _BY + r"(?:(?i:on)\s+)?(?P<year>" + _YEAR + r")-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"),
    ("my", r"(?:" + _LEAD + r"\s+)?(?:(?P<qual>" + _QUAL + r")[\s-]+)?(?P<mon>" + _MONFULL
     + r"),?\s+(?P<year>" + _YEAR + ")"),
    ("dm", _BY + r"(?:(?i:on|since|from)\s+)?(?:" + _WD + r",?\s+)?(?:the\s+)?(?P<day>" + _DAY
     + r")\s+(?:of\s+)?(?P<mon>" + _MON + ")"),
    ("md", _BY + r"(?:(?i:on|since|from)\s+)?(?:" + _WD + r",?\s+)?(?P<mon>" + _MON + r")\s+(?P<day>"
     + _DAY + r")(?!\s*[-–]\s*\d)"),
    ("m_rel", r"(?:(?i:in|during|since|by|until)\s+)?(?:(?P<qual>" + _QUAL + r")[\s-]+)?(?P<mon>"
     + _MONFULL + r")\s+(?P<rel>(?i:last|this|next))\s+year"),
    ("rel_m", r"(?P<rel>(?i:last|this\s+past|this|next|past))\s+(?P<mon>" + _MONFULL + ")"),
    ("m_only", r"(?:" + _LEAD + r"\s+(?:(?P<qual>" + _QUAL + r")[\s-]+)?|(?P<qual2>" + _QUAL + r")[\s-]+)(?P<mon>"
     + _MONFULL + r")(?![\s,]*\d)"),
    # a timeline label: "* 2011: - In June ...", a line "2016:"
    ("ylabel", r"(?:(?<=[*•]\s)|(?<=\n)|(?<=\A))(?P<year>19[5-9]\d|20[0-4]\d)(?=\s*:\s)"),
    ("year", r"(?:(?P<lead>" + _LEAD + r")\s+(?:(?P<qual>" + _QUAL + r")[\s-]+)?|(?P<qual2>" + _QUAL + r")[\s-]+)(?P<year>"
     + _YEAR + r")(?!-\d)"),
    ("rel_year", r"(?i:(?P<rel>last|this|next|past|earlier\s+this|later\s+this|the\s+previous|the\s+past)\s+year"
     r"|(?P<ago>a\s+year\s+ago))(?![\w-])"),
    ("rel_month", r"(?i:(?P<rel>last|this|next|earlier\s+this|later\s+this|the\s+previous|the\s+past|past)\s+month"
     r"|(?:at\s+)?the\s+(?P<begin>beginning|start)\s+of\s+the\s+month)(?![\w-])"),
    ("rel_week", r"(?i:(?P<rel>last|this|next|earlier\s+this|later\s+this|the\s+previous|the\s+past|past)\s+week)(?![\w-])"),
    ("weekend", r"(?i:(?:over|during|at|on|this\s+past|this|last|past)\s+(?:the\s+)?weekend)(?![\w-])"),
    ("ago", r"(?i:(?P<n>" + _NUMW + r")\s+(?P<unit>day|week|month|year)s?\s+ago)(?![\w-])"),
    ("recent", r"(?i:(?:in|over|during)\s+(?:the\s+)?(?:(?:last|past)\s+(?:few|couple\s+of|several|two|three|\d)"
     r"\s+days|recent\s+days|(?:last|past)\s+(?:24|48)\s+hours))(?![\w-])"),
    ("coming", r"(?i:(?:in|over|during)\s+the\s+(?P<w>coming|next|following|subsequent)\s+"
     r"(?:few\s+|several\s+|couple\s+of\s+)?days)(?![\w-])"),
    ("relweek", r"(?i:the\s+(?:next|following)\s+week|(?P<n>a|one|two|three|four|\d)\s+weeks?\s+later)(?![\w-])"),
    ("relday", r"(?i:the\s+(?P<next>next|following)\s+(?:day|morning|afternoon|evening|night)"
     r"|(?:later\s+|earlier\s+)?(?:on\s+|during\s+)?(?:the\s+(?P<same>same)|that)\s+(?:day|morning|afternoon|evening|night)"
     r"|(?:at|around|about)\s+the\s+(?P<same2>same)\s+time"
     r"|the\s+(?P<prev>previous)\s+(?:day|night|evening)"
     r"|the\s+(?P<before>day\s+before)(?!\s+yesterday)|a\s+day\s+(?P<later>later|earlier)"
     r"|(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+(?P<dir>later|earlier|before|after))(?![\w-])"),
    ("deictic", r"(?i:(?P<dby>the\s+day\s+before\s+yesterday)|(?P<yest>yesterday|last\s+night)|(?P<today>today|tonight))(?![\w-])"),
    ("weekday", r"(?:(?P<lead>(?i:on|last|this\s+past|this|next|early|late|since|by|until))\s+)?(?P<wd>"
     + _WD + r")(?P<poss>['’]s)?(?:\s+(?i:morning|afternoon|evening|night))?"),
]


_FIRST_WORD = (
    r"(?=\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"|(?i:in|on|during|since|by|until|till|throughout|from|at|of|as|early|late|mid|the|end|beginning|between|"
    r"last|this|next|past|earlier|later|over|an?|one|that|around|about|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|few|couple|yesterday|today|tonight)(?![a-z]))")


def _build() -> tuple[re.Pattern[str], dict[str, str]]:
    parts = []
    for kind, pat in _ALTERNATIVES:
        pat = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{kind}__{m.group(1)}>", pat)
        parts.append(f"(?P<{kind}>{pat})")
    # the look-ahead on the first word lets the matcher skip most words at once
    return re.compile(r"(?<![\w-])" + _FIRST_WORD + r"(?:" + "|".join(parts) + r")"), {}


_TIME_RE, _ = _build()


_REPORTING = re.compile(r"\b(?:said|says|say|reported|reports|report|told|tells|announced|claimed|"
                        r"confirmed|according\s+to|stated|added|quoted|wrote|tweeted|posted)\b", re.I)
_PAST_PERFECT = re.compile(r"\b(?:had|'d)\s+(?!to\b|a\b|an\b|the\b|no\b|its\b|their\b|his\b|her\b)\w+", re.I)
_HEAD_YEAR = re.compile(r"(?<![\w-])(?:19[5-9]\d|20[0-4]\d)(?![\w])")
#: a year naming an event: "The 2016 Khanasir offensive", "(2017)", "the 2015–16 campaign"
_NAMING_YEAR = re.compile(r"(?:\b[Tt]he\s+(?:[*_]{1,2})?|\()(?P<y>19[5-9]\d|20[0-4]\d)"
                          r"(?:[–-](?:\d{2}|\d{4}))?(?:\)|\s+[A-Z])")
#: what may stand before a fronted time expression in its phrase
_FRONT_LEAD = re.compile(r"[\s\"“‘'(]*(?:(?:and|but|then|and\s+then|while|whereas|so|yet|or|however|meanwhile|"
                         r"also|later|subsequently|eventually|finally|thereafter)\s+)*", re.I)
_RELATIVE_LEADS = frozenset({"which", "who", "whom", "whose"})
_LATER_LEADS = frozenset({"before", "until"})
#: words that open another clause between an event and a trailing date
_OPENER_RE = re.compile(r"\b(?:which|who|whom|whose|that|where|when|after|before|while|since|until|because|"
                        r"and|but|to\s+(?!the\b|a\b|an\b|its\b|their\b|within\b)[a-z]+)\b", re.I)
_RELATIVE_RE = re.compile(r"\b(?:which|who|whom|whose|before|until)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|is\s+expected\s+to|are\s+expected\s+to|is\s+scheduled|are\s+scheduled|"
                     r"plans?\s+to|due\s+to)\b", re.I)


# --------------------------------------------------------------------------- helpers

def _mon(s: str) -> int:
    return _MONTH_NUM[s[:3].lower()]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))  # type: ignore[union-attr]


def month_span(year: int, month: int, text: str = "") -> TimeSpan:
    """The whole calendar month as a ``month``-precision span.

    >>> month_span(2016, 2).end
    datetime.date(2016, 2, 29)
    """
    return TimeSpan(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month", text)


def _day_span(d: date, text: str) -> TimeSpan:
    return TimeSpan(d, d, "day", text)


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _num(s: str) -> int:
    s = re.sub(r"\s+", " ", s.lower())
    return int(s) if s.isdigit() else _WORD_NUM.get(s, 3)


# --------------------------------------------------------------------------- dateline

_DATE_TOKEN = (r"(?:(?:" + _WDABBR + r"),?\s+)?(?:(?P<d1>" + _DAY + r")\s+(?P<m1>" + _MON + r"),?\s+(?P<y1>" + _YEAR
               + r")|(?P<m2>" + _MON + r")\s+(?P<d2>" + _DAY + r"),?\s+(?P<y2>" + _YEAR + r")|(?P<y3>" + _YEAR
               + r")-(?P<m3>0[1-9]|1[0-2])-(?P<d3>0[1-9]|[12]\d|3[01]))")
_DATELINE_LINE = re.compile(
    r"^\s*(?:(?i:published|updated|posted|last\s+updated|date)\s*(?:on)?\s*:?\s*)?" + _DATE_TOKEN
    + r"(?:\s*(?:[|,–-]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*(?i:am|pm|gmt|utc|[+-]\d{2}:?\d{2}))?(?:\s*(?i:gmt|utc|est|edt))?)?"
    r"\s*(?:\|.*)?$")
_DATELINE_START = re.compile(r"^\s*" + _DATE_TOKEN + r"(?=\s)")
_DATELINE_WINDOW = 1500  # characters from the top where a dateline may sit
_DATELINE_LINES = 15


def _token_date(m: re.Match[str]) -> Optional[date]:
    if m.group("y1"):
        return _safe_date(int(m.group("y1")), _mon(m.group("m1")), _day(m.group("d1")))
    if m.group("y2"):
        return _safe_date(int(m.group("y2")), _mon(m.group("m2")), _day(m.group("d2")))
    return _safe_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))


def find_dateline(text: str) -> Optional[date]:
    """The publication date printed as a standalone line near the top, or None.

    Accepts "24 November 2015", "November 24, 2015", "Nov. 24, 2015",
    "2015-11-24", optional weekday, "Published:" prefix and a trailing time, on
    a line of its own within the first 15 lines / 1500 characters; or a date at
    the very start of the text ("Wed 05 Apr 2017 Syria attack ...", the FA-KES
    style). Dates inside sentences or captions ("This file photo taken on May
    18, 2015 shows ...") are not datelines.

    >>> find_dateline("Title\\n\\n24 November 2015\\n\\nAMMAN: Syrian forces ...")
    datetime.date(2015, 11, 24)
    >>> find_dateline("This file photo taken on May 18, 2015 shows Palmyra") is None
    True
    """
    head = text[:_DATELINE_WINDOW]
    m = _DATELINE_START.match(head)
    if m:
        d = _token_date(m)
        if d:
            return d
    for line in head.splitlines()[:_DATELINE_LINES]:
        if len(line) > 80:
            continue
        m = _DATELINE_LINE.match(line)
        if m:
            d = _token_date(m)
            if d:
                return d
    return None


_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\s*$")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


#: publication dates outside these years are refused as implausible (a typo
#: like "2999-01-01" or "0201-05-03" must not become a map date)
MIN_PUBLISHED_YEAR, MAX_PUBLISHED_YEAR = 1900, 2100


def parse_date_value(value: object) -> Optional[date]:
    """Parse a metadata date (a CSV cell, front matter, an HTML meta tag).

    ISO ("2015-11-24", "2015-11-24T10:00:00Z"), numeric month-first "3/19/17" /
    "03/19/2017" (day-first when the first number is > 12; two-digit years are
    20yy below 70, else 19yy), then python-dateutil for the rest ("24 November
    2015", "Tue, 24 Nov 2015 10:00:00 GMT"; it must carry a four-digit year, or
    dateutil would fill in today's). Returns None when nothing parses or the
    year is outside MIN_PUBLISHED_YEAR..MAX_PUBLISHED_YEAR.

    >>> parse_date_value("3/19/17")
    datetime.date(2017, 3, 19)
    >>> parse_date_value("-5"), parse_date_value("2999-01-01")
    (None, None)
    """
    d = _parse_date_value(value)
    return d if d is not None and MIN_PUBLISHED_YEAR <= d.year <= MAX_PUBLISHED_YEAR else None


def _parse_date_value(value: object) -> Optional[date]:
    if value is None:
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # type: ignore[attr-defined]
    s = str(value).strip()
    if not s:
        return None
    m = _ISO_PREFIX.match(s)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC_DATE.match(s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 70 else 1900 + int(y))
        month, day = (a, b) if a <= 12 else (b, a)
        return _safe_date(year, month, day)
    if not re.search(r"(?<!\d)\d{4}(?!\d)", s):
        return None   # no year: dateutil would take the missing parts from today
    from dateutil import parser as du_parser

    try:
        return du_parser.parse(s, fuzzy=False, default=None).date()  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None


# --------------------------------------------------------------------------- resolution

#: a year-less month this many months or more *earlier* in the calendar than
#: the story's current month, in a clause that narrates (not past perfect), is
#: the story crossing into the next year ("On 28 December ... On 3 January");
#: a smaller step back is a flashback in the same year ("On 18 June ... On 16 June").
#: A past-perfect clause whose month is this many months or more *later* than the
#: story's month is the previous year ("In January 2017 ... had taken it in December").
_CROSS_MONTHS = 5

#: months after the first explicit date that a year-less date before it may lie
_LEAD_SLACK = 2

#: words after which a year-only expression is background, never the story's year
_YEAR_BACKGROUND_LEADS = frozenset({"since", "until", "till", "by", "as of"})


class _Resolver:
    """The reference-time state of one article, fed the time expressions in text order.

    ``story`` is the narrative's current period: (year, month or None, day or
    None), set by an explicit year ("On 31 May 2016", "In January 2017", a
    sentence-initial "In 2016,", a heading "== 2016 ==") and moved forward by
    year-less dates resolved from it (it keeps the latest month of its year, so a
    flashback never drags it back). ``local`` is a year-only anchor that holds
    for its paragraph only ("In 2014, IS grew. In June, ..." in a news text).
    ``last_day`` is the previous day-precision date ("the next day").
    """

    def __init__(self, article: Article, layout: Layout) -> None:
        self.text = article.text
        self.pub = article.published
        self.layout = layout
        self.story: Optional[tuple[int, Optional[int], Optional[int]]] = None
        # (year, end of its sentence, end of the next sentence or -1)
        self.local: Optional[tuple[int, int, int]] = None
        # in a dated text, whether the story may date year-less expressions
        self.story_ok = True
        self.last_day: Optional[date] = None
        self.last_first: Optional[date] = None    # start of the last day range ("Between 25 and 27 May")
        # an undated text whose first dates have no year: the first explicit date
        # that follows is the reference (a narrative tells its story in order)
        self.first_ref: Optional[date] = None
        self.first_ref_year_only = False

    def look_ahead(self, limit: int, title: Optional[str] = None, path: Optional[str] = None) -> None:
        """The reference of an undated text's first year-less dates (``first_ref``):
        its first explicit date ("On 10 October 2017", "In March 2016"), unless a
        year naming the subject comes first ("The 2016 Khanasir offensive was ...",
        "the battle (2017)"); else its first year ("In 2016, ...", not "since
        2012"); else a year in its title ("East Aleppo offensive (2017)"); else a
        year in its file name ("2017_mayadin_offensive.md"). A year alone: every
        year-less date before the story's first explicit year takes that year."""
        year_only: Optional[int] = None
        named = _NAMING_YEAR.search(self.text, 0, limit)
        for m in _TIME_RE.finditer(self.text, 0, limit):
            if named is not None and named.start() < m.start():
                break
            kind = m.lastgroup or ""
            g = lambda name: m.group(f"{kind}__{name}")  # noqa: E731
            if kind in ("dmy", "mdy", "iso"):
                month = int(g("mnum")) if kind == "iso" else _mon(g("mon"))
                d = _safe_date(int(g("year")), month, _day(g("day")))
            elif kind in ("range_dm", "range_md", "range_dmdm", "range_mdmd") and g("year"):
                d = _safe_date(int(g("year")), _mon(g("mon")), _day(g("d2")))
            elif kind == "my":
                y, month = int(g("year")), _mon(g("mon"))
                d = _safe_date(y, month, calendar.monthrange(y, month)[1])
            else:
                if kind == "year" and year_only is None and \
                        re.sub(r"\s+", " ", (g("lead") or "").lower()) not in _YEAR_BACKGROUND_LEADS:
                    year_only = int(g("year"))
                continue
            if d is not None:
                self.first_ref = d
                return
        if named is not None and year_only is None:
            year_only = int(named.group("y"))
        if year_only is None:
            for name in (title, path.replace("\\", "/").rsplit("/", 1)[-1] if path else None):
                y = _HEAD_YEAR.search(name.replace("_", " ")) if name else None
                if y is not None:
                    year_only = int(y.group(0))
                    break
        if year_only is not None:
            self.first_ref, self.first_ref_year_only = date(year_only, 12, 31), True

    # -- helpers
    def _clause_bounds(self, pos: int) -> tuple[int, int]:
        s = self.layout.sentence_at(pos)
        if s is None:
            return self.layout.sentence_bounds(pos)
        for c in self.layout.clauses_of(s):
            if c.start <= pos < c.end:
                return c.start, c.end
        return s.start, s.end

    def _perfect(self, pos: int) -> bool:
        """The clause of ``pos`` is in the past perfect ("had retaken"): background."""
        c0, c1 = self._clause_bounds(pos)
        return bool(_PAST_PERFECT.search(self.text, c0, c1))

    def _future_before(self, pos: int) -> bool:
        s0, _ = self.layout.sentence_bounds(pos)
        return bool(_FUTURE.search(self.text, max(s0, pos - 80), pos))

    def _initial(self, pos: int) -> bool:
        """``pos`` opens its sentence or sits in a heading line."""
        h = self.layout.heading_before(pos)
        if h is not None and h.start <= pos < h.end:
            return True
        s0, _ = self.layout.sentence_bounds(pos)
        return not self.text[s0:pos].strip(" \t\"“‘'(*_")

    def _present(self) -> None:
        """A deictic expression ("on Monday", "last week") brings a dated text back
        to its publication date; an undated text has no present, its story goes on."""
        if self.pub is not None:
            self.story = None
            self.local = None

    def _set_anchor(self, y: int, m: Optional[int], d: Optional[int], pos: int) -> None:
        """An explicit date (year written): the story's period, unless it is a
        past-perfect flashback before the story's current position."""
        self.local = None
        st = self.story
        if st is not None and (y, m or 0, d or 0) < (st[0], st[1] or 0, st[2] or 0) and self._perfect(pos):
            return
        self.story = (y, m, d)
        # news: an old year in passing ("the uprising that began in March 2011")
        # is background; it dates later year-less expressions only when recent
        # or when it opens its sentence ("In March 2011, ...")
        self.story_ok = self.pub is None or y >= self.pub.year - 1 or self._initial(pos)

    def _set_year(self, y: int, lead: str, pos: int) -> None:
        """A year-only expression ("in 2015", "== 2016 =="): a heading's year is
        the story's year; in an undated text so is a year opening a sentence (or
        any year when there is no story yet); otherwise, in a dated text, a
        paragraph-local anchor; "since 2014" is background and anchors nothing."""
        if lead in _YEAR_BACKGROUND_LEADS:
            return
        h = self.layout.heading_before(pos)
        in_heading = h is not None and h.start <= pos < h.end
        if in_heading or (self.pub is None and (self.story is None or self._initial(pos))):
            if self.story is None or self.story[0] != y:
                self.story = (y, None, None)
            self.local = None
        elif self.pub is not None:
            # a year in passing ("... attacks in 2015. In late July, ...") holds
            # for its own sentence; one opening its sentence ("In 2014, IS grew.
            # In June, it took Mosul.") also for a date opening the next one
            end = self.layout.sentence_bounds(pos)[1]
            nxt = -1
            if self._initial(pos) and end < len(self.text):
                nxt = self.layout.sentence_bounds(end + 1)[1]
            self.local = (y, end, nxt)

    def _advance(self, y: int, m: int, d: Optional[int]) -> None:
        """Move the story to a year-less date resolved from it (never backwards)."""
        st = self.story
        if st is None or y > st[0] or (y == st[0] and (m, d or 0) > (st[1] or 0, st[2] or 0)):
            self.story = (y, m, d)

    def _year_for(self, month: int, day: Optional[int], pos: int) -> tuple[Optional[int], bool]:
        """Year of a year-less (day-)month; (year, from_story)."""
        if self.local is not None:
            if pos < self.local[1] or (pos < self.local[2] and self._initial(pos)):
                return self.local[0], False
            if pos >= max(self.local[1], self.local[2]):
                self.local = None
        st = self.story if self.story_ok else None
        if st is not None:
            y, sm, sd = st
            if sm is not None:
                if month < sm and sm - month >= _CROSS_MONTHS and not self._perfect(pos):
                    y += 1        # the story crosses into the next year
                elif month > sm and month - sm >= _CROSS_MONTHS and self._perfect(pos):
                    y -= 1        # past-perfect background from the previous year
            cand = _safe_date(y, month, day or 1) or _safe_date(y, month, 28)
            if self.pub is None or (cand is not None and cand <= self.pub):
                return y, True
        if self.pub is None and self.first_ref is not None:
            # before the story's first explicit date: the year that puts this
            # date at most _LEAD_SLACK months after it (an introduction may
            # summarise a little ahead) and otherwise before it
            r = self.first_ref
            if self.first_ref_year_only:
                return r.year, True
            ahead = (month - r.month) % 12
            y = r.year + (1 if month < r.month and ahead <= _LEAD_SLACK else 0) \
                - (1 if month > r.month and ahead > _LEAD_SLACK else 0)
            return y, True
        if self.pub is not None:
            p = self.pub
            y = p.year if (month, day or 1) <= (p.month, p.day) else p.year - 1
            return y, False
        return None, False

    # -- main
    def resolve(self, m: re.Match[str]) -> Optional[TimeSpan]:
        kind = m.lastgroup
        assert kind is not None
        g = lambda name: m.group(f"{kind}__{name}")  # noqa: E731
        text = m.group(0)
        pos = m.start()
        pub = self.pub
        unknown = TimeSpan(None, None, "unknown", text)

        if kind in ("dmy", "mdy", "iso"):
            month = int(g("mnum")) if kind == "iso" else _mon(g("mon"))
            d = _safe_date(int(g("year")), month, _day(g("day")))
            if d is None:
                return None
            self._set_anchor(d.year, d.month, d.day, pos)
            self.last_day = d
            self.last_first = d
            return TimeSpan(None, d, "day", text) if g("by") else _day_span(d, text)

        if kind in ("range_dm", "range_md", "range_dmdm", "range_mdmd"):
            month, d1, d2 = _mon(g("mon")), _day(g("d1")), _day(g("d2"))
            month1 = _mon(g("mon1")) if kind in ("range_dmdm", "range_mdmd") else month
            if (month1, d1) > (month, d2) and month1 == month:
                return None
            if g("year"):
                y: Optional[int] = int(g("year"))
                narrative = True
            else:
                y, narrative = self._year_for(month, d2, pos)
            if y is None:
                return unknown
            # "from 28 December to 3 January": the start is in the year before
            a = _safe_date(y if month1 <= month else y - 1, month1, d1)
            b = _safe_date(y, month, d2)
            if a is None or b is None or a > b:
                return None
            if g("year"):
                self._set_anchor(y, month, d2, pos)
            elif narrative:
                self._advance(y, month, d2)
            self.last_day = b
            self.last_first = a
            return TimeSpan(a, b, "day", text)

        if kind in ("dm", "md"):
            month, day = _mon(g("mon")), _day(g("day"))
            y, narrative = self._year_for(month, day, pos)
            if y is None:
                return unknown
            d = _safe_date(y, month, day)
            back = 0
            while d is None and back < 4:  # 29 February: go back to a leap year
                back += 1
                d = _safe_date(y - back, month, day)
            if d is None:
                return None
            if narrative and d.year == y:
                self._advance(y, month, day)
            self.last_day = d
            self.last_first = d
            return TimeSpan(None, d, "day", text) if g("by") else _day_span(d, text)

        if kind == "my":
            y, month = int(g("year")), _mon(g("mon"))
            self._set_anchor(y, month, None, pos)
            return month_span(y, month, text)

        if kind == "m_only":
            month = _mon(g("mon"))
            y, narrative = self._year_for(month, None, pos)
            if y is None:
                return unknown
            if narrative:
                self._advance(y, month, None)
            return month_span(y, month, text)

        if kind == "m_rel":
            self._present()
            if pub is None:
                return unknown
            off = {"last": -1, "this": 0, "next": 1}[g("rel").lower()]
            return month_span(pub.year + off, _mon(g("mon")), text)

        if kind == "rel_m":
            self._present()
            if pub is None:
                return unknown
            month, rel = _mon(g("mon")), re.sub(r"\s+", " ", g("rel").lower())
            if rel == "next":
                y = pub.year if month > pub.month else pub.year + 1
            elif rel == "this":
                y = pub.year
            else:  # last / past / this past: strictly before the publication month
                y = pub.year if month < pub.month else pub.year - 1
            return month_span(y, month, text)

        if kind == "ylabel":
            y = int(g("year"))
            self._set_anchor(y, None, None, pos)
            self.story_ok = True
            return TimeSpan(date(y, 1, 1), date(y, 12, 31), "year", text)

        if kind == "year":
            y = int(g("year"))
            lead = re.sub(r"\s+", " ", (g("lead") or "").lower())
            self._set_year(y, lead, pos)
            start: Optional[date] = date(y, 1, 1)
            if lead in ("by", "until", "till"):
                start = None
            return TimeSpan(start, date(y, 12, 31), "year", text)

        if kind == "weekday":
            self._present()
            if pub is None:
                return unknown
            wd = _WEEKDAY_NUM[g("wd")[:3].lower()]
            lead = re.sub(r"\s+", " ", (g("lead") or "").lower())
            if lead in ("last", "this past"):
                delta = (pub.weekday() - wd) % 7 or 7
                d = pub - timedelta(days=delta)
            elif lead == "next" or (lead in ("", "on") and not g("poss") and self._future_before(pos)):
                delta = (wd - pub.weekday()) % 7
                if lead == "next" and delta == 0:
                    delta = 7
                d = pub + timedelta(days=delta)
            else:
                d = pub - timedelta(days=(pub.weekday() - wd) % 7)
            self.last_day = d
            self.last_first = d
            return TimeSpan(None, d, "day", text) if lead in ("by", "until") else _day_span(d, text)

        if kind == "deictic":
            self._present()
            if pub is None:
                return unknown
            back = 2 if g("dby") else 1 if g("yest") else 0
            d = pub - timedelta(days=back)
            self.last_day = d
            self.last_first = d
            return _day_span(d, text)

        if kind == "relday":
            if self.last_day is None:
                return unknown
            later = (g("later") or "").lower()
            if g("next") or later == "later":
                n = 1
            elif g("same") or g("same2") or not (g("prev") or g("before") or later or g("n")):
                n = 0       # "the same day", "later that day", "at the same time"
            elif g("prev") or g("before") or later == "earlier":
                n = -1
            else:
                n = _num(g("n")) * (1 if g("dir").lower() in ("later", "after") else -1)
            if n == 0 and self.last_first is not None and self.last_first < self.last_day:
                # "at the same time" as "between 25 and 27 May": that range
                return TimeSpan(self.last_first, self.last_day, "day", text)
            d = self.last_day + timedelta(days=n)
            if n >= 0:      # "the previous day" looks back: the story's day stays
                self.last_day = d
                self.last_first = d
            if self.story is not None:
                self._advance(d.year, d.month, d.day)
            return _day_span(d, text)

        if kind == "weekend":
            self._present()
            if pub is None:
                return unknown
            ref = pub - timedelta(days=1)
            sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
            return TimeSpan(sat, min(sat + timedelta(days=1), pub), "week", text)

        if kind == "rel_week":
            self._present()
            if pub is None:
                return unknown
            rel = re.sub(r"\s+", " ", g("rel").lower())
            monday = pub - timedelta(days=pub.weekday())
            if rel == "earlier this":
                return TimeSpan(monday, max(monday, pub - timedelta(days=1)), "week", text)
            if rel in ("this", "later this"):
                end = monday + timedelta(days=6) if rel == "later this" else pub
                return TimeSpan(monday if rel == "this" else pub, end, "week", text)
            if rel == "next":
                return TimeSpan(monday + timedelta(days=7), monday + timedelta(days=13), "week", text)
            if rel in ("the past", "past"):
                return TimeSpan(pub - timedelta(days=7), pub, "week", text)
            return TimeSpan(monday - timedelta(days=7), monday - timedelta(days=1), "week", text)

        if kind == "rel_month":
            self._present()
            if pub is None:
                return unknown
            rel = re.sub(r"\s+", " ", (g("rel") or "").lower())
            first = pub.replace(day=1)
            if g("begin") or rel in ("this", "earlier this"):
                return TimeSpan(first, pub, "month", text)
            if rel == "later this":
                return month_span(pub.year, pub.month, text)
            if rel == "next":
                nxt = first + timedelta(days=32)
                return month_span(nxt.year, nxt.month, text)
            if rel in ("the past", "past"):
                return TimeSpan(pub - timedelta(days=30), pub, "month", text)
            prev = first - timedelta(days=1)
            return month_span(prev.year, prev.month, text)

        if kind == "rel_year":
            self._present()
            if pub is None:
                return unknown
            if g("ago"):
                return month_span(pub.year - 1, pub.month, text)
            rel = re.sub(r"\s+", " ", g("rel").lower())
            if rel in ("this", "earlier this"):
                return TimeSpan(date(pub.year, 1, 1), pub, "year", text)
            if rel == "later this":
                return TimeSpan(pub, date(pub.year, 12, 31), "year", text)
            if rel == "next":
                return TimeSpan(date(pub.year + 1, 1, 1), date(pub.year + 1, 12, 31), "year", text)
            if rel in ("the past", "past"):
                return TimeSpan(pub - timedelta(days=365), pub, "year", text)
            return TimeSpan(date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year", text)

        if kind == "ago":
            self._present()
            if pub is None:
                return unknown
            n, unit = _num(g("n")), g("unit").lower()
            if unit == "day":
                d = pub - timedelta(days=n)
                self.last_day = d
                self.last_first = d
                return _day_span(d, text)
            if unit == "week":
                c = pub - timedelta(days=7 * n)
                return TimeSpan(c - timedelta(days=3), c + timedelta(days=3), "week", text)
            if unit == "month":
                y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
                return month_span(y, mo + 1, text)
            return TimeSpan(date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year", text)

        if kind == "recent":
            self._present()
            if pub is None:
                return unknown
            if "hour" in text.lower():
                return TimeSpan(pub - timedelta(days=1), pub, "day", text)
            return TimeSpan(pub - timedelta(days=6), pub, "week", text)

        if kind == "coming":
            if pub is None or g("w").lower() in ("following", "subsequent"):
                # narrated: "over the following days" = the few days after the last date
                if self.last_day is None:
                    return unknown
                d = self.last_day
                return TimeSpan(d + timedelta(days=1), d + timedelta(days=3), "week", text)
            return TimeSpan(pub + timedelta(days=1), pub + timedelta(days=7), "week", text)

        if kind == "relweek":
            if self.last_day is None:
                return unknown
            n = 1 if not g("n") else _num(g("n"))
            if not g("n"):   # "the following week": the seven days after the last date
                return TimeSpan(self.last_day + timedelta(days=1), self.last_day + timedelta(days=7), "week", text)
            c = self.last_day + timedelta(days=7 * n)
            return TimeSpan(c - timedelta(days=3), c + timedelta(days=3), "week", text)

        return None  # pragma: no cover - every alternative is handled above


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) offsets of the sentence around ``pos``, split as resolve_times
    splits (the :class:`~mapper.extract.layout.Layout` of ``text``).

    >>> sentence_bounds("One. Two here.", 6)
    (5, 14)
    """
    return build_layout(text).sentence_bounds(pos)


def _skip_ranges(article: Article) -> list[tuple[int, int]]:
    from mapper.read.cleaning import boilerplate_spans

    return boilerplate_spans(article.text)


def resolve_times(article: Article, layout: Optional[Layout] = None) -> list[TimeMention]:
    """Every time expression in the article body, resolved (see module docstring).

    Offsets index into ``article.text``; text past ``article.body_end`` (web
    debris) and boilerplate lines (photo captions of file photos, "2 min read")
    yield nothing. Mentions come in text order.

    >>> from mapper.model import Article
    >>> a = Article(id="x", text="In May, IS took the city.", published=None)
    >>> [(t.text, t.span.precision) for t in resolve_times(a)]
    [('In May', 'unknown')]
    """
    text = article.text
    limit = len(text) if article.body_end is None else article.body_end
    skips = _skip_ranges(article)
    skip_starts = [s for s, _ in skips]
    lay = layout if layout is not None else Layout.of(article)
    res = _Resolver(article, lay)
    if article.published is None:
        res.look_ahead(limit, article.title, article.path)
    out: list[TimeMention] = []
    heads = [h for h in lay.headings if h.start < limit]
    hi = 0

    def section_end(h) -> int:
        """Where the section of heading ``h`` ends: the next heading of the same or a higher level."""
        for nxt in heads[heads.index(h) + 1:]:
            if nxt.level <= h.level:
                return nxt.start
        return limit

    def heading_year(h) -> None:
        """A bare year in a heading ("== 2016 ==", "### Late 2016") is the section's year."""
        if _TIME_RE.search(text, h.start, h.end):
            return      # "=== January 2017 ===": the main loop resolves it
        y = _HEAD_YEAR.search(text, h.start, h.end)
        if y is None:
            return
        year = int(y.group(0))
        res._set_year(year, "", h.start)
        span = TimeSpan(date(year, 1, 1), date(year, 12, 31), "year", y.group(0))
        out.append(TimeMention(y.start(), y.end(), y.group(0), span, h.start, h.end, h.start, h.end,
                               False, section_end(h)))

    for m in _TIME_RE.finditer(text, 0, limit):
        while hi < len(heads) and heads[hi].start <= m.start():
            heading_year(heads[hi])
            hi += 1
        i = bisect.bisect_right(skip_starts, m.start()) - 1
        if i >= 0 and skips[i][0] <= m.start() < skips[i][1]:
            continue
        try:
            span = res.resolve(m)
        except (ValueError, OverflowError):
            # a reference date at the ends of the calendar (years 1 / 9999): the
            # expression is kept, unresolved, never a crash
            span = TimeSpan(None, None, "unknown", m.group(0))
        if span is None:
            continue
        s0, s1 = lay.sentence_bounds(m.start())
        c0, c1 = lay.phrase(m.start(), m.end(), s0, s1)
        lead = text[s0:m.start()].strip(" \t\"“‘'(")
        initial = not lead
        fronted = initial or bool(_FRONT_LEAD.fullmatch(text, c0, m.start()))
        if initial:  # sentence-initial "In March," governs the whole sentence
            c0, c1 = s0, s1
        reporting = bool(_REPORTING.search(text, c0, c1))
        sent = lay.sentence_at(m.start()) if _RELATIVE_RE.search(text, s0, m.start()) else None
        clead = next((c.lead.lower() for c in lay.clauses_of(sent) if c.start <= m.start() < c.end), "") \
            if sent is not None else ""
        relative, later_clause = clead in _RELATIVE_LEADS, clead in _LATER_LEADS
        opener = -1
        for o in _OPENER_RE.finditer(text, s0, m.start()):
            opener = o.start()
        h = heads[hi - 1] if hi else None
        if h is not None and h.start <= m.start() < h.end:
            carry = section_end(h)      # a heading's time is the time of its section
        elif span.precision in ("day", "week"):
            carry = lay.paragraph_end(lay.paragraph_index(m.start()) + 1)
        elif initial and article.published is None and span.precision == "month":
            # a narrative's "During May 2015, ..." dates the rest of its paragraph
            carry = lay.paragraph_end(lay.paragraph_index(m.start()))
        else:
            carry = m.end()
        out.append(TimeMention(m.start(), m.end(), m.group(0), span, c0, c1, s0, s1, reporting, carry, initial,
                               relative, fronted, later_clause, opener))
    while hi < len(heads):
        heading_year(heads[hi])
        hi += 1
    out.sort(key=lambda t: t.start)
    return out


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

    ``times`` must be in text order (as :func:`resolve_times` returns them):
    the sentence's mentions are found by bisection, so a long article with
    thousands of events and times stays near-linear.

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

    def dist(t: TimeMention) -> int:
        if t.end <= a0:
            return a0 - t.end
        if t.start >= a1:
            return t.start - a1
        return 0

    lo = bisect.bisect_left(times, sentence_start, key=lambda t: t.start)
    hi = bisect.bisect_right(times, sentence_end, key=lambda t: t.start)
    in_sentence = [t for t in times[lo:hi] if t.end <= sentence_end]
    if in_sentence:
        own = [t for t in in_sentence if t.clause_start < a1 and t.clause_end > a0]
        if own:
            # a mention in the span's own phrase beats a sentence-initial one
            narrow = [t for t in own if not t.initial]
            if anchor is not None:
                # with an anchor, only the clause's own mentions ("entered X after
                # advancing on Wednesday": Wednesday is the after-clause's)
                narrow = [t for t in narrow if start <= t.start < end]
            if anchor is not None and narrow:
                inside = [t for t in narrow if dist(t) == 0]
                trailing = [t for t in narrow if t.start >= a1 and not t.fronted and t.opener_before < a1]
                fronted = [t for t in narrow if t.end <= a0 and t.fronted]
                if inside or trailing or fronted:
                    # inside the event's words; else the first trailing one after
                    # them ("took X on 5 June"); else the last fronted one before
                    # them ("and on 16 November the SDF took X")
                    return (inside or trailing[:1] or fronted[-1:])[0].span
            if narrow or anchor is None:
                return min(narrow or own, key=dist).span
        if anchor is not None:
            before = [t for t in in_sentence if t.end <= a0 and (t.start >= start or t.initial)]
            if before:
                return before[-1].span
            after = [t for t in in_sentence if t.start >= a1 and t.end <= end]
            if after:
                return after[0].span
        reporting = [t for t in in_sentence if t.reporting]
        if reporting:
            return min(reporting, key=dist).span
        near = [t for t in in_sentence if t.span.precision in ("day", "week")
                and not t.relative and not t.later_clause] \
            if published is None else []
        if near:
            return min(near, key=dist).span
    # the last earlier mention that carries over (all start before the sentence: times[:lo])
    for t in reversed(times[:lo]):
        if t.end <= sentence_start and t.carry_end > sentence_start:
            sp = t.span
            if sp.start is None and sp.end is not None and sp.precision == "day":
                # after "By 20 October, ..." the story goes on at 20 October
                return TimeSpan(sp.end, sp.end, "day", sp.text)
            return sp
    if published is not None:
        return TimeSpan(published, published, "day", "published")
    return UNKNOWN_TIME


# --------------------------------------------------------------------------- precision codes

def acled_time_precision(precision: Union[str, TimeSpan]) -> int:
    """ACLED ``time_precision`` for a precision name or a TimeSpan.

    1 = the exact day; 2 = within a week / a few days (the day is approximate);
    3 = only the month (or coarser; ACLED would not code coarser events, so the
    exporter should flag year/unknown). An open-start span ("By November 23")
    gives 3 since its day is a bound, not the day of the event.

    >>> acled_time_precision("day"), acled_time_precision("week"), acled_time_precision("month")
    (1, 2, 3)
    """
    if isinstance(precision, TimeSpan):
        if precision.start is None or precision.end is None:
            return 3
        if precision.precision == "day" and precision.start != precision.end:
            return 2 if (precision.end - precision.start).days <= 6 else 3
        precision = precision.precision
    return {"day": 1, "week": 2}.get(precision, 3)


def ucdp_date_prec(span: TimeSpan) -> int:
    """UCDP GED ``date_prec`` (1-5) of a TimeSpan.

    1 = exact day; 2 = known within a 2-6 day range; 3 = only the week known;
    4 = within 8-30 days or only the month known; 5 = a range over a month,
    only the year known, or unknown / open-ended.

    >>> from datetime import date
    >>> ucdp_date_prec(TimeSpan(date(2016, 12, 8), date(2016, 12, 11), "day"))
    2
    """
    if span.start is None or span.end is None or span.precision == "unknown":
        return 5
    days = (span.end - span.start).days + 1
    if span.precision == "year" or days > 31:
        return 5
    if span.precision == "month" or days > 7:
        return 4
    if days == 7 or (span.precision == "week" and days >= 7):
        return 3
    if days >= 2:
        return 2
    return 3 if span.precision == "week" else 1
