"""What a crawl run should fetch, decided from the archive itself (the database is the resume state).

- incremental (default): skip archived articles, stop a listing's pagination after a run of archived ones;
- full (`--full`): walk and fetch everything (backfill, re-extraction);
- resume: the previous run of this spider never completed (crash, kill -9, reboot): walk everything like
  full, but skip articles already stored.
URLs that failed before are retried on a backoff schedule (1, 2, 4 … days after the last failure).
Links found in stored articles are kept (`article_links`), so articles only reachable through an archived
page are still fetched after a crash, without fetching that page again; an article the sibling edition was
redirected to (a `redirect_edition` row's target), or a predecessor site moved to (`redirect_successor`), is
handed to this edition's next run the same way (and at once to a spider of the same crawl: `handover`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from . import scope


class ArchivedUrls:
    """`url in archived`: is it an article of this edition stored before the run began?

    Asked of the database (the `url` index) rather than held as a set of every stored URL, which grows with
    the archive (~150 bytes a URL, both editions in one process). Rows stored during the run have a higher
    rowid than the last one at planning time (articles are never deleted), so the answer is the one a
    snapshot taken then would give.
    """

    def __init__(
        self, conn: sqlite3.Connection | None = None, site: str = "", lang: str = "", last_rowid: int = 0
    ) -> None:
        self.conn = conn  # None: nothing archived
        self.site, self.lang, self.last_rowid = site, lang, last_rowid

    @classmethod
    def open(cls, db_path: str | Path, site: str, lang: str) -> ArchivedUrls:
        conn = sqlite3.connect(db_path)
        last_rowid = conn.execute("select coalesce(max(rowid), 0) from articles").fetchone()[0]
        if not last_rowid:  # an empty archive: nothing to ask
            conn.close()
            return cls()
        conn.execute("pragma query_only = on")
        conn.execute("pragma cache_size = -512")  # KiB; point lookups, and the OS caches the file anyway
        return cls(conn, site, lang, last_rowid)

    def __contains__(self, url: object) -> bool:
        if self.conn is None:
            return False
        rows = self.conn.execute(
            "select 1 from articles where url = ? and site = ? and lang = ? and rowid <= ? limit 1",
            [url, self.site, self.lang, self.last_rowid],
        ).fetchall()  # all rows read: no read transaction left open
        return bool(rows)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@dataclass(frozen=True)
class CrawlPlan:
    mode: str = "full"
    stop_after: int = 10
    archived: ArchivedUrls = field(default_factory=ArchivedUrls)  # canonical article URLs already stored
    recheck: tuple[str, ...] = ()  # archived URLs to fetch again (recent articles)
    frontier: tuple[str, ...] = ()  # article URLs linked from stored articles but never stored themselves
    backing_off: frozenset[str] = field(default_factory=frozenset)  # failed URLs not due for a retry yet

    @property
    def skips_archived(self) -> bool:
        return self.mode in ("incremental", "resume")

    @property
    def stops_listings(self) -> bool:
        return self.mode == "incremental"

    def close(self) -> None:
        """Release the archive lookup (the crawl calls it when the spider closes)."""
        self.archived.close()


def make_plan(
    db_path: str | Path,
    spider: str,
    site: str,
    lang: str,
    *,
    full: bool = False,
    recheck_days: int = 0,
    stop_after: int = 10,
    current_run: int | None = None,
    now: datetime | None = None,
) -> CrawlPlan:
    """Read the archive and decide this run's mode and skip sets for one spider (one site edition)."""
    now = now or datetime.now(UTC)
    if not Path(db_path).exists():
        return CrawlPlan(mode="full", stop_after=stop_after)
    db = sqlite_utils.Database(db_path)
    try:
        previous = next(
            db.query(
                "select status from crawl_runs where spider = ? and id != ? order by id desc limit 1",
                [spider, current_run or -1],
            ),
            None,
        )
        if full:
            mode = "full"
        elif previous is not None and previous["status"] != "completed":
            mode = "resume"  # the last walk never finished (crash, kill -9, reboot): walk it all again
        else:
            mode = "incremental"
        recheck: tuple[str, ...] = ()
        if recheck_days > 0:
            since = (now - timedelta(days=recheck_days)).astimezone(UTC).isoformat()
            recheck = tuple(
                r["url"]
                for r in db.query(
                    "select url from articles where site = ? and lang = ? and gone_at is null "
                    "and published_at is not null and datetime(published_at) >= datetime(?) order by published_at desc",
                    [site, lang, since],
                )
            )
        backing_off = frozenset() if full else _backing_off(db, now)
        frontier = tuple(
            r["url"]
            for r in db.query(
                "select l.url from article_links l join articles a on a.key = l.article_key "
                "where a.site = ? and a.lang = ? and l.url not in (select url from articles) "
                # Handed over by the sibling edition, whose pages redirected here (the spider keeps its own).
                "union select target from crawl_errors where kind in (?, ?) and target is not null "
                "and target not in (select url from articles) order by 1",
                [site, lang, *scope.HANDED_OVER],
            )
            if r["url"] not in backing_off
        )
        archived = ArchivedUrls.open(db_path, site, lang)  # last: nothing after it can fail and leak it
        return CrawlPlan(mode, stop_after, archived, recheck, frontier, backing_off)
    finally:
        db.close()


def _backing_off(db: sqlite_utils.Database, now: datetime) -> frozenset[str]:
    rows = db.query(
        "select url, count(*) as failures, max(occurred_at) as last from crawl_errors "
        "where coalesce(kind, '') != 'no_date' and url not in (select url from articles) group by url"
    )
    waiting = set()
    for row in rows:
        due = datetime.fromisoformat(row["last"]) + timedelta(days=2 ** (min(row["failures"], 8) - 1))
        if now < due:
            waiting.add(row["url"])
    return frozenset(waiting)
