"""mapper: articles -> mentions -> events -> layers -> pages / files.

The Python API (mapper/api.py)::

    import mapper
    layers = mapper.build("seeds/")          # GeoDataFrames in memory, nothing written
    layers.events, layers.movements, layers.areas, layers.places
    layers.on("2016-12-11")                  # what is true that day
    layers.write("/tmp/out")                 # the files `frontline build` writes
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["build", "Layers", "__version__"]


def build(inputs: Any, out_dir: Any = None, **options: Any) -> Any:
    """``mapper.api.build``: build ``inputs`` and return a :class:`mapper.api.Layers`
    (GeoDataFrames; nothing written unless ``out_dir``). See mapper/api.py."""
    from mapper.api import build as _build

    return _build(inputs, out_dir, **options)


def __getattr__(name: str) -> Any:   # mapper.Layers without importing geopandas at `import mapper`
    if name == "Layers":
        from mapper.api import Layers

        return Layers
    raise AttributeError(f"module 'mapper' has no attribute {name!r}")
