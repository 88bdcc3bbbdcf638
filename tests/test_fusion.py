"""Fusion across sources: duplicates merge, contradictions are kept and flagged."""
from __future__ import annotations

from dataclasses import replace

import pytest

from gazetteer.model import METHOD_OFFSET, Location, Place
from mapper.history.fusion import fuse
from tests.test_control import UNDATED, by, day, ev, month, seed_events


def _ids(result):
    return sorted(e.id for e in result.events)


def test_duplicate_capture_two_articles():
    a = ev("001-1", "capture", "islamic_state", "palmyra", day("2016-12-11"), conf=0.7)
    b = replace(ev("007-1", "capture", "islamic_state", "palmyra", day("2016-12-11"), conf=0.6),
                quote="IS seized Palmyra", char_start=40, char_end=57)
    res = fuse([b, a])
    assert len(res.events) == 1
    e = res.events[0]
    assert e.sources == ("001", "007") and e.corroboration == 2
    assert e.confidence == pytest.approx(1 - 0.3 * 0.8)
    assert e.other_quotes == (("007", "IS seized Palmyra", 40, 57),)
    assert "corroborated" in e.flags
    assert res.merged[e.id] == ("001-1", "007-1")
    assert res.contradictions == []


@pytest.mark.parametrize("events, n_out", [
    # month-precision report overlapping a day report: one event
    ([ev("001-4", "capture", "government", "palmyra", month(2016, 3)),
      ev("009-1", "capture", "government", "palmyra", day("2016-03-27"))], 1),
    # two months that do not overlap: two events
    ([ev("001-4", "capture", "government", "palmyra", month(2016, 3)),
      ev("009-1", "capture", "government", "palmyra", month(2016, 5))], 2),
    # different kind: two events
    ([ev("002-1", "entry", "government", "palmyra", day("2016-03-24")),
      ev("009-1", "capture", "government", "palmyra", day("2016-03-24"))], 2),
    # different side: two events (and a contradiction)
    ([ev("002-1", "capture", "islamic_state", "palmyra", day("2016-03-24")),
      ev("009-1", "capture", "government", "palmyra", day("2016-03-24"))], 2),
    # different places 7.8 km apart (Palmyra vs the triangle): two events
    ([ev("002-1", "capture", "government", "palmyra", day("2016-03-24")),
      ev("009-1", "capture", "government", "triangle", day("2016-03-24"))], 2),
    # an offset 4 km west of Palmyra is not Palmyra
    ([ev("002-1", "capture", "government", "palmyra", day("2016-03-24")),
      ev("009-1", "capture", "government", "palmyra", day("2016-03-24"), method=METHOD_OFFSET)], 2),
    # two reports of the same offset point: one event
    ([ev("002-1", "capture", "government", "qadri", day("2015-11-23"), method=METHOD_OFFSET),
      ev("009-1", "capture", "government", "qadri", day("2015-11-23"), method=METHOD_OFFSET)], 1),
    # "by 23 November" overlaps the 20th
    ([ev("000-2", "capture", "government", "hayyal", by("2015-11-23")),
      ev("009-1", "capture", "government", "hayyal", day("2015-11-20"))], 1),
    # undated never fuses with dated
    ([ev("003-1", "capture", "government", "palmyra", UNDATED),
      ev("009-1", "capture", "government", "palmyra", month(2016, 3))], 2),
    # undated reports of different articles stay apart
    ([ev("003-1", "capture", "government", "palmyra", UNDATED),
      ev("009-1", "capture", "government", "palmyra", UNDATED)], 2),
    # undated duplicates in one article merge
    ([ev("003-1", "capture", "government", "palmyra", UNDATED, article="003"),
      ev("003-2", "capture", "government", "palmyra", UNDATED, article="003")], 1),
])
def test_fusion_table(events, n_out):
    res = fuse(events)
    assert len(res.events) == n_out
    assert len(fuse(list(reversed(events))).events) == n_out


def test_most_precise_report_wins():
    coarse = ev("001-4", "capture", "government", "palmyra", month(2016, 3), conf=0.9)
    fine = ev("009-1", "capture", "government", "palmyra", day("2016-03-27"), conf=0.5)
    e = fuse([coarse, fine]).events[0]
    assert e.id == "009-1" and e.time.precision == "day" and e.time.start.isoformat() == "2016-03-27"
    assert e.confidence == pytest.approx(1 - 0.1 * 0.8)  # boosted from the highest (0.9)
    assert e.other_quotes[0][0] == "001"


def test_month_is_not_chained_across_two_days():
    events = [ev("a-1", "capture", "government", "palmyra", day("2016-03-05")),
              ev("b-1", "capture", "government", "palmyra", day("2016-03-24")),
              ev("c-1", "capture", "government", "palmyra", month(2016, 3))]
    res = fuse(events)
    assert _ids(res) == ["a-1", "b-1"]
    first = next(e for e in res.events if e.id == "a-1")
    assert first.sources == ("a", "c") and "fusion_ambiguous" in first.flags


def test_same_place_two_ids_within_2km():
    p2 = Place("tadmur", "Tadmur", 34.565, 38.28)
    other = replace(ev("009-1", "capture", "government", "palmyra", day("2016-03-27")),
                    location=Location.of_place(p2))
    res = fuse([ev("002-1", "capture", "government", "palmyra", day("2016-03-27")), other])
    assert len(res.events) == 1 and res.events[0].corroboration == 2


def test_background_flag_kept_only_when_all_background():
    a = ev("001-4", "capture", "government", "palmyra", month(2016, 3), flags=("background",))
    b = ev("004-2", "capture", "government", "palmyra", month(2016, 3), flags=("background",))
    c = ev("009-1", "capture", "government", "palmyra", day("2016-03-27"))
    assert "background" in fuse([a, b]).events[0].flags
    assert "background" not in fuse([a, b, c]).events[0].flags


@pytest.mark.parametrize("a, b, message_part", [
    (ev("001-1", "capture", "islamic_state", "palmyra", day("2016-12-11")),
     ev("009-1", "capture", "government", "palmyra", day("2016-12-11")), "who holds it"),
    (ev("001-1", "capture", "islamic_state", "palmyra", month(2016, 12)),
     ev("009-1", "control", "government", "palmyra", day("2016-12-20")), "who holds it"),
    (ev("001-1", "capture", "government", "palmyra", day("2016-12-11")),
     ev("009-1", "withdrawal", "government", "palmyra", day("2016-12-11")), "withdrew"),
])
def test_contradiction_flagged_both_kept(a, b, message_part):
    res = fuse([a, b])
    assert _ids(res) == sorted([a.id, b.id])
    assert all("contradicted" in e.flags for e in res.events)
    assert len(res.contradictions) == 1
    c = res.contradictions[0]
    assert c["place_id"] == "palmyra" and c["event_ids"] == sorted([a.id, b.id])
    assert set(c["kinds"]) == {a.kind, b.kind} and set(c["sides"]) == {a.side, b.side}
    assert c["date"] >= "2016-12-01" and message_part in c["message"]


@pytest.mark.parametrize("a, b", [
    # the loser withdraws as the winner captures: consistent (seed 001)
    (ev("001-1", "capture", "islamic_state", "palmyra", day("2016-12-11")),
     ev("001-2", "withdrawal", "government", "palmyra", day("2016-12-11"))),
    # captures by two sides on dates that do not overlap
    (ev("000-3", "capture", "islamic_state", "palmyra", month(2015, 5)),
     ev("001-4", "capture", "government", "palmyra", month(2016, 3))),
    # an undated claim contradicts nothing
    (ev("003-1", "capture", "government", "palmyra", UNDATED),
     ev("001-1", "capture", "islamic_state", "palmyra", day("2016-12-11"))),
])
def test_no_contradiction(a, b):
    res = fuse([a, b])
    assert res.contradictions == [] and not any("contradicted" in e.flags for e in res.events)


def test_seed_fusion():
    res = fuse(seed_events())
    assert len(res.events) == 11
    march = [e for e in res.events if e.kind == "capture" and e.side == "government"
             and e.place_name == "Palmyra" and e.time.precision == "month"]
    assert len(march) == 1 and march[0].sources == ("001", "004") and march[0].corroboration == 2
    assert res.contradictions == []
    undated = [e for e in res.events if e.time.start is None and e.time.end is None]
    assert [e.id for e in undated] == ["003-1"] and undated[0].sources == ("003",)
    # deterministic: same output for any input order
    again = fuse(list(reversed(seed_events())))
    assert [(e.id, e.sources, e.confidence) for e in again.events] == \
        [(e.id, e.sources, e.confidence) for e in res.events]


def test_idempotent():
    once = fuse(seed_events()).events
    twice = fuse(once).events
    assert [(e.id, e.sources, e.corroboration, e.other_quotes, e.confidence, e.flags) for e in twice] == \
        [(e.id, e.sources, e.corroboration, e.other_quotes, e.confidence, e.flags) for e in once]
