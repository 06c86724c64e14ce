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
from .blocks import CAPTION_CLASS_RE, Block, in_boilerplate, linearize, skippable, text_of
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
from .selectors import Selection

Record = dict[str, Any]

BOILERPLATE_LINE = re.compile(
    r"^((chia sẻ|share)\b[^.!?]{0,80}|tags?|từ khóa|bình luận|ý kiến bạn đọc|tin liên quan"
    r"|bài liên quan|related( news| articles| stories)?|in bài|print|gửi bài|lên đầu trang|back to top"
    r"|tiếng việt \| english|vietnamese \| english)\s*:?$",
    re.IGNORECASE,
)
BREADCRUMB_SEPARATORS = re.compile(r"[»>/|›]")
DATE_LINE = re.compile(r"^[^\n]{0,40}\d{1,2}[/.-]\d{1,2}[/.-]\d{4}[^\n]{0,25}$")  # a body line that is a date
EXPLICIT_CREDIT = re.compile(r"^(\(.{2,80}\)\.?$|nguồn\s*:|source\s*:|translated by\b|by\s+[A-ZĐ])", re.I)
MIN_BODY_CHARS = 80
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

    title_el, title = _title(page)
    if not title:
        end = html[-2000:].lower()
        truncated = "</html" not in end and "</body" not in end
        raise NotAnArticle("no article title found" + (" (page looks truncated)" if truncated else ""))
    container = _body_container(page, title_el)
    if _looks_like_listing(container if container is not None else page.root):
        raise NotAnArticle("looks like a listing page (several linked headlines), not an article")
    published_at = _published_at(page, title_el, container)
    lead_el, lead = _lead(page, container, title_el)
    body = _body(page, container, {id(e) for e in (title_el, lead_el) if e is not None}, title, lead)
    body.images[:0] = _images_around_title(page, title_el, container, {title, lead})
    if lead is None and body.paragraphs and _looks_like_generic_lead(body.first_block):
        lead = body.paragraphs.pop(0)
        page.layers["lead"] = "generic"
    body_text = "\n\n".join(body.paragraphs)
    if len(body_text) < MIN_BODY_CHARS:
        raise NotAnArticle(
            "article body is empty" if not body_text else f"article body too short ({len(body_text)} chars)"
        )
    if published_at is None and page.layers.get("body_text") != "site" and not _metadata_says_article(page):
        raise NotAnArticle("no publication date and no article body container: not an article page")

    authors, sources = body.authors, body.sources
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
        "images": [{"url": absolute_url(url, src), "caption": cap} for src, cap in body.images],
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


def _is_breadcrumb(el: etree._Element) -> bool:
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
    if re.search(r"\.html?$|-a\d+$", href):
        return False
    return mostly_links or bool(BREADCRUMB_SEPARATORS.search(text))


def _title(page: _Page) -> tuple[etree._Element | None, str]:
    badges = page.profile.title_badges if page.profile else ()
    if page.profile:
        for css in page.profile.title:
            found = [e for e in _css(page, css) if not _is_breadcrumb(e)]
            site_title = _site_title(page, found[0], badges) if found else None
            if site_title and site_title[1]:
                return site_title
    head_titles = _head_titles(page, badges)
    site_names = _site_names(page)
    h1s = [
        h
        for h in _headings(page)
        if h.tag == "h1"
        and not _is_breadcrumb(h)
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


def _looks_like_listing(container: etree._Element) -> bool:
    # Headings found in C, then tested: an XPath predicate on every element of the container cost more.
    linked_headlines = [h for h in container.iterdescendants("h2", "h3", "h4") if _HREF_LINKS(h)]
    return sum(1 for h in linked_headlines if not in_boilerplate(h)) >= 3


def _body_container(page: _Page, title_el: etree._Element | None) -> etree._Element | None:
    if page.profile:
        for css in page.profile.body:
            found = _css(page, css)
            if found:  # even when empty: an empty body div is an empty article, not a reason to guess
                page.layers["body_text"] = "site"
                return found[0]
    container = _densest_container(page.root, title_el)
    if container is not None:
        page.layers["body_text"] = "generic"
    return container


LEAF_DIV_BLOCKERS = ("p", "div", "table", "ul", "ol", "li", "h1", "h2", "h3", "section", "article")


def _holds_blocks(el: etree._Element) -> bool:
    """Whether `el` has a block element inside (stops at the first: this runs for every div of a page)."""
    return next(el.iterdescendants(*LEAF_DIV_BLOCKERS), None) is not None


def _is_teaser(para: etree._Element) -> bool:
    """A paragraph beside a linked headline is a teaser of another article (most-read boxes, listings)."""
    parent = para.getparent()
    if parent is None:
        return False
    return bool(_TEASER_HEADLINES(parent))


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
    for para in root.iter("p", "pre", "blockquote", "div"):
        if para.tag == "div" and _holds_blocks(para):
            continue  # only a div holding text directly stands in for a paragraph (old CMS bodies)
        if _is_teaser(para) or in_boilerplate(para):
            continue
        text = clean_text(text_of(para))
        if len(text) < 25:
            continue
        link_len = sum(len(clean_text(text_of(a))) for a in para.iter("a"))
        score = len(text) - 2 * link_len + 10 * text.count(",") / 5
        if score <= 0:
            continue
        parent = para.getparent()
        while parent is not None and parent.tag in ("span", "em", "strong", "font", "b", "i"):
            parent = parent.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        grand = parent.getparent()
        if grand is not None and grand.tag not in ("body", "html"):
            scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: kv[1] * (2 if kv[0] in near else 1))[0]


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
    blocks = linearize(container, frozenset(skip))
    text_blocks: list[Block] = []
    images: list[list[Any]] = []  # [src, caption]
    pending: list[int] = []  # images since the last paragraph, still without caption
    orphan_caption: str | None = None
    for block in blocks:
        if block.image:
            images.append([block.image, None])
            if orphan_caption:  # a caption printed before its image (2015 layout)
                images[-1][1], orphan_caption = orphan_caption, None
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
        is_caption = block.caption or (block.italic and pending and len(text) < 300 and not block.right)
        if is_caption:
            if pending:
                images[pending.pop(0)][1] = text
            else:
                orphan_caption = text
            continue
        pending.clear()
        text_blocks.append(block)
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
        if element is not None:
            page.layers["lead"] = "metadata"
            return element, candidate
    return _generic_lead(page, container, title_el)


LEAD_CLASS_RE = re.compile(r"sapo|lead|description|summary|intro|excerpt|chapeau|tomtat", re.IGNORECASE)


def _generic_lead(
    page: _Page, container: etree._Element | None, title_el: etree._Element | None
) -> tuple[etree._Element | None, str | None]:
    """A lead-classed element after the title, else the block right after the title (outside the body)."""
    around_body = set(container.iterancestors()) if container is not None else set()
    for el in _following(page.root, title_el):
        if el.tag in ("p", "div", "h2", "h3", "span", "strong") and LEAD_CLASS_RE.search(
            f"{el.get('class', '')} {el.get('id', '')}"
        ):
            text = clean_text(text_of(el))
            if len(text) >= 30 and el not in around_body:
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
            if 40 <= len(text) <= 600 and not _LINKS(sibling) and not skippable(sibling):
                page.layers["lead"] = "generic"
                return sibling, text
            break
    return None, None


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
    image and its caption before the title)."""
    if (
        title_el is None
        or container is None
        or title_el is container
        or container in title_el.iterancestors()
    ):
        return []
    container_line = set(container.iterancestors()) | {container}
    images: list[tuple[str, str | None]] = []
    for sibling in [*reversed(list(title_el.itersiblings(preceding=True))), *title_el.itersiblings()]:
        if sibling in container_line:
            break
        # Most siblings (date, lead) hold no image: nothing to linearize.
        if skippable(sibling) or next(sibling.iter("img"), None) is None or _is_breadcrumb(sibling):
            continue
        blocks = linearize(sibling)
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
    if not caption and DATE_HINT.search(text) and not any(_is_teaser_link(a) for a in _LINKS(el)):
        found = parse_labelled_datetime(text)
        if found:
            return ends, found
    return ends, parse_labelled_datetime(tail) if not ends and DATE_HINT.search(tail) else None


def _date_near_title(
    root: etree._Element, title_el: etree._Element | None, container: etree._Element | None
) -> str | None:
    """Generic layer: the date printed closest to the title, preferring one that carries a time; dates in
    captions and in linked teasers ("Headline (25/12/2012)") are other articles' or the photo's."""
    anchor = title_el if title_el is not None else container
    positions: dict[etree._Element, int] = {}
    best: tuple[tuple[bool, int], str] | None = None
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
        if not DATE_HINT.search(text) or len(text) > 200:
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
    names: list[str] = []
    for value in raw:
        credit = classify_credit_line(value)
        if credit and "long an" not in fold(value):
            names.extend(credit[0])
    return names


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
    candidates += [str(v) for v in _css(page, "img[data-socail-link]::attr(data-socail-link)")[:1]]
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
            if css == "h1" and not _is_breadcrumb(found_el):
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
