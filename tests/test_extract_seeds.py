"""Acceptance: events of the five seed articles (shared/seeds/expected.yaml)
and of the hand-made tricky set (tests/data/tricky/expected.yaml).

Matching rules (one helper for both tables):
- an expected event is found when an event of the same article, kind and side
  lies within the place's tolerance (``within_km`` of the reference lat/lon,
  from the ``places`` table for the seeds) or names the place (resolved
  place, anchor or any of its ``also`` names, compared with name_key);
- dates: ``date`` -> start == end == date, precision day; ``date_end`` only ->
  end matches; ``date_start``/``date_end``/``date_precision`` as given;
  ``date: null`` -> no date at all;
- ``toward`` places must all be among the event's movement destinations;
- a ``not_events`` text never yields an event of the kind its trigger words
  name (or of any kind when it has none) in a quote overlapping it, and no
  event is ever placed at a dateline / byline place (Amman, Beirut, Moscow, Cairo).
"""
from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml

from gazetteer.normalize import name_key
from mapper.extract.events.triggers import (
    find_triggers
)
from mapper.extract.article import extract_article
from mapper.model import Article, Event

ROOT = Path(__file__).resolve().parents[1]
from tests.shared_paths import SEEDS_EXPECTED
if not SEEDS_EXPECTED.exists():
    SEEDS_EXPECTED = ROOT / "seeds" / "expected.yaml"
TRICKY = ROOT / "tests" / "data" / "tricky"
NOT_EVENT_PLACES = [("Amman", 31.955, 35.945), ("Beirut", 33.893, 35.502),
                    ("Moscow", 55.752, 37.618), ("Cairo", 30.063, 31.250)]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km between two (lat, lon) points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _as_date(v: Any) -> Optional[date]:
    return v if isinstance(v, date) or v is None else date.fromisoformat(str(v))


def _names_of(ev_loc) -> set[str]:
    out = set()
    if ev_loc is None:
        return out
    for p in (ev_loc.place, ev_loc.anchor):
        if p is not None:
            out.add(name_key(p.name))
            out.update(name_key(a) for a in p.aliases)
    return out


def place_matches(loc, place_name: str, names: list[str], lat: Optional[float], lon: Optional[float],
                  within: float) -> bool:
    """The location is within ``within`` km of (lat, lon) or names the place."""
    if loc is None:
        return False
    if lat is not None and km(loc.lat, loc.lon, lat, lon) <= within:
        return True
    keys = {name_key(n) for n in names}
    return bool(keys & (_names_of(loc) | {name_key(place_name)}))


def dates_match(ev: Event, spec: dict) -> bool:
    t = ev.time
    if "date" in spec:
        d = _as_date(spec["date"])
        if d is None:
            return t.start is None and t.end is None
        return t.start == d and t.end == d and t.precision == "day"
    ok = True
    if "date_start" in spec:
        ok &= t.start == _as_date(spec["date_start"])
    if "date_end" in spec:
        ok &= t.end == _as_date(spec["date_end"])
    if "date_precision" in spec:
        ok &= t.precision == spec["date_precision"]
    return ok


def find_event(events: list[Event], spec: dict, place: dict) -> Optional[Event]:
    names = [spec["place"], *place.get("also", [])]
    for ev in events:
        if ev.kind != spec["kind"] or ev.side != spec["side"]:
            continue
        if not place_matches(ev.location, ev.place_name, names, place.get("lat"), place.get("lon"),
                             place.get("within_km", 5.0)):
            continue
        if not dates_match(ev, spec):
            continue
        if "losing_side" in spec and ev.losing_side != spec["losing_side"]:
            continue
        if any(f not in ev.flags for f in spec.get("flags", [])):
            continue
        ok = True
        for tw in spec.get("toward", []):
            tw = tw if isinstance(tw, dict) else {"place": tw}
            tplace = tw.get("ref", tw)
            tnames = [tw["place"], *tplace.get("also", [])]
            if not any(place_matches(loc, nm, tnames, tplace.get("lat"), tplace.get("lon"),
                                     tplace.get("within_km", 5.0))
                       for loc, nm in zip(ev.toward, ev.toward_names)):
                ok = False
        if ok:
            return ev
    return None


def describe(events: list[Event]) -> str:
    return "\n".join(f"  {e.kind} {e.side} {e.place_name!r} {e.time.start}..{e.time.end} "
                     f"{e.time.precision} toward={e.toward_names} | {e.quote[:70]!r}" for e in events)


# --------------------------------------------------------------------------- seeds
def _seed_spec() -> dict:
    return yaml.safe_load(SEEDS_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_results() -> dict[str, Any]:
    from mapper.read.readers import read_inputs

    out = {}
    for a in read_inputs([ROOT / "seeds"]):
        assert isinstance(a, Article), f"seed could not be read: {a}"
        out[a.id[:3]] = extract_article(a)
    return out


def _seed_place(spec: dict, name: str) -> dict:
    for p in spec["places"]:
        if name_key(p["mention"]) == name_key(name) or name_key(name) in {name_key(a) for a in p.get("also", [])}:
            return p
    return {}


SEED = _seed_spec()


@pytest.mark.parametrize("spec", SEED["events"],
                         ids=[f"{e['article']}-{e['kind']}-{e['side']}-{e['place']}" for e in SEED["events"]])
def test_seed_event_is_found(seed_results, spec):
    res = seed_results[spec["article"]]
    place = _seed_place(SEED, spec["place"])
    toward = [{"place": t, "ref": _seed_place(SEED, t)} for t in spec.get("toward", [])]
    ev = find_event(res.events, {**spec, "toward": toward}, {**place, "also": place.get("also", [])})
    assert ev is not None, f"missing {spec}; produced:\n{describe(res.events)}"


def _not_event_check(res, text: str) -> list[Event]:
    """Events that a not_events text wrongly produced."""
    full = res.article.text
    bad = []
    for name, lat, lon in NOT_EVENT_PLACES:
        for ev in res.events:
            if ev.location is not None and km(ev.location.lat, ev.location.lon, lat, lon) < 30:
                bad.append(ev)
    spans = _spans_of(full, text)
    assert spans, f"not_events text {text!r} is not in article {res.article.id!r}"
    kinds = {t.kind for t in find_triggers(text)}
    datelines = [m for m in res.mentions if m.kind in ("dateline", "byline")]
    if not kinds and any(m.start < e and s < m.end for m in datelines for s, e in spans):
        # a dateline / byline: the sentence may hold events, but none placed there
        return bad
    for start, end in spans:
        for ev in res.events:
            if ev.char_start < end and start < ev.char_end and (not kinds or ev.kind in kinds):
                bad.append(ev)
    return bad


_QUOTES = "\"'“”‘’"


def _spans_of(full: str, text: str) -> list[tuple[int, int]]:
    """Where a not_events text is in the article: exactly (quotes / spaces
    normalised), else every sentence holding >= 70 % of its content words
    (the gold text may paraphrase a headline and a lead sentence)."""
    import re

    from mapper.extract.layout import build_layout

    pat = "".join("[" + re.escape(_QUOTES) + "]" if c in _QUOTES else r"\s+" if c.isspace() else re.escape(c)
                  for c in text)
    found = [m.span() for m in re.finditer(pat, full)]
    if found:
        return found
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    out = []
    for s in build_layout(full).sentences:
        have = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", full[s.start:s.end])}
        if words and len(words & have) >= 0.7 * len(words):
            out.append((s.start, s.end))
    return out


@pytest.mark.parametrize("spec", SEED["not_events"],
                         ids=[f"{e['article']}-{e['why']}" for e in SEED["not_events"]])
def test_seed_not_event(seed_results, spec):
    res = seed_results[spec["article"]]
    bad = _not_event_check(res, spec["text"])
    assert not bad, f"{spec['text']!r} ({spec['why']}) became events:\n{describe(bad)}"


def test_seed_offset_conflicts_reported(seed_results):
    warns = [w for r in seed_results.values() for w in r.warnings if w["kind"] == "offset_conflict"]
    by_mention = {name_key(w["mention"]): w for w in warns}
    qadri = by_mention[name_key("al-Qadri Farms")]
    assert qadri["stated_km"] == pytest.approx(4.0)
    assert qadri["gazetteer_km"] == pytest.approx(8.8, abs=0.5)
    sukhna = by_mention[name_key("a-Sukhna")]
    assert sukhna["stated_km"] == pytest.approx(31.0)
    assert sukhna["gazetteer_km"] == pytest.approx(65, abs=3)
    for w in (qadri, sukhna):
        assert set(w) >= {"article", "kind", "mention", "char_start", "stated_km", "stated_bearing_deg",
                          "gazetteer_km", "gazetteer_bearing_deg", "disagreement_km", "message"}
    # the map keeps the gazetteer position and notes the conflict on the Location
    ev = next(e for e in seed_results["000"].events if e.place_name == "Al-Qadri Farms")
    assert km(ev.location.lat, ev.location.lon, 34.526, 38.198) < 1
    assert ev.location.notes and "conflict" in ev.location.notes[0]


def test_seed_advance_within_two_km_is_a_ring(seed_results):
    ev = next(e for e in seed_results["002"].events if e.kind == "advance" and e.time.date == date(2016, 3, 23))
    assert ev.location.method == "distance" and not ev.location.is_point
    assert ev.location.anchor is not None and ev.location.anchor.name == "Palmyra"


def test_seed_event_ids_and_quotes(seed_results):
    for res in seed_results.values():
        ids = [e.id for e in res.events]
        assert len(ids) == len(set(ids))
        for e in res.events:
            assert res.article.text[e.char_start:e.char_end] == e.quote
            assert e.id.startswith(f"{res.article.id}:{e.char_start}:{e.kind}:")
            assert 0.0 <= e.confidence <= 1.0
            assert e.char_end <= (res.article.body_end or len(res.article.text))


def test_seed_undated_article_keeps_events_undated(seed_results):
    res = seed_results["003"]
    assert res.events and all(e.time.start is None and "undated" in e.flags for e in res.events)


def test_seed_background_history_has_its_own_date(seed_results):
    ev = next(e for e in seed_results["001"].events
              if e.kind == "capture" and e.side == "islamic_state" and "background" in e.flags)
    assert (ev.time.start, ev.time.end) == (date(2015, 5, 1), date(2015, 5, 31))


# --------------------------------------------------------------------------- tricky set
TRICKY_SPEC = yaml.safe_load((TRICKY / "expected.yaml").read_text(encoding="utf-8"))["articles"]


@pytest.fixture(scope="module")
def tricky_results() -> dict[str, Any]:
    out = {}
    for name, spec in TRICKY_SPEC.items():
        text = (TRICKY / f"{name}.txt").read_text(encoding="utf-8")
        out[name] = extract_article(Article(name, text, _as_date(spec.get("published"))))
    return out


_TRICKY_EVENTS = [(n, e) for n, s in TRICKY_SPEC.items() for e in s.get("events", [])]
_TRICKY_NOT = [(n, e) for n, s in TRICKY_SPEC.items() for e in s.get("not_events", [])]
_TRICKY_PLACES = [(n, p) for n, s in TRICKY_SPEC.items() for p in s.get("not_places", [])]


@pytest.mark.parametrize("name,spec", _TRICKY_EVENTS,
                         ids=[f"{n}-{e['kind']}-{e['side']}-{e['place']}" for n, e in _TRICKY_EVENTS])
def test_tricky_event_is_found(tricky_results, name, spec):
    res = tricky_results[name]
    ev = find_event(res.events, spec, {"lat": spec["lat"], "lon": spec["lon"], "within_km": 3.0})
    assert ev is not None, f"missing {spec}; produced:\n{describe(res.events)}"


@pytest.mark.parametrize("name,spec", _TRICKY_NOT, ids=[f"{n}-{e['why']}" for n, e in _TRICKY_NOT])
def test_tricky_not_event(tricky_results, name, spec):
    bad = _not_event_check(tricky_results[name], spec["text"])
    assert not bad, f"{spec['text']!r} ({spec['why']}) became events:\n{describe(bad)}"


@pytest.mark.parametrize("name,spec", _TRICKY_PLACES, ids=[f"{n}-{p['name']}" for n, p in _TRICKY_PLACES])
def test_tricky_no_event_at_dateline_place(tricky_results, name, spec):
    res = tricky_results[name]
    bad = [e for e in res.events if e.location is not None
           and km(e.location.lat, e.location.lon, spec["lat"], spec["lon"]) < 20]
    assert not bad, f"events placed at {spec['name']}:\n{describe(bad)}"
    kinds = {m.kind for m in res.mentions if name_key(spec["name"]) in name_key(m.surface)}
    assert not kinds or kinds <= {"dateline", "byline"}
