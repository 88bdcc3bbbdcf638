"""mapper.extract.layout: paragraphs, headings, sentences, clauses, phrases,
quotes and the bisection look-ups, as offsets into the article text."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.extract.layout import Layout, build_layout
from mapper.model import Article


def texts(lay: Layout, spans) -> list[str]:
    return [lay.text[s.start:s.end] for s in spans]


@pytest.mark.parametrize("text,expected", [
    # abbreviations and initials do not end a sentence
    ("Gen. Smith said U.S. troops left Palmyra. Then ISIS came.",
     ["Gen. Smith said U.S. troops left Palmyra.", "Then ISIS came."]),
    ("George W. Bush met Lt. Col. Jones on Jan. 5. They talked.",
     ["George W. Bush met Lt. Col. Jones on Jan. 5.", "They talked."]),
    ("The U.N. envoy arrived. Mr. Smith left.", ["The U.N. envoy arrived.", "Mr. Smith left."]),
    # closing quotes stay with their sentence; "?" and "!" end sentences
    ("“We expect it to fall,” he said. “Will it?” She laughed! OK.",
     ["“We expect it to fall,” he said.", "“Will it?”", "She laughed!", "OK."]),
    # a lower-case word after a stop does not start a sentence
    ("About 4 km. west of the town. The end.", ["About 4 km. west of the town.", "The end."]),
    # a sentence never crosses a line break
    ("First line without stop\nSecond line.", ["First line without stop", "Second line."]),
    # headings are not sentences
    ("== Background ==\nThe army advanced.\n\n### Second week\nRebels retreated.",
     ["The army advanced.", "Rebels retreated."]),
    ("", []),
    ("   \n\n  ", []),
])
def test_sentences(text: str, expected: list[str]) -> None:
    lay = build_layout(text)
    assert texts(lay, lay.sentences) == expected
    for s in lay.sentences:          # offsets point back into the text
        assert text[s.start:s.end] == text[s.start:s.end].strip() and s.end > s.start


@pytest.mark.parametrize("text,paragraphs,headings", [
    ("One. Two.", ["One. Two."], []),
    ("One.\n\nTwo.\n \n\n\nThree.", ["One.", "Two.", "Three."], []),
    # a single line break stays inside the paragraph
    ("A list:\n* item one\n* item two\n\nNext.", ["A list:\n* item one\n* item two", "Next."], []),
    # headings (wiki and Markdown) end a paragraph and belong to none
    ("== Background ==\nText one.\n=== Sub ===\nText two.", ["Text one.", "Text two."],
     [("== Background ==", "Background", 1), ("=== Sub ===", "Sub", 2)]),
    ("Intro.\n## The offensive\n\n### First week\nOn 28 September, X.",
     ["Intro.", "On 28 September, X."], [("## The offensive", "The offensive", 2),
                                         ("### First week", "First week", 3)]),
    # not headings: "#" inside a line, a hashtag, unbalanced "="
    ("#Syria trends. See == here.\n= x", ["#Syria trends. See == here.\n= x"], []),
])
def test_paragraphs_and_headings(text, paragraphs, headings) -> None:
    lay = build_layout(text)
    assert texts(lay, lay.paragraphs) == paragraphs
    assert [p.index for p in lay.paragraphs] == list(range(len(paragraphs)))
    assert [(text[h.start:h.end], h.title, h.level) for h in lay.headings] == headings
    for s in lay.sentences:          # every sentence lies in its paragraph
        p = lay.paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end


@pytest.mark.parametrize("sentence,clauses,leads", [
    ("ISIS seized the town, forcing the army to withdraw towards Tiyas.",
     ["ISIS seized the town", "forcing the army to withdraw towards Tiyas."], ["", "forcing"]),
    ("The army entered Palmyra after IS retreated; rebels fled.",
     ["The army entered Palmyra", "after IS retreated", "rebels fled."], ["", "after", ""]),
    ("Syrian troops captured Palmyra.", ["Syrian troops captured Palmyra."], [""]),
])
def test_clauses(sentence: str, clauses: list[str], leads: list[str]) -> None:
    lay = build_layout(sentence)
    got = lay.clauses_of(lay.sentences[0])
    assert texts(lay, got) == clauses
    assert [c.lead for c in got] == leads
    assert lay.clauses_of(lay.sentences[0]) is got      # computed once


@pytest.mark.parametrize("text,quotes", [
    ("He said “we will win” and “never”.", ["“we will win”", "“never”"]),
    ('He said "we will win".', ['"we will win"']),
    ("«Allahu akbar» they shouted.", ["«Allahu akbar»"]),
    ("An open “quote\nacross lines” is none.", []),
])
def test_quotes(text: str, quotes: list[str]) -> None:
    lay = build_layout(text)
    assert texts(lay, lay.quotes) == quotes
    if quotes:
        q = lay.quotes[0]
        assert lay.quote_at(q.start + 1) == q and lay.quote_at(q.end) != q


def test_lookups_are_offsets_into_the_text() -> None:
    text = "== Attack on X ==\nOn 5 June, rebels took Morek. IS fled.\n\n### Later\nThe army returned, he said."
    lay = build_layout(text)
    pos = text.index("Morek")
    s = lay.sentence_at(pos)
    assert text[s.start:s.end] == "On 5 June, rebels took Morek."
    assert lay.sentence_bounds(pos) == (s.start, s.end)
    assert lay.paragraph_at(pos).index == 0
    assert lay.heading_before(pos).title == "Attack on X"
    pos2 = text.index("army")
    assert lay.heading_before(pos2).title == "Later" and lay.paragraph_at(pos2).index == 1
    assert lay.paragraph_index(pos2) == 1
    # a position in a heading: no sentence, no paragraph; its bounds are the heading line
    assert lay.sentence_at(3) is None and lay.paragraph_at(3) is None
    assert lay.sentence_bounds(3) == (0, len("== Attack on X =="))
    # phrase: the punctuation-delimited stretch around a span
    p0, p1 = lay.phrase(text.index("5 June"), text.index("5 June") + 6, s.start, s.end)
    assert text[p0:p1] == "On 5 June"
    assert lay.heading_before(0).title == "Attack on X" and build_layout("x").heading_before(0) is None


def test_layout_of_article_stops_at_body_end() -> None:
    text = "The army captured Palmyra. Share this article. Click here."
    art = Article("a", text, date(2016, 3, 27), body_end=text.index("Share"))
    lay = Layout.of(art)
    assert texts(lay, lay.sentences) == ["The army captured Palmyra."]
    assert lay.end == text.index("Share")


def test_long_run_without_stops_is_cut() -> None:
    text = "word " * 600
    lay = build_layout(text)
    assert len(lay.sentences) >= 3 and max(s.end - s.start for s in lay.sentences) <= 1000
