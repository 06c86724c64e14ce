"""Crawl throughput: the full pipeline (fetch → extract → SQLite), without and with images, against a
fetch-only spider, same run.

    python -m bench.crawl [--articles 5000] [--rounds 3] [--json build/bench/crawl.json]
    python -m bench.crawl --sizes 2000,20000 [--no-change-run]     # peak RSS by archive size (issue 4)

A mirror of about `--articles` article pages (both editions) is generated into a temporary directory and
served on 127.0.0.1 by this process; each crawl runs in a child process (a Twisted reactor cannot restart)
with politeness off, as `newsarchive crawl --mirror` sets it. The fetch-only spider (bench/fetch_only.py)
discovers and follows exactly the same links and stores nothing. The crawls run back to back in every
round (taking turns to go first); the ratio is the median of the rounds' ratios, reported both by wall-clock
pages/s and by CPU time per page of the crawling process (steadier on a shared machine), with each child's
own peak RSS (its VmHWM: see `peak_rss_mib`). "full pipeline" is the article-only crawl (`--no-images`);
"full pipeline + images" also fetches and captures every image, and its ratio counts the pages other than
images per second of the whole crawl, so it shows what images cost the articles.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, machine, median, write_json

MODES = ("fetch-only", "full pipeline", "full pipeline + images")
BASE_ARTICLES = 195  # valid article pages of the bundled mirror (both editions) with extra_articles=0


def build_mirror(out_dir: Path, articles: int) -> int:
    """Generate a mirror of about `articles` valid article pages; returns how many it has."""
    from mirrorgen.build import build

    extra = max(0, math.ceil((articles - BASE_ARTICLES) / 2))  # extra_articles is per edition
    build(out_dir, extra_articles=extra)
    return sum(
        len(json.loads(p.read_text("utf-8")).get("articles", {}))  # pairs.json lists pairs, not articles
        for p in (out_dir / "truth").glob("*.json")
    )


# --- child: one crawl, in its own process -------------------------------------------------------------


def peak_rss_mib() -> float:
    """Peak RSS of this process's own memory (Linux VmHWM), in MiB.

    Not getrusage's ru_maxrss: Linux carries the parent's high-water mark across fork+exec into the child's
    ru_maxrss, and the parent here has just generated the mirror (214 MiB for 20,000 articles), so the
    crawl's figure would be the generator's whenever that is higher.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no procfs: the best there is


def child(mode: str, mirror_url: str, db_path: str) -> dict[str, Any]:
    """Crawl both editions once; report pages, wall time of the crawl and this process's peak RSS."""
    from scrapy.crawler import CrawlerProcess

    from bench.fetch_only import SPIDERS
    from newsarchive.crawl import MIRROR_OVERRIDES, project_settings, spider_names

    overrides: dict[str, Any] = {
        "ARCHIVE_DB": db_path,
        "MIRROR_URL": mirror_url,
        "LOG_LEVEL": "WARNING",
        **MIRROR_OVERRIDES,  # what run_crawl sets for a mirror: no throttling towards our own local server
    }
    spiders: list[Any] = list(spider_names("baolongan", None))
    overrides["IMAGES_ENABLED"] = mode == "full pipeline + images"
    if mode == "fetch-only":
        overrides["ITEM_PIPELINES"] = {}
        spiders = list(SPIDERS)
    process = CrawlerProcess(project_settings(**overrides))
    crawlers = [process.create_crawler(spider) for spider in spiders]
    for crawler in crawlers:
        process.crawl(crawler)
    start = time.perf_counter()
    process.start()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats = [crawler.stats.get_stats() for crawler in crawlers]
    pages = sum(s.get("response_received_count", 0) for s in stats)
    return {
        "mode": mode,
        "pages": pages,
        "articles_stored": sum(
            s.get(f"newsarchive/articles_{k}", 0) for s in stats for k in ("new", "updated", "unchanged")
        ),
        "images": sum(s.get("newsarchive/images", 0) for s in stats),
        "seconds": seconds,
        "pages_per_s": pages / seconds,
        # CPU time per page hardly depends on what the neighbours run, unlike wall-clock pages/s.
        "cpu_ms_per_page": 1000 * (usage.ru_utime + usage.ru_stime) / max(pages, 1),
        "peak_rss_mib": peak_rss_mib(),
        "finish_reasons": [s.get("finish_reason") for s in stats],
    }


def run_child(mode: str, mirror_url: str, db_path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.crawl",
            "--child",
            mode,
            "--mirror-url",
            mirror_url,
            "--db",
            str(db_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode != 0:
        raise SystemExit(f"{mode} crawl failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- parent: mirror, server, rounds -----------------------------------------------------------------


def throughput(articles: int, rounds: int) -> dict[str, Any]:
    """Median pages/s of the fetch-only and full-pipeline crawls of one generated mirror."""
    from newsarchive.mirror.server import MirrorServer

    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        work = Path(tmp)
        built = build_mirror(work / "mirror", articles)
        runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
        with MirrorServer(port=0, root=work / "mirror" / "sites") as server:
            for i in range(rounds):
                for mode in MODES if i % 2 == 0 else MODES[::-1]:  # alternate who goes first
                    db_path = work / f"round{i}.db"  # a fresh archive every round: every article is new
                    before = len(server.requests)
                    result = run_child(mode, server.url, db_path)
                    result["requests_served"] = len(server.requests) - before
                    runs[mode].append(result)
                    for leftover in work.glob(f"round{i}.db*"):
                        leftover.unlink()
    summary = {
        mode: {
            "pages": median([r["pages"] for r in results]),
            "articles_stored": median([r["articles_stored"] for r in results]),
            "pages_per_s": median([r["pages_per_s"] for r in results]),
            "cpu_ms_per_page": median([r["cpu_ms_per_page"] for r in results]),
            "peak_rss_mib": median([r["peak_rss_mib"] for r in results]),
            "images": median([r["images"] for r in results]),
        }
        for mode, results in runs.items()
    }
    return {
        "articles": built,
        "rounds": rounds,
        "summary": summary,
        "runs": runs,
        # Ratio of the two crawls of the same round (run back to back), median over rounds: steadier than a
        # ratio of medians when the load of the machine changes between rounds.
        "ratio": median(
            [
                full["pages_per_s"] / fetch["pages_per_s"]
                for full, fetch in zip(runs["full pipeline"], runs["fetch-only"], strict=True)
            ]
        ),
        # With images: pages other than images per second of the whole crawl, against fetch-only's pages/s.
        "images_ratio": median(
            [
                (full["pages"] - full["images"]) / full["seconds"] / fetch["pages_per_s"]
                for full, fetch in zip(runs["full pipeline + images"], runs["fetch-only"], strict=True)
            ]
        ),
        # The same, by CPU time of the crawling process: what the pipeline itself costs, whatever the load.
        "cpu_ratio": median(
            [
                fetch["cpu_ms_per_page"] / full["cpu_ms_per_page"]
                for full, fetch in zip(runs["full pipeline"], runs["fetch-only"], strict=True)
            ]
        ),
    }


def memory_by_size(sizes: list[int], no_change_run: bool) -> list[dict[str, Any]]:
    """Peak RSS of one full-pipeline crawl per mirror size (and, asked for, the requests of a re-crawl)."""
    from newsarchive.mirror.server import MirrorServer

    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-rss-") as tmp:
            work = Path(tmp)
            built = build_mirror(work / "mirror", size)
            with MirrorServer(port=0, root=work / "mirror" / "sites") as server:
                first = run_child("full pipeline", server.url, work / "archive.db")
                row: dict[str, Any] = {
                    "articles": built,
                    "pages": first["pages"],
                    "pages_per_s": first["pages_per_s"],
                    "peak_rss_mib": first["peak_rss_mib"],
                    "requests_first_run": len(server.requests),
                    "requests_no_change_run": None,  # measured below when asked for
                    "peak_rss_no_change_mib": None,
                }
                if no_change_run:
                    before = len(server.requests)
                    again = run_child("full pipeline", server.url, work / "archive.db")
                    row["requests_no_change_run"] = len(server.requests) - before
                    # The re-crawl reads the archive's plan: where a cron run's memory meets the archive's size.
                    row["peak_rss_no_change_mib"] = again["peak_rss_mib"]
            rows.append(row)
    return rows


def report(result: dict[str, Any]) -> str:
    lines = []
    if "throughput" in result:
        t = result["throughput"]
        lines.append(f"mirror of {t['articles']} articles on 127.0.0.1, median of {t['rounds']} rounds")
        for mode, s in t["summary"].items():
            lines.append(
                f"{mode:>14}: {s['pages_per_s']:8.1f} pages/s, {s['cpu_ms_per_page']:.2f} CPU ms/page  "
                f"({s['pages']:.0f} pages, "
                f"{s['articles_stored']:.0f} articles stored, {s['images']:.0f} images, "
                f"peak RSS {s['peak_rss_mib']:.0f} MiB)"
            )
        lines.append(
            f"full pipeline / fetch-only: {t['ratio']:.2f}x pages/s, {t['cpu_ratio']:.2f}x by CPU time per page"
        )
        lines.append(f"full pipeline + images / fetch-only: {t['images_ratio']:.2f}x pages other than images/s")
    for row in result.get("sizes", []):
        no_change = row["requests_no_change_run"]
        lines.append(
            f"{row['articles']:>6} articles: peak RSS {row['peak_rss_mib']:.0f} MiB, {row['pages']} pages at "
            f"{row['pages_per_s']:.0f} pages/s; no-change re-crawl: "
            + (
                f"{no_change} requests, peak RSS {row['peak_rss_no_change_mib']:.0f} MiB"
                if no_change is not None
                else "not measured (--no-change-run)"
            )
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="article pages in the generated mirror")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each crawl; medians are reported")
    parser.add_argument(
        "--sizes", help="comma-separated mirror sizes: peak RSS of a full crawl of each (no throughput run)"
    )
    parser.add_argument(
        "--no-change-run", action="store_true", help="with --sizes: re-crawl and count the requests"
    )
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--mirror-url", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.mirror_url, args.db)))
        return 0
    result: dict[str, Any] = {"machine": machine()}
    if args.sizes:
        result["sizes"] = memory_by_size([int(s) for s in args.sizes.split(",")], args.no_change_run)
    else:
        result["throughput"] = throughput(args.articles, args.rounds)
    print(report(result))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
