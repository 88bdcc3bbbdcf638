"""The text layout of one article, built once: paragraphs, headings, sentences,
clauses, phrases and quoted spans, all as character offsets into ``Article.text``.

This is the only segmentation of the extract stage: mentions, locate, dates
(:func:`mapper.extract.dates.resolve_times`) and events read one
:class:`Layout`; none splits the text again. Rules (compiled regexes only):

- a *paragraph* is a block of text between blank lines (``\\n`` + optional
  spaces + ``\\n``); news text without line breaks (FA-KES) is one paragraph;
- a *heading* is a whole line "== X ==" (wiki) or "### X" (Markdown). It is
  context only: it belongs to no paragraph and no sentence, and it ends the
  paragraph it interrupts;
- a *sentence* never crosses a line break; it ends at ``. ! ? …`` (plus closing
  quotes / brackets) before white space and an upper-case letter, a digit or an
  opening quote, unless the word before the stop is an abbreviation ("U.S.",
  "Gen.", "Jan.", initials): see :mod:`mapper.extract.sentences` (the rules);
  sentences longer than 1,000 characters are cut;
- a *clause* is a stretch of a sentence between ``;``, dashes, and subordinating
  words ("after", "which", "forcing", ...): the scope of negation / forecast
  filters and of the places a verb governs;
- a *phrase* is a stretch between punctuation ``, ; : ( )`` and dashes (the
  scope of a time expression in :mod:`mapper.extract.dates`);
- a *quote* is a span in double quotes (“…”, "…", «…») inside one line.

Look-ups (``sentence_at``, ``paragraph_at``, ``heading_before``, ``quote_at``,
``phrase``) are bisections over sorted offsets: O(log n).

>>> lay = build_layout("== Background ==\\nGen. Smith said U.S. troops left. “We won,” he said.\\n\\nNext.")
>>> [lay.text[s.start:s.end] for s in lay.sentences]
['Gen. Smith said U.S. troops left.', '“We won,” he said.', 'Next.']
>>> [lay.text[h.start:h.end] for h in lay.headings], lay.headings[0].title
(['== Background =='], 'Background')
>>> lay.paragraph_at(40).index, lay.heading_before(40).title
(0, 'Background')
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional

from mapper.extract.sentences import Clause, Paragraph, Sentence, clauses as _clauses, sentences as _sentences

__all__ = ["Layout", "build_layout", "Heading", "Quote", "Paragraph", "Sentence", "Clause"]


@dataclass(frozen=True)
class Heading:
    """A section heading line ``text[start:end]``; ``title`` without the marks,
    ``level`` 1.. (number of "#" or of "=" minus one)."""

    start: int
    end: int
    title: str
    level: int = 1


@dataclass(frozen=True)
class Quote:
    """A quoted span ``text[start:end]``, quote marks included."""

    start: int
    end: int


_BLOCK_SEP_RE = re.compile(r"\n[ \t\u00a0\r]*\n")
_LINE_RE = re.compile(r"[^\r\n]+")
_HEADING_RE = re.compile(r"[ \t]*(?:(?P<h>#{1,6})[ \t]+(?P<ht>[^\n]*?)[ \t]*#*[ \t]*"
                         r"|(?P<e>={2,6})[ \t]*(?P<et>[^\n=][^\n]*?)[ \t]*(?P=e)[ \t]*)\r?$")
_PHRASE_CUT_RE = re.compile(r"[,;:()]|\s[–—-]\s|[–—]")
_QUOTE_RE = re.compile(r"“[^”\n]{1,2000}”|\"[^\"\n]{1,2000}\"|«[^»\n]{1,2000}»")


@dataclass(frozen=True, eq=False)
class Layout:
    """Segmentation of ``text[:end]`` (see module docstring). Build with
    :meth:`Layout.of` or :func:`build_layout`; fields are tuples, sorted by start."""

    text: str
    end: int
    paragraphs: tuple[Paragraph, ...]
    headings: tuple[Heading, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    _para_starts: tuple[int, ...] = field(repr=False, default=())
    _sent_starts: tuple[int, ...] = field(repr=False, default=())
    _head_starts: tuple[int, ...] = field(repr=False, default=())
    _quote_starts: tuple[int, ...] = field(repr=False, default=())
    _cut_starts: tuple[int, ...] = field(repr=False, default=())
    _cut_ends: tuple[int, ...] = field(repr=False, default=())
    _clauses: dict = field(repr=False, default_factory=dict, compare=False)

    @classmethod
    def of(cls, article) -> "Layout":
        """The layout of an :class:`~mapper.model.Article` body (up to ``body_end``)."""
        text = article.text
        end = len(text) if article.body_end is None else min(article.body_end, len(text))
        return build_layout(text, end)

    # -- look-ups ----------------------------------------------------------
    def sentence_at(self, pos: int) -> Optional[Sentence]:
        """The sentence holding character ``pos``, or None (white space, heading)."""
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence at ``pos``; in a heading the heading line;
        elsewhere the gap between the neighbouring sentences."""
        s = self.sentence_at(pos)
        if s is not None:
            return s.start, s.end
        h = self.heading_before(pos)
        if h is not None and h.start <= pos < h.end:
            return h.start, h.end
        i = bisect_right(self._sent_starts, pos) - 1
        lo = self.sentences[i].end if i >= 0 else 0
        hi = self.sentences[i + 1].start if i + 1 < len(self.sentences) else len(self.text)
        return lo, hi

    def paragraph_index(self, pos: int) -> int:
        """Index of the last paragraph starting at or before ``pos`` (-1 before the first)."""
        return bisect_right(self._para_starts, pos) - 1

    def paragraph_at(self, pos: int) -> Optional[Paragraph]:
        """The paragraph holding ``pos``, or None (blank lines, headings)."""
        i = self.paragraph_index(pos)
        if i >= 0 and pos < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def paragraph_end(self, index: int) -> int:
        """Where paragraph ``index`` stops counting: the start of the next one
        (or the text end); -1 gives the start of the first."""
        return self._para_starts[index + 1] if index + 1 < len(self._para_starts) else len(self.text)

    def heading_before(self, pos: int) -> Optional[Heading]:
        """The last heading starting at or before ``pos`` (the section ``pos`` is in), or None."""
        i = bisect_right(self._head_starts, pos) - 1
        return self.headings[i] if i >= 0 else None

    def quote_at(self, pos: int) -> Optional[Quote]:
        """The quoted span holding ``pos``, or None."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def clauses_of(self, sentence: Sentence) -> list[Clause]:
        """Clauses of a sentence of this layout (computed once per sentence)."""
        key = (sentence.start, sentence.end)
        got = self._clauses.get(key)
        if got is None:
            got = self._clauses[key] = _clauses(self.text, sentence.start, sentence.end)
        return got

    def clauses_in(self, start: int, end: int) -> list[Clause]:
        """Clauses of the sentence span ``text[start:end]``."""
        return self.clauses_of(Sentence(start, end, -1))

    def phrase(self, start: int, end: int, s0: int, s1: int) -> tuple[int, int]:
        """The punctuation-delimited phrase ``(p0, p1)`` of sentence ``[s0, s1)``
        around ``text[start:end]``: from the end of the last cut (``, ; : ( )``,
        dash) before it to the start of the first cut after it."""
        c0, c1 = s0, s1
        i = bisect_right(self._cut_ends, start) - 1
        if i >= 0 and self._cut_starts[i] >= s0:
            c0 = self._cut_ends[i]
        j = bisect_left(self._cut_starts, end)
        if j < len(self._cut_starts) and self._cut_starts[j] < s1 and self._cut_ends[j] <= s1:
            c1 = self._cut_starts[j]
        return c0, c1


def _blocks(text: str, end: int) -> list[tuple[int, int]]:
    """(start, end) of the blank-line separated blocks of ``text[:end]``."""
    out = []
    s = 0
    for m in _BLOCK_SEP_RE.finditer(text, 0, end):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, end))
    return out


def build_layout(text: str, end: Optional[int] = None) -> Layout:
    """The layout of ``text[:end]`` (``end`` defaults to the whole text).

    >>> lay = build_layout("ISIS seized the town, forcing the army to withdraw.")
    >>> [c.lead for c in lay.clauses_of(lay.sentences[0])]
    ['', 'forcing']
    """
    end = len(text) if end is None else min(end, len(text))
    paras: list[Paragraph] = []
    heads: list[Heading] = []
    sents: list[Sentence] = []
    multiline = "\n" in text or "\r" in text
    for b0, b1 in _blocks(text, end) if multiline else [(0, end)]:
        lines: list[tuple[int, int]] = []   # the current paragraph's lines

        def close() -> None:
            if not lines:
                return
            idx = len(paras)
            p0, p1 = lines[0][0], lines[-1][1]
            paras.append(Paragraph(p0, p1, idx))
            for l0, l1 in lines:
                for s in _sentences(text, l0, l1):
                    sents.append(Sentence(s.start, s.end, idx, len(sents)))
            lines.clear()

        for m in (_LINE_RE.finditer(text, b0, b1) if multiline else [None]):
            l0, l1 = (m.start(), m.end()) if m is not None else (b0, b1)
            while l0 < l1 and text[l0].isspace():
                l0 += 1
            while l1 > l0 and text[l1 - 1].isspace():
                l1 -= 1
            if l1 <= l0:
                continue
            if text[l0] in "#=":
                h = _HEADING_RE.fullmatch(text, l0, l1)
                if h is not None:
                    close()
                    marks = h.group("h") or h.group("e")
                    title = (h.group("ht") if h.group("h") else h.group("et")) or ""
                    heads.append(Heading(l0, l1, title.strip(), len(marks) - (0 if h.group("h") else 1)))
                    continue
            lines.append((l0, l1))
        close()
    cuts = [(m.start(), m.end()) for m in _PHRASE_CUT_RE.finditer(text, 0, end)]
    quotes = tuple(Quote(m.start(), m.end()) for m in _QUOTE_RE.finditer(text, 0, end))
    return Layout(text, end, tuple(paras), tuple(heads), tuple(sents), quotes,
                  tuple(p.start for p in paras), tuple(s.start for s in sents),
                  tuple(h.start for h in heads), tuple(q.start for q in quotes),
                  tuple(a for a, _ in cuts), tuple(b for _, b in cuts))
