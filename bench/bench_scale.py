"""Benchmark: whole builds at growing sizes (CPU seconds, peak memory, page size).

    .venv/bin/python bench/bench_scale.py [--quick]

- :func:`build_sizes` — builds (pages on) of synthetic corpora sized to give
  about 100, 1,000 and 10,000 events: CPU seconds of the build, the number of
  date pages, the mean size of a date page (KB), peak RSS (MB).
- :func:`linear_ratio` — issue 13 item 2: ``frontline build --no-pages
  --no-cache`` of a 2,000- and a 20,000-article synthetic corpus (fakes rows
  repeated, new ids, dates spread over 2015-2018, bench/synth.py): the CPU
  ratio (target <= 11) and the peak memory of the large one (target < 1 GB).
- :func:`workers_speedup` — issue 13 item 3: builds with pages, serial and
  ``--workers 2``, each twice (alternating): wall-time speed-up of the
  extraction and of the whole build (target >= 1.6x), CPU seconds of the
  build's process and of its helpers, the machine's load average before each
  build, and whether every run wrote the same bytes.

Every build runs in a child process (bench/rusage_wrap.py), so its CPU and
memory are its own.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import PYTHON, run_child, wrapped  # noqa: E402
from bench.synth import repeated_corpus  # noqa: E402

#: events per FA-KES article after fusion, measured on a 2,000-article corpus (sizes the corpora)
EVENTS_PER_ARTICLE = 2.6


def _build(corpus: Path, out: Path, *flags: str) -> dict[str, float]:
    run = run_child(wrapped([PYTHON, "-m", "mapper", "build", str(corpus), "--out", str(out),
                             "--no-cache", "-q", *flags]))
    if run.returncode != 0:
        raise RuntimeError(f"build of {corpus} failed: {run.stderr[-800:]}")
    rep = json.loads((out / "report.json").read_text())
    counts = rep.get("counts") or {}
    events = counts.get("events")
    if events is None:
        events = len(json.loads((out / "data" / "events.geojson").read_text())["features"])
    return {"cpu_s": round(run.cpu_s, 1), "wall_s": round(run.wall_s, 1), "maxrss_mb": round(run.maxrss_mb),
            "events": events, "main_cpu_s": round(run.main_cpu_s, 1)}


def build_sizes(targets: tuple[int, ...] = (100, 1000, 10000)) -> list[dict[str, float]]:
    """One build with pages per target number of events; see the module doc."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        for target in targets:
            n = max(5, math.ceil(target / EVENTS_PER_ARTICLE))
            corpus = repeated_corpus(n, Path(tmp) / f"synth_{n}.csv")
            out = Path(tmp) / f"out_{n}"
            res = _build(corpus, out, "--no-gpkg")
            pages = sorted((out / "maps").glob("*.html"))
            sizes = [p.stat().st_size for p in pages]
            total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
            rows.append({"target_events": target, "articles": n, **res, "date_pages": len(pages),
                         "page_kb_mean": round(sum(sizes) / len(sizes) / 1024, 1) if sizes else 0.0,
                         "page_kb_max": round(max(sizes) / 1024, 1) if sizes else 0.0,
                         "output_mb": round(total / 1e6, 1),
                         # a date page is small HTML; the layers it draws are in the shared
                         # data/site.js: the whole output divided by the date pages
                         "output_kb_per_date": round(total / max(len(pages), 1) / 1024, 1),
                         "cpu_ms_per_page": round(1000 * res["cpu_s"] / max(len(pages), 1), 1)})
    return rows


def linear_ratio(small: int = 2000, big: int = 20000) -> dict[str, float]:
    """CPU ratio and peak memory of ``--no-pages --no-cache`` builds of ``small`` and
    ``big`` synthetic articles (issue 13 item 2: ratio <= 11 for 10x the articles,
    peak < 1 GB)."""
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        a = _build(repeated_corpus(small, Path(tmp) / "small.csv"), Path(tmp) / "out_small", "--no-pages")
        b = _build(repeated_corpus(big, Path(tmp) / "big.csv"), Path(tmp) / "out_big", "--no-pages")
    return {"small_articles": small, "big_articles": big, "small_cpu_s": a["cpu_s"], "big_cpu_s": b["cpu_s"],
            "ratio": round(b["cpu_s"] / a["cpu_s"], 2), "small_maxrss_mb": a["maxrss_mb"],
            "big_maxrss_mb": b["maxrss_mb"], "small_events": a["events"], "big_events": b["events"]}


def workers_speedup(n: int = 0, workers: int = 2, repeats: int = 2) -> dict[str, Any]:
    """Issue 13 item 3: builds with pages (``--no-cache --no-gpkg``), serial and with
    ``--workers``, on fakes.csv (``n`` = 0) or ``n`` synthetic articles, ``repeats``
    times each, alternating (serial, parallel, serial, parallel...), so both meet the
    same machine. Per run: wall seconds, CPU seconds of the build's own process and
    of its helper processes (bench/rusage_wrap.py reaps the forkserver's children),
    the extraction stage's wall time (report.json) and the 1-minute load average
    before the run. The data files and pages of every run must be byte-identical
    to the first serial run's (``identical``).

    Speed-ups: ``speedup_build`` = best serial wall / best parallel wall (target
    >= 1.6 on 2 cores); ``speedup_cpu_bound`` = serial CPU / the busiest process's
    CPU in the parallel build (what an idle machine would give at most: on a shared
    machine with the kernel's autogroup scheduling, all processes of one session
    share one session's slice, so more processes do not get more CPU)."""
    import os

    from bench.common import FAKES

    out: dict[str, Any] = {"workers": workers, "repeats": repeats, "runs": []}
    try:
        out["autogroup"] = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        out["autogroup"] = None
    reference: dict[str, bytes] | None = None
    identical = True
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        corpus = FAKES if not n else repeated_corpus(n, Path(tmp) / f"synth_{n}.csv")
        for rep in range(repeats):
            for label, flags in (("serial", ()), ("parallel", ("--workers", str(workers)))):
                load = os.getloadavg()[0]
                dest = Path(tmp) / f"out_{label}_{rep}"
                res = _build(Path(corpus), dest, "--no-gpkg", *flags)
                report = json.loads((dest / "report.json").read_text())
                timings = report.get("timings_s") or {}
                files = _output_files(dest)
                if reference is None:
                    reference = files
                identical = identical and files == reference
                helpers = ((report.get("extraction") or {}).get("helpers") or {}).get("cpu_s")
                out["runs"].append({"label": label, "wall_s": res["wall_s"], "cpu_s": res["cpu_s"],
                                    "main_cpu_s": res["main_cpu_s"],
                                    "helpers_cpu_s": round(res["cpu_s"] - res["main_cpu_s"], 1),
                                    "helper_tasks_cpu_s": helpers,
                                    "extract_wall_s": round(timings.get("extract", float("nan")), 1),
                                    "load_avg": round(load, 1), "maxrss_mb": res["maxrss_mb"]})
                shutil.rmtree(dest, ignore_errors=True)
        out["articles"] = n or 804
    out["identical"] = identical
    for label in ("serial", "parallel"):
        runs = [r for r in out["runs"] if r["label"] == label]
        best = min(runs, key=lambda r: r["wall_s"])
        out.update({f"{label}_wall_s": best["wall_s"], f"{label}_cpu_s": best["cpu_s"],
                    f"{label}_main_cpu_s": best["main_cpu_s"], f"{label}_helpers_cpu_s": best["helpers_cpu_s"],
                    f"{label}_extract_wall_s": best["extract_wall_s"], f"{label}_load_avg": best["load_avg"],
                    f"{label}_maxrss_mb": best["maxrss_mb"],
                    f"{label}_walls": [r["wall_s"] for r in runs], f"{label}_loads": [r["load_avg"] for r in runs]})
    out["speedup_build"] = round(out["serial_wall_s"] / out["parallel_wall_s"], 2)
    out["speedup_extract"] = round(out["serial_extract_wall_s"] / out["parallel_extract_wall_s"], 2)
    serial_cpu = min(r["cpu_s"] for r in out["runs"] if r["label"] == "serial")
    busiest = min(max(r["main_cpu_s"], r["helpers_cpu_s"]) for r in out["runs"] if r["label"] == "parallel")
    out["speedup_cpu_bound"] = round(serial_cpu / busiest, 2)
    return out


def _output_files(out: Path) -> dict[str, bytes]:
    """Every file a build wrote except report.json (timings), by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "report.json"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller corpora (200 / 2,000 articles; 100 / 1,000 events)")
    args = ap.parse_args(argv)
    print(json.dumps({"sizes": build_sizes((100, 1000) if args.quick else (100, 1000, 10000)),
                      "ratio": linear_ratio(*((200, 2000) if args.quick else (2000, 20000)))}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
