"""Run one global stage in a second process while this one does another.

After extraction a build's global stages are serial, but two of them only read
the finished layers and write different files: the data exports (GeoJSON,
CSV tables, GeoPackage) and the web pages. With ``--workers N`` (N > 1) the
exports run in a child process started from the forkserver (never plain fork:
see :mod:`mapper.engine.local`) while the pages are written here; the files
are the very bytes a serial build writes, since the same functions write them
from the same layers.

Inside a build with helper processes (mapper.engine.helpers), no process is
started here: with two or more helpers the function goes to the last one; with
one helper (``--workers 2``) that helper is kept for the pages' shared data
(data/site.js, the larger job) and the function runs in this process when
:meth:`Beside.wait` is called, after the pages: the two processes then share
the output stage about evenly.

>>> with Beside(None) as job:          # no second process: runs inline at .wait()
...     _ = job.submit(sum, [1, 2])
...     job.wait()
3
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Optional


class Beside:
    """At most one function running beside the caller.

    ``workers``: the build's ``--workers``; with None or 1 the function runs in
    this process when :meth:`wait` is called (a serial build stays serial).
    :meth:`wait` returns the function's value and re-raises its exception.
    """

    def __init__(self, workers: Optional[int]) -> None:
        self.parallel = bool(workers and workers > 1)
        self._pool: Optional[ProcessPoolExecutor] = None
        self._future: Optional[Future] = None
        self._job: Any = None   # a task on one of the build's helpers
        self._inline: Optional[tuple[Callable[..., Any], tuple[Any, ...]]] = None

    def submit(self, fn: Callable[..., Any], *args: Any) -> "Beside":
        """Start ``fn(*args)`` (a module-level function; picklable arguments)."""
        helpers = _build_helpers() if self.parallel else None
        if helpers is not None:
            if helpers.n >= 2:
                self._job = helpers.submit(fn, *args, helper=helpers.n - 1)
            else:
                self._inline = (fn, args)
        elif self.parallel:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
            self._future = self._pool.submit(fn, *args)
        else:
            self._inline = (fn, args)
        return self

    def wait(self) -> Any:
        """The function's result (raises what it raised)."""
        if self._job is not None:
            job, self._job = self._job, None
            return job.result()
        if self._future is not None:
            try:
                return self._future.result()
            finally:
                self._future = None
                self.close()
        if self._inline is not None:
            fn, args = self._inline
            self._inline = None
            return fn(*args)
        return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _build_helpers():
    """The running build's helper processes, or None."""
    from mapper.engine.helpers import current

    return current()
