"""Snippets cut from the stored text with the matched words marked, whatever marks the query had.

FTS5's own `snippet()` quotes the column that matched, and for a query typed without marks that is the
folded copy ("Sang nay, UBND huyen Can Duoc…"): text the paper never printed. Here the words are found in
the stored text by the rule the index applies (`search` module doc), so the snippet shows "Cần Đước".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .search import fold

Phrase = tuple[list[str], bool]  # words, last word a prefix
Piece = tuple[str, bool]  # text, marked
_WORD = re.compile(r"\w+")
WINDOW_WORDS = 36  # words a snippet shows around its first match


def _key(word: str) -> str:
    return word.casefold()


def _same(words: list[str], wanted: list[str], prefix: bool) -> bool:
    """Word by word equal (the last one a prefix of its word when `prefix`)."""
    if len(words) != len(wanted):
        return False
    head = words[:-1] == wanted[:-1]
    return head and (words[-1].startswith(wanted[-1]) if prefix else words[-1] == wanted[-1])


def _matches(words: list[str], phrase: Phrase) -> bool:
    wanted, prefix = phrase
    printed = [_key(w) for w in words]
    unmarked = [_key(fold(w)) for w in wanted]
    if [_key(w) for w in wanted] == unmarked:  # typed without marks: any spelling
        return _same([_key(fold(w)) for w in words], unmarked, prefix)
    if _same(printed, [_key(w) for w in wanted], prefix):
        return True
    # A marked query also matches its unmarked form where the text prints it unmarked.
    return all(fold(w) == w for w in words) and _same(printed, unmarked, prefix)


def spans(text: str, phrases: Iterable[Phrase]) -> list[tuple[int, int]]:
    """Character spans of `text` (NFC) where one of the phrases stands, in order, not overlapping."""
    words = list(_WORD.finditer(text))
    found: list[tuple[int, int]] = []
    phrases = [p for p in phrases if p[0]]
    i = 0
    while i < len(words):
        for phrase in phrases:
            n = len(phrase[0])
            if i + n <= len(words) and _matches([m.group() for m in words[i : i + n]], phrase):
                found.append((words[i].start(), words[i + n - 1].end()))
                i += n
                break
        else:
            i += 1
    return found


def pieces(text: str, found: list[tuple[int, int]]) -> list[Piece]:
    """`text` cut into unmarked and marked pieces at the spans."""
    out: list[Piece] = []
    at = 0
    for start, end in found:
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


def marked(text: str | None, phrases: list[Phrase]) -> list[Piece]:
    """The whole text (a title) with its matches marked."""
    text = unicodedata.normalize("NFC", text or "")
    return pieces(text, spans(text, phrases))


def snippet(texts: Iterable[str | None], phrases: list[Phrase], width: int = WINDOW_WORDS) -> list[Piece]:
    """About `width` words around the first match in the first text holding one (the lead, then the body);
    the start of the first text when none does. '…' marks a cut."""
    given = [unicodedata.normalize("NFC", t) for t in texts if t]
    if not given:
        return []
    text, found = given[0], []
    for candidate in given:
        found = spans(candidate, phrases)
        if found:
            text = candidate
            break
    words = list(_WORD.finditer(text))
    if not words:
        return [(text, False)]
    first = 0
    if found:
        first = next(i for i, w in enumerate(words) if w.start() >= found[0][0])
    lo = max(0, first - width // 3)
    hi = min(len(words), lo + width)
    lo = max(0, min(lo, hi - width))
    start = 0 if lo == 0 else words[lo].start()
    end = len(text) if hi == len(words) else words[hi - 1].end()
    window = [(s - start, e - start) for s, e in found if s >= start and e <= end]
    out = pieces(text[start:end], window)
    if start > 0:
        out.insert(0, ("…", False))
    if end < len(text):
        out.append(("…", False))
    return out


def as_text(parts: list[Piece], start: str = "**", end: str = "**") -> str:
    """A snippet as plain text with its marks written `**like this**` (JSON, CSV)."""
    return "".join(f"{start}{text}{end}" if is_marked else text for text, is_marked in parts)
