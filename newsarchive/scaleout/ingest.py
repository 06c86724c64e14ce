"""`newsarchive ingest --redis URL`: the one writer of a distributed run, draining it into archive.db.

It plans the run the workers asked for (a `crawl_runs` row and a plan per spider, the archive's answers
published in Redis: archived URL digests, URLs backing off, the frontier to seed), then stores the workers'
messages with the store code of a local crawl, in batches of `batch.ROWS` units or `batch.SECONDS`. A
message moves to a processing list when taken and leaves it only after its batch committed, so a writer
killed mid-drain loses nothing: the next one stores that list again, and every message is idempotent
(a capture is known by its WARC-Record-ID, an article stored twice in one run counts once, an error row
already recorded is not recorded again). The run's counts are written with every batch, in its transaction.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import redis
import sqlite_utils

from .. import batch, images, pipelines, store
from ..captures import captures_dir, insert_capture
from ..crawl import pair_new_articles
from ..failures import one_line
from ..normalize import utc_now
from ..plan import make_plan
from .keys import ACTIVE, WRITER_LOCK, RunKeys, connect, digest, dumps, loads, work_left
from .worker import capture_token

logger = logging.getLogger(__name__)
LOCK_SECONDS = 10
# Move up to N messages from the item list to the processing list, in order.
TAKE = """
local out = {}
for i = 1, tonumber(ARGV[1]) do
  local m = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
  if not m then break end
  out[#out + 1] = m
end
return out
"""
RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
COUNTS = ("articles_new", "articles_updated", "articles_unchanged", "articles_gone")


class WriterBusy(RuntimeError):
    """Another writer holds the run's writer lock."""


@dataclass
class SpiderRun:
    """What the writer knows of one spider's run: its row and the counts committed with it."""

    name: str
    run_id: int
    mode: str
    counts: Counter[str] = field(default_factory=Counter)
    errors_by_kind: Counter[str] = field(default_factory=Counter)


@dataclass
class Outcome:
    """One spider's run as the writer finished it, and the run's captures."""

    spider: str
    status: str
    mode: str
    pages: int
    counts: dict[str, int]
    errors: int
    note: str | None
    article_pages: int = 0
    failure_rate: float = 0.0


@dataclass
class Report:
    run: str
    outcomes: list[Outcome]
    messages: int
    seconds: float
    captures: int
    repeated_captures: int  # captures of a URL captured before in the run: retried requests, robots.txt
    requeued: int  # requests of stopped workers that others fetched again
    cpu_seconds: float


class Writer:
    def __init__(self, client: redis.Redis, db_path: str | Path, log: Callable[[str], None] = print) -> None:
        self.client = client
        self.db_path = str(db_path)
        self.log = log
        self.id = f"{socket.gethostname()}:{os.getpid()}"
        self.take = client.register_script(TAKE)
        self.release_lock = client.register_script(RELEASE)
        self.runs: dict[str, SpiderRun] = {}
        self.tokens: dict[int, int] = {}  # capture token -> captures.id
        self.messages = 0

    # --- the lock ------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """The one writer: a Redis key with a TTL, renewed while draining; a dead holder on this host is
        replaced at once, another one waited for until its key expires."""
        while not self.client.set(WRITER_LOCK, self.id, nx=True, ex=LOCK_SECONDS):
            holder = cast(bytes, self.client.get(WRITER_LOCK) or b"").decode()
            host, _, pid = holder.partition(":")
            if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
                self.release_lock(keys=[WRITER_LOCK], args=[holder])
                continue
            if holder:
                raise WriterBusy(f"another writer ({holder}) drains this Redis")
        try:
            yield
        finally:
            self.release_lock(keys=[WRITER_LOCK], args=[self.id])

    def renew(self) -> None:
        self.client.set(WRITER_LOCK, self.id, xx=True, ex=LOCK_SECONDS)

    # --- planning --------------------------------------------------------------------------------------

    def wait_for_run(self, poll: float = 0.2) -> tuple[str, dict[str, Any]]:
        while True:
            self.renew()
            active = self.client.get(ACTIVE)
            if active is not None:
                name = cast(bytes, active).decode()
                request = self.client.get(RunKeys(name).request)
                if request is not None:
                    return name, loads(request)
            time.sleep(poll)

    def plan(self, keys: RunKeys, request: dict[str, Any], db: sqlite_utils.Database) -> None:
        """Plan every spider of the run once (a restarted writer finds the plans made)."""
        planned = {
            k.decode(): loads(v) for k, v in cast(dict[bytes, bytes], self.client.hgetall(keys.plan)).items()
        }
        for name, spider in sorted(request["spiders"].items()):
            if name in planned:
                info = planned[name]
            else:
                run_id = store.start_run(db, name, spider["site"], spider["lang"], request["mirror"])
                plan = make_plan(
                    self.db_path,
                    name,
                    spider["site"],
                    spider["lang"],
                    full=request["full"],
                    recheck_days=request["recheck_days"],
                    stop_after=request["stop_after"],
                    current_run=run_id,
                )
                plan.close()
                db.table("crawl_runs").update(run_id, {"mode": plan.mode})
                self._publish(keys, name, spider, plan.recheck, plan.frontier, plan.backing_off, db)
                info = {"run_id": run_id, "mode": plan.mode}
                self.client.hset(keys.plan, name, dumps(info))
            self.runs[name] = self._load(name, info)
        spiders = {n: {"run_id": r.run_id, "mode": r.mode} for n, r in self.runs.items()}
        ready = {"captures_dir": str(captures_dir(self.db_path)), "spiders": spiders}
        self.client.hset(keys.plan, "ready", dumps(ready))

    def _publish(
        self,
        keys: RunKeys,
        name: str,
        spider: dict[str, str],
        recheck: tuple[str, ...],
        frontier: tuple[str, ...],
        backing_off: frozenset[str],
        db: sqlite_utils.Database,
    ) -> None:
        """The archive's answers for the spider, as they stand when the run is planned (a snapshot, as a
        local crawl's plan is)."""
        archived = keys.spider(name, "archived")
        self.client.delete(archived)
        rows = db.execute(
            "select url from articles where site = ? and lang = ?", [spider["site"], spider["lang"]]
        )
        while chunk := rows.fetchmany(10_000):
            self.client.sadd(archived, *(digest(url) for (url,) in chunk))
        if backing_off:
            self.client.sadd(keys.spider(name, "backing_off"), *sorted(backing_off))
        self.client.set(
            keys.spider(name, "seeds"), dumps({"recheck": list(recheck), "frontier": list(frontier)})
        )

    def _load(self, name: str, info: dict[str, Any]) -> SpiderRun:
        """A spider's run with the counts its row holds (a restarted writer goes on from them)."""
        db = self.db
        row = db.table("crawl_runs").get(info["run_id"])
        run = SpiderRun(name, info["run_id"], info["mode"])
        run.counts.update({k: row[k] or 0 for k in COUNTS})
        run.errors_by_kind.update(json.loads(row["errors_by_kind"] or "{}"))
        for capture_id, record_id in db.execute(
            "select id, warc_record_id from captures where crawl_run_id = ?", [info["run_id"]]
        ).fetchall():
            self.tokens[capture_token(record_id)] = capture_id
        return run

    # --- draining --------------------------------------------------------------------------------------

    def drain(self, poll: float = 0.2) -> Report:
        """Plan the active run (waiting for one), store its messages until it is done, finish it."""
        started = time.monotonic()
        cpu = time.process_time()
        run, request = self.wait_for_run()
        keys = RunKeys(run)
        self.db = store.open_db(self.db_path)
        self.db.execute(f"PRAGMA wal_autocheckpoint = {batch.CHECKPOINT_PAGES}")
        started_at = utc_now()
        try:
            self.batch = batch.Batch(self.db, rows=1 << 62)  # committed here, with the run's counts
            self.plan(keys, request, self.db)
            self.log(f"Draining run {run} ({', '.join(sorted(self.runs))}) into {self.db_path}")
            taken = [m for m in cast(list[bytes], self.client.lrange(keys.writing, 0, -1))]
            if taken:
                self.log(f"Storing again the {len(taken)} messages a stopped writer had taken")
            opened = time.monotonic()
            while True:
                self.renew()
                for data in taken:
                    self.apply(keys, data)
                due = self.batch.units >= batch.ROWS or time.monotonic() - opened >= batch.SECONDS
                if taken and due or not taken:
                    self.flush(keys)
                    opened = time.monotonic()
                taken = cast(list[bytes], self.take(keys=[keys.items, keys.writing], args=[batch.ROWS]))
                if not taken:
                    if self.done(keys):
                        break
                    time.sleep(poll)
            report = self.finish(keys, run, started, cpu)
        finally:
            with contextlib.suppress(Exception):
                self.db.close()
        pair_new_articles(self.db_path, started_at)
        return report

    def flush(self, keys: RunKeys) -> None:
        """Commit the batch with the runs' counts in it, then let its messages go."""
        if self.batch.units:
            with self.batch.unit():
                for run in self.runs.values():
                    self.db.execute(
                        f"update crawl_runs set {', '.join(f'{k} = ?' for k in COUNTS)}, errors = ?,"
                        " errors_by_kind = ? where id = ?",
                        [*(run.counts[k] for k in COUNTS), sum(run.errors_by_kind.values()),
                         json.dumps(dict(sorted(run.errors_by_kind.items()))), run.run_id],
                    )  # fmt: skip
        if not self.batch.commit():
            raise store.ArchiveError(f"the archive stopped taking writes: {self.batch.failed}")
        self.client.delete(keys.writing)

    def apply(self, keys: RunKeys, data: bytes) -> None:
        """Store one message in a unit of its own; one that cannot be stored becomes a `store` error row."""
        self.messages += 1
        try:
            message = loads(data)
            run = self.runs[message.get("spider") or next(iter(self.runs))]
        except (ValueError, KeyError, StopIteration) as exc:
            logger.warning("Unreadable message skipped: %s", one_line(exc))
            return
        effects: list[Callable[[], None]] = []
        try:
            with self.batch.unit():
                self._store(keys, run, message, effects)
        except batch.BatchFailed:
            raise
        except Exception as exc:
            effects = []
            url = (message.get("record") or {}).get("url") or message.get("url") or ""
            logger.warning("Could not store %s: %s", url, one_line(exc))
            with self.batch.unit():
                store.record_error(self.db, url, "store", one_line(exc), run.run_id, None, "store_error")
            effects.append(lambda: run.errors_by_kind.update(["store_error"]))
        for effect in effects:
            effect()

    def _capture(self, token: int | None) -> int | None:
        return None if token is None else self.tokens.get(token, token if token > 0 else None)

    def _store(
        self, keys: RunKeys, run: SpiderRun, message: dict[str, Any], effects: list[Callable[[], None]]
    ) -> None:
        kind = message["t"]
        db = self.db
        if kind == "capture":
            token = message["token"]
            if token in self.tokens:
                return  # stored before a writer stopped
            row = dict(message["row"])
            row["refers_to"] = self._capture(row["refers_to"])
            self.tokens[token] = insert_capture(db, row)
        elif kind == "article":
            record = message["record"]
            if not record.get("article_id"):
                self._error(
                    run, record["url"], "store", "no article id in URL or page", None, "no_id", None, effects
                )
                return
            key = store.article_key(record["site"], record["lang"], record["article_id"])
            before = db.execute("select crawl_run_id from articles where key = ?", [key]).fetchone()
            outcome = store.upsert_article(
                db, record, run.run_id, message["links"], self._capture(message["capture"])
            )
            if (
                before is None or before[0] != run.run_id
            ):  # not stored already in this run (a retried request)
                effects.append(lambda: run.counts.update([f"articles_{outcome}"]))
        elif kind == "error":
            m = message
            self._error(
                run, m["url"], m["stage"], m["reason"], m["http_status"], m["kind"], m["target"], effects
            )
        elif kind == "gone":
            if store.mark_gone(db, message["url"], run.run_id):
                effects.append(lambda: run.counts.update(["articles_gone"]))
        elif kind == "image":
            values = {k: message[k] for k in ("url", "media_type", "byte_size", "width", "height")}
            images.link(db, images.ImageItem(capture_id=self._capture(message["capture_id"]), **values))
        elif kind == "closed":
            self.client.hset(keys.spider(run.name, "closed"), message["worker"], dumps(message))
        else:
            raise ValueError(f"unknown message kind {kind!r}")

    def _error(
        self,
        run: SpiderRun,
        url: str,
        stage: str,
        reason: str,
        status: int | None,
        kind: str,
        target: str | None,
        effects: list[Callable[[], None]],
    ) -> None:
        """A `crawl_errors` row, once per run (a retried request reports its failure again)."""
        seen = self.db.execute(
            "select 1 from crawl_errors where crawl_run_id = ? and url = ? and stage = ? and kind is ?"
            " and reason = ? limit 1",
            [run.run_id, url, stage, kind, reason],
        ).fetchone()
        if seen:
            return
        store.record_error(self.db, url, stage, reason, run.run_id, status, kind, target)
        effects.append(lambda: run.errors_by_kind.update([kind]))

    # --- the end of a run ------------------------------------------------------------------------------

    def done(self, keys: RunKeys) -> bool:
        """Every spider closed by some worker, nothing queued, leased or waiting, no worker alive."""
        if any(not self.client.hlen(keys.spider(name, "closed")) for name in self.runs):
            return False
        if any(work_left(self.client, keys, name) for name in self.runs):
            return False
        now = time.time()
        deadlines = cast(dict[bytes, bytes], self.client.hgetall(keys.workers))
        if any(float(deadline) > now for deadline in deadlines.values()):
            return False
        return not self.client.llen(keys.items)

    def finish(self, keys: RunKeys, run_name: str, started: float, cpu: float) -> Report:
        outcomes = []
        for name, run in sorted(self.runs.items()):
            # Each worker's stats: as it closed the spider, else its last report (a worker killed mid-run).
            reported = cast(dict[bytes, bytes], self.client.hgetall(keys.spider(name, "stats")))
            ended = cast(dict[bytes, bytes], self.client.hgetall(keys.spider(name, "closed")))
            closed = [loads(v) for v in ended.values()]
            every = [c["stats"] for c in closed] + [loads(v) for k, v in reported.items() if k not in ended]
            stats: Counter[str] = Counter()
            texts: dict[str, str] = {}
            for worker_stats in every:
                for k, v in worker_stats.items():
                    if isinstance(v, str):
                        texts[k] = v
                    else:
                        stats[k] += v
            finished = all(c["reason"] == "finished" for c in closed)
            merged = _Stats(
                {
                    **stats,
                    **texts,
                    "newsarchive/mode": run.mode,
                    **{f"newsarchive/{k}": v for k, v in run.counts.items()},
                }
            )
            values = pipelines.run_values(merged, run.errors_by_kind)
            note = pipelines.finish_note(merged, run.errors_by_kind) if finished else None
            if not finished:
                note = "a worker's spider closed with reason " + next(
                    c["reason"] for c in closed if c["reason"] != "finished"
                )
            status = "completed" if finished else "failed"
            # A resumed walk is judged whole, as a local crawl's is.
            pages = int(stats["newsarchive/article_pages"] + stats["newsarchive/article_pages_before_resume"])
            with self.batch.unit():
                store.finish_run(self.db, run.run_id, status, {**values, "note": note})
            outcomes.append(
                Outcome(
                    name,
                    status,
                    run.mode,
                    int(values["pages"]),
                    dict(run.counts),
                    int(values["errors"]),
                    note,
                    pages,
                    stats["newsarchive/article_failures"] / pages if pages else 0.0,
                )
            )
        self.batch.commit()
        ids = [r.run_id for r in self.runs.values()]
        marks = ", ".join("?" * len(ids))
        total, distinct = self.db.execute(
            f"select count(*), count(distinct url) from captures where crawl_run_id in ({marks})", ids
        ).fetchone()
        requeued = int(self.client.hget(keys.report, "requeued") or 0)
        self._forget(keys, run_name)
        return Report(
            run_name,
            outcomes,
            self.messages,
            time.monotonic() - started,
            total,
            total - distinct,
            requeued,
            time.process_time() - cpu,
        )

    def _forget(self, keys: RunKeys, run: str) -> None:
        """Delete the finished run's keys; the next `crawl --redis` starts a new run."""
        for key in self.client.scan_iter(match=f"{keys.base}:*", count=1000):
            self.client.delete(key)
        self.client.eval(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end", 1, ACTIVE, run
        )


class _Stats:
    """Summed worker stats, read as a crawler's stats are."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = defaultdict(int, values)

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ingest(redis_url: str, db_path: str | Path, log: Callable[[str], None] = print) -> Report:
    """Drain the active run (waiting for one) into `db_path`, under the archive's crawl lock."""
    from ..crawl import log_file, run_lock

    client = connect(redis_url)
    writer = Writer(client, db_path, log)
    with run_lock(db_path), log_file(db_path), writer.lock():
        return writer.drain()
