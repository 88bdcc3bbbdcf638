"""The grammar of time expressions: lexicon, the compiled matcher and small parsers.

One compiled alternation (:data:`TIME_RE`) finds every time expression of a
text in one pass; ``m.lastgroup`` names the *kind* of expression matched
(``dmy`` "24 November 2015", ``range_dm`` "8-11 December", ``weekday`` "on
Monday", ``relday`` "the next day", ...) and :func:`group_of` reads its named
parts. What an expression *means* is decided elsewhere
(:mod:`mapper.extract.dates.resolver`); this module only recognises.

Month names are capitalised only ("may" is a verb); weekdays may be
abbreviated in datelines ("Wed 05 Apr 2017"); years are 1950-2049.

    >>> m = TIME_RE.search("IS took the town on 5 June 2016.")
    >>> m.lastgroup, group_of(m, "day"), group_of(m, "mon"), group_of(m, "year")
    ('dmy', '5', 'June', '2016')
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

from mapper.model import TimeSpan

# --------------------------------------------------------------------------- lexicon

MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAY_NUM = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WORD_NUM = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": 3, "few": 3, "couple of": 2,
}

# Month names: full or abbreviated ("Nov.", "Sept"); capitalised only ("may" is a verb).
MON = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
        r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
        r"(?![a-z])")
MONFULL = (r"(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)(?![a-z])")
_WD_BARE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WD = _WD_BARE + r"(?![a-z])"
WDABBR = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?|" + WD + ")"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?:19[5-9]\d|20[0-4]\d)(?![\d:])"
NUMW = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple\s+of)"
LEAD = r"(?i:in|on|during|since|by|until|till|throughout|from|at|of|as\s+of)"
QUAL = r"(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|end\s+of|beginning\s+of)"
BY = r"(?:(?P<by>(?i:by|until|till|as\s+of))\s+)?"

#: an apostrophe-less possessive "s" ("Tuesdays attack", "yesterdays strikes": texts
#: stripped of apostrophes): followed by a lower-case noun, not a habitual plural
#: ("on Tuesdays and Fridays", "Tuesdays, the market ...")
_POSS_NOUN = (r"(?=\s+(?!(?:and|or|but|nor|in|on|at|to|of|for|with|from|by|the|a|an|is|are|was|were|when|while|"
              r"until|through|between|as|after|before|since|during|if|so|then)\b)[a-z])")

#: ordinals of a counted day ("the fifth day of ...")
ORDINAL = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
           r"(?:[1-9]|[1-9]\d)(?:st|nd|rd|th)")
ORDINAL_NUM = {w: i for i, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                           "eighth", "ninth", "tenth", "eleventh", "twelfth"), start=1)}
#: periods whose days a report counts ("the third day of the offensive")
PERIOD_NOUN = (r"offensive|incursion|operation|assault|attack|battle|siege|campaign|ceasefire|truce|clashes|"
               r"fighting|war|push|advance|evacuation|raids|strikes|shelling|bombardment|protests|uprising")

# (kind, pattern) in priority order: longer forms first. Group names are made
# unique per alternative by _build().
ALTERNATIVES: list[tuple[str, str]] = [
    ("range_dmdm", r"(?:(?i:from|between|on|by|until)\s+)?(?:the\s+)?(?P<d1>" + DAY + r")\s+(?:of\s+)?(?P<mon1>" + MON
     + r")\s*(?:-|–|(?i:to|and|until))\s*(?P<d2>" + DAY + r")\s+(?:of\s+)?(?P<mon>" + MON
     + r")(?:,?\s+(?P<year>" + YEAR + "))?"),
    ("range_mdmd", r"(?:(?i:from|between|on|by|until)\s+)?(?P<mon1>" + MON + r")\s+(?P<d1>" + DAY
     + r")\s*(?:-|–|(?i:to|and|until))\s*(?P<mon>" + MON + r")\s+(?P<d2>" + DAY
     + r")(?:,?\s+(?P<year>" + YEAR + "))?"),
    ("range_dm", r"(?:(?i:from|between|on|by|until)\s+)?(?P<d1>" + DAY + r")\s*(?:-|–|(?i:to|and|until))\s*(?P<d2>"
     + DAY + r")\s+(?:of\s+)?(?P<mon>" + MON + r")(?:,?\s+(?P<year>" + YEAR + "))?"),
    ("range_md", r"(?:(?i:from|between|on|by|until)\s+)?(?P<mon>" + MON + r")\s+(?P<d1>" + DAY
     + r")\s*(?:-|–|(?i:to|and|until))\s*(?P<d2>" + DAY + r")(?:,?\s+(?P<year>" + YEAR + "))?"),
    ("dmy", BY + r"(?:(?i:on)\s+)?(?:" + WDABBR + r",?\s+)?(?:the\s+)?(?P<day>" + DAY
     + r")\s+(?:of\s+)?(?P<mon>" + MON + r"),?\s+(?P<year>" + YEAR + ")"),
    ("mdy", BY + r"(?:(?i:on)\s+)?(?:" + WDABBR + r",?\s+)?(?P<mon>" + MON + r")\s+(?P<day>"
     + DAY + r"),?\s+(?P<year>" + YEAR + ")"),
    ("iso", BY + r"(?:(?i:on)\s+)?(?P<year>" + YEAR + r")-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"),
    ("my", r"(?:" + LEAD + r"\s+)?(?:(?P<qual>" + QUAL + r")[\s-]+)?(?P<mon>" + MONFULL
     + r"),?\s+(?P<year>" + YEAR + ")"),
    ("dm", BY + r"(?:(?i:on|since|from)\s+)?(?:" + WD + r",?\s+)?(?:the\s+)?(?P<day>" + DAY
     + r")\s+(?:of\s+)?(?P<mon>" + MON + ")"),
    ("md", BY + r"(?:(?i:on|since|from)\s+)?(?:" + WD + r",?\s+)?(?P<mon>" + MON + r")\s+(?P<day>"
     + DAY + r")(?!\s*[-–]\s*\d)"),
    ("m_rel", r"(?:(?i:in|during|since|by|until)\s+)?(?:(?P<qual>" + QUAL + r")[\s-]+)?(?P<mon>"
     + MONFULL + r")\s+(?P<rel>(?i:last|this|next))\s+year"),
    ("rel_m", r"(?P<rel>(?i:last|this\s+past|this|next|past))\s+(?P<mon>" + MONFULL + ")"),
    ("m_only", r"(?:" + LEAD + r"\s+(?:(?P<qual>" + QUAL + r")[\s-]+)?|(?P<qual2>" + QUAL + r")[\s-]+)(?P<mon>"
     + MONFULL + r")(?![\s,]*\d)"),
    # a timeline label: "* 2011: - In June ...", a line "2016:"
    ("ylabel", r"(?:(?<=[*•]\s)|(?<=\n)|(?<=\A))(?P<year>19[5-9]\d|20[0-4]\d)(?=\s*:\s)"),
    ("year", r"(?:(?P<lead>" + LEAD + r")\s+(?:(?P<qual>" + QUAL + r")[\s-]+)?|(?P<qual2>" + QUAL + r")[\s-]+)(?P<year>"
     + YEAR + r")(?!-\d)"),
    ("rel_year", r"(?i:(?P<rel>last|this|next|past|earlier\s+this|later\s+this|the\s+previous|the\s+past)\s+year"
     r"|(?P<ago>a\s+year\s+ago))(?![\w-])"),
    ("rel_month", r"(?i:(?P<rel>last|this|next|earlier\s+this|later\s+this|the\s+previous|the\s+past|past)\s+month"
     r"|(?:at\s+)?the\s+(?P<begin>beginning|start)\s+of\s+the\s+month)(?![\w-])"),
    ("rel_week", r"(?i:(?P<rel>last|this|next|earlier\s+this|later\s+this|the\s+previous|the\s+past|past)\s+week)(?![\w-])"),
    ("weekend", r"(?i:(?:over|during|at|on|this\s+past|this|last|past)\s+(?:the\s+)?weekend)(?![\w-])"),
    ("ago", r"(?i:(?P<n>" + NUMW + r")\s+(?P<unit>day|week|month|year)s?\s+ago)(?![\w-])"),
    ("recent", r"(?i:(?:in|over|during)\s+(?:the\s+)?(?:(?:last|past)\s+(?:few|couple\s+of|several|two|three|\d)"
     r"\s+days|recent\s+days|(?:last|past)\s+(?:24|48)\s+hours))(?![\w-])"),
    ("coming", r"(?i:(?:in|over|during)\s+the\s+(?P<w>coming|next|following|subsequent)\s+"
     r"(?:few\s+|several\s+|couple\s+of\s+)?days)(?![\w-])"),
    ("relweek", r"(?i:the\s+(?:next|following)\s+week|(?P<n>a|one|two|three|four|\d)\s+weeks?\s+later)(?![\w-])"),
    # "(on Sunday,) the fifth day of the offensive": a day counted within a named period
    ("nth_day", r"(?:(?i:on|in)\s+)?(?i:the)\s+(?P<ord>(?i:" + ORDINAL + r"))\s+(?i:day)\s+(?i:of)\s+"
     r"(?:(?i:the|an?|its|their|this|that)\s+)?(?:[A-Za-z-]+\s+){0,2}?(?P<noun>(?i:" + PERIOD_NOUN + r"))(?![\w-])"),
    # "A, two days after B": in news B is that many days before A (the reported day)
    ("gap_after", r"(?:(?P<n>" + NUMW + r")\s+(?P<unit>(?i:day|week))s?|(?P<the>(?i:the))\s+day|(?P<few>(?i:days|weeks)))"
     r"\s+(?P<after>(?i:after))(?!\s+(?i:tomorrow|that|this|the\s+next|the\s+following)\b)"),
    ("relday", r"(?i:the\s+(?P<next>next|following)\s+(?:day|morning|afternoon|evening|night)"
     r"|(?:later\s+|earlier\s+)?(?:on\s+|during\s+)?(?:the\s+(?P<same>same)|that)\s+(?:day|morning|afternoon|evening|night)"
     r"|(?:at|around|about)\s+the\s+(?P<same2>same)\s+time"
     r"|the\s+(?P<prev>previous)\s+(?:day|night|evening)"
     r"|the\s+(?P<before>day\s+before)(?!\s+yesterday)|a\s+day\s+(?P<later>later|earlier)"
     r"|(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+(?P<dir>later|earlier|before|after))(?![\w-])"),
    ("deictic", r"(?i:(?P<dby>the\s+day\s+before\s+yesterday)|(?P<yest>yesterday(?:s" + _POSS_NOUN + r")?|last\s+night)"
     r"|(?P<today>today(?:s" + _POSS_NOUN + r")?|tonight))(?![\w-])"),
    ("weekday", r"(?:(?P<lead>(?i:on|last|this\s+past|this|next|early|late|since|by|until))\s+)?(?P<wd>"
     + _WD_BARE + r")(?P<poss>['’]s|s" + _POSS_NOUN + r")?(?![a-z])(?:\s+(?i:morning|afternoon|evening|night))?"),
]


#: the words a time expression may start with (besides digits, month and weekday names)
FIRST_WORDS = ("in on during since by until till throughout from at of as early late mid the end beginning between "
               "last this next past earlier later over a an one that around about two three four five six seven "
               "eight nine ten eleven twelve several few couple yesterday yesterdays today todays tonight days "
               "weeks").split()


def trie_pattern(words: list[str]) -> str:
    """One regex alternation for ``words`` factored by common prefixes (a trie):
    the matcher tests one first letter instead of every word in turn.

    >>> trie_pattern(["in", "into", "on"])
    '(?:in(?:to)?|on)'
    """
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(trie)


FIRST_WORD = (
    r"(?=\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"|(?i:" + trie_pattern(FIRST_WORDS) + r")(?![a-z]))")


def _build() -> re.Pattern[str]:
    """One compiled alternation of every kind; group names are prefixed ``<kind>__``."""
    parts = []
    for kind, pat in ALTERNATIVES:
        pat = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{kind}__{m.group(1)}>", pat)
        parts.append(f"(?P<{kind}>{pat})")
    # the look-ahead on the first word lets the matcher skip most words at once
    return re.compile(r"(?<![\w-])" + FIRST_WORD + r"(?:" + "|".join(parts) + r")")


#: every time expression, one pass; ``m.lastgroup`` is the kind, ``group_of(m, name)`` its parts
TIME_RE = _build()


# --------------------------------------------------------------------------- helpers

def month_num(s: str) -> int:
    """1-12 of a month name or abbreviation ("Sept." -> 9)."""
    return MONTH_NUM[s[:3].lower()]


_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def day_num(s: str) -> int:
    """The day number of "5", "05", "21st"."""
    return int(_DIGITS.match(s).group(0))  # type: ignore[union-attr]


def month_span(year: int, month: int, text: str = "") -> TimeSpan:
    """The whole calendar month as a ``month``-precision span.

    >>> month_span(2016, 2).end
    datetime.date(2016, 2, 29)
    """
    return TimeSpan(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month", text)


def day_span(d: date, text: str) -> TimeSpan:
    """The single day ``d`` as a ``day``-precision span."""
    return TimeSpan(d, d, "day", text)


def safe_date(y: int, m: int, d: int) -> Optional[date]:
    """``date(y, m, d)``, or None when it is not a calendar date (30 February, year 0)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def count_num(s: str) -> int:
    """A small count written as digits or a word ("two", "a", "couple of"); unknown words = 3 ("several")."""
    s = _SPACES.sub(" ", s.lower())
    return int(s) if s.isdigit() else WORD_NUM.get(s, 3)


def group_of(m: re.Match[str], name: str) -> Optional[str]:
    """The part ``name`` ("day", "mon", "year", "lead", ...) of a :data:`TIME_RE` match.

    >>> group_of(TIME_RE.search("last Monday"), "lead")
    'last'
    """
    return m.group(f"{m.lastgroup}__{name}")


def norm_words(s: Optional[str]) -> str:
    """Lower case, runs of white space as one space ("this  Past" -> "this past").

    >>> norm_words("As  of")
    'as of'
    """
    return _SPACES.sub(" ", (s or "").lower())
