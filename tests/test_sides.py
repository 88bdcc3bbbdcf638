"""Side table: phrases -> sides, one compiled matcher, configurable YAML."""
from __future__ import annotations

import pytest

from mapper.errors import ConfigError, FrontlineError
from mapper.extract.sides import SideTable


@pytest.fixture(scope="module")
def table() -> SideTable:
    return SideTable.default()


@pytest.mark.parametrize("actor,side", [
    ("Syrian troops and militia", "government"),
    ("A combined regime army, militia and Hezbollah force backed by Russian airpower", "government"),
    ("Russian-backed troops", "government"),
    ("The armed forces backed by the popular defence forces", "government"),
    ("the army's local headquarters", "government"),
    ("Tiger Forces", "government"),
    ("Islamic State (ISIS) militants", "islamic_state"),
    ("IS fighters", "islamic_state"),
    ("Daesh", "islamic_state"),
    ("the Free Syrian Army", "opposition"),
    ("rebels", "opposition"),
    ("the Syrian Democratic Forces", "sdf"),
    ("Kurdish YPG militia", "sdf"),
    ("Jabhat al-Nusra", "jabhat_al_nusra"),
    ("Hayat Tahrir al-Sham", "hts"),
    ("Turkish-backed rebels", "turkey"),
    ("local residents", "unknown"),
    ("it is not clear", "unknown"),            # lower-case "is" is not IS
    ("anti-ISIS activists", "unknown"),        # anti-X is not X
    ("Islamic State-held Palmyra", "unknown"),  # X-held is an adjective
])
def test_side_of(table, actor, side):
    assert table.side_of(actor) == side


def test_contextual_reference_takes_the_topic(table):
    assert table.side_of("the group", topic="islamic_state") == "islamic_state"
    assert table.side_of("the group") == "unknown"


def test_backer_does_not_decide(table):
    assert table.side_of("rebels backed by Turkish warplanes") == "opposition"


def test_user_table(tmp_path):
    p = tmp_path / "sides.yaml"
    p.write_text("sides:\n  blue: [Blue Army, BA]\n  red: [red militia]\ncontextual: [the group]\n")
    t = SideTable.load(p)
    assert t.side_of("the Blue Army advanced") == "blue"
    assert t.side_of("BA units") == "blue"
    assert t.side_of("ba units") == "unknown"   # acronyms are case-sensitive
    assert t.side_of("Red Militia") == "red"
    assert t.side_of("Syrian army") == "unknown"  # a user table replaces the default


@pytest.mark.parametrize("content,needle", [
    ("- just a list\n", "'sides:'"),
    ("sides: [a, b]\n", "'sides' must map"),
    ("sides:\n  Bad Name: [x]\n", "'Bad Name'"),
    ("sides:\n  blue: army\n", "list of phrases"),
    ("sides:\n  blue: ['']\n", "empty"),
    ("sides: {}\n", "empty"),
    ("sides: [unclosed\n", "not valid YAML"),
])
def test_bad_tables_raise_config_error(tmp_path, content, needle):
    p = tmp_path / "bad.yaml"
    p.write_text(content)
    with pytest.raises(ConfigError) as ei:
        SideTable.load(p)
    assert needle in str(ei.value) and str(p) in str(ei.value)
    assert isinstance(ei.value, FrontlineError) and isinstance(ei.value, ValueError)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        SideTable.load(tmp_path / "nope.yaml")


def test_find_offsets(table):
    text = "Clashes between ISIS and the Syrian army near Palmyra."
    found = [(text[m.start:m.end], m.side) for m in table.find(text)]
    assert found == [("ISIS", "islamic_state"), ("Syrian army", "government")]
