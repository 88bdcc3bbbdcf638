"""The speed-ups of the side table and of the spatial scan find exactly what the plain
one-regex scans find (equivalence only; speed is measured in bench/bench_extract.py).

- ``SideTable.find`` tries its regex only at word starts whose first word begins a phrase
  (``sides._LeadFilter``); ``ArticleSides`` reuses one scan of the article for sub-ranges.
- ``gazetteer.spatial_scan.spatial_matches`` tries ``SPATIAL_RE`` only a bounded distance
  before keywords.
"""
from __future__ import annotations

import random
import re

import pytest

from gazetteer.spatial_grammar import SPATIAL_RE
from gazetteer.spatial_scan import GATED, MAX_SPACE_RUN, spatial_matches
from mapper.extract.sides import SideTable

#: made-up sentences in the shape of news and narratives (no corpus text)
TEXTS = [
    "Syrian government forces backed by Russian jets captured the village of Kafr Nabl, 4 km west of Maarat.",
    "Turkish-backed rebels and the FSA took al-Bab; later the rebels entered Qabasin, 12 kilometres to its east.",
    "ISIS-held Palmyra fell. Anti-ISIS fighters of the SDF advanced near Tabqa and outside Raqqa's eastern suburbs.",
    "The army shelled the city's outskirts and the town center, then moved to the northwest of the town.",
    "Islamic State (IS) militants withdrew from central Homs province and rural Hama, about 30 miles from the border.",
    "Hezbollah and Iranian-backed militias, with the support of Russian airpower, seized the hills overlooking Zabadani "
    "to the south.",
    "Between 20 and 25 km north-east of Deir ez-Zor, YPG units pushed into the southern countryside of Hasakah.",
    "In the vicinity of Aleppo airport, on the edge of al-Sukkari, close to the western entrance to the city.",
    "The Free Syrian Army, the Syrian Arab Army and the Syrian Democratic Forces fought two and a halfkm east of it.",
    "Jabhat Fateh al-Sham (formerly al-Nusra Front) and Ahrar al-Sham retook the perimeter of the airbase.",
    "\u017fyrian army near \u0130dlib; the \u212aurdish YPG in the north of ı-town; Ṣaraqib's northern districts.",
    "Regime troops,\n\n\nthe army and pro-government militias took the town\u2019s southern neighbourhoods.",
    "  less" + " " * 20 + "than 5 km from Homs (far more than the longest white-space run the gates assume)  ",
]


def _corpus() -> list[str]:
    """The sentences, their joins and random slices (offsets that cut words and phrases)."""
    rnd = random.Random(7)
    joined = " ".join(TEXTS)
    out = list(TEXTS) + [joined, joined.upper(), joined.lower()]
    for _ in range(300):
        a = rnd.randrange(len(joined))
        out.append(joined[a:a + rnd.randrange(1, 240)])
    return out


def _plain_find(table: SideTable, text: str, start: int = 0, end: int | None = None) -> list[tuple]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group(0), m.lastgroup) for m in table._re.finditer(text, start, end)]


def _fast_find(table: SideTable, text: str, start: int = 0, end: int | None = None) -> list[tuple]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group(0), m.lastgroup) for m in table._matches(text, start, end)]


@pytest.mark.parametrize("text", _corpus())
def test_side_table_find_is_the_one_regex_scan(text: str) -> None:
    table = SideTable.default()
    assert table._leads is not None       # the packaged table is filtered
    assert _fast_find(table, text) == _plain_find(table, text)


def test_side_table_sub_ranges_and_article_context() -> None:
    table = SideTable.default()
    rnd = random.Random(3)
    text = "\n".join(TEXTS)
    sides = table.for_article(text)
    within = table.candidates(text)
    for _ in range(400):
        a = rnd.randrange(len(text))
        b = min(len(text), a + rnd.randrange(300))
        assert _fast_find(table, text, a, b) == _plain_find(table, text, a, b)
        fast = [(m.start, m.end, m.surface, m.side) for m in table._find(text, a, b, within(a, b))]
        assert fast == [(m.start, m.end, m.surface, m.side) for m in table.find(text, a, b)]
        found = sides.find(text, a, b)
        assert [(m.start, m.end) for m in found] == [x[:2] for x in _plain_find(table, text, a, b)]


def test_user_table_without_ascii_leads_scans_with_the_regex() -> None:
    table = SideTable({"government": ["Ṣaqr forces", "army"], "opposition": ["rebels"]})
    assert table._leads is None
    text = "Ṣaqr forces and the army fought rebels."
    assert [m.surface for m in table.find(text)] == ["Ṣaqr forces", "army", "rebels"]


@pytest.mark.parametrize("text", _corpus())
def test_spatial_matches_are_the_finditer_matches(text: str) -> None:
    plain = [(m.span(), m.lastgroup, m.groupdict()) for m in SPATIAL_RE.finditer(text)]
    assert [(m.span(), m.lastgroup, m.groupdict()) for m in spatial_matches(text)] == plain


def test_spatial_gates_are_active() -> None:
    # a grammar branch whose shape changed turns the gates off (a silent slow-down): fix spatial_scan
    assert set(GATED) == {"unit", "poss", "word", "ref"} and all(0 <= v < 400 for v in GATED.values())
    assert re.search(r"\s{%d}" % (MAX_SPACE_RUN + 1), TEXTS[-1])     # the fallback text is in the table


def test_case_folds_to_ascii_are_the_known_three() -> None:
    """``spatial_scan`` lower-cases the text to find keywords; the only characters that
    IGNORECASE matches with an ASCII letter but ``lower()`` does not map to one are İ ı ſ."""
    letters = re.compile("[a-z]", re.IGNORECASE)
    odd = {c for c in map(chr, range(0x80, 0x3000)) if letters.fullmatch(c) and not c.lower().isascii()}
    assert odd == {"\u0130", "\u0131", "\u017f"}
