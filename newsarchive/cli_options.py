"""Options shared by every `newsarchive` command, defined once."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

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
