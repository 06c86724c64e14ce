"""Extraction on pages whose markup the extractor was not written against (tests/fixtures/heldout).

A per-field accuracy gate in the spirit of trafilatura's evaluation: the floors only ever go up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarchive import record
from newsarchive.extract import NotAnArticle, extract_article

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
CASES = sorted(p.with_suffix("") for p in HELDOUT.glob("*.json"))
# Every field of the record a reader sees; a case scores the fields it labels.
FIELDS = tuple(s.name for s in record.ARTICLE if s.field.export)
FLOORS = {field: 1.0 for field in FIELDS}


def _outcome(case: Path) -> tuple[dict, dict | None]:
    want = json.loads(case.with_suffix(".json").read_text("utf-8"))
    html = case.with_suffix(".html").read_bytes()
    try:
        got = extract_article(html, want.get("url") or "https://baolongan.vn/x-a1.html")
    except NotAnArticle:
        got = None
    return want, got


def test_corpus_present():
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", [c for c in CASES], ids=[c.name for c in CASES])
def test_articles_recognised(case):
    want, got = _outcome(case)
    assert (got is None) == bool(want.get("not_article"))


def test_field_accuracy_floors():
    scores = {field: [0, 0] for field in FIELDS}
    misses = []
    for case in CASES:
        want, got = _outcome(case)
        if want.get("not_article") or got is None:
            continue
        for field in FIELDS:
            if field not in want:
                continue
            scores[field][1] += 1
            if got.get(field) == want[field]:
                scores[field][0] += 1
            else:
                misses.append((case.name, field, got.get(field), want[field]))
    accuracy = {f: ok / n for f, (ok, n) in scores.items() if n}
    failing = {f: a for f, a in accuracy.items() if a < FLOORS[f]}
    assert not failing, (failing, misses)
