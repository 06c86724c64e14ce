"""Shared fixtures: the mirror's truth files and a real archive crawled from the mirror over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

REPO = Path(__file__).resolve().parent.parent
MIRROR = REPO / "newsarchive" / "mirror"
EDITIONS = ("baolongan_vi", "baolongan_en")
# Scalar fields of an extract record compared with the mirror's truth by the crawl tests.
TRUTH_FIELDS = (
    "url",
    "title",
    "lead",
    "body_text",
    "authors",
    "sources",
    "published_at",
    "category",
    "subcategory",
)


def newsarchive(
    *args: str, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess (a Twisted reactor cannot restart inside one test process)."""
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        check=check,
        timeout=600,
    )


@pytest.fixture(scope="session")
def truth() -> dict[str, dict]:
    return {slug: json.loads((MIRROR / "truth" / f"{slug}.json").read_text("utf-8")) for slug in EDITIONS}


@pytest.fixture(scope="session")
def mirror_server():
    from newsarchive.mirror.server import MirrorServer

    with MirrorServer(port=0) as server:
        yield server


@pytest.fixture(scope="session")
def crawled(tmp_path_factory, mirror_server) -> dict:
    """Crawl both editions from the mirror (served by this test session, so requests can be inspected)."""
    db_path = tmp_path_factory.mktemp("archive") / "archive.db"
    env = {"NEWSARCHIVE_MIRROR_URL": mirror_server.url}
    first = newsarchive("crawl", "--db", str(db_path), env=env)
    return {"db_path": db_path, "first": first, "env": env}


@pytest.fixture
def db(crawled) -> sqlite_utils.Database:
    database = sqlite_utils.Database(crawled["db_path"])
    yield database
    database.close()
