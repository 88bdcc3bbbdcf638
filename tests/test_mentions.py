"""Mentions: gazetteer hits, unknown toponyms, datelines / bylines, web debris,
offset conflicts (mapper.mentions + mapper.locate)."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.extract import extract_article
from mapper.mentions import dateline_spans
from mapper.model import Article


@pytest.mark.parametrize("text,surface,kind", [
    ("AMMAN: Syrian forces are near Palmyra.", "AMMAN", "dateline"),
    ("QAMISHLI\u00a0– Backed by Russian air cover, troops advanced.", "QAMISHLI", "dateline"),
    ("Homs – Islamic State militants recaptured Palmyra.", "Homs", "dateline"),
    ("BEIRUT (Reuters) - Government forces took Mahin.", "BEIRUT", "dateline"),
    ("(Reporting by Tom Perry in Beirut; Editing by Louise Ireland)", "Reporting by Tom Perry in Beirut", "byline"),
    ("Reporting by: Haytham Mustafa | Source: ARA News", "Reporting by: Haytham Mustafa", "byline"),
])
def test_dateline_and_byline_spans(text, surface, kind):
    spans = dateline_spans(text)
    assert any(k == kind and surface in text[s:e] for s, e, k in spans), spans


def test_no_dateline_in_running_text():
    assert dateline_spans("According to al-Omar, ISIS had shelled the army.") == []


def _res(text, published=date(2016, 3, 24), body_end=None):
    return extract_article(Article("m", text, published, body_end=body_end))


def test_dateline_and_byline_places_never_place_events():
    res = _res("BEIRUT (Reuters) - Government forces captured Mahin on Monday.\n"
               "(Reporting by Tom Perry in Beirut and Andrew Osborn in Moscow)")
    kinds = {m.surface: m.kind for m in res.mentions}
    assert kinds.get("Moscow") == "byline"
    assert [e.place_name for e in res.events] == ["Mahin"]


def test_unknown_toponym_is_reported_not_lost():
    res = _res("The army was forced to retreat from the Ertiwaziyah District on Monday.")
    unk = [m for m in res.mentions if m.kind == "unknown_toponym"]
    assert [m.surface for m in unk] == ["Ertiwaziyah District"]
    assert res.unresolved and res.unresolved[0]["mention"] == "Ertiwaziyah District"
    assert res.unresolved[0]["reason"]
    # the withdrawal is not mapped but reported
    assert any(w["kind"] == "event_unplaced" for w in res.warnings)


def test_head_noun_names_resolve_through_the_gazetteer():
    res = _res("Government forces captured al-Qadri Farms and the Tiyas Airbase on Monday.")
    names = {m.place.name for m in res.mentions if m.place is not None}
    assert {"Al-Qadri Farms", "Tiyas T-4 Airbase"} <= names


def test_web_debris_yields_nothing():
    text = "The army captured Mahin on Monday.\nShare this article\nIS captured Palmyra on Monday."
    res = _res(text, body_end=text.index("Share"))
    assert all(m.start < text.index("Share") for m in res.mentions)
    assert [e.place_name for e in res.events] == ["Mahin"]


def test_offset_conflict_warning_and_location_note():
    res = _res("Regime forces captured the al-Qadri Farms 4km west of Palmyra on Monday.")
    w = [x for x in res.warnings if x["kind"] == "offset_conflict"]
    assert len(w) == 1
    w = w[0]
    assert w["mention"] == "al-Qadri Farms" and w["stated_km"] == pytest.approx(4.0)
    assert w["stated_bearing_deg"] == pytest.approx(270.0)
    assert w["gazetteer_km"] == pytest.approx(8.8, abs=0.5)
    assert w["disagreement_km"] > 2
    ev = [e for e in res.events if e.kind == "capture"][0]
    assert (round(ev.location.lat, 3), round(ev.location.lon, 3)) == (34.526, 38.198)
    assert ev.location.offset_km == pytest.approx(4.0) and ev.location.anchor.name == "Palmyra"
    assert any("conflict" in n for n in ev.location.notes)


def test_region_never_places_a_capture():
    res = _res("ISIS seized three checkpoints in eastern Homs Governorate on Monday.")
    assert not [e for e in res.events if e.kind == "capture"]
