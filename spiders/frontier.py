"""Article URLs a crawl has found but not requested yet, kept as plain strings until the scheduler has room.

Inline links run far ahead of the crawl: a 20,000-article mirror had 6,500 articles per edition waiting at
once. As Scrapy Requests (about 1.3 KB of Python heap each with their fingerprint) that queue, not the pages,
set the crawl's peak memory, growing with the archive. Here a waiting article costs its URL; the spider turns
URLs into Requests only while Scrapy's scheduler holds fewer than NEWSARCHIVE_QUEUE_TARGET requests.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from newsarchive.scaleout.keys import work_left

if TYPE_CHECKING:
    from newsarchive.scaleout.lease import Worker


class Frontier:
    """Wanted article URLs, each taken at most once per run; newest first, like Scrapy's default LIFO queue."""

    def __init__(self) -> None:
        # Every URL ever added (one request per article and run), by a 128-bit digest: under half the memory
        # of the URL itself, and no two URLs of any archive will ever share one (Python's 64-bit str hash
        # would make a silent skip merely unlikely).
        self.seen: set[bytes] = set()
        # URLs found archived (not fetched), so a link met again on every page is not asked of the database
        # again: within a run the answer cannot change (the plan's snapshot of the archive is fixed).
        self.archived: set[bytes] = set()
        self.waiting: list[str] = []
        self.rechecks: set[str] = set()  # archived articles fetched again: a 404 then marks them gone

    def __len__(self) -> int:
        return len(self.waiting)

    def add(self, url: str, recheck: bool = False) -> None:
        key = _key(url)
        if key in self.seen:
            return
        self.seen.add(key)
        self.waiting.append(url)
        if recheck:
            self.rechecks.add(url)

    def found_archived(self, url: str) -> bool:
        return _key(url) in self.archived

    def add_archived(self, url: str) -> None:
        self.archived.add(_key(url))

    def take(self, count: int) -> list[str]:
        """Up to `count` URLs, newest first."""
        if count <= 0:
            return []
        taken = self.waiting[-count:][::-1]
        del self.waiting[-count:]
        return taken


def _key(url: str) -> bytes:
    return hashlib.blake2b(url.encode(), digest_size=16).digest()


class RedisFrontier:
    """The frontier of a distributed run (`crawl --redis`), shared by every worker of the spider in Redis.

    Same rules as `Frontier`: each URL at most once per run (over all workers), newest first. A URL taken
    is leased (`newsarchive.scaleout.lease`) until its request is in the shared queue, so a worker killed
    in between loses nothing. URLs known to be seen are also kept here as digests, and URLs found archived
    only here (the plan's snapshot gives every worker the same answer), so the links every page repeats
    cost no round trip to Redis after the first.
    """

    def __init__(self, worker: Worker, spider: str) -> None:
        self.worker = worker
        keys = worker.keys
        self.seen, self.waiting = keys.spider(spider, "seen"), keys.spider(spider, "waiting")
        self.taken, self.recheck_key = keys.spider(spider, "taken"), keys.spider(spider, "rechecks")
        self.spider = spider
        self.rechecks = _Members(worker, self.recheck_key)
        self.known: set[bytes] = set()  # digests in the shared `seen` set
        self.known_archived: set[bytes] = set()

    def __len__(self) -> int:
        return int(self.worker.client.llen(self.waiting))

    def add(self, url: str, recheck: bool = False) -> None:
        key = _key(url)
        if key in self.known:
            return
        self.worker.scripts["add"](
            keys=[self.seen, self.waiting, self.recheck_key], args=[key, url, "1" if recheck else "0"]
        )
        self.known.add(key)

    def found_archived(self, url: str) -> bool:
        return _key(url) in self.known_archived

    def add_archived(self, url: str) -> None:
        self.known_archived.add(_key(url))

    def take(self, count: int) -> list[str]:
        """Up to `count` URLs, newest first; each must go into an `article_request` (which ends its lease)."""
        if count <= 0:
            return []
        urls = self.worker.scripts["take"](
            keys=[self.waiting, self.taken], args=[count, self.worker.deadline(), self.worker.id]
        )
        taken = [url.decode() for url in urls]
        for url in taken:
            self.worker.hold(self.taken, f"{self.worker.id}|{url}".encode())
        return taken

    def lease_of(self, url: str) -> bytes:
        """The lease an article request carries (`TAKEN_META`) until the scheduler has queued it."""
        return f"{self.worker.id}|{url}".encode()

    def work_left(self) -> int:
        """Requests queued or in flight and URLs waiting, over every worker of the run."""
        return work_left(self.worker.client, self.worker.keys, self.spider)


class _Members:
    """`url in rechecks`, asked of a Redis set."""

    def __init__(self, worker: Worker, key: str) -> None:
        self.worker, self.key = worker, key

    def __contains__(self, url: object) -> bool:
        return bool(self.worker.client.sismember(self.key, str(url)))
