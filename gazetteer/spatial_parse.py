"""Reading spatial phrases: :func:`parse` one phrase, :func:`find_expressions`
in a text (one pass of :data:`~gazetteer.spatial_grammar.SPATIAL_RE`).

Distances km (see the spreads in :mod:`gazetteer.spatial`), bearings degrees
clockwise from north.

>>> parse("4km west of Palmyra").bearing_deg
270.0
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from gazetteer.errors import SpatialExpressionError
from gazetteer.spatial_scan import spatial_matches
from gazetteer.spatial_grammar import (
    KIND_DIRECTION, KIND_DISTANCE, KIND_OFFSET, KIND_PART, KIND_REGION, MAX_OFFSET_KM, NAMED_RE,
    SPATIAL_RE, _ABBR, _BEARING, _CARD, _CHAIN_BEFORE_RE, _CHAIN_LOOKBACK, _DIR_WORD_RE,
    _HUGE_BEFORE_RE, _HUGE_DISTANCE_RE, _LOOKBACK_CHARS, _PN_CENTER, _PN_EDGE, _PN_INNER, _PN_REGION,
    _PN_SIDE, _REGION_WORD_RE, _SPREAD, _UNIT_KM, _VAGUE, _WORD_NUM)

__all__ = ["SpatialExpression", "FoundExpression", "parse", "parse_direction", "find_expressions"]


# --------------------------------------------------------------------------- value objects
@dataclass(frozen=True)
class SpatialExpression:
    """A parsed relative / vague location phrase (no coordinates yet).

    ``kind``: offset (distance + direction), distance (ring), direction
    (wedge), part (part of a place), region. Distances in km: ``distance_km``
    is the representative distance (the stated number, or the midpoint of a
    range); ``distance_km_min``/``max`` the spread (see module docstring).
    ``bearing_deg`` clockwise from north; ``bearing_spread_deg`` the half
    width (±). ``anchor_text`` the place measured from (None for anchorless
    rings, which mean the place under discussion); ``anchor_is_reference``
    True for "the city" / "the town" / anchorless. ``part`` is the part class
    (inner, side, edge, center, region) and ``part_word`` the noun used.

    >>> parse("between 30 and 35 kilometers east of Resafa").distance_km
    32.5
    """

    kind: str
    text: str
    anchor_text: Optional[str] = None
    anchor_is_reference: bool = False
    distance_km: Optional[float] = None
    distance_km_min: Optional[float] = None
    distance_km_max: Optional[float] = None
    bearing_deg: Optional[float] = None
    bearing_spread_deg: Optional[float] = None
    part: Optional[str] = None
    part_word: Optional[str] = None
    named_text: Optional[str] = None
    qualifier: Optional[str] = None       # stated, approx, range, upper, lower, vague, near, outside
    direction_word: Optional[str] = None
    reversed_bearing: bool = False        # "overlooking X to the east"


@dataclass(frozen=True)
class FoundExpression:
    """One spatial expression found in a text; offsets are str indices into it.

    ``expr`` is None and ``error`` says why when the phrase matched the grammar
    but is not usable ("4000 km west of ..."): nothing is silently dropped.
    ``anchor_start``/``anchor_end`` span the anchor text (None when implicit);
    ``named_start``/``named_end`` the named place right before, if any.
    """

    start: int
    end: int
    text: str
    expr: Optional[SpatialExpression]
    anchor_start: Optional[int] = None
    anchor_end: Optional[int] = None
    named_start: Optional[int] = None
    named_end: Optional[int] = None
    error: Optional[str] = None


# --------------------------------------------------------------------------- parsing
def _q(phrase: str, limit: int = 120) -> str:
    """repr of a phrase for messages, cut to ``limit`` characters with '…'."""
    return repr(phrase if len(phrase) <= limit else phrase[:limit] + "…")


_ABBR_FULL_RE = re.compile(_ABBR)
_DIR_JOIN_RE = re.compile(r"[\s\-]")
_DIR_SUFFIX_RE = re.compile(r"(?:ern|erly|wards?)$")
_CARD_RE = re.compile(_CARD)


def parse_direction(word: str) -> tuple[float, float]:
    """(bearing_deg, spread_deg) of a direction word: 'north-east', 'NE', 'westward'...

    >>> parse_direction("north-eastern"), parse_direction("WSW")
    ((45.0, 22.5), (247.5, 11.25))
    """
    w = word.strip().rstrip(".")
    if _ABBR_FULL_RE.fullmatch(w):
        key, n = w.lower(), len(w)
    else:
        key = _DIR_JOIN_RE.sub("", w.lower())
        key = _DIR_SUFFIX_RE.sub("", key)
        n = len(_CARD_RE.findall(key))
    if key not in _BEARING or n not in _SPREAD:
        raise SpatialExpressionError(
            f"unknown direction {word!r}: use a compass direction such as 'west', "
            "'north-east', 'NNE' or 'south-western'")
    return _BEARING[key], _SPREAD[n]


def _number(text: str) -> float:
    t = re.sub(r"\s+", " ", text.strip().lower())
    half = 0.0
    if t.endswith("and a half"):
        half, t = 0.5, t[: -len("and a half")].strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        return float(t.replace(",", "")) + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    if t.startswith("half"):
        return 0.5
    parts = re.split(r"[\s\-]", t)
    if len(parts) == 2 and parts[1] == "hundred":
        return _WORD_NUM[parts[0]] * 100 + half
    return sum(_WORD_NUM[p] for p in parts) + half


def _unit(text: str) -> float:
    t = text.lower()
    if t.startswith("k"):
        return _UNIT_KM["km"]
    if t.startswith("mi"):
        return _UNIT_KM["mi"]
    return _UNIT_KM["m"]


def _distance(m: re.Match, p: str, phrase: str) -> tuple[float, float, float, str]:
    """(dmin, dmax, representative, qualifier) in km from the {p}_ groups."""
    g = lambda n: m.group(f"{p}_{n}")  # noqa: E731
    if g("neg"):
        raise SpatialExpressionError(
            f"negative distance in {_q(phrase)}: distances are >= 0; write e.g. '3 km north of Homs'")
    unit = _unit(g("unit"))
    qcls = ("approx" if g("qa") else "upper" if g("qu") else "lower" if g("ql") else
            "stated")
    if g("vague"):
        lo, hi = _VAGUE[re.sub(r"\s+", " ", g("vague").lower())]
        dmin, dmax, rep, qualifier = lo * unit, hi * unit, (lo + hi) / 2 * unit, "vague"
    elif g("lo"):
        a, b = sorted((_number(g("lo")) * unit, _number(g("hi")) * unit))
        rep = (a + b) / 2
        if b - a < 2.0:
            a, b = max(0.0, rep - 1.0), rep + 1.0
        dmin, dmax, qualifier = a, b, "range"
    else:
        n = _number(g("num")) * unit
        if n <= 0:
            raise SpatialExpressionError(
                f"zero distance in {_q(phrase)}: give a positive distance such as '3 km'")
        if qcls == "upper":
            dmin, dmax, rep = 0.0, n, n / 2
        elif qcls == "lower":
            dmin, dmax, rep = n, n + max(0.5 * n, 2.0), n + max(0.5 * n, 2.0) / 2
        else:
            s = max((0.30 if qcls == "approx" else 0.25) * n, 1.0)
            dmin, dmax, rep = max(0.0, n - s), n + s, n
        qualifier = qcls
    if rep > MAX_OFFSET_KM:
        raise SpatialExpressionError(
            f"implausible distance {rep:g} km in {_q(phrase)}: offsets above {MAX_OFFSET_KM:g} km "
            "are not placed; check the figure and the unit")
    if dmax <= dmin:
        raise SpatialExpressionError(
            f"empty distance range in {_q(phrase)}: give a positive distance")
    return dmin, dmax, rep, qualifier


_PART_CLASS_RES = tuple((cls, re.compile(pat, re.IGNORECASE)) for cls, pat in (
    ("inner", _PN_INNER), ("side", _PN_SIDE), ("edge", _PN_EDGE), ("center", _PN_CENTER), ("region", _PN_REGION)))
_SPACES_RE = re.compile(r"\s+")


def _part_class(noun: str) -> str:
    n = noun.lower()
    for cls, rx in _PART_CLASS_RES:
        if rx.fullmatch(n):
            return cls
    return "side"


def _clean(s: Optional[str]) -> Optional[str]:
    return _SPACES_RE.sub(" ", s).strip() if s else s




_Read = tuple[SpatialExpression, Optional[tuple[int, int]]]


def _anchor_of(m: re.Match, p: str) -> tuple[Optional[str], bool, Optional[tuple[int, int]]]:
    """(anchor text, is a reference like "the city", span) of the anchor groups ``{p}_ref`` /
    ``{p}_name`` of a SPATIAL_RE match; (None, True, None) when it has neither."""
    gd = m.groupdict()
    for suffix, is_ref in (("ref", True), ("name", False)):
        key = f"{p}_{suffix}"
        if gd.get(key):
            return _clean(gd[key]), is_ref, m.span(key)
    return None, True, None


def _read_measure(m: re.Match, phrase: str) -> _Read:
    """ "4km west of X" (an offset) / "within 2 km of X", "2 km away" (a distance)."""
    gd = m.groupdict()
    text = m.group(0)
    dmin, dmax, rep, qual = _distance(m, "o", phrase)
    if gd.get("o_dir"):
        a_text, a_ref, a_span = _anchor_of(m, "o")
        bearing, spread = parse_direction(gd["o_dir"])
        return SpatialExpression(KIND_OFFSET, text, a_text, a_ref, rep, dmin, dmax, bearing,
                                 spread, qualifier=qual, direction_word=gd["o_dir"]), a_span
    a_text, a_ref, a_span = _anchor_of(m, "d")
    part = _part_class(gd["d_part"]) if gd.get("d_part") else None
    return SpatialExpression(KIND_DISTANCE, text, a_text, a_ref, rep, dmin, dmax,
                             part=part, part_word=gd.get("d_part"), qualifier=qual), a_span


def _part_class_of(p: str, noun: Optional[str]) -> str:
    """The part class ("inner", "side", "edge", "center", "region") of a part phrase's noun."""
    if p == "a" and noun and noun.lower() == "rural":
        return "region"
    if p == "a" and noun:
        return "center"
    if noun:
        return _part_class(_clean(noun) or "")
    return "side"


def _read_part(m: re.Match, branch: str) -> _Read:
    """ "the outskirts of X", "X's eastern countryside", "the city center", "western X"."""
    gd = m.groupdict()
    p = {"B_part_of": "p", "B_part_poss": "q", "B_part_ref": "c", "B_part_adj": "a"}[branch]
    if p == "c":
        a_text, a_ref, a_span = _clean(gd["c_ref"]), True, m.span("c_ref")
    elif p == "a":
        a_text, a_ref, a_span = _clean(gd["a_name"]), False, m.span("a_name")
    else:
        a_text, a_ref, a_span = _anchor_of(m, p)
    dir_word = gd.get(f"{p}_dir")
    noun = gd.get(f"{p}_noun") or gd.get(f"{p}_noun2") or gd.get(f"{p}_noun3")
    pclass = _part_class_of(p, noun)
    if p == "a" and gd.get("a_suffix"):
        pclass = "region"
        a_text = f"{a_text} {gd['a_suffix']}"
        a_span = (a_span[0], m.end("a_suffix"))
    if a_text and not a_ref and _REGION_WORD_RE.search(a_text):
        pclass = "region"
    bearing = spread = None
    if dir_word and dir_word.lower() != "central":
        bearing, spread = parse_direction(dir_word)
    elif dir_word and pclass in ("side", "inner"):
        pclass = "center"
    kind = KIND_REGION if pclass == "region" else KIND_PART
    return SpatialExpression(kind, m.group(0), a_text, a_ref, bearing_deg=bearing,
                             bearing_spread_deg=spread, part=pclass,
                             part_word=_clean(noun) or _clean(dir_word),
                             direction_word=dir_word), a_span


def _read_direction(m: re.Match, branch: str) -> _Read:
    """ "west of X", "to the city's northwest", "overlooking X to the east" (bearing reversed)."""
    gd = m.groupdict()
    text = m.group(0)
    p = {"B_dir_of": "r", "B_dir_poss": "s", "B_dir_facing": "f"}[branch]
    a_text, a_ref, a_span = _anchor_of(m, p)
    dir_word = gd[f"{p}_dir"]
    bearing, spread = parse_direction(dir_word)
    prep = (gd.get(f"{p}_prep") or "").lower()
    if p == "f" and prep in ("to", "in"):
        return SpatialExpression(KIND_DIRECTION, text, a_text, a_ref,
                                 bearing_deg=(bearing + 180.0) % 360.0,
                                 bearing_spread_deg=spread, direction_word=dir_word,
                                 reversed_bearing=True), a_span
    if prep == "in":
        kind = KIND_REGION if (a_text and not a_ref and _REGION_WORD_RE.search(a_text)) \
            else KIND_PART
        return SpatialExpression(kind, text, a_text, a_ref, bearing_deg=bearing,
                                 bearing_spread_deg=spread,
                                 part="region" if kind == KIND_REGION else "side",
                                 part_word=dir_word, direction_word=dir_word), a_span
    return SpatialExpression(KIND_DIRECTION, text, a_text, a_ref, bearing_deg=bearing,
                             bearing_spread_deg=spread, direction_word=dir_word), a_span


def _read_near(m: re.Match) -> _Read:
    """ "near X" / "outside X" without a distance: a ring whose reach is set by the
    anchor's size when it is located (spatial_locate.NEAR_REACH_KM)."""
    a_text, a_ref, a_span = _anchor_of(m, "n")
    word = (_clean(m.group("n_word")) or "").lower()
    qual = "outside" if word.startswith(("outside", "on the")) else "near"
    return SpatialExpression(KIND_DISTANCE, m.group(0), a_text, a_ref, qualifier=qual,
                             part_word=word), a_span


def _interpret(m: re.Match, phrase: str) -> _Read:
    """SpatialExpression + anchor span from a SPATIAL_RE match (phrase = matched text's source):
    one reader per family of grammar branches."""
    branch = m.lastgroup or ""
    if branch == "B_measure":
        return _read_measure(m, phrase)
    if branch in ("B_part_of", "B_part_poss", "B_part_ref", "B_part_adj"):
        return _read_part(m, branch)
    if branch in ("B_dir_of", "B_dir_poss", "B_dir_facing"):
        return _read_direction(m, branch)
    if branch == "B_near":
        return _read_near(m)
    raise SpatialExpressionError(f"internal: unknown grammar branch {branch!r} for {m.group(0)!r}")


def _named_before(text: str, start: int, floor: int = 0) -> Optional[tuple[int, int, str]]:
    lo = max(floor, start - _LOOKBACK_CHARS)
    window = text[lo:start]
    nm = NAMED_RE.search(window)
    if not nm:
        return None
    s, e = nm.span("named")
    return lo + s, lo + e, _clean(nm.group("named")) or ""




def _huge_inside(text: str, m: "re.Match[str]") -> Optional["re.Match[str]"]:
    """An odd distance overlapping the start of ``m`` ("2.5E+2 km": the grammar
    reads only "2 km")."""
    h = _HUGE_DISTANCE_RE.search(text, max(0, m.start() - 40), m.end())
    return h if h is not None and h.start() < m.start() < h.end() else None


def _huge_message(number: str, phrase: str) -> str:
    return (f"implausible distance {number!r} in {_q(phrase)}: offsets over {MAX_OFFSET_KM:g} km, "
            "NaN, infinite or scientific-notation distances are not placed; write the distance as a "
            "plain number such as '4 km'")


def _chain_before(text: str, m: "re.Match[str]") -> Optional[int]:
    """Start of an offset chained in front of the offset ``m`` ("4 km west of" before
    "5 km north of X"), or None."""
    if m.lastgroup != "B_measure" or not m.group("o_dir"):
        return None
    c = _CHAIN_BEFORE_RE.search(text, max(0, m.start() - _CHAIN_LOOKBACK), m.start())
    return c.start() if c else None


def _chain_message(chain: str, phrase: str) -> str:
    where = "" if chain.strip() == phrase.strip() else f" in {_q(phrase)}"
    return (f"chained offsets {chain!r}{where}: an offset measured from another offset is not "
            "composed (the uncertainty of both would be lost); give one offset from a named place")


def parse(phrase: str) -> SpatialExpression:
    """Parse one relative / vague location phrase (see the module docstring).

    Raises :class:`SpatialExpressionError` (naming the phrase) when nothing in it
    is a spatial expression or the figures are implausible.

    >>> parse("the western suburb of Palmyra").part
    'inner'
    """
    if not isinstance(phrase, str) or not phrase.strip():
        shown = _q(phrase) if isinstance(phrase, str) else repr(phrase)
        raise SpatialExpressionError(
            f"empty spatial phrase {shown}: pass text such as '4 km west of Palmyra'")
    huge = _HUGE_DISTANCE_RE.search(phrase)
    if huge:
        raise SpatialExpressionError(_huge_message(huge.group(0).strip(), phrase))
    m = SPATIAL_RE.search(phrase)
    if m is None:
        if _DIR_WORD_RE.search(phrase):
            raise SpatialExpressionError(
                f"no anchor place in {_q(phrase)}: a direction needs a place to be measured "
                "from, e.g. 'west of Palmyra' or 'to the west of the city'")
        raise SpatialExpressionError(
            f"no spatial expression in {_q(phrase)}: expected e.g. '4 km west of Palmyra', "
            "'within two kilometres', 'the western suburb of Palmyra'")
    chain = _chain_before(phrase, m)
    if chain is not None:
        raise SpatialExpressionError(_chain_message(phrase[chain:m.end()], phrase))
    expr, _ = _interpret(m, phrase)
    named = _named_before(phrase, m.start())
    return replace(expr, text=phrase.strip(), named_text=named[2] if named else None)


def find_expressions(text: str) -> list[FoundExpression]:
    """All spatial expressions in ``text`` in order, one pass of :data:`SPATIAL_RE`.

    Offsets are Python str indices into ``text``. Matches that fit the grammar
    but cannot be used carry ``error`` and ``expr=None``.

    >>> [f.text for f in find_expressions("IS fled to the city's outskirts, 4km west of Palmyra.")]
    ["the city's outskirts", '4km west of Palmyra']
    """
    found: list[FoundExpression] = []
    prev_end = 0
    for m in spatial_matches(text):     # = SPATIAL_RE.finditer(text), tried before keywords only
        named = _named_before(text, m.start(), prev_end)
        prev_end = m.end()
        huge = _HUGE_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()) or _huge_inside(text, m)
        if huge:   # "99999999 km west of X": the grammar skips the number, we must not
            found.append(FoundExpression(huge.start(), m.end(), text[huge.start():m.end()], None,
                                         error=_huge_message(huge.group(0).strip(), text[huge.start():m.end()])))
            continue
        chain = _chain_before(text, m)
        if chain is not None:   # "4 km west of 5 km north of X": refused, not half-placed
            found.append(FoundExpression(chain, m.end(), text[chain:m.end()], None,
                                         error=_chain_message(text[chain:m.end()], text[chain:m.end()])))
            continue
        try:
            expr, a_span = _interpret(m, m.group(0))
        except SpatialExpressionError as exc:
            found.append(FoundExpression(m.start(), m.end(), m.group(0), None, error=str(exc)))
            continue
        if named:
            expr = replace(expr, named_text=named[2])
        found.append(FoundExpression(
            m.start(), m.end(), m.group(0), expr,
            a_span[0] if a_span else None, a_span[1] if a_span else None,
            named[0] if named else None, named[1] if named else None))
    return found
