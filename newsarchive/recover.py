"""Recovery from web archives: their CDX indexes read, the captures to fetch chosen, the fetched bytes unwrapped.

When a source is gone, the Wayback Machine (or any pywb-style collection) and Common Crawl still hold captures
of its pages. Both list them through a CDX server API; the Wayback Machine answers `output=json` with an array
of arrays (a header row first), pywb and Common Crawl's index server with one JSON object per line, and pywb
ignores `collapse` and `page`, so nothing here relies on either. The article URLs found are canonicalised by
the site profile exactly as the live crawl does (`SiteProfile.canonical_article_url`), so a recovered article
gets the key a live crawl would give it. The spider (`spiders/recover.py`) fetches the chosen captures through
Scrapy; `ArchiveMiddleware` backs off on 429/503 as `Retry-After` asks, unwraps Common Crawl's WARC records and
tells the capture middleware to keep each page under its original URL and capture time.
"""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urlsplit

import sqlite_utils
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from warcio.archiveiterator import ArchiveIterator

from . import scope, store
from .items import ArticleItem
from .sites import SiteProfile

logger = logging.getLogger(__name__)

WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"
WAYBACK_REPLAY = "https://web.archive.org/web/"
COMMONCRAWL_COLLINFO = "https://index.commoncrawl.org/collinfo.json"
COMMONCRAWL_DATA = "https://data.commoncrawl.org/"
SOURCES = ("live", "wayback", "commoncrawl")

# Request meta: a request to a web archive (its index or a capture); for a capture, the `Capture` as a dict.
ARCHIVE_META = scope.ARCHIVE_META
CAPTURE_META = "newsarchive_archived_capture"
# Read by the capture middleware: the WARC record's target, date and extra headers (`warc_meta`), or none at all.
WARC_META = "newsarchive_warc"
NO_WARC_META = "newsarchive_no_warc"


class CdxError(ValueError):
    """An index answer that is neither of the CDX JSON formats."""


@dataclass(frozen=True)
class Archive:
    """Where captures are listed and replayed: `wayback` (the Wayback Machine or a pywb collection) or Common Crawl."""

    source: str  # wayback | commoncrawl
    name: str  # web.archive.org, commoncrawl, or the collection's URL
    cdx: tuple[str, ...]  # CDX endpoints (Common Crawl: read from collinfo when empty)
    replay: str  # wayback: root of `{timestamp}id_/{original}`; commoncrawl: root of the WARC files
    collinfo: str = ""  # Common Crawl's list of crawl indexes

    @property
    def host(self) -> str:
        return (urlsplit(self.replay).hostname or "").lower()

    def is_local(self) -> bool:
        return self.host in ("127.0.0.1", "localhost", "::1") and all(
            (urlsplit(u).hostname or "") in ("127.0.0.1", "localhost", "::1")
            for u in (*self.cdx, self.collinfo)
            if u
        )


def archive_for(spec: str, collinfo: str = COMMONCRAWL_COLLINFO, data: str = COMMONCRAWL_DATA) -> Archive:
    """`wayback`, `commoncrawl` or a pywb-style collection root URL (`URL/cdx`, `URL/{timestamp}id_/{url}`)."""
    if spec == "wayback":
        return Archive("wayback", "web.archive.org", (WAYBACK_CDX,), WAYBACK_REPLAY)
    if spec == "commoncrawl":
        return Archive("commoncrawl", "commoncrawl", (), data.rstrip("/") + "/", collinfo)
    parts = urlsplit(spec)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--archive takes wayback, commoncrawl or a collection's http(s) URL, not {spec!r}")
    root = spec.rstrip("/")
    return Archive("wayback", root, (f"{root}/cdx",), f"{root}/")


@dataclass(frozen=True)
class CdxRow:
    """One capture as an index lists it, whichever format it came in."""

    timestamp: str  # 14 digits, UTC
    original: str
    mime: str
    status: int | None  # None: a revisit or warc record without a status ("-")
    digest: str
    length: int | None = None
    offset: int | None = None
    filename: str | None = None  # Common Crawl: the WARC file holding the record

    @property
    def captured_at(self) -> str:
        """The capture time as ISO 8601 UTC."""
        ts = (self.timestamp + "00000000000000")[:14]
        return datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=UTC).isoformat()

    @property
    def html(self) -> bool:
        return self.mime.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


# Field names: the Wayback Machine's header row, and pywb / Common Crawl JSON lines.
_FIELDS = {
    "timestamp": ("timestamp",),
    "original": ("original", "url"),
    "mime": ("mimetype", "mime"),
    "status": ("statuscode", "status"),
    "digest": ("digest",),
    "length": ("length",),
    "offset": ("offset",),
    "filename": ("filename",),
}


def _row(values: Mapping[str, Any]) -> CdxRow:
    def get(name: str) -> str:
        return next((str(values[k]) for k in _FIELDS[name] if values.get(k) not in (None, "")), "")

    def number(name: str) -> int | None:
        text = get(name)
        return int(text) if text.isdigit() else None

    timestamp, original = get("timestamp"), get("original")
    if not timestamp.isdigit() or not original:
        raise CdxError(f"a CDX row without timestamp or URL: {json.dumps(values)[:200]}")
    return CdxRow(
        timestamp,
        original,
        get("mime"),
        number("status"),
        get("digest"),
        number("length"),
        number("offset"),
        get("filename") or None,
    )


def parse_cdx(body: bytes) -> list[CdxRow]:
    """The rows of a CDX `output=json` answer: the Wayback Machine's array of arrays (its first row names the
    fields) or one JSON object per line (pywb, Common Crawl). An empty answer has no rows."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return []
    try:
        if text.startswith("["):
            table = json.loads(text)
            if not table:
                return []
            header, *rows = table
            return [_row(dict(zip(header, row, strict=False))) for row in rows]
        return [_row(json.loads(line)) for line in text.splitlines() if line.strip()]
    except (ValueError, TypeError) as exc:
        if isinstance(exc, CdxError):
            raise
        raise CdxError(f"not a CDX JSON answer ({exc}): {text[:80]!r}") from None


def cdx_query(endpoint: str, host: str, since: str | None, until: str | None) -> str:
    """Every capture under `host` (the index matches http and https, and `www.`, by SURT): no collapse, no paging."""
    query = f"{endpoint}?url={quote(host)}/*&output=json"
    if since:
        query += f"&from={since.replace('-', '')}"
    if until:
        query += f"&to={until.replace('-', '')}235959"
    return query


def in_window(row: CdxRow, since: str | None, until: str | None) -> bool:
    """Checked here too: an index may ignore `from`/`to`."""
    day = row.timestamp[:8]
    return (not since or day >= since.replace("-", "")) and (not until or day <= until.replace("-", ""))


def article_url(profile: SiteProfile, host: str, url: str) -> str | None:
    """The canonical article URL of the edition `host`, as the live crawl keys it (any scheme, `www.` or not)."""
    canonical = profile.canonical_article_url(url)
    return canonical if canonical and urlsplit(canonical).hostname == host else None


def versions(rows: Iterable[CdxRow], limit: int) -> list[CdxRow]:
    """The captures worth fetching of one article, oldest first: HTTP 200 HTML captures with distinct content.

    A run of captures with the same payload digest counts once, by its first capture (when that text was
    first seen), except the newest run, kept by its latest capture (the best one). At most `limit`, the newest.
    """
    good = sorted(
        {(r.timestamp, r.original): r for r in rows if r.status == 200 and r.html}.values(), key=_when
    )
    runs: list[list[CdxRow]] = []
    for row in good:
        if runs and row.digest and runs[-1][0].digest == row.digest:
            runs[-1].append(row)
        else:
            runs.append([row])
    chosen = [run[0] for run in runs[:-1]] + [runs[-1][-1]] if runs else []
    return chosen[-limit:] if limit > 0 else chosen


def _when(row: CdxRow) -> tuple[str, str]:
    return (row.timestamp, row.original)


@dataclass(frozen=True)
class Capture:
    """A capture chosen for fetching: where its bytes are and what the article will say about them."""

    archive: str  # the Archive's name
    source: str
    original: str
    timestamp: str
    captured_at: str
    archive_url: str  # the capture's own URL in the archive (provenance)
    fetch_url: str  # what is requested (Common Crawl: the WARC file, with a byte range)
    range: str | None = None  # "bytes=a-b"

    @property
    def provenance(self) -> dict[str, str]:
        return {"source": self.source, "captured_at": self.captured_at, "archive_url": self.archive_url}


def capture(archive: Archive, row: CdxRow) -> Capture:
    if archive.source == "commoncrawl" and row.filename and row.offset is not None and row.length:
        url = archive.replay + row.filename
        return Capture(
            archive.name,
            archive.source,
            row.original,
            row.timestamp,
            row.captured_at,
            f"{url}#offset={row.offset}&length={row.length}",
            url,
            f"bytes={row.offset}-{row.offset + row.length - 1}",
        )
    # id_: the original bytes, links and headers unrewritten.
    url = f"{archive.replay}{row.timestamp}id_/{row.original}"
    return Capture(archive.name, archive.source, row.original, row.timestamp, row.captured_at, url, url)


def commoncrawl_indexes(body: bytes, limit: int) -> list[str]:
    """The CDX endpoints of Common Crawl's collinfo.json, newest first, at most `limit` (0: all)."""
    try:
        crawls = json.loads(body)
        endpoints = [str(c["cdx-api"]) for c in crawls]
    except (ValueError, TypeError, KeyError) as exc:
        raise CdxError(f"collinfo.json lists no crawl indexes ({exc})") from None
    return endpoints[:limit] if limit > 0 else endpoints


# --- what the spider yields, and how it is stored ------------------------------------------------------


@dataclass
class IndexItem:
    """CDX rows of one edition's articles (every status), kept in `archive_index`: what the archive holds
    and which ids it has seen (the coverage view)."""

    rows: list[dict[str, Any]]


@dataclass
class RecoveredItem:
    """One article's fetched versions, oldest first (the last is the best capture); stored as one unit, so a
    killed recover leaves an article whole or absent, never with half its revisions."""

    articles: list[ArticleItem] = field(default_factory=list)


INDEX_COLUMNS = (
    "archive",
    "source",
    "url",
    "original",
    "timestamp",
    "status",
    "mime",
    "digest",
    "site",
    "lang",
)


def index_row(archive: Archive, url: str, row: CdxRow, site: str, lang: str) -> dict[str, Any]:
    return {
        "archive": archive.name,
        "source": archive.source,
        "url": url,
        "original": row.original,
        "timestamp": row.timestamp,
        "status": row.status,
        "mime": row.mime,
        "digest": row.digest,
        "site": site,
        "lang": lang,
    }


def store_index(db: sqlite_utils.Database, item: IndexItem) -> None:
    with store.atomic(db):
        db.conn.executemany(
            f"insert or ignore into archive_index ({', '.join(INDEX_COLUMNS)}) values ({', '.join('?' * len(INDEX_COLUMNS))})",
            [[row[c] for c in INDEX_COLUMNS] for row in item.rows],
        )


def store_recovered(db: sqlite_utils.Database, item: RecoveredItem, run_id: int | None) -> str:
    """Upsert the versions in time order (each later one that differs is a revision); the article's outcome."""
    with store.atomic(db):
        outcomes = [
            store.upsert_article(db, a.record, run_id, a.links, a.capture_id, a.provenance)
            for a in item.articles
        ]
    return "new" if outcomes[0] == "new" else outcomes[-1]


# --- the downloader middleware -------------------------------------------------------------------------

BACKOFF_STATUSES = (429, 503)


def retry_after(value: bytes | None, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date), None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class ArchiveMiddleware:
    """Nearest the wire for archive requests (above the capture middleware): waits and retries a 429/503 as
    long as `Retry-After` says (else 5, 10, 20 … s), up to RECOVER_BACKOFF_TIMES; turns a Common Crawl byte
    range into the HTTP response it holds; tells the capture middleware to keep a capture's page under its
    original URL and capture time (and the archive's own errors not at all)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.times = settings.getint("RECOVER_BACKOFF_TIMES")
        self.max_wait = settings.getfloat("RECOVER_BACKOFF_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveMiddleware:
        if not crawler.settings.get("RECOVER_ARCHIVE"):
            raise NotConfigured  # without a message: Scrapy says nothing of it in every live crawl's log
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if not request.meta.get(ARCHIVE_META):
            return response
        if response.status in BACKOFF_STATUSES:
            tries = int(request.meta.get("recover_backoffs", 0))
            if tries < self.times:
                wait = retry_after(response.headers.get("Retry-After"))
                wait = min(self.max_wait, 5.0 * 2**tries if wait is None else wait)
                self.crawler.stats.inc_value("newsarchive/archive_backoffs")
                logger.info(
                    "%s answered %s: waiting %.0f s before asking again", request.url, response.status, wait
                )
                await asyncio.sleep(wait)
                return request.replace(dont_filter=True, meta={**request.meta, "recover_backoffs": tries + 1})
        chosen = request.meta.get(CAPTURE_META)
        if not chosen:
            request.meta[NO_WARC_META] = True  # the archive's own index pages are not the source's pages
            return response
        if chosen.get("range") and response.status in (200, 206):
            response = unwrap_warc_record(response, chosen["original"])
        if response.status != 200:
            request.meta[NO_WARC_META] = True
            return response
        request.meta[WARC_META] = warc_meta(chosen)
        return response


def warc_meta(chosen: Mapping[str, Any]) -> dict[str, Any]:
    """The WARC record of a recovered page: its original URL and capture time, the archive named."""
    return {
        "url": chosen["original"],
        "fetched_at": datetime.fromisoformat(chosen["captured_at"]),
        "headers": {
            "WARC-Source-URI": chosen["archive_url"],
            "WARC-Creation-Date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
        "metadata": {
            "via": chosen["archive"],
            "archive": chosen["source"],
            "archive-url": chosen["archive_url"],
            "capture-timestamp": chosen["timestamp"],
        },
    }


def unwrap_warc_record(response: Response, original: str) -> Response:
    """The HTTP response inside a WARC record fetched by byte range (a gzip member), as Scrapy would have got it
    from the source; a 502 response when the bytes are no WARC response record."""
    try:
        records = ArchiveIterator(io.BytesIO(response.body))
        record = next(iter(records))
        if record.rec_type != "response" or record.http_headers is None:
            raise ValueError(f"a {record.rec_type} record, not a response")
        body = record.content_stream().read()  # de-chunked and decoded: the headers saying so are dropped
        status = int(record.http_headers.get_statuscode())
        headers = Headers(
            [
                (k, v)
                for k, v in record.http_headers.headers
                if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")
            ]
        )
    except (StopIteration, ValueError, OSError, gzip.BadGzipFile) as exc:
        logger.warning("No WARC response record at %s (%s)", response.url, exc)
        return response.replace(status=502)
    return response.replace(status=status, headers=headers, body=body, cls=_response_class(headers, original))


def _response_class(headers: Headers, url: str) -> type[Response]:
    from scrapy.responsetypes import responsetypes

    return responsetypes.from_args(headers=headers, url=url)


def archived_urls(db_path: str, site: str, lang: str) -> set[str]:
    """Canonical URLs of the edition's stored articles: recover skips them (the database is the resume state)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {
            r[0] for r in conn.execute("select url from articles where site = ? and lang = ?", [site, lang])
        }
    finally:
        conn.close()


def summary_lines(stats: Mapping[str, Any], name: str) -> Iterator[str]:
    yield (
        f"{name}: {stats.get('recover/found', 0)} articles found in the archive"
        f" ({stats.get('recover/archived', 0)} already archived),"
        f" {stats.get('recover/fetched', 0)} captures fetched, {stats.get('newsarchive/articles_new', 0)} new,"
        f" {stats.get('newsarchive/articles_updated', 0)} updated, {stats.get('newsarchive/articles_unchanged', 0)}"
        f" unchanged; {stats.get('newsarchive/errors', 0)} failed (see crawl_errors)"
    )
