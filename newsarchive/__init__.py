"""newsarchive: crawl Long An provincial news (Vietnamese and English) into a SQLite archive served by Datasette.

Data flows one way: spiders → extract → normalize → store → serve/export.
"""

__version__ = "0.1.0"
