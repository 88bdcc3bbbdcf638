"""One article per file: plain text, Markdown (front matter) or HTML.

The file is decoded by the encoding policy (:func:`mapper.read.encoding.decode_bytes`);
a manifest row beside it (:mod:`mapper.read.manifest`) overrides outlet,
title, id and publication date; else the file's own metadata date (Markdown:
:func:`mapper.read.front_matter.front_matter_date`; HTML: its meta tags), else
a dateline of the text (:func:`mapper.read.base.make_article`).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional, Union

from mapper.errors import InputError
from mapper.model import Article
from mapper.read.base import ReadFailure, clean_str, date_field, date_problem, make_article
from mapper.read.encoding import decode_bytes
from mapper.read.html_page import read_html
from mapper.read.manifest import ManifestRow
from mapper.read.front_matter import front_matter_date, read_markdown

__all__ = ["read_document"]


def read_document(path: Path, manifest_row: Optional[ManifestRow], encoding: Optional[str]
                   ) -> Union[Article, ReadFailure]:
    """The Article (or failure) of the text / Markdown / HTML file ``path``."""
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
        text, fields = read_markdown(text, meta, where)
    elif suffix in (".html", ".htm"):
        text, fields = read_html(text)
    else:
        text = text.lstrip("\ufeff")
    if not text.strip():
        return ReadFailure(where, None, "empty article (no text after decoding"
                                        + (" and stripping markup)" if fields else ")"))
    published: Optional[date] = None
    source: Optional[str] = None
    outlet = clean_str(fields.get("outlet") or fields.get("source") or fields.get("publisher"))
    title = clean_str(fields.get("title") or fields.get("headline"))
    art_id = clean_str(fields.get("id")) or path.stem
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
    if published is None and suffix in (".md", ".markdown"):
        published, source = front_matter_date(text, fields, meta, where)
    elif published is None:
        raw = fields.get("date") or fields.get("published") or fields.get("pubdate")
        published, source = date_field(raw, "metadata", meta, where)
    return make_article(id=art_id, text=text, path=where, title=title, published=published,
                         published_source=source, outlet=outlet, meta=meta)
