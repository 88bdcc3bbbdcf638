"""Control over time from events: the seed timeline and the rules of mapper/history/control.py."""
from __future__ import annotations

from datetime import date
from typing import Optional

import pandas as pd
import pytest

from gazetteer.model import METHOD_OFFSET, METHOD_PART, Location, Place
from mapper.history.control import ControlState, ControlTimeline, intervals_frame
from mapper.history.fusion import fuse
from mapper.model import Event, TimeSpan

# Places of the seeds, coordinates from gazetteer/data/syria_places.tsv (lat, lon).
PLACES = {
    "palmyra": Place("palmyra", "Palmyra", 34.56, 38.285),
    "triangle": Place("triangle", "Palmyra Triangle crossroad", 34.519, 38.216, kind="military base"),
    "qadri": Place("qadri", "Al-Qadri Farms", 34.526, 38.198),
    "hayyal": Place("hayyal", "Jabal Hayyal", 34.4901, 38.185, kind="hill"),
    "tar": Place("tar", "Jabal Al-Tar", 34.5949, 38.244, kind="hill"),
    "dawah": Place("dawah", "Al Dawah", 34.561, 38.217),
    "t4": Place("t4", "Tiyas T-4 Airbase", 34.517, 37.6312, kind="airbase"),
    "mahr": Place("mahr", "Al Mahr oil/gas fields", 34.7012, 37.7325, kind="oil or gas field"),
    "sukhnah": Place("sukhnah", "Al-Sukhnah", 34.887, 38.871),
}


def day(s: str) -> TimeSpan:
    d = date.fromisoformat(s)
    return TimeSpan(d, d, "day", s)


def month(y: int, m: int) -> TimeSpan:
    import calendar

    return TimeSpan(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month", f"{y}-{m:02d}")


def by(s: str) -> TimeSpan:
    return TimeSpan(None, date.fromisoformat(s), "day", f"by {s}")


UNDATED = TimeSpan()


def ev(eid: str, kind: str, side: str, place: str, time: TimeSpan, *, article: Optional[str] = None,
       toward: tuple[str, ...] = (), losing: Optional[str] = None, conf: float = 0.7,
       method: Optional[str] = None, flags: tuple[str, ...] = ()) -> Event:
    """An Event at a seed place (``method`` METHOD_PART / METHOD_OFFSET to change the location kind)."""
    p = PLACES[place]
    loc = Location.of_place(p)
    if method == METHOD_PART:
        loc = Location(p.lat, p.lon, METHOD_PART, "area", 2.0, place=p, phrase=f"part of {p.name}")
    elif method == METHOD_OFFSET:
        loc = Location(p.lat, p.lon - 0.044, METHOD_OFFSET, "offset", 2.0, anchor=p,
                       offset_km=4.0, bearing_deg=270.0, phrase=f"4km west of {p.name}")
    art = article or eid.split("-")[0]
    return Event(id=eid, kind=kind, side=side, actor=side, article_id=art,
                 quote=f"{kind} {p.name}", char_start=0, char_end=10, place_name=p.name,
                 location=loc, time=time, losing_side=losing, confidence=conf,
                 toward=tuple(Location.of_place(PLACES[t]) for t in toward),
                 toward_names=tuple(PLACES[t].name for t in toward), flags=flags)


def seed_events() -> list[Event]:
    """The events of /work/shared/seeds/expected.yaml, built by hand."""
    return [
        ev("000-1", "capture", "government", "qadri", day("2015-11-23")),
        ev("000-2", "capture", "government", "hayyal", by("2015-11-23")),
        ev("000-3", "capture", "islamic_state", "palmyra", month(2015, 5), flags=("background",)),
        ev("001-1", "capture", "islamic_state", "palmyra", day("2016-12-11"), losing="government"),
        ev("001-2", "withdrawal", "government", "palmyra", day("2016-12-11"), toward=("dawah", "t4")),
        ev("001-3", "withdrawal", "government", "mahr", day("2016-12-10"), toward=("t4",)),
        ev("001-4", "capture", "government", "palmyra", month(2016, 3), flags=("background",)),
        ev("002-1", "entry", "government", "palmyra", day("2016-03-24")),
        ev("002-3", "capture", "government", "tar", day("2016-03-24")),
        ev("003-1", "capture", "government", "palmyra", UNDATED, method=METHOD_PART),
        ev("004-1", "capture", "government", "triangle", day("2017-03-01")),
        ev("004-2", "capture", "government", "palmyra", month(2016, 3), flags=("background",)),
    ]


@pytest.fixture(scope="module", params=["raw", "fused"])
def seed_timeline(request) -> ControlTimeline:
    events = seed_events()
    if request.param == "fused":
        events = fuse(events).events
    return ControlTimeline.from_events(events, places=PLACES)


@pytest.mark.parametrize("place, when, side, status", [
    ("palmyra", "2015-04-30", None, "unknown"),
    ("palmyra", "2015-05-01", "islamic_state", "held"),
    ("palmyra", "2015-06-15", "islamic_state", "held"),
    ("palmyra", "2016-02-29", "islamic_state", "held"),
    ("palmyra", "2016-03-01", "government", "held"),
    ("palmyra", "2016-04-01", "government", "held"),
    ("palmyra", "2016-12-10", "government", "held"),
    ("palmyra", "2016-12-11", "islamic_state", "held"),
    ("palmyra", "2017-03-01", "islamic_state", "held"),
    ("triangle", "2015-06-15", None, "unknown"),
    ("triangle", "2016-04-01", None, "unknown"),
    ("triangle", "2016-12-11", None, "unknown"),
    ("triangle", "2017-02-28", None, "unknown"),
    ("triangle", "2017-03-01", "government", "held"),
    ("qadri", "2015-11-22", None, "unknown"),
    ("qadri", "2015-11-23", "government", "held"),
    ("hayyal", "2015-11-23", "government", "held"),
    ("tar", "2016-03-24", "government", "held"),
    ("t4", "2016-12-09", None, "unknown"),
    ("t4", "2016-12-10", "government", "held"),       # withdrawal destination
    ("dawah", "2016-12-11", "government", "held"),    # withdrawal destination
    ("mahr", "2016-12-10", None, "unknown"),          # withdrawn, nobody named
])
def test_seed_states(seed_timeline, place, when, side, status):
    st = seed_timeline.state(place, date.fromisoformat(when))
    assert (st.side, st.status) == (side, status)


def test_seed_palmyra_history(seed_timeline):
    hist = seed_timeline.history("palmyra")
    got = [(h.date_start.isoformat(), h.date_end.isoformat() if h.date_end else None, h.side,
            h.status, h.precision) for h in hist]
    assert got == [
        ("2015-05-01", "2016-03-01", "islamic_state", "held", "month"),
        ("2016-03-01", "2016-12-11", "government", "held", "month"),
        ("2016-12-11", None, "islamic_state", "held", "day"),
    ]
    assert hist[0].since_latest == date(2015, 5, 31)
    assert "001-1" in hist[2].event_ids and "001-2" in hist[2].event_ids
    # the entry of 24 March confirms the government hold: evidence, not a new interval
    assert (date(2016, 3, 24), "002-1") in hist[1].evidence
    assert seed_timeline.state("palmyra", date(2016, 4, 1)).last_evidence == date(2016, 3, 24)


def test_seed_undated_capture_is_ignored(seed_timeline):
    assert any(r["event_id"] == "003-1" and "undated" in r["reason"] for r in seed_timeline.ignored)
    for h in seed_timeline.history("palmyra"):
        assert "003-1" not in h.event_ids


def test_seed_triangle_does_not_move_palmyra(seed_timeline):
    assert seed_timeline.state("palmyra", date(2017, 3, 1)).side == "islamic_state"
    assert all("004-1" not in h.event_ids for h in seed_timeline.history("palmyra"))


def test_change_dates_and_places(seed_timeline):
    assert seed_timeline.change_dates()[:2] == [date(2015, 5, 1), date(2015, 11, 23)]
    assert date(2017, 3, 1) in seed_timeline.change_dates()
    assert "triangle" in seed_timeline.places() and "sukhnah" not in seed_timeline.places()


@pytest.mark.parametrize("events, place, when, side, status", [
    # entry into a place held by another side -> contested until a capture
    ([ev("a-1", "capture", "islamic_state", "palmyra", day("2016-01-01")),
      ev("b-1", "entry", "government", "palmyra", day("2016-03-24"))],
     "palmyra", "2016-03-25", None, "contested"),
    ([ev("a-1", "capture", "islamic_state", "palmyra", day("2016-01-01")),
      ev("b-1", "entry", "government", "palmyra", day("2016-03-24")),
      ev("b-2", "capture", "government", "palmyra", day("2016-03-27"))],
     "palmyra", "2016-03-27", "government", "held"),
    # entry into an unknown place -> contested
    ([ev("b-1", "entry", "government", "palmyra", day("2016-03-24"))],
     "palmyra", "2016-03-24", None, "contested"),
    # position in an unknown place -> held
    ([ev("b-1", "position", "sdf", "sukhnah", day("2016-03-24"))],
     "sukhnah", "2016-03-30", "sdf", "held"),
    # withdrawal naming the opponent -> held by the opponent
    ([ev("a-1", "capture", "government", "palmyra", day("2016-03-01")),
      ev("b-1", "withdrawal", "government", "palmyra", day("2016-12-11"), losing="islamic_state")],
     "palmyra", "2016-12-11", "islamic_state", "held"),
    # withdrawal without a named opponent -> unknown
    ([ev("a-1", "capture", "government", "palmyra", day("2016-03-01")),
      ev("b-1", "withdrawal", "government", "palmyra", day("2016-12-11"))],
     "palmyra", "2016-12-12", None, "unknown"),
    # clash -> contested
    ([ev("a-1", "capture", "government", "palmyra", day("2016-03-01")),
      ev("b-1", "clash", "islamic_state", "palmyra", day("2016-05-01"))],
     "palmyra", "2016-05-02", None, "contested"),
    # a partial capture (western neighbourhoods) -> contested, not held
    ([ev("a-1", "capture", "islamic_state", "palmyra", day("2016-01-01")),
      ev("b-1", "capture", "government", "palmyra", day("2016-03-20"), method=METHOD_PART)],
     "palmyra", "2016-03-21", None, "contested"),
    # an offset location (4 km west of Palmyra) is not Palmyra
    ([ev("a-1", "capture", "islamic_state", "palmyra", day("2016-01-01")),
      ev("b-1", "capture", "government", "palmyra", day("2016-03-20"), method=METHOD_OFFSET)],
     "palmyra", "2016-03-21", "islamic_state", "held"),
    # airstrikes and attacks never move control
    ([ev("a-1", "capture", "islamic_state", "palmyra", day("2016-01-01")),
      ev("b-1", "airstrike", "government", "palmyra", day("2016-03-20"))],
     "palmyra", "2016-03-21", "islamic_state", "held"),
    # "by 23 November" takes effect on the 23rd
    ([ev("a-1", "capture", "government", "hayyal", by("2015-11-23"))],
     "hayyal", "2015-11-23", "government", "held"),
    # unknown side capture is ignored
    ([ev("a-1", "capture", "unknown", "hayyal", day("2015-11-23"))],
     "hayyal", "2015-11-24", None, "unknown"),
])
def test_rules(events, place, when, side, status):
    tl = ControlTimeline.from_events(events, places=PLACES)
    st = tl.state(place, date.fromisoformat(when))
    assert (st.side, st.status) == (side, status)


def test_contested_parties():
    tl = ControlTimeline.from_events([
        ev("a-1", "capture", "islamic_state", "palmyra", day("2016-01-01")),
        ev("b-1", "entry", "government", "palmyra", day("2016-03-24"))], places=PLACES)
    st = tl.state("palmyra", date(2016, 3, 24))
    assert st.parties == ("government", "islamic_state") and st.event_ids == ("b-1",)


@pytest.mark.parametrize("when, side", [
    ("2017-05-31", None),              # before the prior's day: unknown
    ("2017-06-01", "government"),      # the prior
    ("2017-08-01", "islamic_state"),   # an event after the prior updates it
])
def test_prior_is_updated_by_events(when, side):
    prior = {"palmyra": ControlState("government", "held", date(2017, 6, 1), source="prior")}
    tl = ControlTimeline.from_events(
        [ev("x-1", "capture", "islamic_state", "palmyra", day("2017-08-01"))], prior=prior, places=PLACES)
    assert tl.state("palmyra", date.fromisoformat(when)).side == side
    assert tl.history("palmyra")[0].source == "prior"


def test_intervals_frame(seed_timeline):
    frame = intervals_frame(seed_timeline, PLACES)
    assert frame.crs.to_epsg() == 4326
    pal = frame[frame.place_id == "palmyra"]
    assert list(pal.side) == ["islamic_state", "government", "islamic_state"]
    assert list(pal.date_start) == ["2015-05-01", "2016-03-01", "2016-12-11"]
    assert pd.isna(pal.date_end.iloc[-1])
    assert set(frame.layer_type) == {"control"}
    row = pal.iloc[2]
    assert row.geometry.x == pytest.approx(38.285) and row.geometry.y == pytest.approx(34.56)
    assert set(row.event_ids.split(",")) == {"001-1", "001-2"}


# -- prior (mapper/history/prior.py) ----------------------------------------------
def test_prior_counts_from_tsv():
    from collections import Counter

    from mapper.history.prior import SYRIA_2017_AS_OF, prior_from_gazetteer

    prior = prior_from_gazetteer(as_of=SYRIA_2017_AS_OF)
    assert len(prior) == 6102 and len(prior.skipped) == 30  # 6132 rows, 30 without a mark
    counts = Counter(st.side or st.status for st in prior.values())
    assert counts == {"government": 2554, "sdf": 2038, "opposition": 863, "islamic_state": 353,
                      "jabhat_al_nusra": 177, "opposition+jabhat_al_nusra": 97,
                      "government+sdf": 9, "contested": 6, "turkey": 5}
    assert set(prior.places) == set(prior)
    assert all(st.source == "prior" and st.since == SYRIA_2017_AS_OF for st in prior.values())


@pytest.mark.parametrize("mark, expected", [
    ("government", ("government", "held", ("government",))),
    ("opposition+jabhat_al_nusra", ("opposition+jabhat_al_nusra", "held",
                                    ("jabhat_al_nusra", "opposition"))),
    ("contested:government+opposition", (None, "contested", ("government", "opposition"))),
    ("", None),
    (None, None),
])
def test_parse_control_mark(mark, expected):
    from mapper.history.prior import parse_control_mark

    assert parse_control_mark(mark) == expected


@pytest.mark.parametrize("bad", ["martians", "contested:government+martians"])
def test_parse_control_mark_rejects_unknown_sides(bad):
    from mapper.errors import ConfigError
    from mapper.history.prior import parse_control_mark

    with pytest.raises(ConfigError, match="unknown side"):
        parse_control_mark(bad)


def test_prior_ids_match_gazetteer_and_events_update_it():
    from gazetteer.regional import load_regional_pack
    from mapper.history.prior import load_prior

    prior = load_prior("syria-2017")
    pack = load_regional_pack()
    palmyra = pack.places["syria:palmyra"]
    assert prior.places["syria:palmyra"] == palmyra
    later = Event(id="z-1", kind="capture", side="islamic_state", actor="IS", article_id="z",
                  quote="q", char_start=0, char_end=1, place_name="Palmyra",
                  location=Location.of_place(palmyra), time=day("2017-07-01"))
    tl = ControlTimeline.from_events([later], prior=prior, places=prior.places)
    assert tl.state("syria:palmyra", date(2017, 6, 15)).side == "government"
    assert tl.state("syria:palmyra", date(2017, 7, 1)).side == "islamic_state"
    assert tl.state("syria:al-sukhnah", date(2017, 7, 1)).side == "islamic_state"
    assert tl.state("syria:palmyra", date(2017, 5, 31)).status == "unknown"


def test_load_prior_unknown_name():
    from mapper.errors import ConfigError
    from mapper.history.prior import load_prior

    with pytest.raises(ConfigError, match="syria-2017"):
        load_prior("iraq-2016")
