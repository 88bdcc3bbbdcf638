"""The sentence-end and clause rules behind :mod:`mapper.extract.layout`.

Only :func:`mapper.extract.layout.build_layout` calls these functions (on one
line of text at a time); every other module reads the article's
:class:`~mapper.extract.layout.Layout` and never segments again. Here a
"paragraph" is a line: the article's paragraphs (blank-line separated, headings
apart) are ``Layout.paragraphs``.

Every span is a pair of offsets into the text that was passed in (for an
article: ``Article.text``), so an event's quote can always point back at the
original characters. Segmentation is rule based and uses a handful of
compiled regular expressions:

- paragraphs are separated by line breaks (news text puts one paragraph per
  line; blank lines are just longer separators);
- a sentence ends at ``. ! ?`` (optionally followed by closing quotes or
  brackets ``” ’ " ' ) ]``) when whitespace and an upper-case letter, a digit
  or an opening quote follow, unless the word before the stop is a known
  abbreviation (``Mr.``, ``Gen.``, ``U.S.``, ``Jan.``, single initials...);
- a clause is a stretch of a sentence between clause separators: ``;``,
  dashes, and commas or spaces followed by a subordinating word ("after",
  "while", "which", "forcing", "heading"...). Clauses are the scope of the
  negation / forecast filter and of the places a verb governs.

>>> text = "Syrian troops entered Palmyra. “We expect it to fall,” he said.\\nNew para."
>>> [text[s.start:s.end] for s in sentences(text)]
['Syrian troops entered Palmyra.', '“We expect it to fall,” he said.', 'New para.']
>>> [p.index for p in paragraphs(text)]
[0, 1]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

__all__ = ["Paragraph", "Sentence", "Clause", "paragraphs", "sentences", "clauses",
           "ABBREVIATIONS"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: ``text[start:end]`` (no surrounding line breaks), number ``index``."""

    start: int
    end: int
    index: int


@dataclass(frozen=True)
class Sentence:
    """A sentence ``text[start:end]`` inside paragraph number ``paragraph``."""

    start: int
    end: int
    paragraph: int
    index: int = 0


@dataclass(frozen=True)
class Clause:
    """A clause ``text[start:end]``; ``lead`` is the separator word that opened
    it ("after", "which", "forcing"...; "" for the first clause)."""

    start: int
    end: int
    lead: str = ""


#: Words that end with a full stop without ending a sentence (lower-case,
#: without the stop). Single letters (initials) are handled separately.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm brig cmdr gov sen rep rev st
jr sr co corp inc ltd no nos vs etc approx est dept fig al jan feb mar apr jun jul
aug sep sept oct nov dec mt ft km u.s u.n u.k e.g i.e a.m p.m
""".split())

_PARA_RE = re.compile(r"[^\r\n]+")
# a candidate sentence end: stop(s), optional closing quotes/brackets, then space
# (the look-behind starts a try only at the first stop of a run: "....." stays linear)
_END_RE = re.compile(r"""(?<![.!?…])[.!?…]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-Z0-9\u0600-\u06FF])""")
# the word right before a stop (for the abbreviation check)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")

# clause separators: ; : dashes, and ", <subordinator>" / " <subordinator>"
_SUBORD = (r"after|before|while|whereas|although|though|but|because|since|until|"
           r"which|who|whom|where|when|as(?!\s+well\s+as\b)|following|forcing|leaving|heading|moving|"
           r"pushing|fleeing|prompting|causing|killing|having|and\s+then|then|so|"
           r"amid|despite|according\s+to|adding|saying|reporting|said|reported|told|and\s+(?=(?:have|has|had|"
           r"were|was|are|is|then|later|also|now)\b)")
# (the alternatives that open with white space start only at the first space of
# a run: a long run of spaces stays linear instead of quadratic)
_CLAUSE_SEP_RE = re.compile(
    r"(?:(?<!\s)\s+)?;\s*|(?<!\d)(?:(?<!\s)\s+)?[–—]\s*(?!\d)|(?<!\s)\s+-\s+|,\s*(?:" + _SUBORD + r")\b"
    r"|(?<!\s)\s+(?:after|while|whereas|although|because|until|forcing|heading|before|amid)\b",
    re.IGNORECASE)

#: A sentence longer than this (characters) is cut into pieces of at most this
#: length (at the last stop, semicolon, comma or space of the window): text
#: without sentence ends (a pasted table, a 5 MB line) would otherwise make one
#: giant sentence and per-sentence work quadratic. Real news sentences are
#: shorter (FA-KES: 99.99 % under 700 characters).
MAX_SENTENCE_CHARS = 1000
_CUT_PUNCT_RE = re.compile(r"[.!?;:,][\"'”’»)\]]*\s")
_CUT_SPACE_RE = re.compile(r"\s")


def paragraphs(text: str, start: int = 0, end: Optional[int] = None) -> list[Paragraph]:
    """Paragraphs of ``text[start:end]`` (offsets into ``text``); empty lines skipped.

    >>> [(p.start, p.end) for p in paragraphs("ab\\n\\n cd")]
    [(0, 2), (5, 7)]
    """
    end = len(text) if end is None else end
    out: list[Paragraph] = []
    for m in _PARA_RE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Paragraph(s, e, len(out)))
    return out


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the stop at ``text[stop]`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE_RE.search(text, max(0, stop - 12), stop)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():     # an initial: "George W. Bush"
        return True
    return word.lower().rstrip(".") in ABBREVIATIONS


def sentences(text: str, start: int = 0, end: Optional[int] = None) -> list[Sentence]:
    """Sentences of ``text[start:end]``, never crossing a paragraph break.

    >>> t = "Gen. Smith said U.S. troops left. Then ISIS came."
    >>> [t[s.start:s.end] for s in sentences(t)]
    ['Gen. Smith said U.S. troops left.', 'Then ISIS came.']
    """
    out: list[Sentence] = []
    for para in paragraphs(text, start, end):
        s = para.start
        for m in _END_RE.finditer(text, para.start, para.end):
            if m.group(0)[0] == "." and len(m.group(0).rstrip("\"'”’»)]")) == 1 \
                    and _is_abbreviation(text, m.start()):
                continue
            e = m.end()
            if e > s:
                _append_capped(out, text, s, e, para.index)
            s = e
            while s < para.end and text[s].isspace():
                s += 1
        if s < para.end:
            _append_capped(out, text, s, para.end, para.index)
    return out


def _append_capped(out: list[Sentence], text: str, s: int, e: int, para: int) -> None:
    """Append ``text[s:e]`` as one sentence, or as pieces of at most
    :data:`MAX_SENTENCE_CHARS` characters when it is longer.

    >>> out: list[Sentence] = []
    >>> _append_capped(out, "word " * 500, 0, 2499, 0)
    >>> [(x.start, x.end) for x in out]
    [(0, 999), (1000, 1999), (2000, 2499)]
    """
    while e - s > MAX_SENTENCE_CHARS:
        lo, hi = s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS
        cut = None
        for rx in (_CUT_PUNCT_RE, _CUT_SPACE_RE):
            for m in rx.finditer(text, lo, hi):
                cut = m.end()
            if cut is not None:
                break
        cut = hi if cut is None else cut
        piece_end = cut
        while piece_end > s and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append(Sentence(s, piece_end, para, len(out)))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append(Sentence(s, e, para, len(out)))


_LEADING_SEP_RE = re.compile(r"^[\s,;–—\-]+")


def clauses(text: str, start: int, end: int) -> list[Clause]:
    """Clauses of the sentence ``text[start:end]`` (offsets into ``text``).

    >>> t = "ISIS seized the town, forcing the army to withdraw towards Tiyas."
    >>> [(t[c.start:c.end], c.lead) for c in clauses(t, 0, len(t))]
    [('ISIS seized the town', ''), ('forcing the army to withdraw towards Tiyas.', 'forcing')]
    """
    out: list[Clause] = []
    s, lead = start, ""
    for m in _CLAUSE_SEP_RE.finditer(text, start, end):
        if m.start() > s:
            out.append(Clause(s, m.start(), lead))
        sep = m.group(0)
        word = _LEADING_SEP_RE.sub("", sep)
        if word:
            # the subordinator word opens the next clause
            s = m.start() + sep.index(word)
            lead = word.lower().split()[0] if word.split() else ""
        else:
            s, lead = m.end(), ""
    if end > s:
        out.append(Clause(s, end, lead))
    return out
