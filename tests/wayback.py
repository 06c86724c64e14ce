"""A web archive of the mirror for the recover tests: WARCs recorded from the mirror over HTTP, indexed by pywb's
own tools (`wb-manager`), replayed by a real pywb on 127.0.0.1, and a byte-range file server standing in for
Common Crawl's data host (its index: pywb's CDX API, whose JSON lines carry filename, offset and length).

What is captured: every article the live mirror crawl stored, except a few left for the coverage view to find
missing (ids the mirror reaches only through inline links); one article three times with an edit in between
(its latest capture is what the mirror serves); one only on `http://www.` (the host variant); a 404 capture
and a redirect capture of articles no other capture holds; and pages of other hosts, which no edition takes.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import REPO

PYWB_VENV = Path(os.environ.get("NEWSARCHIVE_PYWB_VENV") or REPO / "build" / "pywb-venv")
COLLECTION = "longan"
# The thrice-captured article: its first two captures hold older texts, the third the mirror's.
EDITS = (" Bản tin cũ thứ nhất.", " Bản tin cũ thứ hai.")
TIMES = ("2024-03-01T08:00:00", "2024-06-01T08:00:00", "2025-05-01T08:00:00")
LATER = "2025-05-02T09:30:00"  # every other capture


@dataclass
class Captured:
    """What the fixture archive holds, for the tests to check recover against."""

    root: Path
    urls: dict[str, str] = field(default_factory=dict)  # canonical URL -> the URL captured
    thrice: str = ""
    www: str = ""
    uncaptured: set[str] = field(default_factory=set)  # canonical URLs no capture holds (404, redirect, none)
    first_paragraph: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(mirror_url: str, url: str) -> tuple[int, list[tuple[str, str]], bytes]:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    request = urllib.request.Request(mirror_url + path, headers={"Host": parts.hostname or ""})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, list(answer.headers.items()), answer.read()


def write_capture(
    writer: WARCWriter,
    url: str,
    when: str,
    body: bytes,
    status: str = "200 OK",
    headers: list[tuple[str, str]] | None = None,
) -> None:
    http = StatusAndHeaders(
        status,
        [
            (k, v)
            for k, v in (headers or [("Content-Type", "text/html; charset=utf-8")])
            if k.lower() != "content-length"
        ]
        + [("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": when + "Z"},
    )
    writer.write_record(record)


def record_warc(path: Path, mirror_url: str, bodies: dict[str, str], reach_inline: list[str]) -> Captured:
    """Record the captures (see the module docstring) into one WARC file at `path`."""
    captured = Captured(root=path.parent)
    article_urls = sorted(bodies)
    vi = sorted(u for u in article_urls if urlsplit(u).hostname == "baolongan.vn")
    uncaptured = [u for u in vi if any(u.endswith(f"-a{i}.html") for i in reach_inline)]
    assert len(uncaptured) >= 3, "the mirror reaches fewer articles through inline links than the test needs"
    gone_404, redirected = uncaptured[0], uncaptured[1]
    captured.uncaptured = set(uncaptured)
    rest = [u for u in sorted(article_urls) if u not in captured.uncaptured]
    pages = {url: fetch(mirror_url, url) for url in rest}
    # The thrice-captured article: one whose first paragraph the page holds as stored, so an edit after it shows.
    captured.thrice = next(
        u for u in rest if u in vi and bodies[u].split("\n\n")[0] in pages[u][2].decode("utf-8")
    )
    captured.www = next(u for u in reversed(rest) if u in vi)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url in rest:
            status, headers, body = pages[url]
            assert status == 200, url
            if url == captured.thrice:
                text = body.decode("utf-8")
                captured.first_paragraph = bodies[url].split("\n\n")[0]
                at = text.index(captured.first_paragraph) + len(captured.first_paragraph)
                for when, edit in zip(TIMES[:2], EDITS, strict=True):
                    write_capture(writer, url, when, (text[:at] + edit + text[at:]).encode("utf-8"), headers=headers)
                write_capture(writer, url, TIMES[2], body, headers=headers)
                captured.urls[url] = url
                continue
            where = url.replace("https://", "http://www.", 1) if url == captured.www else url
            write_capture(writer, where, LATER, body, headers=headers)
            captured.urls[url] = where
        write_capture(writer, gone_404, LATER, b"<html><body>Not found</body></html>", "404 Not Found")
        write_capture(
            writer,
            redirected.replace("https://", "http://", 1),
            LATER,
            b"",
            "301 Moved Permanently",
            [("Location", captured.thrice), ("Content-Type", "text/html")],
        )
        for other in ("https://baotayninh.vn/tin-khac-a4242.html", "https://example.org/khac-a4243.html"):
            write_capture(writer, other, LATER, "<html><body><h1>Trang khác</h1></body></html>".encode())
    return captured


def pywb_ready() -> bool:
    return (PYWB_VENV / "bin" / "wayback").is_file() and (PYWB_VENV / "bin" / "wb-manager").is_file()


def wait_port(port: int, process: subprocess.Popen | None = None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            assert process is None or process.poll() is None, "pywb exited"
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


@contextlib.contextmanager
def pywb(root: Path, warc: Path) -> Iterator[str]:
    """Index `warc` into a collection with wb-manager and serve it with pywb; yields the collection's root URL."""
    bin_dir = PYWB_VENV / "bin"
    subprocess.run(
        [str(bin_dir / "wb-manager"), "init", COLLECTION], cwd=root, check=True, capture_output=True
    )
    subprocess.run(
        [str(bin_dir / "wb-manager"), "add", COLLECTION, str(warc)], cwd=root, check=True, capture_output=True
    )
    port = free_port()
    server = subprocess.Popen(
        [str(bin_dir / "wayback"), "-b", "127.0.0.1", "-p", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(port, server)
        yield f"http://127.0.0.1:{port}/{COLLECTION}"
    finally:
        server.terminate()
        server.wait(timeout=30)


class RangeServer:
    """Serves files of one directory with byte ranges (206), as data.commoncrawl.org does, plus a collinfo.json
    naming one crawl whose index is `cdx_api`. Its first answer for each file is a 429 with Retry-After."""

    def __init__(self, directory: Path, cdx_api: str, retry_after: int = 1) -> None:
        self.directory = directory
        self.cdx_api = cdx_api
        self.retry_after = retry_after
        self.log: list[tuple[float, str, str, int]] = []  # (monotonic time, path, Range, status)
        self.refused: set[str] = set()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                outer.answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        if path == "/collinfo.json":
            body = json.dumps(
                [{"id": "CC-MAIN-TEST", "name": "test crawl", "cdx-api": self.cdx_api}]
            ).encode()
            return self._send(handler, path, 200, body, {"Content-Type": "application/json"})
        file = self.directory / path.lstrip("/")
        if not file.is_file() or ".." in path:
            return self._send(handler, path, 404, b"not found", {})
        if path not in self.refused:
            self.refused.add(path)
            return self._send(handler, path, 429, b"slow down", {"Retry-After": str(self.retry_after)})
        data = file.read_bytes()
        first, last = handler.headers.get("Range", "bytes=0-").removeprefix("bytes=").split("-")
        chunk = data[int(first) : int(last) + 1 if last else None]
        headers = {"Content-Range": f"bytes {first}-{int(first) + len(chunk) - 1}/{len(data)}"}
        self._send(handler, path, 206, chunk, {"Content-Type": "application/octet-stream", **headers})

    def _send(
        self, handler: BaseHTTPRequestHandler, path: str, status: int, body: bytes, headers: dict[str, str]
    ) -> None:
        self.log.append((time.monotonic(), path, handler.headers.get("Range", ""), status))
        handler.send_response(status)
        for key, value in {**headers, "Content-Length": str(len(body))}.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)

    def __enter__(self) -> RangeServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def utc(text: str) -> str:
    """A fixture time as the archive stores capture times."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC).isoformat()
