"""A live progress line (pages, articles, errors) on stderr while `newsarchive crawl` runs."""

from __future__ import annotations

import sys

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from tqdm import tqdm


class Progress:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.bar: tqdm | None = None
        self.name = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("NEWSARCHIVE_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.update, signal=signals.response_received)
        crawler.signals.connect(ext.update, signal=signals.item_scraped)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: object) -> None:
        self.name = getattr(spider, "name", "")
        # A live line on a terminal; in cron mail or a log file, one line every 30 s.
        self.bar = tqdm(
            desc=self.name, unit=" pages", mininterval=0.5 if sys.stderr.isatty() else 30, leave=True
        )

    def update(self, **_: object) -> None:
        if self.bar is None:
            return
        self.bar.set_postfix(
            articles=self.stats.get_value("newsarchive/articles_new", 0)
            + self.stats.get_value("newsarchive/articles_updated", 0)
            + self.stats.get_value("newsarchive/articles_unchanged", 0),
            errors=self.stats.get_value("newsarchive/errors", 0),
            refresh=False,
        )
        self.bar.update(
            self.stats.get_value("response_received_count", 0) - self.bar.n
        )  # redraws at most 2/s

    def closed(self, spider: object) -> None:
        if self.bar is not None:
            self.update()
            self.bar.close()
