"""Options shared by every `newsarchive` command, defined once."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click
import sqlite_utils

from . import store
from .store import DEFAULT_DB


def db_option(help: str = "SQLite database of the archive.") -> Callable[[Any], Any]:  # noqa: A002
    """`--db PATH`, defaulting to $ARCHIVE_DB, else ./archive.db."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        default=lambda: os.environ.get("ARCHIVE_DB", DEFAULT_DB),
        show_default="archive.db or $ARCHIVE_DB",
        help=help,
    )


def open_existing_db(db_path: str) -> sqlite_utils.Database:
    """The archive at `db_path` opened for WRITING (reparse, reindex): schema brought up to date.

    Never creates an archive; a missing file, a non-archive or a newer schema is a one-line error.
    """
    try:
        return store.open_db(db_path, create=False)
    except store.ArchiveError as exc:
        raise click.ClickException(str(exc)) from None


def open_reading_db(db_path: str, current: bool = True) -> sqlite_utils.Database:
    """The archive at `db_path` opened for READING (status, export, capture, serve, backup).

    Never creates, migrates or alters the file (a read-only connection; works on a read-only file or
    directory). A missing file, a file that is not SQLite or not an archive, or an archive written by a
    newer newsarchive is a one-line ClickException. With `current=True` an archive of an older schema is
    refused too, naming the command that upgrades it; `current=False` (e.g. backup) takes it as it is.
    """
    try:
        db = store.open_readonly(db_path)
    except store.ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    pending = store.pending_migrations(db) if current else []
    if pending:
        db.close()
        raise click.ClickException(
            f"{db_path} has an older schema (lacks {', '.join(pending)}): "
            f"run `newsarchive reindex --db {db_path}` (or a crawl) to upgrade it"
        )
    return db
