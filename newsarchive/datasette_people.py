"""People in Datasette: the person facet and `_person=` filter on the article table, `/people` and `/person/<key>`.

Whatever a reader types for a person (with or without marks, any case, NFC or NFD, stray spaces) is matched as
`people.py` resolves spellings: a name typed with marks means that person (and the unmarked spellings joined
to them), a name typed without marks means every person whose name folds to it. The SQL functions
`person_key()` (folded key) and `person_name_key()` (marks kept) let canned queries match the same way.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any
from urllib.parse import quote

from datasette import NotFound, Request, Response, hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args, tilde_decode, tilde_encode

from . import datasette_plugin, people

DATABASE, TABLE = "archive", "articles"
FILTER_ARG = "_person"
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
        "filter_articles": "Các bài trong bảng bài viết",
        "all_articles": "mọi bài",
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
        "filter_articles": "Their articles in the article table",
        "all_articles": "all articles",
        "other_lang": "Tiếng Việt",
    },
}


def labels_for(request: Request) -> tuple[str, dict[str, str]]:
    """The interface language (`?lang=en`, Vietnamese by default) and its labels."""
    lang = request.args.get("lang")
    lang = lang if lang in LABELS else "vi"
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


class PersonFacet(Facet):  # type: ignore[misc]
    """Articles per person (authors by default), all spellings of a person counted together.

    Configured by the table's `person_facets` metadata (a list of roles), or `?_facet_person=source`. Not in
    Datasette's `facets` list: the search filter reads that list to choose its plan, and this facet needs no
    column of `articles`.
    """

    type = "person"

    def get_configs(self) -> list[dict[str, Any]]:
        configured: list[dict[str, Any]] = [
            {"source": "metadata", "config": {"simple": role}}
            for role in (self.metadata or {}).get("person_facets", [])
        ]
        requested = super().get_configs()
        chosen = {c["config"].get("simple") for c in configured}
        return configured + [c for c in requested if c["config"].get("simple") not in chosen]

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        if not await self.ds.get_database(self.database).table_exists("article_people"):
            return results, timed_out  # an archive older than m006_people, served as it is
        size = self.get_facet_size()
        pairs = self.get_querystring_pairs()
        for config in self.get_configs():
            role = config["config"].get("simple")
            if role not in people.ROLES:
                continue
            name = f"person ({role})" if role != "author" else "person"
            sql = (
                "select people.id as value, people.name as label, count(*) as count"
                " from article_people join people on people.id = article_people.person_id"
                f" where article_people.role = '{role}'"
                f" and article_people.article_key in (select key from ({self.sql}))"
                " group by people.id order by count desc, people.name"
                f" limit {size + 1}"
            )
            try:
                rows = (
                    await self.ds.execute(
                        self.database,
                        sql,
                        self.params,
                        truncate=False,
                        custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                    )
                ).rows
            except QueryInterrupted:  # the facet shows as timed out, as Datasette's do
                timed_out.append(name)
                continue
            values = []
            for row in rows[:size]:
                selected = (FILTER_ARG, row["value"]) in pairs
                change = path_with_removed_args if selected else path_with_added_args
                values.append(
                    {
                        "value": row["value"],
                        "label": row["label"],
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(
                            self.request, self.ds.urls.path(change(self.request, {FILTER_ARG: row["value"]}))
                        ),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": name,
                    "type": self.type,
                    "results": values,
                    "hideable": config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_person": role})
                    ),
                    "truncated": len(rows) > size,
                }
            )
        return results, timed_out


@hookimpl
def register_facet_classes() -> list[type]:
    return [PersonFacet]


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """`?_person=NAME`: the articles NAME authored, NAME matched as a person (see the module docstring)."""
    if database != DATABASE or table != TABLE:
        return None
    names = [n for n in request.args.getlist(FILTER_ARG) if n.strip()]
    where, params, described = [], {}, []
    for i, name in enumerate(names):
        matching = MATCHING_PEOPLE.replace(":name", f":person_{i}")
        where.append(
            "key in (select article_key from article_people where role = 'author'"
            f" and person_id in ({matching}))"
        )
        params[f"person_{i}"] = name
        described.append(f'by "{name}" (any spelling)')
    return FilterArguments(where, params, described)


async def _person_rows(db: Any, person_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in (await db.execute("select * from people where id = ?", [person_id])).rows]


async def person(datasette: Any, request: Request) -> Response:
    """A person's page: every spelling printed, and every article crediting them (both editions)."""
    lang, labels = labels_for(request)
    typed = tilde_decode(request.url_vars["key"])
    db = datasette.get_database(DATABASE)
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
    return Response.html(
        await datasette.render_template(
            "person.html",
            {
                "person": found,
                "spellings": [dict(r) for r in spelled],
                "credits": credits[:PAGE_SIZE],
                "others": others,
                "page": page,
                "previous_url": _page_url(base, page - 1, lang) if page > 1 else None,
                "next_url": _page_url(base, page + 1, lang) if len(credits) > PAGE_SIZE else None,
                "table_url": datasette.urls.table(DATABASE, TABLE) + f"?{FILTER_ARG}={quote(found['id'])}",
                "switch_url": base + ("" if lang == "en" else "?lang=en"),
                "lang": lang,
                "labels": labels,
            },
            request=request,
        )
    )


async def article_people(datasette: Any, request: Request, key: str) -> dict[str, Any]:
    """The article page's people block (`_article_people.html`): who it credits, linked to their pages."""
    _, labels = labels_for(request)
    db = datasette.get_database(DATABASE)
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
        args.append(f"lang={lang}")
    return base + ("?" + "&".join(args) if args else "")


async def people_page(datasette: Any, request: Request) -> Response:
    """Everyone credited, most articles first, with their spellings."""
    lang, labels = labels_for(request)
    db = datasette.get_database(DATABASE)
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
    path = request.path
    return Response.html(
        await datasette.render_template(
            "people.html",
            {
                "people": rows,
                "heading": heading,
                "switch_url": path + ("" if lang == "en" else "?lang=en"),
                "lang": lang,
                "labels": labels,
            },
            request=request,
        )
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # A credited name may hold a slash ("TTXVN/Vietnam+"): the key is the rest of the path.
    return [(r"^/people$", people_page), (r"^/person/(?P<key>.+)$", person)]
