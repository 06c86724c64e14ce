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

import contextlib
import logging
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from . import store
from .failures import is_disk_full, one_line

logger = logging.getLogger(__name__)
ROWS = 50
SECONDS = 1.0
CHECKPOINT_PAGES = 10_000


class BatchFailed(RuntimeError):
    """The batch's connection stopped writing (the disk is full, a commit failed): the crawl must end."""


class Batch:
    """Groups the commits of one connection; what units count is counted once their batch commits."""

    def __init__(self, db: sqlite_utils.Database, rows: int = ROWS, seconds: float = SECONDS) -> None:
        self.db = db
        self.rows = rows
        self.seconds = seconds
        self.units = 0
        self.opened = 0.0
        self.pending: list[Callable[[], None]] = []  # `on_commit` effects of units not committed yet
        self.failed: str | None = None  # why this connection stopped writing, once it did
        self.on_failure: list[Callable[[str], None]] = []  # told that reason, once

    @contextmanager
    def unit(self) -> Iterator[None]:
        """A unit of work in the open batch, all or nothing (a savepoint); its `on_commit` effects with it.

        Raises BatchFailed once the batch failed (a full disk): nothing more is written on this connection.
        """
        if self.failed:
            raise BatchFailed(self.failed)
        conn = self.db.conn
        if not conn.in_transaction:
            conn.execute("begin")
            self.opened = time.monotonic()
            self.units = 0
        effects = len(self.pending)
        conn.execute("savepoint unit")
        try:
            yield
        except BaseException as exc:
            del self.pending[effects:]
            if is_disk_full(exc) or not conn.in_transaction:
                # SQLite may roll the whole transaction back on a full disk or an I/O error: the batch's
                # other units are gone too, so nothing said about them may be counted.
                self.fail(exc)
            else:
                try:
                    conn.execute("rollback to unit")
                    conn.execute("release unit")
                except sqlite3.Error as undo:
                    self.fail(undo)
            raise
        conn.execute("release unit")
        self.units += 1
        if self.units >= self.rows and not self.commit():
            raise BatchFailed(str(self.failed))

    def on_commit(self, effect: Callable[[], None]) -> None:
        """Run `effect` (count an article, an error) when the current unit's batch commits, never if it fails."""
        self.pending.append(effect)

    def commit_if_due(self) -> None:
        """Called on a timer, so a slow crawl's articles reach readers within about `seconds`."""
        if self.db.conn.in_transaction and time.monotonic() - self.opened >= self.seconds:
            self.commit()

    def commit(self) -> bool:
        """Commit the open batch and run its effects; False (the batch failed) if it could not."""
        if self.failed:
            return False
        if self.db.conn.in_transaction:
            try:
                self.db.conn.commit()
            except sqlite3.Error as exc:
                self.fail(exc)
                return False
        self.units = 0
        effects, self.pending = self.pending, []
        for effect in effects:
            effect()
        return True

    def fail(self, exc: BaseException) -> None:
        """Stop writing: roll back what is not committed (a half-written batch is never kept) and say why."""
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.rollback()
        self.pending.clear()
        if self.failed:
            return
        self.failed = (
            f"disk full: {one_line(exc)}" if is_disk_full(exc) else f"database error: {one_line(exc)}"
        )
        logger.error("%s; the crawl stops, keeping what was committed", self.failed)
        for callback in self.on_failure:
            callback(self.failed)


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
    # Only a crawl has a reactor (installed on import): the timer is not for code that merely holds a crawler.
    if timed and shared.timer is None and "twisted.internet.reactor" in sys.modules:
        from twisted.internet import task

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
    _close(shared)


def release_all() -> None:
    """Commit and close every batch still held: a forced stop (a second Ctrl-C) skips the spiders' closing.

    Units are whole (the reactor runs one callback at a time), so what the batches hold is safe to commit.
    """
    while _shared:
        _close(_shared.pop(next(iter(_shared))))


def _close(shared: _Shared) -> None:
    if shared.timer is not None and shared.timer.running:
        shared.timer.stop()
    shared.batch.commit()
    # Closing checkpoints the WAL into the database file, which a full disk may refuse: the WAL keeps it.
    with contextlib.suppress(sqlite3.Error):
        shared.batch.db.close()
