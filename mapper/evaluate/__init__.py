"""Score a build's events against a gold file (``frontline evaluate OUT GOLD.yaml``).

    >>> from mapper.evaluate import evaluate
    >>> r = evaluate("output/", "tests/gold/fakes_30.yaml")  # doctest: +SKIP
    >>> r.overall.recall, r.overall.precision, r.overall.exact_day_share  # doctest: +SKIP
    (0.0, 0.0, 0.0)

Modules: :mod:`.gold` (load and validate gold), :mod:`.predicted` (read the
events layer, one event per reporting article), :mod:`.match` (matching rules,
miss classes and their precedence), :mod:`.report` (table and JSON).

Measures (per article and overall):

- ``recall`` = correct gold events / gold events; ``precision`` = correct
  predicted / predicted territorial events of scored articles (None when
  nothing was predicted); correct = place, kind, side and date all right;
- ``exact_day_share`` = of the day-dated gold events found with the right
  place, kind and side, the share whose predicted day is that day (None when
  there are none);
- ``misses`` by class (not_extracted, wrong_place, wrong_side, wrong_kind,
  wrong_date);
- ``leaks``: predicted territorial events that are not correct and whose
  quote contains a not-event's text (case, spacing and quote marks folded,
  whole words). A correct event is never a leak: one sentence may hold an
  event and a not-event ("which it had lost in March ... launched an attack to
  retake it"). Copies of a fused event for its other ``sources`` carry no
  quote, so only the fused feature's own article is checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Union

from mapper.evaluate.gold import (EvaluateInputError, Gold, GoldError, GoldEvent, NotEvent,
                                  load_gold, parse_gold)
from mapper.evaluate.match import MISS_CLASSES, ArticleMatch, Miss, gold_article_of, match_article
from mapper.evaluate.predicted import (PredictedEvent, PredictionsError, load_predicted,
                                       parse_predicted)

__all__ = ["evaluate", "evaluate_events", "EvaluationResult", "Scores", "ArticleScore", "Leak", "GoldEvent",
           "Miss", "GoldError", "EvaluateInputError", "PredictionsError", "MISS_CLASSES",
           "load_gold", "parse_gold", "load_predicted", "parse_predicted"]


@dataclass(frozen=True)
class Scores:
    """Counts and measures for one article or the whole gold file (shares 0..1)."""

    gold: int
    predicted: int
    correct_gold: int
    correct_predicted: int
    recall: Optional[float]
    precision: Optional[float]
    day_dated_found: int
    exact_day: int
    exact_day_share: Optional[float]
    misses: tuple[tuple[str, int], ...]   # (class, count) in MISS_CLASSES order
    leaks: int

    def miss_count(self, klass: str) -> int:
        return dict(self.misses)[klass]


@dataclass(frozen=True)
class Leak:
    """A predicted event whose quote contains a not-event's text."""

    not_event: NotEvent
    pred: PredictedEvent


@dataclass(frozen=True)
class ArticleScore:
    """One article's scores, its misses and false positives."""

    article: str
    scores: Scores
    match: ArticleMatch
    leaks: tuple[Leak, ...]


@dataclass(frozen=True)
class EvaluationResult:
    """The whole evaluation. ``warnings`` name gold articles the build has no
    event of any kind for (not built? id mismatch?)."""

    gold_path: str
    events_path: str
    overall: Scores
    articles: tuple[ArticleScore, ...]
    warnings: tuple[str, ...] = ()

    @property
    def misses(self) -> tuple[Miss, ...]:
        return tuple(m for a in self.articles for m in a.match.misses)

    @property
    def leaks(self) -> tuple[Leak, ...]:
        return tuple(lk for a in self.articles for lk in a.leaks)


_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(_QUOTES)).strip().casefold()


def _leaks(nots: Sequence[NotEvent], preds: Sequence[PredictedEvent]) -> tuple[Leak, ...]:
    out = []
    for n in nots:
        t = _fold(n.text)
        if not t:
            continue
        rx = re.compile(r"(?<!\w)" + re.escape(t) + r"(?!\w)")
        out.extend(Leak(n, p) for p in preds
                   if p.scored_kind is not None and p.quote and rx.search(_fold(p.quote)))
    return tuple(out)


def _share(num: int, den: int) -> Optional[float]:
    return round(num / den, 4) if den else None


def _scores(matches: Sequence[ArticleMatch], n_leaks: int) -> Scores:
    gold = sum(len(m.correct) + len(m.misses) for m in matches)
    pred = sum(len(m.predicted) for m in matches)
    ok = sum(len(m.correct) for m in matches)
    day = [p for m in matches for p in m.day_found]
    exact = sum(1 for p in day if p.exact_day)
    counts = {k: 0 for k in MISS_CLASSES}
    for m in matches:
        for miss in m.misses:
            counts[miss.klass] += 1
    return Scores(gold=gold, predicted=pred, correct_gold=ok, correct_predicted=ok,
                  recall=_share(ok, gold), precision=_share(ok, pred), day_dated_found=len(day),
                  exact_day=exact, exact_day_share=_share(exact, len(day)),
                  misses=tuple(counts.items()), leaks=n_leaks)


def evaluate_events(predicted: Sequence[PredictedEvent], gold: Gold,
                    events_path: str = "<events>") -> EvaluationResult:
    """Score already loaded predicted events against a loaded gold file."""
    by_article: dict[str, list[PredictedEvent]] = {a: [] for a in gold.articles}
    seen: set[str] = set()
    for p in predicted:
        g = gold_article_of(p.article, gold.articles)
        if g is not None:
            by_article[g].append(p)
            seen.add(g)
    rows = []
    for a in gold.articles:
        m = match_article(a, [e for e in gold.events if e.article == a], by_article[a])
        lk = _leaks([n for n in gold.not_events if n.article == a], m.false_positives)
        rows.append(ArticleScore(a, _scores([m], len(lk)), m, lk))
    overall = _scores([r.match for r in rows], sum(len(r.leaks) for r in rows))
    warnings = tuple(
        f"article {a!r}: the build has no event of any kind for it (not in the build, or another id?)"
        for a in gold.articles if a not in seen and any(e.article == a for e in gold.events))
    return EvaluationResult(gold_path=gold.path, events_path=events_path, overall=overall,
                            articles=tuple(rows), warnings=warnings)


def evaluate(events_geojson_or_out_dir: Union[str, Path], gold_path: Union[str, Path]) -> EvaluationResult:
    """Score ``OUT/data/events.geojson`` (or the given GeoJSON file) against a gold YAML file.

    Raises EvaluateInputError for a missing file, GoldError / PredictionsError
    for a malformed one.
    """
    gold = load_gold(gold_path)
    path, predicted = load_predicted(events_geojson_or_out_dir)
    return evaluate_events(predicted, gold, str(path))
