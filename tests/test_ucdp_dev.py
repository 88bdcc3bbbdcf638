"""Issue 10 gate: UCDP GED's coded places of Syria (../shared/data/ucdp_syria_dev.csv),
each written as the one-line report "Clashes were reported on Monday in <name>
in <governorate> province." and run through the real pipeline (extract_article):
the share of events within 5 km of UCDP's point, over the names whose place the
regional pack holds (a pack record within 2 km) and over all names.

Measured (docs/GAZETTEER.md): 56.8% / 46.5% before issue 10, 75.5% / 62.0% after its second pass,
77.8% / 63.8% after its third pass (qualifiers, governorate phrases attached to a name,
namesakes inside the named governorate, Turkish c, alternative spellings in text) with the
mapper's look-alike filter (mapper/extract/mentions/filters.py ``lookalike``) neutralised;
76.4% / 62.7% through the real pipeline with that filter (a name the text calls a village,
town or city is judged by spelling closeness; the strict rule stays for farms, districts,
facilities, where it keeps news look-alikes off the map).
Fourth pass (glued articles, names led by their feature word, the governorate attached
to a name - also after "Rif" -, no governorate capital in the story's centroid, strong
feature words vouching for close look-alikes of their kind, another spelling that names a
place): 77.9% / 63.9%, 324 unresolved, and 85.6% of the placed names within 5 km (84.5% before).
The issue's targets (0.90 / 0.75) are not reached yet (issue 10 stays
open); the floor rises as the mechanisms improve.
The development names are never aliases (the maintainers measure on held-out names).
"""
from __future__ import annotations

import pytest

from tests.shared_paths import SHARED

DEV = SHARED / "data" / "ucdp_syria_dev.csv"

#: What the mechanisms reach today (regression floor; raise it when they improve).
FLOOR_HELD, FLOOR_ALL = 0.770, 0.630
#: Issue 10's targets (not reached: see the module docstring).
TARGET_HELD, TARGET_ALL = 0.90, 0.75


@pytest.fixture(scope="module")
def report_mode():
    if not DEV.is_file():
        pytest.fail(f"{str(DEV)!r} is missing: put the shared folder beside the repo or set FRONTLINE_SHARED")
    from gazetteer.evaluate import evaluate, load_rows
    from gazetteer.store import Gazetteer
    from mapper.cli import _report_locator
    gaz = Gazetteer.default()
    return evaluate(load_rows(DEV), _report_locator(gaz), gaz=gaz, mode="report")


def test_dev_file_shape(report_mode):
    assert report_mode.total == 1276
    assert 950 <= report_mode.held_total <= 1100           # "about four in five" held by the pack


def test_no_regression_below_the_floor(report_mode):
    assert report_mode.held_within[5.0] >= FLOOR_HELD, report_mode.format()
    assert report_mode.within[5.0] >= FLOOR_ALL, report_mode.format()


def test_zamalka_is_not_placed_on_a_lookalike():
    # (the pipeline may place the event on the governorate named, method "region":
    # the evaluation counts that as unresolved, never as a point for Zamalka)
    from gazetteer.evaluate import EvalRow
    from gazetteer.store import Gazetteer
    from mapper.cli import _report_locator
    assert _report_locator(Gazetteer.default())(EvalRow("Zamalka town", 33.52, 36.36, "Rif Dimashq Governorate")) is None
