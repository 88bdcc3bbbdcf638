"""Match predicted events to gold events of the same article and classify misses.

*Articles.* A predicted event belongs to gold article ``g`` when its article id
is ``g`` or starts with ``g + "_"`` (the seeds' ``000`` is built as
``000_fdeebda4cc27a467``). Only gold articles are scored, and only territorial
kinds (capture, withdrawal, entry, advance; a predicted ``control`` counts as
capture).

*Place* (:func:`place_score`), best first:

1. 1.0 — ``name_key`` of the predicted place equals that of the gold place or
   one of its ``also`` spellings;
2. 0.9 — containment: the tokens of one name are a contiguous run of the
   other's and the extra tokens are feature or direction words ("Tal Samin
   village" / "Tal Samin", "eastern Aleppo" / "Aleppo"); when both have
   coordinates the point must also be within ``max(25, 5 * within_km)`` km
   (so "Tell Antar" near Deir al-Adas is not "Antar Mountain" near Palmyra);
3. 0.8 — the predicted point is within ``within_km`` (default 5 km) of the
   gold lat/lon (haversine, :func:`gazetteer.disambiguate.haversine_km`);
4. 0.85 — an unnamed gold place with an ``anchor`` ("a ridge south of X"): the
   prediction is located relative to the same anchor (``location_method``
   offset, distance, direction, part or region; its ``anchor`` has the same
   ``name_key``). A prediction on the anchor's own gazetteer point never
   matches this way.

*Date* (:func:`date_ok`; inclusive day spans):

- gold day: the predicted span contains the day and is at most 7 days long;
  "on the exact day" (reported separately) needs the predicted day to equal it;
- gold range (start and end): the spans overlap and the overlap covers at
  least half of the predicted span (a predicted day inside a month is right,
  a predicted year around a gold month is not);
- gold "by D" (end only): the predicted span ends on or before D;
  gold "from D" (start only): it starts on or after D;
- gold undated (``date: null``): the prediction must be undated too (a date
  the text does not give is invented). A predicted undated event is wrong for
  any dated gold event.

*Matching*, per article, one-to-one and greedy by best score:

1. correct pairs: place matches and kind, side and date are all right
   (best place score first, then the closest date);
2. near misses: among events still free, the place matches and either the
   kind is right (side and/or date wrong) or only the kind is wrong; more
   right attributes first. The gold event's class is the first wrong attribute
   in the order **kind, side, date** (so "wrong kind" means same place, side
   and date; a prediction of another kind with the side or date wrong too is
   another event; the side matters more to the map than the day);
   ``Miss.wrong`` lists every wrong attribute;
3. wrong place: a still-free predicted event with the same kind, side and a
   right date but another place (one whose quote names the gold place first,
   then the closest date);
4. otherwise: not extracted.

Precision = correct predicted / predicted territorial events in scored
articles; recall = correct gold / gold events.

>>> date_ok(date(2016, 3, 5), date(2016, 3, 5), date(2016, 3, 1), date(2016, 3, 31), False)
True
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Sequence

from gazetteer.disambiguate import haversine_km
from gazetteer.normalize import SUFFIX_FEATURES, PREFIX_FEATURES, name_key, name_tokens

from mapper.evaluate.gold import GoldEvent
from mapper.evaluate.predicted import PredictedEvent

__all__ = ["MISS_CLASSES", "Pair", "Miss", "ArticleMatch", "place_score", "date_ok",
           "gold_article_of", "match_article"]

#: Miss classes, in report order.
MISS_CLASSES = ("not_extracted", "wrong_place", "wrong_side", "wrong_kind", "wrong_date")
#: Days a predicted span may cover and still be right for a day-dated gold event.
DAY_TOLERANCE_SPAN = 7
#: Containment matches must be at most this far (km) from the gold point (or 5 x within_km).
CONTAINMENT_MAX_KM = 25.0

_DIRECTIONS = ("north", "south", "east", "west", "northern", "southern", "eastern", "western",
               "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
               "southeastern", "southwestern", "central", "the", "of")
_QUALIFIERS = frozenset(t for w in (*(w for w, _ in SUFFIX_FEATURES), *(w for w, _ in PREFIX_FEATURES),
                                    *_DIRECTIONS) for t in name_tokens(w))



#: location methods of a place given relative to an anchor (gazetteer.model METHOD_*)
RELATIVE_METHODS = frozenset({"offset", "distance", "direction", "part", "region"})
#: the place score of an unnamed gold place matched by its anchor
ANCHOR_SCORE = 0.85

def gold_article_of(pred_article: str, gold_articles: Sequence[str]) -> Optional[str]:
    """The gold article a predicted article id belongs to (exact id first, then ``g_...``)."""
    if pred_article in gold_articles:
        return pred_article
    hits = [g for g in gold_articles if pred_article.startswith(g + "_")]
    return max(hits, key=len) if hits else None


def _contains(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """b is a contiguous run of a and a's other tokens are qualifiers."""
    n = len(b)
    if not n or n > len(a):
        return False
    for i in range(len(a) - n + 1):
        if a[i:i + n] == b and all(t in _QUALIFIERS for t in a[:i] + a[i + n:]):
            return True
    return False


def place_score(pred: PredictedEvent, gold: GoldEvent) -> float:
    """How well the predicted place matches the gold place: 1.0, 0.9, 0.85, 0.8 or 0 (see module doc)."""
    dist = None
    if gold.lat is not None and pred.lat is not None:
        dist = haversine_km((pred.lat, pred.lon), (gold.lat, gold.lon))
    if pred.place:
        pkey = name_key(pred.place)
        if pkey and any(pkey == name_key(n) for n in gold.names):
            return 1.0
        ptok = name_tokens(pred.place)
        near_enough = dist is None or dist <= max(CONTAINMENT_MAX_KM, 5 * gold.within_km)
        if near_enough and ptok:
            for n in gold.names:
                gtok = name_tokens(n)
                if gtok and (_contains(ptok, gtok) or _contains(gtok, ptok)):
                    return 0.9
    if dist is not None and dist <= gold.within_km:
        return 0.8
    if gold.anchor and pred.anchor and pred.method in RELATIVE_METHODS \
            and name_key(pred.anchor) == name_key(gold.anchor):
        return ANCHOR_SCORE   # "a ridge south of X": placed relative to X, never on X itself
    return 0.0


def date_ok(p_start: Optional[date], p_end: Optional[date], g_start: Optional[date],
            g_end: Optional[date], g_undated: bool) -> bool:
    """Whether a predicted span is right for a gold span (rules in the module doc)."""
    p_undated = p_start is None and p_end is None
    if g_undated or p_undated:
        return g_undated and p_undated
    if g_start is not None and g_end is not None:
        if p_start is None or p_end is None:
            return False
        if g_start == g_end:   # gold day
            return p_start <= g_start <= p_end and (p_end - p_start).days + 1 <= DAY_TOLERANCE_SPAN
        lo, hi = max(p_start, g_start), min(p_end, g_end)
        if lo > hi:
            return False
        return 2 * ((hi - lo).days + 1) >= (p_end - p_start).days + 1
    if g_end is not None:      # "by D"
        last = p_end if p_end is not None else p_start
        return last is not None and last <= g_end
    first = p_start if p_start is not None else p_end   # "from D"
    return first is not None and first >= g_start


def _date_gap(pred: PredictedEvent, gold: GoldEvent) -> int:
    """Days between span midpoints (a tie-breaker; 10**6 when either is undated)."""
    def mid(s, e):
        s, e = s or e, e or s
        return None if s is None else s.toordinal() + ((e or s).toordinal() - s.toordinal()) / 2
    a, b = mid(pred.start, pred.end), mid(gold.start, gold.end)
    return 10 ** 6 if a is None or b is None else int(abs(a - b))


@dataclass(frozen=True)
class Pair:
    """A gold event and the predicted event matched to it."""

    gold: GoldEvent
    pred: PredictedEvent
    place_score: float
    exact_day: Optional[bool]   # None unless the gold event is day-dated


@dataclass(frozen=True)
class Miss:
    """A gold event not found right. ``klass`` one of :data:`MISS_CLASSES`;
    ``wrong`` every wrong attribute of the near-miss (kind, side, date, place);
    ``pred`` the predicted event it was compared with (None: not extracted)."""

    gold: GoldEvent
    klass: str
    wrong: tuple[str, ...] = ()
    pred: Optional[PredictedEvent] = None


@dataclass(frozen=True)
class ArticleMatch:
    """The matching of one article: correct pairs, misses, false positives
    (predicted territorial events not correct) and day-dated near pairs."""

    article: str
    correct: tuple[Pair, ...]
    misses: tuple[Miss, ...]
    false_positives: tuple[PredictedEvent, ...]
    predicted: tuple[PredictedEvent, ...]
    day_found: tuple[Pair, ...]   # day-dated gold found on place, kind and side (date right or not)


def _attrs(pred: PredictedEvent, gold: GoldEvent) -> dict[str, bool]:
    return {"kind": pred.scored_kind == gold.kind, "side": pred.side == gold.side,
            "date": date_ok(pred.start, pred.end, gold.start, gold.end, gold.undated)}


def _exact(pred: PredictedEvent, gold: GoldEvent) -> Optional[bool]:
    return None if gold.day is None else pred.day == gold.day


def match_article(article: str, gold: Sequence[GoldEvent],
                  predicted: Sequence[PredictedEvent]) -> ArticleMatch:
    """Match one article's territorial predicted events to its gold events."""
    preds = [p for p in predicted if p.scored_kind is not None]
    scored = []   # (n_right, place, -gap, gi, pi, attrs)
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            ps = place_score(p, g)
            if ps > 0:
                attrs = _attrs(p, g)
                scored.append((sum(attrs.values()), ps, -_date_gap(p, g), -gi, -pi, gi, pi, attrs))
    scored.sort(reverse=True)
    g_used: dict[int, Pair] = {}
    p_used: set[int] = set()
    correct: list[Pair] = []
    misses: dict[int, Miss] = {}
    day_found: list[Pair] = []
    # 1. correct pairs, then 2. near misses (more right attributes first)
    for n_right, ps, _, _, _, gi, pi, attrs in scored:
        if gi in g_used or gi in misses or pi in p_used:
            continue
        if n_right < 3 and not (attrs["kind"] or (attrs["side"] and attrs["date"])):
            continue   # another kind and something else wrong: another event, not a near miss
        g, p = gold[gi], preds[pi]
        pair = Pair(g, p, ps, _exact(p, g))
        p_used.add(pi)
        if n_right == 3:
            g_used[gi] = pair
            correct.append(pair)
        else:
            wrong = tuple(k for k in ("kind", "side", "date") if not attrs[k])
            misses[gi] = Miss(g, f"wrong_{wrong[0]}", wrong, p)
        if g.day is not None and attrs["kind"] and attrs["side"]:
            day_found.append(pair)
    # 3. wrong place, 4. not extracted
    for gi, g in enumerate(gold):
        if gi in g_used or gi in misses:
            continue
        best = None
        for pi, p in enumerate(preds):
            if pi in p_used:
                continue
            a = _attrs(p, g)
            if all(a.values()):   # prefer the prediction whose quote names the gold place
                named = any(n.casefold() in p.quote.casefold() for n in g.names)
                key = (not named, _date_gap(p, g), pi)
                if best is None or key < best[0]:
                    best = (key, pi)
        if best is not None:
            p_used.add(best[1])
            misses[gi] = Miss(g, "wrong_place", ("place",), preds[best[1]])
        else:
            misses[gi] = Miss(g, "not_extracted")
    right = {id(pr.pred) for pr in correct}
    return ArticleMatch(
        article=article, correct=tuple(correct),
        misses=tuple(misses[i] for i in sorted(misses)),
        false_positives=tuple(p for p in preds if id(p) not in right),
        predicted=tuple(preds), day_found=tuple(day_found))
