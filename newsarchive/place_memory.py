"""Which districts and 2025 units each article is about, in memory by rowid, for the table page's place facets.

Counted in SQL over a filtered page, the facets probe every `article_areas` row (about three per article)
against the page's article keys, which SQLite can only list by reading the wide table: 0.3-1 s at 250,000
articles for a filter such as `lang=en`. The page's rowids come from the facet index instead, and each rowid's
areas from these arrays (4 bytes per area, 3 MB at 250,000 articles), read again by `facet_memory`'s rule.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from . import facet_memory


@dataclass
class Areas:
    offsets: array  # type: ignore[type-arg]  # rowid -> where its codes start in `codes` (and end at rowid + 1)
    codes: array  # type: ignore[type-arg]  # index into `areas`
    areas: list[tuple[str, str]]  # (scheme, place key)

    @property
    def size(self) -> int:
        return len(self.offsets) - 1

    def knows(self, rowids: list[int]) -> bool:
        return all(r < self.size for r in rowids)

    def counts(self, rowids: Iterable[int]) -> Counter[tuple[str, str]]:
        """Articles per (scheme, place key) among these rowids."""
        offsets, codes, size = self.offsets, self.codes, self.size
        counted = Counter(
            chain.from_iterable(codes[offsets[r] : offsets[r + 1]] for r in rowids if r < size)
        )
        return Counter({self.areas[code]: n for code, n in counted.items()})


def read(conn: sqlite3.Connection) -> Areas:
    size = (conn.execute("select max(rowid) from articles").fetchone()[0] or 0) + 1
    index: dict[tuple[str, str], int] = {}
    by_rowid: list[list[int]] = [[] for _ in range(size)]
    rows = conn.execute(
        "select a.rowid, aa.scheme, aa.place_key from article_areas aa join articles a on a.key = aa.article_key"
    )
    for rowid, scheme, key in rows:
        code = index.setdefault((scheme, key), len(index))
        by_rowid[rowid].append(code)
    offsets = array("I", [0])
    codes = array("H")
    for found in by_rowid:
        codes.extend(found)
        offsets.append(len(codes))
    return Areas(offsets, codes, list(index))


_CACHE: dict[str, tuple[tuple[int, ...], float, Areas]] = {}


def get(conn: sqlite3.Connection) -> Areas:
    return facet_memory.cached(conn, read, _CACHE)
