"""What goes wrong while handling one page becomes a `crawl_errors` row, and the crawl goes on.

`PageFailures` (a spider middleware, closest to the spider) turns any exception a callback raises into a
`CrawlErrorItem` (stage `parse`, kind `callback_error`) for the URL that was requested, so the page backs off
like any failed fetch instead of being lost with a traceback and fetched again every run. The pipeline does the
same for storing (`store_error`). A full disk is not one page's failure: it ends the run (`is_disk_full`).
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from .items import CrawlErrorItem
from .scope import requested_url

logger = logging.getLogger(__name__)

# Scrapy's own control flow, handled by its middlewares: not a page that failed.
_NOT_FAILURES = (HttpError, IgnoreRequest, CloseSpider, DontCloseSpider)


def one_line(exc: BaseException) -> str:
    """`Type: message` on one line, as a crawl_errors reason (a message may hold newlines, or nothing)."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL, or a write refused for space (ENOSPC) or a file size limit (EFBIG)."""
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


class PageFailures:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageFailures:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception) -> Iterable[Any] | None:
        if isinstance(exception, _NOT_FAILURES):
            return None
        return self._recorded(response, exception)

    def _recorded(self, response: Response, exception: Exception) -> Iterator[Any]:
        request = response.request
        url = requested_url(request.meta, request.url) if request is not None else response.url
        reason = one_line(exception)
        logger.warning("Could not parse %s: %s", url, reason)  # the row says it all: no traceback
        self.crawler.stats.inc_value("newsarchive/callback_errors")
        article = bool(request is not None and request.meta.get("article"))
        yield CrawlErrorItem(url, "parse", reason, response.status, "callback_error", article)
        # The callback died before handing out the waiting articles (`spiders.base.feeds_frontier`).
        due = getattr(self.crawler.spider, "due_requests", None)
        if due is not None:
            yield from due()
