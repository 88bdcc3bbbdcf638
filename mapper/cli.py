"""The ``frontline`` command line (also ``python -m mapper``).

    frontline build seeds/ --out output/
    frontline extract seeds/000_fdeebda4cc27a467.txt --json
    frontline resolve "4km west of Palmyra"
    frontline gazetteer search Tadmur
    frontline gazetteer import SY.txt
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional, Sequence

from gazetteer.errors import GazetteerError
from mapper.errors import FrontlineError

EPILOG = "Docs: README.md and docs/ in the repository. Output contract: docs/DESIGN.md."
#: exit codes (README "Exit codes"), shown in `frontline --help` and `frontline build --help`
EXIT_CODES = ("Exit codes: 0 success; 1 some articles failed (the others were built, see "
              "report.json); 2 misuse or nothing usable (bad flags, unusable --out, no article "
              "succeeded: the previous output is kept); 130 interrupted (the previous output is kept).")


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build", help="read articles and write maps, GeoJSON, GeoPackage and report.json",
        description="Read articles (folders of .txt/.md/.html with an optional articles.csv "
                    "manifest, single files, CSV or JSONL corpora), extract events and write "
                    "OUT/index.html, OUT/maps/YYYY-MM-DD.html, OUT/data/*.geojson, "
                    "OUT/frontline.gpkg and OUT/report.json.",
        epilog="Example: frontline build seeds/ --out output/\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="folder, article file or CSV/JSONL corpus")
    p.add_argument("--out", "-o", default="output", type=Path, help="output folder (default: output)")
    g = p.add_argument_group("corpus columns (CSV/JSONL; found by common names when omitted)")
    for col, names in (("text", "text/content/article_content/body"), ("date", "date/published"),
                       ("outlet", "source/outlet"), ("title", "title/article_title"),
                       ("id", "id/unit_id")):
        g.add_argument(f"--{col}-column", dest=f"col_{col}", metavar="NAME",
                       help=f"column holding the {col} (default: {names})")
    p.add_argument("--encoding", help="decode inputs with this codec (default: detected); a file that is "
                   "valid UTF-8 is still read as UTF-8 with a warning, a codec that gives control "
                   "characters is refused for that file")
    p.add_argument("--prior", choices=["syria-2017"],
                   help="start control from a snapshot (the gazetteer's 2017 control marks); off by default")
    p.add_argument("--prior-as-of", type=_iso_date, metavar="YYYY-MM-DD",
                   help="the day the prior snapshot is taken to hold (default: its own date, "
                        "2017-06-01 for syria-2017); an earlier day makes it the starting state")
    p.add_argument("--sides", type=Path, metavar="YAML", help="side table replacing the default")
    p.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD",
                   help="date window: drop events dated wholly before this day (every article is still "
                        "read; undated events are kept; the count is in report.json)")
    p.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD",
                   help="date window: drop events dated wholly after this day (inclusive window)")
    p.add_argument("--offline-assets", type=Path, metavar="DIR", nargs="?", const=Path("."),
                   help="write pages whose JS/CSS load from OUT/assets (copied from DIR, a node_modules-like folder)")
    p.add_argument("--tiles", metavar="URL|DIR|MBTILES",
                   help="map tiles of the pages: osm (default), none, a URL template with {z}/{x}/{y}, "
                        "a folder of XYZ tiles or an .mbtiles file (local tiles are copied into OUT/tiles)")
    p.add_argument("--gazetteer-index", type=Path, metavar="SQLITE",
                   help="use this on-disk gazetteer index (from `frontline gazetteer import`)")
    p.add_argument("--online-geocoder", action="store_true",
                   help="also ask Nominatim (geopy) for names the offline gazetteer lacks: cached, rate limited; off by default")
    p.add_argument("--no-gpkg", action="store_true", help="skip the GeoPackage")
    p.add_argument("--no-pages", action="store_true", help="skip the HTML pages")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    e = p.add_argument_group("speed (docs/SCALE.md)")
    e.add_argument("--workers", "-j", type=int, default=1, metavar="N",
                   help="processes for the per-article stages (default 1; the data files are identical)")
    e.add_argument("--engine", choices=["serial", "process", "dask"], default="serial",
                   help="where the per-article stages run: this process (serial; a process pool when "
                        "--workers > 1), a process pool, or a Dask cluster")
    e.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: a running scheduler, e.g. tcp://10.0.0.5:8786 "
                        "(default: a LocalCluster of --workers processes)")
    e.add_argument("--no-cache", action="store_true",
                   help="do not reuse or store per-article results ($FRONTLINE_HOME/cache/articles.sqlite)")
    p.set_defaults(func=cmd_build)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r}; write it as YYYY-MM-DD") from None


def _check_offline_assets(folder: Optional[Path]) -> None:
    """``--offline-assets DIR``: DIR must exist and hold Leaflet (DIR or DIR/node_modules);
    a bare ``--offline-assets`` (no DIR) looks in the current folder and the repository's
    tests/assets/node_modules. A wrong DIR is an error, never a silent fallback."""
    if folder is None or folder == Path("."):
        return
    if not folder.exists():
        raise FrontlineError(f"--offline-assets {str(folder)!r} does not exist; pass a node_modules-like "
                             "folder, e.g. `cd tests/assets && npm install` then --offline-assets "
                             "tests/assets/node_modules")
    if not any((c / "leaflet" / "dist" / "leaflet.js").exists()
               for c in (folder, folder / "node_modules", folder / "tests" / "assets" / "node_modules")):
        raise FrontlineError(f"--offline-assets {str(folder)!r} has no leaflet/dist/leaflet.js (nor "
                             "node_modules/leaflet/...); pass the folder npm installed into, e.g. "
                             "tests/assets/node_modules")


def cmd_build(args: argparse.Namespace) -> int:
    from mapper.pipeline import BuildOptions, build
    from mapper.report import report_dict

    columns = {c: getattr(args, f"col_{c}") for c in ("text", "date", "outlet", "title", "id")
               if getattr(args, f"col_{c}")}
    if args.prior_as_of and not args.prior:
        raise FrontlineError("--prior-as-of needs --prior (e.g. --prior syria-2017)")
    if args.since and args.until and args.since > args.until:
        raise FrontlineError(f"--since {args.since.isoformat()!r} is after --until {args.until.isoformat()!r}; "
                             "swap them")
    _check_offline_assets(args.offline_assets)
    if args.tiles:   # a wrong --tiles is an error before the extraction, not after it
        from mapper.publish.pages.tiles import resolve_tiles

        resolve_tiles(args.tiles)
    opts = BuildOptions(columns=columns or None, encoding=args.encoding, prior=args.prior,
                        prior_as_of=args.prior_as_of,
                        offline_assets=args.offline_assets, sides=args.sides,
                        gazetteer_index=args.gazetteer_index, online_geocoder=args.online_geocoder,
                        progress=False if args.quiet else None,
                        write_pages=not args.no_pages, write_gpkg=not args.no_gpkg,
                        tiles=args.tiles)
    from dataclasses import replace

    opts = replace(opts, engine=args.engine, workers=args.workers, scheduler=args.scheduler,
                   cache=not args.no_cache)
    opts = replace(opts, since=args.since, until=args.until)
    result = build(args.inputs, args.out, opts)
    rep = report_dict(result)
    a = rep["articles"]
    c = rep["counts"]
    print(f"frontline: {a['processed']}/{a['total']} articles processed "
          f"({a['failed']} failed, {a['undated']} undated); {c['events']} events, "
          f"{c['movements']} movements, {c['places']} places, {len(rep['unresolved'])} unresolved "
          f"mentions, {len(rep['warnings'])} warnings; {len(result.dates)} dates")
    wrote = ([f"{args.out}/index.html", f"{args.out}/maps/"] if not args.no_pages else []) + \
        [f"{args.out}/data/"] + ([f"{args.out}/frontline.gpkg"] if not args.no_gpkg else []) + \
        [f"{args.out}/report.json"]
    print(f"frontline: wrote {', '.join(wrote)}")
    # exit codes (EXIT_CODES): 2 nothing usable, 1 some articles failed, 0 success
    return 2 if not a["processed"] else (1 if a["failed"] else 0)


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="print the events of one article",
                       description="Extract the events of one article file and print them.",
                       epilog="Example: frontline extract seeds/001_3e5b1aeaa37e44e8.txt --json")
    p.add_argument("article", type=Path, help="an article file (.txt/.md/.html); a manifest "
                   "articles.csv next to it supplies outlet and date")
    p.add_argument("--json", action="store_true", help="JSON output for scripts")
    p.set_defaults(func=cmd_extract)


def event_dict(e: Any) -> dict[str, Any]:
    """An Event as a JSON-ready dict with the contract's field names."""
    loc = e.location
    t = e.time
    return {
        "id": e.id, "kind": e.kind, "side": e.side, "losing_side": e.losing_side, "actor": e.actor,
        "place": e.place_name, "place_id": e.place_id,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "location_method": loc.method if loc else None,
        "uncertainty_km": round(loc.uncertainty_km, 3) if loc else None,
        "date": t.date.isoformat() if t.date else None,
        "date_start": t.start.isoformat() if t.start else None,
        "date_end": t.end.isoformat() if t.end else None,
        "date_precision": t.precision,
        "toward": list(e.toward_names), "article": e.article_id, "quote": e.quote,
        "char_start": e.char_start, "char_end": e.char_end, "confidence": round(e.confidence, 3),
        "flags": list(e.flags),
    }


def cmd_extract(args: argparse.Namespace) -> int:
    from mapper.extract.article import extract_article
    from mapper.pipeline import BuildOptions, load_gazetteer
    from mapper.read.readers import ReadFailure, read_single

    item = read_single(args.article)
    if isinstance(item, ReadFailure):
        raise FrontlineError(str(item))
    res = extract_article(item, load_gazetteer(BuildOptions()))
    events = [event_dict(e) for e in res.events]
    if args.json:
        print(json.dumps({"article": item.id, "published": item.published.isoformat() if item.published else None,
                          "events": events, "unresolved": res.unresolved, "warnings": res.warnings},
                         indent=2, ensure_ascii=False, default=str))
    else:
        for e in events:
            when = e["date"] or (f"{e['date_start']}..{e['date_end']}" if e["date_start"] or e["date_end"] else "undated")
            print(f"{when:<23} {e['kind']:<11} {e['side']:<14} {e['place']:<22} {e['quote'][:70]!r}")
        print(f"{len(events)} events, {len(res.unresolved)} unresolved mentions, {len(res.warnings)} warnings")
    return 0


def _add_resolve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("resolve", help="place a relative phrase such as '4km west of Palmyra'",
                       description="Turn a location phrase into a point with an uncertainty "
                                   "polygon and print it as JSON (lat/lon in degrees, km).",
                       epilog='Example: frontline resolve "4km west of Palmyra"')
    p.add_argument("phrase")
    p.add_argument("--anchor", help="the place 'the city'/'the town' refers to")
    p.set_defaults(func=cmd_resolve)


def cmd_resolve(args: argparse.Namespace) -> int:
    from gazetteer.geometry import area_km2
    from gazetteer.spatial import resolve

    from mapper.publish.export import geometry_json
    from mapper.pipeline import BuildOptions, load_gazetteer

    gaz = load_gazetteer(BuildOptions())
    anchor = None
    if args.anchor:
        cand = gaz.resolve(args.anchor)
        if cand is None:
            raise GazetteerError(f"unknown anchor {args.anchor!r}: try `frontline gazetteer search {args.anchor}`")
        anchor = cand.place
    loc = resolve(args.phrase, gazetteer=gaz, context_anchor=anchor)
    a = loc.anchor or loc.place
    out = {
        "phrase": args.phrase,
        "point": {"lat": round(loc.lat, 6), "lon": round(loc.lon, 6)},
        "is_point": loc.is_point,
        "method": loc.method,
        "precision": loc.precision,
        "anchor": {"name": a.name, "id": a.id, "lat": a.lat, "lon": a.lon} if a else None,
        "distance_km": loc.offset_km,
        "distance_km_range": [loc.offset_km_min, loc.offset_km_max] if loc.offset_km_min is not None else None,
        "bearing_deg": loc.bearing_deg,
        "uncertainty_km": round(loc.uncertainty_km, 3),
        "area_km2": round(area_km2(loc.area), 3) if loc.area is not None else None,
        "uncertainty": geometry_json(loc.area),   # RFC 7946: lon/lat, 7 decimals
        "notes": list(loc.notes),
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


def _add_gazetteer(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gazetteer", help="search the offline gazetteer or import places into it",
                       description="Search or extend the offline gazetteer.")
    gsub = p.add_subparsers(dest="gaz_cmd", metavar="COMMAND", required=True)
    s = gsub.add_parser("search", help="best candidates for a name",
                        description="Print the best candidates for NAME: score, lat, lon, kind, source.",
                        epilog="Example: frontline gazetteer search Tadmur --country SY")
    s.add_argument("name")
    s.add_argument("--limit", type=int, default=5)
    s.add_argument("--country", help="ISO country code to prefer, e.g. SY")
    s.add_argument("--index", type=Path, metavar="SQLITE", help="gazetteer index to use")
    s.add_argument("--json", action="store_true", help="JSON output for scripts")
    s.set_defaults(func=cmd_gaz_search)
    i = gsub.add_parser("import", help="import a GeoNames dump, CSV or GeoJSON of places",
                        description="Import places into the on-disk index used by every later "
                                    "build: a GeoNames dump (SY.txt, cities500.txt, allCountries.txt), "
                                    "a CSV (name, lat, lon[, kind, aliases, country]) or a GeoJSON of Points.",
                        epilog="Example: frontline gazetteer import SY.txt")
    i.add_argument("file", type=Path)
    i.add_argument("--format", choices=["auto", "geonames", "csv", "geojson"], default="auto")
    i.add_argument("--index", type=Path, metavar="SQLITE", help="index to write (default: the user index)")
    i.set_defaults(func=cmd_gaz_import)
    # --- gazetteer evaluate (issue 10) ---
    ev = gsub.add_parser(
        "evaluate", help="how far from coded points do names land (within 1/5/25 km, worst misses)",
        description="Check the gazetteer against your own coded places: a CSV with columns name, "
                    "lat, lon (degrees) and optionally adm_1 (governorate). Mode 'report' (default) "
                    "writes each row as the one-line report 'Clashes were reported on Monday in "
                    "<name> in <adm_1> province.' and runs it through the article pipeline; mode "
                    "'lookup' resolves the name with the governorate as context. Prints the share "
                    "within 1, 5 and 25 km (also for the names the regional pack holds: a pack "
                    "record within 2 km), the unresolved and the worst misses.",
        epilog="Example: frontline gazetteer evaluate ../shared/data/ucdp_syria_dev.csv --json")
    ev.add_argument("file", type=Path, metavar="FILE.csv")
    ev.add_argument("--mode", choices=["report", "lookup", "both"], default="both")
    ev.add_argument("--index", type=Path, metavar="SQLITE", help="gazetteer index to use (e.g. an imported GeoNames dump)")
    ev.add_argument("--worst", type=int, default=10, metavar="N", help="worst misses to list (default 10)")
    ev.add_argument("--json", action="store_true", help="JSON output for scripts")
    ev.set_defaults(func=cmd_gaz_evaluate)


def cmd_gaz_search(args: argparse.Namespace) -> int:
    from mapper.pipeline import BuildOptions, load_gazetteer

    gaz = load_gazetteer(BuildOptions(gazetteer_index=args.index))
    cands = gaz.search(args.name, limit=args.limit, country=args.country)
    rows = [{"score": round(c.score, 3), "name": c.place.name, "matched": c.matched_name,
             "method": c.method, "lat": c.place.lat, "lon": c.place.lon, "kind": c.place.kind,
             "country": c.place.country, "source": c.place.source, "id": c.place.id} for c in cands]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        if not rows:
            print(f"no candidates for {args.name!r}", file=sys.stderr)
            return 1
        for r in rows:
            print(f"{r['score']:.3f}  {r['name']:<32} lat {r['lat']:9.4f}  lon {r['lon']:9.4f}  "
                  f"{r['kind']:<18} {r['country'] or '':<3} {r['source']}")
    return 0 if rows else 1


def cmd_gaz_import(args: argparse.Namespace) -> int:
    from gazetteer.importers import import_file

    stats = import_file(args.file, fmt=args.format, index_path=args.index)
    for err in stats.errors:
        print(f"frontline: skipped: {err}", file=sys.stderr)
    if stats.error_count > len(stats.errors):
        print(f"frontline: ... and {stats.error_count - len(stats.errors)} more skipped rows", file=sys.stderr)
    print(f"imported {stats.imported} places from {args.file} into {stats.index_path} "
          f"({stats.error_count} rows skipped)")
    # 2: nothing usable (every row skipped); skipped rows alone are reported above
    return 2 if stats.error_count and not stats.imported else 0


def _report_locator(gaz):
    """gazetteer.evaluate locator: the row as a one-line report through extract_article;
    the first event's point (None when no event was placed, or only on the governorate)."""
    from gazetteer.evaluate import EvalPoint, report_sentence
    from mapper.extract.article import extract_article
    from mapper.model import Article

    def locate(row):
        res = extract_article(Article(id=f"eval:{row.line}", text=report_sentence(row)), gaz)
        for e in res.events:
            loc = e.location
            # an event placed on the governorate alone did not resolve the name
            if loc is not None and loc.method != "region":
                p = loc.place or loc.anchor
                return EvalPoint(loc.lat, loc.lon, p.id if p else "", p.name if p else e.place_name,
                                 e.confidence, loc.method)
        return None
    return locate


def cmd_gaz_evaluate(args: argparse.Namespace) -> int:
    from gazetteer.evaluate import evaluate as gaz_evaluate, load_rows, lookup_locator
    from mapper.pipeline import BuildOptions, load_gazetteer

    rows = load_rows(args.file)
    if not rows:
        print(f"frontline: {args.file}: no rows with a name", file=sys.stderr)
        return 2
    gaz = load_gazetteer(BuildOptions(gazetteer_index=args.index))
    modes = ["report", "lookup"] if args.mode == "both" else [args.mode]
    reports = [gaz_evaluate(rows, _report_locator(gaz) if m == "report" else lookup_locator(gaz),
                            gaz=gaz, worst=args.worst, mode=m) for m in modes]
    if args.json:
        print(json.dumps({r.mode: r.as_dict() for r in reports}, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(r.format() for r in reports))
    return 0


def _add_evaluate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate", help="score a build's events against a gold file (recall, precision, misses)",
        description="Compare OUT/data/events.geojson (and events_undated.geojson) with a gold YAML "
                    "file (tests/gold/CONVENTIONS.md, "
                    "or ../shared/seeds/expected.yaml): recall, precision, the share of day-dated "
                    "events on the exact day and the misses by class (not extracted, wrong place, "
                    "side, kind, date), per article and overall. Only the gold's articles and "
                    "territorial kinds (capture/control, withdrawal, entry, advance) are scored.",
        epilog="Example: frontline evaluate output/ tests/gold/fakes_30.yaml --json")
    p.add_argument("out", type=Path, metavar="OUT", help="a build output folder (or its data/events.geojson)")
    p.add_argument("gold", type=Path, metavar="GOLD.yaml", help="the gold file")
    p.add_argument("--json", action="store_true", help="JSON output for scripts")
    p.add_argument("--examples", type=int, default=8, metavar="N", help="example misses to print (default 8)")
    p.set_defaults(func=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from mapper.evaluate import evaluate
    from mapper.evaluate.report import format_table, result_dict

    result = evaluate(args.out, args.gold)
    if args.json:
        print(json.dumps(result_dict(result), indent=2, ensure_ascii=False))
    else:
        print(format_table(result, examples=max(0, args.examples)))
    return 0


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="frontline",
        description="frontline: map front lines from war reporting. Reads articles, resolves "
                    "places offline, places relative phrases ('4km west of Palmyra') with honest "
                    "uncertainty, extracts who took or left which place when, and writes "
                    "per-date maps, GeoJSON and a GeoPackage.",
        epilog=EPILOG + "\n" + EXIT_CODES)
    from mapper import __version__

    p.add_argument("--version", action="version", version=f"frontline {__version__}")
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND", required=True)
    _add_build(sub)
    _add_extract(sub)
    _add_resolve(sub)
    _add_gazetteer(sub)
    _add_evaluate(sub)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = make_parser().parse_args(argv)
    # one-time work (the gazetteer baseline cache) and warnings reach the user on stderr
    logging.basicConfig(format="frontline: %(message)s", level=logging.WARNING)
    logging.getLogger("gazetteer").setLevel(logging.INFO)
    try:
        return int(args.func(args) or 0)
    except (FrontlineError, GazetteerError) as exc:
        print(f"frontline: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("frontline: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
