"""`newsarchive tag-places`: tag the articles archived before the place tables (or by an older tagger)."""

from __future__ import annotations

import time

import click

from . import article_places
from .cli_options import db_option, open_existing_db


@click.command("tag-places")
@db_option()
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="Articles per transaction (a killed run keeps every batch it committed).",
)
def tag_places(db_path: str, batch: int) -> None:
    """Tag every article with the administrative units it names (tables article_places, article_areas).

    New articles are tagged by the crawl as it stores them; this tags the ones stored before, and re-tags
    all of them when the tagger's rules or gazetteer changed. Incremental and idempotent: a second run
    tags nothing. The rules are in the README's "Places" section.

    \b
    Examples:
        newsarchive tag-places
        newsarchive tag-places --db /data/archive.db
    """
    db = open_existing_db(db_path)
    try:
        total = article_places.pending(db)
        started = time.monotonic()
        done = 0
        for done in article_places.tag_pending(db, batch):
            click.echo(f"tagged {done}/{total} articles", err=True)
    finally:
        db.close()
    seconds = time.monotonic() - started
    click.echo(f"Tagged {done} articles with places in {seconds:.1f} s ({db_path})")
