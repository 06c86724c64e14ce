# ruff: noqa: E501
"""Text bank of the Báo Tây Ninh mirror (all invented): the topic templates of the Báo Long An bank, with the
places, names and page furniture of the merged Tây Ninh province (from 1 July 2025), whose communes include
the former Long An's, and of the old Tây Ninh province before it."""

from __future__ import annotations

from .baolongan_texts_vi import (
    AGENCIES,
    CLOSERS,
    IMAGE_WORDS,
    INTERVIEWS,
    SOURCE_URLS,
    TOPICS,
)

__all__ = ["AGENCIES", "CLOSERS", "IMAGE_WORDS", "INTERVIEWS", "SOURCE_URLS", "TOPICS"]

# 2025 communes formed from former Long An communes (../shared/gazetteer), and units of the old Tây Ninh.
PLACES: list[tuple[str, str]] = [
    ("Hưng Điền", "xã Hưng Điền"),
    ("Vĩnh Thạnh", "xã Vĩnh Thạnh"),
    ("Tân Hưng", "xã Tân Hưng"),
    ("Vĩnh Châu", "xã Vĩnh Châu"),
    ("Cần Giuộc", "xã Cần Giuộc"),
    ("Phước Vĩnh Tây", "xã Phước Vĩnh Tây"),
    ("Trảng Bàng", "thị xã Trảng Bàng"),
    ("Gò Dầu", "huyện Gò Dầu"),
    ("Hòa Thành", "thị xã Hòa Thành"),
    ("Dương Minh Châu", "huyện Dương Minh Châu"),
    ("Tân Biên", "huyện Tân Biên"),
    ("Bến Cầu", "huyện Bến Cầu"),
]

AUTHORS: list[str] = [
    "Minh Hải",
    "Thanh Tùng",
    "Ngọc Hân",
    "Trung Kiên",
    "Bích Ngọc",
    "Quang Vinh",
    "Hoàng Yến",
]

AUTHOR_PAIRS: list[tuple[str, str]] = [("Minh Hải", "Ngọc Hân"), ("Trung Kiên", "Hoàng Yến")]

UI: dict[str, str] = {
    "site_name": "Báo Tây Ninh",
    "title_suffix": " - Báo Tây Ninh",
    "lang_switch_self": "Tiếng Việt",
    "lang_switch_other": "English",
    "home": "Trang chủ",
    "newest": "Tin mới",
    "read_more": "Xem thêm",
    "next": "Trang sau &gt;",
    "prev": "&lt; Trang trước",
    "share": "Chia sẻ bài viết",
    "related": "Tin liên quan",
    "comments": "Ý kiến bạn đọc",
    "comment_button": "Gửi ý kiến",
    "comment_hint": "Ý kiến của bạn sẽ được biên tập trước khi đăng.",
    "search": "Tìm kiếm",
    "search_q": "tay+ninh",
    "footer": (
        "Cơ quan chủ quản: Tỉnh ủy Tây Ninh. Báo Tây Ninh điện tử. Ghi rõ nguồn Báo Tây Ninh khi phát hành lại "
        "thông tin từ website này."
    ),
    "not_found_title": "Không tìm thấy trang",
    "not_found_text": "Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.",
}

READER_COMMENTS: list[tuple[str, str]] = [
    ("Nguyễn Văn Hòa", "Mong tỉnh tiếp tục quan tâm đầu tư đường giao thông nông thôn ở các xã biên giới."),
    ("Lê Thị Mai", "Xã tôi mới sáp nhập, thủ tục hành chính giờ làm ở trung tâm phục vụ rất nhanh."),
]

INTRO_PAGE: list[str] = [
    "Báo Tây Ninh là cơ quan ngôn luận của Đảng bộ, chính quyền và Nhân dân tỉnh Tây Ninh.",
    "Từ ngày 1/7/2025, Báo phục vụ bạn đọc tỉnh Tây Ninh mới, gồm cả địa bàn tỉnh Long An trước đây.",
]

SEED: dict[str, object] = {}  # no real article is reproduced for this paper
