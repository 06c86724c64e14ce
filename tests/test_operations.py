"""Operations as the README documents them: the crontab line runs, and the failure-rate exit status."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import sqlite_utils

from .conftest import REPO, newsarchive


def readme_crontab_line() -> str:
    readme = (REPO / "README.md").read_text("utf-8")
    block = readme.split("<!-- crontab -->", 1)[1]
    return re.search(r"```\n(.+?)\n```", block, re.S).group(1).strip()


def test_readme_crontab_line_runs(tmp_path, mirror_server):
    line = readme_crontab_line()
    fields = line.split(None, 5)
    assert len(fields) == 6 and all(re.fullmatch(r"[\d*/,-]+", f) for f in fields[:5]), line
    command = fields[5].split(">", 1)[0]
    argv = shlex.split(command)
    assert argv[0].endswith("/.venv/bin/newsarchive")
    db_path = tmp_path / "archive.db"
    argv = [
        sys.executable,
        "-m",
        "newsarchive",
        *(str(db_path) if a.endswith("archive.db") else a for a in argv[1:]),
    ]
    # cron runs with a bare environment and an arbitrary working directory
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NEWSARCHIVE_MIRROR_URL": mirror_server.url}
    env |= {k: v for k, v in os.environ.items() if k in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    db = sqlite_utils.Database(db_path)
    assert db["articles"].count > 150
    assert {r["status"] for r in db.query("select status from crawl_runs")} == {"completed"}


def test_failure_rate_over_threshold_exits_1(tmp_path, mirror_server):
    # The mirror's broken pages are about 6% of the English edition's article pages.
    result = newsarchive(
        "crawl", "--lang", "en", "--db", str(tmp_path / "a.db"), "--max-error-rate", "0.01",
        env={"NEWSARCHIVE_MIRROR_URL": mirror_server.url}, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "of article pages failed (limit 1%)" in result.stderr
    relaxed = newsarchive(
        "crawl", "--lang", "en", "--full", "--db", str(tmp_path / "a.db"), "--max-error-rate", "0.5",
        env={"NEWSARCHIVE_MIRROR_URL": mirror_server.url}, check=False,
    )  # fmt: skip
    assert relaxed.returncode == 0, relaxed.stderr
