"""The mirror's hard image cases (issue 16), added to a few Vietnamese Báo Long An articles after their content
is drawn, so no other page or truth changes: a %-encoded Vietnamese name with spaces and parentheses, an SVG,
one over the crawl's size limit, one that answers 404 and one that answers text/html. The server
(`newsarchive/mirror/server.py`) reads the bad ones from `_images.json`; every other image is generated there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .common import write

HOST = "baolongan.vn"
FOLDER = "/image/news/special/"
# (file name as served, how the server answers, caption); the page writes the name %-encoded.
SPECIAL: tuple[tuple[str, str, str], ...] = (
    ("Ảnh lễ hội Làm Chay (2).jpg", "image", "Lễ hội Làm Chay ở Tân An"),
    ("so do tuyen duong.svg", "image", "Sơ đồ tuyến đường mới"),
    ("anh-goc-rat-lon.jpg", "oversize", "Ảnh gốc cỡ lớn"),
    ("anh-da-go.jpg", "missing", "Ảnh đã gỡ khỏi máy chủ"),
    ("anh-loi.jfif", "html", "Ảnh lỗi máy chủ"),
)
PER_ARTICLE = 2


def add(ed: Any, arts: list[Any], block: type) -> dict[str, str]:
    """Append the special images to the first valid, non-seed articles of the Vietnamese Báo Long An edition
    whose body shows captions (variants A–C) and that have a picture already (so `og:image` is unchanged);
    returns the `_images.json` manifest (path -> answer) of the bad ones."""
    if ed.host != HOST:
        return {}
    chosen = [
        a
        for a in sorted(arts, key=lambda x: x.id)
        if a.kind == "valid"
        and not a.is_seed
        and a.variant in ("A", "B", "C")
        and any(b.kind == "img" for b in a.blocks)
    ]
    manifest: dict[str, str] = {}
    for i, (name, answer, caption) in enumerate(SPECIAL):
        src = f"{ed.image_host}{FOLDER}{quote(name, safe='()')}"
        chosen[i // PER_ARTICLE].blocks.append(block("img", src=src, caption=caption))
        if answer != "image":
            manifest[FOLDER + name] = answer
    return manifest


def write_manifest(out_dir: Path, ed: Any, manifest: dict[str, str]) -> None:
    if ed.host == HOST:
        write(
            out_dir / "sites" / HOST / "_images.json", json.dumps(manifest, indent=1, sort_keys=True) + "\n"
        )
