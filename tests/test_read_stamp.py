"""Publication stamps printed at the top of an article (mapper.read.stamp)."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.read.stamp import StampKind, find_stamp

L, B = StampKind.LABELLED, StampKind.LEADING


@pytest.mark.parametrize("text, day, kind", [
    ("Published March 3 2016 A car bomb exploded in the town of ...", date(2016, 3, 3), L),
    ("Published: 3 March 2016, 14:05 GMT\nA car bomb ...", date(2016, 3, 3), L),
    ("Posted on May 9 2016 by Some Reporter\nRebels said ...", date(2016, 5, 9), L),
    ("Date of publication 11 June 2017 Government forces ...", date(2017, 6, 11), L),
    ("Last updated at Nov 042016 BEIRUT Rebels ...", date(2016, 11, 4), L),     # comma and space lost
    ("Last updated at Nov 42016 BEIRUT Rebels ...", date(2016, 11, 4), L),
    ("Updated on 2016-11-04\nBEIRUT ...", date(2016, 11, 4), L),
    ("Rebels shell a town Monitor AFP Friday 4 November 2016 BEIRUT ...", date(2016, 11, 4), L),
    ("Fri 04 Nov 2016 Rebels shell a town. Rebels ...", date(2016, 11, 4), B),
    ("Friday 4 Nov 2016 Rebels shell a town.", date(2016, 11, 4), B),
    ("Tue Mar 8 2016 Army takes a hill", date(2016, 3, 8), B),
    ("April 30 2017 At least 14 civilians were killed ...", date(2017, 4, 30), B),
    ("08-03-2016 Army Takes Hill Near a Town. The army ...", date(2016, 3, 8), B),    # day-first
    ("08.03.2016Get short URL 0 15 The army ...", date(2016, 3, 8), B),
    ("A headline\n\n8 March 2016\n\nThe army ...", date(2016, 3, 8), B),
    ("A headline\n8 March 2016 | 10:15\nThe army ...", date(2016, 3, 8), B),
])
def test_stamps(text, day, kind):
    s = find_stamp(text)
    assert s is not None, text
    assert (s.date, s.kind) == (day, kind)
    assert s.start < s.end <= len(text)


@pytest.mark.parametrize("text", [
    "This file photo taken on May 18, 2015 shows the town.",
    "The army said on 8 March 2016 that it had taken the hill, and ...",
    "A headline\nOn 8 March 2016 the army took the hill after a long battle with rebel fighters nearby.",
    "Published 31 February 2016 ...",                      # not a calendar date
    "Rebels shell a town Monitor AFP reported on 4 November 2016 ...",   # no weekday: not a stamp
    "",
])
def test_not_stamps(text):
    assert find_stamp(text) is None


def test_stamp_far_down_is_ignored():
    text = "\n".join(f"line {i} of the story" for i in range(20)) + "\nPublished March 3 2016"
    assert find_stamp(text) is None
