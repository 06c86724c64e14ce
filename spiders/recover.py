"""Recover one edition's articles from a web archive: its CDX index, then the original bytes of the captures.

Not an edition spider (`newsarchive crawl` never runs it): `newsarchive recover` starts one per edition with
`site` and `lang`, the archive and the window in its settings (`RECOVER_*`). Index queries run one after the
other; once all answered, each article not archived yet (all of them with `--refresh`) gets its captures
fetched newest first, and is yielded as one `RecoveredItem` holding its versions oldest first.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newsarchive import recover, sites
from newsarchive.capture_middleware import CAPTURE_META
from newsarchive.extract import NotAnArticle, extract_article
from newsarchive.failures import one_line
from newsarchive.items import ArticleItem, CrawlErrorItem
from newsarchive.pipelines import GONE_NOTE
from spiders.base import HREF

INDEX_MAXSIZE = 1024 * 1024 * 1024  # a whole site's CDX answer comes in one piece (pywb ignores paging)


class RecoverSpider(scrapy.Spider):
    name = "recover"

    def __init__(self, site: str = "", lang: str = "", **kwargs: Any) -> None:
        profile = sites.named(site)
        if profile is None:
            raise ValueError(f"no site {site!r}")
        super().__init__(name=f"recover_{site}_{lang}", **kwargs)
        self.site, self.lang, self.profile = site, lang, profile
        edition = next(h for h, edition_lang in profile.editions.items() if edition_lang == lang)
        self.host = profile.url_hosts.get(edition, edition)  # the host its article URLs are written on
        # One query per host alias (the portal's); `www.` and the schemes match anyway (SURT keys).
        self.hosts = [edition, *sorted(a for a, h in profile.extra_hosts.items() if h == edition)]
        self.rows: dict[str, list[recover.CdxRow]] = defaultdict(
            list
        )  # canonical article URL -> its captures
        self.queries: list[str] = []
        self.waiting: list[tuple[str, list[recover.Capture]]] = []

    # --- the index --------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        settings = self.crawler.settings
        self.archive = recover.archive_for(
            settings.get("RECOVER_ARCHIVE"),
            settings.get("RECOVER_COMMONCRAWL_COLLINFO"),
            settings.get("RECOVER_COMMONCRAWL_DATA"),
        )
        self.since, self.until = settings.get("RECOVER_SINCE") or None, settings.get("RECOVER_UNTIL") or None
        self.crawler.stats.set_value(
            "newsarchive/mode", "refresh" if settings.getbool("RECOVER_REFRESH") else "recover"
        )
        self.crawler.stats.set_value(
            GONE_NOTE, f"no index of {self.archive.name} answered (see crawl_errors)"
        )
        if self.archive.source == "commoncrawl":
            yield self._index_request(self.archive.collinfo, self.parse_collinfo)
            return
        self.queries = [
            recover.cdx_query(cdx, h, self.since, self.until) for cdx in self.archive.cdx for h in self.hosts
        ]
        for request in self._next_query():
            yield request

    def _index_request(self, url: str, callback: Any) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_index_error,
            meta={recover.ARCHIVE_META: True, "download_maxsize": INDEX_MAXSIZE, "download_warnsize": 0},
            dont_filter=True,
        )

    def parse_collinfo(self, response: Response) -> Iterator[Any]:
        try:
            endpoints = recover.commoncrawl_indexes(
                response.body, self.crawler.settings.getint("RECOVER_COMMONCRAWL_CRAWLS")
            )
        except recover.CdxError as exc:
            yield CrawlErrorItem(response.url, "fetch", str(exc), response.status, "bad_index", False)
            return
        self.queries = [
            recover.cdx_query(cdx, h, self.since, self.until) for cdx in endpoints for h in self.hosts
        ]
        yield from self._next_query()

    def _next_query(self) -> Iterator[Any]:
        if self.queries:
            yield self._index_request(self.queries.pop(0), self.parse_index)
        else:
            yield from self._plan()

    def parse_index(self, response: Response) -> Iterator[Any]:
        try:
            rows = recover.parse_cdx(response.body)
            # The archive answers: recover's "source" is there (crawl_runs.note stays empty).
            self.crawler.stats.inc_value("newsarchive/start_ok")
        except recover.CdxError as exc:
            yield CrawlErrorItem(response.url, "fetch", str(exc), response.status, "bad_index", False)
            rows = []
        found = []
        for row in rows:
            url = recover.article_url(self.profile, self.host, row.original)
            if url and recover.in_window(row, self.since, self.until):
                self.rows[url].append(row)
                found.append(recover.index_row(self.archive, url, row, self.site, self.lang))
        if found:
            yield recover.IndexItem(found)
        yield from self._next_query()

    def on_index_error(self, failure: Failure) -> Iterator[Any]:
        yield self._error_item(failure, None, False)
        if failure.request.callback == self.parse_index:  # type: ignore[attr-defined]
            yield from self._next_query()

    def _plan(self) -> Iterator[Any]:
        """Every index has answered: choose what to fetch (the database is the resume state)."""
        settings = self.crawler.settings
        refresh = settings.getbool("RECOVER_REFRESH")
        archived = recover.archived_urls(settings.get("ARCHIVE_DB"), self.site, self.lang)
        stats = self.crawler.stats
        stats.set_value("recover/found", len(self.rows))
        limit = settings.getint("RECOVER_MAX_VERSIONS")
        for url in sorted(self.rows, reverse=True):  # popped from the end: oldest URL first, as listed
            chosen = recover.versions(self.rows[url], limit)
            if url in archived:
                stats.inc_value("recover/archived")
                if not refresh:
                    continue
                chosen = chosen[-1:]  # the best capture only: older ones never overwrite what is stored
            if not chosen:
                stats.inc_value("recover/no_capture")
                continue
            self.waiting.append((url, [recover.capture(self.archive, row) for row in chosen]))
        self.rows.clear()
        stats.set_value("recover/to_fetch", len(self.waiting))
        for _ in range(settings.getint("CONCURRENT_REQUESTS")):
            yield from self._next_article()

    def due_requests(self) -> Iterator[scrapy.Request]:
        """The next article, after a callback that raised (`newsarchive.failures` asks for it): the chain goes on."""
        return self._next_article()

    # --- the captures -------------------------------------------------------------------------------

    def _next_article(self) -> Iterator[scrapy.Request]:
        if self.waiting:
            url, chosen = self.waiting.pop()
            yield self._capture_request(url, chosen, len(chosen) - 1, {})

    def _capture_request(
        self, url: str, chosen: list[recover.Capture], index: int, done: dict[int, ArticleItem]
    ) -> scrapy.Request:
        """Captures are fetched newest first: when the best one fails, the older ones are not asked for."""
        version = chosen[index]
        meta: dict[str, Any] = {
            recover.ARCHIVE_META: True,
            recover.CAPTURE_META: asdict(version),
            "dont_redirect": True,
        }
        return scrapy.Request(
            version.fetch_url,
            callback=self.parse_capture,
            errback=self.on_capture_error,
            headers={"Range": version.range} if version.range else None,
            meta=meta,
            cb_kwargs={"url": url, "chosen": chosen, "index": index, "done": done},
            dont_filter=True,
            priority=1,
        )

    def parse_capture(
        self,
        response: Response,
        url: str,
        chosen: list[recover.Capture],
        index: int,
        done: dict[int, ArticleItem],
    ) -> Iterator[Any]:
        self.crawler.stats.inc_value("recover/fetched")
        version = chosen[index]
        try:
            if not hasattr(response, "text"):
                raise NotAnArticle("response is not HTML")
            # Extracted under the canonical URL, as the live crawl's request for it would be.
            record = extract_article(response.body, url, response.headers.get("Content-Type"))
            if recover.article_url(self.profile, self.host, record["url"]) != record["url"]:
                # As in the live crawl: keyed on an article URL of this edition, or not at all.
                raise NotAnArticle(f"the page names no article of {self.host} ({record['url']})")
        except NotAnArticle as exc:
            reason = f"{exc} (the capture of {url})"
            yield CrawlErrorItem(
                version.archive_url, "extract", reason, response.status, "not_article", True, url
            )
        else:
            if record["published_at"] is None and index == len(chosen) - 1:
                yield CrawlErrorItem(
                    url, "extract", "no publication date found; stored without date", None, "no_date", False
                )
            links = sorted(
                {
                    link
                    for href in HREF.findall(response.text)
                    if (
                        link := recover.article_url(
                            self.profile, self.host, urljoin(version.original, html.unescape(href).strip())
                        )
                    )
                    and link != record["url"]
                }
            )
            done[index] = ArticleItem(record, links, response.meta.get(CAPTURE_META), version.provenance)
        yield from self._continue(url, chosen, index, done)

    def on_capture_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        kwargs = request.cb_kwargs
        yield self._error_item(failure, kwargs["url"], True)
        yield from self._continue(kwargs["url"], kwargs["chosen"], kwargs["index"], kwargs["done"])

    def _continue(
        self, url: str, chosen: list[recover.Capture], index: int, done: dict[int, ArticleItem]
    ) -> Iterator[Any]:
        best = len(chosen) - 1
        if index > 0 and best in done:
            yield self._capture_request(url, chosen, index - 1, done)
            return
        if best in done:
            yield recover.RecoveredItem([done[i] for i in sorted(done)])
        yield from self._next_article()

    def _error_item(self, failure: Failure, article: str | None, counts: bool) -> CrawlErrorItem:
        """A failed request to the archive, recorded under the archive's URL (the live crawl's backoff never
        sees it) with the article it was for as its target."""
        where = failure.request.url  # type: ignore[attr-defined]
        of = f" (the capture of {article})" if article else ""
        if failure.check(HttpError):
            status = failure.value.response.status
            return CrawlErrorItem(
                where, "fetch", f"HTTP {status}{of}", status, f"http_{status}", counts, article
            )
        message = (
            one_line(failure.value) if isinstance(failure.value, Exception) else failure.getErrorMessage()
        )
        kind = failure.type.__name__ if failure.type else "error"
        return CrawlErrorItem(where, "fetch", f"{message}{of}", None, kind, counts, article)
