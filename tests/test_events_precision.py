"""Precision: phrases that look like taking ground but are not (table tests, made-up sentences)."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.extract.article import extract_article
from mapper.model import Article

PUB = date(2016, 3, 24)


def triples(text: str) -> set[tuple[str, str, str]]:
    res = extract_article(Article(id="t", text=text, published=PUB))
    return {(e.kind, e.side, e.place_name) for e in res.events
            if e.kind in ("capture", "withdrawal", "entry", "advance", "control")}


@pytest.mark.parametrize("text, absent_kind", [
    ("Officials said the roads to Homs are being cleared of mines and explosives.", "capture"),
    ("The streets of Aleppo were cleared of rubble after the storm.", "capture"),
    ("Government troops were advancing slowly, as IS has planted explosives in the fields "
     "surrounding Palmyra, he said.", "advance"),
])
def test_look_alikes_of_taking_ground_are_not_events(text, absent_kind):
    assert not {t for t in triples(text) if t[0] == absent_kind}


@pytest.mark.parametrize("text, expected", [
    ("Turkish troops attacked al-Bab on Sunday. By Monday, Qabasin had been cleared of IS fighters.",
     ("capture", "Qabasin")),
])
def test_cleared_of_an_armed_side_is_still_a_capture(text, expected):
    assert expected in {(k, p) for k, _, p in triples(text)}
