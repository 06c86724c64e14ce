"""The storing pipeline: a thin adapter from Scrapy items to `store`, writing through the crawl's `batch`.

One item is one unit: if storing it raises, the unit is rolled back and the item becomes a `crawl_errors` row
(stage `store`), and the crawl goes on. The run's counts move only when their batch commits, so they say what
the archive holds. A full disk (or a failed commit) ends the run: Scrapy closes the spider with that reason
and the run is marked failed with it.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from . import batch, images, recover, store
from .failures import is_disk_full, one_line
from .items import ArticleItem, CrawlErrorItem, GoneItem

logger = logging.getLogger(__name__)
FAILED = "newsarchive/failed"  # stats key: why the archive stopped taking writes (disk full …)
INTERRUPTED = "interrupted: the crawl was stopped before it could finish (a second Ctrl-C or SIGTERM)"

_open: set[ArchivePipeline] = set()  # pipelines whose spider has not closed (a forced stop skips closing)


def run_values(stats: Any, errors_by_kind: Counter[str]) -> dict[str, Any]:
    """A run's `crawl_runs` counts, as committed."""
    return {
        "mode": stats.get_value("newsarchive/mode"),
        "pages": stats.get_value("response_received_count", 0),
        "articles_new": stats.get_value("newsarchive/articles_new", 0),
        "articles_updated": stats.get_value("newsarchive/articles_updated", 0),
        "articles_unchanged": stats.get_value("newsarchive/articles_unchanged", 0),
        "articles_gone": stats.get_value("newsarchive/articles_gone", 0),
        "errors": sum(errors_by_kind.values()),
        "errors_by_kind": json.dumps(dict(sorted(errors_by_kind.items()))),
    }


GONE_NOTE = "newsarchive/gone_note"  # stats key: the run's note when no start page answered, if not the crawl's
MOVED = "moved to"  # a run note starting so ends a run that found its site moved: not a failure


def finish_note(stats: Any, errors_by_kind: Counter[str]) -> str | None:
    """The note of a finished run that reached none of its start pages: moved, refused TLS, or gone."""
    if stats.get_value("newsarchive/start_ok", 0):
        return None
    if moved_to := stats.get_value("newsarchive/moved_to"):
        # Not gone: the site moved to its successor, whose spider fetches what was redirected.
        return f"{MOVED} {moved_to}: every start URL redirects there (see redirect_successor rows)"
    if errors_by_kind.get("tls"):
        # Not a vanished source: this machine refused the certificate (an intercepting proxy, say).
        return (
            "TLS verification failed (see the tls rows in crawl_errors): "
            "-s DOWNLOAD_VERIFY_CERTIFICATES=False crawls without it"
        )
    return stats.get_value(GONE_NOTE) or (
        "source looks gone: every start URL failed or redirected off its site;"
        " `newsarchive recover` rebuilds its articles from web archives"
    )


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
        self.batch.on_failure.append(self._stop)
        if not self.batch.commit():  # the run row is committed at once, outside any batch
            raise batch.BatchFailed(str(self.batch.failed))
        self.run_id = store.start_run(
            self.db, spider.name, getattr(spider, "site", ""), getattr(spider, "lang", ""), self.mirror
        )
        self.crawler.stats.set_value("newsarchive/run_id", self.run_id)
        _open.add(self)

    def _stop(self, reason: str) -> None:
        """The archive takes no more writes: end the crawl now, with the reason."""
        self.crawler.stats.set_value(FAILED, reason)
        engine = self.crawler.engine if self.crawler.crawling else None
        if engine is not None and engine.spider is not None:
            why = "disk_full" if reason.startswith("disk full") else "db_error"
            closing = deferred_from_coro(engine.close_spider_async(reason=why))
            closing.addErrback(lambda failure: logger.warning("Could not stop the crawl: %s", failure.value))

    def close_spider(self) -> None:
        """Commit what is open before spider_closed, so the progress line's last state counts it too."""
        assert self.batch is not None
        self.batch.commit()

    def spider_closed(self, spider: object, reason: str) -> None:
        self.finish("completed" if reason == "finished" else "failed", reason)

    def finish(self, status: str, reason: str, note: str | None = None) -> None:
        """Write the run's row from what was committed, then give the batch back."""
        if self not in _open:
            return
        _open.discard(self)
        assert self.batch is not None
        stats = self.crawler.stats
        self.batch.commit()
        self.batch.on_failure.remove(self._stop)
        if reason == "finished":
            note = finish_note(stats, self.errors_by_kind) or note
        failed = stats.get_value(FAILED)
        values = {
            **run_values(stats, self.errors_by_kind),
            "note": failed
            or note
            or (None if reason == "finished" else f"Scrapy finished with reason {reason!r}"),
        }
        try:
            assert self.run_id is not None
            store.finish_run(self.db, self.run_id, "failed" if failed else status, values)
        except Exception as exc:
            # A full disk may refuse the run row too; the row stays "running" and the CLI reports failure.
            logger.error("Could not record the end of run %s: %s", self.run_id, one_line(exc))
        batch.release(self.db_path)

    def process_item(self, item: Any) -> Any:
        assert self.batch is not None
        if not isinstance(
            item, (ArticleItem, CrawlErrorItem, GoneItem, images.ImageItem, recover.RecoveredItem, recover.IndexItem)
        ):
            raise DropItem(f"unknown item type {type(item).__name__}")
        if self.batch.failed:
            return item  # the crawl is ending: what is still in flight is fetched again next run
        try:
            with self.batch.unit():
                self._store(item)
        except batch.BatchFailed:
            pass
        except Exception as exc:
            if not self.batch.failed and not is_disk_full(exc):
                self._store_failed(item, exc)
        return item

    def _store(self, item: Any) -> None:
        if isinstance(item, recover.IndexItem):
            recover.store_index(self.db, item)
        elif isinstance(item, recover.RecoveredItem):
            self._count(f"newsarchive/articles_{recover.store_recovered(self.db, item, self.run_id)}")
        elif isinstance(item, CrawlErrorItem):
            self._error(item)
        elif isinstance(item, images.ImageItem):
            images.link(self.db, item)
        elif isinstance(item, GoneItem):
            if store.mark_gone(self.db, item.url, self.run_id):
                self._count("newsarchive/articles_gone")
        else:
            record = item.record
            if not record.get("article_id"):
                self._error(
                    CrawlErrorItem(
                        record["url"], "store", "no article id in URL or page", None, "no_id", False
                    )
                )
                return
            outcome = store.upsert_article(self.db, record, self.run_id, item.links, item.capture_id)
            self._count(f"newsarchive/articles_{outcome}")

    def _store_failed(self, item: Any, exc: Exception) -> None:
        """An item that could not be stored (its unit rolled back) is a row of its own, in a unit of its own."""
        if isinstance(item, recover.RecoveredItem):
            item = item.articles[-1]
        if isinstance(item, recover.IndexItem):
            url = item.rows[0]["original"] if item.rows else ""
        else:
            url = (item.record.get("url") or "") if isinstance(item, ArticleItem) else item.url
        reason = one_line(exc)
        logger.warning("Could not store %s: %s", url, reason)
        error = CrawlErrorItem(url, "store", reason, None, "store_error", isinstance(item, ArticleItem))
        try:
            with self.batch.unit():  # type: ignore[union-attr]
                self._error(error)
        except Exception as again:
            if not self.batch or not self.batch.failed:
                logger.warning("Could not record the failure of %s either: %s", url, one_line(again))

    def _count(self, key: str) -> None:
        stats = self.crawler.stats
        self._on_commit(lambda: stats.inc_value(key))

    def _on_commit(self, effect: Callable[[], None]) -> None:
        assert self.batch is not None
        self.batch.on_commit(effect)

    def _error(self, error: CrawlErrorItem) -> None:
        """Record a page that could not be archived, and count it for the run row and the progress line."""
        store.record_error(
            self.db,
            error.url,
            error.stage,
            error.reason,
            self.run_id,
            error.http_status,
            error.kind,
            error.target,
        )
        stats = self.crawler.stats

        def counted() -> None:
            self.errors_by_kind[error.kind] += 1
            stats.inc_value("newsarchive/errors")

        self._on_commit(counted)
        if error.failed_article:
            stats.inc_value("newsarchive/article_failures")


def finish_interrupted() -> None:
    """Mark failed the runs whose spiders never closed (Scrapy's forced stop skips spider_closed)."""
    for pipeline in list(_open):
        pipeline.finish("failed", "interrupted", INTERRUPTED)
