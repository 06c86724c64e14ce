"""Báo Long An, Vietnamese edition (baolongan.vn)."""

from spiders.baolongan import BaoLongAnSpider


class BaoLongAnViSpider(BaoLongAnSpider):
    name = "baolongan_vi"
    lang = "vi"
    host = "baolongan.vn"
