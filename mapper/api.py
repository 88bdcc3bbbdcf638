"""The Python API: ``mapper.build(inputs) -> Layers`` (GeoDataFrames in memory).

>>> import mapper                                                   # doctest: +SKIP
>>> layers = mapper.build("seeds/")                                 # nothing is written
>>> layers.events[["date", "kind", "side", "place"]].head()         # doctest: +SKIP
>>> day = layers.on("2016-12-11")        # what the map of that day shows (events, areas ...)
>>> layers.write("/tmp/frontline-out")   # data/, frontline.gpkg, CSV tables, pages, report.json

``Layers.events`` / ``movements`` / ``areas`` / ``places`` are GeoDataFrames in
EPSG:4326 (lon/lat) with the columns of docs/OUTPUTS.md; every date column
(``date``, ``date_start``, ``date_end``, ``published``, ``first_date``,
``control_since`` ...) and ``time_start`` / ``time_end`` are ``datetime64``
(NaT when unknown). ``events`` holds every located event, undated ones too
(``date_start`` NaT); ``areas`` holds control areas and fronts one row per
validity interval [date_start, date_end) (date_end exclusive, NaT = still
holds), as the exported files do.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

import geopandas as gpd
import pandas as pd

from mapper.errors import ConfigError

PathLike = Union[str, Path]
LAYER_NAMES = ("events", "movements", "areas", "places")


def _to_datetime(frame: gpd.GeoDataFrame, columns: Iterable[str]) -> gpd.GeoDataFrame:
    out = frame.copy()
    for c in columns:
        if c in out.columns:
            out[c] = pd.to_datetime(out[c].astype("object").where(out[c].notna(), None), format="ISO8601")
    return out


@dataclass(frozen=True, repr=False)
class Layers:
    """The layers of a build, in memory (see the module docstring).

    ``dates``: the ISO days that have a map page; ``report``: report.json as a
    dict (articles, counts, unresolved mentions, warnings ...).
    """

    events: gpd.GeoDataFrame
    movements: gpd.GeoDataFrame
    areas: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    dates: tuple[str, ...] = ()
    report: dict[str, Any] = field(default_factory=dict)
    _published: Any = field(default=None, repr=False, compare=False)
    _result: Any = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        span = f"{self.dates[0]}..{self.dates[-1]}" if self.dates else "none"
        return (f"Layers(events={len(self.events)}, movements={len(self.movements)}, areas={len(self.areas)}, "
                f"places={len(self.places)}, dates={len(self.dates)} [{span}])")

    def items(self) -> Iterator[tuple[str, gpd.GeoDataFrame]]:
        """(name, GeoDataFrame) in the order events, movements, areas, places."""
        for name in LAYER_NAMES:
            yield name, getattr(self, name)

    def on(self, day: Union[str, date, pd.Timestamp]) -> dict[str, gpd.GeoDataFrame]:
        """What is true on ``day``: events and movements whose interval
        date_start..date_end (inclusive) contains it, the areas valid that day
        (uncertainty areas of those events; the control areas and fronts whose
        [date_start, date_end) contains it), and the places.

        >>> layers.on("2016-12-11")["events"]            # doctest: +SKIP
        """
        d = pd.Timestamp(day).normalize()

        def closed(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
            return gdf[(gdf["date_start"] <= d) & (gdf["date_end"] >= d)]

        ar = self.areas
        unc = ar["layer_type"] == "uncertainty"
        valid = (ar["date_start"] <= d) & (ar["date_end"].isna() | (ar["date_end"] > d))
        return {"events": closed(self.events), "movements": closed(self.movements),
                "areas": ar[(unc & (ar["date_start"] <= d) & (ar["date_end"] >= d)) | (~unc & valid)],
                "places": self.places}

    def map(self, day: Optional[Union[str, date]] = None, *, assets: Optional[PathLike] = None) -> "MapView":
        """An interactive map with a date drop-down (see :func:`day_map`); works offline."""
        return day_map(self, day, assets=assets)

    def write(self, out_dir: PathLike, *, pages: bool = True, gpkg: bool = True,
              offline_assets: Optional[PathLike] = None) -> Path:
        """Write what ``frontline build`` writes into ``out_dir`` (data/*.geojson,
        data/events_acled.csv, data/events_ucdp.csv, frontline.gpkg, index.html
        and maps/ unless ``pages=False``, report.json); returns ``out_dir``."""
        from mapper.publish.export import write_geojson, write_gpkg
        from mapper.publish.tables import write_tables
        from mapper.report import write_report

        if self._published is None:
            raise ConfigError("these Layers were not made by mapper.build(); nothing to write")
        from mapper.publish.outdir import OutputDir

        with OutputDir(out_dir) as staging:   # atomic: the previous output stays until the swap
            out = staging.path
            write_geojson(self._published, out / "data")
            write_tables(self._published, out / "data")
            if gpkg:
                write_gpkg(self._published, out / "frontline.gpkg")
            if pages:
                from mapper.publish.pages import write_pages

                write_pages(self._published, out, build=self._result, progress=False,
                            offline_assets=Path(offline_assets) if offline_assets else None)
            if self._result is not None:
                write_report(self._result, out / "report.json")
            staging.commit()
        return Path(out_dir)

    @classmethod
    def from_published(cls, published: Any, result: Any = None) -> "Layers":
        """API layers from :class:`mapper.publish.layers.Layers` (ISO strings -> datetime64)."""
        from mapper.publish.layers import DATE_FIELDS, DATETIME_FIELDS, merge_validity
        from mapper.report import report_dict

        frames = {}
        for name, gdf in published.items():
            if name == "areas":
                gdf = merge_validity(gdf)
            frames[name] = _to_datetime(gdf, DATE_FIELDS[name] + DATETIME_FIELDS[name])
        return cls(**frames, dates=tuple(published.dates),
                   report=report_dict(result) if result is not None else {},
                   _published=published, _result=result)


def _options(options: dict[str, Any]):
    from mapper.pipeline import BuildOptions

    names = {f.name for f in fields(BuildOptions)}
    unknown = sorted(set(options) - names)
    if unknown:
        raise ConfigError(f"unknown build option(s) {unknown!r}; use any of {sorted(names)!r}")
    opts = dict(options)
    for key in ("since", "until", "prior_as_of"):
        v = opts.get(key)
        if isinstance(v, str):
            try:
                opts[key] = date.fromisoformat(v)
            except ValueError:
                raise ConfigError(f"{key}={v!r} is not a date; write it as 'YYYY-MM-DD'") from None
    for key in ("offline_assets", "sides", "gazetteer_index", "cache_path"):
        if isinstance(opts.get(key), str):
            opts[key] = Path(opts[key])
    if opts.get("offline_assets") is not None:
        from mapper.cli import _check_offline_assets   # a wrong folder is an error, never a fallback

        _check_offline_assets(opts["offline_assets"])
    opts.setdefault("progress", False)
    return replace(BuildOptions(), **opts)


def build(inputs: Union[PathLike, Iterable[PathLike]], out_dir: Optional[PathLike] = None,
          **options: Any) -> Layers:
    """Build ``inputs`` (a folder, an article file, a CSV/JSONL corpus, or a list
    of them) and return the :class:`Layers`. Nothing is written unless
    ``out_dir`` is given (then everything ``frontline build --out`` writes, replaced
    atomically); ``Layers.write(out_dir)`` writes later. ``options`` are the
    fields of :class:`mapper.pipeline.BuildOptions` (``since="2016-01-01"``,
    ``until=...``, ``prior="syria-2017"``, ``columns={...}``, ``write_pages=False`` ...).

    >>> layers = build("seeds/", since="2016-01-01")          # doctest: +SKIP
    """
    from mapper import pipeline

    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    opts = _options(options)
    if out_dir is None:
        result = pipeline.build_in_memory(paths, opts)
    else:
        result = pipeline.build(paths, out_dir, opts)
    return Layers.from_published(result.layers, result)


# ----------------------------------------------------------------------------
# a light map for notebooks: Leaflet only, a plain <select> of dates, works offline
# ----------------------------------------------------------------------------

LEAFLET_CDN = ("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
               "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")
MAP_HEIGHT_PX = 520


def _leaflet(assets: Optional[PathLike]) -> tuple[str, str]:
    """(script tag, style tag) for Leaflet: inlined from a local node_modules-like
    folder when one has leaflet/dist (``assets``, $FRONTLINE_ASSETS, or the
    repository's tests/assets/node_modules), so the map needs no network; else
    the CDN (needs a network)."""
    import os

    from mapper.publish.assets import find_node_modules

    folder = assets or os.environ.get("FRONTLINE_ASSETS")
    root = find_node_modules(Path(folder) if folder else None)
    if root is not None and (root / "leaflet" / "dist" / "leaflet.js").exists():
        js = (root / "leaflet" / "dist" / "leaflet.js").read_text(encoding="utf-8")
        css = (root / "leaflet" / "dist" / "leaflet.css").read_text(encoding="utf-8")
        js = js.replace("</script", "<\\/script")
        return "<script>" + js + "</script>", "<style>" + css + "</style>"
    return f'<script src="{LEAFLET_CDN[0]}"></script>', f'<link rel="stylesheet" href="{LEAFLET_CDN[1]}">'


def _day(v: Any) -> Optional[str]:
    if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(v).strftime("%Y-%m-%d")


def _features(gdf: gpd.GeoDataFrame, layer: str) -> list[dict[str, Any]]:
    """Compact GeoJSON features for the notebook map; article text HTML-escaped here."""
    import html
    import json

    from mapper.publish.export import geometry_json
    from mapper.publish.styles import side_colour

    out = []
    for row, geom in zip(gdf.drop(columns=gdf.geometry.name).to_dict("records"), gdf.geometry):
        if geom is None or geom.is_empty:
            continue
        e = lambda k: html.escape(str(row.get(k))) if row.get(k) is not None and row.get(k) == row.get(k) else ""  # noqa: E731
        lt = row.get("layer_type") or layer
        when = _day(row.get("date")) or (f"{_day(row.get('date_start')) or '?'}..{_day(row.get('date_end')) or '?'}"
                                        if _day(row.get("date_start")) or _day(row.get("date_end")) else "undated")
        popup = (f"<b>{e('kind') or e('layer_type')}</b> · {e('side')}<br>{e('place') or e('label')}<br>"
                 f"{html.escape(when)}" + (f"<br><i>{e('quote')}</i>" if e("quote") else "")
                 + (f"<br><small>{e('outlet')} {e('article')}</small>" if e("article") else ""))
        out.append({"type": "Feature", "geometry": json.loads(json.dumps(geometry_json(geom))),
                    "properties": {"l": layer, "lt": lt, "ds": _day(row.get("date_start")),
                                   "de": _day(row.get("date_end")), "c": side_colour(row.get("side")),
                                   "popup": popup}})
    return out


def _place_features(places: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Places with at least one event, as labelled dots (names escaped here)."""
    import html

    from mapper.publish.export import geometry_json

    out = []
    n = places["n_events"].fillna(0).tolist() if "n_events" in places.columns else [1] * len(places)
    for name, k, geom in zip(places["name"].tolist(), n, places.geometry):
        if geom is not None and not geom.is_empty and k:
            out.append({"type": "Feature", "geometry": geometry_json(geom),
                        "properties": {"l": "places", "lt": "place", "name": html.escape(str(name)),
                                       "popup": html.escape(str(name))}})
    return out


MAP_JS = """
var data = %(data)s, dates = %(dates)s, start = %(start)s;
var map = L.map('frontline-map').setView([%(lat)s, %(lon)s], 8);
L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png',
            {maxZoom: 18, attribution: '&copy; OpenStreetMap contributors'}).addTo(map);
var group = L.featureGroup().addTo(map);
function onDay(p, day) {
  if (p.l === 'places') return true;
  if (day === 'undated') return p.l === 'events' && !(p.ds && p.de);
  if (!(p.ds && (p.de || p.lt === 'control' || p.lt === 'front'))) return false;
  if (day === 'all') return p.lt !== 'control' && p.lt !== 'front';
  if (p.lt === 'control' || p.lt === 'front') return p.ds <= day && (!p.de || day < p.de);
  return p.ds <= day && day <= p.de;   // events, movements, uncertainty: inclusive day interval
}
function draw(day) {
  group.clearLayers();
  var n = {events: 0, movements: 0, areas: 0};
  data.features.forEach(function (f) {
    if (!onDay(f.properties, day)) return;
    var p = f.properties;
    L.geoJSON(f, {
      pointToLayer: function (ft, ll) {
        if (p.l === 'places') return L.circleMarker(ll, {radius: 3, color: '#555', weight: 1, fillColor: '#fff',
                                                         fillOpacity: 1}).bindTooltip(p.name, {permanent: true,
                                                         direction: 'right', className: 'frontline-label'});
        return L.circleMarker(ll, {radius: 7, color: '#fff', weight: 1, fillColor: p.c, fillOpacity: 0.9}); },
      style: function () { return p.lt === 'uncertainty' ? {color: p.c, weight: 1, dashArray: '4 4', fillOpacity: 0.08}
                           : p.lt === 'control' ? {color: p.c, weight: 1, fillOpacity: 0.2}
                           : p.lt === 'front' ? {color: '#c2185b', weight: 3}
                           : {color: p.c, weight: 3}; }
    }).bindPopup(p.popup).addTo(group);
    if (p.l in n) n[p.l] += 1;
  });
  document.getElementById('frontline-count').textContent =
    n.events + ' events, ' + n.movements + ' movements, ' + n.areas + ' areas';
  document.body.setAttribute('data-day', day);
  document.body.setAttribute('data-events', n.events);
}
var sel = document.getElementById('frontline-date');
function fit() {
  try { if (group.getLayers().length) map.fitBounds(group.getBounds().pad(0.2), {maxZoom: 11}); } catch (e) {}
}
sel.addEventListener('change', function () { draw(sel.value); });
sel.value = start; draw(start); fit();
"""


class MapView:
    """A self-contained HTML map (Leaflet only) with a date drop-down; shows in
    Jupyter (``_repr_html_``: an iframe) and saves as one HTML file."""

    def __init__(self, html_doc: str) -> None:
        self.html = html_doc

    def _repr_html_(self) -> str:
        import html

        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                f'style="width:100%;height:{MAP_HEIGHT_PX + 50}px;border:none"></iframe>')

    def save(self, path: PathLike) -> Path:
        """Write the map as one HTML file (open it in any browser); returns the path."""
        p = Path(path)
        p.write_text(self.html, encoding="utf-8")
        return p


def day_map(layers: Layers, day: Optional[Union[str, date]] = None, *,
            assets: Optional[PathLike] = None) -> MapView:
    """The notebook map: events, movements and areas coloured by side, with a
    drop-down of dates (all dated events / each date / undated) that redraws
    the map in the page itself (plain JavaScript, no jQuery). ``day`` is the
    date selected first (default: the last date). Leaflet is inlined when a
    local copy exists (see :func:`_leaflet`), so it works without a network
    (the OpenStreetMap tiles then stay blank)."""
    import html
    import json

    feats = (_features(layers.events, "events") + _features(layers.movements, "movements")
             + _features(layers.areas, "areas") + _place_features(layers.places))
    dates = list(layers.dates)
    start = _day(day) if day is not None else (dates[-1] if dates else "all")
    pts = layers.events.geometry
    lat = round(float(pts.y.mean()), 4) if len(pts) else 34.8
    lon = round(float(pts.x.mean()), 4) if len(pts) else 38.5
    js, css = _leaflet(assets)
    options = ['<option value="all">all dated events</option>'] + [
        f'<option value="{d}">{d}</option>' for d in dates] + ['<option value="undated">undated events</option>']
    body = MAP_JS % {"data": json.dumps({"type": "FeatureCollection", "features": feats},
                                        ensure_ascii=False).replace("</", "<\\/"),
                     "dates": json.dumps(dates), "start": json.dumps(start), "lat": lat, "lon": lon}
    doc = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>frontline</title>" + css +
           f"<style>body{{margin:0;font:13px sans-serif}}#frontline-map{{height:{MAP_HEIGHT_PX}px;"
           "background:#eef1f4}.frontline-label{font-size:11px;padding:0 3px}</style>" + js + "</head><body>"
           "<div style='padding:4px 6px'><label>date <select id='frontline-date'>" + "".join(options) +
           "</select></label> <span id='frontline-count'></span> "
           f"<small>{html.escape(str(len(feats)))} features</small></div>"
           "<div id='frontline-map'></div><script>" + body + "</script></body></html>")
    return MapView(doc)
