"""Web debris at the end of articles and boilerplate lines: offsets on the seeds and edge cases."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mapper.read.cleaning import boilerplate_spans, debris_start

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEBRIS_WORDS = re.compile(r"Share this article|Leave a Reply|Leave a comment|Related Items|Related Articles|"
                          r"Back to top|Your email address|Stay informed|Sign up to get|follow us on Twitter|"
                          r"Short link|^\s*\S+\s*[−+]\s*\S+\s*=", re.M)


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# (seed, the body ends with, the debris starts with)
SEED_DEBRIS = [
    ("000", "pro-regime Iranian news agency Al-Alam on Monday.", "Share this article"),
    ("001", "Reporting by: Haytham Mustafa | Source: ARA News", "Related Items"),
    ("002", "50 percent of its neighbourhoods had been destroyed by air strikes.", "Stay informed with MEE"),
    ("003", "Source: ARA News", "For the latest on Syria"),
    ("004", "Editing by Louise Ireland)", "Related Articles"),
]


@pytest.mark.parametrize("prefix,body_end,debris_head", SEED_DEBRIS)
def test_seed_debris(prefix: str, body_end: str, debris_head: str) -> None:
    text = seed_text(prefix)
    cut = debris_start(text)
    assert cut is not None
    body, debris = text[:cut], text[cut:]
    assert body.endswith(body_end)
    assert debris.strip().startswith(debris_head)
    assert not DEBRIS_WORDS.search(body), DEBRIS_WORDS.search(body)


def test_seed_001_keeps_byline_and_cuts_captcha() -> None:
    text = seed_text("001")
    cut = debris_start(text)
    assert "Reporting by: Haytham Mustafa" in text[:cut]
    assert "11 − 11 =" in text[cut:]
    assert "eighteen + 13 =" in seed_text("003")[debris_start(seed_text("003")):]


@pytest.mark.parametrize("text,expected", [
    ("Body.", None),
    ("", None),
    ("Body.\n\nLeave a comment\n\neighteen + 13 =", "Body."),
    ("Body.\n\n3 + 4 = \n", "Body."),
    ("Body.\n\nYour email address will not be published. Required fields are marked *", "Body."),
    ("Body.\n\nBack to top button", "Body."),
    # quoted in a sentence: not at a line start -> not debris
    ("He said readers should leave a reply to the editor.", None),
    # a share bar high up in a long article is not the end of the body
    ("Title\nShare this article\n" + "Real paragraph text. " * 150 + "\n\nRelated Items\nx",
     "Title\nShare this article\n" + ("Real paragraph text. " * 150).rstrip()),
    # a Source trailer followed only by short lines ends the body
    ("Body paragraph.\n\nSource: ARA News\n\nTags: Palmyra", "Body paragraph.\n\nSource: ARA News"),
    # a Source credit followed by a long paragraph does not
    ("Intro.\nSource: War Media Center\n" + "More reporting. " * 30, None),
])
def test_debris_cases(text: str, expected: str | None) -> None:
    cut = debris_start(text)
    assert (None if cut is None else text[:cut]) == expected


# (seed, boilerplate texts expected among the spans)
SEED_BOILER = [
    ("000", ["2 min read", "Photo courtesy of Military Media."]),
    ("001", ["ISIS militants in Palmyra. File photo"]),
    ("002", ["Skip to main content",
             "This file photo taken on May 18, 2015 shows a general view of the castle of the ancient "
             "Syrian city of Palmyra (AFP)"]),
    ("003", ["ISIS militants, Palmyra. File photo"]),
    ("004", []),
]


@pytest.mark.parametrize("prefix,expected", SEED_BOILER)
def test_seed_boilerplate(prefix: str, expected: list[str]) -> None:
    text = seed_text(prefix)
    got = [text[s:e] for s, e in boilerplate_spans(text)]
    for want in expected:
        assert want in got
    # never a news sentence
    assert not any("captured" in g or "recaptured" in g for g in got)
    # the caption that carries facts stays (only its credit is boilerplate)
    if prefix == "000":
        assert not any(g.startswith("Regime ground forces") for g in got)
