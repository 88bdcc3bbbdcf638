"""``--tiles``: where the pages' raster tiles come from.

- ``None`` / ``"osm"``: OpenStreetMap's tile server (online only; without a
  network the offline base map of :mod:`.basemap` shows instead);
- ``"none"``: no tiles, the offline base map only;
- a URL template with ``{z}``, ``{x}``, ``{y}`` (``http(s)://``);
- a folder of XYZ tiles (``DIR/{z}/{x}/{y}.png|jpg|jpeg|webp``): copied to
  ``OUT/tiles/`` so the pages load them relatively (also from a file opened
  from disk, without a server or network);
- an MBTiles file (SQLite, TMS rows): its tiles are written to ``OUT/tiles/``
  the same way (rows flipped to XYZ).

>>> resolve_tiles(None).url
'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
>>> resolve_tiles("https://example.org/t/{z}/{x}/{y}.png").kind
'url'
"""
from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from mapper.errors import ExportError

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
TILE_EXTS = ("png", "jpg", "jpeg", "webp")


@dataclass(frozen=True)
class TileSource:
    """Resolved tiles: ``kind`` (osm, none, url, folder, mbtiles), the ``url``
    template the pages use (relative to the output folder for local tiles),
    ``src`` (the folder or file to copy from), ``attribution``, zoom range."""

    kind: str
    url: str = ""
    src: Optional[Path] = None
    attribution: str = ""
    min_zoom: int = 0
    max_zoom: int = 19

    def page_url(self, root: str) -> str:
        """The template as a page at ``root`` ("" or "../") loads it."""
        return root + self.url if self.kind in ("folder", "mbtiles") else self.url


def resolve_tiles(spec: Union[None, str, Path]) -> TileSource:
    """Interpret a ``--tiles`` value (see the module docstring); raises
    ExportError naming the value when it is none of those."""
    if spec is None or str(spec).lower() in ("", "osm", "openstreetmap"):
        return TileSource("osm", OSM_URL, attribution=OSM_ATTRIBUTION, max_zoom=19)
    s = str(spec)
    if s.lower() in ("none", "off", "offline"):
        return TileSource("none")
    if s.startswith(("http://", "https://")):
        if not all(k in s for k in ("{z}", "{x}", "{y}")):
            raise ExportError(f"--tiles {s!r}: a URL template needs {{z}}, {{x}} and {{y}}, "
                              "e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png")
        return TileSource("url", s, attribution="tiles: " + s.split("/")[2])
    p = Path(s)
    if p.is_dir():
        ext = _folder_ext(p)
        if ext is None:
            raise ExportError(f"--tiles {s!r}: no tiles found as DIR/<z>/<x>/<y>.png|jpg|webp; "
                              "pass a folder of XYZ tiles, an .mbtiles file or a URL template")
        zs = sorted(int(z.name) for z in p.iterdir() if z.is_dir() and z.name.isdigit())
        return TileSource("folder", "tiles/{z}/{x}/{y}." + ext, src=p, attribution="local tiles",
                          min_zoom=zs[0], max_zoom=zs[-1])
    if p.is_file():
        try:
            with sqlite3.connect(f"file:{p}?mode=ro", uri=True) as db:
                meta = dict(db.execute("SELECT name, value FROM metadata").fetchall())
                zr = db.execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
        except sqlite3.Error as exc:
            raise ExportError(f"--tiles {s!r}: not a readable MBTiles file ({exc}); pass an .mbtiles "
                              "file, a folder of XYZ tiles or a URL template") from exc
        fmt = str(meta.get("format") or "png").lower()
        if fmt not in TILE_EXTS:
            raise ExportError(f"--tiles {s!r}: MBTiles format {fmt!r} is not a raster image; use png, jpg or webp tiles")
        return TileSource("mbtiles", "tiles/{z}/{x}/{y}." + fmt, src=p,
                          attribution=str(meta.get("attribution") or meta.get("name") or "local tiles"),
                          min_zoom=int(zr[0] or 0), max_zoom=int(zr[1] or 19))
    raise ExportError(f"--tiles {s!r}: no such file or folder, and not an http(s) URL template; pass "
                      "osm, none, a URL template with {z}/{x}/{y}, a folder of XYZ tiles or an .mbtiles file")


def _folder_ext(p: Path) -> Optional[str]:
    for z in sorted(p.iterdir()):
        if z.is_dir() and z.name.isdigit():
            for x in sorted(z.iterdir()):
                if x.is_dir():
                    for t in sorted(x.iterdir()):
                        ext = t.suffix.lstrip(".").lower()
                        if ext in TILE_EXTS:
                            return ext
    return None


def install_tiles(src: TileSource, out_dir: Path) -> int:
    """Copy / extract local tiles into ``out_dir/tiles``; returns the number of tiles."""
    if src.kind not in ("folder", "mbtiles") or src.src is None:
        return 0
    dest = Path(out_dir) / "tiles"
    n = 0
    if src.kind == "folder":
        ext = src.url.rsplit(".", 1)[1]
        for f in sorted(src.src.glob(f"*/*/*.{ext}")):
            z, x = f.parent.parent.name, f.parent.name
            if z.isdigit() and x.isdigit() and f.stem.isdigit():
                d = dest / z / x / f.name
                d.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, d)
                n += 1
        return n
    ext = src.url.rsplit(".", 1)[1]
    with sqlite3.connect(f"file:{src.src}?mode=ro", uri=True) as db:
        for z, x, row, data in db.execute(
                "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles ORDER BY 1, 2, 3"):
            y = (1 << int(z)) - 1 - int(row)   # TMS -> XYZ
            d = dest / str(int(z)) / str(int(x)) / f"{y}.{ext}"
            d.parent.mkdir(parents=True, exist_ok=True)
            d.write_bytes(bytes(data))
            n += 1
    return n
