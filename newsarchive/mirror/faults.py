"""Fault mode of the mirror: misbehaviour a real site shows, injected deterministically by seed.

`FaultPlan.choose(truth, seed)` picks one article page per fault kind; the server then answers those paths
with the fault instead of the page. Tests know the plan, so each fault's expected outcome can be checked.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# kind -> what a crawler should end up with
EXPECTED_OUTCOME = {
    "http_500": "error",  # retried, then recorded
    "slow": "error",  # answers after the download timeout: recorded
    "truncated_ok": "stored",  # cut after the body: title and body still found
    "truncated_bad": "error",  # cut before the title: recorded
    "wrong_charset": "stored",  # UTF-8 declared as windows-1252: detected and decoded correctly
    "redirect_loop": "error",  # redirects to itself until the crawler gives up: recorded
    "huge": "error",  # 10 MB, over DOWNLOAD_MAXSIZE: recorded
    "bomb": "stored_or_error",  # 100,000 nested elements: parsed or recorded, never a crash
}
KINDS = tuple(EXPECTED_OUTCOME)


@dataclass
class FaultPlan:
    """host -> path -> fault kind; `slow_seconds` is how long a slow answer takes."""

    paths: dict[str, dict[str, str]] = field(default_factory=dict)
    slow_seconds: float = 3.0

    @classmethod
    def choose(cls, truths: list[dict], seed: int = 7, slow_seconds: float = 3.0) -> FaultPlan:
        """One valid, dated article per fault kind, spread over the editions, never the seed article."""
        rng = random.Random(seed)
        candidates = sorted(
            (edition["host"], article["url"])
            for edition in truths
            for aid, article in edition["articles"].items()
            if aid != "133682"
            and article["published_at"]
            and aid not in edition.get("stored_with_warning", [])
        )
        plan = cls(slow_seconds=slow_seconds)
        for kind, (host, url) in zip(KINDS, rng.sample(candidates, len(KINDS)), strict=True):
            plan.paths.setdefault(host, {})[urlsplit(url).path] = kind
        return plan

    def fault(self, host: str, path: str) -> str | None:
        return self.paths.get(host, {}).get(path)

    def urls(self) -> dict[str, str]:
        """Canonical article URL -> fault kind."""
        return {
            f"https://{host}{path}": kind
            for host, paths in self.paths.items()
            for path, kind in paths.items()
        }


def apply(kind: str, page: bytes) -> tuple[int, bytes, dict[str, str]]:
    """The (status, body, headers) a faulty server sends instead of `page`. Slowness is the server's job."""
    html_type = {"Content-Type": "text/html; charset=utf-8"}
    if kind == "http_500":
        return 500, b"<html><body><h1>500 Internal Server Error</h1></body></html>", html_type
    if kind == "truncated_ok":
        cut = page.find(b'<div class="sharemxh"')
        return 200, page[: cut if cut > 0 else int(len(page) * 0.8)], html_type
    if kind == "truncated_bad":
        cut = page.find(b"<body")
        return 200, page[: cut + 200 if cut > 0 else 600], html_type
    if kind == "wrong_charset":
        body = page.replace(b'charset="utf-8"', b'charset="windows-1252"').replace(
            b"charset=utf-8", b"charset=windows-1252"
        )
        return 200, body, {"Content-Type": "text/html; charset=windows-1252"}
    if kind == "huge":
        filler = b"<p>" + b"Long An " * 128 + b"</p>\n"
        return (
            200,
            page.replace(b"</body>", filler * (10 * 1024 * 1024 // len(filler)) + b"</body>"),
            html_type,
        )
    if kind == "bomb":
        depth = 100_000
        bomb = b"<div>" * depth + b"x" + b"</div>" * depth
        return 200, page.replace(b"</body>", bomb + b"</body>"), html_type
    return 200, page, html_type
