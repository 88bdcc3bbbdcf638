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
