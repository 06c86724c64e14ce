"""The shared base of every news spider: run plan, article requests, article pages, failures.

Site spiders (`baolongan.py`, `longan_gov.py`) add discovery (`entry_requests`, `parse`); edition spiders
only set `name`, `lang`, `host`. Everything site-specific about article pages lives in `newsarchive.sites`.
"""

from __future__ import annotations

import functools
import html
import re
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sized
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure

from newsarchive import handover, scope
from newsarchive.extract import NotAnArticle, extract_article
from newsarchive.failures import one_line
from newsarchive.images import ImageFetcher
from newsarchive.items import ArticleItem, CrawlErrorItem, GoneItem
from newsarchive.plan import CrawlPlan, make_plan
from newsarchive.scaleout import lease, worker
from newsarchive.sites import PROFILES, SiteProfile
from newsarchive.tls import TLSFailure
from spiders.frontier import Frontier, RedisFrontier

HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*["']([^"'<>]*)["']""", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)  # menus, related boxes and sidebars repeat on every page
def _edition_article_url(site: str, host: str, url: str) -> str | None:
    profile = next(p for p in PROFILES if p.site == site)
    canonical = profile.canonical_article_url(url)
    return canonical if canonical and urlsplit(canonical).hostname == host else None


Callback = TypeVar("Callback", bound=Callable[..., Iterable[Any] | None])


def feeds_frontier(callback: Callback) -> Callback:
    """After a callback's (or errback's) own output, whatever its early returns: the requests for waiting
    articles the scheduler has room for (`NewsSpider.due_requests`). A callback that only queues articles
    (a feed) may return None."""

    @functools.wraps(callback)
    def wrapper(spider: NewsSpider, *args: Any) -> Iterator[Any]:
        yield from callback(spider, *args) or ()
        yield from spider.due_requests()

    return cast(Callback, wrapper)


class NewsSpider(scrapy.Spider):
    site: str
    profile: SiteProfile
    host: str  # canonical edition host, e.g. "baolongan.vn"
    lang: str
    plan = CrawlPlan()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.frontier: Frontier | RedisFrontier = Frontier()
        self.listings: set[str] = set()  # listings followed this run (their identity: path and category)
        self.capped: set[tuple[str, str]] = set()  # (cap kind, listing) already recorded: one row each
        self.images: ImageFetcher | None = None  # made when the crawl starts

    async def start(self) -> AsyncIterator[Any]:
        settings = self.crawler.settings
        if settings.get("NEWSARCHIVE_REDIS_RUN"):
            # A worker of a distributed run (`crawl --redis`): the writer's plan, the frontier in Redis.
            self.plan = worker.plan_for(self.crawler, self.name)
            self.frontier = RedisFrontier(lease.worker_for(self.crawler), self.name)
        else:
            self.plan = make_plan(
                settings.get("ARCHIVE_DB"),
                self.name,
                self.site,
                self.lang,
                full=settings.getbool("NEWSARCHIVE_FULL"),
                recheck_days=settings.getint("NEWSARCHIVE_RECHECK_DAYS"),
                stop_after=settings.getint("NEWSARCHIVE_STOP_AFTER", 10),
                current_run=self.crawler.stats.get_value("newsarchive/run_id"),
            )
        self.crawler.stats.set_value("newsarchive/mode", self.plan.mode)
        self.crawler.signals.connect(self._on_idle, signal=signals.spider_idle)
        self.crawler.signals.connect(self.plan.close, signal=signals.spider_closed)
        distributed = isinstance(self.frontier, RedisFrontier)
        self.images = (worker.RemoteImageFetcher if distributed else ImageFetcher)(self.crawler)
        self.crawler.signals.connect(self.images.close, signal=signals.spider_closed)
        handover.opened(self.name, self.profile, self.host)
        self.crawler.signals.connect(
            lambda: handover.closed(self.name), signal=signals.spider_closed, weak=False
        )
        for request in self.entry_requests():
            yield request.replace(meta={**request.meta, "start": True})
        for url in self.plan.recheck:
            self.frontier.add(url, recheck=True)
        for url in self.plan.frontier:  # linked from stored articles (e.g. before a crash), or handed over
            if article := self.article_url(url):
                self.queue(article)
        for request in self.due_requests():
            yield request

    def entry_requests(self) -> list[scrapy.Request]:
        """The start pages; when every one fails or leaves the site, the source looks gone."""
        return [scrapy.Request(f"https://{self.host}/", callback=self.parse, errback=self.on_error)]

    def article_url(self, url: str) -> str | None:
        """Canonical article URL of this edition (any scheme, with or without www.), else None."""
        return _edition_article_url(self.profile.site, self.host, url)

    def links(self, response: Response) -> list[str]:
        """Absolute URLs of the page's `<a href>`s, found with a regex: the page was parsed once already
        (by extraction), and discovery does not need a second full parse."""
        text = response.text
        return [response.urljoin(html.unescape(h).strip()) for h in HREF.findall(text)]

    def queue(self, article: str) -> bool:
        """Fetch `article` in this run if the plan wants it (its request waits in the frontier).

        Returns whether it was skipped as archived, which listings count in a row (one archive lookup).
        """
        if self.frontier.found_archived(article):
            return True
        if article in self.plan.backing_off:
            return False
        if self.plan.skips_archived and article in self.plan.archived:
            self.frontier.add_archived(article)
            if self.plan.mode == "resume":
                # Fetched by the interrupted run of the same walk: it counts in the walk's failure rate.
                self.crawler.stats.inc_value("newsarchive/article_pages_before_resume")
            return True
        self.frontier.add(article)
        return False

    def queue_links(self, response: Response, exclude: str | None = None) -> list[str]:
        """Queue the page's links to articles of this edition (other than `exclude`); returns them sorted.

        Inline links in bodies and related boxes reach older articles that listings no longer show.
        """
        found = (self.article_url(url) for url in self.links(response))
        links = sorted({link for link in found if link and link != exclude})
        for article in links:
            self.queue(article)
        return links

    def due_requests(self) -> Iterator[scrapy.Request]:
        """Requests for waiting articles, as many as the scheduler has room for.

        Every callback ends with these (`feeds_frontier`): articles go before more listings, and the scheduler
        stays about NEWSARCHIVE_QUEUE_TARGET requests deep however many links the crawl has found. (After a
        crash, what waited is found again: links of stored articles are in `article_links`, see `plan`.)
        """
        return self._article_requests(self._queue_target() - self._scheduled())

    def _queue_target(self) -> int:
        return self.crawler.settings.getint("NEWSARCHIVE_QUEUE_TARGET")

    def _scheduled(self) -> int:
        # No crawl running (a callback called on its own, as in tests): nothing to refill.
        scheduler = self.crawler.engine.scheduler if self.crawler.crawling else None
        # Scrapy's default scheduler counts its requests; with another one, refill only when idle.
        return len(scheduler) if isinstance(scheduler, Sized) else sys.maxsize

    def _article_requests(self, count: int) -> Iterator[scrapy.Request]:
        for url in self.frontier.take(count):
            request = self.article_request(url, recheck=url in self.frontier.rechecks)
            if isinstance(self.frontier, RedisFrontier):
                request.meta[lease.TAKEN_META] = self.frontier.lease_of(url)
            yield request

    def _on_idle(self) -> None:
        """Nothing scheduled or in flight: take what another spider of this crawl handed over, refill from
        the frontier (articles still waiting, say a callback raised), and stay open while a busy spider may
        still hand this edition an article."""
        for url in handover.take(self.host):
            if article := self.article_url(url):
                self.queue(article)
        handover.busy(self.name, bool(self.frontier))
        if self.frontier:
            assert self.crawler.engine is not None
            for request in self._article_requests(self._queue_target()):
                self.crawler.engine.crawl(request)
            raise DontCloseSpider
        if handover.should_wait(self.name, self.host):
            raise DontCloseSpider
        if isinstance(self.frontier, RedisFrontier) and self.frontier.work_left():
            raise DontCloseSpider  # other workers still fetch (or a dead one's leases are not due yet)

    def article_request(self, url: str, recheck: bool = False) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            meta={"article": True, "recheck": recheck},
            dont_filter=recheck,
            priority=1,  # before the listings already scheduled
        )

    def past_listing_caps(self, listing: str, page: int, url: str) -> Iterator[CrawlErrorItem] | None:
        """None if page `page` of `listing` (a listing's identity: its path and category) may be followed;
        past a cap, the rows to yield instead (one per cap and listing, the first time).

        Every run mode walks listings, so without caps a listing whose page N always links page N+1, or pages
        that always link one more new section or category, would never end: NEWSARCHIVE_MAX_LISTING_PAGES
        bounds the pages of one listing, NEWSARCHIVE_MAX_LISTINGS the listings of one run.
        """
        settings = self.crawler.settings
        if listing not in self.listings:
            if len(self.listings) >= settings.getint("NEWSARCHIVE_MAX_LISTINGS"):
                return self._cap_row("", "NEWSARCHIVE_MAX_LISTINGS", "listing_cap", url, "new listings")
            self.listings.add(listing)
        if page <= settings.getint("NEWSARCHIVE_MAX_LISTING_PAGES"):
            return None
        return self._cap_row(listing, "NEWSARCHIVE_MAX_LISTING_PAGES", "pagination_cap", url, "later pages")

    def _cap_row(
        self, listing: str, setting: str, kind: str, url: str, what: str
    ) -> Iterator[CrawlErrorItem]:
        if (kind, listing) in self.capped:
            return iter(())
        self.capped.add((kind, listing))
        limit = self.crawler.settings.getint(setting)
        where = f"listing {listing}" if listing else "this run"
        reason = f"{where} reached {setting} ({limit}): {url} and {what} not followed"
        self.logger.warning(reason)
        return iter((CrawlErrorItem(url, "fetch", reason, None, kind, False),))

    def _on_site(self, response: Response) -> bool:
        """The scope rule (`newsarchive.scope`, which already refused every request leaving the edition) on a
        page given to a callback; a start page on the edition counts towards "the source is there"."""
        if not scope.in_edition(self.profile, self.host, response.url):
            return False
        if response.meta.get("start"):
            self.crawler.stats.inc_value("newsarchive/start_ok")
        return True

    # --- articles ----------------------------------------------------------------------------------

    @feeds_frontier
    def parse_article(self, response: Response) -> Iterator[Any]:
        self.crawler.stats.inc_value("newsarchive/article_pages")
        requested = scope.requested_url(response.meta, response.url)
        # Refused by the scope middleware already; checked again here because keys never leave the edition.
        if not self._on_site(response):
            reason = f"{response.url} is off the edition {self.host}"
            yield CrawlErrorItem(requested, "fetch", reason, None, "redirect_offsite")
            return
        if not hasattr(response, "text"):
            yield CrawlErrorItem(response.url, "extract", "response is not HTML", response.status, "not_html")
            return
        try:
            record = extract_article(response.body, response.url, response.headers.get("Content-Type"))
        except NotAnArticle as exc:
            yield CrawlErrorItem(response.url, "extract", str(exc), response.status, "not_article")
            return
        if self.article_url(record["url"]) != record["url"]:
            # The page's own URL has no id and its canonical link names another host's: no key of this edition.
            reason = f"{response.url} names no article of {self.host} (its canonical URL is {record['url']})"
            yield CrawlErrorItem(requested, "extract", reason, response.status, "not_article")
            return
        if response.meta.get("redirect_urls") and record["url"] != (self.article_url(requested) or requested):
            # Keyed on the page received (its final URL), never on the one asked for; the asked-for URL backs off.
            reason = f"redirected to {response.url}: stored as {record['url']}"
            yield CrawlErrorItem(requested, "fetch", reason, None, "redirected", False, record["url"])
        if record["published_at"] is None:
            # Stored all the same (losing the text would be worse), but the operator must hear of it.
            yield CrawlErrorItem(
                record["url"],
                "extract",
                "no publication date found; stored without date",
                None,
                "no_date",
                False,
            )
        yield ArticleItem(record, self.queue_links(response, exclude=record["url"]))
        if self.images is not None:  # None: a callback called outside a crawl (tests)
            yield from self.images.requests(self, record)

    def parse_image(self, response: Response) -> Iterator[Any]:
        assert self.images is not None
        yield from self.images.parse(response)

    def on_image_error(self, failure: Failure) -> Iterator[Any]:
        assert self.images is not None
        yield from self.images.failed(failure, self.on_error(failure))

    @feeds_frontier
    def on_error(self, failure: Failure) -> Iterator[Any]:
        """A failed request as a row. Errback output bypasses spider middlewares (`newsarchive.failures`), so
        an exception while classifying the failure is recorded here, never a traceback."""
        request = failure.request  # type: ignore[attr-defined]
        try:
            yield from self._failure_items(failure, request)
        except Exception as exc:
            url = scope.requested_url(request.meta, request.url)
            self.logger.warning("Could not record the failure of %s: %s", url, one_line(exc))
            yield CrawlErrorItem(url, "fetch", one_line(exc), None, "errback_error")

    def _failure_items(self, failure: Failure, request: scrapy.Request) -> Iterator[Any]:
        url = scope.requested_url(request.meta, request.url)
        if request.meta.get("article"):
            self.crawler.stats.inc_value("newsarchive/article_pages")
        if failure.check(scope.OutOfScope):
            out: scope.OutOfScope = failure.value  # type: ignore[assignment]
            self.logger.warning("%s: %s", out.requested, out.reason)
            # Another edition's or the successor's article is not a failure of this one: it is handed over.
            failed = out.kind not in scope.HANDED_OVER
            if not failed:
                handover.offer(out.target)
                if out.kind == scope.SUCCESSOR and request.meta.get("start"):
                    self.crawler.stats.set_value("newsarchive/moved_to", urlsplit(out.target).hostname)
            yield CrawlErrorItem(out.requested, "fetch", out.reason, None, out.kind, failed, out.target)
            return
        if failure.check(TLSFailure):
            # Said on stderr too: when a start page fails so, "the source looks gone" must not stand alone.
            self.logger.error("%s: %s", url, failure.getErrorMessage())
            yield CrawlErrorItem(url, "fetch", failure.getErrorMessage(), None, "tls")
            return
        if failure.check(HttpError):
            response = failure.value.response
            status = response.status
            if request.meta.get("recheck") and status in (404, 410):
                yield GoneItem(url, status)
                return
            where = f" at {response.url}" if response.url != url else ""
            yield CrawlErrorItem(url, "fetch", f"HTTP {status}{where}", status, f"http_{status}")
            return
        if failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
            self.logger.info("Forbidden by robots.txt: %s", url)
            return
        message = failure.getErrorMessage()
        reason = f"{failure.type.__name__}: {message}" if failure.type else message
        if failure.check(TwistedTimeoutError, DownloadTimeoutError):
            kind = "timeout"
        elif failure.check(IgnoreRequest) and "redirect" in message:
            kind = "redirect_loop"
        elif failure.check(DownloadCancelledError) or "DOWNLOAD_MAXSIZE" in message:
            # Scrapy cancels a body past the limit (an empty message when it was streaming) and refuses one
            # that inflates past it (IgnoreRequest): either way the page is too large, and the reason says so.
            kind = "too_large"
            limit = request.meta.get("download_maxsize", self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            reason = f"body over DOWNLOAD_MAXSIZE ({limit} bytes)" + (f": {message}" if message else "")
        else:
            kind = failure.type.__name__ if failure.type else "error"
        yield CrawlErrorItem(url, "fetch", reason, None, kind)
