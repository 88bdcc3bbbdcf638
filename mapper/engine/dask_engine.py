"""The per-article stages on a Dask cluster.

With no scheduler address a :class:`distributed.LocalCluster` of ``workers``
processes is started for the build and closed after it. With an address
(``tcp://HOST:8786``) the build connects to a running cluster; its workers
need frontline installed (the same version) and build their gazetteer from
the :class:`ExtractSpec` once per worker process::

    dask scheduler                       # on one machine: prints tcp://HOST:8786
    dask worker tcp://HOST:8786          # on each worker machine
    frontline build corpus.csv --out out/ --engine dask --scheduler tcp://HOST:8786
"""
from __future__ import annotations

from typing import Iterator, Optional

from mapper.engine.base import Engine, ExtractSpec, Outcome, chunks, run_chunk
from mapper.errors import ConfigError
from mapper.model import Article

#: articles per Dask task
CHUNK = 32


class DaskEngine(Engine):
    """Runs chunks of articles as Dask tasks; yields outcomes in input order."""

    name = "dask"

    def __init__(self, workers: int = 2, scheduler: Optional[str] = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("--engine dask needs Dask's distributed scheduler: "
                              "pip install 'frontline[dask]' (or 'dask[distributed]')") from exc
        self.workers = workers
        self.scheduler = scheduler
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=40)
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ConfigError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}; start one with "
                              "`dask scheduler` and workers with `dask worker ADDRESS`") from exc

    def map(self, spec: ExtractSpec, articles: list[Article]) -> Iterator[Outcome]:
        parts = list(chunks(articles, CHUNK))
        futures = self._client.map(run_chunk, [spec] * len(parts), parts, pure=False)
        for fut in futures:   # in submission order: the build stays deterministic
            yield from fut.result()

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
