"""Issue 9: a GENERATED matrix of territorial-event shapes (made-up sentences).

Every cell is a product of templates (``itertools.product``): who acts (the SDF, the YPG,
ISIL / IS / Daesh, the Syrian Army / government forces / pro-government forces, rebels /
the FSA / Turkish-backed rebels, "they"), a verb class in a tense / voice (active past,
perfect, participle clause, passive, reduced passive, nominal, "X fell to Y"), a list
shape and a date phrase, with the expected (kind, side, place) events. The NOT-event
matrix (forecasts, threats, objectives, attempts, failures, negations, questions,
conditionals) must give no territorial event at all.

None of the sentences is copied from the development gold; the places are from the
regional pack (they resolve to gazetteer points).

Print the coverage table (cells passing per group)::

    .venv/bin/python tests/test_events_matrix.py
"""
from __future__ import annotations

import itertools
import sys
from collections import Counter
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import pytest

from mapper.extract.article import extract_article
from mapper.model import Article

PUB = date(2016, 5, 20)   # a Friday
TERRITORIAL = ("capture", "withdrawal", "entry", "advance", "control")

#: (phrase, side): who acts
SIDES = [
    ("the SDF", "sdf"), ("the YPG", "sdf"), ("ISIL", "islamic_state"), ("IS", "islamic_state"),
    ("Daesh", "islamic_state"), ("the Syrian Army", "government"), ("government forces", "government"),
    ("pro-government forces", "government"), ("rebels", "opposition"), ("the FSA", "opposition"),
    ("Turkish-backed rebels", "turkey"),
]
#: a representative subset for the wider products
FEW_SIDES = [SIDES[0], SIDES[2], SIDES[5], SIDES[8], SIDES[10]]
#: places of the regional pack whose gazetteer name is the written name
PLACES = ["Qabasin", "Khanasir", "Tadef", "Akhtarin", "Dabiq", "Azaz", "Jarabulus", "Maskanah", "Manbij", "Palmyra"]
#: date phrases: (before the clause, after the object)
DATES = [("On Monday, ", ""), ("", " on 12 May"), ("Late on Tuesday, ", "")]

#: capture verbs: (past, participle, -ing)
CAPTURE_VERBS = [
    ("captured", "captured", "capturing"), ("seized", "seized", "seizing"),
    ("took control of", "taken control of", "taking control of"), ("overran", "overrun", "overrunning"),
    ("recaptured", "recaptured", "recapturing"), ("retook", "retaken", "retaking"),
    ("re-secured", "re-secured", "re-securing"), ("gained control over", "gained control over", "gaining control over"),
    ("extended their control over", "extended their control over", "extending their control over"),
    ("swept through", "swept through", "sweeping through"), ("liberated", "liberated", "liberating"),
    ("secured", "secured", "securing"), ("wrested control of", "wrested control of", "wresting control of"),
]
#: passive participles with "by"
PASSIVE_VERBS = ["captured", "seized", "overrun", "retaken", "recaptured", "taken", "liberated"]


#: the "<X>-held" adjective of a side
HELD = {"sdf": "SDF", "islamic_state": "ISIL", "government": "government", "opposition": "rebel",
        "turkey": "Turkish-backed rebel"}


class Cell(NamedTuple):
    group: str
    text: str
    expected: frozenset      # (kind, side, place lower) that must be there
    nothing: bool = False    # a NOT-event cell: no territorial event at all


def _place(i: int, k: int = 0) -> str:
    return PLACES[(i + k) % len(PLACES)]


def _cells_active() -> list[Cell]:
    out = []
    tenses = ["past", "has", "had", "participle"]
    for i, ((sp, side), verb, tense) in enumerate(itertools.product(SIDES, CAPTURE_VERBS, tenses)):
        p = _place(i)
        lead, tail = DATES[i % len(DATES)]
        subj = sp[0].upper() + sp[1:] if not lead else sp
        if tense == "past":
            text = f"{lead}{subj} {verb[0]} {p}{tail}."
        elif tense in ("has", "had"):
            aux = tense if sp not in ("rebels", "government forces", "pro-government forces",
                                      "Turkish-backed rebels") or tense == "had" else "have"
            text = f"{lead}{subj} {aux} {verb[1]} {p}{tail}."
        else:
            text = f"{lead}{subj} launched a large assault{tail}, {verb[2]} {p}."
        out.append(Cell(f"capture active {tense}", text, frozenset({("capture", side, p.lower())})))
    return out


def _cells_passive() -> list[Cell]:
    out = []
    shapes = ["was {v} by {s}", "had been {v} by {s}", "reduced", "fell to", "had fallen to", "nominal",
              "nominal subject", "lost to", "returned to control", "changed hands", "handed over"]
    for i, ((sp, side), shape) in enumerate(itertools.product(SIDES, shapes)):
        p = _place(i, 3)
        v = PASSIVE_VERBS[i % len(PASSIVE_VERBS)]
        lead, tail = DATES[i % len(DATES)]
        adj = {"sdf": "SDF", "islamic_state": "ISIL", "government": "regime", "opposition": "rebel",
               "turkey": "Turkish army"}[side]
        other = "ISIL" if side != "islamic_state" else "the SDF"
        texts = {
            "was {v} by {s}": f"{lead}{p} was {v} by {sp}{tail}.",
            "had been {v} by {s}": f"{lead}the town of {p} had been {v} by {sp}{tail}.",
            "reduced": f"{lead}the village of {p}, {v} by {sp} after a short battle{tail}, was quiet.",
            "fell to": f"{lead}{p} fell to {sp}{tail}.",
            "had fallen to": f"{lead}{p} had fallen to {sp}{tail}.",
            "nominal": f"The capture of {p} by {sp} on Monday was confirmed by activists.",
            "nominal subject": f"{lead}{sp[0].upper() + sp[1:] if not lead else sp} completed the capture of "
                               f"{p}{tail}.",
            "lost to": f"{lead}{other} lost {p} to {sp}{tail}.",
            "returned to control": f"{lead}{p} returned to {adj} control{tail}.",
            "changed hands": f"{lead}{p} changed hands twice{tail}, ultimately remaining under {adj} control.",
            "handed over": f"{lead}{p} was handed over to {sp}{tail}.",
        }
        out.append(Cell(f"capture {shape.replace('{v}', 'V').replace('{s}', 'S')}", texts[shape],
                        frozenset({("capture", side, p.lower())})))
    return out


def _cells_lists() -> list[Cell]:
    shapes = [
        ("{a} and {b}", "ab"),
        ("{a}, {b} and {c}", "abc"),
        ("the villages of {a} and {b}", "ab"),
        ("{a} and its hill", "a"),
        ("three villages and the Tishrin Dam", "T"),
        ("the al-Omar oil field and 10 villages", "O"),
        ("the town of {a}, the Kuweires airbase, and the surrounding area", "aK"),
        ("several villages, including {a} and {b}", "ab"),
        ("several villages, including: {a}, {b} and {c}", "abc"),
        ("{a} as well as {b}", "ab"),
        ("{a} in addition to {b}", "ab"),
        ("both {a} and {b}", "ab"),
        ("{a}, along with {b}", "ab"),
    ]
    special = {"T": "tishrin dam", "O": "al-omar oil field", "K": "kuweires"}
    verbs = [("captured", "capture"), ("seized", "capture"), ("overran", "capture"), ("withdrew from", "withdrawal")]
    out = []
    for i, ((sp, side), (shape, want), (verb, kind)) in enumerate(itertools.product(FEW_SIDES, shapes, verbs)):
        a, b, c = _place(i), _place(i, 1), _place(i, 2)
        obj = shape.format(a=a, b=b, c=c)
        if kind == "withdrawal" and ("three villages" in obj or "10 villages" in obj or "several" in obj):
            continue       # counted objects of a withdrawal: another shape
        text = f"On Monday, {sp} {verb} {obj}."
        names = {"a": a, "b": b, "c": c}
        exp = {(kind, side, (special.get(ch) or names[ch]).lower()) for ch in want}
        out.append(Cell(f"list {shape.replace('{a}', 'A').replace('{b}', 'B').replace('{c}', 'C')}", text,
                        frozenset(exp)))
    # a list after a nominal capture, lists in participle clauses and after counted objects
    for i, (sp, side) in enumerate(FEW_SIDES):
        a, b, c = _place(i), _place(i, 4), _place(i, 7)
        ab = frozenset({("capture", side, a.lower()), ("capture", side, b.lower())})
        bc = frozenset({("capture", side, b.lower()), ("capture", side, c.lower())})
        rows = [
            ("list nominal capture of A and B", f"The capture of {a} and {b} by {sp} on Monday was confirmed.", ab),
            ("list after the capture of A and B, S", f"After the capture of {a} and {b} on Monday, {sp} turned "
                                                    f"to {c}.", ab),
            ("list participle capturing A and B", f"On Monday, {sp} pushed north, capturing {a} and {b}.", ab),
            ("list participle in the process, including", f"On Monday, {sp} advanced east, capturing multiple "
                                                          f"villages in the process, including {b} and {c}.", bc),
            ("list counted that they had lost, including", f"On Monday, {sp} recaptured 11 villages near {a} that "
                                                           f"they had lost the previous day, including {b} and {c}.",
             bc),
            ("list entered the villages of A and B", f"On Monday, {sp} entered the villages of {a} and {b}.",
             frozenset({("entry", side, a.lower()), ("entry", side, b.lower())})),
            ("list A hill", f"On Monday, {sp} captured {a} as well as {b} hill.", ab),
            ("list the entirety of", f"On Monday, {sp} secured the entirety of {a}.",
             frozenset({("capture", side, a.lower())})),
            ("list advanced in A, B and C", f"On Monday, {sp} advanced in {a}, {b} and {c}.",
             frozenset({("advance", side, x.lower()) for x in (a, b, c)})),
            ("list three villages and A", f"On Monday, {sp} seized three villages and {a}.",
             frozenset({("capture", side, a.lower())})),
        ]
        for g, text, exp in rows:
            out.append(Cell(g, text, exp))
    return out


def _cells_references() -> list[Cell]:
    out = []
    for i, (sp, side) in enumerate(FEW_SIDES):
        a, b = _place(i), _place(i, 5)
        enemy = "ISIL" if side != "islamic_state" else "the SDF"
        es = "islamic_state" if side != "islamic_state" else "sdf"
        rows = [
            ("it", f"On Sunday, {enemy} captured {a}. On Monday, {sp} recaptured it.", {("capture", side, a)}),
            ("seized it in addition to", f"On Sunday, {enemy} captured {a}. On Monday, {sp} once again seized it "
                                         f"in addition to {b}.", {("capture", side, a), ("capture", side, b)}),
            ("capturing both", f"On Monday, {sp} shelled {a} and the town of {b}, capturing both.",
             {("capture", side, a), ("capture", side, b)}),
            ("the two villages", f"On Monday, {sp} attacked {a} and {b}, capturing the two villages.",
             {("capture", side, a), ("capture", side, b)}),
            ("the village", f"On Sunday, {enemy} captured the village of {a}. On Monday, {sp} recaptured the village.",
             {("capture", side, a)}),
            ("all the points it lost", f"On Sunday, {enemy} captured {a} and {b}. On Monday, {sp} recaptured all "
                                       f"the points it lost.", {("capture", side, a), ("capture", side, b)}),
            ("they", f"On Sunday, {sp} shelled {b}. On Monday, they captured {a}.", {("capture", side, a)}),
            ("storming it", f"On Monday, {sp} attacked {a} again, finally storming it.", {("entry", side, a)}),
            ("escaped from the town", f"On Monday, {enemy} besieged the town of {a}. On Tuesday, {sp} escaped from "
                                      f"the besieged town.", {("withdrawal", side, a)}),
            ("before being driven out", f"On Monday, {sp} entered {a} for a few hours before being driven out.",
             {("entry", side, a), ("withdrawal", side, a)}),
            ("forced to withdraw", f"On Monday, {sp} captured {a}, but they were forced to withdraw the next "
                                   f"morning.", {("capture", side, a), ("withdrawal", side, a)}),
            ("managing to seize the village", f"On Monday, {sp} attacked the village of {a}, managing to seize the "
                                              f"village in the early morning.", {("capture", side, a)}),
            ("had by then fallen", f"On Monday, {sp} stormed the center of {b}. Other pockets such as {a} had by "
                                   f"then fallen.", {("capture", side, a)}),
            ("which recaptured all the points lost", f"On Sunday, {enemy} captured {a}. On Monday, a counterattack "
                                                    f"by {sp} recaptured all the points it lost.",
             {("capture", side, a)}),
            ("reported to be S-held again", f"On Sunday, {enemy} captured {a}. On Monday, {a} was once again "
                                            f"reported to be {HELD[side]}-held.", {("capture", side, a)}),
            ("was given control of", f"On Monday, {sp} was given control of {a}.", {("capture", side, a)}),
            ("coordinated subjects besieged", f"On Monday, {sp} and allied forces besieged {a}.",
             {("advance", side, a)}),
            ("participle after a leading subordinate clause",
             f"As {enemy} shelled Azaz, {sp} launched a counter-attack in the south, retaking {a} on Monday.",
             {("capture", side, a)}),
            ("it was seized, inside a later clause", f"{a} is a village near Azaz. On Monday, {sp} regained control "
                                                    f"of the village two days after it was seized by {enemy}.",
             {("capture", side, a)}),
            ("out of the two villages", f"On Sunday, {enemy} shelled {a} and {b}. On Monday, {sp} were granted "
                                        f"safe passage out of the two besieged villages.",
             {("withdrawal", side, a), ("withdrawal", side, b)}),
            ("with the town surrounded by the following day", f"On Monday, {sp} attacked {a}. Fighting went on, "
                                                               f"with the town surrounded by the following day.",
             {("advance", side, a)}),
            ("most of the city except X returned to control", f"On Monday, {sp} shelled {a}. Most of the city except "
                                                               f"the district of Azaz has returned to {HELD[side]} "
                                                               f"control.", {("capture", side, a)}),
            ("the airport was also taken", f"On Monday, {sp} captured {a}, while the Kuweires airbase was also taken.",
             {("capture", side, a), ("capture", side, "kuweires")}),
        ]
        del es
        for name, text, exp in rows:
            out.append(Cell(f"reference {name}", text, frozenset((k, s, p.lower()) for k, s, p in exp)))
    return out


def _cells_withdrawal() -> list[Cell]:
    shapes = ["{s} withdrew from {p}", "{s} retreated from {p}", "{s} pulled out of {p}", "{s} fled {p}",
              "{s} escaped from {p}", "{s} abandoned {p}", "{s} was driven out of {p}",
              "{s} were forced to withdraw from {p}", "{s} was expelled from {p}", "{s} lost {p}",
              "{s} fled from the town of {p}"]
    out = []
    for i, ((sp, side), shape) in enumerate(itertools.product(SIDES, shapes)):
        p = _place(i, 2)
        lead, tail = DATES[i % len(DATES)]
        subj = sp[0].upper() + sp[1:] if not lead else sp
        text = lead + shape.format(s=subj, p=p) + tail + "."
        out.append(Cell(f"withdrawal {shape.replace('{s}', 'S').replace('{p}', 'P')}", text,
                        frozenset({("withdrawal", side, p.lower())})))
    return out


def _cells_entry_advance() -> list[Cell]:
    shapes = [
        ("entry", "{s} entered {p}"), ("entry", "{s} stormed {p}"), ("entry", "{s} broke into {p}"),
        ("advance", "{s} advanced on {p}"), ("advance", "{s} advanced toward {p}"),
        ("advance", "{s} reached the outskirts of {p}"), ("advance", "{s} came within 7 km of {p}"),
        ("advance", "{s} besieged {p}"), ("advance", "{s} encircled {p}"), ("advance", "{s} closed in on {p}"),
        ("advance", "{s} laid siege to {p}"), ("advance", "{p} was besieged by {s}"),
        ("advance", "{p} was partially besieged by {s}"), ("advance", "{s} reached the western bank of {p}"),
        ("advance", "{s} pushed north, reaching the northern shore of {p}"),
        ("advance", "{s} reportedly advanced in the vicinity of {p}"),
        ("advance", "the fighters of {s}, who had come within 7 km of {p}, dug in"),
    ]
    out = []
    for i, ((sp, side), (kind, shape)) in enumerate(itertools.product(SIDES, shapes)):
        p = _place(i, 4)
        lead, tail = DATES[i % len(DATES)]
        text = lead + shape.format(s=sp, p=p) + tail + "."
        text = text[0].upper() + text[1:]
        out.append(Cell(f"{kind} {shape.replace('{s}', 'S').replace('{p}', 'P')}", text,
                        frozenset({(kind, side, p.lower())})))
    return out


def _cells_not_events() -> list[Cell]:
    frames = [
        "{s} will capture {p}", "{s} is expected to capture {p} soon", "{s} threatened to capture {p}",
        "{s} aims to capture {p}", "The objective of {s} is to capture {p}", "{s} attempted to capture {p} on Monday",
        "{s} failed to capture {p} on Monday", "{s} did not capture {p}", "{s} never entered {p}",
        "{s} launched an offensive on Monday, aiming to capture {p}", "Did {s} capture {p}?",
        "If {s} captures {p}, the road will be cut", "{s} could advance on {p}", "{s} tried to storm {p} on Monday",
        "{s} is preparing to withdraw from {p}", "{s} denied that it had withdrawn from {p}",
        "{s} hopes to retake {p}", "{s} vowed to recapture {p}", "{s} may soon enter {p}",
        "{s} launched an attack on Monday to capture {p}", "{s} attempted to storm {p} on Monday, but were repelled",
        "{p}, held by {s} since 2014, was shelled on Monday", "{s} was unable to capture {p} on Monday",
        "{s} is planning an offensive to capture {p}", "{s} would capture {p} within days, a commander said",
    ]
    verbs = [("capture", "capture", "captures"), ("seize", "seize", "seizes"), ("overrun", "overrun", "overruns")]
    out = []
    for i, ((sp, side), frame, verb) in enumerate(itertools.product(FEW_SIDES, frames, verbs)):
        if verb[0] != "capture" and "capture" not in frame:
            continue
        p = _place(i, 6)
        f = frame.replace("capture {p}", verb[1] + " {p}").replace("captures {p}", verb[2] + " {p}")
        text = f.format(s=sp, p=p)
        text = text[0].upper() + text[1:]
        if not text.endswith("?"):
            text += "."
        out.append(Cell(f"NOT {frame.replace('{s}', 'S').replace('{p}', 'P')}", text, frozenset(), True))
    return out


def all_cells() -> list[Cell]:
    return (_cells_active() + _cells_passive() + _cells_lists() + _cells_references() + _cells_withdrawal()
            + _cells_entry_advance() + _cells_not_events())


@lru_cache(maxsize=None)
def events_of(text: str) -> tuple:
    return tuple((e.kind, e.side, e.place_name.lower())
                 for e in extract_article(Article("m", text, PUB)).events if e.kind in TERRITORIAL)


def _matches(want: tuple, got: tuple) -> bool:
    kind, side, place = want
    return any(k == kind and s == side and (place in p or p in place) for k, s, p in got)


def cell_ok(cell: Cell) -> bool:
    got = events_of(cell.text)
    if cell.nothing:
        return not got
    return all(_matches(w, got) for w in cell.expected)


CELLS = all_cells()


@pytest.mark.parametrize("cell", CELLS, ids=[f"{c.group}:{i}" for i, c in enumerate(CELLS)])
def test_matrix_cell(cell: Cell):
    got = events_of(cell.text)
    if cell.nothing:
        assert not got, (cell.text, got)
    else:
        missing = [w for w in cell.expected if not _matches(w, got)]
        assert not missing, (cell.text, missing, got)


def coverage(verbose: bool = False) -> tuple[int, int]:
    """Print passing cells per group; returns (passed, total)."""
    ok, tot = Counter(), Counter()
    fails: dict[str, list[str]] = {}
    for c in CELLS:
        tot[c.group] += 1
        if cell_ok(c):
            ok[c.group] += 1
        else:
            fails.setdefault(c.group, []).append(f"{c.text}  -> {events_of(c.text)}")
    for g in tot:
        print(f"{ok[g]:4d}/{tot[g]:<4d} {g}")
        if verbose and g in fails:
            for f in fails[g][:2]:
                print("        ", f)
    print(f"TOTAL {sum(ok.values())}/{sum(tot.values())}")
    return sum(ok.values()), sum(tot.values())


if __name__ == "__main__":
    coverage(verbose="-v" in sys.argv)
