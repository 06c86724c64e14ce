"""Translation pairing: precision and recall on real translations and on the mirror, and its speed at scale.

Three measurements, printed side by side:

* **real world** — ``../shared/realworld/pairs/`` (41 professional English→Vietnamese news translations, no
  dates: all in one window). Some partners are withheld in turn so their texts act as distractors: of every
  three documents, two keep both sides, the third alternately loses its Vietnamese side (an English article
  with no partner) or its English side (a Vietnamese distractor). Skipped with a message when the folder is
  absent; never copied into the repository.
* **mirror** — the bundled mirror's ground truth (``newsarchive/mirror/truth/pairs.json``), paired from the
  truth records as the crawl stores them; then its translated stories, distractors and lone English articles
  alone without their dates (all in one window: content alone).
* **speed** — a synthetic archive of 250,000 articles (built once like bench/search.py, cached in
  bench/.cache/): a full pairing run, its time per 1,000 English articles, and an incremental run after a
  crawl of 200 new articles.

    python bench/pairing.py                    # all three
    python bench/pairing.py --articles 20000   # a smaller archive for the speed part
    python bench/pairing.py --no-speed
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from newsarchive import pairing  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT.parent / "shared" / "realworld" / "pairs" / "ntrex-dev.jsonl"
TRUTH = ROOT / "newsarchive" / "mirror" / "truth"
CACHE = Path(__file__).resolve().parent / ".cache"
TARGETS = {"realworld": (0.95, 0.85), "mirror": (0.97, 0.92)}


def precision_recall(decisions: Sequence[pairing.Decision], truth: Mapping[str, str]) -> tuple[float, float]:
    """Of the pairs made, the share that are right; of the true pairs, the share made."""
    made = {d.en_key: d.vi_key for d in decisions if d.vi_key}
    right = sum(1 for en, vi in made.items() if truth.get(en) == vi)
    precision = right / len(made) if made else 1.0
    recall = right / len(truth) if truth else 1.0
    return precision, recall


def realworld_sets(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
    """English and Vietnamese records of the real pairs, with every third document's one side withheld."""
    english: list[dict[str, Any]] = []
    vietnamese: list[dict[str, Any]] = []
    truth: dict[str, str] = {}
    for i, line in enumerate(path.read_text("utf-8").splitlines()):
        doc = json.loads(line)
        en = {"key": f"en:{doc['doc_id']}", "lang": "en", "site": "real", **doc["en"]}
        vi = {"key": f"vi:{doc['doc_id']}", "lang": "vi", "site": "real", **doc["vi"]}
        for r in (en, vi):
            r["body_text"] = r.pop("text")
        withheld = i % 6 == 2 and "vi" or i % 6 == 5 and "en" or ""
        if withheld != "en":
            english.append(en)
        if withheld != "vi":
            vietnamese.append(vi)
        if not withheld:
            truth[en["key"]] = vi["key"]
    return english, vietnamese, truth


def scored(
    english: list[dict[str, Any]], vietnamese: list[dict[str, Any]], truth: dict[str, str]
) -> dict[str, Any]:
    """Pair the two sets and score the decisions against the true pairs."""
    decisions = pairing.pair(english, vietnamese)
    p, r = precision_recall(decisions, truth)
    return {"precision": p, "recall": r, "english": len(english), "vietnamese": len(vietnamese), "pairs": len(truth)}


def realworld() -> dict[str, Any] | None:
    if not REALWORLD.exists():
        print(f"real world: skipped ({REALWORLD} not found)")
        return None
    return scored(*realworld_sets(REALWORLD))


def mirror_sets(dated: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
    """The mirror's truth records per edition, keyed as the archive keys them, and its true pairs."""
    pairs = json.loads((TRUTH / "pairs.json").read_text("utf-8"))
    english: list[dict[str, Any]] = []
    vietnamese: list[dict[str, Any]] = []
    for name in sorted(TRUTH.glob("*_*.json")):
        data = json.loads(name.read_text("utf-8"))
        for article_id, rec in data["articles"].items():
            row = {
                **rec,
                "key": f"{data['site']}:{data['lang']}:{article_id}",
                "images": [i["url"] for i in rec.get("images") or []],
            }
            if not dated:
                row["published_at"] = None
            (english if data["lang"] == "en" else vietnamese).append(row)
    english = [r for r in english if not pairing.republishes(r)]
    if not dated:
        # The stories alone: the text banks of the other mirror articles share fixed names and sentences
        # across the editions, which only their dates keep apart.
        en_keys = {p["en"] for p in pairs["pairs"]} | {p["en"] for p in pairs["unpartnered_en"]}
        vi_keys = {p["vi"] for p in pairs["pairs"]} | {p["vi"] for p in pairs["distractors_vi"]}
        english = [r for r in english if r["key"] in en_keys]
        vietnamese = [r for r in vietnamese if r["key"] in vi_keys]
    return english, vietnamese, {p["en"]: p["vi"] for p in pairs["pairs"]}


def mirror(dated: bool) -> dict[str, Any] | None:
    if not (TRUTH / "pairs.json").exists():
        print("mirror: skipped (no truth/pairs.json)")
        return None
    return scored(*mirror_sets(dated))


def build_archive(path: Path, count: int, seed: int = 5) -> None:
    """A synthetic archive (3 in 4 Vietnamese) from the mirror's text banks, like bench/search.py's, with one
    English adaptation of a Vietnamese article in ten (its numbers and names carried over)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench.search import build

    build(path, count, seed)


def speed(count: int, rebuild: bool) -> dict[str, Any]:
    import sqlite3

    from newsarchive import store, translations

    CACHE.mkdir(exist_ok=True)
    base = CACHE / f"search-{count}.db"
    if rebuild or not base.exists():
        print(f"building a {count:,}-article archive in {base} …", flush=True)
        build_archive(base, count)
    work = CACHE / f"pairing-{count}.db"
    work.unlink(missing_ok=True)
    src = sqlite3.connect(base)
    dst = sqlite3.connect(work)
    src.backup(dst)
    src.close()
    dst.close()
    db = store.open_db(work)
    n_en = db.execute("select count(*) from articles where lang = 'en'").fetchone()[0]
    started = time.perf_counter()
    summary = translations.run(db)
    full = time.perf_counter() - started
    # an incremental run after a crawl that stored 200 articles: mark the newest as just stored
    newest = [r[0] for r in db.execute("select key from articles order by published_at desc limit 200")]
    stamp = "2999-01-01T00:00:00+00:00"
    with db.conn:
        db.conn.executemany(
            "update articles set first_seen_at = ? where key = ?", [(stamp, k) for k in newest]
        )
    started = time.perf_counter()
    translations.run(db, since=stamp)
    incremental = time.perf_counter() - started
    db.close()
    work.unlink(missing_ok=True)
    return {
        "articles": count,
        "english": n_en,
        "full_s": full,
        "per_1000_en_s": full / n_en * 1000 if n_en else 0.0,
        "incremental_s": incremental,
        "paired": summary.paired,
    }


def _line(name: str, result: Mapping[str, Any] | None, target: tuple[float, float] | None) -> None:
    if result is None:
        return
    verdict = ""
    if target:
        ok = result["precision"] >= target[0] and result["recall"] >= target[1]
        verdict = f"  (target P ≥ {target[0]}, R ≥ {target[1]}: {'met' if ok else 'MISSED'})"
    print(
        f"{name:<22} precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"({result['pairs']} true pairs, {result['english']} EN, {result['vietnamese']} VI){verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=250_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    random.seed(0)
    results: dict[str, Any] = {
        "realworld": realworld(),
        "mirror": mirror(dated=True),
        "mirror_one_window": mirror(dated=False),
    }
    _line("real world (one window)", results["realworld"], TARGETS["realworld"])
    _line("mirror (dated)", results["mirror"], TARGETS["mirror"])
    _line("mirror stories, 1 window", results["mirror_one_window"], None)
    if not args.no_speed:
        s = speed(args.articles, args.rebuild)
        results["speed"] = s
        print(
            f"speed: {s['articles']:,} articles ({s['english']:,} EN): full run {s['full_s']:.1f} s "
            f"({s['per_1000_en_s']:.2f} s per 1,000 EN; target ≤ 600 s), incremental {s['incremental_s']:.2f} s "
            "(target ≤ 10 s)"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
