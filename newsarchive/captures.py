"""Raw captures: every HTTP exchange kept as gzip WARC (ISO 28500) in captures/ beside the archive, and read back.

WARC is the web-archiving standard, so the files outlive this code: pywb replays them, warcio reads them. Each
response is one gzip member whose file, offset and length are a `captures` row; a payload already stored
(same sha1 payload digest, file still present) is written again only as a `revisit` record.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import sqlite_utils
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from sqlite_utils.db import NotFoundError
from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from . import __version__, store
from . import settings as crawl_settings

CAPTURES_DIRNAME = "captures"
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
WARC_VERSION = "WARC/1.1"
# Scrapy hands over bodies already de-chunked: a stored Transfer-Encoding header would make readers de-chunk again.
DROPPED_RESPONSE_HEADERS = {"transfer-encoding"}


def captures_dir(db_path: str | Path) -> Path:
    """Where the WARC files of an archive live: `captures/` in the database's directory."""
    return Path(db_path).resolve().parent / CAPTURES_DIRNAME


def payload_digest(payload: bytes) -> str:
    """The WARC-Payload-Digest of a body: "sha1:" + base32, as WARC writers and CDX indexes spell it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")


def _content_type(headers: list[tuple[str, str]]) -> str | None:
    return next((v for k, v in headers if k.lower() == "content-type"), None)


@dataclass
class Exchange:
    """One HTTP request and its response as they crossed the wire (bodies not content-decoded)."""

    url: str  # the real URL, even when a mirror served it
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int
    response_headers: list[tuple[str, str]]
    body: bytes
    protocol: str = "HTTP/1.1"
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))
    # A page recovered from a web archive (`recover`): extra headers of its response record (WARC-Source-URI…)
    # and the fields of a `metadata` record beside it naming the archive and the capture.
    warc_headers: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str | None:
        return _content_type(self.response_headers)


class CaptureWriter:
    """Appends exchanges to size-rotated `*.warc.gz` files and records a `captures` row for each response.

    Each file starts with a `warcinfo` record naming the software and the crawl run. One writer per spider
    run; names carry the start time, spider and run id, so concurrent writers never share a file.
    """

    def __init__(
        self,
        db: sqlite_utils.Database,
        directory: Path,
        name: str,
        run_id: int | None,
        info: dict[str, Any] | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.db = db
        self.directory = directory
        self.run_id = run_id
        self.max_bytes = max_bytes
        self.info = info or {}
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self.prefix = f"newsarchive-{stamp}-{name}-run{run_id if run_id is not None else 0}"
        self.sequence = 0
        self.file: BinaryIO | None = None
        self.file_name = ""
        self.writer: WARCWriter | None = None
        self.present: set[str] = set()  # WARC files known to exist, for revisit decisions
        directory.mkdir(parents=True, exist_ok=True)

    def _open_next(self) -> WARCWriter:
        self.close()
        while self.file is None:  # never append to a file another writer (or archive) made
            self.sequence += 1
            self.file_name = f"{self.prefix}-{self.sequence:05d}.warc.gz"
            try:
                self.file = open(self.directory / self.file_name, "xb")  # noqa: SIM115 (closed in close())
            except FileExistsError:
                continue
        self.writer = WARCWriter(self.file, gzip=True, warc_version=WARC_VERSION)
        info = {
            "software": f"newsarchive/{__version__} (warcio/{metadata.version('warcio')})",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "hostname": socket.gethostname(),
            "crawl-run": self.run_id,
            **self.info,
        }
        self.writer.write_record(self.writer.create_warcinfo_record(self.file_name, info))
        self.file.flush()
        return self.writer

    def write(self, exchange: Exchange) -> int:
        """Write the exchange (response or revisit, then request); returns the new `captures` row id."""
        writer = self.writer if self.writer is not None else self._open_next()
        assert self.file is not None
        digest = payload_digest(exchange.body)
        original = self._stored_payload(digest)
        warc_date = datetime_to_iso_date(exchange.fetched_at.replace(tzinfo=None))
        http_headers = StatusAndHeaders(
            _status_line(exchange.status),
            [(k, v) for k, v in exchange.response_headers if k.lower() not in DROPPED_RESPONSE_HEADERS],
            protocol=exchange.protocol,
        )
        warc_headers = {"WARC-Date": warc_date}
        extra = {**exchange.warc_headers}
        if original is None:
            response = writer.create_warc_record(
                exchange.url,
                "response",
                payload=io.BytesIO(exchange.body),
                length=len(exchange.body),
                http_headers=http_headers,
                warc_headers_dict={**warc_headers, **extra, "WARC-Payload-Digest": digest},
            )
        else:
            response = writer.create_revisit_record(
                exchange.url,
                digest,
                original["url"],
                datetime_to_iso_date(datetime.fromisoformat(original["fetched_at"]).replace(tzinfo=None)),
                http_headers=http_headers,
                warc_headers_dict={**warc_headers, **extra},
            )
        offset = self.file.tell()
        writer.write_record(response)
        length = self.file.tell() - offset
        if not exchange.metadata:  # a recovered page (below) was asked of an archive, not of the source
            request = writer.create_warc_record(
                exchange.url,
                "request",
                payload=io.BytesIO(exchange.request_body),
                length=len(exchange.request_body),
                http_headers=StatusAndHeaders(
                    f"{exchange.method} {_request_target(exchange.url)}",
                    exchange.request_headers,
                    protocol=exchange.protocol,
                    is_http_request=True,
                ),
                warc_headers_dict={
                    **warc_headers,
                    "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
                },
            )
            writer.write_record(request)
        else:  # the archive and the capture, named
            fields = "".join(f"{k}: {v}\r\n" for k, v in exchange.metadata.items()).encode("utf-8")
            metadata = writer.create_warc_record(
                exchange.url,
                "metadata",
                payload=io.BytesIO(fields),
                length=len(fields),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    **warc_headers,
                    "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
                },
            )
            writer.write_record(metadata)
        self.file.flush()
        row = {
            "url": exchange.url,
            "fetched_at": exchange.fetched_at.isoformat(),
            "http_status": exchange.status,
            "content_type": exchange.content_type,
            "payload_digest": digest,
            "record_type": "response" if original is None else "revisit",
            "refers_to": None if original is None else original["id"],
            "warc_file": self.file_name,
            "warc_offset": offset,
            "warc_length": length,
            "warc_record_id": response.rec_headers.get_header("WARC-Record-ID"),
            "crawl_run_id": self.run_id,
        }
        capture_id = self._record_row(row)
        self.present.add(self.file_name)
        if self.file.tell() >= self.max_bytes:
            self.close()  # the next exchange opens the next file
        return capture_id

    def _record_row(self, row: dict[str, Any]) -> int:
        """The `captures` row of a record just written; its id."""
        return insert_capture(self.db, row)

    def _stored_payload(self, digest: str) -> dict[str, Any] | None:
        """The earliest full response with this payload whose WARC file is still in captures/."""
        rows = self.db.query(
            "select id, url, fetched_at, warc_file from captures"
            " where payload_digest = ? and record_type = 'response' order by id",
            [digest],
        )
        for row in rows:
            if row["warc_file"] in self.present or (self.directory / row["warc_file"]).exists():
                self.present.add(row["warc_file"])
                return row
        return None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file = None
        self.writer = None


def insert_capture(db: sqlite_utils.Database, row: dict[str, Any]) -> int:
    """Insert one `captures` row (a unit of its own, or of the open batch); its id."""
    with store.atomic(db):
        cursor = db.execute(
            f"insert into captures ({', '.join(row)}) values ({', '.join('?' * len(row))})", list(row.values())
        )
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


# --- reading -----------------------------------------------------------------------------------------


class CaptureUnreadable(Exception):
    """A capture's WARC file is missing, truncated or corrupt; `warc_file` names it."""

    def __init__(self, warc_file: str, reason: str) -> None:
        super().__init__(f"{warc_file}: {reason}")
        self.warc_file = warc_file
        self.reason = reason


class CaptureRefused(Exception):
    """A capture the crawl refused as it refuses a download: `kind` is `too_large` or `undecodable`."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"{kind}: {reason}")
        self.kind = kind
        self.reason = reason


def decode_body(raw: bytes, encodings: list[str], max_size: int) -> bytes:
    """The body as the crawl's HttpCompressionMiddleware decodes it, stopping once it passes `max_size`.

    Scrapy's own decoder (its private helpers; Scrapy is pinned) inflates in 64 KB steps and stops at the
    limit, so a stored bomb costs at most `max_size` and is refused exactly when the crawl refused it. An
    encoding Scrapy does not decode stays as served, as in the crawl.
    """
    to_decode, _ = HttpCompressionMiddleware._split_encodings([e.encode("latin-1") for e in encodings])
    body = raw
    for encoding in to_decode:
        try:
            body = HttpCompressionMiddleware._decode(body, encoding, max_size)
        except _DecompressionMaxSizeExceeded as exc:
            raise CaptureRefused(
                "too_large",
                f"decoded body over DOWNLOAD_MAXSIZE ({max_size} bytes; {exc.decompressed_size} decoded so far)",
            ) from None
        except Exception as exc:  # what the crawl's middleware raises on too: the download failed
            raise CaptureRefused(
                "undecodable", f"Content-Encoding {encoding.decode('latin-1')} does not decode: {exc}"
            ) from None
    return body


@dataclass
class StoredResponse:
    """A capture read back: the HTTP response as stored, its body content-decoded, and the WARC headers."""

    capture: dict[str, Any]
    status_line: str
    protocol: str
    headers: list[tuple[str, str]]
    body: bytes
    warc_headers: list[tuple[str, str]]

    @property
    def content_type(self) -> str | None:
        return _content_type(self.headers)

    def http_bytes(self) -> bytes:
        """Status line, headers and the decoded body, as `newsarchive capture` prints them."""
        head = [f"{self.protocol} {self.status_line}"] + [f"{k}: {v}" for k, v in self.headers]
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1", "replace") + self.body


class CaptureReader:
    """Reads captures by (file, offset, length), following revisits to the record that holds the payload.

    Bodies are read with the crawl's limit (`DOWNLOAD_MAXSIZE`, on the stored and on the decoded bytes):
    what the crawl would have refused raises `CaptureRefused` after reading at most that much.
    """

    def __init__(
        self, db: sqlite_utils.Database, directory: Path, max_size: int = crawl_settings.DOWNLOAD_MAXSIZE
    ) -> None:
        self.db = db
        self.directory = directory
        self.max_size = max_size
        self.files: dict[str, BinaryIO] = {}

    def capture(self, capture_id: int) -> dict[str, Any]:
        return dict(self.db.table("captures").get(capture_id))

    def read(self, capture: dict[str, Any]) -> StoredResponse:
        record = self._record(capture)
        http = record.http_headers
        payload_capture, payload_record = capture, record
        if capture["record_type"] == "revisit":
            try:
                payload_capture = self.capture(capture["refers_to"])
            except (NotFoundError, TypeError):  # refers_to missing or null
                raise CaptureUnreadable(
                    capture["warc_file"],
                    f"revisit of capture {capture['refers_to']}, which is not in the archive",
                ) from None
            payload_record = self._record(payload_capture)
        try:
            raw = payload_record.raw_stream.read(self.max_size + 1)
        except Exception as exc:
            raise CaptureUnreadable(payload_capture["warc_file"], f"unreadable payload: {exc}") from exc
        if len(raw) > self.max_size:
            raise CaptureRefused("too_large", f"stored body over DOWNLOAD_MAXSIZE ({self.max_size} bytes)")
        if payload_digest(raw) != capture["payload_digest"]:
            raise CaptureUnreadable(payload_capture["warc_file"], "payload does not match its digest")
        encodings = [v for k, v in payload_record.http_headers.headers if k.lower() == "content-encoding"]
        return StoredResponse(
            capture=capture,
            status_line=http.statusline,
            protocol=http.protocol,
            headers=list(http.headers),
            body=decode_body(raw, encodings, self.max_size) if encodings else raw,
            warc_headers=list(record.rec_headers.headers),
        )

    def _record(self, capture: dict[str, Any]) -> Any:
        name = capture["warc_file"]
        try:
            handle = self.files.get(name)
            if handle is None:
                handle = self.files[name] = open(self.directory / name, "rb")  # noqa: SIM115
            if capture["warc_offset"] + capture["warc_length"] > os.fstat(handle.fileno()).st_size:
                raise CaptureUnreadable(
                    name, f"file ends before the record at offset {capture['warc_offset']}"
                )
            handle.seek(capture["warc_offset"])
            # Streamed from the file, never more than the record's length: the payload is read with a limit.
            record = next(iter(ArchiveIterator(LimitReader(handle, capture["warc_length"]))))
        except CaptureUnreadable:
            raise
        except FileNotFoundError:
            raise CaptureUnreadable(name, "file not found in captures/") from None
        except Exception as exc:
            raise CaptureUnreadable(
                name, f"unreadable record at offset {capture['warc_offset']}: {exc}"
            ) from exc
        if record.rec_headers.get_header("WARC-Record-ID") != capture["warc_record_id"]:
            raise CaptureUnreadable(
                name, f"no record {capture['warc_record_id']} at offset {capture['warc_offset']}"
            )
        return record

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()
        self.files.clear()
