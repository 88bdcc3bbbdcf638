"""Benchmark: import a synthetic GeoNames dump and time key lookups.

Writes a synthetic GeoNames-format file (19 tab-separated columns, 3 alternate
names per row on average) with ``--rows`` rows (default 1 000 000) to a
temporary directory, imports it with :func:`gazetteer.importers.import_geonames`
into a fresh SQLite index, and prints:

- import throughput (rows/s) and wall time,
- index size on disk (MB),
- lookup latency over ``--lookups`` random names (default 10 000): median and
  p99 of ``name_key(name)`` + ``PlaceIndex.lookup(key)``, in milliseconds,
  once on first touch (pages not yet read by this process) and once warm.

Usage::

    .venv/bin/python bench/bench_gazetteer_import.py [--rows 1000000] [--lookups 10000] [--keep]
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gazetteer.importers import import_geonames  # noqa: E402
from gazetteer.index import PlaceIndex  # noqa: E402
from gazetteer.normalize import name_key  # noqa: E402

SYLLABLES = ["al", "ba", "dar", "deir", "ham", "jab", "kafr", "khan", "ma", "mar", "qas", "ras",
             "sab", "shar", "tal", "tay", "um", "wad", "zar", "bir", "hay", "kur", "lat", "min",
             "nah", "qar", "rum", "sul", "tib", "yab", "zor", "fur", "gha", "hus", "jis", "kas"]
ARTICLES = ["", "", "al-", "el-", "ash-", "ar-"]


def synth_name(rng: random.Random) -> str:
    words = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.append(rng.choice(ARTICLES) + w.capitalize())
    return " ".join(words)


def write_file(path: Path, rows: int, seed: int = 7) -> list[str]:
    """Write the synthetic dump; returns a sample of names for lookups."""
    rng = random.Random(seed)
    sample: list[str] = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(rows):
            name = synth_name(rng)
            alts = [synth_name(rng) for _ in range(rng.randint(1, 5))]
            lat = rng.uniform(-60, 70)
            lon = rng.uniform(-180, 180)
            fh.write(f"{i + 1}\t{name}\t{name}\t{','.join(alts)}\t{lat:.5f}\t{lon:.5f}\tP\tPPL\tSY\t\t"
                     f"01\t\t\t\t{rng.randint(0, 100000)}\t\t100\tAsia/Damascus\t2020-01-01\n")
            if i % max(1, rows // 20000) == 0:
                sample.append(rng.choice([name, *alts]))
    return sample


def run(rows: int = 1_000_000, lookups: int = 10_000) -> dict[str, float]:
    """Import a synthetic ``rows``-row dump into a fresh index and time ``lookups``
    key lookups (``name_key`` + ``PlaceIndex.lookup``); numbers for bench/run_all.py:
    rows/s (wall and CPU), index MB, median / p99 ms (warm) and the p99 of lookups
    returning at most 10 places."""
    tmp = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    try:
        src = tmp / "synthetic_allCountries.txt"
        sample = write_file(src, rows)
        db = tmp / "index.sqlite"
        idx = PlaceIndex(db)
        t0, c0 = time.perf_counter(), time.process_time()
        stats = import_geonames(src, idx)
        t_imp, c_imp = time.perf_counter() - t0, time.process_time() - c0
        idx.close()
        out: dict[str, float] = {"rows": rows, "import_wall_s": round(t_imp, 1), "import_cpu_s": round(c_imp, 1),
                                 "rows_per_cpu_s": round(stats.rows / c_imp) if c_imp else 0.0,
                                 "index_mb": round(db.stat().st_size / 1e6, 1), "bad_rows": stats.error_count}
        idx = PlaceIndex(db, readonly=True)
        rng = random.Random(1)
        names = [rng.choice(sample) for _ in range(lookups)]
        for label in ("first", "warm"):
            timed = []
            for n in names:
                t = time.perf_counter()
                res = idx.lookup(name_key(n))
                timed.append(((time.perf_counter() - t) * 1000, len(res)))
            lat_ms = sorted(ms for ms, _ in timed)
            small = sorted(ms for ms, k in timed if k <= 10)
            out[f"lookup_{label}_median_ms"] = round(statistics.median(lat_ms), 3)
            out[f"lookup_{label}_p99_ms"] = round(lat_ms[int(len(lat_ms) * 0.99) - 1], 3)
            if small:
                out[f"lookup_{label}_p99_le10_ms"] = round(small[int(len(small) * 0.99) - 1], 3)
        idx.close()
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--lookups", type=int, default=10_000)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    try:
        src = tmp / "synthetic_allCountries.txt"
        t0 = time.perf_counter()
        sample = write_file(src, args.rows)
        t_write = time.perf_counter() - t0
        print(f"wrote {args.rows:,} rows ({src.stat().st_size / 1e6:.0f} MB) in {t_write:.1f} s")

        db = tmp / "index.sqlite"
        idx = PlaceIndex(db)
        t0 = time.perf_counter()
        stats = import_geonames(src, idx)
        t_imp = time.perf_counter() - t0
        idx.close()
        size_mb = db.stat().st_size / 1e6
        print(f"import: {stats.imported:,} places, {stats.names:,} names in {t_imp:.1f} s "
              f"= {stats.rows / t_imp:,.0f} rows/s; {stats.error_count} bad rows")
        print(f"index size: {size_mb:.1f} MB")

        idx = PlaceIndex(db, readonly=True)
        rng = random.Random(1)
        names = [rng.choice(sample) for _ in range(args.lookups)]
        for label in ("first touch (random pages of the file)", "warm (same names again)"):
            timed = []   # (ms, number of places returned)
            for n in names:
                t = time.perf_counter()
                res = idx.lookup(name_key(n))
                timed.append(((time.perf_counter() - t) * 1000, len(res)))
            found = sum(1 for _, k in timed if k)
            lat_ms = sorted(ms for ms, _ in timed)
            p99 = lat_ms[int(len(lat_ms) * 0.99) - 1]
            slow = [k for ms, k in timed if ms >= p99]
            small = sorted(ms for ms, k in timed if k <= 10)
            print(f"lookup, {label}: name_key + indexed SELECT over {len(names):,} names: "
                  f"median {statistics.median(lat_ms):.3f} ms, p99 {p99:.3f} ms; "
                  f"found {found}/{len(names)}")
            # the synthetic names reuse few syllables, so short names are shared by
            # hundreds of places: the slowest lookups are the ones returning most rows
            print(f"  places per lookup: median {statistics.median(k for _, k in timed):.0f}, "
                  f"in the slowest 1 %: median {statistics.median(slow):.0f}; lookups returning "
                  f"<= 10 places ({len(small):,}): median {statistics.median(small):.3f} ms, "
                  f"p99 {small[int(len(small) * 0.99) - 1]:.3f} ms")
        idx.close()
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
