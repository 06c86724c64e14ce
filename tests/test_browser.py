"""A real browser (Debian's headless Chromium via Selenium) against `newsarchive serve`: search, article page,
chart, and a hostile title that must stay text. Skipped, with the reason shown, where Chromium is absent."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from newsarchive import store
from newsarchive.captures import captures_dir

from .conftest import REPO

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Chromium not installed: apt-get install chromium chromium-driver (.ci/run does)",
)
SEED_PATH = "/article/baolongan:vi:133682"
XSS_TITLE = "<img src=x onerror=alert(1)>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(crawled, tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "archive.db"
    conn = sqlite3.connect(crawled["db_path"])
    conn.execute("vacuum into ?", [str(path)])
    conn.close()
    shutil.copytree(captures_dir(crawled["db_path"]), captures_dir(path))  # the images' WARC records
    db = store.open_db(path)
    store.upsert_article(
        db,
        {
            "site": "baolongan",
            "lang": "en",
            "article_id": "999001",
            "url": "https://news.baolongan.vn/x-a999001.html",
            "title": XSS_TITLE,
            "lead": "Hostile markup test",
            "body_text": "<script>alert(2)</script> and <b onmouseover=alert(3)>bold</b>",
            "published_at": "2024-01-01T08:00:00+07:00",
            "images": [{"url": "javascript:alert(4)", "caption": "<svg onload=alert(5)>"}],
        },
        None,
    )
    db.close()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "serve", "--db", str(path), "--port", str(port)], cwd=REPO
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("newsarchive serve did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    # Offline: every host but 127.0.0.1 fails to resolve; the performance log records every request tried.
    options.add_argument("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        return driver.switch_to.alert is None  # an open dialog means injected script ran
    except NoAlertPresentException:
        return True


def test_search_open_article_and_chart(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/archive/articles")
    box = browser.find_element(By.ID, "_search")
    box.send_keys("can duoc", Keys.ENTER)
    link = WebDriverWait(browser, 10).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, f'a[href="{SEED_PATH}"]'))
    )
    assert "_search=can+duoc" in browser.current_url
    link.click()
    WebDriverWait(browser, 10).until(ec.url_contains(SEED_PATH))
    title = browser.find_element(By.CSS_SELECTOR, "h1.article-title").text
    assert title.startswith("Cần Đước đẩy mạnh phong trào thi đua")
    assert browser.find_element(By.CSS_SELECTOR, "figure figcaption").text
    assert "Huỳnh Hương" in browser.find_element(By.CSS_SELECTOR, ".article-meta").text

    browser.get(f"{server}/coverage")
    svg = browser.find_element(By.CSS_SELECTOR, "svg.coverage-chart")
    size = svg.size
    assert size["width"] > 100 and size["height"] > 50
    assert len(svg.find_elements(By.CSS_SELECTOR, "circle")) > 10
    assert len(svg.find_elements(By.CSS_SELECTOR, "polyline")) == 2


SCREENSHOTS = REPO / "build" / "screenshots"  # for people to look at; never committed (build/ is ignored)


def test_search_page_highlights_switches_language_and_draws_attention(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.set_window_size(1400, 1000)
    browser.get(f"{server}/")
    browser.find_element(By.CSS_SELECTOR, 'form.search-box input[name="q"]').send_keys("can duoc", Keys.ENTER)
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".search-results")))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    marks = {m.text for m in browser.find_elements(By.CSS_SELECTOR, ".search-results mark")}
    assert "Cần Đước" in marks and "Can Duoc" in marks
    first = browser.find_elements(By.CSS_SELECTOR, ".search-result h2 a")[:3]
    assert SEED_PATH in [a.get_attribute("pathname") for a in first]
    chart = browser.find_element(By.CSS_SELECTOR, "figure.attention svg")
    assert chart.size["width"] > 300 and chart.find_elements(By.CSS_SELECTOR, "circle")
    box = browser.find_element(By.CSS_SELECTOR, 'form.search-box input[name="q"]')
    assert box.location["y"] < 150  # the box on the first screen, at the top
    browser.save_screenshot(str(SCREENSHOTS / "search-vi.png"))

    browser.find_element(By.CSS_SELECTOR, "a.ui-switch").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert "Most relevant" in browser.find_element(By.CSS_SELECTOR, ".search-total").text
    assert browser.find_elements(By.CSS_SELECTOR, ".search-results mark")
    browser.save_screenshot(str(SCREENSHOTS / "search-en.png"))

    browser.find_element(By.CSS_SELECTOR, f'.search-result h2 a[href="{SEED_PATH}"]').click()
    WebDriverWait(browser, 10).until(ec.url_contains(SEED_PATH))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"  # the choice is kept
    assert "13 April 2022" in browser.find_element(By.CSS_SELECTOR, ".article-meta").text
    browser.save_screenshot(str(SCREENSHOTS / "article-en.png"))

    browser.get(f"{server}/archive/articles")
    box = browser.find_element(By.ID, "_search")
    assert box.location["y"] < 1000  # on the first screen (it was at y=1483 under 28 column notes)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 1400, width
    browser.save_screenshot(str(SCREENSHOTS / "articles-table.png"))


def test_hostile_title_stays_text(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/article/baolongan:en:999001")
    time.sleep(0.5)  # give any injected handler the chance to fire
    assert no_alert(browser)
    assert browser.find_element(By.CSS_SELECTOR, "h1.article-title").text == XSS_TITLE
    assert "<script>alert(2)</script>" in browser.find_element(By.CSS_SELECTOR, ".article-body").text
    assert browser.find_elements(By.CSS_SELECTOR, ".archived-article img, .archived-article script") == []

    browser.get(f"{server}/archive/articles?_search=onerror")
    time.sleep(0.5)
    assert no_alert(browser)
    assert XSS_TITLE in browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns").text


def test_article_page_reads_offline_with_its_image(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get_log("performance")  # start the network log here
    browser.get(f"{server}{SEED_PATH}")
    image = browser.find_element(By.CSS_SELECTOR, "figure.article-image img")
    WebDriverWait(browser, 10).until(lambda _: image.get_property("complete"))
    assert image.get_property("naturalWidth") > 0
    assert image.get_attribute("src").startswith(f"{server}/image/")
    caption = browser.find_element(By.CSS_SELECTOR, "figure.article-image figcaption").text
    assert caption.startswith("Các cơ quan, đơn vị ký kết giao ước thi đua năm 2022")
    asked = [
        event["params"]["request"]["url"]
        for event in (json.loads(entry["message"])["message"] for entry in browser.get_log("performance"))
        if event["method"] == "Network.requestWillBeSent"
    ]
    assert image.get_attribute("src") in asked
    assert {urlsplit(url).hostname for url in asked if not url.startswith("data:")} == {"127.0.0.1"}
