"""Image captures in the commands: `capture KEY --images` lists them, `export` records carry them (schema
1.1), `reparse` never takes an image record for a page and puts lost links back from the captures."""

from __future__ import annotations

import json
import shutil

import jsonschema
import sqlite_utils

from newsarchive import export, record, reparse

from .conftest import newsarchive


def test_capture_images_lists_an_articles_image_captures(crawled, db):
    done = newsarchive("capture", "baolongan:vi:133682", "--images", "--db", str(crawled["db_path"]))
    (line,) = done.stdout.splitlines()
    position, capture_id, media_type, size, pixels, url = line.split("\t")
    row = db.execute(
        "select capture_id, byte_size, width, height from images where url = ?", [url]
    ).fetchone()
    assert (position, media_type) == ("0", "image/jpeg")
    assert (int(capture_id), int(size)) == (row[0], row[1]) and pixels == f"{row[2]}x{row[3]}"
    key = db.execute("select article_key from images where capture_id is null").fetchone()[0]
    lines = newsarchive("capture", key, "--images", "--db", str(crawled["db_path"])).stdout.splitlines()
    assert any(line.split("\t")[1:5] == ["-", "-", "-", "-"] for line in lines)


def test_export_images_carry_their_capture(crawled, db):
    validator = jsonschema.Draft202012Validator(json.loads(export.schema_text()))
    out = newsarchive("export", "--db", str(crawled["db_path"]), "--lang", "vi").stdout
    records = [json.loads(line) for line in out.splitlines()]
    images = [image for r in records for image in r["images"]]
    captured = [i for i in images if "capture_id" in i]
    assert records[0]["schema_version"] == record.SCHEMA_VERSION
    assert len(captured) == len(images) - 3  # the bad three have url and caption only
    row = db.execute(
        "select capture_id, media_type, byte_size from images where url = ?", [captured[0]["url"]]
    )
    assert tuple(row.fetchone()) == (
        captured[0]["capture_id"],
        captured[0]["media_type"],
        captured[0]["bytes"],
    )
    assert all(not list(validator.iter_errors(r)) for r in records)


def test_reparse_skips_image_records_and_relinks_images(crawled, tmp_path):
    shutil.copytree(crawled["db_path"].parent, tmp_path / "copy")
    path = tmp_path / "copy" / "archive.db"
    db = sqlite_utils.Database(path)
    assert all(not (c["content_type"] or "").startswith("image/") for c in reparse.article_captures(db))
    before = list(db.query("select * from images order by article_key, position"))
    with db.conn:
        db.execute("delete from images")
        db.execute("delete from articles")
    db.close()
    newsarchive("reparse", "--db", str(path), "--quiet")
    after = list(sqlite_utils.Database(path).query("select * from images order by article_key, position"))
    assert after == before
