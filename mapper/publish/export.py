"""Write the layers as RFC 7946 GeoJSON, one GeoPackage 1.2, and QGIS styles.

GeoJSON (``write_geojson``): one FeatureCollection per layer, lon/lat
degrees, no ``crs`` member, coordinates rounded to 7 decimals (~1 cm),
polygon exteriors counter-clockwise (right-hand rule), properties in the
fixed column order of :mod:`mapper.publish.layers`, dates as ISO strings
(QGIS's OGR GeoJSON driver types ``YYYY-MM-DD`` strings as Date). Same
layers in, byte-identical files out. A QML style with the same basename is
written next to each file (``events.qml`` ...).

Both writers split events, movements and areas for QGIS's Temporal
Controller (:func:`export_frames`): rows with a ``time_start`` stay, rows
without a closed date interval go to ``<name>_undated`` (never on a frame);
control areas and fronts are written one row per validity interval
(:func:`mapper.publish.layers.merge_validity`). The styles of the dated
layers carry a ``<temporal>`` element (time_start / time_end).

GeoPackage (``write_gpkg``): GeoPackage 1.2 (what GDAL 3.6 / QGIS 3.22 read
without warnings), layers events, movements, areas (polygons), front_lines
(the LineStrings of the areas layer: a GeoPackage layer has one geometry
type), places; date columns are real DATE fields; each layer's QML is stored
in the standard QGIS ``layer_styles`` table with useAsDefault=1 so QGIS
applies it on load.

>>> from mapper.result import BuildResult                    # doctest: +SKIP
>>> layers = build_layers(BuildResult())                     # doctest: +SKIP
>>> write_geojson(layers, "output/data")                     # doctest: +SKIP
"""
from __future__ import annotations

import json
import math
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Union

import numpy as np
import shapely
from shapely.geometry import MultiLineString, MultiPolygon, mapping
from shapely.geometry.base import BaseGeometry

from mapper.errors import ExportError
from mapper.publish.layers import SCHEMAS, Layers, merge_validity
from mapper.publish.styles import qml_for

PathLike = Union[str, Path]
#: decimals kept in GeoJSON coordinates (7 ~ 1 cm at the equator)
COORD_DECIMALS = 7
#: fixed timestamp GDAL writes into gpkg_contents / layer_styles (deterministic files)
FIXED_TIMESTAMP = "2000-01-01T00:00:00.000Z"
GEOJSON_FILES = ("events", "events_undated", "movements", "movements_undated", "areas", "areas_undated",
                 "places")
#: layers with a QGIS Temporal Controller interval (time_start, time_end); rows without one
#: go to "<name>_undated"
TEMPORAL_LAYERS = ("events", "movements", "areas")
UNDATED_SUFFIX = "_undated"

#: the <temporal> element (QGIS 3.22 QML) that turns on "Separate fields for start and end
#: date/time" = time_start / time_end, limit mode "Include start, exclude end" (0), no
#: accumulation: QGIS applies it when the layer is added, so the Temporal Controller works at once
TEMPORAL_QML = ('<temporal enabled="1" mode="2" startField="time_start" endField="time_end" '
                'limitMode="0" accumulate="0" fixedDuration="0" durationField="" durationUnit="min" '
                'startExpression="" endExpression="">'
                '<fixedRange><start></start><end></end></fixedRange></temporal>')


def export_frames(layers: Layers) -> list[tuple[str, Any, str]]:
    """The layers as the files hold them: ``(name, GeoDataFrame, schema key)``.

    events, movements and areas are split: rows with a ``time_start`` (a
    closed date interval; control areas and fronts always) stay in the
    layer, the others (undated, or only one bound known: "by 23 November")
    go to ``<name>_undated`` so QGIS never draws them on every frame.
    Control areas and fronts are one row per validity interval
    (:func:`mapper.publish.layers.merge_validity`).
    """
    out: list[tuple[str, Any, str]] = []
    for name, gdf in layers.items():
        gdf = _to_wgs84(gdf)
        if name == "areas":
            gdf = merge_validity(gdf)
        if name in TEMPORAL_LAYERS:
            dated = gdf["time_start"].map(_present).to_numpy(dtype=bool) if len(gdf) else np.zeros(0, bool)
            out.append((name, gdf[dated], name))
            out.append((name + UNDATED_SUFFIX, gdf[~dated], name))
        else:
            out.append((name, gdf, name))
    return out


def qml_with_temporal(qml: str) -> str:
    """A QML style plus :data:`TEMPORAL_QML` (and "Temporal" in its styleCategories)."""
    if "</qgis>" not in qml or "<temporal" in qml:
        return qml
    qml = qml.replace('styleCategories="', 'styleCategories="Temporal|', 1)
    head, _, tail = qml.rpartition("</qgis>")
    return head + TEMPORAL_QML + "\n</qgis>" + tail


def _style(name: str) -> str:
    base = name[:-len(UNDATED_SUFFIX)] if name.endswith(UNDATED_SUFFIX) else name
    qml = qml_for(base)
    return qml_with_temporal(qml) if name in TEMPORAL_LAYERS or name == "front_lines" else qml


# ----------------------------------------------------------------------------
# GeoJSON
# ----------------------------------------------------------------------------

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


def _rhr(geom: BaseGeometry) -> BaseGeometry:
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
    g = mapping(_rhr(geom))
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


def _geojson_text(gdf, schema: Iterable[tuple[str, str]]) -> str:
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


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def write_geojson(layers: Layers, out_dir: PathLike) -> list[Path]:
    """Write events/movements/areas/places.geojson (+ a .qml style beside each)
    into ``out_dir``; returns the GeoJSON paths.

    Raises ExportError when the folder cannot be written.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, gdf, key in export_frames(layers):
            p = out / f"{name}.geojson"
            _write_text(p, _geojson_text(gdf, SCHEMAS[key]))
            _write_text(out / f"{name}.qml", _style(name))
            paths.append(p)
    except OSError as exc:
        raise ExportError(f"cannot write GeoJSON into {str(out)!r}: {exc}; check the --out folder "
                          "is writable") from exc
    return paths


def _to_wgs84(gdf):
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        return gdf.to_crs("EPSG:4326")
    return gdf


# ----------------------------------------------------------------------------
# GeoPackage
# ----------------------------------------------------------------------------

def _field_array(values: list[Any], ftype: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Column values -> (numpy array, null mask or None) in the dtype pyogrio maps to the OGR type.

    date -> datetime64[D] (OGR Date; a datetime64[ms] column would become DateTime,
    an ISO string column stays String), int -> int64 + mask, float -> float64 (NaN = null).
    """
    n = len(values)
    if ftype == "datetime":   # naive ISO date-times -> OGR DateTime (DATETIME in the GeoPackage)
        arr = np.array([np.datetime64(str(v)[:19], "ms") if _present(v) else np.datetime64("NaT", "ms")
                        for v in values], dtype="datetime64[ms]")
        return arr, None
    if ftype == "date":
        arr = np.array([np.datetime64(str(v)[:10], "D") if _present(v) else np.datetime64("NaT", "D")
                        for v in values], dtype="datetime64[D]")
        return arr, None
    if ftype == "int":
        mask = np.array([not _present(v) for v in values], dtype=bool)
        arr = np.array([int(v) if _present(v) else 0 for v in values], dtype=np.int64)
        return arr, (mask if mask.any() else None)
    if ftype == "float":
        return np.array([float(v) if _present(v) else np.nan for v in values], dtype=np.float64), None
    arr = np.empty(n, dtype=object)
    arr[:] = [str(v) if _present(v) else None for v in values]
    return arr, None


def _present(v: Any) -> bool:
    if v is None:
        return False
    try:
        return not (v != v)
    except (TypeError, ValueError):
        return True


def _gpkg_layers(layers: Layers) -> list[tuple[str, Any, str, str]]:
    """(gpkg layer name, GeoDataFrame, schema key, OGR geometry type); see :func:`export_frames`."""
    gtypes = {"events": "Point", "movements": "LineString", "places": "Point"}
    out = []
    for name, gdf, key in export_frames(layers):
        if key == "areas":
            is_line = gdf.geometry.geom_type.isin(["LineString", "MultiLineString"]).to_numpy(dtype=bool)
            out.append((name, gdf[~is_line], key, "MultiPolygon"))
            if name == "areas":
                out.append(("front_lines", gdf[is_line], key, "MultiLineString"))
        else:
            out.append((name, gdf, key, gtypes[key]))
    return out


def _promote(geom: BaseGeometry, gtype: str) -> BaseGeometry:
    if gtype == "MultiPolygon" and geom.geom_type == "Polygon":
        geom = MultiPolygon([geom])
    elif gtype == "MultiLineString" and geom.geom_type == "LineString":
        geom = MultiLineString([geom])
    return _rhr(geom)


def _wkb_array(geoms: list[BaseGeometry], gtype: str) -> np.ndarray:
    """``[to_wkb(_promote(g, gtype)) for g in geoms]`` as one vectorised pass (object array)."""
    single = {"MultiPolygon": "Polygon", "MultiLineString": "LineString"}.get(gtype)
    if single is not None:
        geoms = [_promote(g, gtype) if g is not None and g.geom_type == single else g for g in geoms]
    arr = np.empty(len(geoms), dtype=object)
    arr[:] = geoms
    if len(arr) == 0:
        return arr
    out = np.empty(len(arr), dtype=object)
    out[:] = list(shapely.to_wkb(shapely.orient_polygons(arr)))
    return out


LAYER_STYLES_DDL = """
CREATE TABLE IF NOT EXISTS layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256),
  f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT,
  useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
)"""


def write_layer_styles(gpkg: PathLike, styles: dict[str, str], geometry_column: str = "geom") -> None:
    """Store QML ``styles`` ({layer name: qml}) in the GeoPackage's QGIS
    ``layer_styles`` table as each layer's default style (replacing older ones)."""
    con = sqlite3.connect(str(gpkg))
    try:
        with con:
            con.execute(LAYER_STYLES_DDL)
            con.execute(
                "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, "
                "last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', "
                "'QGIS layer styles', ?)", (FIXED_TIMESTAMP,))
            for name in sorted(styles):
                con.execute("DELETE FROM layer_styles WHERE f_table_name = ?", (name,))
                con.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, "
                    "update_time) VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', '', ?)",
                    (name, geometry_column, f"frontline {name}", styles[name],
                     f"frontline default style for {name} (colour by side)", FIXED_TIMESTAMP))
    finally:
        con.close()


def write_gpkg(layers: Layers, path: PathLike) -> Path:
    """Write all layers into one GeoPackage 1.2 at ``path`` (replaced if it exists),
    with DATE fields and QGIS default styles; returns the path.

    Raises ExportError with the GDAL message when writing fails.
    """
    import pyogrio
    from pyogrio.raw import write as ogr_write

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.stem + ".tmp.gpkg")
    for p in (tmp, Path(str(tmp) + "-journal")):
        if p.exists():
            p.unlink()
    old = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP})
    try:
        first = True
        gpkg_layers = _gpkg_layers(layers)
        for name, gdf, key, gtype in gpkg_layers:
            schema = SCHEMAS[key]
            fields = [c for c, _ in schema]
            data, masks = [], []
            for c, t in schema:
                arr, mask = _field_array(list(gdf[c]) if c in gdf.columns else [None] * len(gdf), t)
                data.append(arr)
                masks.append(mask)
            geoms = _wkb_array(gdf.geometry.tolist(), gtype)
            kwargs: dict[str, Any] = {}
            if any(m is not None for m in masks):
                kwargs["field_mask"] = [m if m is not None else np.zeros(len(gdf), dtype=bool) for m in masks]
            ogr_write(str(tmp), geoms, data, fields, layer=name, driver="GPKG", geometry_type=gtype,
                      crs="EPSG:4326", encoding="UTF-8",
                      dataset_options={"VERSION": "1.2"} if first else None,
                      layer_options={"SPATIAL_INDEX": "YES", "GEOMETRY_NAME": "geom", "FID": "fid"},
                      **kwargs)
            first = False
        write_layer_styles(tmp, {name: _style(name) for name, *_ in gpkg_layers})
        os.replace(tmp, path)
    except (OSError, sqlite3.Error, pyogrio.errors.DataSourceError, pyogrio.errors.FieldError,
            pyogrio.errors.GeometryError, RuntimeError, ValueError) as exc:
        raise ExportError(f"cannot write the GeoPackage {str(path)!r}: {exc}") from exc
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": old})
    return path
