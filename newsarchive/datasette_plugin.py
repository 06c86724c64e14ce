"""Datasette hooks for the archive: Vietnamese-aware search, article pages, the coverage chart, safe cells.

Every value from the archive reaches the browser escaped (Jinja autoescape or markupsafe.escape); no stored
HTML is ever rendered, so a `<script>` or `onerror=` in a title or body shows as text.
"""

from __future__ import annotations

import json
import re
import sqlite3
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from datasette import Forbidden, NotFound, Request, Response, hookimpl
from datasette.database import QueryInterrupted
from datasette.handle_exception import handle_exception as default_handle_exception
from datasette.utils.asgi import BadRequest
from datasette.views.base import DatasetteError
from datasette.views.special import JsonDataView
from markupsafe import Markup, escape

from . import coverage_chart, datasette_pairs, datasette_people, search, settings, store, ui

SNIPPET_START, SNIPPET_END = "**", "**"  # readable in JSON/CSV; turned into <mark> in HTML
# Hand-written SQL can make values and results of any size (`select zeroblob(50000000)` once made a 300 MB
# response). No value may exceed the largest page the crawl accepts (a stored article is far smaller; the
# mirror's longest body is 4 KB), and one statement may return at most RESULT_LIMIT characters and bytes of
# values: 1,000 whole articles (`_size=max`, ~15 MB at the real sites) fit several times over.
VALUE_LIMIT = settings.DOWNLOAD_MAXSIZE
RESULT_LIMIT = 50_000_000


def _capped_rows() -> Callable[[sqlite3.Cursor, tuple[Any, ...]], sqlite3.Row]:
    """Datasette's row factory (sqlite3.Row), refusing a statement once its values pass RESULT_LIMIT."""
    fetched: weakref.WeakKeyDictionary[sqlite3.Cursor, int] = weakref.WeakKeyDictionary()

    def row_factory(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> sqlite3.Row:
        size = fetched.get(cursor, 0) + sum(len(v) for v in row if isinstance(v, str | bytes))
        if size > RESULT_LIMIT:
            raise sqlite3.DataError(
                f"Result too large (over {RESULT_LIMIT // 1_000_000} MB of values): select fewer rows or columns"
            )
        fetched[cursor] = size
        return sqlite3.Row(cursor, row)

    return row_factory


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    # Datasette registers its own escape_fts (plain token quoting) first; trylast makes ours replace it, so
    # canned queries and hand-written SQL match as the table's search (datasette_search) does.
    conn.create_function("escape_fts", 1, lambda q: search.match_expression(q or ""), deterministic=True)
    conn.create_function("fold", 1, lambda s: search.fold(s) if s is not None else None, deterministic=True)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_LIMIT)  # zeroblob(N), printf, group_concat: "too big"
    conn.row_factory = _capped_rows()


def archive(datasette: Any) -> Any:
    """The archive database; a 404 where Datasette serves something else (the plugins are entry points, so
    they are loaded by any Datasette beside newsarchive)."""
    if "archive" not in datasette.databases:
        raise NotFound("No archive here: serve an archive.db (newsarchive serve, or datasette archive.db)")
    return datasette.get_database("archive")


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: a `javascript:` link in stored data must not become clickable."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def article_path(datasette: Any, key: str) -> str:
    return str(datasette.urls.path(f"/article/{quote(key, safe=':')}"))


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if database != "archive":
        return None
    if column == "title" and value and row is not None and "key" in row.keys():
        return Markup('<a href="{}">{}</a>').format(article_path(datasette, row["key"]), value)
    if column == "snippet" and isinstance(value, str):
        parts = str(escape(value)).split(SNIPPET_START)
        # Odd parts sit between a start and an end marker.
        return Markup("".join(f"<mark>{p}</mark>" if i % 2 else p for i, p in enumerate(parts)))
    if column == "key" and table is None and isinstance(value, str) and value.count(":") == 2:
        return Markup('<a href="{}">{}</a>').format(article_path(datasette, value), value)
    return None


@hookimpl
def extra_template_vars(template: str, request: Any) -> dict[str, Any]:
    """The home page is the archive's own (Vietnamese or English); Datasette's other pages stay its own."""
    return ui.context(request) if template == "index.html" else {}


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    # The package is a Datasette plugin of its own (pyproject's entry points): its static/ is served here.
    return [datasette.urls.static_plugins("newsarchive", "archive.css")]


@hookimpl(tryfirst=True)  # checked before Datasette's own filters read the arguments
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """Refuse with a 400 the table arguments Datasette itself would answer with a 500: a `_sort`/`_sort_desc` it
    cannot honour, a `_timelimit` that is not a number, a `_through` that is not its JSON object."""

    async def inner() -> None:
        for limit in request.args.getlist("_timelimit"):
            if not (limit.isascii() and limit.isdigit() and int(limit) > 0):
                raise BadRequest(f"_timelimit must be a positive number of milliseconds, not {limit!r}")
        await _check_sort(request, database, table, datasette)
        for through in request.args.getlist("_through"):
            await _check_through(through, database, table, datasette)

    return inner


async def _check_sort(request: Any, database: str, table: str, datasette: Any) -> None:
    sort, sort_desc = request.args.get("_sort"), request.args.get("_sort_desc")
    if not sort and not sort_desc:
        return
    if sort and sort_desc:
        raise BadRequest("Use _sort or _sort_desc, not both")
    sortable = datasette.table_metadata(database, table).get("sortable_columns")
    if sortable is None:  # Datasette's default: every column, and rowid for a table without a primary key
        db = datasette.get_database(database)
        sortable = await db.table_columns(table)
        if table not in await db.view_names() and not await db.primary_keys(table):
            sortable.append("rowid")
    if (sort or sort_desc) not in sortable:
        hint = ""
        if (sort or sort_desc) == "rank" and table == "articles":
            query = quote(request.args.get("_search") or "")
            hint = f"; for the most relevant first, use the search page: /search?q={query}"
        raise BadRequest(
            f"Cannot sort {table} by {sort or sort_desc!r}; sortable: {', '.join(sortable)}{hint}"
        )


async def _check_through(through: str, database: str, table: str, datasette: Any) -> None:
    try:
        spec = json.loads(through)
    except ValueError:
        spec = None
    if not isinstance(spec, dict) or not all(isinstance(spec.get(k), str) for k in ("table", "column")):
        raise BadRequest('_through must be {"table": …, "column": …, "value": …}')
    if "value" not in spec:
        raise BadRequest('_through must be {"table": …, "column": …, "value": …}')
    fks = await datasette.get_database(database).foreign_keys_for_table(spec["table"])
    if not any(fk["other_table"] == table for fk in fks):
        raise BadRequest(f"_through: {spec['table']!r} has no foreign key to {table}")


@hookimpl(tryfirst=True)
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Any:
    """SQLite refusing what a reader wrote (two statements in a `_where`, a value or result too big) or running
    out of time where Datasette does not expect it (a CSV page) is a 400, as Datasette answers elsewhere."""
    if isinstance(exception, sqlite3.ProgrammingError | sqlite3.DataError):
        error = DatasetteError(str(exception), title="Invalid SQL", status=400)
        return default_handle_exception(datasette, request, error)
    if isinstance(exception, QueryInterrupted):
        error = DatasetteError(
            "SQL query took too long; ask for fewer rows", title="SQL Interrupted", status=400
        )
        return default_handle_exception(datasette, request, error)
    return None


async def article(datasette: Any, request: Request) -> Response:
    """One article as a reader wants it: metadata, images with captions, paragraphs, links out."""
    key = request.url_vars["key"]
    db = archive(datasette)
    result = await db.execute("select * from articles where key = ?", [key])
    row = result.first()
    if row is None:
        raise NotFound(f"No article {key}")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", row["body_text"] or "") if p.strip()]
    counterpart = None
    if row["counterpart_key"]:
        counterpart = (
            await db.execute("select key, lang, title from articles where key = ?", [row["counterpart_key"]])
        ).first()
    from . import datasette_images  # imports this module

    context = ui.context(request)
    return ui.remember(
        Response.html(
            await datasette.render_template(
                "article.html",
                {
                    **context,
                    "article": row,
                    "published": ui.date(row["published_at"], context["hl"]),
                    "edition": ui.edition_name(row["site"], row["lang"], context["hl"]),
                    "authors": store.json_list(row["authors"]),
                    "sources": store.json_list(row["sources"]),
                    "images": await datasette_images.article_images(datasette, key),
                    "paragraphs": paragraphs,
                    "original_url": safe_url(row["url"]),
                    "counterpart": counterpart,
                    "counterpart_path": article_path(datasette, counterpart["key"]) if counterpart else None,
                    "pairing": await datasette_pairs.article_counterpart(datasette, db, row),
                    "people": await datasette_people.article_people(datasette, request, key),
                },
                request=request,
            )
        ),
        request,
    )


async def coverage(datasette: Any, request: Request) -> Response:
    """Articles per month and edition, as an inline SVG chart (no script) and the table it is drawn from."""
    if not await datasette.permission_allowed(request.actor, "view-database", "archive", default=True):
        raise Forbidden("You may not view this database")
    db = archive(datasette)
    rows = (await db.execute(coverage_chart.MONTHLY_SQL)).rows
    context = ui.context(request)
    hl = context["hl"]
    charts, skipped = [], 0
    for site in dict.fromkeys(r["site"] for r in rows):  # one chart per source, each edition a line
        counts, left_out = coverage_chart.drawable(
            [(r["month"], r["lang"], r["articles"]) for r in rows if r["site"] == site]
        )
        skipped += left_out
        name = ui.source_name(site, hl)
        charts.append(
            {
                "site": site,
                "name": name,
                "svg": coverage_chart.svg(
                    counts, title=f"{context['t']['coverage']}: {name}", names=ui.EDITIONS[hl]
                ),
                "counts": counts,
            }
        )
    gaps: list[dict[str, Any]] | None = []
    if "coverage" in await db.view_names():  # an archive older than m011_provenance has none
        try:
            found = (await db.execute(coverage_chart.GAPS_SQL)).rows
            gaps = coverage_chart.with_totals([dict(r) for r in found])
        except QueryInterrupted:
            gaps = None  # over sql_time_limit_ms: the page says so and links the view
    return ui.remember(
        Response.html(
            await datasette.render_template(
                "coverage.html",
                {
                    **context,
                    "charts": charts,
                    "skipped": skipped,
                    "first_year": coverage_chart.FIRST_YEAR,
                    "gaps": gaps,
                },
                request=request,
            )
        ),
        request,
    )


def _databases(datasette: Any) -> Callable[[], list[dict[str, Any]]]:
    """Datasette's /-/databases listing with each file's name only: where the archive lives is nobody's business."""

    def listing() -> list[dict[str, Any]]:
        return [
            {**db, "path": Path(db["path"]).name if db["path"] else db["path"]}
            for db in datasette._connected_databases()
        ]

    return listing


# What the article table shows unless the reader picks columns (`_col`/`_nocol`, or the page's chooser): the
# whole row, folded copies and hashes included, is 4,000 px wide. The JSON and CSV keep every column.
DEFAULT_COLUMNS = ("title", "published_at", "lang", "site", "category", "first_author")
ARTICLES_PAGE = "/archive/articles"


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    def wrap(app: Any) -> Any:
        async def default_columns(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("path") == ARTICLES_PAGE:
                query = scope.get("query_string", b"").decode("latin-1")
                names = {part.split("=", 1)[0] for part in query.split("&") if part}
                if not names & {"_col", "_nocol"}:
                    extra = "&".join(f"_col={c}" for c in DEFAULT_COLUMNS)
                    scope = {**scope, "query_string": (f"{query}&{extra}" if query else extra).encode()}
            await app(scope, receive, send)

        return default_columns

    return wrap


async def glossary(datasette: Any, request: Request) -> Response:
    """What each column of the articles table holds (kept off the table page)."""
    from .datasette_app import glossary as columns  # the app module imports this one

    archive(datasette)
    return ui.remember(
        Response.html(
            await datasette.render_template(
                "glossary.html", {**ui.context(request), "columns": columns()}, request=request
            )
        ),
        request,
    )


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    # Plugin routes are matched before Datasette's own, so this one replaces its /-/databases.
    return [
        (r"^/article/(?P<key>[^/]+)$", article),
        (r"^/coverage$", coverage),
        (r"^/glossary$", glossary),
        (
            r"^/-/databases(\.(?P<format>json))?$",
            JsonDataView.as_view(datasette, "databases.json", _databases(datasette)),
        ),
    ]
