"""The shared base of the record readers (CSV, JSONL): one opener, one error policy.

A :class:`CorpusReader` subclass reads one article per record of a text
stream (:meth:`CorpusReader.records`); the base opens the file by the
encoding policy (:func:`mapper.read.encoding.open_text`), turns an unusable
file into one :class:`~mapper.read.base.ReadFailure`, a bad byte met while
reading into a failure naming the line, adds the file's encoding notes to
every article and keeps ids unique within the file (a repeat becomes
``<id>#<line>``). One bad record never stops the file.

    >>> from pathlib import Path
    >>> [str(f) for f in CorpusReader(Path("/no/such.csv"), None, None)]  # doctest: +ELLIPSIS
    ['/no/such.csv: ...']
"""
from __future__ import annotations

from pathlib import Path
from typing import IO, Iterator, Optional

from mapper.errors import InputError
from mapper.model import Article
from mapper.read.base import Item, ReadFailure, dedupe, with_meta
from mapper.read.encoding import open_text

__all__ = ["CorpusReader"]


class CorpusReader:
    """Articles of one corpus file, one per record; iterate to read (streams).

    ``columns`` maps logical fields (text, title, date, outlet, id) to the
    corpus's column / key names; ``encoding`` forces a codec (strict).
    """

    def __init__(self, path: Path, columns: Optional[dict[str, str]], encoding: Optional[str]) -> None:
        self.path = path
        self.where = str(path)
        self.columns = columns
        self.encoding = encoding
        #: the line being read (for a decoding error met while reading it)
        self.line: Optional[int] = None

    def records(self, fh: IO[str]) -> Iterator[tuple[Item, int]]:
        """(article or failure, line) per record of the open stream; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement records(fh)")

    def __iter__(self) -> Iterator[Item]:
        try:
            fh, notes = open_text(self.path, self.encoding)
        except (InputError, OSError) as exc:
            yield ReadFailure(self.where, None, str(exc) if isinstance(exc, InputError)
                              else f"cannot read: {exc.strerror or exc}")
            return
        with fh:
            seen: set[str] = set()
            try:
                for item, line in self.records(fh):
                    if notes and isinstance(item, Article):
                        item = with_meta(item, notes)
                    yield dedupe(item, seen, line)
            except UnicodeDecodeError as exc:
                yield ReadFailure(self.where, self.line, f"cannot decode as {self.encoding!r}: {exc}; "
                                                         "omit the encoding to auto-detect")
