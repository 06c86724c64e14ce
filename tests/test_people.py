"""People: one person whatever the byline's spelling, and never two people merged — the keys, the rule, the store
keeping it incrementally (equal to a rebuild), the migration, and Datasette's person pages, facet and author query
over archives written by the store (a small one built here, and the one crawled from the mirror)."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import Counter

import pytest

from newsarchive import people, store

NFD = unicodedata.normalize("NFD", "Hữu Bằng")


def record(article_id: int, authors: list[str], lang: str = "vi", sources: list[str] | None = None) -> dict:
    return {
        "site": "baolongan",
        "lang": lang,
        "article_id": str(article_id),
        "url": f"https://baolongan.vn/bai-viet-a{article_id}.html",
        "title": f"Bài {article_id}",
        "body_text": "Nội dung.",
        "authors": authors,
        "sources": sources or [],
        "published_at": f"2022-04-{article_id:02d}T09:44:00+07:00",
    }


def tables(db) -> tuple[list[dict], list[dict], list[dict]]:
    return (
        list(db.query("select * from people order by id")),
        list(db.query("select * from person_spellings order by spelling, role")),
        list(db.query("select * from article_people order by article_key, role, position")),
    )


def persons(db) -> dict[str, tuple[str, list[str], int, int]]:
    return {
        row["id"]: (row["name"], json.loads(row["spellings"]), row["articles"], row["ambiguous"])
        for row in db.query("select * from people")
    }


def test_keys_ignore_case_spacing_and_normalization_but_keep_marks():
    for typed in ("Hữu Bằng", "hữu  bằng ", " HỮU BẰNG", NFD):
        assert people.name_key(typed) == "hữu bằng"
        assert people.folded_key(typed) == "huu bang"
    assert people.folded_key("Đức Hạnh") == "duc hanh"
    assert people.is_marked("hữu bằng") and people.is_marked("đuc") and not people.is_marked("huu bang")
    assert people.name_key("Thanh Hiểu") != people.name_key("Thành Hiếu")


def test_credits_leave_out_urls_and_broken_entries():
    got = people.credits(
        {
            "authors": ["Hữu Bằng", " ", 7, NFD],
            "sources": ["TTXVN/Vietnam+", "https://www.vietnamplus.vn/x.vnp"],
        }
    )
    assert got == [("author", 0, "Hữu Bằng"), ("author", 3, "Hữu Bằng"), ("source", 0, "TTXVN/Vietnam+")]
    assert people.credits({"authors": "Hữu Bằng"}) == []  # not a list: nothing, no traceback


def test_unmarked_joins_the_one_marked_spelling_only():
    found, person_of = people.resolve("huu bang", [("Hữu Bằng", "author", 12), ("Huu Bang", "author", 7)])
    assert [(p.id, p.name, p.row()["articles"], p.ambiguous) for p in found] == [
        ("hữu bằng", "Hữu Bằng", 19, False)
    ]
    assert person_of == {"hữu bằng": "hữu bằng", "huu bang": "hữu bằng"}
    # Two marked spellings with one fold are two people; the unmarked one joins neither, flagged.
    found, person_of = people.resolve(
        "thanh hieu", [("Thanh Hiểu", "author", 1), ("Thành Hiếu", "author", 1), ("Thanh Hieu", "author", 1)]
    )
    assert {p.id: (p.name, p.ambiguous) for p in found} == {
        "thanh hiểu": ("Thanh Hiểu", False),
        "thành hiếu": ("Thành Hiếu", False),
        "thanh hieu": ("Thanh Hieu", True),
    }
    # Printed only without marks: a person of its own, named as printed (the spelling printed most).
    found, _ = people.resolve("kim ngan", [("Kim Ngan", "author", 1), ("KIM NGAN", "author", 2)])
    assert [(p.id, p.name, p.ambiguous) for p in found] == [("kim ngan", "KIM NGAN", False)]
    # A credited source counts apart from bylines.
    found, _ = people.resolve("vna", [("VNA", "source", 4), ("VNA", "author", 1)])
    assert [(p.row()["as_author"], p.row()["as_source"]) for p in found] == [(1, 4)]


def test_store_keeps_people_as_a_rebuild_would(tmp_path):
    db = store.open_db(tmp_path / "archive.db")
    steps = [
        (record(1, ["Huu Bang"], "en"), {"huu bang": ("Huu Bang", ["Huu Bang"], 1, 0)}),
        (
            record(2, ["Hữu Bằng", "Kim Ngân"]),
            {
                "hữu bằng": ("Hữu Bằng", ["Hữu Bằng", "Huu Bang"], 2, 0),
                "kim ngân": ("Kim Ngân", ["Kim Ngân"], 1, 0),
            },
        ),
        # A second marked spelling of that fold: the unmarked byline can no longer be told apart.
        (
            record(3, [NFD + " "]),
            None,
        ),
        (
            record(4, ["Hữu Bảng"]),
            {
                "hữu bằng": ("Hữu Bằng", ["Hữu Bằng"], 2, 0),
                "hữu bảng": ("Hữu Bảng", ["Hữu Bảng"], 1, 0),
                "huu bang": ("Huu Bang", ["Huu Bang"], 1, 1),
                "kim ngân": ("Kim Ngân", ["Kim Ngân"], 1, 0),
            },
        ),
        # The paper corrects the byline: one marked spelling again, and the unmarked one joins it.
        (
            record(4, ["Kim Ngân"]),
            {
                "hữu bằng": ("Hữu Bằng", ["Hữu Bằng", "Huu Bang"], 3, 0),
                "kim ngân": ("Kim Ngân", ["Kim Ngân"], 2, 0),
            },
        ),
    ]
    for rec, expected in steps:
        store.upsert_article(db, rec, None)
        incremental = tables(db)
        if expected is not None:
            assert persons(db) == expected
        with db.conn:
            people.rebuild(db)
        assert tables(db) == incremental  # the store's incremental upkeep is what the whole archive gives
    assert store.upsert_article(db, record(4, ["Kim Ngân"]), None) == "unchanged"
    credited = db.execute(
        "select spelling, person_id from article_people where article_key = 'baolongan:vi:3'"
    ).fetchall()
    assert credited == [("Hữu Bằng", "hữu bằng")]  # NFD with a stray space is stored NFC, trimmed


def test_migration_fills_an_archive_written_before_it(tmp_path):
    path = tmp_path / "archive.db"
    db = store.open_db(path)
    for i, (authors, lang) in enumerate(
        [
            (["Hữu Bằng"], "vi"),
            (["Huu Bang"], "en"),
            (["Thanh Hiểu", "Kim Ngân"], "vi"),
            (["Thanh Hieu"], "en"),
        ],
        start=1,
    ):
        store.upsert_article(db, record(i, authors, lang, ["VNA"] if lang == "en" else None), None)
    written = tables(db)
    db.close()
    # As an archive of the previous release: no people tables, m006 not applied, one row broken by hand.
    conn = sqlite3.connect(path)
    with conn:
        for table in ("article_people", "person_spellings", "people"):
            conn.execute(f"drop table {table}")
        conn.execute("delete from _sqlite_migrations where name = 'm006_people'")
        conn.execute("insert into articles (key, site, lang, article_id, url, title, body_text, authors)"
                     " values ('baolongan:vi:99', 'baolongan', 'vi', '99', 'u', 't', 'b', '[null, 7]')")  # fmt: skip
    conn.close()
    assert store.pending_migrations(store.open_readonly(path)) == ["m006_people"]
    db = store.open_db(path)
    assert tables(db) == written
    assert persons(db)["hữu bằng"] == ("Hữu Bằng", ["Hữu Bằng", "Huu Bang"], 2, 0)
    assert store.pending_migrations(db) == []


@pytest.fixture
def small_get(tmp_path, client_for):
    """Datasette over an archive the store wrote: one name folding two ways, and an unmarked byline of it."""
    db = store.open_db(tmp_path / "archive.db")
    for i, (authors, lang) in enumerate(
        [
            (["Thanh Hiểu"], "vi"),
            (["Thành Hiếu"], "vi"),
            (["Thanh Hieu"], "en"),
            (["Hữu Bằng"], "vi"),
            (["Huu Bang"], "en"),
            (["Ngọc Như"], "vi"),
            (["Ngọc Nhu"], "vi"),
        ],
        start=1,
    ):
        store.upsert_article(db, record(i, authors, lang), None)
    db.close()
    return client_for(tmp_path / "archive.db")


def keys(get, author: str) -> set[str]:
    response = get("/archive/author_articles.json", params={"author": author, "_shape": "array"})
    assert response.status_code == 200, response.text
    return {row["key"] for row in response.json()}


def person_page(get, typed: str, **params) -> str:
    response = get(f"/person/{typed}", params=params)
    if response.status_code == 302:  # Datasette turns a %-encoded path into its ~-encoding
        response = get(response.headers["location"])
    assert response.status_code == 200, (typed, response.status_code)
    return response.text


def test_two_marked_spellings_of_one_fold_are_two_people(small_get):
    assert keys(small_get, "Thanh Hiểu") == {"baolongan:vi:1"}
    assert keys(small_get, "thành hiếu ") == {"baolongan:vi:2"}
    assert keys(small_get, "thanh hieu") == {"baolongan:vi:1", "baolongan:vi:2", "baolongan:en:3"}
    assert keys(small_get, "Hữu Bằng") == keys(small_get, "huu bang") == {"baolongan:vi:4", "baolongan:en:5"}
    page = person_page(small_get, "Thanh Hiểu")
    assert '<h1 class="person-name">Thanh Hiểu</h1>' in page
    assert "/article/baolongan:vi:1" in page and "/article/baolongan:vi:2" not in page
    assert "Thành Hiếu</a>" in page  # named as another person reading the same without marks
    # The unmarked byline's own page says it is joined to no one, and whom it may name.
    for typed in ("thanh hieu", "Thanh%20Hieu%20", "Thanh~20Hieu"):
        unmarked = person_page(small_get, typed)
        assert '<h1 class="person-name">Thanh Hieu</h1>' in unmarked and "không gộp" in unmarked
        assert "Thanh Hiểu</a>" in unmarked and "Thành Hiếu</a>" in unmarked
        assert "/article/baolongan:en:3" in unmarked and "/article/baolongan:vi:1" not in unmarked
    assert "joins it to none" in person_page(small_get, "thanh hieu", hl="en")
    # Typed without marks, a name of two marked people and no byline of its own: the two to choose from.
    several = person_page(small_get, "ngoc nhu")
    assert several.count('class="person"') == 2 and "Nhiều người có tên này" in several
    listing = small_get("/people").text
    assert listing.count('class="person"') == 6  # Hữu Bằng once: its unmarked byline joined it
    facet = small_get("/archive/articles.json").json()["facet_results"]["person"]["results"]
    assert {f["label"]: f["count"] for f in facet} == {
        "Hữu Bằng": 2,
        "Thanh Hiểu": 1,
        "Thành Hiếu": 1,
        "Thanh Hieu": 1,
        "Ngọc Như": 1,
        "Ngọc Nhu": 1,
    }


def test_person_facet_is_counted_in_the_column_facets_query(tmp_path, loop):
    from newsarchive.datasette_app import make_datasette

    db = store.open_db(tmp_path / "archive.db")
    for i, (authors, lang) in enumerate(
        [(["Hữu Bằng"], "vi"), (["Huu Bang"], "en"), (["Kim Ngân"], "vi")], 1
    ):
        store.upsert_article(db, record(i, authors, lang), None)
    db.close()
    ds = make_datasette(tmp_path / "archive.db")
    loop.run_until_complete(ds.invoke_startup())
    grouped: list[str] = []
    execute = ds.execute

    async def counting(database, sql, *args, **kwargs):
        if "group by" in sql and "article_areas" not in sql:  # the place facets count a table of their own
            grouped.append(sql)
        return await execute(database, sql, *args, **kwargs)

    ds.execute = counting
    for params in ({}, {"lang": "vi"}, {"_search": "nội dung"}):
        grouped.clear()
        data = loop.run_until_complete(ds.client.get("/archive/articles.json", params=params)).json()
        assert len(grouped) == 1 and "first_author" in grouped[0], params  # one query for every facet
        assert data["facet_results"]["person"]["results"][0] == {
            **data["facet_results"]["person"]["results"][0],
            "label": "Hữu Bằng",
            "count": 2 if params.get("lang") != "vi" else 1,
        }


def test_person_pages_speak_vietnamese_by_default(small_get):
    vi = person_page(small_get, "Hữu Bằng")
    en = person_page(small_get, "Hữu Bằng", hl="en")
    assert "Cách viết tên" in vi and "Spellings" not in vi
    assert "Spellings" in en and "Cách viết tên" not in en
    assert "Tác giả và nguồn tin" in small_get("/people").text
    assert "Authors and sources" in small_get("/people", params={"hl": "en"}).text
    assert small_get("/person/Nobody").status_code == 404


def test_article_page_links_each_credited_name_to_its_person(small_get):
    page = small_get("/article/baolongan:en:5").text  # bylined "Huu Bang"
    block = page.split('<p class="article-people">', 1)[1].split("</p>", 1)[0]
    link = block.split('href="', 1)[1].split('"', 1)[0]
    assert ">Huu Bang</a>" in block and "2 bài viết" in block
    assert '<h1 class="person-name">Hữu Bằng</h1>' in small_get(link).text


# The archive crawled from the mirror (end-to-end): both editions credit the same reporters, the English one
# without marks.


def truth_people(truth, first_only: bool = False) -> Counter[str]:
    """Articles per folded author name in the mirror's truth (no two marked spellings share a fold there)."""
    counted: Counter[str] = Counter()
    for edition in truth.values():
        for article in edition["articles"].values():
            names = article["authors"][:1] if first_only else article["authors"]
            counted.update({people.folded_key(name) for name in names})
    return counted


def test_person_page_joins_both_spellings(get, truth):
    expected = truth_people(truth)["huu bang"]
    bylines = {
        lang: sum(name == spelled for e in truth.values() for a in e["articles"].values() if a["lang"] == lang
                  for name in a["authors"])
        for lang, spelled in (("vi", "Hữu Bằng"), ("en", "Huu Bang"))
    }  # fmt: skip
    assert bylines["vi"] and bylines["en"] and expected == bylines["vi"] + bylines["en"]
    for typed in ("Hữu Bằng", "Huu Bang", "HUU%20BANG"):
        page = person_page(get, typed)
        assert '<h1 class="person-name">Hữu Bằng</h1>' in page, typed
        assert "Hữu Bằng</span>" in page and "Huu Bang</span>" in page
        assert f"({expected})" in page
        assert "/article/baolongan:vi:" in page and "/article/baolongan:en:" in page
    listing = get("/people").text
    assert ">Hữu Bằng</a>" in listing and ">Huu Bang</a>" not in listing


@pytest.mark.parametrize("typed", ["Hữu Bằng", "hữu bằng", "Hữu Bằng ", NFD, "huu bang", "HUU  BANG"])
def test_author_query_matches_any_case_spacing_and_form(get, truth, typed):
    every = {
        f"baolongan:{slug.split('_')[1]}:{aid}"
        for slug, edition in truth.items()
        for aid, article in edition["articles"].items()
        if any(people.folded_key(name) == "huu bang" for name in article["authors"])
    }
    assert keys(get, typed) == every


def test_person_facet_and_filter_join_spellings(get, truth):
    expected = truth_people(truth, first_only=True)  # as the author facet: first-named authors
    assert expected != truth_people(truth)  # the mirror has co-authored articles
    data = get("/archive/articles.json", params={"_facet_size": "max"}).json()
    facet = {f["value"]: f["count"] for f in data["facet_results"]["person"]["results"]}
    assert {people.folded_key(k): n for k, n in facet.items()} == dict(expected)
    assert facet["hữu bằng"] == expected["huu bang"]
    for typed in ("huu bang", "Hữu Bằng"):
        filtered = get("/archive/articles.json", params={"_person": typed}).json()
        assert filtered["filtered_table_rows_count"] == expected["huu bang"]
        [chosen] = filtered["facet_results"]["person"]["results"]
        assert (chosen["value"], chosen["count"], chosen["selected"]) == (
            "hữu bằng",
            expected["huu bang"],
            True,
        )
        assert "_person" not in chosen["toggle_url"]  # the link takes the filter off, however it was typed
    # With a search: the person's first-authored articles that print the phrase.
    from newsarchive.search import fold

    def says(article: dict, phrase: str) -> bool:
        words = r"\W+".join(phrase.split())
        return any(re.search(rf"\b{words}\b", fold(article[f] or "").lower()) for f in ("title", "lead", "body_text"))

    theirs = [
        a for e in truth.values() for a in e["articles"].values()
        if a["authors"] and people.folded_key(a["authors"][0]) == "huu bang"
    ]  # fmt: skip
    phrase = next(p for p in ("can duoc", "long an", "tinh") if 0 < sum(says(a, p) for a in theirs) < len(theirs))
    searched = get("/archive/articles.json", params={"_search": phrase, "_person": "huu bang"}).json()
    assert searched["filtered_table_rows_count"] == sum(says(a, phrase) for a in theirs)


def test_migration_on_the_crawled_archive_gives_what_the_crawl_wrote(scratch_db):
    db = store.open_db(scratch_db)
    written = tables(db)
    with db.conn:
        for table in ("article_people", "person_spellings", "people"):
            db.execute(f"drop table {table}")
        db.execute("delete from _sqlite_migrations where name = 'm006_people'")
    db.close()
    db = store.open_db(scratch_db)
    assert tables(db) == written and len(written[0]) > 20
