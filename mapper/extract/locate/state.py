"""The state of one article's locate pass (one job: what locate_article builds up).

:class:`Located` is the public result; :class:`_Run` the mutable working state
shared by the phrase pass (:mod:`mapper.extract.locate.phrases`) and the
mention / reference passes (:mod:`mapper.extract.locate.run`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from gazetteer.model import Location
from mapper.extract.locate.focus import Focus
from mapper.extract.mentions.scan import MentionScan
from mapper.model import MENTION_TOPONYM, MENTION_UNKNOWN, Article, Mention, Slot


@dataclass
class Located:
    """Slots for event placement, mentions with locations, warnings, unresolved."""

    slots: list[Slot]
    mentions: list[Mention]
    warnings: list[dict] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)
    focus: Optional[Focus] = None


@dataclass
class _Run:
    """Working state of :func:`mapper.extract.locate.locate_article` for one article.

    ``consumed`` are mention indexes absorbed into a phrase slot; ``new_loc`` the
    Location set per mention index; ``vague`` the indexes placed on a wide area only."""

    article: Article
    scan: MentionScan
    gaz: Any
    focus: Focus
    mentions: list[Mention]
    slots: list[Slot] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    new_loc: dict[int, Location] = field(default_factory=dict)
    #: mention indexes placed on a wide area only (mapper.extract.locate.vague)
    vague: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.text = self.article.text
        self.body_end = len(self.text) if self.article.body_end is None else \
            min(self.article.body_end, len(self.text))
        self.by_start = {(m.start, m.end): i for i, m in enumerate(self.mentions)}
        self._starts: Optional[list[int]] = None

    def starts(self) -> list[int]:
        """The mentions' starts (sorted: scan_mentions sorts by start), built once."""
        if self._starts is None:
            self._starts = [m.start for m in self.mentions]
        return self._starts

    def mention_in(self, s: int, e: int) -> Optional[int]:
        """Index of the longest toponym / unknown mention inside [s, e) (None when none)."""
        best = None
        for i, m in enumerate(self.mentions):
            if m.kind in (MENTION_TOPONYM, MENTION_UNKNOWN) and m.start >= s and m.end <= e:
                if best is None or (m.end - m.start) > (self.mentions[best].end - self.mentions[best].start):
                    best = i
        return best

    def unresolved_phrase(self, f: Any, reason: str) -> None:
        self.unresolved.append({"article": self.article.id, "mention": f.text, "char_start": f.start,
                                "reason": reason})
