"""Throughput of reading the FA-KES corpus and resolving its time expressions.

Usage: .venv/bin/python bench/bench_read.py [path/to/fakes.csv] [--repeat N]
Prints articles/s for read_inputs alone and for read_inputs + resolve_times,
and the number of time mentions by precision.
"""
from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

from mapper.extract.dates import resolve_times
from mapper.model import Article
from mapper.read.readers import read_inputs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fakes.csv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    best_read = best_all = float("inf")
    n_art = n_fail = 0
    prec: collections.Counter[str] = collections.Counter()
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        items = list(read_inputs([args.corpus]))
        t1 = time.perf_counter()
        arts = [a for a in items if isinstance(a, Article)]
        prec.clear()
        for a in arts:
            for m in resolve_times(a):
                prec[m.span.precision] += 1
        t2 = time.perf_counter()
        best_read = min(best_read, t1 - t0)
        best_all = min(best_all, t2 - t0)
        n_art, n_fail = len(arts), len(items) - len(arts)
    chars = sum(len(a.text) for a in arts)
    print(f"corpus: {args.corpus}: {n_art} articles, {n_fail} failures, {chars / 1e6:.2f} M chars")
    print(f"read_inputs:                 {best_read:.3f} s  {n_art / best_read:,.0f} articles/s")
    print(f"read_inputs + resolve_times: {best_all:.3f} s  {n_art / best_all:,.0f} articles/s")
    print(f"time mentions: {sum(prec.values())} " + ", ".join(f"{k}={v}" for k, v in sorted(prec.items())))


if __name__ == "__main__":
    main()
