"""Event extraction: triggers, the negation / forecast filter, actors, places,
movements, passives and sentence segmentation (small made-up articles)."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.extract.events.blocking import (
    blocked_reason
)
from mapper.extract.events.triggers import (
    find_triggers
)
from mapper.extract.article import extract_article
from mapper.model import Article
from mapper.extract.sentences import clauses, sentences

PUB = date(2016, 3, 24)   # a Thursday


def events_of(text: str, published=PUB):
    return extract_article(Article("t", text, published)).events


@pytest.mark.parametrize("clause,trigger,reason", [
    ("we expect Palmyra to fall to the regime", "fall to", "modal"),
    ("IS fighters may under no circumstances withdraw", "withdraw", "negation"),
    ("Their immediate objectives are to isolate the pocket, conquer Palmyra", "conquer", "modal"),
    ("the regime would likely take over the city", "take over", "modal"),
    ("forces will enter Palmyra very soon", "enter", "modal"),
    ("If successful, the group will push on to Homs", "push on to", "modal"),
    ("government forces were expected to storm Palmyra", "storm", "modal"),
    ("government forces seek to win back the city", "win back", "modal"),
    ("The army did not capture the town", "capture", "negation"),
    ("The rebels denied that they had withdrawn", "withdrawn", "negation"),
    ("IS failed to enter the town", "enter", "negation"),
    ("Syrian army to enter Palmyra", "enter", "infinitive"),
    ("the army had been forced to withdraw", "withdraw", None),
    ("forcing its defenders to withdraw towards Tiyas Airbase", "withdraw", None),
    ("Russian-backed troops were able to reassert control over Palmyra", "reassert control over", None),
    ("The armed forces continue to advance on Palmyra", "advance", None),
    ("Syrian troops entered Palmyra", "entered", None),
])
def test_blocked_reason(clause, trigger, reason):
    assert blocked_reason(clause, clause.index(trigger)) == reason


@pytest.mark.parametrize("text,kinds", [
    ("ISIS recaptured the city", ["capture"]),
    ("its fall to IS late May", ["capture"]),
    ("lost control of Palmyra to Islamic State", ["capture"]),
    ("Tell Rifaat was captured by Kurdish forces", ["capture"]),
    ("the army withdrew towards Tiyas", ["withdrawal"]),
    ("regime closes in on Palmyra", ["advance"]),
    ("troops stormed into the town", ["entry"]),
    ("Russian attack helicopters", []),           # "attack" as a modifier
    ("IS razed the temple", ["destruction"]),
])
def test_trigger_kinds(text, kinds):
    assert [t.kind for t in find_triggers(text)] == kinds


def test_sentences_keep_offsets_quotes_and_abbreviations():
    t = "Gen. Smith said U.S. troops left Palmyra. “We expect it to fall,” he said.\nNext para."
    got = [t[s.start:s.end] for s in sentences(t)]
    assert got == ["Gen. Smith said U.S. troops left Palmyra.", "“We expect it to fall,” he said.", "Next para."]
    assert [s.paragraph for s in sentences(t)] == [0, 0, 1]


def test_clauses_split_at_subordinators():
    t = "Syrian regime forces evacuated Palmyra, heading westward toward Tiyas Airbase."
    cl = clauses(t, 0, len(t))
    assert [c.lead for c in cl] == ["", "heading"]


def test_place_is_the_object_not_every_place():
    evs = events_of("Government forces captured Mahin, 40 km southeast of Homs, on Wednesday.")
    caps = [e for e in evs if e.kind == "capture"]
    assert [e.place_name for e in caps] == ["Mahin"]
    assert caps[0].side == "government" and caps[0].time.date == date(2016, 3, 23)


def test_coordinated_places_give_one_event_each():
    evs = events_of("The army recaptured Mahin and al-Qaryatayn on Tuesday.")
    assert sorted(e.place_name for e in evs if e.kind == "capture") == ["Al-Qaryatayn", "Mahin"]


def test_passive_and_lost_to_take_the_winner():
    evs = events_of("Morek fell to government forces on Monday. The rebels lost control of "
                    "Kafr Nabudah to government forces on Tuesday.")
    caps = {e.place_name: e for e in evs if e.kind == "capture"}
    assert caps["Morek"].side == "government"
    assert caps["Kafr Nabudah"].side == "government" and caps["Kafr Nabudah"].losing_side == "opposition"


def test_withdrawal_movement_toward_places():
    text = ("ISIS militants recaptured Palmyra on Sunday. Syrian regime forces were obliged to evacuate "
            "their headquarters in Palmyra, heading westward toward the Doua District and Tiyas Airbase.")
    res = extract_article(Article("t", text, date(2016, 12, 11)))
    wd = [e for e in res.events if e.kind == "withdrawal"]
    assert wd and wd[0].place_name == "Palmyra" and wd[0].side == "government"
    assert set(wd[0].toward_names) == {"Al Dawah", "Tiyas T-4 Airbase"}
    assert {m.destination_name for m in res.movements} == {"Al Dawah", "Tiyas T-4 Airbase"}
    assert all(m.bearing_deg == 270.0 and m.origin.place.name == "Palmyra" for m in res.movements)


def test_reference_the_city_resolves_to_the_paragraph_place():
    evs = events_of("Syrian troops reached the outskirts of Palmyra on Monday. On Wednesday they entered the city.")
    ent = [e for e in evs if e.kind == "entry"]
    assert ent and ent[0].place_name == "Palmyra" and ent[0].side == "government"


def test_hedge_lowers_confidence():
    plain = events_of("The army captured Mahin on Monday.")[0]
    hedged = events_of("The army reportedly captured Mahin on Monday.")[0]
    assert hedged.confidence < plain.confidence


def test_undated_article_gives_undated_events():
    ev = events_of("The army captured Mahin on Monday.", published=None)[0]
    assert ev.time.start is None and "undated" in ev.flags


def test_background_history_is_flagged_with_its_own_date():
    ev = events_of("ISIS first took over Palmyra in May 2015.")[0]
    assert "background" in ev.flags and ev.time.precision == "month" and ev.time.start == date(2015, 5, 1)


def test_question_is_not_an_event():
    assert events_of("Did the army capture Mahin on Monday?") == []


@pytest.mark.parametrize("pre,actor", [
    ("AMMAN: Syrian forces are roughly four ", "Syrian forces"),
    ("ISIS jihadists initiated the clashes by ", "ISIS jihadists"),
    ("Backed by Russian air strikes, the Syrian army has ", "the Syrian army"),
    ("With Russian air support, regime ", "regime"),
    ("On June 23 the Syrian Democratic Forces ", "the Syrian Democratic Forces"),
    ("15 Aug 2016 rebels ", "rebels"),
    ("Also Monday Syrian troops ", "Syrian troops"),
    ("The alliance managed to ", "The alliance"),
    ("Syrian troops and militia entered the historic city of Palmyra, which ", "Syrian troops and militia"),
    ("Most recently, Islamic State has ", "Islamic State"),
])
def test_actor_text_is_the_subject_phrase(pre: str, actor: str) -> None:
    from mapper.extract.events import EventBuilder

    assert EventBuilder._actor_text(pre) == actor


def control_events(text: str):
    """(kind, side) of the capture / withdrawal / entry events of a one-paragraph article."""
    return sorted((e.kind, e.side) for e in events_of(text) if e.kind in ("capture", "withdrawal", "entry"))


@pytest.mark.parametrize("text,expected", [
    # 1. loss verbs: the subject LOSES the place (withdrawal), or the named agent captures it
    ("IS fighters attacked the town. But the extremists have since lost most of the territory they "
     "controlled and were ousted two weeks ago from their de facto Syrian capital of Raqqa.",
     [("withdrawal", "islamic_state")]),
    ("IS was expelled by the army from Palmyra on Monday.", [("capture", "government")]),
    ("The rebels lost Kafr Nabudah on Monday.", [("withdrawal", "opposition")]),
    ("IS fighters were driven out of Manbij on Friday.", [("withdrawal", "islamic_state")]),
    ("The rebels were pushed out of Morek on Tuesday by government forces.", [("capture", "government")]),
    ("Daraya was evacuated by opposition forces on Friday.", [("withdrawal", "opposition")]),
    ("The economy lost over $5bn due to the war Turkey said in Manbij.", []),
    # 2. blocked / negated / objective actions never become events
    ("UN agencies including WHO have been barred from entering eastern Aleppo since July.", []),
    ("The rebels were prevented from entering Morek on Monday.", []),
    ("Syrian troops were unable to enter Palmyra on Monday.", []),
    ("The army was blocked from entering Morek on Monday.", []),
    ("Rebels have rejected the demand they withdraw from Aleppo.", []),
    ("The rebels refused to withdraw from Morek.", []),
    ("The Syrian regime forces launched the offensive to retake Aleppo on September 22.", []),
    ("The opposition was focusing its efforts on capturing Morek.", []),
    ("The town lies 50 km east of Raqqa and recapturing Manbij would sever the supply road.", []),
    ("Islamic State had trapped around 150 retreating Syrian soldiers near Raqqa.", []),
    ("A truce allowed for the withdrawal of fighters from Homs on Monday.", []),
    ("A fresh round of peace talks entered a second day in Palmyra.", []),
    # 3. subordinate clauses: the nearest subject acts, not the sentence subject
    ("Air strikes killed 23 people in the town of Rastan which has been under siege by the army "
     "ever since rebels seized it two years ago.", [("capture", "opposition")]),
    ("A US-led coalition is battling Daesh with backing for the Syrian Democratic Forces an Arab-Kurdish "
     "militia alliance which on Friday took full control of Manbij.", [("capture", "sdf")]),
    ("In Iraq Daesh has been beaten back on several fronts with Iraqi forces aided by coalition "
     "airstrikes having retaken Ramadi.", [("capture", "iraq")]),
    ("The blast hit Salaheddin which was on the front line before Bashar al Assads forces retook "
     "Aleppo in December.", [("capture", "government")]),
    ("On Saturday the SDF after days of battle and heavy casualties on the ISIL terrorists won back "
     "the hospital of Manbij.", [("capture", "sdf")]),
    # 4. the actor of a coordinated verb in a subordinate clause is that clause's subject
    ("Kurdish fighters have ordered civilians to evacuate the town after the Terrorists planted their "
     "black flags on its eastern side and entered Kobane on Monday.", [("entry", "unknown")]),
    # 5. headline debris before the sentence: the side phrase inside it wins
    ("Sputnik HKMET DURGUN Syrian Democratic Forces Recapture Manbij on Monday.", [("capture", "sdf")]),
    # non-combatants moving are no control events
    ("Buses carrying Syrians evacuated from Madaya arrived on Friday.", []),
    ("UN teams were able to evacuate some civilians from Homs.", []),
    ("Medical aid was removed from humanitarian convoys before they entered Rastan.", []),
    ("ISIS had forced at least 33000 residents out of their homes in the town of Abu Hamam.", []),
    ("The Islamic State expelled rival rebels from Deir ez-Zor on Monday.", [("capture", "islamic_state")]),
])
def test_control_event_precision(text, expected):
    assert control_events(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Syrian troops and allied fighters regained control of Morek on Saturday.", [("capture", "government")]),
    ("Officials said heavy shelling had forced the Free Syrian Army from Morek.", [("withdrawal", "opposition")]),
    ("The YPG have gained control of all the roads leading to Tabqa.", []),
    ("Meanwhile the headquarters of Daesh militants in Manbij was captured on Monday.", []),
    ("IS attacked. The army killed most of the terrorists in Morek while the others fled away.", []),
])
def test_control_event_precision_subjects(text, expected):
    assert control_events(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Hundreds of rebels and their families evacuated the town of Madaya on Monday.", [("withdrawal", "opposition")]),
    ("Daesh suicide bombers dressed in civilian clothes entered the town of Shaddadeh on Monday.",
     [("entry", "islamic_state")]),
])
def test_fighters_with_families_still_move(text, expected):
    assert control_events(text) == expected
