"""Send requests for the real sites to the local mirror, and hand spiders back responses under real URLs.

Enabled by the MIRROR_URL setting (`newsarchive crawl --mirror` sets it); spiders never know the difference,
so the mirror is chosen by a setting, never by editing code.

Hosts are mapped explicitly, redirects included: every mirror request carries the real URL it stands for
(`mirror_original_url`). A redirect to a real URL is sent to the mirror like any request; a relative one, or one
to the mirror's own base, stays on the mirror, and stands for the same path on the real host of the request
it came from — never for the URL first requested.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

ORIGINAL = "mirror_original_url"


def on_mirror(url: str, mirror: str) -> bool:
    return bool(mirror) and (url == mirror or url.startswith((mirror + "/", mirror + "?")))


def real_url(url: str, meta: Mapping[str, Any], mirror: str) -> str:
    """The real URL a request for `url` stands for: `url` itself unless it is on the mirror, where its path
    and query are on the real scheme and host of the request it came from (`meta`)."""
    original = meta.get(ORIGINAL)
    if not original or not on_mirror(url, mirror):
        return url
    real = urlsplit(original)
    return f"{real.scheme}://{real.netloc}{url[len(mirror) :] or '/'}"


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
        if on_mirror(request.url, self.mirror):
            # Already rewritten (a retry), or a redirect that stayed on the mirror: map it from its own path.
            if ORIGINAL in request.meta:
                request.meta[ORIGINAL] = real_url(request.url, request.meta, self.mirror)
            return None
        parts = urlsplit(request.url)
        target = self.mirror + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = request.headers.copy()
        headers["Host"] = parts.hostname or ""
        return request.replace(
            url=target,
            headers=headers,
            meta={**request.meta, ORIGINAL: request.url},
            dont_filter=True,
        )

    def process_response(self, request: Request, response: Response) -> Response:
        original = request.meta.get(ORIGINAL)
        if original and on_mirror(response.url, self.mirror):
            return response.replace(url=original)
        return response
