"""The tagger against the hand-labelled sets (tests/fixtures/places/): precision >= 0.95, recall >= 0.92 (issue 18).

`labelled.json` was written while the rules were made (so its figures are not held out); `heldout.json` was
written afterwards by someone who never saw the tagger, and was not used to change it.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from bench import places as bench
from newsarchive import places

TRAPS = ("three_levels", "tan_an", "thanh_hoa", "tan_thanh", "tone_placement", "binh_thanh", "long_an",
         "common_words", "subname")  # fmt: skip


@pytest.mark.parametrize("name", ["labelled.json", "heldout.json"])
def test_precision_and_recall_on_hand_labelled_articles(name):
    path = bench.LABELLED.with_name(name)
    if not path.exists():
        pytest.skip(f"{name} not in this checkout")
    entries = bench.articles(path)
    result = bench.score(entries)
    assert result["precision"] >= 0.95 and result["recall"] >= 0.92, result["wrong"]
    # The set is what the issue asks for: both languages, mostly free prose, every trap at least twice.
    assert len(entries) >= 120
    assert sum(e["kind"] == "free" for e in entries) * 2 >= len(entries)
    assert {e["lang"] for e in entries} == {"vi", "en"}
    traps = Counter(t for e in entries for t in e.get("traps", []))
    assert all(traps[t] >= 2 for t in TRAPS), traps


def test_every_label_is_a_unit_of_the_gazetteer():
    units = places.gazetteer().places
    for name in ("labelled.json", "heldout.json"):
        path = bench.LABELLED.with_name(name)
        if path.exists():
            for entry in json.loads(path.read_text(encoding="utf-8")):
                assert set(entry["places"]) <= set(units), entry["id"]
                assert set(entry["places"].values()) <= {"high", "low"}, entry["id"]
