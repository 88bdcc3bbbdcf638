"""The trigger start filter finds exactly what ``TRIGGER_RE.finditer`` finds (equivalence
only; speed is measured by bench scripts).

:class:`TriggerScan` lists once per text the word starts where a trigger can begin (its
first characters, read from the parsed TRIGGER_RE) and tries the regex only there,
skipping positions inside the previous match. Checked here on made-up sentences, their
joins, case variants, Unicode case-folding look-alikes and random sub-ranges (offsets that
cut words, clauses and triggers).
"""
from __future__ import annotations

import random

import pytest

from mapper.extract.events.triggers import (
    TRIGGER_RE, find_triggers
)
from mapper.extract.events.trigger_scan import (
    TRIGGER_START_RE, TriggerScan, _PREFIX_CHARS
)

#: made-up sentences in the shape of news and narratives (no corpus text)
TEXTS = [
    "Rebels advanced on Saraqib on Monday and captured the northern town after fierce clashes.",
    "SDF pushed from village of Qusayr as rebels claim gains; IS fighters withdrew towards Tabqa.",
    "Talbiseh changed hands twice and was under rebel control by Friday, 5 km from Rastan.",
    "Fighters were granted safe passage out of Morek; others were bussed out of Kafr Nabl.",
    "The army had to evacuate its headquarters in Rastan after air strikes and shelling.",
    "Government forces reached within seven kilometres of Hama, on the outskirts of Morek.",
    "IS-held Palmyra fell to the army; it was recaptured by IS and retaken by the regime.",
    "Kurdish militia lost control of the dam to Turkish-backed rebels who stormed the base.",
    "non-trigger-words: re-entered, anti-capture, pre-advance, self-withdrawal, counter-attacks.",
    "\u017feized the town; \u212aurdish forces \u0130NFILTRATED; ſurrounded; KM from X; \u212am away from Y.",
    "  to   within  3  km of X\n\nthe withdrawal of IS from Y\tand the fall of Z to the SDF.  ",
    "Troops STORMED Saraqib. ATTACKED. Air-strikes hit; air strikes; warplanes struck Idlib.",
]


def _corpus() -> list[tuple[str, int, int]]:
    """(text, start, end): whole texts, joins, case variants and random sub-ranges."""
    rnd = random.Random(11)
    joined = " ".join(TEXTS)
    texts = list(TEXTS) + [joined, joined.upper(), joined.lower(), joined.swapcase()]
    out = [(t, 0, len(t)) for t in texts]
    for _ in range(400):
        t = rnd.choice(texts)
        a = rnd.randrange(len(t))
        out.append((t, a, min(len(t), a + rnd.randrange(1, 300))))
    return out


def _plain(text: str, start: int, end: int) -> list[tuple]:
    return [(m.start(), m.end(), m.lastgroup) for m in TRIGGER_RE.finditer(text, start, end)]


def _scanned(scan: TriggerScan, start: int, end: int) -> list[tuple]:
    return [(t.start, t.end, f"{t.kind}_{t.form}") for t in find_triggers(scan.text, start, end, scan=scan)]


@pytest.mark.parametrize("i", range(0, 420, 30))
def test_scan_equals_finditer(i):
    scans: dict[str, TriggerScan] = {}
    for text, a, b in _corpus()[i:i + 30]:
        scan = scans.setdefault(text, TriggerScan(text))
        assert _scanned(scan, a, b) == _plain(text, a, b), (text[a:b], a, b)


def test_scan_finds_triggers_at_all():
    text = TEXTS[0] + " " + TEXTS[6]
    got = _scanned(TriggerScan(text), 0, len(text))
    assert len(got) >= 6 and got == _plain(text, 0, len(text))


@pytest.mark.parametrize("text,pos,expected", [
    ("they captured X", 5, True),        # a trigger's first characters at a word start
    ("they captured X", 6, False),       # inside a word
    ("the zebra", 4, False),             # no trigger starts with "zebra"
    ("re-entered X", 0, True),
    ("pre-entered X", 4, False),         # after a hyphen: never a trigger start
    ("\u212aM from X", 0, True),         # Kelvin sign folds to "k" like in TRIGGER_RE
])
def test_start_filter_positions(text, pos, expected):
    starts = {m.start() for m in TRIGGER_START_RE.finditer(text)}
    assert (pos in starts) is expected, sorted(starts)


def test_prefix_length_is_positive():
    assert _PREFIX_CHARS >= 1
