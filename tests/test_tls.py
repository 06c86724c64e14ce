"""TLS certificates are verified on the real sites: the real host names are pointed at 127.0.0.1 by an HTTPS
proxy (`https_proxy`, as a crawl behind a corporate proxy would use) that answers CONNECT and presents a
self-signed certificate for them, as an intercepting proxy would; behind it is the hostile mirror.

With verification (the default) nothing is stored and each page is a `tls` row naming the setting that turns
verification off; with DOWNLOAD_VERIFY_CERTIFICATES=False the same pages are fetched and stored."""

from __future__ import annotations

import datetime
import select
import socket
import socketserver
import sqlite3
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .conftest import newsarchive
from .test_scope import ARTICLE, small_site

HOSTS = ("baolongan.vn", "www.baolongan.vn", "news.baolongan.vn")


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for the real host names, signed by its own key: what no trust store accepts."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOSTS[0])])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in HOSTS]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


class InterceptingProxy(socketserver.ThreadingTCPServer):
    """CONNECT host:443 → TLS with the self-signed certificate → the plain HTTP `upstream` (the hostile site)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream: tuple[str, int], context: ssl.SSLContext) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream, self.context = upstream, context
        self.connects: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(socketserver.BaseRequestHandler):
    server: InterceptingProxy

    def handle(self) -> None:
        client: socket.socket = self.request
        client.settimeout(10)
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 65536:
            data = client.recv(4096)
            if not data:
                return
            head += data
        method, target = head.split(b" ", 2)[:2]
        if method != b"CONNECT":
            client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        self.server.connects.append(target.decode())
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        try:
            tls = self.server.context.wrap_socket(client, server_side=True)
        except (ssl.SSLError, OSError):
            return  # the client refused the certificate
        with tls, socket.create_connection(self.server.upstream, timeout=10) as upstream:
            _relay(tls, upstream)


def _relay(a: socket.socket, b: socket.socket) -> None:
    peers = {a: b, b: a}
    for _ in range(100_000):  # bounded: a page is a few hundred reads at most
        ready, _, _ = select.select(list(peers), [], [], 10)
        if not ready:
            return
        for sock in ready:
            try:
                data = sock.recv(65536)
            except (ssl.SSLWantReadError, BlockingIOError):
                continue
            except OSError:
                return
            if not data:
                return
            peers[sock].sendall(data)


@pytest.fixture
def proxy(hostile, tmp_path) -> Iterator[InterceptingProxy]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed(tmp_path))
    server = InterceptingProxy(("127.0.0.1", int(hostile.url.rsplit(":", 1)[1])), context)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def real_crawl(db: Path, proxy: InterceptingProxy, *settings: str):
    """A crawl of the real https://baolongan.vn/ (no mirror), through the proxy."""
    env = {"https_proxy": proxy.url, "HTTPS_PROXY": proxy.url, "no_proxy": "", "NO_PROXY": ""}
    options = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
    for setting in settings:
        options += ["-s", setting]
    return newsarchive(
        "crawl", "--db", str(db), "--site", "baolongan", "--lang", "vi", *options, env=env, check=False
    )


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_self_signed_certificate_is_refused(tmp_path, hostile, proxy):
    db = tmp_path / "archive.db"
    small_site(hostile, f"/{ARTICLE}")
    result = real_crawl(db, proxy)
    assert "baolongan.vn:443" in proxy.connects  # the crawl did reach the proxy
    assert rows(db, "select count(*) from articles") == [(0,)]
    errors = dict(rows(db, "select url, reason from crawl_errors where kind = 'tls'"))
    assert "https://baolongan.vn/" in errors
    assert all("DOWNLOAD_VERIFY_CERTIFICATES" in reason for reason in errors.values())
    assert result.returncode == 1
    assert "TLS" in result.stderr and "DOWNLOAD_VERIFY_CERTIFICATES" in result.stderr
    assert "source looks gone" not in result.stderr
    [(note,)] = rows(db, "select note from crawl_runs")
    assert note.startswith("TLS verification failed") and "DOWNLOAD_VERIFY_CERTIFICATES=False" in note
    assert "Traceback" not in result.stderr


def test_verification_off_fetches_the_pages(tmp_path, hostile, proxy):
    db = tmp_path / "archive.db"
    small_site(hostile, f"/{ARTICLE}")
    result = real_crawl(db, proxy, "DOWNLOAD_VERIFY_CERTIFICATES=False")
    assert result.returncode == 0, result.stderr
    assert ("baolongan:vi:133682",) in rows(db, "select key from articles")
    assert rows(db, "select count(*) from crawl_errors where kind = 'tls'") == [(0,)]


def test_real_crawl_offsite_redirect_is_a_row_never_a_request(tmp_path, hostile, proxy):
    """Outside mirror mode too (Scrapy's offsite filter used to drop such a hop without a word, every run)."""
    db = tmp_path / "archive.db"
    small_site(hostile, "/evil-a5008.html")
    hostile.redirect("baolongan.vn", "/evil-a5008.html", "https://baolongan.vn.evil.example/evil-a5008.html")
    result = real_crawl(db, proxy, "DOWNLOAD_VERIFY_CERTIFICATES=False")
    assert result.returncode == 0, result.stderr
    [(kind, reason)] = rows(
        db, "select kind, reason from crawl_errors where url = 'https://baolongan.vn/evil-a5008.html'"
    )
    assert kind == "redirect_offsite" and "https://baolongan.vn.evil.example/evil-a5008.html" in reason
    assert not any("evil" in target for target in proxy.connects)
