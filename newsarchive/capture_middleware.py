"""Scrapy glue for captures: record every exchange next to the wire, and tell each article which capture it came from.

`CaptureMiddleware` sits at 880, between DownloaderStats and the HTTP cache, so it sees every response the
downloader got — redirects, retried 500s, 404s, robots.txt — before decompression, with the request headers
as sent. `CaptureLinkMiddleware` (spider side) copies the capture id from the response onto `ArticleItem`s.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from . import batch
from .captures import DEFAULT_MAX_BYTES, CaptureWriter, Exchange, captures_dir
from .failures import one_line
from .items import ArticleItem
from .recover import NO_WARC_META, WARC_META

logger = logging.getLogger(__name__)
CAPTURE_META = "newsarchive_capture_id"


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    return [
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, values in headers.items()
        for value in values
    ]


class CaptureMiddleware:
    def __init__(self, crawler: Crawler, db_path: str, directory: Path, max_bytes: int) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.directory = directory
        self.max_bytes = max_bytes
        self.batch: batch.Batch | None = None
        self.writer: CaptureWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CaptureMiddleware:
        settings = crawler.settings
        if not settings.getbool("CAPTURES_ENABLED"):
            raise NotConfigured("CAPTURES_ENABLED is off: no WARC captures")
        db_path = settings.get("ARCHIVE_DB")
        directory = Path(settings.get("CAPTURES_DIR") or captures_dir(db_path))
        middleware = cls(
            crawler, db_path, directory, settings.getint("CAPTURES_MAX_BYTES", DEFAULT_MAX_BYTES)
        )
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def _writer(self) -> CaptureWriter:
        if self.writer is None:
            # Opened on the first response: by then the pipeline has started the crawl run.
            spider = self.crawler.spider
            name = getattr(spider, "name", "crawl")
            run_id = self.crawler.stats.get_value("newsarchive/run_id")
            self.batch = batch.acquire(self.db_path, timed=True)
            info = {
                "spider": name,
                "http-header-user-agent": self.crawler.settings.get("USER_AGENT"),
                "robots": "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
                "served-by-mirror": self.crawler.settings.get("MIRROR_URL") or None,
                "operator-pid": os.getpid(),
            }
            self.writer = CaptureWriter(self.batch.db, self.directory, name, run_id, info, self.max_bytes)
        return self.writer

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get(NO_WARC_META):
            return response  # a web archive's index, or its own error page: nothing of the source
        recovered = request.meta.get(WARC_META) or {}  # a capture from a web archive, kept as the source's page
        real_url = recovered.get("url") or request.meta.get("mirror_original_url", request.url)
        request_headers = _header_pairs(request.headers)
        if not any(k.lower() == "host" for k, _ in request_headers):
            request_headers.insert(0, ("Host", urlsplit(real_url).netloc))
        exchange = Exchange(
            url=real_url,
            method=request.method,
            request_headers=request_headers,
            request_body=request.body,
            status=response.status,
            response_headers=_header_pairs(response.headers),
            body=response.body,
            protocol=response.protocol or "HTTP/1.1",
            **{k: recovered[k] for k in ("fetched_at", "metadata") if k in recovered},
            warc_headers=recovered.get("headers", {}),
        )
        if self.batch is not None and self.batch.failed:
            return response  # the archive takes no more writes (disk full): the crawl is ending
        try:
            request.meta[CAPTURE_META] = self._write(exchange)
        except Exception as exc:
            # The page is still crawled and stored; the missing capture is in the log and the stats.
            if not (self.batch and self.batch.failed):
                logger.warning("Could not write the WARC capture of %s: %s", real_url, one_line(exc))
            self.crawler.stats.inc_value("newsarchive/capture_errors")
            return response
        self.crawler.stats.inc_value("newsarchive/captures")
        return response

    def _write(self, exchange: Exchange) -> int:
        writer = self._writer()
        assert self.batch is not None
        with self.batch.unit():  # a full disk here fails the batch, which ends the crawl
            return writer.write(exchange)

    def spider_closed(self, spider: object) -> None:
        if self.writer is not None:
            try:
                self.writer.close()
            except OSError as exc:  # a full disk refuses the last buffered bytes; the rows say what is whole
                logger.warning("Could not close the WARC file: %s", one_line(exc))
        if self.batch is not None:
            batch.release(self.db_path)


class CaptureLinkMiddleware(BaseSpiderMiddleware):
    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if isinstance(item, ArticleItem) and response is not None and item.capture_id is None:
            item.capture_id = response.meta.get(CAPTURE_META)
        return item
