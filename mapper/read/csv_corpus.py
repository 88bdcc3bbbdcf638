"""CSV corpora: one article per row (the FA-KES shape), fields found by column name.

The delimiter is "," unless the first line has none but ";", tab or "|". A
header with a ``file`` column and no text column is a manifest
(:mod:`mapper.read.manifest`), not a corpus: nothing is read here. Each bad
row is one failure with its line: wrong number of fields (with a hint when an
unterminated quote swallowed the lines after it), a csv error, a NUL byte.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("id,text,date\\n7,Rebels took Idlib.,3/28/15\\n", encoding="utf-8")
    >>> [(a.id, a.published) for a in CsvCorpus(p, None, None)]
    [('7', datetime.date(2015, 3, 28))]
"""
from __future__ import annotations

import csv
import sys
from typing import IO, Iterator, Optional

from mapper.errors import InputError
from mapper.read.base import Item, ReadFailure, resolve_columns, row_article
from mapper.read.corpus import CorpusReader
from mapper.read.manifest import is_manifest_header

__all__ = ["CsvCorpus"]

try:
    csv.field_size_limit(sys.maxsize)
except OverflowError:  # pragma: no cover - 32-bit platforms
    csv.field_size_limit(2**31 - 1)


class CsvCorpus(CorpusReader):
    """The articles of one CSV corpus file (see module docstring)."""

    def records(self, fh: IO[str]) -> Iterator[tuple[Item, int]]:
        where = self.where
        try:
            reader = csv.reader(fh, delimiter=_sniff_delimiter(fh))
            header = next(reader, None)
            if header is None:
                yield ReadFailure(where, None, "empty CSV (no header)"), 0
                return
            if is_manifest_header(header):
                return  # a manifest is handled with its folder
            cols = resolve_columns(header, self.columns, where)
        except (csv.Error, UnicodeDecodeError, InputError) as exc:
            yield ReadFailure(where, 1, str(exc).replace(f"{where}: ", "")), 1
            return
        prev = reader.line_num
        while True:
            line = self.line = prev + 1
            try:
                rec = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                prev = reader.line_num
                yield ReadFailure(where, line, f"malformed CSV row: {exc}"), line
                continue
            prev = reader.line_num
            if not rec or not any(c.strip() for c in rec):
                continue
            problem = _row_problem(rec, len(header), line, reader.line_num)
            if problem is not None:
                yield ReadFailure(where, line, problem), line
                continue
            yield row_article({k: rec[i] for k, i in cols.items()}, self.path.stem, line, where), line


def _row_problem(rec: list[str], width: int, line: int, last: int) -> Optional[str]:
    """Why a row (read over lines ``line``..``last``) is not an article, or None."""
    if len(rec) != width:
        why = (f"; the row runs over lines {line}-{last} (an unterminated quote swallows the lines "
               "after it?)") if last > line else " (an unquoted comma or a stray quote?)"
        return f"malformed CSV row: {len(rec)} fields, header has {width}" + why
    if any("\x00" in c for c in rec):
        return "NUL byte in the row (a corrupt or binary fragment); remove it from the file - the other rows are read"
    return None


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
