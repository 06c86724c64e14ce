"""What keeps a crawl's memory flat as the archive grows: article links wait as URLs (`spiders.frontier`),
and "is it archived?" is asked of the database (`plan.ArchivedUrls`), not of a set of every stored URL."""

from __future__ import annotations

from newsarchive import store
from newsarchive.plan import ArchivedUrls, make_plan
from spiders.frontier import Frontier

from .conftest import EDITIONS, newsarchive


def test_frontier_takes_each_url_once_newest_first():
    frontier = Frontier()
    for url in ("a", "b", "a", "c"):
        frontier.add(url)
    frontier.add("r", recheck=True)
    assert len(frontier) == 4
    assert frontier.take(2) == ["r", "c"]
    frontier.add("c")  # already requested in this run
    assert frontier.take(0) == [] and frontier.take(-3) == []
    assert frontier.take(10) == ["b", "a"]
    assert len(frontier) == 0 and frontier.rechecks == {"r"}


def _article(article_id: str, lang: str = "vi") -> dict:
    return {
        "site": "baolongan",
        "lang": lang,
        "article_id": article_id,
        "url": f"https://baolongan.vn/x-a{article_id}.html",
        "title": "t",
        "body_text": "b",
    }


def test_archived_urls_answer_as_of_planning(tmp_path):
    db_path = tmp_path / "archive.db"
    db = store.open_db(db_path)
    assert ArchivedUrls.open(db_path, "baolongan", "vi").conn is None  # empty archive: no lookups at all
    store.upsert_article(db, _article("1"), None)
    store.upsert_article(db, _article("2", lang="en"), None)
    plan = make_plan(db_path, "baolongan_vi", "baolongan", "vi")
    store.upsert_article(db, _article("3"), None)  # stored during the run
    store.upsert_article(db, _article("1") | {"title": "edited"}, None)  # an update keeps its row
    try:
        assert "https://baolongan.vn/x-a1.html" in plan.archived
        assert "https://baolongan.vn/x-a2.html" not in plan.archived  # the other edition
        assert "https://baolongan.vn/x-a3.html" not in plan.archived
    finally:
        plan.close()
        db.close()
    assert plan.archived.conn is None


def test_crawl_with_a_one_request_queue_stores_every_article(tmp_path, mirror_server, truth):
    """The scheduler refilled one article at a time, from callbacks and when idle: nothing is lost."""
    db_path = tmp_path / "archive.db"
    done = newsarchive(
        "crawl",
        "--db",
        str(db_path),
        "-s",
        "NEWSARCHIVE_QUEUE_TARGET=1",
        env={"NEWSARCHIVE_MIRROR_URL": mirror_server.url},
    )
    assert "baolongan_vi: completed" in done.stdout
    db = store.open_db(db_path)
    try:
        for slug in EDITIONS:
            edition = truth[slug]
            rows = db.query(
                "select article_id from articles where site = ? and lang = ?",
                [edition["site"], edition["lang"]],
            )
            assert {r["article_id"] for r in rows} == set(edition["articles"])
        # Every article page fetched once (the mirror's HTTP 500 page is retried: not a 200).
        counts = db.execute(
            "select count(*), count(distinct url) from captures where http_status = 200 and url like '%-a%.html'"
        ).fetchone()
        assert counts[0] == counts[1] >= sum(len(truth[slug]["articles"]) for slug in EDITIONS)
    finally:
        db.close()
