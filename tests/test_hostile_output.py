"""Hostile runs against the output folder (issue 11): interrupted builds, two
builds at once, builds in which nothing succeeds, unwritable --out, a full
disk. The previous output is always left untouched and complete; no staging
folder or lock is left behind.
"""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mapper.cli import main
from mapper.pipeline import build
from mapper.publish import export as export_mod
from mapper.publish.outdir import (BuildInterrupted, OutputDir, OutputError, OutputLockedError,
                                   lock_path)

FAST = dict(write_pages=False, write_gpkg=False, progress=False)
GOOD = "Syrian troops captured Palmyra on 3 May 2016, the army said.\n"
OTHER = "Rebels captured Homs on 4 June 2016, activists said.\n"


@pytest.fixture(autouse=True)
def _plain_extraction(monkeypatch):
    """Extraction is not under test here: every article yields an empty result
    (keeps these tests fast and independent of the extractor)."""
    from mapper.extract import article as article_mod
    from mapper.result import ArticleResult

    monkeypatch.setattr(article_mod, "extract_article", lambda art, gaz=None, sides=None: ArticleResult(art))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(out: Path) -> list[str]:
    """Staging folders, old folders and locks beside ``out``."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """(input folder, output folder, snapshot of the first build's output)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    build([src], out, **FAST)
    snap = _snapshot(out)
    assert "report.json" in snap and "data/events.geojson" in snap
    (src / "b.txt").write_text(OTHER, encoding="utf-8")   # the next build would differ
    return src, out, snap


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_interrupted_build_keeps_previous_output(built, monkeypatch, sig):
    src, out, snap = built
    real = export_mod.write_geojson

    def write_then_die(layers, folder):
        real(layers, folder)                    # half of the new output is written ...
        os.kill(os.getpid(), sig)               # ... when the signal arrives

    monkeypatch.setattr(export_mod, "write_geojson", write_then_die)
    with pytest.raises(KeyboardInterrupt) as ei:
        build([src], out, **FAST)
    if sig == signal.SIGTERM:
        assert isinstance(ei.value, BuildInterrupted)
    assert _snapshot(out) == snap
    assert _leftovers(out) == []
    assert signal.getsignal(signal.SIGTERM) is not None   # the handler was restored
    monkeypatch.setattr(export_mod, "write_geojson", real)
    build([src], out, **FAST)                  # re-running always works
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert rep["articles"]["processed"] == 2


def test_interrupted_cli_build_exits_130_and_keeps_output(built, monkeypatch, capsys):
    src, out, snap = built

    def die(*a, **k):
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(export_mod, "write_geojson", die)
    assert main(["build", str(src), "--out", str(out), "--no-pages", "--no-gpkg", "-q"]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "untouched" in err
    assert _snapshot(out) == snap and _leftovers(out) == []


def test_second_build_into_same_out_is_locked(built, capsys):
    src, out, snap = built
    lock = lock_path(out)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock.write_text(json.dumps({"pid": holder.pid, "started": "2026-01-01T00:00:00"}), encoding="utf-8")
        with pytest.raises(OutputLockedError, match=r"another build \(pid \d+"):
            build([src], out, **FAST)
        assert main(["build", str(src), "--out", str(out), "--no-pages", "--no-gpkg", "-q"]) == 2
        err = capsys.readouterr().err
        assert "another build" in err and str(lock) in err
        assert lock.exists()                    # somebody else's lock is never removed
        assert _snapshot(out) == snap
    finally:
        holder.kill()
        holder.wait()


def test_stale_lock_of_dead_process_is_taken_over(built, capsys):
    src, out, _ = built
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(out).write_text(json.dumps({"pid": dead.pid}), encoding="utf-8")
    (out.parent / f".{out.name}.tmp-{dead.pid}").mkdir()     # a staging folder of the killed build
    build([src], out, **FAST)
    assert "stale lock" in capsys.readouterr().err
    assert _leftovers(out) == []
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["articles"]["processed"] == 2


def test_nothing_usable_keeps_previous_output(built, tmp_path, capsys):
    _, out, snap = built
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    rc = main(["build", str(bad), str(tmp_path / "missing.txt"), "--out", str(out), "--no-pages", "--no-gpkg", "-q"])
    assert rc == 2
    assert "previous output" in capsys.readouterr().err
    assert _snapshot(out) == snap and _leftovers(out) == []


def test_nothing_usable_without_previous_output_publishes_the_report(tmp_path):
    out = tmp_path / "fresh"
    assert main(["build", str(tmp_path / "missing.txt"), "--out", str(out), "--no-pages", "--no-gpkg", "-q"]) == 2
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert rep["articles"]["failed"] == 1 and "missing.txt" in rep["failures"][0]["message"]


@pytest.mark.parametrize("case", ["read-only folder", "below a file", "out is a file"])
def test_unwritable_out_is_found_before_extraction(tmp_path, monkeypatch, capsys, case):
    import mapper.pipeline as pipeline_mod

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    if case == "read-only folder":
        out = tmp_path / "ro"
        out.mkdir()
        out.chmod(0o555)
    elif case == "below a file":
        (tmp_path / "file").write_text("x", encoding="utf-8")
        out = tmp_path / "file" / "out"
    else:
        out = tmp_path / "out.txt"
        out.write_text("x", encoding="utf-8")

    def no_extraction(*a, **k):
        raise AssertionError("extraction ran before --out was checked")

    monkeypatch.setattr(pipeline_mod, "extract_all", no_extraction)
    try:
        assert main(["build", str(src), "--out", str(out), "--no-pages", "--no-gpkg", "-q"]) == 2
    finally:
        if case == "read-only folder":
            out.chmod(0o755)
    err = capsys.readouterr().err
    assert "frontline: error:" in err and str(out) in err
    assert any(w in err for w in ("read-only", "is a file", "cannot create", "cannot write"))


def test_full_disk_leaves_no_tmp_and_keeps_output(built, monkeypatch):
    src, out, snap = built

    def disk_full(layers, folder):
        (Path(folder) / "events.geojson.tmp").parent.mkdir(parents=True, exist_ok=True)
        (Path(folder) / "events.geojson.tmp").write_text("{", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_mod, "write_geojson", disk_full)
    with pytest.raises(OutputError, match="disk is full"):
        build([src], out, **FAST)
    assert _snapshot(out) == snap
    assert _leftovers(out) == []
    assert not list(out.parent.rglob("*.tmp"))


def test_foreign_files_survive_and_stale_pages_go(built):
    src, out, _ = built
    (out / ".gitkeep").write_text("", encoding="utf-8")
    (out / "notes").mkdir()
    (out / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    (out / "maps").mkdir(exist_ok=True)
    (out / "maps" / "2099-01-01.html").write_text("stale", encoding="utf-8")
    build([src], out, **FAST)
    assert (out / ".gitkeep").exists() and (out / "notes" / "mine.txt").read_text() == "keep me"
    assert not (out / "maps" / "2099-01-01.html").exists()
    assert _leftovers(out) == []


def test_swap_cut_in_the_middle_is_repaired(tmp_path, capsys):
    out = tmp_path / "out"
    old = tmp_path / ".out.old-99999999"
    old.mkdir()
    (old / "report.json").write_text("{}", encoding="utf-8")
    with OutputDir(out):
        pass                                    # opened and closed without a commit
    assert (out / "report.json").read_text() == "{}"
    assert "restored the previous output" in capsys.readouterr().err
    assert _leftovers(out) == []


@pytest.mark.parametrize("folder", ["/tmp", "/", "~"])
def test_system_folders_are_refused_as_out(folder):
    with pytest.raises(OutputError, match="subfolder|file-system root"):
        OutputDir(Path(folder).expanduser()).open()


def test_out_that_is_the_working_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="current folder"):
        OutputDir(".").open()
    with pytest.raises(OutputError, match="current folder"):
        OutputDir(tmp_path.parent).open()


# --------------------------------------------------------------------------- exit codes, counted warnings

def test_exit_codes(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    args = ["--no-pages", "--no-gpkg", "-q"]
    assert main(["build", str(src), "--out", str(tmp_path / "o0"), *args]) == 0
    assert main(["build", str(src), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o1"), *args]) == 1
    assert main(["build", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o2"), *args]) == 2
    assert main(["build", str(src), "--encoding", "klingon", "--out", str(tmp_path / "o3"), *args]) == 2
    assert "unknown --encoding 'klingon'" in capsys.readouterr().err
    assert not (tmp_path / "o3").exists()


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"]])
def test_help_documents_exit_codes(argv, capsys):
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert "Exit codes: 0 success; 1 some articles failed" in " ".join(out.split())
    assert "2 misuse or nothing usable" in " ".join(out.split())


def test_warnings_are_counted_in_report(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "c.csv").write_text('id,date,text\n1,2016-02-30,"Rebels captured Homs."\n1,,"Rebels captured Homs."\n',
                               encoding="utf-8")
    build([src], tmp_path / "out", **FAST)
    rep = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert rep["counts"]["warnings"] == len(rep["warnings"]) >= 2
    kinds = rep["counts"]["warnings_by_kind"]
    assert kinds.get("date_warning", 0) >= 1 and kinds.get("warning", 0) >= 1
    assert any("2016-02-30" in w["message"] and "not a calendar date" in w["message"] for w in rep["warnings"])


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_killed_cli_build_keeps_previous_output(built, tmp_path, sig):
    """A real `frontline build` process signalled in the middle of its work."""
    import time

    _, out, snap = built
    corpus = tmp_path / "many.csv"
    corpus.write_text("id,text\n" + "".join(f'{i},"Rebels captured Homs and Palmyra, report {i}."\n'
                                             for i in range(20_000)), encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-m", "mapper", "build", str(corpus), "--out", str(out),
                             "--no-pages", "--no-gpkg", "-q"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(2400):                   # wait (up to minutes) until it is writing
            if lock_path(out).exists() and list(out.parent.glob(f".{out.name}.tmp-*")):
                break
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert _snapshot(out) == snap
    assert _leftovers(out) == []
