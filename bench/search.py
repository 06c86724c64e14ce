"""Search and table-page speed at archive scale: Datasette (the project's settings) vs a LIKE scan in sqlite3.

Builds (once, cached) a synthetic archive of 250,000 articles from the mirror's Vietnamese and English text
templates (realistic lengths: a title, a lead, 6-14 paragraphs), then times through Datasette's JSON API a
fixed query set in two groups — rare terms (names seen in a handful of articles) and common phrases — next to
a LIKE scan of the same data timed directly in sqlite3 in the same run, and the faceted article table page.

    python bench/search.py                  # 250,000 articles, cached in bench/.cache/
    python bench/search.py --articles 20000 --rebuild
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from mirrorgen import baolongan_texts_en, baolongan_texts_vi  # noqa: E402
from newsarchive import article_places, people, search, store  # noqa: E402
from newsarchive.datasette_app import make_datasette  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
RARE_NAMES = ["Nguyễn Văn Thưởng", "Lê Thị Diệu Hiền", "xã Long Hựu Đông", "xã Mỹ Lệ"]
RARE_QUERIES = ["Nguyễn Văn Thưởng", "nguyen van thuong", "Long Hựu Đông", "long huu dong", "My Le"]
COMMON_QUERIES = ["can duoc", "Cần Đước", "phong trào thi đua", "thi dua", "Long An"]
TARGETS_MS = {"rare": 50, "common": 250, "table": 1000}
# The search page (/search: ranked results, five facets, the attention series and its chart, in HTML).
PAGE_TARGETS_MS = {"rare": 60, "common": 300}
RELEVANCE_VS_NEWEST = 1.5  # relevance order may cost at most this much more than newest first
# The article table page (HTML, five facets and the two place facets): whole, one edition, a date range, one
# year, one district (its communes' articles too), one 2025 commune (its predecessors' too).
TABLE_PAGES = [
    {},
    {"lang": "en"},
    {"published_at__gte": "2020-01-01"},
    {"year": "2019"},
    {"_place": "2024-806"},
    {"_place": "2025-28144"},
]
TAG_TARGET_MIN = 10  # tag-places over the whole synthetic archive
# Other pages a researcher opens, timed for information (no target of their own): the chart and canned queries.
OTHER_PAGES = [
    ("/coverage", {}),
    ("/archive/search.json", {"q": "can duoc"}),
    ("/search.json", {"q": "can duoc"}),
    ("/archive/articles_per_month.json", {}),
    ("/archive/author_articles.json", {"author": "Huỳnh Hương"}),
    ("/archive/author_articles.json", {"author": "huynh huong"}),
    ("/archive/articles", {"_person": "huynh huong"}),
    ("/people", {}),
    ("/places", {}),
    ("/place/2025-28144", {}),
    ("/search.json", {"q": "can duoc", "place": "2024-806"}),
    ("/archive/articles_per_district_per_year.json", {}),
]


def _fill(template: str, rng: random.Random, places: list[tuple[str, str]], year: int) -> str:
    place, dv = rng.choice(places)
    values = defaultdict(lambda: str(rng.randint(2, 90)), place=place, dv=dv, year=str(year))
    return template.format_map(values)


def build(path: Path, count: int, seed: int = 3) -> float:
    """Write `count` articles (3 in 4 Vietnamese) through the real schema, triggers and folding, then tag their
    places as `newsarchive tag-places` does; the seconds tagging took."""
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    db = store.open_db(path)
    rare_at = {rng.randrange(count): name for name in RARE_NAMES for _ in range(5)}
    columns = ["key", "site", "lang", "article_id", "url", "title", "lead", "body_text", "authors", "sources",
               "published_at", "category", "image_count", "title_folded", "lead_folded", "body_text_folded"]  # fmt: skip
    insert = f"insert into articles ({', '.join(columns)}) values ({', '.join('?' * len(columns))})"
    batch = []
    started = time.perf_counter()
    for i in range(count):
        texts = baolongan_texts_vi if rng.random() < 0.75 else baolongan_texts_en
        lang = "vi" if texts is baolongan_texts_vi else "en"
        topic = rng.choice(list(texts.TOPICS))
        parts = texts.TOPICS[topic]
        year = 2015 + i * 11 // count
        paragraphs = [
            _fill(rng.choice(parts["paras"]), rng, texts.PLACES, year) for _ in range(rng.randint(6, 14))
        ]
        if i in rare_at:
            paragraphs.insert(rng.randrange(len(paragraphs)), f"Ông {rare_at[i]} cho biết thêm về kết quả.")
        record = {
            "title": _fill(rng.choice(parts["titles"]), rng, texts.PLACES, year),
            "lead": _fill(rng.choice(parts["leads"]), rng, texts.PLACES, year),
            "body_text": "\n\n".join(paragraphs),
        }
        month, day = 1 + (i * 132 // count) % 12, rng.randint(1, 28)
        article_id = str(8000 + i)
        batch.append([
            f"baolongan:{lang}:{article_id}", "baolongan", lang, article_id,
            f"https://baolongan.vn/x-a{article_id}.html", record["title"], record["lead"], record["body_text"],
            json.dumps([rng.choice(texts.AUTHORS)], ensure_ascii=False), "[]",
            f"{year}-{month:02d}-{day:02d}T{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d}:00+07:00",
            topic, 1, *search.folded_columns(record).values(),
        ])  # fmt: skip
        if len(batch) == 5000:
            with db.conn:
                db.conn.executemany(insert, batch)
            batch = []
            print(f"\r  built {i + 1:,}/{count:,} articles", end="", file=sys.stderr, flush=True)
    with db.conn:
        db.conn.executemany(insert, batch)
        people.rebuild(db)  # as migration m006_people fills an archive written without the store
    print(f"\r  built {count:,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    tagging = time.perf_counter()
    for done in article_places.tag_pending(db):
        print(f"\r  tagged places of {done:,}/{count:,} articles", end="", file=sys.stderr, flush=True)
    tagged = time.perf_counter() - tagging
    print(f"\r  tagged places of {count:,} articles in {tagged:.0f} s", file=sys.stderr)
    db.execute("insert into articles_fts(articles_fts) values ('optimize')")
    db.execute("analyze")
    db.close()
    (path.parent / f"{path.name}.tagging").write_text(f"{tagged:.1f}")
    return tagged


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


Timings = dict[str, list[float]]


def time_datasette(path: Path, repeat: int) -> tuple[Timings, list[float], dict[str, int], Timings, Timings]:
    ds = make_datasette(path)
    loop = asyncio.new_event_loop()
    loop.run_until_complete(ds.invoke_startup())

    def get(url: str, params: dict[str, str] | None = None) -> tuple[float, object]:
        started = time.perf_counter()
        response = loop.run_until_complete(ds.client.get(url, params=params))
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, params, response.status_code)
        return elapsed, response

    times: dict[str, list[float]] = {"rare": [], "common": []}
    hits: dict[str, int] = {}
    for group, queries in (("rare", RARE_QUERIES), ("common", COMMON_QUERIES)):
        for query in queries:
            get("/archive/articles.json", {"_search": query})  # warm the page cache
            for _ in range(repeat):
                elapsed, response = get("/archive/articles.json", {"_search": query})
                times[group].append(elapsed)
            hits[query] = response.json()["filtered_table_rows_count"]  # type: ignore[attr-defined]
    page: Timings = {}
    for group, queries in (("rare", RARE_QUERIES), ("common", COMMON_QUERIES)):
        for sort in ("relevance", "newest"):
            page[f"{group} {sort}"] = []
            for query in queries:
                get("/search", {"q": query, "sort": sort})
                for _ in range(repeat):
                    elapsed, response = get("/search", {"q": query, "sort": sort})
                    assert "search-results" in response.text  # type: ignore[attr-defined]
                    page[f"{group} {sort}"].append(elapsed)
    table = []
    for params in TABLE_PAGES:
        get("/archive/articles", params)
        for _ in range(repeat):
            elapsed, response = get("/archive/articles", params)
            assert "facet-info" in response.text  # type: ignore[attr-defined]
            table.append(elapsed)
    others: dict[str, list[float]] = {}
    for path, params in OTHER_PAGES:
        label = path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
        get(path, params)
        others[label] = [get(path, params)[0] for _ in range(repeat)]
    loop.close()
    return times, table, hits, others, page


def time_like(path: Path) -> dict[str, list[float]]:
    """The same queries as LIKE scans over stored and folded text (case-insensitive for ASCII only)."""
    conn = sqlite3.connect(path)
    columns = [*search.TEXT_COLUMNS, *search.FOLDED_COLUMNS.values()]
    times: dict[str, list[float]] = {"rare": [], "common": []}
    for group, queries in (("rare", RARE_QUERIES), ("common", COMMON_QUERIES)):
        for query in queries:
            started = time.perf_counter()
            conn.execute(
                f"select count(*) from articles where {' or '.join(f'{c} like ?' for c in columns)}",
                [f"%{query}%"] * len(columns),
            ).fetchone()
            times[group].append((time.perf_counter() - started) * 1000)
    conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs per query (after one warm-up).")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the cached synthetic archive.")
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"search-places-{args.articles}.db"  # with places (issue 18): older caches are not reused
    if args.rebuild or not path.exists():
        build(path, args.articles)
    print(f"archive: {args.articles:,} articles, {path.stat().st_size / 1e6:.0f} MB ({path})")
    tagged = float((path.parent / f"{path.name}.tagging").read_text())
    areas = sqlite3.connect(path).execute("select count(*) from article_areas").fetchone()[0]
    verdict = "ok" if tagged / 60 * 250_000 / args.articles <= TAG_TARGET_MIN else "MISSED"
    print(f"tag-places: {args.articles:,} articles in {tagged:.0f} s ({args.articles / tagged:.0f} articles/s, "
          f"{areas:,} place-facet rows; 250,000 in {tagged / 60 * 250_000 / args.articles:.1f} min, "
          f"target <= {TAG_TARGET_MIN} min) {verdict}")  # fmt: skip
    fts, table, hits, others, page = time_datasette(path, args.repeat)
    like = time_like(path)
    print(f"hits per query: {json.dumps(hits, ensure_ascii=False)}")
    print(
        f"{'group':8} {'FTS p50':>9} {'FTS p95':>9} {'LIKE p50':>9} {'LIKE p95':>9} {'LIKE/FTS p50':>13} target"
    )
    for group in ("rare", "common"):
        f50, f95 = percentile(fts[group], 50), percentile(fts[group], 95)
        l50, l95 = percentile(like[group], 50), percentile(like[group], 95)
        verdict = "ok" if f95 <= TARGETS_MS[group] else "MISSED"
        print(f"{group:8} {f50:7.1f}ms {f95:7.1f}ms {l50:7.0f}ms {l95:7.0f}ms {l50 / f50:12.1f}x "
              f"p95 <= {TARGETS_MS[group]} ms {verdict}")  # fmt: skip
    t50, t95 = statistics.median(table), percentile(table, 95)
    verdict = "ok" if t95 <= TARGETS_MS["table"] else "MISSED"
    print(f"faceted table page /archive/articles with place facets (whole, lang=en, since 2020, year=2019, "
          f"a district, a 2025 commune): p50 {t50:.0f} ms, p95 {t95:.0f} ms "
          f"(target <= {TARGETS_MS['table']} ms) {verdict}")  # fmt: skip
    for group in ("rare", "common"):
        ranked, newest = page[f"{group} relevance"], page[f"{group} newest"]
        r95, n95 = percentile(ranked, 95), percentile(newest, 95)
        ratio = statistics.median(ranked) / statistics.median(newest)
        verdict = "ok" if r95 <= PAGE_TARGETS_MS[group] and ratio <= RELEVANCE_VS_NEWEST else "MISSED"
        print(f"search page /search ({group}: results, facets, attention): relevance p50 {statistics.median(ranked):.0f} ms "
              f"p95 {r95:.0f} ms, newest first p50 {statistics.median(newest):.0f} ms p95 {n95:.0f} ms, "
              f"relevance/newest p50 {ratio:.2f}x (targets p95 <= {PAGE_TARGETS_MS[group]} ms, "
              f"<= {RELEVANCE_VS_NEWEST}x) {verdict}")  # fmt: skip
    for label, values in others.items():
        print(f"{label}: p50 {statistics.median(values):.0f} ms, p95 {percentile(values, 95):.0f} ms")


if __name__ == "__main__":
    main()
