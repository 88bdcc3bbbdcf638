"""HTML articles: the text of the page's blocks, title and date from its meta tags.

BeautifulSoup with scripts, styles, nav, header, footer, aside, forms,
figures and hidden elements removed; the text is the leaf blocks (p, h1-h6,
li, blockquote, td, ...) of ``<article>`` / ``<main>`` / ``<body>`` joined by
blank lines. Title from ``<h1>`` / ``og:title`` / ``<title>``; date from
``article:published_time`` / ``itemprop=datePublished`` / ``<meta name=date>``
/ ``<time datetime>``; outlet from ``og:site_name``.

    >>> read_html("<html><body><h1>T</h1><p>Rebels took Idlib.</p></body></html>")[0]
    'T\\n\\nRebels took Idlib.'
"""
from __future__ import annotations

from typing import Optional

__all__ = ["read_html"]

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "button", "template", "select", "input", "figure")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt",
               "figcaption", "address")


def read_html(text: str) -> tuple[str, dict[str, object]]:
    """(text, fields: date, outlet, title) of an HTML page."""
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
