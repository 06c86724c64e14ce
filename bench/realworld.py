"""Extraction on real pages nobody here wrote: ours vs trafilatura (vs newspaper4k when installed), issue 13.

    python -m bench.realworld [--rounds 3] [--json build/bench/realworld.json]

Reads the pages in place from `../shared/realworld` beside the checkout (or $NEWSARCHIVE_REALWORLD); they are
reference data that must never be copied into the project, so a checkout without them skips with one line.
Scoring follows that folder's README: body token F1 (lead followed by body; a refused or crashed article
scores 0), non-articles should be refused, title exact after NFC and whitespace normalisation, date to the day.
Every page is loaded into memory first; the tools take turns on each page so a busy neighbour slows all alike,
and only the extraction calls are timed (our extractor's own calls into trafilatura included).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from bench.common import REPO, machine, median, write_json
from newsarchive.extract import NotAnArticle, extract_article

WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")
SETS = ("scrapinghub", "vn articles", "vn non-articles")


@dataclass
class Page:
    """One real page in memory with its truth; `kind` is "article" or "non-article"."""

    group: str
    name: str
    html: str
    url: str
    kind: str
    body: str = ""
    title: str | None = None
    date: str | None = None


@dataclass
class Extracted:
    """What a tool offers a reader, in one shape: None fields where it gave nothing."""

    body: str
    title: str | None = None
    date: str | None = None


Tool = Callable[[str, str], Extracted | None]  # None: the page was refused (or the tool crashed)


def folder() -> Path:
    """The real pages: $NEWSARCHIVE_REALWORLD, else `shared/realworld` beside the checkout."""
    return Path(os.environ.get("NEWSARCHIVE_REALWORLD") or REPO.parent / "shared" / "realworld")


def tokens(text: str | None) -> Counter[str]:
    return Counter(WORD.findall(unicodedata.normalize("NFC", text or "").lower()))


def body_f1(extracted: str | None, truth: str) -> float:
    """The README's per-page score: bag-of-words F1 over NFC lower-cased `\\w+` tokens; nothing shared is 0."""
    got, want = tokens(extracted), tokens(truth)
    shared = sum((got & want).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(got.values()), shared / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def page_f1(got: Extracted | None, truth: str) -> float:
    """A refused article scores 0, whatever its truth."""
    return body_f1(got.body, truth) if got is not None else 0.0


def same_title(a: str | None, b: str | None) -> bool:
    def norm(s: str | None) -> str:
        return SPACE.sub(" ", unicodedata.normalize("NFC", s or "")).strip()

    return norm(a) == norm(b)


def load_pages(root: Path) -> list[Page]:
    """Every page of both sets, decoded (all are UTF-8) before any timing starts."""
    pages: list[Page] = []
    truth = json.loads((root / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    for key in sorted(truth):
        raw = gzip.decompress((root / "scrapinghub" / "html" / f"{key}.html.gz").read_bytes())
        record = truth[key]
        pages.append(
            Page(
                "scrapinghub",
                key,
                raw.decode("utf-8", "replace"),
                record["url"],
                "article",
                record["articleBody"],
            )
        )
    for path in sorted((root / "vn").glob("*.truth.json")):
        record = json.loads(path.read_text("utf-8"))
        html_path = path.with_name(path.name.removesuffix(".truth.json"))
        kind = record["kind"]
        pages.append(
            Page(
                "vn articles" if kind == "article" else "vn non-articles",
                html_path.name,
                html_path.read_text("utf-8", "replace"),
                record["url"],
                kind,
                record.get("body") or "",
                record.get("title"),
                record.get("date"),
            )
        )
    return pages


def ours(html: str, url: str) -> Extracted | None:
    try:
        record = extract_article(html, url)
    except NotAnArticle:
        return None
    text = "\n".join(part for part in (record.get("lead"), record.get("body_text")) if part)
    return Extracted(text, record.get("title"), record.get("published_at"))


def with_trafilatura(html: str, url: str) -> Extracted | None:
    """Default settings with metadata; an empty result is a refusal."""
    raw = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    if not raw:
        return None
    data = json.loads(raw)
    return Extracted(data.get("text") or "", data.get("title"), data.get("date"))


def newspaper_tool() -> Tool | None:
    """newspaper4k only where someone installed it: the project's installs leave it out (issue 13)."""
    try:
        import newspaper
    except ImportError:
        return None

    def with_newspaper(html: str, url: str) -> Extracted | None:
        article = newspaper.Article(url)
        article.download(input_html=html)
        article.parse()
        if not article.text:
            return None
        date = article.publish_date.isoformat() if article.publish_date else None
        return Extracted(article.text, article.title, date)

    return with_newspaper


def tools() -> dict[str, Tool]:
    found: dict[str, Tool] = {"newsarchive": ours, "trafilatura": with_trafilatura}
    if (extra := newspaper_tool()) is not None:
        found["newspaper4k"] = extra
    return found


def _call(tool: Tool, page: Page) -> Extracted | None:
    """A crash counts as a refusal, as the README scores it."""
    try:
        return tool(page.html, page.url)
    except Exception:  # noqa: BLE001 - any tool failure on a foreign page is a refusal, not a bench crash
        return None


@dataclass
class Run:
    """Each tool's answer per page (first round) and its extraction seconds per set and round."""

    answers: dict[str, dict[str, Extracted | None]] = field(default_factory=dict)
    seconds: dict[str, dict[str, list[float]]] = field(default_factory=dict)


def run_tools(pages: list[Page], found: dict[str, Tool], rounds: int) -> Run:
    """The tools take turns on every page, round after round; only the calls themselves are timed."""
    result = Run(
        answers={name: {} for name in found},
        seconds={name: {group: [0.0] * rounds for group in SETS} for name in found},
    )
    for round_no in range(rounds):
        for page in pages:
            for name, tool in found.items():
                start = time.perf_counter()
                got = _call(tool, page)
                result.seconds[name][page.group][round_no] += time.perf_counter() - start
                if round_no == 0:
                    result.answers[name][page.name] = got
    return result


def score(pages: list[Page], answers: dict[str, Extracted | None]) -> dict[str, dict[str, Any]]:
    """Per set: body F1 and refusals for articles; title and date for the sets whose truth has them."""
    figures: dict[str, dict[str, Any]] = {}
    for group in SETS:
        members = [p for p in pages if p.group == group]
        if not members:
            continue
        got = [answers[p.name] for p in members]
        if group == "vn non-articles":
            figures[group] = {"pages": len(members), "refused": sum(g is None for g in got)}
            continue
        f1 = [page_f1(g, p.body) for p, g in zip(members, got, strict=True)]
        entry: dict[str, Any] = {
            "pages": len(members),
            "body_f1_mean": sum(f1) / len(f1),
            "body_f1_median": median(f1),
            "refused": sum(g is None for g in got),
        }
        if group == "vn articles":
            pairs = list(zip(members, got, strict=True))
            entry["title_exact"] = sum(g is not None and same_title(g.title, p.title) for p, g in pairs)
            dated = [(p, g) for p, g in pairs if p.date]
            entry["dated"] = len(dated)
            entry["date_day"] = sum(g is not None and (g.date or "")[:10] == p.date for p, g in dated)
        figures[group] = entry
    return figures


def run(root: Path, rounds: int) -> dict[str, Any]:
    pages = load_pages(root)
    found = tools()
    for tool in found.values():  # warm imports and caches before the clock starts
        _call(tool, pages[0])
    timed = run_tools(pages, found, rounds)
    counts = Counter(p.group for p in pages)
    figures: dict[str, Any] = {}
    for name in found:
        sets = score(pages, timed.answers[name])
        for group, entry in sets.items():
            entry["pages_per_s"] = median([counts[group] / s for s in timed.seconds[name][group] if s > 0])
        figures[name] = sets
    return {
        "machine": machine(),
        "rounds": rounds,
        "pages": dict(sorted(counts.items())),
        "realworld": figures,
    }


def report(result: dict[str, Any]) -> str:
    lines = [f"real pages {result['pages']}, median of {result['rounds']} rounds"]
    for name, sets in result["realworld"].items():
        for group, e in sets.items():
            if group == "vn non-articles":
                scores = f"non-articles refused {e['refused']}/{e['pages']}"
            else:
                scores = (
                    f"body F1 mean {e['body_f1_mean']:.3f} median {e['body_f1_median']:.3f}"
                    f"  refused {e['refused']}/{e['pages']}"
                )
                if "title_exact" in e:
                    scores += f"  title {e['title_exact']}/{e['pages']}  date {e['date_day']}/{e['dated']}"
            lines.append(f"{name:>12} {group:>16}: {e['pages_per_s']:8.1f} pages/s  {scores}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; medians are reported")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    root = folder()
    if not (root / "scrapinghub").is_dir() or not (root / "vn").is_dir():
        print(f"bench.realworld: skipped, no real pages at {root}")
        return 0
    result = run(root, args.rounds)
    print(report(result))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
