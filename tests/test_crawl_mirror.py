"""End to end: real Scrapy crawls the mirror over HTTP into a real SQLite file; checked against the truth."""

from __future__ import annotations

import json
import unicodedata

import pytest

from newsarchive.normalize import clean_text
from newsarchive.store import article_key

from .conftest import EDITIONS, MIRROR, TRUTH_FIELDS, newsarchive

SEED_KEY = "baolongan:vi:133682"
TEXT_COLUMNS = ("title", "lead", "body_text", "authors", "sources", "category", "subcategory")


def expected_keys(truth, slug):
    edition = truth[slug]
    return {article_key(edition["site"], edition["lang"], aid) for aid in edition["articles"]}


def test_crawl_exits_zero_with_summary(crawled):
    first = crawled["first"]
    assert first.returncode == 0, first.stderr
    assert "baolongan_vi: completed" in first.stdout
    assert "baolongan_en: completed" in first.stdout


@pytest.mark.parametrize("slug", EDITIONS)
def test_exact_articles_per_edition(db, truth, slug):
    edition = truth[slug]
    rows = db.query(
        "select key from articles where site = ? and lang = ?", [edition["site"], edition["lang"]]
    )
    got = {r["key"] for r in rows}
    assert got == expected_keys(truth, slug)
    assert len(got) >= 85


def test_seed_article_exact(db):
    row = db["articles"].get(SEED_KEY)
    # The page keeps the seed's exact text (a no-break space included); stored text has whitespace normalized.
    seed_text = (MIRROR.parent.parent / "tests/fixtures/seed-article.txt").read_text("utf-8")
    seed_lines = [clean_text(line) for line in seed_text.split("\n\n") if line.strip()]
    assert row["url"] == (
        "https://baolongan.vn/can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"
    )
    assert row["published_at"] == "2022-04-13T09:44:00+07:00"
    assert row["title"] == seed_lines[2]
    assert row["lead"] == seed_lines[3]
    assert json.loads(row["authors"]) == ["Huỳnh Hương"]
    assert json.loads(row["sources"]) == []
    assert row["body_text"] == "\n\n".join(seed_lines[5:11])
    assert row["body_text"].split("\n\n")[4].endswith("./.")
    images = list(db.query("select * from images where article_key = ? order by position", [SEED_KEY]))
    assert [i["caption"] for i in images] == [seed_lines[4]]
    assert row["category"] == "thoi-su-chinh-tri"


FIELDS = TRUTH_FIELDS


@pytest.mark.parametrize("slug", EDITIONS)
def test_every_article_matches_truth(db, truth, slug):
    """The quality gate on the mirror: every field of every article exactly as the page shows it."""
    edition = truth[slug]
    mismatches = []
    for aid, want in edition["articles"].items():
        row = db["articles"].get(article_key(edition["site"], edition["lang"], aid))
        got = {**row, "authors": json.loads(row["authors"]), "sources": json.loads(row["sources"])}
        images = [
            {"url": i["url"], "caption": i["caption"]}
            for i in db.query(
                "select url, caption from images where article_key = ? order by position", [row["key"]]
            )
        ]
        for field in FIELDS:
            if got.get(field) != want.get(field):
                mismatches.append((aid, want.get("variant"), field, got.get(field), want.get(field)))
        if images != want["images"]:
            mismatches.append((aid, want.get("variant"), "images", images, want["images"]))
    assert mismatches == []


def test_no_boilerplate_in_any_body(db):
    boilerplate = ("Chia sẻ bài viết", "Tiếng Việt | English", "Vietnamese | English", "Tin liên quan", "Related",
                   "Ý kiến bạn đọc", "Trang sau", "Share")  # fmt: skip
    for row in db.query("select key, lead, body_text from articles"):
        for needle in boilerplate:
            assert needle not in row["body_text"], (row["key"], needle)
            assert needle not in (row["lead"] or ""), (row["key"], needle)


def test_invariants_on_every_row(db):
    for row in db.query("select * from articles"):
        assert row["lang"] in ("vi", "en")
        assert row["published_at"] is None or row["published_at"].endswith("+07:00")
        for column in TEXT_COLUMNS:
            value = row[column]
            assert value is None or unicodedata.is_normalized("NFC", value), (row["key"], column)
        assert row["key"] == article_key(row["site"], row["lang"], row["article_id"])
        assert row["url"].startswith("https://") and "www." not in row["url"]


@pytest.mark.parametrize("slug", EDITIONS)
def test_every_broken_page_recorded(db, truth, slug):
    recorded = {(r["url"]) for r in db.query("select url from crawl_errors")}
    for error in truth[slug]["errors"]:
        assert error["url"] in recorded, error


def test_only_broken_pages_recorded(db, truth):
    expected = {e["url"] for slug in EDITIONS for e in truth[slug]["errors"]}
    # Pages only: the mirror's bad images are tests/test_images_crawl.py's.
    recorded = {r["url"] for r in db.query("select url from crawl_errors where stage != 'image'")}
    assert recorded == expected


def test_runs_recorded(db):
    runs = list(db.query("select * from crawl_runs order by id"))
    assert {r["spider"] for r in runs[:2]} == set(EDITIONS)
    assert all(r["status"] == "completed" and r["finished_at"] for r in runs[:2])
    assert sum(r["articles_new"] for r in runs[:2]) == db["articles"].count


def test_robots_txt_obeyed(crawled, mirror_server):
    paths = [path for _, path in mirror_server.requests]
    assert any(p.startswith("/robots.txt") for p in paths)
    assert not any(p.startswith("/tim-kiem") for p in paths)


def test_full_recrawl_adds_no_duplicates(crawled, truth):
    """`--full` re-fetches and re-extracts every article: same keys, nothing new, nothing changed."""
    import sqlite_utils

    db = sqlite_utils.Database(crawled["db_path"])
    before = db["articles"].count, db["images"].count
    second = newsarchive("crawl", "--full", "--db", str(crawled["db_path"]), env=crawled["env"])
    assert second.returncode == 0, second.stderr
    assert (db["articles"].count, db["images"].count) == before
    last_runs = list(db.query("select * from crawl_runs order by id desc limit 2"))
    assert all(r["mode"] == "full" for r in last_runs)
    assert all(r["articles_new"] == 0 and r["articles_updated"] == 0 for r in last_runs)
    assert sum(r["articles_unchanged"] for r in last_runs) == before[0]
    assert db["revisions"].count == 0
    dupes = list(
        db.query("select site, lang, article_id, count(*) n from articles group by 1, 2, 3 having n > 1")
    )
    assert dupes == []
