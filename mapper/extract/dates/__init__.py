"""Publication dates and time expressions: text -> :class:`TimeSpan`.

Three jobs (the modules that do them are listed at the end):

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
  or after publication. Apostrophe-less possessives ("Tuesdays attack",
  "yesterdays strikes") count when a lower-case noun follows.
* News "A, two days after B" / "A came a day after B" / "a week after B": B is
  that long before the story day (else publication), A keeps the story day;
  the mention sits at "after", in B's clause. In an undated narrative "two
  days after" counts forward like "two days later".
* "on Sunday, the fifth day of the incursion" dates day 1 of the incursion;
  a later "on the first day of the incursion" is that day (no date without it).
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

Precision codes for ACLED and UCDP: :mod:`mapper.extract.dates.precision` (and docs/TIME.md).

Modules (this one is the facade; every public name is importable from here):

* :mod:`mapper.extract.dates.grammar` - lexicon and the one compiled matcher;
* :mod:`mapper.extract.dates.published` - datelines and metadata date values;
* :mod:`mapper.extract.dates.story` - the narrative clock (year of a year-less date);
* :mod:`mapper.extract.dates.relative` - publication- and story-day-relative kinds;
* :mod:`mapper.extract.dates.resolver` - one expression -> TimeSpan, by kind;
* :mod:`mapper.extract.dates.scope` - TimeMention, what it governs, :func:`time_for_span`;
* :mod:`mapper.extract.dates.precision` - ACLED / UCDP precision codes;
* this module - :func:`resolve_times`, the scan of one article.

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
import re
from dataclasses import replace
from datetime import date
from typing import Optional

from mapper.extract.dates.grammar import TIME_RE, month_span
from mapper.extract.dates.precision import acled_time_precision, ucdp_date_prec
from mapper.extract.dates.published import (MAX_PUBLISHED_YEAR, MIN_PUBLISHED_YEAR, find_dateline,
                                            parse_date_value)
from mapper.extract.dates.resolver import Resolver
from mapper.extract.dates.scope import TimeMention, make_mention, time_for_span
from mapper.extract.dates.story import HEAD_YEAR_RE
from mapper.extract.layout import Heading, Layout, build_layout
from mapper.model import Article, TimeSpan

__all__ = [
    "TimeMention", "find_dateline", "resolve_times", "time_for_span", "parse_date_value",
    "acled_time_precision", "ucdp_date_prec", "month_span", "sentence_bounds",
    "MIN_PUBLISHED_YEAR", "MAX_PUBLISHED_YEAR",
]


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


class _Scan:
    """The state of one :func:`resolve_times` pass: headings met so far, skipped spans, mentions."""

    def __init__(self, article: Article, lay: Layout, limit: int) -> None:
        self.text = article.text
        self.lay = lay
        self.limit = limit
        self.undated = article.published is None
        self.skips = _skip_ranges(article)
        self.skip_starts = [s for s, _ in self.skips]
        self.res = Resolver(article, lay)
        if self.undated:
            self.res.look_ahead(limit, article.title, article.path)
        self.heads = [h for h in lay.headings if h.start < limit]
        self.hi = 0                     # headings before this index are done
        self.out: list[TimeMention] = []

    def section_end(self, h: Heading) -> int:
        """Where the section of heading ``h`` ends: the next heading of the same or a higher level."""
        for nxt in self.heads[self.heads.index(h) + 1:]:
            if nxt.level <= h.level:
                return nxt.start
        return self.limit

    def headings_until(self, pos: int) -> None:
        """Take in the headings that start at or before ``pos``."""
        while self.hi < len(self.heads) and self.heads[self.hi].start <= pos:
            self.heading_year(self.heads[self.hi])
            self.hi += 1

    def heading_year(self, h: Heading) -> None:
        """A bare year in a heading ("== 2016 ==", "### Late 2016") is the section's year."""
        if TIME_RE.search(self.text, h.start, h.end):
            return      # "=== January 2017 ===": the main loop resolves it
        y = HEAD_YEAR_RE.search(self.text, h.start, h.end)
        if y is None:
            return
        year = int(y.group(0))
        self.res.set_year(year, "", h.start)
        span = TimeSpan(date(year, 1, 1), date(year, 12, 31), "year", y.group(0))
        self.out.append(TimeMention(y.start(), y.end(), y.group(0), span, h.start, h.end, h.start, h.end,
                                    False, self.section_end(h)))

    def skipped(self, pos: int) -> bool:
        """``pos`` lies in boilerplate (a file-photo caption, "2 min read")."""
        i = bisect.bisect_right(self.skip_starts, pos) - 1
        return i >= 0 and self.skips[i][0] <= pos < self.skips[i][1]

    def take(self, m: re.Match[str]) -> None:
        """Resolve one match and record its mention."""
        try:
            span = self.res.resolve(m)
        except (ValueError, OverflowError):
            # a reference date at the ends of the calendar (years 1 / 9999): the
            # expression is kept, unresolved, never a crash
            span = TimeSpan(None, None, "unknown", m.group(0))
        if span is None:
            return
        h = self.heads[self.hi - 1] if self.hi else None
        in_heading = h is not None and h.start <= m.start() < h.end
        look_back = m.lastgroup == "gap_after" and not self.undated
        # a news "A, two days after B" dates B: the mention sits at "after", in B's clause
        start = m.start("gap_after__after") if look_back else m.start()
        mention = make_mention(self.lay, start, m.end(), span, h,
                               self.section_end(h) if in_heading and h is not None else self.limit, self.undated)
        if look_back:
            # never the attribution's time, and not carried on: it is B's own date
            mention = replace(mention, reporting=False, carry_end=mention.end, opener_before=start)
        self.out.append(mention)


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
    scan = _Scan(article, layout if layout is not None else Layout.of(article), limit)
    for m in TIME_RE.finditer(text, 0, limit):
        scan.headings_until(m.start())
        if not scan.skipped(m.start()):
            scan.take(m)
    scan.headings_until(limit + 1)
    scan.out.sort(key=lambda t: t.start)
    return scan.out
