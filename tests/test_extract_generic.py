"""The generic body layer on small pages written after patterns seen on real news sites (issue 13).

No page here is a copy: each reproduces one structure (WordPress classes, a theme's sticky "sidebar" around
the main column, bodies split in segments or one paragraph per card, forum threads, front pages, link
lists, data tables) that made the old rules drop, refuse or mis-pick an article on real pages.
"""

from __future__ import annotations

import pytest

from newsarchive.extract import NotAnArticle, extract_article

URL = "https://news.example.org/2019/11/19/council-approves-bridge-budget/"
TITLE = "Council approves the bridge budget after a long night"
SENTENCES = [
    "The city council approved the budget for the new bridge on Tuesday, ending months of debate.",
    "Supporters said the crossing would cut travel times for thousands of commuters every day.",
    "Opponents argued that the money, nearly forty million dollars, should go to schools instead.",
    "The mayor promised that construction would begin in the spring and finish within two years.",
    "Residents who spoke at the meeting were divided, though most asked for more public hearings.",
    "A final vote on the contractor is expected next month, the council's clerk said afterwards.",
]
# A picture in the body: trafilatura's fallback (what the old rules fell back to) returns no images, so a
# body found by the container rules is told apart from one that fell through to it.
PHOTO = "<figure><img src='/photo/bridge.jpg'><figcaption>The bridge site at dawn</figcaption></figure>"
PROSE = "".join(f"<p>{s}</p>" for s in SENTENCES[:3]) + PHOTO + "".join(f"<p>{s}</p>" for s in SENTENCES[3:])
PHOTO_RECORD = {"url": "https://news.example.org/photo/bridge.jpg", "caption": "The bridge site at dawn"}
HEAD = f"<title>{TITLE} | Example News</title>"
DATE = '<time datetime="2019-11-19T08:00:00-05:00">Nov. 19, 2019</time>'
MENU = "<ul class='menu'>" + "".join(f"<li><a href='/s{i}/'>Section {i}</a></li>" for i in range(8)) + "</ul>"


def html(body: str, head: str = HEAD) -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{MENU}{body}</body></html>"


def body_of(page: str, url: str = URL) -> str:
    return extract_article(page, url)["body_text"]


def assert_whole_article(text: str) -> None:
    for sentence in SENTENCES:
        assert sentence in text


def assert_found_by_container(page: str, url: str = URL) -> str:
    """The whole article, with its picture: the container rules found it, not the fallback."""
    record = extract_article(page, url)
    assert_whole_article(record["body_text"])
    assert PHOTO_RECORD in record["images"]
    return str(record["body_text"])


TEASERS = "".join(
    f"<div class='item'><h3><a href='/2019/11/story-{i}/'>Another story number {i} about the city budget</a></h3>"
    f"<p>A short summary of story {i}, written to make a reader click through to the page itself.</p></div>"
    for i in range(6)
)


# --- boilerplate by whole class words, never the element holding the title -------------------------


def test_wordpress_article_tagged_with_tag_classes_keeps_its_body():
    page = html(
        f"<article class='post-2668 post type-post tag-budget tag-sidebar-news category-city'>"
        f"<h1 class='entry-title'>{TITLE}</h1>{DATE}<div class='entry-content'>{PROSE}</div></article>"
    )
    assert_found_by_container(page)


@pytest.mark.parametrize(
    "classes",
    [
        "l-sidebar-fixed l-segment l-article-body-segment",
        "main-white and-w-sidebar",
        "article__content-well url-breadcrumb",
    ],
)
def test_class_naming_the_content_vouches_for_a_boilerplate_word(classes):
    page = html(f"<h1>{TITLE}</h1>{DATE}<div class='{classes}'><div class='story'>{PROSE}</div></div>")
    assert_found_by_container(page)


def test_a_sticky_sidebar_plugin_wrapping_the_main_column_does_not_hide_the_article():
    widgets = "".join(
        f"<div class='widget'><p>Widget text {i} that is long enough to count.</p></div>" for i in range(3)
    )
    page = html(
        f"<header><h1>{TITLE}</h1>{DATE}</header>"
        f"<div class='container penci_sidebar'><div class='theiaStickySidebar'><div class='post-entry'>{PROSE}"
        "</div></div></div>"
        f"<div id='widget-area'>{widgets}</div>"
    )
    assert_found_by_container(page)


def test_print_is_no_boilerplate_word_and_substrings_are_not_words():
    # A paper's printable view wraps the article; "address" holds "ad", "shadowed" holds "ad" and "nav"… no.
    page = html(
        f"<div id='print-news' class='address-block'><h1>{TITLE}</h1>{DATE}<div class='shadowed'>{PROSE}</div></div>"
    )
    assert_found_by_container(page)


def test_comment_thread_longer_than_the_article_is_not_the_body():
    comments = "".join(
        f"<li class='comment'><div class='comment-body'><p>Comment {i}: I think the council made a serious "
        f"mistake here, because the schools need the money more than a bridge does, honestly.</p></div></li>"
        for i in range(12)
    )
    page = html(
        f"<h1>{TITLE}</h1>{DATE}<div class='entry'>{PROSE}</div><ol class='comment-list'>{comments}</ol>"
    )
    text = assert_found_by_container(page)
    assert "Comment 3" not in text


def test_cookie_consent_banner_is_not_the_body():
    banner = (
        "<div class='m-privacy-consent'><div class='m-privacy-consent__inner'><p>We use cookies and other "
        "tracking technologies to improve your browsing experience on our site, show personalized content "
        "and targeted ads, analyze site traffic, and understand where our audience is coming from.</p>"
        "<p>By choosing I Accept, you consent to our use of cookies and other tracking technologies.</p>"
        "</div></div>"
    )
    short = "".join(f"<p>{s}</p>" for s in SENTENCES[:2])
    page = html(f"{banner}<h1>{TITLE}</h1>{DATE}<div class='c-entry-content'>{short}</div>")
    text = body_of(page)
    assert SENTENCES[0] in text and "cookies" not in text


# --- teasers, listings, front pages, threads --------------------------------------------------------


def test_one_linked_subheading_among_paragraphs_is_part_of_the_article():
    widgets = "".join(
        f"<p>Widget {i}: a box beside the story with a line of text long enough to count.</p>"
        for i in range(2)
    )
    page = html(
        f"<h1>{TITLE}</h1>{DATE}<div class='body'><h2><a href='/budget/'>How the budget was built</a></h2>"
        f"{PROSE}</div><div class='widgets'>{widgets}</div>"
    )
    assert_found_by_container(page)


def test_section_front_of_teasers_is_refused_with_a_reason():
    page = html(
        f"<h1 class='cate'><a href='/city/'>City</a></h1><div class='list'>{TEASERS}</div>",
        "<title>City</title>",
    )
    with pytest.raises(NotAnArticle, match="listing|section front"):
        extract_article(page, "https://news.example.org/city/page-2.html")


def test_linked_headlines_inside_a_long_article_do_not_make_it_a_listing():
    related = "".join(
        f"<h3><a href='/2019/11/r{i}/'>Related story {i} about bridges</a></h3>" for i in range(3)
    )
    page = html(f"<h1>{TITLE}</h1>{DATE}<div class='article-p-wrapper'>{PROSE}{related}{PROSE}</div>")
    assert_found_by_container(page)


def test_site_front_page_is_refused():
    page = html(
        f"<h1>Example News</h1><div class='lead-story'>{PROSE}</div>{TEASERS}", "<title>Example News</title>"
    )
    with pytest.raises(NotAnArticle, match="front page"):
        extract_article(page, "https://www.example.org/")


def test_forum_thread_of_dated_posts_is_refused():
    posts = "".join(
        f"<li class='message' id='post-{i}'><div class='userinfo'><a href='/members/u{i}/'>user{i}</a></div>"
        f"<blockquote class='messageText'>Post {i}: I tried this feature yesterday and it works well for me, "
        f"though it took a while to find it in the menu.</blockquote>"
        f"<span class='DateTime'>14/12/12 at 17:4{i}</span></li>"
        for i in range(6)
    )
    page = html(f"<h1>{TITLE}</h1><ol class='messageList'>{posts}</ol>")
    with pytest.raises(NotAnArticle, match="forum thread|listing"):
        extract_article(page, "https://forum.example.org/threads/1739393/")


def test_article_in_segments_of_the_same_shape_is_whole_and_accepted():
    segments = "".join(
        f"<div class='StoryBodyCompanionColumn'><div><p>{s}</p></div></div>" for s in SENTENCES
    )
    page = html(f"<h1>{TITLE}</h1>{DATE}<section class='meteredContent'>{segments}</section>")
    assert_whole_article(body_of(page))


def test_a_summary_named_body_field_is_not_the_lead():
    # Drupal names its body field `field--type-text-with-summary`: "summary" is no lead there.
    page = html(f"<h1>{TITLE}</h1>{DATE}<div class='field field--type-text-with-summary'>{PROSE}</div>")
    record = extract_article(page, URL)
    assert record["lead"] is None or len(record["lead"]) < 200
    assert_whole_article(record["body_text"])


def test_body_printed_one_paragraph_per_card_is_whole():
    cards = "".join(
        f"<div class='card collection-item'><div class='card-content'><p>{s}</p></div></div>"
        for s in SENTENCES
    )
    figure = f"<figure><img src='/a.jpg'><figcaption>{SENTENCES[0][:60]} and a long caption line.</figcaption></figure>"
    page = html(f"<h1>{TITLE}</h1>{DATE}{figure}<div class='wrapper'>{cards}</div>")
    assert_whole_article(body_of(page))


# --- what prints no text, and text printed directly ------------------------------------------------


def test_script_select_and_iframe_text_is_not_prose():
    picker = (
        "<div class='bydate'><select>" + "".join(f"<option>{d}</option>" for d in range(1, 32)) + "</select>"
    )
    picker += "<script>var s = 'a long script source line, longer than any paragraph of the article';</script></div>"
    frame = "<div class='ad'><iframe src='/ad'>&lt;a href='http://ads.example/ck.php?n=1'&gt;&lt;img src='x'&gt;&lt;/a&gt;</iframe></div>"
    page = html(
        f"<h1>{TITLE}</h1>{DATE}<div class='box'>{picker * 12}{frame * 12}</div><div class='content'>{PROSE}</div>"
    )
    text = assert_found_by_container(page)
    assert "option" not in text and "script" not in text and "ck.php" not in text


def test_text_printed_directly_beside_a_picture_div_counts():
    direct = "<br><br>".join(SENTENCES)
    page = html(f"<h1>{TITLE}</h1>{DATE}<div class='content'><div class='pic'>{PHOTO}</div>{direct}</div>")
    text = assert_found_by_container(page)
    assert text.split("\n\n") == SENTENCES  # a blank line (<br><br>) ends a paragraph


def test_stats_table_article_beats_a_short_box():
    rows = "".join(
        f"<tr><td>DL</td><td>Player {i}</td><td>{60 - i}</td><td>{85 - i}%</td><td>1 tackle ({i} combined), 1 sack.</td></tr>"
        for i in range(12)
    )
    box = (
        "<div class='promo-box'><p>Get the first month of the paper for only one dollar, then enjoy unlimited "
        "reading of every story, puzzle and archive page on any device for a whole year.</p></div>"
    )
    page = html(
        f"<h1>{TITLE}</h1>{DATE}{box}<div class='entry'><p>{SENTENCES[0]}</p><table>{rows}</table></div>"
    )
    text = body_of(page)
    assert SENTENCES[0] in text and "Player 7" in text


# --- the date gate -----------------------------------------------------------------------------------


def test_long_undated_article_is_kept():
    page = html(f"<h1>{TITLE}</h1><div class='content'>{PROSE}{PROSE}</div>")
    assert_found_by_container(page)


def test_short_undated_page_outside_an_article_container_is_refused():
    page = html(
        "<h1>Contact us</h1><div class='contact'><p>Address: No. 5 Main Street, Springfield, in the county.</p>"
        "<p>Please send us your comments or news tips using the form below, we reply soon.</p></div>",
        "<title>Contact us</title>",
    )
    with pytest.raises(NotAnArticle, match="no publication date"):
        extract_article(page, "https://news.example.org/contact-us.html")


# --- captions, small type, link lists, leads ---------------------------------------------------------


def test_body_set_in_small_type_is_text_not_captions():
    small = "".join(f"<div><span style='font-size: small;'>{s}</span></div>" for s in SENTENCES)
    page = html(f"<h1>{TITLE}</h1>{DATE}<div class='post-body'><div><img src='/a.jpg'></div>{small}</div>")
    assert_whole_article(body_of(page))


def test_small_print_no_image_claims_stays_text_but_an_orphan_figcaption_does_not():
    page = html(
        f"<h1>{TITLE}</h1>{DATE}<div class='content'>{PROSE}"
        "<p><span style='color:#999'>Reporting by the city desk, with additional notes.</span></p>"
        f"<figcaption>Photo: the bridge site at dawn</figcaption><p>{SENTENCES[0]} Again.</p></div>"
    )
    text = body_of(page)
    assert "Reporting by the city desk" in text
    assert "Photo: the bridge site" not in text


def test_related_link_lists_inside_the_body_are_dropped_by_structure():
    related = (
        "<div class='x1'><span>More from us</span><ul>"
        + "".join(
            f"<li><a href='/2019/11/r{i}/'>Another related headline number {i}</a> <span>Nov. {i}, 2019</span></li>"
            for i in range(1, 5)
        )
        + "</ul></div>"
    )
    arrows = "<p>» <a href='/a/'>First other story</a> » <a href='/b/'>Second other story</a> » <a href='/c/'>Third one</a></p>"
    inline = "<p>The plan, first <a href='/plan/'>published in May</a>, drew on a <a href='/study/'>2018 study</a> of traffic.</p>"
    page = html(f"<h1>{TITLE}</h1>{DATE}<div class='content'>{PROSE}{inline}{related}{arrows}</div>")
    text = assert_found_by_container(page)
    assert "drew on a 2018 study of traffic" in text
    assert "related headline" not in text and "Nov. 2" not in text and "Second other story" not in text


def test_a_bio_after_the_body_repeating_the_head_description_is_not_the_lead():
    bio = "I am a writer, journalist and professor who has covered city politics for twenty years."
    head = f"{HEAD}<meta property='og:description' content='{bio}'>"
    page = html(
        f"<h1>{TITLE}</h1>{DATE}<div class='content'>{PROSE}</div><div class='author-box'><p>{bio}</p></div>",
        head,
    )
    record = extract_article(page, URL)
    assert record["lead"] != bio


def test_date_line_after_the_title_is_not_the_lead():
    page = html(
        f"<h1>{TITLE}</h1><div>Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM</div><div class='content'>{PROSE}{PROSE}</div>"
    )
    assert extract_article(page, URL)["lead"] != "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM"


def test_photo_caption_repeating_the_head_description_is_not_the_lead():
    caption = "In this file photo, made available by the city, workers inspect the old bridge over the river."
    head = f"{HEAD}<meta property='og:description' content='{caption}'>"
    page = html(
        f"<h1>{TITLE}</h1>{DATE}<div class='content'><figure><img src='/b.jpg'><figcaption><p>{caption}</p>"
        f"</figcaption></figure>{PROSE}</div>",
        head,
    )
    assert extract_article(page, URL)["lead"] != caption


# --- a site profile's selectors are candidates too ---------------------------------------------------

VN_SENTENCES = [
    "Sáng nay, UBND huyện Cần Đước tổ chức hội nghị tổng kết công tác nông nghiệp năm 2024 của huyện.",
    "Năm qua, sản lượng lúa của huyện đạt hơn 120 nghìn tấn, tăng 5% so với cùng kỳ năm trước đó.",
    "Nhiều mô hình sản xuất mới được nhân rộng, giúp nông dân tăng thu nhập và ổn định cuộc sống.",
    "Huyện đặt mục tiêu năm 2025 tiếp tục chuyển đổi cơ cấu cây trồng theo hướng nâng cao giá trị.",
]


@pytest.mark.parametrize("card_wrapper", ["box-related", "box-noi-bat"])
def test_fallback_site_selector_matching_a_teaser_card_is_not_trusted(card_wrapper):
    card = (
        f"<div class='{card_wrapper}'><div class='article-content'><a href='/khac-a175000.html'>"
        "Tin khác về nông nghiệp</a></div></div>"
    )
    body = "".join(f"<p>{s}</p>" for s in VN_SENTENCES)
    page = (
        "<html><head><meta charset='utf-8'><title>Tổng kết nông nghiệp</title></head><body>"
        f"{card}<h1 class='title-detail'>Cần Đước tổng kết nông nghiệp năm 2024</h1>"
        f"<div class='date'>13/04/2024 - 09:44</div><div id='detail'>{body}</div></body></html>"
    )
    record = extract_article(page, "https://baolongan.vn/can-duoc-tong-ket-nong-nghiep-a180001.html")
    assert record["layers"]["body_text"] == "site"
    for sentence in VN_SENTENCES:
        assert sentence in record["body_text"]


# --- a lead image's caption printed before the title, in any wrapper ----------------------------------

LEAD_PHOTO = "https://news.example.org/photo/lead.jpg"
LEAD_CAPTION = "Farmers harvest the autumn rice crop in Thanh Hoa district"


@pytest.mark.parametrize(
    "wrapped",
    [
        # the picture's own wrapper just before the title's, the caption a plain paragraph
        f"<div class='pic'><div><img src='/photo/lead.jpg'></div><p>{LEAD_CAPTION}</p></div>"
        f"<div class='head'><h1>{TITLE}</h1></div>",
        # an old table layout: picture and caption in two rows
        f"<table class='imgtop'><tr><td><img src='/photo/lead.jpg'></td></tr><tr><td>{LEAD_CAPTION}</td></tr>"
        f"</table><h1>{TITLE}</h1>",
        # the caption printed above its picture
        f"<div class='imgtop'><span class='note'>{LEAD_CAPTION}</span><br><img src='/photo/lead.jpg'></div>"
        f"<h1>{TITLE}</h1>",
    ],
    ids=["nested wrapper", "table rows", "caption above"],
)
def test_lead_image_before_the_title_pairs_with_its_caption_in_any_wrapper(wrapped):
    page = html(f"<div class='article'>{wrapped}{DATE}<div class='content'>{PROSE}</div></div>")
    record = extract_article(page, URL)
    assert record["images"][0] == {"url": LEAD_PHOTO, "caption": LEAD_CAPTION}
    assert LEAD_CAPTION not in record["body_text"]


def test_stacked_full_articles_each_with_a_headline_are_not_a_forum_thread():
    stories = "".join(
        f"<article class='story' id='s{i}'><h2>Story number {i} about the council and its bridge</h2>"
        f"<time datetime='2019-11-1{i}T08:00:00-05:00'>Nov. 1{i}, 2019</time><p>{SENTENCES[i]}</p></article>"
        for i in range(1, 5)
    )
    page = html(
        f"<div class='stream'><article class='story' id='s0'><h1>{TITLE}</h1>{DATE}"
        f"<div class='content'>{PROSE}</div></article>{stories}</div>"
    )
    assert SENTENCES[0] in body_of(page)


def test_an_untitled_page_holding_a_long_article_is_no_section_front():
    # No heading shows the head's title (rewritten for search engines), and a sidebar of linked headlines.
    head = "<title>Bridge vote: what you need to know today | Example News</title>"
    page = html(
        f"<div class='deck'>A long night at city hall</div>{DATE}<div class='content'>{PROSE * 3}</div>{TEASERS}",
        head,
    )
    assert_whole_article(body_of(page))


def test_date_lines_inside_the_body_are_not_paragraphs():
    lines = "<p>2019-11-19 08:00</p><p>Cập nhật: 24/12/12 11:05</p>"
    page = html(f"<h1>{TITLE}</h1>{DATE}<div class='content'>{lines}{PROSE}</div>")
    text = body_of(page)
    assert "2019-11-19 08:00" not in text and "24/12/12" not in text
    assert_whole_article(text)


def test_a_profiles_lead_mark_becomes_a_source_and_leaves_the_sentence(monkeypatch):
    import re
    from dataclasses import replace

    from newsarchive import sites

    marked = replace(sites.BAOLONGAN, lead_prefixes=(re.compile(r"^\((?P<mark>LA)\)\s*[-–]\s*"),))
    monkeypatch.setattr(sites, "PROFILES", (marked, *sites.PROFILES[1:]))
    body = "".join(f"<p>{s}</p>" for s in VN_SENTENCES)
    page = (
        "<html><head><meta charset='utf-8'><title>Tổng kết</title></head><body>"
        "<h1 class='title-detail'>Cần Đước tổng kết nông nghiệp năm 2024</h1>"
        "<span class='pubdate'>13/04/2024 - 09:44</span>"
        f"<p class='sapo'>(LA) - {VN_SENTENCES[0]}</p><div class='content-fck'>{body}</div></body></html>"
    )
    record = extract_article(page, "https://baolongan.vn/can-duoc-tong-ket-a180002.html")
    assert record["lead"] == VN_SENTENCES[0]
    assert record["sources"] == ["LA"]


def test_a_sentence_naming_a_day_is_no_publication_date():
    # An undated page whose prose names a day: neither the header scan nor the fallback takes it as the date.
    text = "Từ ngày 1/7/2025, tòa soạn phục vụ bạn đọc của cả tỉnh mới, gồm địa bàn các huyện trước đây."
    page = html(f"<div class='intro'><h2>{TITLE}</h2><p>{text}</p><p>{SENTENCES[0]}</p></div>")
    with pytest.raises(NotAnArticle, match="no publication date"):
        extract_article(page, "https://news.example.org/about-us.html")
    dated = html(f"<h1>{TITLE}</h1>{DATE}<div class='content'><p>{text}</p>{PROSE}</div>")
    assert not extract_article(dated, URL)["published_at"].startswith("2025-07-01")
