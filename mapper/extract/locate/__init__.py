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

- an unknown name that nothing above placed gets an honest wide area, never a point of
  its own nor a look-alike (:mod:`mapper.extract.locate.vague`): the known member of its
  list, the town named after it ("A in B"), else (a name the text calls a place) the focus
  area; it stays in ``unresolved`` with ``placed``. Lines (rivers, roads) stay unplaced;
- an unnamed place before a phrase is the slot and its name ("captured hills near the
  town" -> "hills near Khanasir"); relations the spatial grammar lacks ("around X", "in the
  area of X", "overlooking X", "the northern shore of X", "areas near it") are read by
  :mod:`mapper.extract.locate.relations`.

Modules (this one re-exports their public names): ``locate.focus`` (Focus,
references, place_location), ``locate.facility`` (containers, facilities,
display_name, within_location, governorate_location), ``locate.phrases``
(spatial phrases, conflict_warning, sector_name), ``locate.roads`` (a road
between two places: a corridor, :func:`road_location`), ``locate.state``
(Located), ``locate.vague`` (wide areas of unknown names), ``locate.relations``
("around X", "overlooking X", "the shore of X"), ``locate.run`` (:func:`locate_article`;
roads, town facilities, list members sharing a stated position).

>>> REFERENCE_RE.search("fighting reached the outskirts of the city").group(0)
'the city'
"""
# ruff: noqa: F401  (re-exports: every public name stays importable from here)
from __future__ import annotations

from mapper.extract.locate.facility import (CONTAINER_MIN_POPULATION, COORD_GAP_RE, FACILITY_COREF_CHARS,
                                            FACILITY_TOWN_MIN_SCORE, INTRA_CITY_HEADS, OUTSIDE_FACILITY_EXTRA_KM,
                                            OUTSIDE_FACILITY_RE, _can_contain, _container_of, container_mention,
                                            display_name, facility_antecedent, governorate_location,
                                            within_location)
from mapper.extract.locate.focus import (KIND_REFERENCE_RE, REFERENCE_RE, VILLAGE_MAX_POPULATION,
                                         VILLAGE_REFERENCE_CHARS, Focus, _is_settlement, _is_settlement_place,
                                         kind_reference, place_location)
from mapper.extract.locate.phrases import conflict_warning, sector_name
from mapper.extract.locate.roads import CUT_BEFORE_RE, ROAD_CORRIDOR_KM, road_location, road_name
from mapper.extract.locate.run import locate_article
from mapper.extract.locate.state import Located

__all__ = ["Focus", "Located", "locate_article", "place_location", "REFERENCE_RE", "conflict_warning",
           "display_name", "facility_antecedent", "within_location", "governorate_location", "container_mention",
           "sector_name"]
