"""Markdown articles: a leading YAML front matter is metadata, the body is the text.

``Article.text`` is the body after the front matter, so offsets index into
it; the front matter's keys (lower-cased) give title, date, outlet, id. A
front matter that is not valid YAML is ignored with a warning.

Publication date (:func:`front_matter_date`): the first of the keys
:data:`PUBLICATION_KEYS` (``pubDate``, ``published``, ``publishDate``,
``datePublished``, ..., then ``date``) whose value is one date. A list value
(``date: [28 September – 16 October 2016]``) is an event period, not a
publication day. A date that is only the date of a *copy* (every year the
text names lies two or more years before it and the text counts no days from
it: :func:`mapper.extract.dates.published.copy_date_problem`) is not used: the
article is undated, with a ``date_warning`` saying why.

    >>> body, fields = read_markdown("---\\ntitle: A\\n---\\nText.", [], "a.md")
    >>> body, fields["title"]
    ('Text.', 'A')
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from mapper.extract.dates.published import copy_date_problem, parse_date_value

__all__ = ["read_markdown", "front_matter_date", "PUBLICATION_KEYS"]

#: front-matter keys (lower-cased) that may hold the publication date, most specific first
PUBLICATION_KEYS = ("pubdate", "published", "publishdate", "publish_date", "date_published", "datepublished",
                    "publication_date", "published_at", "publishedat", "date", "datetime")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def read_markdown(text: str, meta: list[tuple[str, str]], where: str) -> tuple[str, dict[str, object]]:
    """(body, front-matter fields with lower-cased keys); a YAML error is a warning in ``meta``."""
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


def front_matter_date(body: str, fields: dict[str, object], meta: list[tuple[str, str]], where: str
                      ) -> tuple[Optional[date], Optional[str]]:
    """(publication date, "metadata") from front-matter ``fields`` (see module
    docstring), else (None, None) with a ``("date_warning", ...)`` note in
    ``meta`` when a date key was there but unusable.

    >>> front_matter_date("Rebels took Dabiq on Tuesday.", {"pubdate": "2016-10-20 10:00"}, [], "a.md")
    (datetime.date(2016, 10, 20), 'metadata')
    >>> notes = []
    >>> front_matter_date("On 16 October 2016 rebels took Dabiq.", {"pubdate": "2023-08-26"}, notes, "a.md")
    (None, None)
    >>> notes[0][0]
    'date_warning'
    """
    from mapper.read.base import date_problem

    unusable: list[str] = []
    for key in PUBLICATION_KEYS:
        value = fields.get(key)
        if value is None or not str(value).strip():
            continue
        if isinstance(value, (list, tuple, dict)):
            unusable.append(f"front matter {key}: {value!r} is a list (an event period?), not a publication date")
            continue
        d = parse_date_value(value)
        if d is None:
            unusable.append(f"front matter {key}: {date_problem(value)}")
            continue
        context = " ".join(str(v) for k, v in fields.items() if k != key)
        why = copy_date_problem(body, d, context)
        if why is not None:
            meta.append(("date_warning", f"{where}: front matter {key}: {why}"))
            return None, None
        return d, "metadata"
    meta.extend(("date_warning", f"{where}: {u}") for u in unusable[:1])
    return None, None
