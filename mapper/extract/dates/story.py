"""The narrative clock: which year a year-less date ("In March", "On 14 January") is in.

:class:`StoryClock` holds the *story* of one article - the text's current
period (year, month or None, day or None) - and is fed the article's time
expressions in text order by :class:`mapper.extract.dates.resolver.Resolver`:

* an explicit year sets the story (:meth:`StoryClock.set_anchor`, "On 31 May
  2016"; :meth:`StoryClock.set_year`, a heading "== 2016 ==" or an undated
  text's sentence-initial "In 2016,"); "since 2014" is background, and a
  past-perfect explicit date before the story does not drag it back;
* a year-less date takes its year from the story (:meth:`StoryClock.year_for`):
  a flashback stays in the story's year, a narrating clause whose month is
  >= 5 months earlier crosses into the next year, a past-perfect one >= 5
  months later is the previous year; the story then moves forward
  (:meth:`StoryClock.advance`), never backward;
* before an undated text's first explicit year: the first explicit date that
  follows, a year naming the subject, the title's or the file name's year
  (:meth:`StoryClock.look_ahead`);
* dated texts (news): a deictic expression brings the story back to
  publication (:meth:`StoryClock.present`); a year in passing is a
  paragraph-local anchor; a result after publication falls back to the most
  recent such month/day on or before publication.

Full rules: docs/TIME.md, "Year of a year-less month or day".

    >>> from mapper.model import Article
    >>> from mapper.extract.layout import Layout
    >>> art = Article(id="a", text="On 28 December 2016 IS attacked. On 3 January the SDF advanced.")
    >>> clock = StoryClock(art, Layout.of(art))
    >>> clock.set_anchor(2016, 12, 28, 3)
    >>> clock.year_for(1, 3, 40)
    (2017, True)
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

from mapper.extract.dates.grammar import TIME_RE, group_of, day_num, month_num, norm_words, safe_date
from mapper.extract.layout import Layout
from mapper.model import Article

__all__ = ["StoryClock", "YEAR_BACKGROUND_LEADS", "HEAD_YEAR_RE"]

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
YEAR_BACKGROUND_LEADS = frozenset({"since", "until", "till", "by", "as of"})

_PAST_PERFECT = re.compile(r"\b(?:had|'d)\s+(?!to\b|a\b|an\b|the\b|no\b|its\b|their\b|his\b|her\b)\w+", re.I)
#: a bare year (in a heading, a title, a file name)
HEAD_YEAR_RE = re.compile(r"(?<![\w-])(?:19[5-9]\d|20[0-4]\d)(?![\w])")
#: a year naming an event: "The 2016 Khanasir offensive", "(2017)", "the 2015–16 campaign"
_NAMING_YEAR = re.compile(r"(?:\b[Tt]he\s+(?:[*_]{1,2})?|\()(?P<y>19[5-9]\d|20[0-4]\d)"
                          r"(?:[–-](?:\d{2}|\d{4}))?(?:\)|\s+[A-Z])")

Story = tuple[int, Optional[int], Optional[int]]


class StoryClock:
    """The story of one article: the period that dates its year-less expressions.

    ``story`` is the narrative's current period: (year, month or None, day or
    None), set by an explicit year and moved forward by year-less dates
    resolved from it (it keeps the latest month of its year, so a flashback
    never drags it back). ``local`` is a year-only anchor that holds for its
    paragraph only ("In 2014, IS grew. In June, ..." in a news text).
    ``story_ok`` says whether, in a dated text, the story may date year-less
    expressions (an old year in passing does not). ``first_ref`` is the
    reference of an undated text's dates before its first explicit year.
    """

    def __init__(self, article: Article, layout: Layout) -> None:
        self.text = article.text
        self.pub = article.published
        self.layout = layout
        self.story: Optional[Story] = None
        # (year, end of its sentence, end of the next sentence or -1)
        self.local: Optional[tuple[int, int, int]] = None
        self.story_ok = True
        self.first_ref: Optional[date] = None
        self.first_ref_year_only = False

    # -- the look-ahead of an undated text
    def look_ahead(self, limit: int, title: Optional[str] = None, path: Optional[str] = None) -> None:
        """The reference of an undated text's first year-less dates (``first_ref``):
        its first explicit date ("On 10 October 2017", "In March 2016"), unless a
        year naming the subject comes first ("The 2016 Khanasir offensive was ...",
        "the battle (2017)"); else its first year ("In 2016, ...", not "since
        2012"); else a year in its title ("East Aleppo offensive (2017)"); else a
        year in its file name ("2017_mayadin_offensive.md"). A year alone: every
        year-less date before the story's first explicit year takes that year."""
        named = _NAMING_YEAR.search(self.text, 0, limit)
        first, year_only = self._first_explicit(limit, named)
        if first is not None:
            self.first_ref = first
            return
        if named is not None and year_only is None:
            year_only = int(named.group("y"))
        if year_only is None:
            year_only = _name_year(title, path)
        if year_only is not None:
            self.first_ref, self.first_ref_year_only = date(year_only, 12, 31), True

    def _first_explicit(self, limit: int, named: Optional[re.Match[str]]) -> tuple[Optional[date], Optional[int]]:
        """(the first explicit date before ``named``, the first foreground year-only expression)."""
        year_only: Optional[int] = None
        for m in TIME_RE.finditer(self.text, 0, limit):
            if named is not None and named.start() < m.start():
                break
            kind = m.lastgroup or ""
            g = lambda name: group_of(m, name)  # noqa: E731
            if kind in ("dmy", "mdy", "iso"):
                month = int(g("mnum")) if kind == "iso" else month_num(g("mon"))
                d = safe_date(int(g("year")), month, day_num(g("day")))
            elif kind in ("range_dm", "range_md", "range_dmdm", "range_mdmd") and g("year"):
                d = safe_date(int(g("year")), month_num(g("mon")), day_num(g("d2")))
            elif kind == "my":
                y, month = int(g("year")), month_num(g("mon"))
                d = safe_date(y, month, calendar.monthrange(y, month)[1])
            else:
                if kind == "year" and year_only is None and norm_words(g("lead")) not in YEAR_BACKGROUND_LEADS:
                    year_only = int(g("year"))
                continue
            if d is not None:
                return d, year_only
        return None, year_only

    # -- clause tests
    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the clause around ``pos`` (the sentence when it has no clauses)."""
        s = self.layout.sentence_at(pos)
        if s is None:
            return self.layout.sentence_bounds(pos)
        for c in self.layout.clauses_of(s):
            if c.start <= pos < c.end:
                return c.start, c.end
        return s.start, s.end

    def perfect(self, pos: int) -> bool:
        """The clause of ``pos`` is in the past perfect ("had retaken"): background."""
        c0, c1 = self.clause_bounds(pos)
        return bool(_PAST_PERFECT.search(self.text, c0, c1))

    def initial(self, pos: int) -> bool:
        """``pos`` opens its sentence or sits in a heading line."""
        h = self.layout.heading_before(pos)
        if h is not None and h.start <= pos < h.end:
            return True
        s0, _ = self.layout.sentence_bounds(pos)
        return not self.text[s0:pos].strip(" \t\"“‘'(*_")

    # -- moving the story
    def present(self) -> None:
        """A deictic expression ("on Monday", "last week") brings a dated text back
        to its publication date; an undated text has no present, its story goes on."""
        if self.pub is not None:
            self.story = None
            self.local = None

    def set_anchor(self, y: int, m: Optional[int], d: Optional[int], pos: int) -> None:
        """An explicit date (year written): the story's period, unless it is a
        past-perfect flashback before the story's current position."""
        self.local = None
        st = self.story
        if st is not None and (y, m or 0, d or 0) < (st[0], st[1] or 0, st[2] or 0) and self.perfect(pos):
            return
        self.story = (y, m, d)
        # news: an old year in passing ("the uprising that began in March 2011")
        # is background; it dates later year-less expressions only when recent
        # or when it opens its sentence ("In March 2011, ...")
        self.story_ok = self.pub is None or y >= self.pub.year - 1 or self.initial(pos)

    def set_year(self, y: int, lead: str, pos: int) -> None:
        """A year-only expression ("in 2015", "== 2016 =="): a heading's year is
        the story's year; in an undated text so is a year opening a sentence (or
        any year when there is no story yet); otherwise, in a dated text, a
        paragraph-local anchor; "since 2014" is background and anchors nothing."""
        if lead in YEAR_BACKGROUND_LEADS:
            return
        h = self.layout.heading_before(pos)
        in_heading = h is not None and h.start <= pos < h.end
        if in_heading or (self.pub is None and (self.story is None or self.initial(pos))):
            if self.story is None or self.story[0] != y:
                self.story = (y, None, None)
            self.local = None
        elif self.pub is not None:
            # a year in passing ("... attacks in 2015. In late July, ...") holds
            # for its own sentence; one opening its sentence ("In 2014, IS grew.
            # In June, it took Mosul.") also for a date opening the next one
            end = self.layout.sentence_bounds(pos)[1]
            nxt = -1
            if self.initial(pos) and end < len(self.text):
                nxt = self.layout.sentence_bounds(end + 1)[1]
            self.local = (y, end, nxt)

    def advance(self, y: int, m: int, d: Optional[int]) -> None:
        """Move the story to a year-less date resolved from it (never backwards)."""
        st = self.story
        if st is None or y > st[0] or (y == st[0] and (m, d or 0) > (st[1] or 0, st[2] or 0)):
            self.story = (y, m, d)

    # -- the year of a year-less date
    def year_for(self, month: int, day: Optional[int], pos: int) -> tuple[Optional[int], bool]:
        """Year of a year-less (day-)month at ``pos``; (year or None, from_story)."""
        local = self._local_year(pos)
        if local is not None:
            return local, False
        y = self._story_year(month, day, pos)
        if y is not None:
            return y, True
        if self.pub is None and self.first_ref is not None:
            return self._lead_year(month), True
        if self.pub is not None:
            p = self.pub
            return (p.year if (month, day or 1) <= (p.month, p.day) else p.year - 1), False
        return None, False

    def _local_year(self, pos: int) -> Optional[int]:
        """The paragraph-local year at ``pos`` (dropped once past its reach)."""
        if self.local is None:
            return None
        if pos < self.local[1] or (pos < self.local[2] and self.initial(pos)):
            return self.local[0]
        if pos >= max(self.local[1], self.local[2]):
            self.local = None
        return None

    def _story_year(self, month: int, day: Optional[int], pos: int) -> Optional[int]:
        """The story's year for this month (crossing a year boundary forward or a
        past-perfect one back), or None without a usable story or when it would
        put the date after publication."""
        st = self.story if self.story_ok else None
        if st is None:
            return None
        y, sm, _ = st
        if sm is not None:
            if month < sm and sm - month >= _CROSS_MONTHS and not self.perfect(pos):
                y += 1        # the story crosses into the next year
            elif month > sm and month - sm >= _CROSS_MONTHS and self.perfect(pos):
                y -= 1        # past-perfect background from the previous year
        cand = safe_date(y, month, day or 1) or safe_date(y, month, 28)
        if self.pub is None or (cand is not None and cand <= self.pub):
            return y
        return None

    def _lead_year(self, month: int) -> int:
        """Before the story's first explicit date: the year that puts this date at
        most _LEAD_SLACK months after it (an introduction may summarise a little
        ahead) and otherwise before it."""
        r = self.first_ref
        assert r is not None
        if self.first_ref_year_only:
            return r.year
        ahead = (month - r.month) % 12
        return r.year + (1 if month < r.month and ahead <= _LEAD_SLACK else 0) \
            - (1 if month > r.month and ahead > _LEAD_SLACK else 0)


def _name_year(title: Optional[str], path: Optional[str]) -> Optional[int]:
    """A year in the title, else in the file name ("2017_mayadin_offensive.md")."""
    for name in (title, path.replace("\\", "/").rsplit("/", 1)[-1] if path else None):
        y = HEAD_YEAR_RE.search(name.replace("_", " ")) if name else None
        if y is not None:
            return int(y.group(0))
    return None
