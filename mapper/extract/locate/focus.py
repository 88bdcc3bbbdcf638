"""The place the text is about (one job: references and focus).

:class:`Focus` (the settlement a paragraph is about), "the city" / "the town"
(:data:`REFERENCE_RE`), "the village" / "the airbase" (:data:`KIND_REFERENCE_RE`,
:func:`kind_reference`) and the Location of a gazetteer place
(:func:`place_location`). Re-exported by :mod:`mapper.extract.locate`.

>>> REFERENCE_RE.search("fighting reached the outskirts of the city").group(0)
'the city'
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Optional

from gazetteer.geometry import nominal_radius_km
from gazetteer.model import Location, Place
from mapper.extract.layout import Layout
from mapper.extract.mentions.patterns import NON_SETTLEMENT_KINDS
from mapper.model import MENTION_TOPONYM, Mention, Slot

#: function words and words that point at ANOTHER town ("the other town", "the next village"):
#: never a modifier of a back-reference
_NOT_MODIFIER = (r"(?:of|the|a|an|and|or|but|in|on|at|to|from|by|with|for|into|onto|near|as|than|that|this|these|"
                 r"those|its|their|his|her|our|which|who|whose|is|are|was|were|other|another|next|neighbou?ring|"
                 r"adjacent|nearest|rival|twin|sister|first|second|third|fourth|fifth|last|previous|former|latter|"
                 r"one|two|three|four|five|both|each|every|any|some|no|new|capital)")
#: one modifier of a back-reference: a lower-case adjective ("northern", "border", "strategic",
#: "rebel-held"), a Capitalised demonym / river / group name ("Kurdish", "Euphrates", "IS-held")
_REF_MODIFIER = r"(?:(?-i:(?!" + _NOT_MODIFIER + r"\b)[a-z][a-z\-’']*|[A-Z][\w\-’']*))"
#: "the city", "the ancient city", "the northern town", "the Euphrates town", "the rural Homs
#: town", "the rebel-held border town" (not "the city of X", not "the city's", not "the other town")
REFERENCE_RE = re.compile(
    r"\bthe\s+(?:" + _REF_MODIFIER + r"\s+){0,4}(?:city|town)\b(?!\s+of\b)(?!['’]s?\b)")


#: "the village", "the airbase", "the dam", "the hill", "the besieged Kurdish village": the last
#: place of that kind named before (any modifiers, as for :data:`REFERENCE_RE`)
KIND_REFERENCE_RE = re.compile(
    r"\bthe\s+(?:" + _REF_MODIFIER + r"\s+){0,4}"
    r"(?P<noun>(?i:village|air\s?base|(?:air\s+force|military)\s+base|airport|airfield|dam|hill|"
    r"oil\s?field|gas\s?field))\b(?!\s+(?:of|in|near)\b)(?![\-‐]|['’]s?\b)", re.IGNORECASE)
_KIND_OF_NOUN = {"village": None, "airbase": ("airbase",), "air base": ("airbase",), "airport": ("airbase",),
                 "air force base": ("airbase",), "military base": ("airbase", "military base"),
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

