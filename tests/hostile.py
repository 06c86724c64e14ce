"""A hostile site for crawl tests: the bundled mirror, except where a test scripts the answer.

`HostileSite` keeps answers by (host, path with query), or by a callable for whole families of paths (an
endless `?p=N`); everything else is the mirror. Crawls reach it as they reach the mirror, through
NEWSARCHIVE_MIRROR_URL, so a test sees redirects, bombs and bad pages exactly as the real spiders would.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from newsarchive.mirror.server import Answer, MirrorServer


class HostileSite:
    def __init__(self) -> None:
        self.answers: dict[tuple[str, str], Answer] = {}
        self.rules: list[Callable[[str, str], Answer | None]] = []
        self.server = MirrorServer(port=0, script=self)

    def __call__(self, host: str, path: str) -> Answer | None:
        host = host[4:] if host.startswith("www.") else host
        answer = self.answers.get((host, path))
        if answer is not None:
            return answer
        return next((a for rule in self.rules if (a := rule(host, path)) is not None), None)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def env(self) -> dict[str, str]:
        """The environment that points a `newsarchive crawl` subprocess at this site."""
        return {"NEWSARCHIVE_MIRROR_URL": self.server.url}

    def answer(
        self,
        host: str,
        path: str,
        status: int = 200,
        body: bytes | str = b"",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.answers[(host, path)] = (
            status,
            {"Content-Type": "text/html; charset=utf-8", **(headers or {})},
            data,
        )

    def redirect(self, host: str, path: str, location: str, status: int = 302) -> None:
        self.answer(host, path, status, b"", {"Location": location})

    def gzip_bomb(self, host: str, path: str, size: int) -> None:
        """A small gzip body that inflates to `size` bytes of HTML."""
        self.answer(host, path, 200, gzip.compress(b"<p>" + b"a" * size, 9), {"Content-Encoding": "gzip"})

    def requested(self, host: str) -> list[str]:
        """Paths requested of `host` (any scripted or mirror answer)."""
        return [path for h, path in self.server.requests if h.removeprefix("www.") == host]


@contextmanager
def hostile_site() -> Iterator[HostileSite]:
    site = HostileSite()
    with site.server:
        yield site
