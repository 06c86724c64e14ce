"""The place tagger (newsarchive/places.py): one test per trap of the gazetteer's README, and the gazetteer."""

from __future__ import annotations

import unicodedata

import pytest

from newsarchive import places

BEFORE = "2023-03-14T08:00:00+07:00"
AFTER = "2025-09-02T08:00:00+07:00"
G = places.gazetteer()


def key(name: str, period: str = "2024", district: str | None = None) -> str:
    """The key of the unit named `name` ("Huyện Cần Giuộc") in a period (and district, for same names)."""
    found = [
        p
        for p in G.places.values()
        if p.name == name
        and p.period == period
        and (district is None or (p.parent and G.places[p.parent].short == district))
    ]
    assert len(found) == 1, (name, period, district, found)
    return found[0].key


def tagged(text: str, date: str | None = BEFORE) -> dict[str, str]:
    """key -> method for a text dated `date`."""
    return {k: t.method for k, t in places.tag(text, published_at=date).items()}


def test_gazetteer_holds_both_periods_and_the_mapping() -> None:
    by_period = {(p.period, p.tier): 0 for p in G.places.values()}
    for p in G.places.values():
        by_period[(p.period, p.tier)] += 1
    assert by_period == {("2024", "district"): 15, ("2024", "commune"): 186, ("2025", "commune"): 60}
    assert len(set(G.places)) == 261
    # Every old unit went somewhere; every 2025 unit was formed from old communes, "part" splits marked.
    assert all(p.successors for p in G.places.values() if p.period == "2024")
    assert all(p.predecessors for p in G.places.values() if p.period == "2025")
    thai_binh_trung = G.places[key("Xã Thái Bình Trung", district="Vĩnh Hưng")]
    assert len(thai_binh_trung.successors) == 3 and all(partial for _, partial in thai_binh_trung.successors)
    # The 2025 list's own "formed from" column agrees with the old list's successors.
    import csv
    from importlib import resources

    with (
        resources.files("newsarchive").joinpath("gazetteer", "communes_2025.csv").open(encoding="utf-8") as f
    ):
        for row in csv.DictReader(f):
            formed = [part.split(" [")[0].split(" (")[0].strip() for part in row["formed_from"].split(";")]
            names = sorted(
                G.places[old].name.replace("Hoà", "Hòa")
                for old, _ in G.places[f"2025-{row['gso_code']}"].predecessors
            )
            assert names == sorted(n.replace("Hoà", "Hòa") for n in formed), row["name_vi"]


def test_keys_carry_the_period_because_gso_codes_repeat() -> None:
    assert key("Phường Long An", "2025") == "2025-27694"
    assert key("Phường 1", district="Tân An") == "2024-27694"


def test_three_levels_of_one_name_chosen_by_level_word_and_date() -> None:
    district, township = key("Huyện Cần Giuộc"), key("Thị trấn Cần Giuộc")
    commune = key("Xã Cần Giuộc", "2025")
    assert tagged("Nông dân huyện Cần Giuộc thu hoạch lúa.") == {district: "level"}
    assert tagged("Chợ đêm ở thị trấn Cần Giuộc.") == {township: "level"}
    assert tagged("Xã Cần Giuộc ra mắt bộ máy mới.", AFTER) == {commune: "level"}
    # A bare name: the district before the reorganisation, its 2025 namesake after it.
    assert tagged("Nông dân Cần Giuộc phấn khởi.") == {district: "name"}
    assert tagged("Nông dân Cần Giuộc phấn khởi.", AFTER) == {commune: "name"}
    # A district named after 2025 is the old one; "cũ"/"former" says so too.
    assert tagged("Trước đây huyện Cần Giuộc có 17 xã.", AFTER) == {district: "level"}
    assert tagged("Can Giuoc township in the former Can Giuoc district", AFTER) == {
        township: "level",
        district: "level",
    }
    assert tagged("Vùng đất Cần Giuộc cũ nay là 5 xã.", AFTER) == {district: "name"}


def test_tan_an_and_tan_an_with_marks_and_in_ascii() -> None:
    city, commune = key("Thành phố Tân An"), key("Xã Tân Ân", district="Cần Đước")
    ward = key("Phường Tân An", "2025")
    assert tagged("Người dân xã Tân Ân, huyện Cần Đước.")[commune] == "level"
    assert key("Huyện Cần Đước") in tagged("Người dân xã Tân Ân, huyện Cần Đước.")
    assert tagged("Đường phố TP.Tân An rợp cờ hoa.") == {city: "level"}
    assert tagged("Tan An city launched a bus route.") == {city: "level"}
    assert tagged("Farmers of Tan An commune in Can Duoc district") == {
        commune: "level",
        key("Huyện Cần Đước"): "level",
    }
    assert tagged("Traffic in Tan An is heavy.") == {city: "name"}
    assert tagged("Traffic in Tan An is heavy.", AFTER) == {ward: "name"}
    assert commune not in tagged("Tân An là đô thị loại II.")


def test_thanh_hoa_district_is_not_thanh_hoa_province() -> None:
    district = key("Huyện Thạnh Hóa")
    assert tagged("Đoàn công tác tỉnh Thanh Hóa thăm huyện Thạnh Hóa.") == {district: "level"}
    assert tagged("Nông dân Thạnh Hóa trồng khóm.") == {district: "name"}
    assert tagged("Nông dân Thanh Hóa trồng lúa.") == {}
    assert tagged("Workers from Thanh Hoa province came to Thanh Hoa district.") == {district: "level"}
    assert tagged("Rice from Thanh Hoa is sold abroad.") == {}  # bare: may be the province


def test_tan_thanh_six_units_resolved_by_context_or_left_untagged() -> None:
    ascii_units = [
        p
        for p in G.places.values()
        if p.ascii.split(" ", 1)[-1].endswith("Tan Thanh")
        and G.lookup(tuple(places._keys(w) for w in ["Tan", "Thanh"]))
    ]
    assert len({p.key for p in G.lookup(tuple(places._keys(w) for w in ["Tan", "Thanh"]))}) == 6
    assert ascii_units
    assert tagged("Tan Thanh district farmers") == {key("Huyện Tân Thạnh"): "level"}
    assert tagged("Tan Thanh township farmers") == {key("Thị trấn Tân Thạnh"): "level"}
    assert tagged("Tan Thanh township market") == {key("Thị trấn Tân Thạnh"): "sub"}
    assert tagged("Xã Tân Thành, huyện Thủ Thừa làm đường.") == {
        key("Xã Tân Thành", district="Thủ Thừa"): "level",
        key("Huyện Thủ Thừa"): "level",
    }
    assert (
        tagged("Xã Tân Thành (Mộc Hóa) đón chuẩn nông thôn mới.")[key("Xã Tân Thành", district="Mộc Hóa")]
        == "level"
    )
    # Three communes of that name and nothing to tell them apart: none is tagged.
    assert tagged("Tan Thanh commune built a new school.") == {}
    # After 1 July 2025 there is one Tân Thạnh commune.
    assert tagged("Tan Thanh commune built a new school.", AFTER) == {key("Xã Tân Thạnh", "2025"): "level"}


def test_old_and_new_tone_placement_name_one_unit() -> None:
    nhon_hoa = key("Xã Nhơn Hoà", district="Tân Thạnh")
    assert tagged("Xã Nhơn Hoà trồng sen.") == tagged("Xã Nhơn Hòa trồng sen.") == {nhon_hoa: "level"}
    assert (
        tagged("xã Thuỷ Tây") == tagged("xã Thủy Tây") == {key("Xã Thủy Tây", district="Thạnh Hóa"): "level"}
    )
    assert places.tone_key("hoà") == places.tone_key("hòa") != places.tone_key("hoa")


def test_binh_thanh_2025_is_not_the_old_binh_thanh() -> None:
    old, new = key("Xã Bình Thành", district="Đức Huệ"), key("Xã Bình Thành", "2025")
    assert tagged("Xã Bình Thành thu hoạch dưa hấu.") == {old: "level"}
    assert tagged("Xã Bình Thành thu hoạch dưa hấu.", AFTER) == {new: "level"}
    assert old not in {k for k, _ in G.places[new].predecessors}
    assert [k for k, _ in G.places[old].successors] == [key("Xã Đức Huệ", "2025")]


def test_long_an_ward_commune_and_province() -> None:
    ward, commune = key("Phường Long An", "2025"), key("Xã Long An", district="Cần Giuộc")
    assert tagged("Tỉnh Long An có 15 huyện. Báo Long An đưa tin.") == {}
    assert tagged("Long An province exports rice.") == {}
    assert tagged("Người dân xã Long An, huyện Cần Giuộc.") == {
        commune: "level",
        key("Huyện Cần Giuộc"): "level",
    }
    assert tagged("UBND phường Long An họp dân.", AFTER) == {ward: "level"}
    assert tagged("Long An Ward opened a service centre.", AFTER) == {ward: "level"}
    assert commune not in {k for k, _ in G.places[ward].predecessors}


def test_common_words_and_peoples_names_are_not_units() -> None:
    assert tagged("Ông Nguyễn Đức Hòa phát biểu.") == {}
    assert tagged("Vấn đề xã hội và an sinh.") == {}
    assert tagged("Mr. Duc Hoa spoke.") == {}
    river = tagged("Sông Thủ Thừa đục ngầu phù sa.")
    assert river == {key("Huyện Thủ Thừa"): "sub"}
    assert (
        places.tag("Sông Thủ Thừa đục ngầu.", published_at=BEFORE)[key("Huyện Thủ Thừa")].confidence
        < places.HIGH
    )


def test_a_name_inside_another_name_is_a_low_confidence_mention() -> None:
    ben_luc = key("Huyện Bến Lức")
    assert tagged("Cầu Bến Lức mới thông xe.") == {ben_luc: "sub"}
    assert tagged("The Ben Luc bridge opened.") == {ben_luc: "sub"}
    assert tagged("Bệnh viện Đa khoa Cần Giuộc tiếp nhận bệnh nhân.") == {key("Huyện Cần Giuộc"): "sub"}
    assert tagged("KCN Đức Hòa thu hút vốn.") == {key("Huyện Đức Hòa"): "sub"}
    # Named otherwise too: the article is about it.
    both = places.tag("Cầu Bến Lức nằm ở huyện Bến Lức.", published_at=BEFORE)[ben_luc]
    assert (both.method, both.mentions) == ("level", 2) and both.confidence >= places.HIGH


def test_nfd_text_is_tagged_as_nfc() -> None:
    text = "Các xã Mỹ Yên, Long Hiệp và Phước Lợi thuộc huyện Bến Lức."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert (
        tagged(nfd)
        == tagged(text)
        == {
            key("Xã Mỹ Yên"): "level",
            key("Xã Long Hiệp"): "level",
            key("Xã Phước Lợi"): "level",
            key("Huyện Bến Lức"): "level",
        }
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Farmers in Can Giuoc district harvest rice.", [("Huyện Cần Giuộc", "2024")]),
        ("Ward 5, Tan An city", [("Phường 5", "2024"), ("Thành phố Tân An", "2024")]),
        ("Phuoc Vinh Tay commune held a festival.", [("Xã Phước Vĩnh Tây", "2024")]),
        ("Can Duoc and Can Giuoc districts", [("Huyện Cần Đước", "2024"), ("Huyện Cần Giuộc", "2024")]),
        ("Kien Tuong town and Ben Luc town", [("Thị xã Kiến Tường", "2024"), ("Thị trấn Bến Lức", "2024")]),
        ("Moc Hoa district's Binh Thanh commune", [("Huyện Mộc Hóa", "2024"), ("Xã Bình Thạnh", "2024")]),
    ],
)
def test_english_forms(text: str, expected: list[tuple[str, str]]) -> None:
    found = tagged(text)
    assert set(found) == {
        key(name, period, "Mộc Hóa" if name == "Xã Bình Thạnh" else None) for name, period in expected
    }


def test_numbered_wards_need_tan_an_or_kien_tuong() -> None:
    assert tagged("Phường 5, Quận 3, TP Hồ Chí Minh") == {}
    assert tagged("Người dân phường 3 vui mừng.") == {}  # which town's ward 3?
    assert tagged("Phường 3, TX.Kiến Tường") == {
        key("Phường 3", district="Kiến Tường"): "level",
        key("Thị xã Kiến Tường"): "level",
    }


def test_units_abolished_before_december_2024_are_not_mis_tagged() -> None:
    # Phường 2 of Tân An and Xã Tân Hòa of Bến Lức were merged away before the gazetteer starts.
    assert tagged("Phường 2, TP Tân An") == {key("Thành phố Tân An"): "level"}
    assert tagged("Xã Tân Hòa, huyện Bến Lức") == {key("Huyện Bến Lức"): "level"}


def test_same_name_units_of_other_provinces_are_not_long_an_units() -> None:
    assert tagged("Xã Tân Phú, huyện Đồng Phú, tỉnh Bình Phước") == {}
    assert tagged("Huyện Châu Thành, tỉnh Tiền Giang") == {}
    assert tagged("Huyện Châu Thành trồng chanh.") == {key("Huyện Châu Thành"): "level"}
    assert tagged("Nông dân Châu Thành trồng chanh.") == {}  # bare: every Mekong province has one


def test_lists_carry_the_level_word() -> None:
    found = tagged("Lũ ảnh hưởng các xã Long Hựu Đông, Long Hựu Tây và Phước Vân.")
    assert set(found) == {key("Xã Long Hựu Đông"), key("Xã Long Hựu Tây"), key("Xã Phước Vân")}
    assert set(tagged("My Yen, Long Hiep and Phuoc Loi communes")) == {
        key("Xã Mỹ Yên"),
        key("Xã Long Hiệp"),
        key("Xã Phước Lợi"),
    }


def test_counts_mentions_and_undated_articles_use_the_crawl_date() -> None:
    found = places.tag(
        "Huyện Cần Giuộc", "Cần Giuộc có cảng.", "Huyện Cần Giuộc đẩy mạnh...", published_at=BEFORE
    )
    assert found[key("Huyện Cần Giuộc")].mentions == 3
    undated = places.tag("Nông dân Cần Giuộc", published_at=None, fetched_at="2026-01-05T00:00:00+00:00")
    assert set(undated) == {key("Xã Cần Giuộc", "2025")}
