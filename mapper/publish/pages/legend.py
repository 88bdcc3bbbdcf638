"""The legend of a page: exactly the sides, kinds and symbols drawn on it.

>>> html = page_legend(sides={"government"}, kinds={"capture"}, contested=True, fronts={"fresh"})
>>> "Government" in html and "Capture" in html and "Contested" in html and "Opposition" not in html
True
"""
from __future__ import annotations

from html import escape
from typing import Iterable

from mapper.publish.styles import (AREA_OPACITY, AREA_OPACITY_BY_SIDE, FRONT_AGE_STYLES, FRONT_COLOUR,
                                   KIND_SYMBOLS, SIDE_COLOURS, SIDE_LABELS, kind_symbol, side_colour)


def ordered(values: Iterable[str], order: Iterable[str]) -> list[str]:
    """``values`` in the order of ``order``, unknown ones after, sorted."""
    vals = set(v for v in values if v)
    first = [o for o in order if o in vals]
    return first + sorted(vals - set(first))


def _row(swatch: str, label: str, cls: str = "fl-sw") -> str:
    return f'<div class="fl-row"><span class="{cls}" style="{swatch}"></span>{escape(label)}</div>'


def page_legend(*, sides: Iterable[str] = (), area_sides: Iterable[str] = (), kinds: Iterable[str] = (),
                contested: bool = False, fronts: Iterable[str] = (), uncertainty: bool = False,
                movements: Iterable[str] = (), reported: bool = False, faint: bool = False,
                places: bool = False, title: str = "Legend") -> str:
    """HTML of a legend box listing only what the page draws.

    ``sides``: sides of the events (badge colours); ``area_sides``: sides of the
    control areas (fill colours); ``kinds``: event kinds (badge letters);
    ``contested``: a hatched contested area is drawn; ``fronts``: the front
    age classes drawn; ``movements``: movement kinds drawn.
    """
    parts = []
    all_sides = ordered(set(sides) | set(area_sides), SIDE_COLOURS)
    if all_sides:
        rows = []
        area_set = set(area_sides)
        for s in all_sides:
            c = side_colour(s)
            op = AREA_OPACITY_BY_SIDE.get(s, AREA_OPACITY)
            fill = f"background:{c}" if s in set(sides) else f"background:{c};opacity:{max(op, .5):.2f}"
            what = [] + (["events"] if s in set(sides) else []) + (["area"] if s in area_set else [])
            rows.append(_row(fill, f"{SIDE_LABELS.get(s, s)} ({', '.join(what)})"))
        parts.append('<div class="fl-title">Sides</div>' + "".join(rows))
    if contested:
        parts.append(_row("", "Contested area (hatched)", "fl-sw fl-hatch"))
    kinds_l = ordered(kinds, KIND_SYMBOLS)
    if kinds_l:
        rows = [f'<div class="fl-row"><span class="fl-badge">{escape(kind_symbol(k).letter)}</span>'
                f'{escape(kind_symbol(k).label if k in KIND_SYMBOLS else k)}</div>' for k in kinds_l]
        parts.append('<div class="fl-title">Event kinds</div>' + "".join(rows))
    extra = []
    for cls in [c for c in FRONT_AGE_STYLES if c in set(fronts)]:
        opacity, dash, label = FRONT_AGE_STYLES[cls]
        style = (f"border-top:4px {'dashed' if dash else 'solid'} {FRONT_COLOUR};opacity:{opacity}")
        extra.append(_row(style, label, "fl-sw fl-line"))
    if set(fronts) & {"fresh", "recent"}:
        extra.append(_row(f"background:{FRONT_COLOUR};opacity:.25;height:10px",
                          "front uncertainty band (± km; fronts <= 180 days old)"))
    if "advance" in set(movements):
        extra.append(_row("border-top:3px solid #555", "advance ► (colour = side)", "fl-sw fl-line"))
    if "withdrawal" in set(movements):
        extra.append(_row("border-top:3px dashed #555", "withdrawal ► (colour = side)", "fl-sw fl-line"))
    if uncertainty:
        extra.append(_row("border:1.5px dashed #555;background:transparent", "uncertainty area of an event"))
    if reported:
        extra.append(_row("border:2px dotted #333;background:#fff;border-radius:50%",
                          "reported today, dated otherwise or imprecisely"))
    if faint:
        extra.append(_row("border:1px solid #999;background:rgba(127,127,127,.25);border-radius:50%",
                          "earlier event (faint)"))
    if places:
        extra.append(_row("border:1px solid #333;background:#fff;border-radius:50%;width:7px;height:7px",
                          "place named in the reports"))
    if extra:
        parts.append('<div class="fl-title">Symbols</div>' + "".join(extra))
    return (f'<div id="fl-legend" class="fl-legend"><details open><summary>{escape(title)}</summary>'
            f'{"".join(parts)}</details></div>')
