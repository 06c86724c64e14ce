"""Scale-out (issue 20): pages/s of 1, 2 and 4 `crawl --redis` workers and one writer against a local crawl,
all in one run, on a mirror that answers every request after a fixed delay (as a slow real site does).

    python -m bench.scaleout [--articles 400] [--delay 0.1] [--concurrency 1] [--json build/bench/scaleout.json]

Each crawl (a generated mirror of about `--articles` articles, 0: the bundled one; both Báo Long An editions,
images included) gets a fresh archive and, for
the distributed ones, a fresh redis-server on a free port. Every process crawls with the same per-spider
concurrency, so one worker and the local crawl should match, and N workers should approach N times one:
targets 2 workers ≥ 1.8×, 4 workers ≥ 3× one worker. pages/s counts the mirror's requests over the span from
the first to the last (process start-up is not the crawl's), and "steady" over the middle 80 % of them
(without the start, when workers are still starting one by one on a small mirror, and the tail, when the
queue runs dry): the targets are judged on the steady rate, what a long backfill sees. CPU ms per page is
that of every process of the crawl (workers and writer, their start-up included); the writer's rate is the messages it stored per second of the run and,
from its own CPU time, what it could store if it never waited for the workers.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, machine, write_json
from newsarchive.mirror.server import SITES_ROOT, MirrorServer

TARGETS = {2: 1.8, 4: 3.0}
REPORT = re.compile(r"(\d+) messages in ([\d.]+) s \((\d+)/s, ([\d.]+) CPU ms each\)")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsarchive", *args],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def crawl(mirror: MirrorServer, workers: int, settings: list[str], where: Path) -> dict[str, Any]:
    """One crawl into a new archive: local (`workers` 0) or `workers` workers and a writer."""
    where.mkdir()
    env = {"NEWSARCHIVE_MIRROR_URL": mirror.url}
    first = len(mirror.request_log)
    cpu = _cpu()
    redis_server = None
    writer_log = where / "writer.log"
    if workers == 0:
        local = _cli("crawl", "--db", str(where / "archive.db"), *settings, env=env, log=where / "crawl.log")
        assert local.wait() == 0, (where / "crawl.log").read_text()
    else:
        port = _free_port()
        redis_server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        time.sleep(0.3)
        writer = _cli("ingest", "--redis", url, "--db", str(where / "archive.db"), env=env, log=writer_log)
        procs = [
            _cli("crawl", "--redis", url, *settings, env=env, log=where / f"worker{i}.log")
            for i in range(workers)
        ]
        for p in [*procs, writer]:
            assert p.wait() == 0, writer_log.read_text()
        redis_server.terminate()
        redis_server.wait()
    times = sorted(at for at, _, _ in mirror.request_log[first:])
    pages = len(times)
    span = times[-1] - times[0]
    low, high = times[pages // 10], times[pages * 9 // 10]
    result: dict[str, Any] = {
        "workers": workers,
        "pages": pages,
        "seconds": span,
        "pages_per_s": pages / span,
        "steady_pages_per_s": (pages * 9 // 10 - pages // 10) / (high - low),
        "cpu_ms_per_page": 1000 * (_cpu() - cpu) / pages,
    }
    if workers:
        found = REPORT.search(writer_log.read_text())
        assert found, writer_log.read_text()
        messages, seconds, _, cpu_ms = found.groups()
        result |= {
            "messages": int(messages),
            "ingest_per_s": int(messages) / float(seconds),
            "ingest_capacity_per_s": 1000 / float(cpu_ms) if float(cpu_ms) else 0.0,
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=400, help="articles of the generated mirror (0: bundled)"
    )
    parser.add_argument("--delay", type=float, default=0.1, help="seconds before every answer")
    # One in flight per spider, AutoThrottle's target for the real sites (AUTOTHROTTLE_TARGET_CONCURRENCY): the
    # slow site sets the pace. With 2, four workers on a shared 2-core machine are bound by its CPU instead.
    parser.add_argument("--concurrency", type=int, default=1, help="requests in flight per spider")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    if not shutil.which("redis-server"):
        print("bench/scaleout.py needs redis-server (apt-get install redis-server)", file=sys.stderr)
        return 2
    settings = [
        arg
        for s in (
            f"CONCURRENT_REQUESTS={args.concurrency}",
            f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
        )
        for arg in ("-s", s)
    ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = SITES_ROOT
        if args.articles:
            from bench.crawl import build_mirror

            build_mirror(Path(tmp) / "mirror", args.articles)
            root = Path(tmp) / "mirror" / "sites"
        with MirrorServer(port=0, root=root, delay=args.delay) as mirror:
            for workers in (0, 1, 2, 4):
                rows.append(crawl(mirror, workers, settings, Path(tmp) / f"w{workers}"))
    one = rows[1]["steady_pages_per_s"]
    for row in rows:
        row["vs_one_worker"] = row["steady_pages_per_s"] / one
    print(
        f"Mirror of {args.articles or 'the bundled'} articles, delay {args.delay} s per answer, {args.concurrency} requests in flight per spider"
    )
    print(
        f"{'crawl':<14} {'pages':>6} {'pages/s':>8} {'steady':>7} {'× 1 worker':>10} {'CPU ms/page':>12} {'writer rec/s':>13} {'capacity':>9}  target"
    )
    for row in rows:
        name = (
            "local crawl" if row["workers"] == 0 else f"{row['workers']} worker" + "s" * (row["workers"] > 1)
        )
        target = TARGETS.get(row["workers"])
        verdict = f"≥ {target}× " + ("met" if row["vs_one_worker"] >= target else "MISSED") if target else ""
        ingest = (
            f"{row['ingest_per_s']:>13.0f} {row['ingest_capacity_per_s']:>9.0f}"
            if row["workers"]
            else " " * 23
        )
        print(
            f"{name:<14} {row['pages']:>6} {row['pages_per_s']:>8.1f} {row['steady_pages_per_s']:>7.1f} "
            f"{row['vs_one_worker']:>9.2f}× "
            f"{row['cpu_ms_per_page']:>12.2f} {ingest}  {verdict}"
        )
    write_json(
        args.json,
        {
            "scaleout": rows,
            "articles": args.articles,
            "delay": args.delay,
            "concurrency": args.concurrency,
            "machine": machine(),
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
