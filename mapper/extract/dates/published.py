"""Publication dates: a dateline printed at the top of an article, a metadata value.

* :func:`find_dateline` - a standalone date line near the top ("24 November
  2015", "Nov. 24, 2015", "2015-11-24", "Published: ...") or a date opening
  the text ("Wed 05 Apr 2017 Syria attack ..."); caption dates never count.
* :func:`parse_date_value` - a CSV cell, a front-matter value, an HTML meta
  tag (ISO, "3/19/17" month-first, dateutil for the rest), within
  ``MIN_PUBLISHED_YEAR..MAX_PUBLISHED_YEAR``.

    >>> find_dateline("Title\\n\\n24 November 2015\\n\\nAMMAN: ...")
    datetime.date(2015, 11, 24)
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from mapper.extract.dates.grammar import safe_date
from mapper.read.stamp import stamp_date

__all__ = ["find_dateline", "parse_date_value", "copy_date_problem", "MIN_PUBLISHED_YEAR", "MAX_PUBLISHED_YEAR"]

#: the publication date the text prints about itself near its top, or None: the date of
#: :func:`mapper.read.stamp.find_stamp` (the one stamp finder)
find_dateline = stamp_date


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
        return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC_DATE.match(s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 70 else 1900 + int(y))
        month, day = (a, b) if a <= 12 else (b, a)
        return safe_date(year, month, day)
    if not re.search(r"(?<!\d)\d{4}(?!\d)", s):
        return None   # no year: dateutil would take the missing parts from today
    from dateutil import parser as du_parser

    try:
        return du_parser.parse(s, fuzzy=False, default=None).date()  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None


# --------------------------------------------------------------------------- copy dates

#: kinds of time expression that count from the publication date (news writes them)
_PUB_RELATIVE_KINDS = frozenset({"weekday", "deictic", "weekend", "rel_week", "rel_month", "rel_year", "ago",
                                 "recent", "m_rel", "rel_m"})
_ANY_YEAR = re.compile(r"(?<![\w-])(?:19[5-9]\d|20[0-4]\d)(?![\w])")


def copy_date_problem(body: str, published: date, context: str = "") -> Optional[str]:
    """Why a metadata date is the date a *copy* was made rather than the
    article's publication date, or None when it may be the publication date.

    A text tells what it reports in years and in words relative to its own
    publication ("on Tuesday", "last week", "yesterday"). The metadata date is
    a copy date when every year the text names (in ``body`` and in ``context``,
    the other metadata values: a subject, an event period, tags) is at least
    two years before it, and those years outnumber the publication-relative
    expressions of the body: a 2016 battle narrative with ``pubDate:
    2023-08-26`` (an encyclopedia copy), not a 2017 news report that recalls
    "the uprising in 2011" beside its "on Tuesday" and "yesterday". A text
    naming no year at all keeps its date.

    >>> copy_date_problem("On 16 October 2016 the rebels took Dabiq.", date(2023, 8, 26)) is not None
    True
    >>> copy_date_problem("Rebels took Dabiq on Tuesday, a year after the 2016 battle.", date(2017, 3, 2)) is None
    True
    """
    from mapper.extract.dates.grammar import TIME_RE

    years = [int(y.group(0)) for y in _ANY_YEAR.finditer(body)]
    years += [int(y.group(0)) for y in _ANY_YEAR.finditer(context)]
    if not years or max(years) >= published.year - 1:
        return None
    relative = sum(1 for m in TIME_RE.finditer(body) if m.lastgroup in _PUB_RELATIVE_KINDS)
    if relative >= len(years):
        return None
    return (f"{published.isoformat()!r} is {published.year - max(years)} years after the latest year the text "
            f"names ({max(years)}) and the text counts no days from it: taken as the date of a copy, "
            "not of publication (the article is read as undated); put the publication date in the "
            "front matter as pubDate / date if this is wrong")
