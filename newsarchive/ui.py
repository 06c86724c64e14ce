"""The archive's own pages in Vietnamese (the default) or English: labels, the chosen language, dates.

A reader switches with `?hl=en` / `?hl=vi` (Google's name for the interface language: `lang` already
filters the edition); the choice is kept in a cookie, so the pages that follow stay in it. Datasette's
own table and SQL pages stay as Datasette renders them (English).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
COOKIE = "newsarchive_hl"

EDITIONS = {"vi": {"vi": "Tiếng Việt", "en": "Tiếng Anh"}, "en": {"vi": "Vietnamese", "en": "English"}}
# The publishers' names as they print them; a site not listed shows its slug.
SOURCES = {
    "baolongan": {"vi": "Báo Long An", "en": "Báo Long An"},
    "baotayninh": {"vi": "Báo Tây Ninh", "en": "Báo Tây Ninh"},
    "longan_gov": {"vi": "Cổng thông tin tỉnh Long An", "en": "Long An provincial portal"},
}
# Which label names each search facet.
FACET_LABELS = {"site": "source", "lang": "edition", "category": "section", "year": "year", "person": "person"}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "archive": "Lưu trữ tin Long An",
        "home": "trang chủ",
        "search": "Tìm kiếm",
        "search_button": "Tìm",
        "hint": "Gõ có dấu hoặc không dấu: “can duoc” tìm “Cần Đước”; nhiều từ là một cụm; AND, OR, NOT, NEAR để kết hợp.",
        "relevance": "Liên quan nhất",
        "newest": "Mới nhất",
        "oldest": "Cũ nhất",
        "results": "kết quả",
        "no_results": "Không tìm thấy bài nào.",
        "error": "Không hiểu câu tìm kiếm",
        "source": "Nguồn",
        "edition": "Ấn bản",
        "section": "Chuyên mục",
        "year": "Năm",
        "person": "Tác giả",
        "all": "tất cả",
        "remove": "bỏ lọc",
        "previous": "← Trang trước",
        "next": "Trang sau →",
        "page": "Trang",
        "attention": "Số bài theo tháng",
        "attention_help": "Số bài khớp mỗi tháng theo ấn bản, và tỉ lệ trên tổng số bài của ấn bản đó trong tháng.",
        "articles": "bài",
        "share": "tỉ lệ",
        "month": "tháng",
        "download": "Tải về",
        "place": "Địa danh",
        "place_includes": "gồm cả bài về",
        "place_became": "từ 1/7/2025 thuộc",
        "place_partial": "một phần",
        "switch": "English",
        "switch_hl": "en",
        "by": "Tác giả",
        "original": "Bản gốc tại nguồn",
        "stored_row": "Dữ liệu lưu trữ (mọi trường, JSON)",
        "sources_label": "Nguồn tin",
        "counterpart_en": "Bản tiếng Anh",
        "counterpart_vi": "Bản tiếng Việt",
        "coverage": "Số bài theo tháng, theo ấn bản",
        "places_link": "Địa danh: huyện, xã trước và sau ngày 1/7/2025",
        "coverage_skipped": "bài thiếu ngày hoặc ngày không đọc được không được vẽ",
        "numbers": "Bảng số liệu",
        "gaps": "Bài đã thấy, đã lưu và còn thiếu",
        "gaps_note": "Mã bài đã thấy ở bất cứ đâu (bài đã lưu, liên kết, chỉ mục của kho lưu trữ web); còn thiếu: chưa bản chụp nào có. Chạy `newsarchive recover` để lấy lại từ kho lưu trữ web.",
        "gaps_slow": "Bảng này cần lâu hơn giới hạn thời gian của một trang; xem view coverage.",
        "seen": "đã thấy",
        "archived_n": "đã lưu",
        "missing": "còn thiếu",
        "from_live": "từ trang gốc",
        "from_wayback": "từ Wayback",
        "from_commoncrawl": "từ Common Crawl",
        "glossary": "Giải thích các cột",
        "articles_table": "Bảng bài viết",
        "table_all": "mọi cột",
        "vi_original": "Bản gốc tiếng Việt",
        "en_version": "Bản tiếng Anh",
        "confirmed": "đã được xác nhận",
        "score": "điểm",
        "days_apart": "ngày sau",
        "matched": "Trùng khớp",
        "republication_of": "Đăng lại bài",
        "no_archived_match": "bản tiếng Anh của báo (chưa lưu bài tương ứng)",
        "not_translation": "không phải bản dịch",
        "no_partner": "Ghép bản dịch: không tìm thấy bài tương ứng (ứng viên tốt nhất đạt",
        "all_pairs": "Mọi cặp bản dịch",
    },
    "en": {
        "archive": "Long An news archive",
        "home": "home",
        "search": "Search",
        "search_button": "Search",
        "hint": "Type with or without Vietnamese marks: “can duoc” finds “Cần Đước”; several words are one phrase; AND, OR, NOT, NEAR combine.",
        "relevance": "Most relevant",
        "newest": "Newest",
        "oldest": "Oldest",
        "results": "results",
        "no_results": "No article found.",
        "error": "The search could not be read",
        "source": "Source",
        "edition": "Edition",
        "section": "Section",
        "year": "Year",
        "person": "Author",
        "all": "all",
        "remove": "remove filter",
        "previous": "← Previous",
        "next": "Next →",
        "page": "Page",
        "attention": "Articles per month",
        "attention_help": "Matching articles per month and edition, and their share of all the edition's articles that month.",
        "articles": "articles",
        "share": "share",
        "month": "month",
        "download": "Download",
        "place": "Place",
        "place_includes": "including articles about",
        "place_became": "from 1 July 2025 part of",
        "place_partial": "part",
        "switch": "Tiếng Việt",
        "switch_hl": "vi",
        "by": "By",
        "original": "Original at the source",
        "stored_row": "Stored row (all fields, JSON)",
        "sources_label": "Sources",
        "counterpart_en": "English edition",
        "counterpart_vi": "Vietnamese edition",
        "coverage": "Articles per month, per edition",
        "places_link": "Places: districts and communes before and after 1 July 2025",
        "coverage_skipped": "articles with a missing or unreadable date are not drawn",
        "numbers": "The numbers",
        "gaps": "Articles seen, archived and missing",
        "gaps_note": "Article ids seen anywhere (stored articles, their links, web archives' indexes); missing: held by no capture. `newsarchive recover` fetches them from web archives.",
        "gaps_slow": "This table took longer than a page may; see the coverage view.",
        "seen": "seen",
        "archived_n": "archived",
        "missing": "missing",
        "from_live": "from the site",
        "from_wayback": "from Wayback",
        "from_commoncrawl": "from Common Crawl",
        "glossary": "What the columns hold",
        "articles_table": "Articles table",
        "table_all": "all columns",
        "vi_original": "Vietnamese original",
        "en_version": "English version",
        "confirmed": "confirmed by a person",
        "score": "score",
        "days_apart": "days apart",
        "matched": "Matched",
        "republication_of": "A republication of",
        "no_archived_match": "the newspaper's English edition (no matching article archived)",
        "not_translation": "not a translation",
        "no_partner": "Translation pairing: no partner found (best candidate scored",
        "all_pairs": "All translation pairs",
    },
}


def source_name(site: str, hl: str) -> str:
    return SOURCES.get(site, {}).get(hl, site)


def edition_name(site: str, lang: str, hl: str) -> str:
    """'Báo Long An · Tiếng Anh' / 'Báo Long An · English'."""
    return f"{source_name(site, hl)} · {EDITIONS[hl].get(lang, lang)}"


def facet_value(name: str, value: str, hl: str) -> str:
    if name == "site":
        return source_name(value, hl)
    if name == "lang":
        return EDITIONS[hl].get(value, value)
    return value


def language(request: Any) -> str:
    """The interface language: `?hl=`, else the cookie, else Vietnamese."""
    chosen = request.args.get("hl") if request is not None else None
    if chosen in LANGUAGES:
        return str(chosen)
    cookie = request.cookies.get(COOKIE) if request is not None else None
    return cookie if cookie in LANGUAGES else DEFAULT


def remember(response: Any, request: Any) -> Any:
    """Keep an explicit `?hl=` choice for the pages that follow."""
    chosen = request.args.get("hl")
    if chosen in LANGUAGES:
        response.set_cookie(COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax")
    return response


def date(value: str | None, hl: str) -> str:
    """An ISO date-time as a reader writes it: 13/04/2022 09:44 (vi), 13 April 2022, 09:44 (en)."""
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value  # show what is stored rather than nothing
    has_time = "T" in value or " " in value.strip()
    if hl == "en":
        day = f"{when.day} {MONTHS_EN[when.month - 1]} {when.year}"
        return f"{day}, {when:%H:%M}" if has_time else day
    return f"{when:%d/%m/%Y %H:%M}" if has_time else f"{when:%d/%m/%Y}"


def arguments(request: Any) -> list[tuple[str, str]]:
    """The request's query arguments as (name, value) pairs, repeats kept (Datasette's MultiParams)."""
    if request is None:
        return []
    return [(k, v) for k in request.args.keys() for v in request.args.getlist(k)]


def context(request: Any) -> dict[str, Any]:
    """What every project page's template needs: the language, its labels, the switch link."""
    hl = language(request)
    args = [(k, v) for k, v in arguments(request) if k != "hl"]
    other = LABELS[hl]["switch_hl"]
    path = request.path if request is not None else "/"
    return {
        "hl": hl,
        "t": LABELS[hl],
        "editions": EDITIONS[hl],
        "switch_url": f"{path}?{urlencode([*args, ('hl', other)])}",
    }
