"""`newsarchive recover` against a real pywb on 127.0.0.1 serving WARCs recorded from the mirror (tests/wayback.py),
and in Common Crawl mode against pywb's CDX index with the WARC files behind a byte-range server. The mirror is
never asked: what recover stores must equal what the live mirror crawl stored, key for key, hash for hash.
pywb comes from the venv `.ci/run` makes (build/pywb-venv, or $NEWSARCHIVE_PYWB_VENV); without it these skip."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from warcio.archiveiterator import ArchiveIterator

from newsarchive import captures

from . import wayback
from .conftest import MIRROR, REPO, newsarchive

pytestmark = pytest.mark.skipif(
    not wayback.pywb_ready(),
    reason=f"pywb not installed in {wayback.PYWB_VENV} (.ci/run makes that venv; or set NEWSARCHIVE_PYWB_VENV)",
)


@pytest.fixture(scope="module")
def archive_site(crawled, mirror_server, tmp_path_factory) -> Any:
    """The fixture archive, indexed and served by pywb for the whole module."""
    root = tmp_path_factory.mktemp("wayback")
    with sqlite3.connect(crawled["db_path"]) as conn:
        bodies = dict(conn.execute("select url, body_text from articles"))
    reach = json.loads((MIRROR / "truth" / "baolongan_vi.json").read_text("utf-8"))["reach"]["inline"]
    captured = wayback.record_warc(root / "captures.warc.gz", mirror_server.url, bodies, reach)
    with wayback.pywb(root, root / "captures.warc.gz") as url:
        yield captured, url


@pytest.fixture(scope="module")
def recovered(archive_site, mirror_server, tmp_path_factory) -> dict[str, Any]:
    captured, url = archive_site
    db_path = tmp_path_factory.mktemp("recovered") / "archive.db"
    asked = len(mirror_server.requests)
    done = newsarchive("recover", "--archive", url, "--db", str(db_path), env={"NEWSARCHIVE_MIRROR_URL": ""})
    return {"db_path": db_path, "done": done, "mirror_asked": len(mirror_server.requests) - asked}


def rows(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def hashes(db_path: Path, where: str = "") -> dict[str, str]:
    return dict(rows(db_path, f"select key, content_hash from articles {where}"))


def test_recovered_articles_equal_the_live_crawl_with_provenance(archive_site, recovered, crawled):
    captured, url = archive_site
    db_path = recovered["db_path"]
    assert recovered["mirror_asked"] == 0  # the source is gone as far as recover knows
    live = hashes(crawled["db_path"])
    got = hashes(db_path)
    marks = ",".join("?" * len(captured.urls))
    want = {
        key
        for (key,) in rows(
            crawled["db_path"], f"select key from articles where url in ({marks})", tuple(captured.urls)
        )
    }
    assert set(got) == want and len(want) == len(captured.urls)
    assert {key: live[key] for key in got} == got
    provenance = {
        u: (s, c, a)
        for u, s, c, a in rows(db_path, "select url, source, captured_at, archive_url from articles")
    }
    for canonical, original in captured.urls.items():
        when = wayback.TIMES[2] if canonical == captured.thrice else wayback.LATER
        stamp = when.replace("-", "").replace(":", "").replace("T", "")
        assert provenance[canonical] == ("wayback", wayback.utc(when), f"{url}/{stamp}id_/{original}")
    assert captured.urls[captured.www].startswith(
        "http://www."
    )  # recovered under the crawl's key all the same
    assert "97 captures fetched, 95 new" in recovered["done"].stdout  # vi: 95 articles, 2 older captures


def test_the_thrice_captured_article_has_its_revisions_in_time_order(archive_site, recovered):
    captured, _ = archive_site
    revisions = rows(
        recovered["db_path"],
        "select r.detected_at, r.changed_fields, r.old_values from revisions r join articles a"
        " on a.key = r.article_key where a.url = ? order by r.id",
        (captured.thrice,),
    )
    assert [r[0] for r in revisions] == [wayback.utc(t) for t in wayback.TIMES[1:]]
    assert [json.loads(r[1]) for r in revisions] == [["body_text"], ["body_text"]]
    olds = [json.loads(r[2])["body_text"].split("\n\n")[0] for r in revisions]
    assert olds == [captured.first_paragraph + edit for edit in wayback.EDITS]
    assert rows(recovered["db_path"], "select count(*) from revisions")[0][0] == 2


def test_the_warc_record_keeps_the_original_url_and_names_the_archive(archive_site, recovered):
    captured, url = archive_site
    db_path = recovered["db_path"]
    original = captured.urls[captured.www]
    (capture,) = rows(
        db_path,
        "select c.warc_file, c.warc_offset, c.url, c.fetched_at from captures c join articles a on a.capture_id = c.id"
        " where a.url = ?",
        (captured.www,),
    )
    assert capture[2:] == (original, wayback.utc(wayback.LATER))
    with open(captures.captures_dir(db_path) / capture[0], "rb") as warc:
        warc.seek(capture[1])
        records = iter(ArchiveIterator(warc))
        response, metadata = next(records), next(records)  # no request record: nothing was asked of the source
    stamp = "20250502093000"
    assert response.rec_headers.get_header("WARC-Target-URI") == original
    assert response.rec_headers.get_header("WARC-Date") == "2025-05-02T09:30:00Z"
    assert response.rec_headers.get_header("WARC-Source-URI") == f"{url}/{stamp}id_/{original}"
    assert metadata.rec_type == "metadata" and metadata.rec_headers.get_header("WARC-Target-URI") == original
    fields = metadata.content_stream().read().decode()
    assert (
        f"via: {url}\r\n" in fields
        and f"capture-timestamp: {stamp}\r\n" in fields
        and "archive: wayback" in fields
    )


def test_coverage_missing_ids_are_the_seen_ids_no_capture_holds(archive_site, recovered, client_for):
    captured, _ = archive_site
    db_path = recovered["db_path"]
    missing = {u for (u,) in rows(db_path, "select url from coverage_ids where not archived")}
    assert missing == captured.uncaptured
    in_index = {u for (u,) in rows(db_path, "select url from coverage_ids where not archived and in_index")}
    assert len(in_index) == 2  # the 404 and the redirect capture; the third is only linked
    totals = rows(
        db_path, "select sum(seen), sum(archived), sum(missing), sum(wayback), sum(live) from coverage"
    )
    assert totals == [(len(captured.urls) + 3, len(captured.urls), 3, len(captured.urls), 0)]
    page = client_for(db_path)("/coverage?hl=en")
    assert page.status_code == 200 and "Articles seen, archived and missing" in page.text
    assert (
        '<tr class="total"><td>∑</td><td>baolongan Vietnamese</td><td>98</td><td>95</td><td>3</td>'
        in page.text
    )


def test_a_second_recover_fetches_nothing(archive_site, recovered):
    _, url = archive_site
    db_path = recovered["db_path"]
    before = rows(db_path, "select count(*), max(id) from captures")
    again = newsarchive("recover", "--archive", url, "--db", str(db_path))
    assert "0 captures fetched, 0 new" in again.stdout and "(95 already archived)" in again.stdout
    assert rows(db_path, "select count(*), max(id) from captures") == before


def test_kill_9_during_recover_then_a_rerun(archive_site, tmp_path, recovered):
    """Killed once some articles are committed: the rerun fetches none of them again, and the archive ends
    as a whole recover leaves it (same articles, hashes and revisions, no duplicates)."""
    _, url = archive_site
    db_path = tmp_path / "archive.db"
    args = [
        "recover",
        "--archive",
        url,
        "--db",
        str(db_path),
        "-s",
        "DOWNLOAD_DELAY=0.05",
        "-s",
        "CONCURRENT_REQUESTS=2",
    ]
    process = subprocess.Popen([sys.executable, "-m", "newsarchive", *args], cwd=REPO, env=os.environ,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None and stored < 40:
        time.sleep(0.05)
        try:
            stored = rows(db_path, "select count(*) from articles")[0][0]
        except sqlite3.Error:
            stored = 0
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 40 <= stored < len(hashes(recovered["db_path"])), "the recover ended before it could be killed"
    committed = {u for (u,) in rows(db_path, "select url from articles")}
    runs = rows(db_path, "select max(id) from crawl_runs")[0][0]
    newsarchive(*args[:5])
    assert rows(db_path, "pragma integrity_check") == [("ok",)]
    refetched = {u for (u,) in rows(db_path, "select url from captures where crawl_run_id > ?", (runs,))}
    assert not refetched & committed
    assert hashes(db_path) == hashes(recovered["db_path"])
    assert rows(db_path, "select count(*) from revisions") == [(2,)]
    assert rows(db_path, "select count(*), count(distinct url) from articles") == [
        (len(committed | refetched),) * 2
    ]


def test_common_crawl_mode_with_byte_ranges_and_retry_after(archive_site, crawled, tmp_path):
    """The index: pywb's CDX API (filename, offset, length per capture, as Common Crawl's); the bytes: ranges
    of the WARC file from a server whose first answer is 429 with Retry-After: 1, which recover waits out."""
    captured, url = archive_site
    db_path = tmp_path / "cc.db"
    with wayback.RangeServer(
        captured.root / "collections" / wayback.COLLECTION / "archive", f"{url}/cdx"
    ) as server:
        done = newsarchive(
            "recover", "--archive", "commoncrawl", "--lang", "en", "--db", str(db_path),
            "-s", f"RECOVER_COMMONCRAWL_COLLINFO={server.url}/collinfo.json",
            "-s", f"RECOVER_COMMONCRAWL_DATA={server.url}/",
        )  # fmt: skip
        log = list(server.log)
    en = {c for c in captured.urls if c.startswith("https://news.baolongan.vn/")}
    got = hashes(db_path)
    assert len(got) == len(en) and got == {k: v for k, v in hashes(crawled["db_path"]).items() if k in got}
    sources = rows(
        db_path, "select distinct source, substr(archive_url, 1, ?) from articles", (len(server.url),)
    )
    assert sources == [("commoncrawl", server.url)]
    (refused,) = [(t, r) for t, _, r, status in log if status == 429]
    again = [t for t, _, r, status in log if r == refused[1] and status == 206]
    assert len(again) == 1 and again[0] - refused[0] >= 1.0, "Retry-After: 1 was not waited out"
    assert f"{len(en)} captures fetched, {len(en)} new" in done.stdout


def test_provenance_is_in_the_export_and_valid_by_the_schema(archive_site, recovered, tmp_path):
    captured, url = archive_site
    out = tmp_path / "recovered.jsonl"
    newsarchive("export", "--db", str(recovered["db_path"]), "--lang", "vi", "-o", str(out))
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    schema = json.loads((REPO / "newsarchive" / "schema" / "article-v1.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert all(not list(validator.iter_errors(r)) for r in records) and len(records) == 95
    www = next(r for r in records if r["url"] == captured.www)
    assert (www["source"], www["captured_at"]) == ("wayback", "2025-05-02T16:30:00+07:00")
    assert www["archive_url"] == f"{url}/20250502093000id_/{captured.urls[captured.www]}"


def test_refresh_fetches_the_best_capture_of_archived_articles(archive_site, recovered):
    """Last in this module: it writes to the recovered archive (nothing changes but the fetch times)."""
    _, url = archive_site
    db_path = recovered["db_path"]
    before = hashes(db_path)
    again = newsarchive("recover", "--refresh", "--lang", "en", "--archive", url, "--db", str(db_path))
    assert "97 captures fetched, 0 new, 0 updated, 97 unchanged" in again.stdout
    assert hashes(db_path) == before and rows(db_path, "select count(*) from revisions") == [(2,)]
