"""On-disk SQLite place index (places + names tables).

Used for the user's imports (GeoNames dumps, CSV, GeoJSON) and for the cached
global baseline. Every name is stored under its :func:`~gazetteer.normalize.name_key`
(and, when it carries feature words, under its core key with the kind hint),
so a lookup is one indexed ``SELECT`` (well under a millisecond, see
``bench/bench_gazetteer_import.py``).

Schema::

    places(pk INTEGER PRIMARY KEY, id TEXT UNIQUE, name, lat, lon, kind, country,
           population, admin1, source)
    names(key TEXT, place INTEGER, name TEXT, hint TEXT, method TEXT,
          PRIMARY KEY (key, place, method)) WITHOUT ROWID

``method`` is ``name`` (the place's main name), ``alt`` (an alternate name) or
``core`` (a core key after :func:`~gazetteer.normalize.strip_feature_words`,
``hint`` then holds the kind hint).

>>> idx = PlaceIndex(":memory:")
>>> idx.add_places([(Place(id="user:x", name="Al Dawah", lat=34.56, lon=38.22), ("Doua",))])
1
>>> [p.name for p, _, _, _ in idx.lookup(name_key("Doua"))]
['Al Dawah']
"""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, Union

from gazetteer.errors import GazetteerError
from gazetteer.model import Place
from gazetteer.normalize import name_key, strip_feature_words

__all__ = ["PlaceIndex", "default_index_path", "cache_dir", "SCHEMA_VERSION", "names_rows"]

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS places (
    pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, kind TEXT NOT NULL, country TEXT,
    population INTEGER, admin1 TEXT, source TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, place INTEGER NOT NULL, name TEXT NOT NULL, hint TEXT,
    method TEXT NOT NULL, PRIMARY KEY (key, place, method)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_place ON names(place);
CREATE INDEX IF NOT EXISTS places_country ON places(country);
"""

PlaceRow = tuple  # (pk, id, name, lat, lon, kind, country, population, admin1, source)


def cache_dir() -> Path:
    """The frontline cache directory: ``$FRONTLINE_HOME`` or ``~/.cache/frontline``."""
    home = os.environ.get("FRONTLINE_HOME")
    return Path(home).expanduser() if home else Path.home() / ".cache" / "frontline"


def default_index_path() -> Path:
    """Default user index: ``<cache_dir()>/gazetteer.sqlite``."""
    return cache_dir() / "gazetteer.sqlite"


def names_rows(pk: int, name: str, aliases: Iterable[str] = ()) -> list[tuple]:
    """Rows (key, place, name, hint, method) for a place's name and aliases.

    Each name is stored under its full key; when it carries feature words
    also under its core key with the kind hint (method ``core``).
    """
    rows: dict[tuple[str, str], tuple] = {}
    for i, n in enumerate((name, *aliases)):
        if not n:
            continue
        k = name_key(n)
        if not k:
            continue
        method = "name" if i == 0 else "alt"
        if (k, "name") not in rows and (k, method) not in rows:
            rows[(k, method)] = (k, pk, n, None, method)
        core, hint = strip_feature_words(n)
        if hint:
            ck = name_key(core)
            if ck and ck != k and (ck, "core") not in rows:
                rows[(ck, "core")] = (ck, pk, n, hint, "core")
    return list(rows.values())


class PlaceIndex:
    """A SQLite place index at ``path`` (``":memory:"`` for a throw-away one).

    Thread-safe for reads (one connection per thread); writes are meant for a
    single importer at a time. ``readonly=True`` opens an existing file
    without creating it.
    """

    def __init__(self, path: Union[str, Path, None] = None, *, readonly: bool = False):
        self.path = str(path) if path is not None else str(default_index_path())
        self.readonly = readonly
        self._local = threading.local()
        self._place_cache: dict[int, Place] = {}
        if self.path != ":memory:" and not readonly:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        if readonly and self.path != ":memory:" and not Path(self.path).exists():
            raise GazetteerError(
                f"place index {self.path!r} does not exist; import places first "
                f"(frontline gazetteer import FILE) or pass another path")
        self._memory_conn: Optional[sqlite3.Connection] = None
        if self.path == ":memory:":
            self._memory_conn = sqlite3.connect(":memory:", check_same_thread=False)
        con = self.conn
        if not readonly:
            con.executescript(_SCHEMA)
            con.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            con.commit()

    # -- health ---------------------------------------------------------
    def problem(self) -> Optional[str]:
        """None when the file looks like a usable index, else what is wrong
        ("not an SQLite database", "truncated: 1,204,224 of 9,437,184 bytes",
        "database disk image is malformed", ...). Cheap: the header, the size
        against the page count, the meta table and one lookup - not a full scan."""
        if self.path == ":memory:":
            return None
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(100)
        except OSError as exc:
            return f"unreadable: {exc.strerror}"
        if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
            return "not an SQLite database (truncated or overwritten)"
        try:
            c = self.conn
            page_size = c.execute("PRAGMA page_size").fetchone()[0]
            pages = c.execute("PRAGMA page_count").fetchone()[0]
            size = os.path.getsize(self.path)
            if size < page_size * pages:
                return f"truncated: {size:,} of {page_size * pages:,} bytes"
            c.execute("SELECT v FROM meta LIMIT 1").fetchall()
            c.execute("SELECT key FROM names ORDER BY key LIMIT 1").fetchall()
            c.execute("SELECT key FROM names ORDER BY key DESC LIMIT 1").fetchall()
            c.execute("SELECT id FROM places ORDER BY pk DESC LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return None

    def move_aside(self) -> Path:
        """Close and rename the file to ``<name>.corrupt-<n>`` (kept for inspection); returns the new path."""
        self.close()
        src = Path(self.path)
        n = 1
        while src.with_name(f"{src.name}.corrupt-{n}").exists():
            n += 1
        dst = src.with_name(f"{src.name}.corrupt-{n}")
        os.replace(src, dst)
        return dst

    # -- connection -----------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        if self._memory_conn is not None:
            return self._memory_conn
        c = getattr(self._local, "conn", None)
        if c is None:
            if self.readonly:
                c = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            else:
                c = sqlite3.connect(self.path, timeout=30)
            try:
                c.execute("PRAGMA cache_size=-65536")
                c.execute("PRAGMA mmap_size=1073741824")     # read pages through the OS cache
            except sqlite3.DatabaseError:
                pass        # a corrupt file: problem() says what is wrong
            self._local.conn = c
        return c

    def close(self) -> None:
        """Close this thread's connection."""
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None

    # -- meta -----------------------------------------------------------
    def get_meta(self, k: str) -> Optional[str]:
        """A value of the meta table or None."""
        try:
            row = self.conn.execute("SELECT v FROM meta WHERE k=?", (k,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row else None

    def set_meta(self, k: str, v: str) -> None:
        """Set a meta value (committed)."""
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, v))
        self.conn.commit()

    # -- writing --------------------------------------------------------
    def bulk_mode(self, on: bool = True) -> None:
        """Fast, unsafe-on-power-loss pragmas for a big import (off restores)."""
        c = self.conn
        if on:
            c.execute("PRAGMA synchronous=OFF")
            c.execute("PRAGMA journal_mode=MEMORY")
            c.execute("PRAGMA cache_size=-262144")
        else:
            c.execute("PRAGMA synchronous=NORMAL")
            c.execute("PRAGMA journal_mode=DELETE")

    def next_pk(self, floor: int = 0) -> int:
        """A free primary key >= floor (user places use a range above GeoNames ids)."""
        row = self.conn.execute("SELECT max(pk) FROM places WHERE pk >= ?", (floor,)).fetchone()
        return max(floor, (row[0] or floor - 1) + 1)

    def pk_of(self, place_id: str) -> Optional[int]:
        """The primary key of an existing place id, or None."""
        row = self.conn.execute("SELECT pk FROM places WHERE id=?", (place_id,)).fetchone()
        return row[0] if row else None

    def write_batch(self, place_rows: Sequence[tuple], name_rows: Sequence[tuple]) -> None:
        """Insert one batch: place rows (pk, id, name, lat, lon, kind, country,
        population, admin1, source) and name rows (key, place, name, hint, method)."""
        c = self.conn
        c.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
        c.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?,?,?)", name_rows)

    def commit(self) -> None:
        """Commit the current transaction."""
        self.conn.commit()
        self._place_cache.clear()

    def add_places(self, items: Iterable[tuple[Place, Sequence[str]]], pk_floor: int = 10**12) -> int:
        """Add (Place, aliases) pairs; returns how many. Existing ids are replaced."""
        n = 0
        prow, nrow = [], []
        pk = self.next_pk(pk_floor)
        for place, aliases in items:
            own = self.pk_of(place.id)
            if own is None:
                own, pk = pk, pk + 1
            prow.append((own, place.id, place.name, place.lat, place.lon, place.kind,
                         place.country, place.population, place.admin1, place.source))
            nrow.extend(names_rows(own, place.name, (*place.aliases, *aliases)))
            n += 1
        self.write_batch(prow, nrow)
        self.commit()
        return n

    # -- reading --------------------------------------------------------
    def _place(self, row: PlaceRow) -> Place:
        p = self._place_cache.get(row[0])
        if p is None:
            p = Place(id=row[1], name=row[2], lat=row[3], lon=row[4], kind=row[5],
                      country=row[6], source=row[9], population=row[7], admin1=row[8])
            if len(self._place_cache) < 200_000:
                self._place_cache[row[0]] = p
        return p

    def lookup(self, key: str, *, methods: Optional[Sequence[str]] = None
               ) -> list[tuple[Place, str, Optional[str], str]]:
        """Places stored under ``key``: (place, matched name, kind hint, method).

        ``methods`` restricts to ``name`` / ``alt`` / ``core`` rows.
        """
        if not key:
            return []
        rows = self.conn.execute(
            "SELECT p.pk, p.id, p.name, p.lat, p.lon, p.kind, p.country, p.population, p.admin1,"
            " p.source, n.name, n.hint, n.method FROM names n JOIN places p ON p.pk = n.place"
            " WHERE n.key = ? ORDER BY p.pk, n.method", (key,)).fetchall()
        out = []
        for r in rows:
            if methods is not None and r[12] not in methods:
                continue
            out.append((self._place(r[:10]), r[10], r[11], r[12]))
        return out

    def get(self, place_id: str) -> Optional[Place]:
        """The place with this id, or None."""
        r = self.conn.execute(
            "SELECT pk, id, name, lat, lon, kind, country, population, admin1, source"
            " FROM places WHERE id=?", (place_id,)).fetchone()
        return self._place(r) if r else None

    def aliases_of(self, place_id: str) -> tuple[str, ...]:
        """All stored alternate names of a place (sorted, deduplicated)."""
        rows = self.conn.execute(
            "SELECT DISTINCT n.name FROM names n JOIN places p ON p.pk = n.place"
            " WHERE p.id=? AND n.method='alt' ORDER BY n.name", (place_id,)).fetchall()
        return tuple(r[0] for r in rows)

    def iter_names(self, *, min_population: int = 0, countries: Sequence[str] = (),
                   methods: Sequence[str] = ("name", "alt", "core")
                   ) -> Iterator[tuple[str, str, int, str, Optional[str]]]:
        """(key, name, population, method, country) rows of places with
        population >= min_population or in ``countries`` (text matcher input)."""
        q = ("SELECT n.key, n.name, coalesce(p.population, 0), n.method, p.country FROM names n"
             " JOIN places p"
             " ON p.pk = n.place WHERE n.method IN (%s) AND (coalesce(p.population,0) >= ?"
             % ",".join("?" * len(methods)))
        args: list = [*methods, min_population]
        if countries:
            q += " OR p.country IN (%s)" % ",".join("?" * len(countries))
            args.extend(countries)
        q += ")"
        yield from self.conn.execute(q, args)

    def all_keys(self) -> list[str]:
        """Every distinct name key (for the fuzzy fallback)."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT key FROM names WHERE method != 'core'")]

    def keys_in_countries(self, countries: Sequence[str]) -> list[str]:
        """Distinct name keys (not core keys) of places in these countries (ISO2)."""
        if not countries:
            return []
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT n.key FROM names n JOIN places p ON p.pk = n.place WHERE n.method != 'core'"
            " AND p.country IN (%s)" % ",".join("?" * len(countries)), list(countries))]

    def count(self) -> int:
        """Number of places."""
        return self.conn.execute("SELECT count(*) FROM places").fetchone()[0]

    def __len__(self) -> int:
        return self.count()

    def __repr__(self) -> str:
        return f"PlaceIndex({self.path!r})"
