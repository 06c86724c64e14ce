"""Any exception while handling one page is one `crawl_errors` row, the page backs off, the crawl goes on.

Unit level with real Scrapy objects (a crawler of the real spider, real HtmlResponses) and a real SQLite file;
end to end with the scripted hostile site (tests/hostile.py).
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlite_utils
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newsarchive import plan, store
from newsarchive.crawl import project_settings
from newsarchive.extract import extract_article
from newsarchive.failures import PageFailures
from newsarchive.items import ArticleItem, CrawlErrorItem
from newsarchive.mirror.server import SITES_ROOT, MirrorServer
from newsarchive.normalize import parse_iso_datetime, parse_vn_datetime
from newsarchive.pipelines import ArchivePipeline
from spiders.baolongan_vi import BaoLongAnViSpider

from .conftest import REPO, newsarchive

ARTICLE = "can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"
ARTICLE_URL = f"https://baolongan.vn/{ARTICLE}"


def page_with_jsonld_date(date: str) -> str:
    page = (SITES_ROOT / "baolongan.vn" / ARTICLE).read_text("utf-8")
    jsonld = (
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{date}"}}</script>'
    )
    return page.replace("</head>", jsonld + "</head>", 1)


# --- dates -------------------------------------------------------------------------------------------

OUT_OF_RANGE = [
    "0001-01-01T00:00:00+14:00",  # .NET's DateTime.MinValue, shifted past year 1 by +07:00
    "9999-12-31T23:59:59-12:00",  # past year 9999
    "0001-01-01",
    "9999-12-31T23:00:00Z",
    "1800-01-01T00:00:00+07:00",
    "2020-02-30T10:00:00+07:00",
    "2020-01-01T25:61:00+07:00",
    "2020-01-01T10:00:00+99:99",
]


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_out_of_range_dates_are_no_date(value):
    assert parse_iso_datetime(value) is None
    assert parse_vn_datetime(value) is None


def test_plausible_dates_still_parse():
    assert parse_iso_datetime("2022-04-13T02:44:00Z") == "2022-04-13T09:44:00+07:00"
    assert parse_iso_datetime("2022-04-13T09:44:00-12:00") == "2022-04-14T04:44:00+07:00"


@pytest.mark.parametrize("value", OUT_OF_RANGE[:2])
def test_overflowing_jsonld_date_falls_back_to_the_page(value):
    record = extract_article(page_with_jsonld_date(value), ARTICLE_URL)
    assert record["published_at"] == extract_article(page_with_jsonld_date("x"), ARTICLE_URL)["published_at"]
    assert record["published_at"] is not None and record["layers"]["published_at"] == "site"


def test_jsonld_nested_past_the_recursion_limit_is_ignored():
    page = page_with_jsonld_date("2022-01-01").replace(
        '<script type="application/ld+json">', '<script type="application/ld+json">' + "[" * 100_000, 1
    )
    assert extract_article(page, ARTICLE_URL)["title"]


@pytest.mark.parametrize("tag, depth", [("div", 300), ("div", 5000), ("span", 20000)])
def test_a_body_nested_thousands_deep_is_extracted_whole(tag, depth):
    """libxml2 stops at 256 levels and dropped the rest of the page: the body came out empty or truncated."""
    page = (SITES_ROOT / "baolongan.vn" / ARTICLE).read_text("utf-8")
    plain = extract_article(page, ARTICLE_URL)
    opening = page.index(">", page.index('<div class="content-fck')) + 1
    deepest = "<p>Đoạn văn sâu nhất của bài, giữ nguyên dấu tiếng Việt.</p>"
    nested = page[:opening] + f"<{tag} class='x'>" * depth + deepest + f"</{tag}>" * depth + page[opening:]
    record = extract_article(nested, ARTICLE_URL)
    assert (
        record["body_text"]
        == "Đoạn văn sâu nhất của bài, giữ nguyên dấu tiếng Việt.\n\n" + plain["body_text"]
    )
    assert {k: record[k] for k in ("title", "published_at", "images")} == {
        k: plain[k] for k in ("title", "published_at", "images")
    }


# --- the spider middleware ---------------------------------------------------------------------------


@pytest.fixture
def crawler(tmp_path):
    db_path = tmp_path / "archive.db"
    store.open_db(db_path).close()
    settings = {"ARCHIVE_DB": str(db_path), "CAPTURES_ENABLED": False, "NEWSARCHIVE_QUEUE_TARGET": 100}
    crawler = get_crawler(BaoLongAnViSpider, settings)
    crawler.spider = crawler._create_spider()
    crawler.engine = crawler._create_engine()  # not started: no scheduler
    return crawler


def article_response(url: str, body: str = "<html></html>", **meta) -> HtmlResponse:
    real = Request(url, meta={"article": True, **meta})
    mirrored = real.replace(
        url="http://127.0.0.1:9/" + url.split("/")[-1], meta={**real.meta, "mirror_original_url": url}
    )
    return HtmlResponse(mirrored.url, body=body.encode(), encoding="utf-8", request=mirrored)


def test_a_callback_exception_becomes_a_row_for_the_requested_url(crawler):
    middleware = PageFailures.from_crawler(crawler)
    spider = crawler.spider
    spider.frontier.add("https://baolongan.vn/waiting-a1.html")  # queued by the callback before it raised
    try:
        datetime.fromisoformat("0001-01-01T00:00:00+14:00").astimezone(timezone(timedelta(hours=7)))
    except OverflowError as exc:
        error = exc
    out = list(middleware.process_spider_exception(article_response(ARTICLE_URL), error))
    assert out[0] == CrawlErrorItem(
        ARTICLE_URL, "parse", "OverflowError: date value out of range", 200, "callback_error", True
    )
    # Waiting articles are handed out as the scheduler has room (here no scheduler: none), never dropped.
    assert out[1:] == [] and len(spider.frontier) == 1
    assert crawler.stats.get_value("newsarchive/callback_errors") == 1


def test_scrapy_control_flow_is_left_to_scrapy(crawler):
    from scrapy.spidermiddlewares.httperror import HttpError

    middleware = PageFailures.from_crawler(crawler)
    response = article_response(ARTICLE_URL)
    assert middleware.process_spider_exception(response, HttpError(response, "404")) is None


def test_page_failures_is_on_for_every_spider():
    assert "newsarchive.failures.PageFailures" in project_settings().getdict("SPIDER_MIDDLEWARES")


# --- the pipeline ------------------------------------------------------------------------------------


@pytest.fixture
def pipeline(crawler):
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    yield pipeline
    pipeline.finish("completed", "finished")


def record(n: int, **changes) -> dict:
    return {
        "url": f"https://baolongan.vn/bai-{n}-a{n}.html",
        "site": "baolongan",
        "lang": "vi",
        "article_id": str(n),
        "title": f"Bài {n}",
        "lead": None,
        "body_text": "Nội dung. " * 20,
        "authors": ["Hữu Bằng"],
        "sources": [],
        "published_at": "2024-01-02T08:00:00+07:00",
        "images": [{"url": f"https://baolongan.vn/{n}.jpg", "caption": None}],
        **changes,
    }


def rows(path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_an_item_that_cannot_be_stored_is_a_row_and_the_run_goes_on(crawler, pipeline):
    path = crawler.settings.get("ARCHIVE_DB")
    pipeline.process_item(ArticleItem(record(1)))
    pipeline.process_item(ArticleItem(record(2, title=None)))  # articles.title NOT NULL
    pipeline.process_item(ArticleItem(record(3)))
    pipeline.finish("completed", "finished")
    assert rows(path, "select key from articles order by key") == [("baolongan:vi:1",), ("baolongan:vi:3",)]
    assert rows(path, "select article_key from images order by 1") == [
        ("baolongan:vi:1",),
        ("baolongan:vi:3",),
    ]
    [(url, stage, kind, reason)] = rows(path, "select url, stage, kind, reason from crawl_errors")
    assert (url, stage, kind) == (record(2)["url"], "store", "store_error")
    assert reason == "IntegrityError: NOT NULL constraint failed: articles.title"
    [run] = rows(path, "select status, articles_new, errors, errors_by_kind from crawl_runs")
    assert run == ("completed", 2, 1, '{"store_error": 1}')
    assert crawler.stats.get_value("newsarchive/article_failures") == 1
    # The failed URL backs off like any failed fetch.
    archive = sqlite_utils.Database(path)
    assert record(2)["url"] in plan._backing_off(archive, datetime.now(UTC))
    archive.close()


def test_an_archived_row_without_content_hash_is_revised(crawler, pipeline):
    path = crawler.settings.get("ARCHIVE_DB")
    pipeline.process_item(ArticleItem(record(1)))
    pipeline.process_item(ArticleItem(record(2)))
    pipeline.batch.commit()
    with sqlite3.connect(path) as conn:
        conn.execute("update articles set content_hash = null")  # written by hand, or an old tool
    pipeline.process_item(ArticleItem(record(1, title="Bài 1, sửa")))  # edited at the source
    pipeline.process_item(ArticleItem(record(2)))  # unchanged
    pipeline.finish("completed", "finished")
    [(changed, old_hash, new_hash)] = rows(path, "select changed_fields, old_hash, new_hash from revisions")
    assert changed == '["title"]' and old_hash == store.content_hash(record(1)) != new_hash
    assert rows(path, "select count(*) from articles where content_hash is null") == [(0,)]
    [run] = rows(path, "select articles_new, articles_updated, articles_unchanged, errors from crawl_runs")
    assert run == (2, 1, 1, 0)


# --- end to end --------------------------------------------------------------------------------------


def test_hostile_pages_become_rows_and_the_crawl_goes_on(hostile, tmp_path):
    db_path = tmp_path / "archive.db"
    hostile.answer("baolongan.vn", f"/{ARTICLE}", body=page_with_jsonld_date("0001-01-01T00:00:00+14:00"))
    # A listing answered as bytes: the listing callback raises reading its text.
    hostile.answer(
        "baolongan.vn", "/kinh-te/", body=b"\x00\x01", headers={"Content-Type": "application/x-thing"}
    )
    result = newsarchive("crawl", "--db", str(db_path), "--lang", "vi", env=hostile.env, check=False)
    log = (tmp_path / "logs" / "newsarchive.log").read_text("utf-8")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + log and "spider_exceptions" not in log
    page = (SITES_ROOT / "baolongan.vn" / ARTICLE).read_text("utf-8")
    expected = extract_article(page, ARTICLE_URL)["published_at"]
    assert rows(db_path, "select published_at from articles where article_id = '133682'") == [(expected,)]
    [(url, stage, kind, reason)] = rows(
        db_path, "select url, stage, kind, reason from crawl_errors where kind = 'callback_error'"
    )
    assert (url, stage) == ("https://baolongan.vn/kinh-te/", "parse")
    assert reason.startswith("AttributeError: ")
    [(status, errors_by_kind)] = rows(db_path, "select status, errors_by_kind from crawl_runs")
    assert status == "completed" and '"callback_error": 1' in errors_by_kind
    assert re.search(r"baolongan_vi: completed .* \d+ new", result.stdout)


def both_runs_started(db_path) -> bool:
    try:
        return rows(db_path, "select count(*) from crawl_runs") == [(2,)]
    except sqlite3.OperationalError:  # not created yet
        return False


def double_sigint(db_path, mirror_url: str) -> tuple[int, str]:
    crawl = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "crawl", "--db", str(db_path)],
        cwd=REPO,
        env={**os.environ, "NEWSARCHIVE_MIRROR_URL": mirror_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not (db_path.exists() and both_runs_started(db_path)):
        assert time.monotonic() < deadline, "the crawl did not start"
        time.sleep(0.05)
    crawl.send_signal(signal.SIGINT)
    time.sleep(0.05)  # the impatient second Ctrl-C, while the first one's graceful stop runs
    crawl.send_signal(signal.SIGINT)
    _, err = crawl.communicate(timeout=60)
    return crawl.returncode, err


def test_a_doubled_sigint_ends_the_runs_as_failed(tmp_path):
    """The second Ctrl-C makes Scrapy stop the reactor without closing its spiders: the runs still end.

    Whether the graceful stop still finishes first is a race, so a few tries (bounded) until one is forced.
    """
    notes: list[str] = []
    with MirrorServer(port=0, delay=0.5) as slow:
        for attempt in range(4):
            db_path = tmp_path / f"archive{attempt}.db"
            returncode, err = double_sigint(db_path, slow.url)
            assert returncode in (1, -signal.SIGINT), err  # -SIGINT: the second signal came after the end
            assert "Traceback" not in err
            runs = rows(db_path, "select status, note from crawl_runs")
            assert [status for status, _ in runs] == ["failed", "failed"], runs
            notes += [note for _, note in runs]
            if any(note.startswith("interrupted: ") for note in notes):
                break
    assert all(notes) and any(note.startswith("interrupted: ") for note in notes), notes
