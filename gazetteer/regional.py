"""The built-in regional pack (data/syria_places.tsv) and curated aliases (data/aliases.tsv).

Both are small (about 6 100 places, a few dozen aliases) and are kept in
memory as a :class:`NameTable` (name key -> entries); loading takes about a
tenth of a second.

Names a regional place is indexed under (method in brackets):

- its label (``name``), and the parts of a label such as
  "Teibah (Ṭaybat al-Asm)" or "Aleppo International Airport & Nayrab Airbase"
  (``alt``);
- its ``wikipedia`` title before ``#`` (``wiki``) when that title names the
  place itself: used by only one row, not an article about an offensive /
  battle / list, sharing a word with the label, and not the name of another
  row. "(Syria)"-style qualifiers and ", Hama"-style suffixes are removed;
- the core of each of these names after :func:`strip_feature_words`
  (``core``, with the kind hint), so "al-Tar hilltop" finds "Jabal Al-Tar".

Curated aliases (``alias``) name their target by label + lat/lon (or by place
id) so that they are unambiguous; see the header of data/aliases.tsv.

>>> pack = load_regional_pack()
>>> [e.place.name for e in pack.names.get(name_key("Jabal Hayyal"))]
['Jabal Hayyal']
"""
from __future__ import annotations

import csv
import hashlib
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from gazetteer.errors import GazetteerError, ImportFormatError
from gazetteer.model import Place
from gazetteer.normalize import name_key, name_tokens, strip_feature_words
from gazetteer.qualifiers import strip_qualifier

__all__ = ["NameEntry", "NameTable", "RegionalPack", "load_regional_pack", "load_aliases",
           "AliasRecord", "data_path", "SOURCE", "slugify"]

log = logging.getLogger(__name__)

SOURCE = "syria_places"
_TITLE_REJECT = re.compile(
    r"offensive|battle|clashes|raid|siege|campaign|operation|list\b|cities|talk:|archive|"
    r"massacre|\bwar\b|bombing|shelling|attack|ambush|conflict|insurgency|escalation|"
    r"incident|timeline|crisis|uprising|protest|\barmy\b|jaish|brigade|division|front\b|"
    r"regiment|hospital|forces|\bparty\b|movement", re.I)


def data_path(name: str) -> Path:
    """Path of a packaged data file (gazetteer/data/<name>)."""
    return Path(str(resources.files("gazetteer") / "data" / name))


def slugify(s: str) -> str:
    """ASCII slug for ids: "Jabal Al-Tar" -> "jabal-al-tar"."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "place"


@dataclass(frozen=True)
class NameEntry:
    """One way of naming a place: the stored name, its kind hint and method."""

    place: Place
    name: str
    hint: Optional[str]
    method: str          # name | alt | wiki | alias | core


class NameTable:
    """In-memory key -> [NameEntry] table."""

    def __init__(self) -> None:
        self._d: dict[str, list[NameEntry]] = {}

    def add(self, key: str, entry: NameEntry) -> None:
        """Add one entry (duplicates of the same place + method are skipped)."""
        if not key:
            return
        lst = self._d.setdefault(key, [])
        for e in lst:
            if e.place.id == entry.place.id and (e.method == entry.method or e.method != "core"):
                return
        lst.append(entry)

    def add_names(self, place: Place, names: Iterable[tuple[str, str]]) -> None:
        """Index (name, method) pairs of a place under full and core keys."""
        for n, method in names:
            k = name_key(n)
            if not k:
                continue
            self.add(k, NameEntry(place, n, None, method))
            core, hint = strip_feature_words(n)
            if hint:
                ck = name_key(core)
                if ck and ck != k:
                    self.add(ck, NameEntry(place, n, hint, "core"))

    def get(self, key: str) -> list[NameEntry]:
        """Entries under a key ([] when none)."""
        return self._d.get(key, [])

    def keys(self) -> Iterable[str]:
        """All keys."""
        return self._d.keys()

    def items(self):
        """(key, entries) pairs."""
        return self._d.items()

    def __len__(self) -> int:
        return len(self._d)


@dataclass
class RegionalPack:
    """The regional places (by id, in file order) and their name table."""

    places: dict[str, Place] = field(default_factory=dict)
    names: NameTable = field(default_factory=NameTable)
    fingerprint: str = ""


_GENERIC_KEYS = frozenset(name_key(w) for w in (
    "Tal", "Tall", "Tell", "Jabal", "Jebel", "Hill", "Mount", "Mountain", "Base", "Airbase",
    "Village", "Town", "Farms", "Camp", "Dam", "Crossroads", "east", "west", "north", "south",
    "Euphrates", "Tigris", "Orontes", "Khabur", "Balikh", "Syria"))


def _label_parts(label: str, other_labels=frozenset()) -> list[str]:
    parts = []
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*(.*)$", label)
    if m:
        outer = (m.group(1) + " " + m.group(3)).strip()
        inner = m.group(2).strip()
        if outer:
            parts.append(outer)
        for x in re.split(r"[,;]", inner):
            x = x.strip()
            # keep names, not elevations ("828m") or numbers, nor locators that
            # name another row: "Tombs Valley (Palmyra)"
            if (x and re.search(r"[^\W\d_]{3,}", x) and not re.fullmatch(r"[\d.,\s]+m", x)
                    and name_key(x) not in other_labels):
                parts.append(x)
    for sep in (" & ", "&", " and "):
        if sep in label and "(" not in label:
            parts.extend(x.strip() for x in label.split(sep) if x.strip())
            break
    return [p for p in parts if len(name_key(p)) >= 3 and name_key(p) != name_key(label)
            and name_key(p) not in _GENERIC_KEYS]


def _clean_title(title: str) -> str:
    t = re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()
    t = re.sub(r",.*$", "", t).strip()
    return t


def _title_names_place(title: str, label: str) -> bool:
    ttoks = {t for t in name_tokens(strip_feature_words(title)[0]) if len(t) >= 3}
    ltoks = set()
    for part in [label, *_label_parts(label)]:
        ltoks |= {t for t in name_tokens(strip_feature_words(part)[0]) if len(t) >= 3}
    return bool(ttoks & ltoks)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    except FileNotFoundError as exc:
        raise ImportFormatError(f"regional pack {str(path)!r} not found; reinstall frontline "
                                f"or pass regional=False") from exc
    need = {"name", "lat", "lon", "kind"}
    if rows and not need <= set(rows[0]):
        raise ImportFormatError(f"{str(path)!r} lacks columns {sorted(need - set(rows[0]))!r}; "
                                f"expected name, lat, lon, kind[, control_2017, mark, wikipedia]")
    return rows


@lru_cache(maxsize=4)
def load_regional_pack(path: Optional[str] = None) -> RegionalPack:
    """Load data/syria_places.tsv (or ``path``, same columns) into memory."""
    p = Path(path) if path else data_path("syria_places.tsv")
    raw = p.read_bytes()
    rows = _read_tsv(p)
    pack = RegionalPack(fingerprint=hashlib.sha1(raw).hexdigest()[:12])
    titles = Counter(_clean_title(r["wikipedia"].split("#")[0]) for r in rows
                     if (r.get("wikipedia") or "").strip())
    label_keys = Counter(name_key(r["name"]) for r in rows)
    from gazetteer.regions import load_admin1
    admin1 = load_admin1() if path is None else {}
    seen: Counter[str] = Counter()
    pending: list[tuple[Place, list[tuple[str, str]]]] = []
    for line_no, r in enumerate(rows, start=2):
        label = (r.get("name") or "").strip()
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except (TypeError, ValueError):
            log.warning("%s:%d: bad lat/lon %r/%r for %r; row skipped",
                        p, line_no, r.get("lat"), r.get("lon"), label)
            continue
        slug = slugify(label)
        seen[slug] += 1
        pid = f"syria:{slug}" if seen[slug] == 1 else f"syria:{slug}~{seen[slug]}"
        if "#" in label and label.rsplit("#", 1)[1].strip():
            # "2016 Hama offensive#Khafsin": a wiki section label names the place after '#'
            # (the id stays the label's)
            label = label.rsplit("#", 1)[1].strip()
        names: list[tuple[str, str]] = [(label, "name")]
        parts = _label_parts(label, label_keys)
        # "Tell Abyad (Girê Sipî)": the label without its parenthesis is the name itself
        outer = re.sub(r"\s*\([^)]*\)\s*", " ", label).strip()
        names += [(x, "name" if x == outer else "alt") for x in parts]
        title = (r.get("wikipedia") or "").split("#")[0].strip()
        if title:
            clean = _clean_title(title)
            if (titles[clean] == 1 and not _TITLE_REJECT.search(title)
                    and name_key(clean) != name_key(label)
                    and label_keys.get(name_key(clean), 0) == 0
                    and _title_names_place(clean, label)):
                names.append((clean, "wiki"))
        # "Qasr al-Hayr al-Gharbi", "Othmaniyah Kabira": also under the name without
        # its qualifier (method "qualified", ranked below an exact name)
        for n, _m in list(names):
            bare = strip_qualifier(n)
            bk = name_key(bare) if bare else ""
            if len(bk) >= 4 and bk not in _GENERIC_KEYS and strip_feature_words(bare)[0].strip():
                names.append((bare, "qualified"))
        aliases = tuple(dict.fromkeys(n for n, m in names if n != label and m != "qualified"))
        control = (r.get("control_2017") or "").strip() or None
        adm, adm_near = admin1.get((round(lat, 5), round(lon, 5)), (None, ()))
        place = Place(id=pid, name=label, lat=lat, lon=lon, kind=(r.get("kind") or "settlement"),
                      country="SY", source=SOURCE, aliases=aliases, control=control,
                      admin1=adm, admin1_near=adm_near)
        pack.places[pid] = place
        pending.append((place, names))
    for place, names in pending:
        pack.names.add_names(place, names)
    return pack


@dataclass(frozen=True)
class AliasRecord:
    """One curated alias line: alias -> target (label + lat/lon, or place id)."""

    alias: str
    target: str
    lat: Optional[float]
    lon: Optional[float]
    line: int
    note: str = ""


def load_aliases(path: Optional[Union[str, Path]] = None) -> list[AliasRecord]:
    """Parse data/aliases.tsv (alias, target, lat, lon, note; '#' comments)."""
    p = Path(path) if path else data_path("aliases.tsv")
    out: list[AliasRecord] = []
    with open(p, encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "alias":
                continue
            if len(cols) < 2:
                raise ImportFormatError(f"{str(p)}:{i}: expected alias<TAB>target<TAB>lat<TAB>lon, "
                                        f"got {line.strip()!r}")
            lat = lon = None
            if len(cols) >= 4 and cols[2].strip() and cols[3].strip():
                try:
                    lat, lon = float(cols[2]), float(cols[3])
                except ValueError as exc:
                    raise ImportFormatError(f"{str(p)}:{i}: bad lat/lon {cols[2]!r}/{cols[3]!r}") from exc
            out.append(AliasRecord(cols[0].strip(), cols[1].strip(), lat, lon, i,
                                   cols[4].strip() if len(cols) > 4 else ""))
    return out


def resolve_alias_target(rec: AliasRecord, pack: RegionalPack,
                         lookup: Callable[[str], list[Place]], get: Callable[[str], Optional[Place]],
                         max_km: float = 5.0) -> Place:
    """The place an alias points to; raises GazetteerError when not exactly one."""
    from gazetteer.disambiguate import haversine_km
    if ":" in rec.target and " " not in rec.target:
        p = get(rec.target)
        if p is None:
            raise GazetteerError(f"aliases.tsv:{rec.line}: target id {rec.target!r} not found")
        return p
    k = name_key(rec.target)
    cands = [e.place for e in pack.names.get(k) if e.method != "core"]
    cands += [c for c in lookup(k) if c not in cands]
    if rec.lat is not None:
        cands = [c for c in cands if haversine_km(c.latlon, (rec.lat, rec.lon)) <= max_km]
    if not cands:
        raise GazetteerError(f"aliases.tsv:{rec.line}: target {rec.target!r} at "
                             f"{rec.lat},{rec.lon} not found in the gazetteer; fix the name or "
                             f"coordinates (within {max_km} km)")
    regional = [c for c in cands if c.source == SOURCE]
    pool = regional or cands
    if rec.lat is not None:
        pool = sorted(pool, key=lambda c: haversine_km(c.latlon, (rec.lat, rec.lon)))
    else:
        pool = sorted(pool, key=lambda c: -(c.population or 0))
    return pool[0]
