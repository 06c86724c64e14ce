"""The search page's answer, computed from one match: ranked results, facets, attention over time, snippets.

One FTS5 match gives every hit (with its bm25 when ranked by relevance); the archive's facet values, dates
and lengths held in memory (`facet_memory`) give every hit's facets, month and length pivot. Filters, facet
counts, the per-month series and the order are worked out over those small integers, and only the page's
twenty articles are read from the wide table, for their titles and snippets. So a common phrase costs one
match, however many facets and series the page shows.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import article_places, facet_memory, people, places, search, snippets, store

PAGE_SIZE = 20
FACET_SIZE = 12
SORTS = ("relevance", "newest", "oldest")
# The filters a reader can set, as (argument, facet column).
FILTERS = {"site": "site", "lang": "lang", "category": "category", "year": "year", "person": facet_memory.PERSON}
# The place filter (a gazetteer key): the articles about that unit, across the reorganisation (article_places).
PLACE = "place"


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
        filters = {name: args.get(name) for name in (*FILTERS, PLACE) if args.get(name)}
        return cls(
            q=(args.get("q") or "").strip(),
            sort=sort if sort in SORTS else "relevance",
            page=page,
            filters=filters,
            raw=args.get("_searchmode") == "raw",
        )


def _results(
    conn: sqlite3.Connection, page: list[tuple[int, float | None]], phrases: list[snippets.Phrase]
) -> list[dict[str, Any]]:
    if not page:
        return []
    rows = conn.execute(
        "select rowid, key, site, lang, title, lead, body_text, published_at, authors, category from articles "
        f"where rowid in ({','.join(str(rowid) for rowid, _ in page)})"
    ).fetchall()
    by_rowid = {row[0]: row for row in rows}
    out = []
    for rowid, score in page:
        row = by_rowid.get(rowid)
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
                "relevance": None if score is None else round(score, 4),
            }
        )
    for result in out:
        result["snippet"] = snippets.as_text(result["snippet_marked"])
    return out


def run_empty() -> dict[str, Any]:
    """The answer to no query."""
    return {"total": 0, "results": [], "facets": {}, "attention": [], "pages": 0}


def _facets(memory: facet_memory.Memory, hits: list[int], wanted: dict[str, int]) -> dict[str, list[Any]]:
    """Each facet's counts over the hits that pass the *other* filters (so a chosen value keeps its siblings)."""
    out: dict[str, list[Any]] = {}
    passing = _passing(memory, hits, wanted)
    for name, column in FILTERS.items():
        others = {k: v for k, v in wanted.items() if k != name}
        subset = passing if len(others) == len(wanted) else _passing(memory, hits, others)
        col = memory.columns[column]
        counts = Counter(map(col.codes.__getitem__, subset))
        counts.pop(0, None)
        items = [(col.values[code], n) for code, n in counts.items()]
        if name == "year":  # every year, newest first: a time line, not a top list
            out[name] = sorted(items, key=lambda kv: str(kv[0]), reverse=True)
        else:
            out[name] = sorted(items, key=lambda kv: (-kv[1], str(kv[0])))[:FACET_SIZE]
    return out


def _passing(memory: facet_memory.Memory, hits: list[int], wanted: dict[str, int]) -> list[int]:
    for name, code in wanted.items():
        codes = memory.columns[FILTERS[name]].codes
        hits = [r for r in hits if codes[r] == code]
    return hits


def attention(memory: facet_memory.Memory, hits: list[int]) -> list[dict[str, Any]]:
    """Matching articles per month and edition (site, lang), with the share of all that edition's
    articles that month; months as YYYY-MM, in order."""
    months, sites, langs = memory.months, memory.columns["site"], memory.columns["lang"]
    counts = Counter(
        zip(map(months.codes.__getitem__, hits), map(sites.codes.__getitem__, hits),
            map(langs.codes.__getitem__, hits), strict=True)
    )  # fmt: skip
    series = []
    for (month, site, lang), n in counts.items():
        if not month:
            continue  # undated
        total = memory.month_totals[(month, site, lang)]
        series.append(
            {
                "month": months.values[month],
                "site": sites.values[site],
                "lang": langs.values[lang],
                "articles": n,
                "all_articles": total,
                "share": round(n / total, 4) if total else None,
            }
        )
    return sorted(series, key=lambda p: (str(p["month"]), str(p["site"]), str(p["lang"])))


def _page(
    conn: sqlite3.Connection, memory: facet_memory.Memory, query: Query, chosen: list[int], bm25: dict[int, float]
) -> list[tuple[int, float | None]]:
    """The rowids of the asked page, in the asked order (with their relevance when ranked so)."""
    start = (query.page - 1) * PAGE_SIZE
    if query.sort == "relevance":
        mean, lengths = memory.mean_length, memory.lengths
        first = search.spelled_first(conn, query.q, query.raw) or set()
        scored = ((r in first, search.relevance(bm25[r], lengths[r] or 1, mean), r) for r in chosen)
        best = heapq.nlargest(start + PAGE_SIZE, scored)
        return [(rowid, score) for _, score, rowid in best[start:]]
    dates = memory.dates
    dated = [r for r in chosen if dates[r] != facet_memory.UNDATED]
    undated = [r for r in chosen if dates[r] == facet_memory.UNDATED]
    dated.sort(key=lambda r: (dates[r], r), reverse=query.sort == "newest")
    return [(rowid, None) for rowid in (dated + undated)[start : start + PAGE_SIZE]]


def _person_name(conn: sqlite3.Connection, typed: str) -> str:
    """The person a reader typed (`people.typed_as`: any case, spacing, NFC or NFD, with that person's marks
    or none), as the facet names them; what was typed when it names no one person."""
    if not conn.execute("select 1 from sqlite_master where name = 'people'").fetchone():
        return typed
    rows = conn.execute("select id, name from people where folded_key = ?", [people.folded_key(typed)]).fetchall()
    exact = [str(name) for person_id, name in rows if person_id == people.name_key(typed)]  # a facet's own link
    found = exact or [str(name) for person_id, name in rows if people.typed_as(typed, person_id)]
    return found[0] if len(found) == 1 else typed


def _about(conn: sqlite3.Connection, key: str) -> set[int]:
    """The rowids of the articles about a place (none for an unknown key or an archive without places)."""
    if key not in places.gazetteer().places:
        return set()
    if not conn.execute("select 1 from sqlite_master where name = 'article_areas'").fetchone():
        return set()
    sql, args = article_places.matching_articles(key)
    return {row[0] for row in conn.execute(f"select rowid from articles where key in ({sql})", args)}


def _place(key: str) -> dict[str, Any]:
    if key not in places.gazetteer().places:
        return {"key": key, "unknown": True}
    return article_places.relatives(key)


def run(conn: sqlite3.Connection, query: Query) -> dict[str, Any]:
    """The whole answer for a query; raises SearchError for a query FTS5 cannot read."""
    if not query.q:
        return run_empty()
    expression = search.match_expression(query.q, query.raw)
    bm25: dict[int, float] = {}
    try:
        if query.sort == "relevance":  # one match gives the hits and their scores
            bm25 = dict(search.scored(conn, expression))
            hits = list(bm25)
        else:
            hits = search.matching(conn, expression)
    except sqlite3.OperationalError as error:
        if "fts5" in str(error) or "syntax" in str(error):
            raise SearchError(str(error)) from None
        raise
    memory = facet_memory.get(conn, hits)
    hits = [r for r in hits if r < memory.size]
    place = query.filters.get(PLACE)
    if place:
        about = _about(conn, place)
        hits = [r for r in hits if r in about]
    wanted = {}
    for name, value in query.filters.items():
        if name == PLACE:
            continue
        if name == "person":
            value = _person_name(conn, value)
        code = memory.columns[FILTERS[name]].index.get(value)
        wanted[name] = -1 if code is None else code  # a value no article has: nothing passes
    chosen = _passing(memory, hits, wanted)
    return {
        "total": len(chosen),
        "results": _results(conn, _page(conn, memory, query, chosen, bm25), search.phrases(query.q)),
        "facets": _facets(memory, hits, wanted),
        "attention": attention(memory, chosen),
        "pages": (len(chosen) + PAGE_SIZE - 1) // PAGE_SIZE,
        **({"place": _place(place)} if place else {}),
    }
