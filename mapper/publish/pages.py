"""Web pages (folium / Leaflet): output/index.html and output/maps/<date>.html.

- ``index.html``: a timeline table (one row per date: events by kind and by
  side, links to the date pages, the undated page) above an overview map with
  a time slider (folium Timeline + TimelineSlider, one step per day).
- ``maps/YYYY-MM-DD.html``: for every date with material: one GeoJSON layer
  per event kind (colour = side, letter badge = kind), events *reported* that
  day whose date is another day or imprecise, movements with arrowheads,
  uncertainty areas, control areas / front line when the areas layer has
  them, places, and what was known before the date drawn faintly; a legend,
  a layer control, previous / next links.
- ``maps/undated.html``: events with no usable date (never shown as "today's").

Every string that comes from an article is HTML-escaped in Python before it
is put in a popup or tooltip (folium's GeoJsonPopup inserts raw values), and
the exported GeoJSON data are not touched: the pages embed their own small
property set (id, kind, side, colour, letter, popup, tip).

>>> write_pages(layers, "output/")                                  # doctest: +SKIP
[PosixPath('output/index.html'), PosixPath('output/maps/2016-12-11.html'), ...]
"""
from __future__ import annotations

import json
import os
import re
import sys
from bisect import bisect_right
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime, timezone
from html import escape
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

import folium
from branca.element import Element
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from folium.utilities import JsCode

from mapper.publish.assets import CDN_FILES, copy_assets, localise_html
from mapper.errors import ExportError
from mapper.publish.export import geometry_json
from mapper.publish.layers import Layers
from mapper.publish.styles import (KIND_SYMBOLS, LEGEND_CSS, SIDE_COLOURS, SIDE_LABELS, kind_symbol,
                           legend_html, side_colour)

PathLike = Union[str, Path]
TEXTPATH_JS = "https://cdn.jsdelivr.net/npm/leaflet-textpath@1.2.3/leaflet.textpath.min.js"
assert TEXTPATH_JS in CDN_FILES
#: map centre (lat, lon) and zoom when a page has nothing to show
DEFAULT_CENTER = (35.0, 38.5)
DEFAULT_ZOOM = 7
UNDATED = "undated"

class _TextPathJs(JSCSSMixin, MacroElement):
    """Loads Leaflet.TextPath (arrowheads on movement lines) after Leaflet."""

    _template = Template("")
    default_js = [("leaflet_textpath", TEXTPATH_JS)]


# -- JavaScript (constant; feature data only select among fixed styles) ------

_POINT_TO_LAYER = JsCode("""
function(feature, latlng) {
  var p = feature.properties || {};
  var c = /^#[0-9a-fA-F]{6}$/.test(p.c) ? p.c : '#7f7f7f';
  var l = /^[A-Z?]$/.test(p.l) ? p.l : '?';
  var r = Math.max(4, Math.min(16, +p.r || 8));
  var n = Math.max(0, Math.min(50, Math.floor(+p.n || 0)));  // nth badge on the same spot: fan out
  if (p.faint) {
    return L.circleMarker(latlng, {radius: 5, color: c, weight: 1, opacity: 0.45,
                                   fillColor: c, fillOpacity: 0.2});
  }
  var cls = 'fl-ev' + (p.area ? ' fl-area' : '') + (p.reported ? ' fl-reported' : '');
  var html = '<div class="' + cls + '" style="width:' + (2 * r) + 'px;height:' + (2 * r) +
             'px;background:' + (p.reported ? '#fff' : c) + ';color:' + (p.reported ? c : '#fff') +
             '">' + l + '</div>';
  return L.marker(latlng, {icon: L.divIcon({className: 'fl-ev-icon', html: html,
                                            iconSize: [2 * r, 2 * r],
                                            iconAnchor: [r - n * (2 * r + 2), r]}),
                           riseOnHover: true, keyboard: true});
}
""")

_ON_EACH = JsCode("""
function(feature, layer) {
  var p = feature.properties || {};
  if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 380, className: 'fl-popup-wrap'}); }
  if (p.tip) { layer.bindTooltip(p.tip, {sticky: true}); }
  if (p.arrow && layer.setText) {
    var c = /^#[0-9a-fA-F]{6}$/.test(p.c) ? p.c : '#7f7f7f';
    layer.setText('   \u25BA   ', {repeat: true, offset: 5,
                                  attributes: {fill: c, 'font-size': '15', 'font-weight': 'bold'}});
  }
}
""")

_PAGE_CSS = """
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,Segoe UI,sans-serif}
.fl-bar{position:absolute;top:0;left:0;right:0;height:46px;display:flex;align-items:center;gap:14px;
 padding:0 12px;background:#263238;color:#fff;z-index:1001;box-sizing:border-box}
.fl-bar a{color:#ffd54f;text-decoration:none}.fl-bar a:hover{text-decoration:underline}
.fl-bar .fl-h{font-weight:600;font-size:16px}.fl-bar .fl-sp{flex:1}
.fl-bar .fl-off{color:#90a4ae}
.fl-page .folium-map{position:absolute !important;top:46px !important;bottom:0;left:0;right:0;
 height:auto !important;width:100% !important}
.fl-ev-icon{background:none;border:none}
.fl-ev.fl-reported{border-style:dotted}
"""

_INDEX_CSS = """
body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#222}
.fl-wrap{max-width:1100px;margin:0 auto;padding:12px 16px}
h1{font-size:22px;margin:8px 0 4px}
.fl-sum{color:#555;margin-bottom:10px}
table.fl-tl{border-collapse:collapse;width:100%;margin:10px 0 18px;font-size:13px}
table.fl-tl th,table.fl-tl td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
table.fl-tl th{background:#f3f5f7}
.fl-chip{display:inline-block;margin:1px 3px 1px 0;padding:0 6px;border-radius:9px;background:#eceff1;
 white-space:nowrap}
.fl-chip i{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:4px;
 vertical-align:baseline}
#fl-overview .folium-map{height:480px}
.fl-legend{position:static !important;margin:10px auto;max-width:1100px;display:flex;flex-wrap:wrap;gap:4px 14px}
.fl-legend .fl-title{width:100%}
"""


# -- helpers --------------------------------------------------------------------

def _s(v: Any) -> Optional[str]:
    """A present value as str, else None (None, NaN, empty)."""
    if v is None:
        return None
    try:
        if v != v:  # NaN
            return None
    except (TypeError, ValueError):
        pass
    s = str(v)
    return s if s else None


def _e(v: Any) -> str:
    s = _s(v)
    return escape(s, quote=True) if s is not None else ""


def _fmt_num(v: Any, unit: str = "") -> Optional[str]:
    s = _s(v)
    if s is None:
        return None
    try:
        f = float(s)
    except ValueError:
        return s
    return (f"{f:g}") + unit


def event_popup(p: dict[str, Any]) -> str:
    """Popup HTML of one event row (every value HTML-escaped)."""
    when = _s(p.get("date"))
    if when is None:
        ds, de = _s(p.get("date_start")), _s(p.get("date_end"))
        when = (f"{ds} – {de}" if de and de != ds else ds) if ds else "undated"
    prec = _s(p.get("date_precision")) or "unknown"
    loc_bits = [b for b in (_s(p.get("location_precision")), _s(p.get("location_method"))) if b]
    offset = None
    if _s(p.get("anchor")):
        parts = [x for x in (_fmt_num(p.get("offset_km"), " km"),
                             (_fmt_num(p.get("bearing_deg"), "°") if _s(p.get("bearing_deg")) else None)) if x]
        offset = " ".join(parts + ["from", str(p.get("anchor"))])
    rows = [
        ("What", f"{_e(p.get('kind'))} · {_e(SIDE_LABELS.get(str(p.get('side')), p.get('side')))}"
                 + (f" (against {_e(p.get('losing_side'))})" if _s(p.get("losing_side")) else "")),
        ("Actor", _e(p.get("actor"))),
        ("Place", _e(p.get("place"))),
        ("Date", f"{_e(when)} <small>(precision: {_e(prec)})</small>"),
        ("Location", _e(" / ".join(loc_bits)) + (f"<br>{_e(offset)}" if offset else "")
         + (f"<br>± {_e(_fmt_num(p.get('uncertainty_km'), ' km'))}" if _s(p.get("uncertainty_km")) else "")),
        ("Source", f"{_e(p.get('outlet')) or 'unknown outlet'}, article <code>{_e(p.get('article'))}</code>"
                   + (f", published {_e(p.get('published'))}" if _s(p.get("published")) else ", publication date unknown")),
        ("Confidence", _e(_fmt_num(p.get("confidence")))
         + (f" · {_e(p.get('corroboration'))} source(s)" if _s(p.get("corroboration")) else "")),
    ]
    if _s(p.get("flags")):
        rows.append(("Flags", _e(p.get("flags"))))
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v)
    note = f'<div class="fl-note">⚠ {_e(p.get("notes"))}</div>' if _s(p.get("notes")) else ""
    return (f'<div class="fl-popup"><blockquote>{_e(p.get("quote"))}</blockquote>'
            f"<table>{body}</table>{note}</div>")


def _event_tip(p: dict[str, Any]) -> str:
    when = _s(p.get("date")) or _s(p.get("date_start")) or "undated"
    return escape(f"{p.get('kind')} · {p.get('side')} · {p.get('place') or ''} · {when}", quote=True)


#: a per-date page draws at most this many earlier events faintly (the most
#: recent ones), so pages stay small on corpora with hundreds of dates
FAINT_MAX = 300

# rows of each layer, computed once per write_pages() call (id(gdf) -> rows)
_ROWS_CACHE: dict[int, list[tuple[dict[str, Any], Any]]] = {}


def _rows(gdf) -> list[tuple[dict[str, Any], Any]]:
    cached = _ROWS_CACHE.get(id(gdf))
    if cached is not None:
        return cached
    cols = [c for c in gdf.columns if c != gdf.geometry.name]
    return [({c: v for c, v in zip(cols, vals)}, g)
            for vals, g in zip(gdf[cols].itertuples(index=False, name=None), gdf.geometry)]


# features shared by many pages, built once per write_pages() call
_FEATURE_CACHE: dict[Any, Any] = {}


def _cached(key: Any, make: Any) -> Any:
    """``make()``, remembered under ``key`` while write_pages() runs (never across calls)."""
    if key in _FEATURE_CACHE:
        return _FEATURE_CACHE[key]
    value = make()
    if _ROWS_CACHE:
        _FEATURE_CACHE[key] = value
    return value


@contextmanager
def _cached_rows(layers: Layers) -> Iterator[None]:
    """Convert each layer to rows (and shared features) once while the pages are written."""
    frames = [layers.events, layers.movements, layers.areas, layers.places]
    for gdf in frames:
        _ROWS_CACHE[id(gdf)] = _rows(gdf)
    _FEATURE_CACHE.clear()
    try:
        yield
    finally:
        for gdf in frames:
            _ROWS_CACHE.pop(id(gdf), None)
        _FEATURE_CACHE.clear()


def _faint_feature(p: dict[str, Any], geom) -> dict:
    """An earlier event drawn faintly: tooltip only (its own page has the popup)."""
    def make() -> dict:
        f = _event_feature(p, geom, faint=True)
        f["properties"].pop("popup", None)
        return f

    return _cached(("faint", _s(p.get("id"))), make)


def _place_features(layers: Layers) -> list[dict]:
    return _cached("places", lambda: [_place_feature(p, g) for p, g in _rows(layers.places)])


#: places drawn on a per-date page: those within this margin (degrees) of the
#: bounding box of the day's features
PLACES_MARGIN_DEG = 1.0


def _near(features: list[dict], around: list[dict]) -> list[dict]:
    """The point ``features`` within PLACES_MARGIN_DEG of the bounds of ``around``."""
    b = _bounds(around)
    if b is None:
        return features
    (s, w), (n, e) = b
    s, w, n, e = s - PLACES_MARGIN_DEG, w - PLACES_MARGIN_DEG, n + PLACES_MARGIN_DEG, e + PLACES_MARGIN_DEG
    out = []
    for f in features:
        g = f["geometry"]
        if g and g["type"] == "Point":
            lon, lat = g["coordinates"][:2]
            if s <= lat <= n and w <= lon <= e:
                out.append(f)
    return out


def _uncertainty_features(layers: Layers, event_ids: Iterable[str]) -> list[dict]:
    """Uncertainty-area features of the given events (rows indexed by event id once)."""
    def make() -> dict[Optional[str], list]:
        by_event: dict[Optional[str], list] = {}
        for p, g in _rows(layers.areas):
            if _s(p.get("layer_type")) == "uncertainty":
                by_event.setdefault(_s(p.get("event_id")), []).append((p, g))
        return by_event

    by_event = _cached("uncertainty", make)
    return [_area_feature(p, g) for eid in sorted(set(event_ids)) for p, g in by_event.get(eid, ())]


def _latest_areas(layers: Layers, layer_type: str, day: str) -> Optional[tuple[str, list[dict]]]:
    """(date, features) of the latest control/front estimate on or before ``day``."""
    def make() -> tuple[list[str], dict[str, list]]:
        by_date: dict[str, list] = {}
        for p, g in _rows(layers.areas):
            if _s(p.get("layer_type")) == layer_type:
                by_date.setdefault(_s(p.get("date")) or "", []).append((p, g))
        return sorted(by_date), by_date

    dates, rows = _cached(("areas", layer_type), make)
    i = bisect_right(dates, day) - 1
    if i < 0:
        return None
    latest = dates[i]
    feats = _cached(("area_features", layer_type, latest),
                    lambda: [_area_feature(p, g) for p, g in rows[latest]])
    return latest, feats


def _event_feature(p: dict[str, Any], geom, *, faint: bool = False, reported: bool = False) -> dict:
    sym = kind_symbol(_s(p.get("kind")))
    props = {"id": _s(p.get("id")), "kind": _s(p.get("kind")), "side": _s(p.get("side")),
             "c": side_colour(_s(p.get("side"))), "l": sym.letter, "r": sym.radius_px,
             "popup": event_popup(p), "tip": _event_tip(p)}
    if _s(p.get("location_precision")) == "area":
        props["area"] = True
    if faint:
        props["faint"] = True
    if reported:
        props["reported"] = True
    return {"type": "Feature", "properties": props, "geometry": geometry_json(geom)}


def _movement_feature(p: dict[str, Any], geom) -> dict:
    c = side_colour(_s(p.get("side")))
    dest = _s(p.get("destination")) or (f"bearing {_fmt_num(p.get('bearing_deg'), '°')}"
                                        if _s(p.get("bearing_deg")) else "?")
    popup = (f'<div class="fl-popup"><blockquote>{_e(p.get("quote"))}</blockquote><table>'
             f"<tr><th>What</th><td>{_e(p.get('kind'))} · {_e(p.get('side'))}</td></tr>"
             f"<tr><th>From → to</th><td>{_e(p.get('origin'))} → {_e(dest)}</td></tr>"
             f"<tr><th>Date</th><td>{_e(p.get('date') or p.get('date_start') or 'undated')} "
             f"<small>(precision: {_e(p.get('date_precision'))})</small></td></tr>"
             f"<tr><th>Source</th><td>{_e(p.get('outlet'))} article <code>{_e(p.get('article'))}</code></td></tr>"
             "</table></div>")
    style = {"color": c, "weight": 3, "opacity": 0.9}
    if _s(p.get("kind")) == "withdrawal":
        style["dashArray"] = "6 4"
    return {"type": "Feature", "geometry": geometry_json(geom),
            "properties": {"id": _s(p.get("id")), "kind": _s(p.get("kind")), "side": _s(p.get("side")),
                           "c": c, "arrow": True, "popup": popup,
                           "tip": escape(f"{p.get('kind')}: {p.get('origin')} → {dest}", quote=True),
                           "style": style}}


def _area_feature(p: dict[str, Any], geom) -> dict:
    c = side_colour(_s(p.get("side")))
    lt = _s(p.get("layer_type"))
    if lt == "uncertainty":
        style = {"color": c, "weight": 1.5, "dashArray": "5 4", "fillColor": c, "fillOpacity": 0.08}
        tip = f"uncertainty: {p.get('label') or p.get('place') or ''} (± {p.get('uncertainty_km')} km)"
        popup = (f'<div class="fl-popup"><b>Uncertainty area</b> of event <code>{_e(p.get("event_id"))}</code>'
                 f"<br>{_e(p.get('label'))}<blockquote>{_e(p.get('quote'))}</blockquote></div>")
    elif lt == "front":
        style = {"color": "#cc00cc", "weight": 4, "opacity": 0.9}
        tip = f"front line {p.get('date') or ''}"
        popup = f'<div class="fl-popup"><b>Front line</b> {_e(p.get("date"))} {_e(p.get("label"))}</div>'
    else:
        style = {"color": c, "weight": 1, "fillColor": c, "fillOpacity": 0.22}
        tip = f"control: {SIDE_LABELS.get(str(p.get('side')), p.get('side'))} ({p.get('date') or ''})"
        popup = (f'<div class="fl-popup"><b>Control area</b>: {_e(SIDE_LABELS.get(str(p.get("side")), p.get("side")))}'
                 f" as of {_e(p.get('date'))}</div>")
    return {"type": "Feature", "geometry": geometry_json(geom),
            "properties": {"id": _s(p.get("id")), "layer_type": lt, "side": _s(p.get("side")), "c": c,
                           "style": style, "popup": popup, "tip": escape(tip, quote=True)}}


def place_popup(p: dict[str, Any]) -> str:
    """Escaped popup HTML of a place: its sentence, source and control history."""
    rows = [f"<tr><th>Kind</th><td>{_e(p.get('kind'))} · {_e(p.get('country'))} · {_e(p.get('source'))}</td></tr>",
            f"<tr><th>Position</th><td>{_e(p.get('lat'))}, {_e(p.get('lon'))} (lat, lon)</td></tr>"]
    if _s(p.get("control")):
        prec = _s(p.get("control_precision"))
        note = f" <small>(known to the {_e(prec)})</small>" if prec and prec != "day" else ""
        rows.append(f"<tr><th>Control</th><td>{_e(p.get('control'))} since "
                    f"{_e(p.get('control_since'))}{note}</td></tr>")
    if _s(p.get("article")):
        rows.append(f"<tr><th>Source</th><td>article <code>{_e(p.get('article'))}</code> "
                    f"chars {_e(p.get('char_start'))}–{_e(p.get('char_end'))}; "
                    f"{_e(p.get('n_quotes'))} mention(s)</td></tr>")
    quote = f"<blockquote>{_e(p.get('quote'))}</blockquote>" if _s(p.get("quote")) else ""
    return (f'<div class="fl-popup"><b>{_e(p.get("name"))}</b>{quote}'
            f"<table>{''.join(rows)}</table></div>")


def _place_feature(p: dict[str, Any], geom) -> dict:
    tip = f"{p.get('name')} ({p.get('kind')})"
    return {"type": "Feature", "geometry": geometry_json(geom),
            "properties": {"id": _s(p.get("id")), "tip": escape(tip, quote=True), "popup": place_popup(p),
                           "style": {"radius": 3, "color": "#333", "weight": 1, "fillColor": "#fff",
                                     "fillOpacity": 1}}}


def _fan_out(features: list[dict]) -> None:
    """Number the badges that share one point (property n = 0, 1, 2...) so the
    page draws them side by side instead of on top of each other."""
    seen: Counter = Counter()
    for f in features:
        g = f.get("geometry")
        if g and g["type"] == "Point" and "l" in f["properties"]:
            key = tuple(g["coordinates"])
            if seen[key]:
                f["properties"]["n"] = seen[key]
            seen[key] += 1


def _fc(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": [f for f in features if f["geometry"] is not None]}


_PLACE_POINT = JsCode("function(feature, latlng) { return L.circleMarker(latlng, feature.properties.style); }")


def _add_geojson(m: folium.Map, features: list[dict], name: str, role: str, *, show: bool = True,
                 points: JsCode = _POINT_TO_LAYER) -> Optional[folium.GeoJson]:
    fc = _fc(features)
    if not fc["features"]:
        return None
    # The data goes into the page after rendering (see _save): folium/branca
    # would otherwise run every page's GeoJSON text through the Jinja lexer.
    slot = f"fl-slot-{len(_slots(m))}"
    layer = folium.GeoJson({"type": "FeatureCollection", "features": [], "fl_slot": slot}, name=name,
                           show=show, on_each_feature=_ON_EACH, frontline_role=role, point_to_layer=points)
    layer.add_to(m)
    _slots(m)[slot] = fc
    return layer


def _slots(m: folium.Map) -> dict[str, dict]:
    """The GeoJSON data of a map's layers, by slot marker (filled in by :func:`_fill_slots`)."""
    slots = getattr(m, "_fl_slots", None)
    if slots is None:
        slots = m._fl_slots = {}  # type: ignore[attr-defined]
    return slots


_SLOT_RE = re.compile(r'\{"features": \[\], "fl_slot": "(fl-slot-\d+)", "type": "FeatureCollection"\}')
def _js_safe(text: str) -> str:
    """JSON text safe inside <script>: < > & ' as \\u escapes (str.replace: C speed)."""
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("'", "\\u0027"))


def _fill_slots(m: folium.Map, html: str) -> str:
    """Put each layer's GeoJSON into the rendered page, escaped for a <script>
    element exactly as Jinja's ``tojson`` would (<, >, &, ' as \\u escapes)."""
    slots = _slots(m)

    def fill(match: "re.Match[str]") -> str:
        return _js_safe(json.dumps(slots[match.group(1)], sort_keys=True, ensure_ascii=False))

    out, n = _SLOT_RE.subn(fill, html)
    if n != len(slots):
        raise ExportError(f"page data: {n} of {len(slots)} GeoJSON layers placed; folium's output "
                          "changed, check mapper/publish/pages.py against the installed folium")
    return out


def _bounds(features: Iterable[dict]) -> Optional[list[list[float]]]:
    xs, ys = [], []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)

    for f in features:
        g = f.get("geometry")
        if g and "coordinates" in g:
            walk(g["coordinates"])
    if not xs:
        return None
    return [[min(ys), min(xs)], [max(ys), max(xs)]]  # [[south, west], [north, east]] (lat, lon)


def _new_map(height: Union[str, int] = "100%") -> folium.Map:
    m = folium.Map(location=DEFAULT_CENTER, zoom_start=DEFAULT_ZOOM, tiles=None, height=height,
                   control_scale=True, prefer_canvas=False)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online tiles)", control=False,
                     error_tile_url="").add_to(m)
    m.get_root().header.add_child(Element(f"<style>{LEGEND_CSS}</style>"), name="fl_css")
    return m


def _fit(m: folium.Map, features: list[dict], bottom_px: int = 20) -> None:
    """Fit the map to ``features`` (+0.05° margin; at most zoom 11); ``bottom_px`` keeps
    room for controls at the bottom (the time slider)."""
    b = _bounds(features)
    if b is None:
        return
    (s, w), (n, e) = b
    pad = 0.05
    m.fit_bounds([[s - pad, w - pad], [n + pad, e + pad]], max_zoom=11,
                 padding_top_left=(20, 20), padding_bottom_right=(20, bottom_px))


# -- page assignment ----------------------------------------------------------

def _effective_day(p: dict[str, Any]) -> Optional[str]:
    """The day an event belongs to on the timeline: its exact date, else its publication date."""
    return _s(p.get("date")) or (_s(p.get("published")) if _s(p.get("date_start")) else None)


def is_undated(p: dict[str, Any]) -> bool:
    """True when an event has no page date: no exact day, and not both a date range and a publication date."""
    return _effective_day(p) is None


def _bar(title: str, prev_href: Optional[str], next_href: Optional[str], index_href: str,
         prev_label: str = "", next_label: str = "") -> str:
    prev = (f'<a id="fl-prev" href="{escape(prev_href)}">← {escape(prev_label)}</a>' if prev_href
            else '<span class="fl-off">← (first)</span>')
    nxt = (f'<a id="fl-next" href="{escape(next_href)}">{escape(next_label)} →</a>' if next_href
           else '<span class="fl-off">(last) →</span>')
    return (f'<div class="fl-bar"><span class="fl-h">{escape(title)}</span>{prev}'
            f'<a id="fl-index" href="{escape(index_href)}">timeline</a>{nxt}<span class="fl-sp"></span>'
            '<span>frontline</span></div>')


# -- pages --------------------------------------------------------------------

def _date_page(layers: Layers, day: str, prev_day: Optional[str], next_day: Optional[str]) -> folium.Map:
    ev_rows = _rows(layers.events)
    on_day = [(p, g) for p, g in ev_rows if _s(p.get("date")) == day]
    on_ids = {p["id"] for p, _ in on_day}
    reported = [(p, g) for p, g in ev_rows if _s(p.get("published")) == day and p["id"] not in on_ids
                and not is_undated(p)]
    before = [(p, g) for p, g in ev_rows if (_effective_day(p) or "9999") < day
              and p["id"] not in on_ids]
    n_before = len(before)
    if n_before > FAINT_MAX:   # the most recent ones only
        before = sorted(before, key=lambda r: _effective_day(r[0]) or "")[-FAINT_MAX:]
    page_ids = on_ids | {p["id"] for p, _ in reported}

    m = _new_map()
    all_feats: list[dict] = []
    # faint context first (drawn underneath)
    faint = [_faint_feature(p, g) for p, g in before]
    shown = f"{len(faint)}" if n_before == len(faint) else f"latest {len(faint)} of {n_before}"
    _add_geojson(m, faint, f"Known before {day} (faint, {shown})", "faint")

    # control areas / front line: this day's, else the latest earlier state
    for lt, label in (("control", "Control areas"), ("front", "Front line")):
        found = _latest_areas(layers, lt, day)
        if found:
            latest, feats = found
            as_of = "" if latest == day else f" as of {latest}"
            _add_geojson(m, feats, f"{label}{as_of} ({len(feats)})", lt)
    unc = _uncertainty_features(layers, page_ids)
    _add_geojson(m, unc, f"Uncertainty areas ({len(unc)})", "uncertainty")
    all_feats += unc

    mv = [_movement_feature(p, g) for p, g in _rows(layers.movements)
          if _s(p.get("date")) == day or (_s(p.get("date")) is None and _s(p.get("published")) == day
                                          and _s(p.get("date_start")))]
    if _add_geojson(m, mv, f"Movements ({len(mv)})", "movements"):
        _TextPathJs().add_to(m)  # after Leaflet in the header (JSCSSMixin orders by render)
    all_feats += mv

    places = _near(_place_features(layers),
                   [f for f in (all_feats + [_event_feature(p, g) for p, g in on_day + reported]) if f["geometry"]])
    _add_geojson(m, places, f"Places ({len(places)})", "places", points=_PLACE_POINT)

    kinds_here = []
    by_kind: list[tuple[str, list[dict]]] = []
    for kind in list(KIND_SYMBOLS) + sorted({str(p.get("kind")) for p, _ in on_day} - set(KIND_SYMBOLS)):
        feats = [_event_feature(p, g) for p, g in on_day if p.get("kind") == kind]
        if feats:
            kinds_here.append(kind)
            by_kind.append((kind, feats))
    rep = [_event_feature(p, g, reported=True) for p, g in reported]
    _fan_out([f for _, fs in by_kind for f in fs] + rep)  # before the layers copy the data
    for kind, feats in by_kind:
        _add_geojson(m, feats, f"Events: {kind_symbol(kind).label if kind in KIND_SYMBOLS else kind} "
                               f"({len(feats)})", "events")
        all_feats += feats
    _add_geojson(m, rep, f"Reported on {day}, dated otherwise or imprecisely ({len(rep)})", "reported")
    all_feats += rep
    kinds_here += [str(p.get("kind")) for p, _ in reported if str(p.get("kind")) not in kinds_here]

    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    events_here = [f for f in all_feats if f["geometry"] and f["geometry"]["type"] == "Point"]
    _fit(m, events_here or all_feats or faint)
    sides = [s for s in SIDE_COLOURS if any(p.get("side") == s for p, _ in on_day + reported)]
    extra = [("border:1.5px dashed #555;background:transparent", "uncertainty area"),
             ("background:rgba(214,39,40,.25)", "control area (by side colour)"),
             ("background:#cc00cc;height:4px", "front line"),
             ("border:1px solid #999;background:rgba(127,127,127,.25);border-radius:50%", "known before (faint)"),
             ("border:2px dotted #555;background:#fff;border-radius:50%", "reported today, other date")]
    n = len(on_day)
    title = f"{day}: {n} event{'s' if n != 1 else ''}" + (f", {len(rep)} reported" if rep else "")
    _decorate(m, title, prev_day, next_day, legend_html(kinds_here or None, sides or None,
                                                        title=f"Legend — {day}", extra=extra))
    return m


def _undated_page(layers: Layers, first_day: Optional[str]) -> folium.Map:
    rows = [(p, g) for p, g in _rows(layers.events) if is_undated(p)]
    m = _new_map()
    feats = [_event_feature(p, g) for p, g in rows]
    _add_geojson(m, feats, f"Undated events ({len(feats)})", "events")
    ids = {p["id"] for p, _ in rows}
    unc = _uncertainty_features(layers, ids)
    _add_geojson(m, unc, f"Uncertainty areas ({len(unc)})", "uncertainty")
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    _fit(m, feats + unc)
    _decorate(m, f"Undated: {len(feats)} event{'s' if len(feats) != 1 else ''} (no usable date)",
              None, first_day, legend_html(title="Legend — undated"), next_label_override="first date")
    return m


def _decorate(m: folium.Map, title: str, prev_day: Optional[str], next_day: Optional[str], legend: str,
              next_label_override: Optional[str] = None) -> None:
    root = m.get_root()
    root.header.add_child(Element(f"<style>{_PAGE_CSS}</style>"), name="fl_page_css")
    root.header.add_child(Element(f"<title>{escape(title)} — frontline</title>"), name="fl_title")
    bar = _bar(title, f"{prev_day}.html" if prev_day else None, f"{next_day}.html" if next_day else None,
               "../index.html", prev_day or "", next_label_override or next_day or "")
    root.html.add_child(Element(bar), name="fl_bar", index=0)
    root.html.add_child(Element(legend), name="fl_legend")
    root.html.add_child(Element("<script>document.body.classList.add('fl-page');</script>"), name="fl_cls")


def _day_ms(day: str) -> int:
    d = date.fromisoformat(day)
    return int(datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp() * 1000)


def _index_page(layers: Layers, days: list[str], has_undated: int) -> folium.Map:
    from folium.plugins import Timeline, TimelineSlider

    ev_rows = _rows(layers.events)
    m = _new_map(height=480)
    feats = []
    for p, g in ev_rows:
        day = _effective_day(p)
        if day is None:
            continue
        f = _event_feature(p, g, reported=_s(p.get("date")) is None)
        f["properties"]["start"] = _day_ms(day)
        f["properties"]["end"] = _day_ms(day) + 86_399_000
        feats.append(f)
    if feats:
        tl = Timeline(_fc(feats), name=f"Events by day ({len(feats)})", on_each_feature=_ON_EACH,
                      point_to_layer=_POINT_TO_LAYER, frontline_role="timeline")
        tl.layer_name = f"Events by day ({len(feats)})"  # Timeline does not forward name=
        tl.add_to(m)
        span_days = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days + 1 if days else 1
        TimelineSlider(auto_play=False, date_options="YYYY-MM-DD", show_ticks=True,
                       enable_keyboard_controls=True, steps=max(span_days, 2),
                       playback_duration=max(3000, 1000 * span_days)).add_timelines(tl).add_to(m)
    all_faint = [_faint_feature(p, g) for p, g in ev_rows if _effective_day(p)]
    _add_geojson(m, all_faint, f"All dated events (faint, {len(all_faint)})", "faint", show=False)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    _fit(m, feats or all_faint, bottom_px=110)

    # timeline table
    by_day: dict[str, dict[str, Counter]] = {d: {"kind": Counter(), "side": Counter(), "rep": Counter()}
                                             for d in days}
    for p, _ in ev_rows:
        d = _s(p.get("date"))
        if d in by_day:
            by_day[d]["kind"][str(p.get("kind"))] += 1
            by_day[d]["side"][str(p.get("side"))] += 1
        pub = _s(p.get("published"))
        if pub in by_day and d != pub and not is_undated(p):
            by_day[pub]["rep"][str(p.get("kind"))] += 1
    rows = []
    for d in days:
        k, s, r = by_day[d]["kind"], by_day[d]["side"], by_day[d]["rep"]
        kinds = "".join(f'<span class="fl-chip">{escape(kind_symbol(x).letter)} {escape(x)}: {n}</span>'
                        for x, n in sorted(k.items()))
        sides = "".join(f'<span class="fl-chip"><i style="background:{side_colour(x)}"></i>{escape(x)}: {n}</span>'
                        for x, n in sorted(s.items()))
        rep = "".join(f'<span class="fl-chip">{escape(x)}: {n}</span>' for x, n in sorted(r.items()))
        rows.append(f'<tr data-date="{escape(d)}"><td><a href="maps/{escape(d)}.html">{escape(d)}</a></td>'
                    f"<td>{sum(k.values())}</td><td>{kinds or '—'}</td><td>{sides or '—'}</td>"
                    f"<td>{rep or '—'}</td></tr>")
    rows.append(f'<tr data-date="undated"><td><a href="maps/undated.html">undated</a></td>'
                f"<td>{has_undated}</td><td colspan=3>events with no usable date: never shown as a day's</td></tr>")
    n_dated = sum(1 for p, _ in ev_rows if not is_undated(p))
    head = (f'<div class="fl-wrap"><h1>frontline — timeline</h1><div class="fl-sum">{len(ev_rows)} events '
            f"({n_dated} dated, {has_undated} undated), {len(layers.movements)} movements, "
            f"{len(layers.places)} places, {len(days)} dates "
            f"{('from ' + escape(days[0]) + ' to ' + escape(days[-1])) if days else ''}. "
            'Data: <a href="data/events.geojson">events</a> · <a href="data/movements.geojson">movements</a> · '
            '<a href="data/areas.geojson">areas</a> · <a href="data/places.geojson">places</a> · '
            '<a href="frontline.gpkg">GeoPackage</a></div><div id="fl-overview-title"><b>Overview</b>: '
            "move the slider to step through the days.</div></div>")
    table = ('<div class="fl-wrap"><table class="fl-tl" id="fl-timeline"><thead><tr><th>Date</th><th>Events</th>'
             "<th>By kind</th><th>By side</th><th>Reported that day (other or imprecise date)</th></tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table></div>")
    root = m.get_root()
    root.header.add_child(Element(f"<style>{_INDEX_CSS}</style>"), name="fl_index_css")
    root.header.add_child(Element("<title>frontline — timeline</title>"), name="fl_title")
    root.html.add_child(Element(head), name="fl_head", index=0)
    root.html.add_child(Element(table), name="fl_table")
    root.html.add_child(Element(legend_html(title="Legend")), name="fl_legend")
    return m


def _save(m: folium.Map, path: Path, asset_prefix: Optional[str]) -> Path:
    html = _fill_slots(m, m.get_root().render())
    if asset_prefix is not None:
        html = localise_html(html, asset_prefix)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    return path


def page_dates(layers: Layers) -> list[str]:
    """The days that get a page: ``layers.dates`` plus any exact / publication day of an event."""
    days = set(layers.dates)
    for p, _ in _rows(layers.events):
        d = _effective_day(p)
        if d:
            days.add(d)
        if _s(p.get("date")):
            days.add(str(p["date"]))
    return sorted(days)


def write_pages(layers: Layers, out_dir: PathLike, *, offline_assets: Optional[PathLike] = None,
                progress: Optional[bool] = None) -> list[Path]:
    """See :func:`_write_pages`; layer rows are converted once for all pages."""
    with _cached_rows(layers):
        return _write_pages(layers, out_dir, offline_assets=offline_assets, progress=progress)


def _write_pages(layers: Layers, out_dir: PathLike, *, offline_assets: Optional[PathLike] = None,
                 progress: Optional[bool] = None) -> list[Path]:
    """Write index.html, maps/<YYYY-MM-DD>.html for every page date and
    maps/undated.html into ``out_dir``; returns the written paths (index first).

    ``offline_assets``: a node_modules-like folder (see tests/assets/package.json);
    when given, its JS/CSS are copied to ``out_dir/assets`` and the pages load
    them from there instead of CDNs (tiles still come from OpenStreetMap when
    online; offline the map shows a plain background).
    Raises ExportError when the folder cannot be written or assets are missing.
    """
    out = Path(out_dir)
    maps = out / "maps"
    try:
        maps.mkdir(parents=True, exist_ok=True)
        if offline_assets is not None:
            copy_assets(Path(offline_assets), out)
        days = page_dates(layers)
        n_undated = sum(1 for p, _ in _rows(layers.events) if is_undated(p))
        written = [_save(_index_page(layers, days, n_undated), out / "index.html",
                         "assets/" if offline_assets is not None else None)]
        prefix = "../assets/" if offline_assets is not None else None
        bar = None
        if progress if progress is not None else len(days) > 20:
            from tqdm import tqdm

            bar = tqdm(total=len(days), unit="page", desc="pages", file=sys.stderr, mininterval=0.5,
                       leave=False)
        for i, day in enumerate(days):
            prev_day = days[i - 1] if i > 0 else None
            next_day = days[i + 1] if i + 1 < len(days) else None
            written.append(_save(_date_page(layers, day, prev_day, next_day), maps / f"{day}.html", prefix))
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        written.append(_save(_undated_page(layers, days[0] if days else None), maps / f"{UNDATED}.html", prefix))
        # pages of dates that no longer have material (an earlier build) are removed
        keep = {p.name for p in written}
        for old in maps.glob("*.html"):
            if old.name not in keep and len(old.stem) == 10 and old.stem[4] == "-":
                old.unlink()
    except OSError as exc:
        raise ExportError(f"cannot write pages into {str(out)!r}: {exc}; check the --out folder") from exc
    return written
