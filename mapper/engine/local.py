"""Engines on this machine: serial (this process) and a process pool.

The pool of ``--workers N`` is this process and N - 1 helper processes
(mapper.engine.helpers): the helpers take parts of the corpus while this
process extracts the next part itself, article by article, topping the
helpers up between articles so they never wait. Parts shrink towards the end
(guided scheduling: a part is at most 1/4 of what is left per process), so
no process waits long for the last one. Outcomes are yielded in input order
whatever process made them.
"""
from __future__ import annotations

import time
from typing import Iterator, Optional

from mapper.engine.base import Engine, ExtractSpec, Outcome, run_chunk, run_one
from mapper.model import Article

#: largest part (articles) sent to a helper at once (amortises pickling)
CHUNK = 16
#: parts a helper is given ahead (one running, one waiting: it never idles between parts)
AHEAD = 2


class SerialEngine(Engine):
    """Every article in this process, one after the other."""

    name = "serial"

    def map(self, spec: ExtractSpec, articles: list[Article]) -> Iterator[Outcome]:
        for a in articles:
            yield run_one(spec, a)


class PoolEngine(Engine):
    """``workers`` processes: this one and ``workers - 1`` helpers.

    The helpers are the build's (mapper.engine.helpers.current(), started warm
    with the build) or, outside a build, started here and stopped after
    :meth:`map`. Each helper loads the gazetteer once from the
    :class:`ExtractSpec`.
    """

    name = "process"

    def __init__(self, workers: int) -> None:
        self.workers = workers
        #: CPU seconds the helper processes spent on the articles (process_time of each task);
        #: forkserver helpers are not children of this process, so its rusage misses them
        self.worker_cpu_s = 0.0
        self.start_method: Optional[str] = None

    def map(self, spec: ExtractSpec, articles: list[Article]) -> Iterator[Outcome]:
        if len(articles) < 2 * CHUNK:   # not worth the helpers
            yield from SerialEngine().map(spec, articles)
            return
        from mapper.engine.helpers import Helpers, current

        helpers = current()
        own = None
        if helpers is None:
            own = helpers = Helpers(self.workers - 1, spec)
        self.start_method = helpers.start_method
        try:
            yield from self._shared(spec, articles, helpers)
        finally:
            if own is not None:
                own.close()

    def _shared(self, spec: ExtractSpec, articles: list[Article], helpers) -> Iterator[Outcome]:
        """Parts to the helpers (AHEAD each), the next part to this process, outcomes in order."""
        procs = helpers.n + 1
        parts: list[tuple[int, int]] = []   # (start, end) of each part given out, in input order
        jobs: dict[int, object] = {}        # part number -> Job of a helper
        local: dict[int, list[Outcome]] = {}
        done_out = 0                         # parts yielded so far

        def next_part() -> Optional[int]:
            start = parts[-1][1] if parts else 0
            left = len(articles) - start
            if left <= 0:
                return None
            size = max(1, min(CHUNK, left // (4 * procs)))
            parts.append((start, start + size))
            return len(parts) - 1

        def top_up() -> None:
            for h in range(helpers.n):
                while helpers.load(h) < AHEAD:
                    k = next_part()
                    if k is None:
                        return
                    s, e = parts[k]
                    jobs[k] = helpers.submit(_run_task, (spec, articles[s:e]), helper=h)

        while True:
            top_up()
            while done_out < len(parts) and (done_out in local or jobs[done_out].done()):
                if done_out in local:
                    yield from local.pop(done_out)
                else:
                    outcomes, cpu = jobs.pop(done_out).result()
                    self.worker_cpu_s += cpu
                    yield from outcomes
                done_out += 1
            k = next_part()
            if k is not None:   # this process extracts the next part, topping the helpers up between articles
                s, e = parts[k]
                out: list[Outcome] = []
                for a in articles[s:e]:
                    out.append(run_one(spec, a))
                    top_up()
                local[k] = out
                continue
            if done_out >= len(parts):
                return
            outcomes, cpu = jobs.pop(done_out).result()   # the rest is on the helpers: wait in order
            self.worker_cpu_s += cpu
            yield from outcomes
            done_out += 1


def _run_task(task: tuple[ExtractSpec, list[Article]]) -> tuple[list[Outcome], float]:
    """One part in a helper: its outcomes and the CPU seconds they took there."""
    spec, arts = task
    t0 = time.process_time()
    out = run_chunk(spec, arts)
    return out, time.process_time() - t0
