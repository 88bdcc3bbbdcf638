"""The seeds' ``articles.csv`` manifest: outlet, publication date, title, id of the text files beside it.

A CSV whose header has a ``file`` column and no text column is a manifest
(columns file, outlet, published, optional title / id); it is metadata for
the files of its own folder, never a corpus. A row naming a file outside the
folder (``..``, an absolute path) is refused with the manifest's line; a file
listed twice keeps its first row (the repeat is a warning on it).

    >>> is_manifest_header(["file", "outlet", "published"])
    True
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Optional

from mapper.errors import InputError
from mapper.extract.dates.published import parse_date_value
from mapper.read.base import FIELD_NAMES, MANIFEST_NAME, ReadFailure, clean_str
from mapper.read.encoding import detect_file_encoding

__all__ = ["ManifestRow", "Manifests", "is_manifest_header", "read_manifest", "manifest_for", "file_is_manifest"]


@dataclass(frozen=True)
class ManifestRow:
    """One manifest row: what it says about the file it names."""

    outlet: Optional[str]
    published: Optional[date]
    title: Optional[str]
    id: Optional[str]
    raw_date: str
    line: int
    manifest: str = MANIFEST_NAME      # the manifest's file name (for messages)
    notes: tuple[tuple[str, str], ...] = ()   # warnings about this row (duplicates)


#: folder -> its manifest (rows, failures), each read once per batch
Manifests = dict[Path, tuple[dict[str, ManifestRow], list[ReadFailure]]]


def is_manifest_header(header: list[str]) -> bool:
    """A ``file`` column and no text column."""
    low = {h.strip().lower() for h in header}
    return "file" in low and not (low & set(FIELD_NAMES["text"]))


def read_manifest(path: Path) -> tuple[dict[str, ManifestRow], list[ReadFailure]]:
    """(file name -> row, failures of bad rows) of the manifest at ``path``."""
    rows: dict[str, ManifestRow] = {}
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
                rows[name] = ManifestRow(
                    clean_str(get("outlet", "source", "publisher")), parse_date_value(raw) if raw else None,
                    clean_str(get("title")), clean_str(get("id")), raw, line, path.name)
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


def manifest_for(folder: Path, cache: Manifests) -> tuple[dict[str, ManifestRow], list[ReadFailure]]:
    """The manifest of ``folder`` (empty when it has none), read once per ``cache``."""
    if folder not in cache:
        mpath = folder / MANIFEST_NAME
        cache[folder] = read_manifest(mpath) if mpath.is_file() and file_is_manifest(mpath) else ({}, [])
    return cache[folder]


def file_is_manifest(path: Path) -> bool:
    """The first line of the CSV at ``path`` is a manifest header."""
    try:
        with open(path, "rb") as fh:
            first = fh.readline(65536).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return is_manifest_header(next(csv.reader([first]), []))
