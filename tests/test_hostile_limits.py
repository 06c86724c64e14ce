"""Limits against a hostile site: endless pagination stops at NEWSARCHIVE_MAX_LISTING_PAGES with one row per
listing (both spiders, every run mode), and bodies over DOWNLOAD_MAXSIZE — sent whole or inflating from a gzip
bomb — are `too_large` rows whose reason names the limit."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from newsarchive import settings

from .conftest import newsarchive
from .test_scope import small_site

CAP = 25
BOUND = 200  # the hostile listings end here, so a crawl without a cap still ends


def crawl(db: Path, hostile, site: str, *args: str):
    return newsarchive("crawl", "--db", str(db), "--site", site, "--lang", "vi", *args, env=hostile.env)


def errors(db: Path, kind: str) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select url, reason from crawl_errors where kind = ?", [kind]).fetchall()


def endless(host: str, pattern: str, link: str):
    """A rule: every page of the listing matching `pattern` (group 1: the page) links the next one."""

    def rule(h: str, path: str):
        match = re.fullmatch(pattern, path)
        if h != host or not match:
            return None
        page = int(match.group(1) or 1)
        body = f'<html><body><h1>Page {page}</h1><a href="{link.format(page + 1)}">next</a></body></html>'
        return (
            200,
            {"Content-Type": "text/html; charset=utf-8"},
            (body if page < BOUND else "<p>end</p>").encode(),
        )

    return rule


def test_default_page_cap_exceeds_the_real_sections():
    # Báo Long An's ids run to about 190,000 for both editions together, about 20 a listing page: even one
    # section holding every article would be 9,500 pages deep.
    assert 190_000 / 20 < settings.NEWSARCHIVE_MAX_LISTING_PAGES < 100_000


@pytest.mark.parametrize("mode", ["incremental", "full", "resume"])
def test_endless_pagination_stops_at_the_cap(tmp_path, hostile, mode):
    db = tmp_path / "archive.db"
    small_site(hostile, "/endless/")
    hostile.rules.append(endless("baolongan.vn", r"/endless/(?:\?p=(\d+))?", "/endless/?p={}"))
    cap = ["-s", f"NEWSARCHIVE_MAX_LISTING_PAGES={CAP}"]
    if mode == "resume":  # a first run that never completed (as after kill -9)
        crawl(db, hostile, "baolongan", *cap)
        with sqlite3.connect(db) as conn:
            conn.execute("update crawl_runs set status = 'running', finished_at = null")
            conn.execute("delete from crawl_errors")
        del hostile.server.requests[:]
    crawl(db, hostile, "baolongan", *cap, *(["--full"] if mode == "full" else []))
    with sqlite3.connect(db) as conn:
        assert conn.execute("select mode from crawl_runs order by id desc limit 1").fetchone() == (mode,)
    pages = [p for p in hostile.requested("baolongan.vn") if p.startswith("/endless/")]
    assert len(pages) == CAP
    [(url, reason)] = errors(db, "pagination_cap")
    assert url == f"https://baolongan.vn/endless/?p={CAP + 1}"
    assert "NEWSARCHIVE_MAX_LISTING_PAGES" in reason
    assert "Traceback" not in (tmp_path / "logs" / "newsarchive.log").read_text("utf-8")


def test_endless_portal_pagination_stops_at_the_cap(tmp_path, hostile):
    db = tmp_path / "archive.db"
    listing = "/Lists/TinTucSuKien/TongQuat.aspx?CategoryId=Endless"
    hostile.answer("longan.gov.vn", "/", body=f'<html><body><a href="{listing}">Endless</a></body></html>')
    hostile.rules.append(
        endless("longan.gov.vn", re.escape(listing) + r"(?:&PageIndex=(\d+))?", listing + "&PageIndex={}")
    )
    crawl(db, hostile, "longan_gov", "-s", f"NEWSARCHIVE_MAX_LISTING_PAGES={CAP}")
    pages = [p for p in hostile.requested("longan.gov.vn") if p.startswith(listing)]
    assert len(pages) == CAP
    [(url, reason)] = errors(db, "pagination_cap")
    assert url.endswith(f"CategoryId=Endless&PageIndex={CAP + 1}")


def test_oversize_bodies_are_too_large_rows(tmp_path, hostile):
    db = tmp_path / "archive.db"
    limit = 200_000
    small_site(hostile, "/bomb-a5020.html", "/big-a5021.html", "/stream-a5022.html")
    hostile.gzip_bomb("baolongan.vn", "/bomb-a5020.html", 50 * limit)
    hostile.answer("baolongan.vn", "/big-a5021.html", body=b"<p>" + b"x" * 2 * limit)
    # No length announced: Scrapy cancels the download once the limit is passed.
    chunk = b"<p>" + b"y" * 50_000
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(10)) + b"0\r\n\r\n"
    hostile.answer(
        "baolongan.vn", "/stream-a5022.html", body=chunked, headers={"Transfer-Encoding": "chunked"}
    )
    crawl(db, hostile, "baolongan", "-s", f"DOWNLOAD_MAXSIZE={limit}")
    rows = dict(errors(db, "too_large"))
    assert set(rows) == {
        f"https://baolongan.vn/{name}-a50{n}.html" for name, n in (("bomb", 20), ("big", 21), ("stream", 22))
    }
    for reason in rows.values():
        assert f"DOWNLOAD_MAXSIZE ({limit} bytes)" in reason


def test_endless_new_sections_stop_at_the_listing_cap(tmp_path, hostile):
    """Pages that always link one more new section (`/endless/x1/` → `/endless/x2/` …) are capped per run."""
    db = tmp_path / "archive.db"
    small_site(hostile, "/endless/x1/")
    hostile.rules.append(endless("baolongan.vn", r"/endless/x(\d+)/", "/endless/x{}/"))
    crawl(db, hostile, "baolongan", "-s", f"NEWSARCHIVE_MAX_LISTINGS={CAP}")
    sections = [p for p in hostile.requested("baolongan.vn") if p.startswith("/endless/")]
    assert len(sections) == CAP
    [(url, reason)] = errors(db, "listing_cap")
    assert url.startswith("https://baolongan.vn/endless/x") and "NEWSARCHIVE_MAX_LISTINGS" in reason
    assert "Traceback" not in (tmp_path / "logs" / "newsarchive.log").read_text("utf-8")


def test_default_listing_cap_exceeds_the_real_sites():
    # The real sites have a few dozen sections and categories per edition (SITES.md).
    assert 100 < settings.NEWSARCHIVE_MAX_LISTINGS < 100_000
