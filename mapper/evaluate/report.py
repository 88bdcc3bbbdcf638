"""Print an :class:`~mapper.evaluate.EvaluationResult`: a readable table or a JSON dict.

>>> from mapper.evaluate.report import format_share
>>> format_share(0.5), format_share(None)
('0.50', '-')
"""
from __future__ import annotations

from typing import Any, Optional

from mapper.evaluate import EvaluationResult, Scores
from mapper.evaluate.gold import GoldEvent
from mapper.evaluate.match import MISS_CLASSES, Miss
from mapper.evaluate.predicted import PredictedEvent

__all__ = ["format_share", "format_table", "result_dict"]

_SHORT = {"not_extracted": "nx", "wrong_place": "wp", "wrong_side": "ws", "wrong_kind": "wk",
          "wrong_date": "wd"}


def format_share(v: Optional[float]) -> str:
    return "-" if v is None else f"{v:.2f}"


def _row(name: str, s: Scores, width: int) -> str:
    miss = " ".join(f"{s.miss_count(k):>2}" for k in MISS_CLASSES)
    ed = f"{s.exact_day}/{s.day_dated_found}" if s.day_dated_found else "-"
    return (f"{name[:width]:<{width}} {s.gold:>4} {s.predicted:>4} {s.correct_gold:>4} "
            f"{format_share(s.recall):>6} {format_share(s.precision):>6} {ed:>7}  {miss}  {s.leaks:>5}")


def _gold_line(g: GoldEvent) -> str:
    return f"{g.article} {g.kind} {g.side} {g.place!r} {g.when()}"


def _pred_line(p: PredictedEvent) -> str:
    return f"{p.kind} {p.side} {p.place!r} {p.when()}"


def format_table(r: EvaluationResult, *, examples: int = 8) -> str:
    """Per-article rows, overall, misses by class and a few example misses."""
    width = max([len("overall"), *(min(len(a.article), 40) for a in r.articles)])
    head = (f"{'article':<{width}} {'gold':>4} {'pred':>4} {'ok':>4} {'recall':>6} {'prec':>6} "
            f"{'exact':>7}  " + " ".join(f"{_SHORT[k]:>2}" for k in MISS_CLASSES) + "  leaks")
    lines = [f"gold {r.gold_path}  vs  {r.events_path}", head, "-" * len(head)]
    lines += [_row(a.article, a.scores, width) for a in r.articles]
    lines += ["-" * len(head), _row("overall", r.overall, width), ""]
    o = r.overall
    lines.append("misses by class: " + ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in o.misses))
    lines.append(f"recall {format_share(o.recall)} ({o.correct_gold}/{o.gold} gold events right), "
                 f"precision {format_share(o.precision)} ({o.correct_predicted}/{o.predicted} "
                 f"predicted territorial events right), exact day {format_share(o.exact_day_share)} "
                 f"({o.exact_day}/{o.day_dated_found} day-dated events found)")
    lines.append("columns: ok = correct (place, kind, side, date); exact = on the exact day / "
                 "day-dated found; nx not extracted, wp wrong place, ws wrong side, wk wrong kind, "
                 "wd wrong date")
    misses: list[Miss] = list(r.misses)
    if misses and examples:
        lines += ["", "example misses:"]
        # round-robin over classes so every class shows up
        picked: list[Miss] = []
        queues = {k: [m for m in misses if m.klass == k] for k in MISS_CLASSES}
        while len(picked) < examples and any(queues.values()):
            for k in MISS_CLASSES:
                if queues[k] and len(picked) < examples:
                    picked.append(queues[k].pop(0))
        for m in picked:
            got = f" -> predicted {_pred_line(m.pred)}" if m.pred is not None else ""
            lines.append(f"  [{m.klass.replace('_', ' ')}] {_gold_line(m.gold)}{got}")
            if m.gold.quote:
                lines.append(f"      gold quote: {m.gold.quote[:110]!r}")
    if r.leaks:
        lines += ["", "not-events leaked:"]
        for lk in r.leaks[:examples]:
            lines.append(f"  {lk.not_event.article}: {lk.not_event.text!r} ({lk.not_event.why}) "
                         f"-> {_pred_line(lk.pred)}")
    for w in r.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines)


def _scores_dict(s: Scores) -> dict[str, Any]:
    return {"gold": s.gold, "predicted": s.predicted, "correct_gold": s.correct_gold,
            "correct_predicted": s.correct_predicted, "recall": s.recall, "precision": s.precision,
            "day_dated_found": s.day_dated_found, "exact_day": s.exact_day,
            "exact_day_share": s.exact_day_share, "misses": dict(s.misses), "leaks": s.leaks}


def _gold_dict(g: GoldEvent) -> dict[str, Any]:
    return {"index": g.index, "article": g.article, "kind": g.kind, "side": g.side, "place": g.place,
            "date_start": g.start.isoformat() if g.start else None,
            "date_end": g.end.isoformat() if g.end else None, "date_precision": g.date_precision,
            "quote": g.quote}


def _pred_dict(p: Optional[PredictedEvent]) -> Optional[dict[str, Any]]:
    if p is None:
        return None
    return {"id": p.id, "article": p.article, "kind": p.kind, "side": p.side, "place": p.place,
            "lat": p.lat, "lon": p.lon, "date_start": p.start.isoformat() if p.start else None,
            "date_end": p.end.isoformat() if p.end else None, "date_precision": p.precision,
            "quote": p.quote, "fused_from": p.fused_from or None}


def result_dict(r: EvaluationResult) -> dict[str, Any]:
    """A JSON-ready dict: gold, events, overall, articles[], misses[], false_positives[], leaks[]."""
    return {
        "gold": r.gold_path, "events": r.events_path, "overall": _scores_dict(r.overall),
        "articles": [{"article": a.article, **_scores_dict(a.scores)} for a in r.articles],
        "misses": [{"class": m.klass, "wrong": list(m.wrong), "gold": _gold_dict(m.gold),
                    "predicted": _pred_dict(m.pred)} for m in r.misses],
        "false_positives": [_pred_dict(p) for a in r.articles for p in a.match.false_positives],
        "leaks": [{"article": lk.not_event.article, "text": lk.not_event.text, "why": lk.not_event.why,
                   "predicted": _pred_dict(lk.pred)} for lk in r.leaks],
        "warnings": list(r.warnings),
    }
