"""`reindex` is all or nothing: killed anywhere, the archive keeps its search triggers and search follows edits.

And a writing open puts back a trigger lost some other way (an old interrupted reindex, a hand edit),
rebuilding the index so edits made without it are found too.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time

from newsarchive import search, store

from .conftest import REPO, newsarchive

TRIGGERS = {f"{search.FTS_TABLE}_{suffix}" for suffix in ("ai", "ad", "au")}
COPIES = 12  # the mirror crawl times 13: a reindex long enough (~1 s) to be killed inside its transaction


def _enlarge(path) -> int:
    """Copies of every article under new keys, with stale folded columns so reindex rewrites each row."""
    conn = sqlite3.connect(path)
    columns = [r[1] for r in conn.execute("pragma table_info(articles)") if r[1] not in ("key", "article_id")]
    names = ", ".join(columns)
    with conn:
        for n in range(1, COPIES + 1):
            conn.execute(
                f"insert into articles (key, article_id, {names}) "
                f"select key || ':copy{n}', article_id || '-{n}', {names} from articles where key not like '%:copy%'"
            )
        conn.execute("update articles set title_folded = null, lead_folded = null, body_text_folded = null")
    count = conn.execute("select count(*) from articles").fetchone()[0]
    conn.close()
    return count


def _triggers(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type = 'trigger'")}


def _found(conn: sqlite3.Connection, word: str) -> int:
    sql = f"select count(*) from {search.FTS_TABLE} where {search.FTS_TABLE} match ?"
    return conn.execute(sql, [search.match_expression(word)]).fetchone()[0]


def test_reindex_killed_at_random_points_keeps_search_following_edits(scratch_db):
    count = _enlarge(scratch_db)
    rng = random.Random(12)
    command = [sys.executable, "-m", "newsarchive", "reindex", "--db", str(scratch_db)]
    started = time.monotonic()
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, timeout=120)
    whole = time.monotonic() - started  # interpreter start-up included
    killed_running = 0
    for attempt in range(8):
        if attempt % 2:  # every other try leaves folded columns stale again, so there is work to interrupt
            with sqlite3.connect(scratch_db) as conn:
                conn.execute("update articles set title_folded = null where rowid % 3 = ?", [attempt % 3])
            conn.close()
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * whole)
        killed_running += process.poll() is None
        process.kill()
        process.wait(timeout=30)
        conn = sqlite3.connect(scratch_db)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert TRIGGERS <= _triggers(conn), attempt
        conn.execute(f"insert into {search.FTS_TABLE}({search.FTS_TABLE}) values ('integrity-check')")
        word = f"xqzkill{attempt}"
        with conn:  # an edit that bypasses newsarchive: only the triggers carry it into the index
            conn.execute("update articles set title = title || ' ' || ? where rowid = ?", [word, attempt + 1])
        assert _found(conn, word) == 1, attempt
        assert conn.execute("select count(*) from articles").fetchone()[0] == count
        conn.close()
    assert killed_running >= 4, f"only {killed_running} of 8 kills hit a running reindex"


def test_writing_open_restores_a_lost_trigger_and_the_edits_it_missed(scratch_db):
    conn = sqlite3.connect(scratch_db)
    with conn:
        conn.execute(f"drop trigger {search.FTS_TABLE}_au")
        conn.execute("update articles set title = title || ' xqzmissed' where rowid = 1")
    assert _found(conn, "xqzmissed") == 0
    conn.close()
    newsarchive("status", "--db", str(scratch_db))  # a reading command leaves it as it is
    conn = sqlite3.connect(scratch_db)
    assert f"{search.FTS_TABLE}_au" not in _triggers(conn)
    conn.close()
    store.open_db(scratch_db).close()
    conn = sqlite3.connect(scratch_db)
    assert TRIGGERS <= _triggers(conn)
    assert _found(conn, "xqzmissed") == 1
    with conn:
        conn.execute("update articles set title = title || ' xqzafter' where rowid = 2")
    assert _found(conn, "xqzafter") == 1
    conn.close()
