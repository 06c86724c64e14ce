"""The benchmark scripts measure what they claim: token F1 is the usual bag-of-words score, our extractor
is at least as accurate as trafilatura on the mirror, and the report carries every row the issue names."""

from __future__ import annotations

import unicodedata

import pytest

from bench import extract as bench_extract
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
