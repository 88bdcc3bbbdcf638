"""Publication dates of read articles: Markdown front matter (pubDate / date /
published... unless only the date a copy was made) and a corpus date column
against the text's own dateline."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import pytest

from mapper.extract.dates import resolve_times
from mapper.model import Article
from mapper.read.readers import read_single

NEWS_BODY = "Government forces captured the town of Saraqib on Tuesday, a monitor said.\n"
NARRATIVE_BODY = ("The 2016 Saraqib offensive was launched by the army.\n\n"
                  "On 5 June 2016, the army captured Tell Mardikh. On 9 June, it entered Saraqib.\n")


def read_md(tmp_path: Path, front: str, body: str) -> Article:
    p = tmp_path / "story.md"
    p.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    a = read_single(p)
    assert isinstance(a, Article), a
    return a


# (front matter, expected publication date)
KEYS = [
    ("pubDate: 2017-03-16\n", date(2017, 3, 16)),
    ("pubDate: 2017-03-16 21:10\n", date(2017, 3, 16)),
    ("date: 2017-03-16\n", date(2017, 3, 16)),
    ("published: March 16, 2017\n", date(2017, 3, 16)),
    ("publishDate: '2017-03-16T08:00:00Z'\n", date(2017, 3, 16)),
    ("datePublished: 16 March 2017\n", date(2017, 3, 16)),
    # the specific key wins over a generic one; a list is a period, not a day
    ("date: 2017-01-01\npubDate: 2017-03-16\n", date(2017, 3, 16)),
    ("date:\n  - 10 – 16 March 2017\npubDate: 2017-03-16\n", date(2017, 3, 16)),
]


@pytest.mark.parametrize("front,expected", KEYS)
def test_front_matter_publication_date(tmp_path: Path, front: str, expected: date) -> None:
    a = read_md(tmp_path, "title: Army takes Saraqib\n" + front, NEWS_BODY)
    assert (a.published, a.published_source) == (expected, "metadata")
    assert not any(k == "date_warning" for k, _ in a.meta)
    # the date dates the text: "on Tuesday" is the Tuesday on or before it
    t = [m for m in resolve_times(a) if m.text == "on Tuesday"][0]
    assert t.span.start == date(2017, 3, 14)


@pytest.mark.parametrize("front,published", [
    # a narrative of 2016 copied in 2023: the copy date is not its publication date
    ("subject: 2016 Saraqib offensive\npubDate: 2023-08-26 03:08\ndate:\n  - 5 – 9 June 2016\n", None),
    ("pubDate: 2023-08-26\n", None),
    # the same narrative published within a year of its events: a real date
    ("pubDate: 2016-12-30\n", date(2016, 12, 30)),
])
def test_copy_date_of_a_narrative(tmp_path: Path, front: str, published: Optional[date]) -> None:
    a = read_md(tmp_path, front, NARRATIVE_BODY)
    assert a.published == published
    if published is None:
        warnings = [m for k, m in a.meta if k == "date_warning"]
        assert warnings and "copy" in warnings[0] and "'2023-08-26'" in warnings[0]
        # undated: the narrative's own years date it
        t = [m for m in resolve_times(a) if m.text == "On 9 June"][0]
        assert t.span.start == date(2016, 6, 9)


def test_news_recalling_old_years_keeps_its_date(tmp_path: Path) -> None:
    body = ("Rebels seized the village on Tuesday, a day after heavy shelling. The war began in 2011. "
            "Yesterday, the army shelled the area again.\n")
    a = read_md(tmp_path, "pubDate: 2017-03-16\n", body)
    assert a.published == date(2017, 3, 16)


def test_unusable_front_matter_date_is_a_warning_and_the_dateline_is_tried(tmp_path: Path) -> None:
    a = read_md(tmp_path, "pubDate: someday\n", "Title line of it\n\n24 November 2015\n\n" + NEWS_BODY)
    assert (a.published, a.published_source) == (date(2015, 11, 24), "dateline")
    assert any(k == "date_warning" and "someday" in m for k, m in a.meta)


# (date column, text, expected published, source)
COLUMN_VS_DATELINE = [
    ("10/4/16", "Wed 26 Oct 2016 Kurdish forces took the village.", date(2016, 10, 26), "dateline"),
    ("10/26/16", "Wed 26 Oct 2016 Kurdish forces took the village.", date(2016, 10, 26), "column"),
    ("10/4/16", "Kurdish forces took the village on 26 October 2016.", date(2016, 10, 4), "column"),
    ("", "25-12-2014 Kurdish forces took the village.", date(2014, 12, 25), "dateline"),
]


@pytest.mark.parametrize("column,text,expected,source", COLUMN_VS_DATELINE)
def test_corpus_column_and_own_dateline(tmp_path: Path, column: str, text: str, expected: date, source: str) -> None:
    p = tmp_path / "corpus.csv"
    p.write_text(f"id,date,text\nr1,{column},{text}\n", encoding="utf-8")
    a = read_single(p)
    assert isinstance(a, Article)
    assert (a.published, a.published_source) == (expected, source)
    if column and source == "dateline":
        assert any(k == "date_warning" and "dateline is used" in m for k, m in a.meta)
