"""Recovery throughput: articles/s recovered from a pywb collection beside a live crawl of the same articles,
same run (issue 19).

    python -m bench.recover [--articles 600] [--rounds 3] [--json build/bench/recover.json]

A mirror of about `--articles` article pages (both editions) is generated and served on 127.0.0.1; a first live
crawl finds its articles, each is captured once into a WARC file (fetched from the mirror), which pywb indexes
and replays from its own venv (build/pywb-venv or $NEWSARCHIVE_PYWB_VENV; without it the benchmark says so and
writes nothing). Then, every round, a live crawl (`newsarchive crawl --no-images` against the mirror) and a
`newsarchive recover` from pywb run back to back into fresh archives, taking turns to go first; both are whole
CLI runs in their own processes, politeness off as for any 127.0.0.1 source. The ratio is the median of the
rounds' ratios of articles per second (recover / live).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from warcio.warcwriter import WARCWriter

from bench.common import REPO, machine, median, write_json
from bench.crawl import build_mirror


def _run(args: list[str], env: dict[str, str] | None = None) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "newsarchive", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started


def _articles(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        return [u for (u,) in conn.execute("select url from articles order by url")]


def measure(articles: int, rounds: int) -> dict[str, Any]:
    from newsarchive.mirror.server import MirrorServer
    from tests import wayback

    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        build_mirror(tmp / "mirror", articles)
        with MirrorServer(root=tmp / "mirror" / "sites") as server:
            env = {"NEWSARCHIVE_MIRROR_URL": server.url}
            _run(["crawl", "--no-images", "--db", str(tmp / "first.db")], env)
            urls = _articles(tmp / "first.db")
            warc = tmp / "wayback" / "captures.warc.gz"
            warc.parent.mkdir()
            with open(warc, "wb") as out:
                writer = WARCWriter(out, gzip=True)
                for url in urls:
                    _, headers, body = wayback.fetch(server.url, url)
                    wayback.write_capture(writer, url, wayback.LATER, body, headers=headers)
            figures: dict[str, list[float]] = {"live": [], "recover": []}
            with wayback.pywb(warc.parent, warc) as collection:
                for n in range(rounds):
                    order = ("live", "recover") if n % 2 == 0 else ("recover", "live")
                    for mode in order:
                        db_path = tmp / f"{mode}-{n}.db"
                        if mode == "live":
                            seconds = _run(["crawl", "--no-images", "--db", str(db_path)], env)
                        else:
                            seconds = _run(
                                ["recover", "--archive", collection, "--db", str(db_path)],
                                {"NEWSARCHIVE_MIRROR_URL": ""},
                            )
                        stored = _articles(db_path)
                        assert stored == urls, f"{mode} stored {len(stored)} of {len(urls)} articles"
                        figures[mode].append(len(stored) / seconds)
    ratios = [r / live for r, live in zip(figures["recover"], figures["live"], strict=True)]
    return {
        "articles": len(urls),
        "rounds": rounds,
        "articles_per_s": {mode: median(values) for mode, values in figures.items()},
        "ratio": median(ratios),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args(argv)
    from tests import wayback

    if not wayback.pywb_ready():
        print(
            f"bench/recover.py: pywb is not installed in {wayback.PYWB_VENV} (.ci/run makes it): not measured"
        )
        return 0
    result = {"machine": machine(), "recover": measure(args.articles, args.rounds)}
    r = result["recover"]
    print(
        f"Recovery from pywb beside a live crawl of the same {r['articles']} articles, median of {r['rounds']} rounds:"
    )
    for mode, rate in r["articles_per_s"].items():
        print(f"  {mode:8} {rate:8.1f} articles/s")
    print(f"  recover / live: {r['ratio']:.2f}×")
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
