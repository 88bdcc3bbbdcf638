"""Small helpers shared by the page modules: value cleaning, escaping, page
dates, and the HTML shell every page uses.

Escaping rule of the pages: every string that comes from an input (quotes,
actors, place names, outlets, article ids, manifest fields) is HTML-escaped in
Python before it is put into a page or into the shared data file; JSON placed
in a page or in ``data/site.js`` is made script-safe (:func:`js_safe`); the
browser code only ever inserts the pre-escaped ``popup``, ``tip`` and ``label``
fields and sets everything else as text.

>>> esc('<b onclick="x">')
'&lt;b onclick=&quot;x&quot;&gt;'
>>> js_safe('{"a": "</script>"}')
'{"a": "\\\\u003c/script\\\\u003e"}'
"""
from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path
from typing import Any, Optional

#: Leaflet and Leaflet.TextPath, as CDN URLs (mapped to npm files by mapper.publish.assets)
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
TEXTPATH_JS = "https://cdn.jsdelivr.net/npm/leaflet-textpath@1.2.3/leaflet.textpath.min.js"
#: the shared data file (one per build) and the page code, relative to the output folder
SITE_JS = "data/site.js"
RUNTIME_JS = "lib/frontline.js"
RUNTIME_CSS = "lib/frontline.css"
UNDATED = "undated"


def val(v: Any) -> Optional[str]:
    """A present value as str, else None (None, NaN, empty)."""
    if v is None:
        return None
    try:
        if v != v:  # NaN
            return None
    except (TypeError, ValueError):
        pass
    s = str(v)
    return s if s else None


def esc(v: Any) -> str:
    """HTML-escaped text of a value ("" for a missing one)."""
    s = val(v)
    return escape(s, quote=True) if s is not None else ""


def fmt_num(v: Any, unit: str = "") -> Optional[str]:
    """'4.0' -> '4' + unit; text that is not a number is returned as is."""
    s = val(v)
    if s is None:
        return None
    try:
        f = float(s)
    except ValueError:
        return s
    return f"{f:g}{unit}"


def js_safe(text: str) -> str:
    """JSON text safe inside <script> and a .js file: < > & ' and the JS line
    separators as \\u escapes."""
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def to_json(obj: Any) -> str:
    """Deterministic, compact, script-safe JSON (keys sorted)."""
    return js_safe(json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                              allow_nan=False))


def effective_day(p: dict[str, Any]) -> Optional[str]:
    """The day an event belongs to on the timeline: its exact date, else its
    publication date when it has a date range."""
    return val(p.get("date")) or (val(p.get("published")) if val(p.get("date_start")) else None)


def is_undated(p: dict[str, Any]) -> bool:
    """True when an event has no page date: no exact day, and not both a date
    range and a publication date."""
    return effective_day(p) is None


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) through a temporary file and an atomic rename."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def shell(*, title: str, root: str, body: str, boot: str, spec: Any, page_class: str,
          uses_site: bool = True, textpath: bool = False) -> str:
    """A complete page: Leaflet from its CDN URL (rewritten by --offline-assets),
    the shared ``data/site.js`` and ``lib/frontline.js`` (``root`` = "" or
    "../"), the page's own ``spec`` as script-safe JSON, and ``boot`` (one
    call into the page code, a constant string)."""
    scripts = [LEAFLET_JS] + ([TEXTPATH_JS] if textpath else [])
    tags = "".join(f'<script src="{u}"></script>' for u in scripts)
    site = f'<script src="{root}{SITE_JS}"></script>' if uses_site else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} — frontline</title>"
            f'<link rel="stylesheet" href="{LEAFLET_CSS}"/>'
            f'<link rel="stylesheet" href="{root}{RUNTIME_CSS}"/>'
            f"{tags}{site}"
            f'<script src="{root}{RUNTIME_JS}"></script>'
            f'</head><body class="{page_class}">{body}'
            f'<script type="application/json" id="fl-spec">{to_json(spec)}</script>'
            f"<script>{boot}</script></body></html>\n")
