"""Site profiles: which hosts belong to which source and edition, how their article URLs and markup look.

Profiles are data, not code, so extraction stays one set of functions for every site; spiders read their
hosts and URL patterns from here (newsarchive never imports spiders).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True)
class SiteProfile:
    """One source (a site family sharing a CMS) and its editions."""

    site: str
    editions: dict[str, str]  # canonical host -> lang
    article_url: re.Pattern[str]  # on the path; group "id"
    # CSS selectors of the site-hints layer, tried in order; hints only, the generic layer backs them up.
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    breadcrumb: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()
    extra_hosts: dict[str, str] = field(default_factory=dict)  # alias host -> canonical host

    def canonical_host(self, host: str) -> str | None:
        host = host.lower().split(":")[0]
        host = host[4:] if host.startswith("www.") else host
        if host in self.editions:
            return host
        return self.extra_hosts.get(host)

    def article_id(self, url: str) -> str | None:
        match = self.article_url.search(urlsplit(url).path)
        return match.group("id") if match else None

    def canonical_article_url(self, url: str) -> str | None:
        """`http://www.baolongan.vn/x-a1.html?utm=…` → `https://baolongan.vn/x-a1.html`: keyed on edition + id."""
        parts = urlsplit(url.strip())
        host = self.canonical_host(parts.hostname or "")
        if not host or not self.article_url.search(parts.path):
            return None
        return f"https://{host}{parts.path}"


# Báo Long An: one id counter serves both editions; a given id exists on one host only.
BAOLONGAN = SiteProfile(
    site="baolongan",
    editions={"baolongan.vn": "vi", "news.baolongan.vn": "en"},
    article_url=re.compile(r"/[^/]*?-a(?P<id>\d+)\.html$"),
    title=("h1.margintopbot10.fw600", "h1.fw600", ".detail-title", ".title-detail", "h1.title"),
    date=("span.pubdate", ".pubdate", "div.date", "span.time", ".date-time", ".time-detail", "time"),
    lead=("p.fontd", ".fontd", ".sapo", ".lead", ".detail-sapo", ".summary"),
    body=(
        "div.content-fck",
        ".content-fck",
        "#detail .content",
        "div.news-detail .content",
        "[itemprop=articleBody]",
        ".detail__content",
        ".detail-content",
        ".article-body",
        ".article-content",
        "#detail",
        "div.news-detail",
    ),
    breadcrumb=(".breadcrumb", ".breadcrumbs", "#breadcrumb", "nav[aria-label=breadcrumb]", "h1"),
    boilerplate=(".sharemxh", ".detail-related", ".boxtinmoi", ".lang-switch"),
    title_suffixes=(
        " - Báo Long An",
        " | Báo Long An",
        " - Long An Online",
        " | Long An Online",
        " - BAOLONGAN",
    ),
)

PROFILES: tuple[SiteProfile, ...] = (BAOLONGAN,)


def profile_for(url: str) -> SiteProfile | None:
    host = urlsplit(url).hostname or ""
    return next((p for p in PROFILES if p.canonical_host(host)), None)


def edition_for(url: str) -> tuple[str, str] | None:
    """(site, lang) of a URL's host, or None for a host no profile knows."""
    profile = profile_for(url)
    if profile is None:
        return None
    host = profile.canonical_host(urlsplit(url).hostname or "")
    assert host is not None
    return profile.site, profile.editions[host]
