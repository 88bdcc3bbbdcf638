"""``index.html``: the build at a glance: an overview map with a slider that
steps through the days with events only (year marks under it; events dated
far outside the corpus's publication range are kept off it and flagged), a
legend of everything drawn in the build, and a filterable table with one row
per page day (text, side, kind and date-range filters) linking every page,
the undated page and the page of unresolved mentions and warnings.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from html import escape

from mapper.publish.pages.common import effective_day, is_undated, shell, val
from mapper.publish.pages.datepage import DatePages, core_bounds, fan_out
from mapper.publish.pages.legend import ordered, page_legend
from mapper.publish.pages.site import row_age_class
from mapper.publish.styles import KIND_SYMBOLS, SIDE_COLOURS, SIDE_LABELS, kind_symbol, side_colour

#: an event day more than this many days before the earliest publication date is an outlier
OUTLIER_BEFORE_DAYS = 366
#: ... or more than this many days after the latest one
OUTLIER_AFTER_DAYS = 31


def date_outliers(days: list[str], published: list[str]) -> dict[str, str]:
    """{day: reason} for event days far outside the publication range.

    >>> date_outliers(["1979-01-01", "2016-05-01"], ["2015-01-01", "2016-06-01"])
    {'1979-01-01': 'event day 1979-01-01 is 13149 days before the earliest publication date 2015-01-01'}
    """
    pubs = sorted(p for p in published if p)
    if not pubs:
        return {}
    lo, hi = date.fromisoformat(pubs[0]), date.fromisoformat(pubs[-1])
    out = {}
    for d in days:
        try:
            x = date.fromisoformat(d)
        except ValueError:
            continue
        if x < lo - timedelta(days=OUTLIER_BEFORE_DAYS):
            out[d] = f"event day {d} is {(lo - x).days} days before the earliest publication date {pubs[0]}"
        elif x > hi + timedelta(days=OUTLIER_AFTER_DAYS):
            out[d] = f"event day {d} is {(x - hi).days} days after the latest publication date {pubs[-1]}"
    return out


def index_page(dp: DatePages, days: list[str], outliers: dict[str, str], *, n_issues: int,
               n_unresolved: int, basemap_note: str) -> str:
    """The whole ``index.html``: summary, slider over the event days, overview map, legend, table."""
    rows = dp.rows
    slider_days = [d for d in days if d not in outliers]
    table, sides_all, kinds_all = _timeline_table(dp, days, outliers)
    head = _head(dp, days, slider_days, outliers, n_issues=n_issues, n_unresolved=n_unresolved,
                 basemap_note=basemap_note)
    legend = _legend(rows, sides_all, kinds_all)
    body = head.replace("{legend}", legend) + table + "</div>"
    return shell(title="timeline", root="", body=body, boot="FL.indexPage();",
                 spec=_slider_spec(dp, slider_days), page_class="fl-index")


def _slider_spec(dp: DatePages, slider_days: list[str]) -> dict:
    """The data the index page's script reads: days, event ids per day, bounds, fan-out offsets."""
    by_day = {d: sorted(val(p.get("id")) for p, _ in dp.by_day.get(d, [])) for d in slider_days}
    rep_day = {d: sorted(val(p.get("id")) for p, _ in dp.reported.get(d, [])) for d in slider_days
               if dp.reported.get(d)}
    fan: dict[str, list[int]] = {}
    for d in slider_days:
        fan.update(fan_out(dp.by_day.get(d, [])))
    on_slider = set(slider_days)
    dated_geoms = [g for p, g in dp.rows.events if effective_day(p) in on_slider]
    return {"days": slider_days, "byDay": by_day, "repDay": rep_day, "estimates": dp.rows.est_dates,
            "bounds": core_bounds(dated_geoms), "fan": fan, "faintDays": 30}


def _chips(counts: Counter, render) -> str:
    return " ".join(render(x, n) for x, n in sorted(counts.items()))


def _day_row(dp: DatePages, d: str, outliers: dict[str, str]) -> tuple[str, Counter, Counter]:
    """One table row for day ``d`` and the (kind, side) counts it adds to the filters."""
    evs = dp.by_day.get(d, [])
    rep = dp.reported.get(d, [])
    k = Counter(str(p.get("kind")) for p, _ in evs)
    s = Counter(val(p.get("side")) or "unknown" for p, _ in evs)
    r = Counter(str(p.get("kind")) for p, _ in rep)
    rep_sides = Counter(val(p.get("side")) or "unknown" for p, _ in rep)
    places = sorted({val(p.get("place")) for p, _ in evs + rep if val(p.get("place"))})
    kinds_h = _chips(k, lambda x, n: f'<span class="fl-chip">{escape(kind_symbol(x).letter)} {escape(x)} {n}</span>')
    sides_h = _chips(s, lambda x, n: f'<span class="fl-chip"><i style="background:{side_colour(x)}"></i>'
                                     f"{escape(x)} {n}</span>")
    rep_h = _chips(r, lambda x, n: f"{escape(x)} {n}")
    place_h = escape(", ".join(places[:5]) + (f" +{len(places) - 5}" if len(places) > 5 else ""))
    cls = ' class="fl-outlier"' if d in outliers else ""
    title = f' title="{escape(outliers[d])}"' if d in outliers else ""
    sides_attr = " ".join(sorted(set(s) | set(rep_sides)))
    kinds_attr = " ".join(sorted(set(k) | set(r)))
    tr = (f'<tr data-date="{escape(d)}" data-sides="{escape(sides_attr)}" data-kinds="{escape(kinds_attr)}"'
          f'{cls}{title}><td><a href="maps/{escape(d)}.html">{escape(d)}</a></td><td>{len(evs)}</td>'
          f"<td>{kinds_h}</td><td>{sides_h}</td><td>{rep_h}</td><td>{place_h}</td></tr>")
    return tr, k + r, s + rep_sides


def _timeline_table(dp: DatePages, days: list[str], outliers: dict[str, str]) -> tuple[str, Counter, Counter]:
    """The filter form and the table (one row per page day, then the undated row), and the
    side and kind counts over all of them."""
    kinds_all: Counter = Counter()
    sides_all: Counter = Counter()
    trs = []
    for d in days:
        tr, kinds, sides = _day_row(dp, d, outliers)
        trs.append(tr)
        kinds_all.update(kinds)
        sides_all.update(sides)
    n_undated = sum(1 for p, _ in dp.rows.events if is_undated(p))
    trs.append(f'<tr data-date="undated"><td><a href="maps/undated.html">undated</a></td><td>{n_undated}</td>'
               '<td colspan="4">events with no usable date: never shown as a day\'s</td></tr>')
    side_opts = "".join(f'<option value="{escape(x)}">{escape(SIDE_LABELS.get(x, x))}</option>'
                        for x in ordered(sides_all, SIDE_COLOURS))
    kind_opts = "".join(f'<option value="{escape(x)}">{escape(kind_symbol(x).label if x in KIND_SYMBOLS else x)}</option>'
                        for x in ordered(kinds_all, KIND_SYMBOLS))
    filt = ('<form class="fl-filter" data-fl-filter="fl-timeline">'
            '<label>Find <input name="q" type="search" placeholder="date, kind, side, place…"></label>'
            f'<label>Side <select name="side"><option value="">any</option>{side_opts}</select></label>'
            f'<label>Kind <select name="kind"><option value="">any</option>{kind_opts}</select></label>'
            '<label>From <input name="from" type="date"></label><label>to <input name="to" type="date"></label>'
            '<span class="fl-count"></span></form>')
    table = ('<table class="fl-tl" id="fl-timeline"><thead><tr><th>Date</th><th>Events</th><th>By kind</th>'
             "<th>By side</th><th>Reported that day (other or imprecise date)</th><th>Places</th></tr></thead>"
             f"<tbody>{''.join(trs)}</tbody></table>")
    return filt + table, sides_all, kinds_all


def year_marks(slider_days: list[str]) -> list[str]:
    """Year labels under the slider, positioned in % of its width; marks closer than 4 % are dropped.

    >>> year_marks(["2015-12-30", "2016-01-02", "2016-05-01"])
    ['<span style="left:0.00%">2015</span>', '<span style="left:50.00%">2016</span>']
    """
    marks: list[str] = []
    if len(slider_days) < 2:
        return marks
    last_year = None
    last_pos = -100.0
    for i, d in enumerate(slider_days):
        if d[:4] != last_year:
            last_year = d[:4]
            pos = 100 * i / (len(slider_days) - 1)
            if pos - last_pos >= 4:   # marks closer than 4 % of the slider would overlap
                marks.append(f'<span style="left:{pos:.2f}%">{escape(last_year)}</span>')
                last_pos = pos
    return marks


def _head(dp: DatePages, days: list[str], slider_days: list[str], outliers: dict[str, str], *,
          n_issues: int, n_unresolved: int, basemap_note: str) -> str:
    """Title, summary line with links, the slider and the overview map (``{legend}`` left to fill)."""
    rows = dp.rows
    n_undated = sum(1 for p, _ in rows.events if is_undated(p))
    n_dated = len(rows.events) - n_undated
    flagged = (f' <span class="fl-warn">{len(outliers)} day(s) with events dated far outside the '
               f"publication range are kept off the slider (⚠ in the table).</span>") if outliers else ""
    return (f'<div class="fl-wrap"><h1>frontline — timeline</h1><div class="fl-sum">{len(rows.events)} events '
            f"({n_dated} dated, {n_undated} undated), {len(rows.movements)} movements, {len(rows.places)} places, "
            f"{len(days)} days with events"
            f"{(' from ' + escape(slider_days[0]) + ' to ' + escape(slider_days[-1])) if slider_days else ''}.{flagged}<br>"
            f'<a href="issues.html">{n_unresolved} unresolved mentions and {n_issues} warnings</a> · '
            '<a href="maps/undated.html">undated events</a> · Data: '
            '<a href="data/events.geojson">events</a> · <a href="data/movements.geojson">movements</a> · '
            '<a href="data/areas.geojson">areas</a> · <a href="data/places.geojson">places</a> · '
            '<a href="frontline.gpkg">GeoPackage</a> · <a href="report.json">report.json</a>'
            f"{(' · base map: ' + escape(basemap_note)) if basemap_note else ''}</div>"
            '<div class="fl-slider"><button id="fl-prev" type="button" title="previous day with events">◀ prev</button>'
            '<button id="fl-play" type="button" title="play through the days">▶</button>'
            f'<div class="fl-range"><input id="fl-slider" type="range" min="0" max="{max(0, len(slider_days) - 1)}" '
            'step="1" value="0" aria-label="day with events">'
            f'<div class="fl-years">{"".join(year_marks(slider_days))}</div></div>'
            '<button id="fl-next" type="button" title="next day with events">next ▶</button>'
            '<span id="fl-slider-day"></span><a id="fl-slider-link" href="#">open the day\'s map</a></div>'
            '<div id="fl-overview"><div id="fl-overview-map"></div>{legend}</div>')


def _legend(rows, sides_all: Counter, kinds_all: Counter) -> str:
    """The overview legend: every side, area side, kind and front age drawn in the build."""
    area_sides: set[str] = set()
    contested = False
    fronts: set[str] = set()
    for p, _ in rows.areas:
        lt = val(p.get("layer_type"))
        if lt == "control":
            side = val(p.get("side")) or "unknown"
            if side == "contested":
                contested = True
            else:
                area_sides.update(side.split("+"))
        elif lt == "front":
            fronts.add(row_age_class(p))
    return page_legend(sides=set(sides_all), area_sides=area_sides, kinds=set(kinds_all), contested=contested,
                       fronts=fronts, faint=True, title="Legend")
