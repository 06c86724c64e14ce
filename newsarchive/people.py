"""People credited by articles (authors, credited sources), one per person whatever the byline's spelling.

The English edition prints Vietnamese names without marks ("Huu Bang" for "Hữu Bằng"), so a byline's spelling is
not a person. Spellings are compared by two keys: the *name key* (NFC, casefold, whitespace collapsed: case and
spacing never make two people) and the *folded key* (the name key with marks stripped, đ→d). Within one folded
key, each distinct marked name key is a person of its own ("Thanh Hiểu" and "Thành Hiếu" are two people even
though they fold alike: marks are how Vietnamese tells names apart). An unmarked spelling joins the marked one
only when exactly one marked spelling in the whole archive folds to it; with none it is a person of its own,
and with two or more it stays its own person too, flagged `ambiguous` (the archive cannot tell whom it
names, and must not merge two people silently). A person's display name is a spelling the paper printed,
marked when one is: never a stripped form.

Because the rule depends on the whole archive (a new marked spelling can make an unmarked one ambiguous), the
store re-resolves every folded key an article's credits touch (`write_article`) from `person_spellings`, the
credits counted per spelling: a few rows per key however many articles a person has. `rebuild` computes
everything at once (migration m006_people, benchmarks); the store's upkeep always equals it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from .search import fold

_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The spelling as compared: NFC, casefolded, whitespace collapsed and trimmed, marks kept."""
    folded_case = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    return _SPACE.sub(" ", folded_case).strip()


def folded_key(name: str) -> str:
    """The name key without marks (đ→d): 'Hữu  Bằng ' and 'huu bang' both give 'huu bang'."""
    return fold(name_key(name))


def typed_as(typed: str, person_id: str) -> bool:
    """Whether a name a reader typed stands for this person (the rule datasette_people.MATCHING_PEOPLE
    writes in SQL): the same folded key, and typed with that person's marks or with none."""
    folded = folded_key(person_id)
    return folded_key(typed) == folded and name_key(typed) in (person_id, folded)


def is_marked(key: str) -> bool:
    """Whether a name key carries marks (or đ), i.e. says more than its folded form."""
    return fold(key) != key


def credits(record: Mapping[str, Any]) -> list[tuple[str, int, str]]:
    """(role, position, spelling as printed) for each name an article credits.

    A credited source that is a URL names no one and is left out; so is a blank or non-text entry (a broken
    row written by hand), rather than failing the whole article.
    """
    found = []
    for role, column in (("author", "authors"), ("source", "sources")):
        names = record.get(column) or []
        for position, name in enumerate(names if isinstance(names, list) else []):
            if not isinstance(name, str) or "://" in name or not name_key(name):
                continue
            found.append((role, position, unicodedata.normalize("NFC", name.strip())))
    return found


@dataclass
class Person:
    id: str  # the marked name key, or the folded key for a person printed only without marks
    folded_key: str
    ambiguous: bool = False
    spellings: Counter[str] = field(default_factory=Counter)  # spelling as printed -> credits
    roles: Counter[str] = field(default_factory=Counter)  # role -> credits

    @property
    def name(self) -> str:
        """The spelling printed most often, a marked one whenever the person has one."""
        marked = [s for s in self.spellings if is_marked(name_key(s))] or list(self.spellings)
        return min(marked, key=lambda s: (-self.spellings[s], s))

    def row(self) -> dict[str, Any]:
        ordered = sorted(self.spellings, key=lambda s: (not is_marked(name_key(s)), -self.spellings[s], s))
        return {
            "id": self.id,
            "name": self.name,
            "folded_key": self.folded_key,
            "spellings": json.dumps(ordered, ensure_ascii=False),
            "articles": sum(self.roles.values()),
            "as_author": self.roles["author"],
            "as_source": self.roles["source"],
            "ambiguous": int(self.ambiguous),
        }


def resolve(key: str, spelled: Iterable[tuple[str, str, int]]) -> tuple[list[Person], dict[str, str]]:
    """The people of one folded key from its spellings (spelling, role, credits); and name key -> person id."""
    spelled = list(spelled)
    keys = {name_key(spelling) for spelling, _, _ in spelled}
    marked = sorted(k for k in keys if is_marked(k))
    person_of = {k: k for k in marked}
    if key in keys:
        person_of[key] = marked[0] if len(marked) == 1 else key
    people = {
        pid: Person(pid, key, ambiguous=pid == key and len(marked) > 1) for pid in set(person_of.values())
    }
    for spelling, role, credits in spelled:
        person = people[person_of[name_key(spelling)]]
        person.spellings[spelling] += credits
        person.roles[role] += credits
    return sorted(people.values(), key=lambda p: p.id), person_of


def create_tables(db: sqlite_utils.Database) -> None:
    db.table("people").create(
        {
            "id": str,
            "name": str,
            "folded_key": str,
            "spellings": str,  # JSON array: marked spellings first, each group most printed first
            "articles": int,  # credits: an article naming the person twice (two spellings) counts twice
            "as_author": int,
            "as_source": int,
            "ambiguous": int,
        },
        pk="id",
        not_null={"name", "folded_key", "spellings"},
        if_not_exists=True,
    )
    # One row per spelling and role with its number of credits: what the rule needs, a few rows per folded key,
    # so re-resolving a key after each article reads those rows, not every credit of a prolific author.
    db.table("person_spellings").create(
        {"spelling": str, "role": str, "name_key": str, "folded_key": str, "person_id": str, "credits": int},
        pk=("spelling", "role"),
        not_null={"name_key", "folded_key", "credits"},
        foreign_keys=[("person_id", "people", "id")],
        if_not_exists=True,
    )
    db.table("article_people").create(
        {
            "article_key": str,
            "role": str,  # author | source
            "position": int,  # in the article's authors or sources, from 0
            "person_id": str,
            "spelling": str,  # as printed
            "name_key": str,
            "folded_key": str,
        },
        pk=("article_key", "role", "position"),
        not_null={"spelling", "name_key", "folded_key"},
        foreign_keys=[("article_key", "articles", "key"), ("person_id", "people", "id")],
        if_not_exists=True,
    )
    db.table("people").create_index(["folded_key"], if_not_exists=True)
    db.table("person_spellings").create_index(["folded_key"], if_not_exists=True)
    # The facet counts articles per person: the role and person lead, the article key completes the index.
    db.table("article_people").create_index(["role", "person_id", "article_key"], if_not_exists=True)
    db.table("article_people").create_index(["folded_key", "name_key"], if_not_exists=True)


_INSERT_CREDIT = (
    "insert into article_people (article_key, role, position, person_id, spelling, name_key, folded_key)"
    " values (?, ?, ?, ?, ?, ?, ?)"
)
_UPSERT_PERSON = (
    "insert into people (id, name, folded_key, spellings, articles, as_author, as_source, ambiguous)"
    " values (:id, :name, :folded_key, :spellings, :articles, :as_author, :as_source, :ambiguous)"
    " on conflict(id) do update set name = excluded.name, folded_key = excluded.folded_key,"
    " spellings = excluded.spellings, articles = excluded.articles, as_author = excluded.as_author,"
    " as_source = excluded.as_source, ambiguous = excluded.ambiguous"
)
_COUNT_SPELLING = (
    "insert into person_spellings (spelling, role, name_key, folded_key, credits) values (?, ?, ?, ?, ?)"
    " on conflict(spelling, role) do update set credits = credits + excluded.credits"
)


def write_article(db: sqlite_utils.Database, article: str, record: Mapping[str, Any]) -> None:
    """Record an article's credits and re-resolve the people of every folded key they touch (old and new).

    Called inside the store's unit of work; an article whose credits did not change costs one query.
    """
    fresh = [
        (role, position, spelling, name_key(spelling), folded_key(spelling))
        for role, position, spelling in credits(record)
    ]
    stored = [
        tuple(row)
        for row in db.conn.execute(
            "select role, position, spelling, name_key, folded_key from article_people where article_key = ?"
            " order by role, position",
            [article],
        )
    ]
    if sorted(fresh) == stored:
        return
    db.conn.execute("delete from article_people where article_key = ?", [article])
    counts = [(s, r, n, f, -1) for r, _, s, n, f in stored] + [(s, r, n, f, 1) for r, _, s, n, f in fresh]
    db.conn.executemany(_COUNT_SPELLING, counts)
    db.conn.execute("delete from person_spellings where credits <= 0")
    person_of: dict[tuple[str, str], str] = {}
    for key in sorted({row[4] for row in stored} | {row[4] for row in fresh}):
        person_of.update({(key, name): pid for name, pid in _refresh(db, key).items()})
    db.conn.executemany(
        _INSERT_CREDIT, [(article, r, p, person_of[(f, n)], s, n, f) for r, p, s, n, f in fresh]
    )


def _refresh(db: sqlite_utils.Database, key: str) -> dict[str, str]:
    """Re-resolve one folded key from its spellings; name key -> person id. Credits are re-pointed only
    where a spelling changes person (a marked spelling arriving or leaving), which is rare."""
    spelled = db.conn.execute(
        "select spelling, role, credits, name_key, person_id from person_spellings where folded_key = ?",
        [key],
    ).fetchall()
    people, person_of = resolve(key, [(s, r, c) for s, r, c, _, _ in spelled])
    db.conn.executemany(_UPSERT_PERSON, [person.row() for person in people])
    moved = {(name, person_of[name]) for _, _, _, name, pid in spelled if pid != person_of[name]}
    for name, pid in sorted(moved):
        db.conn.execute(
            "update person_spellings set person_id = ? where folded_key = ? and name_key = ?",
            [pid, key, name],
        )
        db.conn.execute(
            "update article_people set person_id = ? where folded_key = ? and name_key = ?", [pid, key, name]
        )
    keep = [person.id for person in people]
    db.conn.execute(
        f"delete from people where folded_key = ? and id not in ({', '.join('?' * len(keep))})", [key, *keep]
    )
    return person_of


def _names(stored: str | None) -> list[Any]:
    try:
        value = json.loads(stored or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def rebuild(db: sqlite_utils.Database) -> int:
    """Fill the people tables afresh from every article's authors and sources; the number of people."""
    rows: list[tuple[str, str, int, str, str, str]] = []
    spelled: Counter[tuple[str, str]] = Counter()
    for article, authors, sources in db.conn.execute("select key, authors, sources from articles"):
        for role, position, spelling in credits({"authors": _names(authors), "sources": _names(sources)}):
            name = name_key(spelling)
            rows.append((article, role, position, spelling, name, fold(name)))
            spelled[(spelling, role)] += 1
    by_key: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for (spelling, role), n in spelled.items():
        by_key[folded_key(spelling)].append((spelling, role, n))
    person_of: dict[tuple[str, str], str] = {}
    people: list[Person] = []
    for key, spellings in by_key.items():
        found, mapping = resolve(key, spellings)
        people.extend(found)
        person_of.update({(key, name): pid for name, pid in mapping.items()})
    for table in ("article_people", "person_spellings", "people"):
        db.conn.execute(f"delete from {table}")
    db.conn.executemany(_UPSERT_PERSON, [person.row() for person in people])
    db.conn.executemany(
        "insert into person_spellings (spelling, role, name_key, folded_key, person_id, credits)"
        " values (?, ?, ?, ?, ?, ?)",
        [
            (s, r, name_key(s), folded_key(s), person_of[(folded_key(s), name_key(s))], n)
            for (s, r), n in spelled.items()
        ],
    )
    db.conn.executemany(_INSERT_CREDIT, [(a, r, p, person_of[(f, n)], s, n, f) for a, r, p, s, n, f in rows])
    return len(people)
