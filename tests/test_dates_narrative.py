"""Narrative time (issue 9, class 1 and the date half of class 4): the year of a
year-less date is the story's current period, flashbacks stay in their year,
the story crosses a year boundary only when it moves on (December -> January),
relative days chain on the previous event date, headings date their section,
and each event takes the date of its own clause (``time_for_span`` anchors).

All sentences are made up in the shape of the failures (place names invented).
"""
from __future__ import annotations

from datetime import date
from typing import Optional

import pytest

from mapper.extract.dates import resolve_times, time_for_span
from mapper.extract.layout import build_layout
from mapper.model import Article

D = date


def times_of(text: str, published: Optional[date] = None, **kw):
    return resolve_times(Article(id="t", text=text, published=published, **kw))


def span_of(text: str, expr: str, published: Optional[date] = None, nth: int = 0, **kw):
    found = [t for t in times_of(text, published, **kw) if t.text == expr]
    assert len(found) > nth, f"{expr!r} not found in {[t.text for t in times_of(text, published, **kw)]}"
    s = found[nth].span
    return s.start, s.end, s.precision


# (text, expression, start, end, precision) - undated narratives
NARRATIVE = [
    # the latest explicit year sets the story's period
    ("In January 2016, the offensive began.\n\nOn 5 June, the army took Tel Qarm.",
     "On 5 June", D(2016, 6, 5), D(2016, 6, 5), "day"),
    ("On 31 May 2016, the SDF crossed the river.\n\nOn 2 June, they took Jisr al-Wadi.",
     "On 2 June", D(2016, 6, 2), D(2016, 6, 2), "day"),
    # a section heading year is the section's year
    ("== 2016 ==\nOn 14 March, rebels entered Kafr Dibs.", "On 14 March", D(2016, 3, 14), D(2016, 3, 14), "day"),
    ("### Operations in March 2017\nOn 3 March, the army stormed Tall Hawa.",
     "On 3 March", D(2017, 3, 3), D(2017, 3, 3), "day"),
    # a date earlier than the previous one stays in the same year (flashback / "as of")
    ("On 18 June 2016, the YPG took Ayn Jamal. On 16 June, ISIL had mined the road.",
     "On 16 June", D(2016, 6, 16), D(2016, 6, 16), "day"),
    ("On 20 June 2016, fighting went on. As of 9 June, ISIL held the silo.",
     "As of 9 June", None, D(2016, 6, 9), "day"),
    ("On 20 August 2016, the SDF took Qurt. The village had first fallen to ISIL in January.",
     "in January", D(2016, 1, 1), D(2016, 1, 31), "month"),
    # past perfect does not roll the year back for a small step forward ...
    ("On 16 November 2015, the SDF took Umm Dibs. By 30 November, the SDF had captured Tal Rmah.",
     "By 30 November", None, D(2015, 11, 30), "day"),
    # ... nor does a past-perfect aside far into the text
    ("On 14 November 2016, rebels took Suran. It marked the fourth time the town had changed hands. "
     "On 19 November, ISIL recaptured Suran.", "On 19 November", D(2016, 11, 19), D(2016, 11, 19), "day"),
    # the story crosses a year boundary only when it moves on: December then January
    ("On 28 December 2016, the army took Hill 42.\n\nOn 3 January, the army took Tell Burj.",
     "On 3 January", D(2017, 1, 3), D(2017, 1, 3), "day"),
    ("In late November 2016 the siege began. On 30 December, rebels entered the town. "
     "Between 2 and 3 January, they took two villages. On 8 January, they took Abu Zaid.",
     "On 8 January", D(2017, 1, 8), D(2017, 1, 8), "day"),
    # ... and then stays in the new year (no second roll)
    ("On 30 December 2016, the army advanced. On 2 January, it took Kfar Sama. On 1 January, it had shelled "
     "the village. On 5 January, it took Deir Rummah.", "On 5 January", D(2017, 1, 5), D(2017, 1, 5), "day"),
    # a flashback to a later calendar month in the past perfect is the previous year
    ("In early January 2017 the army advanced. It had retaken the hill from 8 to 11 December.",
     "from 8 to 11 December", D(2016, 12, 8), D(2016, 12, 11), "day"),
    # "since 2014" is background: it never becomes the story's year
    ("On 3 May 2016, rebels attacked. ISIL had held the town since 2014. On 6 May, rebels took it.",
     "On 6 May", D(2016, 5, 6), D(2016, 5, 6), "day"),
    # an explicit background date in the past perfect does not drag the story back
    ("On 10 June 2016, the SDF reached Abu Qilqil, which ISIL had seized on 12 January 2014. "
     "On 12 June, the SDF took it.", "On 12 June", D(2016, 6, 12), D(2016, 6, 12), "day"),
    # a weekday cannot be resolved in an undated text, and it does not end the story
    ("On 2 July 2016, the SDF advanced. On Wednesday, a car bomb hit the market. On 4 July, they took Hamra.",
     "On 4 July", D(2016, 7, 4), D(2016, 7, 4), "day"),
    # "from 3 to 6 October" / "between 4 and 5 October" are ranges; cross-month ranges too
    ("In September 2016, Turkey entered. From 3 to 6 October, rebels took five villages.",
     "From 3 to 6 October", D(2016, 10, 3), D(2016, 10, 6), "day"),
    ("In September 2016, Turkey entered. Between 4 and 5 October, rebels took Tal Amar.",
     "Between 4 and 5 October", D(2016, 10, 4), D(2016, 10, 5), "day"),
    ("Between 26 January and 12 February 2017, fighting raged near Rasm.",
     "Between 26 January and 12 February 2017", D(2017, 1, 26), D(2017, 2, 12), "day"),
    ("From 28 December to 3 January 2017, the army shelled Ma'an.",
     "From 28 December to 3 January 2017", D(2016, 12, 28), D(2017, 1, 3), "day"),
    # "By 23 November" is an end bound
    ("In November 2015, the SDF advanced. By 23 November, it had taken Khatuniyah.",
     "By 23 November", None, D(2015, 11, 23), "day"),
]


@pytest.mark.parametrize("text,expr,start,end,precision", NARRATIVE)
def test_narrative_years(text, expr, start, end, precision):
    assert span_of(text, expr) == (start, end, precision)


# relative days: the previous event date
RELATIVE = [
    ("On 5 June 2016, ISIL attacked Qarah. The next day, the SDF took it.", "The next day", D(2016, 6, 6)),
    ("On 5 June 2016, ISIL attacked Qarah. The following day, the SDF took it.", "The following day", D(2016, 6, 6)),
    ("On 5 June 2016, ISIL attacked Qarah. The next morning, the SDF took it.", "The next morning", D(2016, 6, 6)),
    ("On 5 June 2016, ISIL attacked Qarah. Later that day, the SDF took it.", "Later that day", D(2016, 6, 5)),
    ("On 5 June 2016, ISIL attacked Qarah. That night, the SDF took it.", "That night", D(2016, 6, 5)),
    ("On 5 June 2016, ISIL attacked Qarah. Two days later, the SDF took it.", "Two days later", D(2016, 6, 7)),
    ("On 5 June 2016, ISIL attacked Qarah. On the same day, the SDF took Bir.", "On the same day", D(2016, 6, 5)),
    # "the previous day" looks back and leaves the story's day where it was
    ("On 5 June 2016, the SDF took Bir, which it had shelled the previous day. The next day, it took Qarah.",
     "The next day", D(2016, 6, 6)),
]


@pytest.mark.parametrize("text,expr,day", RELATIVE)
def test_relative_days(text, expr, day):
    assert span_of(text, expr) == (day, day, "day")


def test_same_time_as_a_range_is_that_range():
    text = "Between 25 and 27 November 2016, rebels took Sulaym. At the same time, the army advanced."
    assert span_of(text, "At the same time") == (D(2016, 11, 25), D(2016, 11, 27), "day")


@pytest.mark.parametrize("text,expr,start,end", [
    ("On 3 August 2016, the SDF took Hal. Over the following days, it took Mankub.",
     "Over the following days", D(2016, 8, 4), D(2016, 8, 6)),
    ("On 3 August 2016, the SDF took Hal. The following week, it took Mankub.",
     "The following week", D(2016, 8, 4), D(2016, 8, 10)),
    ("On 3 August 2016, the SDF took Hal. Two weeks later, it took Mankub.",
     "Two weeks later", D(2016, 8, 14), D(2016, 8, 20)),
])
def test_relative_weeks(text, expr, start, end):
    assert span_of(text, expr) == (start, end, "week")


def test_coming_days_in_news_is_still_the_future():
    assert span_of("Talks will resume in the next few days.", "in the next few days", D(2016, 1, 4)) == \
        (D(2016, 1, 5), D(2016, 1, 11), "week")


# the year of a story whose first dates come before any explicit year
@pytest.mark.parametrize("text,title,path,expr,day", [
    # the first explicit date later in the text
    ("On 4 October, the army advanced. The next day it took Bu Layl. On 10 October 2017, it entered Muhasan.",
     None, None, "On 4 October", D(2017, 10, 4)),
    # ... a story starting in December before "In January 2017"
    ("On 29 December, the army massed troops. In January 2017 it attacked.",
     None, None, "On 29 December", D(2016, 12, 29)),
    # a year naming the subject comes first
    ("The 2016 Wadi Offensive was an operation. On 21 February, ISIL cut the road. "
     "In the aftermath, between 26 January and 12 February 2017, fighting resumed.",
     None, None, "On 21 February", D(2016, 2, 21)),
    # no year in the text: the title's, else the file name's
    ("On 17 January, the army attacked. On 1 February, it took Tall Zahab.",
     "Eastern Hama offensive (2017)", None, "On 1 February", D(2017, 2, 1)),
    ("On 17 January, the army attacked. On 1 February, it took Tall Zahab.",
     None, "/data/wiki/2017_eastern_hama_offensive.md", "On 1 February", D(2017, 2, 1)),
])
def test_story_year_before_the_first_explicit_year(text, title, path, expr, day):
    assert span_of(text, expr, title=title, path=path) == (day, day, "day")


def test_undated_text_without_any_year_stays_unknown():
    assert span_of("On 17 January, the army attacked.", "On 17 January") == (None, None, "unknown")


def test_publication_date_wins_over_title_and_path_years():
    assert span_of("On 17 January, the army attacked.", "On 17 January", D(2018, 3, 1),
                   title="Offensive (2015)", path="/x/2015_offensive.md") == (D(2018, 1, 17), D(2018, 1, 17), "day")


def test_heading_time_dates_its_section():
    text = ("Intro text.\n\n=== Assault (May 2017) ===\nThe army took Dibsi Afnan.\n\n"
            "== Aftermath ==\nRebels left Sabkha.")
    art = Article(id="t", text=text)
    lay = build_layout(text)
    times = resolve_times(art, lay)
    i = text.index("took Dibsi")
    s0, s1 = lay.sentence_bounds(i)
    assert time_for_span(times, s0, s1, s0, s1, None).start == D(2017, 5, 1)
    j = text.index("Rebels left")
    s0, s1 = lay.sentence_bounds(j)
    assert time_for_span(times, s0, s1, s0, s1, None).precision == "unknown", "a section's time ends with it"


def test_bare_year_heading_sets_the_year():
    text = "== 2015 ==\nOn 4 May, rebels took Jisr.\n\n== 2016 ==\nOn 2 February, the army retook Jisr."
    assert span_of(text, "On 4 May") == (D(2015, 5, 4), D(2015, 5, 4), "day")
    assert span_of(text, "On 2 February") == (D(2016, 2, 2), D(2016, 2, 2), "day")


# --------------------------------------------------------------------------- time of an event's clause

def clause_time(text: str, words: str, published: Optional[date] = None, nth: int = 0, anchored: bool = True):
    """The time of the event whose words (verb .. place) are ``words``."""
    art = Article(id="t", text=text, published=published)
    lay = build_layout(text)
    times = resolve_times(art, lay)
    a0 = -1
    for _ in range(nth + 1):
        a0 = text.index(words, a0 + 1)
    a1 = a0 + len(words)
    s0, s1 = lay.sentence_bounds(a0)
    sent = lay.sentence_at(a0)
    c0, c1 = next(((c.start, c.end) for c in lay.clauses_of(sent) if c.start <= a0 < c.end), (s0, s1))
    span = time_for_span(times, c0, c1, s0, s1, published, (a0, a1) if anchored else None)
    return span.start, span.end


@pytest.mark.parametrize("text,words,nth,start,end", [
    # two dates in one sentence: each event the date that governs it
    ("On 13 November 2015, the SDF captured Hawl and the camp, and on 16 November, the SDF captured Rajm.",
     "captured Hawl", 0, D(2015, 11, 13), D(2015, 11, 13)),
    ("On 13 November 2015, the SDF captured Hawl and the camp, and on 16 November, the SDF captured Rajm.",
     "captured Rajm", 0, D(2015, 11, 16), D(2015, 11, 16)),
    # a trailing date belongs to the verb before it
    ("In June 2016 ISIL took Qabr on 5 June and the SDF took Hamam on 9 June.",
     "took Hamam", 0, D(2016, 6, 9), D(2016, 6, 9)),
    ("In June 2016 ISIL took Qabr on 5 June and the SDF took Hamam on 9 June.",
     "took Qabr", 0, D(2016, 6, 5), D(2016, 6, 5)),
    ("It began in September 2016 and ended with the capture of Dabbas by rebels on 16 October.",
     "capture of Dabbas", 0, D(2016, 10, 16), D(2016, 10, 16)),
    # "after an assault on 5 June": the date of its own sentence, not the previous one's
    ("On 3 June 2016, the SDF shelled Arab Hasan.\nThe SDF took Arab Hasan, after an assault on 5 June.",
     "took Arab Hasan", 0, D(2016, 6, 5), D(2016, 6, 5)),
    # a date in a relative clause is that clause's own
    ("On 25 February 2016, the army shelled Rasm. Government forces seized Shilalah, "
     "which they had breached the previous day.", "seized Shilalah", 0, D(2016, 2, 25), D(2016, 2, 25)),
    # ... and so is a date in a "before" clause (it is after the main event)
    ("On 1 March 2017, the army shelled Arimah.\nRebels took three villages from the SDF before the SDF "
     "retook them the following day.", "took three villages", 0, D(2017, 3, 1), D(2017, 3, 1)),
])
def test_time_of_an_event_clause_in_narratives(text, words, nth, start, end):
    assert clause_time(text, words, nth=nth) == (start, end)


@pytest.mark.parametrize("text,published,words,start,end", [
    # news: two events, two dates in one sentence
    ("They were driven out of Sukhna in April 2016 but retook the town last October.", D(2017, 3, 1),
     "driven out of Sukhna", D(2016, 4, 1), D(2016, 4, 30)),
    ("They were driven out of Sukhna in April 2016 but retook the town last October.", D(2017, 3, 1),
     "retook the town", D(2016, 10, 1), D(2016, 10, 31)),
    ("IS took the town of Qaryat in August last year.", D(2016, 3, 2), "took the town of Qaryat",
     D(2015, 8, 1), D(2015, 8, 31)),
    ("Troops shelled Jubb, which rebel forces recaptured last Friday.", D(2016, 3, 24),
     "recaptured", D(2016, 3, 18), D(2016, 3, 18)),
    # a trailing date behind another clause opener ("which it had lost in March") is not the event's
    ("However earlier this month it launched an attack on Tadmur to retake the city which it had lost in "
     "March to the army.", D(2016, 12, 19), "attack on Tadmur", D(2016, 12, 1), D(2016, 12, 19)),
    ("However earlier this month it launched an attack on Tadmur to retake the city which it had lost in "
     "March to the army.", D(2016, 12, 19), "city which it had lost", D(2016, 3, 1), D(2016, 3, 31)),
    # a main clause of a news report without its own date: the publication day
    ("Troops entered Dumayr after advancing on Wednesday.", D(2016, 3, 24),
     "entered Dumayr", D(2016, 3, 24), D(2016, 3, 24)),
])
def test_time_of_an_event_clause_in_news(text, published, words, start, end):
    assert clause_time(text, words, published) == (start, end)


def test_time_for_span_without_anchor_keeps_the_clause_rule():
    text = "On 13 November 2015, the SDF captured Hawl, and on 16 November, it captured Rajm."
    assert clause_time(text, "it captured Rajm", anchored=False) == (D(2015, 11, 16), D(2015, 11, 16))


def test_anchor_outside_the_clause_is_clipped():
    # the place named earlier in the sentence must not pull in the first clause's date
    text = "The army lost Palmyra to IS in December, having first recaptured it last March."
    art = Article(id="t", text=text, published=D(2017, 3, 2))
    lay = build_layout(text)
    times = resolve_times(art, lay)
    c0 = text.index("having")
    span = time_for_span(times, c0, len(text), 0, len(text), art.published,
                         (text.index("Palmyra"), text.index("recaptured") + len("recaptured")))
    assert (span.start, span.end) == (D(2016, 3, 1), D(2016, 3, 31))


# --------------------------------------------------------------------------- news keeps its rules

@pytest.mark.parametrize("text,published,expr,start,end,precision", [
    ("In 2014, IS grew. In June, it took Mosul.", D(2016, 3, 1), "In June", D(2014, 6, 1), D(2014, 6, 30), "month"),
    ("IS first took it in 2015.\n\nRebels left Aleppo in December.", D(2017, 3, 1), "in December",
     D(2016, 12, 1), D(2016, 12, 31), "month"),
    ("The town fell on 31 December.", D(2017, 1, 2), "on 31 December", D(2016, 12, 31), D(2016, 12, 31), "day"),
    # a weekday brings a news text back to its publication date
    ("In August 2015, IS blew up the temple. On Monday, troops entered. On 2 March, they took the citadel.",
     D(2016, 3, 24), "On 2 March", D(2016, 3, 2), D(2016, 3, 2), "day"),
])
def test_news_rules_unchanged(text, published, expr, start, end, precision):
    assert span_of(text, expr, published) == (start, end, precision)


@pytest.mark.parametrize("published", [D(1, 1, 1), D(1, 1, 3), D(9999, 12, 31), D(9999, 12, 25)])
def test_calendar_ends_do_not_crash(published):
    text = ("On Monday, last week, next week, yesterday, last year, next year, May next year, next month, "
            "two years ago, in the coming days, the following week, In March, on 31 December, 3 months ago.")
    for t in times_of(text, published):
        s = t.span
        assert s.start is None or s.end is None or s.start <= s.end


def test_carry_over_after_a_by_date_is_that_day():
    text = "By 20 October 2017, the army had crossed the river.\nISIL then pushed the army back from Dhiban."
    art = Article(id="t", text=text)
    lay = build_layout(text)
    times = resolve_times(art, lay)
    i = text.index("ISIL then")
    s0, s1 = lay.sentence_bounds(i)
    span = time_for_span(times, s0, s1, s0, s1, None)
    assert (span.start, span.end, span.precision) == (D(2017, 10, 20), D(2017, 10, 20), "day")


@pytest.mark.parametrize("published,expected", [
    (None, (D(2015, 5, 1), D(2015, 5, 31))),            # a narrative: the month dates its paragraph
    (D(2015, 7, 1), (D(2015, 7, 1), D(2015, 7, 1))),    # news: month mentions are background
])
def test_initial_month_carries_in_its_paragraph_only_in_narratives(published, expected):
    text = "During May 2015, the YPG took much land. The YPG captured Mabruk and Tell Tamr.\n\nRebels left Qamishli."
    art = Article(id="t", text=text, published=published)
    lay = build_layout(text)
    times = resolve_times(art, lay)
    i = text.index("The YPG captured")
    s0, s1 = lay.sentence_bounds(i)
    span = time_for_span(times, s0, s1, s0, s1, published)
    assert (span.start, span.end) == expected
    j = text.index("Rebels left")
    s0, s1 = lay.sentence_bounds(j)
    span = time_for_span(times, s0, s1, s0, s1, published)
    assert span.precision == ("unknown" if published is None else "day")


# news: an old explicit year in passing does not date the report's year-less dates
@pytest.mark.parametrize("text,published,expr,start", [
    ("The uprising began in March 2011. Rebels surrounded Hader on June 17 after clashes.", D(2015, 7, 29),
     "on June 17", D(2015, 6, 17)),
    ("In 2014 IS took control of Manbij. The SDF launched its offensive on May 31 from the east.", D(2016, 6, 26),
     "on May 31", D(2016, 5, 31)),
    ("There were 135 attacks on clinics in 2015. In late July four hospitals were hit.", D(2016, 8, 6),
     "In late July", D(2016, 7, 1)),
    # ... but one opening its sentence dates the story that follows it
    ("In March 2011, protests began in Deraa. On 25 March, troops fired on them.", D(2015, 7, 29),
     "On 25 March", D(2011, 3, 25)),
    ("In 2014, IS grew. In June, it took Mosul.", D(2016, 3, 1), "In June", D(2014, 6, 1)),
    # a recent explicit year keeps dating the story
    ("In early January 2017 the offensive began. On 14 January the town fell.", D(2018, 6, 1),
     "On 14 January", D(2017, 1, 14)),
    # timeline labels: "* 2011: - In June ..."
    ("1982: - Hama was crushed in February. * 2011: - In June forces killed 20. - On July 2 the governor left.",
     D(2014, 8, 1), "On July 2", D(2011, 7, 2)),
])
def test_news_background_years(text, published, expr, start):
    assert span_of(text, expr, published)[0] == start
