"""Re-run extraction and normalization over stored captures, with no network: the archive rebuilt from its WARC.

The latest successful capture of each article URL goes through the same `extract_article` as the crawl and
the same store functions, so a reparse and a crawl of the same bytes give the same rows. An unreadable WARC
file (missing, truncated, corrupt) is reported and skipped; the rest goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from tqdm import tqdm

from . import batch, sites, store
from .captures import CaptureReader, CaptureUnreadable
from .extract import NotAnArticle, extract_article


@dataclass
class ReparseReport:
    captures: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # new | updated | refreshed | unchanged
    not_articles: int = 0
    unreadable: dict[str, list[str]] = field(default_factory=dict)  # WARC file -> reasons

    @property
    def changed(self) -> int:
        """Articles whose content changed (or that were missing): the ones a revision is recorded for."""
        return self.outcomes["new"] + self.outcomes["updated"]


def parse_since(value: str) -> str:
    """A date or ISO 8601 time (naive = UTC) → the UTC form `captures.fetched_at` is compared in."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def is_article_url(url: str) -> bool:
    profile = sites.profile_for(url)
    return profile is not None and profile.canonical_article_url(url) is not None


def article_captures(db: sqlite_utils.Database, since: str | None = None) -> list[dict[str, Any]]:
    """The latest successful HTML capture of every article URL (fetched at or after `since`), oldest first."""
    where = "http_status = 200 and (content_type is null or content_type like '%html%')"
    params: list[Any] = []
    if since:
        where += " and fetched_at >= ?"
        params.append(since)
    rows = db.query(
        "select c.* from captures c join"
        f" (select max(id) as id from captures where {where} group by url) latest on c.id = latest.id"
        " order by c.id",
        params,
    )
    return [row for row in rows if is_article_url(row["url"])]


def reparse(
    db: sqlite_utils.Database,
    directory: Path,
    since: str | None = None,
    progress: bool = False,
) -> ReparseReport:
    """Re-extract every article from its latest capture; returns what changed and which files failed."""
    # Each article is an atomic unit; commits are grouped as a crawl's are (batch.py), and what is done is
    # committed even when the run is interrupted.
    db.execute("PRAGMA synchronous = NORMAL")
    grouped = batch.Batch(db)
    report = ReparseReport()
    reader = CaptureReader(db, directory)
    targets: Iterable[dict[str, Any]] = article_captures(db, since)
    bar = tqdm(targets, desc="reparse", unit=" captures", disable=not progress, mininterval=0.5)
    try:
        for capture in bar:
            report.captures += 1
            try:
                stored = reader.read(capture)
            except CaptureUnreadable as exc:
                report.unreadable.setdefault(exc.warc_file, []).append(f"{capture['url']}: {exc.reason}")
                continue
            try:
                record = extract_article(stored.body, capture["url"], stored.content_type)
            except NotAnArticle:
                report.not_articles += 1
                continue
            if not record.get("article_id"):
                report.not_articles += 1
                continue
            with grouped.unit():
                report.outcomes[_store(db, record, capture)] += 1
            bar.set_postfix(changed=report.changed, refresh=False)
    finally:
        grouped.commit()
        reader.close()
    return report


def _store(db: sqlite_utils.Database, record: dict[str, Any], capture: dict[str, Any]) -> str:
    key = store.article_key(record["site"], record["lang"], record["article_id"])
    existing = next(db.query("select content_hash from articles where key = ?", [key]), None)
    if existing and existing["content_hash"] == store.content_hash(record):
        # Same content: no revision, fetch times untouched; only re-derived fields may move.
        outcome = "refreshed" if store.refresh_article_fields(db, record) else "unchanged"
        store.link_capture(db, key, capture["id"])
        return outcome
    return store.upsert_article(db, record, capture["crawl_run_id"], capture_id=capture["id"])
