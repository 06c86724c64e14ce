"""Turn the JSON figures of bench/extract.py, bench/crawl.py, bench/realworld.py and bench/recover.py into
bench/RESULTS.md.

python -m bench.report build/bench/extract.json build/bench/crawl.json [build/bench/realworld.json]
    [build/bench/recover.json] > bench/RESULTS.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

TARGETS = {
    "ours / trafilatura": 5.0,
    "ours / lxml parse": 0.1,
    "full pipeline / fetch-only": 0.8,
}
FIELDS = ("title", "published_at", "authors", "body_f1")


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _real_pages(realworld: dict[str, Any]) -> list[str]:
    """The "Real pages" table (issue 13): every tool on every set of ../shared/realworld, from one run."""
    out = [
        "",
        "## Real pages",
        "",
        f"`bench/realworld.py` on `../shared/realworld` ({', '.join(f'{k}: {v}' for k, v in realworld['pages'].items())}"
        f" pages), median of {realworld['rounds']} rounds. Body token F1 of lead + body (a refused article scores 0),",
        "title exact after NFC and whitespace normalisation, date to the day; non-articles should be refused.",
        "",
        "| tool | set | pages/s | body F1 mean | body F1 median | articles refused | title exact | date to the day "
        "| non-articles refused |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, sets in realworld["realworld"].items():
        for group, e in sets.items():
            rate = f"{e['pages_per_s']:,.1f}"
            if group == "vn non-articles":
                out.append(f"| {name} | {group} | {rate} | – | – | – | – | – | {e['refused']}/{e['pages']} |")
                continue
            title = f"{e['title_exact']}/{e['pages']}" if "title_exact" in e else "–"
            date = f"{e['date_day']}/{e['dated']}" if "date_day" in e else "–"
            out.append(
                f"| {name} | {group} | {rate} | {e['body_f1_mean']:.3f} | {e['body_f1_median']:.3f} | "
                f"{e['refused']}/{e['pages']} | {title} | {date} | – |"
            )
    return out


def render(results: list[dict[str, Any]]) -> str:
    extract = next((r for r in results if "pages_per_s" in r), None)
    crawl = next((r for r in results if "throughput" in r), None)
    sizes = next((r for r in results if "sizes" in r), None)
    realworld = next((r for r in results if "realworld" in r), None)
    recovered = next((r for r in results if "recover" in r), None)
    first = extract or crawl or sizes or realworld or recovered or {}
    m = first.get("machine", {})
    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/extract.py`, `bench/crawl.py`, `bench/report.py`); rerun it to refresh.",
        "Figures come from a **shared 2-core machine** where other engineers run tests at the same time: rates",
        "are medians of several rounds, and the ratios — measured side by side in one run — are the figures",
        "to compare, not the absolute rates.",
        "",
        f"- Machine: {m.get('cpu')}, {m.get('cores')} cores, Python {m.get('python')}, {m.get('os')}; "
        f"load average at start {m.get('load_average')}",
        f"- Date: {m.get('date')}",
    ]
    if extract:
        out.append(
            f"- Extraction: {extract['pages']} article pages of the bundled mirror (both editions) in memory, "
            f"median of {extract['rounds']} rounds. Accuracy against the mirror truth: title, date and "
            "authors exact (share of pages), body token F1 (mean). trafilatura's date has no time of day, "
            "so it is graded on the day only."
        )
    if crawl:
        t = crawl["throughput"]
        out.append(
            f"- Crawl: a generated mirror of {t['articles']} articles served on 127.0.0.1, both editions, "
            f"politeness off, each crawl in its own process, median of {t['rounds']} rounds; peak RSS is "
            "the crawling process's own."
        )
    out += [
        "",
        "| row | pages/s | pages | title | date | authors | body F1 | peak RSS | target / note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    ratios: dict[str, float] = {}
    if extract:
        for name, rate in extract["pages_per_s"].items():
            acc = extract["accuracy"].get(name)
            scores = [f"{acc[f]:.3f}" for f in FIELDS] if acc else ["–"] * 4
            out.append(f"| {name} | {rate:,.0f} | {extract['pages']} | {' | '.join(scores)} | – | |")
        ratios |= extract["ratios"]
    if crawl:
        t = crawl["throughput"]
        for mode in ("full pipeline", "full pipeline + images", "fetch-only"):
            if mode not in t["summary"]:  # figures from before images were captured
                continue
            s = t["summary"][mode]
            out.append(
                f"| {mode} | {s['pages_per_s']:,.0f} | {s['pages']:.0f} | – | – | – | – | "
                f"{s['peak_rss_mib']:.0f} MiB | {s['cpu_ms_per_page']:.2f} CPU ms per page |"
            )
        ratios["full pipeline / fetch-only"] = t["ratio"]
        ratios["full pipeline / fetch-only, by CPU time"] = t["cpu_ratio"]
        if "images_ratio" in t:
            ratios["full pipeline + images / fetch-only, pages other than images"] = t["images_ratio"]
    for label, ratio in ratios.items():
        target = TARGETS.get(label)
        verdict = (
            f"≥ {target}× — {_met(ratio >= target)}"
            if target
            else "no target: the pipeline's own cost, whatever the load"
        )
        out.append(f"| {label} | {ratio:.2f}× | | | | | | | {verdict} |")
    if extract:
        ours, theirs = extract["accuracy"]["ours"], extract["accuracy"]["trafilatura"]
        ok = all(ours[f] >= theirs[f] for f in FIELDS)
        out.append(
            f"| accuracy ours ≥ trafilatura | | | {' | '.join('✓' if ours[f] >= theirs[f] else '✗' for f in FIELDS)}"
            f" | | every field — {_met(ok)} |"
        )
    if sizes:
        out += [
            "",
            "Peak RSS of a full-pipeline crawl by mirror size (`bench/crawl.py --sizes`):",
            "",
            "The no-change re-crawl is a plain (incremental) run over the same archive: listing pages only.",
            "Targets (issue 4): peak RSS ratio 20,000 / 2,000 ≤ 1.1, absolute ≤ 250 MB.",
            "",
            "| articles | pages | pages/s | peak RSS | requests, first run | no-change re-crawl: requests | "
            "its peak RSS |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        rows = sizes["sizes"]
        for row in rows:
            again = row["requests_no_change_run"]
            again_rss = row.get("peak_rss_no_change_mib")
            out.append(
                f"| {row['articles']} | {row['pages']} | {row['pages_per_s']:,.0f} | "
                f"{row['peak_rss_mib']:.0f} MiB | {row['requests_first_run']} | "
                f"{again if again is not None else 'not measured'} | "
                f"{f'{again_rss:.0f} MiB' if again_rss is not None else '–'} |"
            )
        if len(rows) >= 2:
            ratio = rows[-1]["peak_rss_mib"] / rows[0]["peak_rss_mib"]
            verdict = _met(ratio <= 1.1)
            out.append(
                f"| ratio {rows[-1]['articles']} / {rows[0]['articles']} | | | {ratio:.2f}× ({verdict}) | | | |"
            )
    if extract and extract.get("hostile"):
        out += _hostile(extract["hostile"])
    if realworld:
        out += _real_pages(realworld)
    if recovered:
        out += _recover(recovered["recover"])
    scaleout = next((r for r in results if "scaleout" in r), None)
    if scaleout:
        out += _scaleout(scaleout)
    return "\n".join(out) + "\n"


def _recover(r: dict[str, Any]) -> list[str]:
    """Recovery from a web archive beside a live crawl of the same articles (issue 19); no target."""
    rates = r["articles_per_s"]
    return [
        "",
        "## Recovery from a web archive",
        "",
        f"`bench/recover.py`: the {r['articles']} articles of a generated mirror, each captured once, recovered from",
        f"pywb on 127.0.0.1 (`newsarchive recover`) and crawled live from the mirror, median of {r['rounds']} rounds;",
        "whole CLI runs, politeness off for both. No target: the real archives' politeness sets the real pace.",
        "",
        "| row | articles/s |",
        "|---|---:|",
        f"| live crawl (`crawl --no-images`) | {rates['live']:,.1f} |",
        f"| recover from pywb | {rates['recover']:,.1f} |",
        f"| recover / live | {r['ratio']:.2f}× |",
    ]


def _scaleout(figures: dict[str, Any]) -> list[str]:
    """`bench/scaleout.py`: 1, 2 and 4 workers and one writer against a local crawl (issue 20)."""
    out = [
        "",
        f"Scale-out (`bench/scaleout.py`): a mirror of {figures.get('articles') or 'the bundled'} articles answering"
        f" after {figures['delay']} s, "
        f"{figures['concurrency']} requests in flight per spider in every process. Steady pages/s: the middle 80 %"
        " of the requests. Targets (issue 20): 2 workers ≥ 1.8×, 4 workers ≥ 3× one worker.",
        "",
        "| crawl | pages | pages/s | steady pages/s | × 1 worker | CPU ms per page | writer records/s | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    targets = {2: 1.8, 4: 3.0}
    for row in figures["scaleout"]:
        n = row["workers"]
        name = "local crawl" if n == 0 else f"{n} worker" + "s" * (n > 1)
        target = targets.get(n)
        verdict = f"≥ {target}× — {_met(row['vs_one_worker'] >= target)}" if target else ""
        ingest = f"{row['ingest_per_s']:.0f} (capacity {row['ingest_capacity_per_s']:.0f})" if n else "–"
        out.append(
            f"| {name} | {row['pages']} | {row['pages_per_s']:.1f} | {row['steady_pages_per_s']:.1f} | "
            f"{row['vs_one_worker']:.2f}× | {row['cpu_ms_per_page']:.1f} | {ingest} | {verdict} |"
        )
    return out


def _hostile(figures: dict[str, dict[str, float]]) -> list[str]:
    """Seconds per generated hostile page: a guard against extraction going quadratic, no target."""
    out = [
        "",
        "Generated hostile pages (`bench/extract.py`, median of 3): seconds for one page, ours and a bare lxml",
        "parse of it. No target: these guard against extraction going quadratic on odd shapes (issue 13).",
        "",
        "| page | size | ours | lxml parse | ours / parse |",
        "|---|---:|---:|---:|---:|",
    ]
    for shape, f in figures.items():
        out.append(
            f"| {shape} | {f['mb']:.1f} MB | {f['ours_s']:.2f} s | {f['parse_s']:.2f} s | "
            f"{f['ours_s'] / f['parse_s']:.0f}× |"
        )
    return out


def main(argv: list[str]) -> int:
    results = [json.loads(Path(p).read_text("utf-8")) for p in argv if Path(p).exists()]
    if not results:
        print("usage: python -m bench.report FIGURES.json... > bench/RESULTS.md", file=sys.stderr)
        return 2
    sys.stdout.write(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
