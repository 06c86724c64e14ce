"""The storing pipeline: a thin adapter from Scrapy items to `store`, writing through the crawl's `batch`."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from twisted.internet import task

from . import batch, store
from .items import ArticleItem, CrawlErrorItem, GoneItem


class ArchivePipeline:
    def __init__(self, crawler: Crawler, db_path: str, mirror: bool) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.mirror = mirror
        self.batch: batch.Batch | None = None
        self.flusher: task.LoopingCall | None = None
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
        self.batch = batch.acquire(self.db_path)
        self.flusher = task.LoopingCall(self.batch.commit_if_due)
        self.flusher.start(self.batch.seconds / 2, now=False)
        self.run_id = store.start_run(
            self.db, spider.name, getattr(spider, "site", ""), getattr(spider, "lang", ""), self.mirror
        )
        self.crawler.stats.set_value("newsarchive/run_id", self.run_id)

    def spider_closed(self, spider: object, reason: str) -> None:
        stats = self.crawler.stats
        # A resumed walk is judged whole: what the interrupted run fetched counts with what this one did.
        pages = stats.get_value("newsarchive/article_pages", 0) + stats.get_value(
            "newsarchive/article_pages_before_resume", 0
        )
        failed = stats.get_value("newsarchive/article_failures", 0)
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
        stats.set_value("newsarchive/article_failure_rate", failed / pages if pages else 0.0)
        if self.run_id is not None:
            store.finish_run(self.db, self.run_id, "completed" if reason == "finished" else "failed", values)
        if self.flusher is not None and self.flusher.running:
            self.flusher.stop()
        batch.release(self.db_path)

    def process_item(self, item: Any) -> Any:
        assert self.batch is not None
        with self.batch.unit():
            return self._store(item)

    def _store(self, item: Any) -> Any:
        stats = self.crawler.stats
        if isinstance(item, CrawlErrorItem):
            store.record_error(
                self.db, item.url, item.stage, item.reason, self.run_id, item.http_status, item.kind
            )
            self.errors_by_kind[item.kind] += 1
            stats.inc_value("newsarchive/errors")
            if item.failed_article:
                stats.inc_value("newsarchive/article_failures")
            return item
        if isinstance(item, GoneItem):
            if store.mark_gone(self.db, item.url, self.run_id):
                stats.inc_value("newsarchive/articles_gone")
            return item
        if not isinstance(item, ArticleItem):
            raise DropItem(f"unknown item type {type(item).__name__}")
        record = item.record
        if not record.get("article_id"):
            store.record_error(
                self.db, record["url"], "store", "no article id in URL or page", self.run_id, None, "no_id"
            )
            self.errors_by_kind["no_id"] += 1
            raise DropItem(f"no article id: {record['url']}")
        outcome = store.upsert_article(self.db, record, self.run_id, item.links, item.capture_id)
        stats.inc_value(f"newsarchive/articles_{outcome}")
        return item
