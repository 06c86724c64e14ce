"""Fault mode of the mirror: misbehaviour a real site shows, injected deterministically by seed.

`FaultPlan.choose(truth, seed)` picks one article page per fault kind; the server then answers those paths
with the fault instead of the page. Tests know the plan, so each fault's expected outcome can be checked.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .. import encodings

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
    "cp1258_undeclared": "stored",  # windows-1258 bytes, no charset anywhere: guessed and decoded
    "tcvn3": "stored",  # TCVN3 (.VnTime font) bytes, no charset: detected and converted to Unicode
    "vni": "stored",  # VNI text read as Latin-1, served as UTF-8 (VNI-Times font): detected and converted
}
KINDS = tuple(EXPECTED_OUTCOME)
# Faults that re-encode Vietnamese text: given to Vietnamese pages only, after the others were chosen (so
# adding them left the other faults on the pages they had).
ENCODING_KINDS = ("cp1258_undeclared", "tcvn3", "vni")


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
            (edition["host"], article["url"], edition["lang"])
            for edition in truths
            for aid, article in edition["articles"].items()
            if aid != "133682"
            and article["published_at"]
            and aid not in edition.get("stored_with_warning", [])
        )
        plan = cls(slow_seconds=slow_seconds)
        general = [kind for kind in KINDS if kind not in ENCODING_KINDS]
        chosen = rng.sample(candidates, len(general))
        vietnamese = [c for c in candidates if c[2] == "vi" and c not in chosen]
        picks = list(zip(general, chosen, strict=True))
        picks += zip(ENCODING_KINDS, rng.sample(vietnamese, len(ENCODING_KINDS)), strict=True)
        for kind, (host, url, _) in picks:
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
    if kind in ENCODING_KINDS:
        return 200, *_reencode(kind, page)
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


def _reencode(kind: str, page: bytes) -> tuple[bytes, dict[str, str]]:
    """`page` (UTF-8) as an old Vietnamese server sent it in a legacy encoding; characters the encoding lacks
    become numeric references, as the editors of the time wrote them."""
    text = unicodedata.normalize("NFC", page.decode("utf-8"))
    if kind == "vni":
        font = text.replace("<head>", "<head><style>body{font-family:'VNI-Times'}</style>", 1)
        return to_vni(font).encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}
    text = re.sub(r"<meta charset=\"?utf-8\"?>", "", text, flags=re.IGNORECASE)
    if kind == "tcvn3":
        font = text.replace("<head>", "<head><style>body{font-family:.VnTime}</style>", 1)
        return to_tcvn3(font), {"Content-Type": "text/html"}
    return to_cp1258(text), {"Content-Type": "text/html"}


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """windows-1258 as Vietnamese keyboards wrote it: the precomposed letter where the code page has one,
    else the base letter (ă, ơ…) and a combining tone."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            split = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in split if c not in _TONES))
            tones = "".join(c for c in split if c in _TONES)
            out.append((base + tones).encode("cp1258", errors="xmlcharrefreplace"))
    return b"".join(out)


def to_tcvn3(text: str) -> bytes:
    """TCVN3 bytes, through the inverse of newsarchive.encodings' table."""
    inverse = {char: code for code, char in encodings._TCVN3.items() if code < 0x100}
    return b"".join(
        bytes([inverse[c]]) if c in inverse else c.encode("ascii", errors="xmlcharrefreplace")
        for c in unicodedata.normalize("NFC", text)
    )


def to_vni(text: str) -> str:
    """VNI as Latin-1 text, through the inverse of newsarchive.encodings' table; other non-ASCII characters
    as numeric references (they would read as VNI marks)."""
    inverse = {char: sequence for sequence, char in encodings._VNI.items()}
    return "".join(
        inverse.get(c, c if c.isascii() else f"&#{ord(c)};") for c in unicodedata.normalize("NFC", text)
    )
