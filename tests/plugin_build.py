"""Session fixture: build the seeds once into a temp folder (pytest plugin)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of an output folder built from seeds/ with every output."""
    from mapper.pipeline import build

    out = tmp_path_factory.mktemp("seeds_out")
    build([ROOT / "seeds"], out, progress=False)
    return out
