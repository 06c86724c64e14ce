"""A crawl's grouped commits: units stay atomic, readers see whole batches, a crash loses only the open batch."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from newsarchive import batch, store


def errors_seen_by_another_connection(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("select count(*) from crawl_errors").fetchone()[0])
    finally:
        conn.close()


def record(db, n: int) -> None:
    store.record_error(db, f"https://baolongan.vn/x-a{n}.html", "fetch", "test", None, 500, "http_500")


@pytest.fixture
def path(tmp_path):
    db_path = tmp_path / "archive.db"
    store.open_db(db_path).close()
    return db_path


def test_commits_every_rows_units_and_when_due(path):
    shared = batch.Batch(store.open_db(path), rows=3, seconds=3600)
    for n in range(2):
        with shared.unit():
            record(shared.db, n)
    assert errors_seen_by_another_connection(path) == 0
    with shared.unit():
        record(shared.db, 2)
    assert errors_seen_by_another_connection(path) == 3
    with shared.unit():
        record(shared.db, 3)
    shared.commit_if_due()  # an hour is not over
    assert errors_seen_by_another_connection(path) == 3
    shared.seconds = 0
    shared.commit_if_due()
    assert errors_seen_by_another_connection(path) == 4
    shared.db.close()


def test_a_failed_unit_is_undone_alone(path):
    shared = batch.Batch(store.open_db(path), rows=10)
    with shared.unit():
        record(shared.db, 1)
    with pytest.raises(RuntimeError), shared.unit(), store.atomic(shared.db):
        record(shared.db, 2)
        raise RuntimeError("extraction blew up half-way")
    with shared.unit():
        record(shared.db, 3)
    shared.commit()
    urls = [row[0] for row in shared.db.execute("select url from crawl_errors order by url").fetchall()]
    assert urls == ["https://baolongan.vn/x-a1.html", "https://baolongan.vn/x-a3.html"]
    shared.db.close()


def test_acquire_shares_one_connection_until_the_last_release(path):
    first, second = batch.acquire(path), batch.acquire(str(path))
    assert first is second
    with first.unit():
        record(first.db, 1)
    batch.release(path)
    assert errors_seen_by_another_connection(path) == 0  # still open: the other user may add to the batch
    batch.release(path)
    assert errors_seen_by_another_connection(path) == 1  # the last release commits
    with pytest.raises(sqlite3.ProgrammingError):
        first.db.execute("select 1")


def test_a_crash_loses_only_the_open_batch(path):
    script = textwrap.dedent(
        f"""
        import os
        from newsarchive import batch, store
        shared = batch.Batch(store.open_db({str(path)!r}), rows=5)
        for n in range(7):
            with shared.unit():
                store.record_error(shared.db, f"https://baolongan.vn/x-a{{n}}.html", "fetch", "t", None)
        os._exit(9)  # no commit, no close: as kill -9 would leave it
        """
    )
    subprocess.run([sys.executable, "-c", script], check=False)
    assert errors_seen_by_another_connection(path) == 5
    conn = sqlite3.connect(path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.close()
