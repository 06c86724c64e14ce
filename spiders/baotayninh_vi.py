"""Báo Tây Ninh, Vietnamese edition (baotayninh.vn)."""

from spiders.baotayninh import BaoTayNinhSpider


class BaoTayNinhViSpider(BaoTayNinhSpider):
    name = "baotayninh_vi"
    lang = "vi"
    host = "baotayninh.vn"
