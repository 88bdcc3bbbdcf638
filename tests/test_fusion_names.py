"""Fusion keeps apart events at different named places that share a point (a
neighbourhood or a school placed on its town's point), and still fuses
spellings of one place."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.extract.article import extract_article
from mapper.history.fusion import fuse
from mapper.model import Article

PUB = date(2016, 6, 7)


def _captures(texts: list[str]) -> set[str]:
    events = []
    for i, t in enumerate(texts):
        events += extract_article(Article(id=f"a{i}", text=t, published=PUB)).events
    return {e.place_name for e in fuse(events).events if e.kind == "capture"}


@pytest.mark.parametrize("texts, expected", [
    (["The SDF captured the Kijli neighbourhood in Manbij on Sunday.", "The SDF captured Manbij on Sunday."],
     {"Kijli neighbourhood", "Manbij"}),
])
def test_a_quarter_on_its_towns_point_is_not_the_town(texts, expected):
    assert expected <= _captures(texts)


@pytest.mark.parametrize("texts, n", [
    (["The SDF captured Manbij on Sunday.", "The SDF captured Manbij city on Sunday."], 1),
])
def test_spellings_of_one_place_still_fuse(texts, n):
    assert len(_captures(texts)) == n
