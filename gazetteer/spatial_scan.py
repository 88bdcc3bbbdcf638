r"""Where :data:`~gazetteer.spatial_grammar.SPATIAL_RE` can match: the same matches as
``SPATIAL_RE.finditer(text)``, found about ten times faster.

Every branch of the grammar contains a keyword at a bounded distance (characters)
after the start of its match:

- ``unit``: the distance unit of an offset ("4 **km** west of X", "within 2 **miles**");
- ``poss``: the apostrophe of a possessive followed by a part noun or a direction
  ("Palmyra**'s** outskirts", "the city**'s** northwest");
- ``word``: a direction, part noun or proximity word near the start ("**west** of X",
  "the **outskirts** of X", "**near** X", "in the **vicinity** of X").

:func:`spatial_matches` finds the keywords with one small regex and tries
``SPATIAL_RE.match`` only at the word starts that lie at most the keyword's bound
before a keyword, in text order, skipping positions inside the previous match, as
``finditer`` does (leftmost, non-overlapping): the match objects are SPATIAL_RE's own.
The bounds are the grammar's own maximum widths (``re`` parser), with every unbounded
``\s+`` counted as at most :data:`MAX_SPACE_RUN` characters; a text with a longer run
of white space, or a grammar whose branches no longer have the shapes checked here
(:data:`GATED`), is scanned with ``finditer`` as before.

>>> [m.group(0) for m in spatial_matches("IS fled to the city's outskirts, 4km west of Palmyra.")]
["the city's outskirts", '4km west of Palmyra']
"""
from __future__ import annotations

import re
from typing import Iterator

from gazetteer.spatial_grammar import (
    DIR, DIRADJ, DIRADJ_LC, NAME, _CARD, PARTNOUN, S, SPATIAL_RE, UNIT, _BRANCHES, _PN_CENTER, _PN_EDGE, _PN_INNER,
    _PN_REGION, _PN_SIDE, _REF, _REFADJ, _dist,
)

try:   # the regex parser's width computation (private module, renamed in Python 3.11)
    from re import _parser as _sre_parse   # type: ignore[attr-defined]
except ImportError:   # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parse   # type: ignore[no-redef]

__all__ = ["spatial_matches", "MAX_SPACE_RUN", "GATED"]

#: Longest run of white space (characters) a gated scan assumes; a text with a longer
#: run is scanned with ``SPATIAL_RE.finditer``.
MAX_SPACE_RUN = 16
_LONG_SPACE_RE = re.compile(r"\s{%d}" % (MAX_SPACE_RUN + 1))

# the text of each branch before its keyword (and the keyword's own start), as in the grammar
_MEASURE = _dist("o")
_PREFIX = {
    "measure": _MEASURE[:_MEASURE.find("(?P<o_unit>")],
    "part_of": rf"\b(?:the{S})?",
    "part_poss": rf"(?:\b(?P<q_ref>{_REF})|(?<![\w\-])(?P<q_name>{NAME}))",
    "part_ref": rf"\b(?P<c_ref>the{S}(?:{_REFADJ}{S})?(?:city|town|village)){S}",
    "part_adj": r"(?<![\w\-])",
    "dir_of": rf"\b(?:(?P<r_prep>to|in){S}the{S})?",
    "dir_poss": rf"\b(?:(?P<s_prep>to|in){S})?(?:(?P<s_ref>{_REF})|(?P<s_name>{NAME}))",
    "dir_facing": r"\b",
    "near": rf"\b(?P<n_word>(?:in|on){S}the{S})",   # "in the vicinity of": the keyword is the noun
}
_HEAD = {   # what follows the prefix in the branch: the keyword's own shape
    "measure": rf"(?P<o_unit>{UNIT})",
    "part_of": rf"(?:(?P<p_dir>{DIRADJ}){S}(?P<p_noun>{PARTNOUN}){S}(?:of|in|(?<=entrance )to)"
               rf"|(?P<p_noun2>(?:{_PN_EDGE}|{_PN_CENTER}|{_PN_REGION})\b){S}(?:of|in)"
               rf"|(?P<p_noun3>(?:{_PN_INNER})\b){S}in)",
    "part_poss": rf"['’]s?{S}(?:(?P<q_dir>{DIRADJ}){S})?(?P<q_noun>{PARTNOUN})",
    "part_ref": r"(?P<c_noun>cent(?:er|re)|outskirts|limits|edge|heart)\b",
    "part_adj": r"(?:(?P<a_dir>",
    "dir_of": rf"(?P<r_dir>{DIR})",
    "dir_poss": rf"['’]s?{S}(?P<s_dir>{DIR})",
    "dir_facing": r"(?:overlooking|overlook|overlooks|facing|faces)",
    "near": "",
}
_KIND = {"measure": "unit", "part_poss": "poss", "dir_poss": "poss", "part_ref": "ref"}   # the rest: "word"
#: keyword kind -> the branches whose keyword it is (a position is tried with SPATIAL_RE only
#: when one of the branches of the keywords that point at it matches there)
_BRANCHES_OF = {"unit": ("measure",), "poss": ("part_poss", "dir_poss"),
                "word": ("part_of", "part_adj", "dir_of", "dir_facing", "near"),
                "ref": ("part_of", "part_ref", "part_adj", "dir_of", "dir_facing", "near")}  # "cent" is also "central"

#: literal stems of the keyword words ("word": at most a few words after the match start;
#: "ref": the part nouns of "the city centre", after "the <adjective> city"): each word of
#: the grammar's vocabulary starts with one of them (checked by :func:`_bounds`)
_WORD_STEMS = ("north", "south", "east", "west", "central", "rural", "downtown", "overlook", "fac", "near",
               "outside", "close", "next", "adjacent", "vicinity", "environs", "fringe", "suburb", "neighbo",
               "district", "quarter", "sub", "part", "side", "half", "section", "sector", "area", "peripher",
               "perimeter", "gate", "entrance", "surroundings", "approaches", "core", "middle", "old", "countryside",
               "hinterland", "desert", "province", "governorate", "region")
_REF_STEMS = ("cent", "outskirt", "limits", "edge", "heart")


def _trie(words: "tuple[str, ...]") -> str:
    """Regex source matching any of ``words`` (literal), as a trie on the first letter whose
    first character is followed by ``(?<!\\w.)`` (no word character before the word)."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(c)}(?<!\\w.)(?:{'|'.join(sorted(rest, key=len, reverse=True))})"
                    for c, rest in by_first.items())


#: the keywords; each regex starts with a literal or a character class (fast scan) and
#: consumes only its keyword (or one character before a unit), so no keyword hides another
_WORD_RE = re.compile(f"(?P<ref>{_trie(_REF_STEMS)})|(?P<word>{_trie(_WORD_STEMS)})", re.IGNORECASE)
_UNIT_RE = re.compile(rf"(?:[\s\d\-]|half)(?P<unit>{UNIT})", re.IGNORECASE)
_POSS_RE = re.compile(rf"['’](?=s?{S}(?:(?:{DIRADJ}){S})?{PARTNOUN}|s?{S}{DIR})", re.IGNORECASE)
#: the non-ASCII characters that IGNORECASE matches with an ASCII letter although their
#: ``str.lower()`` is no ASCII letter (İ, ı, ſ): a text with one is scanned by :data:`_WORD_RE`
_FOLDS_RE = re.compile("[\u0130\u0131\u017f]")
#: (stem, kind) for the lower-case search of :func:`_word_hits`
_STEM_KINDS = tuple((st, "ref") for st in _REF_STEMS) + tuple((st, "word") for st in _WORD_STEMS)


def _word_hits(text: str) -> list[tuple[int, str]]:
    """(offset, kind) of every word keyword (a stem not after a word character): the
    matches of :data:`_WORD_RE`, found with ``str.find`` in the lower-cased text (a
    position may come twice, once per kind); the regex when lower-casing would not
    keep offsets or case folding differs."""
    low = text.lower()
    if len(low) != len(text) or _FOLDS_RE.search(text):
        return [(k.start(), k.lastgroup) for k in _WORD_RE.finditer(text)]
    hits = []
    find = low.find
    for stem, kind in _STEM_KINDS:
        i = find(stem)
        while i >= 0:
            if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
                hits.append((i, kind))
            i = find(stem, i + 1)
    return hits


#: where a match of SPATIAL_RE can start: not after a word character, at a word character, a
#: dash (a negative distance) or a capital of the NAME class
_START_RE = re.compile(r"(?<!\w)[\w\-−–\u00C0-\u00DE]")


def _top_level(alternation: str) -> list[str]:
    """The top-level alternatives of a regex source ("a|b(?:c|d)" -> ["a", "b(?:c|d)"])."""
    out, depth, cur = [], 0, ""
    for ch in alternation:
        depth += ch == "(" and 1 or ch == ")" and -1 or 0
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def _stems_cover(vocabulary: str, stems: "tuple[str, ...]") -> bool:
    """True when every alternative of ``vocabulary`` starts with one of ``stems``
    (its leading literal letters, up to the first optional letter or group)."""
    for alt in _top_level(vocabulary):
        lead = re.match(r"[a-z\-]*?(?=[a-z]\?|[^a-z\-]|$)", alt).group(0)
        if not any(lead.startswith(st) for st in stems):
            return False
    return True


def _max_width(pattern: str) -> int:
    """Most characters ``pattern`` can match when no white-space run is longer than
    :data:`MAX_SPACE_RUN` (ValueError when unbounded)."""
    bounded = pattern.replace(r"\s+", r"\s{1,%d}" % MAX_SPACE_RUN).replace(r"\s*", r"\s{0,%d}" % MAX_SPACE_RUN)
    hi = _sre_parse.parse(bounded, re.IGNORECASE).getwidth()[1]
    if hi >= _sre_parse.MAXREPEAT:
        raise ValueError(f"unbounded prefix {pattern[:60]!r}")
    return int(hi)


def _shapes_hold() -> bool:
    """True when every branch of the grammar still has the shape gated here: its source
    starts with the prefix and keyword head of :data:`_PREFIX` / :data:`_HEAD`, and the
    keyword stems cover the vocabulary of part nouns and directions."""
    if set(_BRANCHES) != set(_PREFIX):
        return False
    near = (rf"\b(?P<n_word>near|outside|close{S}to|next{S}to|adjacent{S}to|in{S}the{S}(?:vicinity|"
            rf"environs){S}of|on{S}the{S}(?:edge|fringes?){S}of){S}")
    for name, prefix in _PREFIX.items():
        start = near if name == "near" else prefix + _HEAD[name]
        if not _BRANCHES[name].startswith(start):
            return False
    stems = _WORD_STEMS + _REF_STEMS
    vocab = "|".join((_PN_INNER, _PN_SIDE, _PN_EDGE, _PN_CENTER, _PN_REGION))
    return (_stems_cover(vocab, stems) and _stems_cover("cent(?:er|re)|outskirts|limits|edge|heart", _REF_STEMS)
            and _CARD == "(?:north|south|east|west)" and DIR.startswith(_CARD)
            and DIRADJ.startswith(f"(?:{_CARD}") and DIRADJ_LC.startswith("(?-i:(?:north|south)"))


def _bounds() -> dict[str, int]:
    """Keyword kind -> most characters between a match start and its keyword; {} when a
    branch of the grammar is not of the shape gated here (the scan then falls back)."""
    if not _shapes_hold():
        return {}
    width = {name: _max_width(rf"(?:in|on){S}the{S}" if name == "near" else prefix)
             for name, prefix in _PREFIX.items()}
    return {kind: max(width[b] for b in branches) for kind, branches in _BRANCHES_OF.items()}


#: keyword kind -> bound (characters); empty: the grammar changed shape, scans use finditer
GATED: dict[str, int] = _bounds()
_KINDS = tuple(_BRANCHES_OF)


def _filter(mask: int) -> "re.Pattern[str]":
    """SPATIAL_RE restricted to the branches of the keyword kinds in ``mask`` (bit i: _KINDS[i])."""
    names = {b for i, kind in enumerate(_KINDS) if mask >> i & 1 for b in _BRANCHES_OF[kind]}
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<B_{k}>{v})" for k, v in _BRANCHES.items() if k in names)
                      + ")", re.IGNORECASE)


_FILTERS: dict[int, "re.Pattern[str]"] = {}


def spatial_matches(text: str) -> Iterator["re.Match[str]"]:
    """The matches of ``SPATIAL_RE.finditer(text)``, in order (the same match objects'
    spans and groups), trying SPATIAL_RE only before keywords (module doc)."""
    if not GATED or _LONG_SPACE_RE.search(text):
        yield from SPATIAL_RE.finditer(text)
        return
    masks: dict[int, int] = {}
    hits = _word_hits(text)
    hits += [(k.start("unit"), "unit") for k in _UNIT_RE.finditer(text)]
    hits += [(k.start(), "poss") for k in _POSS_RE.finditer(text)]
    for p, kind in hits:
        bit = 1 << _KINDS.index(kind)
        for s in _START_RE.finditer(text, max(0, p - GATED[kind]), p + 1):
            q = s.start()
            masks[q] = masks.get(q, 0) | bit
    last = 0
    match = SPATIAL_RE.match
    for p in sorted(masks):
        if p < last:
            continue
        mask = masks[p]
        rx = _FILTERS.get(mask)
        if rx is None:
            rx = _FILTERS[mask] = _filter(mask)
        if rx.match(text, p) is None:
            continue
        m = match(text, p)
        if m is not None:
            yield m
            last = m.end()
