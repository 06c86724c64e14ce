"""Offline pictures: `/image/{capture_id}` streams an image capture from the WARC files, and the article page
shows each image from there (never from the source), with its caption and a link to the original.

The bytes are untrusted (whatever the source served). Only a capture an `images` row points at is served,
and only as the `image/*` type the crawl accepted; `X-Content-Type-Options: nosniff` and a Content-Security-Policy
that allows nothing (and sandboxes the response) keep a crafted file from running as a page of the archive's
origin, and an SVG, which can carry script, is served as a download (an `<img>` still shows it, with scripts
off). Captures never change, so they are cached for a year.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlite_utils
from datasette import NotFound, Request, Response, hookimpl

from .captures import CaptureReader, CaptureRefused, CaptureUnreadable, captures_dir
from .datasette_plugin import archive, safe_url
from .images import DEFAULT_MAX_BYTES

ROUTE = "/image/{id}"
HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _directory(datasette: Any) -> Path:
    return captures_dir(archive(datasette).path)


async def article_images(datasette: Any, key: str) -> list[dict[str, Any]]:
    """The article page's images: each with its archive URL (`src`, None when not captured), the original
    URL (only http(s)), caption and pixel size."""
    db = archive(datasette)
    rows = (
        await db.execute(
            "select url, caption, capture_id, media_type, width, height from images"
            " where article_key = ? order by position",
            [key],
        )
    ).rows
    return [
        {
            "url": safe_url(row["url"]),
            "caption": row["caption"],
            "src": datasette.urls.path(ROUTE.format(id=row["capture_id"])) if row["capture_id"] else None,
            "width": row["width"],
            "height": row["height"],
        }
        for row in rows
    ]


async def image(datasette: Any, request: Request) -> Response:
    capture_id = int(request.url_vars["id"])
    db = archive(datasette)
    row = (
        await db.execute(
            "select media_type from images where capture_id = ? and media_type like 'image/%' limit 1",
            [capture_id],
        )
    ).first()
    if row is None:
        raise NotFound(f"No image capture {capture_id}")
    directory = _directory(datasette)

    def read(conn: sqlite3.Connection) -> bytes | None:
        reader = CaptureReader(sqlite_utils.Database(conn), directory, max_size=DEFAULT_MAX_BYTES)
        try:
            return reader.read(reader.capture(capture_id)).body
        except (CaptureUnreadable, CaptureRefused):
            return None
        finally:
            reader.close()

    body = await db.execute_fn(read)
    if body is None:
        raise NotFound(f"Image capture {capture_id} cannot be read from captures/")
    media_type = row["media_type"]
    headers = dict(HEADERS)
    if media_type == "image/svg+xml":
        headers["Content-Disposition"] = f'attachment; filename="image-{capture_id}.svg"'
    return Response(body, status=200, headers=headers, content_type=media_type)


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [(r"^/image/(?P<id>\d+)$", image)]
