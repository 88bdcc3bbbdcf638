"""Web debris and boilerplate in scraped article text (offsets, never rewrites).

Nothing here changes the text: character offsets must keep indexing into
``Article.text``. Two functions:

* :func:`debris_start` - where the web debris at the END of an article starts
  ("Share this article", "Related Items", "Leave a Reply", "Your email address
  will not be published", comment captchas "11 − 11 =" / "eighteen + 13 =",
  newsletter boxes, "For the latest on Syria ... follow us on Twitter", "Short
  link", "Back to top button"). The reader stores it as ``Article.body_end``;
  nothing past it yields places, times or events.
* :func:`boilerplate_spans` - pure boilerplate lines anywhere ("Skip to main
  content", "2 min read", "Advertisement", captions of *file* photos, "Photo
  courtesy of ..." credits) that should be ignored but are not the end.

Rules (documented choices):

* Markers match at the start of a line (after bullets/spaces), so a sentence
  quoting "leave a reply" is never debris.
* A marker counts as the end only in the second half of the text or within
  the last 1500 characters; one higher up (a share bar under the headline) is
  a boilerplate span instead, so one stray "Related Articles" near the top
  never empties an article.
* A "Source: ARA News" trailer line (optionally after "Reporting by: ... |")
  ends the body when nothing after it is a real paragraph (no line longer than
  300 characters); the trailer line itself stays in the body (bylines are
  handled by the mention finder). Mid-paragraph credits ("... west of Palmyra.
  Source: War Media Center.") are not trailers.
* Captions: only whole lines that are captions of file photos ("ISIS militants
  in Palmyra. File photo", "This file photo taken on May 18, 2015 shows ...")
  and "Photo courtesy of X." sentences are boilerplate; other captions may
  carry facts and are kept.

Example::

    >>> t = "Forces took the hill.\\n\\nShare this article\\nLeave a Reply"
    >>> t[:debris_start(t)]
    'Forces took the hill.'
"""
from __future__ import annotations

import re
from typing import Optional

__all__ = ["debris_start", "boilerplate_spans"]

_NUM_WORDS = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
              r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)")
_OPERAND = r"(?:\d{1,3}|" + _NUM_WORDS + r"(?:[\s-]" + _NUM_WORDS + r")?)"
_BULLET = r"^[ \t\u00a0•·*>|-]*"

_DEBRIS_RE = re.compile(
    _BULLET + r"(?:"
    r"(?i:share\s+(?:this|the)\s+(?:article|story|post|page)|share\s+this\s*:?\s*$|share\s+on\s+(?:facebook|twitter))"
    r"|(?i:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|\d+\s+comments?\s*$|comments\s*$)"
    r"|(?i:related\s+(?:items|articles|posts|news|stories|content)|you\s+may\s+also\s+like|more\s+from\s+\S+\s*$"
    r"|read\s+more\s*:|recommended\s+for\s+you|most\s+read|trending\s+now)"
    r"|(?i:back\s+to\s+top)"
    r"|(?i:your\s+email\s+address\s+will\s+not\s+be\s+published)"
    r"|(?i:stay\s+informed\s+with\b|sign\s+up\s+(?:to\s+get\s+the\s+latest|for\s+our|to\s+our)|"
    r"subscribe\s+to\s+our\s+newsletter|get\s+our\s+newsletter)"
    r"|(?i:for\s+the\s+latest\b[^\n]{0,80}\bfollow\s+us\b)"
    r"|(?i:short\s+link\b)"
    r"|(?i:" + _OPERAND + r")\s*[−+\-–×x*/÷]\s*(?i:" + _OPERAND + r")\s*=\s*\S{0,6}\s*$"
    r")",
    re.M,
)
_TRAILER_RE = re.compile(r"^[ \t]*(?:\(?Reporting\s+by:?[^\n|]{0,120}\|\s*)?Source\s*:\s*[A-Z][\w .&'’-]{1,40}[ \t]*$",
                         re.M)
_LONG_LINE = 300
_TAIL_CHARS = 1500

_BOILERPLATE_RE = re.compile(
    r"^[ \t]*(?i:skip\s+to\s+(?:main\s+)?content|\d+\s+min(?:ute)?s?\s+read|advertisement|"
    r"share\s+(?:this|the)\s+(?:article|story))[ \t]*$"
    r"|^[^\n]{0,160}\b(?i:file\s+photo)\.?\)?[ \t]*$"
    r"|^[ \t]*(?i:(?:this|a|an)\s+)?(?i:file\s+(?:photo|picture|image))\b[^\n]{0,300}$"
    r"|\b(?i:photo(?:graph)?s?|image|picture)\s+(?i:courtesy\s+of)\s+[^.\n]{1,80}\.?",
    re.M,
)


def _rstrip_to(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def debris_start(text: str) -> Optional[int]:
    """Offset where trailing web debris starts, or None when there is none.

    The offset is the end of the real body with trailing whitespace removed, so
    ``text[:debris_start(text)]`` ends with the last body character.

    >>> debris_start("Body text.\\n\\nRelated Items\\n\\nLeave a Reply\\n\\n11 − 11 =")
    10
    >>> debris_start("No debris here.") is None
    True
    """
    n = len(text)
    if not n:
        return None
    floor = min(n // 2, max(0, n - _TAIL_CHARS))
    for m in _DEBRIS_RE.finditer(text):
        if m.start() >= floor:
            return _rstrip_to(text, m.start())
    for m in _TRAILER_RE.finditer(text, floor):
        after = text[m.end():]
        if after.strip() and all(len(line) <= _LONG_LINE for line in after.splitlines()):
            return _rstrip_to(text, m.end())
    return None


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) offsets of pure boilerplate.

    >>> t = "Skip to main content\\n\\nTitle\\n\\nISIS militants in Palmyra. File photo\\n\\nBody."
    >>> [t[s:e] for s, e in boilerplate_spans(t)]
    ['Skip to main content', 'ISIS militants in Palmyra. File photo']
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    floor = min(n // 2, max(0, n - _TAIL_CHARS))
    for m in _BOILERPLATE_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        spans.append((s, e))
    for m in _DEBRIS_RE.finditer(text, 0, floor):  # debris markers high up: ignore the line
        e = text.find("\n", m.start())
        spans.append((m.start(), n if e < 0 else e))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
