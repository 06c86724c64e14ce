"""What spiders yield: an extracted article, a page that failed, or an archived article now gone."""

from __future__ import annotations

from dataclasses import dataclass, field

from .record import Article


@dataclass
class ArticleItem:
    """One article as `extract_article` returned it (the `newsarchive extract` JSON record)."""

    record: Article
    links: list[str] = field(default_factory=list)  # canonical URLs of articles this page links to
    capture_id: int | None = None  # the `captures` row of the response it was extracted from
    # Recovered from a web archive: source (wayback | commoncrawl), captured_at and archive_url (`recover`).
    provenance: dict[str, str] | None = None


@dataclass
class CrawlErrorItem:
    """A page that could not be fetched or parsed; it becomes a `crawl_errors` row, never a crash."""

    url: str
    stage: str  # fetch | extract
    reason: str
    http_status: int | None = None
    kind: str = "error"  # http_404, http_500, timeout, too_large, redirect_loop, not_article, no_date, …
    failed_article: bool = True  # counts towards the run's article failure rate
    target: str | None = None  # where a redirect pointed (off-site, the sibling edition, another id)


@dataclass
class GoneItem:
    """An archived article that the source now answers 404/410 for."""

    url: str
    http_status: int
