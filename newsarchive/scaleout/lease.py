"""The shared request queue with leases: a request a worker pops stays in Redis until its outcome is handled.

scrapy-redis removes a request from Redis when a worker pops it, and its fingerprint stays in the dupefilter,
so a request lost with its worker would never be queued again. Here popping moves the request into a lease
(a sorted set scored by deadline); the worker that holds it renews the deadline every second and removes
the lease once Scrapy is done with the request (its callback's output handled, or the retry or redirect that
replaced it queued). A lease whose deadline passed belongs to a worker that died or hung: any live worker
puts the request back in the queue, bypassing the dupefilter. Article URLs taken from the shared frontier
(`spiders.frontier.RedisFrontier`) are leased the same way until their requests are queued.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from typing import Any

import redis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from .keys import RunKeys, connect, dumps

logger = logging.getLogger(__name__)
LEASE_SECONDS = 30.0  # default NEWSARCHIVE_LEASE_SECONDS: a worker silent this long is taken for dead
POLL_SECONDS = 0.1  # how often an idle worker looks at the shared queue (Scrapy's own heartbeat is 5 s)

# Pop the first request (lowest score) into the lease set as "<score>|<holder>|<request>".
POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local member = top[2] .. '|' .. ARGV[2] .. '|' .. top[1]
redis.call('ZADD', KEYS[2], ARGV[1], member)
return member
"""
# Put expired leases back in the queue (straight into the sorted set: the dupefilter has seen them).
REQUEUE = """
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, member in ipairs(expired) do
  local a = string.find(member, '|', 1, true)
  local b = string.find(member, '|', a + 1, true)
  redis.call('ZADD', KEYS[2], tonumber(string.sub(member, 1, a - 1)), string.sub(member, b + 1))
  redis.call('ZREM', KEYS[1], member)
end
return #expired
"""
# Frontier: add a URL once per run (its digest in `seen`), newest last.
ADD = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
if ARGV[3] == '1' then redis.call('SADD', KEYS[3], ARGV[2]) end
return 1
"""
# Frontier: take up to N URLs, newest first, each leased as "<holder>|<url>" until its request is queued.
TAKE = """
local urls = redis.call('RPOP', KEYS[1], ARGV[1])
if not urls then return {} end
for _, url in ipairs(urls) do redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3] .. '|' .. url) end
return urls
"""
REQUEUE_TAKEN = """
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, member in ipairs(expired) do
  local a = string.find(member, '|', 1, true)
  redis.call('RPUSH', KEYS[2], string.sub(member, a + 1))
  redis.call('ZREM', KEYS[1], member)
end
return #expired
"""


class Worker:
    """This process's identity in the run and its heartbeat: it renews its own leases and requeues
    expired ones (every spider of the process shares one)."""

    def __init__(self, client: redis.Redis, keys: RunKeys, lease_seconds: float) -> None:
        self.client = client
        self.keys = keys
        self.lease_seconds = lease_seconds
        self.id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}".replace("|", "-")
        self.held: dict[str, set[bytes]] = {}  # lease key -> members this worker holds
        self.spiders: set[str] = set()  # spiders whose leases this worker requeues when expired
        self.requeued = 0
        self.stats: dict[str, Any] = {}  # spider -> its crawler's stats, sent every beat
        self.scripts = {name: client.register_script(body) for name, body in SCRIPTS.items()}
        self.timer: task.LoopingCall | None = None

    def deadline(self) -> float:
        return time.time() + self.lease_seconds

    def hold(self, key: str, member: bytes) -> None:
        self.held.setdefault(key, set()).add(member)

    def release(self, key: str, member: bytes) -> None:
        self.held.get(key, set()).discard(member)
        self.client.zrem(key, member)

    def start(self) -> None:
        if self.timer is None:
            self.beat()
            self.timer = task.LoopingCall(self.beat)
            self.timer.start(1.0, now=False)

    def report(self, spider: str) -> None:
        """Send the spider's stats so far: the run's row counts a worker killed later too."""
        self.client.hset(self.keys.spider(spider, "stats"), self.id, numeric_stats(self.stats[spider]))

    def beat(self) -> None:
        """Renew this worker's heartbeat and leases, send its stats; requeue the expired leases of dead workers."""
        deadline = self.deadline()
        pipe = self.client.pipeline(transaction=False)
        pipe.hset(self.keys.workers, self.id, deadline)
        for spider, stats in self.stats.items():
            pipe.hset(self.keys.spider(spider, "stats"), self.id, numeric_stats(stats))
        for key, members in self.held.items():
            if members:
                pipe.zadd(key, dict.fromkeys(members, deadline), xx=True)
        pipe.execute()
        now = time.time()
        for spider in self.spiders:
            moved = self.scripts["requeue"](
                keys=[self.keys.spider(spider, "lease"), self.keys.spider(spider, "requests")], args=[now]
            )
            moved += self.scripts["requeue_taken"](
                keys=[self.keys.spider(spider, "taken"), self.keys.spider(spider, "waiting")], args=[now]
            )
            if moved:
                logger.warning("Requeued %d requests of %s left by a worker that stopped", moved, spider)
                self.requeued += moved
                self.client.hincrby(self.keys.report, "requeued", moved)

    def stop(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.client.hdel(self.keys.workers, self.id)


def numeric_stats(stats: Any) -> bytes:
    """A crawler's stats that are numbers or text, as JSON."""
    return dumps({k: v for k, v in stats.get_stats().items() if isinstance(v, int | float | str)})


SCRIPTS = {"pop": POP, "requeue": REQUEUE, "add": ADD, "take": TAKE, "requeue_taken": REQUEUE_TAKEN}
_worker: Worker | None = None


def worker_for(crawler: Crawler) -> Worker:
    """The process's `Worker` (one for every spider of the process)."""
    global _worker
    settings = crawler.settings
    if _worker is None:
        _worker = Worker(
            connect(settings.get("REDIS_URL")),
            RunKeys(settings.get("NEWSARCHIVE_REDIS_RUN")),
            settings.getfloat("NEWSARCHIVE_LEASE_SECONDS", LEASE_SECONDS),
        )
        _worker.start()
    return _worker


def stop_worker() -> None:
    global _worker
    if _worker is not None:
        _worker.stop()
        _worker = None


class LeasingQueue(PriorityQueue):
    """scrapy-redis's priority queue, popping into a lease."""

    worker: Worker

    def pop(self, timeout: int = 0) -> Request | None:
        lease_key = self.key.rsplit(":", 1)[0] + ":lease"
        member = self.worker.scripts["pop"](
            keys=[self.key, lease_key], args=[self.worker.deadline(), self.worker.id]
        )
        if not member:
            return None
        self.worker.hold(lease_key, member)
        raw = member.split(b"|", 2)[2]
        request = self._decode_request(raw)
        request.meta[LEASE_META] = member
        return request


LEASE_META = "newsarchive_lease"
TAKEN_META = "newsarchive_taken"  # the frontier lease of an article request, released once it is queued


class LeasingScheduler(Scheduler):
    """scrapy-redis's scheduler with leases; the engine's "request done" releases them."""

    crawler: Crawler
    worker: Worker
    poll: task.LoopingCall

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeasingScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = worker_for(crawler)
        return scheduler

    def open(self, spider: Any) -> None:
        super().open(spider)
        self.queue.worker = self.worker
        self.lease_key = self.queue.key.rsplit(":", 1)[0] + ":lease"
        self.worker.spiders.add(spider.name)
        self.worker.stats[spider.name] = self.crawler.stats
        engine = self.crawler.engine
        # Scrapy (pinned) has no signal for "this request's outcome is handled"; its engine slot's
        # remove_request is exactly that point (after the callback's output, or after queueing the request
        # a downloader middleware returned instead of a response).
        slot = engine._slot
        assert slot is not None
        remove: Callable[[Request], None] = slot.remove_request

        def removed(request: Request) -> None:
            remove(request)
            member = request.meta.get(LEASE_META)
            if request.meta.get("start"):  # whether the source is there must not die with this worker
                self.worker.report(spider.name)
            if member is not None:
                self.worker.release(self.lease_key, member)

        slot.remove_request = removed  # type: ignore[method-assign]
        # Requests other workers queue reach this one within POLL_SECONDS, not Scrapy's 5 s heartbeat.
        self.poll = task.LoopingCall(slot.nextcall.schedule)
        self.poll.start(POLL_SECONDS, now=False)

    def close(self, reason: str) -> None:
        if self.poll.running:
            self.poll.stop()
        super().close(reason)

    def enqueue_request(self, request: Request) -> bool:
        taken = request.meta.pop(TAKEN_META, None)
        request.meta.pop(LEASE_META, None)  # a retry or redirect of a leased request: a new lease when popped
        queued = bool(super().enqueue_request(request))
        if taken is not None:
            self.worker.release(self.queue.key.rsplit(":", 1)[0] + ":taken", taken)
        return queued
