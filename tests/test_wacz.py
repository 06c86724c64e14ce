"""`newsarchive wacz` over the crawled archive: the file passes `wacz validate`, its pages.jsonl lists every
chosen article, its index holds each page and image record, and pywb (its own venv, started on 127.0.0.1)
replays the seed article and its image from it. The tools come from the venv `.ci/run` makes
(build/pywb-venv, or $NEWSARCHIVE_PYWB_VENV); without it those tests skip with the reason."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO, newsarchive

PYWB_VENV = Path(os.environ.get("NEWSARCHIVE_PYWB_VENV") or REPO / "build" / "pywb-venv")
needs_pywb = pytest.mark.skipif(
    not (PYWB_VENV / "bin" / "wayback").is_file() or not (PYWB_VENV / "bin" / "wacz").is_file(),
    reason=f"pywb and wacz not installed in {PYWB_VENV} (.ci/run makes that venv; or set NEWSARCHIVE_PYWB_VENV)",
)
SEED_URL = "https://baolongan.vn/can-duoc-day-manh-phong-trao-thi-dua-gop-phan-hoan-thanh-xuat-sac-nhiem-vu-a133682.html"
SEED_IMAGE = "https://www.baolongan.vn/image/news/2022/20220413/images/ky%20ket%20giao%20uoc%20(1).jpg"


@pytest.fixture(scope="module")
def wacz_file(crawled, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wacz") / "vi.wacz"
    done = newsarchive("wacz", str(out), "--db", str(crawled["db_path"]), "--lang", "vi")
    assert "articles" in done.stderr and not out.with_name("vi.wacz.part").exists()
    return out


def test_pages_and_index_hold_every_chosen_article_and_image(wacz_file, db):
    with zipfile.ZipFile(wacz_file) as zf:
        assert all(info.compress_type == zipfile.ZIP_STORED for info in zf.infolist())
        pages = [json.loads(line) for line in zf.read("pages/pages.jsonl").decode("utf-8").splitlines()]
        index = [
            json.loads(line.split(" ", 2)[2]) for line in zf.read("indexes/index.cdx").decode().splitlines()
        ]
        package = json.loads(zf.read("datapackage.json"))
    assert pages[0]["format"] == "json-pages-1.0"
    keys = {r[0] for r in db.execute("select key from articles where lang = 'vi' and capture_id is not null")}
    assert {p["id"] for p in pages[1:]} == keys
    assert all(p["url"] and p["ts"].endswith("Z") and p["title"] and p["text"] for p in pages[1:])
    indexed = {entry["url"] for entry in index}
    images = {
        r[0]
        for r in db.execute(
            "select c.url from images i join captures c on c.id = i.capture_id where i.article_key like 'baolongan:vi:%'"
        )
    }
    assert {p["url"] for p in pages[1:]} <= indexed and images <= indexed and SEED_IMAGE in indexed
    assert {r["path"] for r in package["resources"]} == {
        "archive/newsarchive.warc.gz",
        "indexes/index.cdx",
        "pages/pages.jsonl",
    }


def test_a_filter_chooses_the_articles(crawled, tmp_path, db):
    out = tmp_path / "y.wacz"
    newsarchive("wacz", str(out), "--db", str(crawled["db_path"]), "--lang", "en", "--since", "2024-01-01")
    with zipfile.ZipFile(out) as zf:
        pages = zf.read("pages/pages.jsonl").decode("utf-8").splitlines()[1:]
    want = db.execute(
        "select count(*) from articles where lang = 'en' and published_at >= '2024-01-01' and capture_id is not null"
    ).fetchone()[0]
    assert len(pages) == want > 0


@needs_pywb
def test_wacz_validate(wacz_file):
    done = subprocess.run(
        [str(PYWB_VENV / "bin" / "wacz"), "validate", "-f", str(wacz_file)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "Validation succeeded" in done.stdout, done.stdout + done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@needs_pywb
def test_pywb_replays_the_seed_article_and_its_image(wacz_file, tmp_path, db):
    bin_dir = PYWB_VENV / "bin"
    subprocess.run(
        [str(bin_dir / "wb-manager"), "init", "longan"], cwd=tmp_path, check=True, capture_output=True
    )
    subprocess.run(
        [str(bin_dir / "wb-manager"), "add", "--unpack-wacz", "longan", str(wacz_file)],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [str(bin_dir / "wayback"), "-b", "127.0.0.1", "-p", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        base = f"http://127.0.0.1:{port}/longan"
        with urllib.request.urlopen(f"{base}/mp_/{SEED_URL}", timeout=30) as page:
            assert page.status == 200 and "Cần Đước đẩy mạnh phong trào thi đua" in page.read().decode(
                "utf-8"
            )
        with urllib.request.urlopen(f"{base}/id_/{SEED_IMAGE}", timeout=30) as image:
            assert image.status == 200 and image.headers["Content-Type"] == "image/jpeg"
            size = db.execute("select byte_size from images where url = ?", [SEED_IMAGE]).fetchone()[0]
            assert len(image.read()) == size
    finally:
        server.terminate()
        server.wait(timeout=10)
