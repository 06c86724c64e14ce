"""Extraction throughput and accuracy, side by side: ours vs trafilatura vs a bare lxml parse (the floor).

    python -m bench.extract [--rounds 7] [--json build/bench/extract.json] [--profile]

Every valid article page of the bundled mirror (both editions) is loaded into memory first; each round
times the three tools over the same pages, interleaved so a busy neighbour slows all of them alike, and
the medians are reported. Accuracy is measured against the mirror's truth files: title, published_at and
authors exact, body token F1 — so a speed-up can never hide a loss of accuracy.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura

from bench.common import REPO, machine, median, write_json
from newsarchive.extract import NotAnArticle, extract_article

MIRROR = REPO / "newsarchive" / "mirror"
EDITIONS = {"baolongan_vi": "baolongan.vn", "baolongan_en": "news.baolongan.vn"}
WORD = re.compile(r"\w+")

Page = tuple[str, str, dict[str, Any]]  # html, url, truth record


def load_pages(mirror: Path = MIRROR) -> list[Page]:
    """Every valid article of both editions as (html text, URL, truth), read before any timing starts."""
    pages: list[Page] = []
    for slug, host in EDITIONS.items():
        truth = json.loads((mirror / "truth" / f"{slug}.json").read_text("utf-8"))
        for record in truth["articles"].values():
            path = mirror / "sites" / host / record["url"].split("/", 3)[3]
            pages.append((path.read_text("utf-8"), record["url"], record))
    return pages


def ours(html: str, url: str) -> dict[str, Any] | None:
    try:
        return extract_article(html, url)
    except NotAnArticle:
        return None


def with_trafilatura(html: str, url: str) -> dict[str, Any] | None:
    """trafilatura's own record, mapped onto our field names (its date has no time: compared by day)."""
    raw = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    if not raw:
        return None
    data = json.loads(raw)
    authors = [a.strip() for a in (data.get("author") or "").split(";") if a.strip()]
    return {
        "title": data.get("title"),
        "published_at": data.get("date"),
        "authors": authors,
        "body_text": data.get("text") or "",
    }


def lxml_parse(html: str, url: str) -> object:
    return lxml.html.fromstring(html)


TOOLS: dict[str, Callable[[str, str], object]] = {
    "ours": ours,
    "trafilatura": with_trafilatura,
    "lxml parse": lxml_parse,
}


def token_f1(got: str, want: str) -> float:
    """Bag-of-words F1 over lower-cased NFC word tokens (the usual main-text extraction score)."""
    got_tokens = Counter(WORD.findall(unicodedata.normalize("NFC", got).lower()))
    want_tokens = Counter(WORD.findall(unicodedata.normalize("NFC", want).lower()))
    overlap = sum((got_tokens & want_tokens).values())
    if not overlap:
        return 1.0 if not got_tokens and not want_tokens else 0.0
    precision = overlap / sum(got_tokens.values())
    recall = overlap / sum(want_tokens.values())
    return 2 * precision * recall / (precision + recall)


def accuracy(name: str, pages: list[Page]) -> dict[str, float]:
    """Share of pages with each field exactly right, and the mean body token F1."""
    hits = {"title": 0, "published_at": 0, "authors": 0}
    f1: list[float] = []
    for html, url, truth in pages:
        got = ours(html, url) if name == "ours" else with_trafilatura(html, url)
        got = got or {}
        want_date = truth["published_at"]
        if name == "trafilatura" and want_date:
            want_date = want_date[:10]  # trafilatura gives the day only: graded on the day, leniently
        hits["title"] += got.get("title") == truth["title"]
        hits["published_at"] += got.get("published_at") == want_date
        hits["authors"] += (got.get("authors") or []) == truth["authors"]
        f1.append(token_f1(got.get("body_text") or "", truth["body_text"]))
    n = len(pages)
    return {**{k: v / n for k, v in hits.items()}, "body_f1": sum(f1) / n}


def time_rounds(pages: list[Page], rounds: int) -> dict[str, list[float]]:
    """pages/s of every tool in every round; the tools take turns within a round."""
    rates: dict[str, list[float]] = {name: [] for name in TOOLS}
    for _ in range(rounds):
        for name, tool in TOOLS.items():
            start = time.perf_counter()
            for html, url, _truth in pages:
                tool(html, url)
            rates[name].append(len(pages) / (time.perf_counter() - start))
    return rates


def profile_ours(pages: list[Page], top: int = 15) -> str:
    """cProfile of our extractor over the pages: the functions that cost the most time of their own."""
    profiler = cProfile.Profile()
    profiler.enable()
    for html, url, _truth in pages:
        ours(html, url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


PROSE = "<p>Một đoạn văn bản đủ dài để được tính là đoạn văn, có dấu phẩy, và nhiều chữ hơn nữa cho chắc.</p>"
LINKED = "<p>Đoạn có <a href='/a'>liên kết một</a> và <a href='/b'>liên kết hai</a> và <a href='/c'>ba</a> nữa.</p>"


def hostile_shapes() -> dict[str, str]:
    """Generated pages of the shapes that made extraction quadratic on the way (issue 13): many siblings,
    deep nesting, deep links, a large table. Figures guard against a blow-up; they carry no target."""
    head = "<html><body><h1>Tiêu đề bài viết thử</h1>"
    return {
        "20,000 sibling cards": head + ("<div class='card'>" + PROSE + "</div>") * 20_000 + "</body></html>",
        "2,000 paragraphs 190 deep": head + "<div class='a b'>" * 190 + PROSE * 2_000 + "</div>" * 190,
        "9,000 links 190 deep": head + "<div class='a'>" * 190 + (PROSE + LINKED) * 3_000 + "</div>" * 190,
        "300 paragraphs each 60 deep": head + ("<div class='x'>" * 60 + PROSE + "</div>" * 60) * 300,
        "table of 5,000 rows": head + "<table>" + ("<tr>" + "<td>ô bảng có chữ khá dài</td>" * 5 + "</tr>") * 5_000,
    }


def time_hostile(rounds: int) -> dict[str, dict[str, float]]:
    """Seconds per hostile page (median of `rounds`), ours and a bare lxml parse of the same page."""
    url = "https://example.org/tin-tuc/bai-viet-123456.html"
    figures: dict[str, dict[str, float]] = {}
    for name, html in hostile_shapes().items():
        seconds: dict[str, list[float]] = {"ours": [], "lxml parse": []}
        for _ in range(rounds):
            for tool, call in (("ours", ours), ("lxml parse", lxml_parse)):
                start = time.perf_counter()
                call(html, url)
                seconds[tool].append(time.perf_counter() - start)
        ours_s, parse_s = median(seconds["ours"]), median(seconds["lxml parse"])
        figures[name] = {"mb": len(html.encode("utf-8")) / 1e6, "ours_s": ours_s, "parse_s": parse_s}
    return figures


def run(rounds: int) -> dict[str, Any]:
    pages = load_pages()
    ours(*pages[0][:2])  # warm imports and caches before the clock starts
    with_trafilatura(*pages[0][:2])
    rates = time_rounds(pages, rounds)
    medians = {name: median(values) for name, values in rates.items()}
    return {
        "machine": machine(),
        "pages": len(pages),
        "rounds": rounds,
        "pages_per_s": medians,
        "rounds_pages_per_s": rates,
        "accuracy": {name: accuracy(name, pages) for name in ("ours", "trafilatura")},
        "ratios": {
            "ours / trafilatura": medians["ours"] / medians["trafilatura"],
            "ours / lxml parse": medians["ours"] / medians["lxml parse"],
        },
        "hostile": time_hostile(3),
    }


def report(result: dict[str, Any]) -> str:
    lines = [f"{result['pages']} mirror article pages, median of {result['rounds']} rounds"]
    for name, rate in result["pages_per_s"].items():
        acc = result["accuracy"].get(name)
        scores = (
            f"  title {acc['title']:.3f}  date {acc['published_at']:.3f}  authors {acc['authors']:.3f}"
            f"  body F1 {acc['body_f1']:.3f}"
            if acc
            else ""
        )
        lines.append(f"{name:>12}: {rate:9.1f} pages/s{scores}")
    for label, ratio in result["ratios"].items():
        lines.append(f"{label:>20}: {ratio:.2f}x")
    for shape, f in result.get("hostile", {}).items():
        lines.append(
            f"  hostile {shape:>28}: {f['mb']:4.1f} MB  ours {f['ours_s']:6.2f} s  parse {f['parse_s']:5.2f} s"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds; medians are reported")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--profile", action="store_true", help="print where our extractor spends its time")
    args = parser.parse_args(argv)
    result = run(args.rounds)
    print(report(result))
    if args.profile:
        print(profile_ours(load_pages()))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
