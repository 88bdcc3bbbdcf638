"""Stated position vs gazetteer position: :func:`compare` and the map rule
:func:`reconcile` (a known gazetteer place wins, the stated location is kept as ``alt``).

Distances km, bearings degrees clockwise from north.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from gazetteer import geometry as geo
from gazetteer.model import Location, Place

__all__ = ["Disagreement", "Reconciled", "compare", "reconcile"]


@dataclass(frozen=True)
class Disagreement:
    """Stated position vs gazetteer position of the same named place.

    ``distance_km``/``bearing_deg``: from the stated point to the gazetteer
    point. ``anchor_distance_km``/``anchor_bearing_deg``: the actual offset of
    the gazetteer place from the anchor, to set against
    ``stated_distance_km``/``stated_bearing_deg``. ``is_conflict`` when the
    gazetteer point is outside the uncertainty area AND farther than
    max(2 km, uncertainty_km) from the stated point.
    """

    place: Place
    location: Location = field(compare=False)
    distance_km: float
    bearing_deg: float
    inside_area: bool
    is_conflict: bool
    uncertainty_km: float
    anchor_distance_km: Optional[float] = None
    anchor_bearing_deg: Optional[float] = None
    stated_distance_km: Optional[float] = None
    stated_bearing_deg: Optional[float] = None

    @property
    def message(self) -> str:
        """One line for report.json warnings."""
        where = (f"{self.location.phrase!r} puts {self.place.name!r} at "
                 f"({self.location.lat:.4f}, {self.location.lon:.4f})")
        actual = ""
        if self.anchor_distance_km is not None and self.location.anchor is not None:
            actual = (f"; the gazetteer has it {self.anchor_distance_km:.1f} km at "
                      f"{self.anchor_bearing_deg:.0f}° from {self.location.anchor.name!r}")
        verdict = "conflict" if self.is_conflict else "consistent"
        return (f"{verdict}: {where}, {self.distance_km:.1f} km from the gazetteer position "
                f"({self.place.lat:.4f}, {self.place.lon:.4f}){actual} "
                f"(uncertainty {self.uncertainty_km:.1f} km)")


@dataclass(frozen=True)
class Reconciled:
    """The location the map uses (``location``), the stated one kept as ``alt``."""

    location: Location
    alt: Optional[Location] = None
    disagreement: Optional[Disagreement] = None


# --------------------------------------------------------------------------- consistency
def compare(place: Place, location: Location) -> Disagreement:
    """How far the gazetteer position of ``place`` is from the stated ``location``.

    >>> from gazetteer.spatial import locate, parse
    >>> palmyra = Place(id="p", name="Palmyra", lat=34.56, lon=38.285)
    >>> qadri = Place(id="q", name="Al-Qadri Farms", lat=34.526, lon=38.198)
    >>> d = compare(qadri, locate(parse("4km west of Palmyra"), palmyra))
    >>> d.is_conflict, round(d.anchor_distance_km, 1)
    (True, 8.8)
    """
    dist, bearing = geo.inverse(location.lat, location.lon, place.lat, place.lon)
    inside = bool(location.area is not None and geo.contains(location.area, place.lat, place.lon))
    unc = location.uncertainty_km
    a_dist = a_bear = None
    if location.anchor is not None:
        a_dist, a_bear = geo.inverse(location.anchor.lat, location.anchor.lon, place.lat,
                                     place.lon)
    return Disagreement(place=place, location=location, distance_km=dist, bearing_deg=bearing,
                        inside_area=inside, is_conflict=(not inside and dist > max(2.0, unc)),
                        uncertainty_km=unc, anchor_distance_km=a_dist,
                        anchor_bearing_deg=a_bear, stated_distance_km=location.offset_km,
                        stated_bearing_deg=location.bearing_deg)


def reconcile(place: Optional[Place], location: Location) -> Reconciled:
    """Apply the map rule: a known gazetteer place wins, the stated location is ``alt``.

    With ``place`` None the stated (offset) location is used as is.
    """
    if place is None:
        return Reconciled(location=location)
    dis = compare(place, location)
    # the gazetteer point with the nominal radius of its kind (an oil field is not a 1 km point)
    chosen = Location.of_place(place, uncertainty_km=float(geo.nominal_radius_km(place.kind, place.population)),
                               phrase=location.phrase or place.name)
    chosen = replace(chosen, anchor=location.anchor, offset_km=location.offset_km,
                     offset_km_min=location.offset_km_min, offset_km_max=location.offset_km_max,
                     bearing_deg=location.bearing_deg, notes=(dis.message,), alt=location)
    return Reconciled(location=chosen, alt=location, disagreement=dis)
