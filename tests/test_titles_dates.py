"""Titles and dates of the generic and metadata layers, on small pages written after real ones (issue 13).

Each page copies one pattern seen on real news sites (2012 Vietnamese layouts, English papers), never a page.
The title and date functions are called on the page as `extract_article` prepares it, so these rules are
tested apart from the body side's decisions.
"""

from __future__ import annotations

import pytest

from newsarchive import extract, sites
from newsarchive.normalize import parse_labelled_datetime, parse_vn_datetime
from newsarchive.selectors import Selection
from newsarchive.titles import strip_site_name

URL = "https://tinmoi.example.vn/xa-hoi/bai-viet-a123.html"
BODY = "".join(
    f"<p>Đoạn {i} của bài: người dân khắp nơi đổ về trung tâm thành phố, đường phố đông đúc suốt đêm.</p>"
    for i in range(4)
)


def title_and_date(html: str, url: str = URL):
    """(title element, title, published_at) as extraction computes them."""
    root = extract._parse(html)
    page = extract._Page(url=url, root=root, profile=sites.profile_for(url), selection=Selection(root))
    extract._read_head(page)
    title_el, title = extract._title(page)
    return title_el, title, extract._published_at(page, title_el, None)


def page(head: str = "", body: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


# --- titles ------------------------------------------------------------------------------------------


def test_seo_slug_glued_to_head_title_is_not_the_title():
    html = page(
        "<title>Đột nhập lò luyện thi công chức Hàn Quốc-lo luyen thi cong chuc o han</title>"
        '<meta property="og:title" content="Đột nhập lò luyện thi công chức Hàn Quốc-lo luyen thi cong chuc o han">'
        '<meta property="og:site_name" content="Tin tức mới">',
        '<h1 class="baiviet-title">Đột nhập lò luyện thi công chức Hàn Quốc\t</h1>'
        '<div class="publication_date">Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)</div>' + BODY,
    )
    title_el, title, _ = title_and_date(html)
    assert title == "Đột nhập lò luyện thi công chức Hàn Quốc"
    assert title_el is not None and title_el.tag == "h1"


def test_site_name_off_a_head_title_without_a_heading():
    html = page(
        '<meta property="og:title" content="Giá lúa tăng mạnh | Báo Mẫu">'
        '<meta property="og:site_name" content="Báo Mẫu">',
        BODY,
    )
    assert title_and_date(html)[1] == "Giá lúa tăng mạnh"


@pytest.mark.parametrize(
    ("head_title", "site_names", "url", "expected"),
    [
        (
            "Nadal keeps Spain alive - Sportsnet.ca",
            (),
            "https://www.sportsnet.ca/t/x",
            "Nadal keeps Spain alive",
        ),
        ("Governor doubles down | TheHill", ("TheHill",), "https://thehill.com/a", "Governor doubles down"),
        (
            "Mọi ngả đường về nhà thờ - Zing News",
            (),
            "https://news.zing.vn/a.html",
            "Mọi ngả đường về nhà thờ",
        ),
        ("Báo Mẫu :: Giá lúa tăng", ("Báo Mẫu",), URL, "Giá lúa tăng"),
        ("Giá lúa tăng | Báo Thanh Niên", (), "https://thanhnien.vn/a.htm", "Giá lúa tăng"),
        # A dash inside the title, or a tail that is no copy of it, stays.
        (
            "Star Wars review – shoots for the moon",
            (),
            "https://www.vg247.com/a",
            "Star Wars review – shoots for the moon",
        ),
        ("Spider-man returns home", (), "https://example.com/a", "Spider-man returns home"),
        ("Báo Mẫu", ("Báo Mẫu",), URL, "Báo Mẫu"),  # never emptied
    ],
)
def test_strip_site_name(head_title, site_names, url, expected):
    assert strip_site_name(head_title, site_names, url) == expected


def test_double_escaped_head_title_is_unescaped_once():
    html = page('<meta name="title" content="5 &amp;quot;bóng hồng&amp;quot; buôn ma túy lãnh án">', BODY)
    assert title_and_date(html)[1] == '5 "bóng hồng" buôn ma túy lãnh án'
    once = page('<meta property="og:title" content="Mèo &amp;amp;amp; chuột">', BODY)
    assert title_and_date(once)[1] == "Mèo &amp; chuột"


def test_heading_the_head_vouches_for_beats_a_logo_h1():
    html = page(
        '<meta property="og:title" content="Người dân đổ về nhà thờ đêm Giáng sinh | Báo Mẫu">'
        '<meta property="og:site_name" content="Báo Mẫu">',
        '<h1 class="logo"><a href="/">Báo Mẫu</a></h1><div class="main">'
        '<div class="news-title">Người dân đổ về nhà thờ đêm Giáng sinh</div>' + BODY + "</div>",
    )
    title_el, title, _ = title_and_date(html)
    assert title == "Người dân đổ về nhà thờ đêm Giáng sinh"
    assert title_el is not None and title_el.get("class") == "news-title"


def test_heading_starting_with_the_site_s_name_is_still_a_title():
    html = page(
        '<meta property="og:title" content="Bitcoin crashes again - Bitcoin News">',
        "<h1>Bitcoin crashes</h1>" + BODY,
    )
    title_el, title, _ = title_and_date(html, "https://news.bitcoin.com/bitcoin-crashes/")
    assert title == "Bitcoin crashes" and title_el is not None and title_el.tag == "h1"


def test_logo_heading_printing_the_site_part_of_the_head_title_is_not_vouched_for():
    html = page(
        '<meta property="og:title" content="Giá lúa - Tin Sáng">',
        "<h1>Tin Sáng</h1><h2>Giá lúa</h2>" + BODY,
    )
    title_el, title, _ = title_and_date(html, "https://bao.example.com/gia-lua-tang-a1.html")
    assert title == "Giá lúa" and title_el.tag == "h2"


def test_visible_wording_wins_over_a_rewritten_headline():
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Disney+ glitches blamed on heavy demand says executive"}</script>'
        '<meta property="og:title" content="\'We had some issues,\' exec says on Disney+ glitches">',
        "<h1>‘We had some issues,’ exec says on Disney+ glitches</h1>" + BODY,
    )
    assert title_and_date(html)[1] == "‘We had some issues,’ exec says on Disney+ glitches"


def test_document_title_picks_the_heading_among_several_h1():
    html = page(
        "<title>Thiếu tiền hụi, xách dao đi nói chuyện với chủ nợ - Người Lao Động</title>",
        '<h1><a href="/">Trang chủ</a></h1><h1>Games</h1>'
        "<h1>Thiếu tiền hụi, xách dao đi “nói chuyện” với chủ nợ</h1>" + BODY,
    )
    assert title_and_date(html)[1] == "Thiếu tiền hụi, xách dao đi “nói chuyện” với chủ nợ"


def test_table_layout_headline_vouched_by_the_document_title():
    html = page(
        "<title>Ngập sâu sau mưa lớn, nhiều tuyến đường tê liệt - TinMoi</title>",
        '<h1 class="logo">Tin Mới Online</h1><dl><dt>Ngập sâu sau mưa lớn, nhiều tuyến đường tê liệt</dt>'
        "<dd>Thứ hai, 24/12/12 11:05</dd></dl>" + BODY,
    )
    title_el, title, published_at = title_and_date(html)
    assert title == "Ngập sâu sau mưa lớn, nhiều tuyến đường tê liệt" and title_el.tag == "dt"
    assert published_at == "2012-12-24T11:05:00+07:00"


# --- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("| Cập nhật thứ hai, ngày 24/12/12 11:05 tối", "2012-12-24T23:05:00+07:00"),
        ("24/12/12 08:30", "2012-12-24T08:30:00+07:00"),
        ("ngày 24/12/12", "2012-12-24T00:00:00+07:00"),
        ("Thứ sáu, 21/12/2012, 08:04 GMT+7", "2012-12-21T08:04:00+07:00"),
        ("24/12/2012 Cập nhật lúc 14:02 (GMT+7)", "2012-12-24T14:02:00+07:00"),
        ("11:00 đêm 01/01/2020", "2020-01-01T23:00:00+07:00"),
        ("1:30 chiều 01/01/2020", "2020-01-01T13:30:00+07:00"),
        # Without a time or a date word a d/m/yy group is no date: a score, a version, year/month/day.
        ("Tỷ lệ 12/12/24 cử tri", None),
        ("phiên bản 1.2.12", None),
        ("Opening Bell 11.18.19", None),
    ],
)
def test_two_digit_years_and_day_parts(text, expected):
    assert parse_vn_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/12/2012, 10:18 (GMT+09:00)", "2012-12-20T08:18:00+07:00"),
        ("20/12/2012 10:18 GMT-0500", "2012-12-20T22:18:00+07:00"),
        ("Nov 19, 2019, 10:31 pm CST", "2019-11-20T11:31:00+07:00"),
        ("20/12/2012 10:18 GMT", "2012-12-20T17:18:00+07:00"),
        ("le 12/01/2020 10:00 et puis", "2020-01-12T10:00:00+07:00"),  # French "et" is no zone
    ],
)
def test_printed_zone_is_converted(text, expected):
    assert parse_vn_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đăng lúc 2012-12-20 10:18", "2012-12-20T10:18:00+07:00"),
        ("By admin - 2019/04/10", "2019-04-10T00:00:00+07:00"),
        ("Posted 2019-11-20T04:31:13Z by staff", "2019-11-20T11:31:13+07:00"),
        ("Posted 2019-11-20 04:31:13.5-05:00", "2019-11-20T16:31:13+07:00"),
        ("mã 2019-13-40", None),
    ],
)
def test_year_first_dates_in_a_line(text, expected):
    assert parse_vn_datetime(text) == expected


def test_published_preferred_over_updated():
    found = parse_labelled_datetime("Cập nhật: 21/12/2012 10:00 | Đăng: 20/12/2012 08:00")
    assert found is not None and found.iso == "2012-12-20T08:00:00+07:00" and found.label == "published"
    assert parse_labelled_datetime("Updated 21/12/2012 10:00").label == "updated"
    # An unlabelled date after an update line is the publication's, with its own time (not the update's).
    found = parse_labelled_datetime("Cập nhật 21/12/2012 10:00 | 20/12/2012 08:00")
    assert found is not None and found.iso == "2012-12-20T08:00:00+07:00" and found.label == ""


TEASERS = (
    '<div class="marquee"><a href="/tin-khac-a1.html">Đừng làm clip quảng bá du lịch kiểu tô son cho gỗ mục -'
    ' <label class="time"><span>09:00</span> | 26/12/2012</label></a></div>'
)


def test_date_in_a_print_bar_beside_the_title_beats_teasers():
    html = page(
        "",
        TEASERS + '<div class="content"><div class="email-print">'
        '<span class="spanTime">Thứ năm, 20/12/2012, 10:18 GMT+7</span>'
        '<img src="/images/icons/email.gif"></div>'
        '<h1 class="Title">Vợ ngoại tình sau những lần bị tôi đánh đập</h1>' + BODY + "</div>",
    )
    assert title_and_date(html)[2] == "2012-12-20T10:18:00+07:00"


def test_header_date_beats_the_head_date_of_another_day():
    html = page(
        '<meta name="pubdate" content="2012-12-23T14:02+07:00">',
        "<h1>Đột nhập lò luyện thi công chức</h1>"
        '<div class="publication_date">Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)</div>' + BODY,
    )
    assert title_and_date(html)[2] == "2012-12-24T03:04:00+07:00"


@pytest.mark.parametrize(
    ("meta", "line", "expected"),
    [
        # An update printed under the title does not replace the publication date.
        ("2012-12-24T08:00:00+07:00", "Cập nhật 26/12/2012 10:00", "2012-12-24T08:00:00+07:00"),
        # Stamped in UTC, printed in the paper's own zone: the same instant, the head's is the precise one.
        ("2019-11-19T04:50:22+00:00", "by Jeff Foust — November 18, 2019", "2019-11-19T11:50:22+07:00"),
        # Same day: the head's time (seconds and all) is kept.
        ("2019-11-18T19:09:22+00:00", "Posted November 19, 2019", "2019-11-19T02:09:22+07:00"),
    ],
)
def test_head_date_kept_where_the_header_agrees_or_is_an_update(meta, line, expected):
    html = page(
        f'<meta property="article:published_time" content="{meta}">',
        f"<h1>Launch delayed again</h1><div class='meta'>{line}</div>" + BODY,
    )
    assert title_and_date(html)[2] == expected


def test_published_line_preferred_to_an_update_line_nearer_the_title():
    html = page(
        "",
        "<h1>Giá lúa tăng mạnh</h1><span class='upd'>Cập nhật: 21/12/2012 10:00</span>"
        "<span class='pub'>Ngày đăng: 20/12/2012 08:00</span>" + BODY,
    )
    assert title_and_date(html)[2] == "2012-12-20T08:00:00+07:00"


def test_header_date_followed_by_the_body_as_bare_text():
    body_text = "Người dân khắp nơi đổ về trung tâm thành phố, đường phố đông đúc suốt đêm. " * 6
    html = page(
        "",
        "<table><tr><td><h1>Giá lúa tăng mạnh</h1><span class='date'>Thứ tư, 19/12/2012</span>"
        + body_text
        + "</td><td><div class='box'>Lịch thi đấu cập nhật 25/12/2012 10:00</div></td></tr></table>",
    )
    assert title_and_date(html)[2] == "2012-12-19T00:00:00+07:00"


def test_other_head_tags_name_the_publication_time():
    html = page(
        '<meta name="parsely-pub-date" content="2018-10-04T19:43:59Z">',
        "<h1>Four things to do in October</h1><p class='meta'>October 4, 2018</p>" + BODY,
    )
    assert title_and_date(html)[2] == "2018-10-05T02:43:59+07:00"


def test_head_day_alone_yields_to_the_header_time_that_day():
    html = page(
        '<meta itemprop="datePublished" content="2019-11-13">',
        "<h1>Giá lúa tăng mạnh</h1><div class='time'>13/11/2019 23:06</div>" + BODY,
    )
    assert title_and_date(html)[2] == "2019-11-13T23:06:00+07:00"


def test_caption_date_beside_the_title_is_the_photo_s():
    html = page(
        "",
        "<h1>Astronauts return from the station</h1>"
        '<figure><img src="/p.jpg"><figcaption>In this Dec. 12, 2006, file photo, astronauts work outside the'
        " station.</figcaption></figure>"
        '<div class="image top"><img src="/q.jpg">In this Dec. 12, 2006, file photo made available by NASA,'
        " astronaut Robert Curbeam works outside the station during a spacewalk.</div>"
        "<p class='byline'>By Staff, Nov. 18, 2019</p>" + BODY,
    )
    assert title_and_date(html)[2] == "2019-11-18T00:00:00+07:00"


def test_linked_teaser_dates_are_other_articles():
    html = page(
        "",
        '<div class="wrap"><div class="box"><h1>Thiếu tiền hụi, xách dao đi nói chuyện với chủ nợ</h1>'
        + BODY
        + "</div>"
        + "".join(
            f'<li><a href="/tin-{i}.htm">Giả mua vàng rồi cướp tiệm vàng giữa ban ngày ở chợ'
            f' <span class="mytime">(25/12/2012 1{i}:00)</span></a></li>'
            for i in range(3)
        )
        + "<p>Thứ Tư, 26/12/2012</p></div>",
    )
    assert title_and_date(html)[2] == "2012-12-26T00:00:00+07:00"
