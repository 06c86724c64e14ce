"""The `reparse` and `capture` commands: work from the stored WARC captures, never the network."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click
from sqlite_utils.utils import sqlite3

from . import settings as crawl_settings
from . import sites
from .captures import CaptureReader, CaptureRefused, CaptureUnreadable, captures_dir
from .cli_options import db_option, open_existing_db, open_reading_db
from .reparse import ReparseReport, parse_since, reparse

DB_OPTION = db_option("SQLite archive; its WARC files are in captures/ beside it.")
SHOWN_PER_KIND = 20  # skipped captures listed one per line, then counted


def _captures(db_path: str) -> Path:
    """The crawl's CAPTURES_DIR ($NEWSARCHIVE_CAPTURES_DIR), else captures/ beside the database."""
    return Path(os.environ.get("NEWSARCHIVE_CAPTURES_DIR") or captures_dir(db_path))


@click.command(name="reparse")
@DB_OPTION
@click.option("--since", help="Only captures fetched at or after this date or ISO 8601 time (naive = UTC).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def reparse_command(db_path: str, since: str | None, quiet: bool) -> None:
    """Re-extract every article from its stored capture (offline) and update the archive.

    Uses the latest successful capture of each article URL, the crawl's own extraction and the same store
    writes; only real content changes count as changed. Captures are read with the crawl's DOWNLOAD_MAXSIZE
    on the decoded body: one the crawl refused (too_large, undecodable) is skipped with its reason and the
    URL's earlier capture is used. An unreadable WARC file, or an error while extracting or storing a
    capture, is reported and skipped, the rest goes on, and the command then exits with status 1.

    \b
    Examples:
        newsarchive reparse --db archive.db
        newsarchive reparse --since 2025-01-01
    """
    try:
        since_utc = parse_since(since) if since else None
    except ValueError:
        raise click.ClickException(f"--since {since!r} is not a date or ISO 8601 time") from None
    db = open_existing_db(db_path)
    try:
        report = reparse(db, _captures(db_path), since_utc, progress=not quiet)
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(
            f"reparse stopped, the archive failed: {exc} (what was done is kept)"
        ) from None
    finally:
        db.close()
    _print_report(report)
    if report.failed:
        sys.exit(1)


def _print_report(report: ReparseReport) -> None:
    outcomes = report.outcomes
    skipped = sum(len(lines) for lines in report.skipped.values())
    click.echo(
        f"{report.captures} captures: {report.changed} articles changed ({outcomes['new']} new, "
        f"{outcomes['updated']} updated), {outcomes['refreshed']} refreshed without content change, "
        f"{outcomes['unchanged']} unchanged, {report.not_articles} not articles, {skipped} captures skipped"
    )
    for warc_file, reasons in sorted(report.unreadable.items()):
        click.echo(f"unreadable: {warc_file}: {len(reasons)} captures skipped ({reasons[0]})", err=True)
    for kind, lines in sorted(report.skipped.items()):
        for line in lines[:SHOWN_PER_KIND]:
            click.echo(f"skipped ({kind}): {line}", err=True)
        if len(lines) > SHOWN_PER_KIND:
            click.echo(f"skipped ({kind}): {len(lines) - SHOWN_PER_KIND} more", err=True)


@click.command(name="capture")
@click.argument("url_or_key")
@DB_OPTION
@click.option("--warc", "show_warc", is_flag=True, help="Print the WARC record headers first.")
@click.option(
    "--images", "list_images", is_flag=True, help="List the article's images and their captures instead."
)
def capture_command(url_or_key: str, db_path: str, show_warc: bool, list_images: bool) -> None:
    """Print the stored HTTP response of an article or URL, as it was served (body content-decoded).

    An article key or URL gives the capture the article was extracted from; any other URL its latest
    capture. Status line and headers are as received; a revisit record is shown with the identical payload
    it refers to. A capture the crawl refused (a body over DOWNLOAD_MAXSIZE once decoded, an encoding that
    does not decode) is not printed: a one-line error says why.

    \b
    Examples:
        newsarchive capture baolongan:vi:133682
        newsarchive capture https://baolongan.vn/can-duoc-...-a133682.html --warc > a133682.http
        newsarchive capture baolongan:vi:133682 --images   # position, capture, type, bytes, pixels, URL
        newsarchive capture https://www.baolongan.vn/image/news/....jpg > photo.http   # one image
    """
    db = open_reading_db(db_path)
    if list_images:
        try:
            _print_images(db, url_or_key)
        finally:
            db.close()
        return
    capture_id = _find_capture(db, url_or_key)
    reader = CaptureReader(db, _captures(db_path))
    try:
        capture = reader.capture(capture_id)
        if (capture["content_type"] or "").startswith("image/"):
            reader.max_size = crawl_settings.IMAGES_MAX_BYTES  # the crawl's limit for images, not pages
        stored = reader.read(capture)
    except CaptureUnreadable as exc:
        raise click.ClickException(f"capture {capture_id} cannot be read: {exc}") from None
    except CaptureRefused as exc:
        raise click.ClickException(f"capture {capture_id} was refused by the crawl's limits: {exc}") from None
    finally:
        reader.close()
        db.close()
    out = sys.stdout.buffer
    if show_warc:
        warc = "".join(f"{k}: {v}\r\n" for k, v in stored.warc_headers) + "\r\n"
        out.write(warc.encode("utf-8"))
    out.write(stored.http_bytes())
    out.flush()


def _print_images(db: Any, url_or_key: str) -> None:
    """One line per image of the article, tab-separated: position, capture id (`-` when not captured), media
    type, bytes, width×height, URL as the page wrote it."""
    if "://" in url_or_key:
        profile = sites.profile_for(url_or_key)
        url = (profile.canonical_article_url(url_or_key) if profile else None) or url_or_key
        row = next(db.query("select key from articles where url = ?", [url]), None)
    else:
        row = next(db.query("select key from articles where key = ?", [url_or_key]), None)
    if row is None:
        raise click.ClickException(f"no article {url_or_key!r} in this archive")
    images = db.query(
        "select position, url, capture_id, media_type, byte_size, width, height from images"
        " where article_key = ? order by position",
        [row["key"]],
    )
    for image in images:
        pixels = f"{image['width']}x{image['height']}" if image["width"] else "-"
        fields = (image["capture_id"], image["media_type"], image["byte_size"])
        shown = [str(image["position"]), *("-" if f is None else str(f) for f in fields), pixels, image["url"]]
        click.echo("\t".join(shown))


def _find_capture(db: Any, url_or_key: str) -> int:
    if "://" not in url_or_key:
        row = next(db.query("select capture_id from articles where key = ?", [url_or_key]), None)
        if row is None:
            raise click.ClickException(f"no article with key {url_or_key!r}")
    else:
        profile = sites.profile_for(url_or_key)
        url = (profile.canonical_article_url(url_or_key) if profile else None) or url_or_key
        row = next(db.query("select capture_id from articles where url = ?", [url]), None)
        if row is None:
            row = next(
                db.query(
                    "select id as capture_id from captures where url = ? order by id desc limit 1", [url]
                ),
                None,
            )
        if row is None:
            raise click.ClickException(f"no capture of {url} in this archive")
    if row["capture_id"] is None:
        raise click.ClickException(f"{url_or_key} has no stored capture (crawled before captures were kept)")
    return int(row["capture_id"])
