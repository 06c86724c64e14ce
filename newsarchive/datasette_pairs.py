"""Translation pairs in Datasette: the article page's counterpart block and the side-by-side `/pairs` page.

Registered in `datasette_app.make_datasette`; the article page (`datasette_plugin.article`) calls
`article_counterpart` for the data of `templates/_article_counterpart.html`.
"""

from __future__ import annotations

import json
from typing import Any

from datasette import Forbidden, Response, hookimpl
from datasette.utils.asgi import Request

from . import datasette_plugin

PAGE_SIZE = 50
SHOW = {
    "with": "t.vi_key is not null",
    "without": "t.vi_key is null and t.method != 'republication'",
    "republications": "t.method = 'republication'",
}

_DECISION = (
    "select t.*, en.title en_title, vi.title vi_title, rp.title republishes_title"
    " from translations t join articles en on en.key = t.en_key left join articles vi on vi.key = t.vi_key"
    " left join articles rp on rp.key = t.republishes_key"
    " where t.status != 'rejected' and (t.en_key = :key or t.vi_key = :key)"
)


async def article_counterpart(datasette: Any, db: Any, row: Any) -> dict[str, Any] | None:
    """What the pairing decided about this article (None: undecided, or no `translations` table yet)."""
    if not await db.table_exists("translations"):
        return None
    decision = (await db.execute(_DECISION, {"key": row["key"]})).first()
    if decision is None:
        return None
    is_en = decision["en_key"] == row["key"]
    other = decision["vi_key"] if is_en else decision["en_key"]
    return {
        "status": decision["status"],
        "method": decision["method"],
        "score": decision["score"],
        "evidence": json.loads(decision["evidence"] or "{}"),
        "partner_key": other,
        "partner_title": decision["vi_title"] if is_en else decision["en_title"],
        "partner_lang": "vi" if is_en else "en",
        "partner_path": datasette_plugin.article_path(datasette, other) if other else None,
        "republishes_path": datasette_plugin.article_path(datasette, decision["republishes_key"])
        if decision["republishes_key"]
        else None,
        "republishes_title": decision["republishes_title"],
    }


async def pairs(datasette: Any, request: Request) -> Response:
    """English articles beside their Vietnamese originals (title, date, lead), newest first."""
    if not await datasette.permission_allowed(request.actor, "view-database", "archive", default=True):
        raise Forbidden("You may not view this database")
    db = datasette_plugin.archive(datasette)
    show = request.args.get("show", "with")
    if show not in SHOW:
        show = "with"
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    rows: list[Any] = []
    total = 0
    if await db.table_exists("translations"):
        where = f"t.status != 'rejected' and {SHOW[show]}"
        total = (await db.execute(f"select count(*) from translations t where {where}")).first()[0]
        rows = (
            await db.execute(
                "select t.en_key, t.vi_key, t.score, t.status, t.method, t.republishes_key,"
                " en.title en_title, en.published_at en_date, en.lead en_lead,"
                " vi.title vi_title, vi.published_at vi_date, vi.lead vi_lead"
                " from translations t join articles en on en.key = t.en_key"
                " left join articles vi on vi.key = coalesce(t.vi_key, t.republishes_key)"
                f" where {where} order by en.published_at desc, t.en_key limit ? offset ?",
                [PAGE_SIZE, (page - 1) * PAGE_SIZE],
            )
        ).rows
    items = [
        {
            **dict(r),
            "en_path": datasette_plugin.article_path(datasette, r["en_key"]),
            "vi_path": datasette_plugin.article_path(datasette, r["vi_key"] or r["republishes_key"])
            if (r["vi_key"] or r["republishes_key"])
            else None,
        }
        for r in rows
    ]
    return Response.html(
        await datasette.render_template(
            "pairs.html",
            {
                "items": items,
                "show": show,
                "shows": list(SHOW),
                "total": total,
                "page": page,
                "pages": max(1, -(-total // PAGE_SIZE)),
            },
            request=request,
        )
    )


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [(r"^/pairs$", pairs)]
