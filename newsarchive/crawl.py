"""Run the spiders of a site in this process (both editions at once), optionally against the local mirror.

The cron job's guarantees live here: one run at a time (an OS lock beside the database, released by the
kernel even after kill -9), a rotating log file, and a summary that decides the exit status.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import logging.handlers
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from . import batch, pipelines, store, translations
from .normalize import utc_now

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
# A failure rate over a handful of pages (a resumed run's leftovers) says nothing about the source.
MIN_PAGES_FOR_RATE = 20


def project_settings(**overrides: Any) -> Settings:
    """Our settings module, found by import rather than via the working directory's scrapy.cfg."""
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


def spider_names(site: str, lang: str | None) -> list[str]:
    loader = SpiderLoader.from_settings(project_settings())
    # The recover spider is no edition's: `newsarchive recover` starts it (`newsarchive.recover_cli`).
    names = [n for n in loader.list() if n != "recover" and (site == "all" or n.startswith(f"{site}_"))]
    if lang:
        names = [n for n in names if n.endswith(f"_{lang}")]
    return sorted(names)


def contact_warning(mirror: bool, options: dict[str, Any]) -> str | None:
    """A warning when the real sites would be crawled with the project's placeholder contact in the User-Agent."""
    if mirror or project_settings().get("MIRROR_URL") or os.environ.get("NEWSARCHIVE_CONTACT"):
        return None
    if "USER_AGENT" in options:
        return None  # a User-Agent of the operator's own (-s USER_AGENT=…)
    return (
        "Warning: the User-Agent names the project's placeholder contact; set NEWSARCHIVE_CONTACT to your own"
        " page or mailto: address before crawling the real sites."
    )


class LockedError(RuntimeError):
    """Another crawl holds the archive's lock."""


@contextlib.contextmanager
def run_lock(db_path: str | Path) -> Iterator[Path]:
    """flock() on `<db>.lock`: exclusive, non-blocking, released by the kernel if the process dies.

    Beside the database's real path (symlinks resolved), so every name for one file shares one lock.
    """
    lock_path = Path(f"{Path(db_path).resolve()}.lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle: TextIO = open(lock_path, "a")  # held for the whole run; Python fds are not inherited
    except OSError as exc:
        raise store.ArchiveError(f"cannot create the crawl's lock {lock_path}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LockedError(f"another crawl is running on {db_path} (lock {lock_path} is held)") from exc
        yield lock_path
    finally:
        handle.close()


@contextlib.contextmanager
def mirror_server(enabled: bool) -> Iterator[str]:
    """Yield the bundled mirror's base URL while it serves on a free 127.0.0.1 port ("" when disabled)."""
    if not enabled:
        yield ""
        return
    from .mirror.server import MirrorServer

    with MirrorServer(port=0) as server:
        yield server.url


class _LogFile(logging.handlers.RotatingFileHandler):
    """A log file that a full disk silences with one line, not a traceback per record."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        if not self.failed:
            self.failed = True
            sys.stderr.write(f"Cannot write the log file {self.baseFilename}: {sys.exc_info()[1]}\n")


@contextlib.contextmanager
def log_file(db_path: str | Path) -> Iterator[Path]:
    """Everything at INFO and above also goes to `logs/newsarchive.log` beside the database, rotated."""
    path = Path(db_path).resolve().parent / "logs" / "newsarchive.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = _LogFile(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    try:
        yield path
    finally:
        logging.getLogger().removeHandler(handler)
        with contextlib.suppress(OSError):  # a full disk refuses the last lines
            handler.close()


@dataclass
class RunSummary:
    spider: str
    status: str
    mode: str
    pages: int
    articles_new: int
    articles_updated: int
    articles_unchanged: int
    articles_gone: int
    errors: int
    article_pages: int
    failure_rate: float
    note: str | None

    @property
    def moved(self) -> bool:
        """The site moved to its successor: a completed run with a note that is news, not a failure."""
        return self.status == "completed" and (self.note or "").startswith(pipelines.MOVED)


# The mirror is ours and local: no need to throttle. Real sites keep the polite defaults.
MIRROR_OVERRIDES: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


def run_crawl(
    names: list[str],
    db_path: str,
    mirror: bool = False,
    progress: bool = False,
    log_level: str = "WARNING",
    options: dict[str, Any] | None = None,
) -> list[RunSummary]:
    """Crawl `names` concurrently into `db_path` under the run lock; one summary per spider run."""
    with run_lock(db_path), log_file(db_path), mirror_server(mirror) as started_url:
        store.open_db(db_path).close()  # create or migrate the schema once, before spiders open it
        # NEWSARCHIVE_MIRROR_URL (read by settings) points at a mirror someone else serves, e.g. a test.
        mirror_url = started_url or project_settings().get("MIRROR_URL")
        overrides: dict[str, Any] = {
            "ARCHIVE_DB": db_path,
            "MIRROR_URL": mirror_url,
            "NEWSARCHIVE_PROGRESS": progress,
            "LOG_LEVEL": log_level,
        }
        if mirror_url:
            overrides |= MIRROR_OVERRIDES
        overrides |= options or {}
        started_at = utc_now()
        process = CrawlerProcess(project_settings(**overrides))
        crawlers = []
        for name in names:
            crawler = process.create_crawler(name)
            crawlers.append(crawler)
            process.crawl(crawler)
        try:
            process.start()
        finally:
            # A forced stop (a second Ctrl-C) skips the spiders' closing: their runs end here, as failed.
            pipelines.finish_interrupted()
            batch.release_all()
        pair_new_articles(db_path, started_at)
    rows = _run_rows(db_path, [c.stats.get_value("newsarchive/run_id") for c in crawlers])
    summaries = []
    for crawler in crawlers:
        stats = crawler.stats
        row = rows.get(stats.get_value("newsarchive/run_id"), {})
        if row.get("status") in (None, "running"):
            # The run row could not be written (a full disk) or never was: the run failed, say why.
            row = {
                **pipelines.run_values(stats, Counter()),
                "errors": stats.get_value("newsarchive/errors", 0),
                "status": "failed",
                "note": stats.get_value(pipelines.FAILED) or row.get("note") or "the run did not finish",
            }
        # A resumed walk is judged whole: what the interrupted run fetched counts with what this one did.
        pages = int(stats.get_value("newsarchive/article_pages", 0)) + int(
            stats.get_value("newsarchive/article_pages_before_resume", 0)
        )
        counts = (
            "pages",
            "articles_new",
            "articles_updated",
            "articles_unchanged",
            "articles_gone",
            "errors",
        )
        summaries.append(
            RunSummary(
                spider=crawler.spidercls.name,
                status=row.get("status", "failed"),
                mode=row.get("mode") or "?",
                **{k: int(row.get(k) or 0) for k in counts},
                article_pages=pages,
                failure_rate=stats.get_value("newsarchive/article_failures", 0) / pages if pages else 0.0,
                note=row.get("note"),
            )
        )
    return summaries


def pair_new_articles(db_path: str | Path, since: str) -> None:
    """After the run, still under its lock: pair the articles it stored (and their windows) with their
    translations. A failure here is a logged line, never the crawl's failure: `newsarchive pair` retries."""
    log = logging.getLogger(__name__)
    try:
        db = store.open_db(db_path)
        try:
            summary = translations.run(db, since=since)
        finally:
            db.close()
    except (sqlite3.Error, OSError, store.ArchiveError) as exc:
        log.error("Pairing the new articles failed (run `newsarchive pair`): %s", exc)
        return
    if summary.examined:
        log.info(
            "Paired %d new or affected English articles: %d with a partner, %d changed",
            summary.examined,
            summary.paired,
            summary.changed,
        )


def _run_rows(db_path: str | Path, run_ids: list[int | None]) -> dict[int, dict[str, Any]]:
    """The runs' rows, read back without writing (the disk may be full); missing rows are left out."""
    ids = [i for i in run_ids if i is not None]
    try:
        with contextlib.closing(
            sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
        ) as conn:
            conn.row_factory = sqlite3.Row
            query = f"select * from crawl_runs where id in ({', '.join('?' * len(ids))})"
            return {row["id"]: dict(row) for row in conn.execute(query, ids)}
    except sqlite3.Error as exc:
        logging.getLogger(__name__).error("Could not read the runs back: %s", exc)
        return {}
