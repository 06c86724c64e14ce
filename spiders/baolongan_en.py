"""Báo Long An, English edition (news.baolongan.vn)."""

from spiders.baolongan import BaoLongAnSpider


class BaoLongAnEnSpider(BaoLongAnSpider):
    name = "baolongan_en"
    lang = "en"
    host = "news.baolongan.vn"
