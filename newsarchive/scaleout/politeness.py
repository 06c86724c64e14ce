"""One politeness budget per site host for every worker of every machine, kept in Redis.

AutoThrottle and DOWNLOAD_DELAY pace one process: N workers would send N times the requests. Here each
request first books the next free slot of its host in Redis (slots `1/R` apart, on Redis's clock, so
machines' clocks do not matter) and waits for it, so the workers together send at most R requests a
second to a host. Slots sit a little further apart than `1/R` (`MARGIN`): what leaves the workers on time
still reaches the site with a few milliseconds of jitter, and the site must never see more than R.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from ..mirror_middleware import ORIGINAL
from .keys import PREFIX, connect

MARGIN = 0.05
# Book the host's next slot: at least `interval` after the last one booked, never in the past.
BOOK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%.6f', slot), 'PX', math.ceil((slot - now) * 1000) + 60000)
return string.format('%.6f', slot - now)
"""


def rate_for(crawler: Crawler) -> float:
    """Requests per second per host: NEWSARCHIVE_RATE_LIMIT, else what DOWNLOAD_DELAY allows one process
    (0: no limit, as against the local mirror)."""
    settings = crawler.settings
    rate = settings.getfloat("NEWSARCHIVE_RATE_LIMIT", 0.0)
    delay = settings.getfloat("DOWNLOAD_DELAY", 0.0)
    return rate if rate > 0 else (1.0 / delay if delay > 0 else 0.0)


class SharedRateLimit:
    """A downloader middleware: waits for the request's slot in its host's shared budget."""

    def __init__(self, crawler: Crawler, rate: float) -> None:
        self.client = connect(crawler.settings.get("REDIS_URL"))
        self.interval = (1.0 + MARGIN) / rate
        self.book = self.client.register_script(BOOK)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedRateLimit:
        if not crawler.settings.get("NEWSARCHIVE_REDIS_RUN"):
            raise NotConfigured("not a distributed run")
        rate = rate_for(crawler)
        if rate <= 0:
            raise NotConfigured("no shared rate limit")
        return cls(crawler, rate)

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.meta.get(ORIGINAL, request.url)).hostname or ""
        wait = float(self.book(keys=[f"{PREFIX}:polite:{host}"], args=[self.interval]))
        if wait > 0:
            from twisted.internet import reactor  # the one Scrapy installed

            self.stats.inc_value("newsarchive/polite_wait_ms", int(wait * 1000))
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))  # type: ignore[arg-type]
