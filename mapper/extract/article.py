"""One article -> mentions, located places, events, movements, warnings.

>>> from mapper.model import Article                                  # doctest: +SKIP
>>> from datetime import date                                         # doctest: +SKIP
>>> a = Article("x", "Syrian troops captured Palmyra on Monday.", date(2016, 3, 29))  # doctest: +SKIP
>>> [(e.kind, e.side, e.place_name, str(e.time.date)) for e in extract_article(a).events]  # doctest: +SKIP
[('capture', 'government', 'Palmyra', '2016-03-28')]

Pipeline (each step its own module): ``layout.Layout.of`` (paragraphs,
headings, sentences, clauses, quotes: built once, the only segmentation) ->
``mentions.scan_mentions`` (gazetteer matcher + spatial phrases + unknown
toponyms + datelines/bylines) -> ``locate.locate_article`` (Locations, focus,
offset conflicts) -> ``events.EventBuilder`` (triggers, negation / forecast
filter, actors, governed places) with times from ``dates.resolve_times`` /
``dates.time_for_span``. Offset-conflict warnings get the id of the event(s)
of their sentence; ``ArticleResult.sentence_spans`` keeps each mention's sentence.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any, Optional, Union

from mapper.errors import FrontlineError
from mapper.extract.events import EventBuilder
from mapper.extract.layout import Layout
from mapper.extract.locate import locate_article
from mapper.extract.mentions import scan_mentions
from mapper.model import Article, BuildWarning, TimeSpan, UNKNOWN_TIME
from mapper.result import ArticleResult
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

    warn = BuildWarning("article_truncated",
                        f"{article.path or article.id}: body is {end:,} characters; only the first "
                        f"{cut:,} were read (limit MAX_ARTICLE_CHARS={MAX_ARTICLE_CHARS:,}); "
                        f"split the input into articles", article.id, char_start=cut).as_dict()
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
    result = ArticleResult(article=article)
    if too_long is not None:
        result.warnings.append(too_long)

    layout = Layout.of(article)
    scan = scan_mentions(article, gaz)
    located = locate_article(article, scan, gaz, layout)
    result.mentions = located.mentions
    result.warnings.extend(located.warnings)
    result.unresolved.extend(located.unresolved)

    times: list = []
    try:
        from mapper.extract.dates import resolve_times, time_for_span
        times = resolve_times(article, layout)
    except (FrontlineError, ValueError, LookupError, OverflowError) as exc:
        result.warnings.append(BuildWarning("time_resolution_failed",
                                            f"times of {article.id!r} could not be resolved: "
                                            f"{type(exc).__name__}: {exc}", article.id).as_dict())

    time_starts = [t.start for t in times]   # text order (resolve_times)

    def time_of(c0: int, c1: int, s0: int, s1: int,
                anchor: Optional[tuple[int, int]] = None) -> tuple[TimeSpan, bool]:
        """(time, own): own = the time is stated for this clause (not carried, not published).
        ``anchor``: the event's own words in the clause (verb .. place), so that a
        clause with two dates gives each event its own (``dates.time_for_span``)."""
        try:
            span = time_for_span(times, c0, c1, s0, s1, article.published, anchor)
        except (ValueError, LookupError, TypeError):
            return (TimeSpan(article.published, article.published, "day", "published")
                    if article.published else UNKNOWN_TIME), False
        # own: the time is written in this clause, or governs the whole sentence ("In March, ...")
        lo, hi = bisect_left(time_starts, s0), bisect_left(time_starts, s1)   # the sentence's times
        own = any(t.span is span and s0 <= t.start < s1 and
                  (c0 <= t.start < c1 or not text[s0:t.start].strip(" \t\"“‘'("))
                  for t in times[lo:hi])
        return span, own

    sents = [s for s in layout.sentences
             if not any(b0 <= s.start and s.end <= b1 for b0, b1, _ in scan.blocked)]
    # the side table read with this article's own context (patrons, "the military": sides.py)
    article_sides = table.for_article(text, article.body_end, layout.sentences)
    builder = EventBuilder(article, layout, sents, located.slots, article_sides, time_of, located.focus.slot_at)
    drafts = []
    for s in sents:
        drafts.extend(builder.drafts_for_sentence(s))
    events, movements, warns = builder.finish(drafts)
    result.events = events
    result.movements = movements
    result.warnings.extend(warns)
    _link_warnings(result)
    result.sentence_spans = _sentence_spans(layout, result.mentions)
    return result


def _sentence_spans(layout: Layout, mentions: list) -> list[tuple[int, int]]:
    """(start, end) of each mention's sentence (:meth:`Layout.sentence_bounds`: the
    heading line for a mention in a heading)."""
    return [layout.sentence_bounds(m.start) for m in mentions]


def _link_warnings(result: ArticleResult) -> None:
    """Give every offset-conflict warning the id(s) of the events of its sentence
    (events quote their sentence: ``char_start <= warning char_start < char_end``)."""
    events = sorted(result.events, key=lambda e: (e.char_start, e.id))
    if not events:
        return
    starts = [e.char_start for e in events]
    for i, w in enumerate(result.warnings):
        if w.get("kind") != "offset_conflict" or "event_id" in w or not isinstance(w.get("char_start"), int):
            continue
        pos = w["char_start"]
        k = bisect_right(starts, pos)      # events quote whole sentences: they share the last start <= pos
        lo = bisect_left(starts, starts[k - 1]) if k else k
        ids = [e.id for e in events[lo:k] if pos < max(e.char_end, e.char_start + 1)]
        if ids:
            w = dict(w)
            w["event_id"] = ids[0]
            if len(ids) > 1:
                w["event_ids"] = ids
            result.warnings[i] = w
