"""Spatial phrases -> Locations and slots (one job: "4km west of Palmyra",
"a ridge south of X", "the Kijli neighbourhood in Manbij").

:func:`locate_expressions` runs over the scan's spatial phrases: the anchor
(a named mention, "the airbase", the focus), the phrase's Location, then the
named place before the phrase (gazetteer position wins,
:func:`gazetteer.spatial.reconcile`; a conflict is a warning,
:func:`conflict_warning`), else an unnamed place named by its phrase
(:func:`sector_name`). Used by :mod:`mapper.extract.locate.run`.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Optional

from gazetteer import spatial
from gazetteer.errors import GazetteerError
from gazetteer.model import Location, Place
from mapper.extract.locate.facility import _FACILITY_GAP_RE, COORD_GAP_RE, display_name
from mapper.extract.locate.focus import (
    _KIND_OF_NOUN,
    KIND_REFERENCE_RE,
    _is_settlement,
    kind_reference,
)
from mapper.extract.locate.state import _Run
from mapper.extract.mentions.patterns import FACILITY_REASON, is_region_place
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, BuildWarning, Mention, Slot


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
    r"(?:\b(?P<det>a|an|the|some|several|two|three|four|five|six|seven|eight|nine|ten|\d+|few|many|large|small|"
    r"other|more|nearby)\s+(?:(?!(?:a|an|the|some|several)\s)[\w\-]+\s+){0,3}?|(?<![\w\-])(?=(?:villages|hills|hilltops|ridges|areas|farms|"
    r"heights|mountains|fields|plains|localities|sites)\b))"
    r"(?P<noun>villages?|hills?|hilltops?|ridges?|areas?|positions?|farms?|points?|posts?|outposts?|checkpoints?|"
    r"stations?|plants?|bases?|heights?|mountains?|towns?|hamlets?|fields?|factory|factories|"
    r"crossroads|junctions?|bridges?|dams?|plains?|pockets?|territory|countryside|locations?|sites?|"
    r"buildings?|neighbou?rhoods?|districts?|quarters?|roads?|highways?)"
    r"(?P<gap>\s*,?\s*(?:(?:located|situated|lying|just|some|about|roughly|around|approximately|nearly|only|"
    r"which\s+(?:is|lies)|that\s+(?:is|lies))\s+)*)$", re.IGNORECASE)
#: determiners that count an unnamed place ("captured 12 villages near X"): the count stays out
#: of the slot (numbers without names are not coded, mapper.extract.events)
_COUNT_DET_RE = re.compile(r"\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|few|more|other",
                           re.IGNORECASE)
#: singular nouns that "the" does not make a reference to a place named before
_UNNAMED_AREA_NOUNS = frozenset({"countryside", "territory", "area", "plains", "heights"})
#: determiners of one unnamed item ("a village west of X"): the slot starts at the phrase
_ONE_ITEM_DETS = frozenset({"a", "an", "one", "another"})
#: nouns whose unnamed phrase is no place taken or entered ("roads", "buildings", "positions"):
#: the slot keeps starting at the phrase
_NOT_TAKEN_NOUN_RE = re.compile(r"roads?|highways?|buildings?|positions?|posts?|points?|checkpoints?|"
                                r"stations?|plants?|bases?|territory|pockets?|locations?|sites?", re.IGNORECASE)


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


def _clean_anchor(s: str) -> str:
    return re.sub(r"^(?:at|in|of|near|the)\s+", "", s.strip(), flags=re.IGNORECASE).strip(" ’'s")


def _phrase_anchor(run: _Run, f: Any, expr: Any) -> Optional[Place]:
    """The anchor place of a phrase: its named mention, "the airbase" (the last one
    named), else the focus for "the city" / anchorless phrases."""
    anchor: Optional[Place] = None
    if f.anchor_start is not None and not expr.anchor_is_reference:
        ai = run.mention_in(f.anchor_start, f.anchor_end)
        if ai is not None and run.mentions[ai].place is not None:
            anchor = run.mentions[ai].place
    if anchor is None and expr.anchor_is_reference and expr.anchor_text:
        # "to the west of the airbase": the last airbase named, not the town the text is about
        kr = KIND_REFERENCE_RE.fullmatch(expr.anchor_text.strip())
        if kr is not None and _KIND_OF_NOUN.get(re.sub(r"\s+", " ", kr.group("noun").lower())):
            anchor = kind_reference(kr.group("noun"), f.start, run.mentions, run.focus.layout)
    if anchor is None and (expr.anchor_is_reference or expr.anchor_text is None):
        anchor = run.focus.place_at(f.start)
    if anchor is None and expr.anchor_text:
        # "to the west of the airbase": the last airbase named
        kr = KIND_REFERENCE_RE.fullmatch(expr.anchor_text.strip())
        if kr is not None:
            anchor = kind_reference(kr.group("noun"), f.start, run.mentions, run.focus.layout)
    return anchor


def _phrase_location(run: _Run, f: Any, expr: Any,
                     anchor: Optional[Place]) -> tuple[Optional[Location], Optional[Place]]:
    """(Location, anchor) of a phrase; (None, anchor) when it cannot be placed (reported)."""

    try:
        if anchor is not None and not (expr.kind == "region" and not is_region_place(anchor)
                                       and spatial.region_place(expr.anchor_text or "")):
            return spatial.locate(expr, anchor), anchor
        loc = spatial.resolve(_clean_anchor(f.text) if expr.anchor_text else f.text, run.gaz,
                              context_anchor=run.focus.place_at(f.start), context=run.scan.context)
        return loc, loc.anchor or loc.place or anchor
    except (GazetteerError, ValueError) as exc:
        run.unresolved_phrase(f, f"spatial phrase could not be placed: {exc}")
        return None, anchor


def _named_index(run: _Run, f: Any) -> Optional[int]:
    """Index of the mention named right before the phrase ("al-Qadri Farms 4km west of X")."""
    text, mentions = run.text, run.mentions
    named_i = run.by_start.get((f.named_start, f.named_end)) if f.named_start is not None else None
    if named_i is None and f.named_start is not None:
        named_i = run.mention_in(f.named_start, f.named_end)
    if named_i is None and f.named_start is None:
        # an unnamed facility right before the phrase: "the power plant to the west of the airbase"
        named_i = next((k for k, x in enumerate(mentions) if x.kind == MENTION_UNKNOWN
                        and x.reason.startswith(FACILITY_REASON) and x.end <= f.start
                        and _FACILITY_GAP_RE.fullmatch(text, x.end, f.start)), None)
    if named_i is None and f.named_start is not None:
        # a longer mention holding the named words ("Syria Tel Hill (Tal Syria Tel), outside X")
        named_i = next((k for k, x in enumerate(mentions) if x.kind in (MENTION_TOPONYM, MENTION_UNKNOWN)
                        and x.start <= f.named_start and f.named_end <= x.end and x.end <= f.start), None)
    return named_i


def _place_named(run: _Run, f: Any, expr: Any, loc: Location, named_i: int) -> None:
    """The named mention before a phrase: gazetteer position wins (conflict warned), an
    unknown name lies at the stated position; coordinated unknown names before it share it."""

    text, mentions = run.text, run.mentions
    nm = mentions[named_i]
    run.consumed.add(named_i)
    if nm.place is not None:
        rec = spatial.reconcile(nm.place, loc)
        chosen = rec.location
        if rec.disagreement is not None and rec.disagreement.is_conflict:
            run.warnings.append(conflict_warning(run.article.id, nm, rec.disagreement, expr))
        run.new_loc[named_i] = chosen
        run.slots.append(Slot(nm.start, f.end, nm.place.name, "place", chosen, nm.place.id, nm.surface,
                              _is_settlement(nm)))
    else:
        stated = replace(loc, notes=loc.notes + (
            f"{nm.surface!r} is not in the gazetteer: placed at the stated position ({expr.text!r})",))
        run.new_loc[named_i] = stated
        shown = display_name(nm.surface)
        run.slots.append(Slot(nm.start, f.end, shown, "unknown", stated, f"unknown:{shown.lower()}", nm.surface))
    # "the villages of A, B and C, southwest of X": A and B (unknown) lie where C does
    k = named_i
    while k > 0 and COORD_GAP_RE.fullmatch(text, mentions[k - 1].end, mentions[k].start):
        k -= 1
        prev = mentions[k]
        if prev.kind != MENTION_UNKNOWN or k in run.consumed or prev.reason.startswith(FACILITY_REASON):
            break
        run.consumed.add(k)
        shared = replace(loc, phrase=prev.surface, notes=loc.notes + (
            f"{prev.surface!r} is not in the gazetteer: coordinated with {nm.surface!r}, placed at "
            f"its stated position ({expr.text!r})",))
        run.new_loc[k] = shared
        shown = display_name(prev.surface)
        run.slots.append(Slot(prev.start, prev.end, shown, "unknown", shared, f"unknown:{shown.lower()}",
                              prev.surface))


def _sector_slot(run: _Run, f: Any, expr: Any, anchor: Place, loc: Location) -> Slot:
    """The slot of a phrase with no named place before it."""
    kind = "region" if (expr.kind == "region" or is_region_place(anchor)) else "offset"
    # a part of a whole country ("northern Syria") is too vague to map an event at
    slot_loc = None if (anchor.kind or "") == "country" else loc
    # an unnamed place in a sector / ring of the anchor ("a ridge south of X", "a village
    # 3 km from X") is not X: it is named by its phrase, X stays the Location's anchor
    # (only when an unnamed place noun stands before the phrase; "advanced to within 2 km of X":
    # X is the objective and keeps its name)
    u = unnamed_before(run.text, f.start) if kind != "region" and expr.kind != "part" else None
    if u is None:
        return Slot(f.start, f.end, anchor.name, kind, slot_loc, anchor.id, f.text)
    name = sector_name(expr, anchor)
    span = unnamed_slot_span(run.text, u)
    if span is None:
        return Slot(f.start, f.end, name, kind, slot_loc, anchor.id, f.text)
    start, noun = span
    if start is None:
        # "captured a village 3 km from X": one unnamed item, which the event builder reads
        # before the phrase (mapper.extract.events.places); named "a village 3 km from X"
        return Slot(f.start, f.end, f"{noun} {name}", kind, slot_loc, anchor.id, f.text)
    # "captured hills near the town", "the countryside south of X": the unnamed place's own
    # words are the slot (so the verb governs it) and its name ("hills near Khanasir")
    return Slot(start, f.end, f"{noun} {name}", kind, slot_loc, anchor.id, run.text[start:f.end])


_WORD_START_RE = re.compile(r"(?<![\w\-’'])[\w\-’']")


def unnamed_before(text: str, pos: int, reach: int = 60) -> Optional[re.Match[str]]:
    """The unnamed place noun phrase ending right before ``pos`` (a
    :data:`_UNNAMED_PLACE_BEFORE_RE` match), the one closest to ``pos`` and grown leftward
    while it stays one phrase ("large areas", "many other sites", "the last hill"; never
    "the next day captured hills"); None when there is none.

    >>> t = "the next day captured hills near"
    >>> unnamed_before(t, len(t) - 4).group(0)
    'hills '
    """
    lo = max(0, pos - reach)
    starts = [m.start() for m in _WORD_START_RE.finditer(text, lo, pos)]
    best = None
    for ws in reversed(starts[-8:]):
        m = _UNNAMED_PLACE_BEFORE_RE.fullmatch(text, ws, pos)
        if m is not None:
            best = m
        elif best is not None:
            break
    return best


def unnamed_slot_span(text: str, u: re.Match[str]) -> Optional[tuple[Optional[int], str]]:
    """(start, noun words) of the unnamed place ``u`` (a :data:`_UNNAMED_PLACE_BEFORE_RE`
    match) before a phrase: start None for one item ("a village": the slot keeps starting at
    the phrase); None when the words name no new place (a count "12 villages", "positions",
    "the village" referring back to the one named before).

    >>> t = "they captured hills near"
    >>> unnamed_slot_span(t, _UNNAMED_PLACE_BEFORE_RE.search(t, 0, len(t) - 4))
    (14, 'hills')
    """
    det = (u.group("det") or "").lower()
    noun_word = u.group("noun").lower()
    fillers = text[u.end("det"):u.start("noun")].strip() if u.group("det") else ""
    if _COUNT_DET_RE.fullmatch(det) or _NOT_TAKEN_NOUN_RE.fullmatch(noun_word) or (
            det == "the" and not fillers and not noun_word.endswith("s") and noun_word not in _UNNAMED_AREA_NOUNS):
        # ("the village about 16 km from X" refers back to the village named before: a reference)
        return None
    noun = re.sub(r"\s+", " ", text[u.start():u.start("gap")]).strip()
    return (None, noun) if det in _ONE_ITEM_DETS else (u.start(), noun)


def locate_expression(run: _Run, f: Any) -> None:
    """Locate one spatial phrase (gazetteer.spatial.FoundExpression) into ``run``."""
    expr = f.expr
    if expr is None:
        run.unresolved_phrase(f, f"spatial phrase not usable: {f.error}")
        return
    anchor = _phrase_anchor(run, f, expr)
    loc, anchor = _phrase_location(run, f, expr, anchor)
    if loc is None:
        return
    for i, m in enumerate(run.mentions):
        if m.kind in (MENTION_TOPONYM, MENTION_UNKNOWN) and m.start >= f.start and m.end <= f.end:
            run.consumed.add(i)
    oi = run.by_start.get((f.start, f.end))
    if oi is not None:
        run.new_loc[oi] = loc
    named_i = _named_index(run, f)
    if named_i is None and f.named_start is not None and anchor is not None:
        # "the Kijli neighbourhood in Manbij", "the village Shakrak, just east of Ayn Issa":
        # a name the gazetteer does not hold, placed where the phrase says (its own area)
        named = _unknown_named(run.text, f.named_start, f.named_end)
        if named is not None:
            stated = replace(loc, notes=loc.notes + (
                f"{named!r} is not in the gazetteer: placed at the stated position ({expr.text!r})",))
            run.slots.append(Slot(f.named_start, f.end, named, "unknown", stated,
                                  f"unknown:{named.lower()}", run.text[f.named_start:f.named_end]))
            return
    if named_i is not None and named_i not in run.consumed:
        _place_named(run, f, expr, loc, named_i)
        return
    if anchor is not None:
        run.slots.append(_sector_slot(run, f, expr, anchor, loc))


def locate_expressions(run: _Run) -> None:
    """Locate every spatial phrase of the scan, in order."""
    for f in run.scan.expressions:
        locate_expression(run, f)
