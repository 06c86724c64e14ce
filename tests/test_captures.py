"""WARC captures of the mirror crawl: readable by warcio alone, deduplicated, and enough to rebuild the archive."""

from __future__ import annotations

import base64
import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from newsarchive import store
from newsarchive.captures import CaptureWriter, Exchange

from .conftest import newsarchive

# What a reparse must give back exactly; first_seen_at / last_changed_at are when a row was (re)made.
REBUILT_COLUMNS = [c for c in store.ARTICLE_COLUMNS if c not in ("first_seen_at", "last_changed_at")]
REBUILT_COLUMNS += ["capture_id"]


def copy_archive(src_db: Path, dest_dir: Path) -> Path:
    """A private copy of the crawled archive (database and captures/), so tests can change it."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / "archive.db"
    source, target = sqlite3.connect(src_db), sqlite3.connect(dest)
    source.backup(target)
    source.close()
    target.close()
    shutil.copytree(src_db.parent / "captures", dest_dir / "captures")
    return dest


def snapshot(db_path: Path) -> tuple[list[tuple], list[tuple]]:
    db = sqlite_utils.Database(db_path)
    articles = [
        tuple(r.values()) for r in db.query(f"select {', '.join(REBUILT_COLUMNS)} from articles order by key")
    ]
    images = [tuple(r.values()) for r in db.query("select * from images order by article_key, position")]
    db.close()
    return articles, images


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


@pytest.fixture(scope="module")
def warc_records(crawled) -> dict[tuple[str, int], dict]:
    """Every record of every WARC file, read with warcio alone: (file, offset) -> what a reader sees."""
    records = {}
    for path in sorted((crawled["db_path"].parent / "captures").glob("*.warc.gz")):
        with path.open("rb") as stream:
            iterator = ArchiveIterator(stream)
            for position, record in enumerate(iterator):
                payload = record.raw_stream.read()
                records[(path.name, iterator.get_record_offset())] = {
                    "position": position,
                    "type": record.rec_type,
                    "uri": record.rec_headers.get_header("WARC-Target-URI"),
                    "id": record.rec_headers.get_header("WARC-Record-ID"),
                    "digest": record.rec_headers.get_header("WARC-Payload-Digest"),
                    "sha1": sha1_b32(payload),
                    "length": iterator.get_record_length(),
                    "payload": payload,
                    "status": record.http_headers.get_statuscode() if record.http_headers else None,
                }
    return records


def test_every_file_starts_with_warcinfo(db, warc_records):
    files = {name for name, _ in warc_records}
    runs = db.execute("select count(*) from crawl_runs").fetchone()[0]
    assert len(files) == runs >= 2  # one per spider run (other tests may re-crawl this archive)
    for (_name, _offset), record in warc_records.items():
        if record["position"] == 0:
            assert record["type"] == "warcinfo"
            assert b"software: newsarchive/" in record["payload"]
            assert b"crawl-run: " in record["payload"]


def test_every_article_capture_found_at_its_offset(db, warc_records):
    rows = list(
        db.query(
            "select a.key, a.url as article_url, c.* from articles a join captures c on c.id = a.capture_id"
        )
    )
    assert len(rows) == db.table("articles").count > 0
    for row in rows:
        record = warc_records[(row["warc_file"], row["warc_offset"])]
        assert record["length"] == row["warc_length"]
        assert record["id"] == row["warc_record_id"]
        assert record["uri"] == row["url"] == row["article_url"]
        assert record["type"] == "response" and record["status"] == "200"
        assert record["digest"] == record["sha1"] == row["payload_digest"]


def test_every_capture_row_matches_its_record(db, warc_records):
    for row in db.query("select * from captures"):
        record = warc_records[(row["warc_file"], row["warc_offset"])]
        assert (record["type"], record["uri"], record["digest"]) == (
            row["record_type"],
            row["url"],
            row["payload_digest"],
        )
        if row["record_type"] == "response":
            assert record["sha1"] == row["payload_digest"]
        else:
            assert record["payload"] == b""
            original = db.table("captures").get(row["refers_to"])
            assert original["payload_digest"] == row["payload_digest"]
            assert original["record_type"] == "response"


def test_error_responses_and_real_urls_recorded(db, truth):
    statuses = {r["url"]: r["http_status"] for r in db.query("select url, http_status from captures")}
    for slug in truth:
        for error in truth[slug]["errors"]:
            if error["kind"].startswith("http_"):
                assert statuses.get(error["url"]) == int(error["kind"][5:]), error
            else:  # pages that are not articles were still fetched and kept
                assert statuses.get(error["url"]) == 200, error
    assert 404 in statuses.values() and 500 in statuses.values()
    assert all(url.startswith("https://") and "127.0.0.1" not in url for url in statuses)
    robots = [r["url"] for r in db.query("select url from captures where url like '%/robots.txt'")]
    # each edition's, and the image host's (asked by each spider before its images)
    assert sorted(robots) == [
        "https://baolongan.vn/robots.txt",
        "https://news.baolongan.vn/robots.txt",
        "https://www.baolongan.vn/robots.txt",
        "https://www.baolongan.vn/robots.txt",
    ]


def test_capture_command_prints_the_stored_response(crawled):
    env = crawled["env"]
    done = newsarchive("capture", "baolongan:vi:133682", "--db", str(crawled["db_path"]), env=env)
    head, _, body = done.stdout.partition("\n\n")  # text mode turned CRLF into LF
    assert head.startswith("HTTP/1.1 200 OK")
    assert "Content-Type: text/html" in head
    assert "Cần Đước đẩy mạnh phong trào thi đua" in body
    missing = newsarchive("capture", "baolongan:vi:1", "--db", str(crawled["db_path"]), check=False)
    assert missing.returncode == 1 and "no article with key 'baolongan:vi:1'" in missing.stderr


def test_reparse_rebuilds_identical_rows(crawled, tmp_path):
    db_path = copy_archive(crawled["db_path"], tmp_path)
    before = snapshot(db_path)
    unchanged = newsarchive("reparse", "--db", str(db_path), "--quiet")
    assert (
        f"0 articles changed (0 new, 0 updated), 0 refreshed without content change, {len(before[0])} unchanged"
        in unchanged.stdout
    )
    db = sqlite_utils.Database(db_path)
    with db.conn:
        db.execute("delete from images")
        db.execute("delete from articles")
    db.close()
    rebuilt = newsarchive("reparse", "--db", str(db_path))
    assert f"{len(before[0])} articles changed ({len(before[0])} new, 0 updated)" in rebuilt.stdout
    assert "reparse: 100%" in rebuilt.stderr  # progress
    assert snapshot(db_path) == before
    later = newsarchive("reparse", "--db", str(db_path), "--since", "2999-01-01", "--quiet")
    assert later.stdout.startswith("0 captures:")


def test_reparse_reports_truncated_file_and_continues(crawled, tmp_path):
    db_path = copy_archive(crawled["db_path"], tmp_path)
    db = sqlite_utils.Database(db_path)
    per_file = {
        r["warc_file"]: r["n"]
        for r in db.query(
            "select c.warc_file, count(*) as n from articles a join captures c on c.id = a.capture_id group by 1"
        )
    }
    db.close()
    broken, intact = sorted(per_file)
    path = db_path.parent / "captures" / broken
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    done = newsarchive("reparse", "--db", str(db_path), "--quiet", check=False)
    assert done.returncode == 1
    assert f"unreadable: {broken}:" in done.stderr and intact not in done.stderr
    unchanged = int(done.stdout.split(" refreshed without content change, ")[1].split(" unchanged")[0])
    assert per_file[intact] <= unchanged < per_file[intact] + per_file[broken]


def test_recrawl_of_unchanged_pages_writes_revisits(crawled, tmp_path):
    db_path = copy_archive(crawled["db_path"], tmp_path)
    first_files = {p.name: p.stat().st_size for p in (tmp_path / "captures").glob("*.warc.gz")}
    newsarchive("crawl", "--full", "--db", str(db_path), env=crawled["env"])  # re-fetch every page
    db = sqlite_utils.Database(db_path)
    second_run = [r["id"] for r in db.query("select id from crawl_runs order by id")][2:]
    rows = list(
        db.query(
            f"select * from captures where crawl_run_id in ({', '.join('?' * len(second_run))})", second_run
        )
    )
    assert len(rows) > 200
    assert {r["record_type"] for r in rows} == {"revisit"}
    first_ids = {
        r["id"] for r in db.query("select id from captures where crawl_run_id not in (?, ?)", second_run)
    }
    assert all(r["refers_to"] in first_ids for r in rows)
    # Articles now point at the revisits, which still read back to the full page.
    linked = {r["capture_id"] for r in db.query("select capture_id from articles")}
    assert linked <= {r["id"] for r in rows}
    db.close()
    new_files = [p for p in (tmp_path / "captures").glob("*.warc.gz") if p.name not in first_files]
    assert len(new_files) == 2
    assert sum(p.stat().st_size for p in new_files) < sum(first_files.values()) / 3
    page = newsarchive("capture", "baolongan:vi:133682", "--db", str(db_path))
    assert "Cần Đước đẩy mạnh phong trào thi đua" in page.stdout


def test_writer_rotates_files_by_size(tmp_path):
    db = store.open_db(tmp_path / "archive.db")
    writer = CaptureWriter(db, tmp_path / "captures", "test", None, {"note": "rotation"}, max_bytes=2000)
    for i in range(6):
        body = f"<html><body>page {i}</body></html>".encode() + random.Random(i).randbytes(3000)
        writer.write(
            Exchange(
                url=f"https://baolongan.vn/p-a{i}.html",
                method="GET",
                request_headers=[("Host", "baolongan.vn")],
                request_body=b"",
                status=200,
                response_headers=[("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
                body=body,
            )
        )
    writer.close()
    files = sorted((tmp_path / "captures").glob("*.warc.gz"))
    assert len(files) == 6
    for path in files:
        with path.open("rb") as stream:
            types = [
                (r.rec_type, r.http_headers and r.http_headers.get_header("Transfer-Encoding"))
                for r in ArchiveIterator(stream)
            ]
        assert types == [("warcinfo", None), ("response", None), ("request", None)]
    db.close()


def test_writers_sharing_a_directory_never_share_a_file(tmp_path):
    db = store.open_db(tmp_path / "archive.db")
    exchange = Exchange(
        "https://baolongan.vn/", "GET", [], b"", 200, [("Content-Type", "text/html")], b"<html>"
    )
    names = []
    for _ in range(2):  # same spider name and run id, within the same second
        writer = CaptureWriter(db, tmp_path / "captures", "same", None)
        capture_id = writer.write(exchange)
        names.append(db.table("captures").get(capture_id)["warc_file"])
        writer.close()
    assert len(set(names)) == 2
    assert [db.table("captures").get(i)["record_type"] for i in (1, 2)] == ["response", "revisit"]
    db.close()
