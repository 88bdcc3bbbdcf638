"""One regex builder for sets of literal strings: a trie, so a position tries one branch
per distinct next character instead of every string (the side table's leading words,
the trigger table's prefixes).

>>> import re
>>> re.match(trie_regex(["al", "aleppo", "is"]), "aleppos").group(0)
'aleppo'
>>> re.match(trie_regex(["al", "aleppo"], longest=False), "aleppos").group(0)
'al'
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["trie_regex"]


def trie_regex(words: Iterable[str], *, longest: bool = True) -> str:
    """Regex source matching one of ``words`` (literal strings) at a position: the longest
    one (``longest=True``), or the shortest, which is all a lookahead "the text starts with
    one of these" needs (``longest=False``). Case and flags are the caller's pattern's."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        end = "" in node
        if end and not longest:
            return ""                        # a shorter word already suffices
        alts = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return walk(trie)
