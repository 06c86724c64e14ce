"""Bytes to text for pages in any of the encodings Vietnamese sites used.

UTF-8 (declared or not), windows-1258 (often undeclared: w3lib's guess turned it into U+FFFD), and the two
legacy *font* encodings of the 1990s–2000s, TCVN3 (ABC, fonts `.VnTime`, `.VnArial`…) and VNI (`VNI-Times`,
`VNI-Helve`…): single-byte text that browsers showed right only because the font drew Vietnamese glyphs at
Latin-1 code points. Such text reaches us as raw bytes or already decoded as Latin-1/cp1252 (and stored as
UTF-8); both are converted to Unicode NFC when the page gives evidence, and ordinary Latin-1 text is left alone.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from itertools import islice

from bs4 import UnicodeDammit
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# TCVN3 (TCVN 5712:1993 VN3) bytes 0x80–0xFF as Unicode, index = byte - 0x80. Generated once from glibc's
# iconv (`iconv -f TCVN5712-1 -t UTF-8`, one byte at a time) and checked against it in tests; 0xB0–0xB4 are
# combining tone marks that follow their vowel (NFC composes them).
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80-0x8F
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90-0x9F
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0-0xAF
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0-0xBF
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0-0xCF
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0-0xDF
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0-0xEF
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0-0xFF
)
# The same iconv table puts twelve capitals in the C0 range.
_TCVN3_LOW = {
    1: "Ú",
    2: "Ụ",
    4: "Ừ",
    5: "Ử",
    6: "Ữ",
    17: "Ứ",
    18: "Ự",
    19: "Ỳ",
    20: "Ỷ",
    21: "Ỹ",
    22: "Ý",
    23: "Ỵ",
}


def _tcvn3_map() -> dict[int, str]:
    """Text code point → Unicode, for a TCVN3 byte read as Latin-1 *or* as cp1252 (0x80–0x9F differ)."""
    table = {byte: char for byte, char in _TCVN3_LOW.items()}
    for byte, char in enumerate(_TCVN3_HIGH, 0x80):
        table[byte] = char
        as_cp1252 = bytes([byte]).decode("cp1252", errors="ignore")
        if as_cp1252:
            table[ord(as_cp1252)] = char
    del table[0xA0]  # no-break space is the same in both
    return table


_TCVN3 = _tcvn3_map()

# VNI Windows: a base letter followed by a mark byte for the tone, circumflex or breve (`oä` = ộ, `aø` = à),
# plus single bytes for ơ ư đ and the toned i. Written from the VNI Windows chart as laid out in the
# lamdao/xvnkb converter (file `vni.h`, table `VNI[]`: "A","AÙ","AØ","AÛ","AÕ","AÏ","AÂ","AÁ",… "Ô","ÔÙ",…
# "I","Í","Ì","Æ","Ó","Ò", "Y",…,"Î", "Ñ"); the lower case bytes are the capitals' Latin-1 lower case.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ó": "ĩ", "ò": "ị", "æ": "ỉ", "î": "ỵ"}


def _vni_map() -> dict[str, str]:
    """VNI sequence (as Latin-1 text) → Unicode, both cases."""
    table: dict[str, str] = {}
    for base in "aeouy":
        for mark, tone in _VNI_TONES.items():
            table[base + mark] = base + tone
    for horned, plain in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in _VNI_TONES.items():
            table[horned + mark] = plain + tone
    for base in "aeo":
        for mark, tone in _VNI_CIRCUMFLEX.items():
            table[base + mark] = base + "\u0302" + tone
    for mark, tone in _VNI_BREVE.items():
        table["a" + mark] = "a\u0306" + tone
    table.update(_VNI_SINGLE)
    both = {key.upper(): value.upper() for key, value in table.items()} | table
    return {key: unicodedata.normalize("NFC", value) for key, value in both.items()}


_VNI = _vni_map()
_VNI_RE = re.compile("|".join(map(re.escape, sorted(_VNI, key=len, reverse=True))))


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 text read as Latin-1/cp1252 → Unicode NFC."""
    return unicodedata.normalize("NFC", text.translate(_TCVN3))


def vni_to_unicode(text: str) -> str:
    """VNI Windows text read as Latin-1/cp1252 → Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI[m.group(0)], text))


CONVERTERS: dict[str, Callable[[str], str]] = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}

# Font names in a font-family / face declaration are the strongest evidence of a legacy encoding.
_FONT = {
    "tcvn3": re.compile(r"(?:font-family|face)[^;>{}]{0,60}?\.Vn[A-Z]", re.IGNORECASE),
    "vni": re.compile(r"(?:font-family|face)[^;>{}]{0,60}?\bVNI[- ][A-Z]", re.IGNORECASE),
}
# A word: letters, or the symbols TCVN3 uses as letters (·, ¸, ¶, «, ®…).
_TCVN3_SYMBOLS = "".join(sorted({chr(c) for c in _TCVN3 if c >= 0x80 and not chr(c).isalpha()}))
_WORD = re.compile(r"(?:[^\W\d_]|[" + re.escape(_TCVN3_SYMBOLS) + r"])+")
# Letters no Latin-1/cp1252 reading of bytes can produce (ơ ư đ ạ…, Greek, Cyrillic, CJK): a page full of them is
# already Unicode. Latin Extended is taken whole except the eight cp1252 letters (Œ œ Š š Ÿ Ž ž ƒ).
_NOT_LATIN1 = re.compile(
    "[\u0100-\u0151\u0154-\u015f\u0162-\u0177\u0179-\u017c\u017f-\u0191\u0193-\u024f"
    "\u0370-\u1fff\u3040-\u9fff\uac00-\ud7af]"
)
_HIGH_LATIN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)
_TONES = frozenset((_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT))
# A Vietnamese syllable with its tone removed: initial consonant(s), a vowel cluster, a final consonant.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:uyê|uya|uyu|uây|oai|oao|oay|oeo|iêu|yêu|uôi|ươi|ươu"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|ươ|ưa|ưi|ưu|uy|yê"
    r"|[aăâeêioôơuưy])"
    r"(?:ng|nh|ch|[cmnpt])?"
)
MIN_EVIDENCE_WORDS = 3  # without a font name, a few converted words are not enough: `£` alone becomes `Ê`
SHARE_WITH_FONT = 0.3  # of the words with non-ASCII letters, the share that must become Vietnamese
SHARE_WITHOUT_FONT = 0.6
MAX_WORDS = 2_000  # a sample that large decides; a long page is not read to its end


def _is_syllable(word: str) -> bool:
    """Whether `word` is spelled like one Vietnamese syllable (one tone at most)."""
    marks = unicodedata.normalize("NFD", word.lower())
    if sum(char in _TONES for char in marks) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(char for char in marks if char not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


# Long pages are first judged on every 8th character: a Unicode page shows it there at an eighth of the cost.
SAMPLE_FROM, SAMPLE_STRIDE = 4_000, 8


def _clearly_unicode(sample: str) -> bool:
    """Letters no Latin-1 reading can produce outnumber the high Latin-1 ones by far (twice the full test's
    margin, so a sample never decides a page the whole text would judge otherwise by a hair)."""
    return len(_NOT_LATIN1.findall(sample)) * 2 > len(_HIGH_LATIN.findall(sample))


def legacy_encoding(text: str) -> str | None:
    """ "tcvn3" or "vni" when `text` (a whole page) is in that font encoding read as Latin-1, else None.

    A word counts as evidence when it is not a Vietnamese syllable as it stands but is one once converted
    (`hßa` → `hòa`, `hoøa` → `hòa`); real Unicode Vietnamese (`là`, `tôi`) and Latin-1 words (`café`,
    `Müller`) are not evidence. Font names lower the share of such words that is required."""
    if text.isascii() or _clearly_unicode(text[::SAMPLE_STRIDE] if len(text) > SAMPLE_FROM else text):
        return None
    if len(_NOT_LATIN1.findall(text)) * 4 > len(_HIGH_LATIN.findall(text)):
        return None
    found = (
        word
        for token in text.split()  # str.split and isascii are C speed: most of a page is never tokenized
        if not token.isascii()
        for word in _WORD.findall(token)
        if not word.isascii() and any("a" <= c <= "z" for c in word.lower())
    )
    words = Counter(islice(found, MAX_WORDS))
    if not words:
        return None
    total = sum(words.values())
    best: tuple[int, str] | None = None
    for name, convert in CONVERTERS.items():
        evidence = sum(n for w, n in words.items() if not _is_syllable(w) and _is_syllable(convert(w)))
        share = evidence / total
        enough = evidence >= MIN_EVIDENCE_WORDS and share >= SHARE_WITHOUT_FONT
        if not enough and evidence and share >= SHARE_WITH_FONT:  # the font search is the slow part
            enough = _FONT[name].search(text) is not None
        if enough and (best is None or evidence > best[0]):
            best = (evidence, name)
    return best[1] if best else None


def fix_legacy_fonts(text: str) -> str:
    """`text` converted to Unicode NFC if it is TCVN3 or VNI read as Latin-1/cp1252, else unchanged."""
    name = legacy_encoding(text)
    return CONVERTERS[name](text) if name else text


def _strict(body: bytes, encoding: str) -> str | None:
    """`body` decoded with `encoding`, or None when the encoding is unknown or does not fit the bytes."""
    try:
        return body.decode(codecs.lookup(resolve_encoding(encoding) or encoding).name)
    except (LookupError, UnicodeDecodeError):
        return None


def decode_page(body: bytes, content_type: str | bytes | None = None) -> str:
    """Bytes → text, legacy font encodings converted.

    Valid UTF-8 is UTF-8 whatever the page declares (a wrong declaration is a common CMS fault, and
    legacy-encoded Vietnamese is practically never valid UTF-8). Otherwise a page in a legacy font encoding
    is read byte for byte; else a declaration (BOM, HTTP header, `<meta>`) is kept when it decodes the bytes
    cleanly; else bs4's UnicodeDammit guesses with charset-normalizer, which tells undeclared windows-1258
    from windows-1252."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = unicodedata.normalize(
            "NFC", _decode_legacy(body, content_type)
        )  # windows-1258 has combining tones
    return fix_legacy_fonts(text)


def _decode_legacy(body: bytes, content_type: str | bytes | None) -> str:
    """Text of bytes that are not UTF-8 (see `decode_page`)."""
    raw = body.decode("latin-1")
    if legacy_encoding(raw):
        return raw
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    declared = (
        read_bom(body)[0] or http_content_type_encoding(content_type) or html_body_declared_encoding(body)
    )
    if declared and (text := _strict(body, declared)) is not None:
        return text
    dammit = UnicodeDammit(body, is_html=True, exclude_encodings=[declared] if declared else [])
    if dammit.unicode_markup is None or dammit.contains_replacement_characters:
        return html_to_unicode(content_type, body)[1]  # nothing fits: w3lib's best, with U+FFFD
    if _codec(dammit.original_encoding) in _WESTERN and (text := _strict(body, "cp1252")) is not None:
        return text
    return dammit.unicode_markup


def _codec(encoding: str | None) -> str:
    """Python's canonical name of `encoding`, "" if unknown."""
    try:
        return codecs.lookup(encoding or "").name
    except LookupError:
        return ""


# Single-byte Latin-script code pages the detector confuses on short pages (French came out cp1257, German
# cp1250): such a guess loses to windows-1252, the web's default for undeclared pages. windows-1258 is kept.
_WESTERN = frozenset(
    _codec(name)
    for name in "cp1250 cp1252 cp1254 cp1257 latin-1 iso8859-2 iso8859-3 iso8859-4 iso8859-9 iso8859-10 "
    "iso8859-13 iso8859-14 iso8859-15 iso8859-16 mac-roman mac-latin2 cp437 cp850".split()
)
