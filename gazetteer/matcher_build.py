"""Building the text matcher from a gazetteer: which keys are full names,
cores, strict (every word capitalised), short names allowed alone, skeletons of
look-alikes, and the candidate function (look-alikes in Syria only).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from gazetteer.disambiguate import Candidate
from gazetteer.normalize import ARTICLES, TOKEN_RE, fold_text, name_key
from gazetteer.textwords import (FUZZY_TEXT_COUNTRIES, FUZZY_TEXT_MIN, FUZZY_TEXT_SHORT, SHORT_FUZZY_KEY_LEN)

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.store import Gazetteer

#: Baseline places with at least this population are matched in text.
BASELINE_MIN_POPULATION = 15_000
#: ... and their alternate names when at least this populous.
BASELINE_ALT_MIN_POPULATION = 100_000
#: Baseline places of these countries are matched whatever their population.
BASELINE_COUNTRIES = ("SY",)
#: Keys shorter than this are not matched for baseline names.
BASELINE_MIN_KEY_LEN = 4


def from_gazetteer(cls, gaz: "Gazetteer", **kw):
    """A ``cls`` (TextMatcher) over all regional names, curated aliases, user
    places and the baseline subset of ``gaz``."""
    full: set[str] = set()
    core: set[str] = set()
    for table in (gaz.pack.names, gaz.aliases):
        for k, entries in table.items():
            if any(e.method != "core" for e in entries):
                full.add(k)
            else:
                core.add(k)
    user_keys: set[str] = set()
    if gaz.user is not None:
        for k, _n, _pop, method, _cc in gaz.user.iter_names():
            (core if method == "core" else full).add(k)
            user_keys.add(k)

    # names written with a lower-case word ("Palmyra triangle", "Al Mahr oil/gas fields")
    # may match with lower-case words; all others need every word capitalised
    lenient: set[str] = set()
    for table in (gaz.pack.names, gaz.aliases):
        for k, entries in table.items():
            for e in entries:
                words = [t for t in TOKEN_RE.findall(e.name) if fold_text(t) not in ARTICLES]
                if any(w[:1].islower() for w in words[1:]):
                    lenient.add(k)
    strict: set[str] = set()
    if gaz.baseline is not None:
        for k, _n, pop, method, cc in gaz.baseline.iter_names(
                min_population=BASELINE_MIN_POPULATION, countries=BASELINE_COUNTRIES):
            if len(k) < BASELINE_MIN_KEY_LEN:
                continue
            if method == "alt" and pop < BASELINE_ALT_MIN_POPULATION and cc not in BASELINE_COUNTRIES:
                continue
            (core if method == "core" else full).add(k)
    strict = (full | core) - lenient
    kw.setdefault("strict_keys", strict)
    kw.setdefault("short_ok", [k for k in (*gaz.aliases.keys(), *user_keys) if len(k) < 4])

    skel_tables = getattr(gaz, "_skeleton_tables", None)
    if skel_tables is not None:
        kw.setdefault("skeleton_keys", skel_tables()[0].keys())
        kw.setdefault("lookalike_probe", getattr(gaz, "similar_keys", None))

    def cands(surface: str, hint: Optional[str]) -> list[Candidate]:
        # variants abroad ("Barely" for Bareilly) never make a hit; look-alikes
        # (fuzzy) come along: the document's governorate may prefer them
        # (look-alikes abroad never: "al-Mamoun" is not Amman, "Follow" no Israeli village)
        return [c for c in gaz.search(surface, kind=hint, limit=0)
                if not c.variant and (c.method != "fuzzy" or (
                    (c.fuzzy_score or 0) >= (FUZZY_TEXT_MIN if hint or len(name_key(surface)) > SHORT_FUZZY_KEY_LEN
                                             else FUZZY_TEXT_SHORT)
                    and c.place.country in FUZZY_TEXT_COUNTRIES))]
    return cls(full, core, cands, **kw)
