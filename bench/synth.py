"""Synthetic corpora for the scale benchmarks, made from the FA-KES rows.

- :func:`repeated_corpus` — ``n`` rows of fakes.csv repeated in order with new
  ids (``synth-000001`` ...) and publication dates spread evenly and
  deterministically over 2015-01-01 .. 2018-12-31 (the ``date`` column, ISO);
  the text is unchanged. Used for the 2,000 / 20,000-article build ratio of
  issue 13 item 2 and the 100,000-article extraction rate.
- :func:`rotated_copies` — ``copies`` copies of the corpus, each copy's
  sentences rotated by its copy number (FA-KES articles are one paragraph each,
  so a sentence is the unit rotated), with new ids, so that no per-article cache
  can replay an earlier copy (the marginal-rate measure of issue 13 item 1).

Both write a CSV with the columns of fakes.csv (utf-8) and return its path.

>>> import tempfile, pathlib                                   # doctest: +SKIP
>>> repeated_corpus(2000, pathlib.Path(tempfile.mkdtemp()) / "c.csv")   # doctest: +SKIP
"""
from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

FAKES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fakes.csv"
#: first and last publication day of the synthetic corpora (inclusive)
SPAN = (date(2015, 1, 1), date(2018, 12, 31))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def fakes_rows(path: Optional[Path] = None) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows) of fakes.csv (latin-1, the way it is stored)."""
    csv.field_size_limit(10**9)
    with open(path or FAKES, encoding="latin-1", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)
    return path


def spread_date(i: int, n: int) -> date:
    """The i-th of n publication days spread evenly over :data:`SPAN`.

    >>> spread_date(0, 10), spread_date(9, 10)
    (datetime.date(2015, 1, 1), datetime.date(2018, 8, 7))
    """
    days = (SPAN[1] - SPAN[0]).days + 1
    return SPAN[0] + timedelta(days=(i * days) // max(n, 1))


def repeated_corpus(n: int, path: Path, source: Optional[Path] = None) -> Path:
    """Write ``n`` fakes rows (repeated in order) with new ids and spread dates."""
    header, rows = fakes_rows(source)
    out = []
    for i in range(n):
        row = dict(rows[i % len(rows)])
        row["unit_id"] = f"synth-{i + 1:06d}"
        row["date"] = spread_date(i, n).isoformat()
        out.append(row)
    return _write(path, header, out)


def rotate_sentences(text: str, k: int) -> str:
    """The text with its sentences rotated left by ``k`` (k=0: unchanged).

    >>> rotate_sentences("A b. C d. E f.", 1)
    'C d. E f. A b.'
    """
    parts = _SENTENCE_END.split(text)
    if len(parts) < 2 or k % len(parts) == 0:
        return text
    k %= len(parts)
    return " ".join(parts[k:] + parts[:k])


def rotated_copies(copies: int, path: Path, source: Optional[Path] = None) -> Path:
    """Write ``copies`` copies of the corpus, copy c's sentences rotated by c, new ids."""
    header, rows = fakes_rows(source)
    out = []
    for c in range(copies):
        for r in rows:
            row = dict(r)
            row["unit_id"] = f"rot{c}-{r['unit_id']}"
            row["article_content"] = rotate_sentences(r["article_content"], c)
            out.append(row)
    return _write(path, header, out)


if __name__ == "__main__":   # python bench/synth.py N OUT.csv
    import sys

    print(repeated_corpus(int(sys.argv[1]), Path(sys.argv[2])))
