"""Run a command and report its CPU seconds and peak memory on stderr.

    .venv/bin/python bench/rusage_wrap.py COMMAND [ARGS...]

Runs the command as a child, waits for it with ``os.wait4`` and prints, as the
last stderr line, ``BENCH-RUSAGE <cpu seconds> <peak RSS MB>``: user + system
CPU of the command *and its waited children* (a process pool's workers) and
the peak resident set size of the largest of them. Exits with the command's
status. Used by bench/common.py to measure ``frontline build`` runs.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: rusage_wrap.py COMMAND [ARGS...]", file=sys.stderr)
        return 2
    proc = subprocess.Popen(argv)
    _, status, _ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)   # the command and everything it waited for
    print(f"BENCH-RUSAGE {ru.ru_utime + ru.ru_stime:.3f} {ru.ru_maxrss / 1024.0:.1f}", file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
