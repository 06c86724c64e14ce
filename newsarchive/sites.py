"""Site profiles: which hosts belong to which source and edition, how their article URLs and markup look.

Profiles are data, not code, so extraction stays one set of functions for every site; spiders read their
hosts and URL patterns from here (newsarchive never imports spiders).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, unquote, urlsplit

from .normalize import slugify


@dataclass(frozen=True)
class SiteProfile:
    """One source (a site family sharing a CMS) and its editions."""

    site: str
    editions: dict[str, str]  # canonical host -> lang
    article_url: re.Pattern[str]  # on the path; group "id" unless `id_param` holds the id
    # CSS selectors of the site-hints layer, tried in order; hints only, the generic layer backs them up.
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    breadcrumb: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()
    extra_hosts: dict[str, str] = field(default_factory=dict)  # alias host -> canonical host
    # Query-keyed CMSs (SharePoint `DispForm.aspx?ID=620`): the id parameter (matched case-insensitively)
    # and the canonical article URL format; `url_hosts` maps a canonical host to the one URLs are written on.
    id_param: str | None = None
    article_path: str = ""
    url_hosts: dict[str, str] = field(default_factory=dict)
    category_param: str | None = None  # listing links carry the category name in this query parameter
    title_badges: tuple[str, ...] = ()  # badges printed after titles ("New" on the portal)
    # Where else a page names its own id: `::attr()` selectors, tried after the URL (a share button's link).
    id_hints: tuple[str, ...] = ()
    # Names of the publisher, never an author's: a head `author` of "Báo Long An" credits nobody.
    publishers: tuple[str, ...] = ()
    # A lead opening with the paper's own mark (`(BTN) -`): the mark goes to `sources` as printed, the lead
    # keeps the sentence. Each pattern's group "mark" is what is stored.
    lead_prefixes: tuple[re.Pattern[str], ...] = ()
    # Editions the site may have but nobody has seen: no spider is written for them and nothing probes.
    unknown_editions: tuple[str, ...] = ()
    # The site that took over (Báo Long An → Báo Tây Ninh): a redirect to its hosts is a move, not a loss.
    successor: str | None = None
    # Hosts (`www.` ignored) that serve the site's pictures: image requests go there only (`scope.check_image`).
    image_hosts: tuple[str, ...] = ()

    def canonical_host(self, host: str) -> str | None:
        host = host.lower().split(":")[0]
        host = host[4:] if host.startswith("www.") else host
        if host in self.editions:
            return host
        return self.extra_hosts.get(host)

    def article_id(self, url: str) -> str | None:
        parts = urlsplit(url.strip())
        match = self.article_url.search(parts.path)
        if not match:
            return None
        if self.id_param is None:
            return match.group("id")
        value = query_param(parts.query, self.id_param)
        return value if value and value.isdigit() else None

    def canonical_article_url(self, url: str) -> str | None:
        """`http://www.baolongan.vn/x-a1.html?utm=…` → `https://baolongan.vn/x-a1.html`: keyed on edition + id.

        Query-keyed sites keep only the id: `…/lists/tintucsukien/dispform.aspx?id=620&CategoryId=X` →
        `https://eng.longan.gov.vn/Lists/TinTucSuKien/DispForm.aspx?ID=620`.
        """
        parts = urlsplit(url.strip())
        host = self.canonical_host(parts.hostname or "")
        article_id = self.article_id(url)
        if not host or not article_id:
            return None
        if self.id_param is None:
            return f"https://{host}{parts.path}"
        return f"https://{self.url_hosts.get(host, host)}{self.article_path.format(id=article_id)}"

    def category(self, url: str) -> str | None:
        """Category slug named by a listing link's query (`TongQuat.aspx?CategoryId=Culture%20-%20Sport`)."""
        if not self.category_param:
            return None
        name = query_param(urlsplit(url).query, self.category_param) or ""
        return None if is_mangled(name) else slugify(name) or None


def query_param(query: str, name: str) -> str | None:
    """A query parameter's decoded value, the name matched case-insensitively (SharePoint ignores case)."""
    wanted = name.lower()
    return next((v.strip() for k, v in parse_qsl(query) if k.lower() == wanted), None)


def is_mangled(value: str) -> bool:
    """Category names double-encoded (`v%u0103n`, `v%25u0103n`) or already broken to U+FFFD."""
    return "\ufffd" in value or bool(re.search(r"%u[0-9a-f]{4}", unquote(value), re.IGNORECASE))


# The Báo Long An CMS, shared by Báo Long An and its successor Báo Tây Ninh: a template, not a site.
BAOLONGAN_CMS = SiteProfile(
    site="",
    editions={},
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
    id_hints=("img[data-socail-link]::attr(data-socail-link)",),
)

# Báo Long An: one id counter serves both editions; a given id exists on one host only.
BAOLONGAN = replace(
    BAOLONGAN_CMS,
    site="baolongan",
    editions={"baolongan.vn": "vi", "news.baolongan.vn": "en"},
    publishers=("Long An",),
    successor="baotayninh",
    image_hosts=("baolongan.vn", "news.baolongan.vn"),  # www.baolongan.vn serves both editions' pictures
    title_suffixes=(
        " - Báo Long An",
        " | Báo Long An",
        " - Long An Online",
        " | Long An Online",
        " - BAOLONGAN",
    ),
)

# Báo Tây Ninh (from 1 July 2025 the paper of the merged province, Long An's communes included): the same CMS,
# its own id counter (its ids overlap Báo Long An's numerically; keys keep them apart), leads opening
# `(BTN) -`, dates printed `Thứ sáu: 15:00 ngày 09/02/2024`. Its English edition is unknown.
BAOTAYNINH = replace(
    BAOLONGAN_CMS,
    site="baotayninh",
    editions={"baotayninh.vn": "vi"},
    publishers=("Tây Ninh",),
    lead_prefixes=(re.compile(r"^\((?P<mark>BTN)\)\s*[-–—]\s*"),),
    unknown_editions=("en",),
    image_hosts=("baotayninh.vn",),
    title_suffixes=(" - Báo Tây Ninh", " | Báo Tây Ninh", " - Báo Tây Ninh Online", " | Báo Tây Ninh Online"),
)

# Long An provincial portal (SharePoint 2013): two separate sites, so each edition has its own ID counter.
LONGAN_GOV = SiteProfile(
    site="longan_gov",
    editions={"longan.gov.vn": "vi", "eng.longan.gov.vn": "en"},
    article_url=re.compile(r"^/Lists/TinTucSuKien/DispForm\.aspx$", re.IGNORECASE),
    id_param="ID",
    article_path="/Lists/TinTucSuKien/DispForm.aspx?ID={id}",
    url_hosts={"longan.gov.vn": "www.longan.gov.vn"},
    image_hosts=("longan.gov.vn", "eng.longan.gov.vn"),
    category_param="CategoryId",
    title_badges=("New", "Mới"),
    publishers=("Long An",),
    title=(
        ".news-title",
        ".TieuDe",
        ".tieude",
        ".title-news",
        "[id$=PlaceHolderMain_Title]",
        "[id*=TitleField]",
        ".ms-rtestate-field h1",
        "h1.title",
    ),
    date=(".news-date", ".NgayDang", ".ngaydang", ".date", ".time"),
    lead=(".news-summary", ".TomTat", ".tomtat", ".summary", ".sapo"),
    body=(
        ".news-content",
        ".NoiDung",
        ".noidung",
        ".news-detail .ms-rtestate-field",
        ".article-content",
        ".ms-rtestate-field",
    ),
    breadcrumb=(".breadcrumb", ".ms-breadcrumb", "[id$=TitleBreadcrumb]", ".duongdan"),
    boilerplate=("#s4-ribbonrow", "#suiteBar", ".ms-skip", ".ms-SkiptoNavigation"),
    title_suffixes=(
        " - Cổng thông tin điện tử tỉnh Long An",
        " - Long An Portal",
        " - Long An Provincial Portal",
    ),
)

PROFILES: tuple[SiteProfile, ...] = (BAOLONGAN, BAOTAYNINH, LONGAN_GOV)


def named(site: str) -> SiteProfile | None:
    return next((p for p in PROFILES if p.site == site), None)


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
