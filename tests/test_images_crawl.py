"""Image capture during the crawl, over HTTP: every image the mirror serves is a WARC capture linked from its
`images` rows (media type, bytes, pixel size); the bad ones are `image` rows in crawl_errors, never a failed
article; a re-crawl fetches none again; identical bytes under a new URL are a revisit; image requests and
their redirects stay on the profile's image hosts; `--no-images` and the run budget hold."""

from __future__ import annotations

import json
import shutil
import sqlite3
from urllib.parse import unquote, urlsplit

import sqlite_utils

from newsarchive import captures
from newsarchive.imagesize import pixel_size
from newsarchive.mirror import images

from .conftest import MIRROR, newsarchive
from .test_scope import ARTICLE, VI, crawl, rows, small_site

SPECIAL = json.loads((MIRROR / "sites" / "baolongan.vn" / "_images.json").read_text("utf-8"))
SEED_IMAGE = "https://www.baolongan.vn/image/news/2022/20220413/images/ky%20ket%20giao%20uoc%20(1).jpg"


def image_rows(db) -> list[dict]:
    return list(db.query("select * from images"))


def test_every_served_image_is_captured_and_linked(db, crawled):
    reader = captures.CaptureReader(db, captures.captures_dir(crawled["db_path"]))
    served = [r for r in image_rows(db) if unquote(urlsplit(r["url"]).path) not in SPECIAL]
    assert len(served) > 250
    for row in served:
        assert row["capture_id"] is not None, row["url"]
        stored = reader.read(reader.capture(row["capture_id"]))
        assert stored.content_type == row["media_type"] and row["media_type"].startswith("image/")
        assert len(stored.body) == row["byte_size"] > 0
        size = (row["width"], row["height"])
        if row["media_type"] == "image/svg+xml":
            assert size == (None, None)
        else:
            assert (
                size == pixel_size(stored.body) == images.dimensions(unquote(urlsplit(row["url"]).path))[:2]
            )
    reader.close()
    assert {r["media_type"] for r in served} == {"image/jpeg", "image/png", "image/webp", "image/svg+xml"}


def test_bad_images_are_image_rows_never_failed_articles(db, truth):
    errors = {
        unquote(urlsplit(r["url"]).path): r
        for r in db.query("select * from crawl_errors where stage = 'image'")
    }
    kinds = {path: errors[path]["kind"] for path in SPECIAL}
    assert kinds == {
        path: {"missing": "http_404", "html": "not_image", "oversize": "too_large"}[answer]
        for path, answer in SPECIAL.items()
    }
    assert len(errors) == len(SPECIAL)  # every other image was captured
    assert "15728640" in errors[next(p for p, a in SPECIAL.items() if a == "oversize")]["reason"]
    # The articles holding them are stored like any other, their bad images without a capture.
    keys = {r["article_key"] for r in db.query("select article_key from images where capture_id is null")}
    assert len(keys) == 2 and all(db["articles"].get(k) for k in keys)
    stored = db.execute("select count(*) from articles where site = 'baolongan'").fetchone()[0]
    assert stored == sum(len(t["articles"]) for t in truth.values())


def test_identical_bytes_under_a_new_url_are_a_revisit(db):
    revisits = list(
        db.query(
            "select c.url, o.url as original, c.payload_digest = o.payload_digest as same,"
            " c.crawl_run_id != o.crawl_run_id as other_run from captures c"
            " join captures o on o.id = c.refers_to where c.record_type = 'revisit' and c.content_type like 'image/%'"
        )
    )
    assert revisits and all(r["same"] for r in revisits)
    assert any(r["url"] != r["original"] for r in revisits)
    # The same URL twice only from two editions' runs fetching a file both show at once (pairs share images).
    assert all(r["url"] != r["original"] or r["other_run"] for r in revisits)


def test_a_second_crawl_fetches_no_image_again(crawled, mirror_server, tmp_path):
    shutil.copytree(crawled["db_path"].parent, tmp_path / "copy")
    path = tmp_path / "copy" / "archive.db"
    count = "select count(*) from captures where content_type like 'image/%'"
    before = sqlite3.connect(path).execute(count).fetchone()[0]
    seen = len(mirror_server.requests)
    newsarchive("crawl", "--db", str(path), "--full", env=crawled["env"])
    assert sqlite3.connect(path).execute(count).fetchone()[0] == before
    asked = [p for _, p in mirror_server.requests[seen:] if p.startswith("/image/")]
    # Only the failed ones are asked again (a --full run retries failures); every captured image is linked.
    assert {unquote(p) for p in asked} <= set(SPECIAL)
    assert (
        sqlite3.connect(path).execute("select count(*) from images where capture_id is null").fetchone()[0]
        == 3
    )


def test_images_stay_on_image_hosts_and_redirects_off_them_are_refused(tmp_path, hostile):
    page = (VI / ARTICLE).read_text("utf-8")
    extra = "".join(
        f'<p style="text-align: center;"><img alt="" src="{src}"></p>'
        for src in (
            "https://cdn.example.org/anh.jpg",  # not an image host of Báo Long An
            "https://www.baolongan.vn/image/moved.jpg",  # redirects off the image hosts
            "/image/same-bytes.jpg",  # the seed image's bytes under another URL
        )
    )
    page = page.replace("</span><em", f"</span>{extra}<em", 1)
    hostile.answer("baolongan.vn", "/" + ARTICLE, body=page)
    hostile.redirect("baolongan.vn", "/image/moved.jpg", "https://cdn.example.org/moved.jpg")
    seed_bytes = images.image_for(unquote(urlsplit(SEED_IMAGE).path))
    assert seed_bytes is not None
    hostile.answer(
        "baolongan.vn", "/image/same-bytes.jpg", body=seed_bytes[1], headers={"Content-Type": "image/jpeg"}
    )
    small_site(hostile, "/" + ARTICLE)
    db = tmp_path / "archive.db"
    crawl(db, hostile)
    errors = {r["url"]: r for r in rows(db, "select url, stage, kind, target from crawl_errors")}
    assert errors["https://cdn.example.org/anh.jpg"]["kind"] == "offsite"
    moved = errors["https://www.baolongan.vn/image/moved.jpg"]
    assert (moved["stage"], moved["kind"], moved["target"]) == (
        "image",
        "redirect_offsite",
        "https://cdn.example.org/moved.jpg",
    )
    assert errors["https://cdn.example.org/anh.jpg"]["stage"] == "image"
    assert not hostile.requested("cdn.example.org")
    got = {r["url"]: r for r in rows(db, "select id, url, record_type, refers_to from captures")}
    # Whichever arrived first holds the bytes; the other is a revisit of it.
    pair = [got[SEED_IMAGE], got["https://baolongan.vn/image/same-bytes.jpg"]]
    assert sorted(r["record_type"] for r in pair) == ["response", "revisit"]
    (revisit,) = [r for r in pair if r["record_type"] == "revisit"]
    assert revisit["refers_to"] == next(r["id"] for r in pair if r["record_type"] == "response")
    linked = rows(
        db, "select capture_id from images where article_key = 'baolongan:vi:133682' order by position"
    )
    assert [r["capture_id"] is not None for r in linked] == [True, False, False, True]


def test_no_images_and_the_run_budget(tmp_path, hostile):
    small_site(hostile, "/" + ARTICLE, "/can-duoc-nuoi-tom-cong-nghe-cao-mang-lai-hieu-qua-a88790.html")
    text_only, budget = tmp_path / "text.db", tmp_path / "budget.db"
    crawl(text_only, hostile, "--no-images")
    assert rows(text_only, "select count(*) as n from captures where content_type like 'image/%'") == [
        {"n": 0}
    ]
    assert not [p for p in hostile.requested("baolongan.vn") if p.startswith("/image/")]
    crawl(budget, hostile, "-s", "IMAGES_MAX_RUN_BYTES=1", "-s", "CONCURRENT_REQUESTS=1")
    database = sqlite_utils.Database(budget)
    assert database.execute("select count(*) from images").fetchone()[0] >= 2
    assert database.execute("select count(*) from images where capture_id is not null").fetchone()[0] == 1
    spent = list(database.query("select kind from crawl_errors where stage = 'image'"))
    assert spent == [{"kind": "image_budget"}]


def test_image_rows_in_the_seed_article(db):
    (row,) = image_rows_of(db, "baolongan:vi:133682")
    assert row["url"] == SEED_IMAGE and row["media_type"] == "image/jpeg" and row["width"] > 0


def image_rows_of(db, key: str) -> list[dict]:
    return list(db.query("select * from images where article_key = ? order by position", [key]))
