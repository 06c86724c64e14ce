"""Shared fixtures: the mirror's truth files and a real archive crawled from the mirror over HTTP."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from newsarchive import record

REPO = Path(__file__).resolve().parent.parent
MIRROR = REPO / "newsarchive" / "mirror"
EDITIONS = ("baolongan_vi", "baolongan_en")
# Fields of an extract record the crawl tests compare with the mirror's truth: what a reader sees (exported)
# stored under its own name; site, lang and article_id are the key the row is found by, images are compared apart.
TRUTH_FIELDS = tuple(
    s.name
    for s in record.ARTICLE
    if s.field.export and s.column == s.name and s.name not in ("site", "lang", "article_id")
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


@pytest.fixture(scope="module")
def loop():
    # One loop for the module: Datasette's locks bind to the loop that first uses them.
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="module")
def client_for(loop):
    """Datasette's own test client over an archive, as `newsarchive serve` configures it: `get(path, params=…)`."""
    from newsarchive.datasette_app import make_datasette

    def make(db_path):
        ds = make_datasette(db_path)
        loop.run_until_complete(ds.invoke_startup())

        def get(path: str, **kwargs):
            return loop.run_until_complete(ds.client.get(path, **kwargs))

        def post(path: str, **kwargs):
            return loop.run_until_complete(ds.client.post(path, **kwargs))

        get.post = post  # type: ignore[attr-defined]
        return get

    return make


@pytest.fixture(scope="module")
def get(crawled, client_for):
    """Datasette's test client over the crawled archive."""
    return client_for(crawled["db_path"])


@pytest.fixture
def scratch_db(crawled, tmp_path):
    """A copy of the crawled archive a test may write to."""
    path = tmp_path / "archive.db"
    conn = sqlite3.connect(crawled["db_path"])
    conn.execute("vacuum into ?", [str(path)])
    conn.close()
    return path


@pytest.fixture
def hostile():
    """A scripted hostile site over the mirror (tests/hostile.py), on 127.0.0.1 for this test."""
    from tests.hostile import hostile_site

    with hostile_site() as site:
        yield site


# End-to-end tests: real crawls over HTTP (subprocesses), the crawled archive, servers and browsers. They are
# marked `e2e`, so `pytest -m "not e2e"` runs the unit tests alone (about 200, under a minute).
E2E_FIXTURES = {"crawled", "hostile", "mirror_server"}
E2E_MODULES = {
    "test_browser",
    "test_crawl_log",
    "test_crawl_memory",
    "test_cron",
    "test_disk_full",
    "test_kill",
    "test_operations",
    "test_recover",
    "test_scaleout",
    "test_tls",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_FIXTURES & set(getattr(item, "fixturenames", ())) or item.path.stem in E2E_MODULES:
            item.add_marker(pytest.mark.e2e)
