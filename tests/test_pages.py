"""Pages as files: which pages exist, what they link and load, escaping, the
shared data file, outliers, the issues page, --tiles, the offline base map,
byte-identical rebuilds."""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from mapper.publish.pages import date_outliers, event_popup, write_pages
from tests.conftest import make_synthetic_build, make_synthetic_fronts

NM = Path(__file__).parent / "assets" / "node_modules"


@pytest.fixture(scope="module")
def pages(synthetic_output):
    return synthetic_output


def spec_of(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="fl-spec">(.*?)</script>', html, re.S)
    assert m, "page without a spec"
    return json.loads(m.group(1))


def site_of(out: Path) -> dict:
    text = (out / "data" / "site.js").read_text(encoding="utf-8")
    assert text.startswith("window.FL_SITE = ") and text.endswith(";\n")
    return json.loads(text[len("window.FL_SITE = "):-2])


def test_page_set(pages):
    assert sorted(p.name for p in (pages / "maps").glob("*.html")) == [
        "2016-12-10.html", "2016-12-11.html", "2016-12-12.html", "undated.html"]
    index = (pages / "index.html").read_text(encoding="utf-8")
    for href in ("maps/2016-12-10.html", "maps/2016-12-11.html", "maps/2016-12-12.html", "maps/undated.html",
                 "issues.html"):
        assert f'href="{href}"' in index
    assert spec_of(index)["days"] == ["2016-12-10", "2016-12-11", "2016-12-12"]
    assert 'id="fl-slider"' in index and 'data-fl-filter="fl-timeline"' in index


def test_no_page_for_a_date_without_events(synthetic_build, tmp_path):
    from dataclasses import replace

    from mapper.publish.layers import build_layers

    layers = replace(build_layers(synthetic_build), dates=("2016-12-01", "2016-12-10", "2016-12-11"))
    write_pages(layers, tmp_path)
    assert not (tmp_path / "maps" / "2016-12-01.html").exists()
    assert "2016-12-01" not in (tmp_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("day, prev, nxt", [
    ("2016-12-10", None, "2016-12-11.html"),
    ("2016-12-11", "2016-12-10.html", "2016-12-12.html"),
    ("2016-12-12", "2016-12-11.html", None),
])
def test_prev_next_links(pages, day, prev, nxt):
    html = (pages / "maps" / f"{day}.html").read_text(encoding="utf-8")
    m_prev = re.search(r'id="fl-prev" href="([^"]+)"', html)
    m_next = re.search(r'id="fl-next" href="([^"]+)"', html)
    assert (m_prev.group(1) if m_prev else None) == prev
    assert (m_next.group(1) if m_next else None) == nxt


def test_pages_load_one_shared_data_file(pages):
    """Feature data live once in data/site.js; a page holds only its spec (ids, view)."""
    site = site_of(pages)
    assert {"ev", "mv", "unc", "ar", "est", "pl", "base", "towns", "tiles"} <= set(site)
    assert set(site["ev"]) == {"a1-e1", "a1-e2", "a1-e3", "a2-e1", "a2-e2", "a2-e3", "a3-e1"}
    for page in sorted((pages / "maps").glob("*.html")) + [pages / "index.html"]:
        html = page.read_text(encoding="utf-8")
        root = "" if page.name == "index.html" else "../"
        assert f'<script src="{root}data/site.js"></script>' in html
        assert "Islamic State fighters captured Palmyra" not in html   # no quotes: they are in site.js
        assert len(html) < 30_000


@pytest.mark.parametrize("day, layer_ids", [
    ("2016-12-11", {"events": {"a1-e1", "a1-e2", "a2-e1"}, "reported": {"a1-e3"}, "faint": set(),
                    "movements": {"a1-m2"}}),
    ("2016-12-12", {"events": {"a2-e2"}, "reported": {"a2-e1", "a2-e3"}, "faint": {"a1-e3", "a1-e1", "a1-e2"},
                    "movements": set()}),
])
def test_date_page_spec(pages, day, layer_ids):
    spec = spec_of((pages / "maps" / f"{day}.html").read_text(encoding="utf-8"))
    got: dict[str, set] = {}
    for lay in spec["layers"]:
        got.setdefault(lay["role"], set()).update(lay.get("ids", []))
    for role, ids in layer_ids.items():
        assert got.get(role, set()) == ids, role
    # control and front come from one estimate date, never mixed
    ests = {lay["est"] for lay in spec["layers"] if "est" in lay}
    assert ests == {"2016-12-11"}
    (s, w), (n, e) = spec["bounds"]
    assert s <= 34.45 and n >= 34.65 and w <= 37.55 and e >= 38.40   # the day's areas are in the first view


def test_earlier_front_never_mixed_with_the_days_areas(synthetic_build, tmp_path):
    """A day with its own control areas but no front does not borrow an earlier front."""
    import geopandas as gpd
    from shapely.geometry import Polygon

    from mapper.publish.layers import build_layers

    f = make_synthetic_fronts()
    later = gpd.GeoDataFrame([{"date": "2016-12-12", "layer_type": "control", "side": "government",
                               "geometry": Polygon([(37.5, 34.4), (38.5, 34.4), (38.5, 34.7), (37.5, 34.7)])}],
                             geometry="geometry", crs="EPSG:4326")
    synthetic_build.fronts = gpd.GeoDataFrame(__import__("pandas").concat([f, later], ignore_index=True),
                                              geometry="geometry", crs="EPSG:4326")
    write_pages(build_layers(synthetic_build), tmp_path)
    spec = spec_of((tmp_path / "maps" / "2016-12-12.html").read_text(encoding="utf-8"))
    roles = {lay["role"]: lay.get("est") for lay in spec["layers"] if "est" in lay}
    assert roles == {"control": "2016-12-12"}


def test_hostile_quote_is_escaped_in_site_data_but_not_in_exports(pages):
    site = (pages / "data" / "site.js").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in site and "<img src=x" not in site
    assert "\\u0026lt;script\\u0026gt;alert(1)" in site
    data = json.loads((pages / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert any("<script>alert(1)</script>" in f["properties"]["quote"] for f in data["features"])


@pytest.mark.parametrize("field, value", [
    ("quote", '"><svg onload=alert(1)>'), ("outlet", "<b>x</b>"), ("actor", "<iframe>"),
    ("notes", "<script>x</script>"), ("place", "a&b<"), ("article", "x\" onmouseover=\"alert(1)"),
])
def test_popup_escapes_every_article_string(field, value):
    html = event_popup({"id": "e", "kind": "clash", "side": "sdf", field: value})
    assert value not in html
    assert re.search(r"<(svg|iframe|script|b)\b", html.replace("<blockquote>", "")) is None


def test_undated_events_only_on_undated_page(pages):
    for day in ("2016-12-10", "2016-12-11", "2016-12-12"):
        assert "a3-e1" not in (pages / "maps" / f"{day}.html").read_text(encoding="utf-8")
    spec = spec_of((pages / "maps" / "undated.html").read_text(encoding="utf-8"))
    assert {i for lay in spec["layers"] for i in lay.get("ids", [])} >= {"a3-e1"}


def test_legend_lists_exactly_what_the_page_draws(pages):
    html = (pages / "maps" / "2016-12-11.html").read_text(encoding="utf-8")
    legend = re.search(r'<div id="fl-legend".*?</details></div>', html, re.S).group(0)
    for label in ("Government &amp; allies", "Islamic State", "Capture", "Withdrawal", "Airstrike", "Advance"):
        assert label in legend, label
    for label in ("Opposition", "SDF", "Turkey", "Clash", "Destruction", "Contested"):
        assert label not in legend, label


def test_offline_assets_rewrite_and_copy(synthetic_layers, tmp_path):
    write_pages(synthetic_layers, tmp_path, offline_assets=NM)
    html = (tmp_path / "maps" / "2016-12-11.html").read_text(encoding="utf-8")
    srcs = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link[^>]+href="([^"]+)"', html)
    assert srcs and not any(s.startswith("http") for s in srcs), srcs
    for s in srcs:
        assert (tmp_path / "maps" / s).resolve().is_file(), s
    assert (tmp_path / "assets" / "leaflet" / "dist" / "images" / "layers.png").is_file()
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/leaflet/dist/leaflet.js"' in index


def test_offline_assets_missing_folder_is_a_clear_error(synthetic_layers, tmp_path, monkeypatch):
    import mapper.publish.assets as assets
    from mapper.errors import ExportError

    monkeypatch.setattr(assets, "find_node_modules", lambda folder: None)
    with pytest.raises(ExportError, match="npm install"):
        write_pages(synthetic_layers, tmp_path, offline_assets=tmp_path / "nowhere")


def test_page_json_is_script_safe() -> None:
    from mapper.publish.pages.common import to_json

    text = to_json({"tip": "</script><script>alert(1)</script>", "popup": "a & b 'c'"})
    assert "</script>" not in text and "<" not in text
    assert json.loads(text)["tip"] == "</script><script>alert(1)</script>"


# -- date outliers and the issues page ------------------------------------------

@pytest.mark.parametrize("day, flagged", [
    ("1979-07-31", True), ("2013-01-01", True), ("2014-12-15", False), ("2016-06-01", False),
    ("2016-07-15", False), ("2016-08-15", True),
])
def test_date_outliers(day, flagged):
    got = date_outliers([day], ["2015-01-01", "2016-06-30"])
    assert (day in got) is flagged


def test_outlier_day_is_flagged_and_kept_off_the_slider(tmp_path):
    from dataclasses import replace
    from datetime import date

    from mapper.model import TimeSpan
    from mapper.publish.layers import build_layers

    b = make_synthetic_build()
    b.fronts = make_synthetic_fronts()
    old = date(1979, 7, 31)
    b.events[3] = replace(b.events[3], time=TimeSpan(old, old, "day", "in 1979"))
    write_pages(build_layers(b), tmp_path, build=b)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "1979-07-31" not in spec_of(index)["days"]
    assert re.search(r'<tr data-date="1979-07-31"[^>]*class="fl-outlier"', index)
    assert (tmp_path / "maps" / "1979-07-31.html").exists()
    flagged = [w for w in b.warnings if w.get("kind") == "date_outlier"]
    assert [w["day"] for w in flagged] == ["1979-07-31"] and flagged[0]["event_ids"] == ["a2-e1"]


def test_issues_page_lists_unresolved_and_warnings_escaped(tmp_path):
    from mapper.publish.layers import build_layers

    b = make_synthetic_build()
    b.unresolved = [{"article": "a1", "mention": "<img src=x onerror=alert(1)>", "char_start": 5,
                     "reason": "not in the gazetteer"}]
    write_pages(build_layers(b), tmp_path, build=b)
    html = (tmp_path / "issues.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    assert "not in the gazetteer" in html and "lands 1.2 km from the gazetteer point" in html
    assert 'href="issues.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")


# -- byte-identical rebuilds ----------------------------------------------------------

def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_pages_are_byte_identical_across_rebuilds(tmp_path):
    from mapper.publish.layers import build_layers

    outs = []
    for name in ("one", "two"):
        b = make_synthetic_build()
        b.fronts = make_synthetic_fronts()
        write_pages(build_layers(b), tmp_path / name, build=b)
        outs.append(_files(tmp_path / name))
    assert outs[0].keys() == outs[1].keys()
    assert [k for k in outs[0] if outs[0][k] != outs[1][k]] == []


def test_whole_output_is_byte_identical_across_rebuilds(seeds_output, tmp_path):
    """A second build of the seeds gives the same bytes in every file, HTML included
    (report.json: but its timings and cache counts)."""
    from mapper.pipeline import build

    build([Path(__file__).resolve().parents[1] / "seeds"], tmp_path / "again", progress=False)
    a, b = _files(seeds_output), _files(tmp_path / "again")
    assert sorted(a) == sorted(b)
    differ = [k for k in a if a[k] != b[k] and k != "report.json"]
    assert differ == []
    ra, rb = (json.loads(x["report.json"]) for x in (a, b))
    for r in (ra, rb):   # facts about the run, not the output: how long, what the cache held
        r.pop("timings_s", None)
        r.get("extraction", {}).pop("cache", None)
    assert ra == rb


# -- --tiles ------------------------------------------------------------------------------

def _mbtiles(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name text, value text)")
        db.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)")
        db.executemany("INSERT INTO metadata VALUES (?, ?)", [("format", "png"), ("name", "test tiles")])
        db.execute("INSERT INTO tiles VALUES (2, 1, 0, ?)", (b"\x89PNG-z2",))
        db.execute("INSERT INTO tiles VALUES (3, 4, 5, ?)", (b"\x89PNG-z3",))
    return path


@pytest.mark.parametrize("spec, kind, url", [
    (None, "osm", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    ("osm", "osm", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    ("none", "none", ""),
    ("https://tiles.example.org/{z}/{x}/{y}.jpg", "url", "https://tiles.example.org/{z}/{x}/{y}.jpg"),
])
def test_resolve_tiles(spec, kind, url):
    from mapper.publish.pages import resolve_tiles

    t = resolve_tiles(spec)
    assert (t.kind, t.url) == (kind, url)


@pytest.mark.parametrize("spec, match", [
    ("https://tiles.example.org/{z}/tile.png", "needs"), ("/no/such/tiles", "no such file"),
])
def test_resolve_tiles_errors(spec, match):
    from mapper.errors import ExportError
    from mapper.publish.pages import resolve_tiles

    with pytest.raises(ExportError, match=match):
        resolve_tiles(spec)


def test_tiles_from_mbtiles_and_folder_are_copied_into_the_output(synthetic_layers, tmp_path):
    write_pages(synthetic_layers, tmp_path / "mb", tiles=str(_mbtiles(tmp_path / "t.mbtiles")))
    # TMS row 0 at zoom 2 is XYZ y = 3; row 5 at zoom 3 is y = 2
    assert (tmp_path / "mb" / "tiles" / "2" / "1" / "3.png").read_bytes() == b"\x89PNG-z2"
    assert (tmp_path / "mb" / "tiles" / "3" / "4" / "2.png").read_bytes() == b"\x89PNG-z3"
    site = site_of(tmp_path / "mb")
    assert site["tiles"]["url"] == "tiles/{z}/{x}/{y}.png" and site["tiles"]["local"] == 1
    assert (site["tiles"]["minZoom"], site["tiles"]["maxZoom"]) == (2, 3)
    folder = tmp_path / "mb" / "tiles"
    write_pages(synthetic_layers, tmp_path / "dir", tiles=str(folder))
    assert (tmp_path / "dir" / "tiles" / "3" / "4" / "2.png").is_file()


# -- the offline base map ---------------------------------------------------------------

def test_offline_basemap_from_world_atlas():
    from mapper.publish.pages.basemap import basemap, find_world_atlas, towns

    if find_world_atlas() is None:
        pytest.fail("npm's world-atlas is missing: run `bash scripts/setup.sh`")
    b = basemap([[34.4, 37.5], [34.7, 38.4]])
    assert b["land"]["type"] in ("Polygon", "MultiPolygon") and b["borders"]["type"] in ("LineString", "MultiLineString")
    names = {c[2] for c in b["countries"]}
    assert {"Syria", "Lebanon"} <= names
    t = {name: z for _, _, name, z in towns([[34.4, 37.5], [34.7, 38.4]])}
    assert t.get("Homs") in (5, 7) and t.get("Tadmur") in (7, 8, 9) or "Palmyra" in t
