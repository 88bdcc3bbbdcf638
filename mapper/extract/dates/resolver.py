"""One time expression -> :class:`~mapper.model.TimeSpan`, in text order.

:class:`Resolver` is fed the :data:`~mapper.extract.dates.grammar.TIME_RE`
matches of one article in text order and dispatches each by its kind:

* explicit dates and ranges ("24 November 2015", "from 8 to 11 December",
  "In August 2015", "in 2015") set or follow the story
  (:class:`~mapper.extract.dates.story.StoryClock`);
* publication-relative ones ("on Monday", "last week", "three days ago") need a
  publication date (``unknown`` without one) and bring a news story back to
  its present (:mod:`mapper.extract.dates.relative`);
* day-relative ones ("the next day", "two days later") count from the story
  day (:class:`~mapper.extract.dates.relative.DayCursor`).

    >>> from datetime import date, timedelta
    >>> from mapper.model import Article
    >>> from mapper.extract.layout import Layout
    >>> from mapper.extract.dates.grammar import TIME_RE
    >>> art = Article(id="a", text="IS took it on 5 June 2016. The next day the SDF retook it.")
    >>> res = Resolver(art, Layout.of(art))
    >>> [res.resolve(m).start for m in TIME_RE.finditer(art.text)]
    [datetime.date(2016, 6, 5), datetime.date(2016, 6, 6)]
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, Optional

from mapper.extract.dates import relative as rel
from mapper.extract.dates.grammar import (ORDINAL_NUM, count_num, day_num, day_span, group_of, month_num,
                                          month_span, norm_words, safe_date)
from mapper.extract.dates.relative import DayCursor
from mapper.extract.dates.story import StoryClock
from mapper.extract.layout import Layout
from mapper.model import Article, TimeSpan

__all__ = ["Resolver"]

_FUTURE = re.compile(r"\b(?:will|shall|is\s+expected\s+to|are\s+expected\s+to|is\s+scheduled|are\s+scheduled|"
                     r"plans?\s+to|due\s+to)\b", re.I)

#: the counts of a narrated "N days after" (as "N days later")
_NARRATED_GAP = re.compile(r"(?i:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)")

#: what joins a day to "the fifth day of ...": "on Sunday, the fifth day", "Monday was the fourth day"
_APPOSITION = re.compile(r"[\s,–-]*(?:(?:was|is|marked)\s+)?")

_RANGES = ("range_dm", "range_md", "range_dmdm", "range_mdmd")
#: kinds resolved against publication alone (unknown in an undated article)
_PUB_RELATIVE = ("m_rel", "rel_m", "weekday", "deictic", "weekend", "rel_week", "rel_month", "rel_year",
                 "ago", "recent")


class Resolver:
    """The reference-time state of one article: its story (``clock``) and story day (``days``)."""

    def __init__(self, article: Article, layout: Layout) -> None:
        self.text = article.text
        self.pub = article.published
        self.layout = layout
        self.clock = StoryClock(article, layout)
        self.days = DayCursor()
        #: day 1 of each counted period ("the fifth day of the incursion"), by its noun
        self.periods: dict[str, date] = {}
        # the end of the previous expression and its single day, if any (an apposition
        # "on Sunday, the fifth day of ..." names that day)
        self._prev: tuple[int, Optional[date]] = (-1, None)

    def look_ahead(self, limit: int, title: Optional[str] = None, path: Optional[str] = None) -> None:
        """See :meth:`StoryClock.look_ahead` (undated texts)."""
        self.clock.look_ahead(limit, title, path)

    def set_year(self, y: int, lead: str, pos: int) -> None:
        """A year-only expression outside the grammar (a heading's bare year)."""
        self.clock.set_year(y, lead, pos)

    def resolve(self, m: re.Match[str]) -> Optional[TimeSpan]:
        """The span of one match (None: not a date after all, e.g. "31 February")."""
        assert m.lastgroup is not None
        span = _KINDS[m.lastgroup](self, m)
        single = span is not None and span.start is not None and span.start == span.end
        self._prev = (m.end(), span.start if single and span is not None else None)
        return span

    def _future_before(self, pos: int) -> bool:
        s0, _ = self.layout.sentence_bounds(pos)
        return bool(_FUTURE.search(self.text, max(s0, pos - 80), pos))

    # -- explicit and year-less dates
    def _explicit_day(self, m: re.Match[str]) -> Optional[TimeSpan]:
        """"24 November 2015", "Nov. 24, 2015", "2015-11-24", "by 23 November 2015"."""
        g = lambda name: group_of(m, name)  # noqa: E731
        month = int(g("mnum")) if m.lastgroup == "iso" else month_num(g("mon"))
        d = safe_date(int(g("year")), month, day_num(g("day")))
        if d is None:
            return None
        self.clock.set_anchor(d.year, d.month, d.day, m.start())
        self.days.move(d)
        return TimeSpan(None, d, "day", m.group(0)) if g("by") else day_span(d, m.group(0))

    def _range(self, m: re.Match[str]) -> Optional[TimeSpan]:
        """"from 8 to 11 December (2016)", "December 8-11", "28 December to 3 January"."""
        g = lambda name: group_of(m, name)  # noqa: E731
        month, d1, d2 = month_num(g("mon")), day_num(g("d1")), day_num(g("d2"))
        month1 = month_num(g("mon1")) if m.lastgroup in ("range_dmdm", "range_mdmd") else month
        if (month1, d1) > (month, d2) and month1 == month:
            return None
        if g("year"):
            y: Optional[int] = int(g("year"))
            narrative = True
        else:
            y, narrative = self.clock.year_for(month, d2, m.start())
        if y is None:
            return TimeSpan(None, None, "unknown", m.group(0))
        # "from 28 December to 3 January": the start is in the year before
        a = safe_date(y if month1 <= month else y - 1, month1, d1)
        b = safe_date(y, month, d2)
        if a is None or b is None or a > b:
            return None
        if g("year"):
            self.clock.set_anchor(y, month, d2, m.start())
        elif narrative:
            self.clock.advance(y, month, d2)
        self.days.move(b, a)
        return TimeSpan(a, b, "day", m.group(0))

    def _yearless_day(self, m: re.Match[str]) -> Optional[TimeSpan]:
        """"On 14 January", "June 24th", "by 23 November" (29 February: the latest leap year)."""
        g = lambda name: group_of(m, name)  # noqa: E731
        month, day = month_num(g("mon")), day_num(g("day"))
        y, narrative = self.clock.year_for(month, day, m.start())
        if y is None:
            return TimeSpan(None, None, "unknown", m.group(0))
        d = safe_date(y, month, day)
        back = 0
        while d is None and back < 4:  # 29 February: go back to a leap year
            back += 1
            d = safe_date(y - back, month, day)
        if d is None:
            return None
        if narrative and d.year == y:
            self.clock.advance(y, month, day)
        self.days.move(d)
        return TimeSpan(None, d, "day", m.group(0)) if g("by") else day_span(d, m.group(0))

    def _month_year(self, m: re.Match[str]) -> TimeSpan:
        """"In August 2015", "late May 2015": the whole month."""
        y, month = int(group_of(m, "year")), month_num(group_of(m, "mon"))
        self.clock.set_anchor(y, month, None, m.start())
        return month_span(y, month, m.group(0))

    def _yearless_month(self, m: re.Match[str]) -> TimeSpan:
        """"In March", "late May": the month in the story's (or publication's) year."""
        month = month_num(group_of(m, "mon"))
        y, narrative = self.clock.year_for(month, None, m.start())
        if y is None:
            return TimeSpan(None, None, "unknown", m.group(0))
        if narrative:
            self.clock.advance(y, month, None)
        return month_span(y, month, m.group(0))

    def _year_label(self, m: re.Match[str]) -> TimeSpan:
        """A timeline label "* 2011: ..." / a line "2016:": the story's year."""
        y = int(group_of(m, "year"))
        self.clock.set_anchor(y, None, None, m.start())
        self.clock.story_ok = True
        return TimeSpan(date(y, 1, 1), date(y, 12, 31), "year", m.group(0))

    def _year(self, m: re.Match[str]) -> TimeSpan:
        """"in 2015" (the year), "by 2014" (open start)."""
        y = int(group_of(m, "year"))
        lead = norm_words(group_of(m, "lead"))
        self.clock.set_year(y, lead, m.start())
        start: Optional[date] = None if lead in ("by", "until", "till") else date(y, 1, 1)
        return TimeSpan(start, date(y, 12, 31), "year", m.group(0))

    # -- relative to publication
    def _pub_relative(self, m: re.Match[str]) -> TimeSpan:
        """Every publication-relative kind: the story comes back to the present."""
        self.clock.present()
        pub, text, kind = self.pub, m.group(0), m.lastgroup
        if pub is None:
            return TimeSpan(None, None, "unknown", text)
        g = lambda name: group_of(m, name)  # noqa: E731
        if kind == "m_rel":
            off = {"last": -1, "this": 0, "next": 1}[(g("rel") or "").lower()]
            return month_span(pub.year + off, month_num(g("mon")), text)
        if kind == "rel_m":
            return _rel_month_name(month_num(g("mon")), norm_words(g("rel")), pub, text)
        if kind == "weekday":
            # a bare "(on) Monday" in a "will ..." clause looks forward
            future = norm_words(g("lead")) in ("", "on") and not g("poss") and self._future_before(m.start())
            return rel.weekday_span(g, text, pub, future, self.days)
        if kind == "deictic":
            return rel.deictic_span(g, text, pub, self.days)
        if kind == "weekend":
            return rel.weekend_span(text, pub)
        if kind == "rel_week":
            return rel.rel_week_span(g, text, pub)
        if kind == "rel_month":
            return rel.rel_month_span(g, text, pub)
        if kind == "rel_year":
            return rel.rel_year_span(g, text, pub)
        if kind == "ago":
            return rel.ago_span(g, text, pub, self.days)
        return rel.recent_span(text, pub)

    # -- relative to the story day
    def _relday(self, m: re.Match[str]) -> TimeSpan:
        """"the next day", "the same day", "two days later": from the story day (moves the story on)."""
        span = rel.relday_span(lambda name: group_of(m, name), m.group(0), self.days)
        if span is None:
            return TimeSpan(None, None, "unknown", m.group(0))
        d = span.end
        if span.start == d and d is not None and self.clock.story is not None:
            self.clock.advance(d.year, d.month, d.day)
        return span

    def _gap_after(self, m: re.Match[str]) -> Optional[TimeSpan]:
        """"A, two days after B" / "A came a day after B" / "a week after B".

        A news report (dated) tells its newest event first and looks back: the
        span is B's, that many days (weeks) before the story day (publication
        without one), and A keeps the story day (the mention sits at "after",
        in B's clause: see :func:`mapper.extract.dates.resolve_times`). A
        narrative (undated) tells in order: "two days after" is the story day
        + 2, as "two days later"; its other forms are left to the clause.
        """
        if self.pub is None:
            return self._gap_after_narrated(m)
        g = lambda name: group_of(m, name)  # noqa: E731
        ref = self.days.last or self.pub
        text = m.group(0)
        unit = (g("unit") or "").lower()
        if g("the") or unit == "day":
            d = ref - timedelta(days=1 if g("the") else count_num(g("n") or ""))
            return day_span(d, text)
        if unit == "week":
            c = ref - timedelta(days=7 * count_num(g("n") or ""))
            return TimeSpan(c - timedelta(days=3), c + timedelta(days=3), "week", text)
        if (g("few") or "").lower() == "days":     # "days after": a few days before
            return TimeSpan(ref - timedelta(days=6), ref - timedelta(days=1), "week", text)
        return None

    def _gap_after_narrated(self, m: re.Match[str]) -> Optional[TimeSpan]:
        """Undated text: "N days after" (N = 2-10 or digits) counts forward from the story day."""
        n = group_of(m, "n")
        if not n or not _NARRATED_GAP.fullmatch(n) or not re.search(r"(?i)days\s", m.group(0)):
            return None
        if self.days.last is None:
            return TimeSpan(None, None, "unknown", m.group(0))
        d = self.days.last + timedelta(days=count_num(n))
        self.days.move(d)
        if self.clock.story is not None:
            self.clock.advance(d.year, d.month, d.day)
        return day_span(d, m.group(0))

    def _nth_day(self, m: re.Match[str]) -> Optional[TimeSpan]:
        """"on Sunday, the fifth day of an incursion": that Sunday, and day 1 of the
        incursion is four days before it; a later "on the first day of the
        incursion" is that day 1. Without a dated day of that period: no mention."""
        ordinal = (group_of(m, "ord") or "").lower()
        n = ORDINAL_NUM.get(ordinal) or day_num(ordinal)
        noun = (group_of(m, "noun") or "").lower()
        end, prev_day = self._prev
        if prev_day is not None and _APPOSITION.fullmatch(self.text, end, m.start()):
            self.periods[noun] = prev_day - timedelta(days=n - 1)
            return day_span(prev_day, m.group(0))
        first = self.periods.get(noun)
        if first is None:
            return None     # not a date of its own: the clause is dated as before
        d = first + timedelta(days=n - 1)
        self.days.move(d)
        if self.clock.story is not None:
            self.clock.advance(d.year, d.month, d.day)
        return day_span(d, m.group(0))

    def _relweek(self, m: re.Match[str]) -> TimeSpan:
        return rel.relweek_span(lambda name: group_of(m, name), m.group(0), self.days)

    def _coming(self, m: re.Match[str]) -> TimeSpan:
        return rel.coming_span(lambda name: group_of(m, name), m.group(0), self.pub, self.days)


def _rel_month_name(month: int, rel_word: str, pub: date, text: str) -> TimeSpan:
    """"last March" strictly before the publication month; "this March"; "next March"."""
    if rel_word == "next":
        y = pub.year if month > pub.month else pub.year + 1
    elif rel_word == "this":
        y = pub.year
    else:  # last / past / this past: strictly before the publication month
        y = pub.year if month < pub.month else pub.year - 1
    return month_span(y, month, text)


#: kind of expression -> the Resolver method that resolves it
_KINDS: dict[str, Callable[[Resolver, re.Match[str]], Optional[TimeSpan]]] = {
    "dmy": Resolver._explicit_day, "mdy": Resolver._explicit_day, "iso": Resolver._explicit_day,
    "dm": Resolver._yearless_day, "md": Resolver._yearless_day,
    "my": Resolver._month_year, "m_only": Resolver._yearless_month,
    "ylabel": Resolver._year_label, "year": Resolver._year,
    "relday": Resolver._relday, "relweek": Resolver._relweek, "coming": Resolver._coming,
    "gap_after": Resolver._gap_after, "nth_day": Resolver._nth_day,
    **{k: Resolver._range for k in _RANGES},
    **{k: Resolver._pub_relative for k in _PUB_RELATIVE},
}
