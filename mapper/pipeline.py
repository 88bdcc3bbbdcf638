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
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

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
    # date window (inclusive): events whose dates lie wholly outside are dropped before
    # control and fronts (counted in report.json warnings, kind "outside_window"); articles
    # are all read and extracted; undated events are kept
    since: Optional[date] = None
    until: Optional[date] = None
    # False: write nothing at all (the Python API mapper.build: layers in memory, result.layers)
    write_data: bool = True
    # where the per-article stages run (mapper/engine): "serial", "process" or
    # "dask"; workers > 1 with "serial" means a process pool; scheduler: a Dask
    # scheduler address (None: a LocalCluster); cache: reuse per-article results
    # (cache_path None: $FRONTLINE_HOME/cache/articles.sqlite)
    engine: str = "serial"
    workers: int = 1
    scheduler: Optional[str] = None
    cache: bool = True
    cache_path: Optional[Path] = None
    # map tiles of the pages: None/"osm" (OpenStreetMap), "none", a URL template with
    # {z}/{x}/{y}, a folder of XYZ tiles or an .mbtiles file (copied into OUT/tiles)
    tiles: Optional[str] = None


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
                progress: Optional[bool], options: Optional[BuildOptions] = None) -> None:
    """Run the per-article stages on every article, recording failures instead
    of raising. Cached results are reused (``options.cache``); the rest run on
    the engine ``options`` names (serial, a process pool or Dask) and come back
    in input order, so the data files do not depend on the engine."""
    from mapper.engine import ExtractFailure, ExtractSpec, make_engine
    from mapper.engine.base import install_state

    options = options or BuildOptions()
    spec = ExtractSpec(gazetteer_index=options.gazetteer_index, online_geocoder=options.online_geocoder,
                       sides=options.sides)
    install_state(spec, gaz, sides)   # the serial engine reuses them in this process
    arts = _readable(articles, build)
    cache = _open_cache(options, spec)
    # cached results are read one at a time when their turn comes (memory: issue 13)
    hits = {i for i, art in enumerate(arts) if cache.has(art)} if cache is not None else set()
    todo = [i for i in range(len(arts)) if i not in hits]
    pending: dict[int, object] = {}
    nxt = 0

    def drain() -> None:
        """Gather the outcomes that are next in input order, then keep them slim."""
        nonlocal nxt
        while nxt < len(arts) and (nxt in pending or nxt in hits):
            outcome = pending.pop(nxt, None)
            if outcome is None:   # a cache hit; a row that vanished or no longer unpickles is redone here
                outcome = cache.get(arts[nxt]) if cache is not None else None
                if outcome is None:
                    from mapper.engine.base import run_one

                    outcome = run_one(spec, arts[nxt])
            _accept(build, arts[nxt], outcome)
            nxt += 1
    bar = _extract_bar(progress, len(todo))
    try:
        with timer.stage("extract"), make_engine(options.engine, workers=options.workers,
                                                 scheduler=options.scheduler) as engine:
            drain()
            for i, outcome in zip(todo, engine.map(spec, [arts[i] for i in todo])):
                pending[i] = outcome
                if cache is not None and not isinstance(outcome, ExtractFailure):
                    cache.put(arts[i], outcome)  # type: ignore[arg-type]
                if bar is not None:
                    bar.update(1)
                drain()
            drain()
    finally:
        _close_bar(bar)
        if cache is not None:
            cache.close()
    build.extraction = {"engine": options.engine if options.workers == 1 or options.engine != "serial"
                        else "process", "workers": options.workers,
                        "cache": None if cache is None else {"path": str(cache.path), "hits": cache.hits,
                                                             "misses": cache.misses}}


def _readable(articles: Iterable[object], build: BuildResult) -> list[Article]:
    """The articles of the input (added to ``build.articles``); each ReadFailure is recorded
    in ``build.failures`` and reported, never raised."""
    from mapper.read.readers import ReadFailure

    arts: list[Article] = []
    for item in articles:
        if isinstance(item, ReadFailure):
            build.failures.append({"path": item.path, "line": item.line, "message": str(item)})
            _say(f"frontline: skipped: {item}")
        else:
            arts.append(item)  # type: ignore[arg-type]
    build.articles.extend(arts)
    return arts


def _extract_bar(progress: Optional[bool], n: int):
    """The progress bar of the extraction of ``n`` articles (None when not shown: ``progress``
    False, or None and at most PROGRESS_MIN_ARTICLES articles)."""
    global _BAR
    show = progress if progress is not None else n > PROGRESS_MIN_ARTICLES
    if not show:
        return None
    from tqdm import tqdm

    _BAR = tqdm(total=n, unit="article", desc="extracting", file=sys.stderr, mininterval=0.5, leave=False)
    return _BAR


def _close_bar(bar) -> None:
    global _BAR
    if bar is not None:
        bar.close()
        _BAR = None


def _accept(build: BuildResult, art: Article, outcome: object) -> None:
    """One article's outcome, in input order: a failure is recorded; a result is
    gathered (:func:`collect_result`) and kept slim (mentions dropped: issue 13)."""
    from mapper.engine import ExtractFailure

    if isinstance(outcome, ExtractFailure):
        build.failures.append({"path": art.path or art.id, "line": None, "message": outcome.message,
                               "article": art.id})
        _say(f"frontline: skipped: {outcome.message}")
        return
    collect_result(build, outcome)  # type: ignore[arg-type]
    build.results.append(outcome.slim())  # type: ignore[attr-defined]
    build.collected = len(build.results)


def _open_cache(options: BuildOptions, spec):
    """The article cache of this build, or None with --no-cache."""
    if not options.cache:
        return None
    from mapper.engine.cache import ArticleCache, code_version, spec_version

    salt = code_version() + spec_version(spec.gazetteer_index, spec.online_geocoder, spec.sides)
    return ArticleCache(options.cache_path or ArticleCache.default_path(), salt, say=_say)


def collect(build: BuildResult) -> None:
    """Gather events, movements, places, unresolved mentions and warnings (of the
    results not gathered yet, see ``build.collected``) and the reader notes."""
    for res in build.results[build.collected:]:
        collect_result(build, res)
    build.collected = len(build.results)
    _collect_notes(build)


def collect_result(build: BuildResult, res) -> None:
    """Gather one article's events, movements, unresolved mentions, warnings,
    places, place quotes and surface forms into ``build`` (call in input order)."""
    build.events.extend(res.events)
    build.movements.extend(res.movements)
    build.unresolved.extend(res.unresolved)
    build.warnings.extend(res.warnings)
    text = res.article.text
    spans = res.sentence_spans   # the article Layout's sentence of each mention
    if len(spans) != len(res.mentions):   # a result not made by extract_article
        from mapper.extract.layout import Layout
        lay = Layout.of(res.article)
        spans = [lay.sentence_bounds(m.start) for m in res.mentions]
    sentences: dict[tuple[int, int], str] = {}   # one string per quoted sentence, not per mention
    for m, (qs, qe) in zip(res.mentions, spans):
        if m.kind in (MENTION_DATELINE, MENTION_BYLINE):
            continue   # where a report was filed is not a place of the story
        loc = m.location
        place = m.place or (loc.place if loc is not None else None)
        if place is None:
            continue
        build.places.setdefault(place.id, place)
        quote = sentences.get((qs, qe))
        if quote is None:
            quote = sentences[(qs, qe)] = text[qs:qe]
        build.place_quotes.setdefault(place.id, []).append((res.article.id, quote, qs, qe))
        if m.kind in ("toponym", "offset_phrase"):   # surface forms as written (places layer)
            build.place_surfaces.setdefault(place.id, set()).add(m.surface)


def _collect_notes(build: BuildResult) -> None:
    """Reader notes and undated-article warnings (once per build, after the results)."""
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
        if res.article.published is not None and (res.events or res.has_mentions()):
            days.add(res.article.published)
    return [d.isoformat() for d in sorted(days)]


def apply_window(build: BuildResult, since: Optional[date], until: Optional[date]) -> int:
    """Drop the events (and their movements) whose dates lie wholly outside
    ``since``..``until`` (inclusive; either may be None); events with no date
    at all are kept. Records one ``outside_window`` warning with the count;
    returns the number dropped.

    >>> apply_window(BuildResult(), date(2016, 1, 1), None)
    0
    """
    def outside(ev) -> bool:
        start, end = ev.time.start, ev.time.end
        if start is None and end is None:
            return False
        lo, hi = start or end, end or start
        return bool((since and hi < since) or (until and lo > until))

    dropped = {e.id for e in build.events if outside(e)}
    if since or until:
        build.events = [e for e in build.events if e.id not in dropped]
        build.movements = [m for m in build.movements if m.event_id not in dropped]
        build.warnings.append({
            "article": None, "kind": "outside_window", "events": len(dropped),
            "since": since.isoformat() if since else None, "until": until.isoformat() if until else None,
            "message": f"{len(dropped)} events dated outside {since or '...'}..{until or '...'} dropped "
                       "(every article was read; undated events are kept)"})
    return len(dropped)


def build_in_memory(inputs: Iterable[PathLike], options: Optional[BuildOptions] = None,
                    **kw: object) -> BuildResult:
    """The build without writing anything: ``result.layers`` holds the layers
    (what :func:`mapper.build` wraps). Keyword arguments override options."""
    return _build_into(inputs, None, options, **{**kw, "write_data": False})


def build(inputs: Iterable[PathLike], out_dir: PathLike, options: Optional[BuildOptions] = None,
          **kw: object) -> BuildResult:
    """Build everything from ``inputs`` (folders, files, CSV/JSONL corpora) into
    ``out_dir``; returns the BuildResult. Keyword arguments override options.

    The output is replaced atomically (mapper/publish/outdir.py): ``out_dir`` is
    checked and locked before extraction, the build writes into a staging folder
    beside it that is swapped in at the end; an interrupted or failed build, or
    one in which no article succeeded, leaves the previous output untouched.
    """
    from mapper.publish.outdir import OutputDir

    with OutputDir(out_dir, say=_say) as staging:
        result = _build_into(inputs, staging.path, options, **kw)
        staging.commit(usable=bool(result.results))
    return result


def write_data(layers, out: Path, gpkg: bool = True) -> None:
    """The data files of ``layers`` into ``out``: data/*.geojson, the ACLED / UCDP
    tables and (``gpkg``) frontline.gpkg (a module-level function: it may run in
    a second process, mapper.engine.beside)."""
    from mapper.publish.export import write_geojson, write_gpkg
    from mapper.publish.tables import write_tables

    write_geojson(layers, out / "data")
    write_tables(layers, out / "data")   # events_acled.csv, events_ucdp.csv
    if gpkg:
        write_gpkg(layers, out / "frontline.gpkg")


def _build_into(inputs: Iterable[PathLike], out_dir: PathLike, options: Optional[BuildOptions] = None,
                **kw: object) -> BuildResult:
    """The build itself, writing into ``out_dir`` (the staging folder of :func:`build`)."""
    options = options or BuildOptions()
    if kw:
        from dataclasses import replace

        options = replace(options, **kw)  # type: ignore[arg-type]
    out = Path(out_dir) if out_dir is not None else Path(".")   # None: nothing is written (write_data=False)
    timer = _Timer()
    result = BuildResult()
    t_all = time.perf_counter()
    from mapper.engine.helpers import start_helpers, stop_helpers

    helpers = start_helpers(options)   # --workers N: N - 1 helper processes for every stage (mapper.engine.helpers)

    with timer.stage("gazetteer"):
        gaz = load_gazetteer(options)
    from mapper.read.readers import read_inputs
    from mapper.extract.sides import SideTable

    sides = SideTable.load(options.sides) if options.sides else SideTable.default()
    with timer.stage("read"):
        items = list(read_inputs(list(inputs), columns=options.columns, encoding=options.encoding))
    extract_all(items, gaz, sides, timer, result, options.progress, options)
    collect(result)
    _fuse_and_date(result, timer, options)
    with timer.stage("control"):
        _control_and_fronts(result, gaz, options)
    with timer.stage("layers"):
        from mapper.publish.layers import build_layers

        layers = build_layers(result)
    if options.since or options.until:   # no pages for publication dates outside the window
        from dataclasses import replace as _replace

        lo, hi = (options.since or date.min).isoformat(), (options.until or date.max).isoformat()
        layers = _replace(layers, dates=tuple(d for d in layers.dates if lo <= d <= hi))
    result.layers = layers
    if options.write_data:   # mapper.build() writes nothing
        _write_outputs(result, layers, out, timer, options)
    if helpers is not None:   # CPU seconds of the helper processes (not children this process waits for)
        result.extraction = {**(result.extraction or {}), "helpers": {
            "processes": helpers.n, "start_method": helpers.start_method, "cpu_s": round(stop_helpers(helpers), 2)}}
    result.timings_s = dict(timer.timings)
    result.timings_s["total"] = time.perf_counter() - t_all
    if options.write_data:
        from mapper.report import write_report

        write_report(result, out / "report.json")
    return result


def _fuse_and_date(result: BuildResult, timer: "_Timer", options: BuildOptions) -> None:
    """Fuse the events (contradictions become warnings), apply --since/--until, and set the
    build's dates."""
    with timer.stage("fusion"):
        from mapper.history.fusion import fuse

        fused = fuse(result.events)
        result.events = fused.events
        result.contradictions = list(fused.contradictions)
        for c in fused.contradictions:
            result.warnings.append({"kind": "contradiction", **c})
    if options.since or options.until:
        apply_window(result, options.since, options.until)
    result.dates = material_dates(result)
    if options.since or options.until:
        result.dates = [d for d in result.dates if (not options.since or d >= options.since.isoformat())
                        and (not options.until or d <= options.until.isoformat())]


def _control_and_fronts(result: BuildResult, gaz: Any, options: BuildOptions) -> None:
    """Control over time (with the prior's marks when asked), fronts and net movement per date."""
    from mapper.history.control import ControlTimeline
    from mapper.history.front import fronts_for_dates
    from mapper.history.movement_stats import net_movement

    prior = None
    if options.prior:
        from mapper.history.prior import load_prior

        prior = load_prior(options.prior, gaz, as_of=options.prior_as_of)
        for pid, place in getattr(prior, "places", {}).items():
            result.places.setdefault(pid, place)
    result.control = ControlTimeline.from_events(result.events, prior=prior, places=result.places)
    days = [date.fromisoformat(d) for d in result.dates]
    result.fronts = fronts_for_dates(result.control, result.places, days, workers=options.workers)
    result.net_movement = net_movement(result.control, result.places, days)


def _write_outputs(result: BuildResult, layers: Any, out: Path, timer: "_Timer", options: BuildOptions) -> None:
    """The data files and, unless --no-pages, the pages; with --workers N (N > 1) a second
    process writes the data files while the pages are made here."""
    from mapper.engine.beside import Beside

    with Beside(options.workers if options.write_pages else 1) as exports:
        with timer.stage("export"):
            exports.submit(write_data, layers, out, options.write_gpkg)
            if not exports.parallel:
                exports.wait()
        if options.write_pages:
            with timer.stage("pages"):
                from mapper.publish.pages import write_pages

                write_pages(layers, out, offline_assets=options.offline_assets, progress=options.progress,
                            tiles=options.tiles, build=result, workers=options.workers)
        with timer.stage("export"):
            exports.wait()
