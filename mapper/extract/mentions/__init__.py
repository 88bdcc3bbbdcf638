"""All place mentions of one article (gazetteer names, spatial phrases,
unknown toponyms, datelines and bylines).

Sources, each a single compiled pass over ``article.body`` (never past
``body_end``: web debris yields no places):

1. the gazetteer's :class:`~gazetteer.matcher.TextMatcher` (one automaton /
   regex over every known name), disambiguated with a
   :class:`~gazetteer.disambiguate.DocumentContext` built from the article's
   own hits (country focus, centroid for proximity; Syria as a weak default);
2. :func:`gazetteer.spatial.find_expressions` ("4km west of Palmyra");
3. :data:`TOPONYM_RE`: capitalised names with a geographic head noun ("Hayy
   al-Gharf neighbourhood", "Ertiwaziyah District") or prefix ("Jabal X"),
   so an unknown place becomes ``Mention(kind="unknown_toponym", reason=...)``
   instead of being lost;
   Names with a feature word are checked against look-alikes (:func:`lookalike`):
   a weak fuzzy spelling match or a candidate with another feature class is
   rejected ("Hazawna district" is not the village Khazanah) and the name stays
   unknown, to be placed in its town or reported;
   :data:`PLACE_OF_RE` ("the villages of A, B and C") and :data:`VERB_SLOT_RE`
   ("captured Duwaybiq") add unknown names in settlement / object slots;
   :data:`GENERIC_FACILITY_RE` ("the hospital", "the central market") adds
   unnamed facilities of the town the text is about (reason :data:`FACILITY_REASON`);
4. :data:`DATELINE_RE` / :data:`BYLINE_RE`: "AMMAN:", "QAMISHLI –", "Homs –"
   at a paragraph start, "BEIRUT (Reuters) -", "(Reporting by ... in Beirut;
   Editing by ...)". Names inside them become dateline / byline mentions that
   never place events.

A name followed by "province", "governorate", "countryside"... (or preceded
by "rural") is a region: its ``reason`` says so and it never places a
capture.

Modules (this one re-exports their public names and keeps :func:`article_mentions`):
``mentions.patterns`` (compiled patterns, kind sets, :func:`dateline_spans`),
``mentions.filters`` (organisation / person / metonym / quarter / look-alike
checks), ``mentions.slots`` (settlement / verb / facility / coordinated name
slots, lists after "including:" / "among them" / "N villages near X, A and B"),
``mentions.roads`` ("the A-B road", "the road between A and B": one road mention,
never an end alone), ``mentions.facilities`` ("X's train station", "the X bus
station", "the electrical grid of X": a facility in X, never X), ``mentions.scan`` (:class:`MentionScan`,
:func:`scan_mentions`).

>>> DATELINE_RE.match("AMMAN: Syrian forces are").group("name")
'AMMAN'
"""
# ruff: noqa: F401  (re-exports: every public name stays importable from here)
from __future__ import annotations

from typing import Any

from mapper.extract.mentions.filters import (LOOKALIKE_MIN_SCORE, QUARTER_CITY_KM, QUARTER_CITY_MIN_POPULATION,
                                            _is_actor, _not_a_place, _quarter_ok, _trim_name, lookalike)
from mapper.extract.mentions.patterns import (_STOP_NAMES, BYLINE_RE, DATELINE_INLINE_RE, DATELINE_RE,
                                             FACILITY_REASON, GENERIC_FACILITY_RE, NON_SETTLEMENT_KINDS,
                                             PLACE_OF_RE, REGION_AFTER_RE, TOPONYM_RE, VERB_SLOT_RE,
                                             _blocked_kind, dateline_spans, is_region_place)
from mapper.extract.mentions.facilities import TOWN_FACILITY_REASON, town_facility_name
from mapper.extract.mentions.roads import ROAD_REASON, RoadEnds
from mapper.extract.mentions.scan import MentionScan, matcher_hits, scan_mentions
from mapper.extract.mentions.slots import APPOSITIVE_LIST_RE, LIST_SLOT_RE
from mapper.model import Article, Mention

__all__ = ["DATELINE_RE", "BYLINE_RE", "TOPONYM_RE", "REGION_AFTER_RE", "MentionScan",
           "scan_mentions", "article_mentions", "matcher_hits", "dateline_spans", "lookalike", "LOOKALIKE_MIN_SCORE",
           "FACILITY_REASON", "GENERIC_FACILITY_RE", "PLACE_OF_RE", "VERB_SLOT_RE",
           "NON_SETTLEMENT_KINDS", "is_region_place"]


def article_mentions(article: Article, gaz: Any = None) -> list[Mention]:
    """The article's mentions (toponyms, unknown toponyms, spatial phrases,
    datelines, bylines), sorted by start; locations are set by mapper.extract.locate.

    >>> from mapper.model import Article   # doctest: +SKIP
    >>> [m.kind for m in article_mentions(Article("x", "AMMAN: IS left Palmyra."))]  # doctest: +SKIP
    ['dateline', 'toponym']
    """
    if gaz is None:
        from gazetteer.store import Gazetteer
        gaz = Gazetteer.default()
    return scan_mentions(article, gaz).mentions
