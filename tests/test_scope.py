"""The crawl's scope rule against a hostile site: a page whose final host is not the spider's edition is never
stored, whatever redirected there (plain, recheck or mirror requests; absolute, relative or meta-refresh
redirects); content a redirect brought from another id is stored under that id; every case is a crawl_errors
row under the URL that was requested, which then backs off like any failure."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .conftest import MIRROR, newsarchive

VI = MIRROR / "sites" / "baolongan.vn"
ARTICLE = "can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"


def _plain_page(edition: str) -> str:
    """A plain article page of the edition (the first of variant A; the mirror's ids follow its generator)."""
    articles = json.loads((MIRROR / "truth" / f"{edition}.json").read_text("utf-8"))["articles"].values()
    plain = [a for a in articles if a["variant"] == "A" and a["article_id"] != "133682"]
    return min(plain, key=lambda a: int(a["article_id"]))["url"].rsplit("/", 1)[1]


OTHER = _plain_page("baolongan_vi")
EN_ARTICLE = _plain_page("baolongan_en")
EMPTY_RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'


def home(*paths: str) -> str:
    links = "".join(f'<li><a href="{p}">link {i}</a></li>' for i, p in enumerate(paths))
    return f"<!DOCTYPE html><html><head><title>Báo Long An</title></head><body><ul>{links}</ul></body></html>"


def small_site(hostile, *paths: str) -> None:
    """The Vietnamese home page links only `paths`, and the feed is empty: a crawl of a handful of pages."""
    hostile.answer("baolongan.vn", "/", body=home(*paths))
    hostile.answer(
        "baolongan.vn", "/rss/home.rss", body=EMPTY_RSS, headers={"Content-Type": "application/rss+xml"}
    )


def crawl(db: Path, hostile, *args: str, check: bool = True):
    return newsarchive(
        "crawl", "--db", str(db), "--site", "baolongan", "--lang", "vi", *args, env=hostile.env, check=check
    )


def rows(db: Path, sql: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql)]


def errors_by_url(db: Path) -> dict[str, dict]:
    return {r["url"]: r for r in rows(db, "select url, kind, reason from crawl_errors")}


def truth_title(article_id: str) -> str:
    truth = json.loads((MIRROR / "truth" / "baolongan_vi.json").read_text("utf-8"))
    return truth["articles"][article_id]["title"]


def test_offsite_and_cross_id_redirects_are_rows_never_articles(tmp_path, hostile):
    db = tmp_path / "archive.db"
    small_site(
        hostile,
        "/evil-a5008.html",
        "/redir4-a5011.html",
        "/mirrorabs-a5012.html",
        "/sib-a5013.html",
        "/meta-a5014.html",
    )
    hostile.redirect("baolongan.vn", "/evil-a5008.html", "https://baolongan.vn.evil.example/evil-a5008.html")
    hostile.redirect("baolongan.vn", "/redir4-a5011.html", f"/{ARTICLE}")  # relative, to another id
    # An absolute redirect to the mirror's own base stands for the same path on the real host.
    hostile.redirect("baolongan.vn", "/mirrorabs-a5012.html", f"{hostile.url}/{OTHER}")
    hostile.redirect("baolongan.vn", "/sib-a5013.html", f"https://news.baolongan.vn/{EN_ARTICLE}")
    refresh = '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/x-a5014.html"></head></html>'
    hostile.answer("baolongan.vn", "/meta-a5014.html", body=refresh)
    page = (VI / OTHER).read_bytes()  # what the off-site hosts would serve: a plausible article
    hostile.answer("baolongan.vn.evil.example", "/evil-a5008.html", body=page)
    hostile.answer("evil.example", "/x-a5014.html", body=page)

    crawl(db, hostile)

    keys = {r["key"] for r in rows(db, "select key from articles")}
    other_key = "baolongan:vi:" + OTHER.rsplit("-a", 1)[1].removesuffix(".html")
    assert {"baolongan:vi:133682", other_key} <= keys  # (and the articles they link to)
    assert all(key.startswith("baolongan:vi:") for key in keys)
    assert not keys & {f"baolongan:vi:{n}" for n in range(5008, 5015)}
    stored = rows(db, "select article_id, url, title from articles where article_id = '133682'")[0]
    assert stored["url"] == f"https://baolongan.vn/{ARTICLE}"
    assert stored["title"] == truth_title("133682")
    errors = errors_by_url(db)
    evil = errors["https://baolongan.vn/evil-a5008.html"]
    assert evil["kind"] == "redirect_offsite"
    assert "https://baolongan.vn.evil.example/evil-a5008.html" in evil["reason"]
    assert errors["https://baolongan.vn/meta-a5014.html"]["kind"] == "redirect_offsite"
    assert "https://evil.example/x-a5014.html" in errors["https://baolongan.vn/meta-a5014.html"]["reason"]
    sibling = errors["https://baolongan.vn/sib-a5013.html"]
    assert sibling["kind"] == "redirect_edition"
    assert f"https://news.baolongan.vn/{EN_ARTICLE}" in sibling["reason"]
    moved = errors["https://baolongan.vn/redir4-a5011.html"]
    assert moved["kind"] == "redirected" and f"https://baolongan.vn/{ARTICLE}" in moved["reason"]
    assert errors["https://baolongan.vn/mirrorabs-a5012.html"]["kind"] == "redirected"
    # Off-site targets are never even asked for, and the English page is left to the English spider.
    assert hostile.requested("baolongan.vn.evil.example") == []
    assert hostile.requested("evil.example") == []
    assert hostile.requested("news.baolongan.vn") == []

    assert "Traceback" not in (tmp_path / "logs" / "newsarchive.log").read_text("utf-8")

    # The next run backs off the requested URLs (recorded under them) instead of fetching them again.
    crawl(db, hostile)
    assert hostile.requested("baolongan.vn").count("/evil-a5008.html") == 1
    assert hostile.requested("baolongan.vn").count("/redir4-a5011.html") == 1

    # Each row says where the redirect pointed; the sibling edition's target is handed to its own spider.
    targets = {r["url"]: r["target"] for r in rows(db, "select url, target from crawl_errors")}
    assert targets["https://baolongan.vn/sib-a5013.html"] == f"https://news.baolongan.vn/{EN_ARTICLE}"
    assert (
        targets["https://baolongan.vn/evil-a5008.html"] == "https://baolongan.vn.evil.example/evil-a5008.html"
    )
    assert targets["https://baolongan.vn/redir4-a5011.html"] == f"https://baolongan.vn/{ARTICLE}"
    hostile.answer("news.baolongan.vn", "/", body=home())  # the English home page links nothing
    newsarchive("crawl", "--db", str(db), "--site", "baolongan", "--lang", "en", env=hostile.env)
    assert hostile.requested("news.baolongan.vn").count(f"/{EN_ARTICLE}") == 1
    en_id = EN_ARTICLE.rsplit("-a", 1)[1].removesuffix(".html")
    assert rows(db, f"select key from articles where key = 'baolongan:en:{en_id}'")


def test_recheck_redirected_offsite_keeps_the_article(tmp_path, hostile):
    db = tmp_path / "archive.db"
    small_site(hostile, f"/{ARTICLE}")
    crawl(db, hostile)
    one = "select key, title, body_text, content_hash from articles where key = 'baolongan:vi:133682'"
    before = rows(db, one)
    assert before and before[0]["title"] == truth_title("133682")

    hostile.redirect("baolongan.vn", f"/{ARTICLE}", "https://baolongan.vn.evil.example/evil-a5016.html")
    hostile.answer("baolongan.vn.evil.example", "/evil-a5016.html", body=(VI / OTHER).read_bytes())
    crawl(db, hostile, "--recheck-days", "100000")

    assert rows(db, one) == before
    assert rows(db, "select * from revisions") == []
    assert all(r["key"].startswith("baolongan:vi:") for r in rows(db, "select key from articles"))
    error = errors_by_url(db)[f"https://baolongan.vn/{ARTICLE}"]
    assert error["kind"] == "redirect_offsite"
    assert "https://baolongan.vn.evil.example/evil-a5016.html" in error["reason"]
    assert hostile.requested("baolongan.vn.evil.example") == []


def test_start_page_redirected_offsite_is_a_row_and_the_source_looks_gone(tmp_path, hostile):
    db = tmp_path / "archive.db"
    hostile.redirect("baolongan.vn", "/", "https://merged.example/")
    hostile.redirect("baolongan.vn", "/rss/home.rss", "https://merged.example/rss")
    result = crawl(db, hostile, check=False)
    assert result.returncode == 1
    assert "source looks gone" in result.stderr
    errors = errors_by_url(db)
    assert errors["https://baolongan.vn/"]["kind"] == "redirect_offsite"
    assert "https://merged.example/" in errors["https://baolongan.vn/"]["reason"]
    assert hostile.requested("merged.example") == []
