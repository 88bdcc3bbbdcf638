"""The pages in a real browser: headless Chromium (Debian's) through Playwright.

CDN requests are answered from tests/assets/node_modules (no internet), map
tiles with a transparent tile; anything else unknown fails the test.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CdnMirror, publish

pytestmark = pytest.mark.browser

# JS: the folium map object and, per "frontlineRole", the drawn feature layers by class
COUNT_JS = """
() => {
  const key = Object.keys(window).find(k => k.startsWith('map_') && window[k] instanceof L.Map);
  const map = window[key];
  const out = {map: key, roles: {}};
  map.eachLayer(l => {
    const role = l.options && l.options.frontlineRole;
    if (!role || !(l instanceof L.GeoJSON)) return;
    const r = out.roles[role] = out.roles[role] || {layers: 0, markers: 0, circles: 0, paths: 0, ids: []};
    r.layers += 1;
    l.eachLayer(f => {
      if (f instanceof L.CircleMarker) r.circles += 1;
      else if (f instanceof L.Marker) r.markers += 1;
      else if (f instanceof L.Path) r.paths += 1;
      if (f.feature && f.feature.properties) r.ids.push(f.feature.properties.id);
    });
  });
  return out;
}
"""

OPEN_POPUP_JS = """
(id) => {
  const key = Object.keys(window).find(k => k.startsWith('map_') && window[k] instanceof L.Map);
  const map = window[key];
  let hit = null;
  map.eachLayer(l => {
    if (l instanceof L.GeoJSON) l.eachLayer(f => {
      if (!hit && f.feature && f.feature.properties.id === id && f.getPopup && f.getPopup()) hit = f;
    });
  });
  if (!hit) return null;
  hit.fire('click', {latlng: hit.getLatLng ? hit.getLatLng() : map.getCenter()});
  const el = document.querySelector('.leaflet-popup-content');
  return el ? el.innerHTML : '';
}
"""


class PageRun:
    def __init__(self, browser, url: str, *, tiles_fail: bool = False, wait_map: bool = True):
        self.mirror = CdnMirror()
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        if tiles_fail:   # no network: tile requests fail, as they would offline
            from mapper.publish.assets import is_tile_url

            def route(r):
                if is_tile_url(r.request.url) and not r.request.url.startswith("http://127.0.0.1"):
                    r.abort()
                else:
                    self.mirror(r)
            self.page.route("**/*", route)
        else:
            self.page.route("**/*", self.mirror)
        self.page.goto(url, wait_until="load")
        if wait_map:
            self.page.wait_for_function("() => Object.keys(window).some(k => k.startsWith('map_'))")
        self.page.wait_for_timeout(300)

    def assert_clean(self, allow_tile_errors: bool = False) -> None:
        assert self.errors == [], f"page errors: {self.errors}"
        console = [c for c in self.console if not (allow_tile_errors and "ERR_FAILED" in c)]
        assert console == [], f"console errors: {console}"
        assert self.mirror.unknown == [], f"requests with no local copy: {self.mirror.unknown}"
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"


def layer_control_text(page) -> str:
    return page.text_content(".leaflet-control-layers") or ""


@pytest.fixture(scope="module")
def served(synthetic_output, http_root):
    root, base = http_root
    publish(synthetic_output, root, "synthetic")
    return base + "/synthetic"


def test_index_page_slider_over_event_days(browser, served):
    run = PageRun(browser, served + "/index.html")
    try:
        run.assert_clean()
        rows = run.page.eval_on_selector_all("#fl-timeline tbody tr", "rs => rs.map(r => r.dataset.date)")
        assert rows == ["2016-12-10", "2016-12-11", "2016-12-12", "undated"]
        links = run.page.eval_on_selector_all("#fl-timeline a", "as => as.map(a => a.getAttribute('href'))")
        assert links == ["maps/2016-12-10.html", "maps/2016-12-11.html", "maps/2016-12-12.html",
                         "maps/undated.html"]
        assert run.page.get_attribute("#fl-slider", "max") == "2"
        # the slider starts on the last day; step to the first: its one event (the advance)
        run.page.fill("#fl-slider", "0")
        run.page.dispatch_event("#fl-slider", "input")
        counts = run.page.evaluate(COUNT_JS)
        assert set(counts["roles"]["timeline"]["ids"]) == {"a1-e3"}
        assert run.page.text_content("#fl-slider-day").startswith("2016-12-10")
        assert run.page.get_attribute("#fl-slider-link", "href") == "maps/2016-12-10.html"
        run.page.click("#fl-next")
        counts = run.page.evaluate(COUNT_JS)
        assert set(counts["roles"]["timeline"]["ids"]) == {"a1-e1", "a1-e2", "a2-e1", "a1-e3"}
        assert counts["roles"]["control"]["paths"] == 2 and counts["roles"]["front"]["paths"] == 1
        # layer control collapsed
        assert run.page.locator(".leaflet-control-layers-expanded").count() == 0
        run.assert_clean()
    finally:
        run.page.close()


def test_index_table_filters(browser, served):
    run = PageRun(browser, served + "/index.html")
    try:
        visible = "() => [...document.querySelectorAll('#fl-timeline tbody tr')].filter(r => r.style.display !== 'none').map(r => r.dataset.date)"
        run.page.select_option("form[data-fl-filter] select[name=kind]", "clash")
        assert run.page.evaluate(visible) == ["2016-12-12"]
        run.page.select_option("form[data-fl-filter] select[name=kind]", "")
        run.page.fill("form[data-fl-filter] input[name=q]", "Tiyas")
        run.page.dispatch_event("form[data-fl-filter] input[name=q]", "input")
        assert run.page.evaluate(visible) == ["2016-12-12"]
        run.page.fill("form[data-fl-filter] input[name=q]", "")
        run.page.select_option("form[data-fl-filter] select[name=side]", "islamic_state")
        assert run.page.evaluate(visible) == ["2016-12-10", "2016-12-11"]
        run.assert_clean()
    finally:
        run.page.close()


@pytest.mark.parametrize("day, events, kinds, extra_layers", [
    ("2016-12-11", {"a1-e1", "a1-e2", "a2-e1"}, ["Capture (1)", "Withdrawal (1)", "Airstrike (1)"],
     ["Movements (1)", "Control areas (2)", "Front line (1)", "Uncertainty areas (1)", "Places (",
      "Reported on 2016-12-11"]),
    ("2016-12-10", {"a1-e3"}, ["Advance (1)"], ["Movements (1)", "Places ("]),
])
def test_date_page_draws_events_layers_and_popup(browser, served, day, events, kinds, extra_layers):
    run = PageRun(browser, f"{served}/maps/{day}.html")
    try:
        run.assert_clean()
        counts = run.page.evaluate(COUNT_JS)
        ev = counts["roles"]["events"]
        assert ev["markers"] + ev["circles"] == len(events)
        assert set(ev["ids"]) == events
        assert "a3-e1" not in str(counts)  # the undated event is never a day's
        control = layer_control_text(run.page)
        for label in kinds:
            assert f"Events: {label}" in control
        for label in extra_layers:
            assert label in control
        assert run.page.locator(".leaflet-control-layers-expanded").count() == 0   # collapsed
        if "Movements (1)" in extra_layers:
            assert counts["roles"]["movements"]["paths"] == 1
            assert run.page.locator("svg textPath").count() >= 1   # ► arrowheads
        first = sorted(events)[0]
        assert run.page.evaluate(OPEN_POPUP_JS, first), f"no popup opened for {first}"
        popup_text = run.page.inner_text(".leaflet-popup-content")
        assert "ARA News" in popup_text and "a1" in popup_text and "precision: day" in popup_text
        assert run.page.locator("#fl-legend").count() == 1
        assert run.page.locator("#fl-index").get_attribute("href") == "../index.html"
        run.assert_clean()
    finally:
        run.page.close()


def test_first_view_holds_the_days_areas_and_events(browser, served):
    run = PageRun(browser, f"{served}/maps/2016-12-11.html")
    try:
        b = run.page.evaluate("() => { const b = window.map_frontline.getBounds(); "
                              "return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }")
        s, w, n, e = b
        assert s <= 34.45 and w <= 37.55 and n >= 34.65 and e >= 38.40
    finally:
        run.page.close()


def test_contested_hatch_and_front_band(browser, served):
    run = PageRun(browser, f"{served}/maps/2016-12-11.html")
    try:
        assert run.page.locator("pattern#fl-hatch").count() == 1
        # the front: a line in the fronts pane; its uncertainty band in the bands pane (wider)
        w_line = run.page.evaluate("() => +document.querySelector('.leaflet-fl-fronts-pane path').getAttribute('stroke-width')")
        assert w_line > 0
    finally:
        run.page.close()


def test_place_labels_are_permanent_text(browser, served):
    run = PageRun(browser, f"{served}/maps/2016-12-11.html")
    try:
        labels = run.page.eval_on_selector_all(".fl-label.fl-place", "ls => ls.map(l => l.textContent)")
        assert "Palmyra" in labels
        run.assert_clean()
    finally:
        run.page.close()


def test_offline_page_is_still_a_map(browser, served):
    """No network: tiles fail; land, borders and town labels of the offline base map show."""
    run = PageRun(browser, f"{served}/maps/2016-12-11.html", tiles_fail=True)
    try:
        run.page.wait_for_timeout(300)
        run.page.evaluate("() => window.map_frontline.setZoom(8)")
        run.page.wait_for_timeout(400)
        assert run.page.locator(".leaflet-container.fl-offline").count() == 1
        assert run.page.locator(".leaflet-fl-base-pane path").count() >= 1        # land
        assert run.page.locator(".leaflet-fl-baselines-pane path").count() >= 1   # borders
        towns = run.page.eval_on_selector_all(".fl-label.fl-town, .fl-label.fl-country",
                                              "ls => ls.map(l => l.textContent)")
        assert towns, "no town labels offline"
        assert run.errors == [] and run.dialogs == []
    finally:
        run.page.close()


def test_offset_conflict_note_and_location_in_popup(browser, served):
    run = PageRun(browser, f"{served}/maps/2016-12-11.html")
    try:
        assert run.page.evaluate(OPEN_POPUP_JS, "a1-e2")
        text = run.page.inner_text(".leaflet-popup-content")
        assert "lands 1.2 km from the gazetteer point" in text
        assert "offset" in text and "4 km 270° from Palmyra" in text
        run.assert_clean()
    finally:
        run.page.close()


def test_undated_page_holds_only_undated_events(browser, served):
    run = PageRun(browser, f"{served}/maps/undated.html")
    try:
        run.assert_clean()
        counts = run.page.evaluate(COUNT_JS)
        assert set(counts["roles"]["events"]["ids"]) == {"a3-e1"}
    finally:
        run.page.close()


# -- hostile input: quotes, place names and manifest fields never become HTML or JS ----------

HOSTILE = {
    "quote": 'Fighters <script>alert("q")</script> took <img src=x onerror=alert("qi")> the "town" & more',
    "place": '<img src=x onerror=alert("p")>Qaryatayn',
    "outlet": '"><svg onload=alert("o")>',
    "actor": "</script><script>alert('a')</script>",
    "article": "x' onmouseover='alert(1)",
    "kind_note": "<iframe src=javascript:alert('n')>",
}


@pytest.fixture(scope="module")
def hostile_served(http_root, tmp_path_factory):
    from dataclasses import replace

    from gazetteer.model import Location, Place
    from mapper.publish.layers import build_layers
    from mapper.publish.pages import write_pages
    from tests.conftest import make_synthetic_build, make_synthetic_fronts

    b = make_synthetic_build()
    b.fronts = make_synthetic_fronts()
    evil = Place(id="sy:evil", name=HOSTILE["place"], lat=34.3, lon=37.9, kind="settlement", country="SY",
                 source="syria_places")
    b.places[evil.id] = evil
    e = b.events[0]
    b.events[0] = replace(e, quote=HOSTILE["quote"], place_name=HOSTILE["place"], outlet=HOSTILE["outlet"],
                          location=Location.of_place(evil, uncertainty_km=2.0),
                          actor=HOSTILE["actor"], flags=(HOSTILE["kind_note"],))
    b.place_quotes[evil.id] = [(HOSTILE["article"], HOSTILE["quote"], 0, 10)]
    b.unresolved = [{"article": HOSTILE["article"], "mention": HOSTILE["place"], "char_start": 1,
                     "reason": HOSTILE["kind_note"]}]
    b.warnings.append({"kind": "x", "article": HOSTILE["article"], "message": HOSTILE["outlet"]})
    out = tmp_path_factory.mktemp("hostile")
    write_pages(build_layers(b), out, build=b)
    root, base = http_root
    publish(out, root, "hostile")
    return base + "/hostile"


INJECTED_JS = """
() => ({
  imgs: [...document.querySelectorAll('img')].filter(i => !i.classList.contains('leaflet-tile')).length,
  iframes: document.querySelectorAll('iframe').length,
  handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
  svgs: document.querySelectorAll('svg[onload], body > svg:not([width="0"])').length,
  scripts: [...document.querySelectorAll('script')].filter(s => !s.src && s.type !== 'application/json').length,
  hit: window.__hit || 0,
})
"""


@pytest.mark.parametrize("rel", ["index.html", "issues.html", "maps/2016-12-11.html"])
def test_hostile_strings_run_nothing(browser, hostile_served, rel):
    run = PageRun(browser, f"{hostile_served}/{rel}", wait_map=rel != "issues.html")
    try:
        run.page.evaluate("() => { window.alert = () => { window.__hit = (window.__hit || 0) + 1; }; }")
        if rel.startswith("maps/"):
            assert run.page.evaluate(OPEN_POPUP_JS, "a1-e1")
            text = run.page.inner_text(".leaflet-popup-content")
            assert '<script>alert("q")</script>' in text and HOSTILE["outlet"] in text and HOSTILE["actor"] in text
            run.page.hover(".leaflet-popup-content")
            run.page.evaluate("() => window.map_frontline.setView([34.3, 37.9], 11)")
            run.page.wait_for_timeout(300)
            labels = run.page.eval_on_selector_all(".fl-label.fl-place", "ls => ls.map(l => l.textContent)")
            assert HOSTILE["place"] in labels    # the name shows as text
        if rel == "issues.html":
            assert HOSTILE["place"] in run.page.inner_text("#fl-unresolved")
        run.page.mouse.move(640, 400)
        run.page.wait_for_timeout(300)
        got = run.page.evaluate(INJECTED_JS)
        assert got == {"imgs": 0, "iframes": 0, "handlers": 0, "svgs": 0, "scripts": 1, "hit": 0}, got
        assert run.dialogs == [] and run.errors == []
        local = [u for u in run.requests if u.startswith("http://127.0.0.1")]
        allowed = re.compile(r"/hostile/(index\.html|issues\.html|maps/[\w-]+\.html|data/site\.js|lib/frontline\.(js|css))$")
        assert [u for u in local if not allowed.search(u)] == []
        assert run.mirror.unknown == []
    finally:
        run.page.close()


def test_offline_pages_load_nothing_from_cdns(browser, synthetic_layers, http_root, tmp_path):
    """--offline-assets: pages load JS/CSS from OUT/assets; no request leaves 127.0.0.1 except tiles."""
    from mapper.publish.pages import write_pages

    out = tmp_path / "offline"
    write_pages(synthetic_layers, out, offline_assets=Path(__file__).parent / "assets" / "node_modules")
    html = (out / "maps" / "2016-12-11.html").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html
    root, base = http_root
    publish(out, root, "offline")
    for rel in ("index.html", "maps/2016-12-11.html"):
        run = PageRun(browser, f"{base}/offline/{rel}")
        try:
            run.assert_clean()
            assert run.mirror.served == [], f"offline page asked a CDN: {run.mirror.served}"
            assert run.page.evaluate("() => typeof L.Map") == "function"
        finally:
            run.page.close()


def test_local_mbtiles_are_served_to_the_page(browser, synthetic_layers, http_root, tmp_path):
    """--tiles FILE.mbtiles: the page loads its tiles from OUT/tiles (no network)."""
    from mapper.publish.pages import write_pages
    from tests.test_pages import _mbtiles

    out = tmp_path / "mbt"
    write_pages(synthetic_layers, out, tiles=str(_mbtiles(tmp_path / "t.mbtiles")))
    root, base = http_root
    publish(out, root, "mbt")
    run = PageRun(browser, f"{base}/mbt/maps/2016-12-11.html")
    try:
        run.page.evaluate("() => window.map_frontline.setView([34.5, 38], 3)")
        run.page.wait_for_timeout(400)
        assert any("/mbt/tiles/" in u for u in run.requests), run.requests
        assert not any("openstreetmap" in u for u in run.requests)
    finally:
        run.page.close()


def test_seeds_pages_in_browser(browser, seeds_output, http_root):
    """The real build of seeds/: every page loads cleanly and draws its events."""
    import json

    out = seeds_output
    root, base = http_root
    publish(out, root, "seeds")
    feats = json.loads((out / "data" / "events.geojson").read_text(encoding="utf-8"))["features"]
    by_day: dict[str, int] = {}
    for f in feats:
        d = f["properties"]["date"]
        if d:
            by_day[d] = by_day.get(d, 0) + 1
    assert by_day, "the seeds build has no dated events"
    for day, n in sorted(by_day.items()):
        run = PageRun(browser, f"{base}/seeds/maps/{day}.html")
        try:
            run.assert_clean()
            ev = run.page.evaluate(COUNT_JS)["roles"]["events"]
            assert ev["markers"] + ev["circles"] == n, day
        finally:
            run.page.close()
