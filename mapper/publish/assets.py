"""Offline web assets: the CDN files folium pages load, mapped to npm package files.

The pages (and folium maps, e.g. the notebook's) emit ``<script src>``/``<link href>`` tags pointing at CDNs
(jsdelivr, cdnjs, code.jquery.com, netdna). Without internet the pages stay
blank. This module knows, for every CDN URL the frontline pages use, which
file of which npm package (a ``node_modules``-like folder: see
tests/assets/package.json) holds the same code, so that

- ``frontline build --offline-assets DIR`` copies them to ``OUT/assets/`` and
  rewrites the pages to load ``assets/...`` relatively (:func:`localise_html`);
- the browser tests serve them from tests/assets/node_modules when Chromium
  asks for the CDN URL (:func:`local_path_for_url`).

Two folium defaults have no npm package (the glyphicons CSS of bootstrap
3.0.0-RC and folium's leaflet.awesome.rotate CSS); the pages do not use them,
so offline pages drop those tags and the test mirror answers them with an
empty stylesheet.

>>> local_path_for_url("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
'leaflet/dist/leaflet.js'
>>> local_path_for_url("https://example.org/nothing.js") is None
True
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Optional

from mapper.errors import ExportError

#: CDN URL -> path inside a node_modules folder ("" = not needed, serve/keep nothing)
CDN_FILES: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/dist/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/dist/leaflet.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js": "jquery/dist/jquery.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js":
        "bootstrap/dist/js/bootstrap.bundle.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js":
        "leaflet.awesome-markers/dist/leaflet.awesome-markers.js",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css":
        "leaflet.awesome-markers/dist/leaflet.awesome-markers.css",
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css":
        "@fortawesome/fontawesome-free/css/all.min.css",
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": "",
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": "",
    # plugins used by mapper.publish.pages (jsdelivr minifies on the fly; npm ships these already small)
    "https://cdn.jsdelivr.net/npm/leaflet-textpath@1.2.3/leaflet.textpath.min.js": "leaflet-textpath/leaflet.textpath.js",
    "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.min.js":
        "leaflet.timeline/dist/leaflet.timeline.js",
    "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/moment.min.js": "moment/min/moment.min.js",
}

#: files that the CSS above loads by relative URL (images, web fonts): copied along
SIDE_FILES: tuple[str, ...] = (
    "leaflet/dist/images/layers.png", "leaflet/dist/images/layers-2x.png",
    "leaflet/dist/images/marker-icon.png", "leaflet/dist/images/marker-icon-2x.png",
    "leaflet/dist/images/marker-shadow.png",
    "leaflet.awesome-markers/dist/images/markers-soft.png",
    "leaflet.awesome-markers/dist/images/markers-soft@2x.png",
    "leaflet.awesome-markers/dist/images/markers-shadow.png",
    "leaflet.awesome-markers/dist/images/markers-shadow@2x.png",
    "@fortawesome/fontawesome-free/webfonts/fa-solid-900.woff2",
    "@fortawesome/fontawesome-free/webfonts/fa-solid-900.ttf",
    "@fortawesome/fontawesome-free/webfonts/fa-regular-400.woff2",
    "@fortawesome/fontawesome-free/webfonts/fa-regular-400.ttf",
    "@fortawesome/fontawesome-free/webfonts/fa-brands-400.woff2",
    "@fortawesome/fontawesome-free/webfonts/fa-brands-400.ttf",
    "@fortawesome/fontawesome-free/webfonts/fa-v4compatibility.woff2",
    "@fortawesome/fontawesome-free/webfonts/fa-v4compatibility.ttf",
)

_TILE_RE = re.compile(r"tile\.openstreetmap\.org|/\d+/\d+/\d+(@2x)?\.(png|jpg|jpeg|pbf|webp)(\?|$)")
_TAG_RE = re.compile(r'<(script|link)\b[^>]*?(?:src|href)="(https?://[^"]+)"[^>]*>(?:\s*</script>)?')


def local_path_for_url(url: str) -> Optional[str]:
    """The node_modules-relative file for a CDN ``url``; "" when the page needs
    nothing there; None when unknown. Image / font URLs that CSS resolves
    relative to a mapped file are mapped too.
    """
    url = url.split("#")[0]
    bare = url.split("?")[0]
    if bare in CDN_FILES:
        return CDN_FILES[bare]
    for cdn, rel in CDN_FILES.items():
        if not rel:
            continue
        base, local_base = cdn.rsplit("/", 1)[0] + "/", rel.rsplit("/", 1)[0] + "/"
        root_base, local_root = base.rsplit("/", 2)[0] + "/", local_base.rsplit("/", 2)[0] + "/"
        for b, lb in ((base, local_base), (root_base, local_root)):
            if bare.startswith(b):
                cand = lb + bare[len(b):]
                if cand in SIDE_FILES:
                    return cand
    return None


def is_tile_url(url: str) -> bool:
    """True for a map tile request (served by nobody offline)."""
    return bool(_TILE_RE.search(url))


def find_node_modules(folder: Optional[Path]) -> Optional[Path]:
    """Locate a node_modules-like folder: ``folder`` itself, ``folder/node_modules``,
    or, as a fallback, the repo's tests/assets/node_modules. None if none has Leaflet.
    """
    cands: list[Path] = []
    if folder is not None:
        folder = Path(folder)
        cands += [folder, folder / "node_modules", folder / "tests" / "assets" / "node_modules"]
    cands.append(Path(__file__).resolve().parents[2] / "tests" / "assets" / "node_modules")
    for c in cands:
        if (c / "leaflet" / "dist" / "leaflet.js").is_file():
            return c
    return None


def copy_assets(src: Optional[Path], out_dir: Path) -> Path:
    """Copy every mapped file (and its images / fonts) from ``src`` (laid out
    like node_modules) to ``out_dir/assets``; returns that folder.

    Raises ExportError naming the missing files and the fix.
    """
    root = find_node_modules(src)
    if root is None:
        raise ExportError(
            f"offline assets: no node_modules-like folder with leaflet/dist/leaflet.js in {src!r}; "
            "run `cd tests/assets && npm install` (or `bash scripts/setup.sh --test`) and pass "
            "--offline-assets tests/assets/node_modules")
    dest = Path(out_dir) / "assets"
    missing = []
    for rel in sorted(set(v for v in CDN_FILES.values() if v) | set(SIDE_FILES)):
        s = root / rel
        if not s.is_file():
            missing.append(rel)
            continue
        d = dest / rel
        d.parent.mkdir(parents=True, exist_ok=True)
        if not d.exists() or d.stat().st_size != s.stat().st_size:
            shutil.copyfile(s, d)
    required_missing = [m for m in missing if m in CDN_FILES.values()]
    if required_missing:
        raise ExportError(f"offline assets: {root} lacks {required_missing!r}; install the versions in "
                          "tests/assets/package.json (`cd tests/assets && npm install`)")
    return dest


def localise_html(html: str, prefix: str) -> str:
    """Rewrite CDN ``<script>``/``<link>`` tags to ``prefix + local path``
    (``prefix`` e.g. "assets/" or "../assets/"); drop tags the pages do not
    need. Raises ExportError if an unknown CDN URL is left, so a folium
    upgrade that changes a URL is noticed instead of shipping a broken page.
    """
    unknown: list[str] = []

    def sub(m: re.Match) -> str:
        tag, url = m.group(0), m.group(2)
        rel = local_path_for_url(url)
        if rel is None:
            unknown.append(url)
            return tag
        if rel == "":
            return ""
        return tag.replace(url, prefix + rel)

    out = _TAG_RE.sub(sub, html)
    if unknown:
        raise ExportError(f"offline assets: no local copy known for {unknown!r}; add it to "
                          "mapper.publish.assets.CDN_FILES and tests/assets/package.json")
    return out


def _blank_png() -> bytes:
    """A 1x1 fully transparent PNG (what test mirrors answer tile requests with)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1x1, 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00"))
            + chunk(b"IEND", b""))


#: a 1x1 transparent PNG
BLANK_TILE_PNG = _blank_png()
