"""News dates: weekdays against publication, apostrophe-less possessives, "A two
days after B" (two dates), week ranges, numeric datelines. Made-up sentences in
the shapes of wire reports."""
from __future__ import annotations

from datetime import date
from typing import Optional

import pytest

from mapper.extract.dates import find_dateline, resolve_times, time_for_span
from mapper.extract.layout import build_layout
from mapper.model import Article

D = date
THU = D(2015, 2, 12)      # a Thursday
MON = D(2016, 5, 9)       # a Monday


def spans(text: str, published: Optional[date]) -> list[tuple[str, Optional[date], Optional[date], str]]:
    return [(t.text, t.span.start, t.span.end, t.span.precision)
            for t in resolve_times(Article(id="a", text=text, published=published))]


# (text, published, expression, start, end, precision)
WEEKDAYS = [
    # past-tense reporting: the most recent such weekday on or before publication
    ("The town was taken on Tuesday after two days of fighting.", THU, "on Tuesday",
     D(2015, 2, 10), D(2015, 2, 10), "day"),
    ("Rebels seized the hill on Thursday.", THU, "on Thursday", THU, THU, "day"),
    ("Rebels seized the hill on Friday.", THU, "on Friday", D(2015, 2, 6), D(2015, 2, 6), "day"),
    # published on a Monday: "on Monday" is the publication day itself
    ("Troops entered the village on Monday, the monitor said.", MON, "on Monday", MON, MON, "day"),
    ("Troops entered the village last Monday.", MON, "last Monday", D(2016, 5, 2), D(2016, 5, 2), "day"),
    ("Talks will resume on Monday.", D(2016, 5, 7), "on Monday", MON, MON, "day"),
    # apostrophe-less possessives (texts stripped of apostrophes)
    ("Tuesdays attack on the convoy killed 12.", THU, "Tuesdays", D(2015, 2, 10), D(2015, 2, 10), "day"),
    ("They cleared the site of Saturdays blast.", THU, "Saturdays", D(2015, 2, 7), D(2015, 2, 7), "day"),
    ("Medics counted the dead of yesterdays strikes.", THU, "yesterdays", D(2015, 2, 11), D(2015, 2, 11), "day"),
    # week ranges against publication
    ("The army regained control of two districts last week.", D(2015, 7, 10), "last week",
     D(2015, 6, 29), D(2015, 7, 5), "week"),
    ("Clashes went on earlier this week.", THU, "earlier this week", D(2015, 2, 9), D(2015, 2, 11), "week"),
]


@pytest.mark.parametrize("text,published,expr,start,end,precision", WEEKDAYS)
def test_news_expressions(text, published, expr, start, end, precision) -> None:
    found = [s for s in spans(text, published) if s[0] == expr]
    assert found, f"{expr!r} not found in {spans(text, published)}"
    assert found[0][1:] == (start, end, precision)


@pytest.mark.parametrize("text", [
    "Markets close on Tuesdays and Fridays.",
    "Tuesdays, the market is closed.",
])
def test_habitual_weekday_plurals_are_not_dates(text) -> None:
    assert spans(text, THU) == []


def clause_time(text: str, published: Optional[date], verb: str, place: str):
    """The time of the event whose words run from ``verb`` to ``place`` (its clause:
    the layout clause holding the verb)."""
    art = Article(id="a", text=text, published=published)
    lay = build_layout(text)
    times = resolve_times(art, None)
    a0 = text.index(verb)
    a1 = text.index(place, a0) + len(place)
    sent = lay.sentence_at(a0)
    clause = next(c for c in lay.clauses_of(sent) if c.start <= a0 < c.end)
    return time_for_span(times, clause.start, clause.end, sent.start, sent.end, published, (a0, a1))


# (text, published, (verb, place) of A, date of A, (verb, place) of B, date of B)
GAPS = [
    ("Kurdish fighters clashed with IS on Thursday. The YPG regained control of the village "
     "two days after it was seized by the jihadists, the monitor said.",
     THU, ("regained", "village"), THU, ("seized", "jihadists"), D(2015, 2, 10)),
    ("The rebels retook Saraqib on Sunday, two days after government forces captured the town.",
     D(2016, 2, 10), ("retook", "Saraqib"), D(2016, 2, 7), ("captured", "town"), D(2016, 2, 5)),
    ("Troops entered the town a day after rebels withdrew from it.",
     THU, ("entered", "town"), THU, ("withdrew", "it"), D(2015, 2, 11)),
]


@pytest.mark.parametrize("text,published,a_words,a_day,b_words,b_day", GAPS)
def test_a_n_days_after_b_gives_two_dates(text, published, a_words, a_day, b_words, b_day) -> None:
    a = clause_time(text, published, *a_words)
    b = clause_time(text, published, *b_words)
    assert (a.start, a.end) == (a_day, a_day)
    assert (b.start, b.end) == (b_day, b_day)


def test_weeks_after_is_a_week_range_before_the_story_day() -> None:
    found = [s for s in spans("The army entered Tal Rifaat a week after rebels left it.", THU) if s[0] == "after"]
    assert found == [("after", D(2015, 2, 2), D(2015, 2, 8), "week")]


def test_narrated_n_days_after_counts_forward_in_undated_texts() -> None:
    text = "On 5 June 2016 IS seized the village. Two days after the SDF retook it."
    found = [s for s in spans(text, None) if s[0].lower().startswith("two days")]
    assert found == [("Two days after", D(2016, 6, 7), D(2016, 6, 7), "day")]


@pytest.mark.parametrize("text,expected", [
    ("25-12-2014 30 militants killed in clashes in Hasakeh", D(2014, 12, 25)),
    ("Title of the story\n\n12/25/2014\n\nRebels advanced.", D(2014, 12, 25)),
    ("3.4.2017 Rebels advanced on Hama.", D(2017, 4, 3)),
    ("03/04/2017 Rebels advanced on Hama.", D(2017, 3, 4)),
    ("He said 3-4-2017 was the day.", None),
])
def test_numeric_datelines(text, expected) -> None:
    assert find_dateline(text) == expected


# (text, published, expression, day): "the Nth day of <period>" counted from a dated day of it
NTH_DAY = [
    ("Shelling killed 20 civilians on Sunday the fifth day of an incursion against IS. The town "
     "which Turkish-led forces captured on the first day of the incursion was hit.", D(2016, 8, 28),
     "on the first day of the incursion", D(2016, 8, 24)),
    ("Monday was the fourth day of intense air raids on the city. On the second day of the raids, "
     "rebels withdrew from the town.", D(2016, 8, 29), "On the second day of the raids", D(2016, 8, 27)),
    ("On 5 June 2016, the third day of the offensive, the SDF captured a hill. On the sixth day of "
     "the offensive, it entered the town.", None, "On the sixth day of the offensive", D(2016, 6, 8)),
]


@pytest.mark.parametrize("text,published,expr,day", NTH_DAY)
def test_nth_day_of_a_period(text, published, expr, day) -> None:
    found = [s for s in spans(text, published) if s[0] == expr]
    assert found == [(expr, day, day, "day")]


def test_nth_day_without_a_dated_day_is_no_date() -> None:
    assert spans("Rebels advanced on the third day of the offensive.", THU) == []
