"""Engines on this machine: serial (this process) and a process pool."""
from __future__ import annotations

import multiprocessing
import sys
from typing import Iterator

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

    On Linux the workers are forked after the gazetteer is loaded, so they
    share it copy-on-write instead of loading it again; elsewhere each worker
    loads it once from the :class:`ExtractSpec`.
    """

    name = "process"

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map(self, spec: ExtractSpec, articles: list[Article]) -> Iterator[Outcome]:
        if len(articles) < 2 * CHUNK:   # not worth starting processes
            yield from SerialEngine().map(spec, articles)
            return
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        ctx = multiprocessing.get_context(method)
        size = max(1, min(CHUNK, len(articles) // (self.workers * 4) or 1))
        with ctx.Pool(self.workers) as pool:
            tasks = [(spec, c) for c in chunks(articles, size)]
            for outcomes in pool.imap(_run_task, tasks):
                yield from outcomes


def _run_task(task: tuple[ExtractSpec, list[Article]]) -> list[Outcome]:
    spec, arts = task
    return run_chunk(spec, arts)
