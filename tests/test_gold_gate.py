"""The development gold as a gate (issue 9): extraction may not fall below the
measured figures on the narratives and news the team coded.

Each gold file's articles are built from ../shared (a CSV of the FA-KES rows it
names; the Wikipedia narratives as they are) with the real pipeline and scored
with ``mapper.evaluate``. FLOORS are the figures measured when the gate was last
raised, minus 0.03 (one event for the small news files; see the closing notes); the issue's targets are recall >= 0.85,
precision >= 0.90 and >= 0.90 of day-dated events on the exact day. A change
that lowers a figure below its floor fails here; a change that raises one should
raise its floor.
"""
from __future__ import annotations

import importlib.util

import pytest

from mapper.evaluate import evaluate
from mapper.pipeline import BuildOptions, build
from tests.shared_paths import ROOT, SHARED

TARGETS = {"recall": 0.85, "precision": 0.90, "exact_day": 0.90}

#: gold file -> (recall, precision, exact-day share) floors, measured
FLOORS = {
    "wiki_a.yaml": (0.85, 0.84, 0.93),        # measured 0.88 / 0.87 / 0.97 (session 4; 0.77 / 0.86 at its start)
    "wiki_b.yaml": (0.74, 0.82, 0.97),        # measured 0.77 / 0.85 / 1.00 (0.64 / 0.82)
    "wiki_c.yaml": (0.61, 0.90, 0.97),        # measured 0.64 / 0.93 / 1.00 (0.55 / 0.92)
    # the news files are small: their floors allow one event less, not 0.03
    "fakes_30.yaml": (0.52, 0.60, 0.0),       # measured 0.59 / 0.67 / 1 of 3 (10/17, 10/15)
    "fakes_b.yaml": (0.44, 0.73, 0.75),       # measured 0.48 / 0.80 / 4 of 4 (12/25, 12/15; coded before any run)
    "holdout/wiki.yaml": (0.50, 0.75, 0.97),  # measured 0.53 / 0.78 / 1.00 (0.41 / 0.73); held out from rule tuning
    "holdout/news.yaml": (0.45, 0.66, 0.75),  # measured 0.48 / 0.71 / 4 of 4 (15/31, 15/21; coded before any run)
}


def _gather():
    spec = importlib.util.spec_from_file_location("evaluate_dev", ROOT / "scripts" / "evaluate_dev.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.gather_inputs


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, object]:
    gather = _gather()
    out: dict[str, object] = {}
    for name in FLOORS:
        gold = ROOT / "tests" / "gold" / name
        work = tmp_path_factory.mktemp(name.replace("/", "_").replace(".yaml", ""))
        inputs = gather(gold, SHARED, work)
        build(inputs, work / "out", BuildOptions(write_pages=False, write_gpkg=False, progress=False,
                                                 cache=False))
        out[name] = evaluate(work / "out", gold)
    return out


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_figures_hold(scores, name):
    r = scores[name].overall  # type: ignore[attr-defined]
    recall, precision, exact = FLOORS[name]
    got = (r.recall or 0.0, r.precision or 0.0, r.exact_day_share or 0.0)
    assert got[0] >= recall - 1e-9, f"{name}: recall {got[0]:.3f} fell below {recall:.3f}"
    assert got[1] >= precision - 1e-9, f"{name}: precision {got[1]:.3f} fell below {precision:.3f}"
    assert got[2] >= exact - 1e-9, f"{name}: exact-day share {got[2]:.3f} fell below {exact:.3f}"
