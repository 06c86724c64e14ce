"""Development-only generator of the offline mirror served by ``newsarchive crawl --mirror``.

Not part of the installed package: ``python -m mirrorgen`` (``make mirror``) rewrites the static pages
``newsarchive/mirror/sites/`` and the expected extractions ``newsarchive/mirror/truth/`` that the package ships.
One module per site (``baolongan.py``, ``longan_gov.py``) with its texts beside it; the pages of the Báo Long An
CMS, which other papers share, are ``cms_baolongan.py``; ``build.py`` runs the sites in order.
"""
