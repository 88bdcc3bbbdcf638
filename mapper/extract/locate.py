"""Mentions and spatial phrases -> Locations, the place a paragraph is about,
and the consistency check between stated offsets and the gazetteer.

Rules:

- a gazetteer place is located at its gazetteer point, uncertainty = the
  nominal radius of its kind (:func:`gazetteer.geometry.nominal_radius_km`);
- a spatial phrase is located from its anchor: the anchor's mention when the
  anchor is a named place, else (anchor by reference "the city", "the town",
  or no anchor: "within two kilometres") the place the text is about at that
  point (:class:`Focus`);
- a phrase right after a named place ("al-Qadri Farms 4km west of Palmyra",
  "a-Sukhna, 31km northeast of Palmyra") is checked with
  :func:`gazetteer.spatial.reconcile`: the gazetteer position wins, the stated
  one is kept in the Location's ``anchor``/``offset_km``/``bearing_deg`` and
  ``notes``; a conflict becomes a warning dict (``kind: "offset_conflict"``);
- an unknown place with a stated offset is placed at the stated position,
  also when only its name is written before the phrase ("the Kijli
  neighbourhood in Manbij", "the village Shakrak, just east of Ayn Issa");
- an UNNAMED place in a sector / ring of an anchor ("captured a ridge south
  of X", "a village 3 km from X") is named by its phrase ("south of X"):
  its point lies in its own uncertainty area and X stays the Location's
  ``anchor``; never X's centre. "advanced to within 3 km of X" keeps X's name
  (X is the objective);
- an unknown place with an intra-town head (neighbourhood, district,
  roundabout, school, silos, hospital...) is placed in its town: the town in
  its own name ("the Manbij Silos"), the town named right after it ("... in
  Manbij"), else the town the paragraph is about; method "part", the town's
  disc as the area (:func:`within_location`);
- "the hospital", "the central market" (unnamed facilities) refer back to the
  last named place with the same facility words ("the al-Rai grain silos"),
  else lie in the town the text is about; a facility named after a town that
  often stands outside it ("the X border crossing") gets the town's disc
  widened by :data:`OUTSIDE_FACILITY_EXTRA_KM`; "the X neighbourhood in Y" is
  one slot (Y only locates X);
- names coordinated before a placed name ("the villages of A, B and C, south
  of X") share its stated position;
- a governorate ("an advance into the Raqqa Governorate", "the Homs
  countryside") is a region Location (the governorate's disc), never a town's
  point; only advances use it (events.py never places a capture at a region);
- "the village", "the airbase", "the dam", "the hill" refer to the last place
  of that kind named before (the village: same paragraph, village-sized);
  "to the west of the airbase" is anchored on it;
- the focus ("the place the paragraph is about") is the most recent
  settlement mention in the paragraph before the position, else the most
  frequent settlement mention before it in the article (ties: the most
  recent), else the most frequent one of the whole article. Datelines,
  bylines, regions, hills, bases and fields are never the focus.

>>> REFERENCE_RE.search("fighting reached the outskirts of the city").group(0)
'the city'
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from gazetteer.errors import GazetteerError
from gazetteer.model import Location, Place
from mapper.extract.mentions import FACILITY_REASON, NON_SETTLEMENT_KINDS, MentionScan, is_region_place
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Article, BuildWarning, Mention, Slot
from mapper.extract.layout import Layout

__all__ = ["Focus", "Located", "locate_article", "place_location", "REFERENCE_RE", "conflict_warning",
           "display_name", "facility_antecedent", "within_location", "governorate_location", "container_mention",
           "sector_name"]

#: "the city", "the ancient city", "the rural Homs town" (not "the city of X", not "the city's")
REFERENCE_RE = re.compile(
    r"\bthe\s+(?:(?:ancient|historic|historical|famed|famous|desert|rural|besieged|strategic|embattled|"
    r"nearby|key|oasis|whole|entire|old)\s+)*(?:[A-Z][\w\-]+\s+)?(?:city|town)\b(?!\s+of\b)(?!['’]s?\b)")


#: "the village", "the airbase", "the dam", "the hill": the last place of that kind named before
KIND_REFERENCE_RE = re.compile(
    r"\bthe\s+(?:(?:besieged|strategic|nearby|key|military|embattled|whole|entire|same|contested|"
    r"government-held|rebel-held|small)\s+)*(?P<noun>village|air\s?base|airport|airfield|dam|hill|"
    r"oil\s?field|gas\s?field)\b(?!\s+(?:of|in|near)\b)(?![\-‐]|['’]s?\b)", re.IGNORECASE)
_KIND_OF_NOUN = {"village": None, "airbase": ("airbase",), "air base": ("airbase",), "airport": ("airbase",),
                 "airfield": ("airbase",), "dam": ("dam",), "hill": ("hill", "mountain"),
                 "oilfield": ("oil or gas field",), "oil field": ("oil or gas field",),
                 "gasfield": ("oil or gas field",), "gas field": ("oil or gas field",)}
#: how far back (characters, same paragraph) "the village" looks for the village it means
VILLAGE_REFERENCE_CHARS = 600
#: a settlement this populous is a town or city, never "the village"
VILLAGE_MAX_POPULATION = 30_000


def kind_reference(noun: str, pos: int, mentions: list[Mention], layout: Layout) -> Optional[Place]:
    """The place "the <noun>" at ``pos`` refers to: for "the village" the last
    village-sized settlement named in the same paragraph (at most
    :data:`VILLAGE_REFERENCE_CHARS` back, population below
    :data:`VILLAGE_MAX_POPULATION`), for
    "the airbase" / "the dam" / "the hill" the last place of that kind named before.
    ``mentions`` sorted by start. None when the text named none."""
    kinds = _KIND_OF_NOUN.get(re.sub(r"\s+", " ", noun.lower()))
    k = bisect.bisect_left([m.start for m in mentions], pos)
    para = layout.paragraph_index(pos)
    for j in range(k - 1, -1, -1):
        m = mentions[j]
        if m.kind != MENTION_TOPONYM or m.place is None or m.end > pos:
            continue
        if kinds is None:      # "the village": a village-sized settlement of the same paragraph
            if layout.paragraph_index(m.start) != para or pos - m.start > VILLAGE_REFERENCE_CHARS:
                return None
            if _is_settlement(m) and (m.place.kind or "") not in ("city", "capital") and \
                    (m.place.population or 0) < VILLAGE_MAX_POPULATION:
                return m.place
        elif (m.place.kind or "") in kinds:
            return m.place
    return None


def place_location(place: Place, phrase: str = "") -> Location:
    """The Location of a gazetteer place: its point, uncertainty = nominal radius (km)."""
    from gazetteer.geometry import nominal_radius_km

    try:
        r = float(nominal_radius_km(place.kind, place.population))
    except (TypeError, ValueError):
        r = 1.0
    return Location.of_place(place, uncertainty_km=r, phrase=phrase or place.name)


def _is_settlement_place(p: Place) -> bool:
    return (p.kind or "settlement") not in NON_SETTLEMENT_KINDS


def _is_settlement(m: Mention) -> bool:
    return (m.kind == MENTION_TOPONYM and m.place is not None
            and (m.place.kind or "settlement") not in NON_SETTLEMENT_KINDS
            and not m.reason.startswith("region"))


class Focus:
    """The place the text is about at a position (see module docstring)."""

    def __init__(self, layout: Layout, mentions: list[Mention]) -> None:
        self.layout = layout
        self.settlements = [m for m in mentions if _is_settlement(m)]
        self._starts = [m.start for m in self.settlements]
        counts = Counter(m.place.id for m in self.settlements)
        self._overall = None
        if self.settlements:
            best = max(counts.values())
            cands = [m for m in self.settlements if counts[m.place.id] == best]
            self._overall = cands[-1].place

    def paragraph_of(self, pos: int) -> int:
        return max(0, self.layout.paragraph_index(pos))

    def place_at(self, pos: int) -> Optional[Place]:
        """The focus place at character ``pos`` (None when the article names no settlement)."""
        i = bisect.bisect_left(self._starts, pos)
        before = self.settlements[:i]
        if before:
            para = self.paragraph_of(pos)
            last = before[-1]
            if self.paragraph_of(last.start) == para:
                return last.place
            counts = Counter(m.place.id for m in before)
            best = max(counts.values())
            return next(m.place for m in reversed(before) if counts[m.place.id] == best)
        return self._overall

    def slot_at(self, pos: int) -> Optional[Slot]:
        """The focus as a reference Slot at ``pos``."""
        p = self.place_at(pos)
        if p is None:
            return None
        return Slot(pos, pos, p.name, "reference", place_location(p, phrase=p.name), p.id, "")


@dataclass
class Located:
    """Slots for event placement, mentions with locations, warnings, unresolved."""

    slots: list[Slot]
    mentions: list[Mention]
    warnings: list[dict] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)
    focus: Optional[Focus] = None


def conflict_warning(article_id: str, mention: Mention, dis: Any, expr: Any) -> dict:
    """The report.json warning (a :class:`~mapper.model.BuildWarning` as a dict) for a
    stated offset that disagrees with the gazetteer; ``char_start`` is the
    mention's; :func:`mapper.extract.article.extract_article` adds the event id."""
    return BuildWarning(
        "offset_conflict", f"{mention.surface!r}: {dis.message}", article_id, char_start=mention.start,
        details=(("mention", mention.surface), ("phrase", expr.text if expr is not None else ""),
                 ("stated_km", dis.stated_distance_km), ("stated_bearing_deg", dis.stated_bearing_deg),
                 ("gazetteer_km", None if dis.anchor_distance_km is None else round(dis.anchor_distance_km, 2)),
                 ("gazetteer_bearing_deg",
                  None if dis.anchor_bearing_deg is None else round(dis.anchor_bearing_deg, 1)),
                 ("disagreement_km", round(dis.distance_km, 2)))).as_dict()


#: a named text that is an actor, not a place ("ISIL forces 5 km west of X")
_NOT_A_NAME_RE = re.compile(r"^(?:the\s+)?(?:[A-Z]{2,5}|forces|troops|fighters|rebels|militants)\b|"
                            r"\b(?:forces|troops|fighters|rebels|militants|army|units|brigade)$", re.IGNORECASE)


def _unknown_named(text: str, start: int, end: int) -> Optional[str]:
    """The name of an unknown place written before a spatial phrase, or None when
    the words are an actor ("Kurdish forces") or a side name."""
    from mapper.extract.sides import SideTable

    name = re.sub(r"\s+", " ", text[start:end]).strip(" ,;:-–—")
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    if len(name) < 3 or not name[0].isupper() or _NOT_A_NAME_RE.search(name):
        return None
    if SideTable.default().find(name):
        return None
    return name


#: an unnamed place right before a spatial phrase: "a village (located) 3 km from X",
#: "a ridge south of X", "the power plant to the west of X", "positions east of X"
_UNNAMED_PLACE_BEFORE_RE = re.compile(
    r"\b(?:a|an|the|some|several|two|three|four|five|six|seven|eight|nine|ten|\d+|few|many|large|small|"
    r"other|more|nearby)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:villages?|hills?|hilltops?|ridges?|areas?|positions?|farms?|points?|posts?|outposts?|checkpoints?|"
    r"stations?|plants?|bases?|heights?|mountains?|towns?|hamlets?|fields?|factory|factories|"
    r"crossroads|junctions?|bridges?|dams?|plains?|pockets?|territory|countryside|locations?|sites?|"
    r"buildings?|neighbou?rhoods?|districts?|quarters?|roads?|highways?)"
    r"\s*,?\s*(?:(?:located|situated|lying|just|some|about|roughly|around|approximately|nearly|only|"
    r"which\s+(?:is|lies)|that\s+(?:is|lies))\s+)*$", re.IGNORECASE)


def sector_name(expr: Any, anchor: Place) -> str:
    """The name of an unnamed place given by a direction / distance from ``anchor``:
    the phrase with the anchor's gazetteer name ("3 km from Maskanah", "south of Manbij").

    >>> from types import SimpleNamespace
    >>> sector_name(SimpleNamespace(text="just three kilometers from the town", anchor_text="the town"),
    ...             Place("p:1", "Maskanah", 35.96, 38.04))
    'just three kilometers from Maskanah'
    """
    phrase = re.sub(r"\s+", " ", getattr(expr, "text", "") or "").strip()
    anchor_text = getattr(expr, "anchor_text", None)
    if anchor_text and anchor_text in phrase:
        phrase = phrase.replace(anchor_text, anchor.name, 1)
    elif anchor.name not in phrase:
        phrase = f"{phrase} {anchor.name}".strip() if phrase.endswith((" of", " from")) else \
            f"{phrase} (near {anchor.name})".strip()
    return phrase or anchor.name


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


def _container_of(text: str, m: Mention, mentions: list[Mention], focus: "Focus",
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
    from gazetteer import geometry as geo
    from gazetteer.model import METHOD_PART

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
    from gazetteer import geometry as geo
    from gazetteer import spatial
    from gazetteer.model import METHOD_REGION
    from mapper.extract.mentions import REGION_AFTER_RE

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


def _clean_anchor(s: str) -> str:
    return re.sub(r"^(?:at|in|of|near|the)\s+", "", s.strip(), flags=re.IGNORECASE).strip(" ’'s")


def locate_article(article: Article, scan: MentionScan, gaz: Any, layout: Optional[Layout] = None) -> Located:
    """Locate every mention / phrase of the article and build the event slots.

    ``layout`` is the article's :class:`~mapper.extract.layout.Layout` (built
    here when None); the focus is per layout paragraph."""
    from gazetteer import spatial

    text = article.text
    body_end = len(text) if article.body_end is None else min(article.body_end, len(text))
    mentions = list(scan.mentions)
    focus = Focus(layout if layout is not None else Layout.of(article), mentions)
    by_start = {(m.start, m.end): i for i, m in enumerate(mentions)}
    consumed: set[int] = set()       # mention indexes absorbed into a phrase slot
    slots: list[Slot] = []
    warnings: list[dict] = []
    unresolved: list[dict] = []
    new_loc: dict[int, Location] = {}

    def mention_in(s: int, e: int) -> Optional[int]:
        best = None
        for i, m in enumerate(mentions):
            if m.kind in (MENTION_TOPONYM, MENTION_UNKNOWN) and m.start >= s and m.end <= e:
                if best is None or (m.end - m.start) > (mentions[best].end - mentions[best].start):
                    best = i
        return best

    for f in scan.expressions:
        oi = by_start.get((f.start, f.end))
        expr = f.expr
        if expr is None:
            unresolved.append({"article": article.id, "mention": f.text, "char_start": f.start,
                               "reason": f"spatial phrase not usable: {f.error}"})
            continue
        anchor: Optional[Place] = None
        ai = None
        if f.anchor_start is not None and not expr.anchor_is_reference:
            ai = mention_in(f.anchor_start, f.anchor_end)
            if ai is not None and mentions[ai].place is not None:
                anchor = mentions[ai].place
        elif ai is None:
            ai = mention_in(f.start, f.end)
        if anchor is None and expr.anchor_is_reference and expr.anchor_text:
            # "to the west of the airbase": the last airbase named, not the town the text is about
            kr = KIND_REFERENCE_RE.fullmatch(expr.anchor_text.strip())
            if kr is not None and _KIND_OF_NOUN.get(re.sub(r"\s+", " ", kr.group("noun").lower())):
                anchor = kind_reference(kr.group("noun"), f.start, mentions, focus.layout)
        if anchor is None and (expr.anchor_is_reference or expr.anchor_text is None):
            anchor = focus.place_at(f.start)
        if anchor is None and expr.anchor_text:
            # "to the west of the airbase": the last airbase named
            kr = KIND_REFERENCE_RE.fullmatch(expr.anchor_text.strip())
            if kr is not None:
                anchor = kind_reference(kr.group("noun"), f.start, mentions, focus.layout)
        loc: Optional[Location] = None
        try:
            if anchor is not None and not (expr.kind == "region" and not is_region_place(anchor)
                                           and spatial.region_place(expr.anchor_text or "")):
                loc = spatial.locate(expr, anchor)
            else:
                loc = spatial.resolve(_clean_anchor(f.text) if expr.anchor_text else f.text, gaz,
                                      context_anchor=focus.place_at(f.start), context=scan.context)
                anchor = loc.anchor or loc.place or anchor
        except (GazetteerError, ValueError) as exc:
            unresolved.append({"article": article.id, "mention": f.text, "char_start": f.start,
                               "reason": f"spatial phrase could not be placed: {exc}"})
            continue
        for i, m in enumerate(mentions):
            if m.kind in (MENTION_TOPONYM, MENTION_UNKNOWN) and m.start >= f.start and m.end <= f.end:
                consumed.add(i)
        if oi is not None:
            new_loc[oi] = loc
        named_i = by_start.get((f.named_start, f.named_end)) if f.named_start is not None else None
        if named_i is None and f.named_start is not None:
            named_i = mention_in(f.named_start, f.named_end)
        if named_i is None and f.named_start is None:
            # an unnamed facility right before the phrase: "the power plant to the west of the airbase"
            named_i = next((k for k, x in enumerate(mentions) if x.kind == MENTION_UNKNOWN
                            and x.reason.startswith(FACILITY_REASON) and x.end <= f.start
                            and _FACILITY_GAP_RE.fullmatch(text, x.end, f.start)), None)
        if named_i is None and f.named_start is not None:
            # a longer mention holding the named words ("Syria Tel Hill (Tal Syria Tel), outside X")
            named_i = next((k for k, x in enumerate(mentions) if x.kind in (MENTION_TOPONYM, MENTION_UNKNOWN)
                            and x.start <= f.named_start and f.named_end <= x.end and x.end <= f.start), None)
        if named_i is None and f.named_start is not None and anchor is not None:
            # "the Kijli neighbourhood in Manbij", "the village Shakrak, just east of Ayn Issa":
            # a name the gazetteer does not hold, placed where the phrase says (its own area)
            named = _unknown_named(text, f.named_start, f.named_end)
            if named is not None:
                stated = replace(loc, notes=loc.notes + (
                    f"{named!r} is not in the gazetteer: placed at the stated position ({expr.text!r})",))
                slots.append(Slot(f.named_start, f.end, named, "unknown", stated,
                                  f"unknown:{named.lower()}", text[f.named_start:f.named_end]))
                continue
        if named_i is not None and named_i not in consumed:
            nm = mentions[named_i]
            consumed.add(named_i)
            if nm.place is not None:
                rec = spatial.reconcile(nm.place, loc)
                chosen = rec.location
                if rec.disagreement is not None and rec.disagreement.is_conflict:
                    warnings.append(conflict_warning(article.id, nm, rec.disagreement, expr))
                new_loc[named_i] = chosen
                slots.append(Slot(nm.start, f.end, nm.place.name, "place", chosen, nm.place.id, nm.surface,
                                  _is_settlement(nm)))
            else:
                stated = replace(loc, notes=loc.notes + (
                    f"{nm.surface!r} is not in the gazetteer: placed at the stated position "
                    f"({expr.text!r})",))
                new_loc[named_i] = stated
                shown = display_name(nm.surface)
                slots.append(Slot(nm.start, f.end, shown, "unknown", stated,
                                  f"unknown:{shown.lower()}", nm.surface))
            # "the villages of A, B and C, southwest of X": A and B (unknown) lie where C does
            k = named_i
            while k > 0 and COORD_GAP_RE.fullmatch(text, mentions[k - 1].end, mentions[k].start):
                k -= 1
                prev = mentions[k]
                if prev.kind != MENTION_UNKNOWN or k in consumed or prev.reason.startswith(FACILITY_REASON):
                    break
                consumed.add(k)
                shared = replace(loc, phrase=prev.surface, notes=loc.notes + (
                    f"{prev.surface!r} is not in the gazetteer: coordinated with {nm.surface!r}, placed at "
                    f"its stated position ({expr.text!r})",))
                new_loc[k] = shared
                shown = display_name(prev.surface)
                slots.append(Slot(prev.start, prev.end, shown, "unknown", shared, f"unknown:{shown.lower()}",
                                  prev.surface))
            continue
        if anchor is None:
            continue
        kind = "region" if (expr.kind == "region" or is_region_place(anchor)) else "offset"
        # a part of a whole country ("northern Syria") is too vague to map an event at
        slot_loc = None if (anchor.kind or "") == "country" else loc
        # an unnamed place in a sector / ring of the anchor ("a ridge south of X", "a village
        # 3 km from X") is not X: it is named by its phrase, X stays the Location's anchor
        # (only when an unnamed place noun stands before the phrase; "advanced to within 2 km of X":
        # X is the objective and keeps its name)
        unnamed = kind != "region" and expr.kind != "part" and \
            _UNNAMED_PLACE_BEFORE_RE.search(text, max(0, f.start - 60), f.start) is not None
        name = sector_name(expr, anchor) if unnamed else anchor.name
        slots.append(Slot(f.start, f.end, name, kind, slot_loc, anchor.id, f.text))

    # plain toponyms / unknown toponyms
    mention_starts = [x.start for x in mentions]
    for i, m in enumerate(mentions):
        if i in consumed:
            continue
        if m.kind == MENTION_TOPONYM and m.place is not None:
            region = m.reason.startswith("region") or m.start in scan.regions or is_region_place(m.place)
            loc = place_location(m.place, phrase=m.surface)
            new_loc.setdefault(i, loc)
            if region:
                # a governorate is an area ("an advance into Raqqa Governorate"), never a town's point;
                # control kinds never use a region slot (events.py), advances may
                rloc = governorate_location(text, m)
                if rloc is not None:
                    new_loc[i] = rloc
                    slots.append(Slot(m.start, m.end, rloc.anchor.name, "region", rloc, rloc.anchor.id, m.surface))
                else:
                    slots.append(Slot(m.start, m.end, m.place.name, "region", None, m.place.id, m.surface))
            else:
                slots.append(Slot(m.start, m.end, m.place.name, "place", loc, m.place.id, m.surface,
                                  _is_settlement(m)))
        elif m.kind == MENTION_UNKNOWN:
            if m.reason.startswith(FACILITY_REASON):
                ante = facility_antecedent(m, mentions, i, new_loc)
                if ante is not None:       # "the grain silos" after "the al-Rai grain silos"
                    a_name, a_loc, a_key, a_settle = ante
                    if a_loc is not None:
                        new_loc[i] = a_loc
                    slots.append(Slot(m.start, m.end, a_name, "unknown" if a_key.startswith("unknown:") else "place",
                                      a_loc, a_key, m.surface, a_settle))
                    continue
            container = _container_of(text, m, mentions, focus, gaz, scan.context, mention_starts)
            loc = None
            end = m.end
            if container is not None:
                extra = OUTSIDE_FACILITY_EXTRA_KM if OUTSIDE_FACILITY_RE.search(m.surface) else 0.0
                loc = within_location(container, m.surface, extra)
                new_loc[i] = loc
                # "the X neighbourhood in Manbij" is one place: the town only locates it
                k = container_mention(text, m, mentions, mention_starts)
                if k is not None and mentions[k].place is not None and mentions[k].place.id == container.id:
                    consumed.add(k)
                    new_loc[k] = place_location(container, phrase=mentions[k].surface)
                    end = mentions[k].end
            name = display_name(m.surface)
            slots.append(Slot(m.start, end, name, "unknown", loc, f"unknown:{name.lower()}",
                              text[m.start:end]))
    for i, m in enumerate(mentions):
        if m.kind == MENTION_UNKNOWN and i not in new_loc:
            # the closest gazetteer candidates and their scores (issue 10): reported, never placed
            closest = getattr(gaz, "closest", None) if not m.reason.startswith(FACILITY_REASON) else None
            unresolved.append({"article": article.id, "mention": m.surface, "char_start": m.start,
                               "reason": m.reason or "not in the gazetteer",
                               "candidates": closest(m.surface, scan.context) if closest else []})

    # references: "the city" -> the focus
    taken = sorted((s.start, s.end) for s in slots)
    for r in REFERENCE_RE.finditer(text, 0, body_end):
        if any(a < r.end() and r.start() < b for a, b in taken):
            # "the rural Homs town": the region hit inside is replaced by the reference
            inner = [s for s in slots if s.start >= r.start() and s.end <= r.end() and s.kind == "region"]
            if not inner:
                continue
            slots = [s for s in slots if s not in inner]
        fs = focus.slot_at(r.start())
        if fs is not None:
            slots.append(replace(fs, start=r.start(), end=r.end(), surface=r.group(0)))
    # "the village", "the airbase": the last place of that kind (not the focus town)
    taken = sorted((s.start, s.end) for s in slots)
    lay = layout if layout is not None else focus.layout
    for r in KIND_REFERENCE_RE.finditer(text, 0, body_end):
        if any(a < r.end() and r.start() < b for a, b in taken):
            continue
        ref = kind_reference(r.group("noun"), r.start(), mentions, lay)
        if ref is not None:
            slots.append(Slot(r.start(), r.end(), ref.name, "reference", place_location(ref, phrase=r.group(0)),
                              ref.id, r.group(0), _is_settlement_place(ref)))
    slots.sort(key=lambda s: (s.start, -s.end))
    # drop slots nested inside a longer slot (anchor names inside phrases)
    kept: list[Slot] = []
    for s in slots:
        if kept and s.start >= kept[-1].start and s.end <= kept[-1].end and s is not kept[-1]:
            continue
        kept.append(s)
    located_mentions = [replace(m, location=new_loc[i]) if i in new_loc else m for i, m in enumerate(mentions)]
    return Located(kept, located_mentions, warnings, unresolved, focus)
