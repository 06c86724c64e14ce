"""The record type (newsarchive/record.py) against everything that restates it: the shipped JSON Schema, the
columns of a new archive, extract's output, Datasette's column descriptions and export's --format choices."""

from __future__ import annotations

import json
import types
from typing import Any, NotRequired, Union, get_args, get_origin, get_type_hints

import sqlite_utils
from click.testing import CliRunner

from newsarchive import record, search, store
from newsarchive.cli import cli
from newsarchive.datasette_app import glossary
from newsarchive.export import FORMATS, schema_text
from newsarchive.extract import extract_article

from .conftest import REPO

SCHEMA = json.loads(schema_text())
# `articles` columns that are no record field: the search index's folded text and two generated facets.
DERIVED_COLUMNS = {*search.FOLDED_COLUMNS.values(), "year", "first_author"}

ARTICLE_PAGE = """<html><head><title>Nông dân Cần Giuộc trúng mùa</title></head><body>
<h1 class="title">Nông dân Cần Giuộc trúng mùa lúa đông xuân</h1><div class="date">15/03/2024 08:30</div>
<div class="content-fck"><p>Nông dân huyện Cần Giuộc năm nay trúng mùa lớn, giá lúa cao hơn năm ngoái nhiều, bà con
rất phấn khởi vì thu nhập tăng.</p><p><img src="{src}"></p><p>Vụ đông xuân năm nay, toàn huyện gieo sạ hơn 10.000 ha
lúa, năng suất bình quân đạt 7 tấn mỗi ha theo báo cáo của phòng nông nghiệp huyện.</p></div></body></html>"""


def _json_types(tp: Any) -> set[str]:
    """The JSON types a Python annotation of the record allows."""
    if get_origin(tp) in (Union, types.UnionType):
        return set().union(*(_json_types(arg) for arg in get_args(tp)))
    origin = get_origin(tp) or tp
    return {
        str: {"string"},
        int: {"integer"},
        type(None): {"null"},
        list: {"array"},
        dict: {"object"},
    }.get(origin, {"object"} if isinstance(origin, type) and issubclass(origin, dict) else set())


def _schema_types(prop: dict[str, Any]) -> set[str]:
    """The JSON types a schema property allows (following $ref, anyOf, const and enum)."""
    if "$ref" in prop:
        return _schema_types(SCHEMA["$defs"][prop["$ref"].rsplit("/", 1)[1]])
    if "anyOf" in prop:
        return set().union(*(_schema_types(p) for p in prop["anyOf"]))
    if "const" in prop or "enum" in prop:
        return {"string" if isinstance(v, str) else "null" for v in prop.get("enum", [prop.get("const")])}
    kind = prop["type"]
    return set(kind) if isinstance(kind, list) else {kind}


def _refs(prop: dict[str, Any]) -> set[str]:
    found = {prop["$ref"]} if "$ref" in prop else set()
    for part in (*prop.get("anyOf", []), *([prop["items"]] if "items" in prop else [])):
        found |= _refs(part)
    return found


def _check_object(
    specs: list[tuple[str, Any, bool]], schema: dict[str, Any], where: str, not_null: set[str] = frozenset()
) -> None:
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == [name for name, _, _ in specs], where  # every field, nothing extra
    assert set(schema["required"]) == {name for name, _, required in specs if required}, where
    for name, tp, _ in specs:
        allowed = _json_types(tp) - ({"null"} if name in not_null else set())
        assert _schema_types(schema["properties"][name]) == allowed, (where, name)


def test_shipped_schema_matches_the_record_type(tmp_path):
    db = sqlite_utils.Database(tmp_path / "archive.db")
    store.ensure_schema(db)
    # An exported article is a stored one: a NOT NULL column's field is never null there (article_id).
    not_null = {row[1] for row in db.execute("pragma table_info(articles)").fetchall() if row[3]}
    db.close()
    specs = [(s.name, s.type, s.required) for s in record.EXPORT_ORDER if s.field.export]
    _check_object(specs, SCHEMA, "record", not_null)
    image = SCHEMA["properties"]["images"]["items"]
    hints = get_type_hints(record.Image, include_extras=True).items()
    _check_object(
        [
            (n, get_args(t)[0] if get_origin(t) is NotRequired else t, get_origin(t) is not NotRequired)
            for n, t in hints
        ],
        image,
        "image",
    )
    for spec in (s for s in record.EXPORT_ORDER if s.field.export):
        refs = _refs(SCHEMA["properties"].get(spec.name, {}))
        if spec.field.kind == "text":
            assert "#/$defs/plainText" in refs, spec.name
        if spec.field.kind == "time":
            assert "#/$defs/localTime" in refs, spec.name


def test_schema_version_is_bumped_with_each_field_added():
    assert SCHEMA["properties"]["schema_version"]["const"] == record.SCHEMA_VERSION
    assert SCHEMA["title"].endswith(f"schema version {record.SCHEMA_VERSION}")
    major, minor = map(int, record.SCHEMA_VERSION.split("."))
    assert record.SCHEMA_FILE == f"article-v{major}.json"
    assert (REPO / "newsarchive" / "schema" / record.SCHEMA_FILE).is_file()
    for spec in record.EXPORT_ORDER:
        added = tuple(map(int, spec.field.since.split(".")))
        assert added <= (major, minor), spec.name
        assert spec.required or added > (1, 0) or spec.field.on_request, (
            f"{spec.name}: a 1.0 field is required"
        )


def test_a_new_archive_has_exactly_the_records_columns(tmp_path):
    db = sqlite_utils.Database(tmp_path / "archive.db")
    store.ensure_schema(db)
    columns = {row[1]: row[2] for row in db.execute("pragma table_xinfo(articles)").fetchall()}
    want = {s.column: s.field.column for s in record.ARCHIVE_ORDER if s.column}
    sql_type = {str: "TEXT", int: "INTEGER"}
    assert {name: columns[name] for name in want} == {name: sql_type[t] for name, t in want.items() if t}
    assert set(columns) - set(want) == DERIVED_COLUMNS
    # The first released shape, column by column, as archives made by it have it.
    v1 = [name for name in columns if name in store.ARTICLE_COLUMNS]
    assert v1 == list(store.ARTICLE_COLUMNS)[: len(v1)] and len(v1) == 20
    db.close()


def test_extract_returns_exactly_the_record_fields():
    got = extract_article(
        ARTICLE_PAGE.format(src="/anh/lua.jpg"), "https://baolongan.vn/nong-dan-a123456.html"
    )
    assert list(got) == sorted(record.ARTICLE_FIELDS, key=list(got).index)
    assert set(got) == {s.name for s in record.ARTICLE if s.required}
    assert got["images"] == [{"url": "https://baolongan.vn/anh/lua.jpg", "caption": None}]


def test_an_image_without_a_usable_address_does_not_lose_the_article(tmp_path):
    """`<img src="javascript:…">` gave an image with a null URL: the images table refused it, so storing
    the article failed and the page was lost."""
    db = sqlite_utils.Database(tmp_path / "archive.db")
    store.ensure_schema(db)
    for n, src in enumerate(("javascript:void(0)", "#top", "  ")):
        got = extract_article(ARTICLE_PAGE.format(src=src), f"https://baolongan.vn/nong-dan-a12345{n}.html")
        assert got["images"] == []
        assert store.upsert_article(db, got, None) == "new"
    assert db.table("articles").count == 3
    db.close()


def test_datasette_describes_every_article_column_from_the_record(tmp_path):
    described = glossary()
    db = sqlite_utils.Database(tmp_path / "archive.db")
    store.ensure_schema(db)
    columns = [row[1] for row in db.execute("pragma table_xinfo(articles)").fetchall()]
    db.close()
    assert set(described) == set(columns)
    assert all(described[name] for name in columns)
    for name, doc in record.COLUMN_DOCS.items():
        assert described[name] == doc


def test_export_formats_come_from_the_registry():
    usage = CliRunner().invoke(cli, ["export", "--help"]).output
    assert f"[{'|'.join(FORMATS)}]" in usage.replace("\n", "").replace(" ", "")
    refused = CliRunner().invoke(cli, ["export", "--format", "xml", "--schema"])
    assert refused.exit_code == 2 and "'xml' is not one of" in refused.output
