"""Linearize an article body into text and image blocks in document order, whatever the nesting.

The Báo Long An CMS nests images and captions invalidly (`<p><em><div><img>`), and parsers re-nest it in
different ways, so captions are paired with images by position in this flat stream, never by parent.
"""

from __future__ import annotations

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
# Boilerplate by class or id; word-ish matches so "content" or "related-body" style names are caught too.
SKIP_CLASS_RE = re.compile(
    r"(^|[\s_-])(share|sharing|social|sharemxh|related|detail-related|comment|comments|binhluan|breadcrumbs?|tags?"
    r"|keywords?|advert|ads|banner|sidebar|menu|navbar|footer|print|rating|lang-switch|language|boxtinmoi"
    r"|most-?read|mostviewed|docnhieu|xemnhieu|tinlienquan|othernews|tinkhac|newsletter|ticker)($|[\s_-])",
    re.IGNORECASE,
)
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
    italic: bool = False
    bold: bool = False
    right: bool = False
    credit: bool = False  # inside an element whose class says author/byline/source


@dataclass(frozen=True)
class _Flags:
    caption: bool = False
    italic: bool = False
    bold: bool = False
    right: bool = False
    credit: bool = False


def _classes(el: etree._Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def skippable(el: etree._Element) -> bool:
    """Elements whose whole subtree is boilerplate (share bars, related boxes, scripts…)."""
    if not isinstance(el.tag, str):
        return True
    return el.tag in SKIP_TAGS or bool(SKIP_CLASS_RE.search(_classes(el)))


def image_src(el: etree._Element) -> str | None:
    for attr in LAZY_SRC_ATTRS:
        value = (el.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return None


# Tags that set a flag by themselves; any other element without attributes inherits its parent's flags.
_FLAG_TAGS = frozenset("em i strong b h2 h3 h4 h5 h6 figcaption address".split())


def _flags_for(el: etree._Element, parent: _Flags) -> _Flags:
    tag = el.tag
    if tag not in _FLAG_TAGS and not len(el.attrib):
        return parent
    style = el.get("style", "")
    classes = _classes(el)
    italic = parent.italic or tag in ("em", "i")
    caption = parent.caption or tag == "figcaption" or bool(CAPTION_CLASS_RE.search(classes))
    if tag in ("em", "i", "span", "font") and GREY_STYLE_RE.search(style):
        caption = True
    return _Flags(
        caption=caption,
        italic=italic,
        bold=parent.bold or tag in ("strong", "b") or tag in ("h2", "h3", "h4", "h5", "h6"),
        right=parent.right or bool(RIGHT_RE.search(style)) or el.get("align", "").lower() == "right",
        credit=parent.credit
        or tag == "address"
        or el.get("rel") == "author"
        or bool(CREDIT_CLASS_RE.search(classes)),
    )


def linearize(container: etree._Element, skip: frozenset[int] = frozenset()) -> list[Block]:
    """Flatten `container` into blocks; `skip` holds ids of elements to leave out (title, lead, …)."""
    blocks: list[Block] = []
    parts: list[tuple[str, _Flags]] = []

    def flush() -> None:
        if not parts:
            return
        text = clean_text("".join(t for t, _ in parts))
        if text:
            meaningful = [f for t, f in parts if t.strip()]
            blocks.append(
                Block(
                    text=text,
                    caption=all(f.caption for f in meaningful),
                    italic=all(f.italic for f in meaningful),
                    bold=all(f.bold for f in meaningful),
                    right=all(f.right for f in meaningful),
                    credit=all(f.credit for f in meaningful),
                )
            )
        parts.clear()

    stack: list[_Flags] = [_Flags()]
    walker = etree.iterwalk(container, events=("start", "end"))
    for event, el in walker:
        if event == "start":
            if el is not container and (skippable(el) or id(el) in skip):
                walker.skip_subtree()
                if isinstance(el.tag, str):
                    stack.append(stack[-1])  # balanced by the "end" event of the skipped element
                    continue
                parent_flags = stack[-1]
                if el.tail:
                    parts.append((el.tail, parent_flags))
                continue
            flags = _flags_for(el, stack[-1])
            stack.append(flags)
            if el.tag in BLOCK_TAGS:
                flush()
            if el.tag == "img":
                flush()
                src = image_src(el)
                if src and el.get("width") not in ("1", "0"):
                    blocks.append(Block(image=src, caption=flags.caption))
            elif el.tag == "br":
                parts.append((" ", flags))
            if el.text:
                parts.append((el.text, flags))
        else:
            if not isinstance(el.tag, str):
                continue
            stack.pop()
            if el.tag in BLOCK_TAGS:
                flush()
            if el.tail and el is not container:
                parts.append((el.tail, stack[-1]))
    flush()
    return blocks
