"""Optional online geocoding (geopy / Nominatim): opt-in, cached on disk, rate limited.

Off by default: a :class:`Geocoder` does nothing unless created with
``enabled=True`` (the CLI's ``--online`` flag); :class:`~gazetteer.store.Gazetteer`
only asks it when every offline lookup failed. Every answer, including "not
found", is cached in SQLite (``<cache_dir()>/geocoder.sqlite``) so a query
goes to the network at most once. Requests go through
``geopy.extra.rate_limiter.RateLimiter`` (1 request/s, Nominatim's usage
policy) with a descriptive user agent.

A missing network never blocks or fails a build: every request has a
timeout (``timeout``, default :data:`DEFAULT_TIMEOUT_S` s) and no retry; the
first network failure raises :class:`~gazetteer.errors.GeocoderError` (the
gazetteer logs it once and goes on offline) and switches the geocoder off for
the rest of the run (``offline_reason``): later lookups return None at once
without touching the network. A corrupt cache file is replaced by an
in-memory cache with a warning; an answer with impossible coordinates is
treated as "not found". ``domain`` / ``scheme`` (or the environment variables
``FRONTLINE_NOMINATIM_DOMAIN`` / ``FRONTLINE_NOMINATIM_SCHEME``) point at
another Nominatim server.

Tests inject a fake backend (any object with ``geocode(query, **kw)``
returning an object with ``latitude``, ``longitude``, ``address`` and ``raw``,
or None) and never touch the network:

>>> class Fake:
...     def geocode(self, q, **kw):
...         return None
>>> Geocoder(enabled=True, backend=Fake(), cache_path=":memory:", min_delay_seconds=0).geocode("Nowhere")
"""
from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Optional, Union

from gazetteer.errors import GeocoderError
from gazetteer.index import cache_dir
from gazetteer.model import Place
from gazetteer.normalize import name_key
from gazetteer.regional import slugify

__all__ = ["Geocoder", "OnlineGeocoder", "USER_AGENT", "default_cache_path"]

USER_AGENT = "frontline-mapper/0.1 (offline-first front-line mapper; geopy)"
#: Seconds before one online request gives up.
DEFAULT_TIMEOUT_S = 5.0
log = logging.getLogger(__name__)
_KIND = {"city": "settlement", "town": "settlement", "village": "settlement", "hamlet": "settlement",
         "suburb": "district", "neighbourhood": "district", "aerodrome": "airbase",
         "peak": "hill", "hill": "hill", "military": "military base", "dam": "dam",
         "country": "country", "state": "region", "administrative": "region"}


def default_cache_path() -> Path:
    """``<cache_dir()>/geocoder.sqlite``."""
    return cache_dir() / "geocoder.sqlite"


class Geocoder:
    """Opt-in online geocoder with a disk cache and a rate limiter.

    ``enabled`` must be True for any lookup; ``backend`` defaults to geopy's
    Nominatim with ``user_agent``; ``cache_path`` (``":memory:"`` allowed)
    defaults to :func:`default_cache_path`; ``min_delay_seconds`` is the rate
    limit (default 1.0 s between requests).
    """

    def __init__(self, *, enabled: bool = False, backend: Any = None,
                 cache_path: Union[str, Path, None] = None, user_agent: str = USER_AGENT,
                 min_delay_seconds: float = 1.0, timeout: float = DEFAULT_TIMEOUT_S,
                 domain: Optional[str] = None, scheme: Optional[str] = None) -> None:
        self.enabled = enabled
        self.domain = domain or os.environ.get("FRONTLINE_NOMINATIM_DOMAIN") or None
        self.scheme = scheme or os.environ.get("FRONTLINE_NOMINATIM_SCHEME") or None
        #: why the geocoder switched itself off for this run (None: it did not)
        self.offline_reason: Optional[str] = None
        self.user_agent = user_agent
        self.min_delay_seconds = min_delay_seconds
        self.timeout = timeout
        self._backend = backend
        self._geocode_fn = None
        self.cache_path = str(cache_path) if cache_path is not None else str(default_cache_path())
        self._lock = threading.Lock()
        self._conn: Optional[sqlite3.Connection] = None
        self.requests = 0            # network (backend) calls made by this object
        self.cache_hits = 0

    # -- cache ------------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                if self.cache_path != ":memory:":
                    Path(self.cache_path).parent.mkdir(parents=True, exist_ok=True)
                self._conn = self._open(self.cache_path)
            except (sqlite3.Error, OSError) as exc:
                log.warning("geocoder cache %r is unusable (%s); using an in-memory cache for this run "
                            "(delete the file to rebuild it)", self.cache_path, exc)
                self._conn = self._open(":memory:")
        return self._conn

    @staticmethod
    def _open(path: str) -> sqlite3.Connection:
        conn = sqlite3.connect(path, check_same_thread=False)
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS geocode (query TEXT PRIMARY KEY,"
                         " result TEXT, fetched REAL)")
            conn.execute("SELECT count(*) FROM geocode").fetchone()
            conn.commit()
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _cached(self, q: str) -> tuple[bool, Optional[dict]]:
        try:
            row = self._db().execute("SELECT result FROM geocode WHERE query=?", (q,)).fetchone()
            if row is None:
                return False, None
            result = json.loads(row[0]) if row[0] else None
        except (sqlite3.Error, ValueError, TypeError):
            return False, None
        if result is not None and not _valid_result(result):
            return False, None
        return True, result

    def _store(self, q: str, result: Optional[dict]) -> None:
        try:
            self._db().execute("INSERT OR REPLACE INTO geocode VALUES (?, ?, ?)",
                               (q, json.dumps(result, sort_keys=True) if result else None, time.time()))
            self._db().commit()
        except sqlite3.Error as exc:
            log.warning("geocoder cache %r cannot be written (%s); the answer is not cached",
                        self.cache_path, exc)

    # -- backend ------------------------------------------------------------
    def _fn(self):
        if self._geocode_fn is None:
            backend = self._backend
            if backend is None:
                from geopy.geocoders import Nominatim
                kw: dict[str, Any] = {}
                if self.domain:
                    kw["domain"] = self.domain
                if self.scheme:
                    kw["scheme"] = self.scheme
                backend = Nominatim(user_agent=self.user_agent, timeout=self.timeout, **kw)
            from geopy.extra.rate_limiter import RateLimiter
            # no retries: a retry waits seconds, and a dead network stays dead
            self._geocode_fn = RateLimiter(backend.geocode, min_delay_seconds=self.min_delay_seconds,
                                           max_retries=0, swallow_exceptions=False)
        return self._geocode_fn

    def geocode(self, name: str, *, country: Optional[str] = None) -> Optional[Place]:
        """The place for ``name`` (cached), None when the service knows none.

        Raises GeocoderError when the geocoder is not enabled or the service
        fails (the first failure only: the geocoder then stays offline for the
        run and answers None from the cache or at once).
        """
        if not self.enabled:
            raise GeocoderError(f"online geocoder is off; cannot look up {name!r}. Enable it "
                                f"explicitly (Geocoder(enabled=True) / `--online`)")
        if not isinstance(name, str) or not name.strip():
            return None
        q = f"{name.strip()}|{(country or '').upper()}"
        with self._lock:
            hit, result = self._cached(q)
            if hit:
                self.cache_hits += 1
            elif self.offline_reason is not None:
                return None             # the network failed earlier in this run: do not wait again
            else:
                kw = {"exactly_one": True}
                if country:
                    kw["country_codes"] = country.lower()
                try:
                    loc = self._fn()(name, **kw)
                except Exception as exc:  # noqa: BLE001 - any backend/network error becomes one type
                    self.offline_reason = f"{type(exc).__name__}: {exc}"
                    raise GeocoderError(f"geocoding {name!r} failed: {exc}; the online geocoder is off for "
                                        f"the rest of this run (check the network, or run without "
                                        f"--online-geocoder)") from exc
                self.requests += 1
                result = None
                if loc is not None:
                    raw = getattr(loc, "raw", None) or {}
                    if not isinstance(raw, dict):
                        raw = {}
                    try:
                        result = {"lat": float(loc.latitude), "lon": float(loc.longitude),
                                  "address": str(getattr(loc, "address", "") or name),
                                  "type": raw.get("type") or raw.get("addresstype"),
                                  "osm": f"{raw.get('osm_type', '')}{raw.get('osm_id', '')}",
                                  "country": str((raw.get("address") or {}).get("country_code") or "").upper()}
                    except (TypeError, ValueError, AttributeError):
                        result = None
                    if result is not None and not _valid_result(result):
                        log.warning("geocoder: answer for %r has impossible coordinates %r, %r; ignored",
                                    name, result["lat"], result["lon"])
                        result = None
                self._store(q, result)
        if result is None:
            return None
        pid = f"geocoder:{result['osm'] or slugify(name)}"
        return Place(id=pid, name=name.strip(), lat=result["lat"], lon=result["lon"],
                     kind=_KIND.get(result.get("type") or "", "place"),
                     country=result.get("country") or country or None, source="geocoder",
                     aliases=(result["address"],) if name_key(result["address"]) != name_key(name) else ())

    def close(self) -> None:
        """Close the cache connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _valid_result(result: dict) -> bool:
    """A cached / fetched answer with finite lat/lon in range (degrees)."""
    try:
        lat, lon = float(result["lat"]), float(result["lon"])
    except (KeyError, TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


class OnlineGeocoder(Geocoder):
    """A :class:`Geocoder` that is enabled (for an explicit ``--online`` flag).

    Same parameters as :class:`Geocoder`; only ``enabled`` defaults to True.
    """

    def __init__(self, *, enabled: bool = True, **kw: Any) -> None:
        super().__init__(enabled=enabled, **kw)
