"""name_key / strip_feature_words: transliteration variants share a key, feature words are hints."""
from __future__ import annotations

import pytest

from gazetteer.normalize import kind_agrees, name_key, strip_feature_words

SAME_KEY = [
    ("Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir ez Zor", "Deir-ez-Zor", "Dayr al-Zawr"),
    ("Qaryatayn", "Qaryatain", "Al-Qaryatayn", "al Qaryatain"),
    ("Sukhnah", "Sukhna", "a-Sukhna", "al-Sukhnah", "As Sukhnah", "Al-Sukhnah", "as-Sukhna"),
    ("Baydhah", "Baydah"),
    ("Mejbel", "Majbel"),
    ("Tadmur", "Tadmor"),
    ("Jabal Hayyal", "Jabal al-Hayal"),
    ("Raqqa", "Raqqah", "Ar Raqqah", "ar-Raqqa", "Al-Raqqa"),
    ("T-4", "T4", "t 4"),
    ("Ḩalab", "Halab", "Ḥalab"),
    ("Za'lanah", "Za`lanah", "Zaʿlanah", "Za’lanah", "Zalanah"),
    ("Khān Shaykhūn", "Khan Shaykhun"),
]


@pytest.mark.parametrize("variants", SAME_KEY, ids=[v[0] for v in SAME_KEY])
def test_variants_share_a_key(variants):
    keys = {name_key(v) for v in variants}
    assert len(keys) == 1, {v: name_key(v) for v in variants}
    assert keys != {""}


DIFFERENT_KEY = [
    ("Homs", "Hama"), ("Tiyas", "Tiyasa"), ("Qamishli", "Kamishli"), ("Palmyra", "Tadmur"),
    ("Sukhnah", "Sukhni"), ("Tell Abyad", "Tell Aswad"), ("Mahr", "Mahruqah"),
]


@pytest.mark.parametrize("a,b", DIFFERENT_KEY)
def test_distinct_names_keep_distinct_keys(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("name", ["", "  ", "--", "’"])
def test_empty_names_give_empty_key(name):
    assert name_key(name) == ""


FEATURES = [
    ("al-Qadri Farms", "al-Qadri", "settlement"),
    ("Tiyas Airbase", "Tiyas", "airbase"),
    ("Tiyas air base", "Tiyas", "airbase"),
    ("T4 airbase", "T4", "airbase"),
    ("al-Mahr oilfield", "al-Mahr", "oil or gas field"),
    ("Mahr oil field", "Mahr", "oil or gas field"),
    ("Al Mahr oil/gas fields", "Al Mahr", "oil or gas field"),
    ("Al-Tar hilltop", "Al-Tar", "hill"),
    ("Jabal al-Tar", "al-Tar", "hill"),
    ("al-Tar mountain", "al-Tar", "hill"),
    ("al-Hayal Heights", "al-Hayal", "hill"),
    ("Doua District", "Doua", "settlement"),
    ("Palmyra Triangle crossroad", "Palmyra Triangle", "crossroads"),
    ("Homs Governorate", "Homs", "region"),
    ("Homs province", "Homs", "region"),
    ("Tabqa Dam", "Tabqa", "dam"),
    ("Hayy al-Gharf neighbourhood", "al-Gharf", "settlement"),
    ("Palmyra", "Palmyra", None),
    ("Jabal", "Jabal", None),          # only a feature word: unchanged
    ("Hill", "Hill", None),
]


@pytest.mark.parametrize("name,core,hint", FEATURES)
def test_strip_feature_words(name, core, hint):
    assert strip_feature_words(name) == (core, hint)


@pytest.mark.parametrize("hint,kind,expected", [
    ("hill", "hill", True), ("hill", "settlement", False), ("airbase", "heliport", True),
    ("crossroads", "military base", True), (None, "hill", None),
])
def test_kind_agrees(hint, kind, expected):
    assert kind_agrees(hint, kind) is expected
