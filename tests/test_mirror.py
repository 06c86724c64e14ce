"""Tests of the offline mirror: deterministic generator, HTTP server contract, truth consistency."""

from __future__ import annotations

import dataclasses
import http.client
import json
import re
import socket
import unicodedata
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import etree
from lxml import html as lhtml

from mirrorgen import baolongan
from mirrorgen import build as mirror_build
from mirrorgen.cms_baolongan import build_site
from newsarchive.mirror.server import SITES_ROOT, MirrorServer
from newsarchive.normalize import slugify

MIRROR_DIR = mirror_build.MIRROR_DIR
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_URL = "https://baolongan.vn/can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"
HOSTS = {"vi": "baolongan.vn", "en": "news.baolongan.vn"}
ARTICLE_RE = re.compile(r"-a(\d+)\.html$")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _truth(lang: str) -> dict:
    return json.loads((MIRROR_DIR / "truth" / f"baolongan_{lang}.json").read_text("utf-8"))


def _visible(doc: str) -> str:
    tree = lhtml.fromstring(doc)
    for bad in tree.xpath("//script|//style|//head"):
        bad.drop_tree()
    text = unicodedata.normalize("NFC", " ".join(tree.itertext()))
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mirror1")
    mirror_build.build(out)
    return out


@pytest.fixture(scope="module")
def server():
    with MirrorServer() as srv:
        yield srv


def fetch(srv: MirrorServer, path: str, host: str | None = "baolongan.vn", method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    headers = {"Host": host} if host else {}
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    if host is not None:
        conn.putheader("Host", headers["Host"])
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, resp.getheader("Content-Type", ""), body, resp


# ------------------------------------------------------------------------------------------------ generator


def test_build_is_deterministic(built: Path, tmp_path: Path) -> None:
    mirror_build.build(tmp_path)
    assert _tree(tmp_path) == _tree(built)


def test_committed_mirror_is_up_to_date(built: Path) -> None:
    for sub in ("sites", "truth"):
        assert _tree(MIRROR_DIR / sub) == _tree(built / sub), f"run python -m mirrorgen ({sub})"


def test_mirror_size_is_commit_sized() -> None:
    assert sum(len(b) for b in _tree(MIRROR_DIR / "sites").values()) < 5_000_000


def test_extra_articles_make_more_pages(tmp_path: Path) -> None:
    mirror_build.build(tmp_path, extra_articles=60)
    truth = json.loads((tmp_path / "truth" / "baolongan_vi.json").read_text("utf-8"))
    assert len(truth["articles"]) >= len(_truth("vi")["articles"]) + 60
    assert (tmp_path / "sites" / "baolongan.vn" / "kinh-te" / "index.p5.html").is_file()


def test_a_second_paper_on_the_cms_links_only_its_own_hosts(tmp_path: Path) -> None:
    """The CMS pages hold no Báo Long An host: another paper on it (Báo Tây Ninh) is a ``CmsSite`` value."""
    own = "https://paper.example"
    ed = dataclasses.replace(
        baolongan.EDITIONS[0],
        host="paper.example",
        truth_slug="paper_vi",
        site="paper",
        image_host="https://img.paper.example",
        inline_bases=(own, "http://paper.example", ""),
        lang_homes=(own + "/", own + "/"),
        logo_url=own + "/logo.png",
        about_title="Giới thiệu",
        seed=None,
    )
    build_site(dataclasses.replace(baolongan.SITE, editions=(ed,), seed_id=None), tmp_path, seed=1)
    assert sorted(p.name for p in (tmp_path / "sites").iterdir()) == ["paper.example"]
    truth = json.loads((tmp_path / "truth" / "paper_vi.json").read_text("utf-8"))
    assert len(truth["articles"]) > 90 and {a["site"] for a in truth["articles"].values()} == {"paper"}
    hosts = set()
    for page in (tmp_path / "sites").rglob("*.html"):
        hosts |= set(re.findall(r'(?:href|src|content)="https?://([^/"]+)', page.read_text("utf-8")))
    assert hosts == {"paper.example", "img.paper.example", "www.facebook.com", "zalo.me"}


def test_slugify() -> None:
    assert slugify("Đường hoa xuân: Tân An năm 2024!") == "duong-hoa-xuan-tan-an-nam-2024"
    assert slugify(unicodedata.normalize("NFD", "Cần Đước")) == "can-duoc"


# ------------------------------------------------------------------------------------------------ truth


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_truth_shape_and_counts(lang: str) -> None:
    t = _truth(lang)
    assert t["host"] == HOSTS[lang] and t["lang"] == lang and t["site"] == "baolongan"
    arts = t["articles"]
    assert len(arts) >= 85
    years = {a["published_at"][:4] for a in arts.values() if a["published_at"]}
    assert {"2015", "2020", "2022", "2025"} <= years
    kinds = sorted(e["kind"] for e in t["errors"])
    assert kinds == sorted(["truncated", "no_body", "http_404", "http_500", "not_article", "no_date"])
    (nodate,) = t["stored_with_warning"]
    assert arts[nodate]["published_at"] is None
    for aid, a in arts.items():
        assert a["article_id"] == aid and a["url"].endswith(f"-a{aid}.html")
        assert a["url"].startswith(f"https://{HOSTS[lang]}/")
        for key in ("title", "lead", "body_text"):
            assert a[key] == unicodedata.normalize("NFC", a[key]) and a[key].strip()
        assert a["variant"] in "ABCDEL" and a["layout"] in ("2015", "2022", "2024")
    assert len(t["reach"]["inline"]) >= 3 and len(t["reach"]["rss"]) == 2


def test_ids_unique_across_editions() -> None:
    vi, en = set(_truth("vi")["articles"]), set(_truth("en")["articles"])
    assert not vi & en
    err_ids = {ARTICLE_RE.search(e["url"]).group(1) for lang in ("vi", "en") for e in _truth(lang)["errors"]}
    assert not (
        err_ids - {_truth("vi")["stored_with_warning"][0], _truth("en")["stored_with_warning"][0]}
    ) & (vi | en)


def test_seed_truth() -> None:
    a = _truth("vi")["articles"]["133682"]
    assert a["url"] == SEED_URL
    assert a["published_at"] == "2022-04-13T09:44:00+07:00"
    assert a["authors"] == ["Huỳnh Hương"] and a["sources"] == []
    assert (a["category"], a["subcategory"], a["variant"]) == ("thoi-su-chinh-tri", "long-an", "A")
    assert len(a["body_text"].split("\n\n")) == 6
    assert a["images"][0]["caption"] == "Các cơ quan, đơn vị ký kết giao ước thi đua năm 2022"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_truth_matches_pages(lang: str) -> None:
    """Every truth field that is visible text really is on the page (after NFC + whitespace collapse)."""
    site = SITES_ROOT / HOSTS[lang]
    for a in _truth(lang)["articles"].values():
        doc = (site / urlsplit(a["url"]).path.lstrip("/")).read_text("utf-8")
        text = _visible(doc)
        assert a["title"] in text and a["lead"] in text
        for para in a["body_text"].split("\n\n"):
            assert para in text, (a["url"], para)
        for img in a["images"]:
            if img["caption"]:
                assert img["caption"] in text
        if a["published_at"]:
            d = a["published_at"]
            assert f"{d[8:10]}/{d[5:7]}/{d[:4]} - {d[11:16]}" in text
        else:
            assert not re.search(r"\d\d/\d\d/\d{4} - \d\d:\d\d", text)
        tree = lhtml.fromstring(doc)
        crumbs = tree.xpath('//*[contains(@class,"breadcrumb")]//a/@href')
        assert f"/{a['category']}/" in crumbs
        if a["subcategory"]:
            assert f"/{a['category']}/{a['subcategory']}/" in crumbs
        assert (a["nfd"]) == (unicodedata.normalize("NFC", doc) != doc)


# ------------------------------------------------------------------------------------------------ server


def test_home(server: MirrorServer) -> None:
    assert {"baolongan.vn", "news.baolongan.vn"} <= set(server.hosts)
    status, ctype, body, _ = fetch(server, "/")
    assert status == 200 and ctype == "text/html; charset=utf-8"
    tree = lhtml.fromstring(body)
    assert len(tree.cssselect("div.boxtinmoi li a")) >= 5
    assert "Tiếng Việt | English" in _visible(body.decode())
    assert tree.xpath('//a[starts-with(@href, "/tim-kiem?q=")]')
    status, _, body, _ = fetch(server, "/", host="news.baolongan.vn")
    assert status == 200 and "Vietnamese | English" in _visible(body.decode())


def test_listing_pagination(server: MirrorServer) -> None:
    pages = []
    for q in ("", "?p=1", "?p=2", "?p=3"):
        status, _, body, _ = fetch(server, f"/kinh-te/{q}")
        assert status == 200
        pages.append(body)
    assert pages[0] == pages[1] and pages[1] != pages[2] != pages[3]
    tree = lhtml.fromstring(pages[0])
    assert 3 <= len(tree.cssselect("h2.h2cate a")) <= 6
    nxt = tree.cssselect("div.fright a")
    assert nxt and ">" in nxt[0].text_content() and nxt[0].get("href") == "/kinh-te/?p=2"
    assert fetch(server, "/kinh-te/?utm_source=x&p=2")[2] == pages[2]
    assert fetch(server, "/kinh-te?p=2")[2] == pages[2]
    assert fetch(server, "/kinh-te/?p=999")[0] == 404
    status, _, body, _ = fetch(server, "/kinh-te/nong-nghiep/")
    assert status == 200 and lhtml.fromstring(body).cssselect("h2.h2cate a")


def test_every_section_has_three_pages(server: MirrorServer) -> None:
    for ed in baolongan.EDITIONS:
        for sec in ed.sections:
            assert fetch(server, f"/{sec.slug}/?p=3", host=ed.host)[0] == 200, (ed.host, sec.slug)


def test_article_and_seed_visible_text(server: MirrorServer) -> None:
    status, ctype, body, _ = fetch(server, urlsplit(SEED_URL).path)
    assert status == 200 and ctype.startswith("text/html")
    text = _visible(body.decode("utf-8"))
    for line in (FIXTURES / "seed-article.txt").read_text("utf-8").splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            assert line in text, line
    tree = lhtml.fromstring(body)
    assert tree.cssselect("span.pubdate")[0].text == "13/04/2022 - 09:44"
    assert tree.cssselect("div.content-fck img.zoomimg")[0].get("data-socail-link") == SEED_URL
    assert tree.cssselect('.content-fck p[style*="text-align: right"] strong')[-1].text == "Huỳnh Hương"


def test_robots_and_rss(server: MirrorServer) -> None:
    status, ctype, body, _ = fetch(server, "/robots.txt")
    assert status == 200 and ctype.startswith("text/plain")
    assert "User-agent: *" in body.decode() and "Disallow: /tim-kiem" in body.decode()
    lines = body.decode().splitlines()
    rules = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow:")]
    assert not any(urlsplit(SEED_URL).path.startswith(r) for r in rules)
    status, ctype, body, _ = fetch(server, "/rss/home.rss", host="news.baolongan.vn")
    assert status == 200 and ctype == "application/rss+xml; charset=utf-8"
    items = etree.fromstring(body).findall("./channel/item")
    assert len(items) == 15
    assert all(i.findtext("link").startswith("https://news.baolongan.vn/") for i in items)


def test_errors_404_500(server: MirrorServer) -> None:
    assert fetch(server, "/khong-co-bai-nay-a1.html")[0] == 404
    status, ctype, body, _ = fetch(server, "/no-such-dir/")
    assert status == 404 and ctype.startswith("text/html") and b"404" in body
    assert fetch(server, "/_status.json")[0] == 404
    assert fetch(server, "/../../etc/passwd")[0] == 404
    for lang in ("vi", "en"):
        for e in _truth(lang)["errors"]:
            status = fetch(server, urlsplit(e["url"]).path, host=HOSTS[lang])[0]
            expected = {"http_404": 404, "http_500": 500}.get(e["kind"], 200)
            assert status == expected, e


def test_requests_are_recorded(server: MirrorServer) -> None:
    fetch(server, "/robots.txt?x=1", host="www.baolongan.vn")
    assert ("baolongan.vn", "/robots.txt?x=1") in server.requests


def test_head(server: MirrorServer) -> None:
    status, _, body, resp = fetch(server, "/", method="HEAD")
    assert status == 200 and body == b"" and int(resp.getheader("Content-Length")) > 1000


def test_host_routing_and_prefix_fallback(server: MirrorServer) -> None:
    vi_home = fetch(server, "/")[2]
    assert fetch(server, "/", host="WWW.BaoLongAn.vn:8080")[2] == vi_home
    assert fetch(server, "/", host="news.baolongan.vn")[2] != vi_home
    assert fetch(server, "/baolongan.vn/", host=f"127.0.0.1:{server.port}")[2] == vi_home
    assert (
        fetch(server, "/baolongan.vn/kinh-te/?p=2", host="127.0.0.1")[2] == fetch(server, "/kinh-te/?p=2")[2]
    )
    status, _, body, _ = fetch(server, "/", host="127.0.0.1")
    assert status == 200 and b'href="/news.baolongan.vn/"' in body
    assert fetch(server, "/kinh-te/", host="example.org")[0] == 404
    status, _, body, _ = fetch(server, "/", host=None)
    assert status == 200 and b"baolongan.vn" in body


def test_server_survives_garbage(server: MirrorServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"\x00\xffGARBAGE / HTTP/9.9\r\n\r\n")
        s.recv(1024)
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"GET /%ZZ%00 HTTP/1.0\r\nHost: baolongan.vn\r\n\r\n")
        s.recv(1024)
    assert fetch(server, "/")[0] == 200


def test_start_stop_reuse() -> None:
    srv = MirrorServer().start()
    port = srv.port
    assert fetch(srv, "/robots.txt")[0] == 200
    srv.stop()
    with MirrorServer(port=port) as again:
        assert again.url == f"http://127.0.0.1:{port}"
        assert fetch(again, "/robots.txt")[0] == 200


# ------------------------------------------------------------------------------------------------ discovery


def _crawl(server: MirrorServer, host: str) -> tuple[set[str], set[str]]:
    """Follow home, listings, RSS and every link on the host; return (article ids fetched OK, paths seen)."""
    hosts = {host, "www." + host}
    start = ["/", "/rss/home.rss"]
    queue, seen, ok = deque(start), set(start), set()
    while queue:
        path = queue.popleft()
        status, ctype, body, _ = fetch(server, path, host=host)
        if status != 200:
            continue
        m = ARTICLE_RE.search(urlsplit(path).path)
        if m:
            ok.add(m.group(1))
        if "rss" in ctype:
            links = [i.findtext("link") for i in etree.fromstring(body).iter("item")]
        else:
            links = lhtml.fromstring(body).xpath("//a/@href")
        for href in links:
            u = urlsplit(urljoin(f"https://{host}{path}", href))
            if u.hostname not in hosts or u.path.startswith(("/tim-kiem", "/admin")):
                continue
            nxt = u.path + (f"?{u.query}" if u.query else "")
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return ok, seen


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_all_valid_articles_discoverable(server: MirrorServer, lang: str) -> None:
    t = _truth(lang)
    ok, _ = _crawl(server, HOSTS[lang])
    valid = set(t["articles"])
    not_article = {ARTICLE_RE.search(e["url"]).group(1) for e in t["errors"] if e["kind"] != "no_date"}
    assert valid <= ok
    assert ok - valid <= not_article


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_special_reachability(lang: str) -> None:
    """Inline-only ids appear in no listing/home/RSS/related box; RSS-only ids appear only in the feed."""
    t = _truth(lang)
    site = SITES_ROOT / HOSTS[lang]
    rss = (site / "rss" / "home.rss").read_text("utf-8")
    listing_files = [p for p in site.rglob("index*.html")]
    for aid in t["reach"]["inline"] + t["reach"]["rss"]:
        for f in listing_files:
            assert f"-a{aid}.html" not in f.read_text("utf-8"), (aid, f)
        if aid in t["reach"]["inline"]:
            assert f"-a{aid}.html" not in rss
            linking = [
                p
                for p in site.glob("*.html")
                if f"-a{aid}.html" in p.read_text("utf-8") and not p.name.endswith(f"-a{aid}.html")
            ]
            assert linking
            for p in linking:
                body = lhtml.fromstring(p.read_text("utf-8"))
                hrefs = body.xpath(
                    f'//*[contains(@class,"content-fck") or contains(@class,"detail-content")]'
                    f'//a[contains(@href,"-a{aid}.html")]'
                )
                assert hrefs, p
        else:
            assert f"-a{aid}.html" in rss
            assert not [
                p
                for p in site.glob("*.html")
                if f"-a{aid}.html" in p.read_text("utf-8") and not p.name.endswith(f"-a{aid}.html")
            ]
