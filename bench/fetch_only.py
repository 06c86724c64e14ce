"""Fetch-only twins of the Báo Long An spiders: the same discovery and link following, nothing extracted
or stored — the baseline a full-pipeline crawl is measured against."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from spiders.baolongan import BaoLongAnSpider
from spiders.baolongan_en import BaoLongAnEnSpider
from spiders.baolongan_vi import BaoLongAnViSpider
from spiders.base import feeds_frontier


class _FetchOnly(BaoLongAnSpider):
    @feeds_frontier
    def parse_article(self, response: Response) -> Iterator[Any]:
        """Follow inline article links exactly as the real spider does; yield no item."""
        if hasattr(response, "text"):
            self.queue_links(response, exclude=response.url)
        yield from ()


class FetchOnlyVi(_FetchOnly, BaoLongAnViSpider):
    name = "fetchonly_vi"


class FetchOnlyEn(_FetchOnly, BaoLongAnEnSpider):
    name = "fetchonly_en"


SPIDERS = (FetchOnlyVi, FetchOnlyEn)
