"""Web pages: ``index.html``, ``maps/<YYYY-MM-DD>.html``, ``maps/undated.html``,
``issues.html``, with the build's shared data in ``data/site.js`` and the page
code in ``lib/frontline.js`` / ``lib/frontline.css``.

Modules: :mod:`.common` (escaping, the page shell), :mod:`.features` (rows ->
features and popups), :mod:`.site` (the shared data file), :mod:`.datepage`,
:mod:`.indexpage`, :mod:`.issues`, :mod:`.legend`, :mod:`.basemap` (offline
base map from Natural Earth), :mod:`.tiles` (``--tiles``).

Pages are plain HTML + Leaflet (no random element ids): the same input gives
byte-identical pages.

>>> write_pages(layers, "output/")                                  # doctest: +SKIP
[PosixPath('output/index.html'), PosixPath('output/maps/2016-12-11.html'), ...]
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any, Optional, Union

from mapper.errors import ExportError
from mapper.publish.assets import copy_assets, localise_html
from mapper.publish.layers import Layers
from mapper.publish.pages.basemap import basemap, basemap_source, towns
from mapper.publish.pages.common import (RUNTIME_CSS, RUNTIME_JS, SITE_JS, UNDATED, effective_day,
                                             is_undated, val, write_text)
from mapper.publish.pages.datepage import DatePages, core_bounds
from mapper.publish.pages.features import event_popup, place_popup
from mapper.publish.pages.indexpage import date_outliers, index_page
from mapper.publish.pages.issues import issues_page
from mapper.publish.pages.site import SiteRows, site_data, site_js
from mapper.publish.pages.tiles import TileSource, install_tiles, resolve_tiles

__all__ = ["write_pages", "page_dates", "event_popup", "place_popup", "is_undated", "resolve_tiles",
           "date_outliers", "UNDATED"]

PathLike = Union[str, Path]
_HERE = Path(__file__).resolve().parent


def page_dates(layers: Layers) -> list[str]:
    """The days that get a page: days with at least one event (its exact date,
    or the publication day of an event dated otherwise or imprecisely)."""
    return DatePages(SiteRows.of(layers)).days()


def _published(layers: Layers, build: Any) -> list[str]:
    if build is not None and getattr(build, "articles", None):
        return sorted({a.published.isoformat() for a in build.articles if getattr(a, "published", None)})
    return sorted({str(v) for v in layers.events["published"].dropna()} if "published" in layers.events else set())


def write_pages(layers: Layers, out_dir: PathLike, *, offline_assets: Optional[PathLike] = None,
                progress: Optional[bool] = None, tiles: Union[None, str, Path, TileSource] = None,
                build: Any = None, workers: Optional[int] = None) -> list[Path]:
    """Write the pages of ``layers`` into ``out_dir``; returns the written
    paths (index first).

    ``offline_assets``: a node_modules-like folder: Leaflet and co. are copied
    to ``out_dir/assets`` and the pages load them from there, not from CDNs.
    ``tiles``: see :func:`resolve_tiles` (OpenStreetMap by default; local tiles
    are copied into ``out_dir/tiles``). ``build``: the BuildResult, for the
    issues page (unresolved mentions, warnings) and the publication range;
    event days far outside that range are appended to ``build.warnings``
    (kind ``date_outlier``) and kept off the index slider. ``workers`` > 1: the
    shared data file (data/site.js: base map, features, estimates) is made by a
    helper process (the build's, mapper.engine.helpers, else one started here)
    while this process writes the pages; the bytes are those of a serial run.
    Raises ExportError when the folder cannot be written or assets are missing.
    """
    out = Path(out_dir)
    maps = out / "maps"
    src = tiles if isinstance(tiles, TileSource) else resolve_tiles(tiles)
    assets = Path(offline_assets) if offline_assets is not None else None
    own = None
    try:
        for d in (maps, out / "data", out / "lib"):
            d.mkdir(parents=True, exist_ok=True)
        if assets is not None:
            copy_assets(assets, out)
        n_tiles = install_tiles(src, out)
        # local tiles: "tiles/{z}/{x}/{y}.png" relative to the output folder (the page adds "../" in maps/)
        tiles_js = {"url": src.url, "local": int(src.kind in ("folder", "mbtiles")),
                    "attribution": src.attribution, "minZoom": src.min_zoom, "maxZoom": src.max_zoom,
                    "kind": src.kind, "n": n_tiles}
        published = _published(layers, build)
        rows = SiteRows.of(layers)
        helpers, own = _helpers(workers)
        # the rows (plain values and shapely geometries) travel, not the layers: the helper
        # needs no pandas / geopandas for them
        site_job = (helpers.submit(write_site_file, rows, out, published, assets, tiles_js, helper=0)
                    if helpers is not None else None)
        dp = DatePages(rows)
        days = dp.days()
        outliers = date_outliers(days, published)
        source = basemap_source(assets)
        warnings = _page_warnings(layers, build, dp, outliers, has_basemap=bool(source))
        if site_job is None:
            write_text(out / SITE_JS, site_text(rows, days, outliers, assets, tiles_js))
        shutil.copyfile(_HERE / "frontline.js", out / RUNTIME_JS)
        shutil.copyfile(_HERE / "frontline.css", out / RUNTIME_CSS)
        unresolved = list(getattr(build, "unresolved", None) or [])
        note = source or "none (run scripts/setup.sh for Natural Earth borders)"
        html = index_page(dp, days, outliers, n_issues=len(warnings), n_unresolved=len(unresolved),
                          basemap_note=note)
        written = [_save(out / "index.html", html, "assets/" if assets is not None else None)]
        written.append(_save(out / "issues.html", issues_page(unresolved, warnings, outliers),
                             "assets/" if assets is not None else None))
        prefix = "../assets/" if assets is not None else None
        written += _date_pages(dp, days, maps, prefix, progress)
        written.append(_save(maps / f"{UNDATED}.html", dp.undated_page(days[0] if days else None), prefix))
        keep = {p.name for p in written}
        for old in maps.glob("*.html"):   # pages of days that no longer have events (an earlier build)
            if old.name not in keep:
                old.unlink()
        if site_job is not None:
            site_job.result()
    except OSError as exc:
        raise ExportError(f"cannot write pages into {str(out)!r}: {exc}; check the --out folder") from exc
    finally:
        if own is not None:
            own.close()
    return written


def _helpers(workers: Optional[int]) -> tuple[Any, Any]:
    """(helpers to use or None, helpers started here to close or None) for ``workers``."""
    if not workers or workers <= 1:
        return None, None
    from mapper.engine.helpers import Helpers, current

    helpers = current()
    if helpers is not None:
        return helpers, None
    own = Helpers(1)
    return own, own


def site_text(rows: SiteRows, days: list[str], outliers: dict[str, str], assets: Optional[Path],
              tiles_js: dict[str, Any]) -> str:
    """The text of data/site.js: the base map and town labels of the build's region (its
    events, outlier days left out), the features and the estimates."""
    region = core_bounds([g for p, g in rows.events if effective_day(p) not in outliers], 0.01)
    base = basemap(region, assets=assets)
    return site_js(site_data(rows, base=base, towns=towns(region), tiles=tiles_js))


def write_site_file(rows: SiteRows, out: Path, published: list[str], assets: Optional[Path],
                    tiles_js: dict[str, Any]) -> Path:
    """Write ``out``/data/site.js from the layers' ``rows`` (a helper process's task: the
    same rows, days and outlier days as the process writing the pages, so the same bytes)."""
    days = DatePages(rows).days()
    return write_text(Path(out) / SITE_JS, site_text(rows, days, date_outliers(days, published), assets, tiles_js))


def _page_warnings(layers: Layers, build: Any, dp: DatePages, outliers: dict[str, str], *,
                   has_basemap: bool) -> list[dict]:
    """The warnings the issues page lists. With a ``build``, outlier days (``date_outlier``) are
    appended to ``build.warnings`` first, and a missing base map after (``basemap_missing``)."""
    warnings: list[dict] = list(getattr(build, "warnings", None) or layers.warnings or [])
    if build is None:
        return warnings
    known = {(w.get("kind"), w.get("day")) for w in build.warnings if isinstance(w, dict)}
    for d, why in sorted(outliers.items()):
        if ("date_outlier", d) not in known:
            ids = sorted(val(p.get("id")) or "" for p, _ in dp.by_day.get(d, []) + dp.reported.get(d, []))
            build.warnings.append({"kind": "date_outlier", "day": d, "event_ids": ids,
                                   "message": f"{why}; kept off the index slider (events {', '.join(ids)})"})
    warnings = list(build.warnings)
    if not has_basemap:
        build.warnings.append({"kind": "basemap_missing", "message":
                               "no offline base map: npm's world-atlas was not found; run "
                               "`bash scripts/setup.sh` (or set FRONTLINE_BASEMAP to its folder)"})
    return warnings


def _date_pages(dp: DatePages, days: list[str], maps: Path, prefix: Optional[str],
                progress: Optional[bool]) -> list[Path]:
    """Write ``maps/<day>.html`` for every day (a progress bar past 20 pages unless told)."""
    written = []
    bar = None
    if progress if progress is not None else len(days) > 20:
        from tqdm import tqdm

        bar = tqdm(total=len(days), unit="page", desc="pages", file=sys.stderr, mininterval=0.5, leave=False)
    for i, day in enumerate(days):
        prev_day = days[i - 1] if i > 0 else None
        next_day = days[i + 1] if i + 1 < len(days) else None
        written.append(_save(maps / f"{day}.html", dp.page(day, prev_day, next_day), prefix))
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return written


def _save(path: Path, html: str, asset_prefix: Optional[str]) -> Path:
    if asset_prefix is not None:
        html = localise_html(html, asset_prefix)
    return write_text(path, html)
