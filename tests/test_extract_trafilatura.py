"""The last-resort extraction layer (trafilatura) is installed and reached when no container stands out.

A fresh `pip install -e .` with an older pip once lacked `lxml_html_clean` (justext imports lxml.html.clean,
a separate project since lxml 6), so every page that needed this layer vanished from the crawl.
"""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPO, newsarchive

URL = "https://baolongan.vn/nong-dan-can-duoc-thu-hoach-lua-som-a200001.html"
PARAGRAPHS = [
    "Những ngày này, nông dân huyện Cần Đước tất bật thu hoạch vụ lúa Đông Xuân sớm hơn mọi năm, năng suất "
    "bình quân đạt khoảng 6,5 tấn mỗi héc-ta.",
    "Theo Phòng Nông nghiệp huyện, giá lúa tươi tại ruộng dao động từ 7.800 đến 8.200 đồng mỗi ký, cao hơn "
    "cùng kỳ năm trước, nên bà con rất phấn khởi.",
    "Ngành nông nghiệp khuyến cáo nông dân thu hoạch đúng thời điểm, phơi sấy kịp thời để bảo đảm chất lượng "
    "hạt lúa và tránh thất thoát sau thu hoạch.",
]
# Text printed straight into <body>, between <br>s: no element for the site or generic layer to score.
PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Nông dân Cần Đước thu hoạch lúa sớm</title>
<meta property="og:title" content="Nông dân Cần Đước thu hoạch lúa sớm">
<meta property="article:published_time" content="2024-03-05T08:30:00+07:00"></head>
<body><h1>Nông dân Cần Đước thu hoạch lúa sớm</h1>
{"<br><br>".join(PARAGRAPHS)}</body></html>"""


def test_trafilatura_and_its_html_cleaner_import():
    # Each in a fresh interpreter: the very imports a new install makes on the first such page.
    for module in ("lxml_html_clean", "lxml.html.clean", "justext", "trafilatura"):
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True, cwd=REPO, timeout=120)


def test_page_without_a_body_container_is_extracted_by_trafilatura(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    record = json.loads(newsarchive("extract", str(page), "--url", URL).stdout)
    for paragraph in PARAGRAPHS:
        assert paragraph in record["body_text"].split("\n\n")
    assert record["layers"]["body_text"] == "generic"  # the name the store uses for both non-site layers
    assert record["published_at"] == "2024-03-05T08:30:00+07:00"
    # The layer really is trafilatura's: with it unimportable the same page cannot be extracted.
    blocked = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['trafilatura'] = None; "
         "from newsarchive.extract import extract_article; "
         f"extract_article(open({str(page)!r}, 'rb').read(), {URL!r})"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert blocked.returncode != 0 and "trafilatura" in blocked.stderr
