"""One GeoPackage 1.2 with every layer, DATE fields and QGIS default styles.

GeoPackage 1.2 (what GDAL 3.6 / QGIS 3.22 read without warnings), layers
events, movements, areas (polygons), front_lines (the LineStrings of the
areas layer: a GeoPackage layer has one geometry type), places and their
``_undated`` twins; date columns are real DATE fields; each layer's QML is
stored in the standard QGIS ``layer_styles`` table with useAsDefault=1 so QGIS
applies it on load. Same layers in, byte-identical file out.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, Union

import numpy as np
import shapely
from shapely.geometry import MultiLineString, MultiPolygon
from shapely.geometry.base import BaseGeometry

from mapper.errors import ExportError
from mapper.publish.frames import export_frames, layer_style, present
from mapper.publish.geojson import rhr
from mapper.publish.layers import SCHEMAS, Layers

PathLike = Union[str, Path]
#: fixed timestamp GDAL writes into gpkg_contents / layer_styles (deterministic files)
FIXED_TIMESTAMP = "2000-01-01T00:00:00.000Z"


def _field_array(values: list[Any], ftype: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Column values -> (numpy array, null mask or None) in the dtype pyogrio maps to the OGR type.

    date -> datetime64[D] (OGR Date; a datetime64[ms] column would become DateTime,
    an ISO string column stays String), int -> int64 + mask, float -> float64 (NaN = null).
    """
    n = len(values)
    if ftype == "datetime":   # naive ISO date-times -> OGR DateTime (DATETIME in the GeoPackage)
        arr = np.array([np.datetime64(str(v)[:19], "ms") if present(v) else np.datetime64("NaT", "ms")
                        for v in values], dtype="datetime64[ms]")
        return arr, None
    if ftype == "date":
        arr = np.array([np.datetime64(str(v)[:10], "D") if present(v) else np.datetime64("NaT", "D")
                        for v in values], dtype="datetime64[D]")
        return arr, None
    if ftype == "int":
        mask = np.array([not present(v) for v in values], dtype=bool)
        arr = np.array([int(v) if present(v) else 0 for v in values], dtype=np.int64)
        return arr, (mask if mask.any() else None)
    if ftype == "float":
        return np.array([float(v) if present(v) else np.nan for v in values], dtype=np.float64), None
    arr = np.empty(n, dtype=object)
    arr[:] = [str(v) if present(v) else None for v in values]
    return arr, None


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
    return rhr(geom)


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
        write_layer_styles(tmp, {name: layer_style(name) for name, *_ in gpkg_layers})
        os.replace(tmp, path)
    except (OSError, sqlite3.Error, pyogrio.errors.DataSourceError, pyogrio.errors.FieldError,
            pyogrio.errors.GeometryError, RuntimeError, ValueError) as exc:
        raise ExportError(f"cannot write the GeoPackage {str(path)!r}: {exc}") from exc
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": old})
    return path
