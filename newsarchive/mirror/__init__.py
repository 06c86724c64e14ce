"""Offline, deterministic mirror of Báo Long An (baolongan.vn) and Long An Online (news.baolongan.vn).

``build.py`` generates ``sites/`` (static pages) and ``truth/`` (expected extraction);
``server.py`` serves them.
"""

from .server import SITES_ROOT, MirrorServer, serve

__all__ = ["SITES_ROOT", "MirrorServer", "serve"]
