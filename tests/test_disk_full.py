"""A full disk ends the crawl as failed with one sentence; the archive stays sound and a later run resumes.

The archive lives on a tmpfs of 2.5 MB (the test runs as root in CI; elsewhere it is skipped with the reason).
"""

from __future__ import annotations

import re
import sqlite3
import subprocess

import pytest
import sqlite_utils

from newsarchive import store

from .conftest import newsarchive
from .test_cron import expected_keys


@pytest.fixture
def tiny_fs(tmp_path):
    mount_point = tmp_path / "fs"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2500k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def query(db_path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def test_disk_full_fails_the_run_keeps_the_archive_sound_and_resumes(tiny_fs, mirror_server, truth):
    db_path = tiny_fs / "archive.db"
    env = {"NEWSARCHIVE_MIRROR_URL": mirror_server.url}
    full = newsarchive("crawl", "--db", str(db_path), env=env, check=False)
    assert full.returncode == 1
    assert "Traceback" not in full.stderr + full.stdout
    for spider in ("baolongan_en", "baolongan_vi"):
        assert f"{spider}: failed" in full.stdout
        assert re.search(rf"^{spider}: disk full: \w+Error: .+$", full.stderr, re.MULTILINE)

    assert query(db_path, "pragma integrity_check") == [("ok",)]
    assert query(db_path, "pragma foreign_key_check") == []
    stored = dict(query(db_path, "select key, content_hash from articles"))
    assert 0 < len(stored) < len(expected_keys(truth))
    # Every committed article is whole: its images are there, and the counts are what was committed.
    assert query(
        db_path,
        "select count(*) from articles a where image_count != (select count(*) from images where article_key = a.key)",
    ) == [(0,)]
    for status, new, runs_articles in query(
        db_path,
        "select status, articles_new, (select count(*) from articles a where a.crawl_run_id = r.id) from crawl_runs r",
    ):
        assert status in ("failed", "running")  # "running": the disk refused even the run's last row
        assert status == "running" or new == runs_articles

    subprocess.run(["mount", "-o", "remount,size=64m", str(tiny_fs)], check=True)
    rerun = newsarchive("crawl", "--db", str(db_path), env=env, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert "(resume)" in rerun.stdout
    final = dict(query(db_path, "select key, content_hash from articles"))
    assert set(final) == expected_keys(truth)
    assert {key: final[key] for key in stored} == stored
    assert query(db_path, "pragma integrity_check") == [("ok",)]


def test_a_run_whose_last_row_cannot_be_written_is_reported_failed(tmp_path, mirror_server):
    """When even the run's closing row is refused (here by a trigger, as a full disk would), the CLI says failed."""
    db_path = tmp_path / "archive.db"
    store.open_db(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "create trigger refuse_finish before update of status on crawl_runs"
            " begin select raise(abort, 'no room for the run row'); end"
        )
    result = newsarchive(
        "crawl",
        "--db",
        str(db_path),
        "--lang",
        "en",
        env={"NEWSARCHIVE_MIRROR_URL": mirror_server.url},
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"^baolongan_en: failed \(\w+\); \d+ pages, [1-9]\d* new", result.stdout, re.MULTILINE)
    assert "baolongan_en: the run did not finish" in result.stderr
    assert query(db_path, "select status from crawl_runs") == [("running",)]
    assert sqlite_utils.Database(db_path).table("articles").count > 0
