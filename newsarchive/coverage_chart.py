"""Articles per month and edition drawn as a self-contained SVG: no script, no CDN, readable offline.

A server-side SVG was chosen over a charting plugin (datasette-vega and friends load or bundle large
JavaScript, and the maintained ones fetch from CDNs): the chart is one small function, works with
JavaScript disabled, and every mark carries a `<title>` tooltip with the exact count.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# `+published_at` keeps SQLite off the published_at index (whose range scan then looks every article up in the
# wide table for its lang: over 3 s at 250,000 articles): it reads the (lang, published_at) index alone, 80 ms.
MONTHLY_SQL = """
select substr(published_at, 1, 7) as month, lang, count(*) as articles
from articles where +published_at is not null
group by month, lang order by month, lang
"""

COLORS = {"vi": "#c0392b", "en": "#2471a3"}
LABELS = {"vi": "Tiếng Việt", "en": "English"}
WIDTH, HEIGHT, LEFT, BOTTOM, TOP, RIGHT = 900, 260, 40, 30, 20, 10


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def svg(counts: list[tuple[str, str, int]]) -> Markup:
    """One line per edition over every month between the first and last article (gaps drawn as zero)."""
    if not counts:
        return Markup('<p class="chart-empty">No dated articles yet.</p>')
    months = _months(min(c[0] for c in counts), max(c[0] for c in counts))
    index = {m: i for i, m in enumerate(months)}
    peak = max(c[2] for c in counts)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(months) - 1, 1)

    def x(month: str) -> float:
        return LEFT + index[month] * step

    def y(n: int) -> float:
        return TOP + plot_h - plot_h * n / peak

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="coverage-title"><title id="coverage-title">Articles per month, '
        f"per edition, {escape(months[0])} to {escape(months[-1])}</title>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" class="axis"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for month in months:
        if month.endswith("-01") or month == months[0]:
            parts.append(
                f'<text x="{x(month):.1f}" y="{HEIGHT - 8}" text-anchor="middle">{escape(month[:4])}</text>'
            )
    by_lang: dict[str, dict[str, int]] = {}
    for month, lang, n in counts:
        by_lang.setdefault(lang, {})[month] = n
    for i, (lang, series) in enumerate(sorted(by_lang.items(), reverse=True)):
        color = COLORS.get(lang, "#555")
        points = " ".join(f"{x(m):.1f},{y(series.get(m, 0)):.1f}" for m in months)
        parts.append(
            f'<polyline class="series series-{escape(lang)}" fill="none" stroke="{color}" '
            f'stroke-width="1.5" points="{points}"/>'
        )
        for month, n in sorted(series.items()):
            parts.append(
                f'<circle cx="{x(month):.1f}" cy="{y(n):.1f}" r="2.5" fill="{color}">'
                f"<title>{escape(month)} {escape(LABELS.get(lang, lang))}: {n}</title></circle>"
            )
        parts.append(
            f'<rect x="{LEFT + 10 + i * 130}" y="4" width="12" height="4" fill="{color}"/>'
            f'<text x="{LEFT + 26 + i * 130}" y="10">{escape(LABELS.get(lang, lang))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
