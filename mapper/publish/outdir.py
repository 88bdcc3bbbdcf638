"""Atomic output folders: a build never leaves a half-written ``--out``.

A build writes into a *staging* folder beside ``--out`` (``.<name>.tmp-<pid>``
in the same parent, so the final move is a rename on one file system) and
swaps it in only at the end (:meth:`OutputDir.commit`):

1. ``--out`` is checked before any extraction (:meth:`OutputDir.open`): a
   path below a file, a read-only folder (no owner write bit, or a read-only
   file system) or a parent that cannot be written gives
   :class:`OutputError` (exit 2) at once, not after an hour of extraction.
2. A lock file ``.<name>.lock`` beside ``--out`` (pid, host, start time)
   stops a second build into the same folder (:class:`OutputLockedError`).
   A lock left by a dead process on this host is taken over with a message.
3. SIGTERM is turned into :class:`BuildInterrupted` (a ``KeyboardInterrupt``,
   so ``except Exception`` in the batch loop does not swallow it) while the
   folder is open; SIGINT already raises ``KeyboardInterrupt``. Either way the
   staging folder is removed, the lock released and the previous output is
   left untouched and complete.
4. The swap: entries of the previous output that a build does not write
   (anything but :data:`OWNED_NAMES`, e.g. ``output/.gitkeep``) are carried
   over by hard link (copy across devices); then ``--out`` is renamed to
   ``.<name>.old-<pid>``, the staging folder renamed to ``--out`` (SIGINT and
   SIGTERM are blocked during the two renames) and the old folder deleted.
   A crash between the renames is repaired by the next build (the ``.old``
   folder is renamed back).
5. A build in which nothing succeeded (``commit(usable=False)``) keeps the
   previous output when there is one; with no previous output the (empty)
   output and its report.json are published so the failures can be read.
6. Any error while writing (a full disk: ``ENOSPC``) removes the staging
   folder, so no ``.tmp`` is left behind; an ``OSError`` becomes an
   :class:`OutputError` naming the folder.

Leftovers of a build killed with SIGKILL (a staging folder, a stale lock)
are cleaned by the next build into the same ``--out``.

Example::

    >>> from mapper.publish.outdir import OutputDir              # doctest: +SKIP
    >>> with OutputDir("output") as od:                           # doctest: +SKIP
    ...     (od.path / "report.json").write_text("{}")
    ...     od.commit()
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import socket
import stat
import sys
import threading
import time
from pathlib import Path
from types import FrameType, TracebackType
from typing import Callable, Optional, Union

from mapper.errors import FrontlineError

__all__ = ["OutputDir", "OutputError", "OutputLockedError", "BuildInterrupted", "OWNED_NAMES",
           "check_writable", "lock_path"]

#: Top-level entries a build writes; everything else in --out is carried over.
OWNED_NAMES = frozenset({"index.html", "maps", "data", "frontline.gpkg", "report.json", "assets"})
#: An empty or unreadable lock file older than this (seconds) is stale.
STALE_EMPTY_LOCK_S = 10.0


class OutputError(FrontlineError, OSError):
    """``--out`` cannot be used or written (read-only, below a file, disk full)."""


class OutputLockedError(OutputError):
    """Another live build holds the lock of this ``--out``."""


class BuildInterrupted(KeyboardInterrupt):
    """The build got SIGTERM; the previous output was kept.

    A ``KeyboardInterrupt`` on purpose (not a FrontlineError / Exception):
    ``except Exception`` around one article must not swallow it.
    """


def lock_path(out: Union[str, Path]) -> Path:
    """The lock file of an output folder: ``<parent>/.<name>.lock``."""
    out = Path(out)
    return out.parent / f".{out.name}.lock"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def check_writable(out: Union[str, Path]) -> Path:
    """Check ``out`` can become an output folder; returns its real path.

    Raises OutputError (the message says what to do) when ``out`` is a file,
    lies below a file, is read-only (no owner write bit: also honoured when
    running as root), or its parent folder cannot be created or written.

    >>> check_writable("/proc/no-such-dir/out")       # doctest: +SKIP
    Traceback (most recent call last):
    mapper.publish.outdir.OutputError: cannot create the output folder ...
    """
    out = Path(out)
    if out.is_symlink():
        out = Path(os.path.realpath(out))
    out = Path(os.path.abspath(out))
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {str(out)!r} is a file, not a folder; pass a folder "
                          "(it is created when missing)")
    if out.parent == out:
        raise OutputError(f"--out {str(out)!r} is a file-system root; pass a folder such as output/")
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        cwd = None
    if cwd is not None and (cwd == out or out in cwd.parents):
        raise OutputError(f"--out {str(out)!r} is the current folder or one of its parents; "
                          "the output folder is replaced as a whole: pass a subfolder such as output/")
    if out.is_dir() and (os.path.ismount(out) or out.stat().st_mode & stat.S_ISVTX
                         or out == Path.home().resolve()):
        raise OutputError(f"--out {str(out)!r} is a mount point, a shared (sticky) folder or the home "
                          "folder; the output folder is replaced as a whole: pass a subfolder such as "
                          f"{str(out / 'frontline-output')!r}")
    if out.is_dir():
        mode = out.stat().st_mode
        if not mode & stat.S_IWUSR or not os.access(out, os.W_OK):
            raise OutputError(f"--out {str(out)!r} is read-only; make it writable "
                              f"(chmod u+w {str(out)!r}) or pass another folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {str(out)!r}: {exc.strerror or exc}; "
                          "pass a folder you can write to") from exc
    pmode = out.parent.stat().st_mode
    if not pmode & stat.S_IWUSR:
        raise OutputError(f"cannot write beside --out {str(out)!r}: its parent folder "
                          f"{str(out.parent)!r} is read-only; make it writable or pass another folder")
    probe = out.parent / f".{out.name}.probe-{os.getpid()}"
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise OutputError(f"cannot write beside --out {str(out)!r} (in {str(out.parent)!r}): "
                          f"{exc.strerror or exc}; pass a folder you can write to") from exc
    return out


class OutputDir:
    """One build's output: lock + staging folder + swap (see the module docs).

    ``out``: the ``--out`` folder. ``say``: where messages go (default: one
    line on stderr). Use as a context manager; call :meth:`commit` at the end
    of a successful build, inside the ``with`` block.
    """

    def __init__(self, out: Union[str, Path], *, say: Optional[Callable[[str], None]] = None) -> None:
        self.requested = Path(out)
        self.out = Path(os.path.abspath(out))
        self.say = say or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.path: Path = self.out          # the staging folder once open
        self._lock: Optional[Path] = None
        self._old_handler: object = None
        self._handler_set = False
        self.committed = False
        self.kept_previous = False

    # -- lifecycle ----------------------------------------------------------
    def open(self) -> "OutputDir":
        """Check, lock, clean leftovers and create the staging folder."""
        self.out = check_writable(self.requested)
        self._install_sigterm()      # first: a SIGTERM from here on cleans up
        try:
            self._acquire_lock()
            self._repair_and_clean()
            self.path = self.out.parent / f".{self.out.name}.tmp-{os.getpid()}"
            if self.path.exists():
                shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir()
        except BaseException as exc:
            self._restore_sigterm()
            if self.path != self.out:
                shutil.rmtree(self.path, ignore_errors=True)
            self._release_lock()
            if isinstance(exc, OSError) and not isinstance(exc, FrontlineError):
                raise OutputError(f"cannot create a staging folder beside {str(self.out)!r}: "
                                  f"{exc.strerror or exc}; free space or pass another --out") from exc
            raise
        return self

    def __enter__(self) -> "OutputDir":
        return self.open()

    def __exit__(self, et: Optional[type], ev: Optional[BaseException], tb: Optional[TracebackType]) -> bool:
        try:
            self._restore_sigterm()
            if self.path != self.out and self.path.exists():
                shutil.rmtree(self.path, ignore_errors=True)
        finally:
            self._release_lock()
        if ev is not None and not self.committed:
            if isinstance(ev, KeyboardInterrupt):
                self.say(f"frontline: interrupted; the previous output in {str(self.out)!r} is untouched")
            elif isinstance(ev, OSError) and not isinstance(ev, FrontlineError):
                why = ("the disk is full" if ev.errno in (errno.ENOSPC, errno.EDQUOT)
                       else (ev.strerror or str(ev)))
                raise OutputError(f"cannot write the output into {str(self.out)!r}: {why}; "
                                  "nothing was replaced (the previous output is untouched); "
                                  "free space or pass another --out") from ev
        return False

    # -- the swap -----------------------------------------------------------
    def commit(self, usable: bool = True) -> bool:
        """Swap the staging folder in; returns True when it was published.

        ``usable=False`` (nothing succeeded) keeps an existing previous
        output (returns False) and publishes only when there is none.
        """
        if self.committed:
            return True
        if not usable and self.out.exists() and any(self.out.iterdir()):
            self.kept_previous = True
            self.say(f"frontline: nothing usable in this build; the previous output in "
                     f"{str(self.out)!r} is kept unchanged")
            return False
        try:
            if self.out.exists():
                self._carry_over()
            old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
            with _signals_blocked():
                if self.out.exists():
                    os.rename(self.out, old)
                try:
                    os.rename(self.path, self.out)
                except OSError:
                    if old.exists():
                        os.rename(old, self.out)
                    raise
                self.committed = True
            shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            raise OutputError(f"cannot replace {str(self.out)!r} by the new output: "
                              f"{exc.strerror or exc}; the previous output is untouched") from exc
        self.path = self.out
        return True

    def _carry_over(self) -> None:
        """Hard-link (or copy) entries the build does not own into the staging folder."""
        for entry in self.out.iterdir():
            if entry.name in OWNED_NAMES or (self.path / entry.name).exists():
                continue
            dest = self.path / entry.name
            if entry.is_symlink():
                os.symlink(os.readlink(entry), dest)
            elif entry.is_dir():
                shutil.copytree(entry, dest, symlinks=True, copy_function=_link_or_copy)
            else:
                _link_or_copy(str(entry), str(dest))

    # -- lock -----------------------------------------------------------------
    def _acquire_lock(self) -> None:
        lock = lock_path(self.out)
        info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                           "started": time.strftime("%Y-%m-%dT%H:%M:%S")})
        for _attempt in range(3):
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = _read_lock(lock)
                pid = int(holder.get("pid") or 0) if str(holder.get("pid") or "0").isdigit() else 0
                same_host = holder.get("host") in (None, socket.gethostname())
                # an unreadable / empty lock is stale once older than a few seconds
                # (younger: its owner may not have written it yet)
                empty_stale = not holder and _age_s(lock) > STALE_EMPTY_LOCK_S
                if (same_host and pid and not _pid_alive(pid)) or empty_stale:
                    self.say(f"frontline: taking over the stale lock {str(lock)!r} "
                             f"(pid {pid or '?'} is not running)")
                    try:
                        lock.unlink()
                    except FileNotFoundError:
                        pass
                    continue
                raise OutputLockedError(
                    f"another build (pid {holder.get('pid', '?')} on {holder.get('host', '?')}, started "
                    f"{holder.get('started', '?')}) is writing into {str(self.out)!r}; wait for it to "
                    f"finish, or delete {str(lock)!r} if no build is running") from None
            except OSError as exc:
                raise OutputError(f"cannot create the lock {str(lock)!r}: {exc.strerror or exc}; "
                                  "pass a folder you can write to") from exc
            with os.fdopen(fd, "w") as fh:
                fh.write(info + "\n")
            self._lock = lock
            return
        raise OutputLockedError(f"cannot take the lock {str(lock)!r} (another build keeps taking it); "
                                "retry later")

    def _release_lock(self) -> None:
        if self._lock is not None:
            try:
                self._lock.unlink()
            except FileNotFoundError:
                pass
            self._lock = None

    def _repair_and_clean(self) -> None:
        """Repair a swap cut between its renames; remove staging folders of dead builds."""
        parent, name = self.out.parent, self.out.name
        olds = sorted(parent.glob(f".{name}.old-*"))
        if not self.out.exists() and olds:
            os.rename(olds[-1], self.out)
            self.say(f"frontline: restored the previous output {str(self.out)!r} "
                     "(a build was stopped in the middle of its swap)")
            olds = olds[:-1]
        for p in olds + sorted(parent.glob(f".{name}.tmp-*")):
            shutil.rmtree(p, ignore_errors=True)

    # -- signals ----------------------------------------------------------------
    def _install_sigterm(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        try:
            self._old_handler = signal.signal(signal.SIGTERM, _raise_interrupted)
            self._handler_set = True
        except (ValueError, OSError):   # not the main interpreter thread
            self._handler_set = False

    def _restore_sigterm(self) -> None:
        if self._handler_set:
            signal.signal(signal.SIGTERM, self._old_handler)  # type: ignore[arg-type]
            self._handler_set = False


def _raise_interrupted(signum: int, frame: Optional[FrameType]) -> None:
    raise BuildInterrupted(f"terminated by signal {signum}")


def _age_s(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _read_lock(lock: Path) -> dict:
    try:
        data = json.loads(lock.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


class _signals_blocked:
    """Block SIGINT and SIGTERM for the two renames of the swap (main thread, POSIX)."""

    _SIGS = {signal.SIGINT, signal.SIGTERM}

    def __enter__(self) -> None:
        self.old = None
        if hasattr(signal, "pthread_sigmask"):
            self.old = signal.pthread_sigmask(signal.SIG_BLOCK, self._SIGS)

    def __exit__(self, *exc: object) -> None:
        if self.old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.old)
