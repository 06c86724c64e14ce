"""Vietnamese-aware full-text search: diacritic folding and FTS5 query building, shared by Datasette and exports.

The FTS5 table indexes each text twice: as stored (NFC, tone marks kept, tokenizer `remove_diacritics 0`) and
folded (marks stripped, đ→d, in real `*_folded` columns written by the store). A query typed with marks
therefore matches the exact spelling only ("Cần Đước", not "cần được"); a query typed without marks matches the
folded copy, so "can duoc" finds "Cần Đước". SQLite's own folding never maps đ to d, hence the stored copy.

Several words are searched as one phrase (adjacent, in order) unless the query holds an explicit operator
(AND, OR, NOT, NEAR, parentheses): single Vietnamese syllables are too common to be searched apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import sqlite_utils

from .normalize import strip_marks

FTS_TABLE = "articles_fts"
# Article text columns that are indexed, and the folded copy of each (NULL when folding changes nothing).
TEXT_COLUMNS = ("title", "lead", "body_text")
FOLDED_COLUMNS = {column: f"{column}_folded" for column in TEXT_COLUMNS}
TOKENIZER = "unicode61 remove_diacritics 0"

_OPERATORS = {"AND", "OR", "NOT"}
# Quoted phrases, NEAR groups' opening, parentheses, commas, and runs of anything else.
_TOKEN = re.compile(r'"[^"]*"\*?|NEAR\(|[(),]|[^\s(),"]+')
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Strip every mark and map đ/Đ to d/D, keeping case: 'Cần Đước' -> 'Can Duoc'."""
    return strip_marks(text)


def folded_columns(record: Mapping[str, Any]) -> dict[str, str | None]:
    """The `*_folded` column values for an article record; NULL where the text has nothing to fold."""
    values: dict[str, str | None] = {}
    for column, folded_column in FOLDED_COLUMNS.items():
        text = record.get(column)
        folded = fold(text) if text else None
        values[folded_column] = folded if folded != text else None
    return values


def _phrase(words: list[str], prefix: bool = False) -> str:
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def _boolean(tokens: list[str]) -> str:
    """Keep operators and grouping; quote every bare word and re-quote phrases so nothing else is syntax."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token in _OPERATORS or token in ("NEAR(", "(", ")", ","):
            out.append(token)
        elif token.isdigit() and i and tokens[i - 1] == ",":
            out.append(token)  # the distance in NEAR(a b, 5)
        else:
            prefix = token.endswith("*")
            words = _WORD.findall(token)
            if words:
                out.append(_phrase(words, prefix))
    return " ".join(out)


def match_expression(query: str, raw: bool = False) -> str:
    """Turn what a reader typed into an FTS5 MATCH expression for `articles_fts`.

    Plain words become one phrase (`can duoc` -> `"can duoc"`); a trailing `*` makes its last word a prefix.
    With AND/OR/NOT/NEAR or parentheses, words and quoted phrases are combined as written. `raw=True` passes
    the query through (NFC-normalized) for readers who write FTS5 syntax themselves.
    """
    query = unicodedata.normalize("NFC", query).strip()
    if raw:
        return query
    tokens = _TOKEN.findall(query)
    if any(t in _OPERATORS or t in ("NEAR(", "(") for t in tokens):
        expression = _boolean(tokens)
        if expression:
            return expression
    words = _WORD.findall(query)
    return _phrase(words, prefix=query.endswith("*")) if words else '""'


def search_where(query: str, raw: bool = False, table: str = "articles") -> tuple[str, list[str]]:
    """An SQL condition on `table` (the articles table or an alias) and its parameters, for exports' --search."""
    return (
        f"{table}.rowid in (select rowid from {FTS_TABLE} where {FTS_TABLE} match ?)",
        [match_expression(query, raw)],
    )


def search_keys(db: sqlite_utils.Database, query: str, raw: bool = False) -> list[str]:
    """Keys of the matching articles, best match first (FTS5 rank), then newest."""
    sql = (
        f"select articles.key from {FTS_TABLE} join articles on articles.rowid = {FTS_TABLE}.rowid "
        f"where {FTS_TABLE} match ? order by {FTS_TABLE}.rank, articles.published_at desc"
    )
    return [row[0] for row in db.execute(sql, [match_expression(query, raw)]).fetchall()]


def schema_sql() -> list[str]:
    """The FTS5 table over stored and folded text, and triggers that keep it in sync with `articles`."""
    columns = [*TEXT_COLUMNS, *FOLDED_COLUMNS.values()]
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"insert into {FTS_TABLE}(rowid, {names}) values (new.rowid, {new});"
    delete = f"insert into {FTS_TABLE}({FTS_TABLE}, rowid, {names}) values ('delete', old.rowid, {old});"
    return [
        f"create virtual table if not exists {FTS_TABLE} using fts5({names}, "
        f"content='articles', content_rowid='rowid', tokenize='{TOKENIZER}')",
        f"create trigger if not exists {FTS_TABLE}_ai after insert on articles begin {insert} end",
        f"create trigger if not exists {FTS_TABLE}_ad after delete on articles begin {delete} end",
        f"create trigger if not exists {FTS_TABLE}_au after update of {names} on articles "
        f"begin {delete} {insert} end",
    ]


TRIGGERS = (f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au")


@contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """BEGIN … COMMIT around DDL too (Python's sqlite3 would run `drop trigger` outside any transaction)."""
    conn = db.conn
    if conn.in_transaction:
        yield  # the caller's transaction holds it
        return
    conn.execute("begin immediate")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def ensure_triggers(db: sqlite_utils.Database) -> bool:
    """Recreate a missing sync trigger and rebuild the index edits missed meanwhile; True if one was missing."""
    present = {row[0] for row in db.execute("select name from sqlite_master where type = 'trigger'")}
    if present >= set(TRIGGERS):
        return False
    with _transaction(db):
        for statement in schema_sql():
            db.execute(statement)
        db.execute(f"insert into {FTS_TABLE}({FTS_TABLE}) values ('rebuild')")
    return True


def reindex(db: sqlite_utils.Database) -> int:
    """Recompute stale folded columns and rebuild the FTS index from `articles`; returns the article count.

    One transaction, trigger changes included: a reindex killed at any point leaves the archive as it was.
    """
    folded_names = list(FOLDED_COLUMNS.values())
    with _transaction(db):
        for statement in schema_sql():
            db.execute(statement)
        rows = db.execute(
            f"select rowid, {', '.join([*TEXT_COLUMNS, *folded_names])} from articles"
        ).fetchall()
        stale = []
        for rowid, *values in rows:
            fresh = list(folded_columns(dict(zip(TEXT_COLUMNS, values, strict=False))).values())
            if fresh != values[len(TEXT_COLUMNS) :]:
                stale.append([*fresh, rowid])
        # The update trigger would first remove each row's old entry, which fails on a damaged or emptied
        # index (the very case reindex is for); the rebuild below indexes everything anyway.
        db.execute(f"drop trigger if exists {FTS_TABLE}_au")
        db.conn.executemany(
            f"update articles set {', '.join(f'{c} = ?' for c in folded_names)} where rowid = ?", stale
        )
        for statement in schema_sql():
            db.execute(statement)
        db.execute(f"insert into {FTS_TABLE}({FTS_TABLE}) values ('rebuild')")
    return len(rows)
