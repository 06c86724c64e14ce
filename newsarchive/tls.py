"""TLS on the real sites: certificates are verified (settings: DOWNLOAD_VERIFY_CERTIFICATES = True, Scrapy's own
switch, against the platform's trust store), and a failed verification is named as one.

Scrapy reports a refused certificate as a `DownloadFailedError` wrapping Twisted's `ResponseNeverReceived`
wrapping an `OpenSSL.SSL.Error`, which would be retried, logged with a traceback by robots.txt handling, and
recorded as an anonymous download failure (a start page failing so reads as "source looks gone").
`TLSFailureMiddleware` turns it into `TLSFailure` first: not retried (placed above RetryMiddleware), taken by
robots.txt handling as "no robots.txt" (an IgnoreRequest), and a `tls` row whose reason names the setting.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from OpenSSL import SSL
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from service_identity import VerificationError

SETTING = "DOWNLOAD_VERIFY_CERTIFICATES"
TLS_ERRORS = (SSL.Error, VerificationError)


class TLSFailure(IgnoreRequest):
    """The TLS handshake failed, usually a certificate that does not verify."""


def tls_error(exc: BaseException | None) -> BaseException | None:
    """The TLS error behind a download failure (through `__cause__` chains and Twisted's `reasons`), or None."""
    pending = [exc]
    for _ in range(20):  # a few levels of wrapping at most
        if not pending:
            return None
        current = pending.pop()
        if current is None:
            continue
        if isinstance(current, TLS_ERRORS):
            return current
        pending += [reason.value for reason in getattr(current, "reasons", None) or ()]
        pending.append(current.__cause__)
    return None


def reason(url: str, error: BaseException) -> str:
    host = urlsplit(url).hostname
    return (
        f"TLS handshake with {host} failed ({type(error).__name__}: {error}); the certificate is not trusted "
        f"or not for this host. Set {SETTING}=False (-s {SETTING}=False) to crawl without verification"
    )


class TLSFailureMiddleware:
    def process_exception(self, request: Request, exception: Exception) -> None:
        error = tls_error(exception)
        if error is not None:
            raise TLSFailure(reason(request.url, error)) from exception
