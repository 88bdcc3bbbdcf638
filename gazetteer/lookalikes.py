"""The look-alike level of the gazetteer: consonant skeletons and closeness.

Two dictionaries built once from the name keys (:func:`build_tables`):
skeleton -> keys, and one-deletion variant of a skeleton -> skeletons, so
that :func:`similar` finds the keys with the same skeleton or one consonant
away with a few dictionary probes (no scan of all keys), ranked by
*closeness* (0..1) = mean of the rapidfuzz ratio of the full keys and of the
loose keys with vowel runs folded to one letter (a vowel change costs less
than a consonant one).

>>> skel, dele = build_tables(["palmyra", "tadmur"])
>>> [k for k, c in similar("palmiyra", skel, dele)]
['palmyra']
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from gazetteer.normalize import loose_of_key, skeleton_variants

__all__ = ["build_tables", "similar", "closeness", "SKELETON_MIN_LEN", "SKELETON_SHORT_LEN",
           "SHORT_SKELETON_MIN_SCORE", "SKELETON_EDIT_MIN_LEN", "SKELETON_MIN_SCORE", "SKELETON_EDIT_MIN_SCORE"]

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

_VOWEL_RUN = re.compile(r"[aeiou]+")


def _vowel_pattern(loose: str) -> str:
    """A loose key with every vowel run written ``a`` (where the vowels are, not which)."""
    return _VOWEL_RUN.sub("a", loose)


@lru_cache(maxsize=200_000)
def _pattern_of_key(k: str) -> str:
    """:func:`_vowel_pattern` of the loose form of a name key (cached)."""
    return _vowel_pattern(loose_of_key(k))


def _deletions(s: str) -> set[str]:
    """Every string of ``s`` with one character removed."""
    return {s[:i] + s[i + 1:] for i in range(len(s))}


def closeness(key: str, other: str) -> float:
    """Closeness (0..1) of two name keys: mean of the rapidfuzz ratios of the
    keys and of their vowel patterns (loose keys, vowel runs as one letter).

    >>> closeness("kafarya", "kafriya") > 0.85
    True
    """
    from rapidfuzz import fuzz
    return (fuzz.ratio(key, other) + fuzz.ratio(_pattern_of_key(key), _pattern_of_key(other))) / 200.0


def build_tables(keys: Iterable[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(skeleton -> name keys, one-deletion variant -> skeletons) of the keys
    (every :func:`~gazetteer.normalize.skeleton_variants` of each key)."""
    skel: dict[str, list[str]] = {}
    for k in sorted(set(keys)):
        for sk in skeleton_variants(k):
            if len(sk) >= SKELETON_MIN_LEN:
                skel.setdefault(sk, []).append(k)
    dele: dict[str, list[str]] = {}
    for sk in skel:
        if len(sk) >= SKELETON_EDIT_MIN_LEN:
            for v in _deletions(sk):
                dele.setdefault(v, []).append(sk)
    return ({k: tuple(v) for k, v in skel.items()}, {k: tuple(v) for k, v in dele.items()})


def similar(key: str, skel: dict, dele: dict) -> tuple[tuple[str, float], ...]:
    """Keys of the tables that look like name key ``key``: (key, closeness), best first;
    closeness >= SKELETON_MIN_SCORE (same skeleton; SHORT_SKELETON_MIN_SCORE for 2
    consonants) or >= SKELETON_EDIT_MIN_SCORE (one consonant away); not ``key`` itself."""
    from rapidfuzz import fuzz
    variants = [v for v in skeleton_variants(key) if len(v) >= SKELETON_MIN_LEN]
    if not variants:
        return ()
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
