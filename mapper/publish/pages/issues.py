"""``issues.html``: the unresolved mentions, the warnings of the build and the
event days flagged as outliers, as filterable tables (linked from the index),
so nothing the build could not use hides in report.json only.
"""
from __future__ import annotations

import json
from html import escape
from typing import Any, Iterable

from mapper.publish.pages.common import esc, shell, val


def _table(tid: str, head: list[str], rows: list[list[str]], attrs: list[str]) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(f"<tr{a}>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r, a in zip(rows, attrs))
    filt = (f'<form class="fl-filter" data-fl-filter="{tid}"><label>Find '
            '<input name="q" type="search" placeholder="article, word, reason…"></label>'
            '<span class="fl-count"></span></form>')
    return f'{filt}<table class="fl-tl" id="{tid}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def issues_page(unresolved: Iterable[dict[str, Any]], warnings: Iterable[dict[str, Any]],
                outliers: dict[str, str]) -> str:
    """The page (every value escaped)."""
    un = list(unresolved)
    wa = list(warnings)
    un_rows = [[esc(u.get("article")), esc(u.get("mention")), esc(u.get("char_start")), esc(u.get("reason"))]
               for u in un]
    wa_rows = []
    for w in wa:
        msg = val(w.get("message"))
        if msg is None:
            rest = {k: v for k, v in w.items() if k not in ("kind", "article")}
            msg = json.dumps(rest, sort_keys=True, ensure_ascii=False, default=str)
        wa_rows.append([esc(w.get("kind")), esc(w.get("article")), esc(msg)])
    out_rows = [[f'<a href="maps/{escape(d)}.html">{escape(d)}</a>', escape(r)] for d, r in sorted(outliers.items())]
    body = ('<div class="fl-wrap"><h1>frontline — unresolved mentions and warnings</h1>'
            f'<div class="fl-sum"><a href="index.html">← timeline</a> · {len(un)} unresolved mentions · '
            f"{len(wa)} warnings · {len(outliers)} outlier day(s). The same lists are in report.json.</div>"
            f"<h2>Unresolved mentions ({len(un)})</h2>"
            + _table("fl-unresolved", ["Article", "Mention", "Char", "Reason"], un_rows, [""] * len(un_rows))
            + f"<h2>Warnings ({len(wa)})</h2>"
            + _table("fl-warnings", ["Kind", "Article", "Message"], wa_rows, [""] * len(wa_rows))
            + f"<h2>Event days far outside the publication range ({len(outliers)})</h2>"
            + _table("fl-outliers", ["Day", "Why"], out_rows, [""] * len(out_rows))
            + "</div>")
    return shell(title="unresolved mentions and warnings", root="", body=body, boot="FL.filterTable();",
                 spec={}, page_class="fl-index", uses_site=False)
