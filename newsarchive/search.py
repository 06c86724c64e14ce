"""Vietnamese-aware full-text search: diacritic folding and FTS5 query building, shared by Datasette and exports.

The FTS5 table indexes each text twice: as stored (NFC, tone marks kept, tokenizer `remove_diacritics 0`) and
folded (marks stripped, đ→d, in real `*_folded` columns written by the store). SQLite's own folding never maps
đ to d, hence the stored copy. What a query matches:

- typed without marks (`can duoc`), it matches the folded copy too, so it finds "Cần Đước" (and "cần được");
- typed with marks (`Cần Đước`), it matches that spelling, and its unmarked form only in text printed without
  marks: the English editions print Vietnamese names unmarked ("Can Duoc"), so both editions are found, while
  the Vietnamese homograph "cần được" (whose unmarked form lives only in the folded copy) is not.

Several words are searched as one phrase (adjacent, in order) unless the query holds an explicit operator
(AND, OR, NOT, NEAR, parentheses): single Vietnamese syllables are too common to be searched apart.
Relevance is FTS5's bm25 with the title weighted above the lead, and the lead above the body (`RANK`).
"""

from __future__ import annotations

import re
import sqlite3
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
# The stored columns only: where a marked query looks for its unmarked form.
STORED_FILTER = "{" + " ".join(TEXT_COLUMNS) + "}"
# bm25 weights per indexed column (stored, then folded), kept in the index's own config so that every
# `order by rank` (the search page, canned queries, exports) ranks alike: a hit in the title counts most.
WEIGHTS = {"title": 10.0, "lead": 4.0, "body_text": 1.0}
_WEIGHT_LIST = ", ".join(str(WEIGHTS[c]) for c in (*TEXT_COLUMNS, *TEXT_COLUMNS))
RANK = f"bm25({_WEIGHT_LIST})"
# bm25 (k1 1.2, b 0.75, fixed in FTS5) ranks a 150-word brief above the 700-word report on the same subject
# that names it in title, lead and body alike; news search wants the report. Like pivoted length
# normalisation (Singhal et al. 1996), the score is multiplied back by (length / mean length) ** PIVOT, lengths
# counted over the stored text only (the folded copy would count Vietnamese articles twice). On the mirror,
# 0.25 puts the article that is about a place first for its name, with or without marks; 0.5 already
# ranks any long article first for any common phrase.
PIVOT = 0.25

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


def _spelling(words: list[str], prefix: bool = False, exact: bool = False) -> str:
    """A phrase as a reader typed it: with marks, that spelling or (unless `exact`) its unmarked form in
    unmarked text."""
    phrase = _phrase(words, prefix)
    unmarked = [fold(word) for word in words]
    if unmarked == words or exact:
        return phrase
    return f"({STORED_FILTER} : ({phrase} OR {_phrase(unmarked, prefix)}))"


def _boolean(tokens: list[str], exact: bool = False) -> str:
    """Keep operators and grouping; quote every bare word and re-quote phrases so nothing else is syntax.

    Inside NEAR(…), which takes plain phrases only, a marked phrase matches its own spelling.
    """
    out: list[str] = []
    near = False
    for i, token in enumerate(tokens):
        if token in _OPERATORS or token in ("NEAR(", "(", ")", ","):
            near = token == "NEAR(" or (near and token != ")")
            out.append(token)
        elif token.isdigit() and i and tokens[i - 1] == ",":
            out.append(token)  # the distance in NEAR(a b, 5)
        else:
            prefix = token.endswith("*")
            words = _WORD.findall(token)
            if words:
                out.append(_phrase(words, prefix) if near else _spelling(words, prefix, exact))
    return " ".join(out)


def phrases(query: str) -> list[tuple[list[str], bool]]:
    """The phrases a query searches for (words, prefix?), for marking them in a result; operators and NOTed
    phrases left out. Raw FTS5 queries are read the same way, as far as their quoted phrases and words go."""
    query = unicodedata.normalize("NFC", query).strip()
    tokens = _TOKEN.findall(query)
    if not any(t in _OPERATORS or t in ("NEAR(", "(") for t in tokens):
        words = _WORD.findall(query)
        return [(words, query.endswith("*"))] if words else []
    found = []
    for i, token in enumerate(tokens):
        if token in _OPERATORS or token in ("NEAR(", "(", ")", ",") or (i and tokens[i - 1] == "NOT"):
            continue
        words = _WORD.findall(token)
        if words and not (token.isdigit() and i and tokens[i - 1] == ","):
            found.append((words, token.endswith("*")))
    return found


def match_expression(query: str, raw: bool = False, exact: bool = False) -> str:
    """Turn what a reader typed into an FTS5 MATCH expression for `articles_fts`.

    Plain words become one phrase (`can duoc` -> `"can duoc"`); a trailing `*` makes its last word a prefix;
    a phrase with marks also matches its unmarked form in the stored (unmarked) text (see the module doc).
    With AND/OR/NOT/NEAR or parentheses, words and quoted phrases are combined as written. `raw=True` passes
    the query through (NFC-normalized) for readers who write FTS5 syntax themselves. `exact=True` leaves
    out the unmarked forms: the articles that print the spelling typed (`spelled_first`).
    """
    query = unicodedata.normalize("NFC", query).strip()
    if raw:
        return query
    tokens = _TOKEN.findall(query)
    if any(t in _OPERATORS or t in ("NEAR(", "(") for t in tokens):
        expression = _boolean(tokens, exact)
        if expression:
            return expression
    words = _WORD.findall(query)
    return _spelling(words, query.endswith("*"), exact) if words else '""'


def search_where(query: str, raw: bool = False, table: str = "articles") -> tuple[str, list[str]]:
    """An SQL condition on `table` (the articles table or an alias) and its parameters, for exports' --search."""
    return (
        f"{table}.rowid in (select rowid from {FTS_TABLE} where {FTS_TABLE} match ?)",
        [match_expression(query, raw)],
    )


def _varints(blob: bytes) -> list[int]:
    """FTS5's varints (SQLite's: big-endian, 7 bits a byte, high bit = more) as numbers."""
    values, value = [], 0
    for byte in blob:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            values.append(value)
            value = 0
    return values


def stored_length(sizes: bytes) -> int:
    """Tokens of title + lead + body, from a row of the index's `_docsize` table."""
    return sum(_varints(sizes)[: len(TEXT_COLUMNS)]) or 1


def mean_stored_length(conn: sqlite3.Connection) -> float:
    """Mean tokens of title + lead + body over the index, from FTS5's own totals record."""
    row = conn.execute(f"select block from {FTS_TABLE}_data where id = 1").fetchone()
    totals = _varints(row[0]) if row and row[0] else []
    if len(totals) < 1 + len(TEXT_COLUMNS) or not totals[0]:
        return 1.0
    return max(1.0, sum(totals[1 : 1 + len(TEXT_COLUMNS)]) / totals[0])


def relevance(bm25: float, length: int, mean: float) -> float:
    """Weighted bm25 (FTS5's, lower is better) as a relevance, higher is better, with the length pivot."""
    return -bm25 * (length / mean) ** PIVOT


def _plain(conn: sqlite3.Connection) -> sqlite3.Cursor:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a broad match returns a row per article
    return cursor


def matching(conn: sqlite3.Connection, expression: str) -> list[int]:
    """Rowids of the articles matching an FTS5 expression."""
    sql = f"select rowid from {FTS_TABLE} where {FTS_TABLE} match ?"
    return [row[0] for row in _plain(conn).execute(sql, [expression])]


def scored(conn: sqlite3.Connection, expression: str) -> list[tuple[int, float]]:
    """(rowid, weighted bm25) of the articles matching an FTS5 expression."""
    sql = f"select rowid, bm25({FTS_TABLE}, {_WEIGHT_LIST}) from {FTS_TABLE} where {FTS_TABLE} match ?"
    return _plain(conn).execute(sql, [expression]).fetchall()


def spelled_first(conn: sqlite3.Connection, query: str, raw: bool = False) -> set[int] | None:
    """For a query typed with marks, the articles printing that spelling, which rank above those found
    through its unmarked print (the reader asked for the spelling; the English editions' "Can Duoc" is the
    same name without it). None when the query has no marks."""
    if raw or match_expression(query, exact=True) == match_expression(query):
        return None
    return set(matching(conn, match_expression(query, exact=True)))


def ranked(conn: sqlite3.Connection, expression: str, first: set[int] | None = None) -> list[tuple[int, float]]:
    """(rowid, relevance) of every article matching an FTS5 expression, most relevant first (those in
    `first`, see `spelled_first`, before the others).

    Relevance is weighted bm25 (WEIGHTS) times the length pivot (PIVOT); higher is better.
    """
    mean = mean_stored_length(conn)
    rows = _plain(conn).execute(
        f"select f.rowid, bm25({FTS_TABLE}, {_WEIGHT_LIST}), d.sz from {FTS_TABLE} f "
        f"join {FTS_TABLE}_docsize d on d.id = f.rowid where {FTS_TABLE} match ?",
        [expression],
    )
    hits = [(rowid, relevance(bm25, stored_length(sizes), mean)) for rowid, bm25, sizes in rows]
    tier = first or set()
    hits.sort(key=lambda hit: (hit[0] not in tier, -hit[1], -hit[0]))
    return hits


def search_keys(db: sqlite_utils.Database, query: str, raw: bool = False) -> list[str]:
    """Keys of the matching articles, most relevant first (`ranked`)."""
    first = spelled_first(db.conn, query, raw)
    order = [rowid for rowid, _ in ranked(db.conn, match_expression(query, raw), first)]
    keys = dict(db.execute(f"select rowid, key from articles where rowid in ({','.join(map(str, order))})"))
    return [keys[rowid] for rowid in order if rowid in keys]


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
        # content="articles" double-quoted: the form sqlite-utils and Datasette recognise as articles' index.
        f'content="articles", content_rowid="rowid", tokenize="{TOKENIZER}")',
        f"create trigger if not exists {FTS_TABLE}_ai after insert on articles begin {insert} end",
        f"create trigger if not exists {FTS_TABLE}_ad after delete on articles begin {delete} end",
        f"create trigger if not exists {FTS_TABLE}_au after update of {names} on articles "
        f"begin {delete} {insert} end",
    ]


TRIGGERS = (f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au")


def detectable(db: sqlite_utils.Database) -> bool:
    """Whether sqlite-utils (and so Datasette, which reads the schema alike) sees the index as articles'."""
    return db.table("articles").detect_fts() == FTS_TABLE


def set_rank(db: sqlite_utils.Database) -> None:
    """Store the ranking (`RANK`) in the index's config, where `order by rank` reads it."""
    db.execute(f"insert into {FTS_TABLE}({FTS_TABLE}, rank) values ('rank', ?)", [RANK])


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
        if not detectable(db):  # written by an older version: make it anew in today's shape
            for trigger in TRIGGERS:
                db.execute(f"drop trigger if exists {trigger}")
            db.execute(f"drop table if exists {FTS_TABLE}")
        db.conn.executemany(
            f"update articles set {', '.join(f'{c} = ?' for c in folded_names)} where rowid = ?", stale
        )
        for statement in schema_sql():
            db.execute(statement)
        db.execute(f"insert into {FTS_TABLE}({FTS_TABLE}) values ('rebuild')")
        set_rank(db)
    return len(rows)
