"""Places inside a town and areas of governorates (one job: where an unknown
facility / quarter lies).

The container town of an intra-town name (:func:`_container_of`,
:func:`container_mention`), the named facility an unnamed one refers back to
(:func:`facility_antecedent`), the shown name of an unknown place
(:func:`display_name`), the town's disc (:func:`within_location`) and a
governorate's disc (:func:`governorate_location`). Re-exported by
:mod:`mapper.extract.locate`.
"""
from __future__ import annotations

import bisect
import re
from typing import Any, Optional

from gazetteer import geometry as geo
from gazetteer import spatial
from gazetteer.model import METHOD_PART, METHOD_REGION, Location, Place
from mapper.extract.locate.focus import (
    Focus,
    _is_settlement,
    _is_settlement_place,
    place_location,
)
from mapper.extract.mentions.patterns import FACILITY_REASON, REGION_AFTER_RE
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Mention

#: head words of a place inside a town ("the Kijli neighbourhood", "the Bujiya roundabout")
INTRA_CITY_HEADS = (
    r"neighbou?rhoods?|districts?|quarters?|suburbs?|roundabouts?|squares?|markets?|bazaars?|souks?|"
    r"schools?|hospitals?|mosques?|churches|church|prisons?|bakery|bakeries|silos|cemetery|cemeteries|"
    r"university|universities|college|colleges|stadium|department|hotel|palace|towers?|"
    r"residential\s+(?:project|area|complex)|housing(?:\s+(?:project|area))?|(?:train\s+)?station")
_INTRA_HEAD_IN_RE = re.compile(r"(?:^|[\s\-])(?:" + INTRA_CITY_HEADS + r")$", re.IGNORECASE)
#: the head written after the name, possibly after coordinated names:
#: "Al-Haram neighbourhoods", "Sabaa Bahrat and al-Hezwania neighbourhoods"
_INTRA_HEAD_AFTER_RE = re.compile(
    r"(?:(?:\s*,\s*|\s+and\s+)(?:the\s+)?(?:(?:al|el|as|ash|ad|ar|at|az)[\-‐])?[A-Z][\w’'\-]*"
    r"(?:[ \-](?:(?:al|el|as|ash|ad|ar|at|az)[\-‐])?[A-Z][\w’'\-]*){0,2}){0,4}"
    r"\s+(?:" + INTRA_CITY_HEADS + r")\b", re.IGNORECASE)
#: "... in Manbij", "... of the city of Manbij", "... inside Deir ez-Zor" right after the name (+ head)
_CONTAINER_AFTER_RE = re.compile(
    r"(?:\s+(?:" + INTRA_CITY_HEADS + r"))?\s*,?\s+(?:in|of|inside|within)\s+"
    r"(?:(?:the\s+)?(?:(?:city|town)\s+of\s+))?$", re.IGNORECASE)
#: a city-sized place can hold quarters (kinds; any place with a population of 10,000+)
_CONTAINER_KINDS = frozenset({"city", "town", "settlement", "capital"})
CONTAINER_MIN_POPULATION = 10_000


def _can_contain(place: Optional[Place]) -> bool:
    if place is None or (place.kind or "settlement") not in _CONTAINER_KINDS:
        return False
    return place.population is None or place.population >= CONTAINER_MIN_POPULATION or \
        (place.kind or "") in ("city", "town")


#: facilities usually named after the town they serve ("Manbij Silos", "Aleppo University",
#: "Palmyra Prison"); schools, mosques, markets and roundabouts are named after people or ideas
_TOWN_FACILITY_RE = re.compile(r"\s(?:(?:grain\s+)?silos?|university|college|stadium|prison|hospital|cemetery|"
                               r"border\s+crossing|crossing|radar\s+base|(?:train|railway)\s+station|"
                               r"water\s+(?:treatment\s+)?(?:plant|station)|power\s+(?:plant|station))$", re.IGNORECASE)
#: facilities of a town that often stand outside its built-up area (a border crossing, a radar
#: base): their disc is the town's widened by this much (km)
OUTSIDE_FACILITY_RE = re.compile(r"\s(?:border\s+crossing|crossing|radar\s+base|power\s+(?:plant|station)|"
                                 r"water\s+(?:treatment\s+)?(?:plant|station))$", re.IGNORECASE)
OUTSIDE_FACILITY_EXTRA_KM = 3.0
#: a town named in a facility's name ("Manbij Silos") counts when the gazetteer resolves
#: it with at least this score (a fuzzy look-alike is not taken) in the focus's country
FACILITY_TOWN_MIN_SCORE = 0.8


def _container_of(text: str, m: Mention, mentions: list[Mention], focus: Focus,
                  gaz: Any = None, context: Any = None, starts: Optional[list[int]] = None) -> Optional[Place]:
    """The town an unknown place inside a town lies in, or None.

    Only for names with an intra-town head ("the Kijli neighbourhood", "the Bujiya
    roundabout", "Al-Haram and Al-Hawatimah neighbourhoods", a known name
    rejected as "a city quarter"): the town in the facility's own name ("the
    Manbij Silos", resolved with :data:`FACILITY_TOWN_MIN_SCORE`), the town
    named right after it ("... in Manbij"), else the town the paragraph is
    about (:class:`Focus`)."""
    head = _INTRA_HEAD_IN_RE.search(m.surface) or _INTRA_HEAD_AFTER_RE.match(text, m.end) or \
        _TOWN_FACILITY_RE.search(m.surface) or m.reason.startswith(FACILITY_REASON) or \
        m.reason.startswith("a city quarter")
    if not head:
        return None
    place = focus.place_at(m.start)
    # a facility named after its town: "the Manbij Silos", "Palmyra Hospital"
    named = next((x.place for x in mentions if x.kind == MENTION_TOPONYM and x.start == m.start
                  and x.end < m.end and _can_contain(x.place)), None)
    if named is None and gaz is not None and hasattr(gaz, "resolve") and _TOWN_FACILITY_RE.search(m.surface):
        core = _TOWN_FACILITY_RE.sub("", m.surface).strip()
        try:
            cand = gaz.resolve(core, context=context, kind_hint="settlement") if core and core != m.surface else None
        except TypeError:       # a lookup without kind hints
            cand = gaz.resolve(core, context=context) if core and core != m.surface else None
        if cand is not None and cand.score >= FACILITY_TOWN_MIN_SCORE and _is_settlement_place(cand.place) and (
                place is None or cand.place.country == place.country):
            named = cand.place
    if named is not None:
        return named
    if starts is None:
        starts = [x.start for x in mentions]  # sorted by start (scan_mentions); pass it in loops
    for k in range(bisect.bisect_right(starts, m.end), len(mentions)):   # bounded: 60 characters
        x = mentions[k]
        if x.start > m.end + 60:
            break
        if x.kind == MENTION_TOPONYM and _can_contain(x.place) and \
                _CONTAINER_AFTER_RE.search(text, m.end, x.start):
            return x.place
    return place if _can_contain(place) else None


#: how far back (characters) "the hospital" looks for the named hospital it means
FACILITY_COREF_CHARS = 1500
#: heads of city quarters, plural only when shared by coordinated names ("Farms", "Mountains"
#: are often part of a name: "the Akhdar farms", "the Aqil Mountains" keep them)
_PLURAL_HEAD_END_RE = re.compile(r"\s(?P<h>neighbou?rhood|district|quarter|suburb|market|school)s$", re.IGNORECASE)
_FACILITY_WORDS_RE = re.compile(r"[a-z]+(?:\s+[a-z]+)?$", re.IGNORECASE)


#: the gap between coordinated names: "A, B and C", "A, B, and C", "A & B"
COORD_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|&)\s+)")
_FACILITY_GAP_RE = re.compile(r"\s*,?\s*(?:(?:located|situated|lying|just|some|about|roughly|which\s+(?:is|lies))\s+)*")


def display_name(surface: str) -> str:
    """The name an unknown place is shown (and scored) under: a head shared by
    coordinated names is singular ("the Sinaa and al-Tal neighborhoods": "al-Tal
    neighborhood"), spaces folded.

    >>> display_name("Mestosaf  neighborhoods")
    'Mestosaf neighborhood'
    """
    name = re.sub(r"\s+", " ", surface).strip()
    return _PLURAL_HEAD_END_RE.sub(lambda mm: " " + mm.group("h"), name)


def _head_words(surface: str) -> str:
    s = re.sub(r"\s+", " ", surface.lower()).strip()
    return re.sub(r"(?<=[a-z])s$", "", s) if not s.endswith("silos") else s


def facility_antecedent(m: Mention, mentions: list[Mention], i: int,
                        new_loc: dict) -> Optional[tuple[str, Optional[Location], str, bool]]:
    """(name, location, key, is settlement) of the named place an unnamed facility
    mention ("the hospital") refers back to: the last mention before it (at most
    :data:`FACILITY_COREF_CHARS` back) whose name ends with the same facility
    words ("Al-Farouq hospital", "the al-Rai grain silos"); None when the text
    named none."""
    # all the facility's words: "the central market" is not "the al-Hal market"
    words = _head_words(m.surface)
    for j in range(i - 1, -1, -1):
        x = mentions[j]
        if m.start - x.end > FACILITY_COREF_CHARS:
            return None
        if x.kind not in (MENTION_TOPONYM, MENTION_UNKNOWN) or x.reason.startswith(FACILITY_REASON):
            continue
        xs = _head_words(x.surface)
        if not xs.endswith(" " + words):
            continue
        if x.place is not None:
            loc = new_loc.get(j) or place_location(x.place, phrase=x.surface)
            return x.place.name, loc, x.place.id, _is_settlement(x)
        name = display_name(x.surface)
        return name, new_loc.get(j), f"unknown:{name.lower()}", False
    return None


def container_mention(text: str, m: Mention, mentions: list[Mention], starts: list[int]) -> Optional[int]:
    """Index of the town mention written right after an intra-town name as its container
    ("the Kijli neighbourhood in Manbij", "the X residential area of al-Rai"): the gap is
    only the head and "in / of / inside (the city of)"; None otherwise."""
    for k in range(bisect.bisect_right(starts, m.end), len(mentions)):
        x = mentions[k]
        if x.start > m.end + 60:
            return None
        if x.kind == MENTION_TOPONYM and _can_contain(x.place) and \
                _CONTAINER_AFTER_RE.fullmatch(text, m.end, x.start):
            return k
        return None
    return None


def within_location(container: Place, phrase: str, extra_km: float = 0.0) -> Location:
    """A place inside ``container`` whose own position is unknown: the container's
    disc (radius = its nominal radius, km), point at its centre, method "part",
    the container kept as the anchor.

    >>> loc = within_location(Place("p:1", "Manbij", 36.528, 37.954, kind="city", population=100_000), "Kijli")
    >>> (loc.method, loc.anchor.name, loc.place, round(loc.uncertainty_km, 1))
    ('part', 'Manbij', None, 4.0)
    """

    base = place_location(container)
    r = base.uncertainty_km + max(0.0, extra_km)
    return Location(lat=container.lat, lon=container.lon, method=METHOD_PART, precision="near",
                    uncertainty_km=r, area=geo.disc(container.lat, container.lon, r), anchor=container,
                    phrase=phrase, is_point=True,
                    notes=(f"{phrase!r} is not in the gazetteer: placed in {container.name} "
                           f"(its {r:g} km disc), the town it lies in",))


def governorate_location(text: str, m: Mention) -> Optional[Location]:
    """The area of a governorate named by a region mention ("Raqqa Governorate",
    "Aleppo province", "the Homs countryside"): a disc of the governorate's
    equal-area radius (km) around its approximate centroid, method "region",
    is_point False; None when the mention names no Syrian governorate.

    >>> from mapper.model import Mention
    >>> t = "an advance into the Raqqa Governorate"
    >>> loc = governorate_location(t, Mention("a", "Raqqa", 20, 25, "toponym", None, 1.0, None))
    >>> (loc.method, loc.anchor.name, loc.is_point, loc.uncertainty_km > 30)
    ('region', 'Raqqa Governorate', False, True)
    """

    ra = REGION_AFTER_RE.match(text, m.end)
    phrase = m.surface + (text[m.end:ra.end()] if ra else "")
    reg = spatial.region_place(phrase) if (ra or re.search(
        r"\s(?:governorate|province|countryside)$", m.surface, re.IGNORECASE)) else None
    if reg is None:
        return None
    place, radius = reg
    return Location(lat=place.lat, lon=place.lon, method=METHOD_REGION, precision="region",
                    uncertainty_km=radius, area=geo.disc(place.lat, place.lon, radius), anchor=place,
                    phrase=phrase, is_point=False,
                    notes=(f"{phrase!r}: the governorate's area (equal-area disc, {radius:.0f} km)",))
