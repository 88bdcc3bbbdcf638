#!/usr/bin/env python
"""Build the articles of each development gold file and score the build against it.

    .venv/bin/python scripts/evaluate_dev.py                      # every tests/gold/*.yaml
    .venv/bin/python scripts/evaluate_dev.py tests/gold/fakes_30.yaml --json
    bash scripts/evaluate_dev.sh                                  # the same, from the repo root

For each gold file the articles listed in its ``articles:`` are gathered from
the shared folder (``../shared`` beside the repo or ``$FRONTLINE_SHARED``):
``source: corpus/wiki/X.md`` files as they are, ``source: corpus/fakes.csv``
rows (by ``unit_id``) written to a temporary UTF-8 CSV with the same columns.
They are built with ``frontline build --no-pages --no-gpkg`` into
``OUT/<gold stem>/`` (default OUT: /tmp/frontline_eval) and scored with
``frontline evaluate``. One build per gold file, so the numbers of one file do
not depend on which other gold files exist. Exit code 1 when a build or an
evaluation fails.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FRONTLINE = [sys.executable, "-m", "mapper"]


def shared_dir() -> Path:
    return Path(os.environ.get("FRONTLINE_SHARED", ROOT.parent / "shared"))


def gather_inputs(gold: Path, shared: Path, work: Path) -> list[Path]:
    """The input files that hold the gold file's articles (a temp CSV for corpus rows)."""
    data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
    files: list[Path] = []
    rows_by_csv: dict[Path, set[str]] = {}
    for i, a in enumerate(data.get("articles") or []):
        if not isinstance(a, dict) or not a.get("source"):
            raise SystemExit(f"{gold}: articles[{i}] has no source; write {{id: ..., source: corpus/...}}")
        src = Path(str(a["source"]))
        src = src if src.is_absolute() else shared / src
        if not src.is_file():
            raise SystemExit(f"{gold}: articles[{i}]: source {str(src)!r} does not exist")
        if src.suffix.lower() == ".csv":
            rows_by_csv.setdefault(src, set()).add(str(a["id"]))
        elif src not in files:
            files.append(src)
    for src, ids in rows_by_csv.items():
        with open(src, encoding="latin-1", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = [r for r in reader if r.get("unit_id") in ids]
            fields = reader.fieldnames or []
        missing = ids - {r["unit_id"] for r in rows}
        if missing:
            raise SystemExit(f"{gold}: ids not found in {src}: {sorted(missing)}")
        out = work / f"{gold.stem}_{src.stem}.csv"
        with open(out, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields)
            w.writeheader()
            w.writerows(rows)
        files.append(out)
    return files


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, help="gold files (default: tests/gold/*.yaml)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/frontline_eval"), help="work folder")
    ap.add_argument("--json", action="store_true", help="print the JSON of each evaluation")
    ap.add_argument("--reuse", action="store_true", help="skip a build whose output already exists")
    args = ap.parse_args(argv)
    golds = args.gold or sorted((ROOT / "tests" / "gold").glob("*.yaml"))
    shared = shared_dir()
    rc = 0
    for gold in golds:
        work = args.out / gold.stem
        work.mkdir(parents=True, exist_ok=True)
        inputs = gather_inputs(gold, shared, work)
        if not inputs:
            print(f"== {gold}: no articles with a source; skipped")
            continue
        built = work / "out"
        if not (args.reuse and (built / "data" / "events.geojson").is_file()):
            print(f"== {gold}: building {len(inputs)} input file(s) into {built}", flush=True)
            b = subprocess.run([*FRONTLINE, "build", *map(str, inputs), "--out", str(built),
                                "--no-pages", "--no-gpkg", "--quiet"], cwd=ROOT)
            if b.returncode not in (0, 1):
                print(f"== {gold}: build failed (exit {b.returncode})")
                rc = 1
                continue
        e = subprocess.run([*FRONTLINE, "evaluate", str(built), str(gold), *(["--json"] if args.json else [])],
                           cwd=ROOT)
        rc = rc or (1 if e.returncode else 0)
        print(flush=True)
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
