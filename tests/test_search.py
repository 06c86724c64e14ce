"""Folding, query building, and the FTS index kept in sync with articles (triggers, reindex, old archives)."""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest

from newsarchive import search, store

from .conftest import newsarchive

SEED_KEY = "baolongan:vi:133682"


def test_fold_strips_marks_and_d_keeps_case():
    assert search.fold("Cần Đước đẩy mạnh") == "Can Duoc day manh"
    assert search.fold(unicodedata.normalize("NFD", "Bến Lức")) == "Ben Luc"
    assert search.fold("Long An") == "Long An"


def test_folded_columns_null_when_nothing_to_fold():
    values = search.folded_columns({"title": "Cần Đước", "lead": "Long An", "body_text": None})
    assert values == {"title_folded": "Can Duoc", "lead_folded": None, "body_text_folded": None}


STORED = "{title lead body_text} : "


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("can duoc", '"can duoc"'),
        ('"phong trào thi đua"', f'({STORED}("phong trào thi đua" OR "phong trao thi dua"))'),
        (unicodedata.normalize("NFD", "cần đước"), f'({STORED}("cần đước" OR "can duoc"))'),
        ("Cần Đư*", f'({STORED}("Cần Đư"* OR "Can Du"*))'),
        ('can AND "thi dua"', '"can" AND "thi dua"'),
        ("lúa NOT (tôm OR cá)", f'({STORED}("lúa" OR "lua")) NOT ( ({STORED}("tôm" OR "tom")) OR ({STORED}("cá" OR "ca")) )'),
        ('NEAR("thi đua" khen, 5)', 'NEAR( "thi đua" "khen" , 5 )'),
        ("a-b; drop table", '"a b drop table"'),
        ("", '""'),
    ],
)
def test_match_expression(query, expression):
    assert search.match_expression(query) == expression


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("can duoc", [(["can", "duoc"], False)]),
        ('"Cần Đước" AND thi*', [(["Cần", "Đước"], False), (["thi"], True)]),
        ("lúa NOT tôm", [(["lúa"], False)]),
        ('NEAR("thi đua" khen, 5)', [(["thi", "đua"], False), (["khen"], False)]),
    ],
)
def test_phrases_to_mark(query, found):
    assert search.phrases(query) == found


def test_marked_query_finds_unmarked_print_not_the_homograph(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    rows = [
        ("s:vi:1", "vi", "Cần Đước đẩy mạnh thi đua"),
        ("s:vi:2", "vi", "Nông dân cần được hỗ trợ"),
        ("s:en:3", "en", "Can Duoc district holds a job fair"),
    ]
    for key, lang, title in rows:
        db["articles"].insert(
            {"key": key, "site": "s", "lang": lang, "article_id": key[-1], "url": f"https://x/{key}",
             "title": title, "body_text": "", **search.folded_columns({"title": title})}  # fmt: skip
        )
    # The spelling typed first, then its unmarked print, whatever bm25 says of their lengths.
    assert search.search_keys(db, "Cần Đước") == ["s:vi:1", "s:en:3"]
    assert sorted(search.search_keys(db, "can duoc")) == ["s:en:3", "s:vi:1", "s:vi:2"]
    assert sorted(search.search_keys(db, "cần được")) == ["s:en:3", "s:vi:2"]  # English can't tell them apart


def test_raw_passes_through_normalized():
    assert search.match_expression(unicodedata.normalize("NFD", "cần OR x*"), raw=True) == "cần OR x*"


def test_index_follows_plain_sqlite_writes(scratch_db):
    db = store.open_db(scratch_db)
    assert SEED_KEY in search.search_keys(db, "can duoc")
    conn = sqlite3.connect(scratch_db)
    with conn:  # a tool that knows nothing of folding: the stored text is still indexed at once
        conn.execute("update articles set title = 'Tiêu đề mới xyz' where key = ?", [SEED_KEY])
    assert SEED_KEY in search.search_keys(db, "Tiêu đề mới xyz")
    with conn:
        conn.execute("delete from images where article_key = ?", [SEED_KEY])
        conn.execute("delete from articles where key = ?", [SEED_KEY])
    assert SEED_KEY not in search.search_keys(db, "can duoc")
    assert search.search_keys(db, "Tiêu đề mới xyz") == []
    conn.close()
    where, params = search.search_where("thi dua")
    assert db.execute(f"select count(*) from articles where {where}", params).fetchone()[0] > 0


def test_reindex_rebuilds_index_and_folded_columns(scratch_db):
    conn = sqlite3.connect(scratch_db)
    with conn:
        conn.execute("update articles set title_folded = null")
        conn.execute("insert into articles_fts(articles_fts) values ('delete-all')")
    conn.close()
    db = store.open_db(scratch_db)
    assert search.search_keys(db, "can duoc") == []
    db.close()
    result = newsarchive("reindex", "--db", str(scratch_db))
    assert result.stdout.startswith("Reindexed ")
    db = store.open_db(scratch_db)
    assert SEED_KEY in search.search_keys(db, "can duoc")
    assert (
        db.execute("select title_folded from articles where key = ?", [SEED_KEY])
        .fetchone()[0]
        .startswith("Can Duoc")
    )


def test_archive_from_before_search_is_upgraded(scratch_db):
    conn = sqlite3.connect(scratch_db)
    with conn:
        conn.execute("drop table articles_fts")
        for trigger in ("ai", "ad", "au"):
            conn.execute(f"drop trigger if exists articles_fts_{trigger}")
        conn.execute("drop index if exists idx_articles_year")
        conn.execute("drop index if exists idx_articles_first_author")
        conn.execute("drop index if exists idx_articles_facets")
        for column in ("year", "first_author", "counterpart_key", *search.FOLDED_COLUMNS.values()):
            conn.execute(f"alter table articles drop column {column}")
        # As before the search release (and the facet index that came after it).
        conn.execute("delete from _sqlite_migrations where name in ('m003_search', 'm004_facet_index')")
    conn.close()
    db = store.open_db(scratch_db)
    assert SEED_KEY in search.search_keys(db, "can duoc")
    assert db.execute("select year from articles where key = ?", [SEED_KEY]).fetchone()[0] == "2022"


def test_reindex_missing_db_is_a_clear_error(tmp_path):
    result = newsarchive("reindex", "--db", str(tmp_path / "none.db"), check=False)
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_an_index_written_the_old_way_is_made_detectable(tmp_path):
    """Archives before m009 wrote `content='articles'`, which sqlite-utils and Datasette do not recognise."""
    path = tmp_path / "old.db"
    db = store.open_db(path)
    db["articles"].insert(
        {"key": "s:vi:1", "site": "s", "lang": "vi", "article_id": "1", "url": "https://x/1",
         "title": "Cần Đước", "body_text": "", **search.folded_columns({"title": "Cần Đước"})}  # fmt: skip
    )
    old_sql = db.execute("select sql from sqlite_master where name = ?", [search.FTS_TABLE]).fetchone()[0]
    for trigger in search.TRIGGERS:
        db.execute(f"drop trigger {trigger}")
    db.execute(f"drop table {search.FTS_TABLE}")
    db.execute(old_sql.replace('content="articles"', "content='articles'"))
    db.execute("delete from _sqlite_migrations where name = 'm009_search_index'")
    db.conn.commit()
    db.close()
    assert sqlite3.connect(path).execute("select 1").fetchone()  # still an archive
    assert not search.detectable(store.open_readonly(path))
    db = store.open_db(path)
    assert search.detectable(db)
    assert search.search_keys(db, "can duoc") == ["s:vi:1"]
