"""Options shared by every `newsarchive` command, defined once."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

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


def require_db(db_path: str) -> None:
    """A clear error, not a new empty archive, when a command that reads the archive is pointed elsewhere."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `newsarchive crawl` first")


def open_existing_db(db_path: str) -> Any:
    """The archive at `db_path` (schema brought up to date); a clear error when there is none."""
    require_db(db_path)
    return store.open_db(db_path)
