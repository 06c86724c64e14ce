"""Articles per month and edition drawn as a self-contained SVG: no script, no CDN, readable offline.

A server-side SVG was chosen over a charting plugin (datasette-vega and friends load or bundle large
JavaScript, and the maintained ones fetch from CDNs): the chart is one small function, works with
JavaScript disabled, and every mark carries a `<title>` tooltip with the exact count.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup, escape

# No filter on published_at: SQLite reads the facet index alone, which holds site, lang and the date (a range
# scan of the published_at index would look every article up in the wide table: over 3 s at 250,000
# articles). Undated articles come back as a NULL month and are counted among those not drawn.
MONTHLY_SQL = """
select substr(published_at, 1, 7) as month, site, lang, count(*) as articles
from articles group by month, site, lang order by site, month, lang
"""
# Seen, archived and missing article ids per month and edition, and where the archived ones came from (the
# `coverage` view, store.m011_provenance): about 2 s at 250,000 articles with 2.5 million links.
GAPS_SQL = "select month, site, lang, seen, archived, missing, live, wayback, commoncrawl from coverage"
GAP_COUNTS = ("seen", "archived", "missing", "live", "wayback", "commoncrawl")


def with_totals(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each edition's months after a row of its totals (`total`: True); a month that cannot be drawn (no date,
    an unreadable one: see `drawable`) is counted in one row without a month."""
    editions: dict[tuple[str, str], dict[str | None, dict[str, int]]] = {}
    for row in rows:
        month = row["month"] if drawable([(row["month"], "", 0)])[0] else None
        counts = editions.setdefault((row["site"], row["lang"]), {}).setdefault(
            month, dict.fromkeys(GAP_COUNTS, 0)
        )
        for k in GAP_COUNTS:
            counts[k] += row[k] or 0
    out: list[dict[str, Any]] = []
    for (site, lang), months in sorted(editions.items()):
        total = {k: sum(c[k] for c in months.values()) for k in GAP_COUNTS}
        out.append({"month": None, "site": site, "lang": lang, **total, "total": True})
        for month in sorted(months, key=lambda m: m or ""):
            out.append({"month": month, "site": site, "lang": lang, **months[month], "total": False})
    return out


# Months drawn: ASCII `YYYY-MM` (no fullwidth digits), month 01-12, year from FIRST_YEAR to next year. The
# sources publish online since the 2000s; a year before 1975 (the reunification, before both publishers) or
# after next year is a parsing error, and drawing it would stretch the chart over centuries of empty months.
FIRST_YEAR = 1975
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])", re.ASCII)

COLORS = {"vi": "#c0392b", "en": "#2471a3"}
LABELS = {"vi": "Tiếng Việt", "en": "English"}
WIDTH, HEIGHT, LEFT, BOTTOM, TOP, RIGHT = 900, 260, 40, 30, 20, 10


def drawable(counts: list[tuple[str | None, str, int]]) -> tuple[list[tuple[str, str, int]], int]:
    """The counts whose month can be drawn, and the number of articles left out (no date or an unreadable one)."""
    last_year = datetime.now(UTC).year + 1
    kept, skipped = [], 0
    for month, lang, n in counts:
        found = _MONTH.fullmatch(month or "")
        if found and FIRST_YEAR <= int(found[1]) <= last_year:
            kept.append((found[0], lang, n))
        else:
            skipped += n
    return kept, skipped


def _months(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both valid `YYYY-MM` (see `drawable`)."""
    start = int(first[:4]) * 12 + int(first[5:7]) - 1
    end = int(last[:4]) * 12 + int(last[5:7]) - 1
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(start, end + 1)]


PALETTE = ("#c0392b", "#2471a3", "#7d3c98", "#117a65", "#b9770e", "#566573")
LEGEND_ROW = 12  # px per legend row
MIN_LABEL_GAP = 44  # px between year labels, so that "2019" and "2020" never overlap


def svg(
    counts: list[tuple[str, str, int]],
    title: str = "Articles per month, per edition",
    names: dict[str, str] | None = None,
    empty: str = "No dated articles yet.",
) -> Markup:
    """One line per series (an edition) over every month between the first and last point (gaps drawn as
    zero); `names` label the series (else COLORS/LABELS by language). `counts` must hold only valid months
    (`drawable`)."""
    if not counts:
        return Markup('<p class="chart-empty">{}</p>').format(empty)
    names = names or {}
    months = _months(min(c[0] for c in counts), max(c[0] for c in counts))
    index = {m: i for i, m in enumerate(months)}
    peak = max(c[2] for c in counts)
    by_lang: dict[str, dict[str, int]] = {}
    for month, lang, n in counts:
        by_lang.setdefault(lang, {})[month] = n
    series = sorted(by_lang.items(), reverse=True)
    # The legend, wrapped into rows that fit the width; the plot starts below it.
    legend, lx, row = [], LEFT + 10, 0
    for i, (lang, _) in enumerate(series):
        label = names.get(lang) or LABELS.get(lang, lang)
        width = 24 + 7 * len(label)
        if lx + width > WIDTH - RIGHT and lx > LEFT + 10:
            lx, row = LEFT + 10, row + 1
        color = PALETTE[i % len(PALETTE)] if names else COLORS.get(lang, PALETTE[i % len(PALETTE)])
        legend.append((lang, label, color, lx, 4 + row * LEGEND_ROW))
        lx += width
    top = TOP + row * LEGEND_ROW
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - top - BOTTOM
    step = plot_w / max(len(months) - 1, 1)

    def x(month: str) -> float:
        return LEFT + index[month] * step

    def y(n: int) -> float:
        return top + plot_h - plot_h * n / peak

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}, '
        f"{escape(months[0])} – {escape(months[-1])}</title>",
        f'<line x1="{LEFT}" y1="{top + plot_h}" x2="{WIDTH - RIGHT}" y2="{top + plot_h}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{top}" x2="{LEFT}" y2="{top + plot_h}" class="axis"/>',
        f'<text x="{LEFT - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{LEFT - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    years = sorted({m[:4] for m in months})
    every = 1
    while every < len(years) and (plot_w * every / max(len(months), 1)) * 12 < MIN_LABEL_GAP:
        every += 1
    for month in months:
        if (month.endswith("-01") and int(month[:4]) % every == 0) or month == months[0]:
            if month == months[0] and not month.endswith("-01") and len(months) > 12:
                continue  # a partial first year: its label would crowd the next one
            parts.append(
                f'<text x="{x(month):.1f}" y="{HEIGHT - 8}" text-anchor="middle">{escape(month[:4])}</text>'
            )
    for (lang, points), (_, label, color, lx, ly) in zip(series, legend, strict=True):
        line = " ".join(f"{x(m):.1f},{y(points.get(m, 0)):.1f}" for m in months)
        parts.append(
            f'<polyline class="series series-{escape(lang)}" fill="none" stroke="{color}" '
            f'stroke-width="1.5" points="{line}"/>'
        )
        for month, n in sorted(points.items()):
            parts.append(
                f'<circle cx="{x(month):.1f}" cy="{y(n):.1f}" r="2.5" fill="{color}">'
                f"<title>{escape(month)} {escape(label)}: {n}</title></circle>"
            )
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="12" height="4" fill="{color}"/>'
            f'<text x="{lx + 16}" y="{ly + 6}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
