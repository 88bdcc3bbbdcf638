"""The lookup levels of :class:`gazetteer.store.Gazetteer` (a mixin): exact
keys and cores after feature words (:meth:`SearchMixin._raw_candidates`),
look-alikes of the skeleton level (:meth:`SearchMixin.similar_keys`,
:meth:`SearchMixin._fuzzy`), alternatives, qualifiers, and
:meth:`SearchMixin.search` that puts them together and scores them.

>>> from gazetteer.store import Gazetteer
>>> [c.place.name for c in Gazetteer.default().search("Tadmur", limit=1, country="SY")]
['Palmyra']
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Optional

from gazetteer.disambiguate import QUALITY, Candidate, DocumentContext, rescore
from gazetteer.errors import GazetteerError
from gazetteer.lookalikes import build_tables, similar
from gazetteer.normalize import (
    glued_article_variants,
    kind_agrees,
    name_key,
    strip_feature_words,
    strip_suffix_word,
)
from gazetteer.qualifiers import qualifier_agrees, qualifier_variants, strip_qualifier
from gazetteer.ranking import (
    _BASELINE_SOURCES,
    FOREIGN_VARIANT_FACTOR,
    LOOSE_SPELLING_COUNTRIES,
    SOFT_HINTS,
    alternatives,
    core_method,
    core_quality,
    dedupe,
    entry_agrees,
    identity_filter,
    is_variant,
    spelling_tiebreak,
)

__all__ = ["SearchMixin", "FUZZY_QUALITY", "FUZZY_CORE_FACTOR", "FUZZY_MAX_KEYS", "ALIAS_SHADOW",
           "COUNTRY_SHADOW", "FUZZY_SHADOW", "ALTERNATIVES_BONUS", "QUALIFIED_FACTOR",
           "STORED_QUALIFIED_FACTOR", "QUALIFIER_VARIANT_FACTOR", "GLUED_ARTICLE_FACTOR"]

log = logging.getLogger(__name__)

#: Name-match quality of a fuzzy candidate = FUZZY_QUALITY x closeness.
FUZZY_QUALITY = 0.85
#: Quality factor of a look-alike of only the core of a stored name ("Abbad"
#: ~ the "Abyad" of "Tell Abyad"): weaker than a look-alike of a whole name.
FUZZY_CORE_FACTOR = 0.9
#: At most this many look-alike keys per query.
FUZZY_MAX_KEYS = 8
#: Quality factor of candidates that share a key with a curated alias of another place.
ALIAS_SHADOW = 0.85
#: Quality factor of places that share a key with a country's name.
COUNTRY_SHADOW = 0.75
#: Quality factor of a place that is no city quarter (kind other than "district")
#: when the name is headed by a quarter word and a quarter shares its core:
#: "Hamadaniyah district" is the quarter of Aleppo rather than a village of that name.
QUARTER_KIND_FACTOR = 0.95
_QUARTER_HEAD_RE = re.compile(r"[\s\-](?:district|neighbou?rhood|quarter)s?\s*$", re.IGNORECASE)

#: Quality factor of look-alikes when the name exactly names some place.
FUZZY_SHADOW = 0.8
_FULL_NAME_METHODS = frozenset({"name", "alias", "alt", "wiki", "core+kind"})

#: Quality factor of a place that two alternative spellings of the query
#: ("Amiriyah / Mirkan village") both name.
ALTERNATIVES_BONUS = 1.15

#: Quality factor of a place matched by the name without a qualifier
#: ("Qastun al Gharbi" -> Qastun): the qualifier names a part or a twin of it.
QUALIFIED_FACTOR = 0.8
#: Quality factor of a stored name matched without its qualifier ("Qasr al Hayr"
#: for "Qasr al-Hayr al-Gharbi"): below a close look-alike of a whole name
#: ("Amarinah" is rather "Amarnah" than "Amarinah Fawqani").
STORED_QUALIFIED_FACTOR = 0.7
#: Quality factor of a place found by the name with a glued article split
#: ("Ein Eltineh" -> "Ein El Tineh"): another reading of the spelling.
GLUED_ARTICLE_FACTOR = 0.95
#: Quality factor of a place found by the Arabic form of an English qualifier
#: ("Eastern Ghariyah" -> "Ghariyah al-Sharqiyah").
QUALIFIER_VARIANT_FACTOR = 0.95


class SearchMixin:
    """Lookup levels of the Gazetteer (needs ``lookup_key``, ``_indexes``, ``pack``,
    ``aliases``, ``geocoder``, ``_lock`` and the caches set by its ``__init__``)."""

    def _raw_candidates(self, name: str, hint: Optional[str]) -> list[Candidate]:
        """Unscored candidates. ``hint`` is an explicit kind; the query's own
        feature words ("hilltop") only steer matches on the core key - when
        the full name matched, its feature words are part of the name
        ("Tell Abyad" the town is not asserted to be a hill)."""
        key = name_key(name)
        if not key:
            return []
        core, core_hint = strip_feature_words(name)
        query_hint = hint or core_hint
        out = self._full_key_candidates(name, key, hint, query_hint)
        ck = name_key(core)
        head = strip_suffix_word(name)
        hk = name_key(head) if head != name else ""
        if hk and hk not in (key, ck):
            # "Tall Dahmer village": the stored name "Tal Dahmer" whole, the trailing
            # word only a hint (a soft one - village, town - never counts against it)
            out += self._core_candidates(head, hk, query_hint, whole=True)
        if ck and ck != key:
            core_out = self._core_candidates(core, ck, query_hint)
            if _QUARTER_HEAD_RE.search(name) and any(c.place.kind == "district" for c in core_out):
                core_out = [c if c.place.kind == "district" else replace(c, quality=c.quality * QUARTER_KIND_FACTOR)
                            for c in core_out]
            out += core_out
        return out

    def _full_key_candidates(self, name: str, key: str, hint: Optional[str],
                             query_hint: Optional[str]) -> list[Candidate]:
        """Candidates stored under the name's full key (names, aliases, and the
        cores of stored feature-worded names: "Palmyra" vs "Palmyra Airport")."""
        out: list[Candidate] = []
        for e in self.lookup_key(key):
            if e.method == "core":
                agree = entry_agrees(query_hint, e)
                m = core_method(agree, query_hint)
                q = core_quality(agree) * (1.0 if agree else 0.85)
                out.append(Candidate(e.place, 0.0, e.name, m, q, query_hint, key))
            else:
                out.append(Candidate(e.place, 0.0, e.name, e.method, QUALITY.get(e.method, 0.95),
                                     hint, key))
        out = [replace(c, quality=c.quality * FOREIGN_VARIANT_FACTOR, variant=True)
               if is_variant(c.place, name, c.matched_name, c.method) else c for c in out]
        if any(c.method == "alias" for c in out):
            # a curated alias says what this spelling means: other places
            # that merely share the key ("Ad Darah" for "Deraa") step back
            out = [c if c.method == "alias" else replace(c, quality=c.quality * ALIAS_SHADOW)
                   for c in out]
        if any(c.place.kind == "country" and c.method == "name" for c in out):
            # a country's own name ("Qatar", "Jordan") means the country, not a village
            out = [c if c.place.kind == "country" else replace(c, quality=c.quality * COUNTRY_SHADOW)
                   for c in out]
        return out

    def _core_candidates(self, core: str, ck: str, query_hint: Optional[str], *,
                         whole: bool = False) -> list[Candidate]:
        """Candidates stored under the key ``ck`` of the name's core (after its
        feature words), ranked by the kind hint. ``whole``: ``core`` is the name
        without only its trailing feature word, so a stored full name under it
        is the place however a soft hint (village, town) disagrees with its kind."""
        out: list[Candidate] = []
        for e in self.lookup_key(ck):
            agree = entry_agrees(query_hint, e)
            if whole and agree is False and query_hint in SOFT_HINTS and e.method != "core":
                agree = None             # "Tall Dahmer village" / the hill "Tal Dahmer"
            m = core_method(agree, query_hint)
            v = is_variant(e.place, core, e.name, "name" if e.method == "core" else e.method)
            q = core_quality(agree) * (FOREIGN_VARIANT_FACTOR if v else 1.0)
            if e.method == "qualified":
                q *= STORED_QUALIFIED_FACTOR  # "Qasr al Hayr village": a twin's name without its qualifier
                m = "qualified"
            out.append(Candidate(e.place, 0.0, e.name, m, q, query_hint, ck, variant=v))
        return out

    def _skeleton_tables(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """(skeleton -> name keys, one-deletion variant -> skeletons), built once.

        Keys of the regional pack, the curated aliases and the places of
        :data:`LOOSE_SPELLING_COUNTRIES` in the baseline and the user index
        (places abroad never match a spelling other than their own).
        """
        with self._lock:
            if self._skeletons is None:
                # (core keys too: "Tall Hamriya" finds the core of "Al-Humriyah hill")
                keys = set(self.pack.names.keys()) | set(self.aliases.keys())
                for idx in self._indexes():
                    keys.update(idx.keys_in_countries(sorted(LOOSE_SPELLING_COUNTRIES)))
                self._skeletons = build_tables(keys)
            return self._skeletons

    def similar_keys(self, name: str) -> list[tuple[str, float]]:
        """Name keys that look like ``name``: (key, closeness 0..1), best first.

        Bounded and fast (dictionary lookups, no scan of all keys): keys with
        the same consonant skeleton (:func:`~gazetteer.normalize.skeleton_key`)
        and, for skeletons of >= :data:`SKELETON_EDIT_MIN_LEN` letters, keys
        one consonant away. Closeness is the mean of the rapidfuzz ratios of
        the full keys and of the loose keys with vowel runs folded to one
        letter (so a vowel change costs less than a consonant one); only keys with closeness >=
        :data:`SKELETON_MIN_SCORE` (same skeleton) or
        :data:`SKELETON_EDIT_MIN_SCORE` (one consonant away) are returned;
        the query's own key is not.

        >>> from gazetteer.store import Gazetteer
        >>> "palmyra" in [k for k, s in Gazetteer.default().similar_keys("Palmiyra")][:2]
        True
        """
        key = name_key(name)
        got = self._similar_cache.get(key)
        if got is None:
            got = similar(key, *self._skeleton_tables())
            if len(self._similar_cache) > 100_000:
                self._similar_cache.clear()
            self._similar_cache[key] = got
        return list(got)

    def _fuzzy(self, name: str, hint: Optional[str], limit: int) -> list[Candidate]:
        """Candidates of :meth:`similar_keys` of the name (and of its core
        after feature words), method ``fuzzy``, quality 0.85 x closeness."""
        core, core_hint = strip_feature_words(name)
        hint = hint or core_hint
        if hint == "region":
            return []               # "X countryside / province": regions are named exactly
        out = []
        seen: set[str] = set()
        for q in dict.fromkeys((name, strip_suffix_word(name), core)):
            for k, closeness in self.similar_keys(q)[:max(limit, FUZZY_MAX_KEYS)]:
                if k in seen:
                    continue
                seen.add(k)
                for e in self.lookup_key(k):
                    if e.place.source in _BASELINE_SOURCES and (
                            e.place.country or "") not in LOOSE_SPELLING_COUNTRIES:
                        continue                      # look-alikes abroad: never
                    if e.method == "core" and not (e.hint and kind_agrees(hint, e.hint)) \
                            and not (hint and kind_agrees(hint, e.place.kind)):
                        # a core only with its feature word's kind ("Tall X" ~ "X hill") or
                        # the place's own ("Jerji village" ~ the village "Tall Jurji")
                        continue
                    q = FUZZY_QUALITY * closeness * (FUZZY_CORE_FACTOR if e.method == "core" else
                                                     STORED_QUALIFIED_FACTOR if e.method == "qualified" else 1.0)
                    out.append(Candidate(e.place, 0.0, e.name, "fuzzy", q, hint, k, fuzzy_score=closeness))
        return out

    def search(self, name: str, *, limit: int = 5, country: Optional[str] = None,
               near: Optional[tuple[float, float]] = None, kind: Optional[str] = None,
               context: Optional[DocumentContext] = None, fuzzy: bool = True) -> list[Candidate]:
        """Candidates for a name, best first (score 0..1, see gazetteer.disambiguate).

        ``country`` (ISO2) prefers places in that country (it becomes the
        context's country focus; other countries still appear, ranked lower); ``near`` is a
        (lat, lon) in degrees that favours nearby places; ``kind`` a kind
        hint (hill, airbase, ...; feature words in ``name`` give one too);
        ``context`` a :class:`DocumentContext`. ``fuzzy=False`` disables the
        fuzzy fallback.

        >>> from gazetteer.store import Gazetteer
        >>> [c.place.country for c in Gazetteer.default().search("Palmyra", limit=1)]
        ['SY']
        """
        ck = (name, kind, fuzzy)
        raw = self._search_cache.get(ck)
        if raw is None:
            raw = self._candidates_of(name, kind, limit, fuzzy)
            if len(self._search_cache) > 50_000:
                self._search_cache.clear()
            self._search_cache[ck] = raw
        if country:
            context = DocumentContext(countries=(country.upper(),),
                                      centroid=context.centroid if context else None,
                                      places=context.places if context else (),
                                      admin1=context.admin1 if context else ())
        scored = [rescore(c, context, kind_hint=kind or c.kind_hint, near=near) for c in raw]
        scored.sort(key=lambda c: (-c.score, c.place.id))
        return scored[:limit] if limit else scored

    def _candidates_of(self, name: str, kind: Optional[str], limit: int, fuzzy: bool) -> list[Candidate]:
        """Unscored, shaped candidates of a name (the steps of :meth:`search`)."""
        raw = self._spelling_candidates(name, kind, limit, fuzzy)
        if not raw and self.geocoder is not None and getattr(self.geocoder, "enabled", False):
            raw = self._geocode(name, kind)
        if any(c.method in _FULL_NAME_METHODS and not c.variant for c in raw):
            # the name is spelled as some place's name: a look-alike needs
            # more evidence (the governorate named) to win over it
            raw = [replace(c, quality=c.quality * FUZZY_SHADOW) if c.method == "fuzzy" else c
                   for c in raw]
        raw = self._variant_candidates(name, kind, limit, fuzzy, raw)
        raw = dedupe(spelling_tiebreak(name, raw))
        return identity_filter(name, kind, raw)

    def _spelling_candidates(self, name: str, kind: Optional[str], limit: int,
                             fuzzy: bool) -> list[Candidate]:
        """Exact and look-alike candidates of each spelling the name offers
        ("Hacilar / Hajilar village", "Al Sokkareyah (Kasr Ada) village"); a
        place that two spellings both name gets :data:`ALTERNATIVES_BONUS`."""
        raw: list[Candidate] = []
        parts = alternatives(name)
        hint = kind or (strip_feature_words(name)[1] if len(parts) > 1 else None)
        named_by: dict[str, int] = {}
        for part in parts:
            if len(parts) > 1:
                ids = {c.place.id for c in self._raw_candidates(part, hint)}
                ids |= {c.place.id for c in self._fuzzy(part, hint, limit)} if fuzzy else set()
                for pid in ids:
                    named_by[pid] = named_by.get(pid, 0) + 1
            have = {c.place.id for c in raw}
            raw += [c for c in self._raw_candidates(part, hint if len(parts) > 1 else kind)
                    if c.place.id not in have]
            if fuzzy:
                # look-alikes compete with exact matches: the context (the
                # governorate named, the article's places) picks among them
                have = {c.place.id for c in raw}
                raw += [c for c in self._fuzzy(part, hint if len(parts) > 1 else kind, limit)
                        if c.place.id not in have]
        if len(parts) > 1:
            # a place both spellings name is the one meant
            raw = [replace(c, quality=c.quality * ALTERNATIVES_BONUS) if named_by.get(c.place.id, 0) > 1
                   else c for c in raw]
        return raw

    def _variant_candidates(self, name: str, kind: Optional[str], limit: int, fuzzy: bool,
                            raw: list[Candidate]) -> list[Candidate]:
        """When no name matched: the name with a glued article split ("Ein Eltineh"
        = "Ein El Tineh"), with the Arabic form of an English qualifier ("Eastern
        Ghariyah" = "Ghariyat al-Sharqiyah"), then without its qualifier."""
        if not any(c.method != "fuzzy" for c in raw):
            vhint = kind or strip_feature_words(name)[1]
            for variants, factor in ((glued_article_variants(name), GLUED_ARTICLE_FACTOR),
                                     (qualifier_variants(name), QUALIFIER_VARIANT_FACTOR)):
                for v in variants:
                    have = {c.place.id for c in raw}
                    found = self._raw_candidates(v, vhint) + (self._fuzzy(v, vhint, limit) if fuzzy else [])
                    raw += [replace(c, quality=c.quality * factor) for c in found
                            if c.place.id not in have and not c.variant]
        if not any(c.method != "fuzzy" or qualifier_agrees(name, c.matched_name) for c in raw):
            # "Qastun al Gharbi", "Western Ghariyah", "Former Al Mayadin Airport":
            # the place without its qualifier, ranked below a real name match
            bare = strip_qualifier(name)
            if bare:
                have = {c.place.id for c in raw}
                raw += [replace(c, method="qualified", quality=c.quality * QUALIFIED_FACTOR)
                        for c in self._raw_candidates(bare, kind) if c.place.id not in have
                        and not c.variant]
        return raw

    def _geocode(self, name: str, kind: Optional[str]) -> list[Candidate]:
        try:
            place = self.geocoder.geocode(name)
        except GazetteerError as exc:
            log.warning("geocoder: %s", exc)
            return []
        if place is None:
            return []
        return [Candidate(place, 0.0, name, "geocoder", QUALITY["geocoder"], kind, name_key(name))]
