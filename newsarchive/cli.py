"""The `newsarchive` command line: crawl, extract, mirror, serve."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import BinaryIO

import click

from . import sites, store
from .extract import NotAnArticle, decode_html, extract_article

SITE_CHOICES = sorted({p.site for p in sites.PROFILES})


@click.group()
@click.version_option(package_name="newsarchive")
def cli() -> None:
    """Crawl Long An provincial news (Vietnamese and English) into a SQLite archive and serve it.

    \b
    Quick start:
        newsarchive crawl --mirror      # crawl the bundled offline mirror into archive.db
        newsarchive serve               # browse and search it with Datasette
    """


@cli.command()
@click.option(
    "--site", type=click.Choice(SITE_CHOICES), default="baolongan", show_default=True, help="Source to crawl."
)
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), default=None, help="One edition only (default: both)."
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=lambda: os.environ.get("ARCHIVE_DB", store.DEFAULT_DB),
    show_default="archive.db or $ARCHIVE_DB",
    help="SQLite database to write.",
)
@click.option(
    "--mirror", is_flag=True, help="Crawl the bundled offline mirror (served on a free 127.0.0.1 port)."
)
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO) instead of warnings only.")
def crawl(site: str, lang: str | None, db_path: str, mirror: bool, verbose: bool) -> None:
    """Crawl a source's editions into the archive.

    Start URLs are the real sites; --mirror sends every request to the bundled mirror instead, while the
    archive still stores the real https://baolongan.vn/... URLs. Exit status 0 when every run completed.

    \b
    Examples:
        newsarchive crawl --mirror
        newsarchive crawl --site baolongan --lang en --db /data/archive.db
    """
    from .crawl import run_crawl, spider_names

    names = spider_names(site, lang)
    if not names:
        raise click.UsageError(f"no spider for site {site!r} and lang {lang!r}")
    click.echo(
        f"Crawling {', '.join(names)} into {db_path}" + (" from the bundled mirror" if mirror else ""),
        err=True,
    )
    summaries = run_crawl(
        names, db_path, mirror=mirror, progress=True, log_level="INFO" if verbose else "WARNING"
    )
    for s in summaries:
        click.echo(
            f"{s.spider}: {s.status}; {s.pages} pages, {s.articles_new} new, {s.articles_updated} updated, "
            f"{s.articles_unchanged} unchanged articles, {s.errors} errors (see crawl_errors)"
        )
    if any(s.status != "completed" for s in summaries):
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.File("rb"))
@click.option("--url", required=True, help="The URL the page was fetched from (gives site, edition and id).")
def extract(file: BinaryIO, url: str) -> None:
    """Extract one saved page offline and print the normalized article as JSON.

    Uses the same code path as the crawl. A page that is not an article exits with status 1 and a
    one-line reason on stderr.

    \b
    Example:
        newsarchive extract page.html --url https://baolongan.vn/can-duoc-...-a133682.html
    """
    html = decode_html(file.read())
    try:
        record = extract_article(html, url)
    except NotAnArticle as exc:
        click.echo(f"not an article: {exc}", err=True)
        sys.exit(1)
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@cli.command()
@click.option("--port", type=int, default=8800, show_default=True, help="Port on 127.0.0.1.")
def mirror(port: int) -> None:
    """Serve the bundled offline mirror of the sites for browsing.

    \b
    Example:
        newsarchive mirror --port 8800   # then open http://127.0.0.1:8800/
    """
    from .mirror.server import serve

    serve(port)


@cli.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=lambda: os.environ.get("ARCHIVE_DB", store.DEFAULT_DB),
    show_default="archive.db or $ARCHIVE_DB",
)
@click.option("--port", type=int, default=8001, show_default=True, help="Port on 127.0.0.1.")
def serve(db_path: str, port: int) -> None:
    """Serve the archive with Datasette on 127.0.0.1 (read-only), with search, article pages and a chart.

    \b
    Example:
        newsarchive serve --db archive.db --port 8001
        # then open http://127.0.0.1:8001/archive/articles?_search=can+duoc
    """
    import uvicorn
    from datasette.utils import sqlite3

    from .datasette_app import make_datasette

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `newsarchive crawl` first")
    try:
        store.open_db(db_path).close()  # schema (and search index) up to date before Datasette reads it
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{db_path} is not a usable archive: {exc}") from exc
    ds = make_datasette(db_path)
    click.echo(f"Serving {db_path} on http://127.0.0.1:{port}/", err=True)
    uvicorn.run(ds.app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on")


@cli.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=lambda: os.environ.get("ARCHIVE_DB", store.DEFAULT_DB),
    show_default="archive.db or $ARCHIVE_DB",
)
def reindex(db_path: str) -> None:
    """Recompute the folded search columns and rebuild the full-text index from the articles table.

    Needed only after writes that bypassed newsarchive (the index itself follows every insert, update
    and delete through triggers) or after a VACUUM, which may renumber the rowids the index points to.

    \b
    Example:
        newsarchive reindex --db archive.db
    """
    from . import search

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `newsarchive crawl` first")
    db = store.open_db(db_path)
    try:
        count = search.reindex(db)
    finally:
        db.close()
    click.echo(f"Reindexed {count} articles in {db_path}")
