"""Thin Scrapy spiders, one module per site edition, on a shared base per site (`scrapy list` finds them)."""
