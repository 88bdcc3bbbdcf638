"""Event rules as general mechanisms, on made-up sentences about pack places no development
text uses (Talbiseh, Rastan, Morek, Kafr Nabl, Saraqib, Qusayr).

Five shapes, each with other wordings than the probes of tests/test_paraphrase_probes.py:
a headline passive with any combatant subject (a side phrase of the side table or a
plural combatant noun), a control state after a change (change marker + "under / in X
control / hands"), "the <modifiers> town" referring back to the town last named, an
evacuation deal in other words, and an installation ("its headquarters / base in X")
left by any leave verb. Not-event rows: forecasts, plain states, refusals, civilians,
another town, a relocated headquarters.
"""
from __future__ import annotations

from datetime import date

import pytest

from gazetteer.disambiguate import haversine_km
from mapper.extract.article import extract_article
from mapper.extract.locate.focus import KIND_REFERENCE_RE, REFERENCE_RE
from mapper.model import Article

TERRITORIAL = {"capture", "withdrawal", "entry", "advance"}
#: places (lat, lon) in degrees, from the regional pack
TALBISEH = (34.841, 36.729)
RASTAN = (34.922, 36.735)
MOREK = (35.373, 36.689)
KAFR_NABL = (35.613, 36.562)
SARAQIB = (35.864, 36.809)
QUSAYR = (34.512, 36.576)
#: how close (km) an event must be to its place
TOL_KM = 5.0


def _events(text: str):
    result = extract_article(Article("made-up", text, date(2016, 3, 29)))
    return [e for e in result.events if e.kind in TERRITORIAL]


#: (text, kind, side or None for any side, place)
EVENTS = [
    # 1. headline passives: a side phrase of the side table or a plural combatant noun before the verb
    ("Nusra Front fighters pushed from Rastan as rebels claim gains.", "withdrawal", "jabhat_al_nusra", RASTAN),
    ("YPG pushed from village of Morek after clashes.", "withdrawal", "sdf", MOREK),
    ("Jihadists pushed from town of Talbiseh after heavy fighting.", "withdrawal", None, TALBISEH),
    ("Free Syrian Army expelled from town of Kafr Nabl.", "withdrawal", "opposition", KAFR_NABL),
    # 2. a control state after a change
    ("Morek changed hands twice before the army finally held it.", "capture", "government", MOREK),
    ("Kafr Nabl changed hands several times and ended up in regime hands.", "capture", "government", KAFR_NABL),
    ("After changing hands twice, Talbiseh ended the day under army control.", "capture", "government", TALBISEH),
    ("By Saturday, Rastan was back under government control.", "capture", "government", RASTAN),
    ("Rastan was once more reported to be in rebel hands.", "capture", "opposition", RASTAN),
    ("Morek changed hands three times and was in the hands of the rebels by Sunday.",
     "capture", "opposition", MOREK),
    ("Talbiseh was under rebel control by Thursday after a week of fighting.", "capture", "opposition", TALBISEH),
    # 3. "the <modifiers> town / village" refers back to the place last named
    ("Rebels besieged Morek on Monday. On Wednesday they captured the Hama countryside town.",
     "capture", "opposition", MOREK),
    ("Rebels besieged Rastan on Monday. On Wednesday they captured the Orontes town.",
     "capture", "opposition", RASTAN),
    ("Government forces shelled Talbiseh on Monday. On Tuesday government troops stormed the rebel-held town.",
     "entry", "government", TALBISEH),
    ("Rebels advanced on Kafr Nabl on Monday. On Tuesday they entered the southern town.",
     "entry", "opposition", KAFR_NABL),
    # 4. evacuation deals
    ("Opposition fighters were permitted to depart Talbiseh on Sunday.", "withdrawal", "opposition", TALBISEH),
    ("Rebels were transported from Rastan to Idlib on Sunday.", "withdrawal", "opposition", RASTAN),
    ("Nusra fighters were able to exit Saraqib under the truce.", "withdrawal", "jabhat_al_nusra", SARAQIB),
    ("Rebel fighters were ferried out of Qusayr on buses on Monday.", "withdrawal", "opposition", QUSAYR),
    ("Rebel fighters were evacuated from Talbiseh on Monday.", "withdrawal", "opposition", TALBISEH),
    ("Hundreds of Nusra fighters and their families were bused from Saraqib to Idlib province.",
     "withdrawal", "jabhat_al_nusra", SARAQIB),
    ("Republican Guards pushed from Morek after heavy fighting.", "withdrawal", None, MOREK),
    # 5. an installation left by a leave verb, whatever governs it
    ("Rebels had to abandon their base in Morek on Friday.", "withdrawal", "opposition", MOREK),
    ("IS was forced to vacate its headquarters in Saraqib.", "withdrawal", "islamic_state", SARAQIB),
    ("Loyalist troops quit their barracks in Kafr Nabl on Thursday.", "withdrawal", "government", KAFR_NABL),
    ("IS left its headquarters in Rastan on Monday.", "withdrawal", "islamic_state", RASTAN),
    ("Rebels vacated their positions in Rastan on Sunday.", "withdrawal", "opposition", RASTAN),
]


@pytest.mark.parametrize("text,kind,side,where", EVENTS, ids=[e[0][:60] for e in EVENTS])
def test_paraphrase_event(text, kind, side, where):
    got = _events(text)
    found = [e for e in got if e.kind == kind and (side is None or e.side == side)]
    assert found, f"no {kind} by {side}: {[(e.kind, e.side, e.place_name) for e in got]}"
    placed = [e for e in found if e.location is not None and
              haversine_km((e.location.lat, e.location.lon), where) <= TOL_KM]
    assert placed, [(e.place_name, e.location) for e in found]


#: (text, place that must have no territorial event)
NOT_EVENTS = [
    # forecasts and plain states of control
    ("The army hopes Morek will again be under its control by the end of the year.", MOREK),
    ("Rastan is under rebel control.", RASTAN),
    ("Rastan has been under rebel control since 2012.", RASTAN),
    ("Kafr Nabl remained in rebel hands.", KAFR_NABL),
    ("Saraqib, a rebel-held town, was shelled on Monday.", SARAQIB),
    # a change of hands elsewhere does not carry over another clause's state
    ("Kafr Nabl changed hands, while Saraqib stayed under rebel control.", SARAQIB),
    ("Kafr Nabl changed hands, while Saraqib stayed under rebel control.", KAFR_NABL),
    # a headline active verb of a reference phrase, a movement from X toward Y
    ("The army pushed from Morek toward Hama.", MOREK),
    # refusals, negated or future deals, civilians
    ("Rebels refused to leave Rastan.", RASTAN),
    ("Rebels were not allowed to leave Rastan.", RASTAN),
    ("Rebels will be bussed out of Rastan next week.", RASTAN),
    ("Civilians were allowed to leave Talbiseh.", TALBISEH),
    ("Residents were bussed out of Qusayr on Monday.", QUSAYR),
    # an installation attacked, not left; a headquarters relocated; "the other town"
    ("The army shelled rebel headquarters in Rastan on Monday.", RASTAN),
    ("Two days later, IS evacuated its headquarters in Rastan and dozens of vehicles drove to the town "
     "of Talbiseh to the north.", RASTAN),
    ("The army will evacuate its headquarters in Qusayr.", QUSAYR),
    ("Rebels besieged Rastan on Monday. On Wednesday they captured the other town.", None),
]


@pytest.mark.parametrize("text,where", NOT_EVENTS, ids=[n[0][:60] for n in NOT_EVENTS])
def test_paraphrase_not_event(text, where):
    got = _events(text)
    if where is None:          # "the other town": no capture anywhere
        assert not [e for e in got if e.kind == "capture"], [(e.kind, e.side, e.place_name) for e in got]
        return
    near = [e for e in got if e.location is not None and
            haversine_km((e.location.lat, e.location.lon), where) <= TOL_KM]
    assert not near, [(e.kind, e.side, e.place_name) for e in near]


@pytest.mark.parametrize("text,ref", [
    ("they entered the northern town.", "the northern town"),
    ("near the Euphrates town", "the Euphrates town"),
    ("inside the Kurdish border town", "the Kurdish border town"),
    ("around the rebel-held city", "the rebel-held city"),
    ("the IS-held desert town", "the IS-held desert town"),
    ("the Syrian army retook the town", "the town"),
    ("the outskirts of the city", "the city"),
    ("the Kurdish town of Kobani", None),
    ("the town's hospital", None),
    ("the other town", None),
    ("the neighbouring city", None),
    ("the next town", None),
])
def test_reference_re_accepts_any_modifiers(text, ref):
    m = REFERENCE_RE.search(text)
    assert (m.group(0) if m else None) == ref


@pytest.mark.parametrize("text,ref", [
    ("the besieged Kurdish village", "the besieged Kurdish village"),
    ("the strategic southern hill", "the strategic southern hill"),
    ("the government-held military airbase", "the government-held military airbase"),
    ("the village of Morek", None),
    ("the first village", None),
])
def test_kind_reference_re_accepts_any_modifiers(text, ref):
    m = KIND_REFERENCE_RE.search(text)
    assert (m.group(0) if m else None) == ref
