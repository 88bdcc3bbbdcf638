"""Read the predicted events of a build (``OUT/data/events.geojson`` and, when
present, ``events_undated.geojson`` beside it).

The events layer is *fused*: one feature stands for every report of the same
event, its ``article`` is the most precise report's and ``sources`` lists all
reporting articles. Scoring is per article, so each feature is expanded into
one :class:`PredictedEvent` per article in ``sources`` (kind, side, place,
point and date of the fused feature; the quote only for the feature's own
article, since the layer keeps no other quote).

>>> p = PredictedEvent(article="a", kind="control", side="sdf", place="Manbij",
...                    lat=36.5, lon=37.95, start=None, end=None, precision="unknown", quote="")
>>> p.scored_kind
'capture'
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional, Union

from mapper.errors import FrontlineError
from mapper.evaluate.gold import DaySpan, EvaluateInputError

__all__ = ["PredictedEvent", "PredictionsError", "load_predicted", "parse_predicted",
           "events_path", "events_paths", "TERRITORIAL_KINDS"]

#: Predicted kinds that are scored, and the gold kind each counts as.
TERRITORIAL_KINDS = {"capture": "capture", "control": "capture", "withdrawal": "withdrawal",
                     "entry": "entry", "advance": "advance"}


class PredictionsError(FrontlineError, ValueError):
    """The events GeoJSON is malformed (names the feature and field)."""


@dataclass(frozen=True)
class PredictedEvent(DaySpan):
    """One predicted event of one article. ``lat``/``lon`` degrees (None: no point);
    ``start``/``end`` inclusive days (None: open or undated). ``feature`` is the
    index of its feature in events.geojson, ``id`` the event id."""

    article: str
    kind: str
    side: str
    place: str
    lat: Optional[float]
    lon: Optional[float]
    start: Optional[date]
    end: Optional[date]
    precision: str
    quote: str
    id: str = ""
    feature: int = -1
    fused_from: str = ""   # the feature's own article when this copy comes from ``sources``
    anchor: str = ""       # the named place an offset / sector / region location hangs on
    method: str = ""       # the event's location_method (gazetteer, offset, direction, ...)

    @property
    def scored_kind(self) -> Optional[str]:
        """The gold kind this counts as (control -> capture); None for non-territorial kinds."""
        return TERRITORIAL_KINDS.get(self.kind)


def events_path(out: Union[str, Path]) -> Path:
    """``OUT/data/events.geojson`` for a build folder, or the file itself."""
    p = Path(out)
    if p.is_dir():
        p = p / "data" / "events.geojson"
    if not p.is_file():
        raise EvaluateInputError(f"no events layer at {str(p)!r}; give a build output folder "
                                 "(from `frontline build ... --out OUT`) or its data/events.geojson")
    return p


def events_paths(out: Union[str, Path]) -> list[Path]:
    """The events layer and, when the build wrote one beside it, its undated part
    (``events_undated.geojson``: undated events and "by 23 November" spans)."""
    p = events_path(out)
    undated = p.with_name(f"{p.stem}_undated{p.suffix}")
    return [p, undated] if undated.is_file() else [p]


def _iso(v: Any, where: str, field: str) -> Optional[date]:
    if v in (None, ""):
        return None
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        raise PredictionsError(f"{where}: property {field!r} is {v!r}; expected YYYY-MM-DD or null") from None


def parse_predicted(data: Any, path: str = "<events>") -> list[PredictedEvent]:
    """Expand a parsed events FeatureCollection into per-article predicted events."""
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise PredictionsError(f"{path}: not a GeoJSON FeatureCollection (no 'features' list); "
                               "give the events.geojson a build writes")
    out: list[PredictedEvent] = []
    for i, f in enumerate(data["features"]):
        where = f"{path}: features[{i}]"
        props = f.get("properties") if isinstance(f, dict) else None
        if not isinstance(props, dict):
            raise PredictionsError(f"{where} has no properties mapping; is this a frontline events layer?")
        for key in ("article", "kind"):
            if not props.get(key):
                raise PredictionsError(f"{where}: property {key!r} is {props.get(key)!r}; "
                                       "is this a frontline events layer?")
        geom = f.get("geometry") or {}
        lat = lon = None
        if geom.get("type") == "Point" and isinstance(geom.get("coordinates"), list) \
                and len(geom["coordinates"]) >= 2:
            lon, lat = float(geom["coordinates"][0]), float(geom["coordinates"][1])
        start = _iso(props.get("date_start") or props.get("date"), where, "date_start")
        end = _iso(props.get("date_end") or props.get("date"), where, "date_end")
        own = str(props["article"])
        sources = [s.strip() for s in str(props.get("sources") or "").split(";") if s.strip()]
        for art in dict.fromkeys([own, *sources]):
            out.append(PredictedEvent(
                article=art, kind=str(props["kind"]), side=str(props.get("side") or "unknown"),
                place=str(props.get("place") or ""), lat=lat, lon=lon, start=start, end=end,
                precision=str(props.get("date_precision") or "unknown"),
                quote=str(props.get("quote") or "") if art == own else "",
                id=str(props.get("id") or ""), feature=i, fused_from="" if art == own else own,
                anchor=str(props.get("anchor") or ""), method=str(props.get("location_method") or "")))
    return out


def load_predicted(out: Union[str, Path]) -> tuple[Path, list[PredictedEvent]]:
    """The events layer's path and the per-article predicted events of it and of
    its ``_undated`` sibling (see :func:`events_paths`)."""
    paths = events_paths(out)
    events: list[PredictedEvent] = []
    for p in paths:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise PredictionsError(f"{str(p)!r} is not valid GeoJSON ({exc}); rebuild it with `frontline build`") from None
        events.extend(parse_predicted(data, str(p)))
    return paths[0], events
