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

Article context (:meth:`SideTable.for_article` -> :class:`ArticleSides`): the
article's OWN words set the side of generic references, never outside
knowledge:

- *patrons* (``patrons:`` in the YAML): once the text ties a client side to a
  patron ("Turkish-backed rebels", "rebel and Turkish forces", "rebels, backed
  by Turkish forces", "Operation Euphrates Shield"), the client's generic
  phrases ("the rebels", "FSA") take the patron's side from that tie on;
  before the first tie, and in an article with no tie, they keep their own;
- *references* (``references:``): "the military", "the army", "the troops"
  take the state side last named explicitly in the same paragraph (default
  government); "the Islamists" the jihadist side last named in the article
  (else the contextual topic).

>>> a = SideTable.default().for_article("Turkish-backed rebels took A. Then the rebels took B.")
>>> a.side_of("the rebels", pos=40)
'turkey'
>>> SideTable.default().for_article("Rebels took A. Then the rebels took B.").side_of("the rebels", pos=20)
'opposition'
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence, Union

import yaml

from mapper.errors import ConfigError
from mapper.extract.tries import trie_regex

__all__ = ["SideTable", "SideMatch", "ArticleSides", "PatronRule", "ReferenceClass",
           "UNKNOWN", "CONTEXTUAL", "DEFAULT_PATH"]

UNKNOWN = "unknown"
CONTEXTUAL = "contextual"
DEFAULT_PATH = Path(__file__).with_name("data") / "sides.yaml"

#: people who are no fighting side (one vocabulary for the side table and the event triggers)
CIVILIAN_WORDS = (r"civilians?|residents?|people|famil(?:y|ies)|inhabitants|refugees|children|women|displaced|"
                  r"locals|villagers")
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
    #: "" for a named side; "ref:<class>" for a reference class phrase ("the military")
    phrase_class: str = ""


@dataclass(frozen=True)
class PatronRule:
    """``client`` phrases take ``patron``'s side once the article ties them.

    ``generic``: the client phrases that follow the tie ("rebels", "FSA");
    ``ties``: phrases that are a tie by themselves ("Turkish-backed",
    "Euphrates Shield"). A patron phrase coordinated with a client phrase
    ("rebel and Turkish forces") or backing it ("rebels, backed by Turkish
    forces") is a tie too.
    """

    patron: str
    client: str
    generic: frozenset
    ties: frozenset


@dataclass(frozen=True)
class ReferenceClass:
    """Generic phrases ("the military") that take the last explicitly named
    side among ``sides`` (in the same paragraph when ``scope`` is
    "paragraph", else in the article so far), else ``default`` (None: the
    contextual topic)."""

    name: str
    sides: tuple
    default: Optional[str]
    scope: str = "paragraph"


def _phrase_regex(phrase: str) -> str:
    """Regex for one phrase: spaces/hyphens interchangeable, case rule for acronyms."""
    parts = re.split(r"[\s\-‐‑]+", phrase.strip())
    # the apostrophe is optional: the corpus often drops it ("Assads forces", "the armys")
    body = r"[\s\-‐‑]*".join(re.escape(p).replace("'", "['’]?") for p in parts if p)
    if re.fullmatch(r"[A-Z]{2,5}", phrase.strip()):
        return r"(?-i:" + body + r")"
    return body


def _side_entries(sides: dict, source: str) -> list[tuple[str, str]]:
    """(phrase, side) of every phrase under ``sides:``; ConfigError names a bad side or phrase."""
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
    return entries


def _contextual_entries(contextual: Iterable[str], source: str) -> list[tuple[str, str]]:
    """(phrase, "contextual") of every generic reference phrase ("the group")."""
    entries: list[tuple[str, str]] = []
    for p in contextual:
        if not isinstance(p, str) or not p.strip():
            raise ConfigError(f"{source}: contextual phrase {p!r} is empty or not text")
        entries.append((p.strip(), CONTEXTUAL))
    return entries


def _patron_rules(patrons: Iterable[Any], side_names: set, source: str) -> list[PatronRule]:
    """The ``patrons:`` list of the YAML as :class:`PatronRule` (phrase keys normalised)."""
    rules: list[PatronRule] = []
    for i, spec in enumerate(patrons):
        where = f"{source}: patrons[{i}]"
        if not isinstance(spec, dict) or spec.get("patron") not in side_names or \
                spec.get("client") not in side_names:
            raise ConfigError(f"{where} must name a 'patron' and a 'client' side of the table, "
                              f"got {spec!r:.80}")
        rules.append(PatronRule(
            spec["patron"], spec["client"],
            frozenset(_phrase_key(x) for x in spec.get("generic") or ()),
            frozenset(_phrase_key(x) for x in spec.get("ties") or ())))
    return rules


def _compile_phrases(phrases: Sequence[str], keep: Optional[Iterable[int]] = None) -> "re.Pattern[str]":
    """ONE regex of all phrases (in the given order: group ``g<i>`` is ``phrases[i]``; ``keep``:
    only these indices), with a one-level trie on the first letter (a lookahead per letter)
    so that each text position tries only the phrases that can start there."""
    by_first: dict[str, list[str]] = {}
    for i in (range(len(phrases)) if keep is None else keep):
        p = phrases[i]
        by_first.setdefault(p[0].lower(), []).append(f"(?P<g{i}>{_phrase_regex(p)})")
    alts = "|".join(
        f"(?={re.escape(c) if not c.isalpha() else '[' + c + c.upper() + ']'})(?:{'|'.join(group)})"
        for c, group in by_first.items())
    return re.compile(_NEG_PREFIX + r"(?<![\w\-])(?:" + alts + r")(?![\w])" + _ADJ_SUFFIX, re.IGNORECASE)


#: a word with a non-ASCII letter, where the whole table is tried (see :class:`_LeadFilter`)
_NON_ASCII_WORD_RE = re.compile(r"(?<![\w\-])\w*?[^\W\x00-\x7f]")


class _LeadFilter:
    """Where a side phrase can start, and which phrases can: a word (not after a word
    character or a hyphen) that begins with the leading word characters ("lead") of some
    phrases, compared ASCII case-insensitively, can start those phrases only (the leads
    are found by one trie regex, the longest first: the phrases of a lead and of the
    leads that are its prefixes). Each set of phrases gets its own regex (the same
    alternatives in the same order, group ``g<i>`` still phrase ``i``), so a position
    tries only the phrases that can start there; a word with a non-ASCII letter tries the
    whole table (case folding beyond ASCII is left to the regex). :meth:`of` gives None
    when some phrase has no ASCII lead (the table then scans with the one regex alone).

    >>> f = _LeadFilter.of(["Syrian army", "IS", "al-Nusra"])
    >>> [p for p, _ in f.starts("The Syrian army and IS left al-Bab", 0, 34)]
    [4, 20, 28]
    """

    __slots__ = ("phrases", "_of_lead", "_closure", "_lead_re", "_regex")

    def __init__(self, phrases: Sequence[str], leads: list[str]) -> None:
        self.phrases = tuple(phrases)
        self._of_lead: dict[str, list[int]] = {}        # lead -> indices of its phrases
        for i, lead in enumerate(leads):
            self._of_lead.setdefault(lead, []).append(i)
        # lead -> the leads that are its prefixes (itself included): what a word starting
        # with this lead (as its longest lead) can start
        self._closure = {x: tuple(y for y in self._of_lead if x.startswith(y)) for x in self._of_lead}
        self._lead_re = re.compile(r"(?<![\w\-])" + trie_regex(self._of_lead), re.IGNORECASE | re.ASCII)
        self._regex: dict[str, "re.Pattern[str]"] = {}   # longest lead -> regex of its phrases

    @classmethod
    def of(cls, phrases: Sequence[str]) -> Optional["_LeadFilter"]:
        leads = []
        for p in phrases:
            m = re.match(r"\w+", p)
            lead = m.group(0).lower() if m else ""
            if not lead or not lead.isascii():
                return None
            leads.append(lead)
        return cls(phrases, leads)

    def _regex_of(self, lead: str) -> "re.Pattern[str]":
        rx = self._regex.get(lead)
        if rx is None:
            keep = sorted({i for x in self._closure[lead] for i in self._of_lead[x]})
            rx = self._regex[lead] = _compile_phrases(self.phrases, keep)
        return rx

    def starts(self, text: str, start: int, end: int) -> list[tuple[int, Optional["re.Pattern[str]"]]]:
        """(offset, regex to try there) of the candidate starts in ``text[start:end]``, in
        text order; regex None: the whole table's."""
        regex_of = self._regex_of
        out: list[tuple[int, Optional["re.Pattern[str]"]]] = [
            (m.start(), regex_of(m.group(0).lower())) for m in self._lead_re.finditer(text, start, end)]
        if not text.isascii():
            wide = [(m.start(), None) for m in _NON_ASCII_WORD_RE.finditer(text, start, end)]
            if wide:
                at = {p for p, _ in wide}
                out = sorted([x for x in out if x[0] not in at] + wide, key=lambda x: x[0])
        return out


class SideTable:
    """Phrases -> sides, matched with one compiled regex.

    Build from a mapping ``{side: [phrases]}`` (+ ``contextual`` phrases), or
    with :meth:`default` / :meth:`load`.
    """

    def __init__(self, sides: dict[str, list[str]], contextual: Iterable[str] = (),
                 source: str = "<dict>", references: Optional[dict] = None,
                 patrons: Optional[list] = None) -> None:
        self.source = source
        entries = _side_entries(sides, source) + _contextual_entries(contextual, source)
        side_names = set(sides)
        self.references: dict[str, ReferenceClass] = {}
        entries += self._read_references(references or {}, side_names, source)
        self.patrons: list[PatronRule] = _patron_rules(patrons or (), side_names, source)
        if not entries:
            raise ConfigError(f"{source}: the side table is empty; give at least one side "
                              f"with phrases under 'sides:'")
        # longest phrase first so "Free Syrian Army" beats "Syrian army"
        entries.sort(key=lambda e: (-len(e[0]), e[0]))
        self._sides_of_group: list[str] = [
            side if not side.startswith("ref:") else
            (self.references[side[4:]].default or CONTEXTUAL) for _, side in entries]
        self._class_of_group: list[str] = [side if side.startswith("ref:") else "" for _, side in entries]
        self._re = _compile_phrases([p for p, _ in entries])
        self._leads = _LeadFilter.of([p for p, _ in entries])
        self.sides: tuple[str, ...] = tuple(dict.fromkeys(
            s for _, s in entries if s != CONTEXTUAL and not s.startswith("ref:")))

    def _read_references(self, references: dict, side_names: set, source: str) -> list[tuple[str, str]]:
        """Fill ``self.references`` from the YAML ``references:`` mapping; the phrase
        entries (phrase, "ref:<class>") of every class."""
        entries: list[tuple[str, str]] = []
        for name, spec in references.items():
            where = f"{source}: references.{name}"
            if not isinstance(spec, dict) or not isinstance(spec.get("phrases"), (list, tuple)):
                raise ConfigError(f"{where} must be a mapping with 'phrases: [...]', got {spec!r:.80}")
            rsides = tuple(spec.get("sides") or ())
            default = spec.get("default")
            for x in (*rsides, *([default] if default else [])):
                if x not in side_names:
                    raise ConfigError(f"{where}: side {x!r} is not a side of the table; "
                                      f"use one of {sorted(side_names)}")
            scope = spec.get("scope", "paragraph")
            if scope not in ("paragraph", "article"):
                raise ConfigError(f"{where}: scope {scope!r} must be 'paragraph' or 'article'")
            self.references[name] = ReferenceClass(str(name), rsides, default, scope)
            for p in spec["phrases"]:
                if not isinstance(p, str) or not p.strip():
                    raise ConfigError(f"{where}: phrase {p!r} is empty or not text")
                entries.append((p.strip(), f"ref:{name}"))
        return entries

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
        references = data.get("references") or {}
        if not isinstance(references, dict):
            raise ConfigError(f"{source}: 'references' must map class names to "
                              f"{{sides, default, phrases}}, got {references!r:.80}")
        patrons = data.get("patrons") or []
        if not isinstance(patrons, (list, tuple)):
            raise ConfigError(f"{source}: 'patrons' must be a list of {{patron, client, generic, ties}}, "
                              f"got {patrons!r:.80}")
        return cls(sides, contextual, source=source, references=references, patrons=list(patrons))

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
        """Every side phrase in ``text[start:end]`` (offsets into ``text``).

        The compiled regex is tried only where a word starts with the first word
        of some phrase (:class:`_LeadFilter`); the matches are those of one
        ``finditer`` pass of the same regex (leftmost, non-overlapping)."""
        return self._find(text, start, len(text) if end is None else end)

    def _find(self, text: str, start: int, end: int,
              cands: Optional[Sequence[tuple[int, Optional["re.Pattern[str]"]]]] = None) -> list[SideMatch]:
        """:meth:`find`; ``cands``: the :meth:`_LeadFilter.starts` of ``text[start:end]`` when known."""
        out = []
        sides, classes = self._sides_of_group, self._class_of_group
        for m in self._matches(text, start, end, cands):
            g = int(m.lastgroup[1:])
            out.append(SideMatch(m.start(), m.end(), m.group(0), sides[g], classes[g]))
        return out

    def _matches(self, text: str, start: int, end: int,
                 cands: Optional[Sequence[tuple[int, Optional["re.Pattern[str]"]]]] = None
                 ) -> Iterable["re.Match[str]"]:
        """The matches of ``self._re.finditer(text, start, end)``, tried at candidate positions only."""
        if self._leads is None:
            return self._re.finditer(text, start, end)
        if cands is None:
            cands = self._leads.starts(text, start, end)
        whole = self._re
        out = []
        last = start
        for p, rx in cands:
            if p < last:
                continue
            m = (rx or whole).match(text, p, end)
            if m is not None:
                out.append(m)
                last = m.end()
        return out

    def candidates(self, text: str) -> "Callable[[int, int], Sequence]":
        """A function ``(start, end) -> candidate starts`` for :meth:`_find` on ``text``, from one
        scan of the whole text: a candidate of ``text[start:end]`` is a candidate of the whole
        text in that range (a lead cut by ``end`` only narrows which phrases fit; the regex of
        the whole lead also holds the phrases of the cut one)."""
        if self._leads is None:
            return lambda start, end: None
        cands = self._leads.starts(text, 0, len(text))
        pos = [p for p, _ in cands]

        def within(start: int, end: int) -> Sequence:
            return cands[bisect_left(pos, start):bisect_left(pos, end)]
        return within

    def for_article(self, text: str, end: Optional[int] = None,
                    sentences: Optional[Sequence[Any]] = None) -> "ArticleSides":
        """This table read with the context of one article (``text[:end]``; ``sentences``:
        spans with .start/.end, for pronouns): see the module doc."""
        return ArticleSides(self, text, end, sentences)

    def side_of(self, actor: str, topic: Optional[str] = None, pos: Optional[int] = None) -> str:
        """The side an actor phrase names ("unknown" if none).

        Backers are ignored ("regime forces backed by Russian airpower" is
        the regime); the first named side wins; a generic reference ("the
        group", "militants") takes ``topic`` when given. ``pos`` (where the
        actor stands in its article) is used by :class:`ArticleSides` only.
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


_KEY_SPLIT_RE = re.compile(r"[\s\-‐‑'’]+")


def _phrase_key(phrase: str) -> str:
    """Case-, hyphen- and apostrophe-insensitive key of a side phrase ("Turkish-backed" = "turkish backed")."""
    return " ".join(_KEY_SPLIT_RE.split(phrase.casefold())).strip()


#: between a patron and a client phrase of one noun phrase: "rebel and Turkish forces",
#: "the Turkish Armed Forces and factions from the Free Syrian Army", "Turkish and allied rebels"
_COORD_GAP_RE = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s(?:and|&|as\s+well\s+as|along\s+with|together\s+with|alongside|with)\s+)"
    r"(?:(?:the|their|its|allied|affiliated|its\s+allied|their\s+allied|some|several|other|local|Syrian)\s+)*"
    r"(?:(?:factions|groups|units|elements|fighters|brigades|militias)\s+(?:of|from)\s+(?:the\s+)?)?$",
    re.IGNORECASE)
#: between a client phrase and the patron backing it: "rebels, backed by Turkish forces"
_BACKED_GAP_RE = re.compile(
    r"[\s,(]*(?:(?:who|which|that)\s+(?:are|were|is|was)\s+)?(?:heavily\s+|also\s+)?"
    r"(?:backed|supported|aided|assisted|led|escorted|armed|trained|sponsored)(?:[\s\-]up)?\s+(?:by|with)\s+"
    r"(?:the\s+)?$", re.IGNORECASE)
#: a client phrase written as the adjective of a patron phrase: "rebel and Turkish forces"
_NP_HEADS = r"(?:forces|troops|units|fighters|groups|factions|artillery|tanks|army|soldiers)"


class ArticleSides:
    """A :class:`SideTable` read with one article's own context (module doc).

    Same interface as the table (``find``, ``side_of``, ``sides``), so the
    event builder takes either. ``find`` on the article's own text resolves
    every match at its position; ``side_of(actor, pos=...)`` resolves the
    actor phrase as if it stood at ``pos`` (without ``pos``: the context at
    the end of the article).

    >>> a = SideTable.default().for_article("Rebel and Turkish forces took A.\\nThe rebels took B.")
    >>> [(m.surface, m.side) for m in a.find(a.text, 33)]
    [('rebels', 'turkey')]
    """

    def __init__(self, table: SideTable, text: str, end: Optional[int] = None,
                 sentences: Optional[Sequence[Any]] = None) -> None:
        self.table = table
        self.text = text
        # sentence spans (objects with .start/.end, e.g. Layout.sentences) for pronouns
        spans = sorted((int(x.start), int(x.end)) for x in (sentences or ()))
        self._sent_starts = [a for a, _ in spans]
        self._sent_ends = [b for _, b in spans]
        self.end = len(text) if end is None else min(end, len(text))
        self.sides = table.sides
        self.source = table.source
        self._resolved_all: Optional[list[SideMatch]] = None
        self._resolved_starts: list[int] = []
        self._within = table.candidates(text)      # the phrase candidates of the text, scanned once
        raw = table._find(text, 0, self.end, self._within(0, self.end))
        self._raw_all = raw
        # the first tie of each patron rule (start offset) and the client phrases inside ties
        self._tie_start: dict[int, int] = {}
        self._tied: dict[tuple[int, int], str] = {}
        for ri, rule in enumerate(table.patrons):
            first = None
            for i, m in enumerate(raw):
                tie = None
                if m.side == rule.patron and _phrase_key(m.surface) in rule.ties:
                    tie = m.start
                    nxt = raw[i + 1] if i + 1 < len(raw) else None
                    if nxt is not None and nxt.side == rule.client and not text[m.end:nxt.start].strip():
                        self._tied[(nxt.start, nxt.end)] = rule.patron     # "Turkish-backed rebel forces"
                if i + 1 < len(raw):
                    n = raw[i + 1]
                    pair = {m.side, n.side}
                    gap = text[m.end:n.start]
                    if pair == {rule.patron, rule.client} and len(gap) <= 60:
                        client = m if m.side == rule.client else n
                        if _COORD_GAP_RE.match(gap) or (client is m and _BACKED_GAP_RE.match(gap)) or \
                                (client is m and re.match(r"\s+and\s+$", gap) and
                                 re.match(r"\S+\s+" + _NP_HEADS + r"\b|" + _NP_HEADS + r"\b",
                                          text[n.start:n.end + 20], re.IGNORECASE)):
                            tie = m.start if tie is None else tie
                            self._tied[(client.start, client.end)] = rule.patron
                if tie is not None and first is None:
                    first = tie
            if first is not None:
                self._tie_start[ri] = first
        # explicitly named sides (no reference phrases), for the reference classes
        named = [m for m in raw if not m.phrase_class and m.side != CONTEXTUAL]
        resolved = [(m.start, m.end, self._patron_side(m, m.start)) for m in named]
        # per reference class: the named matches of its sides, by start (bisection, no scans)
        self._ref_named: dict[str, tuple[list[int], list[tuple[int, int, str]]]] = {}
        for name, ref in table.references.items():
            keep = [r for r in resolved if r[2] in ref.sides]
            self._ref_named[name] = ([r[0] for r in keep], keep)

    # -- resolution -------------------------------------------------------
    def _patron_side(self, m: SideMatch, pos: int, text: Optional[str] = None) -> str:
        """The side of a named match after the patron rules (at article position ``pos``)."""
        if text is None or text is self.text:
            tied = self._tied.get((m.start, m.end))
            if tied is not None:
                return tied
        for ri, rule in enumerate(self.table.patrons):
            if m.side == rule.client and _phrase_key(m.surface) in rule.generic:
                start = self._tie_start.get(ri)
                if start is not None and start <= pos:
                    return rule.patron
        return m.side

    def _paragraph_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, max(0, min(pos, len(self.text)))) + 1

    def _reference_side(self, m: SideMatch, pos: int) -> str:
        ref = self.table.references.get(m.phrase_class[4:])
        if ref is None:
            return m.side
        lo = self._paragraph_start(pos) if ref.scope == "paragraph" else 0
        starts, named = self._ref_named[ref.name]
        k = bisect_left(starts, pos)
        while k > 0 and named[k - 1][1] > pos:    # a match around pos is the phrase itself
            k -= 1
        if k > 0 and named[k - 1][0] >= lo:
            return named[k - 1][2]
        return ref.default or CONTEXTUAL

    def resolve(self, m: SideMatch, pos: Optional[int] = None, text: Optional[str] = None) -> SideMatch:
        """``m`` with its side in this article's context at ``pos`` (default: ``m.start``)."""
        at = m.start if pos is None else pos
        side = self._reference_side(m, at) if m.phrase_class else self._patron_side(m, at, text)
        return m if side == m.side else SideMatch(m.start, m.end, m.surface, side, m.phrase_class)

    # -- pronouns ----------------------------------------------------------
    def _head_side(self, s0: int, s1: int) -> Optional[str]:
        """The side of a sentence's subject: "pronoun" when it is "they"/"it", None when
        the subject names no side (the chain of reference is broken)."""
        text = self.text
        if self._resolved_all is None:
            self.find(text, 0, self.end)
        starts = self._resolved_starts
        k = bisect_left(starts, s0)
        if k < len(starts) and starts[k] < min(s1, s0 + _HEAD_WINDOW):
            m = self._resolved_all[k]
            if _LEAD_GAP_RE.fullmatch(text, s0, m.start) and m.side != CONTEXTUAL:
                return m.side
        if _PRONOUN_HEAD_RE.match(text, s0, s1):
            return "pronoun"
        return None

    def pronoun_side(self, pos: int) -> Optional[str]:
        """The side a subject pronoun ("they", "it") at ``pos`` refers to: the subject of
        its own sentence when that comes first ("ISIL attacked A and it took B"), else
        the subject of the previous sentences of the paragraph, skipping sentences
        whose subject is itself a pronoun; None when a sentence in between has a
        subject that names no side, or without sentence spans.

        >>> class S:
        ...     def __init__(self, a, b): self.start, self.end = a, b
        >>> t = "ISIL attacked Tabqa. They then shelled Safsafa. At dawn, they stormed it."
        >>> a = SideTable.default().for_article(t, sentences=[S(0, 20), S(21, 47), S(48, 74)])
        >>> a.pronoun_side(t.index("they stormed"))
        'islamic_state'
        """
        if not self._sent_starts:
            return None
        k = bisect_left(self._sent_starts, pos + 1) - 1
        if k < 0:
            return None
        lo = self._paragraph_start(pos)
        head = self._head_side(self._sent_starts[k], min(self._sent_ends[k], pos))
        if head not in (None, "pronoun"):
            return head
        for j in range(k - 1, -1, -1):
            if self._sent_starts[j] < lo:
                return None
            head = self._head_side(self._sent_starts[j], self._sent_ends[j])
            if head is None:
                return None
            if head != "pronoun":
                return head
        return None

    # -- the SideTable interface -------------------------------------------
    def find(self, text: str, start: int = 0, end: Optional[int] = None) -> list[SideMatch]:
        """Like :meth:`SideTable.find`; on the article's own text each match is resolved at its position."""
        if text is self.text and start == 0 and (end is None or end == self.end):
            if self._resolved_all is None:     # the whole article: scanned once, in __init__
                self._resolved_all = [self.resolve(m) for m in self._raw_all]
                self._resolved_starts = [m.start for m in self._resolved_all]
            return list(self._resolved_all)
        if text is not self.text:
            return self.table.find(text, start, end)
        end = len(text) if end is None else end
        found = self.table._find(text, start, end, self._within(start, end))
        return [self.resolve(m) for m in found]

    def side_of(self, actor: str, topic: Optional[str] = None, pos: Optional[int] = None) -> str:
        """Like :meth:`SideTable.side_of`, with the article's context at ``pos``."""
        at = self.end if pos is None else pos
        core = _BACKER_RE.sub(" ", actor)
        matches = self.table.find(core) or self.table.find(actor)
        contextual = False
        for m in matches:
            side = self.resolve(m, at, text=core).side
            if side != CONTEXTUAL:
                return side
            contextual = True
        if contextual and topic:
            return topic
        if not contextual and pos is not None and _PRONOUN_SUBJ_RE.search(actor[-40:]) and \
                not _NONCOMBATANT_WORD_RE.search(actor):
            side = self.pronoun_side(pos)    # "they", "it": the subject the paragraph is about
            if side is not None:
                return side
        return UNKNOWN


#: a subject pronoun at the end of an actor phrase ("At the same time, they also")
_PRONOUN_SUBJ_RE = re.compile(r"(?:^|[\s,“\"(])(?:they|it)(?:\s+(?:also|then|later|again|had|have|has|"
                              r"eventually|subsequently|finally|reportedly|quickly|soon|once\s+again))*\s*$",
                              re.IGNORECASE)
#: people who are no fighting side: a pronoun after them refers to them
_NONCOMBATANT_WORD_RE = re.compile(r"\b(?:" + CIVILIAN_WORDS + r"|workers|journalists)\b", re.IGNORECASE)
#: lead-in phrases before a sentence's subject ("On 5 May, ", "The next day, the")
_LEAD_GAP_RE = re.compile(r"[\s\"“]*(?:[A-Z0-9][^,.;:]{0,60},\s*)*(?:(?:the|also|then|later|meanwhile|"
                          r"however|and|but)\s+)*", re.IGNORECASE)
_PRONOUN_HEAD_RE = re.compile(r"[\s\"“]*(?:[A-Z0-9][^,.;:]{0,60},\s*)*(?:they|it|the\s+group|the\s+militants)\b",
                              re.IGNORECASE)
#: the subject of a sentence is looked for in its first characters only
_HEAD_WINDOW = 120


@lru_cache(maxsize=1)
def _default_table() -> SideTable:
    return SideTable.load(DEFAULT_PATH)
