"""Layer rows -> the GeoJSON features the pages draw (small property sets,
every input string HTML-escaped here).

Property names (read by lib/frontline.js): ``id``, ``kind``, ``side``, ``c``
(colour #rrggbb), ``l`` (badge letter), ``r`` (badge radius, px), ``popup`` and
``tip`` (escaped HTML), ``area`` (an area-only location), ``lt`` (area layer
type), ``name`` (a place name as plain text: the page sets it with
textContent), ``z`` (the lowest zoom at which a place label shows), ``w``
(label priority).

>>> f = event_feature({"id": "e1", "kind": "capture", "side": "sdf", "quote": "<b>"}, None)
>>> f["properties"]["l"], "&lt;b&gt;" in f["properties"]["popup"]
('C', True)
"""
from __future__ import annotations

from html import escape
from typing import Any, Optional

from mapper.publish.export import geometry_json
from mapper.publish.pages.common import esc, fmt_num, val
from mapper.publish.styles import (AREA_OPACITY, AREA_OPACITY_BY_SIDE, FRONT_AGE_STYLES, FRONT_COLOUR,
                                   SIDE_LABELS, area_colour, area_label, kind_symbol, side_colour)


def event_popup(p: dict[str, Any]) -> str:
    """Popup HTML of one event row (every value HTML-escaped)."""
    when = val(p.get("date"))
    if when is None:
        ds, de = val(p.get("date_start")), val(p.get("date_end"))
        when = (f"{ds} – {de}" if de and de != ds else ds) if ds else "undated"
    prec = val(p.get("date_precision")) or "unknown"
    loc_bits = [b for b in (val(p.get("location_precision")), val(p.get("location_method"))) if b]
    offset = None
    if val(p.get("anchor")):
        parts = [x for x in (fmt_num(p.get("offset_km"), " km"),
                             (fmt_num(p.get("bearing_deg"), "°") if val(p.get("bearing_deg")) else None)) if x]
        offset = " ".join(parts + ["from", str(p.get("anchor"))])
    side = val(p.get("side"))
    rows = [
        ("What", f"{esc(p.get('kind'))} · {esc(SIDE_LABELS.get(side or '', side))}"
                 + (f" (against {esc(p.get('losing_side'))})" if val(p.get("losing_side")) else "")),
        ("Actor", esc(p.get("actor"))),
        ("Place", esc(p.get("place"))),
        ("Date", f"{esc(when)} <small>(precision: {esc(prec)})</small>"),
        ("Location", esc(" / ".join(loc_bits)) + (f"<br>{esc(offset)}" if offset else "")
         + (f"<br>± {esc(fmt_num(p.get('uncertainty_km'), ' km'))}" if val(p.get("uncertainty_km")) else "")),
        ("Source", f"{esc(p.get('outlet')) or 'unknown outlet'}, article <code>{esc(p.get('article'))}</code>"
                   + (f", published {esc(p.get('published'))}" if val(p.get("published"))
                      else ", publication date unknown")),
        ("Confidence", esc(fmt_num(p.get("confidence")))
         + (f" · {esc(p.get('corroboration'))} source(s)" if val(p.get("corroboration")) else "")),
    ]
    if val(p.get("flags")):
        rows.append(("Flags", esc(p.get("flags"))))
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v)
    note = f'<div class="fl-note">⚠ {esc(p.get("notes"))}</div>' if val(p.get("notes")) else ""
    return (f'<div class="fl-popup"><blockquote>{esc(p.get("quote"))}</blockquote>'
            f"<table>{body}</table>{note}</div>")


def event_tip(p: dict[str, Any]) -> str:
    """Escaped one-line tooltip of an event."""
    when = val(p.get("date")) or val(p.get("date_start")) or "undated"
    return escape(f"{p.get('kind')} · {p.get('side')} · {val(p.get('place')) or ''} · {when}", quote=True)


def event_feature(p: dict[str, Any], geom) -> dict:
    """The feature of one event row (drawn as a badge, or faint as context)."""
    sym = kind_symbol(val(p.get("kind")))
    props: dict[str, Any] = {"id": val(p.get("id")), "kind": val(p.get("kind")), "side": val(p.get("side")),
                             "c": side_colour(val(p.get("side"))), "l": sym.letter, "r": sym.radius_px,
                             "popup": event_popup(p), "tip": event_tip(p)}
    if val(p.get("location_precision")) == "area":
        props["area"] = 1
    return {"type": "Feature", "properties": props, "geometry": geometry_json(geom)}


def movement_feature(p: dict[str, Any], geom) -> dict:
    """A movement line (arrowheads drawn by the page; withdrawals dashed)."""
    c = side_colour(val(p.get("side")))
    dest = val(p.get("destination")) or (f"bearing {fmt_num(p.get('bearing_deg'), '°')}"
                                         if val(p.get("bearing_deg")) else "?")
    popup = (f'<div class="fl-popup"><blockquote>{esc(p.get("quote"))}</blockquote><table>'
             f"<tr><th>What</th><td>{esc(p.get('kind'))} · {esc(p.get('side'))}</td></tr>"
             f"<tr><th>From → to</th><td>{esc(p.get('origin'))} → {esc(dest)}</td></tr>"
             f"<tr><th>Date</th><td>{esc(val(p.get('date')) or val(p.get('date_start')) or 'undated')} "
             f"<small>(precision: {esc(p.get('date_precision'))})</small></td></tr>"
             f"<tr><th>Source</th><td>{esc(p.get('outlet'))} article <code>{esc(p.get('article'))}</code></td></tr>"
             "</table></div>")
    style = {"color": c, "weight": 3, "opacity": 0.9}
    if val(p.get("kind")) == "withdrawal":
        style["dashArray"] = "6 4"
    return {"type": "Feature", "geometry": geometry_json(geom),
            "properties": {"id": val(p.get("id")), "kind": val(p.get("kind")), "side": val(p.get("side")),
                           "c": c, "arrow": 1, "popup": popup,
                           "tip": escape(f"{p.get('kind')}: {val(p.get('origin')) or '?'} → {dest}", quote=True),
                           "style": style}}


def uncertainty_feature(p: dict[str, Any], geom) -> dict:
    """An event's uncertainty area (dashed outline, faint fill)."""
    c = side_colour(val(p.get("side")))
    tip = f"uncertainty: {val(p.get('label')) or val(p.get('place')) or ''} (± {fmt_num(p.get('uncertainty_km'), ' km')})"
    popup = (f'<div class="fl-popup"><b>Uncertainty area</b> of event <code>{esc(p.get("event_id"))}</code>'
             f"<br>{esc(p.get('label'))}<blockquote>{esc(p.get('quote'))}</blockquote></div>")
    return {"type": "Feature", "geometry": geometry_json(geom),
            "properties": {"id": val(p.get("id")), "lt": "uncertainty", "side": val(p.get("side")), "c": c,
                           "style": {"color": c, "weight": 1.5, "dashArray": "5 4", "fillColor": c,
                                     "fillOpacity": 0.08},
                           "popup": popup, "tip": escape(tip, quote=True)}}


def control_style(label: Optional[str]) -> dict:
    """Leaflet path style of a control area (contested: hatched)."""
    c = area_colour(label)
    if label == "contested":
        return {"color": c, "weight": 1.5, "fillColor": "url(#fl-hatch)", "fillOpacity": 1, "dashArray": "4 3"}
    style = {"color": c, "weight": 1.2, "opacity": 0.9, "fillColor": c,
             "fillOpacity": AREA_OPACITY_BY_SIDE.get(label or "", AREA_OPACITY)}
    if label and "+" in label:
        style["dashArray"] = "6 3"
    if label in (None, "unknown"):
        style["dashArray"] = "3 3"
    return style


def front_style(age_class: Optional[str]) -> dict:
    """Leaflet path style of a front line by its evidence-age class."""
    opacity, dash, _ = FRONT_AGE_STYLES.get(age_class or "unknown", FRONT_AGE_STYLES["unknown"])
    style = {"color": FRONT_COLOUR, "weight": 3.5, "opacity": opacity, "lineCap": "round"}
    if dash:
        style["dashArray"] = dash
    return style


def estimate_text(p: dict[str, Any]) -> str:
    """Escaped one-line description of a control / front row on its date."""
    lt = val(p.get("layer_type"))
    side = val(p.get("side")) or ""
    age = val(p.get("evidence_age_days"))
    age_s = f"newest evidence {fmt_num(age)} d old" if age is not None else "evidence age unknown"
    unc = fmt_num(p.get("uncertainty_km"), " km") or "?"
    if lt == "front":
        a, _, b = side.partition("|")
        what = f"Front {area_label(a)} / {area_label(b)}"
        age_s = age_s.replace("newest evidence", "evidence (older side)")
    else:
        what = f"{area_label(side)}: {fmt_num(p.get('n_places')) or '?'} place(s)"
    return escape(f"{what} (± {unc}, {age_s}; estimate of {val(p.get('date')) or '?'})", quote=True)


def place_popup(p: dict[str, Any]) -> str:
    """Escaped popup HTML of a place: its sentence, source and control history."""
    rows = [f"<tr><th>Kind</th><td>{esc(p.get('kind'))} · {esc(p.get('country'))} · {esc(p.get('source'))}</td></tr>",
            f"<tr><th>Position</th><td>{esc(p.get('lat'))}, {esc(p.get('lon'))} (lat, lon)</td></tr>"]
    if val(p.get("control")):
        prec = val(p.get("control_precision"))
        note = f" <small>(known to the {esc(prec)})</small>" if prec and prec != "day" else ""
        rows.append(f"<tr><th>Control</th><td>{esc(p.get('control'))} since "
                    f"{esc(p.get('control_since'))}{note}</td></tr>")
    if val(p.get("article")):
        rows.append(f"<tr><th>Source</th><td>article <code>{esc(p.get('article'))}</code> "
                    f"chars {esc(p.get('char_start'))}–{esc(p.get('char_end'))}; "
                    f"{esc(p.get('n_quotes'))} mention(s)</td></tr>")
    quote = f"<blockquote>{esc(p.get('quote'))}</blockquote>" if val(p.get("quote")) else ""
    return (f'<div class="fl-popup"><b>{esc(p.get("name"))}</b>{quote}'
            f"<table>{''.join(rows)}</table></div>")


def place_feature(p: dict[str, Any], geom) -> dict:
    """A place dot with a permanent label (shown from zoom ``z`` on, by priority ``w``)."""
    try:
        n = int(float(val(p.get("n_events")) or 0))
    except ValueError:
        n = 0
    z = 7 if n >= 10 else 8 if n >= 3 else 9 if n >= 1 else 11
    return {"type": "Feature", "geometry": geometry_json(geom),
            "properties": {"id": val(p.get("id")), "name": val(p.get("name")) or "", "z": z, "w": n,
                           "tip": escape(f"{val(p.get('name')) or ''} ({val(p.get('kind')) or ''}; "
                                         f"{n} event(s))", quote=True),
                           "popup": place_popup(p)}}
