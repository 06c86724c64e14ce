"""Báo Long An (``baolongan.vn``) and Long An Online (``news.baolongan.vn``): the paper's facts for the CMS pages.

Written by ``cms_baolongan.build_site``; the texts are ``baolongan_texts_vi.py`` and ``baolongan_texts_en.py``.
The paper printed its last issue on 30/06/2025, so nothing is dated later. Writes
``sites/baolongan.vn/``, ``sites/news.baolongan.vn/``, ``truth/baolongan_vi.json`` and ``truth/baolongan_en.json``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from . import baolongan_texts_en, baolongan_texts_pairs, baolongan_texts_vi
from .cms_baolongan import CmsSite, Edition, Section, SeedStory, build_site

SEED_ID = 133682

# Real ids seen on the live site: never reuse them for invented stories (except the seed).
RESERVED_IDS = frozenset({8432, 56849, 152512, 159897, 189859})
ID_ANCHORS: tuple[tuple[datetime, int], ...] = (
    (datetime(2015, 1, 1), 1500),
    (datetime(2015, 10, 16, 16, 39), 8432),
    (datetime(2018, 5, 29, 14, 21), 56849),
    (datetime(2022, 4, 13, 9, 44), SEED_ID),
    (datetime(2023, 3, 31, 16, 56), 152512),
    (datetime(2023, 7, 27, 18, 11), 159897),
    (datetime(2025, 2, 3, 12, 0), 189859),
    (datetime(2025, 6, 30, 23, 59), 198000),
)
YEAR_WEIGHTS = {
    2015: 8,
    2016: 6,
    2017: 6,
    2018: 7,
    2019: 7,
    2020: 7,
    2021: 8,
    2022: 8,
    2023: 8,
    2024: 17,
    2025: 14,
}
LAST_LISTED = datetime(2025, 6, 28, 20, 0)

VI_SECTIONS = (
    Section(
        "thoi-su-chinh-tri",
        "Thời sự - Chính trị",
        (("long-an", "Long An"),),
        {None: ("chinhtri",), "long-an": ("chinhtri",)},
    ),
    Section("phap-luat", "Pháp luật", (), {None: ("phapluat",)}),
    Section(
        "kinh-te",
        "Kinh tế",
        (("nong-nghiep", "Nông nghiệp"), ("moi-truong-do-thi", "Môi trường - Đô thị")),
        {None: ("kinhte",), "nong-nghiep": ("nongnghiep",), "moi-truong-do-thi": ("moitruong",)},
    ),
    Section("doi-song-xa-hoi", "Đời sống - Xã hội", (), {None: ("xahoi", "covid")}),
    Section("quoc-phong-an-ninh", "Quốc phòng - An ninh", (), {None: ("quocphong",)}),
    Section(
        "van-hoa-giai-tri",
        "Văn hóa - Giải trí",
        (("tac-gia-tac-pham", "Tác giả - Tác phẩm"),),
        {None: ("vanhoa",), "tac-gia-tac-pham": ("tacgia",)},
    ),
)
EN_SECTIONS = (
    Section("politics", "Politics", (("law", "Law"),), {None: ("politics", "defence"), "law": ("law",)}),
    Section(
        "economy",
        "Economy",
        (("agriculture", "Agriculture"), ("environment", "Environment")),
        {None: ("economy",), "agriculture": ("agriculture",), "environment": ("environment",)},
    ),
    Section(
        "society", "Society", (("health", "Health"),), {None: ("society",), "health": ("covid", "society")}
    ),
    Section("culture-sports", "Culture - Sports", (), {None: ("culture",)}),
    Section("travel", "Travel", (), {None: ("travel",)}),
)

EDITIONS: tuple[Edition, ...] = (
    Edition(
        "vi",
        "baolongan.vn",
        "baolongan_vi",
        baolongan_texts_vi,
        VI_SECTIONS,
        16,
        site="baolongan",
        image_host="https://www.baolongan.vn",
        inline_bases=("https://baolongan.vn", "http://www.baolongan.vn", "https://www.baolongan.vn"),
        lang_homes=("https://baolongan.vn/", "https://news.baolongan.vn/"),
        logo_url="https://baolongan.vn/images/logo.png",
        about_title="Giới thiệu Báo Long An",
        seed=SeedStory(datetime(2022, 4, 13, 9, 44), "thoi-su-chinh-tri", "long-an", "chinhtri"),
    ),
    Edition(
        "en",
        "news.baolongan.vn",
        "baolongan_en",
        baolongan_texts_en,
        EN_SECTIONS,
        19,
        site="baolongan",
        image_host="https://www.baolongan.vn",
        inline_bases=("https://news.baolongan.vn", "http://news.baolongan.vn", ""),
        lang_homes=("https://baolongan.vn/", "https://news.baolongan.vn/"),
        logo_url="https://baolongan.vn/images/logo.png",
        about_title="About Long An Online",
    ),
)
SITE = CmsSite(
    editions=EDITIONS,
    id_anchors=ID_ANCHORS,
    reserved_ids=RESERVED_IDS,
    seed_id=SEED_ID,
    year_weights=YEAR_WEIGHTS,
    last_listed=LAST_LISTED,
    rss_only_dates=(datetime(2025, 6, 29, 10, 15), datetime(2025, 6, 30, 8, 30)),
    translated=baolongan_texts_pairs,
)


def build(out_dir: Path, seed: int, extra_articles: int = 0) -> None:
    """Both editions of Báo Long An and their truth files under ``out_dir``."""
    build_site(SITE, out_dir, seed, extra_articles)
