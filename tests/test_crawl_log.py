"""A mirror crawl of every spider leaves a clean log: no traceback, no exception raised in a spider callback,
and none of the extensions a cron job must not run (RemoteControl executes Python sent to it over HTTP)."""

from __future__ import annotations

import re

import pytest

from newsarchive.crawl import spider_names

from .conftest import newsarchive


@pytest.fixture(scope="module")
def verbose_crawl(tmp_path_factory, mirror_server):
    db = tmp_path_factory.mktemp("log") / "archive.db"
    result = newsarchive(
        "crawl", "-v", "--site", "all", "--db", str(db), env={"NEWSARCHIVE_MIRROR_URL": mirror_server.url}
    )
    return result, (db.parent / "logs" / "newsarchive.log").read_text("utf-8")


def test_no_traceback_and_no_spider_exception(verbose_crawl):
    result, log = verbose_crawl
    assert "Dumping Scrapy stats" in result.stderr  # Scrapy's own log is there to be read
    for text in (result.stderr, log):
        assert "Traceback" not in text
        assert "spider_exceptions" not in text


def test_remote_control_is_off(verbose_crawl):
    result, _ = verbose_crawl
    enabled = re.findall(r"Enabled extensions:\n\[(.*?)\]", result.stderr, re.DOTALL)
    assert len(enabled) == len(spider_names("all", None)) == 5  # one list per spider
    for extensions in enabled:
        assert "scrapy.extensions.corestats.CoreStats" in extensions
        assert "RemoteControl" not in extensions
