"""The `newsarchive` command line: crawl, extract, mirror, serve."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import click

from . import sites, store
from .extract import NotAnArticle, decode_html, extract_article

SITE_CHOICES = sorted({p.site for p in sites.PROFILES})
PACKAGE_DIR = Path(__file__).parent


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
    """Serve the archive with Datasette on 127.0.0.1 (read-only).

    \b
    Example:
        newsarchive serve --db archive.db --port 8001
    """
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `newsarchive crawl` first")
    store.open_db(db_path).close()  # schema up to date before Datasette reads it
    command = [
        sys.executable, "-m", "datasette", "serve", db_path,
        "--host", "127.0.0.1", "--port", str(port),
        "--metadata", str(PACKAGE_DIR / "metadata.yml"),
        "--setting", "sql_time_limit_ms", "3000",
        "--setting", "default_page_size", "50",
    ]  # fmt: skip
    raise SystemExit(subprocess.call(command))


from .export import export  # noqa: E402

cli.add_command(export)
