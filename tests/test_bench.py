"""The benchmark scripts measure what they claim: token F1 is the usual bag-of-words score, our extractor
is at least as accurate as trafilatura on the mirror, and the report carries every row the issue names."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bench import extract as bench_extract
from bench import realworld
from bench.report import render


def test_token_f1_is_bag_of_words_f1():
    assert bench_extract.token_f1("Cần Đước đẩy mạnh", "cần đước đẩy mạnh") == 1.0
    assert bench_extract.token_f1("alpha beta", "gamma delta") == 0.0
    # 2 of 4 got tokens are right (precision 0.5), 2 of 2 wanted tokens found (recall 1.0)
    assert bench_extract.token_f1("a b c d", "a b") == pytest.approx(2 * 0.5 * 1.0 / 1.5)
    nfd = unicodedata.normalize("NFD", "Thời sự")
    assert bench_extract.token_f1(nfd, "Thời sự") == 1.0


@pytest.fixture(scope="module")
def one_round() -> dict:
    return bench_extract.run(rounds=1)


def test_ours_at_least_as_accurate_as_trafilatura(one_round):
    ours, theirs = one_round["accuracy"]["ours"], one_round["accuracy"]["trafilatura"]
    assert one_round["pages"] >= 150  # both editions of the bundled mirror
    for field in ("title", "published_at", "authors", "body_f1"):
        assert ours[field] >= theirs[field], field


def test_report_has_every_row_the_issue_names(one_round):
    markdown = render([one_round])
    for label in ("ours", "trafilatura", "lxml parse", "ours / trafilatura", "ours / lxml parse"):
        assert f"| {label} |" in markdown
    assert f"{one_round['pages_per_s']['ours']:,.0f}" in markdown
    assert "shared 2-core machine" in markdown
    for shape in bench_extract.hostile_shapes():  # every hostile page timed, and the page got extracted
        assert f"| {shape} |" in markdown
        assert one_round["hostile"][shape]["ours_s"] > 0


def test_realworld_scores_as_its_readme():
    assert realworld.body_f1("Cộng hòa xã hội", "cộng HÒA xã hội") == 1.0
    assert realworld.body_f1(unicodedata.normalize("NFD", "Thời sự"), "thời sự") == 1.0
    # 2 of 4 got tokens shared (P 0.5), 2 of 2 truth tokens found (R 1.0)
    assert realworld.body_f1("a b c d", "a b") == pytest.approx(2 * 0.5 * 1.0 / 1.5)
    assert realworld.body_f1("", "") == 0.0  # nothing shared scores 0, unlike the mirror's token_f1
    assert realworld.page_f1(None, "a b") == 0.0  # a refused article
    assert realworld.same_title(" Tin  mới\n", unicodedata.normalize("NFD", "Tin mới"))
    assert not realworld.same_title("Tin mới | Báo", "Tin mới")


def test_realworld_skips_without_the_pages(tmp_path):
    env = {**os.environ, "NEWSARCHIVE_REALWORLD": str(tmp_path / "missing")}
    out = tmp_path / "realworld.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.realworld", "--json", str(out)],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and "skipped" in done.stdout
    assert not out.exists()


def test_report_has_real_pages_only_when_measured():
    sets = {
        "scrapinghub": {
            "pages": 2,
            "body_f1_mean": 0.5,
            "body_f1_median": 0.5,
            "refused": 1,
            "pages_per_s": 9.0,
        },
        "vn non-articles": {"pages": 3, "refused": 1, "pages_per_s": 4.0},
    }
    measured = {"machine": {}, "rounds": 1, "pages": {"scrapinghub": 2}, "realworld": {"newsarchive": sets}}
    assert "| newsarchive | scrapinghub | 9.0 | 0.500 | 0.500 | 1/2 | – | – | – |" in render([measured])
    assert "| newsarchive | vn non-articles | 4.0 |" in render([measured])
    assert "Real pages" not in render([{"machine": {}}])


def test_crawl_bench_counts_the_articles_of_the_mirror_it_builds(tmp_path):
    """The truth folder also holds pairs.json (pairs, not articles): the count must read past it."""
    import json

    from bench import crawl

    count = crawl.build_mirror(tmp_path, 0)
    assert (tmp_path / "truth" / "pairs.json").exists()
    editions = [p for p in (tmp_path / "truth").glob("*.json") if p.name != "pairs.json"]
    assert count == sum(len(json.loads(p.read_text("utf-8"))["articles"]) for p in editions) > 0


def test_report_has_the_recovery_rows_only_when_measured():
    figures = {"articles": 600, "rounds": 3, "articles_per_s": {"live": 30.0, "recover": 60.0}, "ratio": 2.0}
    report = render([{"machine": {}, "recover": figures}])
    assert "| recover from pywb | 60.0 |" in report and "| recover / live | 2.00× |" in report
    assert "Recovery from a web archive" not in render([{"machine": {}}])
