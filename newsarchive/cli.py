"""The `newsarchive` command line: crawl, status, backup, extract, mirror, serve."""

from __future__ import annotations

import json
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any, BinaryIO

import click
from sqlite_utils.utils import sqlite3

from . import article_places, output_files, sites, store
from .cli_options import db_option, open_existing_db, open_reading_db
from .extract import NotAnArticle, decode_html, extract_article

SITE_CHOICES = sorted({p.site for p in sites.PROFILES})

DB_OPTION = db_option()


class _Group(click.Group):
    """Every command: an archive that cannot be opened (store.ArchiveError) is a one-line error, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except store.ArchiveError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group)
@click.version_option(package_name="newsarchive")
def cli() -> None:
    """Crawl Long An provincial news (Vietnamese and English) into a SQLite archive and serve it.

    \b
    Quick start:
        newsarchive crawl --mirror      # crawl the bundled offline mirror into archive.db
        newsarchive serve               # browse and search it with Datasette
    """


def _parse_settings(values: tuple[str, ...]) -> dict[str, object]:
    """NAME=VALUE pairs, each value read as the type of the setting's default (a bad one is a usage error)."""
    from scrapy.settings import BaseSettings

    from .crawl import project_settings

    defaults = project_settings()
    parsed: dict[str, object] = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="--set")
        default = defaults.get(key)
        try:
            parsed[key] = _typed(setting, default)
        except ValueError:
            kind = "JSON object" if isinstance(default, dict | BaseSettings) else type(default).__name__
            raise click.BadParameter(f"{key} takes a {kind}, got {setting!r}", param_hint="--set") from None
    return parsed


def _typed(text: str, default: object) -> object:
    from scrapy.settings import BaseSettings, Settings

    given = Settings({"value": text})
    if isinstance(default, bool):
        return given.getbool("value")  # 1/0, True/False, true/false
    if isinstance(default, int | float):
        number = float(text)
        return int(number) if isinstance(default, int) and number.is_integer() else number
    if isinstance(default, list | tuple):
        items = given.getlist("value")
        kinds = {type(item) for item in default}
        return [_typed(str(item).strip(), default[0]) for item in items] if len(kinds) == 1 else items
    if isinstance(default, dict | BaseSettings):
        return given.getdict("value")  # JSON
    return text


@cli.command()
@click.option(
    "--site",
    type=click.Choice([*SITE_CHOICES, "all"]),
    default="baolongan",
    show_default=True,
    help="Source to crawl (all: every source).",
)
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), default=None, help="One edition only (default: both)."
)
@DB_OPTION
@click.option(
    "--mirror", is_flag=True, help="Crawl the bundled offline mirror (served on a free 127.0.0.1 port)."
)
@click.option("--full", is_flag=True, help="Walk every listing page and re-fetch every article (backfill).")
@click.option("--recheck-days", type=click.IntRange(min=0), default=0, show_default=True,
              help="Re-fetch articles published in the last N days to catch edits and take-downs.")  # fmt: skip
@click.option("--stop-after", type=click.IntRange(min=1), default=10, show_default=True,
              help="Incremental runs stop paging a listing after this many archived articles in a row.")  # fmt: skip
@click.option("--max-error-rate", type=click.FloatRange(0, 1), default=0.2, show_default=True,
              help="Exit 1 when more than this share of fetched article pages failed.")  # fmt: skip
@click.option("--no-images", is_flag=True, help="Do not fetch the articles' images (text only).")
@click.option(
    "-s", "--set", "settings", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting."
)
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO) instead of warnings only.")
@click.option("--redis", "redis_url", metavar="URL", default=None,
              help="Be one worker of a distributed run in this Redis (`newsarchive ingest` stores it; no --db).")  # fmt: skip
def crawl(
    site: str,
    lang: str | None,
    db_path: str,
    mirror: bool,
    full: bool,
    recheck_days: int,
    stop_after: int,
    max_error_rate: float,
    no_images: bool,
    settings: tuple[str, ...],
    verbose: bool,
    redis_url: str | None,
) -> None:
    """Crawl a source's editions into the archive (incremental by default).

    Start URLs are the real sites; --mirror sends every request to the bundled mirror instead, while the
    archive still stores the real https://baolongan.vn/... URLs. A plain run fetches only what is new; if
    the previous run never completed (crash, kill -9), it walks everything and skips what is stored.
    Failed URLs are retried after 1, 2, 4 … days. Only one crawl runs at a time per database.

    \b
    Exit status:
        0  the run completed (pages recorded in crawl_errors do not change this)
        1  the run aborted, more than --max-error-rate of article pages failed
           (judged once 20 or more article pages were fetched),
           or the source looks gone (every start URL failed or redirected off its site)
        2  bad usage or configuration
        3  another crawl holds the lock on this database

    \b
    Examples:
        newsarchive crawl --mirror
        newsarchive crawl --site all --mirror
        newsarchive crawl --site longan_gov --mirror   # the provincial portal only
        newsarchive crawl --lang en --db /data/archive.db
        newsarchive crawl --recheck-days 7             # nightly, with edits of the last week
        newsarchive crawl --full -s DOWNLOAD_DELAY=2
        newsarchive crawl --no-images                  # text only
        newsarchive crawl -s IMAGES_MAX_RUN_BYTES=500000000   # at most ~500 MB of images this run
        newsarchive crawl --redis redis://10.0.0.5:6379/0 --site all   # a worker (README: scale-out)
    """
    from .crawl import (
        EXIT_FAILED,
        EXIT_LOCKED,
        MIN_PAGES_FOR_RATE,
        LockedError,
        contact_warning,
        run_crawl,
        spider_names,
    )

    names = spider_names(site, lang)
    if not names:
        unknown = next((p for p in sites.PROFILES if p.site == site and lang in p.unknown_editions), None)
        if unknown is not None:
            raise click.UsageError(f"{site} has no known {lang!r} edition, so there is no spider for it")
        raise click.UsageError(f"no spider for site {site!r} and lang {lang!r}")
    options: dict[str, object] = {
        **_parse_settings(settings),
        "NEWSARCHIVE_FULL": full,
        "NEWSARCHIVE_RECHECK_DAYS": recheck_days,
        "NEWSARCHIVE_STOP_AFTER": stop_after,
        **({"IMAGES_ENABLED": False} if no_images else {}),
    }
    if redis_url:
        from .scaleout.cli import run_worker_command

        run_worker_command(names, redis_url, mirror, verbose, options)
        return
    click.echo(
        f"Crawling {', '.join(names)} into {db_path}" + (" from the bundled mirror" if mirror else ""),
        err=True,
    )
    if warning := contact_warning(mirror, options):
        click.echo(warning, err=True)
    try:
        summaries = run_crawl(
            names,
            db_path,
            mirror=mirror,
            progress=True,
            log_level="INFO" if verbose else "WARNING",
            options=options,
        )
    except LockedError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    failed = False
    for s in summaries:
        click.echo(
            f"{s.spider}: {s.status} ({s.mode}); {s.pages} pages, {s.articles_new} new, {s.articles_updated} updated, "
            f"{s.articles_unchanged} unchanged, {s.articles_gone} gone; {s.errors} errors (see crawl_errors)"
        )
        if s.moved:
            click.echo(f"{s.spider}: {s.note}", err=True)
        elif s.status != "completed" or s.note:
            click.echo(f"{s.spider}: {s.note or 'the run did not complete'}", err=True)
            failed = True
        elif s.article_pages >= MIN_PAGES_FOR_RATE and s.failure_rate > max_error_rate:
            click.echo(
                f"{s.spider}: {s.failure_rate:.0%} of article pages failed (limit {max_error_rate:.0%})",
                err=True,
            )
            failed = True
    if failed:
        sys.exit(EXIT_FAILED)


@cli.command()
@DB_OPTION
@click.option(
    "--runs", type=click.IntRange(min=1), default=10, show_default=True, help="How many recent runs."
)
def status(db_path: str, runs: int) -> None:
    """Show the last crawl runs and the archive's totals.

    \b
    Example:
        newsarchive status --db /data/archive.db --runs 5
    """
    db = open_reading_db(db_path)
    click.echo(f"Last runs in {db_path}:")
    for run in db.query("select * from crawl_runs order by id desc limit ?", [runs]):
        click.echo(
            f"  #{run['id']} {run['spider']} {run['started_at']} → {run['finished_at'] or '(not finished)'} "
            f"{run['status']} ({run['mode'] or '?'}): {run['articles_new']} new, {run['articles_updated']} updated, "
            f"{run['articles_gone'] or 0} gone, {run['errors']} errors {run['errors_by_kind'] or ''}"
            + (f" — {run['note']}" if run["note"] else "")
        )
    click.echo("Archive:")
    for row in db.query(
        "select site, lang, count(*) n, sum(gone_at is not null) gone, min(published_at) first, "
        "max(published_at) last from articles group by site, lang order by site, lang"
    ):
        click.echo(
            f"  {row['site']} {row['lang']}: {row['n']} articles ({row['gone']} gone), {row['first']} … {row['last']}"
        )
    click.echo(
        f"  {db.table('images').count} images, {db.table('revisions').count} revisions, "
        f"{db.table('crawl_errors').count} recorded errors"
    )
    untagged = article_places.pending(db)
    if untagged:
        click.echo(f"  {untagged} articles not tagged with places yet: run newsarchive tag-places")
    db.close()


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False))
@DB_OPTION
def backup(path: str, db_path: str) -> None:
    """Write a consistent copy of the archive to PATH (VACUUM INTO), safe while crawls and Datasette run.

    The copy is written as PATH.part and renamed once complete, so PATH never holds a partial copy (a
    leftover PATH.part of a killed backup is replaced). PATH must be a new file name.

    \b
    Example:
        newsarchive backup /backups/archive-$(date +%F).db
    """
    try:
        where = output_files.target(path, replace=False)
        if where.straight:
            raise output_files.OutputError(f"{path} is not a regular file: a backup needs a new file name")
        db = open_reading_db(db_path, current=False)  # copied as it is, never migrated first
        try:
            output_files.clear_part(where.part)
            db.execute("vacuum into ?", [str(where.part)])
        finally:
            db.close()
        output_files.target(path, replace=False)  # still a new name after the copy
        output_files.publish(where.part, where.path)
    except output_files.OutputError as exc:
        raise click.ClickException(str(exc)) from None
    except (OSError, sqlite3.Error) as exc:
        with suppress(output_files.OutputError):
            output_files.clear_part(Path(f"{path}.part"))
        raise click.ClickException(f"backup to {path} failed: {exc}") from None
    click.echo(f"Backed up {db_path} to {path}")


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
@DB_OPTION
@click.option("--port", type=int, default=8001, show_default=True, help="Port on 127.0.0.1.")
def serve(db_path: str, port: int) -> None:
    """Serve the archive with Datasette on 127.0.0.1 (read-only), with search, article pages and a chart.

    \b
    Example:
        newsarchive serve --db archive.db --port 8001
        # then open http://127.0.0.1:8001/archive/articles?_search=can+duoc
    """
    import socket

    import uvicorn

    from .datasette_app import make_datasette

    open_reading_db(db_path).close()  # an archive of the current schema, opened without writing to it
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind(("127.0.0.1", port))
        listener.listen(128)
    except OSError as exc:
        listener.close()
        raise click.ClickException(
            f"cannot listen on 127.0.0.1:{port} ({exc.strerror}): choose another --port"
        ) from None
    ds = make_datasette(db_path)
    click.echo(f"Serving {db_path} on http://127.0.0.1:{port}/", err=True)
    config = uvicorn.Config(ds.app(), log_level="warning", lifespan="on")
    uvicorn.Server(config).run(sockets=[listener])


@cli.command()
@DB_OPTION
def reindex(db_path: str) -> None:
    """Recompute the folded search columns and rebuild the full-text index from the articles table.

    Needed only after writes that bypassed newsarchive (the index itself follows every insert, update
    and delete through triggers) or after a VACUUM, which may renumber the rowids the index points to.
    One transaction: interrupted (even kill -9), it leaves the archive as it was. It also upgrades an
    archive of an older schema.

    \b
    Example:
        newsarchive reindex --db archive.db
    """
    from . import search

    db = open_existing_db(db_path)
    try:
        count = search.reindex(db)
    finally:
        db.close()
    click.echo(f"Reindexed {count} articles in {db_path}")


from .captures_cli import capture_command, reparse_command  # noqa: E402
from .export import export  # noqa: E402
from .wacz import wacz_command  # noqa: E402

cli.add_command(reparse_command)
cli.add_command(capture_command)
cli.add_command(export)
from .pair_cli import pair  # noqa: E402

cli.add_command(pair)
cli.add_command(wacz_command)
from .places_cli import tag_places  # noqa: E402

cli.add_command(tag_places)
from .recover_cli import recover_command  # noqa: E402

cli.add_command(recover_command)
from .scaleout.cli import ingest_command  # noqa: E402

cli.add_command(ingest_command)
