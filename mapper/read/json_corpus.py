"""JSON corpora: a list of article objects, ``{"articles": [...]}``, or one object.

The whole file is decoded by the encoding policy and parsed at once; an item
that is not an object is one failure naming its position.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.json"
    >>> _ = p.write_text('{"articles": [{"id": "a", "text": "Rebels took Idlib."}]}', encoding="utf-8")
    >>> [a.id for a in read_json(p, None, None)]
    ['a']
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Optional

from mapper.errors import InputError
from mapper.read.base import Item, ReadFailure, dedupe, json_fields, row_article
from mapper.read.encoding import decode_bytes
from mapper.read.jsonl_corpus import TOO_DEEP

__all__ = ["read_json"]


def read_json(path: Path, columns: Optional[dict[str, str]], encoding: Optional[str]) -> Iterator[Item]:
    """The articles (or failures) of the JSON file ``path``."""
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
        yield ReadFailure(where, None, TOO_DEEP)
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    seen: set[str] = set()
    for n, obj in enumerate(items, start=1):
        if not isinstance(obj, dict):
            yield ReadFailure(where, None, f"item {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield dedupe(row_article(json_fields(obj, columns), path.stem, n, where), seen, n)
