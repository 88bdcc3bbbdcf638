"""Precision codes of a time span for ACLED (``time_precision``) and UCDP GED (``date_prec``).

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

    >>> acled_time_precision("week")
    2
"""
from __future__ import annotations

from typing import Union

from mapper.model import TimeSpan

__all__ = ["acled_time_precision", "ucdp_date_prec"]


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
