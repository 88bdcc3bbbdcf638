"""The build's shared page data: ``OUT/data/site.js`` (one file per build,
``window.FL_SITE = {...}``), loaded by every page with a ``<script src>`` (so
it works from a page opened from disk, where fetch() of a local file is
refused).

Keys: ``ev`` / ``mv`` / ``unc`` / ``pl`` (event, movement, uncertainty-area and
place features by id), ``ar`` (control and front geometries, each distinct
geometry once), ``est`` (per estimate date: the control / front rows of that
date, each pointing at an ``ar`` geometry and a ``styles`` entry, with its own
tooltip, band half-width ``km`` and confidence), ``base`` (the offline base map), ``towns`` (town labels), ``tiles``.

>>> site_js({"v": 1, "tip": "</script>"})
'window.FL_SITE = {"tip":"\\u003c/script\\u003e","v":1};\n'
"""
from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Optional

from mapper.history.front import age_class
from mapper.publish.export import geometry_json
from mapper.publish.layers import Layers
from mapper.publish.pages.common import effective_day, to_json, val
from mapper.publish.pages.features import (control_style, estimate_text, event_feature, front_style,
                                               movement_feature, place_feature, uncertainty_feature)

Row = tuple[dict[str, Any], Any]


def rows_of(gdf) -> list[Row]:
    """(attributes, geometry) of every row of a GeoDataFrame."""
    cols = [c for c in gdf.columns if c != gdf.geometry.name]
    return [({c: v for c, v in zip(cols, vals)}, g)
            for vals, g in zip(gdf[cols].itertuples(index=False, name=None), gdf.geometry)]


@dataclass
class SiteRows:
    """The layers as rows, indexed the ways the pages need them (built once)."""

    events: list[Row]
    movements: list[Row]
    areas: list[Row]
    places: list[Row]
    est_dates: list[str] = field(default_factory=list)
    est_rows: dict[str, list[Row]] = field(default_factory=dict)
    unc_by_event: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, layers: Layers) -> "SiteRows":
        s = cls(rows_of(layers.events), rows_of(layers.movements), rows_of(layers.areas), rows_of(layers.places))
        for p, g in s.areas:
            lt = val(p.get("layer_type"))
            if lt in ("control", "front"):
                s.est_rows.setdefault(val(p.get("date")) or "", []).append((p, g))
            elif lt == "uncertainty" and val(p.get("event_id")):
                s.unc_by_event.setdefault(val(p["event_id"]), []).append(val(p.get("id")) or "")
        s.est_rows.pop("", None)
        s.est_dates = sorted(s.est_rows)
        return s

    def estimate_for(self, day: str) -> Optional[str]:
        """The latest estimate date on or before ``day`` (control and fronts are
        always drawn from this one date together)."""
        i = bisect_right(self.est_dates, day) - 1
        return self.est_dates[i] if i >= 0 else None


def _geom_key(g) -> str:
    """A key of a shapely geometry's exact coordinates (WKB digest)."""
    return hashlib.sha1(g.wkb).hexdigest()


def site_data(rows: SiteRows, *, base: dict, towns: list, tiles: dict) -> dict[str, Any]:
    """The shared data of every page (see the module docstring)."""
    ev = {}
    for p, g in rows.events:
        f = event_feature(p, g)
        ev[f["properties"]["id"]] = f
    mv = {}
    for p, g in rows.movements:
        f = movement_feature(p, g)
        mv[f["properties"]["id"]] = f
    unc, ar, est = {}, {}, {}
    geom_ids: dict[str, str] = {}
    geom_keys: dict[int, tuple[Any, str]] = {}   # id -> (geometry, key): estimates share geometry objects
    styles: list[dict] = []
    style_ids: dict[str, int] = {}
    style_of: dict[tuple, tuple[dict, str]] = {}   # (front?, age class or side) -> (style, its JSON key)
    for p, g in rows.areas:
        lt = val(p.get("layer_type"))
        if lt == "uncertainty":
            f = uncertainty_feature(p, g)
            unc[f["properties"]["id"]] = f
            continue
        if g is None or g.is_empty:
            continue
        memo = geom_keys.get(id(g))
        if memo is None or memo[0] is not g:
            memo = geom_keys[id(g)] = (g, _geom_key(g))
        key = memo[1]
        aid = geom_ids.get(key)
        if aid is None:
            gj = geometry_json(g)
            if gj is None:
                continue
            aid = geom_ids[key] = f"g{len(geom_ids)}"
            ar[aid] = gj
        side = val(p.get("side"))
        day = val(p.get("date")) or ""
        cls = row_age_class(p)
        sk = (True, cls) if lt == "front" else (False, side)
        if sk not in style_of:
            st = front_style(cls) if lt == "front" else control_style(side)
            style_of[sk] = (st, json.dumps(st, sort_keys=True))
        style, skey = style_of[sk]
        if skey not in style_ids:
            style_ids[skey] = len(style_ids)
            styles.append(style)
        tip = estimate_text(p)
        try:
            km = float(val(p.get("uncertainty_km")) or 2.0)
            conf = float(val(p.get("confidence")) or 0.5)
        except ValueError:
            km, conf = 2.0, 0.5
        est.setdefault(day, []).append({
            "a": aid, "id": val(p.get("id")), "lt": lt, "side": side, "s": style_ids[skey], "tip": tip,
            "km": round(km, 2), "conf": round(conf, 3), "c": cls})
    est.pop("", None)
    pl = {}
    for p, g in rows.places:
        f = place_feature(p, g)
        pl[f["properties"]["id"]] = f
    return {"v": 1, "ev": ev, "mv": mv, "unc": unc, "ar": ar, "est": est, "pl": pl, "styles": styles,
            "base": base, "towns": towns, "tiles": tiles}


def row_age_class(p: dict[str, Any]) -> str:
    """The evidence-age class of a control / front row (its ``age_class``, else
    computed from ``evidence_age_days``)."""
    return val(p.get("age_class")) or age_class(_int(p.get("evidence_age_days")))


def _int(v: Any) -> Optional[int]:
    s = val(v)
    try:
        return int(float(s)) if s is not None else None
    except ValueError:
        return None


def site_js(data: dict[str, Any]) -> str:
    """The text of data/site.js."""
    return "window.FL_SITE = " + to_json(data) + ";\n"


def event_day(p: dict[str, Any]) -> Optional[str]:
    """The page day of an event row (see common.effective_day)."""
    return effective_day(p)
