"""Screenshot a page of an output folder with headless Chromium (Playwright + /usr/bin/chromium).

    .venv/bin/python scripts/screenshot.py output/ docs/screenshot_busy_date.png [--date 2016-12-11] [--build]
    .venv/bin/python scripts/screenshot.py output/ docs/screenshot_index.png --page index

Serves OUTPUT over http://127.0.0.1 (a thread), answers the CDN requests of
the page from tests/assets/node_modules (no internet needed) and writes a
1280x800 PNG (--full: the whole page). Map tiles fail as they would without
a network, so the picture shows the offline base map (Natural Earth land,
coast, borders, town labels); --blank-tiles answers them with a transparent
tile instead (the "online" look, without town labels). With --build (or when
OUTPUT has no pages) it first runs `frontline build seeds/ --out OUTPUT`.
Picks the date with most events when neither --date nor --page is given.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.publish.assets import BLANK_TILE_PNG, is_tile_url, local_path_for_url  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NODE_MODULES = ROOT / "tests" / "assets" / "node_modules"


def busiest_date(out: Path) -> str:
    data = json.loads((out / "data" / "events.geojson").read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for f in data["features"]:
        d = f["properties"].get("date")
        if d:
            counts[d] = counts.get(d, 0) + 1
    if not counts:
        raise SystemExit(f"screenshot: {out}/data/events.geojson has no dated events; pass --date")
    return max(sorted(counts), key=lambda d: counts[d])


BLANK_TILES = False


def route(r) -> None:
    url = r.request.url
    if url.startswith("http://127.0.0.1"):
        r.continue_()
    elif is_tile_url(url):
        if BLANK_TILES:
            r.fulfill(status=200, body=BLANK_TILE_PNG, content_type="image/png")
        else:
            r.abort()
    else:
        rel = local_path_for_url(url)
        if rel == "":
            r.fulfill(status=200, body="", content_type="text/css")
        elif rel and (NODE_MODULES / rel).exists():
            r.fulfill(status=200, path=str(NODE_MODULES / rel))
        else:
            print(f"screenshot: no local copy of {url}", file=sys.stderr)
            r.abort()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("output", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--date", help="YYYY-MM-DD (default: the date with most events)")
    ap.add_argument("--page", help="index, issues or undated instead of a date")
    ap.add_argument("--full", action="store_true", help="the whole page, not just the first 800 px")
    ap.add_argument("--blank-tiles", action="store_true", help="answer tiles with a transparent tile")
    ap.add_argument("--build", action="store_true", help="run the build on seeds/ first")
    a = ap.parse_args(argv)
    global BLANK_TILES
    BLANK_TILES = a.blank_tiles
    if not (NODE_MODULES / "leaflet" / "dist" / "leaflet.js").exists():
        raise SystemExit("screenshot: tests/assets/node_modules is missing: run `bash scripts/setup.sh --test`")
    if a.build or not (a.output / "maps").is_dir():
        from mapper.pipeline import build

        build([ROOT / "seeds"], a.output, progress=False)
    if a.page in ("index", "issues"):
        day, rel = a.page, f"{a.page}.html"
    else:
        day = a.page or a.date or busiest_date(a.output)
        rel = f"maps/{day}.html"
    page = a.output / rel
    if not page.exists():
        raise SystemExit(f"screenshot: {page} does not exist; dates: "
                         f"{sorted(p.stem for p in (a.output / 'maps').glob('*.html'))}")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(a.output))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            pg = b.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            pg.on("pageerror", lambda e: errors.append(str(e)))
            pg.route("**/*", route)
            pg.goto(f"http://127.0.0.1:{srv.server_address[1]}/{rel}", wait_until="load")
            pg.wait_for_timeout(1500)
            a.png.parent.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(a.png), full_page=a.full)
            b.close()
    finally:
        srv.shutdown()
    if errors:
        print("screenshot: page errors: " + "; ".join(errors), file=sys.stderr)
        return 1
    print(f"screenshot: {a.png} ({day})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
