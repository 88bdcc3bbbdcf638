"""The unit of per-article work and the engine interface.

An :class:`ExtractSpec` says how to make the gazetteer and the side table a
build uses (small and picklable, so a worker process or a Dask worker can
rebuild the same ones); :func:`run_one` extracts one article and never raises:
a failure comes back as an :class:`ExtractFailure`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from mapper.model import Article
from mapper.result import ArticleResult


@dataclass(frozen=True)
class ExtractSpec:
    """How a worker builds its gazetteer and side table.

    gazetteer_index: a user index path (None: the default gazetteer);
    online_geocoder: also ask the opt-in online geocoder; sides: a YAML side
    table replacing the packaged one (None: the packaged one).
    """

    gazetteer_index: Optional[Path] = None
    online_geocoder: bool = False
    sides: Optional[Path] = None


@dataclass(frozen=True)
class ExtractFailure:
    """One article whose extraction raised: its id and a one-line message."""

    article_id: str
    message: str


Outcome = Union[ArticleResult, ExtractFailure]

_STATE: dict[ExtractSpec, tuple[Any, Any]] = {}


def install_state(spec: ExtractSpec, gaz: Any, sides: Any) -> None:
    """Make ``gaz`` and ``sides`` the ones :func:`run_one` uses for ``spec`` in
    this process (the serial engine; pool and Dask workers load their own)."""
    _STATE[spec] = (gaz, sides)


def _state(spec: ExtractSpec) -> tuple[Any, Any]:
    if spec not in _STATE:
        from mapper.extract.sides import SideTable
        from mapper.pipeline import BuildOptions, load_gazetteer

        gaz = load_gazetteer(BuildOptions(gazetteer_index=spec.gazetteer_index,
                                          online_geocoder=spec.online_geocoder))
        sides = SideTable.load(spec.sides) if spec.sides else SideTable.default()
        _STATE[spec] = (gaz, sides)
    return _STATE[spec]


def warm_state(spec: ExtractSpec) -> None:
    """Load the gazetteer and side table of ``spec`` in this process and build the
    gazetteer's name matcher (a helper's first task: it starts extracting warm)."""
    gaz, _sides = _state(spec)
    matcher = getattr(gaz, "matcher", None)
    if callable(matcher):
        matcher()


def run_one(spec: ExtractSpec, article: Article) -> Outcome:
    """Extract one article with the gazetteer and side table of ``spec``.

    Never raises for a bad article: one bad article never sinks a batch.
    """
    from mapper.extract.article import extract_article

    gaz, sides = _state(spec)
    try:
        return extract_article(article, gaz, sides=sides)
    except Exception as exc:  # noqa: BLE001 - reported per article, the batch goes on
        where = article.path or article.id
        return ExtractFailure(article.id, f"{where}: extraction failed: {type(exc).__name__}: {exc}")


def run_chunk(spec: ExtractSpec, articles: list[Article]) -> list[Outcome]:
    """:func:`run_one` over a list (one task of a pool or a cluster)."""
    return [run_one(spec, a) for a in articles]


class Engine:
    """Runs :func:`run_one` over articles; yields outcomes in input order."""

    name = "base"
    workers = 1

    def map(self, spec: ExtractSpec, articles: list[Article]) -> Iterator[Outcome]:
        raise NotImplementedError

    def close(self) -> None:
        """Release processes or cluster connections."""

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def chunks(items: list[Article], size: int) -> Iterable[list[Article]]:
    """``items`` cut into lists of at most ``size`` (the last may be shorter)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]
