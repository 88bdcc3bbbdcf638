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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
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
