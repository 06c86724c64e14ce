"""Bytes → text for real Vietnamese pages: undeclared windows-1258, TCVN3 and VNI font encodings (raw bytes
or already read as Latin-1 and stored as UTF-8), while Latin-1 and UTF-8 pages stay exactly as they were."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from newsarchive import encodings
from newsarchive.extract import decode_html, extract_article
from newsarchive.mirror.faults import to_cp1258, to_tcvn3, to_vni

URL = "https://baolongan.vn/cong-hoa-a1.html"
TITLE = "Cộng hòa xã hội chủ nghĩa Việt Nam"
BODY = (
    "Người dân tỉnh Long An đón chào năm mới với nhiều hoạt động văn hóa, thể thao sôi nổi trên khắp các "
    "huyện, thị xã và thành phố. Đêm giao thừa, hàng nghìn người xem bắn pháo hoa ở quảng trường tỉnh.",
    "Ông Nguyễn Văn Út, chủ tịch xã, cho biết năm nay xã tổ chức hội chợ xuân và giải bóng đá thiếu niên; "
    "các gia đình chính sách đều được thăm hỏi, tặng quà trước Tết.",
)
def page(title: str, body: tuple[str, ...], head: str = "", style: str = "") -> str:
    """A small article page, as an old CMS printed it."""
    paragraphs = "".join(f"<p{style}>{p}</p>\n" for p in body)
    return (
        f"<html><head>{head}<title>{title}</title></head><body>\n"
        f"<div class='menu'><a href='/'>Home</a></div>\n<article><h1{style}>{title}</h1>\n"
        f"<p class='date'>13/04/2022 15:05</p>\n{paragraphs}</article></body></html>"
    )


def assert_right(record: dict) -> None:
    assert record["title"] == TITLE
    assert all(p in record["body_text"] for p in BODY), record["body_text"]
    assert unicodedata.is_normalized("NFC", record["body_text"])


def test_references_from_the_issue():
    assert encodings.tcvn3_to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam") == TITLE
    assert encodings.vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == TITLE
    assert to_vni(TITLE) == "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"


@pytest.mark.skipif(not shutil.which("iconv"), reason="needs glibc iconv")
def test_tcvn3_table_is_glibcs():
    every = bytes(range(0x80, 0x100)) + bytes(encodings._TCVN3_LOW)
    glibc = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=every, capture_output=True, check=True)
    assert encodings.tcvn3_to_unicode(every.decode("latin-1")) == unicodedata.normalize("NFC", glibc.stdout.decode())


def test_undeclared_windows_1258():
    body = to_cp1258(page(TITLE, BODY))
    assert "\ufffd" not in decode_html(body)
    assert_right(extract_article(body, URL))


def test_declared_utf8_but_windows_1258_bytes():
    body = to_cp1258(page(TITLE, BODY, head='<meta charset="utf-8">'))
    assert_right(extract_article(body, URL, "text/html; charset=utf-8"))


def test_declaration_kept_when_it_decodes_cleanly():
    body = page("Tiêu đề", ("Nội dung bài viết " * 10,), head='<meta charset="windows-1258">')
    assert unicodedata.normalize("NFC", decode_html(to_cp1258(body))) == body
    assert decode_html(body.encode("utf-8"), "text/html; charset=windows-1252") == body


def test_tcvn3_raw_bytes_with_font_name():
    html = page(TITLE, BODY, style=' style="font-family:.VnTime"')
    assert_right(extract_article(to_tcvn3(html), URL))


def test_tcvn3_read_as_latin1_and_stored_as_utf8():
    mojibake = to_tcvn3(page(TITLE, BODY)).decode("cp1252")
    assert "Céng hßa x· héi chñ nghÜa ViÖt Nam" in mojibake
    assert_right(extract_article(mojibake, URL))
    assert_right(extract_article(mojibake.encode("utf-8"), URL, "text/html; charset=utf-8"))


def test_vni_raw_bytes_with_font_name():
    html = page(to_vni(TITLE), tuple(map(to_vni, BODY)), style=' style="font-family:\'VNI-Times\'"')
    assert_right(extract_article(html.encode("latin-1"), URL))


def test_vni_read_as_latin1_and_stored_as_utf8():
    mojibake = page(to_vni(TITLE), tuple(map(to_vni, BODY)))
    assert "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam" in mojibake
    assert_right(extract_article(mojibake, URL))
    assert_right(extract_article(mojibake.encode("utf-8"), URL))


LATIN1 = {
    "en": ("Pound falls to £1.05 against the euro", ("The café on Müller Street raised prices by £2 a cup. " * 4,)),
    "fr": ("Été très chaud à Paris", ("Le café où nous étions était fermé ; déjà la foule de Noël remplissait la place, "
           "garçons et mères côte à côte près de l'église. " * 2,)),
    "de": ("Müller über die Straße", ("Herr Müller ging früh über die Straße zur Bäckerei, um für seine Töchter "
           "Brötchen zu kaufen. Die Größe der Stadt überraschte ihn. " * 2,)),
}


@pytest.mark.parametrize("lang", sorted(LATIN1))
def test_latin1_pages_unchanged(lang):
    title, body = LATIN1[lang]
    html = page(title, body)
    assert encodings.fix_legacy_fonts(html) == html
    assert decode_html(html.encode("utf-8")) == html
    assert decode_html(html.encode("cp1252"), "text/html; charset=iso-8859-1") == html
    assert decode_html(html.encode("cp1252")) == html
    assert extract_article(html.encode("cp1252"), URL)["title"] == title


def test_unicode_vietnamese_unchanged():
    html = page(TITLE, BODY, style=' style="font-family:.VnTime, Arial"')  # a font name left in old CSS
    assert decode_html(html.encode("utf-8")) == html
    assert_right(extract_article(html.encode("utf-8"), URL))
