"""`python -m newsarchive` runs the CLI."""

from .cli import cli

cli()
