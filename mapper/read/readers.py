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
(``"column"``; the text's own dateline wins when it names another day),
front matter / HTML meta (``"metadata"``; a front-matter date that is only the
date of a copy of an old narrative is not used), else a dateline in the text
(``"dateline"``, :func:`mapper.read.stamp.find_stamp`), else None. An
unparseable or unused date value is kept in ``meta`` as ``("date_warning", ...)``
and the dateline is tried. Rules: docs/TIME.md.

Failures never stop the batch: a missing file, an undecodable or empty file,
an empty row, a malformed CSV row (wrong number of fields, csv error) or a bad
JSON line each yield one :class:`ReadFailure` (file and line) and reading goes
on.

Modules (one reader per format behind a small shared base; every public name
is importable from here):

* :mod:`mapper.read.base` - ReadFailure, field names, Article assembly, dates, ids;
* :mod:`mapper.read.encoding` - encoding policy, :func:`decode_bytes`, the one opener;
* :mod:`mapper.read.manifest` - the ``articles.csv`` manifest;
* :mod:`mapper.read.document` - text / Markdown (:mod:`mapper.read.front_matter`) /
  HTML (:mod:`mapper.read.html_page`) files;
* :mod:`mapper.read.corpus` - the base of the record readers:
  :mod:`mapper.read.csv_corpus`, :mod:`mapper.read.jsonl_corpus`; and
  :mod:`mapper.read.json_corpus`;
* this module - :func:`read_inputs`, :func:`read_single`: paths, folders, unique safe ids.

Example::

    >>> arts = [a for a in read_inputs(["seeds"]) if isinstance(a, Article)]  # doctest: +SKIP
    >>> arts[0].id, arts[0].outlet, arts[0].published  # doctest: +SKIP
    ('000_fdeebda4cc27a467', 'Syria Direct', datetime.date(2015, 11, 24))
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from mapper.model import Article
from mapper.read.base import (ARTICLE_SUFFIXES, FIELD_NAMES, MANIFEST_NAME, TEXT_SUFFIXES, ReadFailure,
                              date_problem)
from mapper.read.csv_corpus import CsvCorpus
from mapper.read.document import read_document
from mapper.read.encoding import check_encoding, decode_bytes, detect_file_encoding
from mapper.read.json_corpus import read_json
from mapper.read.jsonl_corpus import JsonlCorpus
from mapper.read.manifest import Manifests, file_is_manifest, manifest_for, read_manifest

__all__ = ["ReadFailure", "read_inputs", "read_single", "decode_bytes", "date_problem", "check_encoding",
           "detect_file_encoding", "ARTICLE_SUFFIXES", "TEXT_SUFFIXES", "FIELD_NAMES", "MANIFEST_NAME"]


def _read_path(path: Path, columns: Optional[dict[str, str]], encoding: Optional[str],
               manifests: Manifests) -> Iterator[Union[Article, ReadFailure]]:
    """The items of one file: a manifest's listed files, a corpus's records, or one document."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if file_is_manifest(path):
            rows, fails = manifest_for(path.parent, manifests) if path.name == MANIFEST_NAME \
                else read_manifest(path)
            yield from fails
            for name in sorted(rows):
                target = path.parent / name
                if not target.exists():
                    yield ReadFailure(str(path), rows[name].line, f"manifest lists {name!r} but there is no "
                                      f"such file in {str(path.parent)!r}; fix the row or add the file")
                    continue
                yield read_document(target, rows[name], encoding)
            return
        yield from CsvCorpus(path, columns, encoding)
    elif suffix == ".jsonl":
        yield from JsonlCorpus(path, columns, encoding)
    elif suffix == ".json":
        yield from read_json(path, columns, encoding)
    else:
        rows, fails = manifest_for(path.parent, manifests)
        yield read_document(path, rows.get(path.name), encoding)


def _read_folder(folder: Path, columns: Optional[dict[str, str]], encoding: Optional[str],
                 manifests: Manifests) -> Iterator[Union[Article, ReadFailure]]:
    """The items of every article file in ``folder`` (not recursive; its manifest is metadata)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    rows, fails = manifest_for(folder, manifests)
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
        if p.suffix.lower() == ".csv" and file_is_manifest(p):
            continue  # the manifest is metadata, not a corpus
        if p.suffix.lower() in TEXT_SUFFIXES:
            yield read_document(p, rows.get(p.name), encoding)
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
    manifests: Manifests = {}
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
