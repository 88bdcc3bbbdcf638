"""Relative and vague location phrases -> geometry with honest uncertainty.

"4km west of Palmyra" becomes a point 4 km due west of Palmyra (geodesic) with
an annular-sector uncertainty area; "within two kilometres" becomes a ring
around the place under discussion; "the western suburb of Palmyra" a sector
of Palmyra's nominal disc. Everything is parsed by ONE compiled regex grammar
(:data:`SPATIAL_RE`), never by loops over place names.

>>> e = parse("al-Qadri Farms 4km west of Palmyra")
>>> e.kind, e.distance_km, e.bearing_deg, e.anchor_text, e.named_text
('offset', 4.0, 270.0, 'Palmyra', 'al-Qadri Farms')
>>> palmyra = Place(id="p", name="Palmyra", lat=34.56, lon=38.285)
>>> loc = locate(e, palmyra)
>>> round(loc.lat, 3), round(loc.lon, 3), round(loc.uncertainty_km, 1)
(34.56, 38.241, 2.0)

Conventions: distances in km, bearings in degrees clockwise from true north,
positions (lat, lon) in arguments / attributes, polygons lon/lat (shapely,
EPSG:4326). Geometry comes from :mod:`gazetteer.geometry`.

Spreads (also in docs/SPATIAL.md)
---------------------------------
Direction: ±45° for N/E/S/W, ±22.5° for NE/SE/SW/NW, ±11.25° for the
16-point NNE-style directions.

Distance (the stated number N, converted to km):

* plain "N km": N ± max(25 % of N, 1 km), floored at 0;
* "about / around / roughly / approximately / some / nearly / almost N":
  N ± max(30 % of N, 1 km);
* "between A and B", "A–B", "A to B": [A, B]; a range narrower than 2 km is
  widened symmetrically to 2 km (floored at 0); the representative distance is
  the midpoint;
* "within / less than / under / up to / no more than N": [0, N], midpoint N/2;
* "more than / over / at least / beyond N": [N, N + max(50 % of N, 2 km)];
* vague: "a couple of" 1.5–3, "a few" 2–5, "several" 3–9 (in the stated unit);
* "N km (M miles)": the first figure is used, the parenthesis ignored;
* a distance of 0 or above :data:`MAX_OFFSET_KM` (500 km), or a negative one,
  is an error.

Direction-only phrases ("west of Palmyra") use a wedge out to
``max(DIRECTION_REACH_KM = 15 km, 3·R)`` (R = nominal radius of the anchor,
:func:`gazetteer.geometry.nominal_radius_km`; regions: 1.5·R); the
representative point is half-way out along the bearing, ``is_point`` False.
"overlooking/facing X to the east" means X lies east of the subject, so the
subject is WEST of X (bearing reversed).

Parts of a place (multiples of the place's nominal radius R):

* suburb / neighbourhood / district / quarter: 0.3R–1.2R
  ("the western suburb" = sector W ±45° between 0.3R and 1.2R);
* "western Palmyra", part / side / half / "in the west of the city": 0–1.0R;
* outskirts / periphery / edge / fringes / environs / gates: 0.8R–1.5R;
* centre / center / heart / downtown / core / old city: disc 0–0.4R
  (direction ignored).

Regions ("eastern Homs Governorate", "the eastern countryside of Homs",
"rural Idlib"): when the anchor names a Syrian governorate
(data/spatial_words.yaml) the region is a disc of the governorate's
equal-area radius Rg around its approximate centroid; a direction takes the
sector ±spread of it (0–Rg), point half-way out. Countryside of a place that
is not a governorate: 1.2R to 1.2R + 30 km.

Anchors by reference ("the city", "the town", "the ancient city", "the
village") and anchorless rings ("within two kilometres") mean the place the
text is about: pass it as ``context_anchor``; without one
:class:`SpatialExpressionError` is raised.

Which position the map uses (ONE rule, :func:`reconcile`): the gazetteer
position of a named place wins when it is known (it is a surveyed point);
the stated offset position is kept as ``alt`` and the :class:`Disagreement` is
reported (a conflict when the gazetteer point is outside the uncertainty area
AND more than max(2 km, uncertainty_km) from the stated point). An offset-only
location is used when the named place is unknown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Optional, Union

import yaml

from gazetteer import geometry as geo
from gazetteer.errors import GazetteerError, SpatialExpressionError
from gazetteer.model import (METHOD_DIRECTION, METHOD_DISTANCE, METHOD_OFFSET, METHOD_PART,
                             METHOD_REGION, Location, Place)

__all__ = [
    "KIND_OFFSET", "KIND_DISTANCE", "KIND_DIRECTION", "KIND_PART", "KIND_REGION",
    "MAX_OFFSET_KM", "DIRECTION_REACH_KM", "SPATIAL_RE",
    "SpatialExpression", "FoundExpression", "Disagreement", "Reconciled",
    "parse", "parse_direction", "find_expressions", "locate", "resolve", "compare",
    "reconcile", "region_place",
]

KIND_OFFSET = "offset"
KIND_DISTANCE = "distance"
KIND_DIRECTION = "direction"
KIND_PART = "part"
KIND_REGION = "region"

#: Largest plausible stated offset (km); anything above is a parse error.
MAX_OFFSET_KM = 500.0
#: Minimum reach (km) of a direction-only wedge.
DIRECTION_REACH_KM = 15.0
#: Extra reach (km) of "the countryside of X" beyond 1.2 R when X is not a governorate.
COUNTRYSIDE_REACH_KM = 30.0

_UNIT_KM = {"km": 1.0, "mi": 1.609344, "m": 0.001}
_VAGUE = {"a couple of": (1.5, 3.0), "a few": (2.0, 5.0), "several": (3.0, 9.0),
          "a few hundred": (200.0, 500.0), "several hundred": (300.0, 900.0),
          "hundreds of": (200.0, 900.0)}
_PART_RADII = {  # part class -> (inner, outer) multiples of the nominal radius
    "inner": (0.3, 1.2), "side": (0.0, 1.0), "edge": (0.8, 1.5), "center": (0.0, 0.4),
}
_REGION_KINDS = {"region", "governorate", "province", "country", "district"}

# --------------------------------------------------------------------------- grammar
S = r"\s{1,3}"          # bounded whitespace keeps the regex linear on hostile input
SO = r"\s{0,3}"
CAP = r"(?-i:[A-Z\u00C0-\u00DE])"
_STOP = (r"(?-i:(?:On|In|At|The|A|An|And|But|Or|Of|To|For|With|From|By|As|This|That|These|"
         r"Those|It|Its|He|She|They|We|His|Her|Their|Our|If|When|While|After|Before|Since|"
         r"During|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
         r"March|April|May|June|July|August|September|October|November|December|Syrian|"
         r"Russian|Iranian|Turkish|Kurdish|Iraqi|American|IS|ISIS|ISIL|Daesh|Regime|"
         r"Government|Army|Reuters|AFP|AP)(?![\w\-]))")
# Arabic article forms; the ones that are also English words only count when hyphenated
_PARTICLE = (r"(?:(?:al|el|ash|ad|ar|az|ez|ed|es|er|bin|ibn|abu|umm)[\-\s]"
             r"|(?:a|an|as|at|de|du|la)-)")
_NAMEWORD = rf"(?!{_STOP}){CAP}(?:[\w\-]|['’](?![sS]\b)(?=\w)){{0,30}}(?!\w)"
NAME = rf"(?:{_PARTICLE})?{_NAMEWORD}(?:{S}(?:{_PARTICLE})?{_NAMEWORD}){{0,4}}"

_CARD = r"(?:north|south|east|west)"
DIR = rf"{_CARD}(?:[\s\-]?{_CARD}){{0,2}}(?:ern|erly|wards?)?\b"
_ABBR = r"(?-i:(?:[NS](?:[NS]?[EW])?|[EW](?:[NS][EW])?)\b)"
DIRADJ_LC = (r"(?-i:(?:north|south)[\s\-]?(?:east|west)ern|(?:north|south|east|west)ern"
             r"|central)\b")
DIRADJ = rf"(?:{_CARD}(?:[\s\-]?{_CARD})?ern|central)\b"

_U1 = "one|two|three|four|five|six|seven|eight|nine"
_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMW = (rf"(?:(?:a|one|two|three|four|five)\s(?:hundred)|(?:{_TENS})(?:[\s\-](?:{_U1}))?"
         rf"|(?:{_TEEN})|(?:{_U1})|hundred|half{S}an?|an?)\b(?:{S}and{S}a{S}half)?")
NUM = (rf"(?:(?<![\w.,])\d{{1,3}}(?:,\d{{3}}){{1,3}}(?![\d,])|(?<![\w.])\d{{1,6}}(?:\.\d{{1,3}})?"
       rf"(?![\d])|(?<![\w\-]){_NUMW})")
UNIT = r"(?:kilomet(?:er|re)s?|kms?|miles?|mi|met(?:er|re)s?|m)\b"
_PAREN = r"(?:\s{0,2}\([^()\n]{1,40}\))?"
_APPROX = (r"about|around|roughly|approximately|approx\.|some|nearly|almost|close\s+to|"
           r"an\s+estimated|an\s+approximate|estimated|circa|ca\.")
_UPPER = (r"within|less\s+than|under|up\s+to|no\s+more\s+than|not\s+more\s+than|fewer\s+than|"
          r"below|inside|at\s+most|just\s+under")
_LOWER = r"more\s+than|over|at\s+least|beyond|just\s+over|upwards\s+of"
_EXACT = r"just|only|exactly|precisely"
_VAGUE_RE = (r"a\s+few\s+hundred|several\s+hundred|hundreds\s+of|a\s+couple\s+of|a\s+few"
             r"|several")

_REFADJ = (r"(?:ancient|historic|historical|old|nearby|besieged|embattled|desert|same|oasis|"
           r"small|key|strategic|northern|southern|eastern|western|central|rural|border)")
_REFNOUN = r"(?:city|town|village|settlement|hamlet|area|oasis|base|airbase|district|province)"
_REF = rf"the{S}(?:{_REFADJ}{S}){{0,2}}{_REFNOUN}\b"
_TOWN_OF = (rf"(?:(?:the{S})?(?:[\w\-]{{1,30}}{S}){{0,5}}?(?:city|town|village|hamlet|settlement|"
            rf"area|oasis|region|province|governorate|district|municipality){S}of{S})")
_HELD = rf"(?:[\w]{{1,20}}-(?:held|controlled|besieged|occupied|run){S})"
_CENTRE_TAIL = (rf"(?:['’]s?{S}(?:city{S}|town{S})?(?:center|centre|downtown|heart|"
                rf"old{S}city)\b)?")

_PN_INNER = r"suburbs?|neighbou?rhoods?|districts?|quarters?|sub-districts?"
_PN_SIDE = r"parts?|sides?|half|sections?|sectors?|areas?"
_PN_EDGE = (r"outskirts?|peripher(?:y|ies)|edges?|fringes?|environs|perimeter|gates?|"
            r"entrances?|limits|surroundings|approaches")
_PN_CENTER = r"cent(?:er|re)|heart|downtown|core|middle|old{S}(?:city|town)"
_PN_REGION = r"countryside|rural\s+areas|hinterland|desert|province|governorate|region"
PARTNOUN = rf"(?:{_PN_INNER}|{_PN_SIDE}|{_PN_EDGE}|{_PN_CENTER}|{_PN_REGION})\b"
_REGION_SUFFIX = r"(?:governorate|province|countryside|desert|region|hinterland)\b"


def _anchor(p: str, tail: bool = True) -> str:
    """Anchor alternatives with groups ``{p}_ref`` / ``{p}_name``."""
    t = _CENTRE_TAIL if tail else ""
    return (rf"(?:(?P<{p}_ref>{_REF})(?!{S}of\b){t}"
            rf"|{_TOWN_OF}?{_HELD}?(?P<{p}_name>{NAME}){t})")


def _dist(p: str, qual: bool = True) -> str:
    """A distance with groups {p}_q {p}_vague {p}_lo {p}_hi {p}_neg {p}_num {p}_unit."""
    q = (rf"(?:\b(?P<{p}_q>(?P<{p}_qa>{_APPROX})|(?P<{p}_qu>{_UPPER})|(?P<{p}_ql>{_LOWER})"
         rf"|{_EXACT}){S})?") if qual else ""
    return (rf"{q}(?:\b(?P<{p}_vague>{_VAGUE_RE}){S}"
            rf"|(?:between{S})?(?P<{p}_lo>{NUM}){SO}(?:{UNIT}{SO})?(?:–|—|-|to|and|or){SO}"
            rf"(?P<{p}_hi>{NUM}){SO}-?{SO}"
            rf"|(?P<{p}_neg>(?<![\w.])[-−–]{SO})?(?P<{p}_num>{NUM}){SO}-?{SO})"
            rf"(?P<{p}_unit>{UNIT}){_PAREN}")


_BRANCHES = {
    # One branch for everything that starts with a distance (matched once):
    #   4km west of Palmyra / between 30 and 35 km east of Resafa / 3 km (1.8 mi) N of the town
    #   within 24 km of Palmyra / roughly four kilometers away from ... Palmyra
    #   within two kilometres / 2 km away  (the place under discussion)
    "measure": rf"{_dist('o')}(?:{S}(?:(?:to|in){S}the{S})?(?P<o_dir>{DIR}|{_ABBR}\.?){S}"
               rf"(?:of|from){S}{_anchor('o')}"
               rf"|{S}(?:away{S})?(?:from|of){S}(?:the{S}(?P<d_part>heart|cent(?:er|re)|"
               rf"outskirts|edge){S}of{S})?{_anchor('d')}"
               rf"|(?P<g_ring>(?(o_qu)(?!{S}(?:{DIR}|away))|(?!)))"
               rf"|{S}(?P<h_away>away)\b(?!{S}(?:from|of)\b))",
    # (without a direction: "the suburb of X" names X itself, so only edge / centre /
    # region nouns take "of"; "neighbourhoods in X" is a part of X)
    "part_of": rf"\b(?:the{S})?(?:(?P<p_dir>{DIRADJ}){S}(?P<p_noun>{PARTNOUN}){S}(?:of|in)"
               rf"|(?P<p_noun2>(?:{_PN_EDGE}|{_PN_CENTER}|{_PN_REGION})\b){S}(?:of|in)"
               rf"|(?P<p_noun3>(?:{_PN_INNER})\b){S}in){S}{_anchor('p', tail=False)}",
    # Palmyra's outskirts / the city's eastern periphery / Homs' eastern countryside
    "part_poss": rf"(?:\b(?P<q_ref>{_REF})|(?<![\w\-])(?P<q_name>{NAME}))['’]s?{S}"
                 rf"(?:(?P<q_dir>{DIRADJ}){S})?(?P<q_noun>{PARTNOUN})",
    # the city center / the town outskirts
    "part_ref": rf"\b(?P<c_ref>the{S}(?:{_REFADJ}{S})?(?:city|town|village)){S}"
                rf"(?P<c_noun>cent(?:er|re)|outskirts|limits|edge|heart)\b",
    # western Palmyra / eastern Homs Governorate / rural Idlib / downtown Homs
    "part_adj": rf"(?<![\w\-])(?:(?P<a_dir>{DIRADJ_LC})|(?P<a_noun>(?-i:rural|downtown)\b)){S}"
                rf"{_HELD}?(?P<a_name>{NAME})(?:{S}(?P<a_suffix>{_REGION_SUFFIX}))?"
                rf"(?!{S}(?:town|city|village|settlement|hamlet)\b)",  # "the rural Homs town"
    # to the west of the city / in the southwest of the city / west of Palmyra
    "dir_of": rf"\b(?:(?P<r_prep>to|in){S}the{S})?(?P<r_dir>{DIR}){S}(?:of|from){S}"
              rf"{_anchor('r')}",
    # to the city's northwest
    "dir_poss": rf"\b(?:(?P<s_prep>to|in){S})?(?:(?P<s_ref>{_REF})|(?P<s_name>{NAME}))['’]s?{S}"
                rf"(?P<s_dir>{DIR})(?!{S}(?:{PARTNOUN}))",
    # overlooking Palmyra to the east  (Palmyra lies east: the subject is west of it)
    "dir_facing": rf"\b(?:overlooking|overlook|overlooks|facing|faces){S}{_anchor('f', tail=False)}"
                  rf"{S}(?P<f_prep>to|from|in){S}the{S}(?P<f_dir>{DIR})",
}

#: THE compiled grammar: one alternation of named branches, case-insensitive.
#: The leading look-behind rejects positions inside words before any branch is tried.
SPATIAL_RE = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<B_{k}>{v})" for k, v in _BRANCHES.items())
                        + ")", re.IGNORECASE)

_FEATURE = (r"(?:farms?|hill(?:top)?s?|heights|neighbou?rhood|district|village|town|air{S}?base|"
            r"base|oil{S}?field|gas{S}?field|field|triangle|crossroads?|checkpoint|dam|mountain|"
            r"camp|area|quarter|station|junction|bridge|airport|ridge|valley|plain|palace|"
            r"castle|citadel|hilltop)\b")
#: Look-back for the named place right before an expression ("al-Qadri Farms 4km west...").
NAMED_RE = re.compile(
    rf"(?<![\w\-])[\"“‘]?(?P<named>{NAME}(?:{S}{_FEATURE})?)(?<!-)[\"”’]?{SO}[,–—:-]?{SO}"
    rf"(?:(?:which{S}is|is|lies|located|situated|lying|reportedly|just|some|about|roughly|"
    rf"only|now){S}){{0,2}}$", re.IGNORECASE)
_LOOKBACK_CHARS = 90
_DIR_WORD_RE = re.compile(rf"\b{DIR}", re.IGNORECASE)

_COMPASS16 = ["north", "northnortheast", "northeast", "eastnortheast", "east", "eastsoutheast",
              "southeast", "southsoutheast", "south", "southsouthwest", "southwest",
              "westsouthwest", "west", "westnorthwest", "northwest", "northnorthwest"]
_ABBR16 = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W",
           "WNW", "NW", "NNW"]
_BEARING = {name: i * 22.5 for i, name in enumerate(_COMPASS16)}
_BEARING.update({a.lower(): i * 22.5 for i, a in enumerate(_ABBR16)})
_SPREAD = {1: 45.0, 2: 22.5, 3: 11.25}

_WORD_NUM = {w: i + 1 for i, w in enumerate(_U1.split("|"))}
_WORD_NUM.update({w: i + 10 for i, w in enumerate(_TEEN.split("|"))})
_WORD_NUM.update({w: (i + 2) * 10 for i, w in enumerate(_TENS.split("|"))})
_WORD_NUM.update({"a": 1, "an": 1, "hundred": 100})


# --------------------------------------------------------------------------- value objects
@dataclass(frozen=True)
class SpatialExpression:
    """A parsed relative / vague location phrase (no coordinates yet).

    ``kind``: offset (distance + direction), distance (ring), direction
    (wedge), part (part of a place), region. Distances in km: ``distance_km``
    is the representative distance (the stated number, or the midpoint of a
    range); ``distance_km_min``/``max`` the spread (see module docstring).
    ``bearing_deg`` clockwise from north; ``bearing_spread_deg`` the half
    width (±). ``anchor_text`` the place measured from (None for anchorless
    rings, which mean the place under discussion); ``anchor_is_reference``
    True for "the city" / "the town" / anchorless. ``part`` is the part class
    (inner, side, edge, center, region) and ``part_word`` the noun used.

    >>> parse("between 30 and 35 kilometers east of Resafa").distance_km
    32.5
    """

    kind: str
    text: str
    anchor_text: Optional[str] = None
    anchor_is_reference: bool = False
    distance_km: Optional[float] = None
    distance_km_min: Optional[float] = None
    distance_km_max: Optional[float] = None
    bearing_deg: Optional[float] = None
    bearing_spread_deg: Optional[float] = None
    part: Optional[str] = None
    part_word: Optional[str] = None
    named_text: Optional[str] = None
    qualifier: Optional[str] = None       # stated, approx, range, upper, lower, vague
    direction_word: Optional[str] = None
    reversed_bearing: bool = False        # "overlooking X to the east"


@dataclass(frozen=True)
class FoundExpression:
    """One spatial expression found in a text; offsets are str indices into it.

    ``expr`` is None and ``error`` says why when the phrase matched the grammar
    but is not usable ("4000 km west of ..."): nothing is silently dropped.
    ``anchor_start``/``anchor_end`` span the anchor text (None when implicit);
    ``named_start``/``named_end`` the named place right before, if any.
    """

    start: int
    end: int
    text: str
    expr: Optional[SpatialExpression]
    anchor_start: Optional[int] = None
    anchor_end: Optional[int] = None
    named_start: Optional[int] = None
    named_end: Optional[int] = None
    error: Optional[str] = None


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


# --------------------------------------------------------------------------- parsing
def _q(phrase: str, limit: int = 120) -> str:
    """repr of a phrase for messages, cut to ``limit`` characters with '…'."""
    return repr(phrase if len(phrase) <= limit else phrase[:limit] + "…")


def parse_direction(word: str) -> tuple[float, float]:
    """(bearing_deg, spread_deg) of a direction word: 'north-east', 'NE', 'westward'...

    >>> parse_direction("north-eastern"), parse_direction("WSW")
    ((45.0, 22.5), (247.5, 11.25))
    """
    w = word.strip().rstrip(".")
    if re.fullmatch(_ABBR, w):
        key, n = w.lower(), len(w)
    else:
        key = re.sub(r"[\s\-]", "", w.lower())
        key = re.sub(r"(?:ern|erly|wards?)$", "", key)
        n = len(re.findall(_CARD, key))
    if key not in _BEARING or n not in _SPREAD:
        raise SpatialExpressionError(
            f"unknown direction {word!r}: use a compass direction such as 'west', "
            "'north-east', 'NNE' or 'south-western'")
    return _BEARING[key], _SPREAD[n]


def _number(text: str) -> float:
    t = re.sub(r"\s+", " ", text.strip().lower())
    half = 0.0
    if t.endswith("and a half"):
        half, t = 0.5, t[: -len("and a half")].strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        return float(t.replace(",", "")) + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    if t.startswith("half"):
        return 0.5
    parts = re.split(r"[\s\-]", t)
    if len(parts) == 2 and parts[1] == "hundred":
        return _WORD_NUM[parts[0]] * 100 + half
    return sum(_WORD_NUM[p] for p in parts) + half


def _unit(text: str) -> float:
    t = text.lower()
    if t.startswith("k"):
        return _UNIT_KM["km"]
    if t.startswith("mi"):
        return _UNIT_KM["mi"]
    return _UNIT_KM["m"]


def _distance(m: re.Match, p: str, phrase: str) -> tuple[float, float, float, str]:
    """(dmin, dmax, representative, qualifier) in km from the {p}_ groups."""
    g = lambda n: m.group(f"{p}_{n}")  # noqa: E731
    if g("neg"):
        raise SpatialExpressionError(
            f"negative distance in {_q(phrase)}: distances are >= 0; write e.g. '3 km north of Homs'")
    unit = _unit(g("unit"))
    qcls = ("approx" if g("qa") else "upper" if g("qu") else "lower" if g("ql") else
            "stated")
    if g("vague"):
        lo, hi = _VAGUE[re.sub(r"\s+", " ", g("vague").lower())]
        dmin, dmax, rep, qualifier = lo * unit, hi * unit, (lo + hi) / 2 * unit, "vague"
    elif g("lo"):
        a, b = sorted((_number(g("lo")) * unit, _number(g("hi")) * unit))
        rep = (a + b) / 2
        if b - a < 2.0:
            a, b = max(0.0, rep - 1.0), rep + 1.0
        dmin, dmax, qualifier = a, b, "range"
    else:
        n = _number(g("num")) * unit
        if n <= 0:
            raise SpatialExpressionError(
                f"zero distance in {_q(phrase)}: give a positive distance such as '3 km'")
        if qcls == "upper":
            dmin, dmax, rep = 0.0, n, n / 2
        elif qcls == "lower":
            dmin, dmax, rep = n, n + max(0.5 * n, 2.0), n + max(0.5 * n, 2.0) / 2
        else:
            s = max((0.30 if qcls == "approx" else 0.25) * n, 1.0)
            dmin, dmax, rep = max(0.0, n - s), n + s, n
        qualifier = qcls
    if rep > MAX_OFFSET_KM:
        raise SpatialExpressionError(
            f"implausible distance {rep:g} km in {_q(phrase)}: offsets above {MAX_OFFSET_KM:g} km "
            "are not placed; check the figure and the unit")
    if dmax <= dmin:
        raise SpatialExpressionError(
            f"empty distance range in {_q(phrase)}: give a positive distance")
    return dmin, dmax, rep, qualifier


def _part_class(noun: str) -> str:
    n = noun.lower()
    for cls, pat in (("inner", _PN_INNER), ("side", _PN_SIDE), ("edge", _PN_EDGE),
                     ("center", _PN_CENTER), ("region", _PN_REGION)):
        if re.fullmatch(pat, n, re.IGNORECASE):
            return cls
    return "side"


def _clean(s: Optional[str]) -> Optional[str]:
    return re.sub(r"\s+", " ", s).strip() if s else s


_REGION_WORD_RE = re.compile(rf"{S}{_REGION_SUFFIX}$|^rural{S}", re.IGNORECASE)


def _interpret(m: re.Match, phrase: str) -> tuple[SpatialExpression, Optional[tuple[int, int]]]:
    """SpatialExpression + anchor span from a SPATIAL_RE match (phrase = matched text's source)."""
    branch = m.lastgroup or ""
    text = m.group(0)
    gd = m.groupdict()

    def anchor(p: str) -> tuple[Optional[str], bool, Optional[tuple[int, int]]]:
        for suffix, is_ref in (("ref", True), ("name", False)):
            key = f"{p}_{suffix}"
            if gd.get(key):
                return _clean(gd[key]), is_ref, m.span(key)
        return None, True, None

    def direction(word: str) -> tuple[float, float]:
        return parse_direction(word)

    if branch == "B_measure":
        dmin, dmax, rep, qual = _distance(m, "o", phrase)
        if gd.get("o_dir"):
            a_text, a_ref, a_span = anchor("o")
            bearing, spread = direction(gd["o_dir"])
            return SpatialExpression(KIND_OFFSET, text, a_text, a_ref, rep, dmin, dmax, bearing,
                                     spread, qualifier=qual, direction_word=gd["o_dir"]), a_span
        a_text, a_ref, a_span = anchor("d")
        part = _part_class(gd["d_part"]) if gd.get("d_part") else None
        return SpatialExpression(KIND_DISTANCE, text, a_text, a_ref, rep, dmin, dmax,
                                 part=part, part_word=gd.get("d_part"), qualifier=qual), a_span
    if branch in ("B_part_of", "B_part_poss", "B_part_ref", "B_part_adj"):
        p = {"B_part_of": "p", "B_part_poss": "q", "B_part_ref": "c", "B_part_adj": "a"}[branch]
        if p == "c":
            a_text, a_ref, a_span = _clean(gd["c_ref"]), True, m.span("c_ref")
        elif p == "a":
            a_text, a_ref, a_span = _clean(gd["a_name"]), False, m.span("a_name")
        else:
            a_text, a_ref, a_span = anchor(p)
        dir_word = gd.get(f"{p}_dir")
        noun = gd.get(f"{p}_noun") or gd.get(f"{p}_noun2") or gd.get(f"{p}_noun3")
        if p == "a" and noun and noun.lower() == "rural":
            pclass = "region"
        elif p == "a" and noun:
            pclass = "center"
        elif noun:
            pclass = _part_class(_clean(noun) or "")
        else:
            pclass = "side"
        if p == "a" and gd.get("a_suffix"):
            pclass = "region"
            a_text = f"{a_text} {gd['a_suffix']}"
            a_span = (a_span[0], m.end("a_suffix"))
        if a_text and not a_ref and _REGION_WORD_RE.search(a_text):
            pclass = "region"
        bearing = spread = None
        if dir_word and dir_word.lower() != "central":
            bearing, spread = direction(dir_word)
        elif dir_word and pclass in ("side", "inner"):
            pclass = "center"
        kind = KIND_REGION if pclass == "region" else KIND_PART
        return SpatialExpression(kind, text, a_text, a_ref, bearing_deg=bearing,
                                 bearing_spread_deg=spread, part=pclass,
                                 part_word=_clean(noun) or _clean(dir_word),
                                 direction_word=dir_word), a_span
    if branch in ("B_dir_of", "B_dir_poss", "B_dir_facing"):
        p = {"B_dir_of": "r", "B_dir_poss": "s", "B_dir_facing": "f"}[branch]
        a_text, a_ref, a_span = anchor(p)
        dir_word = gd[f"{p}_dir"]
        bearing, spread = direction(dir_word)
        prep = (gd.get(f"{p}_prep") or "").lower()
        if p == "f" and prep in ("to", "in"):
            return SpatialExpression(KIND_DIRECTION, text, a_text, a_ref,
                                     bearing_deg=(bearing + 180.0) % 360.0,
                                     bearing_spread_deg=spread, direction_word=dir_word,
                                     reversed_bearing=True), a_span
        if prep == "in":
            kind = KIND_REGION if (a_text and not a_ref and _REGION_WORD_RE.search(a_text)) \
                else KIND_PART
            return SpatialExpression(kind, text, a_text, a_ref, bearing_deg=bearing,
                                     bearing_spread_deg=spread,
                                     part="region" if kind == KIND_REGION else "side",
                                     part_word=dir_word, direction_word=dir_word), a_span
        return SpatialExpression(KIND_DIRECTION, text, a_text, a_ref, bearing_deg=bearing,
                                 bearing_spread_deg=spread, direction_word=dir_word), a_span
    raise SpatialExpressionError(f"internal: unknown grammar branch {branch!r} for {text!r}")


def _named_before(text: str, start: int, floor: int = 0) -> Optional[tuple[int, int, str]]:
    lo = max(floor, start - _LOOKBACK_CHARS)
    window = text[lo:start]
    nm = NAMED_RE.search(window)
    if not nm:
        return None
    s, e = nm.span("named")
    return lo + s, lo + e, _clean(nm.group("named")) or ""


#: a number the grammar does not read written as a distance: over 6 digits,
#: scientific notation ("1e308 km"), NaN or infinity ("NaN km", "inf km")
_ODD_NUM = r"(?:\d{7,}(?:\.\d+)?|\d+(?:\.\d+)?e[+\-]?\d+|nan|inf(?:inity)?)"
_HUGE_DISTANCE_RE = re.compile(r"(?<![\w.])" + _ODD_NUM + r"\s*-?\s*" + UNIT, re.IGNORECASE)
_HUGE_BEFORE_RE = re.compile(r"(?<![\w.])" + _ODD_NUM + r"\s*-?\s*" + UNIT + r"\s*$", re.IGNORECASE)
#: an offset measured from another offset: "4 km west of [5 km north of X]" (the
#: text before the inner expression); such chains are refused, not half-placed
_CHAIN_BEFORE_RE = re.compile(
    rf"(?<![\w.])(?:{NUM}|{_ODD_NUM}){SO}-?{SO}{UNIT}{S}(?:(?:to|in){S}the{S})?(?:{DIR}|{_ABBR}\.?){S}"
    rf"(?:of|from){S}(?:(?:about|around|roughly|approximately|some){S})?$", re.IGNORECASE)
_CHAIN_LOOKBACK = 80


def _huge_inside(text: str, m: "re.Match[str]") -> Optional["re.Match[str]"]:
    """An odd distance overlapping the start of ``m`` ("2.5E+2 km": the grammar
    reads only "2 km")."""
    h = _HUGE_DISTANCE_RE.search(text, max(0, m.start() - 40), m.end())
    return h if h is not None and h.start() < m.start() < h.end() else None


def _huge_message(number: str, phrase: str) -> str:
    return (f"implausible distance {number!r} in {_q(phrase)}: offsets over {MAX_OFFSET_KM:g} km, "
            "NaN, infinite or scientific-notation distances are not placed; write the distance as a "
            "plain number such as '4 km'")


def _chain_before(text: str, m: "re.Match[str]") -> Optional[int]:
    """Start of an offset chained in front of the offset ``m`` ("4 km west of" before
    "5 km north of X"), or None."""
    if m.lastgroup != "B_measure" or not m.group("o_dir"):
        return None
    c = _CHAIN_BEFORE_RE.search(text, max(0, m.start() - _CHAIN_LOOKBACK), m.start())
    return c.start() if c else None


def _chain_message(chain: str, phrase: str) -> str:
    where = "" if chain.strip() == phrase.strip() else f" in {_q(phrase)}"
    return (f"chained offsets {chain!r}{where}: an offset measured from another offset is not "
            "composed (the uncertainty of both would be lost); give one offset from a named place")


def parse(phrase: str) -> SpatialExpression:
    """Parse one relative / vague location phrase (see the module docstring).

    Raises :class:`SpatialExpressionError` (naming the phrase) when nothing in it
    is a spatial expression or the figures are implausible.

    >>> parse("the western suburb of Palmyra").part
    'inner'
    """
    if not isinstance(phrase, str) or not phrase.strip():
        shown = _q(phrase) if isinstance(phrase, str) else repr(phrase)
        raise SpatialExpressionError(
            f"empty spatial phrase {shown}: pass text such as '4 km west of Palmyra'")
    huge = _HUGE_DISTANCE_RE.search(phrase)
    if huge:
        raise SpatialExpressionError(_huge_message(huge.group(0).strip(), phrase))
    m = SPATIAL_RE.search(phrase)
    if m is None:
        if _DIR_WORD_RE.search(phrase):
            raise SpatialExpressionError(
                f"no anchor place in {_q(phrase)}: a direction needs a place to be measured "
                "from, e.g. 'west of Palmyra' or 'to the west of the city'")
        raise SpatialExpressionError(
            f"no spatial expression in {_q(phrase)}: expected e.g. '4 km west of Palmyra', "
            "'within two kilometres', 'the western suburb of Palmyra'")
    chain = _chain_before(phrase, m)
    if chain is not None:
        raise SpatialExpressionError(_chain_message(phrase[chain:m.end()], phrase))
    expr, _ = _interpret(m, phrase)
    named = _named_before(phrase, m.start())
    return replace(expr, text=phrase.strip(), named_text=named[2] if named else None)


def find_expressions(text: str) -> list[FoundExpression]:
    """All spatial expressions in ``text`` in order, one pass of :data:`SPATIAL_RE`.

    Offsets are Python str indices into ``text``. Matches that fit the grammar
    but cannot be used carry ``error`` and ``expr=None``.

    >>> [f.text for f in find_expressions("IS fled to the city's outskirts, 4km west of Palmyra.")]
    ["the city's outskirts", '4km west of Palmyra']
    """
    found: list[FoundExpression] = []
    prev_end = 0
    for m in SPATIAL_RE.finditer(text):
        named = _named_before(text, m.start(), prev_end)
        prev_end = m.end()
        huge = _HUGE_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()) or _huge_inside(text, m)
        if huge:   # "99999999 km west of X": the grammar skips the number, we must not
            found.append(FoundExpression(huge.start(), m.end(), text[huge.start():m.end()], None,
                                         error=_huge_message(huge.group(0).strip(), text[huge.start():m.end()])))
            continue
        chain = _chain_before(text, m)
        if chain is not None:   # "4 km west of 5 km north of X": refused, not half-placed
            found.append(FoundExpression(chain, m.end(), text[chain:m.end()], None,
                                         error=_chain_message(text[chain:m.end()], text[chain:m.end()])))
            continue
        try:
            expr, a_span = _interpret(m, m.group(0))
        except SpatialExpressionError as exc:
            found.append(FoundExpression(m.start(), m.end(), m.group(0), None, error=str(exc)))
            continue
        if named:
            expr = replace(expr, named_text=named[2])
        found.append(FoundExpression(
            m.start(), m.end(), m.group(0), expr,
            a_span[0] if a_span else None, a_span[1] if a_span else None,
            named[0] if named else None, named[1] if named else None))
    return found


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


def _region_key(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = _REGION_WORD_RE.sub("", s)
    s = re.sub(r"['’]s?$", "", s.strip())
    s = re.sub(r"^(?:al|el|as|ad|ar|an|at|ash|az|a)[\-\s]", "", s)
    return re.sub(r"[\s\-']+", " ", s).strip()


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
    la, lo = anchor.lat, anchor.lon
    if expr.kind == KIND_OFFSET:
        assert expr.distance_km is not None and expr.bearing_deg is not None
        lat, lon = geo.destination(la, lo, expr.bearing_deg, expr.distance_km)
        area = geo.annular_sector(la, lo, expr.distance_km_min or 0.0,
                                  expr.distance_km_max or expr.distance_km,
                                  expr.bearing_deg, expr.bearing_spread_deg or 45.0)
        return _loc(expr, anchor, METHOD_OFFSET, "offset", lat, lon, area, True)
    if expr.kind == KIND_DISTANCE:
        area = geo.ring(la, lo, expr.distance_km_min or 0.0, expr.distance_km_max or 1.0)
        return _loc(expr, anchor, METHOD_DISTANCE, "area", la, lo, area, False)
    radius = geo.nominal_radius_km(anchor.kind, anchor.population)
    if expr.kind == KIND_DIRECTION:
        assert expr.bearing_deg is not None
        is_region = (anchor.kind or "").lower() in _REGION_KINDS
        reach = 1.5 * radius if is_region else max(DIRECTION_REACH_KM, 3.0 * radius)
        lat, lon = geo.destination(la, lo, expr.bearing_deg, reach / 2)
        area = geo.sector(la, lo, expr.bearing_deg, expr.bearing_spread_deg or 45.0, reach)
        return _loc(expr, anchor, METHOD_DIRECTION, "area", lat, lon, area, False,
                    (f"direction only: wedge out to {reach:g} km",))
    if expr.kind == KIND_PART and (anchor.kind or "").lower() in _REGION_KINDS:
        # "central Syria", "northern Syria": a part of a region is a region
        inner, outer = _PART_RADII.get(expr.part or "side", _PART_RADII["side"])
        note = (f"part {expr.part} of region: {inner:g}R–{outer:g}R, R = {radius:g} km",)
        if expr.part == "center" or expr.bearing_deg is None:
            area = geo.place_part(la, lo, radius, None, inner=inner, outer=outer)
            return _loc(expr, anchor, METHOD_REGION, "region", la, lo, area, False, note)
        lat, lon = geo.destination(la, lo, expr.bearing_deg, (inner + outer) / 2 * radius)
        area = geo.place_part(la, lo, radius, expr.bearing_deg, expr.bearing_spread_deg or 45.0,
                              inner, outer)
        return _loc(expr, anchor, METHOD_REGION, "region", lat, lon, area, False, note)
    if expr.kind == KIND_PART:
        inner, outer = _PART_RADII.get(expr.part or "side", _PART_RADII["side"])
        note = (f"part {expr.part}: {inner:g}R–{outer:g}R, R = {radius:g} km",)
        if expr.part == "center" or expr.bearing_deg is None:
            area = geo.place_part(la, lo, radius, None, inner=inner, outer=outer)
            is_point = inner == 0.0
            return _loc(expr, anchor, METHOD_PART, "near" if is_point else "area", la, lo, area,
                        is_point, note)
        spread = expr.bearing_spread_deg or 45.0
        lat, lon = geo.destination(la, lo, expr.bearing_deg, (inner + outer) / 2 * radius)
        area = geo.place_part(la, lo, radius, expr.bearing_deg, spread, inner, outer)
        return _loc(expr, anchor, METHOD_PART, "near", lat, lon, area, True, note)
    if expr.kind == KIND_REGION:
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
    raise SpatialExpressionError(f"unknown expression kind {expr.kind!r} in {_q(expr.text)}")


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


# --------------------------------------------------------------------------- consistency
def compare(place: Place, location: Location) -> Disagreement:
    """How far the gazetteer position of ``place`` is from the stated ``location``.

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
    chosen = Location.of_place(place, phrase=location.phrase or place.name)
    chosen = replace(chosen, anchor=location.anchor, offset_km=location.offset_km,
                     offset_km_min=location.offset_km_min, offset_km_max=location.offset_km_max,
                     bearing_deg=location.bearing_deg, notes=(dis.message,), alt=location)
    return Reconciled(location=chosen, alt=location, disagreement=dis)
