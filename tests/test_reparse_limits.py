"""Reparse and capture read stored captures with the crawl's limits: a refused gzip bomb stays refused.

The crawl's capture middleware writes every exchange before decompression, the bombs it then refuses
included; reading them back must not inflate them. The commands run in a subprocess under an address-space
cap, so a reader that inflates a 200 MB body fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zlib

import sqlite_utils

from newsarchive import settings, store
from newsarchive.captures import CaptureWriter, Exchange, captures_dir

from .conftest import REPO, newsarchive
from .test_captures import copy_archive

MEMORY_CAP = 1536 * 1024 * 1024
SEED = "baolongan:vi:133682"
BOMB_URL = "https://baolongan.vn/bom-nen-a999001.html"
BROKEN_URL = "https://baolongan.vn/gzip-hong-a999002.html"
OVERFLOW_URL = "https://baolongan.vn/ngay-tran-a999003.html"


def gzip_bomb(size: int) -> bytes:
    """A gzip body (a few hundred KB) that inflates to `size` bytes of HTML, built without holding them."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"<p>" + b"a" * (1024 * 1024 - 3)
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + compressor.flush()


def capture(writer: CaptureWriter, url: str, body: bytes, encoding: str | None = None) -> int:
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    return writer.write(Exchange(url, "GET", [("Host", "baolongan.vn")], b"", 200, headers, body))


def capped(*args: str) -> subprocess.CompletedProcess:
    """The CLI in a subprocess that cannot take more than MEMORY_CAP of address space."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_CAPTURES_DIR"},
        preexec_fn=limit,
        timeout=300,
    )


def test_reparse_and_capture_refuse_a_stored_gzip_bomb(crawled, tmp_path):
    db_path = copy_archive(crawled["db_path"], tmp_path)
    db = store.open_db(db_path)
    seed_url = db["articles"].get(SEED)["url"]
    total = db["articles"].count
    bomb = gzip_bomb(200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    writer = CaptureWriter(db, captures_dir(db_path), "hostile", None)
    capture(writer, seed_url, bomb, "gzip")  # a later crawl of the seed got a bomb: the older capture counts
    capture(writer, BOMB_URL, bomb, "gzip")
    capture(writer, BOMB_URL, bomb, "gzip")  # a revisit of the bomb's payload
    capture(writer, BROKEN_URL, b"<html>not gzip at all</html>", "gzip")
    overflow = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ngày tràn",'
        ' "datePublished": "0001-01-01T00:00:00+14:00"}</script></head><body><h1>Ngày tràn</h1><p>'
        + "Nội dung bài viết. " * 40
        + "</p></body></html>"
    )
    capture(writer, OVERFLOW_URL, overflow.encode())
    writer.close()
    db.close()
    plain = sqlite_utils.Database(db_path)  # as test_captures does: no foreign keys enforced
    with plain.conn:
        plain.execute("delete from images")
        plain.execute("delete from articles")
    plain.close()

    done = capped("reparse", "--db", str(db_path), "--quiet")
    assert "Traceback" not in done.stderr, done.stderr
    assert "MemoryError" not in done.stderr
    rebuilt = sqlite_utils.Database(db_path)
    keys = {row["key"] for row in rebuilt.query("select key from articles")}
    # Every article of the crawl is back, the seed from the capture the crawl accepted.
    assert len(keys - {"baolongan:vi:999003"}) == total and SEED in keys
    assert not keys & {"baolongan:vi:999001", "baolongan:vi:999002"}
    assert "Cần Đước đẩy mạnh phong trào thi đua" in rebuilt["articles"].get(SEED)["title"]
    rebuilt.close()
    too_large = [line for line in done.stderr.splitlines() if "too_large" in line]
    assert any(BOMB_URL in line for line in too_large) and any(seed_url in line for line in too_large)
    assert str(settings.DOWNLOAD_MAXSIZE) in too_large[0]
    assert any(BROKEN_URL in line and "undecodable" in line for line in done.stderr.splitlines())
    # The overflowing date is either extracted (once dates are bounded) or reported; never an abort.
    assert "baolongan:vi:999003" in keys or OVERFLOW_URL in done.stderr
    assert f"{total} articles changed" in done.stdout or f"{total + 1} articles changed" in done.stdout
    assert "skipped" in done.stdout

    shown = capped("capture", BOMB_URL, "--db", str(db_path))
    assert shown.returncode == 1 and shown.stdout == ""
    assert shown.stderr.count("\n") == 1 and "too_large" in shown.stderr, shown.stderr


def test_a_bomb_the_crawl_refused_is_skipped_by_reparse(hostile, tmp_path):
    """End to end: the crawl captures the bomb before refusing it; reparse refuses it the same way."""
    path = "/can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"
    hostile.gzip_bomb("baolongan.vn", path, 200 * 1024 * 1024)
    db_path = tmp_path / "archive.db"
    newsarchive("crawl", "--lang", "vi", "--db", str(db_path), env=hostile.env)
    db = sqlite_utils.Database(db_path)
    bomb = [
        r["id"] for r in db.query("select id from captures where url = ?", ["https://baolongan.vn" + path])
    ]
    assert len(bomb) == 1 and db["articles"].count > 90
    assert not list(db.query("select key from articles where key = ?", [SEED]))
    db.close()
    done = capped("reparse", "--db", str(db_path), "--quiet")
    assert done.returncode == 0, done.stderr
    assert f"skipped (too_large): https://baolongan.vn{path} (capture {bomb[0]})" in done.stderr
    assert "1 captures skipped" in done.stdout
