"""The database shape, in one place, and the writes the crawl makes.

`ensure_schema(db)` is idempotent and runs on every writing open (`open_db`); reading commands use
`open_readonly`, which never alters a file. Articles are keyed by `site:lang:article_id`, a
key that never changes across re-crawls; an article and its images, links and capture pointer are written as
one atomic unit (`atomic`: a transaction, or a savepoint in a crawl's batch), so a crash mid-crawl loses no
committed article and leaves no half-written one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, get_origin

import sqlite_utils
from sqlite_utils.migrations import Migrations

from . import article_places, people, search
from . import record as record_types
from .normalize import utc_now

DEFAULT_DB = "archive.db"

# The `articles` columns of a new archive, from the record (`record.py`): one per field of the `newsarchive
# extract` record under the same name (lists and dicts as JSON text, images counted in `image_count`), then what
# the archive keeps about it. Columns added later come with the migrations below.
ARTICLE_COLUMNS: dict[str, Any] = record_types.V1_COLUMNS


def article_key(site: str, lang: str, article_id: str) -> str:
    return f"{site}:{lang}:{article_id}"


MIGRATIONS = Migrations("newsarchive")


@contextmanager
def atomic(db: sqlite_utils.Database) -> Iterator[None]:
    """One unit of work, all or nothing: its own transaction, or a savepoint inside a batch already open.

    A crawl groups its commits (`batch.Batch`); everything else (CLI, reparse, tests) commits per unit.
    """
    conn = db.conn
    if not conn.in_transaction:
        with conn:
            yield
        return
    conn.execute("savepoint atomic")
    try:
        yield
    except BaseException:
        conn.execute("rollback to atomic")
        conn.execute("release atomic")
        raise
    conn.execute("release atomic")


class ArchiveError(Exception):
    """The file at a `--db` path cannot be used as the archive; the message is one line, fit for the user."""


def open_db(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """Open the archive for writing in WAL mode with a busy timeout, schema ensured (migrations applied).

    Only writing commands (crawl, reparse, reindex) open this way. `create=False` insists on an archive that
    exists; `create=True` may also start one in a new or empty SQLite file, never in someone else's
    database. Raises ArchiveError for anything else (not SQLite, a foreign database, a newer schema).
    """
    path = Path(path)
    if not create and not path.is_file():
        raise ArchiveError(f"{path} does not exist: run `newsarchive crawl` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    with _closed_on_error(db, path, "opened for writing"):
        db.execute("PRAGMA busy_timeout = 10000")
        _check_archive(db, path, empty_ok=create)
        db.enable_wal()
        # In WAL mode NORMAL is still crash-safe for the process (a committed article survives a killed crawl);
        # only a power cut can drop the last commits. FULL fsyncs every article and made crawls disk-bound.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        ensure_schema(db)
    return db


@contextmanager
def _closed_on_error(db: sqlite_utils.Database, path: Path, what: str) -> Iterator[None]:
    """Close `db` when opening it fails; a SQLite error becomes one line for the user (ArchiveError)."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        db.close()
        raise ArchiveError(f"{path} cannot be {what}: {exc}") from exc
    except BaseException:
        db.close()
        raise


def open_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open an existing archive for reading only: never creates, migrates or alters anything.

    The connection is `mode=ro` (it cannot write), or `immutable=1` when the file sits where this user may
    not write (a WAL database there cannot be opened otherwise; see `readonly_uri`). An archive of an older
    schema opens as it is (`pending_migrations` names what it lacks). Raises ArchiveError, with one line,
    for a missing file, a file that is not SQLite, a SQLite database that is not an archive, or an archive
    written by a newer newsarchive.
    """
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(f"{path} does not exist: run `newsarchive crawl` first")
    try:
        db = sqlite_utils.Database(sqlite3.connect(readonly_uri(path), uri=True))
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path} cannot be read as an archive: {exc}") from exc
    with _closed_on_error(db, path, "read as an archive"):
        db.execute("PRAGMA busy_timeout = 10000")
        _check_archive(db, path, empty_ok=False)
    return db


def readonly_uri(path: str | Path) -> str:
    """The SQLite URI that reads `path` without writing: `mode=ro`, else `immutable=1` where ro cannot open.

    A WAL database read with mode=ro needs its -shm file, which SQLite must create beside the database when
    it is absent; on a read-only file system or directory that fails, and only `immutable=1` reads it
    (safe as long as nobody writes the file meanwhile, which such a place mostly guarantees).
    """
    base = Path(path).resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{base}?mode=ro", uri=True)
        try:
            conn.execute("select count(*) from sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        # Only "cannot create -shm here" (READONLY_DIRECTORY, CANTOPEN…): a busy archive is read with mode=ro.
        if exc.sqlite_errorname.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            return f"{base}?immutable=1"
    return f"{base}?mode=ro"


ARCHIVE_TABLES = {"articles", "crawl_runs"}  # in every archive since the first released shape


def _check_archive(db: sqlite_utils.Database, path: Path, empty_ok: bool) -> None:
    tables = set(db.table_names())  # sqlite3.DatabaseError for a file that is not SQLite
    if not tables:
        if empty_ok:
            return
        raise ArchiveError(
            f"{path} is an empty file, not an archive: run `newsarchive crawl --db {path}` first"
        )
    if not ARCHIVE_TABLES <= tables:
        raise ArchiveError(f"{path} is a SQLite database but not a newsarchive archive (no articles table)")
    known = {m.name for m in MIGRATIONS._migrations}
    newer = [m.name for m in MIGRATIONS.applied(db) if m.name not in known]
    if newer:
        raise ArchiveError(
            f"{path} was written by a newer newsarchive (migration {newer[0]}): upgrade newsarchive"
        )


def pending_migrations(db: sqlite_utils.Database) -> list[str]:
    """Migrations an (older) archive lacks; read-only."""
    return [m.name for m in MIGRATIONS.pending(db)]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index, view and trigger the archive needs; a no-op when they exist.

    The first released shape is created as it was (`_create_v1`); every later change is a migration below,
    so an archive.db made by an earlier version is upgraded in place, never recreated. The search triggers
    are checked on every writing open: one lost (by an old interrupted reindex, or a hand-made edit of the
    schema) is recreated and the index rebuilt, since edits made without it never reached the index.
    """
    _create_v1(db)
    MIGRATIONS.apply(db)
    search.ensure_triggers(db)


def _create_v1(db: sqlite_utils.Database) -> None:
    db.table("crawl_runs").create(
        {
            "id": int,
            "spider": str,
            "site": str,
            "lang": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running | completed | failed
            "mirror": int,
            "pages": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_unchanged": int,
            "errors": int,
        },
        pk="id",
        not_null={"spider", "started_at", "status"},
        if_not_exists=True,
    )
    db.table("articles").create(
        ARTICLE_COLUMNS,
        pk="key",
        not_null={"site", "lang", "article_id", "url", "title", "body_text"},
        foreign_keys=[("crawl_run_id", "crawl_runs", "id")],
        if_not_exists=True,
    )
    db.table("images").create(
        {"article_key": str, "position": int, "url": str, "caption": str},
        pk=("article_key", "position"),
        not_null={"url"},
        foreign_keys=[("article_key", "articles", "key")],
        if_not_exists=True,
    )
    db.table("crawl_errors").create(
        {
            "id": int,
            "crawl_run_id": int,
            "url": str,
            "stage": str,  # fetch | extract | store
            "reason": str,
            "http_status": int,
            "occurred_at": str,
        },
        pk="id",
        not_null={"url", "stage", "reason", "occurred_at"},
        foreign_keys=[("crawl_run_id", "crawl_runs", "id")],
        if_not_exists=True,
    )
    for table, columns, unique in (
        ("articles", ["site", "lang", "article_id"], True),
        ("articles", ["published_at"], False),
        ("articles", ["category"], False),
        ("articles", ["url"], False),
        ("crawl_errors", ["url"], False),
        ("crawl_errors", ["crawl_run_id"], False),
    ):
        db.table(table).create_index(columns, unique=unique, if_not_exists=True)


_LINK_CAPTURE = (
    "update articles set capture_id = ?,"
    " last_fetched_at = coalesce((select fetched_at from captures where id = ?), last_fetched_at)"
    " where key = ?"
)


def link_capture(db: sqlite_utils.Database, key: str, capture_id: int) -> None:
    """Point an article at the capture it was (last) extracted from; last_fetched_at becomes that fetch time."""
    with atomic(db):
        db.execute(_LINK_CAPTURE, [capture_id, capture_id, key])


def refresh_article_fields(db: sqlite_utils.Database, record: Mapping[str, Any]) -> bool:
    """Update the columns outside `content_hash` (url, category, layers…) after a re-parse; True if any differed.

    Better extraction may classify an unchanged article differently; that is not an edit at the source, so it
    is no revision and leaves last_changed_at alone.
    """
    key = article_key(record["site"], record["lang"], record["article_id"])
    fields = {
        "url": record.get("url"),
        "category": record.get("category"),
        "subcategory": record.get("subcategory"),
        "layers": json.dumps(record.get("layers") or {}, ensure_ascii=False, sort_keys=True),
    }
    row = next(db.query(f"select {', '.join(fields)} from articles where key = ?", [key]), None)
    if row is None or row == fields:
        return False
    with atomic(db):
        db.execute(
            f"update articles set {', '.join(f'{c} = ?' for c in fields)} where key = ?",
            [*fields.values(), key],
        )
    return True


@MIGRATIONS()
def m001_revisions_and_gone(db: sqlite_utils.Database) -> None:
    """Edits at the source become `revisions` rows; articles taken down get `gone_at`, never deleted."""
    db.table("articles").add_column("gone_at", str)  # UTC time a re-check found 404/410
    db.table("revisions").create(
        {
            "id": int,
            "article_key": str,
            "detected_at": str,  # UTC
            "crawl_run_id": int,
            "changed_fields": str,  # JSON array of field names
            "old_hash": str,
            "new_hash": str,
            "old_values": str,  # JSON object: field -> value before the change
        },
        pk="id",
        not_null={"article_key", "detected_at", "changed_fields", "old_hash", "new_hash"},
        foreign_keys=[("article_key", "articles", "key"), ("crawl_run_id", "crawl_runs", "id")],
    )
    db.table("revisions").create_index(["article_key"])
    # Links between articles: the crawl frontier survives a crash with the articles that hold it.
    db.table("article_links").create(
        {"article_key": str, "url": str},
        pk=("article_key", "url"),
        foreign_keys=[("article_key", "articles", "key")],
    )
    db.table("article_links").create_index(["url"])
    db.table("crawl_errors").add_column("kind", str)  # http_404, timeout, not_article, no_date, …
    runs = db.table("crawl_runs")
    runs.add_column("mode", str)  # incremental | full | resume
    runs.add_column("articles_gone", int)
    runs.add_column("errors_by_kind", str)  # JSON object: kind -> count
    runs.add_column("note", str)  # why a run failed, in one sentence


@MIGRATIONS()
def m002_captures(db: sqlite_utils.Database) -> None:
    """Raw captures (WARC records in captures/ beside the database) and each article's link to its own."""
    db.table("captures").create(
        {
            "id": int,
            "url": str,  # the real URL (WARC-Target-URI), also when the crawl read a mirror
            "fetched_at": str,  # UTC, = WARC-Date
            "http_status": int,
            "content_type": str,
            "payload_digest": str,  # WARC-Payload-Digest, "sha1:" + base32
            "record_type": str,  # response | revisit
            "refers_to": int,  # revisit: the capture holding the identical payload
            "warc_file": str,  # file name inside captures/
            "warc_offset": int,  # of the record's gzip member
            "warc_length": int,  # compressed bytes of that member
            "warc_record_id": str,
            "crawl_run_id": int,
        },
        pk="id",
        not_null={"url", "fetched_at", "record_type", "warc_file", "warc_offset", "warc_length"},
        foreign_keys=[("refers_to", "captures", "id"), ("crawl_run_id", "crawl_runs", "id")],
        if_not_exists=True,
    )
    for columns in (["url"], ["payload_digest"], ["crawl_run_id"], ["fetched_at"]):
        db.table("captures").create_index(columns, if_not_exists=True)
    db.table("articles").add_column("capture_id", int, fk="captures", fk_col="id")


@MIGRATIONS(transactional=False)  # search.reindex commits as it goes
def m003_search(db: sqlite_utils.Database) -> None:
    """Folded text columns, the FTS5 index kept in sync by triggers, a `year` facet column, counterpart key.

    Adds the columns to an archive created before them and then fills them and builds the index once.
    """
    articles = db.table("articles")
    existing = set(articles.columns_dict)
    for folded in search.FOLDED_COLUMNS.values():
        if folded not in existing:
            articles.add_column(folded, str)
    if "counterpart_key" not in existing:
        # The sites do not link an article to its translation; whoever pairs editions records the key here.
        articles.add_column("counterpart_key", str)
    year_columns = {row[1] for row in db.execute("pragma table_xinfo(articles)").fetchall()}
    if "year" not in year_columns:
        # Generated, so it is right whoever writes published_at; indexed, so the year facet stays fast.
        db.execute(
            "alter table articles add column year text "
            "generated always as (substr(published_at, 1, 4)) virtual"
        )
    if "first_author" not in year_columns:
        # A facet on the JSON `authors` array runs json_each over every row (~0.8 s per 20,000 articles);
        # an indexed scalar keeps the author facet instant. Co-authors: `authors__arraycontains=`.
        db.execute(
            "alter table articles add column first_author text "
            "generated always as (json_extract(authors, '$[0]')) virtual"
        )
    articles.create_index(["year"], if_not_exists=True)
    articles.create_index(["first_author"], if_not_exists=True)
    articles.create_index(["lang", "published_at"], if_not_exists=True)
    if db.table(search.FTS_TABLE).exists():
        for statement in search.schema_sql():
            db.execute(statement)
    else:
        search.reindex(db)  # creates, fills and hooks up the index in one transaction


# The article table's facets (metadata.yml) and its date, in one index: a table or search page counts all its
# facets with one scan of this index (datasette_facets) instead of one pass over the filtered rows per facet,
# and filters on edition or date narrow that scan. Edition first: the filter researchers use most.
FACET_INDEX = "idx_articles_facets"
FACET_INDEX_COLUMNS = ("lang", "site", "category", "year", "first_author", "published_at")


@MIGRATIONS()
def m004_facet_index(db: sqlite_utils.Database) -> None:
    db.table("articles").create_index(list(FACET_INDEX_COLUMNS), index_name=FACET_INDEX, if_not_exists=True)


@MIGRATIONS()
def m005_error_targets(db: sqlite_utils.Database) -> None:
    """Where a refused redirect pointed, as data: an article of the sibling edition is handed to that
    edition's next run (`plan`), and the provenance of every redirect row can be queried."""
    db.table("crawl_errors").add_column("target", str)


@MIGRATIONS()
def m006_people(db: sqlite_utils.Database) -> None:
    """One row per person whatever the byline's spelling (`people`), and each article's credits
    (`article_people`), filled from the articles already archived; the store keeps both up to date."""
    people.create_tables(db)
    people.rebuild(db)


@MIGRATIONS()
def m007_image_captures(db: sqlite_utils.Database) -> None:
    """Each image's capture (`newsarchive/images.py`): the record, its media type, byte size and pixel size
    (from the header); indexed, so an image already captured is found instead of fetched again."""
    images = db.table("images")
    images.add_column("capture_id", int, fk="captures", fk_col="id")
    images.add_column("media_type", str)
    images.add_column("byte_size", int)
    images.add_column("width", int)
    images.add_column("height", int)
    images.create_index(["url"], if_not_exists=True)
    images.create_index(["capture_id"], if_not_exists=True)


@MIGRATIONS()
def m008_translations(db: sqlite_utils.Database) -> None:
    """Which English article translates which Vietnamese one (`translations.py`), and a person's verdicts.

    One current row per English article (a partner, or none: "no partner" is a decision too) and at most one
    English partner per Vietnamese article; rejected pairs stay as rows so no later run proposes them again.
    """
    db.table("translations").create(
        {
            "id": int,
            "en_key": str,
            "vi_key": str,  # NULL: no partner (or a republication, see republishes_key)
            "score": float,
            "method": str,  # evidence-v1 | republication | person
            "evidence": str,  # JSON object: what matched
            "decided_at": str,  # UTC
            "status": str,  # auto | confirmed | rejected
            "republishes_key": str,  # a portal item copying the newspaper's English article: that article
        },
        pk="id",
        not_null={"en_key", "method", "decided_at", "status"},
        foreign_keys=[("en_key", "articles", "key"), ("vi_key", "articles", "key")],
    )
    db.execute(
        "create unique index translations_current_en on translations(en_key) where status != 'rejected'"
    )
    db.execute(
        "create unique index translations_current_vi on translations(vi_key)"
        " where vi_key is not null and status != 'rejected'"
    )
    db.table("articles").create_index(["first_seen_at"], if_not_exists=True)


@MIGRATIONS(transactional=False)  # search.reindex commits as it goes
def m009_search_index(db: sqlite_utils.Database) -> None:
    """The index in the shape sqlite-utils and Datasette detect as articles' (`content="articles"`; the
    first versions wrote `content='articles'`, which neither recognises), ranked title first."""
    if search.detectable(db):
        search.set_rank(db)
    else:
        search.reindex(db)


@MIGRATIONS()
def m010_places(db: sqlite_utils.Database) -> None:
    """The gazetteer's units of both periods (`places`, `place_links`) and each article's places
    (`article_places`, `article_areas`); articles already archived are tagged by `newsarchive tag-places`
    (minutes for a large archive, so not inside a migration), new ones by the store."""
    article_places.create_tables(db)


@MIGRATIONS()
def m011_provenance(db: sqlite_utils.Database) -> None:
    """Where each article's text came from (`live`, or a web archive's capture: `newsarchive recover`), what the
    archives' indexes list (`archive_index`), and the `coverage` views: ids seen, archived and missing."""
    articles = db.table("articles")
    articles.add_column("source", str, not_null_default="live")  # live | wayback | commoncrawl
    articles.add_column("captured_at", str)  # UTC time the archive captured the page (NULL: live)
    articles.add_column("archive_url", str)  # the capture in the archive (NULL: live)
    db.table("archive_index").create(
        {
            "archive": str,  # web.archive.org, commoncrawl, or a collection's URL
            "source": str,  # wayback | commoncrawl
            "url": str,  # the canonical article URL, as the live crawl keys it
            "original": str,  # the URL captured (any scheme, www. or not)
            "timestamp": str,  # 14 digits, UTC
            "status": int,
            "mime": str,
            "digest": str,
            "site": str,
            "lang": str,
        },
        pk=("archive", "original", "timestamp"),
        not_null={"url", "site", "lang"},
    )
    db.table("archive_index").create_index(["url"])
    for statement in COVERAGE_VIEWS:
        db.execute(statement)


# One row per article URL seen anywhere: stored; or missing, when linked from a stored article (of its edition:
# the crawl keeps only those links) or listed by an archive's index. A missing id's month is its first capture's,
# else its first linking article's. Missing ids are looked up through the url indexes, so the view stays a
# scan of `articles` plus one pass over the `article_links` url index.
COVERAGE_VIEWS = (
    """create view coverage_ids as
    with missing as (
        select url, site, lang from archive_index where url not in (select url from articles)
        union
        select url, substr(k, 1, instr(k, ':') - 1), substr(k, instr(k, ':') + 1, 2)
        from (select url, min(article_key) as k from article_links
              where url not in (select url from articles) group by url)
    )
    select site, lang, url, substr(published_at, 1, 7) as month, 1 as archived, source,
        exists (select 1 from archive_index i where i.url = a.url) as in_index
    from articles a
    union all
    select site, lang, url,
        coalesce(
            (select substr(min(timestamp), 1, 4) || '-' || substr(min(timestamp), 5, 2)
             from archive_index i where i.url = m.url),
            (select substr(min(a.published_at), 1, 7)
             from article_links l join articles a on a.key = l.article_key where l.url = m.url)
        ),
        0, null, exists (select 1 from archive_index i where i.url = m.url)
    from missing m""",
    """create view coverage as
    select month, site, lang, count(*) as seen, sum(archived) as archived, count(*) - sum(archived) as missing,
        count(case when source = 'live' then 1 end) as live,
        count(case when source = 'wayback' then 1 end) as wayback,
        count(case when source = 'commoncrawl' then 1 end) as commoncrawl
    from coverage_ids group by month, site, lang order by site, lang, month""",
)


def provenance_columns(provenance: Mapping[str, Any] | None) -> dict[str, Any]:
    """The provenance columns of a fetch: a web archive's capture, or the live site (no provenance)."""
    provenance = provenance or {}
    return {
        "source": provenance.get("source") or "live",
        "captured_at": provenance.get("captured_at"),
        "archive_url": provenance.get("archive_url"),
    }


# What a reader sees: a change in any of these is an edit at the source.
REVISED_FIELDS = ("title", "lead", "body_text", "authors", "sources", "published_at", "images")


def json_list(stored: str | None) -> list[str]:
    """A JSON array of names as a list of strings; anything else (bad JSON, a bare value) as its own text."""
    try:
        value = json.loads(stored or "[]")
    except ValueError:
        return [str(stored)]
    if isinstance(value, list):
        return [item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in value]
    return [value if isinstance(value, str) else str(stored)]


def content_hash(record: Mapping[str, Any]) -> str:
    seen = {
        k: record.get(k) or ([] if k in ("authors", "sources", "images") else None) for k in REVISED_FIELDS
    }
    return hashlib.sha256(json.dumps(seen, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _stored_view(db: sqlite_utils.Database, row: dict[str, Any]) -> dict[str, Any]:
    """A stored article as the extract record shapes it, to compare field by field."""
    return {
        **{k: row.get(k) for k in ("title", "lead", "body_text", "published_at")},
        "authors": json.loads(row.get("authors") or "[]"),
        "sources": json.loads(row.get("sources") or "[]"),
        "images": [
            {"url": r["url"], "caption": r["caption"]}
            for r in db.query(
                "select url, caption from images where article_key = ? order by position", [row["key"]]
            )
        ],
    }


def upsert_article(
    db: sqlite_utils.Database,
    record: Mapping[str, Any],
    run_id: int | None,
    links: list[str] | None = None,
    capture_id: int | None = None,
    provenance: Mapping[str, Any] | None = None,
) -> str:
    """Insert or update one article, its images, links and capture pointer atomically.

    Returns "new", "updated" or "unchanged". An update of an archived article also writes a `revisions` row
    holding what changed and the old values, detected when the source was fetched (for a web archive's
    capture, `provenance`, when the archive captured it). An unchanged fetch keeps the stored provenance: a
    live fetch supersedes a recovered text only when it differs.
    """
    key = article_key(record["site"], record["lang"], record["article_id"])
    digest = content_hash(record)
    now = utc_now()
    existing = next(db.query("select * from articles where key = ?", [key]), None)
    link_rows = [{"article_key": key, "url": url} for url in sorted(set(links or []))]
    # A row written without a hash (by hand, or an old tool) is hashed as stored: its revision needs one.
    old_hash = existing and (existing["content_hash"] or content_hash(_stored_view(db, existing)))
    if existing and old_hash == digest:
        with atomic(db):
            _insert_links(db, link_rows)
            db.execute(
                "update articles set last_fetched_at = ?, crawl_run_id = ?, gone_at = null, content_hash = ?"
                " where key = ?",
                [now, run_id, digest, key],
            )
            if capture_id is not None:
                db.execute(_LINK_CAPTURE, [capture_id, capture_id, key])
        return "unchanged"
    row = {
        "key": key,
        **_article_columns(record),
        "content_hash": digest,
        "first_seen_at": existing["first_seen_at"] if existing else now,
        "last_fetched_at": now,
        "last_changed_at": now,
        "crawl_run_id": run_id,
        "gone_at": None,
        **provenance_columns(provenance),
        **search.folded_columns(record),
    }
    images = [
        {"article_key": key, "position": i, "url": image["url"], "caption": image.get("caption")}
        for i, image in enumerate(record.get("images") or [])
    ]
    revision = None
    if existing:
        before = _stored_view(db, existing)
        changed = [f for f in REVISED_FIELDS if before[f] != record.get(f)]
        revision = {
            "article_key": key,
            "detected_at": (provenance or {}).get("captured_at") or now,
            "crawl_run_id": run_id,
            "changed_fields": json.dumps(changed),
            "old_hash": old_hash,
            "new_hash": digest,
            "old_values": json.dumps({f: before[f] for f in changed}, ensure_ascii=False),
        }
    # Plain SQL: sqlite-utils' upsert/insert_all introspect the table on every call, which cost more than
    # the writes themselves once a crawl stores hundreds of articles a second.
    with atomic(db):
        if revision:
            db.conn.execute(
                "insert into revisions (article_key, detected_at, crawl_run_id, changed_fields, old_hash, new_hash,"
                " old_values) values (?, ?, ?, ?, ?, ?, ?)",
                list(revision.values()),
            )
        db.conn.execute(_upsert_sql(tuple(row)), list(row.values()))
        db.conn.execute("delete from images where article_key = ?", [key])
        db.conn.executemany(
            "insert into images (article_key, position, url, caption) values (?, ?, ?, ?)",
            [(i["article_key"], i["position"], i["url"], i["caption"]) for i in images],
        )
        _insert_links(db, link_rows)
        if capture_id is not None:
            db.conn.execute(_LINK_CAPTURE, [capture_id, capture_id, key])
        people.write_article(db, key, record)
        article_places.write_article(db, key, {**record, "first_seen_at": row["first_seen_at"]}, digest)
    return "updated" if existing else "new"


# (field, column, how it is stored) for every field of an extracted record that has an `articles` column.
_FIELD_COLUMNS = tuple(
    (spec.name, spec.column, "json" if spec.json else "count" if spec.column != spec.name else "value")
    for spec in record_types.ARTICLE
    if spec.column
)
_EMPTY_JSON = {
    spec.name: "[]" if get_origin(spec.type) is list else "{}" for spec in record_types.ARTICLE if spec.json
}


def _article_columns(record: Mapping[str, Any]) -> dict[str, Any]:
    """The column values of an extracted record's fields; a field the record lacks keeps its stored value.

    Lists and dicts are JSON text; a list kept in a table of its own (images) is counted in its column.
    """
    row: dict[str, Any] = {}
    for name, column, how in _FIELD_COLUMNS:
        value = record.get(name)
        if how == "json":
            row[column] = (
                json.dumps(value, ensure_ascii=False, sort_keys=True) if value else _EMPTY_JSON[name]
            )
        elif how == "count":
            row[column] = len(value or [])
        elif name in record:
            row[column] = value
    return row


def _insert_links(db: sqlite_utils.Database, link_rows: list[dict[str, str]]) -> None:
    db.conn.executemany(
        "insert or ignore into article_links (article_key, url) values (?, ?)",
        [(r["article_key"], r["url"]) for r in link_rows],
    )


@functools.lru_cache(maxsize=8)
def _upsert_sql(columns: tuple[str, ...]) -> str:
    """Insert-or-update of exactly these columns (others keep their value), like sqlite-utils' upsert."""
    return (
        f"insert into articles ({', '.join(columns)}) values ({', '.join('?' * len(columns))}) "
        "on conflict(key) do update set " + ", ".join(f"{c} = excluded.{c}" for c in columns if c != "key")
    )


def mark_gone(db: sqlite_utils.Database, url: str, run_id: int | None) -> bool:
    """An archived article the source now answers 404/410 for: kept, with the time it was found gone."""
    with atomic(db):
        cursor = db.execute(
            "update articles set gone_at = ?, crawl_run_id = ? where url = ? and gone_at is null",
            [utc_now(), run_id, url],
        )
    return cursor.rowcount > 0


def record_error(
    db: sqlite_utils.Database,
    url: str,
    stage: str,
    reason: str,
    run_id: int | None,
    http_status: int | None = None,
    kind: str | None = None,
    target: str | None = None,
) -> None:
    with atomic(db):
        db.execute(
            "insert into crawl_errors (crawl_run_id, url, stage, kind, reason, http_status, occurred_at, target)"
            " values (?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, url, stage, kind, reason, http_status, utc_now(), target],
        )


def start_run(db: sqlite_utils.Database, spider: str, site: str, lang: str, mirror: bool) -> int:
    with atomic(db):
        table = db.table("crawl_runs").insert(
            {
                "spider": spider,
                "site": site,
                "lang": lang,
                "started_at": utc_now(),
                "status": "running",
                "mirror": int(mirror),
                "pages": 0,
                "articles_new": 0,
                "articles_updated": 0,
                "articles_unchanged": 0,
                "articles_gone": 0,
                "errors": 0,
            }
        )
    assert table.last_pk is not None
    return int(table.last_pk)


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, values: dict[str, Any]) -> None:
    with atomic(db):
        db.table("crawl_runs").update(run_id, {"finished_at": utc_now(), "status": status, **values})
