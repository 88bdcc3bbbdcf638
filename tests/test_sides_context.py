"""Sides in an article's own context (issue 9, class 5): patrons ("Turkish-backed
rebels"), state references ("the military"), jihadist references ("the Islamists"),
and the new named groups. Sentences are made up in the shape of the failures."""
from __future__ import annotations

import pytest

from mapper.errors import ConfigError
from mapper.extract.sides import ArticleSides, SideTable


@pytest.fixture(scope="module")
def table() -> SideTable:
    return SideTable.default()


def _side_at(table: SideTable, text: str, needle: str, occurrence: int = 1) -> str:
    """Side of the ``occurrence``-th ``needle`` as the event builder asks it (phrase + position)."""
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    return table.for_article(text).side_of(needle, pos=pos)


# --- patrons: the article's own words tie the rebels to Turkey --------------------------
@pytest.mark.parametrize("text,needle,side", [
    # a tie by adjective, then a generic reference
    ("Turkish-backed rebels advanced on Qurtuba. Two days later the rebels took Qurtuba.",
     "the rebels", "turkey"),
    # coordination: "rebel and Turkish forces"
    ("On 2 May rebel and Turkish forces reached Zawiya.\nOn 4 May the rebels stormed Zawiya.",
     "the rebels", "turkey"),
    ("Turkish troops and allied rebels crossed the border. The FSA then seized Marj.", "The FSA", "turkey"),
    # backer phrase after the client
    ("The rebels, backed by Turkish tanks, captured Kafr Hamra. Later the rebels lost it.",
     "the rebels", "turkey"),
    # the operation's name is a tie
    ("The third phase of Operation Euphrates Shield began. Rebel forces captured Tal Jibbin.",
     "Rebel forces", "turkey"),
    # the Turkish Armed Forces "and factions from" the FSA
    ("It was launched by the Turkish Armed Forces and factions from the Free Syrian Army. "
     "Rebels captured Akhbar.", "Rebels", "turkey"),
    # no tie: a Turkish border or Turkish officials do not make the rebels Turkish-backed
    ("Rebels near the Turkish border captured al-Hamra. The rebels then withdrew.", "The rebels", "opposition"),
    ("Turkish officials condemned the attack. Rebels captured Kafr Dael.", "Rebels", "opposition"),
    # a tie later in the text does not reach back
    ("In April rebels captured Talalin. In August Turkish-backed rebels took Tall Hosh.",
     "rebels", "opposition"),
])
def test_patron_tie(table, text, needle, side):
    assert _side_at(table, text, needle) == side


def test_patron_tie_in_find(table):
    text = "Rebels took Asal. Turkish-backed rebel forces reached Baza. The rebels took Baza."
    a = table.for_article(text)
    got = [(m.surface, m.side) for m in a.find(text)]
    assert got == [("Rebels", "opposition"), ("Turkish-backed", "turkey"), ("rebel forces", "turkey"),
                   ("rebels", "turkey")]


def test_named_faction_is_not_generic(table):
    # a named group keeps its side; only the generic client phrases follow the tie
    text = "Turkish-backed rebels took Sawda. Ahrar al-Sham captured Mhambal in Idlib."
    assert _side_at(table, text, "Ahrar al-Sham") == "opposition"


# --- state references: "the military" is the army the paragraph is about ---------------
@pytest.mark.parametrize("text,needle,side", [
    ("The Syrian Army shelled Hreitan. The military then captured it.", "The military", "government"),
    ("The Turkish army massed tanks at the border. The military then entered Tal Abyad.",
     "The military", "turkey"),
    ("Iraqi forces reached al-Qaim. The troops then crossed the bridge.", "The troops", "iraq"),
    # the paragraph is about another army than the previous paragraph
    ("The Turkish army shelled Afrin.\nOn 3 June the army recaptured Suran.", "the army", "government"),
    # no state side named at all: the Syrian army is the default
    ("Fighting raged near Ithriya. The army recaptured the crossroads.", "The army", "government"),
])
def test_state_reference(table, text, needle, side):
    assert _side_at(table, text, needle) == side


@pytest.mark.parametrize("text,needle,side", [
    ("Jabhat al-Nusra launched an assault on Abu Duhur. The Islamists then took the airbase.",
     "The Islamists", "jabhat_al_nusra"),
    ("ISIL attacked from the east. The Islamists retook three villages.", "The Islamists", "islamic_state"),
    ("Shelling hit the market. The jihadists withdrew.", "The jihadists", "unknown"),
])
def test_jihadist_reference(table, text, needle, side):
    assert _side_at(table, text, needle) == side


def test_jihadist_reference_falls_back_to_topic(table):
    assert table.side_of("the Islamists", topic="islamic_state") == "islamic_state"


# --- new actors, whole classes -------------------------------------------------------------
@pytest.mark.parametrize("actor,side", [
    ("the Desert Hawks Brigade", "government"),
    ("Liwa al-Quds fighters", "government"),
    ("Lebanese Hezbollah", "government"),
    ("the National Defence Force", "government"),
    ("Qawat al-Nimr", "government"),
    ("Liwa Fatemiyoun", "government"),
    ("Russian jets struck", "government"),
    ("the Syrian Arab Air Force", "government"),
    ("pro-Assad militias", "government"),
    ("Jaysh al-Thuwar", "sdf"),
    ("Jaish al-Thuwar", "sdf"),
    ("the Syriac Military Council", "sdf"),
    ("the Levant Front", "opposition"),
    ("the Hamza Division", "opposition"),
    ("Sultan Murad Division", "opposition"),
    ("Nour al-Din al-Zenki", "opposition"),
    ("Jund al-Aqsa", "jabhat_al_nusra"),
    ("the Turkish Armed Forces", "turkey"),
    ("TFSA", "turkey"),
    ("Syrian National Army", "turkey"),
    ("U.S. Special Forces", "us_coalition"),
    ("the Islamic State of Iraq and the Levant", "islamic_state"),
    ("ISIL fighters", "islamic_state"),
])
def test_new_actor_classes(table, actor, side):
    assert table.side_of(actor) == side


def test_article_sides_same_interface(table):
    a = table.for_article("Syrian troops captured Palmyra.")
    assert isinstance(a, ArticleSides)
    assert a.sides == table.sides
    assert a.side_of("Syrian troops") == "government"
    # a phrase string that is not the article: plain table matches
    assert [m.side for m in a.find("the rebels")] == ["opposition"]


@pytest.mark.parametrize("content,needle", [
    ("sides:\n  blue: [x]\nreferences:\n  r: {phrases: [the army], sides: [green]}\n", "'green'"),
    ("sides:\n  blue: [x]\nreferences:\n  r: [the army]\n", "references.r"),
    ("sides:\n  blue: [x]\nreferences:\n  r: {phrases: [a], sides: [blue], scope: town}\n", "scope"),
    ("sides:\n  blue: [x]\npatrons:\n  - {patron: blue, client: red}\n", "patrons[0]"),
    ("sides:\n  blue: [x]\npatrons: {patron: blue}\n", "'patrons' must be a list"),
])
def test_bad_context_config(tmp_path, content, needle):
    p = tmp_path / "bad.yaml"
    p.write_text(content)
    with pytest.raises(ConfigError) as ei:
        SideTable.load(p)
    assert needle in str(ei.value)


def test_user_table_patron(tmp_path):
    p = tmp_path / "sides.yaml"
    p.write_text("sides:\n  blue: [Blue Army, blue-backed]\n  red: [militia, militias]\n"
                 "patrons:\n  - {patron: blue, client: red, generic: [militia], ties: [blue-backed]}\n")
    t = SideTable.load(p)
    text = "The militia took A. Blue-backed militias then took B. The militia took C."
    a = t.for_article(text)
    assert a.side_of("The militia", pos=0) == "red"
    assert a.side_of("The militia", pos=text.rindex("The militia")) == "blue"


# --- pronouns: "they" / "it" take the subject the paragraph is about ----------------------
class _S:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


def _sentences(text: str) -> list:
    out, pos = [], 0
    for part in text.replace("\n", " ").split(". "):
        out.append(_S(pos, pos + len(part) + 1))
        pos += len(part) + 2
    return out


@pytest.mark.parametrize("text,needle,side", [
    # the subject two sentences back, through a pronoun subject, past a subordinate clause's actor
    ("ISIL resumed its assault on the city. They shelled Harabesh after government troops withdrew. "
     "Later they stormed the Jubaila district.", "Later they", "islamic_state"),
    # same sentence: the first clause's subject
    ("The SDF attacked Tabqa and they took the dam.", "and they", "sdf"),
    # a sentence whose subject names no side breaks the chain: no guess
    ("ISIL attacked Safira. Heavy rain then fell on the area. They took the hill.", "They took", "unknown"),
    # a new paragraph: no antecedent
    ("Rebels attacked Safira.\nThey took the hill.", "They took", "unknown"),
    # civilians are not a side
    ("The army shelled Marea. Residents said they fled to Azaz.", "Residents said they", "unknown"),
])
def test_pronoun_takes_the_paragraph_subject(table, text, needle, side):
    a = table.for_article(text, sentences=_sentences(text))
    pos = text.index(needle) + len(needle)
    assert a.side_of(needle, pos=pos) == side


def test_pronoun_without_sentences_is_unknown(table):
    text = "ISIL attacked Safira. They took the hill."
    assert table.for_article(text).side_of("They", pos=text.index("They")) == "unknown"
