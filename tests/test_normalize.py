"""Unit tests of normalization: dates, bylines vs sources, NFC, URLs."""

import unicodedata

import pytest

from newsarchive.normalize import (
    absolute_url,
    classify_credit_line,
    clean_text,
    fold,
    parse_iso_datetime,
    parse_vn_datetime,
    slugify,
)
from newsarchive.sites import BAOLONGAN, edition_for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13/04/2022 - 09:44", "2022-04-13T09:44:00+07:00"),
        ("  16/10/2015 -  16:39 ", "2015-10-16T16:39:00+07:00"),
        ("Thứ tư, 13/04/2022 - 09:44", "2022-04-13T09:44:00+07:00"),
        ("13-04-2022 09:44 (GMT+7)", "2022-04-13T09:44:00+07:00"),
        ("Thứ 2, Ngày 23/03/2020, 08:00", "2020-03-23T08:00:00+07:00"),
        ("04/06/2018 11:00 SA", "2018-06-04T11:00:00+07:00"),
        ("04/06/2018 01:30 CH", "2018-06-04T13:30:00+07:00"),
        ("Thứ sáu: 15:00 ngày 09/02/2024", "2024-02-09T15:00:00+07:00"),
        ("03/02/2025", "2025-02-03T00:00:00+07:00"),
        ("2024-05-06T08:15:00+07:00", "2024-05-06T08:15:00+07:00"),
        ("2024-05-06T01:15:00Z", "2024-05-06T08:15:00+07:00"),
        ("March 31, 2023 4:56 PM", "2023-03-31T16:56:00+07:00"),
        ("Friday, 31 March 2023 - 16:56", "2023-03-31T16:56:00+07:00"),
        ("Jul. 27, 2023", "2023-07-27T00:00:00+07:00"),
        ("Cập nhật lúc 09:44 ngày 13 tháng 4 năm 2022", "2022-04-13T09:44:00+07:00"),
        ("ngày 13 tháng 4 năm 2022", "2022-04-13T00:00:00+07:00"),
        ("no date here", None),
        ("31/02/2022 - 10:00", None),
    ],
)
def test_parse_vn_datetime(text, expected):
    assert parse_vn_datetime(text) == expected


def test_iso_naive_is_local_time():
    assert parse_iso_datetime("2022-04-13T09:44:00") == "2022-04-13T09:44:00+07:00"
    assert parse_iso_datetime("13/04/2022") is None


@pytest.mark.parametrize(
    ("line", "authors", "sources"),
    [
        ("Huỳnh Hương", ["Huỳnh Hương"], []),
        ("Hữu Bằng- Thanh Hiểu", ["Hữu Bằng", "Thanh Hiểu"], []),
        ("Hữu Bằng - Thanh Hiểu", ["Hữu Bằng", "Thanh Hiểu"], []),
        ("(TTXVN/Vietnam+)", [], ["TTXVN/Vietnam+"]),
        (
            "Nguồn:\u00a0https://www.vietnamplus.vn/abc-123.vnp",
            [],
            ["https://www.vietnamplus.vn/abc-123.vnp"],
        ),
        ("Source: VNA", [], ["VNA"]),
        ("Translated by Hoang Yen", ["Hoang Yen"], []),
        ("By Minh Khang and Thanh Tam", ["Minh Khang", "Thanh Tam"], []),
    ],
)
def test_credit_lines(line, authors, sources):
    assert classify_credit_line(line) == (authors, sources)


@pytest.mark.parametrize(
    "line",
    [
        "Huyện tiếp tục đổi mới công tác thi đua khen thưởng./.",
        "Năm 2021, toàn huyện có 318 cá nhân được công nhận.",
        "",
    ],
)
def test_body_sentences_are_not_credits(line):
    assert classify_credit_line(line) is None


def test_clean_text_nfc_and_whitespace():
    nfd = unicodedata.normalize("NFD", "Cần  Đước\u00a0\n đẩy mạnh")
    assert nfd != unicodedata.normalize("NFC", nfd)
    out = clean_text(nfd)
    assert out == "Cần Đước đẩy mạnh"
    assert unicodedata.is_normalized("NFC", out)


def test_fold_and_slug():
    assert fold("Cần Đước") == "can duoc"
    assert (
        slugify("Cần Đước đẩy mạnh phong trào: 2-700 hộ nghèo!")
        == "can-duoc-day-manh-phong-trao-2-700-ho-ngheo"
    )


def test_absolute_url_keeps_encoding():
    base = "https://baolongan.vn/x-a1.html"
    assert absolute_url(base, "/image/news/khai%20m%E1%BA%A1c%20(38).jpg") == (
        "https://baolongan.vn/image/news/khai%20m%E1%BA%A1c%20(38).jpg"
    )
    assert (
        absolute_url(base, " https://www.baolongan.vn/image/a b.JPG ")
        == "https://www.baolongan.vn/image/a b.JPG"
    )
    assert absolute_url(base, "data:image/png;base64,xx") is None


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("http://www.baolongan.vn/x-y-a133682.html", "https://baolongan.vn/x-y-a133682.html"),
        ("https://baolongan.vn/x-y-a133682.html?utm_source=fb#top", "https://baolongan.vn/x-y-a133682.html"),
        (
            "https://www.news.baolongan.vn/sailing-a152512.html",
            "https://news.baolongan.vn/sailing-a152512.html",
        ),
        ("https://baolongan.vn/kinh-te/", None),
        ("https://example.com/x-a1.html", None),
    ],
)
def test_canonical_article_url(url, canonical):
    assert BAOLONGAN.canonical_article_url(url) == canonical


def test_edition_for():
    assert edition_for("https://news.baolongan.vn/a-a1.html") == ("baolongan", "en")
    assert edition_for("http://www.baolongan.vn/a-a1.html") == ("baolongan", "vi")
    assert edition_for("https://example.com/") is None
