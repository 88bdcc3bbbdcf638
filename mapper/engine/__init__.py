"""Where the per-article stages run: in this process, a process pool or a Dask cluster.

The per-article stages (layout, mentions, locate, times, events) depend only on
one article, the gazetteer and the side table, so they can run anywhere and in
any order; the results are put back in input order, which keeps every data
file byte-identical to a serial build. With ``--workers N`` the build keeps
N - 1 :class:`Helpers` processes for all its stages (mapper.engine.helpers).
An :class:`ArticleCache` keyed by the
article's content and the code and gazetteer versions lets a re-build pay only
for new or changed articles.

>>> from mapper.engine import make_engine
>>> make_engine("serial").name
'serial'
"""
from __future__ import annotations

from mapper.engine.base import Engine, ExtractFailure, ExtractSpec, run_one
from mapper.engine.cache import ArticleCache, code_version
from mapper.engine.helpers import Helpers, current, start_helpers
from mapper.engine.local import PoolEngine, SerialEngine

ENGINES = ("serial", "process", "dask")


def make_engine(name: str = "serial", *, workers: int = 1, scheduler: str | None = None) -> Engine:
    """The engine called ``name``: ``serial``, ``process`` (``workers`` processes)
    or ``dask`` (a LocalCluster of ``workers`` processes, or the cluster whose
    scheduler listens at ``scheduler``, e.g. ``tcp://10.0.0.5:8786``).
    """
    from mapper.errors import ConfigError

    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers!r}")
    if name == "dask":
        from mapper.engine.dask_engine import DaskEngine

        return DaskEngine(workers=workers, scheduler=scheduler)
    if scheduler:
        raise ConfigError(f"--scheduler {scheduler!r} needs --engine dask")
    if name == "process" or (name == "serial" and workers > 1):
        return PoolEngine(workers=workers) if workers > 1 else SerialEngine()
    if name == "serial":
        return SerialEngine()
    raise ConfigError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")


__all__ = ["ArticleCache", "ENGINES", "Engine", "ExtractFailure", "ExtractSpec", "Helpers", "PoolEngine",
           "SerialEngine", "code_version", "current", "make_engine", "run_one", "start_helpers"]
