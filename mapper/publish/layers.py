"""BuildResult -> four GeoDataFrames (events, movements, areas, places), EPSG:4326.

The columns are the output contract of docs/DESIGN.md (see docs/OUTPUTS.md):
every value is a plain Python scalar (str, int, float or None); dates are ISO
strings ``YYYY-MM-DD`` (or None) so the GeoJSON writer, the GeoPackage writer
and the pages all see the same data. Geometries are shapely objects in
lon/lat order (x = longitude, y = latitude, degrees).

>>> from mapper.result import BuildResult
>>> layers = build_layers(BuildResult())
>>> [name for name, _ in layers.items()]
['events', 'movements', 'areas', 'places']
>>> len(layers.events)
0
"""
from __future__ import annotations

import json

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterator, Optional

import geopandas as gpd
import pandas as pd
from pyproj import Geod
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Location
from mapper.model import Event, Movement, TimeSpan
from mapper.result import BuildResult

CRS = "EPSG:4326"
#: length (km) of the arrow drawn for a movement that has a bearing but no destination
ARROW_KM = 5.0
_GEOD = Geod(ellps="WGS84")

# Column schemas: (name, type) with type one of str | int | float | date.
# "date" columns hold ISO strings (YYYY-MM-DD) in the GeoDataFrames and the
# GeoJSON files, and real DATE fields in the GeoPackage.
EVENT_SCHEMA: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("date", "date"), ("date_start", "date"), ("date_end", "date"),
    ("date_precision", "str"), ("time_text", "str"), ("kind", "str"), ("side", "str"),
    ("losing_side", "str"), ("actor", "str"), ("place", "str"), ("place_id", "str"),
    ("location_method", "str"), ("location_precision", "str"), ("anchor", "str"),
    ("anchor_id", "str"), ("offset_km", "float"), ("bearing_deg", "float"),
    ("uncertainty_km", "float"), ("stated_lat", "float"), ("stated_lon", "float"),
    ("article", "str"), ("outlet", "str"), ("published", "date"),
    ("quote", "str"), ("char_start", "int"), ("char_end", "int"), ("confidence", "float"),
    ("sources", "str"), ("corroboration", "int"), ("flags", "str"), ("notes", "str"),
)
MOVEMENT_SCHEMA: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("event_id", "str"), ("kind", "str"), ("side", "str"),
    ("date", "date"), ("date_start", "date"), ("date_end", "date"), ("date_precision", "str"),
    ("origin", "str"), ("origin_id", "str"), ("destination", "str"), ("destination_id", "str"),
    ("bearing_deg", "float"), ("length_km", "float"), ("geometry_from", "str"),
    ("article", "str"), ("outlet", "str"), ("published", "date"), ("quote", "str"),
    ("confidence", "float"),
)
AREA_SCHEMA: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("layer_type", "str"), ("event_id", "str"), ("date", "date"),
    ("date_start", "date"), ("date_end", "date"), ("published", "date"), ("side", "str"),
    ("kind", "str"), ("place", "str"), ("place_id", "str"), ("location_method", "str"),
    ("uncertainty_km", "float"), ("article", "str"), ("outlet", "str"), ("quote", "str"),
    ("label", "str"), ("evidence_age_days", "int"), ("n_places", "int"), ("confidence", "float"),
    ("event_ids", "str"),
)
PLACE_SCHEMA: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("name", "str"), ("kind", "str"), ("country", "str"), ("admin1", "str"),
    ("source", "str"), ("control_prior", "str"), ("lat", "float"), ("lon", "float"),
    ("n_events", "int"), ("n_quotes", "int"), ("first_date", "date"), ("last_date", "date"),
    ("quote", "str"), ("article", "str"), ("char_start", "int"), ("char_end", "int"),
    ("control", "str"), ("control_since", "date"), ("control_precision", "str"),
    ("control_history", "str"),
)
SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": EVENT_SCHEMA, "movements": MOVEMENT_SCHEMA,
    "areas": AREA_SCHEMA, "places": PLACE_SCHEMA,
}
DATE_FIELDS = {name: tuple(c for c, t in schema if t == "date") for name, schema in SCHEMAS.items()}


@dataclass(frozen=True)
class Layers:
    """The four output layers (GeoDataFrames in EPSG:4326) and the page dates.

    ``dates`` are the ISO days (YYYY-MM-DD) that get a map page: exact event
    dates, publication dates of articles with events, and ``BuildResult.dates``.
    """

    events: gpd.GeoDataFrame
    movements: gpd.GeoDataFrame
    areas: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    dates: tuple[str, ...] = ()
    warnings: tuple[dict[str, Any], ...] = field(default=())

    def items(self) -> Iterator[tuple[str, gpd.GeoDataFrame]]:
        """(name, GeoDataFrame) in the fixed order events, movements, areas, places."""
        for name in SCHEMAS:
            yield name, getattr(self, name)


def iso(d: Any) -> Optional[str]:
    """date / datetime / pandas Timestamp / ISO string -> 'YYYY-MM-DD' (or None)."""
    if d is None:
        return None
    if isinstance(d, str):
        return d[:10] or None
    if isinstance(d, datetime):
        return d.date().isoformat()
    if isinstance(d, date):
        return d.isoformat()
    if hasattr(d, "isoformat"):
        try:
            return d.isoformat()[:10]  # pandas Timestamp; NaT has no valid isoformat
        except ValueError:
            return None
    return str(d)[:10]


def _frame(rows: list[dict[str, Any]], geoms: list[BaseGeometry], schema) -> gpd.GeoDataFrame:
    cols = [c for c, _ in schema]
    # plain object columns: missing values stay None (not NaN), ints stay ints
    data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in cols}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def _num(x: Any, nd: int = 3) -> Optional[float]:
    return None if x is None else round(float(x), nd)


def _time_fields(t: TimeSpan) -> dict[str, Any]:
    return {
        "date": iso(t.start) if t.precision == "day" and t.start is not None else None,
        "date_start": iso(t.start),
        "date_end": iso(t.end if t.end is not None else t.start),
        "date_precision": t.precision or "unknown",
        "time_text": t.text or None,
    }


def _place_name(loc: Optional[Location]) -> tuple[Optional[str], Optional[str]]:
    if loc is None:
        return None, None
    p = loc.place or loc.anchor
    return (p.name, p.id) if p is not None else (loc.phrase or None, None)


def _event_notes(ev: Event, warnings_by_article: dict[str, list[dict[str, Any]]]) -> list[str]:
    notes = list(ev.location.notes) if ev.location is not None else []
    for w in warnings_by_article.get(ev.article_id, ()):
        if w.get("kind") != "offset_conflict":
            continue
        wid = w.get("event_id") or w.get("event")
        if wid is not None:
            hit = wid == ev.id
        elif isinstance(w.get("char_start"), int):
            hit = ev.char_start <= w["char_start"] < max(ev.char_end, ev.char_start + 1)
        else:
            names = {ev.place_name}
            if ev.location is not None and ev.location.anchor is not None:
                names.add(ev.location.anchor.name)
            hit = any(n and n in str(w.get("message", "")) for n in names)
        msg = str(w.get("message", "")).strip()
        if hit and msg and msg not in notes:
            notes.append(msg)
    return notes


def _event_row(ev: Event, warnings_by_article) -> tuple[dict[str, Any], Point]:
    loc = ev.location
    place, place_id = _place_name(loc)
    sources = tuple(dict.fromkeys(ev.sources or (ev.article_id,)))
    row: dict[str, Any] = {
        "id": ev.id, **_time_fields(ev.time), "kind": ev.kind, "side": ev.side or "unknown",
        "losing_side": ev.losing_side, "actor": ev.actor or None,
        "place": ev.place_name or place, "place_id": ev.place_id,
        "location_method": loc.method if loc else None,
        "location_precision": (("area" if not loc.is_point else loc.precision) if loc else None),
        "anchor": loc.anchor.name if loc and loc.anchor else None,
        "anchor_id": loc.anchor.id if loc and loc.anchor else None,
        "offset_km": _num(loc.offset_km) if loc else None,
        "bearing_deg": _num(loc.bearing_deg, 1) if loc else None,
        "uncertainty_km": _num(loc.uncertainty_km) if loc else None,
        # the stated position when it disagrees with the gazetteer (which the map uses)
        "stated_lat": round(loc.alt.lat, 7) if loc and loc.alt is not None else None,
        "stated_lon": round(loc.alt.lon, 7) if loc and loc.alt is not None else None,
        "article": ev.article_id, "outlet": ev.outlet, "published": iso(ev.published),
        "quote": ev.quote, "char_start": int(ev.char_start), "char_end": int(ev.char_end),
        "confidence": _num(ev.confidence),
        "sources": "; ".join(sources), "corroboration": len(sources),
        "flags": ", ".join(ev.flags) or None,
        "notes": " | ".join(_event_notes(ev, warnings_by_article)) or None,
    }
    if not loc.is_point and loc.anchor is not None:
        return row, Point(loc.anchor.lon, loc.anchor.lat)  # area-only: drawn at the anchor, flagged "area"
    return row, Point(loc.lon, loc.lat)


def _sort_key(row: dict[str, Any]) -> tuple:
    # exact dates first by day, then ranges by their start, undated last; id breaks ties
    return (row.get("date_start") is None, row.get("date_start") or "", row.get("date") is None,
            str(row["id"]))


def _movement_geometry(mv: Movement) -> tuple[Optional[LineString], str, Optional[float]]:
    o = mv.origin
    if mv.destination is not None:
        d = mv.destination
        line = LineString([o.lonlat, d.lonlat])
        if line.length == 0:
            return None, "destination", 0.0
        _, _, dist_m = _GEOD.inv(o.lon, o.lat, d.lon, d.lat)
        return line, "destination", round(dist_m / 1000.0, 3)
    if mv.bearing_deg is not None:
        lon, lat, _ = _GEOD.fwd(o.lon, o.lat, mv.bearing_deg, ARROW_KM * 1000.0)
        return LineString([o.lonlat, (lon, lat)]), "bearing", ARROW_KM
    return None, "none", None


def _front_rows(fronts: Any, start_index: int) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """Normalise BuildResult.fronts (a GeoDataFrame of control areas and front lines)."""
    out: list[tuple[dict[str, Any], BaseGeometry]] = []
    if fronts is None or len(fronts) == 0:
        return out
    gdf = fronts
    if getattr(gdf, "crs", None) is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(CRS)
    cols = set(gdf.columns)
    # column lists instead of iterrows (a Series per row is slow at corpus scale)
    values = {c: gdf[c].tolist() for c in gdf.columns}
    for i, geom in enumerate(gdf.geometry.tolist()):
        r = {c: v[i] for c, v in values.items()}
        if geom is None or geom.is_empty:
            continue
        lt = None
        for c in ("layer_type", "kind", "type"):
            if c in cols and r[c] in ("control", "front", "uncertainty"):
                lt = r[c]
                break
        if lt is None:
            lt = "front" if "Line" in geom.geom_type else "control"
        d = iso(r["date"]) if "date" in cols and _notna(r["date"]) else None
        side = r["side"] if "side" in cols and _notna(r["side"]) else "unknown"
        label = None
        for c in ("label", "name", "sides", "between"):
            if c in cols and _notna(r[c]):
                label = str(r[c])
                break
        rid = str(r["id"]) if "id" in cols and _notna(r["id"]) else f"{lt}:{d or 'undated'}:{side}:{i:04d}"
        def col(c: str) -> Any:
            return r[c] if c in cols and _notna(r[c]) else None

        unc = col("uncertainty_km")
        out.append(({"id": rid, "layer_type": lt, "date": d,
                     # mapper.history.front: the stretch during which the estimate holds (end None = open)
                     "date_start": iso(col("date_start")) if "date_start" in cols else d,
                     "date_end": iso(col("date_end")) if "date_end" in cols else d,
                     "side": side, "label": label, "location_method": col("method"),
                     "uncertainty_km": _num(unc) if unc is not None else None,
                     "place_id": str(col("place_id")) if col("place_id") is not None else None,
                     "evidence_age_days": int(col("evidence_age_days")) if col("evidence_age_days") is not None else None,
                     "n_places": int(col("n_places")) if col("n_places") is not None else None,
                     "confidence": _num(col("confidence")) if col("confidence") is not None else None,
                     "event_ids": str(col("event_ids")) if col("event_ids") is not None else None},
                    geom))
    return out


def _control_history(control: Any, place_id: str) -> list[dict[str, Any]]:
    """The control intervals of a place (mapper.history.control): side, status,
    date_start, date_end (exclusive; None = still holds) and the event ids."""
    if control is None or not hasattr(control, "history"):
        return []
    out = []
    for iv in control.history(place_id):
        out.append({"side": iv.side, "status": iv.status, "date_start": iso(iv.date_start),
                    "date_end": iso(iv.date_end), "precision": iv.precision,
                    "event_ids": list(iv.event_ids), "source": iv.source})
    return out


def _notna(x: Any) -> bool:
    if x is None:
        return False
    try:
        return not (x != x)  # NaN / NaT
    except (TypeError, ValueError):
        return True


def build_layers(build: BuildResult) -> Layers:
    """Turn a BuildResult into the four output layers (EPSG:4326, lon/lat).

    Events become Points (at the representative point; an area-only Location
    is drawn at its anchor-derived point but flagged ``location_precision``
    "area" and its polygon goes into ``areas``); movements become LineStrings
    origin -> destination, or an ``ARROW_KM`` arrow along ``bearing_deg``.
    Rows are sorted by date then id, so the same build gives the same files.
    Anything that cannot be drawn is recorded in ``build.warnings`` (kind
    "layer_skipped") rather than dropped silently.
    """
    warnings_by_article: dict[str, list[dict[str, Any]]] = {}
    for w in build.warnings:
        warnings_by_article.setdefault(str(w.get("article")), []).append(w)
    new_warnings: list[dict[str, Any]] = []

    # events + their uncertainty areas
    ev_rows: list[tuple[dict[str, Any], Point]] = []
    area_rows: list[tuple[dict[str, Any], BaseGeometry]] = []
    events_by_id: dict[str, dict[str, Any]] = {}
    for ev in build.events:
        if ev.location is None:
            new_warnings.append({"article": ev.article_id, "kind": "layer_skipped", "event": ev.id,
                                 "message": f"event {ev.id!r} ({ev.kind} at {ev.place_name!r}) has no location; "
                                            "it is in no map layer"})
            continue
        row, pt = _event_row(ev, warnings_by_article)
        ev_rows.append((row, pt))
        events_by_id[ev.id] = row
        area = ev.location.area
        if area is not None and not area.is_empty:
            area_rows.append(({"id": f"uncertainty:{ev.id}", "layer_type": "uncertainty", "event_id": ev.id,
                               "date": row["date"], "date_start": row["date_start"], "date_end": row["date_end"],
                               "published": row["published"], "side": row["side"], "kind": row["kind"],
                               "place": row["place"], "place_id": row["place_id"],
                               "location_method": row["location_method"],
                               "uncertainty_km": row["uncertainty_km"], "article": row["article"],
                               "outlet": row["outlet"], "quote": row["quote"],
                               "label": ev.location.phrase or None}, area))
    ev_rows.sort(key=lambda rp: _sort_key(rp[0]))

    # movements
    mv_rows: list[tuple[dict[str, Any], LineString]] = []
    for mv in build.movements:
        line, how, length = _movement_geometry(mv)
        if line is None:
            new_warnings.append({"article": mv.article_id, "kind": "layer_skipped", "event": mv.event_id,
                                 "message": f"movement {mv.id!r} has no destination and no bearing "
                                            "(or they coincide with its origin); no line drawn"})
            continue
        ev_row = events_by_id.get(mv.event_id, {})
        o_name, o_id = _place_name(mv.origin)
        d_name, d_id = _place_name(mv.destination)
        tf = _time_fields(mv.time)
        if tf["date_start"] is None and ev_row:
            tf = {k: ev_row.get(k) for k in ("date", "date_start", "date_end", "date_precision", "time_text")}
        mv_rows.append(({"id": mv.id, "event_id": mv.event_id, "kind": mv.kind, "side": mv.side or "unknown",
                         **{k: v for k, v in tf.items() if k != "time_text"},
                         "origin": o_name, "origin_id": o_id,
                         "destination": mv.destination_name or d_name, "destination_id": d_id,
                         "bearing_deg": _num(mv.bearing_deg, 1), "length_km": length, "geometry_from": how,
                         "article": mv.article_id or ev_row.get("article"), "outlet": ev_row.get("outlet"),
                         "published": ev_row.get("published"),
                         "quote": mv.quote or ev_row.get("quote"), "confidence": ev_row.get("confidence")},
                        line))
    mv_rows.sort(key=lambda rp: _sort_key(rp[0]))

    # control areas and front lines
    area_rows.sort(key=lambda rp: _sort_key(rp[0]))
    fr = _front_rows(build.fronts, len(area_rows))
    fr.sort(key=lambda rp: (rp[0]["layer_type"], rp[0]["date"] or "", rp[0]["id"]))
    area_rows.extend(fr)

    # places with event counts
    stats: dict[str, dict[str, Any]] = {}
    for row, _ in ev_rows:
        for pid in {row["place_id"], row["anchor_id"]} - {None}:
            s = stats.setdefault(pid, {"n": 0, "days": []})
            s["n"] += 1
            if row["date_start"]:
                s["days"].append(row["date_start"])
    pl_rows = []
    for pid in sorted(build.places):
        p = build.places[pid]
        s = stats.get(pid, {"n": 0, "days": []})
        quotes = sorted(build.place_quotes.get(pid, ()))
        q = quotes[0] if quotes else (None, None, None, None)
        history = _control_history(build.control, pid)
        last = history[-1] if history else None
        pl_rows.append(({"quote": q[1], "article": q[0], "char_start": q[2], "char_end": q[3],
                         "control": (f"{last['status']}:{last['side']}" if last["side"] else last["status"])
                         if last else None,
                         "control_since": last["date_start"] if last else None,
                         "control_precision": last["precision"] if last else None,
                         "control_history": json.dumps(history, ensure_ascii=False) if history else None,
                         "id": p.id, "name": p.name, "kind": p.kind, "country": p.country,
                         "admin1": p.admin1, "source": p.source, "control_prior": p.control,
                         "lat": round(p.lat, 7), "lon": round(p.lon, 7), "n_events": s["n"],
                         "n_quotes": len(build.place_quotes.get(pid, ())),
                         "first_date": min(s["days"]) if s["days"] else None,
                         "last_date": max(s["days"]) if s["days"] else None}, Point(p.lon, p.lat)))

    dates = set(d for d in build.dates if d)
    for row, _ in ev_rows:
        for key in ("date", "published"):
            if row[key]:
                dates.add(row[key])
    build.warnings.extend(new_warnings)
    return Layers(
        events=_frame([r for r, _ in ev_rows], [g for _, g in ev_rows], EVENT_SCHEMA),
        movements=_frame([r for r, _ in mv_rows], [g for _, g in mv_rows], MOVEMENT_SCHEMA),
        areas=_frame([r for r, _ in area_rows], [g for _, g in area_rows], AREA_SCHEMA),
        places=_frame([r for r, _ in pl_rows], [g for _, g in pl_rows], PLACE_SCHEMA),
        dates=tuple(sorted(dates)),
        warnings=tuple(new_warnings),
    )
