"""Linearize an article body into text and image blocks in document order, whatever the nesting.

The Báo Long An CMS nests images and captions invalidly (`<p><em><div><img>`), and parsers re-nest it in
different ways, so captions are paired with images by position in this flat stream, never by parent.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree

from .normalize import clean_text

BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol table tbody thead tr td th blockquote figure figcaption section "
    "article header footer main center dl dt dd pre hr address aside nav".split()
)
# Not <form>: ASP.NET and SharePoint pages wrap the whole page in one.
SKIP_TAGS = frozenset(
    "script style noscript iframe button svg input select textarea object video audio nav aside".split()
)
# Boilerplate by class or id, judged on whole words: each class token (and the id) is split at "-", "_" and
# camelCase humps, and also read with its separators removed ("most-read" → "mostread"). Substrings are not
# enough evidence: "print-news", "l-sidebar-fixed", "tag-<slug>" on a WordPress <article> hold the article.
BOILERPLATE_WORDS = frozenset(
    "share sharing sharebar sharemxh social related comment comments binhluan breadcrumb breadcrumbs tag tags"
    " keyword keywords advert advertisement ads banner sidebar menu navbar nav footer rating langswitch"
    " language boxtinmoi mostread mostviewed mostpopular docnhieu xemnhieu tinlienquan othernews tinkhac"
    " newsletter ticker pagination pager disqus promo sponsor sponsored popup cookie consent gdpr subscribe"
    " outbrain taboola".split()
)
# A token naming the content ("l-article-body-segment", "main-story", "newsArticle") vouches for its element.
CONTENT_WORDS = frozenset("article body content main story entry".split())
# Kept whatever their class says: the page itself, and elements `keep` marks (those holding the title).
NEVER_SKIPPED_BY_CLASS = frozenset(("html", "body"))
KEEP_ATTR = "data-newsarchive-keep"
_WORD_SPLIT = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")
CAPTION_CLASS_RE = re.compile(
    r"caption|img-desc|image-desc|photo-desc|chuthich|ghichu|PhotoCMS_Caption", re.I
)
CREDIT_CLASS_RE = re.compile(r"(^|[\s_-])(author|byline|tacgia|source|nguon)($|[\s_-])", re.I)
GREY_STYLE_RE = re.compile(
    r"color\s*:\s*(?:#[6-9a-c][0-9a-f]{2}\b|#(?:[6-9a-c][0-9a-f]){3}\b|gr[ae]y|silver|"
    r"rgba?\(\s*(?:1[0-9]{2}|[6-9][0-9])\s*,\s*(?:1[0-9]{2}|[6-9][0-9])\s*,\s*(?:1[0-9]{2}|[6-9][0-9]))"
    r"|font-size\s*:\s*(?:small|smaller|x-small|(?:[89]|1[0-3])(?:\.\d+)?px|[0-9.]+em)",
    re.IGNORECASE,
)
RIGHT_RE = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)
LAZY_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")


@dataclass
class Block:
    """One line of the body: a paragraph of text or an image."""

    text: str = ""
    image: str | None = None  # raw src as the page has it
    caption: bool = False  # every character sits in a caption-styled element
    small_print: bool = False  # …styled as one by its look alone (see SMALL_PRINT)
    italic: bool = False
    bold: bool = False
    right: bool = False
    credit: bool = False  # inside an element whose class says author/byline/source


# Styling inherited down the tree, as bits of one int: flags are computed for every element of a body,
# and an int costs nothing to copy or combine.
# SMALL_PRINT: a caption by its look only (grey or small type), which bodies printed in small type share.
CAPTION, ITALIC, BOLD, RIGHT, CREDIT, SMALL_PRINT = 1, 2, 4, 8, 16, 32
_ALL_FLAGS = CAPTION | ITALIC | BOLD | RIGHT | CREDIT | SMALL_PRINT
# Tags that set a flag by themselves; any other element without attributes inherits its parent's flags.
_TAG_FLAGS = {"em": ITALIC, "i": ITALIC, "figcaption": CAPTION, "address": CREDIT}
_TAG_FLAGS |= dict.fromkeys(("strong", "b", "h2", "h3", "h4", "h5", "h6"), BOLD)


def name_words(token: str) -> set[str]:
    """The words of one class token or id, as the boilerplate rule reads them (see BOILERPLATE_WORDS)."""
    words = {w.lower() for w in _WORD_SPLIT.split(token) if w}
    words.add(token.replace("-", "").replace("_", "").lower())
    return words


@functools.lru_cache(maxsize=4096)  # a page repeats its class strings: each is read once
def boilerplate_name(names: str) -> bool:
    """Whether class/id `names` say boilerplate: a boilerplate word in some token and no token naming content."""
    boilerplate = False
    for token in names.split():
        words = name_words(token)
        if words & BOILERPLATE_WORDS:
            boilerplate = True
        elif words & CONTENT_WORDS:
            return False
    return boilerplate


def _skips(tag: str, classes: str | None, ident: str | None, keep: str | None = None) -> bool:
    if tag in SKIP_TAGS:
        return True
    if (classes is None and ident is None) or keep is not None or tag in NEVER_SKIPPED_BY_CLASS:
        return False  # most elements: no class to read
    return boilerplate_name(f"{classes or ''} {ident or ''}")


def keep(el: etree._Element) -> None:
    """Mark `el` and its ancestors as content whatever their class: the element holding the title is never
    boilerplate, though WordPress tags it `tag-…` and themes call the page wrapper `…-sidebar`."""
    for node in (el, *el.iterancestors()):
        node.set(KEEP_ATTR, "")


def skippable(el: etree._Element) -> bool:
    """Elements whose whole subtree is boilerplate (share bars, related boxes, scripts…)."""
    tag = el.tag
    return not isinstance(tag, str) or _skips(tag, el.get("class"), el.get("id"), el.get(KEEP_ATTR))


def named_boilerplate(el: etree._Element) -> bool:
    """Whether `el` is boilerplate or sits inside it (see `skippable`)."""
    return skippable(el) or in_boilerplate(el)


def in_boilerplate(el: etree._Element) -> bool:
    """Whether `el` sits inside a boilerplate subtree (see `skippable`)."""
    return any(skippable(a) for a in el.iterancestors())


def text_of(el: etree._Element) -> str:
    """The text inside `el` without its tail, as `"".join(el.itertext())`; serialized in C, several times
    faster, and pages ask for the text of many elements (headings, candidates, credit lines)."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def image_src(el: etree._Element) -> str | None:
    for attr in LAZY_SRC_ATTRS:
        value = (el.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return None


def _flags_for(tag: str, attrs: dict[str, str], parent: int) -> int:
    flags = parent | _TAG_FLAGS.get(tag, 0)
    if not attrs:
        return flags
    style = attrs.get("style", "")
    classes = f"{attrs.get('class', '')} {attrs.get('id', '')}"
    if CAPTION_CLASS_RE.search(classes):
        flags |= CAPTION
    elif tag in ("em", "i", "span", "font") and GREY_STYLE_RE.search(style):
        flags |= CAPTION | SMALL_PRINT
    if RIGHT_RE.search(style) or attrs.get("align", "").lower() == "right":
        flags |= RIGHT
    if attrs.get("rel") == "author" or CREDIT_CLASS_RE.search(classes):
        flags |= CREDIT
    return flags


def linearize(container: etree._Element, skip: frozenset[int] = frozenset()) -> list[Block]:
    """Flatten `container` into blocks; `skip` holds ids of elements to leave out (title, lead, …)."""
    blocks: list[Block] = []
    parts: list[tuple[str, int]] = []

    def flush() -> None:
        text = clean_text("".join([t for t, _ in parts]))
        if text:
            common = _ALL_FLAGS  # the flags every part that prints something has (parts are never empty)
            for t, f in parts:
                if not t.isspace():
                    common &= f
            blocks.append(
                Block(
                    text=text,
                    caption=bool(common & CAPTION),
                    small_print=bool(common & SMALL_PRINT),
                    italic=bool(common & ITALIC),
                    bold=bool(common & BOLD),
                    right=bool(common & RIGHT),
                    credit=bool(common & CREDIT),
                )
            )
        parts.clear()

    stack: list[int] = [0]
    walker = etree.iterwalk(container, events=("start", "end"))
    for event, el in walker:
        tag = el.tag  # each read of an lxml property builds a new Python object: read once
        if event == "end":
            if not isinstance(tag, str):
                continue
            stack.pop()
            if parts and tag in BLOCK_TAGS:
                flush()
            tail = el.tail
            if tail and el is not container:
                parts.append((tail, stack[-1]))
            continue
        if not isinstance(tag, str):
            walker.skip_subtree()
            tail = el.tail
            if tail:
                parts.append((tail, stack[-1]))
            continue
        attrs = dict(el.items())
        if el is not container and (
            _skips(tag, attrs.get("class"), attrs.get("id"), attrs.get(KEEP_ATTR)) or id(el) in skip
        ):
            walker.skip_subtree()
            stack.append(stack[-1])  # balanced by the "end" event of the skipped element
            continue
        flags = _flags_for(tag, attrs, stack[-1])
        stack.append(flags)
        if parts and (tag in BLOCK_TAGS or tag == "img"):
            flush()
        if tag == "img":
            src = image_src(el)
            if src and attrs.get("width") not in ("1", "0"):
                blocks.append(Block(image=src, caption=bool(flags & CAPTION)))
        elif tag == "br":
            before = el.getprevious()
            if before is not None and before.tag == "br" and not (before.tail or "").strip():
                flush()  # a blank line: `<br><br>` ends a paragraph in bodies without <p>
            else:
                parts.append((" ", flags))
        text = el.text
        if text:
            parts.append((text, flags))
    if parts:
        flush()
    return blocks
