"""Where the shared inputs live: ../shared beside the repo (as in CI), or $FRONTLINE_SHARED."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTLINE_SHARED", ROOT.parent / "shared"))
SEEDS_EXPECTED = SHARED / "seeds" / "expected.yaml"
FAKES = SHARED / "corpus" / "fakes.csv"

if not SEEDS_EXPECTED.is_file():  # fail loudly: these tests are the acceptance criteria
    raise FileNotFoundError(f"{str(SEEDS_EXPECTED)!r} is missing: put the shared folder beside the repo "
                            "(../shared) or set FRONTLINE_SHARED")
