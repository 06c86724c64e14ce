"""The mirror serves real images for the image URLs its pages use (generated from the path), and the hard cases
from `_images.json`; the header parser reads every format's pixel size."""

from __future__ import annotations

import json
import struct
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from w3lib.url import safe_url_string

from newsarchive.imagesize import pixel_size
from newsarchive.mirror import images
from newsarchive.mirror.server import OVERSIZE_BYTES, MirrorServer

from .conftest import MIRROR

SPECIAL = json.loads((MIRROR / "sites" / "baolongan.vn" / "_images.json").read_text("utf-8"))


def fetch(server: MirrorServer, url: str, method: str = "GET") -> tuple[int, str, bytes, dict[str, str]]:
    parts = urlsplit(safe_url_string(url))  # as Scrapy sends it: spaces and raw Vietnamese %-encoded
    request = urllib.request.Request(
        server.url + parts.path, method=method, headers={"Host": parts.hostname or ""}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read(), dict(exc.headers)


@pytest.fixture(scope="module")
def server():
    with MirrorServer(port=0) as srv:
        yield srv


def mirror_images() -> list[str]:
    found = []
    for truth in (MIRROR / "truth").glob("*.json"):
        edition = json.loads(truth.read_text("utf-8"))
        for article in edition.get("articles", {}).values():  # pairs.json lists pairs, not articles
            found += [image["url"] for image in article["images"]]
    return sorted(set(found))


def test_every_page_image_is_served_as_an_image_but_the_special_ones(server):
    urls = mirror_images()
    assert len(urls) > 300
    bad = {url for url in urls if urllib.parse.unquote(urlsplit(url).path) in SPECIAL}
    assert len(bad) == 3 and set(SPECIAL.values()) == {"missing", "html", "oversize"}
    kinds = set()
    for url in urls:
        if url in bad:
            continue
        status, ctype, body, _ = fetch(server, url)
        assert status == 200 and ctype.startswith("image/"), url
        kinds.add(ctype)
        path = urllib.parse.unquote(urlsplit(url).path)
        if ctype != "image/svg+xml":
            assert pixel_size(body) == images.dimensions(path)[:2], url
        assert fetch(server, url)[2] == body  # deterministic
    assert kinds == {"image/jpeg", "image/png", "image/webp", "image/svg+xml"}


def test_names_with_spaces_parentheses_vietnamese_and_jfif_are_on_the_pages():
    urls = mirror_images()
    assert any("%20" in u and "(" in u for u in urls)
    assert any("%E1%BA%A2nh" in u for u in urls)  # "Ảnh", %-encoded UTF-8
    assert any(u.endswith(".jfif") for u in urls) and any(u.endswith(".svg") for u in urls)


def test_special_answers(server):
    by_answer = {answer: "https://www.baolongan.vn" + path for path, answer in SPECIAL.items()}
    status, ctype, _, _ = fetch(server, by_answer["missing"])
    assert status == 404
    status, ctype, body, _ = fetch(server, by_answer["html"])
    assert status == 200 and ctype.startswith("text/html") and b"<html>" in body
    status, ctype, body, headers = fetch(server, by_answer["oversize"], "HEAD")
    assert status == 200 and ctype == "image/jpeg" and int(headers["Content-Length"]) == OVERSIZE_BYTES
    assert OVERSIZE_BYTES > 15 * 1024 * 1024


@pytest.mark.parametrize(
    "data, size",
    [
        (b"GIF89a" + struct.pack("<HH", 320, 200) + b"\x00" * 8, (320, 200)),
        # lossy WebP: VP8 chunk, frame tag, start code, 14-bit sizes (scale bits set, ignored)
        (
            b"RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00"
            + b"\x10\x02\x00\x9d\x01\x2a"
            + struct.pack("<HH", 640 | 0x4000, 480),
            (640, 480),
        ),
        (
            b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x10\x00\x00\x00"
            + (1919).to_bytes(3, "little")
            + (1079).to_bytes(3, "little"),
            (1920, 1080),
        ),
        # progressive JPEG (SOF2) after an APP1 segment
        (
            b"\xff\xd8\xff\xe1\x00\x04ab\xff\xc2\x00\x11\x08" + struct.pack(">HH", 768, 1024) + b"\x03",
            (1024, 768),
        ),
        (images.png(3, 2, 0), (3, 2)),
        (images.jpeg(17, 9, 255), (17, 9)),
        (images.webp(5, 7, 1), (5, 7)),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", None),  # cut short before the frame header
        (b"\x89PNG\r\n\x1a\n\x00\x00", None),
        (images.svg(10, 10, 0), None),  # SVG: no pixel header
        (b"<html>not an image</html>", None),
    ],
)
def test_pixel_size(data, size):
    assert pixel_size(data) == size
