"""Offline, deterministic mirror of Báo Long An (baolongan.vn) and Long An Online (news.baolongan.vn).

``sites/`` (static pages) and ``truth/`` (expected extraction) are written by the development-only generator
``mirrorgen/`` at the top of the repository (not installed); ``server.py`` serves them.
"""

from .server import SITES_ROOT, MirrorServer, serve

__all__ = ["SITES_ROOT", "MirrorServer", "serve"]
