"""Pages as files: which pages exist, what they link and embed, escaping, offline assets."""
from __future__ import annotations

import json
import re

import pytest

from mapper.publish.pages import event_popup, write_pages


@pytest.fixture(scope="module")
def pages(synthetic_output):
    return synthetic_output


def test_page_set(pages):
    assert sorted(p.name for p in (pages / "maps").glob("*.html")) == [
        "2016-12-10.html", "2016-12-11.html", "2016-12-12.html", "undated.html"]
    index = (pages / "index.html").read_text(encoding="utf-8")
    for href in ("maps/2016-12-10.html", "maps/2016-12-11.html", "maps/2016-12-12.html", "maps/undated.html"):
        assert f'href="{href}"' in index
    assert "L.timelineSliderControl" in index and "L.timeline(" in index


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


def test_pages_embed_geojson_not_one_object_per_marker(pages):
    html = (pages / "maps" / "2016-12-11.html").read_text(encoding="utf-8")
    assert "L.geoJson(" in html and "L.marker(" not in html.replace("return L.marker(latlng", "")
    assert len(html) < 200_000


def test_hostile_quote_is_escaped_in_page_but_not_in_data(pages):
    html = (pages / "maps" / "2016-12-11.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    # escaped by us (&lt;), then JSON-escaped by folium (& -> \u0026)
    assert "lt;script\\u0026gt;alert(1)" in html or "&lt;script&gt;alert(1)" in html
    data = json.loads((pages / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert any("<script>alert(1)</script>" in f["properties"]["quote"] for f in data["features"])


@pytest.mark.parametrize("field, value", [
    ("quote", '"><svg onload=alert(1)>'), ("outlet", "<b>x</b>"), ("actor", "<iframe>"),
    ("notes", "<script>x</script>"), ("place", "a&b<"),
])
def test_popup_escapes_every_article_string(field, value):
    html = event_popup({"id": "e", "kind": "clash", "side": "sdf", field: value})
    assert value not in html
    assert re.search(r"<(svg|iframe|script|b)\b", html.replace("<blockquote>", "")) is None


def test_undated_events_only_on_undated_page(pages):
    for day in ("2016-12-10", "2016-12-11", "2016-12-12"):
        assert "a3-e1" not in (pages / "maps" / f"{day}.html").read_text(encoding="utf-8")
    assert "a3-e1" in (pages / "maps" / "undated.html").read_text(encoding="utf-8")


def test_offline_assets_rewrite_and_copy(synthetic_layers, tmp_path):
    from pathlib import Path

    nm = Path(__file__).parent / "assets" / "node_modules"
    write_pages(synthetic_layers, tmp_path, offline_assets=nm)
    html = (tmp_path / "maps" / "2016-12-11.html").read_text(encoding="utf-8")
    srcs = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link[^>]+href="([^"]+)"', html)
    assert srcs and all(s.startswith("../assets/") for s in srcs), srcs
    for s in srcs:
        assert (tmp_path / "maps" / s).resolve().is_file(), s
    assert (tmp_path / "assets" / "leaflet" / "dist" / "images" / "layers.png").is_file()
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/leaflet.timeline/dist/leaflet.timeline.js"' in index


def test_offline_assets_missing_folder_is_a_clear_error(synthetic_layers, tmp_path, monkeypatch):
    import mapper.publish.assets as assets
    from mapper.errors import ExportError

    monkeypatch.setattr(assets, "find_node_modules", lambda folder: None)
    with pytest.raises(ExportError, match="npm install"):
        write_pages(synthetic_layers, tmp_path, offline_assets=tmp_path / "nowhere")


def test_page_data_is_script_safe() -> None:
    """Layer data is placed after rendering; '</script>' in a quote cannot end the script."""
    import folium

    from mapper.publish import pages

    m = folium.Map()
    feat = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [38.28, 34.56]},
            "properties": {"tip": "</script><script>alert(1)</script>", "popup": "a & b 'c'"}}
    pages._add_geojson(m, [feat], "x", "events")
    html = pages._fill_slots(m, m.get_root().render())
    assert "</script><script>alert(1)" not in html
    assert "\\u003c/script\\u003e" in html and "a \\u0026 b \\u0027c\\u0027" in html
