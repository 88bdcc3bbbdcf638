"""Where a trigger can start: :class:`TriggerScan` lists once per text the word starts
that begin with one of the first characters of some trigger (read from the parsed
:data:`mapper.extract.events.triggers.TRIGGER_RE`), so a clause tries the trigger regex
only there; the matches are those of ``TRIGGER_RE.finditer`` over the clause.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from mapper.extract.events.triggers import TRIGGER_RE, Trigger
from mapper.extract.tries import trie_regex


# ------------------------------------------------------------- where a trigger can start
#: how many leading characters of a trigger the start filter knows (5..8 are all about as fast)
_PREFIX_CHARS = 6


def _seq_prefixes(seq: list, k: int) -> set[tuple[str, bool]]:
    """(prefix, closed) pairs: every string the parsed regex sequence ``seq`` matches begins
    with one of the prefixes (at most ``k`` characters); ``closed`` marks a prefix that cannot
    be extended (``k`` reached, or an item with no literal first characters such as ``\\w``)."""
    result = {("", False)}
    for op, av in seq:
        if all(closed for _, closed in result):
            break
        nxt: set[tuple[str, bool]] = set()
        cache: dict[int, set[tuple[str, bool]]] = {}
        for got, closed in result:
            if closed:
                nxt.add((got, True))
                continue
            room = k - len(got)
            if room not in cache:
                cache[room] = _item_prefixes(op, av, room)
            for tail, tail_closed in cache[room]:
                u = got + tail
                nxt.add((u, tail_closed or len(u) >= k))
        result = nxt
    return result


def _item_prefixes(op, av, k: int) -> set[tuple[str, bool]]:
    """The (prefix, closed) pairs of one parsed regex item (see :func:`_seq_prefixes`)."""
    from re import _constants as C     # noqa: N812  (the parser's opcode names)
    if op is C.LITERAL:
        return {(chr(av), k <= 1)}
    if op is C.IN:
        chars = set()
        for o, a in av:
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE and a[1] - a[0] < 64:
                chars.update(chr(c) for c in range(a[0], a[1] + 1))
            else:
                return {("", True)}          # a category or negated class: any character
        return {(c, k <= 1) for c in chars}
    if op is C.BRANCH:
        out: set[tuple[str, bool]] = set()
        for sub in av[1]:
            out |= _seq_prefixes(list(sub), k)
        return out
    if op is C.SUBPATTERN:
        return _seq_prefixes(list(av[3]), k)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        out = set()
        for n in range(lo, min(hi, lo + k) + 1):   # more turns add no new first k characters
            out |= _seq_prefixes(list(sub) * n, k)
        return out
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return {("", False)}                 # zero width: transparent (a superset)
    return {("", True)}                      # anything else: no constraint


def _start_regex() -> "re.Pattern[str]":
    """Zero-width regex at every position where a :data:`TRIGGER_RE` match can start: a word
    start (the same look-behind as TRIGGER_RE) followed by one of the first
    :data:`_PREFIX_CHARS` characters of some trigger, read from the parsed TRIGGER_RE (so
    the set is a superset by construction; case-insensitive like TRIGGER_RE). Falls back to
    every word start when the regex parser is not available."""
    word_start = r"(?<![\w\-])"
    try:
        from re import _parser
        parsed = _parser.parse(TRIGGER_RE.pattern, TRIGGER_RE.flags)
        prefixes = _seq_prefixes(list(parsed), _PREFIX_CHARS)
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return re.compile(word_start)
    words = {w.lower() for w, _ in prefixes}
    if "" in words:
        return re.compile(word_start)
    return re.compile(word_start + "(?=" + trie_regex(words, longest=False) + ")", re.IGNORECASE)


#: where a trigger can start (see :func:`_start_regex`)
TRIGGER_START_RE = _start_regex()


class TriggerScan:
    """The positions of one text where a trigger can start, found once (one pass of
    :data:`TRIGGER_START_RE`); :meth:`find` tries :data:`TRIGGER_RE` only there, skipping
    positions inside the previous match, which is exactly what ``TRIGGER_RE.finditer``
    over the range returns (every trigger starts at a word start with a known prefix).

    >>> scan = TriggerScan("ISIS recaptured Palmyra after its fall to IS")
    >>> [(t.kind, t.form) for t in scan.find(0, 44)]
    [('capture', 'v'), ('capture', 'falln')]
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.start() for m in TRIGGER_START_RE.finditer(text)]

    def find(self, start: int, end: int) -> list[Trigger]:
        """The triggers of ``text[start:end]`` (offsets into the text)."""
        text, starts, match = self.text, self.starts, TRIGGER_RE.match
        out: list[Trigger] = []
        last = start
        for i in range(bisect_left(starts, start), len(starts)):
            p = starts[i]
            if p >= end:
                break
            if p < last:
                continue
            m = match(text, p, end)
            if m is not None:
                kind, _, form = m.lastgroup.rpartition("_")
                out.append(Trigger(p, m.end(), kind, form, m.group(0)))
                last = m.end()
        return out
