"""`newsarchive export`: the archive as versioned JSON Lines, JSON or CSV records, filtered and streamed.

Researchers load these files into pandas, R or corpus tools, so the record format is fixed by a shipped JSON
Schema (`schema/article-v1.json`) and every row passes through the same converters: NFC text with no HTML,
dates in +07:00, nested images. Rows stream from one SQLite cursor in key order, so memory stays flat and a
rerun over an unchanged archive gives identical bytes.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from typing import IO, Any, BinaryIO, get_origin

import click
import sqlite_utils
from sqlite_utils.utils import sqlite3
from tqdm import tqdm

from . import article_places, output_files, places, search, sites
from . import record as record_types
from .cli_options import db_option, open_reading_db
from .normalize import VN_TZ, parse_iso_datetime
from .record import SCHEMA_FILE, SCHEMA_VERSION

# Record fields in output order (from `record.py`); `body_html` only when asked for with --fields.
FIELDS = record_types.EXPORT_FIELDS
OPTIONAL_FIELDS = record_types.ON_REQUEST_FIELDS

_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_to_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(**kw) would build an encoder per record


def schema_text() -> str:
    """The JSON Schema (draft 2020-12) of one record, as shipped in the package."""
    return resources.files("newsarchive").joinpath("schema", SCHEMA_FILE).read_text("utf-8")


# --- filters --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What to export; every filter is optional and they combine with AND."""

    site: str | None = None
    lang: str | None = None
    since: date | None = None  # publication date, inclusive, Long An calendar day
    until: date | None = None  # publication date, inclusive
    changed_since: datetime | None = None  # our copy's last change, inclusive
    category: str | None = None  # section or subsection slug
    place: str | None = None  # a gazetteer key: the articles about that unit, across the reorganisation
    search: str | None = None


def select_where(db: sqlite_utils.Database, filters: Filters) -> tuple[str, list[Any]]:
    """SQL WHERE clause over `articles a` and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.site:
        clauses.append("a.site = ?")
        params.append(filters.site)
    if filters.lang:
        clauses.append("a.lang = ?")
        params.append(filters.lang)
    # published_at is always +07:00, so string order is time order and a local calendar day is a prefix.
    if filters.since:
        clauses.append("a.published_at >= ?")
        params.append(filters.since.isoformat())
    if filters.until == date.max:  # no next day to compare with: every dated article
        clauses.append("a.published_at is not null")
    elif filters.until:
        clauses.append("a.published_at < ?")
        params.append((filters.until + timedelta(days=1)).isoformat())
    if filters.changed_since:
        # Stored in UTC as store.utc_now() writes it. Being found gone changes our copy too, though it leaves
        # last_changed_at alone, so a sync must see it.
        since_utc = filters.changed_since.astimezone(UTC).replace(microsecond=0).isoformat()
        if "gone_at" in db.table("articles").columns_dict:
            clauses.append("(a.last_changed_at >= ? or a.gone_at >= ?)")
            params += [since_utc, since_utc]
        else:
            clauses.append("a.last_changed_at >= ?")
            params.append(since_utc)
    if filters.category:
        clauses.append("(a.category = ? or a.subcategory = ?)")
        params += [filters.category, filters.category]
    if filters.place is not None:
        about, args = article_places.matching_articles(filters.place)
        clauses.append(f"a.key in ({about})")
        params += args
    if filters.search is not None:
        # The archive's Vietnamese-aware search, as in Datasette: words form a phrase, marks and đ/d folded.
        condition, matched = search.search_where(filters.search, table="a")
        clauses.append(condition)
        params += matched
    return (" where " + " and ".join(clauses)) if clauses else "", params


# --- records --------------------------------------------------------------------------------------------


def plain_text(value: str | None) -> str | None:
    """NFC, and any HTML tag that slipped into stored text removed (a no-op for clean text)."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value)
    return _TAG.sub("", value) if "<" in value else value


def local_time(value: str | None) -> str | None:
    """A stored ISO 8601 timestamp (UTC or +07:00) as Long An time, whole seconds."""
    if not value:
        return None
    if len(value) == 25 and value.endswith("+07:00"):
        return value
    return parse_iso_datetime(value)


def _text_list(value: str | None) -> list[str]:
    if not value or value == "[]":
        return []
    return [plain_text(v) or "" for v in json.loads(value)]


def _images(value: str | None) -> list[dict[str, Any]]:
    if not value or value == "[]":
        return []
    return [
        {"url": i["url"], "caption": plain_text(i["caption"])}
        | ({k: i[k] for k in ("capture_id", "media_type", "bytes")} if i.get("capture_id") else {})
        for i in json.loads(value)
    ]


def body_html(body_text: str | None, images: list[dict[str, str | None]]) -> str:
    """Safe HTML of the body, built from stored text: escaped paragraphs, then captioned http(s) images."""
    parts = [f"<p>{html.escape(p)}</p>" for p in (body_text or "").split("\n\n") if p.strip()]
    for image in images:
        url = image["url"] or ""
        if not url.lower().startswith(("http://", "https://")):
            continue
        caption = html.escape(image["caption"] or "")
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        parts.append(f'<figure><img src="{html.escape(url)}" alt="{caption}">{figcaption}</figure>')
    return "\n".join(parts)


def _converter(spec: record_types.Spec) -> Callable[[Any], Any] | None:
    """How a stored value becomes its record value: text cleaned, times in +07:00, JSON lists parsed."""
    if spec.type == list[record_types.Image]:
        return _images
    if spec.field.kind == "time":
        return local_time
    if spec.field.kind == "text":
        return _text_list if get_origin(spec.type) is list else plain_text
    return None


_COLUMN_CONVERTERS = {
    spec.name: convert for spec in record_types.ARCHIVE_ORDER if (convert := _converter(spec)) is not None
}

_IMAGES_SQL = (
    "(select json_group_array(json_object('url', url, 'caption', caption)) from "
    "(select url, caption from images where article_key = a.key order by position))"
)
# With image captures (schema 1.1, migration m007): capture id, media type and bytes of each captured image.
_CAPTURED_IMAGES_SQL = (
    "(select json_group_array(json_object('url', url, 'caption', caption, 'capture_id', capture_id,"
    " 'media_type', media_type, 'bytes', byte_size)) from (select url, caption, capture_id, media_type,"
    " byte_size from images where article_key = a.key order by position))"
)


# The current pairing decision of the article, from either side (`translations.py`).
_TRANSLATIONS_SQL = (
    "(select json_object('en_key', t.en_key, 'vi_key', t.vi_key, 'republishes_key', t.republishes_key,"
    " 'score', t.score, 'status', t.status, 'method', t.method, 'evidence', json(t.evidence))"
    " from translations t where t.status != 'rejected' and (t.en_key = a.key or t.vi_key = a.key))"
)
_COLUMN_CONVERTERS["translations"] = lambda value: json.loads(value) if value else None
# The units the article names (schema 1.2, migration m010): surest first, then by period and key.
_PLACES_SQL = (
    "(select json_group_array(json_object('key', key, 'name', name, 'level', level, 'period', period,"
    " 'method', method, 'confidence', confidence)) from (select p.key, p.name, p.level, p.period, ap.method,"
    " ap.confidence from article_places ap join places p on p.key = ap.place_key where ap.article_key = a.key"
    " order by ap.confidence desc, p.period, p.key))"
)
_COLUMN_CONVERTERS["places"] = lambda value: json.loads(value) if value else []


def _select(db: sqlite_utils.Database, fields: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, SQL expression) of every column the fields need.

    Columns that later issues add (`counterpart_key`, `gone_at`) are exported as null while a database lacks them.
    """
    columns = set(db.table("articles").columns_dict)
    needed = [f for f in FIELDS if f in fields or (f in ("body_text", "images") and "body_html" in fields)]
    out = []
    for name in needed:
        if name == "places":
            out.append((name, _PLACES_SQL if db.table("article_places").exists() else "null"))
        elif name == "images":
            captured = "capture_id" in db.table("images").columns_dict
            out.append((name, _CAPTURED_IMAGES_SQL if captured else _IMAGES_SQL))
        elif name in columns:
            out.append((name, f"a.{name}"))
        else:
            out.append((name, "null"))
    if "translations" in fields:
        out.append(("translations", _TRANSLATIONS_SQL))
    return out


def count_records(db: sqlite_utils.Database, where: tuple[str, list[Any]]) -> int:
    where_sql, params = where
    return int(db.conn.execute(f"select count(*) from articles a{where_sql}", params).fetchone()[0])


def parse_fields(spec: str | None) -> tuple[str, ...]:
    """`--fields a,b,c` → the record fields to write; `key` is always kept so records stay identifiable."""
    if not spec:
        return FIELDS
    names = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in names if name not in (*FIELDS, *OPTIONAL_FIELDS, "schema_version")]
    if unknown:
        raise click.ClickException(
            f"unknown field {unknown[0]!r}; choose from {', '.join((*FIELDS, *OPTIONAL_FIELDS))}."
        )
    return ("key", *names)


def iter_records(
    db: sqlite_utils.Database, where: tuple[str, list[Any]], fields: tuple[str, ...] = FIELDS
) -> Iterator[dict[str, Any]]:
    """Records matching `select_where`, sorted by key, each {schema_version, *fields} in schema order."""
    select = _select(db, fields)
    where_sql, params = where
    sql = f"select {', '.join(expr for _, expr in select)} from articles a{where_sql} order by a.key"
    columns = [(name, _COLUMN_CONVERTERS.get(name)) for name, _ in select]
    html_wanted = "body_html" in fields
    helpers = [name for name, _ in select if name not in fields]  # selected only to build body_html
    for row in db.conn.execute(sql, params):
        record: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for (name, convert), value in zip(columns, row, strict=True):
            record[name] = convert(value) if convert else value
        if html_wanted:
            record["body_html"] = body_html(record["body_text"], record["images"])
            for name in helpers:
                del record[name]
        yield record


def iter_pairs(
    db: sqlite_utils.Database, where: tuple[str, list[Any]], fields: tuple[str, ...] = FIELDS
) -> Iterator[dict[str, Any]]:
    """{vi, en} per current translation pair whose English article matches `where`, by English key."""
    where_sql, params = where
    joined = (
        where_sql + " and" if where_sql else " where"
    ) + " t.vi_key is not null and t.status != 'rejected'"
    sql = f"select t.en_key, t.vi_key from translations t join articles a on a.key = t.en_key{joined} order by t.en_key"
    for en_key, vi_key in db.conn.execute(sql, params).fetchall():
        both = {r["key"]: r for r in iter_records(db, (" where a.key in (?, ?)", [en_key, vi_key]), fields)}
        if len(both) == 2:
            yield {"vi": both[vi_key], "en": both[en_key]}


# --- writers --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WriteOptions:
    fields: tuple[str, ...]  # the record fields, in schema order
    for_spreadsheets: bool = False  # --bom


def write_jsonl(records: Iterator[dict[str, Any]], out: IO[str], options: WriteOptions) -> None:
    for record in records:
        out.write(_to_json(record) + "\n")


def write_json(records: Iterator[dict[str, Any]], out: IO[str], options: WriteOptions) -> None:
    """One document {"schema_version", "records": [...]}, written record by record."""
    out.write(f'{{"schema_version": "{SCHEMA_VERSION}", "records": [')
    separator = "\n"
    for record in records:
        out.write(separator + _to_json(record))
        separator = ",\n"
    out.write("\n]}\n")


# Cells a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @, and tab or CR before them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that starts like a formula, prefixed with `'` so spreadsheets show it as text."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def write_csv(records: Iterator[dict[str, Any]], out: IO[str], options: WriteOptions) -> None:
    """RFC 4180 CSV (CRLF rows, quoted newlines); lists and images as JSON text in their cell.

    `for_spreadsheets` (--bom) also defuses cells that would run as formulas (`spreadsheet_safe`).
    """
    writer = csv.writer(out)
    columns = ["schema_version", *(name for name in (*FIELDS, *OPTIONAL_FIELDS) if name in options.fields)]
    writer.writerow(columns)
    for record in records:
        row = [_to_json(value) if isinstance(value, list) else value for value in record.values()]
        writer.writerow([spreadsheet_safe(v) for v in row] if options.for_spreadsheets else row)


@dataclass(frozen=True)
class Format:
    write: Callable[[Iterator[dict[str, Any]], IO[str], WriteOptions], None]
    help: str  # a phrase of --format's help
    bom: bool = False  # --bom applies


# Every export format, by its --format name; the first is the default.
FORMATS = {
    "jsonl": Format(write_jsonl, "One record per line"),
    "json": Format(write_json, "one JSON document"),
    "csv": Format(write_csv, "CSV with a header row", bom=True),
}
_FORMAT_HELP = [f.help for f in FORMATS.values()]


@contextmanager
def _open_output(where: output_files.Target | None, compress: bool) -> Iterator[IO[str]]:
    """A UTF-8 text stream to stdout or to a file (`output_files`: complete at its name or absent), gzip if asked.

    The gzip header carries no timestamp or name, so the same export gives the same bytes.
    """
    with output_files.writing(where) if where else nullcontext(sys.stdout.buffer) as raw:
        binary: BinaryIO = raw
        if compress:
            binary = gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=6)  # type: ignore[assignment]
        stream = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        yield stream
        stream.detach()  # flushes; leaves `raw` open
        if compress:
            binary.close()  # writes the gzip trailer, keeps `raw` open
        raw.flush()


# --- command --------------------------------------------------------------------------------------------


def _parse_changed_since(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date-time such as 2025-06-01T08:00:00+07:00."
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=VN_TZ)


@click.command()
@db_option("Archive to read.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=next(iter(FORMATS)),
    show_default=True,
    help="; ".join(_FORMAT_HELP[:-1]) + "; or " + _FORMAT_HELP[-1] + ".",
)
@click.option("--site", type=click.Choice(sorted({p.site for p in sites.PROFILES})), help="One source only.")
@click.option("--lang", type=click.Choice(["vi", "en"]), help="One edition only.")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="Published on or after this day (Long An time).",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="Published on or before this day (Long An time).",
)
@click.option(
    "--changed-since",
    metavar="DATETIME",
    callback=_parse_changed_since,
    help="Our copy changed at or after this ISO 8601 time (no offset = +07:00), for incremental sync.",
)
@click.option("--category", metavar="SLUG", help="Section or subsection slug, e.g. kinh-te or nong-nghiep.")
@click.option(
    "--place",
    metavar="KEY",
    help="Articles about this administrative unit (a key of /places, e.g. 2024-807 for Huyện Cần Giuộc); a"
    " 2025 unit includes the older articles about the communes it was formed from, a district its communes'.",
)
@click.option(
    "--search",
    metavar="QUERY",
    help="Title, lead or body holds these words in this order; case, diacritics and đ/d are ignored.",
)
@click.option(
    "--fields",
    metavar="a,b,c",
    help="Only these fields (plus key and schema_version); add body_html to get sanitized HTML.",
)
@click.option("--gzip", "compress", is_flag=True, help="Gzip the output.")
@click.option(
    "--bom",
    is_flag=True,
    help="CSV only, for spreadsheets: start with a UTF-8 byte order mark, and prefix with ' every cell that"
    " starts with = + - @, tab or CR, so no cell runs as a formula.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write to this file (progress on stderr) instead of stdout (-). A file appears complete or not at"
    " all (written as FILE.part, then renamed); a FIFO or device (/dev/stdout) is written straight; a"
    " symbolic link to a regular file is refused.",
)
@click.option("--schema", "show_schema", is_flag=True, help="Print the JSON Schema of one record and exit.")
@click.option(
    "--pairs",
    is_flag=True,
    help="A parallel corpus instead: JSON Lines of {vi, en} records, one line per translation pair"
    " (filters apply to the English article).",
)
def export(
    db_path: str,
    fmt: str,
    site: str | None,
    lang: str | None,
    since: datetime | None,
    until: datetime | None,
    changed_since: datetime | None,
    category: str | None,
    place: str | None,
    search: str | None,
    fields: str | None,
    compress: bool,
    bom: bool,
    output: str | None,
    show_schema: bool,
    pairs: bool,
) -> None:
    """Export articles as JSON Lines, JSON or CSV records, filtered and streamed.

    Records follow the versioned JSON Schema printed by --schema (no database needed); they are sorted by
    key, and filters combine with AND. --since/--until filter on the publication day, --changed-since on
    when our copy last changed (keep the newest last_changed_at you have and pass it next time).

    \b
    Examples:
        newsarchive export --lang en --since 2024-01-01 --until 2024-12-31 -o en-2024.jsonl
        newsarchive export --search "Cần Giuộc" --format csv --bom -o can-giuoc.csv
        newsarchive export --place 2025-28201 --since 2022-01-01 -o phuoc-vinh-tay.jsonl
        newsarchive export --changed-since 2025-06-01T08:00:00+07:00 --gzip -o changes.jsonl.gz
        newsarchive export --fields title,published_at,url | head
        newsarchive export --schema > article-v1.schema.json
        newsarchive export --pairs --fields title,lead,body_text,published_at -o pairs.jsonl
    """
    if show_schema:
        click.echo(schema_text(), nl=False)
        return
    if bom and not FORMATS[fmt].bom:
        with_bom = " or ".join(name for name, f in FORMATS.items() if f.bom)
        raise click.ClickException(f"--bom applies to --format {with_bom} only.")
    if since and until and since > until:
        raise click.ClickException(f"--since {since:%Y-%m-%d} is after --until {until:%Y-%m-%d}.")
    if place is not None and place not in places.gazetteer().places:
        raise click.ClickException(f"--place {place!r} is no unit of the gazetteer: see the keys at /places.")
    if search is not None and not re.search(r"\w", search):
        raise click.ClickException("--search needs at least one letter or digit.")
    selected = parse_fields(fields)
    output = None if output == "-" else output
    try:
        where_to = output_files.target(output) if output else None
    except output_files.OutputError as exc:
        raise click.ClickException(str(exc)) from None
    db = open_reading_db(db_path)
    filters = Filters(
        site=site,
        lang=lang,
        since=since.date() if since else None,
        until=until.date() if until else None,
        changed_since=changed_since,
        category=category,
        place=place,
        search=search,
    )
    if search is not None:
        _check_search(db, search)
    where = select_where(db, filters)
    if pairs and fmt != "jsonl":
        db.close()
        raise click.ClickException("--pairs writes JSON Lines only (--format jsonl).")
    total = count_records(db, where) if output and not pairs else None
    records = iter_pairs(db, where, selected) if pairs else iter_records(db, where, selected)
    try:
        with (
            _open_output(where_to, compress) as out,
            tqdm(records, total=total, disable=not output, unit=" articles", file=sys.stderr) as progress,
        ):
            if bom:
                out.write("\ufeff")
            FORMATS[fmt].write(progress, out, WriteOptions(selected, for_spreadsheets=bom))
    except output_files.OutputError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        if output is None:
            raise  # stdout closed early (`| head`): Python's own handling
        raise click.ClickException(f"export to {output} failed: {exc.strerror or exc}") from None
    finally:
        db.close()


def _check_search(db: sqlite_utils.Database, query: str) -> None:
    """A query the full-text index cannot parse (`a AND`) is a one-line error, before any output."""
    try:
        db.conn.execute(
            f"select 1 from {search.FTS_TABLE} where {search.FTS_TABLE} match ? limit 1",
            [search.match_expression(query)],
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise click.ClickException(f"--search {query!r} is not a valid search: {exc}") from None
