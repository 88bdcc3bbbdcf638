"""Evaluate a gazetteer against coded places: how far from the analyst's point
does a name land?

Input: a CSV with columns ``name``, ``lat``, ``lon`` (WGS84 degrees) and
optionally ``adm_1`` (the governorate, e.g. "Hamah Governorate"), such as
UCDP GED's locations. For every row a *locator* gives a point (or None =
unresolved); the report holds the share within 1, 5 and 25 km, the
unresolved, and the worst misses.

Two locators:

- :func:`lookup_locator` (mode ``lookup``): :meth:`Gazetteer.resolve` of the
  name with the row's governorate as context;
- the end-to-end mode lives with the article pipeline (``frontline gazetteer
  evaluate --mode report``): each row becomes the one-line wire report
  :func:`report_sentence` and goes through ``extract_article``;
  :func:`evaluate` takes any ``locate(row) -> EvalPoint | None``.

>>> rows = [EvalRow("Palmyra", 34.5515, 38.2693, "Homs Governorate", 2)]
>>> rep = evaluate(rows, lookup_locator())          # doctest: +SKIP
>>> rep.within[5]                                   # doctest: +SKIP
1.0
"""
from __future__ import annotations

import csv
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

from gazetteer.disambiguate import DocumentContext, haversine_km
from gazetteer.errors import ImportFormatError

__all__ = ["EvalRow", "EvalPoint", "EvalResult", "EvalReport", "load_rows", "evaluate",
           "lookup_locator", "report_sentence", "THRESHOLDS_KM", "HELD_KM"]

#: Distances (km) the report counts "within".
THRESHOLDS_KM = (1.0, 5.0, 25.0)
#: A row's place is "held" by the regional pack when a pack record lies within this (km).
HELD_KM = 2.0


@dataclass(frozen=True)
class EvalRow:
    """One coded place: ``name`` as written, its point (degrees), governorate, CSV line."""

    name: str
    lat: float
    lon: float
    adm_1: str = ""
    line: int = 0


@dataclass(frozen=True)
class EvalPoint:
    """Where a locator put a name: (lat, lon) degrees, the place, score, method."""

    lat: float
    lon: float
    place_id: str = ""
    place_name: str = ""
    score: float = 0.0
    method: str = ""


@dataclass(frozen=True)
class EvalResult:
    """One row's outcome: ``km`` None when unresolved; ``held`` a pack record within HELD_KM."""

    row: EvalRow
    point: Optional[EvalPoint]
    km: Optional[float]
    held: Optional[bool] = None


@dataclass
class EvalReport:
    """Shares within each threshold (all rows, and rows the pack holds), unresolved, worst misses."""

    total: int
    within: dict[float, float]
    unresolved: int
    held_total: int = 0
    held_within: dict[float, float] = field(default_factory=dict)
    worst: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    mode: str = "lookup"

    def as_dict(self) -> dict:
        """JSON-ready dict (thresholds as strings "1km", "5km", ...)."""
        d = asdict(self)
        d["within"] = {f"{k:g}km": round(v, 4) for k, v in self.within.items()}
        d["held_within"] = {f"{k:g}km": round(v, 4) for k, v in self.held_within.items()}
        return d

    def format(self) -> str:
        """A short human-readable table."""
        lines = [f"mode {self.mode}: {self.total} names, {self.unresolved} unresolved "
                 f"({self.seconds:.1f} s)"]
        for k, v in self.within.items():
            held = (f"   held by the pack ({self.held_total}): {self.held_within[k]:.1%}"
                    if self.held_total else "")
            lines.append(f"  within {k:g} km: {v:.1%}{held}")
        if self.worst:
            lines.append("worst misses:")
            for w in self.worst:
                where = (f"{w['km']:.0f} km off -> {w['place']!r}" if w["km"] is not None
                         else "unresolved")
                lines.append(f"  line {w['line']}: {w['name']!r} ({w['adm_1']}): {where}")
        return "\n".join(lines)


def load_rows(path: Union[str, Path]) -> list[EvalRow]:
    """Rows of an evaluation CSV (name, lat, lon[, adm_1]); raises ImportFormatError."""
    p = Path(path)
    try:
        fh = open(p, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportFormatError(f"cannot read {str(p)!r}: {exc.strerror}; give a CSV with "
                                f"columns name, lat, lon[, adm_1]") from exc
    out: list[EvalRow] = []
    with fh:
        reader = csv.DictReader(fh)
        cols = set(reader.fieldnames or ())
        if not {"name", "lat", "lon"} <= cols:
            raise ImportFormatError(f"{str(p)!r} has columns {sorted(cols)!r}; need name, lat, "
                                    f"lon (degrees) and optionally adm_1")
        for line, r in enumerate(reader, start=2):
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except (TypeError, ValueError) as exc:
                raise ImportFormatError(f"{str(p)}:{line}: bad lat/lon {r.get('lat')!r}/"
                                        f"{r.get('lon')!r}; write decimal degrees") from exc
            if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
                    and -180 <= lon <= 180):
                raise ImportFormatError(f"{str(p)}:{line}: lat/lon {lat!r}/{lon!r} out of range")
            name = (r.get("name") or "").strip()
            if name:
                out.append(EvalRow(name, lat, lon, (r.get("adm_1") or "").strip(), line))
    return out


def report_sentence(row: EvalRow) -> str:
    """The one-line wire report of a row (the end-to-end test of issue 10).

    >>> report_sentence(EvalRow("Kafr Nabl town", 35.6, 36.5, "Idlib Governorate"))
    'Clashes were reported on Monday in Kafr Nabl town in Idlib province.'
    """
    gov = row.adm_1.replace(" Governorate", "").strip()
    tail = f" in {gov} province" if gov else ""
    return f"Clashes were reported on Monday in {row.name}{tail}."


def lookup_locator(gaz=None) -> Callable[[EvalRow], Optional[EvalPoint]]:
    """``locate(row)``: resolve the name with the row's governorate as context."""
    if gaz is None:
        from gazetteer.store import Gazetteer
        gaz = Gazetteer.default()

    def locate(row: EvalRow) -> Optional[EvalPoint]:
        ctx = DocumentContext.for_region(row.adm_1) if row.adm_1 else DocumentContext.for_country("SY")
        c = gaz.resolve(row.name, ctx)
        if c is None:
            return None
        return EvalPoint(c.place.lat, c.place.lon, c.place.id, c.place.name, c.score, c.method)
    return locate


def _held_index(gaz) -> Optional[Callable[[float, float], bool]]:
    pack = getattr(gaz, "pack", None)
    if pack is None or not pack.places:
        return None
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for p in pack.places.values():
        cells.setdefault((int(p.lat * 20), int(p.lon * 20)), []).append(p.latlon)

    def held(lat: float, lon: float) -> bool:
        ci, cj = int(lat * 20), int(lon * 20)
        return any(haversine_km(q, (lat, lon)) <= HELD_KM
                   for di in (-1, 0, 1) for dj in (-1, 0, 1) for q in cells.get((ci + di, cj + dj), ()))
    return held


def evaluate(rows: Sequence[EvalRow], locate: Callable[[EvalRow], Optional[EvalPoint]], *,
             gaz=None, worst: int = 10, mode: str = "lookup") -> EvalReport:
    """Locate every row and summarise (see module docs). ``gaz`` (optional)
    gives the regional pack for the "held" subset."""
    t0 = time.perf_counter()
    held_of = _held_index(gaz) if gaz is not None else None
    results: list[EvalResult] = []
    for row in rows:
        pt = locate(row)
        km = haversine_km((pt.lat, pt.lon), (row.lat, row.lon)) if pt is not None else None
        results.append(EvalResult(row, pt, km, held_of(row.lat, row.lon) if held_of else None))
    return summarise(results, worst=worst, mode=mode, seconds=time.perf_counter() - t0)


def summarise(results: Iterable[EvalResult], *, worst: int = 10, mode: str = "lookup",
              seconds: float = 0.0) -> EvalReport:
    """An :class:`EvalReport` of per-row results."""
    results = list(results)

    def share(rs: list[EvalResult], k: float) -> float:
        return sum(1 for r in rs if r.km is not None and r.km <= k) / (len(rs) or 1)
    held = [r for r in results if r.held]
    misses = sorted(results, key=lambda r: (r.km is None, -(r.km or 0.0), r.row.line))
    return EvalReport(
        total=len(results), within={k: share(results, k) for k in THRESHOLDS_KM},
        unresolved=sum(1 for r in results if r.km is None),
        held_total=len(held), held_within={k: share(held, k) for k in THRESHOLDS_KM} if held else {},
        worst=[{"line": r.row.line, "name": r.row.name, "adm_1": r.row.adm_1,
                "km": round(r.km, 1) if r.km is not None else None,
                "place": r.point.place_name if r.point else None,
                "place_id": r.point.place_id if r.point else None}
               for r in misses[:worst] if r.km is None or r.km > THRESHOLDS_KM[1]],
        seconds=round(seconds, 2), mode=mode) if results else EvalReport(0, {}, 0, mode=mode)
