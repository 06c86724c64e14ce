"""Datasette's column facets, counted together by one grouped query over the archive's facet index.

A table page counts five facets (site, lang, category, first_author, year) over its filtered rows; Datasette
0.65 runs one query per facet, one after another, each reading every filtered row. At 250,000 articles that
is ~35 ms a facet for a search with 40,000 hits, and 150-350 ms a facet for a filter such as `lang=en`,
where SQLite looks every row up in the wide table. When the facet index (`store.FACET_INDEX`) holds every
facet column of the page, one `group by` counts them all, and Datasette's own code turns the counts into
facet results. When many rows are filtered, that query is pinned to the facet index, which holds the
facet columns and the date: SQLite's planner takes an index on generated columns (`year`, `first_author`)
for one that needs the table, and would otherwise look every row up. A facet a reader adds on another
column makes the page fall back to one query per column, run at once on Datasette's connection pool.

Every facet class (ours, Datasette's array and date facets) queries through `_Budgeted`: its queries stop
when the request's SQL budget (`datasette_search.remaining_ms`) is spent, and the facet shows as timed out.
"""

from __future__ import annotations

import asyncio
import copy
import functools
from collections import Counter
from collections.abc import Generator
from typing import Any

from datasette import hookimpl
from datasette.database import QueryInterrupted, Results
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite

from . import store
from .datasette_search import is_broad, remaining_ms


class _Budgeted:
    """Datasette as a facet sees it, except that `execute` gets at most what is left of the request's budget."""

    def __init__(self, datasette: Any) -> None:
        self._datasette = datasette

    async def execute(
        self,
        database: str,
        sql: str,
        params: Any = None,
        *args: Any,
        custom_time_limit: int | None = None,
        **kwargs: Any,
    ) -> Results:
        left = remaining_ms(self._datasette)
        if left < 1:
            raise QueryInterrupted(None, sql, params)
        limit = min(custom_time_limit or left, left)
        return await self._datasette.execute(database, sql, params, *args, custom_time_limit=limit, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._datasette, name)


@functools.cache
def _budgeted(facet_class: type) -> type:
    """`facet_class` querying through `_Budgeted`."""

    class Budgeted(facet_class):  # type: ignore[misc, valid-type]
        def __init__(self, datasette: Any, *args: Any, **kwargs: Any) -> None:
            super().__init__(_Budgeted(datasette), *args, **kwargs)

    Budgeted.__name__ = Budgeted.__qualname__ = facet_class.__name__
    return Budgeted


class _Counted:
    """Datasette as a facet sees it, except that `execute` returns rows already counted for that facet."""

    def __init__(self, datasette: Any, results: Results) -> None:
        self._datasette = datasette
        self._results = results

    async def execute(self, *args: Any, **kwargs: Any) -> Results:
        return self._results

    def __getattr__(self, name: str) -> Any:
        return getattr(self._datasette, name)


def _sqlite_order(item: tuple[Any, int]) -> tuple[int, int, Any]:
    """`order by count desc, value` as SQLite sorts values: numbers, then text, then blobs."""
    value, count = item
    kind = 0 if isinstance(value, int | float) else 1 if isinstance(value, str) else 2
    return -count, kind, value


class ArchiveColumnFacet(ColumnFacet):  # type: ignore[misc]
    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        configs = self.get_configs()
        if len(configs) < 2:
            return await super().facet_results()  # type: ignore[no-any-return]
        columns = [config["config"].get("column") or config["config"]["simple"] for config in configs]
        # Count the person facet's column along (datasette_people.PersonFacet), whichever facet runs first.
        person = (self.metadata or {}).get("person_facet")
        along = [person] if person and person not in columns else []
        if await self._facet_index_holds(columns + along):
            try:
                counted = await self._count_together(columns, along)
            except QueryInterrupted:
                return [], columns
            singles = [
                self._only(config, _Counted(self.ds, counted[c]))
                for config, c in zip(configs, columns, strict=True)
            ]
        else:
            singles = [self._only(config) for config in configs]
        done = await asyncio.gather(*(ColumnFacet.facet_results(single) for single in singles))
        return [r for results, _ in done for r in results], [c for _, timed_out in done for c in timed_out]

    def _only(self, config: dict[str, Any], datasette: Any = None) -> ColumnFacet:
        """This facet narrowed to one of its columns (answered from `datasette` when given)."""
        single = copy.copy(self)
        single.get_configs = lambda: [config]
        if datasette is not None:
            single.ds = datasette
        return single

    async def _facet_index_holds(self, columns: list[str]) -> bool:
        if not self.table:
            return False
        # The index must be this table's: another table (crawl_runs) may have columns of the same names.
        sql = "select ii.name from pragma_index_list(?) il, pragma_index_info(il.name) ii where il.name = ?"
        rows = (await self.ds.execute(self.database, sql, [self.table, store.FACET_INDEX])).rows
        return bool(rows) and set(columns) <= {row[0] for row in rows}

    async def _pinned_sql(self) -> str:
        """The page's SQL, pinned to the facet index when it filters many rows (see the module docstring)."""
        table = f" from {escape_sqlite(self.table)} "
        if table not in self.sql:
            return str(self.sql)
        db = self.ds.get_database(self.database)
        if self.row_count is not None and not await is_broad(db, self.table, self.row_count):
            return str(self.sql)
        return str(self.sql).replace(table, f"{table}indexed by {store.FACET_INDEX} ", 1)

    async def _count_together(self, columns: list[str], along: list[str] | None = None) -> dict[str, Results]:
        """Each column's counts, shaped as Datasette's own facet query returns them (`along` counted too,
        for another facet to reuse)."""
        counts = await self.grouped_counts(columns + (along or []))
        keep = self.get_facet_size() + 1
        return {
            column: Results(
                [
                    {"value": v, "count": n}
                    for v, n in sorted(counts[column].items(), key=_sqlite_order)[:keep]
                ],
                False,
                None,
            )
            for column in dict.fromkeys(columns)
        }

    async def grouped_counts(self, columns: list[str]) -> dict[str, Counter[Any]]:
        """Every value's count in each column, by one `group by`; once per request and page query, so another
        facet type counting a column of the index along with the page's (the person facet) adds no query."""
        columns = list(dict.fromkeys(columns))  # a facet both configured and asked for is counted once
        memo = self.request.scope.setdefault("newsarchive.facet_counts", {})
        key = (str(self.sql), repr(self.params))
        if key in memo and set(columns) <= set(memo[key]):
            return memo[key]  # type: ignore[no-any-return]
        names = ", ".join(escape_sqlite(c) for c in columns)
        grouped = await self.ds.execute(
            self.database,
            f"select {names}, count(*) from ({await self._pinned_sql()}) group by {names}",
            self.params,
            truncate=False,
            custom_time_limit=self.ds.setting("facet_time_limit_ms"),
        )
        counts: dict[str, Counter[Any]] = {column: Counter() for column in columns}
        for row in grouped.rows:
            for column, value in zip(columns, row[:-1], strict=True):
                if value is not None:
                    counts[column][value] += row[-1]
        memo[key] = counts
        return counts


@hookimpl(hookwrapper=True)
def register_facet_classes() -> Generator[None, Any, None]:
    outcome = yield
    outcome.force_result(
        [
            [_budgeted(ArchiveColumnFacet if c is ColumnFacet else c) for c in classes]
            for classes in outcome.get_result()
        ]
    )
