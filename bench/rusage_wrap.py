"""Run a command and report its CPU seconds and peak memory on stderr.

    .venv/bin/python bench/rusage_wrap.py COMMAND [ARGS...]

Runs the command as a child, waits for it with ``os.wait4`` and prints, as the
last stderr lines, ``BENCH-RUSAGE-MAIN <cpu seconds>`` (the command's own
process and the children it waited for) and ``BENCH-RUSAGE <cpu seconds> <peak
RSS MB>``: user + system CPU of the command *and every process it started*,
and the peak resident set size of the largest of them. Exits with the
command's status. Used by bench/common.py to measure ``frontline build`` runs.

Helper processes started from a multiprocessing forkserver are not children
the command waits for (they are the forkserver's, and the forkserver itself is
never waited for), so a plain rusage misses their CPU. On Linux this wrapper
makes itself a *child subreaper* (prctl PR_SET_CHILD_SUBREAPER): such orphans
are re-parented to it when their parent exits, and it waits for every one of
them (at most :data:`REAP_TIMEOUT_S` seconds after the command ends) before
reading its children's rusage.
"""
from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

#: seconds to wait, after the command ends, for the processes it left behind
REAP_TIMEOUT_S = 60.0
_PR_SET_CHILD_SUBREAPER = 36


def _become_subreaper() -> bool:
    """Make orphaned descendants this process's children (Linux); False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _reap_all(timeout: float) -> None:
    """Wait for every remaining child (orphans re-parented here) for up to ``timeout`` s."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: rusage_wrap.py COMMAND [ARGS...]", file=sys.stderr)
        return 2
    _become_subreaper()
    proc = subprocess.Popen(argv)
    _, status, ru_main = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    _reap_all(REAP_TIMEOUT_S)
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)   # the command and everything it started
    print(f"BENCH-RUSAGE-MAIN {ru_main.ru_utime + ru_main.ru_stime:.3f}", file=sys.stderr)
    print(f"BENCH-RUSAGE {ru.ru_utime + ru.ru_stime:.3f} {ru.ru_maxrss / 1024.0:.1f}", file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
