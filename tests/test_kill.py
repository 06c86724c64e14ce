"""`kill -9` of backup, export and reparse at random points: the archive stays sound and searchable, and no
file is at the backup or export PATH unless it is complete.

Each command first runs whole (its duration and, for export, the bytes to expect); then it is killed six
times: three at random moments spread over that duration (stratified, so the start, the middle and the end
are all hit), three at random while it writes its output. The archive is the mirror crawl with its articles copied a few times over, so the writing phase
of each command is long enough to be hit.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import REPO

TRIES = 6
COPIES = 30


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsarchive", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(output: Path | None, process: subprocess.Popen) -> float:
    """Seconds until the command starts writing `output` (or its .part), or ends; 0 without an output."""
    started = time.monotonic()
    watched = [] if output is None else [output, output.with_name(output.name + ".part")]
    while watched and not any(os.path.lexists(p) for p in watched) and process.poll() is None:
        time.sleep(0.002)
    return time.monotonic() - started


def timed_run(
    args: list[str], env: dict[str, str] | None = None, output: Path | None = None
) -> tuple[float, float]:
    """A whole run: its duration, and when it started writing `output`."""
    started = time.monotonic()
    process = cli(*args, env=env)
    appeared = wait_for(output, process)
    assert process.wait(timeout=120) == 0
    return time.monotonic() - started, appeared


def killed_runs(
    args: list[str],
    timing: tuple[float, float],
    check: Callable[[int], None],
    env: dict[str, str] | None = None,
    output: Path | None = None,
) -> None:
    """Kill the command TRIES times and `check(try)` after each.

    Half the kills fall at random across the whole run (stratified), half while `output` is being written
    (at random after it or its .part appears), since that phase is short next to Python's start.
    """
    duration, appeared = timing
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    for attempt in range(TRIES):
        process = cli(*args, env=env)
        if output is not None and attempt % 2:
            writing = rng.random() * max(duration - appeared, 0.01)
            delay = wait_for(output, process) + writing
            time.sleep(writing)
        else:
            delay = duration * (attempt + rng.random()) / TRIES
            time.sleep(delay)
        process.kill()
        process.wait(timeout=30)
        try:
            check(attempt)
        except (AssertionError, sqlite3.Error) as exc:
            raise AssertionError(f"kill -9 try {attempt} at {delay:.2f} s (seed {seed}): {exc}") from exc


def article_count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def assert_sound(db_path: Path, articles: int, attempt: int) -> None:
    """Integrity ok, no article lost, and the full-text index still follows an edit."""
    conn = sqlite3.connect(db_path, timeout=30)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) from articles").fetchone()[0] >= articles
        word = f"zzqq{attempt}"
        with conn:
            conn.execute("update articles set title = ? where rowid = 1", [word])
        found = conn.execute("select rowid from articles_fts where articles_fts match ?", [word]).fetchall()
        assert found == [(1,)]
    finally:
        conn.close()


@pytest.fixture
def big_archive(scratch_db) -> Path:
    """The crawled archive with COPIES more copies of every article (new ids), the search index following."""
    conn = sqlite3.connect(scratch_db)
    columns = [
        row[1] for row in conn.execute("pragma table_xinfo(articles)") if row[6] == 0 and row[1] != "key"
    ]
    names = ", ".join(columns)
    copied = ", ".join(
        "article_id || ? " if c == "article_id" else ("url || '#' || ?" if c == "url" else c) for c in columns
    )
    with conn:
        for copy in range(1, COPIES + 1):
            rows = conn.execute(
                f"insert into articles (key, {names}) select key || ?, {copied} from articles"
                " where key not like '%#%'",
                [f"#{copy}", f"9{copy:02d}", str(copy)],
            )
            assert rows.rowcount > 0
    conn.close()
    return scratch_db


def test_kill_during_backup(big_archive, tmp_path):
    articles = article_count(big_archive)
    path = tmp_path / "copy.db"
    args = ["backup", str(path), "--db", str(big_archive)]
    timing = timed_run(args, output=path)
    path.unlink()

    def check(attempt: int) -> None:
        assert_sound(big_archive, articles, attempt)
        if path.exists():  # complete, or not there at all
            with sqlite3.connect(path) as conn:
                assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
                assert conn.execute("select count(*) from articles").fetchone()[0] == articles
            path.unlink()

    killed_runs(args, timing, check, output=path)
    timed_run(args)  # a rerun over what a killed run left succeeds
    assert article_count(path) == articles
    assert not list(tmp_path.glob("*.part*"))


def test_kill_during_export(big_archive, tmp_path):
    articles = article_count(big_archive)
    reference, path = tmp_path / "whole.jsonl", tmp_path / "export.jsonl"
    # Not the title, which the checks edit: every run must give the same bytes.
    fields = ["--fields", "url,body_text,images"]
    timing = timed_run(
        ["export", "--db", str(big_archive), "-o", str(reference), *fields],
        output=reference,
    )
    whole = reference.read_bytes()
    assert whole.count(b"\n") == articles

    def check(attempt: int) -> None:
        assert_sound(big_archive, articles, attempt)
        if path.exists():  # complete, or not there at all
            assert path.read_bytes() == whole
            path.unlink()

    args = ["export", "--db", str(big_archive), "-o", str(path), *fields]
    killed_runs(args, timing, check, output=path)


def test_kill_during_reparse(scratch_db, crawled, tmp_path):
    env = {"NEWSARCHIVE_CAPTURES_DIR": str(crawled["db_path"].parent / "captures")}
    articles = article_count(scratch_db)
    args = ["reparse", "--db", str(scratch_db), "--quiet"]

    def make_stale() -> None:  # every article then differs from its capture: reparse rewrites them all
        with sqlite3.connect(scratch_db) as conn:
            conn.execute("update articles set content_hash = 'stale'")

    make_stale()
    timing = timed_run(args, env)

    def check(attempt: int) -> None:
        assert_sound(scratch_db, articles, attempt)
        make_stale()

    killed_runs(args, timing, check, env)
