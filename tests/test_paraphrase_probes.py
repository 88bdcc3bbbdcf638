"""Paraphrase probes: rules must hold on wordings and places the team never tuned on.

Each row is a made-up sentence about a real place of the regional pack that no
development text uses (Qusayr, Saraqib, Salma, Hass, Ara, Kafr Nabl, ...), in a
shape that an earlier rule only accepted in one development wording: a headline
passive with any combatant subject, a control state after a change ("changed
hands ... in rebel hands"), a town reference with any adjective ("the northern
town"), an evacuation deal in other words, an evacuated headquarters whatever
verb governs it, and first names that are also villages. An overfitted rule
fails here although the development gold passes.
"""
from __future__ import annotations

from datetime import date

import pytest

from gazetteer.disambiguate import haversine_km
from mapper.extract.article import extract_article
from mapper.model import Article

TERRITORIAL = {"capture", "withdrawal", "entry", "advance"}

#: (text, kind, side or None for any, place (lat, lon) in degrees, tolerance km)
QUSAYR = (34.512, 36.576)
SARAQIB = (35.864, 36.809)
PROBES = [
    # headline passives: any combatant subject, not one suffix list
    ("SDF pushed from village of Qusayr as rebels claim gains.", "withdrawal", "sdf", QUSAYR, 5),
    ("Kurdish militia pushed from town of Qusayr after heavy fighting.", "withdrawal", None, QUSAYR, 5),
    ("Hezbollah pushed from town of Qusayr after heavy fighting.", "withdrawal", "government", QUSAYR, 5),
    # a control state after a change, in several wordings
    ("Saraqib changed hands several times before rebels finally held it.", "capture", "opposition", SARAQIB, 5),
    ("After changing hands three times, Saraqib ended the week in rebel hands.",
     "capture", "opposition", SARAQIB, 5),
    ("Saraqib changed hands twice and was under rebel control by Friday.", "capture", "opposition", SARAQIB, 5),
    ("Rebels lost Saraqib on Monday. The next day, Saraqib was reported to be back in rebel hands.",
     "capture", "opposition", SARAQIB, 5),
    ("Rebels lost Saraqib on Monday. By Friday, Saraqib was again under rebel control.",
     "capture", "opposition", SARAQIB, 5),
    # "the <adjective> town" refers back to the town last named
    ("Rebels advanced on Saraqib on Monday. On Tuesday they entered the northern town.",
     "entry", "opposition", SARAQIB, 5),
    ("Rebels advanced on Saraqib on Monday. On Tuesday they entered the border town.",
     "entry", "opposition", SARAQIB, 5),
    ("Rebels advanced on Saraqib on Monday. On Tuesday they captured the strategic town.",
     "capture", "opposition", SARAQIB, 5),
    # an offset from "the <any modifier> town": the town last named (spatial grammar)
    ("Rebels entered Saraqib on Monday. On Tuesday they captured a village 5 km west of the rebel-held town.",
     "capture", "opposition", (35.864, 36.754), 2),
    ("Rebels entered Saraqib on Monday. On Tuesday they captured a village 5 km west of the Idlib town.",
     "capture", "opposition", (35.864, 36.754), 2),
    # evacuation deals, in other words than "safe passage out of"
    ("Rebel fighters were allowed to leave Qusayr on Monday under a deal with the government.",
     "withdrawal", "opposition", QUSAYR, 5),
    ("Rebel fighters were bussed out of Qusayr on Monday.", "withdrawal", "opposition", QUSAYR, 5),
    # an evacuated headquarters, whatever verb governs it
    ("Syrian regime forces had to evacuate their headquarters in Qusayr on Monday.",
     "withdrawal", "government", QUSAYR, 5),
    ("The army evacuated its headquarters in Qusayr on Monday.", "withdrawal", "government", QUSAYR, 5),
    # first names that are also villages: the settlement slot decides
    ("Government forces captured Salma on Tuesday after weeks of fighting in Latakia province.",
     "capture", "government", (35.689, 36.137), 5),
    ("Government forces captured the town of Salma on Tuesday.", "capture", "government", (35.689, 36.137), 5),
    ("Air strikes hit Idlib province on Tuesday, and rebels later withdrew from Hass.",
     "withdrawal", "opposition", (35.616, 36.591), 5),
    # a city's quarter written in another spelling than the alias table's
    ("In Aleppo, rebels captured the Hamadaniyah district on Monday.", "capture", "opposition",
     (36.183, 37.132), 8),
]


def _events(text: str):
    result = extract_article(Article("probe", text, date(2016, 3, 29)))
    return [e for e in result.events if e.kind in TERRITORIAL]


@pytest.mark.parametrize("text,kind,side,where,km", PROBES, ids=[p[0][:50] for p in PROBES])
def test_paraphrase_gives_the_event(text, kind, side, where, km):
    found = [e for e in _events(text) if e.kind == kind and (side is None or e.side == side)]
    assert found, f"no {kind} by {side} in {text!r}: {[(e.kind, e.side, e.place_name) for e in _events(text)]}"
    placed = [e for e in found if e.location is not None
              and haversine_km((e.location.lat, e.location.lon), where) <= km]
    assert placed, f"{kind} found but not within {km} km of {where}: " \
                   f"{[(e.place_name, e.location) for e in found]}"


#: made-up sentences that must give no territorial event
NOT_EVENTS = [
    "Rebels hope Saraqib will be back in rebel hands by the end of the month.",
    "Rebel fighters refused to leave Qusayr despite the deal.",
    "Salma Haddad, a resident, said the town was quiet.",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_paraphrase_not_event(text):
    assert not _events(text), [(e.kind, e.side, e.place_name) for e in _events(text)]
