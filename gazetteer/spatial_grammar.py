r"""The grammar of spatial phrases: vocabulary, spreads and THE compiled regex.

One case-insensitive regex (:data:`SPATIAL_RE`), an alternation of named
branches preceded by ``(?<!\w)``; whitespace and word repetitions are bounded
so it is linear on hostile input. :data:`NAMED_RE` looks back for the named
place right before a phrase ("al-Qadri Farms 4km west of ..."). Reading the
matches is :mod:`gazetteer.spatial_parse`; placing them :mod:`gazetteer.spatial_locate`.
Distances km, bearings degrees clockwise from true north.

>>> SPATIAL_RE.search("IS fled 4km west of Palmyra").group(0)
'4km west of Palmyra'
"""
from __future__ import annotations

import re

KIND_OFFSET = "offset"
KIND_DISTANCE = "distance"
KIND_DIRECTION = "direction"
KIND_PART = "part"
KIND_REGION = "region"

#: Largest plausible stated offset (km); anything above is a parse error.
MAX_OFFSET_KM = 500.0
#: Minimum reach (km) of a direction-only wedge.
DIRECTION_REACH_KM = 15.0
#: Extra reach (km) of "the countryside of X" beyond 1.2 R when X is not a governorate.
COUNTRYSIDE_REACH_KM = 30.0
#: Reach (km) beyond the anchor's nominal radius R of "near X" / "outside X" (no distance
#: given): "near X" is the disc 0..R + NEAR_REACH_KM, "outside X" the ring R..R + NEAR_REACH_KM.
NEAR_REACH_KM = 8.0

_UNIT_KM = {"km": 1.0, "mi": 1.609344, "m": 0.001}
_VAGUE = {"a couple of": (1.5, 3.0), "a few": (2.0, 5.0), "several": (3.0, 9.0),
          "a few hundred": (200.0, 500.0), "several hundred": (300.0, 900.0),
          "hundreds of": (200.0, 900.0)}
_PART_RADII = {  # part class -> (inner, outer) multiples of the nominal radius
    "inner": (0.3, 1.2), "side": (0.0, 1.0), "edge": (0.8, 1.5), "center": (0.0, 0.4),
}
_REGION_KINDS = {"region", "governorate", "province", "country", "district"}

# --------------------------------------------------------------------------- grammar
S = r"\s{1,3}"          # bounded whitespace keeps the regex linear on hostile input
SO = r"\s{0,3}"
CAP = r"(?-i:[A-Z\u00C0-\u00DE])"
_STOP = (r"(?-i:(?:On|In|At|The|A|An|And|But|Or|Of|To|For|With|From|By|As|This|That|These|"
         r"Those|It|Its|He|She|They|We|His|Her|Their|Our|If|When|While|After|Before|Since|"
         r"During|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
         r"March|April|May|June|July|August|September|October|November|December|Syrian|"
         r"Russian|Iranian|Turkish|Kurdish|Iraqi|American|IS|ISIS|ISIL|Daesh|Regime|"
         r"Government|Army|Reuters|AFP|AP)(?![\w\-]))")
# Arabic article forms; the ones that are also English words only count when hyphenated
_PARTICLE = (r"(?:(?:al|el|ash|ad|ar|az|ez|ed|es|er|bin|ibn|abu|umm)[\-\s]"
             r"|(?:a|an|as|at|de|du|la)-)")
_NAMEWORD = rf"(?!{_STOP}){CAP}(?:[\w\-]|['’](?![sS]\b)(?=\w)){{0,30}}(?!\w)"
#: spaces inside a name never cross a line break ("... of Damascus\nTal Meri")
_SN = r"[^\S\n]{1,3}"
#: a geographic prefix starts a new name, it never continues one: in "the countryside of
#: Damascus Tal Meri" (a comma missing in the source) the anchor is "Damascus"
_NEW_NAME = r"(?-i:(?:Tal|Tall|Tel|Tell|Jabal|Jebel|Khirbet|Khirbat|Wadi)(?![\w\-]))"
NAME = rf"(?:{_PARTICLE})?{_NAMEWORD}(?:{_SN}(?!{_NEW_NAME})(?:{_PARTICLE})?{_NAMEWORD}){{0,4}}"

_CARD = r"(?:north|south|east|west)"
DIR = rf"{_CARD}(?:[\s\-]?{_CARD}){{0,2}}(?:ern|erly|wards?)?\b"
_ABBR = r"(?-i:(?:[NS](?:[NS]?[EW])?|[EW](?:[NS][EW])?)\b)"
DIRADJ_LC = (r"(?-i:(?:north|south)[\s\-]?(?:east|west)ern|(?:north|south|east|west)ern"
             r"|central)\b")
DIRADJ = rf"(?:{_CARD}(?:[\s\-]?{_CARD})?ern|central)\b"

_U1 = "one|two|three|four|five|six|seven|eight|nine"
_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMW = (rf"(?:(?:a|one|two|three|four|five)\s(?:hundred)|(?:{_TENS})(?:[\s\-](?:{_U1}))?"
         rf"|(?:{_TEEN})|(?:{_U1})|hundred|half{S}an?|an?)\b(?:{S}and{S}a{S}half)?")
NUM = (rf"(?:(?<![\w.,])\d{{1,3}}(?:,\d{{3}}){{1,3}}(?![\d,])|(?<![\w.])\d{{1,6}}(?:\.\d{{1,3}})?"
       rf"(?![\d])|(?<![\w\-]){_NUMW})")
UNIT = r"(?:kilomet(?:er|re)s?|kms?|miles?|mi|met(?:er|re)s?|m)\b"
_PAREN = r"(?:\s{0,2}\([^()\n]{1,40}\))?"
_APPROX = (r"about|around|roughly|approximately|approx\.|some|nearly|almost|close\s+to|"
           r"an\s+estimated|an\s+approximate|estimated|circa|ca\.")
_UPPER = (r"within|less\s+than|under|up\s+to|no\s+more\s+than|not\s+more\s+than|fewer\s+than|"
          r"below|inside|at\s+most|just\s+under")
_LOWER = r"more\s+than|over|at\s+least|beyond|just\s+over|upwards\s+of"
_EXACT = r"just|only|exactly|precisely"
_VAGUE_RE = (r"a\s+few\s+hundred|several\s+hundred|hundreds\s+of|a\s+couple\s+of|a\s+few"
             r"|several")

#: any modifier word of "the <modifiers> town" ("the ancient town", "the Kurdish-held town",
#: "the border town"), not a word that points to another place or opens a phrase
_REFADJ = (r"(?:(?!(?:of|other|next|neighbou?ring|first|former|whole|entire|and|or|to|in|on|at|by)\b)"
           r"[a-z][a-z\-]{1,24})")
_REFNOUN = r"(?:city|town|village|settlement|hamlet|area|oasis|base|airbase|district|province)"
_REF = rf"the{S}(?:{_REFADJ}{S}){{0,2}}{_REFNOUN}\b"
#: "the (ISIL-held) town of" - the words between "the" and the noun are modifiers, never a
#: conjunction, an article or a preposition: "south of X and captured the village of Y" is
#: anchored on X, not on Y
_TOWN_WORD = r"(?!(?:and|or|but|then|the|a|an|of|to|in|on|at|from|by|with|after|before|which|who)\b)"
_TOWN_OF = (rf"(?:(?:the{S})?(?:{_TOWN_WORD}[\w\-]{{1,30}}{S}){{0,3}}?(?:city|town|village|hamlet|settlement|"
            rf"area|oasis|region|province|governorate|district|municipality){S}of{S})")
#: a noun in apposition before the name: "north of second city Aleppo", "west of the border
#: town Jarabulus", "the capital Damascus" (the name, not the town the text is about, is the anchor)
_APPOS = (rf"(?:(?:the{S})?(?:(?:second|third|largest|biggest|main|northern|southern|eastern|western|"
          rf"central|besieged|border|key|strategic|nearby|provincial|rebel-held|regime-held){S}){{0,2}}"
          rf"(?:city|town|village|capital){S}(?={CAP}|(?:al|el|ad|ar|as|ash)-))")
_HELD = rf"(?:[\w]{{1,20}}-(?:held|controlled|besieged|occupied|run){S})"
_CENTRE_TAIL = (rf"(?:['’]s?{S}(?:city{S}|town{S})?(?:center|centre|downtown|heart|"
                rf"old{S}city)\b)?")

_PN_INNER = r"suburbs?|neighbou?rhoods?|districts?|quarters?|sub-districts?"
_PN_SIDE = r"parts?|sides?|half|sections?|sectors?|areas?"
_PN_EDGE = (r"outskirts?|peripher(?:y|ies)|edges?|fringes?|environs|perimeter|gates?|"
            r"entrances?|limits|surroundings|approaches")
_PN_CENTER = r"cent(?:er|re)|heart|downtown|core|middle|old{S}(?:city|town)"
_PN_REGION = r"countryside|rural\s+areas|hinterland|desert|province|governorate|region"
PARTNOUN = rf"(?:{_PN_INNER}|{_PN_SIDE}|{_PN_EDGE}|{_PN_CENTER}|{_PN_REGION})\b"
_REGION_SUFFIX = r"(?:governorate|province|countryside|desert|region|hinterland)\b"


def _anchor(p: str, tail: bool = True) -> str:
    """Anchor alternatives with groups ``{p}_ref`` / ``{p}_name``."""
    t = _CENTRE_TAIL if tail else ""
    return (rf"(?:(?:{_TOWN_OF}|{_APPOS})?{_HELD}?(?P<{p}_name>{NAME}){t}"
            rf"|(?P<{p}_ref>{_REF})(?!{S}of\b){t})")


def _dist(p: str, qual: bool = True) -> str:
    """A distance with groups {p}_q {p}_vague {p}_lo {p}_hi {p}_neg {p}_num {p}_unit."""
    q = (rf"(?:\b(?P<{p}_q>(?P<{p}_qa>{_APPROX})|(?P<{p}_qu>{_UPPER})|(?P<{p}_ql>{_LOWER})"
         rf"|{_EXACT}){S})?") if qual else ""
    return (rf"{q}(?:\b(?P<{p}_vague>{_VAGUE_RE}){S}"
            rf"|(?:between{S})?(?P<{p}_lo>{NUM}){SO}(?:{UNIT}{SO})?(?:–|—|-|to|and|or){SO}"
            rf"(?P<{p}_hi>{NUM}){SO}-?{SO}"
            rf"|(?P<{p}_neg>(?<![\w.])[-−–]{SO})?(?P<{p}_num>{NUM}){SO}-?{SO})"
            rf"(?P<{p}_unit>{UNIT}){_PAREN}")


_BRANCHES = {
    # One branch for everything that starts with a distance (matched once):
    #   4km west of Palmyra / between 30 and 35 km east of Resafa / 3 km (1.8 mi) N of the town
    #   within 24 km of Palmyra / roughly four kilometers away from ... Palmyra
    #   within two kilometres / 2 km away  (the place under discussion)
    "measure": rf"{_dist('o')}(?:{S}(?:(?:to|in){S}the{S})?(?P<o_dir>{DIR}|{_ABBR}\.?){S}"
               rf"(?:of|from){S}{_anchor('o')}"
               rf"|{S}(?:away{S})?(?:from|of){S}(?:the{S}(?P<d_part>heart|cent(?:er|re)|"
               rf"outskirts|edge){S}of{S})?{_anchor('d')}"
               rf"|(?P<g_ring>(?(o_qu)(?!{S}(?:{DIR}|away))|(?!)))"
               rf"|{S}(?P<h_away>away)\b(?!{S}(?:from|of)\b))",
    # (without a direction: "the suburb of X" names X itself, so only edge / centre /
    # region nouns take "of"; "neighbourhoods in X" is a part of X)
    "part_of": rf"\b(?:the{S})?(?:(?P<p_dir>{DIRADJ}){S}(?P<p_noun>{PARTNOUN}){S}(?:of|in|(?<=entrance )to)"
               rf"|(?P<p_noun2>(?:{_PN_EDGE}|{_PN_CENTER}|{_PN_REGION})\b){S}(?:of|in)"
               rf"|(?P<p_noun3>(?:{_PN_INNER})\b){S}in){S}{_anchor('p', tail=False)}",
    # Palmyra's outskirts / the city's eastern periphery / Homs' eastern countryside
    "part_poss": rf"(?:\b(?P<q_ref>{_REF})|(?<![\w\-])(?P<q_name>{NAME}))['’]s?{S}"
                 rf"(?:(?P<q_dir>{DIRADJ}){S})?(?P<q_noun>{PARTNOUN})",
    # the city center / the town outskirts
    "part_ref": rf"\b(?P<c_ref>the{S}(?:{_REFADJ}{S})?(?:city|town|village)){S}"
                rf"(?P<c_noun>cent(?:er|re)|outskirts|limits|edge|heart)\b",
    # western Palmyra / eastern Homs Governorate / rural Idlib / downtown Homs
    "part_adj": rf"(?<![\w\-])(?:(?P<a_dir>{DIRADJ_LC})|(?P<a_noun>(?-i:rural|downtown)\b)){S}"
                rf"{_HELD}?(?P<a_name>{NAME})(?:{S}(?P<a_suffix>{_REGION_SUFFIX}))?"
                rf"(?!{S}(?:town|city|village|settlement|hamlet)\b)",  # "the rural Homs town"
    # to the west of the city / in the southwest of the city / west of Palmyra
    "dir_of": rf"\b(?:(?P<r_prep>to|in){S}the{S})?(?P<r_dir>{DIR}){S}(?:of|from){S}"
              rf"{_anchor('r')}",
    # to the city's northwest
    "dir_poss": rf"\b(?:(?P<s_prep>to|in){S})?(?:(?P<s_ref>{_REF})|(?P<s_name>{NAME}))['’]s?{S}"
                rf"(?P<s_dir>{DIR})(?!{S}(?:{PARTNOUN}))",
    # overlooking Palmyra to the east  (Palmyra lies east: the subject is west of it)
    "dir_facing": rf"\b(?:overlooking|overlook|overlooks|facing|faces){S}{_anchor('f', tail=False)}"
                  rf"{S}(?P<f_prep>to|from|in){S}the{S}(?P<f_dir>{DIR})",
    # near Bizaah / outside Khanasir / in the vicinity of the town / close to X (no distance)
    "near": rf"\b(?P<n_word>near|outside|close{S}to|next{S}to|adjacent{S}to|"
            rf"in{S}the{S}(?:vicinity|environs){S}of|on{S}the{S}(?:edge|fringes?){S}of){S}"
            rf"{_anchor('n', tail=False)}",
}

#: THE compiled grammar: one alternation of named branches, case-insensitive.
#: The leading look-behind rejects positions inside words before any branch is tried.
SPATIAL_RE = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<B_{k}>{v})" for k, v in _BRANCHES.items())
                        + ")", re.IGNORECASE)

_FEATURE = (rf"(?:farms?|hill(?:top)?s?|heights|neighbou?rhoods?|districts?|village|town|air{SO}base|"
            rf"base|oil{SO}fields?|gas{SO}fields?|fields?|triangle|crossroads?|checkpoint|dam|mountains?|"
            r"camp|area|quarter|station|junction|bridge|airport|ridge|valley|plain|palace|"
            r"castle|citadel|hilltop|silos|crossing)\b")
#: Look-back for the named place right before an expression ("al-Qadri Farms 4km west...").
NAMED_RE = re.compile(
    rf"(?<![\w\-])[\"“‘]?(?P<named>{NAME}(?:{S}{_FEATURE})?)(?<!-)[\"”’]?(?:{SO}\([^()\n]{{1,40}}\))?"
    rf"{SO}[,–—:-]?{SO}"
    rf"(?:(?:which{S}is|is|lies|located|situated|lying|reportedly|just|some|about|roughly|at|in|on|both|all|"
    rf"only|now){S}){{0,2}}$", re.IGNORECASE)
_LOOKBACK_CHARS = 90
_DIR_WORD_RE = re.compile(rf"\b{DIR}", re.IGNORECASE)

_COMPASS16 = ["north", "northnortheast", "northeast", "eastnortheast", "east", "eastsoutheast",
              "southeast", "southsoutheast", "south", "southsouthwest", "southwest",
              "westsouthwest", "west", "westnorthwest", "northwest", "northnorthwest"]
_ABBR16 = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W",
           "WNW", "NW", "NNW"]
_BEARING = {name: i * 22.5 for i, name in enumerate(_COMPASS16)}
_BEARING.update({a.lower(): i * 22.5 for i, a in enumerate(_ABBR16)})
_SPREAD = {1: 45.0, 2: 22.5, 3: 11.25}

_WORD_NUM = {w: i + 1 for i, w in enumerate(_U1.split("|"))}
_WORD_NUM.update({w: i + 10 for i, w in enumerate(_TEEN.split("|"))})
_WORD_NUM.update({w: (i + 2) * 10 for i, w in enumerate(_TENS.split("|"))})
_WORD_NUM.update({"a": 1, "an": 1, "hundred": 100})

_REGION_WORD_RE = re.compile(rf"{S}{_REGION_SUFFIX}$|^rural{S}", re.IGNORECASE)

#: a number the grammar does not read written as a distance: over 6 digits,
#: scientific notation ("1e308 km"), NaN or infinity ("NaN km", "inf km")
_ODD_NUM = r"(?:\d{7,}(?:\.\d+)?|\d+(?:\.\d+)?e[+\-]?\d+|nan|inf(?:inity)?)"
_HUGE_DISTANCE_RE = re.compile(r"(?<![\w.])" + _ODD_NUM + r"\s*-?\s*" + UNIT, re.IGNORECASE)
_HUGE_BEFORE_RE = re.compile(r"(?<![\w.])" + _ODD_NUM + r"\s*-?\s*" + UNIT + r"\s*$", re.IGNORECASE)
#: an offset measured from another offset: "4 km west of [5 km north of X]" (the
#: text before the inner expression); such chains are refused, not half-placed
_CHAIN_BEFORE_RE = re.compile(
    rf"(?<![\w.])(?:{NUM}|{_ODD_NUM}){SO}-?{SO}{UNIT}{S}(?:(?:to|in){S}the{S})?(?:{DIR}|{_ABBR}\.?){S}"
    rf"(?:of|from){S}(?:(?:about|around|roughly|approximately|some){S})?$", re.IGNORECASE)
_CHAIN_LOOKBACK = 80
