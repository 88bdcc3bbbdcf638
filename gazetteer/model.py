"""Value objects of the gazetteer: :class:`Place` and :class:`Location`.

Coordinates are WGS84 degrees. Attributes are always named ``lat`` / ``lon``;
when a pair is passed around as a tuple, the function says which order it
uses (geopy: (lat, lon); shapely / GeoJSON: (lon, lat)).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from shapely.geometry.base import BaseGeometry


class _Coordinates:
    """``latlon`` / ``lonlat`` for value objects with ``lat`` and ``lon`` (degrees)."""

    lat: float
    lon: float

    @property
    def latlon(self) -> tuple[float, float]:
        """(lat, lon) in degrees, geopy order."""
        return (self.lat, self.lon)

    @property
    def lonlat(self) -> tuple[float, float]:
        """(lon, lat) in degrees, GeoJSON / shapely order."""
        return (self.lon, self.lat)


@dataclass(frozen=True)
class Place(_Coordinates):
    """A named place from a gazetteer.

    >>> Place(id="syria:palmyra", name="Palmyra", lat=34.56, lon=38.285,
    ...       kind="settlement", country="SY", source="syria_places").name
    'Palmyra'

    ``kind`` is a normalised feature kind: settlement, city, village, hill,
    airbase, military base, oil or gas field, district, crossroads, region,
    industrial site, dam, border crossing, heliport, naval base, country...
    ``control`` is the control mark of the source where it has one (the
    syria_places.tsv 2017 revision), a prior at most.
    """

    id: str
    name: str
    lat: float
    lon: float
    kind: str = "settlement"
    country: Optional[str] = None
    source: str = "unknown"
    aliases: tuple[str, ...] = ()
    population: Optional[int] = None
    control: Optional[str] = None
    admin1: Optional[str] = None
    #: governorates (admin1 codes) the place may lie in when its admin1 is
    #: derived near a boundary (see gazetteer.regions); () = just ``admin1``
    admin1_near: tuple[str, ...] = ()



# Location.method values
METHOD_GAZETTEER = "gazetteer"      # the named place itself
METHOD_OFFSET = "offset"            # distance + direction from an anchor
METHOD_DISTANCE = "distance"        # distance only (ring around the anchor)
METHOD_DIRECTION = "direction"      # direction only (sector from the anchor)
METHOD_PART = "part"                # a part of a place ("western suburb")
METHOD_REGION = "region"            # a region ("eastern Homs Governorate")
METHOD_GEOCODER = "geocoder"        # optional online geocoder


@dataclass(frozen=True)
class Location(_Coordinates):
    """Where something is, with an honest uncertainty area.

    ``lat``/``lon`` is the representative point (degrees). ``area`` is the
    uncertainty polygon in EPSG:4326 (shapely, lon/lat order) or None for a
    bare gazetteer point; ``uncertainty_km`` is the radius (km) of a circle of
    the same area, or the gazetteer's nominal precision for a bare point.
    ``anchor`` is the place an offset is measured from; ``offset_km`` the
    stated distance (km, midpoint of a range), ``offset_km_min``/``max`` the
    range, ``bearing_deg`` the stated direction (degrees clockwise from north).
    ``is_point`` is False when the phrase only supports an area (a ring
    "within two kilometres"): maps must draw the area, not a fake point.
    ``precision`` is a short code: exact, near, offset, area, region.
    ``alt`` keeps the other position when a stated offset and the gazetteer
    disagree; ``notes`` carries the disagreement message.
    """

    lat: float
    lon: float
    method: str = METHOD_GAZETTEER
    precision: str = "exact"
    uncertainty_km: float = 1.0
    area: Optional[BaseGeometry] = field(default=None, compare=False)
    place: Optional[Place] = None
    anchor: Optional[Place] = None
    offset_km: Optional[float] = None
    offset_km_min: Optional[float] = None
    offset_km_max: Optional[float] = None
    bearing_deg: Optional[float] = None
    phrase: str = ""
    is_point: bool = True
    notes: tuple[str, ...] = ()
    #: the other position when a stated offset and the gazetteer disagree
    #: (e.g. the stated "4km west of Palmyra" point behind a gazetteer point)
    alt: Optional["Location"] = field(default=None, compare=False)


    @classmethod
    def of_place(cls, place: Place, uncertainty_km: float = 1.0, phrase: str = "") -> "Location":
        """The location of a gazetteer place itself."""
        return cls(lat=place.lat, lon=place.lon, method=METHOD_GAZETTEER, precision="exact",
                   uncertainty_km=uncertainty_km, place=place, phrase=phrase or place.name)
