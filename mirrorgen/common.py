"""Helpers every site generator of the mirror shares: HTML escaping and writing a page byte for byte."""

from __future__ import annotations

import html
from pathlib import Path


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


def write(path: Path, text: str) -> None:
    """UTF-8 without newline translation, so the pages are the same bytes on every platform."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
