"""The article record, written once: every field's type, one-line description and where it is kept.

`Article` is what `extract_article` returns (mypy checks the construction); `Archived` is what the archive
adds to it; `Exported` is what only an export record holds. From these come the `articles` columns of a new
archive (`store.ARTICLE_COLUMNS`), the export's fields and their order (`export.FIELDS`), the test field
lists and Datasette's column descriptions (`datasette_app.load_metadata`). The shipped JSON Schema
(`schema/article-v1.json`) stays a file people read; tests/test_record.py checks it against these types.

Adding a field (image captures, provenance, counterparts, places…) is a minor schema version:
1. declare it in the class that produces it as `NotRequired[Annotated[T, Field("…", since="1.1")]]`
   (`added_by=` the migration that adds its column, or `column=None` when it lives in a table of its own);
2. bump `SCHEMA_VERSION` (1.0 → 1.1): older records stay valid, so the file keeps its name;
3. in schema/article-v1.json add its property (not to `required`), and set the title and
   `schema_version`'s `const` to the new version. A removed or changed field is a major version instead
   (a new file, article-v2.json). test_record.py fails until the types and the file agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import (
    Annotated,
    Any,
    NotRequired,
    Required,
    TypedDict,
    get_args,
    get_origin,
    get_type_hints,
)

SCHEMA_VERSION = "1.2"
SCHEMA_FILE = "article-v1.json"


@dataclass(frozen=True)
class Field:
    """What a field is besides its Python type."""

    doc: str  # one line; also the column's description in Datasette
    kind: str | None = None  # "text": NFC, no HTML; "time": ISO 8601 (+07:00 in exports); else as stored
    export: bool = True  # a field of `newsarchive export` records
    on_request: bool = False  # exported only when --fields names it
    column: type | None = str  # its `articles` column's type (JSON text for lists and dicts); None: no column
    column_name: str | None = None  # when the column is named otherwise (`images` → `image_count`)
    column_doc: str | None = None  # when the column holds something else than the field (a count)
    added_by: str | None = None  # the migration that adds its column to archives older than it
    since: str = "1.0"  # the schema version that added it


class Image(TypedDict):
    url: str
    caption: str | None
    # Since 1.1, in exports of a captured image (issue 16): its WARC capture, media type and size in bytes.
    capture_id: NotRequired[int]
    media_type: NotRequired[str]
    bytes: NotRequired[int]


class Place(TypedDict):
    """A unit an article names (since 1.2, issue 18): gazetteer key, name, level, period, how it was named."""

    key: str
    name: str
    level: str
    period: str
    method: str
    confidence: float


class Article(TypedDict):
    """One article as `extract_article` returns it (the `newsarchive extract` JSON)."""

    site: Annotated[str, Field(
            "Source: baolongan (Báo Long An), baotayninh (Báo Tây Ninh, its successor), longan_gov (the provincial portal)"
        )]
    lang: Annotated[str, Field("Edition: vi (Vietnamese) or en (English)")]
    # None where the page shows no id: such a page is not archived (a `crawl_errors` row).
    article_id: Annotated[str | None, Field("The site's numeric id (one counter serves both editions)")]
    url: Annotated[str, Field("Canonical URL at the source")]
    title: Annotated[str, Field("Headline as published (Unicode NFC)", kind="text")]
    lead: Annotated[str | None, Field("The lead paragraph", kind="text")]
    body_text: Annotated[str, Field("Body as plain text, paragraphs separated by blank lines", kind="text")]
    authors: Annotated[list[str], Field("JSON array of author names", kind="text")]
    sources: Annotated[
        list[str], Field("JSON array of agencies or source URLs credited (not authors)", kind="text")
    ]
    published_at: Annotated[str | None, Field("Publication time, ISO 8601 with +07:00", kind="time")]
    category: Annotated[str | None, Field("Section slug at the source (kinh-te, thoi-su-chinh-tri, …)")]
    subcategory: Annotated[str | None, Field("Subsection slug, when the article sits in one")]
    images: Annotated[
        list[Image],
        Field(
            "Images of the body in page order, with captions (rows of the images table)",
            column=int,
            column_name="image_count",
            column_doc="Number of images (see the images table)",
        ),
    ]
    layers: Annotated[
        dict[str, str],
        Field("Which extraction layer (metadata, site, generic, url) produced each field", export=False),
    ]


class Archived(TypedDict):
    """What the archive adds to an article: its key (first in a row and a record) and its history."""

    key: Annotated[str, Field("Stable key: site:lang:article_id")]
    content_hash: Annotated[
        str, Field("Hash of what a reader sees; changes when the source edits the article", export=False)
    ]
    counterpart_key: Annotated[
        str | None, Field("Key of the same article in the other edition, when known", added_by="m003_search")
    ]
    first_seen_at: Annotated[str, Field("First crawled (UTC)", kind="time")]
    last_fetched_at: Annotated[str, Field("Last crawled (UTC)", kind="time", export=False)]
    last_changed_at: Annotated[str, Field("Last time the content changed (UTC)", kind="time")]
    crawl_run_id: Annotated[int, Field("The crawl run that last wrote the row", column=int, export=False)]
    gone_at: Annotated[
        str | None,
        Field(
            "When the source was found to answer 404/410 (UTC)",
            kind="time",
            added_by="m001_revisions_and_gone",
        ),
    ]
    capture_id: Annotated[
        int | None,
        Field(
            "The capture (raw WARC record) last extracted from",
            column=int,
            export=False,
            added_by="m002_captures",
        ),
    ]
    # Provenance (issue 19, `newsarchive recover`): the live site, or the web archive capture the text came from.
    source: NotRequired[
        Annotated[
            str,
            Field(
                "Where the text came from: live (the site itself), wayback or commoncrawl (a web archive's capture)",
                added_by="m011_provenance",
                since="1.2",
            ),
        ]
    ]
    captured_at: NotRequired[
        Annotated[
            str | None,
            Field(
                "When the web archive captured the page the text came from (UTC; null: fetched live)",
                kind="time",
                added_by="m011_provenance",
                since="1.2",
            ),
        ]
    ]
    archive_url: NotRequired[
        Annotated[
            str | None,
            Field(
                "The web archive capture the text came from (null: fetched live)",
                added_by="m011_provenance",
                since="1.2",
            ),
        ]
    ]


class Exported(TypedDict):
    """What only an export record holds; `schema_version` comes first, fields on request last."""

    schema_version: Annotated[str, Field("Version of this record format, MAJOR.MINOR.", column=None)]
    places: NotRequired[
        Annotated[
            list[Place],
            Field(
                "The administrative units the article names (article_places), surest first",
                column=None,
                since="1.2",
            ),
        ]
    ]
    body_html: NotRequired[
        Annotated[
            str,
            Field(
                "The body as safe HTML built from the stored text and images", on_request=True, column=None
            ),
        ]
    ]
    translations: NotRequired[
        Annotated[
            dict[str, Any] | None,
            Field(
                "The translation pairing's decision on the article (en_key, vi_key, score, status, method, evidence)",
                on_request=True,
                column=None,
                since="1.1",
            ),
        ]
    ]


@dataclass(frozen=True)
class Spec:
    """One field of a record: its name, type (without NotRequired), whether it may be absent, and its Field."""

    name: str
    type: Any
    required: bool
    field: Field

    @property
    def column(self) -> str | None:
        """Its column in `articles`, if it has one."""
        return None if self.field.column is None else self.field.column_name or self.name

    @property
    def json(self) -> bool:
        """Stored as JSON text in its column (a list or a dict)."""
        return get_origin(self.type) in (list, dict) and self.column == self.name


def specs(typed_dict: type) -> tuple[Spec, ...]:
    """The fields of one of the classes above, in declaration order."""
    out = []
    # Read from the hints: with postponed annotations `__optional_keys__` misses NotRequired on 3.11.
    for name, hint in get_type_hints(typed_dict, include_extras=True).items():
        required = getattr(typed_dict, "__total__", True)
        if get_origin(hint) in (NotRequired, Required):
            required = get_origin(hint) is Required
            (hint,) = get_args(hint)
        base, *meta = get_args(hint)
        (found,) = [m for m in meta if isinstance(m, Field)]
        out.append(Spec(name, base, required, found))
    return tuple(out)


ARTICLE = specs(Article)
_ARCHIVED = specs(Archived)
# A stored article and an exported record, in order: the key, the article, what the archive adds.
ARCHIVE_ORDER = (_ARCHIVED[0], *ARTICLE, *_ARCHIVED[1:])
_EXPORTED = specs(Exported)
EXPORT_ORDER = (_EXPORTED[0], *ARCHIVE_ORDER, *_EXPORTED[1:])

ARTICLE_FIELDS = tuple(s.name for s in ARTICLE)
# `articles` columns of a new archive, with their types (later columns come with migrations).
V1_COLUMNS: dict[str, type] = {
    s.column: s.field.column for s in ARCHIVE_ORDER if s.column and s.field.column and not s.field.added_by
}
COLUMN_DOCS = {s.column: s.field.column_doc or s.field.doc for s in ARCHIVE_ORDER if s.column}
JSON_FIELDS = tuple(s.name for s in ARCHIVE_ORDER if s.json)
EXPORT_FIELDS = tuple(s.name for s in EXPORT_ORDER[1:] if s.field.export and not s.field.on_request)
ON_REQUEST_FIELDS = tuple(s.name for s in EXPORT_ORDER if s.field.on_request)
