"""/search: the archive's search page (and its JSON and CSV), in Vietnamese or English.

A query, ranked by relevance (or newest/oldest first), with facets for source, edition, section, year and
person, snippets cut from the stored text, and the attention series (articles per month and edition, as
counts and as a share) drawn inline and downloadable. The work is `search_page.run`; this module wires it
to Datasette within the request's SQL budget.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from typing import Any
from urllib.parse import urlencode

from datasette import Forbidden, Request, Response, hookimpl
from datasette.utils import sqlite_timelimit
from datasette.utils.asgi import BadRequest
from markupsafe import Markup

from . import coverage_chart, datasette_plugin, facet_memory, search_page, ui
from .datasette_search import remaining_ms, restart_budget

SERIES_FIELDS = ("month", "site", "lang", "articles", "all_articles", "share")


def _url(request: Request, path: str, **changes: Any) -> str:
    """`path` with the request's arguments, `changes` applied (None removes one)."""
    args = dict(ui.arguments(request))
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = str(value)
    return f"{path}?{urlencode(args)}" if args else path


async def _answer(datasette: Any, request: Request) -> tuple[search_page.Query, dict[str, Any], str | None]:
    if not await datasette.permission_allowed(request.actor, "view-database", "archive", default=True):
        raise Forbidden("You may not view this database")
    query = search_page.Query.from_args(request.args)
    if query.q:
        # The facet memory is read (once, then when the archive changes) outside the request's SQL budget: its
        # cost grows with the archive, not the query, and cut short it would be read again by every request.
        await datasette_plugin.archive(datasette).execute_fn(facet_memory.get)
        restart_budget(datasette)
    limit = remaining_ms(datasette)

    def run(conn: sqlite3.Connection) -> dict[str, Any]:
        with sqlite_timelimit(conn, max(limit, 1)):
            return search_page.run(conn, query)

    try:
        return query, await datasette_plugin.archive(datasette).execute_fn(run), None
    except search_page.SearchError as error:
        return query, search_page.run_empty(), str(error)
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            raise BadRequest(f"Search {query.q!r} took too long; try a narrower search") from None
        raise


def _series_svg(answer: dict[str, Any], hl: str) -> Markup:
    names = {}
    counts = []
    for point in answer["attention"]:
        series = f"{point['site']}:{point['lang']}"
        names[series] = ui.edition_name(point["site"], point["lang"], hl)
        counts.append((point["month"], series, point["articles"]))
    drawable, _ = coverage_chart.drawable(counts)
    return coverage_chart.svg(drawable, title=ui.LABELS[hl]["attention"], names=names)


async def search(datasette: Any, request: Request) -> Response:
    fmt = request.url_vars.get("format")
    query, answer, error = await _answer(datasette, request)
    if fmt == "json":
        body = {"q": query.q, "sort": query.sort, "page": query.page, "filters": query.filters, "error": error}
        body.update({k: v for k, v in answer.items() if k != "results"})
        body["results"] = [
            {k: v for k, v in r.items() if not k.endswith("_marked")} for r in answer["results"]
        ]
        response = Response.json(body, status=400 if error else 200)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    context = ui.context(request)
    hl = context["hl"]
    facets = []
    for name in search_page.FILTERS:
        values = answer["facets"].get(name, [])
        chosen = query.filters.get(name)
        facets.append(
            {
                "name": name,
                "label": context["t"]["person" if name == "person" else ui.FACET_LABELS[name]],
                "chosen": chosen,
                "remove_url": _url(request, "/search", **{name: None, "page": None}),
                "values": [
                    {
                        "value": value,
                        "label": ui.facet_value(name, value, hl),
                        "count": count,
                        "url": _url(request, "/search", **{name: value, "page": None}),
                    }
                    for value, count in values
                ],
            }
        )
    results = [
        {**r, "path": datasette.urls.path(f"/article/{r['key']}"), "date": ui.date(r["published_at"], hl),
         "edition": ui.edition_name(r["site"], r["lang"], hl)}  # fmt: skip
        for r in answer["results"]
    ]
    series_args = _url(request, "", page=None, sort=None, hl=None)
    html = await datasette.render_template(
        "search.html",
        {
            **context,
            "query": query,
            "error": error,
            "answer": answer,
            "results": results,
            "facets": facets,
            "sorts": [(s, context["t"][s], _url(request, "/search", sort=s, page=None)) for s in search_page.SORTS],
            "previous_url": _url(request, "/search", page=query.page - 1) if query.page > 1 else None,
            "next_url": _url(request, "/search", page=query.page + 1) if query.page < answer["pages"] else None,
            "json_url": _url(request, "/search.json"),
            "series_csv": "/search/attention.csv" + series_args,
            "series_json": "/search/attention.json" + series_args,
            "chart": _series_svg(answer, hl) if answer["attention"] else None,
            "place": _place_block(datasette, request, answer.get("place")),
        },
        request=request,
    )
    return ui.remember(Response.html(html, status=400 if error else 200), request)


def _place_block(datasette: Any, request: Request, place: dict[str, Any] | None) -> dict[str, Any] | None:
    """The chosen place, linked, with what it was formed from or became (the filter counts the former)."""
    if not place or place.get("unknown"):
        return place
    for group in ("successors", "predecessors"):
        for item in place[group]:
            item["path"] = datasette.urls.path(f"/place/{item['key']}")
    return {
        **place,
        "path": datasette.urls.path(f"/place/{place['key']}"),
        "remove_url": _url(request, "/search", place=None, page=None),
    }


async def attention(datasette: Any, request: Request) -> Response:
    """The attention series alone, as CSV or JSON (`_shape=array` style: a list of objects)."""
    query, answer, error = await _answer(datasette, request)
    if error:
        raise BadRequest(f"Invalid search {query.q!r}: {error}")
    if request.url_vars["format"] == "json":
        return Response.json(answer["attention"])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SERIES_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(answer["attention"])
    return Response(
        out.getvalue(),
        content_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="attention.csv"'},
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/search(\.(?P<format>json))?$", search),
        (r"^/search/attention\.(?P<format>csv|json)$", attention),
    ]
