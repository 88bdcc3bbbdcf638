"""Issue 10 item 5: the places layer carries the surface forms as the articles
wrote them (``mentions``) and the articles (``articles``), JSON lists."""
from __future__ import annotations

import json

from gazetteer.model import Place
from mapper.model import Article, Mention
from mapper.result import ArticleResult, BuildResult


def test_places_rows_carry_mentions_and_articles():
    from mapper.publish.layers import build_layers
    mahr = Place(id="syria:mahr", name="Al Mahr oil/gas fields", lat=34.6, lon=37.9,
                 kind="oil or gas field", country="SY", source="syria_places")
    doua = Place(id="syria:dawah", name="Al Dawah", lat=34.56, lon=38.22, country="SY",
                 source="syria_places")
    t1 = "ISIS stormed outposts near al-Mahr oilfield and the Doua District."
    t2 = "The Mahr oil field burned."
    a1, a2 = Article("a1", t1), Article("a2", t2)
    build = BuildResult(articles=[a1, a2])
    build.results = [
        ArticleResult(a1, mentions=[
            Mention("a1", "al-Mahr oilfield", t1.index("al-Mahr"), t1.index("al-Mahr") + 16, place=mahr),
            Mention("a1", "Doua District", t1.index("Doua"), t1.index("Doua") + 13, place=doua)]),
        ArticleResult(a2, mentions=[Mention("a2", "Mahr oil field", 4, 18, place=mahr)]),
    ]
    build.places = {p.id: p for p in (mahr, doua)}
    build.place_quotes = {"syria:mahr": [("a1", t1, 0, len(t1)), ("a2", t2, 0, len(t2))],
                          "syria:dawah": [("a1", t1, 0, len(t1))]}
    places = build_layers(build).places
    rows = {r["id"]: r for _, r in places.iterrows()}
    assert json.loads(rows["syria:mahr"]["mentions"]) == ["Mahr oil field", "al-Mahr oilfield"]
    assert json.loads(rows["syria:mahr"]["articles"]) == ["a1", "a2"]
    assert json.loads(rows["syria:dawah"]["mentions"]) == ["Doua District"]
    assert json.loads(rows["syria:dawah"]["articles"]) == ["a1"]
