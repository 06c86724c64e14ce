"""The pairing evidence (numbers, dates, names across the two editions' conventions) and the assignment."""

from __future__ import annotations

import pytest

from newsarchive import pairing


def test_numbers_read_each_editions_convention():
    vi = pairing.numbers("Dự án 550 tỉ đồng, tăng 147,4%, có 1.637 hộ và 2,5 triệu cây giống.", "vi")
    en = pairing.numbers(
        "The VND 550 billion project, up 147.4 percent, has 1,637 households and 2.5 million seedlings.", "en"
    )
    assert {"550000000000", "147.4", "1637", "2500000"} <= vi
    assert {"550000000000", "147.4", "1637", "2500000"} <= en


def test_scale_words_and_spelled_numbers():
    assert "15000" in pairing.numbers("15 nghìn ha lúa", "vi")
    assert "15000" in pairing.numbers("15,000 hectares of rice", "en")
    assert "1500000000000" in pairing.numbers("1.500 tỷ đồng", "vi")
    assert "1500000000000" in pairing.numbers("VND 1.5 trillion", "en")
    assert "3" in pairing.numbers("three hectares", "en")


def test_dates_are_taken_out_of_the_numbers():
    assert pairing.dates("Sáng 13/4, tại huyện; ngày 5 tháng 6 năm 2022", "vi") == {"4-13", "6-5"}
    assert pairing.dates("On April 13 and on 5 June 2022", "en") == {"4-13", "6-5"}
    assert "13" not in pairing.numbers("Sáng 13/4, đoàn đến thăm", "vi")
    assert pairing.months("trong tháng 6", "vi") == pairing.months("in June", "en") == {"6"}


def test_names_match_without_marks_and_sentence_starts_are_not_names():
    vi = pairing.names(
        "Ông Huỳnh Văn Quang Hùng, Chủ tịch UBND huyện Cần Đước, cho biết. Theo đó, xã làm đường.", "vi"
    )
    en = pairing.names(
        "Huynh Van Quang Hung, chairman of Can Duoc district, said. The commune builds roads.", "en"
    )
    assert {"huynh van", "quang hung", "can duoc"} <= vi & en
    assert "theo" not in vi and "the" not in en


def _article(key: str, lang: str, text: str, when: str = "2024-05-02T08:00:00+07:00") -> dict[str, object]:
    title, _, body = text.partition("\n")
    return {
        "key": key,
        "lang": lang,
        "site": "baolongan",
        "title": title,
        "body_text": body,
        "published_at": when,
    }


VI = _article(
    "vi:1",
    "vi",
    "Cần Giuộc khánh thành cầu Phước Lý\n"
    "Sáng 28/4, UBND huyện Cần Giuộc khánh thành cầu Phước Lý dài 312 m, tổng vốn 86,5 tỉ đồng. "
    "Ông Nguyễn Thành Tâm cho biết cầu phục vụ 1.240 hộ dân ở xã Phước Lý và xã Long Thượng.",
    "2024-04-28T10:00:00+07:00",
)
VI_SAME_TOPIC = _article(
    "vi:2",
    "vi",
    "Cần Giuộc khởi công cầu Long Hậu\n"
    "Sáng 29/4, huyện Cần Giuộc khởi công cầu Long Hậu dài 95 m, vốn 21 tỉ đồng, do ông Lê Văn Bảy phụ trách.",
    "2024-04-29T10:00:00+07:00",
)
EN = _article(
    "en:1",
    "en",
    "New bridge opens in Can Giuoc\n"
    "A 312-metre bridge costing VND 86.5 billion opened in Can Giuoc district on April 28, serving 1,240 "
    "households in Phuoc Ly and Long Thuong communes, according to Nguyen Thanh Tam, a district official.",
)
EN_ALONE = _article(
    "en:2",
    "en",
    "Tan An hosts a kite festival\n"
    "More than 40 teams flew kites over the Vam Co Tay river on Sunday, the organisers said.",
)


def test_pair_finds_the_translation_and_leaves_the_rest_unpaired():
    decisions = {d.en_key: d for d in pairing.pair([EN, EN_ALONE], [VI, VI_SAME_TOPIC])}
    assert decisions["en:1"].vi_key == "vi:1"
    assert {"1240", "86500000000", "312"} <= set(decisions["en:1"].evidence["numbers"])
    assert "4-28" in decisions["en:1"].evidence["dates"]
    assert decisions["en:2"].vi_key is None


def test_window_english_up_to_fourteen_days_after():
    late = {**EN, "published_at": "2024-05-20T08:00:00+07:00"}
    early = {**EN, "published_at": "2024-04-20T08:00:00+07:00"}
    assert pairing.pair([late], [VI])[0].vi_key is None
    assert pairing.pair([early], [VI])[0].vi_key is None
    assert pairing.pair([{**EN, "published_at": VI["published_at"]}], [VI])[0].vi_key == "vi:1"


def test_one_to_one_and_taken_partners():
    twin = {**EN, "key": "en:3"}
    decisions = pairing.pair([EN, twin], [VI])
    assert sorted(str(d.vi_key) for d in decisions) == ["None", "vi:1"]
    assert pairing.pair([EN], [VI], taken={"vi:1"})[0].vi_key is None


def test_sites_are_never_mixed():
    assert pairing.pair([{**EN, "site": "longan_gov"}], [VI])[0].vi_key is None


def test_republication_needs_the_same_text():
    original = {**EN, "key": "baolongan:en:1"}
    item = {**EN, "key": "longan_gov:en:9", "site": "longan_gov", "sources": ["http://news.baolongan.vn/"],
            "published_at": "2024-05-04T08:00:00+07:00"}  # fmt: skip
    assert pairing.republishes(item) and not pairing.republishes(original)
    assert pairing.republication_of(item, [original]) == ("baolongan:en:1", 1.0)
    assert pairing.republication_of(item, [{**EN_ALONE, "key": "baolongan:en:2"}]) is None


def test_real_translations_and_the_mirror_truth_pair_well():
    """bench/pairing.py's figures, held by a test: the real NTREX-128 translations (when present beside the
    checkout) and the mirror's ground truth, dated and, for its stories, all in one window."""
    from bench import pairing as bench

    for dated in (True, False):
        mirror = bench.mirror(dated=dated)
        assert mirror is not None and mirror["precision"] >= 0.97 and mirror["recall"] >= 0.92, dated
    if not bench.REALWORLD.exists():
        pytest.skip(f"{bench.REALWORLD} not found: the real-world half is not measured")
    real = bench.realworld()
    assert real is not None and real["precision"] >= 0.95 and real["recall"] >= 0.85
