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
from datetime import date, datetime, timedelta
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
    ("time_start", "datetime"), ("time_end", "datetime"),
)
MOVEMENT_SCHEMA: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("event_id", "str"), ("kind", "str"), ("side", "str"),
    ("date", "date"), ("date_start", "date"), ("date_end", "date"), ("date_precision", "str"),
    ("origin", "str"), ("origin_id", "str"), ("destination", "str"), ("destination_id", "str"),
    ("bearing_deg", "float"), ("length_km", "float"), ("geometry_from", "str"),
    ("article", "str"), ("outlet", "str"), ("published", "date"), ("quote", "str"),
    ("confidence", "float"), ("time_start", "datetime"), ("time_end", "datetime"),
)
AREA_SCHEMA: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("layer_type", "str"), ("event_id", "str"), ("date", "date"),
    ("date_start", "date"), ("date_end", "date"), ("published", "date"), ("side", "str"),
    ("kind", "str"), ("place", "str"), ("place_id", "str"), ("location_method", "str"),
    ("uncertainty_km", "float"), ("article", "str"), ("outlet", "str"), ("quote", "str"),
    ("label", "str"), ("evidence_age_days", "int"), ("n_places", "int"), ("confidence", "float"),
    ("event_ids", "str"), ("time_start", "datetime"), ("time_end", "datetime"),
)
PLACE_SCHEMA: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("name", "str"), ("kind", "str"), ("country", "str"), ("admin1", "str"),
    ("source", "str"), ("control_prior", "str"), ("lat", "float"), ("lon", "float"),
    ("n_events", "int"), ("n_quotes", "int"), ("first_date", "date"), ("last_date", "date"),
    ("quote", "str"), ("article", "str"), ("char_start", "int"), ("char_end", "int"),
    ("control", "str"), ("control_since", "date"), ("control_precision", "str"),
    ("control_history", "str"),
    # surface forms as the articles wrote them and the article ids (JSON lists; issue 10)
    ("mentions", "str"), ("articles", "str"),
)
SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": EVENT_SCHEMA, "movements": MOVEMENT_SCHEMA,
    "areas": AREA_SCHEMA, "places": PLACE_SCHEMA,
}
DATE_FIELDS = {name: tuple(c for c, t in schema if t == "date") for name, schema in SCHEMAS.items()}
#: "datetime" columns: ISO strings ``YYYY-MM-DDTHH:MM:SS`` (no time zone) in the frames and the
#: GeoJSON files (QGIS's OGR driver types them DateTime), DATETIME fields in the GeoPackage.
#: ``time_start``/``time_end`` are the half-open interval [start, end) QGIS's Temporal
#: Controller uses (see :func:`frame_times`).
DATETIME_FIELDS = {name: tuple(c for c, t in schema if t == "datetime") for name, schema in SCHEMAS.items()}


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
    """Date columns of a TimeSpan. A span with only an end ("by 23 November",
    ``TimeSpan(None, end)``) is placed on the maps by its end: date_start =
    date_end = end (and date = end when the precision is day), its
    ``date_precision`` and ``time_text`` kept, so it is on the end day's frame
    and page instead of the undated layers.

    >>> f = _time_fields(TimeSpan(None, date(2015, 11, 23), "day", "By November 23"))
    >>> f["date"], f["date_start"], f["date_end"], f["date_precision"]
    ('2015-11-23', '2015-11-23', '2015-11-23', 'day')
    >>> _time_fields(TimeSpan(None, date(2016, 3, 31), "month"))["date"] is None
    True
    """
    start = t.start if t.start is not None else t.end   # end only: placed by its end
    return {
        "date": iso(start) if t.precision == "day" and start is not None else None,
        "date_start": iso(start),
        "date_end": iso(t.end if t.end is not None else start),
        "date_precision": t.precision or "unknown",
        "time_text": t.text or None,
    }


def _place_name(loc: Optional[Location]) -> tuple[Optional[str], Optional[str]]:
    if loc is None:
        return None, None
    p = loc.place or loc.anchor
    return (p.name, p.id) if p is not None else (loc.phrase or None, None)


def _event_notes(ev: Event, warnings_by_article: dict[str, list[dict[str, Any]]]) -> list[str]:
    """The location notes of ``ev`` plus the messages of the offset-conflict
    warnings attached to it by event id (``event_id`` / ``event_ids``, set by
    mapper.extract.article for the events of the warning's sentence)."""
    notes = list(ev.location.notes) if ev.location is not None else []
    for w in warnings_by_article.get(ev.article_id, ()):
        if w.get("kind") != "offset_conflict":
            continue
        ids = w.get("event_ids") or (w.get("event_id") or w.get("event"),)
        msg = str(w.get("message", "")).strip()
        if ev.id in ids and msg and msg not in notes:
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


# ----------------------------------------------------------------------------
# time_start / time_end for QGIS's Temporal Controller
# ----------------------------------------------------------------------------

def _midnight(d: Optional[str]) -> Optional[str]:
    return f"{d[:10]}T00:00:00" if d else None


def _next_day(d: str) -> str:
    return (date.fromisoformat(d[:10]) + timedelta(days=1)).isoformat()


def frame_times(date_start: Optional[str], date_end: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """``(time_start, time_end)`` of the closed day interval ``date_start..date_end``
    (ISO days, both inclusive) as the half-open interval QGIS uses:
    ``[date_start 00:00, date_end + 1 day 00:00)``.

    QGIS's Temporal Controller frame for day D is ``[D 00:00, D+1 00:00)``
    and, with the default limit mode "Include start, exclude end", a feature
    is drawn when ``time_start < D+1 00:00 and time_end > D 00:00``: exactly
    when ``date_start <= D <= date_end``. Either bound missing gives
    ``(None, None)``: such a feature has no interval and goes to the
    ``*_undated`` export layers, never onto a frame (build_layers gives an
    event known only by its end ``date_start`` = its end: :func:`_time_fields`).

    >>> frame_times("2016-12-11", "2016-12-11")
    ('2016-12-11T00:00:00', '2016-12-12T00:00:00')
    >>> frame_times(None, "2015-11-23")
    (None, None)
    """
    if not date_start or not date_end:
        return None, None
    return _midnight(date_start), _midnight(_next_day(date_end))


def _tile_validity(rows: list[tuple[dict[str, Any], BaseGeometry]], horizon: Optional[str] = None) -> None:
    """Give control / front rows (one set per build date) non-overlapping validity.

    The rows of build date d_i hold from ``a_i = max(date_start, b_(i-1))``
    to ``b_i = min(date_end, d_(i+1))`` (exclusive; None = still holds), where
    date_start / date_end are the estimate's own stretch (mapper.history.front:
    last change date <= d_i, next change date). So each day is covered by at
    most one build date's estimate (the latest on or before it, or the next
    one when nothing changed in between): QGIS never stacks two estimates on a
    frame. Sets date_start, date_end (exclusive) and time_start / time_end
    in place. An estimate that still holds (date_end None) gets ``time_end``
    = the day after ``horizon`` (the build's last date, ISO): QGIS's OGR
    filters mishandle null DateTime values, and the build knows nothing
    beyond its material.
    """
    dated = [r for r, _ in rows if r.get("date")]
    days = sorted({r["date"] for r in dated})
    start: dict[str, str] = {}
    end: dict[str, Optional[str]] = {}
    for r in dated:
        d = r["date"]
        s = min(r.get("date_start") or d, d)   # an estimate cannot start after its own date
        start[d] = min(start.get(d, s), s)
        e = r.get("date_end")
        if e is not None and e > d:
            end[d] = min(end[d], e) if end.get(d) else e
        else:
            end.setdefault(d, None)
    a: dict[str, str] = {}
    b: dict[str, Optional[str]] = {}
    prev_b: Optional[str] = None
    for i, d in enumerate(days):
        nxt = days[i + 1] if i + 1 < len(days) else None
        b[d] = min([x for x in (end[d], nxt) if x], default=None)
        a[d] = max([x for x in (start[d], prev_b) if x])
        prev_b = b[d]
    for r, _ in rows:
        d = r.get("date")
        if d:
            r["date_start"], r["date_end"] = a[d], b[d]
        r["time_start"] = _midnight(r.get("date_start"))
        end = r.get("date_end")   # already exclusive (None = still holds)
        if end is None and r["time_start"]:
            last = max([x for x in (horizon, r.get("date_start"), d) if x])
            end = _next_day(last)
        r["time_end"] = _midnight(end)


def _geom_key(geom: BaseGeometry) -> bytes:
    """Equality key of a geometry: its exact WKB (mapper.history.front reuses the very
    geometry for dates whose known places did not change; a real change differs)."""
    import shapely

    return shapely.to_wkb(geom)


def merge_validity(areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Control areas and fronts as one row per validity interval.

    Consecutive rows (``date_end`` of one == ``date_start`` of the next) of
    the same ``layer_type``, ``side`` and geometry are merged into one row
    that keeps the first row's attributes (id, date = the first build date,
    evidence age, confidence) and takes the last row's ``date_end`` /
    ``time_end``. Uncertainty rows pass unchanged. Order: uncertainty rows,
    then control / front rows by (layer_type, date, id).

    >>> from mapper.result import BuildResult
    >>> len(merge_validity(build_layers(BuildResult()).areas))
    0
    """
    if len(areas) == 0:
        return areas
    lt = areas["layer_type"].tolist()
    keep = [i for i, t in enumerate(lt) if t not in ("control", "front")]
    groups: dict[tuple, list[int]] = {}
    geoms = areas.geometry.tolist()
    # plain lists, not per-row .iat (tens of thousands of rows at corpus scale); one
    # WKB per distinct geometry object (dates with unchanged control share it)
    sides, ids, days = areas["side"].tolist(), [str(x) for x in areas["id"].tolist()], areas["date"].tolist()
    wkb: dict[int, tuple[Any, bytes]] = {}
    for i, t in enumerate(lt):
        g = geoms[i]
        if t in ("control", "front") and g is not None:
            hit = wkb.get(id(g))
            if hit is None:
                hit = wkb[id(g)] = (g, _geom_key(g))
            groups.setdefault((t, sides[i], hit[1]), []).append(i)
    ds, de, te = areas["date_start"].tolist(), areas["date_end"].tolist(), areas["time_end"].tolist()
    merged: list[int] = []
    new_end: dict[int, tuple[Any, Any]] = {}
    for idx in groups.values():
        idx.sort(key=lambda i: (ds[i] or "", ids[i]))
        head = idx[0]
        merged.append(head)
        for i in idx[1:]:
            cur_end = new_end.get(head, (de[head], te[head]))[0]
            if cur_end is not None and ds[i] == cur_end:
                new_end[head] = (de[i], te[i])
            else:
                head = i
                merged.append(head)
    order = keep + sorted(merged, key=lambda i: (lt[i], days[i] or "", ids[i]))
    out = areas.iloc[order].copy()
    out.index = range(len(out))
    if new_end:   # whole columns replaced at once (object dtype: None stays None)
        ends = [new_end[i][0] if i in new_end else de[i] for i in order]
        tends = [new_end[i][1] if i in new_end else te[i] for i in order]
        for col, vals in (("date_end", ends), ("time_end", tends)):
            out[col] = pd.Series(vals, index=out.index, dtype=object if out[col].dtype == object else None)
    return out


def _event_rows(build: BuildResult, warnings_by_article: dict[str, list[dict[str, Any]]],
                new_warnings: list[dict[str, Any]]):
    """(event rows, uncertainty-area rows, {event id: row}); events with no location go to
    ``new_warnings``. Rows carry their Temporal Controller interval."""
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
    for row, _ in ev_rows + area_rows:   # QGIS Temporal Controller interval [time_start, time_end)
        row["time_start"], row["time_end"] = frame_times(row.get("date_start"), row.get("date_end"))

    return ev_rows, area_rows, events_by_id


def _movement_rows(build: BuildResult, events_by_id: dict[str, dict[str, Any]],
                   new_warnings: list[dict[str, Any]]) -> list[tuple[dict[str, Any], LineString]]:
    """Movement rows (LineStrings), dated by their own time or their event's."""
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
    for row, _ in mv_rows:
        row["time_start"], row["time_end"] = frame_times(row.get("date_start"), row.get("date_end"))

    return mv_rows


def _place_rows(build: BuildResult, ev_rows: list) -> list[tuple[dict[str, Any], Point]]:
    """Place rows with event counts, quotes, control history and surface forms."""
    stats: dict[str, dict[str, Any]] = {}
    for row, _ in ev_rows:
        for pid in {row["place_id"], row["anchor_id"]} - {None}:
            s = stats.setdefault(pid, {"n": 0, "days": []})
            s["n"] += 1
            if row["date_start"]:
                s["days"].append(row["date_start"])
    pl_rows = []
    # surface forms per place id, as written ("al-Mahr oilfield", "Doua District"); issue 10
    # (gathered by pipeline.collect into build.place_surfaces; results that still carry
    # their mentions are read here too)
    surfaces: dict[str, set[str]] = {pid: set(v) for pid, v in getattr(build, "place_surfaces", {}).items()}
    for res in build.results:
        for m in res.mentions:
            mp = m.place or (m.location.place if m.location is not None else None)
            if mp is not None and m.kind in ("toponym", "offset_phrase"):
                surfaces.setdefault(mp.id, set()).add(m.surface)
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
                         "last_date": max(s["days"]) if s["days"] else None,
                         "mentions": json.dumps(sorted(surfaces.get(pid, ())), ensure_ascii=False),
                         "articles": json.dumps(sorted({a for a, *_ in build.place_quotes.get(pid, ())}),
                                                ensure_ascii=False)}, Point(p.lon, p.lat)))

    return pl_rows


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
    ev_rows, area_rows, events_by_id = _event_rows(build, warnings_by_article, new_warnings)
    mv_rows = _movement_rows(build, events_by_id, new_warnings)
    # control areas and front lines
    area_rows.sort(key=lambda rp: _sort_key(rp[0]))
    fr = _front_rows(build.fronts, len(area_rows))
    horizon = max([d for d in build.dates if d] + [r["date_end"] for r, _ in ev_rows if r.get("date_end")]
                  + [r["published"] for r, _ in ev_rows if r.get("published")], default=None)
    _tile_validity(fr, horizon)   # one estimate per day: validity [date_start, date_end) per build date
    fr.sort(key=lambda rp: (rp[0]["layer_type"], rp[0]["date"] or "", rp[0]["id"]))
    area_rows.extend(fr)

    pl_rows = _place_rows(build, ev_rows)

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
