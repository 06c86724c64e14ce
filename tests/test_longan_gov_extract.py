"""Portal hints without a crawl: URLs, dates, SharePoint traps, and a page in markup the mirror does not use."""

from __future__ import annotations

import pytest

from newsarchive import sharepoint
from newsarchive.extract import extract_article
from newsarchive.normalize import parse_vn_datetime
from newsarchive.sites import LONGAN_GOV, edition_for, is_mangled
from spiders.longan_gov_en import LongAnGovEnSpider
from spiders.longan_gov_vi import LongAnGovViSpider

CANONICAL = "https://eng.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?ID=620"


@pytest.mark.parametrize(
    "url",
    [
        "https://eng.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?ID=620&InitialTabId=Ribbon.Read&CategoryId=Enterprise",
        "http://ENG.longan.gov.vn/lists/tintucsukien/dispform.aspx?id=620",
        "https://eng.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?Source=%2FLists&ID=620",
    ],
)
def test_article_urls_canonicalize_to_id(url):
    assert LONGAN_GOV.article_id(url) == "620"
    assert LONGAN_GOV.canonical_article_url(url) == CANONICAL
    assert edition_for(url) == ("longan_gov", "en")


def test_non_articles_and_vietnamese_host():
    assert (
        LONGAN_GOV.canonical_article_url("https://eng.longan.gov.vn/Lists/TinTucSuKien/TongQuat.aspx") is None
    )
    assert LONGAN_GOV.article_id("https://eng.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?ID=abc") is None
    assert (
        LONGAN_GOV.canonical_article_url("https://longan.gov.vn/lists/TinTucSuKien/dispform.aspx?id=7")
        == "https://www.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?ID=7"
    )
    assert edition_for("https://www.longan.gov.vn/") == ("longan_gov", "vi")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Thứ 2, Ngày 23/03/2020, 08:00", "2020-03-23T08:00:00+07:00"),
        ("Chủ nhật, Ngày 05/04/2020, 19:45", "2020-04-05T19:45:00+07:00"),
        ("04/06/2018 11:00 SA", "2018-06-04T11:00:00+07:00"),
        ("04/06/2018 1:05 CH", "2018-06-04T13:05:00+07:00"),
        ("04/06/2018 12:30 SA", "2018-06-04T00:30:00+07:00"),
        ("04/06/2018 12:30 CH", "2018-06-04T12:30:00+07:00"),
    ],
)
def test_portal_dates(text, iso):
    assert parse_vn_datetime(text) == iso


def test_titles_undoubled():
    assert sharepoint.undouble_title("Khai mạc hội chợ New Khai mạc hội chợ", ("New",)) == "Khai mạc hội chợ"
    assert sharepoint.undouble_title("Folk festival Folk festival") == "Folk festival"
    assert sharepoint.undouble_title("Khai mạc hội chợ New", ("New",)) == "Khai mạc hội chợ"
    assert sharepoint.undouble_title("Trường học sẵn sàng cho năm học mới", ("New",)) == (
        "Trường học sẵn sàng cho năm học mới"
    )


def test_escaped_word_html_and_file_names():
    page = (
        "<div>&lt;!--[if gte mso 9]&gt;&lt;xml&gt;&lt;w:View&gt;Normal&lt;/w:View&gt;&lt;/xml&gt;&lt;![endif]--&gt;"
        "&lt;p class=MsoNormal style=&quot;margin:6pt 0in;&quot;&gt;&lt;span style=&quot;font-family:&amp;quot;"
        "Times&amp;quot;&quot;&gt;Tôm &amp;amp; cá&lt;/span&gt;&lt;o:p&gt;&lt;/o:p&gt;&lt;/p&gt;</div>"
    )
    fixed = sharepoint.unescape_word_html(page)
    assert '<p class=MsoNormal style="margin:6pt 0in;">' in fixed and "&lt;" not in fixed
    assert "Tôm &amp; cá" in fixed  # escaped twice as a whole: one unescape gives the Word HTML
    assert sharepoint.strip_literal_tags('<p style="margin:6pt 0in;">Lúa <b>vàng</b></p>') == "Lúa vàng"
    assert sharepoint.is_image_file_name("/PublishingImages/2020-03/Châu Thành thanh long 2332020.jpg")
    assert not sharepoint.is_image_file_name("Nông dân Châu Thành thu hoạch thanh long.")
    assert is_mangled("V%u0103n h%u00f3a") and is_mangled("V\ufffdn h\ufffda") and not is_mangled("Văn hóa")


def test_spider_rebuilds_category_urls():
    vi, en = LongAnGovViSpider(), LongAnGovEnSpider()
    base = "https://www.longan.gov.vn/Lists/TinTucSuKien/TongQuat.aspx"
    built = f"{base}?CategoryId=V%C4%83n%20h%C3%B3a"
    assert (
        vi.listing_url(
            "https://www.longan.gov.vn/lists/tintucsukien/tongquat.aspx?categoryid=V%25u0103n+h%25u00f3a",
            "Văn hóa",
        )
        == built
    )
    assert vi.listing_url(f"{base}?CategoryId=V%EF%BF%BDn+h%EF%BF%BDa", "Văn hóa") == built
    assert vi.listing_url(f"{base}?CategoryId=V%EF%BF%BDn+h%EF%BF%BDa", "") is None
    assert vi.listing_url(f"{base}?categoryID=V%C4%83n%20h%C3%B3a&pageindex=3", "3") == built + "&PageIndex=3"
    assert vi.listing_url("https://www.longan.gov.vn/pages/tintuc.aspx?CategoryId=Kinh+t%E1%BA%BF") == (
        "https://www.longan.gov.vn/Pages/TinTuc.aspx?CategoryId=Kinh%20t%E1%BA%BF"
    )
    assert en.listing_url("https://eng.longan.gov.vn/Pages/TinTuc.aspx?CategoryId=Enterprise") is None
    assert (
        en.listing_url("https://eng.longan.gov.vn/Lists/ThongTinGioiThieu/TongQuat.aspx?CategoryID=x") is None
    )
    assert en.article_url("http://eng.longan.gov.vn/lists/tintucsukien/dispform.aspx?id=9&x=1") == (
        "https://eng.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?ID=9"
    )


# A portal page in markup the mirror never uses: publishing-page field ids, the date after a bold label,
# the title doubled with a badge, chrome leaking as text, and a lead only in the body.
UNSEEN = """<!DOCTYPE html><html><head><title>Tin tức</title></head><body><form id="aspnetForm">
<span class="ms-hidden">Skip to main content</span>
<div id="suiteBar">Đăng nhập</div>
<table width="100%"><tr><td class="left-col"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li></ul></td>
<td class="main-col">
<span id="ctl00_PlaceHolderMain_Title">Đức Hòa khánh thành cầu nông thôn <span>New</span> Đức Hòa khánh thành cầu nông thôn</span>
<div class="info"><b>Ngày đăng:</b> Chủ nhật, Ngày 05/04/2020, 19:45</div>
<div id="ctl00_PlaceHolderMain_RichHtmlField1__ControlWrapper_RichHtmlField">
&lt;p class=MsoNormal style="margin:6pt 0in;text-align:justify"&gt;&lt;span style="font-size:14pt"&gt;Sáng nay, huyện Đức Hòa khánh thành cây cầu nông thôn thứ mười hai trong năm, giúp hàng trăm hộ dân đi lại thuận tiện hơn.&lt;/span&gt;&lt;o:p&gt;&lt;/o:p&gt;&lt;/p&gt;
<p><img src="/PublishingImages/2020-04/cau nong thon Duc Hoa (1).JPG"></p>
<p>/PublishingImages/2020-04/cau nong thon Duc Hoa (1).JPG</p>
<p>Cây cầu dài 36 m, rộng 3,5 m, tổng kinh phí hơn 1,2 tỉ đồng do ngân sách và người dân cùng đóng góp.</p>
<p>Người dân trong ấp phấn khởi vì từ nay việc vận chuyển nông sản ra chợ không còn phải đi đò, tiết kiệm thời gian và chi phí.</p>
<p style="text-align:right"><strong>Minh Thư</strong></p>
</div></td></tr></table>
<div class="footer">Cơ quan chủ quản: Ủy ban nhân dân tỉnh Long An</div>
</form></body></html>"""


def test_unseen_portal_markup():
    record = extract_article(UNSEEN, "https://www.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?ID=3301")
    assert record["title"] == "Đức Hòa khánh thành cầu nông thôn"
    assert record["published_at"] == "2020-04-05T19:45:00+07:00"
    assert (record["site"], record["lang"], record["article_id"]) == ("longan_gov", "vi", "3301")
    body = record["body_text"]
    assert body.startswith("Sáng nay, huyện Đức Hòa") and body.endswith("tiết kiệm thời gian và chi phí.")
    assert "<" not in body and "PublishingImages" not in body and "Skip" not in body
    assert record["authors"] == ["Minh Thư"]
    assert [i["url"] for i in record["images"]] == [
        "https://www.longan.gov.vn/PublishingImages/2020-04/cau nong thon Duc Hoa (1).JPG"
    ]


def test_site_all_and_portal_spiders():
    from newsarchive.crawl import spider_names

    assert spider_names("longan_gov", None) == ["longan_gov_en", "longan_gov_vi"]
    assert spider_names("longan_gov", "vi") == ["longan_gov_vi"]
    assert {"baolongan_vi", "baolongan_en", "longan_gov_vi", "longan_gov_en"} <= set(
        spider_names("all", None)
    )
