"""`newsarchive ingest --redis URL`, and what `newsarchive crawl --redis URL` runs (a worker)."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..cli_options import db_option


def run_worker_command(
    names: list[str], redis_url: str, mirror: bool, verbose: bool, options: dict[str, Any]
) -> None:
    """`crawl --redis`: one worker of the active run; exit 1 if one of its spiders did not finish."""
    from .worker import run_worker

    if mirror:
        # Requests move between workers with their URLs (retries, redirects): one mirror must serve them all.
        raise click.UsageError(
            "--redis workers share one mirror: serve it (newsarchive mirror) and set NEWSARCHIVE_MIRROR_URL"
        )
    try:
        summaries = run_worker(
            names,
            redis_url,
            mirror=mirror,
            progress=True,
            log_level="INFO" if verbose else "WARNING",
            options=options,
        )
    except ConnectionError as exc:
        raise click.ClickException(str(exc)) from None
    for s in summaries:
        click.echo(f"{s.spider}: worker {s.reason}; {s.pages} pages, {s.items} items sent to the writer")
    if any(s.reason != "finished" for s in summaries):
        sys.exit(1)


@click.command("ingest")
@click.option(
    "--redis",
    "redis_url",
    required=True,
    metavar="URL",
    help="Redis of the run, e.g. redis://127.0.0.1:6379/0.",
)
@db_option()
@click.option("--max-error-rate", type=click.FloatRange(0, 1), default=0.2, show_default=True,
              help="Exit 1 when more than this share of fetched article pages failed (as `crawl`).")  # fmt: skip
def ingest_command(redis_url: str, db_path: str, max_error_rate: float) -> None:
    """Be the one writer of a distributed crawl: store the workers' results into the archive.

    Waits for the active run (`newsarchive crawl --redis URL` on any number of workers asks for one), plans
    it from the archive, stores what the workers send with the same code and batching as a local crawl,
    records it in crawl_runs, and exits when the run is done. Killed, it is simply started again: nothing
    it had taken is lost or stored twice. Exit status as `crawl`'s: 1 if a spider's run did not complete or
    too many article pages failed, 3 if another writer or crawl holds the archive.

    \b
    Example (three shells):
        newsarchive ingest --redis redis://127.0.0.1:6379/0 --db /data/archive.db
        newsarchive crawl --redis redis://127.0.0.1:6379/0 --site all
        newsarchive crawl --redis redis://127.0.0.1:6379/0 --site all
    """
    from ..crawl import EXIT_FAILED, EXIT_LOCKED, MIN_PAGES_FOR_RATE, LockedError
    from ..pipelines import MOVED
    from .ingest import WriterBusy, ingest

    try:
        report = ingest(redis_url, db_path, log=lambda line: click.echo(line, err=True))
    except ConnectionError as exc:
        raise click.ClickException(str(exc)) from None
    except (LockedError, WriterBusy) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    failed = False
    for o in report.outcomes:
        c = o.counts
        click.echo(
            f"{o.spider}: {o.status} ({o.mode}); {o.pages} pages, {c.get('articles_new', 0)} new, "
            f"{c.get('articles_updated', 0)} updated, {c.get('articles_unchanged', 0)} unchanged, "
            f"{c.get('articles_gone', 0)} gone; {o.errors} errors (see crawl_errors)"
        )
        if o.note:
            click.echo(f"{o.spider}: {o.note}", err=True)
            failed = failed or not o.note.startswith(MOVED)
        elif o.status != "completed":
            failed = True
        elif o.article_pages >= MIN_PAGES_FOR_RATE and o.failure_rate > max_error_rate:
            click.echo(
                f"{o.spider}: {o.failure_rate:.0%} of article pages failed (limit {max_error_rate:.0%})",
                err=True,
            )
            failed = True
    click.echo(
        f"run {report.run}: {report.messages} messages in {report.seconds:.1f} s "
        f"({report.messages / max(report.seconds, 1e-9):.0f}/s, {1000 * report.cpu_seconds / max(report.messages, 1):.2f} CPU ms each); "
        f"{report.captures} captures, {report.repeated_captures} of a URL captured before in the run "
        f"(retried requests, each worker's robots.txt); {report.requeued} requests of stopped workers requeued"
    )
    if failed:
        sys.exit(EXIT_FAILED)
