"""Normalization of extracted values: Unicode NFC text, +07:00 dates, bylines vs sources, URLs.

Pure functions, shared by the crawl, `newsarchive extract` and offline re-parses.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import NamedTuple
from urllib.parse import urljoin

VN_TZ = timezone(timedelta(hours=7))

# str.split() already splits on every Unicode space (nbsp, U+2000–U+200A, U+202F, U+205F, U+3000…); the
# zero-width space and BOM are not spaces to Python, so they become one first.
_INVISIBLE = str.maketrans({"\u200b": " ", "\ufeff": " "})


def clean_text(value: str | None) -> str:
    """NFC-normalize and collapse every run of whitespace (nbsp, zero-width, newlines) to one space.

    split/join rather than a regex substitution: this runs on every text of every page, and is ~3x faster.
    Most texts are clean already, and splitting one costs a string per word: printable text holds no
    whitespace but " " (every other space, line break and zero-width character is unprintable), so with
    single inner spaces it is returned as it is.
    """
    if not value or value.isspace():  # the line breaks between block elements
        return ""
    value = unicodedata.normalize("NFC", value)
    if value.isprintable() and "  " not in value and value[0] != " " and value[-1] != " ":
        return value
    if "\u200b" in value or "\ufeff" in value:
        value = value.translate(_INVISIBLE)
    return " ".join(value.split())


def _marks_table() -> dict[int, int | None]:
    """Every precomposed Latin letter → its base letter, đ/Đ → d/D, combining marks (NFD input) → nothing."""
    table: dict[int, int | None] = {cp: None for cp in range(0x300, 0x370)}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(c for c in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(cp):
            table[cp] = ord(base)
    table |= {ord("đ"): ord("d"), ord("Đ"): ord("D")}
    return table


_MARKS = _marks_table()


def strip_marks(value: str) -> str:
    """Strip diacritics (đ→d included), keeping case: `Cần Đước` → `Can Duoc`. One str.translate, no NFD."""
    return value.translate(_MARKS)


def fold(value: str) -> str:
    """Lower-case and strip diacritics (đ→d): the form used to compare and slugify Vietnamese."""
    return strip_marks(value.lower())


def slugify(value: str) -> str:
    """ASCII slug the way the Báo Long An CMS makes them: diacritics stripped, đ→d, punctuation dropped."""
    return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")


def utc_now() -> str:
    """Crawl-time timestamps: UTC, ISO 8601, whole seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# --- dates ------------------------------------------------------------------------------------------

_DATE = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
# Vietnamese pages print the part of the day ("11:05 tối" is 23:05) where others print AM/PM; a printed
# offset ("GMT+7", "(GMT+07:00)", "UTC-5") says which clock the time is on.
_AMPM = r"(?:\s*(?P<ampm>sáng|chiều|tối|trưa|đêm|SA|CH|AM|PM)(?!\w))?"
# Zone names printed after a time (upper case only: "10:00 et" is French), as hours east of UTC; ET/CT/PT
# are taken as standard time.
_ZONES = {
    "gmt": 0, "utc": 0, "z": 0, "ict": 7, "jst": 9, "kst": 9, "cet": 1, "cest": 2, "bst": 1,
    "est": -5, "edt": -4, "et": -5, "cst": -6, "cdt": -5, "ct": -6, "mst": -7, "mdt": -6, "mt": -7,
    "pst": -8, "pdt": -7, "pt": -8, "aest": 10, "aedt": 11,
}  # fmt: skip
_TZ = (
    r"(?:\s*\(?\s*(?P<zone>(?-i:"
    + "|".join(sorted((z.upper() for z in _ZONES), key=len, reverse=True))
    + r"))"
    r"\s*(?P<tz>[+-]\s*\d{1,2}(?::?\d{2})?)?(?![\w+-])\s*\)?)?"
)
_OFFSET = re.compile(r"([+-])(\d{1,2})(?::?(\d{2}))?")
_TIME = r"(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2}))?" + _AMPM + _TZ
# Between a date and its time: punctuation, "lúc"/"at", or an "updated" label: "24/12/2012 Cập nhật lúc 14:02".
_DATE_TIME_GAP = r"\s*[-–,|]?\s*(?:(?:cập nhật|đăng|updated|posted)\s*:?\s*)?(?:lúc\s*|at\s+)?"
# Forms seen on Long An sites: "13/04/2022 - 09:44", "Thứ 2, Ngày 23/03/2020, 08:00",
# "04/06/2018 11:00 SA", and on sister CMS sites "Thứ sáu: 15:00 ngày 09/02/2024".
_DATE_THEN_TIME = re.compile(_DATE + r"(?:" + _DATE_TIME_GAP + _TIME + r")?", re.IGNORECASE)
_TIME_THEN_DATE = re.compile(
    r"(?P<H>\d{1,2})[:h](?P<M>\d{2})" + _AMPM + _TZ + r"\s*[-–,|]?\s*(?:ngày\s*)?" + _DATE,
    re.IGNORECASE,
)
# Year first ("Đăng lúc 2012-12-20 10:18", "2012/12/20"), as printed by CMSs and East Asian sites: never
# year-day-month.
_YEAR_FIRST = re.compile(
    r"(?<![\d/.-])(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?![\d/])"
    r"(?:(?:T|" + _DATE_TIME_GAP + r")" + _TIME + r"(?:\.\d+)?(?P<isotz>Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
# A two-digit year ("ngày 24/12/12 11:05") only with a time after it or a date word before it: alone,
# "12/12/24" could as well be a fraction, a version or year/month/day.
_SHORT_DATE = re.compile(
    r"(?:(?P<cue>ngày|thứ\s+\w+|cập nhật|đăng|updated|posted|published)\W{0,3})?"
    r"(?<![\w/.-])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{2})(?![\d/-]|\.\d)"
    r"(?:" + _DATE_TIME_GAP + _TIME + r")?",
    re.IGNORECASE,
)
# A redesign (or the English edition) may spell the month: "March 31, 2023 4:56 PM", "31 March 2023 16:56",
# "ngày 13 tháng 4 năm 2022".
_MONTHS = {m[:3].lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1
)}  # fmt: skip
_MONTH = r"(?P<mon>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?"
_CLOCK = r"(?:\s*(?:,|at|lúc|-|–|\|)?\s*" + _TIME + r")?"
_MONTH_NAME_DATES = (
    re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _CLOCK, re.IGNORECASE),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>\d{4})" + _CLOCK, re.IGNORECASE),
    re.compile(
        r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})" + _CLOCK, re.IGNORECASE
    ),
    re.compile(
        r"(?P<H>\d{1,2})[:h](?P<M>\d{2})\s*[,–-]?\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
        re.IGNORECASE,
    ),
)
_DATE_PATTERNS = (_TIME_THEN_DATE, _DATE_THEN_TIME, _YEAR_FIRST, _SHORT_DATE)
# The month-name forms are looked for only in texts that name a month (most date lines are numeric).
_MONTH_WORD = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|tháng", re.IGNORECASE)
# What the words just before a date call it (the nearest label since the previous date): the
# publication is preferred to a later update.
_LABEL = re.compile(
    r"(?P<published>đăng|xuất bản|published|posted|ngày tạo)|(?P<updated>cập nhật|sửa|updated?|modified|last edited)",
    re.IGNORECASE,
)
_DATE_PIECE = re.compile(r"\d[/.-]\d")
# A time printed right after a date is that date's, not the start of "time then date" for the next one.
_DATE_JUST_BEFORE = re.compile(r"\d[/.-]\d{1,4}\s*[-–,|]?\s*(?:lúc\s*)?$", re.IGNORECASE)


def _label_before(before: str) -> str:
    start = 0
    for piece in _DATE_PIECE.finditer(before):
        start = piece.end()
    label = ""
    for found in _LABEL.finditer(before, start):
        label = found.lastgroup or ""
    return label


_LABEL_RANK = {"published": 0, "": 1, "updated": 2}
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
# A publication date outside these years is a placeholder or a typo (.NET's DateTime.MinValue 0001-01-01, a
# 9999-12-31 "never"), not when the article appeared; it is no date (`no_date`), never an exception.
PLAUSIBLE_YEARS = range(1990, 2101)


def _build(groups: dict[str, str | None]) -> datetime | None:
    try:
        hour = int(groups.get("H") or 0)
        ampm = (groups.get("ampm") or "").lower()
        if (ampm in ("ch", "pm", "chiều", "tối") and hour < 12) or (
            (ampm == "trưa" and hour < 11) or (ampm == "đêm" and 6 <= hour < 12)
        ):
            hour += 12
        elif ampm in ("sa", "am") and hour == 12:
            hour = 0
        year = int(groups["y"] or 0)
        if len(groups["y"] or "") == 2:
            year += 1900 if year >= 90 else 2000
        tz = VN_TZ
        offset = _OFFSET.fullmatch((groups.get("tz") or groups.get("isotz") or "").replace(" ", ""))
        if offset:
            sign = -1 if offset.group(1) == "-" else 1
            tz = timezone(sign * timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0)))
        elif groups.get("isotz"):  # "Z"
            tz = UTC
        elif groups.get("zone"):
            tz = timezone(timedelta(hours=_ZONES[(groups["zone"] or "").lower()]))
        return datetime(
            year,
            int(groups["m"] or 0),
            int(groups["d"] or 0),
            hour,
            int(groups.get("M") or 0),
            int(groups.get("S") or 0),
            tzinfo=tz,
        ).astimezone(VN_TZ)
    except (TypeError, ValueError, OverflowError):
        return None


def parse_iso_datetime(value: str) -> str | None:
    """ISO 8601 from head metadata → +07:00; a naive value is taken as Long An local time.

    None for anything else, out-of-range values included (`0001-01-01T00:00:00+14:00` cannot be shifted to
    +07:00, and no article was published then).
    """
    value = value.strip()
    if not _ISO_RE.match(value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=VN_TZ)
        local = parsed.astimezone(VN_TZ)
    except (ValueError, OverflowError):
        return None
    if local.year not in PLAUSIBLE_YEARS:
        return None
    return local.replace(microsecond=0).isoformat()


class PrintedDate(NamedTuple):
    """A date as a page prints it: ISO 8601 at +07:00, what its label calls it ("published", "updated" or
    ""), and whether the page printed the clock's zone (without one the time is taken as Vietnam's)."""

    iso: str
    label: str
    zoned: bool


def parse_vn_datetime(text: str | None) -> str | None:
    """Parse a date as Vietnamese pages print it (day first, local time) → ISO 8601 with +07:00.

    `13/04/2022 - 09:44` → `2022-04-13T09:44:00+07:00`. Returns None when no plausible date is found.
    """
    found = parse_labelled_datetime(text)
    return found.iso if found else None


def parse_labelled_datetime(text: str | None) -> PrintedDate | None:
    """The date `text` prints, with what the words before it call it: "published", "updated" or "".

    Where several dates are printed the published one is preferred to an updated one, then one with a time,
    then the first: `Đăng 20/12/2012 08:00 | Cập nhật 21/12/2012 10:00` is the 20th.
    """
    text = clean_text(text)
    if not text:
        return None
    iso = parse_iso_datetime(text)
    if iso:
        return PrintedDate(iso, "", bool(re.search(r"(?:Z|[+-]\d{2}:?\d{2})$", text)))
    candidates = []
    patterns = (*_DATE_PATTERNS, *_MONTH_NAME_DATES) if _MONTH_WORD.search(text) else _DATE_PATTERNS
    for pattern in patterns:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if pattern is _SHORT_DATE and not (groups.get("cue") or groups.get("H")):
                continue
            if pattern is _TIME_THEN_DATE and _DATE_JUST_BEFORE.search(text, 0, match.start()):
                continue
            if groups.get("mon"):
                groups["m"] = str(_MONTHS.get(groups["mon"][:3].lower(), 0))
            built = _build(groups)
            if built and built.year in PLAUSIBLE_YEARS:
                before = text[max(0, match.start() - 40) : match.start()]
                if groups.get("cue"):
                    before += " " + (groups["cue"] or "")
                label = _label_before(before)
                zoned = bool(groups.get("zone") or groups.get("isotz"))
                candidates.append(
                    (_LABEL_RANK[label], not groups.get("H"), match.start(), built, label, zoned)
                )
    if not candidates:
        return None
    best = min(candidates, key=lambda c: c[:3])
    return PrintedDate(best[3].isoformat(), best[4], best[5])


# --- bylines and sources ----------------------------------------------------------------------------

_SOURCE_PREFIX = re.compile(r"^(?:nguồn|source|theo)\s*[:：]\s*", re.IGNORECASE)
_PAREN = re.compile(r"^\((?P<inner>[^()]{2,80})\)\.?$")
_BYLINE_PREFIX = re.compile(
    r"^(?:translated by|written by|by|bài(?:\s*(?:và|,|&)\s*ảnh)?|ảnh|tin(?:\s*(?:và|,)\s*ảnh)?|"
    r"bài và ảnh|tác giả|author)\s*[:：]?\s+",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*[-–—,;&/]\s*|\s+(?:and|và)\s+", re.IGNORECASE)
_NOT_IN_NAMES = re.compile(r"[\d:!?\"“”;()]|\.$")


def looks_like_name(value: str) -> bool:
    """A personal name: 1–6 capitalised words, no digits or sentence punctuation."""
    words = value.split()
    if not 1 <= len(words) <= 6 or len(value) > 60:
        return False
    if _NOT_IN_NAMES.search(value):
        return False
    return all(w[0].isupper() or w[0] in "-'" for w in words if w)


def classify_credit_line(line: str) -> tuple[list[str], list[str]] | None:
    """Split a trailing credit line into (authors, sources), or None when it is not a credit line.

    A parenthesised agency `(TTXVN/Vietnam+)` or a `Nguồn:`/`Source:` line is a source, never an author;
    `Hữu Bằng- Thanh Hiểu` is two authors; `Translated by Hoang Yen` is one.
    """
    text = clean_text(line)
    if not text:
        return None
    paren = _PAREN.match(text)
    if paren:
        return [], [clean_text(paren.group("inner"))]
    prefixed = _SOURCE_PREFIX.match(text)
    if prefixed:
        rest = text[prefixed.end() :].strip()
        return ([], [rest]) if rest else None
    text = _BYLINE_PREFIX.sub("", text).strip()
    names = [n.strip(" .") for n in _NAME_SPLIT.split(text) if n.strip(" .")]
    if names and all(looks_like_name(n) for n in names):
        return names, []
    return None


# --- URLs -------------------------------------------------------------------------------------------


def absolute_url(base: str, src: str | None) -> str | None:
    """Make an image or link URL absolute with urljoin, keeping it as the page wrote it (no re-encoding)."""
    if not src:
        return None
    src = src.strip()
    if not src or src.startswith(("data:", "javascript:", "#")):
        return None
    return urljoin(base, src)
