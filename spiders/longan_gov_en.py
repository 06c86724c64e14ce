"""Long An provincial portal, English edition (eng.longan.gov.vn)."""

from spiders.longan_gov import LongAnGovSpider


class LongAnGovEnSpider(LongAnGovSpider):
    name = "longan_gov_en"
    lang = "en"
    host = "eng.longan.gov.vn"
