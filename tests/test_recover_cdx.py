"""Recover's reading of web archives, offline: both CDX formats (the Wayback Machine's array of arrays, from a
recorded answer; pywb's JSON lines), the captures chosen per article, Retry-After, the archive option, and
provenance in the store (a live fetch supersedes a recovered text only when it differs)."""

from __future__ import annotations

import json
import socket
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils

from newsarchive import recover, sites, store
from newsarchive.extract import extract_article

from .conftest import newsarchive

FIXTURES = Path(__file__).parent / "fixtures" / "recover"
SEED = "https://baolongan.vn/can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"


def test_the_wayback_machines_array_of_arrays():
    rows = recover.parse_cdx((FIXTURES / "wayback_cdx.json").read_bytes())
    assert len(rows) == 11
    first = rows[1]
    assert (first.timestamp, first.original, first.mime, first.status, first.digest, first.length) == (
        "20220415083012",
        SEED.replace("https", "http"),
        "text/html",
        200,
        "MZ3KJ6QFQHRYOZ2ZQ5JTBCN3YTZJ5WBE",
        14502,
    )
    assert first.captured_at == "2022-04-15T08:30:12+00:00"
    assert rows[3].status is None and not rows[3].html  # a revisit: status "-"


def test_pywbs_json_lines():
    lines = [
        {"urlkey": "vn,baolongan)/x-a1.html", "timestamp": "20240101000000", "url": "https://baolongan.vn/x-a1.html",
         "mime": "text/html", "status": "200", "digest": "AAAA", "length": "336", "offset": "0", "filename": "t.warc.gz"},
        {"urlkey": "vn,baolongan)/y-a2.html", "timestamp": "20240201000000", "url": "https://baolongan.vn/y-a2.html",
         "mime": "text/html", "status": "301", "digest": "BBBB", "length": "353", "offset": "674", "filename": "t.warc.gz"},
    ]  # fmt: skip
    rows = recover.parse_cdx("\n".join(json.dumps(line) for line in lines).encode() + b"\n")
    assert [(r.original, r.status, r.offset, r.length, r.filename) for r in rows] == [
        ("https://baolongan.vn/x-a1.html", 200, 0, 336, "t.warc.gz"),
        ("https://baolongan.vn/y-a2.html", 301, 674, 353, "t.warc.gz"),
    ]
    assert recover.parse_cdx(b"") == [] and recover.parse_cdx(b"[]\n") == []


@pytest.mark.parametrize("body", [b"<html>Too many requests</html>", b'{"timestamp": "x"}', b"[[1, 2], [3]]"])
def test_what_is_no_cdx_answer_is_one_clear_error(body):
    with pytest.raises(recover.CdxError):
        recover.parse_cdx(body)


def test_one_article_per_id_and_its_distinct_captures_oldest_first():
    """Scheme, www. and query variants are one article (the crawl's canonical URL); a run of identical
    captures counts once; 404, 503, redirects, revisits, images and listings are never fetched."""
    profile = sites.named("baolongan")
    assert profile is not None
    rows = recover.parse_cdx((FIXTURES / "wayback_cdx.json").read_bytes())
    by_url: dict[str, list[recover.CdxRow]] = {}
    for row in rows:
        if url := recover.article_url(profile, "baolongan.vn", row.original):
            by_url.setdefault(url, []).append(row)
    assert sorted(by_url) == [
        SEED,
        "https://baolongan.vn/tan-an-ra-quan-tong-ve-sinh-a170001.html",
        "https://baolongan.vn/thoi-su/dai-hoi-dang-bo-a172345.html",
    ]
    chosen = recover.versions(by_url[SEED], limit=10)
    assert [r.timestamp for r in chosen] == ["20220415083012", "20230102114501"]
    assert recover.versions(by_url[SEED], limit=1) == chosen[-1:]
    # Only a redirect and a 404: seen (the coverage view counts it) but held by no capture.
    assert recover.versions(by_url["https://baolongan.vn/tan-an-ra-quan-tong-ve-sinh-a170001.html"], 10) == []
    assert (
        recover.versions(by_url["https://baolongan.vn/thoi-su/dai-hoi-dang-bo-a172345.html"], 10) == []
    )  # "unk"
    assert recover.article_url(profile, "news.baolongan.vn", SEED) is None  # the other edition's


def test_capture_urls_of_each_archive():
    row = recover.CdxRow("20220415083012", SEED, "text/html", 200, "D", 14502, 1000, "crawl-data/x.warc.gz")
    wayback = recover.capture(recover.archive_for("wayback"), row)
    assert wayback.fetch_url == f"https://web.archive.org/web/20220415083012id_/{SEED}" == wayback.archive_url
    pywb = recover.capture(recover.archive_for("http://127.0.0.1:8080/longan/"), row)
    assert pywb.fetch_url == f"http://127.0.0.1:8080/longan/20220415083012id_/{SEED}"
    cc = recover.capture(recover.archive_for("commoncrawl"), row)
    assert (cc.fetch_url, cc.range) == (
        "https://data.commoncrawl.org/crawl-data/x.warc.gz",
        "bytes=1000-15501",
    )
    assert cc.archive_url.endswith("x.warc.gz#offset=1000&length=14502") and cc.source == "commoncrawl"
    query = recover.cdx_query(recover.WAYBACK_CDX, "baolongan.vn", "2024-01-01", "2024-12-31")
    assert query == f"{recover.WAYBACK_CDX}?url=baolongan.vn/*&output=json&from=20240101&to=20241231235959"
    assert "collapse" not in query


def test_retry_after_in_seconds_or_as_a_date():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert recover.retry_after(b"120") == 120.0
    assert recover.retry_after(b"Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert recover.retry_after(b"soon") is None and recover.retry_after(None) is None


def test_a_bad_archive_is_a_one_line_usage_error(tmp_path):
    done = newsarchive(
        "recover", "--archive", "ftp://example.org/x", "--db", str(tmp_path / "a.db"), check=False
    )
    assert done.returncode == 2 and "--archive takes wayback, commoncrawl or a collection's" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "a.db").exists()


def test_a_live_fetch_supersedes_a_recovered_text_only_when_it_differs(tmp_path):
    db = sqlite_utils.Database(tmp_path / "archive.db")
    store.ensure_schema(db)
    page = (
        "<html><head><title>Nông dân Đức Hòa xuống giống</title></head><body><h1 class='fw600'>Nông dân Đức Hòa"
        " xuống giống</h1><span class='pubdate'>15/04/2022 08:30</span><div class='content-fck'><p>Vụ đông xuân"
        " năm nay nông dân huyện Đức Hòa xuống giống sớm hơn mọi năm.</p><p>Ngành nông nghiệp khuyến cáo bà con"
        " theo dõi lịch thời vụ, chọn giống lúa chất lượng cao và bón phân cân đối để đạt năng suất tốt.</p>"
        "<p>Huyện dự kiến gieo sạ hơn 20 nghìn héc-ta lúa trong vụ này.</p></div></body></html>"
    )
    url = "https://baolongan.vn/nong-dan-duc-hoa-xuong-giong-a88777.html"
    record = extract_article(page, url)
    provenance = {
        "source": "wayback",
        "captured_at": "2022-04-15T08:30:12+00:00",
        "archive_url": "https://w/x",
    }
    assert store.upsert_article(db, record, None, provenance=provenance) == "new"
    assert store.upsert_article(db, record, None) == "unchanged"
    row = db.execute("select source, captured_at, archive_url from articles").fetchone()
    assert row == ("wayback", "2022-04-15T08:30:12+00:00", "https://w/x")
    edited = extract_article(page.replace("sớm hơn", "muộn hơn"), url)
    assert store.upsert_article(db, edited, None) == "updated"
    assert db.execute("select source, captured_at, archive_url from articles").fetchone() == (
        "live",
        None,
        None,
    )
    assert db.table("revisions").count == 1
    db.close()


def test_the_portals_ids_are_keyed_as_the_live_crawl_keys_them():
    profile = sites.named("longan_gov")
    assert profile is not None
    captured = "http://longan.gov.vn/lists/tintucsukien/dispform.aspx?id=620&InitialTabId=Ribbon.Read"
    want = "https://www.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?ID=620"
    assert recover.article_url(profile, "www.longan.gov.vn", captured) == want


def test_an_archive_that_never_answers_is_exit_1_and_rows(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "archive.db"
    done = newsarchive(
        "recover", "--lang", "vi", "--archive", f"http://127.0.0.1:{port}/gone", "--db", str(db), check=False
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"no index of http://127.0.0.1:{port}/gone answered (see crawl_errors)" in done.stderr
    conn = sqlite3.connect(db)
    errors = conn.execute("select url, stage, kind from crawl_errors").fetchall()
    note = conn.execute("select status, note from crawl_runs").fetchall()
    conn.close()
    assert errors == [
        (
            f"http://127.0.0.1:{port}/gone/cdx?url=baolongan.vn/*&output=json",
            "fetch",
            "DownloadConnectionRefusedError",
        )
    ]
    assert note == [("completed", f"no index of http://127.0.0.1:{port}/gone answered (see crawl_errors)")]


def test_the_capture_window_is_checked_whatever_the_index_did_with_from_and_to():
    row = recover.CdxRow("20240615120000", SEED, "text/html", 200, "D")
    assert recover.in_window(row, "2024-06-15", "2024-06-15") and recover.in_window(row, None, None)
    assert not recover.in_window(row, "2024-06-16", None) and not recover.in_window(row, None, "2024-06-14")
