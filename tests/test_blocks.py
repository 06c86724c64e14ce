"""Caption pairing by position over the body variants the CMS produces (SITES.md A–E)."""

from __future__ import annotations

import pytest

from newsarchive.extract import extract_article

URL = "https://baolongan.vn/bai-thu-a150000.html"
GREY = 'style="font-size: small; color: rgb(128, 128, 128);"'
TEXT = "Đoạn thân bài đủ dài để là một đoạn văn thật sự của bài báo về nông nghiệp tỉnh Long An năm nay."
PARA = f"<p>{TEXT}</p>"

BODIES = {
    "A": f'<p style="text-align: center;"><span><img class="zoomimg i-img-slider-jsgallery" src="/image/a.jpg">'
    f"</span><em {GREY}>Chú thích A</em></p>{PARA}",
    "B": '<p><em style="color:#808080;"><div class="b-img-slider-jsgallery"><img src="/image/b.jpg"></div></em></p>'
    f"<p><em>Chú thích B</em></p>{PARA}",
    "C": '<p><em style="color:#808080;"></em></p><div class="b-img-slider-jsgallery"><img src="/image/b.jpg"></div>'
    f"<p></p><p><em>Chú thích B</em></p>{PARA}",
    "D": f'<p style="text-align: center;"><img alt="" src="https://www.baolongan.vn/image/virus-hmpv(1).jpg"></p>{PARA}',
    "E": f'<span style="color: rgba(0, 0, 0, 1)"><p><img src="/image/e.jpg"></p></span><em {GREY}>Chú thích E</em>'
    f'<span style="color: rgba(0, 0, 0, 1)">{PARA}</span>',
    "two images, then both captions": f'<p><img src="/image/1.jpg"></p><p><img src="/image/2.jpg"></p>'
    f"<p><em {GREY}>Một</em></p><p><em {GREY}>Hai</em></p>{PARA}",
}
EXPECTED = {
    "A": [("https://baolongan.vn/image/a.jpg", "Chú thích A")],
    "B": [("https://baolongan.vn/image/b.jpg", "Chú thích B")],
    "C": [("https://baolongan.vn/image/b.jpg", "Chú thích B")],
    "D": [("https://www.baolongan.vn/image/virus-hmpv(1).jpg", None)],
    "E": [("https://baolongan.vn/image/e.jpg", "Chú thích E")],
    "two images, then both captions": [
        ("https://baolongan.vn/image/1.jpg", "Một"),
        ("https://baolongan.vn/image/2.jpg", "Hai"),
    ],
}


def page(body: str) -> str:
    return (
        '<html><body><span class="pubdate">13/04/2022 - 09:44</span>'
        '<h1 class="margintopbot10 fw600">Tiêu đề thử</h1><p class="fontd">Đoạn dẫn của bài viết thử nghiệm.</p>'
        f'<div class="content-fck slider-jsgallery">{body}'
        '<p style="text-align: right;"><strong>Huỳnh Hương</strong></p></div></body></html>'
    )


@pytest.mark.parametrize("variant", list(BODIES))
def test_captions_pair_with_images_by_position(variant):
    record = extract_article(page(BODIES[variant]), URL)
    assert [(i["url"], i["caption"]) for i in record["images"]] == EXPECTED[variant]
    assert record["body_text"] == TEXT  # captions and the byline never leak into the body
    assert record["authors"] == ["Huỳnh Hương"]
