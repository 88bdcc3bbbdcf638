"""Benchmark: articles/s of mapper.extract.extract_article on the fakes corpus.

    .venv/bin/python bench/bench_extract.py [../shared/corpus/fakes.csv] [--limit N]

Reads the corpus with mapper.read.readers.read_inputs (falls back to the csv module,
latin-1, column article_content), warms the gazetteer up once (matcher build
and first lookups are reported separately), then times extract_article over
every article. Prints counts (articles, failures, events by kind, movements,
unresolved, warnings) and throughput. Failures are counted, never raised.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.extract.article import default_gazetteer, extract_article  # noqa: E402
from mapper.model import Article  # noqa: E402
from mapper.extract.sides import SideTable  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fakes.csv"


def load(path: Path) -> list[Article]:
    """Articles of the corpus (readers when available, else csv latin-1)."""
    try:
        from mapper.read.readers import read_inputs
    except ImportError:
        csv.field_size_limit(10**9)
        with open(path, encoding="latin-1", newline="") as fh:
            return [Article(f"fakes:{i}", r["article_content"]) for i, r in enumerate(csv.DictReader(fh))]
    return [a for a in read_inputs([path]) if isinstance(a, Article)]


def fakes_rate(corpus: Path = DEFAULT, limit: int | None = None) -> dict[str, float]:
    """Articles per CPU second of ``extract_article`` over the corpus (gazetteer warm;
    in this process). For bench/run_all.py."""
    arts = load(corpus)[:limit]
    gaz = default_gazetteer()
    gaz.matcher()
    sides = SideTable.default()
    c0 = time.process_time()
    failures = events = 0
    for a in arts:
        try:
            events += len(extract_article(a, gaz, sides=sides).events)
        except Exception:  # a benchmark counts failures instead of stopping
            failures += 1
    cpu = time.process_time() - c0
    return {"articles": len(arts), "cpu_s": round(cpu, 2), "articles_per_cpu_s": round(len(arts) / cpu, 1),
            "events": events, "failures": failures}


def _build_cpu(corpus: Path, out: Path) -> tuple[float, float]:
    """(CPU seconds, peak MB) of ``frontline build CORPUS --no-pages --no-cache`` in a child."""
    from bench.common import PYTHON, run_child, wrapped

    run = run_child(wrapped([PYTHON, "-m", "mapper", "build", str(corpus), "--out", str(out),
                             "--no-pages", "--no-cache", "--no-gpkg", "-q"]))
    if run.returncode != 0:
        raise RuntimeError(f"build of {corpus} failed: {run.stderr[-600:]}")
    return run.cpu_s, run.maxrss_mb


def marginal_rate(copies: int = 10, corpus: Path = DEFAULT) -> dict[str, float]:
    """Issue 13's marginal rate: CPU seconds of a build of ``copies`` copies of the
    corpus (each copy's sentences rotated, new ids) minus a build of the corpus
    alone, ``--no-pages --no-cache``; articles per CPU second of the difference."""
    import tempfile

    from bench.synth import fakes_rows, rotated_copies

    n1 = len(fakes_rows(corpus)[1])
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        big = rotated_copies(copies, Path(tmp) / f"fakes_x{copies}.csv", corpus)
        cpu1, rss1 = _build_cpu(corpus, Path(tmp) / "out1")
        cpu10, rss10 = _build_cpu(big, Path(tmp) / "out10")
    extra = (copies - 1) * n1
    return {"articles_single": n1, "articles_copies": copies * n1, "cpu_single_s": round(cpu1, 1),
            "cpu_copies_s": round(cpu10, 1), "marginal_articles_per_cpu_s": round(extra / (cpu10 - cpu1), 1),
            "maxrss_copies_mb": round(rss10)}


def synthetic_rate(n: int = 100_000, workers: int = 1) -> dict[str, float]:
    """Articles per CPU second of the per-article stages over a synthetic ``n``-article
    corpus (fakes rows repeated, new ids and dates), run in a child process on the
    build's engine (``workers`` > 1: a process pool); CPU of the child and its
    workers, minus the child's start-up (interpreter, reading, gazetteer)."""
    import tempfile

    from bench.common import PYTHON, run_child, wrapped
    from bench.synth import repeated_corpus

    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        corpus = repeated_corpus(n, Path(tmp) / f"synth_{n}.csv")
        run = run_child(wrapped([PYTHON, str(Path(__file__).resolve()), str(corpus), "--engine-run",
                                 "--workers", str(workers)]))
    if run.returncode != 0:
        raise RuntimeError(f"synthetic extraction failed: {run.stderr[-600:]}")
    child = json.loads(run.stdout.strip().splitlines()[-1])
    # forkserver pool workers are not the child's children: their CPU comes from the engine
    cpu = run.cpu_s - child["setup_cpu_s"] + child.get("worker_cpu_s", 0.0)
    return {"articles": n, "workers": workers, "cpu_s": round(cpu, 1), "wall_s": round(run.wall_s, 1),
            "articles_per_cpu_s": round(n / cpu, 1), "events": child["events"], "failures": child["failures"],
            "maxrss_mb": round(run.maxrss_mb)}


def _engine_run(corpus: Path, workers: int) -> int:
    """Child of :func:`synthetic_rate`: extract every article on the engine, print JSON."""
    from mapper.engine import ExtractFailure, ExtractSpec, make_engine
    from mapper.engine.base import install_state

    arts = load(corpus)
    gaz = default_gazetteer()
    gaz.matcher()
    sides = SideTable.default()
    spec = ExtractSpec(gazetteer_index=None, online_geocoder=False, sides=None)
    install_state(spec, gaz, sides)
    setup = time.process_time()
    events = failures = 0
    with make_engine("process" if workers > 1 else "serial", workers=workers) as engine:
        for outcome in engine.map(spec, arts):
            if isinstance(outcome, ExtractFailure):
                failures += 1
            else:
                events += len(outcome.events)
    # CPU of forkserver workers (not waited children of this process, so not in its rusage);
    # spawn workers are, and are counted there already
    uncounted = getattr(engine, "worker_cpu_s", 0.0) if getattr(engine, "start_method", None) == "forkserver" else 0.0
    print(json.dumps({"setup_cpu_s": setup, "events": events, "failures": failures,
                      "worker_cpu_s": round(uncounted, 2)}))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--engine-run", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.engine_run:
        return _engine_run(args.corpus, args.workers)
    t0 = time.perf_counter()
    arts = load(args.corpus)[: args.limit]
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    gaz = default_gazetteer()
    gaz.matcher()
    sides = SideTable.default()
    t_warm = time.perf_counter() - t0
    kinds: Counter[str] = Counter()
    failures: list[str] = []
    n_mov = n_unres = n_warn = n_undated = 0
    t0 = time.perf_counter()
    for a in arts:
        try:
            r = extract_article(a, gaz, sides=sides)
        except Exception as exc:  # a benchmark counts failures instead of stopping
            failures.append(f"{a.id}: {type(exc).__name__}: {exc}")
            continue
        kinds.update(e.kind for e in r.events)
        n_undated += sum(1 for e in r.events if "undated" in e.flags)
        n_mov += len(r.movements)
        n_unres += len(r.unresolved)
        n_warn += len(r.warnings)
    dt = time.perf_counter() - t0
    n = len(arts)
    print(f"corpus: {args.corpus} ({n} articles, read in {t_read:.2f} s; gazetteer warm-up {t_warm:.2f} s)")
    print(f"extract: {dt:.2f} s, {n / dt if dt else float('inf'):.1f} articles/s, "
          f"{1000 * dt / max(n, 1):.1f} ms/article")
    print(f"events: {sum(kinds.values())} ({', '.join(f'{k} {v}' for k, v in kinds.most_common())}); "
          f"undated events {n_undated}; movements {n_mov}; unresolved {n_unres}; warnings {n_warn}")
    print(f"failures: {len(failures)}")
    for f in failures[:20]:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
