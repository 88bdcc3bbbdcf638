"""The pages in a real browser: headless Chromium (Debian's) through Playwright.

CDN requests are answered from tests/assets/node_modules (no internet), map
tiles with a transparent tile; anything else unknown fails the test.
"""
from __future__ import annotations

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
    def __init__(self, browser, url: str):
        self.mirror = CdnMirror()
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self.mirror)
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function("() => Object.keys(window).some(k => k.startsWith('map_'))")
        self.page.wait_for_timeout(300)

    def assert_clean(self) -> None:
        assert self.errors == [], f"page errors: {self.errors}"
        assert self.console == [], f"console errors: {self.console}"
        assert self.mirror.unknown == [], f"requests with no local copy: {self.mirror.unknown}"
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"


@pytest.fixture(scope="module")
def served(synthetic_output, http_root):
    root, base = http_root
    publish(synthetic_output, root, "synthetic")
    return base + "/synthetic"


def test_index_page_timeline_and_slider(browser, served, tmp_path):
    run = PageRun(browser, served + "/index.html")
    try:
        run.assert_clean()
        rows = run.page.eval_on_selector_all("#fl-timeline tbody tr", "rs => rs.map(r => r.dataset.date)")
        assert rows == ["2016-12-10", "2016-12-11", "2016-12-12", "undated"]
        links = run.page.eval_on_selector_all("#fl-timeline a", "as => as.map(a => a.getAttribute('href'))")
        assert links == ["maps/2016-12-10.html", "maps/2016-12-11.html", "maps/2016-12-12.html",
                         "maps/undated.html"]
        # the time slider exists and the timeline layer holds the dated events of the first day
        assert run.page.locator(".leaflet-control.leaflet-timeline-control, .leaflet-timeline-control").count() == 1
        counts = run.page.evaluate(COUNT_JS)
        assert counts["roles"]["timeline"]["markers"] == 1  # day 1 (2016-12-10): the advance
        assert "a1-e3" in counts["roles"]["timeline"]["ids"]
        assert "Events by day (6)" in run.page.inner_text(".leaflet-control-layers")
        run.page.screenshot(path=str(tmp_path / "index.png"))
    finally:
        run.page.close()


@pytest.mark.parametrize("day, events, kinds, extra_layers", [
    ("2016-12-11", {"a1-e1", "a1-e2", "a2-e1"}, ["Capture (1)", "Withdrawal (1)", "Airstrike (1)"],
     ["Movements (1)", "Control areas (2)", "Front line (1)", "Uncertainty areas (1)", "Places (5)",
      "Known before 2016-12-11 (faint, 1)", "Reported on 2016-12-11"]),
    ("2016-12-10", {"a1-e3"}, ["Advance (1)"], ["Movements (1)", "Places (5)"]),
])
def test_date_page_draws_events_layers_and_popup(browser, served, tmp_path, day, events, kinds, extra_layers):
    run = PageRun(browser, f"{served}/maps/{day}.html")
    try:
        run.assert_clean()
        counts = run.page.evaluate(COUNT_JS)
        ev = counts["roles"]["events"]
        assert ev["markers"] + ev["circles"] == len(events)
        assert set(ev["ids"]) == events
        assert "a3-e1" not in str(counts)  # the undated event is never a day's
        control = run.page.inner_text(".leaflet-control-layers")
        for label in kinds:
            assert f"Events: {label}" in control
        for label in extra_layers:
            assert label in control
        if "Movements (1)" in extra_layers:
            assert counts["roles"]["movements"]["paths"] == 1
            # arrowheads: Leaflet.TextPath draws ► along the line
            assert run.page.locator("svg textPath").count() >= 1
        first = sorted(events)[0]
        html = run.page.evaluate(OPEN_POPUP_JS, first)
        assert html, f"no popup opened for {first}"
        popup_text = run.page.inner_text(".leaflet-popup-content")
        assert "ARA News" in popup_text and "a1" in popup_text and "precision: day" in popup_text
        # legend + navigation
        assert run.page.locator("#fl-legend").count() == 1
        assert run.page.locator("#fl-index").get_attribute("href") == "../index.html"
        run.page.screenshot(path=str(tmp_path / f"{day}.png"))
        run.assert_clean()
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


def test_hostile_quote_runs_nothing(browser, served):
    """<script> and <img onerror> in a quote are shown as text: no dialog, no element injected."""
    run = PageRun(browser, f"{served}/maps/2016-12-11.html")
    try:
        run.page.evaluate("() => { window.__xss = 0; window.alert = () => { window.__xss += 1; }; }")
        html = run.page.evaluate(OPEN_POPUP_JS, "a2-e1")
        assert html and "&lt;script&gt;" in html and "&lt;img" in html
        run.page.hover(".leaflet-popup-content")
        run.page.wait_for_timeout(200)
        assert run.page.evaluate("() => window.__xss") == 0
        assert run.page.locator(".leaflet-popup-content script, .leaflet-popup-content img").count() == 0
        assert run.page.locator("img[src='x']").count() == 0
        assert "<script>alert(1)</script>" in run.page.inner_text(".leaflet-popup-content")
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
            assert run.page.evaluate(
                "() => getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor"
            ) == "rgb(238, 241, 244)"
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
