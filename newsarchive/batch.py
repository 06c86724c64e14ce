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
from pathlib import Path

import sqlite_utils

from . import store

ROWS = 50
SECONDS = 1.0


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


_shared: dict[Path, tuple[Batch, int]] = {}


def acquire(db_path: str | Path) -> Batch:
    """The process's batch (and connection) for this archive; every `acquire` needs its `release`."""
    path = Path(db_path).resolve()
    batch, users = _shared.get(path) or (Batch(store.open_db(path)), 0)
    _shared[path] = (batch, users + 1)
    return batch


def release(db_path: str | Path) -> None:
    """Give the batch back; the last user commits it and closes the connection."""
    path = Path(db_path).resolve()
    batch, users = _shared[path]
    if users > 1:
        _shared[path] = (batch, users - 1)
        return
    del _shared[path]
    batch.commit()
    batch.db.close()
