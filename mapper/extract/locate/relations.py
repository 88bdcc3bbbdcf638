"""Places given by a relation to an anchor that the spatial grammar does not read (one job:
"points around the airbase", "a hill overlooking X", "the northern shore of X", "areas near it").

:data:`RELATION_RE` finds the relation and its anchor: "around X", "in the area / vicinity
of X", "overlooking X", "on the (northern) shore / bank / edge / side / perimeter of X",
"near it". The anchor is a named mention with a gazetteer place, "the airbase" / "the dam" /
"the reservoir" (the last place of that kind, :func:`~mapper.extract.locate.focus.kind_reference`),
"the town" (the focus), or "it" (the last place named before, same paragraph). The Location
comes from :func:`gazetteer.spatial.locate`: "near" (the anchor's disc + the near reach:
method "distance") for around / area / vicinity / overlooking / near, a direction sector for a
shore or bank with a direction ("the northern shore of X": method "direction").

The slot is named like a sector slot (:mod:`mapper.extract.locate.phrases`): an unnamed
place written before the relation is the slot and its name ("areas near Lake X", "the
last hill overlooking Jirah Airbase"); with no noun before it, the anchor keeps its name
(it is the objective: "advanced around the airbase"); after a noun that names no new
place ("the road near it", "12 villages around X", one item "a mountain overlooking X")
there is no slot at all. Phrases that the spatial grammar already read are left to it.

>>> m = RELATION_RE.search("ISIL advanced in points around the airbase during the day")
>>> (m.group("rel"), m.group("anchor"))
('around', 'the airbase')
>>> RELATION_RE.search("reaching the northern shore of the Shahba Reservoir").group("dir")
'northern'
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from gazetteer import spatial
from gazetteer.errors import GazetteerError
from gazetteer.model import Location, Place
from mapper.extract.locate.focus import _KIND_OF_NOUN, kind_reference
from mapper.extract.locate.phrases import unnamed_before, unnamed_slot_span
from mapper.extract.locate.state import _Run
from mapper.extract.mentions.patterns import _NAME_WORD, is_region_place
from mapper.model import MENTION_TOPONYM, Slot

__all__ = ["RELATION_RE", "locate_relations"]

_DIR = (r"north|south|east|west|northern|southern|eastern|western|north-?eastern|north-?western|"
        r"south-?eastern|south-?western|northeastern|northwestern|southeastern|southwestern")
_KIND_NOUNS = r"air\s?base|airport|airfield|dam|reservoir|lake|hill|village|town|city"
#: a relation the spatial grammar lacks, and its anchor (a name, "the <kind noun>", "it")
RELATION_RE = re.compile(
    r"\b(?P<rel>around|in\s+the\s+(?:general\s+|immediate\s+)?(?:area|vicinity)\s+of|overlooking|"
    r"(?:(?:on|along|at|to)\s+)?the\s+(?:(?P<dir>" + _DIR + r")\s+)?(?:shores?|banks?|edges?|perimeter)\s+of|"
    r"near|close\s+to)\s+"
    r"(?P<anchor>(?-i:it|them)\b|the\s+(?:[\w\-]+\s+)?(?:" + _KIND_NOUNS + r")\b(?!\s+of\b)(?!['’])|"
    r"(?:the\s+)?(?-i:" + _NAME_WORD + r"(?:[ \u00a0](?:" + _NAME_WORD + r")){0,3}))", re.IGNORECASE)
#: "the <noun>" anchors: the kind noun in it
_KIND_NOUN_RE = re.compile(r"(" + _KIND_NOUNS + r")$", re.IGNORECASE)
#: reservoirs and lakes are referred to through their dams too ("the Shahba Reservoir" / "the dam")
_WATER_KINDS = ("dam", "lake", "reservoir")


def _last_place(run: _Run, pos: int) -> Optional[Place]:
    """The last point place (no region) named before ``pos`` in its paragraph ("near it")."""
    starts = run.starts()
    para = run.focus.layout.paragraph_index(pos)
    for j in range(bisect.bisect_left(starts, pos) - 1, -1, -1):
        m = run.mentions[j]
        if run.focus.layout.paragraph_index(m.start) != para:
            return None
        if m.kind == MENTION_TOPONYM and m.place is not None and not is_region_place(m.place) \
                and not m.reason.startswith("region") and m.end <= pos:
            return m.place
    return None


def _kind_anchor(run: _Run, noun: str, pos: int) -> Optional[Place]:
    """"the airbase" -> the last airbase named; "the town" -> the focus; "the reservoir" ->
    the last dam / lake named."""
    noun = re.sub(r"\s+", " ", noun.lower())
    if noun in ("town", "city"):
        return run.focus.place_at(pos)
    if noun in ("reservoir", "lake"):
        starts = run.starts()
        for j in range(bisect.bisect_left(starts, pos) - 1, -1, -1):
            m = run.mentions[j]
            if m.kind == MENTION_TOPONYM and m.place is not None and (m.place.kind or "") in _WATER_KINDS:
                return m.place
        return None
    if noun.replace(" ", "") in _KIND_OF_NOUN or noun in _KIND_OF_NOUN:
        return kind_reference(noun, pos, run.mentions, run.focus.layout)
    return None


def _anchor(run: _Run, m: re.Match[str]) -> tuple[Optional[Place], list[int]]:
    """(anchor place, indexes of the mentions inside the anchor words)."""
    a_text, a0, a1 = m.group("anchor"), m.start("anchor"), m.end("anchor")
    if a_text in ("it", "them"):
        return _last_place(run, m.start()), []
    starts = run.starts()
    inside = [i for i in range(bisect.bisect_left(starts, a0), bisect.bisect_left(starts, a1))
              if run.mentions[i].end <= a1 + 1]
    named = [i for i in inside if run.mentions[i].kind == MENTION_TOPONYM and run.mentions[i].place is not None]
    if named:
        place = run.mentions[named[0]].place
        return (None, []) if is_region_place(place) else (place, inside)
    if inside:
        return None, []        # an unknown name: no anchor (it is placed by its own rules)
    k = _KIND_NOUN_RE.search(a_text)
    if a_text.lower().startswith("the ") and k is not None:
        return _kind_anchor(run, k.group(1), m.start()), []
    return None, []


def _relation_location(m: re.Match[str], anchor: Place) -> Optional[Location]:
    """The Location of the relation at ``anchor``: a near disc, or a sector for a shore with a direction."""
    d = (m.group("dir") or "").replace("-", "").lower()
    phrase = f"{d.replace('ern', '')} of the town" if d else "near the town"
    try:
        loc = spatial.locate(spatial.parse(phrase), anchor)
    except (GazetteerError, ValueError):
        return None
    text = re.sub(r"\s+", " ", m.group(0))
    return Location(lat=loc.lat, lon=loc.lon, method=loc.method, precision=loc.precision,
                    uncertainty_km=loc.uncertainty_km, area=loc.area, anchor=anchor, phrase=text,
                    bearing_deg=loc.bearing_deg, is_point=loc.is_point,
                    notes=(f"{text!r}: read as {phrase.replace('the town', anchor.name)!r}",) + loc.notes)


def _taken(run: _Run, s: int, e: int) -> bool:
    """True when a spatial phrase already covers part of [s, e)."""
    return any(f.start < e and s < f.end for f in run.scan.expressions)


def locate_relations(run: _Run) -> None:
    """Add a slot (and the mention locations) for every relation phrase with an anchor."""
    text = run.text
    for m in RELATION_RE.finditer(text, 0, run.body_end):
        if _taken(run, m.start(), m.end()):
            continue
        anchor, inside = _anchor(run, m)
        if anchor is None:
            continue
        loc = _relation_location(m, anchor)
        if loc is None:
            continue
        for i in inside:
            run.consumed.add(i)
            run.new_loc.setdefault(i, loc)
        rel = re.sub(r"\s+", " ", text[m.start():m.start("anchor")]).strip()
        u = unnamed_before(text, m.start())
        if u is None:         # "advanced around the airbase": the anchor is the objective
            run.slots.append(Slot(m.start(), m.end(), anchor.name, "offset", loc, anchor.id, m.group(0)))
            continue
        span = unnamed_slot_span(text, u)
        if span is None or span[0] is None:
            # "securing the road near it", "12 villages around X", "a mountain overlooking X":
            # the relation only locates something that is no place of its own (or one item the
            # event builder does not take): no slot, never the anchor itself
            continue
        start, noun = span
        name = f"{noun} {rel} {anchor.name}"
        run.slots.append(Slot(start, m.end(), name, "offset", loc, anchor.id, text[start:m.end()]))
