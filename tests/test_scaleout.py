"""Distributed crawls (issue 20): workers on scrapy-redis and one writer give the archive a local crawl gives,
also when a worker or the writer is killed mid-run; the workers together keep a site's request budget.

Each test starts its own redis-server on a free 127.0.0.1 port; workers and writers are real subprocesses
against the session's mirror, and a single-process crawl of it (`reference`) is what they must store.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from newsarchive.captures import CaptureReader

from .conftest import REPO

WAIT = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A redis-server of this test only (Debian's, as .ci/run installs it), stopped after it."""
    server = shutil.which("redis-server")
    assert server, "redis-server is not installed (apt-get install redis-server)"
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def reference(crawled: dict) -> Path:
    """The session's single-process crawl of the mirror: what every distributed run must store too (later
    tests crawl it again; `snapshot` reads what its first runs recorded)."""
    return Path(crawled["db_path"])


def cli(*args: str, env: dict[str, str], log: Path | None = None) -> subprocess.Popen:
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 (the child holds it)
    return subprocess.Popen(
        [sys.executable, "-m", "newsarchive", *args],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=out,
        stderr=out,
    )


class Run:
    """A writer and workers of one distributed run, each a subprocess; logs in `where`."""

    def __init__(self, where: Path, redis_url: str, mirror_url: str, db: Path, *settings: str) -> None:
        self.where, self.redis_url, self.db = where, redis_url, db
        self.env = {"NEWSARCHIVE_MIRROR_URL": mirror_url}
        self.settings = [arg for s in ("NEWSARCHIVE_LEASE_SECONDS=2", *settings) for arg in ("-s", s)]
        self.writers: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []

    def writer(self) -> subprocess.Popen:
        log = self.where / f"writer{len(self.writers)}.log"
        self.writers.append(
            cli("ingest", "--redis", self.redis_url, "--db", str(self.db), env=self.env, log=log)
        )
        return self.writers[-1]

    def worker(self) -> subprocess.Popen:
        log = self.where / f"worker{len(self.workers)}.log"
        # Run from a directory without an archive: a worker that opened one would leave a file there.
        self.workers.append(cli("crawl", "--redis", self.redis_url, *self.settings, env=self.env, log=log))
        return self.workers[-1]

    def wait(self) -> None:
        for process in [*self.workers, *self.writers]:
            process.wait(timeout=WAIT)

    def log(self, name: str) -> str:
        return (self.where / name).read_text("utf-8")


def snapshot(db_path: Path) -> dict[str, Any]:
    """What must be identical between two archives of one mirror, and the checks every archive passes."""
    conn = sqlite3.connect(db_path)
    try:
        rows = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        articles = dict(rows("select key, content_hash from articles"))
        images = rows(
            "select article_key, position, url, media_type, byte_size, width, height, capture_id is not null"
            " from images order by 1, 2"
        )
        first = "(select min(id) from crawl_runs group by spider)"
        errors = Counter(
            rows(f"select url, stage, kind, reason from crawl_errors where crawl_run_id in {first}")
        )
        # A capture for every stored response: every article points at a 200 capture of its own URL.
        unbacked = rows(
            "select a.key from articles a left join captures c on c.id = a.capture_id"
            " where c.id is null or c.http_status != 200 or c.url != a.url"
        )
        captured = {
            url for (url,) in rows(f"select distinct url from captures where crawl_run_id in {first}")
        }
        return {
            "articles": articles,
            "images": images,
            "errors": errors,
            "unbacked": unbacked,
            "captured": captured,
        }
    finally:
        conn.close()


def assert_identical(db_path: Path, reference: Path) -> None:
    got, want = snapshot(db_path), snapshot(reference)
    assert got["articles"] == want["articles"]  # same keys, same content hashes
    assert got["images"] == want["images"]
    assert got["unbacked"] == [] and want["unbacked"] == []
    assert got["captured"] == want["captured"]
    assert got["errors"] == want["errors"]
    assert max(got["errors"].values()) == 1  # no error recorded twice


def readable(db_path: Path) -> None:
    """The WARC records the workers wrote are where the writer's rows say."""
    conn = sqlite3.connect(db_path)
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    reader = CaptureReader(db, db_path.parent / "captures")
    try:
        for row in db.query("select c.* from articles a join captures c on c.id = a.capture_id"):
            assert b"<html" in reader.read(row).body.lower()
    finally:
        reader.close()
        conn.close()


def test_two_workers_and_a_writer_make_the_archive_of_a_local_crawl(
    tmp_path: Path, redis_url: str, mirror_server: Any, reference: Path
) -> None:
    run = Run(tmp_path, redis_url, mirror_server.url, tmp_path / "archive.db")
    run.writer()
    run.worker(), run.worker()
    run.wait()
    assert [p.returncode for p in run.workers + run.writers] == [0, 0, 0], run.log("writer0.log")
    assert_identical(run.db, reference)
    readable(run.db)
    assert not (REPO / "archive.db").exists() or (REPO / "archive.db").stat().st_mtime < time.time() - WAIT
    conn = sqlite3.connect(run.db)
    runs = conn.execute("select spider, status, articles_new from crawl_runs order by spider").fetchall()
    want = (
        sqlite3.connect(reference)
        .execute(
            "select spider, status, articles_new from crawl_runs where id in (select min(id) from crawl_runs group by spider)"
            " order by spider"
        )
        .fetchall()
    )
    assert runs == want  # one run row per spider, the same counts
    assert "0 requests of stopped workers requeued" in run.log("writer0.log")
    assert not redis.Redis.from_url(redis_url).keys("newsarchive:2*")  # the finished run's keys are gone


def test_a_killed_worker_s_requests_are_fetched_by_the_survivor(
    tmp_path: Path, redis_url: str, mirror_server: Any, reference: Path
) -> None:
    run = Run(tmp_path, redis_url, mirror_server.url, tmp_path / "archive.db")
    run.writer()
    victim, survivor = run.worker(), run.worker()
    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + WAIT
    while not client.keys("newsarchive:*:lease") or len(mirror_server.requests) < 40:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.5)  # mid-crawl, with requests leased
    held = sum(client.zcard(k) for k in client.keys("newsarchive:*:lease"))
    victim.send_signal(signal.SIGKILL)
    run.wait()
    assert victim.returncode == -signal.SIGKILL and survivor.returncode == 0
    assert run.writers[0].returncode == 0, run.log("writer0.log")
    assert_identical(run.db, reference)
    report = run.log("writer0.log").splitlines()[-1]
    assert held and "0 requests of stopped workers requeued" not in report, report
    assert " of a URL captured before in the run" in report  # the retried requests' captures, counted


def test_a_writer_killed_mid_drain_is_replaced_without_loss_or_duplicates(
    tmp_path: Path, redis_url: str, mirror_server: Any, reference: Path
) -> None:
    run = Run(tmp_path, redis_url, mirror_server.url, tmp_path / "archive.db")
    first = run.writer()
    run.worker(), run.worker()
    deadline = time.monotonic() + WAIT
    while not (run.db.exists() and _articles(run.db) >= 40):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    run.writer()
    run.wait()
    assert run.writers[1].returncode == 0, run.log("writer1.log")
    assert_identical(run.db, reference)
    conn = sqlite3.connect(run.db)
    assert conn.execute("select count(*) - count(distinct warc_record_id) from captures").fetchone() == (0,)


def _articles(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def busiest_second(times: list[float]) -> int:
    """The most requests in any sliding 1-second window [t, t + 1)."""
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while times[start] <= t - 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


@pytest.mark.parametrize("workers", [2, 4])
def test_workers_together_keep_the_site_s_request_budget(
    tmp_path: Path, redis_url: str, mirror_server: Any, workers: int
) -> None:
    rate = 10
    run = Run(
        tmp_path, redis_url, mirror_server.url, tmp_path / "archive.db",
        f"NEWSARCHIVE_RATE_LIMIT={rate}", f"CLOSESPIDER_PAGECOUNT={32 // workers}", "IMAGES_ENABLED=False",
    )  # fmt: skip
    since = time.time()
    writer = run.writer()
    for _ in range(workers):
        run.worker()
    for process in run.workers:
        process.wait(timeout=WAIT)
    writer.terminate()  # the run stops at a page count, unfinished: its writer would wait for it
    writer.wait(timeout=WAIT)
    by_host: dict[str, list[float]] = {}
    for at, host, _ in list(mirror_server.request_log):
        if at >= since:
            by_host.setdefault(host, []).append(at)
    assert set(by_host) >= {"baolongan.vn", "news.baolongan.vn"}
    for host, times in by_host.items():
        assert len(times) >= 2 * rate, host  # long enough to measure
        assert busiest_second(times) <= rate, host
    # The budget was what held them back: without it the mirror answers far faster.
    assert max(busiest_second(t) for t in by_host.values()) >= rate * 0.7


def test_stopping_everything_and_starting_again_resumes_the_run(
    tmp_path: Path, redis_url: str, mirror_server: Any, reference: Path
) -> None:
    run = Run(tmp_path, redis_url, mirror_server.url, tmp_path / "archive.db")
    run.writer()
    run.worker(), run.worker()
    deadline = time.monotonic() + WAIT
    while _articles(run.db) < 30:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    for process in [*run.workers, *run.writers]:
        process.send_signal(signal.SIGKILL)
        process.wait()
    active = redis.Redis.from_url(redis_url).get("newsarchive:run")
    assert active  # the run is still there, half done
    run.writer(), run.worker()
    run.wait()
    assert [p.returncode for p in (run.writers[1], run.workers[2])] == [0, 0], run.log("writer1.log")
    assert_identical(run.db, reference)
    assert f"run {active.decode()}:" in run.log("writer1.log")  # the same run, finished


def test_a_lease_past_its_deadline_goes_back_to_the_queue_past_the_dupefilter(redis_url: str) -> None:
    from newsarchive.scaleout.keys import RunKeys
    from newsarchive.scaleout.lease import Worker

    client = redis.Redis.from_url(redis_url)
    keys = RunKeys("test")
    queue, lease = keys.spider("s", "requests"), keys.spider("s", "lease")
    dead, alive = Worker(client, keys, lease_seconds=0.2), Worker(client, keys, lease_seconds=0.2)
    alive.spiders.add("s")
    client.zadd(queue, {b"request-a": -1, b"request-b": 0})
    member = dead.scripts["pop"](keys=[queue, lease], args=[dead.deadline(), dead.id])
    assert member.endswith(b"|request-a") and client.zcard(queue) == 1 and client.zcard(lease) == 1
    alive.beat()
    assert client.zcard(lease) == 1  # not due yet
    time.sleep(0.3)
    alive.beat()
    assert client.zrange(queue, 0, -1, withscores=True) == [(b"request-a", -1.0), (b"request-b", 0.0)]
    assert client.zcard(lease) == 0 and alive.requeued == 1
    assert client.hget(keys.report, "requeued") == b"1"
