"""A build keeps its per-article results slim (issue 13: peak memory).

Each article's mentions are gathered into the build (places, place quotes,
surface forms) as soon as the article's turn comes, in input order, and then
dropped from ``BuildResult.results``; what the layers show must not change.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapper.model import Article
from mapper.result import ArticleResult, BuildResult

SEEDS = Path(__file__).resolve().parents[1] / "seeds"   # the repo copy of the seeds


@pytest.fixture(scope="module")
def seeds_in_memory():
    from mapper.pipeline import build_in_memory

    return build_in_memory([str(SEEDS)], cache=False, progress=False)


def test_results_are_slim_after_the_build(seeds_in_memory):
    res = seeds_in_memory.results
    assert len(res) == 5
    assert all(r.mentions == [] and r.sentence_spans == [] for r in res)
    assert all(r.n_mentions and r.has_mentions() for r in res)
    assert seeds_in_memory.collected == len(res)
    # events, movements and unresolved mentions stay with their article
    assert sum(len(r.events) for r in res) > 0


def test_places_layer_keeps_the_surface_forms(seeds_in_memory):
    """The places layer's ``mentions`` column equals the surface forms of the full
    (unslimmed) results of the same articles."""
    from gazetteer import Gazetteer
    from mapper.extract.article import extract_article

    gaz = Gazetteer.default()
    want: dict[str, set[str]] = {}
    for r in seeds_in_memory.results:
        full = extract_article(r.article, gaz)
        for m in full.mentions:
            mp = m.place or (m.location.place if m.location is not None else None)
            if mp is not None and m.kind in ("toponym", "offset_phrase"):
                want.setdefault(mp.id, set()).add(m.surface)
    places = seeds_in_memory.layers.places
    assert len(places) > 5
    for pid, mentions in zip(places["id"], places["mentions"]):
        assert json.loads(mentions) == sorted(want.get(pid, ())), pid


def test_slim_keeps_counts_and_shares_objects():
    art = Article(id="a", text="Palmyra")
    full = ArticleResult(art, mentions=[object(), object(), object()], sentence_spans=[(0, 7)] * 3,  # type: ignore[list-item]
                         unresolved=[{"article": "a"}], warnings=[{"kind": "x"}])
    s = full.slim()
    assert (s.mentions, s.sentence_spans, s.n_mentions) == ([], [], 3)
    assert s.article is art and s.unresolved is full.unresolved and s.warnings is full.warnings
    assert s.slim().n_mentions == 3          # slimming twice keeps the count
    assert not ArticleResult(art).slim().has_mentions()


def test_material_dates_count_slim_results():
    """An article with mentions but no events still gives its publication day a page."""
    from datetime import date

    from mapper.pipeline import material_dates

    b = BuildResult()
    art = Article(id="a", text="x", published=date(2016, 3, 1))
    b.results.append(ArticleResult(art, mentions=[object()]).slim())  # type: ignore[list-item]
    assert material_dates(b) == ["2016-03-01"]
