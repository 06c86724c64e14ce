"""Titles as text: the site name off a head title, entities unescaped once, and whether two titles agree.

Head titles (`og:title`, `<title>`, JSON-LD `headline`) carry a site name or an SEO slug; the visible heading
does not, but a page may print several headings (logo, sidebar boxes). The heading the head titles vouch for
is the article's title: these pure functions decide "vouch for", `extract._title` walks the page.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from .normalize import clean_text, fold

# A head title is "Title | Site", "Site - Title", "Title :: Section"; a bare "-" only before an SEO slug.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|:|·|»)\s+|\s*(?:\||::)\s*")
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_WORD = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_SLUG_TAIL = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)+")
# Host labels that name no site: "hcm.24h.com.vn" is the site "24h".
_GENERIC_LABELS = frozenset("www m mobile amp news tin com net org gov edu co ac info biz vn uk".split())


def unescape_once(title: str) -> str:
    """`&quot;` left in a head title (the CMS escaped it twice: `&amp;quot;`) becomes `"`; decoded once only."""
    return clean_text(html.unescape(title)) if _ENTITY.search(title) else title


def tokens(title: str) -> list[str]:
    """Words of a title compared without case, marks, quotes or punctuation."""
    return _WORD.findall(fold(title))


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", fold(text))


def site_labels(url: str) -> tuple[str, ...]:
    """The host's naming labels, compacted: `hcm.24h.com.vn` → ("hcm", "24h"), `sportsnet.ca` → ("sportsnet",)."""
    labels = (urlsplit(url).hostname or "").lower().split(".")
    return tuple(label for label in labels[:-1] if label and label not in _GENERIC_LABELS)


def is_site_name(text: str, site_names: tuple[str, ...], url: str, *, loose: bool = False) -> bool:
    """Whether `text` names the site: its `og:site_name` (or a part of it) or its host ("TheHill"); `loose`
    also takes the host's name with a word added ("Zing News", "Báo Thanh Niên"), for a part cut off a head
    title only: a heading "Bitcoin crashes" on bitcoin.com is a title."""
    compact = _compact(text)
    if not compact or len(text.split()) > 6:
        return False
    for name in site_names:
        parts = [name, *_SEPARATOR.split(name)]
        if any(compact == _compact(part) for part in parts if part):
            return True
    host = urlsplit(url).hostname or ""
    whole = _compact(host.removeprefix("www."))
    if compact == whole:  # "Sportsnet.ca", "cleveland.com"
        return True
    return any(
        compact == label
        or (
            loose
            and len(label) >= 4
            and (compact.startswith(label) or compact.endswith(label))
            and len(compact) <= 2 * len(label)
        )
        for label in site_labels(url)
    )


def _slug_tail_at(title: str) -> int | None:
    """Where a glued SEO slug starts: "Hàn Quốc-lo luyen thi cong chuc o han" (the tail folds the head)."""
    for match in reversed(list(re.finditer(r"\s*-\s*", title))):
        head, tail = title[: match.start()], title[match.end() :]
        if not _SLUG_TAIL.fullmatch(tail) or head == fold(head):
            continue  # a slug is lower-case ASCII; a head that folds to itself has nothing to fold
        words, known = tail.split(), set(tokens(head))
        if len(words) >= 3 and sum(w in known for w in words) >= 0.6 * len(words):
            return match.start()
    return None


def strip_site_name(title: str, site_names: tuple[str, ...], url: str) -> str:
    """`title` without a leading or trailing site name (or a trailing SEO slug); the rest never emptied."""
    title = clean_text(title)
    cut = _slug_tail_at(title)
    if cut is not None:
        title = title[:cut].rstrip()
    while True:
        parts = [m for m in _SEPARATOR.finditer(title)]
        if not parts:
            return title
        last, first = parts[-1], parts[0]
        if is_site_name(title[last.end() :], site_names, url, loose=True) and title[: last.start()].strip():
            title = title[: last.start()].strip()
        elif (
            is_site_name(title[: first.start()], site_names, url, loose=True) and title[first.end() :].strip()
        ):
            title = title[first.end() :].strip()
        else:
            return title


def agreement(heading: str, head_title: str) -> int:
    """How well a visible heading matches a head title: 3 same words, 2 one holds the other (a site name, a
    section or a cut-off tail aside), 1 most words shared, 0 not the same title."""
    a, b = tokens(heading), tokens(head_title)
    if not a or not b:
        return 0
    if a == b:
        return 3
    # The site or section beside the title: "Giá lúa - Báo Mẫu" does not vouch for a heading "Báo Mẫu". The
    # title is the longest part; of parts as long, the first ("Title - Site" is the commoner order).
    segments = [tokens(part) for part in _SEPARATOR.split(head_title)]
    if len(segments) > 1 and a in segments and a != max(segments, key=len):
        return 0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 2 and len(short) >= 0.5 * len(long):
        n = len(short)
        if any(long[i : i + n] == short for i in range(len(long) - n + 1)):
            return 2
    shared = len(set(a) & set(b))
    return 1 if len(a) >= 3 and 2 * shared >= 0.8 * (len(set(a)) + len(set(b))) else 0
