"""The Redis keys of one distributed run, in one place, and the connection every component opens.

Every key of a run starts with `newsarchive:<run>:`, so runs never mix and a finished run is deleted by its
prefix. `newsarchive:run` names the active run: workers join it, the writer drains it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import redis

PREFIX = "newsarchive"
ACTIVE = f"{PREFIX}:run"  # the active run's name
WRITER_LOCK = f"{PREFIX}:writer"  # held (with a TTL) by the one writer


def connect(url: str) -> redis.Redis:
    """A client for `url` (redis://host:port/db); a server that cannot be reached is a one-line error."""
    client = redis.Redis.from_url(url, socket_timeout=30, health_check_interval=30)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise ConnectionError(f"cannot reach Redis at {url}: {exc}") from exc
    return client


def digest(url: str) -> bytes:
    """The 128-bit digest sets of URLs hold (as `spiders.frontier` does in memory)."""
    return hashlib.blake2b(url.encode(), digest_size=16).digest()


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def loads(data: bytes | str) -> Any:
    return json.loads(data)


@dataclass(frozen=True)
class RunKeys:
    """Names of the keys of run `run`; per-spider ones take the spider's name."""

    run: str

    @property
    def base(self) -> str:
        return f"{PREFIX}:{self.run}"

    @property
    def request(self) -> str:  # hash: what the workers asked for (spiders, full, recheck_days, …)
        return f"{self.base}:request"

    @property
    def plan(
        self,
    ) -> str:  # hash: spider -> its plan (run id, mode), written by the writer; "ready" once done
        return f"{self.base}:plan"

    @property
    def items(self) -> str:  # list: messages from workers to the writer, oldest first
        return f"{self.base}:items"

    @property
    def writing(self) -> str:  # list: messages the writer took and has not committed yet
        return f"{self.base}:items:writing"

    @property
    def workers(self) -> str:  # hash: worker id -> deadline of its heartbeat (unix seconds)
        return f"{self.base}:workers"

    @property
    def payloads(self) -> str:  # hash: payload digest -> the first full response record with it
        return f"{self.base}:payloads"

    @property
    def images(self) -> str:  # hash: image URL digest -> its ImageItem values, once fetched
        return f"{self.base}:images"

    def image_spellings(self, url_digest: bytes) -> str:  # list: spellings pages used for a waiting image
        return f"{self.base}:image:{url_digest.hex()}"

    @property
    def report(self) -> str:  # hash: counters for the writer's report (requeued requests …)
        return f"{self.base}:report"

    def spider(self, spider: str, what: str) -> str:
        """requests (scrapy-redis queue), dupefilter, lease, waiting, seen, taken, rechecks, archived,
        backing_off, seeds, seeded, stats, closed."""
        return f"{self.base}:{spider}:{what}"

    def work_keys(self, spider: str) -> tuple[str, str, str, str]:
        """What must be empty for the spider's work to be done: queued, leased, waiting, taken."""
        return (
            self.spider(spider, "requests"),
            self.spider(spider, "lease"),
            self.spider(spider, "waiting"),
            self.spider(spider, "taken"),
        )


def work_left(client: redis.Redis, keys: RunKeys, spider: str) -> int:
    """Requests queued or in flight and article URLs waiting, for the spider, over every worker."""
    queued, leased, waiting, taken = keys.work_keys(spider)
    pipe = client.pipeline(transaction=False)
    pipe.zcard(queued)
    pipe.zcard(leased)
    pipe.llen(waiting)
    pipe.zcard(taken)
    return int(sum(pipe.execute()))
