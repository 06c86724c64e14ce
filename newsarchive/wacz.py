"""`newsarchive wacz`: chosen articles and their images as one WACZ file (Web Archive Collection Zipped 1.1.1).

WACZ is what ReplayWeb.page and pywb open directly and what web archives exchange: a ZIP (stored, not
deflated) of `archive/*.warc.gz`, a CDXJ index (`indexes/index.cdx`, by cdxj-indexer, Webrecorder's own),
`pages/pages.jsonl` (url, ts, title, text: replay tools list and search the articles) and `datapackage.json`
with every file's SHA-256, itself digested in `datapackage-digest.json`. The WARC holds the stored records
byte for byte (each capture's gzip member copied from captures/): each article's page, its images, and the
original of every revisit among them, so a replay resolves them all.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import sqlite_utils
from cdxj_indexer.main import write_cdx_index
from warcio.warcwriter import WARCWriter

from . import __version__, sites
from .cli_options import db_option, open_reading_db
from .export import Filters, select_where

WACZ_VERSION = "1.1.1"
WARC_NAME = "archive/newsarchive.warc.gz"
INDEX_NAME = "indexes/index.cdx"  # CDXJ lines; the name pywb and the WACZ spec look for
PAGES_NAME = "pages/pages.jsonl"


@dataclass
class WaczReport:
    pages: int
    records: int


def chosen(db: sqlite_utils.Database, filters: Filters) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(pages, captures): the chosen articles with their page capture, and every capture to include —
    their pages, their images and the originals revisits refer to — in capture order."""
    where, params = select_where(db, filters)
    pages = list(
        db.query(
            "select a.key, a.title, a.body_text, c.id as capture_id, c.url, c.fetched_at from articles a"
            f" join captures c on c.id = a.capture_id{where} order by a.key",
            params,
        )
    )
    keys = [p["key"] for p in pages]
    ids = {p["capture_id"] for p in pages}
    for start in range(0, len(keys), 500):
        batch = keys[start : start + 500]
        ids |= {
            r["capture_id"]
            for r in db.query(
                f"select capture_id from images where capture_id is not null"
                f" and article_key in ({', '.join('?' * len(batch))})",
                batch,
            )
        }
    captures = _with_originals(db, ids)
    return pages, captures


def _with_originals(db: sqlite_utils.Database, ids: Iterable[int]) -> list[dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    wanted = set(ids)
    while wanted:
        rows = [dict(db.table("captures").get(i)) for i in sorted(wanted)]
        found.update({r["id"]: r for r in rows})
        wanted = {r["refers_to"] for r in rows if r["refers_to"] is not None} - set(found)
    return [found[i] for i in sorted(found)]


def write_wacz(db: sqlite_utils.Database, directory: Path, out: Path, filters: Filters) -> WaczReport:
    """Write the WACZ of the chosen articles to `out` (as `out.part`, renamed when complete)."""
    pages, captures = chosen(db, filters)
    part = out.with_name(out.name + ".part")
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / Path(WARC_NAME).name
        _write_warc(warc, directory, captures)
        index = Path(tmp) / "index.cdxj"
        write_cdx_index(str(index), [str(warc)], {"sort": True})
        listing = Path(tmp) / "pages.jsonl"
        listing.write_bytes(_pages_jsonl(pages))
        files = {WARC_NAME: warc, INDEX_NAME: index, PAGES_NAME: listing}
        package = _datapackage(files, filters)
        digest = {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(package).hexdigest()}
        with zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as zf:
            for name, path in files.items():
                zf.write(path, name)
            zf.writestr("datapackage.json", package)
            zf.writestr("datapackage-digest.json", json.dumps(digest, indent=2))
    os.replace(part, out)
    return WaczReport(len(pages), len(captures))


def _write_warc(path: Path, directory: Path, captures: list[dict[str, Any]]) -> None:
    """A warcinfo record, then each capture's gzip member exactly as the crawl stored it."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="WARC/1.1")
        info = {"software": f"newsarchive/{__version__}", "format": "WARC File Format 1.1"}
        writer.write_record(writer.create_warcinfo_record(path.name, info))
        files: dict[str, Any] = {}
        try:
            for capture in captures:
                name = capture["warc_file"]
                if name not in files:
                    files[name] = open(directory / name, "rb")  # noqa: SIM115 (closed below)
                source = files[name]
                source.seek(capture["warc_offset"])
                fh.write(source.read(capture["warc_length"]))
        finally:
            for source in files.values():
                source.close()


def _pages_jsonl(pages: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    out.write(json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "Articles"}) + "\n")
    for page in pages:
        ts = datetime.fromisoformat(page["fetched_at"]).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        entry = {
            "id": page["key"],
            "url": page["url"],
            "ts": ts,
            "title": page["title"],
            "text": page["body_text"],
        }
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return out.getvalue().encode("utf-8")


def _sha256(path: Path) -> tuple[str, int]:
    hasher, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            hasher.update(chunk)
            size += len(chunk)
    return "sha256:" + hasher.hexdigest(), size


def _datapackage(files: dict[str, Path], filters: Filters) -> bytes:
    chosen_by = ", ".join(f"{k}={v}" for k, v in vars(filters).items() if v is not None) or "every article"
    package = {
        "profile": "data-package",
        "resources": [
            {"name": Path(name).name.lower(), "path": name, "hash": digest, "bytes": size}
            for name, (digest, size) in ((name, _sha256(path)) for name, path in files.items())
        ],
        "title": "newsarchive: Long An provincial news",
        "description": f"Articles and their images from the newsarchive archive ({chosen_by})",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "wacz_version": WACZ_VERSION,
        "software": f"newsarchive/{__version__}",
    }
    return json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8")


@click.command(name="wacz")
@click.argument("output", type=click.Path(dir_okay=False, writable=True))
@db_option("Archive to read; its WARC files are in captures/ beside it.")
@click.option("--site", type=click.Choice(sorted({p.site for p in sites.PROFILES})), help="One source only.")
@click.option("--lang", type=click.Choice(["vi", "en"]), help="One edition only.")
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE", help="Published on or after this day."
)
@click.option(
    "--until", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE", help="Published on or before this day."
)
def wacz_command(
    output: str,
    db_path: str,
    site: str | None,
    lang: str | None,
    since: datetime | None,
    until: datetime | None,
) -> None:
    """Write the chosen articles, their images and the records revisits refer to as one WACZ file.

    ReplayWeb.page and pywb open it directly; `pages/pages.jsonl` lists every article (url, ts, title,
    text). Dates are publication days in Long An time, inclusive. The file appears complete or not at all.

    \b
    Examples:
        newsarchive wacz longan.wacz
        newsarchive wacz en-2024.wacz --lang en --since 2024-01-01 --until 2024-12-31
    """
    from .captures_cli import _captures

    filters = Filters(
        site=site, lang=lang, since=since.date() if since else None, until=until.date() if until else None
    )
    db = open_reading_db(db_path)
    try:
        report = write_wacz(db, _captures(db_path), Path(output), filters)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from None
    finally:
        db.close()
    click.echo(f"{output}: {report.pages} articles, {report.records} records", err=True)
