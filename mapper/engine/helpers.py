"""Helper processes a build with ``--workers N`` (N > 1) keeps for all its stages.

A build with ``--workers N`` runs on N processes: this one and N - 1
helpers. The helpers start when the build starts (each loads the gazetteer
while this process reads the inputs), extract articles beside this process
(mapper.engine.local), then compute part of the control estimates
(mapper.history.front) and write part of the output files (the pages' shared
data, mapper.publish.pages). One set of processes for the whole build: no
process start-up and no gazetteer load per stage.

Each helper is its own single-process pool, so a caller knows which helper
runs what (a helper is given one task at a time, or two so it never waits).
Helpers start from the forkserver (or spawn), never plain fork: a process that
already runs threads can deadlock its forked children. Every task is a
module-level function with picklable arguments; its result is what the same
call in this process would return, so the files stay byte-identical to a
serial build. CPU seconds spent in the helpers are added up in
:attr:`Helpers.cpu_s` (their processes are not this process's children, so
its rusage misses them).

>>> with Helpers(0) as h:           # no helper: tasks run here
...     h.submit(sorted, [3, 1, 2]).result()
[1, 2, 3]
"""
from __future__ import annotations

import multiprocessing
import threading
import time
import weakref
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Optional

__all__ = ["Helpers", "Job", "current", "start_helpers", "stop_helpers", "start_method"]

_CURRENT: Optional["Helpers"] = None


def start_method() -> str:
    """The start method of helper processes: forkserver where the platform has it, else spawn."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _timed(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, float]:
    """``fn(*args)`` in a helper and the CPU seconds (user + system) it took there."""
    t0 = time.process_time()
    value = fn(*args)
    return value, time.process_time() - t0


class Job:
    """One task: on a helper (a future) or run here at once (a value)."""

    def __init__(self, future: Optional[Future] = None, value: Any = None,
                 error: Optional[BaseException] = None, helper: Optional[int] = None,
                 call: Optional[tuple[Callable[..., Any], tuple[Any, ...]]] = None) -> None:
        self._future, self._value, self._error = future, value, error
        self.helper = helper
        self._call = call   # (fn, args): redone here if the helper process dies

    def done(self) -> bool:
        """True when :meth:`result` would not block."""
        return self._future is None or self._future.done()

    def result(self) -> Any:
        """The task's value (re-raises what it raised)."""
        if self._future is not None:
            try:
                return self._future.result()[0]
            except BrokenProcessPool:   # the helper died (killed, out of memory): the task is redone here
                if self._call is None:
                    raise
                fn, args = self._call
                self._future, self._value = None, fn(*args)
                return self._value
        if self._error is not None:
            raise self._error
        return self._value


class Helpers:
    """``n`` helper processes (0: none; every task then runs in this process).

    ``spec``: an :class:`mapper.engine.base.ExtractSpec` whose gazetteer and side
    table each helper loads as its first task (while this process reads the
    inputs), so extraction starts warm.
    """

    def __init__(self, n: int, spec: Any = None) -> None:
        self.n = max(0, int(n))
        self.cpu_s = 0.0
        self.start_method = start_method() if self.n else None
        self._pools: list[ProcessPoolExecutor] = []
        self._load = [0] * self.n   # tasks given to each helper and not finished yet
        self._lock = threading.Lock()   # _load and cpu_s change in the pools' threads too
        if self.n:
            ctx = multiprocessing.get_context(self.start_method)
            self._pools = [ProcessPoolExecutor(max_workers=1, mp_context=ctx) for _ in range(self.n)]
            # pools left open (an exception in the build) are shut down when dropped or at exit
            self._finalizer = weakref.finalize(self, _shutdown, list(self._pools))
        if spec is not None:
            from mapper.engine.base import warm_state

            for h in range(self.n):
                self.submit(warm_state, spec, helper=h)

    def submit(self, fn: Callable[..., Any], *args: Any, helper: Optional[int] = None) -> Job:
        """Run ``fn(*args)`` on helper ``helper`` (None: the least busy one); with no
        helpers, run it here now."""
        if not self.n:
            try:
                return Job(value=fn(*args))
            except Exception as exc:  # noqa: BLE001 - re-raised by Job.result, like a helper's
                return Job(error=exc)
        h = min(range(self.n), key=lambda i: (self._load[i], i)) if helper is None else helper
        try:
            fut = self._pools[h].submit(_timed, fn, args)
        except BrokenProcessPool:   # a helper that died: its tasks run here
            return Job(value=fn(*args))
        with self._lock:
            self._load[h] += 1
        fut.add_done_callback(lambda f, h=h: self._finished(h, f))
        return Job(future=fut, helper=h, call=(fn, args))

    def _finished(self, h: int, fut: Future) -> None:
        cpu = 0.0
        if not fut.cancelled() and fut.exception() is None:
            cpu = fut.result()[1]
        with self._lock:
            self._load[h] -= 1
            self.cpu_s += cpu

    def load(self, h: int) -> int:
        """Tasks given to helper ``h`` that have not finished."""
        return self._load[h]

    def idle(self) -> list[int]:
        """The helpers with nothing to do, in order."""
        return [h for h in range(self.n) if self._load[h] == 0]

    def close(self) -> None:
        """Stop the helper processes (waits for running tasks)."""
        global _CURRENT
        if _CURRENT is self:
            _CURRENT = None
        if self._pools:
            self._finalizer()
            self._pools = []
            self.n = 0

    def __enter__(self) -> "Helpers":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _shutdown(pools: list[ProcessPoolExecutor]) -> None:
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


def current() -> Optional[Helpers]:
    """The helpers of the build running in this process (None: none, or a serial build)."""
    return _CURRENT if _CURRENT is not None and _CURRENT.n else None


def start_helpers(options: Any) -> Optional[Helpers]:
    """Start the helpers of a build (``options``: mapper.pipeline.BuildOptions): ``workers - 1``
    processes when ``workers`` > 1 and the engine is local (a Dask build extracts on its
    cluster: no warm-up there); None for a serial build. They become :func:`current`
    until :meth:`Helpers.close` (or :func:`stop_helpers`)."""
    global _CURRENT
    if _CURRENT is not None:   # left by a build that raised
        _CURRENT.close()
    workers = int(getattr(options, "workers", 1) or 1)
    if workers <= 1:
        return None
    from mapper.engine.base import ExtractSpec

    spec = None
    if getattr(options, "engine", "serial") in ("serial", "process"):
        spec = ExtractSpec(gazetteer_index=options.gazetteer_index, online_geocoder=options.online_geocoder,
                           sides=options.sides)
    helpers = Helpers(workers - 1, spec)
    _CURRENT = helpers
    return helpers


def stop_helpers(helpers: Optional[Helpers]) -> float:
    """Close ``helpers`` (None: nothing); returns the CPU seconds their tasks took."""
    if helpers is None:
        return 0.0
    cpu = helpers.cpu_s
    helpers.close()
    return cpu
