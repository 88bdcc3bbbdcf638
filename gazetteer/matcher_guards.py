"""Evidence guards of exact hits in text (a mixin of
:class:`gazetteer.matcher.TextMatcher`): the head of a longer unknown name
("near Sabaa Bahrat"), what supports a short name ("al-Bab", "the town of
Bab"), the governorates a text names, articles inside a name.
"""
from __future__ import annotations

from typing import Optional

from gazetteer.normalize import ENGLISH_ARTICLE_LIKE, name_key
from gazetteer.textwords import _NOT_NAME_WORDS, _SHORT_FEATURE_RE


class GuardsMixin:
    """Guard predicates of TextMatcher (need ``stop``)."""

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
