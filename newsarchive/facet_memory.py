"""Every article's facet values, date and length in memory, as small-integer columns indexed by rowid.

The search page counts five facets and a per-month series over every hit of a query. Read from SQLite,
that is a pass over the facet index probing each entry against the hits (70 ms for 40,000 hits of
250,000 articles) plus a Python object per hit (200 ms more); from these columns it is a few `array`
lookups per hit (10-30 ms). The columns take ~20 bytes per article (5 MB at 250,000) and are read again
(~0.5-1.4 s at 250,000) when the database file or its WAL has changed and the copy is older than
MAX_STALE_S, or at once when a hit is a rowid they do not know (a new article): a crawl committing beside the
server costs a search at most one re-read per MAX_STALE_S, and an edited article's facets lag at most that.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from . import search, store

# The facets, in the facet index's column names; and `person`, the first author's person (people.py), so
# "Hữu Bằng" and "Huu Bang" count as one.
COLUMNS = ("site", "lang", "category", "year", "first_author")
PERSON = "person"
UNDATED = -1


@dataclass
class Column:
    """One facet: a code per rowid (0 = no value) and the value of each code."""

    codes: array  # type: ignore[type-arg]
    values: list[str | None] = field(default_factory=lambda: [None])
    index: dict[str, int] = field(default_factory=dict)

    def code(self, value: str | None) -> int:
        if value is None:
            return 0
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found


@dataclass
class Memory:
    columns: dict[str, Column]
    months: Column  # YYYY-MM of published_at
    dates: array  # type: ignore[type-arg]  # published_at as YYYYMMDDhhmm, UNDATED when none
    lengths: array  # type: ignore[type-arg]  # stored tokens (search.stored_length), 0 when not indexed
    mean_length: float
    month_totals: Counter[tuple[int, int, int]]  # all articles per (month, site, lang) code
    size: int  # rowids below this are known

    def knows(self, rowids: list[int]) -> bool:
        return all(r < self.size for r in rowids)


def _date_number(published_at: str | None) -> int:
    digits = "".join(c for c in (published_at or "")[:16] if c.isdigit())
    return int(digits) if len(digits) == 12 else UNDATED


def read(conn: sqlite3.Connection) -> Memory:
    """Build the columns from the facet index and the search index's sizes."""
    cursor = conn.cursor()
    cursor.row_factory = None
    size = (cursor.execute("select max(rowid) from articles").fetchone()[0] or 0) + 1
    columns = {name: Column(array("I", bytes(4 * size))) for name in COLUMNS}
    months = Column(array("H", bytes(2 * size)))
    dates = array("q", [UNDATED]) * size
    totals: Counter[tuple[int, int, int]] = Counter()
    rows = cursor.execute(
        f"select rowid, {', '.join(COLUMNS)}, published_at from articles indexed by {store.FACET_INDEX}"
    )
    site, lang = columns["site"], columns["lang"]
    for rowid, *values, published_at in rows:
        for name, value in zip(COLUMNS, values, strict=True):
            columns[name].codes[rowid] = columns[name].code(value)
        if published_at:
            month = months.codes[rowid] = months.code(published_at[:7])
            dates[rowid] = _date_number(published_at)
            totals[(month, site.codes[rowid], lang.codes[rowid])] += 1
    columns[PERSON] = _people(conn, columns["first_author"], size)
    lengths = array("I", bytes(4 * size))
    for rowid, sizes in cursor.execute(f"select id, sz from {search.FTS_TABLE}_docsize"):
        if rowid < size:
            lengths[rowid] = search.stored_length(sizes)
    return Memory(columns, months, dates, lengths, search.mean_stored_length(conn), totals, size)


MAX_STALE_S = 30.0
def _people(conn: sqlite3.Connection, authors: Column, size: int) -> Column:
    """Each article's first author as the person's name (the spelling itself where the archive has no
    people tables, an archive older than m006_people served as it is)."""
    names: dict[str, str] = {}
    if conn.execute("select 1 from sqlite_master where name = 'person_spellings'").fetchone():
        names = dict(
            conn.execute(
                "select s.spelling, p.name from person_spellings s join people p on p.id = s.person_id"
                " where s.role = 'author'"
            ).fetchall()
        )
    person = Column(array("I", bytes(4 * size)))
    by_author = [person.code(names.get(v, v) if v is not None else None) for v in authors.values]
    person.codes = array("I", (by_author[code] for code in authors.codes))
    return person


class _Knows(Protocol):
    def knows(self, rowids: list[int]) -> bool: ...


_Known = TypeVar("_Known", bound=_Knows)
_LOCK = threading.Lock()
_CACHE: dict[str, tuple[tuple[int, ...], float, Memory]] = {}


def _state(path: str) -> tuple[int, ...]:
    """What changes when anybody commits: the file's and its WAL's size and modification time."""
    state: list[int] = []
    for name in (path, path + "-wal"):
        try:
            info = os.stat(name)
        except OSError:
            state += [0, 0]
        else:
            state += [info.st_size, info.st_mtime_ns]
    return tuple(state)


def get(conn: sqlite3.Connection, rowids: list[int] | None = None) -> Memory:
    """The archive's columns, read again when the file changed or a rowid is unknown to them."""
    return cached(conn, read, _CACHE, rowids)


def cached(
    conn: sqlite3.Connection,
    reader: Callable[[sqlite3.Connection], _Known],
    cache: dict[str, tuple[tuple[int, ...], float, _Known]],
    rowids: list[int] | None = None,
) -> _Known:
    """What `reader` builds from the archive, kept in `cache` and read again by this module's rule (the
    module docstring); the place facets (`place_memory`) keep theirs the same way."""
    path = str(conn.execute("select file from pragma_database_list where name = 'main'").fetchone()[0])
    state = _state(path) if path else ()
    with _LOCK:
        found = cache.get(path)
        if found and path and (rowids is None or found[2].knows(rowids)):
            seen, read_at, memory = found
            if seen == state or time.monotonic() - read_at < MAX_STALE_S:
                return memory
        memory = reader(conn)
        if path:
            cache.clear()  # one archive per server: keep one copy
            cache[path] = (state, time.monotonic(), memory)
        return memory
