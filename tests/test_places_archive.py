"""Places in the archive: the store tags what it writes, `tag-places` tags the rest (incremental, idempotent),
and Datasette's facets, `_place` filter, place pages and search filter answer across the 2025 reorganisation."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsarchive import article_places, places, store
from newsarchive.cli import cli

# (article id, lang, date, text) — each names units the comments say.
ARTICLES = [
    (
        1,
        "vi",
        "2022-04-01",
        "Người dân xã Long An, huyện Cần Giuộc làm đường.",
    ),  # old commune → Phước Vĩnh Tây
    (2, "vi", "2023-05-02", "Xã Phước Vĩnh Tây thu hoạch lúa."),  # the old commune of that name
    (3, "en", "2025-09-03", "Phuoc Vinh Tay commune held a festival."),  # the 2025 commune
    (4, "vi", "2024-06-04", "Phường 1, TP Tân An chỉnh trang đô thị."),  # → 2025 Phường Long An
    (5, "vi", "2023-07-05", "Xã Bình Thành, huyện Đức Huệ trồng dưa."),  # old Bình Thành → 2025 Đức Huệ
    (6, "vi", "2025-08-06", "Xã Bình Thành ra mắt."),  # the 2025 Bình Thành (not the old one's successor)
    (7, "vi", "2022-09-07", "Cầu Bến Lức thông xe."),  # a bridge's name only: low confidence, not counted
]
KEY = {i: f"baolongan:{lang}:{i}" for i, lang, _, _ in ARTICLES}


def record(article_id: int, lang: str, date: str, text: str) -> dict:
    return {
        "site": "baolongan",
        "lang": lang,
        "article_id": str(article_id),
        "url": f"https://{'news.' if lang == 'en' else ''}baolongan.vn/bai-a{article_id}.html",
        "title": text,
        "body_text": "Nội dung.",
        "authors": [],
        "sources": [],
        "published_at": f"{date}T09:00:00+07:00",
    }


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "archive.db"
    db = store.open_db(path)
    for article in ARTICLES:
        store.upsert_article(db, record(*article), None)
    db.close()
    return path


def place_rows(db) -> list[tuple]:
    return [
        tuple(r)
        for r in db.execute(
            "select article_key, place_key, method, mentions, confidence from article_places order by 1, 2"
        ).fetchall()
    ] + [tuple(r) for r in db.execute("select * from article_areas order by 1, 2, 3").fetchall()]


def test_the_store_tags_every_article_it_writes(archive):
    db = store.open_db(archive)
    tags = {
        (r[0], r[1]): r[2] for r in db.execute("select article_key, place_key, method from article_places")
    }
    assert tags[(KEY[1], "2024-28198")] == "level" and tags[(KEY[1], "2024-807")] == "level"
    assert tags[(KEY[3], "2025-28201")] == "level"
    assert tags[(KEY[7], "2024-803")] == "sub"
    areas = {
        (r[0], r[1], r[2]): r[3]
        for r in db.execute("select scheme, place_key, article_key, via from article_areas")
    }
    assert areas[("unit_2025", "2025-28201", KEY[1])] == "successor"  # xã Long An went whole into it
    assert areas[("district", "2024-807", KEY[3])] == "former"
    assert not [a for a in areas if a[2] == KEY[7]]  # low confidence: in article_places only
    assert article_places.pending(db) == 0
    # An edited article is re-tagged with its new text.
    store.upsert_article(db, record(2, "vi", "2023-05-02", "Xã Mỹ Yên thu hoạch lúa."), None)
    assert [
        r[0] for r in db.execute("select place_key from article_places where article_key = ?", [KEY[2]])
    ] == ["2024-28018"]
    db.close()


def test_tag_places_tags_older_archives_once(archive):
    db = store.open_db(archive)
    written = place_rows(db)
    # An archive tagged before, or by another tagger version: every article is pending.
    db.execute("delete from article_places")
    db.execute("delete from article_areas")
    db.execute("update places_tagged set tagger = 'places-0'")
    db.conn.commit()
    assert article_places.pending(db) == len(ARTICLES)
    assert list(article_places.tag_pending(db, batch=3)) == [3, 6, 7]
    assert place_rows(db) == written
    assert list(article_places.tag_pending(db)) == []  # idempotent: nothing left
    db.close()


def newsarchive_cli(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_migration_adds_the_place_tables_to_an_archive_without_them(archive):
    db = store.open_db(archive)
    written = place_rows(db)
    for table in ("article_areas", "article_places", "places_tagged", "place_links", "places"):
        db.execute(f"drop table {table}")
    db.execute("delete from _sqlite_migrations where name = 'm010_places'")
    db.conn.commit()
    db.close()
    assert store.pending_migrations(store.open_readonly(archive)) == ["m010_places"]
    result = newsarchive_cli("tag-places", "--db", str(archive))
    assert result.exit_code == 0, result.output
    assert "Tagged 7 articles" in result.output
    db = store.open_db(archive)
    assert place_rows(db) == written
    assert db.execute("select count(*) from places").fetchone()[0] == 261
    db.close()
    again = newsarchive_cli("tag-places", "--db", str(archive))
    assert "Tagged 0 articles" in again.output


@pytest.fixture
def places_get(archive, client_for):
    return client_for(archive)


def keys(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {row["key"] for row in response.json()}


def test_a_2025_unit_returns_the_articles_of_the_units_it_was_formed_from(places_get):
    # Phước Vĩnh Tây (2025) was formed from xã Long An, xã Long Phụng and the old xã Phước Vĩnh Tây.
    assert keys(places_get("/archive/articles.json", params={"_shape": "array", "_place": "2025-28201"})) == {
        KEY[1],
        KEY[2],
        KEY[3],
    }
    # The 2025 Bình Thành does not contain the old Bình Thành, which went to the 2025 Đức Huệ.
    assert keys(places_get("/archive/articles.json", params={"_shape": "array", "_place": "2025-27868"})) == {
        KEY[6]
    }
    assert keys(places_get("/archive/articles.json", params={"_shape": "array", "_place": "2025-27925"})) == {
        KEY[5]
    }
    assert keys(places_get("/archive/articles.json", params={"_shape": "array", "_place": "2025-27694"})) == {
        KEY[4]
    }
    # An old commune: its own articles; a district: its communes' and the 2025 units on its territory.
    assert keys(places_get("/archive/articles.json", params={"_shape": "array", "_place": "2024-28198"})) == {
        KEY[1]
    }
    assert keys(places_get("/archive/articles.json", params={"_shape": "array", "_place": "2024-807"})) == {
        KEY[1],
        KEY[2],
        KEY[3],
    }
    assert (
        keys(places_get("/archive/articles.json", params={"_shape": "array", "_place": "2024-803"})) == set()
    )  # the bridge only
    assert keys(places_get("/archive/articles.json", params={"_shape": "array", "_place": "2099-1"})) == set()


def test_facets_by_district_and_by_2025_unit_count_articles(places_get):
    data = places_get("/archive/articles.json").json()["facet_results"]
    district = {v["label"]: v["count"] for v in data["district"]["results"]}
    assert district == {"Huyện Cần Giuộc": 3, "Thành phố Tân An": 1, "Huyện Đức Huệ": 2, "Huyện Thạnh Hóa": 1}
    unit = {v["label"]: v["count"] for v in data["unit_2025"]["results"]}
    assert unit == {"Xã Phước Vĩnh Tây": 3, "Phường Long An": 1, "Xã Đức Huệ": 1, "Xã Bình Thành": 1}
    # Counted over the page's filter, and a value toggles the place filter.
    filtered = places_get("/archive/articles.json", params={"lang": "en"}).json()["facet_results"]
    assert {v["label"]: v["count"] for v in filtered["unit_2025"]["results"]} == {"Xã Phước Vĩnh Tây": 1}
    first = data["unit_2025"]["results"][0]
    assert first["value"] == "2025-28201" and "_place=2025-28201" in first["toggle_url"]


def test_place_pages_show_successors_and_predecessors(places_get):
    old = places_get("/place/2024-28198")
    assert old.status_code == 200
    assert "Xã Phước Vĩnh Tây" in old.text and "Huyện Cần Giuộc" in old.text
    new = places_get("/place/2025-28201", params={"hl": "en"})
    assert "Formed from" in new.text and "Xã Long Phụng" in new.text and "Articles (3)" in new.text
    split = places_get("/place/2024-27772")  # Thái Bình Trung went to three units, two of them in part
    assert split.text.count("(một phần)") == 3
    listing = places_get("/places")
    assert listing.status_code == 200 and "Huyện Cần Giuộc" in listing.text and "2025" in listing.text
    assert places_get("/place/2024-99999").status_code == 404


def test_search_filters_by_place_both_ways(places_get):
    answer = places_get("/search.json", params={"q": "xa", "place": "2025-28201"}).json()
    assert {r["key"] for r in answer["results"]} == {KEY[1], KEY[2]}  # "xã" in the Vietnamese ones
    assert [p["key"] for p in answer["place"]["predecessors"]] == ["2024-28192", "2024-28198", "2024-28201"]
    old = places_get("/search.json", params={"q": "xa", "place": "2024-28198"}).json()
    assert {r["key"] for r in old["results"]} == {KEY[1]}
    assert old["place"]["successors"] == [
        {
            "key": "2025-28201",
            "name": "Xã Phước Vĩnh Tây",
            "level": "commune",
            "period": "2025",
            "partial": False,
        }
    ]


def test_every_2024_commune_successor_link_is_in_the_archive(archive):
    db = store.open_db(archive)
    links = {(r[0], r[1]): r[2] for r in db.execute("select old_key, new_key, partial from place_links")}
    gaz = places.gazetteer()
    assert len(links) == sum(len(p.successors) for p in gaz.places.values())
    assert links[("2024-27772", "2025-27775")] == 1
    db.close()


def test_place_memory_counts_what_sql_counts(archive):
    import sqlite3

    from newsarchive import place_memory

    conn = sqlite3.connect(archive)
    memory = place_memory.read(conn)
    for where in ("lang = 'vi'", "published_at >= '2025-01-01'", "1"):
        rowids = [r for (r,) in conn.execute(f"select rowid from articles where {where}")]
        expected = {
            (scheme, key): n
            for scheme, key, n in conn.execute(
                "select scheme, place_key, count(*) from article_areas where article_key in"
                f" (select key from articles where {where}) group by 1, 2"
            )
        }
        assert memory.counts(rowids) == expected, where
    conn.close()


def test_place_facets_of_a_search_count_its_hits(places_get):
    # The search box alone (its hits taken from the page's one match) and with another filter (by SQL);
    # "xa" is in articles 1, 2, 5 and 6 ("xã"), and article 1 is older than 2023.
    alone = places_get("/archive/articles.json", params={"_search": "xa"}).json()
    assert {v["label"]: v["count"] for v in alone["facet_results"]["unit_2025"]["results"]} == {
        "Xã Phước Vĩnh Tây": 2,
        "Xã Đức Huệ": 1,
        "Xã Bình Thành": 1,
    }
    both = places_get("/archive/articles.json", params={"_search": "xa", "published_at__gte": "2023"}).json()
    assert {v["label"]: v["count"] for v in both["facet_results"]["unit_2025"]["results"]} == {
        "Xã Phước Vĩnh Tây": 1,
        "Xã Đức Huệ": 1,
        "Xã Bình Thành": 1,
    }
