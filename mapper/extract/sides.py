"""Side table: which actor phrases belong to which side of the war.

The table lives in ``mapper/data/sides.yaml`` (format documented there); a user
table can replace it (``SideTable.load(path)``, CLI ``--sides``). All phrases
are compiled into ONE regular expression (longest phrase first), so finding the
sides named in a text is a single pass, whatever the size of the table.

>>> t = SideTable.default()
>>> t.side_of("Syrian troops and militia")
'government'
>>> t.side_of("Islamic State (ISIS) militants")
'islamic_state'
>>> t.side_of("the Free Syrian Army")
'opposition'
>>> t.side_of("local residents")
'unknown'
>>> t.side_of("the group", topic="islamic_state")
'islamic_state'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import yaml

from mapper.errors import ConfigError

__all__ = ["SideTable", "SideMatch", "UNKNOWN", "CONTEXTUAL", "DEFAULT_PATH"]

UNKNOWN = "unknown"
CONTEXTUAL = "contextual"
DEFAULT_PATH = Path(__file__).with_name("data") / "sides.yaml"

_SIDE_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# a phrase directly followed by these is an adjective ("IS-held Palmyra")
_ADJ_SUFFIX = r"(?![\-‐‑–]?\s?(?:held|controlled|occupied|run|affiliated|linked|allied|free)\b)"
# "anti-IS", "non-ISIS": not the side itself
_NEG_PREFIX = r"(?<!anti-)(?<!anti )(?<!non-)(?<!ex-)"
# backers inside an actor phrase: "X backed by Russian airpower", "Backed by ..., X"
_BACKER_RE = re.compile(
    r"\b(?:backed|supported|aided|assisted|covered|helped)\s+(?:by|with)\b[^,;]*?"
    r"(?=,|\b(?:captured|seized|took|entered|advanced|recaptured|retook|have|has|had|were|was)\b|$)"
    r"|\bwith\s+(?:the\s+)?(?:support|backing|help)\s+of\b[^,;]*",
    re.IGNORECASE)


@dataclass(frozen=True)
class SideMatch:
    """A side phrase found in a text: ``text[start:end]`` names ``side``.

    ``side`` is "contextual" for generic references ("the group") that
    :meth:`SideTable.side_of` resolves with a topic.
    """

    start: int
    end: int
    surface: str
    side: str


def _phrase_regex(phrase: str) -> str:
    """Regex for one phrase: spaces/hyphens interchangeable, case rule for acronyms."""
    parts = re.split(r"[\s\-‐‑]+", phrase.strip())
    # the apostrophe is optional: the corpus often drops it ("Assads forces", "the armys")
    body = r"[\s\-‐‑]*".join(re.escape(p).replace("'", "['’]?") for p in parts if p)
    if re.fullmatch(r"[A-Z]{2,5}", phrase.strip()):
        return r"(?-i:" + body + r")"
    return body


class SideTable:
    """Phrases -> sides, matched with one compiled regex.

    Build from a mapping ``{side: [phrases]}`` (+ ``contextual`` phrases), or
    with :meth:`default` / :meth:`load`.
    """

    def __init__(self, sides: dict[str, list[str]], contextual: Iterable[str] = (),
                 source: str = "<dict>") -> None:
        self.source = source
        entries: list[tuple[str, str]] = []
        for side, phrases in sides.items():
            if not isinstance(side, str) or not _SIDE_NAME_RE.match(side):
                raise ConfigError(f"{source}: side name {side!r} is invalid; use lower-case "
                                  f"letters, digits and _ (e.g. 'government')")
            if isinstance(phrases, str) or not isinstance(phrases, (list, tuple)):
                raise ConfigError(f"{source}: side {side!r} must map to a list of phrases, "
                                  f"got {phrases!r}")
            for p in phrases:
                if not isinstance(p, str) or not p.strip():
                    raise ConfigError(f"{source}: side {side!r} has an empty or non-text "
                                      f"phrase {p!r}; write each phrase as a quoted string")
                entries.append((p.strip(), side))
        for p in contextual:
            if not isinstance(p, str) or not p.strip():
                raise ConfigError(f"{source}: contextual phrase {p!r} is empty or not text")
            entries.append((p.strip(), CONTEXTUAL))
        if not entries:
            raise ConfigError(f"{source}: the side table is empty; give at least one side "
                              f"with phrases under 'sides:'")
        # longest phrase first so "Free Syrian Army" beats "Syrian army"
        entries.sort(key=lambda e: (-len(e[0]), e[0]))
        self._sides_of_group: list[str] = [side for _, side in entries]
        # one-level trie on the first letter (a lookahead per letter) so that each
        # text position tries only the phrases that can start there
        by_first: dict[str, list[str]] = {}
        for i, (p, _) in enumerate(entries):
            by_first.setdefault(p[0].lower(), []).append(f"(?P<g{i}>{_phrase_regex(p)})")
        alts = "|".join(
            f"(?={re.escape(c) if not c.isalpha() else '[' + c + c.upper() + ']'})(?:{'|'.join(group)})"
            for c, group in by_first.items())
        self._re = re.compile(_NEG_PREFIX + r"(?<![\w\-])(?:" + alts + r")(?![\w])" + _ADJ_SUFFIX,
                              re.IGNORECASE)
        self.sides: tuple[str, ...] = tuple(dict.fromkeys(s for _, s in entries if s != CONTEXTUAL))

    # -- constructors -----------------------------------------------------
    @classmethod
    def from_mapping(cls, data: Any, source: str = "<dict>") -> "SideTable":
        """A table from the parsed YAML document (see mapper/data/sides.yaml)."""
        if not isinstance(data, dict) or "sides" not in data:
            raise ConfigError(f"{source}: a side table must be a mapping with a 'sides:' key "
                              f"(side -> list of phrases), got {type(data).__name__}")
        sides = data["sides"]
        if not isinstance(sides, dict):
            raise ConfigError(f"{source}: 'sides' must map side names to lists of phrases, "
                              f"got {sides!r:.80}")
        contextual = data.get("contextual") or []
        if not isinstance(contextual, (list, tuple)):
            raise ConfigError(f"{source}: 'contextual' must be a list of phrases, "
                              f"got {contextual!r:.80}")
        return cls(sides, contextual, source=source)

    @classmethod
    def load(cls, path: Union[str, Path]) -> "SideTable":
        """Read a YAML side table; raises ConfigError with the path and the problem."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"side table {str(p)!r} cannot be read ({exc.strerror}); "
                              f"pass an existing YAML file") from exc
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"side table {str(p)!r} is not valid YAML: {exc}") from exc
        return cls.from_mapping(data, source=str(p))

    @classmethod
    def default(cls) -> "SideTable":
        """The packaged table (mapper/data/sides.yaml), loaded once."""
        return _default_table()

    # -- matching ---------------------------------------------------------
    def find(self, text: str, start: int = 0, end: Optional[int] = None) -> list[SideMatch]:
        """Every side phrase in ``text[start:end]`` (offsets into ``text``)."""
        end = len(text) if end is None else end
        out = []
        for m in self._re.finditer(text, start, end):
            out.append(SideMatch(m.start(), m.end(), m.group(0),
                                 self._sides_of_group[int(m.lastgroup[1:])]))
        return out

    def side_of(self, actor: str, topic: Optional[str] = None) -> str:
        """The side an actor phrase names ("unknown" if none).

        Backers are ignored ("regime forces backed by Russian airpower" is
        the regime); the first named side wins; a generic reference ("the
        group", "militants") takes ``topic`` when given.
        """
        core = _BACKER_RE.sub(" ", actor)
        matches = self.find(core) or self.find(actor)
        contextual = False
        for m in matches:
            if m.side != CONTEXTUAL:
                return m.side
            contextual = True
        if contextual and topic:
            return topic
        return UNKNOWN


@lru_cache(maxsize=1)
def _default_table() -> SideTable:
    return SideTable.load(DEFAULT_PATH)
