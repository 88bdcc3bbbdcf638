"""Value objects of the mapper: Article, Mention, TimeSpan, Event, Movement.

Character offsets (``start``/``end``, ``char_start``/``char_end``) always index
into ``Article.text`` as read (after decoding, before any cleaning), so every
output can point back at its quote.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from gazetteer.model import Location, Place


@dataclass(frozen=True)
class Article:
    """One news article.

    ``published`` is the publication date or None (undated); ``published_source``
    says where it came from: "manifest", "column", "metadata" (front matter, HTML meta) or
    "dateline" (the text's own stamp, :mod:`mapper.read.stamp`; it beats a disagreeing column) or None.
    ``body_end`` is the offset where web debris ("Share this article", "Leave a
    Reply") starts; nothing past it yields places or events.
    """

    id: str
    text: str
    published: Optional[date] = None
    outlet: Optional[str] = None
    path: Optional[str] = None
    title: Optional[str] = None
    published_source: Optional[str] = None
    body_end: Optional[int] = None
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def body(self) -> str:
        """The text up to the start of web debris."""
        return self.text if self.body_end is None else self.text[: self.body_end]


# Mention.kind values
MENTION_TOPONYM = "toponym"            # a gazetteer name found in the text
MENTION_UNKNOWN = "unknown_toponym"    # looks like a place (head noun) but unknown
MENTION_OFFSET = "offset_phrase"       # "4km west of Palmyra"
MENTION_DATELINE = "dateline"          # "AMMAN:" / "QAMISHLI –"
MENTION_BYLINE = "byline"              # "Reporting by ... in Beirut"


@dataclass(frozen=True)
class Mention:
    """A place-like span of an article and what it resolved to."""

    article_id: str
    surface: str
    start: int
    end: int
    kind: str = MENTION_TOPONYM
    place: Optional[Place] = None
    score: float = 0.0
    location: Optional[Location] = None
    reason: str = ""  # why it is unresolved / not usable, when it is


@dataclass(frozen=True)
class TimeSpan:
    """When something happened: inclusive ``start``..``end`` and a precision.

    precision is one of: day, week, month, year, unknown. An undated article
    gives TimeSpan(None, None, "unknown"), never an invented date.
    """

    start: Optional[date] = None
    end: Optional[date] = None
    precision: str = "unknown"
    text: str = ""

    @property
    def date(self) -> Optional[date]:
        """The single day, when precision is "day"; else None."""
        return self.start if self.precision == "day" and self.start == self.end else None


UNKNOWN_TIME = TimeSpan()

EVENT_KINDS = ("capture", "entry", "advance", "withdrawal", "clash", "attack",
               "airstrike", "position", "destruction", "control")


@dataclass(frozen=True)
class Event:
    """A claim that someone did something somewhere at some time.

    ``side`` is the acting side (government, islamic_state, opposition, sdf,
    ...; "unknown" when not known); ``losing_side`` the side that lost the
    place, where known. ``toward`` lists the locations of a movement's
    destination ("heading westward toward the Doua District").
    """

    id: str
    kind: str
    side: str
    actor: str
    article_id: str
    quote: str
    char_start: int
    char_end: int
    place_name: str
    location: Optional[Location]
    time: TimeSpan = UNKNOWN_TIME
    losing_side: Optional[str] = None
    confidence: float = 0.5
    outlet: Optional[str] = None
    published: Optional[date] = None
    toward: tuple[Location, ...] = ()
    toward_names: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()      # article ids after fusion
    flags: tuple[str, ...] = ()        # e.g. "background", "contradicted", "undated"
    # After fusion (mapper/history/fusion.py): number of distinct articles reporting the
    # event (== len(sources)), and the quotes of the other reports as
    # (article id, quote, char_start, char_end).
    corroboration: int = 1
    other_quotes: tuple[tuple[str, str, int, int], ...] = ()

    @property
    def place_id(self) -> Optional[str]:
        loc = self.location
        if loc is None:
            return None
        p = loc.place or loc.anchor
        return p.id if p else None


@dataclass(frozen=True)
class Movement:
    """An advance or withdrawal from one Location toward another (or a bearing)."""

    id: str
    event_id: str
    kind: str  # advance | withdrawal
    side: str
    origin: Location
    destination: Optional[Location] = None
    destination_name: str = ""
    bearing_deg: Optional[float] = None
    time: TimeSpan = UNKNOWN_TIME
    article_id: str = ""
    quote: str = ""


@dataclass(frozen=True)
class Slot:
    """A place-like span an event can be placed at (built by mapper.extract.locate).

    kind: "place" (gazetteer place), "offset" (a spatial phrase with an
    anchor), "reference" ("the city" -> the place the paragraph is about),
    "region" (province / governorate / country: never places a capture),
    "unknown" (a toponym the gazetteer does not know; location from a spatial
    phrase when there is one, else None). ``key`` goes into event ids.
    ``start``/``end`` index ``Article.text``.
    """

    start: int
    end: int
    name: str
    kind: str
    location: Optional[Location] = None
    key: str = ""
    surface: str = ""
    settlement: bool = False


@dataclass(frozen=True)
class BuildWarning:
    """A warning about one article (or one event of it), as report.json lists it.

    ``kind`` ("offset_conflict", "event_unplaced", "article_truncated", ...),
    ``message`` (one line for a person), ``article_id``; ``event_id`` when the
    warning is about one event (``event_ids`` when it concerns several events of
    the same sentence); ``char_start``/``char_end`` index ``Article.text``;
    ``details`` extra (key, value) pairs kept in report.json.

    >>> w = BuildWarning("offset_conflict", "'4km west of X': ...", "a1", char_start=10,
    ...                  details=(("mention", "X"),))
    >>> w.as_dict()["kind"], w.as_dict()["mention"]
    ('offset_conflict', 'X')
    """

    kind: str
    message: str
    article_id: str
    event_id: Optional[str] = None
    char_start: Optional[int] = None
    char_end: Optional[int] = None
    details: tuple[tuple[str, object], ...] = ()
    event_ids: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """The report.json form: {"article", "kind", <details>, "char_start", ..., "message"}
        (keys with a None value other than details are left out)."""
        out: dict = {"article": self.article_id, "kind": self.kind}
        for k, v in self.details:
            out[k] = v
        if self.char_start is not None:
            out["char_start"] = self.char_start
        if self.char_end is not None:
            out["char_end"] = self.char_end
        if self.event_id is not None:
            out["event_id"] = self.event_id
        if len(self.event_ids) > 1:
            out["event_ids"] = list(self.event_ids)
        out["message"] = self.message
        return out
