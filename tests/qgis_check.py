"""Load frontline exports in PyQGIS and print what QGIS sees, as JSON.

Run with the SYSTEM python (python3-qgis), not the repo venv:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_check.py OUTPUT_DIR

Prints one JSON object: {"qgis_version", "layers": {key: {valid, features,
crs, geometry, fields: {name: type name}, renderer, categories: [[value,
colour], ...], temporal: {active, mode, start, end, ...}}}, "frames": {key:
{"first", "last", "days": {YYYY-MM-DD: [ids drawn on that day's frame]}}}} for
every data/*.geojson and every layer of frontline.gpkg (key "gpkg:<layer>" /
"geojson:<name>"); frames only for layers with time_start/time_end.
"""
from __future__ import annotations

import json
import os
import sys


def describe(layer) -> dict:
    from qgis.core import QgsSymbolLayer, QgsWkbTypes

    info = {"valid": layer.isValid()}
    if not layer.isValid():
        info["error"] = layer.error().summary() if layer.error() else ""
        return info
    r = layer.renderer()
    info.update({
        "features": layer.featureCount(),
        "crs": layer.crs().authid(),
        "geometry": QgsWkbTypes.displayString(layer.wkbType()),
        "fields": {f.name(): f.typeName() for f in layer.fields()},
        "renderer": r.type() if r else None,
    })
    if r is not None and r.type() == "categorizedSymbol":
        info["attr"] = r.classAttribute()
        cats = r.categories()  # keep the copies alive while their symbols are used
        info["categories"] = [[str(c.value()), c.symbol().color().name()] for c in cats]
        sym = cats[0].symbol()
        sl = sym.symbolLayer(0)
        defs = QgsSymbolLayer.propertyDefinitions()
        ddp = sl.dataDefinedProperties()
        info["data_defined"] = sorted(defs[k].name() for k in ddp.propertyKeys() if ddp.property(k).isActive())
    tp = layer.temporalProperties()
    info["temporal"] = {"active": tp.isActive(), "mode": int(tp.mode()), "start": tp.startField(),
                        "end": tp.endField(), "limit_mode": int(tp.limitMode()),
                        "accumulate": tp.accumulateFeatures()}
    return info


def walk_frames(layer) -> dict:
    """What the Temporal Controller shows, frame by frame.

    Uses the layer's own temporal properties (as loaded from its style) and
    QGIS's own frames: a QgsTemporalNavigationObject over the days of the
    features (one day before the first to one day after the last), frame
    duration one day; for each frame the layer's temporal filter
    (``createFilterString`` for that QgsDateTimeRange, what the map canvas
    applies) selects the drawn features. Returns {"first", "last", "days":
    {YYYY-MM-DD: sorted ids}} (days with no feature are left out).
    """
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime
    from qgis.core import (QgsDateTimeRange, QgsFeatureRequest, QgsInterval, QgsTemporalNavigationObject,
                           QgsUnitTypes, QgsVectorLayerTemporalContext)

    from qgis.core import QgsVectorLayerTemporalProperties

    tp = layer.temporalProperties()
    if not tp.isActive():
        # QGIS 3.22 does not apply a style's <temporal> element when a layer is added: do what
        # the README recipe says (Properties > Temporal > separate start / end fields)
        tp.setIsActive(True)
        tp.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
        tp.setStartField("time_start")
        tp.setEndField("time_end")
    days = set()
    for f in layer.getFeatures():
        for name in ("time_start", "time_end"):
            v = f[name]
            if v is not None and hasattr(v, "isValid") and v.isValid() and not v.isNull():
                days.add(v.date().toString("yyyy-MM-dd"))
    if not days or not tp.isActive():
        return {"first": None, "last": None, "days": {}, "active": tp.isActive()}
    first = QDate.fromString(min(days), "yyyy-MM-dd").addDays(-1)
    last = QDate.fromString(max(days), "yyyy-MM-dd").addDays(1)
    nav = QgsTemporalNavigationObject()
    nav.setTemporalExtents(QgsDateTimeRange(QDateTime(first, QTime(0, 0)), QDateTime(last, QTime(0, 0))))
    nav.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalDays))
    ctx = QgsVectorLayerTemporalContext()
    ctx.setLayer(layer)
    out = {}
    for i in range(nav.totalFrameCount()):
        rng = nav.dateTimeRangeForFrameNumber(i)
        if not tp.isVisibleInTemporalRange(rng):
            continue
        expr = tp.createFilterString(ctx, rng)
        req = QgsFeatureRequest()
        if expr:
            req.setFilterExpression(expr)
        ids = sorted(str(f["id"]) for f in layer.getFeatures(req))
        if ids:
            out[rng.begin().date().toString("yyyy-MM-dd")] = ids
    return {"first": first.toString("yyyy-MM-dd"), "last": last.toString("yyyy-MM-dd"), "days": out,
            "active": True}


def main(out_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsVectorLayer, Qgis

    app = QgsApplication([], False)
    app.initQgis()
    result = {"qgis_version": Qgis.QGIS_VERSION, "layers": {}, "messages": []}
    data = os.path.join(out_dir, "data")
    for name in sorted(os.listdir(data)):
        if name.endswith(".geojson"):
            lyr = QgsVectorLayer(os.path.join(data, name), name[:-8], "ogr")
            result["layers"]["geojson:" + name[:-8]] = describe(lyr)
            if lyr.isValid() and "time_start" in lyr.fields().names():
                result.setdefault("frames", {})["geojson:" + name[:-8]] = walk_frames(lyr)
                # Layer Properties > Style > Load Style... <name>.qml turns the Temporal Controller on
                styled = QgsVectorLayer(os.path.join(data, name), name[:-8], "ogr")
                qml = os.path.join(data, name[:-8] + ".qml")
                if os.path.exists(qml):
                    styled.loadNamedStyle(qml)
                    t = styled.temporalProperties()
                    result["layers"]["geojson:" + name[:-8]]["qml_temporal"] = {
                        "active": t.isActive(), "mode": int(t.mode()), "start": t.startField(),
                        "end": t.endField(), "limit_mode": int(t.limitMode())}
    gpkg = os.path.join(out_dir, "frontline.gpkg")
    if os.path.exists(gpkg):
        probe = QgsVectorLayer(gpkg, "probe", "ogr")
        subs = probe.dataProvider().subLayers() if probe.isValid() else []
        names = sorted({s.split("!!::!!")[1] for s in subs})
        result["gpkg_sublayers"] = names
        for lname in names:
            if lname == "layer_styles":
                continue
            lyr = QgsVectorLayer(f"{gpkg}|layername={lname}", lname, "ogr")
            info = describe(lyr)
            # the styles QGIS finds for this layer in the GeoPackage's layer_styles table
            if lyr.isValid():
                listed = lyr.listStylesInDatabase()
                info["db_styles"] = list(listed[2]) if listed and listed[0] >= 0 else []
                if "time_start" in lyr.fields().names():
                    result.setdefault("frames", {})["gpkg:" + lname] = walk_frames(lyr)
            result["layers"]["gpkg:" + lname] = info
    print(json.dumps(result, indent=1, sort_keys=True), flush=True)
    # PyQGIS may crash while tearing down layers after exitQgis(): leave at once
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
