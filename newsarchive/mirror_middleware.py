"""Send requests for the real sites to the local mirror, and hand spiders back responses under real URLs.

Enabled by the MIRROR_URL setting (`newsarchive crawl --mirror` sets it); spiders never know the difference,
so the mirror is chosen by a setting, never by editing code.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response


class MirrorMiddleware:
    def __init__(self, mirror_url: str) -> None:
        self.mirror = mirror_url.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MirrorMiddleware:
        mirror_url = crawler.settings.get("MIRROR_URL")
        if not mirror_url:
            raise NotConfigured("MIRROR_URL not set: crawling the real sites")
        return cls(mirror_url)

    def process_request(self, request: Request) -> Request | None:
        if request.url.startswith(self.mirror):  # already rewritten (retries keep the mirror URL)
            return None
        parts = urlsplit(request.url)
        target = self.mirror + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = request.headers.copy()
        headers["Host"] = parts.hostname or ""
        return request.replace(
            url=target,
            headers=headers,
            meta={**request.meta, "mirror_original_url": request.url},
            dont_filter=True,
        )

    def process_response(self, request: Request, response: Response) -> Response:
        original = request.meta.get("mirror_original_url")
        if original and response.url.startswith(self.mirror):
            return response.replace(url=original)
        return response
