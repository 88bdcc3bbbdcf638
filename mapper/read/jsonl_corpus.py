"""JSON Lines corpora: one JSON object per line, fields found by key name.

Blank lines are skipped; a line that is not a JSON object, a malformed line,
one nested too deeply or one carrying a NUL byte is one failure with its line.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
    >>> _ = p.write_text('{"id": "a", "text": "Rebels took Idlib."}\\n[1]\\n', encoding="utf-8")
    >>> [str(x) if isinstance(x, ReadFailure) else x.id for x in JsonlCorpus(p, None, None)]  # doctest: +ELLIPSIS
    ['a', '...c.jsonl:2: expected a JSON object per line, got list']
"""
from __future__ import annotations

import json
from typing import IO, Iterator

from mapper.read.base import Item, ReadFailure, json_fields, row_article
from mapper.read.corpus import CorpusReader

__all__ = ["JsonlCorpus", "TOO_DEEP"]

TOO_DEEP = "JSON nested too deeply to read (thousands of levels); articles are flat objects"


class JsonlCorpus(CorpusReader):
    """The articles of one JSONL corpus file (see module docstring)."""

    def records(self, fh: IO[str]) -> Iterator[tuple[Item, int]]:
        where = self.where
        self.line = 1
        for n, raw in enumerate(fh, start=1):
            self.line = n + 1          # a bad byte is met while reading the next line
            if not raw.strip():
                continue
            if "\x00" in raw:
                yield ReadFailure(where, n, "NUL byte in the line (a corrupt or binary fragment); "
                                            "remove it from the file - the other lines are read"), n
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield ReadFailure(where, n, f"malformed JSON line: {exc.msg} at column {exc.colno}"), n
                continue
            except RecursionError:
                yield ReadFailure(where, n, TOO_DEEP), n
                continue
            if not isinstance(obj, dict):
                yield ReadFailure(where, n, f"expected a JSON object per line, got {type(obj).__name__}"), n
                continue
            yield row_article(json_fields(obj, self.columns), self.path.stem, n, where), n
