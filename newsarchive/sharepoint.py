"""Undo what SharePoint 2013 portals (longan.gov.vn) do to article pages, before the extraction layers run.

The portal shows editors' pasted Word HTML as escaped text, prints image file names under images, wraps the
page in ribbon chrome ("Skip Ribbon Commands"), can render an item as a plain list form (`ms-formtable`:
label cell → value cell) and doubles titles with a "New" badge. These are pure functions over text or an
lxml tree; every step is a no-op on pages that do not have the trap, so they run for every site.
"""

from __future__ import annotations

import html
import re

from lxml import etree

from .blocks import text_of
from .normalize import clean_text, fold

# Tags Word and the portal's rich-text field emit; an escaped one (`&lt;p style="margin:6pt 0in;"&gt;`) in the
# page source shows as literal text. `&amp;lt;` is the same, escaped twice.
_WORD_TAGS = (
    r"p|span|div|br|b|strong|i|em|u|font|o:p|st1:[a-z]+|table|tbody|thead|tr|td|th|ul|ol|li|h[1-6]|a|img"
    r"|sup|sub|blockquote|center|hr"
)
_ESCAPED_TAG = re.compile(
    r"&(?:amp;)?lt;(/?(?:" + _WORD_TAGS + r"))(\s(?:(?!&(?:amp;)?[lg]t;|[<>]).){0,2000})?\s*/?&(?:amp;)?gt;",
    re.IGNORECASE | re.DOTALL,
)
_ESCAPED_RUN = re.compile(
    rf"{_ESCAPED_TAG.pattern}(?:[^<]*?{_ESCAPED_TAG.pattern})*", re.IGNORECASE | re.DOTALL
)
_ESCAPED_COMMENT = re.compile(r"&(?:amp;)?lt;!--.*?--&(?:amp;)?gt;", re.DOTALL)
# What is left when a tag was cut or never escaped consistently: drop it from text rather than show it.
LITERAL_TAG = re.compile(r"</?(?:" + _WORD_TAGS + r")(?:\s[^<>]{0,2000})?/?>|<!--.*?-->", re.IGNORECASE)

# SharePoint chrome that leaks into text when the ribbon's hiding CSS is not applied.
CHROME_LINE = re.compile(
    r"^(skip ribbon commands|skip to main content|turn (on|off) more accessible mode|"
    r"bỏ qua lệnh ruy-băng|bỏ qua để tới nội dung chính|chuyển tới nội dung chính|sign in|đăng nhập)$",
    re.IGNORECASE,
)
CHROME_IDS = frozenset(
    ("s4-ribbonrow", "ms-designer-ribbon", "suiteBar", "suiteBarTop", "s4-titlerow", "DeltaSPWebPartManager")
)

_IMAGE_NAME = re.compile(r"^\S?[^\n]{0,300}\.(?:jpe?g|png|gif|bmp|webp|jfif|tiff?)$", re.IGNORECASE)

# Labels of SharePoint list-form rows, folded (no diacritics, lower case) → the role the value plays.
FORM_LABELS = {
    "title": "title",
    "tieu de": "title",
    "ten bai": "title",
    "ngay dang": "date",
    "ngay xuat ban": "date",
    "ngay ban hanh": "date",
    "ngay tao": "date",
    "published": "date",
    "publish date": "date",
    "created": "date",
    "date": "date",
    "tom tat": "lead",
    "trich yeu": "lead",
    "mo ta": "lead",
    "summary": "lead",
    "description": "lead",
    "noi dung": "body",
    "body": "body",
    "content": "body",
    "tac gia": "author",
    "author": "author",
}
FORM_CLASSES = {"title": "news-title", "date": "news-date", "lead": "news-summary", "body": "news-content"}


def unescape_word_html(page: str) -> str:
    """Turn escaped Word HTML shown as text back into markup (escaped conditional comments are dropped)."""
    if "lt;" not in page:
        return page
    page = _ESCAPED_COMMENT.sub("", page)
    # A run of escaped tags and the text between them was escaped as a whole: unescape it once.
    return _ESCAPED_RUN.sub(lambda m: html.unescape(m.group(0)), page)


def strip_literal_tags(text: str) -> str:
    """Remove tags still printed as text (`<p style="margin:6pt 0in;">`) from an extracted value."""
    return clean_text(LITERAL_TAG.sub(" ", text)) if "<" in text else text


def is_chrome(line: str) -> bool:
    """A chrome phrase; `line` is cleaned already (`clean_text`), as body lines are."""
    return bool(CHROME_LINE.match(line))


def is_image_file_name(text: str) -> bool:
    """`/PublishingImages/2020-03/Châu Thành … 2332020.jpg` printed under an image: a file name, not prose.

    `text` is cleaned already (`clean_text`): body lines are, and cleaning them again cost more than the test.
    """
    return bool(_IMAGE_NAME.match(text)) and ("/" in text or len(text.split()) <= 12)


def undouble_title(text: str, badges: tuple[str, ...] = ()) -> str:
    """`Title New Title`, `Title Title` → `Title`; a trailing badge (`Title New`) only for sites that print one."""
    text = clean_text(text)
    for _ in range(2):
        for badge in badges:
            text = text.removesuffix(" " + badge).strip()
        words = text.split()
        for middle in ("New", "Mới"):
            if middle in words:
                i = words.index(middle)
                if words[:i] and words[:i] == words[i + 1 :]:
                    return " ".join(words[:i])
        half = len(words) // 2
        if len(words) % 2 == 0 and half and words[:half] == words[half:]:
            return " ".join(words[:half])
    return text


# Chrome is SharePoint's own: a page that carries none of its marks is not walked for it.
_SHAREPOINT_MARKS = (
    "skip ribbon", "skip to main content", "accessible mode", "bỏ qua", "chuyển tới nội dung", "s4-ribbon",
    "suitebar", "ms-designer-ribbon", "deltaspwebpartmanager", "_layouts/",
)  # fmt: skip


def has_chrome(page: str) -> bool:
    low = (
        page.lower()
    )  # plain substring tests: a case-insensitive regex over the page costs more than the walk
    return any(mark in low for mark in _SHAREPOINT_MARKS)


# Found in C, not by walking every element in Python: ribbon containers, and short leaf texts (chrome phrases
# are short) that the Python check then looks at.
_CHROME_CANDIDATES = etree.XPath(
    "//*[@id and (" + " or ".join(f"@id='{i}'" for i in sorted(CHROME_IDS)) + ")]"
    " | //*[not(*)][string-length(normalize-space(text())) > 3 and string-length(normalize-space(text())) < 60]"
)


def drop_chrome(root: etree._Element) -> None:
    """Remove ribbon containers and elements whose whole text is a chrome phrase, keeping their tails."""
    doomed = [
        el
        for el in _CHROME_CANDIDATES(root)
        if el.get("id") in CHROME_IDS or (len(el) == 0 and el.text and is_chrome(clean_text(el.text)))
    ]
    for el in doomed:
        remove_keeping_tail(el)


def remove_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# Tested per `<td>` (lxml finds those in C): an XPath `//td[…]` walk cost more than the whole check, and
# almost no page has a form table.
_IS_FORM_LABEL = etree.XPath(
    'self::td[contains(concat(" ", normalize-space(@class), " "), " ms-formlabel ")]'
)


def label_form_table(root: etree._Element) -> bool:
    """A list item rendered as `ms-formtable` rows: mark the value cells as title/date/lead/body, so the
    site layer's selectors find them; label cells are emptied so they never read as text. True when a row
    was labelled (classes changed)."""
    labelled = False
    for label in [td for td in root.iter("td") if _IS_FORM_LABEL(td)]:
        key = fold(clean_text(text_of(label))).strip(" :*")
        role = FORM_LABELS.get(key)
        value = label.getnext()
        if role is None or value is None or value.tag != "td":
            continue
        for child in list(label):
            label.remove(child)
        label.text = ""
        labelled = True
        if role in FORM_CLASSES:
            value.set("class", f"{value.get('class', '')} {FORM_CLASSES[role]}".strip())
        elif role == "author":
            value.set("class", f"{value.get('class', '')} author".strip())
    return labelled
