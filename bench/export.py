"""Benchmark: `newsarchive export` to JSONL over a generated archive vs a bare sqlite3 cursor loop.

Generates an archive of N articles (default 250,000) straight into SQLite with sqlite-utils through
`store.ensure_schema` (Vietnamese and English text from the mirror's text banks, realistic lengths, 0–4
captioned images each, dates 2015–2025), then runs, each in its own process so peak RSS is its own:

- baseline: `for row in conn.execute("select * from articles")`, one `json.dumps(row)` line per row;
- export:   `python -m newsarchive export --db ARCHIVE -o OUT` (the real CLI, progress bar included).

Prints records/s and peak RSS of both and the ratio. Targets: export ≥ 0.5× the loop's rate, peak RSS ≤ 150 MB.

    python bench/export.py                 # 250,000 articles (~1 GB of temporary files, a few minutes)
    python bench/export.py --articles 20000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

RATE_TARGET = 0.5
RSS_TARGET_MB = 150


def _fill(template: str, rng: random.Random, places: list[tuple[str, str]]) -> str:
    place, dv = rng.choice(places)
    return template.format(
        place=place, dv=dv, year=rng.randint(2015, 2025), n=rng.randint(2, 90), pct=f"{rng.randint(1, 99)},5"
    )


def generate_articles(n: int, seed: int = 7) -> Iterator[tuple[dict, list[dict]]]:
    """(article row, image rows) in crawl order, not key order: ids are shuffled like a real crawl's."""
    from mirrorgen import baolongan_texts_en, baolongan_texts_vi
    from newsarchive import store
    from newsarchive.normalize import VN_TZ, slugify

    rng = random.Random(seed)
    start = datetime(2015, 1, 1, tzinfo=VN_TZ)
    ids = rng.sample(range(1000, 1000 + 2 * n), n)
    for i, aid in enumerate(ids):
        texts = baolongan_texts_vi if i % 5 < 3 else baolongan_texts_en
        lang = "vi" if texts is baolongan_texts_vi else "en"
        topic_name, topic = rng.choice(list(texts.TOPICS.items()))
        title = _fill(rng.choice(topic["titles"]), rng, texts.PLACES)
        paras = [_fill(rng.choice(topic["paras"]), rng, texts.PLACES) for _ in range(rng.randint(4, 14))]
        key = store.article_key("baolongan", lang, str(aid))
        published = start + timedelta(minutes=rng.randint(0, 11 * 365 * 24 * 60))
        changed = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=i)
        host = "baolongan.vn" if lang == "vi" else "news.baolongan.vn"
        images = [
            {
                "article_key": key,
                "position": p,
                "url": f"https://www.baolongan.vn/image/news/{published:%Y/%Y%m%d}/images/{rng.choice(texts.IMAGE_WORDS)} ({p}).jpg",
                "caption": _fill(rng.choice(topic["titles"]), rng, texts.PLACES) if p % 3 != 2 else None,
            }
            for p in range(rng.choice((0, 1, 1, 2, 2, 3, 4)))
        ]
        row = {
            "key": key,
            "site": "baolongan",
            "lang": lang,
            "article_id": str(aid),
            "url": f"https://{host}/{slugify(title)}-a{aid}.html",
            "title": title,
            "lead": _fill(rng.choice(topic["leads"]), rng, texts.PLACES),
            "body_text": "\n\n".join(paras),
            "authors": json.dumps([rng.choice(texts.AUTHORS)], ensure_ascii=False),
            "sources": json.dumps([], ensure_ascii=False),
            "published_at": published.isoformat(),
            "category": topic_name,
            "subcategory": None,
            "image_count": len(images),
            "layers": json.dumps({"title": "site", "body_text": "site"}),
            "content_hash": f"{aid:064x}",
            "first_seen_at": changed.isoformat(),
            "last_fetched_at": changed.isoformat(),
            "last_changed_at": changed.isoformat(),
            "crawl_run_id": None,
        }
        yield row, images


def build_archive(path: Path, n: int) -> None:
    import sqlite_utils

    from newsarchive import store

    db = sqlite_utils.Database(path)
    db.execute("PRAGMA synchronous = OFF")
    store.ensure_schema(db)
    articles, images = db.table("articles"), db.table("images")
    batch: list[tuple[dict, list[dict]]] = []
    with db.conn:
        for item in generate_articles(n):
            batch.append(item)
            if len(batch) == 2000:
                articles.insert_all((a for a, _ in batch), batch_size=2000)
                images.insert_all((img for _, imgs in batch for img in imgs), batch_size=2000)
                batch.clear()
        articles.insert_all((a for a, _ in batch), batch_size=2000)
        images.insert_all((img for _, imgs in batch for img in imgs), batch_size=2000)
    db.close()


# The bare loop the export is compared with: every article row as one JSON line, nothing else imported.
BASELINE = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row in conn.execute("select * from articles"):
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\\n")
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, not by Popen
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return seconds, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=250_000)
    parser.add_argument("--generate", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        sys.path.insert(0, str(REPO))
        build_archive(Path(args.generate), args.articles)
        return
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        db_path = Path(tmp) / "archive.db"
        started = time.perf_counter()
        # In a child: this process stays small, since a child's peak RSS counts the pages it was forked from.
        generate = [sys.executable, __file__, "--generate", str(db_path), "--articles", str(args.articles)]
        subprocess.run(generate, check=True)
        print(
            f"generated {args.articles:,} articles in {time.perf_counter() - started:.0f} s "
            f"({db_path.stat().st_size / 1e6:,.0f} MB)"
        )
        runs = {
            "sqlite3 cursor loop": [sys.executable, "-c", BASELINE, str(db_path), f"{tmp}/loop.jsonl"],
            "newsarchive export": [
                sys.executable, "-m", "newsarchive", "export", "--db", str(db_path), "-o", f"{tmp}/export.jsonl",
            ],
        }  # fmt: skip
        rates = {}
        rss = {}
        for name, command in runs.items():
            seconds, rss[name] = measure(command)
            rates[name] = args.articles / seconds
            out = Path(command[-1])
            print(
                f"{name:>20}: {rates[name]:9,.0f} records/s  {seconds:6.1f} s  peak RSS {rss[name]:6.1f} MB  "
                f"output {out.stat().st_size / 1e6:,.0f} MB"
            )
            out.unlink()
        ratio = rates["newsarchive export"] / rates["sqlite3 cursor loop"]
        peak = rss["newsarchive export"]
        print(
            f"export / loop rate: {ratio:.2f}× (target ≥ {RATE_TARGET}×)  {'ok' if ratio >= RATE_TARGET else 'MISSED'}"
        )
        print(
            f"export peak RSS: {peak:.1f} MB (target ≤ {RSS_TARGET_MB} MB)  {'ok' if peak <= RSS_TARGET_MB else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
