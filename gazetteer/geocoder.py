"""Optional online geocoding (geopy / Nominatim): opt-in, cached on disk, rate limited.

Off by default: a :class:`Geocoder` does nothing unless created with
``enabled=True`` (the CLI's ``--online`` flag); :class:`~gazetteer.store.Gazetteer`
only asks it when every offline lookup failed. Every answer, including "not
found", is cached in SQLite (``<cache_dir()>/geocoder.sqlite``) so a query
goes to the network at most once. Requests go through
``geopy.extra.rate_limiter.RateLimiter`` (1 request/s, Nominatim's usage
policy) with a descriptive user agent.

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
                 min_delay_seconds: float = 1.0, timeout: float = 10.0) -> None:
        self.enabled = enabled
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
            if self.cache_path != ":memory:":
                Path(self.cache_path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.cache_path, check_same_thread=False)
            self._conn.execute("CREATE TABLE IF NOT EXISTS geocode (query TEXT PRIMARY KEY,"
                               " result TEXT, fetched REAL)")
            self._conn.commit()
        return self._conn

    def _cached(self, q: str) -> tuple[bool, Optional[dict]]:
        row = self._db().execute("SELECT result FROM geocode WHERE query=?", (q,)).fetchone()
        if row is None:
            return False, None
        return True, (json.loads(row[0]) if row[0] else None)

    def _store(self, q: str, result: Optional[dict]) -> None:
        self._db().execute("INSERT OR REPLACE INTO geocode VALUES (?, ?, ?)",
                           (q, json.dumps(result, sort_keys=True) if result else None, time.time()))
        self._db().commit()

    # -- backend ------------------------------------------------------------
    def _fn(self):
        if self._geocode_fn is None:
            backend = self._backend
            if backend is None:
                from geopy.geocoders import Nominatim
                backend = Nominatim(user_agent=self.user_agent, timeout=self.timeout)
            from geopy.extra.rate_limiter import RateLimiter
            self._geocode_fn = RateLimiter(backend.geocode, min_delay_seconds=self.min_delay_seconds,
                                           max_retries=1, swallow_exceptions=False)
        return self._geocode_fn

    def geocode(self, name: str, *, country: Optional[str] = None) -> Optional[Place]:
        """The place for ``name`` (cached), None when the service knows none.

        Raises GeocoderError when the geocoder is not enabled or the service fails.
        """
        if not self.enabled:
            raise GeocoderError(f"online geocoder is off; cannot look up {name!r}. Enable it "
                                f"explicitly (Geocoder(enabled=True) / `--online`)")
        q = f"{name.strip()}|{(country or '').upper()}"
        with self._lock:
            hit, result = self._cached(q)
            if hit:
                self.cache_hits += 1
            else:
                kw = {"exactly_one": True}
                if country:
                    kw["country_codes"] = country.lower()
                try:
                    loc = self._fn()(name, **kw)
                except Exception as exc:  # noqa: BLE001 - any backend/network error becomes one type
                    raise GeocoderError(f"geocoding {name!r} failed: {exc}; check the network or "
                                        f"run offline (without --online)") from exc
                self.requests += 1
                result = None
                if loc is not None:
                    raw = getattr(loc, "raw", None) or {}
                    result = {"lat": float(loc.latitude), "lon": float(loc.longitude),
                              "address": str(getattr(loc, "address", "") or name),
                              "type": raw.get("type") or raw.get("addresstype"),
                              "osm": f"{raw.get('osm_type', '')}{raw.get('osm_id', '')}",
                              "country": ((raw.get("address") or {}).get("country_code") or "").upper()}
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


class OnlineGeocoder(Geocoder):
    """A :class:`Geocoder` that is enabled (for an explicit ``--online`` flag).

    Same parameters as :class:`Geocoder`; only ``enabled`` defaults to True.
    """

    def __init__(self, *, enabled: bool = True, **kw: Any) -> None:
        super().__init__(enabled=enabled, **kw)
