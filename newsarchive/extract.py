"""Layered article extraction: plain functions over (html, url) → one normalized record.

Each field is taken from the first layer that yields it — head metadata (JSON-LD, OpenGraph, canonical
link) → site hints (selectors from `sites.py`) → a generic layer (text density over the page, then
trafilatura) — and `layers` records which one did. The crawl, `newsarchive extract` and re-parses of stored
pages all call `extract_article`, so they cannot disagree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from . import encodings, sharepoint, sites, titles
from .blocks import (
    CAPTION_CLASS_RE,
    Block,
    in_boilerplate,
    keep,
    linearize,
    name_words,
    named_boilerplate,
    skippable,
    text_of,
)
from .normalize import (
    PrintedDate,
    absolute_url,
    classify_credit_line,
    clean_text,
    fold,
    parse_iso_datetime,
    parse_labelled_datetime,
    parse_vn_datetime,
    slugify,
)
from .record import Article as Record
from .selectors import Selection

BOILERPLATE_LINE = re.compile(
    r"^((chia sẻ|share)\b[^.!?]{0,80}|tags?|từ khóa|bình luận|ý kiến bạn đọc|tin liên quan"
    r"|bài liên quan|related( news| articles| stories)?|in bài|print|gửi bài|lên đầu trang|back to top"
    r"|tiếng việt \| english|vietnamese \| english)\s*:?$",
    re.IGNORECASE,
)
BREADCRUMB_SEPARATORS = re.compile(r"[»>/|›]")
# A link to an article page rather than a section: a page file, or a last segment that is a slug or an id.
ARTICLE_HREF = re.compile(r"\.s?html?$|/[^/]*(?:-[^/-]+){3,}/?$|/[^/]*\d{5,}[^/]*/?$")
# A body line that is a date: day first with a two- or four-digit year, or year first.
NUMERIC_DATE = (
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}"  # day first (two- or four-digit year), ISO
)
DATE_LINE = re.compile(rf"^[^\n]{{0,40}}(?:{NUMERIC_DATE})[^\n]{{0,25}}$")
EXPLICIT_CREDIT = re.compile(r"^(\(.{2,80}\)\.?$|nguồn\s*:|source\s*:|translated by\b|by\s+[A-ZĐ])", re.I)
MIN_BODY_CHARS = 80
# An undated page outside any known body container needs this much text to pass for an article: below
# it, it is likelier a contact form, a notice or an error page.
MIN_UNDATED_BODY_CHARS = 600
NON_TEXT_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "select",
    "textarea",
    "template",
    "button",
    "svg",
)
# Cheap test before parsing a text as a date: numeric, ISO, month-name and "tháng" forms.
DATE_HINT = re.compile(
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?!\d)|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"
    r"|tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}",
    re.IGNORECASE,
)


# Compiled once: `.xpath()` and parsel's `.css()`/`.xpath()` recompile the expression on each call.
_TEXT_NODES = etree.XPath("text()")
_DOC_TITLE = etree.XPath("//title/text()")
_LINKS = etree.XPath(".//a")
_LINK_HREFS = etree.XPath(".//a/@href")
_HREF_LINKS = etree.XPath(".//a[@href]")
_TEASER_HEADLINES = etree.XPath("./*[self::h2 or self::h3 or self::h4 or self::h5][.//a[@href]]")


def _css(page: _Page, css: str) -> list[Any]:
    """Elements (or attribute strings, for `::attr()`) matching `css` in the page, in document order."""
    return page.selection.css(css)


class NotAnArticle(ValueError):
    """The page is not a news article (listing, contact page, error page, truncated download…)."""


@dataclass
class _Page:
    url: str
    root: etree._Element
    profile: sites.SiteProfile | None
    selection: Selection
    layers: dict[str, str] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    order: dict[etree._Element, int] | None = None  # document position of every element, built on demand


def decode_html(body: bytes, content_type: str | bytes | None = None) -> str:
    """Bytes → text, in whichever encoding a Vietnamese page came (see `encodings.decode_page`)."""
    return encodings.decode_page(body, content_type)


# libxml2 stops building the tree at 256 levels (2,048 with huge_tree) and drops the rest of the page: a body
# inside thousands of nested <div>s came out empty. Such a page is parsed again with the excess tags removed.
MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _parse(html: str) -> etree._Element:
    """The page as a tree of plain lxml elements, as parsel parses a crawl's responses, every level kept."""
    for text in (html, None):
        body = (text if text is not None else _flatten(html)).strip().replace("\x00", "").encode("utf-8")
        parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=False)
        try:
            root = etree.fromstring(body or b"<html/>", parser=parser)
        except etree.XMLSyntaxError:
            root = None
        if not any("Excessive depth" in error.message for error in parser.error_log):
            break
    return root if root is not None else etree.fromstring(b"<html/>", parser=parser)


def _flatten(html: str) -> str:
    """`html` without the start and end tags of elements nested deeper than MAX_DEPTH; all text stays."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, kept)
    depth = last = 0
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        keep = True
        if closing:
            opened = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
            if opened is not None:
                keep = stack[opened][1]
                depth -= sum(kept for _, kept in stack[opened:])
                del stack[opened:]
        elif name not in _VOID and not match.group(0).endswith("/>"):
            keep = depth < MAX_DEPTH
            stack.append((name, keep))
            depth += keep
        if not keep:
            out.append(html[last : match.start()])
            last = match.end()
    out.append(html[last:])
    return "".join(out)


def extract_article(html: str | bytes, url: str, content_type: str | bytes | None = None) -> Record:
    """Extract and normalize one article page. Raises NotAnArticle with a one-line reason.

    `html` may be the raw bytes of the response (with its Content-Type header) or decoded text.
    """
    if isinstance(html, bytes):
        html = decode_html(html, content_type)
    else:
        html = encodings.fix_legacy_fonts(html)  # text already read as Latin-1 may be TCVN3 or VNI
    if not html or html.isspace():  # not `html.strip()`: that copies the page
        raise NotAnArticle("empty response body")
    html = sharepoint.unescape_word_html(html)
    # parsel's parse (as in a crawl), into plain lxml elements: lxml.html's element classes cost a Python
    # lookup every time an element is touched, and extraction touches every element of the body.
    root = _parse(html)
    if root is None or not isinstance(getattr(root, "tag", None), str):
        raise NotAnArticle("unparseable HTML")
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    page = _Page(url=url, root=root, profile=sites.profile_for(url), selection=Selection(root))
    _drop_boilerplate(page, sharepoint.has_chrome(html))
    _read_head(page)
    # Code and form controls print nothing a reader sees: their text (a script's source, a day picker's
    # 1…31) would count as prose for every layer. JSON-LD is read above, before they go.
    etree.strip_elements(root, *NON_TEXT_TAGS, with_tail=False)

    title_el, title = _title(page)
    if not title:
        end = html[-2000:].lower()
        truncated = "</html" not in end and "</body" not in end
        raise NotAnArticle("no article title found" + (" (page looks truncated)" if truncated else ""))
    if title_el is not None:
        keep(title_el)
    container = _body_container(page, title_el)
    reason = _not_an_article(page, container, title_el)
    if reason:
        raise NotAnArticle(reason)
    published_at = _published_at(page, title_el, container)
    lead_el, lead = _lead(page, container, title_el)
    body = _body(page, container, {id(e) for e in (title_el, lead_el) if e is not None}, title, lead)
    body.images[:0] = _images_around_title(page, title_el, container, {title, lead})
    if lead is None and body.paragraphs and _looks_like_generic_lead(body.first_block):
        lead = body.paragraphs.pop(0)
        page.layers["lead"] = "generic"
    marks: list[str] = []
    if lead:
        lead = _take_lead_mark(page, lead, marks)
    elif body.paragraphs:
        body.paragraphs[0] = _take_lead_mark(page, body.paragraphs[0], marks)
    body_text = "\n\n".join(body.paragraphs)
    if len(body_text) < MIN_BODY_CHARS:
        raise NotAnArticle(
            "article body is empty" if not body_text else f"article body too short ({len(body_text)} chars)"
        )
    if (
        published_at is None
        and len(body_text) < MIN_UNDATED_BODY_CHARS
        and page.layers.get("body_text") != "site"
        and not _metadata_says_article(page)
    ):
        raise NotAnArticle("no publication date and little text outside an article container: not an article")

    authors, sources = body.authors, [*marks, *(s for s in body.sources if s not in marks)]
    if authors:
        page.layers["authors"] = "site" if page.layers.get("body_text") == "site" else "generic"
    meta_authors = _metadata_authors(page)
    if meta_authors and not authors:
        authors = meta_authors
        page.layers["authors"] = "metadata"
    if not authors:
        authors = _credit_elsewhere(page)

    site, lang = _site_and_lang(page)
    article_id = _article_id(page)
    category, subcategory = _category(page)
    record: Record = {
        "url": _canonical_url(page, article_id),
        "site": site,
        "lang": lang,
        "article_id": article_id,
        "title": title,
        "lead": sharepoint.strip_literal_tags(lead) if lead else lead,
        "body_text": body_text,
        "authors": authors,
        "sources": sources,
        "published_at": published_at,
        "category": category,
        "subcategory": subcategory,
        "images": [{"url": u, "caption": cap} for src, cap in body.images if (u := absolute_url(url, src))],
        "layers": dict(sorted(page.layers.items())),
    }
    return record


def _drop_boilerplate(page: _Page, chrome: bool) -> None:
    """The profile's boilerplate selectors and SharePoint chrome go before any layer looks at the page."""
    for css in page.profile.boilerplate if page.profile else ():
        for found in _css(page, css):
            sharepoint.remove_keeping_tail(found)
    if chrome:
        sharepoint.drop_chrome(page.root)
    if sharepoint.label_form_table(page.root):
        page.selection.changed()


# --- head metadata -----------------------------------------------------------------------------------


def _read_head(page: _Page) -> None:
    # One walk over the three tags: an XPath walk each cost four times as much.
    scripts, metas, canonical = [], [], None
    for el in page.root.iter("script", "meta", "link"):
        if el.tag == "meta":
            metas.append(el)
        elif el.tag == "script":
            if el.get("type") == "application/ld+json":
                scripts.append(el)
        elif canonical is None and el.get("rel") == "canonical":
            canonical = el.get("href")
    for raw in (text for script in scripts for text in _TEXT_NODES(script)):
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # broken, or nested deeper than the parser recurses
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if "@graph" in item and isinstance(item["@graph"], list):
                    stack.extend(item["@graph"])
                page.jsonld.append(item)
    for meta in metas:
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in page.meta:
            page.meta[key] = content
    if canonical is not None:
        page.meta.setdefault("canonical", canonical)


def _jsonld_article(page: _Page) -> dict[str, Any] | None:
    for item in page.jsonld:
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.endswith("Article") or t == "ReportageNewsArticle" for t in types):
            return item
    return None


def _metadata_says_article(page: _Page) -> bool:
    return _jsonld_article(page) is not None or page.meta.get("og:type", "").lower() == "article"


def _strip_title_suffix(page: _Page, title: str) -> str:
    suffixes = page.profile.title_suffixes if page.profile else ()
    for suffix in suffixes:
        if title.endswith(suffix):
            return title[: -len(suffix)].strip()
    return title


# --- title -------------------------------------------------------------------------------------------


def _is_breadcrumb(el: etree._Element, profile: sites.SiteProfile | None = None) -> bool:
    links = _LINKS(el)
    if not links:
        return False
    text = clean_text(text_of(el))
    link_text = clean_text(" ".join(text_of(a) for a in links))
    mostly_links = len(link_text) >= 0.8 * len(text)
    if len(links) >= 2:
        return bool(BREADCRUMB_SEPARATORS.search(text)) or mostly_links
    # One link: a headline linking to its own article is a title; a lone section link is a breadcrumb.
    href = (links[0].get("href") or "").split("?")[0]
    if ARTICLE_HREF.search(href) or (profile is not None and profile.article_id(href)):
        return False
    return mostly_links or bool(BREADCRUMB_SEPARATORS.search(text))


def _title(page: _Page) -> tuple[etree._Element | None, str]:
    badges = page.profile.title_badges if page.profile else ()
    if page.profile:
        for css in page.profile.title:
            found = [e for e in _css(page, css) if not _is_breadcrumb(e, page.profile)]
            site_title = _site_title(page, found[0], badges) if found else None
            if site_title and site_title[1]:
                return site_title
    head_titles = _head_titles(page, badges)
    site_names = _site_names(page)
    h1s = [
        h
        for h in _headings(page)
        if h.tag == "h1"
        and not _is_breadcrumb(h, page.profile)
        and not skippable(h)
        and not titles.is_site_name(clean_text(text_of(h)), site_names, page.url)
    ]
    # The visible heading the head titles vouch for, in its own words; other headline-ish elements when
    # no <h1> is vouched for (a logo or a sidebar box in the only <h1>).
    for candidates in (h1s, _headline_elements(page)):
        vouched = _vouched_heading(candidates, head_titles, badges)
        if vouched is not None:
            said = any(vouched[1] == text for text, is_doc in head_titles if not is_doc)
            page.layers["title"] = "metadata" if said else "generic"
            return vouched
    meta_title = next((t for t, is_doc in head_titles if not is_doc), "")
    if meta_title:
        page.layers["title"] = "metadata"
        return (h1s[0] if h1s else _element_showing(page, meta_title, badges)), meta_title
    element_text = sharepoint.undouble_title(clean_text(text_of(h1s[0])), badges) if h1s else ""
    if element_text:
        page.layers["title"] = "generic"
        return h1s[0], element_text
    doc_title = next((t for t, is_doc in head_titles if is_doc), "")
    element = None
    if doc_title:
        page.layers["title"] = "generic"
        element = _element_showing(page, doc_title, badges)
    return element, doc_title


def _site_title(page: _Page, element: etree._Element, badges: tuple[str, ...]) -> tuple[etree._Element, str]:
    """The site layer's heading; its text from the head metadata when the page has some, as the mirror's
    sites print the same title there."""
    article = _jsonld_article(page)
    meta_title = clean_text(str(article.get("headline") or "")) if article else ""
    meta_title = meta_title or _strip_title_suffix(page, clean_text(page.meta.get("og:title", "")))
    meta_title = sharepoint.undouble_title(meta_title, badges)
    if meta_title:
        page.layers["title"] = "metadata"
        return element, meta_title
    text = sharepoint.undouble_title(clean_text(text_of(element)), badges)
    if text:
        page.layers["title"] = "site"
    return element, text


def _site_names(page: _Page) -> tuple[str, ...]:
    names = [page.meta.get("og:site_name", ""), page.meta.get("application-name", "")]
    publisher = (_jsonld_article(page) or {}).get("publisher")
    if isinstance(publisher, dict):
        names.append(str(publisher.get("name") or ""))
    return tuple(clean_text(n) for n in names if n and clean_text(n))


def _head_titles(page: _Page, badges: tuple[str, ...]) -> list[tuple[str, bool]]:
    """The titles the head declares, best first, each with the site name off and entities decoded once;
    True marks the document's `<title>`, which is trusted only to vouch for a heading or as a last resort."""
    article = _jsonld_article(page)
    raw = [
        (str(article.get("headline") or "") if article else "", False),
        (page.meta.get("og:title", ""), False),
        (page.meta.get("twitter:title", ""), False),
        (page.meta.get("title", ""), False),
        (next(iter(_DOC_TITLE(page.root)), None) or "", True),
    ]
    site_names = _site_names(page)
    found: list[tuple[str, bool]] = []
    for text, is_doc in raw:
        text = titles.unescape_once(clean_text(text))
        text = titles.strip_site_name(_strip_title_suffix(page, text), site_names, page.url)
        text = sharepoint.undouble_title(text, badges)
        if text and (text, is_doc) not in found:
            found.append((text, is_doc))
    return found


def _vouched_heading(
    candidates: Iterable[etree._Element], head_titles: list[tuple[str, bool]], badges: tuple[str, ...]
) -> tuple[etree._Element, str] | None:
    """The first candidate agreeing best with a head title (same words over containment over overlap)."""
    if not head_titles:
        return None
    best: tuple[int, etree._Element, str] | None = None
    for el in candidates:
        text = _short_text(el, MAX_TITLE_CHARS)
        text = sharepoint.undouble_title(text, badges) if text else None
        if not text:
            continue
        score = max(titles.agreement(text, head) for head, _ in head_titles)
        if score and (best is None or score > best[0]) and (el.tag == "h1" or not _is_breadcrumb(el)):
            best = (score, el, text)
            if score == 3:
                break
    return (best[1], best[2]) if best else None


HEADLINE_CLASS_RE = re.compile(r"title|headline|heading|tieu-?de|tieude", re.IGNORECASE)


def _headline_elements(page: _Page) -> Iterator[etree._Element]:
    """Headings below `<h1>` (and `<dt>`, as old table layouts print one) and elements whose class or id
    says title, outside boilerplate."""
    for el in page.root.iter("h2", "h3", "h4", "dt", "div", "span", "p", "strong", "b", "font", "td"):
        if el.tag in ("h2", "h3", "h4", "dt") or HEADLINE_CLASS_RE.search(
            f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
        ):
            if not skippable(el):
                yield el


MAX_TITLE_CHARS = 400


def _short_text(el: etree._Element, limit: int) -> str | None:
    """`el`'s text, cleaned, or None past `limit` characters: read no further than that, so a title-classed
    wrapper around the whole page (or thousands nested) costs no more than a heading."""
    parts, size = [], 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > 4 * limit:  # spaces are collapsed after: allow for indentation
            return None
    text = clean_text("".join(parts))
    return text if len(text) <= limit else None


def _headings(page: _Page) -> list[etree._Element]:
    """The page's `<h1>`/`<h2>` that print something; only the generic title layer needs them."""
    return [h for h in page.root.iter("h1", "h2") if clean_text(text_of(h))]


def _element_showing(page: _Page, title: str, badges: tuple[str, ...]) -> etree._Element | None:
    """The heading printing `title`, else the outermost body element printing just it (a titled `<div>`)."""
    for candidates in (_headings(page), page.root.iterfind(".//body//*")):
        for el in candidates:
            if isinstance(el.tag, str) and el.tag not in ("a", "title"):
                text = clean_text(text_of(el))
                if text == title or (
                    len(text) > len(title) and sharepoint.undouble_title(text, badges) == title
                ):
                    return el
    return None


# --- body --------------------------------------------------------------------------------------------


_LINKED_HEADLINES = etree.XPath(".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5][.//a[@href]]")
# A site's front page and the like: a headline-sized link text (five words or more) names another article.
HEADLINE_LINK_WORDS = 5
MIN_THREAD_POSTS = 4
# A page without a visible title still passes for an article when its best container holds this much prose.
SECTION_FRONT_PROSE = 1_500


def _not_an_article(
    page: _Page, container: etree._Element | None, title_el: etree._Element | None
) -> str | None:
    """Why the page is a listing, front page or forum thread rather than an article, or None.

    Judged on structure, never on a site's names: teasers outnumber the prose, no visible heading shows
    the page's title while headline links abound, or the text is one of many same-shaped posts.
    """
    address = urlsplit(page.url)
    if address.path in ("", "/") and not address.query:
        return "the site's front page, not an article"
    scope = container if container is not None else page.root
    headlines = [h for h in _LINKED_HEADLINES(scope) if not in_boilerplate(h)]
    if len(headlines) >= 3 and _prose_chars(scope) < 100 * len(headlines):
        return (
            f"looks like a listing page ({len(headlines)} linked headlines and little prose), not an article"
        )
    if title_el is None:
        links = sum(
            1
            for a in page.root.iter("a")
            if a.get("href") and len(text_of(a).split()) >= HEADLINE_LINK_WORDS and not in_boilerplate(a)
        )
        teasers = sum(1 for h in _LINKED_HEADLINES(page.root) if not in_boilerplate(h))
        prose = _prose_chars(container) if container is not None else 0
        if (links >= 10 or teasers >= 3) and prose < SECTION_FRONT_PROSE:
            return "no heading shows the page's title and links read like headlines: a section front"
    # A container the site's profile names is the article's own; only a guessed one may be a post.
    if container is not None and page.layers.get("body_text") != "site" and _one_of_many_posts(container):
        return "looks like a forum thread or comment list (one of many same-shaped posts), not an article"
    return None


def _prose_chars(scope: etree._Element) -> int:
    """Characters of paragraph text in `scope` outside links and teasers."""
    total = 0
    teasers: dict[etree._Element, bool] = {}
    for para in scope.iter("p", "pre", "blockquote", *OWN_TEXT_TAGS):
        if _is_teaser(para, teasers) or in_boilerplate(para):
            continue
        _, text, links = _paragraph(para)
        total += max(0, len(text) - links)
    return total


def _paragraph(para: etree._Element) -> tuple[bool, str, int]:
    """(whether `para` is a container counting its own text, the text it counts, that text's linked
    characters). A div, cell or section holding blocks counts only the text printed directly in it
    (`<br>`-separated paragraphs beside a picture's <div>); anything else counts all of its text."""
    own = para.tag in OWN_TEXT_TAGS and _holds_blocks(para)
    text = clean_text(_direct_text(para) if own else text_of(para))
    links = para.iterchildren("a") if own else para.iter("a")
    return own, text, sum(len(clean_text(text_of(a))) for a in links)


def _shape(el: etree._Element) -> tuple[str, str]:
    """Tag and first class token: what repeated siblings (post after post, segment after segment) share."""
    classes = (el.get("class") or "").split()
    return el.tag, classes[0] if classes else ""


def _twins(node: etree._Element) -> list[etree._Element]:
    """`node`'s siblings of the same shape, `node` first; only classed elements count as a shape."""
    parent = node.getparent()
    shape = _shape(node)
    if parent is None or not shape[1]:
        return [node]
    return [node, *(s for s in parent if s is not node and isinstance(s.tag, str) and _shape(s) == shape)]


def _one_of_many_posts(container: etree._Element) -> bool:
    """Whether the text is one of several same-shaped siblings that each print a date: forum posts or
    comments, where an article body split in segments (`StoryBodyCompanionColumn` after another) has none."""
    levels: list[list[etree._Element]] = []
    groups: dict[tuple[str, str], list[etree._Element]] = {}
    for child in container:
        if isinstance(child.tag, str) and _shape(child)[1]:
            groups.setdefault(_shape(child), []).append(child)
    levels.extend(groups.values())
    node: etree._Element | None = container
    for _ in range(5):
        if node is None or node.tag in ("body", "html"):
            break
        levels.append(_twins(node))
        node = node.getparent()
    for posts in levels:
        if len(posts) >= MIN_THREAD_POSTS:
            dated = sum(1 for post in posts if _prints_date(post))
            # Stacked full articles (a page that loads the next story) each carry a headline; a post
            # carries at most its author's name in a heading.
            headed = sum(1 for post in posts if any(_headline(h) for h in post.iter("h1", "h2", "h3")))
            if dated >= MIN_THREAD_POSTS and 2 * headed < len(posts):
                return True
    return False


def _headline(heading: etree._Element) -> bool:
    return len(text_of(heading).split()) >= HEADLINE_LINK_WORDS


_SHORT_DATE = re.compile(rf"\b(?:{NUMERIC_DATE})\b")


def _prints_date(el: etree._Element) -> bool:
    return next(el.iter("time"), None) is not None or bool(_SHORT_DATE.search(text_of(el)))


def _body_container(page: _Page, title_el: etree._Element | None) -> etree._Element | None:
    if page.profile:
        # Checked like any candidate: a fallback selector (`.article-content`) also matches a related
        # story's card. When none is plausible the first match is trusted: an empty body div is an empty
        # article, not a reason to guess.
        first = None
        for css in page.profile.body:
            for el in _css(page, css):
                first = el if first is None else first
                if _plausible_body(page, el, title_el):
                    page.layers["body_text"] = "site"
                    return el
        if first is not None:
            page.layers["body_text"] = "site"
            return first
    container = _densest_container(page.root, title_el)
    if container is not None:
        page.layers["body_text"] = "generic"
    return container


def _plausible_body(page: _Page, el: etree._Element, title_el: etree._Element | None) -> bool:
    """Not boilerplate, not printed before the title, and holding a paragraph's worth of text."""
    if named_boilerplate(el):
        return False
    if title_el is not None and el not in title_el.iterancestors() and _before(page, el, title_el):
        return False
    return len(clean_text(text_of(el))) >= MIN_BODY_CHARS


def _before(page: _Page, a: etree._Element, b: etree._Element) -> bool:
    """Whether `a` starts before `b` in the page: by source line where they differ (free), else by the
    document order, indexed once per page."""
    if a.sourceline and b.sourceline and a.sourceline != b.sourceline:
        return a.sourceline < b.sourceline
    if page.order is None:
        page.order = {node: i for i, node in enumerate(page.root.iter())}
    return page.order.get(a, 0) < page.order.get(b, 0)


LEAF_DIV_BLOCKERS = ("p", "div", "table", "ul", "ol", "li", "h1", "h2", "h3", "section", "article")


def _holds_blocks(el: etree._Element) -> bool:
    """Whether `el` has a block element inside (stops at the first: this runs for every div of a page)."""
    return next(el.iterdescendants(*LEAF_DIV_BLOCKERS), None) is not None


def _is_teaser(para: etree._Element, seen: dict[etree._Element, bool]) -> bool:
    """A paragraph beside a linked headline is a teaser of another article (most-read boxes, listings);
    one linked sub-heading among many paragraphs is part of an article. Judged once per parent (`seen`):
    a parent of 20,000 children would otherwise be read 20,000 times."""
    parent = para.getparent()
    if parent is None:
        return False
    if parent not in seen:
        headlines = len(_TEASER_HEADLINES(parent))
        seen[parent] = bool(headlines) and 2 * headlines >= sum(1 for c in parent if c.tag in ("p", "div"))
    return seen[parent]


def _densest_container(root: etree._Element, title_el: etree._Element | None) -> etree._Element | None:
    """Readability-style scoring: each paragraph's text (minus link text) counts for its parent.

    Containers near the title (inside the title's parent or grandparent) weigh more: sidebars and footers
    can hold more text than a short article.
    """
    near: set[etree._Element] = set()
    if title_el is not None:
        scope = title_el.getparent()
        if scope is not None and scope.tag not in ("body", "html") and scope.getparent() is not None:
            scope = scope.getparent() if scope.getparent().tag not in ("body", "html") else scope
        if scope is not None:
            near = set(scope.iter())
    scores: dict[etree._Element, float] = {}
    direct: dict[etree._Element, float] = {}
    teasers: dict[etree._Element, bool] = {}
    for para in root.iter("p", "pre", "tr", "blockquote", *OWN_TEXT_TAGS):
        # A data row counts as one paragraph, a layout row's cell by itself (a cell holding blocks is one).
        if _is_teaser(para, teasers) or (para.tag in ("td", "tr") and _table_row(para) != para.tag):
            continue
        # A container's own text counts for itself (see `_paragraph`); any other paragraph for its parent.
        own, text, link_len = _paragraph(para)
        if len(text) < 25:
            continue
        score = len(text) - 2 * link_len + 10 * text.count(",") / 5
        if score <= 0:
            continue
        parent = para if own else para.getparent()
        while parent is not None and parent.tag in CLIMB_OVER[para.tag == "tr"]:
            parent = parent.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        direct[parent] = direct.get(parent, 0) + score
        grand = parent.getparent()
        if grand is not None and grand.tag not in ("body", "html"):
            scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        return None
    _join_twins(scores, direct)
    ranked = sorted(scores, key=lambda el: scores[el] * (2 if el in near else 1), reverse=True)
    top = ranked[0]
    if named_boilerplate(top):
        # Named like boilerplate (a comment thread, a "sidebar" plugin wrapping the main column): the
        # article is the best candidate not so named, unless that one holds far less text.
        named_clean = next((el for el in ranked if not named_boilerplate(el)), None)
        if named_clean is not None and scores[named_clean] >= scores[top] / 4:
            top = named_clean
    return _whole_body(top)


# Containers whose text printed directly between their blocks counts for themselves.
OWN_TEXT_TAGS = frozenset(("div", "td", "section", "article", "main"))
# Wrappers a paragraph's score climbs over to reach its container; a data table's rows climb out of it.
CLIMB_OVER = (
    frozenset(("span", "em", "strong", "font", "b", "i")),
    frozenset(("span", "em", "strong", "font", "b", "i", "tbody", "thead", "tfoot", "table")),
)


def _table_row(el: etree._Element) -> str:
    """What stands for a paragraph in `el`'s row: a data row of several text cells counts as one ("tr"),
    a layout row's lone text cell counts by itself ("td")."""
    row = el if el.tag == "tr" else el.getparent()
    if row is None or row.tag != "tr":
        return el.tag
    cells = [c for c in row if c.tag in ("td", "th")]
    if len(cells) >= 2 and not any(_holds_blocks(c) for c in cells):
        return "tr"
    return "td"


def _join_twins(scores: dict[etree._Element, float], direct: dict[etree._Element, float]) -> None:
    """A body printed one paragraph per wrapper (`div.card > div.card-content > p`, section after section)
    scores nowhere as a whole: the parent of same-shaped siblings holding plain prose also scores all
    their text (`direct`: what paragraphs gave their own parents), so it competes with one-piece bodies."""
    mass: dict[etree._Element, float] = {}
    for el, score in direct.items():
        for node in (el, *el.iterancestors()):
            mass[node] = mass.get(node, 0) + score
    named: dict[etree._Element, bool] = {}  # in a boilerplate-named subtree, each element judged once

    def boilerplate(node: etree._Element) -> bool:
        if node not in named:
            parent = node.getparent()
            named[node] = skippable(node) or (parent is not None and boilerplate(parent))
        return named[node]

    for parent in list(mass):
        if boilerplate(parent):
            continue  # a comment list is many same-shaped posts too
        alike: dict[tuple[str, str], list[float]] = {}  # same tag and classes: segments of one body
        shaped: dict[tuple[str, str], list[float]] = {}  # same tag and first class: cards, columns
        scored = [c for c in parent if isinstance(c.tag, str) and c in mass and c.get("class")]
        if len(scored) < 3:
            continue  # no group of three to join (and no page-deep chain of wrappers read again and again)
        for child in scored:
            if _plain_prose(child):
                alike.setdefault((child.tag, child.get("class") or ""), []).append(mass[child])
                shaped.setdefault(_shape(child), []).append(mass[child])
        # Three or more: sections with the very same classes join as they are; wrappers sharing only a
        # first class join when the text is spread evenly, none holding half (layout columns beside a
        # main column, one story among teasers, are not one body).
        joined = max(
            sum(sum(m) for key, m in alike.items() if len(m) >= 3 and key[1]),
            sum(sum(m) for key, m in shaped.items() if len(m) >= 3 and key[1] and max(m) <= sum(m) / 2),
        )
        if joined > scores.get(parent, 0):
            scores[parent] = joined


def _plain_prose(el: etree._Element) -> bool:
    """Little linked text and no headline link that makes up a good part of it: a paragraph's wrapper or
    a long section, not a teaser card (a linked headline and a line of summary)."""
    text = len(text_of(el))
    linked = 0
    for a in _HREF_LINKS(el):
        words = text_of(a)
        if len(words.split()) >= HEADLINE_LINK_WORDS and 7 * len(words) >= text:
            return False
        linked += len(words)
    return linked < text / 4


INLINE_TAGS = frozenset("a span em strong b i u font small big sup sub abbr cite q mark time br".split())


def _direct_text(el: etree._Element) -> str:
    """The text `el` prints outside its block children: its own text, inline children and every tail."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in INLINE_TAGS:
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def _whole_body(top: etree._Element) -> etree._Element:
    """The element holding every segment of a body split into same-shaped siblings (a paywalled story's
    columns, a CMS's segments): their parent, when the twins beside `top` hold half as much prose again
    (a grid column beside one holding a teaser is no segment)."""
    node = top
    for _ in range(3):
        if node.getparent() is None or node.getparent().tag in ("body", "html"):
            break
        twins = _twins(node)[1:]
        if twins and 2 * sum(_prose_chars(t) for t in twins if _plain_prose(t)) >= _prose_chars(node):
            return node.getparent()
        node = node.getparent()
    return top


@dataclass
class _Body:
    paragraphs: list[str]
    images: list[tuple[str, str | None]]
    authors: list[str]
    sources: list[str]
    first_block: Block | None


def _body(
    page: _Page, container: etree._Element | None, skip: set[int], title: str, lead: str | None
) -> _Body:
    if container is None:
        return _trafilatura_body(page, lead)
    link_lists = _link_lists(container)  # held while linearizing: `skip` holds ids, valid while alive
    blocks = linearize(container, frozenset(skip | {id(el) for el in link_lists}))
    text_blocks: list[Block] = []
    images: list[list[Any]] = []  # [src, caption]
    pending: list[int] = []  # images since the last paragraph, still without caption
    # A caption-styled line with no image before it waits for the next block: an image takes it as its
    # caption (2015 layout); if text comes first, small print goes back to the text (a body set in small
    # type) and a named caption (figcaption, `.caption`) of an image the page never shows is dropped.
    orphan: Block | None = None
    # Small type says "caption" only where it is rare: a body set in small type throughout is the text.
    texts = [b for b in blocks if not b.image]
    if texts and 2 * sum(len(b.text) for b in texts if b.small_print) >= sum(len(b.text) for b in texts):
        for b in texts:
            if b.small_print:
                b.caption = b.small_print = False
    for block in blocks:
        if block.image:
            images.append([block.image, None])
            if orphan is not None:
                images[-1][1], orphan = orphan.text, None
            else:
                pending.append(len(images) - 1)
            continue
        text = sharepoint.strip_literal_tags(block.text)
        block.text = text
        if (
            not text
            or text in (title, lead)
            or BOILERPLATE_LINE.match(text)
            or sharepoint.is_chrome(text)
            or sharepoint.is_image_file_name(text)
            or (DATE_LINE.match(text) and parse_vn_datetime(text))
        ):
            continue
        if orphan is not None and orphan.small_print:
            text_blocks.append(orphan)
        orphan = None
        is_caption = block.caption or (block.italic and pending and len(text) < 300 and not block.right)
        if is_caption:
            if pending:
                images[pending.pop(0)][1] = text
            else:
                orphan = block
            continue
        pending.clear()
        text_blocks.append(block)
    if orphan is not None and orphan.small_print:
        text_blocks.append(orphan)
    authors: list[str] = []
    sources: list[str] = []
    while text_blocks:
        last = text_blocks[-1]
        if not (last.right or last.bold or last.credit or _explicit_credit(last.text)):
            break  # no strong signal: a paragraph, whatever it reads like
        credit = classify_credit_line(last.text)
        if credit is None:
            break
        text_blocks.pop()
        authors[:0] = credit[0]
        sources[:0] = credit[1]
    paragraphs = [b.text for b in text_blocks]
    return _Body(
        paragraphs, [(s, c) for s, c in images], authors, sources, text_blocks[0] if text_blocks else None
    )


SMALL_FORM_WORDS = 100
LINK_LIST_TAGS = frozenset("div ul ol dl section table aside header footer nav li".split())


def _link_lists(container: etree._Element) -> list[etree._Element]:
    """The blocks inside `container` that are mostly links (related stories, tag clouds, "more
    from" boxes, with their dates and section labels), and small forms: dropped by structure, whatever
    they are named. Only the links' ancestors are candidates, so a body with few links costs little.
    A <p> needs three links and little else ("» A » B » C")."""
    linked: dict[etree._Element, list[int]] = {}  # element → [linked words, links]
    for a in container.iter("a"):
        if not a.get("href"):
            continue
        words = len(text_of(a).split())
        for node in a.iterancestors():
            if node is container:
                break
            entry = linked.setdefault(node, [0, 0])
            entry[0] += words
            entry[1] += 1
    dense = [
        form
        for form in container.iter("form")  # a newsletter sign-up, a comment box
        if form is not container and len(text_of(form).split()) < SMALL_FORM_WORDS
    ]
    for el, (words, links) in linked.items():
        if links < 2 or not (el.tag in LINK_LIST_TAGS or (el.tag == "p" and links >= 3)):
            continue
        total = len(text_of(el).split())
        if (el.tag != "p" and 2 * words >= total) or (el.tag == "p" and 10 * words >= 7 * total):
            dense.append(el)
    return dense


def _take_lead_mark(page: _Page, text: str, marks: list[str]) -> str:
    """`(BTN) - Sáng nay…` → `Sáng nay…`, with "BTN" added to `marks`: the paper's own mark opening its lead
    (the profile's `lead_prefixes`) is a source line, not part of the sentence."""
    for pattern in page.profile.lead_prefixes if page.profile else ():
        match = pattern.match(text)
        if match and text[match.end() :].strip():
            marks.append(match.group("mark"))
            return text[match.end() :]
    return text


def _explicit_credit(text: str) -> bool:
    return bool(EXPLICIT_CREDIT.match(text))


def _trafilatura_body(page: _Page, lead: str | None) -> _Body:
    """Last resort for layouts where no container stands out."""
    import trafilatura

    html = etree.tostring(page.root, encoding="unicode")
    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    paragraphs = [clean_text(p) for p in text.split("\n") if clean_text(p) and clean_text(p) != lead]
    # Menus and link lists come back as many short lines: without one real paragraph it is no article.
    if not any(len(p) >= 80 for p in paragraphs):
        return _Body([], [], [], [], None)
    page.layers["body_text"] = "generic"
    return _Body(paragraphs, [], [], [], None)


def _looks_like_generic_lead(block: Block | None) -> bool:
    return bool(block and block.bold and len(block.text) > 60 and not block.right)


# --- lead --------------------------------------------------------------------------------------------


def _lead(
    page: _Page, container: etree._Element | None, title_el: etree._Element | None
) -> tuple[etree._Element | None, str | None]:
    if page.profile:
        for css in page.profile.lead:
            for found in _css(page, css):
                text = clean_text(text_of(found))
                if text:
                    page.layers["lead"] = "site"
                    return found, text
    article = _jsonld_article(page)
    candidates = [
        str(article.get("description") or "") if article else "",
        page.meta.get("og:description", ""),
        page.meta.get("description", ""),
    ]
    visible = None
    for candidate in (clean_text(c) for c in candidates):
        if len(candidate) < 30:
            continue
        # Head descriptions are often cut or rewritten: trust one only if the page shows it as a paragraph.
        visible = visible or {clean_text(text_of(p)): p for p in page.root.iter("p", "div", "h2")}
        element = visible.get(candidate)
        if element is not None and _leads_the_body(page, element, container, candidate):
            page.layers["lead"] = "metadata"
            return element, candidate
    return _generic_lead(page, container, title_el)


# Class or id words naming a lead, whole words ("leaderboard", "misleading" name none).
LEAD_WORDS = frozenset("sapo lead description summary intro excerpt chapeau tomtat standfirst dek".split())
# A lead is a paragraph or two; a "summary"-named element longer than this is a body field
# (Drupal's `field--type-text-with-summary`).
MAX_LEAD_CHARS = 1_000


def _lead_named(el: etree._Element) -> bool:
    names = f"{el.get('class', '')} {el.get('id', '')}".split()
    return any(name_words(name) & LEAD_WORDS for name in names)


def _generic_lead(
    page: _Page, container: etree._Element | None, title_el: etree._Element | None
) -> tuple[etree._Element | None, str | None]:
    """A lead-classed element after the title, else the block right after the title (outside the body)."""
    around_body = set(container.iterancestors()) if container is not None else set()
    for el in _following(page.root, title_el):
        if el.tag in ("p", "div", "h2", "h3", "span", "strong") and _lead_named(el):
            text = clean_text(text_of(el))
            if (
                30 <= len(text) <= MAX_LEAD_CHARS
                and el is not container
                and el not in around_body
                and _leads_the_body(page, el, container, text)
            ):
                page.layers["lead"] = "generic"
                return el, text
    if title_el is not None:
        # The title's siblings are inside the body exactly when the body holds the title.
        title_in_body = container is not None and container in title_el.iterancestors()
        for sibling in title_el.itersiblings():
            if title_in_body or sibling is container or sibling in around_body:
                break
            text = clean_text(text_of(sibling))
            if not text or (len(text) < 40 and parse_vn_datetime(text)):
                continue
            if 40 <= len(text) <= 600 and not _LINKS(sibling) and not skippable(sibling) and _is_prose(text):
                page.layers["lead"] = "generic"
                return sibling, text
            break
    return None, None


_PROSE_WORD = re.compile(r"^[^\W\d_]{2,}[.,;:!?…”\"')]*$")


def _is_prose(text: str) -> bool:
    """Six words of letters at least: a sentence, not a date line ("Updated Nov 19, 9:41 AM;Posted …")."""
    return sum(1 for word in text.split() if _PROSE_WORD.match(word)) >= 6


def _in_caption(el: etree._Element) -> bool:
    """Inside a figure or a caption-classed element: a photo's caption, which a head description may repeat."""
    return any(
        node.tag in ("figure", "figcaption") or CAPTION_CLASS_RE.search(node.get("class") or "")
        for node in (el, *el.iterancestors())
    )


def _leads_the_body(page: _Page, el: etree._Element, container: etree._Element | None, text: str) -> bool:
    """A lead is prose printed before the body ends: an author's bio or a teaser's summary after the
    article, which a head description may repeat, is not the article's lead."""
    if not _is_prose(text) or in_boilerplate(el) or _in_caption(el):
        return False
    if container is None or el is container or container in el.iterancestors():
        return True
    return _before(page, el, container)


def _following(root: etree._Element, anchor: etree._Element | None) -> Iterator[etree._Element]:
    """Elements after `anchor` in document order, boilerplate subtrees left out."""
    seen_anchor = anchor is None
    walker = etree.iterwalk(root, events=("start",))
    for _, el in walker:
        if el is anchor:
            seen_anchor = True
            walker.skip_subtree()
            continue
        if skippable(el):
            walker.skip_subtree()
            continue
        if seen_anchor:
            yield el


def _images_around_title(
    page: _Page, title_el: etree._Element | None, container: etree._Element | None, known: set[str | None]
) -> list[tuple[str, str | None]]:
    """Lead images printed next to the title, outside the body container (the 2015 layout puts the
    image and its caption before the title): the title's siblings, then the element just before or after
    each wrapper of the title, up to the body's line (`<div class=pic>…</div><div class=head><h1>`)."""
    if (
        title_el is None
        or container is None
        or title_el is container
        or container in title_el.iterancestors()
    ):
        return []
    container_line = set(container.iterancestors()) | {container}
    found: list[etree._Element] = []
    for sibling in [*reversed(list(title_el.itersiblings(preceding=True))), *title_el.itersiblings()]:
        if sibling in container_line:
            break
        found.append(sibling)
    node = title_el
    for _ in range(2):
        parent = node.getparent()
        if parent is None or parent in container_line or parent.tag in ("body", "html"):
            break
        node = parent
        for near in (node.getprevious(), node.getnext()):
            if near is not None and near not in container_line and _one_image(near):
                found.append(near)
    images: list[tuple[str, str | None]] = []
    for wrapper in found:
        # Most siblings (date, lead) hold no image: nothing to linearize.
        if (
            skippable(wrapper)
            or next(wrapper.iter("img"), None) is None
            or _is_breadcrumb(wrapper, page.profile)
        ):
            continue
        images.extend(_captioned_images(linearize(wrapper), known))
    return images


def _one_image(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and sum(1 for _ in el.iter("img")) == 1


def _captioned_images(blocks: list[Block], known: set[str | None]) -> list[tuple[str, str | None]]:
    """Images of a wrapper beside the title with their captions: in a wrapper of one image and one short
    line, that line is the caption whatever its style and on either side (a figure in all but name);
    otherwise the caption-styled line right after an image."""
    shown = [b for b in blocks if b.image or b.text not in known]
    if len(shown) == 2 and sum(bool(b.image) for b in shown) == 1:
        image, line = (shown[0], shown[1]) if shown[0].image else (shown[1], shown[0])
        if len(line.text) <= 300 and image.image:
            return [(image.image, line.text)]
    images: list[tuple[str, str | None]] = []
    for i, block in enumerate(blocks):
        if not block.image:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        caption = (
            nxt.text
            if nxt and not nxt.image and (nxt.caption or nxt.italic) and nxt.text not in known
            else None
        )
        images.append((block.image, caption))
    return images


# --- dates -------------------------------------------------------------------------------------------


def _published_at(
    page: _Page, title_el: etree._Element | None, container: etree._Element | None
) -> str | None:
    metadata = _metadata_date(page)
    if metadata:
        header = _header_date(title_el, container)
        if header and _header_beats_metadata(header, metadata):
            page.layers["published_at"] = "generic"
            return header.iso
        page.layers["published_at"] = "metadata"
        return parse_iso_datetime(metadata)
    if page.profile:
        for css in page.profile.date:
            for found in _css(page, css):
                if in_boilerplate(found):
                    continue
                attr = found.get("datetime")
                parsed = parse_iso_datetime(attr) if attr else None
                parsed = parsed or parse_vn_datetime(text_of(found))
                if parsed:
                    page.layers["published_at"] = "site"
                    return parsed
    header = _header_date(title_el, container)
    parsed = header.iso if header else _date_near_title(page.root, title_el, container)
    if parsed:
        page.layers["published_at"] = "generic"
    return parsed


def _metadata_date(page: _Page) -> str | None:
    """The head's publication date as written (its own offset kept), the first that parses."""
    article = _jsonld_article(page)
    values = [str(article.get("datePublished") or "") if article else ""]
    values += [page.meta.get(key, "") for key in PUBLISHED_META]
    return next((v.strip() for v in values if v and parse_iso_datetime(v)), None)


# Head tags naming the publication time: OpenGraph, schema.org microdata, Dublin Core, Parse.ly.
PUBLISHED_META = (
    "article:published_time", "datepublished", "pubdate", "og:published_time", "dc.date.issued",
    "dcterms.issued", "parsely-pub-date",
)  # fmt: skip


def _header_beats_metadata(header: PrintedDate, metadata: str) -> bool:
    """Whether the date under the headline, which readers see, overrules the head's (a draft's or an import's
    date): only on another day, never an "updated" line, and a day apart only where no zone can explain it;
    a head giving the day alone yields to the header's time on that day."""
    if header.label == "updated":
        return False
    shown = datetime.fromisoformat(header.iso)
    head = datetime.fromisoformat(metadata.strip().replace("Z", "+00:00"))
    if len(metadata.strip()) == 10:
        return shown.date() != head.date() or shown.time() != head.time()
    if head.tzinfo is None:  # a naive stamp is the site's own clock, as the header's
        return shown.date() != head.date()
    if header.zoned:  # two instants: their days at +07:00
        return shown.date() != head.astimezone(shown.tzinfo).date()
    if head.utcoffset():  # a site stamping its own offset prints its clock in the same zone
        return shown.date() != head.date()
    # Stamped in UTC, printed in an unknown zone: the same instant may fall on the next or previous day.
    return abs((shown.date() - head.date()).days) >= 2


_VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style)]")
HEADER_LINE_CHARS = 300  # a date line, a byline, a share bar; a longer block is the lead or the body
HEADER_STEPS = 4  # siblings looked at on each side of the title (or of its wrapper)


def _header_date(title_el: etree._Element | None, container: etree._Element | None) -> PrintedDate | None:
    """The date printed in the article's header: in a short block beside the title, or beside the small
    wrapper holding the title, nearest first, before the body (never inside it or past it).

    Share and print bars are read too (a site may print the date in one); a teaser list, a comment or a
    sidebar is a long block, which ends the search on that side.
    """
    update = None
    for found in _header_dates(title_el, container):
        if found.label != "updated":
            return found
        update = update or found  # a publication date printed further on is still preferred
    return update


def _header_dates(title_el: etree._Element | None, container: etree._Element | None) -> Iterator[PrintedDate]:
    """The dates of the header's short blocks, nearest the title first (see `_header_date`)."""
    node = title_el
    for _level in range(3):
        if node is None or node.getparent() is None:
            return
        found = parse_labelled_datetime(node.tail) if node.tail and DATE_HINT.search(node.tail) else None
        if found:
            yield found
        sides = [node.itersiblings(), node.itersiblings(preceding=True)]
        open_sides = [True, True]
        for _step in range(HEADER_STEPS):
            for side, siblings in enumerate(sides):
                if not open_sides[side]:
                    continue
                sibling = next(siblings, None)
                if (
                    sibling is None
                    or sibling is container
                    or (container is not None and sibling in container.iterancestors())
                ):
                    open_sides[side] = False
                    continue
                ends, found = _date_in_line(sibling)
                if found:
                    yield found
                open_sides[side] = not ends
        node = node.getparent()
        # Climb only out of a title wrapper: beside the body or a section of the page, a date is another's.
        if (
            node is None
            or node is container
            or (container is not None and node in container.iterancestors())
            or _short_text(node, 2 * HEADER_LINE_CHARS + len(text_of(title_el))) is None
        ):
            return


def _date_in_line(el: etree._Element) -> tuple[bool, PrintedDate | None]:
    """(whether the header ends at this block, being long; the date this short header block prints)."""
    if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "figure", "figcaption"):
        return False, None
    if _short_text(el, 10 * HEADER_LINE_CHARS) is None:
        return True, None
    text = clean_text("".join(_VISIBLE_TEXT(el)))
    if len(text) > HEADER_LINE_CHARS:
        return True, None
    tail = clean_text(el.tail)  # text printed right after the block: a date, or the body already
    ends = len(tail) > HEADER_LINE_CHARS
    # A photo's caption ("In this Dec. 12, 2006, file photo…") is a sentence; a date line with an icon is not.
    caption = CAPTION_CLASS_RE.search(el.get("class", "")) or (
        len(text) > 100 and next(el.iter("img"), None) is not None
    )
    # A sentence that names a day ("Từ ngày 1/7/2025, Báo phục vụ …") is news, not a date line.
    sentence = len(text) >= 60 and text.endswith((".", "!", "?", "…"))
    if (
        not caption
        and not sentence
        and DATE_HINT.search(text)
        and not any(_is_teaser_link(a) for a in _LINKS(el))
    ):
        found = parse_labelled_datetime(text)
        if found:
            return ends, found
    return ends, parse_labelled_datetime(tail) if not ends and DATE_HINT.search(tail) else None


MAX_BODY_DATELINE = 60


def _date_near_title(
    root: etree._Element, title_el: etree._Element | None, container: etree._Element | None
) -> str | None:
    """Generic layer: the date printed closest to the title, preferring one that carries a time; dates in
    captions and in linked teasers ("Headline (25/12/2012)") are other articles' or the photo's."""
    anchor = title_el if title_el is not None else container
    positions: dict[etree._Element, int] = {}
    best: tuple[tuple[bool, int], str] | None = None
    # In the body only a dateline counts: a sentence that names a day ("Từ ngày 1/7/2025, …") is news.
    body = set(container.iter()) if container is not None else set()
    walker = etree.iterwalk(root, events=("start",))
    for index, (_, el) in enumerate(walker):
        positions[el] = index
        if (
            skippable(el)
            or el.tag in ("figure", "figcaption")
            or CAPTION_CLASS_RE.search(el.get("class", ""))
        ):
            walker.skip_subtree()
            continue
        text = el.text or ""
        if el.tag == "time" and el.get("datetime"):
            text = el.get("datetime", "") + " " + text
        if el.tail and DATE_HINT.search(el.tail) and not re.search(r"\d{4}", text):
            text = el.tail  # `<b>Ngày đăng:</b> Thứ 2, Ngày 23/03/2020, 08:00`
        if not DATE_HINT.search(text) or len(text) > (MAX_BODY_DATELINE if el in body else 200):
            continue
        parsed = parse_vn_datetime(text)
        if not parsed or _in_teaser(el):
            continue
        has_time = not parsed[11:19] == "00:00:00" or bool(re.search(r"\d:\d\d", text))
        distance = abs(index - positions.get(anchor, index)) if anchor is not None else index
        key = (not has_time, distance)
        if best is None or key < best[0]:
            best = (key, parsed)
    return best[1] if best else None


def _in_teaser(el: etree._Element) -> bool:
    """Whether `el` sits in a link that says more than a date: a headline pointing to another article."""
    link = el if el.tag == "a" else next(el.iterancestors("a"), None)
    return link is not None and _is_teaser_link(link)


def _is_teaser_link(link: etree._Element) -> bool:
    """A link printing a headline with a date ("Giả mua vàng rồi cướp (25/12/2012)"), not a date alone."""
    words = clean_text(text_of(link))
    return len(words) > 40 and bool(DATE_HINT.search(words)) and not parse_vn_datetime(words[:40])


# --- credits, ids, category --------------------------------------------------------------------------


def _metadata_authors(page: _Page) -> list[str]:
    article = _jsonld_article(page)
    raw: list[str] = []
    if article:
        authors = article.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and author.get("@type") != "Organization":
                raw.append(str(author.get("name") or ""))
            elif isinstance(author, str):
                raw.append(author)
    if not raw and page.meta.get("author"):
        raw.append(page.meta["author"])
    publishers = [fold(p) for p in _publishers(page, article) if p]
    names: list[str] = []
    for value in raw:
        credit = classify_credit_line(value)
        if credit and not any(p in fold(value) for p in publishers):
            names.extend(credit[0])
    return names


def _publishers(page: _Page, article: dict[str, Any] | None) -> list[str]:
    """Who publishes the page: the profile's names, `og:site_name`, the JSON-LD publisher."""
    named = list(page.profile.publishers) if page.profile else []
    named.append(page.meta.get("og:site_name", ""))
    publisher = article.get("publisher") if article else None
    if isinstance(publisher, dict):
        named.append(str(publisher.get("name") or ""))
    return named


BYLINE_IN_META = re.compile(
    r"^(?:by|bài(?: và ảnh)?\s*:|tác giả\s*:)\s*(?P<names>[^·•|\d]+?)\s*(?:[·•|]|$)", re.I
)


def _credit_elsewhere(page: _Page) -> list[str]:
    """Bylines printed outside the body container (`.author`, `[rel=author]`, "By X · date" meta lines)."""
    for found in _css(page, ".author, .byline, [rel=author], [itemprop=author], .tacgia"):
        credit = classify_credit_line(text_of(found))
        if credit and credit[0]:
            page.layers["authors"] = "generic"
            return credit[0]
    for el in page.root.iter("div", "p", "span", "small"):
        text = clean_text(text_of(el))
        match = BYLINE_IN_META.match(text) if len(text) < 120 else None
        credit = classify_credit_line(match.group("names")) if match else None
        if credit and credit[0] and not in_boilerplate(el):
            page.layers["authors"] = "generic"
            return credit[0]
    return []


def _site_and_lang(page: _Page) -> tuple[str, str]:
    known = sites.edition_for(page.url)
    if known:
        return known
    host = (urlsplit(page.url).hostname or "").removeprefix("www.")
    site = (
        host.split(".")[-3]
        if host.count(".") >= 2 and host.split(".")[-2] in ("com", "gov", "org")
        else (host.split(".")[0] if host else "unknown")
    )
    declared = (page.root.get("lang") or page.meta.get("og:locale", "")).lower()[:2]
    if declared in ("vi", "en"):
        return site, declared
    text = text_of(page.root)[:5000]
    vietnamese = sum(1 for ch in text if ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    return site, "vi" if vietnamese > 20 else "en"


def _article_id(page: _Page) -> str | None:
    candidates = [page.url]
    for hint in page.profile.id_hints if page.profile else ():
        candidates += [str(v) for v in _css(page, hint)[:1]]
    candidates += [page.meta.get("canonical", ""), page.meta.get("og:url", "")]
    for candidate in candidates:
        if not candidate:
            continue
        if page.profile:
            found = page.profile.article_id(candidate)
        else:
            match = re.search(r"(\d{3,})(?:\.html?)?/?$", urlsplit(candidate).path)
            found = match.group(1) if match else None
        if found:
            page.layers["article_id"] = "url" if candidate == page.url else "metadata"
            return found
    return None


def _canonical_url(page: _Page, article_id: str | None) -> str:
    if page.profile:
        own = page.profile.canonical_article_url(page.url)
        if own:
            return own
        for candidate in (page.meta.get("canonical"), page.meta.get("og:url")):
            if candidate:
                resolved = page.profile.canonical_article_url(absolute_url(page.url, candidate) or "")
                if resolved:
                    return resolved
    canonical = page.meta.get("canonical") or page.meta.get("og:url")
    return absolute_url(page.url, canonical) or page.url if canonical else page.url


def _category(page: _Page) -> tuple[str | None, str | None]:
    host = (urlsplit(page.url).hostname or "").removeprefix("www.")
    for item in page.jsonld:
        if item.get("@type") == "BreadcrumbList":
            crumbs = [_listing_path(page, _crumb_url(el), host) for el in item.get("itemListElement") or []]
            found = _category_from_paths([p for p in crumbs if p])
            if found[0]:
                page.layers["category"] = "metadata"
                return found
    selectors = page.profile.breadcrumb if page.profile else ()
    selectors = selectors or (
        ".breadcrumb",
        ".breadcrumbs",
        "#breadcrumb",
        "nav[aria-label=breadcrumb]",
        "h1",
    )
    for css in selectors:
        for found_el in _css(page, css):
            if css == "h1" and not _is_breadcrumb(found_el, page.profile):
                continue
            hrefs = [str(h) for h in _LINK_HREFS(found_el)]
            paths = [p for p in (_listing_path(page, h, host) for h in hrefs) if p]
            found = _category_from_paths(paths)
            if found[0]:
                page.layers["category"] = "site" if page.profile else "generic"
                return found
    from_url = page.profile.category(page.url) if page.profile else None
    if from_url:  # `DispForm.aspx?ID=620&CategoryId=Enterprise`
        page.layers["category"] = "url"
        return from_url, None
    article = _jsonld_article(page)
    section = article.get("articleSection") if article else page.meta.get("article:section")
    if isinstance(section, list):
        section = section[0] if section else None
    if section:
        page.layers["category"] = "metadata"
        return slugify(str(section)) or None, None
    return None, None


def _crumb_url(element: Any) -> str:
    if not isinstance(element, dict):
        return ""
    item = element.get("item")
    if isinstance(item, dict):
        return str(item.get("@id") or item.get("url") or "")
    return str(item or element.get("url") or "")


def _listing_path(page: _Page, href: str, host: str) -> list[str] | None:
    absolute = absolute_url(page.url, href)
    if not absolute:
        return None
    parts = urlsplit(absolute)
    if (parts.hostname or "").removeprefix("www.") != host:
        return None
    if page.profile and page.profile.category_param:  # query-keyed listings (SharePoint `?CategoryId=`)
        category = page.profile.category(absolute)
        return [category] if category else None
    segments = [s for s in parts.path.split("/") if s]
    if not segments or len(segments) > 2 or any("." in s for s in segments):
        return None
    return segments


def _category_from_paths(paths: list[list[str]]) -> tuple[str | None, str | None]:
    if not paths:
        return None, None
    deepest = max(paths, key=len)
    return deepest[0], deepest[1] if len(deepest) > 1 else None
