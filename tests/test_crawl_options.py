"""`newsarchive crawl` before it crawls: `-s` values checked against the setting's type, the contact warning.

Every crawl here finds the run lock held, so it exits (3) before fetching anything: no network needed.
"""

from __future__ import annotations

import pytest

from newsarchive.crawl import run_lock

from .conftest import newsarchive

WARNING = "set NEWSARCHIVE_CONTACT to your own page or mailto: address"


@pytest.fixture
def locked_db(tmp_path):
    db_path = tmp_path / "archive.db"
    with run_lock(db_path):
        yield db_path


def crawl(db_path, *args: str, contact: str | None = None):
    # The helper merges env over os.environ: blank (= unset) the two variables the test controls.
    env = {"NEWSARCHIVE_CONTACT": contact or "", "NEWSARCHIVE_MIRROR_URL": ""}
    return newsarchive("crawl", "--db", str(db_path), *args, env=env, check=False)


@pytest.mark.parametrize(
    "setting",
    ["DOWNLOAD_DELAY=abc", "ROBOTSTXT_OBEY=maybe", "RETRY_HTTP_CODES=500,x", "SPIDER_MIDDLEWARES={"],
)
def test_a_setting_of_the_wrong_type_is_a_usage_error(locked_db, setting):
    result = crawl(locked_db, "-s", setting)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        f"Error: Invalid value for --set: {setting.split('=')[0]} takes a"
    )


@pytest.mark.parametrize("setting", ["DOWNLOAD_DELAY=2", "RETRY_HTTP_CODES=500,503", "ROBOTSTXT_OBEY=False"])
def test_a_setting_of_the_right_type_is_taken(locked_db, setting):
    assert crawl(locked_db, "-s", setting).returncode == 3  # got as far as the lock


def test_the_placeholder_contact_is_warned_of_for_the_real_sites(locked_db):
    warned = crawl(locked_db)
    assert warned.returncode == 3
    assert [line for line in warned.stderr.splitlines() if WARNING in line] != []
    assert WARNING not in crawl(locked_db, contact="mailto:archive@example.org").stderr
    assert WARNING not in crawl(locked_db, "--mirror").stderr
    assert WARNING not in crawl(locked_db, "-s", "USER_AGENT=my-archive (+mailto:me@example.org)").stderr
