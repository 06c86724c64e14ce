"""Báo Tây Ninh (baotayninh.vn): the Báo Long An CMS with its own id counter; Vietnamese only (its English
edition is unknown, so no spider probes for one)."""

from newsarchive.sites import BAOTAYNINH
from spiders.cms_baolongan import BaoLongAnCMSSpider


class BaoTayNinhSpider(BaoLongAnCMSSpider):
    site = "baotayninh"
    profile = BAOTAYNINH
