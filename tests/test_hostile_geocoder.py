"""The online geocoder with no network (issue 11): timeouts, no retries, the
first failure switches it off for the run, a build never blocks or fails.
Only the loopback interface is used (a closed port, a port that never answers).
"""
from __future__ import annotations

import socket

import pytest

from gazetteer import Gazetteer
from gazetteer.errors import GeocoderError
from gazetteer.geocoder import Geocoder


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def silent_server():
    """A loopback port that accepts connections and never answers (a stalled network)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    yield s.getsockname()[1]
    s.close()


def _geocoder(tmp_path, port: int, **kw) -> Geocoder:
    return Geocoder(enabled=True, cache_path=tmp_path / "geo.sqlite", domain=f"127.0.0.1:{port}",
                    scheme="http", min_delay_seconds=0, **kw)


def test_unreachable_server_fails_once_then_stays_offline(tmp_path):
    g = _geocoder(tmp_path, _closed_port())
    with pytest.raises(GeocoderError, match="off for the rest of this run"):
        g.geocode("Xqzzvrtplm Village")
    assert g.offline_reason
    assert g.geocode("Another Unknown Hamlet") is None      # no second wait on a dead network
    assert g.requests == 0


def test_stalled_server_times_out(tmp_path, silent_server):
    g = _geocoder(tmp_path, silent_server, timeout=0.5)
    with pytest.raises(GeocoderError):
        g.geocode("Xqzzvrtplm Village")
    assert g.geocode("Another Unknown Hamlet") is None


def test_gazetteer_with_dead_geocoder_resolves_offline(tmp_path):
    g = _geocoder(tmp_path, _closed_port())
    gaz = Gazetteer(index_path=tmp_path / "none.sqlite", geocoder=g)
    assert gaz.resolve("Palmyra").place.source == "syria_places"
    assert gaz.resolve("Xqzzvrtplm Village") is None
    assert gaz.resolve("Qwxzy Farmstead") is None
    assert g.offline_reason and g.requests == 0


def test_build_with_online_geocoder_and_no_network_completes(tmp_path, monkeypatch):
    from mapper.pipeline import build

    monkeypatch.setenv("FRONTLINE_NOMINATIM_DOMAIN", f"127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("FRONTLINE_NOMINATIM_SCHEME", "http")
    art = tmp_path / "a.txt"
    art.write_text("Rebels captured Xqzzvrtplm and Qwxzyville near Palmyra on 3 May 2016.\n", encoding="utf-8")
    res = build([art], tmp_path / "out", online_geocoder=True, write_pages=False, write_gpkg=False,
                progress=False)
    assert len(res.results) == 1 and not res.failures
    assert (tmp_path / "out" / "report.json").is_file()


def test_corrupt_cache_falls_back_to_memory(tmp_path, caplog):
    cache = tmp_path / "geo.sqlite"
    cache.write_bytes(b"this is not a database" * 100)

    class Fake:
        def geocode(self, q, **kw):
            from types import SimpleNamespace
            return SimpleNamespace(latitude=34.1, longitude=38.2, address=q, raw={})

    g = Geocoder(enabled=True, backend=Fake(), cache_path=cache, min_delay_seconds=0)
    assert g.geocode("Some Village").lat == pytest.approx(34.1)
    assert "unusable" in caplog.text


@pytest.mark.parametrize("lat,lon", [(float("nan"), 10.0), (95.0, 10.0), (10.0, float("inf")), ("x", 1)])
def test_impossible_answers_are_not_places(tmp_path, lat, lon):
    from types import SimpleNamespace

    class Bad:
        def geocode(self, q, **kw):
            return SimpleNamespace(latitude=lat, longitude=lon, address=q, raw={})

    g = Geocoder(enabled=True, backend=Bad(), cache_path=tmp_path / "geo.sqlite", min_delay_seconds=0)
    assert g.geocode("Some Village") is None
