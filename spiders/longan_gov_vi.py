"""Long An provincial portal, Vietnamese edition (www.longan.gov.vn): also `/Pages/TinTuc.aspx` category pages."""

from spiders.longan_gov import NEWS_LIST, LongAnGovSpider


class LongAnGovViSpider(LongAnGovSpider):
    name = "longan_gov_vi"
    lang = "vi"
    host = "www.longan.gov.vn"
    listing_paths = (NEWS_LIST, "/Pages/TinTuc.aspx")
