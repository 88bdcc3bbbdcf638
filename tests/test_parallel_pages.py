"""Pages with --workers: the same bytes as a serial build (issue 13 item 3).

With ``--workers N`` a build keeps N - 1 helper processes (mapper.engine.helpers):
they extract articles beside the main process, compute runs of dates of the
control estimates, write the pages' shared data file (data/site.js) and, with
two or more helpers, the data exports, while the main process writes the date
pages. Every file must be byte-identical to a serial build's, and the work must
really have gone to the helpers (a spy on Helpers.submit). The page code's
shortcuts (the faint layer walked back from the cut, estimate bounds memoised
per geometry) are checked against the plain computations they replace.
"""
from __future__ import annotations

import csv
import json
import random
from bisect import bisect_left
from pathlib import Path

import pytest
from shapely.geometry import MultiPolygon, Point, box

from mapper.cli import main
from tests.shared_paths import SHARED

FAKES = SHARED / "corpus" / "fakes.csv"
N_ROWS = 40   # above PoolEngine's serial threshold (2 x 16 articles)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parallel_pages") / "corpus.csv"
    with FAKES.open(encoding="latin-1", newline="") as f, out.open("w", encoding="utf-8", newline="") as g:
        w = csv.writer(g)
        for i, row in enumerate(csv.reader(f)):
            if i > N_ROWS:
                break
            w.writerow(row)
    return out


def _files(out: Path) -> dict[str, bytes]:
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
             if p.is_file() and p.name != "report.json"}
    assert {"data/events.geojson", "data/site.js", "index.html", "issues.html", "maps/undated.html",
            "frontline.gpkg"} <= set(files)
    assert sum(k.startswith("maps/") for k in files) > 5
    return files


def _build(corpus: Path, out: Path, *flags: str) -> dict:
    assert main(["build", str(corpus), "--out", str(out), "--no-cache", "-q", *flags]) in (0, 1)
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial_pages") / "out"
    rep = _build(corpus, out)
    assert "helpers" not in rep["extraction"]
    return _files(out)


@pytest.mark.parametrize("workers, beside", [(2, False), (3, True)])
def test_workers_build_writes_the_serial_bytes_and_uses_its_helpers(corpus, serial, tmp_path, monkeypatch,
                                                                  workers, beside):
    """Every file (GeoJSON, CSV, GeoPackage, site.js, index, issues, every date page) is the
    serial build's; the helpers extracted articles, computed dates of the estimates and wrote
    site.js (and, with two helpers, the data exports)."""
    from mapper.engine import helpers as helpers_mod

    sent: list[tuple[str, int | None]] = []
    real_submit = helpers_mod.Helpers.submit

    def spy(self, fn, *args, helper=None):
        job = real_submit(self, fn, *args, helper=helper)
        sent.append((fn.__name__, job.helper))
        return job

    monkeypatch.setattr(helpers_mod.Helpers, "submit", spy)
    rep = _build(corpus, tmp_path / "out", "--workers", str(workers))
    assert _files(tmp_path / "out") == serial
    names = {n for n, _ in sent}
    assert {"warm_state", "_run_task", "_rows_for_dates", "write_site_file"} <= names
    assert ("write_site_file", 0) in sent   # the first helper makes the shared data
    assert ("write_data" in names) is beside
    if beside:
        assert ("write_data", workers - 2) in sent   # the last helper writes the exports
    got = rep["extraction"]["helpers"]
    assert got["processes"] == workers - 1 and got["cpu_s"] > 0
    assert helpers_mod.current() is None   # the build closed its helpers


def test_write_pages_with_a_helper_writes_the_same_bytes(synthetic_build, tmp_path):
    """write_pages(workers=2) outside a build starts one helper for site.js and stops it."""
    from mapper.engine.helpers import current
    from mapper.publish.layers import build_layers
    from mapper.publish.pages import write_pages

    layers = build_layers(synthetic_build)
    a = write_pages(layers, tmp_path / "a", build=synthetic_build)
    b = write_pages(layers, tmp_path / "b", build=synthetic_build, workers=2)
    assert [p.name for p in a] == [p.name for p in b]
    for sub in ("data/site.js", "index.html", "issues.html"):
        assert (tmp_path / "a" / sub).read_bytes() == (tmp_path / "b" / sub).read_bytes()
    assert {p.name: p.read_bytes() for p in a} == {p.name: p.read_bytes() for p in b}
    assert current() is None


# -- the page shortcuts against the plain computations ---------------------------------------

def _rows(seed: int, n_events: int = 240):
    """SiteRows of random events over 40 days (some reported later, some undated, repeated
    ids) and control / front estimates sharing geometry objects across dates, one far away."""
    from mapper.publish.pages.site import SiteRows

    rnd = random.Random(seed)
    days = [f"2016-03-{d:02d}" for d in range(1, 29)] + [f"2016-04-{d:02d}" for d in range(1, 13)]
    events = []
    for k in range(n_events):
        d = rnd.choice(days)
        p = {"id": f"e{k % (n_events - 7)}", "kind": "capture", "side": "sdf", "date": d, "published": d,
             "date_start": d}
        r = rnd.random()
        if r < 0.2:     # dated otherwise: on the page of its publication day
            p.update(date=None, published=rnd.choice(days))
        elif r < 0.3:   # reported later
            p["published"] = rnd.choice(days)
        elif r < 0.35:  # undated
            p.update(date=None, date_start=None)
        events.append((p, Point(38 + rnd.uniform(0, 1), 34 + rnd.uniform(0, 1))))
    shapes = [box(38, 34, 38.5, 34.5), MultiPolygon([box(38.2, 34.2, 38.9, 34.8), box(80, 10, 81, 11)]),
              box(37.5, 33.9, 38.1, 34.3)]
    areas = []
    for d in days[::3]:
        for lt, g in (("control", rnd.choice(shapes)), ("front", rnd.choice(shapes))):
            areas.append(({"id": f"{lt}:{d}", "layer_type": lt, "date": d, "side": "sdf"}, g))
    return SiteRows(events, [], areas, []), days


@pytest.mark.parametrize("seed, faint_max", [(1, 5), (2, 40), (3, 300)])
def test_faint_layer_is_the_latest_rows_before_the_day(seed, faint_max, monkeypatch):
    from mapper.publish.pages import datepage
    from mapper.publish.pages.common import esc, val

    monkeypatch.setattr(datepage, "FAINT_MAX", faint_max)
    rows, days = _rows(seed)
    dp = datepage.DatePages(rows)
    for day in days:
        shown = dp.by_day.get(day, []) + dp.reported.get(day, [])
        layers: list[dict] = []
        got = dp._faint_layer(day, shown, layers)
        on_ids = {val(p.get("id")) for p, _ in shown}   # the computation the shortcut replaces
        cut = bisect_left(dp.dated_days, day)
        want = [r for _, r in dp.dated[:cut] if val(r[0].get("id")) not in on_ids]
        n = len(want)
        want = want[-faint_max:]
        assert got == want
        if want:
            shown_n = f"{len(want)}" if n == len(want) else f"latest {len(want)} of {n}"
            assert layers[0]["name"] == esc(f"Known before {day} (faint, {shown_n})")
        else:
            assert layers == []


@pytest.mark.parametrize("seed", [1, 2])
def test_estimate_bounds_equal_the_bounds_of_the_parts_within_the_core(seed):
    from mapper.publish.pages.datepage import DatePages, _parts_within, bounds_of, core_bounds

    rows, _days = _rows(seed)
    dp = DatePages(rows)
    core = core_bounds([g for _, g in rows.events])
    for est, rs in rows.est_rows.items():
        want = bounds_of(p for _, g in rs for p in _parts_within(g, core, 3.0))
        assert dp.est_bounds(est) == want
        assert want is not None and want[1][1] < 60   # the far part is left out
    assert dp.est_bounds("1999-01-01") is None
