"""RFC 7946 GeoJSON text for GeoDataFrames: lon/lat degrees, coordinates
rounded to 7 decimals (~1 cm), polygon exteriors counter-clockwise
(right-hand rule), properties in schema order, one feature per line.

>>> from shapely.geometry import Point
>>> geometry_json(Point(38.27999999, 34.55))
{'type': 'Point', 'coordinates': [38.28, 34.55]}
"""
from __future__ import annotations

import json
import math
from typing import Any, Iterable

import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

#: decimals kept in GeoJSON coordinates (7 ~ 1 cm at the equator)
COORD_DECIMALS = 7


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [_clean_num(round(float(c), COORD_DECIMALS)) for c in obj]
        return [_round_coords(o) for o in obj]
    return obj


def _clean_num(x: float) -> float | int:
    return 0.0 if x == 0 else x  # no "-0.0"


_SCALE = 10.0 ** COORD_DECIMALS
#: |value * 10**COORD_DECIMALS| below this is exact enough for the vectorised rounding
_FAST_LIMIT = 2.0 ** 50


def round_array(values: np.ndarray) -> np.ndarray:
    """Python's ``round(x, COORD_DECIMALS)`` of every element (float64), vectorised, exact.

    ``rint(x * 1e7) / 1e7`` equals Python's correctly rounded result unless
    ``x * 1e7`` lies within rounding noise of a tie (.5); those few values (and
    any array with huge magnitudes) are rounded by Python itself. Zeros come out
    as 0.0 (never -0.0), like the GeoJSON writer always did.

    >>> round_array(np.array([38.123456789, -0.00000001, 1.00000005])).tolist()
    [38.1234568, 0.0, 1.0]
    """
    a = np.asarray(values, dtype=np.float64)
    scaled = a * _SCALE
    with np.errstate(invalid="ignore"):
        if not (np.abs(scaled) < _FAST_LIMIT).all():
            out = np.array([round(float(c), COORD_DECIMALS) for c in a.ravel()], dtype=np.float64).reshape(a.shape)
        else:
            out = np.rint(scaled) / _SCALE
            near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
            if near.any():
                flat_out, flat_a = out.reshape(-1), a.reshape(-1)
                for i in np.flatnonzero(near.reshape(-1)):
                    flat_out[i] = round(float(flat_a[i]), COORD_DECIMALS)
    out[out == 0] = 0.0
    return out


def rhr(geom: BaseGeometry) -> BaseGeometry:
    """Polygons with counter-clockwise exteriors and clockwise holes (RFC 7946 §3.1.6)."""
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        return shapely.orient_polygons(geom)
    return geom


def _split(flat: list, counts: Iterable[int]) -> list:
    out, i = [], 0
    for n in counts:
        out.append(flat[i:i + n])
        i += n
    return out


_POLYGONAL = ("Polygon", "MultiPolygon")
_LINEAR = ("LineString", "LinearRing", "MultiLineString")


def _geometry_json_slow(geom: BaseGeometry) -> dict[str, Any]:
    g = mapping(rhr(geom))
    if "coordinates" in g:
        return {"type": g["type"], "coordinates": _round_coords(g["coordinates"])}
    return {"type": g["type"], "geometries": [geometry_json(shapely.geometry.shape(x)) for x in g["geometries"]]}


def geometry_json(geom: BaseGeometry | None) -> dict[str, Any] | None:
    """A shapely geometry -> RFC 7946 geometry dict (lon/lat, rounded, right-hand rule).

    Coordinates are rounded to :data:`COORD_DECIMALS` decimals (Python's
    rounding, done in numpy: :func:`round_array`).

    >>> from shapely.geometry import Point
    >>> geometry_json(Point(38.27999999, 34.55))
    {'type': 'Point', 'coordinates': [38.28, 34.55]}
    """
    if geom is None or geom.is_empty:
        return None
    gtype = geom.geom_type
    if shapely.has_z(geom) or gtype not in ("Point", "MultiPoint") + _LINEAR + _POLYGONAL:
        return _geometry_json_slow(geom)
    if gtype == "Point":
        return {"type": gtype, "coordinates": round_array(shapely.get_coordinates(geom)[0]).tolist()}
    if gtype in ("LineString", "LinearRing", "MultiPoint"):
        coords = round_array(shapely.get_coordinates(geom)).tolist()
        return {"type": gtype, "coordinates": coords}
    if gtype == "MultiLineString":
        parts = shapely.get_parts(geom)
        flat = round_array(shapely.get_coordinates(parts)).tolist()
        return {"type": gtype, "coordinates": _split(flat, shapely.get_num_coordinates(parts).tolist())}
    geom = shapely.orient_polygons(geom)
    polys = shapely.get_parts(geom) if gtype == "MultiPolygon" else np.array([geom], dtype=object)
    rings, owner = shapely.get_rings(polys, return_index=True)
    flat = round_array(shapely.get_coordinates(rings)).tolist()
    per_ring = _split(flat, shapely.get_num_coordinates(rings).tolist())
    per_poly = _split(per_ring, np.bincount(owner, minlength=len(polys)).tolist())
    return {"type": gtype, "coordinates": per_poly[0] if gtype == "Polygon" else per_poly}


def _json_value(v: Any) -> Any:
    t = type(v)
    if t is str or v is None:
        return v
    if t is float:
        return None if math.isnan(v) or math.isinf(v) else v
    if t is int:
        return v
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return None if math.isnan(f) or math.isinf(f) else f
    if hasattr(v, "isoformat"):
        try:
            return v.isoformat()
        except ValueError:
            return None  # NaT
    return str(v)


def feature_collection(gdf, schema: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A GeoDataFrame -> RFC 7946 FeatureCollection dict (properties in schema order).

    Columns not in the schema are appended after it, sorted by name.
    """
    cols = [c for c, _ in schema if c in gdf.columns]
    cols += sorted(c for c in gdf.columns if c not in cols and c != gdf.geometry.name)
    feats = []
    for row, geom in zip(gdf[cols].itertuples(index=False, name=None), gdf.geometry):
        props = {c: _json_value(v) for c, v in zip(cols, row)}
        feats.append({"type": "Feature", "properties": props, "geometry": geometry_json(geom)})
    return {"type": "FeatureCollection", "features": feats}


def dumps_feature_collection(fc: dict[str, Any]) -> str:
    """Stable text: one feature per line, keys in insertion order, UTF-8, newline at the end."""
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
                      for f in fc["features"])
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if body else "") + "]}\n"


def geojson_text(gdf, schema: Iterable[tuple[str, str]]) -> str:
    """``dumps_feature_collection(feature_collection(gdf, schema))``, faster: each
    distinct geometry (same WKB) is converted and serialised once (control areas
    repeat over the dates they stay unchanged)."""
    cols = [c for c, _ in schema if c in gdf.columns]
    cols += sorted(c for c in gdf.columns if c not in cols and c != gdf.geometry.name)
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    keys = shapely.to_wkb(geoms) if len(geoms) else []
    done: dict[Any, str] = {}
    lines = []
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
    for row, geom, key in zip(gdf[cols].itertuples(index=False, name=None), geoms, keys):
        gtext = done.get(key)
        if gtext is None:
            gtext = done[key] = dumps(geometry_json(geom))
        props = {c: _json_value(v) for c, v in zip(cols, row)}
        lines.append('{"type":"Feature","properties":' + dumps(props) + ',"geometry":' + gtext + "}")
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if body else "") + "]}\n"
