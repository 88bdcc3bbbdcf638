"""The article-level locate loop (one job: every mention / phrase -> slots).

:func:`locate_article` runs the passes in order: spatial phrases
(:mod:`mapper.extract.locate.phrases`), plain toponyms and unknown names
(:func:`_locate_mentions`), unresolved reports, "the city" / "the village"
references, then drops slots nested in a longer one. See
:mod:`mapper.extract.locate` for the rules.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Optional

from gazetteer.model import Location
from mapper.extract.layout import Layout
from mapper.extract.locate.facility import (
    OUTSIDE_FACILITY_EXTRA_KM,
    OUTSIDE_FACILITY_RE,
    _container_of,
    container_mention,
    display_name,
    facility_antecedent,
    governorate_location,
    within_location,
)
from mapper.extract.locate.focus import (
    KIND_REFERENCE_RE,
    REFERENCE_RE,
    Focus,
    _is_settlement,
    _is_settlement_place,
    kind_reference,
    place_location,
)
from mapper.extract.locate.phrases import locate_expressions
from mapper.extract.locate.relations import locate_relations
from mapper.extract.locate.roads import CUT_BEFORE_RE, road_location, road_name
from mapper.extract.locate.vague import vague_location, vague_note
from mapper.extract.mentions.facilities import TOWN_FACILITY_REASON, town_facility_name
from mapper.extract.mentions.roads import ROAD_REASON
from mapper.extract.locate.state import Located, _Run
from mapper.extract.mentions.patterns import FACILITY_REASON, is_region_place
from mapper.extract.mentions.scan import MentionScan
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Article, Mention, Slot


def _toponym_slot(run: _Run, i: int, m: Mention) -> None:
    """A gazetteer place: its point, or a governorate's area for a region mention."""
    region = m.reason.startswith("region") or m.start in run.scan.regions or is_region_place(m.place)
    loc = place_location(m.place, phrase=m.surface)
    run.new_loc.setdefault(i, loc)
    if not region:
        run.slots.append(Slot(m.start, m.end, m.place.name, "place", loc, m.place.id, m.surface,
                              _is_settlement(m)))
        return
    # a governorate is an area ("an advance into Raqqa Governorate"), never a town's point;
    # control kinds never use a region slot (events.py), advances may
    rloc = governorate_location(run.text, m)
    if rloc is not None:
        run.new_loc[i] = rloc
        run.slots.append(Slot(m.start, m.end, rloc.anchor.name, "region", rloc, rloc.anchor.id, m.surface))
    else:
        run.slots.append(Slot(m.start, m.end, m.place.name, "region", None, m.place.id, m.surface))


def _road_slot(run: _Run, i: int, m: Mention) -> None:
    """A road named by its two ends: a corridor between them (both ends known), else
    unplaced; never one end alone, unless the road is cut and that end is the place
    the text is about (``CUT_BEFORE_RE``: cutting a town's road is an advance on it)."""
    ends = run.scan.roads[m.start]
    name = road_name(ends.a, ends.b, ends.a_place, ends.b_place, ends.head)
    loc = None
    if ends.a_place is not None and ends.b_place is not None and ends.a_place.id != ends.b_place.id:
        loc = road_location(ends.a_place, ends.b_place, m.surface)
        run.new_loc[i] = loc
    focus = run.focus.place_at(m.start)
    if focus is not None and focus.id in {p.id for p in (ends.a_place, ends.b_place) if p is not None} and \
            CUT_BEFORE_RE.search(run.text, max(0, m.start - 60), m.start):
        at = place_location(focus, phrase=m.surface)
        at = replace(at, notes=at.notes + (f"{m.surface!r} cut: {focus.name}, the place the text is about, "
                                           f"is isolated (the road itself: {name})",))
        run.slots.append(Slot(m.start, m.end, focus.name, "place", at, focus.id, m.surface,
                              _is_settlement_place(focus)))
        return
    run.slots.append(Slot(m.start, m.end, name, "unknown", loc, f"unknown:{name.lower()}", m.surface))


#: names (and the commas / "and" between them) from a spatial phrase to a list member
_LIST_WORD = r"[\w'’\-\u2010]+"
_LIST_GAP_RE = re.compile(r"(?:\s*,\s*|\s+and\s+)(?:" + _LIST_WORD + r"(?:[ \u00a0](?!and\b)" + _LIST_WORD +
                          r"){0,3}(?:\s*,\s*|\s*,?\s+and\s+))*")
#: a plural place noun right before the spatial phrase of an appositive list
_PLURAL_PLACES_BEFORE_RE = re.compile(
    r"\b(?:villages|towns|hamlets|settlements|hills|hilltops|farms|localities)\s+$", re.IGNORECASE)


def _list_position(run: _Run, m: Mention) -> Optional[Location]:
    """The stated position an unknown member of "N villages near X, A and B" shares: the
    Location of the spatial phrase between the plural noun and the list (never a guess)."""
    if "list of places" not in m.reason:
        return None
    for f in reversed(run.scan.expressions):
        if f.end > m.start:
            continue
        if m.start - f.end > 160:
            return None
        oi = run.by_start.get((f.start, f.end))
        loc = run.new_loc.get(oi) if oi is not None else None
        if loc is not None and _LIST_GAP_RE.fullmatch(run.text, f.end, m.start) and \
                _PLURAL_PLACES_BEFORE_RE.search(run.text, max(0, f.start - 40), f.start):
            return replace(loc, phrase=m.surface, notes=loc.notes + (
                f"{m.surface!r} is not in the gazetteer: one of the places {f.text!r}, placed at that "
                f"stated position",))
        return None
    return None


def _unknown_slot(run: _Run, i: int, m: Mention, starts: list[int]) -> None:
    """An unknown name: the named facility it refers back to, else inside its town
    (the town right after it is absorbed: "the X neighbourhood in Manbij"), else unplaced."""
    text, mentions = run.text, run.mentions
    if m.start in run.scan.roads and m.reason.startswith(ROAD_REASON):
        _road_slot(run, i, m)
        return
    if m.reason.startswith(FACILITY_REASON):
        ante = facility_antecedent(m, mentions, i, run.new_loc)
        if ante is not None:       # "the grain silos" after "the al-Rai grain silos"
            a_name, a_loc, a_key, a_settle = ante
            if a_loc is not None:
                run.new_loc[i] = a_loc
            run.slots.append(Slot(m.start, m.end, a_name, "unknown" if a_key.startswith("unknown:") else "place",
                                  a_loc, a_key, m.surface, a_settle))
            return
    shared = _list_position(run, m)
    if shared is not None:
        run.new_loc[i] = shared
        name = display_name(m.surface)
        run.slots.append(Slot(m.start, m.end, name, "unknown", shared, f"unknown:{name.lower()}", m.surface))
        return
    container = run.scan.facility_towns.get(m.start) if m.reason.startswith(TOWN_FACILITY_REASON) else None
    if container is None:
        container = _container_of(text, m, mentions, run.focus, run.gaz, run.scan.context, starts)
    loc = None
    end = m.end
    if container is not None:
        extra = OUTSIDE_FACILITY_EXTRA_KM if OUTSIDE_FACILITY_RE.search(m.surface) else 0.0
        loc = within_location(container, m.surface, extra)
        run.new_loc[i] = loc
        # "the X neighbourhood in Manbij" is one place: the town only locates it
        k = container_mention(text, m, mentions, starts)
        if k is not None and mentions[k].place is not None and mentions[k].place.id == container.id:
            run.consumed.add(k)
            run.new_loc[k] = place_location(container, phrase=mentions[k].surface)
            end = mentions[k].end
    if loc is None:
        # no position in the text: the list it is named in, the town after it, else the focus area
        loc = vague_location(text, mentions, i, run.focus, starts)
        if loc is not None:
            run.new_loc[i] = loc
            run.vague.add(i)
    name = town_facility_name(m.surface) if m.reason.startswith(TOWN_FACILITY_REASON) else display_name(m.surface)
    run.slots.append(Slot(m.start, end, name, "unknown", loc, f"unknown:{name.lower()}", text[m.start:end]))


def _locate_mentions(run: _Run) -> None:
    """Plain toponyms and unknown names not absorbed into a phrase slot."""
    starts = [x.start for x in run.mentions]
    for i, m in enumerate(run.mentions):
        if i in run.consumed:
            continue
        if m.kind == MENTION_TOPONYM and m.place is not None:
            _toponym_slot(run, i, m)
        elif m.kind == MENTION_UNKNOWN:
            _unknown_slot(run, i, m, starts)


def _report_unresolved(run: _Run) -> None:
    """Unknown names left without a Location, or placed on a wide area only
    (:mod:`mapper.extract.locate.vague`, the entry's ``placed``): reported with the
    closest gazetteer candidates and their scores (issue 10)."""
    for i, m in enumerate(run.mentions):
        if m.kind == MENTION_UNKNOWN and (i not in run.new_loc or i in run.vague):
            closest = getattr(run.gaz, "closest", None) if not m.reason.startswith(
                (FACILITY_REASON, ROAD_REASON, TOWN_FACILITY_REASON)) else None
            item = {"article": run.article.id, "mention": m.surface, "char_start": m.start,
                    "reason": m.reason or "not in the gazetteer",
                    "candidates": closest(m.surface, run.scan.context) if closest else []}
            if i in run.vague:      # placed on a wide area only: still no place of its own
                item["placed"] = vague_note(run.new_loc[i])
            run.unresolved.append(item)


def _reference_slots(run: _Run, layout: Optional[Layout]) -> None:
    """"the city" -> the focus; "the village", "the airbase" -> the last place of that kind."""
    text, body_end, focus = run.text, run.body_end, run.focus
    taken = sorted((s.start, s.end) for s in run.slots)
    for r in REFERENCE_RE.finditer(text, 0, body_end):
        if any(a < r.end() and r.start() < b for a, b in taken):
            # "the rural Homs town": the region hit inside is replaced by the reference
            inner = [s for s in run.slots if s.start >= r.start() and s.end <= r.end() and s.kind == "region"]
            if not inner:
                continue
            run.slots = [s for s in run.slots if s not in inner]
        fs = focus.slot_at(r.start())
        if fs is not None:
            run.slots.append(replace(fs, start=r.start(), end=r.end(), surface=r.group(0)))
    taken = sorted((s.start, s.end) for s in run.slots)
    lay = layout if layout is not None else focus.layout
    for r in KIND_REFERENCE_RE.finditer(text, 0, body_end):
        if any(a < r.end() and r.start() < b for a, b in taken):
            continue
        ref = kind_reference(r.group("noun"), r.start(), run.mentions, lay)
        if ref is not None:
            run.slots.append(Slot(r.start(), r.end(), ref.name, "reference", place_location(ref, phrase=r.group(0)),
                                  ref.id, r.group(0), _is_settlement_place(ref)))


def _outermost(slots: list[Slot]) -> list[Slot]:
    """Slots sorted by start, without those nested inside a longer slot (anchor names inside phrases)."""
    slots = sorted(slots, key=lambda s: (s.start, -s.end))
    kept: list[Slot] = []
    for s in slots:
        if kept and s.start >= kept[-1].start and s.end <= kept[-1].end and s is not kept[-1]:
            continue
        kept.append(s)
    return kept


def locate_article(article: Article, scan: MentionScan, gaz: Any, layout: Optional[Layout] = None) -> Located:
    """Locate every mention / phrase of the article and build the event slots.

    ``layout`` is the article's :class:`~mapper.extract.layout.Layout` (built
    here when None); the focus is per layout paragraph."""
    mentions = list(scan.mentions)
    focus = Focus(layout if layout is not None else Layout.of(article), mentions)
    run = _Run(article, scan, gaz, focus, mentions)
    locate_expressions(run)
    locate_relations(run)
    _locate_mentions(run)
    _report_unresolved(run)
    _reference_slots(run, layout)
    located = [replace(m, location=run.new_loc[i]) if i in run.new_loc else m for i, m in enumerate(mentions)]
    return Located(_outermost(run.slots), located, run.warnings, run.unresolved, focus)
