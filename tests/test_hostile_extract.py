"""Hostile articles through extraction (issue 11): an article naming 5,000
places completes, and every mention is resolved or listed as unresolved with
a reason.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mapper.extract.article import extract_article
from mapper.model import Article

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz():
    from gazetteer import Gazetteer

    return Gazetteer.default()


def _check_every_mention_accounted_for(res) -> None:
    unresolved = {u["char_start"] for u in res.unresolved}
    for u in res.unresolved:
        assert u["reason"], u
    lost = [m for m in res.mentions
            if m.place is None and m.location is None and m.start not in unresolved]
    assert not lost, [(m.surface, m.kind) for m in lost[:10]]


def test_article_naming_five_thousand_places(gaz):
    with open(ROOT / "gazetteer" / "data" / "syria_places.tsv", encoding="utf-8", newline="") as fh:
        names = [row[0] for row in csv.reader(fh, delimiter="\t")][1:5001]
    assert len(names) == 5000
    text = "Government forces captured " + ", ".join(names) + " on Monday, the army said."
    res = extract_article(Article(id="many", text=text), gaz)
    assert len(res.mentions) >= 4000
    for m in res.mentions:
        assert 0 <= m.start <= m.end <= len(text)
    _check_every_mention_accounted_for(res)


@pytest.mark.parametrize("text", [
    "Fighting raged 1e308 km west of Palmyra and NaN km north of Homs on Monday.",
    "IS fighters retreated 4 km west of 5 km north of Palmyra, the army said.",
    "Rebels captured Xqzzvrtplm and the town of Qwxzyville near Palmyra.",
])
def test_every_mention_is_resolved_or_unresolved_with_reason(gaz, text):
    res = extract_article(Article(id="h", text=text), gaz)
    _check_every_mention_accounted_for(res)
