"""The crawl's one scope rule: a spider is only ever handed pages of its own edition.

Scrapy's OffsiteMiddleware lets `dont_filter` requests (rechecks, and every request in mirror mode) follow a
redirect anywhere, and drops other off-site redirect hops silently when they are scheduled, to be fetched again
every run. `ScopeMiddleware` takes its place (settings: Scrapy's at None, this one at its 50): every request
for a spider callback, each redirect hop (HTTP or meta refresh) included, must be on the spider's edition —
its profile's canonical host, aliases such as `www.` included — judged on the real URL the request stands for
(mapped back from the mirror), before anything is sent. A request that is not fails with `OutOfScope`, which
the spider's errback records as a crawl_errors row under the URL first requested, so the plan backs it off
like any failure. Listings, feeds and article pages all pass here, and so do Scrapy's own requests: a
robots.txt off the edition (the mirror's own, asked for a request already sent there) is refused, which Scrapy
takes as "no robots.txt"; robots.txt was obeyed on the real URL before the request went to the mirror.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from . import sites
from .mirror_middleware import real_url
from .sites import SiteProfile

EDITION, SUCCESSOR = "redirect_edition", "redirect_successor"
HANDED_OVER = (EDITION, SUCCESSOR)  # out-of-scope kinds whose target another spider fetches (`handover`)
ARCHIVE_META = "newsarchive_archive"  # meta of a request to a web archive (`newsarchive.recover`)
IMAGE_META = "newsarchive_image"  # meta of an image request (`newsarchive.images`): judged on image hosts
REQUESTED = "newsarchive_requested_url"  # meta: the real URL first requested, kept across redirect hops


def requested_url(meta: Any, url: str) -> str:
    """The real URL first requested (before redirects, mapped back from the mirror), given a request's meta
    and URL: failures are recorded under it, so the plan backs off what it will ask for again."""
    return str(meta.get(REQUESTED) or meta.get("mirror_original_url") or url)


class OutOfScope(IgnoreRequest):
    """A request (usually a redirect's next hop) that would leave the spider's edition."""

    def __init__(self, requested: str, target: str, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.requested, self.target, self.kind, self.reason = requested, target, kind, reason


def edition_host(profile: SiteProfile, url: str) -> str | None:
    """The canonical edition host of `url` (`www.baolongan.vn` → `baolongan.vn`), None for a host not of `profile`."""
    return profile.canonical_host(urlsplit(url).hostname or "")


def in_edition(profile: SiteProfile, host: str, url: str) -> bool:
    """The scope rule: is `url` on the edition whose canonical host is `host`?"""
    here = edition_host(profile, url)
    return here is not None and here == profile.canonical_host(host)


def check(profile: SiteProfile, host: str, url: str, requested: str, redirected: bool) -> None:
    """Raise OutOfScope unless `url` is on the edition `host`.

    Declared exceptions go here, never elsewhere: a profile's image hosts (for image requests, `check_image`,
    and their robots.txt) and a web archive when recovering (`ScopeMiddleware`: its requests carry
    ARCHIVE_META, their original URLs judged by `recover.article_url` beforehand). A sibling edition of the
    same site is recorded as its own kind with its target, for that edition's spider to fetch from its links.
    """
    if in_edition(profile, host, url):
        return
    edition = profile.canonical_host(host)
    sibling = edition_host(profile, url)
    how = "redirected to" if redirected else "request for"
    if sibling:
        raise OutOfScope(
            requested,
            url,
            EDITION,
            f"{how} {url}, on the {profile.editions[sibling]} edition {sibling}, not {edition}: left to that edition's spider",
        )
    heir = sites.named(profile.successor) if profile.successor else None
    moved_to = edition_host(heir, url) if heir else None
    if heir and moved_to:
        raise OutOfScope(
            requested,
            url,
            SUCCESSOR,
            f"{how} {url}: moved to {moved_to}, the site of {heir.site}, which took over from "
            f"{profile.site}: left to its spider",
        )
    raise OutOfScope(
        requested,
        url,
        "redirect_offsite" if redirected else "offsite",
        f"{how} {url}, off the edition {edition}",
    )


def check_image(profile: SiteProfile, url: str, requested: str, redirected: bool) -> None:
    """Raise OutOfScope unless `url` is on one of the hosts the profile declares for its images
    (`image_hosts`, `www.` ignored): an image request, and each of its redirect hops, goes nowhere else."""
    host = (urlsplit(url).hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    if host in profile.image_hosts:
        return
    how = "redirected to" if redirected else "image request for"
    raise OutOfScope(
        requested,
        url,
        "redirect_offsite" if redirected else "offsite",
        f"{how} {url}, not an image host of {profile.site} ({', '.join(profile.image_hosts) or 'none'})",
    )


def image_robots(profile: SiteProfile, url: str) -> bool:
    """Scrapy's robots.txt request for an image host: asked of that host, so its rules are obeyed."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.path == "/robots.txt" and (host[4:] if host.startswith("www.") else host) in profile.image_hosts


class ScopeMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.mirror = crawler.settings.get("MIRROR_URL") or ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider: Any = self.crawler.spider
        profile: SiteProfile | None = getattr(spider, "profile", None)
        if profile is None or request.meta.get(ARCHIVE_META):
            return  # a recover spider's request to the archive (the index, or a capture of an edition's article)
        archive = getattr(spider, "archive", None)
        if archive is not None and request.url == f"{urlsplit(archive.replay).scheme}://{archive.host}/robots.txt":
            return  # the archive's own robots.txt, obeyed
        url = real_url(request.url, request.meta, self.mirror)
        requested = request.meta.setdefault(REQUESTED, url)
        redirected = bool(request.meta.get("redirect_urls"))
        if request.meta.get(IMAGE_META):
            check_image(profile, url, requested, redirected)
        elif not image_robots(profile, url):
            check(profile, spider.host, url, requested, redirected)
