"""What spiders yield: an extracted article, or a page that failed and must be recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class ArticleItem:
    """One article as `extract_article` returned it (the `newsarchive extract` JSON record)."""

    record: dict[str, Any]
    capture_id: int | None = None  # the `captures` row of the response it was extracted from


@dataclass
class CrawlErrorItem:
    """A page that could not be fetched or parsed; it becomes a `crawl_errors` row, never a crash."""

    url: str
    stage: str  # fetch | extract
    reason: str
    http_status: int | None = None
