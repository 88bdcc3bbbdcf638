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

import os
from pathlib import Path
from typing import Union

from mapper.errors import ExportError
from mapper.publish.frames import (GEOJSON_FILES, TEMPORAL_LAYERS, TEMPORAL_QML, UNDATED_SUFFIX,  # noqa: F401
                                   export_frames, layer_style, qml_with_temporal)
from mapper.publish.geojson import (COORD_DECIMALS, dumps_feature_collection, feature_collection,  # noqa: F401
                                    geojson_text, geometry_json, round_array)
from mapper.publish.gpkg import FIXED_TIMESTAMP, write_gpkg, write_layer_styles  # noqa: F401
from mapper.publish.layers import SCHEMAS, Layers

PathLike = Union[str, Path]


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
            _write_text(p, geojson_text(gdf, SCHEMAS[key]))
            _write_text(out / f"{name}.qml", layer_style(name))
            paths.append(p)
    except OSError as exc:
        raise ExportError(f"cannot write GeoJSON into {str(out)!r}: {exc}; check the --out folder "
                          "is writable") from exc
    return paths
