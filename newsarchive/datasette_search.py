"""`?_search=` on Datasette's article table: match once per request, then let SQLite take the cheap plan.

Datasette's own search filter puts `rowid in (select rowid from articles_fts where … match …)` into every query
of a table page: the rows, the count and each facet, so a common phrase (tens of thousands of hits at archive
scale) is matched seven times, and each time every hit is looked up in the wide `articles` table, and sorted
with its whole body. This filter replaces it (the metadata names no `fts_table`, so Datasette's stays off):

- the match runs once per request, and the page's queries read its hits as a JSON array of rowids
  (`article_hits()`, see `HitMemo`);
- when the hits are a large share of the table and every column the page sorts, filters or facets on leads
  an index, the condition is written `+rowid in (…)`, which stops SQLite from looking every hit up by rowid:
  it walks the `published_at` index and stops after one page of hits, and counts and facets scan narrow
  covering indexes instead of the table. A few hits keep the rowid lookups, which are then cheapest.

Query syntax, phrase-by-default and `_searchmode=raw` are those of `search.match_expression`.

Datasette's `sql_time_limit_ms` bounds each statement; a page with `_search` and three `_search_COLUMN`s
once took 7.4 s against a 3 s limit. So it is also this plugin's budget per request: every match and facet
query of one request shares one deadline (`remaining_ms`), set when the request arrives.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Generator
from contextvars import ContextVar
from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite, sqlite_timelimit
from datasette.utils.asgi import BadRequest

from . import search

DATABASE, TABLE = "archive", "articles"
HITS_FUNCTION = "article_hits"
# Above this share of the table's rows, scanning indexes beats looking each hit up. Measured at 250,000
# articles (bench/search.py's archive): both take ~120 ms a page near 10,000 hits; at 925 hits lookups take
# 19 ms and scans 98 ms, at 42,000 hits lookups take 420 ms and scans 190 ms.
BROAD_SHARE = 0.04


async def is_broad(db: Any, table: str, rows: int) -> bool:
    """Whether `rows` of `table` are so many that scanning an index beats looking each one up (BROAD_SHARE)."""
    size = (await db.execute(f"select max(rowid) from {escape_sqlite(table)}")).first()[0] or 0
    return rows > BROAD_SHARE * size


class HitMemo:
    """Rowids matching an FTS5 expression in a database file, as a JSON array, shared by every connection to
    that file for a few seconds.

    The search filter refreshes an expression's entry at the start of each request, so a page's row, count
    and facet queries (run on several connections) use one fresh match. Anyone else calling
    `article_hits()` (a hand-written SQL query) gets an entry at most `MAX_AGE_S` old.
    """

    MAX_AGE_S = 5.0
    SIZE = 16

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: OrderedDict[tuple[str, str], tuple[float, str]] = OrderedDict()

    def refresh(self, conn: sqlite3.Connection, expression: str) -> str:
        key = (_main_file(conn), expression)
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: a broad match returns a row per article
        rows = cursor.execute(
            f"select rowid from {search.FTS_TABLE} where {search.FTS_TABLE} match ?", [expression]
        )
        hits = "[" + ",".join(str(row[0]) for row in rows) + "]"
        with self.lock:
            self.entries[key] = (time.monotonic(), hits)
            self.entries.move_to_end(key)
            while len(self.entries) > self.SIZE:
                self.entries.popitem(last=False)
        return hits

    def get(self, conn: sqlite3.Connection, expression: str) -> str:
        entry = self.entries.get((_main_file(conn), expression))
        if entry and time.monotonic() - entry[0] <= self.MAX_AGE_S:
            return entry[1]
        return self.refresh(conn, expression)


MEMO = HitMemo()

ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
# When this request's SQL budget runs out (time.monotonic()); a context variable, so each request (its task
# and the facet tasks it starts) sees its own.
_DEADLINE: ContextVar[float | None] = ContextVar("newsarchive_sql_deadline", default=None)


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    def wrap(app: ASGIApp) -> ASGIApp:
        async def budgeted(scope: dict[str, Any], receive: Any, send: Any) -> None:
            token = _DEADLINE.set(time.monotonic() + datasette.setting("sql_time_limit_ms") / 1000)
            try:
                await app(scope, receive, send)
            finally:
                _DEADLINE.reset(token)

        return budgeted

    return wrap


def remaining_ms(datasette: Any) -> int:
    """Milliseconds left of this request's SQL budget (a full budget from now outside a request)."""
    deadline = _DEADLINE.get()
    if deadline is None:
        deadline = time.monotonic() + datasette.setting("sql_time_limit_ms") / 1000
        _DEADLINE.set(deadline)
    return int((deadline - time.monotonic()) * 1000)


def restart_budget(datasette: Any) -> None:
    """A full budget from now, after work the budget does not cover (reading the facet memory)."""
    _DEADLINE.set(time.monotonic() + datasette.setting("sql_time_limit_ms") / 1000)


def _spent(datasette: Any, query: str) -> BadRequest:
    return BadRequest(
        f"Search {query!r} took too long: this page's searches may take {datasette.setting('sql_time_limit_ms')}"
        " ms in all; try fewer or narrower searches"
    )


def _main_file(conn: sqlite3.Connection) -> str:
    return str(conn.execute("select file from pragma_database_list where name = 'main'").fetchone()[0])


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function(HITS_FUNCTION, 1, lambda expression: MEMO.get(conn, expression or '""'))


async def _match(datasette: Any, db: Any, query: str, expression: str) -> int:
    """Match afresh for this request (within what is left of its SQL budget); the number of hits."""
    limit = remaining_ms(datasette)
    if limit < 1:
        raise _spent(datasette, query)

    def run(conn: sqlite3.Connection) -> str:
        with sqlite_timelimit(conn, limit):
            return MEMO.refresh(conn, expression)

    try:
        hits: str = await db.execute_fn(run)
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            raise _spent(datasette, query) from None
        raise BadRequest(f"Invalid search {query!r}: {error}") from None
    return hits.count(",") + 1 if hits != "[]" else 0


def _search_args(request: Any) -> list[tuple[str | None, str]]:
    """(column or None, query) for `_search` and each `_search_COLUMN` with a value."""
    found = []
    for key in request.args:
        if key == "_search" or (key.startswith("_search_") and key != "_searchmode"):
            value = request.args[key].strip()
            if value:
                found.append((None if key == "_search" else key.removeprefix("_search_"), value))
    return found


def _page_columns(request: Any, metadata: dict[str, Any]) -> set[str] | None:
    """Every column the page sorts, filters or facets on; None when something else (a `_where`) is used."""
    columns: set[str] = set()
    for key in request.args:
        if key in ("_sort", "_sort_desc", "_facet"):
            columns.update(request.args.getlist(key))
        elif key.startswith("_facet") or key in ("_where", "_through"):
            return None
        elif not key.startswith("_") or "__" in key:
            columns.add(key.split("__")[0])
    if "_sort" not in request.args and "_sort_desc" not in request.args:
        columns.update(c for c in (metadata.get("sort"), metadata.get("sort_desc")) if c)
    for facet in metadata.get("facets", []):
        if not isinstance(facet, str):
            return None
        columns.add(facet)
    return columns


async def _indexed_columns(db: Any) -> set[str]:
    """Columns that lead an index of the table (a scan of that index is narrow and ordered)."""
    sql = "select ii.name from pragma_index_list(?) il, pragma_index_info(il.name) ii where ii.seqno = 0"
    return {row[0] for row in (await db.execute(sql, [TABLE])).rows}


def _is_datasettes_search(filter_: Any) -> bool:
    return bool(
        getattr(filter_, "__module__", None) == "datasette.filters"
        and getattr(filter_, "__qualname__", "").startswith("search_filters.")
    )


@hookimpl(hookwrapper=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Generator[None, Any, None]:
    """Drop Datasette's own search filter on the article table: it now detects the index too, and would
    match a second time (and quote our expression as words)."""
    outcome = yield
    if database == DATABASE and table == TABLE:
        outcome.force_result([f for f in outcome.get_result() if not _is_datasettes_search(f)])


@hookimpl(trylast=True, specname="filters_from_request")  # after Datasette's search filter: our `supports_search` wins
def search_filter(request: Any, database: str, table: str, datasette: Any) -> Any:
    if database != DATABASE or table != TABLE:
        return None

    async def inner() -> FilterArguments:
        searches = _search_args(request)
        extra: dict[str, Any] = {"supports_search": True}
        if not searches:
            return FilterArguments([], extra_context=extra)
        raw = request.args.get("_searchmode") == "raw"
        db = datasette.get_database(database)
        known = set(search.TEXT_COLUMNS)
        clauses, params, described = [], {}, []
        hits = 0
        for i, (column, query) in enumerate(searches):
            if column is not None and column not in known:
                raise BadRequest(
                    f"Cannot search by column {column!r}; searchable: {', '.join(search.TEXT_COLUMNS)}"
                )
            expression = search.match_expression(query, raw)
            if column is not None:
                expression = f"{{{column} {search.FOLDED_COLUMNS[column]}}} : ({expression})"
            name = f"search_{i}" if column else "search"
            params[name] = expression
            hits = max(hits, await _match(datasette, db, query, expression))
            clauses.append(f"select value from json_each({HITS_FUNCTION}(:{name}))")
            described.append(f'search {"" if column is None else f"column {column!r} "}matches "{query}"')
            extra["search"] = query
        columns = _page_columns(request, datasette.table_metadata(database, table))
        scan = (
            await is_broad(db, TABLE, hits) and columns is not None and columns <= await _indexed_columns(db)
        )
        rowid = "+rowid" if scan else "rowid"
        where = [f"{rowid} in ({clause})" for clause in clauses]
        return FilterArguments(where, params, described, extra)

    return inner
