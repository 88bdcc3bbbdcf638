"""The layers as the files hold them, and the QGIS style of each file.

:func:`export_frames` splits events, movements and areas for QGIS's Temporal
Controller: rows with a ``time_start`` stay, rows without a closed date
interval go to ``<name>_undated`` (never on a frame); control areas and
fronts are one row per validity interval
(:func:`mapper.publish.layers.merge_validity`). :func:`layer_style` is the
QML for one file, with a ``<temporal>`` element for the dated layers.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from mapper.publish.layers import Layers, merge_validity
from mapper.publish.styles import qml_for

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
    layer, the undated others go to ``<name>_undated`` so QGIS never draws
    them on every frame (an event known only by its end, "by 23 November",
    has its end as ``time_start``: see :mod:`mapper.publish.layers`).
    Control areas and fronts are one row per validity interval
    (:func:`mapper.publish.layers.merge_validity`).
    """
    out: list[tuple[str, Any, str]] = []
    for name, gdf in layers.items():
        gdf = to_wgs84(gdf)
        if name == "areas":
            gdf = merge_validity(gdf)
        if name in TEMPORAL_LAYERS:
            dated = gdf["time_start"].map(present).to_numpy(dtype=bool) if len(gdf) else np.zeros(0, bool)
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


def layer_style(name: str) -> str:
    base = name[:-len(UNDATED_SUFFIX)] if name.endswith(UNDATED_SUFFIX) else name
    qml = qml_for(base)
    return qml_with_temporal(qml) if name in TEMPORAL_LAYERS or name == "front_lines" else qml



def present(v: Any) -> bool:
    """False for None and NaN/NaT (anything not equal to itself), True otherwise.

    >>> present(None), present(float("nan")), present("2016-03-27")
    (False, False, True)
    """
    if v is None:
        return False
    try:
        return not (v != v)
    except (TypeError, ValueError):
        return True



def to_wgs84(gdf):
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        return gdf.to_crs("EPSG:4326")
    return gdf
