"""The Datasette the project serves: one factory, so `newsarchive serve`, the tests and the benchmark agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

import newsarchive

from . import (
    datasette_facets,
    datasette_images,
    datasette_pairs,
    datasette_people,
    datasette_places,
    datasette_plugin,
    datasette_search,
    datasette_search_page,
    record,
    store,
)

PACKAGE_DIR = Path(__file__).parent
DATABASE_NAME = "archive"  # the URL prefix (/archive/...) whatever the file is called

SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    # Facets run once per page over the whole filtered table; at 250,000 articles each takes ~50-200 ms.
    "facet_time_limit_ms": 1000,
    # Suggested facets try every column of a large table on each page view: too slow, and the useful
    # facets are configured in metadata.yml.
    "suggest_facets": False,
    "default_page_size": 50,
    "truncate_cells_html": 300,
    "allow_download": False,  # the whole archive.db is large; exports are the way to take data away
    "allow_csv_stream": False,  # likewise the whole table as CSV (`.csv?_stream=1`); a CSV is one page at most
}


def _read_metadata() -> dict[str, Any]:
    return yaml.safe_load((PACKAGE_DIR / "metadata.yml").read_text("utf-8"))  # type: ignore[no-any-return]


def load_metadata() -> dict[str, Any]:
    """metadata.yml as Datasette reads it (the glossary, an unknown key to Datasette, left out)."""
    metadata = _read_metadata()
    metadata["databases"][DATABASE_NAME]["tables"]["articles"].pop("glossary", None)
    return metadata


def glossary() -> dict[str, str]:
    """Every `articles` column and what it holds: metadata.yml's glossary, blanks filled from `record.py`."""
    columns = _read_metadata()["databases"][DATABASE_NAME]["tables"]["articles"]["glossary"]
    return {name: record.COLUMN_DOCS[name] if doc is None else doc for name, doc in columns.items()}


def make_datasette(db_path: str | Path, settings: dict[str, Any] | None = None) -> Datasette:
    """Datasette over `db_path` (read-only, as /archive) with our metadata, templates, static files and plugin."""
    # The entry points (pyproject.toml) register these when newsarchive is installed; from a bare checkout
    # (the benchmarks) they are registered here, under the same names.
    plugins = {
        "newsarchive": newsarchive,
        "newsarchive_plugin": datasette_plugin,
        "newsarchive_search": datasette_search,
        "newsarchive_facets": datasette_facets,
        "newsarchive_search_page": datasette_search_page,
        "newsarchive_pairs": datasette_pairs,
        "newsarchive_people": datasette_people,
        "newsarchive_images": datasette_images,
        "newsarchive_places": datasette_places,
    }
    for name, module in plugins.items():
        if not pm.is_registered(module):
            pm.register(module, name=name)
    ds = Datasette(
        [str(db_path)],
        metadata=load_metadata(),
        settings={**SETTINGS, **(settings or {})},
    )
    # Datasette names a database after its file; the metadata, canned queries and links all say /archive.
    for name in [n for n in ds.databases if n != "_internal"]:
        ds.remove_database(name)
    # Immutable where a read-only connection cannot open the file (a WAL archive on a read-only share).
    mutable = store.readonly_uri(db_path).endswith("mode=ro")
    ds.add_database(Database(ds, path=str(db_path), is_mutable=mutable), name=DATABASE_NAME)
    return ds
