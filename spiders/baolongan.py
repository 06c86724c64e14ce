"""Báo Long An base spider: discovery (home, section listings with ?p= pages, RSS, inline links) and articles.

Both editions share the CMS and one id counter; each edition spider only sets its host and language.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newsarchive.extract import NotAnArticle, extract_article
from newsarchive.items import ArticleItem, CrawlErrorItem
from newsarchive.sites import BAOLONGAN

# Section listings are `/{section}/` and `/{section}/{subsection}/`, paginated with `?p=N`.
LISTING_PATH = re.compile(r"^/[a-z0-9-]+/(?:[a-z0-9-]+/)?$")


class BaoLongAnSpider(scrapy.Spider):
    site = "baolongan"
    profile = BAOLONGAN
    host: str  # canonical edition host, e.g. "baolongan.vn"
    lang: str

    async def start(self) -> AsyncIterator[Any]:
        yield scrapy.Request(f"https://{self.host}/", callback=self.parse, errback=self.on_error)
        yield scrapy.Request(
            f"https://{self.host}/rss/home.rss", callback=self.parse_rss, errback=self.on_error
        )

    # --- discovery ---------------------------------------------------------------------------------

    def parse(self, response: Response) -> Iterator[Any]:
        """Home page and section listings: every article link, every listing page (sections, ?p=N)."""
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            article = self.article_url(url)
            if article:
                yield self.article_request(article)
                continue
            listing = self.listing_url(url)
            if listing:
                yield scrapy.Request(listing, callback=self.parse, errback=self.on_error)

    def parse_rss(self, response: Response) -> Iterator[Any]:
        for link in response.xpath("//item/link/text() | //item/guid/text()").getall():
            article = self.article_url(link.strip())
            if article:
                yield self.article_request(article)

    def article_url(self, url: str) -> str | None:
        """Canonical article URL of this edition (any scheme, with or without www.), else None."""
        canonical = self.profile.canonical_article_url(url)
        return canonical if canonical and urlsplit(canonical).hostname == self.host else None

    def listing_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        if self.profile.canonical_host(parts.hostname or "") != self.host or not LISTING_PATH.match(
            parts.path
        ):
            return None
        if parts.path == "/":
            return None
        page = (parse_qs(parts.query).get("p") or ["1"])[0]
        suffix = f"?p={page}" if page.isdigit() and int(page) > 1 else ""
        return f"https://{self.host}{parts.path}{suffix}"

    def article_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error)

    # --- articles ----------------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        if not hasattr(response, "text"):
            yield CrawlErrorItem(response.url, "extract", "response is not text/HTML", response.status)
            return
        try:
            record = extract_article(response.text, response.url)
        except NotAnArticle as exc:
            yield CrawlErrorItem(response.url, "extract", str(exc), response.status)
            return
        if record["published_at"] is None:
            # Stored all the same (losing the text would be worse), but the operator must hear of it.
            yield CrawlErrorItem(record["url"], "extract", "no publication date found; stored without date")
        yield ArticleItem(record)
        # Inline links in bodies and related boxes reach older articles that listings no longer show.
        for href in response.css("a::attr(href)").getall():
            article = self.article_url(response.urljoin(href.strip()))
            if article:
                yield self.article_request(article)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        url = request.meta.get("mirror_original_url", request.url)
        if failure.check(HttpError):
            response = failure.value.response
            yield CrawlErrorItem(response.url, "fetch", f"HTTP {response.status}", response.status)
        elif failure.check(scrapy.exceptions.IgnoreRequest):
            self.logger.info("Ignored %s: %s", url, failure.value)
        else:
            yield CrawlErrorItem(url, "fetch", f"{failure.type.__name__}: {failure.getErrorMessage()}")
