"""Cron-grade crawling against real mirrors over HTTP: incremental runs, revisions, gone articles, the run
lock, kill -9 and resume, fault mode, schema upgrades, backups, and Datasette reading during a crawl."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlite_utils

from newsarchive import store
from newsarchive.crawl import run_lock
from newsarchive.mirror.faults import ENCODING_KINDS, EXPECTED_OUTCOME, FaultPlan
from newsarchive.mirror.server import SITES_ROOT, MirrorServer

from .conftest import EDITIONS, REPO, newsarchive

ARTICLE_PATH = re.compile(r"-a\d+\.html$")


def expected_keys(truth) -> set[str]:
    return {
        store.article_key(truth[slug]["site"], truth[slug]["lang"], aid)
        for slug in EDITIONS
        for aid in truth[slug]["articles"]
    }


def article_requests(server: MirrorServer, since: int = 0) -> list[tuple[str, str]]:
    return [(host, path) for host, path in server.requests[since:] if ARTICLE_PATH.search(path.split("?")[0])]


@pytest.fixture
def sites_copy(tmp_path) -> Path:
    """A private copy of the mirror that a test may edit."""
    target = tmp_path / "sites"
    shutil.copytree(SITES_ROOT, target)
    return target


def crawl(
    db_path: Path, server: MirrorServer, *args: str, check: bool = False
) -> subprocess.CompletedProcess:
    return newsarchive(
        "crawl", "--db", str(db_path), *args, env={"NEWSARCHIVE_MIRROR_URL": server.url}, check=check
    )


def start_crawl(db_path: Path, server: MirrorServer, **popen: object) -> subprocess.Popen:
    """A crawl in the background, in its own process (so it can be killed or raced)."""
    return subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "crawl", "--db", str(db_path)],
        cwd=REPO,
        env={**os.environ, "NEWSARCHIVE_MIRROR_URL": server.url},
        **popen,  # type: ignore[call-overload]
    )


def keys_in(db_path: Path) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        return {r[0] for r in conn.execute("select key from articles")}


def add_article(sites: Path, host: str, base: Path, new_id: int, title: str) -> str:
    """Copy an article page under a new id and title and link it from the home page; returns its path."""
    page = base.read_text("utf-8")
    old_title = re.search(r'<h1 class="margintopbot10 fw600">(.*?)</h1>', page).group(1)
    path = f"/bai-moi-{new_id}-a{new_id}.html"
    (sites / host / path.lstrip("/")).write_text(page.replace(old_title, title), "utf-8")
    home = sites / host / "index.html"
    html = home.read_text("utf-8")
    home.write_text(html.replace("<body>", f'<body><a href="{path}">{title}</a>', 1), "utf-8")
    return path


def test_incremental_run_fetches_only_new_articles(tmp_path, sites_copy, truth):
    db_path = tmp_path / "archive.db"
    with MirrorServer(root=sites_copy) as server:
        first = crawl(db_path, server)
        assert first.returncode == 0, first.stderr
        assert keys_in(db_path) == expected_keys(truth)

        mark = len(server.requests)
        unchanged = crawl(db_path, server)
        assert unchanged.returncode == 0, unchanged.stderr
        assert article_requests(server, mark) == []  # listings only: no archived (or failed) article page
        assert any(path.endswith("/") or "?p=" in path for _, path in server.requests[mark:])

        base = (
            sites_copy
            / "baolongan.vn"
            / next(
                Path(a["url"]).name for a in truth["baolongan_vi"]["articles"].values() if a["variant"] == "A"
            )
        )
        added = [
            add_article(sites_copy, "baolongan.vn", base, 199_000 + i, f"Bài mới số {i} về Long An")
            for i in range(3)
        ]
        mark = len(server.requests)
        third = crawl(db_path, server)
        assert third.returncode == 0, third.stderr
        assert sorted(article_requests(server, mark)) == sorted(("baolongan.vn", p) for p in added)
        assert keys_in(db_path) == expected_keys(truth) | {f"baolongan:vi:{199_000 + i}" for i in range(3)}
    runs = list(sqlite_utils.Database(db_path).query("select mode, status from crawl_runs order by id"))
    assert [r["mode"] for r in runs] == ["incremental"] * 6
    assert all(r["status"] == "completed" for r in runs)


def test_edited_article_gives_a_revision_and_removed_one_is_marked_gone(tmp_path, sites_copy, truth):
    db_path = tmp_path / "archive.db"
    articles = sorted(truth["baolongan_vi"]["articles"].values(), key=lambda a: a["article_id"])
    edited, removed = articles[10], articles[20]
    with MirrorServer(root=sites_copy) as server:
        assert crawl(db_path, server).returncode == 0
        edited_file = sites_copy / "baolongan.vn" / Path(edited["url"]).name
        first_paragraph = edited["body_text"].split("\n\n")[0]
        page = edited_file.read_text("utf-8")
        assert first_paragraph[:40] in page
        edited_file.write_text(
            page.replace(first_paragraph[:40], "Đính chính: " + first_paragraph[:40], 1), "utf-8"
        )
        (sites_copy / "baolongan.vn" / Path(removed["url"]).name).unlink()
        result = crawl(db_path, server, "--lang", "vi", "--recheck-days", "100000")
        assert result.returncode == 0, result.stderr
    db = sqlite_utils.Database(db_path)
    revisions = list(db.query("select * from revisions"))
    assert len(revisions) == 1
    assert revisions[0]["article_key"] == f"baolongan:vi:{edited['article_id']}"
    assert json.loads(revisions[0]["changed_fields"]) == ["body_text"]
    assert json.loads(revisions[0]["old_values"])["body_text"] == edited["body_text"]
    assert db["articles"].get(revisions[0]["article_key"])["body_text"].startswith("Đính chính: ")
    gone = list(db.query("select key from articles where gone_at is not null"))
    assert gone == [{"key": f"baolongan:vi:{removed['article_id']}"}]
    assert db["articles"].count == len(expected_keys(truth))  # gone, never deleted
    run = next(db.query("select * from crawl_runs order by id desc limit 1"))
    assert run["articles_gone"] == 1 and run["articles_updated"] == 1


def test_second_crawl_exits_locked_while_first_runs(tmp_path):
    db_path = tmp_path / "archive.db"
    with MirrorServer(delay=0.02) as server:
        first = start_crawl(db_path, server, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.01)
        second = crawl(db_path, server)
        assert second.returncode == 3
        assert "another crawl is running" in second.stderr
        out, err = first.communicate(timeout=300)
        assert first.returncode == 0, err


def test_lock_is_an_os_lock_not_a_pid_file(tmp_path):
    db_path = tmp_path / "archive.db"
    with run_lock(db_path):
        held = newsarchive("crawl", "--db", str(db_path), check=False)
    assert held.returncode == 3
    assert Path(f"{db_path}.lock").read_text() == ""  # nothing written: the kernel holds the lock


def test_usage_errors_exit_2(tmp_path):
    assert newsarchive("crawl", "--lang", "fr", check=False).returncode == 2
    assert (
        newsarchive("crawl", "--set", "NOEQUALS", "--db", str(tmp_path / "x.db"), check=False).returncode == 2
    )


def test_source_gone_exits_1(tmp_path):
    """Every start URL failing (the site vanished after the 2025 merger) is a failed run."""
    empty = tmp_path / "empty-sites"
    (empty / "baolongan.vn").mkdir(parents=True)
    with MirrorServer(root=empty) as server:
        result = crawl(tmp_path / "archive.db", server, "--lang", "vi")
    assert result.returncode == 1
    assert "source looks gone" in result.stderr
    assert "`newsarchive recover` rebuilds its articles from web archives" in result.stderr  # what to do next


@pytest.mark.parametrize("kill_after", [3, 25, 70, 140, 210])
def test_kill_9_then_resume_completes_the_set(tmp_path, truth, kill_after):
    db_path = tmp_path / "archive.db"
    with MirrorServer(delay=0.005) as server:
        proc = start_crawl(db_path, server, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while len(server.requests) < kill_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            assert conn.execute("select count(*) - count(distinct key) from articles").fetchone()[0] == 0
        partial = keys_in(db_path)
        assert partial <= expected_keys(truth)
        resumed = crawl(db_path, server)
        assert resumed.returncode == 0, resumed.stderr
    assert keys_in(db_path) == expected_keys(truth)
    runs = list(
        sqlite_utils.Database(db_path).query("select spider, mode, status from crawl_runs order by id")
    )
    assert {r["status"] for r in runs[:-2]} <= {"running", "completed"}
    assert all(r["mode"] in ("resume", "incremental") for r in runs[-2:])
    assert any(r["mode"] == "resume" for r in runs[-2:]) or len(partial) == len(expected_keys(truth))
    with sqlite3.connect(db_path) as conn:  # search still follows edits after the kill
        conn.execute("update articles set title = 'zzkillqq' where rowid = (select min(rowid) from articles)")
        assert conn.execute(
            "select count(*) from articles_fts where articles_fts match 'zzkillqq'"
        ).fetchone() == (1,)


def test_fault_mode(tmp_path, truth):
    plan = FaultPlan.choose([truth[s] for s in EDITIONS], seed=11, slow_seconds=3)
    assert set(ENCODING_KINDS) <= set(plan.urls().values())
    db_path = tmp_path / "archive.db"
    with MirrorServer(faults=plan) as server:
        result = crawl(db_path, server, "-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=1")
    assert result.returncode == 0, result.stderr
    db = sqlite_utils.Database(db_path)
    errors = {r["url"]: r for r in db.query("select * from crawl_errors where stage != 'image'")}
    stored = {r["url"]: r for r in db.query("select url, title from articles")}
    truth_by_url = {a["url"]: a for s in EDITIONS for a in truth[s]["articles"].values()}
    for url, kind in plan.urls().items():
        outcome = EXPECTED_OUTCOME[kind]
        if outcome == "stored":
            assert url in stored and url not in errors, kind
            assert stored[url]["title"] == truth_by_url[url]["title"], kind
        elif outcome == "error":
            assert url in errors and url not in stored, kind
        else:
            assert (url in errors) != (url in stored), kind
    baseline = {e["url"] for s in EDITIONS for e in truth[s]["errors"]}
    assert set(errors) - baseline <= set(plan.urls())  # nothing else fails
    kinds = {errors[u]["kind"] for u, k in plan.urls().items() if u in errors}
    assert {"http_500", "timeout", "redirect_loop", "too_large"} <= kinds
    runs = list(db.query("select errors_by_kind from crawl_runs"))
    counted = sum(sum(json.loads(r["errors_by_kind"]).values()) for r in runs)
    assert counted == db["crawl_errors"].count  # image rows counted too


def test_archive_from_previous_schema_is_upgraded_in_place(tmp_path):
    db_path = tmp_path / "old.db"
    old = sqlite_utils.Database(db_path)
    store._create_v1(old)  # the shape the first release created
    old["crawl_runs"].insert(
        {"id": 1, "spider": "baolongan_vi", "started_at": "2026-01-01T00:00:00+00:00", "status": "completed"}
    )
    old["articles"].insert({
        "key": "baolongan:vi:1", "site": "baolongan", "lang": "vi", "article_id": "1", "url": "https://baolongan.vn/x-a1.html",
        "title": "Cần Đước", "body_text": "Thân bài.", "authors": "[]", "sources": "[]", "crawl_run_id": 1,
    })  # fmt: skip
    old["images"].insert(
        {"article_key": "baolongan:vi:1", "position": 0, "url": "https://baolongan.vn/i.jpg"}
    )
    old.close()
    upgraded = store.open_db(db_path)
    assert "gone_at" in upgraded["articles"].columns_dict
    assert {"revisions", "_sqlite_migrations"} <= set(upgraded.table_names())
    assert upgraded["articles"].get("baolongan:vi:1")["title"] == "Cần Đước"
    assert upgraded["images"].count == 1 and upgraded["crawl_runs"].count == 1
    store.ensure_schema(upgraded)  # idempotent
    assert upgraded["_sqlite_migrations"].count == len(
        store.MIGRATIONS.pending(sqlite_utils.Database(memory=True))
    )


def test_status_and_backup(crawled, tmp_path):
    status = newsarchive("status", "--db", str(crawled["db_path"]))
    assert "baolongan vi:" in status.stdout and "baolongan en:" in status.stdout
    assert "completed" in status.stdout
    copy = tmp_path / "backup.db"
    newsarchive("backup", str(copy), "--db", str(crawled["db_path"]))
    with sqlite3.connect(copy) as conn, sqlite3.connect(crawled["db_path"]) as orig:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        count = "select count(*) from articles"
        assert conn.execute(count).fetchone() == orig.execute(count).fetchone()
    again = newsarchive("backup", str(copy), "--db", str(crawled["db_path"]), check=False)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_cli_works_from_any_directory(tmp_path, mirror_server):
    result = subprocess.run(
        [sys.executable, "-m", "newsarchive", "crawl", "--lang", "en", "--db", "here.db"],
        cwd=tmp_path,
        env={**os.environ, "NEWSARCHIVE_MIRROR_URL": mirror_server.url, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "here.db").exists() and (tmp_path / "logs" / "newsarchive.log").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_datasette_serves_while_a_crawl_writes(tmp_path):
    db_path = tmp_path / "archive.db"
    store.open_db(db_path).close()
    port = _free_port()
    datasette = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "serve", "--db", str(db_path), "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        with MirrorServer(delay=0.01) as server:
            proc = start_crawl(db_path, server, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while len(server.requests) < 40 and proc.poll() is None:
                time.sleep(0.01)

            def query(i: int) -> int:
                url = f"{base}/archive/articles.json?_search=long+an&_size=5&n={i}"
                with urllib.request.urlopen(url, timeout=30) as response:
                    return response.status

            with ThreadPoolExecutor(max_workers=20) as pool:
                statuses = list(pool.map(query, range(20)))
            assert proc.poll() is None, "the crawl should still be writing"
            assert proc.wait(timeout=300) == 0
        assert statuses == [200] * 20
    finally:
        datasette.terminate()
        datasette.wait(timeout=30)
