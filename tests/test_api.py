"""The Python API (mapper.build -> Layers), the date window (--since/--until) and --offline-assets checks."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import mapper

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def layers(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("api_cwd")
    import os

    old = os.getcwd()
    os.chdir(cwd)              # anything written relative to the cwd would land here
    try:
        result = mapper.build(ROOT / "seeds")
    finally:
        os.chdir(old)
    assert list(cwd.iterdir()) == [], "mapper.build wrote files without out_dir"
    return result


def test_build_returns_geodataframes(layers):
    assert isinstance(layers, mapper.Layers)
    for name, gdf in layers.items():
        assert gdf.crs.to_epsg() == 4326, name
    assert len(layers.events) > 0 and len(layers.places) > 0
    assert layers.report["articles"]["total"] == 5
    assert "2016-12-11" in layers.dates
    assert repr(layers).startswith("Layers(events=")


@pytest.mark.parametrize("name, columns", [
    ("events", ["date", "date_start", "date_end", "published", "time_start", "time_end"]),
    ("movements", ["date", "date_start", "date_end", "published"]),
    ("areas", ["date", "date_start", "date_end", "published", "time_start", "time_end"]),
    ("places", ["first_date", "last_date", "control_since"]),
])
def test_dates_are_datetime64(layers, name, columns):
    gdf = getattr(layers, name)
    for c in columns:
        assert pd.api.types.is_datetime64_any_dtype(gdf[c]), (name, c, gdf[c].dtype)


def test_undated_events_are_nat(layers):
    ev = layers.events
    assert ev["date_start"].isna().any(), "the undated seed article's events stay in the layer, NaT"
    assert (ev.loc[ev["date"].notna(), "date"] == ev.loc[ev["date"].notna(), "date_start"]).all()


def test_areas_one_row_per_validity_interval(layers):
    ctl = layers.areas[layers.areas.layer_type == "control"]
    assert not ctl.duplicated(subset=["side", "date_start"]).any()


def test_on_day(layers):
    day = layers.on("2016-12-11")
    ev = day["events"]
    assert len(ev) > 0
    assert ((ev.date_start <= "2016-12-11") & (ev.date_end >= "2016-12-11")).all()
    ctl = day["areas"][day["areas"].layer_type == "control"]
    assert len(ctl) > 0 and not ctl.side.duplicated().any()   # one estimate: one row per side


def test_write(layers, tmp_path):
    out = layers.write(tmp_path / "out", pages=False)
    for name in ("data/events.geojson", "data/events_undated.geojson", "data/areas.geojson",
                 "data/events_acled.csv", "data/events_ucdp.csv", "frontline.gpkg", "report.json"):
        assert (out / name).exists(), name
    fc = json.loads((out / "data" / "events.geojson").read_text(encoding="utf-8"))
    und = json.loads((out / "data" / "events_undated.geojson").read_text(encoding="utf-8"))
    assert len(fc["features"]) + len(und["features"]) == len(layers.events)


@pytest.mark.parametrize("opts, message", [
    ({"colour": "red"}, "unknown build option"),
    ({"since": "11/12/2016"}, "not a date"),
    ({"offline_assets": "/nonexistent/node_modules"}, "does not exist"),
])
def test_bad_options(opts, message):
    from mapper.errors import FrontlineError

    with pytest.raises(FrontlineError, match=message):
        mapper.build(ROOT / "seeds", **opts)


def test_since_until_window():
    win = mapper.build(ROOT / "seeds", since="2016-03-01", until="2016-12-31")
    ev = win.events[win.events.date_start.notna()]
    assert len(ev) > 0
    assert (ev.date_end >= "2016-03-01").all() and (ev.date_start <= "2016-12-31").all()
    assert all("2016-03-01" <= d <= "2016-12-31" for d in win.dates)
    w = [w for w in win.report["warnings"] if w["kind"] == "outside_window"]
    assert len(w) == 1 and w[0]["events"] > 0
    assert w[0]["since"] == "2016-03-01" and w[0]["until"] == "2016-12-31"
    assert win.report["articles"]["total"] == 5       # articles are not filtered, events are
    assert win.events.date_start.isna().any()         # undated events are kept


def test_cli_since_until_and_report(tmp_path, capsys):
    from mapper.cli import main

    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp_path), "--since", "2017-01-01",
                 "--no-pages", "--no-gpkg", "-q"]) == 0
    rep = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    w = [w for w in rep["warnings"] if w["kind"] == "outside_window"]
    assert w and w[0]["events"] > 0 and w[0]["since"] == "2017-01-01" and w[0]["until"] is None
    fc = json.loads((tmp_path / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert fc["features"] and all(f["properties"]["date_end"] >= "2017-01-01" for f in fc["features"])


@pytest.mark.parametrize("args, message", [
    (["--offline-assets", "/nonexistent/node_modules"], "does not exist"),
    (["--offline-assets", "{tmp}"], "has no leaflet"),
    (["--since", "2017-01-01", "--until", "2016-01-01"], "is after --until"),
    (["--since", "2017-13-01"], "not a date"),
])
def test_cli_errors(tmp_path, capsys, args, message):
    from mapper.cli import main

    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    try:
        rc = main(["build", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), *args])
    except SystemExit as exc:      # argparse: bad date
        rc = exc.code
    assert rc == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.browser
def test_notebook_map_works_offline(layers, browser, tmp_path):
    """layers.map(): Leaflet inlined, a plain <select> of dates redraws the map; no network at all."""
    page_file = layers.map("2016-12-11").save(tmp_path / "map.html")
    requests = []
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    try:
        page.goto(page_file.as_uri())
        assert page.evaluate("typeof L") == "object", "Leaflet loaded without a network"
        on_day = len(layers.on("2016-12-11")["events"])
        assert page.evaluate("document.body.dataset.events") == str(on_day)
        day = "2015-11-23"
        page.select_option("#frontline-date", day)
        assert page.evaluate("document.body.dataset.day") == day
        assert page.evaluate("document.body.dataset.events") == str(len(layers.on(day)["events"]))
        page.select_option("#frontline-date", "undated")
        assert page.evaluate("document.body.dataset.events") == str(int(layers.events.date_start.isna().sum()))
        assert errors == []
        assert all("tile.openstreetmap.org" in u for u in requests), requests   # only tiles were wanted
    finally:
        page.close()


def test_write_is_atomic(layers, tmp_path, monkeypatch):
    """A Layers.write that fails half-way leaves the previous output untouched."""
    import mapper.publish.export as export_mod

    out = tmp_path / "out"
    layers.write(out, pages=False)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_mod, "write_gpkg", broken)
    with pytest.raises(OSError):
        layers.write(out, pages=False)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before and before
    assert not list(tmp_path.glob(".out.tmp-*"))
