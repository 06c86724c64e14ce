"""People in Datasette: the person facet and `_person=` filter on the article table (first-named authors, as the
indexed `first_author` column), `/people` and `/person/<key>` (every credit), and the article page's people.

Whatever a reader types for a person (with or without marks, any case, NFC or NFD, stray spaces) is matched as
`people.py` resolves spellings: a name typed with marks means that person (and the unmarked spellings joined
to them), a name typed without marks means every person whose name folds to it. The SQL functions
`person_key()` (folded key) and `person_name_key()` (marks kept) let canned queries match the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any
from urllib.parse import quote

from datasette import NotFound, Request, Response, hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import load_facet_configs
from datasette.filters import FilterArguments
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_removed_args,
    tilde_decode,
    tilde_encode,
)

from . import datasette_plugin, people, ui
from .datasette_facets import ArchiveColumnFacet

DATABASE, TABLE = "archive", "articles"
FILTER_ARG = "_person"
AUTHOR_COLUMN = "first_author"
PAGE_SIZE = 100
# The people whose spellings a typed name stands for (see the module docstring); :name is what was typed.
MATCHING_PEOPLE = (
    "select id from people where folded_key = person_key(:name)"
    " and person_name_key(:name) in (people.id, people.folded_key)"
)

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "people": "Tác giả và nguồn tin",
        "people_intro": "Mỗi người một dòng, dù báo in tên có dấu hay không dấu (“Hữu Bằng”, “Huu Bang”).",
        "person": "Người",
        "name": "Tên",
        "spellings": "Cách viết tên",
        "articles": "Bài viết",
        "as_author": "tác giả",
        "as_source": "nguồn tin",
        "role": "Vai trò",
        "author": "tác giả",
        "source": "nguồn tin",
        "date": "Ngày",
        "edition": "Ấn bản",
        "title": "Tiêu đề",
        "printed": "Tên in trên báo",
        "ambiguous": (
            "Tên không dấu này ứng với nhiều người có tên có dấu khác nhau; lưu trữ không gộp nó với ai."
        ),
        "candidates": "Có thể là",
        "same_fold": "Người khác có tên viết không dấu giống vậy",
        "several": "Nhiều người có tên này",
        "home": "trang chủ",
        "previous": "← Trước",
        "next": "Sau →",
        "filter_articles": "Các bài người này đứng tên đầu, trong bảng bài viết",
        "other_lang": "English",
    },
    "en": {
        "people": "Authors and sources",
        "people_intro": "One row per person, whether the paper printed the name with marks or without "
        "(“Hữu Bằng”, “Huu Bang”).",
        "person": "Person",
        "name": "Name",
        "spellings": "Spellings",
        "articles": "Articles",
        "as_author": "as author",
        "as_source": "as source",
        "role": "Role",
        "author": "author",
        "source": "source",
        "date": "Date",
        "edition": "Edition",
        "title": "Title",
        "printed": "Name as printed",
        "ambiguous": (
            "This unmarked spelling folds like several differently marked names; the archive joins it to none."
        ),
        "candidates": "It may be",
        "same_fold": "Other people whose names read the same without marks",
        "several": "Several people have this name",
        "home": "home",
        "previous": "← Previous",
        "next": "Next →",
        "filter_articles": "The articles they are first-named author of, in the article table",
        "other_lang": "Tiếng Việt",
    },
}


def labels_for(request: Request) -> tuple[str, dict[str, str]]:
    """The interface language (`ui.language`: `?hl=en`, the cookie, Vietnamese by default) and its labels."""
    lang = ui.language(request)
    return lang, LABELS[lang]


def person_path(datasette: Any, person_id: str) -> str:
    """Tilde-encoded, as Datasette redirects every %-encoded path (so `/person/Huu%20Bang` works too)."""
    return str(datasette.urls.path(f"/person/{tilde_encode(person_id)}"))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    for name, function in (("person_key", people.folded_key), ("person_name_key", people.name_key)):
        conn.create_function(
            name, 1, lambda s, f=function: f(s) if isinstance(s, str) else None, deterministic=True
        )


class PersonFacet(ArchiveColumnFacet):  # type: ignore[misc]
    """Articles per first-named author as a person: every spelling of a person counted together.

    It counts the indexed `first_author` column (what the author facet counted before; co-authors are on the
    person's page) in the column facets' own `group by` over the facet index (`grouped_counts`: one query
    for all of a page's facets), then sums the spellings per person (`person_spellings`, a few rows).
    Configured by the table's `person_facet` metadata (the column), or `?_facet_person=first_author`; it is
    not in Datasette's `facets` list, which the search filter reads to plan its queries.
    """

    type = "person"

    def get_configs(self) -> list[dict[str, Any]]:
        column = (self.metadata or {}).get("person_facet")
        configured = [{"source": "metadata", "config": {"simple": column}}] if column else []
        requested = [c for c in super().get_configs() if c["config"].get("simple") != column]
        return configured + requested

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        db = self.ds.get_database(self.database)
        for config in self.get_configs():
            if config["config"].get("simple") != AUTHOR_COLUMN or not await db.table_exists(
                "person_spellings"
            ):
                continue  # another column, or an archive older than m006_people served as it is
            try:
                results.append(await self._counted(config["source"]))
            except QueryInterrupted:  # the facet shows as timed out, as Datasette's do
                timed_out.append("person")
        return results, timed_out

    async def _spelled(self) -> Counter[str]:
        """Articles per first_author spelling: counted along with the page's column facets in their one
        query when the facet index holds them all (no query of its own), else by a `group by` of its own."""
        columns = [
            c["config"].get("column") or c["config"]["simple"]
            for c in load_facet_configs(self.request, self.metadata).get("column", [])
        ]
        together = [*columns, AUTHOR_COLUMN]
        if await self._facet_index_holds(together):
            counts: Counter[str] = (await self.grouped_counts(together))[AUTHOR_COLUMN]
            return counts
        column = escape_sqlite(AUTHOR_COLUMN)
        rows = (
            await self.ds.execute(
                self.database,
                f"select {column}, count(*) from ({self.sql}) where {column} is not null group by {column}",
                self.params,
                truncate=False,
                custom_time_limit=self.ds.setting("facet_time_limit_ms"),
            )
        ).rows
        return Counter({row[0]: row[1] for row in rows})

    async def _counted(self, source: str) -> dict[str, Any]:
        spelled = await self._spelled()
        known = {
            row["spelling"]: (row["id"], row["name"])
            for row in (
                await self.ds.execute(
                    self.database,
                    "select person_spellings.spelling, people.id, people.name from person_spellings"
                    " join people on people.id = person_spellings.person_id"
                    " where person_spellings.role = 'author'"
                    " and person_spellings.spelling in (select value from json_each(?))",
                    [json.dumps(list(spelled), ensure_ascii=False)],
                )
            ).rows
        }
        counts: Counter[tuple[str, str]] = Counter()
        for spelling, n in spelled.items():
            counts[known.get(spelling, (people.name_key(spelling), spelling))] += n
        size = self.get_facet_size()
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))
        typed = self.request.args.getlist(FILTER_ARG)
        values = []
        for (pid, name), n in ordered[:size]:
            chosen = next((t for t in typed if people.typed_as(t, pid)), None)
            selected = chosen is not None
            if chosen is None:
                path = self.ds.urls.path(path_with_added_args(self.request, {FILTER_ARG: pid}))
            else:
                path = self.ds.urls.path(path_with_removed_args(self.request, {FILTER_ARG: chosen}))
            values.append(
                {
                    "value": pid,
                    "label": name,
                    "count": n,
                    "toggle_url": self.ds.absolute_url(self.request, path),
                    "selected": selected,
                }
            )
        return {
            "name": "person",
            "type": self.type,
            "results": values,
            "hideable": source != "metadata",
            "toggle_url": self.ds.urls.path(
                path_with_removed_args(self.request, {"_facet_person": AUTHOR_COLUMN})
            ),
            "truncated": len(ordered) > size,
        }


@hookimpl
def register_facet_classes() -> list[type]:
    return [PersonFacet]


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """`?_person=NAME`: the articles whose first-named author is NAME, in any spelling (see the module
    docstring); written as `first_author in (…spellings…)`, which the facet index answers."""
    if database != DATABASE or table != TABLE:
        return None
    names = [n for n in request.args.getlist(FILTER_ARG) if n.strip()]

    async def inner() -> FilterArguments:
        where: list[str] = []
        params: dict[str, str] = {}
        described: list[str] = []
        db = datasette.get_database(database)
        for i, name in enumerate(names):
            spellings = [
                row[0]
                for row in (
                    await db.execute(
                        "select spelling from person_spellings where role = 'author'"
                        f" and person_id in ({MATCHING_PEOPLE})",
                        {"name": name},
                    )
                ).rows
            ]
            keys = [f"person_{i}_{j}" for j in range(len(spellings))]
            params.update(zip(keys, spellings, strict=True))
            where.append(f"{AUTHOR_COLUMN} in ({', '.join(':' + k for k in keys)})" if keys else "0")
            described.append(f'first author "{name}" (any spelling)')
        return FilterArguments(where, params, described)

    return inner


async def _person_rows(db: Any, person_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in (await db.execute("select * from people where id = ?", [person_id])).rows]


async def person(datasette: Any, request: Request) -> Response:
    """A person's page: every spelling printed, and every article crediting them (both editions)."""
    lang, labels = labels_for(request)
    typed = tilde_decode(request.url_vars["key"])
    db = datasette_plugin.archive(datasette)
    rows = await _person_rows(db, people.name_key(typed))
    if not rows:
        matched = (
            await db.execute(f"select * from people where id in ({MATCHING_PEOPLE})", {"name": typed})
        ).rows
        rows = [dict(r) for r in matched]
        if len(rows) > 1:
            return await _listing(datasette, request, rows, labels["several"], lang, labels)
    if not rows:
        raise NotFound(f"No person {typed}")
    found = rows[0]
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    credits = [
        dict(r)
        for r in (
            await db.execute(
                "select articles.key, articles.published_at, articles.lang, articles.site, articles.title,"
                " json_group_array(distinct article_people.role) as roles,"
                " json_group_array(distinct article_people.spelling) as printed"
                " from article_people join articles on articles.key = article_people.article_key"
                " where article_people.person_id = ? group by articles.key"
                " order by articles.published_at desc, articles.key limit ? offset ?",
                [found["id"], PAGE_SIZE + 1, (page - 1) * PAGE_SIZE],
            )
        ).rows
    ]
    for credit in credits:
        credit.update(
            path=datasette_plugin.article_path(datasette, credit["key"]),
            roles=json.loads(credit["roles"]),
            date=ui.date(credit["published_at"], lang),
            edition=ui.edition_name(credit["site"], credit["lang"], lang),
            printed=json.loads(credit["printed"]),
        )
    spelled = (
        await db.execute(
            "select spelling, role, credits as n from person_spellings where person_id = ? order by n desc, spelling",
            [found["id"]],
        )
    ).rows
    others = [
        {**dict(r), "path": person_path(datasette, r["id"])}
        for r in (
            await db.execute(
                "select id, name, articles from people where folded_key = ? and id != ? order by name",
                [found["folded_key"], found["id"]],
            )
        ).rows
    ]
    base = person_path(datasette, found["id"])
    return ui.remember(Response.html(
        await datasette.render_template(
            "person.html",
            {
                **ui.context(request),
                "person": found,
                "spellings": [dict(r) for r in spelled],
                "credits": credits[:PAGE_SIZE],
                "others": others,
                "page": page,
                "previous_url": _page_url(base, page - 1, lang) if page > 1 else None,
                "next_url": _page_url(base, page + 1, lang) if len(credits) > PAGE_SIZE else None,
                "table_url": datasette.urls.table(DATABASE, TABLE) + f"?{FILTER_ARG}={quote(found['id'])}",
                "lang": lang,
                "labels": labels,
            },
            request=request,
        )
    ), request)


async def article_people(datasette: Any, request: Request, key: str) -> dict[str, Any]:
    """The article page's people block (`_article_people.html`): who it credits, linked to their pages."""
    _, labels = labels_for(request)
    db = datasette_plugin.archive(datasette)
    if not await db.table_exists("article_people"):  # an archive older than m006_people, served as it is
        return {"credited": [], "labels": labels}
    rows = (
        await db.execute(
            "select article_people.role, article_people.spelling, people.id, people.name, people.articles"
            " from article_people join people on people.id = article_people.person_id"
            " where article_people.article_key = ? order by article_people.role, article_people.position",
            [key],
        )
    ).rows
    credited = [{**dict(r), "path": person_path(datasette, r["id"])} for r in rows]
    return {"credited": credited, "labels": labels}


def _page_url(base: str, page: int, lang: str) -> str:
    args = [f"page={page}"] if page > 1 else []
    if lang != "vi":
        args.append(f"hl={lang}")
    return base + ("?" + "&".join(args) if args else "")


async def people_page(datasette: Any, request: Request) -> Response:
    """Everyone credited, most articles first, with their spellings."""
    lang, labels = labels_for(request)
    db = datasette_plugin.archive(datasette)
    rows = [dict(r) for r in (await db.execute("select * from people order by articles desc, name")).rows]
    return await _listing(datasette, request, rows, labels["people"], lang, labels)


async def _listing(
    datasette: Any,
    request: Request,
    rows: list[dict[str, Any]],
    heading: str,
    lang: str,
    labels: dict[str, str],
) -> Response:
    for row in rows:
        row["path"] = person_path(datasette, row["id"])
        row["spelling_list"] = json.loads(row["spellings"])
    return ui.remember(Response.html(
        await datasette.render_template(
            "people.html",
            {
                **ui.context(request),
                "people": rows,
                "heading": heading,
                "lang": lang,
                "labels": labels,
            },
            request=request,
        )
    ), request)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # A credited name may hold a slash ("TTXVN/Vietnam+"): the key is the rest of the path.
    return [(r"^/people$", people_page), (r"^/person/(?P<key>.+)$", person)]
