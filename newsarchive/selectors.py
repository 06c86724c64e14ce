"""CSS selection over one page, for the site layer's selectors and the boilerplate it drops.

An XPath class test costs as much as a walk of the whole page, and a page asks for ten or more selectors, most
of them `.class`, `tag.class` or `#id`. Those are answered from an index of class tokens and ids that one
XPath call collects; the index only proposes candidates, and each is checked with the selector's own XPath
(`self::…`), so the answer is exactly the translated selector's. Other selectors run as plain XPath.
"""

from __future__ import annotations

import functools
from typing import Any

from cssselect import parse
from cssselect.parser import Attrib, Class, Element, Hash
from lxml import etree
from parsel.csstranslator import HTMLTranslator, css2xpath

_TRANSLATOR = HTMLTranslator()
_CLASSES_AND_IDS = etree.XPath("descendant-or-self::*/@class | descendant-or-self::*/@id")


@functools.lru_cache(maxsize=512)
def _compiled(css: str) -> etree.XPath:
    return etree.XPath(css2xpath(css))


@functools.lru_cache(maxsize=512)
def _indexed(css: str) -> tuple[str, etree.XPath] | None:
    """(index key every match carries, the selector as a test of one element), or None for selectors the
    index cannot answer: groups, combinators, pseudo-elements, and selectors naming no class or id."""
    selectors = parse(css)
    if len(selectors) != 1 or selectors[0].pseudo_element is not None:
        return None
    key, node = None, selectors[0].parsed_tree
    while not isinstance(node, Element):
        if isinstance(node, Class):
            key = node.class_name
        elif isinstance(node, Hash):
            key = "#" + node.id
        elif not isinstance(node, Attrib):
            return None
        node = node.selector
    return (key, etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix="self::"))) if key else None


class Selection:
    """`css()` over a tree. Elements removed from the tree drop out of the answers by themselves; `changed()`
    must follow any edit of classes or ids."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._index: dict[str, list[etree._Element]] | None = None

    def css(self, css: str) -> list[Any]:
        """Elements (or attribute strings, for `::attr()`) matching `css`, in document order."""
        indexed = _indexed(css)
        if indexed is None:
            return list(_compiled(css)(self.root))
        key, matches = indexed
        candidates = self._lookup().get(key, ())
        return [el for el in dict.fromkeys(candidates) if matches(el) and self._in_tree(el)]

    def changed(self) -> None:
        self._index = None

    def _in_tree(self, element: etree._Element) -> bool:
        return element is self.root or self.root in element.iterancestors()

    def _lookup(self) -> dict[str, list[etree._Element]]:
        if self._index is None:
            # Class tokens split on any whitespace: a superset of XPath's tokens, which the check narrows.
            self._index = {}
            for value in _CLASSES_AND_IDS(self.root):
                element = value.getparent()
                keys = ["#" + value] if value.attrname == "id" else value.split()
                for key in keys:
                    self._index.setdefault(key, []).append(element)
        return self._index
