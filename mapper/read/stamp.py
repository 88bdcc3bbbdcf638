"""The publication stamp an article prints about itself, near its top.

News pages carry their own date: "Published July 5 2015 ...", "Posted on
April 19 2017 by ...", "Date of publication 5 July 2016", "Last updated at
Oct 26 2016" (scraped text often loses the comma: "Oct 262016"), a wire
agency's tag in the headline line ("... Monitor AFP Monday 18 August 2014"), a
date line of its own ("24 November 2015"), or a date the text starts with
("Sun 16 Apr 2017 Death toll ...", "17-08-2016 Syrian Army ...": numeric dates
are read by :func:`numeric_day`). This is the one finder of publication dates
in text (:func:`mapper.extract.dates.find_dateline` is its date). :func:`find_stamp`
returns that date with where it sits and how it was written; dates inside
sentences or captions ("This file photo taken on May 18, 2015 shows ...") are
never stamps.

A *labelled* stamp ("Published ...", "Updated ...") is the page's own
statement of its publication; readers prefer it over a corpus column that
disagrees (FA-KES rows carry the casualty record's date, sometimes years off).
An unlabelled date at the very start of the text or on a line of its own is a
*leading* stamp.

>>> find_stamp("Posted on April 19 2017 by Asharq Al-Awsat Beirut - ...").date
datetime.date(2017, 4, 19)
>>> find_stamp("Last updated at Oct 262016 BEIRUT Air strikes ...").date
datetime.date(2016, 10, 26)
>>> find_stamp("This file photo taken on May 18, 2015 shows Palmyra") is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Optional

__all__ = ["StampKind", "Stamp", "find_stamp", "stamp_date", "numeric_day", "STAMP_WINDOW", "STAMP_LINES"]

#: characters from the top of the text where a stamp may sit
STAMP_WINDOW = 1500
#: ... and lines (a stamp starts a line)
STAMP_LINES = 15
#: a stamp line longer than this is a sentence, unless the stamp is labelled or starts the text
LINE_MAX = 80

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
_MON = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
            r"|sat(?:urday)?|sun(?:day)?)\.?,?")
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR = r"(?:19|20)\d\d"
#: "Oct 262016": scraped pages lose the comma and the space between day and year
_DATE = (r"(?:" + _WEEKDAY + r"\s+)?(?:"
         r"(?P<d1>" + _DAY + r")(?:st|nd|rd|th)?\s+(?P<m1>" + _MON + r"),?\s+(?P<y1>" + _YEAR + r")"
         r"|(?P<m2>" + _MON + r")\s+(?P<d2>" + _DAY + r")(?:st|nd|rd|th)?,?\s*(?P<y2>" + _YEAR + r")"
         r"|(?P<y3>" + _YEAR + r")-(?P<m3>0[1-9]|1[0-2])-(?P<d3>0[1-9]|[12]\d|3[01])"
         r"|(?P<a4>\d{1,2})(?P<sep>[-./])(?P<b4>\d{1,2})(?P=sep)(?P<y4>" + _YEAR + r"))(?!\d)")
_LABEL = (r"(?P<label>(?:last\s+)?updated|(?:first\s+)?published|posted|date\s+of\s+publication"
          r"|publication\s+date|date)(?:\s+(?:on|at))?\s*[:\-–]?\s*")
_LABELLED = re.compile(r"^[\s\W]{0,3}" + _LABEL + _DATE, re.IGNORECASE)
#: a wire agency's tag followed by a weekday date, in the headline line: "... Monitor AFP Monday 18 August 2014"
_AGENCY = re.compile(r"\b(?:AFP|Reuters|AP|Xinhua|Anadolu|DPA|SANA)\s+(?=(?i:mon|tue|wed|thu|fri|sat|sun))"
                     + r"(?i:" + _DATE + r")")
#: characters of the first line searched for an agency stamp
AGENCY_WINDOW = 300
_BARE = re.compile(r"^[\s\W]{0,3}" + _DATE, re.IGNORECASE)
#: what may follow a date that stands on its own line: a time, a zone, a separator
_LINE_REST = re.compile(r"^\s*(?:[|,–-]|at)?\s*(?:\d{1,2}[:.]?\d{2}(?:\s*(?:am|pm))?)?"
                        r"\s*(?:gmt|utc|est|edt|[+-]\d{2}:?\d{2})?\s*(?:\|.*)?$", re.IGNORECASE)


class StampKind(str, Enum):
    """How the stamp was written."""
    LABELLED = "labelled"   # "Published ...", "Posted on ...", "Last updated at ..."
    LEADING = "leading"     # a bare date starting the text or standing on a line of its own


@dataclass(frozen=True)
class Stamp:
    """A publication stamp: the date, its character span in the text, its kind."""
    date: date
    start: int
    end: int
    kind: StampKind


def _date_of(m: re.Match[str]) -> Optional[date]:
    for d, mo, y in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
        if m.group(y):
            month = _MONTHS[m.group(mo).rstrip(".").lower()]
            return _safe(int(m.group(y)), month, int(m.group(d)))
    if m.group("y3"):
        return _safe(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    return numeric_day(int(m.group("a4")), int(m.group("b4")), int(m.group("y4")), m.group("sep"))


def numeric_day(a: int, b: int, year: int, sep: str) -> Optional[date]:
    """A numeric stamp "a<sep>b<sep>year": the number over 12 is the day; otherwise
    "/" is month-first (the US "3/4/2017") and "-" / "." day-first (the European
    and Middle Eastern "25-12-2014", "06.04.2017").

    >>> numeric_day(25, 12, 2014, "-"), numeric_day(3, 4, 2017, "/"), numeric_day(6, 4, 2017, ".")
    (datetime.date(2014, 12, 25), datetime.date(2017, 3, 4), datetime.date(2017, 4, 6))
    """
    if a > 12 or (b <= 12 and sep != "/"):
        return _safe(year, b, a)
    return _safe(year, a, b)


def _safe(y: int, mo: int, d: int) -> Optional[date]:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def find_stamp(text: str) -> Optional[Stamp]:
    """The article's publication stamp within its first :data:`STAMP_LINES` lines
    / :data:`STAMP_WINDOW` characters, or None.

    A labelled stamp may start any of those lines; a bare date counts when it
    starts the text, or stands on a line of its own (followed at most by a
    time, a zone or a "|" separator). The first stamp found from the top wins.

    >>> find_stamp("Title\\n\\n24 November 2015\\n\\nAMMAN: Syrian forces ...").kind.value
    'leading'
    >>> find_stamp("Date of publication 5 July 2016 Syrian forces ...").date
    datetime.date(2016, 7, 5)
    """
    head = text[:STAMP_WINDOW]
    pos = 0
    for i, line in enumerate(head.split("\n")[:STAMP_LINES]):
        m = _LABELLED.match(line)
        kind = StampKind.LABELLED
        if m is None:
            m = _BARE.match(line)
            kind = StampKind.LEADING
            if m is not None and pos > 0 and (len(line) > LINE_MAX or not _LINE_REST.match(line[m.end():])):
                m = None
        if m is not None:
            d = _date_of(m)
            if d is not None:
                return Stamp(d, pos + m.start(), pos + m.end(), kind)
        pos += len(line) + 1
    m = _AGENCY.search(head, 0, AGENCY_WINDOW)
    if m is not None:
        d = _date_of(m)
        if d is not None:
            return Stamp(d, m.start(), m.end(), StampKind.LABELLED)
    return None


def stamp_date(text: str) -> Optional[date]:
    """The date of the text's publication stamp (:func:`find_stamp`), or None.

    >>> stamp_date("6-09-2013 Extremists admit killing 30 ...")
    datetime.date(2013, 9, 6)
    """
    stamp = find_stamp(text)
    return stamp.date if stamp is not None else None
