"""Opening an archive: reading commands never create or alter a file, writing ones refuse what is not theirs.

Also the run lock through a symlinked path, `serve` on a busy port, and `status`/`serve` on an archive this
user may not write (simulated truthfully as root: the commands run without the capabilities that let root
ignore file permissions).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from newsarchive import crawl, store
from newsarchive.search import fold

from .conftest import REPO, newsarchive

# Root reads and writes any file through these capabilities; without them file modes bind root too.
DROP_FILE_CAPS = ["--bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def not_archives(tmp_path) -> dict[str, Path]:
    """A text file, a 0-byte file and someone else's SQLite database."""
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    empty = tmp_path / "empty.db"
    empty.touch()
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("create table birds (name text)")
        conn.execute("insert into birds values ('cò')")
    conn.close()
    return {"text": text, "empty": empty, "foreign": foreign}


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["serve"],
        ["reindex"],
        ["export", "-o", "out.jsonl"],
        ["capture", "baolongan:vi:1"],
        ["backup", "copy.db"],
        ["wacz", "out.wacz"],
    ],
)
def test_commands_refuse_a_file_that_is_no_archive_and_leave_it_alone(not_archives, tmp_path, args):
    command = args[0]
    args = [str(tmp_path / a) if a.endswith((".db", ".jsonl", ".wacz")) else a for a in args]
    for kind, path in not_archives.items():
        before = _digest(path)
        result = newsarchive(*args, "--db", str(path), check=False)
        assert not (tmp_path / "copy.db").exists() and not (tmp_path / "out.jsonl").exists(), (command, kind)
        assert not (tmp_path / "out.wacz").exists(), (command, kind)
        _one_line_error(result, str(path))
        assert _digest(path) == before, (command, kind)
        assert not Path(f"{path}-wal").exists() or command == "reindex", (command, kind)
    with sqlite3.connect(not_archives["foreign"]) as conn:
        assert [r[0] for r in conn.execute("select name from sqlite_master")] == ["birds"]
    conn.close()


@pytest.mark.parametrize("args", [["capture", "baolongan:vi:1"], ["reparse"], ["backup", "copy.db"]])
def test_other_commands_give_one_line_for_a_file_that_is_not_sqlite(not_archives, tmp_path, args):
    args = [str(tmp_path / a) if a.endswith(".db") else a for a in args]
    _one_line_error(newsarchive(*args, "--db", str(not_archives["text"]), check=False), "not a database")
    assert not (tmp_path / "copy.db").exists()


def test_crawl_refuses_a_foreign_database(not_archives):
    for kind in ("text", "foreign"):
        path = not_archives[kind]
        before = _digest(path)
        result = newsarchive("crawl", "--db", str(path), "--lang", "en", check=False)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith(f"Error: {path}"), result.stderr
        assert _digest(path) == before, kind


def test_reading_open_never_writes(scratch_db):
    conn = sqlite3.connect(scratch_db)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    before = _digest(scratch_db)
    db = store.open_readonly(scratch_db)
    assert db["articles"].count > 100
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("update articles set title = 'x'")
    db.close()
    assert newsarchive("status", "--db", str(scratch_db)).returncode == 0
    assert _digest(scratch_db) == before


def test_archive_of_a_newer_schema_is_refused(scratch_db):
    with sqlite3.connect(scratch_db) as conn:
        conn.execute(
            "insert into _sqlite_migrations (migration_set, name, applied_at) "
            "values ('newsarchive', 'm999_from_the_future', '2030-01-01')"
        )
    conn.close()
    before = _digest(scratch_db)
    for command in ("status", "reindex", "serve"):
        result = newsarchive(command, "--db", str(scratch_db), check=False)
        _one_line_error(result, "newer newsarchive", "m999_from_the_future", "upgrade newsarchive")
    with pytest.raises(store.ArchiveError, match="newer newsarchive"):
        store.open_db(scratch_db)
    assert _digest(scratch_db) == before


def test_older_schema_is_read_as_it_is_and_upgraded_only_by_a_writing_command(tmp_path):
    db_path = tmp_path / "old.db"
    old = sqlite_utils.Database(db_path)
    store._create_v1(old)  # the shape the first release created
    old["crawl_runs"].insert(
        {"id": 1, "spider": "baolongan_vi", "started_at": "2026-01-01", "status": "completed"}
    )
    old.close()
    before = _digest(db_path)
    result = newsarchive("status", "--db", str(db_path), check=False)
    _one_line_error(result, "older schema", f"newsarchive reindex --db {db_path}")
    assert _digest(db_path) == before
    reading = store.open_readonly(db_path)
    assert "m001_revisions_and_gone" in store.pending_migrations(reading)
    reading.close()
    assert _digest(db_path) == before
    newsarchive("reindex", "--db", str(db_path))
    assert "Last runs" in newsarchive("status", "--db", str(db_path)).stdout


def test_symlinked_path_shares_the_crawl_lock(tmp_path):
    real = tmp_path / "archive.db"
    store.open_db(real).close()
    link = tmp_path / "link.db"
    link.symlink_to(real)
    with crawl.run_lock(real):
        with pytest.raises(crawl.LockedError), crawl.run_lock(link):
            pass
        # and another process, through the CLI, is refused with the lock's exit status
        result = newsarchive("crawl", "--db", str(link), "--lang", "en", check=False)
        assert result.returncode == crawl.EXIT_LOCKED, result.stderr
    with crawl.run_lock(link):  # released: the link may take it
        pass


def test_serve_on_a_busy_port_says_so_before_serving(scratch_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = newsarchive("serve", "--db", str(scratch_db), "--port", str(port), check=False)
    assert result.returncode == 1
    _one_line_error(result, f"127.0.0.1:{port}", "--port")
    assert "Serving" not in result.stderr


@pytest.fixture
def readonly_archive(scratch_db, tmp_path) -> Path:
    """A WAL-mode archive, checkpointed, in a directory where neither it nor new files may be written."""
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is needed to run a command without root's file capabilities")
    conn = sqlite3.connect(scratch_db)
    assert conn.execute("pragma journal_mode = wal").fetchone()[0] == "wal"  # as every archive is
    conn.close()  # the last connection checkpoints and removes -wal and -shm
    share = tmp_path / "share"
    share.mkdir()
    path = share / "archive.db"
    shutil.copy(scratch_db, path)
    path.chmod(0o444)
    share.chmod(0o555)
    probe = subprocess.run(["setpriv", *DROP_FILE_CAPS, "touch", str(share / "probe")], capture_output=True)
    if probe.returncode == 0:
        share.chmod(0o755)
        pytest.skip("cannot make a directory read-only for this user here")
    yield path
    share.chmod(0o755)


def _dropped(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        ["setpriv", *DROP_FILE_CAPS, sys.executable, "-m", "newsarchive", *args],
        cwd=REPO,
        text=True,
        **kwargs,
    )


def test_status_and_serve_work_on_a_read_only_archive(readonly_archive):
    before = _digest(readonly_archive)
    status = _dropped("status", "--db", str(readonly_archive), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = status.communicate(timeout=120)
    assert status.returncode == 0, err
    assert "baolongan vi:" in out
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = _dropped(
        "serve", "--db", str(readonly_archive), "--port", str(port), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(
                    base + "/archive/articles.json?_search=can+duoc&_shape=array"
                ) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.3)
        assert body is not None, server.stderr.read() if server.poll() is not None else "no answer"
        rows = json.loads(body)
        assert rows and all(
            "can duoc" in fold(" ".join(r[c] or "" for c in ("title", "lead", "body_text"))).lower()
            for r in rows
        )
        with urllib.request.urlopen(base + "/archive/articles.json?_shape=array&_size=1") as r:
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert _digest(readonly_archive) == before
    assert sorted(p.name for p in readonly_archive.parent.iterdir()) == ["archive.db"]


def test_export_capture_and_backup_read_a_read_only_archive(readonly_archive, tmp_path):
    before = _digest(readonly_archive)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o777)  # the dropped-capability user writes its outputs here
    for args in (
        ["export", "-o", str(out / "all.jsonl")],
        ["backup", str(out / "copy.db")],
        ["capture", "baolongan:vi:133682"],
    ):
        run = _dropped(*args, "--db", str(readonly_archive), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, err = run.communicate(timeout=120)
        # capture finds no WARC files beside a copy (one line), but never fails on opening the archive
        assert "Traceback" not in err and "readonly" not in err.lower(), (args, err)
        assert run.returncode == 0 or args[0] == "capture", (args, err)
    assert (out / "all.jsonl").read_text("utf-8").count("\n") > 100
    with sqlite3.connect(out / "copy.db") as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] > 100
    conn.close()
    assert _digest(readonly_archive) == before
    assert sorted(p.name for p in readonly_archive.parent.iterdir()) == ["archive.db"]


def test_crawl_into_a_read_only_archive_fails_in_one_line(readonly_archive):
    args = ("crawl", "--db", str(readonly_archive), "--lang", "en")
    crawl_run = _dropped(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = crawl_run.communicate(timeout=120)
    assert crawl_run.returncode == 1 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1].startswith("Error: cannot create the crawl's lock"), err
