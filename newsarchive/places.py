"""The administrative units an article names, before and after Long An's 2025 reorganisation.

The gazetteer (`newsarchive/gazetteer/`, see its README) holds every unit of two periods: period 2024, the 15
district-level and 186 commune-level units in force from 1 December 2024 to 30 June 2025, and period 2025, the
60 communes and wards formed on that territory from 1 July 2025 (province Tây Ninh), with the old → new mapping.
Keys are `<period>-<GSO code>`: GSO codes repeat across periods (the 2025 Phường Long An has the code of the old
Phường 1 of Tân An), keys never do.

The tagger reads title, lead and body as plain functions over text (no database), by these rules, each written
for a trap of real prose (the README's "Places" section gives them with examples):

- Names are matched on words, longest first. A word written with marks matches only that spelling, tone
  placement aside ("Nhơn Hoà" = "Nhơn Hòa", but "Thanh Hóa" ≠ "Thạnh Hóa"); a name written wholly without
  marks (the English editions, ASCII typing) matches every unit whose name folds to it. NFD text is NFC'd first.
- A name with its level word (huyện, thị xã, thành phố, thị trấn, xã, phường, their abbreviations H., TX., TP.,
  TT., P.; English district, town, city, township, commune, ward) names a unit of that level; the level word
  carries over a list ("các xã Mỹ Yên, Long Hiệp và Phước Lợi", "Can Duoc and Can Giuoc districts").
- The article's date picks the period (before 1 July 2025: 2024 units; from then: 2025 units), unless the text
  says "cũ"/"former" or "mới"/"new"; a name and level found only in the other period names that unit.
- Same-name units of one period (three xã Tân Thành, numbered wards of Tân An and Kiến Tường) are told apart by
  a district named next to them, else by the one district the article names; otherwise they are left untagged.
  A unit followed by another province, or by a district that is not Long An's, is not a Long An unit.
- A bare name (no level word) counts only for the names of the 15 districts (and their 2025 namesakes), never
  when it is also a province's name (a bare "Long An" is the province) or a part of a longer proper name
  ("Nguyễn Đức Hòa"). A name inside the name of a bridge, market, river, school, industrial park … ("cầu Bến
  Lức", "sông Thủ Thừa") is a mention at low confidence.

Units abolished before December 2024 are not in the gazetteer: they stay untagged (a documented limit).
"""

from __future__ import annotations

import csv
import functools
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .normalize import strip_marks

REORGANISED_ON = "2025-07-01"  # the first day of the 2025 units (Resolution 1682/NQ-UBTVQH15)
PERIODS = ("2024", "2025")
DISTRICT_TIER = frozenset({"city", "town", "district"})
COMMUNE_TIER = frozenset({"ward", "commune", "township"})
# How sure a mention is: a name with its level word, a bare district name, a name inside another name.
CONFIDENCE = {"level": 1.0, "name": 0.9, "sub": 0.5}
HIGH = 0.8  # at or above: the article is about the unit; below: it only names something named after it

_LEVELS_2024 = {"provincial city": "city", "district-level town": "town", "rural district": "district"}
_PREFIXES = ("Thành phố ", "Thị xã ", "Huyện ", "Thị trấn ", "Xã ", "Phường ")
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}  # huyền sắc ngã hỏi nặng
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"[^\S\n]+")
# Names no bare mention may stand for: shared with districts of many other provinces.
SHARED_NAMES = frozenset({"chau thanh"})


@dataclass(frozen=True)
class Place:
    key: str
    period: str  # 2024 | 2025
    level: str  # city | town | district | township | commune | ward
    name: str  # as the gazetteer writes it: "Huyện Cần Giuộc"
    short: str  # without the level: "Cần Giuộc"
    ascii: str
    name_en: str
    gso_code: str
    parent: str | None = None  # a 2024 commune's district
    successors: tuple[tuple[str, bool], ...] = ()  # (key, partial): where the territory went on 1 July 2025
    predecessors: tuple[tuple[str, bool], ...] = ()  # (key, partial): what a 2025 unit was formed from
    former_districts: tuple[str, ...] = ()  # a 2025 unit's: the districts its territory came from
    abolished_on: str | None = None  # a unit abolished before the gazetteer starts: known, never tagged

    @property
    def tier(self) -> str:
        return "district" if self.level in DISTRICT_TIER else "commune"

    def row(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "period": self.period,
            "level": self.level,
            "tier": self.tier,
            "name": self.name,
            "short_name": self.short,
            "ascii": self.ascii,
            "name_en": self.name_en,
            "gso_code": self.gso_code,
            "parent_key": self.parent,
        }


def tone_key(word: str) -> str:
    """A word as names are compared when written with marks: lower case, NFC, the tone mark moved to the end
    ("hoà" and "hòa" both give "hoa2"), every other mark kept ("thạnh" is "thanh5", never "thanh")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [_TONES[c] for c in decomposed if c in _TONES]
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bare + "".join(tones)


@functools.lru_cache(maxsize=65536)
def _keys(word: str) -> tuple[str, str, bool]:
    """(tone key, folded lower-case form, whether the word carries any mark or đ)."""
    folded = strip_marks(word).lower()
    return tone_key(word), folded, folded != word.lower()


def _short(name: str) -> str:
    name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()  # "Xã Nhơn Hoà (also written Nhơn Hòa)"
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _gazetteer_rows(name: str) -> list[dict[str, str]]:
    with resources.files(__package__).joinpath("gazetteer", name).open(encoding="utf-8") as f:
        return [{k: unicodedata.normalize("NFC", v) for k, v in row.items()} for row in csv.DictReader(f)]


_CLAUSE_LINK = re.compile(r"^(?P<name>.+?)(?:\s*\((?:cl\. \d+, )?(?P<share>part|rest)\))?$")


class Gazetteer:
    """Every unit of both periods, the mapping between them, and the lookups the tagger needs."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        districts = _gazetteer_rows("districts_2024.csv")
        communes = _gazetteer_rows("communes_2024.csv")
        new = _gazetteer_rows("communes_2025.csv")
        key_2025 = {row["name_vi"]: f"2025-{row['gso_code']}" for row in new}
        district_key = {row["name_vi"]: f"2024-{row['gso_code']}" for row in districts}
        links: list[tuple[str, str, bool]] = []  # (2024 key, 2025 key, partial)
        raw: list[dict[str, Any]] = []
        for row in districts:
            key = f"2024-{row['gso_code']}"
            names = [n.strip() for n in row["successors_2025"].split(",")]
            links += [(key, key_2025[n], len(names) > 1) for n in names]
            raw.append(dict(key=key, period="2024", level=_LEVELS_2024[row["unit_type"]], row=row))
        for row in communes:
            key = f"2024-{row['gso_code']}"
            for part in row["successor_2025"].split(";"):
                found = _CLAUSE_LINK.match(part.strip())
                assert found is not None
                links.append((key, key_2025[found["name"]], found["share"] is not None))
            raw.append(
                dict(
                    key=key,
                    period="2024",
                    level=row["unit_type"],
                    row=row,
                    parent=district_key[row["district_vi"]],
                )
            )
        for row in new:
            formers = tuple(district_key[d.strip()] for d in row["former_districts"].split(",") if d.strip())
            raw.append(
                dict(
                    key=f"2025-{row['gso_code']}",
                    period="2025",
                    level=row["unit_type"],
                    row=row,
                    former_districts=formers,
                )
            )
        commune_links = [link for link in links if link[0] in {f"2024-{r['gso_code']}" for r in communes}]
        for item in raw:
            row = item["row"]
            key = item["key"]
            self.places[key] = Place(
                key=key,
                period=item["period"],
                level=item["level"],
                name=re.sub(r"\s*\(.*?\)", "", row["name_vi"]).strip(),
                short=_short(row["name_vi"]),
                ascii=row["ascii"],
                name_en=row["name_en"].split(" / ")[0],
                gso_code=row["gso_code"],
                parent=item.get("parent"),
                successors=tuple((new_key, partial) for old, new_key, partial in links if old == key),
                predecessors=tuple(
                    (old, partial) for old, new_key, partial in commune_links if new_key == key
                ),
                former_districts=item.get("former_districts", ()),
            )
        # Units abolished before the gazetteer starts, known by name so that an older article naming one is not
        # taken to name a unit of the same name elsewhere; never tagged themselves.
        self.abolished = [
            Place(
                key=f"abolished:{row['district_vi']}:{row['name_vi']}",
                period="2024",
                level=row["unit_type"],
                name=row["name_vi"],
                short=_short(row["name_vi"]),
                ascii=strip_marks(row["name_vi"]),
                name_en="",
                gso_code="",
                parent=district_key[row["district_vi"]],
                abolished_on=row["abolished_on"],
            )
            for row in _gazetteer_rows("abolished.csv")
        ]
        self.by_tone: dict[tuple[str, ...], list[Place]] = {}
        self.by_fold: dict[tuple[str, ...], list[Place]] = {}
        for place in [*self.places.values(), *self.abolished]:
            words = _WORD.findall(place.short)
            self.by_tone.setdefault(tuple(_keys(w)[0] for w in words), []).append(place)
            self.by_fold.setdefault(tuple(_keys(w)[1] for w in words), []).append(place)
        self.longest = max(len(k) for k in self.by_tone)
        # First words of names: the tagger looks up names only where one starts.
        self.first_tone = {k[0] for k in self.by_tone}
        self.first_fold = {k[0] for k in self.by_fold}
        provinces = _gazetteer_rows("provinces.csv")
        self.provinces_tone = {
            tuple(_keys(w)[0] for w in _WORD.findall(r["name_vi"])): r["name_vi"] for r in provinces
        }
        self.provinces_fold = {
            tuple(_keys(w)[1] for w in _WORD.findall(r["name_vi"])): r["name_vi"] for r in provinces
        }
        self.district_names_fold = {
            tuple(_keys(w)[1] for w in _WORD.findall(p.short))
            for p in self.places.values()
            if p.period == "2024" and p.tier == "district"
        }

    def lookup(self, words: tuple[tuple[str, str, bool], ...]) -> list[Place]:
        """Units named by these words: by tone key when any word has marks, else by folded form."""
        if any(marked for _, _, marked in words):
            return self.by_tone.get(tuple(t for t, _, _ in words), [])
        return self.by_fold.get(tuple(f for _, f, _ in words), [])

    def province(self, words: tuple[tuple[str, str, bool], ...]) -> str | None:
        if any(marked for _, _, marked in words):
            return self.provinces_tone.get(tuple(t for t, _, _ in words))
        return self.provinces_fold.get(tuple(f for _, f, _ in words))

    def links(self) -> list[dict[str, Any]]:
        """Old → new rows: each 2024 unit and the 2025 units its territory went to (partial: only part of it)."""
        return [
            {"old_key": p.key, "new_key": new, "partial": int(partial)}
            for p in self.places.values()
            for new, partial in p.successors
        ]


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _tones(*phrases: str) -> set[tuple[str, ...]]:
    """Phrases as token tone keys, each phrase a string of space-separated words (or one word per item of a
    space-separated string when given a single string of single words)."""
    if len(phrases) == 1:
        phrases = tuple(phrases[0].split())
    return {tuple(tone_key(w) for w in phrase.split()) for phrase in phrases}


def _ending_with(phrases: frozenset[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their last word: the tagger looks up only those that may end before a name."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[-1], []).append(phrase)
    return index


def _levels(table: Mapping[str, frozenset[str]]) -> dict[tuple[str, ...], frozenset[str]]:
    return {tuple(tone_key(w) for w in phrase.split()): levels for phrase, levels in table.items()}


# Level words before a name (Vietnamese, and English "Ward 5"), compared by tone key; after a name (English),
# compared folded. An abbreviation may be followed by "." ("TP.Tân An"); H. and P. must be.
_BEFORE = _levels(
    {
        "thành phố": frozenset({"city"}),
        "thị xã": frozenset({"town"}),
        "thị trấn": frozenset({"township"}),
        "huyện": frozenset({"district"}),
        "xã": frozenset({"commune"}),
        "phường": frozenset({"ward"}),
        "huyện ủy": frozenset({"district"}),
        "huyện uỷ": frozenset({"district"}),
        "thị ủy": frozenset({"town"}),
        "thị uỷ": frozenset({"town"}),
        "thành ủy": frozenset({"city"}),
        "thành uỷ": frozenset({"city"}),
        "tp": frozenset({"city"}),
        "tx": frozenset({"town"}),
        "tt": frozenset({"township"}),
        "h": frozenset({"district"}),
        "p": frozenset({"ward"}),
        "ward": frozenset({"ward"}),
    }
)
_DOTTED = _tones("h p")  # only as "H." / "P.": a bare letter is an initial
_AFTER: dict[str, frozenset[str]] = {
    "district": DISTRICT_TIER,
    "districts": DISTRICT_TIER,
    "town": frozenset({"town", "township"}),
    "towns": frozenset({"town", "township"}),
    "township": frozenset({"township"}),
    "townships": frozenset({"township"}),
    "city": frozenset({"city"}),
    "commune": frozenset({"commune"}),
    "communes": frozenset({"commune"}),
    "ward": frozenset({"ward"}),
    "wards": frozenset({"ward"}),
}
# What may follow a unit as its container when it is not a Long An district (then the unit is not Long An's).
_FOREIGN_BEFORE = _tones("quận", "q", "tỉnh", "huyện", "thị xã", "thành phố", "tp", "tx")
_PROVINCE_WORD = tone_key("tỉnh")
_FOREIGN_AFTER = {"province", "district", "city", "town", "county"}
# Words between a unit and its container: "xã Tân Lập thuộc huyện Tân Thạnh", "Ward 1 of Tan An city".
_CONNECTORS = {tone_key(w) for w in ("thuộc", "của", "of", "in")}
_DASH = re.compile(r"\s*[-–]\s*")  # inside a name: "Bà Rịa - Vũng Tàu"
# Things named after a unit (Vietnamese: the word comes first; English: after the name).
_FACILITY_BEFORE = _tones(
    "cầu chợ sông kênh rạch bến phà cảng ga đường cống đập đình chùa miếu đồn kho vàm kcn ccn thpt thcs htx"
    " bv ttyt"
) | _tones(
    "bến xe",
    "bến phà",
    "khu công nghiệp",
    "cụm công nghiệp",
    "trường",
    "tiểu học",
    "mầm non",
    "bệnh viện",
    "bệnh viện đa khoa",
    "trung tâm y tế",
    "nhà máy",
    "công ty",
    "hợp tác xã",
    "nhà thờ",
    "giáo xứ",
    "cánh đồng",
    "khu đô thị",
    "khu dân cư",
    "sân vận động",
    "nhà văn hóa",
    "siêu thị",
    "bưu điện",
    "đồn biên phòng",
    "quốc lộ",
    "tỉnh lộ",
    "đường tỉnh",
    "thánh thất",
    "cầu cảng",
)
_BEFORE_END = _ending_with(frozenset(_BEFORE))
_FACILITY_END = _ending_with(frozenset(_FACILITY_BEFORE))
_FACILITY_AFTER = set(
    (
        "bridge market river canal port school hospital industrial company co cooperative church pagoda ferry"
        " bus road street stadium temple medical general high secondary primary station dyke lock sluice"
        " expressway highway parish university college plant factory farm fields"
    ).split()
)
# Words saying which period a name is meant in: Vietnamese after the name, English before it.
_NEW_WORD = tone_key("mới")
_FORMED = _tones("thành lập", "được thành", "sáp nhập", "hình thành", "ra mắt", "sắp xếp", "hợp nhất")
_MARK_AFTER = {tone_key("cũ"): "old", _NEW_WORD: "new"}
_MARK_BEFORE = {"former": "old", "formerly": "old", "old": "old", "previous": "old", "new": "new"}
_JOINERS = _tones("và and hoặc or cùng với")
# Vietnamese family names: a bare name right after one is part of a person's name ("Nguyễn Đức Hòa").
_FAMILY = {
    tone_key(w)
    for w in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương Lâm Mai"
        " Tô Trịnh Lưu Tạ Châu Cao Hà Thái Quách Lương Văn Thị Hữu Ông Bà Anh Chị"
    ).split()
} | {
    w.lower()
    for w in "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Dinh Doan Truong Lam Mai To Trinh Luu Ta Chau Cao Ha Thai Quach Luong Van Thi Huu Mr Mrs Ms Dr".split()
}


class _Token:
    """A word of the text; its keys (`_keys`, cached per word) are computed only for the words looked at."""

    __slots__ = ("text", "start", "end")

    def __init__(self, match: re.Match[str]) -> None:
        self.text, self.start, self.end = match.group(), match.start(), match.end()

    @property
    def tone(self) -> str:
        return _keys(self.text)[0]

    @property
    def folded(self) -> str:
        return _keys(self.text)[1]

    @property
    def marked(self) -> bool:
        return _keys(self.text)[2]

    @property
    def titled(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()

    @property
    def title_case(self) -> bool:
        """Capitalised like a name in running text ("Cần"), not an all-caps headline word ("CẦN")."""
        return self.text[:1].isupper() and not (len(self.text) > 1 and self.text.isupper())


@dataclass
class _Mention:
    first: int  # token indexes: the name is tokens[first:last]
    last: int
    candidates: list[Place]
    levels: frozenset[str] | None = None  # from a level word, or None for a bare name
    level_first: int | None = None  # where the level word starts (a token index), when before the name
    level_after: bool = False
    sub: bool = False
    marker: str | None = None  # old | new
    container: str | None = None  # a Long An district key named next to it
    foreign: bool = False  # followed by another province, or a district that is not Long An's
    chosen: Place | None = None
    numbered: bool = False


@dataclass
class Tag:
    """One unit an article names: how many times, the strongest way it was named, how sure that is."""

    key: str
    mentions: int = 0
    method: str = "sub"  # level | name | sub
    confidence: float = CONFIDENCE["sub"]


def period_of(date: str | None) -> str:
    """The period an article's date falls in (an ISO date or timestamp); undated: the current one."""
    return "2024" if date and date[:10] < REORGANISED_ON else "2025"


class _Tagger:
    def __init__(self, text: str, date: str | None, gaz: Gazetteer) -> None:
        self.text = text
        self.date = date[:10] if date else None
        self.period = period_of(date)
        self.gaz = gaz
        self.tokens = [_Token(m) for m in _WORD.finditer(text)]

    # -- the text around tokens

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i (from the start of the text for i = 0)."""
        start = self.tokens[i - 1].end if i > 0 else 0
        end = self.tokens[i].start if i < len(self.tokens) else len(self.text)
        return self.text[start:end]

    def spaced(self, i: int) -> bool:
        """Token i follows token i-1 with only spaces between, on one line (one phrase)."""
        return (
            0 < i < len(self.tokens)
            and _SPACES.fullmatch(self.text, self.tokens[i - 1].end, self.tokens[i].start) is not None
        )

    def sentence_start(self, i: int) -> bool:
        return i == 0 or bool(re.search(r"[.!?:;\n\"“”'‘’(\[–—-]\s*$", self.gap(i)))

    def words(self, i: int, j: int) -> tuple[str, ...]:
        return tuple(t.tone for t in self.tokens[i:j])

    def phrase_before(
        self, i: int, phrases: Mapping[str, list[tuple[str, ...]]], dotted: bool = False
    ) -> tuple[str, ...] | None:
        """The longest of `phrases` (by last word, `_ending_with`) ending right before token i (one phrase
        with it; "TP.Tân An" too)."""
        best: tuple[str, ...] | None = None
        if i < 1:
            return None
        for phrase in phrases.get(self.tokens[i - 1].tone, ()):
            n = len(phrase)
            if i - n < 0 or self.words(i - n, i) != phrase:
                continue
            joined = all(self.spaced(k) for k in range(i - n + 1, i))
            gap = self.gap(i)
            if phrase in _DOTTED:
                ok = bool(re.fullmatch(r"\.\s*", gap))
            elif dotted and len(phrase) == 1 and len(phrase[0]) <= 2:
                ok = bool(re.fullmatch(r"\.?\s*", gap)) and gap != ""
            else:
                ok = _SPACES.fullmatch(gap) is not None
            if joined and ok and (best is None or n > len(best)):
                best = phrase
        return best

    # -- finding names

    def run(self) -> list[_Mention]:
        mentions: list[_Mention] = []
        i = 0
        n_tokens = len(self.tokens)
        first_tone, first_fold = self.gaz.first_tone, self.gaz.first_fold
        while i < n_tokens:
            found = None
            token = self.tokens[i]
            # Names start with a capital or a digit (a lower-case one is checked by `describe`, and dropped).
            if not (token.text[0].isupper() or token.text[0].isdigit()) or (
                token.tone not in first_tone and token.folded not in first_fold
            ):
                i += 1
                continue
            for n in range(min(self.gaz.longest, n_tokens - i), 0, -1):
                if n > 1 and not all(self.spaced(k) for k in range(i + 1, i + n)):
                    continue
                places = self.gaz.lookup(tuple((t.tone, t.folded, t.marked) for t in self.tokens[i : i + n]))
                if places:
                    found = _Mention(i, i + n, list(places))
                    break
            if found is None:
                i += 1
                continue
            # A unit abolished before the gazetteer starts is a candidate only in articles older than that.
            found.candidates = [
                p for p in found.candidates if p.abolished_on is None or (self.date or "9") < p.abolished_on
            ]
            mentions.append(found)
            i = found.last
        described = [m for m in (self.describe(m) for m in mentions) if m is not None]
        self.lists(described)
        kept = [
            m
            for m in described
            if m.levels is not None
            or (not m.numbered and self._district_name(m) and (m.sub or self._bare_ok(m)))
        ]
        self.containers(kept)
        return kept

    def describe(self, m: _Mention) -> _Mention | None:
        """Level word, facility, period marker around a name; None when it is not a unit's name."""
        toks = self.tokens
        m.numbered = toks[m.first].text.isdigit()
        before = self.phrase_before(m.first, _BEFORE_END, dotted=True)
        if before is not None:
            m.levels = _BEFORE[before]
            m.level_first = m.first - len(before)
        after = toks[m.last].text.lower() if m.last < len(toks) and self.spaced(m.last) else None
        if m.levels is None and after in _AFTER and not m.numbered:
            m.levels = _AFTER[after]
            m.level_after = True
        if not all(t.titled for t in toks[m.first : m.last]):
            return None  # a name in lower case is a word: "xã hội" is society
        head = m.level_first if m.level_first is not None else m.first
        if self.phrase_before(head, _FACILITY_END) is not None or self._modified_facility(head):
            m.sub = True
        tail = m.last + (1 if m.level_after else 0)
        if tail < len(toks) and self.spaced(tail) and toks[tail].text.lower() in _FACILITY_AFTER:
            m.sub = True
        if (
            tail < len(toks)
            and toks[tail].tone in _MARK_AFTER
            and (self.spaced(tail) or self.gap(tail).strip() == "(")
        ):
            # "mới" is also "just" ("cầu Bến Lức mới thông xe"): a marker only where the phrase ends, or
            # before a verb of the reorganisation ("xã Mỹ An mới được thành lập").
            ends = tail + 1 >= len(toks) or bool(self.gap(tail + 1).strip())
            formed = self.words(tail + 1, tail + 3) in _FORMED or self.words(tail + 1, tail + 2) in _FORMED
            if toks[tail].tone != _NEW_WORD or ends or formed:
                m.marker = _MARK_AFTER[toks[tail].tone]
        k = head - 1
        if k >= 0 and self.spaced(head) and toks[k].folded in _MARK_BEFORE:
            m.marker = _MARK_BEFORE[toks[k].folded]
        return m

    def _modified_facility(self, head: int) -> bool:
        """A facility word, then up to three capitalised words, then the name: "Bệnh viện Đa khoa Cần Giuộc",
        "Trường THPT Chuyên Long An"."""
        k = head
        for _ in range(3):
            if k - 1 < 0 or not self.spaced(k) or not self.tokens[k - 1].titled:
                return False
            k -= 1
            if self.phrase_before(k, _FACILITY_END) is not None:
                return True
        return False

    def _district_name(self, m: _Mention) -> bool:
        """Whether a name without level word may stand for a unit: one of the 15 district names, and not also
        a province's ("Long An"; "Thanh Hoa" in ASCII) or a name many provinces' districts share."""
        words = tuple((t.tone, t.folded, t.marked) for t in self.tokens[m.first : m.last])
        folded = tuple(f for _, f, _ in words)
        if folded not in self.gaz.district_names_fold or " ".join(folded) in SHARED_NAMES:
            return False
        if not any(p.period == "2024" and p.tier == "district" for p in m.candidates):
            return False  # "Thanh Hóa" with marks: no district is written so
        return self.gaz.province(words) is None

    def _bare_ok(self, m: _Mention) -> bool:
        """A bare district name written as a name of its own, not as part of a longer one ("Nguyễn Đức Hòa")."""
        toks = self.tokens
        first = toks[m.first]
        k = m.first - 1
        if (
            k >= 0
            and toks[k].title_case
            and (toks[k].tone in _FAMILY or toks[k].folded in _FAMILY)
            and re.fullmatch(r"\.?\s+", self.gap(m.first))
        ):
            return False  # "Ông Đức Hòa", "Mr. Duc Hoa"
        if first.title_case:
            if k >= 0 and self.spaced(m.first) and toks[k].title_case and not self.sentence_start(k):
                return False
            # A marked name going on ("Tân An Hội"); an English name may precede any capitalised word
            # ("Can Giuoc Chinese sausage").
            marked = any(t.marked for t in toks[m.first : m.last])
            if marked and m.last < len(toks) and self.spaced(m.last) and toks[m.last].title_case:
                return False
        return True

    def lists(self, mentions: list[_Mention]) -> None:
        """A level word carries over a list of names: forward in Vietnamese, backward in English."""
        for a, b in itertools.pairwise(mentions):
            if (
                a.levels is not None
                and not a.level_after
                and b.levels is None
                and self._listed(a.last, b.first)
            ):
                if any(p.level in a.levels for p in b.candidates):
                    b.levels = a.levels
        for a, b in reversed(list(itertools.pairwise(mentions))):
            if b.levels is not None and b.level_after and a.levels is None and self._listed(a.last, b.first):
                if any(p.level in b.levels for p in a.candidates):
                    a.levels, a.level_after = b.levels, True
        # "The new Long Cang, Rach Kien and My Le communes", "các xã A, B và C cũ": one marker for the list.
        for a, b in itertools.pairwise(mentions):
            if a.levels is not None and a.levels == b.levels and self._listed(a.last, b.first):
                b.marker = b.marker or a.marker
        for a, b in reversed(list(itertools.pairwise(mentions))):
            if a.levels is not None and a.levels == b.levels and self._listed(a.last, b.first):
                a.marker = a.marker or b.marker

    def _listed(self, end: int, start: int) -> bool:
        if start == end:
            return self.gap(start).strip() in {",", "&", "/"}
        if start == end + 1:
            joiner = self.tokens[end]
            return (joiner.tone,) in _JOINERS and self.gap(end).strip() in {"", ","} and self.spaced(start)
        return False

    def containers(self, mentions: list[_Mention]) -> None:
        """What follows a unit's name: its district ("xã Tân Lập, huyện Mộc Hóa", "Tân Lập (Mộc Hóa)"), or
        another province or a district that is not Long An's."""
        by_first = {m.first if m.level_first is None else m.level_first: m for m in mentions}
        for m in mentions:
            end = m.last + (1 if m.level_after else 0)
            nxt = self._next_unit(end, by_first)
            if nxt is not None and isinstance(nxt, _Mention):
                districts = [p for p in nxt.candidates if p.tier == "district" and p.period == "2024"]
                if len(districts) == 1 and (nxt.levels is None or nxt.levels & DISTRICT_TIER):
                    m.container = districts[0].key
                if nxt.foreign:
                    m.foreign = True
            elif nxt == "foreign":
                m.foreign = True
            # English "Moc Hoa district's Tan Lap commune": the district before, with 's.
            head = m.first if m.level_first is None else m.level_first
            for prev in mentions:
                if (
                    prev.last + (1 if prev.level_after else 0) == head - 1
                    and self.tokens[head - 1].folded == "s"
                ):
                    districts = [p for p in prev.candidates if p.tier == "district" and p.period == "2024"]
                    if len(districts) == 1 and self.gap(head - 1) in {"'", "’"}:
                        m.container = districts[0].key
            # "Tien Giang's Chau Thanh district": another province's.
            if head >= 2 and self.tokens[head - 1].folded == "s" and self.gap(head - 1) in {"'", "’"}:
                for n in range(1, 5):
                    if head - 1 - n < 0:
                        break
                    words = tuple((t.tone, t.folded, t.marked) for t in self.tokens[head - 1 - n : head - 1])
                    province = self.gaz.province(words)
                    if province is not None and province not in {"Long An", "Tây Ninh"}:
                        m.foreign = True
        # A district followed by another province is that province's: so are the units it contains.
        for m in reversed(mentions):
            end = m.last + (1 if m.level_after else 0)
            nxt = self._next_unit(end, by_first)
            if isinstance(nxt, _Mention) and nxt.foreign:
                m.foreign = True

    def _next_unit(self, end: int, by_first: Mapping[int, _Mention]) -> _Mention | str | None:
        """The unit right after token `end` behind a comma, parenthesis or dash: a mention, "foreign" for a
        province other than Long An's or a district-level name the gazetteer does not hold, or None."""
        toks = self.tokens
        if end >= len(toks):
            return None
        if self.gap(end).strip() not in {",", "(", "-", "–"}:
            if not (
                end + 1 < len(toks)
                and toks[end].tone in _CONNECTORS
                and self.gap(end).strip() in {"", ","}
                and self.spaced(end + 1)
            ):
                return None
            end += 1  # "xã Tân Lập thuộc huyện Tân Thạnh", "Tan Lap commune of Moc Hoa district"
        if end in by_first:
            return by_first[end]
        level = next(
            (p for p in sorted(_FOREIGN_BEFORE, key=len, reverse=True) if self.words(end, end + len(p)) == p),
            None,
        )
        start = end + (len(level) if level else 0)
        name_end = start
        while (
            name_end < len(toks)
            and name_end - start < 4
            and toks[name_end].titled
            and (name_end == start or self.spaced(name_end) or _DASH.fullmatch(self.gap(name_end)))
        ):
            name_end += 1
        if name_end == start:
            return None
        words = tuple((t.tone, t.folded, t.marked) for t in toks[start:name_end])
        province = self.gaz.province(words)
        suffix = toks[name_end].folded if name_end < len(toks) and self.spaced(name_end) else None
        if province is not None and (level in {(_PROVINCE_WORD,), None} or suffix == "province"):
            return None if province in {"Long An", "Tây Ninh"} else "foreign"
        if level is not None or suffix in _FOREIGN_AFTER:
            if not any(p.tier == "district" for p in self.gaz.lookup(words)):
                return "foreign"
        return None

    # -- choosing units

    def choose(self, mentions: list[_Mention]) -> list[_Mention]:
        named_districts = {
            p.key
            for m in mentions
            if not m.foreign and (m.levels is None or m.levels & DISTRICT_TIER)
            for p in m.candidates
            if p.tier == "district" and p.period == "2024"
        }
        chosen = []
        for m in mentions:
            if m.foreign:
                continue
            place = self._pick(m, named_districts)
            if place is not None:
                m.chosen = place
                chosen.append(m)
        return chosen

    def _pick(self, m: _Mention, named_districts: set[str]) -> Place | None:
        if m.levels is not None:
            pool = [p for p in m.candidates if p.level in m.levels]
        else:
            pool = [
                p for p in m.candidates if (p.period == "2024" and p.tier == "district") or p.period == "2025"
            ]
        if not pool:
            return None
        period = {"old": "2024", "new": "2025"}.get(m.marker or "", self.period)
        if m.levels is None and m.marker is None and period == "2025":
            # A bare district name after the reorganisation: its 2025 namesake, if there is one.
            pool = [p for p in pool if p.period == "2025"] or pool
        in_period = [p for p in pool if p.period == period] or pool
        if len({p.period for p in in_period}) > 1:
            in_period = [p for p in in_period if p.period == "2024" and p.tier == "district"] or in_period
        if m.container is not None:
            in_period = [p for p in in_period if p.parent in (None, m.container) or p.key == m.container]
            if m.numbered:
                in_period = [p for p in in_period if p.parent == m.container]
        elif m.numbered or len(in_period) > 1:
            in_period = [p for p in in_period if p.parent in named_districts]
        return in_period[0] if len(in_period) == 1 else None


def tag(
    title: str | None,
    lead: str | None = None,
    body: str | None = None,
    published_at: str | None = None,
    fetched_at: str | None = None,
) -> dict[str, Tag]:
    """The units an article names, by key (see the module docstring for the rules)."""
    text = unicodedata.normalize("NFC", "\n\n".join(t for t in (title, lead, body) if t))
    tagger = _Tagger(text, published_at or fetched_at, gazetteer())
    tags: dict[str, Tag] = {}
    for m in tagger.choose(tagger.run()):
        assert m.chosen is not None
        if m.chosen.abolished_on is not None:
            continue  # a known unit the gazetteer does not hold: a documented limit
        found = tags.setdefault(m.chosen.key, Tag(m.chosen.key))
        method = "sub" if m.sub else "level" if m.levels is not None else "name"
        found.mentions += 1
        if CONFIDENCE[method] > found.confidence or found.mentions == 1:
            found.method, found.confidence = method, CONFIDENCE[method]
    return tags


def tag_record(record: Mapping[str, Any]) -> dict[str, Tag]:
    """`tag` over an article record or row (title, lead, body_text, published_at, fetched_at)."""
    return tag(
        record.get("title"),
        record.get("lead"),
        record.get("body_text"),
        record.get("published_at"),
        record.get("fetched_at") or record.get("first_seen_at"),
    )
