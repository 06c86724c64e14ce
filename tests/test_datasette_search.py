"""The article table's own search filter: both query plans give the same page, one-column search, errors, and
results that follow the archive as it changes — through Datasette's test client over a crawled archive."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from newsarchive import datasette_search

SEED_KEY = "baolongan:vi:133682"
FACETS = ("site", "lang", "category", "person", "year")


def page(get, **params) -> dict:
    response = get("/archive/articles.json", params={"_size": "max", **params})
    assert response.status_code == 200, response.text
    return response.json()


def summary(data: dict) -> tuple:
    """What a reader sees of a result page: the rows in order, the count and every facet's counts."""
    facets = {
        name: [(f["value"], f["count"]) for f in data["facet_results"][name]["results"]] for name in FACETS
    }
    return [row[0] for row in data["rows"]], data["filtered_table_rows_count"], facets


@pytest.mark.parametrize(
    "params",
    [
        {"_search": "can duoc"},
        {"_search": "thi dua", "lang": "vi"},
        {"_search": "Long An", "_sort": "category"},
        {"_search": '"Cần Đước" OR "Bến Lức"', "published_at__gte": "2020-01-01"},
        {"_search": "Cần Đước", "_facet": "lang"},
    ],
)
def test_index_scan_and_rowid_lookups_give_the_same_page(get, monkeypatch, params):
    monkeypatch.setattr(datasette_search, "BROAD_SHARE", 0.0)  # every search counts as broad
    scanned = page(get, **params)
    monkeypatch.setattr(datasette_search, "BROAD_SHARE", 2.0)  # no search does
    looked_up = page(get, **params)
    assert "+rowid in (" in scanned["query"]["sql"]
    assert "+rowid" not in looked_up["query"]["sql"] and "rowid in (" in looked_up["query"]["sql"]
    assert scanned["filtered_table_rows_count"] > 0
    assert summary(scanned) == summary(looked_up)
    # The facets count the rows the search returns.
    langs = Counter(row[scanned["columns"].index("lang")] for row in scanned["rows"])
    assert dict(summary(scanned)[2]["lang"]) == dict(langs)


@pytest.mark.parametrize("params", [{"_sort": "title"}, {"_facet": "subcategory"}, {"image_count__gte": "0"}])
def test_columns_without_an_index_keep_rowid_lookups(get, monkeypatch, params):
    # Scanning `+rowid in (…)` with nothing to walk but the wide table would read all of it.
    monkeypatch.setattr(datasette_search, "BROAD_SHARE", 0.0)
    data = page(get, _search="can duoc", **params)
    assert "+rowid" not in data["query"]["sql"]
    assert data["filtered_table_rows_count"] > 0


def test_search_one_column(get, db):
    seed = db["articles"].get(SEED_KEY)
    title_words = seed["title"].split()[:3]
    body_only = next(
        " ".join(words[i : i + 3])
        for words in [seed["body_text"].split()]
        for i in range(len(words) - 3)
        if " ".join(words[i : i + 3]).lower() not in seed["title"].lower()
        and all(w.isalpha() for w in words[i : i + 3])
    )

    def keys(**params) -> set[str]:
        return {row["key"] for row in page(get, _shape="array", **params)}

    assert SEED_KEY in keys(_search_title=" ".join(title_words))
    assert SEED_KEY in keys(_search=body_only)
    assert SEED_KEY not in keys(_search_title=body_only)
    assert SEED_KEY in keys(_search_body_text=body_only)
    assert get("/archive/articles.json", params={"_search_url": "x"}).status_code == 400


def test_invalid_raw_search_is_a_clear_error(get):
    response = get("/archive/articles.json", params={"_search": '"unterminated', "_searchmode": "raw"})
    assert response.status_code == 400
    assert "Invalid search" in response.text and "unterminated" in response.text


def test_search_box_and_description_on_the_table_page(get):
    html = get("/archive/articles", params={"_search": "can duoc"}).text
    assert 'id="_search"' in html and 'value="can duoc"' in html
    assert "search matches" in html


def test_results_follow_changes_to_the_archive(scratch_db, client_for, get):
    crawled_get, get = get, client_for(scratch_db)
    assert page(get, _search="quokkaville")["filtered_table_rows_count"] == 0
    assert page(get, _search="can duoc")["filtered_table_rows_count"] > 0  # another entry in the memo
    conn = sqlite3.connect(scratch_db)
    with conn:
        conn.execute("update articles set title = title || ' Quokkaville' where key = ?", [SEED_KEY])
        conn.execute(
            "delete from articles where key != ? and rowid in (select rowid from articles limit 3)",
            [SEED_KEY],
        )
    conn.close()
    found = page(get, _search="quokkaville", _shape="array")
    assert [row["key"] for row in found] == [SEED_KEY]
    # The count right after the change agrees with the rows, for a search asked before the change too.
    data = page(get, _search="can duoc")
    assert data["filtered_table_rows_count"] == len(data["rows"])
    # The shared hits are kept per database file: the untouched archive has no Quokkaville.
    sql = """select count(*) as n from json_each(article_hits('"quokkaville"'))"""
    for client, expected in ((get, 1), (crawled_get, 0)):
        response = client("/archive.json", params={"sql": sql, "_shape": "array"})
        assert response.json() == [{"n": expected}]


@pytest.mark.parametrize("params", [{}, {"_search": "can duoc"}, {"_search": "Long An", "lang": "en"}])
def test_facets_counted_together_match_one_query_each(get, params):
    # A facet on a column outside the facet index makes every facet of the page run its own query.
    together = page(get, _size="1", **params)
    apart = page(get, _size="1", _facet="subcategory", **params)
    assert "subcategory" in apart["facet_results"] and together["facet_results"]["site"]["results"]
    for name in FACETS:
        assert together["facet_results"][name]["truncated"] == apart["facet_results"][name]["truncated"]
        apart_results = [
            {**r, "toggle_url": r["toggle_url"].replace("_facet=subcategory&", "")}
            for r in apart["facet_results"][name]["results"]
        ]
        assert together["facet_results"][name]["results"] == apart_results, name


def test_facets_of_another_table_with_the_same_column_names(get):
    # crawl_runs has `site` and `lang` too, but not the articles' facet index.
    response = get("/archive/crawl_runs.json", params={"_facet": ["site", "lang"]})
    assert response.status_code == 200, response.text
    facets = response.json()["facet_results"]
    assert {f["value"] for f in facets["lang"]["results"]} == {"vi", "en"}


def test_the_index_is_matched_once_per_request_though_datasette_detects_it(get):
    """With `content="articles"` Datasette's own search filter would see the index and match again in each
    of the page's queries; the archive's filter keeps it off."""
    data = page(get, _search="can duoc")
    assert data["filtered_table_rows_count"] > 0
    assert " match " not in data["query"]["sql"] and "article_hits(" in data["query"]["sql"]
