"""The storing pipeline: a thin adapter from Scrapy items to `store`, writing through the crawl's `batch`."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from . import batch, store
from .items import ArticleItem, CrawlErrorItem, GoneItem


class ArchivePipeline:
    def __init__(self, crawler: Crawler, db_path: str, mirror: bool) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.mirror = mirror
        self.batch: batch.Batch | None = None
        self.run_id: int | None = None
        self.errors_by_kind: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        pipeline = cls(crawler, crawler.settings.get("ARCHIVE_DB"), bool(crawler.settings.get("MIRROR_URL")))
        # The finish reason is known only at spider_closed, after pipelines' close_spider.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def db(self) -> Any:
        assert self.batch is not None, "the pipeline's spider is not open"
        return self.batch.db

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        self.batch = batch.acquire(self.db_path, timed=True)
        self.run_id = store.start_run(
            self.db, spider.name, getattr(spider, "site", ""), getattr(spider, "lang", ""), self.mirror
        )
        self.crawler.stats.set_value("newsarchive/run_id", self.run_id)

    def spider_closed(self, spider: object, reason: str) -> None:
        stats = self.crawler.stats
        note = None
        if reason == "finished" and stats.get_value("newsarchive/start_ok", 0) == 0:
            note = "source looks gone: every start URL failed or redirected off its site"
        values = {
            "mode": stats.get_value("newsarchive/mode"),
            "pages": stats.get_value("response_received_count", 0),
            "articles_new": stats.get_value("newsarchive/articles_new", 0),
            "articles_updated": stats.get_value("newsarchive/articles_updated", 0),
            "articles_unchanged": stats.get_value("newsarchive/articles_unchanged", 0),
            "articles_gone": stats.get_value("newsarchive/articles_gone", 0),
            "errors": sum(self.errors_by_kind.values()),
            "errors_by_kind": json.dumps(dict(sorted(self.errors_by_kind.items()))),
            "note": note or (None if reason == "finished" else f"Scrapy finished with reason {reason!r}"),
        }
        if self.run_id is not None:
            store.finish_run(self.db, self.run_id, "completed" if reason == "finished" else "failed", values)
        batch.release(self.db_path)

    def process_item(self, item: Any) -> Any:
        assert self.batch is not None
        with self.batch.unit():
            return self._store(item)

    def _store(self, item: Any) -> Any:
        stats = self.crawler.stats
        if isinstance(item, CrawlErrorItem):
            self._error(item)
            return item
        if isinstance(item, GoneItem):
            if store.mark_gone(self.db, item.url, self.run_id):
                stats.inc_value("newsarchive/articles_gone")
            return item
        if not isinstance(item, ArticleItem):
            raise DropItem(f"unknown item type {type(item).__name__}")
        record = item.record
        if not record.get("article_id"):
            self._error(
                CrawlErrorItem(record["url"], "store", "no article id in URL or page", None, "no_id", False)
            )
            raise DropItem(f"no article id: {record['url']}")
        outcome = store.upsert_article(self.db, record, self.run_id, item.links, item.capture_id)
        stats.inc_value(f"newsarchive/articles_{outcome}")
        return item

    def _error(self, error: CrawlErrorItem) -> None:
        """Record a page that could not be archived, and count it for the run row and the progress line."""
        store.record_error(
            self.db, error.url, error.stage, error.reason, self.run_id, error.http_status, error.kind
        )
        self.errors_by_kind[error.kind] += 1
        self.crawler.stats.inc_value("newsarchive/errors")
        if error.failed_article:
            self.crawler.stats.inc_value("newsarchive/article_failures")
