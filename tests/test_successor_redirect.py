"""baolongan.vn redirecting to baotayninh.vn, end to end: a move recorded as such, never a loss or a Báo Long
An record; the target fetched by the Báo Tây Ninh spider in the same `--site all` run (handover)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .conftest import newsarchive

BTN_PAGE = Path(__file__).parent / "fixtures" / "baotayninh" / "xa-phuoc-vinh-tay-don-tet-a175995.html"
BTN_ARTICLE = "/xa-phuoc-vinh-tay-cham-lo-tet-cho-ho-ngheo-a175995.html"
BTN_HOME = "<html><head><title>Báo Tây Ninh</title></head><body><h1>Báo Tây Ninh</h1></body></html>"


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_every_start_url_moved_to_the_successor_exits_0_with_a_note(hostile, tmp_path):
    hostile.redirect("baolongan.vn", "/", "https://baotayninh.vn/", 301)
    hostile.redirect("baolongan.vn", "/rss/home.rss", "https://baotayninh.vn/rss/home.rss", 301)
    db = tmp_path / "archive.db"
    result = newsarchive("crawl", "--site", "baolongan", "--lang", "vi", "--db", str(db), env=hostile.env, check=False)
    assert result.returncode == 0, result.stderr
    assert "moved to baotayninh.vn" in result.stderr
    [(status, note)] = _rows(db, "select status, note from crawl_runs")
    assert status == "completed" and note.startswith("moved to baotayninh.vn")
    kinds = _rows(db, "select kind, target from crawl_errors order by url")
    assert kinds == [
        ("redirect_successor", "https://baotayninh.vn/"),
        ("redirect_successor", "https://baotayninh.vn/rss/home.rss"),
    ]
    assert "/" not in hostile.requested("baotayninh.vn")  # the Báo Long An spider never fetches there


def test_a_moved_article_is_fetched_by_the_successor_spider_in_the_same_run(hostile, tmp_path):
    home = "<html><body><h1>Báo Long An</h1><a href='/chuyen-cu-a999.html'>Một bài cũ đã chuyển</a></body></html>"
    hostile.answer("baolongan.vn", "/", body=home)
    hostile.redirect("baolongan.vn", "/chuyen-cu-a999.html", f"https://baotayninh.vn{BTN_ARTICLE}", 301)
    hostile.answer("baotayninh.vn", "/", body=BTN_HOME)
    hostile.answer("baotayninh.vn", "/rss/home.rss", 404)  # only the moved article, not the mirror's own
    hostile.answer("baotayninh.vn", BTN_ARTICLE, body=BTN_PAGE.read_bytes())
    db = tmp_path / "archive.db"
    newsarchive("crawl", "--site", "all", "--lang", "vi", "--db", str(db), env=hostile.env, check=False)
    keys = [k for (k,) in _rows(db, "select key from articles where site in ('baolongan', 'baotayninh')")]
    assert "baotayninh:vi:175995" in keys
    assert not any(k.endswith(":999") for k in keys)  # never under a Báo Long An key
    [(kind, target)] = _rows(
        db, "select kind, target from crawl_errors where url = 'https://baolongan.vn/chuyen-cu-a999.html'"
    )
    assert (kind, target) == ("redirect_successor", f"https://baotayninh.vn{BTN_ARTICLE}")
    # Not a failure of Báo Long An's run: the article went to the paper that took over.
    runs = dict(_rows(db, "select spider, status from crawl_runs"))
    assert runs["baotayninh_vi"] == "completed"


def test_a_moved_article_waits_for_the_successor_spiders_next_run(hostile, tmp_path):
    home = "<html><body><h1>Báo Long An</h1><a href='/chuyen-cu-a999.html'>Một bài cũ đã chuyển</a></body></html>"
    hostile.answer("baolongan.vn", "/", body=home)
    hostile.redirect("baolongan.vn", "/chuyen-cu-a999.html", f"https://baotayninh.vn{BTN_ARTICLE}", 301)
    hostile.answer("baotayninh.vn", "/", body=BTN_HOME)
    hostile.answer("baotayninh.vn", "/rss/home.rss", 404)  # only the moved article, not the mirror's own
    hostile.answer("baotayninh.vn", BTN_ARTICLE, body=BTN_PAGE.read_bytes())
    db = tmp_path / "archive.db"
    newsarchive("crawl", "--site", "baolongan", "--lang", "vi", "--db", str(db), env=hostile.env, check=False)
    assert not _rows(db, "select key from articles where site = 'baotayninh'")
    newsarchive("crawl", "--site", "baotayninh", "--db", str(db), env=hostile.env, check=False)
    assert _rows(db, "select key from articles where site = 'baotayninh'") == [("baotayninh:vi:175995",)]
