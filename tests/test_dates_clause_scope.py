"""Clause scope of dates (issue 9): a time in a relative or subordinate clause
dates only the events whose trigger is inside that clause; the main clause's
event takes the main clause's time (or the story's current time).

Sentences are made up, in the shapes seen in narratives and news.
"""
from __future__ import annotations

from datetime import date as D
from typing import Optional

import pytest

from mapper.extract.article import extract_article
from mapper.model import Article

PUB = D(2016, 3, 24)   # a Thursday


def event_days(text: str, published: Optional[D] = None) -> set[tuple[str, str, Optional[D], Optional[D]]]:
    """(kind, place, start, end) of the events extracted from ``text``."""
    events = extract_article(Article(id="t", text=text, published=published)).events
    return {(e.kind, e.place_name, e.time.start, e.time.end) for e in events}


@pytest.mark.parametrize("text,published,kind,place,day", [
    # a bare relative ("a village they lost the previous day") dates only the loss
    ("On 14 March 2016, the rebels captured Tal Rifaat and also retook a village they lost the previous day.",
     None, "capture", "Tell Rifaat", D(2016, 3, 14)),
    ("The rebels captured Azaz and also retook a village they lost on Tuesday.",
     PUB, "capture", "Azaz", PUB),
    # a "that" relative nested between the verb and its place
    ("On 3 May 2017, the army recaptured 9 villages near Azaz that they had lost the previous day, "
     "including Marea.", None, "capture", "Mare'", D(2017, 5, 3)),
    # ... also when the main clause's date is carried from the previous sentence
    ("On 3 May 2017, the army shelled Azaz.\nThe army recaptured 9 villages near Azaz that they had lost "
     "the previous day, including Marea.", None, "capture", "Mare'", D(2017, 5, 3)),
    ("On 9 April 2017, rebels recaptured five villages north of Manbij which they had lost on 7 April, "
     "including Tal Rifaat.", None, "capture", "Tell Rifaat", D(2017, 4, 9)),
    # which-clauses: the main event keeps the main date, the relative event its own
    ("On 14 March 2016, the rebels captured Tal Rifaat and also retook Marea, which they lost the previous day.",
     None, "capture", "Mare'", D(2016, 3, 14)),
    ("On 3 June 2016, the SDF shelled Manbij.\nThe SDF captured Tal Rifaat, which ISIL had seized on 1 June.",
     None, "capture", "Tell Rifaat", D(2016, 6, 3)),
    ("On 3 June 2016, the SDF shelled Manbij.\nThe SDF captured Tal Rifaat, which ISIL had seized on 1 June.",
     None, "capture", "Tell Rifaat", D(2016, 6, 1)),
    ("Government forces seized Jarablus, which they had breached the previous day.",
     PUB, "capture", "Jarabulus", PUB),
    # rows that must keep working: the event inside the relative clause takes its date
    ("The rebels shelled Azaz. Jarablus, which rebels captured last Friday, was quiet.",
     PUB, "capture", "Jarabulus", D(2016, 3, 18)),
    # narratives: an "after" clause's date dates the main clause (docs/TIME.md, step 4 / step 1)
    ("On 3 June 2016, the SDF shelled Manbij.\nThe SDF captured Tal Rifaat, after an assault on 5 June.",
     None, "capture", "Tell Rifaat", D(2016, 6, 5)),
    ("On 3 June 2016, the SDF shelled Manbij.\nAfter an assault on 5 June, the SDF captured Tal Rifaat.",
     None, "capture", "Tell Rifaat", D(2016, 6, 5)),
    # news: "A, two days after B" - A keeps its own day, B is two days before
    ("The army seized Manbij on Monday, two days after it lost Azaz.",
     PUB, "capture", "Manbij", D(2016, 3, 21)),
    ("The army seized Manbij on Monday, two days after it lost Azaz.",
     PUB, "withdrawal", "Azaz", D(2016, 3, 19)),
    # a trailing date of the event's own verb still counts
    ("On 1 May 2017, the army shelled Azaz.\nThe rebels captured Marea on 4 May.",
     None, "capture", "Mare'", D(2017, 5, 4)),
])
def test_clause_dates_only_its_own_events(text, published, kind, place, day):
    got = event_days(text, published)
    assert (kind, place, day, day) in got, got


@pytest.mark.parametrize("text,published,kind,place,wrong", [
    ("On 14 March 2016, the rebels captured Tal Rifaat and also retook a village they lost the previous day.",
     None, "capture", "Tell Rifaat", D(2016, 3, 13)),
    ("On 3 May 2017, the army recaptured 9 villages near Azaz that they had lost the previous day, "
     "including Marea.", None, "capture", "Mare'", D(2017, 5, 2)),
])
def test_relative_clause_date_is_not_the_main_events(text, published, kind, place, wrong):
    got = event_days(text, published)
    assert not any(k == kind and p == place and s == wrong for k, p, s, _ in got), got
