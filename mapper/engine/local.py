"""Engines on this machine: serial (this process) and a process pool."""
from __future__ import annotations

import multiprocessing
import time
from typing import Iterator, Optional

from mapper.engine.base import Engine, ExtractSpec, Outcome, chunks, run_chunk, run_one
from mapper.model import Article

#: articles per task sent to a worker process (amortises pickling)
CHUNK = 16


class SerialEngine(Engine):
    """Every article in this process, one after the other."""

    name = "serial"

    def map(self, spec: ExtractSpec, articles: list[Article]) -> Iterator[Outcome]:
        for a in articles:
            yield run_one(spec, a)


class PoolEngine(Engine):
    """A pool of ``workers`` processes.

    Workers start from a forkserver (or spawn) and each loads the gazetteer
    once from the :class:`ExtractSpec`: forking a process that already runs
    threads can deadlock the children.
    """

    name = "process"

    def __init__(self, workers: int) -> None:
        self.workers = workers
        #: CPU seconds the worker processes spent on the articles (process_time of each task);
        #: forkserver workers are not children of this process, so its rusage misses them
        self.worker_cpu_s = 0.0
        self.start_method: Optional[str] = None

    def map(self, spec: ExtractSpec, articles: list[Article]) -> Iterator[Outcome]:
        if len(articles) < 2 * CHUNK:   # not worth starting processes
            yield from SerialEngine().map(spec, articles)
            return
        # never plain fork: a process that already runs threads (a notebook, a browser
        # driver, a progress bar) can deadlock its forked children; the forkserver
        # starts clean and each worker loads the gazetteer once from the spec
        methods = multiprocessing.get_all_start_methods()
        self.start_method = "forkserver" if "forkserver" in methods else "spawn"
        ctx = multiprocessing.get_context(self.start_method)
        size = max(1, min(CHUNK, len(articles) // (self.workers * 4) or 1))
        with ctx.Pool(self.workers) as pool:
            tasks = [(spec, c) for c in chunks(articles, size)]
            for outcomes, cpu in pool.imap(_run_task, tasks):
                self.worker_cpu_s += cpu
                yield from outcomes


def _run_task(task: tuple[ExtractSpec, list[Article]]) -> tuple[list[Outcome], float]:
    """One chunk in a worker: its outcomes and the CPU seconds they took there."""
    spec, arts = task
    t0 = time.process_time()
    out = run_chunk(spec, arts)
    return out, time.process_time() - t0
