"""The build: inputs -> articles -> events -> control & fronts -> files.

``build()`` is what ``frontline build`` runs. Each stage is timed; one bad
article never sinks the batch (its failure is recorded in report.json and
printed as one line on stderr), and nothing is silently dropped.

>>> from mapper.pipeline import build                       # doctest: +SKIP
>>> result = build(["seeds/"], "output/")                   # doctest: +SKIP
>>> len(result.events) > 0                                  # doctest: +SKIP
True
"""
from __future__ import annotations

import sys
from bisect import bisect_right
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from mapper.extract.sentences import sentences
from mapper.model import MENTION_BYLINE, MENTION_DATELINE, Article
from mapper.result import BuildResult

PathLike = Union[str, Path]

#: builds with more articles than this show a progress bar
PROGRESS_MIN_ARTICLES = 5


@dataclass(frozen=True)
class BuildOptions:
    """Options of a build (the CLI flags of ``frontline build``).

    columns: CSV/JSONL column overrides {"text": ..., "date": ..., "outlet": ...,
    "title": ..., "id": ...}; prior: None or "syria-2017" (start control from the
    gazetteer's 2017 control marks); offline_assets: a folder of JS/CSS to copy so
    pages work without CDNs; sides: a YAML side table replacing the default.
    """

    columns: Optional[dict[str, str]] = None
    encoding: Optional[str] = None
    prior: Optional[str] = None
    prior_as_of: Optional[date] = None   # None: the snapshot's own date
    offline_assets: Optional[Path] = None
    sides: Optional[Path] = None
    gazetteer_index: Optional[Path] = None
    online_geocoder: bool = False
    progress: Optional[bool] = None   # None: automatic (more than a few articles)
    write_pages: bool = True
    write_gpkg: bool = True


class _Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0


_BAR: Optional[object] = None   # the progress bar being drawn, if any


def _say(msg: str) -> None:
    """One line on stderr, above the progress bar when one is drawn."""
    if _BAR is not None:
        _BAR.write(msg, file=sys.stderr)  # type: ignore[attr-defined]
    else:
        print(msg, file=sys.stderr, flush=True)


def load_gazetteer(options: BuildOptions):
    """The gazetteer a build uses: the offline default (+ user index)."""
    from gazetteer import Gazetteer

    gaz = Gazetteer.default() if options.gazetteer_index is None else Gazetteer(index_path=options.gazetteer_index)
    if options.online_geocoder:
        from gazetteer.geocoder import OnlineGeocoder

        gaz = gaz.with_geocoder(OnlineGeocoder())
    return gaz


def extract_all(articles: Iterable[object], gaz, sides, timer: _Timer, build: BuildResult,
                progress: Optional[bool]) -> None:
    """Run extraction on every article, recording failures instead of raising."""
    from mapper.extract.article import extract_article
    from mapper.read.readers import ReadFailure

    items = list(articles)
    n_articles = sum(1 for it in items if not isinstance(it, ReadFailure))
    show = progress if progress is not None else n_articles > PROGRESS_MIN_ARTICLES
    global _BAR
    bar = None
    if show:
        from tqdm import tqdm

        bar = _BAR = tqdm(total=len(items), unit="article", desc="extracting", file=sys.stderr,
                          mininterval=0.5, leave=False)
    for item in items:
        if isinstance(item, ReadFailure):
            build.failures.append({"path": item.path, "line": item.line, "message": str(item)})
            _say(f"frontline: skipped: {item}")
        else:
            art: Article = item  # type: ignore[assignment]
            build.articles.append(art)
            try:
                with timer.stage("extract"):
                    res = extract_article(art, gaz, sides=sides)
            except Exception as exc:  # one bad article never sinks the batch
                where = art.path or art.id
                msg = f"{where}: extraction failed: {type(exc).__name__}: {exc}"
                build.failures.append({"path": where, "line": None, "message": msg,
                                       "article": art.id})
                _say(f"frontline: skipped: {msg}")
            else:
                build.results.append(res)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
        _BAR = None


def collect(build: BuildResult) -> None:
    """Gather events, movements, places, unresolved mentions and warnings."""
    for res in build.results:
        build.events.extend(res.events)
        build.movements.extend(res.movements)
        build.unresolved.extend(res.unresolved)
        build.warnings.extend(res.warnings)
        text = res.article.text
        sents = sentences(text)
        starts = [s.start for s in sents]
        for m in res.mentions:
            if m.kind in (MENTION_DATELINE, MENTION_BYLINE):
                continue   # where a report was filed is not a place of the story
            loc = m.location
            place = m.place or (loc.place if loc is not None else None)
            if place is None:
                continue
            build.places.setdefault(place.id, place)
            i = bisect_right(starts, m.start) - 1
            qs, qe = (sents[i].start, sents[i].end) if i >= 0 else (m.start, m.end)
            build.place_quotes.setdefault(place.id, []).append((res.article.id, text[qs:qe], qs, qe))
    # reader notes: one warning per file and message (a corpus decoded as latin-1
    # says so once, with the number of articles, not once per row)
    notes: dict[tuple[str, str, str], list[str]] = {}
    for a in build.articles:
        for key, value in a.meta:
            if key in ("warning", "date_warning"):
                notes.setdefault((a.path or a.id, key, value), []).append(a.id)
    for (path, key, value), ids in notes.items():
        build.warnings.append({"article": ids[0] if len(ids) == 1 else None, "path": path, "kind": key,
                               "message": f"{path}: {value}" + (f" ({len(ids)} articles)" if len(ids) > 1 else ""),
                               "articles": len(ids)})
    for a in build.articles:
        if a.published is None:
            build.warnings.append({"article": a.id, "kind": "undated_article",
                                   "message": f"{a.path or a.id}: no publication date in the manifest, "
                                              "corpus column or a dateline; its events carry no invented date"})


def material_dates(build: BuildResult) -> list[str]:
    """Dates (YYYY-MM-DD) that get a page: day-precision event dates, plus the
    publication dates of articles that yielded events or places."""
    days: set[date] = set()
    for e in build.events:
        if e.time.precision == "day" and e.time.start is not None:
            days.add(e.time.start)
    for res in build.results:
        if res.article.published is not None and (res.events or res.mentions):
            days.add(res.article.published)
    return [d.isoformat() for d in sorted(days)]


def build(inputs: Iterable[PathLike], out_dir: PathLike, options: Optional[BuildOptions] = None,
          **kw: object) -> BuildResult:
    """Build everything from ``inputs`` (folders, files, CSV/JSONL corpora) into
    ``out_dir``; returns the BuildResult. Keyword arguments override options.
    """
    options = options or BuildOptions()
    if kw:
        from dataclasses import replace

        options = replace(options, **kw)  # type: ignore[arg-type]
    out = Path(out_dir)
    timer = _Timer()
    result = BuildResult()
    t_all = time.perf_counter()

    with timer.stage("gazetteer"):
        gaz = load_gazetteer(options)
    from mapper.read.readers import read_inputs
    from mapper.extract.sides import SideTable

    sides = SideTable.load(options.sides) if options.sides else SideTable.default()
    with timer.stage("read"):
        items = list(read_inputs(list(inputs), columns=options.columns, encoding=options.encoding))
    extract_all(items, gaz, sides, timer, result, options.progress)
    collect(result)

    with timer.stage("fusion"):
        from mapper.history.fusion import fuse

        fused = fuse(result.events)
        result.events = fused.events
        result.contradictions = list(fused.contradictions)
        for c in fused.contradictions:
            result.warnings.append({"kind": "contradiction", **c})
    result.dates = material_dates(result)

    with timer.stage("control"):
        from mapper.history.control import ControlTimeline
        from mapper.history.front import fronts_for_dates

        prior = None
        if options.prior:
            from mapper.history.prior import load_prior

            prior = load_prior(options.prior, gaz, as_of=options.prior_as_of)
            for pid, place in getattr(prior, "places", {}).items():
                result.places.setdefault(pid, place)
        result.control = ControlTimeline.from_events(result.events, prior=prior, places=result.places)
        days = [date.fromisoformat(d) for d in result.dates]
        result.fronts = fronts_for_dates(result.control, result.places, days)
        from mapper.history.movement_stats import net_movement

        result.net_movement = net_movement(result.control, result.places, days)

    with timer.stage("layers"):
        from mapper.publish.layers import build_layers

        layers = build_layers(result)
    with timer.stage("export"):
        from mapper.publish.export import write_geojson, write_gpkg

        write_geojson(layers, out / "data")
        if options.write_gpkg:
            write_gpkg(layers, out / "frontline.gpkg")
    if options.write_pages:
        with timer.stage("pages"):
            from mapper.publish.pages import write_pages

            write_pages(layers, out, offline_assets=options.offline_assets, progress=options.progress)
    result.timings_s = dict(timer.timings)
    result.timings_s["total"] = time.perf_counter() - t_all
    from mapper.report import write_report

    write_report(result, out / "report.json")
    return result
