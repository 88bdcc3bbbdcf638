"""Containers passed between pipeline stages (not part of the output contract)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from gazetteer.model import Place
from mapper.model import Article, Event, Mention, Movement


@dataclass
class ArticleResult:
    """What one article yields: mentions, events, movements and what failed."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)
    # {"article": id, "mention": surface, "char_start": int, "reason": str}
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    # {"article": id, "kind": "offset_conflict" | ..., "message": str, ...extra}
    # (mapper.model.BuildWarning.as_dict(); offset conflicts carry "event_id")
    warnings: list[dict[str, Any]] = field(default_factory=list)
    # (start, end) of the sentence of mentions[i] (from the article's Layout), so
    # place quotes need no re-segmentation; empty when not computed
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)
    # number of mentions when ``mentions`` was emptied by :meth:`slim` (None: not slimmed)
    n_mentions: Optional[int] = None

    def slim(self) -> "ArticleResult":
        """This result without its mentions and sentence spans (what a build keeps
        once they are gathered into BuildResult.places / place_quotes /
        place_surfaces): about a tenth of the memory. ``n_mentions`` keeps their
        number; events, movements, unresolved mentions and warnings stay.

        >>> r = ArticleResult(Article(id="a", text="x"), mentions=[None, None])  # type: ignore[list-item]
        >>> s = r.slim(); (s.mentions, s.n_mentions, s.article is r.article)
        ([], 2, True)
        """
        return ArticleResult(article=self.article, events=self.events, movements=self.movements,
                             unresolved=self.unresolved, warnings=self.warnings,
                             n_mentions=len(self.mentions) if self.n_mentions is None else self.n_mentions)

    def has_mentions(self) -> bool:
        """True when the article had mentions (also after :meth:`slim`)."""
        return bool(self.mentions) or bool(self.n_mentions)


@dataclass
class BuildResult:
    """Everything a build produced, handed to layers / pages / report.

    ``places`` maps place id -> Place for every resolved place; ``place_quotes``
    maps place id -> list of (article id, quote, char_start, char_end).
    ``control`` is a mapper.history.control.ControlTimeline (or None before fusion),
    ``fronts`` a GeoDataFrame of control areas and front lines (or None).
    """

    articles: list[Article] = field(default_factory=list)
    results: list[ArticleResult] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)  # {"path", "line", "message"}
    events: list[Event] = field(default_factory=list)            # after fusion
    movements: list[Movement] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    place_quotes: dict[str, list[tuple[str, str, int, int]]] = field(default_factory=dict)
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    # how the per-article stages ran: {engine, workers, cache: {path, hits, misses} | None}
    extraction: dict[str, Any] = field(default_factory=dict)
    control: Optional[Any] = None
    fronts: Optional[Any] = None
    layers: Optional[Any] = None   # mapper.publish.layers.Layers once built (the Python API reads it)
    dates: list[str] = field(default_factory=list)               # YYYY-MM-DD with material
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    net_movement: list[dict[str, Any]] = field(default_factory=list)
    timings_s: dict[str, float] = field(default_factory=dict)
    # place id -> surface forms the articles wrote (toponym / offset-phrase mentions), gathered
    # with the results so the results can drop their mentions (issue 13: peak memory)
    place_surfaces: dict[str, set[str]] = field(default_factory=dict)
    # how many of ``results`` are already gathered into events / places / quotes (pipeline.collect)
    collected: int = 0
