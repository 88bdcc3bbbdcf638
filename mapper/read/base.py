"""What every reader shares: ReadFailure, field names, Article assembly, date values, ids.

* :class:`ReadFailure` - an input that could not become an Article (one line);
* :data:`FIELD_NAMES` - corpus column / key names of each logical field;
* :func:`make_article` - the Article of one text (a dateline when no date was
  given, the debris offset, a guessed title);
* :func:`date_field` / :func:`date_problem` - a metadata date value, or why not;
* :func:`row_article` - the Article of one corpus record (CSV row, JSON object);
* :func:`dedupe` - ids unique within one corpus.

    >>> str(ReadFailure("corpus.csv", 12, "empty article text"))
    'corpus.csv:12: empty article text'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Optional, Union

from mapper.errors import InputError
from mapper.extract.dates.published import MAX_PUBLISHED_YEAR, MIN_PUBLISHED_YEAR, parse_date_value
from mapper.model import Article
from mapper.read.cleaning import debris_start
from mapper.read.stamp import stamp_date

__all__ = ["ReadFailure", "FIELD_NAMES", "ARTICLE_SUFFIXES", "TEXT_SUFFIXES", "MANIFEST_NAME", "Item",
           "make_article", "date_field", "date_problem", "row_article", "resolve_columns", "json_fields",
           "dedupe", "with_meta", "clean_str", "own_dateline"]

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".csv", ".jsonl", ".json")
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
MANIFEST_NAME = "articles.csv"

# logical field -> accepted column / key names (lower-case), in preference order
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "article_content", "body", "article_text", "article", "full_text", "story"),
    "title": ("title", "article_title", "headline", "heading"),
    "date": ("date", "published", "pubdate", "publication_date", "published_at", "date_published",
             "publish_date", "datetime"),
    "outlet": ("source", "outlet", "publisher", "site", "source_name", "newspaper", "media"),
    "id": ("id", "unit_id", "article_id", "doc_id", "uid", "guid"),
}

@dataclass(frozen=True)
class ReadFailure:
    """An input that could not become an Article; ``str()`` is one line.

    >>> str(ReadFailure("corpus.csv", 12, "wrong number of fields (3, header has 13)"))
    'corpus.csv:12: wrong number of fields (3, header has 13)'
    """

    path: str
    line: Optional[int]
    message: str

    def __str__(self) -> str:
        msg = " ".join(self.message.split())
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {msg}"



#: what a reader yields
Item = Union[Article, ReadFailure]


# --------------------------------------------------------------------------- article assembly

#: the publication date the text prints about itself (its stamp: mapper.read.stamp)
own_dateline = stamp_date


def clean_str(v: object) -> Optional[str]:
    """``v`` as one line of text (white space runs -> one space), None when empty."""
    if v is None:
        return None
    s = " ".join(str(v).split())
    return s or None


_TITLE_SKIP = re.compile(r"^(?:skip to|\d+\s+min(?:ute)?s?\s+read|advertisement)", re.I)


def _guess_title(text: str) -> Optional[str]:
    """The first line of 4+ words in the first 12 lines (not "Skip to", "2 min read")."""
    for line in text.splitlines()[:12]:
        s = line.strip()
        if not s or _TITLE_SKIP.match(s) or len(s) > 300:
            continue
        if len(s.split()) >= 4:
            return s
    return None


def make_article(*, id: str, text: str, path: str, title: Optional[str] = None,
                  published: Optional[date] = None, published_source: Optional[str] = None,
                  outlet: Optional[str] = None, meta: list[tuple[str, str]] | None = None,
                  guess_title: bool = True) -> Article:
    """The Article of one text: without ``published``, a dateline of the text
    (``published_source="dateline"``); ``body_end`` where web debris starts."""
    if published is None:
        dl = own_dateline(text)
        if dl is not None:
            published, published_source = dl, "dateline"
    if published is None:
        published_source = None
    return Article(id=id, text=text, published=published, outlet=outlet, path=path,
                   title=title or (_guess_title(text) if guess_title else None), published_source=published_source,
                   body_end=debris_start(text), meta=tuple(meta or ()))


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$")
_NUM_DAY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\s*$")


def date_problem(value: object) -> str:
    """Why a metadata date was not used, in words (the value shown with !r).

    >>> date_problem("2016-02-30")
    "'2016-02-30' is not a calendar date (2016-02 has no day 30); check the day"
    >>> date_problem("0001-01-01")
    "'0001-01-01' is outside the publication years 1900-2100; check the year"
    """
    from calendar import monthrange

    raw = str(value).strip()[:80]
    shown = repr(raw)
    m = _ISO_DAY.match(raw)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if not 1 <= mo <= 12:
            return f"{shown} has no month {mo} (months are 01-12); write YYYY-MM-DD"
        if not 1 <= y <= 9999 or not 1 <= d <= monthrange(y, mo)[1]:
            return f"{shown} is not a calendar date ({y:04d}-{mo:02d} has no day {d}); check the day"
        if not MIN_PUBLISHED_YEAR <= y <= MAX_PUBLISHED_YEAR:
            return (f"{shown} is outside the publication years {MIN_PUBLISHED_YEAR}-{MAX_PUBLISHED_YEAR}; "
                    "check the year")
    m = _NUM_DAY.match(raw)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 and b > 12:
            return (f"{shown} is neither month/day/year nor day/month/year (no month {a} or {b}); "
                    "write YYYY-MM-DD")
        return f"{shown} is not a calendar date; write YYYY-MM-DD"
    return f"unparseable date {shown}; use YYYY-MM-DD or m/d/yy"


def date_field(value: object, source: str, meta: list[tuple[str, str]], where: str
                ) -> tuple[Optional[date], Optional[str]]:
    """(date, ``source``) of a metadata value; (None, None) when empty or unusable
    (then a ``("date_warning", ...)`` note saying why is appended to ``meta``)."""
    if value is None or not str(value).strip():
        return None, None
    d = parse_date_value(value)
    if d is None:
        meta.append(("date_warning", f"{where}: {date_problem(value)}"))
        return None, None
    return d, source


# --------------------------------------------------------------------------- corpus records

def resolve_columns(header: list[str], columns: Optional[dict[str, str]], where: str) -> dict[str, int]:
    """Logical field -> column index; raises InputError when the text column is missing."""
    low = [h.strip().lower().lstrip("\ufeff") for h in header]
    out: dict[str, int] = {}
    for field, names in FIELD_NAMES.items():
        if columns and columns.get(field):
            want = columns[field].strip().lower()
            if want not in low:
                raise InputError(f"{where}: column {columns[field]!r} given for {field} is not in the header "
                                 f"{header!r}; pick one of those")
            out[field] = low.index(want)
            continue
        for n in names:
            if n in low:
                out[field] = low.index(n)
                break
    if "text" not in out:
        raise InputError(f"{where}: no text column in header {header!r}; name one with "
                         "columns={'text': ...} (CLI: --text-column)")
    return out


def row_article(get: dict[str, Optional[str]], stem: str, row: int, where: str
                 ) -> Union[Article, ReadFailure]:
    """The Article of one corpus record (``get``: logical field -> value); id
    ``<stem>:<row>`` when the record has none.

    Publication date: the date column, unless the text prints its own dateline
    (:func:`own_dateline`: a publication stamp, a date opening the text or
    standing on a line of its own at the top) with another day: the
    outlet's dateline wins (a corpus column may hold the date of the event or
    of the crawl), with a ``date_warning`` naming both.
    """
    text = get.get("text") or ""
    line_where = f"{where}:{row}"
    if not text.strip():
        return ReadFailure(where, row, "empty article text")
    meta: list[tuple[str, str]] = []
    published, source = date_field(get.get("date"), "column", meta, line_where)
    if published is not None:
        own = own_dateline(text)
        if own is not None and own != published:
            meta.append(("date_warning", f"{line_where}: the date column says {published.isoformat()} but the "
                                         f"text's own dateline says {own.isoformat()}; the dateline is used"))
            published, source = own, "dateline"
    art_id = clean_str(get.get("id")) or f"{stem}:{row}"
    return make_article(id=art_id, text=text, path=where, title=clean_str(get.get("title")),
                         published=published, published_source=source,
                         outlet=clean_str(get.get("outlet")), meta=meta, guess_title=False)


def dedupe(item: Union[Article, ReadFailure], seen: set[str], line: int) -> Union[Article, ReadFailure]:
    """Keep ids unique within one corpus: a repeated id becomes "<id>#<line>" (with a warning)."""
    if not isinstance(item, Article):
        return item
    if item.id in seen:
        new_id = f"{item.id}#{line}"
        item = replace(item, id=new_id, meta=item.meta + (
            ("warning", f"duplicate id {item.id!r} at line {line}; renamed {new_id!r}"),))
    seen.add(item.id)
    return item


def with_meta(art: Article, notes: list[tuple[str, str]]) -> Article:
    """``art`` with the file-level ``notes`` (encoding) before its own meta."""
    return replace(art, meta=tuple(notes) + art.meta)


def json_fields(obj: dict[str, object], columns: Optional[dict[str, str]]) -> dict[str, Optional[str]]:
    """Logical field -> value of one JSON object (keys matched case-insensitively)."""
    low = {str(k).strip().lower(): v for k, v in obj.items()}
    out: dict[str, Optional[str]] = {}
    for field, names in FIELD_NAMES.items():
        keys = (columns[field].strip().lower(),) if columns and columns.get(field) else names
        for k in keys:
            if k in low and low[k] is not None:
                out[field] = str(low[k])
                break
    return out
