"""Importers into a :class:`~gazetteer.index.PlaceIndex`: GeoNames dumps, CSV, GeoJSON.

GeoNames (``SY.txt``, ``cities500.txt``, ``allCountries.txt``; tab-separated,
19 columns: geonameid, name, asciiname, alternatenames (comma separated),
latitude, longitude, feature class, feature code, country code, cc2,
admin1..admin4, population, elevation, dem, timezone, modification date) is
streamed: rows are parsed one at a time and written with ``executemany`` in
batches of :data:`BATCH_ROWS` places, so memory stays bounded whatever the file
size. A malformed row is reported in :attr:`ImportStats.errors` as a one-line
message naming the file and line number ("SY.txt:17: expected 19 tab-separated
columns, got 7") and the import goes on. A file that is not in the format at
all (or missing) raises :class:`~gazetteer.errors.ImportFormatError`.

User places: CSV with a header containing ``name``, ``lat``, ``lon`` (also
``latitude``/``longitude``), optional ``kind``, ``aliases`` (separated by
``;`` or ``|``), ``country``, ``id``; or GeoJSON (FeatureCollection of Point
features with a ``name`` property, optional ``kind``/``aliases``/``country``/
``id`` properties; coordinates in GeoJSON lon/lat order).

>>> idx = PlaceIndex(":memory:")
>>> import_user_places("my_places.csv", idx).imported      # doctest: +SKIP
3
"""
from __future__ import annotations

import csv
import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Union

from gazetteer.errors import ImportFormatError
from gazetteer.index import PlaceIndex, names_rows
from gazetteer.regional import slugify

__all__ = ["ImportStats", "import_geonames", "import_user_places", "import_file",
           "BATCH_ROWS", "GEONAMES_KIND", "MAX_REPORTED_ERRORS"]

#: Places per executemany batch (one transaction each).
BATCH_ROWS = 20_000
#: At most this many error lines are kept (the count is always exact).
MAX_REPORTED_ERRORS = 1000
#: User places get primary keys from here up (GeoNames ids stay below).
USER_PK_FLOOR = 10**12
#: GeoNames feature class / code -> our kind.
GEONAMES_KIND = {
    "P": "settlement", "A": "region", "T": "hill", "S": "place", "H": "water",
    "L": "region", "R": "road", "V": "vegetation", "U": "undersea",
}
_CODE_KIND = {
    "PCLI": "country", "PCLD": "country", "PCLS": "country", "PCLF": "country", "PCL": "country",
    "HLL": "hill", "HLLS": "hill", "MT": "hill", "MTS": "hill", "PK": "hill", "RDGE": "hill",
    "AIRB": "airbase", "AIRF": "airbase", "AIRP": "airbase", "AIRH": "heliport",
    "MILB": "military base", "INSM": "military base", "CMP": "military base",
    "OILF": "oil or gas field", "GASF": "oil or gas field", "OILW": "oil or gas field",
    "DAM": "dam", "DAMSB": "dam", "PSTB": "border crossing", "BDG": "bridge",
    "RDJCT": "crossroads", "RDCR": "crossroads", "PPLX": "district", "PPLA": "settlement",
    "FRM": "settlement", "FRMS": "settlement", "NVB": "naval base", "PRT": "port",
}


@dataclass
class ImportStats:
    """What an import did: rows read, places imported, errors (one line each)."""

    path: str
    format: str
    index_path: str = ""
    rows: int = 0
    imported: int = 0
    names: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    seconds: float = 0.0

    def error(self, msg: str) -> None:
        """Record one bad row."""
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(msg)

    @property
    def rows_per_second(self) -> float:
        """Throughput of the import."""
        return self.rows / self.seconds if self.seconds else float("nan")

    def summary(self) -> str:
        """One line for the CLI."""
        return (f"{self.path}: {self.imported} places ({self.names} names) from {self.rows} rows "
                f"in {self.seconds:.1f} s; {self.error_count} bad rows")


_FIX = "row skipped; give WGS84 degrees (lat -90..90, lon -180..180)"


def _check_latlon(lat: float, lon: float) -> Optional[str]:
    """Why (lat, lon) in degrees is not a usable position, or None.

    >>> _check_latlon(34.5, 38.2), _check_latlon(float("nan"), 1.0)
    (None, 'latitude nan / longitude 1.0 not finite; row skipped; give WGS84 degrees (lat -90..90, lon -180..180)')
    """
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return f"latitude {lat!r} / longitude {lon!r} not finite; {_FIX}"
    if not -90 <= lat <= 90:
        return f"latitude {lat!r} outside -90..90 (lat/lon swapped?); {_FIX}"
    if not -180 <= lon <= 180:
        return f"longitude {lon!r} outside -180..180; {_FIX}"
    return None


def _coordinate(value: object) -> float:
    """A coordinate from a cell / JSON value: numbers and numeric text; bools,
    lists, dicts and None raise ValueError (never silently 0/1)."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict, tuple)):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    return float(str(value).strip())


def _open_text(path: Path, what: str):
    if not path.exists():
        raise ImportFormatError(f"{what} {str(path)!r} does not exist; check the path "
                                f"(GeoNames dumps: https://download.geonames.org/export/dump/)")
    if path.is_dir():
        raise ImportFormatError(f"{what} {str(path)!r} is a directory; pass a file")
    return open(path, encoding="utf-8", errors="replace", newline="")


def import_geonames(path: Union[str, Path], index: PlaceIndex,
                    progress: Optional[Callable[[int], None]] = None, *,
                    batch_rows: int = BATCH_ROWS, alternate_names: bool = True) -> ImportStats:
    """Stream a GeoNames dump into ``index``; returns :class:`ImportStats`.

    ``progress(rows_so_far)`` is called after every batch. Places get id
    ``geonames:<geonameid>`` and source ``geonames``; re-importing a file
    replaces its places. Raises ImportFormatError when the file is missing or
    its first data lines are not 19 tab-separated columns.
    """
    p = Path(path)
    stats = ImportStats(str(p), "geonames")
    t0 = time.perf_counter()
    prow: list[tuple] = []
    nrow: list[tuple] = []
    good = 0
    index.bulk_mode(True)
    try:
        with _open_text(p, "GeoNames file") as fh:
            for line_no, line in enumerate(fh, start=1):
                line = line.rstrip("\r\n")
                if not line or line.startswith("#"):
                    continue
                stats.rows += 1
                row = _geonames_row(p, line_no, line.split("\t"), stats, good, alternate_names)
                if row is None:
                    continue
                prow.append(row[0])
                nrow.extend(row[1])
                good += 1
                if len(prow) >= batch_rows:
                    _flush(index, prow, nrow, stats, progress)
                    prow, nrow = [], []
            if good == 0 and stats.rows > 0:
                raise ImportFormatError(
                    f"{str(p)!r} is not a GeoNames dump: no valid rows ({stats.error_count} bad; "
                    f"first: {stats.errors[0] if stats.errors else '?'}); expected 19 tab-separated "
                    f"columns; for your own places use a CSV with name,lat,lon or a GeoJSON file")
            _flush(index, prow, nrow, stats, progress)
    finally:
        index.bulk_mode(False)
    stats.seconds = time.perf_counter() - t0
    return stats


def _geonames_row(p: Path, line_no: int, cols: list[str], stats: ImportStats, good: int,
                  alternate_names: bool) -> Optional[tuple[tuple, list]]:
    """(places row, names rows) of one GeoNames line, or None (the error noted in
    ``stats``); raises ImportFormatError when the file's first lines (``good`` = 0
    valid so far) show it is no GeoNames dump."""
    fname = p.name
    if len(cols) != 19:
        if good == 0 and stats.rows >= 3:
            raise ImportFormatError(
                f"{str(p)!r} is not a GeoNames dump: line {line_no} has {len(cols)} "
                f"tab-separated columns, expected 19 (geonameid, name, asciiname, "
                f"alternatenames, latitude, longitude, ...); for your own places use "
                f"a CSV with name,lat,lon or a GeoJSON file")
        stats.error(f"{fname}:{line_no}: expected 19 tab-separated columns, got {len(cols)}")
        return None
    try:
        gid = int(cols[0])
        lat = float(cols[4])
        lon = float(cols[5])
    except ValueError:
        stats.error(f"{fname}:{line_no}: bad geonameid/latitude/longitude "
                    f"{cols[0]!r}/{cols[4]!r}/{cols[5]!r}")
        return None
    bad = _check_latlon(lat, lon)
    name = cols[1].strip()
    if bad or not name:
        stats.error(f"{fname}:{line_no}: {bad or 'empty name'}")
        return None
    try:
        pop = int(cols[14]) if cols[14] else None
    except ValueError:
        pop = None
    kind = _CODE_KIND.get(cols[7]) or GEONAMES_KIND.get(cols[6], "place")
    alts: list[str] = []
    if cols[2] and cols[2] != name:
        alts.append(cols[2])
    if alternate_names and cols[3]:
        alts.extend(a for a in cols[3].split(",") if a)
    return ((gid, f"geonames:{gid}", name, lat, lon, kind, cols[8] or None, pop, cols[10] or None,
             "geonames"), names_rows(gid, name, alts))


def _flush(index: PlaceIndex, prow, nrow, stats: ImportStats, progress) -> None:
    if prow:
        index.write_batch(prow, nrow)
        index.commit()
        stats.imported += len(prow)
        stats.names += len(nrow)
    if progress is not None:
        progress(stats.rows)


def _split_aliases(s) -> list[str]:
    if not s:
        return []
    if isinstance(s, (list, tuple)):
        return [_text(x) for x in s if _text(x)]
    if not isinstance(s, str):
        return []
    sep = "|" if "|" in s else ";"
    return [x.strip() for x in s.split(sep) if x.strip()]


def _user_rows(p: Path, stats: ImportStats) -> Iterator[tuple[object, dict]]:
    suffix = p.suffix.lower()
    if suffix in (".geojson", ".json"):
        stats.format = "geojson"
        yield from _geojson_rows(p, stats)
        return
    stats.format = "csv"
    with _open_text(p, "CSV file") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(fh, dialect=dialect)
        fields = {(c or "").strip().lower() for c in (reader.fieldnames or [])}
        if "name" not in fields or not ({"lat", "latitude"} & fields) or not ({"lon", "lng", "longitude"} & fields):
            raise ImportFormatError(f"{str(p)!r} needs a header with name, lat, lon (got "
                                    f"{sorted(fields)!r}); optional: kind, aliases, country, id")
        for row in reader:
            yield reader.line_num, {(k or "").strip().lower(): v for k, v in row.items()}


def _geojson_rows(p: Path, stats: ImportStats) -> Iterator[tuple[str, dict]]:
    """(where, props with lat/lon) for every usable Point feature; every
    malformed feature is one error line ("places.geojson:12: feature 3: ...")."""
    with _open_text(p, "GeoJSON file") as fh:
        text = fh.read()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{str(p)!r} is not valid JSON ({exc}); expected a GeoJSON "
                                f"FeatureCollection of Point features") from exc
    except RecursionError:
        raise ImportFormatError(f"{str(p)!r} is nested too deeply to read (thousands of levels); "
                                "expected a GeoJSON FeatureCollection of Point features") from None
    if not isinstance(doc, dict) or doc.get("type") not in ("FeatureCollection", "Feature"):
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise ImportFormatError(f"{str(p)!r} is not a GeoJSON FeatureCollection (type {got!r}); "
                                "expected {\"type\": \"FeatureCollection\", \"features\": [...]}")
    feats = doc.get("features", []) if doc["type"] == "FeatureCollection" else [doc]
    if not isinstance(feats, list):
        raise ImportFormatError(f"{str(p)!r}: \"features\" is a {type(feats).__name__}, not a list "
                                "of Feature objects")
    lines = _feature_lines(text, feats) if doc["type"] == "FeatureCollection" else [1]
    for i, f in enumerate(feats, start=1):
        where = f"{lines[i - 1]}: feature {i}" if lines else f" feature {i}"
        bad = _feature_problem(f)
        if bad:
            stats.error(f"{p.name}:{where}: {bad}; feature skipped")
            continue
        props = dict(f.get("properties") or {})
        lon, lat = f["geometry"]["coordinates"][:2]                    # GeoJSON is lon, lat
        props["lon"], props["lat"] = lon, lat
        yield where, props


def _feature_problem(f: object) -> Optional[str]:
    """Why a GeoJSON feature is not a usable named Point, or None."""
    if not isinstance(f, dict):
        return f"expected a Feature object, got {type(f).__name__} {_short(f)}"
    geom = f.get("geometry")
    if not isinstance(geom, dict):
        return f"geometry is {type(geom).__name__} {_short(geom)}, not a GeoJSON geometry object"
    if geom.get("type") != "Point":
        return f"geometry {_short(geom.get('type'))} is not a Point"
    coords = geom.get("coordinates")
    if not isinstance(coords, list) or len(coords) < 2:
        return f"Point coordinates {_short(coords)} are not a [lon, lat] list"
    if any(isinstance(c, (bool, list, dict)) or c is None for c in coords[:2]):
        return f"Point coordinates {_short(coords)} are not two numbers [lon, lat]"
    props = f.get("properties")
    if props is not None and not isinstance(props, dict):
        return f"properties is {type(props).__name__} {_short(props)}, not an object"
    return None


def _short(v: object, limit: int = 60) -> str:
    r = repr(v)
    return r if len(r) <= limit else r[: limit - 3] + "..."


def _feature_lines(text: str, feats: list) -> list[int]:
    """1-based line of every feature in ``text`` (empty when they cannot be located)."""
    import re

    dec = json.JSONDecoder()
    ws = re.compile(r"[\s,]*")
    for m in re.finditer(r'"features"\s*:\s*\[', text):
        pos, lines = m.end(), []
        try:
            for f in feats:
                pos = ws.match(text, pos).end()
                obj, end = dec.raw_decode(text, pos)
                if obj != f:
                    break
                lines.append(text.count("\n", 0, pos) + 1)
                pos = end
        except (ValueError, RecursionError):
            continue
        if len(lines) == len(feats):
            return lines
    return []


def _text(v: object) -> str:
    """A name / kind / country cell as text; only strings and numbers count."""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return ""


def import_user_places(path: Union[str, Path], index: PlaceIndex) -> ImportStats:
    """Import the user's own places from a CSV or GeoJSON file (see module docs).

    Ids are ``user:<id or slug of the name>``; source ``user``. Bad rows are
    reported in ``errors`` ("places.csv:4: bad lat/lon 'x'/'38.2'").
    """
    p = Path(path)
    stats = ImportStats(str(p), "csv")
    t0 = time.perf_counter()
    pk = index.next_pk(USER_PK_FLOOR)
    prow, nrow = [], []
    seen: dict[str, int] = {}
    for where, r in _user_rows(p, stats):
        stats.rows += 1
        loc = f"{p.name}:{where}"
        name = _text(r.get("name"))
        raw_lat = r.get("lat", r.get("latitude"))
        raw_lon = r.get("lon", r.get("lng", r.get("longitude")))
        try:
            lat = _coordinate(raw_lat)
            lon = _coordinate(raw_lon)
        except (TypeError, ValueError):
            stats.error(f"{loc}: bad lat/lon {_short(raw_lat)}/{_short(raw_lon)}: not numbers; {_FIX}")
            continue
        bad = _check_latlon(lat, lon)
        if bad or not name:
            stats.error(f"{loc}: {bad or 'empty or non-text name; row skipped, give every place a name'}")
            continue
        base = _text(r.get("id")) or slugify(name)
        seen[base] = seen.get(base, 0) + 1
        pid = f"user:{base}" if seen[base] == 1 else f"user:{base}~{seen[base]}"
        own = index.pk_of(pid)
        if own is None:
            own, pk = pk, pk + 1
        kind = _text(r.get("kind")) or "settlement"
        country = (_text(r.get("country")).upper() or None)
        prow.append((own, pid, name, lat, lon, kind, country, None, None, "user"))
        nrow.extend(names_rows(own, name, _split_aliases(r.get("aliases"))))
    if prow:
        index.write_batch(prow, nrow)
        index.commit()
    stats.imported = len(prow)
    stats.names = len(nrow)
    stats.seconds = time.perf_counter() - t0
    return stats


def import_file(path: Union[str, Path], index: Optional[PlaceIndex] = None,
                progress: Optional[Callable[[int], None]] = None, *, fmt: str = "auto",
                index_path: Union[str, Path, None] = None) -> ImportStats:
    """Import a file into an index; returns :class:`ImportStats`.

    ``fmt``: ``geonames``, ``csv``, ``geojson`` or ``auto`` (by suffix:
    ``.txt``/``.tsv`` GeoNames, ``.csv``, ``.geojson``/``.json``). The index
    is ``index``, else a PlaceIndex at ``index_path``, else the user index at
    :func:`~gazetteer.index.default_index_path`.
    """
    p = Path(path)
    idx = index if index is not None else PlaceIndex(index_path)
    fmt = (fmt or "auto").lower()
    if fmt == "auto":
        suf = p.suffix.lower()
        fmt = {".csv": "csv", ".geojson": "geojson", ".json": "geojson",
               ".txt": "geonames", ".tsv": "geonames", "": "geonames"}.get(suf, "")
        if not fmt:
            raise ImportFormatError(
                f"don't know how to import {str(p)!r}: use a GeoNames dump (.txt), a CSV (.csv: "
                f"name,lat,lon[,kind,aliases,country]) or GeoJSON (.geojson), or pass the format")
    if fmt == "geonames":
        stats = import_geonames(p, idx, progress)
    elif fmt in ("csv", "geojson"):
        stats = import_user_places(p, idx)
    else:
        raise ImportFormatError(f"unknown import format {fmt!r}; use geonames, csv, geojson or auto")
    stats.index_path = idx.path
    return stats
