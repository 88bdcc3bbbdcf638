"""Shared helpers of the benchmarks: CPU clocks, child processes, the machine.

Times are CPU seconds (``time.process_time`` in-process; for a child command,
the rusage that bench/rusage_wrap.py reports for it and its waited
descendants) unless a name says wall: the
benchmark machines are shared, so wall time is noisy and CPU time is not.
Peak memory is the maximum resident set size (MB) of the process measured.

>>> cpu = CpuClock(); _ = sum(range(1000)); cpu.seconds() >= 0
True
"""
from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
FAKES = ROOT.parent / "shared" / "corpus" / "fakes.csv"
SEEDS = ROOT / "seeds"
EXPECTED = ROOT.parent / "shared" / "seeds" / "expected.yaml"


class CpuClock:
    """CPU seconds of this process (user + system) since creation."""

    def __init__(self) -> None:
        self.t0 = time.process_time()
        self.w0 = time.perf_counter()

    def seconds(self) -> float:
        return time.process_time() - self.t0

    def wall(self) -> float:
        return time.perf_counter() - self.w0


def peak_rss_mb() -> float:
    """Peak resident memory (MB) of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@dataclass
class ChildRun:
    """One child process: wall and CPU seconds (with its waited children), peak RSS (MB)."""

    returncode: int
    wall_s: float
    cpu_s: float
    maxrss_mb: float
    stdout: str
    stderr: str
    #: CPU seconds of the command's own process (and the children it waited for); cpu_s - main_cpu_s
    #: is what its helper processes (forkserver pool workers) spent
    main_cpu_s: float = float("nan")


def run_child(argv: Sequence[str], env: Optional[dict[str, str]] = None, cwd: Optional[Path] = None,
              timeout: Optional[float] = None) -> ChildRun:
    """Run ``argv`` (usually :func:`wrapped`); CPU and peak memory are those the
    command reports on stderr (bench/rusage_wrap.py), NaN when it reports none."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    t0 = time.perf_counter()
    proc = subprocess.Popen(list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=full_env, cwd=str(cwd or ROOT))
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    wall = time.perf_counter() - t0
    rep = _parse_report(err)
    return ChildRun(proc.returncode, wall, rep.get("cpu_s", float("nan")), rep.get("maxrss_mb", float("nan")),
                    out, err, rep.get("main_cpu_s", float("nan")))


REPORT_PREFIX = "BENCH-RUSAGE "


MAIN_PREFIX = "BENCH-RUSAGE-MAIN "


def _parse_report(stderr: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in reversed(stderr.splitlines()):
        if line.startswith(MAIN_PREFIX) and "main_cpu_s" not in out:
            out["main_cpu_s"] = float(line[len(MAIN_PREFIX):].split()[0])
        elif line.startswith(REPORT_PREFIX) and "cpu_s" not in out:
            cpu, rss = line[len(REPORT_PREFIX):].split()
            out.update({"cpu_s": float(cpu), "maxrss_mb": float(rss)})
        if "cpu_s" in out and "main_cpu_s" in out:
            break
    return out


def wrapped(argv: Sequence[str]) -> list[str]:
    """``argv`` (a Python command) run through bench/rusage_wrap.py, which reports the
    CPU seconds and peak RSS of the command and all its children on stderr."""
    return [PYTHON, str(ROOT / "bench" / "rusage_wrap.py"), *argv]


def machine() -> dict[str, Any]:
    """CPU model, cores, RAM, OS, Python and the date (UTC) of this run."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    try:   # Linux CFS autogroup: every session shares one slice, however many processes it runs
        autogroup: Any = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        autogroup = None
    return {"cpu": model, "cores": os.cpu_count(), "ram_gb": ram_gb, "sched_autogroup": autogroup,
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "load_avg_1m": round(load[0], 1) if load else None}
