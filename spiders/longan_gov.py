"""Long An provincial portal base spider (SharePoint 2013): news listings per category with PageIndex pages,
and `DispForm.aspx?ID=N` articles.

SharePoint ignores case in paths and parameters, and the portal prints category links double-encoded
(`V%25u0103n`) or already broken to U+FFFD: listing URLs are rebuilt from the decoded category name (or the
link text when the name is mangled) with UTF-8 percent-encoding, and deduplicated case-insensitively;
article URLs are canonicalized to the `ID` parameter (`sites.LONGAN_GOV`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import scrapy
from scrapy.http import Response

from newsarchive.normalize import clean_text
from newsarchive.sites import LONGAN_GOV, is_mangled, query_param
from spiders.base import NewsSpider, feeds_frontier

NEWS_LIST = "/Lists/TinTucSuKien/TongQuat.aspx"


class LongAnGovSpider(NewsSpider):
    """Discovery is the portal's own; plan, article pages and failures come from the shared base."""

    site = "longan_gov"
    profile = LONGAN_GOV
    listing_paths: tuple[str, ...] = (NEWS_LIST,)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen_listings: set[str] = set()

    def entry_requests(self) -> list[scrapy.Request]:
        urls = (f"https://{self.host}/", f"https://{self.host}{NEWS_LIST}")
        self.seen_listings.update(url.casefold() for url in urls)
        return [scrapy.Request(url, callback=self.parse, errback=self.on_error) for url in urls]

    @feeds_frontier
    def parse(self, response: Response) -> Iterator[Any]:
        """Home, category pages and listings: every article link, every category and listing page."""
        if not self._on_site(response):
            return
        for link in response.css("a[href]"):
            url = response.urljoin((link.attrib.get("href") or "").strip())
            article = self.article_url(url)
            if article:
                self.queue(article)
                continue
            listing = self.listing_url(url, clean_text(" ".join(link.css("::text").getall())))
            if listing and listing.casefold() not in self.seen_listings:
                self.seen_listings.add(listing.casefold())
                parts = urlsplit(listing)
                category = query_param(parts.query, "CategoryId") or ""
                page = int(query_param(parts.query, "PageIndex") or "1")
                capped = self.past_listing_caps(f"{parts.path}?CategoryId={category}".casefold(), page, listing)
                if capped is not None:
                    yield from capped
                else:
                    yield scrapy.Request(listing, callback=self.parse, errback=self.on_error)

    def listing_url(self, url: str, text: str = "") -> str | None:
        """`…/lists/tintucsukien/tongquat.aspx?categoryid=V%25u0103n+h%25u00f3a` with text `Văn hóa` →
        `https://www.longan.gov.vn/Lists/TinTucSuKien/TongQuat.aspx?CategoryId=V%C4%83n%20h%C3%B3a`."""
        parts = urlsplit(url)
        if self.profile.canonical_host(parts.hostname or "") != self.profile.canonical_host(self.host):
            return None
        path = next((p for p in self.listing_paths if p.lower() == parts.path.lower()), None)
        if path is None:
            return None
        name = query_param(parts.query, "CategoryId")
        if name is not None and is_mangled(name):
            name = text if text and not is_mangled(text) else None
            if name is None:
                return None  # a mangled link without a usable name is never followed
        query = [f"CategoryId={quote(name, safe=',')}"] if name else []
        page = query_param(parts.query, "PageIndex") or ""
        if page.isdigit() and int(page) > 1:
            query.append(f"PageIndex={int(page)}")
        return f"https://{self.host}{path}" + ("?" + "&".join(query) if query else "")
