"""Shared pytest fixtures.

Sections (keep them tidy; add yours under a header of your own):
- output fixtures (layers / exports / pages): a realistic synthetic BuildResult
  around Palmyra on two dates, built without the extraction pipeline, plus
  its layers and a fully written output folder; and, once mapper.pipeline
  can build the seeds, a session-scoped real build.
- browser helpers: the local CDN mirror (tests/assets/node_modules) and a
  Playwright route handler that serves it and records unknown requests.
"""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ASSETS_NODE_MODULES = ROOT / "tests" / "assets" / "node_modules"
SETUP_HINT = "run `bash scripts/setup.sh --test` (installs chromium, python3-qgis and the npm test assets)"

# ----------------------------------------------------------------------------
# output fixtures (layers, exports, pages)
# ----------------------------------------------------------------------------

XSS_QUOTE = ('Residents said <script>alert(1)</script> the army <img src=x onerror=alert(1)> '
             'shelled "the citadel" & the old town.')


def make_synthetic_build():
    """A small, realistic BuildResult (no extraction needed).

    Two exact dates (2016-12-10 and 2016-12-11) around Palmyra, one
    week-precision event, one undated event (undated article), an area-only
    Location (a ring: "within 2 km of the airbase"), an offset Location with a
    sector polygon and an offset-conflict warning, an advance with a
    destination, a withdrawal with a bearing only, and a quote carrying
    <script> and <img onerror> payloads.
    """
    from gazetteer.geometry import annular_sector, ring
    from gazetteer.model import Location, Place
    from mapper.model import Article, Event, Movement, TimeSpan
    from mapper.result import ArticleResult, BuildResult

    palmyra = Place(id="sy:palmyra", name="Palmyra", lat=34.56, lon=38.285, kind="settlement",
                    country="SY", source="syria_places", control="government")
    airbase = Place(id="sy:t4", name="Tiyas Airbase", lat=34.522, lon=37.63, kind="airbase",
                    country="SY", source="syria_places", control="government")
    gasfield = Place(id="sy:palmyra_gas", name="Palmyra Gas Fields", lat=34.617, lon=38.313,
                     kind="oil or gas field", country="SY", source="syria_places")
    triangle = Place(id="sy:triangle", name="Palmyra Triangle crossroad", lat=34.519, lon=38.216,
                     kind="crossroads", country="SY", source="syria_places")
    citadel = Place(id="sy:citadel", name="Palmyra Citadel", lat=34.563, lon=38.268, kind="hill",
                    country="SY", source="syria_places")

    d10, d11, d12 = date(2016, 12, 10), date(2016, 12, 11), date(2016, 12, 12)
    a1 = Article(id="a1", text="x" * 400, published=d11, outlet="ARA News", path="a1.txt")
    a2 = Article(id="a2", text="y" * 400, published=d12, outlet="Reuters", path="a2.txt")
    a3 = Article(id="a3", text="z" * 400, published=None, outlet="ARA News", path="a3.txt")

    loc_palmyra = Location.of_place(palmyra, uncertainty_km=2.0)
    offset_area = annular_sector(palmyra.lat, palmyra.lon, 3.0, 5.0, 270.0, 45.0)
    loc_offset = Location(lat=34.5603, lon=38.241, method="offset", precision="offset",
                          uncertainty_km=2.1, area=offset_area, anchor=palmyra, offset_km=4.0,
                          offset_km_min=3.0, offset_km_max=5.0, bearing_deg=270.0,
                          phrase="4km west of Palmyra")
    ring_area = ring(airbase.lat, airbase.lon, 0.0, 2.0)
    loc_ring = Location(lat=airbase.lat, lon=airbase.lon, method="distance", precision="area",
                        uncertainty_km=2.0, area=ring_area, anchor=airbase, offset_km=2.0,
                        offset_km_min=0.0, offset_km_max=2.0, phrase="within two kilometres of the T4 airbase",
                        is_point=False)
    loc_gas = Location.of_place(gasfield, uncertainty_km=3.0)
    loc_triangle = Location.of_place(triangle, uncertainty_km=1.0)
    loc_citadel = Location.of_place(citadel, uncertainty_km=0.5)

    day = lambda d, text="": TimeSpan(d, d, "day", text)  # noqa: E731
    ev = [
        Event(id="a1-e1", kind="capture", side="islamic_state", actor="Islamic State fighters",
              article_id="a1", quote="Islamic State fighters captured Palmyra on Sunday.",
              char_start=10, char_end=61, place_name="Palmyra", location=loc_palmyra,
              time=day(d11, "on Sunday"), losing_side="government", confidence=0.9,
              outlet="ARA News", published=d11, sources=("a1", "a2")),
        Event(id="a1-e2", kind="withdrawal", side="government", actor="regime forces",
              article_id="a1", quote="Regime forces withdrew 4km west of Palmyra.",
              char_start=62, char_end=106, place_name="Palmyra", location=loc_offset,
              time=day(d11), confidence=0.7, outlet="ARA News", published=d11),
        Event(id="a1-e3", kind="advance", side="islamic_state", actor="IS militants",
              article_id="a1", quote="IS militants advanced from the gas fields toward Palmyra.",
              char_start=107, char_end=165, place_name="Palmyra Gas Fields", location=loc_gas,
              time=day(d10, "on Saturday"), confidence=0.6, outlet="ARA News", published=d11,
              toward=(loc_palmyra,), toward_names=("Palmyra",)),
        Event(id="a2-e1", kind="airstrike", side="government", actor="Russian jets",
              article_id="a2", quote=XSS_QUOTE, char_start=5, char_end=5 + len(XSS_QUOTE),
              place_name="Palmyra Citadel", location=loc_citadel, time=day(d11), confidence=0.5,
              outlet="Reuters", published=d12),
        Event(id="a2-e2", kind="clash", side="government", actor="the army",
              article_id="a2", quote="Clashes raged within two kilometres of the T4 airbase.",
              char_start=120, char_end=175, place_name="Tiyas Airbase", location=loc_ring,
              time=day(d12), confidence=0.6, outlet="Reuters", published=d12),
        Event(id="a2-e3", kind="position", side="government", actor="army units",
              article_id="a2", quote="Army units held the Palmyra Triangle crossroad earlier this week.",
              char_start=180, char_end=245, place_name="Palmyra Triangle crossroad",
              location=loc_triangle, time=TimeSpan(date(2016, 12, 5), d11, "week", "earlier this week"),
              confidence=0.5, outlet="Reuters", published=d12),
        Event(id="a3-e1", kind="attack", side="opposition", actor="rebels", article_id="a3",
              quote="Rebels attacked a checkpoint near Palmyra.", char_start=0, char_end=42,
              place_name="Palmyra", location=loc_palmyra, time=TimeSpan(), confidence=0.4,
              outlet="ARA News", published=None, flags=("undated",)),
    ]
    mv = [
        Movement(id="a1-m1", event_id="a1-e3", kind="advance", side="islamic_state", origin=loc_gas,
                 destination=loc_palmyra, destination_name="Palmyra", time=day(d10), article_id="a1",
                 quote=ev[2].quote),
        Movement(id="a1-m2", event_id="a1-e2", kind="withdrawal", side="government", origin=loc_palmyra,
                 bearing_deg=270.0, time=day(d11), article_id="a1", quote=ev[1].quote),
    ]
    warnings = [{"article": "a1", "kind": "offset_conflict", "event_id": "a1-e2",
                 "message": "'4km west of Palmyra' lands 1.2 km from the gazetteer point of Palmyra Citadel"}]
    results = [ArticleResult(article=a, events=[e for e in ev if e.article_id == a.id],
                             movements=[m for m in mv if m.article_id == a.id]) for a in (a1, a2, a3)]
    places = {p.id: p for p in (palmyra, airbase, gasfield, triangle, citadel)}
    return BuildResult(articles=[a1, a2, a3], results=results, events=ev, movements=mv, places=places,
                       place_quotes={"sy:palmyra": [("a1", ev[0].quote, 10, 61)]},
                       warnings=warnings, dates=["2016-12-10", "2016-12-11", "2016-12-12"])


def make_synthetic_fronts():
    """A GeoDataFrame like mapper.history.front.fronts_for_dates: control areas + a front line."""
    import geopandas as gpd
    from shapely.geometry import LineString, Polygon

    rows = [
        {"date": "2016-12-11", "layer_type": "control", "side": "islamic_state",
         "geometry": Polygon([(38.25, 34.50), (38.40, 34.50), (38.40, 34.65), (38.25, 34.65)])},
        {"date": "2016-12-11", "layer_type": "control", "side": "government",
         "geometry": Polygon([(37.55, 34.45), (38.25, 34.45), (38.25, 34.65), (37.55, 34.65)])},
        {"date": "2016-12-11", "layer_type": "front", "side": "unknown",
         "geometry": LineString([(38.25, 34.45), (38.25, 34.65)])},
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


@pytest.fixture
def synthetic_build():
    """A fresh synthetic BuildResult (see make_synthetic_build) with control areas and a front."""
    b = make_synthetic_build()
    b.fronts = make_synthetic_fronts()
    return b


@pytest.fixture
def synthetic_layers(synthetic_build):
    from mapper.publish.layers import build_layers

    return build_layers(synthetic_build)


@pytest.fixture(scope="session")
def synthetic_output(tmp_path_factory):
    """A complete output folder (data/, frontline.gpkg, index.html, maps/) from the synthetic build."""
    from mapper.publish.export import write_geojson, write_gpkg
    from mapper.publish.layers import build_layers
    from mapper.publish.pages import write_pages

    out = tmp_path_factory.mktemp("synthetic_output")
    b = make_synthetic_build()
    b.fronts = make_synthetic_fronts()
    layers = build_layers(b)
    write_geojson(layers, out / "data")
    write_gpkg(layers, out / "frontline.gpkg")
    write_pages(layers, out)
    return out


@pytest.fixture(scope="session")
def seeds_output(seeds_build):
    """The output folder of the real build of seeds/ (tests/plugin_build.py's
    ``seeds_build``, once per session). A failing build fails these tests."""
    return seeds_build


# ----------------------------------------------------------------------------
# browser helpers (Playwright + Debian chromium, CDN assets served locally)
# ----------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser_assets() -> None:
    """Fail (not skip) with the setup command when chromium or the npm assets are missing."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: {SETUP_HINT}")
    if not (ASSETS_NODE_MODULES / "leaflet" / "dist" / "leaflet.js").exists():
        pytest.fail(f"{ASSETS_NODE_MODULES} has no leaflet: {SETUP_HINT}")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.fail("the playwright package is missing: run `.venv/bin/pip install -e '.[test]'`")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Playwright, executable /usr/bin/chromium)."""
    require_browser_assets()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class CdnMirror:
    """A Playwright route handler: CDN URLs -> files in tests/assets/node_modules.

    Local pages (http://127.0.0.1, file://) pass through; map tiles and
    anything unknown are answered with a transparent tile / aborted and recorded in ``unknown`` / ``tiles``.
    """

    def __init__(self, root: Path = ASSETS_NODE_MODULES) -> None:
        self.root = root
        self.served: list[str] = []
        self.unknown: list[str] = []
        self.tiles: list[str] = []

    def __call__(self, route) -> None:
        from mapper.publish.assets import BLANK_TILE_PNG, is_tile_url, local_path_for_url

        url = route.request.url
        if url.startswith(("http://127.0.0.1", "file://", "data:", "about:")):
            route.continue_()
            return
        if is_tile_url(url):  # no tiles offline: a transparent tile, so the page logs no errors
            self.tiles.append(url)
            route.fulfill(status=200, body=BLANK_TILE_PNG, content_type="image/png")
            return
        rel = local_path_for_url(url)
        if rel is None:
            self.unknown.append(url)
            route.abort()
            return
        if rel == "":
            self.served.append(url)
            route.fulfill(status=200, body="", content_type=_ctype(url))
            return
        path = self.root / rel
        if not path.exists():
            self.unknown.append(url)
            route.abort()
            return
        self.served.append(url)
        route.fulfill(status=200, path=str(path), content_type=_ctype(str(path)))


def _ctype(name: str) -> str:
    name = name.split("?")[0]
    for ext, ct in ((".js", "application/javascript"), (".css", "text/css"), (".png", "image/png"),
                    (".woff2", "font/woff2"), (".ttf", "font/ttf"), (".svg", "image/svg+xml")):
        if name.endswith(ext):
            return ct
    return "application/octet-stream"


@pytest.fixture(scope="session")
def http_root(tmp_path_factory):
    """A local http.server on 127.0.0.1 serving a temp folder; yields (folder, base_url)."""
    import functools
    import http.server
    import threading

    root = tmp_path_factory.mktemp("http_root")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep pytest output clean
            pass

    handler = functools.partial(Quiet, directory=str(root))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield root, f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def publish(src: Path, http_root_dir: Path, name: str) -> Path:
    """Copy an output folder under the served root (as ``name``); returns the copy."""
    dst = http_root_dir / name
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    return dst
