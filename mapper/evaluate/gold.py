"""Load a gold file: the events a careful analyst codes in a set of articles.

Two shapes are read (see tests/gold/CONVENTIONS.md):

- the development gold (``tests/gold/*.yaml``): ``articles`` (every coded
  article, even one with no events), ``events``, ``not_events``;
- ``../shared/seeds/expected.yaml``: no ``articles`` list (the scored articles
  are those named in ``events``/``not_events``) and a ``places`` list whose
  ``also``/``lat``/``lon``/``within_km`` apply to every event naming that
  ``mention``.

Dates are inclusive day spans. ``date: 2016-08-12`` is one day (precision
"day"); ``date_start``/``date_end`` a range (``date_precision`` day, week,
month or year; inferred from the length when absent); only ``date_end`` means
"by that day" (open start), only ``date_start`` "from that day"; ``date: null``
says the text gives no date. Coordinates are degrees WGS84 (lat, lon).

>>> g = parse_gold({"events": [{"article": "a", "kind": "capture", "side": "sdf",
...                             "place": "Manbij", "date": "2016-08-12"}]}, "x.yaml")
>>> g.articles, g.events[0].date_precision
(('a',), 'day')
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional, Union

from mapper.errors import FrontlineError

__all__ = ["GoldError", "EvaluateInputError", "GoldEvent", "NotEvent", "Gold", "load_gold",
           "parse_gold", "GOLD_KINDS", "PRECISIONS", "DEFAULT_WITHIN_KM"]

#: Territorial kinds that gold codes (a predicted "control" counts as "capture").
GOLD_KINDS = ("capture", "withdrawal", "entry", "advance")
#: Date precisions a gold range may state.
PRECISIONS = ("day", "week", "month", "year")
#: How close (km) a predicted point must be to the gold lat/lon when no within_km is given.
DEFAULT_WITHIN_KM = 5.0


class GoldError(FrontlineError, ValueError):
    """A gold file is malformed; the message names the entry, the field and the fix."""


class EvaluateInputError(FrontlineError, FileNotFoundError):
    """A gold file or build output to evaluate does not exist."""


class DaySpan:
    """``undated``, ``day`` and ``when()`` of anything with inclusive ``start``/``end`` days
    (gold and predicted events alike)."""

    start: Optional[date]
    end: Optional[date]

    @property
    def undated(self) -> bool:
        """True when there is no date at all (``date: null``)."""
        return self.start is None and self.end is None

    @property
    def day(self) -> Optional[date]:
        """The day of a day-dated event, else None."""
        return self.start if self.start is not None and self.start == self.end else None

    def when(self) -> str:
        """The date as people read it: 2016-08-12, 2016-03-01..2016-03-31, ..2015-11-23, undated."""
        if self.undated:
            return "undated"
        if self.day is not None:
            return self.day.isoformat()
        return f"{self.start.isoformat() if self.start else ''}..{self.end.isoformat() if self.end else ''}"


@dataclass(frozen=True)
class GoldEvent(DaySpan):
    """One coded territorial event.

    ``start``/``end`` inclusive days (None = open / undated); ``undated`` True
    for ``date: null``. ``lat``/``lon`` degrees; ``within_km`` km.
    ``index`` is the entry's position in the file's ``events`` list.
    """

    article: str
    kind: str
    side: str
    place: str
    index: int
    also: tuple[str, ...] = ()
    lat: Optional[float] = None
    lon: Optional[float] = None
    within_km: float = DEFAULT_WITHIN_KM
    start: Optional[date] = None
    end: Optional[date] = None
    date_precision: Optional[str] = None
    quote: str = ""
    note: str = ""
    #: an unnamed place located relative to a named one ("a ridge south of X"): X
    anchor: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """``place`` and its other spellings."""
        return (self.place, *self.also)


@dataclass(frozen=True)
class NotEvent:
    """Text that must not become an event (forecast, objective, heading...)."""

    article: str
    text: str
    why: str = ""
    index: int = 0


@dataclass(frozen=True)
class Gold:
    """A whole gold file. ``articles`` are the scored article ids (file order)."""

    path: str
    articles: tuple[str, ...]
    events: tuple[GoldEvent, ...]
    not_events: tuple[NotEvent, ...] = ()


_Where = str


def _fail(where: _Where, field: str, value: Any, fix: str) -> GoldError:
    return GoldError(f"{where}: field {field!r} is {value!r}; {fix}")


def _str(entry: dict, field: str, where: _Where, *, required: bool = True) -> str:
    v = entry.get(field)
    if v is None:
        if required:
            raise GoldError(f"{where}: field {field!r} is missing; add it (see tests/gold/CONVENTIONS.md)")
        return ""
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise _fail(where, field, v, "write it as a string (quote it)")
    s = str(v).strip()
    if required and not s:
        raise _fail(where, field, v, "give a non-empty value")
    return s


def _day(v: Any, where: _Where, field: str) -> Optional[date]:
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise _fail(where, field, v, "write a day as YYYY-MM-DD (or date: null when the text gives no date)")


def _infer_precision(start: Optional[date], end: Optional[date]) -> str:
    if start is None or end is None:
        return "day"  # "by 23 November" / "from 3 June": the bound itself is a day
    days = (end - start).days + 1
    return "day" if days <= 1 else "week" if days <= 7 else "month" if days <= 31 else "year"


def _dates(e: dict, where: _Where) -> tuple[Optional[date], Optional[date], Optional[str]]:
    has_day = "date" in e
    has_range = "date_start" in e or "date_end" in e
    if not has_day and not has_range:
        raise GoldError(f"{where}: no date; add `date: YYYY-MM-DD`, `date_start`/`date_end` "
                        "(with date_precision), or `date: null` when the text gives no date")
    if has_day and has_range and e.get("date") is not None:
        raise GoldError(f"{where}: both 'date' and 'date_start'/'date_end' are given; "
                        "keep `date` for one day or the range for a span")
    prec = e.get("date_precision")
    if prec is not None and prec not in PRECISIONS:
        raise _fail(where, "date_precision", prec, f"use one of {', '.join(PRECISIONS)}")
    if has_day and not has_range:
        d = _day(e["date"], where, "date")
        if d is None:
            return None, None, None
        if prec not in (None, "day"):
            raise _fail(where, "date_precision", prec,
                        "a single `date` is a day; write a span as date_start/date_end")
        return d, d, "day"
    start = _day(e.get("date_start"), where, "date_start")
    end = _day(e.get("date_end"), where, "date_end")
    if start is None and end is None:
        raise GoldError(f"{where}: date_start and date_end are both empty; give one of them "
                        "or write `date: null` when the text gives no date")
    if start is not None and end is not None and start > end:
        raise GoldError(f"{where}: date_start {start.isoformat()!r} is after date_end "
                        f"{end.isoformat()!r}; swap them")
    return start, end, prec or _infer_precision(start, end)


def _coord(e: dict, where: _Where) -> tuple[Optional[float], Optional[float]]:
    lat, lon = e.get("lat"), e.get("lon")
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise GoldError(f"{where}: only one of lat/lon is given (lat={lat!r}, lon={lon!r}); "
                        "give both (degrees WGS84) or neither")
    for name, v, lim in (("lat", lat, 90), ("lon", lon, 180)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or abs(v) > lim:
            raise _fail(where, name, v, f"give decimal degrees within ±{lim} (lat first, e.g. lat: 36.38, lon: 38.18)")
    return float(lat), float(lon)


def _also(v: Any, where: _Where) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(v)
    raise _fail(where, "also", v, 'write other spellings as a list of strings, e.g. also: ["Tishreen Dam"]')


def _within(v: Any, where: _Where) -> float:
    if v is None:
        return DEFAULT_WITHIN_KM
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not (v > 0 and math.isfinite(v)):
        raise _fail(where, "within_km", v, "give a positive distance in km")
    return float(v)


def _places(raw: Any, path: str) -> dict[str, dict]:
    """expected.yaml's ``places``: mention (and each also) -> the entry."""
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise GoldError(f"{path}: 'places' is {type(raw).__name__}; make it a list of "
                        "{mention, also, lat, lon, within_km}")
    out: dict[str, dict] = {}
    for i, p in enumerate(raw):
        where = f"{path}: places[{i}]"
        if not isinstance(p, dict):
            raise GoldError(f"{where} is {p!r}; make it a mapping {{mention: ..., lat: ..., lon: ...}}")
        m = _str(p, "mention", where)
        _coord(p, where)
        for n in (m, *_also(p.get("also"), where)):
            out.setdefault(n.casefold(), p)
    return out


def _list(data: dict, key: str, path: str) -> list:
    v = data.get(key)
    if v is None:
        return []
    if not isinstance(v, list):
        raise GoldError(f"{path}: {key!r} is {type(v).__name__}; make it a YAML list (- {{...}})")
    return v


def parse_gold(data: Any, path: str = "<gold>") -> Gold:
    """Validate parsed YAML ``data`` and return a :class:`Gold` (raises GoldError)."""
    if not isinstance(data, dict):
        raise GoldError(f"{path}: the file is {type(data).__name__}, not a mapping; it needs "
                        "top-level keys articles:, events:, not_events: (see tests/gold/CONVENTIONS.md)")
    if "events" not in data:
        raise GoldError(f"{path}: no 'events' key; add `events:` (an empty list `events: []` "
                        "when no listed article has a territorial event)")
    places = _places(data.get("places"), path)
    listed = _listed_articles(data, path)
    events = [_gold_event(e, i, path, listed, places) for i, e in enumerate(_list(data, "events", path))]
    nots = [_not_event(n, i, path, listed) for i, n in enumerate(_list(data, "not_events", path))]
    articles = listed or list(dict.fromkeys([e.article for e in events] + [n.article for n in nots]))
    return Gold(path=path, articles=tuple(articles), events=tuple(events), not_events=tuple(nots))


def _listed_articles(data: dict, path: str) -> list[str]:
    """The ids under ``articles:`` (entries ``{id: ..., source: ...}`` or bare ids), each once."""
    listed: list[str] = []
    for i, a in enumerate(_list(data, "articles", path)):
        where = f"{path}: articles[{i}]"
        aid = _str(a, "id", where) if isinstance(a, dict) else (
            str(a).strip() if isinstance(a, (str, int)) and not isinstance(a, bool) else None)
        if not aid:
            raise GoldError(f"{where} is {a!r}; write {{id: ARTICLE_ID, source: ...}}")
        if aid in listed:
            raise GoldError(f"{where}: article {aid!r} is listed twice; keep one entry")
        listed.append(aid)
    return listed


def _gold_event(e: Any, i: int, path: str, listed: list[str], places: dict) -> GoldEvent:
    """One validated ``events[i]`` entry; coordinates and spellings may come from ``places:``."""
    where = f"{path}: events[{i}]"
    if not isinstance(e, dict):
        raise GoldError(f"{where} is {e!r}; make it a mapping {{article: ..., kind: ..., ...}}")
    article = _str(e, "article", where)
    where = f"{where} (article {article!r})"
    if listed and article not in listed:
        raise _fail(where, "article", article, "add the article to `articles:` or fix the id")
    kind = _str(e, "kind", where)
    if kind not in GOLD_KINDS:
        raise _fail(where, "kind", kind, f"use one of {', '.join(GOLD_KINDS)} (only territorial events are coded)")
    side = _str(e, "side", where)
    place = _str(e, "place", where)
    ref = places.get(place.casefold(), {})
    lat, lon = _coord(e, where) if ("lat" in e or "lon" in e) else _coord(ref, where)
    start, end, prec = _dates(e, where)
    also = _also(e.get("also"), where) + tuple(
        n for n in (([ref["mention"]] if ref else []) + list(_also(ref.get("also"), where)))
        if n != place)
    return GoldEvent(
        article=article, kind=kind, side=side, place=place, index=i,
        also=tuple(dict.fromkeys(also)), lat=lat, lon=lon,
        within_km=_within(e.get("within_km", ref.get("within_km")), where),
        start=start, end=end, date_precision=prec,
        quote=_str(e, "quote", where, required=False), note=_str(e, "note", where, required=False),
        anchor=_str(e, "anchor", where, required=False))


def _not_event(n: Any, i: int, path: str, listed: list[str]) -> NotEvent:
    """One validated ``not_events[i]`` entry."""
    where = f"{path}: not_events[{i}]"
    if not isinstance(n, dict):
        raise GoldError(f"{where} is {n!r}; make it a mapping {{article: ..., text: ..., why: ...}}")
    article = _str(n, "article", where)
    if listed and article not in listed:
        raise _fail(f"{where} (article {article!r})", "article", article,
                    "add the article to `articles:` or fix the id")
    return NotEvent(article=article, text=_str(n, "text", where),
                    why=_str(n, "why", where, required=False), index=i)


def load_gold(path: Union[str, Path]) -> Gold:
    """Read and validate a gold YAML file (raises EvaluateInputError / GoldError).

    >>> load_gold("missing.yaml")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    mapper.evaluate.gold.EvaluateInputError: ...
    """
    import yaml

    p = Path(path)
    if not p.is_file():
        raise EvaluateInputError(f"gold file {str(p)!r} does not exist; give a YAML file such as "
                                 "tests/gold/fakes_30.yaml or ../shared/seeds/expected.yaml")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise GoldError(f"{str(p)!r} is not valid YAML{at}: {getattr(exc, 'problem', exc)}; "
                        "check quotes and indentation there") from None
    except UnicodeDecodeError as exc:
        raise GoldError(f"{str(p)!r} is not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8") from None
    return parse_gold(data, str(p))
