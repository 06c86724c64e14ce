"""Scrapy settings for every newsarchive spider, in one place.

Deploy-specific values come from the environment (ARCHIVE_DB) or `newsarchive crawl` options.
"""

from __future__ import annotations

import os

from . import __version__

BOT_NAME = "newsarchive"
# Spiders live in the top-level `spiders` package beside `newsarchive` (pytest: pythonpath ["."]).
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

ARCHIVE_DB = os.environ.get("ARCHIVE_DB", "archive.db")
MIRROR_URL = os.environ.get("NEWSARCHIVE_MIRROR_URL", "")  # "" = the real sites

# Politeness towards the real sites.
# Honest and reachable: deployments set NEWSARCHIVE_CONTACT to their own page or mailto: address.
CONTACT = os.environ.get("NEWSARCHIVE_CONTACT", "https://github.com/newsarchive/newsarchive")
USER_AGENT = f"newsarchive/{__version__} (+{CONTACT}; research archive of Long An news)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
DOWNLOAD_TIMEOUT = 30
# Certificates of the real sites are verified against the platform's trust store (Scrapy's default is not
# to verify). A failure is a `tls` row naming this setting; `-s DOWNLOAD_VERIFY_CERTIFICATES=False` turns it off.
DOWNLOAD_VERIFY_CERTIFICATES = True
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # a news page is < 1 MB; bigger answers are recorded, not parsed
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's RemoteControl runs Python sent to it over HTTP (token in a job file in the user's profile): not
# for an unattended cron job, and nothing here needs it.
REMOTE_CONTROL_ENABLED = False
HTTPCACHE_ENABLED = False
DEPTH_PRIORITY = 0
# Requests kept in Scrapy's scheduler; further article links wait as plain URLs (spiders/frontier.py), so a
# crawl's memory does not grow with the links it has found. Well above the listings a site has pending.
NEWSARCHIVE_QUEUE_TARGET = 100
# Pages followed per listing (a section, a portal category), in every run mode: a listing whose page N always
# links page N+1 would otherwise never end. Far past the real depth (README, "Crawling the real sites").
NEWSARCHIVE_MAX_LISTING_PAGES = 10_000
# Distinct listings (sections, subsections, portal categories) followed per run: the real sites have a few
# dozen each; a site whose pages always link one more new section would otherwise never end either.
NEWSARCHIVE_MAX_LISTINGS = 2_000

DOWNLOADER_MIDDLEWARES = {
    # The scope rule (newsarchive/scope.py) in place of Scrapy's offsite filter, which lets dont_filter requests
    # redirect anywhere and drops other off-site redirects without a word.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsarchive.scope.ScopeMiddleware": 50,
    "newsarchive.images.ImageBudgetMiddleware": 55,  # waiting images once the run's image budget is spent
    # Above RetryMiddleware (550): a certificate that does not verify is a `tls` row at once, not retried.
    "newsarchive.tls.TLSFailureMiddleware": 560,
    # After RobotsTxtMiddleware (100), so robots.txt is asked of the real host name, and served by the mirror.
    "newsarchive.mirror_middleware.MirrorMiddleware": 120,
    # Next to the wire (after DownloaderStats 850, before HttpCache 900): every exchange, still compressed.
    "newsarchive.capture_middleware.CaptureMiddleware": 880,
    # Recovering only: nearest the wire, a web archive's 429/503 waits out Retry-After (newsarchive/recover.py).
    "newsarchive.recover.ArchiveMiddleware": 890,
}
SPIDER_MIDDLEWARES = {
    "newsarchive.capture_middleware.CaptureLinkMiddleware": 50,
    "newsarchive.failures.PageFailures": 950,  # nearest the spider: any callback exception becomes a row
}
# Raw WARC captures of every exchange, in captures/ beside ARCHIVE_DB unless CAPTURES_DIR says otherwise.
CAPTURES_ENABLED = True
CAPTURES_DIR = os.environ.get("NEWSARCHIVE_CAPTURES_DIR", "")
CAPTURES_MAX_BYTES = 100 * 1024 * 1024  # rotate WARC files at about this size
# Images of articles (newsarchive/images.py): fetched once each, at a lower priority than pages, from the
# profile's image hosts only; `crawl --no-images` turns them off. Per image and (0 = no limit) per run.
IMAGES_ENABLED = True
IMAGES_MAX_BYTES = 15 * 1024 * 1024
IMAGES_MAX_RUN_BYTES = 0
# `newsarchive recover` (newsarchive/recover.py): the archive (wayback, commoncrawl or a collection URL) and the
# capture window, set by its options; captures fetched per article at most (the newest distinct ones).
RECOVER_ARCHIVE = ""
RECOVER_SINCE = ""
RECOVER_UNTIL = ""
RECOVER_REFRESH = False
RECOVER_MAX_VERSIONS = 10
RECOVER_BACKOFF_TIMES = 5  # 429/503 answers waited out per request, Retry-After's seconds each (at most MAX)
RECOVER_BACKOFF_MAX = 600.0
RECOVER_COMMONCRAWL_COLLINFO = "https://index.commoncrawl.org/collinfo.json"
RECOVER_COMMONCRAWL_DATA = "https://data.commoncrawl.org/"
RECOVER_COMMONCRAWL_CRAWLS = 0  # the newest N crawls' indexes only (0: every crawl)
ITEM_PIPELINES = {
    "newsarchive.pipelines.ArchivePipeline": 300,
}
EXTENSIONS = {
    "newsarchive.progress.Progress": 500,
}
NEWSARCHIVE_PROGRESS = False  # `newsarchive crawl` turns the progress line on

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
