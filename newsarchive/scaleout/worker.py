"""`newsarchive crawl --redis URL`: the spiders as scrapy-redis workers that never open archive.db.

A worker joins the active run (or asks for one), waits for the writer's plan, and crawls with the shared
queue, dupefilter, frontier and politeness budget. What a local crawl writes to SQLite, a worker sends to the
writer as messages on the run's item list, in the order it made them: captures (WARC records go to the shared
captures directory; the message holds their file and offset), articles, errors, images, and at the end its
stats. A capture is named by a token (negative, so it can never be a row id) until the writer stores it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import sys
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import redis
from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess

from .. import capture_middleware
from ..captures import CaptureWriter, Exchange
from ..crawl import MIRROR_OVERRIDES, mirror_server, project_settings
from ..images import ImageFetcher, ImageItem
from ..items import ArticleItem, CrawlErrorItem, GoneItem
from ..plan import ArchivedUrls, CrawlPlan
from . import lease
from .keys import ACTIVE, RunKeys, connect, digest, dumps, loads

logger = logging.getLogger(__name__)
WAIT_NOTICE_SECONDS = 3.0


def capture_token(record_id: str) -> int:
    """The stand-in id of a capture a worker wrote: negative, 56 bits of its WARC-Record-ID."""
    return -int.from_bytes(hashlib.blake2b(record_id.encode(), digest_size=7).digest(), "big") - 1


# --- joining a run -------------------------------------------------------------------------------------


def join_run(client: redis.Redis, request: Mapping[str, Any]) -> str:
    """The active run's name; when there is none, a new run asking for `request` (spiders and options)."""
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    keys = RunKeys(name)
    client.set(keys.request, dumps(dict(request)))
    if client.set(ACTIVE, name, nx=True):
        return name
    client.delete(keys.request)
    active = client.get(ACTIVE)
    if active is None:  # the run just finished: ask again
        return join_run(client, request)
    return cast(bytes, active).decode()


def wait_for_plan(client: redis.Redis, keys: RunKeys, notice: float = WAIT_NOTICE_SECONDS) -> dict[str, Any]:
    """The writer's plan of the run (run ids and modes, the captures directory), once it is published."""
    started = time.monotonic()
    said = False
    while (ready := client.hget(keys.plan, "ready")) is None:
        if not said and time.monotonic() - started > notice:
            print(
                f"Waiting for the writer (newsarchive ingest --redis …) to plan run {keys.run}",
                file=sys.stderr,
            )
            said = True
        time.sleep(0.2)
    return cast(dict[str, Any], loads(ready))


# --- what a spider asks of the writer --------------------------------------------------------------------


class RedisArchived(ArchivedUrls):
    """`url in archived` asked of the set of digests the writer published when it planned the run; that
    snapshot does not change during the run, so each answer is asked once."""

    def __init__(self, client: redis.Redis, key: str) -> None:
        super().__init__()
        self.client, self.key = client, key
        self.answers: dict[bytes, bool] = {}

    def __contains__(self, url: object) -> bool:
        key = digest(str(url))
        if key not in self.answers:
            self.answers[key] = bool(self.client.sismember(self.key, key))  # type: ignore[arg-type]
        return self.answers[key]

    def close(self) -> None:
        return None


def plan_for(crawler: Crawler, spider: str) -> CrawlPlan:
    """The spider's plan as the writer made it; one worker (the first) gets the URLs to seed the frontier."""
    worker = lease.worker_for(crawler)
    client, keys = worker.client, worker.keys
    info = loads(cast(bytes, client.hget(keys.plan, spider)))
    backing_off = frozenset(
        url.decode() for url in cast(set[bytes], client.smembers(keys.spider(spider, "backing_off")))
    )
    recheck: tuple[str, ...] = ()
    frontier: tuple[str, ...] = ()
    if client.set(keys.spider(spider, "seeded"), worker.id, nx=True):
        seeds = loads(cast(bytes, client.get(keys.spider(spider, "seeds"))))
        recheck, frontier = tuple(seeds["recheck"]), tuple(seeds["frontier"])
    crawler.stats.set_value("newsarchive/run_id", info["run_id"])
    stop_after = crawler.settings.getint("NEWSARCHIVE_STOP_AFTER", 10)
    archived = RedisArchived(client, keys.spider(spider, "archived"))
    return CrawlPlan(info["mode"], stop_after, archived, recheck, frontier, backing_off)


# The image's values if it was fetched in this run, else the page's spelling waits for it (kept for the
# run: a worker killed before sending the image's rows leaves its request to another, which needs them).
CLAIM = """
local done = redis.call('HGET', KEYS[1], ARGV[1])
if done then return done end
redis.call('RPUSH', KEYS[2], ARGV[2])
return false
"""
FINISH = """
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return redis.call('LRANGE', KEYS[2], 0, -1)
"""


class RemoteImageFetcher(ImageFetcher):
    """Images fetched once per run over all workers: a worker asks Redis whether an image is known (its
    values), else leaves the page's spelling there and requests it, the shared dupefilter dropping the
    request when another worker made it (a request a killed worker never queued is made again so)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        worker = lease.worker_for(crawler)
        self.client, self.keys = worker.client, worker.keys
        self.claim = self.client.register_script(CLAIM)
        self.finish = self.client.register_script(FINISH)

    def _known(self, url: str, request_url: str) -> ImageItem | None:
        key = digest(request_url)
        done = self.claim(keys=[self.keys.images, self.keys.image_spellings(key)], args=[key, url])
        return ImageItem(url, **loads(done)) if done else None

    def _claim(self, request_url: str, url: str) -> bool:
        return True

    def _spellings(self, request_url: str, item: ImageItem | None = None) -> list[str]:
        key = digest(request_url)
        values = dataclasses.asdict(item) if item is not None else None
        if values is not None:
            del values["url"]
        found = self.finish(
            keys=[self.keys.images, self.keys.image_spellings(key)],
            args=[key, dumps(values) if values else ""],
        )
        return [s.decode() for s in found] or [request_url]


# --- what a worker sends the writer -----------------------------------------------------------------------


def message(item: Any) -> dict[str, Any]:
    """An item as the writer's message (JSON), tagged with its kind."""
    if isinstance(item, ArticleItem):
        return {"t": "article", "record": dict(item.record), "links": item.links, "capture": item.capture_id}
    if isinstance(item, CrawlErrorItem | GoneItem | ImageItem):
        kind = {CrawlErrorItem: "error", GoneItem: "gone", ImageItem: "image"}[type(item)]
        return {"t": kind, **dataclasses.asdict(item)}
    raise TypeError(f"unknown item type {type(item).__name__}")


class RedisItemPipeline:
    """Sends every item to the writer (the run's item list) instead of storing it."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        worker = lease.worker_for(crawler)
        self.worker, self.client, self.keys = worker, worker.client, worker.keys

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisItemPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        self.spider = spider.name
        info = loads(cast(bytes, self.client.hget(self.keys.plan, spider.name)))
        self.crawler.stats.set_value("newsarchive/run_id", info["run_id"])

    def process_item(self, item: Any) -> Any:
        self.client.rpush(self.keys.items, dumps({**message(item), "spider": self.spider}))
        return item

    def spider_closed(self, spider: object, reason: str) -> None:
        """The worker's stats of the spider, for the run's row (pages, start pages reached, …)."""
        stats = loads(lease.numeric_stats(self.crawler.stats))
        closed = {
            "t": "closed",
            "spider": self.spider,
            "worker": self.worker.id,
            "reason": reason,
            "stats": stats,
        }
        self.client.rpush(self.keys.items, dumps(closed))


class RemoteCaptureWriter(CaptureWriter):
    """WARC files in the shared captures directory; each record's row goes to the writer as a message."""

    def __init__(
        self,
        worker: lease.Worker,
        directory: Path,
        name: str,
        run_id: int | None,
        info: dict[str, Any],
        max_bytes: int,
    ) -> None:
        super().__init__(cast(Any, None), directory, f"{name}-{worker.id}", run_id, info, max_bytes)
        self.client, self.keys = worker.client, worker.keys

    def _stored_payload(self, digest: str) -> dict[str, Any] | None:
        """The run's first full response with this payload (whichever worker wrote it)."""
        found = self.client.hget(self.keys.payloads, digest)
        if found is None:
            return None
        row = cast(dict[str, Any], loads(found))
        if row["warc_file"] in self.present or (self.directory / row["warc_file"]).exists():
            self.present.add(row["warc_file"])
            return row
        return None

    def _record_row(self, row: dict[str, Any]) -> int:
        token = capture_token(row["warc_record_id"])
        self.client.rpush(self.keys.items, dumps({"t": "capture", "token": token, "row": row}))
        if row["record_type"] == "response":  # after its message: a revisit never precedes its original
            original = {"id": token, **{k: row[k] for k in ("url", "fetched_at", "warc_file")}}
            self.client.hsetnx(self.keys.payloads, row["payload_digest"], dumps(original))
        return token


class RedisCaptureMiddleware(capture_middleware.CaptureMiddleware):
    """The capture middleware of a worker: the same WARC records, rows sent to the writer."""

    def _writer(self) -> CaptureWriter:
        if self.writer is None:
            spider = self.crawler.spider
            settings = self.crawler.settings
            info = {
                "spider": getattr(spider, "name", "crawl"),
                "http-header-user-agent": settings.get("USER_AGENT"),
                "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
                "served-by-mirror": settings.get("MIRROR_URL") or None,
                "distributed-run": settings.get("NEWSARCHIVE_REDIS_RUN"),
            }
            worker = lease.worker_for(self.crawler)
            run_id = self.crawler.stats.get_value("newsarchive/run_id")
            name = getattr(spider, "name", "crawl")
            self.writer = RemoteCaptureWriter(worker, self.directory, name, run_id, info, self.max_bytes)
        return self.writer

    def _write(self, exchange: Exchange) -> int:
        return self._writer().write(exchange)


# --- running a worker -----------------------------------------------------------------------------------


@dataclasses.dataclass
class WorkerSummary:
    spider: str
    reason: str
    pages: int
    items: int


def worker_settings(
    redis_url: str, run: str, captures_dir: str, options: Mapping[str, Any]
) -> dict[str, Any]:
    """The settings that make the project's spiders workers of run `run`."""
    keys = RunKeys(run)
    middlewares = dict(project_settings().getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares |= {
        "newsarchive.capture_middleware.CaptureMiddleware": None,
        "newsarchive.scaleout.worker.RedisCaptureMiddleware": 880,
        # After the mirror's rewrite (120): the budget is the real host's, whoever serves it.
        "newsarchive.scaleout.politeness.SharedRateLimit": 130,
    }
    return {
        "ARCHIVE_DB": None,  # a worker never opens the archive: anything that tried would fail loudly
        "REDIS_URL": redis_url,
        "NEWSARCHIVE_REDIS_RUN": run,
        "SCHEDULER": "newsarchive.scaleout.lease.LeasingScheduler",
        "SCHEDULER_QUEUE_CLASS": "newsarchive.scaleout.lease.LeasingQueue",
        "SCHEDULER_QUEUE_KEY": f"{keys.base}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{keys.base}:%(spider)s:dupefilter",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        # The default deletes the shared queue and dupefilter when any worker closes its spider.
        "SCHEDULER_PERSIST": True,
        "ITEM_PIPELINES": {"newsarchive.scaleout.worker.RedisItemPipeline": 300},
        "DOWNLOADER_MIDDLEWARES": middlewares,
        **options,
        "CAPTURES_DIR": options.get("CAPTURES_DIR") or captures_dir,
    }


def run_worker(
    names: list[str],
    redis_url: str,
    mirror: bool = False,
    progress: bool = False,
    log_level: str = "WARNING",
    options: Mapping[str, Any] | None = None,
) -> list[WorkerSummary]:
    """Crawl as one worker of the active run (asking for a run of `names` when there is none)."""
    from scrapy.spiderloader import SpiderLoader

    options = dict(options or {})
    client = connect(redis_url)
    loader = SpiderLoader.from_settings(project_settings())
    request = {
        "spiders": {n: {k: getattr(loader.load(n), k) for k in ("site", "lang")} for n in names},
        "full": bool(options.get("NEWSARCHIVE_FULL")),
        "recheck_days": int(options.get("NEWSARCHIVE_RECHECK_DAYS") or 0),
        "stop_after": int(options.get("NEWSARCHIVE_STOP_AFTER") or 10),
        "mirror": bool(mirror or project_settings().get("MIRROR_URL")),
    }
    while (asked := client.get(RunKeys(run := join_run(client, request)).request)) is None:
        time.sleep(0.2)  # that run just finished and its keys are going: the next one
    keys = RunKeys(run)
    asked = loads(cast(bytes, asked))
    spiders = sorted(asked["spiders"])
    if spiders != sorted(names):
        print(f"Joining run {run}, which crawls {', '.join(spiders)}", file=sys.stderr)
    plan = wait_for_plan(client, keys)
    with mirror_server(mirror) as started_url:
        mirror_url = started_url or project_settings().get("MIRROR_URL")
        overrides: dict[str, Any] = {
            "MIRROR_URL": mirror_url,
            "NEWSARCHIVE_PROGRESS": progress,
            "LOG_LEVEL": log_level,
        }
        if mirror_url:
            overrides |= MIRROR_OVERRIDES
        overrides |= worker_settings(redis_url, run, plan["captures_dir"], options)
        process = CrawlerProcess(project_settings(**overrides))
        crawlers = [process.create_crawler(name) for name in spiders]
        for crawler in crawlers:
            process.crawl(crawler)
        try:
            process.start()
        finally:
            lease.stop_worker()
    return [
        WorkerSummary(
            c.spidercls.name,
            str(c.stats.get_value("finish_reason")),
            int(c.stats.get_value("response_received_count", 0)),
            int(c.stats.get_value("item_scraped_count", 0)),
        )
        for c in crawlers
    ]
