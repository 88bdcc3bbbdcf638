"""Read articles from folders, files and corpora: paths -> Article | ReadFailure.

Inputs (see :func:`read_inputs`):

* a folder: every ``.txt .md .markdown .html .htm .csv .jsonl .json`` file in
  it (sorted by name, not recursive). A CSV whose header has a ``file`` column
  and no text column is a *manifest* (the seeds' ``articles.csv``: columns
  file, outlet, published, optional title/id): it supplies outlet and
  publication date for the text files next to it and is not itself a corpus.
  A manifest row naming a missing file is reported as a ReadFailure.
* a single text / Markdown / HTML file (a sibling ``articles.csv`` manifest
  still applies), or a manifest (reads the files it lists);
* CSV and JSONL corpora (one article per row / line) and JSON (a list of
  objects, ``{"articles": [...]}`` or one object). Fields are found by common
  names (text/content/article_content/body; title/article_title/headline;
  date/published/pubdate; source/outlet/publisher; id/unit_id/article_id) or
  the ``columns`` override ``{"text": "story", "date": "day", ...}``.

Formats: plain text as is; Markdown with a leading YAML front matter (title,
date/published, outlet/source, id) - ``Article.text`` is the body after the
front matter, so offsets index into it; HTML through BeautifulSoup with
scripts, styles, nav, header, footer, aside and forms removed, text joined by
paragraphs (blank line between blocks), title from ``<h1>`` / ``og:title`` /
``<title>``, date from ``article:published_time`` / ``<time datetime>``.

Encoding policy (``encoding=None``): UTF-8 (a BOM is dropped), else the
charset-normalizer guess on the lines that carry non-ASCII bytes (cp1252 /
latin-1 preferred among equally good guesses; a guess without a recognised
non-English language - coherence < 0.1 or English read off the ASCII part - is
ignored; verified on the whole file), else latin-1 (the FA-KES case). Latin-1
decodes any byte, so a file is refused only when it looks binary (NUL bytes or
more than 5 % control characters in the first 64 KiB): that gives a
ReadFailure. A non-UTF-8 decode is recorded in ``Article.meta`` as
``("encoding", name)``; the latin-1 last resort adds ``("warning", ...)``. An
explicit ``encoding`` is used strictly: undecodable bytes give a ReadFailure;
it never silently garbles a file: a file that is valid UTF-8 (with multi-byte
sequences the codec would misread) is read as UTF-8 with a warning, and a
codec whose output is full of NUL / control characters is refused for that
file. An unknown codec name is an InputError before anything is read.
UTF-16 without a byte-order mark is recognised (one byte of every pair NUL)
and read with a warning; other binary-looking files get a hint to pass
``--encoding``. A CSV / JSONL corpus with a few stray NUL bytes loses only
the rows that carry them (a ReadFailure with the line each).

Manifests: a row naming a file outside the manifest's folder (``..``, an
absolute path) is refused with the manifest's line, whether the manifest is
given directly or found in a folder; a file listed twice keeps its first row
(the repeat is a warning). Ids are unique across all inputs (a repeat becomes
``<id>#2`` with a warning) and safe in file names (separators, ``..``,
control characters, quotes and angle brackets become ``_``, with a warning).
Dates that are not used say why (not a calendar date, outside the
publication years, neither m/d/y nor d/m/y: :func:`date_problem`).

Publication date: manifest (``published_source="manifest"``), a corpus column
(``"column"``), front matter / HTML meta (``"metadata"``), else a dateline in
the text (``"dateline"``, :func:`mapper.extract.dates.find_dateline`), else None. An
unparseable date value is kept in ``meta`` as ``("date_warning", ...)`` and the
dateline is tried.

Failures never stop the batch: a missing file, an undecodable or empty file,
an empty row, a malformed CSV row (wrong number of fields, csv error) or a bad
JSON line each yield one :class:`ReadFailure` (file and line) and reading goes
on.

Example::

    >>> arts = [a for a in read_inputs(["seeds"]) if isinstance(a, Article)]  # doctest: +SKIP
    >>> arts[0].id, arts[0].outlet, arts[0].published  # doctest: +SKIP
    ('000_fdeebda4cc27a467', 'Syria Direct', datetime.date(2015, 11, 24))
"""
from __future__ import annotations

import codecs
import csv
import json
import re
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from mapper.read.cleaning import debris_start
from mapper.extract.dates import find_dateline, parse_date_value
from mapper.errors import InputError
from mapper.model import Article

__all__ = ["ReadFailure", "read_inputs", "read_single", "decode_bytes", "ARTICLE_SUFFIXES", "FIELD_NAMES"]

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
_SNIFF_BYTES = 64 * 1024
_CHUNK = 1 << 20

try:
    csv.field_size_limit(sys.maxsize)
except OverflowError:  # pragma: no cover - 32-bit platforms
    csv.field_size_limit(2**31 - 1)


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


# --------------------------------------------------------------------------- decoding

# byte-order marks of the wide Unicode encodings (UTF-32 first: its LE mark starts
# with UTF-16's); such text is full of NUL bytes and must not be called binary
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _wide_bom(sample: bytes) -> Optional[str]:
    """"utf-16" / "utf-32" when ``sample`` starts with that byte-order mark, else None."""
    return next((enc for bom, enc in _WIDE_BOMS if sample.startswith(bom)), None)


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > 0.05 * len(sample)


def _utf16_without_bom(sample: bytes) -> Optional[str]:
    """"utf-16-le" / "utf-16-be" when ``sample`` reads as UTF-16 text without a
    byte-order mark (mostly-Latin text: one byte of every pair is NUL), else None.

    >>> _utf16_without_bom("Palmyra was captured".encode("utf-16-le"))
    'utf-16-le'
    """
    n = len(sample) - len(sample) % 2
    if n < 8:
        return None
    even, odd = sample[0:n:2], sample[1:n:2]
    half = n // 2
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * half and other.count(0) <= 0.02 * half:
            try:
                text = sample[:n].decode(enc)
            except UnicodeDecodeError:
                continue
            printable = sum(1 for c in text if c.isprintable() or c in "\t\r\n")
            if printable >= 0.95 * len(text):
                return enc
    return None


_UTF16_NOTE = ("text is UTF-16 without a byte-order mark ({enc}, detected); "
               "re-save it as UTF-8 or pass --encoding {enc} to be explicit")
_BINARY_HINT = ("; if it is text in another encoding (UTF-16/UTF-32 without a byte-order mark, ...) "
                "pass --encoding")


def _stray_nuls(sample: bytes) -> bool:
    """A text file with a few stray NUL bytes (a corrupt row), not a binary file:
    at most 1 NUL per 1000 bytes (at least 8 allowed) and few other control bytes."""
    nul = sample.count(0)
    if nul == 0 or nul > max(8, len(sample) // 1000):
        return False
    ctrl = sum(1 for b in sample if b < 32 and b not in (0, 9, 10, 12, 13, 27))
    return ctrl <= 0.01 * len(sample)


def _decodes_fully(chunks: Iterable[bytes], encoding: str) -> bool:
    dec = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        for c in chunks:
            dec.decode(c)
        dec.decode(b"", final=True)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while True:
            c = fh.read(_CHUNK)
            if not c:
                return
            yield c


_MIN_COHERENCE = 0.1
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")  # Western news: preferred among equally good guesses


def _guess(sample: bytes) -> Optional[str]:
    """charset-normalizer's guess; among ties (same chaos and coherence) cp1252/latin-1 win."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(sample))
    if not results:
        return None
    best = results[0]
    ties = {m.encoding for m in results
            if m.chaos <= best.chaos + 1e-9 and m.coherence >= best.coherence - 1e-9}
    for pref in _PREFERRED:
        if pref in ties:
            return pref
    # without a recognised language the guess is noise (English text with a few
    # stray bytes comes out as a Baltic code page): leave it to latin-1
    # (and a language read off ASCII English says nothing about the stray bytes)
    if best.coherence < _MIN_COHERENCE or best.language in ("English", "Unknown", ""):
        return None
    return best.encoding


def _non_ascii_sample(path: Path, limit: int = _SNIFF_BYTES) -> bytes:
    """Up to ``limit`` bytes of the lines that carry non-ASCII bytes (what the guess needs)."""
    out: list[bytes] = []
    size = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.isascii():
                out.append(line)
                size += len(line)
                if size >= limit:
                    break
    return b"".join(out)


def detect_file_encoding(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """Encoding of a file by the module policy; (codec name, meta notes).

    Raises InputError when the file looks binary.
    """
    with open(path, "rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    wide = _wide_bom(sample)
    if wide is not None:
        if not _decodes_fully(_file_chunks(path), wide):
            raise InputError(f"{path}: starts with a {wide} byte-order mark but is not valid {wide}; "
                             "re-save it as UTF-8 or pass --encoding")
        return wide, [("encoding", wide)]
    if _looks_binary(sample) and not _stray_nuls(sample):
        u16 = _utf16_without_bom(sample)
        if u16 is not None and _decodes_fully(_file_chunks(path), u16):
            return u16, [("encoding", u16), ("warning", _UTF16_NOTE.format(enc=u16))]
        raise InputError(f"{path}: looks binary (NUL or control bytes), not a text article; "
                         "pass a text/CSV/JSONL/HTML file" + _BINARY_HINT)
    if _decodes_fully(_file_chunks(path), "utf-8"):
        return ("utf-8-sig" if sample.startswith(codecs.BOM_UTF8) else "utf-8"), []
    guess = _guess(_non_ascii_sample(path))
    if guess and guess.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "ascii") \
            and _decodes_fully(_file_chunks(path), guess):
        return guess, [("encoding", guess)]
    return "latin-1", [("encoding", "latin-1"),
                       ("warning", "not UTF-8 and no confident guess; decoded as latin-1")]


#: a valid multi-byte UTF-8 sequence
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> Optional[tuple[str, list[tuple[str, str]]]]:
    """UTF-8 text with a few broken bytes (a truncated download, a bad paste):
    decoded with U+FFFD for the broken bytes and a warning, when valid
    multi-byte sequences outnumber the broken ones at least 3 to 1 (latin-1
    or cp1252 text has almost no valid UTF-8 sequences, so it is not taken)."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    if bad <= 0 or good < 3 * bad:
        return None
    return text, [("encoding", "utf-8"),
                  ("warning", f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")]


def check_encoding(encoding: Optional[str]) -> Optional[str]:
    """The codec name of ``--encoding`` (None passes); InputError for an unknown one.

    >>> check_encoding("Latin-1")
    'iso8859-1'
    """
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown --encoding {encoding!r}: use a Python codec name such as utf-8, "
                         "latin-1, cp1252, utf-16, or omit it to auto-detect") from None


def _is_utf8_family(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def _utf8_beats(sample: bytes, encoding: str, data: Optional[bytes], path: Optional[Path] = None
                ) -> Optional[str]:
    """A warning when the explicit ``encoding`` would garble a valid UTF-8 input
    (its non-ASCII bytes are UTF-8 sequences): UTF-8 is used instead. None when
    the explicit encoding is harmless or the input is not UTF-8."""
    if _is_utf8_family(encoding) or sample.isascii() or not _UTF8_MULTIBYTE.search(sample):
        return None
    whole_ok = (_decodes_fully([data], "utf-8") if data is not None
                else _decodes_fully(_file_chunks(path), "utf-8") if path is not None else False)
    if not whole_ok:
        return None
    try:
        garbled = sample.decode(encoding, errors="replace")
    except LookupError:
        return None
    good = sample.decode("utf-8", errors="replace")
    if garbled == good:
        return None
    m = re.search(r"\S*[^\x00-\x7f]\S*", good)
    word = m.group(0)[:30] if m else ""
    bad = word.encode("utf-8").decode(encoding, errors="replace") if word else ""
    return (f"the file is valid UTF-8; --encoding {encoding} would garble it ({word!r} -> {bad!r}), "
            "so it was read as UTF-8: pass --encoding only for the files that need it")


def _check_not_garbage(text: str, encoding: str) -> None:
    """InputError when text decoded with an explicit ``encoding`` is full of NUL /
    control characters (the wrong codec: UTF-16 read as latin-1, ...)."""
    if not text:
        return
    ctrl = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f\x1b") or 0x7f <= ord(c) < 0xa0)
    if "\x00" in text or ctrl > 0.05 * len(text):
        raise InputError(f"decoding as {encoding!r} gives control characters (NUL or C0/C1 codes): "
                         "the file is in another encoding; omit --encoding to auto-detect or pass the right one")


def decode_bytes(data: bytes, encoding: Optional[str] = None) -> tuple[str, list[tuple[str, str]]]:
    """Decode article bytes by the module policy; returns (text, meta notes).

    Raises InputError for binary-looking data or (with an explicit encoding)
    undecodable bytes.

    >>> decode_bytes("café".encode("utf-8"))
    ('café', [])
    """
    if encoding:
        note = _utf8_beats(data[: 4 * _SNIFF_BYTES], encoding, data)
        if note is not None:
            return data.decode("utf-8-sig"), [("encoding", "utf-8"), ("warning", note)]
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding!r}: {exc}; try another --encoding "
                             "or omit it to auto-detect") from exc
        _check_not_garbage(text[: 4 * _SNIFF_BYTES], encoding)
        return text, [("encoding", encoding)]
    wide = _wide_bom(data)
    if wide is not None:
        try:
            return data.decode(wide), [("encoding", wide)]
        except UnicodeDecodeError as exc:
            raise InputError(f"starts with a {wide} byte-order mark but is not valid {wide} ({exc.reason} "
                             f"at byte {exc.start}); re-save it as UTF-8 or pass --encoding") from exc
    if _looks_binary(data[:_SNIFF_BYTES]):
        u16 = _utf16_without_bom(data[:_SNIFF_BYTES])
        if u16 is not None:
            try:
                return data.decode(u16), [("encoding", u16), ("warning", _UTF16_NOTE.format(enc=u16))]
            except UnicodeDecodeError:
                pass
        raise InputError("looks binary (NUL or control bytes), not a text article" + _BINARY_HINT)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    guess = _guess(data[: 4 * _SNIFF_BYTES])
    if guess and guess.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "ascii"):
        try:
            return data.decode(guess), [("encoding", guess)]
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("latin-1"), [("encoding", "latin-1"),
                                    ("warning", "not UTF-8 and no confident guess; decoded as latin-1")]


# --------------------------------------------------------------------------- article assembly

def _clean_str(v: object) -> Optional[str]:
    if v is None:
        return None
    s = " ".join(str(v).split())
    return s or None


_TITLE_SKIP = re.compile(r"^(?:skip to|\d+\s+min(?:ute)?s?\s+read|advertisement)", re.I)


def _guess_title(text: str) -> Optional[str]:
    for line in text.splitlines()[:12]:
        s = line.strip()
        if not s or _TITLE_SKIP.match(s) or len(s) > 300:
            continue
        if len(s.split()) >= 4:
            return s
    return None


def _make_article(*, id: str, text: str, path: str, title: Optional[str] = None,
                  published: Optional[date] = None, published_source: Optional[str] = None,
                  outlet: Optional[str] = None, meta: list[tuple[str, str]] | None = None,
                  guess_title: bool = True) -> Article:
    if published is None:
        dl = find_dateline(text)
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

    from mapper.extract.dates import MAX_PUBLISHED_YEAR, MIN_PUBLISHED_YEAR

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


def _date_field(value: object, source: str, meta: list[tuple[str, str]], where: str
                ) -> tuple[Optional[date], Optional[str]]:
    if value is None or not str(value).strip():
        return None, None
    d = parse_date_value(value)
    if d is None:
        meta.append(("date_warning", f"{where}: {date_problem(value)}"))
        return None, None
    return d, source


# --------------------------------------------------------------------------- manifest

@dataclass(frozen=True)
class _ManifestRow:
    outlet: Optional[str]
    published: Optional[date]
    title: Optional[str]
    id: Optional[str]
    raw_date: str
    line: int
    manifest: str = MANIFEST_NAME      # the manifest's file name (for messages)
    notes: tuple[tuple[str, str], ...] = ()   # warnings about this row (duplicates)


def _is_manifest_header(header: list[str]) -> bool:
    low = {h.strip().lower() for h in header}
    return "file" in low and not (low & set(FIELD_NAMES["text"]))


def _read_manifest(path: Path) -> tuple[dict[str, _ManifestRow], list[ReadFailure]]:
    rows: dict[str, _ManifestRow] = {}
    fails: list[ReadFailure] = []
    try:
        enc, _ = detect_file_encoding(path)
        with open(path, encoding=enc, newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip().lower() for h in next(reader, [])]
            idx = {h: i for i, h in enumerate(header)}
            prev = reader.line_num
            for rec in reader:
                line = prev + 1
                prev = reader.line_num
                if not any(c.strip() for c in rec):
                    continue
                if len(rec) != len(header):
                    fails.append(ReadFailure(str(path), line, f"manifest row has {len(rec)} fields, "
                                                              f"header has {len(header)}"))
                    continue
                get = lambda *names: next((rec[idx[n]] for n in names if n in idx), "")  # noqa: E731
                raw = get("published", "date", "pubdate").strip()
                name = get("file").strip()
                outside = _outside_folder(name)
                if outside:
                    fails.append(ReadFailure(str(path), line, f"manifest row names {name!r}, {outside}; "
                                             "list only files in the manifest's own folder, by name"))
                    continue
                if name in rows:
                    first = rows[name]
                    msg = (f"{path.name}:{line}: {name!r} is listed again (first at line {first.line}); "
                           "the first row is used, remove the duplicate")
                    rows[name] = replace(first, notes=first.notes + (("warning", msg),))
                    continue
                rows[name] = _ManifestRow(
                    _clean_str(get("outlet", "source", "publisher")), parse_date_value(raw) if raw else None,
                    _clean_str(get("title")), _clean_str(get("id")), raw, line, path.name)
    except (OSError, csv.Error, InputError) as exc:
        fails.append(ReadFailure(str(path), None, f"cannot read manifest: {exc}"))
    return rows, fails


def _outside_folder(name: str) -> Optional[str]:
    """Why a manifest's file name leaves its folder (None when it stays inside).

    >>> _outside_folder("../x.txt"), _outside_folder("a.txt")
    ("which leaves the manifest's folder ('..')", None)
    """
    if not name:
        return "an empty file name"
    if "\x00" in name:
        return "which contains a NUL byte"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", name) or Path(name).is_absolute():
        return "an absolute path"
    if any(part == ".." for part in re.split(r"[\\/]", name)):
        return "which leaves the manifest's folder ('..')"
    return None


def _manifest_for(folder: Path, cache: dict[Path, tuple[dict[str, _ManifestRow], list[ReadFailure]]]
                  ) -> tuple[dict[str, _ManifestRow], list[ReadFailure]]:
    if folder not in cache:
        mpath = folder / MANIFEST_NAME
        cache[folder] = _read_manifest(mpath) if mpath.is_file() and _file_is_manifest(mpath) else ({}, [])
    return cache[folder]


def _file_is_manifest(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            first = fh.readline(65536).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return _is_manifest_header(next(csv.reader([first]), []))


# --------------------------------------------------------------------------- single documents

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def _read_markdown(text: str, meta: list[tuple[str, str]], where: str) -> tuple[str, dict[str, object]]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        meta.append(("warning", f"{where}: front matter is not valid YAML ({type(exc).__name__}); ignored"))
        data = None
    fields: dict[str, object] = {}
    if isinstance(data, dict):
        for k, v in data.items():
            fields[str(k).strip().lower()] = v
    return text[m.end():], fields


_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "button", "template", "select", "input", "figure")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt",
               "figcaption", "address")


def _read_html(text: str) -> tuple[str, dict[str, object]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    fields: dict[str, object] = {}

    def meta_content(**attrs: str) -> Optional[str]:
        tag = soup.find("meta", attrs=attrs)
        val = tag.get("content") if tag is not None else None
        return val if isinstance(val, str) and val.strip() else None

    fields["date"] = (meta_content(property="article:published_time") or meta_content(name="article:published_time")
                      or meta_content(itemprop="datePublished") or meta_content(name="date")
                      or meta_content(name="pubdate") or meta_content(name="publish-date"))
    if not fields["date"]:
        t = soup.find("time", attrs={"datetime": True})
        if t is not None:
            fields["date"] = t.get("datetime")
    fields["outlet"] = meta_content(property="og:site_name")
    h1 = soup.find("h1")
    title_tag = soup.find("title")
    fields["title"] = ((h1.get_text(" ", strip=True) if h1 is not None else None)
                       or meta_content(property="og:title")
                       or (title_tag.get_text(" ", strip=True) if title_tag is not None else None))
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all(attrs={"hidden": True}):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks: list[str] = []
    for el in root.find_all(list(_BLOCK_TAGS)):
        if el.find(list(_BLOCK_TAGS)) is not None:
            continue  # a container of blocks: its leaves are taken
        s = " ".join(el.get_text(" ", strip=True).split())
        if s:
            blocks.append(s)
    if not blocks:
        blocks = [" ".join(line.split()) for line in root.get_text("\n").splitlines() if line.strip()]
    if fields["title"] and (not blocks or blocks[0] != fields["title"]):
        pass  # the title stays metadata; the body starts with its first block
    return "\n\n".join(blocks), fields


def _read_document(path: Path, manifest_row: Optional[_ManifestRow], encoding: Optional[str]
                   ) -> Union[Article, ReadFailure]:
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadFailure(where, None, "no such file; check the path")
    except OSError as exc:
        return ReadFailure(where, None, f"cannot read: {exc.strerror or exc}")
    try:
        text, meta = decode_bytes(data, encoding)
    except InputError as exc:
        return ReadFailure(where, None, str(exc))
    suffix = path.suffix.lower()
    fields: dict[str, object] = {}
    if suffix in (".md", ".markdown"):
        text, fields = _read_markdown(text, meta, where)
    elif suffix in (".html", ".htm"):
        text, fields = _read_html(text)
    else:
        text = text.lstrip("\ufeff")
    if not text.strip():
        return ReadFailure(where, None, "empty article (no text after decoding"
                                        + (" and stripping markup)" if fields else ")"))
    published: Optional[date] = None
    source: Optional[str] = None
    outlet = _clean_str(fields.get("outlet") or fields.get("source") or fields.get("publisher"))
    title = _clean_str(fields.get("title") or fields.get("headline"))
    art_id = _clean_str(fields.get("id")) or path.stem
    if manifest_row is not None:
        meta.extend(manifest_row.notes)
        outlet = manifest_row.outlet or outlet
        title = manifest_row.title or title
        art_id = manifest_row.id or art_id
        if manifest_row.published is not None:
            published, source = manifest_row.published, "manifest"
        elif manifest_row.raw_date:
            meta.append(("date_warning", f"{manifest_row.manifest}:{manifest_row.line}: "
                                         f"{date_problem(manifest_row.raw_date)}"))
    if published is None:
        raw = fields.get("date") or fields.get("published") or fields.get("pubdate")
        published, source = _date_field(raw, "metadata", meta, where)
    return _make_article(id=art_id, text=text, path=where, title=title, published=published,
                         published_source=source, outlet=outlet, meta=meta)


# --------------------------------------------------------------------------- corpora

def _resolve_columns(header: list[str], columns: Optional[dict[str, str]], where: str) -> dict[str, int]:
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


def _row_article(get: dict[str, Optional[str]], stem: str, row: int, where: str
                 ) -> Union[Article, ReadFailure]:
    text = get.get("text") or ""
    line_where = f"{where}:{row}"
    if not text.strip():
        return ReadFailure(where, row, "empty article text")
    meta: list[tuple[str, str]] = []
    published, source = _date_field(get.get("date"), "column", meta, line_where)
    art_id = _clean_str(get.get("id")) or f"{stem}:{row}"
    return _make_article(id=art_id, text=text, path=where, title=_clean_str(get.get("title")),
                         published=published, published_source=source,
                         outlet=_clean_str(get.get("outlet")), meta=meta, guess_title=False)


def _open_text(path: Path, encoding: Optional[str]) -> tuple[IO[str], list[tuple[str, str]]]:
    if encoding:
        with open(path, "rb") as fh:
            sample = fh.read(4 * _SNIFF_BYTES)
        note = _utf8_beats(sample, encoding, None, path)
        if note is not None:
            return open(path, encoding="utf-8-sig", newline=""), [("encoding", "utf-8"), ("warning", note)]
        try:
            _check_not_garbage(sample.decode(encoding, errors="ignore"), encoding)
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from None
        return open(path, encoding=encoding, errors="strict", newline=""), [("encoding", encoding)]
    enc, notes = detect_file_encoding(path)
    return open(path, encoding=enc, newline=""), notes


def _read_csv(path: Path, columns: Optional[dict[str, str]], encoding: Optional[str]
              ) -> Iterator[Union[Article, ReadFailure]]:
    where = str(path)
    try:
        fh, notes = _open_text(path, encoding)
    except InputError as exc:
        yield ReadFailure(where, None, str(exc))
        return
    with fh:
        try:
            reader = csv.reader(fh, delimiter=_sniff_delimiter(fh))
            header = next(reader, None)
            if header is None:
                yield ReadFailure(where, None, "empty CSV (no header)")
                return
            if _is_manifest_header(header):
                return  # a manifest is handled with its folder
            cols = _resolve_columns(header, columns, where)
        except (csv.Error, UnicodeDecodeError, InputError) as exc:
            yield ReadFailure(where, 1, str(exc).replace(f"{where}: ", ""))
            return
        prev = reader.line_num
        seen: set[str] = set()
        while True:
            line = prev + 1
            try:
                rec = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                prev = reader.line_num
                yield ReadFailure(where, line, f"malformed CSV row: {exc}")
                continue
            except UnicodeDecodeError as exc:
                yield ReadFailure(where, line, f"cannot decode as {encoding!r}: {exc}; "
                                               "omit the encoding to auto-detect")
                return
            prev = reader.line_num
            if not rec or not any(c.strip() for c in rec):
                continue
            if len(rec) != len(header):
                last = reader.line_num
                why = (f"; the row runs over lines {line}-{last} (an unterminated quote swallows the lines "
                       "after it?)") if last > line else " (an unquoted comma or a stray quote?)"
                yield ReadFailure(where, line, f"malformed CSV row: {len(rec)} fields, header has {len(header)}"
                                               + why)
                continue
            if any("\x00" in c for c in rec):
                yield ReadFailure(where, line, "NUL byte in the row (a corrupt or binary fragment); "
                                               "remove it from the file - the other rows are read")
                continue
            item = _row_article({k: rec[i] for k, i in cols.items()}, path.stem, line, where)
            if notes and isinstance(item, Article):
                item = _with_meta(item, notes)
            yield _dedupe(item, seen, line)


def _sniff_delimiter(fh: IO[str]) -> str:
    """"," unless the first line has no comma but ';', tab or '|' (then that one);
    the file is rewound."""
    first = fh.readline(65536)
    fh.seek(0)
    if "," in first:
        return ","
    counts = {d: first.count(d) for d in ";\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _dedupe(item: Union[Article, ReadFailure], seen: set[str], line: int) -> Union[Article, ReadFailure]:
    """Keep ids unique within one corpus: a repeated id becomes "<id>#<line>" (with a warning)."""
    if not isinstance(item, Article):
        return item
    if item.id in seen:
        from dataclasses import replace

        new_id = f"{item.id}#{line}"
        item = replace(item, id=new_id, meta=item.meta + (
            ("warning", f"duplicate id {item.id!r} at line {line}; renamed {new_id!r}"),))
    seen.add(item.id)
    return item


def _with_meta(art: Article, notes: list[tuple[str, str]]) -> Article:
    from dataclasses import replace

    return replace(art, meta=tuple(notes) + art.meta)


def _json_fields(obj: dict[str, object], columns: Optional[dict[str, str]]) -> dict[str, Optional[str]]:
    low = {str(k).strip().lower(): v for k, v in obj.items()}
    out: dict[str, Optional[str]] = {}
    for field, names in FIELD_NAMES.items():
        keys = (columns[field].strip().lower(),) if columns and columns.get(field) else names
        for k in keys:
            if k in low and low[k] is not None:
                out[field] = str(low[k])
                break
    return out


def _read_jsonl(path: Path, columns: Optional[dict[str, str]], encoding: Optional[str]
                ) -> Iterator[Union[Article, ReadFailure]]:
    where = str(path)
    try:
        fh, notes = _open_text(path, encoding)
    except InputError as exc:
        yield ReadFailure(where, None, str(exc))
        return
    with fh:
        seen: set[str] = set()
        try:
            for n, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                if "\x00" in raw:
                    yield ReadFailure(where, n, "NUL byte in the line (a corrupt or binary fragment); "
                                                "remove it from the file - the other lines are read")
                    continue
                try:
                    obj = json.loads(raw)
                except json.JSONDecodeError as exc:
                    yield ReadFailure(where, n, f"malformed JSON line: {exc.msg} at column {exc.colno}")
                    continue
                except RecursionError:
                    yield ReadFailure(where, n, _TOO_DEEP)
                    continue
                if not isinstance(obj, dict):
                    yield ReadFailure(where, n, f"expected a JSON object per line, got {type(obj).__name__}")
                    continue
                item = _row_article(_json_fields(obj, columns), path.stem, n, where)
                if notes and isinstance(item, Article):
                    item = _with_meta(item, notes)
                yield _dedupe(item, seen, n)
        except UnicodeDecodeError as exc:
            yield ReadFailure(where, None, f"cannot decode as {encoding!r}: {exc}; omit the encoding to auto-detect")


_TOO_DEEP = "JSON nested too deeply to read (thousands of levels); articles are flat objects"


def _read_json(path: Path, columns: Optional[dict[str, str]], encoding: Optional[str]
               ) -> Iterator[Union[Article, ReadFailure]]:
    where = str(path)
    try:
        text, _ = decode_bytes(path.read_bytes(), encoding)
        data = json.loads(text)
    except (OSError, InputError) as exc:
        yield ReadFailure(where, None, str(exc))
        return
    except json.JSONDecodeError as exc:
        yield ReadFailure(where, exc.lineno, f"malformed JSON: {exc.msg}")
        return
    except RecursionError:
        yield ReadFailure(where, None, _TOO_DEEP)
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    seen: set[str] = set()
    for n, obj in enumerate(items, start=1):
        if not isinstance(obj, dict):
            yield ReadFailure(where, None, f"item {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield _dedupe(_row_article(_json_fields(obj, columns), path.stem, n, where), seen, n)


# --------------------------------------------------------------------------- entry points

def _read_path(path: Path, columns: Optional[dict[str, str]], encoding: Optional[str],
               manifests: dict[Path, tuple[dict[str, _ManifestRow], list[ReadFailure]]]
               ) -> Iterator[Union[Article, ReadFailure]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if _file_is_manifest(path):
            rows, fails = _manifest_for(path.parent, manifests) if path.name == MANIFEST_NAME \
                else _read_manifest(path)
            yield from fails
            for name in sorted(rows):
                target = path.parent / name
                if not target.exists():
                    yield ReadFailure(str(path), rows[name].line, f"manifest lists {name!r} but there is no "
                                      f"such file in {str(path.parent)!r}; fix the row or add the file")
                    continue
                yield _read_document(target, rows[name], encoding)
            return
        yield from _read_csv(path, columns, encoding)
    elif suffix == ".jsonl":
        yield from _read_jsonl(path, columns, encoding)
    elif suffix == ".json":
        yield from _read_json(path, columns, encoding)
    else:
        rows, fails = _manifest_for(path.parent, manifests)
        yield _read_document(path, rows.get(path.name), encoding)


def _read_folder(folder: Path, columns: Optional[dict[str, str]], encoding: Optional[str],
                 manifests: dict[Path, tuple[dict[str, _ManifestRow], list[ReadFailure]]]
                 ) -> Iterator[Union[Article, ReadFailure]]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    rows, fails = _manifest_for(folder, manifests)
    yield from fails
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_symlink() and not p.exists():
            yield ReadFailure(str(p), None, f"broken symbolic link (to {str(p.readlink())!r}); fix or remove it")
    names = {p.name for p in files}
    for name in sorted(rows):
        if name not in names:
            yield ReadFailure(str(folder / MANIFEST_NAME), rows[name].line,
                              f"manifest lists {name!r} but there is no such file in {str(folder)!r}")
    if not files:
        yield ReadFailure(str(folder), None, "folder has no article files (" + " ".join(ARTICLE_SUFFIXES) + ")")
        return
    for p in files:
        if p.suffix.lower() == ".csv" and _file_is_manifest(p):
            continue  # the manifest is metadata, not a corpus
        if p.suffix.lower() in TEXT_SUFFIXES:
            yield _read_document(p, rows.get(p.name), encoding)
        else:
            yield from _read_path(p, columns, encoding, manifests)


def read_inputs(paths: Iterable[Union[str, Path]], *, columns: Optional[dict[str, str]] = None,
                encoding: Optional[str] = None) -> Iterator[Union[Article, ReadFailure]]:
    """Yield an Article or a ReadFailure for every article in ``paths``.

    ``paths``: folders, article files, manifests, CSV / JSONL / JSON corpora.
    ``columns`` maps logical fields (text, title, date, outlet, id) to corpus
    column / key names, overriding the name guessing. ``encoding`` forces a
    codec (strict) instead of detection. Streams: corpora are read row by row.

    >>> items = list(read_inputs(["/no/such/file.txt"]))
    >>> str(items[0])
    '/no/such/file.txt: no such file or folder; check the path'
    """
    check_encoding(encoding)
    seen: dict[str, str] = {}
    for item in _read_all(paths, columns, encoding):
        yield _unique_id(_safe_id(item), seen)


def _read_all(paths: Iterable[Union[str, Path]], columns: Optional[dict[str, str]],
              encoding: Optional[str]) -> Iterator[Union[Article, ReadFailure]]:
    manifests: dict[Path, tuple[dict[str, _ManifestRow], list[ReadFailure]]] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _read_folder(path, columns, encoding, manifests)
        elif not path.exists():
            yield ReadFailure(str(path), None, "no such file or folder; check the path")
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            yield ReadFailure(str(path), None, f"unsupported file type {path.suffix!r}; use one of "
                                               + " ".join(ARTICLE_SUFFIXES))
        else:
            yield from _read_path(path, columns, encoding, manifests)


#: characters an article id may not carry (ids end up in file names, URLs and HTML)
_UNSAFE_ID = re.compile(r"[\x00-\x1f\x7f/\\<>\"'`]|\.\.+|^[.\s-]+")
MAX_ID_CHARS = 200


def _safe_id(item: Union[Article, ReadFailure]) -> Union[Article, ReadFailure]:
    """An id that cannot traverse paths or carry markup: separators, '..', control
    characters, quotes and angle brackets become '_' (with a warning); at most
    :data:`MAX_ID_CHARS` characters.

    >>> _UNSAFE_ID.sub("_", "../../etc/passwd")
    '____etc_passwd'
    """
    if not isinstance(item, Article):
        return item
    new = _UNSAFE_ID.sub("_", item.id)[:MAX_ID_CHARS].strip() or "article"
    if new == item.id:
        return item
    return replace(item, id=new, meta=item.meta + (
        ("warning", f"id {item.id[:80]!r} is not safe in file names or pages; renamed {new!r}"),))


def _unique_id(item: Union[Article, ReadFailure], seen: dict[str, str]) -> Union[Article, ReadFailure]:
    """Ids unique across all inputs: a repeat becomes "<id>#2", "#3"... with a warning
    naming the file that had it first (never silently replaced)."""
    if not isinstance(item, Article):
        return item
    where = item.path or "?"
    if item.id in seen:
        n = 2
        while f"{item.id}#{n}" in seen:
            n += 1
        new_id = f"{item.id}#{n}"
        item = replace(item, id=new_id, meta=item.meta + (
            ("warning", f"duplicate id {item.id!r} (first in {seen[item.id]!r}); renamed {new_id!r}"),))
    seen[item.id] = where
    return item


def read_single(path: Union[str, Path], *, encoding: Optional[str] = None) -> Union[Article, ReadFailure]:
    """The first Article (or failure) of one input; a sibling manifest applies.

    >>> str(read_single("/no/such.txt"))
    '/no/such.txt: no such file or folder; check the path'
    """
    for item in read_inputs([path], encoding=encoding):
        return item
    return ReadFailure(str(path), None, "no article in this input")
