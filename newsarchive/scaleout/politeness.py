"""One politeness budget per site host for every worker of every machine, kept in Redis.

AutoThrottle and DOWNLOAD_DELAY pace one process: N workers would send N times the requests. Here a request
may leave only once its host's last request left at least `1/R` before (on Redis's clock, so machines'
clocks do not matter); otherwise it sleeps until then and asks again. So the workers together send at most
R requests a second to a host (`www.` or not: one site). Asking when ready, rather than booking a slot
ahead, keeps a worker's late timer (a busy CPU) from bunching requests. The gap is `MARGIN` wider than
`1/R` for what still differs on the way (the downloader, the network): the workers ask at most R / 1.1.
"""

from __future__ import annotations

import random
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from ..mirror_middleware import ORIGINAL
from .keys import PREFIX, connect

MARGIN = 0.1
# Take the host's turn if its last request left `interval` ago or more (0), else say how long to wait.
TAKE_TURN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local wait = last + tonumber(ARGV[1]) - now
if wait > 0 then return string.format('%.6f', wait) end
redis.call('SET', KEYS[1], string.format('%.6f', now), 'PX', 60000)
return '0'
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
        self.take_turn = self.client.register_script(TAKE_TURN)
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
        host = host.removeprefix("www.")  # one site, one budget
        key = f"{PREFIX}:polite:{host}"
        from twisted.internet import reactor  # the one Scrapy installed

        waited = 0.0
        while (wait := float(self.take_turn(keys=[key], args=[self.interval]))) > 0:
            wait += random.uniform(0, 0.003)  # waiters of one host do not all ask again at once
            waited += wait
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))  # type: ignore[arg-type]
        if waited:
            self.stats.inc_value("newsarchive/polite_wait_ms", int(waited * 1000))
