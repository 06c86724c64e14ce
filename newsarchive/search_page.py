"""The search page's answer, computed from one match: ranked results, facets, attention over time, snippets.

One FTS5 match gives every hit's relevance (`search.ranked`); one pass over the facet index (narrow, holding
edition, source, section, year, first author and date) gives every hit's facet values. Filters, facet
counts, the per-month series and the order are then worked out in Python over those tuples, and only the
page's twenty articles are read from the wide table, for their titles and snippets. So a common phrase
costs one match and one index pass, however many facets and series the page shows.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import search, snippets, store

PAGE_SIZE = 20
FACET_SIZE = 12
SORTS = ("relevance", "newest", "oldest")
# The filters a reader can set, as (argument, facet-index column).
FILTERS = {"site": "site", "lang": "lang", "category": "category", "year": "year", "person": "first_author"}
# Above this share of the table, scanning the facet index beats looking each hit up (datasette_search).
BROAD_SHARE = 0.04


class SearchError(ValueError):
    """A query FTS5 cannot read; the message is FTS5's."""


@dataclass
class Query:
    q: str
    sort: str = "relevance"
    page: int = 1
    filters: dict[str, str] = field(default_factory=dict)
    raw: bool = False

    @classmethod
    def from_args(cls, args: Any) -> Query:
        sort = args.get("sort") or "relevance"
        try:
            page = max(1, int(args.get("page") or 1))
        except ValueError:
            page = 1
        filters = {name: args.get(name) for name in FILTERS if args.get(name)}
        return cls(
            q=(args.get("q") or "").strip(),
            sort=sort if sort in SORTS else "relevance",
            page=page,
            filters=filters,
            raw=args.get("_searchmode") == "raw",
        )


@dataclass
class Hit:
    rowid: int
    relevance: float
    site: str
    lang: str
    category: str | None
    year: str | None
    person: str | None
    published_at: str | None

    def value(self, name: str) -> str | None:
        return {"site": self.site, "lang": self.lang, "category": self.category, "year": self.year,
                "person": self.person}[name]  # fmt: skip


def _hits(conn: sqlite3.Connection, expression: str) -> list[Hit]:
    ranked = search.ranked(conn, expression)
    if not ranked:
        return []
    relevance = dict(ranked)
    size = conn.execute("select max(rowid) from articles").fetchone()[0] or 0
    # Broad: walk the narrow facet index once; narrow: look each hit up (see datasette_search).
    rowid = "+rowid" if len(ranked) > BROAD_SHARE * size else "rowid"
    index = f"indexed by {store.FACET_INDEX}" if rowid == "+rowid" else ""
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        f"select rowid, site, lang, category, year, first_author, published_at from articles {index} "
        f"where {rowid} in (select value from json_each(?))",
        ["[" + ",".join(str(r) for r, _ in ranked) + "]"],
    )
    return [Hit(row[0], relevance[row[0]], *row[1:]) for row in rows]


def _order(hits: list[Hit], sort: str) -> list[Hit]:
    if sort == "relevance":
        return sorted(hits, key=lambda h: (-h.relevance, -h.rowid))
    dated = [h for h in hits if h.published_at]
    undated = [h for h in hits if not h.published_at]
    dated.sort(key=lambda h: (h.published_at or "", h.rowid), reverse=sort == "newest")
    return dated + undated  # undated last either way


def _facets(hits: list[Hit], filters: dict[str, str]) -> dict[str, list[tuple[str, int]]]:
    """Each facet's counts over the hits that pass the *other* filters (so a chosen value keeps its siblings)."""
    out = {}
    for name in FILTERS:
        others = {k: v for k, v in filters.items() if k != name}
        counts = Counter(
            value
            for h in hits
            if all(h.value(k) == v for k, v in others.items()) and (value := h.value(name)) is not None
        )
        if name == "year":  # every year, newest first: a time line, not a top list
            out[name] = sorted(counts.items(), reverse=True)
        else:
            out[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]
    return out


_TOTALS: dict[tuple[str, int, int], tuple[float, dict[tuple[str, str, str], int]]] = {}
_TOTALS_LOCK = threading.Lock()
TOTALS_MAX_AGE_S = 60.0


def month_totals(conn: sqlite3.Connection) -> dict[tuple[str, str, str], int]:
    """All articles per (month, site, lang): the denominators of the attention shares, cached a minute
    per archive state (row count and last rowid)."""
    file = conn.execute("select file from pragma_database_list where name = 'main'").fetchone()[0]
    count, last = conn.execute("select count(*), max(rowid) from articles").fetchone()
    key = (str(file), int(count or 0), int(last or 0))
    with _TOTALS_LOCK:
        cached = _TOTALS.get(key)
        if cached and time.monotonic() - cached[0] <= TOTALS_MAX_AGE_S:
            return cached[1]
    rows = conn.execute(
        f"select substr(published_at, 1, 7), site, lang, count(*) from articles indexed by {store.FACET_INDEX} "
        "where published_at is not null group by 1, 2, 3"
    ).fetchall()
    totals = {(row[0], row[1], row[2]): row[3] for row in rows}
    with _TOTALS_LOCK:
        _TOTALS.clear()
        _TOTALS[key] = (time.monotonic(), totals)
    return totals


def attention(conn: sqlite3.Connection, hits: list[Hit]) -> list[dict[str, Any]]:
    """Matching articles per month and edition (site, lang), with the share of all that edition's
    articles that month; months as YYYY-MM, in order."""
    counts = Counter((h.published_at[:7], h.site, h.lang) for h in hits if h.published_at)
    totals = month_totals(conn)
    return [
        {
            "month": month,
            "site": site,
            "lang": lang,
            "articles": n,
            "all_articles": totals.get((month, site, lang), 0),
            "share": round(n / totals[(month, site, lang)], 4) if totals.get((month, site, lang)) else None,
        }
        for (month, site, lang), n in sorted(counts.items())
    ]


def _results(conn: sqlite3.Connection, page: list[Hit], phrases: list[snippets.Phrase]) -> list[dict[str, Any]]:
    if not page:
        return []
    rows = conn.execute(
        "select rowid, key, site, lang, title, lead, body_text, published_at, authors, category from articles "
        f"where rowid in ({','.join(str(h.rowid) for h in page)})"
    ).fetchall()
    by_rowid = {row[0]: row for row in rows}
    out = []
    for hit in page:
        row = by_rowid.get(hit.rowid)
        if row is None:
            continue
        _, key, site, lang, title, lead, body, published_at, authors, category = row
        out.append(
            {
                "key": key,
                "site": site,
                "lang": lang,
                "title": title,
                "title_marked": snippets.marked(title, phrases),
                "snippet_marked": snippets.snippet([lead, body], phrases),
                "published_at": published_at,
                "authors": store.json_list(authors),
                "category": category,
                "relevance": round(hit.relevance, 4),
            }
        )
    for result in out:
        result["snippet"] = snippets.as_text(result["snippet_marked"])
    return out


def run_empty() -> dict[str, Any]:
    """The answer to no query."""
    return {"total": 0, "results": [], "facets": {}, "attention": [], "pages": 0}


def run(conn: sqlite3.Connection, query: Query) -> dict[str, Any]:
    """The whole answer for a query; raises SearchError for a query FTS5 cannot read."""
    if not query.q:
        return run_empty()
    expression = search.match_expression(query.q, query.raw)
    try:
        hits = _hits(conn, expression)
    except sqlite3.OperationalError as error:
        if "fts5" in str(error) or "syntax" in str(error):
            raise SearchError(str(error)) from None
        raise
    chosen = [h for h in hits if all(h.value(k) == v for k, v in query.filters.items())]
    ordered = _order(chosen, query.sort)
    start = (query.page - 1) * PAGE_SIZE
    page = ordered[start : start + PAGE_SIZE]
    return {
        "total": len(chosen),
        "results": _results(conn, page, search.phrases(query.q)),
        "facets": _facets(hits, query.filters),
        "attention": attention(conn, chosen),
        "pages": (len(chosen) + PAGE_SIZE - 1) // PAGE_SIZE,
    }
