"""Ground truth for translation pairing: some mirror articles become translated stories (and distractors).

``plan`` takes planned articles of the two editions of a paper and gives them the stories' sections and dates
(English 0–14 days after Vietnamese) before ids are assigned; ``fill`` overwrites their texts once the page
generator has filled them (keeping its markup variants, bylines and image files; sharing the Vietnamese
image file where the story says so); ``write_truth`` writes ``truth/pairs.json``: the pairs, the Vietnamese
distractors and the English articles without a partner, keyed as the archive keys them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from newsarchive.normalize import slugify

from .common import write as _write


@dataclass
class Chosen:
    """The planned articles (``cms_baolongan.Art``) each story, distractor and lone English article took."""

    texts: ModuleType
    site: str
    stories: list[tuple[dict[str, Any], Any, Any]] = field(default_factory=list)  # (story, vi art, en art)
    distractors: list[tuple[dict[str, Any], Any]] = field(default_factory=list)
    unpartnered: list[tuple[dict[str, Any], Any]] = field(default_factory=list)


def _take(arts: list[Any], section: tuple[str, str | None], used: set[int]) -> Any:
    """The first plain listed article of ``section`` not taken yet (the plan order is the seed's)."""
    for i, a in enumerate(arts):
        if i in used or a.is_seed or a.kind != "valid" or a.reach != "listed" or a.no_date:
            continue
        if a.category == section[0]:
            used.add(i)
            a.subcategory = section[1]
            return a
    raise ValueError(f"no article left in section {section[0]} for a translated story")


# English 0–14 days after Vietnamese, as the pairing's window (newsarchive/pairing.py) reads it, with room.
WINDOW = (timedelta(hours=12), timedelta(days=15))


def _clear_windows(vi_arts: list[Any], en_arts: list[Any], taken: set[int], last: datetime) -> None:
    """Move the other English articles out of the two weeks after any other Vietnamese article.

    The two editions' text banks translate each other, so an English article drawn from the bank two weeks
    after a Vietnamese one on the same topic would be a partial translation that no truth lists; on the
    real sites an English article without a partner does not repeat a fresh Vietnamese one.
    """
    starts = [a.date for a in vi_arts if id(a) not in taken and a.kind == "valid" and not a.is_seed]
    for a in en_arts:
        if id(a) in taken or a.is_seed or a.reach == "rss":
            continue
        step = timedelta(days=16)
        for _ in range(60):
            if not any(d - WINDOW[0] <= a.date <= d + WINDOW[1] for d in starts):
                break
            if a.date + step > last:
                step = -step
            a.date += step


def plan(texts: ModuleType, site: str, vi_arts: list[Any], en_arts: list[Any], last: datetime) -> Chosen:
    """Give planned articles the stories' sections and dates (before ids, which follow dates)."""
    chosen = Chosen(texts, site)
    used_vi: set[int] = set()
    used_en: set[int] = set()
    for story in texts.STORIES:
        vi = _take(vi_arts, story["vi_section"], used_vi)
        en = _take(en_arts, story["en_section"], used_en)
        vi.date = story["date"]
        later = story["date"] + timedelta(days=story["lag_days"])
        # the English version comes out in the working day after the original, later in the day if the same
        en.date = later.replace(hour=min(21, later.hour + 5), minute=(later.minute + 17) % 60)
        chosen.stories.append((story, vi, en))
    for item in texts.DISTRACTORS:
        vi = _take(vi_arts, item["section"], used_vi)
        vi.date = item["date"]
        chosen.distractors.append((item, vi))
    for item in texts.UNPARTNERED:
        en = _take(en_arts, item["section"], used_en)
        en.date = item["date"]
        chosen.unpartnered.append((item, en))
    taken = {id(a) for _s, vi, en in chosen.stories for a in (vi, en)}
    taken |= {id(a) for _i, a in (*chosen.distractors, *chosen.unpartnered)}
    _clear_windows(vi_arts, en_arts, taken, last)
    return chosen


def _rewrite(a: Any, text: dict[str, Any], block_type: type, image: str | None = None) -> None:
    """The story's title, lead and paragraphs in place of the generated ones; images and byline kept."""
    images = [b for b in a.blocks if b.kind == "img"]
    if image is not None:
        if images:
            images[0].src = image
        else:
            images = [block_type("img", src=image)]
    if images and (images[0].caption is not None or image is not None):
        images[0].caption = text["caption"]
    paras = [block_type("p", text=p) for p in text["paras"]]
    a.title, a.lead = text["title"], text["lead"]
    a.slug = slugify(a.title)
    # one image: a generated second one would carry a caption about another story
    a.blocks = images[:1] + paras


def fill(chosen: Chosen, lang: str, block_type: type, new_image: Callable[[Any], str]) -> None:
    """Overwrite the chosen articles of one edition (Vietnamese first: English may share its image).

    ``new_image(art)``: an image file for an original that must share one and was generated without."""
    for story, vi, en in chosen.stories:
        if lang == "vi":
            has_image = any(b.kind == "img" for b in vi.blocks)
            _rewrite(
                vi, story["vi"], block_type, new_image(vi) if story["share_image"] and not has_image else None
            )
        else:
            shared = next(b.src for b in vi.blocks if b.kind == "img") if story["share_image"] else None
            _rewrite(en, story["en"], block_type, shared)
    if lang == "vi":
        for item, vi in chosen.distractors:
            _rewrite(vi, item["vi"], block_type)
    else:
        for item, en in chosen.unpartnered:
            _rewrite(en, item["en"], block_type)


def write_truth(chosen: Chosen, out_dir: Path) -> None:
    def key(lang: str, a: Any) -> str:
        return f"{chosen.site}:{lang}:{a.id}"

    truth = {
        "pairs": [
            {
                "en": key("en", en),
                "vi": key("vi", vi),
                "story": story["id"],
                "days_after": (en.date - vi.date).days,
                "shared_image": story["share_image"],
            }
            for story, vi, en in chosen.stories
        ],
        "distractors_vi": [
            {"vi": key("vi", vi), "near": item["near"], "twin": item["twin"]}
            for item, vi in chosen.distractors
        ],
        "unpartnered_en": [{"en": key("en", en), "near": item["near"]} for item, en in chosen.unpartnered],
    }
    _write(out_dir / "truth" / "pairs.json", json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
