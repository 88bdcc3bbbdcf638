"""Evidence guards of exact hits in text (a mixin of
:class:`gazetteer.matcher.TextMatcher`): the head of a longer unknown name
("near Sabaa Bahrat"), what supports a short name ("al-Bab", "the town of
Bab"), the governorates a text names, articles inside a name.
"""
from __future__ import annotations

from typing import Optional

from gazetteer.normalize import ENGLISH_ARTICLE_LIKE, name_key
from gazetteer.textwords import (_BYLINE_BEFORE_RE, _NOT_NAME_WORDS, _PERSON_AFTER_RE, _PLACE_BEFORE_RE,
                                 _PREFIX_HINT, _SENTENCE_START_RE, _SHORT_FEATURE_RE, _SUFFIX_RE,
                                 _TERRITORIAL_BEFORE_RE, _TITLE_BEFORE_RE)


class GuardsMixin:
    """Guard predicates of TextMatcher (need ``stop``, ``stop_fixed``, ``stop_names``)."""

    def _stopword_place_context(self, text, toks, folded, joinable, hyphen, is_art, i, j, key,
                                lower_words) -> Optional[str]:
        """Why a one-word hit on a listed word (a given name, an English word; never a
        month, weekday or demonym) is a place here: "verb" (the object of a territorial
        verb: "captured Salma", "withdrew from Hass"), "place" (after a locative word:
        "in Salma", "the town of Salma"), or None (it stays a stopword). The caller
        still requires a place of the regional pack of that name.

        >>> from gazetteer.matcher import TextMatcher
        >>> m = TextMatcher.from_keys(["Hamid"])       # "Hamid" is a listed given name
        >>> [h.start for h in m.find("Rebels captured Hamid on Monday. Hamid said no.")]
        [16]
        """
        if key in self.stop_fixed or i != j:
            return None
        n = len(toks)
        k = j + 1
        if k < n and joinable[k] and is_art[k] and k + 1 < n and joinable[k + 1] \
                and (hyphen[k + 1] or folded[k] not in ENGLISH_ARTICLE_LIKE):
            k += 1                          # "Salah al-Din": the head of a longer name ("in Hama": no)
        if k < n and joinable[k] and toks[k][2][:1].isupper() and not toks[k][2].isupper() \
                and folded[k] not in _NOT_NAME_WORDS:
            return None
        start = toks[i][0]
        if i > 0 and is_art[i - 1] and joinable[i] and (hyphen[i] or folded[i - 1] not in ENGLISH_ARTICLE_LIKE):
            start = toks[i - 1][0]          # "captured al-Salma" ("in Rami": "in" is no article)
        lo = max(0, start - 40)
        if _TERRITORIAL_BEFORE_RE.search(text, lo, start):
            return "verb"
        if _PLACE_BEFORE_RE.search(text, lo, start):
            return "place"
        return None

    def _surname_like(self, toks, folded, joinable, hyphen, is_art, k, lower_words) -> bool:
        """Is token k a capitalised word that may be a person's surname (not a feature
        word, month, listed word, common word of this text, article or acronym)?"""
        if k < 0 or k >= len(toks) or is_art[k]:
            return False
        w = toks[k][2]
        if not w[:1].isupper() or w.isupper() or folded[k] in lower_words:
            return False
        return folded[k] not in _NOT_NAME_WORDS and folded[k] not in _PREFIX_HINT \
            and name_key(w) not in (self.stop - self.stop_names)

    def _person_context(self, text, toks, folded, joinable, hyphen, is_art, i, lower_words) -> bool:
        """Does the context make the one-word name at token i a person? A title or
        role before it ("Mr Hadi", "spokesman Tom Perry"), a byline ("by Tom Perry"),
        or a two-word personal name - the name and a capitalised surname after it,
        or a given name (or another name) and the name after it - that starts a
        sentence, follows "by" / a title / a word that is no place context, and ends
        in an apposition or a verb of saying ("Salma Haddad, a resident, said").

        >>> from gazetteer.matcher import TextMatcher
        >>> m = TextMatcher.from_keys(["Salma", "Haddad"], stopwords=frozenset())
        >>> [h.surface for h in m.find("Salma Haddad, a resident, said the town of Salma was quiet.")]
        ['Salma']
        """
        start, end = toks[i][0], toks[i][1]
        lo = max(0, start - 60)
        if _TITLE_BEFORE_RE.search(text, lo, start) or _BYLINE_BEFORE_RE.search(text, lo, start):
            return True
        n = len(toks)
        # the name, then a surname: "Salma Haddad, ..."
        k = i + 1
        if k < n and joinable[k] and not hyphen[k] \
                and self._surname_like(toks, folded, joinable, hyphen, is_art, k, lower_words) \
                and not _SUFFIX_RE.match(text, end) \
                and _PERSON_AFTER_RE.match(text, toks[k][1]) and self._person_start(text, start):
            return True
        # a first name, then the name: "Salma Haddad, ..." seen from "Haddad"
        p = i - 1
        if p >= 0 and joinable[i] and not hyphen[i] and not is_art[p] \
                and toks[p][2][:1].isupper() and not toks[p][2].isupper() \
                and folded[p] not in _PREFIX_HINT and folded[p] not in _NOT_NAME_WORDS \
                and name_key(toks[p][2]) not in (self.stop - self.stop_names) \
                and _PERSON_AFTER_RE.match(text, end) and self._person_start(text, toks[p][0]):
            return True
        return False

    @staticmethod
    def _person_start(text: str, start: int, depth: int = 0) -> bool:
        """May a personal name start at ``start``: a sentence start, "by", a title, or
        a lower-case word that is no place context ("said Salma Haddad")? A capitalised
        word before it is a first name, judged the same way once ("Hadiya Khalaf Abbas said")."""
        lo = max(0, start - 40)
        if _SENTENCE_START_RE.search(text, lo, start) or _BYLINE_BEFORE_RE.search(text, lo, start) \
                or _TITLE_BEFORE_RE.search(text, lo, start):
            return True
        if _PLACE_BEFORE_RE.search(text, lo, start) or _TERRITORIAL_BEFORE_RE.search(text, lo, start):
            return False
        before = text[lo:start].rstrip()
        m = before.rsplit(None, 1)[-1] if before else ""
        if depth == 0 and m[:1].isupper() and m.isalpha() and not m.isupper():
            return GuardsMixin._person_start(text, lo + len(before) - len(m), 1)
        return bool(m) and m[:1].islower() and m.lower() not in ("the", "of", "and", "or")

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
