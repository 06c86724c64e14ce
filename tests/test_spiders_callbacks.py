"""Spider callbacks on saved mirror pages, without a crawl (city-scrapers style): a real Scrapy response built
from a file of `newsarchive/mirror/sites/<host>/`, handed to `parse`, `parse_rss` or `parse_article`, and what
they yield or queue checked against the page and the mirror's truth."""

from __future__ import annotations

import json
from pathlib import Path

import scrapy
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from newsarchive import settings as project_settings_module
from newsarchive.items import ArticleItem, CrawlErrorItem
from newsarchive.scope import OutOfScope
from spiders.baolongan_en import BaoLongAnEnSpider
from spiders.baolongan_vi import BaoLongAnViSpider
from spiders.longan_gov_vi import LongAnGovViSpider

from .conftest import MIRROR

SITES = MIRROR / "sites"
ARTICLE = "can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"


PROJECT = {k: v for k, v in vars(project_settings_module).items() if k.isupper()}


def make_spider(cls: type[scrapy.Spider], **settings: object):
    """The spider on a crawler with the project's settings (no engine: callbacks only)."""
    return cls.from_crawler(get_crawler(cls, {**PROJECT, **settings}))


def response(url: str, path: Path, cls: type = HtmlResponse, **meta: object):
    return cls(url=url, body=path.read_bytes(), encoding="utf-8", request=scrapy.Request(url, meta=meta))


def truth(slug: str) -> dict:
    return json.loads((MIRROR / "truth" / f"{slug}.json").read_text("utf-8"))


def test_home_page_yields_edition_listings_and_queues_edition_articles():
    spider = make_spider(BaoLongAnViSpider)
    out = list(
        spider.parse(response("https://baolongan.vn/", SITES / "baolongan.vn" / "index.html", start=True))
    )
    listings = [r.url for r in out if isinstance(r, scrapy.Request)]
    assert "https://baolongan.vn/kinh-te/" in listings
    assert all(url.startswith("https://baolongan.vn/") and url.endswith("/") for url in listings)
    assert all(r.callback == spider.parse for r in out)
    assert spider.frontier.waiting  # articles wait as URLs, not requests
    assert all(spider.article_url(url) == url for url in spider.frontier.waiting)
    assert spider.crawler.stats.get_value("newsarchive/start_ok") == 1


def test_listing_page_yields_its_next_page():
    spider = make_spider(BaoLongAnViSpider)
    page = SITES / "baolongan.vn" / "kinh-te" / "index.html"
    out = list(spider.parse(response("https://baolongan.vn/kinh-te/", page)))
    assert "https://baolongan.vn/kinh-te/?p=2" in [r.url for r in out]


def test_listing_past_the_page_cap_yields_one_row_not_a_request():
    spider = make_spider(BaoLongAnViSpider, NEWSARCHIVE_MAX_LISTING_PAGES=1)
    page = SITES / "baolongan.vn" / "kinh-te" / "index.html"
    out = list(spider.parse(response("https://baolongan.vn/kinh-te/", page)))
    capped = [i for i in out if isinstance(i, CrawlErrorItem)]
    assert [(i.url, i.kind) for i in capped] == [("https://baolongan.vn/kinh-te/?p=2", "pagination_cap")]
    assert "https://baolongan.vn/kinh-te/?p=2" not in [r.url for r in out if isinstance(r, scrapy.Request)]
    again = list(spider.parse(response("https://baolongan.vn/kinh-te/", page)))
    assert not any(isinstance(i, CrawlErrorItem) for i in again)  # one row per listing


def test_rss_feed_queues_its_articles():
    spider = make_spider(BaoLongAnViSpider)
    feed = SITES / "baolongan.vn" / "rss" / "home.rss"
    out = list(spider.parse_rss(response("https://baolongan.vn/rss/home.rss", feed, XmlResponse)))
    assert out == []  # nothing to yield itself: no engine here, so no frontier requests either
    ids = set(truth("baolongan_vi")["articles"])
    queued = spider.frontier.waiting
    assert queued and all(BaoLongAnViSpider.profile.article_id(url) in ids for url in queued)


def test_article_page_yields_the_truth_record():
    spider = make_spider(BaoLongAnViSpider)
    url = f"https://baolongan.vn/{ARTICLE}"
    out = list(spider.parse_article(response(url, SITES / "baolongan.vn" / ARTICLE, article=True)))
    [item] = [i for i in out if isinstance(i, ArticleItem)]
    expected = truth("baolongan_vi")["articles"]["133682"]
    for field in ("url", "site", "lang", "article_id", "title", "published_at", "authors"):
        assert item.record[field] == expected[field], field
    assert all(spider.article_url(link) == link for link in item.links)


def test_article_page_off_the_edition_is_a_row_never_a_record():
    """The scope middleware refuses such requests; should one slip through, no key is made from its host."""
    spider = make_spider(BaoLongAnViSpider)
    url = "https://baolongan.vn.evil.example/evil-a5008.html"
    out = list(spider.parse_article(response(url, SITES / "baolongan.vn" / ARTICLE, article=True)))
    assert [(type(i), i.kind) for i in out] == [(CrawlErrorItem, "redirect_offsite")]


def test_page_without_id_and_an_offsite_canonical_makes_no_key(tmp_path):
    spider = make_spider(BaoLongAnViSpider)
    page = (SITES / "baolongan.vn" / ARTICLE).read_text("utf-8")
    page = page.replace(
        "<head>", '<head><link rel="canonical" href="https://evil.example/evil-a5016.html">', 1
    )
    (tmp_path / "page.html").write_text(page, "utf-8")
    url = "https://baolongan.vn/gioi-thieu/"  # where a redirect may have brought the request
    out = list(spider.parse_article(response(url, tmp_path / "page.html", article=True)))
    assert [(type(i), i.kind) for i in out] == [(CrawlErrorItem, "not_article")]


def test_sibling_edition_page_is_not_this_editions_article():
    spider = make_spider(BaoLongAnEnSpider)
    url = f"https://baolongan.vn/{ARTICLE}"
    out = list(spider.parse_article(response(url, SITES / "baolongan.vn" / ARTICLE, article=True)))
    assert not any(isinstance(i, ArticleItem) for i in out)


def test_out_of_scope_failure_is_recorded_under_the_requested_url():
    spider = make_spider(BaoLongAnViSpider)
    request = scrapy.Request("https://evil.example/x", meta={"article": True})
    failure = Failure(
        OutOfScope("https://baolongan.vn/a-a1.html", "https://evil.example/x", "redirect_offsite", "why")
    )
    failure.request = request  # as Scrapy hands it to an errback
    [item] = list(spider.on_error(failure))
    assert (item.url, item.kind, item.reason) == ("https://baolongan.vn/a-a1.html", "redirect_offsite", "why")


def test_an_errback_that_cannot_classify_a_failure_still_records_a_row():
    """Errback output skips spider middlewares: a failure the errback chokes on (an HTTP error without its
    response) must still be one row, not a traceback."""
    spider = make_spider(BaoLongAnViSpider)
    failure = Failure(HttpError(None, "no response"))  # type: ignore[arg-type]
    failure.request = scrapy.Request("https://baolongan.vn/a-a1.html", meta={"article": True})
    [item] = list(spider.on_error(failure))
    assert (item.url, item.stage, item.kind) == ("https://baolongan.vn/a-a1.html", "fetch", "errback_error")
    assert item.reason.startswith("AttributeError")


def test_portal_home_and_item():
    article_id = "1006"
    spider = make_spider(LongAnGovViSpider)
    home = SITES / "longan.gov.vn" / "index.html"
    out = list(spider.parse(response("https://www.longan.gov.vn/", home, start=True)))
    listings = [r.url for r in out if isinstance(r, scrapy.Request)]
    assert listings and all(
        "/Lists/TinTucSuKien/TongQuat.aspx" in u or "/Pages/TinTuc.aspx" in u for u in listings
    )
    expected = truth("longan_gov_vi")["articles"][article_id]
    page = SITES / "longan.gov.vn" / "lists" / "tintucsukien" / "dispform.aspx" / f"id={article_id}.html"
    [item] = [
        i
        for i in spider.parse_article(response(expected["url"], page, article=True))
        if isinstance(i, ArticleItem)
    ]
    assert (item.record["site"], item.record["article_id"]) == ("longan_gov", article_id)
    assert item.record["title"] == expected["title"]
