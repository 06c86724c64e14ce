"""Articles one spider of a crawl was redirected to and another spider of the same crawl fetches.

A page that redirects to the sibling edition (`redirect_edition`) or to the site's successor
(`redirect_successor`: baolongan.vn → baotayninh.vn) is a crawl_errors row with its target, and the plan
hands such targets to the receiving spider's next run. Within one process (`crawl --site all`) this registry
hands them over at once: the giver offers the target, the receiver takes it when idle, and a receiver stays
open while a spider that may still give it something is busy. Spiders in one process share the reactor's
thread, so plain module state is enough.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from .sites import SiteProfile, named, profile_for

_waiting: dict[str, list[str]] = defaultdict(list)  # receiving edition host -> target URLs
_gives_to: dict[str, frozenset[str]] = {}  # open spider -> edition hosts it may hand articles to
_busy: dict[str, bool] = {}  # open spider -> still fetching (not idle)


def receivers(profile: SiteProfile, host: str) -> frozenset[str]:
    """The edition hosts a spider of `profile` on `host` may hand articles to: the sibling editions and
    every edition of the successor site."""
    hosts = {h for h in profile.editions if h != host}
    heir = named(profile.successor) if profile.successor else None
    if heir is not None:
        hosts |= set(heir.editions)
    return frozenset(hosts)


def opened(spider: str, profile: SiteProfile, host: str) -> None:
    _gives_to[spider] = receivers(profile, host)
    _busy[spider] = True


def closed(spider: str) -> None:
    _gives_to.pop(spider, None)
    _busy.pop(spider, None)


def offer(url: str) -> None:
    """`url` is another edition's or site's article: its spider, if open in this crawl, takes it."""
    profile = profile_for(url)
    host = profile.canonical_host(urlsplit(url).hostname or "") if profile else None
    if host:
        _waiting[host].append(url)


def take(host: str) -> list[str]:
    """What was handed to `host` since it last asked."""
    return _waiting.pop(host, [])


def busy(spider: str, working: bool) -> None:
    """Whether `spider` still fetches (said when idle: it goes on only with articles waiting)."""
    if spider in _busy:
        _busy[spider] = working


def should_wait(spider: str, host: str) -> bool:
    """Whether a busy spider of this crawl may still hand `host` an article."""
    return any(busy and host in _gives_to.get(other, ()) for other, busy in _busy.items() if other != spider)
