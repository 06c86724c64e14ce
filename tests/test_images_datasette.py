"""Offline reading: the article page shows images from the archive's `/image/{capture}` route (never from the
source), with captions and the original linked; an image without a capture is a plain link; the route serves
only image captures, with their media type, a year's caching, nosniff and a CSP that allows nothing."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from newsarchive.imagesize import pixel_size

SEED = "/article/baolongan:vi:133682"


def article_with(db, where: str) -> str:
    return db.execute(f"select article_key from images where {where} limit 1").fetchone()[0]


def test_seed_article_shows_its_image_from_the_archive(get, db):
    page = get(SEED)
    assert page.status_code == 200
    sources = re.findall(r'<img src="([^"]+)"', page.text)
    capture_id = db.execute(
        "select capture_id from images where article_key = 'baolongan:vi:133682'"
    ).fetchone()[0]
    assert sources == [f"/image/{capture_id}"]
    assert "Các cơ quan, đơn vị ký kết giao ước thi đua năm 2022" in page.text
    assert (
        'class="image-original" href="https://www.baolongan.vn/image/news/2022/20220413/images/ky%20ket'
        in page.text
    )
    assert not re.search(r'src="https?://', page.text)  # nothing is loaded from another host

    image = get(f"/image/{capture_id}")
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/jpeg"
    assert image.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in image.headers["content-security-policy"]
    assert "sandbox" in image.headers["content-security-policy"]
    assert "max-age=31536000" in image.headers["cache-control"]
    width, height = db.execute(
        "select width, height from images where capture_id = ?", [capture_id]
    ).fetchone()
    assert pixel_size(image.content) == (width, height)


def test_missing_captures_are_plain_links_never_broken_images(get, db):
    key = article_with(db, "capture_id is null")
    page = get(f"/article/{key}")
    rows = list(db.query("select url, capture_id from images where article_key = ? order by position", [key]))
    assert page.text.count("<img ") == sum(1 for r in rows if r["capture_id"])
    links = re.findall(r'<a class="image-link" href="([^"]+)"', page.text)
    assert len(links) == sum(1 for r in rows if not r["capture_id"]) > 0


def test_svg_is_a_download_and_only_image_captures_are_served(get, db):
    capture_id = db.execute("select capture_id from images where media_type = 'image/svg+xml'").fetchone()[0]
    svg = get(f"/image/{capture_id}")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert svg.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in svg.headers["content-security-policy"]
    html_capture = db.execute(
        "select id from captures where content_type like 'text/html%' limit 1"
    ).fetchone()[0]
    assert get(f"/image/{html_capture}").status_code == 404  # an article page is never served from here
    assert get("/image/999999999").status_code == 404


def test_every_captured_image_is_served(get, db):
    rows = list(
        db.query("select url, capture_id, media_type, byte_size from images where capture_id is not null")
    )
    for row in rows[:: max(1, len(rows) // 40)]:  # a sample across the archive
        served = get(f"/image/{row['capture_id']}")
        assert served.status_code == 200, unquote(urlsplit(row["url"]).path)
        assert served.headers["content-type"] == row["media_type"] and len(served.content) == row["byte_size"]
