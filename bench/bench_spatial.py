"""Benchmark gazetteer.spatial: phrases/s (parse + locate) and find_expressions chars/s.

Usage::

    .venv/bin/python bench/bench_spatial.py [--phrases 5000] [--corpus ../shared/corpus/fakes.csv]

Prints one line per measurement. No network; anchors come from a small table.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

from gazetteer import spatial as sp
from gazetteer.errors import SpatialExpressionError
from gazetteer.model import Place

ANCHORS = {
    "Palmyra": Place(id="b:palmyra", name="Palmyra", lat=34.56, lon=38.285),
    "Homs": Place(id="b:homs", name="Homs", lat=34.727, lon=36.724, population=650_000),
    "Damascus": Place(id="b:damascus", name="Damascus", lat=33.5102, lon=36.29128),
    "Resafa": Place(id="b:resafa", name="Resafa", lat=35.6309, lon=38.7568),
    "Deir ez-Zor": Place(id="b:dez", name="Deir ez-Zor", lat=35.336, lon=40.141),
    "Sirte": Place(id="b:sirte", name="Sirte", lat=31.2089, lon=16.5887),
}
DIRS = ["north", "south", "east", "west", "northeast", "north-west", "south east", "NNE", "WSW",
        "south-western", "SE"]
WORD_DIRS = [d for d in DIRS if not d.isupper()]   # abbreviations only after a distance
DISTS = ["4km", "31 km", "a few kilometers", "25 miles", "3 kilometers (1.8 miles)",
         "between 30 and 35 kilometers", "10–20 kilometers", "five kilometres", "about 12 km",
         "two and a half miles", "less than 3 km", "500 m"]
TEMPLATES = [
    "{d} {dir} of {a}", "al-Qadri Farms, {d} {dir} of {a}", "within {d} of {a}",
    "{dir} of {a}", "to the {dir} of the city", "the {adj} suburb of {a}", "{a}'s outskirts",
    "{adj} {a}", "the city center", "within {d}", "roughly {d} away from the town of {a}",
]
ADJ = ["western", "eastern", "northern", "southern", "north-eastern", "southwestern"]


def phrases(n: int, seed: int = 7) -> list[str]:
    """``n`` generated phrases, deterministic."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        t = rnd.choice(TEMPLATES)
        dirs = DIRS if t.startswith("{d}") or "{d} {dir}" in t else WORD_DIRS
        out.append(t.format(d=rnd.choice(DISTS), dir=rnd.choice(dirs), a=rnd.choice(list(ANCHORS)),
                            adj=rnd.choice(ADJ)))
    return out


def bench_phrases(n: int) -> None:
    ps = phrases(n)
    palmyra = ANCHORS["Palmyra"]
    t0 = time.perf_counter()
    parsed, errors = [], 0
    for p in ps:
        try:
            parsed.append(sp.parse(p))
        except SpatialExpressionError:
            errors += 1
    t1 = time.perf_counter()
    for e in parsed:
        anchor = palmyra if e.anchor_is_reference else ANCHORS.get(e.anchor_text or "", palmyra)
        sp.locate(e, anchor)
    t2 = time.perf_counter()
    kinds = Counter(e.kind for e in parsed)
    print(f"parse:          {n / (t1 - t0):10.0f} phrases/s  ({n} phrases, {errors} errors, kinds {dict(kinds)})")
    print(f"locate:         {n / (t2 - t1):10.0f} phrases/s")
    print(f"parse + locate: {n / (t2 - t0):10.0f} phrases/s")


def bench_corpus(path: Path) -> None:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="latin-1", newline="") as fh:
        texts = [row.get("article_content") or "" for row in csv.DictReader(fh)]
    chars = sum(map(len, texts))
    t0 = time.perf_counter()
    found = [sp.find_expressions(t) for t in texts]
    dt = time.perf_counter() - t0
    kinds = Counter((f.expr.kind if f.expr else "error") for fs in found for f in fs)
    print(f"find_expressions: {chars / dt:10.0f} chars/s  ({len(texts)} articles, {chars} chars, "
          f"{dt:.2f} s, {sum(kinds.values())} expressions {dict(kinds)})")


def run(n: int = 5000, corpus: Path | None = None) -> dict[str, float]:
    """Numbers for bench/run_all.py: offset phrases/s (parse, locate, both; CPU
    seconds) over ``n`` generated phrases, and find_expressions chars/s on the corpus."""
    ps = phrases(n)
    palmyra = ANCHORS["Palmyra"]
    c0 = time.process_time()
    parsed = []
    for p in ps:
        try:
            parsed.append(sp.parse(p))
        except SpatialExpressionError:
            pass
    c1 = time.process_time()
    for e in parsed:
        anchor = palmyra if e.anchor_is_reference else ANCHORS.get(e.anchor_text or "", palmyra)
        sp.locate(e, anchor)
    c2 = time.process_time()
    out: dict[str, float] = {"phrases": n, "parsed": len(parsed),
                             "parse_per_s": round(n / max(c1 - c0, 1e-9)),
                             "locate_per_s": round(len(parsed) / max(c2 - c1, 1e-9)),
                             "parse_locate_per_s": round(n / max(c2 - c0, 1e-9))}
    if corpus is not None and corpus.exists():
        csv.field_size_limit(sys.maxsize)
        with corpus.open(encoding="latin-1", newline="") as fh:
            texts = [row.get("article_content") or "" for row in csv.DictReader(fh)]
        c0 = time.process_time()
        found = sum(len(sp.find_expressions(t)) for t in texts)
        dt = time.process_time() - c0
        out.update({"find_chars_per_s": round(sum(map(len, texts)) / max(dt, 1e-9)),
                    "find_articles_per_s": round(len(texts) / max(dt, 1e-9)), "expressions": found})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phrases", type=int, default=5000)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fakes.csv")
    args = ap.parse_args(argv)
    bench_phrases(args.phrases)
    if args.corpus.exists():
        bench_corpus(args.corpus)
    else:
        print(f"corpus {str(args.corpus)!r} not found: skipped find_expressions throughput")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
