"""The `translations` table: running the pairing over the archive, and a person's confirm / reject.

`run` decides English articles month by month (the unit the pairing's IDF works on), loading only the
Vietnamese articles that may precede each month, so a full run over 250,000 articles stays within minutes and
a run after a crawl touches only the new articles and their windows. A decision is rewritten only when it
changed, so rerunning changes nothing; rows a person confirmed or rejected are never rewritten by a run,
and a rejected pair is never proposed again. `articles.counterpart_key` follows the current rows both ways.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from . import pairing, store
from .normalize import utc_now

TZ_SUFFIX = "+07:00"
COLUMNS = "key, site, lang, title, lead, body_text, published_at, category, sources"


@dataclass
class Summary:
    examined: int = 0
    paired: int = 0
    unpaired: int = 0
    republications: int = 0
    changed: int = 0


class PairError(ValueError):
    """A confirm or reject that names an article the archive lacks or the wrong editions."""


def _local(moment: datetime) -> str:
    """The archive's `published_at` form (+07:00), for range queries on the indexed text column."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + TZ_SUFFIX


def _records(db: sqlite_utils.Database, where: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = [dict(r) for r in db.query(f"select {COLUMNS} from articles where {where}", params)]
    if not rows:
        return rows
    images: dict[str, list[str]] = {}
    keys = [r["key"] for r in rows]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in db.query(f"select article_key, url from images where article_key in ({marks})", chunk):
            images.setdefault(row["article_key"], []).append(row["url"])
    for r in rows:
        r["images"] = images.get(r["key"], [])
        r["sources"] = json.loads(r["sources"] or "[]")
    return rows


def _current(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    return {
        r["en_key"]: r
        for r in db.query("select * from translations where status != 'rejected' order by en_key")
    }


def _affected(
    db: sqlite_utils.Database, current: dict[str, dict[str, Any]], since: str | None, full: bool
) -> set[str]:
    """English keys to (re)decide: undecided ones; with `since`, those stored since and those in the window
    after a Vietnamese article stored since; with `full`, every one. Confirmed rows are left alone."""
    if full:
        keys = {r["key"] for r in db.query("select key from articles where lang = 'en'")}
    else:
        keys = {
            r["key"]
            for r in db.query(
                "select key from articles where lang = 'en'"
                " and key not in (select en_key from translations where status != 'rejected')"
            )
        }
        if since:
            keys |= {
                r["key"]
                for r in db.query(
                    "select key from articles where lang = 'en' and first_seen_at >= ?", [since]
                )
            }
            for vi in db.query(
                "select site, published_at from articles where lang = 'vi' and first_seen_at >= ?"
                " and published_at is not null",
                [since],
            ):
                when = datetime.fromisoformat(vi["published_at"]).replace(tzinfo=None)
                keys |= {
                    r["key"]
                    for r in db.query(
                        "select key from articles where lang = 'en' and site = ? and published_at between ? and ?",
                        [
                            vi["site"],
                            _local(when - pairing.WINDOW_BEFORE),
                            _local(when + pairing.WINDOW_AFTER),
                        ],
                    )
                }
    confirmed = {k for k, r in current.items() if r["status"] == "confirmed"}
    return keys - confirmed


def _months(db: sqlite_utils.Database, keys: set[str]) -> Iterator[tuple[tuple[str, str], list[str]]]:
    """The English keys by site and month of publication ("" for undated ones), months in order."""
    groups: dict[tuple[str, str], list[str]] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        for r in db.query(
            f"select key, site, published_at from articles where key in ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            groups.setdefault((r["site"], (r["published_at"] or "")[:7]), []).append(r["key"])
    for group, members in sorted(groups.items()):
        yield group, sorted(members)


def run(db: sqlite_utils.Database, since: str | None = None, full: bool = False) -> Summary:
    """Pair what needs deciding (see `_affected`) and store the outcome; returns what it decided."""
    current = _current(db)
    affected = _affected(db, current, since, full)
    summary = Summary(examined=len(affected))
    if not affected:
        return summary
    rejected = {
        (r["en_key"], r["vi_key"])
        for r in db.query("select en_key, vi_key from translations where status = 'rejected'")
    }
    taken = {r["vi_key"] for k, r in current.items() if r["vi_key"] and k not in affected}
    decisions: list[dict[str, Any]] = []  # the new rows
    cache: dict[str, dict[str, float]] = {}
    for (site, _month), keys in _months(db, affected):
        # one month's English texts at a time: a full run's memory does not grow with the archive
        members = _records(db, f"key in ({', '.join('?' * len(keys))})", keys)
        decisions += [_republication_row(db, r) for r in members if pairing.republishes(r)]
        members = [r for r in members if not pairing.republishes(r)]
        undated = [r for r in members if not r["published_at"]]
        for r in undated:
            decisions.append(_row(pairing.Decision(r["key"], None, 0.0, {"reason": "no publication date"})))
        dated = [r for r in members if r["published_at"]]
        if not dated:
            continue
        span = pairing.month_of(dated[0])
        assert span is not None
        low, high = pairing.candidate_range(span)
        vietnamese = _records(
            db,
            "lang = 'vi' and site = ? and published_at between ? and ?",
            [site, _local(low), _local(high)],
        )
        reach = {v["key"] for v in vietnamese}
        for key in [k for k in cache if k not in reach]:
            del cache[key]  # out of every later month's reach
        for d in pairing.pair(dated, vietnamese, taken=taken, forbidden=rejected, feature_cache=cache):
            if d.vi_key:
                taken.add(d.vi_key)
            decisions.append(_row(d))
    now = utc_now()
    changed: list[dict[str, Any]] = []
    for row in decisions:
        old = current.get(row["en_key"])
        if row["republishes_key"] is not None or row["method"] == "republication":
            summary.republications += 1
        elif row["vi_key"]:
            summary.paired += 1
        else:
            summary.unpaired += 1
        if old and all(
            old[c] == row[c] for c in ("vi_key", "score", "method", "evidence", "republishes_key")
        ):
            continue
        changed.append({**row, "decided_at": now, "status": "auto"})
    summary.changed = len(changed)
    if changed:
        touched = _write(db, changed, current)
        sync_counterparts(db, touched)
    return summary


def _row(d: pairing.Decision) -> dict[str, Any]:
    return {
        "en_key": d.en_key,
        "vi_key": d.vi_key,
        "score": d.score,
        "method": pairing.METHOD,
        "evidence": json.dumps(d.evidence, ensure_ascii=False, sort_keys=True),
        "republishes_key": None,
    }


def _republication_row(db: sqlite_utils.Database, item: dict[str, Any]) -> dict[str, Any]:
    """A portal item republishing the newspaper's English copy: linked to that article when the text is the
    same, never a translation (no Vietnamese partner)."""
    found = None
    if item["published_at"]:
        when = datetime.fromisoformat(item["published_at"]).replace(tzinfo=None)
        originals = _records(
            db,
            "lang = 'en' and site = 'baolongan' and published_at between ? and ?",
            [_local(when - timedelta(days=45)), _local(when + timedelta(days=1))],
        )
        found = pairing.republication_of(item, originals)
    evidence = {"source": pairing.REPUBLISHED_FROM, **({"jaccard": found[1]} if found else {})}
    return {
        "en_key": item["key"],
        "vi_key": None,
        "score": found[1] if found else 0.0,
        "method": "republication",
        "evidence": json.dumps(evidence, sort_keys=True),
        "republishes_key": found[0] if found else None,
    }


def _write(
    db: sqlite_utils.Database, rows: list[dict[str, Any]], current: dict[str, dict[str, Any]]
) -> set[str]:
    """Replace the automatic rows of these English articles in one transaction; the keys whose counterpart
    may have changed."""
    touched: set[str] = set()
    with store.atomic(db):
        for row in rows:
            old = current.get(row["en_key"])
            if old:
                touched.add(old["vi_key"] or "")
                db.execute("delete from translations where id = ?", [old["id"]])
        for row in rows:
            touched |= {row["en_key"], row["vi_key"] or ""}
            db.table("translations").insert(row)
    touched.discard("")
    return touched


_SYNC = (
    "update articles set counterpart_key = coalesce("
    "(select vi_key from translations t where t.en_key = articles.key and t.status != 'rejected'),"
    "(select en_key from translations t where t.vi_key = articles.key and t.vi_key is not null"
    " and t.status != 'rejected')) where key in ({marks})"
)


def sync_counterparts(db: sqlite_utils.Database, keys: Iterable[str]) -> None:
    """`articles.counterpart_key` of these articles from the current translation rows, both ways."""
    ordered = sorted(keys)
    with store.atomic(db):
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            db.execute(_SYNC.format(marks=", ".join("?" * len(chunk))), chunk)


def _check(db: sqlite_utils.Database, en_key: str, vi_key: str) -> None:
    langs = {
        r["key"]: r
        for r in db.query("select key, lang, site from articles where key in (?, ?)", [en_key, vi_key])
    }
    for key, lang in ((en_key, "en"), (vi_key, "vi")):
        if key not in langs:
            raise PairError(f"no article {key} in the archive")
        if langs[key]["lang"] != lang:
            raise PairError(f"{key} is not a{'n English' if lang == 'en' else ' Vietnamese'} article")
    if langs[en_key]["site"] != langs[vi_key]["site"]:
        raise PairError("pairs are made within one source: the two articles come from different sites")


def confirm(db: sqlite_utils.Database, en_key: str, vi_key: str) -> None:
    """A person says EN translates VI: the pair is fixed, whatever either article was paired with before."""
    _check(db, en_key, vi_key)
    with store.atomic(db):
        olds = list(
            db.query(
                "select * from translations where status != 'rejected' and (en_key = ? or vi_key = ?)",
                [en_key, vi_key],
            )
        )
        touched = {en_key, vi_key} | {k for o in olds for k in (o["en_key"], o["vi_key"]) if k}
        db.execute(
            "delete from translations where en_key = ? and vi_key = ? and status = 'rejected'",
            [en_key, vi_key],
        )
        for old in olds:
            db.execute("delete from translations where id = ?", [old["id"]])
        db.table("translations").insert(
            {
                "en_key": en_key,
                "vi_key": vi_key,
                "score": next(
                    (o["score"] for o in olds if o["en_key"] == en_key and o["vi_key"] == vi_key), None
                ),
                "method": "person",
                "evidence": "{}",
                "decided_at": utc_now(),
                "status": "confirmed",
                "republishes_key": None,
            }
        )
        sync_counterparts(db, touched)


def reject(db: sqlite_utils.Database, en_key: str, vi_key: str) -> None:
    """A person says EN does not translate VI: that pair is never proposed again; EN is decided anew by the
    next run (`pair`), without VI."""
    _check(db, en_key, vi_key)
    with store.atomic(db):
        db.execute(
            "delete from translations where en_key = ? and (vi_key = ? or status != 'confirmed')"
            " and status != 'rejected'",
            [en_key, vi_key],
        )
        db.execute(
            "delete from translations where en_key = ? and vi_key = ? and status = 'rejected'",
            [en_key, vi_key],
        )
        db.table("translations").insert(
            {
                "en_key": en_key,
                "vi_key": vi_key,
                "score": None,
                "method": "person",
                "evidence": "{}",
                "decided_at": utc_now(),
                "status": "rejected",
                "republishes_key": None,
            }
        )
        sync_counterparts(db, {en_key, vi_key})
