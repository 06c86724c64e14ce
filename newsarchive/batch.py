"""A crawl's writes to the archive: one connection per process, commits grouped into batches.

Committing every article cost about half a millisecond of WAL writing (pages of the row, its indexes and a
new FTS segment each time), more than the rest of storing it. A crawl's pipelines and WARC capture
middlewares (every spider of the process) therefore share one connection, which also spares them waiting on
each other's write locks, and commit every `ROWS` units of work or `SECONDS` after the first, whichever comes
first. Each unit stays atomic (a savepoint, `store.atomic`). A crash loses at most the batch not yet
committed: those articles are simply not in the archive, and the next run fetches them again (the database
is the resume state).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from . import store

ROWS = 50
SECONDS = 1.0
CHECKPOINT_PAGES = 10_000


class Batch:
    """Groups the commits of one connection."""

    def __init__(self, db: sqlite_utils.Database, rows: int = ROWS, seconds: float = SECONDS) -> None:
        self.db = db
        self.rows = rows
        self.seconds = seconds
        self.units = 0
        self.opened = 0.0

    @contextmanager
    def unit(self) -> Iterator[None]:
        """A unit of work (the store functions called inside make it atomic) in the open batch."""
        if not self.db.conn.in_transaction:
            self.db.conn.execute("begin")
            self.opened = time.monotonic()
            self.units = 0
        yield
        self.units += 1
        if self.units >= self.rows:
            self.commit()

    def commit_if_due(self) -> None:
        """Called on a timer, so a slow crawl's articles reach readers within about `seconds`."""
        if self.db.conn.in_transaction and time.monotonic() - self.opened >= self.seconds:
            self.commit()

    def commit(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.commit()
        self.units = 0


@dataclass
class _Shared:
    batch: Batch
    users: int = 0
    timer: Any = None  # a Twisted LoopingCall committing what is due, while a crawl runs


_shared: dict[Path, _Shared] = {}


def acquire(db_path: str | Path, timed: bool = False) -> Batch:
    """The process's batch (and connection) for this archive; every `acquire` needs its `release`.

    `timed` (from inside a running crawl) starts one timer for the batch, whoever writes to it, so what a
    slow crawl stores reaches readers within about `SECONDS`.
    """
    path = Path(db_path).resolve()
    if path not in _shared:
        db = store.open_db(path)
        # A checkpoint (the one fsync of WAL mode with synchronous=NORMAL) every ~40 MB of WAL instead of
        # every 4 MB: a crawl writes tens of MB, and each checkpoint stalled it. Readers are unaffected.
        db.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
        _shared[path] = _Shared(Batch(db))
    shared = _shared[path]
    shared.users += 1
    if timed and shared.timer is None:
        from twisted.internet import task  # only crawls need it, and they run a reactor

        shared.timer = task.LoopingCall(shared.batch.commit_if_due)
        shared.timer.start(shared.batch.seconds / 2, now=False)
    return shared.batch


def release(db_path: str | Path) -> None:
    """Give the batch back; the last user commits it and closes the connection."""
    path = Path(db_path).resolve()
    shared = _shared[path]
    shared.users -= 1
    if shared.users:
        return
    del _shared[path]
    if shared.timer is not None and shared.timer.running:
        shared.timer.stop()
    shared.batch.commit()
    shared.batch.db.close()
