"""Development-only generator of the offline mirror served by ``newsarchive crawl --mirror``.

Not part of the installed package: ``python -m mirrorgen.build`` (``make mirror``) rewrites the static pages
``newsarchive/mirror/sites/`` and the expected extractions ``newsarchive/mirror/truth/`` that the package ships.
"""
