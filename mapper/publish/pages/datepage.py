"""One map page per day with events (``maps/YYYY-MM-DD.html``) and the page
of undated events (``maps/undated.html``): a small HTML file holding the
page's spec (which shared features each layer draws, the first view, the
badge fan-out); the features themselves are in ``data/site.js``.

Control areas and front lines come from one estimate only: the day's own,
else the latest earlier one ("as of"), both layers from that same date, so
an earlier front is never drawn over the day's areas.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from html import escape
from typing import Any, Iterable, Optional

from mapper.publish.pages.common import effective_day, esc, is_undated, shell, val
from mapper.publish.pages.legend import page_legend
from mapper.publish.pages.site import Row, SiteRows, row_age_class
from mapper.publish.styles import KIND_SYMBOLS, kind_symbol

#: a page draws at most this many earlier events faintly (the most recent ones)
FAINT_MAX = 300
#: places drawn on a page: the day's own, and those within this margin (degrees) of
#: the day's features that have at least CONTEXT_MIN_EVENTS events in the build
PLACES_MARGIN_DEG = 1.0
CONTEXT_MIN_EVENTS = 3


def _n(v: Any) -> int:
    s = val(v)
    try:
        return int(float(s)) if s is not None else 0
    except ValueError:
        return 0


def bounds_of(geoms: Iterable[Any]) -> Optional[list[list[float]]]:
    """[[south, west], [north, east]] (lat, lon) of shapely geometries, or None."""
    return _rounded(_raw_bounds(geoms))


def _raw_bounds(geoms: Iterable[Any]) -> Optional[tuple[float, float, float, float]]:
    """(west, south, east, north) degrees of shapely geometries, not rounded (None: none)."""
    s = w = float("inf")
    n = e = float("-inf")
    for g in geoms:
        if g is None or g.is_empty:
            continue
        x0, y0, x1, y1 = g.bounds
        w, s, e, n = min(w, x0), min(s, y0), max(e, x1), max(n, y1)
    if s == float("inf"):
        return None
    return w, s, e, n


def _union_bounds(boxes: Iterable[Optional[tuple[float, float, float, float]]]) -> Optional[tuple[float, float, float, float]]:
    """The (west, south, east, north) box around ``boxes`` (None ones skipped)."""
    got = [b for b in boxes if b is not None]
    if not got:
        return None
    return (min(b[0] for b in got), min(b[1] for b in got), max(b[2] for b in got), max(b[3] for b in got))


def _rounded(box: Optional[tuple[float, float, float, float]]) -> Optional[list[list[float]]]:
    if box is None:
        return None
    w, s, e, n = box
    return [[round(s, 5), round(w, 5)], [round(n, 5), round(e, 5)]]


def core_bounds(geoms: Iterable[Any], q: float = 0.02) -> Optional[list[list[float]]]:
    """Like :func:`bounds_of` over the points' ``q`` .. ``1 - q`` quantiles of lat and lon,
    so one misplaced event (another continent) does not set the overview."""
    import numpy as np

    pts = [(g.y, g.x) for g in (gg.representative_point() for gg in geoms if gg is not None and not gg.is_empty)]
    if not pts:
        return None
    a = np.array(pts)
    lo, hi = np.quantile(a, q, axis=0), np.quantile(a, 1 - q, axis=0)
    return [[round(float(lo[0]), 5), round(float(lo[1]), 5)], [round(float(hi[0]), 5), round(float(hi[1]), 5)]]


def _parts_within(geom: Any, core: Optional[list[list[float]]], margin: float) -> list[Any]:
    """The parts of ``geom`` whose representative point lies in ``core`` (+ margin, degrees)
    (only their bounds are used: no union is built)."""
    import shapely

    if geom is None or geom.is_empty:
        return []
    if core is None:
        return [geom]
    (s, w), (n, e) = core
    parts = shapely.get_parts(geom)
    pts = shapely.point_on_surface(parts)
    xs, ys = shapely.get_x(pts), shapely.get_y(pts)
    keep = (ys >= s - margin) & (ys <= n + margin) & (xs >= w - margin) & (xs <= e + margin)
    return list(parts[keep])


def fan_out(rows: list[Row]) -> dict[str, list[int]]:
    """{event id: [n, m]} for badges sharing one point: the nth of m (m > 1)."""
    at: dict[tuple, list[str]] = defaultdict(list)
    for p, g in rows:
        if g is not None and not g.is_empty and g.geom_type == "Point":
            at[(round(g.x, 6), round(g.y, 6))].append(val(p.get("id")) or "")
    return {i: [n, len(ids)] for ids in at.values() if len(ids) > 1 for n, i in enumerate(ids)}


def _bar(title: str, prev_day: Optional[str], next_day: Optional[str], *, next_label: Optional[str] = None) -> str:
    prev = (f'<a id="fl-prev" href="{escape(prev_day)}.html">← {escape(prev_day)}</a>' if prev_day
            else '<span class="fl-off">← (first)</span>')
    nxt = (f'<a id="fl-next" href="{escape(next_day)}.html">{escape(next_label or next_day)} →</a>' if next_day
           else '<span class="fl-off">(last) →</span>')
    return (f'<div class="fl-bar"><span class="fl-h">{escape(title)}</span>{prev}'
            f'<a id="fl-index" href="../index.html">timeline</a>{nxt}<span class="fl-sp"></span>'
            '<a href="../issues.html">unresolved &amp; warnings</a><span>frontline</span></div>')


class DatePages:
    """Builds the per-day pages of one build from its :class:`SiteRows`."""

    def __init__(self, rows: SiteRows) -> None:
        self.rows = rows
        self.by_day: dict[str, list[Row]] = defaultdict(list)
        self.reported: dict[str, list[Row]] = defaultdict(list)
        self.dated: list[tuple[str, Row]] = []
        for p, g in rows.events:
            d = val(p.get("date"))
            if d:
                self.by_day[d].append((p, g))
            eff = effective_day(p)
            if eff:
                self.dated.append((eff, (p, g)))
            pub = val(p.get("published"))
            if pub and pub != d and not is_undated(p):
                self.reported[pub].append((p, g))
        self.dated.sort(key=lambda t: (t[0], val(t[1][0].get("id")) or ""))
        self.dated_days = [d for d, _ in self.dated]
        self.dated_ids = [val(r[0].get("id")) for _, r in self.dated]
        self.dated_pos: dict[Optional[str], list[int]] = defaultdict(list)   # id -> its places in dated
        for k, i in enumerate(self.dated_ids):
            self.dated_pos[i].append(k)
        self.mv_by_day: dict[str, list[Row]] = defaultdict(list)
        for p, g in rows.movements:
            d = val(p.get("date"))
            if d:
                self.mv_by_day[d].append((p, g))
            elif val(p.get("published")) and val(p.get("date_start")):
                self.mv_by_day[val(p["published"])].append((p, g))
        # the first view fits the estimate's areas within the build's core region (the events'
        # 2-98 % extent + 3 degrees): a place misplaced on another continent does not set it;
        # computed when a page asks (est_bounds), once per estimate date and per geometry
        self._core: Any = None
        self._est_bounds: dict[str, Optional[list[list[float]]]] = {}
        self._geom_bounds: dict[int, tuple[Any, Optional[tuple[float, float, float, float]]]] = {}
        # context places (dots and labels around the day's events): those with a few events
        self.place_pts = [(val(p.get("id")) or "", g.y, g.x) for p, g in rows.places
                          if g is not None and not g.is_empty and g.geom_type == "Point"
                          and _n(p.get("n_events")) >= CONTEXT_MIN_EVENTS]
        self.place_ids = {val(p.get("id")) for p, _ in rows.places}
        self.area_geoms = {}
        for p, g in rows.areas:
            if val(p.get("layer_type")) == "uncertainty":
                self.area_geoms[val(p.get("id")) or ""] = g

    def est_bounds(self, est: str) -> Optional[list[list[float]]]:
        """[[south, west], [north, east]] of the parts of estimate ``est``'s areas and lines
        that lie within the build's core region (+ 3 degrees), or None."""
        hit = self._est_bounds.get(est, self)
        if hit is not self:
            return hit  # type: ignore[return-value]
        if self._core is None:
            self._core = (core_bounds([g for _, g in self.rows.events]),)
        core = self._core[0]
        boxes = []
        for _, g in self.rows.est_rows.get(est, ()):
            memo = self._geom_bounds.get(id(g))
            if memo is None or memo[0] is not g:   # one geometry object is shared by many dates
                memo = self._geom_bounds[id(g)] = (g, _raw_bounds(_parts_within(g, core, 3.0)))
            boxes.append(memo[1])
        out = self._est_bounds[est] = _rounded(_union_bounds(boxes))
        return out

    def days(self) -> list[str]:
        """Days with at least one event: an exact date, or reported that day."""
        return sorted(set(self.by_day) | set(self.reported))

    def page(self, day: str, prev_day: Optional[str], next_day: Optional[str]) -> str:
        """The map page of ``day``: the day's events (by kind), those reported that day, the
        latest control estimate, uncertainty areas, movements, nearby places and, faint,
        what was known before."""
        on_day = sorted(self.by_day.get(day, []), key=lambda r: val(r[0].get("id")) or "")
        reported = sorted(self.reported.get(day, []), key=lambda r: val(r[0].get("id")) or "")
        shown = on_day + reported
        layers: list[dict[str, Any]] = []
        before = self._faint_layer(day, shown, layers)
        est = self.rows.estimate_for(day)
        area_sides, fronts, contested = self._estimate_layers(day, est, layers)
        geoms = [g for _, g in shown]
        ids_here = [val(p.get("id")) or "" for p, _ in shown]
        unc_ids = sorted({u for i in ids_here for u in self.rows.unc_by_event.get(i, ())})
        if unc_ids:
            layers.append({"name": esc(f"Uncertainty areas ({len(unc_ids)})"), "role": "uncertainty",
                           "src": "unc", "ids": unc_ids})
            geoms += [self.area_geoms.get(u) for u in unc_ids]
        mv = sorted(self.mv_by_day.get(day, []), key=lambda r: val(r[0].get("id")) or "")
        if mv:
            layers.append({"name": esc(f"Movements ({len(mv)})"), "role": "movements", "src": "mv",
                           "ids": [val(p.get("id")) for p, _ in mv]})
            geoms += [g for _, g in mv]
        view = bounds_of(geoms)
        own = {val(p.get(k)) for p, _ in shown for k in ("place_id", "anchor_id")} - {None}
        near = sorted(set(self._places_near(view)) | (own & self.place_ids))
        if near:
            layers.append({"name": esc(f"Places ({len(near)})"), "role": "places", "src": "pl", "ids": near})
        kinds_here = _event_layers(day, on_day, reported, layers)
        bounds = _merge_bounds(view, self.est_bounds(est) if est else None)
        spec = {"day": day, "layers": layers, "bounds": bounds, "fan": fan_out(shown)}
        n = len(on_day)
        title = f"{day}: {n} event{'s' if n != 1 else ''}" + (f", {len(reported)} reported" if reported else "")
        legend = page_legend(sides={val(p.get("side")) or "unknown" for p, _ in shown},
                             area_sides=area_sides, kinds=kinds_here, contested=contested, fronts=fronts,
                             uncertainty=bool(unc_ids), movements={val(p.get("kind")) for p, _ in mv},
                             reported=bool(reported), faint=bool(before), places=bool(near),
                             title=f"Legend — {day}")
        body = _bar(title, prev_day, next_day) + '<div id="fl-map"></div>' + legend
        return shell(title=title, root="../", body=body, boot="FL.datePage();", spec=spec,
                     page_class="fl-page", textpath=bool(mv))

    def _faint_layer(self, day: str, shown: list[Row], layers: list[dict[str, Any]]) -> list[Row]:
        """Append the faint layer of events dated before ``day`` (the latest FAINT_MAX, never one
        drawn as the day's own); returns those rows."""
        on_ids = {val(p.get("id")) for p, _ in shown}
        cut = bisect_left(self.dated_days, day)
        # the latest FAINT_MAX rows before the cut that are not the day's own, walking back
        # from the cut (a page costs FAINT_MAX steps, not the length of the build)
        before: list[Row] = []
        i = cut - 1
        while i >= 0 and len(before) < FAINT_MAX:
            r = self.dated[i][1]
            if self.dated_ids[i] not in on_ids:
                before.append(r)
            i -= 1
        before.reverse()
        n_before = cut - sum(1 for x in on_ids for k in self.dated_pos.get(x, ()) if k < cut)
        shown_n = f"{len(before)}" if n_before == len(before) else f"latest {len(before)} of {n_before}"
        if before:
            layers.append({"name": esc(f"Known before {day} (faint, {shown_n})"), "role": "faint", "src": "ev",
                           "ids": [val(p.get("id")) for p, _ in before], "faint": 1})
        return before

    def _estimate_layers(self, day: str, est: Optional[str],
                         layers: list[dict[str, Any]]) -> tuple[set[str], set[str], bool]:
        """Append the control-area and front layers of estimate ``est`` (the latest on or before
        ``day``); returns (sides with areas, front age classes, whether any area is contested)."""
        area_sides: set[str] = set()
        if not est:
            return area_sides, set(), False
        contested = False
        as_of = "" if est == day else f" as of {est}"
        erows = self.rows.est_rows[est]
        ctrl = [p for p, _ in erows if val(p.get("layer_type")) == "control"]
        frs = [p for p, _ in erows if val(p.get("layer_type")) == "front"]
        for p in ctrl:
            side = val(p.get("side")) or "unknown"
            if side == "contested":
                contested = True
            else:
                area_sides.update(side.split("+"))
        if ctrl:
            layers.append({"name": esc(f"Control areas{as_of} ({len(ctrl)})"), "role": "control",
                           "est": est, "lt": "control"})
        if frs:
            layers.append({"name": esc(f"Front line{as_of} ({len(frs)})"), "role": "front",
                           "est": est, "lt": "front"})
        return area_sides, {row_age_class(p) for p in frs}, contested

    def undated_page(self, first_day: Optional[str]) -> str:
        rows = sorted([(p, g) for p, g in self.rows.events if is_undated(p)],
                      key=lambda r: val(r[0].get("id")) or "")
        ids = [val(p.get("id")) or "" for p, _ in rows]
        unc_ids = sorted({u for i in ids for u in self.rows.unc_by_event.get(i, ())})
        layers = []
        if rows:
            layers.append({"name": esc(f"Undated events ({len(rows)})"), "role": "events", "src": "ev", "ids": ids})
        if unc_ids:
            layers.append({"name": esc(f"Uncertainty areas ({len(unc_ids)})"), "role": "uncertainty",
                           "src": "unc", "ids": unc_ids})
        view = bounds_of([g for _, g in rows] + [self.area_geoms.get(u) for u in unc_ids])
        spec = {"day": "undated", "layers": layers, "bounds": view, "fan": fan_out(rows)}
        title = f"Undated: {len(rows)} event{'s' if len(rows) != 1 else ''} (no usable date)"
        legend = page_legend(sides={val(p.get("side")) or "unknown" for p, _ in rows},
                             kinds={str(p.get("kind")) for p, _ in rows}, uncertainty=bool(unc_ids),
                             title="Legend — undated")
        body = _bar(title, None, first_day, next_label="first date") + '<div id="fl-map"></div>' + legend
        return shell(title=title, root="../", body=body, boot="FL.datePage();", spec=spec, page_class="fl-page")

    def _places_near(self, view: Optional[list[list[float]]]) -> list[str]:
        if view is None:
            return []
        (s, w), (n, e) = view
        m = PLACES_MARGIN_DEG
        return sorted(i for i, lat, lon in self.place_pts if s - m <= lat <= n + m and w - m <= lon <= e + m)


def _event_layers(day: str, on_day: list[Row], reported: list[Row], layers: list[dict[str, Any]]) -> list[str]:
    """Append one layer per event kind of the day (legend order, then unknown kinds by name) and
    the layer of events reported that day; returns the kinds drawn."""
    kinds_here: list[str] = []
    for kind in list(KIND_SYMBOLS) + sorted({str(p.get("kind")) for p, _ in on_day} - set(KIND_SYMBOLS)):
        ids = [val(p.get("id")) for p, _ in on_day if str(p.get("kind")) == kind]
        if ids:
            kinds_here.append(kind)
            label = kind_symbol(kind).label if kind in KIND_SYMBOLS else kind
            layers.append({"name": esc(f"Events: {label} ({len(ids)})"), "role": "events", "src": "ev",
                           "ids": ids})
    if reported:
        layers.append({"name": esc(f"Reported on {day}, dated otherwise or imprecisely ({len(reported)})"),
                       "role": "reported", "src": "ev", "ids": [val(p.get("id")) for p, _ in reported],
                       "reported": 1})
        kinds_here += [str(p.get("kind")) for p, _ in reported]
    return kinds_here


def _merge_bounds(a: Optional[list], b: Optional[list]) -> Optional[list]:
    if a is None:
        return b
    if b is None:
        return a
    return [[min(a[0][0], b[0][0]), min(a[0][1], b[0][1])], [max(a[1][0], b[1][0]), max(a[1][1], b[1][1])]]
