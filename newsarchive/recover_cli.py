"""`newsarchive recover`: rebuild a gone source's articles from web archives, through the crawl's pipeline."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import click

from . import batch, pipelines, recover, sites, store
from .cli_options import db_option

SITE_CHOICES = sorted({p.site for p in sites.PROFILES})
# Polite to the archives: one request at a time per archive host, a second apart at least, slower when they
# answer slowly (AutoThrottle); a local collection (tests, a mirror of captures) is read at full speed.
POLITE: dict[str, Any] = {
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": 1.0,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 0.5,
}
LOCAL: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


def editions(site: str, lang: str | None) -> list[tuple[str, str]]:
    """(site, lang) of every known edition asked for."""
    chosen = sites.PROFILES if site == "all" else [p for p in sites.PROFILES if p.site == site]
    return [(p.site, edition_lang) for p in chosen for edition_lang in sorted(set(p.editions.values()), reverse=True)
            if lang in (None, edition_lang)]  # fmt: skip


def run_recover(
    targets: list[tuple[str, str]],
    db_path: str,
    archive: recover.Archive,
    options: dict[str, Any],
    progress: bool,
) -> list[dict[str, Any]]:
    """Recover `targets` concurrently into `db_path` under the crawl's run lock; the stats of each run."""
    from scrapy.crawler import CrawlerProcess

    from .crawl import log_file, project_settings, run_lock

    with run_lock(db_path), log_file(db_path):
        store.open_db(db_path).close()
        middlewares = project_settings().getdict("DOWNLOADER_MIDDLEWARES")
        overrides: dict[str, Any] = {
            "ARCHIVE_DB": db_path,
            "MIRROR_URL": "",  # archives are asked directly, never the bundled mirror
            "DOWNLOADER_MIDDLEWARES": {**middlewares, "newsarchive.mirror_middleware.MirrorMiddleware": None},
            "IMAGES_ENABLED": False,
            "NEWSARCHIVE_PROGRESS": progress,
            "LOG_LEVEL": "WARNING",
            # ArchiveMiddleware waits out 429 and 503 itself (Retry-After); Scrapy's retries take the rest.
            "RETRY_HTTP_CODES": [500, 502, 504, 522, 524, 408],
            **(LOCAL if archive.is_local() else POLITE),
            **options,
        }
        process = CrawlerProcess(project_settings(**overrides))
        crawlers = []
        for site, lang in targets:
            crawler = process.create_crawler("recover")
            crawlers.append(crawler)
            process.crawl(crawler, site=site, lang=lang)
        try:
            process.start()
        finally:
            pipelines.finish_interrupted()
            batch.release_all()
    return [
        {"name": f"recover_{site}_{lang}", **c.stats.get_stats()}
        for (site, lang), c in zip(targets, crawlers, strict=True)
    ]


@click.command("recover")
@click.option("--site", type=click.Choice([*SITE_CHOICES, "all"]), default="baolongan", show_default=True,
              help="Source to recover (all: every source).")  # fmt: skip
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), default=None, help="One edition only (default: all)."
)
@click.option("--archive", "archive_spec", default="wayback", show_default=True, metavar="wayback|commoncrawl|URL",
              help="The Wayback Machine, Common Crawl, or a pywb-style collection root (URL/cdx, URL/{ts}id_/{url}).")  # fmt: skip
@db_option()
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Captures made on or after this day."
)
@click.option(
    "--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Captures made on or before this day."
)
@click.option(
    "--refresh",
    is_flag=True,
    help="Fetch the best capture of archived articles too (a revision if it differs).",
)
@click.option(
    "-s", "--set", "settings", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting."
)
def recover_command(
    site: str,
    lang: str | None,
    archive_spec: str,
    db_path: str,
    since: Any,
    until: Any,
    refresh: bool,
    settings: tuple[str, ...],
) -> None:
    """Rebuild articles from web archives' captures into the archive (when the sources are gone).

    Lists each edition's article URLs in the archive's CDX index (every host and scheme variant, keyed by
    article id as the crawl keys them), skips those already archived, fetches the original bytes of the
    latest HTTP 200 capture (older distinct captures become revisions, in time order) and stores them like a
    crawl, with their provenance (source, captured_at, archive_url) and a WARC record under the original URL.
    Killed, it resumes where it stopped: the database is the resume state. The `coverage` view shows what
    no capture holds.

    \b
    Examples:
        newsarchive recover                                  # Báo Long An from the Wayback Machine
        newsarchive recover --lang en --since 2024-01-01
        newsarchive recover --archive commoncrawl -s RECOVER_COMMONCRAWL_CRAWLS=12
        newsarchive recover --archive http://127.0.0.1:8080/longan   # a pywb collection
        newsarchive recover --refresh                        # captures newer than what is stored
    """
    from .cli import _parse_settings
    from .crawl import EXIT_FAILED, EXIT_LOCKED, LockedError, project_settings

    given = _parse_settings(settings)
    defaults = project_settings()
    try:
        archive = recover.archive_for(
            archive_spec,
            str(given.get("RECOVER_COMMONCRAWL_COLLINFO") or defaults.get("RECOVER_COMMONCRAWL_COLLINFO")),
            str(given.get("RECOVER_COMMONCRAWL_DATA") or defaults.get("RECOVER_COMMONCRAWL_DATA")),
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--archive") from None
    if since and until and since > until:
        raise click.UsageError(f"--since {since:%Y-%m-%d} is after --until {until:%Y-%m-%d}")
    targets = editions(site, lang)
    if not targets:
        raise click.UsageError(f"{site} has no {lang!r} edition")
    options: dict[str, Any] = {
        "RECOVER_ARCHIVE": archive_spec,
        "RECOVER_SINCE": _day(since),
        "RECOVER_UNTIL": _day(until),
        "RECOVER_REFRESH": refresh,
        **given,
    }
    click.echo(
        f"Recovering {', '.join(f'{s}_{x}' for s, x in targets)} from {archive.name} into {db_path}", err=True
    )
    try:
        results = run_recover(targets, db_path, archive, options, progress=True)
    except LockedError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    failed = False
    for stats in results:
        for line in recover.summary_lines(stats, stats["name"]):
            click.echo(line)
        reason = stats.get("finish_reason")
        if reason != "finished" or stats.get(pipelines.FAILED) or not stats.get("newsarchive/start_ok"):
            why = stats.get(pipelines.FAILED) or (
                f"ended: {reason}" if reason != "finished" else stats.get(pipelines.GONE_NOTE)
            )
            click.echo(f"{stats['name']}: {why}", err=True)
            failed = True
    if failed:
        sys.exit(EXIT_FAILED)


def _day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""
