"""Run the spiders of a site in this process (both editions at once), optionally against the local mirror.

The cron job's guarantees live here: one run at a time (an OS lock beside the database, released by the
kernel even after kill -9), a rotating log file, and a summary that decides the exit status.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import logging.handlers
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from . import store

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
    names = [n for n in loader.list() if site == "all" or n.startswith(f"{site}_")]
    if lang:
        names = [n for n in names if n.endswith(f"_{lang}")]
    return sorted(names)


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


@contextlib.contextmanager
def log_file(db_path: str | Path) -> Iterator[Path]:
    """Everything at INFO and above also goes to `logs/newsarchive.log` beside the database, rotated."""
    path = Path(db_path).resolve().parent / "logs" / "newsarchive.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    try:
        yield path
    finally:
        logging.getLogger().removeHandler(handler)
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
        process = CrawlerProcess(project_settings(**overrides))
        crawlers = []
        for name in names:
            crawler = process.create_crawler(name)
            crawlers.append(crawler)
            process.crawl(crawler)
        process.start()
    db = store.open_db(db_path)
    summaries = []
    for crawler in crawlers:
        stats = crawler.stats
        run_id = stats.get_value("newsarchive/run_id")
        row: dict[str, Any] = db.table("crawl_runs").get(run_id) if run_id else {}
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
    db.close()
    return summaries
