"""Serve the offline mirror (``sites/<host>/``) over HTTP on 127.0.0.1.

Routing:

* The ``Host`` header (port removed, lower-cased, a leading ``www.`` removed) selects ``sites/<host>/``.
* Otherwise the first path segment may name the site (``/baolongan.vn/kinh-te/``); ``/`` then shows a small
  index page linking to every site.
* ``/`` -> ``index.html``; ``/kinh-te/`` -> ``kinh-te/index.html``; ``?p=N`` (N > 1) -> ``index.pN.html``;
  other query parameters are ignored. A directory path without a trailing slash is served like one with it.
* SharePoint pages (``*.aspx``, the provincial portal) are case-insensitive and keyed by query: the path is
  lower-cased to a directory and the ``ID`` parameter, else ``CategoryID`` and ``PageIndex`` (any case,
  values case-folded, ``PageIndex=1`` dropped), name the file in it, see ``aspx_file_name``:
  ``/Lists/TinTucSuKien/DispForm.aspx?ID=620&InitialTabId=Ribbon.Read`` ->
  ``lists/tintucsukien/dispform.aspx/id=620.html``.
* ``sites/<host>/_status.json`` maps URL paths to a forced HTTP status: the generated mirror lists one
  ``/...-aN.html`` path per site that always answers **HTTP 500**. Files whose name starts with ``_``
  are never served. Anything missing -> 404 with a small HTML page.
* Images (``.jpg``, ``.jpeg``, ``.jfif``, ``.png``, ``.webp``, ``.svg``, any case) that are not files are made
  on the fly from their path (``images.py``), except those ``sites/<host>/_images.json`` names: ``missing``
  answers 404, ``html`` a text/html page, ``oversize`` a JPEG of ``OVERSIZE_BYTES`` (over the crawl's limit).

``.html`` is served as ``text/html; charset=utf-8``, ``.rss`` as ``application/rss+xml; charset=utf-8``,
``.txt`` as ``text/plain; charset=utf-8``. GET and HEAD are supported; requests are not logged unless
``verbose=True``, but every request is recorded as ``(site host or "", raw path with query)`` in
``MirrorServer.requests`` so tests can check what a crawler fetched (e.g. that robots.txt was obeyed), and
with its arrival time in ``MirrorServer.request_log`` (how fast workers together asked a site).

A ``script`` (tests of hostile sites) answers first: called with the request's ``Host`` (lower-cased, port
removed) and raw path with query, it returns ``(status, headers, body)`` to send as is, or None to serve the
mirror as usual. Redirects anywhere, bombs, endless listings and broken pages are scripted this way.
"""

from __future__ import annotations

import html
import json
import posixpath
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, parse_qsl, quote, unquote, urlsplit

from . import faults as fault_mode
from . import images

SITES_ROOT: Path = Path(__file__).resolve().parent / "sites"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}


ASPX_KEYS = ("id", "categoryid", "pageindex")
OVERSIZE_BYTES = 16 * 1024 * 1024  # past the crawl's default per-image limit (15 MB)

Answer = tuple[int, dict[str, str], bytes]
Script = Callable[[str, str], Answer | None]


def site_hosts(root: Path) -> list[str]:
    """The host names the mirror serves: one directory each under `root`."""
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def aspx_file_name(query: str) -> str:
    """File serving a SharePoint query: ``CategoryID=Culture%20-%20Sport&PageIndex=2`` ->
    ``categoryid=culture%20-%20sport&pageindex=2.html``; no key parameter -> ``index.html``."""
    params = {k.lower(): v.strip().casefold() for k, v in parse_qsl(query)}
    if params.get("pageindex") == "1":
        del params["pageindex"]
    wanted = ("id",) if params.get("id") else ASPX_KEYS  # an item page ignores its list's parameters
    keys = [f"{k}={quote(params[k], safe='')}" for k in wanted if params.get(k)]
    return "&".join(keys) + ".html" if keys else "index.html"


def _page(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>\n"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    _site = ""
    server_version = "Apache"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:  # noqa: N802
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    # ------------------------------------------------------------------------------------------------
    def _send(
        self, status: int, body: bytes, ctype: str, head: bool, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _respond(self, head: bool) -> None:
        self._arrived = time.time()
        if self.server.delay:
            time.sleep(self.server.delay)
        if self.server.script is not None and self._scripted(head):
            return
        try:
            status, body, ctype = self._resolve()
        except Exception as exc:  # never let a bad request kill the server thread
            status, body, ctype = (
                500,
                _page("500 Internal Server Error", f"<p>{html.escape(repr(exc))}</p>"),
                CONTENT_TYPES[".html"],
            )
        extra: dict[str, str] = {}
        kind = self.server.faults.fault(self._site, urlsplit(self.path).path) if self.server.faults else None
        if kind == "slow":
            time.sleep(self.server.faults.slow_seconds if self.server.faults else 0)
        elif kind == "redirect_loop":
            status, body, extra = 302, b"", {"Location": self.path}
        elif kind and status == 200:
            status, body, headers = fault_mode.apply(kind, body)
            ctype = headers["Content-Type"]
        try:
            self._send(status, body, ctype, head, extra)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _scripted(self, head: bool) -> bool:
        """Send the script's answer, if it has one for this request."""
        assert self.server.script is not None
        host = (self.headers.get("Host") or "").strip().lower().rsplit(":", 1)[0]
        answer = self.server.script(host, self.path)
        if answer is None:
            return False
        self.server.requests.append((host, self.path))
        self.server.timed.append((self._arrived, host, self.path))
        status, headers, body = answer
        try:
            self.send_response(status)
            if not any(k.lower() == "content-length" for k in headers):
                self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return True

    def _resolve(self) -> tuple[int, bytes, str]:
        self._site = ""
        try:
            return self._lookup()
        finally:
            self.server.requests.append((self._site, self.path))
            self.server.timed.append((self._arrived, self._site, self.path))

    def _lookup(self) -> tuple[int, bytes, str]:
        root: Path = self.server.root
        hosts: list[str] = self.server.hosts
        parts = urlsplit(self.path)
        path = unquote(parts.path or "/")
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):
            host = host.split("]")[0] + "]"
        else:
            host = host.rsplit(":", 1)[0] if ":" in host else host
        if host.startswith("www."):
            host = host[4:]
        if host not in hosts:
            segs = path.lstrip("/").split("/", 1)
            if segs[0].lower() in hosts:
                host = segs[0].lower()
                path = "/" + (segs[1] if len(segs) > 1 else "")
            elif path == "/":
                links = "".join(f'<li><a href="/{h}/">{html.escape(h)}</a></li>' for h in hosts)
                return 200, _page("Offline mirror", f"<ul>{links}</ul>"), CONTENT_TYPES[".html"]
            else:
                return self._not_found()
        self._site = host
        site = root / host
        norm = posixpath.normpath(path)
        if norm in (".", ""):
            norm = "/"
        if path.endswith("/") and norm != "/":
            norm += "/"
        if ".." in path.split("/") or "\x00" in path:
            return self._not_found()
        status = self.server.statuses.get(host, {}).get(norm)
        if status:
            return (
                int(status),
                _page(f"{status} {HTTPStatus(int(status)).phrase}", ""),
                CONTENT_TYPES[".html"],
            )
        rel = norm.lstrip("/")
        if any(seg.startswith(("_", ".")) for seg in rel.split("/") if seg):
            return self._not_found()
        target = site / rel
        if norm.lower().endswith(".aspx"):
            target = site / rel.lower() / aspx_file_name(parts.query)
        elif norm.endswith("/") or target.is_dir():
            page = 1
            try:
                page = int(parse_qs(parts.query).get("p", ["1"])[0])
            except ValueError:
                page = 1
            target = target / ("index.html" if page <= 1 else f"index.p{page}.html")
        if not target.is_file():
            return self._image(host, norm)
        ctype = CONTENT_TYPES.get(target.suffix.lower(), "application/octet-stream")
        return 200, target.read_bytes(), ctype

    def _image(self, host: str, path: str) -> tuple[int, bytes, str]:
        """A generated image, or the special answer `_images.json` names for `path`."""
        special = self.server.images.get(host, {}).get(path)
        if special == "html":
            return 200, _page("Ảnh không tồn tại", "<p>Not an image.</p>"), CONTENT_TYPES[".html"]
        if special == "oversize":
            return 200, images.jpeg(800, 600, 128)[:-2].ljust(OVERSIZE_BYTES, b"\x00"), "image/jpeg"
        made = None if special == "missing" else images.image_for(path)
        if made is None:
            return self._not_found()
        return 200, made[1], made[0]

    def _not_found(self) -> tuple[int, bytes, str]:
        return (
            404,
            _page("404 Not Found", "<p>Không tìm thấy trang / Page not found.</p>"),
            CONTENT_TYPES[".html"],
        )


class _Server(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(
        self,
        addr: tuple[str, int],
        root: Path,
        verbose: bool,
        delay: float = 0.0,
        faults: fault_mode.FaultPlan | None = None,
        script: Script | None = None,
    ) -> None:
        self.root = root
        self.verbose = verbose
        self.delay = delay
        self.faults = faults
        self.script = script
        self.hosts = site_hosts(root)
        self.requests: list[tuple[str, str]] = []
        self.timed: list[tuple[float, str, str]] = []
        self.statuses: dict[str, dict[str, int]] = {}
        self.images: dict[str, dict[str, str]] = {}
        for h in self.hosts:
            f = root / h / "_status.json"
            if f.is_file():
                self.statuses[h] = {k: int(v) for k, v in json.loads(f.read_text("utf-8")).items()}
            f = root / h / "_images.json"
            if f.is_file():
                self.images[h] = json.loads(f.read_text("utf-8"))
        super().__init__(addr, _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        if self.verbose:
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class MirrorServer:
    """Threaded HTTP server for the mirror; ``with MirrorServer() as srv: ... srv.url ...``."""

    def __init__(
        self,
        port: int = 0,
        root: Path = SITES_ROOT,
        verbose: bool = False,
        delay: float = 0.0,
        faults: fault_mode.FaultPlan | None = None,
        script: Script | None = None,
    ) -> None:
        """`delay` slows every answer (to test concurrency); `faults` turns on fault mode (see faults.py);
        `script` answers before the mirror (see the module docstring)."""
        self.root = Path(root)
        self.port = port
        self.verbose = verbose
        self.delay = delay
        self.faults = faults
        self.script = script
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._requests: list[tuple[str, str]] = []
        self._timed: list[tuple[float, str, str]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[tuple[str, str]]:
        """Every request served so far as (site host, path with query); empty before start()."""
        return self._requests

    @property
    def request_log(self) -> list[tuple[float, str, str]]:
        """Every request served so far as (arrival time, unix seconds; site host; path with query)."""
        return self._timed

    @property
    def hosts(self) -> list[str]:
        if self._httpd is not None:
            return list(self._httpd.hosts)
        return site_hosts(self.root)

    def start(self) -> MirrorServer:
        """Bind and serve in a daemon thread (non-blocking)."""
        if self._httpd is not None:
            return self
        self._httpd = _Server(
            ("127.0.0.1", self.port), self.root, self.verbose, self.delay, self.faults, self.script
        )
        self._httpd.requests = self._requests
        self._httpd.timed = self._timed
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"mirror-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Shut down, close the socket and join the thread."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def serve(port: int, root: Path = SITES_ROOT, verbose: bool = False) -> None:
    """Serve the mirror in the foreground until Ctrl-C; prints the URLs."""
    srv = _Server(("127.0.0.1", port), Path(root), verbose)
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    print(f"Serving the offline mirror at {base}/")
    for h in srv.hosts:
        print(f"  {h}: {base}/{h}/   (or send 'Host: {h}' to {base}/)")
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()


if __name__ == "__main__":
    import sys

    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8800)
