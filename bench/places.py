"""Place tagging: precision and recall on the hand-labelled set, and tagging speed.

The labelled set (`tests/fixtures/places/labelled.json`, labels written by hand for issue 18) holds free prose
written for it in both languages (some to be read in NFD) and articles of the mirror (their text read from the
truth files). A label is (article, unit key); precision and recall count every label, high or low confidence,
and a separate figure says how often the confidence (high: the article is about it; low: a name inside another
name) agrees. Speed is articles/s over the mirror's articles and the labelled prose, repeated, and the time a
250,000-article archive would take at that rate (target: >= 500 articles/s, <= 10 minutes).

    .venv/bin/python bench/places.py
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarchive import places  # noqa: E402

LABELLED = ROOT / "tests" / "fixtures" / "places" / "labelled.json"
TRUTH = ROOT / "newsarchive" / "mirror" / "truth"
TARGETS = {"precision": 0.95, "recall": 0.92, "articles_per_s": 500}


def _truth(site: str, lang: str) -> dict[str, Any]:
    return json.loads((TRUTH / f"{site}_{lang}.json").read_text(encoding="utf-8"))["articles"]


def articles(path: Path = LABELLED) -> list[dict[str, Any]]:
    """A labelled set, each entry with its text (title, lead, body), date and labels."""
    out = []
    truths: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in json.loads(path.read_text(encoding="utf-8")):
        if entry["kind"] == "mirror":
            pair = (entry["site"], entry["lang"])
            truth = truths.setdefault(pair, _truth(*pair))[entry["article_id"]]
            text = {"title": truth["title"], "lead": truth.get("lead"), "body": truth["body_text"]}
            dates = {"published_at": truth.get("published_at"), "fetched_at": None}
        else:
            text = {k: entry.get(k) for k in ("title", "lead", "body")}
            if entry.get("form") == "nfd":
                text = {k: v and unicodedata.normalize("NFD", v) for k, v in text.items()}
            dates = {"published_at": entry.get("published_at"), "fetched_at": entry.get("fetched_at")}
        out.append({**entry, **text, **dates})
    return out


def tag(entry: dict[str, Any]) -> dict[str, places.Tag]:
    return places.tag(
        entry["title"], entry["lead"], entry["body"], entry["published_at"], entry["fetched_at"]
    )


def score(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro precision and recall over (article, unit) labels; the misses and false finds, by trap."""
    tp = fp = fn = agree = 0
    wrong: list[dict[str, Any]] = []
    by_trap: Counter[str] = Counter()
    for entry in entries:
        found = tag(entry)
        labels = entry["places"]
        hit = set(found) & set(labels)
        tp += len(hit)
        fp += len(set(found) - set(labels))
        fn += len(set(labels) - set(found))
        agree += sum((found[k].confidence >= places.HIGH) == (labels[k] == "high") for k in hit)
        if set(found) != set(labels):
            for trap in entry.get("traps", []):
                by_trap[trap] += 1
            wrong.append(
                {
                    "id": entry["id"],
                    "extra": sorted(set(found) - set(labels)),
                    "missed": sorted(set(labels) - set(found)),
                }
            )
    return {
        "articles": len(entries),
        "labels": tp + fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "confidence_agreement": agree / tp if tp else 1.0,
        "wrong": wrong,
        "wrong_by_trap": dict(by_trap),
    }


def speed(entries: list[dict[str, Any]], seconds: float = 3.0) -> float:
    """Articles tagged per second over the mirror's articles and the labelled prose."""
    texts = list(entries)
    for path in sorted(TRUTH.glob("*_*.json")):
        if path.name.count("_") and path.stem != "pairs":
            for article in json.loads(path.read_text(encoding="utf-8"))["articles"].values():
                texts.append(
                    {
                        "title": article["title"],
                        "lead": article.get("lead"),
                        "body": article["body_text"],
                        "published_at": article.get("published_at"),
                        "fetched_at": None,
                    }  # fmt: skip
                )
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for entry in texts:
            tag(entry)
        done += len(texts)
    return done / (time.perf_counter() - started)


def main() -> None:
    entries: list[dict[str, Any]] = []
    for name, about in (
        ("labelled.json", "written while the rules were made"),
        ("heldout.json", "written later, never used to change the rules"),
    ):
        path = LABELLED.with_name(name)
        if not path.exists():
            continue
        these = articles(path)
        entries += these
        result = score(these)
        kinds = dict(Counter(e["kind"] for e in these))
        langs = dict(Counter(e["lang"] for e in these))
        print(f"{name} ({about}): {result['articles']} articles ({kinds}; {langs}), {result['labels']} labels")
        print(f"  precision {result['precision']:.3f} (target >= {TARGETS['precision']})")
        print(f"  recall    {result['recall']:.3f} (target >= {TARGETS['recall']})")
        print(f"  confidence agrees on {result['confidence_agreement']:.3f} of the units found")
        if result["wrong"]:
            print(f"  not tagged exactly as labelled: {len(result['wrong'])}; by trap: {result['wrong_by_trap']}")
    rate = speed(entries)
    print(f"speed {rate:.0f} articles/s (target >= {TARGETS['articles_per_s']}); "
          f"250,000 articles in {250_000 / rate / 60:.1f} min (target <= 10)")  # fmt: skip


if __name__ == "__main__":
    main()
