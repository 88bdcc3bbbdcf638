"""The frontline command line explains itself and answers scripts."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mapper", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["extract", "--help"],
                                  ["resolve", "--help"], ["gazetteer", "search", "--help"],
                                  ["gazetteer", "import", "--help"]])
def test_help(args: list[str]) -> None:
    r = run(*args)
    assert r.returncode == 0
    assert "usage: frontline" in r.stdout and len(r.stdout) > 200


@pytest.mark.parametrize("name", ["Tadmur", "Tadmor", "Palmyra"])
def test_gazetteer_search_json(name: str) -> None:
    r = run("gazetteer", "search", name, "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    top = rows[0]
    assert top["country"] == "SY"
    assert abs(top["lat"] - 34.56) < 0.05 and abs(top["lon"] - 38.285) < 0.05
    assert set(top) >= {"score", "lat", "lon", "kind", "source"}


def test_resolve_json() -> None:
    r = run("resolve", "4km west of Palmyra")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["anchor"]["name"] == "Palmyra"
    assert out["distance_km"] == pytest.approx(4.0)
    assert out["bearing_deg"] == pytest.approx(270.0)
    assert out["point"]["lon"] < out["anchor"]["lon"]
    assert out["uncertainty"]["type"] == "Polygon" and out["area_km2"] > 0


@pytest.mark.parametrize("phrase", ["4000 km west of Palmyra", "west of", "4km west of Xyzzyqwe"])
def test_resolve_garbage_fails_clearly(phrase: str) -> None:
    r = run("resolve", phrase)
    assert r.returncode != 0
    assert phrase in r.stderr and "Traceback" not in r.stderr


def test_extract_json() -> None:
    r = run("extract", "seeds/001_3e5b1aeaa37e44e8.txt", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    kinds = {(e["kind"], e["side"]) for e in out["events"]}
    assert ("capture", "islamic_state") in kinds
    assert out["published"] == "2016-12-11"


def test_gazetteer_import_then_search_and_build(tmp_path: Path) -> None:
    """A user's GeoNames file: bad rows named by file:line, names found, builds use it."""
    dump = tmp_path / "XX.txt"
    good = ("9000001\tQaryat Zabadoun\tQaryat Zabadoun\tZabadoun,Zabadun\t34.9\t37.9\tP\tPPL\tSY\t\t11"
            "\t\t\t\t1200\t\t400\tAsia/Damascus\t2020-01-01\n")
    dump.write_text(good + "not\ta\tgeonames\trow\n", encoding="utf-8")
    index = tmp_path / "user.sqlite"
    r = run("gazetteer", "import", str(dump), "--index", str(index))
    assert r.returncode == 0, r.stderr
    assert "imported 1 places" in r.stdout
    assert "XX.txt:2" in r.stderr and r.stderr.count("\n") == 1
    r = run("gazetteer", "search", "Zabadun", "--index", str(index), "--json")
    assert r.returncode == 0, r.stderr
    top = json.loads(r.stdout)[0]
    assert top["name"] == "Qaryat Zabadoun" and top["lat"] == pytest.approx(34.9)
    art = tmp_path / "a.txt"
    art.write_text("Syrian government forces captured Qaryat Zabadoun on 3 May 2016.\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run("build", str(art), "--out", str(out), "--gazetteer-index", str(index), "--no-pages", "--no-gpkg", "-q")
    assert r.returncode == 0, r.stderr
    fc = json.loads((out / "data" / "places.geojson").read_text(encoding="utf-8"))
    assert any(f["properties"]["name"] == "Qaryat Zabadoun" for f in fc["features"])
