"""Places in Datasette: the district and 2025-unit facets and the `_place=` filter on the article table, `/places`
(articles per district per year, every unit with its count) and `/place/{key}` (a unit, what it became or was
formed from, its articles).

Facets and the filter count `article_areas` (article_places.py): asking by a 2025 unit returns the older articles
about the communes it was formed from, asking by a district the articles about its communes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlencode

from datasette import NotFound, Request, Response, hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args, sqlite_timelimit

from . import article_places, datasette_plugin, datasette_search, place_memory, places, ui

DATABASE, TABLE = "archive", "articles"
FILTER_ARG = "_place"
LATEST = 20

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "places": "Địa danh",
        "intro": "Các đơn vị hành chính bài viết nhắc tới: 15 huyện, thị xã, thành phố và 186 xã, phường, thị trấn "
        "của tỉnh Long An (đến 30/6/2025), và 60 xã, phường hình thành trên địa bàn đó từ 1/7/2025 (tỉnh Tây Ninh). "
        "Hỏi theo một xã mới cũng ra các bài cũ về những xã đã nhập vào nó.",
        "per_year": "Số bài theo huyện và năm",
        "district": "Huyện, thị xã, thành phố (đến 30/6/2025)",
        "unit_2025": "Xã, phường từ 1/7/2025",
        "articles": "Bài viết",
        "period_2024": "đến 30/6/2025",
        "period_2025": "từ 1/7/2025",
        "parent": "Thuộc",
        "communes": "Gồm các xã, phường, thị trấn",
        "successors": "Từ 1/7/2025 thuộc về",
        "predecessors": "Hình thành từ",
        "former_districts": "Trên địa bàn huyện cũ",
        "partial": "một phần",
        "latest": "Bài mới nhất",
        "in_table": "Mọi bài trong bảng bài viết",
        "in_search": "Tìm trong các bài này",
        "includes": "Gồm cả bài về các đơn vị cũ đã hợp thành đơn vị này.",
        "home": "trang chủ",
        "level_city": "thành phố",
        "level_town": "thị xã",
        "level_district": "huyện",
        "level_township": "thị trấn",
        "level_commune": "xã",
        "level_ward": "phường",
        "limit": "Đơn vị giải thể trước tháng 12/2024 không có trong danh mục nên không được gắn.",
    },
    "en": {
        "places": "Places",
        "intro": "The administrative units articles name: Long An's 15 districts, town and city and 186 communes, "
        "wards and townships (until 30 June 2025), and the 60 communes and wards formed on that territory from "
        "1 July 2025 (Tây Ninh province). Asking by a new commune also returns the older articles about the "
        "communes merged into it.",
        "per_year": "Articles per district per year",
        "district": "District, town, city (until 30 June 2025)",
        "unit_2025": "Commune, ward from 1 July 2025",
        "articles": "Articles",
        "period_2024": "until 30 June 2025",
        "period_2025": "from 1 July 2025",
        "parent": "In",
        "communes": "Communes, wards and townships",
        "successors": "From 1 July 2025 part of",
        "predecessors": "Formed from",
        "former_districts": "On the territory of the former",
        "partial": "part",
        "latest": "Latest articles",
        "in_table": "All its articles in the article table",
        "in_search": "Search these articles",
        "includes": "Includes the articles about the older units it was formed from.",
        "home": "home",
        "level_city": "city",
        "level_town": "town",
        "level_district": "district",
        "level_township": "township",
        "level_commune": "commune",
        "level_ward": "ward",
        "limit": "Units abolished before December 2024 are not in the gazetteer and are not tagged.",
    },
}


def place_path(datasette: Any, key: str) -> str:
    return str(datasette.urls.path(f"/place/{key}"))


class PlaceFacet(Facet):  # type: ignore[misc]
    """Articles per district (until 30 June 2025) and per 2025 unit, from `article_areas`; configured by the
    table's `place_facets` metadata (the schemes), or `?_facet_place=district`."""

    type = "place"

    def get_configs(self) -> list[dict[str, Any]]:
        configured = [
            {"source": "metadata", "config": {"simple": scheme}}
            for scheme in (self.metadata or {}).get("place_facets", [])
        ]
        requested = [
            {"source": "request", "config": {"simple": scheme}}
            for scheme in self.request.args.getlist("_facet_place")
            if scheme in article_places.SCHEMES
            and scheme not in (self.metadata or {}).get("place_facets", [])
        ]
        return configured + requested

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        db = self.ds.get_database(self.database)
        if self.table != TABLE or not await db.table_exists("article_areas"):
            return [], []  # another table, or an archive older than m010_places served as it is
        results: list[dict[str, Any]] = []
        size = self.get_facet_size()
        chosen = self.request.args.getlist(FILTER_ARG)
        try:
            counts = await self._counts()
        except QueryInterrupted:
            return [], [c["config"]["simple"] for c in self.get_configs()]
        names = {key: place.name for key, place in places.gazetteer().places.items()}
        for config in self.get_configs():
            scheme = config["config"]["simple"]
            rows = sorted(
                ((key, names.get(key, key), n) for (s, key), n in counts.items() if s == scheme),
                key=lambda row: (-row[2], row[1]),
            )
            values = []
            for key, name, n in rows[:size]:
                selected = key in chosen
                path = (
                    path_with_removed_args(self.request, {FILTER_ARG: key})
                    if selected
                    else path_with_added_args(self.request, {FILTER_ARG: key})
                )
                values.append(
                    {
                        "value": key,
                        "label": name,
                        "count": n,
                        "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": scheme,
                    "type": self.type,
                    "results": values,
                    "hideable": config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_place": scheme})
                    ),
                    "truncated": len(rows) > size,
                }
            )
        return results, []

    async def _counts(self) -> Counter[tuple[str, str]]:
        """Articles per (scheme, place key) over the page's rows: one `group by` for the whole table, else the
        page's rowids (from the facet index) counted over `place_memory` (see its docstring)."""
        if " where " not in f" {self.sql} ":
            rows = (
                await self.ds.execute(
                    self.database,
                    "select scheme, place_key, count(*) from article_areas group by scheme, place_key",
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            ).rows
            return Counter({(scheme, key): n for scheme, key, n in rows})
        rowids, found = _ROWIDS.subn("select rowid from articles ", str(self.sql), count=1)
        if not found:  # a page query of another shape: its keys, the slow way
            rowids = f"select rowid from articles where key in (select key from ({self.sql}))"
        params = self.params
        limit = self.ds.setting("facet_time_limit_ms")

        search_only = _SEARCH_ONLY.search(str(self.sql)) is not None and isinstance(params, dict)

        def count(conn: sqlite3.Connection) -> Counter[tuple[str, str]]:
            memory = place_memory.get(conn)  # read outside the limit, as the search page's memory is
            if search_only:  # the search filter alone: its hits, matched once for the page (HitMemo)
                return memory.counts(json.loads(datasette_search.MEMO.get(conn, params["search"])))
            try:
                with sqlite_timelimit(conn, limit):
                    return memory.counts(rowid for (rowid,) in conn.execute(rowids, params or {}))
            except sqlite3.OperationalError as error:
                if "interrupted" in str(error):
                    raise QueryInterrupted(error, rowids, params) from None
                raise

        return await self.ds.get_database(self.database).execute_fn(count)  # type: ignore[no-any-return]


# The table page's SQL, "select <its columns> from articles where …", made to list the rows' rowids.
_ROWIDS = re.compile(r"^select .*? from articles ", re.S)
# A page filtered by the search box only (datasette_search's filter).
_SEARCH_ONLY = re.compile(
    rf" from articles where \+rowid in \(select value from json_each\({datasette_search.HITS_FUNCTION}\(:search\)\)\)\s*$"
)


@hookimpl
def register_facet_classes() -> list[type]:
    return [PlaceFacet]


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """`?_place=KEY`: the articles about that unit, across the reorganisation (see the module docstring)."""
    if database != DATABASE or table != TABLE:
        return None
    keys = [k for k in request.args.getlist(FILTER_ARG) if k.strip()]
    if not keys:
        return None
    gaz = places.gazetteer()
    where: list[str] = []
    params: dict[str, Any] = {}
    described: list[str] = []
    for i, key in enumerate(keys):
        if key not in gaz.places:
            where.append("0")
            described.append(f'place "{key}" (no such unit)')
            continue
        sql, args = article_places.matching_articles(key)
        names = [f"place_{i}_{j}" for j in range(len(args))]
        for name in names:
            sql = sql.replace("?", f":{name}", 1)
        params.update(zip(names, args, strict=True))
        # By rowid, which the facet index holds: by key, the column facets would read every matching wide row.
        where.append(f"rowid in (select rowid from articles where key in ({sql}))")
        described.append(f"about {gaz.places[key].name} ({gaz.places[key].period})")
    return FilterArguments(where, params, described)


def _level(labels: dict[str, str], level: str) -> str:
    return labels[f"level_{level}"]


async def places_page(datasette: Any, request: Request) -> Response:
    """Articles per district per year (a table-shaped chart), and every unit of both periods with its count."""
    hl = ui.language(request)
    labels = LABELS[hl]
    db = datasette_plugin.archive(datasette)
    gaz = places.gazetteer()
    tagged = await db.table_exists("article_areas")
    counts: dict[tuple[str, str], int] = {}
    per_year: dict[str, dict[str, int]] = defaultdict(dict)
    if tagged:
        for scheme, key, n in (
            await db.execute(
                "select scheme, place_key, count(*) from article_areas group by scheme, place_key"
            )
        ).rows:
            counts[(scheme, key)] = n
        for key, year, n in (
            await db.execute(
                "select place_key, year, count(*) from article_areas"
                " where scheme = 'district' and year is not null group by place_key, year"
            )
        ).rows:
            per_year[key][str(year)] = n
    years = sorted({y for row in per_year.values() for y in row})
    peak = max((n for row in per_year.values() for n in row.values()), default=0)
    table_url = datasette.urls.table(DATABASE, TABLE)
    districts = []
    for p in sorted(
        (p for p in gaz.places.values() if p.period == "2024" and p.tier == "district"),
        key=lambda p: p.gso_code,
    ):
        cells = []
        for year in years:
            n = per_year[p.key].get(year, 0)
            cells.append(
                {
                    "n": n,
                    "shade": round(n / peak, 3) if peak else 0,
                    "url": f"{table_url}?{urlencode({FILTER_ARG: p.key, 'year': year})}",
                }
            )
        communes = sorted((c for c in gaz.places.values() if c.parent == p.key), key=lambda c: c.name)
        districts.append(
            {
                "place": p,
                "path": place_path(datasette, p.key),
                "cells": cells,
                "total": counts.get(("district", p.key), 0),
                "communes": [{"place": c, "path": place_path(datasette, c.key)} for c in communes],
            }
        )
    new_units = [
        {"place": p, "path": place_path(datasette, p.key), "total": counts.get(("unit_2025", p.key), 0)}
        for p in sorted((p for p in gaz.places.values() if p.period == "2025"), key=lambda p: p.name)
    ]
    return ui.remember(
        Response.html(
            await datasette.render_template(
                "places.html",
                {
                    **ui.context(request),
                    "labels": labels,
                    "years": years,
                    "districts": districts,
                    "new_units": new_units,
                },
                request=request,
            )
        ),
        request,
    )


async def place_page(datasette: Any, request: Request) -> Response:
    """One unit: its level and period, what it was part of, became or was formed from, and its articles."""
    hl = ui.language(request)
    labels = LABELS[hl]
    key = request.url_vars["key"]
    if key not in places.gazetteer().places:
        raise NotFound(f"No place {key}")
    db = datasette_plugin.archive(datasette)
    related = article_places.relatives(key)
    for group in ("successors", "predecessors", "former_districts", "communes"):
        for item in related[group]:
            item["path"] = place_path(datasette, item["key"])
    if related["parent"]:
        related["parent"]["path"] = place_path(datasette, related["parent"]["key"])
    latest: list[dict[str, Any]] = []
    total = 0
    if await db.table_exists("article_areas"):
        sql, args = article_places.matching_articles(key)
        total = (await db.execute(f"select count(*) from ({sql})", args)).rows[0][0]
        rows = (
            await db.execute(
                "select key, site, lang, title, published_at from articles"
                f" where key in ({sql}) order by published_at desc limit {LATEST}",
                args,
            )
        ).rows
        latest = [
            {
                **dict(r),
                "path": datasette_plugin.article_path(datasette, r["key"]),
                "date": ui.date(r["published_at"], hl),
                "edition": ui.edition_name(r["site"], r["lang"], hl),
            }
            for r in rows
        ]
    return ui.remember(
        Response.html(
            await datasette.render_template(
                "place.html",
                {
                    **ui.context(request),
                    "labels": labels,
                    "place": related,
                    "level": _level(labels, related["level"]),
                    "total": total,
                    "latest": latest,
                    "table_url": f"{datasette.urls.table(DATABASE, TABLE)}?{urlencode({FILTER_ARG: key})}",
                    "search_url": f"{datasette.urls.path('/search')}?{urlencode({'place': key})}",
                },
                request=request,
            )
        ),
        request,
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/places$", places_page), (r"^/place/(?P<key>20\d\d-\d+)$", place_page)]
