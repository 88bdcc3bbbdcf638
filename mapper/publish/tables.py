"""Events as tables in the conventions analysts already use: ACLED and UCDP GED.

``write_tables(layers, out_dir)`` writes two CSV files (UTF-8, RFC 4180,
comma separated, one header row; same layers in, byte-identical files out):

- ``events_acled.csv``: ACLED's columns (event_id_cnty, event_date, year,
  time_precision, disorder_type, event_type, sub_event_type, actor1,
  assoc_actor_1, actor2, admin1, admin2, admin3, location, latitude,
  longitude, geo_precision, source, source_scale, notes, fatalities,
  timestamp) with frontline's kinds mapped to ACLED's event types
  (:data:`ACLED_TYPES`), sides to ACLED-style actor names
  (:data:`ACLED_ACTORS`), then frontline's own columns (frontline_id, kind,
  side, date_start, date_end, date_precision, article, char_start, char_end,
  confidence, flags) so every row points back at its sentence.
- ``events_ucdp.csv``: UCDP GED's columns (id, year, type_of_violence, side_a,
  side_b, source_article, source_office, source_date, where_prec,
  where_coordinates, adm_1, adm_2, latitude, longitude, geom_wkt, country,
  region, event_clarity, date_prec, date_start, date_end, best, high, low),
  then the same frontline columns (less date_start / date_end).

Rules (also in docs/OUTPUTS.md):

- Dates: ACLED ``time_precision`` and UCDP ``date_prec`` come from
  :func:`mapper.extract.dates.acled_time_precision` /
  :func:`mapper.extract.dates.ucdp_date_prec`. ACLED ``event_date`` is the
  day itself (precision 1) or the middle day of the reported range (the
  week, the month), as ACLED codes imprecise dates. Events with no date at
  all are kept (nothing silently dropped) with an empty event_date / year,
  time_precision 3 / date_prec 5 and "undated" in flags: filter them out if
  your workflow needs a date.
- Places: ``geo_precision`` 1 = the town / village / named point itself, 2 =
  near it (an offset, distance, direction or part: "4km west of Palmyra"),
  3 = only a region (a governorate, district or region). UCDP ``where_prec``
  1 exact; 2 within ~25 km of a known point; 3 a second-order and 4 a
  first-order administrative unit; 5 a linear feature or fuzzy area (a region
  phrase, or an uncertainty radius over 25 km); 6 the country; 7 waters or
  airspace. ``admin1`` / ``adm_1`` = the governorate of the place when the
  gazetteer has one (Place.admin1), else empty; admin2 / admin3 are empty.
- ``fatalities`` (ACLED) and ``best`` / ``low`` / ``high`` (UCDP) are filled only
  when the quote states a number of dead ("killing 12", "five soldiers were
  killed"); otherwise empty, never 0.
- ``timestamp``: ACLED's last-update Unix time; here the publication day
  (00:00 UTC) of the article, so files stay deterministic.

>>> from mapper.result import BuildResult                   # doctest: +SKIP
>>> write_tables(build_layers(BuildResult()), "output/data")  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import os
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union

from mapper.errors import ExportError
from mapper.extract.dates import acled_time_precision, ucdp_date_prec
from mapper.model import TimeSpan
from mapper.publish.layers import Layers

PathLike = Union[str, Path]

ACLED_FILE = "events_acled.csv"
UCDP_FILE = "events_ucdp.csv"

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp",
)
UCDP_COLUMNS = (
    "id", "year", "type_of_violence", "side_a", "side_b", "source_article", "source_office", "source_date",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "country",
    "region", "event_clarity", "date_prec", "date_start", "date_end", "best", "high", "low",
)
#: frontline's own columns after the ACLED / UCDP ones (traceability to the sentence); the UCDP
#: table has date_start / date_end already and leaves them out here
FRONTLINE_COLUMNS = ("frontline_id", "kind", "side", "date_start", "date_end", "date_precision", "article",
                     "char_start", "char_end", "confidence", "flags")
FRONTLINE_UCDP_COLUMNS = tuple(c for c in FRONTLINE_COLUMNS if c not in ("date_start", "date_end"))

POLITICAL_VIOLENCE = "Political violence"
STRATEGIC = "Strategic developments"

#: frontline kind -> (disorder_type, event_type, sub_event_type); capture / entry depend on the side
#: (government: "Government regains territory", anyone else: "Non-state actor overtakes territory")
ACLED_TYPES: dict[str, tuple[str, str, str]] = {
    "clash": (POLITICAL_VIOLENCE, "Battles", "Armed clash"),
    "attack": (POLITICAL_VIOLENCE, "Battles", "Armed clash"),          # attacks on armed positions
    "advance": (POLITICAL_VIOLENCE, "Battles", "Armed clash"),         # an offensive under way
    "airstrike": (POLITICAL_VIOLENCE, "Explosions/Remote violence", "Air/drone strike"),
    "shelling": (POLITICAL_VIOLENCE, "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": (POLITICAL_VIOLENCE, "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "withdrawal": (STRATEGIC, "Strategic developments", "Non-violent transfer of territory"),
    "destruction": (STRATEGIC, "Strategic developments", "Looting/property destruction"),
    "position": (STRATEGIC, "Strategic developments", "Other"),
    "control": (STRATEGIC, "Strategic developments", "Other"),
}
GOVERNMENT_CAPTURE = (POLITICAL_VIOLENCE, "Battles", "Government regains territory")
NON_STATE_CAPTURE = (POLITICAL_VIOLENCE, "Battles", "Non-state actor overtakes territory")
UNKNOWN_CAPTURE = (POLITICAL_VIOLENCE, "Battles", "Armed clash")
#: sides whose captures are not a "non-state actor": the government, and foreign state forces
#: (ACLED codes those "Armed clash" when they take ground in another state's territory)
STATE_SIDES = frozenset({"government"})
FOREIGN_STATE_SIDES = frozenset({"turkey", "iraq", "us_coalition", "russia"})

#: side -> ACLED-style actor name (Syria); any other side is written as it is
ACLED_ACTORS: dict[str, str] = {
    "government": "Military Forces of Syria (2000-)",
    "islamic_state": "Islamic State (Syria)",
    "opposition": "Opposition Rebels (Syria)",
    "jabhat_al_nusra": "Jabhat Fateh al Sham",
    "hts": "Hayat Tahrir al Sham",
    "sdf": "SDF: Syrian Democratic Forces",
    "turkey": "Military Forces of Turkey (2016-)",
    "iraq": "Military Forces of Iraq (2014-)",
    "us_coalition": "Operation Inherent Resolve",
    "russia": "Military Forces of Russia (2000-)",
    "unknown": "Unidentified Armed Group (Syria)",
}
#: outlet (lower case) -> ACLED source_scale; others are left empty
SOURCE_SCALES: dict[str, str] = {
    "reuters": "International", "afp": "International", "associated press": "International",
    "ap": "International", "bbc": "International", "al jazeera": "International", "cnn": "International",
    "the guardian": "International", "the new york times": "International", "the independent": "International",
    "sana": "National", "syrian arab news agency": "National", "al-masdar news": "National",
    "ara news": "Subnational", "syrian observatory for human rights": "National", "sohr": "National",
}
ISO3 = {"SY": "SYR", "IQ": "IRQ", "TR": "TUR", "LB": "LBN", "JO": "JOR", "IL": "ISR"}
COUNTRY_NAMES = {"SY": "Syria", "IQ": "Iraq", "TR": "Turkey", "LB": "Lebanon", "JO": "Jordan", "IL": "Israel"}

#: place kinds that are areas, not points: (ACLED geo_precision, UCDP where_prec)
AREA_KINDS: dict[str, tuple[int, int]] = {
    "country": (3, 6), "governorate": (3, 4), "province": (3, 4), "district": (3, 3),
    "subdistrict": (3, 3), "nahiya": (3, 3), "region": (3, 5), "desert": (3, 5), "mountain range": (3, 5),
    "river": (3, 5), "road": (3, 5), "highway": (3, 5), "sea": (3, 7), "lake": (3, 7),
}
#: UCDP: a point known within this radius (km) is "within ~25 km of a known point"
UCDP_NEAR_KM = 25.0

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUM = r"(\d{1,5}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
#: "killing 12", "12 people were killed", "five soldiers killed", "left 20 dead", "death toll of 30"
_DEATHS = re.compile(
    r"\b(?:killing|killed|kills)\s+(?:at\s+least\s+)?" + _NUM + r"\b"
    r"|\b" + _NUM + r"\s+(?:[A-Za-z-]+\s+){0,3}?(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|are\s+)?"
    r"(?:killed|dead|died)\b"
    r"|\bdeath\s+toll\s+(?:of|to|at|rose\s+to)\s+" + _NUM + r"\b",
    re.IGNORECASE)


def stated_fatalities(quote: Optional[str]) -> Optional[int]:
    """Deaths a quote states as a number (the largest such number), else None.

    >>> stated_fatalities("The strikes killed 12 civilians and wounded 30.")
    12
    >>> stated_fatalities("Five soldiers were killed near Palmyra.")
    5
    >>> stated_fatalities("Government forces captured the town.") is None
    True
    """
    if not quote:
        return None
    found = []
    for m in _DEATHS.finditer(quote):
        tok = next(g for g in m.groups() if g)
        n = int(tok) if tok.isdigit() else _NUMBER_WORDS.get(tok.lower())
        if n is not None and n < 100000:
            found.append(n)
    return max(found) if found else None


def _day(v: Any) -> Optional[date]:
    if v is None or v != v:  # None / NaN / NaT
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _span(row: dict[str, Any]) -> TimeSpan:
    start, end = _day(row.get("date_start")), _day(row.get("date_end"))
    return TimeSpan(start, end, row.get("date_precision") or ("unknown" if start is None else "day"))


def acled_types(kind: str, side: Optional[str]) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) of a frontline event kind and side.

    >>> acled_types("capture", "government")[2], acled_types("capture", "islamic_state")[2]
    ('Government regains territory', 'Non-state actor overtakes territory')
    >>> acled_types("airstrike", "government")
    ('Political violence', 'Explosions/Remote violence', 'Air/drone strike')
    """
    if kind in ("capture", "entry"):
        if side in STATE_SIDES:
            return GOVERNMENT_CAPTURE
        if side in FOREIGN_STATE_SIDES or side in (None, "", "unknown"):
            return UNKNOWN_CAPTURE
        return NON_STATE_CAPTURE
    return ACLED_TYPES.get(kind, (STRATEGIC, "Strategic developments", "Other"))


def acled_actor(side: Optional[str]) -> str:
    """ACLED-style actor name of a side ("government" -> "Military Forces of Syria (2000-)")."""
    if not side:
        return ""
    return ACLED_ACTORS.get(side, side.replace("_", " ").title())


def geo_precisions(row: dict[str, Any], place_kind: Optional[str]) -> tuple[int, int]:
    """(ACLED geo_precision 1-3, UCDP where_prec 1-7) of an event row (see the module docstring).

    >>> geo_precisions({"location_method": "gazetteer", "location_precision": "exact"}, "village")
    (1, 1)
    >>> geo_precisions({"location_method": "offset", "location_precision": "offset", "uncertainty_km": 2.1}, "city")
    (2, 2)
    >>> geo_precisions({"location_method": "region", "location_precision": "region", "uncertainty_km": 40}, None)
    (3, 5)
    """
    method = row.get("location_method") or ""
    precision = row.get("location_precision") or ""
    unc = row.get("uncertainty_km")
    unc = float(unc) if unc is not None and unc == unc else None
    kind = (place_kind or "").lower()
    if method == "region" or precision == "region":
        return 3, AREA_KINDS.get(kind, (3, 5))[1]
    if kind in AREA_KINDS and method in ("gazetteer", "geocoder", ""):
        return AREA_KINDS[kind]
    if method in ("gazetteer", "geocoder") and precision in ("exact", ""):
        return 1, 1
    if unc is not None and unc > UCDP_NEAR_KM:
        return 3, 5
    return 2, 2


def _middle(span: TimeSpan) -> Optional[date]:
    if span.start is None or span.end is None:
        return span.start or None
    return date.fromordinal((span.start.toordinal() + span.end.toordinal()) // 2)


def _num(v: Any, nd: int) -> str:
    if v is None or v != v:
        return ""
    return f"{float(v):.{nd}f}"


def _s(v: Any) -> str:
    if v is None:
        return ""
    try:
        if v != v:
            return ""
    except (TypeError, ValueError):
        pass
    return str(v)


def _records(layers: Layers) -> list[tuple[dict[str, Any], Any]]:
    ev = layers.events
    cols = [c for c in ev.columns if c != ev.geometry.name]
    values = {c: ev[c].tolist() for c in cols}
    geoms = ev.geometry.tolist()
    return [({c: values[c][i] for c in cols}, geoms[i]) for i in range(len(ev))]


def _place_info(layers: Layers) -> dict[str, dict[str, Any]]:
    pl = layers.places
    if len(pl) == 0:
        return {}
    cols = [c for c in ("id", "kind", "country", "admin1") if c in pl.columns]
    vals = {c: pl[c].tolist() for c in cols}
    return {str(vals["id"][i]): {c: vals[c][i] for c in cols} for i in range(len(pl))}


def _frontline_cols(row: dict[str, Any], columns: tuple[str, ...] = FRONTLINE_COLUMNS) -> list[str]:
    values = {"frontline_id": _s(row.get("id")), "date_start": _s(_day(row.get("date_start"))),
              "date_end": _s(_day(row.get("date_end"))), "confidence": _num(row.get("confidence"), 3)}
    return [values[c] if c in values else _s(row.get(c)) for c in columns]


def _place_for(row: dict[str, Any], places: dict[str, dict[str, Any]]) -> dict[str, Any]:
    for key in ("place_id", "anchor_id"):
        pid = row.get(key)
        if pid and str(pid) in places:
            return places[str(pid)]
    return {}


def acled_rows(layers: Layers) -> list[list[str]]:
    """The rows of events_acled.csv (header first), events in the layer's order (date, id)."""
    places = _place_info(layers)
    out = [list(ACLED_COLUMNS) + list(FRONTLINE_COLUMNS)]
    for n, (row, geom) in enumerate(_records(layers), start=1):
        span = _span(row)
        day = span.start if span.start is not None and span.start == span.end else _middle(span)
        place = _place_for(row, places)
        country = _s(place.get("country")) or "SY"
        disorder, etype, sub = acled_types(_s(row.get("kind")), row.get("side"))
        actor1 = acled_actor(row.get("side"))
        written = _s(row.get("actor"))
        geo, _ = geo_precisions(row, place.get("kind"))
        deaths = stated_fatalities(row.get("quote"))
        pub = _day(row.get("published"))
        stamp = int(datetime(pub.year, pub.month, pub.day, tzinfo=timezone.utc).timestamp()) if pub else ""
        outlet = _s(row.get("outlet"))
        out.append([
            f"{ISO3.get(country, country)}{n}", _s(day), _s(day.year if day else ""),
            str(acled_time_precision(span)), disorder, etype, sub, actor1,
            written if written and written.lower() != actor1.lower() else "",
            acled_actor(row.get("losing_side")) if row.get("losing_side") else "",
            _s(place.get("admin1")), "", "", _s(row.get("place")),
            _num(geom.y if geom is not None else None, 4), _num(geom.x if geom is not None else None, 4),
            str(geo), outlet, SOURCE_SCALES.get(outlet.lower(), ""), _s(row.get("quote")),
            _s(deaths), _s(stamp),
        ] + _frontline_cols(row))
    return out


def ucdp_rows(layers: Layers) -> list[list[str]]:
    """The rows of events_ucdp.csv (header first), events in the layer's order (date, id)."""
    places = _place_info(layers)
    out = [list(UCDP_COLUMNS) + list(FRONTLINE_UCDP_COLUMNS)]
    for n, (row, geom) in enumerate(_records(layers), start=1):
        span = _span(row)
        place = _place_for(row, places)
        country = _s(place.get("country")) or "SY"
        side, losing = row.get("side"), row.get("losing_side")
        # 1 state-based (a government is a party), 2 non-state; one-sided violence is not extracted
        tov = 1 if side in STATE_SIDES | FOREIGN_STATE_SIDES or losing in STATE_SIDES | FOREIGN_STATE_SIDES else 2
        _, where = geo_precisions(row, place.get("kind"))
        deaths = stated_fatalities(row.get("quote"))
        lat = geom.y if geom is not None else None
        lon = geom.x if geom is not None else None
        out.append([
            str(n), _s(span.start.year if span.start else (span.end.year if span.end else "")), str(tov),
            acled_actor(side), acled_actor(losing) if losing else "",
            _s(row.get("article")), _s(row.get("outlet")), _s(_day(row.get("published"))),
            str(where), _s(row.get("place")), _s(place.get("admin1")), "",
            _num(lat, 6), _num(lon, 6), f"POINT ({_num(lon, 6)} {_num(lat, 6)})" if lat is not None else "",
            COUNTRY_NAMES.get(country, country), "Middle East",
            "1" if (row.get("confidence") or 0) >= 0.5 else "2",
            str(ucdp_date_prec(span)), _s(span.start), _s(span.end),
            _s(deaths), _s(deaths), _s(deaths),
        ] + _frontline_cols(row, FRONTLINE_UCDP_COLUMNS))
    return out


def _csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def write_tables(layers: Layers, out_dir: PathLike) -> list[Path]:
    """Write ``events_acled.csv`` and ``events_ucdp.csv`` into ``out_dir``; returns their paths.

    Raises ExportError when the folder cannot be written.
    """
    out = Path(out_dir)
    paths = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, rows in ((ACLED_FILE, acled_rows(layers)), (UCDP_FILE, ucdp_rows(layers))):
            p = out / name
            tmp = p.with_name(p.name + ".tmp")
            tmp.write_text(_csv_text(rows), encoding="utf-8", newline="")
            os.replace(tmp, p)
            paths.append(p)
    except OSError as exc:
        raise ExportError(f"cannot write the CSV tables into {str(out)!r}: {exc}; check the --out folder "
                          "is writable") from exc
    return paths
