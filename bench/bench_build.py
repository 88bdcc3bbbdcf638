"""Benchmark: a whole ``mapper.pipeline.build`` on the fakes corpus, per stage.

    .venv/bin/python bench/bench_build.py [../shared/corpus/fakes.csv] [--pages] [--no-gpkg]
                                          [--out DIR] [--profile STAGE_PROFILE.prof]

Builds the corpus into a temporary folder (or ``--out``), without the HTML
pages unless ``--pages``, and prints the number of articles, events, dates and
areas rows, throughput (articles/s over the whole build) and the per-stage
timings of ``BuildResult.timings_s`` (seconds). ``--profile`` writes a cProfile
dump of the whole build (open it with ``python -m pstats`` or snakeviz).

Example output::

    articles 804 (failed 0)  events 2113  dates 561  area rows 9876
    total 39.1 s  ->  20.6 articles/s
      gazetteer      0.41 s
      read           0.35 s
      extract       17.02 s
      ...
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.pipeline import build  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fakes.csv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT,
                    help="corpus file or folder (default: ../shared/corpus/fakes.csv)")
    ap.add_argument("--pages", action="store_true", help="also write the HTML pages")
    ap.add_argument("--no-gpkg", action="store_true", help="skip the GeoPackage")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: a temp dir)")
    ap.add_argument("--profile", type=Path, default=None, help="write a cProfile dump here")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"bench_build: no corpus at {str(args.corpus)!r}; pass its path as the first argument",
              file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        out = args.out or Path(tmp) / "out"
        kwargs = {"write_pages": args.pages, "write_gpkg": not args.no_gpkg, "progress": False}
        t0 = time.perf_counter()
        if args.profile is not None:
            import cProfile

            prof = cProfile.Profile()
            result = prof.runcall(build, [args.corpus], out, **kwargs)
            prof.dump_stats(str(args.profile))
        else:
            result = build([args.corpus], out, **kwargs)
        wall = time.perf_counter() - t0

    n_art = len(result.articles)
    n_areas = 0 if result.fronts is None else len(result.fronts)
    print(f"corpus {args.corpus}")
    print(f"articles {n_art} (failed {len(result.failures)})  events {len(result.events)}  "
          f"movements {len(result.movements)}  places {len(result.places)}  dates {len(result.dates)}  "
          f"control/front rows {n_areas}")
    print(f"total {wall:.2f} s  ->  {n_art / wall if wall else 0.0:.1f} articles/s"
          f"{'' if args.pages else '  (no pages; --pages to include them)'}")
    for stage, secs in result.timings_s.items():
        print(f"  {stage:<12} {secs:8.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
