"""Hostile dates (issue 11): resolve_times through the Python API with
publication dates at the ends of the calendar (years 1 and 9999) and property
tests (hypothesis) on arbitrary text and dates: no exception escapes.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper.extract.dates import find_dateline, parse_date_value, resolve_times
from mapper.model import Article

RELATIVE = ("On Monday, rebels captured Homs. Last year, in March, yesterday, next week, 3 days ago, "
            "in 2016, on 31 December, early January, last month, tomorrow, the following day, two weeks "
            "later, in the coming days, last winter, next year, on Sunday, in December, this week.")


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 2), date(1, 1, 7), date(1, 12, 31),
                                       date(2, 1, 1), date(9999, 12, 31), date(9999, 12, 25),
                                       date(9999, 1, 1), date(9998, 12, 31)])
def test_resolve_times_at_the_ends_of_the_calendar(published):
    times = resolve_times(Article(id="a", text=RELATIVE, published=published))
    assert times, "the expressions are still found"
    for t in times:
        assert 0 <= t.start < t.end <= len(RELATIVE)
        s = t.span
        if s.start is not None and s.end is not None:
            assert s.start <= s.end


_WORDS = ["on", "in", "Monday", "last", "next", "year", "week", "month", "March", "December", "31", "1",
          "2016", "0001", "9999", "yesterday", "tomorrow", "days", "ago", "later", "early", "late", "mid",
          "the", "following", "day", "weeks", "two", "3", "winter", "summer", ",", ".", "/", "-", "Sunday"]
_TEXT = st.one_of(st.text(max_size=120), st.lists(st.sampled_from(_WORDS), max_size=16).map(" ".join))
_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@_SETTINGS
@given(_TEXT, st.one_of(st.none(), st.dates()))
def test_resolve_times_never_raises(text, published):
    for t in resolve_times(Article(id="a", text=text, published=published)):
        assert 0 <= t.start <= t.end <= len(text)


@_SETTINGS
@given(st.one_of(_TEXT, st.dates().map(str), st.integers().map(str), st.floats().map(str)))
def test_date_values_and_datelines_never_raise(value):
    d = parse_date_value(value)
    assert d is None or 1900 <= d.year <= 2100
    find_dateline(value)
