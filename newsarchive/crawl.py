"""Run the spiders of a site in this process (both editions at once), optionally against the local mirror."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from . import store


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


@contextlib.contextmanager
def mirror_server(enabled: bool) -> Iterator[str]:
    """Yield the bundled mirror's base URL while it serves on a free 127.0.0.1 port ("" when disabled)."""
    if not enabled:
        yield ""
        return
    from .mirror.server import MirrorServer

    with MirrorServer(port=0) as server:
        yield server.url


@dataclass
class RunSummary:
    spider: str
    status: str
    pages: int
    articles_new: int
    articles_updated: int
    articles_unchanged: int
    errors: int


def run_crawl(
    names: list[str], db_path: str, mirror: bool = False, progress: bool = False, log_level: str = "WARNING"
) -> list[RunSummary]:
    """Crawl `names` concurrently into `db_path`; returns one summary per spider run."""
    with mirror_server(mirror) as started_url:
        # NEWSARCHIVE_MIRROR_URL (read by settings) points at a mirror someone else serves, e.g. a test.
        mirror_url = started_url or project_settings().get("MIRROR_URL")
        overrides: dict[str, Any] = {
            "ARCHIVE_DB": db_path,
            "MIRROR_URL": mirror_url,
            "NEWSARCHIVE_PROGRESS": progress,
            "LOG_LEVEL": log_level,
        }
        if mirror_url:
            # The mirror is ours and local: no need to throttle. Real sites keep the polite defaults.
            overrides |= {
                "AUTOTHROTTLE_ENABLED": False,
                "DOWNLOAD_DELAY": 0,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
            }
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
        run_id = crawler.stats.get_value("newsarchive/run_id")
        row = db.table("crawl_runs").get(run_id) if run_id else {}
        summaries.append(
            RunSummary(
                spider=crawler.spidercls.name,
                status=row.get("status", "failed"),
                **{
                    k: int(row.get(k) or 0)
                    for k in ("pages", "articles_new", "articles_updated", "articles_unchanged", "errors")
                },
            )
        )
    db.close()
    return summaries
