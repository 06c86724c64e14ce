"""Image capture during the crawl: every image an article lists is fetched once, through Scrapy, and kept.

Image requests are ordinary Scrapy requests (the same robots.txt, AutoThrottle and concurrency as pages) at a
priority below listings and articles, so pictures never hold up the text. The capture middleware writes each
response as a WARC record like any exchange (a payload already stored becomes a revisit); here a response is
accepted only as `image/*`, under `IMAGES_MAX_BYTES` (per image) and, when set, `IMAGES_MAX_RUN_BYTES` (per
run), and from a host its site profile lists in `image_hosts` (`newsarchive.scope` refuses any other, redirects
included). What fails is a `crawl_errors` row of stage `image`, never a failed article. An image URL already
captured is linked to its capture without a request.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import scrapy
import sqlite_utils
from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure

from . import batch
from .capture_middleware import CAPTURE_META
from .captures import CaptureReader, CaptureRefused, CaptureUnreadable
from .imagesize import pixel_size
from .items import CrawlErrorItem
from .scope import IMAGE_META  # meta: the image URL as requested (before the mirror)

PRIORITY = -10  # after every listing (0) and article (1) already scheduled
STAGE = "image"
DEFAULT_MAX_BYTES = 15 * 1024 * 1024


@dataclass
class ImageItem:
    """An image capture for every `images` row with this URL (a URL may appear in several articles)."""

    url: str  # as the page wrote it
    capture_id: int | None
    media_type: str
    byte_size: int
    width: int | None = None
    height: int | None = None


def known_capture(db: sqlite_utils.Database, url: str, request_url: str) -> ImageItem | None:
    """The capture an image already has (through any article, however the page spelled its URL: the capture
    is keyed on the URL as requested), so it is not fetched again."""
    row = next(
        db.query(
            "select capture_id, media_type, byte_size, width, height from images"
            " where capture_id in (select id from captures where url = ?) limit 1",
            [request_url],
        ),
        None,
    )
    return ImageItem(url, **row) if row else None


def described(url: str, capture_id: int | None, content_type: str, body: bytes) -> ImageItem:
    """What the `images` row of a captured image holds: media type, bytes, pixel size from the header."""
    width, height = pixel_size(body) or (None, None)
    return ImageItem(url, capture_id, content_type.split(";")[0].strip().lower(), len(body), width, height)


def relink(db: sqlite_utils.Database, reader: CaptureReader, key: str) -> None:
    """The images of a re-parsed article back to their captures (rewriting an article's images drops the
    links): from another row of the URL, else read from the capture itself. Nothing is fetched."""
    unlinked = db.query("select distinct url from images where article_key = ? and capture_id is null", [key])
    for url in [row["url"] for row in unlinked]:
        request_url = scrapy.Request(url).url
        item = known_capture(db, url, request_url)
        if item is None:
            capture = next(
                db.query(
                    "select * from captures where url = ? and http_status = 200 and content_type like 'image/%'"
                    " order by id desc limit 1",
                    [request_url],
                ),
                None,
            )
            if capture is None:
                continue
            try:
                item = described(url, capture["id"], capture["content_type"], reader.read(capture).body)
            except (CaptureUnreadable, CaptureRefused):
                continue
        link(db, item)


def link(db: sqlite_utils.Database, item: ImageItem) -> None:
    """Point every `images` row of the URL at its capture, with what the capture holds."""
    db.execute(
        "update images set capture_id = ?, media_type = ?, byte_size = ?, width = ?, height = ? where url = ?",
        [item.capture_id, item.media_type, item.byte_size, item.width, item.height, item.url],
    )


class BudgetSpent(IgnoreRequest):
    """An image request still waiting when the run's image budget ran out: not fetched, not a failure."""


class ImageBudgetMiddleware:
    """Drops waiting image requests once `IMAGES_MAX_RUN_BYTES` is spent (they were scheduled with their
    article, so the budget is judged when each is about to be sent)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ImageBudgetMiddleware:
        return cls(crawler)

    def process_request(self, request: scrapy.Request) -> None:
        fetcher = getattr(self.crawler.spider, "images", None)
        if request.meta.get(IMAGE_META) and fetcher is not None and fetcher.over_budget:
            raise BudgetSpent("IMAGES_MAX_RUN_BYTES spent")


class ImageFetcher:
    """One spider's image requests and their outcome; holds the crawl's archive connection while open."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.enabled = settings.getbool("IMAGES_ENABLED", True)
        self.max_bytes = settings.getint("IMAGES_MAX_BYTES", DEFAULT_MAX_BYTES)
        self.run_budget = settings.getint("IMAGES_MAX_RUN_BYTES", 0)  # 0: no limit
        self.fetched_bytes = 0
        self.over_budget = False
        self.db_path = settings.get("ARCHIVE_DB")
        self.batch: batch.Batch | None = None
        # URL as requested -> the spellings pages used for it (`le hoi.jpg`, `le%20hoi.jpg`), while in flight.
        self.waiting: dict[str, list[str]] = {}

    def close(self) -> None:
        if self.batch is not None:
            batch.release(self.db_path)
            self.batch = None

    def requests(self, spider: Any, record: Mapping[str, Any]) -> Iterator[Any]:
        """What to do for each image of an extracted article: a link to a known capture, or a request."""
        if not self.enabled:
            return
        for image in record.get("images") or []:
            url = image["url"]
            if not url.startswith(("http://", "https://")) or url in spider.plan.backing_off:
                continue
            request = scrapy.Request(
                url,
                callback=spider.parse_image,
                errback=spider.on_image_error,
                priority=PRIORITY,
                meta={"download_maxsize": self.max_bytes, "download_warnsize": self.max_bytes},
            )
            request.meta[IMAGE_META] = request.url
            if request.url in self.waiting:
                self.waiting[request.url].append(url)
                continue
            known = self._known(url, request.url)
            if known is not None:
                yield known
            elif not self.over_budget and self._claim(request.url, url):
                yield request

    def _known(self, url: str, request_url: str) -> ImageItem | None:
        if self.batch is None:
            self.batch = batch.acquire(self.db_path)
        return known_capture(self.batch.db, url, request_url)

    def _claim(self, request_url: str, url: str) -> bool:
        """Whether this fetcher requests the image (else another one does, and `url` waits for it)."""
        self.waiting[request_url] = [url]
        return True

    def _spellings(self, request_url: str, item: ImageItem | None = None) -> list[str]:
        """The spellings waiting for an image (`item`: what it turned out to be, None if it failed)."""
        return self.waiting.pop(request_url, None) or [request_url]

    def parse(self, response: scrapy.http.Response) -> Iterator[Any]:
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1")
        media_type = ctype.split(";")[0].strip().lower()
        if not media_type.startswith("image/"):
            url = self._spellings(response.meta[IMAGE_META])[0]
            reason = f"not an image: Content-Type {ctype or 'missing'}"
            yield CrawlErrorItem(url, STAGE, reason, response.status, "not_image", False)
            return
        body = response.body
        self.fetched_bytes += len(body)
        self.crawler.stats.inc_value("newsarchive/images")
        self.crawler.stats.inc_value("newsarchive/image_bytes", len(body))
        item = described(response.meta[IMAGE_META], response.meta.get(CAPTURE_META), media_type, body)
        spellings = self._spellings(response.meta[IMAGE_META], item)
        url = spellings[0]
        for spelling in spellings:
            yield dataclasses.replace(item, url=spelling)
        if self.run_budget and self.fetched_bytes >= self.run_budget and not self.over_budget:
            self.over_budget = True
            reason = f"IMAGES_MAX_RUN_BYTES ({self.run_budget} bytes) reached: no more images this run"
            yield CrawlErrorItem(url, STAGE, reason, None, "image_budget", False)

    def failed(self, failure: Failure, items: Iterator[Any]) -> Iterator[Any]:
        """A failed image request's rows (as the spider classifies any failure) as `image` rows that fail no
        article, under the URL as the page wrote it (which backs off, like a failed page)."""
        request = failure.request  # type: ignore[attr-defined]
        url = self._spellings(request.meta[IMAGE_META])[0]
        if failure.check(BudgetSpent):
            return  # said once, by the image that spent it
        for item in items:
            if isinstance(item, CrawlErrorItem):
                item.url, item.stage, item.failed_article = url, STAGE, False
            yield item
