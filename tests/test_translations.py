"""Translation pairs in a real archive crawled from the mirror: against the mirror's ground truth, idempotent,
a person's confirm / reject surviving re-pairing and re-crawls, the portal's republication."""

from __future__ import annotations

import json

import pytest
import sqlite_utils
from click.testing import CliRunner

from newsarchive import store, translations
from newsarchive.cli import cli
from newsarchive.record import EXPORT_FIELDS

from .conftest import MIRROR, newsarchive

pytestmark = pytest.mark.e2e

TRUTH = json.loads((MIRROR / "truth" / "pairs.json").read_text("utf-8"))
PAIRS = {p["en"]: p["vi"] for p in TRUTH["pairs"]}
PAPER = {en: vi for en, vi in PAIRS.items() if en.startswith("baolongan:")}  # the session's crawl


def _current(db: sqlite_utils.Database) -> dict[str, str | None]:
    return {
        r["en_key"]: r["vi_key"]
        for r in db.query("select en_key, vi_key from translations where status != 'rejected'")
    }


def _snapshot(db: sqlite_utils.Database) -> list[tuple]:
    rows = db.execute("select * from translations order by id").fetchall()
    counterparts = db.execute("select key, counterpart_key from articles order by key").fetchall()
    return [*rows, *counterparts]


def test_the_crawl_pairs_the_mirror_against_its_ground_truth(db):
    made = {en: vi for en, vi in _current(db).items() if vi}
    right = sum(1 for en, vi in made.items() if PAPER.get(en) == vi)
    assert right / len(made) >= 0.97  # precision
    assert right / len(PAPER) >= 0.92  # recall
    distractors = {d["vi"] for d in TRUTH["distractors_vi"]}
    assert not distractors & set(made.values())
    for lone in TRUTH["unpartnered_en"]:
        assert _current(db)[lone["en"]] is None  # decided: "no partner", a stored outcome
    every_en = {r["key"] for r in db.query("select key from articles where lang = 'en'")}
    assert set(_current(db)) == every_en


def test_counterparts_both_ways_and_evidence(db):
    en, vi = next(iter(PAIRS.items()))
    keys = dict(
        db.execute("select key, counterpart_key from articles where key in (?, ?)", [en, vi]).fetchall()
    )
    assert keys == {en: vi, vi: en}
    row = next(db.query("select * from translations where en_key = ?", [en]))
    evidence = json.loads(row["evidence"])
    assert row["status"] == "auto" and row["method"] == "evidence-v1" and row["score"] > 0.15
    assert evidence["numbers"] and evidence["names"] and 0 <= evidence["days_after"] <= 15
    paired = db.execute("select count(*) from articles where counterpart_key is not null").fetchone()[0]
    assert paired == 2 * sum(1 for v in _current(db).values() if v)


def test_rerunning_pair_changes_nothing(scratch_db):
    db = store.open_db(scratch_db)
    before = _snapshot(db)
    assert translations.run(db).changed == 0
    assert translations.run(db, full=True).changed == 0
    assert translations.run(db, since="2000-01-01T00:00:00+00:00").changed == 0
    assert _snapshot(db) == before
    db.close()
    result = CliRunner().invoke(cli, ["pair", "--db", str(scratch_db), "--full"], catch_exceptions=False)
    assert result.exit_code == 0 and "0 decisions changed" in result.output


def test_confirm_and_reject_survive_repairing_and_recrawls(scratch_db, crawled):
    (en1, vi1), (en2, vi2) = list(PAIRS.items())[:2]
    runner = CliRunner()
    # a person overrides the machine: en1 is said to translate vi2, and en2 ↔ vi2 is rejected
    for args in (["pair", "reject", en2, vi2], ["pair", "confirm", en1, vi2]):
        result = runner.invoke(cli, [*args, "--db", str(scratch_db)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    db = store.open_db(scratch_db)
    assert _current(db)[en1] == vi2 and en2 not in _current(db)
    translations.run(db)  # en2 decided anew: vi2 is bound and rejected, vi1 free
    translations.run(db, full=True)
    db.close()
    newsarchive("crawl", "--site", "all", "--db", str(scratch_db), "--full", env=crawled["env"])
    db = store.open_db(scratch_db)
    current = _current(db)
    assert current[en1] == vi2
    assert current[en2] != vi2
    statuses = {(r["en_key"], r["vi_key"]): r["status"] for r in db.query("select * from translations")}
    assert statuses[(en1, vi2)] == "confirmed" and statuses[(en2, vi2)] == "rejected"
    keys = dict(
        db.execute("select key, counterpart_key from articles where key in (?, ?)", [en1, vi2]).fetchall()
    )
    assert keys == {en1: vi2, vi2: en1}
    # the portal, crawled now: its item republishing the newspaper's English copy is no translation
    repub = list(db.query("select * from translations where method = 'republication'"))
    assert len(repub) == 1 and repub[0]["vi_key"] is None
    original = db.execute(
        "select title from articles where key = ?", [repub[0]["republishes_key"]]
    ).fetchone()
    item = db.execute("select title from articles where key = ?", [repub[0]["en_key"]]).fetchone()
    assert original == item and repub[0]["republishes_key"].startswith("baolongan:en:")
    portal = {en: vi for en, vi in PAIRS.items() if en.startswith("longan_gov:")}
    assert portal and {en: current[en] for en in portal} == portal  # the portal's own pairs
    assert translations.run(db).changed == 0
    db.close()


def test_confirm_refuses_wrong_keys(scratch_db):
    en, vi = next(iter(PAIRS.items()))
    for args, message in (
        ([en, "baolongan:vi:1"], "no article baolongan:vi:1"),
        ([vi, en], "is not an English article"),
    ):
        result = CliRunner().invoke(cli, ["pair", "confirm", *args, "--db", str(scratch_db)])
        assert result.exit_code == 1 and message in result.output


def test_article_pages_link_the_counterpart_with_its_score(db, get):
    en, vi = next(iter(PAIRS.items()))
    titles = dict(db.execute("select key, title from articles where key in (?, ?)", [en, vi]).fetchall())
    page = get(f"/article/{en}", params={"hl": "en"}).text
    assert "Vietnamese original" in page and titles[vi] in page and "score 0." in page
    page = get(f"/article/{vi}", params={"hl": "en"}).text
    assert "English version" in page and titles[en] in page
    assert "Bản tiếng Anh" in get(f"/article/{vi}", params={"hl": "vi"}).text
    lone = TRUTH["unpartnered_en"][0]["en"]
    assert "no partner found" in get(f"/article/{lone}", params={"hl": "en"}).text


def test_pairs_page_and_canned_query(db, get):
    made = {en: vi for en, vi in _current(db).items() if vi}
    en, vi = next(iter(PAIRS.items()))
    title_vi = db.execute("select title from articles where key = ?", [vi]).fetchone()[0]
    page = get("/pairs").text
    assert title_vi in page and f"({len(made)})" in page
    lone = TRUTH["unpartnered_en"][0]["en"]
    lone_title = db.execute("select title from articles where key = ?", [lone]).fetchone()[0]
    assert lone_title in get("/pairs", params={"show": "without"}).text
    assert lone_title not in page
    rows = get("/archive/translation_pairs.json", params={"partner": "with", "_shape": "array"}).json()
    assert {r["en_key"]: r["vi_key"] for r in rows} == made
    assert all(r["vi_title"] and r["en_title"] and r["vi_lead"] for r in rows)
    rows = get("/archive/translation_pairs.json", params={"partner": "without", "_shape": "array"}).json()
    assert lone in {r["en_key"] for r in rows} and all(r["vi_key"] is None for r in rows)


def test_exports_carry_pairs_and_the_translations_field(db, crawled):
    import jsonschema

    from newsarchive.export import schema_text

    def export(*args: str) -> list[dict]:
        result = CliRunner().invoke(
            cli, ["export", "--db", str(crawled["db_path"]), *args], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines()]

    made = {en: vi for en, vi in _current(db).items() if vi}
    lines = export("--pairs", "--fields", "title,lead,body_text")
    assert {line["en"]["key"]: line["vi"]["key"] for line in lines} == made
    assert all(set(line) == {"vi", "en"} and line["vi"]["body_text"] for line in lines)
    schema = json.loads(schema_text())
    records = export("--fields", ",".join([*EXPORT_FIELDS, "translations"]))
    by_key = {r["key"]: r for r in records}
    for record in records:
        jsonschema.validate(record, schema)
    en, vi = next(iter(PAIRS.items()))
    assert by_key[en]["counterpart_key"] == vi and by_key[vi]["translations"]["en_key"] == en
    assert by_key[en]["translations"]["evidence"]["numbers"]
    result = CliRunner().invoke(
        cli, ["export", "--db", str(crawled["db_path"]), "--pairs", "--format", "csv"]
    )
    assert result.exit_code == 1 and "JSON Lines only" in result.output
