"""Placing parsed spatial phrases: :func:`locate` (expression + anchor Place ->
Location with an uncertainty area), :func:`resolve` (phrase -> Location via a
gazetteer), :func:`region_place` (Syrian governorates of spatial_words.yaml).

Positions (lat, lon) degrees, distances km, areas lon/lat polygons (EPSG:4326).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Optional, Union

import yaml

from gazetteer import geometry as geo
from gazetteer.errors import GazetteerError, SpatialExpressionError
from gazetteer.model import (METHOD_DIRECTION, METHOD_DISTANCE, METHOD_OFFSET, METHOD_PART,
                             METHOD_REGION, Location, Place)
from gazetteer.spatial_grammar import (COUNTRYSIDE_REACH_KM, DIRECTION_REACH_KM, KIND_DIRECTION,
                                       KIND_DISTANCE, KIND_OFFSET, KIND_PART, KIND_REGION, NEAR_REACH_KM,
                                       _PART_RADII, _REGION_KINDS, _REGION_WORD_RE)
from gazetteer.spatial_parse import SpatialExpression, _q, parse

__all__ = ["locate", "resolve", "region_place"]


# --------------------------------------------------------------------------- regions
@lru_cache(maxsize=1)
def _regions() -> tuple[tuple[str, Place, float], ...]:
    """(key, Place, equal-area radius km) for every region in spatial_words.yaml."""
    data = yaml.safe_load(resources.files("gazetteer").joinpath("data/spatial_words.yaml")
                          .read_text(encoding="utf-8"))
    out = []
    for r in data.get("regions", []):
        place = Place(id=f"region:{r['id']}", name=r["name"], lat=float(r["lat"]),
                      lon=float(r["lon"]), kind="governorate", country="SY",
                      source="spatial_words.yaml")
        radius = geo.equal_area_radius_km(float(r["area_km2"]))
        for n in r["names"]:
            out.append((_region_key(n), place, radius))
    return tuple(out)


_POSS_END_RE = re.compile(r"['’]s?$")
_ARTICLE_START_RE = re.compile(r"^(?:al|el|as|ad|ar|an|at|ash|az|a)[\-\s]")
_SEPARATORS_RE = re.compile(r"[\s\-']+")


def _region_key(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = _REGION_WORD_RE.sub("", s)
    s = _POSS_END_RE.sub("", s.strip())
    s = _ARTICLE_START_RE.sub("", s)
    return _SEPARATORS_RE.sub(" ", s).strip()


def region_place(text: str) -> Optional[tuple[Place, float]]:
    """(Place, radius_km) of the governorate named by ``text`` ("Homs Governorate", "rural Homs").

    >>> region_place("Homs Governorate")[0].name
    'Homs Governorate'
    """
    key = _region_key(text)
    for k, place, radius in _regions():
        if k == key:
            return place, radius
    return None


# --------------------------------------------------------------------------- locating
def _loc(expr: SpatialExpression, anchor: Place, method: str, precision: str, lat: float,
         lon: float, area: Any, is_point: bool, notes: tuple[str, ...] = ()) -> Location:
    unc = geo.equal_area_radius_km(geo.area_km2(area))
    return Location(lat=lat, lon=lon, method=method, precision=precision, uncertainty_km=unc,
                    area=area, anchor=anchor, offset_km=expr.distance_km,
                    offset_km_min=expr.distance_km_min, offset_km_max=expr.distance_km_max,
                    bearing_deg=expr.bearing_deg, phrase=expr.text, is_point=is_point,
                    notes=notes)


def _check_anchor(anchor: Any, expr: SpatialExpression) -> Place:
    if not isinstance(anchor, Place):
        raise SpatialExpressionError(
            f"anchor for {_q(expr.text)} is {anchor!r}, not a Place: resolve the anchor name with "
            "the gazetteer first (or call spatial.resolve)")
    return anchor


def locate(expr: SpatialExpression, anchor: Place) -> Location:
    """Place a parsed expression relative to ``anchor`` (a Place, lat/lon degrees).

    Returns a Location whose ``area`` is the uncertainty polygon (lon/lat) and
    ``uncertainty_km`` the radius of the equal-area circle. Offsets give a
    point (is_point True); rings, wedges and regions give an area whose
    representative point is only indicative (is_point False).

    >>> homs = Place(id="h", name="Homs", lat=34.727, lon=36.724)
    >>> loc = locate(parse("within two kilometres"), homs)
    >>> loc.method, loc.is_point, round(loc.uncertainty_km, 2)
    ('distance', False, 2.0)
    """
    anchor = _check_anchor(anchor, expr)
    if expr.kind == KIND_OFFSET:
        return _locate_offset(expr, anchor)
    radius = geo.nominal_radius_km(anchor.kind, anchor.population)
    if expr.kind == KIND_DISTANCE:
        return _locate_distance(expr, anchor, radius)
    if expr.kind == KIND_DIRECTION:
        return _locate_direction(expr, anchor, radius)
    if expr.kind == KIND_PART:
        return _locate_part(expr, anchor, radius)
    if expr.kind == KIND_REGION:
        return _locate_region(expr, anchor, radius)
    raise SpatialExpressionError(f"unknown expression kind {expr.kind!r} in {_q(expr.text)}")


def _locate_offset(expr: SpatialExpression, anchor: Place) -> Location:
    """ "4 km west of X": the point at the stated distance and bearing, in its annular sector."""
    la, lo = anchor.lat, anchor.lon
    assert expr.distance_km is not None and expr.bearing_deg is not None
    lat, lon = geo.destination(la, lo, expr.bearing_deg, expr.distance_km)
    area = geo.annular_sector(la, lo, expr.distance_km_min or 0.0,
                              expr.distance_km_max or expr.distance_km,
                              expr.bearing_deg, expr.bearing_spread_deg or 45.0)
    return _loc(expr, anchor, METHOD_OFFSET, "offset", lat, lon, area, True)


def _locate_distance(expr: SpatialExpression, anchor: Place, radius: float) -> Location:
    """ "within 2 km of X" (a ring or disc, km); "near X" / "outside X" without a distance:
    the disc out to R + NEAR_REACH_KM, or the ring beyond X's own disc of radius R (km); the
    point is the anchor's (indicative only)."""
    la, lo = anchor.lat, anchor.lon
    if expr.qualifier in ("near", "outside"):
        inner = radius if expr.qualifier == "outside" else 0.0
        outer = radius + NEAR_REACH_KM
        area = geo.ring(la, lo, inner, outer)
        return _loc(expr, anchor, METHOD_DISTANCE, "area", la, lo, area, False,
                    (f"{expr.qualifier} {anchor.name}: {inner:g}–{outer:g} km (R = {radius:g} km)",))
    area = geo.ring(la, lo, expr.distance_km_min or 0.0, expr.distance_km_max or 1.0)
    return _loc(expr, anchor, METHOD_DISTANCE, "area", la, lo, area, False)


def _locate_direction(expr: SpatialExpression, anchor: Place, radius: float) -> Location:
    """ "west of X": a wedge out to max(DIRECTION_REACH_KM, 3 R) km (1.5 R for a region)."""
    la, lo = anchor.lat, anchor.lon
    assert expr.bearing_deg is not None
    is_region = (anchor.kind or "").lower() in _REGION_KINDS
    reach = 1.5 * radius if is_region else max(DIRECTION_REACH_KM, 3.0 * radius)
    lat, lon = geo.destination(la, lo, expr.bearing_deg, reach / 2)
    area = geo.sector(la, lo, expr.bearing_deg, expr.bearing_spread_deg or 45.0, reach)
    return _loc(expr, anchor, METHOD_DIRECTION, "area", lat, lon, area, False,
                (f"direction only: wedge out to {reach:g} km",))


def _locate_part(expr: SpatialExpression, anchor: Place, radius: float) -> Location:
    """ "the western outskirts of X": a band of X's nominal disc (multiples of R, km), in
    the wedge of the direction when there is one. A part of a region ("central Syria",
    "northern Syria") is a region (method region, never a point); a part of a town is
    near it (a point when the band starts at the centre or has a direction)."""
    la, lo = anchor.lat, anchor.lon
    region = (anchor.kind or "").lower() in _REGION_KINDS
    inner, outer = _PART_RADII.get(expr.part or "side", _PART_RADII["side"])
    method = METHOD_REGION if region else METHOD_PART
    what = f"part {expr.part} of region" if region else f"part {expr.part}"
    note = (f"{what}: {inner:g}R–{outer:g}R, R = {radius:g} km",)
    if expr.part == "center" or expr.bearing_deg is None:
        area = geo.place_part(la, lo, radius, None, inner=inner, outer=outer)
        is_point = not region and inner == 0.0
        precision = "region" if region else ("near" if is_point else "area")
        return _loc(expr, anchor, method, precision, la, lo, area, is_point, note)
    lat, lon = geo.destination(la, lo, expr.bearing_deg, (inner + outer) / 2 * radius)
    area = geo.place_part(la, lo, radius, expr.bearing_deg, expr.bearing_spread_deg or 45.0,
                          inner, outer)
    return _loc(expr, anchor, method, "region" if region else "near", lat, lon, area, not region, note)


def _locate_region(expr: SpatialExpression, anchor: Place, radius: float) -> Location:
    """ "the countryside of X", "eastern Homs Governorate": the known region's disc, else a
    ring 1.2 R .. 1.2 R + COUNTRYSIDE_REACH_KM km around X (a sector of it with a direction)."""
    reg = region_place(expr.anchor_text or "") or region_place(anchor.name)
    if reg is not None:
        rplace, rr = reg
        inner, outer, centre = 0.0, rr, rplace
    elif (anchor.kind or "").lower() in _REGION_KINDS:
        rr = radius
        inner, outer, centre = 0.0, rr, anchor
    else:   # the countryside of a town that is not a known region
        inner, outer, centre = 1.2 * radius, 1.2 * radius + COUNTRYSIDE_REACH_KM, anchor
    cl, co = centre.lat, centre.lon
    note = (f"region around {centre.name!r}: {inner:g}–{outer:g} km",)
    if expr.bearing_deg is None:
        area = geo.ring(cl, co, inner, outer)
        return _loc(expr, centre, METHOD_REGION, "region", cl, co, area, False, note)
    lat, lon = geo.destination(cl, co, expr.bearing_deg, (inner + outer) / 2)
    area = geo.annular_sector(cl, co, inner, outer, expr.bearing_deg,
                              expr.bearing_spread_deg or 45.0)
    return _loc(expr, centre, METHOD_REGION, "region", lat, lon, area, False, note)


# --------------------------------------------------------------------------- resolving
AnchorLookup = Union[Callable[[str], Optional[Place]], Any]


@lru_cache(maxsize=1)
def _default_gazetteer() -> Any:
    try:
        from gazetteer import store  # type: ignore[attr-defined]
    except ImportError as exc:
        raise SpatialExpressionError(
            "no default gazetteer available (gazetteer.store.Gazetteer.default() could not be "
            f"imported: {exc}); pass gazetteer=<lookup> to spatial.resolve") from exc
    return store.Gazetteer.default()


def _lookup(gazetteer: AnchorLookup, name: str, context: Any) -> Optional[Place]:
    try:
        if hasattr(gazetteer, "resolve"):
            hit = gazetteer.resolve(name, context=context, kind_hint=None)
        elif callable(gazetteer):
            hit = gazetteer(name)
        else:
            hit = gazetteer.get(name)
    except LookupError:
        return None
    if hit is None:
        return None
    return hit.place if hasattr(hit, "place") else hit


def resolve(phrase: str, gazetteer: Optional[AnchorLookup] = None,
            context_anchor: Optional[Place] = None, *, context: Any = None) -> Location:
    """Parse ``phrase``, find its anchor and place it: the one-call API.

    ``gazetteer`` is any object with ``.resolve(name, context=None,
    kind_hint=None)`` returning a Candidate (``.place``) or Place, or a
    callable ``name -> Place | None`` (or a mapping); None uses
    ``Gazetteer.default()``. ``context_anchor`` is the place under discussion,
    used for "the city" / "the town" / anchorless rings. ``context`` is passed
    to ``gazetteer.resolve`` (a Place given as ``context`` also serves as the
    context anchor).

    >>> palmyra = Place(id="p", name="Palmyra", lat=34.56, lon=38.285)
    >>> resolve("5 km north of the town", {"Palmyra": palmyra}.get, palmyra).method
    'offset'
    """
    if context_anchor is None and isinstance(context, Place):
        context_anchor, context = context, None
    expr = parse(phrase)
    if expr.anchor_is_reference:
        if context_anchor is None:
            what = expr.anchor_text or "the place under discussion"
            raise SpatialExpressionError(
                f"anchor by reference but no place under discussion in {_q(phrase)} "
                f"({what!r}): pass context_anchor=<the Place the text is about>")
        return locate(expr, context_anchor)
    name = expr.anchor_text or ""
    if expr.kind == KIND_REGION:
        reg = region_place(name)
        if reg is not None:
            return locate(expr, reg[0])
    gaz = gazetteer if gazetteer is not None else _default_gazetteer()
    candidates = [name]
    stripped = _REGION_WORD_RE.sub("", name).strip()
    if stripped and stripped != name:
        candidates.append(stripped)
    for cand in candidates:
        try:
            place = _lookup(gaz, cand, context)
        except GazetteerError as exc:
            raise SpatialExpressionError(
                f"anchor {cand!r} of {_q(phrase)} could not be looked up: {exc}") from exc
        if place is not None:
            return locate(expr, place)
    raise SpatialExpressionError(
        f"unknown anchor {name!r} in {_q(phrase)}: add the place to the gazetteer "
        "(gazetteer import) or check its spelling")
