"""Article URLs a crawl has found but not requested yet, kept as plain strings until the scheduler has room.

Inline links run far ahead of the crawl: a 20,000-article mirror had 6,500 articles per edition waiting at
once. As Scrapy Requests (about 1.3 KB of Python heap each with their fingerprint) that queue, not the pages,
set the crawl's peak memory, growing with the archive. Here a waiting article costs its URL; the spider turns
URLs into Requests only while Scrapy's scheduler holds fewer than NEWSARCHIVE_QUEUE_TARGET requests.
"""

from __future__ import annotations

import hashlib


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
