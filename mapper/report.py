"""report.json: counts, unresolved mentions, warnings, failures and timings.

The report is the place where nothing is silently dropped: every read or
extraction failure, every unresolved mention, every offset conflict and every
undated article is listed here.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from mapper.result import BuildResult


def report_dict(build: BuildResult) -> dict[str, Any]:
    """The report as a plain dict (JSON-ready).

    >>> report_dict(BuildResult())["articles"]
    {'total': 0, 'processed': 0, 'failed': 0, 'undated': 0}
    """
    processed = len(build.results)
    failed = len(build.failures)
    undated = [a.id for a in build.articles if a.published is None]
    events = build.events
    return {
        "articles": {
            "total": processed + failed,
            "processed": processed,
            "failed": failed,
            "undated": len(undated),
        },
        "undated_articles": undated,
        "failures": build.failures,
        "counts": {
            "events": len(events),
            "movements": len(build.movements),
            "places": len(build.places),
            "dates": len(build.dates),
            "events_by_kind": dict(sorted(Counter(e.kind for e in events).items())),
            "events_by_side": dict(sorted(Counter(e.side for e in events).items())),
            "events_without_location": sum(1 for e in events if e.location is None),
            "undated_events": sum(1 for e in events if e.time.start is None and e.time.end is None),
            # every problem is counted (issue 11): warnings by kind, unresolved mentions, failures
            "warnings": len(build.warnings),
            "warnings_by_kind": dict(sorted(Counter(str(w.get("kind") or "other")
                                                    for w in build.warnings).items())),
            "unresolved": len(build.unresolved),
            "failures": failed,
        },
        "events_without_location": [
            {"event": e.id, "article": e.article_id, "place": e.place_name, "quote": e.quote}
            for e in events if e.location is None
        ],
        "control": {
            "ignored_events": list(getattr(build.control, "ignored", []) or []),
            "contradictions": build.contradictions,
            "net_movement": build.net_movement,
        },
        "unresolved": build.unresolved,
        "warnings": build.warnings,
        "dates": build.dates,
        "extraction": build.extraction,
        "timings_s": {k: round(v, 3) for k, v in build.timings_s.items()},
    }


def write_report(build: BuildResult, path: Path) -> Path:
    """Write report.json (UTF-8, indented, keys in a stable order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report_dict(build), indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")
    return path
