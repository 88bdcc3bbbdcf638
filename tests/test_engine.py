"""Engines and the article cache give the same data files as a serial build.

A process pool (--workers 2), a Dask LocalCluster (--engine dask) and a cached
re-build must write byte-identical data/*.geojson and data/*.csv files; a
re-build that adds articles extracts only those; a corrupt cache is moved
aside and rebuilt.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from mapper.cli import main
from tests.shared_paths import SHARED

FAKES = SHARED / "corpus" / "fakes.csv"
N_ROWS = 40   # more than PoolEngine's serial threshold (2 x 16 articles)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The first N_ROWS rows of fakes.csv as a small corpus."""
    out = tmp_path_factory.mktemp("engine") / "corpus.csv"
    with FAKES.open(encoding="latin-1", newline="") as f, out.open("w", encoding="utf-8", newline="") as g:
        rows = csv.reader(f)
        w = csv.writer(g)
        for i, row in enumerate(rows):
            if i > N_ROWS:
                break
            w.writerow(row)
    return out


def _build(corpus: Path, out: Path, *flags: str) -> dict:
    code = main(["build", str(corpus), "--out", str(out), "--no-pages", "--no-gpkg", "-q", *flags])
    assert code in (0, 1)
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _data(out: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted((out / "data").iterdir()) if p.is_file()}
    assert "events.geojson" in files
    return files


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out"
    rep = _build(corpus, out, "--no-cache")
    assert rep["articles"]["processed"] == N_ROWS
    assert rep["extraction"]["cache"] is None
    assert json.loads((out / "data" / "events.geojson").read_text())["features"], "no events: nothing compared"
    return out


@pytest.mark.parametrize("flags, engine", [
    (("--workers", "2", "--no-cache"), "process"),
    (("--engine", "process", "--workers", "2", "--no-cache"), "process"),
    (("--engine", "dask", "--workers", "2", "--no-cache"), "dask"),
])
def test_parallel_engines_write_identical_data(corpus, serial, tmp_path, flags, engine):
    rep = _build(corpus, tmp_path / "out", *flags)
    assert rep["extraction"]["engine"] == engine and rep["extraction"]["workers"] == 2
    assert _data(tmp_path / "out") == _data(serial)


def test_cached_rebuild_is_identical_and_pays_only_for_new_articles(corpus, serial, tmp_path, monkeypatch):
    """A corpus file that grows by 10 articles: the re-build extracts only those."""
    monkeypatch.setenv("FRONTLINE_HOME", str(tmp_path / "home"))
    grows = tmp_path / "corpus.csv"
    rows = list(csv.reader(corpus.open(encoding="utf-8", newline="")))
    with grows.open("w", encoding="utf-8", newline="") as g:
        csv.writer(g).writerows(rows[:N_ROWS - 9])          # header + all but the last 10 articles
    first = _build(grows, tmp_path / "a")
    assert (first["extraction"]["cache"]["hits"], first["extraction"]["cache"]["misses"]) == (0, N_ROWS - 10)
    with grows.open("w", encoding="utf-8", newline="") as g:
        csv.writer(g).writerows(rows)
    again = _build(grows, tmp_path / "b")
    assert (again["extraction"]["cache"]["hits"], again["extraction"]["cache"]["misses"]) == (N_ROWS - 10, 10)
    third = _build(grows, tmp_path / "c")
    assert third["extraction"]["cache"]["misses"] == 0
    serial_again = _build(grows, tmp_path / "d", "--no-cache")
    assert _data(tmp_path / "b") == _data(tmp_path / "c") == _data(tmp_path / "d")
    assert serial_again["extraction"]["cache"] is None


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_corrupt_cache_is_moved_aside_and_rebuilt(corpus, serial, tmp_path, monkeypatch, capsys, garbage):
    home = tmp_path / "home"
    monkeypatch.setenv("FRONTLINE_HOME", str(home))
    _build(corpus, tmp_path / "a")
    db = home / "cache" / "articles.sqlite"
    assert db.exists()
    db.write_bytes(garbage if garbage else db.read_bytes()[:1000])   # truncated, text, damaged pages
    capsys.readouterr()
    rep = _build(corpus, tmp_path / "b")
    err = capsys.readouterr().err
    assert rep["articles"]["processed"] == N_ROWS
    assert _data(tmp_path / "b") == _data(serial)
    if rep["extraction"]["cache"]["hits"] == 0:          # the file was unusable: it was rebuilt
        assert "moved aside" in err or rep["extraction"]["cache"]["misses"] == N_ROWS
    again = _build(corpus, tmp_path / "c")
    assert again["extraction"]["cache"]["misses"] == 0


def test_code_version_changes_with_the_sources(monkeypatch):
    from mapper.engine import cache as cache_mod

    v = cache_mod.code_version()
    assert len(v) == 16 and v == cache_mod.code_version()


@pytest.mark.parametrize("argv, message", [
    (["--workers", "0"], "--workers must be at least 1"),
    (["--scheduler", "tcp://127.0.0.1:1"], "needs --engine dask"),
])
def test_engine_misuse_is_a_clear_error(corpus, tmp_path, capsys, argv, message):
    code = main(["build", str(corpus), "--out", str(tmp_path / "o"), "--no-pages", "-q", "--no-cache", *argv])
    assert code == 2
    assert message in capsys.readouterr().err


def test_workers_with_pages_write_identical_files(corpus, tmp_path):
    """--workers 2 with pages: the data files are written by a second process while the
    pages are made (mapper.engine.beside); every data file and page is byte-identical."""
    def run(out: Path, *flags: str) -> dict[str, bytes]:
        code = main(["build", str(corpus), "--out", str(out), "--no-gpkg", "--no-cache", "-q", *flags])
        assert code in (0, 1)
        files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
                 if p.is_file() and p.name != "report.json"}
        assert "data/events.geojson" in files and "index.html" in files
        assert any(k.startswith("maps/") for k in files)
        return files

    assert run(tmp_path / "w", "--workers", "2") == run(tmp_path / "s")


def test_beside_runs_inline_or_in_a_process_and_reraises():
    from mapper.engine.beside import Beside

    for workers in (1, 2):
        with Beside(workers) as job:
            assert job.submit(sorted, [3, 1, 2]).wait() == [1, 2, 3]
        with Beside(workers) as job, pytest.raises(ValueError):
            job.submit(int, "not a number").wait()


def _die_in_a_helper(parent: int) -> str:
    """Kills the helper process it runs in; returns where it ran when run in ``parent``."""
    import os

    if os.getpid() != parent:
        os._exit(3)
    return "redone here"


def test_helpers_run_tasks_count_their_cpu_and_redo_the_task_of_a_dead_helper():
    """Helpers (mapper.engine.helpers): results and exceptions come back; a helper that dies
    (killed, out of memory) loses no task: it is redone in this process, and later tasks too."""
    import os

    from mapper.engine.helpers import Helpers, current

    with Helpers(0) as none:   # no helper: inline
        assert none.submit(sorted, [2, 1]).result() == [1, 2] and none.cpu_s == 0
    with Helpers(1) as h:
        assert h.start_method in ("forkserver", "spawn")
        job = h.submit(sum, range(1_000_000))
        assert job.result() == sum(range(1_000_000)) and job.helper == 0
        with pytest.raises(ValueError):
            h.submit(int, "not a number").result()
        assert h.load(0) == 0 and h.idle() == [0]
        assert h.cpu_s > 0
        assert h.submit(_die_in_a_helper, os.getpid()).result() == "redone here"
        assert h.submit(_die_in_a_helper, os.getpid()).result() == "redone here"
    assert h.n == 0 and current() is None
