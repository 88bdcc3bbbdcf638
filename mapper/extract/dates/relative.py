"""Relative time expressions: against publication ("on Monday", "last week") or
against the previous day of the text ("the next day", "two days later").

Each function resolves one *kind* of :data:`~mapper.extract.dates.grammar.TIME_RE`
match; ``g(name)`` reads the match's parts, ``text`` is the matched text kept in
the span. Publication-relative kinds need ``pub`` (the resolver answers
``unknown`` for an undated article before calling them). Day-relative kinds
read and move a :class:`DayCursor`, the text's *story day*.

Rules (docs/TIME.md): a weekday is the most recent such day on or before
publication, the same day allowed ("on Monday" in a Monday article is that
Monday); "last Monday" is strictly before; "next Monday" and a "will ... on
Monday" clause the first on or after. "last week" is the previous Monday-Sunday,
"this week" Monday..publication, "over the weekend" the Saturday-Sunday before.

    >>> from datetime import date
    >>> g = {"wd": "Tuesday", "lead": "on", "poss": None}.get
    >>> weekday_span(g, "on Tuesday", date(2015, 2, 12), False, DayCursor()).start
    datetime.date(2015, 2, 10)
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

from mapper.extract.dates.grammar import WEEKDAY_NUM, count_num, day_span, month_span, norm_words
from mapper.model import TimeSpan

__all__ = ["DayCursor", "weekday_span", "deictic_span", "weekend_span", "rel_week_span", "rel_month_span",
           "rel_year_span", "ago_span", "recent_span", "coming_span", "relday_span", "relweek_span"]

Parts = Callable[[str], Optional[str]]


@dataclass
class DayCursor:
    """The story day: the previous day-precision date of the text (``last``) and
    the start of the last day range (``first``: "between 25 and 27 May")."""

    last: Optional[date] = None
    first: Optional[date] = None

    def move(self, d: date, first: Optional[date] = None) -> None:
        """The story day is now ``d`` (a range: ``first`` .. ``d``)."""
        self.last = d
        self.first = d if first is None else first


# --------------------------------------------------------------------------- publication-relative

def weekday_span(g: Parts, text: str, pub: date, future: bool, cursor: DayCursor) -> TimeSpan:
    """"on Monday", "last Monday", "next Monday", "Saturday's", "by Monday";
    ``future``: a "will ..." clause before it (the first on or after publication)."""
    wd = WEEKDAY_NUM[(g("wd") or "")[:3].lower()]
    lead = norm_words(g("lead"))
    if lead in ("last", "this past"):
        d = pub - timedelta(days=(pub.weekday() - wd) % 7 or 7)
    elif lead == "next" or (lead in ("", "on") and not g("poss") and future):
        delta = (wd - pub.weekday()) % 7
        if lead == "next" and delta == 0:
            delta = 7
        d = pub + timedelta(days=delta)
    else:
        d = pub - timedelta(days=(pub.weekday() - wd) % 7)
    cursor.move(d)
    return TimeSpan(None, d, "day", text) if lead in ("by", "until") else day_span(d, text)


def deictic_span(g: Parts, text: str, pub: date, cursor: DayCursor) -> TimeSpan:
    """"yesterday", "last night", "today", "the day before yesterday"."""
    back = 2 if g("dby") else 1 if g("yest") else 0
    d = pub - timedelta(days=back)
    cursor.move(d)
    return day_span(d, text)


def weekend_span(text: str, pub: date) -> TimeSpan:
    """"over the weekend": the Saturday-Sunday before publication (Sunday clipped to it)."""
    ref = pub - timedelta(days=1)
    sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
    return TimeSpan(sat, min(sat + timedelta(days=1), pub), "week", text)


def rel_week_span(g: Parts, text: str, pub: date) -> TimeSpan:
    """"last week" (previous Mon-Sun), "this week", "earlier this week", "next week", "the past week"."""
    rel = norm_words(g("rel"))
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


def rel_month_span(g: Parts, text: str, pub: date) -> TimeSpan:
    """"last month", "this month", "next month", "the past month", "the beginning of the month"."""
    rel = norm_words(g("rel"))
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


def rel_year_span(g: Parts, text: str, pub: date) -> TimeSpan:
    """"last year", "this year", "next year", "the past year", "a year ago"."""
    if g("ago"):
        return month_span(pub.year - 1, pub.month, text)
    rel = norm_words(g("rel"))
    if rel in ("this", "earlier this"):
        return TimeSpan(date(pub.year, 1, 1), pub, "year", text)
    if rel == "later this":
        return TimeSpan(pub, date(pub.year, 12, 31), "year", text)
    if rel == "next":
        return TimeSpan(date(pub.year + 1, 1, 1), date(pub.year + 1, 12, 31), "year", text)
    if rel in ("the past", "past"):
        return TimeSpan(pub - timedelta(days=365), pub, "year", text)
    return TimeSpan(date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year", text)


def ago_span(g: Parts, text: str, pub: date, cursor: DayCursor) -> TimeSpan:
    """"three days ago" (day), "two weeks ago" (+-3 days, week), "a month ago", "two years ago"."""
    n, unit = count_num(g("n") or ""), (g("unit") or "").lower()
    if unit == "day":
        d = pub - timedelta(days=n)
        cursor.move(d)
        return day_span(d, text)
    if unit == "week":
        c = pub - timedelta(days=7 * n)
        return TimeSpan(c - timedelta(days=3), c + timedelta(days=3), "week", text)
    if unit == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
        return month_span(y, mo + 1, text)
    return TimeSpan(date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year", text)


def recent_span(text: str, pub: date) -> TimeSpan:
    """"in recent days", "over the past few days" (publication - 6 .. publication), "in the last 24 hours"."""
    if "hour" in text.lower():
        return TimeSpan(pub - timedelta(days=1), pub, "day", text)
    return TimeSpan(pub - timedelta(days=6), pub, "week", text)


def coming_span(g: Parts, text: str, pub: Optional[date], cursor: DayCursor) -> TimeSpan:
    """"in the coming days" (the week after publication); narrated "over the
    following days" (the few days after the story day)."""
    if pub is None or (g("w") or "").lower() in ("following", "subsequent"):
        if cursor.last is None:
            return TimeSpan(None, None, "unknown", text)
        d = cursor.last
        return TimeSpan(d + timedelta(days=1), d + timedelta(days=3), "week", text)
    return TimeSpan(pub + timedelta(days=1), pub + timedelta(days=7), "week", text)


# --------------------------------------------------------------------------- story-day-relative

def relday_offset(g: Parts) -> int:
    """Days from the story day: "the next day" +1, "the same day" / "later that
    day" / "at the same time" 0, "the previous day" -1, "two days later" +2."""
    later = (g("later") or "").lower()
    if g("next") or later == "later":
        return 1
    if g("same") or g("same2") or not (g("prev") or g("before") or later or g("n")):
        return 0
    if g("prev") or g("before") or later == "earlier":
        return -1
    return count_num(g("n") or "") * (1 if (g("dir") or "").lower() in ("later", "after") else -1)


def relday_span(g: Parts, text: str, cursor: DayCursor) -> Optional[TimeSpan]:
    """A day relative to the story day; None when there is no story day. A look
    back ("the previous day") leaves the story day where it was."""
    if cursor.last is None:
        return None
    n = relday_offset(g)
    if n == 0 and cursor.first is not None and cursor.first < cursor.last:
        # "at the same time" as "between 25 and 27 May": that range
        return TimeSpan(cursor.first, cursor.last, "day", text)
    d = cursor.last + timedelta(days=n)
    if n >= 0:
        cursor.move(d)
    return day_span(d, text)


def relweek_span(g: Parts, text: str, cursor: DayCursor) -> TimeSpan:
    """"the following week" (the 7 days after the story day), "two weeks later" (+-3 days around +14)."""
    if cursor.last is None:
        return TimeSpan(None, None, "unknown", text)
    if not g("n"):
        return TimeSpan(cursor.last + timedelta(days=1), cursor.last + timedelta(days=7), "week", text)
    c = cursor.last + timedelta(days=7 * count_num(g("n") or ""))
    return TimeSpan(c - timedelta(days=3), c + timedelta(days=3), "week", text)
