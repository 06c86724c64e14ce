"""Báo Long An (baolongan.vn, news.baolongan.vn): one id counter serves both editions."""

from newsarchive.sites import BAOLONGAN
from spiders.cms_baolongan import BaoLongAnCMSSpider


class BaoLongAnSpider(BaoLongAnCMSSpider):
    site = "baolongan"
    profile = BAOLONGAN
