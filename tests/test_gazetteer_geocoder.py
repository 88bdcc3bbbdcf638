"""Optional online geocoder: off by default, cached, fake backend (no network)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from gazetteer import Gazetteer, GeocoderError
from gazetteer.geocoder import Geocoder


class FakeBackend:
    def __init__(self):
        self.calls = []

    def geocode(self, query, **kw):
        self.calls.append(query)
        if query == "Nowhere at all":
            return None
        return SimpleNamespace(latitude=34.1, longitude=38.2, address=f"{query}, Syria",
                               raw={"type": "village", "osm_type": "node", "osm_id": 42,
                                    "address": {"country_code": "sy"}})


def test_off_by_default(tmp_path):
    g = Geocoder(cache_path=tmp_path / "geo.sqlite")
    assert g.enabled is False
    with pytest.raises(GeocoderError, match="off"):
        g.geocode("Palmyra")
    assert Gazetteer.default().geocoder is None


def test_cached_with_fake_backend(tmp_path):
    fake = FakeBackend()
    g = Geocoder(enabled=True, backend=fake, cache_path=tmp_path / "geo.sqlite", min_delay_seconds=0)
    p1 = g.geocode("Some Village")
    p2 = g.geocode("Some Village")
    assert fake.calls == ["Some Village"]
    assert p1 == p2 and p1.source == "geocoder" and p1.country == "SY" and p1.kind == "settlement"
    assert g.geocode("Nowhere at all") is None
    assert g.geocode("Nowhere at all") is None          # negative answers are cached too
    assert fake.calls == ["Some Village", "Nowhere at all"]
    # the cache is on disk: a new object does not call the backend
    fake2 = FakeBackend()
    g2 = Geocoder(enabled=True, backend=fake2, cache_path=tmp_path / "geo.sqlite", min_delay_seconds=0)
    assert g2.geocode("Some Village") == p1 and fake2.calls == []


def test_gazetteer_uses_geocoder_only_as_last_resort(tmp_path):
    fake = FakeBackend()
    geo = Geocoder(enabled=True, backend=fake, cache_path=tmp_path / "geo.sqlite", min_delay_seconds=0)
    gaz = Gazetteer(index_path=tmp_path / "none.sqlite", geocoder=geo)
    assert gaz.resolve("Palmyra").place.source == "syria_places"
    assert fake.calls == []
    c = gaz.resolve("Xqzzvrtplm Village")
    assert c is not None and c.method == "geocoder" and fake.calls == ["Xqzzvrtplm Village"]


def test_backend_failure_is_a_geocoder_error(tmp_path):
    class Boom:
        def geocode(self, q, **kw):
            raise OSError("network down")
    g = Geocoder(enabled=True, backend=Boom(), cache_path=":memory:", min_delay_seconds=0)
    with pytest.raises(GeocoderError, match="network down"):
        g.geocode("Anything")


def test_with_geocoder_and_online_geocoder(tmp_path):
    from gazetteer.geocoder import OnlineGeocoder
    fake = FakeBackend()
    geo = OnlineGeocoder(backend=fake, cache_path=tmp_path / "geo.sqlite", min_delay_seconds=0)
    assert geo.enabled
    base = Gazetteer.default()
    g = base.with_geocoder(geo)
    assert base.geocoder is None and g.geocoder is geo
    assert g.resolve("Qwxzy Farmstead").method == "geocoder"
    assert base.search("Qwxzy Farmstead") == []
