"""The Báo Long An CMS family: discovery from the home page, section listings with ?p= pages, the RSS feed
and inline links.

Báo Long An and Báo Tây Ninh run the same CMS (`{slug}-a{id}.html`, `content-fck`, `/rss/home.rss`); each is a
profile in `newsarchive.sites` plus a thin site spider naming it, and one module per edition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy.http import Response

from spiders.base import NewsSpider, feeds_frontier

# Section listings are `/{section}/` and `/{section}/{subsection}/`, paginated with `?p=N`.
LISTING_PATH = re.compile(r"^/[a-z0-9-]+/(?:[a-z0-9-]+/)?$")


class BaoLongAnCMSSpider(NewsSpider):
    """Discovery for any site on the CMS; a subclass sets `site` and `profile`."""

    def entry_requests(self) -> list[scrapy.Request]:
        """Home page and RSS feed."""
        return [
            scrapy.Request(f"https://{self.host}/", callback=self.parse, errback=self.on_error),
            scrapy.Request(
                f"https://{self.host}/rss/home.rss", callback=self.parse_rss, errback=self.on_error
            ),
        ]

    @feeds_frontier
    def parse(self, response: Response) -> Iterator[Any]:
        """Home page and section listings: article links, sections, and (while new articles turn up) the next page.

        Incremental runs count archived articles in a row down a listing, across its pages (the count rides on
        the next page's request): after `stop_after` of them the listing is not paged further.
        """
        if not self._on_site(response):
            return
        archived_run = response.meta.get("archived_run", 0)
        listings = []
        for url in self.links(response):
            article = self.article_url(url)
            if article:
                archived_run = archived_run + 1 if self.queue(article) else 0
            elif listing := self.listing_url(url):
                listings.append(listing)
        for listing in dict.fromkeys(listings):
            parts = urlsplit(listing)
            capped = self.past_listing_caps(
                parts.path, int((parse_qs(parts.query).get("p") or ["1"])[0]), listing
            )
            if capped is not None:
                yield from capped
            elif self.follow_listing(response.url, listing, archived_run):
                yield scrapy.Request(
                    listing, callback=self.parse, errback=self.on_error, meta={"archived_run": archived_run}
                )

    def follow_listing(self, current: str, listing: str, archived_run: int) -> bool:
        """Incremental runs follow section roots, and a listing's next page only until a run of archived articles."""
        if not self.plan.stops_listings or "?p=" not in listing:
            return True
        here, there = urlsplit(current), urlsplit(listing)
        if here.path != there.path:
            return False  # page N of another section: reached from that section's own pages
        page = int((parse_qs(here.query).get("p") or ["1"])[0])
        return there.query == f"p={page + 1}" and archived_run < self.plan.stop_after

    @feeds_frontier
    def parse_rss(self, response: Response) -> None:
        """The feed's article links wait in the frontier; the requests come from `feeds_frontier`."""
        if not self._on_site(response):
            return
        for link in response.xpath("//item/link/text() | //item/guid/text()").getall():
            article = self.article_url(link.strip())
            if article:
                self.queue(article)

    def listing_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        if self.profile.canonical_host(parts.hostname or "") != self.host or not LISTING_PATH.match(
            parts.path
        ):
            return None
        page = (parse_qs(parts.query).get("p") or ["1"])[0]
        suffix = f"?p={page}" if page.isdigit() and int(page) > 1 else ""
        return f"https://{self.host}{parts.path}{suffix}"
