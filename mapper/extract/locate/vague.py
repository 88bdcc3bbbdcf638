"""Where an unknown place lies when the text gives no position for it (one job: an honest,
wide area instead of losing the place and its event).

A name the gazetteer does not hold ("the villages of A and B", "captured Duwaybiq",
"the Duraham Oil Field") that no spatial phrase, town facility or container placed
is located, in this order, by what the text itself says:

1. a known place coordinated with it in the same list ("the villages of A and B",
   B known; "A, B and C"): the disc of :data:`LIST_NEIGHBOUR_KM` around that place,
   which stays the Location's ``anchor`` (method "distance", area only);
2. a known place named right after it as its container or neighbour ("A in B",
   "A of B", "A village near B", "the A hill, outside B"): B's own radius plus
   :data:`NAMED_TOWN_EXTRA_KM` (method "distance", area only); a governorate
   ("A in the Hama countryside") gives the governorate's area (method "region");
3. the place the paragraph is about (:class:`~mapper.extract.locate.focus.Focus`):
   the disc of :data:`FOCUS_AREA_KM` around it (method "region", area only), only for a
   name the text itself calls a place (a feature word in it, a settlement slot, a list
   of places: :data:`_PLACE_WORD_RE`); a bare name stays unplaced and reported.

Never the name's own look-alike elsewhere: the name is not looked up again. The
point of such a Location is the anchor's (maps draw the area, flagged "area"), its
``place`` is None (control never changes at it: mapper.history.control) and the
mention stays in report.json's ``unresolved`` list with the placement said
(:func:`vague_note`). Lines and regions (rivers, roads, valleys, countrysides) get
no vague area: a point in a town's disc would misdraw them.

>>> NOT_AN_AREA_RE.search("the Sajur River") is not None, NOT_AN_AREA_RE.search("Tal Nasri hill") is None
(True, True)
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from gazetteer import geometry as geo
from gazetteer.model import METHOD_DISTANCE, METHOD_REGION, Location, Place
from mapper.extract.locate.facility import COORD_GAP_RE, governorate_location
from mapper.extract.locate.focus import Focus, place_location
from mapper.extract.mentions.patterns import is_region_place
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Mention

__all__ = ["FOCUS_AREA_KM", "LIST_NEIGHBOUR_KM", "NAMED_TOWN_EXTRA_KM", "NOT_AN_AREA_RE", "vague_location",
           "vague_note"]

#: radius (km) of the area around the place the paragraph is about, for an unknown place
#: the text locates by nothing else (a village of a narrative's offensive lies around its town)
FOCUS_AREA_KM = 25.0
#: radius (km) around a known place coordinated with the unknown one in a list of places
LIST_NEIGHBOUR_KM = 10.0
#: added (km) to the radius of the place an unknown one is said to be in / of / near
NAMED_TOWN_EXTRA_KM = 5.0

#: whether the third step (the focus area) is used; the list neighbour and the named town
#: are text evidence, the focus is the article's (see the module doc)
USE_FOCUS_AREA = True

#: the focus step needs evidence in the text that the name is a place: a feature word in it
#: ("X hill", "Tal X", "the X Oil Field"), a settlement slot ("the village of X"), a list of
#: places; a bare name (a verb's object, an ambiguous gazetteer hit) is not placed by the
#: article's area alone (news texts name many places: their focus is weak evidence)
_PLACE_WORD_RE = re.compile(
    r"(?:^|\s)(?:villages?|towns?|hamlets?|hills?|hilltops?|mountains?|mount|heights|farms?|fields?|dam|"
    r"airbase|air\s+base|airport|airfield|base|barracks|camp|checkpoint|crossroads?|junction|bridge|lake|"
    r"reservoir|silos|factory|plant|station|complex|college|academy|school|hospital|prison|grid|quarry|"
    r"tepe)$|^(?:Tal|Tell|Tall|Jabal|Jebel|Khirbet|Khirbat|Kherbet|Kherbat|Sabkhat|Qasr|Wadi|Mount|Talat|Tallat)\b",
    re.IGNORECASE)
#: a settlement word written around the name: "the town of X", "X village"
_SETTLEMENT_BEFORE_RE = re.compile(r"\b(?:villages?|towns?|hamlets?|city|settlements?)\s+of\s+(?:the\s+)?$",
                                   re.IGNORECASE)
_SETTLEMENT_AFTER_RE = re.compile(r"\s+(?:village|town|hamlet)\b", re.IGNORECASE)
_EVIDENCE_REASONS = ("named as a settlement", "list of places", "coordinated with", "looks like a place",
                     "(a place it also lacks)", "facility")

#: names of lines and regions: no point-like vague area for them
NOT_AN_AREA_RE = re.compile(
    r"\b(?:rivers?|highways?|roads?|railways?|railroads?|motorways?|expressways?|routes?|canals?|valleys?|"
    r"deserts?|plains?|countrysides?|provinces?|governorates?|regions?|borders?|frontlines?|front|"
    r"corridors?|pockets?|belt|lines?)$", re.IGNORECASE)
#: the gap between two items of one list: "A, B", "A and B", "A, as well as B"
_LIST_GAP_RE = re.compile(
    r"(?:" + COORD_GAP_RE.pattern + r"|\s*,?\s+(?:as\s+well\s+as|along\s+with|together\s+with|in\s+addition\s+to)"
    r"\s+)(?:the\s+)?(?:(?:villages?|towns?|hamlets?|hills?)\s+(?:of\s+)?)?", re.IGNORECASE)
#: the gap between an unknown place and the known place it is in / near / of
_NAMED_AFTER_RE = re.compile(
    r"(?:\s+(?:village|town|hamlet|hill|area|farms?))?\s*,?\s+(?:in|of|near|outside|inside|by|at|close\s+to|"
    r"on\s+the\s+outskirts\s+of|in\s+the\s+(?:vicinity|outskirts|countryside|area)\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|area|district)\s+of\s+)?(?:(?:rural|eastern|western|northern|southern)\s+)?",
    re.IGNORECASE)
#: how many characters after an unknown name its container may start
_AFTER_CHARS = 60


def _area(anchor: Place, radius_km: float, method: str, phrase: str, note: str) -> Location:
    """An area-only Location: a disc of ``radius_km`` around ``anchor`` (point = the anchor's)."""
    return Location(lat=anchor.lat, lon=anchor.lon, method=method, precision="area", uncertainty_km=radius_km,
                    area=geo.disc(anchor.lat, anchor.lon, radius_km), anchor=anchor, phrase=phrase,
                    is_point=False, notes=(note,))


def _point_place(m: Mention) -> Optional[Place]:
    """The gazetteer place of a toponym mention usable as an anchor (no region, dateline)."""
    if m.kind != MENTION_TOPONYM or m.place is None or is_region_place(m.place) or m.reason.startswith("region"):
        return None
    return m.place


def _list_neighbour(text: str, mentions: list[Mention], i: int) -> Optional[Place]:
    """The known place of the list the unknown mention ``i`` stands in: the nearest item
    linked to it by list gaps only (through other unknown items), after it first."""
    for step in (1, -1):
        k = i
        while 0 <= k + step < len(mentions):
            a, b = (mentions[k], mentions[k + step]) if step == 1 else (mentions[k + step], mentions[k])
            if not _LIST_GAP_RE.fullmatch(text, a.end, b.start):
                break
            k += step
            nb = mentions[k]
            place = _point_place(nb)
            if place is not None:
                return place
            if nb.kind != MENTION_UNKNOWN:
                break
    return None


def _named_after(text: str, mentions: list[Mention], starts: list[int], m: Mention) -> Optional[Location]:
    """"A in B", "A village near B", "A in the Hama countryside": the area B gives."""
    k = bisect.bisect_left(starts, m.end)
    if k >= len(mentions) or mentions[k].start > m.end + _AFTER_CHARS:
        return None
    x = mentions[k]
    if x.kind != MENTION_TOPONYM or x.place is None or not _NAMED_AFTER_RE.fullmatch(text, m.end, x.start):
        return None
    if is_region_place(x.place) or x.reason.startswith("region"):
        reg = governorate_location(text, x)
        if reg is None:
            return None
        return Location(lat=reg.lat, lon=reg.lon, method=METHOD_REGION, precision="region",
                        uncertainty_km=reg.uncertainty_km, area=reg.area, anchor=reg.anchor, phrase=m.surface,
                        is_point=False, notes=(f"{m.surface!r} is not in the gazetteer: somewhere in "
                                               f"{reg.anchor.name if reg.anchor else x.surface}, as the text says",))
    r = place_location(x.place).uncertainty_km + NAMED_TOWN_EXTRA_KM
    return _area(x.place, r, METHOD_DISTANCE, m.surface,
                 f"{m.surface!r} is not in the gazetteer: placed in or near {x.place.name} "
                 f"({r:g} km), as the text says ({text[m.end:x.start].strip(' ,')!r} {x.surface})")


def vague_location(text: str, mentions: list[Mention], i: int, focus: Optional[Focus],
                   starts: Optional[list[int]] = None) -> Optional[Location]:
    """The wide area of the unknown mention ``mentions[i]`` (see the module doc), or None
    (a line or region name, or nothing in the text to place it by).

    >>> from mapper.model import Mention
    >>> t = "IS took the villages of Umm Zarub and Manbij."
    >>> ms = [Mention("a", "Umm Zarub", 24, 33, "unknown_toponym", None, 0.0, None),
    ...       Mention("a", "Manbij", 38, 44, "toponym", Place("p:1", "Manbij", 36.53, 37.95, kind="city"), 1.0, None)]
    >>> loc = vague_location(t, ms, 0, None)
    >>> (loc.method, loc.anchor.name, loc.uncertainty_km, loc.is_point, loc.place)
    ('distance', 'Manbij', 10.0, False, None)
    """
    m = mentions[i]
    if m.kind != MENTION_UNKNOWN or NOT_AN_AREA_RE.search(m.surface.strip()):
        return None
    starts = starts if starts is not None else [x.start for x in mentions]
    nb = _list_neighbour(text, mentions, i)
    if nb is not None:
        return _area(nb, LIST_NEIGHBOUR_KM, METHOD_DISTANCE, m.surface,
                     f"{m.surface!r} is not in the gazetteer: named in one list with {nb.name}, placed within "
                     f"{LIST_NEIGHBOUR_KM:g} km of it")
    after = _named_after(text, mentions, starts, m)
    if after is not None:
        return after
    evidence = _PLACE_WORD_RE.search(m.surface.strip()) is not None or any(r in m.reason for r in _EVIDENCE_REASONS) \
        or _SETTLEMENT_BEFORE_RE.search(text, max(0, m.start - 30), m.start) is not None \
        or _SETTLEMENT_AFTER_RE.match(text, m.end) is not None
    fp = focus.place_at(m.start) if focus is not None and USE_FOCUS_AREA and evidence else None
    if fp is None:
        return None
    return _area(fp, FOCUS_AREA_KM, METHOD_REGION, m.surface,
                 f"{m.surface!r} is not in the gazetteer and the text gives no position: somewhere in the "
                 f"area of {fp.name} (the place the text is about), within {FOCUS_AREA_KM:g} km")


def vague_note(loc: Location) -> str:
    """How a vague Location was obtained, for report.json's ``unresolved`` entry.

    >>> vague_note(_area(Place("p:1", "Manbij", 36.5, 37.9), 25.0, "region", "X", "n"))
    'placed vaguely: within 25 km of Manbij (region)'
    """
    where = loc.anchor.name if loc.anchor is not None else f"{loc.lat:.3f}, {loc.lon:.3f}"
    return f"placed vaguely: within {loc.uncertainty_km:g} km of {where} ({loc.method})"
