"""Báo Tây Ninh, the successor paper on the Báo Long An CMS: a profile and thin spiders, no extractor code.

The page in tests/fixtures/baotayninh/ is written after the CMS (SITES.md: same family, its own id counter,
dates like `Thứ sáu: 15:00 ngày 09/02/2024`, leads opening `(BTN) -`); its id is also a Báo Long An id.
"""

from __future__ import annotations

from pathlib import Path

from newsarchive import sites
from newsarchive.crawl import spider_names
from newsarchive.extract import extract_article
from newsarchive.items import ArticleItem
from newsarchive.store import article_key
from spiders.baolongan_vi import BaoLongAnViSpider
from spiders.baotayninh_vi import BaoTayNinhViSpider

from .test_spiders_callbacks import make_spider, response

PAGE = Path(__file__).parent / "fixtures" / "baotayninh" / "xa-phuoc-vinh-tay-don-tet-a175995.html"
URL = "https://baotayninh.vn/xa-phuoc-vinh-tay-cham-lo-tet-cho-ho-ngheo-a175995.html"


def test_article_extracts_with_its_own_site_date_and_lead_mark():
    record = extract_article(PAGE.read_bytes(), URL, "text/html; charset=utf-8")
    assert (record["site"], record["lang"], record["article_id"]) == ("baotayninh", "vi", "175995")
    assert record["published_at"] == "2024-02-09T15:00:00+07:00"
    assert record["title"] == "Xã Phước Vĩnh Tây chăm lo Tết cho hộ nghèo"
    # The paper's mark is a source as printed; the lead keeps the sentence.
    assert record["lead"].startswith("Những ngày giáp Tết, xã Phước Vĩnh Tây")
    assert record["sources"] == ["BTN"]
    assert record["authors"] == ["Minh Hải"]
    assert record["layers"]["body_text"] == "site"


def test_same_number_on_both_papers_makes_two_keys():
    assert sites.edition_for(URL) == ("baotayninh", "vi")
    btn = article_key("baotayninh", "vi", "175995")
    bla = article_key("baolongan", "vi", "175995")
    assert btn != bla


def test_spider_keeps_to_its_host_and_lists_no_english_edition():
    assert spider_names("baotayninh", None) == ["baotayninh_vi"]
    assert "en" in sites.BAOTAYNINH.unknown_editions
    spider = make_spider(BaoTayNinhViSpider)
    out = list(spider.parse_article(response(URL, PAGE, article=True)))
    [item] = [i for i in out if isinstance(i, ArticleItem)]
    assert item.record["site"] == "baotayninh"
    # Its related box links a Báo Long An article: not this spider's to fetch, and never under its key.
    assert "https://baotayninh.vn/can-giuoc-ra-quan-lam-thuy-loi-a175990.html" in item.links
    assert not any("baolongan.vn" in link for link in item.links)
    assert spider.article_url("https://baolongan.vn/x-a175995.html") is None
    assert make_spider(BaoLongAnViSpider).article_url(URL) is None


def test_crawling_the_unknown_english_edition_is_a_clear_error(tmp_path):
    from .conftest import newsarchive

    result = newsarchive(
        "crawl", "--site", "baotayninh", "--lang", "en", "--db", str(tmp_path / "a.db"), check=False
    )
    assert result.returncode == 2
    assert "baotayninh has no known 'en' edition" in result.stderr
    assert not (tmp_path / "a.db").exists()
