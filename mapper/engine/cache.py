"""Per-article cache: a re-build pays only for new or changed articles.

A result is stored under the SHA-256 of the article (every field: text, date,
outlet, id...), the code version (the sources of the per-article stages and
of the gazetteer), the gazetteer version (its data files and the user index)
and the side table. Any change to one of them is a miss. The cache is one
SQLite file, ``$FRONTLINE_HOME/cache/articles.sqlite`` by default; a corrupt
file is moved aside with a message and rebuilt, and a row that no longer
unpickles is a miss.

>>> import tempfile, pathlib
>>> from mapper.model import Article
>>> c = ArticleCache(pathlib.Path(tempfile.mkdtemp()) / "a.sqlite", salt="t")
>>> c.get(Article(id="a", text="x")) is None
True
"""
from __future__ import annotations

import hashlib
import pickle
import sqlite3
import time
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from mapper.model import Article
from mapper.result import ArticleResult

#: folders whose sources decide what extraction produces (relative to the repo)
_CODE_DIRS = ("mapper/read", "mapper/extract", "gazetteer")
_CODE_FILES = ("mapper/model.py", "mapper/result.py")


@lru_cache(maxsize=1)
def code_version() -> str:
    """SHA-256 (hex, 16 chars) of the sources and packaged data of the per-article
    stages and the gazetteer: any edit to them invalidates every cached result."""
    root = Path(__file__).resolve().parents[2]
    h = hashlib.sha256()
    paths: list[Path] = [root / f for f in _CODE_FILES]
    for d in _CODE_DIRS:
        paths.extend(p for p in (root / d).rglob("*") if p.is_file() and p.suffix != ".pyc"
                     and "__pycache__" not in p.parts)
    for p in sorted(paths):
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def spec_version(gazetteer_index: Optional[Path], online_geocoder: bool, sides: Optional[Path]) -> str:
    """The parts of a build's set-up that change results besides the code: the
    user gazetteer index (path, size and modification time), the online
    geocoder flag and the side table's content."""
    from gazetteer.index import default_index_path

    h = hashlib.sha256()
    idx = Path(gazetteer_index) if gazetteer_index else default_index_path()
    if idx.exists():
        st = idx.stat()
        h.update(f"{idx.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    h.update(b"online" if online_geocoder else b"offline")
    if sides:
        h.update(Path(sides).read_bytes())
    return h.hexdigest()[:16]


def article_key(article: Article, salt: str) -> str:
    """The cache key of ``article`` under ``salt`` (code + gazetteer + sides versions)."""
    return hashlib.sha256(salt.encode() + b"\0" + repr(article).encode("utf-8", "surrogatepass")).hexdigest()


class ArticleCache:
    """Results of extract_article by article key, in one SQLite file.

    ``say`` prints a one-line message (a corrupt cache moved aside).
    """

    def __init__(self, path: Path, salt: str, say: Callable[[str], None] = print) -> None:
        self.path = Path(path)
        self.salt = salt
        self.say = say
        self.hits = 0
        self.misses = 0
        self._pending: list[tuple[str, bytes]] = []
        self._db = self._open()

    @classmethod
    def default_path(cls) -> Path:
        from gazetteer.index import cache_dir

        return cache_dir() / "cache" / "articles.sqlite"

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = self._connect()
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            self.path.replace(aside)
            self.say(f"frontline: the article cache {str(self.path)!r} was unreadable ({exc}); "
                     f"moved aside to {aside.name!r} and rebuilt")
            db = self._connect()
        return db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=30)
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, blob BLOB NOT NULL)")
        db.execute("SELECT count(*) FROM results WHERE key = ''").fetchone()   # reads a page: detects garbage
        return db

    def has(self, article: Article) -> bool:
        """True when a result for ``article`` is stored. Absent counts as a miss
        (the build extracts it); present is not yet a hit: the build reads it with
        :meth:`get` when its turn comes, one result in memory at a time."""
        key = article_key(article, self.salt)
        try:
            row = self._db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            self.misses += 1
        return row is not None

    def get(self, article: Article) -> Optional[ArticleResult]:
        """The cached result for ``article``, or None (a miss)."""
        key = article_key(article, self.salt)
        try:
            row = self._db.execute("SELECT blob FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is not None:
            try:
                res = pickle.loads(zlib.decompress(row[0]))
            except Exception:  # noqa: BLE001 - a stale or damaged row is a miss
                res = None
            if isinstance(res, ArticleResult):
                self.hits += 1
                return res
        self.misses += 1
        return None

    def put(self, article: Article, result: ArticleResult) -> None:
        """Remember ``result`` for ``article`` (written at :meth:`flush`)."""
        blob = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._pending.append((article_key(article, self.salt), blob))
        if len(self._pending) >= 500:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", self._pending)
        except sqlite3.DatabaseError as exc:   # a full disk or a damaged file: the build goes on
            self.say(f"frontline: could not write the article cache {str(self.path)!r}: {exc}")
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        self._db.close()
