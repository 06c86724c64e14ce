"""Re-run extraction and normalization over stored captures, with no network: the archive rebuilt from its WARC.

The latest successful capture of each article URL goes through the same `extract_article` as the crawl and
the same store functions, so a reparse and a crawl of the same bytes give the same rows. Captures are read with
the crawl's limits: one the crawl refused (a body over DOWNLOAD_MAXSIZE once decoded, an encoding that does
not decode) is skipped with its reason, and the URL's earlier capture is used, as the crawl kept that page.
An unreadable WARC file (missing, truncated, corrupt) is reported and skipped, and any exception while
extracting or storing one capture is reported with it; the rest goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.utils import sqlite3
from tqdm import tqdm

from . import batch, images, sites, store
from .captures import CaptureReader, CaptureRefused, CaptureUnreadable
from .extract import NotAnArticle, extract_article


@dataclass
class ReparseReport:
    captures: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # new | updated | refreshed | unchanged
    not_articles: int = 0
    unreadable: dict[str, list[str]] = field(default_factory=dict)  # WARC file -> reasons
    # too_large | undecodable (refused as the crawl refuses them) | error (an exception) -> "url (capture): reason"
    skipped: dict[str, list[str]] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        """Articles whose content changed (or that were missing): the ones a revision is recorded for."""
        return self.outcomes["new"] + self.outcomes["updated"]

    @property
    def failed(self) -> bool:
        """Something the archive holds could not be rebuilt: an unreadable file or an exception."""
        return bool(self.unreadable or self.skipped.get("error"))

    def skip(self, kind: str, capture: dict[str, Any], reason: str) -> None:
        self.skipped.setdefault(kind, []).append(f"{capture['url']} (capture {capture['id']}): {reason}")


def parse_since(value: str) -> str:
    """A date or ISO 8601 time (naive = UTC) → the UTC form `captures.fetched_at` is compared in."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def is_article_url(url: str) -> bool:
    profile = sites.profile_for(url)
    return profile is not None and profile.canonical_article_url(url) is not None


def _usable(since: str | None) -> tuple[str, list[Any]]:
    where = "http_status = 200 and (content_type is null or content_type like '%html%')"
    if since:
        return where + " and fetched_at >= ?", [since]
    return where, []


def article_captures(db: sqlite_utils.Database, since: str | None = None) -> list[dict[str, Any]]:
    """The latest successful HTML capture of every article URL (fetched at or after `since`), oldest first."""
    where, params = _usable(since)
    rows = db.query(
        "select c.* from captures c join"
        f" (select max(id) as id from captures where {where} group by url) latest on c.id = latest.id"
        " order by c.id",
        params,
    )
    return [row for row in rows if is_article_url(row["url"])]


def _earlier_capture(
    db: sqlite_utils.Database, capture: dict[str, Any], since: str | None
) -> dict[str, Any] | None:
    """The URL's successful capture before this one: what the crawl kept when it refused this one."""
    where, params = _usable(since)
    return next(
        db.query(
            f"select * from captures where url = ? and id < ? and {where} order by id desc limit 1",
            [capture["url"], capture["id"], *params],
        ),
        None,
    )


def reparse(
    db: sqlite_utils.Database,
    directory: Path,
    since: str | None = None,
    progress: bool = False,
) -> ReparseReport:
    """Re-extract every article from its latest capture; returns what changed and what was skipped, and why.

    An error of the archive itself (disk full, locked, corrupt) raises `sqlite3.DatabaseError`; what was
    done is committed.
    """
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
            _reparse_one(db, grouped, reader, capture, since, report)
            bar.set_postfix(changed=report.changed, refresh=False)
    finally:
        grouped.commit()
        reader.close()
    return report


def _reparse_one(
    db: sqlite_utils.Database,
    grouped: batch.Batch,
    reader: CaptureReader,
    capture: dict[str, Any] | None,
    since: str | None,
    report: ReparseReport,
) -> None:
    """One article URL: its latest readable capture extracted and stored, or the reason it was not."""
    while capture is not None:
        try:
            stored = reader.read(capture)
            break
        except CaptureUnreadable as exc:
            report.unreadable.setdefault(exc.warc_file, []).append(f"{capture['url']}: {exc.reason}")
            return
        except CaptureRefused as exc:
            report.skip(exc.kind, capture, exc.reason)
            capture = _earlier_capture(db, capture, since)
        except Exception as exc:  # one bad capture never ends the run
            report.skip("error", capture, f"reading: {type(exc).__name__}: {exc}")
            return
    if capture is None:
        return
    try:
        record = extract_article(stored.body, capture["url"], stored.content_type)
    except NotAnArticle:
        report.not_articles += 1
        return
    except Exception as exc:
        report.skip("error", capture, f"extracting: {type(exc).__name__}: {exc}")
        return
    if not record.get("article_id"):
        report.not_articles += 1
        return
    try:
        with grouped.unit(), store.atomic(db):
            report.outcomes[_store(db, record, capture)] += 1
            images.relink(db, reader, store.article_key(record["site"], record["lang"], str(record["article_id"])))
    except (sqlite3.IntegrityError, sqlite3.DataError) as exc:  # this record's data
        report.skip("error", capture, f"storing: {type(exc).__name__}: {exc}")
    except sqlite3.DatabaseError:
        raise  # the archive itself failed (disk full, locked, corrupt): not this capture's fault
    except Exception as exc:
        report.skip("error", capture, f"storing: {type(exc).__name__}: {exc}")


def _store(db: sqlite_utils.Database, record: Mapping[str, Any], capture: dict[str, Any]) -> str:
    key = store.article_key(record["site"], record["lang"], record["article_id"])
    existing = next(db.query("select content_hash from articles where key = ?", [key]), None)
    if existing and existing["content_hash"] == store.content_hash(record):
        # Same content: no revision, fetch times untouched; only re-derived fields may move.
        outcome = "refreshed" if store.refresh_article_fields(db, record) else "unchanged"
        store.link_capture(db, key, capture["id"])
        return outcome
    return store.upsert_article(db, record, capture["crawl_run_id"], capture_id=capture["id"])
