"""The places of the archive: the gazetteer's units (`places`, `place_links`) and what each article names.

`article_places` holds every unit the tagger (`places.tag`) finds in an article, however it was named, with its
count and confidence. `article_areas` is what facets and the place filter count, from the article's confident
tags only (a name inside a bridge's name is kept in `article_places`, not counted here):

- scheme `district`: the 2024 districts an article is about: those it names (`via` tag), the districts of the
  2024 communes it names (parent), and the former districts of the 2025 units it names (former);
- scheme `unit_2025`: the 2025 units it is about: those it names (tag), and the 2025 units that the 2024
  communes it names went to (successor, or partial when only part of the old commune did).

So asking by a 2025 unit returns the older articles about the communes it was formed from, and asking by a
district returns the articles about its communes. The store tags each article it writes; `newsarchive
tag-places` tags the articles stored before (or by an older tagger), in batches it commits as it goes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import sqlite_utils

from . import places


def _tagger_version() -> str:
    """The tagger's rules and data as one digest: any change to them makes `tag-places` re-tag everything."""
    digest = hashlib.sha256(resources.files(__package__).joinpath("places.py").read_bytes())
    for name in sorted(p.name for p in resources.files(__package__).joinpath("gazetteer").iterdir()):
        digest.update(resources.files(__package__).joinpath("gazetteer", name).read_bytes())
    return f"places-1:{digest.hexdigest()[:12]}"


TAGGER_VERSION = _tagger_version()
SCHEMES = ("district", "unit_2025")
_VIA_RANK = {"tag": 0, "parent": 1, "successor": 1, "former": 2, "partial": 2}


def create_tables(db: sqlite_utils.Database) -> None:
    """The four place tables, the gazetteer written into `places` and `place_links` (idempotent)."""
    db.table("places").create(
        {
            "key": str,
            "period": str,
            "level": str,
            "tier": str,
            "name": str,
            "short_name": str,
            "ascii": str,
            "name_en": str,
            "gso_code": str,
            "parent_key": str,
        },
        pk="key",
        not_null={"period", "level", "tier", "name", "short_name"},
        if_not_exists=True,
    )
    db.table("place_links").create(
        {"old_key": str, "new_key": str, "partial": int},
        pk=("old_key", "new_key"),
        foreign_keys=[("old_key", "places", "key"), ("new_key", "places", "key")],
        if_not_exists=True,
    )
    db.table("article_places").create(
        {"article_key": str, "place_key": str, "method": str, "mentions": int, "confidence": float},
        pk=("article_key", "place_key"),
        not_null={"method", "mentions", "confidence"},
        foreign_keys=[("article_key", "articles", "key"), ("place_key", "places", "key")],
        if_not_exists=True,
    )
    db.table("article_areas").create(
        # `year` of publication copied here: articles per district per year is counted without the wide table.
        {"scheme": str, "place_key": str, "article_key": str, "via": str, "year": int},
        pk=("scheme", "place_key", "article_key"),
        not_null={"via"},
        foreign_keys=[("article_key", "articles", "key"), ("place_key", "places", "key")],
        if_not_exists=True,
    )
    db.table("places_tagged").create(
        {"article_key": str, "tagger": str, "content_hash": str},
        pk="article_key",
        foreign_keys=[("article_key", "articles", "key")],
        if_not_exists=True,
    )
    db.table("article_places").create_index(["place_key", "article_key"], if_not_exists=True)
    db.table("article_areas").create_index(["article_key"], if_not_exists=True)
    # Articles per district per year (/places, the canned query) read from this index alone.
    db.table("article_areas").create_index(["scheme", "place_key", "year"], if_not_exists=True)
    gaz = places.gazetteer()
    db.conn.executemany(
        "insert or replace into places (key, period, level, tier, name, short_name, ascii, name_en, gso_code,"
        " parent_key) values (:key, :period, :level, :tier, :name, :short_name, :ascii, :name_en, :gso_code,"
        " :parent_key)",
        [place.row() for place in gaz.places.values()],
    )
    db.conn.executemany(
        "insert or replace into place_links (old_key, new_key, partial) values (:old_key, :new_key, :partial)",
        gaz.links(),
    )


def areas(tags: Mapping[str, places.Tag]) -> dict[tuple[str, str], str]:
    """(scheme, place key) -> via, for an article's confident tags (see the module docstring)."""
    gaz = places.gazetteer()
    found: dict[tuple[str, str], str] = {}

    def add(scheme: str, key: str | None, via: str) -> None:
        if key is None:
            return
        known = found.get((scheme, key))
        if known is None or _VIA_RANK[via] < _VIA_RANK[known]:
            found[(scheme, key)] = via

    for tag in tags.values():
        if tag.confidence < places.HIGH:
            continue
        place = gaz.places[tag.key]
        if place.period == "2025":
            add("unit_2025", place.key, "tag")
            for district in place.former_districts:
                add("district", district, "former")
        elif place.tier == "district":
            add("district", place.key, "tag")
        else:
            add("district", place.parent, "parent")
            for successor, partial in place.successors:
                add("unit_2025", successor, "partial" if partial else "successor")
    return found


def write_article(db: sqlite_utils.Database, key: str, record: Mapping[str, Any], digest: str | None) -> None:
    """Tag one article and replace its place rows; inside the caller's unit of work."""
    tags = places.tag_record(record)
    db.conn.execute("delete from article_places where article_key = ?", [key])
    db.conn.execute("delete from article_areas where article_key = ?", [key])
    db.conn.executemany(
        "insert into article_places (article_key, place_key, method, mentions, confidence) values (?, ?, ?, ?, ?)",
        [(key, t.key, t.method, t.mentions, t.confidence) for t in tags.values()],
    )
    published = record.get("published_at") or ""
    year = int(published[:4]) if published[:4].isdigit() else None
    db.conn.executemany(
        "insert into article_areas (scheme, place_key, article_key, via, year) values (?, ?, ?, ?, ?)",
        [(scheme, place, key, via, year) for (scheme, place), via in areas(tags).items()],
    )
    db.conn.execute(
        "insert or replace into places_tagged (article_key, tagger, content_hash) values (?, ?, ?)",
        [key, TAGGER_VERSION, digest],
    )


_TEXT_COLUMNS = "key, title, lead, body_text, published_at, first_seen_at, content_hash"


def pending(db: sqlite_utils.Database) -> int:
    """Articles not tagged, or tagged by another tagger version or from other text."""
    return int(
        db.execute(
            "select count(*) from articles a left join places_tagged t on t.article_key = a.key"
            " where t.article_key is null or t.tagger != ? or t.content_hash is not a.content_hash",
            [TAGGER_VERSION],
        ).fetchone()[0]
    )


def _pending_rows(db: sqlite_utils.Database, after: str, limit: int) -> list[dict[str, Any]]:
    cursor = db.execute(
        f"select {', '.join('a.' + c.strip() for c in _TEXT_COLUMNS.split(','))} from articles a"
        " left join places_tagged t on t.article_key = a.key"
        " where a.key > ? and (t.article_key is null or t.tagger != ? or t.content_hash is not a.content_hash)"
        " order by a.key limit ?",
        [after, TAGGER_VERSION, limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def tag_pending(db: sqlite_utils.Database, batch: int = 2000) -> Iterator[int]:
    """Tag every pending article, committing each batch (a killed run keeps what it committed and resumes
    where it stopped); yields the number tagged after each batch."""
    after = ""
    done = 0
    while True:
        rows = _pending_rows(db, after, batch)
        if not rows:
            return
        with db.conn:
            for row in rows:
                write_article(db, row["key"], row, row["content_hash"])
        done += len(rows)
        after = rows[-1]["key"]
        yield done


def article_place_list(db: sqlite_utils.Database, key: str) -> list[dict[str, Any]]:
    """An article's places as exports carry them: key, name, level, period, how it was named, confidence."""
    return [
        dict(row)
        for row in db.query(
            "select p.key, p.name, p.level, p.period, ap.method, ap.mentions, ap.confidence"
            " from article_places ap join places p on p.key = ap.place_key where ap.article_key = ?"
            " order by ap.confidence desc, p.period, p.key",
            [key],
        )
    ]


def matching_articles(key: str) -> tuple[str, list[Any]]:
    """SQL selecting the keys of the articles about a place, across the reorganisation (the module docstring):
    a 2025 unit's articles include its predecessor communes', a district's include its communes'."""
    place = places.gazetteer().places[key]
    if place.period == "2025":
        return "select article_key from article_areas where scheme = 'unit_2025' and place_key = ?", [key]
    if place.tier == "district":
        return "select article_key from article_areas where scheme = 'district' and place_key = ?", [key]
    return (
        "select article_key from article_places where place_key = ? and confidence >= ?",
        [key, places.HIGH],
    )


def relatives(key: str) -> dict[str, Any]:
    """A place with what it became or was formed from, for pages and the search answer."""
    gaz = places.gazetteer()
    place = gaz.places[key]

    def brief(other: str, partial: bool | None = None) -> dict[str, Any]:
        p = gaz.places[other]
        out: dict[str, Any] = {"key": p.key, "name": p.name, "level": p.level, "period": p.period}
        if partial is not None:
            out["partial"] = partial
        return out

    return {
        **brief(key),
        "name_en": place.name_en,
        "parent": brief(place.parent) if place.parent else None,
        "successors": [brief(k, partial) for k, partial in place.successors],
        "predecessors": [brief(k, partial) for k, partial in place.predecessors],
        "former_districts": [brief(k) for k in place.former_districts],
        "communes": [brief(p.key) for p in gaz.places.values() if p.parent == key],
    }
