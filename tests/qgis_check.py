"""Load frontline exports in PyQGIS and print what QGIS sees, as JSON.

Run with the SYSTEM python (python3-qgis), not the repo venv:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_check.py OUTPUT_DIR

Prints one JSON object: {"qgis_version", "layers": {key: {valid, features,
crs, geometry, fields: {name: type name}, renderer, categories: [[value,
colour], ...], style_from: ...}}} for every data/*.geojson and every layer of
frontline.gpkg (key "gpkg:<layer>" / "geojson:<name>").
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
    return info


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
