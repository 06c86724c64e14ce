"""`newsarchive extract` prints the record the crawl stores, and fails clearly on non-articles."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from .conftest import MIRROR, REPO, newsarchive

SITES = MIRROR / "sites"
SEED_URL = "https://baolongan.vn/can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"


def _page(url: str) -> Path:
    host, path = url.split("/", 3)[2], url.split("/", 3)[3]
    return SITES / host / path


@pytest.mark.parametrize("slug", ["baolongan_vi", "baolongan_en"])
def test_extract_matches_crawl_record(db, truth, slug):
    """Same code path: the CLI's JSON equals the stored row, field for field, for a sample of pages."""
    sample = sorted(truth[slug]["articles"].values(), key=lambda a: a["article_id"])[::12]
    if slug == "baolongan_vi":
        sample.append(truth[slug]["articles"]["133682"])
    for want in sample:
        out = newsarchive("extract", str(_page(want["url"])), "--url", want["url"])
        record = json.loads(out.stdout)
        row = db["articles"].get(f"{record['site']}:{record['lang']}:{record['article_id']}")
        for field in ("url", "title", "lead", "body_text", "published_at", "category", "subcategory"):
            assert record[field] == row[field], (want["url"], field)
        for field in ("authors", "sources", "layers"):
            assert record[field] == json.loads(row[field]), (want["url"], field)
        images = [
            dict(r)
            for r in db.query(
                "select url, caption from images where article_key = ? order by position", [row["key"]]
            )
        ]
        assert record["images"] == images


def test_extract_seed_contract():
    out = newsarchive("extract", str(_page(SEED_URL)), "--url", SEED_URL)
    record = json.loads(out.stdout)
    for key in ("url", "site", "lang", "article_id", "title", "lead", "body_text", "authors", "sources",
                "published_at", "category", "images", "layers"):  # fmt: skip
        assert key in record
    assert record["site"] == "baolongan" and record["lang"] == "vi" and record["article_id"] == "133682"
    assert record["layers"]["title"] in ("metadata", "site", "generic")
    assert record["images"][0]["caption"] == "Các cơ quan, đơn vị ký kết giao ước thi đua năm 2022"


def test_extract_non_article_exits_nonzero(truth):
    not_article = next(e for e in truth["baolongan_vi"]["errors"] if e["kind"] == "not_article")
    out = newsarchive("extract", str(_page(not_article["url"])), "--url", not_article["url"], check=False)
    assert out.returncode == 1
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("not an article:")


def test_newsarchive_never_imports_spiders():
    for path in (REPO / "newsarchive").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n == "spiders" or n.startswith("spiders.") for n in names), path


def test_scrapy_list_from_repo_root():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert {"baolongan_en", "baolongan_vi"} <= set(out.stdout.split())
