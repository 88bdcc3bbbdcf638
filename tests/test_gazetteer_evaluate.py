"""`frontline gazetteer evaluate`: share within 1/5/25 km, unresolved, worst misses (lookup and report modes)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer.errors import ImportFormatError
from gazetteer.evaluate import EvalRow, evaluate, load_rows, lookup_locator, report_sentence

ROOT = Path(__file__).resolve().parents[1]

CSV = """name,lat,lon,adm_1
Palmyra,34.5515,38.2693,Homs Governorate
Samlin town,33.042,36.102,Daraa Governorate
Zamalka town,33.5244,36.3553,Rif Dimashq Governorate
Tadmur town,34.56,38.28,Homs Governorate
Kafr Basin,32.0,36.0,Idlib Governorate
"""


@pytest.fixture()
def csv_file(tmp_path) -> Path:
    p = tmp_path / "coded.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


def test_load_rows_and_errors(csv_file, tmp_path):
    rows = load_rows(csv_file)
    assert [r.name for r in rows][:2] == ["Palmyra", "Samlin town"] and rows[0].line == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat\nX,1\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="need name, lat"):
        load_rows(bad)
    bad.write_text("name,lat,lon\nX,north,1\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"bad.csv:2"):
        load_rows(bad)
    bad.write_text("name,lat,lon\nX,95,1\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="out of range"):
        load_rows(bad)


def test_lookup_mode_figures(csv_file):
    rep = evaluate(load_rows(csv_file), lookup_locator())
    assert rep.total == 5
    assert rep.within[1.0] <= rep.within[5.0] <= rep.within[25.0]
    assert rep.within[5.0] == pytest.approx(3 / 5)         # Palmyra, Samlin, Tadmur
    assert rep.unresolved == 1                              # Zamalka: not in the data
    names = [w["name"] for w in rep.worst]
    assert "Zamalka town" in names and "Kafr Basin" in names and "Palmyra" not in names
    d = rep.as_dict()
    assert set(d["within"]) == {"1km", "5km", "25km"}


def test_report_sentence():
    assert report_sentence(EvalRow("Samlin town", 0, 0, "Daraa Governorate")) == \
        "Clashes were reported on Monday in Samlin town in Daraa province."
    assert report_sentence(EvalRow("Samlin", 0, 0)) == "Clashes were reported on Monday in Samlin."


def test_cli_both_modes_json(csv_file):
    out = subprocess.run([sys.executable, "-m", "mapper.cli", "gazetteer", "evaluate", str(csv_file), "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert set(d) == {"report", "lookup"}
    for mode in d.values():
        assert mode["total"] == 5 and mode["unresolved"] >= 1
        assert 0.0 <= mode["within"]["5km"] <= 1.0
    assert d["report"]["within"]["5km"] >= 0.6          # Palmyra, Samlin, Tadmur through extract_article


def test_cli_text_and_bad_file(csv_file, tmp_path):
    out = subprocess.run([sys.executable, "-m", "mapper.cli", "gazetteer", "evaluate", str(csv_file),
                          "--mode", "lookup"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0 and "within 5 km" in out.stdout and "worst misses" in out.stdout
    missing = subprocess.run([sys.executable, "-m", "mapper.cli", "gazetteer", "evaluate",
                              str(tmp_path / "nope.csv")], cwd=ROOT, capture_output=True, text=True,
                             timeout=600)
    assert missing.returncode != 0 and "nope.csv" in missing.stderr and "Traceback" not in missing.stderr
