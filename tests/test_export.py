"""`newsarchive export` over the archive crawled from the mirror: filters, record format, formats, gzip."""

from __future__ import annotations

import csv
import gzip
import json
import re
import sqlite3
import unicodedata
from datetime import datetime

import jsonschema
import pytest
import sqlite_utils
from click.testing import CliRunner

from newsarchive.cli import cli
from newsarchive.export import FIELDS, body_html, plain_text, schema_text
from newsarchive.record import SCHEMA_VERSION
from newsarchive.search import search_keys
from newsarchive.store import article_key

from .conftest import EDITIONS, MIRROR, REPO, newsarchive

# The mirror's translation pairs (truth/pairs.json), which the crawl links both ways.
_PAIRS = json.loads((MIRROR / "truth" / "pairs.json").read_text("utf-8"))["pairs"]
COUNTERPARTS = {p["en"]: p["vi"] for p in _PAIRS} | {p["vi"]: p["en"] for p in _PAIRS}


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, ["export", *args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def jsonl(db_path, *args: str) -> list[dict]:
    out = run("--db", str(db_path), *args).stdout_bytes.decode("utf-8")
    assert out == "" or out.endswith("\n")
    return [json.loads(line) for line in out.splitlines()]


def keys(db_path, *args: str) -> set[str]:
    records = jsonl(db_path, "--fields", "key", *args)
    assert [r["key"] for r in records] == sorted(r["key"] for r in records)  # sorted, deterministic
    return {r["key"] for r in records}


@pytest.fixture(scope="module")
def articles(truth) -> dict[str, dict]:
    """Every stored article of the mirror as the truth files describe it, by key."""
    return {
        article_key(truth[slug]["site"], truth[slug]["lang"], aid): record
        for slug in EDITIONS
        for aid, record in truth[slug]["articles"].items()
    }


def _folded_words(text: str) -> str:
    # An independent fold: NFKD, drop marks, đ→d; words joined by single spaces.
    text = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    return " " + " ".join(re.findall(r"\w+", "".join(c for c in text if not unicodedata.combining(c)))) + " "


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())) + " "


def mentions(article: dict, phrase: str) -> bool:
    """The archive's search contract: a phrase typed without marks matches any spelling (folded); typed
    with marks it matches that spelling (case-insensitive), or its unmarked form where the text prints it
    unmarked (the English editions' "Can Giuoc"), never a different marked spelling."""
    texts = [article[f] or "" for f in ("title", "lead", "body_text")]
    if _folded_words(phrase) == _words(phrase):
        return any(_folded_words(phrase) in _folded_words(text) for text in texts)
    return any(_words(phrase) in _words(text) or _folded_words(phrase) in _words(text) for text in texts)


def expect(articles, *, lang=None, since=None, until=None, category=None, search=None) -> set[str]:
    return {
        key
        for key, a in articles.items()
        if (lang is None or a["lang"] == lang)
        and (since is None or (a["published_at"] and a["published_at"][:10] >= since))
        and (until is None or (a["published_at"] and a["published_at"][:10] <= until))
        and (category is None or category in (a["category"], a["subcategory"]))
        and (search is None or mentions(a, search))
    }


FILTER_CASES = [
    ({}, []),
    ({}, ["--site", "baolongan"]),
    ({"lang": "en"}, ["--lang", "en"]),
    ({"lang": "vi"}, ["--site", "baolongan", "--lang", "vi"]),
    ({"since": "2024-01-01"}, ["--since", "2024-01-01"]),
    ({"until": "2016-12-31"}, ["--until", "2016-12-31"]),
    ({"since": "2022-04-13", "until": "2022-04-13"}, ["--since", "2022-04-13", "--until", "2022-04-13"]),
    ({"category": "kinh-te"}, ["--category", "kinh-te"]),
    ({"category": "nong-nghiep"}, ["--category", "nong-nghiep"]),
    ({"search": "Cần Giuộc"}, ["--search", "Cần Giuộc"]),
    ({"search": "can duoc"}, ["--search", "can duoc"]),
    (
        {"lang": "vi", "since": "2020-01-01", "until": "2023-12-31", "category": "thoi-su-chinh-tri"},
        ["--lang", "vi", "--since", "2020-01-01", "--until", "2023-12-31", "--category", "thoi-su-chinh-tri"],
    ),
    (
        {"lang": "en", "since": "2018-01-01", "search": "Can Giuoc"},
        ["--lang", "en", "--since", "2018-01-01", "--search", "Can Giuoc"],
    ),
]


@pytest.mark.parametrize(("want", "args"), FILTER_CASES, ids=[" ".join(a) or "all" for _, a in FILTER_CASES])
def test_filters_give_expected_keys(crawled, articles, want, args):
    expected = expect(articles, **want)
    assert expected, "a filter case must select something to mean anything"
    if want:
        assert expected != set(articles)
    assert keys(crawled["db_path"], *args) == expected


def test_search_is_vietnamese_aware_and_word_exact(crawled, articles):
    db = sqlite_utils.Database(crawled["db_path"])
    # Typed without marks, any spelling matches: English pages write "Can Giuoc", Vietnamese "Cần Giuộc".
    found = set(search_keys(db, "can giuoc"))
    assert {k.split(":")[1] for k in found} == {"vi", "en"}
    # Typed with marks (any case, NFC or NFD): that spelling, and the English editions' unmarked print.
    marked = set(search_keys(db, "CẦN GIUỘC"))
    assert {k.split(":")[1] for k in marked} == {"vi", "en"}
    assert {k for k in found if k.split(":")[1] == "en"} <= marked
    assert (
        marked
        == set(search_keys(db, unicodedata.normalize("NFD", "cần giuộc")))
        == expect(articles, search="Cần Giuộc")
    )
    # đ folds to d, and a phrase does not match its words apart or a word prefix.
    assert set(search_keys(db, "can duoc")) == expect(articles, search="can duoc")
    assert set(search_keys(db, "Giuộc Cần")) == set()
    assert set(search_keys(db, "Giuộ")) == set()


def test_changed_since_for_incremental_sync(crawled, articles, tmp_path):
    copy = tmp_path / "archive.db"
    with sqlite3.connect(crawled["db_path"]) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
        dst.execute("update articles set last_changed_at = '2025-05-01T00:00:00+00:00'")
        changed = [
            k for (k,) in dst.execute("select key from articles where lang = 'en' order by key limit 7")
        ]
        dst.executemany(
            "update articles set last_changed_at = '2025-06-01T01:00:00+00:00' where key = ?",
            [(k,) for k in changed],
        )
    # Inclusive, in any offset; a time without offset is Long An time.
    assert keys(copy, "--changed-since", "2025-06-01T08:00:00+07:00") == set(changed)
    assert keys(copy, "--changed-since", "2025-06-01T01:00:00Z") == set(changed)
    assert keys(copy, "--changed-since", "2025-06-01T08:00:00") == set(changed)
    assert keys(copy, "--changed-since", "2025-06-01T08:00:01+07:00") == set()
    assert len(keys(copy, "--changed-since", "2025-05-01")) == len(articles)
    combined = ["--changed-since", "2025-06-01T08:00:00+07:00", "--lang", "en", "--since", "2020-01-01"]
    expected = set(changed) & expect(articles, lang="en", since="2020-01-01")
    assert 0 < len(expected) < len(changed)
    assert keys(copy, *combined) == expected
    records = jsonl(copy, "--changed-since", "2025-06-01", "--fields", "last_changed_at")
    assert {r["last_changed_at"] for r in records} == {"2025-06-01T08:00:00+07:00"}


@pytest.fixture(scope="module")
def records(crawled) -> list[dict]:
    return jsonl(crawled["db_path"])


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_jsonl_record_validates(records, validator, articles):
    assert [r["key"] for r in records] == sorted(articles)
    for record in records:
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors, (record["key"], errors)
        assert list(record) == ["schema_version", *FIELDS]


def test_records_match_the_archive(records, articles, db):
    stored = {r["key"]: r for r in db.query("select key, first_seen_at, last_changed_at from articles")}
    for record in records:
        want = articles[record["key"]]
        for field in ("url", "title", "lead", "body_text", "authors", "sources", "published_at", "category"):
            assert record[field] == want[field], (record["key"], field)
        assert [{"url": i["url"], "caption": i["caption"]} for i in record["images"]] == want["images"]
        assert all(
            i["media_type"].startswith("image/") and i["bytes"] > 0 for i in record["images"] if "capture_id" in i
        )
        changed = datetime.fromisoformat(stored[record["key"]]["last_changed_at"])
        assert datetime.fromisoformat(record["last_changed_at"]) == changed
        assert record["last_changed_at"].endswith("+07:00")
        assert record["counterpart_key"] == COUNTERPARTS.get(record["key"]) and record["gone_at"] is None
        for field in ("title", "lead", "body_text"):
            assert unicodedata.is_normalized("NFC", record[field] or "")


def test_later_columns_are_exported_when_present(crawled, tmp_path, validator):
    copy = tmp_path / "archive.db"
    with sqlite3.connect(crawled["db_path"]) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
        dst.execute("update articles set last_changed_at = '2025-05-01T00:00:00+00:00'")
        present = {name for _, name, *_ in dst.execute("pragma table_info(articles)")}
        for column in ("gone_at", "counterpart_key"):  # gone_at comes with schema migration m001
            if column not in present:
                dst.execute(f"alter table articles add column {column} text")
        dst.execute(
            "update articles set gone_at = '2025-07-02T03:04:05+00:00', "
            "counterpart_key = 'baolongan:en:169305' where key = 'baolongan:vi:133682'"
        )
    (record,) = [r for r in jsonl(copy, "--lang", "vi") if r["key"] == "baolongan:vi:133682"]
    assert record["gone_at"] == "2025-07-02T10:04:05+07:00"
    # Found gone after the last change: an incremental sync from then on still gets it.
    assert record["last_changed_at"] < record["gone_at"]
    assert keys(copy, "--changed-since", "2025-07-02T10:04:05+07:00") == {"baolongan:vi:133682"}
    assert record["counterpart_key"] == "baolongan:en:169305"
    assert not list(validator.iter_errors(record))


def test_json_is_one_document_of_the_same_records(crawled, records):
    document = json.loads(run("--db", str(crawled["db_path"]), "--format", "json").stdout_bytes)
    assert document == {"schema_version": SCHEMA_VERSION, "records": records}


def test_csv_round_trips_vietnamese_and_newlines(crawled, records, tmp_path):
    out = tmp_path / "export.csv"
    run("--db", str(crawled["db_path"]), "--format", "csv", "--bom", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["schema_version", *FIELDS]
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row["body_text"] == record["body_text"]
        assert row["title"] == record["title"]
        assert json.loads(row["authors"]) == record["authors"]
        assert json.loads(row["images"]) == record["images"]
        assert row["published_at"] == (record["published_at"] or "")
    assert any("\n\n" in r["body_text"] and "ộ" in r["body_text"] for r in rows)


def test_fields_projection_and_body_html(crawled, validator):
    records = jsonl(crawled["db_path"], "--lang", "vi", "--fields", "title,published_at,body_html")
    for record in records:
        assert list(record) == ["schema_version", "key", "title", "published_at", "body_html"]
        assert not [e for e in validator.iter_errors(record) if e.validator != "required"]
    seed = next(r for r in records if r["key"] == "baolongan:vi:133682")
    assert seed["body_html"].startswith("<p>") and "<figcaption>" in seed["body_html"]


def test_gzip_decompresses_to_the_same_bytes(crawled, tmp_path):
    db_path = str(crawled["db_path"])
    plain = run("--db", db_path).stdout_bytes
    assert gzip.decompress(run("--db", db_path, "--gzip").stdout_bytes) == plain
    out = tmp_path / "export.jsonl.gz"
    run("--db", db_path, "--gzip", "-o", str(out))
    assert gzip.decompress(out.read_bytes()) == plain
    first = out.read_bytes()
    run("--db", db_path, "--gzip", "-o", str(out))
    assert out.read_bytes() == first  # no timestamp in the header: reruns are byte-identical
    assert not list(tmp_path.glob("*.part"))


def test_cli_writes_file_with_progress_and_prints_schema(crawled, tmp_path):
    out = tmp_path / "en.jsonl"
    done = newsarchive("export", "--db", str(crawled["db_path"]), "--lang", "en", "-o", str(out))
    assert "97/97" in done.stderr and done.stdout == ""
    assert len(out.read_text("utf-8").splitlines()) == 97
    printed = newsarchive("export", "--schema", "--db", str(tmp_path / "missing.db")).stdout
    assert printed == (REPO / "newsarchive/schema/article-v1.json").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db", "missing.db"], "missing.db does not exist"),
        (["--bom"], "--bom applies to --format csv only"),
        (["--fields", "title,colour"], "unknown field 'colour'"),
        (["--since", "2024-02-01", "--until", "2024-01-01"], "is after --until"),
        (["--search", "…"], "--search needs at least one letter or digit"),
        (["--changed-since", "yesterday"], "is not an ISO 8601 date-time"),
    ],
)
def test_errors_are_one_clear_sentence(crawled, args, message):
    if "--db" not in args:
        args = ["--db", str(crawled["db_path"]), *args]
    result = run(*args, ok=False)
    assert result.exit_code != 0
    assert message in result.stderr


def test_plain_text_and_body_html_are_safe():
    assert plain_text(unicodedata.normalize("NFD", "Cần <b>Giuộc</b>")) == "Cần Giuộc"
    assert plain_text("a < b và c > d") == "a < b và c > d"
    rendered = body_html(
        "Đoạn <script>alert(1)</script>\n\nHai",
        [{"url": "javascript:alert(1)", "caption": "x"}, {"url": "https://x.vn/a.jpg", "caption": '"Ảnh"'}],
    )
    assert "<script>" not in rendered and "javascript:" not in rendered
    assert rendered.count("<p>") == 2 and 'alt="&quot;Ảnh&quot;"' in rendered
