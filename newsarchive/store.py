"""The database shape, in one place, and the writes the crawl makes.

`ensure_schema(db)` is idempotent and runs on every open. Articles are keyed by `site:lang:article_id`, a
key that never changes across re-crawls; an article and its images are written in one transaction, so a
crash mid-crawl loses no committed article and leaves no half-written one.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import sqlite_utils

from .normalize import utc_now

DEFAULT_DB = "archive.db"

# One column per scalar key of the `newsarchive extract` record, under the same names.
ARTICLE_COLUMNS: dict[str, Any] = {
    "key": str,
    "site": str,
    "lang": str,
    "article_id": str,
    "url": str,
    "title": str,
    "lead": str,
    "body_text": str,
    "authors": str,  # JSON array of names
    "sources": str,  # JSON array of agencies / source URLs
    "published_at": str,  # ISO 8601, +07:00
    "category": str,
    "subcategory": str,
    "image_count": int,
    "layers": str,  # JSON object: field -> metadata | site | generic | url
    "content_hash": str,
    "first_seen_at": str,  # UTC
    "last_fetched_at": str,  # UTC
    "last_changed_at": str,  # UTC
    "crawl_run_id": int,
}


def article_key(site: str, lang: str, article_id: str) -> str:
    return f"{site}:{lang}:{article_id}"


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the archive in WAL mode with a busy timeout, schema ensured."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 10000")
    db.enable_wal()
    # In WAL mode NORMAL is still crash-safe for the process (a committed article survives a killed crawl);
    # only a power cut can drop the last commits. FULL fsyncs every article and made crawls disk-bound.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index and view the archive needs; a no-op when they exist."""
    db.table("crawl_runs").create(
        {
            "id": int,
            "spider": str,
            "site": str,
            "lang": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running | completed | failed
            "mirror": int,
            "pages": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_unchanged": int,
            "errors": int,
        },
        pk="id",
        not_null={"spider", "started_at", "status"},
        if_not_exists=True,
    )
    db.table("articles").create(
        ARTICLE_COLUMNS,
        pk="key",
        not_null={"site", "lang", "article_id", "url", "title", "body_text"},
        foreign_keys=[("crawl_run_id", "crawl_runs", "id")],
        if_not_exists=True,
    )
    db.table("images").create(
        {"article_key": str, "position": int, "url": str, "caption": str},
        pk=("article_key", "position"),
        not_null={"url"},
        foreign_keys=[("article_key", "articles", "key")],
        if_not_exists=True,
    )
    db.table("crawl_errors").create(
        {
            "id": int,
            "crawl_run_id": int,
            "url": str,
            "stage": str,  # fetch | extract | store
            "reason": str,
            "http_status": int,
            "occurred_at": str,
        },
        pk="id",
        not_null={"url", "stage", "reason", "occurred_at"},
        foreign_keys=[("crawl_run_id", "crawl_runs", "id")],
        if_not_exists=True,
    )
    for table, columns, unique in (
        ("articles", ["site", "lang", "article_id"], True),
        ("articles", ["published_at"], False),
        ("articles", ["category"], False),
        ("articles", ["url"], False),
        ("crawl_errors", ["url"], False),
        ("crawl_errors", ["crawl_run_id"], False),
    ):
        db.table(table).create_index(columns, unique=unique, if_not_exists=True)


def content_hash(record: dict[str, Any]) -> str:
    """Hash of what a reader sees; a change means the article was edited at the source."""
    seen = {
        k: record.get(k)
        for k in ("title", "lead", "body_text", "authors", "sources", "published_at", "images")
    }
    return hashlib.sha256(json.dumps(seen, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def upsert_article(db: sqlite_utils.Database, record: dict[str, Any], run_id: int | None) -> str:
    """Insert or update one article and its images atomically. Returns "new", "updated" or "unchanged"."""
    key = article_key(record["site"], record["lang"], record["article_id"])
    digest = content_hash(record)
    now = utc_now()
    existing = next(db.query("select content_hash, first_seen_at from articles where key = ?", [key]), None)
    if existing and existing["content_hash"] == digest:
        with db.conn:
            db.execute(
                "update articles set last_fetched_at = ?, crawl_run_id = ? where key = ?", [now, run_id, key]
            )
        return "unchanged"
    row = {
        "key": key,
        **{
            k: record.get(k)
            for k in ARTICLE_COLUMNS
            if k in record and k not in ("authors", "sources", "layers")
        },
        "authors": json.dumps(record.get("authors") or [], ensure_ascii=False),
        "sources": json.dumps(record.get("sources") or [], ensure_ascii=False),
        "layers": json.dumps(record.get("layers") or {}, ensure_ascii=False, sort_keys=True),
        "image_count": len(record.get("images") or []),
        "content_hash": digest,
        "first_seen_at": existing["first_seen_at"] if existing else now,
        "last_fetched_at": now,
        "last_changed_at": now,
        "crawl_run_id": run_id,
    }
    images = [
        {"article_key": key, "position": i, "url": image["url"], "caption": image.get("caption")}
        for i, image in enumerate(record.get("images") or [])
    ]
    # Plain SQL: sqlite-utils' upsert/insert_all introspect the table on every call, which cost more than
    # the writes themselves once a crawl stores hundreds of articles a second.
    with db.conn:
        db.conn.execute(_upsert_sql(tuple(row)), list(row.values()))
        db.conn.execute("delete from images where article_key = ?", [key])
        db.conn.executemany(
            "insert into images (article_key, position, url, caption) values (?, ?, ?, ?)",
            [(i["article_key"], i["position"], i["url"], i["caption"]) for i in images],
        )
    return "updated" if existing else "new"


@functools.lru_cache(maxsize=8)
def _upsert_sql(columns: tuple[str, ...]) -> str:
    """Insert-or-update of exactly these columns (others keep their value), like sqlite-utils' upsert."""
    return (
        f"insert into articles ({', '.join(columns)}) values ({', '.join('?' * len(columns))}) "
        "on conflict(key) do update set " + ", ".join(f"{c} = excluded.{c}" for c in columns if c != "key")
    )


def record_error(
    db: sqlite_utils.Database,
    url: str,
    stage: str,
    reason: str,
    run_id: int | None,
    http_status: int | None = None,
) -> None:
    with db.conn:
        db.table("crawl_errors").insert(
            {
                "crawl_run_id": run_id,
                "url": url,
                "stage": stage,
                "reason": reason,
                "http_status": http_status,
                "occurred_at": utc_now(),
            }
        )


def start_run(db: sqlite_utils.Database, spider: str, site: str, lang: str, mirror: bool) -> int:
    with db.conn:
        table = db.table("crawl_runs").insert(
            {
                "spider": spider,
                "site": site,
                "lang": lang,
                "started_at": utc_now(),
                "status": "running",
                "mirror": int(mirror),
                "pages": 0,
                "articles_new": 0,
                "articles_updated": 0,
                "articles_unchanged": 0,
                "errors": 0,
            }
        )
    assert table.last_pk is not None
    return int(table.last_pk)


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, counts: dict[str, int]) -> None:
    with db.conn:
        db.table("crawl_runs").update(run_id, {"finished_at": utc_now(), "status": status, **counts})
