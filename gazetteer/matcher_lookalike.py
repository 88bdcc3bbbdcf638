"""Look-alike hits in text: a run of capitalised words whose consonant
skeleton is a known name's ("Samlin" for the pack's "Simlin"), with the
guards that keep news words out (a mixin of :class:`gazetteer.matcher.TextMatcher`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from gazetteer.hits import NameHit
from gazetteer.normalize import ENGLISH_ARTICLE_LIKE, name_key, skeleton_key, skeleton_of_key
#: a written token-initial consonant + w + vowel ("Dwerah"): name_key adds a u there
_WRITTEN_CW_RE = re.compile(r"[b-df-hj-np-tvxz]h?(?:w|ou)[aeiy]")
from gazetteer.textwords import (FUZZY_TEXT_MIN, FUZZY_TEXT_STRONG, MAX_TOKENS, SHORT_SKELETON_KEY_LEN, SKELETON_TEXT_LONG, SKELETON_TEXT_SHORT, _LOCATIVE_RE, _PREFIX_HINT, _SUFFIX_HINT, _SUFFIX_RE, _SUN_ARTICLES)


class LookalikeMixin:
    """The skeleton level of TextMatcher._find (needs ``skeletons``, ``_skel_sorted``,
    ``_cands``, ``stop`` and ``_inner_article``)."""

    def _has_skel_prefix(self, sk: str) -> bool:
        """Does some known skeleton begin with ``sk``? (bisection, memoised: the
        same capitalised words come back in every article)"""
        memo = self.__dict__.setdefault("_skel_prefix_memo", {})
        got = memo.get(sk)
        if got is None:
            i = bisect_left(self._skel_sorted, sk)
            got = i < len(self._skel_sorted) and self._skel_sorted[i].startswith(sk)
            if len(memo) > 200_000:
                memo.clear()
            memo[sk] = got
        return got

    def _may_look_alike(self, surface: str) -> bool:
        """Cheap test before a full search of a span without a feature word:
        does any stored key look like it at closeness >= FUZZY_TEXT_MIN (the
        lowest floor a look-alike hit accepts)? True when no probe is set."""
        probe = getattr(self, "_probe", None)
        if probe is None:
            return True
        return any(c >= FUZZY_TEXT_MIN for _k, c in probe(surface)[:1])

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
        sk_at = self._skeleton_run(toks, folded, norms, joinable, hyphen, is_art, i)
        for j_end in reversed(sk_at):
            if toks[j_end][1] <= min_end:
                break
            hit = self._skeleton_terminal(text, toks, folded, norms, joinable, hyphen, is_art, i, j_end,
                                          sk_at[j_end], lower_words)
            if hit is not None:
                return hit
        return None

    def _skeleton_run(self, toks, folded, norms, joinable, hyphen, is_art, i) -> dict[int, str]:
        """The tokens j where the run of capitalised tokens i..j has a known
        skeleton: {j: skeleton}, in order (articles only where they are real
        articles: "al", "el", "ash"; hyphen-glued "a-"; a lower-case "as" between
        capitalised words: "Khan as Subul"; "Osborn in Moscow" is no name)."""
        n = len(toks)
        sk = skeleton_of_key(norms[i])
        sk_at: dict[int, str] = {}
        if not sk or not self._has_skel_prefix(sk):
            return sk_at
        j, steps = i, 0
        while True:
            if sk in self.skeletons:
                sk_at[j] = sk
            k = j + 1
            if k >= n or not joinable[k] or steps >= MAX_TOKENS:
                break
            if is_art[k]:
                if not (k + 1 < n and joinable[k + 1] and (
                        hyphen[k + 1] or folded[k] not in ENGLISH_ARTICLE_LIKE
                        or (folded[k] in _SUN_ARTICLES and self._inner_article(k, folded, hyphen, toks)))):
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
        return sk_at

    def _skeleton_terminal(self, text, toks, folded, norms, joinable, hyphen, is_art, i, j_end, skel,
                           lower_words) -> Optional[NameHit]:
        """The look-alike hit of tokens i..j_end (skeleton ``skel``), or None
        when a guard says no or no candidate is close enough."""
        words = [t for t in range(i, j_end + 1) if not is_art[t]]
        if any(folded[t] in lower_words for t in words):
            return None
        key = "".join(norms[t] for t in words)
        if len(words) == 1 and toks[i][2].isupper() and len(toks[i][2]) <= 4:
            return None                       # acronyms
        start, end = toks[i][0], toks[j_end][1]
        hint = None
        m = _SUFFIX_RE.match(text, end)
        if m:
            word = re.sub(r"[ \-]", "", m.group(1).lower())
            hint = _SUFFIX_HINT.get(word)
            end = m.end()
        if key in self.stop or (len(words) == 1 and name_key(toks[i][2]) in self.stop) \
                or hint == "region":
            return None                       # "May", "Hassan": never look-alikes; nor "X countryside"
        p = i - 1              # a feature word before the name ("Tall", "Jabal", "Mount")
        if p >= 0 and joinable[i] and folded[p] in _PREFIX_HINT and toks[p][2][:1].isupper():
            start = toks[p][0]
            hint = hint or _PREFIX_HINT[folded[p]]
        surface = text[start:end]
        if (hint is None and toks[i][2][:1].isdigit()) or (
                i > 0 and joinable[i] and toks[i - 1][2][:1].isupper() and not is_art[i - 1]):
            return None                       # "Rami Abdel Rahman", "Salah Eddin", "kills 132"
        if hint is None and len(words) == 1 and not (
                (i > 0 and is_art[i - 1] and joinable[i] and hyphen[i])
                or _LOCATIVE_RE.search(text, max(0, toks[i][0] - 16), toks[i][0])):
            # one word, no feature word: only where a place is expected
            # ("in Saraqeb", "near Atareb", "al-Latamneh"), never "Source: ..." / "Follow us"
            return None
        # two consonants are too little to go on, unless the word is long, glued to
        # an article, or has a feature word and a candidate in the governorate the
        # text names ("Ibtaa town in Daraa province" / Abtaa)
        # (the u that name_key restores in "Dwerah" -> "duwara" is no written letter)
        klen = len(key) - (1 if _WRITTEN_CW_RE.match(folded[i]) else 0)
        short_sk = len(skel) < SKELETON_TEXT_SHORT and not (
            klen >= SHORT_SKELETON_KEY_LEN or (i > 0 and is_art[i - 1] and joinable[i] and hyphen[i]))
        if short_sk and hint is None:
            return None
        if hint is None and not self._may_look_alike(surface):
            return None                       # no key close enough: skip the full search
        cands = self._lookalike_cands(text, surface, hint, skel, short_sk)
        return NameHit(start, end, surface, name_key(surface), cands, hint) if cands else None

    def _short_skeleton_filter(self, text: str, folded, i: int, key: str, cands: tuple,
                               doc: Optional[dict]) -> tuple:
        """Look-alike candidates of a one-word exact-key hit with a short skeleton
        (< SKELETON_TEXT_SHORT consonants) and a short written word: only places in
        the governorates the text names (the rule of look-alike spans)."""
        klen = len(key) - (1 if _WRITTEN_CW_RE.match(folded[i]) else 0)
        if len(skeleton_of_key(key)) >= SKELETON_TEXT_SHORT or klen >= SHORT_SKELETON_KEY_LEN:
            return cands
        codes = self._doc_regions(text, doc)
        return tuple(c for c in cands if c.place.admin1 in codes or codes.intersection(c.place.admin1_near or ()))

    def _lookalike_cands(self, text: str, surface: str, hint: Optional[str], skel: str,
                         short_sk: bool) -> tuple:
        """The candidates a look-alike span may take: look-alikes in Syria only (the
        pack and Syrian baseline places) at closeness >= the floor (lower with a
        feature word, or for a long identical skeleton); a bare core name
        ("Russian" of "Russian Naval Base") only with its feature word; with a
        short skeleton only places in the governorates the text names."""
        floor = FUZZY_TEXT_MIN if hint and hint != "region" else FUZZY_TEXT_STRONG
        long_sk = skel if len(skel) >= SKELETON_TEXT_LONG else None
        cands = tuple(c for c in self._cands(surface, hint)
                      if (c.method == "fuzzy" and c.place.country == "SY"
                          and ((c.fuzzy_score or 0) >= floor
                               or (long_sk is not None and (c.fuzzy_score or 0) >= FUZZY_TEXT_MIN
                                   and skeleton_key(c.matched_name) == long_sk)))
                      or (c.method.startswith("core") and hint is not None))
        if cands and short_sk:
            codes = self._doc_regions(text, None)
            cands = tuple(c for c in cands if c.place.admin1 in codes
                          or codes.intersection(c.place.admin1_near or ()))
        return cands
