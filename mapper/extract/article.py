"""One article -> mentions, located places, events, movements, warnings.

>>> from mapper.model import Article                                  # doctest: +SKIP
>>> from datetime import date                                         # doctest: +SKIP
>>> a = Article("x", "Syrian troops captured Palmyra on Monday.", date(2016, 3, 29))  # doctest: +SKIP
>>> [(e.kind, e.side, e.place_name, str(e.time.date)) for e in extract_article(a).events]  # doctest: +SKIP
[('capture', 'government', 'Palmyra', '2016-03-28')]

Pipeline (each step its own module):
``mentions.scan_mentions`` (gazetteer matcher + spatial phrases + unknown
toponyms + datelines/bylines) -> ``locate.locate_article`` (Locations, focus,
offset conflicts) -> ``sentences`` -> ``events.EventBuilder`` (triggers,
negation / forecast filter, actors, governed places) with times from
``dates.resolve_times`` / ``dates.time_for_span``.
"""
from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Any, Optional, Union

from mapper.errors import FrontlineError
from mapper.extract.events import EventBuilder
from mapper.extract.locate import locate_article
from mapper.extract.mentions import scan_mentions
from mapper.model import Article, TimeSpan, UNKNOWN_TIME
from mapper.result import ArticleResult
from mapper.extract.sentences import clauses, sentences
from mapper.extract.sides import SideTable

__all__ = ["extract_article", "default_gazetteer"]

_GAZ: Any = None

#: Longest body (characters) an article is read for; text past it is not
#: extracted and the result carries an ``article_truncated`` warning (so a 5 MB
#: pasted dump takes seconds, not minutes, and nothing is dropped silently).
#: News articles are far shorter (FA-KES: at most ~9,000 characters).
MAX_ARTICLE_CHARS = 200_000


def _capped(article: Article) -> tuple[Article, Optional[dict]]:
    """The article with ``body_end`` at most :data:`MAX_ARTICLE_CHARS` (cut at a
    line break or space), and the warning to report, or (article, None)."""
    text = article.text
    end = len(text) if article.body_end is None else min(article.body_end, len(text))
    if end <= MAX_ARTICLE_CHARS:
        return article, None
    cut = max(text.rfind("\n", 0, MAX_ARTICLE_CHARS), text.rfind(" ", 0, MAX_ARTICLE_CHARS))
    cut = cut if cut > MAX_ARTICLE_CHARS // 2 else MAX_ARTICLE_CHARS
    from dataclasses import replace

    warn = {"article": article.id, "kind": "article_truncated", "char_start": cut,
            "message": f"{article.path or article.id}: body is {end:,} characters; only the first "
                       f"{cut:,} were read (limit MAX_ARTICLE_CHARS={MAX_ARTICLE_CHARS:,}); "
                       f"split the input into articles"}
    return replace(article, body_end=cut), warn


def default_gazetteer() -> Any:
    """The offline default gazetteer, loaded once per process."""
    global _GAZ
    if _GAZ is None:
        from gazetteer.store import Gazetteer
        _GAZ = Gazetteer.default()
    return _GAZ


def _side_table(sides: Union[SideTable, str, Path, None]) -> SideTable:
    if sides is None:
        return SideTable.default()
    if isinstance(sides, SideTable):
        return sides
    return SideTable.load(sides)


def extract_article(article: Article, gaz: Any = None,
                    sides: Union[SideTable, str, Path, None] = None) -> ArticleResult:
    """Extract everything one article says about places and events.

    ``gaz`` defaults to ``Gazetteer.default()``; ``sides`` to the packaged
    side table (a SideTable or a path to a YAML table). Never reads past
    ``article.body_end``. Offsets in the result index ``article.text``.
    """
    if not isinstance(article, Article):
        raise FrontlineError(f"extract_article needs a mapper.model.Article, got {type(article).__name__!r}")
    gaz = default_gazetteer() if gaz is None else gaz
    table = _side_table(sides)
    article, too_long = _capped(article)
    text = article.text
    body_end = len(text) if article.body_end is None else min(article.body_end, len(text))
    result = ArticleResult(article=article)
    if too_long is not None:
        result.warnings.append(too_long)

    scan = scan_mentions(article, gaz)
    located = locate_article(article, scan, gaz)
    result.mentions = located.mentions
    result.warnings.extend(located.warnings)
    result.unresolved.extend(located.unresolved)

    times: list = []
    try:
        from mapper.extract.dates import resolve_times, time_for_span
        times = resolve_times(article)
    except (FrontlineError, ValueError, LookupError, OverflowError) as exc:
        result.warnings.append({"article": article.id, "kind": "time_resolution_failed",
                                "message": f"times of {article.id!r} could not be resolved: "
                                           f"{type(exc).__name__}: {exc}"})

    time_starts = [t.start for t in times]   # text order (resolve_times)

    def time_of(c0: int, c1: int, s0: int, s1: int) -> tuple[TimeSpan, bool]:
        """(time, own): own = the time is stated for this clause (not carried, not published)."""
        try:
            span = time_for_span(times, c0, c1, s0, s1, article.published)
        except (ValueError, LookupError, TypeError):
            return (TimeSpan(article.published, article.published, "day", "published")
                    if article.published else UNKNOWN_TIME), False
        # own: the time is written in this clause, or governs the whole sentence ("In March, ...")
        lo, hi = bisect_left(time_starts, s0), bisect_left(time_starts, s1)   # the sentence's times
        own = any(t.span is span and s0 <= t.start < s1 and
                  (c0 <= t.start < c1 or not text[s0:t.start].strip(" \t\"“‘'("))
                  for t in times[lo:hi])
        return span, own

    sents = [s for s in sentences(text, 0, body_end)
             if not any(b0 <= s.start and s.end <= b1 for b0, b1, _ in scan.blocked)]
    builder = EventBuilder(article, sents, located.slots, table, time_of,
                           located.focus.slot_at, clauses)
    drafts = []
    for s in sents:
        drafts.extend(builder.drafts_for_sentence(s))
    events, movements, warns = builder.finish(drafts)
    result.events = events
    result.movements = movements
    result.warnings.extend(warns)
    return result
