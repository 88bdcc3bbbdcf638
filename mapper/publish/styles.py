"""Colours and symbols shared by the web pages and the QGIS styles.

Colour encodes the *side* (who acted), the symbol encodes the *kind* of event.
The same tables drive the web pages (:mod:`mapper.publish.pages`) and the QML
styles written next to the GeoJSON files and into the GeoPackage
(:mod:`mapper.publish.export`), so a map desk sees the same legend everywhere.

>>> side_colour("government")
'#d62728'
>>> side_colour("somebody-new")
'#a8a8a8'
>>> KIND_SYMBOLS["capture"].letter
'C'
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Mapping

#: side -> hex colour (#rrggbb). Unknown or unlisted sides are grey. Chosen to be
#: told apart at a glance, also as a translucent area fill: Islamic State black
#: (drawn with a denser fill than the others so it never reads as "unknown"),
#: unknown a light grey with a dashed outline; contested areas are hatched.
SIDE_COLOURS: Mapping[str, str] = {
    "government": "#d62728",       # red
    "opposition": "#2ca02c",       # green
    "islamic_state": "#222222",    # black
    "sdf": "#e6b800",              # yellow
    "turkey": "#17becf",           # cyan
    "jabhat_al_nusra": "#8c564b",  # brown
    "hts": "#8c564b",              # brown (Hay'at Tahrir al-Sham, Nusra's successor)
    "iraq": "#9467bd",             # purple
    "us_coalition": "#1f77b4",     # blue
    "unknown": "#a8a8a8",          # light grey
}
#: colour of a side that is not in :data:`SIDE_COLOURS`
OTHER_COLOUR = "#a8a8a8"
#: colour of the hatching of contested areas and of contested front labels
CONTESTED_COLOUR = "#ff7f0e"

SIDE_LABELS: Mapping[str, str] = {
    "government": "Government & allies",
    "opposition": "Opposition",
    "islamic_state": "Islamic State",
    "sdf": "SDF",
    "turkey": "Turkey & allied groups",
    "jabhat_al_nusra": "Jabhat al-Nusra",
    "hts": "HTS",
    "iraq": "Iraq",
    "us_coalition": "US-led coalition",
    "unknown": "Unknown side",
}

#: fill opacity of a control area by side (others: AREA_OPACITY)
AREA_OPACITY = 0.28
AREA_OPACITY_BY_SIDE: Mapping[str, float] = {"islamic_state": 0.55, "unknown": 0.18}

#: how a front line is drawn by evidence-age class (see mapper.history.front.age_class):
#: (line opacity, dash pattern or "", label)
FRONT_AGE_STYLES: Mapping[str, tuple[float, str, str]] = {
    "fresh": (1.0, "", "front, evidence <= 30 days old"),
    "recent": (0.8, "", "front, evidence 31-180 days old"),
    "old": (0.55, "8 6", "front, evidence 181-730 days old"),
    "stale": (0.35, "2 6", "front, evidence > 2 years old"),
    "unknown": (0.35, "2 6", "front, evidence age unknown"),
}
FRONT_COLOUR = "#cc00cc"


def area_label(label: str | None) -> str:
    """A readable name of a control-area label: a side, "a+b" (joint) or "contested".

    >>> area_label("opposition+jabhat_al_nusra")
    'Opposition + Jabhat al-Nusra'
    """
    if not label:
        return SIDE_LABELS["unknown"]
    if label == "contested":
        return "Contested"
    return " + ".join(SIDE_LABELS.get(p, p) for p in label.split("+"))


def area_colour(label: str | None) -> str:
    """Fill colour of a control area: the (first) holder's colour; contested areas
    use :data:`CONTESTED_COLOUR` (and are hatched on the pages)."""
    if label == "contested":
        return CONTESTED_COLOUR
    return side_colour((label or "unknown").split("+")[0])


@dataclass(frozen=True)
class KindSymbol:
    """How one event kind is drawn.

    ``letter`` is shown in the web badge; ``qgis_shape`` is a QGIS
    SimpleMarker shape name; ``size_mm`` the QGIS marker size (mm) and
    ``radius_px`` the web badge radius (CSS pixels).
    """

    letter: str
    label: str
    qgis_shape: str
    size_mm: float
    radius_px: int


KIND_SYMBOLS: Mapping[str, KindSymbol] = {
    "capture": KindSymbol("C", "Capture", "star", 5.0, 11),
    "entry": KindSymbol("E", "Entry", "pentagon", 4.0, 10),
    "advance": KindSymbol("A", "Advance", "triangle", 4.0, 10),
    "withdrawal": KindSymbol("W", "Withdrawal", "arrowhead", 4.0, 10),
    "clash": KindSymbol("X", "Clash", "cross_fill", 4.0, 9),
    "attack": KindSymbol("T", "Attack", "diamond", 3.6, 9),
    "airstrike": KindSymbol("S", "Airstrike", "cross2", 3.6, 9),
    "position": KindSymbol("P", "Position", "square", 3.0, 8),
    "destruction": KindSymbol("D", "Destruction", "hexagon", 3.6, 9),
    "control": KindSymbol("K", "Control", "circle", 4.4, 10),
}
OTHER_SYMBOL = KindSymbol("?", "Other", "circle", 3.0, 8)

#: areas.layer_type values
AREA_TYPES = ("uncertainty", "control", "front")


def side_colour(side: str | None) -> str:
    """The colour (#rrggbb) of ``side``; grey for unknown or unlisted sides."""
    return SIDE_COLOURS.get(side or "unknown", OTHER_COLOUR)


def kind_symbol(kind: str | None) -> KindSymbol:
    """The symbol of an event ``kind`` (a neutral circle for unlisted kinds)."""
    return KIND_SYMBOLS.get(kind or "", OTHER_SYMBOL)


def rgba(hex_colour: str, alpha: int = 255) -> str:
    """'#d62728' -> '214,39,40,255' (the QGIS colour notation)."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{alpha}"


def legend_html(kinds: list[str] | None = None, sides: list[str] | None = None, *,
                title: str = "Legend", extra: list[tuple[str, str]] = ()) -> str:
    """A small self-contained HTML/CSS legend box (bottom left of a map).

    ``kinds``/``sides`` restrict the entries (default: all); ``extra`` adds
    (css_swatch, label) rows, e.g. for uncertainty areas or front lines.
    """
    kinds = kinds if kinds is not None else list(KIND_SYMBOLS)
    sides = sides if sides is not None else list(SIDE_COLOURS)
    rows = []
    for s in sides:
        rows.append(f'<div class="fl-row"><span class="fl-sw" style="background:{side_colour(s)}"></span>'
                    f'{escape(SIDE_LABELS.get(s, s))}</div>')
    for k in kinds:
        sym = kind_symbol(k)
        rows.append(f'<div class="fl-row"><span class="fl-badge">{escape(sym.letter)}</span>'
                    f'{escape(sym.label if k in KIND_SYMBOLS else k)}</div>')
    for swatch, label in extra:
        rows.append(f'<div class="fl-row"><span class="fl-sw" style="{swatch}"></span>{escape(label)}</div>')
    return (
        '<div id="fl-legend" class="fl-legend">'
        f'<div class="fl-title">{escape(title)}</div>{"".join(rows)}</div>'
    )


LEGEND_CSS = """
.fl-legend{position:fixed;bottom:56px;left:10px;z-index:1000;background:rgba(255,255,255,.92);
 border:1px solid #999;border-radius:4px;padding:6px 8px;font:12px/1.35 system-ui,sans-serif;max-width:220px}
.fl-legend .fl-title{font-weight:600;margin-bottom:3px}
.fl-legend .fl-row{display:flex;align-items:center;gap:6px;white-space:nowrap}
.fl-sw{display:inline-block;width:12px;height:12px;border-radius:2px;border:1px solid #555}
.fl-badge{display:inline-block;width:14px;height:14px;border-radius:50%;background:#fff;border:1px solid #333;
 font:bold 9px/14px sans-serif;text-align:center;color:#333}
.fl-ev{border-radius:50%;border:2px solid #fff;box-shadow:0 0 0 1px #333;color:#fff;font:bold 11px/1 sans-serif;
 display:flex;align-items:center;justify-content:center;box-sizing:border-box}
.fl-ev.fl-area{border-style:dashed;box-shadow:0 0 0 1px #333,0 0 0 4px rgba(255,255,255,.6)}
html .leaflet-container{background:#eef1f4}
.fl-popup table{border-collapse:collapse;font-size:12px}
.fl-popup th{text-align:left;padding-right:6px;vertical-align:top;color:#555;font-weight:600}
.fl-popup blockquote{margin:4px 0 6px;padding-left:6px;border-left:3px solid #999;font-style:italic}
.fl-popup .fl-note{color:#a00}
"""


# ----------------------------------------------------------------------------
# QGIS styles (QML) — categorized by side; symbol by kind via data-defined shape
# ----------------------------------------------------------------------------

def _xml(s: str) -> str:
    return escape(s, quote=True)


def _opts(props: dict[str, str]) -> str:
    return "".join(f'<Option type="QString" name="{_xml(k)}" value="{_xml(v)}"/>' for k, v in props.items())


def _dd(props: dict[str, str]) -> str:
    """data_defined_properties block: {property key (e.g. 'name', 'fillColor'): expression}."""
    if not props:
        inner = '<Option name="properties"/>'
    else:
        inner = '<Option type="Map" name="properties">' + "".join(
            f'<Option type="Map" name="{_xml(k)}"><Option type="bool" name="active" value="true"/>'
            f'<Option type="QString" name="expression" value="{_xml(expr)}"/>'
            f'<Option type="int" name="type" value="3"/></Option>' for k, expr in props.items()) + "</Option>"
    return ('<data_defined_properties><Option type="Map"><Option type="QString" name="name" value=""/>'
            f'{inner}<Option type="QString" name="type" value="collection"/></Option></data_defined_properties>')


def _layer(cls: str, props: dict[str, str], dd: dict[str, str] | None = None, sub: str = "") -> str:
    return (f'<layer class="{cls}" enabled="1" locked="0" pass="0"><Option type="Map">{_opts(props)}</Option>'
            f'{sub}{_dd(dd or {})}</layer>')


def _symbol(kind: str, name: str, layers: str) -> str:
    return (f'<symbol type="{kind}" name="{_xml(name)}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'{_dd({})}{layers}</symbol>')


def _case(field: str, mapping: dict[str, str], default: str) -> str:
    whens = " ".join(f"WHEN \"{field}\" = '{k}' THEN {v}" for k, v in mapping.items())
    return f"CASE {whens} ELSE {default} END"


def _event_symbol(name: str, colour: str) -> str:
    shape = _case("kind", {k: f"'{s.qgis_shape}'" for k, s in KIND_SYMBOLS.items()}, "'circle'")
    size = _case("kind", {k: f"{s.size_mm}" for k, s in KIND_SYMBOLS.items()}, f"{OTHER_SYMBOL.size_mm}")
    props = {"name": "circle", "color": rgba(colour), "outline_color": "255,255,255,255",
             "outline_style": "solid", "outline_width": "0.3", "outline_width_unit": "MM", "size": "3.5",
             "size_unit": "MM", "angle": "0", "offset": "0,0", "scale_method": "diameter",
             "joinstyle": "bevel", "horizontal_anchor_point": "1", "vertical_anchor_point": "1"}
    dd = {"name": shape, "size": size,
          # area-only locations: dashed outline (an area, not a point)
          "outlineStyle": "CASE WHEN \"location_precision\" = 'area' THEN 'dash' ELSE 'solid' END"}
    return _symbol("marker", name, _layer("SimpleMarker", props, dd))


def _movement_symbol(name: str, colour: str) -> str:
    line = _layer("SimpleLine", {"line_color": rgba(colour), "line_width": "0.7", "line_width_unit": "MM",
                                 "line_style": "solid", "capstyle": "round", "joinstyle": "round"},
                  {"outlineStyle": "CASE WHEN \"kind\" = 'withdrawal' THEN 'dash' ELSE 'solid' END"})
    head = _symbol("marker", "@" + name + "@1", _layer("SimpleMarker", {
        "name": "filled_arrowhead", "color": rgba(colour), "outline_color": rgba(colour), "size": "3.2",
        "size_unit": "MM", "angle": "0", "outline_width": "0", "scale_method": "diameter",
        "horizontal_anchor_point": "1", "vertical_anchor_point": "1"}))
    arrow = _layer("MarkerLine", {"placement": "lastvertex", "rotate": "1", "interval": "3",
                                  "interval_unit": "MM", "offset": "0", "offset_along_line": "0"}, sub=head)
    return _symbol("line", name, line + arrow)


def _area_symbol(name: str, colour: str) -> str:
    alpha = _case("layer_type", {"control": "70", "front": "0"}, "25")
    fill = _layer("SimpleFill", {"color": rgba(colour, 50), "outline_color": rgba(colour), "outline_width": "0.5",
                                 "outline_width_unit": "MM", "outline_style": "solid", "style": "solid",
                                 "joinstyle": "bevel"},
                  {"fillColor": f"set_color_part(color_rgb({', '.join(rgba(colour).split(',')[:3])}), "
                                f"'alpha', {alpha})",
                   "outlineStyle": "CASE WHEN \"layer_type\" = 'uncertainty' THEN 'dash' ELSE 'solid' END"})
    return _symbol("fill", name, fill)


def _front_symbol(name: str) -> str:
    return _symbol("line", name, _layer("SimpleLine", {
        "line_color": "204,0,204,255", "line_width": "1.2", "line_width_unit": "MM", "line_style": "solid",
        "capstyle": "round", "joinstyle": "round"}))


def _place_symbol(name: str) -> str:
    return _symbol("marker", name, _layer("SimpleMarker", {
        "name": "circle", "color": "255,255,255,255", "outline_color": "40,40,40,255", "outline_width": "0.4",
        "outline_width_unit": "MM", "size": "2.2", "size_unit": "MM", "angle": "0", "scale_method": "diameter",
        "horizontal_anchor_point": "1", "vertical_anchor_point": "1"}))


def _categorized(attr: str, symbol_fn) -> str:
    cats, syms = [], []
    for i, side in enumerate(SIDE_COLOURS):
        cats.append(f'<category render="true" symbol="{i}" value="{_xml(side)}" '
                    f'label="{_xml(SIDE_LABELS.get(side, side))}"/>')
        syms.append(symbol_fn(str(i), side_colour(side)))
    n = len(SIDE_COLOURS)  # "all other values": an empty value matches every side not listed
    cats.append(f'<category render="true" symbol="{n}" value="" label="Other side"/>')
    syms.append(symbol_fn(str(n), OTHER_COLOUR))
    return (f'<renderer-v2 type="categorizedSymbol" attr="{attr}" symbollevels="0" forceraster="0" '
            f'enableorderby="0" referencescale="-1"><categories>{"".join(cats)}</categories>'
            f'<symbols>{"".join(syms)}</symbols><rotation/><sizescale/></renderer-v2>')


def _single(symbol: str) -> str:
    return (f'<renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0" enableorderby="0" '
            f'referencescale="-1"><symbols>{symbol}</symbols><rotation/><sizescale/></renderer-v2>')


def _labels(field: str) -> str:
    return ('<labeling type="simple"><settings calloutType="simple">'
            f'<text-style fieldName="{_xml(field)}" isExpression="0" fontSize="8" fontSizeUnit="Point" '
            'textColor="30,30,30,255" fontFamily="Sans Serif" namedStyle="Regular" textOpacity="1">'
            '<text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" '
            'bufferOpacity="0.8"/></text-style><placement placement="0" dist="1.5" distUnits="MM"/>'
            '<rendering scaleVisibility="0" obstacle="1"/></settings></labeling>')


#: layer name -> how it is styled (used for data/*.qml and the GeoPackage layer_styles)
QML_LAYERS = ("events", "movements", "areas", "front_lines", "places")


def qml_for(layer: str) -> str:
    """The QGIS 3.22 QML style of an output layer (events, movements, areas,
    front_lines, places): colour by side (categorized on "side"), symbol by
    kind for events (data-defined shape and size), dashed outlines for
    uncertainty areas and area-only events, arrowheads on movements.

    >>> 'categorizedSymbol' in qml_for("events")
    True
    """
    if layer == "events":
        body = _categorized("side", _event_symbol)
    elif layer == "movements":
        body = _categorized("side", _movement_symbol)
    elif layer == "areas":
        body = _categorized("side", _area_symbol)
    elif layer == "front_lines":
        body = _single(_front_symbol("0"))
    elif layer == "places":
        body = _single(_place_symbol("0")) + _labels("name")
    else:
        raise ValueError(f"no QML style for layer {layer!r}; use one of {QML_LAYERS!r}")
    labels_on = "1" if layer == "places" else "0"
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            f'<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="{labels_on}">\n'
            f"{body}\n</qgis>\n")
