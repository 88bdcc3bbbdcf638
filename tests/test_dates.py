"""Time expressions: datelines, resolve_times on the seeds and a tricky table, time_for_span, codes."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import pytest

from mapper.read.cleaning import debris_start
from mapper.extract.dates import (TimeMention, acled_time_precision, find_dateline, parse_date_value, resolve_times,
                          sentence_bounds, time_for_span, ucdp_date_prec)
from mapper.model import Article, TimeSpan

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PUB = {"000": date(2015, 11, 24), "001": date(2016, 12, 11), "002": date(2016, 3, 24), "003": None,
       "004": date(2017, 3, 1)}
D = date


def seed(prefix: str) -> Article:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return Article(id=path.stem, text=text, published=PUB[prefix], body_end=debris_start(text))


def mention(times: list[TimeMention], text: str, nth: int = 0) -> TimeMention:
    found = [t for t in times if t.text == text]
    assert len(found) > nth, f"{text!r} not found in {[t.text for t in times]}"
    return found[nth]


# (seed, expression, nth occurrence, start, end, precision)
SEED_TABLE = [
    ("000", "on Monday", 0, D(2015, 11, 23), D(2015, 11, 23), "day"),
    ("000", "on Tuesday", 0, D(2015, 11, 24), D(2015, 11, 24), "day"),
    ("000", "By November 23", 0, None, D(2015, 11, 23), "day"),
    ("000", "late May", 0, D(2015, 5, 1), D(2015, 5, 31), "month"),
    ("000", "over the weekend", 0, D(2015, 11, 21), D(2015, 11, 22), "week"),
    ("000", "earlier this week", 0, D(2015, 11, 23), D(2015, 11, 23), "week"),
    ("000", "this past Sunday", 0, D(2015, 11, 22), D(2015, 11, 22), "day"),
    ("001", "on Sunday", 0, D(2016, 12, 11), D(2016, 12, 11), "day"),
    ("001", "On Saturday", 0, D(2016, 12, 10), D(2016, 12, 10), "day"),
    ("001", "Saturday’s", 0, D(2016, 12, 10), D(2016, 12, 10), "day"),
    ("001", "In March", 0, D(2016, 3, 1), D(2016, 3, 31), "month"),
    ("001", "In August 2015", 0, D(2015, 8, 1), D(2015, 8, 31), "month"),
    ("001", "in May 2015", 0, D(2015, 5, 1), D(2015, 5, 31), "month"),
    ("002", "on Wednesday", 0, D(2016, 3, 23), D(2016, 3, 23), "day"),
    ("002", "on Thursday", 0, D(2016, 3, 24), D(2016, 3, 24), "day"),
    ("002", "early Thursday", 0, D(2016, 3, 24), D(2016, 3, 24), "day"),
    ("002", "since May last year", 0, D(2015, 5, 1), D(2015, 5, 31), "month"),
    ("004", "on Wednesday", 0, D(2017, 3, 1), D(2017, 3, 1), "day"),
    ("004", "last March", 0, D(2016, 3, 1), D(2016, 3, 31), "month"),
    ("004", "in December", 0, D(2016, 12, 1), D(2016, 12, 31), "month"),
    ("004", "in December", 1, D(2016, 12, 1), D(2016, 12, 31), "month"),
    ("004", "in 2015", 0, D(2015, 1, 1), D(2015, 12, 31), "year"),
    ("003", "on Tuesday", 0, None, None, "unknown"),
    ("003", "In May", 0, None, None, "unknown"),
]


@pytest.mark.parametrize("prefix,expr,nth,start,end,precision", SEED_TABLE)
def test_seed_expressions(prefix: str, expr: str, nth: int, start: Optional[date], end: Optional[date],
                          precision: str) -> None:
    art = seed(prefix)
    t = mention(resolve_times(art), expr, nth)
    assert art.text[t.start:t.end] == expr
    assert (t.span.start, t.span.end, t.span.precision) == (start, end, precision)
    assert t.span.text == expr


def test_caption_and_debris_dates_are_not_mentions() -> None:
    times = resolve_times(seed("002"))
    assert not any("2015" in t.text for t in times), "the file-photo caption date is boilerplate"
    art = seed("000")
    assert all(t.end <= art.body_end for t in resolve_times(art))


# (text, published, expression, nth, start, end, precision)
TRICKY = [
    # narrative years: explicit year anchors a later year-less day
    ("In early January 2017 the offensive began. On 14 January the town fell.", D(2018, 6, 1),
     "On 14 January", 0, D(2017, 1, 14), D(2017, 1, 14), "day"),
    # past perfect + a month later than the narrative month -> previous year
    ("In early January 2017 the army advanced. It had retaken the hill from 8 to 11 December.", D(2018, 6, 1),
     "from 8 to 11 December", 0, D(2016, 12, 8), D(2016, 12, 11), "day"),
    # the same range with no narrative: publication rule
    ("The army had retaken the hill from 8 to 11 December.", D(2017, 3, 2),
     "from 8 to 11 December", 0, D(2016, 12, 8), D(2016, 12, 11), "day"),
    # simple past moves forward from the anchor: August 2015 ... In March -> March 2016
    ("In August 2015, IS blew up the temple.\n\nIn March, troops retook the city.", D(2016, 12, 11),
     "In March", 0, D(2016, 3, 1), D(2016, 3, 31), "month"),
    # "the next day" chains
    ("Rebels attacked on 3 February 2016. The army counterattacked the next day.", None,
     "the next day", 0, D(2016, 2, 4), D(2016, 2, 4), "day"),
    ("Rebels attacked on 3 February 2016. The army counterattacked the next day. "
     "Two days later the town fell.", None, "Two days later", 0, D(2016, 2, 6), D(2016, 2, 6), "day"),
    ("Fighting began on Monday. The following day the town fell.", D(2016, 3, 24),
     "The following day", 0, D(2016, 3, 22), D(2016, 3, 22), "day"),
    ("The town fell the next day.", D(2016, 3, 24), "the next day", 0, None, None, "unknown"),
    # weekday on publication day; last = strictly before
    ("Forces advanced on Thursday.", D(2016, 3, 24), "on Thursday", 0, D(2016, 3, 24), D(2016, 3, 24), "day"),
    ("Forces advanced last Thursday.", D(2016, 3, 24), "last Thursday", 0, D(2016, 3, 17), D(2016, 3, 17), "day"),
    ("Talks will resume on Monday.", D(2016, 3, 24), "on Monday", 0, D(2016, 3, 28), D(2016, 3, 28), "day"),
    # leap years
    ("The town fell on 29 February.", D(2017, 3, 1), "on 29 February", 0, D(2016, 2, 29), D(2016, 2, 29), "day"),
    ("The siege ended in February.", D(2016, 3, 1), "in February", 0, D(2016, 2, 1), D(2016, 2, 29), "month"),
    # Jan / Dec boundaries
    ("The town fell on Friday.", D(2017, 1, 2), "on Friday", 0, D(2016, 12, 30), D(2016, 12, 30), "day"),
    ("The town fell in December.", D(2017, 1, 5), "in December", 0, D(2016, 12, 1), D(2016, 12, 31), "month"),
    ("The town fell last week.", D(2017, 1, 2), "last week", 0, D(2016, 12, 26), D(2017, 1, 1), "week"),
    ("The town fell last month.", D(2017, 1, 2), "last month", 0, D(2016, 12, 1), D(2016, 12, 31), "month"),
    ("The town fell on 31 December.", D(2017, 1, 2), "on 31 December", 0, D(2016, 12, 31), D(2016, 12, 31), "day"),
    ("The town fell yesterday.", D(2017, 1, 1), "yesterday", 0, D(2016, 12, 31), D(2016, 12, 31), "day"),
    # months relative to publication
    ("IS took it in May last year.", D(2016, 3, 24), "in May last year", 0, D(2015, 5, 1), D(2015, 5, 31), "month"),
    ("It fell last year.", D(2016, 3, 24), "last year", 0, D(2015, 1, 1), D(2015, 12, 31), "year"),
    ("In March the army returned.", D(2017, 3, 20), "In March", 0, D(2017, 3, 1), D(2017, 3, 31), "month"),
    # absolute forms, also undated
    ("A photo taken on May 18, 2015.", None, "on May 18, 2015", 0, D(2015, 5, 18), D(2015, 5, 18), "day"),
    ("They met Nov. 24, 2015 in Vienna.", None, "Nov. 24, 2015", 0, D(2015, 11, 24), D(2015, 11, 24), "day"),
    ("Report dated 2015-11-24.", None, "2015-11-24", 0, D(2015, 11, 24), D(2015, 11, 24), "day"),
    ("In August 2015, IS blew up the temple.", None, "In August 2015", 0, D(2015, 8, 1), D(2015, 8, 31), "month"),
    ("Clashes on December 8-11, 2016 left dozens dead.", None, "on December 8-11, 2016", 0,
     D(2016, 12, 8), D(2016, 12, 11), "day"),
    # undated + relative -> unknown, never invented
    ("Forces advanced on Monday.", None, "on Monday", 0, None, None, "unknown"),
    ("The town fell last week.", None, "last week", 0, None, None, "unknown"),
    # a year-only anchor holds for its paragraph only
    ("IS first took it in 2015.\n\nRebels left Aleppo in December.", D(2017, 3, 1),
     "in December", 0, D(2016, 12, 1), D(2016, 12, 31), "month"),
    ("In 2014, IS grew. In June, it took Mosul.", D(2016, 3, 1), "In June", 0, D(2014, 6, 1), D(2014, 6, 30), "month"),
]


@pytest.mark.parametrize("text,published,expr,nth,start,end,precision", TRICKY)
def test_tricky_expressions(text: str, published: Optional[date], expr: str, nth: int,
                            start: Optional[date], end: Optional[date], precision: str) -> None:
    t = mention(resolve_times(Article(id="t", text=text, published=published)), expr, nth)
    assert text[t.start:t.end] == expr
    assert (t.span.start, t.span.end, t.span.precision) == (start, end, precision)


@pytest.mark.parametrize("text", [
    "The regime's march on Palmyra may continue.",          # lowercase march / may
    "UN resolution 2254 was adopted.",                        # not a year
    "Some 15,000 of Palmyra's 70,000 residents stayed.",      # numbers
])
def test_no_false_time_mentions(text: str) -> None:
    assert resolve_times(Article(id="t", text=text, published=D(2016, 3, 24))) == []


@pytest.mark.parametrize("text,expected", [
    ("Title\n\n24 November 2015\n\nAMMAN: Syrian forces ...", D(2015, 11, 24)),
    ("Title\nNovember 24, 2015\nBody", D(2015, 11, 24)),
    ("Title\nNov. 24, 2015 10:32 GMT\nBody", D(2015, 11, 24)),
    ("Title\nPublished: 2015-11-24\nBody", D(2015, 11, 24)),
    ("Title\nTuesday, 24 November 2015\nBody", D(2015, 11, 24)),
    ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use", D(2017, 4, 5)),
    ("This file photo taken on May 18, 2015 shows the castle", None),
    ("Title\n\nForces advanced on 24 November 2015 towards the city.\n", None),
    ("Title\n\n" + "x" * 2000 + "\n24 November 2015\n", None),  # too far down
    ("Title\n31 February 2015\n", None),  # not a date
])
def test_find_dateline(text: str, expected: Optional[date]) -> None:
    assert find_dateline(text) == expected


def test_seed_datelines() -> None:
    assert find_dateline(seed("000").text) == D(2015, 11, 24)
    for p in ("001", "002", "003", "004"):
        assert find_dateline(seed(p).text) is None, p


@pytest.mark.parametrize("value,expected", [
    ("3/19/17", D(2017, 3, 19)), ("12/1/16", D(2016, 12, 1)), ("19/3/2017", D(2017, 3, 19)),
    ("2015-11-24", D(2015, 11, 24)), ("2015-11-24T10:00:00Z", D(2015, 11, 24)),
    ("24 November 2015", D(2015, 11, 24)), ("Tue, 24 Nov 2015 10:00:00 GMT", D(2015, 11, 24)),
    ("", None), ("not a date", None), ("2/30/16", None), (D(2015, 1, 2), D(2015, 1, 2)),
])
def test_parse_date_value(value: object, expected: Optional[date]) -> None:
    assert parse_date_value(value) == expected


# time_for_span on seed clauses: (seed, anchor phrase of the event, start, end, precision, source text)
CLAUSES = [
    ("000", "captured the al-Qadri Farms", D(2015, 11, 23), D(2015, 11, 23), "day", "on Monday"),
    ("000", "had won parts of the al-Hayal Heights", None, D(2015, 11, 23), "day", "By November 23"),
    ("000", "its fall to IS", D(2015, 5, 1), D(2015, 5, 31), "month", "late May"),
    ("000", "a string of IS positions", D(2015, 11, 21), D(2015, 11, 22), "week", "over the weekend"),
    ("001", "recaptured the ancient city of Palmyra", D(2016, 12, 11), D(2016, 12, 11), "day", "on Sunday"),
    ("001", "obliged to evacuate their headquarters", D(2016, 12, 11), D(2016, 12, 11), "day", "published"),
    ("001", "forcing its defenders to withdraw", D(2016, 12, 10), D(2016, 12, 10), "day", "On Saturday"),
    ("001", "reassert control over Palmyra", D(2016, 3, 1), D(2016, 3, 31), "month", "In March"),
    ("002", "entered the historic city of Palmyra", D(2016, 3, 24), D(2016, 3, 24), "day", "published"),
    ("002", "after advancing to within two kilometres", D(2016, 3, 23), D(2016, 3, 23), "day", "on Wednesday"),
    ("002", "have taken full control of Al-Tar hilltop", D(2016, 3, 24), D(2016, 3, 24), "day", "published"),
    ("004", "it had captured an area", D(2017, 3, 1), D(2017, 3, 1), "day", "on Wednesday"),
    ("004", "first recaptured it", D(2016, 3, 1), D(2016, 3, 31), "month", "last March"),
    ("003", "recaptured parts of the ancient Palmyra", None, None, "unknown", "on Tuesday"),
    ("003", "recaptured several neighborhoods", None, None, "unknown", ""),
]


@pytest.mark.parametrize("prefix,phrase,start,end,precision,source", CLAUSES)
def test_time_for_span_on_seeds(prefix: str, phrase: str, start: Optional[date], end: Optional[date],
                                precision: str, source: str) -> None:
    art = seed(prefix)
    s = art.text.index(phrase)
    e = s + len(phrase)
    s0, s1 = sentence_bounds(art.text, s)
    span = time_for_span(resolve_times(art), s, e, s0, s1, art.published)
    assert (span.start, span.end, span.precision, span.text) == (start, end, precision, source)


@pytest.mark.parametrize("precision,code", [("day", 1), ("week", 2), ("month", 3), ("year", 3), ("unknown", 3)])
def test_acled_precision(precision: str, code: int) -> None:
    assert acled_time_precision(precision) == code


def test_acled_precision_of_spans() -> None:
    assert acled_time_precision(TimeSpan(D(2016, 12, 8), D(2016, 12, 11), "day")) == 2
    assert acled_time_precision(TimeSpan(None, D(2015, 11, 23), "day")) == 3
    assert acled_time_precision(TimeSpan(D(2016, 12, 8), D(2016, 12, 8), "day")) == 1


@pytest.mark.parametrize("span,code", [
    (TimeSpan(D(2016, 12, 8), D(2016, 12, 8), "day"), 1),
    (TimeSpan(D(2016, 12, 8), D(2016, 12, 11), "day"), 2),
    (TimeSpan(D(2015, 11, 21), D(2015, 11, 22), "week"), 2),
    (TimeSpan(D(2016, 12, 5), D(2016, 12, 11), "week"), 3),
    (TimeSpan(D(2016, 3, 1), D(2016, 3, 31), "month"), 4),
    (TimeSpan(D(2016, 2, 1), D(2016, 2, 29), "month"), 4),
    (TimeSpan(D(2015, 1, 1), D(2015, 12, 31), "year"), 5),
    (TimeSpan(None, D(2015, 11, 23), "day"), 5),
    (TimeSpan(), 5),
])
def test_ucdp_precision(span: TimeSpan, code: int) -> None:
    assert ucdp_date_prec(span) == code
