"""Benchmark: gazetteer start-up (cold and warm) and lookup latency on the regional pack.

    .venv/bin/python bench/bench_gazetteer.py [--lookups 5000]

- start-up: a fresh Python process builds ``Gazetteer.default()``, its compiled
  matcher and answers one search; *cold* with an empty ``$FRONTLINE_HOME`` (the
  baseline index, if any, is built then), *warm* again with the same home.
  Wall and CPU seconds of the whole child process (interpreter start included).
- lookup: ``Gazetteer.search(name, limit=5)`` over names drawn from the regional
  pack (gazetteer/data/syria_places.tsv), with the search cache cleared before
  each call so every call is a real lookup: median and p99 in ms.

``startup()`` and ``lookups()`` return dicts of numbers (bench/run_all.py).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import PYTHON, run_child, wrapped  # noqa: E402

_CHILD = ("from gazetteer import Gazetteer; g = Gazetteer.default(); g.matcher(); "
          "assert g.search('Palmyra', limit=1)")


def startup() -> dict[str, float]:
    """Seconds (wall, CPU) to a usable gazetteer in a new process: cold and warm."""
    home = Path(tempfile.mkdtemp(prefix="frontline-bench-home-"))
    try:
        out: dict[str, float] = {}
        for label in ("cold", "warm"):
            run = run_child(wrapped([PYTHON, "-c", _CHILD]), env={"FRONTLINE_HOME": str(home)})
            if run.returncode != 0:
                raise RuntimeError(f"gazetteer start-up ({label}) failed: {run.stderr[-400:]}")
            out[f"{label}_wall_s"] = round(run.wall_s, 2)
            out[f"{label}_cpu_s"] = round(run.cpu_s, 2)
            out[f"{label}_maxrss_mb"] = round(run.maxrss_mb)
        return out
    finally:
        shutil.rmtree(home, ignore_errors=True)


def lookups(n: int = 5000, seed: int = 3) -> dict[str, float]:
    """Latency (ms) of ``Gazetteer.search`` for names of the regional pack."""
    from gazetteer import Gazetteer
    from gazetteer.regional import load_regional_pack

    gaz = Gazetteer.default()
    pack = load_regional_pack()
    names = [p.name for p in pack.places.values() if p.name]
    rng = random.Random(seed)
    sample = [rng.choice(names) for _ in range(n)]
    ms: list[float] = []
    found = 0
    for name in sample:
        gaz._search_cache.clear()   # a real lookup every time, not the per-process memo
        t = time.perf_counter()
        res = gaz.search(name, limit=5)
        ms.append((time.perf_counter() - t) * 1000.0)
        found += bool(res)
    ms.sort()
    return {"lookups": n, "median_ms": round(statistics.median(ms), 3),
            "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 3), "found": found,
            "lookups_per_s": round(n / (sum(ms) / 1000.0))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lookups", type=int, default=5000)
    args = ap.parse_args(argv)
    print(json.dumps({"startup": startup(), "lookup": lookups(args.lookups)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
