"""Alternative spellings beside a name in text: "Amiriyah / Mirkan village",
"Al Sokkareyah (Kasr Ada) village", "Red Hills (Tulul al-Hamar)", "Eastern
Ghariyah" (a mixin of :class:`gazetteer.matcher.TextMatcher`).

- two hits separated by "/" or "(...)" become one hit whose candidates are
  those of both spellings (a place both name ranks first);
- a hit with an unknown spelling beside it (a run of capitalised words) is
  widened over both when the whole still means the same place, so that the
  unknown spelling is not a mention of its own;
- a capitalised English qualifier before a hit ("Eastern") joins it when a
  place carries the qualifier's Arabic word ("Ghariyyat al-Sharqiyah").
"""
from __future__ import annotations

from typing import Optional

from gazetteer.normalize import name_key, strip_feature_words
from gazetteer.qualifiers import qualifier_agrees
from gazetteer.textwords import (_ALT_AFTER_RE, _ALT_BEFORE_RE, _ALT_CLOSE_RE, _ALT_SEP_RE, _QUALIFIER_BEFORE_RE, _SUFFIX_RE)


from gazetteer.hits import NameHit  # noqa: E402


#: A capitalised English qualifier never joins the name of a place this populous
#: ("Eastern Aleppo" is a part of Aleppo, not a twin village).
QUALIFIER_JOIN_MAX_POPULATION = 50_000


#: Candidate methods that name a place as written (not a look-alike, not a bare core).
_NAMED = frozenset({"name", "alias", "alt", "wiki", "core+kind"})


def _is_country(h: "NameHit") -> bool:
    """Is the hit's top candidate a country ("Syria", "Turkey")?"""
    return bool(h.candidates) and h.candidates[0].place.kind == "country"


class AlternativesMixin:
    """The alternative-spelling steps of TextMatcher.find (needs ``_cands`` and ``stop``)."""

    def _merge_alternatives(self, text: str, hits: list["NameHit"]) -> list["NameHit"]:
        """"Amiriyah / Mirkan village", "Al Sokkareyah (Kasr Ada) village": two
        spellings of one place become one hit whose candidates are those of
        both (gazetteer.store: a place both spellings name ranks first)."""
        out: list["NameHit"] = []
        i = 0
        while i < len(hits):
            h = hits[i]
            if i + 1 < len(hits):
                nxt = hits[i + 1]
                sep = text[h.end:nxt.start]
                closing = _ALT_CLOSE_RE.match(text, nxt.end) if "(" in sep else None
                if _ALT_SEP_RE.fullmatch(sep) and ("(" not in sep or closing) \
                        and not _is_country(h) and not _is_country(nxt):   # "Aleppo (Syria)": a locator
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
            w = self._widen_alternative(text, h, out[-1] if out else None)
            if out and w.start <= out[-1].start:
                out.pop()                     # "Ghajar Amir/Gharnatah village": the first spelling's hit is inside
            out.append(w)
            i += 1
            while i < len(hits) and hits[i].start < w.end:
                i += 1                        # inside the widened hit ("Raqqa (Northern Syria)")
        return out

    def _widen_alternative(self, text: str, h: "NameHit", prev: Optional["NameHit"] = None) -> "NameHit":
        """A hit with another spelling beside it that the gazetteer does not
        know ("Tall Cerce/Jerji village", "Red Hills (Tulul al-Hamar)"): one hit
        over both spellings (the known one resolves it), so that the unknown
        one is not a mention of its own. The other spelling must be a run of
        capitalised words, no stopword, no acronym."""
        if _is_country(h):
            return h                          # "Aleppo (Syria)": the country locates, it is no spelling
        start, end = h.start, h.end
        before = text[max(0, h.start - 3):h.start]
        after = text[h.end:h.end + 3].lstrip()
        q = _QUALIFIER_BEFORE_RE.search(text, max(0, h.start - 12), h.start) if before.endswith(" ") else None
        if q and not _is_country(h) and not (h.candidates and (h.candidates[0].place.population or 0)
                                             >= QUALIFIER_JOIN_MAX_POPULATION):
            # "Eastern Ghariyah": one hit when a place carries the qualifier's Arabic word
            # ("Ghariyyat al-Sharqiyah"); "Eastern Aleppo" / "Northern Syria" stay Aleppo / Syria
            surface = text[q.start(1):h.end]
            cands = self._cands(surface, h.kind_hint)
            if cands and cands[0].place.id not in {c.place.id for c in h.candidates[:1]} \
                    and qualifier_agrees(surface, cands[0].matched_name or cands[0].place.name):
                return NameHit(q.start(1), h.end, surface, name_key(surface), cands, h.kind_hint, h.region)
        m = (_ALT_BEFORE_RE.search(text, max(0, h.start - 60), h.start)
             if "/" in before or "(" in before else None)
        other = None
        if m and (prev is None or m.start(1) >= prev.end or (m.start(1) <= prev.start and not _is_country(prev))) \
                and (m.group(2) == "/" or _ALT_CLOSE_RE.match(text, h.end)):
            other, start = m.group(1), m.start(1)
            if m.group(2) == "(":
                end = _ALT_CLOSE_RE.match(text, h.end).end()
        else:
            m = _ALT_AFTER_RE.match(text, h.end) if after[:1] in ("/", "(") else None
            if m:
                other, end = m.group(1) or m.group(2), m.end()
        if other is None or other.isupper() or name_key(other) in self.stop or not name_key(other):
            return h
        if end != h.end:
            sm = _SUFFIX_RE.match(text, end)
            end = sm.end() if sm else end
        surface = text[start:end]
        hint = h.kind_hint or strip_feature_words(surface)[1]
        cands = self._cands(surface, hint)
        if not cands or (cands[0].place.id not in {c.place.id for c in h.candidates}
                         and not (cands[0].method in _NAMED and not any(c.method in _NAMED
                                                                        for c in h.candidates))):
            # the merged name means something else: keep the hit as it was - unless the
            # other spelling names a place and the hit's own only looks like some
            # ("Sayqal/Sein Military Airbase": the Sayqal airbase, not a look-alike of Sein)
            return h
        return NameHit(start, end, surface, name_key(surface), cands, hint, h.region)
