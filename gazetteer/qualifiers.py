"""Qualifiers of place names: "Western X" / "X al-Gharbi", "Upper X" / "X Fawqani".

Arabic place names often come in twins told apart by a qualifier word:
al-Gharbi / al-Sharqi (western / eastern), Fawqani / Tahtani (upper /
lower), Kabir / Saghir (big / small), Jadid / Qadim (new / old). Analysts
write the qualifier in English before the name ("Eastern Ghariyah") or in
Arabic after it ("Ghariyat al-Sharqiyah"), or leave it out.

- :func:`strip_qualifier`: the name without its qualifier (or None);
- :func:`qualifier_variants`: an English leading qualifier rewritten as the
  Arabic trailing word ("Eastern Ghariyah" -> "Ghariyah al-Sharqiyah", "Ghariyah
  al-Sharqi").

>>> strip_qualifier("Qastun al Gharbi town"), qualifier_variants("Upper Kastana")
('Qastun town', ['Kastana Fawqani'])
"""
from __future__ import annotations

import re
from typing import Optional

from gazetteer.normalize import name_key

__all__ = ["strip_qualifier", "qualifier_variants", "qualifier_agrees", "ENGLISH_TO_ARABIC", "ENGLISH_QUALIFIERS"]

_QUALIFIER_AFTER = re.compile(
    r"[\s\-]+(?:(?:al|el|a|as|ash|ad|ar|at|az)[\s\-]+)?(?:gharbi|gharbiy+[ae]h?|gharbiy+a|sharqi|sharqiy+[ae]h?|"
    r"shamali|shamaliy+[ae]h?|janubi|janubiy+[ae]h?|qibli|qibliy+[ae]h?|fawqani|foqani|tahtani|kabir|kabir[ae]h?|"
    r"saghir|saghir[ae]h?|sagheer|kbir|zghir|jadid|jadid[ae]h?|qadim|qadim[ae]h?|wastani|wusta|"
    # Kurdish spellings of the same words ("Mehmediye Xerbi")
    r"xerbi|xarbi|rojava|rojhilat|jorin|jerin)"
    r"(?=[\s\-]*(?:\b[a-z]+\b)?\s*$)", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(
    r"^\s*(?:western|eastern|northern|southern|upper|lower|greater|little|new|old|former|big|small)[\s\-]+",
    re.IGNORECASE)

#: English leading qualifier -> the Arabic trailing words that say the same
#: (masculine, feminine).
ENGLISH_TO_ARABIC: dict[str, tuple[str, str]] = {
    "western": ("al-Gharbi", "al-Gharbiyah"), "eastern": ("al-Sharqi", "al-Sharqiyah"),
    "northern": ("al-Shamali", "al-Shamaliyah"), "southern": ("al-Janubi", "al-Janubiyah"),
    "upper": ("Fawqani", "Fawqani"), "lower": ("Tahtani", "Tahtani"),
    "big": ("al-Kabir", "al-Kabirah"), "greater": ("al-Kabir", "al-Kabirah"),
    "small": ("al-Saghir", "al-Saghirah"), "little": ("al-Saghir", "al-Saghirah"),
    "new": ("al-Jadid", "al-Jadidah"), "old": ("al-Qadim", "al-Qadimah"),
}
#: Stems of the Arabic (and Kurdish) words of each English qualifier, as folded text.
_ARABIC_STEMS: dict[str, tuple[str, ...]] = {
    "western": ("gharb", "xerb", "xarb"), "eastern": ("sharq", "rojhilat"), "northern": ("shamal",),
    "southern": ("janub", "qibl"), "upper": ("fawq", "foq", "jorin"), "lower": ("taht", "jerin"),
    "big": ("kabir", "kbir"), "greater": ("kabir", "kbir"), "small": ("saghir", "zghir", "sagheer"),
    "little": ("saghir", "zghir", "sagheer"), "new": ("jadid",), "old": ("qadim",),
}
#: The English qualifier words (capitalised before a name: "Eastern Ghariyah").
ENGLISH_QUALIFIERS = frozenset(ENGLISH_TO_ARABIC)
_ENGLISH_LEAD = re.compile(r"^\s*(" + "|".join(ENGLISH_TO_ARABIC) + r")[\s\-]+(.+?)\s*$", re.IGNORECASE)


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


def qualifier_variants(name: str) -> list[str]:
    """The name with a leading English qualifier written as the Arabic word
    after it, both genders (feature words after the name are dropped: the
    variants are spellings to look up); [] without such a qualifier.

    >>> qualifier_variants("Western Ghariyah town")
    ['Ghariyah al-Gharbi', 'Ghariyah al-Gharbiyah']
    """
    from gazetteer.normalize import strip_feature_words
    m = _ENGLISH_LEAD.match(name)
    if not m:
        return []
    core = strip_feature_words(m.group(2))[0] or m.group(2)
    if not name_key(core):
        return []
    return list(dict.fromkeys(f"{core} {w}" for w in ENGLISH_TO_ARABIC[m.group(1).lower()]))


def qualifier_agrees(name: str, place_name: str) -> bool:
    """Does ``place_name`` carry the Arabic word of the English qualifier that
    leads ``name`` ("Eastern Ghariyah" / "Ghariyyat al-Sharqiyah")?

    >>> qualifier_agrees("Eastern Ghariyah", "Ghariyyat al-Sharqiyah"), qualifier_agrees("Eastern X", "X")
    (True, False)
    """
    from gazetteer.normalize import fold_text
    m = _ENGLISH_LEAD.match(name)
    if not m:
        return False
    folded = fold_text(place_name)
    return any(stem in folded for stem in _ARABIC_STEMS[m.group(1).lower()])
