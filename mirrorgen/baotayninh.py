"""Báo Tây Ninh (``baotayninh.vn``): the successor paper on the Báo Long An CMS, for the mirror.

Written by ``cms_baolongan.build_site``; the texts are ``baotayninh_texts.py``. Vietnamese only (its English
edition is unknown). Its own id counter runs over the same numbers as Báo Long An's (the archive's keys keep
them apart); dates are printed ``Thứ sáu: 15:00 ngày 09/02/2024`` and leads open ``(BTN) -``. Writes
``sites/baotayninh.vn/`` and ``truth/baotayninh_vi.json``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from . import baotayninh_texts
from .baolongan import VI_SECTIONS
from .cms_baolongan import CmsSite, Edition, build_site

# Ids from 2023 to 2026, inside Báo Long An's range (its 2023–2025 stories are numbered 140,000–198,000).
ID_ANCHORS: tuple[tuple[datetime, int], ...] = (
    (datetime(2023, 1, 1), 150_000),
    (datetime(2026, 11, 30, 23, 59), 182_000),
)
YEAR_WEIGHTS = {2023: 6, 2024: 8, 2025: 9, 2026: 7}
LAST_LISTED = datetime(2026, 11, 20, 20, 0)

EDITION = Edition(
    "vi",
    "baotayninh.vn",
    "baotayninh_vi",
    baotayninh_texts,
    VI_SECTIONS,
    5,
    site="baotayninh",
    image_host="https://baotayninh.vn",
    inline_bases=("https://baotayninh.vn", "http://www.baotayninh.vn", "https://www.baotayninh.vn"),
    lang_homes=("https://baotayninh.vn/", ""),
    logo_url="https://baotayninh.vn/images/logo.png",
    about_title="Giới thiệu Báo Tây Ninh",
    weekday_dates=True,
    lead_mark="BTN",
)
SITE = CmsSite(
    editions=(EDITION,),
    id_anchors=ID_ANCHORS,
    reserved_ids=frozenset(),
    seed_id=None,
    year_weights=YEAR_WEIGHTS,
    last_listed=LAST_LISTED,
    rss_only_dates=(datetime(2026, 11, 25, 9, 0), datetime(2026, 11, 28, 16, 30)),
)


def build(out_dir: Path, seed: int, extra_articles: int = 0) -> None:
    """Báo Tây Ninh's edition and its truth file under ``out_dir`` (its own random streams)."""
    build_site(SITE, out_dir, seed + 7_000, extra_articles)
