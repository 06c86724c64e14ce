"""Pair an English article with the Vietnamese article it translates, from evidence that survives translation.

Plain functions over article records (``key``, ``lang``, ``site``, ``title``, ``lead``, ``body_text``,
``published_at``, ``category``, ``images``); no database here (``translations.py`` stores the outcome).

What a translator carries over, whatever the wording: numbers, amounts and percentages (each edition writes
them its own way: ``1.637`` / ``1,637``, ``147,4%`` / ``147.4%``, ``550 tỉ đồng`` / ``VND 550 billion``), dates
(``13/4`` / ``April 13``), names of people and places (the English edition prints them without marks), and
now and then the same image file. Each article becomes a set of such features; a pair's score is the cosine of
the two sets weighted by how specific each feature is (a prior by kind) times how rare it is among the
candidates of the English article's window (an IDF over that window only, so a decision depends on the window
and never on what else happens to be in the archive). Assignment is one-to-one, best score first, and an
English article whose best remaining candidate scores under ``THRESHOLD`` stays unpaired. No template, phrase
or date of the mirror is used: with every date in one window, content alone decides.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import unquote, urlsplit

from .normalize import fold

# English published 0–14 days after Vietnamese; a little slack before for same-day items timed out of order.
WINDOW_AFTER = timedelta(days=14, hours=23)
WINDOW_BEFORE = timedelta(hours=12)
# Under THRESHOLD (a cosine) an English article stays unpaired: unrelated articles of one window share a
# year, a province name and small numbers, which stays far below it. Between it and SURE, the best candidate
# must also stand out, MARGIN times the runner-up: another article on the same story (same names, other
# numbers) comes close to it, a translation does not.
THRESHOLD = 0.15
SURE = 0.35
MARGIN = 1.5
# And at least this many independent pieces of evidence: a name (its words and pairs counted once), a number
# that is neither small nor a year, a date, an image file. One shared place name is a coincidence.
MIN_EVIDENCE = 2
METHOD = "evidence-v1"

# --- numbers ----------------------------------------------------------------------------------------------

_SCALES_VI = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỉ": 1e9, "tỷ": 1e9}
_SCALES_EN = {
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
}
_NUMBER = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:\s*(%))?(?:\s*(nghìn|ngàn|triệu|tỉ|tỷ|thousand|million|mln|billion|bln|bn|trillion)\b)?",
    re.IGNORECASE,
)
_EN_WORDS = {
    w: i
    for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
    if i >= 2
}
_EN_WORD_NUMBER = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.IGNORECASE)


def _readings(token: str, lang: str) -> list[float]:
    """The values a written number can mean: by the edition's convention first, the other when a lone
    separator before three digits leaves it open (a Vietnamese text quoting ``1,637`` the English way)."""
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    groups = re.split(r"[.,]", token)
    seps = re.findall(r"[.,]", token)
    if not seps:
        return [float(token)]
    values: list[float] = []
    for th, dec in ((thousands, decimal), (decimal, thousands)):
        if all(s == th for s in seps) and all(len(g) == 3 for g in groups[1:]):
            values.append(float("".join(groups)))
        elif seps.count(dec) == 1 and seps[-1] == dec and all(s == th for s in seps[:-1]):
            whole = "".join(groups[:-1])
            if all(len(g) == 3 for g in groups[1:-1]):
                values.append(float(f"{whole}.{groups[-1]}"))
        if values:
            break
    if len(seps) == 1 and len(groups[1]) == 3:
        other = float(token.replace(seps[0], "")) if seps[0] == decimal else float(token.replace(",", "."))
        if other not in values:
            values.append(other)
    return values


def _canon(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


def numbers(text: str, lang: str) -> set[str]:
    """Canonical values of the numbers, amounts and percentages in ``text`` (dates taken out first)."""
    text = _DATE_ANY.sub(" ", text)
    scales = _SCALES_VI if lang == "vi" else _SCALES_EN
    out: set[str] = set()
    for match in _NUMBER.finditer(text):
        token, _pct, scale = match.groups()
        factor = scales.get(scale.lower(), 1.0) if scale else 1.0
        for value in _readings(token, lang):
            out.add(_canon(value * factor))
    if lang == "en":
        for match in _EN_WORD_NUMBER.finditer(text):
            out.add(str(_EN_WORDS[match.group(1).lower()]))
    return out


# --- dates ------------------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_EN_MD = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_EN_DM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?")
_VI_DM = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?(?![\d/-])")
_VI_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.IGNORECASE)
_DATE_ANY = re.compile(
    "|".join(p.pattern for p in (_EN_MD, _EN_DM, _VI_WORDS))
    + r"|(?<![\d/.-])\d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?(?![\d/-])"
)


def dates(text: str, lang: str) -> set[str]:
    """Day and month of every date written in ``text``, as ``M-D`` (years count among the numbers)."""
    found: list[tuple[int, int, str | None]] = []
    if lang == "vi":
        for m in (*_VI_WORDS.finditer(text), *_VI_DM.finditer(text)):
            found.append((int(m.group(2)), int(m.group(1)), m.group(3)))
    else:
        for m in _EN_MD.finditer(text):
            found.append((_MONTHS[m.group(1)[:3].lower()], int(m.group(2)), m.group(3)))
        for m in _EN_DM.finditer(text):
            found.append((_MONTHS[m.group(2)[:3].lower()], int(m.group(1)), m.group(3)))
    return {f"{month}-{day}" for month, day, _ in found if 1 <= month <= 12 and 1 <= day <= 31}


_EN_MONTH = re.compile(r"\b" + _MONTH + r"(?!\w)")
_VI_MONTH = re.compile(r"\btháng\s+(\d{1,2})\b", re.IGNORECASE)


def months(text: str, lang: str) -> set[str]:
    """Months named in ``text`` (``tháng 6`` / ``June``), a weak clue on their own."""
    if lang == "vi":
        found = {int(m.group(1)) for m in _VI_MONTH.finditer(text)}
    else:
        found = {_MONTHS[m.group(1)[:3].lower()] for m in _EN_MONTH.finditer(text) if m.group(1) != "May"}
    return {str(m) for m in found if 1 <= m <= 12}


# --- names ------------------------------------------------------------------------------------------------

# English words capitalised at the start of a sentence whose folded form is also a common Vietnamese
# syllable (The/Thế, Do/Do, An/An, To/Tổ …) or that say nothing on their own.
_EN_STOP = frozenset(
    "a an and as at but by do for from he her his if in is it its me mr mrs ms my no of on or our she so "
    "than that the their them then there these they this those to we what when where which who why with "
    "you i".split()
)


_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december".split()
)


_UPPER = "".join(ch for ch in map(chr, (*range(0x41, 0x250), *range(0x1E00, 0x1F00))) if ch.isupper())
_CAP_WORD = rf"[{_UPPER}][^\W\d_]*(?:'[^\W\d_]+|-[^\W\d_]+)*"
# Runs of capitalised words separated by spaces only: punctuation and line ends cut a run.
_CAP_RUN = re.compile(rf"(?<![\w'-]){_CAP_WORD}(?:[ \t\u00a0]+{_CAP_WORD})*(?![\w])")
_SENTENCE_END = frozenset(".!?:\n")


def _at_sentence_start(text: str, pos: int) -> bool:
    """Nothing but spaces, quotes and brackets between the start of a sentence (or line) and ``pos``."""
    i = pos - 1
    while i >= 0 and not text[i].isalnum() and text[i] not in _SENTENCE_END:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def names(text: str, lang: str) -> set[str]:
    """Capitalised words and runs of them, marks stripped and lower-cased: ``Cần Đước`` and ``Can Duoc``
    both give ``can``, ``duoc`` and ``can duoc``. Runs are cut at punctuation; a sentence's first word
    counts only inside a run (``Các``, ``Theo``, ``The`` are capitalised for the sentence, not as names)."""
    out: set[str] = set()
    english = lang == "en"
    for match in _CAP_RUN.finditer(text):
        words = [fold(w) for w in match.group(0).split()]
        runs: list[list[str]] = [[]]
        for w in words:
            if english and (w in _EN_STOP or w in _MONTH_NAMES):
                runs.append([])  # a stop word cuts the run
            else:
                runs[-1].append(w)
        if len(runs[0]) == 1 and len(words) >= 1 and _at_sentence_start(text, match.start()):
            runs[0] = []  # a lone sentence-initial word is capitalised for the sentence
        for run in runs:
            for i, w in enumerate(run):
                out.add(w)
                if i:
                    out.add(f"{run[i - 1]} {w}")
    return out


# --- features and scores ----------------------------------------------------------------------------------


def _number_prior(value: str) -> float:
    """How much one shared number says: small counts and years are everywhere, 1,637 or 147.4 is not."""
    try:
        v = float(value)
    except ValueError:
        return 1.0
    if "." in value:
        return 1.0
    if v <= 12:
        return 0.25
    if 1900 <= v <= 2100:
        return 0.4
    if v < 100:
        return 0.6
    return 1.0


def _image_name(url: str) -> str:
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]).lower()
    return fold(name)


def features(record: Mapping[str, Any]) -> dict[str, float]:
    """Every feature of one article with its prior weight (the kind's specificity)."""
    lang = str(record.get("lang") or "")
    text = "\n".join(str(record.get(k) or "") for k in ("title", "lead", "body_text"))
    out: dict[str, float] = {}
    for value in numbers(text, lang):
        out[f"#{value}"] = _number_prior(value)
    for day in dates(text, lang):
        out[f"@{day}"] = 1.2
    for month in months(text, lang):
        out[f"m:{month}"] = 0.4
    for name in names(text, lang):
        out[f"n:{name}"] = 1.3 if " " in name else (1.0 if len(name) > 3 else 0.5)
    for url in record.get("images") or []:
        if name := _image_name(url if isinstance(url, str) else str(url.get("url", ""))):
            out[f"img:{name}"] = 0.6  # a weak bonus only: the real sites' habit is unknown
    return dict(sorted(out.items()))  # one order, so sums (and scores) are the same in every process


def _when(record: Mapping[str, Any]) -> datetime | None:
    value = record.get("published_at")
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        return None


def _within(e: datetime | None, v: datetime | None) -> bool:
    """The English article appeared 0–14 days after the Vietnamese one. Undated English articles (a
    collection without dates) may pair with anything; a dated one never with an undated original."""
    if e is None:
        return True
    if v is None:
        return False
    return v - WINDOW_BEFORE <= e <= v + WINDOW_AFTER


@dataclass
class Decision:
    """One English article's outcome: its partner (None: no partner found), the score and what matched."""

    en_key: str
    vi_key: str | None
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


def _idf(df: int, n: int) -> float:
    """Rarity among the window's candidates; smoothed so a one-candidate window still weighs by kind."""
    return math.log((n + 4) / (df + 1)) + 0.5


def _weighted(
    feats: Mapping[str, float], idf: Mapping[str, float], unseen: float
) -> tuple[dict[str, float], float]:
    """Prior × IDF of every feature (``unseen``: the IDF of one no candidate has), and the vector's norm."""
    weights = {f: p * idf.get(f, unseen) for f, p in feats.items()}
    return weights, math.sqrt(sum(w * w for w in weights.values()))


def cosine(en: tuple[dict[str, float], float], vi: tuple[dict[str, float], float]) -> tuple[float, list[str]]:
    """Cosine of two weighted feature sets, and the shared features, strongest first."""
    (wen, en_norm), (wvi, vi_norm) = en, vi
    shared = [f for f in wen if f in wvi]
    if not shared:
        return 0.0, []
    dot = sum(wen[f] * wvi[f] for f in shared)
    shared.sort(key=lambda f: (-wen[f], f))
    return dot / (en_norm * vi_norm), shared


def strength(shared: Iterable[str]) -> int:
    """How many independent pieces of evidence the shared features make (see MIN_EVIDENCE)."""
    names = [f[2:] for f in shared if f.startswith("n:")]
    clusters: list[set[str]] = []
    for name in sorted((n for n in names if " " in n), key=len, reverse=True):
        words = set(name.split())
        for cluster in clusters:
            if cluster & words:
                cluster |= words
                break
        else:
            clusters.append(words)
    in_runs = set().union(*clusters) if clusters else set()
    single = [n for n in names if " " not in n and n not in in_runs and len(n) > 3]
    other = [
        f
        for f in shared
        if f.startswith(("@", "img:")) or (f.startswith("#") and _number_prior(f[1:]) >= 0.6)
    ]
    return len(clusters) + len(single) + len(other)


def _evidence(shared: list[str], en: Mapping[str, Any], vi: Mapping[str, Any]) -> dict[str, Any]:
    kinds = {"#": "numbers", "@": "dates", "m:": "months", "n:": "names", "img:": "images"}
    out: dict[str, Any] = {}
    for f in shared[:40]:
        prefix = next(p for p in kinds if f.startswith(p))
        out.setdefault(kinds[prefix], []).append(f[len(prefix) :])
    e, v = _when(en), _when(vi)
    if e and v:
        out["days_after"] = round((e - v).total_seconds() / 86400, 1)
    return out


# A group of English articles (one site, one calendar month) is scored against the Vietnamese articles that can
# precede any of them; past EXACT_UP_TO candidates, only those sharing a feature rarer than RARE of them are
# scored in full (a month of a big archive holds thousands of Vietnamese articles, a translation shares its
# rare numbers and names with its original).
EXACT_UP_TO = 300
RARE = 0.02
SHORTLIST = 40


def month_of(record: Mapping[str, Any]) -> tuple[datetime, datetime] | None:
    """The calendar month of an article, the unit whose English articles share one IDF."""
    when = _when(record)
    if when is None:
        return None
    start = when.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def candidate_range(month: tuple[datetime, datetime]) -> tuple[datetime, datetime]:
    """Publication times of the Vietnamese articles an English article of ``month`` may translate."""
    return month[0] - WINDOW_AFTER, month[1] + WINDOW_BEFORE


def pair(
    english: Sequence[Mapping[str, Any]],
    vietnamese: Sequence[Mapping[str, Any]],
    taken: Iterable[str] = (),
    forbidden: Iterable[tuple[str, str]] = (),
    threshold: float = THRESHOLD,
    feature_cache: dict[str, dict[str, float]] | None = None,
) -> list[Decision]:
    """Decide every English article: one-to-one, best score first, within one site and the date window.

    ``taken``: Vietnamese keys already bound (confirmed pairs, pairs outside this run) that no one may take;
    ``forbidden``: (English, Vietnamese) pairs a person rejected. The IDF of a feature is its rarity among the
    Vietnamese articles that may precede the English article's month (all of them when undated), so an
    article is decided the same way whichever run, full or incremental, decides it.
    """
    cache = feature_cache if feature_cache is not None else {}

    def feats(r: Mapping[str, Any]) -> dict[str, float]:
        key = str(r["key"])
        if key not in cache:
            cache[key] = features(r)
        return cache[key]

    rejected = set(forbidden)
    groups: dict[tuple[str, tuple[datetime, datetime] | None], list[Mapping[str, Any]]] = {}
    for en in english:
        groups.setdefault((str(en.get("site")), month_of(en)), []).append(en)
    candidates: list[tuple[float, str, str, list[str]]] = []
    best: dict[str, float] = {}
    for (site, month), members in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or ())):
        window = [v for v in vietnamese if str(v.get("site")) == site]
        if month is not None:
            low, high = candidate_range(month)
            window = [v for v in window if (w := _when(v)) is not None and low <= w <= high]
        if window:
            candidates += _score_group(members, window, feats, rejected, threshold, best)
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    records = {str(r["key"]): r for r in (*english, *vietnamese)}
    used_vi = set(taken)
    decided: dict[str, Decision] = {}
    for s, en_key, vi_key, shared in candidates:
        if en_key in decided or vi_key in used_vi:
            continue
        used_vi.add(vi_key)
        decided[en_key] = Decision(
            en_key, vi_key, round(s, 4), _evidence(shared, records[en_key], records[vi_key])
        )
    out = []
    for en in english:
        key = str(en["key"])
        # "No partner" is an outcome too: its score says how close the nearest candidate came.
        out.append(
            decided.get(key) or Decision(key, None, round(best.get(key, 0.0), 4), {"threshold": threshold})
        )
    return out


def _score_group(
    members: Sequence[Mapping[str, Any]],
    window: Sequence[Mapping[str, Any]],
    feats: Any,
    rejected: set[tuple[str, str]],
    threshold: float,
    best: dict[str, float],
) -> list[tuple[float, str, str, list[str]]]:
    """Candidate pairs of one group that pass the threshold and stand out from their runner-up."""
    vfeats = [feats(v) for v in window]
    df: Counter[str] = Counter()
    for f in vfeats:
        df.update(f.keys())
    n = len(window)
    idf = {f: _idf(c, n) for f, c in df.items()}
    unseen = _idf(0, n)
    vweighted = [_weighted(f, idf, unseen) for f in vfeats]
    vkeys = [str(v["key"]) for v in window]
    vwhen = [_when(v) for v in window]
    postings: dict[str, list[int]] = {}
    if n > EXACT_UP_TO:
        limit = max(3, int(RARE * n))
        for i, f in enumerate(vfeats):
            for name in f:
                if df[name] <= limit:
                    postings.setdefault(name, []).append(i)
    out = []
    for en in members:
        en_key = str(en["key"])
        ef = feats(en)
        eweighted = _weighted(ef, idf, unseen)
        e = _when(en)
        if n > EXACT_UP_TO:
            hits: Counter[int] = Counter()
            for name, prior in ef.items():
                for i in postings.get(name, ()):
                    hits[i] += prior
            shortlist = [i for i, _ in hits.most_common(SHORTLIST)]
        else:
            shortlist = list(range(n))
        scored = sorted(
            (
                (*cosine(eweighted, vweighted[i]), vkeys[i])
                for i in shortlist
                if _within(e, vwhen[i]) and (en_key, vkeys[i]) not in rejected
            ),
            key=lambda x: (-x[0], x[2]),
        )
        if scored:
            best[en_key] = scored[0][0]
        for i, (s, shared, vi_key) in enumerate(scored):
            if s < threshold:
                break
            runner_up = scored[1 if i == 0 else 0][0] if len(scored) > 1 else 0.0
            if (s >= SURE or s >= MARGIN * runner_up) and strength(shared) >= MIN_EVIDENCE:
                out.append((s, en_key, vi_key, shared))
    return out


# --- republications ---------------------------------------------------------------------------------------

REPUBLISHED_FROM = "news.baolongan.vn"


def republishes(record: Mapping[str, Any]) -> bool:
    """A portal item that credits the newspaper's English edition as its source (``Source: http://news.baolongan.vn/``)."""
    sources = record.get("sources") or []
    return any(REPUBLISHED_FROM in str(s) for s in sources)


def _words(record: Mapping[str, Any]) -> set[str]:
    text = " ".join(str(record.get(k) or "") for k in ("title", "lead", "body_text"))
    return set(fold(text.lower()).split())


def republication_of(
    item: Mapping[str, Any], originals: Sequence[Mapping[str, Any]], minimum: float = 0.8
) -> tuple[str, float] | None:
    """The newspaper's English article a portal item copies, when the evidence is clear: the same title and
    most of the words (Jaccard ≥ ``minimum``), published before the item."""
    words = _words(item)
    title = fold(str(item.get("title") or "").lower()).strip()
    best: tuple[str, float] | None = None
    when = _when(item)
    for original in originals:
        o_when = _when(original)
        if when and o_when and o_when > when + WINDOW_BEFORE:
            continue
        o_words = _words(original)
        if not words or not o_words:
            continue
        jaccard = len(words & o_words) / len(words | o_words)
        same_title = fold(str(original.get("title") or "").lower()).strip() == title
        if jaccard >= minimum and same_title and (best is None or jaccard > best[1]):
            best = (str(original["key"]), round(jaccard, 4))
    return best
