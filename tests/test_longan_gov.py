"""The provincial portal end to end: both editions crawled from the mirror over HTTP, checked against truth."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import sqlite_utils

from newsarchive.store import article_key

from .conftest import MIRROR, TRUTH_FIELDS, newsarchive

PORTAL = ("longan_gov_vi", "longan_gov_en")
FIELDS = TRUTH_FIELDS
TEXT_COLUMNS = ("title", "lead", "body_text", "authors", "sources", "category")
CHROME = ("Skip Ribbon Commands", "Skip to main content", "Bỏ qua Lệnh Ruy-băng", "Browse", "__VIEWSTATE",
          "CỔNG THÔNG TIN", "PROVINCIAL PORTAL", "Trang sau", "Các tin khác", "Other news", "Cơ quan chủ quản")  # fmt: skip
LITERAL_TAG = re.compile(r"</?[a-z][a-z0-9:]*[\s/>]|<!--|MsoNormal|margin:6pt|&lt;|&gt;", re.IGNORECASE)


@pytest.fixture(scope="module")
def portal_truth() -> dict[str, dict]:
    return {slug: json.loads((MIRROR / "truth" / f"{slug}.json").read_text("utf-8")) for slug in PORTAL}


@pytest.fixture(scope="module")
def portal(tmp_path_factory, mirror_server) -> dict:
    db_path = tmp_path_factory.mktemp("portal") / "archive.db"
    env = {"NEWSARCHIVE_MIRROR_URL": mirror_server.url}
    before = len(mirror_server.requests)
    run = newsarchive("crawl", "--site", "longan_gov", "--db", str(db_path), env=env)
    requests = [r for r in mirror_server.requests[before:] if r[0].endswith("longan.gov.vn")]
    return {"db_path": db_path, "run": run, "requests": requests, "env": env}


@pytest.fixture
def pdb(portal) -> sqlite_utils.Database:
    database = sqlite_utils.Database(portal["db_path"])
    yield database
    database.close()


def test_crawl_completes_both_editions(portal):
    assert portal["run"].returncode == 0, portal["run"].stderr
    for slug in PORTAL:
        assert f"{slug}: completed" in portal["run"].stdout


@pytest.mark.parametrize("slug", PORTAL)
def test_exact_articles_per_edition(pdb, portal_truth, slug):
    edition = portal_truth[slug]
    got = {r["key"] for r in pdb.query("select key from articles where lang = ?", [edition["lang"]])}
    assert got == {article_key("longan_gov", edition["lang"], aid) for aid in edition["articles"]}
    assert len(got) >= 30


@pytest.mark.parametrize("slug", PORTAL)
def test_every_article_matches_truth(pdb, portal_truth, slug):
    edition = portal_truth[slug]
    mismatches = []
    for aid, want in edition["articles"].items():
        row = pdb.table("articles").get(article_key("longan_gov", edition["lang"], aid))
        got = {**row, "authors": json.loads(row["authors"]), "sources": json.loads(row["sources"])}
        for field in FIELDS:
            if got[field] != want[field]:
                mismatches.append((aid, want["variant"], field, got[field], want[field]))
        images = [
            dict(r)
            for r in pdb.query(
                "select url, caption from images where article_key = ? order by position", [row["key"]]
            )
        ]
        if images != want["images"]:
            mismatches.append((aid, want["variant"], "images", images, want["images"]))
    assert mismatches == []


def test_each_article_fetched_once_and_mangled_links_never_followed(portal, portal_truth):
    """Case-variant links (`/lists/tintucsukien/dispform.aspx?id=N`) and extra parameters are one request."""
    fetched = Counter()
    for host, path in portal["requests"]:
        parts = urlsplit(path)
        assert "%25u" not in path.lower() and "%ef%bf%bd" not in path.lower(), path
        assert "\ufffd" not in unquote(path) and not re.search(r"%u[0-9a-f]{4}", unquote(path), re.I), path
        if parts.path.lower() == "/lists/tintucsukien/dispform.aspx":
            fetched[(host, dict(parse_qsl(parts.query))["ID"])] += 1
    assert fetched and max(fetched.values()) == 1
    # every category listing was reached, by the URL the spider built (UTF-8 percent-encoding)
    listed = {unquote(p) for h, p in portal["requests"] if "TongQuat.aspx?CategoryId=" in p}
    assert "/Lists/TinTucSuKien/TongQuat.aspx?CategoryId=Văn hóa - Thể thao&PageIndex=2" in listed
    assert "/Lists/TinTucSuKien/TongQuat.aspx?CategoryId=Agriculture, Forestry and Fisheries" in listed


def test_no_duplicates_and_invariants(pdb):
    dupes = list(pdb.query("select lang, article_id, count(*) n from articles group by 1, 2 having n > 1"))
    assert dupes == []
    for row in pdb.query("select * from articles"):
        assert row["site"] == "longan_gov" and row["lang"] in ("vi", "en")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+07:00", row["published_at"]), row["key"]
        assert row[
            "url"
        ] == f"https://{'www.longan.gov.vn' if row['lang'] == 'vi' else 'eng.longan.gov.vn'}" + (
            f"/Lists/TinTucSuKien/DispForm.aspx?ID={row['article_id']}"
        )
        for column in TEXT_COLUMNS:
            value = row[column]
            assert value is None or unicodedata.is_normalized("NFC", value), (row["key"], column)


def test_no_chrome_literal_tags_or_file_names_in_any_field(pdb):
    for row in pdb.query("select * from articles"):
        for column in TEXT_COLUMNS:
            value = row[column] or ""
            for needle in CHROME:
                assert needle not in value, (row["key"], column, needle)
            assert not LITERAL_TAG.search(value), (row["key"], column, LITERAL_TAG.search(value))
            assert not re.search(r"\.(jpe?g|png|gif)\b", value, re.I), (row["key"], column)
        assert not row["title"].endswith((" New", " Mới")), row["key"]
    for image in pdb.query("select caption from images where caption is not null"):
        assert not re.search(r"\.(jpe?g|png)$|PublishingImages", image["caption"]), image


def test_portal_traps_in_truth_are_exercised(portal_truth):
    """The mirror really holds the traps the portal is known for (so the tests above mean something)."""
    en, vi = portal_truth["longan_gov_en"]["articles"], portal_truth["longan_gov_vi"]["articles"]
    assert en["620"]["published_at"] == "2020-03-23T08:00:00+07:00"
    assert any(a["published_at"].startswith("2010") for a in en.values())
    assert any(a["sources"] == ["http://news.baolongan.vn/"] for a in en.values())
    for articles in (en, vi):
        assert {a["variant"] for a in articles.values()} == {"plain", "word", "form", "doubled"}
        assert len({a["category"] for a in articles.values()}) == 4
    sites = MIRROR / "sites"
    page = (sites / "eng.longan.gov.vn/lists/tintucsukien/dispform.aspx/id=620.html").read_text("utf-8")
    assert "Thứ 2, Ngày 23/03/2020, 08:00" in page and "Skip Ribbon Commands" in page
    assert "/PublishingImages/2020-03/Châu Thành cải thiện chất lượng trái thanh long 2332020.jpg</p>" in page
    word = next(a for a in vi.values() if a["variant"] == "word")["article_id"]
    assert "&lt;p class=MsoNormal" in (
        sites / f"longan.gov.vn/lists/tintucsukien/dispform.aspx/id={word}.html"
    ).read_text("utf-8")
    home = (sites / "longan.gov.vn/index.html").read_text("utf-8")
    assert "%25u" in home and "%EF%BF%BD" in home and "/lists/tintucsukien/tongquat.aspx?categoryid=" in home


def test_republished_newspaper_item_keeps_source(pdb, portal_truth):
    row = next(
        pdb.query("select * from articles where sources = ?", [json.dumps(["http://news.baolongan.vn/"])])
    )
    news = json.loads((MIRROR / "truth" / "baolongan_en.json").read_text("utf-8"))["articles"]
    original = next(a for a in news.values() if a["title"] == row["title"])
    assert row["body_text"] == original["body_text"] and json.loads(row["authors"]) == []


def test_only_deleted_items_recorded_as_errors(pdb, portal_truth):
    expected = {e["url"] for slug in PORTAL for e in portal_truth[slug]["errors"]}
    assert {r["url"] for r in pdb.query("select url from crawl_errors")} == expected


def test_second_crawl_adds_nothing(portal, pdb):
    before = pdb.table("articles").count, pdb.table("images").count
    again = newsarchive("crawl", "--site", "longan_gov", "--db", str(portal["db_path"]), env=portal["env"])
    assert again.returncode == 0, again.stderr
    assert (pdb.table("articles").count, pdb.table("images").count) == before
    runs = list(pdb.query("select * from crawl_runs order by id desc limit 2"))
    assert all(r["articles_new"] == 0 and r["articles_updated"] == 0 for r in runs)


@pytest.mark.parametrize("slug", PORTAL)
def test_extract_cli_matches_crawl(pdb, portal_truth, slug):
    """`newsarchive extract` on saved portal pages gives the stored record, whatever URL variant is given."""
    articles = sorted(portal_truth[slug]["articles"].values(), key=lambda a: int(a["article_id"]))
    host = "longan.gov.vn" if slug.endswith("_vi") else "eng.longan.gov.vn"
    for want in articles[::12]:
        page = MIRROR / "sites" / host / f"lists/tintucsukien/dispform.aspx/id={want['article_id']}.html"
        variant_url = want["url"].lower() + "&InitialTabId=Ribbon.Read"
        record = json.loads(newsarchive("extract", str(page), "--url", variant_url).stdout)
        row = pdb.table("articles").get(article_key(record["site"], record["lang"], record["article_id"]))
        for field in ("url", "title", "lead", "body_text", "published_at", "category"):
            assert record[field] == row[field], (want["url"], field)
        assert record["sources"] == json.loads(row["sources"])


def _status(server, path: str, host: str) -> int:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", path, headers={"Host": host})
    status = conn.getresponse().status
    conn.close()
    return status


def test_mirror_serves_sharepoint_urls_case_insensitively(mirror_server):
    ok = (
        "/Lists/TinTucSuKien/DispForm.aspx?ID=620&InitialTabId=Ribbon.Read&CategoryId=Enterprise",
        "/LISTS/tintucsukien/dispform.ASPX?id=620",
        "/Lists/TinTucSuKien/TongQuat.aspx?CategoryID=Culture%20-%20Sport&PageIndex=2",
        "/lists/tintucsukien/tongquat.aspx?pageindex=1&categoryid=culture+-+sport",
    )
    for path in ok:
        assert _status(mirror_server, path, "eng.longan.gov.vn") == 200, path
    for path in (
        "/Lists/TinTucSuKien/DispForm.aspx?ID=99999",
        "/Lists/TinTucSuKien/TongQuat.aspx?CategoryID=Culture%20-%20Sport&PageIndex=9",
    ):
        assert _status(mirror_server, path, "eng.longan.gov.vn") == 404, path
    assert (
        _status(mirror_server, "/Pages/TinTuc.aspx?CategoryId=Kinh%20t%E1%BA%BF", "www.longan.gov.vn") == 200
    )
    assert _status(mirror_server, "/Pages/TinTuc.aspx?CategoryId=Kinh+t%25u1ebf", "www.longan.gov.vn") == 404
